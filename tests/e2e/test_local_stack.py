"""`rote up`'s local stack: three processes on SQLite and a folder, healthy, JSON logs, graceful SIGTERM."""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys

import pytest

from services.cli.local_stack import LocalStack, free_port

BIN = pathlib.Path(sys.executable).parent


async def test_local_stack_serves_logs_json_and_stops_gracefully(tmp_path: pathlib.Path) -> None:
    ports = {"executor": free_port(), "cache": free_port(), "codegen": free_port()}
    stack = LocalStack(tmp_path, ports, extra_env={"ROTE_LOG_LEVEL": "INFO"})
    await stack.start()
    processes = dict(stack.processes)
    try:
        status = await asyncio.to_thread(
            subprocess.run,
            [
                str(BIN / "rote"), "status", "--json",
                "--executor", stack.address("executor"),
                "--cache", stack.address("cache"),
                "--codegen", stack.address("codegen"),
            ],
            capture_output=True, text=True, timeout=60,
        )
        assert status.returncode == 0, status.stdout + status.stderr
        assert {v["status"] for v in json.loads(status.stdout).values()} == {"SERVING"}
        assert (tmp_path / "rote.db").exists(), "the cache service uses SQLite in the home folder by default"
    finally:
        stack.stop()
    assert {name: p.returncode for name, p in processes.items()} == {"codegen": 0, "cache": 0, "executor": 0}
    for service in ("codegen", "cache", "executor"):
        lines = [line for line in (tmp_path / "logs" / f"{service}.log").read_text().splitlines() if line.strip()]
        assert lines, f"{service} logged nothing"
        records = [json.loads(line) for line in lines]
        assert all(record["service"] == service for record in records)


# Started as a non-interactive shell starts a job with ``&``: SIGINT ignored (CI runs the tests so), and inherited
# through the exec. Not by a preexec_fn: that runs Python in the forked child, where grpcio's fork handlers restart
# its poller on descriptors the fork is about to close (the child once aborted on "epoll_wait: Bad file descriptor"
# before rote up even started).
_AS_A_BACKGROUND_JOB = ("/bin/sh", "-c", 'trap "" INT; exec "$@"', "sh")


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
async def test_rote_up_serves_until_interrupted(tmp_path: pathlib.Path, stop_signal: signal.Signals) -> None:
    ports = {name: free_port() for name in ("executor", "cache", "codegen")}
    errors = open(tmp_path / "rote-up.stderr", "wb")  # noqa: SIM115 - closed in the finally below
    up = await asyncio.create_subprocess_exec(
        *_AS_A_BACKGROUND_JOB, str(BIN / "rote"), "up", "--home", str(tmp_path), "--no-metrics",
        "--executor-port", str(ports["executor"]), "--cache-port", str(ports["cache"]),
        "--codegen-port", str(ports["codegen"]),
        stdout=asyncio.subprocess.PIPE, stderr=errors,
        # A `rote up` that does not end on Ctrl-C dumps every thread's stack on SIGABRT (see below).
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"},
    )
    assert up.stdout is not None
    seen = b""
    try:
        # `rote up` announces itself once every service reports SERVING; wait for that line, not a guess.
        async with asyncio.timeout(120):
            while b"Rote is up" not in seen:
                line = await up.stdout.readline()
                assert line, f"rote up exited early: {seen!r}"
                seen += line
        status = await asyncio.to_thread(
            subprocess.run,
            [str(BIN / "rote"), "status", "--json", *(f"--{n}=127.0.0.1:{p}" for n, p in ports.items())],
            capture_output=True, text=True, timeout=30,
        )
        assert {v["status"] for v in json.loads(status.stdout).values()} == {"SERVING"}
    finally:
        up.send_signal(stop_signal)
        try:
            await asyncio.wait_for(up.communicate(), timeout=90)
        except TimeoutError:
            # Still running 90 s after the signal: make it say where it is stuck, then fail with that.
            up.send_signal(signal.SIGABRT)
            await asyncio.wait_for(up.wait(), timeout=30)
            errors.close()
            stuck = (tmp_path / "rote-up.stderr").read_text(errors="replace")[-6000:]
            logs = {log.name: log.read_text(errors="replace")[-1500:] for log in (tmp_path / "logs").glob("*.log")}
            message = f"rote up ignored {stop_signal.name} for 90 s; its threads: {stuck}\nservice logs: {logs}"
            raise AssertionError(message) from None
        finally:
            errors.close()
    assert up.returncode in (0, 130)
    for port in ports.values():  # and it stopped its services: none is left serving without it
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
