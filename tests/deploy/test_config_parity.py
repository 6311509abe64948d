"""Configuration parity: the dev overlay's exact commands and environments run the demo on loopback.

Every process below is started from the rendered dev overlay, not from hand-written settings: the setup Jobs,
the cache pod's init container, then the three Deployments, each with its container's command and the
environment Kubernetes would give it (tests/deploy/cluster_env.py says how cluster names map to loopback).
PostgreSQL is a real throwaway cluster and MinIO is a real S3 server (moto) on loopback.
"""

from __future__ import annotations

import asyncio
import base64
import getpass
import json
import os
import pathlib
import signal
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import pytest
from minio import Minio

from deploy.manifests import Manifest
from examples.demo_site import DemoSite, start_demo_site
from services.cli.local_stack import free_port
from services.client import ExecutorClient
from services.client.health import wait_until_serving
from services.gen.rote.v1 import run_pb2
from services.workflows import load_parameters_file, load_workflow_file
from tests.deploy.cluster_env import LocalContainer, LoopbackMap, local_container
from tests.deploy.conftest import render_or_skip
from tests.support.postgres import postgres_cluster
from tests.support.s3_server import running_s3_server

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCKERFILES = ROOT / "deploy" / "docker"
EXAMPLES = ROOT / "examples"

pytestmark = [pytest.mark.postgres, pytest.mark.browser]


@pytest.fixture(scope="module")
def dev() -> list[Manifest]:
    return render_or_skip(ROOT / "k8s" / "overlays" / "dev")


def _named(manifests: list[Manifest], kind: str, name: str) -> Manifest:
    return next(m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name)


def _secret(manifests: list[Manifest], key: str) -> str:
    secret = next(m for m in manifests if m["kind"] == "Secret")
    return base64.b64decode(secret["data"][key]).decode()


@pytest.fixture(scope="module")
def postgres_port(dev: list[Manifest]) -> Iterator[int]:
    """A PostgreSQL cluster with the role and database the StatefulSet's env creates (POSTGRES_USER/DB)."""
    with postgres_cluster() as admin_url:
        yield int(admin_url.rsplit(":", 1)[1].split("/")[0])


