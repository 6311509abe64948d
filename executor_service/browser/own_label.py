"""Boxes set through their own label: a radio card or a visually hidden input ("sr-only") whose label's text lies
on top of it takes a click where a person clicks, on that text, which Playwright's actionability check refuses."""

from __future__ import annotations

from playwright.async_api import ElementHandle, Locator
from playwright.async_api import Error as PlaywrightError

# What probes.COVER_JS answers when what lies on the element's centre is the content of its own label.
OWN_LABEL = "=own label"

# Whether the element's centre shows its own label's content rather than the element itself.
LABEL_ON_TOP_JS = """
(el) => {
  const r = el.getBoundingClientRect();
  const root = el.getRootNode();
  const top = (root.elementFromPoint ? root : document).elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (!top || top === el || el.contains(top)) return false;
  // A link or button inside the label ("I agree to the terms") is no place to click: it would follow the link.
  if (top.closest('a[href],button,select,textarea')) return false;
  return !!(el.labels && Array.from(el.labels).some((l) => l === top || l.contains(top)));
}
"""


async def label_on_top(element: ElementHandle | Locator) -> bool:
    """Whether ``element`` is to be set through its own label (see LABEL_ON_TOP_JS); False when it cannot tell."""
    try:
        return bool(await element.evaluate(LABEL_ON_TOP_JS))
    except PlaywrightError:
        return False


async def set_box(
    element: ElementHandle | Locator, checked: bool, *, through_label: bool | None = None, wait_ms: float | None = None
) -> None:
    """Tick or untick a box; one its own label lies on is clicked there (force: the click lands on the label,
    which sets the box; Playwright still reads the state back and fails when it did not change). ``wait_ms``: how
    long Playwright may wait for the box to be actionable, None for the context's default."""
    if through_label is None:
        through_label = await label_on_top(element)
    await element.set_checked(checked, force=through_label, timeout=wait_ms)
