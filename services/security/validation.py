"""Checks a request against the protovalidate rules declared in the protos (standard rules natively, see
native_rules) and turns violations into INVALID_ARGUMENT with a readable message and BadRequest details."""

from __future__ import annotations

from collections.abc import Sequence

from google.protobuf.message import Message
from google.rpc import error_details_pb2

from services.errors import InvalidArgument
from services.gen.buf.validate import validate_pb2
from services.security import native_rules
from services.security.tree_limits import check_workflow_trees

# What a caller sees is bounded: the details travel in a trailer that clients cap at 16 KiB, and a field path may
# hold a map key of any length.
MAX_REPORTED_VIOLATIONS = 10
_MAX_KEY_SHOWN = 40
_LENGTH_RULES = ("string.max_len", "string.min_len", "string.len", "string.max_bytes", "string.min_bytes")


def validate_request(request: Message) -> None:
    """Raise InvalidArgument naming every field of ``request`` that breaks a declared rule (the first few)."""
    check_workflow_trees(request)
    violations = native_rules.collect(request)
    if violations:
        raise _invalid(request, violations)


def _invalid(request: Message, violations: Sequence[validate_pb2.Violation]) -> InvalidArgument:
    message_name = request.DESCRIPTOR.name
    shown = violations[:MAX_REPORTED_VIOLATIONS]
    field_violations = [
        error_details_pb2.BadRequest.FieldViolation(
            field=field_path(v.field), description=_description(request, v), reason=v.rule_id
        )
        for v in shown
    ]
    lines = [f"{message_name}.{fv.field}: {fv.description}" if fv.field else fv.description for fv in field_violations]
    if len(violations) > len(shown):
        lines.append(f"and {len(violations) - len(shown)} more violations")
    return InvalidArgument("; ".join(lines), details=(error_details_pb2.BadRequest(field_violations=field_violations),))


def field_path(path: validate_pb2.FieldPath) -> str:
    """``workflow.blocks[0].label`` or ``parameters['key']``, with long map keys cut."""
    parts = []
    for element in path.elements:
        part = element.field_name
        subscript = element.WhichOneof("subscript")
        if subscript == "string_key":
            key = element.string_key
            part += f"[{key[:_MAX_KEY_SHOWN] + '…' if len(key) > _MAX_KEY_SHOWN else key!r}]"
        elif subscript is not None:
            part += f"[{getattr(element, subscript)}]"
        parts.append(part)
    return ".".join(parts)


def _description(request: Message, violation: validate_pb2.Violation) -> str:
    """protovalidate's message plus what was given: a number or enum value, or a text's length (never the text,
    which may be a secret parameter value)."""
    message = violation.message or violation.rule_id
    if violation.for_key:
        return f"key {message}"
    value = _value_at(request, violation.field)
    if isinstance(value, bool) or value is None:
        return message
    if isinstance(value, int | float):
        return f"{message}, got {value}"
    if isinstance(value, str) and violation.rule_id in _LENGTH_RULES:
        return f"{message}, got {len(value)}"
    return message


def _value_at(request: Message, path: validate_pb2.FieldPath) -> object:
    """The value a violation's field path points at in ``request`` (None when it cannot be followed)."""
    value: object = request
    for element in path.elements:
        try:
            value = getattr(value, element.field_name)
            subscript = element.WhichOneof("subscript")
            if subscript is not None:
                value = value[getattr(element, subscript)]  # type: ignore[index]
        except (AttributeError, IndexError, KeyError, TypeError):
            return None
    return value
