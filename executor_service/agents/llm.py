"""The LLM agent: a compact element list in the prompt, a JSON reply with actions, one agent step per request."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from playwright.async_api import ElementHandle, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.agents.base import AgentResult, AgentTask
from executor_service.agents.controls import bearing_choice, locate_score
from executor_service.agents.extraction import extract_from_page, full_rows
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.agents.llm_client import ChatClient, LLMUnavailable, parse_json_reply
from executor_service.agents.page_model import describe_model, read_page
from executor_service.browser.snapshot import (
    Snapshot,
    SnapshotElement,
    TableTooLarge,
    element_handle,
    fingerprint_of,
    take_snapshot,
)
from executor_service.recording import ActionRecorder
from executor_service.runtime.schema_output import coerce, schema_errors
from services.gen.rote.v1 import trace_pb2, workflow_pb2

log = logging.getLogger(__name__)
BT = workflow_pb2.BlockType
MAX_ELEMENTS = 80

SYSTEM_PROMPT = """You drive a web browser to complete one step of a workflow.
You see the page as a numbered list of elements. Reply with ONE JSON object:
{"actions": [ ... ]} where each action is one of
  {"do": "fill", "element": N, "payload_key": "KEY"}     type a payload value (use this for every payload value)
  {"do": "fill", "element": N, "value": "TEXT"}          type literal text
  {"do": "select", "element": N, "payload_key": "KEY"} or {"do": "select", "element": N, "value": "OPTION"}
  {"do": "check", "element": N} / {"do": "uncheck", "element": N}
  {"do": "click", "element": N}
  {"do": "download", "element": N}                       click what downloads a file
  {"do": "extract", "fields": {"FIELD": N, "LIST_FIELD": {"element": TABLE_N, "columns": {"prop": "Header"}}}}
  {"do": "done"}                                         the goal is reached
  {"do": "fail", "reason": "WHY"}
