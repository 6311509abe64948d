"""The committed protobuf bindings are exactly what regenerating them from protos/ would produce."""

from __future__ import annotations

import filecmp
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _tree(folder: pathlib.Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_regenerating_bindings_changes_nothing(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "gen"
    subprocess.run([sys.executable, str(ROOT / "tools" / "gen_protos.py"), "--out", str(out)], check=True)
    committed, fresh = _tree(ROOT / "services" / "gen"), _tree(out)
    assert sorted(committed) == sorted(fresh), "files differ: run `make protos` and commit"
    stale = [name for name in committed if committed[name] != fresh[name]]
    assert not stale, f"stale bindings {stale}: run `make protos` and commit"
    assert not filecmp.dircmp(ROOT / "services" / "gen", out).diff_files


def test_bindings_import_as_a_normal_package() -> None:
    code = "from services.gen.rote.v1 import executor_service_pb2_grpc, cache_service_pb2; print('ok')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", check=True)
    assert result.stdout.strip() == "ok"


def test_buf_lint_passes() -> None:
    buf = pathlib.Path(sys.executable).with_name("buf")
    result = subprocess.run([str(buf), "lint"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
