"""Held-out money forms: meter reading, Direct Debit, mobile plan, change of address, a payment held for approval."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import MONTHS, code, email_for, form_workflow, person, submit_and_wait
from examples.corpus.tasks._data_interaction import beacon_script, js
from examples.corpus.tasks.fresh_apps import _accepted

# --- shared pieces ------------------------------------------------------------------------------------------------

_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_PC_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_BLANK = Submission("blank", {})


def _cls(rng: random.Random, prefix: str = "css-") -> str:
    """A generated class name, as CSS-in-JS libraries emit them."""
    return prefix + "".join(rng.choice(_ALNUM) for _ in range(6))


def _uid(rng: random.Random, prefix: str) -> str:
    return f"{prefix}{rng.getrandbits(28):07x}"


def _f(key: str) -> str:
    """The floor's marker attribute for a key."""
    return f'data-f="{code(key)}"'


def _sel(key: str) -> str:
    return f'[data-f="{code(key)}"]'


def _data_rng(visit: Visit, what: str, *keys: str) -> random.Random:
    """Server-side data for an instance: fixed by the layout seed and by the user's values it must contain."""
    return random.Random(f"{visit.task.name}:{what}:{visit.seed}:" + "|".join(visit.params[k] for k in keys))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _words(text: str) -> str:
    return " ".join((text or "").split())


def _squash(text: str) -> str:
    """Case and spacing do not matter to a postcode."""
    return re.sub(r"\s+", "", text or "").upper()


def _postcode_ok(value: str) -> bool:
    return bool(_UK_POSTCODE.match(" ".join(value.upper().split())))


def _postcode(rng: random.Random, area: str) -> str:
    inward = f"{rng.randint(1, 9)}{rng.choice(_PC_LETTERS)}{rng.choice(_PC_LETTERS)}"
    return f"{area}{rng.randint(1, 24)} {inward}"


def _long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _reference(visit: Visit, prefix: str) -> str:
    return f"{prefix}{int(visit.token[:7], 16) % 9_000_000 + 1_000_000}"


def _options(pairs: list[tuple[str, str]], chosen: str, placeholder: str | None = None) -> str:
    out = [f'<option value="">{esc(placeholder)}</option>'] if placeholder is not None else []
    for value, text in pairs:
        selected = " selected" if value == chosen and value else ""
        out.append(f'<option value="{esc(value)}"{selected}>{esc(text)}</option>')
    return "".join(out)


def _not_found() -> Response:
    return Response.json({"error": "not found"}, status=404)


def _nothing(what: str, refused: str) -> Verdict:
    return Verdict.no(f"{what} (the server refused: {refused})" if refused else what)


# --- 1. energy meter reading: the account's meters as radio cards, the reading in digit boxes, the date ------------

_SUPPLIERS = ("Brightwatt Energy", "Keel Energy", "Moorland Power & Gas", "Lumen Home Energy")
_ELEC_PLACES = ("Hallway cupboard", "Under the stairs", "Garage", "Kitchen cupboard", "Porch", "Outside meter box")
_GAS_PLACES = ("Outside meter box", "Under the stairs", "Kitchen cupboard", "Cellar", "Utility room")


@dataclass(frozen=True)
class _Meter:
    id: str
    fuel: str
    serial: str
    place: str
    dials: int
    last: str
    last_date: dt.date

    @property
    def unit(self) -> str:
        return "m³" if self.fuel == "Gas" else "kWh"


def _elec_serial(rng: random.Random) -> str:
    return f"{rng.randint(12, 24)}{rng.choice('HKLPS')}{rng.randint(0, 9_999_999):07d}"


def _gas_serial(rng: random.Random) -> str:
    return f"E6S{rng.randint(0, 99_999_999):08d}{rng.randint(10, 23)}"


def _meter_params(rng: random.Random) -> dict[str, str]:
    gas = rng.random() < 0.45
    dials = 5 if gas else rng.choice((5, 6))
    taken = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, 520))
    return {
        "meter_serial": _gas_serial(rng) if gas else _elec_serial(rng),
        "reading": f"{rng.randint(400, 10**dials - 1500):0{dials}d}",
        "reading_date": taken.isoformat(),
    }


def _meters(visit: Visit) -> list[_Meter]:
    """The account's meters: the user's own (its last reading below theirs), the other fuel, maybe a second one."""
    p = visit.params
    r = _data_rng(visit, "meters", "meter_serial", "reading", "reading_date")
    taken = dt.date.fromisoformat(p["reading_date"])
    fuel = "Gas" if p["meter_serial"].startswith("E6S") else "Electricity"
    dials = len(p["reading"])
    places = {"Gas": list(_GAS_PLACES), "Electricity": list(_ELEC_PLACES)}
    r.shuffle(places["Gas"])
    r.shuffle(places["Electricity"])
    meters = [
        _Meter(
            id=_uid(r, "mtr_"),
            fuel=fuel,
            serial=p["meter_serial"],
            place=places[fuel].pop(),
            dials=dials,
            last=f"{max(0, int(p['reading']) - r.randint(60, 1100)):0{dials}d}",
            last_date=taken - dt.timedelta(days=r.randint(28, 120)),
        )
    ]
    other = "Electricity" if fuel == "Gas" else "Gas"
    for kind in [other] + ([fuel] if r.random() < 0.6 else []):
        n = 5 if kind == "Gas" else r.choice((5, 6))
        serial = _gas_serial(r) if kind == "Gas" else _elec_serial(r)
        meters.append(
            _Meter(
                id=_uid(r, "mtr_"),
                fuel=kind,
                serial=serial,
                place=places[kind].pop(),
                dials=n,
                last=f"{r.randint(300, 10**n - 2000):0{n}d}",
                last_date=taken - dt.timedelta(days=r.randint(20, 150)),
            )
        )
    r.shuffle(meters)
    return meters


@dataclass(frozen=True)
class _MeterLayout:
    c: dict[str, str]  # generated class names
    i: dict[str, str]  # element ids
    words: dict[str, str]
    supplier: str
    account: str
    date_boxes: bool  # day / month / year boxes (else one date input)
    date_first: bool


def _meter_layout(visit: Visit) -> _MeterLayout:
    rng = visit.rng
    parts: tuple[str, ...] = ("top", "main", "crumb", "alert", "set", "legend", "card", "badge", "serial", "muted")
    parts += ("err", "digits")
    parts += ("digit", "unit", "hint", "date", "primary", "done", "group")
    ids = ("form", "alert", "mlabel", "readsec", "readlbl", "readhint", "digits", "date", "day", "month", "year")
    words = {
        "heading": pick(rng, ("Submit a meter reading", "Give us a meter reading", "Send us your meter reading")),
        "meter_q": pick(rng, ("Which meter are you reading?", "Choose a meter", "Select the meter you're reading")),
        "reading_q": pick(rng, ("Your reading", "Enter your reading", "What does the meter show?")),
        "date_q": pick(rng, ("Date of reading", "When did you take this reading?", "Reading date")),
        "button": pick(rng, ("Submit reading", "Send reading", "Submit")),
        "serial": pick(rng, ("Serial number", "Meter serial", "Meter number")),
    }
    return _MeterLayout(
        c={k: _cls(rng) for k in parts},
        i={k: _uid(rng, "m") for k in ids + ("datelbl", "done", "submit")},
        words=words,
        supplier=pick(rng, _SUPPLIERS),
        account=f"{rng.randint(10**9, 10**10 - 1)}",
        date_boxes=rng.random() < 0.5,
        date_first=rng.random() < 0.3,
    )


_METER_CSS = """
.{top}{{display:flex;justify-content:space-between;align-items:center;border-bottom:3px solid #0f766e;padding:.4rem 0}}
.{crumb}{{color:#64748b;font-size:.85rem;margin-top:1rem}}
.{alert}{{border-left:5px solid #b91c1c;background:#fef2f2;padding:.6rem 1rem;margin:1rem 0}}
.{set}{{border:0;padding:0;margin:1.2rem 0}}.{legend}{{font-weight:700;font-size:1.15rem;padding:0;margin-bottom:.4rem}}
.{group}{{display:grid;gap:.6rem}}
.{card}{{display:grid;grid-template-columns:9rem 1fr;gap:.15rem 1rem;border:2px solid #cbd5e1;border-radius:.6rem;
  padding:.7rem 1rem;cursor:pointer}}
.{card}[aria-checked=true]{{border-color:#0f766e;background:#f0fdfa;box-shadow:0 0 0 2px #0f766e inset}}
.{badge}{{font-weight:700;grid-row:span 3}}.{serial} b{{letter-spacing:.05em}}.{muted}{{color:#64748b;font-size:.9rem}}
.{err}{{color:#b91c1c;font-weight:600;font-size:.9rem}}.{hint}{{color:#475569;font-size:.9rem;margin:.2rem 0 .5rem}}
.{digits}{{display:flex;gap:.35rem;align-items:center}}
.{digit}{{width:2.3rem;height:2.8rem;text-align:center;font-size:1.4rem;font-family:monospace;background:#111827;
  color:#fff;border:2px solid #111827;border-radius:.3rem}}
.{digit}:focus{{outline:3px solid #f59e0b}}.{unit}{{margin-left:.4rem;color:#475569}}
.{date} > span{{display:inline-block;margin-right:.8rem}}.{date} input{{width:3.2rem}}
.{date} input.yyyy{{width:4.6rem}}.{date} label{{font-size:.85rem}}
.{primary}{{background:#0f766e;color:#fff;border:0;border-radius:2rem;padding:.6rem 1.6rem;font-weight:600}}
.{done}{{border:2px solid #0f766e;border-radius:.6rem;padding:1rem 1.4rem;background:#f0fdfa}}
"""

_METER_JS = r"""
const C = CFG.c, I = CFG.i, $ = id => document.getElementById(id);
const S = {meter: null};
const cards = [...document.querySelectorAll('[data-meter]')];
function clearErrors() {
  document.querySelectorAll('[data-err]').forEach(e => { e.textContent = ''; });
  $(I.alert).hidden = true; $(I.alert).innerHTML = '';
}
function showErrors(errors) {
  const items = Object.values(errors).map(m => `<li>${m}</li>`).join('');
  $(I.alert).innerHTML = `<strong>There is a problem</strong><ul>${items}</ul>`;
  $(I.alert).hidden = false;
  Object.entries(errors).forEach(([k, m]) => {
    const e = document.querySelector(`[data-err="${k}"]`); if (e) e.textContent = m;
  });
  $(I.alert).scrollIntoView();
}
function buildDigits(n, unit) {
  const box = $(I.digits);
  box.innerHTML = Array.from({length: n}, (_, k) =>
    `<input class="${C.digit}" inputmode="numeric" autocomplete="off" aria-label="Digit ${k + 1} of ${n}" ` +
    `data-f="${CFG.digitMark}" data-n="${k}">`).join('') + `<span class="${C.unit}">${unit}</span>`;
  $(I.readhint).textContent = `Enter the ${n} black or white numbers from left to right. ` +
    'Ignore any numbers in red and anything after a decimal point.';
  const inputs = [...box.querySelectorAll('input')];
  inputs.forEach((el, k) => {
    el.addEventListener('focus', () => el.select());
    el.addEventListener('input', e => {
      const typed = ((e.data !== null && e.data !== undefined) ? e.data : el.value).replace(/\D/g, '');
      if (!typed) { el.value = el.value.replace(/\D/g, '').slice(-1); return; }
      if (typed.length === 1) { el.value = typed; if (k < n - 1) inputs[k + 1].focus(); return; }
      // several digits at once (pasted or autofilled): share them out over this box and the next ones
      [...typed].slice(0, n - k).forEach((d, j) => { inputs[k + j].value = d; });
      inputs[Math.min(n - 1, k + typed.length)].focus();
    });
    el.addEventListener('keydown', e => {
      if (e.key === 'Backspace' && !el.value && k > 0) {
        e.preventDefault(); inputs[k - 1].value = ''; inputs[k - 1].focus();
      }
      else if (e.key === 'ArrowLeft' && k > 0) { e.preventDefault(); inputs[k - 1].focus(); }
      else if (e.key === 'ArrowRight' && k < n - 1) { e.preventDefault(); inputs[k + 1].focus(); }
    });
  });
}
function choose(card) {
  cards.forEach(x => { x.setAttribute('aria-checked', String(x === card)); x.tabIndex = x === card ? 0 : -1; });
  if (S.meter !== card.dataset.meter) {
    S.meter = card.dataset.meter;
    buildDigits(+card.dataset.dials, card.dataset.unit);
  }
  $(I.readsec).hidden = false;
  const e = document.querySelector('[data-err="meter"]'); if (e) e.textContent = '';
}
cards.forEach((card, k) => {
  card.addEventListener('click', () => choose(card));
  card.addEventListener('keydown', e => {
    let next = null;
    if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); choose(card); }
    else if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = cards[(k + 1) % cards.length];
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = cards[(k + cards.length - 1) % cards.length];
    if (next) { e.preventDefault(); next.focus(); choose(next); }
  });
});
function readDate() {
  if (!CFG.dateBoxes) return $(I.date).value;
  const d = $(I.day).value.trim(), m = $(I.month).value.trim(), y = $(I.year).value.trim();
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return '';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
$(I.form).addEventListener('submit', async e => {
  e.preventDefault();
  clearErrors();
  const errors = {};
  const boxes = [...$(I.digits).querySelectorAll('input')];
  const reading = boxes.map(b => b.value).join('');
  if (!S.meter) errors.meter = 'Select the meter you are reading';
  else if (reading.length !== boxes.length) errors.reading = `Enter all ${boxes.length} numbers from your meter`;
  const date = readDate();
  if (!date) errors.date = 'Enter the date you took the reading, for example 27 3 2025';
  if (Object.keys(errors).length) { showErrors(errors); return; }
  const btn = $(I.submit);
  btn.disabled = true; btn.textContent = 'Sending…';
  let answer;
  try { answer = await send('reading', {meter: S.meter, reading: reading, date: date}); }
  finally { btn.disabled = false; btn.textContent = CFG.button; }
  if (answer.status === 201) {
    const b = answer.body;
    $(I.form).hidden = true;
    $(I.done).innerHTML = `<h2>Thanks, we've got your reading</h2><p>${b.fuel} meter <b>${b.serial}</b>: ` +
      `<b>${b.reading}</b> ${b.unit} on ${b.date}.</p><p>Your reference is <b>${b.reference}</b>. ` +
      'We will use this reading for your next bill.</p>';
    $(I.done).hidden = false;
  } else {
    showErrors((answer.body && answer.body.errors) || {_: 'Sorry, something went wrong. Please try again.'});
  }
});
"""


