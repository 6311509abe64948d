"""The corpus site: a stdlib HTTP server serving every task's pages, recording what they send, judging it.

Routes (the harness's and the tests' only way in; pages never link to /api):
- ``GET  /api/tasks``: every task (name, pattern, title, lying, needs_output).
- ``GET  /api/tasks/<name>/instance?seed=N[&values=M]``: a fresh instance laid out as seed N says, with the
  user's values of seed M (default N): token, start_url, params (start_url included) and the user's workflow.
- ``GET  /r/<token>/<sub>``: the instance's pages; ``POST /r/<token>/submit[/<step>]``: what the page sends.
- ``GET  /api/verdict/<token>``: the page's judgement; ``POST`` it with ``{"output": ...}`` for extraction tasks.
- ``GET  /api/record/<token>``: everything the server received for the instance (for reports and debugging).
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, received_page
from examples.corpus.registry import all_tasks

_MAX_BODY = 1_000_000


@dataclass
class Instance:
    """One task at one seed, as one user run sees it."""

    task: Task
    token: str
    seed: int
    params: dict[str, str]
    record: Record = field(default_factory=Record)
    state: dict[str, Any] = field(default_factory=dict)
    visits: int = 0


class CorpusState:
    """All instances, shared by the handler threads under one lock."""

    def __init__(self, tasks: dict[str, Task]) -> None:
        self.tasks = tasks
        self.instances: dict[str, Instance] = {}
        self.lock = threading.Lock()

    def new_instance(self, task: Task, seed: int, origin: str, values: int | None = None) -> Instance:
        """A fresh instance laid out as ``seed`` says, with the user's values of seed ``values`` (default: ``seed``)."""
        token = secrets.token_hex(8)
        params = {**task.params_for(seed if values is None else values), "start_url": f"{origin}/r/{token}/"}
        instance = Instance(task=task, token=token, seed=seed, params=params)
        with self.lock:
            self.instances[token] = instance
        return instance

    def visit(self, instance: Instance, path: str, query: dict[str, str], *, count: bool) -> Visit:
        with self.lock:
            number = instance.visits
            if count:
                instance.visits += 1
        return Visit(
            task=instance.task,
            token=instance.token,
            seed=instance.seed,
            params=instance.params,
            path=path,
            query=query,
            base=f"/r/{instance.token}",
            visit_no=number,
            state=instance.state,
        )


def origin_of(address: object) -> str:
    """http://host:port of a bound server address."""
    host, port = address[:2]  # type: ignore[index]
    return f"http://{host.decode() if isinstance(host, bytes) else host}:{port}"


def _as_response(answer: Response | str) -> Response:
    return answer if isinstance(answer, Response) else Response(answer)


def judge(instance: Instance, state: CorpusState) -> Verdict:
    """The task's judgement; lying tasks can never be judged a success, whatever their judge says."""
    visit = state.visit(instance, "", {}, count=False)
    try:
        verdict = instance.task.judge(visit, instance.record)
    except Exception as exc:  # a judge bug must read as "not verified", never as success
        return Verdict.no(f"judge error: {type(exc).__name__}: {exc}")
    if instance.task.lying and verdict.ok:
        return Verdict.no(f"lying page: {verdict.reason}")
    if instance.task.needs_output and not instance.record.output_posted:
        return Verdict.no("no output was posted for this extraction task")
    return verdict


