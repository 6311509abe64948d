"""Held-out healthcare, insurance and travel forms: GP booking, car quote, travel cover, ETA, a lying prescription."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import MONTHS, email_for, form_workflow, person, submit_and_wait
from examples.corpus.tasks._data_inputs import code as _code
from examples.corpus.tasks._data_interaction import js

# --- shared pieces ------------------------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_PC_AREAS = ("LS", "M", "B", "BS", "NE", "CF", "EH", "NG", "SO", "YO", "OX", "HU", "L", "G")
_PC_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_BLANK = Submission("blank", {})
_Step = Callable[[Visit, dict[str, Any], Submission], dict[str, str]]


def _f(key: str) -> str:
    """The floor's marker attribute for a key."""
    return f'data-f="{_code(key)}"'


def _sel(key: str) -> str:
    return f'[data-f="{_code(key)}"]'


def _names(rng: random.Random, keys: tuple[str, ...], prefix: str) -> dict[str, str]:
    """Generated field names or ids, one per key, as form builders emit them."""
    numbers = rng.sample(range(0x100000, 0xFFFFFF), len(keys))
    return {key: f"{prefix}{n:06x}" for key, n in zip(keys, numbers, strict=True)}


def _words(text: str) -> str:
    return " ".join(text.split())


def _squash(text: str) -> str:
    """Case and spacing do not matter to a postcode, a number plate or a passport number."""
    return re.sub(r"\s+", "", text).upper()


def _checked(on: bool, word: str = "checked") -> str:
    return f" {word}" if on else ""


def _options(
    pairs: list[tuple[str, str]], chosen: str = "", placeholder: str | None = None, marks: dict[str, str] | None = None
) -> str:
    """<option>s from (value, text) pairs; the chosen value is selected; marks give some options a floor marker."""
    out = [f'<option value="">{esc(placeholder)}</option>'] if placeholder is not None else []
    for value, text in pairs:
        selected = " selected" if chosen and value == chosen else ""
        mark = f" {_f(marks[value])}" if marks and value in marks else ""
        out.append(f'<option value="{esc(value)}"{selected}{mark}>{esc(text)}</option>')
    return "".join(out)


def _reference(visit: Visit, prefix: str, salt: object = "") -> str:
    number = int(hashlib.sha1(f"{visit.token}:{salt}".encode()).hexdigest()[:8], 16) % 900000 + 100000
    return f"{prefix}{number}"


def _postcode(rng: random.Random) -> str:
    letters = rng.choice(_PC_LETTERS) + rng.choice(_PC_LETTERS)
    return f"{pick(rng, _PC_AREAS)}{rng.randint(1, 19)} {rng.randint(1, 9)}{letters}"


def _postcode_ok(value: str) -> bool:
    return bool(_UK_POSTCODE.match(" ".join(value.upper().split())))


def _day_name(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _long_date(day: dt.date) -> str:
    return f"{day:%A} {_day_name(day)}"


def _ymd(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year.strip()), int(month.strip()), int(day.strip()))
    except ValueError:
        return None


def _dmy(text: str) -> dt.date | None:
    """A date typed as d/m/yyyy (slashes, dots or dashes)."""
    match = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", text)
    return _ymd(match[3], match[2], match[1]) if match else None


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _pause(visit: Visit, low: float, high: float) -> None:
    """The latency of a real back end (the site serves each request in its own thread)."""
    time.sleep(visit.visit_rng.uniform(low, high))


def _replay(visit: Visit, record: Record, step: _Step) -> tuple[dict[str, Any], str]:
    """Every submission through the page's own step function, on a fresh state: what the server ended up with."""
    state: dict[str, Any] = {}
    refused = ""
    for sub in record.submissions:
        errors = step(visit, state, sub)
        if errors:
            refused = "; ".join(errors.values())
    return state, refused


def _refusal(what: str, refused: str) -> Verdict:
    return Verdict.no(f"{what} (the last refusal: {refused})" if refused else what)


def _not_found() -> Response:
    return Response(page("Page not found", "<h1>Page not found</h1>"), status=404)


def _summary(kind: str, errors: dict[str, str], ids: dict[str, str]) -> str:
    """A GOV.UK / NHS design-system error summary (kind is 'govuk' or 'nhsuk')."""
    if not errors:
        return ""
    items = "".join(f'<li><a href="#{ids.get(k, "")}">{esc(m)}</a></li>' for k, m in errors.items())
    return (
        f'<div class="{kind}-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1">'
        f'<h2 class="{kind}-error-summary__title" id="error-summary-title">There is a problem</h2>'
        f'<div class="{kind}-error-summary__body"><ul class="{kind}-list {kind}-error-summary__list">{items}</ul>'
        "</div></div>"
    )


# --- 1. GP appointment: NHS-style pages, type and clinician, a calendar dialog, slots loaded by fetch, check answers

_GP_PRACTICES = (
    "Riverside Medical Practice",
    "Elmwood Surgery",
    "Castle Street Health Centre",
    "Brook Lane Surgery",
    "Harbour View Medical Centre",
)
_GP_STAFF = (
    ("Dr Amelia Hart", "GP"),
    ("Dr Tobias Reyes", "GP"),
    ("Dr Nkechi Adeyemi", "GP"),
    ("Sarah Whitlock", "Practice nurse"),
    ("Liam Connolly", "Clinical pharmacist"),
)
_GP_ANY = "Any available clinician"
_GP_TYPES = {
    "face-to-face": ("Face-to-face at the surgery", "In person at the practice", "Face to face"),
    "telephone": ("Telephone call", "Phone call", "Telephone appointment"),
    "video": ("Video call", "Video consultation", "Online video appointment"),
}
_GP_REASONS = (
    "Review of my blood pressure medication",
    "Lower back pain for the last three weeks",
    "Follow-up on my recent blood test results",
    "A cough that has not cleared up after a fortnight",
    "Annual asthma review",
    "A rash on my forearm that keeps coming back",
)
_GP_TIMES = tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(8 * 60 + 30, 17 * 60 + 20, 20))
_GP_AHEAD = 28  # appointments can be booked up to four weeks ahead
_GP_WORDS = {
    "heading": ("Book an appointment", "Request an appointment", "Book a GP surgery appointment"),
    "type": ("What type of appointment would you like?", "How would you like to be seen?", "Appointment type"),
    "staff": ("Who would you like to see?", "Choose a clinician", "Who is the appointment with?"),
    "reason": ("What is the appointment for?", "Reason for appointment", "Briefly tell us why you need to be seen"),
    "next": ("Continue", "Next", "Save and continue"),
    "when": ("Choose a date and time", "When would you like your appointment?", "Pick a date and time"),
    "check": ("Check your appointment details", "Check your answers before booking", "Confirm your appointment"),
    "book": ("Confirm appointment", "Book appointment", "Confirm and book"),
}
_NHS_CSS = """<style>
.nhsuk-header{background:#005eb8;color:#fff;padding:.9rem 1.2rem;margin-bottom:1.5rem;display:flex;
 justify-content:space-between;align-items:center}.nhsuk-header a{color:#fff;font-weight:700;text-decoration:none}
.nhsuk-caption-l{color:#4c6272;font-size:1.1rem;display:block}.nhsuk-heading-l{font-size:2rem;margin:.2rem 0 1rem}
.nhsuk-form-group{margin-bottom:1.6rem}.nhsuk-form-group--error{border-left:4px solid #d5281b;padding-left:.9rem}
.nhsuk-fieldset{border:0;margin:0;padding:0}.nhsuk-fieldset__legend{font-weight:600;font-size:1.2rem;padding:0}
.nhsuk-label{display:block;font-weight:600;margin:.2rem 0}.nhsuk-hint{color:#4c6272;margin:.2rem 0 .6rem}
.nhsuk-error-message{color:#d5281b;font-weight:600;display:block;margin:.2rem 0}
.nhsuk-input,.nhsuk-select,.nhsuk-textarea{border:2px solid #4c6272;padding:.4rem;font-size:1rem}
.nhsuk-textarea{width:100%;box-sizing:border-box}.nhsuk-input--width-10{width:11em}
.nhsuk-radios__item{position:relative;min-height:40px;padding-left:52px;margin-bottom:.5rem}
.nhsuk-radios__input{position:absolute;left:0;top:0;width:40px;height:40px;margin:0;opacity:0;z-index:1;
 cursor:pointer}.nhsuk-radios__label{display:inline-block;padding:.5rem .2rem;margin:0;cursor:pointer}
.nhsuk-radios__label::before{content:"";box-sizing:border-box;position:absolute;left:0;top:0;width:40px;height:40px;
 border:2px solid #4c6272;border-radius:50%;background:#fff}
.nhsuk-radios__input:checked+.nhsuk-radios__label::after{content:"";position:absolute;left:10px;top:10px;width:20px;
 height:20px;border-radius:50%;background:#212b32}
.nhsuk-button{background:#007f3b;color:#fff;border:0;border-bottom:4px solid #00401e;border-radius:4px;
 padding:.6rem 1.1rem;font-weight:600}.nhsuk-button--secondary{background:#4c6272;border-bottom-color:#263139}
.nhsuk-error-summary{border:4px solid #d5281b;padding:1rem;margin-bottom:1.5rem}
.nhsuk-error-summary a{color:#d5281b;font-weight:600}
.nhsuk-summary-list{width:100%;border-collapse:collapse;margin-bottom:1.5rem}
.nhsuk-summary-list th,.nhsuk-summary-list td{border:0;border-bottom:1px solid #d8dde0;padding:.6rem .4rem;
 text-align:left;vertical-align:top}
.nhsuk-panel{background:#007f3b;color:#fff;padding:1.4rem;margin-bottom:1.5rem}.nhsuk-panel h1{margin-top:0}
.nhsuk-u-visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}
.datepicker{position:relative;display:flex;gap:.5rem;align-items:center}
.datepicker__dialog{position:absolute;top:3rem;left:0;z-index:10;background:#fff;border:2px solid #4c6272;
 padding:.8rem;box-shadow:0 4px 12px rgba(0,0,0,.2)}
.datepicker__nav{display:flex;justify-content:space-between;align-items:center;gap:1rem}
.datepicker__nav h2{font-size:1.05rem;margin:0}.cal td,.cal th{border:0;padding:2px;text-align:center}
.cal button{width:2.4rem;height:2.2rem;margin:0;padding:0;border:1px solid #d8dde0;background:#fff}
.cal button[disabled]{color:#aeb7bd;background:#f0f4f5;cursor:not-allowed}
.cal button[aria-pressed=true]{background:#005eb8;color:#fff}
.slots{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.slot{margin:0;border:2px solid #005eb8;background:#fff;color:#005eb8;border-radius:4px}
.slot[aria-pressed=true]{background:#005eb8;color:#fff}
</style>"""


@dataclass(frozen=True)
class _GpLayout:
    names: dict[str, str]
    ids: dict[str, str]
    type_values: dict[str, str]  # type key -> radio value
    type_labels: dict[str, str]  # type key -> label
    type_order: tuple[str, ...]
    staff_values: dict[str, str]  # clinician -> option value
    staff_labels: dict[str, str]  # clinician -> option text
    practice: str
    words: dict[str, str]
    typed: bool  # the date box takes typing (else it is read-only and only the calendar fills it)
    twelve: bool  # times shown as 2:10pm (else 14:10)


def _gp_day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d %B %Y").date()


def _gp_window() -> list[dt.date]:
    today = dt.date.today()
    days = (today + dt.timedelta(days=k) for k in range(1, _GP_AHEAD + 1))
    return [d for d in days if d.weekday() < 5]


def _gp_params(rng: random.Random) -> dict[str, str]:
    day = dt.date.today() + dt.timedelta(days=rng.randint(2, 24))
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return {
        "appointment_type": pick(rng, list(_GP_TYPES)),
        "clinician": pick(rng, _GP_STAFF)[0],
        "date": _day_name(day),
        "time": pick(rng, _GP_TIMES),
        "reason": pick(rng, _GP_REASONS),
    }


def _gp_layout(visit: Visit) -> _GpLayout:
    rng = visit.rng
    keys = ("type", "staff", "reason", "date", "time")
    order = list(_GP_TYPES)
    if rng.random() < 0.5:
        rng.shuffle(order)
    style = pick(rng, ("{name} ({role})", "{name} – {role}", "{name}, {role}"))
    staff_numbers = rng.sample(range(100, 999), len(_GP_STAFF))
    return _GpLayout(
        names=_names(rng, keys, pick(rng, ("appt_", "f_", "q"))),
        ids=_names(rng, keys, "fld-"),
        type_values={k: str(v) for k, v in zip(_GP_TYPES, rng.sample(range(10, 99), 3), strict=True)},
        type_labels={k: pick(rng, labels) for k, labels in _GP_TYPES.items()},
        type_order=tuple(order),
        staff_values={name: f"hcp{n}" for (name, _), n in zip(_GP_STAFF, staff_numbers, strict=True)},
        staff_labels={name: style.format(name=name, role=role) for name, role in _GP_STAFF},
        practice=pick(rng, _GP_PRACTICES),
        words={key: pick(rng, options) for key, options in _GP_WORDS.items()},
        typed=rng.random() < 0.5,
        twelve=rng.random() < 0.5,
    )


def _gp_time_label(value: str, twelve: bool) -> str:
    hour, minute = (int(x) for x in value.split(":"))
    if not twelve:
        return value
    return f"{(hour - 1) % 12 + 1}:{minute:02d}{'pm' if hour >= 12 else 'am'}"


def _gp_slots(visit: Visit, clinician: str, day: dt.date) -> list[str]:
    """The free times with this clinician on this day (the user's own appointment is always free)."""
    r = random.Random(f"{visit.task.name}:slots:{visit.seed}:{clinician}:{day.isoformat()}")
    free = set(r.sample(_GP_TIMES, r.randint(4, 9)))
    p = visit.params
    if clinician == p["clinician"] and day == _gp_day(p["date"]):
        free.add(p["time"])
    return sorted(free)


def _gp_step(visit: Visit, st: dict[str, Any], sub: Submission) -> dict[str, str]:
    """One submission through the booking's server logic: its errors (none when accepted); st changes in place."""
    lay = _gp_layout(visit)
    n = lay.names
    errors: dict[str, str] = {}
    if sub.step == "type":
        kind = {v: k for k, v in lay.type_values.items()}.get(sub.one(n["type"]))
        staff = {v: k for k, v in lay.staff_values.items()}.get(sub.one(n["staff"]))
        if sub.one(n["staff"]) == "any":
            staff = _GP_ANY
        reason = sub.one(n["reason"]).strip()
        if kind is None:
            errors["type"] = "Select the type of appointment you would like"
        if staff is None:
            errors["staff"] = "Select who you would like to see"
        if not reason:
            errors["reason"] = "Enter the reason for your appointment"
        elif len(reason) > 200:
            errors["reason"] = "Reason must be 200 characters or fewer"
        if not errors:
            if st.get("type", {}).get("staff") != staff:
                st.pop("when", None)
                st.pop("raw:when", None)
            st["type"] = {"type": kind, "staff": staff, "reason": reason}
            st["raw:type"] = sub.fields
        return errors
    if sub.step == "when":
        if "type" not in st:
            return {"_": "Your session has expired. Start your booking again."}
        text = sub.one(n["date"]).strip()
        day = _dmy(text)
        if not text:
            errors["date"] = "Enter or choose a date for your appointment"
        elif day is None:
            errors["date"] = "Date must be a real date, written like 17/3/2027"
        elif day.weekday() >= 5:
            errors["date"] = "The surgery is closed at weekends. Choose a weekday"
        elif day not in _gp_window():
            errors["date"] = "Choose a date in the next 4 weeks"
        chosen = sub.one(n["time"])
        if day is not None and "date" not in errors:
            if not chosen:
                errors["time"] = "Select a time for your appointment"
            elif chosen not in _gp_slots(visit, st["type"]["staff"], day):
                errors["time"] = "That time is no longer available. Choose another time"
        if not errors and day is not None:
            st["when"] = {"date": day, "time": chosen}
            st["raw:when"] = sub.fields
        return errors
    if sub.step == "confirm":
        if "type" not in st or "when" not in st:
            return {"_": "Your session has expired. Start your booking again."}
        st.setdefault("booked", []).append({**st["type"], **st["when"]})
        for key in ("type", "when", "raw:type", "raw:when"):
            st.pop(key, None)
    return errors


def _gp_shell(lay: _GpLayout, title: str, body: str, script: str = "") -> str:
    header = (
        f'<header class="nhsuk-header"><a href="#">{esc(lay.practice)}</a>'
        '<span>Online services · <a href="#">Sign out</a></span></header>'
    )
    return page(
        title, header + f'<main class="nhsuk-main-wrapper" id="maincontent">{body}</main>', head=_NHS_CSS, script=script
    )


def _gp_error(errors: dict[str, str], key: str) -> str:
    if key not in errors:
        return ""
    return (
        f'<span class="nhsuk-error-message"><span class="nhsuk-u-visually-hidden">Error:</span> '
        f"{esc(errors[key])}</span>"
    )


def _gp_group(errors: dict[str, str], key: str) -> str:
    return "nhsuk-form-group" + (" nhsuk-form-group--error" if key in errors else "")


def _gp_type_page(visit: Visit, sub: Submission, errors: dict[str, str]) -> str:
    lay = _gp_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    radios = "".join(
        f'<div class="nhsuk-radios__item"><input class="nhsuk-radios__input" id="{ids["type"]}-{i}"'
        f' name="{n["type"]}" type="radio" value="{lay.type_values[key]}" {_f("gp-type:" + key)}'
        f"{_checked(sub.one(n['type']) == lay.type_values[key])}>"
        f'<label class="nhsuk-label nhsuk-radios__label" for="{ids["type"]}-{i}">{esc(lay.type_labels[key])}</label>'
        "</div>"
        for i, key in enumerate(lay.type_order)
    )
    staff_pairs = [("any", _GP_ANY)] + [(lay.staff_values[s], lay.staff_labels[s]) for s, _ in _GP_STAFF]
    marks = {lay.staff_values[s]: "gp-doc:" + s for s, _ in _GP_STAFF}
    reason = sub.one(n["reason"])
    body = (
        f'{_summary("nhsuk", errors, ids)}<span class="nhsuk-caption-l">{esc(w["heading"])}</span>'
        f'<h1 class="nhsuk-heading-l">Your appointment</h1>'
        f'<form method="post" action="{visit.url("submit/type")}" novalidate>'
        f'<div class="{_gp_group(errors, "type")}"><fieldset class="nhsuk-fieldset" id="{ids["type"]}"'
        f' aria-describedby="{ids["type"]}-hint"><legend class="nhsuk-fieldset__legend">{esc(w["type"])}</legend>'
        f'<div class="nhsuk-hint" id="{ids["type"]}-hint">Video calls need a smartphone, tablet or computer with a'
        f' camera.</div>{_gp_error(errors, "type")}<div class="nhsuk-radios">{radios}</div></fieldset></div>'
        f'<div class="{_gp_group(errors, "staff")}"><label class="nhsuk-label" for="{ids["staff"]}">'
        f"{esc(w['staff'])}</label>{_gp_error(errors, 'staff')}"
        f'<select class="nhsuk-select" id="{ids["staff"]}" name="{n["staff"]}" {_f("gp-doc")}>'
        f"{_options(staff_pairs, sub.one(n['staff']), 'Choose a clinician', marks)}</select></div>"
        f'<div class="{_gp_group(errors, "reason")} nhsuk-character-count" data-maxlength="200">'
        f'<label class="nhsuk-label" for="{ids["reason"]}">{esc(w["reason"])}</label>'
        f'<div class="nhsuk-hint" id="{ids["reason"]}-hint">The practice team reads this to make sure you see the'
        f" right person. Do not include anything urgent: call 111 instead.</div>{_gp_error(errors, 'reason')}"
        f'<textarea class="nhsuk-textarea" id="{ids["reason"]}" name="{n["reason"]}" rows="4"'
        f' aria-describedby="{ids["reason"]}-hint {ids["reason"]}-info" {_f("gp-reason")}>{esc(reason)}</textarea>'
        f'<div class="nhsuk-hint" id="{ids["reason"]}-info" aria-live="polite">You can enter up to 200 characters'
        "</div></div>"
        f'<button class="nhsuk-button" type="submit" {_f("gp-go1")}>{esc(w["next"])}</button></form>'
    )
    script = (
        f"const box = document.getElementById({js(ids['reason'])}), info = document.getElementById("
        f"{js(ids['reason'] + '-info')});\n"
        + r"""
const count = () => {
  const left = 200 - box.value.length;
  info.textContent = left >= 0 ? `You have ${left} character${left === 1 ? '' : 's'} remaining`
    : `You have ${-left} character${left === -1 ? '' : 's'} too many`;
  info.style.color = left >= 0 ? '' : '#d5281b';
};
box.addEventListener('input', count);
if (box.value) count();
"""
    )
    return _gp_shell(lay, w["heading"], body, script)


