"""The heuristic agent: offline and deterministic; fills forms from the payload, clicks by goal, extracts by schema."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from playwright.async_api import ElementHandle, Page
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.agents.acting import Actor
from executor_service.agents.base import AgentResult, AgentTask, RenderedValue
from executor_service.agents.choices import split_values
from executor_service.agents.controls import (
    LOCATE_THRESHOLD,
    STEP_NAME,
    bearing_choice,
    choose_control,
    goal_cues,
    item_names,
    locate_score,
    opens_editor,
    opens_item_menu,
    pick_control,
    search_term,
    start_control,
)
from executor_service.agents.disclosure import disclosure_key, is_closed_disclosure, is_open_disclosure
from executor_service.agents.extraction import extract_from_page
from executor_service.agents.filling import (
    Progress,
    blank_fields,
    exhausted_step,
    fields_coming,
    fill_page,
    holding_entered,
    identity,
    is_search_box,
    last_one_left,
    revealed_choices,
    revealed_fields,
    signature,
)
from executor_service.agents.list_search import search_list
from executor_service.agents.matching import is_field, normalise, says_which, similarity, truthy
from executor_service.agents.paging import extract_all_pages
from executor_service.agents.row_pick import pick_row
from executor_service.agents.unasked import unasked_noes
from executor_service.browser.action_kinds import VALUE_ACTIONS
from executor_service.browser.criteria import criterion_holds, termination_message
from executor_service.browser.end_state import capture_end_state
from executor_service.browser.page_events import page_events
from executor_service.browser.snapshot import Snapshot, SnapshotElement, element_handle, take_snapshot
from executor_service.browser.value_checks import canonical, names_whole
from executor_service.browser.value_pieces import partly_entered
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import trace_pb2, workflow_pb2

BT = workflow_pb2.BlockType
AT = trace_pb2.ActionType
MAX_LATE_WAITS = 3  # times one block waits for fields that are still coming (disabled, loading, empty lists)
# A search is a step on the way when the goal then picks from the results.
_SEARCH_WORDS = re.compile(r"\b(search|find|look up|filter)\b", re.I)
_PICK_WORDS = re.compile(r"\b(add|select|choose|pick|open|buy|book|view)\b", re.I)


def _path(url: str) -> str:
    return urlsplit(url).path


class HeuristicAgent:
    """Implements the Agent protocol without a model; stateless, so one instance serves concurrent runs."""

    def __init__(self, *, settle_timeout_ms: float = 5000, locate_threshold: float = LOCATE_THRESHOLD) -> None:
        self.settle_timeout_ms = settle_timeout_ms
        self.locate_threshold = locate_threshold

    # --- the protocol ----------------------------------------------------------------------------

    async def run_block(self, page: Page, task: AgentTask, recorder: ActionRecorder) -> AgentResult:
        page_events(page)  # listening from now on: a request the block's first value starts is seen in flight
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
        pool = bearing_choice(fingerprint, [*snapshot.elements, *snapshot.values, *snapshot.tables])
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
        actor = Actor(page, recorder, self.settle_timeout_ms)
        done = _keys_done(task)
        progress = Progress(
            pending={k: v for k, v in task.payload.items() if k not in done},
            clicked=[_control_key(a.element) for a in task.actions_done if a.irreversible],
            entered=_entered_before(task, done),
            unsent=_unsent(task),
            searched=_searched_before(task),
            sought=_sought_before(task),
            after_step=_stepped_last(task),
            choosers=_chosen_before(task),
        )
        # What a plain criterion's general nouns may stand for ("the module"): the values, secrets aside.
        named = {key: rendered.value for key, rendered in task.payload.items() if not rendered.secret}
        not_needed: dict[str, str] = {}  # keys left out on purpose, each with its reason (the report shows them)
        toggled_before = _toggled_before(task)
        if task.actions_done:
            await actor.answers_pending()  # what the replayed code entered last may still be loading more of the form
            await _finish_code_step(actor, task)
            # What the code left on the page, read once: the fields and lists it filled, its search, its lists' buttons.
            left = await take_snapshot(page)
            progress.typed_ids |= _fields_code_typed(left, task, done)
            progress.kept_lists |= _lists_code_chose(left, task, done)
            progress.search_typed, searching = _search_code_typed(left, task)
            progress.forms |= searching
            progress.widgets |= _lists_code_opened(left, task)
        steps = 0
        while steps < task.max_steps:
            stop = await self._terminated(page, task)
            if stop:
                return AgentResult(False, stop, steps=steps)
            if criterion and await self._criterion_met(page, criterion, wait=False):
                return await self._done(page, steps, "completion criterion met", not_needed)
            steps += 1
            await actor.dismiss_dialog()
            if progress.pending:
                await actor.open_disclosure(progress.pending, progress.opened)  # "Have a promo code?": its field
            mark = page_events(page).seq
            forms, acted = await fill_page(actor, task, progress)
            # Forms filled since the last click count too (a value typed, then a look again before sending).
            progress.forms |= forms
            if progress.pending and await actor.reveal_withheld(progress.pending):
                continue  # the form now shows the fields a "same as" box withheld: fill them
            forms = set(progress.forms)
            if acted and progress.pending:
                await actor.answers_arrived(mark)  # a date just picked may be loading its time slots
            snapshot = await take_snapshot(page)  # a valid form may have enabled its submit button
            if acted and progress.pending and progress.last and (
                revealed_fields(progress.last.snapshot, snapshot)
                or revealed_choices(progress.last.snapshot, snapshot, [v.value for v in progress.pending.values()])
            ):
                continue  # what was just entered revealed more of the form: fill that before choosing a button
            if progress.unsent:
                # Taking over from code that entered values but did not send them (a wall covered the button, a
                # reworded field stopped it): the forms or regions holding them were filled as much as any this
                # block filled itself, and their button sends all of it (-1, outside any form or region, as when
                # the agent types there itself).
                held = holding_entered(snapshot, progress)
                forms = forms | {e.form for e in snapshot.elements if e.index in held or (
                    e.role == "button" and normalise(e.text or e.name) in progress.choosers)  # a time slot chosen
                    or (e.checked and _toggle_key(e.role or e.type, e.name or e.text) in toggled_before)}  # a plan
            # A check-your-answers step a wizard's "Next" opened asks its declaration too ("Confirm that the
            # information you have given is correct"), though nothing is filled there.
            declaring = forms or ({e.form for e in snapshot.elements} if progress.after_step else set())
            if declaring and await actor.tick_required_declarations(task.goal, declaring):
                snapshot = await take_snapshot(page)  # a ticked declaration may have enabled the button
            searched_here = _searched_at(task, page.url)
            candidates = [
                e for e in snapshot.elements
                if (forms or _control_key_of(e) not in progress.clicked or not e.submits)
                and _control_key_of(e) not in progress.searched and not _at(e, searched_here)
                and disclosure_key(e) not in progress.opened
                and identity(e) not in progress.widgets and not (forms and identity(e) in progress.openers)
                and _toggle_key(e.role or e.type, e.name or e.text) not in toggled_before
                and not (e.role == "button" and normalise(e.text or e.name) in progress.choosers)
                # A menu's button while its menu is open, a section's while it is shown: clicking it again only
                # closes them (the replayed code the agent takes over from may have opened them).
                and not (e.haspopup in ("menu", "true") and e.expanded == "true") and not is_open_disclosure(e)
                # A collapsed section's button only shows more fields: it never sends those just filled (the
                # sections a pending value needs are opened by name, above).
                and not (forms and is_closed_disclosure(e))
            ]
            if forms & {e.form for e in candidates if not e.behind_modal} and any(e.behind_modal for e in candidates):
                # Values went into the modal dialog open over the page (a seminar chosen in it): its own buttons go
                # on; what lies behind it is out of reach until it closes, however well its words fit the goal.
                candidates = [e for e in candidates if not e.behind_modal]
            if not forms and progress.after_step:
                # The step a wizard's "Next" opened (a review, a confirmation): its own controls carry the goal on.
                forms = {e.form for e in snapshot.elements}
            if progress.pending and not forms and await self._pick_row(page, task, recorder, actor, candidates,
                                                                       progress):
                continue  # the item of a list that shows a pending value was picked: the page it opens may ask more
            if progress.pending and not forms and await search_list(actor, snapshot, progress, task.goal):
                continue  # the list did not show the item a value names: its search box now does
            # Inside a form just filled, "Next"/"Continue" move a wizard on just like "Sign in" finishes a login.
            # Values left and nothing here to put them in: the editor of the item the goal changes opens their fields.
            editing = bool(progress.pending) and not forms
            setting = [v.value for v in progress.pending.values()]
            items = item_names(task.goal, progress.sought, setting) if editing else []
            control, refused = pick_control(task.goal, candidates, login=login or bool(forms), forms=forms,
                                            editing=editing, items=items)
            if control is None and await self._disabled_control(task.goal, snapshot, forms):
                if await actor.wait_for_change():
                    continue  # the submit button is disabled until the form is valid or the page is ready
            if control is None and refused:
                if not acted and await actor.wait_for_change():
                    continue  # the control the goal names may still be on its way
                # Not "nothing to submit": the goal's own control is missing, or two fit and either may be wrong.
                return AgentResult(False, self._give_up(f"on {_path(page.url)}: {refused}", progress), steps=steps)
            if control is None:
                if not criterion and progress.entered and not progress.pending:
                    return await self._done(page, steps, "payload entered; nothing to submit", not_needed)
                if not acted and await actor.wait_for_change():
                    continue  # the page is still building itself (a slow front end): look again
                start = start_control(candidates) if progress.pending and not acted and not forms else None
                if start is not None and _control_key_of(start) not in progress.searched:
                    # A service's start page ("Start now"): it asks for nothing, its form is behind that button.
                    progress.searched.add(_control_key_of(start))
                    control = start
                else:
                    return AgentResult(False, self._give_up(f"no control on {_path(page.url)} matches the goal",
                                                            progress), steps=steps)
            name = control.name or control.text
            if progress.pending:
                if progress.late_waits < MAX_LATE_WAITS and await fields_coming(page, snapshot, control):
                    progress.late_waits += 1
                    if await actor.wait_for_change():
                        continue  # a field that may take a pending key is still loading or disabled
                # A wizard's Next, a search, or a link to another view: where the pending keys may be asked.
                leaves = (control.tag == "a" or control.role in ("link", "tab", "menuitem")) and not control.submits
                blank = blank_fields(snapshot, control)
                # A button outside any form on a page with nothing to fill opens the view that asks ("New ticket").
                opens = control.form < 0 and not acted and not blank and not progress.entered
                # An item the goal names picked from a list ("Select DATA2105 Data Visualisation"): what it asks next
                # comes after it.
                picks = not forms and _names_goal_item(task.goal, control)
                onward = bool(STEP_NAME.match(name) or _SEARCH_WORDS.search(name) or leaves or opens or picks
                              or (editing and (opens_editor(task.goal, control, items)
                                               or opens_item_menu(task.goal, control, items)))
                              or exhausted_step(snapshot, control, forms, progress))
                if await last_one_left(actor, snapshot, control, progress, final=not onward):
                    continue  # the one value left went into the one field left: look again
                if not onward and not [e for e in blank if e.required]:
                    # Only "No"s left that the page never asks, with nothing switched on: they hold as it stands.
                    waived = unasked_noes(snapshot, progress)
                    for key in waived:
                        progress.pending.pop(key)
                    not_needed.update(waived)
                if progress.pending and ([e for e in blank if e.required or not onward] or not onward):
                    # Sending the form with keys not entered would send it wrong; an onward step may hold them.
                    return AgentResult(False, self._give_up(f"not sending {name!r}", progress), steps=steps)
            handle = await element_handle(page, control.index)
            if handle is None:
                continue
            await actor.clear_the_way(handle)
            before = page.url
            unnamed = _unnamed_values(snapshot, control, progress)
            if unnamed and await _form_sends_named_fields(handle):
                unnamed = []  # a widget writes the values into named (hidden) fields of the form: those are sent
            try:
                action = await recorder.click(page, handle, intent=f"Click '{name}' to {task.goal}")
            except PlaywrightError as exc:
                reason = str(exc).strip().splitlines()[0]
                if _control_key_of(control) not in progress.retried:
                    # The page redrew itself under the click, or a popup opened just then: look again, once.
                    progress.retried.add(_control_key_of(control))
                    continue
                return AgentResult(False, f"clicking {name!r} failed: {reason}", steps=steps)
            effect = action.postcondition.effect if action.HasField("postcondition") else 0
            if unnamed and (page.url != before or effect == trace_pb2.CLICK_EFFECT_NAVIGATION):
                # The browser sent the form itself, and it sends no field without a name: the values never left.
                return AgentResult(False, f"{name!r} sent the form, but its fields {', '.join(unnamed)} have no name, "
                                          "so the browser sent none of their values", steps=steps)
            if not forms and not acted and not progress.entered:
                progress.openers.add(identity(control))  # it opened the form ("+ Invite"): the form's own button sends
            progress.after_step = bool(STEP_NAME.match(name))
            progress.forms.clear()
            progress.unsent = False
            if action.irreversible:
                progress.clicked.append(_control_key_of(control))
            if _SEARCH_WORDS.search(name):
                progress.searched.add(_control_key_of(control))  # searching again would only show the same results
            await self._settle(page)
            # Only a click that sent something (a submit) is answered by what a plain criterion says in other
            # words; a menu click that shows a list of past records is not.
            if criterion and await self._criterion_met(page, criterion, wait=not progress.pending,
                                                       acted=action.irreversible, named=named):
                return await self._done(page, steps, "completion criterion met", not_needed)
            moves_on = bool(STEP_NAME.match(name) or (_SEARCH_WORDS.search(name) and _PICK_WORDS.search(task.goal)))
            if not progress.pending and not criterion:
                if moves_on:
                    continue  # a wizard's "Next": the step after it may hold the goal's own control
                return await self._done(page, steps, f"clicked {name!r}", not_needed)
            if not progress.pending and not moves_on and (forms or control.submits):
                # Everything was entered and sent, and the page does not show what the criterion says: clicking on
                # would only wander (a login refused, a confirmation worded otherwise). Stop and say so.
                return AgentResult(False, f"completion criterion {criterion!r} not met after {name!r} sent the "
                                          "values", steps=steps)
            if progress.pending and page.url == before and not acted and effect == trace_pb2.CLICK_EFFECT_NONE:
                # The click's own region did not change; another part of the page (an app's view) may have.
                if signature(await take_snapshot(page)) == signature(snapshot):
                    return AgentResult(False, self._give_up(f"clicking {name!r} changed nothing", progress),
                                       steps=steps)
        stop = await self._terminated(page, task)
        if stop:
            return AgentResult(False, stop, steps=steps)
        if progress.pending:
            return AgentResult(False, self._give_up(f"not done after {steps} steps", progress), steps=steps)
        return AgentResult(False, f"completion criterion {criterion!r} not met after {steps} steps", steps=steps)

    async def _pick_row(self, page: Page, task: AgentTask, recorder: ActionRecorder, actor: Actor,
                        candidates: list[SnapshotElement], progress: Progress) -> bool:
        """Click the control of the one list item (a room, a plan, a result) that shows a pending value."""
        pick = pick_row(candidates, progress.pending, task.goal)
        if pick is None:
            return False
        handle = await element_handle(page, pick.control.index)
        if handle is None:
            return False
        await actor.clear_the_way(handle)
        name = pick.control.name or pick.control.text
        try:
            action = await recorder.click(page, handle, intent=f"Click '{name}' to {task.goal}", payload_key=pick.key)
        except PlaywrightError:
            return False
        rendered = progress.pending.pop(pick.key)
        progress.entered[pick.key] = (rendered.value, pick.control.index, pick.control.type)
        if action.irreversible:
            progress.clicked.append(_control_key_of(pick.control))
        progress.forms.clear()
        progress.after_step = False
        await self._settle(page)
        return True

    async def _disabled_control(self, goal: str, snapshot: Snapshot, forms: set[int]) -> bool:
        """Whether the control the goal wants is there but disabled (it may enable itself soon)."""
        disabled = [dataclasses.replace(e, disabled=False) for e in snapshot.elements if e.disabled]
        return choose_control(goal, disabled, forms=forms) is not None

    def _give_up(self, what: str, progress: Progress) -> str:
        """A reason that names the keys not entered and their best candidate fields with scores."""
        if not progress.pending:
            return what
        last = progress.last.fields if progress.last is not None else None
        parts = []
        for key in sorted(progress.pending):
            if last is not None and key in last.ambiguous:
                tied = ", ".join(f"{n!r} {sc}" for n, sc in last.ambiguous[key])
                parts.append(f"{key} (tie between {tied})")
                continue
            found = last.candidates.get(key, []) if last is not None else []
            best = ", ".join(f"{n!r} {sc}" for n, sc in found[:3]) or "no candidate"
            parts.append(f"{key} (best: {best})")
        return f"{what}; no field for " + "; ".join(parts)

    async def _terminated(self, page: Page, task: AgentTask) -> str:
        """The page's own message when the block's termination criterion holds ('' otherwise)."""
        if not task.termination_criterion.strip():
            return ""
        message = await termination_message(page, task.termination_criterion)
        return f"termination criterion {task.termination_criterion!r} holds: {message}" if message else ""

    async def _settle(self, page: Page) -> None:
        try:
            await page.wait_for_load_state("load", timeout=self.settle_timeout_ms)
        except PlaywrightTimeoutError:
            pass  # a page that keeps loading is judged by the completion criterion instead

    async def _criterion_met(
        self, page: Page, criterion: str, *, wait: bool, acted: bool = False, named: Mapping[str, str] | None = None
    ) -> bool:
        # The shared grammar (url:, text:, selector:, absent:, value:; plain text is a statement, which after a
        # click of this block may also be said in the page's own words).
        return await criterion_holds(page, criterion, wait_ms=self.settle_timeout_ms if wait else 0, acted=acted,
                                     named=named)

    async def _done(self, page: Page, steps: int, reason: str, not_needed: Mapping[str, str] | None = None
                    ) -> AgentResult:
        return AgentResult(True, reason, steps=steps, end_state=await capture_end_state(page),
                           keys_not_needed=dict(not_needed or {}))

    # --- extraction and downloads ----------------------------------------------------------------

    async def _extract(self, page: Page, task: AgentTask, recorder: ActionRecorder, *, steps: int) -> AgentResult:
        if not task.schema:
            return AgentResult(False, "extraction block without a schema", steps=steps)
        snapshot = await take_snapshot(page)
        found = await extract_from_page(page, snapshot, task.schema, task.goal)
        steps += 1
        if found.refused:
            return AgentResult(False, found.refused, steps=steps)
        if found.errors:
            return AgentResult(
                False, "extracted data does not match the schema: " + "; ".join(found.errors[:3]), steps=steps
            )
        paged = await extract_all_pages(Actor(page, recorder, self.settle_timeout_ms), task, found)
        if paged.reason:
            return AgentResult(False, paged.reason, steps=steps + paged.steps)
        await recorder.extract(page, found.fields, intent=task.goal or "Read the data")
        result = await self._done(page, steps + paged.steps, "data extracted")
        result.output = paged.data if paged.data is not None else found.data
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


def _unnamed_values(snapshot: Snapshot, control: SnapshotElement, progress: Progress) -> list[str]:
    """The fields typed into this block in the form a submit button sends, when not one of them has a name (a
    form the browser submits sends named fields only); empty otherwise."""
    if not control.submits or control.form < 0:
        return []
    typed = {at for _, at, _ in progress.entered.values()}
    mine = [e for e in snapshot.elements if e.index in typed and e.form == control.form and is_field(e)]
    if not mine or any(e.attr_name for e in mine):
        return []
    return [repr(e.label or e.name or e.placeholder or e.tag) for e in mine]


_NAMED_FIELDS_JS = """
(button) => {
  const form = button.form || button.closest('form');
  return !form || Array.from(form.elements).some((e) => e.name && !['submit', 'button', 'reset', 'image']
    .includes((e.type || '').toLowerCase()));
}
"""


async def _form_sends_named_fields(handle: ElementHandle) -> bool:
    """Whether the submit button's form has any named field (hidden ones included) the browser would send."""
    try:
        return bool(await handle.evaluate(_NAMED_FIELDS_JS))
    except PlaywrightError:
        return True