def _handler(state: CorpusState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "corpus/1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: the harness prints progress
            return None

        # --- plumbing ------------------------------------------------------------------------------

        def _origin(self) -> str:
            return origin_of(self.server.server_address)

        def _send(self, response: Response) -> None:
            body = response.body.encode()
            self.send_response(response.status)
            if response.location:
                self.send_header("Location", response.location)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _json(self, data: Any, status: int = 200) -> None:
            self._send(Response.json(data, status))

        def _not_found(self, what: str) -> None:
            self._json({"error": f"not found: {what}"}, HTTPStatus.NOT_FOUND)

        def _body_fields(self) -> tuple[dict[str, list[str]], Any]:
            length = min(int(self.headers.get("Content-Length") or 0), _MAX_BODY)
            raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if kind == "application/json":
                data = json.loads(raw or "null")
                if isinstance(data, dict):
                    fields = {
                        str(k): [str(x) for x in v] if isinstance(v, list) else ["" if v is None else str(v)]
                        for k, v in data.items()
                    }
                    return fields, data
                return {}, data
            return parse_qs(raw, keep_blank_values=True), None

        def _instance(self, token: str) -> Instance | None:
            with state.lock:
                return state.instances.get(token)

        # --- routes --------------------------------------------------------------------------------

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            segments = [s for s in parts.path.split("/") if s]
            if segments == ["api", "tasks"]:
                self._json(
                    [
                        {
                            "name": t.name,
                            "pattern": t.pattern,
                            "title": t.title,
                            "lying": t.lying,
                            "needs_output": t.needs_output,
                        }
                        for t in state.tasks.values()
                    ]
                )
            elif len(segments) == 4 and segments[:2] == ["api", "tasks"] and segments[3] == "instance":
                task = state.tasks.get(segments[2])
                if task is None:
                    return self._not_found(f"task {segments[2]}")
                try:
                    seed = int(query.get("seed", "0"))
                    values = int(query["values"]) if "values" in query else seed
                except ValueError:
                    return self._json({"error": "seed and values must be integers"}, HTTPStatus.BAD_REQUEST)
                fresh = state.new_instance(task, seed, self._origin(), values)
                self._json(
                    {
                        "task": task.name,
                        "pattern": task.pattern,
                        "token": fresh.token,
                        "seed": seed,
                        "values": values,
                        "start_url": fresh.params["start_url"],
                        "params": fresh.params,
                        "workflow": task.workflow,
                        "lying": task.lying,
                        "needs_output": task.needs_output,
                    }
                )
            elif len(segments) == 3 and segments[:2] == ["api", "verdict"]:
                instance = self._instance(segments[2])
                if instance is None:
                    return self._not_found(f"instance {segments[2]}")
                self._json(asdict(judge(instance, state)))
            elif len(segments) == 3 and segments[:2] == ["api", "record"]:
                instance = self._instance(segments[2])
                if instance is None:
                    return self._not_found(f"instance {segments[2]}")
                self._json(
                    {
                        "submissions": [asdict(s) for s in instance.record.submissions],
                        "output": instance.record.output,
                        "visits": instance.visits,
                    }
                )
            elif len(segments) >= 2 and segments[0] == "r":
                instance = self._instance(segments[1])
                if instance is None:
                    return self._not_found("page")
                visit = state.visit(instance, "/".join(segments[2:]), query, count=True)
                self._send(_as_response(instance.task.render(visit)))
            elif parts.path in ("", "/"):
                self._send(Response("<!doctype html><title>corpus</title><p>Nothing here.</p>"))
            else:
                self._not_found(parts.path)

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            segments = [s for s in parts.path.split("/") if s]
            try:
                fields, data = self._body_fields()
            except (ValueError, UnicodeDecodeError):
                return self._json({"error": "unreadable body"}, HTTPStatus.BAD_REQUEST)
            if len(segments) == 3 and segments[:2] == ["api", "verdict"]:
                instance = self._instance(segments[2])
                if instance is None:
                    return self._not_found(f"instance {segments[2]}")
                with state.lock:
                    instance.record.output = data.get("output") if isinstance(data, dict) else None
                    instance.record.output_posted = True
                return self._json(asdict(judge(instance, state)))
            if len(segments) >= 3 and segments[0] == "r" and segments[2] == "submit":
                instance = self._instance(segments[1])
                if instance is None:
                    return self._not_found("page")
                step = "/".join(segments[3:]) or "submit"
                submission = Submission(step=step, fields=fields)
                with state.lock:
                    instance.record.submissions.append(submission)
                visit = state.visit(instance, "/".join(segments[2:]), {}, count=False)
                answer = instance.task.respond(visit, submission) if instance.task.respond else received_page()
                return self._send(_as_response(answer))
            self._not_found(parts.path)

    return Handler


class CorpusSite:
    """A running corpus site; ``url`` is its origin. Use as a context manager or call ``stop``."""

    def __init__(self, server: ThreadingHTTPServer, state: CorpusState, thread: threading.Thread | None) -> None:
        self._server = server
        self.state = state
        self._thread = thread
        self.url = origin_of(server.server_address)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> CorpusSite:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def make_server(host: str = "127.0.0.1", port: int = 0) -> tuple[ThreadingHTTPServer, CorpusState]:
    state = CorpusState(all_tasks())
    server = ThreadingHTTPServer((host, port), _handler(state))
    server.daemon_threads = True
    return server, state


def start_corpus_site(host: str = "127.0.0.1", port: int = 0) -> CorpusSite:
    """Serve the corpus in a background thread (tests, the harness)."""
    server, state = make_server(host, port)
    thread = threading.Thread(target=server.serve_forever, name="corpus-site", daemon=True)
    thread.start()
    return CorpusSite(server, state, thread)