_GP_WHEN_JS = r"""
const $ = (id) => document.getElementById(id);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const box = $(CFG.date), dlg = $(CFG.dialog), grid = $(CFG.grid), title = $(CFG.title), toggle = $(CFG.toggle);
const slots = $(CFG.slots), timeBox = $(CFG.time), note = $(CFG.note);
const avail = new Set(CFG.available);
const at = (key) => { const [y, m, d] = key.split('-').map(Number); return new Date(y, m - 1, d); };
const pad = (x) => String(x).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const monthOf = (d) => new Date(d.getFullYear(), d.getMonth(), 1);
const first = monthOf(at(CFG.available[0])), last = monthOf(at(CFG.available[CFG.available.length - 1]));
let shown = first, ticket = 0;
function parse(text) {
  const m = text.trim().match(/^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/);
  if (!m) return '';
  const d = new Date(+m[3], +m[2] - 1, +m[1]);
  return d.getDate() === +m[1] && d.getMonth() === +m[2] - 1 ? iso(d) : '';
}
function draw() {
  title.textContent = `${MONTHS[shown.getMonth()]} ${shown.getFullYear()}`;
  const lead = (shown.getDay() + 6) % 7;
  const days = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
  let html = '<tr>' + '<td></td>'.repeat(lead), col = lead;
  for (let d = 1; d <= days; d++, col++) {
    if (col && col % 7 === 0) html += '</tr><tr>';
    const day = new Date(shown.getFullYear(), shown.getMonth(), d), key = iso(day), on = avail.has(key);
    const label = `${DAYS[(day.getDay() + 6) % 7]} ${d} ${MONTHS[day.getMonth()]} ${day.getFullYear()}`;
    html += `<td><button type="button" data-date="${key}" aria-label="${label}${on ? '' : ', unavailable'}"` +
      `${on ? '' : ' disabled'} aria-pressed="${box.dataset.iso === key}">${d}</button></td>`;
  }
  grid.innerHTML = html + '</tr>';
  $(CFG.prev).disabled = shown <= first;
  $(CFG.next).disabled = shown >= last;
}
function openCalendar() {
  dlg.hidden = false; toggle.setAttribute('aria-expanded', 'true'); draw();
  (grid.querySelector('button[aria-pressed=true]') || grid.querySelector('button:not([disabled])') || dlg).focus();
}
function closeCalendar() { dlg.hidden = true; toggle.setAttribute('aria-expanded', 'false'); }
toggle.addEventListener('click', () => (dlg.hidden ? openCalendar() : closeCalendar()));
if (!CFG.typed) box.addEventListener('click', () => { if (dlg.hidden) openCalendar(); });
const step = (k) => { shown = new Date(shown.getFullYear(), shown.getMonth() + k, 1); draw(); };
$(CFG.prev).addEventListener('click', () => step(-1));
$(CFG.next).addEventListener('click', () => step(1));
$(CFG.close).addEventListener('click', () => { closeCalendar(); toggle.focus(); });
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !dlg.hidden) { closeCalendar(); toggle.focus(); }
});
grid.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-date]');
  if (!b || b.disabled) return;
  const [y, m, d] = b.dataset.date.split('-');
  box.value = `${d}/${m}/${y}`; closeCalendar(); load(b.dataset.date, '');
});
box.addEventListener('change', () => {
  const key = parse(box.value);
  if (key) { shown = monthOf(at(key)); load(key, ''); return; }
  ticket++; box.dataset.iso = ''; slots.innerHTML = ''; timeBox.value = '';
  note.textContent = box.value.trim() ? 'Enter a real date, like 17/3/2027' : '';
});
function choose(value) {
  const b = slots.querySelector(`button[data-time="${value}"]`);
  slots.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
  timeBox.value = b ? value : '';
}
slots.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-time]');
  if (b) choose(b.dataset.time);
});
async function load(key, keep) {
  const mine = ++ticket;
  box.dataset.iso = key; timeBox.value = ''; slots.innerHTML = '';
  note.textContent = 'Loading available times…';
  const answer = await fetch(CFG.slotsUrl + '?date=' + encodeURIComponent(key));
  const data = await answer.json();
  if (mine !== ticket) return;
  if (!data.ok) { note.textContent = data.message; return; }
  note.textContent = data.slots.length ? data.heading
    : 'There are no appointments left on this day. Choose another date.';
  for (const s of data.slots) {
    const b = document.createElement('button');
    b.type = 'button'; b.className = 'slot'; b.dataset.time = s.value; b.textContent = s.label;
    b.setAttribute('aria-pressed', 'false');
    slots.appendChild(b);
  }
  if (keep) choose(keep);
}
const start = parse(box.value);
if (start) { shown = monthOf(at(start)); load(start, CFG.keep); }
"""


def _gp_when_page(visit: Visit, sub: Submission, errors: dict[str, str]) -> str:
    lay = _gp_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    chosen = visit.state.get("gp", {}).get("type", {})
    kind = lay.type_labels.get(chosen.get("type", ""), "")
    who = lay.staff_labels.get(chosen.get("staff", ""), chosen.get("staff", ""))
    window = _gp_window()
    cid = {k: f"{ids['date']}-{k}" for k in ("toggle", "dialog", "title", "grid", "prev", "next", "close")}
    readonly = "" if lay.typed else " readonly"
    hint = (
        f"Appointments are available on weekdays in the next 4 weeks. For example, {window[-1]:%d/%m/%Y}."
        if lay.typed
        else "Appointments are available on weekdays in the next 4 weeks. Use the calendar to choose a day."
    )
    heads = "".join(
        f'<th scope="col"><abbr title="{d}">{d[:2]}</abbr></th>'
        for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )
    body = (
        f'<a href="{visit.url()}" class="nhsuk-back-link">Back</a>{_summary("nhsuk", errors, ids)}'
        f'<span class="nhsuk-caption-l">{esc(kind)} with {esc(who)}</span>'
        f'<h1 class="nhsuk-heading-l">{esc(w["when"])}</h1>'
        f'<form method="post" action="{visit.url("submit/when")}" novalidate autocomplete="off">'
        f'<div class="{_gp_group(errors, "date")}"><label class="nhsuk-label" for="{ids["date"]}">Date</label>'
        f'<div class="nhsuk-hint" id="{ids["date"]}-hint">{esc(hint)}</div>{_gp_error(errors, "date")}'
        f'<div class="datepicker"><input class="nhsuk-input nhsuk-input--width-10" type="text" id="{ids["date"]}"'
        f' name="{n["date"]}" value="{esc(sub.one(n["date"]))}" aria-describedby="{ids["date"]}-hint"{readonly}'
        f' {_f("gp-date")}><button type="button" class="nhsuk-button nhsuk-button--secondary" id="{cid["toggle"]}"'
        f' aria-haspopup="dialog" aria-controls="{cid["dialog"]}" aria-expanded="false" {_f("gp-cal")}>'
        "Choose date</button>"
        f'<div class="datepicker__dialog" role="dialog" aria-modal="true" aria-labelledby="{cid["title"]}"'
        f' id="{cid["dialog"]}" hidden><div class="datepicker__nav"><button type="button" id="{cid["prev"]}"'
        f' aria-label="Previous month">‹</button><h2 id="{cid["title"]}" aria-live="polite"></h2>'
        f'<button type="button" id="{cid["next"]}" aria-label="Next month" {_f("gp-month+")}>›</button></div>'
        f'<table class="cal" role="grid" aria-labelledby="{cid["title"]}"><thead><tr>{heads}</tr></thead>'
        f'<tbody id="{cid["grid"]}"></tbody></table><button type="button" id="{cid["close"]}">Close</button></div>'
        "</div></div>"
        f'<div class="{_gp_group(errors, "time")}"><fieldset class="nhsuk-fieldset" id="{ids["time"]}">'
        '<legend class="nhsuk-fieldset__legend">Available times</legend>'
        f'{_gp_error(errors, "time")}<p class="nhsuk-hint" id="{ids["time"]}-note" aria-live="polite">'
        "Choose a date to see the available times.</p>"
        f'<div class="slots" id="{ids["time"]}-slots" role="group" aria-label="Available times"></div>'
        f'<input type="hidden" name="{n["time"]}" id="{ids["time"]}-value" value=""></fieldset></div>'
        f'<button class="nhsuk-button" type="submit" {_f("gp-go2")}>{esc(w["next"])}</button></form>'
    )
    cfg = {
        **cid,
        "date": ids["date"],
        "slots": f"{ids['time']}-slots",
        "time": f"{ids['time']}-value",
        "note": f"{ids['time']}-note",
        "available": [d.isoformat() for d in window],
        "typed": lay.typed,
        "slotsUrl": visit.url("when/slots"),
        "keep": sub.one(n["time"]),
    }
    return _gp_shell(lay, w["when"], body, f"const CFG = {js(cfg)};\n{_GP_WHEN_JS}")


def _gp_check_page(visit: Visit) -> str:
    lay = _gp_layout(visit)
    w = lay.words
    st = visit.state["gp"]
    chosen, when = st["type"], st["when"]
    rows = (
        ("Appointment type", lay.type_labels[chosen["type"]], ""),
        ("With", lay.staff_labels.get(chosen["staff"], chosen["staff"]), ""),
        ("Reason", chosen["reason"], ""),
        ("Date", _long_date(when["date"]), "when"),
        ("Time", _gp_time_label(when["time"], lay.twelve), "when"),
    )
    items = "".join(
        f'<tr class="nhsuk-summary-list__row"><th class="nhsuk-summary-list__key" scope="row">{esc(k)}</th>'
        f'<td class="nhsuk-summary-list__value">{esc(v)}</td><td class="nhsuk-summary-list__actions">'
        f'<a href="{visit.url(link)}">Change<span class="nhsuk-u-visually-hidden"> {esc(k.lower())}</span></a></td>'
        "</tr>"
        for k, v, link in rows
    )
    body = (
        f'<a href="{visit.url("when")}" class="nhsuk-back-link">Back</a>'
        f'<h1 class="nhsuk-heading-l">{esc(w["check"])}</h1><table class="nhsuk-summary-list">{items}</table>'
        "<p>If you cannot attend, cancel the appointment so that someone else can use it.</p>"
        f'<form method="post" action="{visit.url("submit/confirm")}">'
        f'<button class="nhsuk-button" type="submit" {_f("gp-book")}>{esc(w["book"])}</button></form>'
    )
    return _gp_shell(lay, w["check"], body)


def _gp_slots_json(visit: Visit) -> Response:
    _pause(visit, 0.3, 0.6)
    chosen = visit.state.get("gp", {}).get("type")
    if not chosen:
        return Response.json({"ok": False, "message": "Your session has expired. Start your booking again."})
    try:
        day = dt.date.fromisoformat(visit.query.get("date", ""))
    except ValueError:
        return Response.json({"ok": False, "message": "Enter a real date, like 17/3/2027"})
    if day.weekday() >= 5:
        return Response.json({"ok": False, "message": "The surgery is closed at weekends. Choose a weekday."})
    if day not in _gp_window():
        return Response.json({"ok": False, "message": "You can only book appointments in the next 4 weeks."})
    lay = _gp_layout(visit)
    times = _gp_slots(visit, chosen["staff"], day)
    who = lay.staff_labels.get(chosen["staff"], chosen["staff"])
    return Response.json(
        {
            "ok": True,
            "heading": f"Available times with {who} on {_long_date(day)}",
            "slots": [{"value": t, "label": _gp_time_label(t, lay.twelve)} for t in times],
        }
    )


def _gp_render(visit: Visit) -> Response | str:
    st = visit.state.get("gp", {})
    if visit.path == "":
        return _gp_type_page(visit, Submission("saved", st.get("raw:type", {})), {})
    if visit.path == "when":
        if "type" not in st:
            return Response.redirect(visit.url())
        return _gp_when_page(visit, Submission("saved", st.get("raw:when", {})), {})
    if visit.path == "when/slots":
        return _gp_slots_json(visit)
    if visit.path == "check":
        if "type" not in st or "when" not in st:
            return Response.redirect(visit.url("when" if "type" in st else ""))
        return _gp_check_page(visit)
    return _not_found()


def _gp_respond(visit: Visit, sub: Submission) -> Response:
    if sub.step not in ("type", "when", "confirm"):
        return _not_found()
    st = visit.state.setdefault("gp", {})
    errors = _gp_step(visit, st, sub)
    lay = _gp_layout(visit)
    if "_" in errors:
        body = (
            '<h1 class="nhsuk-heading-l">Sorry, your session has expired</h1>'
            f'<p><a href="{visit.url()}">Start again</a></p>'
        )
        return Response(_gp_shell(lay, "Session expired", body), status=400)
    if sub.step == "type":
        return Response(_gp_type_page(visit, sub, errors)) if errors else Response.redirect(visit.url("when"))
    if sub.step == "when":
        return Response(_gp_when_page(visit, sub, errors)) if errors else Response.redirect(visit.url("check"))
    booking = st["booked"][-1]
    body = (
        '<div class="nhsuk-panel"><h1>Appointment booked</h1>'
        f"<p>Your reference is <strong>{_reference(visit, 'GP-', len(st['booked']))}</strong></p></div>"
        f"<p>{esc(lay.type_labels[booking['type']])} with {esc(lay.staff_labels.get(booking['staff'], _GP_ANY))}"
        f" on <strong>{_long_date(booking['date'])}</strong> at"
        f" <strong>{_gp_time_label(booking['time'], lay.twelve)}</strong>.</p>"
        "<p>We will send you a reminder the day before. If you need to cancel, do it at least 24 hours before the"
        " appointment.</p>"
    )
    return Response(_gp_shell(lay, "Appointment booked", body))


def _gp_judge(visit: Visit, record: Record) -> Verdict:
    st, refused = _replay(visit, record, _gp_step)
    booked = st.get("booked", [])
    if not booked:
        if "when" in st:
            return Verdict.no("the appointment was never confirmed: the booking stopped at the check-answers page")
        if "type" in st:
            return _refusal("no date and time were accepted, so nothing was booked", refused)
        return _refusal("nothing was booked", refused)
    if len(booked) > 1:
        return Verdict.no(f"{len(booked)} appointments were booked instead of one")
    got, p = booked[0], visit.params
    if got["type"] != p["appointment_type"]:
        return Verdict.no(f"appointment type: expected {p['appointment_type']!r}, got {got['type']!r}")
    if got["staff"] != p["clinician"]:
        return Verdict.no(f"clinician: expected {p['clinician']!r}, got {got['staff']!r}")
    if _words(got["reason"]) != _words(p["reason"]):
        return Verdict.no(f"reason: expected {p['reason']!r}, got {got['reason']!r}")
    if got["date"] != _gp_day(p["date"]):
        return Verdict.no(f"date: expected {p['date']}, got {_day_name(got['date'])}")
    if got["time"] != p["time"]:
        return Verdict.no(f"time: expected {p['time']}, got {got['time']}")
    return Verdict.yes("appointment booked with the asked clinician, type, day and time")


async def _gp_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.check(_sel("gp-type:" + params["appointment_type"]))
    doctor = await pw.locator(_sel("gp-doc:" + params["clinician"])).get_attribute("value")
    await pw.select_option(_sel("gp-doc"), value=doctor or "")
    await pw.fill(_sel("gp-reason"), params["reason"])
    await submit_and_wait(pw, _sel("gp-go1"))
    day = _gp_day(params["date"])
    await pw.click(_sel("gp-cal"))
    target = pw.locator(f'button[data-date="{day.isoformat()}"]')
    for _ in range(3):
        if await target.count():
            break
        await pw.click(_sel("gp-month+"))
    await target.click()
    await pw.click(f'button[data-time="{params["time"]}"]')
    await submit_and_wait(pw, _sel("gp-go2"))
    await submit_and_wait(pw, _sel("gp-book"))


# --- 2. car insurance quote: Tailwind wizard, registration lookup by fetch, radio cards, a quote page, Buy now ------

