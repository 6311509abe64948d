"""Value read-back after a fill, select or tick: what the field holds, the format it asks for, the postcondition."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import ElementHandle, Locator
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.box_widths import SAID_WIDTH_JS
from executor_service.browser.clock_times import clock_minutes, same_time
from executor_service.browser.element_eval import evaluate_on
from executor_service.browser.number_bands import number_text
from executor_service.browser.phone_numbers import national_spellings
from executor_service.browser.value_formats import (
    example_spelling,
    month_year,
    month_year_spelling,
    more_spellings,
    part_spelling,
    segment_spelling,
)
from services.gen.rote.v1 import trace_pb2

Element = Locator | ElementHandle
# One evaluation: the field's value now, its validity, and every hint of the format it asks for.
_READ_FIELD_JS = """
(el) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const type = (el.type || el.getAttribute('type') || '').toLowerCase();
  const value = el.isContentEditable ? el.innerText : (el.value ?? el.getAttribute('aria-valuetext') ?? '');
  const described = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.innerText);
  const labels = el.labels ? Array.from(el.labels).map((l) => l.innerText) : [];
  const hint = norm([...described, ...labels, el.getAttribute('title'), el.getAttribute('aria-label'),
    el.dataset ? (el.dataset.format || el.dataset.mask || '') : ''].join(' '));
  // A row of small boxes one value is split over (a sort code's 2-2-2, a code's digits): their widths, and which
  // one this is. The nearest ancestor (3 levels up at most) holding two or more text boxes decides. A box's width is
  // its maxlength, or the count its label says ("First two digits", "Digit 3 of 6"): box_widths.py.
  const saidWidth = __SAID_WIDTH__;
  const width = (i) => {
    if (i.maxLength > 0 && i.maxLength <= 8) return i.maxLength;
    const names = [i.getAttribute('aria-label'), ...(i.labels ? Array.from(i.labels).map((l) => l.innerText) : [])];
    return names.map(saidWidth).find((w) => w > 0) || 0;
  };
  let segments = null;
  if (el.tagName === 'INPUT' && width(el)) {
    let box = el.parentElement;
    for (let depth = 0; box && depth < 3 && !segments; depth++, box = box.parentElement) {
      const inputs = Array.from(box.querySelectorAll('input')).filter((i) =>
        !['hidden', 'checkbox', 'radio', 'submit', 'button', 'image', 'reset', 'file'].includes(i.type));
      if (inputs.length < 2) continue;
      const widths = inputs.map(width);
      if (!widths.every((w) => w > 0)) break;
      segments = {widths, position: inputs.indexOf(el)};
    }
  }
  // The hint written next to the field but not tied to it ("Press Enter to add a label" under a tag input). What
  // holds a field or a caption of its own is the next field, whose hint says nothing of this one.
  const after = (n) => {
    const next = n && n.nextElementSibling;
    if (!next || next.matches('label,input,select,textarea') || next.querySelector('label,input,select,textarea')) {
      return '';
    }
    return (next.textContent || '').slice(0, 160);
  };
  const near = norm([after(el), after(el.parentElement)].join(' '));
  // A unit or currency sign shown just before the box (an input group's "£"): the box takes the number alone.
  const prev = el.previousElementSibling;
  const shown = prev && !prev.matches('label,input,select,textarea') ? norm(prev.textContent) : '';
  const prefix = shown.length <= 12 ? shown : '';
  return {
    tag: el.tagName.toLowerCase(), type, value: String(value), segments, near, prefix,
    valid: el.validity ? el.validity.valid : true, message: el.validationMessage || '',
    placeholder: el.getAttribute('placeholder') || '', pattern: el.getAttribute('pattern') || '',
    inputmode: el.getAttribute('inputmode') || '', hint,
  };
}
"""
_READ_FIELD_JS = _READ_FIELD_JS.replace("__SAID_WIDTH__", SAID_WIDTH_JS.strip())
# The same read, after the field's next task and animation frame: some fields reformat there (an asynchronous state
# update). Waiting in the page costs a frame at most (50 ms if frames do not run), not a fixed sleep plus a round trip.
_READ_FIELD_LATER_JS = f"""
async (el) => {{
  await new Promise((r) => setTimeout(r, 0));
  await Promise.race([
    new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))), new Promise((r) => setTimeout(r, 50)),
  ]);
  return ({_READ_FIELD_JS})(el);
}}
"""
# What a select shows as chosen, or a box's state, its form list and (a radio) its fellow options.
READ_CHOICE_JS = """
(el) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  if (el.tagName === 'SELECT') {
    return {selected: Array.from(el.selectedOptions).map((o) => [o.value, norm(o.label || o.text)])};
  }
  const aria = el.getAttribute('aria-checked');
  const checked = 'checked' in el && el.type !== undefined && /^(checkbox|radio)$/i.test(el.type)
    ? el.checked : aria === 'true';
  // The form list a box belongs to (its name), read here rather than in a round trip of its own.
  const group = el.getAttribute('name') || '';
  // A radio's fellow options, by name: the judge asks whether another of them held the value's words too.
  let others = [];
  if (el.type === 'radio' && group) {
    others = Array.from((el.form || el.ownerDocument).querySelectorAll('input[type=radio]'))
      .filter((r) => r.name === group && r !== el);
  } else if (el.getAttribute('role') === 'radio' && el.closest('[role=radiogroup]')) {
    others = Array.from(el.closest('[role=radiogroup]').querySelectorAll('[role=radio]')).filter((r) => r !== el);
  }
  const named = (r) => norm((r.labels && r.labels[0] && r.labels[0].innerText) || r.getAttribute('aria-label') ||
    r.innerText || r.value).slice(0, 120);
  return {checked, group, others: others.slice(0, 40).map(named).filter((n) => n)};
}
"""
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y")
_FORMAT_HINT = re.compile(r"\b(dd|mm|yyyy|yy)([./\- ])(dd|mm|yyyy)\2(dd|mm|yyyy|yy)\b", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")
# A sum or count as people write it: a currency sign, thousands grouped by commas or not, decimals after a point.
_AMOUNT = re.compile(r"[£$€¥]?\s?(?P<whole>-?(?:\d{1,3}(?:,\d{3})+|\d+))(?P<cents>\.\d+)?")
# A pattern attribute that accepts digits only (\d{5}, [0-9]*, ^\d+$).
_DIGITS_PATTERN = re.compile(r"\^?(\\d|\[0-9\])[*+{0-9,}]*\$?")


def parse_date(value: str) -> dt.date | None:
    """The date ``value`` names in one of the common formats (day first when ambiguous), else None."""
    text = value.strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def canonical(text: str) -> str:
    """Letters and digits only, case aside: "E-mail" and "email", "(555) 123-4567" and "5551234567" are one."""
    return _NOT_ALNUM.sub("", text).casefold()


def names_whole(value: str, text: str) -> bool:
    """Whether ``text`` holds ``value`` as whole words ("Lancaster" in "37 Orchard Way, Lancaster, LA7 7PB")."""
    words = r"\s+".join(re.escape(w) for w in value.split())
    return bool(words) and bool(re.search(rf"(?<![\w-]){words}(?![\w-])", text, re.I))


def value_matches(intended: str, observed: str, input_type: str = "") -> bool:
    """Whether a field holding ``observed`` holds ``intended``, normalised by input type: a date input's ISO value,
    a number's numeric value, a masked or reformatted field's letters and digits (case aside)."""
    if observed == intended or observed.strip() == intended.strip():
        return True
    if input_type == "date":
        date = parse_date(intended)
        return date is not None and observed == date.isoformat()
    if input_type in ("number", "range"):
        try:
            return float(observed) == float(intended)
        except ValueError:
            return False
    if input_type in ("password", "email", "url"):
        return False  # no mask reformats these; a difference is a real difference
    if same_time(intended, observed):
        return True  # a time field shows 19:30 as "7:30 PM"
    letters = canonical(intended)
    return bool(letters) and letters == canonical(observed)


def _date_in(fmt: str, separator: str, date: dt.date) -> str:
    parts = {
        "dd": f"{date.day:02d}", "mm": f"{date.month:02d}", "yyyy": f"{date.year:04d}", "yy": f"{date.year % 100:02d}"
    }
    return separator.join(parts[token.lower()] for token in fmt.split(separator))


def alternative_formats(value: str, info: dict[str, Any]) -> list[str]:
    """Other spellings of ``value`` the field asks for (its type, placeholder, pattern or hint), best first."""
    found: list[str] = []
    date = parse_date(value)
    if info.get("type") == "date" and date is not None:
        found.append(date.isoformat())
    held = month_year(value) if info.get("type") == "month" else None
    if held is not None:
        found.append(f"{held[0]:04d}-{held[1]:02d}")  # a month input takes "2027-03" ("March 2027", "03/2027")
    minutes = clock_minutes(value.strip()) if info.get("type") == "time" else None
    if minutes is not None:
        found.append(f"{minutes // 60:02d}:{minutes % 60:02d}")  # a time input takes "21:30" ("9:30 pm")
    hints = " ".join(str(info.get(k, "")) for k in ("placeholder", "hint", "pattern"))
    match = _FORMAT_HINT.search(hints)
    if date is not None and match:
        found.append(_date_in(match.group(0), match.group(2), date))
    example = example_spelling(value, hints) if date is not None and not info.get("segments") else None
    if example:
        found.append(example)
    digits = re.sub(r"\D", "", value)
    numeric = info.get("inputmode") == "numeric" or _DIGITS_PATTERN.fullmatch(str(info.get("pattern", "")))
    if info.get("type") in ("number", "range"):
        # A number field takes a sum as a number ("£1,450.50" -> "1450.50"), never its digits run together
        # ("145050" is another sum), nor a list's ("39, 13, 47" is three numbers); digits spaced or dashed apart
        # ("07700 900123") are one.
        amount = _AMOUNT.fullmatch(value.strip())
        if amount:
            found.append(amount.group("whole").replace(",", "") + (amount.group("cents") or ""))
        elif digits and re.fullmatch(r"[\d\s-]+", value):
            found.append(digits)
        elif number_text(value, str(info.get("hint", ""))):
            # A number with its unit ("72.5 kg"): the box's label says the unit, or none.
            found.append(number_text(value, str(info.get("hint", ""))) or "")
    elif digits and digits != value and (numeric or info.get("type") == "tel"):
        found.extend(national_spellings(value))  # before its bare digits, which are another number
        found.append(digits)
    found[:0] = more_spellings(value, info)  # a part of a date, a month/year, digits laid into a mask: first
    return [candidate for candidate in dict.fromkeys(found) if candidate != value]


_ONE_PART = re.compile(r"(day|month|year|dd|mm|yyyy|yy|d|m|y)", re.IGNORECASE)


def declared_format(value: str, info: dict[str, Any]) -> str:
    """The spelling the field explicitly asks for, when ``value`` is a date in another one or the field is one box
    of a row the value is split over ('' otherwise)."""
    if info.get("type") == "date":
        return ""
    # A box named by one part of a date alone ("Day", "MM", "YYYY"), as in a day / month / year row, holds that part
    # even when it would take the whole date (no maxlength): "24/09/1977" in "Day" is read back as itself.
    hint, placeholder = str(info.get("hint", "")).strip(), str(info.get("placeholder", "")).strip()
    if _ONE_PART.fullmatch(hint) or _ONE_PART.fullmatch(placeholder):
        part = part_spelling(value, hint, placeholder)
        if part and canonical(part) != canonical(value):
            return part
    segments = info.get("segments")
    if isinstance(segments, dict):
        # One box of a row a value is split over: it holds its share, even when it would take the whole value (a
        # box whose width only its label says: "First two digits").
        share = segment_spelling(value, segments["widths"], segments["position"])
        if share and share != value.strip():
            return share
    prefix = str(info.get("prefix", "")).strip()
    rest = value.strip()[len(prefix):].strip() if prefix else ""
    if rest and re.search(r"[^\w\s]", prefix) and value.strip().casefold().startswith(prefix.casefold()):
        # "£120" into a box with "£" shown before it, "@ann" after "@", "+44 7700 900123" after "+44": the page
        # writes that part itself.
        return rest
    hints = " ".join(str(info.get(k, "")) for k in ("placeholder", "hint"))
    # A card's expiry box hinted "MM / YY" takes "2027-04" as typed, but the page reads it as month then year.
    month = month_year_spelling(value, hints)
    if month and canonical(month) != canonical(value):
        return month
    match = _FORMAT_HINT.search(hints)
    date = parse_date(value)
    if date is None:
        return ""
    if match:
        wanted = _date_in(match.group(0), match.group(2), date)
        return "" if canonical(wanted) == canonical(value) else wanted
    if info.get("segments"):
        return ""  # one box of a row (day / month / year): an example shows the whole date, not this box's part
    # An example date ("For example, 17/3/2027") shows the separators too: "17 3 2027" is not "17/3/2027".
    wanted = example_spelling(value, hints) or ""
    return "" if wanted == value.strip() else wanted


@dataclass
class ValueCheck:
    """The outcome of typing into a field: what was typed (maybe reformatted), what the field holds."""

    verified: bool
    typed: str
    observed: str
    message: str = ""
    group: str = ""  # a checkbox's form list (its name attribute), when its state was read
    others: tuple[str, ...] = ()  # a radio's fellow options, by name, when its state was read


async def read_field(element: Element) -> dict[str, Any]:
    """The field's value, validity and format hints (one evaluation)."""
    return dict(await evaluate_on(element, _READ_FIELD_JS))


