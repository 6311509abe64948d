"""Loading a run for generation, and finishing it, costs the same number of statements for 1, 20 or 200 blocks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from cache_service.app import publishing, runs, workflows
from cache_service.app.codegen_gateway import CodegenGateway
from cache_service.app.context import AppContext
from cache_service.db.engine import create_engine
from cache_service.db.migrate import migrate_engine
from cache_service.db.unit_of_work import UnitOfWorkFactory
from services.gen.rote.v1 import run_pb2
from services.server import ServiceServer
from services.settings import CallSettings
from tests.cache.builders import block_run, linear_workflow

ORG = "counting"
SIZES = (1, 20, 200)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    await migrate_engine(engine)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def app(engine: AsyncEngine, codegen: ServiceServer) -> AsyncIterator[AppContext]:
    gateway = CodegenGateway(codegen.address, 60.0, calls=CallSettings.plaintext())
    app = AppContext(UnitOfWorkFactory(engine), gateway)
    yield app
    await app.drafts.close()
    await gateway.close()


@contextmanager
def counted(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def on_execute(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001, ARG001
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", on_execute)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", on_execute)


async def _recorded_run(app: AppContext, blocks: int, mode: int = run_pb2.BLOCK_MODE_AGENT, definition=None) -> str:  # noqa: ANN001
    definition = definition or linear_workflow(blocks)
    await workflows.put_workflow(app, ORG, definition)
    started = await runs.start_run(
        app,
        ORG,
        workflow_id=definition.workflow_id,
        workflow_version=0,
        parameters={"email": "a@example.com"},
        secret_parameters=[],
        run_with=run_pb2.RUN_WITH_CODE,
        lease_seconds=0,
    )
    for sequence in range(blocks):
        await runs.record_block_run(app, ORG, started.run_id, block_run(f"step_{sequence}", sequence, mode=mode))
    # Drafts are generated in the background as blocks complete; let them land before counting.
    assert await app.drafts.wait(started.run_id, 60)
    return started.run_id


async def test_loading_a_run_for_generation_is_two_queries_whatever_its_size(
    app: AppContext, engine: AsyncEngine
) -> None:
    for blocks in SIZES:
        run_id = await _recorded_run(app, blocks)
        async with app.uow() as uow:
            with counted(engine) as statements:
                rows, actions = await uow.runs.load_for_generation(ORG, run_id)
        assert len(rows) == blocks and sum(len(a) for a in actions.values()) == 3 * blocks
        assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2


async def test_finishing_and_publishing_a_run_costs_the_same_statements_whatever_its_size(
    app: AppContext, engine: AsyncEngine
) -> None:
    counts = {}
    for blocks in SIZES:
        run_id = await _recorded_run(app, blocks)
        with counted(engine) as statements:
            finished = await publishing.finish_run(
                app, ORG, run_id, status=run_pb2.RUN_STATUS_COMPLETED, error="", wall_ms=1, force=False
            )
        assert finished.published_version == 1 and len(finished.decision.blocks_to_update) == blocks
        counts[blocks] = len(statements)
    assert len(set(counts.values())) == 1, counts


async def test_finishing_a_run_that_needs_nothing_is_a_few_statements_and_no_codegen_call(
    app: AppContext, engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmark's decision-latency path: every block ran as code, so FinishRun only decides."""
    calls: list[object] = []
    counts = {}
    for blocks in SIZES:
        definition = linear_workflow(blocks)
        first = await _recorded_run(app, blocks, definition=definition)
        await publishing.finish_run(
            app, ORG, first, status=run_pb2.RUN_STATUS_COMPLETED, error="", wall_ms=1, force=False
        )
        run_id = await _recorded_run(app, blocks, mode=run_pb2.BLOCK_MODE_CODE, definition=definition)
        original = app.codegen.generate

        async def spy(*args: object, _original=original) -> object:  # noqa: ANN001
            calls.append(args)
            return await _original(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(app.codegen, "generate", spy)
        with counted(engine) as statements:
            finished = await publishing.finish_run(
                app, ORG, run_id, status=run_pb2.RUN_STATUS_COMPLETED, error="", wall_ms=1, force=False
            )
        monkeypatch.undo()
        assert not finished.decision.regenerate and finished.published_version == 0
        counts[blocks] = len(statements)
    assert not calls
    assert len(set(counts.values())) == 1 and counts[1] <= 12, counts
