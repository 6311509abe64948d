"""Starting a run in the cache service: a definition given with the request is stored by StartRun itself."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import grpc

from executor_service.cache_client import CacheClient
from services.errors import InvalidArgument
from services.gen.rote.v1 import cache_service_pb2 as cache_pb
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import run_pb2, workflow_pb2

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Started:
    """The cache service's answer, and the run's parameter values (defaults filled in, secrets included)."""

    response: cache_pb.StartRunResponse
    parameters: dict[str, str]


async def start_run(cache: CacheClient, org: str, request: ex_pb.RunWorkflowRequest) -> Started:
    """StartRun for ``request``. A definition given inline goes with StartRun (one round trip, not PutWorkflow
    then StartRun); a cache service older than that ignores it, so its run is ended and the old two calls made."""
    if request.HasField("workflow"):
        workflow = request.workflow
        parameters = parameters_with_defaults(workflow, dict(request.parameters))
        try:
            response = await cache.start_run(org, _start_request(workflow, 0, parameters, request, inline=True))
        except grpc.aio.AioRpcError as exc:
            if exc.code() != grpc.StatusCode.NOT_FOUND:
                raise
            response = None  # an older cache service that never held this workflow
        if response is not None and response.definition_stored:
            return Started(response, parameters)
        if response is not None:
            await _end_misstarted(cache, org, response.run_id)
        stored = await cache.put_workflow(org, workflow)
        return Started(await cache.start_run(org, _start_request(workflow, stored.version, parameters, request)),
                       parameters)
    if not request.workflow_id:
        raise InvalidArgument("give either workflow (a definition) or workflow_id (a stored workflow)")
    try:
        workflow = await cache.get_workflow(org, request.workflow_id)
    except grpc.aio.AioRpcError as exc:
        if exc.code() == grpc.StatusCode.NOT_FOUND:
            raise InvalidArgument(f"unknown workflow {request.workflow_id!r}: store it first") from exc
        raise
    parameters = parameters_with_defaults(workflow, dict(request.parameters))
    return Started(await cache.start_run(org, _start_request(workflow, workflow.version, parameters, request)),
                   parameters)


def _start_request(
    workflow: workflow_pb2.Workflow, version: int, parameters: dict[str, str], request: ex_pb.RunWorkflowRequest,
    *, inline: bool = False,
) -> cache_pb.StartRunRequest:
    secret_keys = {p.key for p in workflow.parameters if p.secret}
    start = cache_pb.StartRunRequest(
        workflow_id=workflow.workflow_id,
        workflow_version=version,
        parameters={k: v for k, v in parameters.items() if k not in secret_keys},
        secret_parameters=sorted(k for k in parameters if k in secret_keys),
        run_with=request.run_with or run_pb2.RUN_WITH_AUTO,
    )
    if inline:
        start.workflow.CopyFrom(workflow)
    return start


async def _end_misstarted(cache: CacheClient, org: str, run_id: str) -> None:
    """End, best effort, a run an older cache service started on the definition it held rather than ours."""
    log.warning("the cache service did not store the definition with StartRun; storing it first and starting again")
    try:
        await cache.finish_run(
            org,
            cache_pb.FinishRunRequest(
                run_id=run_id, status=run_pb2.RUN_STATUS_ABANDONED,
                error="started again: this cache service did not store the definition given with StartRun",
            ),
            retry=False,
        )
    except grpc.aio.AioRpcError as exc:  # its lease abandons it later
        log.warning("misstarted run not ended", extra={"code": exc.code().name})


def parameters_with_defaults(workflow: workflow_pb2.Workflow, given: dict[str, str]) -> dict[str, str]:
    """Run values with defaults filled in; a missing required value is refused before anything runs."""
    values = dict(given)
    for parameter in workflow.parameters:
        if parameter.key not in values and parameter.has_default:
            values[parameter.key] = parameter.default_value
    missing = [p.key for p in workflow.parameters if p.required and p.key not in values]
    if missing:
        raise InvalidArgument(f"missing required parameter(s): {', '.join(missing)}")
    return values
