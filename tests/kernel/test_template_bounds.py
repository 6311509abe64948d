"""The bounded template environment (issue 16, defects 2 and 5): limits, messages and typed parameters."""

from __future__ import annotations

import pytest

from services.gen.rote.v1 import workflow_pb2
from services.isolation import templating
from services.isolation.pool import SnippetFailed, TemplatePool, run_snippet
from services.isolation.templating import TemplateProblem


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% for i in range(100000) %}{% endfor %}", "range() of 100000 items; at most 10000"),
        ("{% for i in range(10000) %}{% for j in range(20) %}{% endfor %}{% endfor %}", "loops more than 100000"),
        ("{{ 'a' * 10**9 }}", "at most 1000000"),
        ("{{ 7 ** 1000000 }}", "too large"),
        ("{% for i in range(2000) %}{{ 'x' * 1000 }}{% endfor %}", "more than 1000000 characters"),
        ("{{ 1/0 }}", "ZeroDivisionError: division by zero"),
        ("{{ 'a' + 1 }}", "TypeError"),
        ("{{ missing }}", "UndefinedError"),
        ("{{ x.__class__ }}", "SecurityError"),
        ("{% for %}", "TemplateSyntaxError"),
    ],
)
def test_a_template_over_a_bound_or_in_error_is_a_template_problem(template: str, message: str) -> None:
    with pytest.raises(TemplateProblem) as info:
        templating.render(template, {"x": "y"})
    assert message in str(info.value)


def test_values_print_the_way_users_wrote_them() -> None:
    assert templating.render("{{ a }} {{ b }} {{ c }} {{ range(3)|length }}", {"a": True, "b": [1], "c": 2}) == (
        "true [1] 2 3"
    )


def test_typed_parameters_have_their_type() -> None:
    parameters = [
        workflow_pb2.Parameter(key="n", type=workflow_pb2.PARAMETER_TYPE_INTEGER),
        workflow_pb2.Parameter(key="on", type=workflow_pb2.PARAMETER_TYPE_BOOLEAN),
        workflow_pb2.Parameter(key="items", type=workflow_pb2.PARAMETER_TYPE_JSON),
        workflow_pb2.Parameter(key="s"),
    ]
    typed = templating.typed_values(parameters, {"n": "007", "on": "yes", "items": '["a"]', "s": "5"})
    assert typed == {"n": 7, "on": True, "items": ["a"], "s": "5"}
    assert templating.evaluate("n + 1 == 8 and on and items|length == 1", typed) is True


async def test_a_template_worker_that_overruns_is_replaced() -> None:
    pool = TemplatePool(size=1, memory_mb=512)
    slow = (
        "{% set l = [1] * 1000 %}{% for i in l %}{% for j in l %}{% for k in l %}{% endfor %}{% endfor %}{% endfor %}"
    )
    try:
        with pytest.raises(TemplateProblem, match="took longer than 0.5s"):
            await pool.run({"op": "render", "text": slow, "values": {}}, 0.5)
        assert await pool.run({"op": "render", "text": "{{ n + 1 }}", "values": {"n": 1}}, 2.0) == "2"
    finally:
        await pool.close()


async def test_a_snippet_result_must_be_json_and_ctx_is_read_only() -> None:
    async def page(name: str, args: list[object], kwargs: dict[str, object]) -> object:
        return "A title"

    result = await run_snippet(
        code="t = await page.title()\nresult = {'t': t, 'who': ctx.param('user'), 'n': len(ctx.parameters)}",
        label="ok", builtins=["len"], ctx={"parameters": {"user": "ada"}, "secrets": {"pw": "s3cret"}},
        on_page_call=page, timeout_s=30, memory_mb=512,
    )
    assert result == {"t": "A title", "who": "ada", "n": 1}  # the secret is readable by name, not listed
    with pytest.raises(SnippetFailed, match="not JSON data"):
        await run_snippet(code="result = zip([1], [2])", label="z", builtins=["zip"], ctx={},
                          on_page_call=page, timeout_s=30, memory_mb=512)
    with pytest.raises(SnippetFailed, match="AttributeError"):
        await run_snippet(code="ctx.frames.append(1)", label="m", builtins=[], ctx={},
                          on_page_call=page, timeout_s=30, memory_mb=512)
