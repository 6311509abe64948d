"""Operator RPCs over gRPC: scripts and versions (show, diff, pin, rollback), coverage, run lists, and errors."""

from __future__ import annotations

import grpc

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import run_pb2, workflow_pb2
from tests.cache.builders import block, linear_workflow, workflow
from tests.cache.grpc_calls import ORG, Stub, put, resolve, run_blocks
from tests.cache.test_cache_service_grpc import expect_status

BT = workflow_pb2
RS = run_pb2
AGENT, CODE, FALLBACK, LIVE = RS.BLOCK_MODE_AGENT, RS.BLOCK_MODE_CODE, RS.BLOCK_MODE_FALLBACK, RS.BLOCK_MODE_LIVE


def md(org: str = ORG) -> tuple[tuple[str, str], ...]:
    return outgoing_metadata(org)


async def two_versions(stub: Stub) -> tuple[workflow_pb2.Workflow, str]:
    """Version 1 from an agent run, version 2 after step_1 fell back."""
    definition = linear_workflow(2)
    await put(stub, definition)
    await run_blocks(stub, definition, [("step_0", AGENT), ("step_1", AGENT)])
    _, second = await run_blocks(stub, definition, [("step_0", CODE), ("step_1", FALLBACK)])
    assert second.published_version == 2
    return definition, second.script_id


async def test_scripts_and_versions_are_listed_and_shown_with_their_code(stub: Stub) -> None:
    definition, script_id = await two_versions(stub)
    scripts = await stub.ListScripts(pb.ListScriptsRequest(workflow_id=definition.workflow_id), metadata=md())
    (script,) = scripts.scripts
    assert (script.script_id, script.cache_key, script.current_version, script.latest_version) == (
        script_id,
        "default",
        2,
        2,
    )
    assert script.pinned_version == 0 and script.version_count == 2
    listed = await stub.ListScriptVersions(pb.ListScriptVersionsRequest(script_id=script_id), metadata=md())
    assert [(v.version, v.current) for v in listed.versions] == [(2, True), (1, False)]
    assert list(listed.versions[0].labels) == ["step_0", "step_1"]
    shown = await stub.GetScriptVersion(pb.GetScriptVersionRequest(script_id=script_id), metadata=md())
    assert shown.version.version == 2 and "async def run_workflow" in shown.module_code
    code = {b.label: b for b in shown.blocks}
    assert '@cached("step_1")' in code["step_1"].code and code["step_1"].cached_in_version == 2
    assert code["step_0"].cached_in_version == 1


async def test_diff_shows_per_block_changes_as_unified_diffs(stub: Stub) -> None:
    _, script_id = await two_versions(stub)
    diff = await stub.DiffScriptVersions(
        pb.DiffScriptVersionsRequest(script_id=script_id, from_version=1, to_version=2), metadata=md()
    )
    changes = {b.label: b for b in diff.blocks}
    assert changes["step_0"].change == pb.BLOCK_CHANGE_UNCHANGED and not changes["step_0"].unified_diff
    assert changes["step_1"].change == pb.BLOCK_CHANGE_MODIFIED
    assert (
        changes["step_1"].unified_diff.startswith("--- v1/blocks/")
        and "+++ v2/blocks/" in changes["step_1"].unified_diff
    )
    assert (changes["step_1"].from_cached_in_version, changes["step_1"].to_cached_in_version) == (1, 2)
    assert diff.module_diff.startswith("--- v1/module.py")


