"""Bindings at the source (issue 15), pure logic: which inputs a template reads, and which recorded texts hold them."""

from __future__ import annotations

import pytest

from executor_service.bindings import Input, bindings_for, template_inputs, whole_input
from executor_service.runtime import ReplayFailed, RunContext
from services.gen.rote.v1 import trace_pb2

LK = trace_pb2.LocatorKind
AT = trace_pb2.ActionType


def _link(name: str, css: str = "") -> trace_pb2.ElementFingerprint:
    locators = [trace_pb2.Locator(kind=LK.LOCATOR_KIND_ROLE, value="link", name=name)]
    if css:
        locators.append(trace_pb2.Locator(kind=LK.LOCATOR_KIND_CSS, value=css))
    return trace_pb2.ElementFingerprint(locators=locators, role="link", accessible_name=name)


def _pairs(bindings: list[trace_pb2.Binding]) -> list[tuple[str, str, str, bool]]:
    return [(b.field, b.source, b.text, b.whole) for b in bindings]


def test_template_inputs_names_parameters_loop_fields_and_outputs_in_order() -> None:
    values = {"invoice": "INV-1002", "current_item": {"sku": "A-7", "qty": 3}, "search": {"first": "Blue mug"}}
    found = template_inputs(
        "Open {{ invoice }} then {{ current_item.sku }} x{{ current_item.qty }}, {{ search.first }} {{ invoice }}",
        values,
        parameters={"invoice": "INV-1002"},
    )
    assert [(i.source, i.text) for i in found] == [
        ("invoice", "INV-1002"), ("current_item.sku", "A-7"), ("current_item.qty", "3"), ("search.first", "Blue mug"),
    ]


def test_a_parameter_is_its_value_as_given_and_a_secret_is_marked() -> None:
    found = template_inputs("{{ code }} {{ token }}", {"code": 7, "token": "s3cret"},
                            parameters={"code": "007", "token": "s3cret"}, secret_keys={"token"})
    assert found == [Input("code", "007"), Input("token", "s3cret", secret=True)]
    assert "s3cret" not in repr(found[1])


def test_whole_input_only_for_a_template_that_is_one_reference() -> None:
    params = {"plan": "Pro"}
    assert whole_input("{{ plan }}", params, parameters=params) == Input("plan", "Pro")
    assert whole_input("{{ plan }} plan", params, parameters=params) is None
    assert whole_input("{{ plan | upper }}", params, parameters=params) is None


def test_a_goal_input_binds_the_clicked_elements_name_whole_and_the_intent_as_a_part() -> None:
    action = trace_pb2.Action(
        type=AT.ACTION_TYPE_CLICK, element=_link("INV-1002", "tr:nth-of-type(2) > td > a"),
        intent="Click 'INV-1002' to Click the INV-1002 link",
    )
    found = bindings_for(action, [Input("invoice", "INV-1002")])
    assert _pairs(found) == [
        ("name", "invoice", "INV-1002", True),
        ("intent", "invoice", "INV-1002", False),
    ]


def test_a_text_equal_to_two_inputs_is_bound_to_the_first_one_given() -> None:
    action = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=_link("Yes"))
    assert _pairs(bindings_for(action, [Input("answer", "Yes"), Input("button", "Yes")])) == [
        ("name", "answer", "Yes", True)
    ]
    assert _pairs(bindings_for(action, [Input("button", "Yes"), Input("answer", "Yes")])) == [
        ("name", "button", "Yes", True)
    ]


