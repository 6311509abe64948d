"""Lying pages whose fields silently change the value: dropped accents, a short maxlength, a mask one digit short."""

from __future__ import annotations

import random
from collections.abc import Callable

from playwright.async_api import Page

from examples.corpus.kit import Record, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_advanced import digits, js, mark, squash, workflow
from examples.corpus.tasks._lying_kit import fields_html, fill_and_click, layout_names


def _held(visit: Visit, record: Record, keys: list[str], key: str) -> str | None:
    sub = record.last()
    if sub is None:
        return None
    return sub.one(layout_names(visit.rng, keys)[key])


def _saved(title: str) -> str:
    return page(title, f"<h1 class=ok>✓ {esc(title)}</h1><p>You can close this page.</p>")


# --- 6. a name field that drops every letter outside A-Z as you type ---------------------------------------

ACCENTED_FIRST = ("Zoë", "Jürgen", "Élodie", "Sérgio", "Ångström", "Núria", "Łucja", "Dvořák", "Søren", "Ïsa")
ACCENTED_LAST = ("Müller", "Gonçalves", "Niemelä", "Łukasiewicz", "Østergaard", "Peña", "Šimić", "Brontë")
_NAME_KEYS = ["first_name", "last_name", "email"]


def _accent_params(rng: random.Random) -> dict[str, str]:
    first, last = pick(rng, ACCENTED_FIRST), pick(rng, ACCENTED_LAST)
    plain = "".join(c for c in f"{first}.{last}".lower() if c.isascii())
    return {"first_name": first, "last_name": last, "email": f"{plain}@example.org"}


def _accent_render(visit: Visit) -> str:
    rows, _ = fields_html(visit.rng, [("first_name", "First name", "text"), ("last_name", "Last name", "text"),
                                      ("email", "Email", "email")])
    # "Sanitising" input: letters outside ASCII vanish as they are typed, with no message.
    script = (
        f"for (const k of [{js(mark('first_name'))}, {js(mark('last_name'))}])"
        """ document.querySelector(`[data-q="${k}"]`).addEventListener('input', e => {
  e.target.value = e.target.value.replace(/[^A-Za-z '\\-]/g, '');
});
""")
    body = (f'<h1>Create your member card</h1><form method="post" action="{visit.url("submit")}">{rows}'
            f'<button type="submit" data-q="{mark("go")}">Create card</button></form>')
    return page("Member card", body, script=script)


def _accent_judge(visit: Visit, record: Record) -> Verdict:
    for key in ("first_name", "last_name"):
        held = _held(visit, record, _NAME_KEYS, key)
        if held is None:
            return Verdict.no("nothing was submitted")
        if squash(held) != visit.params[key]:
            return Verdict.no(f"{key}: expected {visit.params[key]!r}, the field silently dropped letters and sent "
                              f"{held!r}")
    return Verdict.no("the name field drops accented letters, so the card cannot carry the right name")


async def _accent_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {k: params[k] for k in _NAME_KEYS}, "go")


# --- 7. an address line cut at a maxlength shorter than any real street in the task ------------------------

STREETS = ("Rue du Faubourg Saint-Honoré", "Avenida da Liberdade", "Kurfürstendamm", "Calle de Alcalá",
           "Boulevard Haussmann", "Karl-Marx-Allee", "Corso Vittorio Emanuele II")
_ADDR_KEYS = ["street", "city"]


def _addr_params(rng: random.Random) -> dict[str, str]:
    street = f"{rng.randint(100, 999)} {pick(rng, STREETS)}, Apartment {rng.randint(10, 99)}"
    return {"street": street, "city": pick(rng, ("Paris", "Lisbon", "Berlin", "Madrid", "Milan"))}


def _addr_render(visit: Visit) -> str:
    rows, _ = fields_html(visit.rng, [("street", "Street address", "text"), ("city", "City", "text")],
                          extra={"street": 'maxlength="24"'})
    body = (f'<h1>Delivery address</h1><form method="post" action="{visit.url("submit")}">{rows}'
            f'<button type="submit" data-q="{mark("save")}">Save address</button></form>')
    return page("Address", body)


