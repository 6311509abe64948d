"""Per-action postconditions shared by agent mode (the recorder) and code mode (the runtime): value read-back,
chosen option/state, and the observable effect of a click, each at the cost of about one page evaluation."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import ElementHandle, Frame, Locator, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.value_formats import more_spellings
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

# One evaluation: the field's value now, its validity, and every hint of the format it asks for.
_READ_FIELD_JS = """
(el) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const type = (el.type || el.getAttribute('type') || '').toLowerCase();
  const value = el.isContentEditable ? el.innerText : (el.value ?? el.getAttribute('aria-valuetext') ?? '');
  const described = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.innerText);
  const labels = el.labels ? Array.from(el.labels).map((l) => l.innerText) : [];
  const hint = norm([...described, ...labels, el.getAttribute('title'), el.getAttribute('aria-label'),
    el.dataset ? (el.dataset.format || el.dataset.mask || '') : ''].join(' '));
  return {
    tag: el.tagName.toLowerCase(), type, value: String(value),
    valid: el.validity ? el.validity.valid : true, message: el.validationMessage || '',
    placeholder: el.getAttribute('placeholder') || '', pattern: el.getAttribute('pattern') || '',
    inputmode: el.getAttribute('inputmode') || '', hint,
  };
}
"""
_READ_CHOICE_JS = """
(el) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  if (el.tagName === 'SELECT') {
    return {selected: Array.from(el.selectedOptions).map((o) => [o.value, norm(o.label || o.text)])};
  }
  const aria = el.getAttribute('aria-checked');
  const checked = 'checked' in el && el.type !== undefined && /^(checkbox|radio)$/i.test(el.type)
    ? el.checked : aria === 'true';
  return {checked};
}
"""
# Installed before a click: watches the region the element belongs to (its form, dialog, section...) and
# remembers what appeared, so the effect is read after the click and an end state can say what is new.
_ARM_JS = """
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
  const isDisabled = (n) => !!(n.disabled || n.getAttribute('aria-disabled') === 'true');
  const state = {el, region, roots, form: el.form || closest(el, 'form'), dom: false, dialog: false, touched: [],
                 disabledBefore: isDisabled(el), resolve: null};
  const modal = 'dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true]';
  const live = '[aria-live=polite],[aria-live=assertive],[role=status],[role=alert],[role=log],output';
  const note = (node) => { if (state.touched.length < 400) state.touched.push(node); };
  state.observer = new MutationObserver((records) => {
    for (const m of records) {
      const target = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (!target) continue;
      // The clicked element restyling itself (focus rings, ripples) is no effect.
      if (target === el && m.type === 'attributes' && /^(class|style)$/.test(m.attributeName)) continue;
      for (const added of (m.addedNodes || [])) {
        const n = added.nodeType === 1 ? added : added.parentElement;
        if (!n) continue;
        note(n);
        if (n.matches && (n.matches(modal) || n.querySelector(modal))) state.dialog = true;
      }
      if (m.type !== 'childList') note(target);
      if (m.type === 'attributes' && target.matches && target.matches(modal)) state.dialog = true;
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
  return {context: row ? (row.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 300) : ''};
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
_APPEARED_JS = """
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


# --- page-level events (navigation, dialog, download, popup) ---------------------------------------


# Requests that carry something to a server (a form post, an API call, a beacon): what a submit is for.
_SENDING_TYPES = frozenset({"document", "fetch", "xhr", "ping"})
_MAX_LOG = 500


@dataclass
class PageEvents:
    """Counts of the page's own events, and a short log of what it sent, what the server refused and what script
    errors it raised; one instance per Playwright page, attached once."""

    navigations: int = 0
    dialogs: int = 0
    downloads: int = 0
    popups: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    seq: int = 0
    # (sequence, kind, detail): kind is "sent", "refused" (an HTTP error answering a send) or "script_error".
    log: list[tuple[int, str, str]] = field(default_factory=list)
    # The sequence number when the last value was entered: what a submit must be followed by.
    value_mark: int = -1
    # The frame of the last armed click watch (an iframe's form keeps its watch in that frame's window).
    watch_frame: Frame | None = None

    def bump(self, kind: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.changed.set()

    def counts(self) -> tuple[int, int, int, int]:
        return self.navigations, self.dialogs, self.downloads, self.popups

    def note(self, kind: str, detail: str) -> None:
        self.seq += 1
        self.log.append((self.seq, kind, detail[:300]))
        del self.log[:-_MAX_LOG]
        self.changed.set()

    async def wait_for(self, mark: int, kind: str, timeout_ms: float) -> list[str]:
        """What of ``kind`` was logged after ``mark``, waiting (bounded, on the events) for a first one."""
        deadline = asyncio.get_running_loop().time() + timeout_ms / 1000
        while not self.since(mark, kind):
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                break
            self.changed.clear()
            if self.since(mark, kind):
                break
            try:
                await asyncio.wait_for(self.changed.wait(), timeout=left)
            except TimeoutError:
                break
        return self.since(mark, kind)

    def mark_values(self) -> None:
        """A value was just entered: later evidence of sending counts from here."""
        self.value_mark = self.seq

    async def settle_sends(self, mark: int, timeout_ms: float) -> None:
        """Wait (bounded) until every request sent after ``mark`` has its answer, so a refusal is seen."""
        deadline = asyncio.get_running_loop().time() + timeout_ms / 1000
        while len(self.since(mark, "answered")) < len(self.since(mark, "sent")):
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), timeout=min(left, 0.1))
            except TimeoutError:
                continue

    def since(self, mark: int, kind: str) -> list[str]:
        return [detail for seq, logged, detail in self.log if seq > mark and logged == kind]


_EVENTS: weakref.WeakKeyDictionary[Page, PageEvents] = weakref.WeakKeyDictionary()


def page_events(page: Page) -> PageEvents:
    """The event counters of ``page``, listening from the first call on."""
    events = _EVENTS.get(page)
    if events is not None:
        return events
    events = _EVENTS[page] = PageEvents()

    def navigated(frame: Any) -> None:
        if frame == page.main_frame:
            events.bump("navigations")

    async def dialog(opened: Any) -> None:
        events.bump("dialogs")
        # A listener takes over Playwright's default (dismiss); keep that default.
        try:
            await opened.dismiss()
        except PlaywrightError:
            pass

    def requested(request: Any) -> None:
        # A GET for a sub-resource (an image, a script) sends nothing; a document, an API call or a non-GET does.
        if request.method != "GET" or request.resource_type in _SENDING_TYPES:
            events.note("sent", f"{request.method} {_short(request.url)}")

    def answered(response: Any) -> None:
        request = response.request
        if request.method != "GET" or request.resource_type in _SENDING_TYPES:
            events.note("answered", request.url)
        sent = request.method != "GET" or request.resource_type == "document"
        if response.status >= 400 and sent:
            events.note("refused", f"{request.method} {_short(request.url)} answered {response.status}")

    page.on("request", requested)
    page.on("response", answered)
    page.on("pageerror", lambda error: events.note("script_error", (str(error).strip() or "error").splitlines()[0]))
    page.on("framenavigated", navigated)
    page.on("dialog", dialog)
    page.on("download", lambda _download: events.bump("downloads"))
    page.on("popup", lambda _popup: events.bump("popups"))
    return events


def _short(url: str) -> str:
    return url.split("?", 1)[0][-120:]


# --- clicks --------------------------------------------------------------------------------------


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
        events = page_events(page)
        # A page without child frames holds the element in its main frame: no round trips to ask where it lives.
        frame = page.main_frame if len(page.frames) == 1 else await frame_of(element)
        try:
            raw = await element.evaluate(_ARM_JS)
            armed, context = True, str((raw or {}).get("context", ""))
        except PlaywrightError:
            armed, context = False, ""
        events.watch_frame = frame
        events.changed.clear()
        return cls(page, events, events.counts(), page.url, armed, context, events.seq, frame)

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
        if dialogs:
            return CE.CLICK_EFFECT_DIALOG
        if nav or self.page.url != self.url:
            return CE.CLICK_EFFECT_NAVIGATION
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


async def appeared_texts(page: Page, limit: int = 20) -> tuple[bool, list[str]]:
    """(whether a click watch is still on this document, visible texts that appeared after the last click)."""
    try:
        raw = await watched_frame(page).evaluate(_APPEARED_JS, limit)
    except PlaywrightError:
        return False, []
    return bool(raw.get("armed")), [str(t) for t in raw.get("texts", [])]


# --- values --------------------------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y")
_FORMAT_HINT = re.compile(r"\b(dd|mm|yyyy|yy)([./\- ])(dd|mm|yyyy)\2(dd|mm|yyyy|yy)\b", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")
# A pattern attribute that accepts digits only (\d{5}, [0-9]*, ^\d+$).
_DIGITS_PATTERN = re.compile(r"\^?(\\d|\[0-9\])[*+{0-9,}]*\$?")


def parse_date(value: str) -> dt.date | None:
    """The date ``value`` names in one of the common formats (day first when ambiguous), else None."""
    text = value.strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _canonical(text: str) -> str:
    return _NOT_ALNUM.sub("", text).casefold()


def value_matches(intended: str, observed: str, input_type: str = "") -> bool:
    """Whether a field holding ``observed`` holds ``intended``, normalised by input type: a date input's ISO value,
    a number's numeric value, a masked or reformatted field's letters and digits (case aside)."""
    if observed == intended or observed.strip() == intended.strip():
        return True
    if input_type == "date":
        date = parse_date(intended)
        return date is not None and observed == date.isoformat()
    if input_type in ("number", "range"):
        try:
            return float(observed) == float(intended)
        except ValueError:
            return False
    if input_type in ("password", "email", "url"):
        return False  # no mask reformats these; a difference is a real difference
    canonical = _canonical(intended)
    return bool(canonical) and canonical == _canonical(observed)


def _date_in(fmt: str, separator: str, date: dt.date) -> str:
    parts = {
        "dd": f"{date.day:02d}", "mm": f"{date.month:02d}", "yyyy": f"{date.year:04d}", "yy": f"{date.year % 100:02d}"
    }
    return separator.join(parts[token.lower()] for token in fmt.split(separator))


def alternative_formats(value: str, info: dict[str, Any]) -> list[str]:
    """Other spellings of ``value`` the field asks for (its type, placeholder, pattern or hint), best first."""
    found: list[str] = []
    date = parse_date(value)
    if info.get("type") == "date" and date is not None:
        found.append(date.isoformat())
    hints = " ".join(str(info.get(k, "")) for k in ("placeholder", "hint", "pattern"))
    match = _FORMAT_HINT.search(hints)
    if date is not None and match:
        found.append(_date_in(match.group(0), match.group(2), date))
    digits = re.sub(r"\D", "", value)
    numeric = info.get("inputmode") == "numeric" or _DIGITS_PATTERN.fullmatch(str(info.get("pattern", "")))
    if digits and digits != value and (numeric or info.get("type") in ("tel", "number")):
        found.append(digits)
    found[:0] = more_spellings(value, info)  # a part of a date, a month/year, digits laid into a mask: first
    return [candidate for candidate in dict.fromkeys(found) if candidate != value]


def declared_format(value: str, info: dict[str, Any]) -> str:
    """The spelling the field explicitly asks for, when ``value`` is a date in another one ('' otherwise)."""
    if info.get("type") == "date":
        return ""
    match = _FORMAT_HINT.search(" ".join(str(info.get(k, "")) for k in ("placeholder", "hint")))
    date = parse_date(value)
    if not match or date is None:
        return ""
    wanted = _date_in(match.group(0), match.group(2), date)
    return "" if _canonical(wanted) == _canonical(value) else wanted


@dataclass
class ValueCheck:
    """The outcome of typing into a field: what was typed (maybe reformatted), what the field holds."""

    verified: bool
    typed: str
    observed: str
    message: str = ""


async def read_field(element: Element) -> dict[str, Any]:
    """The field's value, validity and format hints (one evaluation)."""
    return dict(await element.evaluate(_READ_FIELD_JS))


async def fill_verified(
    element: Element, value: str, fill: Callable[[str], Awaitable[Any]] | None = None
) -> ValueCheck:
    """Fill ``value`` and read it back; when the field refuses that spelling (it holds something else, is invalid,
    or will not take it at all), type the spelling it asks for. ``fill`` does the typing (element.fill by default).
    Costs one evaluation when the field takes the value as typed."""
    do_fill = fill or element.fill
    try:
        await do_fill(value)
    except PlaywrightError:
        info = await read_field(element)  # e.g. a date input refusing a non-ISO date outright
        candidates = alternative_formats(value, info)
        if not candidates:
            raise
    else:
        info = await read_field(element)
        held = value_matches(value, info["value"], info["type"])
        if held and info["valid"]:
            # The field took it; a date in another spelling than the one the field declares is retyped in that one.
            wanted = declared_format(value, info)
            if wanted:
                await do_fill(wanted)
                retyped = await read_field(element)
                if value_matches(wanted, retyped["value"], retyped["type"]) and retyped["valid"]:
                    return ValueCheck(True, wanted, retyped["value"])
                await do_fill(value)  # it preferred the spelling it was given after all
            return ValueCheck(True, value, info["value"])
        else:
            if not held:
                await asyncio.sleep(0.05)  # some fields reformat on the next tick
                again = await read_field(element)
                if value_matches(value, again["value"], again["type"]) and again["valid"]:
                    return ValueCheck(True, value, again["value"])
                info = again
            candidates = alternative_formats(value, info)
    first = info
    for candidate in candidates:
        try:
            await do_fill(candidate)
        except PlaywrightError:
            continue
        info = await read_field(element)
        if value_matches(candidate, info["value"], info["type"]) and info["valid"]:
            return ValueCheck(True, candidate, info["value"])
    if info is not first and not candidates:
        info = first
    message = info["message"] or (
        "the field reports it invalid" if value_matches(value, info["value"], info["type"]) else ""
    )
    return ValueCheck(False, value, info["value"], message)


async def choice_verified(element: Element, value: str) -> ValueCheck:
    """Whether the select shows ``value`` (an option's value or label) as chosen."""
    raw = await element.evaluate(_READ_CHOICE_JS)
    selected = [(str(v), str(label)) for v, label in raw.get("selected", [])]
    wanted = value.strip().casefold()
    ok = any(wanted in (v.strip().casefold(), label.strip().casefold()) for v, label in selected)
    shown = ", ".join(label or v for v, label in selected) or "nothing"
    return ValueCheck(ok, value, shown)


async def state_verified(element: Element, checked: bool) -> ValueCheck:
    """Whether the checkbox/radio/switch is in the state asked for."""
    raw = await element.evaluate(_READ_CHOICE_JS)
    state = bool(raw.get("checked"))
    return ValueCheck(state == checked, "checked" if checked else "unchecked", "checked" if state else "unchecked")


def shown_value(text: str, secret: bool) -> str:
    """A value as it may appear in a record or a message: secrets never do."""
    if secret:
        return f"<secret, {len(text)} characters>"
    return text if len(text) <= 200 else text[:197] + "..."


def value_postcondition(check: ValueCheck, *, secret: bool) -> trace_pb2.Postcondition:
    """The trace's record of a value check (secret values replaced by their length)."""
    post = trace_pb2.Postcondition(
        verified=check.verified,
        expected=shown_value(check.typed, secret),
        observed=shown_value(check.observed, secret),
    )
    return post


def value_failure(intent: str, intended: str, check: ValueCheck, *, secret: bool) -> str:
    """Why a typed value did not verify: what was typed and what the field holds."""
    why = f" ({check.message})" if check.message else ""
    return (
        f"{intent or 'typing'}: typed {shown_value(intended, secret)!r} but the field holds "
        f"{shown_value(check.observed, secret)!r}{why}"
    )
