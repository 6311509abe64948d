"""Request validation cost, native standard rules vs protovalidate's CEL, in µs per request (prints, no asserts)."""

from __future__ import annotations

import time
from collections.abc import Callable

from google.protobuf.message import Message

from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import run_pb2, trace_pb2, workflow_pb2
from services.security import native_rules, protovalidate_runtime


def _workflow(blocks: int) -> pb.PutWorkflowRequest:
    return pb.PutWorkflowRequest(
        workflow=workflow_pb2.Workflow(
            workflow_id="orders-export",
            title="Export the orders",
            parameters=[
                workflow_pb2.Parameter(
                    key="account", type=workflow_pb2.PARAMETER_TYPE_STRING, description="the account"
                )
            ],
            blocks=[
                workflow_pb2.Block(
                    label=f"step_{i}",
                    type=workflow_pb2.BLOCK_TYPE_NAVIGATION,
                    goal="Open the orders page and export them",
                    url="https://x.test/o",
                    payload={"account": "{{ account }}"},
                )
                for i in range(blocks)
            ],
        )
    )


def _decision() -> pb.ResolveScriptRequest:
    return pb.ResolveScriptRequest(workflow_id="orders-export", parameters={"account": "acme", "month": "2026-05"})


def _block_run() -> pb.RecordBlockRunRequest:
    action = trace_pb2.Action(type=trace_pb2.ACTION_TYPE_GOTO, value="acme", intent="type the account", url="https://x.test/o")
    return pb.RecordBlockRunRequest(
        run_id="run-7f3a",
        block_run=run_pb2.BlockRun(
            label="step_0",
            type=workflow_pb2.BLOCK_TYPE_NAVIGATION,
            mode=run_pb2.BLOCK_MODE_AGENT,
            status=run_pb2.BLOCK_STATUS_COMPLETED,
            agent_steps=3,
            duration_ms=1200,
            sequence=0,
            trace=trace_pb2.BlockTrace(label="step_0", type=workflow_pb2.BLOCK_TYPE_NAVIGATION, actions=[action] * 5),
        ),
    )


def _per_call_us(check: Callable[[Message], object], request: Message, budget_s: float) -> float:
    check(request)  # compile and warm once
    calls, started = 0, time.perf_counter()
    while True:
        check(request)
        calls += 1
        elapsed = time.perf_counter() - started
        if elapsed >= budget_s and calls >= 3:
            return elapsed / calls * 1e6


def main() -> None:
    cases = [
        ("PutWorkflow, 4 blocks", _workflow(4)),
        ("PutWorkflow, 200 blocks", _workflow(200)),
        ("ResolveScript (cache decision)", _decision()),
        ("RecordBlockRun, 5 actions", _block_run()),
    ]
    print(f"{'request':34} {'native µs':>11} {'protovalidate µs':>17} {'ratio':>8}")
    for name, request in cases:
        assert native_rules.collect(request) == protovalidate_runtime.collect(request) == [], name
        native = _per_call_us(native_rules.collect, request, 0.5)
        reference = _per_call_us(protovalidate_runtime.collect, request, 2.0)
        print(f"{name:34} {native:11.1f} {reference:17.0f} {reference / native:7.0f}x")


if __name__ == "__main__":
    main()
