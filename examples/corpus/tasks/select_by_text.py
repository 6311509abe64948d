"""Pattern 4, `<select>` chosen by visible text when the value attribute differs (codes, ids, zero-based indexes)."""

from __future__ import annotations

import random
from typing import NamedTuple

from playwright.async_api import Page

from examples.corpus.kit import Record, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import code, form_workflow, opaque, submit_and_wait, thanks

# --- 1. checkout: country by ISO code, delivery service by internal id ---------------------------------

_COUNTRIES = {
    "AT": "Austria", "AU": "Australia", "BE": "Belgium", "CH": "Switzerland", "CZ": "Czechia", "DE": "Germany",
    "DK": "Denmark", "ES": "Spain", "FI": "Finland", "FR": "France", "IE": "Ireland", "IS": "Iceland",
    "IT": "Italy", "NL": "Netherlands", "NO": "Norway", "PL": "Poland", "PT": "Portugal", "SE": "Sweden",
}
_SERVICES = ("Standard", "Express", "Express Plus", "Next day", "Economy", "Click & collect")


def _checkout_params(rng: random.Random) -> dict[str, str]:
    return {"country": pick(rng, sorted(_COUNTRIES.values())), "delivery": pick(rng, _SERVICES)}


class _Checkout(NamedTuple):
    country_name: str
    service_name: str
    services: list[tuple[str, str]]  # (value, visible text) in page order
    country_label: str
    service_label: str


def _checkout_layout(visit: Visit) -> _Checkout:
    rng = visit.rng
    services = list(_SERVICES)
    rng.shuffle(services)
    # Internal ids that look like values an agent might type: numbers unrelated to the order shown.
    ids = rng.sample(range(11, 99), len(services))
    return _Checkout(
        country_name=opaque(rng, "ctry"),
        service_name=opaque(rng, "svc"),
        services=[(f"{i}", s) for i, s in zip(ids, services, strict=True)],
        country_label=pick(rng, ("Country", "Ship to", "Destination country")),
        service_label=pick(rng, ("Delivery", "Shipping method", "Delivery option")),
    )


def _checkout_render(visit: Visit) -> str:
    layout = _checkout_layout(visit)
    countries = "".join(
        f'<option value="{iso}">{esc(name)}</option>'
        for iso, name in sorted(_COUNTRIES.items(), key=lambda kv: kv[1])
    )
    services = "".join(f'<option value="{v}">{esc(t)}</option>' for v, t in layout.services)
    body = (
        "<h1>Checkout</h1><p>2 items · subtotal €48.90</p>"
        f'<form method="post" action="{visit.url("submit")}">'
        f'<label for="c1">{esc(layout.country_label)}</label>'
        f'<select id="c1" name="{layout.country_name}" data-f="{code("country")}">'
        f'<option value="">Select…</option>{countries}</select>'
        f'<label for="c2">{esc(layout.service_label)}</label>'
        f'<select id="c2" name="{layout.service_name}" data-f="{code("delivery")}">{services}</select>'
        '<label for="c3">Gift wrapping</label><select id="c3" name="wrap"><option value="0">No</option>'
        '<option value="1">Yes (+€3)</option></select>'
        f'<div><button type="submit" data-f="{code("go")}">Continue to payment</button></div></form>'
    )
    return page("Checkout", body)


def _checkout_judge(visit: Visit, record: Record) -> Verdict:
    layout = _checkout_layout(visit)
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    want_iso = next(iso for iso, name in _COUNTRIES.items() if name == visit.params["country"])
    got = sub.one(layout.country_name)
    if got != want_iso:
        return Verdict.no(f"country: expected {visit.params['country']!r} ({want_iso}), got value {got!r} "
                          f"({_COUNTRIES.get(got, 'nothing')})")
    by_value = dict(layout.services)
    got = sub.one(layout.service_name)
    if by_value.get(got) != visit.params["delivery"]:
        return Verdict.no(f"delivery: expected {visit.params['delivery']!r}, got {by_value.get(got, got)!r}")
    if sub.one("wrap") != "0":
        return Verdict.no("gift wrapping should stay 'No'")
    return Verdict.yes()


async def _checkout_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.select_option(f'[data-f="{code("country")}"]', label=params["country"])
    await pw.select_option(f'[data-f="{code("delivery")}"]', label=params["delivery"])
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 2. hotel booking: guests by zero-based index, room type by code, board by flag --------------------

