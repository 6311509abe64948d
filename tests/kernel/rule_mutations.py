"""Seeded random request messages aimed at the buf.validate rules their fields declare (bounds ± 1, RE2 edges)."""

from __future__ import annotations

import math
import random
from typing import Any

from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from services.gen.buf.validate import validate_pb2
from services.security.native_fields import is_repeated

_T = FieldDescriptor
_INT_LIMITS = {_T.TYPE_INT32: 2**31 - 1, _T.TYPE_INT64: 2**63 - 1, _T.TYPE_SINT32: 2**31 - 1}
# Texts where RE2 and Python's re disagree unless translated (a final newline against $, Unicode digits),
# multi-byte characters (length in characters vs bytes) and path-like ids.
_TEXTS = [
    "",
    "a",
    "run-1",
    "wf_2.x",
    "a b",
    "run-1\n",
    "\nrun",
    "../etc/passwd",
    "é",
    "日本",
    "😀",
    "٣",
    "A" * 64,
    "0" * 64,
    "f" * 63,
    "F" * 64,
    "abc$",
    "x\x00y",
    "-",
    ".",
]


def _rules(field: FieldDescriptor) -> validate_pb2.FieldRules:
    options: Any = field.GetOptions()
    return (
        options.Extensions[validate_pb2.field]
        if validate_pb2.field in options.Extensions
        else validate_pb2.FieldRules()
    )


def _bounds(rules: Any) -> list[int]:
    """Each declared length or count bound, and its neighbours."""
    out = []
    for _, value in rules.ListFields() if rules is not None else []:
        if isinstance(value, int) and not isinstance(value, bool):
            out += [value - 1, value, value + 1]
    return [b for b in out if 0 <= b <= 70_000]


def text(rng: random.Random, rules: Any) -> str:
    choice = rng.random()
    bounds = _bounds(rules)
    if bounds and choice < 0.35:
        length = rng.choice(bounds)
        return rng.choice(["x", "é", "😀", "a-"]) * length if length < 5000 or rng.random() < 0.3 else "x"
    if choice < 0.5:
        return "".join(rng.choice("abcXYZ019_-.é/ \n") for _ in range(rng.randint(1, 12)))
    return rng.choice(_TEXTS)


def number(rng: random.Random, field: FieldDescriptor, rules: Any) -> Any:
    floating = field.type in (_T.TYPE_DOUBLE, _T.TYPE_FLOAT)
    pool: list[Any] = [0, 1, -1, 2, 99999, -99999]
    for _, bound in rules.ListFields() if rules is not None else []:
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            pool += [bound - 1, bound, bound + 1] + ([bound - 0.001, bound + 0.001] if floating else [])
    if floating:
        pool += [math.nan, math.inf, -math.inf, -0.0, 0.5, 1e-9]
        return float(rng.choice(pool))
    limit = _INT_LIMITS.get(field.type, 2**31 - 1)
    if field.type in (_T.TYPE_UINT32, _T.TYPE_UINT64, _T.TYPE_FIXED32, _T.TYPE_FIXED64):
        pool = [abs(int(p)) for p in pool]
        limit = 2**32 - 1
    return max(-limit - 1, min(limit, int(rng.choice(pool))))


def scalar(rng: random.Random, field: FieldDescriptor, rules: validate_pb2.FieldRules) -> Any:
    kind = rules.WhichOneof("type")
    sub = getattr(rules, kind) if kind else None
    if field.type == _T.TYPE_STRING:
        return text(rng, sub)
    if field.type == _T.TYPE_BYTES:
        return rng.choice([b"", b"\x00", b"abc", b"\xff" * 5])
    if field.type == _T.TYPE_BOOL:
        return rng.random() < 0.5
    if field.type == _T.TYPE_ENUM:
        defined = list(field.enum_type.values_by_number)
        return rng.choice(defined + [max(defined) + 1, 99, -1])
    return number(rng, field, sub)


def random_message(descriptor: Descriptor, rng: random.Random, depth: int = 0) -> Message:
    message = message_factory.GetMessageClass(descriptor)()
    for field in descriptor.fields:
        if rng.random() < 0.45:
            continue
        rules = _rules(field)
        value = getattr(message, field.name)
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            _fill_map(rng, field, rules, value, depth)
        elif is_repeated(field):
            count = rng.choice([0, 1, 2, 3] + [b for b in _bounds(rules.repeated) if rng.random() < 0.15])
            for index in range(count):
                if field.message_type is None:
                    value.append(scalar(rng, field, rules.repeated.items))
                elif depth < 3 and index < 3:  # the bulk of a long list stays empty: protovalidate is slow
                    value.add().CopyFrom(random_message(field.message_type, rng, depth + 1))
                else:
                    value.add()
        elif field.message_type is not None:
            if depth < 3:
                getattr(message, field.name).CopyFrom(random_message(field.message_type, rng, depth + 1))
                if rng.random() < 0.3:
                    getattr(message, field.name).SetInParent()
        else:
            setattr(message, field.name, scalar(rng, field, rules))
    return message


def _fill_map(
    rng: random.Random, field: FieldDescriptor, rules: validate_pb2.FieldRules, value: Any, depth: int
) -> None:
    entry = field.message_type
    value_field = entry.fields_by_name["value"]
    count = rng.choice([0, 1, 2] + [b for b in _bounds(rules.map) if rng.random() < 0.1])
    for i in range(count):
        key = text(rng, rules.map.keys.string if rules.map.HasField("keys") else None) + ("" if i < 3 else str(i))
        if value_field.message_type is not None:
            if depth < 3:
                value[key].CopyFrom(random_message(value_field.message_type, rng, depth + 1))
        else:
            value[key] = text(rng, rules.map.values.string if rules.map.HasField("values") else None)
