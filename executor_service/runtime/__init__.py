"""The replay runtime: the only API generated scripts may import."""

from executor_service.runtime.cached import cached
from executor_service.runtime.context import RunContext
from executor_service.runtime.page import Page, ReplayFailed
from executor_service.runtime.parameters import Secret, WorkflowParameters
from executor_service.runtime.target import Target

__all__ = ["Page", "ReplayFailed", "RunContext", "Secret", "Target", "WorkflowParameters", "cached"]
