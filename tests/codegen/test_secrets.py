"""No secret value, and no literal copy of a parameter value, in generated code, stored objects or logs."""

from __future__ import annotations

import logging

import pytest

from codegen_service.service import ScriptGenerator
from services.storage import ObjectStore
from tests.codegen.conftest import DEMO_VALUES, SECRET_PASSWORD, demo_request


async def _everything_stored(store: ObjectStore) -> list[bytes]:
    return [await store.get(key) for key in await store.list_keys("")]


async def test_a_misrecorded_secret_never_reaches_code_storage_or_logs(
    generator: ScriptGenerator, store: ObjectStore, caplog: pytest.LogCaptureFixture
) -> None:
    request = demo_request()
    # A faulty executor recorded the secret next to its parameter_key: the key must win, the value be ignored.
    password = request.traces[0].actions[2]
    assert password.parameter_key == "password"
    password.value = SECRET_PASSWORD
    with caplog.at_level(logging.DEBUG):
        response = await generator.generate("default", request)
    secret = SECRET_PASSWORD.encode()
    stored = await _everything_stored(store)
    assert stored
    assert all(secret not in data for data in stored)
    assert secret not in response.SerializeToString()
    assert SECRET_PASSWORD not in caplog.text
    assert any(b'ctx.param("password")' in data for data in stored)


async def test_parameter_values_typed_into_the_page_are_never_literals(
    generator: ScriptGenerator, store: ObjectStore
) -> None:
    await generator.generate("default", demo_request())
    for data in await _everything_stored(store):
        text = data.decode()
        for key in ("username", "full_name", "email", "base_url"):
            assert DEMO_VALUES[key] not in text, f"literal value of {key} stored"


async def test_a_secret_in_parameter_values_is_refused_without_a_trace_in_logs(
    local_store: ObjectStore, caplog: pytest.LogCaptureFixture
) -> None:
    request = demo_request()
    request.parameter_values["password"] = SECRET_PASSWORD
    with caplog.at_level(logging.DEBUG), pytest.raises(Exception) as raised:
        await ScriptGenerator(local_store).generate("default", request)
    assert SECRET_PASSWORD not in str(raised.value)
    assert SECRET_PASSWORD not in caplog.text
    assert not await local_store.list_keys("")
