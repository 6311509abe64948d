"""The one helper every interceptor uses: run an async context manager around a method handler, whichever of the
four kinds it is, so no interceptor copies a unary and a streaming body."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import grpc

# (method, request — or the request iterator of a client-streaming call —, context) -> what runs around the call.
Around = Callable[[str, Any, grpc.aio.ServicerContext], AbstractAsyncContextManager[object]]
Deserializer = Callable[[bytes], Any] | None

_KINDS = (
    ("unary_unary", grpc.unary_unary_rpc_method_handler, False),
    ("unary_stream", grpc.unary_stream_rpc_method_handler, True),
    ("stream_unary", grpc.stream_unary_rpc_method_handler, False),
    ("stream_stream", grpc.stream_stream_rpc_method_handler, True),
)


Single = Callable[[Any, grpc.aio.ServicerContext], Awaitable[Any]]
Streaming = Callable[[Any, grpc.aio.ServicerContext], AsyncIterator[Any]]


def wrap_handler(
    handler: grpc.RpcMethodHandler, method: str, around: Around, *, request_deserializer: Deserializer = None
) -> grpc.RpcMethodHandler:
    """``handler`` with ``around(method, request, context)`` entered before it runs and left after its last
    response; ``request_deserializer`` replaces the handler's own when given."""
    return wrap_bodies(
        handler,
        lambda inner: _single(inner, method, around),
        lambda inner: _streaming(inner, method, around),
        request_deserializer=request_deserializer,
    )


def wrap_bodies(
    handler: grpc.RpcMethodHandler,
    single: Callable[[Single], Single],
    streaming: Callable[[Streaming], Streaming],
    *,
    request_deserializer: Deserializer = None,
) -> grpc.RpcMethodHandler:
    """``handler`` with its behaviour wrapped by ``single`` (one response) or ``streaming`` (a response stream)."""
    for kind, build, streams_responses in _KINDS:
        inner = getattr(handler, kind)
        if inner is None:
            continue
        body = streaming(inner) if streams_responses else single(inner)
        return build(  # type: ignore[no-any-return]
            body,
            request_deserializer=request_deserializer or handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    return handler


def _single(inner: Single, method: str, around: Around) -> Single:
    async def call(request: Any, context: grpc.aio.ServicerContext) -> Any:
        async with around(method, request, context):
            return await inner(request, context)

    return call


def _streaming(inner: Streaming, method: str, around: Around) -> Streaming:
    async def call(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
        async with around(method, request, context):
            async for response in inner(request, context):
                yield response

    return call


class AroundInterceptor(grpc.aio.ServerInterceptor):
    """Base of the kernel's interceptors: subclasses say what runs around each call in ``around``."""

    def __init__(self) -> None:
        # Per method: the handler last wrapped and its wrapping. A method's inner handler is the same object call
        # after call (the registered one, or the next interceptor's kept wrapping), so it is wrapped once, not on
        # every call. Keys are registered methods only (an unknown method has no handler to wrap).
        self._wrapped: dict[str, tuple[grpc.RpcMethodHandler, grpc.RpcMethodHandler]] = {}

    def around(
        self, method: str, request: Any, context: grpc.aio.ServicerContext
    ) -> AbstractAsyncContextManager[object]:
        raise NotImplementedError

    def request_deserializer(self, handler: grpc.RpcMethodHandler) -> Deserializer:
        """The deserializer the wrapped handler uses; the handler's own unless a subclass guards it."""
        return handler.request_deserializer  # type: ignore[no-any-return]

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        method = handler_call_details.method
        known = self._wrapped.get(method)
        if known is not None and known[0] is handler:
            return known[1]
        wrapped = self.wrap(handler, method)
        self._wrapped[method] = (handler, wrapped)
        return wrapped

    def wrap(self, handler: grpc.RpcMethodHandler, method: str) -> grpc.RpcMethodHandler:
        """``handler`` with ``around`` run around each call (once per method: the wrapping is kept)."""
        return wrap_handler(handler, method, self.around, request_deserializer=self.request_deserializer(handler))
