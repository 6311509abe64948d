"""Builds the agent the settings ask for (ROTE_AGENT=heuristic|llm)."""

from __future__ import annotations

from executor_service.agents.base import Agent
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.agents.llm import LLMAgent
from executor_service.agents.llm_client import ChatClient
from executor_service.settings import ExecutorSettings
from services.errors import InvalidArgument


def make_agent(settings: ExecutorSettings) -> Agent:
    """The heuristic agent (default, offline) or the LLM agent over an OpenAI-compatible endpoint."""
    if settings.agent in ("", "heuristic"):
        return HeuristicAgent(settle_timeout_ms=settings.settle_timeout_ms)
    if settings.agent == "llm":
        try:
            client = ChatClient(
                settings.llm_base_url, settings.llm_model, settings.llm_api_key, timeout_s=settings.llm_timeout_s
            )
        except ValueError as exc:
            raise InvalidArgument(str(exc)) from exc
        return LLMAgent(client, settle_timeout_ms=settings.settle_timeout_ms)
    raise InvalidArgument(f"ROTE_AGENT={settings.agent!r} is not an agent: use heuristic or llm")
