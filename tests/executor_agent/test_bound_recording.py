"""Issue 15 on real Chromium: the recorder binds the texts an input chose (a link's name, the table row it sits in,
a radio's label) to that input, and the runtime's Target finds this run's choice inside the row it names."""

from __future__ import annotations

import libcst as cst
import pytest
from playwright.async_api import Page

from codegen_service.blocks import build_block, simple_generation
from executor_service.bindings import Input
from executor_service.recording import ActionRecorder
from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import RunContext
from executor_service.runtime.checkbox_lists import listed_item, listed_items
from executor_service.runtime.context import ParameterValue
from executor_service.runtime.target import Target
from services.gen.rote.v1 import trace_pb2, workflow_pb2

pytestmark = pytest.mark.browser

ORDERS = ["SO-1001", "SO-1002", "SO-1003"]
PAGE = (
    "<!doctype html><html><body><h1>Orders</h1><table><tbody>"
    + "".join(
        f'<tr><td>{n}</td><td><a href="#{n}-details">Details</a> <a href="#{n}-return">Return</a></td></tr>'
        for n in ORDERS
    )
    + "</tbody></table><fieldset><legend>Size</legend>"
    + "".join(f'<label><input type="radio" name="size" value="{s}"> {s}</label>' for s in ("Small", "Large"))
    + "</fieldset></body></html>"
)


def _pairs(action: trace_pb2.Action) -> set[tuple[str, str, str, bool]]:
    return {(b.field, b.source, b.text, b.whole) for b in action.bindings}


@pytest.fixture
async def orders(page: Page) -> Page:
    await page.set_content(PAGE)
    return page


async def test_a_link_chosen_by_two_goal_inputs_binds_its_name_and_its_row(orders: Page) -> None:
    params = {"link": "Return", "order": "SO-1002"}
    recorder = ActionRecorder(parameters=params, effect_timeout_ms=300)
    recorder.bind_inputs([Input("link", "Return"), Input("order", "SO-1002")])
    handle = await orders.query_selector('a[href="#SO-1002-return"]')
    assert handle is not None
    action = await recorder.click(orders, handle, intent="Click 'Return' to click Return in the row of SO-1002")
    # The order number is a whole cell of its row: replay wants a row showing this run's number whole.
    assert {("name", "link", "Return", True), ("row", "order", "SO-1002", True)} <= _pairs(action)
    assert ("intent", "order", "SO-1002", False) in _pairs(action)

    trace = trace_pb2.BlockTrace(label="pick", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=[action])
    code = cst.Module([]).code_for_node(build_block(trace, simple_generation(params, {"pick": "pick"})).function)
    assert 'name=ctx.param("link")' in code and 'row=ctx.param("order")' in code and "row_exact=True" in code
    assert "SO-1002" not in code and "Return" not in code.replace('ctx.param("link")', "")

    # Replayed for another order, the target names one element: that order's Return link.
    [(_, found), *_] = Target(role="link", name="Return", row="SO-1003", row_exact=True).candidates(orders)
    visible = found.filter(visible=True)
    assert await visible.count() == 1
    assert await visible.get_attribute("href") == "#SO-1003-return"
    [(_, unscoped), *_] = Target(role="link", name="Return").candidates(orders)
    assert await unscoped.count() == 3


async def test_a_radio_ticked_for_a_payload_value_binds_its_label_to_that_parameter(orders: Page) -> None:
    params = {"size": "Large", "other": "Large"}
    recorder = ActionRecorder(parameters=params, effect_timeout_ms=300)
    # Two inputs with the same text: the payload key the agent acted for decides.
    recorder.bind_inputs([Input("other", "Large")], {"size": Input("size", "Large")})
    handle = await orders.query_selector('input[value="Large"]')
    assert handle is not None
    action = await recorder.check(orders, handle, intent="Choose Large as the size", payload_key="size")
    sources = {b.source for b in action.bindings if b.field != "intent"}
    assert sources == {"size"}
    assert ("name", "size", "Large", True) in _pairs(action)
    assert await handle.is_checked()


