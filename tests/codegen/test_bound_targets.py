"""Issue 15: locator texts, intents and URLs that recorded bindings tie to an input are written over that input."""

from __future__ import annotations

import dataclasses

import libcst as cst
import pytest

from codegen_service.blocks import build_block, simple_generation
from codegen_service.values import UncacheableBlock
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.codegen.conftest import AT, LK, element, locator


def _bound(field: str, source: str, text: str, whole: bool = True) -> trace_pb2.Binding:
    return trace_pb2.Binding(field=field, source=source, text=text, whole=whole)


def _code(*actions: trace_pb2.Action, values: dict[str, str] | None = None, secrets: tuple[str, ...] = ()) -> str:
    trace = trace_pb2.BlockTrace(label="act", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=list(actions))
    generation = simple_generation(values or {}, {"act": "act"})
    # As the service builds it: secret keys are parameters, but their values are never sent to codegen.
    generation = dataclasses.replace(generation, parameter_keys=generation.parameter_keys | set(secrets))
    block = build_block(trace, generation)
    return cst.Module([]).code_for_node(block.function)


ROW_LINK = element(
    locator(LK.LOCATOR_KIND_ROLE, "link", "INV-1002"),
    locator(LK.LOCATOR_KIND_TEXT, "INV-1002"),
    locator(LK.LOCATOR_KIND_ID, "row-INV-1002"),
    locator(LK.LOCATOR_KIND_CSS, "tr:nth-of-type(2) > td > a"),
)


def test_a_bound_name_is_the_parameter_and_positional_or_value_spelled_selectors_are_dropped() -> None:
    click = trace_pb2.Action(
        type=AT.ACTION_TYPE_CLICK, element=ROW_LINK, intent="Click the INV-1002 link",
        bindings=[_bound("name", "invoice", "INV-1002"), _bound("intent", "invoice", "INV-1002", False)],
    )
    code = _code(click, values={"invoice": "INV-1002"})
    # Its own words too, bound the same way: on another page the control may be a button, not a link.
    assert 'Target(role="link", name=ctx.param("invoice"), text=ctx.param("invoice"))' in code
    assert "intent=f\"Click the {ctx.param('invoice')} link\"" in code
    assert "INV-1002" not in code and "nth-of-type" not in code


def test_an_element_a_value_chose_carries_the_value_so_its_selector_cannot_pick_the_recorded_choice() -> None:
    # The corpus's sign-up wizard: the plan radio's css names the recorded plan by an opaque value ("pl_266"),
    # and its name holds more than the value. Replayed for another plan, the css alone would tick the old one.
    radio = element(
        locator(LK.LOCATOR_KIND_ROLE, "radio", "Team (€8 per user)"),
        locator(LK.LOCATOR_KIND_CSS, 'input[name="tier"][value="pl_266"]'),
    )
    check = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=radio, bindings=[_bound("name", "plan", "Team", False)])
    code = _code(check, values={"plan": "Team"})
    assert "name=f\"{ctx.param('plan')} (€8 per user)\"" in code
    assert 'css=\'input[name="tier"][value="pl_266"]\'' in code and 'choice=ctx.param("plan")' in code
    # A secret's text is never recorded: it chooses nothing, and nothing of it is written.
    hidden = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=radio, bindings=[_bound("name", "pin", "", False)])
    assert "choice=" not in _code(hidden, values={}, secrets=("pin",))


def test_without_a_binding_the_literal_stays_even_when_it_equals_a_parameter() -> None:
    # Codegen never guesses a target from a value: only the recorded binding says where a text came from.
    click = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=ROW_LINK, intent="Click the INV-1002 link")
    code = _code(click, values={"invoice": "INV-1002"})
    assert 'name="INV-1002"' in code and 'intent="Click the INV-1002 link"' in code
    assert "ctx.param" not in code


def test_the_binding_decides_between_two_parameters_with_the_same_value() -> None:
    button = element(locator(LK.LOCATOR_KIND_ROLE, "button", "previous"))
    click = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=button, bindings=[_bound("name", "button", "previous")])
    code = _code(click, values={"action": "previous", "button": "previous"})
    assert 'name=ctx.param("button")' in code and "action" not in code


def test_a_partial_binding_becomes_an_fstring_and_a_bound_attribute_in_css_is_rewritten() -> None:
    option = element(
        locator(LK.LOCATOR_KIND_ROLE, "option", "Plan Pro (monthly)"),
        locator(LK.LOCATOR_KIND_CSS, "li[data-plan='Pro']"),
    )
    click = trace_pb2.Action(
        type=AT.ACTION_TYPE_CLICK, element=option,
        bindings=[_bound("name", "plan", "Pro", False), _bound("css", "plan", "Pro", False)],
    )
    code = _code(click, values={"plan": "Pro"})
    assert "name=f\"Plan {ctx.param('plan')} (monthly)\"" in code
    assert "css=f\"li[data-plan='{ctx.param('plan')}']\"" in code