def _meter_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    lay = _meter_layout(visit)
    c, i, w = lay.c, lay.i, lay.words
    today = dt.date.today()
    cards = []
    for n, m in enumerate(_meters(visit)):
        cards.append(
            f'<div role="radio" aria-checked="false" tabindex="{0 if n == 0 else -1}" class="{c["card"]}"'
            f' data-meter="{m.id}" data-dials="{m.dials}" data-unit="{m.unit}" {_f("meter:" + m.serial)}>'
            f'<span class="{c["badge"]}">{m.fuel}</span>'
            f'<span class="{c["serial"]}">{esc(w["serial"])} <b>{m.serial}</b></span>'
            f'<span class="{c["muted"]}">{esc(m.place)}</span>'
            f'<span class="{c["muted"]}">Last reading {m.last} on {_long_date(m.last_date)}</span></div>'
        )
    meters = (
        f'<fieldset class="{c["set"]}"><legend class="{c["legend"]}" id="{i["mlabel"]}">{esc(w["meter_q"])}</legend>'
        f'<div class="{c["err"]}" data-err="meter"></div>'
        f'<div role="radiogroup" aria-labelledby="{i["mlabel"]}" class="{c["group"]}">{"".join(cards)}</div></fieldset>'
    )
    reading = (
        f'<section id="{i["readsec"]}" hidden><h2 class="{c["legend"]}" id="{i["readlbl"]}">'
        f'{esc(w["reading_q"])}</h2><p class="{c["hint"]}" id="{i["readhint"]}"></p>'
        f'<div class="{c["err"]}" data-err="reading"></div>'
        f'<div class="{c["digits"]}" id="{i["digits"]}" role="group" aria-labelledby="{i["readlbl"]}"'
        f' aria-describedby="{i["readhint"]}"></div></section>'
    )
    if lay.date_boxes:
        boxes = "".join(
            f'<span><label for="{i[key]}">{word}</label><br><input id="{i[key]}" inputmode="numeric"'
            f' value="{value}" class="{extra}" {_f("date-" + key)}></span>'
            for key, word, value, extra in (
                ("day", "Day", today.day, ""),
                ("month", "Month", today.month, ""),
                ("year", "Year", today.year, "yyyy"),
            )
        )
        date = (
            f'<fieldset class="{c["set"]} {c["date"]}" role="group" aria-describedby="{i["datelbl"]}-hint">'
            f'<legend class="{c["legend"]}">{esc(w["date_q"])}</legend>'
            f'<p class="{c["hint"]}" id="{i["datelbl"]}-hint">For example, 27 3 2025</p>'
            f'<div class="{c["err"]}" data-err="date"></div>{boxes}</fieldset>'
        )
    else:
        date = (
            f'<div class="{c["set"]}"><label class="{c["legend"]}" for="{i["date"]}" id="{i["datelbl"]}">'
            f'{esc(w["date_q"])}</label><div class="{c["err"]}" data-err="date"></div>'
            f'<input type="date" id="{i["date"]}" value="{today.isoformat()}" max="{today.isoformat()}"'
            f" {_f('date')}></div>"
        )
    middle = date + reading if lay.date_first else reading + date
    body = (
        f'<header class="{c["top"]}"><strong>{esc(lay.supplier)}</strong>'
        f'<span>Account {lay.account} · <a href="#">Log out</a></span></header>'
        f'<main class="{c["main"]}"><p class="{c["crumb"]}">Your account › Meter readings</p>'
        f"<h1>{esc(w['heading'])}</h1>"
        "<p>Regular readings mean your bills are based on what you actually use, not on estimates.</p>"
        f'<div class="{c["alert"]}" id="{i["alert"]}" role="alert" tabindex="-1" hidden></div>'
        f'<form id="{i["form"]}" novalidate>{meters}{middle}'
        f'<button type="submit" id="{i["submit"]}" class="{c["primary"]}" {_f("submit")}>{esc(w["button"])}</button>'
        f'</form><div id="{i["done"]}" class="{c["done"]}" role="status" hidden {_f("done")}></div></main>'
    )
    cfg = {"c": c, "i": i, "dateBoxes": lay.date_boxes, "button": w["button"], "digitMark": code("digit")}
    script = beacon_script(visit) + f"const CFG = {js(cfg)};\n" + _METER_JS
    css = _METER_CSS.format(**c)
    return page(f"{w['heading']} · {lay.supplier}", body, head=f"<style>{css}</style>", script=script)


def _meter_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    meter = {m.id: m for m in _meters(visit)}.get(sub.one("meter"))
    errors: dict[str, str] = {}
    if meter is None:
        errors["meter"] = "Select the meter you are reading"
    reading = sub.one("reading").strip()
    if meter is not None:
        if not re.fullmatch(rf"\d{{{meter.dials}}}", reading):
            errors["reading"] = f"Enter all {meter.dials} numbers from your meter"
        elif int(reading) < int(meter.last):
            errors["reading"] = (
                f"This reading is lower than your last one ({meter.last} on {_long_date(meter.last_date)}). "
                "Check the numbers and try again."
            )
    try:
        taken = dt.date.fromisoformat(sub.one("date").strip())
    except ValueError:
        errors["date"] = "Enter a real date"
    else:
        if taken > dt.date.today():
            errors["date"] = "The date of the reading can't be in the future"
        elif meter is not None and taken <= meter.last_date:
            errors["date"] = f"The date must be after your last reading on {_long_date(meter.last_date)}"
    return errors


def _meter_respond(visit: Visit, sub: Submission) -> Response:
    errors = _meter_errors(visit, sub)
    if errors:
        return Response.json({"errors": errors}, status=422)
    meter = {m.id: m for m in _meters(visit)}[sub.one("meter")]
    answer = {
        "reference": _reference(visit, "MR"),
        "fuel": meter.fuel,
        "serial": meter.serial,
        "reading": sub.one("reading").strip(),
        "unit": meter.unit,
        "date": _long_date(dt.date.fromisoformat(sub.one("date").strip())),
    }
    return Response.json(answer, status=201)


def _meter_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "reading", lambda s: _meter_errors(visit, s))
    if not accepted:
        return _nothing("no meter reading was accepted", refused)
    meters = {m.id: m for m in _meters(visit)}
    if len(accepted) > 1:
        sent = ", ".join(f"{meters[s.one('meter')].serial}: {s.one('reading')}" for s in accepted)
        return Verdict.no(f"{len(accepted)} readings were submitted instead of one ({sent})")
    sub, p = accepted[0], visit.params
    meter = meters[sub.one("meter")]
    if meter.serial != p["meter_serial"]:
        return Verdict.no(f"the reading went to meter {meter.serial} ({meter.fuel}), not {p['meter_serial']}")
    if sub.one("reading").strip() != p["reading"]:
        return Verdict.no(f"reading: expected {p['reading']!r}, got {sub.one('reading')!r}")
    if sub.one("date").strip() != p["reading_date"]:
        return Verdict.no(f"date of reading: expected {p['reading_date']}, got {sub.one('date')!r}")
    return Verdict.yes(f"reading {p['reading']} for meter {meter.serial} on {p['reading_date']} was accepted")


async def _meter_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.click(_sel("meter:" + params["meter_serial"]))
    boxes = pw.locator(_sel("digit"))
    await boxes.first.wait_for()
    for n, digit in enumerate(params["reading"]):
        await boxes.nth(n).fill(digit)
    taken = dt.date.fromisoformat(params["reading_date"])
    if await pw.locator(_sel("date")).count():
        await pw.fill(_sel("date"), taken.isoformat())
    else:
        await pw.fill(_sel("date-day"), str(taken.day))
        await pw.fill(_sel("date-month"), str(taken.month))
        await pw.fill(_sel("date-year"), str(taken.year))
    await pw.click(_sel("submit"))
    await pw.locator(_sel("done")).wait_for()


# --- 2. Direct Debit, GOV.UK-like: sort code in three auto-advancing boxes, check-your-answers, then confirm -------

_BANKS = {
    "20": "Barclays Bank UK PLC",
    "40": "HSBC UK Bank plc",
    "30": "Lloyds Bank plc",
    "77": "Lloyds Bank plc",
    "60": "National Westminster Bank plc",
    "09": "Santander UK plc",
    "07": "Nationwide Building Society",
    "83": "The Royal Bank of Scotland plc",
    "11": "Halifax (Bank of Scotland plc)",
}
_BILLERS = ("Northfield Water", "Calder Valley Energy", "Harbourline Broadband", "Wenlock District Council")

_GOV_CSS = """<style>
body{max-width:none;margin:0;font-family:Arial,sans-serif;color:#0b0c0c}
.govuk-header{background:#0b0c0c;color:#fff;padding:.7rem 0}.govuk-header__container{max-width:60rem;margin:0 auto;
 padding:0 1rem;display:flex;gap:1.5rem;align-items:baseline}
.govuk-header__logotype-text{font-weight:700;font-size:1.3rem}
.govuk-header__service-name{font-weight:700}.govuk-width-container{max-width:60rem;margin:0 auto;padding:0 1rem}
.govuk-main-wrapper{padding:1.5rem 0 3rem}.govuk-back-link{color:#0b0c0c;font-size:.9rem}
.govuk-heading-l{font-size:2.2rem;margin:.8rem 0 1.4rem}.govuk-body{font-size:1.1rem}
.govuk-form-group{margin-bottom:1.8rem}.govuk-form-group--error{border-left:5px solid #d4351c;padding-left:.9rem}
.govuk-label,.govuk-fieldset__legend{display:block;font-weight:700;font-size:1.1rem;margin-bottom:.3rem}
.govuk-hint{color:#505a5f;margin-bottom:.5rem}.govuk-error-message{color:#d4351c;font-weight:700;display:block;
 margin-bottom:.5rem}
.govuk-input{border:2px solid #0b0c0c;font-size:1.1rem;padding:.3rem;height:2.5rem;box-sizing:border-box}
.govuk-input--error{border-color:#d4351c}.govuk-input--width-2{width:3.6rem}.govuk-input--width-10{width:12rem}
.govuk-input--width-20{width:22rem}.govuk-select{border:2px solid #0b0c0c;height:2.5rem;font-size:1.1rem}
.govuk-fieldset{border:0;margin:0;padding:0}.app-sort-code{display:flex;align-items:center;gap:.5rem}
.govuk-checkboxes__item{display:flex;gap:.6rem;align-items:flex-start}.govuk-checkboxes__input{width:1.6rem;height:1.6rem}
.govuk-button{background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18;font-size:1.1rem;padding:.5rem 1rem}
.govuk-error-summary{border:5px solid #d4351c;padding:1rem;margin-bottom:1.5rem}.govuk-error-summary a{color:#d4351c}
.govuk-summary-list{display:table;width:100%;border-collapse:collapse;margin-bottom:1.5rem}.govuk-summary-list__row{
 display:table-row;border-bottom:1px solid #b1b4b6}.govuk-summary-list__key,.govuk-summary-list__value,
 .govuk-summary-list__actions{display:table-cell;padding:.6rem 1rem .6rem 0}.govuk-summary-list__key{font-weight:700;
 width:30%}.govuk-panel{background:#00703c;color:#fff;text-align:center;padding:1.5rem;margin-bottom:1.5rem}
.govuk-inset-text{border-left:10px solid #b1b4b6;padding:.8rem 1rem;margin:1.2rem 0}.govuk-details{margin:1.5rem 0}
.govuk-visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
</style>"""

_SORT_JS = r"""
const boxes = [...document.querySelectorAll('[data-sort-code] input')];
boxes.forEach((el, k) => {
  el.addEventListener('input', () => {
    const ds = el.value.replace(/\D/g, '');
    if (ds.length <= 2) { el.value = ds; if (ds.length === 2 && k < 2) boxes[k + 1].focus(); return; }
    // a whole sort code typed or pasted into one box: share it out over the boxes
    let rest = ds;
    for (let j = k; j < 3; j++) { boxes[j].value = rest.slice(0, 2); rest = rest.slice(2); }
    boxes[Math.min(2, k + Math.ceil(ds.length / 2) - 1)].focus();
  });
  el.addEventListener('keydown', e => {
    if (e.key === 'Backspace' && !el.value && k > 0) { e.preventDefault(); boxes[k - 1].focus(); }
  });
});
document.querySelectorAll('[data-digits-only]').forEach(el => el.addEventListener('input', () => {
  const ds = el.value.replace(/\D/g, ''); if (ds !== el.value) el.value = ds;
}));
"""


