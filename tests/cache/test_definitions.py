"""Definition validation names the problem; block hashes invalidate the edited block and every later one."""

from __future__ import annotations

import pytest

from cache_service.domain.cache_keys import render_cache_key
from cache_service.domain.definitions import block_hashes, definition_hash, prefix_hashes, validate_workflow
from services.errors import InvalidArgument
from services.gen.rote.v1 import workflow_pb2
from services.workflows.parameters import validate_run_parameters
from tests.cache.builders import block, parameter, workflow

BT = workflow_pb2
Branch = workflow_pb2.ConditionalBranch


def test_a_well_formed_definition_is_accepted() -> None:
    validate_workflow(
        workflow(
            block("open", BT.BLOCK_TYPE_GOTO_URL, url="{{ base_url }}/form"),
            block("fill", payload={"email": "{{ email }}"}),
            block("prices", BT.BLOCK_TYPE_EXTRACTION),
            block(
                "choose",
                BT.BLOCK_TYPE_CONDITIONAL,
                branches=[
                    Branch(expression="prices.total > 10", next_block_label="each"),
                    Branch(next_block_label="fill"),
                ],
            ),
            block(
                "each",
                BT.BLOCK_TYPE_FOR_LOOP,
                loop_over="{{ prices.rows }}",
                children=[block("download", BT.BLOCK_TYPE_FILE_DOWNLOAD, url="{{ current_item }}")],
            ),
            cache_key="{{ site }}-{{ range(1)|length }}",
            parameters=[parameter("base_url"), parameter("email"), parameter("site")],
        )
    )


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        (workflow(block("a"), workflow_id=""), "workflow_id is empty"),
        (workflow(block("a"), workflow_id="bad id!"), "workflow_id 'bad id!' is invalid"),
        (workflow(), "has no blocks"),
        (workflow(block("a"), block("a")), "block label 'a' is used more than once"),
        (
            workflow(block("loop", BT.BLOCK_TYPE_FOR_LOOP, loop_over="{{ email }}", children=[block("loop")])),
            "block label 'loop' is used more than once",
        ),
        (workflow(block("a", BT.BLOCK_TYPE_UNSPECIFIED)), "block 'a' has no type"),
        (workflow(block("a", 99)), "block 'a' has unknown type 99"),
        (workflow(block("a", url="{{ nope }}")), "block 'a' url references unknown parameter 'nope'"),
        (workflow(block("a", payload={"x": "{{ zip }}"})), "block 'a' payload 'x' references unknown parameter 'zip'"),
        (workflow(block("a", url="{{ oops")), "block 'a' url: template syntax error"),
        (workflow(block("a", next_block_label="ghost")), "next_block_label 'ghost' names no block"),
        (
            workflow(block("c", BT.BLOCK_TYPE_CONDITIONAL, branches=[Branch(expression="x", next_block_label="c")])),
            "branch 1 expression references unknown parameter 'x'",
        ),
        (
            workflow(block("c", BT.BLOCK_TYPE_CONDITIONAL, branches=[Branch(expression="", next_block_label="ghost")])),
            "target 'ghost' names no block",
        ),
        (workflow(block("c", BT.BLOCK_TYPE_CONDITIONAL)), "conditional block 'c' has no branches"),
        (workflow(block("l", BT.BLOCK_TYPE_FOR_LOOP, loop_over="{{ email }}")), "for_loop block 'l' has no children"),
        (
            workflow(
                block("l", BT.BLOCK_TYPE_FOR_LOOP, loop_over="{{ later }}", children=[block("x")]),
                block("later", BT.BLOCK_TYPE_EXTRACTION),
            ),
            "loop_over references unknown parameter 'later'",
        ),
        (
            workflow(block("a"), cache_key="{{ password }}", parameters=[parameter("password", secret=True)]),
            "cache_key uses secret parameter 'password'",
        ),
        (workflow(block("a"), cache_key="{{ region }}"), "cache_key references unknown parameter 'region'"),
        (
            workflow(block("a"), parameters=[parameter("n", kind=BT.PARAMETER_TYPE_INTEGER, default="x")]),
            "default of parameter 'n' must be an integer",
        ),
    ],
)
def test_bad_definition_is_refused_with_its_reason(definition: workflow_pb2.Workflow, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_workflow(definition)


def test_editing_a_block_changes_its_prefix_hash_and_every_later_one() -> None:
    before = workflow(block("a"), block("b"), block("c"), workflow_id="w")
    after = workflow(block("a"), block("b", goal="another goal"), block("c"), workflow_id="w")
    old, new = prefix_hashes(block_hashes(before)), prefix_hashes(block_hashes(after))
    assert old["a"] == new["a"]
    assert old["b"] != new["b"] and old["c"] != new["c"]


def test_canonical_hash_ignores_version_and_map_order() -> None:
    one = workflow(block("a", payload={"x": "1", "y": "2"}), workflow_id="w")
    two = workflow(block("a", payload={"y": "2", "x": "1"}), workflow_id="w")
    two.version = 7
    assert definition_hash(one) == definition_hash(two)


def test_cache_key_renders_non_secret_parameters_and_defaults_to_default() -> None:
    assert render_cache_key("{{ site }}", {"site": "acme"}) == "acme"
    assert render_cache_key("", {"site": "acme"}) == "default"
    assert render_cache_key("{{ site }}", {}) == "default"


def test_cache_key_template_cannot_escape_the_sandbox() -> None:
    with pytest.raises(InvalidArgument):
        render_cache_key("{{ site.__class__.__mro__ }}", {"site": "x"})


def test_run_parameters_are_checked_against_the_definition() -> None:
    definition = workflow(
        block("a"),
        parameters=[
            parameter("email", required=True),
            parameter("count", kind=BT.PARAMETER_TYPE_INTEGER, default="1"),
            parameter("flag", kind=BT.PARAMETER_TYPE_BOOLEAN),
            parameter("rows", kind=BT.PARAMETER_TYPE_JSON),
            parameter("password", secret=True, required=True),
        ],
    )
    assert validate_run_parameters(definition, {"email": "e"}, ["password"]) == {"email": "e", "count": "1"}
    cases = [
        ({}, ["password"], "missing required parameter(s): email"),
        ({"email": "e"}, [], "missing required parameter(s): password"),
        ({"email": "e", "zip": "1"}, ["password"], "unknown parameter(s): zip"),
        ({"email": "e", "password": "hunter2"}, [], "must be named in secret_parameters"),
        ({"email": "e", "count": "many"}, ["password"], "'count' must be an integer"),
        ({"email": "e", "flag": "maybe"}, ["password"], "'flag' must be a boolean"),
        ({"email": "e", "rows": "[1,"}, ["password"], "'rows' must be JSON"),
    ]
    for values, secrets, message in cases:
        with pytest.raises(InvalidArgument) as caught:
            validate_run_parameters(definition, values, secrets)
        assert message in caught.value.message
