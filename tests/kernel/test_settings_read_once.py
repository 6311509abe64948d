"""Settings are read once, into settings objects: no service module reads the environment while it serves."""

from __future__ import annotations

import ast
import pathlib

import pytest

from executor_service.settings import ExecutorSettings
from services.call_context import API_KEY_HEADER, outgoing_metadata
from services.client.calls import CallOptions
from services.settings import SecuritySettings

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGES = ("services", "executor_service", "cache_service", "codegen_service")
ENV_HELPERS = {"env_str", "env_int", "env_float", "env_bool"}
# Where reading the environment is the point: the settings modules themselves, the CLI (a user's shell is its
# configuration), the client's CallOptions.from_env, and child processes given a minimal environment.
ENVIRON_ALLOWED = {
    "services/settings.py", "services/cli/common.py", "services/cli/local_stack.py", "services/client/calls.py",
    "services/isolation/pool.py",
}
# Read at import, once per process: the size of codegen's process pool.
HELPER_AT_IMPORT_ALLOWED = {"codegen_service/parallel.py"}


def _modules() -> list[pathlib.Path]:
    return [p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if "/gen/" not in p.as_posix()]


def _reads_environ(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv"}:
        return isinstance(node.value, ast.Name) and node.value.id == "os"
    return False


def test_only_settings_and_the_cli_read_os_environ() -> None:
    readers = sorted(
        path.relative_to(ROOT).as_posix()
        for path in _modules()
        if any(_reads_environ(node) for node in ast.walk(ast.parse(path.read_text())))
    )
    assert set(readers) <= ENVIRON_ALLOWED, f"modules reading os.environ outside settings: {readers}"


def test_environment_helpers_are_called_only_where_settings_are_built() -> None:
    """env_str/env_int/... belong in a ``from_env`` (or a settings module); anywhere else a value is re-read
    per call, and a change of environment half-way through a process would be half seen."""
    misplaced: list[str] = []
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        if relative.endswith("settings.py"):
            continue
        tree = ast.parse(path.read_text())
        allowed_spans = [
            range(node.lineno, (node.end_lineno or node.lineno) + 1)
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name == "from_env"
        ]
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ENV_HELPERS:
                if any(node.lineno in span for span in allowed_spans) or relative in HELPER_AT_IMPORT_ALLOWED:
                    continue
                misplaced.append(f"{relative}:{node.lineno} {node.func.id}")
    assert not misplaced, f"environment read outside a settings constructor: {misplaced}"


def test_outgoing_calls_carry_the_key_they_were_given_not_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROTE_SERVICE_API_KEY", "from-the-environment")
    assert dict(outgoing_metadata("acme")).get(API_KEY_HEADER) is None
    assert dict(outgoing_metadata("acme", "run-1", service_key="k-1"))[API_KEY_HEADER] == "k-1"


def test_a_service_reads_its_security_and_metrics_port_with_its_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROTE_SERVICE_API_KEY", "service-key-1")
    monkeypatch.setenv("ROTE_MAX_MESSAGE_BYTES", "1234567")
    monkeypatch.setenv("ROTE_METRICS_PORT", "9123")
    settings = ExecutorSettings.from_env()
    monkeypatch.setenv("ROTE_SERVICE_API_KEY", "changed-later")
    assert settings.security.calls.service_api_key == "service-key-1"
    assert settings.security.calls.max_message_bytes == 1234567
    assert settings.metrics_port == 9123
    # Keys never reach a log line through a settings object's repr.
    assert "service-key-1" not in repr(settings)


def test_a_malformed_limit_is_a_configuration_error_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROTE_MAX_MESSAGE_BYTES", "sixteen megabytes")
    with pytest.raises(ValueError, match="ROTE_MAX_MESSAGE_BYTES"):
        SecuritySettings.from_env()


def test_the_client_reads_tls_once_per_client(monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> None:
    monkeypatch.setenv("ROTE_TLS_CA_FILE", str(tmp_path / "ca.pem"))
    options = CallOptions.from_env("acme")
    monkeypatch.delenv("ROTE_TLS_CA_FILE")
    assert options.tls.ca_file == str(tmp_path / "ca.pem")
    assert CallOptions().tls.ca_file == ""
