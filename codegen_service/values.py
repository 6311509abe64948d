"""Literal values -> references: whole values become ``ctx.param(...)``/``ctx.item(...)``, embedded ones f-strings.

Parameter values are indexed once per request (ValueIndex) and shared by every block, so resolving a value costs
about its length, whatever the number of parameters: generation time stays linear in the size of the workflow.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import libcst as cst

from codegen_service.literals import fstring_text, single_quoted, string_literal
from codegen_service.nodes import attribute, call, method
from services.gen.rote.v1 import trace_pb2

# Shorter values ("1", "no") occur inside unrelated text too often to be substituted as substrings.
MIN_EMBEDDED_LENGTH = 3
# A key must be safe to write inside an f-string expression (no quotes, braces or backslashes there in 3.11).
_EMBEDDABLE_KEY = re.compile(r"^[A-Za-z0-9_.\- ]+$")
# Names a for_loop gives its children in templates (and the recorder in parameter_key): the current item.
ITEM_NAMES = ("current_item", "current_value")
INDEX_NAME = "current_index"


class UncacheableBlock(Exception):
    """The trace cannot become code (e.g. an element with no stable locator); the block stays on the agent."""


@dataclass(frozen=True)
class Reference:
    """Where a value comes from: a parameter, a field of the current loop item, or the loop index."""

    kind: str  # "param", "item", "index" or "output"
    key: str = ""  # parameter key, the item field's dotted path ("" for a scalar item), or "label.field"
    number: bool = False  # an item field holding a number: str(...) around it when used whole

    def expression(self, *, quote: str = '"') -> cst.BaseExpression:
        literal = string_literal if quote == '"' else single_quoted
        if self.kind == "param":
            return method("ctx", "param", [literal(self.key)])
        if self.kind == "index":
            return attribute("ctx", "index")
        if self.kind == "output":
            return method("ctx", "value", [literal(self.key)])
        return method("ctx", "item", [literal(self.key)] if self.key else [])

    def whole(self) -> cst.BaseExpression:
        """The expression standing for the entire typed value (always a string)."""
        node = self.expression()
        if self.kind == "index" or self.number:
            return call(cst.Name("str"), [node])
        return node


def param_call(key: str, *, quote: str = '"') -> cst.BaseExpression:
    """``ctx.param("key")``: how generated code reads a parameter (secret ones too)."""
    return Reference("param", key).expression(quote=quote)


def loop_reference(key: str) -> Reference | None:
    """The reference a recorded parameter_key names when it is a loop name (``current_item.sku``), else None."""
    head, _, rest = key.partition(".")
    if head in ITEM_NAMES:
        return Reference("item", rest)
    if key == INDEX_NAME:
        return Reference("index")
    return None


class ValueIndex:
    """Values to look for, by exact value and by their first characters (for embedded matches)."""

    def __init__(self, pairs: Iterator[tuple[str, Reference]] | list[tuple[str, Reference]]) -> None:
        self.pairs = list(pairs)
        # Longest value first so "https://shop.example/x" wins over "shop"; ties broken by key for stable output.
        ordered = sorted(((v, r) for v, r in self.pairs if v), key=lambda pair: (-len(pair[0]), pair[1].key))
        self.exact: dict[str, Reference] = {}
        for value, reference in reversed(ordered):
            self.exact[value] = reference  # the smallest key wins among equal values
        # Embeddable values by text, and for each 3-character prefix the lengths of the values starting with it
        # (longest first): a lookup tries a few slices, however many parameters share a prefix ("value 1", ...).
        self.embedded: dict[str, Reference] = {}
        lengths: dict[str, set[int]] = {}
        for value, reference in ordered:
            if len(value) >= MIN_EMBEDDED_LENGTH and _EMBEDDABLE_KEY.match(reference.key or "item"):
                self.embedded.setdefault(value, reference)
                lengths.setdefault(value[:MIN_EMBEDDED_LENGTH], set()).add(len(value))
        self.lengths = {prefix: sorted(found, reverse=True) for prefix, found in lengths.items()}

    @classmethod
    def of_parameters(cls, parameter_values: Mapping[str, str]) -> ValueIndex:
        return cls([(value, Reference("param", key)) for key, value in parameter_values.items()])

    @classmethod
    def of_loop_item(cls, item_json: str) -> ValueIndex:
        """Fields of a loop item (as recorded JSON): strings and whole numbers, addressed by dotted path."""
        if not item_json:
            return cls([])
        try:
            item = json.loads(item_json)
        except ValueError as exc:
            raise UncacheableBlock(f"loop_item_json is not JSON: {exc}") from exc
        return cls(list(_item_fields(item, "")))

    @classmethod
    def merged(cls, first: ValueIndex, second: ValueIndex) -> ValueIndex:
        """Both indexes in one; on equal values the first's entries win."""
        if not second.pairs:
            return first
        return cls([*second.pairs, *first.pairs]) if first.pairs else second

    def longest_at(self, value: str, start: int) -> tuple[str, Reference] | None:
        for length in self.lengths.get(value[start : start + MIN_EMBEDDED_LENGTH], ()):
            text = value[start : start + length]
            reference = self.embedded.get(text) if len(text) == length else None
            if reference is not None and _matches_at(value, start, text):
                return text, reference
        return None


