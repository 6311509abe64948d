"""A number set with its own − and + buttons (a quantity, a count of guests) when its box takes no typing: pressed one
step at a time until the box shows the value. The agent records it as a fill whose intent says so ("Step the adults
with the buttons beside it"), keeping the value and its parameter; the recorder and replayed code step the same way,
so code steps to its own run's value and reads it back like any typed value."""

from __future__ import annotations

import re

from playwright.async_api import ElementHandle, JSHandle, Locator
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.value_checks import ValueCheck

_STEP_INTENT = re.compile(r"^Step the\b", re.IGNORECASE)
_WHOLE = re.compile(r"^\s*-?\d{1,4}\s*$")
_MAX_PRESSES = 60  # a count, not a free number: beyond this the value is not one to step to

# The box's own buttons: in the nearest ancestor (up to three levels) holding no other field, the visible buttons
# whose name says more or less ("+", "Increase", "Add one", "−", "Decrease", "Remove one"). [more, less] or null.
_BUTTONS_JS = """
(el) => {
  const fields = 'input:not([type=hidden]), select, textarea, [role=spinbutton]';
  const shown = (n) => { const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const name = (b) => (b.getAttribute('aria-label') || b.title || b.innerText || b.value || '').replace(/\\s+/g, ' ')
    .trim();
  const more = /^(\\+|＋|plus|increase|increment|add|more|up)\\b|^\\+$/i;
  const less = /^(-|−|–|minus|decrease|decrement|remove|reduce|fewer|less|down|subtract)\\b|^[-−–]$/i;
  let at = el.parentElement;
  for (let depth = 0; at && depth < 3; depth++, at = at.parentElement) {
    if (Array.from(at.querySelectorAll(fields)).filter((f) => f !== el && shown(f)).length) return null;
    const buttons = Array.from(at.querySelectorAll('button, [role=button], input[type=button]')).filter(shown);
    const up = buttons.filter((b) => more.test(name(b))), down = buttons.filter((b) => less.test(name(b)));
    if (up.length === 1 && down.length === 1) return [up[0], down[0]];
  }
  return null;
}
"""
_READ = "String(el.value ?? el.getAttribute('aria-valuenow') ?? el.innerText ?? '').trim()"
_READ_JS = f"(el) => {_READ}"
# What the box shows once a press changed it (a page may update it a frame or a fetch later), or after half a second.
_CHANGED_JS = f"""(el, before) => new Promise((done) => {{
  const started = performance.now();
  const look = () => {{ const now = {_READ}; if (now !== before || performance.now() - started > 500) done(now);
    else setTimeout(look, 16); }};
  look();
}})"""


def step_intent(what: str) -> str:
    return f"Step the {what} with the buttons beside it"


def asks_steps(intent: str) -> bool:
    return bool(_STEP_INTENT.match(intent.strip()))


def steppable(value: str) -> bool:
    """A whole number small enough to step to."""
    return bool(_WHOLE.match(value)) and abs(int(value)) <= _MAX_PRESSES


async def _buttons(element: Locator | ElementHandle) -> tuple[ElementHandle, ElementHandle] | None:
    found: JSHandle = await element.evaluate_handle(_BUTTONS_JS)
    try:
        up = (await found.get_property("0")).as_element()
        down = (await found.get_property("1")).as_element()
    except PlaywrightError:
        return None
    return (up, down) if up is not None and down is not None else None


async def has_steppers(element: Locator | ElementHandle) -> bool:
    """Whether the box has its own − and + buttons."""
    try:
        return await _buttons(element) is not None
    except PlaywrightError:
        return False


def _number(text: str) -> int | None:
    match = re.search(r"-?\d+", text)
    return int(match.group(0)) if match else None


async def step_to(element: Locator | ElementHandle, wanted: str) -> ValueCheck:
    """Press the box's + or − until it shows ``wanted`` (each press read back; stops when a press changes nothing,
    at the box's own limit). The check says what the box shows then."""
    target = _number(wanted)
    buttons = await _buttons(element)
    shown = str(await element.evaluate(_READ_JS))
    if target is None or buttons is None:
        return ValueCheck(False, wanted, shown, message="no buttons to step with" if buttons is None else "")
    for _ in range(_MAX_PRESSES):
        current = _number(shown)
        if current is None or current == target:
            break
        await buttons[0 if current < target else 1].click()
        after = str(await element.evaluate(_CHANGED_JS, shown))
        if after == shown:
            break  # the box's limit, or a button that does nothing now
        shown = after
    return ValueCheck(_number(shown) == target, wanted, shown)