@dataclass(frozen=True)
class _DdLayout:
    names: dict[str, str]
    ids: dict[str, str]
    words: dict[str, str]
    biller: str
    customer_ref: str
    day_style: str
    hidden_labels: bool
    holder_first: bool
    email_first: bool


def _dd_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    return {
        "account_holder": f"{first} {last}",
        "sort_code": f"{pick(rng, list(_BANKS))}-{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}",
        "account_number": f"{rng.randint(0, 99_999_999):08d}",
        "payment_day": str(rng.randint(1, 28)),
        "email": email_for(rng, first, last),
    }


def _dd_layout(visit: Visit) -> _DdLayout:
    rng = visit.rng
    keys = ("holder", "sc1", "sc2", "sc3", "account", "day", "email", "declare")
    prefix = pick(rng, ("dd", "mandate", "bank"))
    names = {
        key: f"{prefix}-{n:05x}" for key, n in zip(keys, rng.sample(range(0x10000, 0xFFFFF), len(keys)), strict=True)
    }
    words = {
        "heading": pick(rng, ("Set up a Direct Debit", "Pay by Direct Debit", "Set up your Direct Debit")),
        "holder": pick(rng, ("Name of account holder", "Account holder name", "Name on the account")),
        "account": pick(rng, ("Account number", "Bank account number")),
        "day": pick(
            rng, ("Which day of the month should we take your payment?", "Payment date", "Preferred payment day")
        ),
        "email": pick(rng, ("Email address", "Email address for your Direct Debit confirmation")),
        "declare": pick(
            rng,
            (
                "I am the account holder and the only person required to authorise Direct Debits from this account",
                "I confirm I am the account holder and I can authorise Direct Debits from this account on my own",
            ),
        ),
        "continue": pick(rng, ("Continue", "Continue to check your details", "Next")),
        "confirm": pick(rng, ("Confirm Direct Debit", "Set up Direct Debit", "Confirm and set up")),
    }
    return _DdLayout(
        names=names,
        ids={key: f"f-{rng.getrandbits(24):06x}" for key in keys},
        words=words,
        biller=pick(rng, _BILLERS),
        customer_ref=f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}",
        day_style=pick(rng, ("ordinal", "plain", "long")),
        hidden_labels=rng.random() < 0.5,
        holder_first=rng.random() < 0.6,
        email_first=rng.random() < 0.3,
    )


def _dd_day_text(lay: _DdLayout, day: int) -> str:
    if lay.day_style == "plain":
        return str(day)
    return _ordinal(day) + (" of each month" if lay.day_style == "long" else "")


def _gov_header(lay: _DdLayout) -> str:
    return (
        '<header class="govuk-header" role="banner"><div class="govuk-header__container">'
        f'<span class="govuk-header__logotype-text">{esc(lay.biller)}</span>'
        '<span class="govuk-header__service-name">Pay by Direct Debit</span></div></header>'
    )


def _dd_form(visit: Visit, sub: Submission = _BLANK, errors: dict[str, str] | None = None) -> str:
    lay = _dd_layout(visit)
    n, ids, w = lay.names, lay.ids, lay.words
    errors = errors or {}

    def group(key: str, inner: str) -> str:
        bad = " govuk-form-group--error" if key in errors else ""
        return f'<div class="govuk-form-group{bad}">{inner}</div>'

    def err(key: str) -> str:
        if key not in errors:
            return ""
        return (
            f'<p class="govuk-error-message" id="{ids[key]}-error"><span class="govuk-visually-hidden">Error:</span>'
            f" {esc(errors[key])}</p>"
        )

    def text(key: str, label: str, hint: str, attrs: str, width: str) -> str:
        bad = " govuk-input--error" if key in errors else ""
        return group(
            key,
            f'<label class="govuk-label" for="{ids[key]}">{esc(label)}</label>'
            f'<div class="govuk-hint" id="{ids[key]}-hint">{esc(hint)}</div>{err(key)}'
            f'<input class="govuk-input govuk-input--width-{width}{bad}" id="{ids[key]}" name="{n[key]}"'
            f' value="{esc(sub.one(n[key]))}" aria-describedby="{ids[key]}-hint" {attrs} {_f(key)}>',
        )

    holder = text(
        "holder",
        w["holder"],
        "Enter the name exactly as it appears on the bank account",
        'type="text" autocomplete="name" spellcheck="false"',
        "20",
    )
    parts = []
    for k, key in enumerate(("sc1", "sc2", "sc3")):
        word = ("First two digits", "Middle two digits", "Last two digits")[k]
        label = f'<label class="govuk-visually-hidden" for="{ids[key]}">{word}</label>' if lay.hidden_labels else ""
        aria = "" if lay.hidden_labels else f' aria-label="Sort code, {word.lower()}"'
        bad = " govuk-input--error" if "sort" in errors else ""
        parts.append(
            f'{label}<input class="govuk-input govuk-input--width-2{bad}" id="{ids[key]}" name="{n[key]}"'
            f' type="text" inputmode="numeric" autocomplete="off" value="{esc(sub.one(n[key]))}"{aria} {_f(key)}>'
        )
    sort_error = (
        f'<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {esc(errors["sort"])}</p>'
        if "sort" in errors
        else ""
    )
    sort = group(
        "sort",
        f'<fieldset class="govuk-fieldset" role="group" aria-describedby="{ids["sc1"]}-hint">'
        '<legend class="govuk-fieldset__legend">Sort code</legend>'
        f'<div class="govuk-hint" id="{ids["sc1"]}-hint">Must be 6 digits long, for example 30 94 77</div>{sort_error}'
        '<div class="app-sort-code" data-sort-code>'
        + '<span aria-hidden="true">–</span>'.join(parts)
        + "</div></fieldset>",
    )
    account = text(
        "account",
        w["account"],
        "Must be between 6 and 8 digits long",
        'type="text" inputmode="numeric" maxlength="8" autocomplete="off" spellcheck="false" data-digits-only',
        "10",
    )
    days = [(str(d), _dd_day_text(lay, d)) for d in range(1, 29)]
    day = group(
        "day",
        f'<label class="govuk-label" for="{ids["day"]}">{esc(w["day"])}</label>'
        f'<div class="govuk-hint">We\'ll collect your payment on this day each month, or the next working day.</div>'
        f'{err("day")}<select class="govuk-select" id="{ids["day"]}" name="{n["day"]}" {_f("day")}>'
        f"{_options(days, sub.one(n['day']), 'Select a day')}</select>",
    )
    email = text(
        "email",
        w["email"],
        "We'll send your Direct Debit confirmation and advance notice of payments here",
        'type="email" autocomplete="email" spellcheck="false"',
        "20",
    )
    declare = group(
        "declare",
        f'{err("declare")}<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" type="checkbox"'
        f' id="{ids["declare"]}" name="{n["declare"]}" value="yes"{" checked" if sub.one(n["declare"]) else ""}'
        f' {_f("declare")}><label class="govuk-label govuk-checkboxes__label" for="{ids["declare"]}"'
        f' style="font-weight:400">{esc(w["declare"])}</label></div>',
    )
    bank = holder + sort + account if lay.holder_first else sort + account + holder
    fields = email + bank + day if lay.email_first else bank + day + email
    summary = ""
    if errors:
        targets = {"sort": ids["sc1"]}
        items = "".join(f'<li><a href="#{targets.get(k, ids.get(k, ""))}">{esc(m)}</a></li>' for k, m in errors.items())
        summary = (
            '<div class="govuk-error-summary" role="alert" tabindex="-1"><h2>There is a problem</h2>'
            f"<ul>{items}</ul></div>"
        )
    body = (
        f'{_gov_header(lay)}<div class="govuk-width-container"><a href="#" class="govuk-back-link">Back</a>'
        f'<main class="govuk-main-wrapper" id="main-content">{summary}'
        f'<h1 class="govuk-heading-l">{esc(w["heading"])}</h1>'
        f'<p class="govuk-body">Customer reference: <strong>{lay.customer_ref}</strong></p>'
        '<p class="govuk-body">You can only set up a Direct Debit from a UK bank or building society account that is'
        " in your name.</p>"
        f'<form method="post" action="{visit.url("submit/details")}" novalidate>{fields}{declare}'
        f'<button type="submit" class="govuk-button" data-module="govuk-button" {_f("continue")}>'
        f"{esc(w['continue'])}</button></form>"
        '<details class="govuk-details"><summary>The Direct Debit Guarantee</summary><p>If an error is made in the'
        " payment of your Direct Debit you are entitled to a full and immediate refund from your bank.</p></details>"
        "</main></div>"
    )
    return page(w["heading"], body, head=_GOV_CSS, script=_SORT_JS)


def _dd_sort(lay: _DdLayout, sub: Submission) -> str:
    return "".join(sub.one(lay.names[key]).strip() for key in ("sc1", "sc2", "sc3"))


def _dd_errors(lay: _DdLayout, sub: Submission) -> dict[str, str]:
    n = lay.names
    errors: dict[str, str] = {}
    if not _words(sub.one(n["holder"])):
        errors["holder"] = "Enter the name of the account holder"
    sort = _dd_sort(lay, sub)
    if not re.fullmatch(r"\d{6}", sort):
        errors["sort"] = "Enter a valid sort code like 30 94 77"
    elif sort[:2] not in _BANKS:
        errors["sort"] = "We could not find a bank with this sort code. Check it and try again"
    account = sub.one(n["account"]).strip()
    if not re.fullmatch(r"\d{6,8}", account):
        errors["account"] = "Enter a valid account number like 00733445"
    if sub.one(n["day"]) not in {str(d) for d in range(1, 29)}:
        errors["day"] = "Select the day of the month you want to pay"
    if not _EMAIL.match(sub.one(n["email"]).strip()):
        errors["email"] = "Enter an email address in the correct format, like name@example.com"
    if not sub.one(n["declare"]):
        errors["declare"] = "Confirm that you are the account holder and can authorise Direct Debits on your own"
    return errors


def _dd_draft(sub: Submission) -> str:
    """The id of a checked set of details, carried by the confirm form (the judge recomputes it from the record)."""
    return hashlib.sha1(json.dumps(sorted(sub.fields.items())).encode()).hexdigest()[:16]


def _dd_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    last = visit.state.get("dd_details")
    if visit.query.get("change") and last:
        return _dd_form(visit, Submission("details", last))
    return _dd_form(visit)


def _dd_check_page(visit: Visit, sub: Submission) -> str:
    lay = _dd_layout(visit)
    n = lay.names
    sort = _dd_sort(lay, sub)
    change = visit.url() + "?change=1"
    rows = (
        ("Account holder", _words(sub.one(n["holder"]))),
        ("Bank", _BANKS[sort[:2]]),
        ("Sort code", f"{sort[:2]}-{sort[2:4]}-{sort[4:]}"),
        ("Account number", sub.one(n["account"]).strip()),
        ("Payment date", f"{_ordinal(int(sub.one(n['day'])))} of each month"),
        ("Email address", sub.one(n["email"]).strip()),
    )
    items = "".join(
        f'<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{esc(k)}</dt>'
        f'<dd class="govuk-summary-list__value">{esc(v)}</dd><dd class="govuk-summary-list__actions">'
        f'<a href="{change}">Change<span class="govuk-visually-hidden"> {esc(k.lower())}</span></a></dd></div>'
        for k, v in rows
    )
    body = (
        f'{_gov_header(lay)}<div class="govuk-width-container"><a href="{change}" class="govuk-back-link">Back</a>'
        '<main class="govuk-main-wrapper"><h1 class="govuk-heading-l">Check your Direct Debit details</h1>'
        f'<dl class="govuk-summary-list">{items}</dl>'
        '<div class="govuk-inset-text">Your Direct Debit is not set up yet. Check the details above, then confirm.'
        " By confirming, you instruct your bank to pay "
        f"{esc(lay.biller)} by Direct Debit, subject to the safeguards of the Direct Debit Guarantee.</div>"
        f'<form method="post" action="{visit.url("submit/confirm")}" novalidate>'
        f'<input type="hidden" name="draft" value="{_dd_draft(sub)}">'
        f'<button type="submit" class="govuk-button" {_f("confirm")}>{esc(lay.words["confirm"])}</button></form>'
        "</main></div>"
    )
    return page("Check your Direct Debit details", body, head=_GOV_CSS)


def _dd_respond(visit: Visit, sub: Submission) -> Response:
    lay = _dd_layout(visit)
    if sub.step == "details":
        errors = _dd_errors(lay, sub)
        if errors:
            return Response(_dd_form(visit, sub, errors))
        visit.state["dd_details"] = sub.fields
        visit.state.setdefault("dd_drafts", {})[_dd_draft(sub)] = sub.fields
        return Response(_dd_check_page(visit, sub))
    if sub.step == "confirm":
        fields = visit.state.get("dd_drafts", {}).get(sub.one("draft"))
        if fields is None:
            body = (
                f'{_gov_header(lay)}<div class="govuk-width-container"><main class="govuk-main-wrapper">'
                '<h1 class="govuk-heading-l">Sorry, your session has timed out</h1>'
                f'<p class="govuk-body">We have not set up your Direct Debit. <a href="{visit.url()}">Start again</a>'
                "</p></main></div>"
            )
            return Response(page("Session timed out", body, head=_GOV_CSS))
        details = Submission("details", fields)
        email = details.one(lay.names["email"]).strip()
        day = _ordinal(int(details.one(lay.names["day"])))
        body = (
            f'{_gov_header(lay)}<div class="govuk-width-container"><main class="govuk-main-wrapper">'
            '<div class="govuk-panel"><h1>Direct Debit set up</h1>'
            f"<div>Your reference<br><strong>{_reference(visit, 'DDI-')}</strong></div></div>"
            f'<h2>What happens next</h2><p class="govuk-body">We have sent a confirmation to {esc(email)}.</p>'
            f'<p class="govuk-body">We will collect your payments on the {day} of each month. We will tell you at least'
            " 10 working days before the first payment is taken.</p></main></div>"
        )
        return Response(page("Direct Debit set up", body, head=_GOV_CSS))
    return Response.json({"error": "not found"}, status=404)


