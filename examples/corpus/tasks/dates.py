"""Pattern 7, dates: `type=date`, a text field with a format hint, and three selects (day / month / year)."""

from __future__ import annotations

import datetime as dt
import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import MONTHS, code, form_workflow, opaque, person, submit_and_wait, thanks

ISO = "YYYY-MM-DD"

# --- 1. a stay: check-in is a native date input, check-out a text field with a format hint -------------

# (hint shown to the user, strftime format, HTML pattern the browser enforces)
_TEXT_FORMATS = (
    ("MM/DD/YYYY", "%m/%d/%Y", r"\d{2}/\d{2}/\d{4}"),
    ("DD/MM/YYYY", "%d/%m/%Y", r"\d{2}/\d{2}/\d{4}"),
    ("DD.MM.YYYY", "%d.%m.%Y", r"\d{2}\.\d{2}\.\d{4}"),
)


def _stay_params(rng: random.Random) -> dict[str, str]:
    # Random days: most are above 12, so a day/month swap shows (or cannot even be typed as a date).
    start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(30, 500))
    end = start + dt.timedelta(days=rng.randint(1, 9))
    return {"check_in": start.isoformat(), "check_out": end.isoformat()}


def _stay_layout(visit: Visit) -> tuple[tuple[str, str, str], str, str]:
    rng = visit.rng
    return pick(rng, _TEXT_FORMATS), opaque(rng, "arr"), opaque(rng, "dep")


def _stay_render(visit: Visit) -> str:
    rng = random.Random(f"{visit.seed}:stay-render")
    (hint, _, pattern), arrive, leave = _stay_layout(visit)
    in_id, out_id = opaque(rng, "d"), opaque(rng, "d")
    body = (
        f"<h1>{pick(rng, ('Book your stay', 'Reservation', 'Plan your visit'))}</h1>"
        "<p class=muted>Casa Azul guesthouse · 6 rooms</p>"
        f'<form method="post" action="{visit.url("submit")}">'
        f'<label for="{in_id}">{pick(rng, ("Check-in", "Arrival date", "Arriving on"))}</label>'
        f'<input id="{in_id}" type="date" name="{arrive}" required data-f="{code("check_in")}">'
        f'<label for="{out_id}">{pick(rng, ("Check-out", "Departure date", "Leaving on"))}</label>'
        f'<input id="{out_id}" type="text" name="{leave}" required placeholder="{hint}" pattern="{pattern}"'
        f' title="Use the format {hint}" data-f="{code("check_out")}">'
        f'<div class="muted" style="font-size:.85rem">Format: {esc(hint)}</div>'
        '<label for="gs">Guests</label><select id="gs" name="guests"><option>1</option><option selected>2</option>'
        '<option>3</option></select>'
        f'<div><button type="submit" data-f="{code("go")}">{pick(rng, ("Check availability", "Book", "Continue"))}'
        "</button></div></form>"
    )
    return page("Reservation", body)


def _stay_judge(visit: Visit, record: Record) -> Verdict:
    (hint, fmt, _), arrive, leave = _stay_layout(visit)
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    if sub.one(arrive) != visit.params["check_in"]:
        return Verdict.no(f"check-in: expected {visit.params['check_in']!r}, got {sub.one(arrive)!r}")
    want = dt.date.fromisoformat(visit.params["check_out"]).strftime(fmt)
    if sub.one(leave).strip() != want:
        return Verdict.no(f"check-out: expected {want!r} ({hint}), got {sub.one(leave)!r}")
    if sub.one("guests") != "2":
        return Verdict.no(f"guests should stay 2, got {sub.one('guests')!r}")
    return Verdict.yes()


async def _stay_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-f="{code("check_in")}"]', params["check_in"])
    out = pw.locator(f'[data-f="{code("check_out")}"]')
    hint = await out.get_attribute("placeholder")
    fmt = next(f for h, f, _ in _TEXT_FORMATS if h == hint)
    await out.fill(dt.date.fromisoformat(params["check_out"]).strftime(fmt))
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 2. date of birth as three selects, in a seed-chosen order and month style ------------------------

