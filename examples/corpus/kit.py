"""The building blocks of a corpus task: what a task declares, what a visit sees, what the judge reads."""

from __future__ import annotations

import html
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Page

# The patterns the corpus must cover (issue 12); every task names exactly one.
PATTERNS: tuple[str, ...] = (
    "labelled_inputs",
    "unlabelled_inputs",
    "password_confirm",
    "select_by_text",
    "radio_checkbox_text",
    "custom_widgets",
    "dates",
    "named_controls",
    "shuffled_layout",
    "overlays",
    "wizard",
    "single_page_app",
    "disabled_submit",
    "reformatting_fields",
    "late_content",
    "iframe_shadow",
    "search_pick",
    "paginated_table",
    "lying",
)


@dataclass
class Submission:
    """One thing the page sent to its server: a form post, a fetch, a click beacon."""

    step: str  # "submit" unless the page posts to submit/<step>
    fields: dict[str, list[str]]  # every value the browser sent, by name (forms repeat names)

    def one(self, name: str) -> str:
        """The single value of a field ('' when absent)."""
        values = self.fields.get(name) or [""]
        return values[-1]

    def many(self, name: str) -> list[str]:
        return list(self.fields.get(name) or [])


@dataclass
class Record:
    """Everything the server saw for one task instance; the judge reads only this (and the params)."""

    submissions: list[Submission] = field(default_factory=list)
    output: Any = None  # for extraction tasks: the run's output, posted by the harness after the run
    output_posted: bool = False

    def last(self, step: str = "submit") -> Submission | None:
        for sub in reversed(self.submissions):
            if sub.step == step:
                return sub
        return None

    def steps(self, step: str) -> list[Submission]:
        return [s for s in self.submissions if s.step == step]


@dataclass(frozen=True)
class Verdict:
    """The page's own judgement of a task instance."""

    ok: bool
    reason: str

    @staticmethod
    def yes(reason: str = "submitted as asked") -> Verdict:
        return Verdict(True, reason)

    @staticmethod
    def no(reason: str) -> Verdict:
        return Verdict(False, reason)


def expect_fields(sub: Submission | None, expected: dict[str, str], *, casefold: bool = False) -> Verdict:
    """The common judgement: the last submission holds exactly these values (names → expected value)."""
    if sub is None:
        return Verdict.no("nothing was submitted")
    for name, want in expected.items():
        got = sub.one(name)
        same = got.strip().casefold() == want.strip().casefold() if casefold else got.strip() == want.strip()
        if not same:
            return Verdict.no(f"{name}: expected {want!r}, got {got!r}")
    return Verdict.yes()


@dataclass
class Visit:
    """One request for a task page: which instance, which sub-page, and the instance's own state."""

    task: Task
    token: str
    seed: int
    params: dict[str, str]
    path: str  # the sub-path after /r/<token>/ ('' for the start page)
    query: dict[str, str]
    base: str  # URL prefix of this instance's pages, e.g. "/r/abc123" (no trailing slash)
    visit_no: int  # how many times this instance's pages were requested before (0 on the first)
    state: dict[str, Any]  # per-instance server-side state the task may keep between requests

    @property
    def rng(self) -> random.Random:
        """Deterministic per seed: the same seed gives the same labels, order and layout."""
        return random.Random(f"{self.task.name}:layout:{self.seed}")

    @property
    def visit_rng(self) -> random.Random:
        """Different on every request, for pages whose layout changes on every visit."""
        return random.Random(f"{self.token}:{self.visit_no}")

    def url(self, sub: str = "") -> str:
        return f"{self.base}/{sub}" if sub else f"{self.base}/"


@dataclass
class Response:
    """What the server answers a page request or a submission with."""

    body: str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None  # a redirect (303 when set)

    @staticmethod
    def redirect(location: str) -> Response:
        return Response("", status=303, location=location)

    @staticmethod
    def json(data: Any, status: int = 200) -> Response:
        import json

        return Response(json.dumps(data), status=status, content_type="application/json")


