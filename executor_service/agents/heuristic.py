"""The heuristic agent: offline and deterministic; fills forms from the payload, clicks by goal, extracts by schema."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from playwright.async_api import ElementHandle, Page
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.agents.acting import Actor
from executor_service.agents.base import AgentResult, AgentTask
from executor_service.agents.controls import (
    LOCATE_THRESHOLD,
    STEP_NAME,
    bearing_choice,
    choose_control,
    control_key_of,
    fits_as_styled,
    goal_cues,
    item_names,
    locate_score,
    opens_editor,
    opens_item_menu,
    pick_control,
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
    last_one_left,
    revealed_choices,
    revealed_fields,
    signature,
)
from executor_service.agents.list_search import search_list
from executor_service.agents.matching import is_field, normalise, says_which
from executor_service.agents.paging import extract_all_pages
from executor_service.agents.row_pick import pick_row
from executor_service.agents.takeover import (
    SEARCH_WORDS,
    at_place,
    chosen_before,
    control_key,
    entered_before,
    fields_code_typed,
    finish_code_step,
    keys_done,
    lists_code_chose,
    lists_code_opened,
    search_code_typed,
    searched_at,
    searched_before,
    sought_before,
    stepped_last,
    toggle_key,
    toggled_by_code,
    unsent,
)
from executor_service.agents.unasked import unasked_noes
from executor_service.browser.block_facts import failed_actions
from executor_service.browser.completion import validation_errors
from executor_service.browser.criteria import criterion_holds, termination_message
from executor_service.browser.end_state import capture_end_state
from executor_service.browser.page_events import page_events
from executor_service.browser.snapshot import (
    Snapshot,
    SnapshotElement,
    element_handle,
    pointer_buttons,
    take_snapshot,
)
from executor_service.browser.whole_words import whole_words
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import trace_pb2, workflow_pb2

BT = workflow_pb2.BlockType
AT = trace_pb2.ActionType
MAX_LATE_WAITS = 3  # times one block waits for fields that are still coming (disabled, loading, empty lists)
# A search is a step on the way when the goal then picks from the results.
_PICK_WORDS = re.compile(r"\b(add|select|choose|pick|open|buy|book|view)\b", re.I)


def _path(url: str) -> str:
    return urlsplit(url).path


# A dialog's answer that goes on with what the press asked ("Are you sure?" "Yes, delete it").
_AFFIRM = re.compile(r"^\W*(?:yes|ok|okay|confirm|continue|proceed|i'?m sure)\b", re.I)
# A dialog's control that only closes it ("Close", "Got it", "×").
_CLOSES = re.compile(r"^\W*(?:close|dismiss|got it|done|back|no,? thanks|not now|×|✕|x)\W*$", re.I)


async def _styled_control(
    page: Page, snapshot: Snapshot, goal: str, forms: set[int], login: bool
) -> SnapshotElement | None:
    """An element the page styles as a button without making it a control (a ``<div>`` with a pointer cursor),
    whose words say a send, a step on or the goal's own: asked only when no real control does."""
    styled = [e for e in await pointer_buttons(page, snapshot) if fits_as_styled(goal, e)]
    return pick_control(goal, styled, login=login or bool(forms), forms=forms)[0] if styled else None


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
        return await element_handle(page, scored[0][1])

    # --- navigation ------------------------------------------------------------------------------

    async def _navigate(self, page: Page, task: AgentTask, recorder: ActionRecorder) -> AgentResult:
        criterion = task.completion_criterion.strip()
        login = task.block.type == BT.BLOCK_TYPE_LOGIN
        actor = Actor(page, recorder, self.settle_timeout_ms)
        done = keys_done(task)
        progress = Progress(
            pending={k: v for k, v in task.payload.items() if k not in done},
            clicked=[control_key(a.element) for a in task.actions_done if a.irreversible],
            entered=entered_before(task, done),
            unsent=unsent(task),
            searched=searched_before(task),
            sought=sought_before(task),
            after_step=stepped_last(task),
            choosers=chosen_before(task),
        )
        # What a plain criterion's general nouns may stand for ("the module"): the values, secrets aside.
        named = {key: rendered.value for key, rendered in task.payload.items() if not rendered.secret}
        not_needed: dict[str, str] = {}  # keys left out on purpose, each with its reason (the report shows them)
        toggled_before = toggled_by_code(task)
        if task.actions_done:
            await actor.answers_pending()  # what the replayed code entered last may still be loading more of the form
            await finish_code_step(actor, task)
            # What the code left on the page, read once: the fields and lists it filled, its search, its lists' buttons.
            left = await take_snapshot(page)
            progress.typed_ids |= fields_code_typed(left, task, done)
            progress.kept_lists |= lists_code_chose(left, task, done)
            progress.search_typed, searching = search_code_typed(left, task)
            progress.forms |= searching
            progress.widgets |= lists_code_opened(left, task)
        steps = 0
        while steps < task.max_steps:
            stop = await self._terminated(page, task)
            if stop:
                return AgentResult(False, stop, steps=steps)
            if criterion and await self._criterion_met(page, criterion, wait=False):
                return await self._done(page, steps, "completion criterion met", not_needed)
            steps += 1
            if not progress.asked:  # a dialog the last press opened to ask is the next step, not a notice to close
                await actor.dismiss_dialog()
            if progress.pending:
                await actor.open_disclosure(progress.pending, progress.opened)  # "Have a promo code?": its field
            mark = page_events(page).seq
            forms, acted = await fill_page(actor, task, progress)
            if progress.broken:
                return AgentResult(False, progress.broken, steps=steps)  # sending part of the values sends them wrong
            not_taken = failed_actions(recorder.actions)
            if not_taken:
                # A field that did not take its value (a maxlength cut it, the page dropped characters, a slider
                # rounded it): the judge fails the block for it whatever happens next, so sending would only send
                # the wrong value. The postcondition's words never quote a secret.
                post, what = not_taken[-1].postcondition, not_taken[-1].intent or "a value"
                if post.observed == post.expected:  # taken as typed, and marked invalid (a pattern, a minimum)
                    return AgentResult(False, f"{what}: the page marks {post.observed!r} invalid; nothing sent",
                                       steps=steps)
                return AgentResult(False, f"{what}: the page holds {post.observed!r}, not {post.expected!r}; nothing "
                                          "sent", steps=steps)
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
                    or (e.checked and toggle_key(e.role or e.type, e.name or e.text) in toggled_before)}  # a plan
            # A check-your-answers step a wizard's "Next" opened asks its declaration too ("Confirm that the
            # information you have given is correct"), though nothing is filled there.
            declaring = forms or ({e.form for e in snapshot.elements} if progress.after_step else set())
            if declaring and await actor.tick_required_declarations(task.goal, declaring, snapshot):
                snapshot = await take_snapshot(page)  # a ticked declaration may have enabled the button
            searched_here = searched_at(task, page.url)
            candidates = [
                e for e in snapshot.elements
                if (forms or control_key_of(e) not in progress.clicked or not e.submits)
                and control_key_of(e) not in progress.searched and not at_place(e, searched_here)
                and disclosure_key(e) not in progress.opened
                and identity(e) not in progress.widgets and not (forms and identity(e) in progress.openers)
                and toggle_key(e.role or e.type, e.name or e.text) not in toggled_before
                and not (e.role == "button" and normalise(e.text or e.name) in progress.choosers)
                # A menu's button while its menu is open, a section's while it is shown: clicking it again only
                # closes them (the replayed code the agent takes over from may have opened them).
                and not (e.haspopup in ("menu", "true") and e.expanded == "true") and not is_open_disclosure(e)
                # A collapsed section's button only shows more fields: it never sends those just filled (the
                # sections a pending value needs are opened by name, above).
                and not (forms and is_closed_disclosure(e))
            ]
            in_modal = forms & {e.form for e in candidates if not e.behind_modal} or progress.asked
            if in_modal and any(e.behind_modal for e in candidates):
                # Values went into the modal dialog open over the page (a seminar chosen in it), or the last press
                # opened it to ask ("Submit expense report?"): its own buttons go on; what lies behind it is out of
                # reach until it closes, however well its words fit the goal.
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
            wanted = self._disabled_wanted(task.goal, snapshot, forms, control)
            if wanted is not None:
                if await actor.tick_required_declarations(task.goal, declaring, snapshot, send_disabled=True):
                    continue  # the button waits for the sender's own statement ("I certify that…")
                if await actor.wait_for_change():
                    continue  # the submit button is disabled until the form is valid or the page is ready
                if control is not None:
                    # Pressing a weaker control in its place ("Save draft" for "Submit") would not do the goal.
                    return AgentResult(False, self._give_up(
                        f"{wanted.name or wanted.text!r} stays disabled; not pressing "
                        f"{control.name or control.text!r} in its place", progress), steps=steps)
            if control is None and progress.asked:
                # The dialog the last press opened names nothing of the goal. Its one "Yes" / "OK" / "Confirm" says
                # the press is meant ("Are you sure?"); one that only closes (a "Booked!" with "Close") leaves the
                # press the goal's own, when nothing was entered since and nothing is left; else it is a notice (an
                # offer shown on the way) to close like any other.
                progress.asked = False
                inside = [e for e in candidates if not e.behind_modal and e.is_clickable]
                yes = [e for e in inside if _AFFIRM.match(e.name or e.text)]
                if len(yes) == 1:
                    control = yes[0]
                elif inside and all(_CLOSES.match(e.name or e.text) for e in inside) and not (
                        progress.pending or criterion or acted):
                    return await self._done(page, steps, f"clicked {progress.pressed!r}", not_needed)
                elif await actor.dismiss_dialog():
                    continue
            if control is None and refused:
                if not acted and await actor.wait_for_change():
                    continue  # the control the goal names may still be on its way
                # Not "nothing to submit": the goal's own control is missing, or two fit and either may be wrong.
                return AgentResult(False, self._give_up(f"on {_path(page.url)}: {refused}", progress), steps=steps)
            if control is None and progress.entered and not progress.pending:
                # Everything went in and no control sends it: a <div> styled as the form's button may.
                control = await _styled_control(page, snapshot, task.goal, forms, login)
            if control is None:
                if not criterion and progress.entered and not progress.pending:
                    return await self._done(page, steps, "payload entered; nothing to submit", not_needed)
                if not acted and await actor.wait_for_change():
                    continue  # the page is still building itself (a slow front end): look again
                start = start_control(candidates) if progress.pending and not acted and not forms else None
                if start is not None and control_key_of(start) not in progress.searched:
                    # A service's start page ("Start now"): it asks for nothing, its form is behind that button.
                    progress.searched.add(control_key_of(start))
                    control = start
                elif progress.entered and (styled := await _styled_control(page, snapshot, task.goal, forms, login)):
                    control = styled  # values went in, more are asked on: a <div> styled as "Next" moves on
                else:
                    return AgentResult(False, self._give_up(f"no control on {_path(page.url)} matches the goal",
                                                            progress), steps=steps)
            name = control.name or control.text
            for key in _shown_in_row(control, progress):
                # The row the control sits in shows this value ("Cancel" in the row of Ann Lee's booking on 19 May):
                # choosing that row's control is what the value was for.
                progress.entered[key] = (progress.pending.pop(key).value, control.index, control.type)
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
                onward = bool(STEP_NAME.match(name) or SEARCH_WORDS.search(name) or leaves or opens or picks
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
            handle = await element_handle(page, control)
            if handle is None:
                continue  # the page moved on since the look that chose it (a new document)
            await actor.clear_the_way(handle)
            before = page.url
            unnamed = _unnamed_values(snapshot, control, progress)
            if unnamed and await _form_sends_named_fields(handle):
                unnamed = []  # a widget writes the values into named (hidden) fields of the form: those are sent
            pressed_at = page_events(page).seq
            try:
                # The control the goal asks for: its "Are you sure?" is answered OK, as the person asking would.
                action = await recorder.click(page, handle, intent=f"Click '{name}' to {task.goal}", confirm=True)
            except PlaywrightError as exc:
                reason = str(exc).strip().splitlines()[0]
                if control_key_of(control) not in progress.retried:
                    # The page redrew itself under the click, or a popup opened just then: look again, once.
                    progress.retried.add(control_key_of(control))
                    continue
                return AgentResult(False, f"clicking {name!r} failed: {reason}", steps=steps)
            effect = action.postcondition.effect if action.HasField("postcondition") else 0
            dialogs = page_events(page).since(pressed_at, "dialog")
            if dialogs and page.url == before and not page_events(page).since(pressed_at, "sent"):
                # The page answered the press with a browser dialog and sent nothing ("We only accept .org
                # addresses"): whatever the dialog says, the goal was not done.
                return AgentResult(False, f"{name!r} was answered by a browser dialog and nothing was sent: "
                                          f"{dialogs[-1][:200]}", steps=steps)
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
                progress.clicked.append(control_key_of(control))
            if SEARCH_WORDS.search(name):
                progress.searched.add(control_key_of(control))  # searching again would only show the same results
            await self._settle(page)
            # A press that opened a modal dialog, still open, asks something before it goes on ("Submit expense
            # report?"): the dialog's own controls are the next step, as a wizard's next page is. (A browser alert
            # is answered by itself and leaves nothing open.)
            progress.asked = effect == trace_pb2.CLICK_EFFECT_DIALOG and any(
                e.behind_modal for e in (await take_snapshot(page)).elements)
            progress.after_step = progress.after_step or progress.asked
            # Only a click that sent something (a submit) is answered by what a plain criterion says in other
            # words; a menu click that shows a list of past records is not.
            if criterion and await self._criterion_met(page, criterion, wait=not progress.pending,
                                                       acted=action.irreversible, named=named):
                return await self._done(page, steps, "completion criterion met", not_needed)
            again = not acted and progress.pressed == control_key_of(control)
            progress.pressed = control_key_of(control)
            refusal = await _refused_again(page, snapshot, before, effect) if again else None
            if refusal is not None:
                # Pressed twice with nothing entered between, and the page answered the same way both times: pressing
                # on would only get the same answer.
                said = f": {'; '.join(refusal)}" if refusal else ""
                return AgentResult(False, self._give_up(f"the page answered {name!r} the same way twice{said}",
                                                        progress), steps=steps)
            moves_on = bool(STEP_NAME.match(name) or (SEARCH_WORDS.search(name) and _PICK_WORDS.search(task.goal))
                            or progress.asked)
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
        handle = await element_handle(page, pick.control)
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
        for key in _shown_in_row(pick.control, progress):
            # The same row shows another value too (the guest beside the date that singled the booking out).
            progress.entered[key] = (progress.pending.pop(key).value, pick.control.index, pick.control.type)
        if action.irreversible:
            progress.clicked.append(control_key_of(pick.control))
        progress.forms.clear()
        progress.after_step = False
        await self._settle(page)
        return True

    @staticmethod
    def _disabled_wanted(
        goal: str, snapshot: Snapshot, forms: set[int], chosen: SnapshotElement | None
    ) -> SnapshotElement | None:
        """The control the goal wants when it is there but disabled (it may enable itself soon) and no enabled
        control fits the goal as well ("Submit" greyed out beside "Save draft"); else None."""
        disabled = [dataclasses.replace(e, disabled=False) for e in snapshot.elements if e.disabled]
        wanted = choose_control(goal, disabled, forms=forms)
        if wanted is None or chosen is None:
            return wanted
        return wanted if choose_control(goal, [chosen, wanted], forms=forms) is wanted else None

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
        handle = await element_handle(page, control) if control else None
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


async def _refused_again(page: Page, snapshot: Snapshot, before: str, effect: int) -> list[str] | None:
    """After a control was pressed the second time running with nothing entered between: None when the page moved on
    since the look before this press (another address, other controls or values), else the errors it shows (empty
    when it shows none and the press had no effect at all)."""
    if page.url != before or _shown(await take_snapshot(page)) != _shown(snapshot):
        return None
    errors = await validation_errors(page)
    if errors or effect == trace_pb2.CLICK_EFFECT_NONE:
        return errors
    return None


def _shown(snapshot: Snapshot) -> tuple[object, ...]:
    """A look's controls, heading and labelled values: two steps of a wizard alike in their controls differ here."""
    return signature(snapshot), snapshot.heading, tuple((v.label, v.text) for v in snapshot.values)


async def _form_sends_named_fields(handle: ElementHandle) -> bool:
    """Whether the submit button's form has any named field (hidden ones included) the browser would send."""
    try:
        return bool(await handle.evaluate(_NAMED_FIELDS_JS))
    except PlaywrightError:
        return True


def _names_goal_item(goal: str, control: SnapshotElement) -> bool:
    """Whether the control, or the list item it sits in, shows an identifier or a name the goal gives."""
    shown = f" {normalise(' '.join((control.name, control.text, control.row)))} "
    return any(f" {normalise(cue)} " in shown for cue in goal_cues(goal) if normalise(cue))


def _shown_in_row(control: SnapshotElement, progress: Progress) -> list[str]:
    """Pending keys whose values the row or item holding ``control`` shows as whole words, the control being no
    field of its own (the values chose the row: the goal's control was scored by them, controls.row_score)."""
    row = control.context[-1] if control.context else ""
    if not row or not control.row:
        return []
    return [key for key, rendered in progress.pending.items()
            if says_which(rendered.value) and whole_words(rendered.value).search(row)]
