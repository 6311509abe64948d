"""Hypothesis strategies: workflow definitions biased toward almost-valid ones, and any protobuf message."""

from __future__ import annotations

import functools
from typing import Any

from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from hypothesis import strategies as st

from services.gen.rote.v1 import workflow_pb2

# Strings that probe parsers, templates, paths, SQL, encodings and limits.
NASTY = [
    "",
    " ",
    "a",
    "demo_quote",
    "default",
    "x" * 129,
    "../../etc/passwd",
    "/abs/path",
    "a/b",
    "C:\\x",
    "{{ x }}",
    "{{",
    "}}",
    "{% for i in range(10**9) %}{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ x | attr('__class__') }}",
    "\x00",
    "\u202e",
    "é",
    "🙂",
    "a\nb",
    "00000000-0000-0000-0000-000000000000",
    "' OR 1=1 --",
    "%s%s%n",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "http://169.254.169.254/",
    "[1, 2]",
    '{"a": 1}',
    "null",
    "true",
    "-1",
    "NaN",
    "1e309",
    "9" * 40,
    "url:/quote",
    "__import__('os')",
    "import os",
    "ctx.param('x')",
    "await page.goto('x')",
]
LABELS = ["login", "fill", "extract", "loop", "branch", "wait", "code", "go", "login ", "", "a" * 129]
PARAMETER_KEYS = ["email", "password", "items", "count", "flag", "1bad", "", "a-b", "site"]


_NASTY_TEXT: dict[int, st.SearchStrategy[str]] = {}


def nasty_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """A nasty string or any text; built once per size (building strategies per draw is slow)."""
    if max_size not in _NASTY_TEXT:
        _NASTY_TEXT[max_size] = st.one_of(st.sampled_from(NASTY), st.text(max_size=max_size))
    return _NASTY_TEXT[max_size]


_NAME = st.sampled_from(PARAMETER_KEYS + ["current_item", "login", "unknown"])
# Template text that references known or unknown parameters, or is malformed.
_TEMPLATES = st.one_of(
    nasty_text(),
    _NAME.map(lambda n: "{{ " + n + " }}"),
    st.tuples(nasty_text(10), _NAME).map(lambda t: f"{t[0]}{{{{ {t[1]} }}}}/x"),
)


def templates() -> st.SearchStrategy[str]:
    return _TEMPLATES


block_types = st.one_of(
    st.sampled_from([v for v in workflow_pb2.BlockType.values()]),
    st.integers(min_value=-5, max_value=40),
)
parameter_types = st.one_of(
    st.sampled_from(list(workflow_pb2.ParameterType.values())), st.integers(min_value=-3, max_value=10)
)


_PARAMETER_KEY = st.one_of(st.sampled_from(PARAMETER_KEYS), nasty_text(12))


@st.composite
def parameters(draw: st.DrawFn) -> workflow_pb2.Parameter:
    has_default = draw(st.booleans())
    return workflow_pb2.Parameter(
        key=draw(_PARAMETER_KEY),
        type=draw(parameter_types),
        secret=draw(st.booleans()),
        required=draw(st.booleans()),
        has_default=has_default,
        default_value=draw(nasty_text()) if has_default else "",
    )


_LABEL = st.one_of(st.sampled_from(LABELS), nasty_text(12))
_OPTIONAL_TEMPLATE = st.one_of(st.just(""), _TEMPLATES)
_OPTIONAL_TEXT = st.one_of(st.just(""), nasty_text())
_SCHEMA = st.one_of(st.just(""), st.just('{"type": "object"}'), nasty_text())
_SECONDS = st.one_of(st.just(0.0), st.floats(allow_nan=True, allow_infinity=True))
_CODE = st.one_of(st.just(""), st.sampled_from(NASTY))
_NEXT = st.one_of(st.just(""), st.sampled_from(LABELS))
_STEPS = st.one_of(st.just(0), st.integers(min_value=-(2**31), max_value=2**31 - 1))
_GOAL = st.one_of(st.just("Do it"), nasty_text())
_PAYLOAD = st.dictionaries(st.sampled_from(PARAMETER_KEYS + ["x"]), _TEMPLATES, max_size=3)
_BRANCHES = st.lists(st.tuples(_OPTIONAL_TEMPLATE, st.sampled_from(LABELS)), max_size=2)


def _leaf(draw: st.DrawFn) -> workflow_pb2.Block:
    block = workflow_pb2.Block(
        label=draw(_LABEL),
        type=draw(block_types),
        url=draw(_OPTIONAL_TEMPLATE),
        goal=draw(_GOAL),
        completion_criterion=draw(_OPTIONAL_TEXT),
        extraction_schema_json=draw(_SCHEMA),
        loop_over=draw(_OPTIONAL_TEMPLATE),
        wait_seconds=draw(_SECONDS),
        code=draw(_CODE),
        next_block_label=draw(_NEXT),
        max_steps=draw(_STEPS),
    )
    for key, value in draw(_PAYLOAD).items():
        block.payload[key] = value
    for expression, target in draw(_BRANCHES):
        block.branches.add(expression=expression, next_block_label=target)
    return block