async def test_without_inputs_nothing_is_bound_and_no_row_is_read(orders: Page) -> None:
    recorder = ActionRecorder(parameters={"order": "SO-1002"}, effect_timeout_ms=300)
    handle = await orders.query_selector('a[href="#SO-1002-return"]')
    assert handle is not None
    action = await recorder.click(orders, handle, intent="Click 'Return'")
    assert list(action.bindings) == []


PLANS = """<!doctype html><html><body><label for="plan">Plan</label><select id="plan">
<option value="basic-plan">Basic plan</option><option value="premium-plan">Premium plan</option>
</select></body></html>"""


async def test_an_option_matched_by_its_words_replays_this_runs_choice(page: Page) -> None:
    await page.set_content(PLANS)
    params = {"plan": "premium"}
    recorder = ActionRecorder(parameters=params, effect_timeout_ms=300)
    recorder.bind_inputs([], {"plan": Input("plan", "premium")})
    handle = await page.query_selector("#plan")
    assert handle is not None
    # As the agent records a select whose option it matched by words: the option's value, no parameter key.
    action = await recorder.select(page, handle, "premium-plan", intent="Choose the plan", payload_key="plan")
    assert action.parameter_key == "" and ("option", "plan", "premium", False) in _pairs(action)
    trace = trace_pb2.BlockTrace(label="plan", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=[action])
    code = cst.Module([]).code_for_node(build_block(trace, simple_generation(params, {"plan": "plan"})).function)
    # Chosen by each run's value; the recorded option is named only as what the recorded value chose, which the
    # runtime checks its rules agree with before choosing another value's option (runtime/option_naming.py).
    assert 'ctx.param("plan"),\n        recorded="premium",\n        option="premium-plan",' in code, code
    assert code.count("premium-plan") == 1

    recorded: list[trace_pb2.Action] = []

    async def sink(done: trace_pb2.Action, healed: bool) -> None:
        recorded.append(done)

    ctx = RunContext(run_id="r", parameters={"plan": "basic"})
    replay = ReplayPage(page, ctx, on_action=sink, settle_timeout_ms=500)
    await replay.choose(Target(label="Plan"), ctx.param("plan"), recorded="premium", option="premium-plan",
                        intent="Choose the plan")
    assert await page.eval_on_selector("#plan", "e => e.value") == "basic-plan"
    assert recorded[-1].postcondition.verified


CHANNELS = ("Email", "SMS", "Push", "Phone call")
BOXES = "<!doctype html><html><body><h3>Channels</h3>" + "".join(
    f'<label><input type="checkbox" name="ch" value="v{i}"{" checked" if c == "Push" else ""}> {c}</label>'
    for i, c in enumerate(CHANNELS)
) + "</body></html>"


async def _ticked(page: Page) -> list[str]:
    return [c for c in CHANNELS if await page.get_by_role("checkbox", name=c, exact=True).is_checked()]


async def test_a_checkbox_list_replays_exactly_this_runs_items(page: Page) -> None:
    await page.set_content(BOXES)
    params = {"channels": "Email, SMS"}
    recorder = ActionRecorder(parameters=params, effect_timeout_ms=300)
    recorder.bind_inputs([], {"channels": Input("channels", "Email, SMS")})
    for name, tick in (("Email", True), ("SMS", True), ("Push", False)):
        handle = await page.get_by_role("checkbox", name=name, exact=True).element_handle()
        act = recorder.check if tick else recorder.uncheck
        action = await act(page, handle, intent=f"Set {name}", payload_key="channels")
        assert ("member", "channels", name, False) in _pairs(action)
    assert await _ticked(page) == ["Email", "SMS"]

    trace = trace_pb2.BlockTrace(label="prefs", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=recorder.actions)
    code = cst.Module([]).code_for_node(build_block(trace, simple_generation(params, {"prefs": "prefs"})).function)
    assert code.count("await page.set_listed(") == 1 and 'set_listed(\n        ctx.param("channels")' in code

    async def sink(done: trace_pb2.Action, healed: bool) -> None:
        return None

    ctx = RunContext(run_id="r", parameters={"channels": "Phone call, Push"})
    replay = ReplayPage(page, ctx, on_action=sink, settle_timeout_ms=500)
    known = [Target(role="checkbox", name=name) for name in ("Email", "SMS", "Push")]
    await replay.set_listed(ctx.param("channels"), known, intent="Set the channels list")
    assert await _ticked(page) == ["Push", "Phone call"]
    # A box of the same list the recording never touched ("Phone call", ticked now) is unticked when not wanted.
    await replay.set_listed(ParameterValue("Email", "channels"), [Target(role="checkbox", name="SMS")])
    assert await _ticked(page) == ["Email"]


