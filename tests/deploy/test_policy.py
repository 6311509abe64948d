"""Deployment policy: every workload is probed, bounded, locked down, pinned, and wired to what exists."""

from __future__ import annotations

import copy
import pathlib
import re
from collections.abc import Iterator
from typing import Any

import pytest

from deploy.manifests import Manifest
from tests.deploy.conftest import OVERLAYS, k8s_copy, render_or_skip

WORKLOADS = ("Deployment", "StatefulSet", "Job")
GRPC_SERVICES = {"rote-executor": 50051, "rote-cache": 50052, "rote-codegen": 50053}


def workloads(manifests: list[Manifest]) -> Iterator[Manifest]:
    return (m for m in manifests if m["kind"] in WORKLOADS)


def pod_spec(workload: Manifest) -> dict[str, Any]:
    return workload["spec"]["template"]["spec"]


def all_containers(workload: Manifest) -> Iterator[tuple[str, dict[str, Any]]]:
    spec = pod_spec(workload)
    for container in spec.get("initContainers", []):
        yield "init", container
    for container in spec["containers"]:
        yield "main", container


def named(manifests: list[Manifest], kind: str, name: str) -> Manifest:
    return next(m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name)


@pytest.fixture(params=OVERLAYS)
def manifests(request: pytest.FixtureRequest, rendered: dict[str, list[Manifest]]) -> list[Manifest]:
    return rendered[request.param]


def test_long_running_containers_have_readiness_and_liveness_probes(manifests: list[Manifest]) -> None:
    for workload in workloads(manifests):
        if workload["kind"] == "Job":
            continue
        for role, container in all_containers(workload):
            if role == "main":
                assert "readinessProbe" in container, f"{workload['metadata']['name']}/{container['name']}"
                assert "livenessProbe" in container, f"{workload['metadata']['name']}/{container['name']}"


def test_grpc_services_use_native_grpc_probes_on_a_port_named_grpc(manifests: list[Manifest]) -> None:
    for name, port in GRPC_SERVICES.items():
        container = pod_spec(named(manifests, "Deployment", name))["containers"][0]
        assert {"name": "grpc", "containerPort": port} in container["ports"]
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            assert container[probe]["grpc"] == {"port": port}, f"{name} {probe}"
        service = named(manifests, "Service", name)
        assert [p["name"] for p in service["spec"]["ports"]] == ["grpc"]
        assert service["spec"]["ports"][0]["port"] == port
        assert named(manifests, "ServiceAccount", name)
        assert pod_spec(named(manifests, "Deployment", name))["serviceAccountName"] == name


def test_every_container_has_requests_and_limits(manifests: list[Manifest]) -> None:
    for workload in workloads(manifests):
        for _, container in all_containers(workload):
            resources = container.get("resources", {})
            for bound in ("requests", "limits"):
                assert set(resources.get(bound, {})) >= {"cpu", "memory"}, (
                    f"{workload['metadata']['name']}/{container['name']} lacks {bound}"
                )


def test_every_container_runs_locked_down(manifests: list[Manifest]) -> None:
    for workload in workloads(manifests):
        spec = pod_spec(workload)
        where = workload["metadata"]["name"]
        assert spec["securityContext"]["runAsNonRoot"] is True, where
        assert spec["securityContext"]["runAsUser"] != 0, where
        assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, where
        assert spec["automountServiceAccountToken"] is False, where
        assert any(m["kind"] == "ServiceAccount" and m["metadata"]["name"] == spec["serviceAccountName"]
                   for m in manifests), where
        for _, container in all_containers(workload):
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True, f"{where}/{container['name']}"
            assert context["allowPrivilegeEscalation"] is False, f"{where}/{container['name']}"
            assert context["capabilities"] == {"drop": ["ALL"]}, f"{where}/{container['name']}"


def test_writable_paths_are_empty_dirs_and_chromium_gets_a_real_dev_shm(manifests: list[Manifest]) -> None:
    for workload in workloads(manifests):
        volumes = {v["name"]: v for v in pod_spec(workload).get("volumes", [])}
        for _, container in all_containers(workload):
            mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
            assert "/tmp" in mounts and "emptyDir" in volumes[mounts["/tmp"]], workload["metadata"]["name"]
    executor = pod_spec(named(manifests, "Deployment", "rote-executor"))
    shm = next(m["name"] for m in executor["containers"][0]["volumeMounts"] if m["mountPath"] == "/dev/shm")
    assert next(v for v in executor["volumes"] if v["name"] == shm)["emptyDir"]["medium"] == "Memory"


