"""The CodegenService gRPC servicer: reads the caller's organisation and hands the request to ScriptGenerator."""

from __future__ import annotations

import grpc

from codegen_service.service import ScriptGenerator
from services.call_context import org_of
from services.gen.rote.v1 import codegen_service_pb2, codegen_service_pb2_grpc
from services.metrics import CODEGEN_LATENCY


class CodegenServicer(codegen_service_pb2_grpc.CodegenServiceServicer):
    """Thin: domain errors raised below are mapped to statuses by the shared interceptor."""

    def __init__(self, generator: ScriptGenerator) -> None:
        self._generator = generator

    async def GenerateScript(  # noqa: N802 - name fixed by the generated base class
        self, request: codegen_service_pb2.GenerateScriptRequest, context: grpc.aio.ServicerContext
    ) -> codegen_service_pb2.GenerateScriptResponse:
        with CODEGEN_LATENCY.time():
            return await self._generator.generate(org_of(context), request)
