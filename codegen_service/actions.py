"""One recorded action -> one awaited runtime call, for each ActionType (EXTRACT is assembled in blocks.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import libcst as cst

from codegen_service.literals import int_literal, number_literal, string_literal
from codegen_service.locators import LK, rank_locators
from codegen_service.nodes import arg, awaited, call, keyword, line, method, shared_name
from codegen_service.values import UncacheableBlock, ValueResolver, template_expression
from services.gen.rote.v1 import trace_pb2

AT = trace_pb2.ActionType
# Plain ints and names: every AT.X (and AT.Name) goes through protobuf's enum wrapper, several times per action.
GOTO, CLICK, CHECK, UNCHECK = AT.ACTION_TYPE_GOTO, AT.ACTION_TYPE_CLICK, AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_UNCHECK
UPLOAD_FILE, PRESS_KEY, SCROLL = AT.ACTION_TYPE_UPLOAD_FILE, AT.ACTION_TYPE_PRESS_KEY, AT.ACTION_TYPE_SCROLL
WAIT, EXTRACT, FILL_ROWS = AT.ACTION_TYPE_WAIT, AT.ACTION_TYPE_EXTRACT, AT.ACTION_TYPE_FILL_ROWS
SELECT = AT.ACTION_TYPE_SELECT_OPTION
_ACTION_NAMES = {value: AT.Name(value) for value in AT.values()}
_KIND_TEXT = LK.LOCATOR_KIND_TEXT
# Action types whose runtime call takes a Target that must not be None.
NEEDS_TARGET = frozenset(
    {
        AT.ACTION_TYPE_CLICK, AT.ACTION_TYPE_TYPE, AT.ACTION_TYPE_SELECT_OPTION, AT.ACTION_TYPE_CHECK,
        AT.ACTION_TYPE_UNCHECK, AT.ACTION_TYPE_UPLOAD_FILE, AT.ACTION_TYPE_HOVER, AT.ACTION_TYPE_DOWNLOAD,
        AT.ACTION_TYPE_PICK_DATE, AT.ACTION_TYPE_FILL_ROWS,
    }
)
# Runtime method and whether the action's value is passed (after the target) as its second argument.
_METHODS: dict[int, tuple[str, bool]] = {
    AT.ACTION_TYPE_CLICK: ("click", False),
    AT.ACTION_TYPE_TYPE: ("fill", True),
    AT.ACTION_TYPE_SELECT_OPTION: ("select", True),
    AT.ACTION_TYPE_CHECK: ("check", False),
    AT.ACTION_TYPE_UNCHECK: ("uncheck", False),
    AT.ACTION_TYPE_UPLOAD_FILE: ("upload", True),
    AT.ACTION_TYPE_HOVER: ("hover", False),
    AT.ACTION_TYPE_DOWNLOAD: ("download", False),
    AT.ACTION_TYPE_PICK_DATE: ("pick_date", True),
}


__all__ = [
    "NEEDS_TARGET", "UncacheableBlock", "action_statement", "answer_statement", "keyword", "page_call",
    "read_expression",
]


# Target keywords holding words a person reads; these may name the current loop item ("Invoice INV-7").
_TEXT_KEYWORDS = frozenset({"test_id", "name", "label", "placeholder", "text"})
_STRUCTURAL_KEYWORDS = frozenset({"id", "css", "xpath"})
# Selectors that address an element by its position (which changes with the value that chose it).
_POSITIONAL = re.compile(r":nth-(?:of-type|child|last-of-type|last-child)\(|:(?:first|last)-(?:of-type|child)|\[\d+\]")


def _by_field(bindings: Iterable[trace_pb2.Binding]) -> dict[str, list[trace_pb2.Binding]]:
    grouped: dict[str, list[trace_pb2.Binding]] = {}
    for binding in bindings:
        grouped.setdefault(binding.field, []).append(binding)
    return grouped


def _pins_the_choice(selector: str, bound: dict[str, list[trace_pb2.Binding]]) -> bool:
    """Whether a structural locator of an input-bound element would find the recorded choice again on every run:
    by position, or by a spelling of the recorded value the bindings cannot rewrite ("plan-premium" for "Premium")."""
    if _POSITIONAL.search(selector):
        return True
    folded = selector.casefold()
    return any(b.text and b.text.casefold() in folded for found in bound.values() for b in found)


def _choice_sources(bound: dict[str, list[trace_pb2.Binding]], *, box: bool = False) -> list[str]:
    """The inputs whose text is in the element's own words (its name or text; a radio's or checkbox's label too),
    in order, once each; a secret's text is never recorded, so it chooses nothing here."""
    sources: list[str] = []
    for field in ("name", "text", "label") if box else ("name", "text"):
        for binding in bound.get(field, []):
            if binding.text and binding.source not in sources:
                sources.append(binding.source)
    return sources


