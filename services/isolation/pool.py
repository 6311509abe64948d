"""The service side of worker processes: a small pool for templates and a fresh process per code snippet.

The event loop only waits on pipes, so health checks and other calls keep answering while a hostile template or
snippet runs; a worker that overruns its time is killed (a thread could not be stopped).
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import logging
import os
import pathlib
import sys
import weakref
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from services.errors import Unavailable
from services.isolation.protocol import MAX_FRAME_BYTES, encode
from services.isolation.templating import TemplateProblem
from services.settings import env_float, env_int

log = logging.getLogger(__name__)
_ROOT = str(pathlib.Path(__file__).resolve().parents[2])
_OFF_LOOP_BYTES = 256 * 1024  # JSON bigger than this is encoded and parsed in a thread, not on the loop
STARTUP_TIMEOUT_S = 60.0


@dataclasses.dataclass(frozen=True)
class IsolationSettings:
    """How long a template may render, how much memory a worker may hold, how many template workers run."""

    template_timeout_s: float
    worker_memory_mb: int
    template_workers: int

    @classmethod
    def from_env(cls) -> IsolationSettings:
        return cls(
            template_timeout_s=env_float("ROTE_TEMPLATE_TIMEOUT_SECONDS", 2.0),
            worker_memory_mb=int(env_float("ROTE_WORKER_MEMORY_MB", 512)),
            template_workers=max(1, env_int("ROTE_TEMPLATE_WORKERS", 2)),
        )


@functools.cache
def isolation_settings() -> IsolationSettings:
    """This process's isolation limits, read once (worker pools and snippets live as long as the process)."""
    return IsolationSettings.from_env()


def template_timeout_s() -> float:
    return isolation_settings().template_timeout_s


def worker_memory_mb() -> int:
    return isolation_settings().worker_memory_mb


class WorkerGone(Exception):
    """The worker process exited (killed, or over its memory limit) before it answered."""


class Worker:
    """One worker process and its pipes."""

    def __init__(self, process: asyncio.subprocess.Process, memory_mb: int) -> None:
        self.process = process
        self.memory_mb = memory_mb

    @classmethod
    async def start(cls, memory_mb: int) -> Worker:
        # A minimal environment: the service's own (API keys, database URLs) never reaches user code.
        env = {
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")])),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "services.isolation.worker", str(memory_mb),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
            env=env, cwd=_ROOT,
        )
        worker = cls(process, memory_mb)
        try:
            # Starting Python takes long on a busy machine: that is not the job's time.
            await asyncio.wait_for(worker.receive(), STARTUP_TIMEOUT_S)
        except (TimeoutError, WorkerGone):
            await worker.close()
            raise WorkerGone("the worker process did not start") from None
        return worker

    async def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        data = await _off_loop(encode, message, big=_looks_big(message))
        try:
            self.process.stdin.write(data)
            await self.process.stdin.drain()
        except (ConnectionError, BrokenPipeError) as exc:
            raise WorkerGone(str(exc)) from None

    async def receive_raw(self) -> bytes:
        assert self.process.stdout is not None
        try:
            header = await self.process.stdout.readuntil(b"\n")
            size = int(header)
            if size > MAX_FRAME_BYTES:
                raise WorkerGone(f"the worker sent a frame of {size} bytes")
            return await self.process.stdout.readexactly(size)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, ConnectionError) as exc:
            raise WorkerGone(type(exc).__name__) from None

    async def receive(self) -> dict[str, Any]:
        body = await self.receive_raw()
        message = await _off_loop(json.loads, body, big=len(body) > _OFF_LOOP_BYTES)
        assert isinstance(message, dict)
        return message

    def kill(self) -> None:
        if self.process.returncode is None:
            try:
                self.process.kill()
            except ProcessLookupError:
                pass

    async def close(self) -> None:
        self.kill()
        try:
            await asyncio.wait_for(self.process.wait(), 5)
        except (TimeoutError, ProcessLookupError):
            pass


def _looks_big(message: Mapping[str, Any]) -> bool:
    values = message.get("values") or message.get("ctx") or message.get("ok")
    return isinstance(values, dict | list | str) and len(values) > 1000


async def _off_loop(function: Callable[[Any], Any], argument: Any, *, big: bool) -> Any:
    return await asyncio.to_thread(function, argument) if big else function(argument)


class TemplatePool:
    """Up to ``size`` long-lived template workers; a job that overruns kills its worker (a fresh one replaces it)."""

    def __init__(self, size: int = 2, memory_mb: int = 512) -> None:
        self.size = size
        self.memory_mb = memory_mb
        self._slots = asyncio.Semaphore(size)
        self._idle: list[Worker] = []
        self._all: set[Worker] = set()

    async def run(self, job: dict[str, Any], timeout_s: float) -> Any:
        """The job's answer; a failure, a limit or the timeout is a TemplateProblem with the reason."""
        async with self._slots:
            worker = self._idle.pop() if self._idle else await self._spawn()
            healthy = False
            try:
                await worker.send({**job, "timeout": timeout_s})
                # The worker stops itself at timeout_s; the margin is for work a signal cannot interrupt.
                reply = await asyncio.wait_for(worker.receive(), timeout_s + 1.0)
                healthy = True
            except TimeoutError:
                raise TemplateProblem(f"the template took longer than {timeout_s:g}s") from None
            except WorkerGone:
                raise TemplateProblem("the template needed more memory than allowed") from None
            finally:
                if healthy:
                    self._idle.append(worker)
                else:
                    self._all.discard(worker)
                    await worker.close()
        if "error" in reply:
            raise TemplateProblem(str(reply["error"]))
        return reply.get("ok")

    async def warm(self) -> None:
        """Start the workers now (at service start), so the first template does not wait for Python to start."""
        try:
            started = await asyncio.gather(*(Worker.start(self.memory_mb) for _ in range(self.size - len(self._all))))
        except (WorkerGone, OSError) as exc:
            log.warning("template workers not started ahead", extra={"reason": str(exc)})
            return
        self._all.update(started)
        self._idle.extend(started)

    async def _spawn(self) -> Worker:
        try:
            worker = await Worker.start(self.memory_mb)
        except (WorkerGone, OSError) as exc:
            raise Unavailable(f"no template worker could be started: {exc}") from None
        self._all.add(worker)
        return worker

    async def close(self) -> None:
        workers, self._all, self._idle = list(self._all), set(), []
        await asyncio.gather(*(worker.close() for worker in workers))