async def fill_verified(
    element: Element, value: str, fill: Callable[[str], Awaitable[Any]] | None = None
) -> ValueCheck:
    """Fill ``value`` and read it back; when the field refuses that spelling (it holds something else, is invalid,
    or will not take it at all), type the spelling it asks for. ``fill`` does the typing (element.fill by default).
    Costs one evaluation when the field takes the value as typed."""
    do_fill = fill or element.fill
    try:
        await do_fill(value)
    except PlaywrightError:
        info = await read_field(element)  # e.g. a date input refusing a non-ISO date outright
        candidates = alternative_formats(value, info)
        if not candidates:
            raise
    else:
        info = await read_field(element)
        if fill is None and adds_on_enter(info):
            return await _add_items(element, value)
        held = value_matches(value, info["value"], info["type"])
        if held and info["valid"]:
            # The field took it; a date in another spelling than the one the field declares is retyped in that one.
            wanted = declared_format(value, info)
            if wanted:
                await do_fill(wanted)
                retyped = await read_field(element)
                if value_matches(wanted, retyped["value"], retyped["type"]) and retyped["valid"]:
                    return ValueCheck(True, wanted, retyped["value"])
                await do_fill(value)  # it preferred the spelling it was given after all
            return ValueCheck(True, value, info["value"])
        else:
            if not held:
                again = dict(await evaluate_on(element, _READ_FIELD_LATER_JS))  # it may reformat on the next tick
                if value_matches(value, again["value"], again["type"]) and again["valid"]:
                    return ValueCheck(True, value, again["value"])
                info = again
            candidates = alternative_formats(value, info)
    first = info
    for candidate in candidates:
        try:
            await do_fill(candidate)
        except PlaywrightError:
            continue
        info = await read_field(element)
        if value_matches(candidate, info["value"], info["type"]) and info["valid"]:
            return ValueCheck(True, candidate, info["value"])
    if info is not first and not candidates:
        info = first
    message = info["message"] or (
        "the field reports it invalid" if value_matches(value, info["value"], info["type"]) else ""
    )
    return ValueCheck(False, value, info["value"], message)


