"""The typed client rides out a service that is briefly unreachable: UNAVAILABLE is retried with backoff."""

from __future__ import annotations

import asyncio
import dataclasses
import pathlib

import grpc
import pytest

from cache_service.bootstrap import CacheSettings, start_cache_service
from services.cli.local_stack import free_port
from services.client import CacheClient, CallOptions, ServiceUnavailableError
from services.client.errors import translate


async def test_a_call_made_while_the_service_is_still_starting_succeeds(tmp_path: pathlib.Path) -> None:
    port = free_port()
    settings = dataclasses.replace(
        CacheSettings.from_env(),
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'rote.db'}",
        codegen_address="127.0.0.1:9",
    )

    async def start_late() -> object:
        await asyncio.sleep(0.3)
        return await start_cache_service(settings, port=port)

    starting = asyncio.create_task(start_late())
    async with CacheClient(f"127.0.0.1:{port}", options=CallOptions(attempts=8)) as client:
        listed = await client.list_workflows()  # sent before the server exists; retried until it answers
    server = await starting
    await server.stop(0)  # type: ignore[attr-defined]
    assert list(listed.workflows) == []


async def test_a_service_that_stays_down_is_named_after_the_retries() -> None:
    async with CacheClient("127.0.0.1:9", options=CallOptions(attempts=2)) as client:
        with pytest.raises(ServiceUnavailableError, match="cache service at 127.0.0.1:9 is unreachable"):
            await client.list_workflows()


def _unavailable(detail: str) -> grpc.aio.AioRpcError:
    return grpc.aio.AioRpcError(grpc.StatusCode.UNAVAILABLE, grpc.aio.Metadata(), grpc.aio.Metadata(), details=detail)


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        ("failed to connect to all addresses; last error: Connection refused",
         "executor service at h:1 is unreachable; is it running? (try `rote up`) [failed to connect to all addresses"),
        ("Socket closed", "executor service at h:1 is unreachable: the call was lost (Socket closed)"),
        ("", "executor service at h:1 is unreachable; is it running? (try `rote up`)"),
        ("executor is unavailable: run limit reached", "executor is unavailable: run limit reached"),
    ],
)
def test_an_unavailable_call_keeps_grpcs_detail(detail: str, expected: str) -> None:
    error = translate(_unavailable(detail), "executor service", "h:1")
    assert isinstance(error, ServiceUnavailableError)
    assert error.message.startswith(expected)
