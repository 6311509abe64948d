"""The heuristic agent: offline and deterministic; fills forms from the payload, clicks by goal, extracts by schema."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

from playwright.async_api import ElementHandle, Page
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.agents.base import AgentResult, AgentTask, RenderedValue
from executor_service.agents.extraction import extract_from_page
from executor_service.agents.matching import (
    FIELD_THRESHOLD,
    LOCATE_THRESHOLD,
    Assignment,
    assign_choices,
    assign_fields,
    best_option,
    choose_control,
    is_field,
    iso_date,
    locate_score,
    similarity,
    truthy,
)
from executor_service.browser.completion import criterion_holds, termination_message
from executor_service.browser.end_state import capture_end_state
from executor_service.browser.snapshot import Snapshot, SnapshotElement, element_handle, take_snapshot
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import trace_pb2, workflow_pb2

BT = workflow_pb2.BlockType
AT = trace_pb2.ActionType
_VALUE_ACTIONS = {
    AT.ACTION_TYPE_TYPE,
    AT.ACTION_TYPE_SELECT_OPTION,
    AT.ACTION_TYPE_CHECK,
    AT.ACTION_TYPE_UNCHECK,
    AT.ACTION_TYPE_UPLOAD_FILE,
}


def _words(key: str) -> str:
    return key.replace("_", " ").strip()


def _path(url: str) -> str:
    return urlsplit(url).path


class HeuristicAgent:
    """Implements the Agent protocol without a model; stateless, so one instance serves concurrent runs."""

    def __init__(self, *, settle_timeout_ms: float = 5000, locate_threshold: float = LOCATE_THRESHOLD) -> None:
        self.settle_timeout_ms = settle_timeout_ms
        self.locate_threshold = locate_threshold

    # --- the protocol ----------------------------------------------------------------------------

    async def run_block(self, page: Page, task: AgentTask, recorder: ActionRecorder) -> AgentResult:
        kind = task.block.type
        if kind == BT.BLOCK_TYPE_EXTRACTION:
            return await self._extract(page, task, recorder, steps=0)
        if kind == BT.BLOCK_TYPE_FILE_DOWNLOAD:
            return await self._download(page, task, recorder)
        result = await self._navigate(page, task, recorder)
        if kind == BT.BLOCK_TYPE_TASK and result.completed and task.schema:
            return await self._extract(page, task, recorder, steps=result.steps)
        return result

    async def locate(self, page: Page, intent: str, fingerprint: trace_pb2.ElementFingerprint) -> ElementHandle | None:
        snapshot = await take_snapshot(page)
        pool = [*snapshot.elements, *snapshot.values, *snapshot.tables]
        scored = sorted(((locate_score(intent, fingerprint, e), e) for e in pool), key=lambda p: -p[0])
        if not scored or scored[0][0] < self.locate_threshold:
            return None
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None  # two equally good candidates: acting on either could be the wrong one
        return await element_handle(page, scored[0][1].index)

    # --- navigation ------------------------------------------------------------------------------

    async def _navigate(self, page: Page, task: AgentTask, recorder: ActionRecorder) -> AgentResult:
        criterion = task.completion_criterion.strip()
        login = task.block.type == BT.BLOCK_TYPE_LOGIN
        pending = {k: v for k, v in task.payload.items() if k not in _keys_done(task)}
        entered: dict[str, str] = {}  # key -> value typed this block (a "confirm" field repeats one)
        # Irreversible clicks already made (by replayed code, or by us on an earlier step): never made twice.
        clicked = [_control_key(a.element) for a in task.actions_done if a.irreversible]
        steps = 0
        last: Assignment | None = None
        searched: set[str] = set()
        while steps < task.max_steps:
            stop = await self._terminated(page, task)
            if stop:
                return AgentResult(False, stop, steps=steps)
            if criterion and await self._criterion_met(page, criterion, wait=False):
                return await self._done(page, steps, "completion criterion met")
            steps += 1
            await self._dismiss_dialog(page, recorder)
            snapshot = await take_snapshot(page)
            values = {k: v.value for k, v in pending.items()}
            forms: set[int] = set()
            acted = False
            for key, element, tick in assign_choices(values, snapshot.elements):
                if await self._choose(page, recorder, element, key, pending[key], tick):
                    forms.add(element.form)
                    acted = True
                    entered[key] = pending[key].value
            for key in {k for k, _, _ in assign_choices(values, snapshot.elements)}:
                pending.pop(key, None)
            values = {k: v.value for k, v in pending.items()}
            choice_ids = {e.index for _, e, _ in assign_choices(values, snapshot.elements)}
            last = assign_fields(values, [e for e in snapshot.elements if e.index not in choice_ids])
            for key, element in last:
                try:
                    took = await self._enter(page, recorder, element, key, pending[key])
                except PlaywrightError:
                    took = False  # a read-only or covered field: another widget may take the value below
                if took:
                    forms.add(element.form)
                    acted = True
                    entered[key] = pending[key].value
                    del pending[key]
            # Custom widgets (a div listbox, an autocomplete, a dropdown button) for keys no plain field took.
            for key in list(pending):
                widget = await self._widget(page, recorder, snapshot, key, pending[key])
                if widget is not None:
                    forms.add(widget.form)
                    acted = True
                    entered[key] = pending.pop(key).value
            if await self._confirm_fields(page, recorder, entered, forms):
                acted = True
            if acted:
                snapshot = await take_snapshot(page)  # a valid form may have enabled its submit button
            candidates = [
                e for e in snapshot.elements
                if (forms or _control_key_of(e) not in clicked or not e.submits) and _control_key_of(e) not in searched
            ]
            # Inside a form just filled, "Next"/"Continue" move a wizard on just like "Sign in" finishes a login.
            control = choose_control(task.goal, candidates, login=login or bool(forms), forms=forms)
            if control is None and await self._disabled_control(page, task.goal, snapshot, forms):
                if await self._wait_for_change(page):
                    continue  # the submit button is disabled until the form is valid or the page is ready
            if control is None:
                if not criterion and (acted or entered) and not pending:
                    return await self._done(page, steps, "payload entered; nothing to submit")
                if not acted and await self._wait_for_change(page):
                    continue  # the page is still building itself (a slow front end): look again
                return AgentResult(False, _give_up(f"no control on {_path(page.url)} matches the goal", pending, last),
                                   steps=steps)
            blank = _blank_fields(snapshot, control, last)
            if pending and blank and control.submits:
                # Sending the form with keys not entered while it still has empty fields would send it wrong.
                return AgentResult(
                    False, _give_up(f"not sending {control.name or control.text!r}", pending, last), steps=steps
                )
            handle = await element_handle(page, control.index)
            if handle is None:
                continue
            await self._clear_the_way(page, recorder, handle)
            before = page.url
            try:
                action = await recorder.click(
                    page, handle, intent=f"Click '{control.name or control.text}' to {task.goal}"
                )
            except PlaywrightError as exc:
                reason = str(exc).strip().splitlines()[0]
                return AgentResult(False, f"clicking {control.name or control.text!r} failed: {reason}", steps=steps)
            if action.irreversible:
                clicked.append(_control_key_of(control))
            if _SEARCH_WORDS.search(control.name or control.text):
                searched.add(_control_key_of(control))  # searching again would only show the same results
            await self._settle(page)
            if criterion and await self._criterion_met(page, criterion, wait=not pending):
                return await self._done(page, steps, "completion criterion met")
            if not pending and not criterion:
                if _STEP_WORDS.search(control.name or control.text) or (
                    _SEARCH_WORDS.search(control.name or control.text) and _PICK_WORDS.search(task.goal)
                ):
                    continue  # a wizard's "Next": the step after it may hold the goal's own control
                return await self._done(page, steps, f"clicked {control.name or control.text!r}")
            effect = action.postcondition.effect if action.HasField("postcondition") else 0
            if pending and page.url == before and not acted and effect == trace_pb2.CLICK_EFFECT_NONE:
                return AgentResult(
                    False, _give_up(f"clicking {control.name or control.text!r} changed nothing", pending, last),
                    steps=steps,
                )
        stop = await self._terminated(page, task)
        if stop:
            return AgentResult(False, stop, steps=steps)
        if pending:
            return AgentResult(False, _give_up(f"not done after {steps} steps", pending, last), steps=steps)
        return AgentResult(False, f"completion criterion {criterion!r} not met after {steps} steps", steps=steps)

    async def _choose(
        self, page: Page, recorder: ActionRecorder, element: SnapshotElement, key: str, rendered: RenderedValue,
        tick: bool,
    ) -> bool:
        """Choose a radio option or set one box of a checkbox list as the value asks (only when it differs)."""
        if element.checked == tick and element.type in ("radio", "checkbox"):
            return True
        handle = await element_handle(page, element.index)
        if handle is None:
            return False
        name = element.label or element.name or element.text or element.value
        act = recorder.check if tick else recorder.uncheck
        try:
            # The option is chosen by the value, so replay acts on this very option (recorded without a value).
            await act(page, handle, intent=f"{'Choose' if tick else 'Untick'} {name} for the {_words(key)}",
                      payload_key=key)
        except PlaywrightError:
            try:
                await recorder.click(page, handle, intent=f"Choose {name} for the {_words(key)}", irreversible=False)
            except PlaywrightError:
                return False
        return True

    async def _widget(
        self, page: Page, recorder: ActionRecorder, snapshot: Snapshot, key: str, rendered: RenderedValue
    ) -> SnapshotElement | None:
        """Enter a value through a custom widget: pick the option of a listbox the key names (opening its dropdown
        button first), or type into a combobox and pick the suggestion that matches. None when no widget fits."""
        value = rendered.value
        widgets = [e for e in snapshot.elements if e.role in ("listbox", "combobox") or e.expanded in ("false", "true")]
        scored = []
        for element in widgets:
            names = [n for n in (*element.labels, element.name, *element.context, element.placeholder) if n]
            score = max((similarity(key, n) for n in names), default=0.0)
            scored.append((score, element))
        # The value itself may name an option already on the page (a visible listbox): that decides.
        options = [e for e in snapshot.elements if e.role == "option"]
        scored.sort(key=lambda pair: -pair[0])
        for score, element in scored:
            if score < FIELD_THRESHOLD:
                break
            handle = await element_handle(page, element.index)
            if handle is None:
                continue
            try:
                if element.role == "combobox" and element.tag == "input":
                    await recorder.fill(page, handle, value, intent=f"Type the {_words(key)}",
                                        parameter_key=rendered.parameter_key or None, payload_key=key)
                elif element.tag != "select" and element.role != "listbox":
                    await recorder.click(page, handle, intent=f"Open the {_words(key)} list", irreversible=False)
            except PlaywrightError:
                continue
            option = await self._pick_option(page, recorder, key, value, near=element)
            if option:
                return element
        if options:
            best = max(options, key=lambda o: (similarity(value, o.name or o.text), -o.index))
            if value.strip().casefold() == (best.name or best.text).strip().casefold():
                handle = await element_handle(page, best.index)
                if handle is not None:
                    await recorder.click(page, handle, intent=f"Choose {value} as the {_words(key)}",
                                         irreversible=False, payload_key=key)
                    return best
        return None

    async def _pick_option(
        self, page: Page, recorder: ActionRecorder, key: str, value: str, *, near: SnapshotElement
    ) -> bool:
        """Wait (event-driven) for options to show, then click the one the value names."""
        for _ in range(3):
            snapshot = await take_snapshot(page)
            options = [e for e in snapshot.elements if e.role == "option"]
            if options:
                ranked = sorted(options, key=lambda o: -similarity(value, o.name or o.text))
                best = ranked[0]
                score = similarity(value, best.name or best.text)
                exact = value.strip().casefold() == (best.name or best.text).strip().casefold()
                if exact or score >= FIELD_THRESHOLD:
                    handle = await element_handle(page, best.index)
                    if handle is None:
                        return False
                    try:
                        await recorder.click(page, handle, intent=f"Choose {best.name or best.text} as the "
                                             f"{_words(key)}", irreversible=False, payload_key=key)
                    except PlaywrightError:
                        return False
                    return True
            if not await self._wait_for_change(page, 1500):
                return False
        return False

    async def _confirm_fields(
        self, page: Page, recorder: ActionRecorder, entered: dict[str, str], forms: set[int]
    ) -> bool:
        """Fill an empty "confirm/repeat X" field with the value just typed into X (a person types it twice)."""
        if not entered:
            return False
        snapshot = await take_snapshot(page)
        acted = False
        for element in snapshot.elements:
            if not is_field(element) or element.value or (forms and element.form not in forms):
                continue
            names = [n for n in (*element.labels, element.name, *element.context, element.placeholder) if n]
            repeats = [_CONFIRM.sub(" ", n) for n in names if _CONFIRM.search(n)]
            if not repeats:
                continue
            best = max(((similarity(k, r), k) for k in entered for r in repeats), default=(0.0, ""))
            if best[0] < FIELD_THRESHOLD:
                continue
            handle = await element_handle(page, element.index)
            if handle is None:
                continue
            key = best[1]
            # parameter_key None: the recorder finds the parameter by value (and never records a secret one).
            await recorder.fill(page, handle, entered[key], intent=f"Repeat the {_words(key)}", payload_key=key)
            acted = True
        return acted

    async def _disabled_control(self, page: Page, goal: str, snapshot: Snapshot, forms: set[int]) -> bool:
        """Whether the control the goal wants is there but disabled (it may enable itself soon)."""
        disabled = [dataclasses.replace(e, disabled=False) for e in snapshot.elements if e.disabled]
        return choose_control(goal, disabled, forms=forms) is not None

    async def _clear_the_way(self, page: Page, recorder: ActionRecorder, handle: ElementHandle) -> None:
        """When something else is topmost at the target's centre (a banner, a modal), dismiss it first."""
        try:
            cover = (await handle.evaluate_handle(_COVER_JS)).as_element()
        except PlaywrightError:
            return
        if cover is None:
            return
        try:
            await recorder.click(page, cover, intent="Dismiss what covers the page, if present", irreversible=False)
            await self._wait_for_change(page, 1000)
        except PlaywrightError:
            return

    async def _terminated(self, page: Page, task: AgentTask) -> str:
        """The page's own message when the block's termination criterion holds ('' otherwise)."""
        if not task.termination_criterion.strip():
            return ""
        message = await termination_message(page, task.termination_criterion)
        return f"termination criterion {task.termination_criterion!r} holds: {message}" if message else ""

    async def _dismiss_dialog(self, page: Page, recorder: ActionRecorder) -> bool:
        """Close a dialog (a promotion, a cookie notice) that sits over the page and asks for nothing."""
        try:
            handle = (await page.evaluate_handle(_DISMISS_JS)).as_element()
        except PlaywrightError:
            return False
        if handle is None:
            return False
        try:
            await recorder.click(page, handle, intent="Dismiss the dialog in the way", irreversible=False)
        except PlaywrightError:
            return False
        return True

    async def _wait_for_change(self, page: Page, timeout_ms: float | None = None) -> bool:
        """Wait (event-driven, bounded) for the page to change; False when it stayed as it was."""
        try:
            return bool(await page.evaluate(_WAIT_FOR_CHANGE_JS, timeout_ms or self.settle_timeout_ms))
        except PlaywrightError:
            return False

    async def _enter(
        self,
        page: Page,
        recorder: ActionRecorder,
        element: SnapshotElement,
        key: str,
        rendered: RenderedValue,
        *,
        radio: bool = False,
    ) -> bool:
        """Put one payload value into its field; False when the field turned out not to take it."""
        handle = await element_handle(page, element.index)
        if handle is None:
            return False
        value, param = rendered.value, rendered.parameter_key or None
        words = _words(key)
        if radio:
            # The option is chosen by the value, so replay ticks this very option (recorded without a value).
            await recorder.check(
                page, handle, intent=f"Choose {element.label or element.text} as the {words}", payload_key=key
            )
        elif element.type in ("checkbox", "radio") or element.role in ("checkbox", "radio", "switch"):
            flag = truthy(value)
            if flag is None:
                return False
            # Recorded either way (with the parameter's value), so replay sets the box from the parameter.
            act = recorder.check if flag else recorder.uncheck
            await act(
                page,
                handle,
                intent=f"{'Tick' if flag else 'Untick'} {element.label or words}",
                value=value,
                parameter_key=param,
                payload_key=key,
            )
        elif element.tag == "select":
            option = best_option(value, element.options)
            if option is None:
                return False
            exact = value in (option.value, option.text)
            await recorder.select(
                page,
                handle,
                value if exact else option.value,
                intent=f"Choose the {words}",
                parameter_key=param if exact else "",
                payload_key=key,
            )
        elif element.type == "date" and iso_date(value) not in (None, value):
            await recorder.fill(
                page, handle, iso_date(value) or value, intent=f"Enter the {words}", parameter_key="", payload_key=key
            )
        else:
            await recorder.fill(page, handle, value, intent=f"Enter the {words}", parameter_key=param, payload_key=key)
            if element.role == "combobox" and element.tag == "input":
                # An autocomplete takes the value only when one of its suggestions is picked.
                await self._pick_option(page, recorder, key, value, near=element)
        return True

    async def _settle(self, page: Page) -> None:
        try:
            await page.wait_for_load_state("load", timeout=self.settle_timeout_ms)
        except PlaywrightTimeoutError:
            pass  # a page that keeps loading is judged by the completion criterion instead

    async def _criterion_met(self, page: Page, criterion: str, *, wait: bool) -> bool:
        # The shared grammar (url:, text:, selector:, absent:, value:; plain text is text:).
        return await criterion_holds(page, criterion, wait_ms=self.settle_timeout_ms if wait else 0)

    async def _done(self, page: Page, steps: int, reason: str) -> AgentResult:
        return AgentResult(True, reason, steps=steps, end_state=await capture_end_state(page))

    # --- extraction and downloads ----------------------------------------------------------------

    async def _extract(self, page: Page, task: AgentTask, recorder: ActionRecorder, *, steps: int) -> AgentResult:
        if not task.schema:
            return AgentResult(False, "extraction block without a schema", steps=steps)
        snapshot = await take_snapshot(page)
        found = await extract_from_page(page, snapshot, task.schema)
        steps += 1
        if found.refused:
            return AgentResult(False, found.refused, steps=steps)
        if found.errors:
            return AgentResult(
                False, "extracted data does not match the schema: " + "; ".join(found.errors[:3]), steps=steps
            )
        await recorder.extract(page, found.fields, intent=task.goal or "Read the data")
        result = await self._done(page, steps, "data extracted")
        result.output = found.data
        return result

    async def _download(self, page: Page, task: AgentTask, recorder: ActionRecorder) -> AgentResult:
        snapshot = await take_snapshot(page)
        control = choose_control(task.goal, snapshot.elements)
        handle = await element_handle(page, control.index) if control else None
        if control is None or handle is None:
            return AgentResult(False, "no control matches the download goal", steps=1)
        try:
            _, key = await recorder.download(page, handle, intent=f"Download via '{control.name}'")
        except PlaywrightError as exc:
            return AgentResult(False, f"no download started: {str(exc).splitlines()[0]}", steps=1)
        result = await self._done(page, 1, "file downloaded")
        result.output = {"file_key": key}
        return result