def target_expression(
    element: trace_pb2.ElementFingerprint,
    where: str,
    values: ValueResolver | None = None,
    bindings: Iterable[trace_pb2.Binding] = (),
    *,
    positional: bool = True,
) -> cst.BaseExpression:
    """``Target(role="button", name="Get quote", ...)``; raises UncacheableBlock when nothing stable is left
    (``positional=False``: selectors naming the element by its position are left out).

    Texts the recorded bindings say came from an input (issue 15) are written over that input; positional
    selectors of such an element are dropped, since the position changes with the value. Inside a loop, locator
    text that names the current item becomes ``ctx.item(...)`` (each iteration acts on its own row), and ids or
    selectors that name it are dropped: they would pin every iteration to the first one.
    """
    spec = rank_locators(element)
    bound = {field: found for field, found in _by_field(bindings).items() if field != "intent"}
    args: list[cst.Arg] = []
    for key, value in spec.arguments:
        expression: cst.BaseExpression | None = None
        if values is not None and key in bound:
            expression = values.bound_expression(value, bound[key], where=where)
        if expression is not None:
            args.append(keyword(key, expression))
            continue
        if bound and key in _STRUCTURAL_KEYWORDS and _pins_the_choice(value, bound):
            continue
        if not positional and key in _STRUCTURAL_KEYWORDS and _POSITIONAL.search(value):
            continue
        if values is not None and key in _TEXT_KEYWORDS:
            expression = values.item_expression(value)
        elif values is not None and key in _STRUCTURAL_KEYWORDS and values.mentions_item(value):
            continue
        args.append(keyword(key, expression or string_literal(value)))
    if not args or [given.keyword.value for given in args if given.keyword] == ["name"]:
        raise UncacheableBlock(f"{where}: the element has no stable locator")
    emitted = {given.keyword.value for given in args if given.keyword}
    if values is not None and "name" in emitted and "text" not in emitted and "name" in bound:
        # A control named by an input may be a button on one page and a link on the next: its own words, bound the
        # same way, find it whatever its role (still exactly one visible element, or nothing).
        texts = {element.text.strip()}
        texts |= {loc.value.strip() for loc in element.locators if loc.kind == _KIND_TEXT}
        name = next((b for b in bound["name"] if b.whole and b.text in texts), None)
        if name is not None:
            at = [given.keyword.value for given in args if given.keyword].index("name") + 1
            args.insert(at, keyword("text", values.source_reference(name.source, where=where).whole()))
    chosen = _choice_sources(bound, box=element.role in ("radio", "checkbox"))
    # Needed only where something could name the recorded choice (an id, a selector, a test id) or where the name
    # holds more than the value ("Business (€19 per user)"); a name that is the value alone says it already.
    pinned = bool(emitted & {"test_id", "id", "css", "xpath"})
    if values is not None and chosen and (pinned or any(not b.whole for b in bound.get("name", []))):
        # The element an input chose (a radio, an option, a slot): the runtime accepts only an element whose name
        # shows this run's value, so an id or selector of the recorded choice never picks it again.
        refs = [values.source_reference(source, where=where).whole() for source in chosen]
        args.append(keyword("choice", refs[0] if len(refs) == 1 else cst.List([cst.Element(r) for r in refs])))
    if element.caption:
        # A field with no label of its own: the runtime checks that what it found by position is captioned so,
        # and finds the field by its caption on a page where the position holds another one.
        args.append(keyword("caption", values.expression(element.caption) if values is not None
                            else string_literal(element.caption)))
    rows = [binding for binding in bound.get("row", []) if binding.text]
    if values is not None and rows:
        # The row the inputs chose (a table row, a search result): the runtime looks only inside it; when each input
        # was a whole cell there, only a row showing it whole ("Lamp", never "Lamp (Refurbished)").
        scopes = [values.source_reference(binding.source, where=where).whole() for binding in rows]
        args.append(keyword("row", scopes[0] if len(scopes) == 1 else cst.List([cst.Element(s) for s in scopes])))
        if all(binding.whole for binding in rows):
            args.append(keyword("row_exact", shared_name("True")))
    return call(shared_name("Target"), args)


def page_call(name: str, args: list[cst.Arg]) -> cst.BaseExpression:
    """``await page.<name>(args...)`` as an expression."""
    return awaited(method("page", name, args))


def _optional_target(action: trace_pb2.Action, where: str, values: ValueResolver) -> cst.BaseExpression:
    if action.HasField("element") and rank_locators(action.element):
        return target_expression(action.element, where, values, action.bindings)
    return shared_name("None")


