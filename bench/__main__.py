"""`make bench`: run every benchmark, print a table, write bench/results.json."""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import pathlib
import platform
import tempfile
import time
from typing import Any

from rich.console import Console
from rich.table import Table

from bench import codegen_scaling, decisions, drift, fast_replay, replay, runs_per_core, statements, verification

RESULTS = pathlib.Path(__file__).resolve().parent / "results.json"
# bench/results.json before issue 18's decision and context work (2026-12-03, load 8.2 during the decisions).
OTHER_BEFORE = {
    "decisions_per_s": (286.5, ">= 2000"),
    "decision_p99_ms": (408.49, "<= 5"),
    "decision_server_cpu_ms": (1.84, ""),
    "code_runs_per_core_s_ratio": (0.996, ">= 2.0"),
}


def other_goals(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, before, now, goal) rows of the decision and CPU-per-run goals."""
    return [(key, str(before), str(results.get(key)), goal) for key, (before, goal) in OTHER_BEFORE.items()]
console = Console()


def _progress(message: str) -> None:
    console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] {message}", highlight=False)


async def _main(repetitions: int, decision_calls: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="rote-bench-") as tmp:
        home = pathlib.Path(tmp)
        results.update(await codegen_scaling.measure(home / "codegen", repetitions, _progress))
        results.update(await statements.measure(home, f"sqlite+aiosqlite:///{home / 'statements.db'}", _progress))
        results.update(await decisions.measure(home / "decisions", decision_calls, _progress))
        results.update(await replay.measure(home / "replay", repetitions, _progress))
        results.update(await fast_replay.measure(home / "fast_replay", repetitions, _progress))
        results.update(await drift.measure(home / "drift", repetitions, _progress))
        results.update(await verification.measure(repetitions, _progress))
        results.update(await runs_per_core.measure(home / "runs_per_core", repetitions, _progress))
    return results


def _comparison_table(title: str, rows: list[tuple[str, str, str, str]]) -> Table:
    table = Table(title=title)
    for column in ("figure", "before", "now", "goal"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for row in rows:
        table.add_row(*row)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=5, help="measured repetitions per figure (median)")
    parser.add_argument("--decision-calls", type=int, default=800, help="FinishRun + ResolveScript calls")
    args = parser.parse_args()
    os.environ.setdefault("ROTE_LOG_LEVEL", "WARNING")
    started = time.perf_counter()
    results = asyncio.run(_main(args.repetitions, args.decision_calls))
    results["meta"] = {
        "date": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "repetitions": args.repetitions,
        "bench_seconds": round(time.perf_counter() - started, 1),
    }
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    table = Table(title=f"Rote benchmark ({results['meta']['date']}, {results['meta']['machine']})")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in sorted(results.items()):
        if key != "meta":
            table.add_row(key, str(value))
    console.print(table)
    comparisons = (
        ("Codegen before issue 18 and now (ms; 1,000 blocks x 10 actions incl. upload)",
         codegen_scaling.comparison(results)),
        ("Replay overhead before issue 18 and now (fast corpus pages; the demo beside)",
         fast_replay.comparison(results)),
        ("Drift before issue 18 and now (the demo's changed layout, block fill_quote)", drift.comparison(results)),
        ("Decisions and CPU per run before issue 18's changes and now", other_goals(results)),
    )
    for title, rows in comparisons:
        console.print(_comparison_table(title, rows))
    console.print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
