"""A choice made for a payload value must be the option that value names (issue 13): "Happy" ticked for
"Very happy" is another answer, even though the radio reads back as checked."""

from __future__ import annotations

from executor_service.browser.block_facts import (
    BlockFacts,
    holds_data,
    unused_goal_values,
    unused_keys,
    wrong_choices,
)
from services.gen.rote.v1 import trace_pb2, workflow_pb2

AT = trace_pb2.ActionType


def chose(kind: int, name: str, key: str = "rating", role: str = "radio") -> trace_pb2.Action:
    action = trace_pb2.Action(type=kind, payload_key=key)
    action.element.role, action.element.accessible_name = role, name
    action.postcondition.verified = True
    return action


def facts(value: str, *actions: trace_pb2.Action) -> BlockFacts:
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    return BlockFacts(block=block, actions=list(actions), payload={"rating": (value, "rating")}, start_url="")


def test_an_option_that_only_contains_the_value_is_the_wrong_choice() -> None:
    assert wrong_choices(facts("Very happy", chose(AT.ACTION_TYPE_CHECK, "Happy"))) == [
        ("rating", "Very happy", "Happy")
    ]
    assert wrong_choices(facts("Happy", chose(AT.ACTION_TYPE_CHECK, "Very happy")))
    assert wrong_choices(facts("XL", chose(AT.ACTION_TYPE_CLICK, "XXL", role="option")))


def test_the_named_option_with_a_qualifier_or_in_a_list_is_right() -> None:
    assert wrong_choices(facts("Very happy", chose(AT.ACTION_TYPE_CHECK, "very  happy"))) == []
    assert wrong_choices(facts("Express", chose(AT.ACTION_TYPE_CHECK, "Express (1-2 days)"))) == []
    assert wrong_choices(facts("Standard", chose(AT.ACTION_TYPE_CHECK, "Standard delivery"))) == []
    assert wrong_choices(facts("Email, SMS", chose(AT.ACTION_TYPE_CHECK, "SMS", role="checkbox"))) == []
    # Articles aside, the same words; another word is another answer.
    assert wrong_choices(facts("Tourism or holiday", chose(AT.ACTION_TYPE_CHECK, "Tourism or a holiday"))) == []
    assert wrong_choices(facts("Visit the family", chose(AT.ACTION_TYPE_CHECK, "Visit family"))) == []
    assert wrong_choices(facts("Tourism or holiday", chose(AT.ACTION_TYPE_CHECK, "Tourism or a work holiday")))
    # The same day, then the same time in another spelling; another time or day is another group.
    assert wrong_choices(facts("Friday 14:00", chose(AT.ACTION_TYPE_CHECK, "Friday 2pm–3pm · Room Lab2"))) == []
    assert wrong_choices(facts("Friday 14:00", chose(AT.ACTION_TYPE_CHECK, "Friday 3pm–4pm · Room Lab2")))
    assert wrong_choices(facts("Friday 14:00", chose(AT.ACTION_TYPE_CHECK, "Thursday 2pm–3pm · Room Lab2")))
    # A day's name written short is the same day ("Fri", "Thurs."); another day's short name is not.
    assert wrong_choices(facts("Friday 11:00", chose(AT.ACTION_TYPE_CHECK, "Fri 11:00–12:00 · Room 3"))) == []
    assert wrong_choices(facts("Thursday 9:00", chose(AT.ACTION_TYPE_CHECK, "Thurs. 9am · Room 3"))) == []
    assert wrong_choices(facts("Friday 11:00", chose(AT.ACTION_TYPE_CHECK, "Thu 11:00–12:00 · Room 3")))


def test_a_person_is_named_after_the_avatar_of_their_initials() -> None:
    for name in ("IN Ines Novak @ines.n3", "INInes Novak @ines.n3"):
        assert wrong_choices(facts("Ines Novak", chose(AT.ACTION_TYPE_CLICK, name, role="option"))) == [], name
    assert wrong_choices(facts("Ines Novak", chose(AT.ACTION_TYPE_CLICK, "IN Ines Novakova", role="option")))
    assert wrong_choices(facts("Ines Novak", chose(AT.ACTION_TYPE_CLICK, "AB Ines Novak", role="option")))


