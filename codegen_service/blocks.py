"""One block trace -> ``@cached`` async functions: actions, extracted data and end state; loops and task_v2 children.

Action blocks (navigation, action, login, extraction, task, file_download) become one function. A for_loop becomes
an ``async for`` over ``ctx.loop(label)`` calling one function per child block; a task_v2 calls its children in
order. Children live in the parent's file, after it, so the file reads top-down (outline first, details after).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import libcst as cst

from codegen_service.actions import (
    CHECK,
    CLICK,
    EXTRACT,
    UNCHECK,
    action_name,
    action_statement,
    answer_statement,
    choose_statement,
    notice_statement,
    page_call,
    read_expression,
    target_expression,
)
from codegen_service.files import fitted_definition_text
from codegen_service.layout import fit_lines, multiline_dict
from codegen_service.literals import number_literal, string_literal
from codegen_service.naming import identifier_for
from codegen_service.nodes import arg, assign, async_function, keyword, line, method, returning, signature_statement
from codegen_service.values import EMPTY_INDEX, UncacheableBlock, ValueIndex, ValueResolver, template_expression
from services.answers import recorded_answer
from services.booleans import parse_boolean
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from services.workflows.block_types import ACTION_BLOCK_TYPES, CACHEABLE_BLOCK_TYPES, COMPOSITE_BLOCK_TYPES

BT = workflow_pb2.BlockType
# The kernel's block vocabulary: action blocks' code is their recorded actions, composites call their children.
ACTION_BLOCKS = ACTION_BLOCK_TYPES
COMPOSITE_BLOCKS = COMPOSITE_BLOCK_TYPES
CACHEABLE = CACHEABLE_BLOCK_TYPES
# The loop variable is not read (children use ctx.item), but naming it says what the loop walks over.
LOOP_VARIABLE = "item"


@dataclass(frozen=True)
class BlockCode:
    """A block's functions (its own first, then its children's) and what the cache service records about it."""

    label: str
    function_name: str
    unfitted: tuple[cst.FunctionDef, ...]  # as built: long lines are split when written (definitions) or fitted
    parameter_names: tuple[str, ...]

    @functools.cached_property
    def functions(self) -> tuple[cst.FunctionDef, ...]:
        """The functions with long lines split, as the files hold them."""
        return tuple(fit_lines(function) for function in self.unfitted)

    @property
    def function(self) -> cst.FunctionDef:
        return self.functions[0]

    def definitions(self) -> tuple[tuple[str, str], ...]:
        """Each function's name and text as a file holds it (``definition_text`` of ``functions``), written
        straight from the built nodes."""
        return tuple((function.name.value, fitted_definition_text(function)) for function in self.unfitted)

    @property
    def run_signature(self) -> str:
        return run_signature(self.function_name)


def run_signature(function_name: str) -> str:
    """The one statement that runs a block, as the cache service records it (the text libcst writes for
    ``signature_statement(function_name)``, compared in tests; formatted here: one is written per block)."""
    return f"await {function_name}(page, ctx)"


def function_node(label: str, name: str, body: list[cst.BaseStatement], *, returns: str) -> cst.FunctionDef:
    """``@cached("label") async def name(page: Page, ctx: RunContext) -> returns:`` with ``body`` (lines not fitted
    yet: BlockCode fits them)."""
    return async_function(name, body, returns=returns, label=label)


@dataclass(frozen=True)
class Generation:
    """What every block of one request shares: parameter values, function names and the definition."""

    parameters: ValueIndex
    parameter_keys: frozenset[str]
    names: Mapping[str, str]
    definitions: Mapping[str, workflow_pb2.Block]


@dataclass(frozen=True)
class Scope:
    """Where a block sits: inside which loop items (values are looked up in the innermost one)."""

    item: ValueIndex = EMPTY_INDEX
    outer: ValueIndex = EMPTY_INDEX
    in_loop: bool = False

    def resolver(self, generation: Generation) -> ValueResolver:
        resolver = ValueResolver(generation.parameters, self.item, self.outer, in_loop=self.in_loop)
        resolver.parameter_keys = generation.parameter_keys
        return resolver

    def inside(self, item: ValueIndex) -> Scope:
        return Scope(item, ValueIndex.merged(self.item, self.outer), True)


def _nested_fields(fields: list[tuple[str, cst.BaseExpression]], depth: int) -> cst.Dict:
    """Dotted field names ("quote.reference") become nested dicts, in first-seen order."""
    groups: dict[str, list[tuple[str, cst.BaseExpression]] | cst.BaseExpression] = {}
    for name, expression in fields:
        head, _, rest = name.partition(".")
        if rest:
            group = groups.setdefault(head, [])
            if isinstance(group, list):
                group.append((rest, expression))
        else:
            groups[head] = expression
    entries = [
        (string_literal(key), _nested_fields(value, depth + 1) if isinstance(value, list) else value)
        for key, value in groups.items()
    ]
    return multiline_dict(entries, depth)


def _extract_statement(
    action: trace_pb2.Action, where: str, first: bool, values: ValueResolver
) -> cst.BaseStatement:
    fields = [(item.name, read_expression(item, where, values)) for item in action.extract_fields]
    data = _nested_fields(fields, 1)
    if first:
        return assign("data", data)
    return line(method("data", "update", [data]))


# Elements that are one option among others (a radio, a list option, a button standing for a choice).
_CHOICE_ROLES = frozenset({"radio", "option", "menuitemradio", "tab", "button", "switch", "checkbox", "gridcell"})


def _yes_no_key(action: trace_pb2.Action, values: ValueResolver) -> str:
    """The parameter a radio saying yes or no was chosen for, when that parameter's value is a plain yes or no
    too ("Do you own a car? Yes" for owns_a_car = "yes"): the code answers the question by each run's value
    (``page.answer``). '' otherwise: a value that answers by describing ("Diabetes" for a medical condition) may
    need details the code never saw, and stays guarded (ctx.answers)."""
    if action.type != trace_pb2.ACTION_TYPE_CHECK or action.element.role != "radio" or action.parameter_key:
        return ""
    key = action.payload_key
    recorded = next((v for v, r in values.parameters.pairs if key and r.kind == "param" and r.key == key), None)
    said = parse_boolean(action.element.label or action.element.accessible_name)
    if recorded is None or said is None or parse_boolean(recorded) is not said:
        return ""
    return key


def _chosen_for(action: trace_pb2.Action, values: ValueResolver) -> tuple[str, str] | None:
    """(key, recorded value) for a radio or a list's option the agent chose for a parameter's value that its name
    does not show whole (a radio "Phone call" for "telephone", "Video call" for "video"): the code chooses each run's
    own option by that value (``page.choose``) instead of the recorded one. None for a yes/no answer (``answers``),
    a box following its parameter, a secret, or an option named by the value itself."""
    radio = action.type == trace_pb2.ACTION_TYPE_CHECK and action.element.role == "radio"
    if not (radio or action.type == trace_pb2.ACTION_TYPE_SELECT_OPTION) or action.parameter_key:
        return None
    key = action.payload_key
    recorded = next((v for v, r in values.parameters.pairs if key and r.kind == "param" and r.key == key), None)
    if recorded is None or recorded_answer(action.intent):
        return None
    bound = [b for b in action.bindings if b.source == key and b.field != "intent"]
    # A radio whose whole name is the value is found by it on any run (Target(name=ctx.param(...))); a name that
    # holds more ("Video call") would be written over this run's value ("Telephone call"), which a page need not say.
    # A list's option chosen by the value's words is the one whose words name this run's value, likewise.
    words = ("name", "label", "text") if radio else ("option",)
    if any(b.whole or b.field not in words for b in bound):
        return None
    return key, recorded


def _recorded_choice_guard(action: trace_pb2.Action, values: ValueResolver) -> cst.BaseStatement | None:
    """``ctx.recorded_choice("problem", "street light not working")`` before an option the agent chose for a
    parameter whose value its name does not show: the code can find that option again only for that value, so a
    run asking for another one hands the block to the agent instead of choosing the recorded option."""
    # A select's option is one too when recorded by itself, not by the value (a close spelling: "Premum").
    choosing = action.type in (trace_pb2.ACTION_TYPE_CHECK, trace_pb2.ACTION_TYPE_SELECT_OPTION) or (
        action.type == trace_pb2.ACTION_TYPE_CLICK and action.element.role in _CHOICE_ROLES
    )
    key = action.payload_key
    if action.parameter_key:
        return None  # a box that follows its yes/no parameter on every run (set_checked)
    if not choosing or not key or any(b.source == key and b.field != "intent" for b in action.bindings):
        return None
    recorded = next((v for v, r in values.parameters.pairs if r.kind == "param" and r.key == key), None)
    if recorded is None:
        return None  # not a parameter of its own (a secret, or a key rendered from several)
    values.use(values.source_reference(key, where=""))
    answer = recorded_answer(action.intent)
    if answer:
        # A yes/no question's answer: any value giving the same answer replays ("Vegan" as well as "Vegetarian").
        return line(method("ctx", "answers", [arg(string_literal(key)), arg(string_literal(answer))]))
    return line(method("ctx", "recorded_choice", [arg(string_literal(key)), arg(string_literal(recorded))]))


def _unbound_url(pattern: str, actions: Iterable[trace_pb2.Action]) -> str:
    """The recorded URL pattern with each path segment that spells an input the block acted on (a link named by a
    parameter leads to /orders/x/details) widened to any segment: the next run's input leads elsewhere."""
    texts = {
        b.text for action in actions for b in action.bindings
        if b.text and b.field not in ("intent", "member", "each", "lists")
    }
    for text in sorted(texts, key=len, reverse=True):
        pattern = re.sub(r"(?i)(?<=/)" + re.escape(re.escape(text)) + r"(?=/|\(|$)", "[^/]+", pattern)
    return pattern


