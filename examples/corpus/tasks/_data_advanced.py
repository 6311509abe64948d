"""Shared pieces for patterns 14-18 and the lying pages: names, opaque ids, a JSON sender, workflow builders."""

from __future__ import annotations

import hashlib
import json
import random
import re
from typing import Any

from examples.corpus.kit import Visit, workflow_parameters

FIRST = ("Ada", "Bruno", "Chidi", "Daria", "Emeka", "Freya", "Goran", "Hana", "Ivo", "Jana", "Karim", "Lotte")
LAST = ("Achterberg", "Bianchi", "Castro", "Dubois", "Eriksen", "Fischer", "Gallo", "Horvat", "Ito", "Jansen")
CITIES = ("Antwerp", "Bologna", "Cluj", "Dresden", "Espoo", "Faro", "Galway", "Haarlem", "Innsbruck", "Jyväskylä")
DOMAINS = ("example.org", "example.net", "mail.example.com")


def person(rng: random.Random) -> tuple[str, str, str]:
    """(first, last, email) of one made-up person."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return first, last, f"{first.lower()}.{last.lower()}{rng.randint(2, 98)}@{rng.choice(DOMAINS)}"


def opaque(rng: random.Random, prefix: str = "f") -> str:
    """A generated-looking name or id, as form builders emit them."""
    return f"{prefix}{rng.randint(10000, 99999)}_{rng.choice('abcdefghjkmnpqrstuvwxyz')}"


def js(value: Any) -> str:
    """A value as a JavaScript literal that is safe inside a <script> element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


def sender(visit: Visit) -> str:
    """`post(step, data)`: POST JSON to the instance's submit/<step>; resolves to {status, body}."""
    return (
        f"const BASE = {js(visit.base)};\n"
        "async function post(step, data) {\n"
        "  const r = await fetch(BASE + '/submit' + (step ? '/' + step : ''), {method: 'POST',\n"
        "    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(data)});\n"
        "  let body = null; try { body = await r.json(); } catch (e) { body = null; }\n"
        "  return {status: r.status, body: body};\n"
        "}\n"
    )


def digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def squash(text: str) -> str:
    """Whitespace trimmed and collapsed: how a fair judge compares free text."""
    return " ".join((text or "").split())


def workflow(
    title: str,
    goal: str,
    keys: list[str],
    *,
    secret: tuple[str, ...] = (),
    completion: str = "",
    payload: dict[str, str] | None = None,
    descriptions: dict[str, str] | None = None,
    block_type: str = "navigation",
) -> dict[str, Any]:
    """The user's two-block workflow: open {{ start_url }}, then one block with a goal and a payload."""
    parameters = workflow_parameters(keys, secret=secret, descriptions=descriptions)
    block: dict[str, Any] = {"label": "do_task", "type": block_type, "goal": goal}
    body = payload if payload is not None else {k: "{{ " + k + " }}" for k in keys}
    if body:
        block["payload"] = body
    if completion:
        block["completion_criterion"] = completion
    return {
        "title": title,
        "parameters": parameters,
        "blocks": [{"label": "open", "type": "goto_url", "url": "{{ start_url }}"}, block],
    }


def extraction_workflow(
    title: str,
    goal: str,
    schema: dict[str, Any],
    keys: tuple[str, ...] = (),
    *,
    descriptions: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Open {{ start_url }}, then one extraction block with a JSON schema."""
    descriptions = descriptions or {}
    parameters: list[dict[str, Any]] = [{"key": "start_url", "required": True}]
    for key in keys:
        parameter: dict[str, Any] = {"key": key, "required": True}
        if key in descriptions:
            parameter["description"] = descriptions[key]
        parameters.append(parameter)
    return {
        "title": title,
        "parameters": parameters,
        "blocks": [
            {"label": "open", "type": "goto_url", "url": "{{ start_url }}"},
            {"label": "extract", "type": "extraction", "goal": goal, "extraction_schema": schema},
        ],
    }


def mark(key: str) -> str:
    """A stable, meaningless marker (a data attribute value) the floors find a control by."""
    return "q" + hashlib.sha1(key.encode()).hexdigest()[:5]
