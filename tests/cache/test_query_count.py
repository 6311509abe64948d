"""Loading a run for generation, and finishing it, costs the same number of statements for 1, 10 or 50 blocks; a
warm replica finishes a run in two statements and answers a resolution it holds without the database."""

from __future__ import annotations

import asyncio
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
from cache_service.db.resolution_cache import ResolutionCache
from cache_service.db.unit_of_work import UnitOfWorkFactory
from services.errors import NotFound
from services.gen.rote.v1 import run_pb2
from services.server import ServiceServer
from services.settings import CallSettings
from tests.cache.builders import block_run, linear_workflow

ORG = "counting"
# Sizes five times apart: a statement per block would show at once (200 blocks took 40 s a test here).
SIZES = (1, 10, 50)


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


_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


def _verb(statement: str) -> str:
    return statement.lstrip().split()[0].rstrip(";").upper()


@contextmanager
def counted(engine: AsyncEngine, control: list[str] | None = None) -> Iterator[list[str]]:
    """Every statement sent, through SQLAlchemy or straight on an asyncpg connection (FinishRun's hot path);
    ``control`` gets asyncpg's transaction control statements (SQLAlchemy's own included), in order. asyncpg tells
    its query loggers soon after each statement: the caller lets the event loop turn before reading."""
    statements: list[str] = []
    through_sqlalchemy: set[str] = set()

    def on_execute(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001, ARG001
        statements.append(statement)
        through_sqlalchemy.add(statement)

    def on_driver_query(record) -> None:  # noqa: ANN001 - asyncpg's LoggedQuery
        if _verb(record.query) in _CONTROL:
            if control is not None:
                control.append(_verb(record.query))
        elif record.query not in through_sqlalchemy:  # SQLAlchemy's executemany is logged by asyncpg too
            statements.append(record.query)

    def on_checkout(dbapi_connection, record, proxy) -> None:  # noqa: ANN001, ARG001
        # asyncpg reports the statements it runs unprepared (SQLAlchemy's own are prepared, counted above).
        if hasattr(dbapi_connection.driver_connection, "add_query_logger"):
            dbapi_connection.driver_connection.add_query_logger(on_driver_query)

    def on_checkin(dbapi_connection, record) -> None:  # noqa: ANN001, ARG001
        if dbapi_connection is not None and hasattr(dbapi_connection.driver_connection, "remove_query_logger"):
            dbapi_connection.driver_connection.remove_query_logger(on_driver_query)

    listeners = (("before_cursor_execute", on_execute), ("checkout", on_checkout), ("checkin", on_checkin))
    for name, listener in listeners:
        event.listen(engine.sync_engine, name, listener)
    try:
        yield statements
    finally:
        for name, listener in listeners:
            event.remove(engine.sync_engine, name, listener)


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


@pytest.fixture(scope="session")
async def warm_engine(database_url: str, engine: AsyncEngine) -> AsyncIterator[AsyncEngine]:
    """An engine of its own (the database migrated by ``engine``): statements counted on it are this replica's only,
    never those of drafts another test's app is still making in the background."""
    own = create_engine(database_url)
    yield own
    await own.dispose()


@pytest.fixture(scope="session")
async def warm_app(warm_engine: AsyncEngine, app: AppContext) -> AsyncIterator[AppContext]:
    """The same database and codegen, with a resolution cache: what a replica decides with (nothing invalidates it
    behind this process's back here: the tests change nothing another process would announce)."""
    warm = AppContext(UnitOfWorkFactory(warm_engine, ResolutionCache(100)), app.codegen)
    yield warm
    await warm.drafts.close()


@contextmanager
def checkouts(engine: AsyncEngine) -> Iterator[list[object]]:
    taken: list[object] = []

    def on_checkout(dbapi_connection, record, proxy) -> None:  # noqa: ANN001, ARG001
        taken.append(record)

    event.listen(engine.sync_engine, "checkout", on_checkout)
    try:
        yield taken
    finally:
        event.remove(engine.sync_engine, "checkout", on_checkout)


async def test_a_warm_finish_that_needs_nothing_is_one_read_and_one_write(
    warm_app: AppContext, warm_engine: AsyncEngine
) -> None:
    """The run with its block runs in one statement, its end in another: no re-read, no ORM flush of its own (on
    PostgreSQL the end is written only if the run is unchanged since the read; SQLite locks it by the read)."""
    definition = linear_workflow(3)
    first = await _recorded_run(warm_app, 3, definition=definition)
    await publishing.finish_run(warm_app, ORG, first, status=run_pb2.RUN_STATUS_COMPLETED, error="", wall_ms=1,
                                force=False)
    warming = await _recorded_run(warm_app, 3, mode=run_pb2.BLOCK_MODE_CODE, definition=definition)
    await publishing.finish_run(warm_app, ORG, warming, status=run_pb2.RUN_STATUS_COMPLETED, error="", wall_ms=1,
                                force=False)
    run_id = await _recorded_run(warm_app, 3, mode=run_pb2.BLOCK_MODE_CODE, definition=definition)
    control: list[str] = []
    with counted(warm_engine, control) as statements:
        finished = await publishing.finish_run(
            warm_app, ORG, run_id, status=run_pb2.RUN_STATUS_COMPLETED, error="", wall_ms=7, force=False
        )
        await asyncio.sleep(0)  # asyncpg calls its query loggers soon after each statement, not during it
    assert not finished.decision.regenerate and finished.published_version == 0
    assert [_verb(s) for s in statements] == ["SELECT", "UPDATE"], statements
    if warm_engine.dialect.name == "postgresql":
        # Two statements, each its own transaction: no BEGIN, no COMMIT, no rollback, no second attempt.
        assert control == [], control
    record = await runs.get_run(warm_app, ORG, run_id)
    assert (record.run.status, record.run.wall_ms, record.run.publish_pending) == ("completed", 7, False)
    assert record.decision is not None and record.decision.reasons == finished.decision.reasons
    assert [block.label for block in record.block_runs] == ["step_0", "step_1", "step_2"]


async def test_a_resolution_held_in_memory_is_answered_without_a_database_connection(
    warm_app: AppContext, warm_engine: AsyncEngine
) -> None:
    definition = linear_workflow(2)
    first = await _recorded_run(warm_app, 2, definition=definition)
    await publishing.finish_run(warm_app, ORG, first, status=run_pb2.RUN_STATUS_COMPLETED, error="", wall_ms=1,
                                force=False)
    parameters = {"email": "b@example.com"}
    read = await runs.resolve_script(warm_app, ORG, definition.workflow_id, parameters)
    with counted(warm_engine) as statements, checkouts(warm_engine) as taken:
        again = await runs.resolve_script(warm_app, ORG, definition.workflow_id, parameters)
    assert (statements, taken) == ([], [])
    assert again == read and read.version == 1
    with pytest.raises(NotFound):
        # Another organisation's call for the same workflow id is not answered from this one's entry.
        await runs.resolve_script(warm_app, "someone-else", definition.workflow_id, parameters)


async def test_an_unchanged_definition_held_in_memory_is_stored_without_a_database_connection(
    warm_app: AppContext, warm_engine: AsyncEngine
) -> None:
    """Every run stores its definition (StartRun): the common case, nothing changed, costs no transaction."""
    definition = linear_workflow(2, workflow_id="held-definition")
    version, created = await workflows.put_workflow(warm_app, ORG, definition)
    # Stored again, found unchanged in the database: that version is known to be the latest and is held from now on.
    assert await workflows.put_workflow(warm_app, ORG, definition) == (version, False)
    with counted(warm_engine) as statements, checkouts(warm_engine) as taken:
        again = await workflows.put_workflow(warm_app, ORG, definition)
    assert (statements, taken) == ([], [])
    assert created and again == (version, False)
    changed = linear_workflow(3, workflow_id="held-definition")
    with counted(warm_engine) as statements:
        assert await workflows.put_workflow(warm_app, ORG, changed) == (version + 1, True)
    assert statements
    # The held version is no longer the latest: the same old content now makes a new version, as in the database.
    assert await workflows.put_workflow(warm_app, ORG, definition) == (version + 2, True)
    assert (await workflows.get_workflow(warm_app, ORG, definition.workflow_id)).version == version + 2
