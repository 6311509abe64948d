"""Boxes set through their own label: a radio card or a visually hidden input ("sr-only") whose label's text lies
on top of it takes a click where a person clicks, on that text, which Playwright's actionability check refuses; a box
no click reaches (moved out of the page, as the U.S. Web Design System's radios and the classic "left: -9999px" are,
or shrunk to a pixel or nothing under a styled label) takes a click on its label."""

from __future__ import annotations

from playwright.async_api import ElementHandle, Locator
from playwright.async_api import Error as PlaywrightError

# What probes.COVER_JS answers when what lies on the element's centre is the content of its own label.
OWN_LABEL = "=own label"
# What it answers for a box no click reaches whose own label is shown: that label is the control a person clicks.
LABEL_AWAY = "=own label, elsewhere"
# Whether no click reaches the element ``el`` itself: it lies out of the page (left of or above its origin, where no
# scrolling goes) or is drawn at most a pixel wide or high (visually hidden: the "sr-only" clip, a switch's input
# shrunk to nothing under its slider). Then whether a label of its is shown. Page script expressions.
OUT_OF_REACH_JS = (
    "((r) => r.right + scrollX <= 0 || r.bottom + scrollY <= 0 || r.width <= 1 || r.height <= 1)"
    "(el.getBoundingClientRect())"
)
_SHOWN = (
    "(l) => { const b = l.getBoundingClientRect(); "
    "return b.width > 0 && b.height > 0 && getComputedStyle(l).visibility === 'visible'; }"
)
LABEL_SHOWN_JS = f"Array.from(el.labels || []).some({_SHOWN})"

# How the element is set through its own label: OWN_LABEL when its centre shows its label's content rather than the
# element itself, LABEL_AWAY when no click reaches it and its label is shown, '' when it is clicked itself.
OWN_LABEL_JS = f"""
(el) => {{
  if ({OUT_OF_REACH_JS}) return {LABEL_SHOWN_JS} ? '{LABEL_AWAY}' : '';
  const r = el.getBoundingClientRect();
  const root = el.getRootNode();
  const top = (root.elementFromPoint ? root : document).elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (!top || top === el || el.contains(top)) return '';
  // A link or button inside the label ("I agree to the terms") is no place to click: it would follow the link.
  if (top.closest('a[href],button,select,textarea')) return '';
  return el.labels && Array.from(el.labels).some((l) => l === top || l.contains(top)) ? '{OWN_LABEL}' : '';
}}
"""
# The shown label's point a person clicks, relative to the label: its centre, else its first word's start; null when
# both lie on a link or button inside it (it would follow the link) or on something else.
_LABEL_POINT_JS = """
(label) => {
  const b = label.getBoundingClientRect();
  const root = label.getRootNode().elementFromPoint ? label.getRootNode() : document;
  for (const [x, y] of [[b.width / 2, b.height / 2], [Math.min(8, b.width / 2), b.height / 2]]) {
    const top = root.elementFromPoint(b.left + x, b.top + y);
    if (top && (top === label || label.contains(top)) && !top.closest('a[href],button,select,textarea')) return {x, y};
  }
  return null;
}
"""
_SHOWN_LABEL_JS = f"(el) => Array.from(el.labels || []).find({_SHOWN}) || null"


async def own_label(element: ElementHandle | Locator) -> str:
    """How ``element`` is set through its own label (see OWN_LABEL_JS); '' when it cannot tell."""
    try:
        return str(await element.evaluate(OWN_LABEL_JS) or "")
    except PlaywrightError:
        return ""


async def _click_label(element: ElementHandle | Locator, checked: bool, wait_ms: float | None) -> None:
    """Set a box no click reaches by a click on its shown label, as Playwright's set_checked does on the box: nothing
    when it is as asked already, and an error when the click did not change it."""
    if await element.is_checked() == checked:
        return
    found = await element.evaluate_handle(_SHOWN_LABEL_JS)
    try:
        label = found.as_element()
        if label is None:
            raise PlaywrightError("no click reaches the box and no label of it is shown")
        await label.scroll_into_view_if_needed(timeout=wait_ms)
        point = await label.evaluate(_LABEL_POINT_JS)
        if point is None:
            raise PlaywrightError("no click reaches the box and its label offers no place to click")
        await label.click(position=point, timeout=wait_ms)
    finally:
        await found.dispose()
    if await element.is_checked() != checked:
        raise PlaywrightError("Clicking the box's label did not change its state")


async def set_box(
    element: ElementHandle | Locator, checked: bool, *, through_label: str | None = None, wait_ms: float | None = None
) -> None:
    """Tick or untick a box; one its own label lies on is clicked there (force: the click lands on the label,
    which sets the box; Playwright still reads the state back and fails when it did not change), one no click
    reaches on its label. ``through_label``: own_label's answer when the caller has it. ``wait_ms``: how long
    Playwright may wait for the box to be actionable, None for the context's default."""
    if through_label is None:
        through_label = await own_label(element)
    if through_label == LABEL_AWAY:
        await _click_label(element, checked, wait_ms)
        return
    await element.set_checked(checked, force=through_label == OWN_LABEL, timeout=wait_ms)
