"""The heuristic agent's reading of saved snapshots of our own pages (tests/agents/snapshots), every pattern."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable, Mapping
from types import SimpleNamespace
from typing import Any, TypeVar, cast

import pytest

from examples.corpus.kit import PATTERNS as CORPUS_PATTERNS
from executor_service.agents.acting import Actor
from executor_service.agents.base import RenderedValue
from executor_service.agents.choices import goal_options
from executor_service.agents.controls import STEP_NAME, choose_control, search_term
from executor_service.agents.extraction import extract
from executor_service.agents.filling import Progress, fields_coming, search_box
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.agents.matching import FIELD_THRESHOLD, best_option, iso_date
from executor_service.agents.page_model import PageModel, describe_model, read_page
from executor_service.agents.widgets import enter_widget, is_widget
from executor_service.browser.row_filters import filter_rows
from executor_service.browser.snapshot import _SNAPSHOT_AS_JSON, Snapshot, SnapshotElement, _snapshot_of
from executor_service.browser.value_formats import date_part_option, mask_spelling, part_spelling
from tests.agents.snapshots.pages import CASES

SAVED = pathlib.Path(__file__).resolve().parent / "snapshots"
# Every corpus pattern (its names only, never its pages), so a new one fails the coverage test until it has a
# saved page of ours; "lying" is a judge pattern, nothing the page reading decides.
PATTERNS = tuple(p for p in CORPUS_PATTERNS if p != "lying")
# Saved snapshots some test reads, filled at import so the coverage test does not depend on test order.
USED: set[str] = set()
F = TypeVar("F", bound=Callable[..., Any])


def uses(*names: str) -> Callable[[F], F]:
    """Mark a test as reading these saved snapshots (for the pattern coverage test)."""
    USED.update(names)
    return lambda test: test


def params(*rows: Any) -> list[Any]:
    """pytest params whose first value is a snapshot name, each named after its snapshot and noted as used."""
    out = []
    for row in rows:
        values, marks = (row.values, row.marks) if hasattr(row, "values") else (row, ())
        USED.add(values[0])
        out.append(pytest.param(*values, marks=marks, id=row.id if hasattr(row, "id") and row.id else values[0]))
    return out


def load(name: str) -> Snapshot:
    return _snapshot_of(json.loads((SAVED / f"{name}.json").read_text()))


def ident(element: SnapshotElement) -> str:
    """An element's stable identity on our pages: its id, else its name attribute, else what it is called."""
    return element.id or element.attr_name or element.name or element.text


def fields_of(model: PageModel) -> dict[str, str]:
    return {key: ident(e) for key, e in model.fields}


def named(snapshot: Snapshot, name: str) -> SnapshotElement:
    return next(e for e in snapshot.elements if (e.name or e.text) == name)


def give_up(what: str, model: PageModel, payload: Mapping[str, str]) -> str:
    """The heuristic agent's give-up reason for the keys of ``payload`` still pending after this reading."""
    pending = {k: RenderedValue(v, parameter_key=k) for k, v in payload.items() if k not in model.matched_keys()}
    return HeuristicAgent()._give_up(what, Progress(pending=pending, clicked=[], last=model))


# --- a page that shows saved snapshots, for the deciders that read the page themselves -------------------------


class _Nothing:
    def as_element(self) -> None:
        return None

    async def dispose(self) -> None:
        return None


class _Handle:
    """The element of the snapshot on screen when the handle was taken; no cover over it, no inner part."""

    def __init__(self, page: SavedPage, index: int) -> None:
        self.page = page
        self.element = page.snapshot().elements[index]

    def as_element(self) -> _Handle:
        return self

    async def owner_frame(self) -> object:
        return self.page.main_frame

    async def evaluate_handle(self, script: str, arg: Any = None) -> _Nothing:
        return _Nothing()

    async def dispose(self) -> None:
        return None