# A field that turns what is typed into an item of a list on Enter (a tag or label input): "Press Enter to add a
# label", "Type a tag and press Enter". Pressing Enter to search, send or go on is no such field.
_PRESS_ENTER = re.compile(r"\b(?:press|hit)(?:ing)?\s+(?:the\s+)?(?:enter|return)\b(?:\s+key)?", re.IGNORECASE)
_ENTER_SENDS = re.compile(
    r"\b(?:search|send|submit|go|continue|log|sign|save|find|confirm|pay|next|finish|post|look)\b", re.IGNORECASE
)
# Where the items a tag input added show: the nearest ancestor (3 levels up at most) holding more than the input.
_ITEMS_SHOWN_JS = """
(el) => { let box = el.parentElement;
  for (let depth = 0; box && depth < 3; depth++, box = box.parentElement) {
    const text = (box.innerText || '').replace(/\\s+/g, ' ').trim();
    if (text) return {text: text.slice(0, 2000), left: el.value || ''}; }
  return {text: '', left: el.value || ''}; }
"""


def adds_on_enter(info: dict[str, Any]) -> bool:
    """Whether the field adds what is typed to a list on Enter, by what its hints say."""
    hints = " ".join(str(info.get(k, "")) for k in ("hint", "near", "placeholder"))
    return any(
        not _ENTER_SENDS.search(hints[max(0, press.start() - 40):press.end() + 30])
        for press in _PRESS_ENTER.finditer(hints)
    )


