"""Files from rendered definitions, and the compile + sandbox check every file passes before it is uploaded."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst

from codegen_service import layout
from codegen_service.layout import blank_lines, code_of
from services.errors import RoteError
from services.sandbox import RUNTIME_MODULE, validate_script


class GeneratedCodeRejected(RoteError):
    """Our own output failed to compile or to pass the sandbox: a codegen bug, never uploaded."""


def _import(names: Sequence[str]) -> cst.SimpleStatementLine:
    aliases = [cst.ImportAlias(cst.Name(name)) for name in sorted(names)]
    module = cst.Attribute(value=cst.Name("executor_service"), attr=cst.Name("runtime"))
    assert RUNTIME_MODULE == "executor_service.runtime"
    return cst.SimpleStatementLine([cst.ImportFrom(module=module, names=aliases)])


def file_head(comment: cst.EmptyLine, imports: Sequence[str]) -> str:
    """The first lines of a file: the header comment and the runtime import."""
    return cst.Module(body=[_import(imports)], header=[comment]).code


def definition_text(definition: cst.FunctionDef | cst.ClassDef) -> str:
    """One top-level definition as a file holds it: two blank lines, then its code.

    Each definition is rendered once and its text is shared by the block file and module.py: a file is its head
    followed by whole definitions, so joining them writes exactly what libcst writes for the file as one module.
    """
    return code_of(definition.with_changes(leading_lines=blank_lines(2)))


def fitted_definition_text(definition: cst.FunctionDef | cst.ClassDef) -> str:
    """``definition_text(fit_lines(definition))``, written without building the fitted tree."""
    return layout.fitted_text(definition.with_changes(leading_lines=blank_lines(2)))


def checked(path: str, data: bytes) -> bytes:
    """Compile and sandbox-check one file, parsed from its exact bytes, before it may be uploaded."""
    try:
        tree = validate_script(data.decode("utf-8"), filename=path)
        compile(tree, path, "exec")
    except (SyntaxError, ValueError) as exc:
        raise GeneratedCodeRejected(f"generated {path} does not compile: {exc}") from exc
    except Exception as exc:  # UnsafeScript: our generator emitted something outside the allowlist
        raise GeneratedCodeRejected(f"generated {path} was refused by the sandbox: {exc}") from exc
    return data


def module_data(head: str, own: Sequence[str], checked_functions: Mapping[str, str]) -> bytes:
    """module.py's bytes: ``head``, ``own[0]``, the functions, ``own[1:]``."""
    return (head + own[0] + "".join(checked_functions.values()) + "".join(own[1:])).encode("utf-8")


def checked_module(path: str, head: str, own: Sequence[str], checked_functions: Mapping[str, str]) -> bytes:
    """module.py's bytes (``module_data``), checked without walking or compiling again every function its block file's
    check has walked and compiled.

    The caller passes only functions whose block files passed ``checked`` with exactly these texts, importing no
    more than ``head`` does, and every function of each such file. module.py is ``head``, then whole top-level
    definitions, each starting at column 0 after blank lines: Python parses and compiles such a file statement by
    statement (no ``from __future__``, ``global`` or ``nonlocal`` at module level ties one to another: the sandbox
    refuses them), and the sandbox's one file-wide rule, that every name used is bound somewhere in the file, still
    holds, since module.py binds every name a block file binds (binding more never makes it refuse anything). So
    every function passes here as it passed in its block file. The module's own definitions (the parameters model,
    run_workflow) are sandbox-checked and compiled beside one stub per function. Compiling the whole file again
    cost 0.3-0.4 s of a 1,000-block request, after its last block was built; ``tests/codegen/test_module_check.py``
    runs the full check on module.py of generated scripts.
    """
    data = module_data(head, own, checked_functions)
    check_module_parts(path, head, own, tuple(checked_functions))
    return data


def check_module_parts(path: str, head: str, own: Sequence[str], function_names: Sequence[str]) -> None:
    """Compile and sandbox-check module.py's own parts, with a stub for each (checked) function."""
    # A stub binds the function's name (run_workflow calls it) and nothing else.
    stubs = "".join(f"\n\nasync def {name}(page, ctx):\n    pass\n" for name in function_names)
    checked(path, (head + own[0] + stubs + "".join(own[1:])).encode("utf-8"))