class SavedPage:
    """Stands in for the browser page: every snapshot read returns the saved state on screen; an action listed in
    ``after`` ((verb, element identity) -> state) moves the page to that saved state, as the real page moved."""

    main_frame = object()

    def __init__(self, state: str, after: Mapping[tuple[str, str], str] | None = None) -> None:
        self.state = state
        self.after = dict(after or {})

    def snapshot(self) -> Snapshot:
        return load(self.state)

    async def evaluate(self, script: str, arg: Any = None) -> Any:
        if script == _SNAPSHOT_AS_JSON:
            return (SAVED / f"{self.state}.json").read_text()
        return False  # waiting for a change, or for a busy region: a saved page never changes by itself

    async def evaluate_handle(self, script: str, arg: Any = None) -> _Handle:
        return _Handle(self, int(arg[0]))  # [index, look]: a saved page has one look


class Recorder:
    """Records what the agent did as (verb, element identity, value, payload key)."""

    def __init__(self, page: SavedPage) -> None:
        self.page = page
        self.done: list[tuple[str, str, str | None, str | None]] = []

    async def _act(self, verb: str, handle: _Handle, value: str | None, kwargs: dict[str, Any]) -> Any:
        who = ident(handle.element)
        self.done.append((verb, who, value, kwargs.get("payload_key")))
        self.page.state = self.page.after.get((verb, who), self.page.state)
        return SimpleNamespace(postcondition=SimpleNamespace(verified=True, effect=0), irreversible=False)

    async def fill(self, page: Any, handle: _Handle, value: str, **kwargs: Any) -> Any:
        return await self._act("fill", handle, value, kwargs)

    async def select(self, page: Any, handle: _Handle, value: str, **kwargs: Any) -> Any:
        return await self._act("select", handle, value, kwargs)

    async def click(self, page: Any, handle: _Handle, **kwargs: Any) -> Any:
        return await self._act("click", handle, None, kwargs)

    async def check(self, page: Any, handle: _Handle, **kwargs: Any) -> Any:
        return await self._act("check", handle, kwargs.get("value"), kwargs)

    async def uncheck(self, page: Any, handle: _Handle, **kwargs: Any) -> Any:
        return await self._act("uncheck", handle, kwargs.get("value"), kwargs)


def actor_on(page: SavedPage) -> tuple[Actor, Recorder]:
    recorder = Recorder(page)
    return Actor(cast(Any, page), cast(Any, recorder), settle_ms=100), recorder


# --- coverage -------------------------------------------------------------------------------------------------


def test_every_pattern_has_saved_snapshots_that_a_test_reads() -> None:
    saved = {p.stem for p in SAVED.glob("*.json")}
    assert saved == {c.file.removesuffix(".json") for c in CASES}, "saved files and capture cases differ"
    for pattern in PATTERNS:
        assert any(s.startswith(f"{pattern}__") for s in saved), f"no saved snapshot for {pattern}"
        assert any(u.startswith(f"{pattern}__") for u in USED), f"no test reads a snapshot of {pattern}"
    assert USED <= saved, f"tests read snapshots never saved: {sorted(USED - saved)}"
    assert {s.split("__")[0] for s in saved} <= set(PATTERNS)


# --- which field each payload key goes to -----------------------------------------------------------------------

