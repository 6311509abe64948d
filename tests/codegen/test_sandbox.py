"""The AST allowlist: known sandbox escapes are refused with a clear message; generated code passes."""

from __future__ import annotations

import textwrap

import pytest

from services.errors import InvalidArgument
from services.sandbox import SAFE_BUILTINS, UnsafeScript, validate_script, validate_snippet

HEADER = "from executor_service.runtime import Page, RunContext, Target, cached\n\n\n"


def in_block(body: str) -> str:
    """Wrap statements in a valid @cached block function, so only ``body`` can be at fault."""
    indented = textwrap.indent(textwrap.dedent(body).strip() + "\n", "    ")
    return HEADER + '@cached("b")\nasync def b(page: Page, ctx: RunContext) -> None:\n' + indented


ESCAPES_IN_BLOCKS = [
    "x = ().__class__.__bases__[0].__subclasses__()",
    "x = ''.__class__.__mro__[1].__subclasses__()",
    "x = __import__('os')",
    "x = getattr(page, '__dict__')",
    "x = getattr(page, 'goto')",
    "setattr(ctx, 'secret_keys', 1)",
    "delattr(ctx, 'parameters')",
    "x = eval('1')",
    "exec('import os')",
    "x = compile('1', 'f', 'eval')",
    "x = open('/etc/passwd').read()",
    "x = (lambda: 0).__globals__",
    "x = lambda: 0",
    "g = (i for i in [1])\nx = g.gi_frame.f_globals",
    "x = b(page, ctx).cr_frame.f_globals",
    "x = ctx.param.__func__",
    "x = page._page",
    "x = '{0.__class__}'.format(page)",
    "x = '{0.goto}'.format(page)",
    "x = '{x}'.format_map({'x': page})",
    "x = str.mro()",
    "x = type(page)",
    "x = super()",
    "x = globals()",
    "x = locals()",
    "x = vars(page)",
    "x = dir(page)",
    "breakpoint()",
    "x = input()",
    "x = memoryview(b'x')",
    "help(page)",
    "import os",
    "from os import system",
    "global ctx",
    "try:\n    pass\nexcept Exception:\n    pass",
    "with page:\n    pass",
    "yield 1",
    "if (n := 1):\n    pass",
    "x = 10 ** 10 ** 10",
    "class P:\n    pass",
    "def helper():\n    pass",
    "async def inner(page, ctx):\n    pass",
    "del ctx",
    "page.goto = None",
    "ctx.secret_keys = frozenset()",
    "x = print",
    "x = page.__dict__",
    "x = f'{page.__class__}'",
    "x = _private",
    "_x = 1",
    "page.click(**{'_x': 1})",
    "x = ctx.output.__self__",
    "while True:\n    pass",
    "raise SystemExit",
    "x = {i for i in [1]}",
    "x = page.wait.__code__.co_consts",
    "x = fn.func_globals",
    "x = e.tb_frame",
    "x = undefined_name",
]


@pytest.mark.parametrize("body", ESCAPES_IN_BLOCKS)
def test_known_escape_inside_a_block_is_refused(body: str) -> None:
    with pytest.raises(UnsafeScript):
        validate_script(in_block(body))


TOP_LEVEL_ESCAPES = [
    "import os",
    "import executor_service.runtime",
    "from executor_service.runtime import *",
    "from executor_service.runtime import Page as P",
    "from executor_service.runtime import ReplayFailed",
    "from executor_service import runtime",
    "from .runtime import cached",
    "from executor_service.runtime.page import Page",
    "x = 1",
    "print('hi')",
    "@cached('b')\n@other\nasync def b(page, ctx):\n    pass",
    "@staticmethod\nasync def b(page, ctx):\n    pass",
    "@cached(name)\nasync def b(page, ctx):\n    pass",
    "@cached('a', 'b')\nasync def b(page, ctx):\n    pass",
    "async def b(page, ctx, *args):\n    pass",
    "async def b(page, ctx=ctx):\n    pass",
    "async def __init__(page, ctx):\n    pass",
    "def b(page, ctx):\n    pass",
    "class Params:\n    pass",
    "if True:\n    import os",
    "await page.goto('x')",
]


@pytest.mark.parametrize("source", TOP_LEVEL_ESCAPES)
def test_top_level_escape_is_refused(source: str) -> None:
    with pytest.raises(UnsafeScript):
        validate_script(HEADER + source + "\n")


def test_refusal_names_the_construct_and_line() -> None:
    with pytest.raises(UnsafeScript) as raised:
        validate_script(in_block("await page.goto('x')\nx = eval('1')"))
    assert "'eval'" in raised.value.message and "line 7" in raised.value.message


def test_refusal_is_an_invalid_argument() -> None:
    assert issubclass(UnsafeScript, InvalidArgument)


def test_source_that_does_not_parse_is_refused() -> None:
    with pytest.raises(UnsafeScript, match="does not parse"):
        validate_script("async def (:\n")


