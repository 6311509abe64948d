"""Executor settings, read once from the environment."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.settings import SecuritySettings, StorageSettings, env_bool, env_float, env_int, env_str


@dataclass(frozen=True)
class ExecutorSettings:
    """Where the executor listens, which services it calls, and how it drives Chromium."""

    host: str
    port: int
    cache_address: str
    storage: StorageSettings
    chromium_path: str
    headless: bool
    max_concurrent_runs: int
    queue_when_busy: bool
    run_timeout_s: float
    settle_timeout_ms: float
    cache_call_timeout_s: float
    log_level: str
    navigation_timeout_ms: float = 30_000.0
    agent: str = "heuristic"
    llm_base_url: str = ""
    llm_model: str = ""
    # Never logged and never part of repr (settings objects end up in logs and tracebacks).
    llm_api_key: str = field(default="", repr=False)
    llm_timeout_s: float = 60.0
    # How long a run's records (RecordBlockRun, FinishRun) are retried while the cache service or its
    # database is unreachable, before the run ends as not recorded (RunSummary.recorded=false).
    cache_retry_s: float = 30.0
    # Fresh browser contexts kept ready so a run does not wait for one (0 makes each on demand).
    spare_contexts: int = 1
    # A run's context is reset, verified clean and reused by the next run of the same organisation (never
    # another's); idle ones are closed after context_idle_s. At most max_concurrent_runs are kept idle in all.
    reuse_contexts: bool = True
    context_idle_s: float = 60.0
    # Code-mode runs (run_with code or code_only, with a cached script) skip images, fonts and media.
    skip_media_in_code: bool = False
    # A run whose first block opens a page it can name without rendering (a fixed URL or one parameter's value)
    # starts opening it while the cache service starts the run, once the executor has checked the request: the
    # two waits overlap. The page is then asked for even if the cache service refuses the run.
    open_first_page_early: bool = True
    # A code block runs in a worker process for at most this long (and never past its run's deadline).
    code_block_timeout_s: float = 60.0
    # A block output larger than this (JSON bytes) is stored as an object and the run keeps a reference.
    max_output_bytes: int = 1024 * 1024
    # API keys, TLS and message limits, for the server and the calls to the cache service (read with the rest).
    security: SecuritySettings = field(default_factory=SecuritySettings.from_env)
    # Prometheus metrics on this port (0: none).
    metrics_port: int = 0

    @classmethod
    def from_env(cls) -> ExecutorSettings:
        return cls(
            host=env_str("ROTE_BIND_HOST", "127.0.0.1"),
            port=env_int("ROTE_EXECUTOR_PORT", 50051),
            cache_address=env_str("ROTE_CACHE_ADDRESS", "127.0.0.1:50052"),
            storage=StorageSettings.from_env(),
            chromium_path=env_str("ROTE_CHROMIUM_PATH", "/usr/bin/chromium"),
            headless=env_bool("ROTE_HEADLESS", True),
            max_concurrent_runs=env_int("ROTE_MAX_CONCURRENT_RUNS", 4),
            queue_when_busy=env_bool("ROTE_QUEUE_WHEN_BUSY", True),
            run_timeout_s=env_float("ROTE_RUN_TIMEOUT_SECONDS", 300.0),
            settle_timeout_ms=env_float("ROTE_SETTLE_TIMEOUT_MS", 5000.0),
            cache_call_timeout_s=env_float("ROTE_CACHE_CALL_TIMEOUT_SECONDS", 60.0),
            log_level=env_str("ROTE_LOG_LEVEL", "INFO"),
            navigation_timeout_ms=env_float("ROTE_NAVIGATION_TIMEOUT_MS", 30_000.0),
            agent=env_str("ROTE_AGENT", "heuristic").strip().lower(),
            llm_base_url=env_str("ROTE_LLM_BASE_URL", ""),
            llm_model=env_str("ROTE_LLM_MODEL", ""),
            llm_api_key=env_str("ROTE_LLM_API_KEY", ""),
            llm_timeout_s=env_float("ROTE_LLM_TIMEOUT_SECONDS", 60.0),
            cache_retry_s=env_float("ROTE_CACHE_RETRY_SECONDS", 30.0),
            spare_contexts=env_int("ROTE_SPARE_CONTEXTS", 1),
            reuse_contexts=env_bool("ROTE_REUSE_CONTEXTS", True),
            context_idle_s=env_float("ROTE_CONTEXT_IDLE_SECONDS", 60.0),
            skip_media_in_code=env_bool("ROTE_SKIP_MEDIA_IN_CODE", False),
            open_first_page_early=env_bool("ROTE_OPEN_FIRST_PAGE_EARLY", True),
            code_block_timeout_s=env_float("ROTE_CODE_BLOCK_TIMEOUT_SECONDS", 60.0),
            max_output_bytes=env_int("ROTE_MAX_OUTPUT_BYTES", 1024 * 1024),
            security=SecuritySettings.from_env(),
            metrics_port=env_int("ROTE_METRICS_PORT", 0),
        )