async def test_a_pinned_version_is_used_and_never_replaced_then_rollback_keeps_history(stub: Stub) -> None:
    definition, script_id = await two_versions(stub)
    pinned = await stub.PinScriptVersion(pb.PinScriptVersionRequest(script_id=script_id, version=1), metadata=md())
    assert pinned.version.pinned and pinned.version.version == 1
    assert (await resolve(stub, definition.workflow_id)).resolution.version == 1
    _, finished = await run_blocks(stub, definition, [("step_0", CODE), ("step_1", FALLBACK)])
    assert finished.published_version == 0
    assert "a pinned version is never replaced: nothing published" in finished.decision.reasons
    details = await expect_status(
        stub.RollbackScript(pb.RollbackScriptRequest(script_id=script_id, to_version=1), metadata=md()),
        grpc.StatusCode.FAILED_PRECONDITION,
    )
    assert "pinned to version 1" in details
    unpinned = await stub.UnpinScriptVersion(pb.UnpinScriptVersionRequest(script_id=script_id), metadata=md())
    assert (unpinned.unpinned_version, unpinned.current_version) == (1, 2)

    rolled = await stub.RollbackScript(pb.RollbackScriptRequest(script_id=script_id, to_version=1), metadata=md())
    assert (rolled.version.version, rolled.version.rolled_back_from, rolled.version.current) == (3, 1, True)
    resolution = (await resolve(stub, definition.workflow_id)).resolution
    assert resolution.version == 3
    assert {b.label: b.cached_in_version for b in resolution.cached_blocks} == {"step_0": 1, "step_1": 1}
    same = await stub.DiffScriptVersions(
        pb.DiffScriptVersionsRequest(script_id=script_id, from_version=1, to_version=3), metadata=md()
    )
    assert {b.change for b in same.blocks} == {pb.BLOCK_CHANGE_UNCHANGED} and not same.module_diff
    _, again = await run_blocks(stub, definition, [("step_0", CODE), ("step_1", CODE)])
    assert not again.decision.regenerate
    versions = await stub.ListScriptVersions(pb.ListScriptVersionsRequest(script_id=script_id), metadata=md())
    assert [v.version for v in versions.versions] == [3, 2, 1]
    await expect_status(
        stub.RollbackScript(pb.RollbackScriptRequest(script_id=script_id, to_version=3), metadata=md()),
        grpc.StatusCode.FAILED_PRECONDITION,
    )


async def test_coverage_counts_hits_misses_and_fallbacks_per_block(stub: Stub) -> None:
    definition = workflow(block("login", BT.BLOCK_TYPE_LOGIN), block("fill"), block("pause", BT.BLOCK_TYPE_WAIT))
    await put(stub, definition)
    await run_blocks(stub, definition, [("login", AGENT), ("fill", AGENT), ("pause", LIVE)])
    await run_blocks(stub, definition, [("login", CODE), ("fill", FALLBACK), ("pause", LIVE)])
    await run_blocks(stub, definition, [("login", CODE), ("fill", CODE), ("pause", LIVE)])
    response = await stub.GetCoverage(pb.GetCoverageRequest(workflow_id=definition.workflow_id), metadata=md())
    assert response.workflow_version == 1
    (key,) = response.cache_keys
    assert key.cache_key == "default" and key.version == 2 and key.script_id
    blocks = {b.label: b for b in key.blocks}
    assert (blocks["login"].hits, blocks["login"].misses, blocks["login"].fallbacks) == (2, 1, 0)
    assert (blocks["fill"].hits, blocks["fill"].misses, blocks["fill"].fallbacks) == (1, 1, 1)
    assert blocks["login"].cached and blocks["login"].cached_in_version == 1 and blocks["fill"].cached_in_version == 2
    assert not blocks["pause"].cacheable and not blocks["pause"].cached and blocks["pause"].misses == 0
    assert blocks["pause"].reason == "type wait is never cached"


async def test_list_runs_newest_first_with_mode_counts_and_a_status_filter(stub: Stub) -> None:
    definition = linear_workflow(2)
    await put(stub, definition)
    first, _ = await run_blocks(stub, definition, [("step_0", AGENT), ("step_1", AGENT)])
    second, _ = await run_blocks(stub, definition, [("step_0", CODE), ("step_1", FALLBACK)])
    failed, _ = await run_blocks(stub, definition, [("step_0", CODE)], status=RS.RUN_STATUS_FAILED)
    listed = await stub.ListRuns(pb.ListRunsRequest(workflow_id=definition.workflow_id), metadata=md())
    assert [r.run_id for r in listed.runs] == [failed.run_id, second.run_id, first.run_id]
    entry = listed.runs[1]
    assert (entry.code_blocks, entry.fallback_blocks, entry.agent_blocks, entry.published_version) == (1, 1, 0, 2)
    assert entry.status == RS.RUN_STATUS_COMPLETED and entry.run_with == RS.RUN_WITH_CODE
    assert entry.started_at.seconds and entry.finished_at.seconds
    only_failed = await stub.ListRuns(
        pb.ListRunsRequest(workflow_id=definition.workflow_id, status=RS.RUN_STATUS_FAILED), metadata=md()
    )
    assert [r.run_id for r in only_failed.runs] == [failed.run_id]
    limited = await stub.ListRuns(pb.ListRunsRequest(limit=1), metadata=md())
    assert len(limited.runs) == 1


