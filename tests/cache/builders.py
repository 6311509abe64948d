"""Small builders of workflow definitions and recorded block runs for cache service tests."""

from __future__ import annotations

import uuid

from services.gen.rote.v1 import run_pb2, trace_pb2, workflow_pb2

BT = workflow_pb2
RS = run_pb2
AT = trace_pb2


def unique_id(prefix: str = "wf") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def parameter(
    key: str,
    *,
    secret: bool = False,
    required: bool = False,
    default: str | None = None,
    kind: int = BT.PARAMETER_TYPE_STRING,
) -> workflow_pb2.Parameter:
    return workflow_pb2.Parameter(
        key=key,
        type=kind,  # type: ignore[arg-type]
        secret=secret,
        required=required,  # type: ignore[arg-type]
        default_value=default or "",
        has_default=default is not None,
    )


def block(label: str, kind: int = BT.BLOCK_TYPE_NAVIGATION, **fields: object) -> workflow_pb2.Block:
    fields.setdefault("goal", f"do {label}")
    return workflow_pb2.Block(label=label, type=kind, **fields)  # type: ignore[arg-type]


def workflow(
    *blocks: workflow_pb2.Block,
    workflow_id: str | None = None,
    cache_key: str = "",
    parameters: list[workflow_pb2.Parameter] | None = None,
) -> workflow_pb2.Workflow:
    return workflow_pb2.Workflow(
        workflow_id=unique_id() if workflow_id is None else workflow_id,
        title="test workflow",
        parameters=parameters if parameters is not None else [parameter("email", required=True)],
        blocks=list(blocks),
        cache_key=cache_key,
    )


def linear_workflow(count: int, **kwargs: object) -> workflow_pb2.Workflow:
    return workflow(*(block(f"step_{i}") for i in range(count)), **kwargs)  # type: ignore[arg-type]


def trace(label: str, kind: int = BT.BLOCK_TYPE_NAVIGATION) -> trace_pb2.BlockTrace:
    """A trace codegen can turn into code: open a page, type the email parameter, submit."""
    field = trace_pb2.ElementFingerprint(
        tag="input",
        label="Email",
        locators=[
            trace_pb2.Locator(kind=AT.LOCATOR_KIND_LABEL, value="Email"),
            trace_pb2.Locator(kind=AT.LOCATOR_KIND_CSS, value="form input[name=email]"),
        ],
    )
    button = trace_pb2.ElementFingerprint(
        tag="button",
        role="button",
        accessible_name="Continue",
        locators=[trace_pb2.Locator(kind=AT.LOCATOR_KIND_ROLE, value="button", name="Continue")],
    )
    return trace_pb2.BlockTrace(
        label=label,
        type=kind,  # type: ignore[arg-type]
        actions=[
            trace_pb2.Action(type=AT.ACTION_TYPE_GOTO, url="http://127.0.0.1:1/form", intent="Open the form"),
            trace_pb2.Action(
                type=AT.ACTION_TYPE_TYPE,
                element=field,
                value="a@example.com",
                parameter_key="email",
                intent="Type the email",
            ),
            trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=button, intent="Continue", irreversible=True),
        ],
        end_state=trace_pb2.EndState(url_pattern="/form", landmark_text="Done"),
    )


def block_run(
    label: str,
    sequence: int,
    *,
    mode: int = RS.BLOCK_MODE_AGENT,
    status: int = RS.BLOCK_STATUS_COMPLETED,
    kind: int = BT.BLOCK_TYPE_NAVIGATION,
) -> run_pb2.BlockRun:
    live = kind in (BT.BLOCK_TYPE_CONDITIONAL, BT.BLOCK_TYPE_WAIT, BT.BLOCK_TYPE_CODE, BT.BLOCK_TYPE_GOTO_URL)
    return run_pb2.BlockRun(
        label=label,
        type=kind,  # type: ignore[arg-type]
        mode=RS.BLOCK_MODE_LIVE if live else mode,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        agent_steps=0 if mode == RS.BLOCK_MODE_CODE or live else 3,
        llm_calls=0,
        trace=trace_pb2.BlockTrace(label=label, type=kind) if live else trace(label, kind),  # type: ignore[arg-type]
        duration_ms=12,
        sequence=sequence,
    )
