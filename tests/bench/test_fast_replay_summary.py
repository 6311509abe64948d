"""bench.fast_replay's arithmetic: the headline is the median over tasks of each task's median paired ratio."""

from __future__ import annotations

from typing import Any

from bench.fast_replay import FAST_TASKS, _summarise, comparison
from examples.corpus.registry import all_tasks


def _code(ms: float) -> dict[str, Any]:
    return {"ms": ms, "before_first_action_ms": 10.0, "actions_span_ms": ms - 30, "after_last_action_ms": 20.0}


def test_the_ratio_is_the_median_over_tasks_of_paired_medians() -> None:
    pairs = {
        "a": [(_code(110), {"ms": 100.0}), (_code(130), {"ms": 100.0}), (_code(300), {"ms": 100.0})],
        "b": [(_code(100), {"ms": 100.0})],
        "c": [(_code(200), {"ms": 100.0})],
        "d": [],
    }
    result = _summarise(
        pairs, excluded=["x", "y"], tasks=("a", "b", "c", "d", "e"), usable=["a", "b", "c", "d"], loads=[1.0]
    )
    assert result["fast_replay_by_task"]["a"]["ratio"] == 1.3
    assert result["replay_overhead_ratio_fast"] == 1.3  # median of 1.3, 1.0, 2.0; task d has no pair
    assert result["fast_replay_pairs"] == 5
    assert result["fast_replay_excluded_runs"] == 2
    assert result["fast_replay_tasks_unrecorded"] == ["e"]
    assert [row[0] for row in comparison(result)][0] == "replay_overhead_ratio_fast"


def test_no_pair_gives_no_ratio() -> None:
    assert _summarise({"a": []}, ["x"], ("a",), ["a"], [1.0])["replay_overhead_ratio_fast"] is None


def test_the_fast_tasks_exist_and_none_waits_on_purpose() -> None:
    tasks = all_tasks()
    assert set(FAST_TASKS) <= set(tasks)
    assert not {tasks[name].pattern for name in FAST_TASKS} & {"late_content", "overlays", "search_pick", "lying"}