def test_images_are_pinned_never_latest(manifests: list[Manifest]) -> None:
    for workload in workloads(manifests):
        for _, container in all_containers(workload):
            image = container["image"]
            if "@sha256:" in image:
                continue
            tag = image.rsplit("/", 1)[-1].partition(":")[2]
            assert tag and tag != "latest", f"{workload['metadata']['name']}: {image} is not pinned"


def test_config_and_secret_references_exist_with_their_keys(manifests: list[Manifest]) -> None:
    data = {(m["kind"], m["metadata"]["name"]): set(m.get("data", {})) for m in manifests
            if m["kind"] in ("ConfigMap", "Secret")}
    for workload in workloads(manifests):
        for _, container in all_containers(workload):
            where = f"{workload['metadata']['name']}/{container['name']}"
            for source in container.get("envFrom", []):
                for field, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
                    if field in source:
                        assert (kind, source[field]["name"]) in data, f"{where}: {source}"
            for variable in container.get("env", []):
                for field, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
                    ref = variable.get("valueFrom", {}).get(field)
                    if ref:
                        assert ref["key"] in data.get((kind, ref["name"]), set()), f"{where}: {variable['name']}"


def test_config_and_secrets_have_content_hashed_names(manifests: list[Manifest]) -> None:
    # Pods roll on a config change because the reference in the pod template changes with the content
    # (kustomize's generator suffix; the next test shows it follows the content).
    generated = sorted(m["metadata"]["name"] for m in manifests if m["kind"] in ("ConfigMap", "Secret"))
    assert len(generated) == 2, generated
    assert re.fullmatch(r"rote-config-[a-z0-9]{10}", generated[0]), generated
    assert re.fullmatch(r"rote-secrets-[a-z0-9]{10}", generated[1]), generated


def test_changing_a_setting_changes_every_pod_template_that_reads_it(tmp_path: pathlib.Path) -> None:
    tree = k8s_copy(tmp_path)
    before = render_or_skip(tree / "overlays" / "dev")
    config = tree / "base" / "config.env"
    config.write_text(config.read_text().replace("ROTE_RUN_TIMEOUT_SECONDS=300", "ROTE_RUN_TIMEOUT_SECONDS=301"))
    after = render_or_skip(tree / "overlays" / "dev")
    for name in GRPC_SERVICES:
        old, new = named(before, "Deployment", name), named(after, "Deployment", name)
        assert old["spec"]["template"] != new["spec"]["template"], f"{name} would not roll"


def test_only_placeholder_credentials_are_committed() -> None:
    root = pathlib.Path(__file__).resolve().parents[2] / "k8s"
    for example in (root / "base" / "secrets.example.env", root / "overlays" / "prod" / "secrets.env.example"):
        values = [line.split("=", 1)[1] for line in example.read_text().splitlines()
                  if line.strip() and not line.startswith("#")]
        assert values and all(value.startswith("CHANGE-ME") for value in values), example
    assert "secrets.env" in (root / "overlays" / "prod" / ".gitignore").read_text().split()


def test_services_call_each_other_through_headless_services_with_dns_targets(manifests: list[Manifest]) -> None:
    config = next(m for m in manifests if m["kind"] == "ConfigMap")["data"]
    assert config["ROTE_CACHE_ADDRESS"] == "dns:///rote-cache:50052"
    assert config["ROTE_CODEGEN_ADDRESS"] == "dns:///rote-codegen:50053"
    for name in ("rote-cache", "rote-codegen"):
        assert named(manifests, "Service", name)["spec"]["clusterIP"] == "None"


def test_the_cache_waits_for_the_migration_job_and_never_migrates_itself(manifests: list[Manifest]) -> None:
    config = next(m for m in manifests if m["kind"] == "ConfigMap")["data"]
    assert config["ROTE_DB_AUTO_MIGRATE"] == "false"
    cache = pod_spec(named(manifests, "Deployment", "rote-cache"))
    migrate = pod_spec(named(manifests, "Job", "rote-migrate"))["containers"][0]
    gate = cache["initContainers"][0]
    assert gate["command"] == ["python", "-m", "deploy.wait_for_schema"]
    assert migrate["command"] == ["python", "-m", "cache_service", "migrate"]
    # Same image and database settings: the gate waits for exactly the head that the Job migrates to.
    assert gate["image"] == migrate["image"] == cache["containers"][0]["image"]
    # (The serving container also reads object storage: its S3 credentials are no database setting.)
    database_env = [e for e in cache["containers"][0]["env"] if not e["name"].startswith("ROTE_S3_")]
    assert gate["env"] == migrate["env"] == database_env


