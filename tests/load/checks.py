"""Consistency of what the cache service published, read back through its RPCs only."""

from __future__ import annotations

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc


async def check_versions(
    stub: cache_service_pb2_grpc.CacheServiceStub, org: str, workflow_id: str, labels: list[str]
) -> list[pb.GetScriptVersionResponse]:
    """One script; versions 1..N without gaps or duplicates, each from a different run; every version's blocks
    unique, with verified code; the latest covers every label; coverage agrees. Returns the versions."""
    meta = outgoing_metadata(org)
    scripts = (await stub.ListScripts(pb.ListScriptsRequest(workflow_id=workflow_id), metadata=meta)).scripts
    assert len(scripts) == 1, f"{workflow_id}: one script per workflow and cache key, got {len(scripts)}"
    script = scripts[0]
    listed = await stub.ListScriptVersions(pb.ListScriptVersionsRequest(script_id=script.script_id), metadata=meta)
    numbers = sorted(v.version for v in listed.versions)
    assert numbers == list(range(1, len(numbers) + 1)), f"{workflow_id}: versions {numbers}"
    sources = [v.source_run_id for v in listed.versions]
    assert len(set(sources)) == len(sources), f"{workflow_id}: a run published twice: {sources}"
    versions = []
    for number in numbers:
        version = await stub.GetScriptVersion(
            pb.GetScriptVersionRequest(script_id=script.script_id, version=number), metadata=meta
        )
        block_labels = [block.label for block in version.blocks]
        assert len(block_labels) == len(set(block_labels)), f"{workflow_id} v{number}: duplicate blocks"
        assert all(block.code and block.cached_in_version <= number for block in version.blocks)
        versions.append(version)
    assert [b.label for b in versions[-1].blocks] == labels, f"{workflow_id}: lost blocks in the latest version"
    coverage = await stub.GetCoverage(pb.GetCoverageRequest(workflow_id=workflow_id), metadata=meta)
    (key,) = coverage.cache_keys
    assert key.version == numbers[-1] and all(block.cached for block in key.blocks if block.label in labels), (
        f"{workflow_id}: coverage"
    )
    return versions
