"""Synthetic, realistic GenerateScript requests for benchmarks (``make bench`` times generate+upload with them).

Each block is a navigation block that opens a page, fills text fields, picks an option, ticks a box, submits and
ends on a result page; every fifth block is an extraction. Values come from parameters (a pool that grows with the
workflow, as real forms do), locators look like what the recorder captures (role+name, label, id, css, xpath).
"""

from __future__ import annotations

from services.gen.rote.v1 import codegen_service_pb2, trace_pb2, workflow_pb2

AT = trace_pb2.ActionType
LK = trace_pb2.LocatorKind
BT = workflow_pb2.BlockType
BASE_URL = "https://portal.example.test"
# Distinct parameters per block (a workflow of 1000 blocks has a few thousand inputs).
PARAMETERS_PER_BLOCK = 3


def _field(kind: str, label: str, field_id: str, role: str) -> trace_pb2.ElementFingerprint:
    return trace_pb2.ElementFingerprint(
        tag=kind,
        role=role,
        accessible_name=label,
        label=label,
        locators=[
            trace_pb2.Locator(kind=LK.LOCATOR_KIND_ROLE, value=role, name=label),
            trace_pb2.Locator(kind=LK.LOCATOR_KIND_LABEL, value=label),
            trace_pb2.Locator(kind=LK.LOCATOR_KIND_ID, value=field_id),
            trace_pb2.Locator(kind=LK.LOCATOR_KIND_CSS, value=f"#{field_id}"),
            trace_pb2.Locator(kind=LK.LOCATOR_KIND_XPATH, value=f'//*[@id="{field_id}"]'),
        ],
        attributes={"id": field_id},
    )


def _navigation_trace(block: int, actions: int, values: dict[str, str]) -> trace_pb2.BlockTrace:
    label = f"step_{block:04d}"
    trace = trace_pb2.BlockTrace(label=label, type=BT.BLOCK_TYPE_NAVIGATION)
    trace.actions.append(
        trace_pb2.Action(type=AT.ACTION_TYPE_GOTO, url=f"{BASE_URL}/forms/{block}", intent=f"Open form {block}")
    )
    for index in range(max(actions - 3, 1)):
        key = f"field_{block:04d}_{index % PARAMETERS_PER_BLOCK}"
        label_text = f"Field {index} of form {block}"
        trace.actions.append(
            trace_pb2.Action(
                type=AT.ACTION_TYPE_TYPE,
                element=_field("input", label_text, f"f{block}-{index}", "textbox"),
                value=values[key] if index < PARAMETERS_PER_BLOCK else f"note {index} for {values[key]}",
                intent=f"Enter {label_text.lower()}",
            )
        )
    trace.actions.append(
        trace_pb2.Action(
            type=AT.ACTION_TYPE_SELECT_OPTION,
            element=_field("select", "Plan", f"plan-{block}", "combobox"),
            value="Premium",
            intent="Choose the plan",
        )
    )
    trace.actions.append(
        trace_pb2.Action(
            type=AT.ACTION_TYPE_CHECK,
            element=_field("input", "I agree", f"agree-{block}", "checkbox"),
            intent="Accept the terms",
        )
    )
    trace.actions.append(
        trace_pb2.Action(
            type=AT.ACTION_TYPE_CLICK,
            element=_field("button", "Continue", f"continue-{block}", "button"),
            intent="Submit the form",
            irreversible=True,
        )
    )
    trace.end_state.CopyFrom(trace_pb2.EndState(url_pattern=f"/forms/{block}/done", landmark_text="Saved"))
    return trace


def _extraction_trace(block: int) -> trace_pb2.BlockTrace:
    return trace_pb2.BlockTrace(
        label=f"step_{block:04d}",
        type=BT.BLOCK_TYPE_EXTRACTION,
        actions=[
            trace_pb2.Action(
                type=AT.ACTION_TYPE_EXTRACT,
                intent="Read the summary",
                extract_fields=[
                    trace_pb2.ExtractField(name="reference", element=_field("dd", "Reference", f"ref-{block}", "")),
                    trace_pb2.ExtractField(
                        name="rows",
                        element=_field("table", "Summary", f"summary-{block}", "table"),
                        columns={"item": "Item", "amount": "Amount"},
                    ),
                ],
            )
        ],
        end_state=trace_pb2.EndState(url_pattern=f"/forms/{block}/done", landmark_text="Summary"),
    )


def synthetic_request(blocks: int, actions_per_block: int) -> codegen_service_pb2.GenerateScriptRequest:
    """A request for a workflow of ``blocks`` blocks with about ``actions_per_block`` recorded actions each."""
    string = workflow_pb2.PARAMETER_TYPE_STRING
    parameters = [workflow_pb2.Parameter(key="password", type=string, required=True, secret=True)]
    values: dict[str, str] = {}
    workflow_blocks: list[workflow_pb2.Block] = []
    traces: list[trace_pb2.BlockTrace] = []
    for block in range(blocks):
        for index in range(PARAMETERS_PER_BLOCK):
            key = f"field_{block:04d}_{index}"
            parameters.append(workflow_pb2.Parameter(key=key, type=string, required=True))
            values[key] = f"value {index} of form {block}"
        extraction = block % 5 == 4
        workflow_blocks.append(
            workflow_pb2.Block(
                label=f"step_{block:04d}",
                type=BT.BLOCK_TYPE_EXTRACTION if extraction else BT.BLOCK_TYPE_NAVIGATION,
                goal=f"Complete form {block}",
                extraction_schema_json='{"type": "object"}' if extraction else "",
            )
        )
        traces.append(_extraction_trace(block) if extraction else _navigation_trace(block, actions_per_block, values))
    workflow = workflow_pb2.Workflow(
        workflow_id="bench", title=f"Benchmark with {blocks} blocks", parameters=parameters, blocks=workflow_blocks
    )
    return codegen_service_pb2.GenerateScriptRequest(
        script_id=f"bench-{blocks}",
        version=1,
        source_run_id="bench-run",
        workflow=workflow,
        traces=traces,
        parameter_values=values,
    )