def test_autoscaler_and_disruption_budgets_target_real_workloads(manifests: list[Manifest]) -> None:
    hpa = named(manifests, "HorizontalPodAutoscaler", "rote-executor")
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "rote-executor"}
    assert "replicas" not in named(manifests, "Deployment", "rote-executor")["spec"], "the HPA owns the count"
    for pdb in (m for m in manifests if m["kind"] == "PodDisruptionBudget"):
        selector = pdb["spec"]["selector"]["matchLabels"]
        assert any(selector.items() <= w["spec"]["template"]["metadata"]["labels"].items()
                   for w in workloads(manifests)), pdb["metadata"]["name"]


def test_stateful_parts_keep_their_data_on_volume_claims(manifests: list[Manifest]) -> None:
    for name, path in (("rote-postgres", "/var/lib/postgresql/data"), ("rote-minio", "/data")):
        statefulset = named(manifests, "StatefulSet", name)
        claim = statefulset["spec"]["volumeClaimTemplates"][0]["metadata"]["name"]
        mounts = pod_spec(statefulset)["containers"][0]["volumeMounts"]
        assert {"name": claim, "mountPath": path} in mounts


# --- network policies -------------------------------------------------------------------------------

CLIENT = "client"  # any caller outside the namespace
EXPECTED_PATHS = {
    (CLIENT, "rote-executor", 50051),
    ("rote-executor", "rote-cache", 50052),
    ("rote-executor", "rote-minio", 9000),
    ("rote-cache", "rote-codegen", 50053),
    ("rote-cache", "rote-postgres", 5432),
    ("rote-cache", "rote-minio", 9000),  # stored code (GetScriptVersion), run files (ReadRunArtifact), drafts
    ("rote-codegen", "rote-minio", 9000),
    ("rote-migrate", "rote-postgres", 5432),
    ("rote-create-bucket", "rote-minio", 9000),
}


def _peer_matches(peer: dict[str, Any], labels: dict[str, str] | None) -> bool:
    """Whether a from/to peer selects a pod of this namespace with ``labels`` (None: outside the cluster)."""
    if "ipBlock" in peer:
        return labels is None  # pod addresses are private: the executor's ipBlock excludes every private range
    if labels is None or "namespaceSelector" in peer:
        return False  # our pods only ever name other namespaces through a namespaceSelector (DNS)
    wanted = peer["podSelector"].get("matchLabels", {})
    return wanted.items() <= labels.items()


def _rule_allows(rule: dict[str, Any], peers_key: str, labels: dict[str, str] | None, port: int) -> bool:
    peers = rule.get(peers_key)
    peer_ok = peers is None or any(_peer_matches(peer, labels) for peer in peers)
    ports = rule.get("ports")
    return peer_ok and (ports is None or any(p.get("port") == port for p in ports))


def _allowed(policies: list[Manifest], direction: str, pod: dict[str, str], other: dict[str, str] | None,
             port: int) -> bool:
    selecting = [p for p in policies if direction in p["spec"]["policyTypes"]
                 and p["spec"]["podSelector"].get("matchLabels", {}).items() <= pod.items()]
    key, peers_key = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    return not selecting or any(_rule_allows(rule, peers_key, other, port)
                                for policy in selecting for rule in policy["spec"].get(key, []))


def test_network_policies_open_exactly_the_design_paths(manifests: list[Manifest]) -> None:
    policies = [m for m in manifests if m["kind"] == "NetworkPolicy"]
    pods = {w["metadata"]["name"]: w["spec"]["template"]["metadata"]["labels"] for w in workloads(manifests)}
    ports = {50051, 50052, 50053, 5432, 9000, 9001, 80, 443}
    open_paths = set()
    for destination, labels in pods.items():
        for port in ports:
            if _allowed(policies, "Ingress", labels, None, port):
                open_paths.add((CLIENT, destination, port))
            for source, source_labels in pods.items():
                if (_allowed(policies, "Egress", source_labels, labels, port)
                        and _allowed(policies, "Ingress", labels, source_labels, port)):
                    open_paths.add((source, destination, port))
    assert open_paths == EXPECTED_PATHS


