"""Python literal nodes for values taken from traces: strings always double-quoted, numbers normalised."""

from __future__ import annotations

import libcst as cst


def _escape(text: str, quote: str) -> str:
    if text.isprintable() and "\\" not in text and quote not in text:
        return text  # nothing to escape (most texts): the loop below would copy it character by character
    out: list[str] = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == quote:
            out.append("\\" + quote)
        elif char.isprintable():
            out.append(char)
        else:
            # repr gives \n, \t, \x00, \u2028 ... for anything that must not appear raw in source.
            out.append(repr(char)[1:-1])
    return "".join(out)


def string_literal(text: str) -> cst.SimpleString:
    """A string literal holding exactly ``text``: double-quoted, unless single quotes need fewer escapes (as black)."""
    if text.count('"') > text.count("'"):
        return single_quoted(text)
    return cst.SimpleString(f'"{_escape(text, chr(34))}"')


def single_quoted(text: str) -> cst.SimpleString:
    """A single-quoted literal, for use inside a double-quoted f-string (Python 3.11 forbids reusing the quote)."""
    return cst.SimpleString(f"'{_escape(text, chr(39))}'")


def fstring_text(text: str) -> str:
    """Text of an f-string part: escaped like a string, with braces doubled."""
    return _escape(text, '"').replace("{", "{{").replace("}", "}}")


def number_literal(value: float) -> cst.BaseExpression:
    """An int literal when the value is whole, else the shortest float repr; negatives become unary minus."""
    magnitude = abs(value)
    text = str(int(magnitude)) if magnitude.is_integer() else repr(magnitude)
    node: cst.BaseExpression = cst.Integer(text) if magnitude.is_integer() else cst.Float(text)
    return cst.UnaryOperation(operator=cst.Minus(), expression=node) if value < 0 else node


def int_literal(value: int) -> cst.BaseExpression:
    """An exact int literal (no float round trip); negatives become unary minus."""
    node = cst.Integer(str(abs(value)))
    return cst.UnaryOperation(operator=cst.Minus(), expression=node) if value < 0 else node
