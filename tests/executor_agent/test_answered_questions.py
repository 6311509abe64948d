"""Questions a key names whose options do not hold its value: a yes/no question answered by the value, an "Other"
option for a value no option names; words that merely hold "no" never answer no (pure)."""

from __future__ import annotations

from executor_service.agents.choices import answered_questions, assign_choices
from services.answers import answer_intent, answer_of, recorded_answer
from tests.executor_agent.test_matching import element


def test_a_yes_no_question_the_key_names_is_answered_by_its_value() -> None:
    question = "Does anyone traveling have a pre-existing medical condition?"
    yes = element(0, labels=("Yes",), type="radio", attr_name="med", context=(question,))
    no = element(1, labels=("No",), type="radio", attr_name="med", context=(question,))
    other = element(2, labels=("Email",), type="email")

    def answer(value: str) -> list[tuple[str, str, bool]]:
        return [(k, e.label, d) for k, e, d in answered_questions({"medical_conditions": value}, [yes, no, other])]

    assert answer("None") == [("medical_conditions", "No", False)]
    assert answer("true") == [("medical_conditions", "Yes", False)]
    # Words answer yes and are the details that answer asks for.
    assert answer("Type 2 diabetes, controlled with tablets") == [("medical_conditions", "Yes", True)]
    assert answer("42") == []  # a bare number answers nothing
    assert answered_questions({"newsletter": "no"}, [yes, no]) == []  # a question about something else


def test_words_that_hold_no_never_choose_the_answer_no() -> None:
    question = ("Do you have any dietary requirements?",)
    yes = element(0, labels=("Yes",), type="radio", attr_name="diet", context=question)
    no = element(1, labels=("No",), type="radio", attr_name="diet", context=question)

    def chosen(value: str) -> list[str]:
        return [e.label for _, e, tick in assign_choices({"dietary_requirements": value}, [yes, no]) if tick]

    assert chosen("Vegetarian, no nuts please") == []  # before: "No", by the one word the two share
    assert chosen("No thanks") == ["No"] and chosen("Yes please") == ["Yes"] and chosen("no") == ["No"]


def test_a_value_no_option_names_answers_other_when_the_question_has_it() -> None:
    question = ("How did you hear about us?",)
    options = [element(i, labels=(label,), type="radio", attr_name="src", context=question)
               for i, label in enumerate(("Search engine", "A friend", "Other (please specify)"))]

    def answer(value: str) -> list[tuple[str, str, bool]]:
        return [(k, e.label, d) for k, e, d in answered_questions({"how_heard": value}, options)]

    assert answer("A podcast") == [("how_heard", "Other (please specify)", True)]
    assert answer("A friend") == []  # an option of its own: chosen as any option is (assign_choices)
    assert answered_questions({"email": "A podcast"}, options) == []  # the question is not about the key
    assert answered_questions({"how_heard": "A podcast"}, options[:2]) == []  # no "Other" to choose


def test_a_datum_of_its_own_kind_never_answers_yes() -> None:
    question = ("Can we email you about offers?",)
    yes = element(0, labels=("Yes",), type="radio", attr_name="offers", context=question)
    no = element(1, labels=("No",), type="radio", attr_name="offers", context=question)
    assert answered_questions({"email": "ana@example.net"}, [yes, no]) == []  # an address is no consent
    assert answered_questions({"email": "no"}, [yes, no]) == [("email", no, False)]


def test_the_answer_a_value_gives_and_the_intent_that_records_it() -> None:
    assert [answer_of(v) for v in ("None", "no", "false", "", "yes", "Vegan", "Type 2 diabetes")] == [
        "no", "no", "no", "no", "yes", "yes", "yes"]
    assert recorded_answer(answer_intent("no", "medical conditions")) == "no"
    assert recorded_answer(answer_intent("yes", "dietary requirements")) == "yes"
    assert recorded_answer("Choose No for the medical conditions") == ""  # an option chosen by its name
