"""Captures a block's end state (URL pattern and a landmark text) so replay can check it reached the same place."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from services.gen.rote.v1 import trace_pb2

_LANDMARK_JS = """
() => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const shown = (el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  for (const selector of ['h1', '[role=heading][aria-level="1"]', 'h2', '[role=heading]', 'legend', 'caption']) {
    for (const el of document.querySelectorAll(selector)) {
      const text = norm(el.innerText);
      if (text && shown(el)) return text;
    }
  }
  return '';
}
"""
_MAX_LANDMARK = 80
# Digits-heavy text (references, prices, dates) differs between runs; such a landmark would fail replay.
_ID_SEGMENT = re.compile(r"\d")
_VOLATILE = re.compile(r"\d{2,}|\$|€|£|@")


def url_pattern(url: str) -> str:
    """An anchored regex for the URL's path: host, query values and fragment vary between runs, so are left out,
    and so does a path segment holding a number (an id such as /invoices/INV-1001 differs per run or loop item)."""
    path = urlsplit(url).path or "/"
    segments = ["[^/]+" if _ID_SEGMENT.search(seg) else re.escape(seg) for seg in path.split("/")]
    return "/".join(segments) + r"(?:[?#]|$)"


def stable_landmark(text: str) -> str:
    """The text when it makes a good landmark (short and free of run-specific values), else ''."""
    text = " ".join(text.split())
    if not text or len(text) > _MAX_LANDMARK or _VOLATILE.search(text):
        return ""
    return text


async def capture_end_state(page: Page) -> trace_pb2.EndState:
    """Where the page is now: a path pattern and the main heading (when it is stable enough to check)."""
    try:
        landmark = await page.evaluate(_LANDMARK_JS)
    except PlaywrightError:
        landmark = ""
    return trace_pb2.EndState(url_pattern=url_pattern(page.url), landmark_text=stable_landmark(str(landmark)))