FIELD_CASES = params(
    # Every way of labelling, none of them the key's own word ("Your name" for full_name, "Organisation").
    ("labelled_inputs__four_label_kinds",
     {"full_name": "Ana Lima", "email": "ana@lima.example", "phone": "+351 912 000 111", "company": "Lima Lda"},
     {"full_name": "fullname", "email": "workmail", "phone": "cell", "company": "org"}, set()),
    # Caption in a header cell, placeholder only, name only, a caption paragraph; and a key the page does not ask.
    # The note reaches the text area by its shape alone: a sentence is what a text area is for.
    ("unlabelled_inputs__captions_and_names",
     {"street": "Kouter 12", "postal_code": "9000", "country": "BE",
      "delivery_notes": "Ring twice, the bell is broken", "fax": "+32 9 000 00 00"},
     {"street": "x1", "postal_code": "x3", "country": "x4", "delivery_notes": "x5"}, {"fax"}),
    pytest.param("unlabelled_inputs__captions_and_names", {"street": "Kouter 12", "city": "Ghent"},
                 {"street": "x1", "city": "x2"}, set(), id="unlabelled_inputs__caption_in_a_cell"),
    # A short sentence for the page's only text area, whose caption is a question (no name to match).
    pytest.param("unlabelled_inputs__captions_and_names",
                 {"street": "Kouter 12", "notes": "Ring twice please, bell broken"}, {"street": "x1", "notes": "x5"},
                 set(), id="unlabelled_inputs__short_note"),
    # The nickname by its preceding text; the password into the first field, not the one asking again.
    ("password_confirm__asked_again", {"nickname": "zed", "password": "Tr0mb0ne!x"},
     {"nickname": "nick", "password": "pw"}, set()),
    # The labels share no word with the keys: the values are the options' text.
    ("select_by_text__option_text_values", {"level": "Silver", "ship_to": "Portugal"},
     {"level": "lvl", "ship_to": "dst"}, set()),
    ("reformatting_fields__mask_and_expiry", {"phone": "555 010 2030", "expiry": "09/2030"},
     {"phone": "ph", "expiry": "vu"}, set()),
    ("reformatting_fields__typed_inputs",
     {"visit_date": "14/05/2027", "time": "09:30", "height": "182", "insurance_number": "QX204817"},
     {"visit_date": "ad", "time": "at", "height": "ah", "insurance_number": "ai"}, set()),
    # Fields inside a same-origin iframe and inside an open shadow root.
    ("iframe_shadow__frame_and_shadow", {"guest_name": "Ines Sa", "arrival": "2027-06-01"},
     {"guest_name": "guest", "arrival": "arr"}, set()),
    pytest.param("iframe_shadow__frame_and_shadow", {"guests": "3", "wishes": "A quiet room"},
                 {"guests": "guests", "wishes": "wish"}, set(), id="iframe_shadow__shadow_form"),
    # The popup's own e-mail box fits the e-mail key too; the form's field fits better.
    ("overlays__promo_over_form", {"name": "Kai", "email": "kai@x.example", "request": "A new roof for the shed"},
     {"name": "qn", "email": "qm", "request": "qw"}, set()),
    # Before the late fields arrive the size has nowhere to go; afterwards everything has.
    ("late_content__loading", {"street": "Quay 4", "district": "Old Town", "size": "40"},
     {"street": "where", "district": "dist"}, {"size"}),
    ("late_content__loaded", {"street": "Quay 4", "district": "Old Town", "size": "40"},
     {"street": "where", "district": "dist", "size": "size"}, set()),
    ("disabled_submit__before_consent", {"name": "Noor"}, {"name": "vn"}, set()),
    # A wizard's first step asks for some keys; the rest wait for the second.
    ("wizard__first_step", {"name": "Lu", "email": "lu@x.example", "address": "Rua 1", "message": "Happy birthday"},
     {"name": "on", "email": "oe"}, {"address", "message"}),
    ("wizard__second_step", {"address": "Rua 1", "message": "Happy birthday"},
     {"address": "ra", "message": "rm"}, set()),
    ("single_page_app__home", {"to": "Wanda Kowalski", "sum": "25.00", "reference": "Rent"}, {},
     {"to", "sum", "reference"}),
    ("single_page_app__payment_view", {"to": "Wanda Kowalski", "sum": "25.00", "reference": "Rent"},
     {"to": "b", "sum": "s", "reference": "r"}, set()),
    # The same fields in another order, their ids numbered by position: the ids are no help.
    ("shuffled_layout__visit_a", {"age": "41", "town": "Leuven", "email": "v@x.example"},
     {"age": "q1", "town": "q2", "email": "q4"}, set()),
    ("shuffled_layout__visit_b", {"age": "41", "town": "Leuven", "email": "v@x.example"},
     {"age": "q4", "town": "q3", "email": "q1"}, set()),
    ("custom_widgets__lists_shown", {"depot": "Leeds South", "van_size": "Long wheelbase", "fuel": "Prepaid tank"},
     {"depot": "depot"}, {"van_size", "fuel"}),
)


