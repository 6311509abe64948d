"""Authentication: with API keys configured, every call but health and reflection presents a valid key; the
principal is bound for the call (servicers read it through services.security.auth)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import grpc

from services.interceptors.wrapping import AroundInterceptor
from services.logs import org_var
from services.security.auth import ApiKeyTable, Authenticator, Principal, bind_principal, reset_principal


class AuthInterceptor(AroundInterceptor):
    """Raises Unauthenticated (mapped by the error interceptor) for a missing or unknown key."""

    def __init__(self, api_keys: ApiKeyTable) -> None:
        super().__init__()
        self.authenticator = Authenticator(api_keys)

    def admit(self, method: str, context: grpc.aio.ServicerContext) -> Principal | None:
        """The caller of ``method`` (None when authentication is off or the method is exempt), or raise."""
        if not self.authenticator.enabled or Authenticator.exempt(method):
            return None
        metadata = context.invocation_metadata() or ()
        principal = self.authenticator.authenticate((item.key, item.value) for item in metadata)
        org_var.set(principal.org)
        return principal

    @asynccontextmanager
    async def around(self, method: str, request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[None]:
        token = bind_principal(self.admit(method, context))
        try:
            yield
        finally:
            reset_principal(token)
