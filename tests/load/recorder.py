"""Latency and error bookkeeping for load tests: every call timed, every failure kept with its RPC name."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import TypeVar

import grpc

T = TypeVar("T")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Recorder:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    ended: float = 0.0
    workflow_ids: list[str] = field(default_factory=list)

    async def call(self, rpc: str, pending: Awaitable[T]) -> T:
        began = time.perf_counter()
        try:
            result = await pending
        except Exception as exc:
            details = exc.details() if isinstance(exc, grpc.aio.AioRpcError) else str(exc)
            self.errors.append(f"{rpc}: {type(exc).__name__}: {details}")
            raise
        self.latencies_ms[rpc].append((time.perf_counter() - began) * 1000)
        return result

    def stop(self) -> None:
        self.ended = time.perf_counter()

    @property
    def calls(self) -> int:
        return sum(len(v) for v in self.latencies_ms.values()) + len(self.errors)

    @property
    def seconds(self) -> float:
        return (self.ended or time.perf_counter()) - self.started

    def table(self, title: str) -> str:
        every = [ms for values in self.latencies_ms.values() for ms in values]
        lines = [
            f"{title}: {self.calls} calls in {self.seconds:.1f}s = {self.calls / self.seconds:.0f} calls/s, "
            f"{len(self.errors)} errors; p50 {percentile(every, 0.5):.1f} ms, p99 {percentile(every, 0.99):.1f} ms",
            f"  {'rpc':<16}{'calls':>8}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}{'mean ms':>10}",
        ]
        for rpc, values in sorted(self.latencies_ms.items()):
            lines.append(
                f"  {rpc:<16}{len(values):>8}{percentile(values, 0.5):>10.1f}{percentile(values, 0.99):>10.1f}"
                f"{max(values):>10.1f}{statistics.fmean(values):>10.1f}"
            )
        return "\n".join(lines)


def report(config: object, text: str) -> None:
    """Show ``text`` in the test session's output even though output is captured (the figures are the point)."""
    capture = config.pluginmanager.getplugin("capturemanager")  # type: ignore[attr-defined]
    with capture.global_and_fixture_disabled():
        print("\n" + text, flush=True)
