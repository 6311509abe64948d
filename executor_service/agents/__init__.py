"""Agents that drive a block from its goal: the offline heuristic agent now, an LLM agent behind the same interface."""
