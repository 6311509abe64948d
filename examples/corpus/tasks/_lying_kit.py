"""Shared pieces for the lying pages: a plain labelled form builder, a toast, and a floor that fills by marker."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Verdict, esc
from examples.corpus.tasks._data_advanced import mark, opaque

TOAST_STYLE = """<style>
.toast { position: fixed; right: 1.5rem; bottom: 1.5rem; padding: .8rem 1.2rem; border-radius: 6px;
         color: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.25); display: none; }
.toast.good { background: #0a7a2f; } .toast.bad { background: #b00020; }
</style>"""


def toast_js(kind: str, text: str, ms: int = 2500) -> str:
    """JS that shows a toast for `ms` milliseconds (as most UI kits do), then hides it."""
    return (
        f"(() => {{ const t = document.getElementById('toast'); t.className = 'toast {kind}'; "
        f"t.textContent = {text!r}; t.style.display = 'block'; setTimeout(() => t.style.display = 'none', {ms}); }})()"
    )


def fields_html(
    rng: random.Random, fields: list[tuple[str, str, str]], *, named: bool = True, extra: dict[str, str] | None = None
) -> tuple[str, dict[str, str]]:
    """Labelled inputs for (key, label, type); returns the HTML and the names given to each key."""
    extra = extra or {}
    names: dict[str, str] = {}
    rows = []
    for key, label, kind in fields:
        fid, name = opaque(rng, "i"), opaque(rng, "n")
        names[key] = name
        name_attr = f' name="{name}"' if named else ""
        rows.append(f'<div class="row"><label for="{fid}">{esc(label)}</label><input id="{fid}"{name_attr} '
                    f'type="{kind}" data-q="{mark(key)}" {extra.get(key, "")}></div>')
    return "".join(rows), names


def layout_names(rng: random.Random, keys: list[str]) -> dict[str, str]:
    """The names fields_html gives, recomputed for the judge (same rng draws, same order)."""
    names = {}
    for key in keys:
        opaque(rng, "i")
        names[key] = opaque(rng, "n")
    return names


async def fill_and_click(pw: Page, start_url: str, values: dict[str, str], button: str) -> None:
    """The natural solution: fill each marked field, click the marked button, let the page settle."""
    await pw.goto(start_url)
    for key, value in values.items():
        await pw.fill(f'[data-q="{mark(key)}"]', value)
    await pw.click(f'[data-q="{mark(button)}"]')
    await pw.wait_for_load_state()


def nothing_sent(record: Record, why: str) -> Verdict | None:
    """The usual lying verdict when the page never talked to its server."""
    return Verdict.no(f"nothing reached the server: {why}") if not record.submissions else None
