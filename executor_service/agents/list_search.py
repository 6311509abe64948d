"""Finding the item a value names in a list that does not show it: the value typed into the list's search box.

"Find the customer Bramble & Co and change their plan": the admin list shows its first eight customers, and
Bramble & Co is not among them. Its search box ("Search customers") finds the row; paging through every page
would too, slower and only when the list has no search.
"""

from __future__ import annotations

import re

from playwright.async_api import Error as PlaywrightError

from executor_service.agents.acting import Actor, words_of
from executor_service.agents.controls import shares_stem
from executor_service.agents.filling import Progress, identity, is_search_box
from executor_service.agents.matching import names_key, normalise, says_which
from executor_service.browser.snapshot import Snapshot, SnapshotElement, element_handle
from executor_service.browser.whole_words import whole_words

# A value longer than this is a text to write, not an item's name.
_MAX_NAME = 80
_FIND_VERBS = re.compile(r"\b(find|search|look up|look for|locate)\b", re.IGNORECASE)
_CHANGE_VERBS = re.compile(r"\b(change|update|edit|modify|amend|correct|set|move|switch)\b", re.IGNORECASE)
# Words of a key that say nothing of what it is ("new_plan" is the plan).
_KEY_FILLERS = frozenset({"new", "old", "the", "value", "name"})
_SEARCH_WORDS = re.compile(r"\b(search(?:es|ing)?|find|filter|look up|query)\b", re.IGNORECASE)
_PAGE_TEXT_JS = "() => document.body ? document.body.innerText : ''"


async def search_list(actor: Actor, snapshot: Snapshot, progress: Progress, goal: str) -> bool:
    """Type a pending value that names an item into the search box of the list it is missing from: True when
    typed (the key is then entered, so replay types its own value there). Only a list of items with their own
    controls (two rows or more); an empty search box (a search already made is never overwritten) whose words are
    about the key ("Search customers" for customer), or about the goal when it asks to find something ("Search
    staff" for "Find this staff member"); a key the goal does not change ("change their team": the team is the
    value to set, not the item); and a value the page shows nowhere: a value the page shows is picked from its
    row instead."""
    rows = {e.row for e in snapshot.elements if e.kind == "control" and e.row}
    if len(rows) < 2:
        return False
    boxes = [e for e in snapshot.elements
             if is_search_box(e) and not e.disabled and not e.readonly and not e.value.strip()]
    if not boxes:
        return False
    try:
        shown = str(await actor.page.evaluate(_PAGE_TEXT_JS))
    except PlaywrightError:
        return False
    finding = bool(_FIND_VERBS.search(goal))
    for key, rendered in list(progress.pending.items()):
        value = rendered.value.strip()
        if rendered.secret or not says_which(value) or len(value) > _MAX_NAME or whole_words(value).search(shown):
            continue
        if _changed_by(goal, key):
            continue
        box = next((b for b in boxes if names_key(key, _names(b)) or (finding and shares_stem(goal, _names(b)))),
                   None)
        handle = await element_handle(actor.page, box) if box is not None else None
        if box is None or handle is None:
            continue
        action = await actor.recorder.fill(actor.page, handle, value, intent=f"Search the list for the {words_of(key)}",
                                           parameter_key=rendered.parameter_key or None, payload_key=key)
        if not action.postcondition.verified:
            return False
        _entered(progress, key, box)
        await actor.wait_for_change(1500)  # a live search shows its results as one types (or after a pause)
        return True
    return False


def _changed_by(goal: str, key: str) -> bool:
    """Whether the goal names the key as what it changes ("change their plan to Pro" for new_plan)."""
    change = _CHANGE_VERBS.search(goal)
    if not change:
        return False
    after = set(normalise(goal[change.end():]).split())
    return any(word in after or f"{word}s" in after for word in normalise(key.replace("_", " ")).split()
               if len(word) >= 3 and word not in _KEY_FILLERS)


def _names(box: SnapshotElement) -> str:
    """What the box says it searches: its names without the word "search" (which any goal to find may say)."""
    return normalise(_SEARCH_WORDS.sub(" ", " ".join((box.name, *box.labels, box.placeholder))))


def _entered(progress: Progress, key: str, box: SnapshotElement) -> None:
    rendered = progress.pending.pop(key)
    progress.entered[key] = (rendered.value, box.index, box.type)
    progress.entered_at[key] = identity(box)
    progress.rendered[key] = rendered
    progress.typed_into([box])
    progress.search_typed = True
    progress.sought.append(rendered.value)