async def test_a_checkbox_list_leaves_hidden_boxes_of_the_list_alone(page: Page) -> None:
    # A ticked box of the same list that is not shown (a template row, an option for another plan) is no stray.
    await page.set_content(
        BOXES.replace("</body>", '<label style="display:none"><input type="checkbox" name="ch" checked> Fax</label>'
                                 '<label style="visibility:hidden"><input type="checkbox" name="ch" checked> Telex'
                                 "</label></body>")
    )

    async def sink(done: trace_pb2.Action, healed: bool) -> None:
        return None

    replay = ReplayPage(page, RunContext(run_id="r", parameters={}), on_action=sink, settle_timeout_ms=500)
    await replay.set_listed(ParameterValue("SMS", "channels"), [Target(role="checkbox", name="Email")])
    assert await _ticked(page) == ["SMS"]
    assert await page.locator("input[name=ch]").evaluate_all("els => els.slice(-2).map((e) => e.checked)") == [
        True, True
    ]
    assert [a.postcondition.observed for a in replay.actions] == ["unchecked", "checked", "unchecked"]


async def test_code_built_from_a_replayed_checkbox_list_still_sets_the_next_runs_items(page: Page) -> None:
    # Boxes named with details after the item ("Courtesy car (+£19.99) A small car…") are that item's. The replay
    # records each box for its input, so code generated again from its trace (after a later fallback) makes the next
    # run's list: never a check of this run's box by name (seen: add-ons bought by code had none of those asked).
    extras = ["Breakdown cover", "Courtesy car", "Key cover"]
    await page.set_content("<!doctype html><html><body>" + "".join(
        f'<label><input type="checkbox" name="extra" value="x{i}"> {e} (+£{10 + i}.99) what it covers</label>'
        for i, e in enumerate(extras)) + "</body></html>")

    async def sink(done: trace_pb2.Action, healed: bool) -> None:
        return None

    params = {"add_ons": "Courtesy car"}
    replay = ReplayPage(page, RunContext(run_id="r", parameters=params), on_action=sink, settle_timeout_ms=500)
    known = [Target(role="checkbox", name=f"{e} (+£{10 + i}.99) what it covers") for i, e in enumerate(extras)]
    await replay.set_listed(ParameterValue("Courtesy car", "add_ons"), known, intent="Set the add ons list")
    shown = [await page.locator(f"input[value=x{i}]").is_checked() for i in range(3)]
    assert shown == [False, True, False]
    assert all(("member", "add_ons") in {(b.field, b.source) for b in a.bindings} for a in replay.actions)
    trace = trace_pb2.BlockTrace(label="extras", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=replay.actions)
    code = cst.Module([]).code_for_node(build_block(trace, simple_generation(params, {"extras": "extras"})).function)
    assert code.count("await page.set_listed(") == 1 and "page.check(" not in code and "page.uncheck(" not in code
    wanted = listed_items("Key cover, Courtesy car")
    assert listed_item("Courtesy car (+£19.99) A small car", wanted) == "Courtesy car"
    assert listed_item("Key cover plus", wanted) == ""  # a longer name is another item
