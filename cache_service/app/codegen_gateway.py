"""The cache service's call to the codegen service, with the organisation and run forwarded."""

from __future__ import annotations

import grpc

from services.call_context import outgoing_metadata
from services.channels import open_channel
from services.gen.rote.v1 import codegen_service_pb2, codegen_service_pb2_grpc
from services.settings import CallSettings


class CodegenFailed(Exception):
    """Codegen could not produce a version; ``reason`` is safe to show to callers."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CodegenGateway:
    """One long-lived channel to the codegen service."""

    def __init__(self, address: str, timeout_s: float, *, calls: CallSettings) -> None:
        self.address = address
        self._channel = open_channel(address, tls=calls.tls, max_message_bytes=calls.max_message_bytes)
        self._service_key = calls.service_api_key
        self._stub = codegen_service_pb2_grpc.CodegenServiceStub(self._channel)
        self._timeout_s = timeout_s

    async def generate(
        self, org: str, request: codegen_service_pb2.GenerateScriptRequest
    ) -> codegen_service_pb2.GenerateScriptResponse:
        """Generate one version; any failure becomes CodegenFailed so the caller can defer publishing."""
        try:
            return await self._stub.GenerateScript(
                request,
                metadata=outgoing_metadata(org, request.source_run_id, service_key=self._service_key),
                timeout=self._timeout_s,
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
                raise CodegenFailed("publish deferred: codegen unavailable") from exc
            raise CodegenFailed(f"publish deferred: codegen failed ({exc.code().name}): {exc.details()}") from exc

    async def close(self) -> None:
        await self._channel.close()
