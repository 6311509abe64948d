"""The third outcome is distinct wherever an outcome is shown: `rote run --json`, the HTML report, the metrics."""

from __future__ import annotations

from executor_service.engine.run_metrics import observe_block
from services.cli.output import summary_json
from services.gen.rote.v1 import run_pb2, trace_pb2
from services.metrics import CACHE_HITS, UNVERIFIED_BLOCKS
from services.reports.run_report import render_run_report


def _summary() -> run_pb2.RunSummary:
    return run_pb2.RunSummary(
        run_id="r1",
        workflow_id="w",
        status=run_pb2.RUN_STATUS_UNVERIFIED,
        blocks=[
            run_pb2.BlockSummary(label="login", mode=run_pb2.BLOCK_MODE_CODE, status=run_pb2.BLOCK_STATUS_COMPLETED),
            run_pb2.BlockSummary(
                label="save", mode=run_pb2.BLOCK_MODE_FALLBACK, status=run_pb2.BLOCK_STATUS_UNVERIFIED,
                reason="unverified: nothing was sent to the server after the values were entered and submitted",
            ),
        ],
    )


def test_run_json_says_unverified() -> None:
    shown = summary_json(_summary())
    assert shown["status"] == "unverified"
    assert [b["status"] for b in shown["blocks"]] == ["completed", "unverified"]


def test_report_shows_the_outcome_and_each_postcondition() -> None:
    click = trace_pb2.Action(type=trace_pb2.ACTION_TYPE_CLICK, intent="Save")
    click.postcondition.CopyFrom(trace_pb2.Postcondition(verified=False, effect=trace_pb2.CLICK_EFFECT_NONE,
                                                         expected="an observable effect", observed="none"))
    fill = trace_pb2.Action(type=trace_pb2.ACTION_TYPE_TYPE, intent="Enter the name", value="Ada")
    fill.postcondition.CopyFrom(trace_pb2.Postcondition(verified=True, expected="Ada", observed="Ada"))
    record = run_pb2.BlockRun(label="save", mode=run_pb2.BLOCK_MODE_AGENT, status=run_pb2.BLOCK_STATUS_UNVERIFIED,
                              reason="unverified: no observable effect after 'Save'")
    record.trace.actions.extend([fill, click])
    html = render_run_report(_summary(), [record])
    assert 'class="block agent unverified"' in html
    assert "not verified: expected an observable effect, saw none" in html
    assert "verified" in html and "no observable effect after" in html


def test_an_unverified_block_is_counted_as_such_and_never_as_a_hit() -> None:
    hits, unverified = CACHE_HITS._value.get(), UNVERIFIED_BLOCKS.labels("fallback")._value.get()
    observe_block(run_pb2.BlockRun(label="save", type=1, mode=run_pb2.BLOCK_MODE_FALLBACK,
                                   status=run_pb2.BLOCK_STATUS_UNVERIFIED), {})
    observe_block(run_pb2.BlockRun(label="x", type=1, mode=run_pb2.BLOCK_MODE_CODE,
                                   status=run_pb2.BLOCK_STATUS_UNVERIFIED), {})
    assert UNVERIFIED_BLOCKS.labels("fallback")._value.get() == unverified + 1
    assert CACHE_HITS._value.get() == hits
    observe_block(run_pb2.BlockRun(label="y", type=1, mode=run_pb2.BLOCK_MODE_CODE,
                                   status=run_pb2.BLOCK_STATUS_COMPLETED), {})
    assert CACHE_HITS._value.get() == hits + 1
