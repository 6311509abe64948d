"""Literal values -> parameter references: whole values become ctx.param(...), embedded ones f-string parts."""

from __future__ import annotations

import re
from collections.abc import Mapping

import libcst as cst
from libcst.helpers import parse_template_expression

from codegen_service.literals import fstring_text, single_quoted, string_literal

# Shorter values ("1", "no") occur inside unrelated text too often to be substituted as substrings.
MIN_EMBEDDED_LENGTH = 3
# A key must be safe to write inside an f-string expression (no quotes, braces or backslashes there in 3.11).
_EMBEDDABLE_KEY = re.compile(r"^[A-Za-z0-9_.\- ]+$")


def param_call(key: str, *, quote: str = '"') -> cst.BaseExpression:
    """``ctx.param("key")``: how generated code reads a parameter (secret ones included)."""
    name = string_literal(key) if quote == '"' else single_quoted(key)
    return parse_template_expression("ctx.param({key})", key=name)


class ValueResolver:
    """Turns one block's literals into expressions and remembers which parameters the block reads."""

    def __init__(self, parameter_values: Mapping[str, str]) -> None:
        # Longest value first so "https://shop.example/x" wins over "shop"; ties broken by key for stable output.
        self._by_value = sorted(
            ((value, key) for key, value in parameter_values.items() if value),
            key=lambda pair: (-len(pair[0]), pair[1]),
        )
        self._exact: dict[str, str] = {}
        for value, key in sorted(self._by_value, key=lambda pair: pair[1], reverse=True):
            self._exact[value] = key
        self.read: set[str] = set()

    def reference(self, key: str) -> cst.BaseExpression:
        """Read a named parameter (Action.parameter_key always wins over value matching)."""
        self.read.add(key)
        return param_call(key)

    def expression(self, value: str) -> cst.BaseExpression:
        """The literal, a parameter reference, or an f-string mixing both."""
        key = self._exact.get(value)
        if key is not None:
            return self.reference(key)
        parts = self._split(value)
        if not any(isinstance(part, tuple) for part in parts):
            return string_literal(value)
        pieces: list[cst.BaseFormattedStringContent] = []
        for part in parts:
            if isinstance(part, tuple):
                self.read.add(part[0])
                pieces.append(cst.FormattedStringExpression(expression=param_call(part[0], quote="'")))
            else:
                pieces.append(cst.FormattedStringText(fstring_text(part)))
        return cst.FormattedString(parts=pieces, start='f"', end='"')

    def _split(self, value: str) -> list[str | tuple[str]]:
        """Greedy left-to-right scan: at each position take the longest parameter value that starts there."""
        candidates = [
            (text, key)
            for text, key in self._by_value
            if len(text) >= MIN_EMBEDDED_LENGTH and _EMBEDDABLE_KEY.match(key)
        ]
        parts: list[str | tuple[str]] = []
        literal: list[str] = []
        index = 0
        while index < len(value):
            match = next((pair for pair in candidates if _matches_at(value, index, pair[0])), None)
            if match is None:
                literal.append(value[index])
                index += 1
                continue
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append((match[1],))
            index += len(match[0])
        if literal:
            parts.append("".join(literal))
        return parts


def _matches_at(value: str, start: int, text: str) -> bool:
    """Whether ``text`` occurs at ``start`` and is not glued to letters or digits ("pro" in "professional")."""
    if not value.startswith(text, start):
        return False
    end = start + len(text)
    glued_before = start > 0 and value[start - 1].isalnum() and text[0].isalnum()
    glued_after = end < len(value) and value[end].isalnum() and text[-1].isalnum()
    return not (glued_before or glued_after)
