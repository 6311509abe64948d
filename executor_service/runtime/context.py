"""RunContext: what generated code may read about the run (parameters) and write (outputs)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from executor_service.browser.row_filters import as_dates
from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.schema_output import coerce, schema_errors
from services.answers import answer_of
from services.booleans import parse_boolean


class ParameterValue(str):
    """A parameter's value that remembers its key, so recordings reference it instead of copying it."""

    key: str

    def __new__(cls, value: str, key: str) -> ParameterValue:
        obj = super().__new__(cls, value)
        obj.key = key
        return obj


@dataclass
class LoopFrame:
    """One iteration of a for_loop: which item, and what its child blocks returned."""

    label: str
    index: int
    item: Any
    outputs: dict[str, Any] = field(default_factory=dict)


LoopSource = Callable[[str], Awaitable[list[Any]]]
ConditionSource = Callable[[str], Awaitable[str]]


@dataclass
class RunContext:
    """Per-run state shared by the generated functions of one run; never shared across runs."""

    run_id: str
    parameters: dict[str, str]
    secret_keys: frozenset[str] = frozenset()
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    current_block: str = ""
    loop_source: LoopSource | None = None
    condition_source: ConditionSource | None = None
    frames: list[LoopFrame] = field(default_factory=list)
    # Results of the iterations finished so far, by loop label: what a fallback in mid-loop keeps.
    loop_results: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # The run's redactor (executor_service.redaction.Redactor): values derived from secrets join it.
    redactor: Any = None
    # The parameter the next option is chosen for (a recorded_choice that passed): the action choosing it is
    # recorded under that key, so code generated again from this run keeps the guard (see recorded_choice).
    choosing_for: str = ""
    # Parameters a block's code checked still say no (says_no), by block label: the block's judge and the trace of
    # this run (code generated again from it checks them again) know them.
    said_no: dict[str, set[str]] = field(default_factory=dict)

    @property
    def public_parameters(self) -> dict[str, str]:
        """The parameters without the secret ones: what a code block sees as ``ctx.parameters``."""
        return {k: v for k, v in self.parameters.items() if k not in self.secret_keys}

    def param(self, name: str) -> ParameterValue:
        """The value of parameter ``name`` (secret values too: code names them, never holds them)."""
        if name not in self.parameters:
            raise ReplayFailed(f"the script reads parameter {name!r}, which this run does not have")
        return ParameterValue(self.parameters[name], name)

    def recorded_choice(self, name: str, recorded: str) -> None:
        """Go on only when parameter ``name`` is the value the next option was chosen for when recorded: its name
        does not show the value, so for another value the code would choose the recorded option (a wrong answer
        that reads back as chosen). ReplayFailed hands the block to the agent."""
        wanted = str(self.param(name))
        if " ".join(wanted.split()).casefold() != " ".join(recorded.split()).casefold():
            raise ReplayFailed(f"the next option was chosen for another {name} when recorded: this run's value "
                               "needs the agent")
        self.choosing_for = name

    def answers(self, name: str, answer: str) -> None:
        """Go on only when parameter ``name`` gives the answer ('yes' or 'no') the next choice was recorded for: a
        yes/no question is answered by what the value says, not its exact words ("Vegan" answers yes as
        "Vegetarian" did; "None" answers no). ReplayFailed hands the block to the agent."""
        if answer_of(str(self.param(name))) != answer:
            raise ReplayFailed(f"{name} answered {answer} when recorded and answers otherwise now: this run's value "
                               "needs the agent")
        self.choosing_for = name

    def says_no(self, name: str) -> None:
        """Go on only when parameter ``name`` says no ("No", "false", "off"), as it did when recorded: the agent
        left it out then because the page never asked it, so the code does nothing for it. Any other value may
        need the page to do something; ReplayFailed hands the block to the agent."""
        if parse_boolean(str(self.param(name))) is not False:
            raise ReplayFailed(f"{name} said no when recorded and the page was left as it stood; this run's value "
                               "needs the agent")
        self.said_no.setdefault(self.current_block, set()).add(name)

    def begin_block(self, label: str) -> None:
        self.current_block = label

    def record_output(self, label: str, value: Any) -> None:
        """Keep a block's output: per iteration inside a loop, for the run otherwise."""
        if self.frames:
            self.frames[-1].outputs[label] = value
        self.outputs[label] = value

    async def condition(self, label: str) -> str:
        """Evaluate conditional ``label`` live (never cached) and return the label of the branch it chose."""
        if self.condition_source is None:
            raise ReplayFailed(f"conditional {label!r} cannot be evaluated: this run has no condition source")
        return await self.condition_source(label)

    async def loop(self, label: str) -> AsyncIterator[Any]:
        """Iterate the items of for_loop ``label`` (its loop_over rendered now); outputs are kept per iteration."""
        if self.loop_source is None:
            raise ReplayFailed(f"for_loop {label!r} cannot run: this run has no loop source")
        items = await self.loop_source(label)
        results: list[dict[str, Any]] = []
        self.loop_results[label] = results
        for index, item in enumerate(items):
            frame = LoopFrame(label, index, item)
            self.frames.append(frame)
            try:
                yield item
            finally:
                # By identity: after a failed iteration the engine may already have unwound the frames
                # (this generator is closed later, when it is collected).
                self.frames[:] = [f for f in self.frames if f is not frame]
            results.append(frame.outputs)
        self.record_output(label, results)

    def item(self, key: str = "") -> Any:
        """The current loop item (or one of its fields); string values remember where they came from."""
        if not self.frames:
            raise ReplayFailed("the script reads a loop item outside a for_loop")
        value = self.frames[-1].item
        path = "current_item"
        for part in filter(None, key.split(".")):
            if not isinstance(value, dict) or part not in value:
                raise ReplayFailed(f"the current loop item has no field {key!r}")
            value, path = value[part], f"{path}.{part}"
        return ParameterValue(value, path) if isinstance(value, str) else value

    def value(self, path: str) -> str:
        """The text of an earlier block's output field ('search.first_title'), for targets named by it."""
        label, _, rest = path.partition(".")
        if label not in self.outputs:
            raise ReplayFailed(f"the script reads the output of block {label!r}, which has not run")
        value: Any = self.outputs[label]
        for part in filter(None, rest.split(".")):
            if not isinstance(value, dict) or part not in value:
                raise ReplayFailed(f"the output of block {label!r} has no field {rest!r}")
            value = value[part]
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ReplayFailed(f"the output {path!r} is not a text or a whole number")
        return str(value)

    @property
    def index(self) -> int:
        """Zero-based index of the current loop iteration."""
        return self.frames[-1].index if self.frames else 0

    def output(self, data: Any) -> Any:
        """Coerce extracted data to the block's JSON schema (dates in the spelling it asks, as the agent gives them)
        and check it; a mismatch fails the replay."""
        schema = self.schemas.get(self.current_block)
        if not schema:
            return data
        value = as_dates(coerce(data, schema), schema)
        errors = schema_errors(value, schema)
        if errors:
            raise ReplayFailed(f"extracted data does not match the block's schema: {'; '.join(errors[:3])}")
        return value
