"""Coerce text read from a page into the types of a JSON schema, then validate it."""

from __future__ import annotations

import re
from typing import Any

import jsonschema

from services.booleans import CHECKED_WORDS, FALSE_WORDS

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")
_FALSE = FALSE_WORDS | {"unchecked", ""}


def _number(text: str) -> float | None:
    match = _NUMBER.search(text.replace("\u00a0", " "))
    return float(match.group(0).replace(",", "")) if match else None


def coerce(value: Any, schema: dict[str, Any]) -> Any:
    """Best-effort conversion of page text to the schema's types ("$1,200.50" -> 1200.5)."""
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "object" and isinstance(value, dict):
        props = schema.get("properties", {})
        return {key: coerce(item, props.get(key, {})) for key, item in value.items()}
    if kind == "array" and isinstance(value, list):
        item_schema = schema.get("items", {})
        return [coerce(item, item_schema) for item in value]
    if not isinstance(value, str):
        return value
    text = value.strip()
    if kind == "number":
        number = _number(text)
        return number if number is not None else text
    if kind == "integer":
        number = _number(text)
        return int(number) if number is not None and number == int(number) else text
    if kind == "boolean":
        lowered = text.lower()
        if lowered in CHECKED_WORDS:
            return True
        if lowered in _FALSE:
            return False
    return text


def schema_errors(value: Any, schema: dict[str, Any]) -> list[str]:
    """Every validation error, as 'path: message' lines (empty when valid)."""
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message}"
        for error in sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
    ]
