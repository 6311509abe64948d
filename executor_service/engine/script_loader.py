"""Loads a cached script for one run: read-only fetch, sha256 check, AST allowlist, per-run namespace."""

from __future__ import annotations

import ast
import builtins
import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from types import CodeType
from typing import Any

from services.errors import FailedPrecondition
from services.gen.rote.v1 import script_pb2
from services.sandbox import SAFE_BUILTINS, validate_script
from services.storage import ObjectStore

RUNTIME_MODULE = "executor_service.runtime"


class ScriptRefused(FailedPrecondition):
    """A stored script file failed its sha256 check or the AST allowlist; it is never executed."""


def _runtime_only_import(
    name: str, globals_: Any = None, locals_: Any = None, fromlist: Any = (), level: int = 0
) -> Any:
    # Defence in depth: the allowlist already rejects other imports before the code is compiled.
    if name != RUNTIME_MODULE or level != 0:
        raise ImportError(f"generated code may import only {RUNTIME_MODULE}")
    return builtins.__import__(name, globals_, locals_, fromlist, level)


@dataclass
class LoadedScript:
    """The namespace of one run's script and the compiled run signature of each cached block."""

    namespace: dict[str, Any]
    signatures: dict[str, CodeType]

    async def run_block(self, label: str, page: Any, ctx: Any) -> None:
        """Execute the block's run_signature (e.g. ``await fill_quote(page, ctx)``)."""
        scope = {**self.namespace, "page": page, "ctx": ctx}
        result = eval(self.signatures[label], scope)  # noqa: S307 - allowlisted, compiled signature
        if result is not None and hasattr(result, "__await__"):
            await result


class ScriptLoader:
    """Fetches and verifies script files on every load; compiled code is cached by sha256 (never namespaces)."""

    def __init__(self, store: ObjectStore, max_cached_files: int = 512) -> None:
        self._store = store
        self._compiled: OrderedDict[str, CodeType] = OrderedDict()
        self._max = max_cached_files

    async def load(self, cached_blocks: list[script_pb2.CachedBlock]) -> LoadedScript:
        """A fresh namespace holding every cached block's function; raises ScriptRefused on tampering."""
        safe_builtins = dict(SAFE_BUILTINS)
        safe_builtins["__import__"] = _runtime_only_import
        namespace: dict[str, Any] = {"__builtins__": safe_builtins, "__name__": "rote_script"}
        signatures: dict[str, CodeType] = {}
        seen: set[str] = set()
        for block in cached_blocks:
            if block.file.sha256 not in seen:
                exec(await self._code_for(block.file), namespace)  # noqa: S102 - verified and allowlisted
                seen.add(block.file.sha256)
            signatures[block.label] = self._compile_signature(block.label, block.run_signature)
        return LoadedScript(namespace, signatures)

    async def _code_for(self, file: script_pb2.ScriptFile) -> CodeType:
        # The bytes are read and hashed on every load, so a file changed in storage is refused even when its
        # recorded version was compiled before; only the (verified) compile step is cached.
        data = await self._store.get(file.storage_key)
        digest = hashlib.sha256(data).hexdigest()
        if digest != file.sha256:
            raise ScriptRefused(
                f"script file {file.path} was refused: its sha256 is {digest[:12]}…, "
                f"the cache recorded {file.sha256[:12]}… (the stored file was changed)"
            )
        code = self._compiled.get(file.sha256)
        if code is not None:
            self._compiled.move_to_end(file.sha256)
            return code
        source = data.decode("utf-8")
        try:
            tree = validate_script(source, filename=file.path)
        except Exception as exc:
            raise ScriptRefused(f"script file {file.path} was refused by the sandbox: {exc}") from exc
        code = compile(tree, file.path, "exec")
        self._compiled[file.sha256] = code
        if len(self._compiled) > self._max:
            self._compiled.popitem(last=False)
        return code

    @staticmethod
    def _compile_signature(label: str, signature: str) -> CodeType:
        tree = ast.parse(signature, mode="exec")
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        # A signature is one awaited call of a function defined by the script, with (page, ctx).
        ok = (
            len(tree.body) == 1
            and isinstance(tree.body[0], ast.Expr)
            and isinstance(tree.body[0].value, ast.Await)
            and len(calls) == 1
            and isinstance(calls[0].func, ast.Name)
            and not calls[0].func.id.startswith("_")
            and all(isinstance(arg, ast.Name) and arg.id in {"page", "ctx"} for arg in calls[0].args)
        )
        if not ok:
            raise ScriptRefused(f"run_signature of block {label!r} is not a plain awaited call: {signature!r}")
        return compile(signature, f"<run_signature {label}>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