_MQ_MAKES = (
    ("Ford", "Fiesta", ("Zetec", "Titanium", "ST-Line")),
    ("Vauxhall", "Corsa", ("SE", "SRi", "Design")),
    ("Volkswagen", "Polo", ("Match", "SE", "R-Line")),
    ("Toyota", "Yaris", ("Icon", "Design", "Excel")),
    ("Kia", "Picanto", ("2", "3", "GT-Line")),
    ("Nissan", "Juke", ("Acenta", "N-Connecta", "Tekna")),
    ("Skoda", "Fabia", ("S", "SE", "Monte Carlo")),
)
_MQ_ENGINES = ("1.0 Petrol", "1.2 Petrol", "1.5 Petrol", "1.5 Diesel", "1.6 Diesel")
_MQ_PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
_MQ_MILEAGE = (  # (label, upper bound)
    ("Up to 5,000 miles", 5000),
    ("5,001 to 7,000 miles", 7000),
    ("7,001 to 10,000 miles", 10000),
    ("10,001 to 15,000 miles", 15000),
    ("More than 15,000 miles", 10**7),
)
_MQ_MILES = (3000, 4500, 6000, 6500, 8000, 9000, 12000, 13500, 18000, 20000)
_MQ_PARKING = {
    "Garage": ("In a locked garage", "Garage"),
    "Driveway": ("On a private driveway", "Driveway"),
    "On the street": ("On the road outside my home", "On the street"),
    "Car park": ("In a public car park", "Car park"),
}
_MQ_COVERS = {
    "Comprehensive": (
        "Our most complete cover",
        ("Damage to your own car, even if it's your fault", "Fire and theft", "Windscreen repair"),
    ),
    "Third party, fire and theft": (
        "If your car is stolen or catches fire",
        ("Fire and theft", "No cover for your car"),
    ),
    "Third party only": ("The legal minimum", ("Other people's cars and property only",)),
}
_MQ_COVER_BASE = {"Comprehensive": 540.0, "Third party, fire and theft": 610.0, "Third party only": 655.0}
_MQ_EXCESS = (("£0", 0), ("£100", 20), ("£150", 28), ("£250", 45), ("£350", 58), ("£500", 75))  # (label, discount)
_MQ_EXTRAS = (
    ("Breakdown cover", 39.00, "Roadside assistance and recovery anywhere in the UK"),
    ("Motor legal protection", 24.99, "Up to £100,000 of legal costs to recover losses that weren't your fault"),
    ("Courtesy car", 19.99, "A small car while yours is repaired by our approved garage"),
    ("Key cover", 14.99, "Replacement keys and locks if yours are lost or stolen"),
)
_MQ_CAMEL = {
    "reg": "registrationNumber",
    "vehicle": "vehicleLookupId",
    "value": "estimatedValue",
    "mileage": "annualMileage",
    "parking": "overnightLocation",
    "first": "driver.firstName",
    "last": "driver.lastName",
    "day": "driver.dob.day",
    "month": "driver.dob.month",
    "year": "driver.dob.year",
    "email": "driver.email",
    "postcode": "driver.postcode",
    "ncb": "driver.noClaimsYears",
    "cover": "coverType",
    "excess": "voluntaryExcess",
    "extras": "addOns[]",
    "start": "coverStartDate",
    "quote": "quoteId",
    "payment": "paymentFrequency",
    "agree": "assumptionsConfirmed",
}
_MQ_WORDS = {
    "brand": ("Drivewise", "Kestrel Car Cover", "Amberline Motor", "Quotewell"),
    "car": ("Tell us about your car", "Your car", "Let's find your car"),
    "find": ("Find car", "Look up", "Find my car"),
    "driver": ("About you", "Tell us about you", "Main driver"),
    "cover": ("Choose your cover", "Your cover", "How much cover do you need?"),
    "quote": ("Your quote", "Here's your quote", "Your car insurance quote"),
    "next": ("Continue", "Next", "Save and continue"),
    "get": ("Get my quote", "See my price", "Get quote"),
    "buy": ("Buy now", "Buy this policy", "Continue to buy"),
}
_TW_INPUT = (
    "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-indigo-500"
    " focus:ring-indigo-500 sm:text-sm"
)
_TW_LABEL = "block text-sm font-medium text-slate-700"
_TW_BUTTON = (
    "btn inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm"
    " hover:bg-indigo-500"
)
_TW_CARD = (
    "relative flex cursor-pointer rounded-lg border bg-white p-4 shadow-sm focus:outline-none"
    " has-[:checked]:border-indigo-600 has-[:checked]:ring-2 has-[:checked]:ring-indigo-600"
)
_TW_CSS = r"""<style>
*,:before,:after{box-sizing:border-box}body{background:#f8fafc;max-width:44rem}
.mx-auto{margin-left:auto;margin-right:auto}.max-w-2xl{max-width:42rem}.px-4{padding-left:1rem;padding-right:1rem}
.py-4{padding-top:1rem;padding-bottom:1rem}.p-4{padding:1rem}.p-6{padding:1.5rem}.px-3{padding-left:.75rem;
padding-right:.75rem}.py-2{padding-top:.5rem;padding-bottom:.5rem}.mt-1{margin-top:.25rem}.mt-2{margin-top:.5rem}
.mt-4{margin-top:1rem}.mt-6{margin-top:1.5rem}.mb-4{margin-bottom:1rem}.space-y-6>*+*{margin-top:1.5rem}
.flex{display:flex}.flex-col{flex-direction:column}.grid{display:grid}.hidden{display:none!important}
.block{display:block}.inline-flex{display:inline-flex}.items-center{align-items:center}
.justify-between{justify-content:space-between}.gap-2{gap:.5rem}.gap-3{gap:.75rem}.gap-4{gap:1rem}
.grid-cols-2{grid-template-columns:repeat(2,minmax(0,1fr))}.grid-cols-3{grid-template-columns:repeat(3,minmax(0,1fr))}
.w-full{width:100%}.w-16{width:4rem}.w-24{width:6rem}.w-48{width:12rem}.rounded-md{border-radius:.375rem}
.rounded-lg{border-radius:.5rem}.border{border:1px solid #cbd5e1}.bg-white{background:#fff}
.bg-red-50{background:#fef2f2}.bg-green-50{background:#f0fdf4}.bg-indigo-600{background:#4f46e5}
.shadow-sm{box-shadow:0 1px 2px rgba(0,0,0,.06)}
.text-xs{font-size:.75rem}.text-sm{font-size:.875rem}.text-lg{font-size:1.125rem}.text-2xl{font-size:1.5rem}
.text-3xl{font-size:1.875rem}.font-medium{font-weight:500}.font-semibold{font-weight:600}.font-bold{font-weight:700}
.text-white{color:#fff}.text-slate-500{color:#64748b}.text-slate-700{color:#334155}.text-slate-900{color:#0f172a}
.text-red-600{color:#dc2626}.text-red-800{color:#991b1b}.text-green-800{color:#166534}.text-indigo-600{color:#4f46e5}
.underline{text-decoration:underline}.cursor-pointer{cursor:pointer}.relative{position:relative}.btn{margin:0;border:0}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);
white-space:nowrap;border-width:0}.list-disc{list-style:disc;padding-left:1.25rem}
.has-\[\:checked\]\:ring-2:has(:checked){border-color:#4f46e5;box-shadow:0 0 0 2px #4f46e5}
.plate{background:#fcd34d;font-weight:700;letter-spacing:.1em;text-transform:uppercase;font-size:1.3rem}
.prefix{position:absolute;left:.75rem;top:.55rem;color:#64748b}.pl-7{padding-left:1.75rem}
</style>"""


@dataclass(frozen=True)
class _MqLayout:
    names: dict[str, str]
    ids: dict[str, str]
    mileage: dict[str, int]  # option value -> band index
    parking: dict[str, str]  # radio value -> place
    parking_labels: dict[str, str]
    ncb: dict[str, int]  # option value -> years (9 means nine or more)
    covers: dict[str, str]  # radio value -> cover level
    excess: dict[str, str]  # option value -> excess label
    extras: dict[str, str]  # checkbox value -> add-on
    payments: dict[str, str]  # radio value -> "monthly" or "annually"
    words: dict[str, str]


def _mq_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    letters = _MQ_PLATE_LETTERS
    age = pick(rng, (15, 16, 17, 18, 19, 20, 21, 65, 66, 67, 68, 69, 70, 71))
    plate = f"{rng.choice(letters)}{rng.choice(letters)}{age:02d} {''.join(rng.choice(letters) for _ in range(3))}"
    born = dt.date(rng.randint(1958, 2002), rng.randint(1, 12), rng.randint(1, 28))
    extras = sorted(rng.sample(range(len(_MQ_EXTRAS)), rng.randint(1, 2)))
    start = dt.date.today() + dt.timedelta(days=rng.randint(2, 27))
    return {
        "registration": plate,
        "car_value": f"£{rng.randrange(2500, 20001, 250):,}",
        "annual_mileage": f"{pick(rng, _MQ_MILES):,}",
        "parking": pick(rng, list(_MQ_PARKING)),
        "first_name": first,
        "last_name": last,
        "date_of_birth": f"{born:%d/%m/%Y}",
        "email": email_for(rng, first, last),
        "postcode": _postcode(rng),
        "no_claims_years": str(rng.randint(0, 12)),
        "cover_level": pick(rng, list(_MQ_COVERS)),
        "voluntary_excess": pick(rng, [label for label, _ in _MQ_EXCESS]),
        "add_ons": ", ".join(_MQ_EXTRAS[i][0] for i in extras),
        "start_date": start.isoformat(),
        "payment": pick(rng, ("monthly", "annually")),
    }


def _mq_layout(visit: Visit) -> _MqLayout:
    rng = visit.rng
    keys = tuple(_MQ_CAMEL)
    names = dict(_MQ_CAMEL) if rng.random() < 0.4 else _names(rng, keys, "f_")
    ids = {key: f":r{n:x}:" for key, n in zip(keys, rng.sample(range(10, 250), len(keys)), strict=True)}

    def codes(count: int, prefix: str) -> list[str]:
        return [f"{prefix}{n}" for n in rng.sample(range(10, 99), count)]

    cover_codes = pick(rng, (("COMP", "TPFT", "TPO"), ("1", "2", "3"), ("comprehensive", "tpft", "tpo")))
    return _MqLayout(
        names=names,
        ids=ids,
        mileage=dict(zip(codes(len(_MQ_MILEAGE), "m"), range(len(_MQ_MILEAGE)), strict=True)),
        parking=dict(zip(codes(len(_MQ_PARKING), "p"), _MQ_PARKING, strict=True)),
        parking_labels={key: pick(rng, labels) for key, labels in _MQ_PARKING.items()},
        ncb={str(years): years for years in range(10)},
        covers=dict(zip(cover_codes, _MQ_COVERS, strict=True)),
        excess={str(label[1:]): label for label, _ in _MQ_EXCESS},
        extras=dict(zip(codes(len(_MQ_EXTRAS), "ao_"), (e[0] for e in _MQ_EXTRAS), strict=True)),
        payments=dict(
            zip(pick(rng, (("M", "A"), ("monthly", "annual"), ("12", "1"))), ("monthly", "annually"), strict=True)
        ),
        words={key: pick(rng, options) for key, options in _MQ_WORDS.items()},
    )


def _mq_vehicle(plate: str) -> dict[str, str] | None:
    """What the registration lookup knows about a plate (any well-formed current-style plate is a car)."""
    match = re.fullmatch(r"[A-Z]{2}(\d{2})[A-Z]{3}", plate)
    if not match or not (1 <= int(match[1]) <= 26 or 51 <= int(match[1]) <= 76):
        return None
    age = int(match[1])
    year = 2000 + (age - 50 if age > 50 else age)
    r = random.Random(f"plate:{plate}")
    make, model, trims = pick(r, _MQ_MAKES)
    gearbox = pick(r, ("Manual", "Manual", "Automatic"))
    return {
        "reg": plate,
        "display": f"{plate[:4]} {plate[4:]}",
        "description": f"{year} {make} {model} {pick(r, trims)} {pick(r, _MQ_ENGINES)} {gearbox}",
    }


def _mq_pounds(text: str) -> int | None:
    cleaned = text.replace("£", "").replace(",", "").strip()
    return int(float(cleaned)) if re.fullmatch(r"\d+(\.\d{1,2})?", cleaned) else None


def _mq_date(text: str) -> dt.date | None:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return _dmy(text)


def _mq_price(st: dict[str, Any]) -> tuple[float, float]:
    """(annual, monthly) premium for the answers so far."""
    v, d, c = st["vehicle"], st["driver"], st["cover"]
    age = _age_on(d["dob"], dt.date.today())
    price = _MQ_COVER_BASE[c["cover"]] * (1.8 if age < 25 else 1.2 if age >= 70 else 1.0)
    price *= (0.85, 0.92, 1.0, 1.12, 1.3)[v["mileage"]] * (1 - min(d["ncb"], 9) * 0.06) * (1 + v["value"] / 100_000)
    price -= dict(_MQ_EXCESS)[c["excess"]]
    price += sum(cost for name, cost, _ in _MQ_EXTRAS if name in c["extras"])
    annual = round(price, 2)
    return annual, round(annual * 1.099 / 12, 2)


def _mq_step(visit: Visit, st: dict[str, Any], sub: Submission) -> dict[str, str]:
    lay = _mq_layout(visit)
    n = lay.names
    errors: dict[str, str] = {}
    today = dt.date.today()
    expired = {"_": "Your quote session has expired. Please start again."}
    if sub.step == "vehicle":
        plate = _squash(sub.one(n["reg"]))
        value = _mq_pounds(sub.one(n["value"]))
        if not plate:
            errors["reg"] = "Enter your car's registration number"
        elif _mq_vehicle(plate) is None:
            errors["reg"] = "Enter a real registration number, like AB12 CDE"
        elif sub.one(n["vehicle"]) != plate:
            errors["reg"] = "Find your car using its registration number, then check it's the right one"
        if value is None:
            errors["value"] = "Enter roughly how much your car is worth, in pounds"
        elif not 100 <= value <= 250_000:
            errors["value"] = "Your car's value must be between £100 and £250,000"
        if sub.one(n["mileage"]) not in lay.mileage:
            errors["mileage"] = "Select your estimated annual mileage"
        if sub.one(n["parking"]) not in lay.parking:
            errors["parking"] = "Tell us where your car is kept overnight"
        if not errors:
            st["vehicle"] = {
                "reg": plate,
                "value": value,
                "mileage": lay.mileage[sub.one(n["mileage"])],
                "parking": lay.parking[sub.one(n["parking"])],
            }
            st["raw:vehicle"] = sub.fields
            st.pop("quote", None)
        return errors
    if sub.step == "driver":
        if "vehicle" not in st:
            return expired
        for key, what in (("first", "first name"), ("last", "last name")):
            if not sub.one(n[key]).strip():
                errors[key] = f"Enter your {what}"
        parts = [sub.one(n[k]) for k in ("year", "month", "day")]
        born = _ymd(*parts)
        if not all(p.strip() for p in parts):
            errors["day"] = "Enter your date of birth"
        elif born is None:
            errors["day"] = "Date of birth must be a real date"
        elif not 17 <= _age_on(born, today) <= 99:
            errors["day"] = "You must be aged between 17 and 99 to get a quote"
        if not _EMAIL.match(sub.one(n["email"]).strip()):
            errors["email"] = "Enter an email address, like name@example.com"
        if not _postcode_ok(sub.one(n["postcode"])):
            errors["postcode"] = "Enter a real UK postcode, like LS1 4AP"
        if sub.one(n["ncb"]) not in lay.ncb:
            errors["ncb"] = "Select how many years' no claims bonus you have"
        if not errors and born is not None:
            st["driver"] = {
                "first": sub.one(n["first"]).strip(),
                "last": sub.one(n["last"]).strip(),
                "dob": born,
                "email": sub.one(n["email"]).strip(),
                "postcode": _squash(sub.one(n["postcode"])),
                "ncb": lay.ncb[sub.one(n["ncb"])],
            }
            st["raw:driver"] = sub.fields
            st.pop("quote", None)
        return errors
    if sub.step == "cover":
        if "vehicle" not in st or "driver" not in st:
            return expired
        start = _mq_date(sub.one(n["start"]))
        if sub.one(n["cover"]) not in lay.covers:
            errors["cover"] = "Choose the level of cover you want"
        if sub.one(n["excess"]) not in lay.excess:
            errors["excess"] = "Choose a voluntary excess"
        if start is None:
            errors["start"] = "Enter the date you want your cover to start"
        elif not today <= start <= today + dt.timedelta(days=30):
            errors["start"] = "Your cover must start within the next 30 days"
        if not errors:
            st["cover"] = {
                "cover": lay.covers[sub.one(n["cover"])],
                "excess": lay.excess[sub.one(n["excess"])],
                "extras": sorted({lay.extras[v] for v in sub.many(n["extras"]) if v in lay.extras}),
                "start": start,
            }
            st["raw:cover"] = sub.fields
            st["quotes"] = st.get("quotes", 0) + 1
            st["quote"] = _reference(visit, "Q", f"quote{st['quotes']}")
        return errors
    if sub.step == "buy":
        if "quote" not in st:
            return expired
        if sub.one(n["quote"]) != st["quote"]:
            errors["quote"] = "Your quote has changed since this page was opened. Check the new price before buying"
        if sub.one(n["payment"]) not in lay.payments:
            errors["payment"] = "Choose how you would like to pay"
        if not sub.one(n["agree"]):
            errors["agree"] = "Confirm that your details and our assumptions are correct"
        if not errors:
            bought = {**st["vehicle"], **st["driver"], **st["cover"], "payment": lay.payments[sub.one(n["payment"])]}
            st.setdefault("bought", []).append({**bought, "quote": st["quote"], "price": _mq_price(st)})
            for key in ("vehicle", "driver", "cover", "quote", "raw:vehicle", "raw:driver", "raw:cover"):
                st.pop(key, None)
    return errors


def _mq_shell(visit: Visit, lay: _MqLayout, current: int, title: str, body: str, script: str = "") -> str:
    steps = ("Your car", "About you", "Your cover", "Your quote")
    crumbs = "".join(
        f'<li{" aria-current=step" if i == current else ""} class="'
        f'{"font-semibold text-indigo-600" if i == current else "text-slate-500"}">{i + 1}. {s}</li>'
        for i, s in enumerate(steps)
    )
    head = (
        f'<header class="flex items-center justify-between py-4"><span class="text-lg font-bold">'
        f'{esc(lay.words["brand"])}</span><span class="text-sm text-slate-500">Car insurance · Need help? 0330 555'
        " 0101</span></header>"
        f'<nav aria-label="Progress"><ol class="flex gap-4 text-sm" style="list-style:none;padding:0">{crumbs}'
        "</ol></nav>"
    )
    return page(title, f'<div class="mx-auto max-w-2xl px-4">{head}{body}</div>', head=_TW_CSS, script=script)


def _mq_alert(errors: dict[str, str]) -> str:
    if not errors:
        return ""
    items = "".join(f"<li>{esc(m)}</li>" for m in errors.values())
    plural = "" if len(errors) == 1 else "s"
    return (
        f'<div class="rounded-md bg-red-50 p-4 mt-4" role="alert"><h3 class="text-sm font-medium text-red-800">'
        f"There {'was' if len(errors) == 1 else 'were'} {len(errors)} problem{plural} with your answers</h3>"
        f'<ul class="list-disc text-sm text-red-800">{items}</ul></div>'
    )


def _mq_field(lay: _MqLayout, errors: dict[str, str], key: str, label: str, control: str, hint: str = "") -> str:
    ident = lay.ids[key]
    hint_html = f'<p class="mt-1 text-sm text-slate-500" id="{ident}-hint">{esc(hint)}</p>' if hint else ""
    err = f'<p class="mt-2 text-sm text-red-600" id="{ident}-error">{esc(errors[key])}</p>' if key in errors else ""
    return f'<div><label for="{ident}" class="{_TW_LABEL}">{esc(label)}</label>{hint_html}{control}{err}</div>'


def _mq_input(lay: _MqLayout, sub: Submission, key: str, marker: str, kind: str = "text", extra: str = "") -> str:
    n, ident = lay.names[key], lay.ids[key]
    return (
        f'<input type="{kind}" id="{ident}" name="{esc(n)}" value="{esc(sub.one(n))}" class="{_TW_INPUT}"'
        f" {_f(marker)}{extra}>"
    )


def _mq_cards(lay: _MqLayout, sub: Submission, key: str, cards: list[tuple[str, str, str, str]], cols: int) -> str:
    """Radio cards: (value, title, detail, marker); the native radio is sr-only inside its card label."""
    n, ident = lay.names[key], lay.ids[key]
    out = []
    for i, (value, title, detail, marker) in enumerate(cards):
        out.append(
            f'<label class="{_TW_CARD}" {_f(marker)}><input type="radio" name="{esc(n)}" value="{esc(value)}"'
            f' class="sr-only" aria-labelledby="{ident}-{i}-t" aria-describedby="{ident}-{i}-d"'
            f'{_checked(sub.one(n) == value)}><span class="flex flex-col">'
            f'<span id="{ident}-{i}-t" class="block text-sm font-medium text-slate-900">{esc(title)}</span>'
            f'<span id="{ident}-{i}-d" class="mt-1 text-sm text-slate-500">{detail}</span></span></label>'
        )
    return f'<div class="mt-2 grid grid-cols-{cols} gap-3" id="{ident}" role="radiogroup">{"".join(out)}</div>'


