"""Shared pieces for the interaction patterns (8-13): name lists, a beacon script, opaque field names, workflows."""

from __future__ import annotations

import json
import random
from typing import Any

from examples.corpus.kit import Submission, Visit

FIRST = ("Amara", "Bjorn", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemal", "Lena")
LAST = ("Okafor", "Lindqvist", "Russo", "Volkov", "Yilmaz", "Haddad", "Berg", "Tanaka", "Costa", "Weber", "Novak")
CITIES = ("Utrecht", "Tampere", "Coimbra", "Brno", "Lund", "Ljubljana", "Nantes", "Zadar", "Leuven", "Cork")
STREETS = ("Linden", "Canal", "Market", "Orchard", "Quarry", "Rose", "Beacon", "Elm", "Harbour", "Castle")
DOMAINS = ("example.org", "example.net", "mail.example.com", "post.example.org")


def person(rng: random.Random) -> tuple[str, str, str]:
    """(first, last, email) for one made-up person."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return first, last, f"{first.lower()}.{last.lower()}{rng.randint(2, 98)}@{rng.choice(DOMAINS)}"


def js(value: Any) -> str:
    """A value as a JavaScript literal that is safe inside a <script> element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


def beacon_script(visit: Visit) -> str:
    """`send(step, data)`: POST JSON to the instance's submit/<step>, resolving to the parsed answer."""
    return (
        f"const BASE = {js(visit.base)};\n"
        "async function send(step, data) {\n"
        "  const r = await fetch(BASE + '/submit/' + step, {method: 'POST', keepalive: true,\n"
        "    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(data)});\n"
        "  let body = null; try { body = await r.json(); } catch (e) { body = null; }\n"
        "  return {status: r.status, body: body};\n"
        "}\n"
    )


def opaque_names(visit: Visit, keys: list[str], rng: random.Random) -> tuple[dict[str, str], str]:
    """Generated field names for one rendering (as form builders emit them) and the form id that maps them back.

    The mapping is kept in the instance's state under the form id, which the form posts in a hidden field.
    """
    form_id = f"{rng.getrandbits(40):010x}"
    names = {key: f"fld_{rng.getrandbits(24):06x}" for key in keys}
    visit.state.setdefault("forms", {})[form_id] = {v: k for k, v in names.items()}
    return names, form_id


def unmap(visit: Visit, sub: Submission | None, form_field: str = "form_id") -> Submission | None:
    """The submission with generated names turned back into the task's keys (None if the form id is unknown)."""
    if sub is None:
        return None
    mapping = visit.state.get("forms", {}).get(sub.one(form_field))
    if mapping is None:
        return None
    return Submission(sub.step, {mapping.get(name, name): values for name, values in sub.fields.items()})


def parameters(*keys: str, secret: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The workflow's parameter list: start_url first, then the user's keys (secrets marked)."""
    spec: list[dict[str, Any]] = [{"key": "start_url", "required": True}]
    for key in keys:
        spec.append({"key": key, "required": True, **({"secret": True} if key in secret else {})})
    return spec


def open_block() -> dict[str, Any]:
    """The first block of every workflow here: open the task's start page (a fresh dict per workflow)."""
    return {"label": "open", "type": "goto_url", "url": "{{ start_url }}"}