def test_yes_no_values_and_other_clicks_are_left_to_their_read_back() -> None:
    assert wrong_choices(facts("yes", chose(AT.ACTION_TYPE_CHECK, "I accept the terms", role="checkbox"))) == []
    assert wrong_choices(facts("2026-05-14", chose(AT.ACTION_TYPE_CLICK, "14", role="gridcell"))) == []
    unchecked = chose(AT.ACTION_TYPE_UNCHECK, "Happy")
    assert wrong_choices(facts("Very happy", unchecked)) == []


def test_a_choice_replayed_from_its_parameter_counts_as_entering_the_key() -> None:
    replayed = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK)  # code mode: no payload key, a binding to the input
    replayed.element.role, replayed.element.accessible_name = "radio", "Very happy"
    replayed.bindings.add(field="name", source="rating", text="Very happy", whole=True)
    replayed.postcondition.verified = True
    assert unused_keys(facts("Very happy", replayed)) == []
    assert unused_keys(facts("Very happy", trace_pb2.Action(type=AT.ACTION_TYPE_CHECK))) == ["rating"]


def test_extracted_data_counts_only_when_it_holds_something() -> None:
    assert not holds_data({}) and not holds_data({"rows": []}) and not holds_data({"name": " ", "rows": [{}]})
    assert holds_data({"rows": [{"sku": "A-1"}]}) and holds_data({"total": 0}) and holds_data("x")


def test_a_goal_value_is_touched_by_a_choice_spelled_apart_by_a_hyphen() -> None:
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)

    def unused(action: trace_pb2.Action) -> list[tuple[str, str]]:
        facts = BlockFacts(block=block, actions=[action], payload={}, start_url="", goal_values=[("Email", False)])
        return unused_goal_values(facts)

    assert unused(chose(AT.ACTION_TYPE_CHECK, "E-mail", key="contact")) == []

    def unused_by(value: str, name: str) -> list[tuple[str, str]]:
        facts = BlockFacts(block=block, actions=[chose(AT.ACTION_TYPE_CHECK, name, key="choice")], payload={},
                           start_url="", goal_values=[(value, False)])
        return unused_goal_values(facts)

    assert unused_by("Friday 14:00", "Friday 2pm–3pm · Room Lab2 · 8 places left") == []
    assert unused_by("Friday 14:00", "Friday 3pm–4pm · Room Lab2 · 8 places left")
    assert unused_by("Friday 14:00", "Fri 14:00–15:00 · Room Lab2") == []
    assert unused(chose(AT.ACTION_TYPE_CHECK, "Phone", key="contact"))
    # Articles aside, the value's words in a row: touched; another word between them is not the value.
    assert unused_by("Tourism or holiday", "Tourism or a holiday – passing through on the way elsewhere") == []
    assert unused_by("Tourism or holiday", "Tourism or a work holiday")


def test_a_time_asked_on_the_24_hour_clock_is_touched_by_the_slot_showing_it_on_the_12_hour_clock() -> None:
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)

    def unused(name: str) -> list[tuple[str, str]]:
        action = chose(AT.ACTION_TYPE_CLICK, name, key="time", role="button")
        facts = BlockFacts(block=block, actions=[action], payload={}, start_url="", goal_values=[("13:30", False)])
        return unused_goal_values(facts)

    assert unused("1:30pm") == []
    assert unused("3:30pm")


def test_a_list_the_goal_names_is_touched_when_each_of_its_items_is() -> None:
    # "add International Calls 300, Roam Further": two switches turned, one each; one alone leaves the list untouched.
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    value = "International Calls 300, Roam Further"

    def unused(*names: str) -> list[tuple[str, str]]:
        actions = [chose(AT.ACTION_TYPE_CLICK, name, key="addons", role="switch") for name in names]
        facts = BlockFacts(block=block, actions=actions, payload={}, start_url="", goal_values=[(value, False)])
        return unused_goal_values(facts)

    assert unused("International Calls 300", "Roam Further") == []
    assert unused("International Calls 300")
    assert unused("International Calls 300", "Europe Roaming")