def _mq_fieldset(errors: dict[str, str], lay: _MqLayout, key: str, legend: str, inner: str) -> str:
    err = f'<p class="mt-2 text-sm text-red-600">{esc(errors[key])}</p>' if key in errors else ""
    return (
        f'<fieldset style="border:0;padding:0;margin:0"><legend class="text-sm font-semibold text-slate-900">'
        f"{esc(legend)}</legend>{inner}{err}</fieldset>"
    )


_MQ_CAR_JS = r"""
const $ = (id) => document.getElementById(id);
const reg = $(CFG.reg), hidden = $(CFG.vehicle), found = $(CFG.found), more = $(CFG.more), msg = $(CFG.msg);
const find = $(CFG.find), value = $(CFG.value);
const plate = (s) => s.replace(/\s+/g, '').toUpperCase();
const reset = () => { hidden.value = ''; found.classList.add('hidden'); more.classList.add('hidden'); };
async function lookup() {
  msg.textContent = '';
  if (!plate(reg.value)) { msg.textContent = 'Enter your registration number'; return; }
  find.disabled = true; find.textContent = 'Searching…';
  try {
    const answer = await fetch(CFG.api + '?reg=' + encodeURIComponent(plate(reg.value)));
    const data = await answer.json();
    if (!answer.ok) { reset(); msg.textContent = data.message; return; }
    hidden.value = data.reg; reg.value = data.display; $(CFG.desc).textContent = data.description;
    found.classList.remove('hidden'); more.classList.remove('hidden');
  } finally { find.disabled = false; find.textContent = CFG.findText; }
}
find.addEventListener('click', lookup);
reg.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); lookup(); } });
reg.addEventListener('input', () => { if (hidden.value && plate(reg.value) !== hidden.value) reset(); });
$(CFG.change).addEventListener('click', () => { reset(); reg.value = ''; reg.focus(); });
value.addEventListener('blur', () => {
  const raw = value.value.replace(/[£,\s]/g, '');
  if (/^\d+$/.test(raw)) value.value = Number(raw).toLocaleString('en-GB');
});
"""


def _mq_car_page(visit: Visit, sub: Submission, errors: dict[str, str]) -> str:
    lay = _mq_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    car = _mq_vehicle(sub.one(n["vehicle"]))
    shown = "" if car else " hidden"
    reg = car["display"] if car else sub.one(n["reg"])
    mileage = _options(
        [(v, _MQ_MILEAGE[band][0]) for v, band in sorted(lay.mileage.items(), key=lambda kv: kv[1])],
        sub.one(n["mileage"]),
        "Select mileage",
        {v: f"mq-miles:{band}" for v, band in lay.mileage.items()},
    )
    parking = [(v, lay.parking_labels[place], "", "mq-park:" + place) for v, place in lay.parking.items()]
    reg_err = f'<p class="mt-2 text-sm text-red-600">{esc(errors["reg"])}</p>' if "reg" in errors else ""
    body = (
        f"{_mq_alert(errors)}"
        f'<form method="post" action="{visit.url("submit/vehicle")}" novalidate class="space-y-6 mt-6">'
        f'<h1 class="text-2xl font-semibold text-slate-900">{esc(w["car"])}</h1>'
        f'<div><label for="{ids["reg"]}" class="{_TW_LABEL}">Registration number</label>'
        f'<div class="mt-1 flex gap-3"><input type="text" id="{ids["reg"]}" name="{esc(n["reg"])}"'
        f' value="{esc(reg)}" placeholder="ENTER REG" autocomplete="off" maxlength="8"'
        f' class="plate w-48 rounded-md border px-3 py-2" {_f("mq-reg")}>'
        f'<button type="button" id="{ids["reg"]}-find" class="{_TW_BUTTON}" {_f("mq-find")}>{esc(w["find"])}</button>'
        f'</div><p class="mt-2 text-sm text-red-600" id="{ids["reg"]}-msg" role="alert"></p>{reg_err}</div>'
        f'<input type="hidden" id="{ids["vehicle"]}" name="{esc(n["vehicle"])}"'
        f' value="{esc(car["reg"] if car else "")}">'
        f'<div id="{ids["vehicle"]}-found" class="rounded-lg border bg-white p-4{shown}" {_f("mq-found")}>'
        '<p class="text-sm text-slate-500">We found your car</p>'
        f'<p class="font-semibold text-slate-900" id="{ids["vehicle"]}-desc">{esc(car["description"] if car else "")}'
        f'</p><button type="button" id="{ids["vehicle"]}-change" class="btn text-sm text-indigo-600 underline"'
        ' style="background:none;padding:0">Not your car? Search again</button></div>'
        f'<div id="{ids["vehicle"]}-more" class="space-y-6{shown}">'
        + _mq_field(
            lay,
            errors,
            "value",
            "Roughly how much is your car worth?",
            '<div class="relative"><span class="prefix">£</span>'
            + _mq_input(lay, sub, "value", "mq-value", extra=' inputmode="decimal"').replace(
                _TW_INPUT, _TW_INPUT + " pl-7"
            )
            + "</div>",
            "What you could sell it for today. Don't include any finance you owe on it.",
        )
        + _mq_field(
            lay,
            errors,
            "mileage",
            "How many miles do you drive a year?",
            f'<select id="{ids["mileage"]}" name="{esc(n["mileage"])}" class="{_TW_INPUT}" {_f("mq-miles")}>'
            f"{mileage}</select>",
            "Include all personal and commuting miles.",
        )
        + _mq_fieldset(
            errors, lay, "parking", "Where is your car kept overnight?", _mq_cards(lay, sub, "parking", parking, 2)
        )
        + f'<button type="submit" class="{_TW_BUTTON}" {_f("mq-next1")}>{esc(w["next"])}</button></div></form>'
    )
    cfg = {
        "reg": ids["reg"],
        "vehicle": ids["vehicle"],
        "found": f"{ids['vehicle']}-found",
        "more": f"{ids['vehicle']}-more",
        "desc": f"{ids['vehicle']}-desc",
        "change": f"{ids['vehicle']}-change",
        "msg": f"{ids['reg']}-msg",
        "find": f"{ids['reg']}-find",
        "findText": w["find"],
        "value": ids["value"],
        "api": visit.url("api/vehicle"),
    }
    return _mq_shell(visit, lay, 0, "Car insurance quote", body, f"const CFG = {js(cfg)};\n{_MQ_CAR_JS}")


def _mq_driver_page(visit: Visit, sub: Submission, errors: dict[str, str]) -> str:
    lay = _mq_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    ncb = [(v, "None" if y == 0 else f"{y} year{'s' if y > 1 else ''}") for v, y in lay.ncb.items()]
    ncb[-1] = (ncb[-1][0], "9 years or more")
    ncb_marks = {v: f"mq-ncb:{y}" for v, y in lay.ncb.items()}

    def part(key: str, label: str, width: str, size: int) -> str:
        return (
            f'<div><label for="{ids[key]}" class="text-xs text-slate-500 block">{label}</label>'
            f'<input type="text" inputmode="numeric" maxlength="{size}" id="{ids[key]}" name="{esc(n[key])}"'
            f' value="{esc(sub.one(n[key]))}" class="{width} rounded-md border px-3 py-2" {_f("mq-" + key)}></div>'
        )

    dob_err = f'<p class="mt-2 text-sm text-red-600">{esc(errors["day"])}</p>' if "day" in errors else ""
    body = (
        f"{_mq_alert(errors)}"
        f'<form method="post" action="{visit.url("submit/driver")}" novalidate class="space-y-6 mt-6">'
        f'<h1 class="text-2xl font-semibold text-slate-900">{esc(w["driver"])}</h1>'
        '<div class="grid grid-cols-2 gap-4">'
        + _mq_field(
            lay,
            errors,
            "first",
            "First name",
            _mq_input(lay, sub, "first", "mq-first", extra=' autocomplete="given-name"'),
        )
        + _mq_field(
            lay,
            errors,
            "last",
            "Last name",
            _mq_input(lay, sub, "last", "mq-last", extra=' autocomplete="family-name"'),
        )
        + "</div>"
        '<fieldset style="border:0;padding:0;margin:0" aria-describedby="dob-hint">'
        '<legend class="text-sm font-medium text-slate-700">Date of birth</legend>'
        '<p class="mt-1 text-sm text-slate-500" id="dob-hint">For example, 27 3 1985</p>'
        f'<div class="mt-1 flex gap-3">{part("day", "Day", "w-16", 2)}{part("month", "Month", "w-16", 2)}'
        f"{part('year', 'Year', 'w-24', 4)}</div>{dob_err}</fieldset>"
        + _mq_field(
            lay,
            errors,
            "email",
            "Email address",
            _mq_input(lay, sub, "email", "mq-email", "email"),
            "We'll send your quote and policy documents here.",
        )
        + _mq_field(
            lay,
            errors,
            "postcode",
            "Home postcode",
            _mq_input(lay, sub, "postcode", "mq-postcode"),
            "Where the car is kept overnight.",
        )
        + _mq_field(
            lay,
            errors,
            "ncb",
            "How many years' no claims bonus (NCB) do you have?",
            f'<select id="{ids["ncb"]}" name="{esc(n["ncb"])}" class="{_TW_INPUT}" {_f("mq-ncb")}>'
            f"{_options(ncb, sub.one(n['ncb']), 'Select', ncb_marks)}</select>",
            "Years of driving your own car insurance without making a claim.",
        )
        + f'<div class="flex gap-3 items-center"><a href="{visit.url()}" class="text-sm text-indigo-600 underline">Back'
        f'</a><button type="submit" class="{_TW_BUTTON}" {_f("mq-next2")}>{esc(w["next"])}</button></div></form>'
    )
    return _mq_shell(visit, lay, 1, "About you", body)


def _mq_cover_page(visit: Visit, sub: Submission, errors: dict[str, str]) -> str:
    lay = _mq_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    covers = [
        (
            v,
            name,
            esc(_MQ_COVERS[name][0])
            + '<ul class="list-disc text-xs">'
            + "".join(f"<li>{esc(x)}</li>" for x in _MQ_COVERS[name][1])
            + "</ul>",
            "mq-cover:" + name,
        )
        for v, name in lay.covers.items()
    ]
    excess = _options(list(lay.excess.items()), sub.one(n["excess"]), "Select excess")
    ticked = set(sub.many(n["extras"]))
    extras = "".join(
        f'<div class="flex gap-3 mt-2"><input type="checkbox" id="{ids["extras"]}-{i}" name="{esc(n["extras"])}"'
        f' value="{v}" {_f("mq-extra:" + name)}{_checked(v in ticked)}>'
        f'<label for="{ids["extras"]}-{i}" class="text-sm" style="margin:0"><span class="font-medium">{esc(name)}'
        f' (+£{cost:.2f})</span><span class="block text-slate-500">{esc(about)}</span></label></div>'
        for i, (v, (name, cost, about)) in enumerate(zip(lay.extras, _MQ_EXTRAS, strict=True))
    )
    today = dt.date.today()
    start_extra = f' min="{today.isoformat()}" max="{(today + dt.timedelta(days=30)).isoformat()}"'
    body = (
        f"{_mq_alert(errors)}"
        f'<form method="post" action="{visit.url("submit/cover")}" novalidate class="space-y-6 mt-6">'
        f'<h1 class="text-2xl font-semibold text-slate-900">{esc(w["cover"])}</h1>'
        + _mq_fieldset(errors, lay, "cover", "Level of cover", _mq_cards(lay, sub, "cover", covers, 3))
        + _mq_field(
            lay,
            errors,
            "excess",
            "Voluntary excess",
            f'<select id="{ids["excess"]}" name="{esc(n["excess"])}" class="{_TW_INPUT}" {_f("mq-excess")}>'
            f"{excess}</select>",
            "What you agree to pay towards a claim on top of the £250 compulsory excess. A higher excess lowers your"
            " price.",
        )
        + f'<fieldset style="border:0;padding:0;margin:0"><legend class="text-sm font-semibold text-slate-900">'
        f"Optional extras</legend>{extras}</fieldset>"
        + _mq_field(
            lay,
            errors,
            "start",
            "When do you want your cover to start?",
            _mq_input(lay, sub, "start", "mq-start", "date", start_extra),
            "Cover can start today or up to 30 days from now.",
        )
        + f'<div class="flex gap-3 items-center"><a href="{visit.url("driver")}" class="text-sm text-indigo-600'
        f' underline">Back</a><button type="submit" class="{_TW_BUTTON}" {_f("mq-get")}>{esc(w["get"])}</button>'
        "</div></form>"
    )
    return _mq_shell(visit, lay, 2, "Your cover", body)


def _mq_quote_page(visit: Visit, sub: Submission, errors: dict[str, str]) -> str:
    lay = _mq_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    st = visit.state["mq"]
    annual, monthly = _mq_price(st)
    v, d, c = st["vehicle"], st["driver"], st["cover"]
    car = _mq_vehicle(v["reg"]) or {"description": v["reg"], "display": v["reg"]}
    pays = [
        (
            value,
            "Pay monthly" if how == "monthly" else "Pay annually",
            f"£{monthly:.2f} a month for 12 months (representative APR 22.9%)"
            if how == "monthly"
            else f"£{annual:.2f} once, saving the interest",
            "mq-pay:" + how,
        )
        for value, how in lay.payments.items()
    ]
    rows = (
        ("Car", f"{car['display']} · {car['description']}"),
        ("Main driver", f"{d['first']} {d['last']}, born {d['dob']:%d/%m/%Y}"),
        ("Cover", f"{c['cover']}, {c['excess']} voluntary excess"),
        ("Extras", ", ".join(c["extras"]) or "None"),
        ("Cover starts", _long_date(c["start"])),
    )
    summary = "".join(
        f'<div class="flex justify-between py-2" style="border-bottom:1px solid #e2e8f0"><dt class="text-sm'
        f' text-slate-500">{esc(k)}</dt><dd class="text-sm text-slate-900" style="margin:0">{esc(val)}</dd></div>'
        for k, val in rows
    )
    agree_err = f'<p class="mt-2 text-sm text-red-600">{esc(errors["agree"])}</p>' if "agree" in errors else ""
    body = (
        f"{_mq_alert({k: m for k, m in errors.items() if k != '_'})}"
        f'<h1 class="text-2xl font-semibold text-slate-900 mt-6">{esc(w["quote"])}</h1>'
        f'<div class="rounded-lg border bg-white p-6 mt-4"><p class="text-sm text-slate-500">Quote reference'
        f' {st["quote"]}</p><p class="text-3xl font-bold text-slate-900">£{annual:.2f}<span class="text-sm'
        f' font-medium text-slate-500"> a year</span></p><p class="text-sm text-slate-500">or £{monthly:.2f} a'
        " month</p></div>"
        f'<dl class="mt-4">{summary}</dl>'
        f'<p class="text-sm mt-2"><a href="{visit.url()}" class="text-indigo-600 underline">Change your car</a> ·'
        f' <a href="{visit.url("driver")}" class="text-indigo-600 underline">Change your details</a> ·'
        f' <a href="{visit.url("cover")}" class="text-indigo-600 underline">Change your cover</a></p>'
        f'<form method="post" action="{visit.url("submit/buy")}" novalidate class="space-y-6 mt-6">'
        f'<input type="hidden" name="{esc(n["quote"])}" value="{st["quote"]}">'
        + _mq_fieldset(errors, lay, "payment", "How would you like to pay?", _mq_cards(lay, sub, "payment", pays, 2))
        + '<div class="rounded-lg border bg-white p-4 text-sm"><p class="font-semibold">Our assumptions</p>'
        '<ul class="list-disc"><li>You have had no accidents, claims or motoring convictions in the last 5 years.'
        "</li><li>The car is not modified and is used for social, domestic and commuting use.</li><li>You are the"
        " registered keeper and the owner of the car.</li></ul>"
        f'<div class="flex gap-3 mt-2"><input type="checkbox" id="{ids["agree"]}" name="{esc(n["agree"])}"'
        f' value="yes" {_f("mq-agree")}><label for="{ids["agree"]}" style="margin:0">I confirm my details and the'
        f" assumptions above are correct</label></div>{agree_err}</div>"
        f'<button type="submit" class="{_TW_BUTTON}" {_f("mq-buy")}>{esc(w["buy"])}</button></form>'
    )
    return _mq_shell(visit, lay, 3, "Your quote", body)


def _mq_render(visit: Visit) -> Response | str:
    st = visit.state.get("mq", {})

    def saved(step: str) -> Submission:
        return Submission("saved", st.get(f"raw:{step}", {}))

    if visit.path == "api/vehicle":
        _pause(visit, 0.4, 0.8)
        car = _mq_vehicle(_squash(visit.query.get("reg", "")))
        if car is None:
            return Response.json(
                {"message": "We couldn't find a car with that registration. Check it and try again."}, status=404
            )
        return Response.json(car)
    if visit.path == "":
        return _mq_car_page(visit, saved("vehicle"), {})
    if visit.path == "driver":
        return _mq_driver_page(visit, saved("driver"), {}) if "vehicle" in st else Response.redirect(visit.url())
    if visit.path == "cover":
        if "vehicle" not in st or "driver" not in st:
            return Response.redirect(visit.url())
        return _mq_cover_page(visit, saved("cover"), {})
    if visit.path == "quote":
        return _mq_quote_page(visit, _BLANK, {}) if "quote" in st else Response.redirect(visit.url())
    return _not_found()


def _mq_respond(visit: Visit, sub: Submission) -> Response:
    pages = {
        "vehicle": (_mq_car_page, "driver"),
        "driver": (_mq_driver_page, "cover"),
        "cover": (_mq_cover_page, "quote"),
    }
    if sub.step not in (*pages, "buy"):
        return _not_found()
    st = visit.state.setdefault("mq", {})
    errors = _mq_step(visit, st, sub)
    if "_" in errors:
        return Response.redirect(visit.url())
    if sub.step in pages:
        render, following = pages[sub.step]
        return Response(render(visit, sub, errors)) if errors else Response.redirect(visit.url(following))
    if errors:
        return Response(_mq_quote_page(visit, sub, errors))
    lay = _mq_layout(visit)
    bought = st["bought"][-1]
    annual, monthly = bought["price"]
    cost = f"£{monthly:.2f} a month" if bought["payment"] == "monthly" else f"£{annual:.2f} for the year"
    body = (
        '<div class="rounded-lg bg-green-50 p-6 mt-6" role="status"><h1 class="text-2xl font-semibold'
        " text-green-800\">You're covered</h1>"
        f"<p>Policy number <strong>{_reference(visit, 'MTR-', 'policy')}</strong></p></div>"
        f'<p class="mt-4">{esc(bought["cover"])} cover for {esc(bought["reg"])} starts on'
        f" <strong>{_long_date(bought['start'])}</strong>. You pay {cost}.</p>"
        f"<p>We've emailed your policy documents and a secure link to make your first payment to"
        f" {esc(bought['email'])}.</p>"
    )
    return Response(_mq_shell(visit, lay, 3, "Policy confirmed", body))