def _dd_judge(visit: Visit, record: Record) -> Verdict:
    lay, p = _dd_layout(visit), visit.params
    confirms = record.steps("confirm")
    if not confirms:
        if record.steps("details"):
            return Verdict.no(
                "the details were only sent to the 'check your details' page; the Direct Debit was never confirmed"
            )
        return Verdict.no("nothing was submitted")
    drafts = {_dd_draft(s): s for s in record.steps("details") if not _dd_errors(lay, s)}
    confirmed = [c.one("draft") for c in confirms if c.one("draft") in drafts]
    if not confirmed:
        return Verdict.no("the confirmation matched no details the form had accepted")
    if len(set(confirmed)) > 1:
        return Verdict.no(f"{len(set(confirmed))} different Direct Debits were set up instead of one")
    sub = drafts[confirmed[-1]]
    n = lay.names
    if _words(sub.one(n["holder"])).casefold() != _words(p["account_holder"]).casefold():
        return Verdict.no(f"account holder: expected {p['account_holder']!r}, got {sub.one(n['holder'])!r}")
    if _dd_sort(lay, sub) != _digits(p["sort_code"]):
        return Verdict.no(f"sort code: expected {p['sort_code']}, got {_dd_sort(lay, sub)!r}")
    if sub.one(n["account"]).strip() != p["account_number"]:
        return Verdict.no(f"account number: expected {p['account_number']}, got {sub.one(n['account'])!r}")
    if sub.one(n["day"]) != p["payment_day"]:
        return Verdict.no(f"payment day: expected {p['payment_day']}, got {sub.one(n['day'])!r}")
    if sub.one(n["email"]).strip().casefold() != p["email"].casefold():
        return Verdict.no(f"email: expected {p['email']!r}, got {sub.one(n['email'])!r}")
    return Verdict.yes("the Direct Debit was confirmed with the requested bank details and payment day")


async def _dd_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(_sel("holder"), params["account_holder"])
    for key, part in zip(("sc1", "sc2", "sc3"), params["sort_code"].split("-"), strict=True):
        await pw.fill(_sel(key), part)
    await pw.fill(_sel("account"), params["account_number"])
    await pw.select_option(_sel("day"), value=params["payment_day"])
    await pw.fill(_sel("email"), params["email"])
    await pw.check(_sel("declare"))
    await submit_and_wait(pw, _sel("continue"))
    await submit_and_wait(pw, _sel("confirm"))


# --- 3. mobile plan change: consent wall, plan cards as web components, add-on switches, PIN in a confirm dialog -----

_PLANS = (
    ("Essentials 8GB", "8GB", 1000, ("Unlimited UK minutes and texts", "5G ready")),
    ("Smart 30GB", "30GB", 1400, ("Unlimited UK minutes and texts", "5G ready", "Europe roaming £2.50 a day")),
    ("Plus 100GB", "100GB", 1800, ("Unlimited UK minutes and texts", "5G ready", "Unused data rolls over")),
    ("Unlimited", "Unlimited", 2300, ("Unlimited UK minutes and texts", "5G ready", "Tethering up to 100GB")),
    ("Unlimited Max", "Unlimited", 3000, ("Everything in Unlimited", "Roaming in 50 destinations", "Priority 5G")),
)
_ADDONS = (
    ("Europe Roaming", "Use your allowance in the EU with no daily charge", 250),
    ("Roam Further", "Use your allowance in 50 destinations beyond Europe", 600),
    ("Extra 20GB", "20GB on top of your plan's data every month", 500),
    ("International Calls 300", "300 minutes to landlines in 60 countries", 400),
    ("Phone Insurance", "Cover for loss, theft and accidental damage", 800),
    ("Video Pass", "Stream video without using your data", 300),
)
_PLAN_NAMES = tuple(name for name, _, _, _ in _PLANS)
_ADDON_NAMES = tuple(name for name, _, _ in _ADDONS)
_LINE_NAMES = ("Tablet", "Work phone", "Kids' phone", "Smartwatch")

_TAILWIND = r"""<style>
body{max-width:none;margin:0;font-family:ui-sans-serif,system-ui,sans-serif;color:#0f172a;background:#f8fafc}
[hidden]{display:none!important}.fixed{position:fixed}.sticky{position:sticky}.inset-0{inset:0}.bottom-0{bottom:0}.z-40{z-index:40}
.z-50{z-index:50}.flex{display:flex}.grid{display:grid}.block{display:block}.items-center{align-items:center}
.justify-between{justify-content:space-between}.justify-center{justify-content:center}.justify-end{justify-content:flex-end}
.gap-2{gap:.5rem}.gap-3{gap:.75rem}.gap-4{gap:1rem}.grid-cols-3{grid-template-columns:repeat(3,minmax(0,1fr))}
.mx-auto{margin-left:auto;margin-right:auto}.max-w-5xl{max-width:64rem}.max-w-lg{max-width:32rem}.w-full{width:100%}
.mt-1{margin-top:.25rem}.mt-2{margin-top:.5rem}.mt-4{margin-top:1rem}.mt-8{margin-top:2rem}.mb-2{margin-bottom:.5rem}
.m-0{margin:0}.p-4{padding:1rem}.p-6{padding:1.5rem}.px-4{padding-left:1rem;padding-right:1rem}.py-2{padding-top:.5rem;
padding-bottom:.5rem}.py-3{padding-top:.75rem;padding-bottom:.75rem}.py-6{padding-top:1.5rem;padding-bottom:1.5rem}
.rounded-lg{border-radius:.5rem}.rounded-xl{border-radius:.75rem}.rounded-2xl{border-radius:1rem}
.rounded-full{border-radius:9999px}.border{border:1px solid #e2e8f0}.border-b{border-bottom:1px solid #e2e8f0}
.border-t{border-top:1px solid #e2e8f0}.bg-white{background:#fff}.bg-slate-50{background:#f8fafc}
.bg-slate-100{background:#f1f5f9}.bg-black\/60{background:rgba(0,0,0,.6)}.bg-black\/50{background:rgba(0,0,0,.5)}
.shadow-sm{box-shadow:0 1px 2px rgba(0,0,0,.06)}.shadow-xl{box-shadow:0 20px 25px -5px rgba(0,0,0,.2)}
.text-sm{font-size:.875rem}.text-xl{font-size:1.25rem}.text-2xl{font-size:1.5rem}.font-medium{font-weight:500}
.font-semibold{font-weight:600}.font-bold{font-weight:700}.text-white{color:#fff}.text-slate-500{color:#64748b}
.text-slate-600{color:#475569}.text-red-600{color:#dc2626}.list-none{list-style:none}.pl-0{padding-left:0}
.divide-y>*+*{border-top:1px solid #e2e8f0}.underline{text-decoration:underline}.tracking-widest{letter-spacing:.3em}
.bg-fuchsia-700{background:#a21caf}.text-fuchsia-700{color:#a21caf}.bg-sky-700{background:#0369a1}
.text-sky-700{color:#0369a1}.bg-emerald-700{background:#047857}.text-emerald-700{color:#047857}
.bg-indigo-700{background:#4338ca}.text-indigo-700{color:#4338ca}.bg-green-50{background:#f0fdf4}
.border-green-600{border:2px solid #16a34a}button{border:0;cursor:pointer}
button:disabled{opacity:.45;cursor:not-allowed}
.switch{position:relative;width:2.75rem;height:1.5rem;border-radius:9999px;background:#cbd5e1;padding:0;margin:0}
.switch[aria-checked=true]{background:#16a34a}.switch .knob{position:absolute;top:.2rem;left:.2rem;width:1.1rem;
height:1.1rem;border-radius:50%;background:#fff;transition:left .15s}.switch[aria-checked=true] .knob{left:1.45rem}
</style>"""

_CARD_CSS = (
    "article{border:1px solid #e2e8f0;border-radius:.75rem;background:#fff;padding:1rem;height:100%;"
    "box-sizing:border-box;display:flex;flex-direction:column;gap:.3rem;font-family:ui-sans-serif,system-ui,sans-serif}"
    "article.selected{border:2px solid #16a34a;background:#f0fdf4}article.current{background:#f1f5f9}"
    "h3{margin:.2rem 0;font-size:1.1rem}.data{font-size:1.6rem;font-weight:700;margin:0}.price{margin:0}"
    "ul{padding-left:1.1rem;color:#475569;font-size:.85rem;flex:1}.badge{align-self:flex-start;background:#0f172a;"
    "color:#fff;border-radius:9999px;font-size:.7rem;padding:.1rem .5rem}button{border:0;border-radius:9999px;"
    "padding:.5rem 1rem;font-weight:600;background:#0f172a;color:#fff;cursor:pointer}"
    "button[aria-pressed=true]{background:#16a34a}button:disabled{background:#cbd5e1;color:#475569;cursor:default}"
)

_PLAN_JS = r"""
const I = CFG.i, W = CFG.w, $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, ch => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[ch]));
const money = pence => '£' + (pence / 100).toFixed(2);
const S = {line: null, plan: null, addons: new Set()};
class PlanCard extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot || this.attachShadow({mode: 'open'});
    const current = this.hasAttribute('current'), selected = this.hasAttribute('selected');
    const features = JSON.parse(this.getAttribute('features') || '[]').map(f => `<li>${esc(f)}</li>`).join('');
    const name = this.getAttribute('name');
    const label = current ? 'Your current plan' : selected ? 'Selected ✓' : W.select;
    root.innerHTML = `<style>${CFG.cardCss}</style>
      <article class="${current ? 'current' : ''} ${selected ? 'selected' : ''}">
      ${current ? '<span class="badge">Current plan</span>' : ''}<h3>${esc(name)}</h3>
      <p class="data">${esc(this.getAttribute('allowance'))}</p>
      <p class="price"><b>${esc(this.getAttribute('price'))}</b> a month</p><ul>${features}</ul>
      <button type="button" data-f="${this.getAttribute('marker')}" aria-pressed="${selected}"
        aria-label="${esc(label + ': ' + name)}" ${current ? 'disabled' : ''}>${esc(label)}</button></article>`;
    root.querySelector('button').addEventListener('click', () => this.dispatchEvent(
      new CustomEvent('plan-select', {bubbles: true, composed: true, detail: this.getAttribute('plan')})));
  }
}
customElements.define(CFG.tag, PlanCard);
const line = () => CFG.lines.find(l => l.id === S.line);
function drawPlans() {
  const l = line();
  $(I.plans).innerHTML = CFG.plans.map(p => `<${CFG.tag} plan="${p.code}" name="${esc(p.name)}"
    allowance="${esc(p.allowance)}" price="${money(p.price)}" features="${esc(JSON.stringify(p.features))}"
    marker="${p.marker}" ${p.code === l.plan ? 'current' : ''} ${p.code === S.plan ? 'selected' : ''}></${CFG.tag}>`)
    .join('');
}
function monthly() {
  const plan = CFG.plans.find(p => p.code === (S.plan || line().plan));
  return plan.price + CFG.addons.filter(a => S.addons.has(a.code)).reduce((sum, a) => sum + a.price, 0);
}
function changed() {
  const l = line();
  return S.plan !== null || S.addons.size !== l.addons.length || l.addons.some(a => !S.addons.has(a));
}
function refresh() {
  document.querySelectorAll('[data-addon]').forEach(b =>
    b.setAttribute('aria-checked', String(S.addons.has(b.dataset.addon))));
  $(I.total).textContent = money(monthly());
  $(I.review).disabled = !changed();
}
function pickLine(id) {
  S.line = id; S.plan = null; S.addons = new Set(line().addons);
  const l = line(), plan = CFG.plans.find(p => p.code === l.plan);
  $(I.current).innerHTML = `<span class="text-sm text-slate-500">Current plan for ${esc(l.number)}</span>
    <p class="m-0 font-semibold">${esc(plan.name)} · ${money(plan.price)} a month</p>`;
  drawPlans(); refresh();
}
$(I.plans).addEventListener('plan-select', e => { S.plan = e.detail; drawPlans(); refresh(); });
document.querySelectorAll('[data-addon]').forEach(b => b.addEventListener('click', () => {
  const code = b.dataset.addon;
  if (S.addons.has(code)) S.addons.delete(code); else S.addons.add(code);
  refresh();
}));
$(I.line).addEventListener('change', () => pickLine($(I.line).value));
function openDialog() {
  const l = line(), plan = CFG.plans.find(p => p.code === (S.plan || l.plan));
  const rows = [['Number', l.number], ['Plan', plan.name + (S.plan ? '' : ' (no change)')]];
  CFG.addons.forEach(a => {
    const before = l.addons.includes(a.code), after = S.addons.has(a.code);
    if (after) rows.push(['Add-on', a.name + (before ? '' : ' (new)')]);
    else if (before) rows.push(['Removing', a.name]);
  });
  rows.push(['New monthly price', money(monthly())]);
  $(I.summary).innerHTML = rows.map(([k, v]) =>
    `<div class="flex justify-between py-2 border-b"><dt class="text-slate-500">${esc(k)}</dt>` +
    `<dd class="m-0 font-medium">${esc(v)}</dd></div>`).join('');
  $(I.pin).value = ''; $(I.pinerr).textContent = '';
  $(I.dialog).hidden = false; $(I.pin).focus();
}
function closeDialog() { $(I.dialog).hidden = true; }
$(I.review).addEventListener('click', openDialog);
$(I.cancel).addEventListener('click', closeDialog);
document.addEventListener('keydown', e => { if (e.key === 'Escape' && !$(I.dialog).hidden) closeDialog(); });
$(I.confirm).addEventListener('click', async () => {
  $(I.pinerr).textContent = '';
  const btn = $(I.confirm);
  btn.disabled = true; btn.textContent = 'Confirming…';
  let answer;
  const data = {line: S.line, plan: S.plan || line().plan, addons: [...S.addons], pin: $(I.pin).value};
  try {
    answer = await send('change', data);
  } finally { btn.disabled = false; btn.textContent = W.confirm; }
  if (answer.status === 200) {
    closeDialog();
    $(I.page).hidden = true;
    $(I.done).innerHTML = `<h2 class="m-0">Your plan change is confirmed</h2><p>${esc(answer.body.summary)}</p>` +
      `<p>Reference <b>${esc(answer.body.reference)}</b>. We've sent a text to ${esc(line().number)}.</p>`;
    $(I.done).hidden = false;
  } else {
    const errors = (answer.body && answer.body.errors) || {};
    $(I.pinerr).textContent = errors.pin || errors._ || 'Sorry, something went wrong. Please try again.';
  }
});
const consent = $(I.consent);
if (!document.cookie.split('; ').some(c => c.startsWith('cookie_consent='))) {
  setTimeout(() => { consent.hidden = false; consent.querySelector('button').focus(); }, CFG.consentDelay);
}
consent.querySelectorAll('[data-consent]').forEach(b => b.addEventListener('click', () => {
  document.cookie = `cookie_consent=${b.dataset.consent}; path=${BASE}/`;
  consent.hidden = true;
}));
pickLine($(I.line).value);
"""


