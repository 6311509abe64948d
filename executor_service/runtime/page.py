"""Page: the replay API that generated code calls; each action resolves its target, acts, and is recorded."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import ElementHandle, Frame, Locator
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.browser.captions import field_by_caption, has_caption
from executor_service.browser.completion import VALUE_ACTIONS
from executor_service.browser.date_picker import pick_in_calendar
from executor_service.browser.intents import legacy_only_if_present, legacy_picker_date
from executor_service.browser.postconditions import (
    ClickWatch,
    ValueCheck,
    choice_verified,
    effect_name,
    effect_satisfies,
    fill_verified,
    page_events,
    state_verified,
    value_failure,
    value_postcondition,
)
from executor_service.browser.snapshot import TableTooLarge, fingerprint_element, read_table_rows
from executor_service.browser.value_formats import date_part_option, parse_date
from executor_service.runtime.context import RunContext
from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.target import ROWS, Target
from executor_service.runtime.uploads import UploadFolder
from executor_service.url_policy import check_navigation, check_response
from services.booleans import CHECKED_WORDS
from services.gen.rote.v1 import trace_pb2

__all__ = ["Page", "ReplayFailed"]

ActionSink = Callable[[trace_pb2.Action, bool], Awaitable[None]]
Healer = Callable[[PlaywrightPage, str, trace_pb2.ElementFingerprint], Awaitable[ElementHandle | None]]
DownloadSink = Callable[[str, bytes], Awaitable[str]]
Element = Locator | ElementHandle
AT = trace_pb2.ActionType
CE = trace_pb2.ClickEffect
# Child frames a target is looked for in besides the page itself (an embedded form; ads beyond do not matter).
_MAX_FRAMES = 12
# A css locator naming a field by its name attribute (input[name="po_ref"]).
_NAME_SELECTOR = re.compile(r'\[name="([^"]+)"\]')
# How long a target may stay covered or moving before replay calls it drift (Playwright retries within it).
_REACH_MS = 400
# What sits on top of an element's centre, when it is not the element, its label or a part of it.
_COVER_JS = """
(el) => {
  el.scrollIntoView({block: 'center', inline: 'center'});
  const r = el.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (!top || top === el || el.contains(top) || top.contains(el)) return '';
  if (el.labels && Array.from(el.labels).some((l) => l === top || l.contains(top))) return '';
  const box = top.closest('dialog,[role=dialog],[role=alertdialog],[aria-modal=true]') || top;
  const name = (box.getAttribute('aria-label') || box.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
  return `${box.tagName.toLowerCase()}${box.id ? '#' + box.id : ''}${name ? ' (' + JSON.stringify(name) + ')' : ''}`;
}
"""
# Strategies that find the element by its own words (or its test id, or the caption it was recorded with).
_OWN_WORDS = frozenset({"test_id", "role", "label", "placeholder", "text", "caption"})
# Strategies that find an element by where it is or by a name a page may reuse, not by its own words.
_POSITIONAL = frozenset({"id", "css", "xpath"})
# The effect names generated code passes to ``click(effect=...)``.
EFFECTS = {effect_name(value): value for value in CE.values() if value not in (0, CE.CLICK_EFFECT_NONE)}


# Every name a field shows: its labels, aria-label, aria-labelledby text, placeholder, title.
_FIELD_NAMES_JS = """
(el) => {
  const byIds = (attr) => (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.innerText);
  // A label wrapping its control also holds the control's own text (a select's options): leave that out.
  const own = (label) => { const copy = label.cloneNode(true);
    copy.querySelectorAll('input,select,textarea,button').forEach((n) => n.remove()); return copy.textContent; };
  return [...(el.labels ? Array.from(el.labels).map(own) : []), el.getAttribute('aria-label') || '',
          ...byIds('aria-labelledby'), el.getAttribute('placeholder') || '', el.getAttribute('title') || ''];
}
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", str(text).casefold()))


class Page:
    """Wraps one Playwright page for one run; generated code never sees Playwright directly."""

    def __init__(
        self,
        page: PlaywrightPage,
        ctx: RunContext,
        *,
        on_action: ActionSink,
        healer: Healer | None = None,
        store_download: DownloadSink | None = None,
        settle_timeout_ms: float = 5000,
        uploads: UploadFolder | None = None,
    ) -> None:
        self._page = page
        self._uploads = uploads
        self._ctx = ctx
        self._on_action = on_action
        self._healer = healer
        self._store_download = store_download
        self._settle_ms = settle_timeout_ms
        self.actions: list[trace_pb2.Action] = []
        self.heal_notes: list[str] = []
        self._found_by = ""  # the strategy that found the last resolved target (see _same_field)
        self.downloads: list[str] = []
        self.tables_read = 0
        self.agent_steps = 0
        self._healed_fingerprint: trace_pb2.ElementFingerprint | None = None

    def reset_block(self) -> None:
        """Start a new block: its action list, heal notes and downloads begin empty."""
        self.actions = []
        self.heal_notes = []
        self.downloads = []
        self.tables_read = 0

    @property
    def url(self) -> str:
        """The address of the page now."""
        return self._page.url

    async def title(self) -> str:
        """The page's title."""
        return await self._page.title()

    # --- actions -----------------------------------------------------------------------------

    async def goto(self, url: str, *, intent: str = "") -> None:
        check_navigation(str(url))
        try:
            response = await self._page.goto(str(url), wait_until="domcontentloaded")
        except PlaywrightError as exc:
            raise ReplayFailed(f"could not open {url}: {_first_line(exc)}") from exc
        check_response(response)
        await self._record(AT.ACTION_TYPE_GOTO, None, intent, url=str(url))

    async def click(
        self, target: Target, *, intent: str = "", irreversible: bool = False, effect: str = "",
        if_present: bool = False,
    ) -> None:
        """Click and observe the effect: ``effect`` is the kind seen at record time (navigation, dom_change,
        disappeared, disabled, dialog, download, popup); without it any observable effect will do. A click with
        no effect of that kind within the settle time fails the replay (issue 13). ``if_present``: nothing to do
        when the element is not on the page (an overlay the recording closed that did not show this time)."""
        expected = EFFECTS.get(effect, CE.CLICK_EFFECT_UNSPECIFIED)
        if effect and expected == CE.CLICK_EFFECT_UNSPECIFIED:
            raise ReplayFailed(f"click {intent!r}: unknown effect {effect!r} (expected one of {sorted(EFFECTS)})")
        optional = if_present or legacy_only_if_present(intent)
        if optional and await self._unique_visible(self._candidates(target)) is None:
            return
        element, healed = await self._resolve(target, intent)
        await self._reachable(element, target, intent)
        watch = await ClickWatch.arm(self._page, element)
        await self._act(element.click(), target)
        seen = await watch.effect(self._settle_ms, expected)
        picked = legacy_picker_date(intent)
        if picked is not None and not await pick_in_calendar(self._page, element, picked):
            raise ReplayFailed(f"click {intent!r}: the date picker did not take {picked.isoformat()}")
        context = watch.context
        secrets = (self._ctx.parameters.get(key, "") for key in self._ctx.secret_keys)
        if any(secret and secret in context for secret in secrets):
            context = ""  # a secret never reaches a record
        post = trace_pb2.Postcondition(
            verified=effect_satisfies(seen, expected), effect=seen, expected=effect or "an observable effect",
            observed=effect_name(seen), context=context,
        )
        if not post.verified:
            what = f"a {effect} effect" if effect else "an observable effect"
            raise ReplayFailed(
                f"click {intent!r} on {target.describe()}: expected {what} within {self._settle_ms:g} ms, "
                f"saw {effect_name(seen)} (the page is {self._page.url})"
            )
        await self._record(
            AT.ACTION_TYPE_CLICK, target, intent, healed=healed, irreversible=irreversible or watch.sent_data(),
            postcondition=post, only_if_present=if_present,
        )

    async def pick_date(self, target: Target, value: str, *, intent: str = "") -> None:
        """Open a date field's calendar and pick the date ``value`` spells (this run's parameter, in whatever common
        spelling); the field must then show that date."""
        date = parse_date(str(value))
        if date is None:
            raise ReplayFailed(f"{intent or 'pick a date'}: {self._shown(value)} is not a date")
        element, healed = await self._resolve(target, intent)
        await self._reachable(element, target, intent)
        await self._act(element.click(), target)
        if not await pick_in_calendar(self._page, element, date):
            raise ReplayFailed(
                f"{intent or 'pick a date'}: the date picker of {target.describe()} did not take {self._shown(value)}"
            )
        shown = "" if self._is_secret(value) else date.isoformat()
        post = trace_pb2.Postcondition(verified=True, expected=shown, observed=shown)
        await self._record(AT.ACTION_TYPE_PICK_DATE, target, intent, value=value, healed=healed, postcondition=post)

    def _shown(self, value: object) -> str:
        """A value as a message may show it: quoted, or "a secret value"."""
        return "a secret value" if self._is_secret(value) else repr(str(value))

    async def fill(self, target: Target, value: str, *, intent: str = "") -> None:
        """Type and read back (normalised by input type; a field asking for another spelling gets it)."""
        element, healed = await self._resolve(target, intent)
        await self._same_field(element, target, intent, healed, value)
        try:
            check = await fill_verified(element, str(value))
        except PlaywrightError as exc:
            raise ReplayFailed(f"action on {target.describe()} failed: {_first_line(exc)}") from exc
        secret = self._is_secret(value)
        self._require(check, intent, str(value), secret)
        post = value_postcondition(check, secret=secret)
        if check.typed != str(value) and not secret:
            post.typed_format = check.typed
        await self._record(AT.ACTION_TYPE_TYPE, target, intent, value=value, healed=healed, postcondition=post)

    async def select(self, target: Target, value: str, *, intent: str = "") -> None:
        element, healed = await self._resolve(target, intent)
        await self._same_field(element, target, intent, healed, value)
        chosen = await _option_for(element, str(value))
        await self._act(element.select_option(chosen), target)
        check = await self._read(choice_verified(element, chosen), target)
        secret = self._is_secret(value)
        self._require(check, intent, str(value), secret)
        post = value_postcondition(check, secret=secret)
        await self._record(
            AT.ACTION_TYPE_SELECT_OPTION, target, intent, value=value, healed=healed, postcondition=post
        )

    async def check(self, target: Target, *, intent: str = "") -> None:
        element, healed = await self._resolve(target, intent)
        await self._reachable(element, target, intent)
        await self._act(element.check(), target)
        post = await self._state(element, True, target, intent)
        await self._record(AT.ACTION_TYPE_CHECK, target, intent, healed=healed, postcondition=post)

    async def uncheck(self, target: Target, *, intent: str = "") -> None:
        element, healed = await self._resolve(target, intent)
        await self._reachable(element, target, intent)
        await self._act(element.uncheck(), target)
        post = await self._state(element, False, target, intent)
        await self._record(AT.ACTION_TYPE_UNCHECK, target, intent, healed=healed, postcondition=post)

    async def set_checked(self, target: Target, value: object, *, intent: str = "") -> None:
        """Tick or untick a checkbox from a value (a parameter, usually): true/yes/1/on tick it."""
        checked = str(value).strip().lower() in CHECKED_WORDS
        element, healed = await self._resolve(target, intent)
        await self._reachable(element, target, intent)
        await self._act(element.set_checked(checked), target)
        post = await self._state(element, checked, target, intent)
        kind = AT.ACTION_TYPE_CHECK if checked else AT.ACTION_TYPE_UNCHECK
        await self._record(kind, target, intent, value=value, healed=healed, postcondition=post)

    async def set_listed(self, value: object, known: list[Target], *, intent: str = "") -> None:
        """Make a checkbox list hold exactly the comma-separated items of ``value`` (issue 15: the parameter's
        choice): each known box is ticked when its name is an item and unticked otherwise, and every item no known
        box names is ticked by its name (a checkbox that must match exactly one visible element)."""
        wanted = {item.strip().casefold(): item.strip() for item in str(value).split(",") if item.strip()}
        covered: set[str] = set()
        groups: set[str] = set()
        for target in known:
            name = (target.name or target.label or target.text or "").strip()
            covered.add(name.casefold())
            found = await self._unique_visible(self._candidates(target))
            group = await found.get_attribute("name") if found is not None else None
            if group:
                groups.add(group)
            await self.set_checked(target, "true" if name.casefold() in wanted else "false", intent=intent)
        for folded, item in wanted.items():
            if folded not in covered:
                await self.set_checked(Target(role="checkbox", name=item), "true", intent=intent)
        # Boxes of the same form list the recording never touched (ticked already on this page) are unticked too.
        for group in sorted(groups):
            boxes = self._page.locator(f"input[type=checkbox][name={json.dumps(group)}]")
            for index in range(await boxes.count()):
                box = boxes.nth(index)
                if not (await box.is_visible() and await box.is_checked()):
                    continue
                label = str(await box.evaluate(_BOX_LABEL_JS)).strip()
                if label.casefold() in wanted:
                    continue
                other = Target(role="checkbox", name=label)
                await self._act(box.uncheck(), other)
                post = await self._state(box, False, other, intent)
                await self._record(AT.ACTION_TYPE_UNCHECK, other, intent, value="false", postcondition=post)

    async def press(self, target: Target | None, key: str, *, intent: str = "") -> None:
        healed = False
        if target is None:
            await self._act(self._page.keyboard.press(key), None)
        else:
            element, healed = await self._resolve(target, intent)
            await self._act(element.press(key), target)
        await self._record(AT.ACTION_TYPE_PRESS_KEY, target, intent, value=key, healed=healed)

    async def hover(self, target: Target, *, intent: str = "") -> None:
        element, healed = await self._resolve(target, intent)
        await self._act(element.hover(), target)
        await self._record(AT.ACTION_TYPE_HOVER, target, intent, healed=healed)

    async def scroll(self, target: Target | None, *, amount: float = 0, intent: str = "") -> None:
        healed = False
        if target is None:
            await self._act(self._page.mouse.wheel(0, amount), None)
        else:
            element, healed = await self._resolve(target, intent)
            await self._act(element.scroll_into_view_if_needed(), target)
        await self._record(AT.ACTION_TYPE_SCROLL, target, intent, amount=amount, healed=healed)

    async def wait(self, seconds: float, *, intent: str = "") -> None:
        # An explicit wait the agent chose is part of the recorded behaviour, so it is replayed as is.
        await asyncio.sleep(max(0.0, float(seconds)))
        await self._record(AT.ACTION_TYPE_WAIT, None, intent, amount=seconds)

    async def upload(self, target: Target, file: str, *, intent: str = "") -> None:
        """Attach a file to a file input: ``file`` is an object key under the run's organisation (a parameter,
        usually), fetched into the run's own folder. A local path is refused: the executor's files are not a run's."""
        if self._uploads is None:
            raise ReplayFailed("this run cannot upload files: it has no upload folder")
        local = self._uploads.inside(await self._uploads.fetch(str(file)))
        element, healed = await self._resolve(target, intent)
        await self._act(element.set_input_files(str(local)), target)
        await self._record(AT.ACTION_TYPE_UPLOAD_FILE, target, intent, value=file, healed=healed)

    async def download(self, target: Target, *, intent: str = "") -> str:
        """Click what starts a download, store the file, and return its storage key."""
        element, healed = await self._resolve(target, intent)
        try:
            async with self._page.expect_download(timeout=self._settle_ms * 6) as info:
                await element.click()
            download = await info.value
            path = await download.path()
            data = await asyncio.to_thread(path.read_bytes) if path else b""
        except PlaywrightError as exc:
            raise ReplayFailed(f"no download started from {target.describe()}: {_first_line(exc)}") from exc
        key = await self._store_download(download.suggested_filename, data) if self._store_download else ""
        self.downloads.append(key)
        # A file_download block's output is the stored file, whatever the generated function returns.
        self._ctx.record_output(self._ctx.current_block, {"file_key": key})
        post = trace_pb2.Postcondition(verified=True, effect=CE.CLICK_EFFECT_DOWNLOAD)
        await self._record(AT.ACTION_TYPE_DOWNLOAD, target, intent, healed=healed, postcondition=post)
        return key

    # --- reading -----------------------------------------------------------------------------

    async def text(self, target: Target, *, intent: str = "") -> str:
        element, _ = await self._resolve(target, intent)
        return str(await element.inner_text()).strip()

    async def table(self, target: Target, *, columns: dict[str, str], intent: str = "") -> list[dict[str, str]]:
        """Rows of a table as dicts, each output property read from the column with the recorded header."""
        element, _ = await self._resolve(target, intent)
        self.tables_read += 1  # block completion asks whether a table read may have had more pages
        try:
            # In chunks, parsed off the loop for big tables, at most MAX_TABLE_ROWS rows.
            raw_headers, raw_rows = await read_table_rows(element)
        except TableTooLarge as exc:
            raise ReplayFailed(f"table {target.describe()}: {exc}") from None
        headers = [h.casefold() for h in raw_headers]
        indexes: dict[str, int] = {}
        for prop, header in columns.items():
            if header.casefold() not in headers:
                raise ReplayFailed(f"table {target.describe()} has no column {header!r} (has {raw_headers})")
            indexes[prop] = headers.index(header.casefold())
        return [{prop: row[i] if i < len(row) else "" for prop, i in indexes.items()} for row in raw_rows]

    async def expect(self, *, url_matches: str = "", landmark: str = "") -> None:
        """Check the block's recorded end state; a mismatch means the replay went somewhere else."""
        try:
            if url_matches:
                await self._page.wait_for_url(re.compile(url_matches), timeout=self._settle_ms)
            if landmark:
                await self._page.get_by_text(landmark).first.wait_for(state="visible", timeout=self._settle_ms)
        except PlaywrightTimeoutError as exc:
            raise ReplayFailed(
                f"end state not reached: expected url ~ {url_matches!r} and text {landmark!r}, "
                f"page is {self._page.url}"
            ) from exc

    # --- internals ---------------------------------------------------------------------------

    async def _act(self, operation: Awaitable[Any], target: Target | None) -> None:
        try:
            await operation
        except PlaywrightError as exc:
            what = target.describe() if target else "the page"
            raise ReplayFailed(f"action on {what} failed: {_first_line(exc)}") from exc

    async def _reachable(self, element: Element, target: Target, intent: str) -> None:
        """A hit test at the target's centre (one evaluation): when a dialog or banner covers it, Playwright's own
        actionability checks get a short while (a cover on its way out), then replay calls it drift at once
        rather than after the whole settle time, so healing or the agent's fallback starts now (issue 18)."""
        try:
            cover = str(await element.evaluate(_COVER_JS) or "")
        except PlaywrightError:
            return  # the click itself will say what is wrong
        if not cover:
            return
        try:
            await element.click(trial=True, timeout=min(self._settle_ms, _REACH_MS))
        except PlaywrightError:
            raise ReplayFailed(f"{intent or 'an action'!r}: {target.describe()} is covered by {cover}") from None

    async def _same_field(
        self, element: Element, target: Target, intent: str, healed: bool, value: object = None
    ) -> None:
        """A field found by position (id, css, xpath) after its recorded label/placeholder found nothing must still
        be labelled like the recorded one: on a reshuffled form the same position is another field (issue 13).
        A reworded label is forgiven when a second, independent sign says it is the same field (see _vouched)."""
        if healed:
            return
        named = _NAME_SELECTOR.search(target.css or "")
        if named and not (target.caption or target.label or target.placeholder or target.name):
            # A field known by its name attribute: one found by position under another name is another field.
            try:
                held = await element.get_attribute("name")
            except PlaywrightError:
                held = None
            recorded = re.sub(r"\\(.)", r"\1", named.group(1))  # the selector's CSS escapes undone
            if held != recorded:
                raise ReplayFailed(
                    f"{intent or 'a value action'}: the element found for {target.describe()} is named {held!r}, "
                    f"not {recorded!r}: on this page that position holds another field"
                )
        names = [n for n in (target.label, target.placeholder, target.name) if n]
        if not names or self._found_by in _OWN_WORDS:
            # Found by its own words: that field. Found by an id, a name attribute or a position, it must still bear
            # the label: forms number their fields (id="pf1", name="q2") and reorder them, so those can point at
            # another field; a reworded label then costs an agent step, never a wrong value.
            return
        try:
            shown = [" ".join(str(n).split()) for n in await element.evaluate(_FIELD_NAMES_JS)]
        except PlaywrightError:
            return
        wanted = [_words(n) for n in names]
        seen = [_words(n) for n in shown if _words(n)]
        # The same field when the words of one name are all in the other ("City" and "Town / City").
        if not seen or any(w and (w <= s or s <= w) for w in wanted for s in seen):
            return
        if await self._vouched(element, value):
            return
        raise ReplayFailed(
            f"{intent or 'a value action'}: the element found for {target.describe()} is labelled "
            f"{next(n for n in shown if _words(n))!r}, not {names[0]!r}: on this page that position holds another field"
        )

    async def _vouched(self, element: Element, value: object) -> bool:
        """Whether a field found by id, name attribute or position whose label was reworded is still the recorded
        one by a sign that does not depend on where it sits: its name attribute or id spells this run's parameter
        key (``name="last_name"`` for ``last_name``; numbered ids like ``pf1`` spell nothing), or it is a select that
        holds the option this run's value names and no other visible select on the page does (issue 15)."""
        key = getattr(value, "key", "")
        try:
            own = await element.evaluate(_IDENTITY_JS)
        except PlaywrightError:
            return False
        if key and key_words(key) and key_words(key) in (key_words(own["name"]), key_words(own["id"])):
            return True
        if own["tag"] != "select" or value is None:
            return False
        if names_option([(str(v), str(label)) for v, label in own["options"]], str(value)) is None:
            return False
        holders = 0
        for scope in self._scopes():
            selects = scope.locator("select").filter(visible=True)
            for index in range(min(await selects.count(), 50)):
                try:
                    options = await selects.nth(index).evaluate(_OPTIONS_JS)
                except PlaywrightError:
                    continue
                if names_option([(str(v), str(label)) for v, label in options], str(value)) is not None:
                    holders += 1
        return holders == 1

    def _is_secret(self, value: object) -> bool:
        return not self._value_fields(value)[0] and bool(str(value))

    async def _read(self, operation: Awaitable[ValueCheck], target: Target) -> ValueCheck:
        try:
            return await operation
        except PlaywrightError as exc:
            raise ReplayFailed(f"reading back {target.describe()} failed: {_first_line(exc)}") from exc

    def _require(self, check: ValueCheck, intent: str, intended: str, secret: bool) -> None:
        if not check.verified:
            raise ReplayFailed(value_failure(intent, intended, check, secret=secret))

    async def _state(self, element: Element, checked: bool, target: Target, intent: str) -> trace_pb2.Postcondition:
        check = await self._read(state_verified(element, checked), target)
        self._require(check, intent, check.typed, False)
        return value_postcondition(check, secret=False)

    def _scopes(self) -> list[PlaywrightPage | Frame]:
        """The page, then its attached child frames (bounded): a recorded target may sit inside an iframe."""
        frames = [f for f in self._page.frames[1:] if not f.is_detached()][:_MAX_FRAMES]
        return [self._page, *frames]

    def _candidates(self, target: Target) -> list[list[tuple[str, Locator]]]:
        """Per strategy in rank order, its locator in every scope."""
        per_scope = [target.candidates(scope) for scope in self._scopes()]
        return [list(group) for group in zip(*per_scope, strict=True)]

    async def _unique_visible(self, candidates: list[list[tuple[str, Locator]]]) -> Locator | None:
        """The first strategy that names exactly one visible element across the page and its frames."""
        found = await self._unique_visible_by(candidates)
        return found[1] if found is not None else None

    async def _unique_visible_by(self, candidates: list[list[tuple[str, Locator]]]) -> tuple[str, Locator] | None:
        """(strategy, locator) of the first strategy naming exactly one visible element in the page and frames."""
        for group in candidates:
            found: list[Locator] = []
            for _, locator in group:
                visible = locator.filter(visible=True)
                count = await visible.count()
                if count:
                    found.extend([visible] * count)
                if len(found) > 1:
                    break
            if len(found) == 1:
                return group[0][0], found[0]
        return None

    async def _captioned(self, target: Target, found: tuple[str, Locator] | None) -> Element | None:
        """For a field known by its caption: the match when it was found by its own words or still bears the
        caption, else the one field the caption names on this page (a reshuffled form), else None."""
        assert target.caption
        if found is not None and (found[0] not in _POSITIONAL or await has_caption(found[1], target.caption)):
            return found[1]
        return await field_by_caption(self._scopes(), target.caption)

    async def _resolve(self, target: Target, intent: str) -> tuple[Element, bool]:
        """The one visible element the target names, waiting for late elements, healing as a last resort."""
        candidates = self._candidates(target)
        if not candidates:
            raise ReplayFailed(f"action {intent!r} has no locator")
        found_by = await self._unique_visible_by(candidates)
        found = found_by[1] if found_by is not None else None
        if found is None:
            # Wait (event-driven, bounded) for any candidate to become visible in any frame: pages load late.
            waits = []
            for column in zip(*candidates, strict=True):
                combined = column[0][1]
                for _, locator in column[1:]:
                    combined = combined.or_(locator)
                waits.append(asyncio.ensure_future(combined.first.wait_for(state="visible", timeout=self._settle_ms)))
            try:
                for finished in asyncio.as_completed(waits):
                    try:
                        await finished
                    except PlaywrightError:
                        continue
                    found_by = await self._unique_visible_by(candidates)
                    found = found_by[1] if found_by is not None else None
                    break
            finally:
                for wait in waits:
                    wait.cancel()
                await asyncio.gather(*waits, return_exceptions=True)
        self._found_by = found_by[0] if found_by is not None else ""
        if target.caption:
            captioned = await self._captioned(target, found_by)
            if captioned is not None:
                self._found_by = "caption"
                return captioned, False
            found = None  # the position holds a field captioned otherwise: the agent looks for the right one
        if found is not None:
            return found, False
        self._found_by = "healed"
        return await self._heal(target, intent), True

    async def _heal(self, target: Target, intent: str) -> ElementHandle:
        if self._healer is None:
            raise ReplayFailed(f"no unique visible element for {target.describe()} ({intent!r})")
        self.agent_steps += 1
        handle = await self._healer(self._page, intent, target.fingerprint())
        if handle is not None and target.row and not await _in_row(handle, target):
            # The row holds this run's inputs: an element found elsewhere is another row's (or the search box).
            handle = None
        if handle is None:
            raise ReplayFailed(
                f"no unique visible element for {target.describe()} and healing by intent {intent!r} found none"
            )
        self.heal_notes.append(f"healed {intent!r}: {target.describe()} matched nothing; the agent found it")
        # The trace keeps what the element is now, so code regenerated from it finds it without healing.
        try:
            self._healed_fingerprint = await fingerprint_element(handle)
        except PlaywrightError:
            self._healed_fingerprint = None
        return handle

    def _value_fields(self, value: object) -> tuple[str, str]:
        """(literal, parameter_key) for a recorded value; secret values are never kept."""
        key = getattr(value, "key", "")
        text = str(value)
        if key:
            return ("" if key in self._ctx.secret_keys else text), key
        for secret_key in self._ctx.secret_keys:
            secret = self._ctx.parameters.get(secret_key, "")
            if secret and secret in text:
                return "", (secret_key if secret == text else "")
        return text, ""

    async def _record(
        self,
        kind: trace_pb2.ActionType,
        target: Target | None,
        intent: str,
        *,
        value: object | None = None,
        url: str = "",
        amount: float = 0,
        healed: bool = False,
        irreversible: bool = False,
        postcondition: trace_pb2.Postcondition | None = None,
        only_if_present: bool = False,
    ) -> None:
        action = trace_pb2.Action(
            type=kind, intent=intent, url=url or self._page.url, amount=amount, irreversible=irreversible,
            only_if_present=only_if_present,
        )
        if postcondition is not None:
            action.postcondition.CopyFrom(postcondition)
        if kind in VALUE_ACTIONS:
            page_events(self._page).mark_values()  # a submit after this must send something
        if healed and self._healed_fingerprint is not None:
            action.element.CopyFrom(self._healed_fingerprint)
        elif target is not None:
            action.element.CopyFrom(target.fingerprint())
        self._healed_fingerprint = None
        if value is not None:
            action.value, action.parameter_key = self._value_fields(value)
        self.actions.append(action)
        await self._on_action(action, healed)


# The words a checkbox is known by: its label's text, else its aria-label.
_BOX_LABEL_JS = "e => ((e.labels && e.labels[0] && e.labels[0].innerText) || e.getAttribute('aria-label') || '')"
# What identifies a field apart from its label and position.
_IDENTITY_JS = """
(e) => ({tag: e.tagName.toLowerCase(), name: e.getAttribute('name') || '', id: e.id || '',
         options: Array.from(e.options || []).map(o => [o.value, (o.label || o.text || '').trim()])})
"""
# The options of a select as (value, label) pairs.
_OPTIONS_JS = "e => Array.from(e.options || []).map(o => [o.value, (o.label || o.text || '').trim()])"


def names_option(options: list[tuple[str, str]], value: str) -> str | None:
    """The option ``value`` names among (value, label) pairs: itself when it is an option's value or label, else
    the one option whose label is it in other case or holds it as whole words ("premium" -> "Premium plan"); None
    when it names none or several."""
    if any(value in pair for pair in options):
        return value
    wanted = value.casefold().strip()
    same = [v for v, label in options if label.casefold() == wanted or v.casefold() == wanted]
    if len(same) == 1:
        return same[0]
    words = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)") if wanted else None
    holding = [v for v, label in options if words is not None and words.search(label.casefold())]
    return holding[0] if len(holding) == 1 else None


