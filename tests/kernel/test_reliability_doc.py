"""RELIABILITY.md only names tests that exist: every `file::test` reference resolves to a test function."""

from __future__ import annotations

import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r"(tests/[\w/]+\.py)(?:::(\w+))?")
CONTINUATION = re.compile(r"`::(\w+)`")


def _tests_in(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_every_test_named_in_reliability_md_exists() -> None:
    text = (ROOT / "RELIABILITY.md").read_text()
    missing = []
    for line in text.splitlines():
        last_file = None
        for match in REFERENCE.finditer(line):
            file, name = match.group(1), match.group(2)
            path = ROOT / file
            if not path.exists():
                missing.append(file)
                continue
            last_file = path
            if name and name not in _tests_in(path):
                missing.append(f"{file}::{name}")
        for name in CONTINUATION.findall(line):
            if last_file is not None and name not in _tests_in(last_file):
                missing.append(f"{last_file.name}::{name}")
    assert not missing, f"RELIABILITY.md names tests that do not exist: {missing}"
    assert text.count("| ") > 40, "the fault table is there"