@pytest.mark.parametrize(("name", "payload", "expected", "unmatched"), FIELD_CASES)
def test_each_key_goes_to_its_field(
    name: str, payload: dict[str, str], expected: dict[str, str], unmatched: set[str]
) -> None:
    model = read_page(load(name), payload, "")
    assert fields_of(model) == expected
    assert set(payload) - model.matched_keys() == unmatched
    assert not model.fields.ambiguous


@uses("labelled_inputs__same_label_twice")
def test_a_tie_is_refused_and_the_reason_names_both_candidates() -> None:
    payload = {"phone": "+32 470 11 22 33", "email": "a@b.example"}
    model = read_page(load("labelled_inputs__same_label_twice"), payload, "Save the numbers")
    assert fields_of(model) == {"email": "em"}
    assert model.fields.ambiguous == {"phone": [("Phone", 100.0), ("Phone", 100.0)]}
    assert describe_model(model)[0].startswith(
        "- payload key 'phone': no match (a tie: not chosen); best fields: [0] 100.0, [1] 100.0")
    assert give_up("not sending 'Save numbers'", model, payload) == (
        "not sending 'Save numbers'; no field for phone (tie between 'Phone' 100.0, 'Phone' 100.0)")


@uses("unlabelled_inputs__captions_and_names", "late_content__loading")
@pytest.mark.parametrize(("name", "payload", "missing"), [
    ("unlabelled_inputs__captions_and_names", {"street": "Kouter 12", "fax": "+32 9 000 00 00"}, "fax"),
    ("late_content__loading", {"street": "Quay 4", "size": "40"}, "size"),
])
def test_a_key_with_no_field_is_named_with_its_weak_candidates(
    name: str, payload: dict[str, str], missing: str
) -> None:
    model = read_page(load(name), payload, "")
    candidates = model.fields.candidates[missing]
    assert candidates and all(score < FIELD_THRESHOLD for _, score in candidates)
    best = ", ".join(f"{n!r} {score}" for n, score in candidates)
    assert give_up("no control matches the goal", model, payload) == (
        f"no control matches the goal; no field for {missing} (best: {best})")


@uses("overlays__promo_over_form")
def test_the_forms_email_field_beats_the_popups_though_both_fit() -> None:
    model = read_page(load("overlays__promo_over_form"), {"email": "kai@x.example"}, "Send the request")
    ranked = [(ident(e), score) for score, e in model.ranked["email"]]
    assert [who for who, _ in ranked[:2]] == ["qm", "pm"]
    assert ranked[1][1] >= FIELD_THRESHOLD  # the popup's box would take the value if the form's were missing


@uses("shuffled_layout__visit_a", "shuffled_layout__visit_b")
def test_a_reordered_form_gets_each_value_by_label_not_by_position_or_id() -> None:
    payload = {"age": "41", "town": "Leuven", "email": "v@x.example"}
    labels = []
    for name in ("shuffled_layout__visit_a", "shuffled_layout__visit_b"):
        labels.append({key: e.label for key, e in read_page(load(name), payload, "Hand in").fields})
    assert labels[0] == labels[1] == {"age": "Your age", "town": "Home town", "email": "E-mail (for the prize draw)"}


# --- values: options, date parts, formats ----------------------------------------------------------------------


@uses("select_by_text__option_text_values", "single_page_app__payment_view")
@pytest.mark.parametrize(("name", "key", "value", "option"), [
    ("select_by_text__option_text_values", "level", "Silver", "c2"),
    ("select_by_text__option_text_values", "ship_to", "Portugal", "PT"),
    ("single_page_app__payment_view", "to", "Wanda Kowalski", "w1"),
])
def test_the_value_picks_the_option_by_its_text(name: str, key: str, value: str, option: str) -> None:
    model = read_page(load(name), {key: value}, "")
    [(_, select)] = model.fields
    chosen = best_option(value, select.options)
    assert chosen is not None and chosen.value == option


