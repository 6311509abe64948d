"""Per-action postconditions and block completion (issue 13) on real local pages in Chromium: each kind passes
where the page did what was asked and fails where it did not, in agent mode (recorder) and code mode (runtime)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, Page, async_playwright

from executor_service.browser.block_facts import BlockFacts, goal_values
from executor_service.browser.completion import judge_block, validation_errors
from executor_service.browser.criteria import criterion_holds, termination_message
from executor_service.browser.launch import launch_chromium
from executor_service.browser.value_checks import alternative_formats, value_matches
from executor_service.recording import ActionRecorder
from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import ReplayFailed, RunContext, Target
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from services.workflows.criteria import criterion_problem, parse_criterion
from tests.executor.postcondition_pages import serving

pytestmark = pytest.mark.browser
CE = trace_pb2.ClickEffect
SETTLE_MS = 1000


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serving() as url:
        yield url


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        chromium = await launch_chromium(playwright)
        yield chromium
        await chromium.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(accept_downloads=True)
    context.set_default_timeout(5000)
    yield await context.new_page()
    await context.close()


def recorder(**parameters: str) -> ActionRecorder:
    return ActionRecorder(parameters=parameters, secret_keys={"password"}, effect_timeout_ms=SETTLE_MS)


def replay(page: Page, **parameters: str) -> ReplayPage:
    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        return None

    ctx = RunContext(run_id="t", parameters=parameters, secret_keys=frozenset({"password"}))
    return ReplayPage(page, ctx, on_action=sink, settle_timeout_ms=SETTLE_MS)


async def handle(page: Page, css: str):  # type: ignore[no-untyped-def]
    found = await page.query_selector(css)
    assert found is not None, css
    return found


# --- pure rules ----------------------------------------------------------------------------------


def test_value_matching_is_normalised_by_input_type() -> None:
    assert value_matches("01/07/2025", "2025-07-01", "date")
    assert not value_matches("01/07/2025", "2025-07-02", "date")
    assert value_matches("5551234567", "(555) 123-4567", "text")
    assert value_matches("ab12 cd", "AB12CD", "text")
    assert not value_matches("hunter2", "hunter", "password")
    assert value_matches("3", "3.0", "number")
    assert not value_matches("Ada", "XX", "text")


def test_alternative_formats_follow_what_the_field_asks_for() -> None:
    assert alternative_formats("01/07/2025", {"type": "date"}) == ["2025-07-01"]
    assert alternative_formats("2025-07-01", {"type": "text", "placeholder": "DD/MM/YYYY"}) == ["01/07/2025"]
    assert alternative_formats("2025-07-01", {"type": "text", "hint": "Format: mm-dd-yyyy"}) == ["07-01-2025"]
    assert alternative_formats("12-345", {"type": "text", "pattern": "[0-9]*"}) == ["12345"]
    assert alternative_formats("Ada", {"type": "text"}) == []


def test_criterion_grammar() -> None:
    assert parse_criterion("url:/done") == parse_criterion(" URL: /done ")
    assert parse_criterion("Thank you").kind == "text"  # type: ignore[union-attr]
    value = parse_criterion("value:input[name=zip]=12345")
    assert value is not None and (value.target, value.expected) == ("input[name=zip]", "12345")
    assert parse_criterion("") is None
    problem = criterion_problem("url:(", "block 'x' completion_criterion")
    assert problem.startswith("block 'x' completion_criterion url:")
    assert "value:<css selector>=<expected value>" in criterion_problem("value:#zip", "b")
    assert criterion_problem("selector:", "b") == "b selector: has nothing after the colon"
    assert criterion_problem("url:{{ base }}/x(", "b") == ""  # a template: checked once rendered


# --- fill / type ---------------------------------------------------------------------------------


async def test_fill_reads_back_and_fails_with_typed_and_held(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/fields")
    rec = recorder(full_name="Ada Lovelace")
    ok = await rec.fill(page, await handle(page, "#name"), "Ada Lovelace", payload_key="name")
    assert ok.postcondition.verified and ok.postcondition.observed == "Ada Lovelace" and ok.payload_key == "name"
    refused = await rec.fill(page, await handle(page, "#code"), "AB-99")
    assert not refused.postcondition.verified
    assert (refused.postcondition.expected, refused.postcondition.observed) == ("AB-99", "XX")
    code = replay(page)
    await code.fill(Target(id="name"), "Grace", intent="Enter the name")
    with pytest.raises(ReplayFailed, match=r"typed 'AB-99' but the field holds 'XX'"):
        await code.fill(Target(id="code"), "AB-99", intent="Enter the code")


async def test_fill_normalises_dates_and_masks_and_uses_the_declared_format(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/fields")
    rec = recorder()
    date = await rec.fill(page, await handle(page, "#start"), "01/07/2025")
    assert date.postcondition.verified and date.postcondition.observed == "2025-07-01"
    assert date.value == "01/07/2025" and date.postcondition.typed_format == "2025-07-01"
    phone = await rec.fill(page, await handle(page, "#phone"), "5551234567")
    assert phone.postcondition.verified and phone.postcondition.observed == "(555) 123-4567"
    birthday = await rec.fill(page, await handle(page, "#birthday"), "2025-07-01")
    assert birthday.postcondition.verified and birthday.postcondition.typed_format == "01/07/2025"
    assert await page.input_value("#birthday") == "01/07/2025"
    # The hint's example date (not the other date it mentions) shows the spelling: day first, no leading zeros.
    visit = await rec.fill(page, await handle(page, "#visit"), "5 January 2027")
    assert visit.postcondition.verified and visit.postcondition.typed_format == "5/1/2027"
    assert visit.value == "5 January 2027" and await page.input_value("#visit") == "5/1/2027"
    # Code mode re-derives the same spelling from the same value.
    code = replay(page)
    await page.fill("#birthday", "")
    await code.fill(Target(id="birthday"), "2025-07-01")
    assert await page.input_value("#birthday") == "01/07/2025"
    await code.fill(Target(id="visit"), "2027-02-28")
    assert await page.input_value("#visit") == "28/2/2027"
    await code.fill(Target(id="zip"), "12-345")
    assert await page.input_value("#zip") == "12345"


async def test_a_box_named_by_one_part_of_a_date_gets_that_part_though_it_would_take_the_whole_date(
    page: Page, base_url: str
) -> None:
    await page.goto(f"{base_url}/fields")
    rec = recorder()
    for box, part in (("#dob-d", "24"), ("#dob-m", "09"), ("#dob-y", "1977")):
        typed = await rec.fill(page, await handle(page, box), "24/09/1977")
        assert typed.postcondition.verified and typed.postcondition.typed_format == part, box
        assert await page.input_value(box) == part
    code = replay(page)
    await page.fill("#dob-y", "")
    await code.fill(Target(id="dob-y"), "03/02/2001", intent="Enter the year of the date of birth")
    assert await page.input_value("#dob-y") == "2001"


async def test_fill_accepts_a_field_that_takes_the_value_on_its_next_task_or_frame(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/late-fields")
    code = replay(page)
    for field in ("task", "frame"):
        await code.fill(Target(id=field), "ada lovelace", intent=f"Enter the name ({field})")
        done = code.actions[-1].postcondition
        # Verified as typed (not retyped in another spelling) once the field's own update landed.
        assert done.verified and done.observed == "ADA LOVELACE" and not done.typed_format, field
        assert await page.input_value(f"#{field}") == "ADA LOVELACE"
    with pytest.raises(ReplayFailed, match=r"typed 'ab12345' but the field holds '1234'"):
        await code.fill(Target(id="slow"), "ab12345", intent="Enter the code")


async def test_secret_values_never_appear_in_postconditions(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/fields")
    rec = recorder(password="hunter2-secret")
    refused = await rec.fill(page, await handle(page, "#code"), "hunter2-secret", parameter_key="password")
    assert not refused.postcondition.verified
    assert "hunter2" not in str(refused) and "14 characters" in refused.postcondition.expected
    code = replay(page, password="hunter2-secret")
    with pytest.raises(ReplayFailed) as failed:
        await code.fill(Target(id="code"), code._ctx.param("password"))
    assert "hunter2" not in str(failed.value)


# --- select / checkbox ---------------------------------------------------------------------------


async def test_select_reads_back_the_chosen_option(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/fields")
    rec = recorder()
    chosen = await rec.select(page, await handle(page, "#plan"), "Pro")
    assert chosen.postcondition.verified and chosen.postcondition.observed == "Pro"
    snapped = await rec.select(page, await handle(page, "#stubborn"), "Pro")
    assert not snapped.postcondition.verified and snapped.postcondition.observed == "Basic"
    code = replay(page)
    await code.select(Target(id="plan"), "p")
    with pytest.raises(ReplayFailed, match=r"typed 'Pro' but the field holds 'Basic'"):
        await code.select(Target(id="stubborn"), "Pro")


async def test_checkbox_state_is_the_one_asked_for(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/fields")
    rec = recorder()
    ticked = await rec.check(page, await handle(page, "#news"), payload_key="news")
    assert ticked.postcondition.verified and ticked.postcondition.observed == "checked"
    unticked = await rec.uncheck(page, await handle(page, "#news"))
    assert unticked.postcondition.verified and unticked.postcondition.observed == "unchecked"
    code = replay(page)
    await code.set_checked(Target(id="news"), "yes")
    assert await page.is_checked("#news")
    # A box that refuses to change: Playwright notices for check(); the runtime reports it as a failed replay.
    with pytest.raises(ReplayFailed):
        await code.check(Target(id="sticky"))


# --- clicks --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "effect"),
    [
        ("#dom", CE.CLICK_EFFECT_DOM_CHANGE),
        ("#hide", CE.CLICK_EFFECT_DISAPPEARED),
        ("#disable", CE.CLICK_EFFECT_DISABLED),
        ("#nav", CE.CLICK_EFFECT_NAVIGATION),
        ("#alert", CE.CLICK_EFFECT_DIALOG),
        ("#modal", CE.CLICK_EFFECT_DIALOG),
        ("#reveal", CE.CLICK_EFFECT_DIALOG),  # a modal shown by un-hiding the backdrop it sits in, outside main
        ("#busy", CE.CLICK_EFFECT_DISABLED),  # in a modal open before the click, whose backdrop then restyles
        ("#dl", CE.CLICK_EFFECT_DOWNLOAD),
        ("#late", CE.CLICK_EFFECT_DOM_CHANGE),
        ("#nothing", CE.CLICK_EFFECT_NONE),
    ],
)
async def test_click_records_the_kind_of_effect(page: Page, base_url: str, button: str, effect: int) -> None:
    await page.goto(f"{base_url}/clicks")
    action = await recorder().click(page, await handle(page, button), intent="click")
    assert action.postcondition.effect == effect
    assert action.postcondition.verified == (effect != CE.CLICK_EFFECT_NONE)


async def test_code_mode_expects_the_recorded_kind_of_effect(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/clicks")
    code = replay(page)
    await code.click(Target(id="dom"), intent="Save", effect="dom_change")
    await code.click(Target(id="disable"), intent="Disable", effect="disappeared")  # in-page kinds are one family
    with pytest.raises(ReplayFailed, match=r"expected an observable effect .* saw none"):
        await code.click(Target(id="nothing"), intent="Do nothing")
    with pytest.raises(ReplayFailed, match=r"expected a navigation effect .* saw dom_change"):
        await code.click(Target(id="late"), intent="Late", effect="navigation")
    with pytest.raises(ReplayFailed, match="unknown effect"):
        await code.click(Target(id="dom"), effect="teleport")
    await code.click(Target(id="nav"), intent="Go", effect="navigation")
    assert page.url.endswith("/landing")


async def test_a_modal_closing_is_an_in_page_effect_but_a_browser_dialog_is_not(page: Page, base_url: str) -> None:
    # Recorded while the Save greyed out first; replayed when its drawer closes first: the same click's effect.
    await page.goto(f"{base_url}/clicks")
    code = replay(page)
    await code.click(Target(id="shut"), intent="Save plan", effect="disabled")
    assert await page.locator("#shut").is_hidden()
    with pytest.raises(ReplayFailed, match=r"expected a dom_change effect .* saw dialog"):
        await code.click(Target(id="alert"), intent="Alert", effect="dom_change")


# --- criteria and validation errors ----------------------------------------------------------------


async def test_declared_criteria_hold_and_fail(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/spa")
    await page.fill("#email", "ada@example.com")
    assert await criterion_holds(page, "url:/spa$")
    assert not await criterion_holds(page, "url:/done")
    assert await criterion_holds(page, "value:#email=ada@example.com")
    assert not await criterion_holds(page, "value:#email=bob@example.com")
    assert await criterion_holds(page, "absent:#decline")
    assert not await criterion_holds(page, "selector:#decline")
    assert not await criterion_holds(page, "text:Card declined")
    assert await termination_message(page, "text:Card declined") == ""
    await page.click("#pay")
    assert await criterion_holds(page, "selector:#decline", wait_ms=SETTLE_MS)
    assert not await criterion_holds(page, "absent:#decline")
    assert await criterion_holds(page, "text:Card declined")
    assert await termination_message(page, "text:Card declined") == "Card declined: insufficient funds"


async def test_validation_errors_after_submit(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/spa")
    rec = recorder()
    await rec.fill(page, await handle(page, "#email"), "not-an-email")
    await rec.fill(page, await handle(page, "#name"), "Ada")
    await rec.click(page, await handle(page, "#send"))
    errors = await validation_errors(page)
    assert any("Email is invalid" in e for e in errors) and any("marked invalid" in e for e in errors)
    # The browser refuses to submit a form with a required field left empty: that is an error too.
    await page.goto(f"{base_url}/spa")
    await rec.fill(page, await handle(page, "#email"), "ada@example.com")
    await rec.click(page, await handle(page, "#send"))
    assert any(e.startswith("Name") for e in await validation_errors(page))


# --- block completion ----------------------------------------------------------------------------


def _facts(actions: list[trace_pb2.Action], start: str, **kw: object) -> BlockFacts:
    block = workflow_pb2.Block(label="contact", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    payload = kw.pop("payload", {"email": ("ada@example.com", "email"), "name": ("Ada", "")})
    return BlockFacts(block=block, actions=actions, payload=payload, start_url=start, **kw)  # type: ignore[arg-type]


async def test_block_completes_only_when_its_effect_shows(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/spa")
    rec = recorder(email="ada@example.com")
    await rec.fill(page, await handle(page, "#email"), "ada@example.com", payload_key="email")
    await rec.fill(page, await handle(page, "#name"), "Ada", payload_key="name")
    # Typed but never submitted: nothing shows the block happened.
    verdict = await judge_block(page, _facts(list(rec.actions), page.url), settle_ms=SETTLE_MS)
    assert verdict.status == "unverified" and "nothing was submitted" in verdict.reason
    # A click that only moved an overlay away (a consent wall) sends nothing either.
    await rec.click(page, await handle(page, "#noop"), only_if_present=True)
    verdict = await judge_block(page, _facts(list(rec.actions), page.url), settle_ms=SETTLE_MS)
    assert verdict.status == "unverified" and "nothing was submitted" in verdict.reason
    rec.actions.pop()
    # A button that does nothing: still unverified.
    await rec.click(page, await handle(page, "#noop"))
    verdict = await judge_block(page, _facts(list(rec.actions), page.url), settle_ms=SETTLE_MS)
    assert verdict.status == "unverified" and "no observable effect" in verdict.reason
    # The real submit: a confirmation appears on a page whose URL never changes.
    await rec.click(page, await handle(page, "#send"))
    verdict = await judge_block(page, _facts(list(rec.actions), page.url), settle_ms=SETTLE_MS)
    assert verdict.ok, verdict.reason
    # ...unless a payload key was entered nowhere, or a declared criterion does not hold.
    missing = _facts(list(rec.actions), page.url, payload={"email": ("ada@example.com", "email"), "phone": ("1", "")})
    verdict = await judge_block(page, missing, settle_ms=SETTLE_MS)
    assert verdict.status == "failed" and "'phone' entered nowhere" in verdict.reason
    waived = _facts(list(rec.actions), page.url, keys_not_needed={"name": "the form has no such field"})
    assert (await judge_block(page, waived, settle_ms=SETTLE_MS)).ok
    wrong = _facts(list(rec.actions), page.url, completion="text:Order placed")
    verdict = await judge_block(page, wrong, settle_ms=SETTLE_MS)
    assert verdict.status == "unverified" and "text 'Order placed' is visible" in verdict.reason
    right = _facts(list(rec.actions), page.url, completion="text:Thank you")
    assert (await judge_block(page, right, settle_ms=SETTLE_MS)).ok


async def test_block_fails_on_validation_error_value_mismatch_or_termination(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/spa")
    rec = recorder()
    await rec.fill(page, await handle(page, "#email"), "ada-at-example", payload_key="email")
    await rec.fill(page, await handle(page, "#name"), "Ada", payload_key="name")
    await rec.click(page, await handle(page, "#send"))
    payload = {"email": ("ada-at-example", ""), "name": ("Ada", "")}
    verdict = await judge_block(page, _facts(list(rec.actions), page.url, payload=payload), settle_ms=SETTLE_MS)
    assert verdict.status == "failed" and "Email is invalid" in verdict.reason
    await page.goto(f"{base_url}/spa")
    rec = recorder()
    await rec.click(page, await handle(page, "#pay"))
    verdict = await judge_block(
        page, _facts(list(rec.actions), page.url, payload={}, termination="text:Card declined"), settle_ms=SETTLE_MS
    )
    assert verdict.status == "failed" and "Card declined: insufficient funds" in verdict.reason
    await page.goto(f"{base_url}/fields")
    rec = recorder()
    await rec.fill(page, await handle(page, "#code"), "AB-99", payload_key="code")
    await rec.click(page, await handle(page, "#go"))
    verdict = await judge_block(page, _facts(list(rec.actions), page.url, payload={}), settle_ms=SETTLE_MS)
    assert verdict.status == "failed" and "'AB-99'" in verdict.reason and "'XX'" in verdict.reason


@pytest.mark.parametrize(
    ("button", "status", "why"),
    [
        ("#ok", "completed", ""),
        ("#local", "unverified", "nothing was sent to the server"),
        ("#throws", "unverified", "the page raised"),
        ("#refused", "failed", "answered 419"),
    ],
)
async def test_a_submit_must_reach_the_server(page: Page, base_url: str, button: str, status: str, why: str) -> None:
    await page.goto(f"{base_url}/prefs")
    rec = recorder()
    await rec.fill(page, await handle(page, "#display"), "Ada", payload_key="display")
    await rec.click(page, await handle(page, button))
    facts = _facts(list(rec.actions), page.url, payload={"display": ("Ada", "")})
    verdict = await judge_block(page, facts, settle_ms=SETTLE_MS)
    assert verdict.status == status, verdict.reason
    assert why in verdict.reason


@pytest.mark.parametrize(
    ("button", "status", "shown"), [("#save", "completed", "ISS-7 created"), ("#quiet", "unverified", "")]
)
async def test_a_button_busy_while_sending_is_judged_by_what_shows_after(
    page: Page, base_url: str, button: str, status: str, shown: str
) -> None:
    await page.goto(f"{base_url}/busy-save")
    rec = recorder()
    await rec.fill(page, await handle(page, "#title"), "Chart ignores the theme", payload_key="title")
    await rec.click(page, await handle(page, button))
    assert rec.actions[-1].postcondition.effect == trace_pb2.CLICK_EFFECT_DISABLED  # its first effect: busy
    facts = _facts(list(rec.actions), page.url, payload={"title": ("Chart ignores the theme", "")})
    verdict = await judge_block(page, facts, settle_ms=SETTLE_MS)
    assert verdict.status == status, verdict.reason
    assert shown in " ".join(verdict.evidence)


def test_goal_values_are_the_parameters_the_goal_names() -> None:
    template = "Click the '{{ link }}' link in the row of order {{ order }} as {{ password }} at {{ url }}"
    params = {"link": "View", "order": "SO-1002", "password": "hunter2", "url": "http://x/"}
    rendered = "Click the 'View' link in the row of order SO-1002 as hunter2 at http://x/"
    assert goal_values(template, rendered, params, {"password"}) == [("View", True), ("SO-1002", False)]


@pytest.mark.parametrize(
    ("css", "goal", "ok"),
    [
        ("tr:nth-child(3) a", [("View", True), ("SO-1002", False)], True),
        ("tr:nth-child(2) a", [("View", True), ("SO-1002", False)], False),
        ("[role=toolbar] button:nth-child(2)", [("Export selected", True)], True),
        ("[role=toolbar] button:nth-child(1)", [("Export selected", True)], False),
    ],
)
async def test_what_was_acted_on_must_bear_what_the_goal_names(
    page: Page, base_url: str, css: str, goal: list[tuple[str, bool]], ok: bool
) -> None:
    await page.goto(f"{base_url}/orders")
    rec = recorder()
    await rec.click(page, await handle(page, css))
    verdict = await judge_block(page, _facts(list(rec.actions), f"{base_url}/orders", payload={}, goal_values=goal),
                                settle_ms=SETTLE_MS)
    assert verdict.ok == ok, verdict.reason
    if not ok:
        assert verdict.status == "failed" and "the goal names" in verdict.reason
        assert "last action was on" in verdict.reason


async def test_a_field_found_by_position_must_be_labelled_as_recorded(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/fields")
    code = replay(page)
    # The recorded label is gone; the position (css) now holds a field labelled otherwise: not the same field.
    with pytest.raises(ReplayFailed, match=r"labelled 'Name', not 'Postcode'"):
        await code.fill(Target(label="Postcode", css="#name"), "1234 AB", intent="Enter the postcode")
    assert await page.input_value("#name") == ""
    # A reworded label that still names the field is the same field.
    await code.fill(Target(label="Full name", css="#name"), "Ada", intent="Enter the name")
    await code.select(Target(label="Plan type", css="#plan"), "Pro", intent="Choose the plan")


@pytest.mark.parametrize(("path", "status"), [("/invoices", "unverified"), ("/invoices-2", "completed")])
async def test_a_table_read_while_it_has_more_pages_is_unverified(
    page: Page, base_url: str, path: str, status: str
) -> None:
    await page.goto(f"{base_url}{path}")
    read = trace_pb2.Action(type=trace_pb2.ACTION_TYPE_EXTRACT)
    read.extract_fields.add(name="invoices", columns={"number": "Number"})
    block = workflow_pb2.Block(label="read", type=workflow_pb2.BLOCK_TYPE_EXTRACTION)
    facts = BlockFacts(block=block, actions=[read], payload={}, start_url=page.url, output_valid=True)
    verdict = await judge_block(page, facts, settle_ms=SETTLE_MS)
    assert verdict.status == status, verdict.reason
    if status == "unverified":
        assert "paginated" in verdict.reason and "'Next'" in verdict.reason
    code_mode = BlockFacts(block=block, actions=[], payload={}, start_url=page.url, output_valid=True,
                           read_table=True, check_payload=False)
    assert (await judge_block(page, code_mode, settle_ms=SETTLE_MS)).status == status
