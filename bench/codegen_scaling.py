"""Codegen cost as scripts grow: generate, check and upload N blocks of 10 actions (`python -m` runs it alone)."""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import pathlib
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
    "codegen_ms_1000_disk": 12528.7,  # all of these were stored on disk then; codegen's CPU was most of the time
    "codegen_ms_per_block": 12.53,
    "codegen_scaling_ratio": 10.44,
}
# Goals of issue 18: 1,000 blocks in 2 s including upload, and near-linear growth.
GOALS = {"codegen_ms_1000": "≤ 2000", "codegen_ms_per_block": "≤ 2", "codegen_scaling_ratio": "≤ 11"}


def ram_folder() -> str | None:
    """A folder in memory (tmpfs) to store into, or None where the machine has none."""
    shm = pathlib.Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


async def _timings(root: pathlib.Path, size: int, repetitions: int, progress: Any) -> list[float]:
    """Milliseconds per request of ``size`` blocks stored under ``root``, each repetition in a folder of its own."""
    request = synthetic_request(size, ACTIONS_PER_BLOCK)
    timings = []
    for rep in range(repetitions + 1):
        progress(f"codegen {size} blocks in {root.parent}, repetition {rep}/{repetitions}")
        generator = ScriptGenerator(LocalFolderStore(root / f"codegen-{size}-{rep}"))
        elapsed = await timed_ms(functools.partial(generator.generate, "bench", request))
        # Each repetition's files stay until the end (the temporary folder goes then): deleting them here made the
        # next repetition slower (see measure).
        if rep:  # the first one warms caches (and starts the worker processes) and is not counted
            timings.append(elapsed)
    return timings


async def measure(home: pathlib.Path, repetitions: int, progress: Any) -> dict[str, Any]:
    """The codegen figures, the files stored in memory; ``codegen_ms_1000_disk`` stores them under ``home``.

    Why memory: on a disk, creating files costs what the file system's recent past makes it cost, not what codegen
    does. On this machine's ext4 (no journal), the inode allocator reads and skips every inode freed in the last
    1-6 minutes (``recently_deleted``), so anything that deleted files before (this bench's own repetitions did, a
    Chromium profile does) made the same 1,000 blocks' 2,000 files cost 0.1 to 2.3 s of system time (perf,
    2026-12-04). The disk figure is printed beside, so that the cost of a real disk is not hidden.
    """
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="rote-codegen-", dir=ram_folder() or home) as folder:
        for size in SIZES:
            timings = await _timings(pathlib.Path(folder), size, repetitions, progress)
            results[f"codegen_ms_{size}"] = round(median(timings), 1)
    home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rote-codegen-", dir=home) as folder:
        on_disk = await _timings(pathlib.Path(folder), 1000, repetitions, progress)
    results["codegen_ms_1000_disk"] = round(median(on_disk), 1)
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
