"""Page: the replay API that generated code calls; each action resolves its target, acts, and is recorded."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from playwright.async_api import ElementHandle, Locator
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.browser import early_navigation
from executor_service.browser.action_kinds import VALUE_ACTIONS
from executor_service.browser.answer_groups import answering, group_anchor, group_captions, group_member
from executor_service.browser.click_watch import ClickWatch, effect_name, effect_satisfies
from executor_service.browser.date_picker import pick_in_calendar
from executor_service.browser.dependent_lists import option_listing
from executor_service.browser.intents import legacy_only_if_present, legacy_picker_date
from executor_service.browser.list_parts import (
    MissingItem,
    as_entered,
    beyond_items,
    listed_value,
    next_item,
    too_many,
)
from executor_service.browser.name_parts import name_part, part_of_intent
from executor_service.browser.own_label import LABEL_AWAY, OWN_LABEL, set_box
from executor_service.browser.page_events import confirming, page_events
from executor_service.browser.snapshot import fingerprint_element
from executor_service.browser.steppers import asks_steps, step_to
from executor_service.browser.value_checks import (
    ValueCheck,
    choice_verified,
    fill_verified,
    state_check,
    state_verified,
    value_failure,
    value_postcondition,
)
from executor_service.browser.value_formats import parse_date
from executor_service.runtime.checkbox_lists import box_name, listed_item, listed_items, ticked_strays
from executor_service.runtime.context import ParameterValue, RunContext
from executor_service.runtime.early_drift import healed_when_settled
from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.field_identity import choose_option, same_field
from executor_service.runtime.healing import FieldFinder, Healer, healed_element
from executor_service.runtime.line_items import fill_rows, parse_lines
from executor_service.runtime.locating import (
    HEALED_WHEN_SETTLED,
    Sighting,
    locate,
    locators_by_strategy,
    reachable,
    scopes,
    unique_visible,
)
from executor_service.runtime.multi_select import select_facts, set_options
from executor_service.runtime.option_naming import naming_option, plainly_named, same_value
from executor_service.runtime.page_reading import PageReading
from executor_service.runtime.probes import BOX_JS, CLICK_JS, COVER_JS
from executor_service.runtime.recorded_values import is_secret, shown_value, value_fields, without_secrets
from executor_service.runtime.target import Target
from executor_service.runtime.uploads import UploadFolder
from executor_service.url_policy import check_navigation, check_response
from services.booleans import CHECKED_WORDS, parse_boolean
from services.gen.rote.v1 import trace_pb2

__all__ = ["Page", "ReplayFailed"]

ActionSink = Callable[[trace_pb2.Action, bool], Awaitable[None]]
DownloadSink = Callable[[str, bytes], Awaitable[str]]
Element = Locator | ElementHandle
# How long an action is tried first while a notice may still come up over its target (see _act_past_notices).
_BRIEF_MS = 400
# Playwright's call log when a press landed, and when something else was on top at the target's point.
_PRESSED, _INTERCEPTED = "click action done", "intercepts pointer events"
AT = trace_pb2.ActionType
CE = trace_pb2.ClickEffect
# The effect names generated code passes to ``click(effect=...)``.
EFFECTS = {effect_name(value): value for value in CE.values() if value not in (0, CE.CLICK_EFFECT_NONE)}


class Page(PageReading):
    """Wraps one Playwright page for one run; generated code never sees Playwright directly."""

    def __init__(
        self,
        page: PlaywrightPage,
        ctx: RunContext,
        *,
        on_action: ActionSink,
        healer: Healer | None = None,
        field_finder: FieldFinder | None = None,
        store_download: DownloadSink | None = None,
        settle_timeout_ms: float = 5000,
        uploads: UploadFolder | None = None,
    ) -> None:
        self._page = page
        page_events(page)  # listening from now on: a request sent before a target is looked for counts as in flight
        self._uploads = uploads
        self._ctx = ctx
        self._on_action = on_action
        self._healer = healer
        self._field_finder = field_finder
        self._store_download = store_download
        self._settle_ms = settle_timeout_ms
        self.actions: list[trace_pb2.Action] = []
        self.heal_notes: list[str] = []
        self._found_by = ""  # the strategy that found the last resolved target (see _same_field)
        self.downloads: list[str] = []
        self.tables_read = 0
        self.goal = ""
        self.agent_steps = 0
        # What this block typed for parameters' values, in memory only (secrets too): a field healed for another
        # value is never one that holds them.
        self._typed: dict[str, str] = {}
        self._healed_fingerprint: trace_pb2.ElementFingerprint | None = None
        # Recorded dismissals (``click(if_present=True)``) whose notice was not there at their turn, and those a block
        # names ahead (closes_notice): a cookie notice often shows a moment later or sooner, over another target; it
        # is closed then as the recording closed it.
        self._unseen_dismissals: list[Callable[[], Awaitable[None]]] = []

    def reset_block(self) -> None:
        """Start a new block: its action list, heal notes and downloads begin empty."""
        self.actions = []
        self.heal_notes = []
        self.downloads = []
        self.tables_read = 0
        self.goal = ""
        self._typed = {}

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
        early = early_navigation.take(self._page, str(url))  # the run's first page, opened while it started
        try:
            response = await (early or self._page.goto(str(url), wait_until="domcontentloaded"))
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
        if optional and await unique_visible(locators_by_strategy(self._page, target)) is None:
            self._unseen_dismissals.append(functools.partial(
                self.click, target, intent=intent, irreversible=irreversible, effect=effect, if_present=if_present
            ))
            return
        element, healed, probed = await self._sight(target, intent, CLICK_JS)
        if isinstance(probed, dict) and "context" in probed:  # nothing covers it and the watch is armed already
            watch = ClickWatch.installed(self._page, self._page.main_frame, context=str(probed["context"]),
                                         before=str(probed.get("before", "")), name=str(probed.get("name", "")),
                                         about=str(probed.get("about", "")))
        else:
            await self._reachable(element, target, intent, probed.get("cover") if isinstance(probed, dict) else None)
            watch = await ClickWatch.arm(self._page, element)

        async def watch_again() -> None:
            nonlocal watch
            watch = await ClickWatch.arm(self._page, element)  # the notice's own click watched the page meanwhile

        with confirming(self._page, irreversible):  # the recorded send's "Are you sure?" answered OK again
            await self._act_past_notices(lambda wait_ms: element.click(timeout=wait_ms), target, watch_again)
            seen = await watch.effect(self._settle_ms, expected)
        picked = legacy_picker_date(intent)
        if picked is not None and not await pick_in_calendar(self._page, element, picked):
            raise ReplayFailed(f"click {intent!r}: the date picker did not take {picked.isoformat()}")
        context = without_secrets(self._ctx, watch.context)
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

    async def closes_notice(self, target: Target, *, intent: str = "", effect: str = "") -> None:
        """A notice (a cookie wall, a promotion) the recording closed with a click on ``target`` later in this
        block: on another visit it may show sooner, over an earlier target; it is closed then, as recorded. Nothing
        is done now."""
        self._unseen_dismissals.append(functools.partial(
            self.click, target, intent=intent, effect=effect, if_present=True
        ))

    async def pick_date(self, target: Target, value: str, *, intent: str = "") -> None:
        """Open a date field's calendar and pick the date ``value`` spells (this run's parameter, in whatever common
        spelling); the field must then show that date."""
        date = parse_date(str(value))
        if date is None:
            raise ReplayFailed(f"{intent or 'pick a date'}: {shown_value(self._ctx, value)} is not a date")
        element, healed, cover = await self._sight(target, intent, COVER_JS)
        await self._reachable(element, target, intent, cover)
        await self._act(element.click(), target)
        if not await pick_in_calendar(self._page, element, date):
            raise ReplayFailed(
                f"{intent or 'pick a date'}: the date picker of {target.describe()} "
                f"did not take {shown_value(self._ctx, value)}"
            )
        shown = "" if is_secret(self._ctx, value) else date.isoformat()
        post = trace_pb2.Postcondition(verified=True, expected=shown, observed=shown)
        await self._record(AT.ACTION_TYPE_PICK_DATE, target, intent, value=value, healed=healed, postcondition=post)

    async def fill_rows(
        self, target: Target, value: str, *, add: Target | None = None, columns: Sequence[tuple[int, str]] = (),
        intent: str = "",
    ) -> None:
        """Enter this run's list of records, one per line of ``value`` ("2026-09-01 | Taxi | 23.50"), into the rows
        of the group ``target`` names, adding rows with ``add`` while there are fewer rows than lines
        (``line_items``); ``columns`` says where each part of a line goes in its row: (its field's place among the
        row's fields, that field's caption, checked when not empty)."""
        what = intent or "enter the rows"
        lines = parse_lines(str(value))
        if lines is None:
            raise ReplayFailed(f"{what}: {shown_value(self._ctx, value)} is no list of lines like 'a | b | c'")
        if len(lines[0]) != len(columns):
            raise ReplayFailed(f"{what}: each line has {len(lines[0])} parts, the rows take {len(columns)}")
        group, healed = await self._resolve(target, intent)
        add_row = functools.partial(self._press, add, intent) if add is not None else None
        problem = await fill_rows(group, add_row, lines, [place for place, _ in columns],
                                  [caption for _, caption in columns], secret=is_secret(self._ctx, value))
        if problem:
            raise ReplayFailed(f"{what}: {problem}")
        shown = f"{len(lines)} {'row' if len(lines) == 1 else 'rows'} entered"
        post = trace_pb2.Postcondition(verified=True, expected=shown, observed=shown)
        await self._record(
            AT.ACTION_TYPE_FILL_ROWS, target, intent, value=value, healed=healed, postcondition=post,
            add_control=add.fingerprint() if add is not None else None,
            row_columns=[trace_pb2.RowColumn(position=place, caption=caption) for place, caption in columns],
        )

    async def _press(self, target: Target, intent: str) -> None:
        """A plain click on the one element ``target`` names (a form's "+ Add line"), with no effect expected."""
        element, _ = await self._resolve(target, intent)
        await self._act(element.click(), target)

    async def fill(self, target: Target, value: str, *, intent: str = "") -> None:
        """Type and read back (normalised by input type; a field asking for another spelling gets it). An intent
        naming a part of a whole name ("Enter the family name of the full name") types that part (``name_parts``),
        one naming an item of a list that item (``list_parts``; asked before the field is looked for): an item this
        run's list lacks is left out, and a longer list goes on into the fields numbered after the recorded last."""
        if beyond_items(str(value), intent):
            return  # this run's list is shorter: its count made fewer fields, or the page's further ones stay empty
        item = self._listed(value, intent)
        # A list's search box ("Search people…") takes a value only once an option is chosen: not healed so.
        whole = item is None and not part_of_intent(intent) and target.role != "combobox"
        element, healed = await self._value_field(target, intent, value, whole=whole)
        typed = name_part(str(value), part_of_intent(intent)) or item or str(value)
        try:
            check = await step_to(element, typed) if asks_steps(intent) else await fill_verified(element, typed)
        except PlaywrightError as exc:
            raise ReplayFailed(f"action on {target.describe()} failed: {_first_line(exc)}") from exc
        secret = is_secret(self._ctx, value)
        self._require(check, intent, typed, secret)
        if isinstance(value, ParameterValue):
            self._typed[value.key] = check.observed or check.typed
        post = value_postcondition(check, secret=secret)
        if check.typed != str(value) and not secret:
            post.typed_format = check.typed
        await self._record(AT.ACTION_TYPE_TYPE, target, as_entered(str(value), intent), value=value, healed=healed,
                           postcondition=post)
        await self._further_item(self.fill, target, value, intent)

    @staticmethod
    def _listed(value: object, intent: str) -> str | None:
        """The count or item of a list an intent names (``list_parts``); a value without that item fails here."""
        try:
            return listed_value(str(value), intent)
        except MissingItem as exc:
            raise ReplayFailed(f"{intent}: {exc}") from exc

    async def _further_item(
        self, enter: Callable[..., Awaitable[None]], target: Target, value: object, intent: str
    ) -> None:
        """After the item the recording entered last, this run's longer list goes on into the field numbered next
        ("Age of traveler 3" after "... 2"; ``list_parts``), found the way the recorded one was; a field without a
        number to count on fails the replay rather than leave an item out."""
        step = next_item(str(value), intent)
        if step is None:
            return
        recorded, number, next_intent = step
        following = target.renumbered(recorded, number)
        if following is None:
            raise ReplayFailed(f"{intent}: {too_many(str(value), recorded)} ({target.describe()} is not numbered)")
        await enter(following, value, intent=next_intent)

    async def select(self, target: Target, value: str, *, intent: str = "") -> None:
        """Choose the option ``value`` names and read it back; an intent naming the count or an item of a list
        chooses this run's (as ``fill``)."""
        if beyond_items(str(value), intent):
            return
        listed = self._listed(value, intent)
        element, healed = await self._value_field(target, intent, value, whole=listed is None)
        facts = await select_facts(element)  # one look: a <select multiple>? its options
        if facts is not None and facts[0]:
            check = await self._read(set_options(element, str(value), facts[1]), target)
        else:
            wanted = listed or str(value)
            chosen = choose_option(facts[1], wanted) if facts is not None else wanted
            await self._act(element.select_option(chosen), target)
            check = await self._read(choice_verified(element, chosen), target)
        secret = is_secret(self._ctx, value)
        self._require(check, intent, str(value), secret)
        post = value_postcondition(check, secret=secret)
        await self._record(
            AT.ACTION_TYPE_SELECT_OPTION, target, as_entered(str(value), intent), value=value, healed=healed,
            postcondition=post,
        )
        await self._further_item(self.select, target, value, intent)

    async def select_listing(self, target: Target, value: str, *, intent: str = "") -> None:
        """Choose the option of the list ``target`` names under which another list of the page offers ``value`` (the
        department that lists this run's team, the region of its country): its options are tried in turn, the
        page's answer to each awaited (``browser.dependent_lists``). None offering it fails the replay, the list
        put back as it was."""
        element, healed = await self._resolve(target, intent)
        key = getattr(value, "key", "")
        try:
            found = await option_listing(self._page, element, {key: str(value)})
        except PlaywrightError as exc:
            raise ReplayFailed(f"action on {target.describe()} failed: {_first_line(exc)}") from exc
        if found is None:
            raise ReplayFailed(
                f"{intent or 'choose a list'}: no option of {target.describe()} makes the page list "
                f"{shown_value(self._ctx, value)}"
            )
        chosen = found[1]
        secret = is_secret(self._ctx, value)
        bindings = [trace_pb2.Binding(field="lists", source=key, text="" if secret else str(value), whole=True)]
        post = trace_pb2.Postcondition(verified=True, expected=chosen, observed=chosen)
        await self._record(
            AT.ACTION_TYPE_SELECT_OPTION, target, intent, value=chosen, healed=healed, postcondition=post,
            bindings=bindings if key else (),
        )

    async def answer(self, target: Target, value: str, *, intent: str = "") -> None:
        """Answer the yes/no question whose radio ``target`` names one of by this run's ``value`` ("yes", "no",
        "true", "false"): the radio of that radio's group whose caption says so is chosen, whichever answer was
        recorded. A value that is no yes or no fails the replay (it may need details the code never saw)."""
        wanted = parse_boolean(str(value))
        what = intent or "answer a question"
        if wanted is None:
            raise ReplayFailed(f"{what}: {shown_value(self._ctx, value)} is neither yes nor no")
        element, healed = await self._resolve(target, intent)
        try:
            radio = await answering(element, wanted)
        except PlaywrightError as exc:
            raise ReplayFailed(f"action on {target.describe()} failed: {_first_line(exc)}") from exc
        if radio is None:
            raise ReplayFailed(f"{what}: the question of {target.describe()} offers no one answer that says "
                               f"{'yes' if wanted else 'no'}")
        await self._act_past_notices(lambda wait_ms: set_box(radio, True, wait_ms=wait_ms), target)
        post, _ = await self._state(radio, True, target, intent)
        await self._record(
            AT.ACTION_TYPE_CHECK, target, intent, healed=healed, postcondition=post,
            element=await fingerprint_element(radio), payload_key=getattr(value, "key", ""),
        )

    async def choose(
        self, target: Target, value: str, *, recorded: str, option: str = "", group: str = "", intent: str = ""
    ) -> None:
        """Choose this run's option where the agent chose, for the value ``recorded``, the radio ``target`` names (in
        that radio's group) or the option ``option`` of the list ``target`` names. Another value chooses the one
        option that names it by rules that never guess (``option_naming``), and only where those rules name the
        recorded option for the recorded value on this page; otherwise the replay fails (the agent chooses).
        ``group``: the radios' form name, which finds the group at once where no option is named as recorded (its
        words changed: "7 places left" where 8 were), before any healing."""
        what = intent or "choose an option"
        key = getattr(value, "key", "")
        anchor = None
        if group and not option and await unique_visible(locators_by_strategy(self._page, target)) is None:
            anchor = await group_anchor(self._page, group)
        element, healed = (anchor, False) if anchor is not None else await self._resolve(target, intent)
        try:
            facts = await select_facts(element) if option else None
            if facts is not None:
                names, keys = [label for _, label in facts[1]], [v for v, _ in facts[1]]
                place = keys.index(option) if option in keys else -1
            else:
                (names, place), keys = await group_captions(element), []
                if anchor is not None:  # the recorded option, if the page still names it so
                    own = target.name or target.label or ""
                    place = next((i for i, name in enumerate(names) if same_value(name, own)), -1)
        except PlaywrightError as exc:
            raise ReplayFailed(f"action on {target.describe()} failed: {_first_line(exc)}") from exc
        if option and facts is None:
            raise ReplayFailed(f"{what}: {target.describe()} is no list to choose {option!r} in")
        if place < 0 and option:
            raise ReplayFailed(f"{what}: {target.describe()} no longer offers the recorded option {option!r}")
        place = self._named_place(names, keys, value, recorded, place, target, what)
        # The option a secret chose is never recorded: not its value, not the chosen radio's words.
        secret = is_secret(self._ctx, value)
        if facts is not None:
            chosen = facts[1][place][0]
            await self._act(element.select_option(chosen), target)
            check = await self._read(choice_verified(element, chosen), target)
            self._require(check, intent, chosen, secret)
            await self._record(AT.ACTION_TYPE_SELECT_OPTION, target, intent, value="" if secret else chosen,
                               healed=healed, postcondition=value_postcondition(check, secret=secret), payload_key=key)
            return
        radio = await group_member(element, place)
        if radio is None:
            raise ReplayFailed(f"{what}: the group of {target.describe()} changed while choosing")
        await self._act_past_notices(lambda wait_ms: set_box(radio, True, wait_ms=wait_ms), target)
        post, _ = await self._state(radio, True, target, intent)
        await self._record(AT.ACTION_TYPE_CHECK, target, intent, healed=healed, postcondition=post,
                           element=None if secret else await fingerprint_element(radio), payload_key=key)

    def _named_place(
        self, names: list[str], keys: list[str], value: object, recorded: str, place: int, target: Target, what: str
    ) -> int:
        """Where this run's option is among ``names``: the one its value names plainly (even the recorded value:
        the option found for it may be another on a changed page), else the recorded option (at ``place``) for the
        recorded value, else the one it names in other words when those rules name the recorded option for the
        recorded value too."""
        found = plainly_named(names, str(value), keys)
        if found is not None:
            return found
        if place < 0:
            raise ReplayFailed(f"{what}: {shown_value(self._ctx, value)} names no one option of the group of "
                               f"{target.describe()}, whose recorded option the page no longer names so: this run's "
                               "value needs the agent")
        if same_value(str(value), recorded):
            return place
        found = naming_option(names, str(value), keys)
        if found is not None and naming_option(names, recorded, keys) != place:
            raise ReplayFailed(f"{what}: the option was chosen for another {getattr(value, 'key', '') or 'value'} "
                               "when recorded, by more than its words say: this run's value needs the agent")
        if found is None:
            raise ReplayFailed(f"{what}: {shown_value(self._ctx, value)} names no one option of "
                               f"{target.describe()}: this run's value needs the agent")
        return found

    async def check(self, target: Target, *, intent: str = "") -> None:
        post, _, healed = await self._set_box(target, True, intent)
        await self._record(AT.ACTION_TYPE_CHECK, target, intent, healed=healed, postcondition=post)

    async def uncheck(self, target: Target, *, intent: str = "") -> None:
        post, _, healed = await self._set_box(target, False, intent)
        await self._record(AT.ACTION_TYPE_UNCHECK, target, intent, healed=healed, postcondition=post)

    async def set_checked(self, target: Target, value: object, *, intent: str = "") -> None:
        """Tick or untick a checkbox from a value (a parameter, usually): true/yes/1/on tick it."""
        await self._set_checked(target, value, intent)

    async def _set_checked(
        self, target: Target, value: object, intent: str, *, each: str = "", member: str = ""
    ) -> str:
        """set_checked; returns the form list the box belongs to (its name attribute, '' when it has none).
        ``each`` / ``member``: the input the box was set for (an "each" or "member" binding on the action)."""
        checked = str(value).strip().lower() in CHECKED_WORDS
        post, group, healed = await self._set_box(target, checked, intent)
        kind = AT.ACTION_TYPE_CHECK if checked else AT.ACTION_TYPE_UNCHECK
        bindings = [
            trace_pb2.Binding(field=field, source=source, text=box_name(target))
            for field, source in (("each", each), ("member", member)) if source
        ]
        await self._record(kind, target, intent, value=value, healed=healed, postcondition=post, bindings=bindings)
        return group

    async def set_each(self, value: object, on: bool, *, role: str = "checkbox", intent: str = "") -> None:
        """Turn on (or off) every toggle of ``role`` the comma-separated items of ``value`` name, each found by its
        name, whatever state it is in; toggles no item names are left as they are ("turn on Weekly summary")."""
        # Each toggle is recorded for the input, as the agent records it, so code generated again from this run
        # (after a later fallback) sets the next run's items too, never this run's by name.
        each = self._source_of(value)
        for item in listed_items(value).values():
            await self._set_checked(Target(role=role, name=item), "true" if on else "false", intent, each=each)

    async def set_listed(self, value: object, known: list[Target], *, intent: str = "") -> None:
        """Make a checkbox list hold exactly the comma-separated items of ``value`` (issue 15: the parameter's
        choice): each known box is ticked when its name is an item and unticked otherwise, and every item no known
        box names is ticked by its name (a checkbox that must match exactly one visible element). A box is named by
        an item when its name is the item or begins with it ("Breakdown cover (+£39.00) Roadside assistance")."""
        wanted = listed_items(value)
        # Each box is recorded for the input, as the agent records it, so code generated again from this run (after
        # a later fallback) makes the next run's list, never this run's boxes by name.
        member = self._source_of(value)
        covered: set[str] = set()
        groups: set[str] = set()
        for target in known:
            item = listed_item(box_name(target), wanted)
            if item:
                covered.add(item.casefold())
            # The box's list (its name) comes with the read-back of its state: no round trip of its own.
            group = await self._set_checked(target, "true" if item else "false", intent, member=member)
            if group:
                groups.add(group)
        for folded, item in wanted.items():
            if folded not in covered:
                await self._set_checked(Target(role="checkbox", name=item), "true", intent, member=member)
        # Boxes of the same form list the recording never touched (ticked already on this page) are unticked too.
        async for box, label in ticked_strays(self._page, groups, wanted):
            other = Target(role="checkbox", name=label)
            await self._act(set_box(box, False), other)
            post, _ = await self._state(box, False, other, intent)
            bindings = [trace_pb2.Binding(field="member", source=member, text=label)] if member else []
            await self._record(AT.ACTION_TYPE_UNCHECK, other, intent, value="false", postcondition=post,
                               bindings=bindings)

    def _source_of(self, value: object) -> str:
        """The input a value came from (a parameter's key), '' for a literal or a secret one."""
        source = str(getattr(value, "key", "") or "")
        return source if source not in self._ctx.secret_keys else ""

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

    # --- internals ---------------------------------------------------------------------------

    async def _act(self, operation: Awaitable[Any], target: Target | None) -> None:
        try:
            await operation
        except PlaywrightError as exc:
            what = target.describe() if target else "the page"
            raise ReplayFailed(f"action on {what} failed: {_first_line(exc)}") from exc

    async def _act_past_notices(
        self,
        operation: Callable[[float | None], Awaitable[Any]],
        target: Target,
        again: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """_act on an element the pointer must reach; ``operation(wait_ms)`` (None: the default wait). While a
        dismissal is kept (its notice may still come up over the target, after the hit test), the first try is
        brief: when something took the pointer and a kept dismissal closes its notice, ``again`` runs; then the
        usual try, unless the press had landed."""
        if not self._unseen_dismissals:
            await self._act(operation(None), target)
            return
        try:
            await operation(_BRIEF_MS)
            return
        except PlaywrightError as exc:
            said = str(exc)
            if _PRESSED in said:
                return  # it timed out on a navigation the press started: pressing again would send twice
            if _INTERCEPTED in said and await self._dismissed_late() and again is not None:
                await again()
        await self._act(operation(None), target)

    async def _read(self, operation: Awaitable[ValueCheck], target: Target) -> ValueCheck:
        try:
            return await operation
        except PlaywrightError as exc:
            raise ReplayFailed(f"reading back {target.describe()} failed: {_first_line(exc)}") from exc

    def _require(self, check: ValueCheck, intent: str, intended: str, secret: bool) -> None:
        if not check.verified:
            raise ReplayFailed(value_failure(intent, intended, check, secret=secret))

    async def _set_box(
        self, target: Target, checked: bool, intent: str
    ) -> tuple[trace_pb2.Postcondition, str, bool]:
        """Tick or untick a box and read it back: (postcondition, its form list, healed). A box the look that
        found it saw already as asked, with nothing over it, is left as it is: Playwright's set_checked would not
        press it either, and that look's read of its state is the read-back (issue 18: a checkbox list visits
        every box it knows, most of them as asked already)."""
        element, healed, probed = await self._sight(target, intent, BOX_JS)
        seen = probed if isinstance(probed, dict) else {}
        cover, state = seen.get("cover"), seen.get("state")
        if isinstance(state, dict) and cover in ("", OWN_LABEL, LABEL_AWAY) and bool(state.get("checked")) == checked:
            check = state_check(state, checked)
            return value_postcondition(check, secret=False), check.group, healed
        through_label = await self._reachable(element, target, intent, cover)
        await self._act_past_notices(
            lambda wait_ms: set_box(element, checked, through_label=through_label, wait_ms=wait_ms), target
        )
        post, group = await self._state(element, checked, target, intent)
        return post, group, healed

    async def _state(
        self, element: Element, checked: bool, target: Target, intent: str
    ) -> tuple[trace_pb2.Postcondition, str]:
        """The read-back of a box's state as a postcondition (failing when it is not ``checked``), and its list."""
        check = await self._read(state_verified(element, checked), target)
        self._require(check, intent, check.typed, False)
        return value_postcondition(check, secret=False), check.group

    async def _reachable(self, element: Element, target: Target, intent: str, cover: object = None) -> str:
        """Fail at once when a dialog or banner covers the target (see locating.reachable); ``cover``: what the
        hit test said at first sight, when it ran there. OWN_LABEL or LABEL_AWAY when the target is set through
        its own label, else ''. A cover that a dismissal this run keeps closes (its notice came late, or before
        its turn) is closed, and the target asked again."""
        try:
            return await reachable(element, target, intent, self._settle_ms, cover if isinstance(cover, str) else None)
        except ReplayFailed:
            if not await self._dismissed_late():
                raise
        return await reachable(element, target, intent, self._settle_ms)

    async def _dismissed_late(self) -> bool:
        """Whether a dismissal not used yet in this run (skipped at its turn, or named by closes_notice) found its
        notice now and closed it; one whose notice is still absent stays kept."""
        pending, self._unseen_dismissals = self._unseen_dismissals, []
        before = len(self.actions)
        for done, dismiss in enumerate(pending, 1):
            try:
                await dismiss()
            except ReplayFailed:
                self._unseen_dismissals.extend(pending[done:])
                return False  # the notice did not go as recorded: the covered target is the failure to report
        return len(self.actions) > before

    async def _same_field(
        self, element: Element, target: Target, intent: str, healed: bool, value: object = None
    ) -> None:
        """A field found by position must still be the recorded one (see field_identity.same_field)."""
        await same_field(element, target, intent, healed, value, found_by=self._found_by, scopes=scopes(self._page))

    async def _value_field(self, target: Target, intent: str, value: object, *, whole: bool) -> tuple[Element, bool]:
        """The field a value action enters ``value`` into: the target's, when it is the recorded field (see
        _same_field). Where the field found in the recorded one's place is another field (its label reworded, or
        the form reordered), and the value is a parameter's entered ``whole`` (not a part of a name, not an item of
        a list, not a search typed into a list's box), the field the agent's reading of the page gives that
        parameter among the block's values still to enter: one healed action instead of the whole block handed to
        the agent. ReplayFailed when that reading gives it none."""
        parameter = value.key if whole and isinstance(value, ParameterValue) else ""
        element, healed = await self._resolve(target, intent)
        try:
            await self._same_field(element, target, intent, healed, value)
            return element, healed
        except ReplayFailed as exc:
            finder, others = self._field_finder, {k: v for k, v in self._typed.items() if k != parameter}
            found = await finder(self._page, parameter, others) if parameter and finder else None
            if found is None:
                raise
            why = str(exc)
        await self._heal_noted(found, f"healed {intent!r}: {why}; the agent's reading of the page found the field for "
                                      "its value")
        await self._same_field(found, target, intent, True, value)  # a whole name is still never a part's field
        return found, True

    async def _resolve(self, target: Target, intent: str) -> tuple[Element, bool]:
        """The one visible element the target names, waiting for late elements, healing as a last resort."""
        element, healed, _ = await self._sight(target, intent)
        return element, healed

    async def _sight(self, target: Target, intent: str, probe: str = "") -> tuple[Element, bool, Any]:
        """As _resolve, plus what ``probe`` (probes.py) said of the element when it ran in the look that found it
        (None otherwise: the caller asks the long way)."""
        candidates = locators_by_strategy(self._page, target)
        if not candidates:
            raise ReplayFailed(f"action {intent!r} has no locator")
        heal = self._healer
        look = functools.partial(healed_when_settled, self._page, heal, target, intent, candidates) if heal else None
        events = page_events(self._page)
        warm, events.looked_at = events.looked_at != events.navigations, events.navigations
        found: Sighting | None = await locate(
            self._page, target, candidates, self._settle_ms, while_waiting=look, probe=probe, warm=warm
        )
        if found is not None and found.strategy == HEALED_WHEN_SETTLED and isinstance(found.element, ElementHandle):
            self._found_by = "healed"
            return await self._healed(found.element, target, intent, "on a settled page"), True, None
        if found is not None:
            self._found_by = found.strategy
            return found.element, False, found.probed
        self._found_by = "healed"
        return await self._heal(target, intent), True, None

    async def _heal(self, target: Target, intent: str) -> ElementHandle:
        if self._healer is None:
            raise ReplayFailed(f"no unique visible element for {target.describe()} ({intent!r})")
        handle = await healed_element(self._page, self._healer, target, intent)
        return await self._healed(handle, target, intent, f"after {self._settle_ms:g} ms")

    async def _healed(self, handle: ElementHandle, target: Target, intent: str, when: str) -> ElementHandle:
        return await self._heal_noted(
            handle, f"healed {intent!r}: {target.describe()} matched nothing ({when}); the agent found it"
        )

    async def _heal_noted(self, handle: ElementHandle, note: str) -> ElementHandle:
        """Count a healed action (one agent step) and its note."""
        self.agent_steps += 1
        self.heal_notes.append(note)
        # The trace keeps what the element is now, so code regenerated from it finds it without healing.
        try:
            self._healed_fingerprint = await fingerprint_element(handle)
        except PlaywrightError:
            self._healed_fingerprint = None
        return handle

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
        bindings: Sequence[trace_pb2.Binding] = (),
        add_control: trace_pb2.ElementFingerprint | None = None,
        row_columns: Sequence[trace_pb2.RowColumn] = (),
        element: trace_pb2.ElementFingerprint | None = None,
        payload_key: str = "",
    ) -> None:
        """Record one action. ``element``: the element acted on when the target only led to it (the answer of a
        question's group); ``payload_key``: the parameter a choice was made for, as the agent records it."""
        action = trace_pb2.Action(
            type=kind, intent=intent, url=url or self._page.url, amount=amount, irreversible=irreversible,
            only_if_present=only_if_present, row_columns=row_columns,
        )
        if add_control is not None:
            action.add_control.CopyFrom(add_control)
        if postcondition is not None:
            action.postcondition.CopyFrom(postcondition)
        if kind in VALUE_ACTIONS:
            page_events(self._page).mark_values()  # a submit after this must send something
        if element is not None:
            # The element acted on, found from the one the target named (a radio of its group): itself, healed or not.
            action.element.CopyFrom(element)
        elif healed and self._healed_fingerprint is not None:
            action.element.CopyFrom(self._healed_fingerprint)
            if target is not None and target.choice_texts():
                # Found for this run's value all the same: a take-over reads the value as chosen (agents/takeover).
                action.element.attributes["choice"] = "\n".join(target.choice_texts())
        elif target is not None:
            action.element.CopyFrom(target.fingerprint())
        self._healed_fingerprint = None
        action.payload_key = payload_key
        if value is not None:
            action.value, action.parameter_key = value_fields(self._ctx, value)
        action.bindings.extend(bindings)
        if self._ctx.choosing_for and not only_if_present:
            # The option a recorded_choice guarded: recorded for its parameter, as the agent recorded it, so code
            # generated again from this run (after a later fallback) guards it again instead of choosing it
            # for every value (a banner dismissed on the way is no choice).
            action.payload_key, self._ctx.choosing_for = self._ctx.choosing_for, ""
        self.actions.append(action)
        await self._on_action(action, healed)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
