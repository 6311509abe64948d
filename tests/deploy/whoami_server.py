"""A one-method gRPC server process that answers with its process id: shows which replica served a call.

Run as ``python -m tests.deploy.whoami_server``; it prints its port on stdout once serving.
"""

from __future__ import annotations

import asyncio
import os

import grpc

METHOD = "/rote.test.v1.WhoamiService/Whoami"


async def _whoami(_request: bytes, _context: grpc.aio.ServicerContext) -> bytes:
    return str(os.getpid()).encode()


async def main() -> None:
    handler = grpc.method_handlers_generic_handler(
        "rote.test.v1.WhoamiService",
        {"Whoami": grpc.unary_unary_rpc_method_handler(_whoami)},
    )
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    print(port, flush=True)
    await server.wait_for_termination()


if __name__ == "__main__":
    asyncio.run(main())
