"""`make corpus`: python -m bench.corpus [--tasks a,b] [--patterns p,q] [--seeds N] [--out PATH] [--jobs J]."""

from __future__ import annotations

import argparse
import asyncio
import os
import pathlib
import sys
import time

from bench.corpus.report import print_table
from bench.corpus.runner import DEFAULT_OUT, HarnessError, Options, run_corpus
from bench.corpus.site import SiteError


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def parse(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus",
        description="Measure Rote on the corpus of self-judging task pages; writes bench/corpus.json.",
    )
    parser.add_argument("--tasks", type=_names, help="only these tasks (comma-separated names)")
    parser.add_argument("--patterns", type=_names, help="only tasks of these patterns (comma-separated)")
    parser.add_argument("--seeds", type=int, default=5, help="replay seeds per task, 1..N (default 5)")
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, help=f"report path (default {DEFAULT_OUT})")
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="tasks run concurrently (default 1; with more, the floors are timed afterwards, one at a time)",
    )
    parser.add_argument("--quiet", action="store_true", help="no line per run; only the table")
    parser.add_argument("--run-timeout", type=int, default=120, help="deadline of each run in seconds (default 120)")
    parser.add_argument("--home", type=pathlib.Path, help="keep the services' home (logs, database) here")
    args = parser.parse_args(argv)
    if args.seeds < 1 or args.jobs < 1 or not 1 <= args.run_timeout <= 3600:
        parser.error("--seeds and --jobs must be at least 1, --run-timeout between 1 and 3600")
    return Options(
        tasks=args.tasks,
        patterns=args.patterns,
        seeds=args.seeds,
        out=args.out,
        jobs=args.jobs,
        quiet=args.quiet,
        run_timeout_s=args.run_timeout,
        home=args.home,
    )


def _stamp(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    os.environ.setdefault("ROTE_LOG_LEVEL", "WARNING")
    try:
        report = asyncio.run(run_corpus(options, _stamp))
    except (HarnessError, SiteError) as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    print_table(report)
    print(f"wall time {report['wall_s']:.0f} s; wrote {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
