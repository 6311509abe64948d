"""Two cache replicas on one PostgreSQL database: a change made through one is what the other decides with next."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import asyncpg
import grpc
import pytest

from cache_service.bootstrap import replica_of, start_cache_service
from cache_service.db.notifications import InvalidationListener, asyncpg_dsn
from cache_service.db.resolution_cache import ResolutionCache
from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, run_pb2, workflow_pb2
from services.server import ServiceServer
from services.settings import StorageSettings
from tests.cache.builders import block, linear_workflow
from tests.cache.conftest import cache_settings
from tests.cache.grpc_calls import ORG, put, resolve, run_blocks

pytestmark = pytest.mark.postgres
AGENT, CODE, FALLBACK = run_pb2.BLOCK_MODE_AGENT, run_pb2.BLOCK_MODE_CODE, run_pb2.BLOCK_MODE_FALLBACK
KEY = "default"
# A bound on waiting for a notification, not a timing assertion: it arrives in milliseconds.
WAIT_S = 30.0


@dataclasses.dataclass
class Replica:
    stub: cache_service_pb2_grpc.CacheServiceStub
    cache: ResolutionCache
    listener: InvalidationListener


@pytest.fixture
async def pair(
    postgres_url: str, codegen: ServiceServer, storage: StorageSettings
) -> AsyncIterator[tuple[Replica, Replica]]:
    settings = dataclasses.replace(cache_settings(postgres_url, codegen.address, storage), lease_sweep_s=0)
    servers = [await start_cache_service(settings) for _ in range(2)]
    channels = [grpc.aio.insecure_channel(server.address) for server in servers]
    replicas = []
    for server, channel in zip(servers, channels, strict=True):
        app, listener = replica_of(server)
        assert listener is not None and listener.connected.is_set()
        replicas.append(Replica(cache_service_pb2_grpc.CacheServiceStub(channel), app.uow.cache, listener))
    yield replicas[0], replicas[1]
    for channel in channels:
        await channel.close()
    for server in servers:
        await server.stop(0)


async def _put_seen_by(a: Replica, b: Replica, definition: workflow_pb2.Workflow) -> None:
    """Store the definition through ``a`` and wait until ``b`` has its notification (nothing else is in flight)."""
    before = b.listener.received
    await put(a.stub, definition)
    assert await b.cache.wait_for(lambda: b.listener.received > before, WAIT_S)


async def _notified(b: Replica, before: int, count: int) -> None:
    """Wait until ``b`` has had ``count`` notifications since it had ``before``: a late one would drop what it keeps."""
    assert await b.cache.wait_for(lambda: b.listener.received >= before + count, WAIT_S)


async def _cached_on(b: Replica, workflow_id: str) -> pb.ResolveScriptResponse:
    """Resolve through ``b`` so that it keeps the answer in memory."""
    resolved = await resolve(b.stub, workflow_id)
    assert b.cache.holds(ORG, workflow_id, KEY), "the resolution is kept in memory"
    return resolved


async def _dropped_on(b: Replica, workflow_id: str) -> None:
    assert await b.cache.wait_for(lambda: not b.cache.holds(ORG, workflow_id, KEY), WAIT_S), "notification missed"


async def _two_versions(a: Replica, b: Replica) -> tuple[workflow_pb2.Workflow, str]:
    definition = linear_workflow(2)
    await _put_seen_by(a, b, definition)
    before = b.listener.received
    await run_blocks(a.stub, definition, [("step_0", AGENT), ("step_1", AGENT)])
    _, second = await run_blocks(a.stub, definition, [("step_0", CODE), ("step_1", FALLBACK)])
    assert second.published_version == 2
    await _notified(b, before, 2)
    assert (await _cached_on(b, definition.workflow_id)).resolution.version == 2
    return definition, second.script_id


async def test_a_publish_on_one_replica_is_what_the_other_resolves_next(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    definition = linear_workflow(2)
    await _put_seen_by(a, b, definition)
    assert (await _cached_on(b, definition.workflow_id)).resolution.version == 0
    _, finished = await run_blocks(a.stub, definition, [("step_0", AGENT), ("step_1", AGENT)])
    assert finished.published_version == 1
    await _dropped_on(b, definition.workflow_id)
    assert (await resolve(b.stub, definition.workflow_id)).resolution.version == 1


async def test_a_pin_on_one_replica_is_what_the_other_resolves_next(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    definition, script_id = await _two_versions(a, b)
    request = pb.PinScriptVersionRequest(script_id=script_id, version=1)
    await a.stub.PinScriptVersion(request, metadata=outgoing_metadata(ORG))
    await _dropped_on(b, definition.workflow_id)
    assert (await resolve(b.stub, definition.workflow_id)).resolution.version == 1


async def test_an_unpin_on_one_replica_is_what_the_other_resolves_next(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    definition, script_id = await _two_versions(a, b)
    pin = pb.PinScriptVersionRequest(script_id=script_id, version=1)
    await a.stub.PinScriptVersion(pin, metadata=outgoing_metadata(ORG))
    await _dropped_on(b, definition.workflow_id)
    assert (await _cached_on(b, definition.workflow_id)).resolution.version == 1
    unpin = pb.UnpinScriptVersionRequest(script_id=script_id)
    await a.stub.UnpinScriptVersion(unpin, metadata=outgoing_metadata(ORG))
    await _dropped_on(b, definition.workflow_id)
    assert (await resolve(b.stub, definition.workflow_id)).resolution.version == 2


async def test_a_rollback_on_one_replica_is_what_the_other_resolves_next(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    definition, script_id = await _two_versions(a, b)
    request = pb.RollbackScriptRequest(script_id=script_id, to_version=1)
    rolled = await a.stub.RollbackScript(request, metadata=outgoing_metadata(ORG))
    assert rolled.version.version == 3
    await _dropped_on(b, definition.workflow_id)
    assert (await resolve(b.stub, definition.workflow_id)).resolution.version == 3


async def test_a_definition_change_on_one_replica_is_what_the_other_resolves_next(
    pair: tuple[Replica, Replica],
) -> None:
    a, b = pair
    definition = linear_workflow(2)
    await _put_seen_by(a, b, definition)
    before = b.listener.received
    await run_blocks(a.stub, definition, [("step_0", AGENT), ("step_1", AGENT)])
    await _notified(b, before, 1)
    cached = await _cached_on(b, definition.workflow_id)
    assert [block.label for block in cached.resolution.cached_blocks] == ["step_0", "step_1"]
    definition.blocks[1].CopyFrom(block("step_1", goal="do step_1 differently"))
    assert (await put(a.stub, definition)).version == 2
    await _dropped_on(b, definition.workflow_id)
    resolved = (await resolve(b.stub, definition.workflow_id)).resolution
    assert [block.label for block in resolved.cached_blocks] == ["step_0"]
    assert "invalidated by definition version 2" in resolved.uncached_blocks[0].reason


async def _terminate_listener(postgres_url: str, listener: InvalidationListener) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(postgres_url))
    try:
        assert await connection.fetchval("SELECT pg_terminate_backend($1)", listener.server_pid)
    finally:
        await connection.close()


async def test_a_lost_listener_connection_empties_the_cache(
    pair: tuple[Replica, Replica], postgres_url: str
) -> None:
    a, b = pair
    definition = linear_workflow(1)
    await _put_seen_by(a, b, definition)
    await _cached_on(b, definition.workflow_id)
    await _terminate_listener(postgres_url, b.listener)
    await _dropped_on(b, definition.workflow_id)


async def test_the_listener_reconnects_and_the_cache_serves_again(
    pair: tuple[Replica, Replica], postgres_url: str
) -> None:
    a, b = pair
    lost_pid = b.listener.server_pid
    await _terminate_listener(postgres_url, b.listener)
    assert await b.cache.wait_for(lambda: b.listener.server_pid != lost_pid and b.cache.live, WAIT_S)
    definition = linear_workflow(1)
    await _put_seen_by(a, b, definition)
    await _cached_on(b, definition.workflow_id)


async def test_a_resolution_held_for_one_organisation_is_not_another_ones(pair: tuple[Replica, Replica]) -> None:
    """The same workflow id in two organisations: each is answered with its own script, from memory or not."""
    a, b = pair
    definition = linear_workflow(2)
    await _put_seen_by(a, b, definition)
    before = b.listener.received
    _, finished = await run_blocks(a.stub, definition, [("step_0", AGENT), ("step_1", AGENT)])
    assert finished.published_version == 1
    await _notified(b, before, 1)
    assert (await _cached_on(b, definition.workflow_id)).resolution.version == 1
    other = "globex"
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await resolve(b.stub, definition.workflow_id, org=other)
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND
    before = b.listener.received
    await put(a.stub, definition, org=other)
    await _notified(b, before, 1)
    theirs = (await resolve(b.stub, definition.workflow_id, org=other)).resolution
    assert (theirs.version, theirs.script_id) == (0, "")
    assert b.cache.holds(ORG, definition.workflow_id, KEY), "the other organisation's write dropped nothing of ours"
    ours = (await resolve(b.stub, definition.workflow_id)).resolution
    assert (ours.version, ours.script_id) == (1, finished.script_id)


async def test_a_definition_held_as_unchanged_is_dropped_when_another_replica_stores_a_new_one(
    pair: tuple[Replica, Replica],
) -> None:
    """An unchanged definition is stored without a transaction while its replica holds it as the latest: a new
    version stored through another replica ends that, and the old content then makes a version of its own."""
    a, b = pair
    first = linear_workflow(2)
    await _put_seen_by(b, a, first)
    assert (await put(b.stub, first)).version == 1  # unchanged: version 1 is now held by b as the latest
    assert b.cache.latest_version(ORG, first.workflow_id) == 1
    second = linear_workflow(3, workflow_id=first.workflow_id)
    await _put_seen_by(a, b, second)
    assert b.cache.latest_version(ORG, first.workflow_id) == 0
    stored = await put(b.stub, first)
    assert (stored.version, stored.created) == (3, True)