@uses("radio_checkbox_text__options_by_text")
def test_radio_and_checkbox_options_are_chosen_by_their_text() -> None:
    snapshot = load("radio_checkbox_text__options_by_text")
    model = read_page(snapshot, {"channel": "Phone call", "interests": "Cooking, Travel"}, "Keep my choices")
    assert [(k, ident(e), tick) for k, e, tick in model.choices] == [
        ("channel", "r2", True), ("interests", "c1", False), ("interests", "c2", True), ("interests", "c3", True)]
    assert not model.fields
    # Without a payload key, the goal naming an option's text chooses it.
    assert [(ident(e), text) for e, text in goal_options("Reach me by phone call", snapshot.elements, set())] == [
        ("r2", "Phone call")]


@uses("dates__year_month_day_selects", "dates__three_text_parts")
@pytest.mark.parametrize(("name", "payload", "parts", "others"), [
    ("dates__year_month_day_selects", {"given_name": "Ola", "member_since": "1998-07-04"},
     [("year", "y", "1998"), ("month", "m", "7"), ("day", "d", "04")], {"given_name": "gn"}),
    ("dates__three_text_parts", {"start_date": "2027-03-01", "plate": "AB-123-C"},
     [("day", "start-day", "01"), ("month", "start-month", "03"), ("year", "start-year", "2027")],
     {"plate": "plate"}),
])
def test_a_date_goes_into_its_parts(
    name: str, payload: dict[str, str], parts: list[tuple[str, str, str]], others: dict[str, str]
) -> None:
    model = read_page(load(name), payload, "")
    [(key, group)] = model.dates
    date_key = next(k for k in payload if k not in others)
    assert key == date_key
    found = []
    for part, element in group.parts:
        options = [(o.value, o.text) for o in element.options]
        # A select takes the option of the part; a text field the part spelled as its label asks.
        spelled = (date_part_option(options, payload[key]) if options
                   else part_spelling(payload[key], element.label, element.placeholder))
        found.append((part, element.attr_name, spelled))
    assert found == parts
    assert fields_of(model) == others


@uses("reformatting_fields__mask_and_expiry", "reformatting_fields__typed_inputs")
def test_values_are_spelled_the_way_their_field_asks() -> None:
    phone = next(e for e in load("reformatting_fields__mask_and_expiry").elements if e.id == "ph")
    # The "+1" shown beside the field is the country code a value may carry; the mask takes ten digits.
    assert phone.context == ("+1",)
    assert mask_spelling("555 010 2030", phone.placeholder, phone.context) == "(555) 010-2030"
    assert mask_spelling("+1 555 010 2030", phone.placeholder, phone.context) == "(555) 010-2030"
    assert mask_spelling("+44 555 010 2030", phone.placeholder, phone.context) is None
    day = next(e for e in load("reformatting_fields__typed_inputs").elements if e.id == "ad")
    assert day.type == "date" and iso_date("14/05/2027") == "2027-05-14"


# --- controls ---------------------------------------------------------------------------------------------------

# (snapshot, goal, the field filled just before (its form is the one the agent prefers) or None, control)
CONTROL_CASES = params(
    ("labelled_inputs__four_label_kinds", "Create the account", "fullname", "Create the account"),
    # The quoted button among several of the same form, and a link outside it.
    ("named_controls__toolbar", "Write the note and click 'Publish now'", "body", "Publish now"),
    ("named_controls__toolbar", "Write the note and save it as a draft", "body", "Save draft"),
    ("named_controls__toolbar", "Open the version history", None, "Version history"),
    ("named_controls__toolbar", "Archive the note", None, None),
    pytest.param("named_controls__toolbar", "Write the note and click 'Archive'", "body", None,
                 id="named_controls__quoted_but_absent"),
    ("overlays__promo_over_form", "Send the request", "qm", "Send my request"),
    pytest.param("iframe_shadow__frame_and_shadow", "Hold the booking", "guest", "Hold the booking",
                 id="iframe_shadow__frame_button"),
    # A goal that names neither button: the form just filled (in the shadow root) decides.
    pytest.param("iframe_shadow__frame_and_shadow", "Book it", "wish", "Request the room",
                 id="iframe_shadow__shadow_button"),
    ("late_content__loading", "Report it", "where", "Report it"),
    ("disabled_submit__before_consent", "Sign up and accept the code of conduct", "vn", None),
    ("disabled_submit__after_consent", "Sign up and accept the code of conduct", "vn", "Sign me up"),
    ("wizard__first_step", "Order the flowers", "on", "Continue"),
    ("wizard__second_step", "Order the flowers", "ra", "Place the order"),
    ("single_page_app__home", "Pay Wanda Kowalski 25 EUR", None, "Payments"),
    ("single_page_app__payment_view", "Pay Wanda Kowalski 25 EUR", "s", "Next"),
    ("custom_widgets__lists_shown", "Reserve the van", None, "Reserve the van"),
)


