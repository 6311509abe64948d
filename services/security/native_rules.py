"""Evaluates the standard buf.validate rules natively, compiled once per message type from its descriptor."""

from __future__ import annotations

import threading
from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from services.gen.buf.validate import validate_pb2
from services.security import protovalidate_runtime
from services.security.native_fields import (
    ALWAYS,
    IF_ZERO,
    Check,
    Found,
    PathStep,
    is_repeated,
    key_subscript,
    list_check,
    map_check,
    map_element,
    scalar_check,
)
from services.security.rule_kinds import Element, Unsupported, element


class Plan:
    """The checks of one message type, in protovalidate's order; ``fallback`` names why protovalidate runs it."""

    __slots__ = ("descriptor", "checks", "fallback", "visit", "own", "children")

    def __init__(self, descriptor: Descriptor) -> None:
        self.descriptor = descriptor
        self.checks: list[Check] = []
        self.fallback: str | None = None
        self.visit = False  # anything to check here or below (else a sub-message is not even walked)
        self.own = False
        self.children: list[tuple[Check, Plan]] = []

    def run(self, message: Message) -> list[Found] | None:
        if self.fallback is not None:
            return [_from_proto(v) for v in protovalidate_runtime.collect(message)] or None
        found: list[Found] | None = None
        for check in self.checks:
            result = check(message)
            if result:
                if found is None:
                    found = result
                else:
                    found.extend(result)
        return found


def _from_proto(violation: validate_pb2.Violation) -> Found:
    for_key = violation.for_key if violation.HasField("for_key") else None
    found = Found(violation.rule_id, violation.message, tuple(violation.rule.elements), None, for_key)
    found.path = [(step, None, None) for step in reversed(violation.field.elements)]
    return found


_plans: dict[Descriptor, Plan] = {}
_lock = threading.Lock()  # validation also runs in worker threads; a plan is published only once complete


def plan_for(descriptor: Any) -> Plan:
    """The compiled plan of ``descriptor`` (and of every type it reaches), built on first use."""
    plan = _plans.get(descriptor)
    if plan is None:
        with _lock:
            plan = _plans.get(descriptor)
            if plan is None:
                pending: dict[Descriptor, Plan] = {}
                plan = _compile(descriptor, pending)
                _finish(pending)
                _plans.update(pending)
    return plan


def collect(message: Message) -> list[validate_pb2.Violation]:
    """The violations protovalidate would report for ``message``, in its order and shape."""
    plan = plan_for(message.DESCRIPTOR)
    if plan.fallback is not None:
        return protovalidate_runtime.collect(message)
    found = plan.run(message)
    return [f.proto() for f in found] if found else []


def is_native(descriptor: Descriptor) -> bool:
    """True when no type reachable from ``descriptor`` needs protovalidate (so validating it is cheap)."""
    native = _native.get(descriptor)
    if native is None:
        native = _native[descriptor] = not fallbacks(descriptor)
    return native


_native: dict[Descriptor, bool] = {}


def fallbacks(descriptor: Descriptor) -> dict[str, str]:
    """Types reachable from ``descriptor`` that protovalidate evaluates, with the reason."""
    plan_for(descriptor)
    seen: set[Descriptor] = set()
    todo = [descriptor]
    out: dict[str, str] = {}
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        plan = _plans[current]
        if plan.fallback is not None:
            out[current.full_name] = plan.fallback
        for field in current.fields:
            target = field.message_type
            if target is not None and target.GetOptions().map_entry:
                target = target.fields_by_name["value"].message_type
            if target is not None:
                todo.append(target)
    return out


def _get(descriptor: Descriptor, pending: dict[Descriptor, Plan]) -> Plan:
    return _plans.get(descriptor) or pending.get(descriptor) or _compile(descriptor, pending)


def _compile(descriptor: Descriptor, pending: dict[Descriptor, Plan]) -> Plan:
    plan = pending[descriptor] = Plan(descriptor)  # registered first: a recursive type finds itself
    try:
        _build(plan, pending)
    except Unsupported as exc:
        plan.fallback, plan.checks, plan.children = str(exc), [], []
    return plan


def _finish(pending: dict[Descriptor, Plan]) -> None:
    """Which types need visiting (a fixpoint, as types recurse), then drop walks into types with no rules."""
    changed = True
    while changed:
        changed = False
        for plan in pending.values():
            if not plan.visit and (plan.fallback or plan.own or any(child.visit for _, child in plan.children)):
                plan.visit = changed = True
    for plan in pending.values():
        idle = {id(check) for check, child in plan.children if not child.visit}
        plan.checks = [check for check in plan.checks if id(check) not in idle]