def _control_key(fingerprint: trace_pb2.ElementFingerprint) -> str:
    return (fingerprint.accessible_name or fingerprint.text or fingerprint.label).casefold()


def _names_goal_item(goal: str, control: SnapshotElement) -> bool:
    """Whether the control, or the list item it sits in, shows an identifier or a name the goal gives."""
    shown = f" {normalise(' '.join((control.name, control.text, control.row)))} "
    return any(f" {normalise(cue)} " in shown for cue in goal_cues(goal) if normalise(cue))


def _control_key_of(element: SnapshotElement) -> str:
    return (element.name or element.text or element.label).casefold()


def _fields_code_typed(snapshot: Snapshot, task: AgentTask, done: set[str]) -> set[str]:
    """The fields the replayed code typed a value it entered whole into (``done``), that still hold what it typed, as
    ``Progress.typed_ids`` holds the agent's own: a date's day holding "16" is the date of birth's, never the empty
    "Day" of the passport's expiry. A value typed in part is entered again, in all its boxes."""
    parameters = {task.payload[key].parameter_key for key in done if task.payload[key].parameter_key}
    found: set[str] = set()
    for action in task.actions_done:
        shown = canonical(action.postcondition.typed_format or action.value)
        if action.type != AT.ACTION_TYPE_TYPE or not shown or not (
                action.payload_key in done or action.parameter_key in parameters):
            continue
        places = {locator.value for locator in action.element.locators if locator.kind in _POSITIONS}
        found |= {identity(e) for e in snapshot.elements if is_field(e) and canonical(e.value) == shown
                  and (_at(e, places) or _control_key_of(e) == _control_key(action.element))}
    return found