@pytest.mark.parametrize(("name", "goal", "filled", "expected"), CONTROL_CASES)
def test_the_control_for_the_goal(name: str, goal: str, filled: str | None, expected: str | None) -> None:
    snapshot = load(name)
    forms = {e.form for e in snapshot.elements if ident(e) == filled} if filled else None
    assert forms is None or len(forms) == 1
    # As the heuristic agent asks: inside a form just filled, a step ("Continue") counts like a sign-in.
    chosen = choose_control(goal, snapshot.elements, login=bool(forms), forms=forms)
    assert (chosen.name if chosen else None) == expected


@uses("iframe_shadow__frame_and_shadow")
def test_the_frames_and_the_shadow_roots_forms_are_told_apart() -> None:
    snapshot = load("iframe_shadow__frame_and_shadow")
    form = {ident(e): e.form for e in snapshot.elements}
    assert form["guest"] == form["arr"] == named(snapshot, "Hold the booking").form
    assert form["guests"] == form["wish"] == named(snapshot, "Request the room").form
    assert form["guest"] != form["guests"]


@uses("wizard__first_step", "single_page_app__payment_view")
def test_a_step_button_moves_on_and_the_keys_left_are_named() -> None:
    assert STEP_NAME.match("Continue") and STEP_NAME.match("Next")
    payload = {"name": "Lu", "email": "lu@x.example", "address": "Rua 1", "message": "Happy birthday"}
    reason = give_up("not done after 10 steps", read_page(load("wizard__first_step"), payload, ""), payload)
    assert reason.startswith("not done after 10 steps; no field for address (best: ")
    assert "; message (best: " in reason


@uses("disabled_submit__before_consent", "disabled_submit__after_consent")
async def test_the_consent_box_is_ticked_and_then_the_disabled_submit_is_the_one() -> None:
    goal = "Sign up and accept the code of conduct"
    before = load("disabled_submit__before_consent")
    # The wanted button is there, only disabled: the agent waits for it instead of giving up.
    assert HeuristicAgent._disabled_wanted(goal, before, {0}, None) is not None
    page = SavedPage("disabled_submit__before_consent", after={("check", "ok"): "disabled_submit__after_consent"})
    actor, recorder = actor_on(page)
    assert await actor.tick_named_boxes(goal, {0})
    assert recorder.done == [("check", "ok", None, None)]  # the newsletter box stays as it is
    chosen = choose_control(goal, page.snapshot().elements, login=True, forms={0})
    assert chosen is not None and chosen.id == "send"


@uses("password_confirm__asked_again")
async def test_the_password_is_typed_again_into_the_field_that_asks_for_it() -> None:
    actor, recorder = actor_on(SavedPage("password_confirm__asked_again"))
    assert await actor.confirm_fields({"password": ("Tr0mb0ne!x", 1, "password")}, {0})
    assert recorder.done == [("fill", "pw2", "Tr0mb0ne!x", "password")]


@uses("late_content__loading", "late_content__loaded")
async def test_a_list_still_empty_means_fields_are_coming() -> None:
    for name, coming in (("late_content__loading", True), ("late_content__loaded", False)):
        snapshot = load(name)
        page = SavedPage(name)
        assert await fields_coming(cast(Any, page), snapshot, named(snapshot, "Report it")) is coming, name
    # While the list is empty the district cannot be chosen there yet.
    dist = next(e for e in load("late_content__loading").elements if e.id == "dist")
    assert best_option("Old Town", dist.options) is None


# --- custom widgets ---------------------------------------------------------------------------------------------


