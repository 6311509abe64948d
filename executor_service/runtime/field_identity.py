"""Whether the field a value action found is the recorded one, and which option a value names."""

from __future__ import annotations

import re

from playwright.async_api import ElementHandle, Frame, Locator
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.browser.clock_times import same_time
from executor_service.browser.countries import country_option
from executor_service.browser.element_eval import evaluate_on
from executor_service.browser.form_vocabulary import in_concept, shared_concept
from executor_service.browser.name_parts import field_part, part_of_intent
from executor_service.browser.number_bands import band_holding, numbers_clash
from executor_service.browser.option_codes import code_holding
from executor_service.browser.value_formats import date_part_option
from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.target import Target

Element = Locator | ElementHandle
# A css locator naming a field by its name attribute (input[name="po_ref"]).
_NAME_SELECTOR = re.compile(r'\[name="([^"]+)"\]')
# Strategies that find the element by its own words (or its test id, or the caption it was recorded with).
_OWN_WORDS = frozenset({"test_id", "role", "label", "placeholder", "text", "caption", "choice"})
# Every name a field shows: its labels, aria-label, aria-labelledby text, placeholder, title.
_NAMES_OF = """
const namesOf = (el) => {
  const byIds = (attr) => (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.innerText);
  // A label wrapping its control also holds the control's own text (a select's options): leave that out.
  const own = (label) => { const copy = label.cloneNode(true);
    copy.querySelectorAll('input,select,textarea,button').forEach((n) => n.remove()); return copy.textContent; };
  return [...(el.labels ? Array.from(el.labels).map(own) : []), el.getAttribute('aria-label') || '',
          ...byIds('aria-labelledby'), el.getAttribute('placeholder') || '', el.getAttribute('title') || ''];
};
"""
_FIELD_NAMES_JS = "(el) => {" + _NAMES_OF + "return namesOf(el); }"
# The names of every visible text field and select of a document.
_ALL_FIELD_NAMES_JS = "() => {" + _NAMES_OF + """
  const skip = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio', 'file']);
  return Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((el) => !skip.has((el.type || '').toLowerCase()) && el.getClientRects().length > 0
      && getComputedStyle(el).visibility !== 'hidden')
    .map(namesOf);
}"""

# What identifies a field apart from its label and position.
_IDENTITY_JS = """
(e) => ({tag: e.tagName.toLowerCase(), name: e.getAttribute('name') || '', id: e.id || '',
         options: Array.from(e.options || []).map(o => [o.value, (o.label || o.text || '').trim()])})
"""
# The options of a select as (value, label) pairs.
_OPTIONS_JS = "e => Array.from(e.options || []).map(o => [o.value, (o.label || o.text || '').trim()])"


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", str(text).casefold()))



async def same_field(
    element: Element, target: Target, intent: str, healed: bool, value: object, *, found_by: str,
    scopes: list[PlaywrightPage | Frame],
) -> None:
    """A field found by position (id, css, xpath) after its recorded label/placeholder found nothing must still
    be labelled like the recorded one: on a reshuffled form the same position is another field (issue 13).
    A reworded label is forgiven when it is a synonym no other field bears (see synonym_alone) or a second,
    independent sign says it is the same field (see vouched). However found (healed too), a field asking for one
    part of a name is never the whole-name field recorded."""
    shown: list[str] | None = None  # the field's names, read once for both checks below when either needs them
    if _whole_name_recorded(target, intent):
        shown = await _shown_names(element)
        _not_a_name_part(shown, target, intent)
    if healed:
        return
    named = _NAME_SELECTOR.search(target.css or "")
    if named and not (target.caption or target.label or target.placeholder or target.name):
        # A field known by its name attribute: one found by position under another name is another field.
        try:
            held = await element.get_attribute("name")
        except PlaywrightError:
            held = None
        recorded = re.sub(r"\\(.)", r"\1", named.group(1))  # the selector's CSS escapes undone
        if held != recorded:
            raise ReplayFailed(
                f"{intent or 'a value action'}: the element found for {target.describe()} is named {held!r}, "
                f"not {recorded!r}: on this page that position holds another field"
            )
    names = [n for n in (target.label, target.placeholder, target.name) if n]
    if not names or found_by in _OWN_WORDS:
        # Found by its own words: that field. Found by an id, a name attribute or a position, it must still bear
        # the label: forms number their fields (id="pf1", name="q2") and reorder them, so those can point at
        # another field; a reworded label then costs an agent step, never a wrong value.
        return
    if shown is None:
        shown = await _shown_names(element)
    seen = [_words(n) for n in shown if _words(n)]
    # The same field when the words of one name are all in the other ("City" and "Town / City").
    alike = [n for n in names if any(_words(n) and (_words(n) <= s or s <= _words(n)) for s in seen)]
    if not seen or (alike and not await _only_a_shared_hint(alike, target, scopes)):
        return
    if await synonym_alone(names, shown, scopes):
        return
    if await vouched(element, value, scopes):
        return
    raise ReplayFailed(
        f"{intent or 'a value action'}: the element found for {target.describe()} is labelled "
        f"{next(n for n in shown if _words(n))!r}, not {target.label or target.name or names[0]!r}: on this page "
        "that position holds another field"
    )


