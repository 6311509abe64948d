"""Pattern 8, named controls: the button or link to click is named by a parameter, among look-alikes."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_interaction import LAST, beacon_script, js, open_block, parameters

# --- an orders table: the same links ("Details", "Invoice", ...) on every row; the row is the parameter -------

# A fixed pool so that every seed's order is on every seed's page (the rows' contents vary by seed).
_ORDERS = tuple(f"SO-{n}" for n in random.Random("order-row-action:pool").sample(range(40000, 49999), 10))
_ROW_ACTIONS = ("Details", "Invoice", "Track", "Return")
_STATUSES = ("Shipped", "Delivered", "Processing", "Awaiting payment", "Cancelled")


def _order_params(rng: random.Random) -> dict[str, str]:
    return {"order_number": pick(rng, _ORDERS), "link": pick(rng, _ROW_ACTIONS)}


def _order_render(visit: Visit) -> str:
    if visit.path.startswith("orders/"):
        _, row, action = (visit.path.split("/") + ["", ""])[:3]
        return page("Order", f"<h1>{esc(action.title())}</h1><p>Order reference {esc(row)}</p>"
                    f'<p><a href="{visit.url()}">Back to orders</a></p>')
    rng = visit.rng
    orders = list(_ORDERS)
    rng.shuffle(orders)
    actions_first = rng.random() < 0.4
    head = ["Order", "Placed", "Customer", "Total", "Status"]
    head = ([""] + head) if actions_first else (head + ["Actions"])
    rows = []
    for order in orders:
        row_id = f"r{rng.getrandbits(20):05x}"  # what the server-side link carries, not the order number
        links = " · ".join(
            f'<a href="{visit.url(f"orders/{row_id}/{a.lower()}")}" class="act" data-order="{order}" '
            f'data-action="{a}">{a}</a>'
            for a in _ROW_ACTIONS
        )
        cells = [
            # The order number is itself a link, one more look-alike of "Details".
            f'<a href="{visit.url(f"orders/{row_id}/details")}" class="act" data-order="{order}" '
            f'data-action="Details">{order}</a>',
            f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            f"{pick(rng, ('A.', 'M.', 'S.', 'T.', 'R.'))} {pick(rng, LAST)}",
            f"€{rng.randint(12, 900)}.{rng.randint(0, 99):02d}",
            pick(rng, _STATUSES),
        ]
        cells = ([links] + cells) if actions_first else (cells + [links])
        rows.append(f'<tr data-row="{row_id}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    table = (
        "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    script = beacon_script(visit) + (
        "document.querySelectorAll('a.act').forEach(a => a.addEventListener('click', async ev => {\n"
        "  ev.preventDefault();\n"
        "  await send('click', {order: a.dataset.order, action: a.dataset.action, text: a.textContent.trim()});\n"
        "  location.href = a.href;\n"
        "}));\n"
    )
    title = pick(rng, ("Your orders", "Order history", "Recent orders"))
    return page(title, f"<h1>{title}</h1><p class=muted>{len(orders)} orders</p>{table}", script=script)


def _clicks_judge(record: Record, expected: dict[str, str]) -> Verdict:
    """Every click beacon must name the expected control (one or repeated), and there must be one."""
    clicks = record.steps("click")
    if not clicks:
        return Verdict.no("nothing was clicked")
    for click in clicks:
        for key, want in expected.items():
            if click.one(key) != want:
                return Verdict.no(f"clicked the wrong control: {key} expected {want!r}, got {click.one(key)!r}")
    return Verdict.yes(f"clicked {', '.join(expected.values())}")


def _order_judge(visit: Visit, record: Record) -> Verdict:
    return _clicks_judge(record, {"order": visit.params["order_number"], "action": visit.params["link"]})


async def _order_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.click(f'tbody a[data-order="{params["order_number"]}"][data-action="{params["link"]}"]'
                   f':not(:text-is("{params["order_number"]}"))')
    await pw.wait_for_url("**/orders/**")


ORDER_WORKFLOW = {
    "title": "Open a link in an order's row",
    "parameters": parameters("order_number", "link"),
    "blocks": [
        open_block(),
        {
            "label": "open_order_link",
            "type": "navigation",
            "goal": "In the orders table, click the '{{ link }}' link in the row of order {{ order_number }}",
        },
    ],
}

# --- a toolbar of look-alike commands: "Export" next to "Export all", "Archive" next to "Archive all" ---------

_COMMANDS = (
    "Export", "Export all", "Export selected", "Archive", "Archive all", "Duplicate",
    "Share", "Share link", "Move to folder", "Delete draft",
)


def _toolbar_params(rng: random.Random) -> dict[str, str]:
    return {"button": pick(rng, _COMMANDS)}


def _toolbar_render(visit: Visit) -> str:
    rng = visit.rng
    commands = list(_COMMANDS)
    rng.shuffle(commands)
    controls = []
    for i, text in enumerate(commands):
        cid = f"c{rng.getrandbits(16):04x}{i}"
        kind = rng.choice(("button", "button", "link", "input", "div"))
        common = f'id="{cid}" data-cmd="{esc(text)}"'
        if kind == "button":
            controls.append(f'<button type="button" class="cmd" {common}>{esc(text)}</button>')
        elif kind == "link":
            controls.append(f'<a href="#" {common} class="btn cmd">{esc(text)}</a>')
        elif kind == "input":
            controls.append(f'<input type="button" class="cmd" {common} value="{esc(text)}">')
        else:
            controls.append(f'<div role="button" tabindex="0" {common} class="btn cmd" '
                            f'style="display:inline-block;border:1px solid #999">{esc(text)}</div>')
    split = rng.randint(3, 7)
    files = "".join(
        f"<tr><td><input type=checkbox></td><td>{esc(pick(rng, ('Q3 report', 'Budget', 'Minutes', 'Roadmap')))}"
        f" {rng.randint(1, 40)}.docx</td><td>{rng.randint(8, 900)} KB</td></tr>"
        for _ in range(4)
    )
    body = (
        f"<h1>{pick(rng, ('Documents', 'Drafts', 'Shared files'))}</h1>"
        f'<div role="toolbar" aria-label="Actions">{"".join(controls[:split])}</div>'
        f"<table><tbody>{files}</tbody></table>"
        f'<div class="toolbar">{"".join(controls[split:])}</div>'
        '<p id="toast" role="status" class="ok" hidden></p>'
    )
    script = beacon_script(visit) + (
        "document.querySelectorAll('.cmd').forEach(el => el.addEventListener('click', async ev => {\n"
        "  ev.preventDefault();\n"
        "  await send('click', {clicked: el.dataset.cmd});\n"
        "  const t = document.getElementById('toast'); t.hidden = false; t.textContent = el.dataset.cmd + ': done';\n"
        "}));\n"
    )
    return page("Documents", body, script=script)


def _toolbar_judge(visit: Visit, record: Record) -> Verdict:
    return _clicks_judge(record, {"clicked": visit.params["button"]})


async def _toolbar_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.click(f'.cmd[data-cmd="{params["button"]}"]')
    await pw.wait_for_selector(f'#toast:text-is({js(params["button"] + ": done")})')


TOOLBAR_WORKFLOW = {
    "title": "Click a toolbar command",
    "parameters": parameters("button"),
    "blocks": [
        open_block(),
        {"label": "click_command", "type": "action", "goal": "Click the '{{ button }}' button"},
    ],
}

# --- a help centre: links with near-identical names in the top bar, the sidebar and the footer -----------------

_LINKS = (
    "Contact us", "Contact sales", "Contact support", "Privacy policy", "Privacy settings", "Terms of use",
    "Terms of sale", "Returns", "Return policy", "Shipping", "Shipping rates", "Help", "Help centre",
)


def _help_params(rng: random.Random) -> dict[str, str]:
    return {"link": pick(rng, _LINKS)}


def _help_render(visit: Visit) -> str:
    rng = visit.rng
    if visit.path.startswith("page/"):
        slug = visit.path.split("/", 1)[1]
        return page("Help", f"<h1>{esc(slug.replace('-', ' ').capitalize())}</h1><p>This page is being updated.</p>"
                    f'<p><a href="{visit.url()}">Home</a></p>')
    links = list(_LINKS)
    rng.shuffle(links)
    cut1, cut2 = rng.randint(2, 4), rng.randint(6, 9)

    def anchor(text: str) -> str:
        slug = f"{rng.getrandbits(16):04x}-{text.lower().replace(' ', '-')}"
        return f'<a href="{visit.url("page/" + slug)}" class="nav" data-link="{esc(text)}">{esc(text)}</a>'

    top = " | ".join(anchor(t) for t in links[:cut1])
    side = "".join(f"<li>{anchor(t)}</li>" for t in links[cut1:cut2])
    foot = " · ".join(anchor(t) for t in links[cut2:])
    body = (
        f'<nav style="border-bottom:1px solid #ccc;padding-bottom:.5rem">{top}</nav>'
        '<div style="display:flex;gap:2rem"><aside><h3>Topics</h3>'
        f'<ul style="padding-left:1rem">{side}</ul></aside>'
        f"<main><h1>{pick(rng, ('How can we help?', 'Customer service', 'Support'))}</h1>"
        "<p>Find answers about orders, delivery and your account. Most questions are answered in the topics on the"
        " left.</p></main></div>"
        f'<footer style="margin-top:3rem;border-top:1px solid #ccc;padding-top:.5rem" class="muted">{foot}</footer>'
    )
    script = beacon_script(visit) + (
        "document.querySelectorAll('a.nav').forEach(a => a.addEventListener('click', async ev => {\n"
        "  ev.preventDefault();\n"
        "  await send('click', {clicked: a.dataset.link});\n"
        "  location.href = a.href;\n"
        "}));\n"
    )
    return page("Customer service", body, script=script)


def _help_judge(visit: Visit, record: Record) -> Verdict:
    return _clicks_judge(record, {"clicked": visit.params["link"]})


async def _help_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.click(f'a.nav[data-link="{params["link"]}"]')
    await pw.wait_for_url("**/page/**")


HELP_WORKFLOW = {
    "title": "Open a help-centre link",
    "parameters": parameters("link"),
    "blocks": [
        open_block(),
        {"label": "open_link", "type": "navigation", "goal": "Click the '{{ link }}' link"},
    ],
}

TASKS = [
    Task(
        name="order-row-link",
        pattern="named_controls",
        title="Orders table: click the named link in the row of the named order",
        make_params=_order_params,
        render=_order_render,
        judge=_order_judge,
        workflow=ORDER_WORKFLOW,
        floor=_order_floor,
    ),
    Task(
        name="toolbar-command",
        pattern="named_controls",
        title="Toolbar of look-alike commands (buttons, links, inputs, div buttons): click the named one",
        make_params=_toolbar_params,
        render=_toolbar_render,
        judge=_toolbar_judge,
        workflow=TOOLBAR_WORKFLOW,
        floor=_toolbar_floor,
    ),
    Task(
        name="help-centre-link",
        pattern="named_controls",
        title="Help centre: click the named link among near-identical ones in the top bar, sidebar and footer",
        make_params=_help_params,
        render=_help_render,
        judge=_help_judge,
        workflow=HELP_WORKFLOW,
        floor=_help_floor,
    ),
]