def _mq_judge(visit: Visit, record: Record) -> Verdict:
    st, refused = _replay(visit, record, _mq_step)
    bought = st.get("bought", [])
    if not bought:
        if "quote" in st:
            return _refusal("a quote was produced but the policy was never bought", refused)
        return _refusal("no quote was completed and nothing was bought", refused)
    if len(bought) > 1:
        return Verdict.no(f"{len(bought)} policies were bought instead of one")
    b, p = bought[0], visit.params
    miles = int(p["annual_mileage"].replace(",", ""))
    band = next(i for i, (_, top) in enumerate(_MQ_MILEAGE) if miles <= top)
    want_extras = sorted(x.strip() for x in p["add_ons"].split(","))
    checks = (
        ("registration", b["reg"], _squash(p["registration"])),
        ("car value", b["value"], _mq_pounds(p["car_value"])),
        ("annual mileage band", _MQ_MILEAGE[b["mileage"]][0], _MQ_MILEAGE[band][0]),
        ("overnight parking", b["parking"], p["parking"]),
        ("first name", b["first"], p["first_name"]),
        ("last name", b["last"], p["last_name"]),
        ("date of birth", f"{b['dob']:%d/%m/%Y}", p["date_of_birth"]),
        ("email", b["email"].casefold(), p["email"].casefold()),
        ("postcode", b["postcode"], _squash(p["postcode"])),
        ("no claims years", b["ncb"], min(int(p["no_claims_years"]), 9)),
        ("cover level", b["cover"], p["cover_level"]),
        ("voluntary excess", b["excess"], p["voluntary_excess"]),
        ("add-ons", b["extras"], want_extras),
        ("cover start", b["start"].isoformat(), p["start_date"]),
        ("payment", b["payment"], p["payment"]),
    )
    for what, got, want in checks:
        if got != want:
            return Verdict.no(f"{what}: expected {want!r}, got {got!r}")
    return Verdict.yes("car insurance bought with the asked car, driver, cover and payment")


async def _mq_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(_sel("mq-reg"), params["registration"])
    await pw.click(_sel("mq-find"))
    await pw.locator(_sel("mq-found")).wait_for()
    await pw.fill(_sel("mq-value"), params["car_value"].lstrip("£"))
    miles = int(params["annual_mileage"].replace(",", ""))
    band = next(i for i, (_, top) in enumerate(_MQ_MILEAGE) if miles <= top)
    await pw.select_option(_sel("mq-miles"), value=await pw.locator(_sel(f"mq-miles:{band}")).get_attribute("value"))
    await pw.click(_sel("mq-park:" + params["parking"]))
    await submit_and_wait(pw, _sel("mq-next1"))
    day, month, year = params["date_of_birth"].split("/")
    for key, value in (
        ("first", params["first_name"]),
        ("last", params["last_name"]),
        ("day", day),
        ("month", month),
        ("year", year),
        ("email", params["email"]),
        ("postcode", params["postcode"]),
    ):
        await pw.fill(_sel("mq-" + key), value)
    years = min(int(params["no_claims_years"]), 9)
    await pw.select_option(_sel("mq-ncb"), value=await pw.locator(_sel(f"mq-ncb:{years}")).get_attribute("value"))
    await submit_and_wait(pw, _sel("mq-next2"))
    await pw.click(_sel("mq-cover:" + params["cover_level"]))
    await pw.select_option(_sel("mq-excess"), label=params["voluntary_excess"])
    for extra in params["add_ons"].split(","):
        await pw.check(_sel("mq-extra:" + extra.strip()))
    await pw.fill(_sel("mq-start"), params["start_date"])
    await submit_and_wait(pw, _sel("mq-get"))
    await pw.click(_sel("mq-pay:" + params["payment"]))
    await pw.check(_sel("mq-agree"))
    await submit_and_wait(pw, _sel("mq-buy"))


# --- 3. travel insurance quote: USWDS form, region -> country select loaded by fetch, memorable dates, traveler ages --