@dataclass(frozen=True)
class _Line:
    id: str
    number: str
    name: str
    plan: str
    addons: tuple[str, ...]


def _plan_params(rng: random.Random) -> dict[str, str]:
    return {
        "mobile_number": f"07700 900 {rng.randint(0, 999):03d}",
        "plan": pick(rng, _PLAN_NAMES),
        "addons": ", ".join(sorted(pick(rng, _ADDON_NAMES, rng.choice((1, 2))))),
        "pin": f"{rng.randint(1000, 9999)}",
    }


def _wanted_addons(params: dict[str, str]) -> set[str]:
    return {a.strip() for a in params["addons"].split(",") if a.strip()}


def _lines(visit: Visit) -> list[_Line]:
    """The account's lines: the user's own (on another plan, with one add-on of its own) and one or two others."""
    p = visit.params
    r = _data_rng(visit, "lines", "mobile_number", "plan", "addons")
    wanted = _wanted_addons(p)
    lines = [
        _Line(
            id=_uid(r, "ln_"),
            number=p["mobile_number"],
            name=pick(r, ("My phone", "Personal", "Main line")),
            plan=pick(r, [x for x in _PLAN_NAMES if x != p["plan"]]),
            addons=(pick(r, [a for a in _ADDON_NAMES if a not in wanted]),),
        )
    ]
    taken = {p["mobile_number"]}
    for name in pick(r, _LINE_NAMES, r.choice((1, 2))):
        number = p["mobile_number"]
        while number in taken:
            number = f"07700 900 {r.randint(0, 999):03d}"
        taken.add(number)
        addons = tuple(pick(r, _ADDON_NAMES, r.choice((0, 1, 2))))
        lines.append(_Line(id=_uid(r, "ln_"), number=number, name=name, plan=pick(r, _PLAN_NAMES), addons=addons))
    r.shuffle(lines)
    return lines


def _plan_codes(visit: Visit) -> tuple[dict[str, str], dict[str, str]]:
    """Plan and add-on codes (code → name), per seed."""
    r = random.Random(f"{visit.task.name}:codes:{visit.seed}")
    return (
        {f"PLN{r.getrandbits(20):05X}": name for name in _PLAN_NAMES},
        {f"ADD{r.getrandbits(20):05X}": name for name in _ADDON_NAMES},
    )


def _plan_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    rng = visit.rng
    plans, addons = _plan_codes(visit)
    plan_code = {v: k for k, v in plans.items()}
    addon_code = {v: k for k, v in addons.items()}
    keys = ("consent", "page", "line", "current", "plans", "addons", "total", "review", "dialog", "dtitle", "summary")
    i = {k: _uid(rng, "x") for k in keys + ("pin", "pinerr", "cancel", "confirm", "done", "ctitle")}
    accent = pick(rng, ("fuchsia", "sky", "emerald", "indigo"))
    brand = pick(rng, ("Kestrel Mobile", "Fenwick Telecom", "Orbit Mobile", "Tidewave"))
    w = {
        "heading": pick(rng, ("Change your plan", "Upgrade or change your plan", "Plans and add-ons")),
        "line": pick(rng, ("Which number do you want to change?", "Choose a number", "Mobile number")),
        "plans": pick(rng, ("Choose a new plan", "Available plans", "Pick a plan")),
        "select": pick(rng, ("Select", "Choose this plan", "Switch to this plan")),
        "addons": pick(rng, ("Add-ons", "Extras", "Boost your plan")),
        "review": pick(rng, ("Review changes", "Continue", "Review and confirm")),
        "confirm": pick(rng, ("Confirm changes", "Confirm", "Yes, change my plan")),
        "pin": pick(rng, ("Account PIN", "Security PIN", "Your 4-digit PIN")),
    }
    lines = _lines(visit)
    line_options = "".join(f'<option value="{x.id}">{esc(x.number)} · {esc(x.name)}</option>' for x in lines)
    plan_rows = [
        {
            "code": plan_code[name],
            "name": name,
            "allowance": allowance,
            "price": price,
            "features": list(features),
            "marker": code("plan:" + name),
        }
        for name, allowance, price, features in _PLANS
    ]
    if rng.random() < 0.5:
        plan_rows.reverse()
    addon_rows = list(_ADDONS)
    rng.shuffle(addon_rows)
    switches = "".join(
        f'<li class="flex items-center justify-between py-3"><div><p class="m-0 font-semibold" id="{i["addons"]}-{n}">'
        f'{esc(name)}</p><p class="m-0 text-sm text-slate-500">{esc(desc)}</p></div>'
        f'<div class="flex items-center gap-3"><span class="text-sm">£{price / 100:.2f}/mo</span>'
        f'<button type="button" class="switch" role="switch" aria-checked="false" aria-labelledby="{i["addons"]}-{n}"'
        f' data-addon="{addon_code[name]}" {_f("addon:" + name)}><span class="knob"></span></button></div></li>'
        for n, (name, desc, price) in enumerate(addon_rows)
    )
    primary = f"bg-{accent}-700 text-white rounded-full px-4 py-2 font-semibold"
    body = (
        f'<header class="border-b bg-white"><div class="mx-auto max-w-5xl flex items-center justify-between px-4 py-3">'
        f'<span class="text-xl font-bold text-{accent}-700">{esc(brand)}</span>'
        '<nav class="flex gap-4 text-sm"><a href="#">Bills</a><a href="#">Usage</a><a href="#">Plans</a>'
        '<a href="#">Help</a></nav></div></header>'
        f'<main class="mx-auto max-w-5xl px-4 py-6"><div id="{i["page"]}">'
        '<p class="text-sm text-slate-500 m-0">My account / Plans and add-ons</p>'
        f'<h1 class="text-2xl font-semibold">{esc(w["heading"])}</h1>'
        f'<label for="{i["line"]}" class="block text-sm font-medium mb-2">{esc(w["line"])}</label>'
        f'<select id="{i["line"]}" class="rounded-lg border px-4 py-2" {_f("line")}>{line_options}</select>'
        f'<div id="{i["current"]}" class="mt-4 rounded-xl bg-slate-100 p-4"></div>'
        f'<h2 class="mt-8 text-xl font-semibold">{esc(w["plans"])}</h2>'
        f'<div id="{i["plans"]}" class="grid grid-cols-3 gap-4"></div>'
        f'<h2 class="mt-8 text-xl font-semibold">{esc(w["addons"])}</h2>'
        f'<ul class="list-none pl-0 divide-y rounded-xl border bg-white px-4">{switches}</ul>'
        '<div class="sticky bottom-0 mt-4 flex items-center justify-between border-t bg-white px-4 py-3 shadow-sm">'
        f'<span>New monthly total <b id="{i["total"]}"></b></span>'
        f'<button type="button" id="{i["review"]}" class="{primary}" disabled {_f("review")}>{esc(w["review"])}'
        "</button></div></div>"
        f'<div id="{i["done"]}" class="rounded-xl border-green-600 bg-green-50 p-6" role="status" hidden'
        f" {_f('done')}></div></main>"
        f'<div id="{i["dialog"]}" class="fixed inset-0 z-40 flex items-center justify-center bg-black/50" hidden>'
        f'<div role="dialog" aria-modal="true" aria-labelledby="{i["dtitle"]}"'
        ' class="w-full max-w-lg rounded-2xl bg-white p-6 shadow-xl">'
        f'<h2 id="{i["dtitle"]}" class="m-0 text-xl font-semibold">Confirm your changes</h2>'
        f'<dl id="{i["summary"]}" class="mt-4"></dl>'
        '<p class="text-sm text-slate-600">Your new plan starts today. Your next bill will include a part-month charge'
        " for each plan.</p>"
        f'<label for="{i["pin"]}" class="block font-medium mt-4">{esc(w["pin"])}</label>'
        '<p class="m-0 text-sm text-slate-500">The 4-digit security PIN you chose when you joined.</p>'
        f'<input id="{i["pin"]}" type="password" inputmode="numeric" maxlength="4" autocomplete="off"'
        f' class="mt-2 rounded-lg border px-4 py-2 tracking-widest" {_f("pin")}>'
        f'<p id="{i["pinerr"]}" class="text-sm text-red-600" role="alert"></p>'
        f'<div class="flex justify-end gap-2"><button type="button" id="{i["cancel"]}" class="rounded-full border'
        f' bg-white px-4 py-2">Cancel</button><button type="button" id="{i["confirm"]}" class="{primary}"'
        f" {_f('confirm')}>{esc(w['confirm'])}</button></div></div></div>"
        f'<div id="{i["consent"]}" class="fixed inset-0 z-50 flex items-center justify-center bg-black/60" hidden>'
        f'<div role="dialog" aria-modal="true" aria-labelledby="{i["ctitle"]}"'
        ' class="w-full max-w-lg rounded-2xl bg-white p-6 shadow-xl">'
        f'<h2 id="{i["ctitle"]}" class="m-0 text-xl font-semibold">We use cookies</h2>'
        '<p class="text-sm text-slate-600">We use essential cookies to make our site work. With your consent we\'d'
        " also like to use cookies to understand how you use it and to show you relevant offers.</p>"
        f'<div class="mt-4 flex gap-2"><button type="button" data-consent="all" class="{primary}" {_f("consent")}>'
        'Accept all cookies</button><button type="button" data-consent="essential" class="rounded-full border'
        ' bg-white px-4 py-2">Essential cookies only</button></div>'
        '<p class="text-sm"><a href="#" class="underline">Manage cookie settings</a></p></div></div>'
    )
    cfg = {
        "i": i,
        "w": w,
        "tag": pick(rng, ("plan-card", "tm-plan-card", "x-plan-tile")),
        "cardCss": _CARD_CSS,
        "plans": plan_rows,
        "addons": [{"code": addon_code[name], "name": name, "price": price} for name, _, price in _ADDONS],
        "lines": [
            {"id": x.id, "number": x.number, "plan": plan_code[x.plan], "addons": [addon_code[a] for a in x.addons]}
            for x in lines
        ],
        "consentDelay": rng.randint(250, 900),
    }
    script = beacon_script(visit) + f"const CFG = {js(cfg)};\n" + _PLAN_JS
    return page(f"{w['heading']} · {brand}", body, head=_TAILWIND, script=script)


def _plan_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    line = {x.id: x for x in _lines(visit)}.get(sub.one("line"))
    plans, addons = _plan_codes(visit)
    if line is None:
        return {"_": "Choose the number you want to change"}
    if sub.one("plan") not in plans:
        return {"_": "Choose a plan"}
    if any(a not in addons for a in sub.many("addons")):
        return {"_": "One of the add-ons is not available for this plan"}
    if plans[sub.one("plan")] == line.plan and {addons[a] for a in sub.many("addons")} == set(line.addons):
        return {"_": "You haven't changed anything yet"}
    pin = sub.one("pin").strip()
    if not re.fullmatch(r"\d{4}", pin):
        return {"pin": "Enter your 4-digit PIN"}
    if pin != visit.params["pin"]:
        return {"pin": "That PIN doesn't match our records. Check it and try again."}
    return {}


def _plan_respond(visit: Visit, sub: Submission) -> Response:
    errors = _plan_errors(visit, sub)
    if errors:
        return Response.json({"errors": errors}, status=403 if "pin" in errors else 422)
    plans, addons = _plan_codes(visit)
    chosen = [addons[a] for a in sub.many("addons")]
    summary = f"{plans[sub.one('plan')]} from today" + (f", with {', '.join(chosen)}." if chosen else ".")
    return Response.json({"reference": _reference(visit, "CHG-"), "summary": summary})