def _intent(action: trace_pb2.Action, values: ValueResolver | None = None, where: str = "") -> list[cst.Arg]:
    """The intent, written over the inputs it was rendered from (healing then looks for this run's target)."""
    if not action.intent:
        return []
    bound = [binding for binding in action.bindings if binding.field == "intent"]
    expression = values.bound_expression(action.intent, bound, where=where) if values and bound else None
    return [keyword("intent", expression or string_literal(action.intent))]


def _goto_url(action: trace_pb2.Action, values: ValueResolver, where: str) -> cst.BaseExpression:
    """A navigation replays its URL template when it had one (a secret in it is read by name), else the URL."""
    if action.url_template:
        return template_expression(action.url_template, values, values.parameter_keys, where=where)
    if action.parameter_key:
        return values.reference(action.parameter_key)
    return values.expression(action.url or action.value)


def value_expression(action: trace_pb2.Action, values: ValueResolver) -> cst.BaseExpression:
    """The typed or chosen value: the named parameter when the trace says so, else the resolved literal."""
    if action.parameter_key:
        return values.reference(action.parameter_key)
    option = next((b for b in action.bindings if b.field == "option"), None)
    if option is not None:
        # The option was chosen for an input (issue 15): replay chooses by this run's input.
        return values.source_reference(option.source, where="a chosen option").whole()
    return values.expression(action.value)


def _lists_source(action: trace_pb2.Action) -> str:
    """The input whose value the chosen option made another list offer ('' when none)."""
    return next((binding.source for binding in action.bindings if binding.field == "lists"), "")


def _upload_value(action: trace_pb2.Action, values: ValueResolver, where: str) -> cst.BaseExpression:
    """What a file input receives: a whole parameter or loop item naming an object key, never a literal.

    A literal (or a literal mixed with a parameter) would be a path chosen by whoever recorded the trace; the
    runtime refuses local paths anyway, but the code must not even say one.
    """
    expression = values.reference(action.parameter_key) if action.parameter_key else values.expression(action.value)
    if isinstance(expression, cst.SimpleString | cst.ConcatenatedString | cst.FormattedString):
        raise UncacheableBlock(
            f"{where}: a file to upload must come from a parameter holding an object key, not a literal path"
        )
    return expression


def _effect(action: trace_pb2.Action) -> str:
    """The recorded click effect as the runtime names it (navigation, dom_change, ...), '' when none was seen."""
    effect = action.postcondition.effect
    if effect in (trace_pb2.CLICK_EFFECT_UNSPECIFIED, trace_pb2.CLICK_EFFECT_NONE):
        return ""
    return trace_pb2.ClickEffect.Name(effect).removeprefix("CLICK_EFFECT_").lower()


def action_statement(action: trace_pb2.Action, values: ValueResolver, where: str) -> cst.BaseStatement:
    """The statement replaying one non-EXTRACT action."""
    kind = action.type
    intent = _intent(action, values, where)
    if kind == GOTO:
        expression = page_call("goto", [arg(_goto_url(action, values, where)), *intent])
    elif kind in (CHECK, UNCHECK) and action.parameter_key:
        # The box follows the parameter on every run (true/yes/1/on tick it), whichever way it went this time.
        target = target_expression(action.element, where, values, action.bindings)
        value = values.reference(action.parameter_key)
        expression = page_call("set_checked", [arg(target), arg(value), *intent])
    elif kind == SELECT and (listing := _lists_source(action)):
        # The option chosen made another list offer an input's value (a team's department): replay chooses the
        # option that lists this run's value, whichever it is.
        target = target_expression(action.element, where, values, action.bindings)
        value = values.source_reference(listing, where="a list's option that lists a value").whole()
        expression = page_call("select_listing", [arg(target), arg(value), *intent])
    elif kind in _METHODS:
        method, takes_value = _METHODS[kind]
        args = [arg(target_expression(action.element, where, values, action.bindings))]
        if kind == UPLOAD_FILE:
            args.append(arg(_upload_value(action, values, where)))
        elif takes_value:
            args.append(arg(value_expression(action, values)))
        args.extend(intent)
        if kind == CLICK and action.irreversible:
            args.append(keyword("irreversible", shared_name("True")))
        if kind == CLICK and action.only_if_present:
            # An overlay the recording closed may not show on the next visit.
            args.append(keyword("if_present", shared_name("True")))
        if kind == CLICK and _effect(action):
            # Replay expects the kind of effect the click had at record time (issue 13).
            args.append(keyword("effect", string_literal(_effect(action))))
        expression = page_call(method, args)
    elif kind == FILL_ROWS:
        expression = page_call("fill_rows", _fill_rows_args(action, values, where, intent))
    elif kind == PRESS_KEY:
        # Keys ("Enter", "Tab") are part of the recipe, not data, so they stay literal.
        key = string_literal(action.value or "Enter")
        target = _optional_target(action, where, values)
        expression = page_call("press", [arg(target), arg(key), *intent])
    elif kind == SCROLL:
        args = [arg(_optional_target(action, where, values)), keyword("amount", number_literal(action.amount))]
        expression = page_call("scroll", [*args, *intent])
    elif kind == WAIT:
        expression = page_call("wait", [arg(number_literal(action.amount)), *intent])
    else:
        raise ValueError(f"{where}: action type {AT.Name(kind)} has no statement form")
    return line(expression)


