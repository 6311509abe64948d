"""module.py made of already-checked block functions: its own parts are still checked, and the whole file always
passes the full check (sandbox walk and compile of its exact text) that its parts passed one by one."""

from __future__ import annotations

import pathlib

import pytest

from bench.synthetic_requests import synthetic_request
from codegen_service import parallel
from codegen_service.files import GeneratedCodeRejected, checked, checked_module
from codegen_service.service import ScriptGenerator
from services.gen.rote.v1 import codegen_service_pb2
from services.storage.local_folder import LocalFolderStore
from tests.codegen.scenarios import SCENARIOS

HEAD = "# Generated.\nfrom executor_service.runtime import Page, RunContext, Target, WorkflowParameters, cached\n"
MODEL = '\n\nclass Parameters(WorkflowParameters):\n    """Inputs."""\n'
FUNCTION = (
    '\n\n@cached("open")\nasync def open_page(page: Page, ctx: RunContext) -> None:\n'
    '    await page.click(Target(text="Go"), intent="Go")\n'
)
ENTRY = "\n\nasync def run_workflow(page: Page, ctx: RunContext) -> None:\n    await open_page(page, ctx)\n"


def test_the_bytes_are_the_whole_module_and_pass_the_full_check() -> None:
    data = checked_module("module.py", HEAD, (MODEL, ENTRY), {"open_page": FUNCTION})
    assert data == (HEAD + MODEL + FUNCTION + ENTRY).encode()
    assert checked("module.py", data) == data


@pytest.mark.parametrize(
    "entry",
    [
        "\n\nasync def run_workflow(page: Page, ctx: RunContext) -> None:\n    open('/etc/passwd')\n",
        "\n\nasync def run_workflow(page: Page, ctx: RunContext) -> None:\n    await missing(page, ctx)\n",
        "\n\nasync def run_workflow(page: Page, ctx: RunContext) -> None:\n    x = page._impl\n",
        "\n\nimport os\n",
    ],
)
def test_the_modules_own_code_is_sandbox_checked(entry: str) -> None:
    with pytest.raises(GeneratedCodeRejected, match="sandbox"):
        checked_module("module.py", HEAD, (MODEL, entry), {"open_page": FUNCTION})


def test_a_model_that_is_more_than_fields_is_refused() -> None:
    model = MODEL + "    def leak(self):\n        pass\n"
    with pytest.raises(GeneratedCodeRejected, match="sandbox"):
        checked_module("module.py", HEAD, (model, ENTRY), {"open_page": FUNCTION})


def test_a_function_is_not_checked_again_its_block_file_was() -> None:
    # The caller vouches for the functions (each passed ``checked`` in its block file); a text that was not checked
    # would reach module.py unchecked, which is why the service passes only block files' own texts.
    unchecked = FUNCTION + "    open('/etc/passwd')\n"
    data = checked_module("module.py", HEAD, (MODEL, ENTRY), {"open_page": unchecked})
    with pytest.raises(GeneratedCodeRejected, match="sandbox"):
        checked("module.py", data)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
async def test_module_py_of_every_scenario_passes_the_full_check(scenario: str, tmp_path: pathlib.Path) -> None:
    await _assert_module_passes_the_full_check(tmp_path, SCENARIOS[scenario]())


async def test_module_py_of_a_script_built_in_workers_passes_the_full_check(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_TRACES", 1)
    monkeypatch.setattr(parallel, "WORKERS", 2)
    await _assert_module_passes_the_full_check(tmp_path, synthetic_request(40, 10))


async def _assert_module_passes_the_full_check(
    root: pathlib.Path, request: codegen_service_pb2.GenerateScriptRequest
) -> None:
    store = LocalFolderStore(root)
    response = await ScriptGenerator(store).generate("default", request)
    module = next(file for file in response.files if file.path == "module.py")
    data = await store.get(module.storage_key)
    assert checked("module.py", data) == data
    # Every block function is in it, once.
    for block in response.blocks:
        name = block.file_path.removeprefix("blocks/").removesuffix(".py")
        assert data.count(f"\nasync def {name}(".encode()) == 1
