"""FinishRun's hot path on PostgreSQL's driver connection: one organisation's run only, read without a lock, its end
written only if the run is unchanged since the read (also behind a call holding the run), and a lost connection
answered UNAVAILABLE and never handed out again."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import insert, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from cache_service.db.engine import create_engine
from cache_service.db.migrate import migrate_engine
from cache_service.db.models import BlockRunRow, RunDraftRow, RunRow, utcnow
from cache_service.db.run_ending import EndingRun, run_ending
from services.errors import Unavailable

ORG = "ending"
END = dict(status="completed", error="", wall_ms=1, decision={"reasons": []}, publish_pending=False)


@pytest.fixture(scope="session")
async def pg_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    if not database_url.startswith("postgresql"):
        pytest.skip("the driver's hot path is PostgreSQL's; SQLite decides the general way")
    engine = create_engine(database_url)
    await migrate_engine(engine)
    yield engine
    await engine.dispose()


async def _running_run(engine: AsyncEngine, blocks: int = 2, workflow_id: str = "wf") -> str:
    run_id, now = str(uuid.uuid4()), utcnow()
    async with engine.begin() as connection:
        await connection.execute(
            insert(RunRow),
            [dict(run_id=run_id, org_id=ORG, workflow_id=workflow_id, workflow_version=1, cache_key="k",
                  run_with="code", status="running", parameters={}, secret_parameter_names=[], cached_labels=[],
                  started_at=now, lease_expires_at=now + timedelta(hours=1))],
        )
        for sequence in range(blocks):
            await _add_block_run(connection, run_id, sequence)
    return run_id


async def _add_block_run(connection: object, run_id: str, sequence: int) -> None:
    """What RecordBlockRun writes: the run locked, the block run inserted and counted on the run's row."""
    await connection.execute(text("SELECT 1 FROM runs WHERE run_id = :r FOR UPDATE"), {"r": run_id})  # type: ignore[attr-defined]
    await connection.execute(  # type: ignore[attr-defined]
        insert(BlockRunRow),
        [dict(run_id=run_id, org_id=ORG, sequence=sequence, label=f"step_{sequence}", type=1, mode=2, status=1)],
    )
    await connection.execute(  # type: ignore[attr-defined]
        update(RunRow).where(RunRow.run_id == run_id).values(block_runs_recorded=RunRow.block_runs_recorded + 1)
    )


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


async def _end(engine: AsyncEngine, run_id: str, *, settle: bool = True) -> bool:
    """Read the run and write its end at once; whether it was written."""
    async with run_ending(engine, ORG, run_id) as ending:
        return await ending.end(settle=settle, finished_at=utcnow(), **END) is not None


async def test_the_run_is_read_in_execution_order_only_for_its_organisation_and_not_locked(
    pg_engine: AsyncEngine,
) -> None:
    run_id = await _running_run(pg_engine, blocks=3)
    async with run_ending(pg_engine, ORG, run_id) as ending:
        assert ending.found is not None
        assert (ending.found.run.run_id, ending.found.run.status) == (run_id, "running")
        assert [block.label for block in ending.found.blocks] == ["step_0", "step_1", "step_2"]
        assert not ending.found.drafts_pending and not ending.found.others_waiting
        assert await _lock_is_free(pg_engine, run_id)  # no lock is held between the read and the end
    async with run_ending(pg_engine, "someone-else", run_id) as ending:
        assert ending.found is None


async def test_an_unchanged_run_is_ended_once_and_its_lock_released(pg_engine: AsyncEngine) -> None:
    run_id = await _running_run(pg_engine)
    async with run_ending(pg_engine, ORG, run_id) as ending:
        written = await ending.end(settle=True, finished_at=utcnow(), **END)
        assert written is not None and written.run_id == run_id and not written.draft_files
        # The same read again (a retried call racing the first) writes nothing over the ended run.
        assert await ending.end(settle=True, finished_at=utcnow(), **END) is None
    assert await _lock_is_free(pg_engine, run_id) and await _status(pg_engine, run_id) == "completed"
    assert not await _end(pg_engine, run_id)
    with pytest.raises(ValueError, match="exactly"):
        async with run_ending(pg_engine, ORG, run_id) as ending:
            await ending.end(settle=True, status="completed")


async def test_nothing_is_written_when_the_run_changed_since_it_was_read(pg_engine: AsyncEngine) -> None:
    # A block run recorded after the read: the decision did not see it.
    recorded = await _running_run(pg_engine)
    async with run_ending(pg_engine, ORG, recorded) as ending:
        async with pg_engine.begin() as connection:
            await _add_block_run(connection, recorded, 2)
        assert await ending.end(settle=True, finished_at=utcnow(), **END) is None
    assert await _status(pg_engine, recorded) == "running"
    assert await _end(pg_engine, recorded)  # read again, with the third block: written

    # A block run being recorded when the end is written, committed only after: the write waits for it, then
    # finds the run's count changed (a count of block_runs would be read from the write's own older snapshot).
    in_flight = await _running_run(pg_engine)
    async with run_ending(pg_engine, ORG, in_flight) as ending:
        async with pg_engine.connect() as recording:
            await _add_block_run(recording, in_flight, 2)
            end = asyncio.create_task(ending.end(settle=True, finished_at=utcnow(), **END))
            await asyncio.sleep(0.3)
            assert not end.done()  # behind the record's lock on the run
            await recording.commit()
        assert await end is None
    assert await _status(pg_engine, in_flight) == "running"

    # The run ended by another call (the general path, the lease sweep) after the read.
    ended = await _running_run(pg_engine)
    async with run_ending(pg_engine, ORG, ended) as ending:
        async with pg_engine.begin() as connection:
            await connection.execute(update(RunRow).where(RunRow.run_id == ended).values(status="abandoned"))
        assert await ending.end(settle=True, finished_at=utcnow(), **END) is None
    assert await _status(pg_engine, ended) == "abandoned"

    # Another run of the same script came to wait to publish after the read.
    workflow_id = f"wf-{uuid.uuid4().hex[:8]}"
    waiting, other = await _running_run(pg_engine, workflow_id=workflow_id), await _running_run(pg_engine)
    async with run_ending(pg_engine, ORG, waiting) as ending:
        assert ending.found is not None and not ending.found.others_waiting
        async with pg_engine.begin() as connection:
            await connection.execute(
                update(RunRow).where(RunRow.run_id == other)
                .values(workflow_id=workflow_id, status="completed", publish_pending=True)
            )
        assert await ending.end(settle=True, finished_at=utcnow(), **END) is None
    assert await _status(pg_engine, waiting) == "running"


