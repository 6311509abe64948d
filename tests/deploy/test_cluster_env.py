"""How the parity test maps a container's cluster environment to loopback: expansion and host rewriting."""

from __future__ import annotations

import pathlib

from tests.deploy.cluster_env import LoopbackMap, expand, image_env

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_dependent_variables_expand_like_kubernetes() -> None:
    defined = {"PASSWORD": "s3cret"}
    assert expand("postgresql://rote:$(PASSWORD)@db/rote", defined) == "postgresql://rote:s3cret@db/rote"
    assert expand("$(MISSING) and $$(PASSWORD)", defined) == "$(MISSING) and $(PASSWORD)"


def test_cluster_addresses_ports_and_scratch_paths_map_to_loopback(tmp_path: pathlib.Path) -> None:
    loopback = LoopbackMap({"rote-cache": 50052, "rote-postgres": 5432}, {"rote-cache": 41001, "rote-postgres": 41002})
    assert loopback.rewrite("dns:///rote-cache:50052", tmp_path, []) == "dns:///127.0.0.1:41001"
    assert loopback.rewrite("postgresql+asyncpg://rote:pw@rote-postgres:5432/rote", tmp_path, []) == (
        "postgresql+asyncpg://rote:pw@127.0.0.1:41002/rote"
    )
    assert loopback.rewrite("not-rote-cache:50052", tmp_path, []) == "not-rote-cache:50052"
    assert loopback.rewrite("50052", tmp_path, []) == "41001"
    assert loopback.rewrite("0.0.0.0", tmp_path, []) == "127.0.0.1"
    assert loopback.rewrite("/tmp/rote", tmp_path, ["/tmp"]) == str(tmp_path / "tmp" / "rote")
    assert loopback.rewrite("/tmpfoo", tmp_path, ["/tmp"]) == "/tmpfoo"


def test_image_environment_comes_from_the_final_stage() -> None:
    env = image_env(ROOT / "deploy" / "docker" / "executor.Dockerfile")
    assert env["PYTHONUNBUFFERED"] == "1"
    assert env["ROTE_CHROMIUM_PATH"] == "/usr/bin/chromium"
    assert env["PATH"] == "/opt/rote/bin:$PATH"
    assert "PIP_NO_CACHE_DIR" not in env, "build-stage settings do not reach the running container"