_MONTH_STYLES = ("name", "short", "number")


def _dob_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 20000))
    return {"full_name": f"{first} {last}", "date_of_birth": born.isoformat()}


def _dob_layout(visit: Visit) -> tuple[list[str], str, bool, dict[str, str]]:
    rng = visit.rng
    order = pick(rng, (["day", "month", "year"], ["month", "day", "year"], ["year", "month", "day"]))
    names = {part: opaque(rng, part[0]) for part in ("day", "month", "year", "name")}
    return order, pick(rng, _MONTH_STYLES), rng.random() < 0.5, names


def _dob_render(visit: Visit) -> str:
    rng = random.Random(f"{visit.seed}:dob-render")
    order, style, padded, names = _dob_layout(visit)
    months = "".join(
        f'<option value="{i:02d}">{esc(m if style == "name" else m[:3] if style == "short" else f"{i:02d}")}</option>'
        if padded else
        f'<option value="{i}">{esc(m if style == "name" else m[:3] if style == "short" else str(i))}</option>'
        for i, m in enumerate(MONTHS, start=1)
    )
    selects = {
        "day": f'<select name="{names["day"]}" aria-label="Day" data-f="{code("day")}"><option value="">Day</option>'
               + "".join(f'<option value="{d}">{d}</option>' for d in range(1, 32)) + "</select>",
        "month": f'<select name="{names["month"]}" aria-label="Month" data-f="{code("month")}">'
                 f'<option value="">Month</option>{months}</select>',
        "year": f'<select name="{names["year"]}" aria-label="Year" data-f="{code("year")}">'
                '<option value="">Year</option>'
                + "".join(f'<option value="{y}">{y}</option>' for y in range(2010, 1919, -1)) + "</select>",
    }
    body = (
        f"<h1>{pick(rng, ('Personal details', 'About you', 'Membership application'))}</h1>"
        f'<form method="post" action="{visit.url("submit")}">'
        f'<label for="nm">{pick(rng, ("Full name", "Name", "Your name"))}</label>'
        f'<input id="nm" name="{names["name"]}" data-f="{code("full_name")}" size="30">'
        f'<fieldset style="border:0;padding:0"><legend>{pick(rng, ("Date of birth", "Birthday", "Born on"))}</legend>'
        f'{" ".join(selects[p] for p in order)}</fieldset>'
        f'<div><button type="submit" data-f="{code("go")}">{pick(rng, ("Continue", "Next", "Save"))}</button></div>'
        "</form>"
    )
    return page("Personal details", body)


def _dob_judge(visit: Visit, record: Record) -> Verdict:
    _, _, _, names = _dob_layout(visit)
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    if sub.one(names["name"]).strip() != visit.params["full_name"]:
        return Verdict.no(f"full name: expected {visit.params['full_name']!r}, got {sub.one(names['name'])!r}")
    want = dt.date.fromisoformat(visit.params["date_of_birth"])
    parts = {p: sub.one(names[p]) for p in ("day", "month", "year")}
    try:
        got = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        return Verdict.no(f"date of birth: expected {want.isoformat()}, got day/month/year {parts}")
    if got != want:
        return Verdict.no(f"date of birth: expected {want.isoformat()}, got {got.isoformat()}")
    return Verdict.yes()


async def _dob_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    born = dt.date.fromisoformat(params["date_of_birth"])
    await pw.fill(f'[data-f="{code("full_name")}"]', params["full_name"])
    await pw.select_option(f'[data-f="{code("day")}"]', str(born.day))
    await pw.select_option(f'[data-f="{code("year")}"]', str(born.year))
    month = pw.locator(f'[data-f="{code("month")}"]')
    padded = await month.locator("option").nth(1).get_attribute("value") == "01"
    await month.select_option(f"{born.month:02d}" if padded else str(born.month))
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 3. an appointment: a read-only field that opens a calendar popup, and a time slot ----------------

_DISPLAY = ("%d %b %Y", "%b %d, %Y", "%a %d/%m/%Y")
_SLOTS = ("08:30", "09:15", "10:00", "11:45", "13:30", "14:15", "15:00", "16:45")


