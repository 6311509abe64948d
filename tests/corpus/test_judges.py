"""The instrument itself: every task's judge says yes to its floor and no to a wrong submission (real Chromium)."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.async_api import Browser

from examples.corpus.kit import PATTERNS
from examples.corpus.registry import all_tasks
from examples.corpus.server import CorpusSite

pytestmark = pytest.mark.browser

TASKS = all_tasks()
SEED = 11
# Floors judged at once: their pages wait on their own timers (debounce, late content) far more than they compute.
CONCURRENT_TASKS = 8


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def _post(url: str, data: Any) -> Any:
    request = urllib.request.Request(
        url, data=json.dumps(data).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def instance(site: CorpusSite, task: str, seed: int) -> dict[str, Any]:
    return _get(f"{site.url}/api/tasks/{task}/instance?seed={seed}")


def verdict(site: CorpusSite, token: str, output: Any = None, *, post: bool = False) -> dict[str, Any]:
    if post:
        return _post(f"{site.url}/api/verdict/{token}", {"output": output})
    return _get(f"{site.url}/api/verdict/{token}")


async def run_floor(browser: Browser, task_name: str, start_url: str, params: dict[str, str]) -> Any:
    context = await browser.new_context()
    try:
        pw = await context.new_page()
        pw.set_default_timeout(10_000)
        return await TASKS[task_name].floor(pw, start_url, params)
    finally:
        await context.close()


def other_params(site: CorpusSite, task_name: str, mine: dict[str, str]) -> dict[str, str]:
    """Another seed's values for the same task, differing from mine in at least one task parameter."""
    for seed in range(SEED + 1, SEED + 60):
        theirs = instance(site, task_name, seed)["params"]
        if any(theirs[k] != mine[k] for k in mine if k != "start_url"):
            return theirs
    raise AssertionError(f"{task_name}: 60 seeds gave the same parameters; the task does not vary with its seed")


def test_the_corpus_covers_every_pattern_with_enough_tasks() -> None:
    patterns = {t.pattern for t in TASKS.values()}
    missing = [p for p in PATTERNS if p not in patterns]
    assert not missing, f"patterns without a task: {missing}"
    honest = [t for t in TASKS.values() if not t.lying]
    assert len(honest) >= 40, f"{len(honest)} honest tasks; the corpus needs at least 40"
    assert sum(t.lying for t in TASKS.values()) >= 10


@dataclass
class Judged:
    """What the judge said of one task's floor, and of a wrong submission on the same page (None on a lying page)."""

    right: dict[str, Any]
    wrong: dict[str, Any] | None


async def judge_task(site: CorpusSite, browser: Browser, task_name: str) -> Judged:
    task = TASKS[task_name]
    right = await asyncio.to_thread(instance, site, task_name, SEED)
    output = await run_floor(browser, task_name, right["start_url"], right["params"])
    right_seen = await asyncio.to_thread(verdict, site, right["token"], output, post=task.needs_output)
    if task.lying:
        return Judged(right_seen, None)
    # The same page, filled with another seed's values.
    wrong = await asyncio.to_thread(instance, site, task_name, SEED)
    others = await asyncio.to_thread(other_params, site, task_name, wrong["params"])
    theirs = {**others, "start_url": wrong["start_url"]}
    if task.needs_output:
        elsewhere = await asyncio.to_thread(instance, site, task_name, SEED + 101)
        output = await run_floor(browser, task_name, elsewhere["start_url"], elsewhere["params"])
        wrong_seen = await asyncio.to_thread(verdict, site, wrong["token"], output, post=True)
    else:
        try:
            await run_floor(browser, task_name, wrong["start_url"], theirs)
        except Exception:  # noqa: BLE001 - a floor that cannot even act on wrong values submits nothing
            pass
        wrong_seen = await asyncio.to_thread(verdict, site, wrong["token"])
    return Judged(right_seen, wrong_seen)


def _selected_tasks(request: pytest.FixtureRequest) -> list[str]:
    """The tasks whose judge test this session runs (all of them, or those -k or a node id picked)."""
    name = test_the_judge_accepts_the_floor_and_refuses_a_wrong_submission.__name__
    return [
        item.callspec.params["task_name"]
        for item in request.session.items
        if getattr(item, "originalname", None) == name and item.module is request.module
    ]


@pytest.fixture(scope="module")
async def judged(
    corpus_site: CorpusSite, corpus_browser: Browser, request: pytest.FixtureRequest
) -> dict[str, Judged | BaseException]:
    """Every selected task judged, a few at a time: most of a floor's time is its page's own delays, not CPU."""
    gate = asyncio.Semaphore(CONCURRENT_TASKS)

    async def one(task_name: str) -> Judged:
        async with gate:
            return await judge_task(corpus_site, corpus_browser, task_name)

    names = _selected_tasks(request)
    results = await asyncio.gather(*(one(n) for n in names), return_exceptions=True)
    return dict(zip(names, results, strict=True))


@pytest.mark.parametrize("task_name", sorted(TASKS))
def test_the_judge_accepts_the_floor_and_refuses_a_wrong_submission(
    judged: dict[str, Judged | BaseException], task_name: str
) -> None:
    seen = judged[task_name]
    if isinstance(seen, BaseException):
        raise seen
    if TASKS[task_name].lying:
        # A lying page can never be a success, even for the hand-written solution.
        assert seen.right["ok"] is False, seen.right
        return
    assert seen.right["ok"] is True, f"{task_name}: the floor was judged wrong: {seen.right['reason']}"
    # The same page, filled with another seed's values: the judge must say no, with a reason.
    assert seen.wrong is not None
    assert seen.wrong["ok"] is False, f"{task_name}: a wrong submission was judged correct"
    assert seen.wrong["reason"], "a refusal must say why"


async def test_nothing_submitted_is_never_a_success(corpus_site: CorpusSite) -> None:
    for name in TASKS:
        fresh = instance(corpus_site, name, SEED)
        seen = verdict(corpus_site, fresh["token"], None, post=TASKS[name].needs_output)
        assert seen["ok"] is False, f"{name}: an untouched page was judged a success"
