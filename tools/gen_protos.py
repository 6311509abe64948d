"""Generate the Python bindings of protos/ into a package folder (default: services/gen)."""

from __future__ import annotations

import argparse
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROTO_ROOT = ROOT / "protos"
DEFAULT_OUT = ROOT / "services" / "gen"
# Stubs from --pyi_out keep absolute imports (ours and the vendored buf.validate) that protoletariat does not rewrite.
_PYI_IMPORT = re.compile(r"^from (rote\.v1|buf\.validate) import ", re.MULTILINE)


def generate(out: pathlib.Path) -> None:
    """Write bindings, gRPC stubs and .pyi files for every proto into ``out``."""
    protos = sorted(str(p.relative_to(PROTO_ROOT)) for p in PROTO_ROOT.rglob("*.proto"))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    protoc = [sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTO_ROOT}"]
    subprocess.run(
        [*protoc, f"--python_out={out}", f"--pyi_out={out}", f"--grpc_python_out={out}", *protos],
        check=True,
        cwd=PROTO_ROOT,
    )
    protol = pathlib.Path(sys.executable).with_name("protol")
    subprocess.run(
        [
            str(protol), "--create-package", "--in-place", "--python-out", str(out),
            "protoc", "--protoc-path", f"{sys.executable} -m grpc_tools.protoc",
            f"--proto-path={PROTO_ROOT}", *protos,
        ],
        check=True,
        cwd=PROTO_ROOT,
        stdout=subprocess.DEVNULL,
    )
    package = ".".join(out.relative_to(ROOT).parts) if out.is_relative_to(ROOT) else "services.gen"
    for stub in out.rglob("*.pyi"):
        text = stub.read_text()
        stub.write_text(_PYI_IMPORT.sub(rf"from {package}.\1 import ", text))
    (out / "py.typed").write_text("")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT)
    generate(parser.parse_args().out.resolve())


if __name__ == "__main__":
    main()