def test_generated_style_code_passes() -> None:
    source = HEADER + textwrap.dedent(
        '''\
        @cached("fill_quote")
        async def fill_quote(page: Page, ctx: RunContext) -> None:
            await page.goto(f"{ctx.param('base_url')}/quote", intent="Open the quote form")
            await page.fill(Target(label="Full name", id="full_name"), ctx.param("full_name"), intent="Name")
            await page.click(Target(role="button", name="Get quote"), intent="Submit", irreversible=True)
            await page.scroll(None, amount=-1.5)
            await page.expect(url_matches="/quote/result", landmark="Your quote")


        @cached("extract_quote")
        async def extract_quote(page: Page, ctx: RunContext) -> object:
            data = {
                "reference": await page.text(Target(label="Quote reference"), intent="Read reference"),
                "rows": [row for row in await page.table(Target(css="table"), columns={"a": "A"}) if row],
            }
            if len(data["rows"]) > 0 and not data["reference"] == "":
                data.update({"count": len(data["rows"])})
            for index, row in enumerate(data["rows"]):
                row["n"] = str(index)
            return ctx.output(data)


        async def run_workflow(page: Page, ctx: RunContext) -> None:
            await fill_quote(page, ctx)
            await extract_quote(page, ctx)
        '''
    )
    tree = validate_script(source)
    compile(tree, "<test>", "exec")


def test_attribute_chains_on_page_are_allowed_unless_private() -> None:
    validate_script(in_block("x = page.context.browser"))
    with pytest.raises(UnsafeScript):
        validate_script(in_block("x = page.context._impl_obj"))


def test_snippet_may_await_at_top_level_over_page_and_ctx() -> None:
    tree = validate_snippet("await page.click(None)\nresult = {'name': ctx.param('name'), 'n': len([1, 2])}\n")
    assert tree.body


@pytest.mark.parametrize(
    "snippet",
    [
        "from executor_service.runtime import Target",
        "import os",
        "async def f(page, ctx):\n    pass",
        "x = open('/etc/passwd')",
        "x = page.__class__",
        "x = ().__class__.__bases__[0].__subclasses__()",
        "x = os.system('id')",
        "x = '{0.__init__.__globals__}'.format(page)",
    ],
)
def test_snippet_escape_is_refused(snippet: str) -> None:
    with pytest.raises(UnsafeScript):
        validate_snippet(snippet)


def test_safe_builtins_are_only_the_harmless_ones() -> None:
    assert set(SAFE_BUILTINS) == {
        "len", "str", "int", "float", "bool", "list", "dict", "range", "enumerate", "min", "max", "sorted", "zip",
        "round", "abs", "object", "__build_class__",
    }
    assert "__import__" not in SAFE_BUILTINS and "open" not in SAFE_BUILTINS


def test_exec_with_safe_builtins_has_no_open() -> None:
    tree = validate_snippet("result = len([1, 2])\n")
    scope: dict[str, object] = {"__builtins__": dict(SAFE_BUILTINS)}
    exec(compile(tree, "<snippet>", "exec"), scope)  # noqa: S102 - the point of the test
    assert scope["result"] == 2
    with pytest.raises(NameError):
        exec("open('/etc/passwd')", {"__builtins__": dict(SAFE_BUILTINS)})  # noqa: S102 - unvalidated on purpose


MODULE_HEADER = (
    "from executor_service.runtime import Page, RunContext, Secret, Target, WorkflowParameters, cached\n\n\n"
)


def in_loop(body: str) -> str:
    """Wrap statements in the body of a generated for_loop."""
    indented = textwrap.indent(textwrap.dedent(body).strip() + "\n", "        ")
    return (
        MODULE_HEADER
        + '@cached("each")\nasync def each(page: Page, ctx: RunContext) -> None:\n'
        + '    async for item in ctx.loop("each"):\n'
        + indented
    )


def test_loop_task_v2_conditional_and_parameters_model_shapes_pass() -> None:
    source = MODULE_HEADER + textwrap.dedent(
        '''\
        class Parameters(WorkflowParameters):
            """Inputs of workflow w: Title."""

            base_url: str  # Root URL
            password: Secret
            seats: int = 5
            ratio: float = -1.5
            newsletter: bool = False
            coupon: str | None = None
            customers: object = [{"id": "C-1", "tags": ["a", None]}]
            class_: str = "x"
            id: str = "x"


        @cached("each_customer")
        async def each_customer(page: Page, ctx: RunContext) -> None:
            async for item in ctx.loop("each_customer"):
                await open_customer(page, ctx)
                await page.wait(0.5, intent="settle")


        @cached("open_customer")
        async def open_customer(page: Page, ctx: RunContext) -> None:
            await page.fill(Target(label="Name"), ctx.item("name"), intent="Name")
            await page.click(Target(role="button", name=f"Invoice {ctx.item('number')}"))
            await page.fill(Target(label="Row"), str(ctx.index), intent="Row")
            await page.set_checked(Target(label="Agree"), ctx.param("newsletter"), intent="Agree")


        @cached("plan_trip")
        async def plan_trip(page: Page, ctx: RunContext) -> None:
            await open_customer(page, ctx)


        async def run_workflow(page: Page, ctx: RunContext) -> None:
            Parameters.check(ctx)
            await each_customer(page, ctx)
            next_block = await ctx.condition("check_plan")
            if next_block == "pro":  # plan == 'pro'
                await plan_trip(page, ctx)
            elif next_block == "basic":  # otherwise
                # basic (navigation block): not cached yet, runs through the agent
                pass
        '''
    )
    compile(validate_script(source), "<test>", "exec")