def key_words(text: str) -> tuple[str, ...]:
    """The words of a parameter key or a name attribute: ``last_name``, ``lastName`` and ``last-name`` alike."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(text or ""))
    return tuple(w for w in re.split(r"[^a-z0-9]+", spaced.casefold()) if w)


async def _option_for(element: Element, value: str) -> str:
    """The option to choose for ``value`` (see names_option), as the agent chose at record time (issue 15: the
    parameter's choice, not the recorded one). Unresolved, ``value`` is tried as is."""
    try:
        options = [(str(v), str(label)) for v, label in await element.evaluate(_OPTIONS_JS)]
    except PlaywrightError:
        return value
    named = names_option(options, value)
    if named is not None:
        return named
    # A date chosen in day / month / year selects: this select takes its own part of this run's date.
    return date_part_option(options, value) or value


# Whether an element sits in a row or item holding each text (as one element's whole text when exact).
_IN_ROW_JS = """
(el, [rows, texts, exact]) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const row = el.closest(rows);
  if (!row) return false;
  const leaves = exact ? Array.from(row.querySelectorAll('*')).filter((n) => !n.children.length)
    .map((n) => norm(n.innerText || n.textContent)) : [];
  return texts.every((t) => exact ? leaves.includes(norm(t)) : norm(row.innerText).includes(norm(t)));
}
"""


async def _in_row(element: ElementHandle, target: Target) -> bool:
    try:
        return bool(await element.evaluate(_IN_ROW_JS, [ROWS, target.row_texts(), target.row_exact]))
    except PlaywrightError:
        return False


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
