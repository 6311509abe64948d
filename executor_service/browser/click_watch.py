"""The observable effect of a click: armed before it, read after it, at the cost of about one page evaluation."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from playwright.async_api import ElementHandle, Frame, Locator, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.element_eval import evaluate_on
from executor_service.browser.page_events import PageEvents, page_events
from services.gen.rote.v1 import trace_pb2

CE = trace_pb2.ClickEffect
Effect = trace_pb2.ClickEffect
Element = Locator | ElementHandle
# The in-page effects race each other (a button is disabled, then its form is replaced): any one of them
# satisfies an expectation of another. A navigation, a download, a popup or a dialog must be that very kind.
IN_PAGE = frozenset({CE.CLICK_EFFECT_DOM_CHANGE, CE.CLICK_EFFECT_DISAPPEARED, CE.CLICK_EFFECT_DISABLED})
# Effects that show a click did something to the page or beyond it (a button that only greys out does not).
CONCLUSIVE = frozenset(
    {
        CE.CLICK_EFFECT_NAVIGATION, CE.CLICK_EFFECT_DOM_CHANGE, CE.CLICK_EFFECT_DISAPPEARED,
        CE.CLICK_EFFECT_DIALOG, CE.CLICK_EFFECT_DOWNLOAD, CE.CLICK_EFFECT_POPUP,
    }
)

# Installed before a click: watches the region the element belongs to (its form, dialog, section...) and
# remembers what appeared, so the effect is read after the click and an end state can say what is new.
ARM_JS = """
(el) => {
  const old = window.__roteWatch;
  if (old && old.observer) old.observer.disconnect();
  // The region: the landmark around the element (a form's result usually shows next to the form, not in it).
  // Open shadow roots the element sits in: closest() and contains() stop at their boundary, observers too.
  const roots = [];
  for (let r = el.getRootNode(); r && r.host; r = r.host.getRootNode()) roots.push(r);
  const closest = (n, sel) => { for (; n; n = n.getRootNode().host || null) { const c = n.closest(sel);
    if (c) return c; } return null; };
  const within = (outer, n) => { for (; n; n = n.parentNode || n.host || null) if (n === outer) return true;
    return false; };
  const region = closest(el, 'dialog,[role=dialog],[role=alertdialog],section,article,main,[role=main],' +
    '[role=region],li,tr,nav,header,footer') || document.body;
  // A click in the site's own navigation (a top-level menu, header or footer) shows its result in the main
  // content: an app's view switch never touches the navigation itself. Only elements added there count, so a
  // clock ticking or a carousel turning in the main content is no effect of a dead menu entry.
  const top = /^(NAV|HEADER|FOOTER)$/.test(region.tagName) && region.parentElement &&
    !region.parentElement.closest('article,section,li,dialog,[role=dialog],[role=region]');
  const shows = top ? (document.querySelector('main,[role=main]') || document.body) : null;
  const isDisabled = (n) => !!(n.disabled || n.getAttribute('aria-disabled') === 'true');
  const state = {el, region, roots, form: el.form || closest(el, 'form'), dom: false, dialog: false, touched: [],
                 added: new Set(), restyled: new Set(), max: 400, disabledBefore: isDisabled(el), resolve: null};
  const modal = 'dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true]';
  const seen = (n) => { const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0 &&
    getComputedStyle(n).visibility !== 'hidden'; };
  const openBefore = new Set(Array.from(document.querySelectorAll(modal)).filter(seen));
  const live = '[aria-live=polite],[aria-live=assertive],[role=status],[role=alert],[role=log],output';
  // Every node touched (the first 400), and which of them were added or had their text changed and which were
  // only restyled (an attribute): a message shown is the one, a list that re-rendered or went busy the other.
  const note = (node, how) => { if (state.touched.length < state.max) { state.touched.push(node);
    (how === 'attributes' ? state.restyled : state.added).add(node); } };
  state.observer = new MutationObserver((records) => {
    for (const m of records) {
      const target = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (!target) continue;
      // The clicked element restyling itself (focus rings, ripples) is no effect.
      if (target === el && m.type === 'attributes' && /^(class|style)$/.test(m.attributeName)) continue;
      for (const added of (m.addedNodes || [])) {
        const n = added.nodeType === 1 ? added : added.parentElement;
        if (!n) continue;
        note(n, 'added');
        if (n.matches && (n.matches(modal) || n.querySelector(modal))) state.dialog = true;
        if (shows && added.nodeType === 1 && within(shows, added)) state.dom = true;
      }
      if (m.type !== 'childList') note(target, m.type);
      if (m.type === 'attributes' && target.matches && target.matches(modal)) state.dialog = true;
      // A modal shown by un-hiding what holds it (a backdrop outside the clicked control's region); one open
      // before the click is no news of it.
      if (!state.dialog && m.type === 'attributes' && target !== document.body &&
          target !== document.documentElement && target.querySelector) {
        const inner = target.querySelector(modal);
        if (inner && !openBefore.has(inner) && seen(inner)) state.dialog = true;
      }
      if (within(region, target) || within(target, region) || !region.isConnected) state.dom = true;
      // A live region anywhere (a cart line in the header, a toast) is where a page announces what a click did.
      else if (closest(target, live)) state.dom = true;
    }
    if (state.resolve) state.resolve();
  });
  for (const root of [document.documentElement, ...roots]) {
    state.observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
  }
  window.__roteWatch = state;
  // The row or item the element sits in says which of several same-named controls this one is.
  const row = closest(el, 'tr,[role=row],li,[role=listitem],article,[role=article]');
  // What the page says before the click: on a document the click loads, that is no answer to it.
  const main = document.querySelector('main,[role=main]') || document.body;
  // The control's own name: a page's answer ("Changes saved") speaks of what the control named ("Update customer").
  const named = el.getAttribute('aria-label') || el.innerText || el.value || el.title || '';
  // The title of the dialog it sits in ("Edit customer" over a bare "Save"): what the control acts on. Outside a
  // dialog, the title of its form, or the page's heading ("Notification settings" over "Save changes").
  const box = closest(el, 'dialog,[role=dialog],[role=alertdialog]') || closest(el, 'form,[role=form]');
  const titled = (box ? ((box.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.innerText).join(' ') ||
    box.getAttribute('aria-label') || (box.querySelector('h1,h2,h3,legend') || {}).innerText || '') : '') ||
    (document.querySelector('h1') || {}).innerText || '';
  return {context: row ? (row.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 300) : '',
          before: main ? (main.innerText || '').slice(0, 20000) : '',
          name: String(named).replace(/\\s+/g, ' ').trim().slice(0, 120),
          about: String(titled).replace(/\\s+/g, ' ').trim().slice(0, 120)};
}
"""
# After the click: resolves as soon as an in-page effect shows, or after ``ms`` with what is there.
_EFFECT_JS = """
([ms, wanted]) => new Promise((resolve) => {
  const state = window.__roteWatch;
  if (!state) { resolve({kind: 'gone'}); return; }
  const shown = (n) => { if (!n.isConnected) return false; const r = n.getBoundingClientRect();
    const s = getComputedStyle(n); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
  const isDisabled = (n) => !!(n.disabled || n.getAttribute('aria-disabled') === 'true');
  const look = () => {
    if (state.dialog) return 'dialog';
    if (!shown(state.el)) return 'disappeared';
    if (!state.disabledBefore && isDisabled(state.el)) return 'disabled';
    if (state.dom) return 'dom';
    return '';
  };
  let timer = null;
  const finish = () => { state.resolve = null; clearTimeout(timer); resolve({kind: look()}); };
  const now = look();
  if (now && (wanted === 'any' || wanted === 'in_page')) { finish(); return; }
  state.resolve = () => { const k = look(); if (k && (wanted === 'any' || wanted === 'in_page' ||
    (wanted === 'dialog' && k === 'dialog'))) finish(); };
  timer = setTimeout(finish, ms);
})
"""
# What appeared (or changed) after the last click and is visible now: the page's own news.
APPEARED_JS = """
(limit) => {
  const state = window.__roteWatch;
  if (!state) return {armed: false, texts: []};
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const shown = (n) => { if (!n.isConnected) return false; const r = n.getBoundingClientRect();
    const s = getComputedStyle(n); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
  const seen = new Set(); const texts = [];
  for (const n of state.touched) {
    if (!n || !shown(n) || n === document.body || n === document.documentElement) continue;
    if (/^(INPUT|SELECT|TEXTAREA|OPTION|SCRIPT|STYLE)$/.test(n.tagName)) continue;
    const text = norm(n.innerText).slice(0, 300);
    if (text && !seen.has(text)) { seen.add(text); texts.push(text); }
    if (texts.length >= limit) break;
  }
  return {armed: true, texts};
}
"""


def effect_name(effect: int) -> str:
    """``navigation``, ``dom_change``, ... for messages."""
    try:
        return CE.Name(effect).removeprefix("CLICK_EFFECT_").lower()  # type: ignore[arg-type]
    except ValueError:
        return str(effect)


def effect_satisfies(seen: int, expected: int) -> bool:
    """Whether the effect seen now is of the kind recorded (in-page effects count as one kind)."""
    if expected in (CE.CLICK_EFFECT_UNSPECIFIED, CE.CLICK_EFFECT_NONE):
        return seen in CONCLUSIVE or seen == CE.CLICK_EFFECT_DISABLED
    if expected in IN_PAGE:
        return seen in IN_PAGE or seen == CE.CLICK_EFFECT_NAVIGATION
    return seen == expected


@dataclass
class ClickWatch:
    """Armed before a click, read after it: the kind of effect the click had."""

    page: Page
    events: PageEvents
    before: tuple[int, int, int, int]
    url: str
    armed: bool
    context: str = ""
    mark: int = 0  # the page's event sequence when armed: requests after it were caused by the click
    frame: Frame | None = None  # where the watch lives: the element's own frame

    @classmethod
    async def arm(cls, page: Page, element: Element) -> ClickWatch:
        # A page without child frames holds the element in its main frame: no round trips to ask where it lives.
        frame = page.main_frame if len(page.frames) == 1 else await frame_of(element)
        try:
            raw = await evaluate_on(element, ARM_JS)
        except PlaywrightError:
            return cls.installed(page, frame, context="", in_page=False)
        raw = raw or {}
        return cls.installed(page, frame, context=str(raw.get("context", "")), before=str(raw.get("before", "")),
                             name=str(raw.get("name", "")), about=str(raw.get("about", "")))

    @classmethod
    def installed(
        cls, page: Page, frame: Frame | None, *, context: str, in_page: bool = True, before: str = "", name: str = "",
        about: str = "",
    ) -> ClickWatch:
        """The watch whose in-page part ARM_JS has just installed in ``frame`` (here or in the look that found the
        element): page-level counts and the event mark are taken now, before the click."""
        events = page_events(page)
        events.watch_frame = frame
        events.before_text = before
        events.watch_name = name
        events.watch_about = about
        events.watch_mark = events.seq
        events.changed.clear()
        return cls(page, events, events.counts(), page.url, in_page, context, events.seq, frame)

    def sent_data(self) -> bool:
        """Whether the click made the page send something other than a GET (a form post, an API call): such a
        click changed state on a server and must never be made twice."""
        return any(not detail.startswith("GET ") for detail in self.events.since(self.mark, "sent"))

    def _page_effect(self) -> Effect:
        nav, dialogs, downloads, popups = (a - b for a, b in zip(self.events.counts(), self.before, strict=True))
        if downloads:
            return CE.CLICK_EFFECT_DOWNLOAD
        if popups:
            return CE.CLICK_EFFECT_POPUP
        if nav or self.page.url != self.url:
            return CE.CLICK_EFFECT_NAVIGATION  # a send confirmed in a dialog went on: the navigation is its effect
        if dialogs:
            return CE.CLICK_EFFECT_DIALOG
        return CE.CLICK_EFFECT_UNSPECIFIED

    async def effect(self, timeout_ms: float, expected: int = CE.CLICK_EFFECT_UNSPECIFIED) -> Effect:
        """The effect seen within ``timeout_ms``: the first one, or (when ``expected`` is a page-level kind) that
        one. Returns CLICK_EFFECT_NONE when nothing observable happened."""
        seen = await self._effect(timeout_ms, expected)
        if seen == CE.CLICK_EFFECT_NAVIGATION and (self.frame is None or self.frame == self.page.main_frame):
            await self._navigation_committed(timeout_ms)  # (an iframe's own navigation is not the page's)
        return seen

    async def _navigation_committed(self, timeout_ms: float) -> None:
        """The in-page watcher sees its document go away before Playwright reports the new one: wait (bounded) for
        the navigation event, so the page's URL and load state are the new document's when the caller reads them
        (an end state taken in between named the page the click left)."""
        deadline = asyncio.get_running_loop().time() + timeout_ms / 1000
        while self._page_effect() != CE.CLICK_EFFECT_NAVIGATION:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return
            self.events.changed.clear()
            if self._page_effect() == CE.CLICK_EFFECT_NAVIGATION:
                return
            try:
                await asyncio.wait_for(self.events.changed.wait(), timeout=left)
            except TimeoutError:
                return

    async def _effect(self, timeout_ms: float, expected: int) -> Effect:
        deadline = asyncio.get_running_loop().time() + timeout_ms / 1000
        seen = self._page_effect()
        in_page: Effect = CE.CLICK_EFFECT_UNSPECIFIED
        page_level = expected not in (CE.CLICK_EFFECT_UNSPECIFIED, CE.CLICK_EFFECT_NONE) and expected not in IN_PAGE
        wanted = "dialog" if expected == CE.CLICK_EFFECT_DIALOG else ("page" if page_level else "any")
        extended = False
        while True:
            if seen and (not page_level or seen == expected):
                return seen
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0 and not extended and self.events.since(self.mark, "sent"):
                # The click sent a request whose answer is still due (a slow server, a busy machine): the effect is
                # on its way, so it gets more time rather than being called absent.
                extended = True
                deadline += 3 * timeout_ms / 1000
                continue
            if left <= 0:
                break
            if self.armed and not in_page and wanted != "page":
                in_page = await self._in_page(left, wanted)
                seen = self._page_effect() or seen
                if in_page and not page_level:
                    if not seen and in_page == CE.CLICK_EFFECT_DIALOG and expected in IN_PAGE:
                        # A modal of the page itself opened or closed (the drawer a Save sits in closing before
                        # the button greys out, as it did when recorded): one of the in-page effects that race
                        # each other. A browser dialog (alert, confirm) is counted by the page and stays a dialog.
                        return CE.CLICK_EFFECT_DOM_CHANGE
                    return seen or in_page
                if in_page == CE.CLICK_EFFECT_DIALOG and expected == CE.CLICK_EFFECT_DIALOG:
                    return in_page
                continue
            # Page-level kinds arrive as Playwright events: wait for the next one, bounded. The check after
            # clearing catches an event that arrived in between (it would otherwise be waited for in vain).
            self.events.changed.clear()
            seen = self._page_effect()
            if seen and (not page_level or seen == expected):
                continue
            try:
                await asyncio.wait_for(self.events.changed.wait(), timeout=left)
            except TimeoutError:
                pass
            seen = self._page_effect()
        seen = self._page_effect()
        if not seen and not in_page and self.armed:
            # Waited for a page-level kind in vain: still say what the click did do, for the message.
            in_page = await self._in_page(0.0, "any")
        return seen or in_page or CE.CLICK_EFFECT_NONE

    async def _in_page(self, left_s: float, wanted: str) -> Effect:
        """Race the in-page observer against page-level events; a navigation destroys the observer's page."""
        where = self.frame if self.frame is not None and not self.frame.is_detached() else self.page.main_frame
        task = asyncio.ensure_future(where.evaluate(_EFFECT_JS, [max(0.0, left_s * 1000), wanted]))
        deadline = asyncio.get_running_loop().time() + left_s + 0.5
        while not task.done():
            # Other page events (a request sent, a response) wake us too: only a page-level effect ends the wait.
            self.events.changed.clear()
            if self._page_effect():
                break
            waiter = asyncio.ensure_future(self.events.changed.wait())
            left = deadline - asyncio.get_running_loop().time()
            try:
                await asyncio.wait({task, waiter}, timeout=max(0.0, left), return_when=asyncio.FIRST_COMPLETED)
            finally:
                waiter.cancel()
            if left <= 0:
                break
        if not task.done():
            task.cancel()
            # Page-level event first; the evaluation is abandoned (it resolves on its own timer).
            task.add_done_callback(_swallow)
            return CE.CLICK_EFFECT_UNSPECIFIED
        try:
            result = task.result()
        except PlaywrightError:
            return CE.CLICK_EFFECT_NAVIGATION  # the document went away under the observer
        kind = str((result or {}).get("kind", ""))
        if kind == "gone":
            return CE.CLICK_EFFECT_NAVIGATION
        return {
            "dialog": CE.CLICK_EFFECT_DIALOG,
            "disappeared": CE.CLICK_EFFECT_DISAPPEARED,
            "disabled": CE.CLICK_EFFECT_DISABLED,
            "dom": CE.CLICK_EFFECT_DOM_CHANGE,
        }.get(kind, CE.CLICK_EFFECT_UNSPECIFIED)


def _swallow(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()


async def frame_of(element: Element) -> Frame | None:
    """The frame an element lives in (an iframe's form is watched and judged in that frame)."""
    try:
        handle = element if isinstance(element, ElementHandle) else await element.element_handle(timeout=1000)
        return await handle.owner_frame() if handle is not None else None
    except PlaywrightError:
        return None


def watched_frame(page: Page) -> Frame:
    """The frame of the last click watch when it is still attached, else the main frame."""
    frame = page_events(page).watch_frame
    return frame if frame is not None and not frame.is_detached() else page.main_frame


# A control busy while its request was out ("disabled" was its first effect), read once it is done: '' while it
# is still disabled, else the visible texts added or rewritten since the click outside the control itself.
_NEWS_AFTER_BUSY_JS = """
(limit) => {
  const state = window.__roteWatch;
  if (!state || !state.el.isConnected) return [];
  const el = state.el;
  if (el.disabled || el.getAttribute('aria-disabled') === 'true') return [];
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const shown = (n) => { if (!n.isConnected) return false; const r = n.getBoundingClientRect();
    const s = getComputedStyle(n); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
  const texts = [];
  for (const n of state.added) {
    if (!n || n === el || n.contains(el) || el.contains(n) || !shown(n)) continue;
    if (/^(INPUT|SELECT|TEXTAREA|OPTION|SCRIPT|STYLE|BODY|HTML)$/.test(n.tagName)) continue;
    const text = norm(n.innerText).slice(0, 300);
    if (text && !texts.includes(text)) texts.push(text);
    if (texts.length >= limit) break;
  }
  return texts;
}
"""


async def news_after_busy(page: Page, limit: int = 3) -> list[str]:
    """What the page added since the last click, once the control that went busy is enabled again ([] while it
    is still busy, or when nothing new shows): a "disabled" effect is the send under way, not its answer."""
    try:
        return [str(t) for t in await watched_frame(page).evaluate(_NEWS_AFTER_BUSY_JS, limit)]
    except PlaywrightError:
        return []


async def appeared_texts(page: Page, limit: int = 20) -> tuple[bool, list[str]]:
    """(whether a click watch is still on this document, visible texts that appeared after the last click)."""
    try:
        raw = await watched_frame(page).evaluate(APPEARED_JS, limit)
    except PlaywrightError:
        return False, []
    return bool(raw.get("armed")), [str(t) for t in raw.get("texts", [])]
