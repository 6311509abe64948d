"""The corpus site in its own process, and the few JSON calls the harness makes to it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import pathlib
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

from services.cli.local_stack import free_port


class SiteError(RuntimeError):
    """The corpus site could not be started or answered something unreadable."""


def _request(url: str, data: Any = None, *, post: bool = False, timeout: float = 30.0) -> Any:
    body = json.dumps(data).encode() if post else None
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"} if post else {}, method="POST" if post else "GET"
    )
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return json.load(answer)


class CorpusClient:
    """The harness's only way into the site: task list, fresh instances, verdicts (blocking calls in a thread)."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    async def tasks(self) -> list[dict[str, Any]]:
        return list(await asyncio.to_thread(_request, f"{self.url}/api/tasks"))

    async def instance(self, task: str, seed: int, values: int | None = None) -> dict[str, Any]:
        """A fresh instance laid out as ``seed`` says, with the user's values of seed ``values`` (default ``seed``)."""
        query = f"seed={seed}" if values is None else f"seed={seed}&values={values}"
        return dict(await asyncio.to_thread(_request, f"{self.url}/api/tasks/{task}/instance?{query}"))

    async def verdict(self, token: str, *, output: Any = None, post: bool = False) -> dict[str, Any]:
        """The page's judgement; extraction tasks post the run's output first (``post``)."""
        url = f"{self.url}/api/verdict/{token}"
        answer = await asyncio.to_thread(_request, url, {"output": output}, post=post)
        return {"ok": bool(answer.get("ok")), "reason": str(answer.get("reason") or "")}


@contextlib.contextmanager
def corpus_site_process(log: pathlib.Path, port: int = 0, startup_s: float = 30.0) -> Iterator[str]:
    """``python -m examples.corpus`` on 127.0.0.1 in its own process (no GIL shared with the harness); yields its URL.

    Its output goes to ``log`` (a pipe nobody reads would fill up and stall the site)."""
    port = port or free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "examples.corpus", "--port", str(port)], stdout=sink, stderr=sink
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_s
        while True:
            if process.poll() is not None:
                error = log.read_text(errors="replace") if log.exists() else ""
                raise SiteError(f"the corpus site exited with code {process.returncode}: {error.strip()[-800:]}")
            try:
                _request(f"{url}/api/tasks", timeout=2)
                break
            except (OSError, urllib.error.URLError, ValueError):
                if time.monotonic() > deadline:
                    raise SiteError(f"the corpus site did not answer on {url} within {startup_s:.0f} s") from None
                time.sleep(0.1)
        yield url
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
