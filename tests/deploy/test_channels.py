"""Client channels spread calls over every replica behind a multi-address target (services/channels.py)."""

from __future__ import annotations

import asyncio
import collections
import json
import sys
from collections.abc import AsyncIterator

import grpc
import pytest

from services.channels import channel_options, open_channel
from services.settings import DEFAULT_MAX_MESSAGE_BYTES, TlsSettings
from tests.deploy.whoami_server import METHOD

REPLICAS = 3


async def _whoami(channel: grpc.aio.Channel) -> int:
    call = channel.unary_unary(METHOD, request_serializer=None, response_deserializer=None)
    return int(await call(b"", timeout=5))


@pytest.fixture(scope="module")
async def replicas() -> AsyncIterator[dict[int, int]]:
    """port -> pid of three server processes on 127.0.0.1."""
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.deploy.whoami_server", stdout=asyncio.subprocess.PIPE
        )
        for _ in range(REPLICAS)
    ]
    try:
        ports = {}
        for process in processes:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
            ports[int(line)] = process.pid
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            await process.wait()


def _target(ports: dict[int, int]) -> str:
    return "ipv4:" + ",".join(f"127.0.0.1:{port}" for port in ports)


async def test_calls_rotate_over_every_replica(replicas: dict[int, int]) -> None:
    channel = open_channel(_target(replicas), tls=TlsSettings.plaintext(), max_message_bytes=DEFAULT_MAX_MESSAGE_BYTES)
    try:
        seen: set[int] = set()
        for _ in range(100):  # subchannels connect in the background: wait until all three are READY
            seen.add(await _whoami(channel))
            if len(seen) == REPLICAS:
                break
            await asyncio.sleep(0.02)
        served = collections.Counter([await _whoami(channel) for _ in range(30)])
    finally:
        await channel.close()
    assert served == {pid: 10 for pid in replicas.values()}


async def test_without_the_helper_a_channel_sticks_to_one_replica(replicas: dict[int, int]) -> None:
    # gRPC's default policy is pick_first: this is what a headless Service gives without round_robin.
    channel = grpc.aio.insecure_channel(_target(replicas))
    try:
        served = collections.Counter([await _whoami(channel) for _ in range(30)])
    finally:
        await channel.close()
    assert len(served) == 1


async def test_a_dns_target_is_balanced_and_still_connects(replicas: dict[int, int]) -> None:
    port, pid = next(iter(replicas.items()))
    channel = open_channel(
        f"dns:///127.0.0.1:{port}", tls=TlsSettings.plaintext(), max_message_bytes=DEFAULT_MAX_MESSAGE_BYTES
    )
    try:
        assert await _whoami(channel) == pid
    finally:
        await channel.close()


def test_round_robin_is_configured_only_for_resolver_targets() -> None:
    options = dict(channel_options("dns:///rote-cache:50052"))
    assert json.loads(str(options["grpc.service_config"])) == {"loadBalancingConfig": [{"round_robin": {}}]}
    assert options["grpc.service_config_disable_resolution"] == 1
    assert dict(channel_options("ipv4:127.0.0.1:1,127.0.0.1:2")) == options
    assert channel_options("127.0.0.1:50052") == ()