async def _add_items(element: Element, value: str) -> ValueCheck:
    """Each comma-separated item typed and added with Enter (the page then shows it as a tag and empties the
    field); verified when the field is empty and every item shows next to it. Recorded and replayed with the
    whole value, so replay adds its own items."""
    items = [item.strip() for item in value.split(",") if item.strip()]
    for item in items:
        await element.fill(item)
        await element.press("Enter")
    shown = dict(await evaluate_on(element, _ITEMS_SHOWN_JS))
    text, left = str(shown.get("text", "")).casefold(), str(shown.get("left", ""))
    missing = [item for item in items if item.casefold() not in text]
    if not left.strip() and not missing:
        return ValueCheck(True, value, ", ".join(items))
    message = f"{', '.join(missing)} not added" if missing else f"the field still holds {left!r}"
    return ValueCheck(False, value, left or text[:80], message)


async def choice_verified(element: Element, value: str) -> ValueCheck:
    """Whether the select shows ``value`` (an option's value or label) as chosen."""
    raw = await evaluate_on(element, READ_CHOICE_JS)
    selected = [(str(v), str(label)) for v, label in raw.get("selected", [])]
    wanted = value.strip().casefold()
    ok = any(wanted in (v.strip().casefold(), label.strip().casefold()) for v, label in selected)
    shown = ", ".join(label or v for v, label in selected) or "nothing"
    return ValueCheck(ok, value, shown)