def answer_statement(action: trace_pb2.Action, key: str, values: ValueResolver, where: str) -> cst.BaseStatement:
    """``await page.answer(Target(...), ctx.param(key))``: the yes/no question whose radio the agent chose is answered
    by this run's value; the target is the recorded radio by its own words ("Yes"), never by the value."""
    target = target_expression(action.element, where, values, [b for b in action.bindings if b.field == "row"])
    value = values.source_reference(key, where="a question's answer").whole()
    return line(page_call("answer", [arg(target), arg(value), *_intent(action, values, where)]))


def choose_statement(
    action: trace_pb2.Action, key: str, recorded: str, values: ValueResolver, where: str
) -> cst.BaseStatement:
    """``await page.choose(Target(...), ctx.param(key), recorded="...", option="...")``: the radio (or the list's
    option) the agent chose for ``recorded``, found by its own words; each run chooses its own value's option in
    that group where the runtime's naming rules agree with the recording (runtime/option_naming.py)."""
    # Found by its own words and stable ids where it has them: a position names another option on a page laid out
    # otherwise (the runtime then checks the option it finds by what the value names).
    rows = [b for b in action.bindings if b.field == "row"]
    try:
        target = target_expression(action.element, where, values, rows, positional=False)
    except UncacheableBlock:
        target = target_expression(action.element, where, values, rows)
    value = values.source_reference(key, where="an option chosen by a value").whole()
    if action.type == SELECT:
        args = [arg(target), arg(value), keyword("recorded", string_literal(recorded)),
                keyword("option", string_literal(action.value))]
    else:
        # A radio whose name holds this run's value as whole words finds the group too where the recorded one's
        # name changed ("Single room €89 per night" where "€85" was recorded).
        if isinstance(target, cst.Call):
            target = target.with_changes(args=[*target.args, keyword("choice", value)])
        args = [arg(target), arg(value), keyword("recorded", string_literal(recorded))]
        if action.element.attributes.get("name"):
            # The radios' form name finds the group where the options' words changed since ("7 places left").
            args.append(keyword("group", string_literal(action.element.attributes["name"])))
    return line(page_call("choose", [*args, *_intent(action, values, where)]))


def _fill_rows_args(
    action: trace_pb2.Action, values: ValueResolver, where: str, intent: list[cst.Arg]
) -> list[cst.Arg]:
    """``Target(...group...), <this run's lines>, add=Target(...), columns=[(place, caption), ...]``: the rows are
    entered from this run's value, however many lines it has (runtime/line_items.py)."""
    args = [arg(target_expression(action.element, where, values, action.bindings)),
            arg(value_expression(action, values))]
    if action.HasField("add_control"):
        args.append(keyword("add", target_expression(action.add_control, f"{where}, its add control", values)))
    columns = [
        cst.Element(cst.Tuple([cst.Element(int_literal(column.position)), cst.Element(string_literal(column.caption))]))
        for column in action.row_columns
    ]
    args.append(keyword("columns", cst.List(columns)))
    return [*args, *intent]


def notice_statement(action: trace_pb2.Action, values: ValueResolver, where: str) -> cst.BaseStatement:
    """``await page.closes_notice(Target(...), ...)``: the block names ahead a notice a later click of it closed."""
    args = [arg(target_expression(action.element, where, values, action.bindings)), *_intent(action, values, where)]
    if _effect(action):
        args.append(keyword("effect", string_literal(_effect(action))))
    return line(page_call("closes_notice", args))


def read_expression(
    field: trace_pb2.ExtractField, where: str, values: ValueResolver | None = None
) -> cst.BaseExpression:
    """``await page.text(Target(...))`` for a scalar, ``await page.table(Target(...), columns={...})`` for a table."""
    target = target_expression(field.element, f"{where}, field {field.name!r}", values)
    intent = [keyword("intent", string_literal(f"Read {field.name}"))]
    if not field.columns:
        return page_call("text", [arg(target), *intent])
    # Map order is not stable on the wire; sorting keeps the output byte-identical for the same trace.
    columns = cst.Dict(
        [cst.DictElement(string_literal(key), string_literal(field.columns[key])) for key in sorted(field.columns)]
    )
    return page_call("table", [arg(target), keyword("columns", columns), *intent])


def action_name(kind: int) -> str:
    """``AT.Name(kind)`` (which raises ValueError for an unknown type), looked up in a plain dict first."""
    return _ACTION_NAMES.get(kind) or AT.Name(kind)
