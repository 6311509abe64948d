"""What codegen stores is exactly what the executor's script loader accepts (sha256, sandbox, safe builtins)."""

from __future__ import annotations

from codegen_service.service import ScriptGenerator
from executor_service.engine.script_loader import ScriptLoader
from services.gen.rote.v1 import script_pb2
from services.storage import ObjectStore
from tests.codegen.conftest import demo_request


async def test_generated_blocks_load_in_the_executor(local_store: ObjectStore) -> None:
    response = await ScriptGenerator(local_store).generate("default", demo_request())
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
