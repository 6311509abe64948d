"""Cost of isolating user work: template worker round trips and one code-block worker, printed as figures.

    .venv/bin/python -m bench.isolation
"""

from __future__ import annotations

import asyncio
import statistics
import time

from services.isolation import templating
from services.isolation.pool import close_template_pool, run_snippet, template_pool

ROUNDS = 200


async def _page_call(name: str, args: list[object], kwargs: dict[str, object]) -> object:
    return f"{name} answered"


async def main() -> None:
    values = {"base_url": "http://127.0.0.1:8765", "page_no": 3}
    started = time.perf_counter()
    for _ in range(ROUNDS):
        templating.render("{{ base_url }}/quote", values)
    in_process = (time.perf_counter() - started) / ROUNDS
    pool = template_pool()
    await pool.run({"op": "render", "text": "{{ page_no + 1 }}", "values": values}, 2.0)  # start the worker
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        await pool.run({"op": "render", "text": "{{ page_no + 1 }}", "values": values}, 2.0)
        samples.append(time.perf_counter() - started)
    snippets = []
    for _ in range(5):
        started = time.perf_counter()
        await run_snippet(
            code="t = await page.title()\nresult = {'t': t}", label="bench", builtins=["len"], ctx={},
            on_page_call=_page_call, timeout_s=10, memory_mb=512,
        )
        snippets.append(time.perf_counter() - started)
    await close_template_pool()
    print(f"simple template in-process: {in_process * 1e6:.0f} us per rendering")
    print(f"template worker round trip: median {statistics.median(samples) * 1000:.2f} ms, "
          f"max {max(samples) * 1000:.2f} ms over {ROUNDS}")
    print(f"code block in a fresh worker (one page call): median {statistics.median(snippets) * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