def test_a_radio_chosen_by_a_payload_value_replays_the_parameters_choice() -> None:
    radio = element(
        locator(LK.LOCATOR_KIND_ROLE, "radio", "Express"), locator(LK.LOCATOR_KIND_ID, "ship-express"),
        locator(LK.LOCATOR_KIND_XPATH, "//fieldset/label[2]/input"),
    )
    check = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=radio, payload_key="shipping",
                             bindings=[_bound("name", "shipping", "Express")])
    code = _code(check, values={"shipping": "Express"})
    assert 'await page.check(Target(role="radio", name=ctx.param("shipping")))' in code


def test_loop_item_and_block_output_sources() -> None:
    link = element(locator(LK.LOCATOR_KIND_ROLE, "link", "Blue mug"))
    click = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=link,
                             bindings=[_bound("name", "search.first_title", "Blue mug")])
    assert 'name=ctx.value("search.first_title")' in _code(click)
    in_loop = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=link,
                               bindings=[_bound("name", "current_item.title", "Blue mug")])
    with pytest.raises(UncacheableBlock, match="outside a for_loop"):
        _code(in_loop)


def test_a_url_template_is_replayed_with_the_secret_read_by_name() -> None:
    goto = trace_pb2.Action(
        type=AT.ACTION_TYPE_GOTO, url="http://127.0.0.1:9/x?t={{ token }}",
        url_template="{{ base_url }}/x?t={{ token }}", intent="Open the page",
    )
    code = _code(goto, values={"base_url": "http://127.0.0.1:9"}, secrets=("token",))
    assert "f\"{ctx.param('base_url')}/x?t={ctx.param('token')}\"" in code
    assert "{{" not in code


def test_a_row_binding_scopes_the_target_to_the_row_an_input_chose() -> None:
    link = element(locator(LK.LOCATOR_KIND_ROLE, "link", "Return"), locator(LK.LOCATOR_KIND_CSS, "tr:nth-child(2) a"))
    click = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=link, bindings=[
        _bound("name", "link", "Return"), _bound("row", "order", "SO-1002", False),
    ])
    code = _code(click, values={"link": "Return", "order": "SO-1002"})
    assert 'Target(role="link", name=ctx.param("link"), row=ctx.param("order"))' in code


def test_a_row_chosen_by_two_whole_cells_needs_both_and_shows_each_whole() -> None:
    button = element(
        locator(LK.LOCATOR_KIND_ROLE, "button", "Select"), locator(LK.LOCATOR_KIND_CSS, "li:nth-of-type(3) > button")
    )
    click = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=button, bindings=[
        _bound("row", "person", "Ada Lovelace", True), _bound("row", "team", "Research", True),
    ])
    code = _code(click, values={"person": "Ada Lovelace", "team": "Research"})
    assert '    row=[ctx.param("person"), ctx.param("team")],\n            row_exact=True,\n' in code
    assert "nth-of-type" not in code and "Ada" not in code
    compile(code, "act.py", "exec")


def test_a_url_segment_spelling_a_bound_input_is_widened_in_the_end_state() -> None:
    link = element(locator(LK.LOCATOR_KIND_ROLE, "link", "Details"))
    click = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=link, bindings=[_bound("name", "link", "Details")])
    trace = trace_pb2.BlockTrace(
        label="act", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=[click],
        end_state=trace_pb2.EndState(url_pattern="/orders/[^/]+/details(?:[?#]|$)", landmark_text="Details"),
    )
    block = build_block(trace, simple_generation({"link": "Details"}, {"act": "act"}))
    code = cst.Module([]).code_for_node(block.function)
    assert 'url_matches="/orders/[^/]+/[^/]+(?:[?#]|$)"' in code
    assert 'landmark=ctx.param("link")' in code


def test_checkbox_boxes_of_a_list_input_become_one_set_listed_call() -> None:
    def box(name: str, kind: int) -> trace_pb2.Action:
        return trace_pb2.Action(type=kind, element=element(locator(LK.LOCATOR_KIND_ROLE, "checkbox", name)),
                                payload_key="toppings", bindings=[_bound("member", "toppings", name, False)])

    code = _code(box("Cheese", AT.ACTION_TYPE_CHECK), box("Ham", AT.ACTION_TYPE_UNCHECK),
                 values={"toppings": "Cheese"})
    assert code.count("page.set_listed(") == 1
    assert 'Target(role="checkbox", name="Cheese")' in code and 'Target(role="checkbox", name="Ham")' in code
    assert 'ctx.param("toppings")' in code and "page.check(" not in code and "page.uncheck(" not in code


