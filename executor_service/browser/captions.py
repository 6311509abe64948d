"""Captions of fields with no label of their own (the row header or the text before them): read on one field to
confirm a positional match on replay, and searched over a page's fields to find the one a caption names."""

from __future__ import annotations

import re

from playwright.async_api import ElementHandle, Frame, Locator, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.element_eval import evaluate_on

# The same reading as the agent's page model (snapshot.js, contextOf): a row's header cell (or its first cell when
# that holds no field), else the nearest text before the field that is not another field's.
_CAPTIONS_OF = """
const FIELDS = 'input:not([type=hidden]), select, textarea, [role=textbox], [role=combobox], [role=listbox]';
const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
const captionsOf = (el) => {
  const out = [];
  const cell = el.closest('td');
  if (cell && cell.parentElement) {
    const row = cell.parentElement;
    const th = row.querySelector('th');
    const first = row.children[0];
    if (th) out.push(norm(th.textContent));
    else if (first && first !== cell && !first.querySelector(FIELDS)) out.push(norm(first.textContent));
  }
  let node = el;
  for (let depth = 0; depth < 4 && node && node !== document.body; depth++) {
    let prev = node.previousSibling;
    let found = '';
    while (prev) {
      if (prev.nodeType === 1 && (prev.matches(FIELDS) || prev.querySelector(FIELDS))) { found = null; break; }
      if (prev.nodeType === 1 || prev.nodeType === 3) {
        const t = norm(prev.textContent);
        if (t) { found = t; break; }
      }
      prev = prev.previousSibling;
    }
    if (found) out.push(found.slice(0, 120));
    if (found || found === null) break;
    node = node.parentElement;
    if (!node || node.matches('form, fieldset, [role=group], [role=radiogroup], [role=dialog], td, li')) break;
  }
  return out.filter(Boolean);
};
"""
_CAPTIONS_JS = f"(el) => {{ {_CAPTIONS_OF} return captionsOf(el); }}"
# Every visible field of the document with its captions, for the Python side to match (one rule, in one place).
_ALL_CAPTIONS_JS = f"""
() => {{ {_CAPTIONS_OF}
  const shown = (n) => {{ const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0 &&
    getComputedStyle(n).visibility === 'visible'; }};
  window.__roteCaptioned = Array.from(document.querySelectorAll(FIELDS)).filter(shown);
  return window.__roteCaptioned.map(captionsOf);
}}
"""


def caption_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.casefold()))


def captions_match(wanted: str, seen: str) -> bool:
    """The same caption when the words of one are all in the other ("Phone" and "Phone number")."""
    w, s = caption_words(wanted), caption_words(seen)
    return bool(w and s) and (w <= s or s <= w)


async def has_caption(element: Locator | ElementHandle, caption: str) -> bool:
    """Whether the field is captioned ``caption`` (a field with no caption at all is not)."""
    try:
        seen = [str(c) for c in await evaluate_on(element, _CAPTIONS_JS)]
    except PlaywrightError:
        return False
    return any(captions_match(caption, s) for s in seen)


async def field_by_caption(scopes: list[Page | Frame], caption: str) -> ElementHandle | None:
    """The one visible field across ``scopes`` whose caption is ``caption``: an exact caption first, else one
    holding or held by its words; None when none or several fit."""
    exact: list[tuple[Page | Frame, int]] = []
    close: list[tuple[Page | Frame, int]] = []
    wanted = caption_words(caption)
    for scope in scopes:
        try:
            fields = await scope.evaluate(_ALL_CAPTIONS_JS)
        except PlaywrightError:
            continue
        for index, captions in enumerate(fields):
            texts = [str(c) for c in captions]
            if any(caption_words(t) == wanted for t in texts):
                exact.append((scope, index))
            elif any(captions_match(caption, t) for t in texts):
                close.append((scope, index))
    chosen = exact if exact else close
    if len(chosen) != 1:
        return None
    scope, index = chosen[0]
    try:
        handle = await scope.evaluate_handle("(i) => window.__roteCaptioned[i]", index)
    except PlaywrightError:
        return None
    return handle.as_element()