@pytest.mark.parametrize("body", ESCAPES_IN_BLOCKS)
def test_known_escape_inside_a_loop_body_is_refused(body: str) -> None:
    with pytest.raises(UnsafeScript):
        validate_script(in_loop(body))


CLASS_ESCAPES = [
    "class P(WorkflowParameters):\n    def f(self):\n        pass",
    "class P(WorkflowParameters):\n    async def f(page, ctx):\n        pass",
    "class P(WorkflowParameters):\n    x = __import__('os')",
    "class P(WorkflowParameters):\n    x: str = open('/etc/passwd')",
    "class P(WorkflowParameters):\n    x: str = ().__class__",
    "class P(WorkflowParameters):\n    x: str = [i for i in range(3)]",
    "class P(WorkflowParameters):\n    x: str = 10 ** 10",
    "class P(WorkflowParameters):\n    x: type = 1",
    "class P(WorkflowParameters):\n    x: Page = 1",
    "class P(WorkflowParameters):\n    x: str.__class__",
    "class P(WorkflowParameters):\n    _x: str",
    "class P(WorkflowParameters):\n    __slots__: str",
    "class P(WorkflowParameters):\n    x.y: str",
    "class P(WorkflowParameters):\n    (x): str",
    "class P(WorkflowParameters):\n    import os",
    "class P(WorkflowParameters):\n    class Q(WorkflowParameters):\n        pass",
    "class P(WorkflowParameters):\n    print('x')",
    "class P(WorkflowParameters):\n    x = 1",
    "class P(WorkflowParameters, metaclass=type):\n    pass",
    "class P(WorkflowParameters, Page):\n    pass",
    "class P(Page):\n    pass",
    "class P(object):\n    pass",
    "class P:\n    pass",
    "@cached('x')\nclass P(WorkflowParameters):\n    pass",
    "class _P(WorkflowParameters):\n    pass",
    "class eval(WorkflowParameters):\n    pass",
    "class P(WorkflowParameters):\n    x: str = {1: page}",
    "class P(WorkflowParameters):\n    x: str = -page",
    "class P(WorkflowParameters):\n    x: str = f'{page}'",
    "class P(WorkflowParameters):\n    x: str | Page = None",
]


@pytest.mark.parametrize("source", CLASS_ESCAPES)
def test_class_other_than_a_plain_parameters_model_is_refused(source: str) -> None:
    with pytest.raises(UnsafeScript):
        validate_script(MODULE_HEADER + source + "\n")


def test_a_class_needs_the_runtime_base_imported() -> None:
    with pytest.raises(UnsafeScript, match="without importing"):
        validate_script(HEADER + "class P(WorkflowParameters):\n    x: str\n")


def test_a_class_inside_a_function_or_a_snippet_is_refused() -> None:
    with pytest.raises(UnsafeScript):
        validate_script(in_loop("class P(WorkflowParameters):\n    x: str"))
    with pytest.raises(UnsafeScript):
        validate_snippet("class P(WorkflowParameters):\n    x: str\n")


def test_model_fields_are_not_names_code_can_read() -> None:
    source = MODULE_HEADER + "class P(WorkflowParameters):\n    plan: str\n\n\n" + (
        '@cached("b")\nasync def b(page: Page, ctx: RunContext) -> None:\n    x = plan\n'
    )
    with pytest.raises(UnsafeScript, match="unknown name 'plan'"):
        validate_script(source)


def test_the_parameters_model_runs_with_the_safe_builtins() -> None:
    source = MODULE_HEADER + "class Parameters(WorkflowParameters):\n    plan: str\n    seats: int = 5\n"
    tree = validate_script(source)
    builtins = {**SAFE_BUILTINS, "__import__": __import__}  # the executor passes a runtime-only import
    scope: dict[str, object] = {"__builtins__": builtins, "__name__": "rote_script"}
    exec(compile(tree, "<module>", "exec"), scope)  # noqa: S102 - allowlisted on purpose
    model = scope["Parameters"]
    assert model.problems({"seats": "x"}) == [  # type: ignore[attr-defined]
        "parameter 'plan' is missing", "parameter 'seats' is not a valid int",
    ]
