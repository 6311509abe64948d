"""A small kustomize renderer for the subset k8s/ uses, so manifests can be built and tested without kubectl.

Supported, with kustomize's semantics: ``resources`` (files and folders), ``namespace``, ``labels`` (metadata
only), ``configMapGenerator``/``secretGenerator`` (``envs``, ``literals``, ``behavior`` create/merge/replace,
content-hash name suffixes computed exactly as kustomize does, references in pod templates rewritten),
``patches`` (inline or from a file; strategic-merge maps or JSON 6902 lists; target by kind/name regex) and
``images`` (newName/newTag). Anything else raises ``UnsupportedKustomization`` rather than being ignored.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import pathlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

Manifest = dict[str, Any]

_KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
_SUPPORTED_KEYS = {
    "apiVersion", "kind", "resources", "namespace", "labels",
    "configMapGenerator", "secretGenerator", "patches", "images",
}
_CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass",
                   "PersistentVolume", "PriorityClass"}
# kustomize's legacy output order: what must exist first comes first; other kinds follow, by kind name.
_ORDER_FIRST = ["Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
                "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap",
                "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume",
                "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget"]
_ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]
# Strategic-merge keys of the lists our patches may touch (Kubernetes' patchMergeKey for each field).
_MERGE_KEYS = {"containers": "name", "initContainers": "name", "env": "name", "volumes": "name",
               "volumeMounts": "mountPath", "ports": "containerPort", "envFrom": None}


class UnsupportedKustomization(ValueError):
    """The kustomization uses a feature this renderer does not implement."""


@dataclass
class _Resource:
    manifest: Manifest
    generated_name: str = ""  # the name before the hash suffix, for generated ConfigMaps and Secrets

    @property
    def key(self) -> tuple[str, str]:
        return self.manifest["kind"], self.manifest["metadata"]["name"]


@dataclass
class _Build:
    resources: list[_Resource] = field(default_factory=list)

    def find(self, kind: str, name: str) -> _Resource | None:
        return next((r for r in self.resources if r.key == (kind, name)), None)


def render(path: str | pathlib.Path) -> list[Manifest]:
    """Build the kustomization in folder ``path`` like ``kustomize build``: hashed names, sorted output."""
    build = _build(pathlib.Path(path))
    renames: dict[tuple[str, str], str] = {}
    for resource in build.resources:
        if resource.generated_name:
            suffixed = f"{resource.generated_name}-{content_hash(resource.manifest)}"
            renames[(resource.manifest["kind"], resource.generated_name)] = suffixed
            resource.manifest["metadata"]["name"] = suffixed
    manifests = [r.manifest for r in build.resources]
    for manifest in manifests:
        for pod in _pod_specs(manifest):
            _rename_references(pod, renames)
    return sorted(manifests, key=_order)


def render_yaml(path: str | pathlib.Path) -> str:
    return yaml.safe_dump_all(render(path), sort_keys=True)


def content_hash(manifest: Manifest) -> str:
    """kustomize's name suffix for a generated ConfigMap or Secret (api/hasher: sha256 of a JSON encoding).

    kustomize 5 hashes generated objects with an empty ``name`` field: the suffix depends on kind, type and
    data only (checked against ``kubectl kustomize`` 5.5 in tests/deploy/test_kustomize.py).
    """
    kind = manifest["kind"]
    encoded: dict[str, Any] = {"kind": kind, "name": "", "data": manifest.get("data", {})}
    if kind == "Secret":
        encoded["type"] = manifest.get("type", "")
    elif manifest.get("binaryData"):
        encoded["binaryData"] = manifest["binaryData"]
    # Go's encoding/json: keys sorted, no spaces, and <, >, & escaped.
    text = json.dumps(encoded, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return digest.translate(str.maketrans("013ae", "ghkmt"))


def _order(manifest: Manifest) -> tuple[int, str, str, str]:
    kind = manifest["kind"]
    if kind in _ORDER_FIRST:
        rank = _ORDER_FIRST.index(kind)
    elif kind in _ORDER_LAST:
        rank = len(_ORDER_FIRST) + 1 + _ORDER_LAST.index(kind)
    else:
        rank = len(_ORDER_FIRST)
    metadata = manifest["metadata"]
    return rank, kind, metadata.get("namespace", ""), metadata["name"]


def _load_kustomization(folder: pathlib.Path) -> dict[str, Any]:
    for name in _KUSTOMIZATION_FILES:
        if (folder / name).is_file():
            kustomization = yaml.safe_load((folder / name).read_text()) or {}
            unknown = set(kustomization) - _SUPPORTED_KEYS
            if unknown:
                raise UnsupportedKustomization(f"{folder / name}: unsupported fields {sorted(unknown)}")
            return kustomization
    raise FileNotFoundError(f"no kustomization file in {folder}")


def _build(folder: pathlib.Path) -> _Build:
    kustomization = _load_kustomization(folder)
    build = _Build()
    for entry in kustomization.get("resources", []):
        target = folder / entry
        if target.is_dir():
            build.resources.extend(_build(target).resources)
        else:
            build.resources.extend(_Resource(doc) for doc in yaml.safe_load_all(target.read_text()) if doc)
    for spec in kustomization.get("configMapGenerator", []):
        _generate(build, folder, spec, "ConfigMap")
    for spec in kustomization.get("secretGenerator", []):
        _generate(build, folder, spec, "Secret")
    for patch in kustomization.get("patches", []):
        _apply_patch(build, folder, patch)
    if "namespace" in kustomization:
        for resource in build.resources:
            if resource.manifest["kind"] not in _CLUSTER_SCOPED:
                resource.manifest["metadata"]["namespace"] = kustomization["namespace"]
    for label_set in kustomization.get("labels", []):
        if label_set.get("includeSelectors") or label_set.get("includeTemplates"):
            raise UnsupportedKustomization("labels: only metadata labels are supported")
        for resource in build.resources:
            resource.manifest["metadata"].setdefault("labels", {}).update(label_set["pairs"])
    for image in kustomization.get("images", []):
        for resource in build.resources:
            for pod in _pod_specs(resource.manifest):
                for container in _containers(pod):
                    container["image"] = _retag(container["image"], image)
    return build


def _env_pairs(lines: list[str], where: str) -> Iterator[tuple[str, str]]:
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if "=" not in stripped:
            raise UnsupportedKustomization(f"{where}: {stripped!r} is not KEY=VALUE")
        key, value = stripped.split("=", 1)
        yield key, value


def _generate(build: _Build, folder: pathlib.Path, spec: dict[str, Any], kind: str) -> None:
    unknown = set(spec) - {"name", "envs", "literals", "behavior", "type"}
    if unknown:
        raise UnsupportedKustomization(f"{kind} generator {spec.get('name')}: unsupported fields {sorted(unknown)}")
    values: dict[str, str] = {}
    for env_file in spec.get("envs", []):
        values.update(_env_pairs((folder / env_file).read_text().splitlines(), str(folder / env_file)))
    values.update(_env_pairs(spec.get("literals", []), f"{kind} {spec['name']} literals"))
    if kind == "Secret":
        data = {k: base64.b64encode(v.encode()).decode() for k, v in values.items()}
    else:
        data = values
    behavior = spec.get("behavior", "create")
    existing = next((r for r in build.resources if r.generated_name == spec["name"] and r.manifest["kind"] == kind),
                    None)
    if behavior == "create":
        if existing is not None:
            raise UnsupportedKustomization(f"{kind} {spec['name']} already exists: use behavior merge or replace")
        manifest: Manifest = {"apiVersion": "v1", "kind": kind, "metadata": {"name": spec["name"]}, "data": data}
        if kind == "Secret":
            manifest["type"] = spec.get("type", "Opaque")
        build.resources.append(_Resource(manifest, generated_name=spec["name"]))
        return
    if existing is None:
        raise UnsupportedKustomization(f"{kind} {spec['name']}: behavior {behavior} needs one from a base")
    if behavior == "merge":
        existing.manifest["data"] = {**existing.manifest.get("data", {}), **data}
    elif behavior == "replace":
        existing.manifest["data"] = data
    else:
        raise UnsupportedKustomization(f"{kind} {spec['name']}: unknown behavior {behavior}")
    if kind == "Secret" and "type" in spec:
        existing.manifest["type"] = spec["type"]


def _apply_patch(build: _Build, folder: pathlib.Path, patch: dict[str, Any]) -> None:
    unknown = set(patch) - {"patch", "path", "target"}
    if unknown:
        raise UnsupportedKustomization(f"patches: unsupported fields {sorted(unknown)}")
    body = yaml.safe_load(patch["patch"] if "patch" in patch else (folder / patch["path"]).read_text())
    target = patch.get("target")
    if target is None:
        if not isinstance(body, dict):
            raise UnsupportedKustomization("a JSON 6902 patch needs a target")
        target = {"kind": body["kind"], "name": body["metadata"]["name"]}
    unknown = set(target) - {"kind", "name", "group", "version"}
    if unknown:
        raise UnsupportedKustomization(f"patch target: unsupported selectors {sorted(unknown)}")
    matched = [r for r in build.resources if _matches(r.manifest, target)]
    if not matched:
        raise UnsupportedKustomization(f"patch target {target} matches no resource")
    for resource in matched:
        if isinstance(body, list):
            resource.manifest = _json6902(resource.manifest, body)
        else:
            resource.manifest = _strategic_merge(resource.manifest, {k: v for k, v in body.items()
                                                                      if k not in ("apiVersion", "kind", "metadata")})


def _matches(manifest: Manifest, target: dict[str, str]) -> bool:
    group, _, version = manifest["apiVersion"].rpartition("/")
    checks = {"kind": manifest["kind"], "name": manifest["metadata"]["name"], "group": group, "version": version}
    return all(re.fullmatch(pattern, checks[field_name]) for field_name, pattern in target.items())


def _strategic_merge(original: Any, patch: Any, field_name: str = "") -> Any:
    if isinstance(patch, dict) and isinstance(original, dict):
        if any(key.startswith("$") for key in patch):
            raise UnsupportedKustomization(f"strategic-merge directives are not supported: {sorted(patch)}")
        merged = dict(original)
        for key, value in patch.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = _strategic_merge(original.get(key), value, key) if key in original else value
        return merged
    if isinstance(patch, list) and isinstance(original, list) and _MERGE_KEYS.get(field_name):
        merge_key = _MERGE_KEYS[field_name]
        merged_list = [copy.deepcopy(item) for item in original]
        for item in patch:
            index = next((i for i, old in enumerate(merged_list) if old.get(merge_key) == item.get(merge_key)), None)
            if index is None:
                merged_list.append(item)
            else:
                merged_list[index] = _strategic_merge(merged_list[index], item)
        return merged_list
    return copy.deepcopy(patch)


def _pointer(path: str) -> list[str]:
    if not path.startswith("/"):
        raise UnsupportedKustomization(f"JSON pointer must start with '/': {path}")
    return [part.replace("~1", "/").replace("~0", "~") for part in path[1:].split("/")]


def _json6902(manifest: Manifest, operations: list[dict[str, Any]]) -> Manifest:
    document = copy.deepcopy(manifest)
    for operation in operations:
        op, parts = operation["op"], _pointer(operation["path"])
        parent: Any = document
        for part in parts[:-1]:
            parent = parent[int(part)] if isinstance(parent, list) else parent[part]
        last = parts[-1]
        if op in ("replace", "remove"):
            if isinstance(parent, list):
                index = int(last)
                if op == "remove":
                    del parent[index]
                else:
                    parent[index] = operation["value"]
            else:
                if last not in parent:
                    raise KeyError(f"{op} {operation['path']}: no such field")
                if op == "remove":
                    del parent[last]
                else:
                    parent[last] = operation["value"]
        elif op == "add":
            if isinstance(parent, list):
                parent.insert(len(parent) if last == "-" else int(last), operation["value"])
            else:
                parent[last] = operation["value"]
        else:
            raise UnsupportedKustomization(f"JSON 6902 op {op} is not supported")
    return document


def _pod_specs(manifest: Manifest) -> Iterator[dict[str, Any]]:
    spec = manifest.get("spec", {})
    if manifest["kind"] == "Pod":
        yield spec
    elif manifest["kind"] == "CronJob":
        yield spec["jobTemplate"]["spec"]["template"]["spec"]
    elif "template" in spec and "spec" in spec.get("template", {}):
        yield spec["template"]["spec"]


def _containers(pod: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from pod.get("initContainers", [])
    yield from pod.get("containers", [])


def _retag(reference: str, image: dict[str, str]) -> str:
    name, digest = reference.split("@", 1) if "@" in reference else (reference, "")
    tag = ""
    if ":" in name.rsplit("/", 1)[-1]:
        name, tag = name.rsplit(":", 1)
    if name != image["name"]:
        return reference
    name = image.get("newName", name)
    if "digest" in image:
        return f"{name}@{image['digest']}"
    tag = image.get("newTag", tag)
    if digest and "newTag" not in image:
        return f"{name}@{digest}"
    return f"{name}:{tag}" if tag else name


def _rename_references(pod: dict[str, Any], renames: dict[tuple[str, str], str]) -> None:
    def rename(holder: dict[str, Any] | None, kind: str, key: str = "name") -> None:
        if holder and (kind, holder.get(key, "")) in renames:
            holder[key] = renames[(kind, holder[key])]

    for container in _containers(pod):
        for source in container.get("envFrom", []):
            rename(source.get("configMapRef"), "ConfigMap")
            rename(source.get("secretRef"), "Secret")
        for variable in container.get("env", []):
            value_from = variable.get("valueFrom", {})
            rename(value_from.get("configMapKeyRef"), "ConfigMap")
            rename(value_from.get("secretKeyRef"), "Secret")
    for volume in pod.get("volumes", []):
        rename(volume.get("configMap"), "ConfigMap")
        rename(volume.get("secret"), "Secret", "secretName")
        for source in volume.get("projected", {}).get("sources", []):
            rename(source.get("configMap"), "ConfigMap")
            rename(source.get("secret"), "Secret")
