"""The regeneration rules of DESIGN §4 as pure logic: who is regenerated, what is missing, and why."""

from __future__ import annotations

from cache_service.domain.regeneration import ExecutedBlock, decide_regeneration, needs_update
from services.gen.rote.v1 import run_pb2, workflow_pb2
from tests.cache.builders import block, workflow

BT = workflow_pb2
RS = run_pb2
DONE = RS.BLOCK_STATUS_COMPLETED


def ran(
    label: str, mode: int = RS.BLOCK_MODE_AGENT, kind: int = BT.BLOCK_TYPE_NAVIGATION, status: int = DONE
) -> ExecutedBlock:
    return ExecutedBlock(label, kind, mode, status)


LINEAR = workflow(
    block("login", BT.BLOCK_TYPE_LOGIN),
    block("fill"),
    block("pause", BT.BLOCK_TYPE_WAIT),
    block("extract", BT.BLOCK_TYPE_EXTRACTION),
)
BRANCHING = workflow(
    block(
        "choose",
        BT.BLOCK_TYPE_CONDITIONAL,
        branches=[
            workflow_pb2.ConditionalBranch(expression="email == 'a'", next_block_label="a"),
            workflow_pb2.ConditionalBranch(expression="", next_block_label="b"),
        ],
    ),
    block("a", next_block_label="end"),
    block("b"),
    block("end"),
)


def test_first_agent_run_updates_every_executed_cacheable_block() -> None:
    executed = [
        ran("login", kind=BT.BLOCK_TYPE_LOGIN),
        ran("fill"),
        ran("pause", RS.BLOCK_MODE_LIVE, BT.BLOCK_TYPE_WAIT),
        ran("extract", kind=BT.BLOCK_TYPE_EXTRACTION),
    ]
    decision = decide_regeneration(LINEAR, executed, frozenset(), RS.RUN_STATUS_COMPLETED)
    assert decision.regenerate
    assert decision.blocks_to_update == ("login", "fill", "extract")
    assert decision.missing_labels == ("login", "fill", "extract")


def test_same_blocks_twice_regenerates_nothing() -> None:
    cached = frozenset({"login", "fill", "extract"})
    executed = [ran("login", kind=BT.BLOCK_TYPE_LOGIN), ran("fill"), ran("extract", kind=BT.BLOCK_TYPE_EXTRACTION)]
    decision = decide_regeneration(LINEAR, executed, cached, RS.RUN_STATUS_COMPLETED)
    assert not decision.regenerate
    assert decision.blocks_to_update == ()
    assert "nothing to regenerate" in decision.reasons[0]


def test_cached_blocks_run_as_code_regenerate_nothing() -> None:
    cached = frozenset({"login", "fill", "extract"})
    executed = [ran(label, RS.BLOCK_MODE_CODE) for label in ("login", "fill", "extract")]
    assert not decide_regeneration(LINEAR, executed, cached, RS.RUN_STATUS_COMPLETED).regenerate


def test_fallback_block_is_regenerated_even_though_cached() -> None:
    cached = frozenset({"login", "fill", "extract"})
    executed = [
        ran("login", RS.BLOCK_MODE_CODE),
        ran("fill", RS.BLOCK_MODE_FALLBACK),
        ran("extract", RS.BLOCK_MODE_CODE),
    ]
    decision = decide_regeneration(LINEAR, executed, cached, RS.RUN_STATUS_COMPLETED)
    assert decision.regenerate and decision.blocks_to_update == ("fill",)
    assert "fell back" in decision.reasons[0]


def test_never_cached_types_are_never_updated() -> None:
    for kind in (BT.BLOCK_TYPE_CONDITIONAL, BT.BLOCK_TYPE_WAIT, BT.BLOCK_TYPE_CODE, BT.BLOCK_TYPE_GOTO_URL):
        assert not needs_update(ran("x", RS.BLOCK_MODE_AGENT, kind), frozenset())


def test_failed_block_is_not_updated() -> None:
    assert not needs_update(ran("fill", status=RS.BLOCK_STATUS_FAILED), frozenset())


def test_run_that_does_not_complete_never_regenerates() -> None:
    executed = [ran("login", kind=BT.BLOCK_TYPE_LOGIN), ran("fill")]
    for status in (RS.RUN_STATUS_FAILED, RS.RUN_STATUS_CANCELLED, RS.RUN_STATUS_TIMED_OUT, RS.RUN_STATUS_ABANDONED):
        decision = decide_regeneration(LINEAR, executed, frozenset(), status, force=True)
        assert not decision.regenerate and decision.blocks_to_update == ()
        assert "only a completed run publishes" in decision.reasons[0]


def test_early_stop_counts_only_executed_missing_labels() -> None:
    # A completed run that executed only "login" (the rest was not reached) must not ask for "extract" forever.
    cached = frozenset({"login"})
    decision = decide_regeneration(LINEAR, [ran("login", RS.BLOCK_MODE_CODE)], cached, RS.RUN_STATUS_COMPLETED)
    assert not decision.regenerate
    assert decision.missing_labels == ()


def test_with_conditionals_missing_labels_are_ignored_and_branches_cache_progressively() -> None:
    cached = frozenset({"a", "end"})
    executed = [ran("choose", RS.BLOCK_MODE_LIVE, BT.BLOCK_TYPE_CONDITIONAL), ran("b"), ran("end", RS.BLOCK_MODE_CODE)]
    decision = decide_regeneration(BRANCHING, executed, cached, RS.RUN_STATUS_COMPLETED)
    assert decision.regenerate and decision.blocks_to_update == ("b",)
    assert decision.missing_labels == ()


def test_untaken_branch_does_not_trigger_regeneration() -> None:
    cached = frozenset({"a", "end"})
    executed = [
        ran("choose", RS.BLOCK_MODE_LIVE, BT.BLOCK_TYPE_CONDITIONAL),
        ran("a", RS.BLOCK_MODE_CODE),
        ran("end", RS.BLOCK_MODE_CODE),
    ]
    decision = decide_regeneration(BRANCHING, executed, cached, RS.RUN_STATUS_COMPLETED)
    assert not decision.regenerate and decision.missing_labels == ()


def test_force_regenerates_every_executed_cacheable_block() -> None:
    cached = frozenset({"login", "fill", "extract"})
    executed = [
        ran("login", RS.BLOCK_MODE_CODE),
        ran("pause", RS.BLOCK_MODE_LIVE, BT.BLOCK_TYPE_WAIT),
        ran("fill", RS.BLOCK_MODE_CODE),
    ]
    decision = decide_regeneration(LINEAR, executed, cached, RS.RUN_STATUS_COMPLETED, force=True)
    assert decision.regenerate and decision.blocks_to_update == ("login", "fill")


def test_block_run_twice_is_listed_once() -> None:
    executed = [ran("fill"), ran("fill")]
    decision = decide_regeneration(LINEAR, executed, frozenset(), RS.RUN_STATUS_COMPLETED)
    assert decision.blocks_to_update == ("fill",)


def test_decision_round_trips_through_storage() -> None:
    decision = decide_regeneration(LINEAR, [ran("fill")], frozenset(), RS.RUN_STATUS_COMPLETED)
    assert type(decision).from_dict(decision.to_dict()) == decision
