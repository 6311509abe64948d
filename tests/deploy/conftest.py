"""Fixtures for the deployment tests: both overlays rendered once by kubectl (prod with its example credentials)."""

from __future__ import annotations

import pathlib
import shutil
from collections.abc import Iterator

import pytest

from deploy.manifests import KubectlMissing, Manifest, render

ROOT = pathlib.Path(__file__).resolve().parents[2]
K8S = ROOT / "k8s"
OVERLAYS = ("dev", "prod")


def k8s_copy(destination: pathlib.Path) -> pathlib.Path:
    """A copy of k8s/ whose prod overlay has a secrets.env (made from its example), so it renders."""
    copy = destination / "k8s"
    shutil.copytree(K8S, copy, ignore=shutil.ignore_patterns("secrets.env"))
    prod = copy / "overlays" / "prod"
    shutil.copy(prod / "secrets.env.example", prod / "secrets.env")
    return copy


def render_or_skip(overlay: pathlib.Path) -> list[Manifest]:
    """``render``, skipping the test (never failing it) on a machine without kubectl."""
    try:
        return render(overlay)
    except KubectlMissing as exc:
        pytest.skip(f"kubectl is not installed: {exc}")


@pytest.fixture(scope="session")
def k8s_tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pathlib.Path]:
    yield k8s_copy(tmp_path_factory.mktemp("k8s"))


@pytest.fixture(scope="session")
def rendered(k8s_tree: pathlib.Path) -> dict[str, list[Manifest]]:
    """overlay name -> the manifests ``kubectl apply -k`` would send."""
    return {overlay: render_or_skip(k8s_tree / "overlays" / overlay) for overlay in OVERLAYS}
