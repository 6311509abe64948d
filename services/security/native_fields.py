"""One field's standard buf.validate rules as a Python check, with protovalidate's violation shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from services.gen.buf.validate import validate_pb2
from services.security.rule_kinds import (
    KIND_OF_TYPE,
    Element,
    Unsupported,
    ValueRule,
    element,
    size_above,
    size_below,
    value_rules,
)

IF_ZERO = validate_pb2.IGNORE_IF_ZERO_VALUE
ALWAYS = validate_pb2.IGNORE_ALWAYS
_RULE_FIELDS = validate_pb2.FieldRules.DESCRIPTOR.fields_by_name
_REQUIRED = (element(_RULE_FIELDS["required"]),)
_DEFINED_ONLY = (
    element(_RULE_FIELDS["enum"]),
    element(validate_pb2.EnumRules.DESCRIPTOR.fields_by_name["defined_only"]),
)
_KEY_SUBSCRIPT = {
    **dict.fromkeys(("int32", "int64", "sint32", "sint64", "sfixed32", "sfixed64"), "int_key"),
    **dict.fromkeys(("uint32", "uint64", "fixed32", "fixed64"), "uint_key"),
    "bool": "bool_key",
    "string": "string_key",
}

PathStep = tuple[Element, str | None, object]  # a field's element, then the subscript kind and value, if any


class Found:
    """A violation while it bubbles up: its path is built bottom-up, as protovalidate builds it."""

    __slots__ = ("rule_id", "message", "rule_path", "for_key", "path")

    def __init__(
        self,
        rule_id: str,
        message: str,
        rule_path: tuple[Element, ...],
        step: PathStep | None,
        for_key: bool | None = None,
    ) -> None:
        self.rule_id, self.message, self.rule_path, self.for_key = rule_id, message, rule_path, for_key
        self.path: list[PathStep] = [step] if step is not None else []

    def proto(self) -> validate_pb2.Violation:
        # for_key is set (even false) exactly where protovalidate sets it: on the violations of CEL rules.
        violation = validate_pb2.Violation(rule_id=self.rule_id, message=self.message, for_key=self.for_key)
        if self.rule_path:
            violation.rule.elements.extend(self.rule_path)
        for base, subscript, key in reversed(self.path):
            step = violation.field.elements.add()
            step.CopyFrom(base)
            if subscript is not None:
                setattr(step, subscript, key)
        return violation


Check = Callable[[Message], "list[Found] | None"]


def is_repeated(field: Any) -> bool:
    if hasattr(field, "is_repeated"):
        return bool(field.is_repeated)
    return bool(field.label == FieldDescriptor.LABEL_REPEATED)  # type: ignore[attr-defined]  # protobuf < 6


def _failures(rules: list[ValueRule], value: Any, step: PathStep, for_key: bool = False) -> list[Found] | None:
    found = None
    for rule in rules:
        if rule.failed(value):
            violation = Found(rule.rule_id, rule.message, rule.rule_path, step, for_key)
            found = [violation] if found is None else [*found, violation]
    return found


def _kind_rules(field: Any, rules: validate_pb2.FieldRules, prefix: tuple[Element, ...]) -> list[ValueRule]:
    type_case = rules.WhichOneof("type")
    if type_case is None:
        return []
    if field.message_type is not None or KIND_OF_TYPE.get(field.type) != type_case:
        raise Unsupported(f"{type_case} rules on {field.full_name}")  # wrappers, Any, Duration, Timestamp, ...
    return value_rules(type_case, getattr(rules, type_case), (*prefix, element(_RULE_FIELDS[type_case])))


def scalar_check(field: Any, rules: validate_pb2.FieldRules) -> Check:
    """protovalidate's FieldRules.validate (and EnumRules' defined_only) for a singular field."""
    name, presence, default, required = field.name, field.has_presence, field.default_value, rules.required
    ignore_empty = rules.ignore == IF_ZERO or presence
    checks = _kind_rules(field, rules, ())
    defined = frozenset(field.enum_type.values_by_number) if rules.enum.defined_only and field.enum_type else None
    step: PathStep = (element(field), None, None)

    def check(message: Message) -> list[Found] | None:
        value = getattr(message, name)
        if (not message.HasField(name)) if presence else value == default:
            if required:
                return [Found("required", "value is required", _REQUIRED, step)]
            if ignore_empty:
                return None  # an empty enum holds its default, always a defined value
        found = _failures(checks, value, step) if checks else None
        if defined is not None and value not in defined:
            violation = Found("enum.defined_only", "value must be one of the defined enum values", _DEFINED_ONLY, step)
            found = [violation] if found is None else [*found, violation]
        return found

    return check


def item_rules(
    field: Any, rules: validate_pb2.FieldRules, prefix: tuple[Element, ...]
) -> tuple[list[ValueRule], bool] | None:
    """Rules for one list item, map key or map value (protovalidate's validate_item): its value rules and
    whether an empty one is skipped; None when ignored always."""
    if rules.ignore == ALWAYS:
        return None
    if rules.cel or rules.cel_expression:
        raise Unsupported(f"cel on the items of {field.full_name}")
    if rules.required or rules.enum.defined_only:
        # protovalidate-python skips these on an item; rather than copy that, leave them to it.
        raise Unsupported(f"required or defined_only on the items of {field.full_name}")
    return _kind_rules(field, rules, prefix), rules.ignore == IF_ZERO


def _collection_rules(kind: str, rules: Any, allowed: set[str], where: str) -> list[ValueRule]:
    """repeated.min_items/max_items/unique or map.min_pairs/max_pairs (the item rules are compiled apart)."""
    prefix = (element(_RULE_FIELDS[kind]),)
    out: list[ValueRule] = []
    for rule_field, bound in rules.ListFields():
        if rule_field.is_extension or rule_field.name not in allowed:
            raise Unsupported(f"{kind}.{rule_field.name} on {where}")
        path = (*prefix, element(rule_field))
        rule_id = f"{kind}.{rule_field.name}"
        if rule_field.name in ("items", "keys", "values"):
            continue
        if rule_field.name == "unique":
            out.append(
                ValueRule(rule_id, "repeated value must contain unique items", path, lambda v: len(set(v)) != len(v))
            )
        elif rule_field.name in ("min_items", "min_pairs"):
            words = "must contain at least %s item(s)" if kind == "repeated" else "map must be at least %s entries"
            out.append(ValueRule(rule_id, words % bound, path, size_below(bound)))
        else:
            words = "must contain no more than %s item(s)" if kind == "repeated" else "map must be at most %s entries"
            out.append(ValueRule(rule_id, words % bound, path, size_above(bound)))
    return out


def list_check(field: Any, rules: validate_pb2.FieldRules) -> Check:
    """protovalidate's RepeatedRules.validate: the list's own rules, then each item's."""
    if rules.repeated.unique and field.message_type is not None:
        raise Unsupported(f"repeated.unique on messages ({field.full_name})")
    own = _collection_rules("repeated", rules.repeated, {"min_items", "max_items", "unique", "items"}, field.full_name)
    items_prefix = (
        element(_RULE_FIELDS["repeated"]),
        element(validate_pb2.RepeatedRules.DESCRIPTOR.fields_by_name["items"]),
    )
    items = item_rules(field, rules.repeated.items, items_prefix) if rules.repeated.HasField("items") else None
    item_checks, skip_empty_item = items if items and items[0] else ([], False)
    name, required, ignore_empty = field.name, rules.required, rules.ignore == IF_ZERO
    base = element(field)
    step: PathStep = (base, None, None)

    def check(message: Message) -> list[Found] | None:
        value = getattr(message, name)
        if not value:
            if required:
                return [Found("required", "value is required", _REQUIRED, step)]
            return None if ignore_empty or not own else _failures(own, value, step)
        found = _failures(own, value, step) if own else None
        if item_checks:
            for index, item in enumerate(value):
                if skip_empty_item and not item:
                    continue
                bad = _failures(item_checks, item, (base, "index", index))
                if bad:
                    found = bad if found is None else found + bad
        return found

    return check


def key_subscript(key_field: Any) -> str:
    subscript = _KEY_SUBSCRIPT.get(KIND_OF_TYPE.get(key_field.type, ""))
    if subscript is None:
        raise Unsupported(f"map key type of {key_field.full_name}")
    return subscript


def map_element(field: Any) -> Element:
    entry = field.message_type
    base = element(field)
    base.key_type = entry.fields_by_name["key"].type  # type: ignore[assignment]
    base.value_type = entry.fields_by_name["value"].type  # type: ignore[assignment]
    return base


def map_check(field: Any, rules: validate_pb2.FieldRules) -> Check:
    """protovalidate's MapRules.validate: the map's own rules, then per entry its value's then its key's."""
    own = _collection_rules("map", rules.map, {"min_pairs", "max_pairs", "keys", "values"}, field.full_name)
    entry = field.message_type
    map_rule = element(_RULE_FIELDS["map"])
    map_fields = validate_pb2.MapRules.DESCRIPTOR.fields_by_name
    keys = values = None
    if rules.map.HasField("keys"):
        keys = item_rules(entry.fields_by_name["key"], rules.map.keys, (map_rule, element(map_fields["keys"])))
    if rules.map.HasField("values"):
        values = item_rules(entry.fields_by_name["value"], rules.map.values, (map_rule, element(map_fields["values"])))
    key_checks, skip_empty_key = keys if keys and keys[0] else ([], False)
    value_checks, skip_empty_value = values if values and values[0] else ([], False)
    name, required, ignore_empty = field.name, rules.required, rules.ignore == IF_ZERO
    base, subscript = map_element(field), key_subscript(entry.fields_by_name["key"])
    step: PathStep = (element(field), None, None)

    def check(message: Message) -> list[Found] | None:
        value = getattr(message, name)
        if not value:
            if required:
                return [Found("required", "value is required", _REQUIRED, step)]
            return None if ignore_empty or not own else _failures(own, value, step)
        found = _failures(own, value, step) if own else None
        if key_checks or value_checks:
            for key, item in value.items():
                entry_step: PathStep = (base, subscript, key)
                bad = _failures(value_checks, item, entry_step) if not skip_empty_value or item else None
                bad_key = _failures(key_checks, key, entry_step, True) if not skip_empty_key or key else None
                for part in (bad, bad_key):
                    if part:
                        found = part if found is None else found + part
        return found

    return check
