"""Fixtures for security tests: the three real services with API keys on, the demo site, captured logs."""

from __future__ import annotations

import logging
import os
import pathlib
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import grpc
import pytest

from examples.demo_site import DemoSite, start_demo_site
from services.client import CallOptions, ExecutorClient, RunResult
from services.workflows import load_parameters_file, load_workflow_file
from tests.support.services import RunningStack, running_stack

ACME_KEY = "acme-key-0123456789abcdef"
GLOBEX_KEY = "globex-key-0123456789abcdef"
SERVICE_KEY = "service-key-0123456789abcdef"
API_KEYS = f"{ACME_KEY}=acme,{GLOBEX_KEY}=globex,{SERVICE_KEY}=@service"


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of the block, then restore what was there."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class CapturedLogs(logging.Handler):
    """Keeps every record any service logs (DEBUG and up), formatted with its extra fields."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        fields = {k: v for k, v in vars(record).items() if k not in ("msg", "args", "exc_info")}
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{text} {fields}")

    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class SecuredStack:
    """A running stack with API keys on, where its data lives, and everything its services logged."""

    stack: RunningStack
    home: pathlib.Path
    logs: CapturedLogs


@pytest.fixture(scope="session")
def security_demo_site() -> Iterator[DemoSite]:
    site = start_demo_site()
    yield site
    site.stop()


@pytest.fixture(scope="session")
async def secured(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SecuredStack]:
    """Codegen, cache and executor with ROTE_API_KEYS set: every call needs a key, services use the service key."""
    logs = CapturedLogs()
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(logs)
    root.setLevel(logging.DEBUG)
    home = tmp_path_factory.mktemp("rote-secured")
    try:
        # Both are read once, into each service's settings when the stack starts: later stacks of the session
        # do not turn authentication on.
        with environment(ROTE_SERVICE_API_KEY=SERVICE_KEY):
            with environment(ROTE_API_KEYS=API_KEYS):
                starting = running_stack(home)
                stack = await starting.__aenter__()
            try:
                yield SecuredStack(stack, home, logs)
            finally:
                await starting.__aexit__(None, None, None)
    finally:
        root.removeHandler(logs)
        root.setLevel(previous_level)


def key_metadata(key: str, org: str = "") -> tuple[tuple[str, str], ...]:
    items = [("x-rote-api-key", key)] if key else []
    if org:
        items.append(("x-rote-org", org))
    return tuple(items)


async def expect_status(call: object, code: grpc.StatusCode) -> str:
    """Await ``call`` and return the details of the error it must end with."""
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await call  # type: ignore[misc]
    assert info.value.code() == code, f"{info.value.code()} {info.value.details()}"
    return info.value.details() or ""


@dataclass
class DemoRuns:
    """The demo workflow run by acme through the agent, then as code, on the secured stack."""

    first: RunResult
    second: RunResult
    first_params: dict[str, str]
    second_params: dict[str, str]


ROOT = pathlib.Path(__file__).resolve().parents[2]


def demo_params(name: str, base_url: str) -> dict[str, str]:
    return {**load_parameters_file(ROOT / "examples" / "params" / f"{name}.yaml"), "base_url": base_url}


@pytest.fixture(scope="session")
async def acme_demo_runs(secured: SecuredStack, security_demo_site: DemoSite) -> DemoRuns:
    workflow = load_workflow_file(ROOT / "examples" / "workflows" / "demo_quote.yaml")
    first_params = demo_params("demo_first", security_demo_site.url)
    second_params = demo_params("demo_second", security_demo_site.url)
    options = CallOptions(api_key=ACME_KEY)
    async with ExecutorClient(secured.stack.executor.address, options=options) as client:
        first = await client.run(workflow, parameters=first_params, run_with="agent")
        second = await client.run(workflow, parameters=second_params, run_with="code")
    return DemoRuns(first, second, first_params, second_params)
