"""Shared data and helpers for the input-pattern task modules (patterns 2–7): names, codes, workflows, floors."""

from __future__ import annotations

import hashlib
import random
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Response, Submission, Verdict, esc, page, workflow_parameters

FIRST = ("Maya", "Jonas", "Aiko", "Tomás", "Ingrid", "Kwame", "Lena", "Ravi", "Sofia", "Mateo", "Noor", "Elif")
LAST = ("Okafor", "Lindqvist", "Tanaka", "Moreau", "Novak", "Haddad", "Brennan", "Iyer", "Costa", "Schmidt")
CITIES = ("Lisbon", "Tallinn", "Leipzig", "Utrecht", "Trieste", "Brno", "Cork", "Tampere", "Nantes", "Girona")
COMPANIES = ("Northwind Ltd", "Bluefin Labs", "Keystone Foods", "Arcadia Print", "Juniper Freight", "Osprey Tools")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def code(key: str) -> str:
    """A stable, meaningless marker for a field, for the floors (who know the page) to find it by."""
    return "c" + hashlib.sha1(key.encode()).hexdigest()[:6]


def opaque(rng: random.Random, prefix: str = "fld") -> str:
    """A generated-looking field name or id, as form builders emit them."""
    return f"{prefix}{rng.randint(1000, 99999)}"


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def email_for(rng: random.Random, first: str, last: str) -> str:
    plain = first.lower().replace("á", "a").replace("ó", "o")
    return f"{plain}.{last.lower()}{rng.randint(2, 98)}@example.net"


def form_workflow(
    title: str, goal: str, keys: list[str], *, secret: tuple[str, ...] = (), descriptions: dict[str, str] | None = None,
    completion: str = "",
) -> dict[str, Any]:
    """The user's two-block workflow: open the start page, then fill and send the form with these values."""
    parameters = workflow_parameters(keys, secret=secret, descriptions=descriptions)
    block: dict[str, Any] = {
        "label": "fill_form",
        "type": "navigation",
        "goal": goal,
        "payload": {key: f"{{{{ {key} }}}}" for key in keys},
    }
    if completion:
        block["completion_criterion"] = completion
    return {
        "title": title,
        "parameters": parameters,
        "blocks": [{"label": "open", "type": "goto_url", "url": "{{ start_url }}"}, block],
    }


def check_fields(sub: Submission | None, expected: dict[str, str], names: dict[str, str]) -> Verdict:
    """The last submission holds each expected value (param key → value) under the field's page name."""
    if sub is None:
        return Verdict.no("nothing was submitted")
    for key, want in expected.items():
        got = sub.one(names[key])
        if got.strip() != want.strip():
            return Verdict.no(f"{key}: expected {want!r}, got {got!r}")
    return Verdict.yes()


def only_empty(sub: Submission, names: list[str], what: str) -> Verdict | None:
    """A refusal when any distractor field was filled."""
    for name in names:
        if sub.one(name).strip():
            return Verdict.no(f"{what} should stay empty, got {sub.one(name)!r}")
    return None


def thanks(message: str = "Thanks! We have received your details.") -> Response:
    """The neutral answer: it proves nothing about correctness."""
    return Response(page("Thank you", f"<h1>Thank you</h1><p>{esc(message)}</p>"))


async def submit_and_wait(pw: Page, selector: str) -> None:
    """Click a form's submit button and wait for the answer page."""
    async with pw.expect_navigation():
        await pw.click(selector)