def _lists_code_chose(snapshot: Snapshot, task: AgentTask, done: set[str]) -> dict[str, str]:
    """The dropdowns the replayed code chose a done key's option in, with the option they still show, as
    ``Progress.kept_lists`` holds them: the mileage list keeps its "12,000", never another key's "8" (no claims years
    asked on the next step)."""
    parameters = {task.payload[key].parameter_key for key in done if task.payload[key].parameter_key}
    found: dict[str, str] = {}
    for action in task.actions_done:
        if action.type != AT.ACTION_TYPE_SELECT_OPTION or not (
                action.payload_key in done or action.parameter_key in parameters):
            continue
        places = {locator.value for locator in action.element.locators if locator.kind in _POSITIONS}
        found |= {identity(e): e.value for e in snapshot.elements
                  if e.tag == "select" and is_field(e) and e.value.strip()
                  and (_at(e, places) or _control_key_of(e) == _control_key(action.element))}
    return found


async def _finish_code_step(actor: Actor, task: AgentTask) -> None:
    """Taking over, the last step of the replayed code is finished as the agent finishes its own: a value typed
    into a field whose own button applies it, and that button not pressed since (a postcode and its "Look up
    address"), is applied; a button the code pressed and the page greyed out while it works is waited for (the
    addresses it looks up are not there yet)."""
    last = task.actions_done[-1]
    if last.type not in (AT.ACTION_TYPE_TYPE, AT.ACTION_TYPE_CLICK) or not _control_key(last.element):
        return
    snapshot = await take_snapshot(actor.page)
    # By its name, or by its place when the page renamed it while it works ("Look up" became "Looking up…").
    places = {locator.value for locator in last.element.locators if locator.kind in _POSITIONS}
    same = [e for e in snapshot.elements if _control_key_of(e) == _control_key(last.element) or _at(e, places)]
    if last.type == AT.ACTION_TYPE_CLICK:
        busy = [e for e in same if e.disabled] if last.postcondition.observed == "disabled" else []
        handle = (await actor.handles(busy[:1])).get(busy[0].index) if busy else None
        if handle is not None:
            await actor.wait_while_disabled(handle)
        return
    typed = [e for e in same if e.tag == "input" and is_field(e) and canonical(e.value) == canonical(last.value)]
    handle = (await actor.handles(typed[:1])).get(typed[0].index) if len(typed) == 1 else None
    if handle is not None:
        await actor.press_companion(handle, last.payload_key or last.parameter_key or "value")