@pytest.fixture(scope="module")
def s3_port() -> Iterator[int]:
    with running_s3_server() as settings:
        yield int(settings.s3_endpoint.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def demo_site() -> Iterator[DemoSite]:
    site = start_demo_site()
    yield site
    site.stop()


async def _create_database_role(dev: list[Manifest], port: int) -> None:
    """What the postgres image's entrypoint does from POSTGRES_USER, POSTGRES_DB and POSTGRES_PASSWORD."""
    env = {e["name"]: e.get("value") for e in _named(dev, "StatefulSet", "rote-postgres")["spec"]["template"]
           ["spec"]["containers"][0]["env"]}
    user, database = env["POSTGRES_USER"], env["POSTGRES_DB"]
    password = _secret(dev, "ROTE_POSTGRES_PASSWORD")
    admin = "postgres" if os.geteuid() == 0 else getpass.getuser()
    connection = await asyncpg.connect(host="127.0.0.1", port=port, user=admin, database="rote")
    try:
        await connection.execute(f"CREATE ROLE \"{user}\" LOGIN PASSWORD '{password}'")
        await connection.execute(f'ALTER DATABASE "{database}" OWNER TO "{user}"')
    finally:
        await connection.close()


@dataclass
class LocalPods:
    """Processes started from pod templates; logs in <scratch>/<name>.log."""

    manifests: list[Manifest]
    loopback: LoopbackMap
    scratch: pathlib.Path
    processes: dict[str, asyncio.subprocess.Process] = field(default_factory=dict)

    def container(self, workload: Manifest, container: dict[str, Any]) -> LocalContainer:
        image = container["image"].rsplit("/", 1)[-1].split(":")[0].removeprefix("rote-")
        return local_container(
            self.manifests, workload["spec"]["template"]["spec"], container, DOCKERFILES / f"{image}.Dockerfile",
            self.loopback, self.scratch / workload["metadata"]["name"] / container["name"], ROOT,
        )

    async def start(self, name: str, local: LocalContainer) -> asyncio.subprocess.Process:
        log = await asyncio.to_thread(open, self.scratch / f"{name}.log", "ab")
        try:
            process = await asyncio.create_subprocess_exec(
                *local.argv, env=local.env, cwd=local.cwd, stdout=log, stderr=asyncio.subprocess.STDOUT
            )
        finally:
            log.close()
        self.processes[name] = process
        return process

    async def run_to_completion(self, name: str, local: LocalContainer, timeout_s: float = 120) -> None:
        process = await self.start(name, local)
        code = await asyncio.wait_for(process.wait(), timeout_s)
        assert code == 0, f"{name} exited {code}: {self.tail(name)}"

    def tail(self, name: str) -> str:
        return " | ".join((self.scratch / f"{name}.log").read_text(errors="replace").splitlines()[-8:])

    async def stop_all(self) -> dict[str, int]:
        for process in self.processes.values():
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        codes = {}
        for name, process in self.processes.items():
            try:
                codes[name] = await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                process.kill()
                codes[name] = await process.wait()
        return codes


@pytest.fixture(scope="module")
async def pods(
    dev: list[Manifest], postgres_port: int, s3_port: int, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LocalPods]:
    local_ports = {
        "rote-executor": free_port(), "rote-cache": free_port(), "rote-codegen": free_port(),
        "rote-postgres": postgres_port, "rote-minio": s3_port,
    }
    running = LocalPods(dev, LoopbackMap.from_manifests(dev, local_ports), tmp_path_factory.mktemp("pods"))
    await _create_database_role(dev, postgres_port)
    try:
        yield running
    finally:
        await running.stop_all()


def _only(workload: Manifest, role: str = "containers") -> dict[str, Any]:
    containers = workload["spec"]["template"]["spec"][role]
    assert len(containers) == 1
    return containers[0]


async def test_the_dev_overlay_runs_the_demo_with_zero_agent_steps_on_replay(
    dev: list[Manifest], pods: LocalPods, demo_site: DemoSite
) -> None:
    bucket_job, migrate_job = _named(dev, "Job", "rote-create-bucket"), _named(dev, "Job", "rote-migrate")
    cache = _named(dev, "Deployment", "rote-cache")

    # The cache pod starts before the migration Job has run: its init container must hold it back.
    gate = await pods.start("cache-wait-for-schema", pods.container(cache, _only(cache, "initContainers")))
    await pods.run_to_completion("create-bucket", pods.container(bucket_job, _only(bucket_job)))
    await asyncio.sleep(1.0)
    assert gate.returncode is None, "the cache started serving before the schema was migrated"
    await pods.run_to_completion("migrate", pods.container(migrate_job, _only(migrate_job)))
    assert await asyncio.wait_for(gate.wait(), 30) == 0, pods.tail("cache-wait-for-schema")

    for name in ("rote-codegen", "rote-cache", "rote-executor"):
        workload = _named(dev, "Deployment", name)
        local = pods.container(workload, _only(workload))
        await pods.start(name, local)
    for name in ("rote-codegen", "rote-cache", "rote-executor"):
        try:
            await wait_until_serving(f"127.0.0.1:{pods.loopback.local_ports[name]}", timeout_s=90)
        except TimeoutError:
            pytest.fail(f"{name} never served: {pods.tail(name)}")

    workflow = load_workflow_file(EXAMPLES / "workflows" / "demo_quote.yaml")
    first_params = {**load_parameters_file(EXAMPLES / "params" / "demo_first.yaml"), "base_url": demo_site.url}
    second_params = {**load_parameters_file(EXAMPLES / "params" / "demo_second.yaml"), "base_url": demo_site.url}
    async with ExecutorClient(f"127.0.0.1:{pods.loopback.local_ports['rote-executor']}") as client:
        first = (await client.run(workflow, parameters=first_params, run_with="agent")).summary
        second = (await client.run(workflow, parameters=second_params, run_with="code")).summary

    assert first.status == run_pb2.RUN_STATUS_COMPLETED, first.error
    assert first.agent_steps > 0 and first.published_version >= 1
    assert second.status == run_pb2.RUN_STATUS_COMPLETED, second.error
    assert second.agent_steps == 0
    assert second.script_version == first.published_version
    assert json.loads(second.outputs_json["extract_quote"]) != json.loads(first.outputs_json["extract_quote"])

    # The records are in PostgreSQL and the script files in the bucket the overlay names.
    config = next(m for m in dev if m["kind"] == "ConfigMap")["data"]
    objects = await asyncio.to_thread(_bucket_keys, pods, config)
    assert any(key.endswith(".py") for key in objects), objects
    connection = await asyncpg.connect(host="127.0.0.1", port=pods.loopback.local_ports["rote-postgres"],
                                       user="rote", database="rote")
    try:
        assert await connection.fetchval("SELECT count(*) FROM runs") == 2
    finally:
        await connection.close()

    codes = await pods.stop_all()
    assert {name: codes[name] for name in ("rote-codegen", "rote-cache", "rote-executor")} == {
        "rote-codegen": 0, "rote-cache": 0, "rote-executor": 0,
    }, "SIGTERM (what the kubelet sends) must shut every service down gracefully"


def _bucket_keys(pods: LocalPods, config: dict[str, str]) -> list[str]:
    client = Minio(
        f"127.0.0.1:{pods.loopback.local_ports['rote-minio']}",
        access_key=_secret(pods.manifests, "ROTE_S3_ACCESS_KEY"),
        secret_key=_secret(pods.manifests, "ROTE_S3_SECRET_KEY"),
        secure=False,
        region=config["ROTE_S3_REGION"],
    )
    return [obj.object_name or "" for obj in client.list_objects(config["ROTE_S3_BUCKET"], recursive=True)]
