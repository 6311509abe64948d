"""Codegen cost as scripts grow: generate, check and upload N blocks of 10 actions (`python -m` runs it alone)."""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import pathlib
import tempfile
import time
from collections.abc import Sequence
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


async def _timings(
    runs: Sequence[tuple[str, pathlib.Path, int]], repetitions: int, progress: Any
) -> dict[str, list[float]]:
    """Milliseconds per request for each (name, folder, blocks) run, interleaved: every repetition runs each once, so
    a machine that slows down for a while slows every size alike and the ratios between them stay side by side."""
    requests = {size: synthetic_request(size, ACTIONS_PER_BLOCK) for _, _, size in runs}
    timings: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    for rep in range(repetitions + 1):
        progress(f"codegen {', '.join(name for name, _, _ in runs)}: repetition {rep}/{repetitions}")
        for name, root, size in runs:
            generator = ScriptGenerator(LocalFolderStore(root / f"{name}-{rep}"))
            elapsed = await timed_ms(functools.partial(generator.generate, "bench", requests[size]))
            # Each repetition's files stay until the end (the temporary folders go then): deleting them here made
            # the next repetition slower (see measure).
            if rep:  # the first one warms caches (and starts the worker processes) and is not counted
                timings[name].append(elapsed)
    return timings


async def measure(home: pathlib.Path, repetitions: int, progress: Any) -> dict[str, Any]:
    """The codegen figures, the files stored in memory; ``codegen_ms_1000_disk`` stores them under ``home``.

    Why memory: on a disk, creating files costs what the file system's recent past makes it cost, not what codegen
    does. On this machine's ext4 (no journal), the inode allocator reads and skips every inode freed in the last
    1-6 minutes (``recently_deleted``), so anything that deleted files before (this bench's own repetitions did, a
    Chromium profile does) made the same 1,000 blocks' 2,000 files cost 0.1 to 2.3 s of system time (perf,
    2026-12-04). The disk figure is printed beside, so that the cost of a real disk is not hidden.
    """
    home.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="rote-codegen-", dir=ram_folder() or home) as memory,
        tempfile.TemporaryDirectory(prefix="rote-codegen-", dir=home) as disk,
    ):
        runs = [(f"codegen_ms_{size}", pathlib.Path(memory), size) for size in SIZES]
        runs.append(("codegen_ms_1000_disk", pathlib.Path(disk), 1000))
        timings = await _timings(runs, repetitions, progress)
    results: dict[str, Any] = {name: round(median(values), 1) for name, values in timings.items()}
    results["codegen_ms_per_block"] = round(results["codegen_ms_1000"] / 1000, 2)
    # The median of each repetition's own ratio: the two sizes ran back to back.
    paired = [big / small for big, small in zip(timings["codegen_ms_1000"], timings["codegen_ms_100"], strict=True)]
    results["codegen_scaling_ratio"] = round(median(paired), 2)
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