def _search_code_typed(snapshot: Snapshot, task: AgentTask) -> tuple[bool, set[int]]:
    """Whether the replayed code typed the goal's search words ("Find Hana Dubois …"), as the agent types them
    itself (``Progress.search_typed``); and, when nothing was clicked since, the form of the search box still
    holding them, filled as after the agent's own typing: its button ("Search") runs the search the code began."""
    term = canonical(search_term(task.goal))
    typed = [i for i, a in enumerate(task.actions_done)
             if term and a.type == AT.ACTION_TYPE_TYPE and canonical(a.value) == term]
    if not typed:
        return False, set()
    if any(a.type == AT.ACTION_TYPE_CLICK for a in task.actions_done[typed[-1] + 1:]):
        return True, set()
    return True, {e.form for e in snapshot.elements if is_search_box(e) and canonical(e.value) == term}


def _unsent(task: AgentTask) -> bool:
    """Whether the replayed code the agent takes over from entered values and nothing sent them since (a term typed
    into a list's search box filters the list: nothing waits to be sent there). A search pressed after them ("Find
    modules") took them, as when the agent presses it: the results it shows are the next step."""
    values = [i for i, a in enumerate(task.actions_done) if (a.type in VALUE_ACTIONS and not _typed_to_search(a)) or (
        a.type == AT.ACTION_TYPE_CLICK and a.payload_key and not a.irreversible)]  # a value chosen by its button
    return bool(values) and not any(a.irreversible or (
        a.type == AT.ACTION_TYPE_CLICK and _SEARCH_WORDS.search(_control_key(a.element)))
        for a in task.actions_done[values[-1] + 1:])


