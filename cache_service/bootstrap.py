"""Composition root of the cache service: engine (migrated), units of work, codegen gateway, storage, servicer."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from cache_service.app.codegen_gateway import CodegenGateway
from cache_service.app.context import AppContext
from cache_service.app.leases import sweep_expired
from cache_service.app.publishing import retry_pending_publishes
from cache_service.db.engine import check_database, create_engine, is_sqlite
from cache_service.db.migrate import migrate_engine
from cache_service.db.notifications import InvalidationListener
from cache_service.db.resolution_cache import ResolutionCache, shared_cache
from cache_service.db.unit_of_work import UnitOfWorkFactory
from cache_service.servicer import CacheServicer
from cache_service.settings import CacheSettings
from services.gen.rote.v1 import cache_service_pb2, cache_service_pb2_grpc
from services.isolation.pool import close_template_pool, warm_workers
from services.server import ServiceServer, start_server
from services.storage import open_object_store

__all__ = ["CacheSettings", "SERVICE_NAME", "start_cache_service"]

SERVICE_NAME = cache_service_pb2.DESCRIPTOR.services_by_name["CacheService"].full_name
log = logging.getLogger(__name__)
# How long startup waits for the invalidation listener; the cache stays dark (reads go to the database) until then.
LISTENER_START_WAIT_S = 5.0
# Servers started here, by id, with their listener (None on SQLite): tests look at a replica's cache through it.
_STARTED: dict[int, tuple[AppContext, InvalidationListener | None]] = {}


def replica_of(server: ServiceServer) -> tuple[AppContext, InvalidationListener | None]:
    """The application context and invalidation listener of a server this process started."""
    return _STARTED[id(server)]


async def _resolution_cache(settings: CacheSettings) -> tuple[ResolutionCache, InvalidationListener | None]:
    """SQLite serves one process: its replicas share one cache. PostgreSQL replicas each keep their own, kept in
    step by notifications."""
    if is_sqlite(settings.database_url):
        return shared_cache(settings.database_url, settings.resolution_cache_size), None
    cache = ResolutionCache(settings.resolution_cache_size, live=False)
    if settings.resolution_cache_size <= 0:
        return cache, None
    listener = InvalidationListener(settings.database_url, cache)
    await listener.start(LISTENER_START_WAIT_S)
    return cache, listener


async def _sweep_forever(app: AppContext, every_s: float) -> None:
    """Every ``every_s`` seconds: mark runs whose lease expired as ABANDONED, and retry deferred publishes
    (codegen or object storage was down when their run finished); a failed sweep is retried next time."""
    while True:
        await asyncio.sleep(every_s)
        try:
            await sweep_expired(app)
        except Exception:  # noqa: BLE001 - a database hiccup must not stop the sweeper
            log.exception("lease sweep failed")
        try:
            await retry_pending_publishes(app)
        except Exception:  # noqa: BLE001 - nor may an outage of codegen, storage or the database
            log.exception("deferred publish sweep failed")


async def start_cache_service(settings: CacheSettings, *, host: str = "127.0.0.1", port: int = 0) -> ServiceServer:
    """Start the cache service; it reports SERVING once its database answers (migrated first if configured)."""
    engine = create_engine(settings.database_url)
    codegen = CodegenGateway(settings.codegen_address, settings.codegen_timeout_s, calls=settings.security.calls)
    listener: InvalidationListener | None = None
    try:
        if settings.auto_migrate:
            await migrate_engine(engine)
        await check_database(engine)
        cache, listener = await _resolution_cache(settings)
        app = AppContext(
            UnitOfWorkFactory(engine, cache),
            codegen,
            default_lease_s=settings.default_lease_s,
            store=open_object_store(settings.storage),
            drafts_enabled=settings.drafts_enabled,
            draft_wait_s=settings.codegen_timeout_s,
        )
        servicer = CacheServicer(app)
        server = await start_server(
            service_names=[SERVICE_NAME],
            register=lambda s: cache_service_pb2_grpc.add_CacheServiceServicer_to_server(servicer, s),
            host=host,
            port=port,
            security=settings.security,
        )
    except BaseException:
        if listener is not None:
            await listener.stop()
        await codegen.close()
        await engine.dispose()
        raise
    sweeper = (
        asyncio.get_running_loop().create_task(_sweep_forever(app, settings.lease_sweep_s))
        if settings.lease_sweep_s > 0
        else None
    )

    async def stop_background() -> None:
        if sweeper is not None:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
        await app.drafts.close()
        if listener is not None:
            await listener.stop()
        _STARTED.pop(id(server), None)

    _STARTED[id(server)] = (app, listener)
    server.on_stop.extend([stop_background, codegen.close, engine.dispose, close_template_pool])
    await warm_workers()  # user templates render in worker processes: have them ready
    await server.set_serving()
    return server
