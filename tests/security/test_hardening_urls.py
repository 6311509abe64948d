"""Issue 16 defect 4: ROTE_ALLOWED_HOSTS holds for every request the browser makes, over gRPC against
`rote up`-style processes: URLs are parsed as Chromium parses them (a backslash before `@` is a path), and a
redirect, `location=` in page script, a frame or a popup from an allowed host never reaches another one."""

from __future__ import annotations

import asyncio
import http.server
import threading
from collections.abc import AsyncIterator, Iterator

import pytest

from services.cli.local_stack import LocalStack, free_port
from services.client import ExecutorClient
from services.errors import InvalidArgument
from services.gen.rote.v1 import run_pb2
from services.security.urls import check_url_allowed
from services.workflows import workflow_from_mapping

pytestmark = pytest.mark.browser


class _Site:
    """A loopback HTTP server that records every path asked of it; ``pages`` maps a path to (status, headers, body)."""

    def __init__(self, pages: dict[str, tuple[int, dict[str, str], str]]) -> None:
        self.hits: list[str] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.hits.append(self.path)
                status, headers, body = pages.get(self.path, (200, {}, "<html><body>page</body></html>"))
                self.send_response(status)
                for name, value in {"Content-Type": "text/html", **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body.encode())

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[_Site, _Site]]:
    other = _Site({})
    elsewhere = f"http://127.0.0.1:{other.port}"
    allowed = _Site(
        {
            "/redirect": (302, {"Location": f"{elsewhere}/redirected"}, ""),
            "/script": (200, {}, f"<script>location = '{elsewhere}/script';</script>"),
            "/frame": (200, {}, f"<iframe src='{elsewhere}/frame'></iframe>"),
            "/popup": (200, {}, f"<script>window.open('{elsewhere}/popup');</script>"),
            "/image": (200, {}, f"<img src='{elsewhere}/image.png'>"),
        }
    )
    yield allowed, other
    allowed.stop()
    other.stop()


@pytest.fixture(scope="module")
async def up(
    tmp_path_factory: pytest.TempPathFactory, sites: tuple[_Site, _Site]
) -> AsyncIterator[LocalStack]:
    allowed, _ = sites
    stack = LocalStack(
        tmp_path_factory.mktemp("rote-urls"),
        {"executor": free_port(), "cache": free_port(), "codegen": free_port()},
        extra_env={"ROTE_ALLOWED_HOSTS": f"127.0.0.1:{allowed.port}", "ROTE_NAVIGATION_TIMEOUT_MS": "5000"},
    )
    await stack.start()
    yield stack
    await asyncio.to_thread(stack.stop)


async def _goto(stack: LocalStack, workflow_id: str, url: str) -> run_pb2.RunSummary:
    workflow = workflow_from_mapping(
        {
            "workflow_id": workflow_id,
            "blocks": [
                {"label": "open", "type": "goto_url", "url": url},
                {"label": "linger", "type": "wait", "wait_seconds": 1.0},
            ],
        }
    )
    async with ExecutorClient(stack.address("executor")) as client:
        return (await client.run(workflow, run_with="agent")).summary


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:53080\\@127.0.0.1:53081/",
        "http://127.0.0.1:53080\\\\@127.0.0.1:53081/",
        "http://127.0.0.1:53080%5C@127.0.0.1:53080/",
        "http://127.0.0.1:53080/\\@127.0.0.1:53081/",
        "http://0x7f.1:53080/",
    ],
)
def test_the_host_is_the_one_chromium_would_open(url: str) -> None:
    with pytest.raises(InvalidArgument, match="ROTE_ALLOWED_HOSTS"):
        check_url_allowed(url, ("127.0.0.1:53081",))


def test_ip_and_name_forms_chromium_normalises_are_matched_as_it_does() -> None:
    check_url_allowed("http://127.1:53081/x", ("127.0.0.1:53081",))
    check_url_allowed("http://SHOP.example.com./", ("shop.example.com",))
    check_url_allowed("http://[::1]:8080/", ("[::1]:8080",))


async def test_a_backslash_before_the_at_sign_never_reaches_the_other_host(
    up: LocalStack, sites: tuple[_Site, _Site]
) -> None:
    allowed, other = sites
    summary = await _goto(up, "backslash", f"http://127.0.0.1:{other.port}\\@127.0.0.1:{allowed.port}/")
    assert summary.status == run_pb2.RUN_STATUS_FAILED
    assert "ROTE_ALLOWED_HOSTS" in summary.blocks[0].reason
    assert other.hits == []


@pytest.mark.parametrize("path", ["/redirect", "/script", "/frame", "/popup", "/image"])
async def test_nothing_an_allowed_page_does_reaches_another_host(
    up: LocalStack, sites: tuple[_Site, _Site], path: str
) -> None:
    allowed, other = sites
    other.hits.clear()
    summary = await _goto(up, f"from-{path.strip('/')}", f"http://127.0.0.1:{allowed.port}{path}")
    assert other.hits == [], f"{path}: the browser reached the other host: {other.hits}"
    assert path in allowed.hits
    if path == "/redirect":
        assert summary.status == run_pb2.RUN_STATUS_FAILED
        assert "ROTE_ALLOWED_HOSTS" in summary.blocks[0].reason and "/redirected" in summary.blocks[0].reason