def _end_state(
    end_state: trace_pb2.EndState, values: ValueResolver, actions: Iterable[trace_pb2.Action] = ()
) -> list[cst.BaseStatement]:
    args = []
    if end_state.url_pattern:
        # A regular expression: substituting parameter values would need escaping, so it stays literal (with
        # segments an input chose widened).
        args.append(keyword("url_matches", string_literal(_unbound_url(end_state.url_pattern, actions))))
    if end_state.landmark_text:
        # "Signed in as alice" must follow the parameter on the next run, and must not copy its value.
        args.append(keyword("landmark", values.expression(end_state.landmark_text)))
    return [line(page_call("expect", args))] if args else []


def _member_source(action: trace_pb2.Action) -> str:
    """The list-valued input a checkbox action was ticked or unticked for ('' when none)."""
    if action.type not in (CHECK, UNCHECK):
        return ""
    return next((binding.source for binding in action.bindings if binding.field == "member"), "")


def _each_source(action: trace_pb2.Action) -> str:
    """The input that names toggles item by item that a toggle was set for ('' when none)."""
    if action.type not in (CHECK, UNCHECK):
        return ""
    return next((binding.source for binding in action.bindings if binding.field == "each"), "")


def _each_statement(source: str, action: trace_pb2.Action, values: ValueResolver, where: str) -> cst.BaseStatement:
    """``await page.set_each(ctx.param("turn_on"), True, role="switch")``: every toggle this run's input names set
    on (or off), by its name; the toggles it does not name are left as they are."""
    element = action.element
    role = element.role or ("checkbox" if element.attributes.get("type") == "checkbox" else "")
    if not role:
        raise ValueError(f"{where}: a toggle set item by item has no role to find the others by")
    on = action.type == CHECK
    reference = values.source_reference(source, where=where).whole()
    intent = f"Turn {'on' if on else 'off'} each of the {source.replace('_', ' ')}"
    args = [arg(reference), arg(cst.Name("True" if on else "False")), keyword("role", string_literal(role)),
            keyword("intent", string_literal(intent))]
    return line(page_call("set_each", args))


