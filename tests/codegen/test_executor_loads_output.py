"""What codegen stores is exactly what the executor's script loader accepts (sha256, sandbox, safe builtins)."""

from __future__ import annotations

import pytest

from codegen_service.service import ScriptGenerator
from executor_service.engine.script_loader import ScriptLoader
from services.gen.rote.v1 import script_pb2
from services.storage import ObjectStore
from tests.codegen.scenarios import SCENARIOS


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
async def test_generated_blocks_load_in_the_executor(scenario: str, local_store: ObjectStore) -> None:
    response = await ScriptGenerator(local_store).generate("default", SCENARIOS[scenario]())
    files = {file.path: file for file in response.files}
    cached = [
        script_pb2.CachedBlock(label=block.label, run_signature=block.run_signature, file=files[block.file_path])
        for block in response.blocks
    ]
    loaded = await ScriptLoader(local_store).load(cached)
    for block in response.blocks:
        function = loaded.namespace[block.run_signature.split()[1].split("(")[0]]
        assert function.rote_label == block.label
    module = script_pb2.CachedBlock(label="all", run_signature="await run_workflow(page, ctx)", file=files["module.py"])
    whole = await ScriptLoader(local_store).load([module])
    assert callable(whole.namespace["run_workflow"])
    assert whole.namespace["Parameters"].fields  # the typed model was built by the runtime base class


class _RecordingPage:
    """Stands in for the runtime Page: records each awaited call with its arguments."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, name: str):
        async def record(*args, **kwargs):
            self.calls.append((name, args, kwargs))
            return "" if name != "table" else []

        return record


async def test_generated_nested_loops_run_once_per_item_with_item_values(local_store: ObjectStore) -> None:
    from executor_service.runtime import RunContext

    response = await ScriptGenerator(local_store).generate("default", SCENARIOS["loops"]())
    files = {file.path: file for file in response.files}
    block = response.blocks[0]
    loaded = await ScriptLoader(local_store).load(
        [script_pb2.CachedBlock(label=block.label, run_signature=block.run_signature, file=files[block.file_path])]
    )
    customers = [
        {"id": "C-1", "name": "Ada", "invoices": [{"number": "N-1", "year": 2024}, {"number": "N-2", "year": 2025}]},
        {"id": "C-2", "name": "Grace", "invoices": [{"number": "N-3", "year": 2024}]},
    ]

    async def loop_source(label: str) -> list:
        if label == "each_customer":
            return customers
        return ctx.frames[-1].item["invoices"]

    ctx = RunContext(
        run_id="r", parameters={"base_url": "http://x", "api_token": "t", "customers": "[]"},
        secret_keys=frozenset({"api_token"}), loop_source=loop_source,
    )
    page = _RecordingPage()
    await loaded.run_block(block.label, page, ctx)
    gotos = [args[0] for name, args, _ in page.calls if name == "goto"]
    assert gotos == ["http://x/customers/C-1", "http://x/customers/C-2"]
    clicked = [args[0].name for name, args, _ in page.calls if name == "click"]
    assert clicked == ["Invoice N-1", "Invoice N-2", "Invoice N-3"]
    assert [kwargs["landmark"] for name, _, kwargs in page.calls if name == "expect"][:2] == [
        "Customer Ada", "Invoice N-1",
    ]