_NEST = st.integers(min_value=0, max_value=4)
_CHILDREN: dict[int, st.SearchStrategy[list[workflow_pb2.Block]]] = {}


def _children(depth: int) -> st.SearchStrategy[list[workflow_pb2.Block]]:
    if depth not in _CHILDREN:
        _CHILDREN[depth] = st.lists(blocks(depth), min_size=1, max_size=2)
    return _CHILDREN[depth]


@st.composite
def blocks(draw: st.DrawFn, depth: int = 0) -> workflow_pb2.Block:
    """A block; one in five has children, down to 10 levels (past the declared limit of 8)."""
    block = _leaf(draw)
    if depth < 10 and draw(_NEST) == 0:
        for child in draw(_children(depth + 1)):
            block.children.add().CopyFrom(child)
    return block


_WORKFLOW_ID = st.one_of(st.from_regex(r"\Afz_[a-z0-9_]{1,12}\Z"), nasty_text(20))
_PARAMETERS = st.lists(parameters(), max_size=4)
_TOP_BLOCKS = st.lists(blocks(), max_size=4)


@st.composite
def workflows(draw: st.DrawFn) -> workflow_pb2.Workflow:
    """Definitions from valid-looking to absurd: unknown types, bad references, deep trees, bad parameters."""
    workflow = workflow_pb2.Workflow(
        workflow_id=draw(_WORKFLOW_ID),
        title=draw(nasty_text()),
        cache_key=draw(_OPTIONAL_TEMPLATE),
        version=draw(_STEPS),
    )
    for parameter in draw(_PARAMETERS):
        workflow.parameters.add().CopyFrom(parameter)
    for block in draw(_TOP_BLOCKS):
        workflow.blocks.add().CopyFrom(block)
    return workflow


INT_BOUNDS = {
    FieldDescriptor.TYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_SINT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SINT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.TYPE_UINT64: (0, 2**64 - 1),
    FieldDescriptor.TYPE_ENUM: (-3, 40),
}


@functools.cache
def _scalar(field: FieldDescriptor) -> st.SearchStrategy[Any]:
    if field.type == FieldDescriptor.TYPE_STRING:
        return nasty_text()
    if field.type == FieldDescriptor.TYPE_BYTES:
        return st.binary(max_size=32)
    if field.type == FieldDescriptor.TYPE_BOOL:
        return st.booleans()
    if field.type in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
        return st.floats(
            allow_nan=True, allow_infinity=True, width=32 if field.type == FieldDescriptor.TYPE_FLOAT else 64
        )
    low, high = INT_BOUNDS.get(field.type, (-(2**31), 2**31 - 1))
    return st.one_of(st.sampled_from([0, 1, -1, low, high]), st.integers(min_value=low, max_value=high))


def _is_repeated(field: FieldDescriptor) -> bool:
    return bool(getattr(field, "is_repeated", False))


@functools.cache
def messages(descriptor: Descriptor, depth: int = 0) -> st.SearchStrategy[Message]:
    """Any instance of ``descriptor``'s message: each field set or not, scalars biased to nasty values."""
    if descriptor.full_name == "rote.v1.Workflow":
        return workflows()
    return _messages(descriptor, depth)


@functools.cache
def _map_entries(key_field: FieldDescriptor, value_field: FieldDescriptor) -> st.SearchStrategy[dict[Any, Any]]:
    return st.dictionaries(_scalar(key_field), _scalar(value_field), max_size=3)


@functools.cache
def _lists(strategy: st.SearchStrategy[Any], max_size: int) -> st.SearchStrategy[list[Any]]:
    return st.lists(strategy, max_size=max_size)


@st.composite
def _messages(draw: st.DrawFn, descriptor: Descriptor, depth: int) -> Message:
    message = message_factory.GetMessageClass(descriptor)()
    for field in descriptor.fields:
        if not draw(st.booleans()):
            continue
        value = getattr(message, field.name)
        if field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type.GetOptions().map_entry:
            key_field = field.message_type.fields_by_name["key"]
            value_field = field.message_type.fields_by_name["value"]
            if value_field.type == FieldDescriptor.TYPE_MESSAGE:
                continue
            for key, item in draw(_map_entries(key_field, value_field)).items():
                value[key] = item
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            if depth >= 3:
                continue
            if _is_repeated(field):
                for item in draw(_lists(messages(field.message_type, depth + 1), 2)):
                    value.add().CopyFrom(item)
            else:
                value.CopyFrom(draw(messages(field.message_type, depth + 1)))
        elif _is_repeated(field):
            value.extend(draw(_lists(_scalar(field), 3)))
        else:
            setattr(message, field.name, draw(_scalar(field)))
    return message
