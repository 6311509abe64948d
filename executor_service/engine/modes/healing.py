"""Healing: a replayed action whose element is gone asks the agent to find it again; the block notes each heal."""

from __future__ import annotations

from collections.abc import Mapping

from playwright.async_api import ElementHandle
from playwright.async_api import Page as PlaywrightPage

from executor_service.agents.field_for_key import field_for_key
from executor_service.browser.end_state import capture_end_state
from executor_service.engine.modes.judging import note_end_state
from executor_service.engine.modes.scope import RunScope
from executor_service.engine.templates import whole_parameter
from services.gen.rote.v1 import run_pb2, trace_pb2


async def locate_again(
    scope: RunScope, page: PlaywrightPage, intent: str, fingerprint: trace_pb2.ElementFingerprint
) -> ElementHandle | None:
    """The replay API's healer: the agent finds the element the recorded fingerprint no longer matches."""
    if getattr(scope.agent, "uses_llm", False):
        scope.heal_llm_calls += 1  # the block's record counts the model calls its healing made
    return await scope.agent.locate(page, intent, fingerprint)


async def field_for_parameter(
    scope: RunScope, page: PlaywrightPage, parameter: str, entered: Mapping[str, str]
) -> ElementHandle | None:
    """The replay API's field finder: the field the agent's reading of the page pairs with this block's value of
    ``parameter``, the block's values still to enter read together as the agent reads them (each value one field,
    none a field holding what the block typed for another: ``entered``, by parameter); None when the block does
    not give that parameter as one payload value of its own."""
    block = scope.blocks.get(scope.current_label)
    if block is None:
        return None
    keys = [key for key, template in block.payload.items() if whole_parameter(template) == parameter]
    if len(keys) != 1:
        return None
    values = scope.template_values()
    pending = {key: template for key, template in block.payload.items() if whole_parameter(template) not in entered}
    payload = {key: await scope.render(template, values) for key, template in pending.items()}
    described = {key: scope.descriptions.get(whole_parameter(template), "") for key, template in pending.items()}
    return await field_for_key(page, payload, keys[0], described, entered.values())


def count_heals(scope: RunScope, record: run_pb2.BlockRun, steps_before: int, llm_before: int) -> None:
    """What healing cost the block: actions healed, agent steps and model calls since the block began."""
    record.healed_actions = len(scope.replay.heal_notes)
    record.agent_steps = scope.replay.agent_steps - steps_before
    record.llm_calls = scope.heal_llm_calls - llm_before


async def keep_heal_notes(scope: RunScope, record: run_pb2.BlockRun, *, composite: bool, start_url: str) -> None:
    """A healed block says what was healed, and keeps the end state its replay reached: the cache regenerates
    the block from this trace."""
    if not scope.replay.heal_notes:
        return
    record.reason = "; ".join(scope.replay.heal_notes)
    record.trace.end_state.CopyFrom(await capture_end_state(scope.page))
    if not composite:
        await note_end_state(scope, record, start_url)