Params = dict[str, str]
Floor = Callable[[Page, str, Params], Awaitable[Any]]  # returns the extracted data for needs_output tasks


@dataclass(frozen=True)
class Task:
    """One corpus task: its page, its parameters per seed, its user's workflow, its judge and its floor.

    - ``make_params(rng)``: the user's values for a seed (never a secret-free assumption: mark secret keys
      in ``workflow``); the site adds ``start_url``.
    - ``render(visit)``: the HTML of the start page (``visit.path == ''``) and of any sub-page.
    - ``respond(visit, sub)``: the answer to a submission (already recorded); default: a neutral page.
    - ``judge(visit, record)``: whether what the server received is what the task asked for, and why.
    - ``workflow``: the user's workflow as a mapping with the proto's field names (``parameters``, ``blocks``);
      its first block normally opens ``{{ start_url }}``. No ``workflow_id``: the harness names it.
    - ``floor(page, start_url, params)``: a hand-written Playwright solution, as an engineer who knows the
      page would write it; the judge must accept what it does (lying tasks excepted). For ``needs_output``
      tasks it returns the data the task asks to extract.
    - ``lying``: the page makes success look possible or achieved, but the task can never truly succeed.
    - ``needs_output``: the run's output (extraction) is what the judge checks; the harness posts it.
    """

    name: str
    pattern: str
    title: str
    make_params: Callable[[random.Random], Params]
    render: Callable[[Visit], Response | str]
    judge: Callable[[Visit, Record], Verdict]
    workflow: dict[str, Any]
    floor: Floor
    respond: Callable[[Visit, Submission], Response | str] | None = None
    lying: bool = False
    needs_output: bool = False

    def __post_init__(self) -> None:
        if self.pattern not in PATTERNS:
            raise ValueError(f"task {self.name}: unknown pattern {self.pattern!r}")

    def params_for(self, seed: int) -> Params:
        return self.make_params(random.Random(f"{self.name}:params:{seed}"))


def esc(text: object) -> str:
    """HTML-escape a value for a page."""
    return html.escape(str(text), quote=True)


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; color: #222; }
label { display: block; margin: .6rem 0 .2rem; }
input, select, textarea { padding: .35rem; font-size: 1rem; }
button, .btn { padding: .4rem 1rem; margin: .6rem .3rem .6rem 0; font-size: 1rem; cursor: pointer; }
.row { margin: .5rem 0; } .muted { color: #777; } .error { color: #b00020; } .ok { color: #0a7a2f; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .3rem .6rem; }
"""


def page(title: str, body: str, *, head: str = "", script: str = "") -> str:
    """A complete HTML document with the corpus's plain style."""
    js = f"<script>{script}</script>" if script else ""
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{esc(title)}</title>"
        f"<style>{_STYLE}</style>{head}</head><body>{body}{js}</body></html>"
    )


def received_page(message: str = "Thank you. Your submission was received.") -> str:
    """The neutral answer most forms give, whatever was sent: it proves nothing about correctness."""
    return page("Received", f"<h1>Received</h1><p>{esc(message)}</p>")


def pick(rng: random.Random, items: list[Any] | tuple[Any, ...], k: int | None = None) -> Any:
    """One item (k None) or k distinct items."""
    seq = list(items)
    return rng.choice(seq) if k is None else rng.sample(seq, k)


def workflow_parameters(
    keys: list[str], *, secret: tuple[str, ...] = (), descriptions: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """A task workflow's parameters: ``start_url`` first, then each key (required; secret and described as asked)."""
    descriptions = descriptions or {}
    parameters: list[dict[str, Any]] = [{"key": "start_url", "required": True}]
    for key in keys:
        parameter: dict[str, Any] = {"key": key, "required": True}
        if key in secret:
            parameter["secret"] = True
        if key in descriptions:
            parameter["description"] = descriptions[key]
        parameters.append(parameter)
    return parameters
