"""Starts the three services as local processes (SQLite and a folder as the embedded default) and stops them."""

from __future__ import annotations

import asyncio
import os
import pathlib
import secrets
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field

from services.client.health import wait_until_serving

SERVICES = ("codegen", "cache", "executor")
DEFAULT_PORTS = {"executor": 50051, "cache": 50052, "codegen": 50053}
DEFAULT_METRICS_PORTS = {"executor": 9101, "cache": 9102, "codegen": 9103}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LocalStack:
    """Three service processes sharing one home folder; logs go to <home>/logs/<service>.log."""

    home: pathlib.Path
    ports: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PORTS))
    extra_env: dict[str, str] = field(default_factory=dict)
    # Prometheus /metrics port per service; a service without one serves no metrics.
    metrics_ports: dict[str, int] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def address(self, service: str) -> str:
        return f"127.0.0.1:{self.ports[service]}"

    def env(self) -> dict[str, str]:
        home = self.home.resolve()
        env = {
            **os.environ,
            "ROTE_HOME": str(home),
            "ROTE_STORAGE_BACKEND": "local",
            "ROTE_STORAGE_ROOT": str(home / "objects"),
            "ROTE_DATABASE_URL": f"sqlite+aiosqlite:///{home / 'rote.db'}",
            "ROTE_EXECUTOR_PORT": str(self.ports["executor"]),
            "ROTE_CACHE_PORT": str(self.ports["cache"]),
            "ROTE_CODEGEN_PORT": str(self.ports["codegen"]),
            "ROTE_CACHE_ADDRESS": self.address("cache"),
            "ROTE_CODEGEN_ADDRESS": self.address("codegen"),
            "PYTHONUNBUFFERED": "1",
        }
        env.update(self.extra_env)
        if env.get("ROTE_API_KEYS", "").strip() and not env.get("ROTE_SERVICE_API_KEY"):
            # With API keys on, the executor writes run records as the service identity: give this stack one
            # of its own (random, never printed) rather than let every run fail PERMISSION_DENIED.
            key = secrets.token_urlsafe(24)
            env["ROTE_SERVICE_API_KEY"] = key
            env["ROTE_API_KEYS"] = f"{env['ROTE_API_KEYS'].rstrip(',')},{key}=@service"
        return env

    def spawn(self) -> None:
        """Start the three processes without waiting for them."""
        (self.home / "logs").mkdir(parents=True, exist_ok=True)
        env = self.env()
        for service in SERVICES:
            service_env = {**env, "ROTE_METRICS_PORT": str(self.metrics_ports.get(service, 0))}
            with open(self.home / "logs" / f"{service}.log", "ab") as log:
                self.processes[service] = subprocess.Popen(
                    [sys.executable, "-m", f"{service}_service"], env=service_env, stdout=log, stderr=log
                )

    async def start(self, timeout_s: float = 90.0) -> None:
        """Start every service and wait until each reports SERVING; on failure, stop them and say which."""
        self.spawn()
        try:
            await asyncio.gather(*(self._wait(service, timeout_s) for service in SERVICES))
        except BaseException:
            self.stop()
            raise

    async def _wait(self, service: str, timeout_s: float) -> None:
        process = self.processes[service]
        waiter = asyncio.ensure_future(wait_until_serving(self.address(service), timeout_s))
        while not waiter.done():
            if process.poll() is not None:
                waiter.cancel()
                raise RuntimeError(f"{service} service exited with code {process.returncode}: {self.log_tail(service)}")
            await asyncio.sleep(0.1)
        waiter.result()

    def exited(self) -> dict[str, int]:
        """Services whose process has ended, with its exit code; polling also reaps it, so none stays a zombie."""
        return {
            service: code
            for service, process in self.processes.items()
            if (code := process.poll()) is not None
        }

    async def watch(self, interval_s: float = 0.5) -> tuple[str, int]:
        """Wait until any service process ends; return which one and its exit code."""
        while True:
            ended = self.exited()
            if ended:
                service = next(iter(ended))
                return service, ended[service]
            await asyncio.sleep(interval_s)

    def log_tail(self, service: str, lines: int = 5) -> str:
        """The last lines a service logged, joined with ' | ' (empty when it logged nothing)."""
        log = self.home / "logs" / f"{service}.log"
        if not log.exists():
            return ""
        return " | ".join(log.read_text(errors="replace").strip().splitlines()[-lines:])

    def stop(self, grace_s: float = 10.0) -> None:
        """SIGTERM every process (graceful shutdown), then SIGKILL what is left after ``grace_s``."""
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=grace_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