def _searched_before(task: AgentTask) -> set[str]:
    """The search controls the replayed code the agent takes over from already pressed, as if the agent had: once
    the results are shown, pressing search again only shows them again, never sends what is filled after it."""
    clicked = (_control_key(a.element) for a in task.actions_done if a.type == AT.ACTION_TYPE_CLICK)
    return {key for key in clicked if key and _SEARCH_WORDS.search(key)}


def _sought_before(task: AgentTask) -> list[str]:
    """The values the replayed code typed into a list's search box, as if the agent had (``Progress.sought``): the
    item the goal changes goes by them, so the plain "Edit" of its row opens its editor."""
    return [rendered.value for action in task.actions_done if _typed_to_search(action)
            for key, rendered in task.payload.items() if not rendered.secret and (
                action.payload_key == key
                or (rendered.parameter_key and action.parameter_key == rendered.parameter_key))]


def _stepped_last(task: AgentTask) -> bool:
    """Whether the replayed code's last click was a wizard's step ("Next") and nothing was entered since: the step it
    opened (a check-your-answers page) carries the goal on with its own controls, as when the agent pressed it."""
    clicks = [i for i, a in enumerate(task.actions_done) if a.type == AT.ACTION_TYPE_CLICK]
    return bool(clicks) and bool(STEP_NAME.match(_control_key(task.actions_done[clicks[-1]].element))) and not any(
        a.type in VALUE_ACTIONS for a in task.actions_done[clicks[-1] + 1:])