def test_a_value_the_option_chosen_names_was_entered_there() -> None:
    # The address chosen from a postcode lookup names the town: the town needs no field of its own. A bare number
    # ("2") in an option's text says nothing of which key it was.
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    action = trace_pb2.Action(type=AT.ACTION_TYPE_SELECT_OPTION, payload_key="address_line", value="a37")
    action.postcondition.verified, action.postcondition.observed = True, "37 Orchard Way, Lancaster, LA7 7PB"

    def missing(**payload: str) -> list[str]:
        facts = BlockFacts(block=block, actions=[action], start_url="",
                           payload={"address_line": ("37 Orchard Way", ""), **{k: (v, "") for k, v in payload.items()}})
        return unused_keys(facts)

    assert missing(town="Lancaster") == []
    assert missing(town="Morecambe") == ["town"]
    assert missing(rooms="37") == ["rooms"]


def test_a_number_is_answered_by_the_range_holding_it_and_an_option_by_what_to_do_with_it() -> None:
    assert wrong_choices(facts("4,500", chose(AT.ACTION_TYPE_CHECK, "Up to 5,000 miles"))) == []
    assert wrong_choices(facts("18,000", chose(AT.ACTION_TYPE_CHECK, "More than 15,000 miles"))) == []
    assert wrong_choices(facts("18,000", chose(AT.ACTION_TYPE_CHECK, "Up to 5,000 miles")))
    assert wrong_choices(facts("£500", chose(AT.ACTION_TYPE_CHECK, "Up to 5,000 miles")))  # money in no miles
    assert wrong_choices(facts("annually", chose(AT.ACTION_TYPE_CHECK, "Pay annually"))) == []
    assert wrong_choices(facts("annually", chose(AT.ACTION_TYPE_CHECK, "Pay monthly")))
    assert wrong_choices(facts("Happy", chose(AT.ACTION_TYPE_CHECK, "Feel happy")))  # no verb of paying or sending


def test_an_option_beginning_with_the_values_words_in_their_other_number_names_it() -> None:
    assert wrong_choices(facts("pothole", chose(AT.ACTION_TYPE_CHECK, "Potholes and damaged road surface"))) == []
    assert wrong_choices(facts("pothole", chose(AT.ACTION_TYPE_CHECK, "Broken street lights")))
    assert wrong_choices(facts("Happy", chose(AT.ACTION_TYPE_CHECK, "Very happy")))  # a qualifier first: another


def test_an_option_that_says_the_key_and_the_value_together_names_the_value() -> None:
    # "Half day on the last day" is the key (half day) and the value (last day) joined in one sentence; the other
    # day, or a word that is neither, is another answer.
    def wrong(value: str, name: str) -> list[tuple[str, str, str]]:
        block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
        action = chose(AT.ACTION_TYPE_CHECK, name, key="half_day", role="checkbox")
        return wrong_choices(BlockFacts(block=block, actions=[action], payload={"half_day": (value, "half_day")},
                                        start_url=""))

    assert wrong("Last day", "Half day on the last day (I'll work in the afternoon)") == []
    assert wrong("First day", "Half day on the first day") == []
    assert wrong("Last day", "Half day on the first day (I'll work in the morning)")
    assert wrong("Last day", "Half day on the last day of term")
    assert wrong_choices(facts("Happy", chose(AT.ACTION_TYPE_CHECK, "Rating: very happy")))


def test_a_goal_value_of_a_key_left_out_on_purpose_is_not_a_miss() -> None:
    # "(half day: No)" in the goal, and the agent left half_day out, saying why: the "No" was not missed.
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    sent = chose(AT.ACTION_TYPE_CLICK, "Send request", key="", role="button")

    def unused(not_needed: dict[str, str]) -> list[tuple[str, str]]:
        return unused_goal_values(BlockFacts(block=block, actions=[sent], payload={"half_day": ("No", "half_day")},
                                             start_url="", goal_values=[("No", False)], keys_not_needed=not_needed))

    assert unused({"half_day": "nothing on the page asks it"}) == []
    assert unused({}) == [("No", "'Send request'")]


