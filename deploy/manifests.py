"""Renders a kustomization with ``kubectl kustomize`` (kustomize v5 is built into kubectl) into manifest dicts."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
from typing import Any

import yaml

Manifest = dict[str, Any]

# A render of k8s/ takes well under a second; the bound only keeps a wedged kubectl from hanging a test run.
TIMEOUT_SECONDS = 60.0


class KubectlMissing(RuntimeError):
    """kubectl is not on PATH, so nothing can be rendered on this machine."""


class RenderFailed(RuntimeError):
    """``kubectl kustomize`` refused the kustomization, or did not answer in time."""


def kubectl() -> str:
    """The kubectl executable, or ``KubectlMissing`` saying what to install."""
    found = shutil.which("kubectl")
    if found is None:
        raise KubectlMissing("no kubectl on PATH; install kubectl 1.27 or newer (it embeds kustomize v5)")
    return found


def render(overlay: str | pathlib.Path) -> list[Manifest]:
    """What ``kubectl apply -k overlay`` would send: kustomize's output, parsed, in kustomize's order."""
    command = [kubectl(), "kustomize", str(overlay)]
    try:
        process = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RenderFailed(f"kubectl kustomize {overlay}: no answer after {TIMEOUT_SECONDS:.0f} s") from exc
    if process.returncode != 0:
        raise RenderFailed(f"kubectl kustomize {overlay} failed (exit {process.returncode}): {process.stderr.strip()}")
    return [document for document in yaml.safe_load_all(process.stdout) if document]
