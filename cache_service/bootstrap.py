"""Composition root of the cache service: engine (migrated), units of work, codegen gateway, servicer, server."""

from __future__ import annotations

from cache_service.app.codegen_gateway import CodegenGateway
from cache_service.app.context import AppContext
from cache_service.db.engine import check_database, create_engine
from cache_service.db.migrate import migrate_engine
from cache_service.db.unit_of_work import UnitOfWorkFactory
from cache_service.servicer import CacheServicer
from cache_service.settings import CacheSettings
from services.gen.rote.v1 import cache_service_pb2, cache_service_pb2_grpc
from services.server import ServiceServer, start_server

__all__ = ["CacheSettings", "SERVICE_NAME", "start_cache_service"]

SERVICE_NAME = cache_service_pb2.DESCRIPTOR.services_by_name["CacheService"].full_name


async def start_cache_service(settings: CacheSettings, *, host: str = "127.0.0.1", port: int = 0) -> ServiceServer:
    """Start the cache service; it reports SERVING once its database answers (migrated first if configured)."""
    engine = create_engine(settings.database_url)
    codegen = CodegenGateway(settings.codegen_address, settings.codegen_timeout_s)
    try:
        if settings.auto_migrate:
            await migrate_engine(engine)
        await check_database(engine)
        app = AppContext(UnitOfWorkFactory(engine), codegen, default_lease_s=settings.default_lease_s)
        servicer = CacheServicer(app)
        server = await start_server(
            service_names=[SERVICE_NAME],
            register=lambda s: cache_service_pb2_grpc.add_CacheServiceServicer_to_server(servicer, s),
            host=host,
            port=port,
        )
    except BaseException:
        await codegen.close()
        await engine.dispose()
        raise
    server.on_stop.extend([codegen.close, engine.dispose])
    await server.set_serving()
    return server