_ROOMS = {"SGL": "Single room", "DBL": "Double room", "TWN": "Twin room", "FAM": "Family room", "STE": "Junior suite"}
_BOARD = ("Room only", "Bed & breakfast", "Half board")


def _booking_params(rng: random.Random) -> dict[str, str]:
    return {
        "guests": str(rng.randint(1, 5)),
        "room_type": pick(rng, list(_ROOMS.values())),
        "board": pick(rng, _BOARD),
    }


def _booking_layout(visit: Visit) -> dict[str, str]:
    rng = visit.rng
    return {
        "guests": opaque(rng, "g"),
        "room_type": opaque(rng, "rt"),
        "board": opaque(rng, "b"),
        "first": pick(rng, ("guests", "room_type")),
    }


def _booking_render(visit: Visit) -> str:
    layout, rng = _booking_layout(visit), visit.rng
    # Guests: the value is the zero-based index, so "3" as a value means 4 guests.
    guests = "".join(f'<option value="{i}">{i + 1}</option>' for i in range(6))
    rooms = "".join(f'<option value="{k}">{esc(v)}</option>' for k, v in _ROOMS.items())
    board = "".join(f'<option value="{i}">{esc(t)}</option>' for i, t in enumerate(_BOARD))
    parts = {
        "guests": f'<label>{pick(rng, ("Guests", "Number of guests", "Adults"))} '
                  f'<select name="{layout["guests"]}" data-f="{code("guests")}">{guests}</select></label>',
        "room_type": f'<label>{pick(rng, ("Room", "Room type", "Accommodation"))} '
                     f'<select name="{layout["room_type"]}" data-f="{code("room_type")}">{rooms}</select></label>',
    }
    second = "room_type" if layout["first"] == "guests" else "guests"
    body = (
        "<h1>Hotel Miramar</h1><p class=muted>12–14 June · 2 nights</p>"
        f'<form method="post" action="{visit.url("submit")}">{parts[layout["first"]]}{parts[second]}'
        f'<label>{pick(rng, ("Board", "Meals", "Meal plan"))} '
        f'<select name="{layout["board"]}" data-f="{code("board")}">{board}</select></label>'
        f'<button type="submit" data-f="{code("go")}">{pick(rng, ("Book now", "Reserve", "Check availability"))}'
        "</button></form>"
    )
    return page("Book a room", body)


def _booking_judge(visit: Visit, record: Record) -> Verdict:
    layout, sub = _booking_layout(visit), record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    got = sub.one(layout["guests"])
    if got != str(int(visit.params["guests"]) - 1):
        shown = str(int(got) + 1) if got.isdigit() else got
        return Verdict.no(f"guests: expected {visit.params['guests']!r}, got {shown!r} (value {got!r})")
    got = sub.one(layout["room_type"])
    if _ROOMS.get(got) != visit.params["room_type"]:
        return Verdict.no(f"room type: expected {visit.params['room_type']!r}, got {_ROOMS.get(got, got)!r}")
    got = sub.one(layout["board"])
    if got != str(_BOARD.index(visit.params["board"])):
        shown = _BOARD[int(got)] if got.isdigit() and int(got) < len(_BOARD) else got
        return Verdict.no(f"board: expected {visit.params['board']!r}, got {shown!r}")
    return Verdict.yes()


async def _booking_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in ("guests", "room_type", "board"):
        await pw.select_option(f'[data-f="{code(key)}"]', label=params[key])
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


TASKS = [
    Task(
        name="checkout-country-delivery",
        pattern="select_by_text",
        title="Checkout: country select valued by ISO code, delivery select valued by internal id",
        make_params=_checkout_params,
        render=_checkout_render,
        judge=_checkout_judge,
        respond=lambda visit, sub: thanks("Your order is ready for payment."),
        workflow=form_workflow(
            "Choose shipping country and delivery",
            "Choose the shipping country and the delivery option, then continue",
            ["country", "delivery"],
            descriptions={"delivery": "Delivery option as shown in the shop, e.g. Express"},
        ),
        floor=_checkout_floor,
    ),
    Task(
        name="hotel-guests-room",
        pattern="select_by_text",
        title="Hotel booking: guests select whose values are zero-based indexes, room and board by code",
        make_params=_booking_params,
        render=_booking_render,
        judge=_booking_judge,
        respond=lambda visit, sub: thanks("We are checking availability for your stay."),
        workflow=form_workflow(
            "Book a hotel room", "Book a room for this many guests with this room type and meal plan",
            ["guests", "room_type", "board"],
        ),
        floor=_booking_floor,
    ),
]
