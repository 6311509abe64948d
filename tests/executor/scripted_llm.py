"""A local OpenAI-compatible chat endpoint whose replies are scripted from the prompt (no model involved)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_LINE = re.compile(r"^\[(\d+)\] (\S+)(.*)$")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class PromptElement:
    index: int
    kind: str
    attrs: dict[str, str]

    @property
    def name(self) -> str:
        return self.attrs.get("label") or self.attrs.get("name") or self.attrs.get("text", "")


def elements_of(prompt: str) -> list[PromptElement]:
    found = []
    for line in prompt.splitlines():
        match = _LINE.match(line)
        if match:
            found.append(PromptElement(int(match[1]), match[2], dict(_ATTR.findall(match[3]))))
    return found


def _find(elements: list[PromptElement], name: str, kind: str = "") -> int:
    return next(e.index for e in elements if e.name == name and (not kind or e.kind.startswith(kind)))


def demo_site_script(system: str, prompt: str) -> dict[str, Any]:
    """What a good model would answer for the demo workflow's blocks (and for healing)."""
    elements = elements_of(prompt)
    if system.startswith("An element a recorded step used"):
        wanted = "Get my quote" if "Get quote" in prompt else ""
        return {"element": next((e.index for e in elements if e.name == wanted), None)}
    payload = json.loads(prompt.split("Payload: ", 1)[1].splitlines()[0]) if "Payload: " in prompt else {}
    if "Extract data" in prompt:
        table = next(e.index for e in elements if e.kind == "table")
        columns = {"plan": "Plan", "monthly_price": "Monthly price", "deductible": "Deductible"}
        return {"actions": [{"do": "extract", "fields": {
            "reference": _find(elements, "Quote reference"), "customer": _find(elements, "Customer"),
            "options": {"element": table, "columns": columns}}}]}
    if "username" in payload:
        return {"actions": [
            {"do": "fill", "element": _find(elements, "Username"), "payload_key": "username"},
            {"do": "fill", "element": _find(elements, "Password"), "payload_key": "password"},
            {"do": "click", "element": _find(elements, "Sign in", "button")},
        ]}
    labels = {"full_name": "Full name", "email": "Email", "start_date": "Start date", "notes": "Notes"}
    actions: list[dict[str, Any]] = [
        {"do": "fill", "element": _find(elements, label), "payload_key": key} for key, label in labels.items()
    ]
    actions.append({"do": "select", "element": _find(elements, "Plan"), "payload_key": "plan"})
    actions.append({"do": "check", "element": _find(elements, "Add roadside assistance"), "payload_key": "roadside"})
    actions.append({"do": "click", "element": _find(elements, "Get quote", "button")})
    return {"actions": actions}


@dataclass
class ScriptedEndpoint:
    """The running endpoint and what it received."""

    url: str
    bodies: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.bodies)


@contextmanager
def scripted_endpoint(script: Callable[[str, str], dict[str, Any]] = demo_site_script) -> Iterator[ScriptedEndpoint]:
    """Serve POST /v1/chat/completions on 127.0.0.1, answering with ``script(system, user)`` as JSON content."""
    endpoint = ScriptedEndpoint(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            return

        def do_POST(self) -> None:  # noqa: N802 - stdlib naming
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            with lock:
                endpoint.bodies.append(body)
                endpoint.authorizations.append(self.headers.get("Authorization", ""))
            messages = {m["role"]: m["content"] for m in body["messages"]}
            try:
                reply = script(messages.get("system", ""), messages.get("user", ""))
            except (StopIteration, ValueError, IndexError) as exc:
                reply = {"actions": [{"do": "fail", "reason": f"the script has no answer: {exc!r}"}]}
            answer = {
                "choices": [{"message": {"role": "assistant", "content": json.dumps(reply)}}],
                "usage": {"prompt_tokens": len(messages.get("user", "")) // 4, "completion_tokens": 20},
            }
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    endpoint.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield endpoint
    finally:
        server.shutdown()
        server.server_close()