async def state_verified(element: Element, checked: bool) -> ValueCheck:
    """Whether the checkbox/radio/switch is in the state asked for."""
    return state_check(await evaluate_on(element, READ_CHOICE_JS), checked)


def state_check(raw: dict[str, Any], checked: bool) -> ValueCheck:
    """state_verified from READ_CHOICE_JS's answer (read in the look that found the box, or after the press)."""
    state = bool(raw.get("checked"))
    return ValueCheck(
        state == checked, "checked" if checked else "unchecked", "checked" if state else "unchecked",
        group=str(raw.get("group") or ""), others=tuple(str(n) for n in raw.get("others") or ()),
    )


def shown_value(text: str, secret: bool) -> str:
    """A value as it may appear in a record or a message: secrets never do."""
    if secret:
        return f"<secret, {len(text)} characters>"
    return text if len(text) <= 200 else text[:197] + "..."


def value_postcondition(check: ValueCheck, *, secret: bool) -> trace_pb2.Postcondition:
    """The trace's record of a value check (secret values replaced by their length)."""
    post = trace_pb2.Postcondition(
        verified=check.verified,
        expected=shown_value(check.typed, secret),
        observed=shown_value(check.observed, secret),
    )
    if check.others and not secret:
        post.context = "\n".join(check.others)  # the judge reads a radio's choice against its fellow options
    return post


def value_failure(intent: str, intended: str, check: ValueCheck, *, secret: bool) -> str:
    """Why a typed value did not verify: what was typed and what the field holds."""
    why = f" ({check.message})" if check.message else ""
    return (
        f"{intent or 'typing'}: typed {shown_value(intended, secret)!r} but the field holds "
        f"{shown_value(check.observed, secret)!r}{why}"
    )
