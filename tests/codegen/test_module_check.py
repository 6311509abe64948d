"""module.py made of already-checked block functions: its own parts are still sandbox-checked, its bytes compiled."""

from __future__ import annotations

import pytest

from codegen_service.files import GeneratedCodeRejected, checked, checked_module

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


def test_the_exact_bytes_must_compile() -> None:
    broken = FUNCTION.replace("await page.click", "await await page.click(")
    with pytest.raises(GeneratedCodeRejected, match="does not compile"):
        checked_module("module.py", HEAD, (MODEL, ENTRY), {"open_page": broken})
