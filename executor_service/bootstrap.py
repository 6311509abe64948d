"""Composition root of the executor: builds the application object once, then the servicer and server on it."""

from __future__ import annotations

from playwright.async_api import async_playwright

from executor_service.agents.factory import make_agent
from executor_service.application import ExecutorApp, block_limits
from executor_service.browser.context_pool import ContextPool, PoolSettings
from executor_service.browser.launch import launch_chromium
from executor_service.cache_client import CacheClient
from executor_service.engine.runs import Runs
from executor_service.engine.script_loader import ScriptLoader
from executor_service.redaction import install_log_redaction
from executor_service.servicer import ExecutorServicer
from executor_service.settings import ExecutorSettings
from services.gen.rote.v1 import executor_service_pb2, executor_service_pb2_grpc
from services.isolation.pool import close_template_pool, warm_workers
from services.server import ServiceServer, start_server
from services.storage import open_object_store

SERVICE_NAME = executor_service_pb2.DESCRIPTOR.services_by_name["ExecutorService"].full_name


async def build_app(settings: ExecutorSettings) -> ExecutorApp:
    """Everything a run needs that outlives it: the agent, Chromium and its contexts, the cache client, storage."""
    agent = make_agent(settings)  # a misconfigured agent fails before Chromium starts
    install_log_redaction()  # no log line of this process carries a running run's secret
    playwright = await async_playwright().start()
    browser = await launch_chromium(
        playwright,
        executable_path=settings.chromium_path,
        headless=settings.headless,
        reuses_contexts=settings.reuse_contexts,
    )
    cache = CacheClient(
        settings.cache_address, settings.cache_call_timeout_s, settings.cache_retry_s, calls=settings.security.calls
    )
    store = open_object_store(settings.storage)
    # A run that finds its org's contexts all busy or resetting takes a spare, so a busy org holds a context more
    # than it runs at once; bounded at the runs alone, that one was closed whenever the runs paused.
    kept_contexts = settings.max_concurrent_runs + settings.spare_contexts
    contexts = ContextPool(
        browser,
        spare=settings.spare_contexts,
        settle_timeout_ms=settings.settle_timeout_ms,
        navigation_timeout_ms=settings.navigation_timeout_ms,
        settings=PoolSettings(
            reuse=settings.reuse_contexts,
            capacity=kept_contexts,
            per_org=kept_contexts,
            idle_s=settings.context_idle_s,
            skip_media_in_code=settings.skip_media_in_code,
        ),
    )
    return ExecutorApp(
        settings=settings, contexts=contexts, cache=cache, loader=ScriptLoader(store), agent=agent, store=store,
        limits=block_limits(settings), browser=browser, playwright=playwright,
    )


async def start_executor_service(
    settings: ExecutorSettings, *, host: str = "127.0.0.1", port: int = 0
) -> ServiceServer:
    """Start the executor; it reports SERVING once Chromium is up."""
    app = await build_app(settings)
    runs = Runs(app)
    servicer = ExecutorServicer(runs)
    server = await start_server(
        service_names=[SERVICE_NAME],
        register=lambda s: executor_service_pb2_grpc.add_ExecutorServiceServicer_to_server(servicer, s),
        host=host,
        port=port,
        security=settings.security,
    )
    server.before_stop.append(runs.shutdown)
    server.on_stop.extend([app.close, close_template_pool])
    await warm_workers(snippets=True)  # user templates render in worker processes: have them ready
    await server.set_serving()
    return server