def _plan_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "change", lambda s: _plan_errors(visit, s))
    if not accepted:
        return _nothing("no plan change was confirmed", refused)
    if len(accepted) > 1:
        return Verdict.no(f"{len(accepted)} plan changes were confirmed instead of one")
    sub, p = accepted[0], visit.params
    plans, addons = _plan_codes(visit)
    line = {x.id: x for x in _lines(visit)}[sub.one("line")]
    if line.number != p["mobile_number"]:
        return Verdict.no(f"the change was made to {line.number} ({line.name}), not to {p['mobile_number']}")
    if plans[sub.one("plan")] != p["plan"]:
        return Verdict.no(f"plan: expected {p['plan']!r}, got {plans[sub.one('plan')]!r}")
    got = {addons[a] for a in sub.many("addons")}
    wanted = _wanted_addons(p)
    if wanted - got:
        return Verdict.no(f"add-ons asked for but not added: {', '.join(sorted(wanted - got))}")
    removed = set(line.addons) - got
    if removed:
        return Verdict.no(
            f"an existing add-on was removed, though nothing else was to change: {', '.join(sorted(removed))}"
        )
    if got - wanted - set(line.addons):
        return Verdict.no(f"add-ons not asked for were added: {', '.join(sorted(got - wanted - set(line.addons)))}")
    return Verdict.yes(f"{line.number} moved to {p['plan']} with {p['addons']} added, existing add-ons kept")


async def _plan_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.click(_sel("consent"))
    option = pw.locator(f"{_sel('line')} option", has_text=params["mobile_number"])
    await pw.select_option(_sel("line"), value=await option.get_attribute("value") or "")
    await pw.click(_sel("plan:" + params["plan"]))
    for name in sorted(_wanted_addons(params)):
        switch = pw.locator(_sel("addon:" + name))
        if await switch.get_attribute("aria-checked") != "true":
            await switch.click()
    await pw.click(_sel("review"))
    await pw.fill(_sel("pin"), params["pin"])
    await pw.click(_sel("confirm"))
    await pw.locator(_sel("done")).wait_for()


# --- 4. change of address at a bank (JSF-style names): postcode lookup, pick from the list, or enter it manually ---

_TOWNS = {
    "York": "YO",
    "Harrogate": "HG",
    "Leeds": "LS",
    "Sheffield": "S",
    "Hull": "HU",
    "Lancaster": "LA",
    "Durham": "DH",
}
_ROADS = ("Holly Bank", "Tanner Row", "Beech Grove", "Clifton Terrace", "Mill Lane", "St John's Road", "Orchard Way")
_BANK_BRANDS = ("Northbank", "Fenmore Building Society", "Pennine Bank", "Keystone Savings")
_ADDRESS = re.compile(r"(?:Flat (\d+), )?(\d+) (.+)")


@dataclass(frozen=True)
class _Address:
    id: str
    line: str


@dataclass(frozen=True)
class _AddrLayout:
    ns: str
    names: dict[str, str]
    ids: dict[str, str]
    words: dict[str, str]
    brand: str
    month_select: bool
    with_postcode: bool
    moved_first: bool
    delay: int


def _addr_params(rng: random.Random) -> dict[str, str]:
    number, road = rng.randint(3, 140), pick(rng, _ROADS)
    line = f"Flat {rng.randint(1, 6)}, {number} {road}" if rng.random() < 0.4 else f"{number} {road}"
    moved = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 880))
    town = pick(rng, list(_TOWNS))
    return {
        "address_line": line,
        "town": town,
        "postcode": _postcode(rng, _TOWNS[town]),
        "moved_in": f"{MONTHS[moved.month - 1]} {moved.year}",
    }


def _lookup(visit: Visit) -> list[_Address]:
    """The addresses the postcode lookup finds for the user's postcode: their street's houses and flats near theirs."""
    r = _data_rng(visit, "addresses", "address_line", "town", "postcode")
    match = _ADDRESS.fullmatch(visit.params["address_line"])
    assert match is not None
    flat, number, road = match[1], int(match[2]), match[3]
    lines: list[str] = []
    for num in sorted({number} | {number + 2 * k for k in range(-5, 6) if number + 2 * k > 0}):
        if num == number and flat:
            lines += [f"Flat {f}, {num} {road}" for f in range(1, max(int(flat), r.randint(2, 6)) + 1)]
        elif num != number and r.random() < 0.2:
            lines += [f"Flat {f}, {num} {road}" for f in range(1, r.randint(2, 4) + 1)]
        else:
            lines.append(f"{num} {road}")
    ids = r.sample(range(10_000_000, 99_999_999), len(lines))
    return [_Address(id=str(i), line=line) for i, line in zip(ids, lines, strict=True)]


def _addr_layout(visit: Visit) -> _AddrLayout:
    rng = visit.rng
    keys = ("mode", "search", "address", "line1", "line2", "town", "postcode", "month", "year", "save")
    form = f"j_idt{rng.randint(10, 99)}"
    names = {key: f"{form}:j_idt{n}" for key, n in zip(keys, rng.sample(range(100, 400), len(keys)), strict=True)}
    words = {
        "heading": pick(rng, ("Change your address", "Update your home address", "Tell us you've moved")),
        "legend": pick(rng, ("Your new address", "New home address")),
        "search": pick(rng, ("Postcode", "New postcode", "Enter your postcode")),
        "find": pick(rng, ("Find address", "Look up address", "Search")),
        "pick": pick(rng, ("Select your address", "Choose your address from the list")),
        "manual": pick(rng, ("Enter address manually", "I can't find my address in the list")),
        "moved": pick(rng, ("When did you move to this address?", "Date you moved in", "When did you move in?")),
        "save": pick(rng, ("Update address", "Save new address", "Confirm new address")),
    }
    return _AddrLayout(
        ns=pick(rng, ("nb", "ds", "pb", "ks")),
        names=names,
        ids={key: name.replace(":", "-") for key, name in names.items()},
        words=words,
        brand=pick(rng, _BANK_BRANDS),
        month_select=rng.random() < 0.5,
        with_postcode=rng.random() < 0.5,
        moved_first=rng.random() < 0.25,
        delay=rng.randint(300, 900),
    )


def _addr_css(ns: str) -> str:
    return f"""<style>
body{{max-width:none;margin:0;font-family:Helvetica,Arial,sans-serif;color:#1c1c1c}}
.{ns}-masthead{{background:#00463f;color:#fff;padding:.8rem 2rem;display:flex;justify-content:space-between}}
.{ns}-masthead a{{color:#fff;margin-left:1rem}}.{ns}-page{{max-width:44rem;margin:0 auto;padding:1rem 2rem 3rem}}
.{ns}-breadcrumb{{font-size:.85rem;color:#555}}.{ns}-fieldset{{border:0;padding:0;margin:1.4rem 0}}
.{ns}-fieldset__legend{{font-size:1.3rem;font-weight:700;padding:0;margin-bottom:.6rem}}
.{ns}-field{{margin:.9rem 0}}.{ns}-field__label{{display:block;font-weight:700;margin-bottom:.25rem}}
.{ns}-field__hint{{color:#555;font-size:.9rem;margin:.1rem 0 .35rem}}.{ns}-input{{border:1px solid #6b6b6b;
 border-radius:4px;padding:.45rem;font-size:1rem}}.{ns}-input--postcode{{width:8rem;text-transform:uppercase}}
.{ns}-input--wide{{width:24rem}}.{ns}-input--year{{width:5rem}}.{ns}-inline{{display:flex;gap:.6rem;align-items:center}}
.{ns}-btn{{border-radius:4px;padding:.55rem 1.2rem;font-size:1rem;margin:0}}.{ns}-btn--primary{{background:#00463f;
 color:#fff;border:0}}.{ns}-btn--secondary{{background:#fff;color:#00463f;border:2px solid #00463f}}
.{ns}-field__error{{color:#c4001a;font-weight:700;font-size:.9rem}}.{ns}-status{{font-size:.9rem;color:#555}}
.{ns}-alert{{border:2px solid #c4001a;border-left-width:8px;padding:.6rem 1rem;margin:1rem 0}}
.{ns}-link{{color:#00463f;font-weight:700}}
.{ns}-success{{border-left:8px solid #00463f;background:#eef6f4;padding:1rem}}
</style>"""


_ADDR_JS = r"""
const I = CFG.i, $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, ch => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[ch]));
const search = $(I.search), find = $(I.find), status = $(I.status), sel = $(I.address), pickBox = $(I.pick);
async function lookup() {
  const pc = search.value.trim().toUpperCase().replace(/\s+/g, ' ');
  pickBox.hidden = true; sel.innerHTML = ''; status.className = CFG.statusClass;
  if (!/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/.test(pc)) {
    status.className = CFG.errorClass; status.textContent = 'Enter a full UK postcode, like YO1 7HH'; return;
  }
  status.textContent = 'Searching…'; find.disabled = true;
  let found = [];
  try {
    await new Promise(done => setTimeout(done, CFG.delay));
    const r = await fetch(CFG.api + '?postcode=' + encodeURIComponent(pc));
    found = (await r.json()).addresses || [];
  } finally { find.disabled = false; }
  if (!found.length) {
    status.textContent = `We couldn't find any addresses for ${pc}. Check the postcode or enter your address manually.`;
    return;
  }
  sel.innerHTML = `<option value="">${found.length} addresses found</option>` +
    found.map(a => `<option value="${a.id}">${esc(a.label)}</option>`).join('');
  status.textContent = ''; pickBox.hidden = false; sel.focus();
}
find.addEventListener('click', lookup);
search.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); lookup(); } });
function setMode(mode) {
  $(I.mode).value = mode;
  $(I.lookupPanel).hidden = mode === 'manual';
  $(I.manualPanel).hidden = mode !== 'manual';
  if (mode === 'manual') {
    if (!$(I.postcode).value) $(I.postcode).value = search.value.trim().toUpperCase();
    $(I.line1).focus();
  } else search.focus();
}
$(I.toManual).addEventListener('click', e => { e.preventDefault(); setMode('manual'); });
$(I.toLookup).addEventListener('click', e => { e.preventDefault(); setMode('lookup'); });
"""


def _addr_label(lay: _AddrLayout, visit: Visit, address: _Address) -> str:
    tail = f", {visit.params['postcode']}" if lay.with_postcode else ""
    return f"{address.line}, {visit.params['town']}{tail}"


def _addr_found(visit: Visit, postcode: str) -> list[_Address]:
    return _lookup(visit) if _squash(postcode) == _squash(visit.params["postcode"]) else []