_POOLS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, TemplatePool] = weakref.WeakKeyDictionary()


def template_pool() -> TemplatePool:
    """The pool of the running event loop (worker pipes belong to the loop that made them)."""
    loop = asyncio.get_running_loop()
    pool = _POOLS.get(loop)
    if pool is None:
        limits = isolation_settings()
        pool = _POOLS[loop] = TemplatePool(limits.template_workers, limits.worker_memory_mb)
    return pool


async def warm_workers(*, snippets: bool = False) -> None:
    """Start this loop's template workers (and a spare snippet worker) ahead of need."""
    await template_pool().warm()
    if snippets:
        _spare()._next = asyncio.ensure_future(Worker.start(worker_memory_mb()))


async def close_template_pool() -> None:
    """Stop this loop's template workers and its spare snippet worker (on service shutdown)."""
    pool = _POOLS.pop(asyncio.get_running_loop(), None)
    if pool is not None:
        await pool.close()
    spare = _SPARES.pop(asyncio.get_running_loop(), None)
    if spare is not None:
        await spare.close()


class _Spare:
    """One snippet worker started ahead of need, so a code block does not wait for Python to start; each worker
    runs one snippet only (no state survives from one code block to the next)."""

    def __init__(self) -> None:
        self._next: asyncio.Task[Worker] | None = None

    async def take(self, memory_mb: int) -> Worker:
        ready, self._next = self._next, None
        worker: Worker | None = None
        if ready is not None:
            try:
                worker = await ready
            except (WorkerGone, OSError):
                worker = None
            if worker is not None and (worker.memory_mb != memory_mb or worker.process.returncode is not None):
                await worker.close()
                worker = None
        self._next = asyncio.ensure_future(Worker.start(memory_mb))
        return worker or await Worker.start(memory_mb)

    async def close(self) -> None:
        ready, self._next = self._next, None
        if ready is not None:
            ready.cancel()
            results = await asyncio.gather(ready, return_exceptions=True)
            if isinstance(results[0], Worker):
                await results[0].close()


_SPARES: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Spare] = weakref.WeakKeyDictionary()


def _spare() -> _Spare:
    loop = asyncio.get_running_loop()
    spare = _SPARES.get(loop)
    if spare is None:
        spare = _SPARES[loop] = _Spare()
    return spare


PageCall = Callable[[str, list[Any], dict[str, Any]], Awaitable[Any]]


class OversizedOutput:
    """A snippet result larger than the caller keeps inline: its JSON text, never parsed by the service."""

    def __init__(self, data: bytes) -> None:
        self.data = data


class SnippetFailed(Exception):
    """A code snippet failed, overran its time or memory, or gave back something that is not JSON data."""


async def run_snippet(
    *, code: str, label: str, builtins: list[str], ctx: dict[str, Any], on_page_call: PageCall,
    timeout_s: float, memory_mb: int, max_inline_bytes: int = 1024 * 1024,
) -> Any:
    """Run one snippet in a fresh worker process; its ``page`` calls are carried out by ``on_page_call``.
    Returns the snippet's ``result`` (JSON data), or an OversizedOutput when its JSON text is over
    ``max_inline_bytes``. The worker is killed on timeout and on cancellation."""
    try:
        worker = await _spare().take(memory_mb)
    except (WorkerGone, OSError) as exc:
        raise SnippetFailed(f"code block {label!r} could not start: {exc}") from None
    try:
        async with asyncio.timeout(timeout_s):
            await worker.send({"op": "snippet", "code": code, "label": label, "builtins": builtins, "ctx": ctx})
            while True:
                message = await worker.receive()
                if "page" not in message:
                    break
                try:
                    value = await on_page_call(str(message["page"]), list(message.get("args", [])),
                                               dict(message.get("kwargs", {})))
                    reply: dict[str, Any] = {"ok": value}
                    encode(reply)  # a value the worker cannot receive is an error for the snippet, not for us
                except (TypeError, ValueError) as exc:
                    reply = {"error": f"page.{message['page']}() gave a value that is not JSON data: {exc}"}
                except SnippetFailed as exc:
                    reply = {"error": str(exc)}
                await worker.send(reply)
            raw = await worker.receive_raw() if "result_bytes" in message else b"null"
    except TimeoutError:
        raise SnippetFailed(f"code block {label!r} did not finish within {timeout_s:g}s") from None
    except WorkerGone:
        raise SnippetFailed(
            f"code block {label!r} stopped: it exceeded the worker's memory limit of {memory_mb} MB"
        ) from None
    finally:
        await worker.close()
    if "error" in message:
        raise SnippetFailed(str(message["error"]))
    if len(raw) > max_inline_bytes:
        return OversizedOutput(raw)
    return await _off_loop(json.loads, raw, big=len(raw) > _OFF_LOOP_BYTES)
