"""The corpus figures: per pattern and overall counts and rates, and the table `make corpus` prints."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bench.stats import median
from examples.corpus.kit import PATTERNS

# "same": the recorded code replayed on the page it was recorded on (seed 0's layout) with another seed's values.
MODES = ("record", "same", "code", "agent")


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _mode_stats(rows: list[dict[str, Any]]) -> dict[str, Any]:
    completed = [r for r in rows if r["rote_status"] == "completed"]
    true_ok = sum(r["truth_ok"] for r in rows)
    return {
        "runs": len(rows),
        "true_success": true_ok,
        "true_success_rate": _rate(true_ok, len(rows)),
        "rote_completed": len(completed),
        # Rote said completed, the page said no: the failure a cache must never have.
        "false_successes": sum(not r["truth_ok"] for r in completed),
        # Rote said it did not complete, yet the page had what it asked for.
        "false_failures": sum(r["truth_ok"] and r["rote_status"] != "completed" for r in rows),
        "errors": sum(r["rote_status"] == "error" for r in rows),
        "agent_steps": sum(r["agent_steps"] for r in rows),
        "fallback_runs": sum(bool(r["fallback"]) for r in rows),
        "healed_actions": sum(r["healed_actions"] for r in rows),
    }


def _stats(rows: list[dict[str, Any]], floor_ms: dict[str, float | None]) -> dict[str, Any]:
    by_mode = {mode: _mode_stats([r for r in rows if r["mode"] == mode]) for mode in MODES}
    code = [r for r in rows if r["mode"] == "code"]
    zero = sum(r["truth_ok"] and r["agent_steps"] == 0 for r in code)
    same = [r for r in rows if r["mode"] == "same"]
    same_zero = sum(r["truth_ok"] and r["agent_steps"] == 0 for r in same)
    ratios = [
        r["wall_ms"] / floor
        for r in code
        if r["truth_ok"] and (floor := floor_ms.get(r["task"])) and floor > 0
    ]
    return {
        "tasks": len({r["task"] for r in rows}),
        "runs": len(rows),
        **by_mode,
        "code_zero_agent_steps_success": zero,
        "code_zero_agent_steps_success_rate": _rate(zero, len(code)),
        "same_zero_agent_steps_success": same_zero,
        "same_zero_agent_steps_success_rate": _rate(same_zero, len(same)),
        "false_successes": sum(m["false_successes"] for m in by_mode.values()),
        "false_failures": sum(m["false_failures"] for m in by_mode.values()),
        "replay_over_floor_median": round(median(ratios), 3) if ratios else None,
        "replay_over_floor_runs": len(ratios),
    }


def summarise(runs: list[dict[str, Any]], floors: list[dict[str, Any]]) -> dict[str, Any]:
    """Per pattern (in the corpus's pattern order) and overall; rates are fractions, None when nothing ran."""
    floor_ms = {f["task"]: f["floor_ms"] for f in floors}
    seen = {r["pattern"] for r in runs}
    ordered = [p for p in PATTERNS if p in seen] + sorted(seen - set(PATTERNS))
    return {
        "patterns": {p: _stats([r for r in runs if r["pattern"] == p], floor_ms) for p in ordered},
        # Lying tasks can never truly succeed: their success rates would drag the overall ones down by design.
        "honest": _stats([r for r in runs if not r["lying"]], floor_ms),
        "overall": _stats(runs, floor_ms),
        "floors_judged_ok": sum(bool(f["truth_ok"]) for f in floors if not f["lying"]),
        "floors_honest": sum(not f["lying"] for f in floors),
    }


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def _row(name: str, stats: dict[str, Any]) -> list[str]:
    code, agent, same = stats["code"], stats["agent"], stats["same"]
    ratio = stats["replay_over_floor_median"]
    return [
        name,
        str(stats["tasks"]),
        str(stats["runs"]),
        _share(agent["true_success"], agent["runs"]),
        _share(same["true_success"], same["runs"]),
        _share(stats["same_zero_agent_steps_success"], same["runs"]),
        _share(code["true_success"], code["runs"]),
        _share(stats["code_zero_agent_steps_success"], code["runs"]),
        "/".join(str(stats[m]["false_successes"]) for m in MODES),
        "/".join(str(stats[m]["false_failures"]) for m in MODES),
        "-" if ratio is None else f"{ratio:.2f}",
    ]


def table(report: dict[str, Any]) -> Table:
    summary = report["summary"]
    seeds = report["options"]["seeds"]
    result = Table(
        title=f"Rote on the corpus: record on seed 0, {seeds} seeds each in code on the recorded layout (same), "
        "code and agent mode on their own layouts "
        f"({report['generated_at']}, {report['machine']['cores']} cores, {report['wall_s']:.0f} s)",
        caption="true success = the page's own verdict; false succ./fail. as record/same/code/agent; "
        "replay÷floor = median over truly successful code runs",
    )
    headers = ("pattern", "tasks", "runs", "agent ok", "same ok", "same ok, 0 steps", "code ok", "code ok, 0 steps")
    for header in headers:
        result.add_column(header, justify="left" if header == "pattern" else "right")
    for header in ("false succ. r/s/c/a", "false fail. r/s/c/a", "replay÷floor"):
        result.add_column(header, justify="right")
    for pattern, stats in summary["patterns"].items():
        result.add_row(*_row(pattern, stats))
    result.add_section()
    if summary["honest"]["runs"] != summary["overall"]["runs"]:
        result.add_row(*_row("honest tasks", summary["honest"]))
    result.add_row(*_row("overall", summary["overall"]), style="bold")
    return result


def print_table(report: dict[str, Any], console: Console | None = None) -> None:
    # A wide fixed width when not on a terminal, so a log file keeps one line per pattern.
    console = console or Console(width=None if Console().is_terminal else 170)
    console.print(table(report))
    summary = report["summary"]
    console.print(
        f"floors judged ok by their page: {summary['floors_judged_ok']}/{summary['floors_honest']} honest tasks",
        highlight=False,
    )
