"""A native <select multiple> set from one value listing its options ("Python, Rust"): exactly those options chosen,
each named as a single select's option is (``field_identity.names_option``), and read back holding those and no
other. The agent, the recorder and replayed code set it the same way, so code takes its own run's list."""

from __future__ import annotations

import re

from playwright.async_api import Error as PlaywrightError

from executor_service.browser.element_eval import evaluate_on
from executor_service.browser.value_checks import READ_CHOICE_JS, Element, ValueCheck
from executor_service.runtime.field_identity import names_option

# Whether a select is a <select multiple>, and its options as (value, label), in one look.
_SELECT_JS = """(el) => ({multiple: el.tagName === 'SELECT' && el.multiple,
  options: Array.from(el.options || []).map((o) => [o.value, (o.label || o.text || '').replace(/\\s+/g, ' ')
    .trim()])})"""


def items_of(value: str) -> list[str]:
    """The options a value lists ("Python, Rust", "Python; Rust", one per line)."""
    return [item.strip() for item in re.split(r"[,;\n]", value) if item.strip()]


async def select_facts(element: Element) -> tuple[bool, list[tuple[str, str]]] | None:
    """(whether it is a <select multiple>, its (value, label) options), or None when it cannot be read."""
    try:
        raw = await evaluate_on(element, _SELECT_JS)
    except PlaywrightError:
        return None
    return bool(raw["multiple"]), [(str(v), str(label)) for v, label in raw["options"]]


async def multiple_options(element: Element) -> list[tuple[str, str]] | None:
    """The (value, label) options of a <select multiple>; None for any other element."""
    facts = await select_facts(element)
    return facts[1] if facts is not None and facts[0] else None


def options_named(options: list[tuple[str, str]], value: str) -> list[str] | None:
    """The option values the value's items name, one each; None when an item names none (or several)."""
    values = {label: v for v, label in reversed(options)} | {v: v for v, _ in options}  # a value names itself first
    named = [values.get(names_option(options, item) or "") for item in items_of(value)]
    return None if not named or any(n is None for n in named) else [n for n in named if n is not None]


async def set_options(element: Element, value: str, options: list[tuple[str, str]]) -> ValueCheck:
    """Choose exactly the options ``value`` lists and read them back; an item naming no option is not chosen and
    the check fails, naming it."""
    named = options_named(options, value)
    if named is None:
        missing = [item for item in items_of(value) if names_option(options, item) is None]
        return ValueCheck(False, value, f"no option for {', '.join(missing) or 'an empty list'}")
    await element.select_option(named)
    raw = await evaluate_on(element, READ_CHOICE_JS)
    selected = [(str(v), str(label)) for v, label in raw.get("selected", [])]
    chosen = {v: label or v for v, label in selected}
    if set(chosen) == set(named):
        return ValueCheck(True, value, ", ".join(chosen[v] for v in named))  # in the value's order
    return ValueCheck(False, value, ", ".join(chosen.values()) or "nothing")