_DISMISS_JS = """
() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.display !== 'none';
  };
  const words = new RegExp('^(dismiss|close|no,? thanks|not now|ok|okay|got it|accept( all)?( cookies)?|' +
    'allow( all)?|agree|i agree|skip|later|maybe later|reject( all)?|decline|×|✕|x)$', 'i');
  const dialogs = document.querySelectorAll('[role=dialog],[role=alertdialog],dialog[open],[aria-modal=true]');
  for (const dialog of Array.from(dialogs).filter(visible)) {
    if (dialog.querySelector('input:not([type=hidden]),select,textarea')) continue;
    const controls = dialog.querySelectorAll('button,[role=button],a[href],input[type=button],input[type=submit]');
    for (const c of Array.from(controls).filter(visible)) {
      const name = (c.getAttribute('aria-label') || c.innerText || c.value || '').trim();
      if (words.test(name)) return c;
    }
  }
  return null;
}
"""
_WAIT_FOR_CHANGE_JS = """
(ms) => new Promise((resolve) => {
  const observer = new MutationObserver(() => { observer.disconnect(); setTimeout(() => resolve(true), 50); });
  observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true});
  setTimeout(() => { observer.disconnect(); resolve(false); }, ms);
})
"""


# A field that repeats another: "Confirm password", "Repeat e-mail", "Re-enter", "... again".
_CONFIRM = re.compile(r"\b(confirm(ation)?|repeat|re-?enter|re-?type|retype|verify|again)\b", re.I)
# The element topmost at the target's centre when it is not the target (nor inside it), or null; then the control
# that dismisses the layer it belongs to (a close/accept/no-thanks button), or null when there is none.
_COVER_JS = """
(el) => {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return null;
  const top = document.elementFromPoint(x, y);
  if (!top || top === el || el.contains(top) || top.contains(el)) return null;
  const words = new RegExp('^(dismiss|close|no,? thanks|not now|ok|okay|got it|accept( all)?( cookies)?|' +
    'allow( all)?|agree|i agree|skip|later|maybe later|continue|reject( all)?|decline|×|✕|x)$', 'i');
  let layer = top;
  while (layer.parentElement && layer.parentElement !== document.body) layer = layer.parentElement;
  const controls = layer.querySelectorAll('button,[role=button],a[href],input[type=button],input[type=submit]');
  for (const c of controls) {
    const name = (c.getAttribute('aria-label') || c.innerText || c.value || '').trim();
    if (words.test(name)) return c;
  }
  // A backdrop covers the page while the dialog beside it holds the button: look in every visible layer.
  const isLayer = (n) => n.matches('[role=dialog],[role=alertdialog],dialog[open],[aria-modal=true]') ||
    ['fixed', 'sticky'].includes(getComputedStyle(n).position);
  const layers = Array.from(document.querySelectorAll('body *')).filter(isLayer);
  for (const l of layers) {
    for (const c of l.querySelectorAll('button,[role=button],a[href],input[type=button],input[type=submit]')) {
      const name = (c.getAttribute('aria-label') || c.innerText || c.value || '').trim();
      const box = c.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && words.test(name)) return c;
    }
  }
  return null;
}
"""