async def test_a_pending_draft_is_read_and_stops_an_end_that_settles(pg_engine: AsyncEngine) -> None:
    run_id = await _running_run(pg_engine)
    async with pg_engine.begin() as connection:
        await connection.execute(
            insert(RunDraftRow), [dict(run_id=run_id, org_id=ORG, label="step_1", state="pending", sequence=1)]
        )
    async with run_ending(pg_engine, ORG, run_id) as ending:
        assert ending.found is not None and ending.found.drafts_pending
    assert not await _end(pg_engine, run_id, settle=True)
    assert await _status(pg_engine, run_id) == "running"
    assert await _end(pg_engine, run_id, settle=False)  # a failed run does not wait for its drafts


async def _waiting_for_a_lock(engine: AsyncEngine) -> bool:
    async with engine.connect() as connection:
        found = await connection.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE runs%'")
        )
        return bool(found.scalar_one())


async def _end_behind_a_lock(engine: AsyncEngine, run_id: str, **change: object) -> EndingRun | None:
    """Read the run; another transaction locks it (as the general path, a draft claim or the sweep do), our end
    waits for it; the other transaction changes the run by ``change`` and commits. What our end returned."""
    async with run_ending(engine, ORG, run_id) as ending:
        async with engine.connect() as other:
            await other.execute(text("SELECT 1 FROM runs WHERE run_id = :r FOR UPDATE"), {"r": run_id})
            end = asyncio.create_task(ending.end(settle=True, finished_at=utcnow(), **END))
            while not await _waiting_for_a_lock(engine):
                assert not end.done()
                await asyncio.sleep(0.01)
            await other.execute(update(RunRow).where(RunRow.run_id == run_id).values(**change))
            await other.commit()
        return await end


async def test_an_end_behind_a_call_holding_the_run_is_decided_on_the_run_that_call_left(
    pg_engine: AsyncEngine,
) -> None:
    # The other call ended the run: ours writes nothing (the general path then answers as the first call did).
    ended = await _running_run(pg_engine)
    assert await _end_behind_a_lock(pg_engine, ended, status="failed") is None
    assert await _status(pg_engine, ended) == "failed"
    # A draft was claimed meanwhile: the run is ended, and its draft folder is known to need deleting.
    drafted = await _running_run(pg_engine)
    written = await _end_behind_a_lock(pg_engine, drafted, draft_files=True)
    assert written is not None and written.draft_files
    assert await _status(pg_engine, drafted) == "completed"


async def test_a_lost_connection_is_unavailable_and_the_next_call_gets_another(pg_engine: AsyncEngine) -> None:
    run_id = await _running_run(pg_engine)
    with pytest.raises(Unavailable):
        async with run_ending(pg_engine, ORG, run_id) as ending:
            async with pg_engine.connect() as other:
                # The backend that read the run is killed, as a server restart or a network cut would.
                await other.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ("
                         "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                         "AND query LIKE '%AS others_waiting%FROM runs%' ORDER BY state_change DESC LIMIT 1)")
                )
                await other.commit()
            await ending.end(settle=True, finished_at=utcnow(), **END)
    async with run_ending(pg_engine, ORG, run_id) as ending:
        assert ending.found is not None and ending.found.run.status == "running"


async def test_the_general_path_reads_every_block_recorded_by_the_call_it_waited_behind(
    pg_engine: AsyncEngine,
) -> None:
    """FinishRun's general path locks the run, then reads its block runs: a block recorded by the call whose lock it
    waited for is read. (Read in the locking statement itself, PostgreSQL re-checks the run's row once that call
    commits but keeps the block runs of the statement's older snapshot: the run was ended from two blocks while a
    third was on record, and a FinishRun that came after refused it as incomplete.)"""
    from sqlalchemy.ext.asyncio import AsyncSession

    from cache_service.db.run_repository import RunRepository

    run_id = await _running_run(pg_engine)
    async with pg_engine.connect() as recording:  # RecordBlockRun, holding the run while it adds a third block
        await _add_block_run(recording, run_id, 2)
        async with AsyncSession(pg_engine) as session:
            reading = asyncio.create_task(RunRepository(session).to_finish(ORG, run_id))
            await asyncio.sleep(0.3)
            assert not reading.done()  # behind the recording call's lock
            await recording.commit()
            found = await reading
            assert found is not None
            assert [block.label for block in found.blocks] == ["step_0", "step_1", "step_2"]
            assert found.run.block_runs_recorded == 3
            await session.rollback()
