"""The page's own events (navigations, dialogs, downloads, popups, sends, refusals), counted once per page."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Frame, Page

# Requests that carry something to a server (a form post, an API call, a beacon): what a submit is for.
_SENDING_TYPES = frozenset({"document", "fetch", "xhr", "ping"})
_MAX_LOG = 500
# Requests that never bring content into the page (or never end): not counted as in flight.
_NOT_CONTENT_TYPES = frozenset({"image", "media", "font", "stylesheet", "eventsource", "websocket", "manifest"})


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
    # The sequence number when the last click watch was armed: the requests after it are that click's.
    watch_mark: int = -1
    # The name of the control that click was on ("Update customer"): what the page's answer speaks of.
    watch_name: str = ""
    watch_about: str = ""  # the title of the dialog that control sat in ("Edit customer"): what it acts on
    # The main content's text when the last click watch was armed: on the document a click loaded, what the old
    # one already said (a settings page's standing warnings) is no answer to the click.
    before_text: str = ""
    # The navigation count when replay last looked for a target: a look at a new document readies both of
    # Playwright's selector worlds at once (runtime/locating.py, _beside).
    looked_at: int = -1
    # Requests that may still bring content (documents, scripts, fetches) and have not ended yet.
    in_flight: set[Any] = field(default_factory=set)
    # True while a send the goal asks for is pressed: the page's "Are you sure?" (confirm, leave-page) is answered
    # OK, as the person asking for the send would; at any other time every dialog is dismissed.
    confirming: bool = False
    confirmed: int = 0  # confirm dialogs answered OK so far

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

    async def in_flight_ended(self, timeout_ms: float) -> None:
        """Wait (bounded) until no request that may bring content is in flight."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_ms / 1000
        while self.in_flight and loop.time() < deadline:
            self.changed.clear()  # set by every answer; a request that ends without one is seen within 100 ms
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), timeout=min(deadline - loop.time(), 0.1))


# Resolves true as soon as the DOM changes (then a short breath for the rest of the change), false after ``ms``.
WAIT_FOR_CHANGE_JS = """
(ms) => new Promise((resolve) => {
  const observer = new MutationObserver(() => { observer.disconnect(); setTimeout(() => resolve(true), 50); });
  observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true});
  setTimeout(() => { observer.disconnect(); resolve(false); }, ms);
})
"""

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
        answer = "OK" if events.confirming and opened.type in ("confirm", "beforeunload") else "dismissed"
        events.note("dialog", f"{opened.type} ({answer}): {' '.join(str(opened.message).split())}")
        # A listener takes over Playwright's default (dismiss): kept, but for the send's own "Are you sure?".
        try:
            if events.confirming and opened.type in ("confirm", "beforeunload"):
                events.confirmed += 1
                await opened.accept()
            else:
                await opened.dismiss()
        except PlaywrightError:
            pass

    def requested(request: Any) -> None:
        if request.resource_type not in _NOT_CONTENT_TYPES:
            events.in_flight.add(request)
        # A GET for a sub-resource (an image, a script) sends nothing; a document, an API call or a non-GET does.
        if request.method != "GET" or request.resource_type in _SENDING_TYPES:
            events.note("sent", f"{request.method} {_short(request.url)}")

    def answered(response: Any) -> None:
        request = response.request
        tracked = request.method != "GET" or request.resource_type in _SENDING_TYPES
        sent = request.method != "GET" or request.resource_type == "document"
        if response.status >= 400 and sent:
            events.note("refused", f"{request.method} {_short(request.url)} answered {response.status}")
        elif request.method != "GET" and response.status < 300 and _json_answer(response):
            # Its body may say what the status does not: read it before the send counts as answered.
            task = asyncio.ensure_future(_read_answer(events, response, tracked))
            _READING.add(task)
            task.add_done_callback(_READING.discard)
            return
        if tracked:
            events.note("answered", request.url)

    page.on("request", requested)
    page.on("requestfinished", lambda request: events.in_flight.discard(request))
    page.on("requestfailed", lambda request: events.in_flight.discard(request))
    page.on("response", answered)
    page.on("pageerror", lambda error: events.note("script_error", (str(error).strip() or "error").splitlines()[0]))
    page.on("framenavigated", navigated)
    page.on("dialog", dialog)
    page.on("download", lambda _download: events.bump("downloads"))
    page.on("popup", lambda _popup: events.bump("popups"))
    return events


@contextmanager
def confirming(page: Page, sending: bool) -> Iterator[None]:
    """While ``sending``, the page's confirm dialogs are answered OK (see PageEvents.confirming)."""
    events = page_events(page)
    events.confirming = sending
    try:
        yield
    finally:
        events.confirming = False


def forget_page_events(page: Page) -> None:
    """Start the page's counts and log afresh: a reused page's next run must not see its previous run's events
    (its listeners stay attached and fill the same, emptied, record)."""
    events = _EVENTS.get(page)
    if events is not None:
        for name, value in vars(PageEvents()).items():
            setattr(events, name, value)


# Reads of answers' bodies under way (kept so they are not collected before they finish).
_READING: set[asyncio.Future[None]] = set()
# A JSON answer longer than this is a document, not a verdict on what was sent.
_MAX_ANSWER_BYTES = 65536
# What a JSON answer says of a request that failed though its status is 2xx: {"ok": false}, {"success": false},
# {"status": "error"}, {"error": "Card declined"}, {"errors": [...]} (GraphQL's way).
_FAILED_STATUSES = frozenset({"error", "fail", "failed", "failure", "rejected", "declined", "invalid"})


def _json_answer(response: Any) -> bool:
    headers = response.headers
    if "json" not in headers.get("content-type", ""):
        return False
    length = headers.get("content-length", "")
    return not length.isdigit() or int(length) <= _MAX_ANSWER_BYTES


async def _read_answer(events: PageEvents, response: Any, tracked: bool) -> None:
    """Note a refusal when a 2xx JSON answer says the request failed; then the send as answered."""
    request = response.request
    try:
        failure = answer_says_failure(await response.json())
    except (PlaywrightError, ValueError):
        failure = ""  # no body (the page moved on), or not JSON after all
    if failure:
        events.note("refused", f"{request.method} {_short(request.url)} answered {response.status} saying {failure}")
    if tracked:
        events.note("answered", request.url)


def answer_says_failure(body: Any) -> str:
    """How a JSON answer with a success status says the request failed ('' when it does not): a page may still
    show "Saved!" over it, but the server did not keep what was sent."""
    if not isinstance(body, dict):
        return ""
    for key in ("ok", "success"):
        if body.get(key) is False:
            return f"{key}: false"
    for key in ("status", "result"):
        value = body.get(key)
        if isinstance(value, str) and value.strip().casefold() in _FAILED_STATUSES:
            return f"{key}: {value!r}"
    error = body.get("error")
    if error not in (None, False, "", {}, []):
        return f"error: {str(error)[:80]!r}"
    errors = body.get("errors")
    if isinstance(errors, (list, dict)) and errors:
        return f"errors: {str(errors)[:80]}"
    return ""


def _short(url: str) -> str:
    return url.split("?", 1)[0][-120:]
