"""The fast subset of `make corpus`: a few tasks × 2 seeds through the harness, the three services and real Chromium."""

from __future__ import annotations

import json
import pathlib
import re
from typing import Any

import pytest

from bench.corpus.runner import Options, run_corpus
from examples.corpus.kit import Task
from examples.corpus.registry import all_tasks
from services.enum_labels import enum_label
from services.gen.rote.v1 import run_pb2

pytestmark = pytest.mark.browser

TASKS = all_tasks()
SEEDS = 1  # each mode once per task; `make corpus` runs five seeds
RUN_KEYS = {
    "task", "pattern", "mode", "seed", "values", "lying", "truth_ok", "truth_reason", "rote_status", "agent_steps",
    "healed_actions", "fallback", "fallback_blocks", "code_blocks", "wall_ms", "error",
}
# Every RunStatus as the report spells it, and "error" for a run whose call raised.
STATUSES = {enum_label(run_pb2.RunStatus, v, "RUN_STATUS_", unset="unspecified") for v in run_pb2.RunStatus.values()}
STATUSES.add("error")


def _has_secret(task: Task) -> bool:
    return any(p.get("secret") for p in task.workflow.get("parameters", []))


def _subset() -> list[str]:
    """The first honest task of a few patterns and one lying task, chosen by pattern and flag since the corpus
    grows; a lying task with a secret parameter is preferred, so that the report is checked for secret values."""
    chosen = []
    for pattern in ("labelled_inputs", "select_by_text", "named_controls"):
        first = next((t.name for t in TASKS.values() if t.pattern == pattern and not t.lying), None)
        if first:
            chosen.append(first)
    lying = sorted((t for t in TASKS.values() if t.lying), key=lambda t: not _has_secret(t))
    if lying:
        chosen.append(lying[0].name)
    return chosen


SUBSET = _subset()


@pytest.fixture(scope="module")
async def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("corpus")
    out = folder / "corpus.json"
    lines: list[str] = []
    report = await run_corpus(Options(tasks=SUBSET, seeds=SEEDS, out=out, home=folder / "home"), lines.append)
    return {"report": report, "out": out, "lines": lines}


def test_the_subset_holds_a_lying_task_once_the_corpus_has_one() -> None:
    assert SUBSET, "the registry has no task at all"
    if any(t.lying for t in TASKS.values()):
        assert any(TASKS[name].lying for name in SUBSET)


def test_every_run_has_the_pages_verdict(corpus: dict[str, Any]) -> None:
    runs = corpus["report"]["runs"]
    assert corpus["report"]["task_errors"] == []
    assert len(runs) == len(SUBSET) * (1 + 3 * SEEDS)
    for name in SUBSET:
        mine = [(r["mode"], r["seed"], r["values"]) for r in runs if r["task"] == name]
        # Recorded on seed 0; replayed on that layout with each seed's values; then each seed's own layout.
        expected = [("record", 0, 0)] + [("same", 0, s) for s in range(1, SEEDS + 1)]
        expected += [(m, s, s) for s in range(1, SEEDS + 1) for m in ("code", "agent")]
        assert mine == expected, name
    for run in runs:
        assert isinstance(run["truth_ok"], bool), run
        assert run["truth_ok"] or run["truth_reason"], f"a refusal without a reason: {run}"
        assert run["rote_status"] in STATUSES, run
        assert run["rote_status"] != "error" or run["error"], f"an error run must keep its message: {run}"
        assert run["wall_ms"] > 0
        if run["lying"]:
            assert run["truth_ok"] is False, f"a lying page was judged a success: {run}"


def test_the_report_on_disk_has_the_required_keys(corpus: dict[str, Any]) -> None:
    written = json.loads(pathlib.Path(corpus["out"]).read_text())
    assert {"runs", "floors", "summary", "generated_at", "machine"} <= set(written)
    assert written["machine"]["cores"] >= 1
    for run in written["runs"]:
        assert RUN_KEYS <= set(run), RUN_KEYS - set(run)
        assert run["mode"] in ("record", "same", "code", "agent")
    summary = written["summary"]
    assert set(summary["patterns"]) == {TASKS[name].pattern for name in SUBSET}
    overall = summary["overall"]
    assert overall["runs"] == len(written["runs"]) and overall["tasks"] == len(SUBSET)
    for mode in ("record", "same", "code", "agent"):
        assert {"runs", "true_success", "true_success_rate", "false_successes", "false_failures"} <= set(overall[mode])


def test_every_task_has_a_floor_the_page_accepts(corpus: dict[str, Any]) -> None:
    floors = {f["task"]: f for f in corpus["report"]["floors"]}
    assert set(floors) == set(SUBSET)
    for name, floor in floors.items():
        assert floor["seeds"] == SEEDS and not floor["errors"], floor
        assert floor["floor_ms"] is not None and floor["floor_ms"] > 0, floor
        # The hand-written solution is what the page calls right; a lying page refuses even that.
        assert floor["truth_ok"] is (not TASKS[name].lying), floor


def test_progress_is_one_line_per_run(corpus: dict[str, Any]) -> None:
    total = len(corpus["report"]["runs"])
    progress = [line for line in corpus["lines"] if re.match(r"\[\d+/\d+\] ", line)]
    assert len(progress) == total
    assert progress[-1].startswith(f"[{total}/{total}] ")
    assert re.search(r": page (ok|no), rote \w+, \d+ agent steps, \d+ ms", progress[0]), progress[0]


def test_no_secret_value_reaches_the_report(corpus: dict[str, Any]) -> None:
    text = pathlib.Path(corpus["out"]).read_text() + "\n".join(corpus["lines"])
    checked = 0
    for name in SUBSET:
        task = TASKS[name]
        secret_keys = [p["key"] for p in task.workflow.get("parameters", []) if p.get("secret")]
        checked += len(secret_keys) * (SEEDS + 1)
        for seed in range(SEEDS + 1):
            for key in secret_keys:
                value = task.params_for(seed)[key]
                assert value not in text, f"{name}: the secret {key} of seed {seed} is in the report"
    if not checked:
        pytest.skip("no task of the subset has a secret parameter")


def test_no_false_successes_on_the_subset(corpus: dict[str, Any]) -> None:
    false = [
        f"{r['task']} {r['mode']} seed {r['seed']}: {r['truth_reason']}"
        for r in corpus["report"]["runs"]
        if r["rote_status"] == "completed" and not r["truth_ok"]
    ]
    assert not false, "Rote reported completed where the page said no:\n" + "\n".join(false)
