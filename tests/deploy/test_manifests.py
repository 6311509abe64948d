"""Every rendered manifest of both overlays is valid Kubernetes, strictly, from 1.30 to the newest schemas."""

from __future__ import annotations

import asyncio
import pathlib
import sys

import kubernetes_validate
import pytest
import yaml

from deploy.manifests import KubectlMissing, Manifest, RenderFailed, render
from tests.deploy.conftest import OVERLAYS, render_or_skip

VERSIONS = ("1.30.0", kubernetes_validate.latest_version())


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_manifest_passes_strict_schema_validation(
    overlay: str, version: str, rendered: dict[str, list[Manifest]]
) -> None:
    failures = []
    for manifest in rendered[overlay]:
        try:
            kubernetes_validate.validate(manifest, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            failures.append(f"{manifest['kind']}/{manifest['metadata']['name']}: {exc.message} at {list(exc.path)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("overlay", OVERLAYS)
async def test_the_kubernetes_validate_command_accepts_the_rendered_files(
    overlay: str, rendered: dict[str, list[Manifest]], tmp_path: pathlib.Path
) -> None:
    # What `make k8s-validate` users would run by hand: one file per manifest, the CLI, --strict.
    files = []
    for index, manifest in enumerate(rendered[overlay]):
        path = tmp_path / f"{index:02d}-{manifest['kind']}-{manifest['metadata']['name']}.yaml"
        path.write_text(yaml.safe_dump(manifest))
        files.append(str(path))
    cli = pathlib.Path(sys.executable).parent / "kubernetes-validate"
    process = await asyncio.create_subprocess_exec(
        str(cli), "--strict", "--quiet", "-k", "1.30.0", *files,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await process.communicate()
    assert process.returncode == 0, out.decode()


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_overlay_deploys_every_part_of_the_system(overlay: str, rendered: dict[str, list[Manifest]]) -> None:
    kinds = {(m["kind"], m["metadata"]["name"].rsplit("-", 1)[0] if m["kind"] in ("ConfigMap", "Secret")
              else m["metadata"]["name"]) for m in rendered[overlay]}
    for service in ("rote-executor", "rote-cache", "rote-codegen"):
        assert {("Deployment", service), ("Service", service), ("ServiceAccount", service),
                ("PodDisruptionBudget", service), ("NetworkPolicy", service)} <= kinds
    assert {("StatefulSet", "rote-postgres"), ("StatefulSet", "rote-minio"), ("Job", "rote-migrate"),
            ("Job", "rote-create-bucket"), ("HorizontalPodAutoscaler", "rote-executor"),
            ("ConfigMap", "rote-config"), ("Secret", "rote-secrets"), ("NetworkPolicy", "rote-default-deny"),
            ("Namespace", "rote-dev" if overlay == "dev" else "rote")} <= kinds


def test_a_refused_kustomization_names_the_overlay_and_kubectls_reason(tmp_path: pathlib.Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources: [missing.yaml]\n")
    with pytest.raises(RenderFailed) as caught:
        render_or_skip(tmp_path)  # skips, rather than fails, where kubectl is missing
    assert f"kubectl kustomize {tmp_path} failed" in str(caught.value)
    assert "missing.yaml" in str(caught.value), "kubectl's stderr is part of the message"


def test_without_kubectl_rendering_says_what_to_install(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(KubectlMissing, match="install kubectl"):
        render(tmp_path)
