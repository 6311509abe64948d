"""The stream of run events a caller of RunWorkflow receives, fed from deep inside block execution."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from executor_service.redaction import Redactor
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import run_pb2, trace_pb2, workflow_pb2

_DONE = object()


class EventStream:
    """An unbounded queue of RunWorkflowResponse events; ``close`` ends the iteration."""

    def __init__(self, redactor: Redactor | None = None) -> None:
        self._queue: asyncio.Queue[object] = asyncio.Queue()
        self._redactor = redactor

    def _put(self, event: ex_pb.RunWorkflowResponse) -> None:
        # Events are copies (the constructors copy sub-messages), so redacting one never alters a record.
        self._queue.put_nowait(self._redactor.message(event) if self._redactor else event)

    def run_started(self, started: ex_pb.RunStarted) -> None:
        self._put(ex_pb.RunWorkflowResponse(run_started=started))

    def block_started(self, block: workflow_pb2.Block, mode: run_pb2.BlockMode) -> None:
        event = ex_pb.BlockStarted(label=block.label, type=block.type, mode=mode)
        self._put(ex_pb.RunWorkflowResponse(block_started=event))

    def action_done(self, label: str, action: trace_pb2.Action, mode: run_pb2.BlockMode, healed: bool) -> None:
        event = ex_pb.ActionDone(label=label, action=action, mode=mode, healed=healed)
        self._put(ex_pb.RunWorkflowResponse(action_done=event))

    def block_finished(self, summary: run_pb2.BlockSummary) -> None:
        self._put(ex_pb.RunWorkflowResponse(block_finished=ex_pb.BlockFinished(block=summary)))

    def run_finished(self, summary: run_pb2.RunSummary) -> None:
        self._put(ex_pb.RunWorkflowResponse(run_finished=ex_pb.RunFinished(summary=summary)))

    def close(self) -> None:
        self._queue.put_nowait(_DONE)

    async def __aiter__(self) -> AsyncIterator[ex_pb.RunWorkflowResponse]:
        while True:
            item = await self._queue.get()
            if item is _DONE:
                return
            assert isinstance(item, ex_pb.RunWorkflowResponse)
            yield item
