"""Small statistics helpers: medians and percentiles of repeated measurements."""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return float(ordered[rank])


async def timed_ms(step: Callable[[], Awaitable[object]]) -> float:
    """Wall time of one awaited call, in milliseconds."""
    started = time.perf_counter()
    await step()
    return (time.perf_counter() - started) * 1000
