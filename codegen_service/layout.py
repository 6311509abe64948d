"""Whitespace nodes for readable output: multi-line dict literals and blank lines between functions."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

INDENT = "    "


def _break(extra_levels: int) -> cst.ParenthesizedWhitespace:
    # indent=True re-applies the enclosing block's indentation; last_line adds the dict's own depth.
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), indent=True, last_line=cst.SimpleWhitespace(INDENT * extra_levels)
    )


def multiline_dict(entries: Sequence[tuple[cst.BaseExpression, cst.BaseExpression]], depth: int = 1) -> cst.Dict:
    """A dict literal with one entry per line and a trailing comma; ``depth`` is its nesting inside the statement."""
    if not entries:
        return cst.Dict([])
    elements = []
    for index, (key, value) in enumerate(entries):
        last = index == len(entries) - 1
        comma = cst.Comma(whitespace_after=_break(depth - 1 if last else depth))
        elements.append(cst.DictElement(key, value, comma=comma))
    return cst.Dict(elements, lbrace=cst.LeftCurlyBrace(whitespace_after=_break(depth)))


def blank_lines(count: int) -> list[cst.EmptyLine]:
    return [cst.EmptyLine() for _ in range(count)]
