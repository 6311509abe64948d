"""The kernel's four interceptor jobs run by one interceptor, in one coroutine per call."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import grpc

from services.interceptors.auth import AuthInterceptor
from services.interceptors.errors import map_error
from services.interceptors.observability import ObservabilityInterceptor, bind_metadata
from services.interceptors.validation import ValidationInterceptor
from services.interceptors.wrapping import AroundInterceptor, Single, Streaming, wrap_bodies
from services.security.auth import ApiKeyTable, bind_principal, reset_principal


class KernelInterceptor(AroundInterceptor):
    """Observability, error mapping, authentication and validation, outermost first: what the four interceptors
    do in a chain, with their steps written out in one coroutine. Four interceptors cost a lookup hop each and an
    async context manager each per call (asyncio tracks every async generator it starts): about half of the
    interceptors' CPU per call. Each job's own interceptor stays usable alone, built from the same steps."""

    def __init__(self, api_keys: ApiKeyTable) -> None:
        super().__init__()
        self.observability = ObservabilityInterceptor()
        self.auth = AuthInterceptor(api_keys)
        self.validation = ValidationInterceptor()

    def wrap(self, handler: grpc.RpcMethodHandler, method: str) -> grpc.RpcMethodHandler:
        """The steps written out below, not ``around``: an async context manager per call is what this saves."""
        return wrap_bodies(
            handler,
            lambda inner: self._single(inner, method),
            lambda inner: self._streaming(inner, method),
            request_deserializer=self.validation.request_deserializer(handler),
        )

    def _single(self, inner: Single, method: str) -> Single:
        observability, auth, validation = self.observability, self.auth, self.validation

        async def call(request: Any, context: grpc.aio.ServicerContext) -> Any:
            bind_metadata(context)
            started = time.perf_counter()
            try:
                try:
                    token = bind_principal(auth.admit(method, context))
                    try:
                        await validation.check(method, request)
                        return await inner(request, context)
                    finally:
                        reset_principal(token)
                except grpc.aio.AbortError:
                    raise
                except Exception as exc:  # noqa: BLE001 - anything unplanned is INTERNAL
                    await map_error(exc, method, context)
            finally:
                observability.ended(method, context, started)

        return call

    def _streaming(self, inner: Streaming, method: str) -> Streaming:
        observability, auth, validation = self.observability, self.auth, self.validation

        async def call(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
            bind_metadata(context)
            started = time.perf_counter()
            try:
                try:
                    token = bind_principal(auth.admit(method, context))
                    try:
                        await validation.check(method, request)
                        async for response in inner(request, context):
                            yield response
                    finally:
                        reset_principal(token)
                except grpc.aio.AbortError:
                    raise
                except Exception as exc:  # noqa: BLE001 - anything unplanned is INTERNAL
                    await map_error(exc, method, context)
            finally:
                observability.ended(method, context, started)

        return call
