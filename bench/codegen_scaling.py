"""Codegen cost as scripts grow: generate, check and upload N blocks of 10 actions (`python -m` runs it alone)."""

from __future__ import annotations

import argparse
import asyncio
import functools
import pathlib
import shutil
import tempfile
import time
from typing import Any

from bench.stats import median, timed_ms
from bench.synthetic_requests import synthetic_request
from codegen_service.service import ScriptGenerator
from services.storage.local_folder import LocalFolderStore

SIZES = (10, 100, 1000)
ACTIONS_PER_BLOCK = 10
# The figures before issue 18 (make bench of 2026-11-21, 2 cores, in bench/results.json then): printed beside the
# new ones so that a run shows the change without checking out the old code.
BEFORE: dict[str, float] = {
    "codegen_ms_10": 99.0,
    "codegen_ms_100": 1200.1,
    "codegen_ms_1000": 12528.7,
    "codegen_ms_per_block": 12.53,
    "codegen_scaling_ratio": 10.44,
}
# Goals of issue 18: 1,000 blocks in 2 s including upload, and near-linear growth.
GOALS = {"codegen_ms_1000": "≤ 2000", "codegen_ms_per_block": "≤ 2", "codegen_scaling_ratio": "≤ 11"}


async def measure(home: pathlib.Path, repetitions: int, progress: Any) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for size in SIZES:
        request = synthetic_request(size, ACTIONS_PER_BLOCK)
        timings = []
        for rep in range(repetitions + 1):
            progress(f"codegen {size} blocks, repetition {rep}/{repetitions}")
            root = home / f"codegen-{size}-{rep}"
            generator = ScriptGenerator(LocalFolderStore(root))
            elapsed = await timed_ms(functools.partial(generator.generate, "bench", request))
            shutil.rmtree(root, ignore_errors=True)
            if rep:  # the first one warms caches (and starts the worker processes) and is not counted
                timings.append(elapsed)
        results[f"codegen_ms_{size}"] = round(median(timings), 1)
    results["codegen_ms_per_block"] = round(results["codegen_ms_1000"] / 1000, 2)
    results["codegen_scaling_ratio"] = round(results["codegen_ms_1000"] / results["codegen_ms_100"], 2)
    return results


def comparison(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, before, now, goal) for each codegen figure in ``results``."""
    return [
        (key, str(BEFORE[key]), str(results[key]), GOALS.get(key, ""))
        for key in sorted(BEFORE)
        if key in results
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=5, help="measured repetitions per size (median)")
    args = parser.parse_args()

    def progress(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)

    with tempfile.TemporaryDirectory(prefix="rote-codegen-") as tmp:
        results = asyncio.run(measure(pathlib.Path(tmp), args.repetitions, progress))
    print(f"{'figure':<24}{'before':>10}{'now':>10}  goal")
    for key, before, now, goal in comparison(results):
        print(f"{key:<24}{before:>10}{now:>10}  {goal}")


if __name__ == "__main__":
    main()
