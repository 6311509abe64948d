"""The few builtins sandboxed code may call; everything else (open, getattr, __import__, ...) is absent."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

# None of these can reach attributes, frames, modules or the file system.
SAFE_BUILTINS: Mapping[str, Any] = MappingProxyType(
    {
        "len": len,
        "str": str,
        "int": int,
        "float": float,
        "bool": bool,
        "list": list,
        "dict": dict,
        "range": range,
        "enumerate": enumerate,
        "min": min,
        "max": max,
        "sorted": sorted,
        "zip": zip,
        "round": round,
        "abs": abs,
        # For the "-> object" return annotation of extraction blocks (annotations are evaluated at def time);
        # everything reachable from it is a dunder, which the allowlist rejects.
        "object": object,
        # What a ``class`` statement calls: only the parameters model (``class Parameters(WorkflowParameters)``)
        # passes the allowlist, and no code can name it (names starting with "_" are refused).
        "__build_class__": builtins.__build_class__,
    }
)
