"""A throwaway PostgreSQL cluster for tests: initdb in a temp dir, start on loopback, yield an asyncpg URL."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

_SERVICE_USER = "postgres"


def postgres_bin_dir() -> str | None:
    """The newest /usr/lib/postgresql/<major>/bin holding initdb and pg_ctl, or None."""
    candidates = [d for d in glob.glob("/usr/lib/postgresql/*/bin") if os.path.exists(os.path.join(d, "initdb"))]
    if not candidates:
        return None
    return max(candidates, key=lambda d: int(d.split("/")[-2]) if d.split("/")[-2].isdigit() else 0)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_service_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root: run them as the postgres OS user instead.
    if os.geteuid() == 0:
        return ["runuser", "-u", _SERVICE_USER, "--", *command]
    return command


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """Start a cluster and yield ``postgresql+asyncpg://...`` for a fresh database; stop and delete it after."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries are not installed (/usr/lib/postgresql/*/bin)")
    root = tempfile.mkdtemp(prefix="rote-pg-")
    data, sockets = os.path.join(root, "data"), os.path.join(root, "sock")
    os.makedirs(sockets)
    if os.geteuid() == 0:
        entry = pwd.getpwnam(_SERVICE_USER)
        for path in (root, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    user = _SERVICE_USER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    run: dict[str, Any] = {"check": True, "capture_output": True, "cwd": root}
    subprocess.run(
        _as_service_user([f"{bin_dir}/initdb", "-D", data, "-U", user, "-A", "trust", "--no-sync", "-E", "UTF8"]),
        **run,
    )
    options = f"-h 127.0.0.1 -p {port} -k {sockets} -F -c max_connections=200 -c fsync=off"
    subprocess.run(
        _as_service_user([f"{bin_dir}/pg_ctl", "-D", data, "-o", options, "-l", f"{root}/log", "-w", "start"]),
        **run,
    )
    try:
        subprocess.run(
            _as_service_user([f"{bin_dir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", user, "rote"]),
            **run,
        )
        yield f"postgresql+asyncpg://{user}@127.0.0.1:{port}/rote"
    finally:
        subprocess.run(
            _as_service_user([f"{bin_dir}/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]),
            check=False,
            capture_output=True,
            cwd=root,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Session-scoped PostgreSQL; skipped only when no server binaries exist."""
    with postgres_cluster() as url:
        yield url