def _addr_judge(visit: Visit, record: Record) -> Verdict:
    held = _held(visit, record, _ADDR_KEYS, "street")
    if held is None:
        return Verdict.no("nothing was submitted")
    return Verdict.no(f"street: expected {visit.params['street']!r}, the field (maxlength 24) held {held!r}")


async def _addr_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {k: params[k] for k in _ADDR_KEYS}, "save")


# --- 8. a phone mask with one digit too few: the last digit never fits --------------------------------------

_PHONE_KEYS = ["name", "phone"]


def _phone_params(rng: random.Random) -> dict[str, str]:
    return {"name": f"{pick(rng, ('Ines', 'Mark', 'Yara', 'Olu'))} {pick(rng, ('Berg', 'Adeyemi', 'Costa'))}",
            "phone": f"0{rng.randint(6, 7)}{rng.randint(10000000, 99999999)}"}


def _phone_render(visit: Visit) -> str:
    rng = visit.rng
    rows, _ = fields_html(rng, [("name", "Name", "text"), ("phone", "Mobile number", "tel")],
                          extra={"phone": 'placeholder="06 12 34 56 7"'})
    # The mask was written for 9-digit numbers; it keeps the first nine and drops the rest without a word.
    script = f"const PHONE = {js(mark('phone'))};" + """
document.querySelector(`[data-q="${PHONE}"]`).addEventListener('input', e => {
  const d = e.target.value.replace(/\\D/g, '').slice(0, 9);
  e.target.value = d.replace(/(\\d{2})(?=\\d)/g, '$1 ');
});
"""
    body = (f'<h1>SMS alerts</h1><p>Get a text when your parcel is out for delivery.</p>'
            f'<form method="post" action="{visit.url("submit")}">{rows}'
            f'<button type="submit" data-q="{mark("on")}">{esc(pick(rng, ("Turn on alerts", "Subscribe")))}</button>'
            "</form>")
    return page("SMS alerts", body, script=script)


def _phone_judge(visit: Visit, record: Record) -> Verdict:
    held = _held(visit, record, _PHONE_KEYS, "phone")
    if held is None:
        return Verdict.no("nothing was submitted")
    return Verdict.no(f"phone: expected {visit.params['phone']!r} ({len(digits(visit.params['phone']))} digits), "
                      f"the mask kept {held!r}")


async def _phone_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {k: params[k] for k in _PHONE_KEYS}, "on")


def _saved_respond(title: str) -> Callable[[Visit, Submission], str]:
    def respond(visit: Visit, sub: Submission) -> str:
        return _saved(title)

    return respond


def _lying(name: str, title: str, **kw: object) -> Task:
    return Task(name=name, pattern="lying", title=title, lying=True, **kw)  # type: ignore[arg-type]


TASKS = [
    _lying("lying-drops-accents", "Member card form whose name fields silently drop non-ASCII letters",
           make_params=_accent_params, render=_accent_render, judge=_accent_judge, floor=_accent_floor,
           respond=_saved_respond("Member card created"),
           workflow=workflow("Create a member card", "Create a member card with my name and email", _NAME_KEYS)),
    _lying("lying-maxlength-street", "Address form whose street field is cut at 24 characters",
           make_params=_addr_params, render=_addr_render, judge=_addr_judge, floor=_addr_floor,
           respond=_saved_respond("Address saved"),
           workflow=workflow("Save a delivery address", "Save my delivery address", _ADDR_KEYS)),
    _lying("lying-phone-mask-short", "SMS alert form whose phone mask keeps 9 of the 10 digits",
           make_params=_phone_params, render=_phone_render, judge=_phone_judge, floor=_phone_floor,
           respond=_saved_respond("Alerts turned on"),
           workflow=workflow("Turn on SMS alerts", "Turn on SMS delivery alerts for my mobile number", _PHONE_KEYS,
                             completion="Alerts turned on")),
]