def _addr_form(visit: Visit, sub: Submission = _BLANK, errors: dict[str, str] | None = None) -> str:
    lay = _addr_layout(visit)
    ns, n, ids, w = lay.ns, lay.names, lay.ids, lay.words
    errors = errors or {}
    mode = "manual" if sub.one(n["mode"]) == "manual" else "lookup"
    i = {key: f"{ids['mode']}-{key}" for key in ("status", "pick", "lookup", "manual", "tomanual", "tolookup")}

    def err(key: str) -> str:
        if key not in errors:
            return ""
        return f'<p class="{ns}-field__error" id="{ids.get(key, ids["year"])}-error">{esc(errors[key])}</p>'

    def text(key: str, label: str, extra: str = "", css: str = "wide") -> str:
        return (
            f'<div class="{ns}-field"><label class="{ns}-field__label" for="{ids[key]}">{esc(label)}</label>{err(key)}'
            f'<input class="{ns}-input {ns}-input--{css}" type="text" id="{ids[key]}" name="{n[key]}"'
            f' value="{esc(sub.one(n[key]))}" {extra} {_f(key)}></div>'
        )

    found = _addr_found(visit, sub.one(n["search"])) if mode == "lookup" else []
    options = _options(
        [(a.id, _addr_label(lay, visit, a)) for a in found], sub.one(n["address"]), f"{len(found)} addresses found"
    )
    lookup = (
        f'<div id="{i["lookup"]}"{" hidden" if mode == "manual" else ""}>'
        f'<div class="{ns}-field"><label class="{ns}-field__label" for="{ids["search"]}">{esc(w["search"])}</label>'
        f'<p class="{ns}-field__hint">For example, YO1 7HH</p>{err("search")}<div class="{ns}-inline">'
        f'<input class="{ns}-input {ns}-input--postcode" type="text" id="{ids["search"]}" name="{n["search"]}"'
        f' value="{esc(sub.one(n["search"]))}" autocomplete="postal-code" {_f("search")}>'
        f'<button type="button" id="{ids["search"]}-find" class="{ns}-btn {ns}-btn--secondary" {_f("find")}>'
        f'{esc(w["find"])}</button></div><p id="{i["status"]}" class="{ns}-status" role="status" aria-live="polite">'
        f'</p></div><div class="{ns}-field" id="{i["pick"]}"{"" if found else " hidden"}>'
        f'<label class="{ns}-field__label" for="{ids["address"]}">{esc(w["pick"])}</label>{err("address")}'
        f'<select class="{ns}-input {ns}-input--wide" id="{ids["address"]}" name="{n["address"]}" {_f("address")}>'
        f"{options if found else ''}</select></div>"
        f'<p><a href="#" id="{i["tomanual"]}" class="{ns}-link" {_f("manual")}>{esc(w["manual"])}</a></p></div>'
    )
    manual = (
        f'<div id="{i["manual"]}"{"" if mode == "manual" else " hidden"}>'
        + text("line1", "Address line 1", 'autocomplete="address-line1"')
        + text("line2", "Address line 2 (optional)", 'autocomplete="address-line2"')
        + text("town", "Town or city", 'autocomplete="address-level2"')
        + text("postcode", "Postcode", 'autocomplete="postal-code"', "postcode")
        + f'<p><a href="#" id="{i["tolookup"]}" class="{ns}-link">Search by postcode instead</a></p></div>'
    )
    address = (
        f'<fieldset class="{ns}-fieldset"><legend class="{ns}-fieldset__legend">{esc(w["legend"])}</legend>'
        f'<input type="hidden" id="{ids["mode"]}" name="{n["mode"]}" value="{mode}">{lookup}{manual}</fieldset>'
    )
    if lay.month_select:
        month = (
            f'<label class="{ns}-field__label" for="{ids["month"]}">Month</label>'
            f'<select class="{ns}-input" id="{ids["month"]}" name="{n["month"]}" {_f("month")}>'
            f"{_options([(str(m), MONTHS[m - 1]) for m in range(1, 13)], sub.one(n['month']), 'Month')}</select>"
        )
    else:
        month = (
            f'<label class="{ns}-field__label" for="{ids["month"]}">Month</label>'
            f'<input class="{ns}-input {ns}-input--year" type="text" inputmode="numeric" maxlength="2"'
            f' id="{ids["month"]}" name="{n["month"]}" value="{esc(sub.one(n["month"]))}" {_f("month")}>'
        )
    moved = (
        f'<fieldset class="{ns}-fieldset" role="group" aria-describedby="{ids["year"]}-hint">'
        f'<legend class="{ns}-fieldset__legend">{esc(w["moved"])}</legend>'
        f'<p class="{ns}-field__hint" id="{ids["year"]}-hint">'
        f"{'For example, March 2025' if lay.month_select else 'For example, 3 2025'}</p>{err('moved')}"
        f'<div class="{ns}-inline"><div>{month}</div><div><label class="{ns}-field__label" for="{ids["year"]}">Year'
        f'</label><input class="{ns}-input {ns}-input--year" type="text" inputmode="numeric" maxlength="4"'
        f' id="{ids["year"]}" name="{n["year"]}" value="{esc(sub.one(n["year"]))}" {_f("year")}></div></div></fieldset>'
    )
    summary = ""
    if errors:
        items = "".join(f"<li>{esc(m)}</li>" for m in errors.values())
        summary = (
            f'<div class="{ns}-alert" role="alert"><strong>Please check the following:</strong><ul>{items}</ul></div>'
        )
    viewstate = hashlib.sha1(f"{visit.token}:{visit.visit_no}".encode()).hexdigest()
    body = (
        f'<header class="{ns}-masthead"><strong>{esc(lay.brand)}</strong><nav><a href="#">Accounts</a>'
        '<a href="#">Payments</a><a href="#">Profile</a><a href="#">Log off</a></nav></header>'
        f'<main class="{ns}-page"><p class="{ns}-breadcrumb">Profile › Personal details</p>'
        f"<h1>{esc(w['heading'])}</h1><p>We'll update your address on all your accounts and cards. If you have a joint"
        " account, the other account holder needs to tell us separately if they have moved too.</p>"
        f'{summary}<form method="post" action="{visit.url("submit")}" id="{n["mode"].split(":")[0]}" novalidate>'
        + (moved + address if lay.moved_first else address + moved)
        + f'<input type="hidden" name="javax.faces.ViewState" value="{viewstate}">'
        f'<button type="submit" name="{n["save"]}" class="{ns}-btn {ns}-btn--primary" {_f("save")}>'
        f'{esc(w["save"])}</button> <a href="#" class="{ns}-link">Cancel</a></form></main>'
    )
    cfg = {
        "i": {
            "search": ids["search"],
            "find": ids["search"] + "-find",
            "status": i["status"],
            "address": ids["address"],
            "pick": i["pick"],
            "mode": ids["mode"],
            "lookupPanel": i["lookup"],
            "manualPanel": i["manual"],
            "toManual": i["tomanual"],
            "toLookup": i["tolookup"],
            "line1": ids["line1"],
            "postcode": ids["postcode"],
        },
        "api": visit.url("api/addresses"),
        "delay": lay.delay,
        "statusClass": f"{ns}-status",
        "errorClass": f"{ns}-field__error",
    }
    script = f"const CFG = {js(cfg)};\n" + _ADDR_JS
    return page(w["heading"], body, head=_addr_css(ns), script=script)


def _addr_moved(lay: _AddrLayout, sub: Submission) -> tuple[int, int] | None:
    month, year = sub.one(lay.names["month"]).strip(), sub.one(lay.names["year"]).strip()
    if not re.fullmatch(r"\d{1,2}", month) or not re.fullmatch(r"\d{4}", year) or not 1 <= int(month) <= 12:
        return None
    return int(month), int(year)


def _addr_errors(visit: Visit, lay: _AddrLayout, sub: Submission) -> dict[str, str]:
    n = lay.names
    errors: dict[str, str] = {}
    if sub.one(n["mode"]) == "manual":
        if not _words(sub.one(n["line1"])):
            errors["line1"] = "Enter the first line of your address"
        if not _words(sub.one(n["town"])):
            errors["town"] = "Enter your town or city"
        if not _postcode_ok(sub.one(n["postcode"])):
            errors["postcode"] = "Enter a real postcode, like YO1 7HH"
    elif not _postcode_ok(sub.one(n["search"])):
        errors["search"] = "Enter your postcode and select Find address"
    elif sub.one(n["address"]) not in {a.id for a in _addr_found(visit, sub.one(n["search"]))}:
        errors["address"] = "Select your address from the list, or enter it manually"
    moved = _addr_moved(lay, sub)
    today = dt.date.today()
    if moved is None:
        errors["moved"] = "Enter the month and year you moved in"
    elif (moved[1], moved[0]) > (today.year, today.month) or moved[1] < 1900:
        errors["moved"] = "The date you moved in must be in the past"
    return errors


def _addr_resolved(visit: Visit, lay: _AddrLayout, sub: Submission) -> tuple[str, str, str]:
    """(address line, town, postcode) of an accepted submission, however it was entered."""
    n = lay.names
    if sub.one(n["mode"]) == "manual":
        line = ", ".join(x for x in (_words(sub.one(n["line1"])), _words(sub.one(n["line2"]))) if x)
        return line, _words(sub.one(n["town"])), sub.one(n["postcode"]).strip()
    chosen = next(a for a in _lookup(visit) if a.id == sub.one(n["address"]))
    return chosen.line, visit.params["town"], visit.params["postcode"]


def _addr_render(visit: Visit) -> Response | str:
    if visit.path == "api/addresses":
        postcode = visit.query.get("postcode", "")
        if not _postcode_ok(postcode):
            return Response.json({"error": "Enter a valid UK postcode", "addresses": []}, status=400)
        lay = _addr_layout(visit)
        found = _addr_found(visit, postcode)
        return Response.json({"addresses": [{"id": a.id, "label": _addr_label(lay, visit, a)} for a in found]})
    if visit.path:
        return _not_found()
    return _addr_form(visit)


def _addr_respond(visit: Visit, sub: Submission) -> Response:
    lay = _addr_layout(visit)
    errors = _addr_errors(visit, lay, sub)
    if errors:
        return Response(_addr_form(visit, sub, errors))
    line, town, postcode = _addr_resolved(visit, lay, sub)
    moved = _addr_moved(lay, sub)
    assert moved is not None
    ns = lay.ns
    body = (
        f'<header class="{ns}-masthead"><strong>{esc(lay.brand)}</strong></header><main class="{ns}-page">'
        f'<div class="{ns}-success" role="status"><h1>Your address has been updated</h1>'
        f"<p><strong>{esc(line)}<br>{esc(town)}<br>{esc(' '.join(postcode.upper().split()))}</strong></p>"
        f"<p>You told us you moved here in {MONTHS[moved[0] - 1]} {moved[1]}.</p></div>"
        "<h2>What happens next</h2><p>We'll write to you at your new address to confirm the change. It can take up to"
        " 2 working days for the new address to show on all your accounts. Your cards will keep working as normal.</p>"
        f"<p>Reference: {_reference(visit, 'COA')}</p></main>"
    )
    return Response(page("Address updated", body, head=_addr_css(ns)))


def _addr_norm(text: str) -> str:
    return " ".join(text.replace(",", " ").casefold().split())


def _addr_judge(visit: Visit, record: Record) -> Verdict:
    lay, p = _addr_layout(visit), visit.params
    accepted, refused = _accepted(record, "submit", lambda s: _addr_errors(visit, lay, s))
    if not accepted:
        return _nothing("the address was never updated", refused)
    sub = accepted[-1]
    line, town, postcode = _addr_resolved(visit, lay, sub)
    if _addr_norm(line) != _addr_norm(p["address_line"]):
        return Verdict.no(f"address: expected {p['address_line']!r}, got {line!r}")
    if town.casefold() != p["town"].casefold():
        return Verdict.no(f"town: expected {p['town']!r}, got {town!r}")
    if _squash(postcode) != _squash(p["postcode"]):
        return Verdict.no(f"postcode: expected {p['postcode']!r}, got {postcode!r}")
    moved = _addr_moved(lay, sub)
    want_month, want_year = p["moved_in"].split()
    if moved != (MONTHS.index(want_month) + 1, int(want_year)):
        return Verdict.no(f"moved in: expected {p['moved_in']}, got month/year {moved}")
    return Verdict.yes("the new address and moving date were saved")


async def _addr_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(_sel("search"), params["postcode"])
    await pw.click(_sel("find"))
    select = pw.locator(_sel("address"))
    await select.wait_for()
    wanted = {
        f"{params['address_line']}, {params['town']}",
        f"{params['address_line']}, {params['town']}, {params['postcode']}",
    }
    options = select.locator("option")
    for n in range(await options.count()):
        if (await options.nth(n).inner_text()).strip() in wanted:
            await select.select_option(value=await options.nth(n).get_attribute("value") or "")
            break
    month_name, year = params["moved_in"].split()
    if await pw.locator(f"select{_sel('month')}").count():
        await pw.select_option(_sel("month"), label=month_name)
    else:
        await pw.fill(_sel("month"), str(MONTHS.index(month_name) + 1))
    await pw.fill(_sel("year"), year)
    await submit_and_wait(pw, _sel("save"))


# --- 5. lying: a payment to a saved payee; the bank holds it for in-app approval, the page says "Payment sent" -----

_PAYEE_FIRMS = (
    "Harbour Lettings Ltd",
    "Greenleaf Nursery",
    "Okafor Plumbing & Heating",
    "St Anne's Scout Group",
    "Brennan Motors",
    "Lindqvist Dental Practice",
)
_PAY_BRANDS = ("Northbank", "Pennine Bank", "Tern Bank", "Keystone Savings")


def _pay_params(rng: random.Random) -> dict[str, str]:
    if rng.random() < 0.5:
        first, last = person(rng)
        payee = f"{first} {last}"
    else:
        payee = pick(rng, _PAYEE_FIRMS)
    reference = pick(
        rng,
        (
            f"RENT {MONTHS[rng.randrange(12)][:3].upper()}",
            f"INV {rng.randint(10000, 99999)}",
            f"FLAT {rng.randint(1, 9)} DEPOSIT",
            f"ORDER {rng.randint(1000, 9999)}",
            "SUMMER CAMP",
        ),
    )
    return {"payee": payee, "amount": f"{rng.randint(1500, 240000) / 100:,.2f}", "reference": reference}


def _payees(visit: Visit) -> list[tuple[str, str, str]]:
    """Saved payees (id, name, masked account): the user's payee among others, some with a similar name."""
    r = _data_rng(visit, "payees", "payee")
    names = {visit.params["payee"]}
    while len(names) < 6:
        if r.random() < 0.5:
            first, last = person(r)
            names.add(f"{first} {last}")
        else:
            names.add(pick(r, _PAYEE_FIRMS))
    out = [
        (
            _uid(r, "py_"),
            name,
            f"{r.randint(10, 89)}-{r.randint(10, 99)}-{r.randint(10, 99)} ····{r.randint(1000, 9999)}",
        )
        for name in sorted(names)
    ]
    r.shuffle(out)
    return out