def test_a_field_typed_for_one_input_binds_no_other_inputs_words_inside_its_name() -> None:
    # The end date went into "Last day of leave"; the half day this run was "Last day". Bound, the next run's
    # "First day" would send the end date to "First day of leave".
    field = trace_pb2.ElementFingerprint(
        locators=[trace_pb2.Locator(kind=LK.LOCATOR_KIND_ROLE, value="textbox", name="Last day of leave")],
        role="textbox", accessible_name="Last day of leave", label="Last day of leave")
    typed = trace_pb2.Action(type=AT.ACTION_TYPE_TYPE, element=field, value="2027-06-03", parameter_key="end_date",
                             intent="Enter the end date")
    inputs = [Input("end_date", "2027-06-03"), Input("half_day", "Last day")]
    assert _pairs(bindings_for(typed, inputs)) == []
    # The same words name a list chosen for that input whole ("Last day": its half-day option), and a link clicked.
    listed = trace_pb2.Action(type=AT.ACTION_TYPE_SELECT_OPTION, element=_link("Last day"), value="Morning off")
    assert _pairs(bindings_for(listed, inputs)) == [("name", "half_day", "Last day", True)]
    clicked = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=_link("Last day of leave"))
    assert _pairs(bindings_for(clicked, inputs)) == [("name", "half_day", "Last day", False)]


def test_parts_need_word_boundaries_and_a_longer_input_claims_its_text() -> None:
    action = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=_link("Invoice INV-7 (professional)"))
    found = bindings_for(action, [Input("kind", "pro"), Input("number", "INV-7"), Input("prefix", "INV")])
    # "pro" is glued inside "professional"; "INV" only occurs inside the longer bound "INV-7".
    assert _pairs(found) == [("name", "number", "INV-7", False)]


def test_a_secret_input_is_never_matched_into_a_recorded_field() -> None:
    action = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=_link("token abc123"), intent="Use abc123")
    assert bindings_for(action, [Input("token", "abc123", secret=True)]) == []


def test_an_action_without_inputs_records_no_binding() -> None:
    action = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=_link("Save"), intent="Click 'Save'")
    assert bindings_for(action, []) == []
    assert bindings_for(action, [Input("name", "Ada")]) == []


def test_an_input_in_the_row_but_not_in_the_element_scopes_the_element_to_that_row() -> None:
    action = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=_link("Return"))
    inputs = [Input("link", "Return"), Input("order", "SO-1002"), Input("note", "gift")]
    found = bindings_for(action, inputs, row_text="SO-1002\t12.00\tDetails Return")
    assert _pairs(found) == [("name", "link", "Return", True), ("row", "order", "SO-1002", False)]
    assert _pairs(bindings_for(action, inputs)) == [("name", "link", "Return", True)]


def test_an_option_chosen_names_the_input_in_its_own_case_and_the_code_asks_for_the_recorded_value() -> None:
    check = trace_pb2.Action(type=trace_pb2.ACTION_TYPE_CHECK, intent="Choose it")
    check.element.role, check.element.accessible_name = "radio", "Pothole or road defect"
    found = bindings_for(check, [Input("problem", "pothole")])
    assert [(b.field, b.source, b.text, b.whole) for b in found] == [("name", "problem", "Pothole", False)]
    # A typed field's label is matched in the value's own case only ("Post" is no binding of "post code").
    fill = trace_pb2.Action(type=trace_pb2.ACTION_TYPE_TYPE)
    fill.element.role, fill.element.accessible_name = "textbox", "Post code"
    assert bindings_for(fill, [Input("contact", "post")]) == []


def test_a_recorded_choice_goes_on_only_for_the_value_it_was_chosen_for() -> None:
    ctx = RunContext(run_id="t", parameters={"problem": "Street light  not working"})
    ctx.recorded_choice("problem", "street light not working")  # case and spacing aside, the same value
    other = RunContext(run_id="t", parameters={"problem": "pothole"})
    with pytest.raises(ReplayFailed, match="chosen for another problem when recorded"):
        other.recorded_choice("problem", "street light not working")


def test_code_recorded_without_a_no_goes_on_only_while_the_value_says_no() -> None:
    ctx = RunContext(run_id="t", parameters={"half_day": " no "})
    ctx.begin_block("book")
    ctx.says_no("half_day")
    assert ctx.said_no == {"book": {"half_day"}}  # the judge and the run's trace know it was left out on purpose
    for value in ("Last day", "Yes", ""):
        with pytest.raises(ReplayFailed, match="half_day said no when recorded"):
            RunContext(run_id="t", parameters={"half_day": value}).says_no("half_day")
