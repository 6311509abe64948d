"""The harness's pure parts: the figures it derives from runs, its ids, its redaction, its refusal of bad options."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest

from bench.corpus.__main__ import main
from bench.corpus.report import summarise, table
from bench.corpus.rows import last_output, redact, workflow_id_for
from services.gen.rote.v1 import run_pb2


def _run(mode: str, truth_ok: bool, status: str, *, task: str = "t1", steps: int = 0, wall: float = 100.0,
         pattern: str = "labelled_inputs") -> dict[str, Any]:
    return {
        "task": task, "pattern": pattern, "mode": mode, "seed": 1, "lying": False, "truth_ok": truth_ok,
        "truth_reason": "" if truth_ok else "x: expected 'a', got 'b'", "rote_status": status, "agent_steps": steps,
        "healed_actions": 0, "fallback": False, "fallback_blocks": 0, "code_blocks": 1, "wall_ms": wall, "error": "",
    }


def test_false_successes_and_failures_are_counted_per_mode() -> None:
    runs = [
        _run("record", True, "completed", steps=3),
        _run("code", True, "completed", wall=300.0),  # true success, 0 steps
        _run("code", True, "completed", steps=2, wall=500.0),  # true success with the agent's help
        _run("code", False, "completed"),  # a false success
        _run("code", True, "failed"),  # a false failure
        _run("agent", False, "completed", steps=4),  # a false success
        _run("agent", False, "failed", steps=4),  # an honest failure
        _run("code", False, "error", task="t2", pattern="dates"),
        _run("same", True, "completed"),  # the recorded layout with new values, 0 steps
        _run("same", False, "completed", steps=1),  # a false success on the recorded layout
    ]
    floors: list[dict[str, Any]] = [{"task": "t1", "floor_ms": 100.0, "lying": False, "truth_ok": True},
              {"task": "t2", "floor_ms": None, "lying": False, "truth_ok": False}]
    summary = summarise(runs, floors)
    overall = summary["overall"]
    assert overall["tasks"] == 2 and overall["runs"] == 10
    assert (overall["same"]["runs"], overall["same"]["true_success"], overall["same"]["false_successes"]) == (2, 1, 1)
    assert overall["same_zero_agent_steps_success"] == 1
    assert (overall["code"]["runs"], overall["code"]["true_success"]) == (5, 3)
    assert overall["code_zero_agent_steps_success"] == 2  # the page decides, whatever Rote said
    assert overall["code"]["false_successes"] == 1 and overall["agent"]["false_successes"] == 1
    assert overall["record"]["false_successes"] == 0 and overall["false_successes"] == 3
    assert overall["code"]["false_failures"] == 1 and overall["false_failures"] == 1
    assert overall["code"]["errors"] == 1
    # Truly successful code runs of t1 only: 300/100, 500/100, 100/100 (the false failure was truly ok too).
    assert overall["replay_over_floor_median"] == 3.0
    assert list(summary["patterns"]) == ["labelled_inputs", "dates"]
    assert summary["patterns"]["dates"]["replay_over_floor_median"] is None
    assert (summary["floors_judged_ok"], summary["floors_honest"]) == (1, 2)
    rendered = table({"summary": summary, "options": {"seeds": 1}, "generated_at": "now", "machine": {"cores": 2},
                      "wall_s": 1.0})
    assert rendered.row_count == 3  # two patterns and the overall row (no lying task: no separate honest row)
    assert summary["honest"] == overall


def test_workflow_ids_are_sanitised_and_leave_room_for_the_agent_suffix() -> None:
    assert workflow_id_for("contact-form") == "corpus_contact-form"
    assert workflow_id_for("a b/c.d") == "corpus_a_b_c_d"
    assert len(workflow_id_for("x" * 300) + "__agent") == 128


def test_secret_values_are_redacted_longest_first() -> None:
    assert redact("password: expected 'hunter22', got 'hunter2'", ["hunter2", "hunter22", ""]) == (
        "password: expected '***', got '***'"
    )


def test_the_output_posted_is_the_last_block_that_produced_one() -> None:
    summary = run_pb2.RunSummary()
    for label in ("open", "first", "second", "after"):
        summary.blocks.add(label=label)
    summary.outputs_json["first"] = '{"a": 1}'
    summary.outputs_json["second"] = '[{"b": 2}]'
    assert last_output(summary) == [{"b": 2}]
    assert last_output(run_pb2.RunSummary()) is None


def test_an_unknown_task_is_refused_before_any_service_starts(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus.json"
    assert main(["--tasks", "no-such-task", "--out", str(out), "--home", str(tmp_path / "home")]) == 2
    assert "no-such-task" in capsys.readouterr().err
    assert not out.exists()
    assert not (tmp_path / "home" / "stack").exists()


def test_lying_tasks_get_their_own_row_and_stay_out_of_the_honest_rates() -> None:
    lie = {**_run("code", False, "completed", task="t3", pattern="lying"), "lying": True}
    summary = summarise([_run("code", True, "completed"), lie], [])
    assert summary["honest"]["code"]["true_success_rate"] == 1.0
    assert summary["overall"]["code"]["true_success_rate"] == 0.5
    assert summary["patterns"]["lying"]["code"]["false_successes"] == 1
    rendered = table({"summary": summary, "options": {"seeds": 1}, "generated_at": "now", "machine": {"cores": 2},
                      "wall_s": 1.0})
    assert rendered.row_count == 4  # two patterns, the honest tasks, overall