EMPTY_INDEX = ValueIndex([])


def _item_fields(value: object, path: str) -> Iterator[tuple[str, Reference]]:
    if isinstance(value, bool):
        return
    if isinstance(value, str):
        yield value, Reference("item", path)
    elif isinstance(value, int):
        yield str(value), Reference("item", path, number=True)
    elif isinstance(value, dict):
        for key in sorted(value):
            # ctx.item splits paths on "."; such keys (and odd ones) cannot be addressed, so they stay literal.
            if isinstance(key, str) and key and "." not in key and _EMBEDDABLE_KEY.match(key):
                yield from _item_fields(value[key], f"{path}.{key}" if path else key)


class ValueResolver:
    """Turns one block's literals into expressions and remembers which parameters the block reads.

    Inside a for_loop, ``item`` indexes the current item's fields (they win over parameters with the same value)
    and ``outer`` the items of enclosing loops, which ``ctx.item`` cannot reach: a value taken from one of those
    makes the block uncacheable rather than frozen into a literal that would be wrong on the next iteration.
    """

    def __init__(
        self,
        parameters: ValueIndex | Mapping[str, str],
        item: ValueIndex = EMPTY_INDEX,
        outer: ValueIndex = EMPTY_INDEX,
        *,
        in_loop: bool = False,
    ) -> None:
        self.parameters = parameters if isinstance(parameters, ValueIndex) else ValueIndex.of_parameters(parameters)
        self.item = item
        self.outer = outer
        self.in_loop = in_loop
        self.read: set[str] = set()
        # Every parameter key of the workflow (secret ones too): what a recorded binding's source may name.
        self.parameter_keys: frozenset[str] = frozenset()

    def reference(self, key: str) -> cst.BaseExpression:
        """Read a named parameter, or the loop item a loop name points at (parameter_key wins over matching)."""
        loop = loop_reference(key)
        if loop is not None and self.in_loop:
            return loop.whole()
        self.read.add(key)
        return param_call(key)

    def use(self, reference: Reference) -> Reference:
        """Note that the code reads ``reference`` (parameters are listed per block)."""
        if reference.kind == "param":
            self.read.add(reference.key)
        return reference

    def source_reference(self, source: str, *, where: str) -> Reference:
        """The reference a recorded binding's source names: a parameter, the current loop item, a block output."""
        loop = loop_reference(source)
        if loop is not None:
            if not self.in_loop:
                raise UncacheableBlock(f"{where}: a text comes from {source!r} outside a for_loop")
            return loop
        if source in self.parameter_keys or "." not in source:
            return self.use(Reference("param", source))
        return Reference("output", source)

    def bound_expression(
        self, value: str, bindings: list[trace_pb2.Binding], *, where: str
    ) -> cst.BaseExpression | None:
        """``value`` written over the inputs its recorded bindings name (whole, or parts of an f-string);
        None when none of their texts is in it. The binding decides the source, never the value alone."""
        usable = sorted((b for b in bindings if b.text), key=lambda b: -len(b.text))
        for binding in usable:
            if binding.text == value:
                return self.source_reference(binding.source, where=where).whole()
        parts: list[str | Reference] = [value]
        for binding in usable:
            if not _EMBEDDABLE_KEY.match(binding.source):
                raise UncacheableBlock(f"{where}: input {binding.source!r} cannot be written inside a string")
            reference = self.source_reference(binding.source, where=where)
            split: list[str | Reference] = []
            for part in parts:
                if isinstance(part, Reference):
                    split.append(part)
                    continue
                pieces = part.split(binding.text)
                for index, piece in enumerate(pieces):
                    if index:
                        split.append(reference)
                    if piece:
                        split.append(piece)
            parts = split
        if not any(isinstance(part, Reference) for part in parts):
            return None
        return _fstring(parts)

    def item_expression(self, value: str) -> cst.BaseExpression | None:
        """Locator text naming the current loop item ("Invoice INV-7") as an expression; None if it names none."""
        if not self.item.pairs:
            return None
        whole = self.item.exact.get(value)
        if whole is not None:
            return whole.whole()
        parts = self._split(value, items_only=True)
        if not any(isinstance(part, Reference) for part in parts):
            return None
        return _fstring(parts)

    def mentions_item(self, value: str) -> bool:
        """Whether ``value`` contains a value of the current loop item (so it would pin the first iteration)."""
        return value in self.item.exact or any(isinstance(part, Reference) for part in self._split(value, True))

    def expression(self, value: str) -> cst.BaseExpression:
        """The literal, a reference, or an f-string mixing both."""
        whole = self.item.exact.get(value) or self.parameters.exact.get(value)
        if whole is not None:
            return self.use(whole).whole()
        if value in self.outer.exact:
            raise UncacheableBlock(_outer_reason(self.outer.exact[value]))
        parts = self._split(value)
        if not any(isinstance(part, Reference) for part in parts):
            return string_literal(value)
        for part in parts:
            if isinstance(part, Reference):
                self.use(part)
        return _fstring(parts)

    def _split(self, value: str, items_only: bool = False) -> list[str | Reference]:
        """Greedy left-to-right scan: at each position take the longest known value that starts there."""
        parts: list[str | Reference] = []
        literal_start = index = 0
        # Most positions start no known value: a slice and a dict lookup per index rule them out.
        items = self.item.lengths
        parameters = EMPTY_INDEX.lengths if items_only else self.parameters.lengths
        outer = EMPTY_INDEX.lengths if items_only else self.outer.lengths
        while index < len(value):
            prefix = value[index : index + MIN_EMBEDDED_LENGTH]
            if prefix not in items and prefix not in parameters and prefix not in outer:
                index += 1
                continue
            match = self.item.longest_at(value, index) if items_only else self._longest_at(value, index)
            if match is None:
                index += 1
                continue
            if literal_start < index:
                parts.append(value[literal_start:index])
            parts.append(match[1])
            index += len(match[0])
            literal_start = index
        if literal_start < len(value):
            parts.append(value[literal_start:])
        return parts

    def _longest_at(self, value: str, index: int) -> tuple[str, Reference] | None:
        candidates = [
            found
            for found in (self.item.longest_at(value, index), self.parameters.longest_at(value, index))
            if found is not None
        ]
        outer = self.outer.longest_at(value, index)
        best = max(candidates, key=lambda found: len(found[0]), default=None)  # ties: the item (listed first)
        if outer is not None and (best is None or len(outer[0]) > len(best[0])):
            raise UncacheableBlock(_outer_reason(outer[1]))
        return best


