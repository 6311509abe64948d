"""The workflow file loader refuses hostile files by their shape, with a message, never a crash."""

from __future__ import annotations

import pathlib

import pytest

from services.errors import InvalidArgument
from services.workflows import load_workflow_file
from services.workflows.yaml_format import MAX_FILE_BYTES, workflow_from_text


def _nested_yaml(depth: int) -> str:
    lines = ["workflow_id: deep", "parameters: [{key: items, type: json}]", "blocks:"]
    for level in range(depth):
        pad = "  " * (2 * level + 1)
        lines.append(f"{pad}- label: b{level}")
        lines.append(f"{pad}  type: for_loop")
        lines.append(f'{pad}  loop_over: "{{{{ items }}}}"')
        if level < depth - 1:
            lines.append(f"{pad}  children:")
    return "\n".join(lines) + "\n"


def test_blocks_nested_to_the_limit_load() -> None:
    workflow = workflow_from_text(_nested_yaml(8))
    assert workflow.blocks[0].children[0].label == "b1"


def test_blocks_nested_past_the_limit_are_refused_naming_the_spot() -> None:
    with pytest.raises(InvalidArgument, match=r"blocks\[0\]\.children\[0\].*nested more than 8 levels"):
        workflow_from_text(_nested_yaml(9))


def test_a_file_nested_past_python_recursion_is_refused() -> None:
    with pytest.raises(InvalidArgument):
        workflow_from_text("blocks: " + "[" * 5000 + "]" * 5000)


def test_an_alias_bomb_is_refused_by_the_block_count() -> None:
    bomb = (
        "a: &a {label: x, type: wait}\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c {label: l, type: for_loop, children: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]}\n"
        "workflow_id: bomb\n"
        "blocks: [" + ", ".join(["*c"] * 60) + "]\n"
    )
    with pytest.raises(InvalidArgument, match="at most 500 blocks"):
        workflow_from_text(bomb)


@pytest.mark.parametrize(
    "text",
    [
        "- just a list",
        "blocks: {label: x}",
        "blocks: [{label: x, type: wait, children: 3}]",
        "blocks: [{label: x, type: navigation, payload: [1, 2]}]",
        "blocks: [{label: x, type: bogus}]",
        "blocks: [{label: [1, 2], type: wait}]",
        "blocks: [{label: x, type: wait, wait_seconds: {a: 1}}]",
        "parameters: [{type: string}]",
        "parameters: 3",
        "workflow_id: x\nunknown_field: 1",
        "{{{{",
        "blocks: [{label: x, type: extraction, extraction_schema: !!python/object:os.system {}}]",
    ],
)
def test_malformed_files_are_invalid_argument(text: str) -> None:
    with pytest.raises(InvalidArgument):
        workflow_from_text(text)


def test_a_file_larger_than_the_limit_is_refused_before_parsing(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("title: " + "x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(InvalidArgument, match="larger than"):
        load_workflow_file(path)
