"""SQL statements issued to load a run for generation, for runs of 1, 20 and 200 blocks."""

from __future__ import annotations

import pathlib
from typing import Any

from sqlalchemy import event

from cache_service.app import runs, workflows
from cache_service.app.codegen_gateway import CodegenGateway
from cache_service.app.context import AppContext
from cache_service.db.engine import create_engine
from cache_service.db.migrate import migrate_engine
from cache_service.db.unit_of_work import UnitOfWorkFactory
from services.gen.rote.v1 import run_pb2
from services.settings import CallSettings
from tests.cache.builders import block_run, linear_workflow

ORG = "bench"
SIZES = (1, 20, 200)


async def measure(home: pathlib.Path, database_url: str, progress: Any) -> dict[str, Any]:
    engine = create_engine(database_url)
    await migrate_engine(engine)
    # Only loading is measured here: no codegen behind it, so no drafts are attempted.
    codegen = CodegenGateway("127.0.0.1:9", 1.0, calls=CallSettings.plaintext())
    app = AppContext(UnitOfWorkFactory(engine), codegen, drafts_enabled=False)
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    results: dict[str, Any] = {}
    try:
        for size in SIZES:
            progress(f"statements to load a {size}-block run")
            definition = linear_workflow(size)
            await workflows.put_workflow(app, ORG, definition)
            started = await runs.start_run(
                app, ORG, workflow_id=definition.workflow_id, workflow_version=0,
                parameters={"email": "a@example.com"}, secret_parameters=[],
                run_with=run_pb2.RUN_WITH_AGENT, lease_seconds=0,
            )
            for sequence in range(size):
                await runs.record_block_run(app, ORG, started.run_id, block_run(f"step_{sequence}", sequence))
            statements.clear()
            event.listen(engine.sync_engine, "before_cursor_execute", count)
            try:
                async with app.uow() as uow:
                    await uow.runs.load_for_generation(ORG, started.run_id)
            finally:
                event.remove(engine.sync_engine, "before_cursor_execute", count)
            results[f"sql_statements_finish_{size}"] = len(statements)
    finally:
        await engine.dispose()
    return results