# What a list opened by a button offers: a choice among them was made in that list, not on the page.
_LIST_ITEMS = frozenset({"option", "menuitem", "menuitemradio", "treeitem"})


def _lists_code_opened(snapshot: Snapshot, task: AgentTask) -> set[str]:
    """The controls the replayed code clicked to open a list it then chose from ("Role: Member" before "Admin"), as
    ``Progress.widgets`` holds the agent's own: the list's button, now showing the choice ("Role: Admin"), only
    opens the list again, never sends the form. Found by their place, else by their name."""
    actions = task.actions_done
    openers = [a for a, b in itertools.pairwise(actions)
               if a.type == AT.ACTION_TYPE_CLICK and not a.payload_key and not a.irreversible
               and b.type == AT.ACTION_TYPE_CLICK and b.payload_key and b.element.role in _LIST_ITEMS]
    found: set[str] = set()
    for opener in openers:
        places = {locator.value for locator in opener.element.locators if locator.kind in _POSITIONS}
        found |= {identity(e) for e in snapshot.elements
                  if _at(e, places) or (_control_key(opener.element) and _control_key_of(e) == _control_key(
                      opener.element))}
    return found


def _chosen_before(task: AgentTask) -> set[str]:
    """The words of buttons the replayed code pressed to choose a value (a time slot "15:50"), as
    ``Progress.choosers`` holds the agent's own: a choice made, never the control that sends the form."""
    return {normalise(_control_key(a.element)) for a in task.actions_done
            if a.type == AT.ACTION_TYPE_CLICK and a.payload_key and not a.irreversible}