def _visit_params(rng: random.Random) -> dict[str, str]:
    day = dt.date(2026, 10, 1) + dt.timedelta(days=rng.randint(0, 150))
    return {"appointment_date": day.isoformat(), "time": pick(rng, _SLOTS)}


def _visit_layout(visit: Visit) -> tuple[str, str, str, dict[str, str], str]:
    rng = visit.rng
    opens_on = pick(rng, ("2026-09", "2026-10", "2026-11", "2026-12"))  # the month the calendar shows first
    slots = {opaque(rng, "t"): t for t in _SLOTS}
    return opens_on, opaque(rng, "dt"), opaque(rng, "sl"), slots, pick(rng, _DISPLAY)


def _visit_render(visit: Visit) -> str:
    rng = random.Random(f"{visit.seed}:visit-render")
    opens_on, date_name, slot_name, slots, display = _visit_layout(visit)
    options = "".join(f'<option value="{v}">{esc(t)}</option>' for v, t in slots.items())
    script = f"""
    const MONTHS = {list(MONTHS)!r}, DAYS = ['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday'];
    const field = document.getElementById('when'), hidden = document.getElementById('iso'),
          pop = document.getElementById('cal'), caption = document.getElementById('cap'),
          body = document.getElementById('days');
    let [year, month] = '{opens_on}'.split('-').map(Number); month -= 1;
    const pad = (n) => String(n).padStart(2, '0');
    const shown = (d) => {{
      const f = {display!r}, short = MONTHS[d.getMonth()].slice(0, 3), wd = DAYS[(d.getDay() + 6) % 7].slice(0, 3);
      return f.replace('%d', pad(d.getDate())).replace('%b', short).replace('%Y', d.getFullYear())
              .replace('%m', pad(d.getMonth() + 1)).replace('%a', wd);
    }};
    const draw = () => {{
      caption.textContent = MONTHS[month] + ' ' + year; body.innerHTML = '';
      const first = new Date(year, month, 1), lead = (first.getDay() + 6) % 7;
      const count = new Date(year, month + 1, 0).getDate();
      let row = document.createElement('tr');
      for (let i = 0; i < lead; i++) row.appendChild(document.createElement('td'));
      for (let day = 1; day <= count; day++) {{
        const d = new Date(year, month, day), cell = document.createElement('td'), b = document.createElement('button');
        b.type = 'button'; b.textContent = day; b.dataset.date = year + '-' + pad(month + 1) + '-' + pad(day);
        b.setAttribute('aria-label', DAYS[(d.getDay() + 6) % 7] + ', ' + day + ' ' + MONTHS[month] + ' ' + year);
        b.addEventListener('click', () => {{
          field.value = shown(d); hidden.value = b.dataset.date; pop.hidden = true; }});
        cell.appendChild(b); row.appendChild(cell);
        if ((lead + day) % 7 === 0) {{ body.appendChild(row); row = document.createElement('tr'); }}
      }}
      if (row.children.length) body.appendChild(row);
    }};
    field.addEventListener('click', () => {{ pop.hidden = false; draw(); }});
    document.getElementById('prev').addEventListener('click', () => {{
      month -= 1; if (month < 0) {{ month = 11; year -= 1; }} draw(); }});
    document.getElementById('next').addEventListener('click', () => {{
      month += 1; if (month > 11) {{ month = 0; year += 1; }} draw(); }});
    """
    body = (
        f"<h1>{pick(rng, ('Book an appointment', 'Schedule a visit', 'Pick a date'))}</h1>"
        "<p class=muted>Dr. Amrani · physiotherapy · 45 minutes</p>"
        f'<form method="post" action="{visit.url("submit")}">'
        f'<label for="when">{pick(rng, ("Date", "Appointment date", "Preferred day"))}</label>'
        f'<input id="when" name="shown" readonly placeholder="Choose a date" data-f="{code("date")}">'
        f'<input type="hidden" id="iso" name="{date_name}">'
        '<div id="cal" hidden style="border:1px solid #999;display:inline-block;padding:.4rem;margin-top:.3rem">'
        '<div><button type="button" id="prev" aria-label="Previous month">‹</button>'
        '<strong id="cap" aria-live="polite"></strong>'
        '<button type="button" id="next" aria-label="Next month">›</button></div>'
        '<table role="grid"><thead><tr><th>Mo</th><th>Tu</th><th>We</th><th>Th</th><th>Fr</th><th>Sa</th><th>Su</th>'
        '</tr></thead><tbody id="days"></tbody></table></div>'
        f'<label for="slot">{pick(rng, ("Time", "Time slot", "Start time"))}</label>'
        f'<select id="slot" name="{slot_name}" data-f="{code("time")}"><option value="">--</option>{options}</select>'
        f'<div><button type="submit" data-f="{code("go")}">{pick(rng, ("Book", "Confirm booking"))}</button></div>'
        "</form>"
    )
    head = "<style>#cal button { margin: 0; padding: .15rem .45rem; font-size: .9rem; } #cal td { border: 0; }</style>"
    return page("Appointment", body, head=head, script=script)