async def test_unknown_records_and_other_organisations_records_are_not_found(stub: Stub) -> None:
    definition, script_id = await two_versions(stub)
    not_found = grpc.StatusCode.NOT_FOUND
    for org, sid, wid in (
        (ORG, "00000000-0000-0000-0000-000000000000", "no-such-workflow"),
        ("other", script_id, definition.workflow_id),
    ):
        await expect_status(stub.ListScripts(pb.ListScriptsRequest(workflow_id=wid), metadata=md(org)), not_found)
        await expect_status(stub.ListRuns(pb.ListRunsRequest(workflow_id=wid), metadata=md(org)), not_found)
        await expect_status(stub.GetCoverage(pb.GetCoverageRequest(workflow_id=wid), metadata=md(org)), not_found)
        calls = [
            stub.ListScriptVersions(pb.ListScriptVersionsRequest(script_id=sid), metadata=md(org)),
            stub.GetScriptVersion(pb.GetScriptVersionRequest(script_id=sid, version=1), metadata=md(org)),
            stub.DiffScriptVersions(
                pb.DiffScriptVersionsRequest(script_id=sid, from_version=1, to_version=2), metadata=md(org)
            ),
            stub.PinScriptVersion(pb.PinScriptVersionRequest(script_id=sid, version=1), metadata=md(org)),
            stub.UnpinScriptVersion(pb.UnpinScriptVersionRequest(script_id=sid), metadata=md(org)),
            stub.RollbackScript(pb.RollbackScriptRequest(script_id=sid, to_version=1), metadata=md(org)),
        ]
        for call in calls:
            await expect_status(call, not_found)
    other_scripts = await stub.ListScripts(pb.ListScriptsRequest(), metadata=md("other"))
    assert script_id not in {s.script_id for s in other_scripts.scripts}
    details = await expect_status(
        stub.GetScriptVersion(pb.GetScriptVersionRequest(script_id=script_id, version=99), metadata=md()), not_found
    )
    assert "version 99" in details


async def test_malformed_operator_requests_are_invalid_argument_with_the_reason(stub: Stub) -> None:
    _, script_id = await two_versions(stub)
    invalid = grpc.StatusCode.INVALID_ARGUMENT
    cases = [
        (stub.ListRuns(pb.ListRunsRequest(limit=501), metadata=md()), "ListRunsRequest.limit: must be"),
        (stub.ListRuns(pb.ListRunsRequest(limit=-1), metadata=md()), "ListRunsRequest.limit: must be"),
        (
            stub.ListScriptVersions(pb.ListScriptVersionsRequest(), metadata=md()),
            "ListScriptVersionsRequest.script_id: value is required",
        ),
        (
            stub.GetScriptVersion(pb.GetScriptVersionRequest(script_id=script_id, version=-1), metadata=md()),
            "GetScriptVersionRequest.version: must be greater than or equal to 0",
        ),
        (
            stub.DiffScriptVersions(pb.DiffScriptVersionsRequest(script_id=script_id), metadata=md()),
            "DiffScriptVersionsRequest.from_version: must be greater than 0",
        ),
        (
            stub.PinScriptVersion(pb.PinScriptVersionRequest(script_id=script_id), metadata=md()),
            "PinScriptVersionRequest.version: must be greater than 0",
        ),
        (
            stub.RollbackScript(pb.RollbackScriptRequest(script_id=script_id, to_version=-2), metadata=md()),
            "RollbackScriptRequest.to_version: must be greater than 0",
        ),
        (stub.GetCoverage(pb.GetCoverageRequest(), metadata=md()), "GetCoverageRequest.workflow_id: value is required"),
        (
            stub.FinishRun(pb.FinishRunRequest(run_id="x", status=RS.RUN_STATUS_RUNNING), metadata=md()),
            "final run status",
        ),
    ]
    for call, reason in cases:
        message = await expect_status(call, invalid)
        assert reason in message, message
