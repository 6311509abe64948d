"""The agent interface: what a block asks of an agent (AgentTask) and what the agent reports back (AgentResult)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from playwright.async_api import ElementHandle, Page

from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import trace_pb2, workflow_pb2


@dataclass(frozen=True)
class RenderedValue:
    """A payload value after template rendering, remembering the parameter it came from (if it was one whole)."""

    value: str
    parameter_key: str | None = None
    secret: bool = False
    # What the workflow says the parameter is ("roughly what the car is worth"): the field may be named so.
    description: str = ""

    def __repr__(self) -> str:
        # Reprs end up in logs and tracebacks; a secret value must not.
        shown = "'***'" if self.secret else repr(self.value)
        return f"RenderedValue(value={shown}, parameter_key={self.parameter_key!r}, secret={self.secret})"


@dataclass
class AgentTask:
    """One block for the agent: the goal, values to enter, how to tell it is done, and what was already done."""

    block: workflow_pb2.Block
    payload: dict[str, RenderedValue] = field(default_factory=dict)
    goal: str = ""
    completion_criterion: str = ""
    schema: dict[str, Any] | None = None
    # Actions already taken for this block (by replayed code before a fallback): never repeat an irreversible one.
    actions_done: list[trace_pb2.Action] = field(default_factory=list)
    max_steps: int = 10
    # When it holds, the block has failed: stop at once and report the page's own message.
    termination_criterion: str = ""


@dataclass
class AgentResult:
    """How the block ended; ``steps`` counts observe → decide cycles, ``llm_calls`` model requests."""

    completed: bool
    reason: str = ""
    output: Any = None
    steps: int = 0
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    end_state: trace_pb2.EndState | None = None
    # Payload keys the agent did not enter on purpose, each with its reason (reported; completion accepts them).
    keys_not_needed: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class Agent(Protocol):
    """Drives blocks through the page and finds single elements again when replayed code lost them."""

    async def run_block(self, page: Page, task: AgentTask, recorder: ActionRecorder) -> AgentResult:
        """Act on ``page`` until the task is done or ``task.max_steps`` decisions were made; act only via recorder."""
        ...

    async def locate(self, page: Page, intent: str, fingerprint: trace_pb2.ElementFingerprint) -> ElementHandle | None:
        """Self-healing: the one element that ``intent`` and the recorded ``fingerprint`` describe, or None."""
        ...