@uses("custom_widgets__lists_shown", "custom_widgets__suggestions_open", "custom_widgets__dropdown_open")
async def test_custom_widgets_take_their_values() -> None:
    snapshot = load("custom_widgets__lists_shown")
    assert [ident(e) for e in snapshot.elements if is_widget(e)] == ["depot", "sizes", "fuel"]
    page = SavedPage("custom_widgets__lists_shown", after={
        ("fill", "depot"): "custom_widgets__suggestions_open",
        ("click", "fuel"): "custom_widgets__dropdown_open",
    })
    actor, recorder = actor_on(page)
    # An autocomplete: typed into, then the suggestion the value names is clicked (not its neighbour).
    assert await enter_widget(actor, "depot", RenderedValue("Leeds South", parameter_key="depot")) is not None
    assert recorder.done == [("fill", "depot", "Leeds South", "depot"), ("click", "Leeds South", None, "depot")]
    # A listbox already open: its option is clicked.
    recorder.done.clear()
    page.state = "custom_widgets__lists_shown"
    assert await enter_widget(actor, "van_size", RenderedValue("Long wheelbase")) is not None
    assert recorder.done == [("click", "Long wheelbase", None, "van_size")]
    # A button that opens a list: opened, then the option picked.
    recorder.done.clear()
    assert await enter_widget(actor, "fuel_policy", RenderedValue("Prepaid tank")) is not None
    # Opening the list enters nothing; the option's click is the one that enters the key.
    assert recorder.done == [("click", "fuel", None, None), ("click", "Prepaid tank", None, "fuel_policy")]


# --- search and pick, paged tables ------------------------------------------------------------------------------


@uses("search_pick__before_search", "search_pick__results")
def test_the_search_box_then_the_result_the_goal_names_among_its_variants() -> None:
    goal = "Find 'The Dispossessed' and reserve it"
    assert search_term(goal) == "The Dispossessed"
    box = search_box(load("search_pick__before_search"), set())
    assert box is not None and box.id == "q"
    results = load("search_pick__results")
    assert [e.context[0] for e in results.elements if e.name == "Reserve"] == [
        "The Dispossessed (large print)", "The Dispossessed", "The Dispossessed: a graphic novel"]
    chosen = choose_control(goal, results.elements)
    assert chosen is not None and chosen.name == "Reserve" and chosen.context[0] == "The Dispossessed"


def _ledger(date: dict[str, str]) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "object", "properties": {
        "booked_on": {"type": "string", **date}, "recipient": {"type": "string"}, "sum": {"type": "number"},
        "state": {"type": "string"}}}}


@uses("paginated_table__first_page", "paginated_table__last_page")
@pytest.mark.parametrize(("name", "date", "first", "count", "more"), [
    ("paginated_table__first_page", {"format": "date"},
     {"booked_on": "3 Mar 2026", "recipient": "Shop A", "sum": 10.5, "state": "Settled"}, 4, True),
    ("paginated_table__last_page", {"format": "date"},
     {"booked_on": "11 Mar 2026", "recipient": "Shop I", "sum": 66.5, "state": "Settled"}, 3, False),
    pytest.param("paginated_table__first_page", {},
                 {"booked_on": "3 Mar 2026", "recipient": "Shop A", "sum": 10.5, "state": "Settled"}, 4, True,
                 id="paginated_table__date_column_as_plain_string"),
])
def test_a_page_of_the_table_is_read_and_its_next_control_says_whether_more_follow(
    name: str, date: dict[str, str], first: dict[str, Any], count: int, more: bool
) -> None:
    snapshot = load(name)
    found = extract(snapshot, _ledger(date))
    assert not found.errors and len(found.data) == count and found.data[0] == first
    [table] = snapshot.tables
    assert table.row_count == count
    settled = filter_rows("only the Settled ones", table.headers, [list(r) for r in table.rows])
    assert [r[1] for r in settled] == [r[1] for r in table.rows if r[3] == "Settled"] != []
    # The paging control stays on the page, disabled once the last page shows.
    assert named(snapshot, "Older entries").disabled is not more
