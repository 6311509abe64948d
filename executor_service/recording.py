"""ActionRecorder: performs the agent's actions on the page and records each as a trace Action, secrets redacted."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence

from playwright.async_api import ElementHandle, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.bindings import Input, bind_each, bind_member, bindings_for
from executor_service.browser.action_kinds import VALUE_ACTIONS
from executor_service.browser.click_watch import ClickWatch
from executor_service.browser.date_picker import pick_in_calendar
from executor_service.browser.list_parts import listed_value
from executor_service.browser.name_parts import name_part, part_of_intent
from executor_service.browser.own_label import set_box
from executor_service.browser.page_events import confirming, page_events
from executor_service.browser.snapshot import SnapshotElement, describe_element, fingerprint_of
from executor_service.browser.steppers import asks_steps, step_to
from executor_service.browser.value_checks import choice_verified, fill_verified, state_verified, value_postcondition
from executor_service.browser.value_formats import parse_date
from executor_service.runtime.line_items import fill_rows, parse_lines
from executor_service.runtime.multi_select import multiple_options, set_options
from executor_service.runtime.target import ROWS
from executor_service.url_policy import check_response
from services.gen.rote.v1 import trace_pb2

ActionCallback = Callable[[trace_pb2.Action], Awaitable[None]]
DownloadStore = Callable[[str, bytes], Awaitable[str]]
AT = trace_pb2.ActionType

# The row or item the element sits in: its text, and the whole texts of its leaf elements (its "cells").
_ROW_TEXT_JS = """
(e, rows) => {
  const r = e.closest(rows);
  if (!r) return {text: '', cells: []};
  const cells = Array.from(r.querySelectorAll('*')).filter((n) => !n.children.length)
    .map((n) => (n.innerText || n.textContent || '').replace(/\\s+/g, ' ').trim()).filter(Boolean).slice(0, 60);
  return {text: (r.innerText || '').slice(0, 500), cells};
}
"""
# Words on a control that mean "this cannot be taken back".
_IRREVERSIBLE_WORDS = re.compile(
    r"\b(submit|pay|buy|purchase|order|checkout|confirm|send|place|book|transfer|delete)\b", re.IGNORECASE
)


def is_irreversible(element: SnapshotElement) -> bool:
    """A submit control of a form that POSTs, or a control whose words mean submit/pay/buy/confirm/send."""
    if element.submits and element.form_method == "post":
        return True
    words = " ".join((element.name, element.text, element.label))
    return element.is_clickable and bool(_IRREVERSIBLE_WORDS.search(words))


class ActionRecorder:
    """Acts through Playwright element handles and keeps one Action per act, in order, in ``actions``.

    A value typed or chosen is recorded with ``parameter_key`` when it equals a parameter's whole value; a secret
    value is never recorded (its action keeps only the key), even when it is part of a longer value.

    Every action's postcondition is checked and kept on it (issue 13): a typed value reads back, a choice is the
    one asked for, a click had an observable effect within ``effect_timeout_ms`` (and which kind). A failed check
    does not raise: the action says so, and block completion reads it.
    """

    def __init__(
        self,
        *,
        parameters: Mapping[str, str],
        secret_keys: Iterable[str] = (),
        on_action: ActionCallback | None = None,
        store_download: DownloadStore | None = None,
        effect_timeout_ms: float = 5000,
    ) -> None:
        self._effect_ms = effect_timeout_ms
        self._parameters = {key: str(value) for key, value in parameters.items()}
        self._secret_keys = frozenset(secret_keys)
        self._on_action = on_action
        self._store_download = store_download
        self.actions: list[trace_pb2.Action] = []
        # Inputs the block was rendered from (issue 15): the goal's references, and the payload's by payload key.
        self.inputs: list[Input] = []
        self.payload_inputs: dict[str, Input] = {}

    def bind_inputs(self, inputs: Iterable[Input], payload_inputs: Mapping[str, Input] | None = None) -> None:
        """Say which inputs the block used, so each action records which of its texts came from which one."""
        self.inputs = list(inputs)
        self.payload_inputs = dict(payload_inputs or {})

    def _inputs_for(self, payload_key: str) -> list[Input]:
        # The payload value the agent acted for comes first: when a text equals two inputs, that one decides.
        first = self.payload_inputs.get(payload_key) if payload_key else None
        rest = [item for item in self.inputs if item != first]
        return [first, *rest] if first is not None else rest

    # --- values --------------------------------------------------------------------------------

    def parameter_for(self, value: str) -> str:
        """The key of the parameter whose whole value is ``value`` (secrets first, so they are never leaked)."""
        if not value:
            return ""
        for key in sorted(self._parameters, key=lambda k: (k not in self._secret_keys, k)):
            if self._parameters[key] == value:
                return key
        return ""

    def _value_fields(self, value: str, parameter_key: str | None) -> tuple[str, str]:
        """(literal value to record, parameter key) with every secret removed."""
        key = parameter_key if parameter_key is not None else self.parameter_for(value)
        if key and self._parameters.get(key, value) != value:
            key = ""  # the value did not come entirely from that parameter after all
        if key in self._secret_keys:
            return "", key
        for secret_key in self._secret_keys:
            secret = self._parameters.get(secret_key, "")
            if secret and secret in value:
                return "", key
        return value, key

    # --- recording -----------------------------------------------------------------------------

    async def _row_text(self, element: ElementHandle) -> tuple[str, tuple[str, ...]]:
        """Text and cell texts of the row or item holding the element (empty outside one): an input found there
        chose the row."""
        if not self.inputs:
            return "", ()
        try:
            found = await element.evaluate(_ROW_TEXT_JS, ROWS)
        except PlaywrightError:
            return "", ()
        return str(found.get("text", "")), tuple(str(cell) for cell in found.get("cells", ()))

    async def _describe(self, element: ElementHandle | None) -> SnapshotElement | None:
        # Taken before acting: a click may navigate away and take the element with it.
        return await describe_element(element) if element is not None else None

    async def _record(
        self,
        kind: trace_pb2.ActionType,
        page: Page,
        described: SnapshotElement | None,
        intent: str,
        *,
        url: str = "",
        value: str | None = None,
        parameter_key: str | None = None,
        amount: float = 0,
        irreversible: bool = False,
        extract_fields: Iterable[trace_pb2.ExtractField] = (),
        postcondition: trace_pb2.Postcondition | None = None,
        payload_key: str = "",
        url_template: str = "",
        row_text: tuple[str, tuple[str, ...]] = ("", ()),
        only_if_present: bool = False,
        each: bool = False,
        add_control: trace_pb2.ElementFingerprint | None = None,
        row_columns: Iterable[trace_pb2.RowColumn] = (),
    ) -> trace_pb2.Action:
        action = trace_pb2.Action(
            type=kind, intent=intent, url=url or page.url, amount=amount, irreversible=irreversible,
            payload_key=payload_key or "", url_template=url_template, only_if_present=only_if_present,
            row_columns=row_columns,
        )
        if add_control is not None:
            action.add_control.CopyFrom(add_control)
        if postcondition is not None:
            action.postcondition.CopyFrom(postcondition)
        if kind in VALUE_ACTIONS:
            page_events(page).mark_values()  # a submit after this must send something
        if described is not None:
            action.element.CopyFrom(fingerprint_of(described))
        if value is not None:
            action.value, action.parameter_key = self._value_fields(value, parameter_key)
        action.extract_fields.extend(extract_fields)
        inputs = self._inputs_for(payload_key)
        action.bindings.extend(bindings_for(action, inputs, row_text=row_text[0], row_cells=row_text[1]))
        chosen_by = self.payload_inputs.get(payload_key) if payload_key else None
        if kind == AT.ACTION_TYPE_SELECT_OPTION and chosen_by and not chosen_by.secret and not action.parameter_key:
            # The agent matched the input to an option by its words: replay chooses by this run's input, never the
            # recorded option (which would be another input's choice).
            action.bindings.add(field="option", source=chosen_by.source, text=chosen_by.text,
                                whole=action.value == chosen_by.text)
        if kind in (AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_UNCHECK) and chosen_by and not chosen_by.secret:
            (bind_each if each else bind_member)(action, chosen_by)
        self.actions.append(action)
        if self._on_action is not None:
            await self._on_action(action)
        return action

    # --- actions -------------------------------------------------------------------------------

    async def goto(self, page: Page, url: str, *, intent: str = "", template: str = "") -> trace_pb2.Action:
        """Open ``url``; ``template`` is the URL template it was rendered from (kept so replay renders it anew)."""
        check_response(await page.goto(url, wait_until="domcontentloaded"))
        template = template if "{" in template else ""
        return await self._record(AT.ACTION_TYPE_GOTO, page, None, intent, url=url, url_template=template)

    async def click(
        self,
        page: Page,
        element: ElementHandle,
        *,
        intent: str = "",
        irreversible: bool | None = None,
        payload_key: str = "",
        only_if_present: bool = False,
        confirm: bool = False,
    ) -> trace_pb2.Action:
        """Click; ``irreversible`` defaults to what the element looks like (a POST submit, a "pay" button...).
        The kind of effect seen is recorded, so replayed code expects the same kind. ``only_if_present`` marks a
        click replay skips when the element is not there (closing an overlay that may not show again). The page's
        "Are you sure?" (a confirm dialog) is answered OK when the click is irreversible or ``confirm`` says the
        goal asks for it, else dismissed; a click that was confirmed is irreversible (replay confirms it too)."""
        described = await self._describe(element)
        row = await self._row_text(element)
        url = page.url
        watch = await ClickWatch.arm(page, element)
        looks_irreversible = described is not None and is_irreversible(described)
        sending = confirm or (bool(irreversible) if irreversible is not None else looks_irreversible)
        confirmed = page_events(page).confirmed
        with confirming(page, sending):
            await element.click()
            effect = await watch.effect(self._effect_ms)
        post = trace_pb2.Postcondition(
            verified=effect != trace_pb2.CLICK_EFFECT_NONE, effect=effect, expected="an observable effect",
            context=self._without_secrets(watch.context),
        )
        flag = looks_irreversible if irreversible is None else bool(irreversible)
        # Whatever it looked like, a click that sent data to a server (a fetch POST), or that the page asked to be
        # sure of, is not to be repeated.
        flag = flag or (irreversible is None and (watch.sent_data() or page_events(page).confirmed > confirmed))
        action = await self._record(
            AT.ACTION_TYPE_CLICK, page, described, intent, url=url, irreversible=flag, postcondition=post,
            payload_key=payload_key, row_text=row, only_if_present=only_if_present,
        )
        return action

    async def pick_date(
        self,
        page: Page,
        element: ElementHandle,
        value: str,
        *,
        intent: str = "",
        parameter_key: str | None = None,
        payload_key: str = "",
    ) -> trace_pb2.Action | None:
        """Open a date field's calendar and pick the date ``value`` spells; recorded as one PICK_DATE action holding
        the value (or its parameter), so replay picks its own run's date. None when the calendar did not take it."""
        date = parse_date(value)
        if date is None:
            return None
        described = await self._describe(element)
        await element.click()
        if not await pick_in_calendar(page, element, date):
            return None
        post = trace_pb2.Postcondition(
            verified=True, expected="" if self._secret(value, parameter_key) else date.isoformat(),
            observed="" if self._secret(value, parameter_key) else date.isoformat(),
        )
        return await self._record(
            AT.ACTION_TYPE_PICK_DATE, page, described, intent, value=value, parameter_key=parameter_key,
            postcondition=post, payload_key=payload_key,
        )

    async def fill_rows(
        self,
        page: Page,
        group: ElementHandle,
        add: ElementHandle | None,
        value: str,
        columns: Sequence[trace_pb2.RowColumn],
        *,
        intent: str = "",
        parameter_key: str | None = None,
        payload_key: str = "",
    ) -> trace_pb2.Action | None:
        """Enter a list of records, one per line of ``value``, into the rows of ``group`` (``line_items``), adding
        rows with ``add``; recorded as one FILL_ROWS action holding the value (or its parameter), the group, the add
        control and where each part goes, so replay enters its own run's lines. None when ``value`` is no list."""
        lines = parse_lines(value)
        if lines is None:
            return None
        described, add_described = await self._describe(group), await self._describe(add)
        problem = await fill_rows(group, add.click if add is not None else None, lines,
                                  [c.position for c in columns], [c.caption for c in columns],
                                  secret=self._secret(value, parameter_key))
        shown = f"{len(lines)} {'row' if len(lines) == 1 else 'rows'} entered"
        post = trace_pb2.Postcondition(verified=not problem, expected=shown, observed=problem or shown)
        return await self._record(
            AT.ACTION_TYPE_FILL_ROWS, page, described, intent, value=value, parameter_key=parameter_key,
            postcondition=post, payload_key=payload_key,
            add_control=fingerprint_of(add_described) if add_described is not None else None, row_columns=columns,
        )

    def _without_secrets(self, text: str) -> str:
        """``text`` unless a secret value appears in it (then nothing of it is kept)."""
        for key in self._secret_keys:
            secret = self._parameters.get(key, "")
            if secret and secret in text:
                return ""
        return text

    def _secret(self, value: str, parameter_key: str | None) -> bool:
        recorded, _ = self._value_fields(value, parameter_key)
        return not recorded and bool(value)

    async def fill(
        self,
        page: Page,
        element: ElementHandle,
        value: str,
        *,
        intent: str = "",
        parameter_key: str | None = None,
        payload_key: str = "",
    ) -> trace_pb2.Action:
        """Type ``value`` and read it back; a field that asks for another spelling (a date format) gets it, and
        the action keeps the value asked for (replay re-derives the spelling the same way). An intent naming a part
        of a whole name types that part (``name_parts``), one naming an item of a list that item (``list_parts``);
        the action keeps the whole value and its parameter."""
        described = await self._describe(element)
        typed = name_part(value, part_of_intent(intent)) or listed_value(value, intent) or value
        check = await step_to(element, typed) if asks_steps(intent) else await fill_verified(element, typed)
        secret = self._secret(value, parameter_key)
        post = value_postcondition(check, secret=secret)
        if check.verified and check.typed != value and not secret:
            post.typed_format = check.typed
        return await self._record(
            AT.ACTION_TYPE_TYPE, page, described, intent, value=value, parameter_key=parameter_key,
            postcondition=post, payload_key=payload_key,
        )

    async def select(
        self,
        page: Page,
        element: ElementHandle,
        value: str,
        *,
        intent: str = "",
        parameter_key: str | None = None,
        payload_key: str = "",
        option: str = "",
    ) -> trace_pb2.Action:
        """Choose the option whose value or label is ``value`` (Playwright's select_option rule); read it back.
        ``option`` is the option to choose when it is derived from ``value`` (the day of a date): the action keeps
        ``value``, and replay derives the option from its own value the same way."""
        described = await self._describe(element)
        several = await multiple_options(element)
        if several is not None:
            check = await set_options(element, value, several)  # a <select multiple>: the options it lists
        else:
            await element.select_option(option or value)
            check = await choice_verified(element, option or value)
        post = value_postcondition(check, secret=self._secret(value, parameter_key))
        return await self._record(
            AT.ACTION_TYPE_SELECT_OPTION, page, described, intent, value=value, parameter_key=parameter_key,
            postcondition=post, payload_key=payload_key,
        )

    async def check(
        self,
        page: Page,
        element: ElementHandle,
        *,
        intent: str = "",
        value: str | None = None,
        parameter_key: str | None = None,
        payload_key: str = "",
        each: bool = False,
    ) -> trace_pb2.Action:
        """Tick; ``value`` (e.g. the boolean parameter's "true") is kept so code can depend on the parameter.
        ``each``: one of the toggles the payload input names item by item, each set, the others left alone."""
        described = await self._describe(element)
        await set_box(element, True)
        post = value_postcondition(await state_verified(element, True), secret=False)
        return await self._record(
            AT.ACTION_TYPE_CHECK, page, described, intent, value=value, parameter_key=parameter_key,
            postcondition=post, payload_key=payload_key, each=each,
        )

    async def uncheck(
        self,
        page: Page,
        element: ElementHandle,
        *,
        intent: str = "",
        value: str | None = None,
        parameter_key: str | None = None,
        payload_key: str = "",
        each: bool = False,
    ) -> trace_pb2.Action:
        described = await self._describe(element)
        await set_box(element, False)
        post = value_postcondition(await state_verified(element, False), secret=False)
        return await self._record(
            AT.ACTION_TYPE_UNCHECK, page, described, intent, value=value, parameter_key=parameter_key,
            postcondition=post, payload_key=payload_key, each=each,
        )

    async def press(self, page: Page, element: ElementHandle | None, key: str, *, intent: str = "") -> trace_pb2.Action:
        described = await self._describe(element)
        # Enter may submit: its effect is observed like a click's (recorded, not required of other keys).
        watch = await ClickWatch.arm(page, element) if element is not None and key == "Enter" else None
        if element is None:
            await page.keyboard.press(key)
        else:
            await element.press(key)
        post = None
        if watch is not None:
            effect = await watch.effect(self._effect_ms)
            post = trace_pb2.Postcondition(verified=effect != trace_pb2.CLICK_EFFECT_NONE, effect=effect)
        return await self._record(
            AT.ACTION_TYPE_PRESS_KEY, page, described, intent, value=key, parameter_key="", postcondition=post
        )

    async def hover(self, page: Page, element: ElementHandle, *, intent: str = "") -> trace_pb2.Action:
        described = await self._describe(element)
        await element.hover()
        return await self._record(AT.ACTION_TYPE_HOVER, page, described, intent)

    async def scroll(
        self, page: Page, element: ElementHandle | None, *, amount: float = 0, intent: str = ""
    ) -> trace_pb2.Action:
        """Scroll the element into view, or the page by ``amount`` pixels when there is no element."""
        described = await self._describe(element)
        if element is None:
            await page.mouse.wheel(0, amount)
        else:
            await element.scroll_into_view_if_needed()
        return await self._record(AT.ACTION_TYPE_SCROLL, page, described, intent, amount=amount)

    async def wait(self, page: Page, seconds: float, *, intent: str = "") -> trace_pb2.Action:
        await asyncio.sleep(max(0.0, seconds))
        return await self._record(AT.ACTION_TYPE_WAIT, page, None, intent, amount=seconds)

    async def upload(
        self, page: Page, element: ElementHandle, path: str, *, intent: str = "", parameter_key: str | None = None
    ) -> trace_pb2.Action:
        described = await self._describe(element)
        await element.set_input_files(path)
        return await self._record(
            AT.ACTION_TYPE_UPLOAD_FILE, page, described, intent, value=path, parameter_key=parameter_key
        )

    async def download(
        self, page: Page, element: ElementHandle, *, intent: str = "", timeout_ms: float = 30_000
    ) -> tuple[trace_pb2.Action, str]:
        """Click what starts a download, hand the file to ``store_download``; returns the action and the key."""
        described = await self._describe(element)
        url = page.url
        async with page.expect_download(timeout=timeout_ms) as info:
            await element.click()
        download = await info.value
        path = await download.path()
        data = await asyncio.to_thread(path.read_bytes) if path else b""
        key = await self._store_download(download.suggested_filename, data) if self._store_download else ""
        post = trace_pb2.Postcondition(verified=True, effect=trace_pb2.CLICK_EFFECT_DOWNLOAD)
        action = await self._record(AT.ACTION_TYPE_DOWNLOAD, page, described, intent, url=url, postcondition=post)
        return action, key

    async def extract(
        self, page: Page, fields: Iterable[trace_pb2.ExtractField], *, intent: str = ""
    ) -> trace_pb2.Action:
        """Record how each output field was read (the reading itself is the agent's)."""
        return await self._record(AT.ACTION_TYPE_EXTRACT, page, None, intent, extract_fields=fields)
