"""Literal values become parameter references: whole values, embedded substrings, and parameter_key."""

from __future__ import annotations

import libcst as cst

from codegen_service.values import ValueResolver


def code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def test_a_value_equal_to_a_parameter_becomes_a_reference() -> None:
    values = ValueResolver({"email": "ada@example.com"})
    assert code(values.expression("ada@example.com")) == 'ctx.param("email")'
    assert values.read == {"email"}


def test_a_value_containing_parameters_becomes_an_f_string() -> None:
    values = ValueResolver({"base_url": "http://shop.test", "order": "A-77"})
    assert code(values.expression("http://shop.test/orders/A-77?x=1")) == (
        "f\"{ctx.param('base_url')}/orders/{ctx.param('order')}?x=1\""
    )
    assert values.read == {"base_url", "order"}


def test_the_longest_matching_value_wins() -> None:
    values = ValueResolver({"host": "shop.test", "base_url": "http://shop.test"})
    assert code(values.expression("http://shop.test/x")) == "f\"{ctx.param('base_url')}/x\""


def test_short_values_are_not_substituted_inside_text() -> None:
    values = ValueResolver({"count": "1"})
    assert code(values.expression("Room 12")) == '"Room 12"'
    assert code(values.expression("1")) == 'ctx.param("count")'


def test_a_value_glued_to_a_word_is_not_substituted() -> None:
    values = ValueResolver({"plan": "pro"})
    assert code(values.expression("professional plan")) == '"professional plan"'
    assert code(values.expression("the pro plan")) == "f\"the {ctx.param('plan')} plan\""


def test_equal_values_resolve_to_the_first_key_in_order() -> None:
    values = ValueResolver({"zeta": "same", "alpha": "same"})
    assert code(values.expression("same")) == 'ctx.param("alpha")'


def test_braces_quotes_and_backslashes_survive_in_f_strings() -> None:
    values = ValueResolver({"name": "Ada"})
    node = values.expression('Hi Ada {x} "q" \\ end\n')
    text = code(node)
    assert eval(compile(text.replace("ctx.param('name')", "'Ada'"), "<t>", "eval")) == 'Hi Ada {x} "q" \\ end\n'


def test_a_value_matching_nothing_stays_a_literal() -> None:
    values = ValueResolver({"email": "ada@example.com"})
    assert code(values.expression("hello")) == '"hello"'
    assert values.read == set()


def test_a_parameter_reference_is_recorded() -> None:
    values = ValueResolver({})
    assert code(values.reference("password")) == 'ctx.param("password")'
    assert values.read == {"password"}