_TOGGLES = frozenset({"switch", "checkbox", "radio"})


def _toggle_key(role: str, name: str) -> tuple[str, str] | None:
    return (role, normalise(name)) if role in _TOGGLES and name else None


def _toggled_before(task: AgentTask) -> set[tuple[str, str] | None]:
    """The switches, boxes and radios the replayed code the agent takes over from already set, by role and name:
    each is a setting made (the agent's own are in ``Progress.widgets``), never the button that sends them, however
    well the goal names it ("turn on Due date reminders")."""
    return {_toggle_key(a.element.role, a.element.accessible_name or a.element.label or a.element.text)
            for a in task.actions_done if a.type in (*_TICKING, AT.ACTION_TYPE_CLICK)
            and (not a.HasField("postcondition") or a.postcondition.verified)} - {None}


def _typed_to_search(action: trace_pb2.Action) -> bool:
    """A term typed into a search box (by its role, or a name that says it searches)."""
    element = action.element
    return action.type == AT.ACTION_TYPE_TYPE and (
        element.role == "searchbox" or bool(_SEARCH_WORDS.search(element.accessible_name or element.label or "")))


# Where an element is, whatever it is called now: its id or its position.
_POSITIONS = frozenset({trace_pb2.LOCATOR_KIND_ID, trace_pb2.LOCATOR_KIND_CSS, trace_pb2.LOCATOR_KIND_XPATH})


def _searched_at(task: AgentTask, url: str) -> set[str]:
    """Where on the page at ``url`` the replayed code pressed a search control (its id, css and xpath): the code finds
    a renamed button by its place ("Find a table" where "Search" was recorded), and it is that button all the same."""
    return {
        locator.value for a in task.actions_done
        if a.type == AT.ACTION_TYPE_CLICK and a.url == url and _SEARCH_WORDS.search(_control_key(a.element))
        for locator in a.element.locators if locator.kind in _POSITIONS
    }


def _at(element: SnapshotElement, places: set[str]) -> bool:
    """Whether the element sits at one of ``places`` (id, css or xpath values)."""
    return any(kind in ("id", "css", "xpath") and value in places for kind, value, _ in element.locators)


def _entered_before(task: AgentTask, done: set[str]) -> dict[str, tuple[str, int, str]]:
    """Values an earlier run (the replayed code the agent takes over from) already typed, as ``Progress.entered``
    holds them: a "repeat the password" field left empty is filled with the value typed last before it. Their
    indexes are negative (before any field of this page), in the order they were typed; a secret typed by code is
    taken for a password (replayed code records no field's type)."""
    entered: dict[str, tuple[str, int, str]] = {}
    actions = list(task.actions_done)
    for key in done:
        rendered = task.payload.get(key)
        if rendered is None:
            continue
        typed = [i for i, a in enumerate(actions) if a.type in VALUE_ACTIONS and (a.payload_key == key or (
            rendered.parameter_key and a.parameter_key == rendered.parameter_key))]
        kind = actions[typed[-1]].element.attributes.get("type", "") if typed else ""
        entered[key] = (rendered.value, (typed[-1] if typed else -1) - len(actions) - 1,
                        kind or ("password" if rendered.secret and typed else ""))
    return entered


def _typed_only(action: trace_pb2.Action, later: list[trace_pb2.Action]) -> bool:
    """Text typed into a combobox with no option chosen after it for the same key."""
    if action.type != AT.ACTION_TYPE_TYPE or action.element.role != "combobox":
        return False
    return not any(
        a.type == AT.ACTION_TYPE_CLICK
        and ((action.payload_key and a.payload_key == action.payload_key) or a.element.role == "option")
        for a in later
    )