def _visit_judge(visit: Visit, record: Record) -> Verdict:
    _, date_name, slot_name, slots, _ = _visit_layout(visit)
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    if sub.one(date_name) != visit.params["appointment_date"]:
        got = sub.one(date_name) or f"no day picked in the calendar (field shows {sub.one('shown')!r})"
        return Verdict.no(f"appointment date: expected {visit.params['appointment_date']}, got {got}")
    if slots.get(sub.one(slot_name)) != visit.params["time"]:
        return Verdict.no(f"time: expected {visit.params['time']!r}, got {slots.get(sub.one(slot_name), 'nothing')!r}")
    return Verdict.yes()


async def _visit_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    want = dt.date.fromisoformat(params["appointment_date"])
    await pw.click(f'[data-f="{code("date")}"]')
    for _ in range(36):
        shown = dt.datetime.strptime(await pw.inner_text("#cap"), "%B %Y").date()
        if (shown.year, shown.month) == (want.year, want.month):
            break
        await pw.click("#next" if (shown.year, shown.month) < (want.year, want.month) else "#prev")
    await pw.click(f'#days [data-date="{want.isoformat()}"]')
    await pw.select_option(f'[data-f="{code("time")}"]', label=params["time"])
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


TASKS = [
    Task(
        name="stay-dates",
        pattern="dates",
        title="Stay booking: check-in in a date input, check-out as text in a hinted format (varies by seed)",
        make_params=_stay_params,
        render=_stay_render,
        judge=_stay_judge,
        respond=lambda visit, sub: thanks("We are checking availability for your dates."),
        workflow=form_workflow(
            "Check availability for a stay", "Enter the check-in and check-out dates and check availability",
            ["check_in", "check_out"], descriptions={"check_in": ISO, "check_out": ISO},
        ),
        floor=_stay_floor,
    ),
    Task(
        name="birth-date-selects",
        pattern="dates",
        title="Date of birth as day / month / year selects, order and month style by seed",
        make_params=_dob_params,
        render=_dob_render,
        judge=_dob_judge,
        respond=lambda visit, sub: thanks("Thanks, your details were saved."),
        workflow=form_workflow(
            "Enter my personal details", "Enter my full name and date of birth and continue",
            ["full_name", "date_of_birth"], descriptions={"date_of_birth": ISO},
        ),
        floor=_dob_floor,
    ),
    Task(
        name="appointment-calendar",
        pattern="dates",
        title="Appointment: a read-only date field with a calendar popup to page through, and a time slot",
        make_params=_visit_params,
        render=_visit_render,
        judge=_visit_judge,
        respond=lambda visit, sub: thanks("Your appointment request was sent."),
        workflow=form_workflow(
            "Book an appointment",
            "Book an appointment on this date at this time",
            ["appointment_date", "time"],
            descriptions={"appointment_date": ISO, "time": "HH:MM"},
        ),
        floor=_visit_floor,
    ),
]