def test_an_option_whose_name_does_not_show_its_value_is_chosen_only_for_the_recorded_value() -> None:
    # The agent chose "Faulty or broken street light" for problem="street light not working": no text of the
    # value is in the name, so the code can find that option again only for that very value.
    radio = element(locator(LK.LOCATOR_KIND_ROLE, "radio", "Faulty or broken street light"))
    check = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=radio, payload_key="problem")
    code = _code(check, values={"problem": "street light not working"})
    guard = 'ctx.recorded_choice("problem", "street light not working")'
    assert guard in code and code.index(guard) < code.index("page.check(")
    # Where the name shows the value, the value finds the option on every run: no guard.
    shown = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=radio, payload_key="problem",
                             bindings=[_bound("name", "problem", "street light", False)])
    assert "recorded_choice" not in _code(shown, values={"problem": "street light"})
    # A secret's value never reaches codegen: nothing of it is written.
    assert "recorded_choice" not in _code(check, values={}, secrets=("problem",))
    # A box that follows its yes/no parameter on every run needs no guard: set_checked takes this run's value.
    box = element(locator(LK.LOCATOR_KIND_ROLE, "checkbox", "Send me the newsletter"))
    follows = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=box, payload_key="newsletter",
                               parameter_key="newsletter")
    code = _code(follows, values={"newsletter": "true"})
    assert "recorded_choice" not in code and "set_checked" in code


def test_a_parameter_that_said_no_is_checked_before_the_blocks_first_action() -> None:
    # The agent left half_day out ("No", and the page never asked it): the code does nothing for it, so it must
    # check the value says no again before acting, and it reads the parameter for that.
    click = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, intent="Send the request",
                             element=element(locator(LK.LOCATOR_KIND_ROLE, "button", "Send request")))
    trace = trace_pb2.BlockTrace(label="act", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=[click],
                                 said_no=["half_day"])
    block = build_block(trace, simple_generation({"half_day": "No"}, {"act": "act"}))
    code = cst.Module([]).code_for_node(block.function)
    assert code.index('ctx.says_no("half_day")') < code.index("Send request")
    assert "half_day" in block.parameter_names


def test_a_radio_or_option_chosen_for_a_value_in_other_words_is_chosen_by_each_runs_value() -> None:
    # As recorded: a radio of its own role whose name does not show the value ("Phone call" for "telephone"), one
    # whose name holds more than it ("Video call" for "video"), a list's option the value's words chose.
    phone = element(locator(LK.LOCATOR_KIND_ROLE, "radio", "Phone call"),
                    locator(LK.LOCATOR_KIND_CSS, "label:nth-of-type(2) > input"),
                    locator(LK.LOCATOR_KIND_XPATH, '//*[@id="f"]/label[2]/input'), role="radio")
    check = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=phone, payload_key="kind", intent="Choose Phone call")
    code = _code(check, values={"kind": "telephone"})
    assert "recorded_choice" not in code and "page.check(" not in code
    # By its own words: its place names another option on a page laid out otherwise.
    assert 'page.choose(\n        Target(role="radio", name="Phone call", choice=ctx.param("kind")),\n' \
        '        ctx.param("kind"),\n        recorded="telephone",' in code, code
    video = element(locator(LK.LOCATOR_KIND_ROLE, "radio", "Video call"), role="radio")
    partly = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=video, payload_key="kind",
                              bindings=[_bound("name", "kind", "Video", False)])
    code = _code(partly, values={"kind": "Video"})
    assert 'Target(role="radio", name="Video call", choice=' in code and "page.choose(" in code  # never "<value> call"
    listing = element(locator(LK.LOCATOR_KIND_ROLE, "combobox", "Type of problem"), role="combobox")
    select = trace_pb2.Action(type=AT.ACTION_TYPE_SELECT_OPTION, element=listing, payload_key="problem", value="w1",
                              bindings=[_bound("option", "problem", "pothole", False)])
    code = _code(select, values={"problem": "pothole"})
    assert 'ctx.param("problem"),\n        recorded="pothole",\n        option="w1",' in code, code
    # A radio whose whole name is the value is found by it: Target(name=ctx.param(...)), as before.
    email = element(locator(LK.LOCATOR_KIND_ROLE, "radio", "Email"), role="radio")
    whole = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=email, payload_key="contact",
                             bindings=[_bound("name", "contact", "Email")])
    code = _code(whole, values={"contact": "Email"})
    assert "page.choose(" not in code and 'name=ctx.param("contact")' in code
    # A secret's value never reaches codegen: nothing of it is written, and the option stays as recorded.
    code = _code(check, values={}, secrets=("kind",))
    assert "page.choose(" not in code and "telephone" not in code
