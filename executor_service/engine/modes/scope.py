"""What every mode of one run shares: the page, the run context, the agent, the loaded script and the limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.async_api import Page as PlaywrightPage

from executor_service.agents.base import Agent
from executor_service.engine import composite
from executor_service.engine.artifacts import RunArtifacts
from executor_service.engine.composite import CodeLog, Resume
from executor_service.engine.events import EventStream
from executor_service.engine.script_loader import LoadedScript
from executor_service.engine.templates import render_isolated, whole_parameter
from executor_service.runtime import Page, RunContext
from services.gen.rote.v1 import run_pb2, workflow_pb2
from services.isolation.templating import typed_values

BT = workflow_pb2.BlockType
MODE = run_pb2.BlockMode
STATUS = run_pb2.BlockStatus


@dataclass(frozen=True)
class BlockLimits:
    """The executor's per-block settings, read once at bootstrap and shared by every run."""

    settle_timeout_ms: float = 5000.0
    # A code block runs in a worker process for at most this long (and never past its run's deadline).
    code_block_timeout_s: float = 60.0
    # A block output larger than this (JSON bytes) is stored as an object and the run keeps a reference.
    max_output_bytes: int = 1024 * 1024


@dataclass
class BlockOutcome:
    """What one block left behind: its record, its output, and the branch it chose."""

    record: run_pb2.BlockRun
    output: Any = None
    next_label: str = ""


class RunScope:
    """One run's blocks on one page: the state the modes read and update, and ``run`` to start a child block."""

    # The replay API generated code calls; BlockRunner builds it, as it wires the modes' callbacks into it.
    replay: Page

    def __init__(
        self,
        *,
        page: PlaywrightPage,
        ctx: RunContext,
        agent: Agent,
        events: EventStream,
        script: LoadedScript | None,
        limits: BlockLimits,
        workflow: workflow_pb2.Workflow | None = None,
        artifacts: RunArtifacts | None = None,
        refused: dict[str, str] | None = None,
        code_only: dict[str, str] | None = None,
        deadline: float | None = None,
    ) -> None:
        self.page = page
        # run_with=code_only: why each top-level block has no code (the agent is never used, not even to heal).
        self.code_only = code_only
        self.ctx = ctx
        self.agent = agent
        self.events = events
        self.script = script
        self.limits = limits
        self.artifacts = artifacts or RunArtifacts(None, "", ctx.run_id)
        self.blocks = {b.label: b for b in composite.walk(workflow.blocks)} if workflow else {}
        # Templates see typed parameters (INTEGER an int, BOOLEAN a bool, JSON its value); ctx.param stays text.
        self.typed_parameters = (
            typed_values(workflow.parameters, ctx.parameters) if workflow else dict(ctx.parameters)
        )
        # What the workflow's author said each parameter is: the agent reads fields named that way too.
        self.descriptions = {p.key: p.description for p in workflow.parameters if p.description} if workflow else {}
        # When the run's deadline passes (event loop time): code blocks never run past it.
        self.deadline = deadline
        self.current_label = ""
        self.current_mode = MODE.BLOCK_MODE_AGENT
        self.heal_llm_calls = 0
        self.code_log = CodeLog()
        self.refused = refused or {}

    def template_values(self) -> dict[str, Any]:
        return {**self.typed_parameters, **self.ctx.outputs, **composite.loop_variables(self.ctx.frames)}

    async def render(self, template: str, values: dict[str, Any]) -> str:
        """A template's text; a lone '{{ name }}' of a parameter is its value as given ('007' stays '007')."""
        name = whole_parameter(template)
        if name in self.ctx.parameters and values.get(name) is self.typed_parameters.get(name):
            return self.ctx.parameters[name]
        return await render_isolated(template, values)

    async def run(
        self, block: workflow_pb2.Block, sequence: int, *, child: bool = False, resume: Resume | None = None
    ) -> BlockOutcome:
        """Run one block in the mode it needs; composites call it for their children. BlockRunner implements it."""
        raise NotImplementedError


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
