"""Block label -> Python identifier: readable, unique within a script, never private or reserved."""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Iterable

from services.sandbox import RUNTIME_EXPORTS, SAFE_BUILTINS
from services.sandbox.allowlist import FORBIDDEN_NAMES

# Names the generated code already uses; a block function must not shadow them.
RESERVED: frozenset[str] = frozenset(
    {"page", "ctx", "data", "item", "next_block", "run_workflow", "Parameters", *RUNTIME_EXPORTS, *SAFE_BUILTINS,
     *FORBIDDEN_NAMES, *keyword.kwlist, *keyword.softkwlist}
)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def identifier_for(label: str) -> str:
    """The base identifier for a label ("Fill quote!" -> "fill_quote"), before de-duplication."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    name = _NON_WORD.sub("_", ascii_label.lower()).strip("_")
    # The sandbox rejects leading underscores, so an empty or digit-led name gets a word in front.
    if not name or name[0].isdigit() or name in RESERVED:
        name = f"block_{name}" if name else "block"
    return name


def assign_function_names(labels: Iterable[str], taken: dict[str, str] | None = None) -> dict[str, str]:
    """Map each label to a unique function name, in the given order; ``taken`` holds names already fixed."""
    names = dict(taken or {})
    used = set(names.values())
    for label in labels:
        if label in names:
            continue
        base = identifier_for(label)
        candidate, counter = base, 2
        while candidate in used:
            candidate, counter = f"{base}_{counter}", counter + 1
        names[label] = candidate
        used.add(candidate)
    return names