def _listed_statement(
    source: str, actions: Iterable[trace_pb2.Action], values: ValueResolver, where: str
) -> cst.BaseStatement:
    """``await page.set_listed(ctx.param("toppings"), [Target(...), ...])`` over the boxes recorded for it."""
    known: list[cst.BaseExpression] = []
    intent = ""
    for action in actions:
        if _member_source(action) == source:
            # The boxes are the page's options, found by their own words (not by the first run's input).
            known.append(target_expression(action.element, where))
            intent = intent or f"Set the {source.replace('_', ' ')} list"
    reference = values.source_reference(source, where=where).whole()
    boxes = cst.List([cst.Element(target) for target in known])
    args = [arg(reference), arg(boxes), keyword("intent", string_literal(intent))]
    return line(page_call("set_listed", args))


def _later_dismissals(actions: Sequence[trace_pb2.Action]) -> list[tuple[int, trace_pb2.Action]]:
    """The clicks that closed a notice (recorded ``only_if_present``) after the block's first other action, with
    their numbers."""
    leading = next((i for i, a in enumerate(actions) if not (a.type == CLICK and a.only_if_present)), len(actions))
    return [(i, a) for i, a in enumerate(actions[leading:], start=leading + 1)
            if a.type == CLICK and a.only_if_present]


