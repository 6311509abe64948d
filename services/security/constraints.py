"""Enforces the constraints declared on request fields with the (rote.v1.rules) option, before any servicer runs."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from services.errors import InvalidArgument
from services.gen.rote.v1 import field_rules_pb2

# The (rote.v1.rules) extension; typed loosely because the generated stub types it as a plain FieldDescriptor.
_RULES: Any = field_rules_pb2.rules

_STRING = FieldDescriptor.TYPE_STRING
_MESSAGE = FieldDescriptor.TYPE_MESSAGE
_NUMERIC = {
    FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_UINT32, FieldDescriptor.TYPE_UINT64,
    FieldDescriptor.TYPE_SINT32, FieldDescriptor.TYPE_SINT64, FieldDescriptor.TYPE_FIXED32,
    FieldDescriptor.TYPE_FIXED64, FieldDescriptor.TYPE_SFIXED32, FieldDescriptor.TYPE_SFIXED64,
    FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_ENUM,
}


@dataclass(frozen=True)
class _FieldCheck:
    field: FieldDescriptor
    rules: field_rules_pb2.FieldRules | None
    pattern: re.Pattern[str] | None


def _is_repeated(field: FieldDescriptor) -> bool:
    if hasattr(field, "is_repeated"):
        return bool(field.is_repeated)
    return bool(getattr(field, "label", None) == FieldDescriptor.LABEL_REPEATED)  # protobuf before 6


def _is_map(field: FieldDescriptor) -> bool:
    return field.type == _MESSAGE and bool(_message_type(field).GetOptions().map_entry)


def _message_type(field: FieldDescriptor) -> Descriptor:
    assert field.message_type is not None, f"{field.full_name} is not a message field"
    return field.message_type


def rules_of(field: Any) -> field_rules_pb2.FieldRules | None:
    """The rules declared on ``field`` (a FieldDescriptor), or None."""
    options = field.GetOptions()
    if not options.HasExtension(_RULES):
        return None
    rules: field_rules_pb2.FieldRules = options.Extensions[_RULES]
    return rules


@functools.cache
def _plan(descriptor: Descriptor) -> tuple[_FieldCheck, ...]:
    """Fields worth visiting: those with rules, and message fields (their own fields may have rules)."""
    checks = []
    for field in descriptor.fields:
        rules = rules_of(field)
        if rules is None and field.type != _MESSAGE:
            continue
        pattern = re.compile(rules.pattern) if rules is not None and rules.pattern else None
        checks.append(_FieldCheck(field, rules, pattern))
    return tuple(checks)


def validate(message: Message) -> None:
    """Raise InvalidArgument naming the first field of ``message`` that breaks its declared rules."""
    _validate(message, message.DESCRIPTOR.name)


def _validate(message: Message, path: str) -> None:
    for check in _plan(message.DESCRIPTOR):
        field, rules = check.field, check.rules
        where = f"{path}.{field.name}"
        value = getattr(message, field.name)
        if _is_map(field):
            if rules is not None:
                _check_map(value, rules, where)
            value_field = _message_type(field).fields_by_name["value"]
            if value_field.type == _MESSAGE:
                for key, item in value.items():
                    _validate(item, f"{where}[{key!r}]")
            continue
        if _is_repeated(field):
            if rules is not None:
                if rules.max_items and len(value) > rules.max_items:
                    raise InvalidArgument(f"{where}: at most {rules.max_items} items allowed, got {len(value)}")
                if rules.max_depth or rules.max_tree_items:
                    _check_tree(value, field, rules, where)
            for index, item in enumerate(value):
                if field.type == _MESSAGE:
                    _validate(item, f"{where}[{index}]")
                elif rules is not None:
                    _check_scalar(item, field, rules, check.pattern, f"{where}[{index}]")
            continue
        if field.type == _MESSAGE:
            present = message.HasField(field.name)
            if rules is not None and rules.required and not present:
                raise InvalidArgument(f"{where}: is required")
            if present:
                _validate(value, where)
            continue
        if rules is not None:
            _check_scalar(value, field, rules, check.pattern, where)


def _check_scalar(
    value: object, field: FieldDescriptor, rules: field_rules_pb2.FieldRules, pattern: re.Pattern[str] | None,
    where: str,
) -> None:
    if rules.required and not value:
        raise InvalidArgument(f"{where}: is required")
    if field.type == _STRING:
        text = str(value)
        if rules.min_len and len(text) < rules.min_len:
            raise InvalidArgument(f"{where}: must be at least {rules.min_len} characters, got {len(text)}")
        if rules.max_len and len(text) > rules.max_len:
            raise InvalidArgument(f"{where}: must be at most {rules.max_len} characters, got {len(text)}")
        if pattern is not None and text and not pattern.fullmatch(text):
            shown = text if len(text) <= 80 else text[:77] + "..."
            raise InvalidArgument(f"{where}: {shown!r} does not match {rules.pattern}")
    elif field.type in _NUMERIC:
        if rules.defined_only and field.type == FieldDescriptor.TYPE_ENUM:
            enum_type = field.enum_type
            if enum_type is not None and int(value) not in enum_type.values_by_number:  # type: ignore[call-overload]
                raise InvalidArgument(f"{where}: {int(value)} is not a value of {enum_type.name}")  # type: ignore[call-overload]
        number = float(value)  # type: ignore[arg-type]
        if number != number:  # NaN compares false with every bound
            raise InvalidArgument(f"{where}: must be a number, got NaN")
        if rules.HasField("gte") and number < rules.gte:
            raise InvalidArgument(f"{where}: must be at least {_num(rules.gte)}, got {_num(number)}")
        if rules.HasField("lte") and number > rules.lte:
            raise InvalidArgument(f"{where}: must be at most {_num(rules.lte)}, got {_num(number)}")


def _num(number: float) -> str:
    return str(int(number)) if number.is_integer() else str(number)


def _check_map(value: dict[str, object], rules: field_rules_pb2.FieldRules, where: str) -> None:
    if rules.max_items and len(value) > rules.max_items:
        raise InvalidArgument(f"{where}: at most {rules.max_items} entries allowed, got {len(value)}")
    if rules.max_entry_len:
        for key, item in value.items():
            if len(key) > rules.max_entry_len:
                raise InvalidArgument(f"{where}: a key is longer than {rules.max_entry_len} characters")
            if isinstance(item, str) and len(item) > rules.max_entry_len:
                raise InvalidArgument(f"{where}[{key[:40]!r}]: longer than {rules.max_entry_len} characters")


def _check_tree(items: object, field: FieldDescriptor, rules: field_rules_pb2.FieldRules, where: str) -> None:
    """Depth and size of a tree whose nodes repeat their own type (Block.children under Workflow.blocks)."""
    node_type = _message_type(field)
    recursive = [f for f in node_type.fields if f.type == _MESSAGE and f.message_type is node_type and _is_repeated(f)]
    total, depth = 0, 0
    level: list[Message] = list(items)  # type: ignore[call-overload]
    while level:
        depth += 1
        total += len(level)
        if rules.max_depth and depth > rules.max_depth:
            raise InvalidArgument(f"{where}: nested more than {rules.max_depth} levels deep")
        if rules.max_tree_items and total > rules.max_tree_items:
            raise InvalidArgument(f"{where}: more than {rules.max_tree_items} items in all, counting nested ones")
        level = [child for node in level for f in recursive for child in getattr(node, f.name)]


def tree_limits(field: Any) -> tuple[int, int]:
    """(max_depth, max_tree_items) declared on a tree field; 0 means no limit."""
    rules = rules_of(field)
    return (rules.max_depth, rules.max_tree_items) if rules is not None else (0, 0)