def test_every_pod_resolves_names_and_only_the_executor_reaches_the_internet(manifests: list[Manifest]) -> None:
    policies = [m for m in manifests if m["kind"] == "NetworkPolicy"]
    dns = named(manifests, "NetworkPolicy", "rote-allow-dns")
    assert dns["spec"]["podSelector"] == {}
    assert {(p["protocol"], p["port"]) for p in dns["spec"]["egress"][0]["ports"]} == {("UDP", 53), ("TCP", 53)}
    for workload in workloads(manifests):
        labels = workload["spec"]["template"]["metadata"]["labels"]
        internet = _allowed(policies, "Egress", labels, None, 443)
        assert internet == (workload["metadata"]["name"] == "rote-executor"), workload["metadata"]["name"]
    executor = named(manifests, "NetworkPolicy", "rote-executor")
    blocks = [peer["ipBlock"] for rule in executor["spec"]["egress"] for peer in rule.get("to", [])
              if "ipBlock" in peer]
    assert blocks and all({"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"} <= set(b["except"])
                          for b in blocks)


# --- images ---------------------------------------------------------------------------------------

DOCKERFILES = pathlib.Path(__file__).resolve().parents[2] / "deploy" / "docker"


@pytest.mark.parametrize("service", ["executor", "cache", "codegen"])
def test_dockerfiles_are_multi_stage_pinned_unprivileged_and_unbuffered(service: str) -> None:
    text = (DOCKERFILES / f"{service}.Dockerfile").read_text()
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", text, re.MULTILINE)
    assert base and re.fullmatch(r"python:\d+\.\d+\.\d+-slim-\w+|python@sha256:[0-9a-f]{64}", base.group(1))
    assert len(re.findall(r"^FROM ", text, re.MULTILINE)) >= 2
    assert "COPY --from=build" in text
    assert re.search(r"^USER 10001:10001$", text, re.MULTILINE)
    assert "PYTHONUNBUFFERED=1" in text
    assert f'ENTRYPOINT ["python", "-m", "{service}_service"]' in text
    assert "playwright install" not in text.replace("`playwright install` is never run", "")



@pytest.mark.parametrize("service", ["executor", "cache", "codegen"])
def test_each_image_copies_and_installs_only_the_kernel_and_its_own_service(service: str) -> None:
    # An image carries one service: no other service's code, no examples/, and only its own extra's packages.
    text = (DOCKERFILES / f"{service}.Dockerfile").read_text()
    sources = {source.rstrip("/") for line in re.findall(r"^COPY (?!--from=)(.+)$", text, re.MULTILINE)
               for source in line.split()[:-1]}
    deploy_helpers = {s for s in sources if s.startswith("deploy/")}
    assert sources - deploy_helpers == {"pyproject.toml", "services", f"{service}_service"}, sources
    assert re.search(rf"^RUN /opt/rote/bin/pip install --prefer-binary '\.\[{service}\]'$", text, re.MULTILINE)
    allowed = {line.lstrip("!").rstrip("/") for line in
               (DOCKERFILES / f"{service}.Dockerfile.dockerignore").read_text().splitlines() if line.startswith("!")}
    assert allowed == sources, "the build context sends exactly what the Dockerfile copies"

def test_the_executor_image_uses_debians_chromium(rendered: dict[str, list[Manifest]]) -> None:
    text = (DOCKERFILES / "executor.Dockerfile").read_text()
    assert re.search(r"apt-get install[^\n]*\\\n\s+chromium ", text)
    assert "ROTE_CHROMIUM_PATH=/usr/bin/chromium" in text
    config = next(m for m in rendered["dev"] if m["kind"] == "ConfigMap")["data"]
    assert config["ROTE_CHROMIUM_PATH"] == "/usr/bin/chromium"


def test_manifest_commands_exist_in_the_images(manifests: list[Manifest]) -> None:
    images = {"rote-executor": "executor", "rote-cache": "cache", "rote-codegen": "codegen"}
    for workload in workloads(manifests):
        for _, container in all_containers(workload):
            image = copy.copy(container["image"]).rsplit("/", 1)[-1].split(":")[0]
            if image not in images or container["command"][:2] != ["python", "-m"]:
                continue
            module = container["command"][2]
            if module.startswith("deploy."):
                dockerfile = (DOCKERFILES / f"{images[image]}.Dockerfile").read_text()
                assert f"deploy/{module.split('.')[1]}.py" in dockerfile, f"{image} lacks {module}"