async def _only_a_shared_hint(alike: list[str], target: Target, scopes: list[PlaywrightPage | Frame]) -> bool:
    """Whether the only recorded name a field still bears is its placeholder, the recorded label or accessible
    name is gone, and another visible field shows that placeholder too: a format hint ("MM/DD/YYYY", "£") that
    the start and the end date share names neither, so the one found where "Last day" was may be "From"."""
    if alike != [target.placeholder] or not (target.label or target.name):
        return False
    hint = _words(target.placeholder or "")
    bearing = 0
    for scope in scopes:
        try:
            fields = await scope.evaluate(_ALL_FIELD_NAMES_JS)
        except PlaywrightError:
            return False
        bearing += sum(any(_words(n) and (hint <= _words(n) or _words(n) <= hint) for n in own) for own in fields)
    return bearing > 1


_NAME_WORD = re.compile(r"\bname\b", re.IGNORECASE)


async def _shown_names(element: Element) -> list[str]:
    """Every name the field shows (labels, aria-label, placeholder, title); none when it cannot be read."""
    try:
        return [" ".join(str(n).split()) for n in await evaluate_on(element, _FIELD_NAMES_JS)]
    except PlaywrightError:
        return []


def _recorded_names(target: Target) -> list[str]:
    return [n for n in (target.label, target.placeholder, target.name, target.caption) if n]


def _whole_name_recorded(target: Target, intent: str) -> bool:
    """Whether the recorded field asked for a whole name ("Name", "Full name"), not one part of it."""
    names = _recorded_names(target)
    return not part_of_intent(intent) and any(_NAME_WORD.search(n) for n in names) and not any(
        field_part(n) for n in names
    )


def _not_a_name_part(shown: list[str], target: Target, intent: str) -> None:
    """A whole name recorded in one field ("Name", "Full name") that this page asks in parts ("First name", "Last
    name"): the field found (by position, by a name that holds the word, or healed) takes only a part of it, and
    typing the whole name there sends the form without the other part. Fail, so the block's agent fills both."""
    names = _recorded_names(target)
    part = next((n for n in shown if field_part(n)), "")
    if part:
        raise ReplayFailed(
            f"{intent or 'a value action'}: the element found for {target.describe()} is {part!r}, one part of a name;"
            f" {names[0]!r} asked for the whole name when recorded: this page asks for it in parts"
        )


async def synonym_alone(names: list[str], shown: list[str], scopes: list[PlaywrightPage | Frame]) -> bool:
    """Whether the field is labelled with a synonym of its recorded name in common form words ("Mobile number" for
    "Phone number", "Cardholder name" for "Name on card") and no other visible field of the page is called by any
    word of that group: a form that asks for a phone and a mobile apart is never read as one."""
    group = shared_concept(names, shown)
    if group is None:
        return False
    named = 0
    for scope in scopes:
        try:
            fields = await scope.evaluate(_ALL_FIELD_NAMES_JS)
        except PlaywrightError:
            return False
        named += sum(any(in_concept(" ".join(str(n).split()), group) for n in own) for own in fields)
    return named == 1