Secret payload values are shown as <secret>: refer to them by payload_key only. Never repeat an action listed
under "already done". Prefer few actions; stop after a click that changes the page.
Each element may carry reading="..." and the prompt ends with a reading of the page: which field each payload
key fits best and which controls fit the goal, with scores. It is a strong hint, not an order: decide."""

LOCATE_PROMPT = """An element a recorded step used is gone from the page. Pick the element that now does the same
job. Reply with ONE JSON object: {"element": N} or {"element": null} when none fits."""


def _describe(element: SnapshotElement, hint: str = "") -> str:
    kind = element.role or element.tag
    if element.type and element.type not in (kind, "text"):
        kind = f"{kind}[{element.type}]"
    parts = [f"[{element.index}] {kind}"]
    for key, value in (
        ("label", element.label),
        ("name", element.name if element.name != element.label else ""),
        ("placeholder", element.placeholder),
        ("text", element.text[:60] if element.kind != "control" or element.is_clickable else ""),
    ):
        if value:
            parts.append(f'{key}="{value}"')
    if element.type in ("checkbox", "radio"):
        parts.append("checked" if element.checked else "unchecked")
    if element.options:
        parts.append("options=" + json.dumps([o.value or o.text for o in element.options][:15]))
    if element.kind == "table":
        parts.append(f"headers={json.dumps(list(element.headers))} rows={len(element.rows)}")
    if element.disabled:
        parts.append("disabled")
    if element.context and not element.label and element.kind == "control":
        parts.append(f'near="{element.context[0][:60]}"')
    if hint:
        parts.append(f'reading="{hint}"')
    return " ".join(parts)


def element_list(snapshot: Snapshot, *, with_values: bool, hints: dict[int, str] | None = None) -> str:
    """The compact list the model sees: controls, and for extraction the labelled values and tables too; each
    element with what the shared reading of the page suggests for it."""
    pool: list[SnapshotElement] = list(snapshot.elements)
    if with_values:
        pool += [*snapshot.values, *snapshot.tables]
    hints = hints or {}
    return "\n".join(_describe(e, hints.get(e.index, "")) for e in pool[:MAX_ELEMENTS]) or "(no elements)"


class LLMAgent:
    """Implements the Agent protocol over a chat endpoint; page mechanics are shared with the heuristic agent."""

    uses_llm = True

    def __init__(self, client: ChatClient, *, settle_timeout_ms: float = 5000) -> None:
        self.client = client
        self._pages = HeuristicAgent(settle_timeout_ms=settle_timeout_ms)

    def __repr__(self) -> str:
        return f"LLMAgent({self.client!r})"

    # --- the protocol ----------------------------------------------------------------------------

    async def run_block(self, page: Page, task: AgentTask, recorder: ActionRecorder) -> AgentResult:
        criterion = task.completion_criterion.strip()
        result = AgentResult(False, "no decision made")
        wants_data = bool(task.schema) and task.block.type in (BT.BLOCK_TYPE_EXTRACTION, BT.BLOCK_TYPE_TASK)
        done_intents = [a.intent for a in task.actions_done if a.intent]
        while result.steps < task.max_steps:
            if criterion and not wants_data and await self._pages._criterion_met(page, criterion, wait=False):
                return await self._finish(page, result, "completion criterion met")
            snapshot = await take_snapshot(page)
            prompt = self._prompt(task, snapshot, done_intents, wants_data)
            result.steps += 1
            try:
                reply = await self._ask(result, [{"role": "system", "content": SYSTEM_PROMPT},
                                                 {"role": "user", "content": prompt}])
            except (LLMUnavailable, ValueError) as exc:
                result.reason = f"the model gave no usable answer: {exc}"
                return result
            actions = reply.get("actions")
            if not isinstance(actions, list) or not actions:
                result.reason = "the model replied without actions"
                return result
            outcome = await self._perform(page, task, recorder, snapshot, actions, done_intents, result)
            if outcome is not None:
                return outcome
            if criterion and await self._pages._criterion_met(page, criterion, wait=True):
                if not wants_data:
                    return await self._finish(page, result, "completion criterion met")
        result.reason = f"not done after {result.steps} model steps"
        return result

    async def locate(self, page: Page, intent: str, fingerprint: trace_pb2.ElementFingerprint) -> ElementHandle | None:
        snapshot = await take_snapshot(page)
        recorded = {
            "role": fingerprint.role, "name": fingerprint.accessible_name, "label": fingerprint.label,
            "text": fingerprint.text, "attributes": dict(fingerprint.attributes),
        }
        # The heuristic agent's own ranking of the candidates, as a hint beside each of the best ones.
        pool = bearing_choice(fingerprint, [*snapshot.elements, *snapshot.values, *snapshot.tables])
        ranked = sorted(((locate_score(intent, fingerprint, e), e) for e in pool), key=lambda p: -p[0])[:3]
        hints = {e.index: f"match {score:.0f}" for score, e in ranked if score > 0}
        prompt = (
            f"Step intent: {intent}\nThe element it used looked like: {json.dumps(recorded)}\n\n"
            f"Elements now:\n{element_list(snapshot, with_values=True, hints=hints)}"
        )
        counter = AgentResult(False)
        try:
            reply = await self._ask(counter, [{"role": "system", "content": LOCATE_PROMPT},
                                              {"role": "user", "content": prompt}])
        except (LLMUnavailable, ValueError) as exc:
            log.warning("healing request failed", extra={"reason": str(exc)})
            return None
        index = reply.get("element")
        listed = snapshot.by_index()
        chosen = not fingerprint.attributes.get("choice") or index in {e.index for e in pool}
        if not isinstance(index, int) or index not in listed or not chosen:
            return None  # nothing, an element the look did not list, or one not showing the value this run chose
        return await element_handle(page, listed[index])

    # --- internals -------------------------------------------------------------------------------

    async def _ask(self, result: AgentResult, messages: list[dict[str, str]]) -> dict[str, Any]:
        reply = await self.client.complete(messages)
        result.llm_calls += 1
        result.prompt_tokens += reply.prompt_tokens
        result.completion_tokens += reply.completion_tokens
        return parse_json_reply(reply.content)

    def _prompt(self, task: AgentTask, snapshot: Snapshot, done: list[str], wants_data: bool) -> str:
        payload = {key: ("<secret>" if v.secret else v.value) for key, v in task.payload.items()}
        lines = [
            f"Goal: {task.goal or task.block.goal}",
            f"Block type: {BT.Name(task.block.type).removeprefix('BLOCK_TYPE_').lower()}",
        ]
        if task.completion_criterion:
            lines.append(f"Done when: {task.completion_criterion}")
        if payload:
            lines.append(f"Payload: {json.dumps(payload)}")
        if wants_data and task.schema:
            lines.append(f"Extract data matching this JSON schema: {json.dumps(task.schema)}")
        if done:
            lines.append("Already done: " + "; ".join(done[-20:]))
        # The same reading of the page the heuristic agent acts on: only the decision is the model's.
        model = read_page(snapshot, {key: v.value for key, v in task.payload.items()}, task.goal or task.block.goal,
                          login=task.block.type == BT.BLOCK_TYPE_LOGIN,
                          described={key: v.description for key, v in task.payload.items() if v.description})
        lines += [f"Page: {snapshot.url} — {snapshot.title}", "Elements:"]
        lines.append(element_list(snapshot, with_values=wants_data, hints=model.hints()))
        reading = describe_model(model)
        if reading:
            lines += ["Reading of the page (scores 0-100+, higher fits better):", *reading]
        return "\n".join(lines)

    async def _perform(
        self,
        page: Page,
        task: AgentTask,
        recorder: ActionRecorder,
        snapshot: Snapshot,
        actions: list[Any],
        done: list[str],
        result: AgentResult,
    ) -> AgentResult | None:
        """Carry out one reply's actions; returns the block's result when the reply ended it."""
        by_index = snapshot.by_index()
        for action in actions:
            if not isinstance(action, dict):
                continue
            kind = str(action.get("do", ""))
            if kind == "done":
                return await self._finish(page, result, "the model judged the goal reached")
            if kind == "fail":
                result.reason = f"the model gave up: {action.get('reason', '')}"
                return result
            if kind == "extract":
                return await self._extract(page, task, recorder, snapshot, action, result)
            index = action.get("element")
            element = by_index.get(index) if isinstance(index, int) else None
            handle = await element_handle(page, element) if element else None
            if element is None or handle is None:
                result.reason = f"the model named element {action.get('element')!r}, which the page does not have"
                continue
            intent = await self._act(page, task, recorder, kind, element, handle, action)
            if intent:
                done.append(intent)
            if kind in ("click", "download"):
                await self._pages._settle(page)
                break  # the page may have changed: observe again before acting on stale indexes
        return None

    async def _act(
        self,
        page: Page,
        task: AgentTask,
        recorder: ActionRecorder,
        kind: str,
        element: SnapshotElement,
        handle: ElementHandle,
        action: dict[str, Any],
    ) -> str:
        key = str(action.get("payload_key") or "")
        rendered = task.payload.get(key)
        value = rendered.value if rendered else str(action.get("value", ""))
        param = (rendered.parameter_key or None) if rendered else ""
        what = element.label or element.name or element.text or f"element {element.index}"
        try:
            if kind == "fill":
                await recorder.fill(page, handle, value, intent=f"Enter the {key or what}", parameter_key=param)
            elif kind == "select":
                await recorder.select(page, handle, value, intent=f"Choose the {key or what}", parameter_key=param)
            elif kind in ("check", "uncheck"):
                act = recorder.check if kind == "check" else recorder.uncheck
                await act(page, handle, intent=f"{kind.title()} {what}", value=value if rendered else None,
                          parameter_key=param if rendered else None)
            elif kind == "click":
                await recorder.click(page, handle, intent=f"Click '{what}' to {task.goal}")
            elif kind == "download":
                await recorder.download(page, handle, intent=f"Download via '{what}'",
                                        timeout_ms=self._pages.settle_timeout_ms * 6)
            else:
                return ""
        except PlaywrightError as exc:
            log.info("model action failed", extra={"action": kind, "reason": str(exc).splitlines()[0]})
            return ""
        return f"{kind} {what}"

    async def _extract(
        self,
        page: Page,
        task: AgentTask,
        recorder: ActionRecorder,
        snapshot: Snapshot,
        action: dict[str, Any],
        result: AgentResult,
    ) -> AgentResult:
        schema = task.schema or {}
        spec = action.get("fields")
        hows = spec.values() if isinstance(spec, dict) else ()
        wanted = {how.get("element") if isinstance(how, dict) else how for how in hows}
        try:
            full = await full_rows(page, [t for t in snapshot.tables if t.index in wanted])
        except TableTooLarge as exc:
            result.reason = str(exc)
            return result
        data, fields = self._read_fields(snapshot, spec, full)
        value = coerce(data, schema)
        if not fields or schema_errors(value, schema):
            # The model's field map did not fit the schema: read by labels and headers instead.
            found = await extract_from_page(page, snapshot, schema, task.goal)
            if found.refused:
                result.reason = found.refused
                return result
            value, fields = found.data, found.fields
            if found.errors:
                result.reason = "extracted data does not match the schema: " + "; ".join(found.errors[:3])
                return result
        await recorder.extract(page, fields, intent=task.goal or "Read the data")
        finished = await self._finish(page, result, "data extracted")
        finished.output = value
        return finished

    @staticmethod
    def _read_fields(
        snapshot: Snapshot, spec: Any, full: Mapping[int, Sequence[Sequence[str]]]
    ) -> tuple[dict[str, Any], list[trace_pb2.ExtractField]]:
        by_index = snapshot.by_index()
        data: dict[str, Any] = {}
        fields: list[trace_pb2.ExtractField] = []
        for name, how in (spec or {}).items() if isinstance(spec, dict) else ():
            index = how.get("element") if isinstance(how, dict) else how
            element = by_index.get(index) if isinstance(index, int) else None
            if element is None:
                continue
            if element.kind == "table" and isinstance(how, dict) and isinstance(how.get("columns"), dict):
                headers = [h.casefold() for h in element.headers]
                columns = {p: h for p, h in how["columns"].items() if str(h).casefold() in headers}
                rows = [
                    {p: row[headers.index(h.casefold())] if headers.index(h.casefold()) < len(row) else ""
                     for p, h in columns.items()}
                    for row in full.get(element.index, element.rows)
                ]
                data[name] = rows
                fields.append(trace_pb2.ExtractField(name=name, element=fingerprint_of(element), columns=columns))
            else:
                data[name] = element.value or element.text
                fields.append(trace_pb2.ExtractField(name=name, element=fingerprint_of(element)))
        return data, fields

    async def _finish(self, page: Page, result: AgentResult, reason: str) -> AgentResult:
        done = await self._pages._done(page, result.steps, reason)
        done.llm_calls = result.llm_calls
        done.prompt_tokens, done.completion_tokens = result.prompt_tokens, result.completion_tokens
        return done
