"""for_loop and task_v2: loop items, planned task_v2 children, traces rebuilt from replayed code, resume points."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from executor_service.engine.templates import evaluate_value, render_isolated
from executor_service.runtime.context import LoopFrame
from services.errors import InvalidArgument
from services.gen.rote.v1 import trace_pb2, workflow_pb2

BT = workflow_pb2.BlockType
Path = tuple[int, ...]


def walk(blocks: Iterable[workflow_pb2.Block]) -> Iterator[workflow_pb2.Block]:
    """Every block, depth first, children right after their parent."""
    for block in blocks:
        yield block
        yield from walk(block.children)


def labels_under(block: workflow_pb2.Block) -> set[str]:
    """The block's label and every descendant's."""
    return {b.label for b in walk([block])}


async def loop_items(block: workflow_pb2.Block, values: dict[str, Any]) -> list[Any]:
    """The items a for_loop iterates: ``loop_over`` evaluated natively ('{{ invoices }}') or rendered as JSON."""
    text = block.loop_over.strip()
    if text.startswith("{{") and text.endswith("}}") and text.count("{{") == 1:
        raw: Any = await evaluate_value(text[2:-2].strip(), values)
    else:
        raw = await render_isolated(text, values)
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise InvalidArgument(
                f"for_loop {block.label!r}: loop_over gave {raw[:80]!r}, which is not a JSON list"
            ) from None
    if not isinstance(raw, list | tuple):
        raise InvalidArgument(f"for_loop {block.label!r}: loop_over gave a {type(raw).__name__}, not a list")
    return list(raw)


def loop_variables(frames: list[LoopFrame]) -> dict[str, Any]:
    """Template names a for_loop's children see: current_item (= current_value) and current_index."""
    if not frames:
        return {}
    frame = frames[-1]
    return {"current_item": frame.item, "current_value": frame.item, "current_index": frame.index}


def planned_children(block: workflow_pb2.Block, taken: set[str]) -> list[workflow_pb2.Block]:
    """What a task_v2 without children is planned into: a navigation child (goal + payload) and, with a schema,
    an extraction child. Deterministic, so code mode finds the same labels the agent run used."""

    def label(suffix: str) -> str:
        name, n = f"{block.label}_{suffix}", 2
        while name in taken:
            name, n = f"{block.label}_{suffix}{n}", n + 1
        return name

    children: list[workflow_pb2.Block] = []
    wants_navigation = bool(block.payload) or bool(block.completion_criterion) or not block.extraction_schema_json
    if wants_navigation:
        children.append(
            workflow_pb2.Block(
                label=label("navigate"),
                type=BT.BLOCK_TYPE_NAVIGATION,
                url=block.url,
                goal=block.goal,
                payload=dict(block.payload),
                completion_criterion=block.completion_criterion,
                max_steps=block.max_steps,
            )
        )
    if block.extraction_schema_json:
        children.append(
            workflow_pb2.Block(
                label=label("extract"),
                type=BT.BLOCK_TYPE_EXTRACTION,
                url="" if wants_navigation else block.url,
                goal=block.goal,
                extraction_schema_json=block.extraction_schema_json,
            )
        )
    return children


def task_v2_children(block: workflow_pb2.Block, taken: set[str]) -> tuple[list[workflow_pb2.Block], bool]:
    """(children, planned): the definition's children, or the planned ones."""
    if block.children:
        return list(block.children), False
    return planned_children(block, taken), True


def task_v2_output(children: list[workflow_pb2.Block], planned: bool, outputs: dict[str, Any]) -> Any:
    """A planned task_v2 returns its extraction's data; one with given children a {child: output} map."""
    if planned:
        extraction = [c for c in children if c.type == BT.BLOCK_TYPE_EXTRACTION]
        return outputs.get(extraction[0].label) if extraction else None
    found = {c.label: outputs[c.label] for c in children if outputs.get(c.label) is not None}
    return found or None


@dataclass
class CodeLog:
    """Every action replayed code did in one top-level block, with the block and loop iteration it belonged to."""

    entries: list[tuple[str, Path, trace_pb2.Action]] = field(default_factory=list)
    items: dict[tuple[str, Path], list[Any]] = field(default_factory=dict)

    def actions(self, label: str, path: Path) -> list[trace_pb2.Action]:
        return [a for lbl, p, a in self.entries if lbl == label and p == path]

    def trace(self, block: workflow_pb2.Block, path: Path, children: list[workflow_pb2.Block] | None = None
              ) -> trace_pb2.BlockTrace:
        """The block's trace as replayed code did it (loops: their first iteration)."""
        trace = trace_pb2.BlockTrace(label=block.label, type=block.type)
        if block.type == BT.BLOCK_TYPE_FOR_LOOP:
            items = self.items.get((block.label, path), [])
            if items:
                trace.loop_item_json = json.dumps(items[0], sort_keys=True)
                trace.children.extend(self.trace(c, (*path, 0)) for c in block.children)
        elif block.type == BT.BLOCK_TYPE_TASK_V2:
            trace.children.extend(self.trace(c, path) for c in (children or block.children))
        else:
            trace.actions.extend(self.actions(block.label, path))
        return trace


@dataclass
class Resume:
    """Where replayed code stopped inside a for_loop or task_v2, so the agent goes on from there, not from scratch."""

    frames: list[LoopFrame]
    leaf: str
    log: CodeLog
    loop_results: dict[str, list[dict[str, Any]]]

    def frame_for(self, label: str, level: int) -> LoopFrame | None:
        if level < len(self.frames) and self.frames[level].label == label:
            return self.frames[level]
        return None

    def target(self, children: list[workflow_pb2.Block]) -> workflow_pb2.Block | None:
        """The child that was running when the code failed (it is the leaf, or contains it)."""
        return next((c for c in children if self.leaf in labels_under(c)), None)

    @property
    def path(self) -> Path:
        return tuple(f.index for f in self.frames)