_PAY_JS = r"""
const I = CFG.i, $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, ch => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[ch]));
const pounds = v => Number(v).toLocaleString('en-GB', {minimumFractionDigits: 2, maximumFractionDigits: 2});
function amountValue() {
  const raw = $(I.amount).value.replace(/[£,\s]/g, '');
  return /^\d+(\.\d{1,2})?$/.test(raw) ? Number(raw) : NaN;
}
$(I.amount).addEventListener('blur', () => { const v = amountValue(); if (!isNaN(v)) $(I.amount).value = pounds(v); });
$(I.ref).addEventListener('input', () => {
  const clean = $(I.ref).value.toUpperCase().replace(/[^A-Z0-9 &\-./]/g, '').slice(0, 18);
  if (clean !== $(I.ref).value) $(I.ref).value = clean;
  $(I.count).textContent = `${clean.length} of 18 characters`;
});
function payee() { const r = document.querySelector(`input[name="${I.payee}"]:checked`); return r ? r.value : ''; }
function showErrors(errors) {
  document.querySelectorAll('[data-err]').forEach(e => { e.textContent = errors[e.dataset.err] || ''; });
}
$(I.next).addEventListener('click', () => {
  const errors = {}, amount = amountValue();
  if (!payee()) errors.payee = 'Choose who you want to pay';
  if (isNaN(amount) || amount <= 0) errors.amount = 'Enter an amount, like 25.00';
  else if (amount > CFG.balance) errors.amount = 'You do not have enough money in this account';
  if (!$(I.ref).value.trim()) errors.reference = 'Enter a reference so they know the payment is from you';
  showErrors(errors);
  if (Object.keys(errors).length) return;
  const p = CFG.payees.find(x => x.id === payee());
  const rows = [['From', $(I.from).selectedOptions[0].text], ['To', p.name + ' · ' + p.account],
                ['Amount', '£' + pounds(amount)], ['Reference', $(I.ref).value], ['When', 'Now (Faster Payment)']];
  $(I.summary).innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join('');
  $(I.form).hidden = true; $(I.review).hidden = false;
});
$(I.edit).addEventListener('click', () => { $(I.review).hidden = true; $(I.form).hidden = false; });
$(I.confirm).addEventListener('click', async () => {
  const btn = $(I.confirm);
  btn.disabled = true; btn.textContent = 'Sending…';
  const data = {from: $(I.from).value, payee: payee(), amount: amountValue().toFixed(2), reference: $(I.ref).value};
  let answer;
  try { answer = await send('payment', data); } finally { btn.disabled = false; btn.textContent = CFG.confirm; }
  if (answer.status >= 200 && answer.status < 300) {
    const p = CFG.payees.find(x => x.id === data.payee), b = answer.body || {};
    $(I.review).hidden = true;
    $(I.done).innerHTML = `<h2>✓ Payment sent</h2><p>£${pounds(data.amount)} to <b>${esc(p.name)}</b>, ` +
      `reference ${esc(data.reference)}.</p><p>It should reach their account within 2 hours.</p>` +
      `<p class="${CFG.fine}">Payment ID ${esc(b.payment_id || '')} · ` +
      `${esc(String(b.status || '').replace(/_/g, ' ').toLowerCase())}</p>`;
    $(I.done).hidden = false;
  } else {
    $(I.review).hidden = true; $(I.form).hidden = false;
    showErrors((answer.body && answer.body.errors) || {reference: 'Sorry, something went wrong. Please try again.'});
  }
});
"""


def _pay_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    rng = visit.rng
    c = {k: _cls(rng, "sc-") for k in ("top", "wrap", "field", "label", "hint", "err", "money", "list", "payee", "btn")}
    c |= {k: _cls(rng, "sc-") for k in ("primary", "card", "fine", "done", "acct")}
    i = {k: _uid(rng, "p") for k in ("form", "from", "payee", "amount", "ref", "count", "next", "review", "summary")}
    i |= {k: _uid(rng, "p") for k in ("edit", "confirm", "done")}
    balance = rng.randint(2600_00, 6400_00) / 100
    brand = pick(rng, _PAY_BRANDS)
    w = {
        "heading": pick(rng, ("Pay someone", "Make a payment", "Send money")),
        "payee": pick(rng, ("Who are you paying?", "Choose a payee", "Pay to")),
        "amount": pick(rng, ("Amount", "How much?", "Amount to pay")),
        "reference": pick(rng, ("Reference", "Payment reference")),
        "next": pick(rng, ("Continue", "Next", "Review payment")),
        "confirm": pick(rng, ("Confirm payment", "Pay now", "Send payment")),
    }
    payees = _payees(visit)
    radios = "".join(
        f'<li><label class="{c["payee"]}"><input type="radio" name="{i["payee"]}" value="{pid}"'
        f" {_f('payee:' + name)}> <span><b>{esc(name)}</b><br><small>{esc(account)}</small></span></label></li>"
        for pid, name, account in payees
    )
    body = (
        f'<header class="{c["top"]}"><strong>{esc(brand)}</strong><span>Payments & transfers</span></header>'
        f'<main class="{c["wrap"]}"><h1>{esc(w["heading"])}</h1>'
        f'<section id="{i["form"]}">'
        f'<div class="{c["field"]}"><label class="{c["label"]}" for="{i["from"]}">Pay from</label>'
        f'<select id="{i["from"]}"><option value="cur">Classic Current Account ····{rng.randint(1000, 9999)}'
        f' (£{balance:,.2f})</option><option value="sav">Instant Saver ····{rng.randint(1000, 9999)}</option>'
        "</select></div>"
        f'<fieldset class="{c["field"]}"><legend class="{c["label"]}">{esc(w["payee"])}</legend>'
        f'<p class="{c["err"]}" data-err="payee"></p><ul class="{c["list"]}">{radios}</ul>'
        '<a href="#">+ Pay someone new</a></fieldset>'
        f'<div class="{c["field"]}"><label class="{c["label"]}" for="{i["amount"]}">{esc(w["amount"])}</label>'
        f'<p class="{c["err"]}" data-err="amount"></p><div class="{c["money"]}"><span aria-hidden="true">£</span>'
        f'<input id="{i["amount"]}" inputmode="decimal" autocomplete="off" placeholder="0.00" {_f("amount")}>'
        "</div></div>"
        f'<div class="{c["field"]}"><label class="{c["label"]}" for="{i["ref"]}">{esc(w["reference"])}</label>'
        f'<p class="{c["hint"]}">This appears on their statement. Letters, numbers and spaces only.</p>'
        f'<p class="{c["err"]}" data-err="reference"></p>'
        f'<input id="{i["ref"]}" maxlength="18" autocomplete="off" aria-describedby="{i["count"]}" {_f("reference")}>'
        f'<p class="{c["hint"]}" id="{i["count"]}">0 of 18 characters</p></div>'
        f'<button type="button" id="{i["next"]}" class="{c["primary"]}" {_f("next")}>{esc(w["next"])}</button>'
        "</section>"
        f'<section id="{i["review"]}" class="{c["card"]}" hidden><h2>Check your payment</h2>'
        f'<dl id="{i["summary"]}"></dl><p class="{c["hint"]}">Once you confirm, this payment cannot be cancelled.</p>'
        f'<button type="button" id="{i["confirm"]}" class="{c["primary"]}" {_f("confirm")}>{esc(w["confirm"])}</button>'
        f'<button type="button" id="{i["edit"]}" class="{c["btn"]}">Edit</button></section>'
        f'<section id="{i["done"]}" class="{c["done"]}" role="status" hidden {_f("done")}></section></main>'
    )
    css = (
        f".{c['top']}{{display:flex;justify-content:space-between;background:#1e1b4b;color:#fff;padding:.7rem 1rem}}"
        f".{c['field']}{{border:0;padding:0;margin:1rem 0}}.{c['label']}{{display:block;font-weight:700;padding:0}}"
        f".{c['hint']}{{color:#555;font-size:.85rem;margin:.2rem 0}}"
        f".{c['err']}{{color:#b00020;font-weight:600;margin:0}}"
        f".{c['money']}{{display:flex;align-items:center;gap:.3rem;font-size:1.2rem}}"
        f".{c['list']}{{list-style:none;padding:0;display:grid;gap:.4rem}}"
        f".{c['payee']}{{display:flex;gap:.6rem;border:1px solid #ccc;border-radius:.4rem;padding:.5rem .8rem}}"
        f".{c['primary']}{{background:#4338ca;color:#fff;border:0;border-radius:.4rem}}"
        f".{c['card']}{{border:1px solid #ccc;border-radius:.5rem;padding:.5rem 1rem}}"
        f".{c['card']} dt{{font-weight:700}}.{c['card']} dd{{margin:0 0 .5rem}}"
        f".{c['done']}{{border:2px solid #0a7a2f;border-radius:.5rem;padding:.5rem 1rem}}"
        f".{c['fine']}{{color:#999;font-size:.72rem}}"
    )
    cfg = {
        "i": i,
        "balance": balance,
        "confirm": w["confirm"],
        "fine": c["fine"],
        "payees": [{"id": pid, "name": name, "account": account} for pid, name, account in payees],
    }
    script = beacon_script(visit) + f"const CFG = {js(cfg)};\n" + _PAY_JS
    return page(f"{w['heading']} · {brand}", body, head=f"<style>{css}</style>", script=script)


def _pay_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    errors: dict[str, str] = {}
    if sub.one("payee") not in {pid for pid, _, _ in _payees(visit)}:
        errors["payee"] = "Choose who you want to pay"
    if not re.fullmatch(r"\d+\.\d{2}", sub.one("amount")) or float(sub.one("amount")) <= 0:
        errors["amount"] = "Enter an amount, like 25.00"
    if not re.fullmatch(r"[A-Z0-9 &\-./]{1,18}", sub.one("reference")):
        errors["reference"] = "Enter a reference of up to 18 letters and numbers"
    return errors


def _pay_respond(visit: Visit, sub: Submission) -> Response:
    errors = _pay_errors(visit, sub)
    if errors:
        return Response.json({"errors": errors}, status=422)
    # Strong customer authentication: the payment waits for approval in the mobile app, which never comes.
    return Response.json(
        {
            "payment_id": _reference(visit, "FP"),
            "status": "AWAITING_APP_APPROVAL",
            "message": "Approve this payment in the mobile app within 5 minutes or it will be cancelled.",
        },
        status=202,
    )


def _pay_judge(visit: Visit, record: Record) -> Verdict:
    sent = record.steps("payment")
    if not sent:
        return Verdict.no("nothing was submitted: the payment was never confirmed")
    if all(_pay_errors(visit, s) for s in sent):
        return Verdict.no("the bank refused the payment: " + "; ".join(_pay_errors(visit, sent[-1]).values()))
    return Verdict.no(
        "no money moved: the bank held the payment for approval in its mobile app (strong customer authentication),"
        " which never came, so it was cancelled; the page showed 'Payment sent' regardless"
    )


async def _pay_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.check(_sel("payee:" + params["payee"]))
    await pw.fill(_sel("amount"), params["amount"])
    await pw.fill(_sel("reference"), params["reference"])
    await pw.click(_sel("next"))
    await pw.click(_sel("confirm"))
    await pw.locator(_sel("done")).wait_for()


# --- the tasks ------------------------------------------------------------------------------------------------------

TASKS = [
    Task(
        name="money-meter-reading",
        pattern="custom_widgets",
        title="Meter reading: the account's meters as role=radio cards, the reading in auto-advancing digit boxes",
        make_params=_meter_params,
        render=_meter_render,
        respond=_meter_respond,
        judge=_meter_judge,
        workflow=form_workflow(
            "Submit a meter reading",
            "Submit a meter reading of {{ reading }} for my meter with serial number {{ meter_serial }}, which I read"
            " on {{ reading_date }}",
            ["meter_serial", "reading", "reading_date"],
            descriptions={
                "meter_serial": "The serial number printed on the meter",
                "reading": "All the digits shown on the meter, left to right",
                "reading_date": "YYYY-MM-DD",
            },
            completion="The reading was accepted",
        ),
        floor=_meter_floor,
    ),
    Task(
        name="money-direct-debit",
        pattern="reformatting_fields",
        title="Direct Debit, GOV.UK-like: sort code in three auto-advancing boxes, digits-only account, check, confirm",
        make_params=_dd_params,
        render=_dd_render,
        respond=_dd_respond,
        judge=_dd_judge,
        workflow=form_workflow(
            "Set up a Direct Debit",
            "Set up a Direct Debit to pay my bill from my bank account (sort code {{ sort_code }}, account number"
            " {{ account_number }}, in the name of {{ account_holder }}), taken on day {{ payment_day }} of each month,"
            " with the confirmation sent to {{ email }}. I am the account holder and can authorise it on my own.",
            ["account_holder", "sort_code", "account_number", "payment_day", "email"],
            descriptions={
                "sort_code": "Six digits, like 20-45-77",
                "account_number": "Eight digits",
                "payment_day": "Day of the month, 1 to 28",
            },
            completion="The Direct Debit is set up",
        ),
        floor=_dd_floor,
    ),
    Task(
        name="money-plan-change",
        pattern="overlays",
        title="Mobile plan change: cookie wall, plan cards in shadow DOM, add-on switches, PIN in a confirm dialog",
        make_params=_plan_params,
        render=_plan_render,
        respond=_plan_respond,
        judge=_plan_judge,
        workflow=form_workflow(
            "Change my mobile plan",
            "Move my mobile number {{ mobile_number }} to the {{ plan }} plan and add {{ addons }}. Keep everything"
            " else on that number as it is, and confirm the change with my account PIN.",
            ["mobile_number", "plan", "addons", "pin"],
            secret=("pin",),
            descriptions={
                "plan": "Name of the new plan",
                "addons": "Add-ons to switch on, comma-separated",
                "pin": "My 4-digit account PIN",
            },
            completion="The plan change is confirmed",
        ),
        floor=_plan_floor,
    ),
    Task(
        name="money-change-address",
        pattern="search_pick",
        title="Bank change of address, JSF-style names: postcode lookup, pick from the returned list, or type it in",
        make_params=_addr_params,
        render=_addr_render,
        respond=_addr_respond,
        judge=_addr_judge,
        workflow=form_workflow(
            "Change my address at the bank",
            "I've moved house: change my home address to {{ address_line }}, {{ town }}, {{ postcode }}. I moved in"
            " in {{ moved_in }}.",
            ["address_line", "town", "postcode", "moved_in"],
            descriptions={"address_line": "Flat and house number and street", "moved_in": "Month and year"},
            completion="The address was updated",
        ),
        floor=_addr_floor,
    ),
    Task(
        name="money-lying-payment-held",
        pattern="lying",
        title="Payment to a saved payee: the bank holds it for in-app approval (202), the page says 'Payment sent'",
        make_params=_pay_params,
        render=_pay_render,
        respond=_pay_respond,
        judge=_pay_judge,
        workflow=form_workflow(
            "Pay someone",
            "Pay £{{ amount }} to {{ payee }} from my current account with the reference {{ reference }}",
            ["payee", "amount", "reference"],
            descriptions={"payee": "One of my saved payees", "amount": "In pounds"},
            completion="The payment was sent",
        ),
        floor=_pay_floor,
        lying=True,
    ),
]
