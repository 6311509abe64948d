"""Where a code run's wall time goes on fast corpus pages: spans per run, and a pyinstrument CPU view.

``python -m bench.profile_fast [--runs N] [--tasks a,b] [--cpu]``: the services run in this process (so every
span is seen), the corpus site in its own. Each task is recorded once by the agent and warmed up once; then its
code runs are timed span by span: the executor's steps (store the definition, start the run, load the script,
take a context, each block, the checks after a block, the records and the finish), each wrapped here, in this
script only. Spans nest (a block holds its actions), so they do not add up; ms are per run, mean and median.
With ``--cpu``, pyinstrument samples the whole thread (servers and client share it) over the same runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import os
import pathlib
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from bench.corpus.site import CorpusClient, corpus_site_process
from bench.fast_replay import FAST_TASKS, _code_run
from services.client import ExecutorClient
from tests.support.services import running_stack

SPANS: dict[str, list[float]] = defaultdict(list)
_CURRENT: dict[str, float] = defaultdict(float)


def _wrap(owner: Any, name: str, label: str) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await original(*args, **kwargs)
        finally:
            _CURRENT[label] += (time.perf_counter() - started) * 1000

    setattr(owner, name, timed)


def instrument() -> None:
    """Wrap the steps of a code run (this process only; the product code is untouched)."""
    from executor_service.browser import click_watch
    from executor_service.browser.context_pool import ContextPool
    from executor_service.cache_client import CacheClient
    from executor_service.engine import workflow_runner
    from executor_service.engine.block_runner import BlockRunner
    from executor_service.engine.modes import code_replay, live
    from executor_service.engine.script_loader import LoadedScript, ScriptLoader
    from executor_service.engine.workflow_runner import WorkflowRunner
    from executor_service.runtime.page import Page

    for owner, name, label in (
        (WorkflowRunner, "prepare", "1 prepare (before RunStarted)"),
        (CacheClient, "put_workflow", "1.1 PutWorkflow rpc (only for a cache without StartRun.workflow)"),
        (CacheClient, "start_run", "1.2 StartRun rpc (stores the definition too)"),
        (WorkflowRunner, "execute", "2 execute"),
        (WorkflowRunner, "_load_script", "2.1 load script"),
        (ScriptLoader, "load", "2.1.1 ScriptLoader.load"),
        (ContextPool, "acquire", "2.2 context acquire"),
        (BlockRunner, "run", "2.3 blocks (all)"),
        (live, "run_live", "2.3.1 live blocks (goto)"),
        (code_replay, "run_code", "2.3.2 code blocks"),
        (LoadedScript, "run_block", "2.3.2.1 generated code (actions)"),
        (Page, "goto", "a goto"),
        (Page, "click", "a click"),
        (Page, "fill", "a fill"),
        (Page, "select", "a select"),
        (Page, "check", "a check"),
        (Page, "set_checked", "a set_checked"),
        (Page, "_sight", "a.1 _sight (unique visible, probes at first sight)"),
        (Page, "_reachable", "a.2 _reachable (hit test unless probed)"),
        (Page, "_same_field", "a.3 _same_field"),
        (Page, "_record", "a.4 _record (ActionDone event)"),
        (click_watch.ClickWatch, "arm", "a.5 ClickWatch.arm"),
        (click_watch.ClickWatch, "effect", "a.6 ClickWatch.effect (wait for effect)"),
        (code_replay, "judge_code", "2.3.2.2 judge block (after actions)"),
        (WorkflowRunner, "_record", "2.4 RecordBlockRun (in the background; 2.6 drains them)"),
        (ContextPool, "release", "2.5 context release"),
        (WorkflowRunner, "_finish", "2.6 FinishRun (caller waits)"),
    ):
        _wrap(owner, name, label)
    _wrap(code_replay, "judge_block", "2.3.2.2.1 judge_block")
    # The cache service's side of StartRun and FinishRun (the same process here).
    from cache_service.app import publishing, runs

    _wrap(runs, "start_run", "c.1 cache start_run (use case)")
    _wrap(runs, "record_final_block_runs", "c.2 cache FinishRun: the last block's record")
    _wrap(publishing, "finish_run", "c.3 cache FinishRun: the end (use case)")
    _wrap(publishing, "quick_finish", "c.3.1 quick_finish (decide and end)")
    _wrap(publishing, "_after_end", "c.3.2 _after_end (publish if decided)")
    _wrap(publishing, "discard_drafts", "c.3.3 discard_drafts")
    _wrap(workflow_runner, "_summary_outputs", "2.7 summary outputs")
    _ = click_watch


@contextlib.contextmanager
def one_run() -> Iterator[None]:
    _CURRENT.clear()
    started = time.perf_counter()
    yield
    _CURRENT["0 client wall"] = (time.perf_counter() - started) * 1000
    for label, ms in _CURRENT.items():
        SPANS[label].append(ms)


async def main(runs: int, tasks: tuple[str, ...], cpu: bool, report: Callable[[str], None]) -> None:
    instrument()
    with tempfile.TemporaryDirectory(prefix="rote-profile-") as home:
        with corpus_site_process(pathlib.Path(home) / "site.log") as url:
            site = CorpusClient(url)
            async with running_stack(pathlib.Path(home)) as stack, ExecutorClient(stack.executor.address) as client:
                ids = {task: f"fast_{task.replace('-', '_')}" for task in tasks}
                for task in tasks:
                    await _code_run(client, site, task, 0, ids[task], run_with="agent")
                    await _code_run(client, site, task, 0, ids[task])  # warm-up
                profiler = None
                if cpu:
                    from pyinstrument import Profiler

                    profiler = Profiler(async_mode="disabled", interval=0.001)
                    profiler.start()
                count = 0
                for seed in range(1, runs + 1):
                    for task in tasks:
                        with one_run():
                            await _code_run(client, site, task, seed, ids[task])
                        count += 1
                if profiler is not None:
                    profiler.stop()
                    report(profiler.output_text(unicode=True, color=False, show_all=False))
    report(f"{count} code runs over {len(tasks)} tasks; ms per run (load average {os.getloadavg()[0]:.1f})")
    report(f"{'span':48s} {'mean':>8s} {'median':>8s}")
    for label in sorted(SPANS):
        values = SPANS[label] + [0.0] * (count - len(SPANS[label]))
        report(f"{label:48s} {statistics.fmean(values):8.1f} {statistics.median(values):8.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="profiled code runs per task")
    parser.add_argument("--tasks", help="comma-separated corpus task names (default: the fast set)")
    parser.add_argument("--cpu", action="store_true", help="also sample the thread with pyinstrument")
    args = parser.parse_args()
    chosen = tuple(t.strip() for t in args.tasks.split(",") if t.strip()) if args.tasks else FAST_TASKS
    os.environ.setdefault("ROTE_LOG_LEVEL", "WARNING")
    asyncio.run(main(args.runs, chosen, args.cpu, print))
