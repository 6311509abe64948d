"""The small kustomize renderer: kustomize's hash suffixes, generators, patches, and parity with kubectl."""

from __future__ import annotations

import asyncio
import pathlib
import shutil
import textwrap

import pytest
import yaml

from deploy.kustomize import UnsupportedKustomization, content_hash, render
from tests.deploy.conftest import OVERLAYS


def write(folder: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text))
    return folder


def test_generated_names_carry_the_same_hash_as_kustomize() -> None:
    # Golden values printed by `kubectl kustomize` (kustomize v5.5.0) for these generators.
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"A": "1"}}
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "sec"}, "data": {"B": "Mg=="},
              "type": "Opaque"}
    assert content_hash(config) == "89g4tffbfk"
    assert content_hash(secret) == "ht9m5h8ht7"


def test_references_follow_the_hashed_names_and_change_with_the_content(tmp_path: pathlib.Path) -> None:
    base = write(tmp_path / "base", {
        "kustomization.yaml": """
            resources: [pod.yaml]
            configMapGenerator:
              - name: cfg
                literals: [A=1]
            secretGenerator:
              - name: sec
                envs: [sec.env]
        """,
        "sec.env": "# a comment\nB=2\n",
        "pod.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: app:1
                      envFrom: [{configMapRef: {name: cfg}}]
                      env: [{name: B, valueFrom: {secretKeyRef: {name: sec, key: B}}}]
        """,
    })
    overlay = write(tmp_path / "overlay", {"kustomization.yaml": """
        resources: [../base]
        configMapGenerator:
          - name: cfg
            behavior: merge
            literals: [A=2, C=3]
    """})
    base_objects = {m["kind"]: m for m in render(base)}
    overlay_objects = {m["kind"]: m for m in render(overlay)}
    assert base_objects["ConfigMap"]["metadata"]["name"] == "cfg-89g4tffbfk"
    assert overlay_objects["ConfigMap"]["data"] == {"A": "2", "C": "3"}
    container = overlay_objects["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert container["envFrom"][0]["configMapRef"]["name"] == overlay_objects["ConfigMap"]["metadata"]["name"]
    assert container["envFrom"][0]["configMapRef"]["name"] != "cfg-89g4tffbfk"
    assert container["env"][0]["valueFrom"]["secretKeyRef"]["name"] == "sec-ht9m5h8ht7"


def test_patches_namespace_labels_and_images(tmp_path: pathlib.Path) -> None:
    folder = write(tmp_path, {
        "kustomization.yaml": """
            namespace: ns
            labels: [{pairs: {team: rote}}]
            resources: [objects.yaml]
            images: [{name: app, newName: reg/app, newTag: "2"}]
            patches:
              - target: {kind: Deployment, name: "a|b"}
                patch: |-
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: any}
                  spec: {replicas: 3}
              - target: {kind: Deployment, name: a}
                patch: |-
                  - op: replace
                    path: /spec/template/spec/containers/0/args
                    value: [x]
        """,
        "objects.yaml": """
            apiVersion: v1
            kind: Namespace
            metadata: {name: ns}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: a}
            spec: {replicas: 1, template: {spec: {containers: [{name: c, image: "app:1", args: [y]}]}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: b}
            spec: {replicas: 1, template: {spec: {containers: [{name: c, image: "other:1"}]}}}
        """,
    })
    objects = {m["metadata"]["name"]: m for m in render(folder)}
    assert "namespace" not in objects["ns"]["metadata"], "a Namespace is cluster-scoped"
    assert objects["a"]["metadata"] == {"name": "a", "namespace": "ns", "labels": {"team": "rote"}}
    assert objects["a"]["spec"]["replicas"] == objects["b"]["spec"]["replicas"] == 3
    assert objects["a"]["spec"]["template"]["spec"]["containers"][0] == {"name": "c", "image": "reg/app:2",
                                                                          "args": ["x"]}
    assert objects["b"]["spec"]["template"]["spec"]["containers"][0]["image"] == "other:1"


def test_features_it_does_not_implement_are_refused_not_ignored(tmp_path: pathlib.Path) -> None:
    write(tmp_path, {"kustomization.yaml": "resources: []\nnamePrefix: x-\n"})
    with pytest.raises(UnsupportedKustomization, match="namePrefix"):
        render(tmp_path)


@pytest.mark.parametrize("overlay", OVERLAYS)
async def test_renders_exactly_what_kubectl_kustomize_renders(overlay: str, k8s_tree: pathlib.Path) -> None:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed: the golden hashes above still pin kustomize's behaviour")
    process = await asyncio.create_subprocess_exec(
        kubectl, "kustomize", str(k8s_tree / "overlays" / overlay),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    expected = [doc for doc in yaml.safe_load_all(out) if doc]
    assert render(k8s_tree / "overlays" / overlay) == expected
