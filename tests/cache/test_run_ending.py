"""FinishRun's hot path on PostgreSQL's driver connection: one organisation's run only, its lock released however the
transaction ends, and a lost connection answered UNAVAILABLE and never handed out again."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncEngine

from cache_service.db.engine import create_engine
from cache_service.db.migrate import migrate_engine
from cache_service.db.models import BlockRunRow, RunRow, utcnow
from cache_service.db.run_ending import run_ending
from services.errors import Unavailable

ORG = "ending"


@pytest.fixture(scope="session")
async def pg_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    if not database_url.startswith("postgresql"):
        pytest.skip("the driver's hot path is PostgreSQL's; SQLite decides the general way")
    engine = create_engine(database_url)
    await migrate_engine(engine)
    yield engine
    await engine.dispose()


async def _running_run(engine: AsyncEngine, blocks: int = 2) -> str:
    run_id, now = str(uuid.uuid4()), utcnow()
    async with engine.begin() as connection:
        await connection.execute(
            insert(RunRow),
            [dict(run_id=run_id, org_id=ORG, workflow_id="wf", workflow_version=1, cache_key="k", run_with="code",
                  status="running", parameters={}, secret_parameter_names=[], cached_labels=[], started_at=now,
                  lease_expires_at=now + timedelta(hours=1))],
        )
        await connection.execute(
            insert(BlockRunRow),
            [dict(run_id=run_id, org_id=ORG, sequence=s, label=f"step_{s}", type=1, mode=2, status=1)
             for s in range(blocks)],
        )
    return run_id


async def _lock_is_free(engine: AsyncEngine, run_id: str) -> bool:
    async with engine.connect() as connection:
        try:
            await connection.execute(text("SELECT 1 FROM runs WHERE run_id = :r FOR UPDATE NOWAIT"), {"r": run_id})
        except Exception:  # noqa: BLE001 - lock_not_available, whatever the wrapping
            return False
        finally:
            await connection.rollback()
    return True


async def _status(engine: AsyncEngine, run_id: str) -> str:
    async with engine.connect() as connection:
        found = await connection.execute(text("SELECT status FROM runs WHERE run_id = :r"), {"r": run_id})
        return str(found.one()[0])


async def test_the_run_is_read_locked_in_execution_order_and_only_for_its_organisation(pg_engine: AsyncEngine) -> None:
    run_id = await _running_run(pg_engine, blocks=3)
    async with run_ending(pg_engine, ORG, run_id) as ending:
        assert ending.found is not None
        assert (ending.found.run.run_id, ending.found.run.status) == (run_id, "running")
        assert [block.label for block in ending.found.blocks] == ["step_0", "step_1", "step_2"]
        assert not ending.found.drafts_pending and not ending.found.others_waiting
        assert not await _lock_is_free(pg_engine, run_id)
    async with run_ending(pg_engine, "someone-else", run_id) as ending:
        assert ending.found is None


async def test_leaving_without_commit_or_with_an_error_writes_nothing_and_releases_the_lock(
    pg_engine: AsyncEngine,
) -> None:
    run_id = await _running_run(pg_engine)
    end = dict(status="completed", error="", wall_ms=1, finished_at=utcnow(), decision={"reasons": []},
               publish_pending=False)
    async with run_ending(pg_engine, ORG, run_id) as ending:
        await ending.end(run_id, **end)
    assert await _lock_is_free(pg_engine, run_id) and await _status(pg_engine, run_id) == "running"
    with pytest.raises(RuntimeError):
        async with run_ending(pg_engine, ORG, run_id) as ending:
            await ending.end(run_id, **end)
            raise RuntimeError("the decision failed")
    assert await _lock_is_free(pg_engine, run_id) and await _status(pg_engine, run_id) == "running"
    async with run_ending(pg_engine, ORG, run_id) as ending:
        await ending.end(run_id, **end)
        await ending.commit()
    assert await _lock_is_free(pg_engine, run_id) and await _status(pg_engine, run_id) == "completed"


async def test_a_lost_connection_is_unavailable_and_the_next_call_gets_another(pg_engine: AsyncEngine) -> None:
    run_id = await _running_run(pg_engine)
    with pytest.raises(Unavailable):
        async with run_ending(pg_engine, ORG, run_id) as ending:
            async with pg_engine.connect() as other:
                # The backend holding the run's lock is killed, as a server restart or a network cut would.
                await other.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE state = 'idle in transaction' AND query LIKE '%FOR UPDATE OF runs%'")
                )
                await other.commit()
            await ending.end(run_id, status="completed", error="", wall_ms=1, finished_at=utcnow(), decision={},
                             publish_pending=False)
    async with run_ending(pg_engine, ORG, run_id) as ending:
        assert ending.found is not None and ending.found.run.status == "running"
