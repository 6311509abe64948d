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
]