_TI_REGIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "Europe": (
        ("HR", "Croatia"),
        ("GR", "Greece"),
        ("IS", "Iceland"),
        ("NO", "Norway"),
        ("PT", "Portugal"),
        ("ES", "Spain"),
    ),
    "Asia": (("IN", "India"), ("JP", "Japan"), ("KR", "South Korea"), ("TH", "Thailand"), ("VN", "Vietnam")),
    "Africa": (("KE", "Kenya"), ("MA", "Morocco"), ("ZA", "South Africa"), ("TZ", "Tanzania")),
    "South America": (("AR", "Argentina"), ("CL", "Chile"), ("CO", "Colombia"), ("PE", "Peru")),
    "Caribbean": (("BB", "Barbados"), ("DO", "Dominican Republic"), ("JM", "Jamaica"), ("LC", "Saint Lucia")),
    "Australia and the Pacific": (("AU", "Australia"), ("FJ", "Fiji"), ("NZ", "New Zealand")),
}
_TI_PLANS = {
    "Basic": "$50,000 emergency medical · trip cancellation up to 100% of trip cost · $500 baggage",
    "Standard": "$250,000 emergency medical · cancellation and interruption up to 150% · $1,500 baggage",
    "Premium": "$1,000,000 emergency medical · cancel for work reasons · $3,000 baggage · 24/7 concierge",
}
_TI_STATES = (
    ("AZ", "Arizona"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("IL", "Illinois"),
    ("MA", "Massachusetts"),
    ("MN", "Minnesota"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("OR", "Oregon"),
    ("TX", "Texas"),
    ("WA", "Washington"),
)
_TI_CONDITIONS = (
    "Type 2 diabetes, controlled with tablets",
    "High blood pressure, on medication",
    "Asthma, uses a preventer inhaler",
    "Hip replacement in 2024, fully recovered",
)
_TI_WORDS = {
    "brand": ("Wayfarer Travel Protection", "Compass Mutual", "TrailGuard Insurance"),
    "heading": ("Get a travel insurance quote", "Protect your trip", "Travel insurance quote"),
    "region": ("Destination region", "Where are you going?", "Region you're traveling to"),
    "country": ("Destination country", "Country", "Main destination"),
    "cost": ("Total trip cost", "Prepaid, non-refundable trip cost", "Trip cost for all travelers"),
    "count": ("How many people are traveling?", "Number of travelers", "Travelers"),
    "age": ("Age of traveler {n}", "Traveler {n} age", "Age (traveler {n})"),
    "go": ("Get my quote", "See prices", "Get quote"),
}
_TI_KEYS = tuple(
    "region country dep_m dep_d dep_y ret_m ret_d ret_y cost count age medical conditions plan cfar rental state"
    " email".split()
)
_USWDS_CSS = """<style>
.usa-banner{background:#f0f0f0;font-size:.8rem;padding:.3rem 1rem}.usa-header{border-bottom:1px solid #dfe1e2;
padding:.8rem 0;margin-bottom:1rem}.usa-logo{font-weight:700;font-size:1.3rem}.usa-intro{font-size:1.15rem}
.usa-form{max-width:32rem}.usa-fieldset{border:0;padding:0;margin:1.5rem 0}.usa-legend{font-weight:700;
font-size:1.1rem;padding:0}.usa-legend--large{font-size:1.6rem}.usa-label{display:block;margin:1.1rem 0 .3rem}
.usa-hint{color:#71767a;font-size:.95rem;display:block}.usa-input,.usa-select,.usa-textarea{display:block;width:100%;
max-width:30rem;border:1px solid #565c65;padding:.5rem;font-size:1rem;box-sizing:border-box;height:2.5rem}
.usa-textarea{height:6rem}.usa-input--small{max-width:5rem}.usa-input--error{border:3px solid #b50909}
.usa-form-group--error{border-left:4px solid #b50909;padding-left:1rem}.usa-error-message{color:#b50909;
font-weight:700;display:block;padding:.2rem 0}.usa-memorable-date{display:flex;gap:1rem}
.usa-form-group--month{width:11rem}.usa-form-group--day,.usa-form-group--year{width:5rem}
.usa-memorable-date .usa-label{margin-top:.4rem}.usa-input-group{display:flex;align-items:center;
border:1px solid #565c65;max-width:14rem;height:2.5rem;background:#fff}.usa-input-group .usa-input{border:0;
height:2.3rem}.usa-input-prefix{padding:0 .5rem;color:#71767a}.usa-radio,.usa-checkbox{position:relative;
margin:.4rem 0;background:#fff}.usa-radio__input,.usa-checkbox__input{position:absolute;left:-999em;right:auto}
.usa-radio__label,.usa-checkbox__label{display:inline-block;position:relative;cursor:pointer;padding-left:2rem;
margin:.4rem 0}.usa-radio__label::before,.usa-checkbox__label::before{content:"";position:absolute;left:0;top:.1rem;
width:1.1rem;height:1.1rem;border:2px solid #1b1b1b;background:#fff}.usa-radio__label::before{border-radius:50%}
.usa-radio__input:checked+.usa-radio__label::before{background:#005ea2;box-shadow:inset 0 0 0 3px #fff}
.usa-checkbox__input:checked+.usa-checkbox__label::before{background:#005ea2}
.usa-radio__input--tile+.usa-radio__label{border:2px solid #dfe1e2;border-radius:.25rem;display:block;
padding:.75rem 1rem .75rem 2.6rem}.usa-radio__input--tile+.usa-radio__label::before{left:.8rem;top:.9rem}
.usa-radio__input--tile:checked+.usa-radio__label{border-color:#005ea2;background:#e7f6f8}
.usa-radio__label-description{display:block;font-size:.9rem;color:#565c65;margin-top:.3rem}
.usa-button{background:#005ea2;color:#fff;border:0;border-radius:.25rem;padding:.75rem 1.25rem;font-weight:700}
.usa-alert{border-left:8px solid;padding:1rem 1.25rem;margin:1rem 0}.usa-alert--error{border-color:#b50909;
background:#f4e3db}.usa-alert--success{border-color:#00a91c;background:#ecf3ec}.usa-alert__heading{margin:0 0 .4rem}
</style>"""


@dataclass(frozen=True)
class _TiLayout:
    names: dict[str, str]
    ids: dict[str, str]
    regions: dict[str, str]  # option value -> region
    plans: dict[str, str]  # radio value -> plan
    medical: dict[str, str]  # radio value -> "yes" / "no"
    long_months: bool  # month options read "01 - January" (else "January")
    words: dict[str, str]


def _ti_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    region = pick(rng, list(_TI_REGIONS))
    leave = dt.date.today() + dt.timedelta(days=rng.randint(14, 150))
    back = leave + dt.timedelta(days=rng.randint(5, 21))
    ages = [rng.randint(24, 72)] + [rng.randint(2, 72) for _ in range(rng.randint(0, 2))]
    return {
        "country": pick(rng, _TI_REGIONS[region])[1],
        "departure_date": leave.isoformat(),
        "return_date": back.isoformat(),
        "trip_cost": f"${rng.randrange(1200, 9001, 50):,}",
        "traveler_ages": ", ".join(str(a) for a in ages),
        "medical_conditions": pick(rng, _TI_CONDITIONS) if rng.random() < 0.5 else "None",
        "cover_plan": pick(rng, list(_TI_PLANS)),
        "state_of_residence": pick(rng, _TI_STATES)[1],
        "email": email_for(rng, first, last),
    }


def _ti_layout(visit: Visit) -> _TiLayout:
    rng = visit.rng
    names = _names(rng, _TI_KEYS, pick(rng, ("q", "field_", "tq-")))
    return _TiLayout(
        names=names,
        ids={key: f"{name}-input" for key, name in names.items()},
        regions={f"rg{n}": region for n, region in zip(rng.sample(range(10, 99), 6), _TI_REGIONS, strict=True)},
        plans=dict(
            zip(
                pick(rng, (("BAS", "STD", "PRE"), ("1", "2", "3"), ("basic", "standard", "premium"))),
                _TI_PLANS,
                strict=True,
            )
        ),
        medical=dict(zip(pick(rng, (("Y", "N"), ("true", "false"), ("1", "0"))), ("yes", "no"), strict=True)),
        long_months=rng.random() < 0.5,
        words={key: pick(rng, options) for key, options in _TI_WORDS.items()},
    )


def _us_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _ti_region_of(country: str) -> tuple[str, str]:
    """(region, country code) of a country name."""
    return next((r, c) for r, pairs in _TI_REGIONS.items() for c, name in pairs if name == country)


def _ti_money(text: str) -> int | None:
    cleaned = text.replace("$", "").replace(",", "").strip()
    return int(float(cleaned)) if re.fullmatch(r"\d+(\.\d{1,2})?", cleaned) else None


def _ti_read(lay: _TiLayout, sub: Submission) -> tuple[dict[str, str], dict[str, Any]]:
    """The server's validation: (errors, what it understood)."""
    n = lay.names
    errors: dict[str, str] = {}
    today = dt.date.today()
    region = lay.regions.get(sub.one(n["region"]), "")
    countries = dict(_TI_REGIONS.get(region, ()))
    if not region:
        errors["region"] = "Select the region you're traveling to"
    elif sub.one(n["country"]) not in countries:
        errors["country"] = "Select your destination country"
    dates: dict[str, dt.date] = {}
    for key, what in (("dep", "departure"), ("ret", "return")):
        parts = [sub.one(n[f"{key}_{p}"]).strip() for p in ("y", "m", "d")]
        day = _ymd(*parts) if re.fullmatch(r"\d{4}", parts[0]) else None
        if not all(parts):
            errors[key] = f"Enter your {what} date"
        elif day is None:
            errors[key] = f"Enter a real {what} date"
        else:
            dates[key] = day
    if "dep" in dates and dates["dep"] <= today:
        errors["dep"] = "Your departure date must be in the future"
    if "dep" in dates and "ret" in dates:
        if dates["ret"] <= dates["dep"]:
            errors["ret"] = "Your return date must be after your departure date"
        elif (dates["ret"] - dates["dep"]).days > 180:
            errors["ret"] = "Trips longer than 180 days need a long-stay policy"
    cost = _ti_money(sub.one(n["cost"]))
    if cost is None or not 1 <= cost <= 100_000:
        errors["cost"] = "Enter the total trip cost in dollars, between $1 and $100,000"
    count = int(sub.one(n["count"])) if sub.one(n["count"]) in {str(k) for k in range(1, 7)} else 0
    ages = [a.strip() for a in sub.many(n["age"])]
    if not count:
        errors["count"] = "Select how many people are traveling"
    elif len(ages) != count or not all(re.fullmatch(r"\d{1,3}", a) and int(a) <= 110 for a in ages):
        errors["age"] = "Enter the age of every traveler"
    medical = lay.medical.get(sub.one(n["medical"]))
    conditions = _words(sub.one(n["conditions"]))
    if medical is None:
        errors["medical"] = "Tell us whether anyone traveling has a pre-existing medical condition"
    elif medical == "yes" and not conditions:
        errors["conditions"] = "Tell us about the pre-existing medical conditions"
    if sub.one(n["plan"]) not in lay.plans:
        errors["plan"] = "Choose a plan"
    if sub.one(n["state"]) not in dict(_TI_STATES):
        errors["state"] = "Select your state of residence"
    if not _EMAIL.match(sub.one(n["email"]).strip()):
        errors["email"] = "Enter a valid email address, like name@example.com"
    data = {
        "region": region,
        "country": countries.get(sub.one(n["country"]), ""),
        "dates": dates,
        "cost": cost,
        "ages": sorted(int(a) for a in ages if a.isdigit()),
        "medical": medical,
        "conditions": conditions if medical == "yes" else "",
        "plan": lay.plans.get(sub.one(n["plan"]), ""),
        "state": dict(_TI_STATES).get(sub.one(n["state"]), ""),
        "email": sub.one(n["email"]).strip(),
        "extras": [k for k in ("cfar", "rental") if sub.one(n[k])],
    }
    return errors, data


def _ti_error(errors: dict[str, str], key: str) -> str:
    if key not in errors:
        return ""
    return f'<span class="usa-error-message" id="{key}-error-message" role="alert">{esc(errors[key])}</span>'


def _ti_group(errors: dict[str, str], *keys: str) -> str:
    return "usa-form-group" + (" usa-form-group--error" if any(k in errors for k in keys) else "")


def _ti_memorable(lay: _TiLayout, sub: Submission, errors: dict[str, str], key: str, legend: str, hint: str) -> str:
    n, ids = lay.names, lay.ids
    months = [(str(m), f"{m:02d} - {MONTHS[m - 1]}" if lay.long_months else MONTHS[m - 1]) for m in range(1, 13)]
    return (
        f'<fieldset class="usa-fieldset {_ti_group(errors, key)}"><legend class="usa-legend">{esc(legend)}</legend>'
        f'<span class="usa-hint" id="{key}-hint">{esc(hint)}</span>{_ti_error(errors, key)}'
        '<div class="usa-memorable-date"><div class="usa-form-group usa-form-group--month usa-form-group--select">'
        f'<label class="usa-label" for="{ids[key + "_m"]}">Month</label><select class="usa-select"'
        f' id="{ids[key + "_m"]}" name="{n[key + "_m"]}" aria-describedby="{key}-hint" {_f("ti-" + key + "-m")}>'
        f"{_options(months, sub.one(n[key + '_m']), '- Select -')}</select></div>"
        f'<div class="usa-form-group usa-form-group--day"><label class="usa-label" for="{ids[key + "_d"]}">Day</label>'
        f'<input class="usa-input" id="{ids[key + "_d"]}" name="{n[key + "_d"]}" maxlength="2" inputmode="numeric"'
        f' value="{esc(sub.one(n[key + "_d"]))}" {_f("ti-" + key + "-d")}></div>'
        f'<div class="usa-form-group usa-form-group--year"><label class="usa-label" for="{ids[key + "_y"]}">Year'
        f'</label><input class="usa-input" id="{ids[key + "_y"]}" name="{n[key + "_y"]}" minlength="4"'
        f' maxlength="4" inputmode="numeric" value="{esc(sub.one(n[key + "_y"]))}" {_f("ti-" + key + "-y")}></div>'
        "</div></fieldset>"
    )


_TI_JS = r"""
const $ = (id) => document.getElementById(id);
const region = $(CFG.region), country = $(CFG.country), count = $(CFG.count), ages = $(CFG.ages);
const details = $(CFG.details);
let ticket = 0;
region.addEventListener('change', async () => {
  const mine = ++ticket;
  country.innerHTML = ''; country.disabled = true;
  if (!region.value) { country.add(new Option('- Select a region first -', '')); return; }
  country.add(new Option('Loading destinations…', ''));
  const answer = await fetch(CFG.api + '?region=' + encodeURIComponent(region.value));
  const data = await answer.json();
  if (mine !== ticket) return;
  country.innerHTML = '';
  country.add(new Option('- Select -', ''));
  for (const [code, name] of data.countries) country.add(new Option(name, code));
  country.disabled = false;
});
count.addEventListener('change', () => {
  const old = [...ages.querySelectorAll('input')].map((i) => i.value);
  ages.innerHTML = '';
  for (let i = 0; i < (Number(count.value) || 1); i++) {
    const group = document.createElement('div'), label = document.createElement('label');
    const input = document.createElement('input');
    group.className = 'usa-form-group';
    label.className = 'usa-label'; label.htmlFor = CFG.ageId + '-' + i;
    label.textContent = CFG.ageLabel.replace('{n}', i + 1) + (i === 0 ? ' (you)' : '');
    input.className = 'usa-input usa-input--small'; input.id = CFG.ageId + '-' + i; input.name = CFG.ageName;
    input.inputMode = 'numeric'; input.maxLength = 3; input.value = old[i] || ''; input.dataset.f = CFG.ageMark;
    group.append(label, input); ages.append(group);
  }
});
document.querySelectorAll(`input[name="${CFG.medical}"]`).forEach((r) => r.addEventListener('change', () => {
  details.hidden = r.value !== CFG.yes;
}));
"""


def _ti_form(visit: Visit, sub: Submission, errors: dict[str, str]) -> str:
    lay = _ti_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    region = lay.regions.get(sub.one(n["region"]), "")
    regions = _options(
        sorted(lay.regions.items(), key=lambda kv: kv[1]),
        sub.one(n["region"]),
        "- Select -",
        {v: "ti-region:" + r for v, r in lay.regions.items()},
    )
    if region:
        countries = _options(sorted(_TI_REGIONS[region], key=lambda kv: kv[1]), sub.one(n["country"]), "- Select -")
    else:
        countries = '<option value="">- Select a region first -</option>'
    count = sub.one(n["count"]) if sub.one(n["count"]) in {str(k) for k in range(1, 7)} else "1"
    old_ages = sub.many(n["age"])
    age_inputs = "".join(
        f'<div class="usa-form-group"><label class="usa-label" for="{ids["age"]}-{i}">'
        f'{esc(w["age"].format(n=i + 1))}{" (you)" if i == 0 else ""}</label><input class="usa-input'
        f' usa-input--small" id="{ids["age"]}-{i}" name="{n["age"]}" inputmode="numeric" maxlength="3"'
        f' value="{esc(old_ages[i] if i < len(old_ages) else "")}" {_f("ti-age")}></div>'
        for i in range(int(count))
    )
    yes = next(v for v, m in lay.medical.items() if m == "yes")
    medical = "".join(
        f'<div class="usa-radio"><input class="usa-radio__input" id="{ids["medical"]}-{m}" type="radio"'
        f' name="{n["medical"]}" value="{v}"{_checked(sub.one(n["medical"]) == v)}><label class="usa-radio__label"'
        f' for="{ids["medical"]}-{m}" {_f("ti-medical:" + m)}>{m.capitalize()}</label></div>'
        for v, m in lay.medical.items()
    )
    plans = "".join(
        f'<div class="usa-radio"><input class="usa-radio__input usa-radio__input--tile" id="{ids["plan"]}-{i}"'
        f' type="radio" name="{n["plan"]}" value="{v}"{_checked(sub.one(n["plan"]) == v)}>'
        f'<label class="usa-radio__label" for="{ids["plan"]}-{i}" {_f("ti-plan:" + plan)}>{plan}'
        f'<span class="usa-radio__label-description">{esc(_TI_PLANS[plan])}</span></label></div>'
        for i, (v, plan) in enumerate(lay.plans.items())
    )
    extras = "".join(
        f'<div class="usa-checkbox"><input class="usa-checkbox__input" id="{ids[k]}" type="checkbox"'
        f' name="{n[k]}" value="yes"{_checked(bool(sub.one(n[k])))}><label class="usa-checkbox__label"'
        f' for="{ids[k]}">{text}</label></div>'
        for k, text in (
            ("cfar", "Cancel For Any Reason (+40% of plan price)"),
            ("rental", "Rental car damage, up to $50,000 (+$9 a day)"),
        )
    )
    alert = ""
    if errors:
        items = "".join(f"<li>{esc(m)}</li>" for m in errors.values())
        alert = (
            '<div class="usa-alert usa-alert--error" role="alert"><div class="usa-alert__body">'
            f'<h2 class="usa-alert__heading">Please fix {len(errors)} error{"s" if len(errors) > 1 else ""}</h2>'
            f'<ul class="usa-alert__text">{items}</ul></div></div>'
        )
    today = dt.date.today()
    body = (
        '<section class="usa-banner" aria-label="Official website">An independent insurance agency · Licensed in all'
        f' 50 states</section><header class="usa-header"><div class="usa-logo">{esc(w["brand"])}</div></header>'
        f'<main id="main-content"><h1>{esc(w["heading"])}</h1><p class="usa-intro">Single-trip cover for'
        " international travel. Prices are per trip for everyone traveling.</p>"
        f'{alert}<form class="usa-form usa-form--large" method="post" action="{visit.url("submit")}" novalidate>'
        '<fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">Your trip</legend>'
        f'<div class="{_ti_group(errors, "region")}"><label class="usa-label" for="{ids["region"]}">'
        f'{esc(w["region"])}</label>{_ti_error(errors, "region")}<select class="usa-select" id="{ids["region"]}"'
        f' name="{n["region"]}" {_f("ti-region")}>{regions}</select></div>'
        f'<div class="{_ti_group(errors, "country")}"><label class="usa-label" for="{ids["country"]}">'
        f'{esc(w["country"])}</label><span class="usa-hint">If you are visiting more than one country, choose the'
        f' one where you will spend the most time.</span>{_ti_error(errors, "country")}<select class="usa-select"'
        f' id="{ids["country"]}" name="{n["country"]}" {_f("ti-country")}{_checked(not region, "disabled")}>'
        f"{countries}</select></div>"
        + _ti_memorable(
            lay, sub, errors, "dep", "Departure date", f"For example: {MONTHS[today.month - 1]} 19 {today.year + 1}"
        )
        + _ti_memorable(lay, sub, errors, "ret", "Return date", "The day you get back home")
        + f'<div class="{_ti_group(errors, "cost")}"><label class="usa-label" for="{ids["cost"]}">{esc(w["cost"])}'
        '</label><span class="usa-hint">Flights, hotels and tours you have paid for that you could not get back if'
        f' you cancel.</span>{_ti_error(errors, "cost")}<div class="usa-input-group"><div class="usa-input-prefix"'
        f' aria-hidden="true">$</div><input class="usa-input" id="{ids["cost"]}" name="{n["cost"]}"'
        f' inputmode="decimal" value="{esc(sub.one(n["cost"]))}" {_f("ti-cost")}></div></div></fieldset>'
        '<fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">Travelers</legend>'
        f'<div class="{_ti_group(errors, "count", "age")}"><label class="usa-label" for="{ids["count"]}">'
        f'{esc(w["count"])}</label>{_ti_error(errors, "count")}{_ti_error(errors, "age")}<select class="usa-select"'
        f' id="{ids["count"]}" name="{n["count"]}" style="max-width:6rem" {_f("ti-count")}>'
        f"{_options([(str(k), str(k)) for k in range(1, 7)], count)}</select>"
        f'<div id="{ids["age"]}-list">{age_inputs}</div></div>'
        f'<fieldset class="usa-fieldset {_ti_group(errors, "medical", "conditions")}"><legend class="usa-legend">'
        'Does anyone traveling have a pre-existing medical condition?</legend><span class="usa-hint">A condition'
        " you have seen a doctor about, or taken medication for, in the last 6 months.</span>"
        f"{_ti_error(errors, 'medical')}{medical}"
        f'<div id="{ids["conditions"]}-box"{_checked(lay.medical.get(sub.one(n["medical"])) != "yes", "hidden")}>'
        f'<label class="usa-label" for="{ids["conditions"]}">Tell us about the condition(s)</label>'
        f'{_ti_error(errors, "conditions")}<textarea class="usa-textarea" id="{ids["conditions"]}"'
        f' name="{n["conditions"]}" {_f("ti-conditions")}>{esc(sub.one(n["conditions"]))}</textarea></div>'
        "</fieldset></fieldset>"
        f'<fieldset class="usa-fieldset {_ti_group(errors, "plan")}"><legend class="usa-legend usa-legend--large">'
        f"Choose a plan</legend>{_ti_error(errors, 'plan')}{plans}</fieldset>"
        '<fieldset class="usa-fieldset"><legend class="usa-legend">Optional coverage</legend>'
        f"{extras}</fieldset>"
        '<fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">About you</legend>'
        f'<div class="{_ti_group(errors, "state")}"><label class="usa-label" for="{ids["state"]}">State of residence'
        f'</label>{_ti_error(errors, "state")}<select class="usa-select" id="{ids["state"]}" name="{n["state"]}"'
        f" {_f('ti-state')}>{_options(list(_TI_STATES), sub.one(n['state']), '- Select -')}</select></div>"
        f'<div class="{_ti_group(errors, "email")}"><label class="usa-label" for="{ids["email"]}">Email address'
        f'</label><span class="usa-hint">We will email your quote to you.</span>{_ti_error(errors, "email")}'
        f'<input class="usa-input" id="{ids["email"]}" name="{n["email"]}" type="email"'
        f' value="{esc(sub.one(n["email"]))}" {_f("ti-email")}></div></fieldset>'
        f'<button class="usa-button" type="submit" {_f("ti-go")}>{esc(w["go"])}</button></form></main>'
    )
    cfg = {
        "region": ids["region"],
        "country": ids["country"],
        "count": ids["count"],
        "ages": f"{ids['age']}-list",
        "ageId": ids["age"],
        "ageName": n["age"],
        "ageLabel": w["age"],
        "ageMark": _code("ti-age"),
        "details": f"{ids['conditions']}-box",
        "medical": n["medical"],
        "yes": yes,
        "api": visit.url("api/destinations"),
    }
    return page(w["heading"], body, head=_USWDS_CSS, script=f"const CFG = {js(cfg)};\n{_TI_JS}")


def _ti_render(visit: Visit) -> Response | str:
    if visit.path == "api/destinations":
        _pause(visit, 0.3, 0.6)
        region = _ti_layout(visit).regions.get(visit.query.get("region", ""))
        if region is None:
            return Response.json({"error": "unknown region"}, status=404)
        return Response.json({"countries": sorted(_TI_REGIONS[region], key=lambda kv: kv[1])})
    if visit.path:
        return _not_found()
    return _ti_form(visit, _BLANK, {})


def _ti_respond(visit: Visit, sub: Submission) -> Response:
    if sub.step != "submit":
        return _not_found()
    lay = _ti_layout(visit)
    errors, data = _ti_read(lay, sub)
    if errors:
        return Response(_ti_form(visit, sub, errors))
    days = (data["dates"]["ret"] - data["dates"]["dep"]).days + 1
    factor = {"Basic": 0.045, "Standard": 0.062, "Premium": 0.085}[data["plan"]]
    price = data["cost"] * factor + len(data["ages"]) * days * 1.4 + (60 if data["medical"] == "yes" else 0)
    body = (
        f'<header class="usa-header"><div class="usa-logo">{esc(lay.words["brand"])}</div></header>'
        '<div class="usa-alert usa-alert--success" role="status"><div class="usa-alert__body">'
        '<h1 class="usa-alert__heading">Your quote is ready</h1>'
        f'<p class="usa-alert__text">Quote number <strong>{_reference(visit, "TQ-")}</strong>. We have emailed it to'
        f" {esc(data['email'])}. It is valid for 30 days.</p></div></div>"
        f"<p><strong>{esc(data['plan'])} plan</strong> for {len(data['ages'])} traveler(s) to"
        f" {esc(data['country'])}, {_us_date(data['dates']['dep'])} – {_us_date(data['dates']['ret'])}.</p>"
        f'<p class="usa-intro">Total price: <strong>${price:,.2f}</strong></p>'
    )
    return Response(page("Your quote is ready", body, head=_USWDS_CSS))


def _ti_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("no quote request was submitted")
    errors, got = _ti_read(_ti_layout(visit), sub)
    if errors:
        return Verdict.no("the insurer refused the form: " + "; ".join(errors.values()))
    p = visit.params
    medical = "no" if p["medical_conditions"] == "None" else "yes"
    checks: tuple[tuple[str, object, object], ...] = (
        ("country", got["country"], p["country"]),
        ("departure date", got["dates"]["dep"].isoformat(), p["departure_date"]),
        ("return date", got["dates"]["ret"].isoformat(), p["return_date"]),
        ("trip cost", got["cost"], _ti_money(p["trip_cost"])),
        ("traveler ages", got["ages"], sorted(int(a) for a in p["traveler_ages"].split(","))),
        ("pre-existing conditions", got["medical"], medical),
        ("plan", got["plan"], p["cover_plan"]),
        ("state of residence", got["state"], p["state_of_residence"]),
        ("email", got["email"].casefold(), p["email"].casefold()),
        ("optional coverage", got["extras"], []),
    )
    for what, have, want in checks:
        if have != want:
            return Verdict.no(f"{what}: expected {want!r}, got {have!r}")
    if medical == "yes" and got["conditions"].casefold() != _words(p["medical_conditions"]).casefold():
        return Verdict.no(f"conditions: expected {p['medical_conditions']!r}, got {got['conditions']!r}")
    return Verdict.yes("travel insurance quote requested with the asked trip, travelers and plan")


async def _ti_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    region, country = _ti_region_of(params["country"])
    value = await pw.locator(_sel("ti-region:" + region)).get_attribute("value")
    await pw.select_option(_sel("ti-region"), value=value or "")
    await pw.locator(f'{_sel("ti-country")} option[value="{country}"]').wait_for(state="attached")
    await pw.select_option(_sel("ti-country"), value=country)
    for key, iso in (("dep", params["departure_date"]), ("ret", params["return_date"])):
        day = dt.date.fromisoformat(iso)
        await pw.select_option(_sel(f"ti-{key}-m"), value=str(day.month))
        await pw.fill(_sel(f"ti-{key}-d"), str(day.day))
        await pw.fill(_sel(f"ti-{key}-y"), str(day.year))
    await pw.fill(_sel("ti-cost"), params["trip_cost"].lstrip("$"))
    ages = [a.strip() for a in params["traveler_ages"].split(",")]
    await pw.select_option(_sel("ti-count"), value=str(len(ages)))
    for i, age in enumerate(ages):
        await pw.locator(_sel("ti-age")).nth(i).fill(age)
    if params["medical_conditions"] == "None":
        await pw.click(_sel("ti-medical:no"))
    else:
        await pw.click(_sel("ti-medical:yes"))
        await pw.fill(_sel("ti-conditions"), params["medical_conditions"])
    await pw.click(_sel("ti-plan:" + params["cover_plan"]))
    await pw.select_option(_sel("ti-state"), label=params["state_of_residence"])
    await pw.fill(_sel("ti-email"), params["email"])
    await submit_and_wait(pw, _sel("ti-go"))


# --- 4. electronic travel authorisation: GOV.UK pages, nationality autocomplete, date inputs, check answers, send ---

_ETA_COUNTRIES = (
    ("Argentina", "ARG"),
    ("Australia", "AUS"),
    ("Austria", "AUT"),
    ("Bahrain", "BHR"),
    ("Belgium", "BEL"),
    ("Brazil", "BRA"),
    ("Canada", "CAN"),
    ("Chile", "CHL"),
    ("Dominica", "DMA"),
    ("Dominican Republic", "DOM"),
    ("Equatorial Guinea", "GNQ"),
    ("France", "FRA"),
    ("Germany", "DEU"),
    ("Greece", "GRC"),
    ("Guinea", "GIN"),
    ("Guinea-Bissau", "GNB"),
    ("Iceland", "ISL"),
    ("Israel", "ISR"),
    ("Italy", "ITA"),
    ("Japan", "JPN"),
    ("Jordan", "JOR"),
    ("Malaysia", "MYS"),
    ("Mexico", "MEX"),
    ("Netherlands", "NLD"),
    ("New Zealand", "NZL"),
    ("Niger", "NER"),
    ("Nigeria", "NGA"),
    ("Papua New Guinea", "PNG"),
    ("Poland", "POL"),
    ("Portugal", "PRT"),
    ("Qatar", "QAT"),
    ("Singapore", "SGP"),
    ("Slovakia", "SVK"),
    ("Slovenia", "SVN"),
    ("South Korea", "KOR"),
    ("Spain", "ESP"),
    ("Sweden", "SWE"),
    ("Switzerland", "CHE"),
    ("United Arab Emirates", "ARE"),
    ("United States", "USA"),
)
_ETA_NATIONS = (
    "Australia",
    "Austria",
    "Canada",
    "Dominica",
    "Guinea",
    "Niger",
    "Slovakia",
    "Slovenia",
    "Japan",
    "Mexico",
    "Chile",
    "South Korea",
    "United States",
    "New Zealand",
    "Sweden",
    "Malaysia",
    "Israel",
)
_ETA_REASONS = {
    "Tourism or holiday": "Tourism or a holiday",
    "Visiting family or friends": "Visiting family or friends",
    "Business": "Business, for example a meeting or a conference",
    "Transit": "Transit – passing through the UK on the way to another country",
    "Short course of study": "Studying on a short course of up to 6 months",
}
_ETA_BASES = {
    "given": ("givenNames", "given-names"),
    "family": ("familyName", "family-name"),
    "dob": ("dateOfBirth", "date-of-birth"),
    "nationality": ("nationality", "nationality"),
    "passport": ("passportNumber", "passport-number"),
    "expiry": ("passportExpiry", "passport-expiry-date"),
    "email": ("emailAddress", "email"),
    "reason": ("visitReason", "reason-for-visit"),
    "declare": ("declaration", "confirm-declaration"),
}
_GOVUK_CSS = """<style>
.govuk-header{background:#0b0c0c;color:#fff;padding:.7rem 1rem;margin-bottom:.5rem}.govuk-header a{color:#fff;
font-weight:700;text-decoration:none;font-size:1.2rem}.govuk-phase-banner{border-bottom:1px solid #b1b4b6;
padding:.4rem 0;font-size:.9rem;margin-bottom:1rem}.govuk-tag{background:#1d70b8;color:#fff;padding:.1rem .4rem;
margin-right:.5rem;font-weight:700;font-size:.8rem}.govuk-heading-l{font-size:2rem;margin:0 0 1.2rem}
.govuk-heading-m{font-size:1.4rem;margin:1.8rem 0 .8rem}.govuk-caption-l{color:#505a5f;font-size:1.2rem;display:block}
.govuk-form-group{margin-bottom:1.6rem}.govuk-form-group--error{border-left:5px solid #d4351c;padding-left:.9rem}
.govuk-fieldset{border:0;margin:0;padding:0}.govuk-fieldset__legend{font-weight:700;font-size:1.15rem;padding:0;
margin-bottom:.3rem}.govuk-label{display:block;margin:.2rem 0 .3rem}.govuk-label--m{font-weight:700;font-size:1.15rem}
.govuk-hint{color:#505a5f;margin-bottom:.5rem}.govuk-error-message{color:#d4351c;font-weight:700;display:block;
margin-bottom:.4rem}.govuk-input,.autocomplete__input{border:2px solid #0b0c0c;padding:.3rem;font-size:1.05rem;
height:2.5rem;box-sizing:border-box;width:100%}.govuk-input--width-2{width:5.4ex}.govuk-input--width-4{width:9ex}
.govuk-input--width-10{width:23ex}.govuk-input--width-20{width:41ex}.govuk-input--error{border-color:#d4351c}
.govuk-date-input{display:flex;gap:1.2rem}.govuk-date-input__item .govuk-label{margin:0}
.govuk-radios__item,.govuk-checkboxes__item{position:relative;min-height:40px;padding-left:50px;margin-bottom:.6rem}
.govuk-radios__input,.govuk-checkboxes__input{position:absolute;left:0;top:0;width:44px;height:44px;margin:0;
opacity:0;z-index:1;cursor:pointer}.govuk-radios__label,.govuk-checkboxes__label{display:inline-block;
padding:.5rem .9rem .3rem;cursor:pointer;margin:0}.govuk-radios__label::before,.govuk-checkboxes__label::before{
content:"";box-sizing:border-box;position:absolute;top:2px;left:2px;width:40px;height:40px;border:2px solid #0b0c0c;
background:#fff}.govuk-radios__label::before{border-radius:50%}
.govuk-radios__input:checked+.govuk-radios__label::after{content:"";position:absolute;top:12px;left:12px;width:20px;
height:20px;border-radius:50%;background:#0b0c0c}.govuk-checkboxes__input:checked+.govuk-checkboxes__label::after{
content:"";position:absolute;top:13px;left:10px;width:23px;height:12px;transform:rotate(-45deg);
border:solid #0b0c0c;border-width:0 0 5px 5px}.govuk-button{background:#00703c;color:#fff;border:0;
box-shadow:0 2px 0 #002d18;padding:.5rem .9rem;font-size:1.1rem;margin:0}.govuk-button--start{font-weight:700;
font-size:1.3rem;display:inline-block;text-decoration:none;padding:.6rem 1.1rem}.govuk-error-summary{
border:5px solid #d4351c;padding:1rem;margin-bottom:1.5rem}.govuk-error-summary a{color:#d4351c;font-weight:700}
.govuk-summary-list{width:100%;border-collapse:collapse;margin-bottom:1.5rem}.govuk-summary-list th,
.govuk-summary-list td{border:0;border-bottom:1px solid #b1b4b6;padding:.6rem .4rem;text-align:left;vertical-align:top}
.govuk-panel--confirmation{background:#00703c;color:#fff;padding:1.5rem;text-align:center;margin-bottom:1.5rem}
.govuk-visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}
.autocomplete__wrapper{position:relative}.autocomplete__menu{position:absolute;z-index:5;width:100%;max-height:342px;
overflow-x:hidden;background:#fff;border:2px solid #0b0c0c;border-top:0;margin:0;padding:0;list-style:none;
box-sizing:border-box}.autocomplete__menu--hidden{display:none}.autocomplete__option{padding:.45rem;
border-bottom:1px solid #b1b4b6;cursor:pointer}.autocomplete__option--focused,.autocomplete__option:hover{
background:#1d70b8;color:#fff}.autocomplete__option--no-results{color:#505a5f;cursor:not-allowed}
</style>"""


@dataclass(frozen=True)
class _EtaLayout:
    names: dict[str, str]  # also the ids, as the GOV.UK macros make them
    reasons: dict[str, str]  # radio value -> reason
    reason_order: tuple[str, ...]
    service: str


def _eta_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    born = dt.date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
    expires = dt.date(dt.date.today().year + rng.randint(1, 9), rng.randint(1, 12), rng.randint(1, 28))
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
    return {
        "given_names": f"{first} {pick(rng, ('Marie', 'James', 'Ana', 'Lee', 'Rose', 'Alexander'))}",
        "family_name": last,
        "date_of_birth": f"{born:%d/%m/%Y}",
        "nationality": pick(rng, _ETA_NATIONS),
        "passport_number": f"{letters}{rng.randint(1000000, 9999999)}",
        "passport_expiry": f"{expires:%d/%m/%Y}",
        "email": email_for(rng, first, last),
        "visit_reason": pick(rng, list(_ETA_REASONS)),
    }


def _eta_layout(visit: Visit) -> _EtaLayout:
    rng = visit.rng
    style = rng.randrange(3)
    if style < 2:
        names = {key: pair[style] for key, pair in _ETA_BASES.items()}
    else:
        names = _names(rng, tuple(_ETA_BASES), "f")
    for key in ("dob", "expiry"):
        for part in ("day", "month", "year"):
            names[f"{key}_{part}"] = f"{names[key]}-{part}"
    order = list(_ETA_REASONS)
    if rng.random() < 0.4:
        rng.shuffle(order)
    return _EtaLayout(
        names=names,
        reasons={f"r{n}": reason for n, reason in zip(rng.sample(range(10, 99), 5), _ETA_REASONS, strict=True)},
        reason_order=tuple(order),
        service=pick(rng, ("Apply for an electronic travel authorisation (ETA)", "Get an ETA to travel to the UK")),
    )


def _eta_date(sub: Submission, names: dict[str, str], key: str, what: str) -> tuple[dt.date | None, str]:
    """A GOV.UK date input read as the design system says: which part is missing, or whether it is a real date."""
    parts = {p: sub.one(names[f"{key}_{p}"]).strip() for p in ("day", "month", "year")}
    if not any(parts.values()):
        return None, f"Enter your {what}"
    missing = [p for p, v in parts.items() if not v]
    if missing:
        return None, f"{what.capitalize()} must include a {' and '.join(missing)}"
    if not re.fullmatch(r"\d{4}", parts["year"]):
        return None, "Year must include 4 numbers"
    day = _ymd(parts["year"], parts["month"], parts["day"])
    return (day, "") if day else (None, f"{what.capitalize()} must be a real date")


def _eta_read(lay: _EtaLayout, sub: Submission) -> tuple[dict[str, str], dict[str, Any]]:
    n = lay.names
    errors: dict[str, str] = {}
    today = dt.date.today()
    if not sub.one(n["given"]).strip():
        errors["given"] = "Enter your given names as they appear on your passport"
    if not sub.one(n["family"]).strip():
        errors["family"] = "Enter your family name as it appears on your passport"
    born, problem = _eta_date(sub, n, "dob", "date of birth")
    if problem:
        errors["dob"] = problem
    elif born is not None and born >= today:
        errors["dob"] = "Date of birth must be in the past"
    codes = {c: name for name, c in _ETA_COUNTRIES}
    if sub.one(n["nationality"]) not in codes:
        errors["nationality"] = "Select your nationality from the list"
    passport = _squash(sub.one(n["passport"]))
    if not passport:
        errors["passport"] = "Enter your passport number"
    elif not re.fullmatch(r"[A-Z0-9]{6,9}", passport):
        errors["passport"] = "Passport number must be 6 to 9 letters and numbers"
    expires, problem = _eta_date(sub, n, "expiry", "passport expiry date")
    if problem:
        errors["expiry"] = problem
    elif expires is not None and expires <= today:
        errors["expiry"] = "Your passport has expired. You need a valid passport to apply"
    if not _EMAIL.match(sub.one(n["email"]).strip()):
        errors["email"] = "Enter an email address in the correct format, like name@example.com"
    if sub.one(n["reason"]) not in lay.reasons:
        errors["reason"] = "Select the main reason for your visit"
    data = {
        "given": _words(sub.one(n["given"])),
        "family": _words(sub.one(n["family"])),
        "dob": born,
        "nationality": codes.get(sub.one(n["nationality"]), ""),
        "passport": passport,
        "expiry": expires,
        "email": sub.one(n["email"]).strip(),
        "reason": lay.reasons.get(sub.one(n["reason"]), ""),
    }
    return errors, data


def _eta_step(visit: Visit, st: dict[str, Any], sub: Submission) -> dict[str, str]:
    lay = _eta_layout(visit)
    if sub.step == "details":
        errors, data = _eta_read(lay, sub)
        if not errors:
            st["details"] = data
            st["raw:details"] = sub.fields
        return errors
    if sub.step == "send":
        if "details" not in st:
            return {"_": "Your session has timed out. We have not saved your answers."}
        if not sub.one(lay.names["declare"]):
            return {"declare": "Confirm that the information you have given is correct and complete"}
        st.setdefault("sent", []).append(st.pop("details"))
        st.pop("raw:details", None)
    return {}


def _eta_shell(lay: _EtaLayout, title: str, body: str, script: str = "") -> str:
    header = (
        f'<header class="govuk-header"><a href="#">GOV.UK</a> <span>{esc(lay.service)}</span></header>'
        '<div class="govuk-phase-banner"><strong class="govuk-tag">BETA</strong>This is a new service. Help us improve'
        ' it and <a href="#">give your feedback</a>.</div>'
    )
    return page(
        title,
        f'{header}<main class="govuk-main-wrapper" id="main-content">{body}</main>',
        head=_GOVUK_CSS,
        script=script,
    )


_ETA_JS = r"""
const input = document.getElementById(CFG.input), menu = document.getElementById(CFG.menu);
const select = document.getElementById(CFG.select);
const OPTIONS = [...select.options].filter((o) => o.value).map((o) => ({value: o.value, label: o.textContent}));
let shown = [], active = -1;
if (select.value) input.value = select.options[select.selectedIndex].textContent;
function close() {
  menu.classList.add('autocomplete__menu--hidden'); input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant'); active = -1;
}
function open() { menu.classList.remove('autocomplete__menu--hidden'); input.setAttribute('aria-expanded', 'true'); }
function highlight(i) {
  active = i;
  menu.querySelectorAll('[role=option]').forEach((li, k) => {
    li.setAttribute('aria-selected', String(k === i)); li.classList.toggle('autocomplete__option--focused', k === i);
  });
  if (i >= 0) input.setAttribute('aria-activedescendant', `${CFG.input}__option--${i}`);
}
function confirmOption(i) { const o = shown[i]; input.value = o.label; select.value = o.value; close(); }
function render() {
  const q = input.value.trim().toLowerCase();
  menu.innerHTML = ''; active = -1;
  if (!q) { shown = []; close(); return; }
  shown = OPTIONS.filter((o) => o.label.toLowerCase().includes(q));
  shown.sort((a, b) => Number(b.label.toLowerCase().startsWith(q)) - Number(a.label.toLowerCase().startsWith(q)));
  if (!shown.length) {
    menu.innerHTML = '<li class="autocomplete__option autocomplete__option--no-results">No results found</li>';
    open(); return;
  }
  shown.forEach((o, i) => {
    const li = document.createElement('li');
    li.id = `${CFG.input}__option--${i}`; li.className = 'autocomplete__option'; li.textContent = o.label;
    li.setAttribute('role', 'option'); li.setAttribute('aria-selected', 'false'); li.tabIndex = -1;
    li.setAttribute('aria-posinset', i + 1); li.setAttribute('aria-setsize', shown.length);
    li.addEventListener('mousedown', (e) => e.preventDefault());
    li.addEventListener('click', () => confirmOption(i));
    menu.appendChild(li);
  });
  open();
}
input.addEventListener('input', () => { select.value = ''; render(); });
input.addEventListener('keydown', (e) => {
  const isOpen = !menu.classList.contains('autocomplete__menu--hidden');
  if (e.key === 'ArrowDown' && shown.length) {
    e.preventDefault(); if (!isOpen) open(); highlight(Math.min(active + 1, shown.length - 1));
  }
  else if (e.key === 'ArrowUp' && shown.length) { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
  else if (e.key === 'Enter' && isOpen) { e.preventDefault(); if (active >= 0) confirmOption(active); }
  else if (e.key === 'Escape') close();
});
input.addEventListener('blur', () => {
  if (active >= 0 && shown[active]) { confirmOption(active); return; }
  const exact = OPTIONS.find((o) => o.label.toLowerCase() === input.value.trim().toLowerCase());
  if (exact) { input.value = exact.label; select.value = exact.value; }
  close();
});
"""


def _eta_details_page(visit: Visit, sub: Submission, errors: dict[str, str]) -> str:
    lay = _eta_layout(visit)
    n = lay.names
    ids = {key: n[key] for key in n}
    ids["dob"], ids["expiry"] = n["dob_day"], n["expiry_day"]

    def error(key: str) -> str:
        if key not in errors:
            return ""
        return (
            f'<p id="{ids[key]}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span>'
            f" {esc(errors[key])}</p>"
        )

    def group(key: str, inner: str) -> str:
        return f'<div class="govuk-form-group{" govuk-form-group--error" if key in errors else ""}">{inner}</div>'

    def text(key: str, label: str, hint: str, width: str, extra: str = "") -> str:
        bad = " govuk-input--error" if key in errors else ""
        return group(
            key,
            f'<label class="govuk-label govuk-label--m" for="{ids[key]}">{esc(label)}</label>'
            f'<div id="{ids[key]}-hint" class="govuk-hint">{esc(hint)}</div>{error(key)}'
            f'<input class="govuk-input {width}{bad}" id="{ids[key]}" name="{n[key]}" type="text"'
            f' value="{esc(sub.one(n[key]))}" aria-describedby="{ids[key]}-hint" {_f("eta-" + key)}{extra}>',
        )

    def date(key: str, legend: str, hint: str) -> str:
        items = "".join(
            f'<div class="govuk-date-input__item"><label class="govuk-label govuk-date-input__label"'
            f' for="{n[f"{key}_{p}"]}">{p.capitalize()}</label><input class="govuk-input govuk-date-input__input'
            f' govuk-input--width-{4 if p == "year" else 2}" id="{n[f"{key}_{p}"]}" name="{n[f"{key}_{p}"]}"'
            f' type="text" inputmode="numeric" value="{esc(sub.one(n[f"{key}_{p}"]))}" {_f(f"eta-{key}-{p}")}></div>'
            for p in ("day", "month", "year")
        )
        return group(
            key,
            f'<fieldset class="govuk-fieldset" role="group" aria-describedby="{key}-hint"><legend'
            f' class="govuk-fieldset__legend govuk-fieldset__legend--m">{esc(legend)}</legend>'
            f'<div id="{key}-hint" class="govuk-hint">{esc(hint)}</div>{error(key)}'
            f'<div class="govuk-date-input" id="{n[key]}">{items}</div></fieldset>',
        )

    country_options = _options([(c, name) for name, c in _ETA_COUNTRIES], sub.one(n["nationality"]), "")
    nationality = group(
        "nationality",
        f'<label class="govuk-label govuk-label--m" for="{ids["nationality"]}">What is your nationality?</label>'
        f'<div id="{ids["nationality"]}-hint" class="govuk-hint">As shown on your passport. Start typing, then choose'
        f" from the list.</div>{error('nationality')}"
        f'<div class="autocomplete__wrapper"><input aria-expanded="false" aria-owns="{ids["nationality"]}__listbox"'
        f' aria-autocomplete="list" aria-describedby="{ids["nationality"]}-hint" autocomplete="off"'
        f' class="autocomplete__input govuk-input--width-20" id="{ids["nationality"]}" type="text" role="combobox"'
        f' {_f("eta-nationality")}><ul class="autocomplete__menu autocomplete__menu--hidden"'
        f' id="{ids["nationality"]}__listbox" role="listbox"></ul></div>'
        f'<select id="{ids["nationality"]}-select" name="{n["nationality"]}" aria-hidden="true" tabindex="-1"'
        f' style="display:none">{country_options}</select>',
    )
    radios = "".join(
        f'<div class="govuk-radios__item"><input class="govuk-radios__input" id="{ids["reason"]}-{i}"'
        f' name="{n["reason"]}" type="radio" value="{v}" {_f("eta-reason:" + reason)}'
        f'{_checked(sub.one(n["reason"]) == v)}><label class="govuk-label govuk-radios__label"'
        f' for="{ids["reason"]}-{i}">{esc(_ETA_REASONS[reason])}</label></div>'
        for i, reason in enumerate(lay.reason_order)
        for v in [next(v for v, r in lay.reasons.items() if r == reason)]
    )
    reason = group(
        "reason",
        f'<fieldset class="govuk-fieldset" id="{ids["reason"]}"><legend class="govuk-fieldset__legend'
        ' govuk-fieldset__legend--m">What is the main reason for your visit to the UK?</legend>'
        f'{error("reason")}<div class="govuk-radios" data-module="govuk-radios">{radios}</div></fieldset>',
    )
    body = (
        f'<a href="{visit.url()}" class="govuk-back-link">Back</a>{_summary("govuk", errors, ids)}'
        '<span class="govuk-caption-l">Your details</span><h1 class="govuk-heading-l">Your passport and your'
        " visit</h1>"
        f'<form method="post" action="{visit.url("submit/details")}" novalidate>'
        + text(
            "given",
            "Given names",
            "Your first name and any middle names, exactly as on your passport",
            "govuk-input--width-20",
            ' autocomplete="given-name" spellcheck="false"',
        )
        + text(
            "family",
            "Family name",
            "Your surname, exactly as on your passport",
            "govuk-input--width-20",
            ' autocomplete="family-name" spellcheck="false"',
        )
        + date("dob", "What is your date of birth?", "For example, 27 3 1990")
        + nationality
        + text(
            "passport",
            "Passport number",
            "For example, 502135326. It is on the photo page of your passport.",
            "govuk-input--width-10",
            ' spellcheck="false" autocapitalize="characters"',
        )
        + date("expiry", "When does your passport expire?", f"For example, 14 8 {dt.date.today().year + 4}")
        + text(
            "email",
            "Email address",
            "We will send your decision to this address",
            "govuk-input--width-20",
            ' type="email" autocomplete="email"',
        ).replace(' type="text" value', " value")
        + reason
        + f'<button type="submit" class="govuk-button" data-module="govuk-button" {_f("eta-continue")}>Continue'
        "</button></form>"
    )
    cfg = {
        "input": ids["nationality"],
        "menu": f"{ids['nationality']}__listbox",
        "select": f"{ids['nationality']}-select",
    }
    return _eta_shell(lay, "Your passport and your visit", body, f"const CFG = {js(cfg)};\n{_ETA_JS}")


def _eta_check_page(visit: Visit, errors: dict[str, str]) -> str:
    lay = _eta_layout(visit)
    n = lay.names
    d = visit.state["eta"]["details"]
    rows = (
        ("Given names", d["given"]),
        ("Family name", d["family"]),
        ("Date of birth", _day_name(d["dob"])),
        ("Nationality", d["nationality"]),
        ("Passport number", d["passport"]),
        ("Passport expiry date", _day_name(d["expiry"])),
        ("Email address", d["email"]),
        ("Reason for visit", _ETA_REASONS[d["reason"]]),
    )
    items = "".join(
        f'<tr class="govuk-summary-list__row"><th class="govuk-summary-list__key" scope="row">{esc(k)}</th>'
        f'<td class="govuk-summary-list__value">{esc(v)}</td><td class="govuk-summary-list__actions">'
        f'<a href="{visit.url("details")}">Change<span class="govuk-visually-hidden"> {esc(k.lower())}</span></a>'
        "</td></tr>"
        for k, v in rows
    )
    bad = " govuk-form-group--error" if errors else ""
    err = (
        f'<p class="govuk-error-message" id="{n["declare"]}-error">{esc(errors["declare"])}</p>'
        if "declare" in errors
        else ""
    )
    body = (
        f'<a href="{visit.url("details")}" class="govuk-back-link">Back</a>'
        f"{_summary('govuk', errors, {'declare': n['declare']})}"
        '<h1 class="govuk-heading-l">Check your answers before sending your application</h1>'
        f'<table class="govuk-summary-list">{items}</table>'
        '<h2 class="govuk-heading-m">Now send your application</h2>'
        "<p>You must tell us if any of the information changes before you travel. Giving false information may mean"
        " you are refused entry to the UK.</p>"
        f'<form method="post" action="{visit.url("submit/send")}" novalidate>'
        f'<div class="govuk-form-group{bad}">{err}<div class="govuk-checkboxes govuk-checkboxes--small">'
        f'<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{n["declare"]}"'
        f' name="{n["declare"]}" type="checkbox" value="yes" {_f("eta-declare")}><label class="govuk-label'
        f' govuk-checkboxes__label" for="{n["declare"]}">I confirm that the information I have given is correct and'
        " complete</label></div></div></div>"
        f'<button type="submit" class="govuk-button" {_f("eta-send")}>Accept and send</button></form>'
    )
    return _eta_shell(lay, "Check your answers", body)


def _eta_render(visit: Visit) -> Response | str:
    lay = _eta_layout(visit)
    st = visit.state.get("eta", {})
    if visit.path == "":
        body = (
            f'<h1 class="govuk-heading-l">{esc(lay.service)}</h1>'
            "<p>Visitors who do not need a visa must have an electronic travel authorisation (ETA) to travel to the"
            " UK. An ETA lets you visit for up to 6 months.</p><p>You will need:</p><ul><li>the passport you will"
            " travel with</li><li>access to your email</li></ul>"
            "<p>You will usually get a decision within 3 working days.</p>"
            f'<a href="{visit.url("details")}" role="button" draggable="false" class="govuk-button'
            f' govuk-button--start" {_f("eta-start")}>Start now ›</a>'
        )
        return _eta_shell(lay, lay.service, body)
    if visit.path == "details":
        return _eta_details_page(visit, Submission("saved", st.get("raw:details", {})), {})
    if visit.path == "check":
        return _eta_check_page(visit, {}) if "details" in st else Response.redirect(visit.url("details"))
    return _not_found()


def _eta_respond(visit: Visit, sub: Submission) -> Response:
    if sub.step not in ("details", "send"):
        return _not_found()
    lay = _eta_layout(visit)
    st = visit.state.setdefault("eta", {})
    errors = _eta_step(visit, st, sub)
    if "_" in errors:
        body = (
            f'<h1 class="govuk-heading-l">Sorry, your session has timed out</h1><p>{esc(errors["_"])}</p>'
            f'<p><a href="{visit.url()}">Start again</a></p>'
        )
        return Response(_eta_shell(lay, "Session timed out", body), status=400)
    if sub.step == "details":
        return Response(_eta_details_page(visit, sub, errors)) if errors else Response.redirect(visit.url("check"))
    if errors:
        return Response(_eta_check_page(visit, errors))
    sent = st["sent"][-1]
    body = (
        '<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Application submitted'
        f'</h1><div class="govuk-panel__body">Your reference number<br><strong>{_reference(visit, "ETA-")}'
        "</strong></div></div>"
        f"<p>We have sent a confirmation email to <strong>{esc(sent['email'])}</strong>.</p>"
        '<h2 class="govuk-heading-m">What happens next</h2><p>We will usually email you a decision within 3 working'
        " days. Your ETA will be linked to the passport you applied with.</p>"
    )
    return Response(_eta_shell(lay, "Application submitted", body))


def _eta_judge(visit: Visit, record: Record) -> Verdict:
    st, refused = _replay(visit, record, _eta_step)
    sent = st.get("sent", [])
    if not sent:
        if "details" in st:
            return _refusal("the application was never sent: it stopped at the check-answers page", refused)
        return _refusal("no application was sent", refused)
    if len(sent) > 1:
        return Verdict.no(f"{len(sent)} applications were sent instead of one")
    d, p = sent[0], visit.params
    checks = (
        ("given names", d["given"].casefold(), _words(p["given_names"]).casefold()),
        ("family name", d["family"].casefold(), p["family_name"].casefold()),
        ("date of birth", f"{d['dob']:%d/%m/%Y}", p["date_of_birth"]),
        ("nationality", d["nationality"], p["nationality"]),
        ("passport number", d["passport"], _squash(p["passport_number"])),
        ("passport expiry", f"{d['expiry']:%d/%m/%Y}", p["passport_expiry"]),
        ("email", d["email"].casefold(), p["email"].casefold()),
        ("reason for visit", d["reason"], p["visit_reason"]),
    )
    for what, got, want in checks:
        if got != want:
            return Verdict.no(f"{what}: expected {want!r}, got {got!r}")
    return Verdict.yes("travel authorisation application sent with the passport details asked")


async def _eta_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await submit_and_wait(pw, _sel("eta-start"))
    await pw.fill(_sel("eta-given"), params["given_names"])
    await pw.fill(_sel("eta-family"), params["family_name"])
    for key, value in (("dob", params["date_of_birth"]), ("expiry", params["passport_expiry"])):
        day, month, year = value.split("/")
        await pw.fill(_sel(f"eta-{key}-day"), day)
        await pw.fill(_sel(f"eta-{key}-month"), month)
        await pw.fill(_sel(f"eta-{key}-year"), year)
    await pw.fill(_sel("eta-nationality"), params["nationality"])
    await pw.get_by_role("option", name=params["nationality"], exact=True).click()
    await pw.fill(_sel("eta-passport"), params["passport_number"])
    await pw.fill(_sel("eta-email"), params["email"])
    await pw.check(_sel("eta-reason:" + params["visit_reason"]))
    await submit_and_wait(pw, _sel("eta-continue"))
    await pw.check(_sel("eta-declare"))
    await submit_and_wait(pw, _sel("eta-send"))


# --- 5. lying: a repeat prescription portal says "request sent" while its system drops items that are not yet due ---

_RX_MEDS = (
    ("Amlodipine 5mg tablets", "One to be taken each day", "28 tablet"),
    ("Atorvastatin 20mg tablets", "One to be taken at night", "28 tablet"),
    ("Metformin 500mg tablets", "One to be taken twice a day with meals", "56 tablet"),
    ("Salbutamol 100micrograms/dose inhaler", "Two puffs when required", "1 inhaler"),
    ("Omeprazole 20mg gastro-resistant capsules", "One to be taken each morning", "28 capsule"),
    ("Levothyroxine 50microgram tablets", "One to be taken each morning", "28 tablet"),
    ("Sertraline 50mg tablets", "One to be taken each day", "28 tablet"),
    ("Ramipril 2.5mg capsules", "One to be taken each day", "28 capsule"),
)
_RX_PHARMACIES = (
    "Boots, High Street",
    "Lloyds Pharmacy, Market Square",
    "Well Pharmacy, Station Road",
    "Rowlands Pharmacy, Church Road",
    "Day Lewis Pharmacy, Queens Parade",
)
_RX_LEAD = 21  # a 28-day supply can be reordered a week before it runs out
_RX_CSS = """<style>
body{font-family:Verdana,Arial,sans-serif;font-size:13px;max-width:52rem}.banner{background:#336699;color:#fff}
.banner td{border:0;color:#fff;padding:.5rem}.banner a{color:#fff}.grid{width:100%}.grid th{background:#dde6f0;
text-align:left}.grid tr:nth-child(odd) td{background:#f6f8fb}.done{border:1px solid #3c763d;background:#dff0d8;
color:#3c763d;padding:.6rem 1rem}.done h2{margin:.2rem 0}.val{color:#c00;font-weight:bold}.small{font-size:11px;
color:#666}
</style>"""


@dataclass(frozen=True)
class _RxLayout:
    order: tuple[str, ...]  # medicine names in table order (row i is posted as ctl0<i+2>)
    pharmacies: dict[str, str]  # option value -> pharmacy
    practice: str
    patient: str


def _rx_params(rng: random.Random) -> dict[str, str]:
    chosen = sorted(rng.sample(range(len(_RX_MEDS)), 2))
    return {
        "medicines": ", ".join(_RX_MEDS[i][0] for i in chosen),
        "pharmacy": pick(rng, _RX_PHARMACIES),
    }


def _rx_layout(visit: Visit) -> _RxLayout:
    rng = visit.rng
    order = [m[0] for m in _RX_MEDS]
    rng.shuffle(order)
    first, last = person(rng)
    return _RxLayout(
        order=tuple(order),
        pharmacies={str(n): ph for n, ph in zip(rng.sample(range(1000, 9999), 5), _RX_PHARMACIES, strict=True)},
        practice=pick(rng, _GP_PRACTICES),
        patient=f"{pick(rng, ('Mr', 'Mrs', 'Ms'))} {first[0]}. {last}",
    )


def _rx_wanted(visit: Visit) -> list[str]:
    return [m.strip() for m in visit.params["medicines"].split(",")]


def _rx_issued(visit: Visit, medicine: str) -> dt.date:
    """When a medicine was last issued: the user's own were issued days ago, so they are not due yet."""
    r = random.Random(f"{visit.task.name}:issued:{visit.seed}:{medicine}")
    ago = r.randint(3, 9) if medicine in _rx_wanted(visit) else r.randint(22, 40)
    return dt.date.today() - dt.timedelta(days=ago)


def _rx_box(i: int) -> str:
    return f"ctl00$cphMain$gvRepeats$ctl{i + 2:02d}$chkSelect"


def _rx_form(visit: Visit, errors: list[str]) -> str:
    lay = _rx_layout(visit)
    details = {m[0]: m for m in _RX_MEDS}
    rows = "".join(
        f'<tr><td><input type="checkbox" id="chk{i}" name="{_rx_box(i)}" {_f("rx:" + med)}></td>'
        f'<td><label for="chk{i}">{esc(med)}</label></td><td>{esc(details[med][1])}</td><td>{esc(details[med][2])}</td>'
        f"<td>{_rx_issued(visit, med):%d-%b-%Y}</td></tr>"
        for i, med in enumerate(lay.order)
    )
    problems = "".join(f'<li class="val">{esc(e)}</li>' for e in errors)
    body = (
        f'<table class="banner" width="100%"><tr><td><b>{esc(lay.practice)}</b> · Online Services</td>'
        f'<td align="right">Logged in as: {esc(lay.patient)} | <a href="#">My account</a> | <a href="#">Log out</a>'
        "</td></tr></table><h2>Repeat Prescriptions</h2>"
        "<p>Tick the medication you would like to order and press <b>Request</b>. Please allow 2 full working days"
        " before collecting your prescription from your chosen pharmacy.</p>"
        f"<ul>{problems}</ul>"
        f'<form method="post" action="{visit.url("submit")}" id="aspnetForm">'
        '<input type="hidden" name="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAgIBD2QWBAIBDw8WAh4E">'
        '<table class="grid" border="1" cellpadding="4" cellspacing="0"><tr><th>Request</th><th>Medication</th>'
        f"<th>Dosage</th><th>Quantity</th><th>Last issued</th></tr>{rows}</table>"
        '<p><label for="ddlPharmacy" style="display:inline">Collect from: </label>'
        f'<select name="ctl00$cphMain$ddlPharmacy" id="ddlPharmacy" {_f("rx-pharmacy")}>'
        f"{_options(sorted(lay.pharmacies.items(), key=lambda kv: kv[1]), '', '-- Please select --')}</select></p>"
        '<p><label for="txtMessage">Message for the practice (optional)</label>'
        '<textarea name="ctl00$cphMain$txtMessage" id="txtMessage" rows="3" cols="60"></textarea></p>'
        f'<input type="submit" name="ctl00$cphMain$btnRequest" value="Request" {_f("rx-go")}>'
        '<p class="small">Medication not shown here must be requested from the surgery reception.</p></form>'
    )
    return page("Repeat Prescriptions", body, head=_RX_CSS)


def _rx_read(visit: Visit, sub: Submission) -> tuple[list[str], list[str], str]:
    """(errors, ticked medicines, pharmacy) as the portal reads a request."""
    lay = _rx_layout(visit)
    ticked = [med for i, med in enumerate(lay.order) if sub.one(_rx_box(i))]
    pharmacy = lay.pharmacies.get(sub.one("ctl00$cphMain$ddlPharmacy"), "")
    errors = []
    if not ticked:
        errors.append("Please select at least one item of medication.")
    if not pharmacy:
        errors.append("Please choose where you will collect your prescription.")
    return errors, ticked, pharmacy


def _rx_render(visit: Visit) -> Response | str:
    return _rx_form(visit, []) if visit.path == "" else _not_found()


def _rx_respond(visit: Visit, sub: Submission) -> Response:
    errors, ticked, pharmacy = _rx_read(visit, sub)
    if errors:
        return Response(_rx_form(visit, errors))
    lay = _rx_layout(visit)
    today = dt.date.today()
    rows = []
    for med in ticked:
        due = _rx_issued(visit, med) + dt.timedelta(days=_RX_LEAD)
        status = (
            "Sent to practice" if due <= today else f"Not sent – too early to request (available from {due:%d-%b-%Y})"
        )
        rows.append(f'<tr><td>{esc(med)}</td><td class="small">{esc(status)}</td></tr>')
    body = (
        f'<table class="banner" width="100%"><tr><td><b>{esc(lay.practice)}</b> · Online Services</td>'
        f'<td align="right">Logged in as: {esc(lay.patient)} | <a href="#">Log out</a></td></tr></table>'
        '<div class="done"><h2>&#10004; Request sent</h2>Thank you. Your repeat prescription request has been sent'
        f" to {esc(lay.practice)}. Please allow 2 full working days before collecting it from"
        f" <b>{esc(pharmacy)}</b>.</div>"
        f'<h3>Items in this request</h3><table class="grid" border="1" cellpadding="4" cellspacing="0">'
        f"<tr><th>Medication</th><th>Status</th></tr>{''.join(rows)}</table>"
        f'<p><a href="{visit.url()}">Back to Repeat Prescriptions</a></p>'
    )
    return Response(page("Request sent", body, head=_RX_CSS))


def _rx_judge(visit: Visit, record: Record) -> Verdict:
    subs = record.steps("submit")
    if not subs:
        return Verdict.no("nothing was submitted")
    readings = [_rx_read(visit, s) for s in subs]
    if all(errors for errors, _, _ in readings):
        return Verdict.no("the portal refused every request: " + " ".join(readings[-1][0]))
    wanted = _rx_wanted(visit)
    due = ", ".join(f"{m} (issued {_rx_issued(visit, m):%d/%m/%Y})" for m in wanted)
    return Verdict.no(
        f"the practice never received a request for {visit.params['medicines']}: the portal drops items that are"
        f" not yet due ({due}) although its page said 'Request sent'"
    )


async def _rx_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for med in params["medicines"].split(","):
        await pw.check(_sel("rx:" + med.strip()))
    await pw.select_option(_sel("rx-pharmacy"), label=params["pharmacy"])
    await submit_and_wait(pw, _sel("rx-go"))


# --- the tasks ------------------------------------------------------------------------------------------------------

TASKS = [
    Task(
        name="care-gp-appointment",
        pattern="dates",
        title="GP appointment (NHS-style): type and clinician, a calendar dialog, time slots by fetch, check answers",
        make_params=_gp_params,
        render=_gp_render,
        respond=_gp_respond,
        judge=_gp_judge,
        workflow=form_workflow(
            "Book a GP appointment",
            "Book a {{ appointment_type }} appointment with {{ clinician }} at my GP surgery on {{ date }} at"
            " {{ time }}. The reason for the appointment is: {{ reason }}",
            ["appointment_type", "clinician", "date", "time", "reason"],
            descriptions={
                "appointment_type": "face-to-face, telephone or video",
                "clinician": "who I want to see",
                "date": "the day of the appointment",
                "time": "start time, 24-hour clock",
                "reason": "what the appointment is for",
            },
            completion="The appointment was booked",
        ),
        floor=_gp_floor,
    ),
    Task(
        name="care-car-insurance",
        pattern="wizard",
        title="Car insurance quote (Tailwind): registration lookup, driver, cover radio cards, quote page, Buy now",
        make_params=_mq_params,
        render=_mq_render,
        respond=_mq_respond,
        judge=_mq_judge,
        workflow=form_workflow(
            "Buy car insurance",
            "Get a car insurance quote for my car and buy it: {{ cover_level }} cover with a {{ voluntary_excess }}"
            " voluntary excess, adding {{ add_ons }}, starting on {{ start_date }}, paying {{ payment }}",
            [
                "registration",
                "car_value",
                "annual_mileage",
                "parking",
                "first_name",
                "last_name",
                "date_of_birth",
                "email",
                "postcode",
                "no_claims_years",
                "cover_level",
                "voluntary_excess",
                "add_ons",
                "start_date",
                "payment",
            ],
            descriptions={
                "registration": "my car's number plate",
                "car_value": "roughly what the car is worth",
                "annual_mileage": "miles I drive a year",
                "parking": "where the car is kept overnight",
                "date_of_birth": "DD/MM/YYYY",
                "no_claims_years": "years of no claims bonus",
                "add_ons": "optional extras to add, comma-separated",
                "start_date": "YYYY-MM-DD",
                "payment": "monthly or annually",
            },
            completion="The policy was bought",
        ),
        floor=_mq_floor,
    ),
    Task(
        name="care-travel-insurance",
        pattern="late_content",
        title="Travel insurance quote (USWDS): region then country loaded by fetch, memorable dates, traveler ages",
        make_params=_ti_params,
        render=_ti_render,
        respond=_ti_respond,
        judge=_ti_judge,
        workflow=form_workflow(
            "Get a travel insurance quote",
            "Get a travel insurance quote for our trip to {{ country }} from {{ departure_date }} to"
            " {{ return_date }} on the {{ cover_plan }} plan, and have it emailed to me",
            [
                "country",
                "departure_date",
                "return_date",
                "trip_cost",
                "traveler_ages",
                "medical_conditions",
                "cover_plan",
                "state_of_residence",
                "email",
            ],
            descriptions={
                "departure_date": "YYYY-MM-DD",
                "return_date": "YYYY-MM-DD",
                "trip_cost": "total prepaid trip cost",
                "traveler_ages": "ages of everyone traveling, mine first, comma-separated",
                "medical_conditions": "pre-existing medical conditions of anyone traveling, or None",
            },
            completion="The quote was requested",
        ),
        floor=_ti_floor,
    ),
    Task(
        name="care-travel-authorisation",
        pattern="custom_widgets",
        title="UK ETA application (GOV.UK): start page, nationality autocomplete, date inputs, check answers, send",
        make_params=_eta_params,
        render=_eta_render,
        respond=_eta_respond,
        judge=_eta_judge,
        workflow=form_workflow(
            "Apply for a UK travel authorisation",
            "Apply for a UK electronic travel authorisation (ETA) with my passport details; the main reason for my"
            " visit is {{ visit_reason }}",
            [
                "given_names",
                "family_name",
                "date_of_birth",
                "nationality",
                "passport_number",
                "passport_expiry",
                "email",
                "visit_reason",
            ],
            descriptions={
                "date_of_birth": "DD/MM/YYYY",
                "nationality": "the country that issued my passport",
                "passport_expiry": "DD/MM/YYYY",
                "visit_reason": "why I am visiting the UK",
            },
            completion="The application was sent",
        ),
        floor=_eta_floor,
    ),
    Task(
        name="care-lying-repeat-prescription",
        pattern="lying",
        title="Repeat prescription portal that says 'Request sent' while silently dropping items not yet due",
        make_params=_rx_params,
        render=_rx_render,
        respond=_rx_respond,
        judge=_rx_judge,
        workflow=form_workflow(
            "Order my repeat prescription",
            "Order my repeat prescription for {{ medicines }}, to collect from {{ pharmacy }}",
            ["medicines", "pharmacy"],
            descriptions={
                "medicines": "the medicines to reorder, comma-separated",
                "pharmacy": "the pharmacy I collect from",
            },
            completion="The request was sent to the surgery",
        ),
        floor=_rx_floor,
        lying=True,
    ),
]
