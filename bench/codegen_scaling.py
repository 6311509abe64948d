"""Codegen cost as scripts grow: generate, validate and upload N blocks of 10 actions each."""

from __future__ import annotations

import functools
import pathlib
import shutil
from typing import Any

from bench.stats import median, timed_ms
from bench.synthetic_requests import synthetic_request
from codegen_service.service import ScriptGenerator
from services.storage.local_folder import LocalFolderStore

SIZES = (10, 100, 1000)
ACTIONS_PER_BLOCK = 10


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
            if rep:  # the first one warms caches and is not counted
                timings.append(elapsed)
        results[f"codegen_ms_{size}"] = round(median(timings), 1)
    results["codegen_scaling_ratio"] = round(results["codegen_ms_1000"] / results["codegen_ms_100"], 2)
    return results