async def vouched(element: Element, value: object, scopes: list[PlaywrightPage | Frame]) -> bool:
    """Whether a field found by id, name attribute or position whose label was reworded is still the recorded
    one by a sign that does not depend on where it sits: its name attribute or id spells this run's parameter
    key (``name="last_name"`` for ``last_name``; numbered ids like ``pf1`` spell nothing), or it is a select that
    holds the option this run's value names and no other visible select on the page does (issue 15)."""
    key = getattr(value, "key", "")
    try:
        own = await evaluate_on(element, _IDENTITY_JS)
    except PlaywrightError:
        return False
    if key and key_words(key) and key_words(key) in (key_words(own["name"]), key_words(own["id"])):
        return True
    if own["tag"] != "select" or value is None:
        return False
    if names_option([(str(v), str(label)) for v, label in own["options"]], str(value)) is None:
        return False
    holders = 0
    for scope in scopes:
        selects = scope.locator("select").filter(visible=True)
        for index in range(min(await selects.count(), 50)):
            try:
                options = await evaluate_on(selects.nth(index), _OPTIONS_JS)
            except PlaywrightError:
                continue
            if names_option([(str(v), str(label)) for v, label in options], str(value)) is not None:
                holders += 1
    return holders == 1

def names_option(options: list[tuple[str, str]], value: str) -> str | None:
    """The option ``value`` names among (value, label) pairs: itself when it is an option's value or label, else
    the one option whose label is it in other case or holds it as whole words ("premium" -> "Premium plan"); None
    when it names none or several."""
    if any(value in pair for pair in options):
        return value
    wanted = value.casefold().strip()
    same = [v for v, label in options if label.casefold() == wanted or v.casefold() == wanted]
    if len(same) == 1:
        return same[0]
    country = country_option(value, options)
    if country is not None:
        return options[country][0]  # "UK" for "United Kingdom", as the agent chose it
    words = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)") if wanted else None
    # Not where their numbers differ: "£1,000" is whole words of "£1,000,000" and never names it.
    holding = [v for v, label in options if words is not None and words.search(label.casefold())
               and not numbers_clash(value, label)]
    if len(holding) == 1:
        return holding[0]
    # A time of day in another spelling ("7 PM" for 19:00), as the agent chose it.
    timed = [v for v, label in options if same_time(value, label) or same_time(value, v)]
    if len(timed) == 1:
        return timed[0]
    # A number in the one range that holds it ("4,500" for "Up to 5,000 miles"), as the agent chose it.
    held = band_holding(value, [label for _, label in options])
    if held is not None:
        return options[held][0]
    # A code run into its prefix in one option ("6140" in "CC6140 – Data Platform"), as the agent chose it.
    coded = code_holding(value, [label for _, label in options])
    return options[coded][0] if coded is not None else None


def key_words(text: str) -> tuple[str, ...]:
    """The words of a parameter key or a name attribute: ``last_name``, ``lastName`` and ``last-name`` alike."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(text or ""))
    return tuple(w for w in re.split(r"[^a-z0-9]+", spaced.casefold()) if w)


async def option_for(element: Element, value: str) -> str:
    """The option to choose for ``value`` (see names_option), as the agent chose at record time (issue 15: the
    parameter's choice, not the recorded one). Unresolved, ``value`` is tried as is."""
    try:
        options = [(str(v), str(label)) for v, label in await evaluate_on(element, _OPTIONS_JS)]
    except PlaywrightError:
        return value
    return choose_option(options, value)


def choose_option(options: list[tuple[str, str]], value: str) -> str:
    """option_for on (value, label) options read already."""
    named = names_option(options, value)
    if named is not None:
        return named
    # A date chosen in day / month / year selects: this select takes its own part of this run's date.
    return date_part_option(options, value) or value

