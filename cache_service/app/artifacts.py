"""Reading back the files a run left in object storage (screenshots, downloaded files, large outputs), for the
organisation that owns the run only: the executor writes them under ``<org>/runs/<run_id>/``."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from cache_service.app.context import AppContext
from cache_service.app.runs import require_run
from services.errors import FailedPrecondition, InvalidArgument
from services.storage import check_key


@dataclass(frozen=True)
class Artifact:
    """One file of a run, read whole (it is at most the size bound)."""

    key: str
    content_type: str
    data: bytes


def run_folder(org: str, run_id: str) -> str:
    """Where the executor keeps a run's files (executor_service/engine/artifacts.py)."""
    return f"{org}/runs/{run_id}/"


async def read_run_artifact(ctx: AppContext, org: str, run_id: str, key: str) -> Artifact:
    """The file under ``key``, which must lie in the folder of ``run_id``, a run of ``org``.

    A malformed key (empty, '.' or '..' parts) is INVALID_ARGUMENT; another organisation's key, or a run that is
    not ``org``'s, is NOT_FOUND exactly like a missing file, so nothing about other organisations is revealed; a
    key of ``org`` outside the run's folder is INVALID_ARGUMENT; a file over the bound is FAILED_PRECONDITION.
    """
    check_key(key, org)  # InvalidObjectKey, or ObjectOutsideOrganisation (NOT_FOUND) for another org's key
    folder = run_folder(org, run_id)
    if not key.startswith(folder):
        raise InvalidArgument(f"key is not a file of run {run_id!r}: a run's files lie under {folder!r}")
    async with ctx.uow() as uow:
        await require_run(uow, org, run_id)
    if ctx.store is None:
        raise FailedPrecondition("the cache service has no object storage configured: run files cannot be read")
    size = await ctx.store.size(key)  # StoredObjectMissing is NOT_FOUND
    _check_size(size, ctx.artifact_max_bytes, key)
    data = await ctx.store.get(key)
    _check_size(len(data), ctx.artifact_max_bytes, key)  # it may have been replaced in between
    content_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
    return Artifact(key, content_type, data)


def _check_size(size: int, bound: int, key: str) -> None:
    if size > bound:
        name = key.rsplit("/", 1)[-1]
        raise FailedPrecondition(f"run file {name!r} is {size} bytes, over the {bound} bytes that can be read here")