# A search is a step on the way when the goal then picks from the results.
_SEARCH_WORDS = re.compile(r"\b(search|find|look up|filter)\b", re.I)
_PICK_WORDS = re.compile(r"\b(add|select|choose|pick|open|buy|book)\b", re.I)
_STEP_WORDS = re.compile(r"\b(next|continue|review|proceed|forward)\b", re.I)


def _blank_fields(snapshot: Snapshot, control: SnapshotElement, last: Assignment | None) -> list[SnapshotElement]:
    """Empty text fields of the control's form that no key was assigned to."""
    del last  # its indexes belong to an earlier snapshot; a filled field shows its value now
    return [
        e for e in snapshot.elements
        if is_field(e) and e.form == control.form and not e.value
        and e.tag != "select" and e.type not in ("checkbox", "radio")
    ]


def _give_up(what: str, pending: dict[str, RenderedValue], last: Assignment | None) -> str:
    """A reason that names the keys not entered and their best candidate fields with scores."""
    if not pending:
        return what
    parts = []
    for key in sorted(pending):
        if last is not None and key in last.ambiguous:
            tied = ", ".join(f"{n!r} {sc}" for n, sc in last.ambiguous[key])
            parts.append(f"{key} (tie between {tied})")
            continue
        found = last.candidates.get(key, []) if last is not None else []
        best = ", ".join(f"{n!r} {sc}" for n, sc in found[:3]) or "no candidate"
        parts.append(f"{key} (best: {best})")
    return f"{what}; no field for " + "; ".join(parts)


def _control_key(fingerprint: trace_pb2.ElementFingerprint) -> str:
    return (fingerprint.accessible_name or fingerprint.text or fingerprint.label).casefold()


def _control_key_of(element: SnapshotElement) -> str:
    return (element.name or element.text or element.label).casefold()


def _keys_done(task: AgentTask) -> set[str]:
    """Payload keys an earlier action already entered (matched by parameter, else by the field's label)."""
    done = [a for a in task.actions_done if a.type in _VALUE_ACTIONS]
    keys: set[str] = set()
    for action in task.actions_done:
        # A custom widget's option is chosen by a click that names the key it entered.
        verified = not action.HasField("postcondition") or action.postcondition.verified
        if action.payload_key in task.payload and verified:
            keys.add(action.payload_key)
    for key, rendered in task.payload.items():
        for action in done:
            by_param = bool(rendered.parameter_key) and action.parameter_key == rendered.parameter_key
            labels = (action.element.label, action.element.accessible_name)
            if by_param or any(label and similarity(key, label) >= 90 for label in labels):
                keys.add(key)
    return keys