# Actions that choose an element by the words of a value (the option, radio or card it names).
_CHOOSING = frozenset({AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_CLICK, AT.ACTION_TYPE_SELECT_OPTION})
# The binding fields that name the element chosen (a list's "member" and "each" boxes are one item of several).
_NAMING_FIELDS = frozenset({"name", "text", "label", "option"})


def _chosen_by(action: trace_pb2.Action, parameter: str) -> bool:
    """Whether the element ``action`` chose was named by the whole of ``parameter``'s value."""
    return any(b.source == parameter and b.whole and b.field in _NAMING_FIELDS for b in action.bindings)


# Actions that set a box: they enter a yes or a no, never a text.
_TICKING = frozenset({AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_UNCHECK})


def _keys_done(task: AgentTask) -> set[str]:
    """Payload keys an earlier action already entered (matched by parameter, else by the field's label). A value
    only typed into a combobox whose option was then not chosen (replayed code stopped there: "the next option was
    chosen for another assignee") is not entered: the app keeps no typed text, only a chosen option."""
    actions = list(task.actions_done)
    done = [a for i, a in enumerate(actions) if a.type in VALUE_ACTIONS and not _typed_only(a, actions[i + 1:])]
    keys: set[str] = set()
    for i, action in enumerate(actions):
        if _typed_only(action, actions[i + 1:]):
            continue
        # A custom widget's option is chosen by a click that names the key it entered.
        verified = not action.HasField("postcondition") or action.postcondition.verified
        if action.payload_key in task.payload and verified:
            keys.add(action.payload_key)
        if verified and action.type in _CHOOSING:
            # Replayed code records a choice by the parameter that named the element (a radio "20:30" bound to
            # ``time``), not by the payload key the agent records: that value was chosen as much.
            keys |= {k for k, v in task.payload.items() if v.parameter_key and _chosen_by(action, v.parameter_key)}
    for key, rendered in task.payload.items():
        for action in done:
            by_param = bool(rendered.parameter_key) and action.parameter_key == rendered.parameter_key
            if not by_param and action.type in _TICKING and truthy(rendered.value) is None:
                continue  # a box ticked whose label names the key ("I am the account holder") enters no name
            labels = (action.element.label, action.element.accessible_name)
            # The label speaks for unbound actions only: "Email address" took the email, not the address.
            named = not _bound_elsewhere(action, key, rendered, task.payload) and any(
                label and similarity(key, label) >= 90 for label in labels)
            if by_param or named:
                keys.add(key)
            if action.type == AT.ACTION_TYPE_SELECT_OPTION and says_which(rendered.value) and names_whole(
                    rendered.value, action.postcondition.observed):
                keys.add(key)  # an option naming more than its key's value ("120 Holly Bank, Durham") gave this one
    # A value the code typed only in part (a sort code's first two boxes) is not entered, nor is a list of which it set
    # some items only (one of two switches to turn on): the agent enters them again.
    return {key for key in keys if not _partly_typed(task.payload[key], done)
            and not _partly_chosen(key, task.payload[key], actions)}


def _bound_elsewhere(action: trace_pb2.Action, key: str, rendered: RenderedValue,
                     payload: dict[str, RenderedValue]) -> bool:
    """Whether the action entered another key's value, not this one's: bound to another parameter or payload key,
    and what it entered is not this key's value too. Its field's label may still name this key ("Email address"
    for ``address``, the shipping "City" for ``billing_city``); the label speaks only for unbound actions."""
    other_parameter = bool(action.parameter_key) and action.parameter_key != rendered.parameter_key
    other_key = action.payload_key in payload and action.payload_key != key
    if not (other_parameter or other_key):
        return False
    return canonical(action.value) != canonical(rendered.value) or not rendered.value.strip()


def _partly_chosen(key: str, rendered: RenderedValue, actions: list[trace_pb2.Action]) -> bool:
    """Whether the value is a list ("Due date reminders, New comments") set box by box or switch by switch, of which
    the actions for the key set only some: each item is named by a box or switch one of them set. (A value with a
    comma chosen whole, as an option or a radio, is no such list: "Flat 2, 120 Holly Bank".)"""
    items = [normalise(item) for item in split_values(rendered.value)]
    if len(items) < 2:
        return False
    names = [normalise(a.element.accessible_name or a.element.label or a.element.text) for a in actions
             if a.element.role in ("switch", "checkbox") and (a.type in _TICKING or a.type == AT.ACTION_TYPE_CLICK)
             if a.payload_key == key or (rendered.parameter_key and a.parameter_key == rendered.parameter_key)]
    return bool(names) and not all(any(item == name or item in name for name in names) for item in items)


def _partly_typed(rendered: RenderedValue, done: list[trace_pb2.Action]) -> bool:
    """Whether the replayed actions entered only some pieces of the value (see ``value_pieces``)."""
    return partly_entered(rendered.value, rendered.parameter_key or "", done)