def test_a_no_left_out_on_purpose_excuses_its_value_only_when_no_other_key_holds_it() -> None:
    # one_way "No" was left out (the page never asks it); insurance "No" was not, and nothing touched it.
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    typed = chose(AT.ACTION_TYPE_TYPE, "Pick-up town", key="town", role="textbox")

    def unused(**payload: str) -> list[tuple[str, str]]:
        facts = BlockFacts(block=block, actions=[typed], payload={k: (v, k) for k, v in payload.items()},
                           start_url="", goal_values=[("No", False)],
                           keys_not_needed={"one_way": "the page never asks it"})
        return [value for value, _ in unused_goal_values(facts)]

    assert unused(one_way="No") == []
    assert unused(one_way="No", insurance="No") == ["No"]


def test_an_option_in_other_words_of_the_same_answer_is_the_right_choice() -> None:
    assert wrong_choices(facts("telephone", chose(AT.ACTION_TYPE_CHECK, "Phone call"))) == []
    assert wrong_choices(facts("Post", chose(AT.ACTION_TYPE_CHECK, "Letter by post"))) == []
    assert wrong_choices(facts("face-to-face", chose(AT.ACTION_TYPE_CHECK, "In person at the practice"))) == []
    # Another answer, or the answer refused, is still wrong.
    assert wrong_choices(facts("telephone", chose(AT.ACTION_TYPE_CHECK, "Video call")))
    assert wrong_choices(facts("telephone", chose(AT.ACTION_TYPE_CHECK, "No phone calls, please")))
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    touched = BlockFacts(block=block, actions=[chose(AT.ACTION_TYPE_CHECK, "Phone call", key="how")], payload={},
                         start_url="", goal_values=[("telephone", False)])
    assert unused_goal_values(touched) == []
    other = BlockFacts(block=block, actions=[chose(AT.ACTION_TYPE_CHECK, "Video call", key="how")], payload={},
                       start_url="", goal_values=[("telephone", False)])
    assert unused_goal_values(other)


def test_a_date_of_which_only_the_year_was_chosen_is_not_entered() -> None:
    # Replayed code chose the year of a date over three lists and stopped; the agent that took over sent the form.
    def chosen(option: str) -> trace_pb2.Action:
        action = trace_pb2.Action(type=AT.ACTION_TYPE_SELECT_OPTION, value="1964-11-04", parameter_key="rating")
        action.postcondition.verified, action.postcondition.observed = True, option
        return action

    assert unused_keys(facts("1964-11-04", chosen("1964"))) == ["rating"]
    assert unused_keys(facts("1964-11-04", chosen("1964"), chosen("November"), chosen("4"))) == []


def test_a_value_typed_in_the_fields_own_shorter_spelling_is_entered() -> None:
    for value, spelled in (("+1 708 484 2766", "(708) 484-2766"), ("1-322-649-0404", "(322) 649-0404"),
                           ("12/2027", "12/27")):  # a national mask, with or without the "+"; MM/YY
        typed = trace_pb2.Action(type=AT.ACTION_TYPE_TYPE, value=value, parameter_key="rating")
        typed.postcondition.verified, typed.postcondition.typed_format = True, spelled
        assert unused_keys(facts(value, typed)) == [], value
    # Part of a number is still part: a sort code's last two groups, a short code's tail.
    for value, spelled in (("30-77-91", "77-91"), ("1-322-649-0404", "649-0404")):
        typed = trace_pb2.Action(type=AT.ACTION_TYPE_TYPE, value=value, parameter_key="rating")
        typed.postcondition.verified, typed.postcondition.typed_format = True, spelled
        assert unused_keys(facts(value, typed)) == ["rating"], value
