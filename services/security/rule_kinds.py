"""Standard buf.validate scalar rules (string, bytes, numbers, enum, bool) compiled to Python predicates."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from google.protobuf import unknown_fields  # type: ignore[attr-defined]
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from services.gen.buf.validate import validate_pb2

Element = validate_pb2.FieldPathElement


class Unsupported(Exception):
    """A rule this evaluator does not implement: the message type is left to protovalidate."""


@dataclass(frozen=True, slots=True)
class ValueRule:
    """One standard rule on a value: ``failed(value)`` is true when the value breaks it. The id, message and
    rule path are what protovalidate reports for the same rule (its CEL text, resolved once here)."""

    rule_id: str
    message: str
    rule_path: tuple[Element, ...]
    failed: Callable[[Any], bool]


def element(field: Any) -> Element:
    """protovalidate's path element for a field (number, name, type)."""
    return Element(field_number=field.number, field_name=field.name, field_type=field.type)  # type: ignore[arg-type]


def fmt(value: object) -> str:
    """CEL's ``%s``/``%d`` as protovalidate's string_format prints a rule value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "-Infinity" if value < 0 else "Infinity"
        return f"{value:g}"
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, Iterable):
        return "[" + ", ".join(fmt(item) for item in value) + "]"
    raise Unsupported(f"cannot format a rule value of type {type(value).__name__}")


# The rules message each scalar field type takes (protovalidate refuses any other pairing).
KIND_OF_TYPE = {
    FieldDescriptor.TYPE_INT32: "int32",
    FieldDescriptor.TYPE_INT64: "int64",
    FieldDescriptor.TYPE_UINT32: "uint32",
    FieldDescriptor.TYPE_UINT64: "uint64",
    FieldDescriptor.TYPE_SINT32: "sint32",
    FieldDescriptor.TYPE_SINT64: "sint64",
    FieldDescriptor.TYPE_FIXED32: "fixed32",
    FieldDescriptor.TYPE_FIXED64: "fixed64",
    FieldDescriptor.TYPE_SFIXED32: "sfixed32",
    FieldDescriptor.TYPE_SFIXED64: "sfixed64",
    FieldDescriptor.TYPE_FLOAT: "float",
    FieldDescriptor.TYPE_DOUBLE: "double",
    FieldDescriptor.TYPE_STRING: "string",
    FieldDescriptor.TYPE_BYTES: "bytes",
    FieldDescriptor.TYPE_BOOL: "bool",
    FieldDescriptor.TYPE_ENUM: "enum",
}
_FLOATING = {"float", "double"}
_NUMERIC = set(KIND_OF_TYPE.values()) - {"string", "bytes", "bool", "enum"}


def value_rules(kind: str, rules: Message, prefix: tuple[Element, ...]) -> list[ValueRule]:
    """The checks for the rules set in ``rules`` (a buf.validate <kind>Rules), in protovalidate's order (field
    number). ``prefix`` is the rule path down to ``rules`` (``repeated.items`` for an item, then the kind)."""
    if len(unknown_fields.UnknownFieldSet(rules)) > 0:  # protovalidate refuses them too
        raise Unsupported("unknown rule fields")
    out: list[ValueRule] = []
    for rule_field, rule_value in rules.ListFields():
        if rule_field.is_extension:
            raise Unsupported(f"predefined rule extension {rule_field.full_name}")
        path = (*prefix, element(rule_field))
        name = rule_field.name
        if name == "example" or (kind == "enum" and name == "defined_only"):
            continue  # example never fails; defined_only is a field-level check (see native_rules)
        if name == "const":
            const = rule_value
            shown = f"`{fmt(const)}`" if kind == "string" else fmt(const)
            out.append(ValueRule(f"{kind}.const", f"must equal {shown}", path, _differs(const)))
        elif name in ("in", "not_in") and kind != "bytes":
            allowed = tuple(rule_value)
            # a set is faster, but NaN and float equality need the list's own == (as CEL's `in`).
            members: Any = tuple(allowed) if kind in _FLOATING else frozenset(allowed)
            if name == "in":
                out.append(ValueRule(f"{kind}.in", f"must be in list {fmt(allowed)}", path, _outside(members)))
            else:
                out.append(ValueRule(f"{kind}.not_in", f"must not be in list {fmt(allowed)}", path, _among(members)))
        elif kind in _NUMERIC:
            out.extend(_numeric(kind, name, rules, path))
        elif kind == "string":
            out.append(_string(name, rule_value, path))
        elif kind == "bytes":
            out.append(_bytes(name, rule_value, path))
        else:
            raise Unsupported(f"{kind}.{name}")
    return out


def _differs(const: Any) -> Callable[[Any], bool]:
    return lambda v: bool(v != const)


def _outside(members: Any) -> Callable[[Any], bool]:
    return lambda v: v not in members


def _among(members: Any) -> Callable[[Any], bool]:
    return lambda v: v in members


def size_below(bound: int) -> Callable[[Any], bool]:
    return lambda v: len(v) < bound


def size_above(bound: int) -> Callable[[Any], bool]:
    return lambda v: len(v) > bound


def _numeric(kind: str, name: str, rules: Any, path: tuple[Element, ...]) -> list[ValueRule]:
    """Bounds: which of protovalidate's ids applies (gt, gt_lt, gt_lt_exclusive, ...) depends on which other
    bound is set and how the two compare, exactly as the predefined CEL rules decide with has()."""
    nan = kind in _FLOATING
    if name == "finite" and nan:
        return [ValueRule(f"{kind}.finite", "must be finite", path, lambda v: math.isnan(v) or math.isinf(v))]
    if name in ("lt", "lte"):
        if rules.HasField("gt") or rules.HasField("gte"):
            return []  # the lower bound's rule states both
        b = getattr(rules, name)
        if name == "lt":
            return [ValueRule(f"{kind}.lt", f"must be less than {fmt(b)}", path, _nan_or(nan, lambda v: v >= b))]
        return [
            ValueRule(f"{kind}.lte", f"must be less than or equal to {fmt(b)}", path, _nan_or(nan, lambda v: v > b))
        ]
    if name not in ("gt", "gte"):
        raise Unsupported(f"{kind}.{name}")
    low = getattr(rules, name)
    words = "greater than" if name == "gt" else "greater than or equal to"
    below: Callable[[Any], bool] = (lambda v: v <= low) if name == "gt" else (lambda v: v < low)
    upper_name = "lt" if rules.HasField("lt") else "lte" if rules.HasField("lte") else ""
    if not upper_name:
        return [ValueRule(f"{kind}.{name}", f"must be {words} {fmt(low)}", path, _nan_or(nan, below))]
    high = getattr(rules, upper_name)
    upper_words = "less than" if upper_name == "lt" else "less than or equal to"
    above: Callable[[Any], bool] = (lambda v: v >= high) if upper_name == "lt" else (lambda v: v > high)
    if high >= low:
        rule_id, joint = f"{kind}.{name}_{upper_name}", "and"
        failed = _nan_or(nan, lambda v: above(v) or below(v))
    else:
        rule_id, joint = f"{kind}.{name}_{upper_name}_exclusive", "or"
        failed = _nan_or(nan, lambda v: not above(v) and below(v))
    return [ValueRule(rule_id, f"must be {words} {fmt(low)} {joint} {upper_words} {fmt(high)}", path, failed)]


def _nan_or(floating: bool, failed: Callable[[Any], bool]) -> Callable[[Any], bool]:
    # NaN compares false with every bound: the CEL rules for float and double name it a failure first.
    return (lambda v: v != v or failed(v)) if floating else failed


def _string(name: str, value: Any, path: tuple[Element, ...]) -> ValueRule:
    if name == "len":
        return ValueRule("string.len", f"must be {value} characters", path, lambda v: len(v) != value)
    if name == "min_len":
        return ValueRule("string.min_len", f"must be at least {value} characters", path, lambda v: len(v) < value)
    if name == "max_len":
        return ValueRule("string.max_len", f"must be at most {value} characters", path, lambda v: len(v) > value)
    if name == "len_bytes":
        return ValueRule("string.len_bytes", f"must be {value} bytes", path, lambda v: len(v.encode("utf-8")) != value)
    if name == "min_bytes":
        return ValueRule(
            "string.min_bytes", f"must be at least {value} bytes", path, lambda v: len(v.encode("utf-8")) < value
        )
    if name == "max_bytes":
        return ValueRule(
            "string.max_bytes", f"must be at most {value} bytes", path, lambda v: len(v.encode("utf-8")) > value
        )
    if name == "pattern":
        search = re2_search(value)
        return ValueRule("string.pattern", f"does not match regex pattern `{value}`", path, lambda v: search(v) is None)
    if name == "prefix":
        return ValueRule("string.prefix", f"does not have prefix `{value}`", path, lambda v: not v.startswith(value))
    if name == "suffix":
        return ValueRule("string.suffix", f"does not have suffix `{value}`", path, lambda v: not v.endswith(value))
    if name == "contains":
        return ValueRule("string.contains", f"does not contain substring `{value}`", path, lambda v: value not in v)
    if name == "not_contains":
        return ValueRule("string.not_contains", f"contains substring `{value}`", path, lambda v: value in v)
    raise Unsupported(f"string.{name}")  # well-known formats (email, uri, ...) and strict stay with protovalidate


def _bytes(name: str, value: Any, path: tuple[Element, ...]) -> ValueRule:
    if name == "len":
        return ValueRule("bytes.len", f"must be {value} bytes", path, lambda v: len(v) != value)
    if name == "min_len":
        return ValueRule("bytes.min_len", f"must be at least {value} bytes", path, lambda v: len(v) < value)
    if name == "max_len":
        return ValueRule("bytes.max_len", f"must be at most {value} bytes", path, lambda v: len(v) > value)
    raise Unsupported(f"bytes.{name}")


_PLAIN_ESCAPE = re.compile(r"[^0-9A-Za-z]")  # \. \- \\ ... mean the character itself in RE2 and in Python
_QUANTIFIER = re.compile(r"\{\d+(,\d*)?\}")


def python_regex(pattern: str) -> str | None:
    """``pattern`` (RE2 syntax) as a Python regex with the same matches, or None when it uses anything whose
    meaning differs or that is not plainly the same (classes like \\w or [[:alpha:]], flags, look-around).
    The one rewrite: RE2's ``$`` is the end of the text, Python's also matches before a final newline."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if i + 1 >= len(pattern):
                return None
            nxt = pattern[i + 1]
            if nxt == "d":  # ASCII digits in RE2; Python's \d would take every Unicode digit
                out.append("0-9" if in_class else "[0-9]")
            elif _PLAIN_ESCAPE.fullmatch(nxt):
                out.append(c + nxt)
            else:
                return None
            i += 2
            continue
        if in_class:
            if c == "[" or pattern[i : i + 2] in ("&&", "--", "||", "~~"):
                return None  # POSIX classes and Python's future set operations
            if c == "]":
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            start = i + 2 if pattern[i + 1 : i + 2] == "^" else i + 1
            if pattern[start : start + 1] == "]":  # a leading ] is a literal in both
                out.append(pattern[i : start + 1])
                i = start + 1
                continue
            out.append(c)
        elif c == "$":
            out.append(r"\Z")
        elif c == "(":
            if pattern[i + 1 : i + 2] == "?" and pattern[i + 1 : i + 3] != "?:":
                return None
            out.append(c)
        elif c == "{":
            quantifier = _QUANTIFIER.match(pattern, i)
            if quantifier is None:
                return None
            out.append(quantifier.group())
            i = quantifier.end()
            continue
        else:
            out.append(c)
        i += 1
    return None if in_class else "".join(out)


def re2_search(pattern: str) -> Callable[[str], object]:
    """A search function with RE2's semantics for ``pattern``: Python's re when the pattern translates (about
    0.3 µs a call), else the re2 binding protovalidate uses (about 20 µs). A pattern RE2 refuses is left to
    protovalidate, which reports it as its own error."""
    import re2  # google-re2, installed with protovalidate

    try:
        exact = re2.compile(pattern)
    except re2.error as exc:
        raise Unsupported(f"RE2 refuses the pattern: {exc}") from None
    translated = python_regex(pattern)
    if translated is None:
        return exact.search  # type: ignore[no-any-return]
    try:
        return re.compile(translated).search
    except re.error:
        return exact.search  # type: ignore[no-any-return]
