"""The AST allowlist that generated scripts and user snippets must pass before they are compiled or run."""

from services.sandbox.allowlist import RUNTIME_EXPORTS, RUNTIME_MODULE, UnsafeScript, validate_script, validate_snippet
from services.sandbox.safe_builtins import SAFE_BUILTINS

__all__ = [
    "RUNTIME_EXPORTS",
    "RUNTIME_MODULE",
    "SAFE_BUILTINS",
    "UnsafeScript",
    "validate_script",
    "validate_snippet",
]