def _build(plan: Plan, pending: dict[Descriptor, Plan]) -> None:
    """Mirrors protovalidate's RuleFactory._new_rules: message rules, oneof rules, then each field in order
    (its own rules, then the walk into its message values)."""
    descriptor = plan.descriptor
    in_message_oneof: set[str] = set()
    options: Any = descriptor.GetOptions()
    if options.HasExtension(validate_pb2.message):
        rules = options.Extensions[validate_pb2.message]
        if rules.cel or rules.cel_expression:
            raise Unsupported("message-level cel")
        for oneof in rules.oneof:
            fields = [descriptor.fields_by_name.get(name) for name in oneof.fields]
            if not fields or None in fields or len(set(oneof.fields)) != len(fields):
                raise Unsupported("malformed message oneof rule")
            in_message_oneof.update(oneof.fields)
            plan.checks.append(_message_oneof(fields, oneof.required))  # type: ignore[arg-type]
            plan.own = True
    for oneof in descriptor.oneofs:
        oneof_options: Any = oneof.GetOptions()
        if validate_pb2.oneof in oneof_options.Extensions:
            plan.checks.append(_oneof(oneof.name, oneof_options.Extensions[validate_pb2.oneof].required))
            plan.own = True
    for field in descriptor.fields:
        field_options: Any = field.GetOptions()
        if validate_pb2.field in field_options.Extensions:
            rules = field_options.Extensions[validate_pb2.field]
            if not rules.HasField("ignore") and field.name in in_message_oneof:
                override = validate_pb2.FieldRules()
                override.CopyFrom(rules)
                override.ignore = IF_ZERO
                rules = override
            if rules.ignore == ALWAYS:
                continue
            plan.checks.append(_field_check(field, rules))
            plan.own = True
            if rules.repeated.items.ignore == ALWAYS:
                continue
        if field.message_type is None:
            continue
        if field.message_type.GetOptions().map_entry:
            value_field = field.message_type.fields_by_name["value"]
            if value_field.message_type is None:
                continue
            child = _get(value_field.message_type, pending)
            check = _map_walk(field, child)
        else:
            child = _get(field.message_type, pending)
            check = _list_walk(field, child) if is_repeated(field) else _walk(field, child)
        plan.checks.append(check)
        plan.children.append((check, child))


def _message_oneof(fields: list[FieldDescriptor], required: bool) -> Check:
    names = ", ".join(field.name for field in fields)

    def check(message: Message) -> list[Found] | None:
        count = sum(1 for field in fields if not _is_empty(message, field))
        found = [Found("message.oneof", f"only one of {names} can be set", (), None)] if count > 1 else []
        if required and count == 0:
            found.append(Found("message.oneof", f"one of {names} must be set", (), None))
        return found or None

    return check


def _is_empty(message: Message, field: Any) -> bool:
    if field.has_presence:
        return not message.HasField(field.name)
    value = getattr(message, field.name)
    return len(value) == 0 if is_repeated(field) else bool(value == field.default_value)


def _oneof(name: str, required: bool) -> Check:
    step: PathStep = (Element(field_name=name), None, None)

    def check(message: Message) -> list[Found] | None:
        if required and not message.WhichOneof(name):
            return [Found("required", "exactly one field is required in oneof", (), step)]
        return None

    return check


def _field_check(field: Any, rules: validate_pb2.FieldRules) -> Check:
    if rules.cel or rules.cel_expression:
        raise Unsupported(f"cel on {field.full_name}")
    type_case = rules.WhichOneof("type")
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        if type_case not in (None, "map"):
            raise Unsupported(f"{type_case} rules on map {field.full_name}")
        return map_check(field, rules)
    if is_repeated(field):
        if type_case not in (None, "repeated"):
            raise Unsupported(f"{type_case} rules on repeated {field.full_name}")
        return list_check(field, rules)
    return scalar_check(field, rules)


def _walk(field: Any, child: Plan) -> Check:
    name, step = field.name, (element(field), None, None)

    def check(message: Message) -> list[Found] | None:
        if not message.HasField(name):
            return None
        found = child.run(getattr(message, name))
        if found:
            for f in found:
                f.path.append(step)
        return found

    return check


def _list_walk(field: Any, child: Plan) -> Check:
    name, base = field.name, element(field)

    def check(message: Message) -> list[Found] | None:
        out: list[Found] | None = None
        for index, item in enumerate(getattr(message, name)):
            found = child.run(item)
            if found:
                for f in found:
                    f.path.append((base, "index", index))
                out = found if out is None else out + found
        return out

    return check


def _map_walk(field: Any, child: Plan) -> Check:
    name, base = field.name, map_element(field)
    subscript = key_subscript(field.message_type.fields_by_name["key"])

    def check(message: Message) -> list[Found] | None:
        out: list[Found] | None = None
        for key, value in getattr(message, name).items():
            found = child.run(value)
            if found:
                for f in found:
                    f.path.append((base, subscript, key))
                out = found if out is None else out + found
        return out

    return check
