"""The saved snapshots still equal what the capture script reads from the same pages in Chromium now."""

from __future__ import annotations

import pytest

from tests.agents.snapshots.capture import HERE, capture_cases, dumps
from tests.agents.snapshots.pages import CASES

pytestmark = pytest.mark.browser
# One page read as loaded and one after typing (an autocomplete's suggestions): both paths of the script.
FRESH = ("unlabelled_inputs__captions_and_names.json", "custom_widgets__suggestions_open.json")


async def test_the_saved_snapshots_are_what_the_pages_show_now() -> None:
    cases = [c for c in CASES if c.file in FRESH]
    assert len(cases) == len(FRESH)
    fresh = await capture_cases(cases)
    for file in FRESH:
        assert dumps(fresh[file]) == (HERE / file).read_text(), (
            f"{file} is stale: run `python -m tests.agents.snapshots.capture` and review the diff")
