"""The per-call floor under bench/decisions.py: a grpc.aio unary call that does nothing, bare and behind the kernel's
interceptors, from 16 clients in their own process; calls/s, p50, p99 and the server's CPU per call.

The handler answers ResolveScript with an empty response, so the interceptors (access log, metrics, error mapping,
authentication when ROTE_API_KEYS is set, protovalidate rules) do their whole work on a real request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import grpc

from bench.stats import percentile
from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.server import start_server
from services.settings import SecuritySettings

CLIENTS = 16
METHOD = "/rote.v1.CacheService/ResolveScript"


async def _answer(_request: pb.ResolveScriptRequest, _context: grpc.aio.ServicerContext) -> pb.ResolveScriptResponse:
    return pb.ResolveScriptResponse()


def _handlers() -> grpc.GenericRpcHandler:
    handler = grpc.unary_unary_rpc_method_handler(
        _answer,
        request_deserializer=pb.ResolveScriptRequest.FromString,
        response_serializer=pb.ResolveScriptResponse.SerializeToString,
    )
    return grpc.method_handlers_generic_handler("rote.v1.CacheService", {"ResolveScript": handler})


async def _drive(address: str, calls: int) -> dict[str, Any]:
    metadata = outgoing_metadata("bench")
    request = pb.ResolveScriptRequest(workflow_id="w", parameters={"email": "b@example.com"}).SerializeToString()
    async with grpc.aio.insecure_channel(address) as channel:
        call = channel.unary_unary(METHOD)
        await call(request, metadata=metadata)
        latencies: list[float] = []
        left = [calls]

        async def client() -> None:
            while left[0] > 0:
                left[0] -= 1
                started = time.perf_counter()
                await call(request, metadata=metadata)
                latencies.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(CLIENTS)))
        return {"latencies": latencies, "wall_s": time.perf_counter() - started}


def _client_process(address: str, calls: int) -> dict[str, Any]:
    return asyncio.run(_drive(address, calls))


async def _serve(kernel: bool) -> tuple[grpc.aio.Server, str]:
    if kernel:
        started = await start_server(
            service_names=[], register=lambda s: s.add_generic_rpc_handlers((_handlers(),)),
            security=SecuritySettings.from_env(),
        )
        return started.server, started.address
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((_handlers(),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    return server, f"127.0.0.1:{port}"


async def measure(calls: int, rounds: int) -> dict[str, Any]:
    results: dict[str, list[dict[str, float]]] = {"bare": [], "kernel": []}
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        for _ in range(rounds):
            for variant in results:
                server, address = await _serve(variant == "kernel")
                try:
                    cpu = time.process_time()
                    got = await asyncio.get_running_loop().run_in_executor(pool, _client_process, address, calls)
                    cpu = time.process_time() - cpu
                finally:
                    await server.stop(0)
                every = got["latencies"]
                results[variant].append({
                    "calls_per_s": len(every) / got["wall_s"],
                    "p50_ms": percentile(every, 50),
                    "p99_ms": percentile(every, 99),
                    "server_cpu_ms": cpu * 1000 / len(every),
                })
    figures: dict[str, Any] = {}
    for variant, measured in results.items():
        for key in measured[0]:
            values = sorted(m[key] for m in measured)
            figures[f"{variant}_{key}"] = round(values[len(values) // 2], 3)
    figures["load_avg"] = round(os.getloadavg()[0], 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=4000, help="calls per round and variant")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (medians reported)")
    args = parser.parse_args()
    os.environ.setdefault("ROTE_LOG_LEVEL", "WARNING")
    print(json.dumps(asyncio.run(measure(args.calls, args.rounds)), indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
