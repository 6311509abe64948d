"""bench.codegen_scaling's procedure: sizes interleaved repetition by repetition, every repetition's files kept."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest

from bench import codegen_scaling


async def test_each_repetition_runs_every_size_and_keeps_its_files(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders: list[str] = []
    timed = codegen_scaling.timed_ms

    async def noting(call: Any) -> float:
        folders.append(call.func.__self__._store.root.name)  # the generator's own folder
        return await timed(call)

    monkeypatch.setattr(codegen_scaling, "timed_ms", noting)
    runs = [("small", tmp_path / "memory", 2), ("big", tmp_path / "disk", 3)]
    timings = await codegen_scaling._timings(runs, 2, lambda message: None)
    # Interleaved: each repetition (the first one a warm-up) runs every size once, in turn.
    assert folders == ["small-0", "big-0", "small-1", "big-1", "small-2", "big-2"]
    assert {name: len(values) for name, values in timings.items()} == {"small": 2, "big": 2}
    assert all(value > 0 for values in timings.values() for value in values)
    # Nothing was deleted between repetitions: every request's module.py is still there.
    for name, root, _ in runs:
        for rep in range(3):
            assert len(list((root / f"{name}-{rep}").rglob("module.py"))) == 1, (name, rep)
