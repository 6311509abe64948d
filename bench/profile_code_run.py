"""`make profile`: where the wall time of a code-mode run goes (pyinstrument, async-aware), printed as a tree."""

from __future__ import annotations

import asyncio
import os
import pathlib
import tempfile

from pyinstrument import Profiler

from bench.replay import WORKFLOW, _params, _service_run
from examples.demo_site import start_demo_site
from services.client import ExecutorClient
from tests.support.services import running_stack

RUNS = 5


async def main() -> None:
    site = start_demo_site()
    try:
        with tempfile.TemporaryDirectory(prefix="rote-profile-") as home:
            async with running_stack(pathlib.Path(home)) as stack, ExecutorClient(stack.executor.address) as client:
                await _service_run(client, _params("demo_first", site.url), "agent")
                await _service_run(client, _params("demo_second", site.url), "code")  # warm-up
                profiler = Profiler(async_mode="enabled", interval=0.0005)
                with profiler:
                    for _ in range(RUNS):
                        await _service_run(client, _params("demo_second", site.url), "code")
                print(profiler.output_text(unicode=True, color=False, show_all=False))
    finally:
        site.stop()


if __name__ == "__main__":
    os.environ.setdefault("ROTE_LOG_LEVEL", "WARNING")
    assert WORKFLOW.workflow_id == "demo_quote"
    asyncio.run(main())
