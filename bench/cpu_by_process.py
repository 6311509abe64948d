"""Where a demo code run's CPU goes, per process kind (executor, driver, Chromium's processes, services, floor).

``python -m bench.cpu_by_process [--runs N] [--concurrency C] [--no-reuse] [--floor]``: /proc utime+stime deltas
around N runs; a process that ended in between shows as its parent's reaped-children time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pathlib
import tempfile
import threading
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass

from playwright.async_api import async_playwright

from bench.handwritten import handwritten_quote
from bench.replay import _demo_site_process, _params, _service_run
from executor_service.browser.launch import launch_chromium
from services.cli.local_stack import LocalStack, free_port
from services.client import ExecutorClient

TICK_S = 1 / os.sysconf("SC_CLK_TCK")


@dataclass
class Proc:
    parent: int
    own: int  # utime + stime, ticks
    reaped: int  # cutime + cstime, ticks
    kind: str


def _kind(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmd:
            # Chromium rewrites its children's command lines into one space-separated string.
            args = cmd.read().decode(errors="replace").replace("\0", " ").split()
    except OSError:
        return "?"
    line = " ".join(args)
    if not args:
        return "?"
    if "chromium" in args[0] or "chrome" in args[0]:
        kind = next((a.split("=", 1)[1] for a in args if a.startswith("--type=")), "browser")
        sub = next((a.split("=", 1)[1] for a in args if a.startswith("--utility-sub-type=")), "")
        return f"chromium {kind}" + (f" ({sub.rsplit('.', 1)[-1]})" if sub else "")
    if "node" in os.path.basename(args[0]):
        return "playwright driver (node)"
    for name in ("executor_service", "cache_service", "codegen_service", "demo_site", "cpu_by_process"):
        if name in line:
            return name
    return os.path.basename(args[0]) or "?"


def snapshot(roots: list[int]) -> dict[int, Proc]:
    """Every process in the trees of ``roots`` with its CPU ticks."""
    procs: dict[int, Proc] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        values = [int(v) for v in fields[11:15]]
        procs[int(entry)] = Proc(int(fields[1]), values[0] + values[1], values[2] + values[3], "")
    inside, changed = set(roots), True
    while changed:
        changed = False
        for pid, proc in procs.items():
            if proc.parent in inside and pid not in inside:
                inside.add(pid)
                changed = True
    kept = {pid: procs[pid] for pid in inside if pid in procs}
    for pid, proc in kept.items():
        proc.kind = _kind(str(pid))
    return kept


class Sampler:
    """Polls the trees every ``interval_s`` so processes that start and end between two polls' snapshots are
    still seen with their kind (their last <interval of CPU shows only in their parent's reaped time)."""

    def __init__(self, roots: list[int], interval_s: float = 0.02) -> None:
        self.roots = roots
        self.interval_s = interval_s
        self.first = snapshot(roots)
        self.last: dict[int, Proc] = dict(self.first)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self.own_cpu_s = 0.0  # the polling thread's own CPU, taken off its process's figure

    def _poll(self) -> None:
        while not self._stop.wait(self.interval_s):
            self._update(snapshot(self.roots))
        self.own_cpu_s = time.thread_time()

    def _update(self, seen: dict[int, Proc]) -> None:
        for pid, proc in seen.items():
            known = self.last.get(pid)
            if known is not None and proc.kind == "?":  # a zombie's command line reads empty
                proc.kind = known.kind
            self.last[pid] = proc

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._update(snapshot(self.roots))

    def breakdown(self) -> tuple[dict[str, float], Counter[str]]:
        """CPU seconds per kind over the sampled span, and how many processes of each kind started in it."""
        seconds: dict[str, float] = defaultdict(float)
        started: Counter[str] = Counter()
        ended_seen = 0
        final = snapshot(self.roots)
        for pid, proc in self.last.items():
            old = self.first.get(pid)
            if old is None:
                started[proc.kind] += 1
            if pid not in final:
                ended_seen += proc.own
            seconds[proc.kind] += (proc.own - (old.own if old else 0)) * TICK_S
        reaped = sum(p.reaped - (self.first[pid].reaped if pid in self.first else 0) for pid, p in final.items())
        seconds["(ended processes' time not sampled)"] = max(reaped - ended_seen, 0) * TICK_S
        me = self.last.get(os.getpid())
        if me is not None:
            seconds[me.kind] -= self.own_cpu_s
        return dict(seconds), started


def report(title: str, runs: int, seconds: dict[str, float], started: Counter[str]) -> None:
    total = sum(seconds.values())
    print(f"{title}: {runs} runs, {total:.2f} CPU-s, {total / runs:.3f} CPU-s per run, "
          f"{runs / max(total, 1e-6):.3f} runs per core-s (load {os.getloadavg()[0]:.2f})")
    for kind, value in sorted(seconds.items(), key=lambda kv: -kv[1]):
        if value:
            print(f"  {kind:48s} {value / runs * 1000:7.0f} ms/run   started {started.get(kind, 0)}")


async def _gated(one, concurrency: int, runs: int) -> None:  # type: ignore[no-untyped-def]
    gate = asyncio.Semaphore(concurrency)

    async def gated() -> None:
        async with gate:
            await one()

    await asyncio.gather(*(gated() for _ in range(runs)))


async def floor(url: str, runs: int, concurrency: int) -> None:
    params = _params("demo_second", url)
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        await handwritten_quote(browser, url, params)
        with Sampler([os.getpid()]) as sampler:
            await _gated(lambda: handwritten_quote(browser, url, params), concurrency, runs)
        report(f"floor c{concurrency}", runs, *sampler.breakdown())
        await browser.close()


async def rote(url: str, runs: int, concurrency: int, reuse: bool, env: dict[str, str]) -> None:
    metrics = free_port()
    with tempfile.TemporaryDirectory(prefix="rote-cpu-") as home:
        stack = LocalStack(
            pathlib.Path(home),
            {"executor": free_port(), "cache": free_port(), "codegen": free_port()},
            extra_env={"ROTE_MAX_CONCURRENT_RUNS": "8", "ROTE_LOG_LEVEL": "WARNING",
                       "ROTE_REUSE_CONTEXTS": "true" if reuse else "false", **env},
            metrics_ports={"executor": metrics},
        )
        await stack.start()
        try:
            roots = [p.pid for p in stack.processes.values()]
            async with ExecutorClient(stack.address("executor")) as client:
                await _service_run(client, _params("demo_first", url), "agent")
                second = _params("demo_second", url)
                # One unmeasured batch at this concurrency: the pool then holds a context per run in flight.
                await _gated(lambda: _service_run(client, second, "code"), concurrency, concurrency)
                before_counts = _counts(metrics)
                with Sampler(roots) as sampler:
                    await _gated(lambda: _service_run(client, second, "code"), concurrency, runs)
                counts = {k: v - before_counts.get(k, 0) for k, v in _counts(metrics).items()}
            report(f"rote c{concurrency} reuse={reuse} {env or ''}", runs, *sampler.breakdown())
            print("  contexts:", json.dumps(counts))
        finally:
            await asyncio.to_thread(stack.stop)


def _counts(port: int) -> dict[str, int]:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    return {
        line.split('event="', 1)[1].split('"', 1)[0]: int(float(line.rsplit(" ", 1)[1]))
        for line in text.splitlines()
        if line.startswith("rote_executor_contexts_total{")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--no-reuse", action="store_true")
    parser.add_argument("--floor", action="store_true", help="measure the hand-written floor instead")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the services (repeatable)")
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)
    with _demo_site_process() as url:
        if args.floor:
            asyncio.run(floor(url, args.runs, args.concurrency))
        else:
            asyncio.run(rote(url, args.runs, args.concurrency, not args.no_reuse, env))


if __name__ == "__main__":
    main()
