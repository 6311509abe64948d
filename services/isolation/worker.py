"""Entry point of a worker process (``python -m services.isolation.worker MEMORY_MB``): renders templates and runs
code snippets sent by a service, one at a time, under an address-space limit. Only Jinja and the standard library
are imported so a worker starts fast; the service kills a worker that overruns its time."""

from __future__ import annotations

import ast
import asyncio
import builtins
import json
import resource
import signal
import sys
from collections.abc import Mapping
from types import FrameType, MappingProxyType
from typing import Any, BinaryIO

from services.isolation import templating
from services.isolation.protocol import encode, read_frame

MAX_RESULT_BYTES = 64 * 1024 * 1024  # the largest output a snippet may hand back (bigger ones are refused here)


class _Channel:
    """The worker's side of the pipe pair; replies and page calls go out, jobs and page results come in."""

    def __init__(self, incoming: BinaryIO, outgoing: BinaryIO) -> None:
        self.incoming, self.outgoing = incoming, outgoing

    def send(self, message: dict[str, Any]) -> None:
        self.outgoing.write(encode(message))
        self.outgoing.flush()

    def send_raw(self, data: bytes) -> None:
        self.outgoing.write(b"%d\n" % len(data))
        self.outgoing.write(data)
        self.outgoing.flush()

    def receive(self) -> dict[str, Any] | None:
        return read_frame(self.incoming)


class PageCallFailed(Exception):
    """A page method called by a snippet failed in the service; the snippet ends with this message."""


class _PageProxy:
    """``page`` inside a snippet: each method call is carried out by the service on the run's real page."""

    __slots__ = ("_channel",)

    def __init__(self, channel: _Channel) -> None:
        object.__setattr__(self, "_channel", channel)

    def __getattr__(self, name: str) -> Any:
        channel = self._channel

        async def call(*args: Any, **kwargs: Any) -> Any:
            try:
                channel.send({"page": name, "args": list(args), "kwargs": kwargs})
            except (TypeError, ValueError) as exc:
                raise PageCallFailed(f"page.{name}() takes JSON values only: {exc}") from None
            reply = channel.receive()
            if reply is None:
                raise SystemExit(0)
            if "error" in reply:
                raise PageCallFailed(str(reply["error"]))
            return reply.get("ok")

        return call

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("page is read-only in a code block")


class _Frame:
    """One for_loop iteration as a snippet sees it: read-only."""

    __slots__ = ("label", "index", "item", "outputs")
    label: str
    index: int
    item: Any
    outputs: Any

    def __init__(self, raw: Mapping[str, Any]) -> None:
        for name in self.__slots__:
            object.__setattr__(self, name, raw.get(name))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("ctx.frames are read-only in a code block")


class _SnippetContext:
    """``ctx`` inside a snippet: a read-only copy of the run's context (parameters without secret values;
    ``ctx.param`` still reads a secret by name). A snippet gives data back by assigning ``result``."""

    __slots__ = ("run_id", "current_block", "parameters", "outputs", "frames", "_secrets")
    run_id: str
    current_block: str
    parameters: Mapping[str, Any]
    outputs: Mapping[str, Any]
    frames: tuple[_Frame, ...]
    _secrets: Mapping[str, Any]

    def __init__(self, raw: Mapping[str, Any]) -> None:
        values = {
            "run_id": str(raw.get("run_id", "")),
            "current_block": str(raw.get("current_block", "")),
            "parameters": MappingProxyType(dict(raw.get("parameters", {}))),
            "outputs": MappingProxyType(dict(raw.get("outputs", {}))),
            "frames": tuple(_Frame(f) for f in raw.get("frames", [])),
            "_secrets": MappingProxyType(dict(raw.get("secrets", {}))),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"ctx is read-only in a code block (cannot set ctx.{name}); assign result instead")

    def param(self, name: str) -> str:
        if name in self.parameters:
            return str(self.parameters[name])
        if name in self._secrets:
            return str(self._secrets[name])
        raise KeyError(f"this run has no parameter {name!r}")

    @property
    def index(self) -> int:
        return int(self.frames[-1].index) if self.frames else 0

    def item(self, key: str = "") -> Any:
        if not self.frames:
            raise KeyError("a loop item is read outside a for_loop")
        value = self.frames[-1].item
        for part in filter(None, key.split(".")):
            if not isinstance(value, dict) or part not in value:
                raise KeyError(f"the current loop item has no field {key!r}")
            value = value[part]
        return value


def _snippet(job: Mapping[str, Any], channel: _Channel) -> dict[str, Any]:
    label = str(job.get("label", ""))
    where = f"<code block {label}>"
    try:
        code = compile(job["code"], where, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        scope: dict[str, Any] = {
            "__builtins__": {name: getattr(builtins, name) for name in job.get("builtins", [])},
            "page": _PageProxy(channel),
            "ctx": _SnippetContext(job.get("ctx", {})),
        }
        outcome = eval(code, scope)  # noqa: S307 - the service checked the snippet against the AST allowlist
        if outcome is not None and hasattr(outcome, "__await__"):
            asyncio.run(_awaited(outcome))
    except PageCallFailed as exc:
        return {"error": str(exc)}
    except MemoryError:
        return {"error": f"code block {label!r} ran out of memory (the worker's limit was reached)"}
    except Exception as exc:  # noqa: BLE001 - a user's snippet may raise anything; the block fails with it
        detail = _first_line(exc)
        return {"error": f"code block {label!r} raised {type(exc).__name__}" + (f": {detail}" if detail else "")}
    result = scope.get("result")
    try:
        text = json.dumps(result, allow_nan=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        kind = type(result).__name__
        return {"error": f"code block {label!r} set result to a {kind}, which is not JSON data ({exc})"}
    if len(text) > MAX_RESULT_BYTES:
        return {"error": f"code block {label!r} returned {len(text)} bytes; at most {MAX_RESULT_BYTES}"}
    # The JSON text follows as a raw frame: the service stores a big one without parsing it.
    return {"result_bytes": len(text), "raw": text.encode()}


async def _awaited(outcome: Any) -> None:
    await outcome


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""


class _TooSlow(BaseException):
    """Raised by the alarm; a BaseException so that no user-facing handler turns it into a template error."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _TooSlow


def _template(job: Mapping[str, Any]) -> dict[str, Any]:
    timeout = float(job.get("timeout", 0) or 0)
    if timeout > 0:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        op, values = job["op"], job.get("values", {})
        if op == "render":
            return {"ok": templating.render(job["text"], values)}
        value = templating.evaluate(job["text"], values)
        if op == "condition":
            return {"ok": templating.truth(value)}
        return {"ok": templating.jsonable(value)}
    except _TooSlow:
        return {"error": f"the template took longer than {timeout:g}s"}
    except templating.TemplateProblem as exc:
        return {"error": str(exc)}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve(args: list[str]) -> None:
    _limit_memory(int(args[0]) if args else 0)
    signal.signal(signal.SIGALRM, _alarm)
    channel = _Channel(sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout = sys.stderr  # nothing but frames may reach the channel
    channel.send({"ready": True})  # the service starts a job's clock only once the worker is up
    while True:
        job = channel.receive()
        if job is None:
            return
        try:
            reply = _snippet(job, channel) if job.get("op") == "snippet" else _template(job)
        except MemoryError:
            reply = {"error": "out of memory: the worker's memory limit was reached"}
        except _TooSlow:
            reply = {"error": "took too long"}
        raw = reply.pop("raw", None)
        channel.send(reply)
        if raw is not None:
            channel.send_raw(raw)


if __name__ == "__main__":
    serve(sys.argv[1:])
