"""Fixtures for the fuzz tests: the three real services in-process, and one channel to each."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import grpc
import pytest
from hypothesis import HealthCheck, settings

from tests.support.services import RunningStack, running_stack

# Stable in CI: the same cases every run, no example database, no per-example deadline (a slow CI
# machine must not turn into a flaky failure), and fixtures shared across examples on purpose.
settings.register_profile(
    "rote-fuzz",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass
class FuzzTally:
    """How many generated cases went over the wire, and how long they took, for the report at the end."""

    cases: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    def count(self, name: str, code: grpc.StatusCode | None = None) -> None:
        self.cases[name] = self.cases.get(name, 0) + 1
        if code is not None:
            self.outcomes[code.name] = self.outcomes.get(code.name, 0) + 1


TALLY = FuzzTally()


def examples(count: int) -> int:
    """``count`` (a whole hunt, `make fuzz`) scaled by ROTE_FUZZ_SCALE. `make test` runs a third as many cases
    (derandomized: the same ones every run) to stay within its time; raise the scale for a longer hunt."""
    return max(1, int(count * float(os.environ.get("ROTE_FUZZ_SCALE", "0.3"))))


@pytest.fixture(scope="session")
def tally() -> FuzzTally:
    return TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY.cases:
        total = sum(TALLY.cases.values())
        elapsed = time.perf_counter() - TALLY.started
        terminalreporter.write_line(f"fuzz: {total} generated cases over gRPC in {elapsed:.0f}s")
        terminalreporter.write_line(f"  outcomes: {dict(sorted(TALLY.outcomes.items()))}")
        for name, count in sorted(TALLY.cases.items()):
            terminalreporter.write_line(f"  {name}: {count}")


@dataclass
class FuzzChannels:
    stack: RunningStack
    cache: grpc.aio.Channel
    codegen: grpc.aio.Channel
    executor: grpc.aio.Channel


@pytest.fixture(scope="session")
async def fuzz_stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FuzzChannels]:
    async with running_stack(tmp_path_factory.mktemp("rote-fuzz")) as stack:
        channels = [grpc.aio.insecure_channel(s.address) for s in (stack.cache, stack.codegen, stack.executor)]
        TALLY.started = time.perf_counter()  # time the fuzzing, not the tests that ran before it
        try:
            yield FuzzChannels(stack, *channels)
        finally:
            for channel in channels:
                await channel.close()