def _typed_again(actions: Sequence[trace_pb2.Action]) -> set[int]:
    """Indexes (from 0) of fills typed again at once, into the same field with the same input and intent: replayed
    code's fill and then the agent's own when it took over (the code stopped just after it). Typing a value twice is
    typing it once, so the code keeps the last; before, each takeover added one more fill to the next script."""
    return {
        i for i, (first, then) in enumerate(zip(actions, actions[1:], strict=False))
        if first.type == then.type == trace_pb2.ACTION_TYPE_TYPE and first.element == then.element
        and (first.value, first.parameter_key, first.intent) == (then.value, then.parameter_key, then.intent)
    }


def _action_block(trace: trace_pb2.BlockTrace, name: str, generation: Generation, scope: Scope) -> BlockCode:
    values = scope.resolver(generation)
    body: list[cst.BaseStatement] = []
    for said in trace.said_no:
        # The agent left this parameter out because it said no to what the page never asked: the code holds for a
        # value that says no again, and hands any other to the agent.
        values.source_reference(said, where="")
        body.append(line(method("ctx", "says_no", [arg(string_literal(said))])))
    for index, action in _later_dismissals(trace.actions):
        # On another visit the notice may show before its turn, over an earlier target: closed then, as recorded.
        body.append(notice_statement(action, values, f"block {trace.label!r}, action {index} (CLICK)"))
    extracted = False
    listed: set[object] = set()
    again = _typed_again(trace.actions)
    for index, action in enumerate(trace.actions, start=1):
        if index - 1 in again:
            continue
        where = f"block {trace.label!r}, action {index} ({action_name(action.type)})"
        each = _each_source(action)
        if each:
            # The toggles an input names item by item are one call, at the first: the input holds this run's items.
            if (each, action.type) not in listed:
                listed.add((each, action.type))
                body.append(_each_statement(each, action, values, where))
            continue
        member = _member_source(action)
        if member:
            # Every box of a list-valued input becomes one call, at the first box: the list holds this run's items.
            if member not in listed:
                listed.add(member)
                body.append(_listed_statement(member, trace.actions, values, where))
            continue
        if action.type == EXTRACT:
            body.append(_extract_statement(action, where, not extracted, values))
            extracted = True
        elif answered := _yes_no_key(action, values):
            body.append(answer_statement(action, answered, values, where))
        elif chosen := _chosen_for(action, values):
            body.append(choose_statement(action, *chosen, values, where))
        else:
            guard = _recorded_choice_guard(action, values)
            if guard is not None:
                body.append(guard)
            body.append(action_statement(action, values, where))
    body.extend(_end_state(trace.end_state, values, trace.actions))
    if extracted:
        # ctx.output coerces the data to the block's JSON schema and fails the replay on a mismatch.
        body.append(returning(method("ctx", "output", [cst.Name("data")])))
    function = function_node(trace.label, name, body, returns="object" if extracted else "None")
    return BlockCode(trace.label, name, (function,), tuple(sorted(values.read)))


