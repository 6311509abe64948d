"""The AST allowlist holds against known sandbox escapes, in generated scripts, in snippets, and in a code
block run by the real executor (which refuses it before anything runs, and nothing escapes)."""

from __future__ import annotations

import pathlib
import textwrap

import grpc
import pytest

from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import executor_service_pb2_grpc, run_pb2
from services.sandbox import UnsafeScript, validate_script, validate_snippet
from services.workflows import workflow_from_mapping
from tests.security.conftest import ACME_KEY, SecuredStack, key_metadata

HEADER = "from executor_service.runtime import Page, RunContext, Target, cached\n\n\n"
MARKER = pathlib.Path("/tmp/rote-sandbox-escaped")

# Each payload, if it ran unchecked, would reach the interpreter, the file system, a process or the
# executor's internals. Every one must be refused wherever user or generated code enters.
ESCAPES = [
    "import os",
    "import subprocess",
    "from os import system",
    "__import__('os').system('id')",
    "x = ().__class__.__base__.__subclasses__()",
    "x = ''.__class__.__mro__[-1].__subclasses__()",
    "x = [].__class__.__mro__[1].__subclasses__()",
    "x = (lambda: 0).__globals__['__builtins__']",
    "x = page.__init__.__globals__",
    "x = ctx.__dict__",
    "x = page.goto.__func__.__globals__",
    "x = getattr(page, '__class__')",
    "x = getattr(__builtins__, 'open')",
    "x = eval('__import__(\"os\")')",
    "exec('import os')",
    "x = compile('import os', 'x', 'exec')",
    f"open('{MARKER}', 'w').write('escaped')",
    "x = globals()['__builtins__']",
    "x = vars()",
    "x = locals()",
    "x = type('X', (), {})",
    "x = '{0.__class__.__init__.__globals__}'.format(page)",
    "x = '{.__globals__}'.format_map({'x': page})",
    "x = f'{page.__class__}'",
    "g = (i for i in [1])\nx = g.gi_frame.f_back.f_globals",
    "x = page._page",
    "x = ctx._secrets",
    "x = breakpoint()",
    "x = memoryview(b'x')",
    "class X:\n    pass",
    "def f():\n    return 1",
    "x = lambda: __import__('os')",
    "try:\n    1 / 0\nexcept Exception as e:\n    x = e.__traceback__.tb_frame.f_globals",
    "x = 9 ** 9 ** 9",
    "while True:\n    pass",
    "global page",
    "del page",
    "page.goto = print",
    "x = help",
    "x = super()",
]


def _in_block(body: str) -> str:
    indented = textwrap.indent(body.strip() + "\n", "    ")
    return HEADER + '@cached("b")\nasync def b(page: Page, ctx: RunContext) -> None:\n' + indented


def test_the_corpus_is_large_enough() -> None:
    assert len(ESCAPES) >= 30


@pytest.mark.parametrize("payload", ESCAPES)
def test_an_escape_in_generated_code_is_refused(payload: str) -> None:
    with pytest.raises(UnsafeScript):
        validate_script(_in_block(payload))


@pytest.mark.parametrize("payload", ESCAPES)
def test_an_escape_in_a_code_block_snippet_is_refused(payload: str) -> None:
    with pytest.raises(UnsafeScript):
        validate_snippet(payload)


@pytest.mark.parametrize(
    "payload",
    [
        f"open('{MARKER}', 'w').write('escaped')",
        "__import__('os').system('touch /tmp/rote-sandbox-escaped')",
        "x = ().__class__.__base__.__subclasses__()",
        "x = page._page",
    ],
)
async def test_a_code_block_with_an_escape_fails_the_run_with_the_reason(secured: SecuredStack, payload: str) -> None:
    MARKER.unlink(missing_ok=True)
    workflow = workflow_from_mapping(
        {"workflow_id": "sandbox_escape", "blocks": [{"label": "snippet", "type": "code", "code": payload}]}
    )
    async with grpc.aio.insecure_channel(secured.stack.executor.address) as channel:
        stub = executor_service_pb2_grpc.ExecutorServiceStub(channel)
        request = ex_pb.RunWorkflowRequest(workflow=workflow, run_with=run_pb2.RUN_WITH_AGENT)
        try:
            events = [event async for event in stub.RunWorkflow(request, metadata=key_metadata(ACME_KEY))]
            summary = events[-1].run_finished.summary
            assert summary.status == run_pb2.RUN_STATUS_FAILED
            reason = summary.error + " ".join(block.reason for block in summary.blocks)
        except grpc.aio.AioRpcError as exc:  # refusing the whole request up front is just as good
            assert exc.code() == grpc.StatusCode.INVALID_ARGUMENT, exc.details()
            reason = exc.details() or ""
    assert "not allowed" in reason or "refused" in reason or "unsafe" in reason.lower(), reason
    assert not MARKER.exists(), "the snippet escaped the sandbox"
