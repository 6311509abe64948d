"""Picking a date in an open calendar popup: page to the month, click the day, read the field back.

Shared by the agent (after its recorded click opened the picker) and by replayed code (after the same click), so
a date picked in a calendar replays with this run's date. Works on the common shapes: a grid of day buttons or
cells under a "Month Year" caption, with previous / next month controls.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import ElementHandle, Locator, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.value_formats import parse_date

MAX_MONTHS = 36  # how far the picker pages before giving up

# One look at the open calendar: the control to click next towards the target day (a day, or next / previous
# month), kept in window.__rotePick; {kind: 'day' | 'next' | 'prev' | 'none', shown: 'Month Year'}.
_STEP_JS = """
(t) => {
  const MONTHS = ['january','february','march','april','may','june','july','august','september','october',
    'november','december'];
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const visible = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.display !== 'none';
  };
  const CELLS = 'button, [role=gridcell], [role=button], td, a';
  const dayOf = (el) => {
    const n = norm(el.innerText);
    return /^\\d{1,2}$/.test(n) ? Number(n) : 0;
  };
  // The calendar: the smallest visible container holding day cells 1..28 at least.
  let best = null;
  for (const box of document.querySelectorAll('table, [role=grid], [role=dialog], div, section')) {
    if (!visible(box)) continue;
    const days = new Set(Array.from(box.querySelectorAll(CELLS)).filter(visible).map(dayOf).filter(Boolean));
    let all = true;
    for (let d = 1; d <= 28; d++) if (!days.has(d)) { all = false; break; }
    if (all && (!best || best.contains(box))) best = box;
  }
  if (!best) return {kind: 'none', shown: ''};
  // The month shown: a "Month Year" text in the calendar or just above it.
  let scope = best, shown = null, caption = '';
  for (let up = 0; up < 4 && scope && !shown; up++, scope = scope.parentElement) {
    const text = norm(scope.innerText).toLowerCase();
    const m = text.match(new RegExp('(' + MONTHS.join('|') + '|' + MONTHS.map((x) => x.slice(0, 3)).join('|') +
      ')[a-z]*\\\\.?,? (\\\\d{4})'));
    if (m) {
      const month = MONTHS.findIndex((x) => x.startsWith(m[1].slice(0, 3)));
      shown = {year: Number(m[2]), month};
      caption = m[0];
      break;
    }
  }
  if (!shown) return {kind: 'none', shown: ''};
  const area = scope || best;
  const target = t.year * 12 + t.month;
  const at = shown.year * 12 + shown.month;
  const label = (el) => norm([el.getAttribute('aria-label'), el.title, el.dataset ? el.dataset.date : '',
    el.getAttribute('datetime'), el.innerText].join(' ')).toLowerCase();
  if (target === at) {
    const iso = `${t.year}-${String(t.month + 1).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
    const cells = Array.from(best.querySelectorAll(CELLS)).filter(visible);
    const enabled = (el) => !el.disabled && el.getAttribute('aria-disabled') !== 'true';
    const byDate = cells.find((el) => enabled(el) && label(el).includes(iso));
    const byName = cells.find((el) => {
      const l = label(el);
      return enabled(el) && l.includes(MONTHS[t.month]) && l.includes(String(t.year)) &&
        new RegExp('(^|\\\\D)' + t.day + '(\\\\D|$)').test(l);
    });
    // A bare number is this month's day only once (grids may show the neighbouring months' days too).
    const bare = cells.filter((el) => enabled(el) && dayOf(el) === t.day && !el.querySelector(CELLS));
    const pick = byDate || byName || (bare.length === 1 ? bare[0] : null);
    window.__rotePick = pick;
    return {kind: pick ? 'day' : 'none', shown: caption};
  }
  const forward = target > at;
  const words = forward ? /(next|forward|›|»|→|>)/i : /(prev|previous|back|‹|«|←|<)/i;
  const controls = Array.from(area.querySelectorAll('button, [role=button], a')).filter(visible)
    .filter((el) => words.test(norm([el.getAttribute('aria-label'), el.title, el.innerText].join(' '))))
    .filter((el) => !dayOf(el));
  window.__rotePick = controls[0] || null;
  return {kind: controls[0] ? (forward ? 'next' : 'prev') : 'none', shown: caption};
}
"""
_PICKED_JS = "() => window.__rotePick || null"


async def _field_value(field: ElementHandle | Locator) -> str:
    try:
        return str(await field.evaluate("(e) => e.value ?? e.innerText ?? ''"))
    except PlaywrightError:
        return ""


def holds_date(text: str, date: dt.date) -> bool:
    """Whether a field's text shows ``date`` (in whatever spelling it uses)."""
    parsed = parse_date(text)
    if parsed is not None:
        return parsed == date
    lowered = text.casefold()
    month = date.strftime("%B").casefold()
    return str(date.year) in lowered and (month[:3] in lowered or f"{date.month:02d}" in lowered) and (
        f"{date.day:02d}" in lowered or f" {date.day} " in f" {lowered} " or f" {date.day}," in f" {lowered}"
    )


async def pick_in_calendar(page: Page, field: ElementHandle | Locator, date: dt.date) -> bool:
    """With the picker open, page to ``date``'s month and click its day; True when the field then shows it."""
    target: dict[str, Any] = {"year": date.year, "month": date.month - 1, "day": date.day}
    step = await _look(page, target)
    for _ in range(MAX_MONTHS):
        if step is None:
            return False
        try:
            control = (await page.evaluate_handle(_PICKED_JS)).as_element()
            if control is None:
                return False
            await control.click()
        except PlaywrightError:
            return False
        if step["kind"] == "day":
            return await _polled(lambda: _shows(field, date))
        shown = step["shown"]
        # The next look once the caption moved on (a picker redraws on the click, some a moment later).
        step = None
        for _ in range(_POLLS):
            look = await _look(page, target)
            if look is None or look["shown"] != shown:
                step = look
                break
            await asyncio.sleep(_POLL_S)
    return False


_POLLS = 40
_POLL_S = 0.025


async def _look(page: Page, target: dict[str, Any]) -> dict[str, Any] | None:
    try:
        step = dict(await page.evaluate(_STEP_JS, target))
    except PlaywrightError:
        return None
    return None if step["kind"] == "none" else step


async def _shows(field: ElementHandle | Locator, date: dt.date) -> bool:
    return holds_date(await _field_value(field), date)


async def _polled(check: Callable[[], Awaitable[bool]]) -> bool:
    """Whether ``check`` holds now or within a short bounded poll (the field is written on the click or just after)."""
    for _ in range(_POLLS):
        if await check():
            return True
        await asyncio.sleep(_POLL_S)
    return False