def _children(
    trace: trace_pb2.BlockTrace, generation: Generation, scope: Scope
) -> tuple[list[cst.BaseStatement], list[cst.FunctionDef], set[str]]:
    """One statement per child (a call, or a wait/goto inline), the children's functions, the parameters read."""
    definition = generation.definitions.get(trace.label)
    traced = {child.label: child for child in trace.children}
    statements: list[cst.BaseStatement] = []
    functions: list[cst.FunctionDef] = []
    read: set[str] = set()
    planned: list[tuple[str, int, workflow_pb2.Block | None]]
    if definition is not None and definition.children:
        planned = [(child.label, child.type, child) for child in definition.children]
    else:
        # A task_v2 whose children the agent planned: the traces are the plan.
        planned = [(child.label, child.type, None) for child in trace.children]
    for label, block_type, child_definition in planned:
        if block_type in CACHEABLE or block_type == BT.BLOCK_TYPE_UNSPECIFIED:
            child_trace = traced.get(label)
            if child_trace is None:
                raise UncacheableBlock(f"child block {label!r} has no trace (it did not run in the recorded pass)")
            code = build_block(child_trace, generation, scope)
            statements.append(signature_statement(code.function_name))
            functions.extend(code.unfitted)
            read.update(code.parameter_names)
        elif block_type == BT.BLOCK_TYPE_WAIT and child_definition is not None:
            seconds = number_literal(child_definition.wait_seconds)
            statements.append(line(page_call("wait", [arg(seconds), keyword("intent", string_literal(label))])))
        elif block_type == BT.BLOCK_TYPE_GOTO_URL and child_definition is not None:
            values = scope.resolver(generation)
            url = template_expression(child_definition.url, values, generation.parameter_keys, where=label)
            statements.append(line(page_call("goto", [arg(url), keyword("intent", string_literal(label))])))
            read.update(values.read)
        else:
            raise UncacheableBlock(
                f"child block {label!r} is a {BT.Name(block_type)} block, which always runs live, so its parent "
                "cannot run as code"
            )
    return statements, functions, read


def _loop_block(trace: trace_pb2.BlockTrace, name: str, generation: Generation, scope: Scope) -> BlockCode:
    if not trace.children:
        raise UncacheableBlock(f"for_loop {trace.label!r} recorded no iteration, so its children have no trace")
    inner = scope.inside(ValueIndex.of_loop_item(trace.loop_item_json))
    statements, functions, read = _children(trace, generation, inner)
    loop = cst.For(
        target=cst.Name(LOOP_VARIABLE),
        iter=method("ctx", "loop", [string_literal(trace.label)]),
        body=cst.IndentedBlock(body=statements),
        asynchronous=cst.Asynchronous(),
    )
    function = function_node(trace.label, name, [loop], returns="None")
    return BlockCode(trace.label, name, (function, *functions), tuple(sorted(read)))


def _task_v2_block(trace: trace_pb2.BlockTrace, name: str, generation: Generation, scope: Scope) -> BlockCode:
    if not trace.children:
        raise UncacheableBlock(f"task_v2 {trace.label!r} has no child block traces")
    statements, functions, read = _children(trace, generation, scope)
    function = function_node(trace.label, name, statements, returns="None")
    return BlockCode(trace.label, name, (function, *functions), tuple(sorted(read)))


def build_block(trace: trace_pb2.BlockTrace, generation: Generation, scope: Scope | None = None) -> BlockCode:
    """The functions of one block (and of its children); raises UncacheableBlock with the reason it stays live."""
    scope = scope or Scope()
    definition = generation.definitions.get(trace.label)
    block_type = definition.type if definition is not None else trace.type
    name = generation.names[trace.label]
    if block_type == BT.BLOCK_TYPE_FOR_LOOP:
        return _loop_block(trace, name, generation, scope)
    if block_type == BT.BLOCK_TYPE_TASK_V2:
        return _task_v2_block(trace, name, generation, scope)
    return _action_block(trace, name, generation, scope)


def simple_generation(
    parameter_values: Mapping[str, str], names: Mapping[str, str] | None = None
) -> Generation:
    """A Generation for one standalone block (tests, tools): no definition, names default to the label."""
    return Generation(
        ValueIndex.of_parameters(parameter_values), frozenset(parameter_values), _Names(names or {}), {}
    )


class _Names(dict[str, str]):
    def __missing__(self, label: str) -> str:
        return identifier_for(label)