def _fstring(parts: list[str | Reference]) -> cst.FormattedString:
    pieces: list[cst.BaseFormattedStringContent] = [
        cst.FormattedStringExpression(expression=part.expression(quote="'"))
        if isinstance(part, Reference)
        else cst.FormattedStringText(fstring_text(part))
        for part in parts
    ]
    return cst.FormattedString(parts=pieces, start='f"', end='"')


def _outer_reason(reference: Reference) -> str:
    where = f"field {reference.key!r}" if reference.key else "value"
    return (
        f"a value comes from the {where} of an enclosing loop's item, which ctx.item() cannot read inside a "
        "nested loop"
    )


def _matches_at(value: str, start: int, text: str) -> bool:
    """Whether ``text`` occurs at ``start`` and is not glued to letters or digits ("pro" in "professional")."""
    if not value.startswith(text, start):
        return False
    end = start + len(text)
    glued_before = start > 0 and value[start - 1].isalnum() and text[0].isalnum()
    glued_after = end < len(value) and value[end].isalnum() and text[-1].isalnum()
    return not (glued_before or glued_after)


_TEMPLATE_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")


def template_expression(
    template: str, values: ValueResolver, parameter_keys: frozenset[str], *, where: str
) -> cst.BaseExpression:
    """A block's URL template (``{{ base_url }}/x``) as a literal, reference or f-string; plain names only."""
    leftover = _TEMPLATE_NAME.sub("", template)
    if "{{" in leftover or "{%" in leftover or "{#" in leftover:
        raise UncacheableBlock(f"{where}: template {template!r} is more than plain {{{{ name }}}} references")
    parts: list[str | Reference] = []
    position = 0
    for match in _TEMPLATE_NAME.finditer(template):
        if match.start() > position:
            parts.append(template[position : match.start()])
        name = match.group(1)
        reference = loop_reference(name) if values.in_loop else None
        if reference is None:
            if name not in parameter_keys:
                raise UncacheableBlock(f"{where}: template {template!r} uses {name!r}, which is not a parameter")
            reference = Reference("param", name)
        parts.append(values.use(reference))
        position = match.end()
    if position < len(template):
        parts.append(template[position:])
    if not any(isinstance(part, Reference) for part in parts):
        return string_literal(template)
    if len(parts) == 1:
        only = parts[0]
        assert isinstance(only, Reference)
        return only.whole()
    return _fstring(parts)
