"""Turns a rendered pod template into a local process: the container's exact environment, mapped to loopback.

What a container sees is the image's ENV (its Dockerfile's final stage), then ``envFrom`` (ConfigMaps and
Secrets), then ``env`` in order with Kubernetes' ``$(VAR)`` expansion. To run that on one machine, and
nothing else, these substitutions are made, and only these:

* ``<service>:<port>`` of a Service in the manifests (``rote-cache:50052``, ``rote-minio:9000``) becomes
  ``127.0.0.1:<local port>`` of the process or server standing in for it;
* a value that is exactly a Service's port number (``ROTE_CACHE_PORT=50052``) becomes that local port, so
  each process binds where its stand-in address says;
* the bind-everything address ``0.0.0.0`` becomes ``127.0.0.1``;
* paths under an emptyDir mount (``/tmp``) move into a per-container temporary folder, and the image's
  virtualenv ``/opt/rote/bin`` is this virtualenv; ``python`` in a command is this interpreter;
* the image's working directory ``/app`` (where ``deploy/`` is copied) is the repository root.
"""

from __future__ import annotations

import base64
import pathlib
import re
import sys
from dataclasses import dataclass
from typing import Any

from deploy.manifests import Manifest

IMAGE_VENV_BIN = "/opt/rote/bin"
_VAR_REFERENCE = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def expand(value: str, defined: dict[str, str]) -> str:
    """Kubernetes' dependent-variable expansion: ``$(NAME)`` of a defined variable, ``$$`` escapes."""

    def substitute(match: re.Match[str]) -> str:
        return defined.get(match.group(1), match.group(0))

    parts = value.split("$$")
    return "$".join(_VAR_REFERENCE.sub(substitute, part) for part in parts)


def image_env(dockerfile: pathlib.Path) -> dict[str, str]:
    """``ENV`` of the Dockerfile's last stage (``K=V`` pairs, backslash continuations, ``$PATH`` references)."""
    text = dockerfile.read_text().replace("\\\n", " ")
    last_stage = re.split(r"^FROM .*$", text, flags=re.MULTILINE)[-1]
    env: dict[str, str] = {}
    for line in last_stage.splitlines():
        if line.startswith("ENV "):
            for key, value in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=(\S+)", line[4:]):
                env[key] = value
    return env


@dataclass
class LoopbackMap:
    """Where each cluster Service lives on this machine."""

    service_ports: dict[str, int]  # Service name -> the port it listens on in the cluster
    local_ports: dict[str, int]  # Service name -> the loopback port of its stand-in

    @classmethod
    def from_manifests(cls, manifests: list[Manifest], local_ports: dict[str, int]) -> LoopbackMap:
        services = {m["metadata"]["name"]: m["spec"]["ports"][0]["port"] for m in manifests if m["kind"] == "Service"}
        missing = set(services) - set(local_ports)
        if missing:
            raise ValueError(f"no local stand-in for Services {sorted(missing)}")
        return cls(services, local_ports)

    def rewrite(self, value: str, scratch: pathlib.Path, writable: list[str]) -> str:
        for name, port in self.service_ports.items():
            value = re.sub(rf"(?<![\w.-]){re.escape(name)}:{port}(?!\d)", f"127.0.0.1:{self.local_ports[name]}",
                           value)
            if value == str(port):
                return str(self.local_ports[name])
        if value == "0.0.0.0":
            return "127.0.0.1"
        for mount in writable:
            if value == mount or value.startswith(mount + "/"):
                value = str(scratch / mount.strip("/")) + value[len(mount):]
        return value


def _config_data(manifests: list[Manifest], kind: str, name: str) -> dict[str, str]:
    found = next(m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name)
    data = found.get("data", {})
    if kind == "Secret":
        return {k: base64.b64decode(v).decode() for k, v in data.items()}
    return dict(data)


def container_env(manifests: list[Manifest], container: dict[str, Any]) -> dict[str, str]:
    """The variables Kubernetes sets in ``container`` from its envFrom and env (before any mapping)."""
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            env.update(_config_data(manifests, "ConfigMap", source["configMapRef"]["name"]))
        if "secretRef" in source:
            env.update(_config_data(manifests, "Secret", source["secretRef"]["name"]))
    for variable in container.get("env", []):
        if "value" in variable:
            env[variable["name"]] = expand(variable["value"], env)
            continue
        value_from = variable["valueFrom"]
        kind, ref = ("ConfigMap", value_from.get("configMapKeyRef")) if "configMapKeyRef" in value_from else (
            "Secret", value_from["secretKeyRef"])
        env[variable["name"]] = _config_data(manifests, kind, ref["name"])[ref["key"]]
    return env


@dataclass
class LocalContainer:
    """A container of a pod template, as a command line, an environment and a working directory."""

    argv: list[str]
    env: dict[str, str]
    cwd: pathlib.Path


def local_container(
    manifests: list[Manifest],
    pod: dict[str, Any],
    container: dict[str, Any],
    dockerfile: pathlib.Path,
    loopback: LoopbackMap,
    scratch: pathlib.Path,
    repo_root: pathlib.Path,
) -> LocalContainer:
    """Map ``container`` (of pod spec ``pod``) to a local process, as the module docstring says."""
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    writable = [m["mountPath"] for m in container.get("volumeMounts", []) if "emptyDir" in volumes.get(m["name"], {})]
    for mount in writable:
        (scratch / mount.strip("/")).mkdir(parents=True, exist_ok=True)
    venv_bin = str(pathlib.Path(sys.executable).parent)
    env = {}
    for key, value in image_env(dockerfile).items():
        value = value.replace("$PATH", "/usr/local/bin:/usr/bin:/bin").replace(IMAGE_VENV_BIN, venv_bin)
        env[key] = loopback.rewrite(value, scratch, writable)
    for key, value in container_env(manifests, container).items():
        env[key] = loopback.rewrite(value, scratch, writable)
    argv = [*container.get("command", []), *container.get("args", [])]
    if not argv or argv[0] != "python":
        raise ValueError(f"{container['name']}: expected a python command, got {argv}")
    return LocalContainer([sys.executable, *argv[1:]], env, repo_root)
