"""A real S3-compatible server (moto in server mode) on loopback, started once per test session."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

from services.settings import StorageSettings

ACCESS_KEY = "rote-test"
SECRET_KEY = "rote-test-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_answering(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto server exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # any HTTP answer means it is up
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"moto server did not answer at {url} within {timeout}s")


def s3_settings(endpoint: str, bucket: str = "rote") -> StorageSettings:
    """Settings for the S3 adapter pointed at ``endpoint`` (host:port), plain HTTP."""
    return StorageSettings(
        backend="s3",
        local_root="",
        s3_endpoint=endpoint,
        s3_access_key=ACCESS_KEY,
        s3_secret_key=SECRET_KEY,
        s3_bucket=bucket,
        s3_secure=False,
        s3_region="us-east-1",
    )


@contextlib.contextmanager
def running_s3_server(timeout: float = 30.0) -> Iterator[StorageSettings]:
    """Start ``moto.server`` as a subprocess, wait until it answers, yield settings for it, stop it on exit."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_answering(f"http://127.0.0.1:{port}/moto-api/", process, timeout)
        yield s3_settings(f"127.0.0.1:{port}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
