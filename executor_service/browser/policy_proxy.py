"""A loopback HTTP proxy every browser context of the executor goes through: ROTE_ALLOWED_HOSTS is enforced on
every request Chromium makes (navigations, redirect hops, frames, popups, scripts, fetches, websockets).

Playwright's request routing never sees redirect hops (it continues them itself), so the policy is enforced one
layer down, where the browser has to ask for every connection: plain-HTTP requests arrive with their absolute
URL, HTTPS ones as ``CONNECT host:port``. A refused plain-HTTP request gets a 403 whose ``x-rote-refused``
header says why (navigation code turns it into the block's error); a refused tunnel is answered 403, which
Chromium reports as a failed connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import ada_url

from services.errors import InvalidArgument

log = logging.getLogger(__name__)
REFUSED_HEADER = "x-rote-refused"
MAX_HEAD_BYTES = 64 * 1024
HOP_HEADERS = {"proxy-connection", "proxy-authorization", "connection", "keep-alive"}


class PolicyProxy:
    """Forwards what ``check(url)`` allows (it raises InvalidArgument otherwise); one per executor."""

    def __init__(self, check: Callable[[str], None]) -> None:
        self._check = check
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.refused: list[str] = []

    async def start(self) -> str:
        """Listen on a free loopback port; returns the proxy URL to give Chromium."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, limit=MAX_HEAD_BYTES)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await self._one(reader, writer)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass  # a client or upstream that went away mid-request: nothing to answer
        finally:
            if task is not None:
                self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, version = lines[0].split(" ", 2)
        headers = [line for line in lines[1:] if line]
        tunnel = method.upper() == "CONNECT"
        url = f"https://{target}/" if tunnel else target
        try:
            self._check(url)
            parsed = ada_url.URL(url)
        except (InvalidArgument, ValueError) as exc:
            reason = exc.message if isinstance(exc, InvalidArgument) else f"URL {url!r} is not valid"
            self.refused.append(url)
            log.warning("request refused by the URL policy", extra={"url": url[:300], "reason": reason[:300]})
            await _refuse(writer, reason)
            return
        port = int(parsed.port or (443 if parsed.protocol == "https:" else 80))
        host = parsed.hostname.strip("[]")
        upstream_reader, upstream_writer = await asyncio.open_connection(host, port, limit=MAX_HEAD_BYTES)
        try:
            if tunnel:
                writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
                await writer.drain()
            else:
                upgrade = any(h.lower().startswith("upgrade:") for h in headers)
                kept = [h for h in headers if h.split(":", 1)[0].strip().lower() not in HOP_HEADERS]
                # One request per connection (unless upgraded): every request of a kept-alive browser
                # connection then comes back through the check.
                kept.append("Connection: Upgrade" if upgrade else "Connection: close")
                path = (parsed.pathname or "/") + parsed.search
                request_head = f"{method} {path} {version}\r\n" + "".join(h + "\r\n" for h in kept) + "\r\n"
                upstream_writer.write(request_head.encode("latin-1"))
                await upstream_writer.drain()
            await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))
        finally:
            upstream_writer.close()


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    try:
        while chunk := await source.read(65536):
            sink.write(chunk)
            await sink.drain()
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError, RuntimeError):
            if sink.can_write_eof():
                sink.write_eof()


async def _refuse(writer: asyncio.StreamWriter, reason: str) -> None:
    body = f"refused by the executor's URL policy: {reason}\n".encode()
    header_reason = reason.replace("\r", " ").replace("\n", " ")[:500]
    writer.write(
        (
            "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"{REFUSED_HEADER}: {header_reason}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode("utf-8", "replace")
        + body
    )
    await writer.drain()
