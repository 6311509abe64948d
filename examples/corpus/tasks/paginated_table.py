"""Pattern 18, a paginated table extracted against a JSON schema; the judge compares the posted output to the data."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_advanced import FIRST, LAST, extraction_workflow, js, squash

# What a fair comparison is: strings trimmed with inner whitespace collapsed (case kept for names and ids,
# ignored for statuses), numbers as numbers to the cent, dates as dates whatever their spelling, and order
# only where the schema says so. Extra properties in a row are ignored; missing or extra rows are not.


def find_list(output: Any, key: str) -> list[Any] | None:
    """The array under `key`, at the top or one level down (a run may wrap its output by block label)."""
    if isinstance(output, dict):
        if isinstance(output.get(key), list):
            return list(output[key])
        for value in output.values():
            if isinstance(value, dict) and isinstance(value.get(key), list):
                return list(value[key])
    return None


def as_number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)):
        number = Decimal(str(value))
        return number if number.is_finite() else None
    if isinstance(value, str):
        cleaned = value.replace(",", "").replace("$", "").replace("€", "").strip()
        try:
            number = Decimal(cleaned)
        except ArithmeticError:
            return None
        return number if number.is_finite() else None
    return None


def as_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    for fmt in ("%Y-%m-%d", "%d %b %Y", "%b %d, %Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _show(row: dict[str, Any], kinds: dict[str, str]) -> str:
    return "{" + ", ".join(f"{k}: {row.get(k)}" for k in kinds) + "}"


def compare_rows(got: list[Any], want: list[dict[str, Any]], kinds: dict[str, str], *, ordered: bool,
                 key: str) -> Verdict:
    """Rows equal field by field (kinds: text, casefold, number, date); order matters only when `ordered`."""
    if len(got) != len(want):
        return Verdict.no(f"expected {len(want)} rows, got {len(got)}")

    def norm(row: Any) -> tuple[Any, ...] | None:
        if not isinstance(row, dict):
            return None
        out: list[Any] = []
        for field, kind in kinds.items():
            value = row.get(field)
            if kind == "number":
                number = as_number(value)  # to the cent, so 7581.0 and 7581.00 are the same amount
                out.append(None if number is None else number.quantize(Decimal("0.01")))
            elif kind == "date":
                out.append(as_date(value))
            elif kind == "casefold":
                out.append(squash(str(value)).casefold() if value is not None else None)
            else:
                out.append(squash(str(value)) if value is not None else None)
        return tuple(out)

    theirs = [norm(r) for r in got]
    mine = [norm(r) for r in want]
    if ordered:
        for i, (a, b) in enumerate(zip(theirs, mine, strict=True)):
            if a != b:
                return Verdict.no(f"row {i + 1}: expected {_show(want[i], kinds)}, got {got[i]}")
        return Verdict.yes(f"{len(want)} rows match, in order")
    missing = [w for w, m in zip(want, mine, strict=True) if m not in theirs]
    if missing or sorted(map(repr, theirs)) != sorted(map(repr, mine)):
        first = missing[0] if missing else want[0]
        return Verdict.no(f"rows differ from the data, e.g. expected {_show(first, kinds)} among them")
    return Verdict.yes(f"{len(want)} rows match")


# --- orders: server-side pages (?page=N), columns reordered by seed, every row in page order -------------

STATUSES = ("Pending", "Shipped", "Delivered", "Cancelled", "Refunded")


def _orders_params(rng: random.Random) -> dict[str, str]:
    return {"since": (dt.date(2026, 3, 1) - dt.timedelta(days=rng.randint(14, 34))).isoformat()}


def _orders(visit: Visit) -> list[dict[str, Any]]:
    """Every order, newest first (the data depends on the seed only; the layout is separate)."""
    rng = random.Random(f"orders:{visit.seed}")
    count = rng.randint(24, 40)
    number = rng.randint(10000, 90000)
    day = dt.date(2026, 3, 1)
    rows = []
    for _ in range(count):
        number -= rng.randint(1, 3)  # other shops' orders take numbers in between
        rows.append({"order_id": f"SO-{number}", "placed": day,
                     "customer": f"{pick(rng, FIRST)} {pick(rng, LAST)}", "status": pick(rng, STATUSES),
                     "total": Decimal(rng.randint(500, 250000)) / 100})
        day -= dt.timedelta(days=rng.randint(0, 3))
    return rows


def _orders_layout(rng: random.Random) -> dict[str, Any]:
    columns = ["order_id", "placed", "customer", "status", "total"]
    rng.shuffle(columns)
    return {"columns": columns, "per_page": rng.choice((5, 6, 8)), "date_fmt": pick(rng, ("%Y-%m-%d", "%b %d, %Y")),
            "headers": {"order_id": pick(rng, ("Order #", "Order", "Reference")),
                        "placed": pick(rng, ("Placed", "Date", "Order date")),
                        "customer": pick(rng, ("Customer", "Buyer", "Name")), "status": pick(rng, ("Status", "State")),
                        "total": pick(rng, ("Total", "Amount", "Order total"))}}


def _orders_render(visit: Visit) -> str:
    rng = visit.rng
    lay = _orders_layout(rng)
    rows = _orders(visit)
    per = lay["per_page"]
    pages = (len(rows) + per - 1) // per
    try:
        current = min(max(int(visit.query.get("page", "1")), 1), pages)
    except ValueError:
        current = 1
    cells = []
    for row in rows[(current - 1) * per : current * per]:
        shown = {**row, "total": f"${row['total']:,.2f}", "placed": row["placed"].strftime(lay["date_fmt"])}
        cells.append("<tr>" + "".join(f"<td>{esc(shown[c])}</td>" for c in lay["columns"]) + "</tr>")
    head = "".join(f"<th>{esc(lay['headers'][c])}</th>" for c in lay["columns"])
    links = []
    if current > 1:
        links.append(f'<a href="{visit.url()}?page={current - 1}" rel="prev">« Previous</a>')
    for n in range(1, pages + 1):
        links.append(f"<b>{n}</b>" if n == current else f'<a href="{visit.url()}?page={n}">{n}</a>')
    if current < pages:
        links.append(f'<a href="{visit.url()}?page={current + 1}" rel="next">Next »</a>')
    body = (
        "<h1>Orders</h1>"
        f'<p class=muted>Showing {(current - 1) * per + 1}–{min(current * per, len(rows))} of {len(rows)} orders</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(cells)}</tbody></table>"
        f'<nav aria-label="Pagination" style="margin-top:1rem;display:flex;gap:.6rem">{"".join(links)}</nav>'
    )
    return page(f"Orders – page {current}", body)


ORDERS_SCHEMA = {
    "type": "object",
    "properties": {
        "orders": {
            "type": "array",
            "description": "Every order placed on or after the given date, across all pages, in table order",
            "items": {
                "type": "object",
                "properties": {
                    "order_id": {"type": "string"},
                    "placed": {"type": "string", "format": "date", "description": "Order date, YYYY-MM-DD"},
                    "customer": {"type": "string"},
                    "status": {"type": "string"},
                    "total": {"type": "number", "description": "Order total in dollars"},
                },
                "required": ["order_id", "placed", "customer", "status", "total"],
            },
        }
    },
    "required": ["orders"],
}
_ORDER_KINDS = {"order_id": "text", "placed": "date", "customer": "text", "status": "casefold", "total": "number"}


def _orders_judge(visit: Visit, record: Record) -> Verdict:
    got = find_list(record.output, "orders")
    if got is None:
        return Verdict.no(f"the output has no 'orders' list: {str(record.output)[:200]}")
    since = dt.date.fromisoformat(visit.params["since"])
    want = [{**r, "placed": r["placed"].isoformat()} for r in _orders(visit) if r["placed"] >= since]
    return compare_rows(got, want, _ORDER_KINDS, ordered=True, key="order_id")


async def _orders_floor(pw: Page, start_url: str, params: dict[str, str]) -> dict[str, Any]:
    await pw.goto(start_url)
    out: list[dict[str, Any]] = []
    while True:
        headers = [squash(h) for h in await pw.locator("thead th").all_inner_texts()]
        lay_keys = {"Order #": "order_id", "Order": "order_id", "Reference": "order_id", "Customer": "customer",
                    "Buyer": "customer", "Name": "customer", "Status": "status", "State": "status",
                    "Total": "total", "Amount": "total", "Order total": "total", "Placed": "placed",
                    "Date": "placed", "Order date": "placed"}
        for row in await pw.locator("tbody tr").all():
            texts = [squash(t) for t in await row.locator("td").all_inner_texts()]
            item: dict[str, Any] = {lay_keys[h]: t for h, t in zip(headers, texts, strict=True) if h in lay_keys}
            item["total"] = float(item["total"].replace("$", "").replace(",", ""))
            day = as_date(item["placed"])
            if day is None or day < dt.date.fromisoformat(params["since"]):
                return {"orders": out}  # newest first: everything after this is older
            item["placed"] = day.isoformat()
            out.append(item)
        following = pw.locator("a[rel=next]")
        if not await following.count():
            return {"orders": out}
        async with pw.expect_navigation():
            await following.click()


# --- invoices: client-side pagination (no URL change), only the rows with the status the user names ------

INVOICE_STATUSES = ("Paid", "Overdue", "Draft", "Sent")


def _invoice_params(rng: random.Random) -> dict[str, str]:
    return {"status": pick(rng, ("Overdue", "Paid", "Sent"))}


def _invoices(visit: Visit) -> list[dict[str, Any]]:
    rng = random.Random(f"invoices:{visit.seed}")
    rows = []
    for i in range(rng.randint(18, 34)):
        due = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 120))
        rows.append({"number": f"INV-{2026}-{rng.randint(100, 999)}{i:02d}",
                     "client": pick(rng, ("Acme GmbH", "Blue Heron Ltd", "Cobalt & Co", "Delta Partners", "Elm Studio",
                                          "Fjord AS", "Granite BV")),
                     "amount": Decimal(rng.randint(1000, 900000)) / 100, "due_date": due,
                     "status": pick(rng, INVOICE_STATUSES)})
    return rows


def _invoices_render(visit: Visit) -> Response | str:
    rng = visit.rng
    rows = _invoices(visit)
    date_fmt = pick(rng, ("%Y-%m-%d", "%d %b %Y", "%b %d, %Y"))
    per = rng.choice((6, 7, 10))
    data = [{"number": r["number"], "client": r["client"], "amount": f"€{r['amount']:,.2f}",
             "due": r["due_date"].strftime(date_fmt), "status": r["status"]} for r in rows]
    script = f"""
const DATA = {js(data)}, PER = {per};
let current = 0;
function show() {{
  const pages = Math.ceil(DATA.length / PER);
  document.querySelector('#inv tbody').innerHTML = DATA.slice(current * PER, (current + 1) * PER).map(r =>
    `<tr><td>${{r.number}}</td><td>${{r.client}}</td><td>${{r.due}}</td>` +
    `<td style="text-align:right">${{r.amount}}</td>` +
    `<td><span class="badge">${{r.status}}</span></td></tr>`).join('');
  document.getElementById('info').textContent = `Page ${{current + 1}} of ${{pages}}`;
  document.getElementById('prev').disabled = current === 0;
  document.getElementById('next').disabled = current >= pages - 1;
}}
document.getElementById('prev').addEventListener('click', () => {{ current--; show(); }});
document.getElementById('next').addEventListener('click', () => {{ current++; show(); }});
show();
"""
    body = (
        "<h1>Invoices</h1><p class=muted>All amounts in euros, VAT included.</p>"
        '<table id="inv"><thead><tr><th>Invoice</th><th>Client</th><th>Due</th><th>Amount</th><th>Status</th></tr>'
        "</thead><tbody></tbody></table>"
        '<div style="margin-top:1rem"><button id="prev" type="button">‹ Prev</button> <span id="info"></span> '
        '<button id="next" type="button">Next ›</button></div>'
    )
    return page("Invoices", body, script=script)


INVOICE_SCHEMA = {
    "type": "object",
    "properties": {
        "invoices": {
            "type": "array",
            "description": "The invoices with the requested status, from every page of the table (any order)",
            "items": {
                "type": "object",
                "properties": {
                    "number": {"type": "string", "description": "Invoice number"},
                    "client": {"type": "string"},
                    "amount": {"type": "number", "description": "Amount in euros"},
                    "due_date": {"type": "string", "format": "date", "description": "Due date, YYYY-MM-DD"},
                },
                "required": ["number", "client", "amount", "due_date"],
            },
        }
    },
    "required": ["invoices"],
}
_INVOICE_KINDS = {"number": "text", "client": "text", "amount": "number", "due_date": "date"}


def _invoices_judge(visit: Visit, record: Record) -> Verdict:
    got = find_list(record.output, "invoices")
    if got is None:
        return Verdict.no(f"the output has no 'invoices' list: {str(record.output)[:200]}")
    status = visit.params["status"]
    want = [{**r, "due_date": r["due_date"].isoformat()} for r in _invoices(visit) if r["status"] == status]
    return compare_rows(got, want, _INVOICE_KINDS, ordered=False, key="number")


async def _invoices_floor(pw: Page, start_url: str, params: dict[str, str]) -> dict[str, Any]:
    await pw.goto(start_url)
    out: list[dict[str, Any]] = []
    while True:
        for row in await pw.locator("#inv tbody tr").all():
            number, client, due, amount, status = [squash(t) for t in await row.locator("td").all_inner_texts()]
            if status == params["status"]:
                day = as_date(due)
                out.append({"number": number, "client": client, "due_date": day.isoformat() if day else due,
                            "amount": float(amount.replace("€", "").replace(",", ""))})
        following = pw.locator("#next")
        if await following.is_disabled():
            return {"invoices": out}
        info = await pw.locator("#info").inner_text()
        await following.click()
        await pw.locator("#info").filter(has_not_text=info).wait_for()


TASKS = [
    Task(
        name="orders-all-pages",
        pattern="paginated_table",
        title="Orders over server-side pages (?page=N), newest first, columns reordered; rows since a date, in order",
        make_params=_orders_params,
        render=_orders_render,
        judge=_orders_judge,
        workflow=extraction_workflow("Export recent orders", "Read every order placed on or after {{ since }} from "
                                     "the orders table, across its pages", ORDERS_SCHEMA, ("since",),
                                     descriptions={"since": "A date, YYYY-MM-DD"}),
        floor=_orders_floor,
        needs_output=True,
    ),
    Task(
        name="invoices-by-status",
        pattern="paginated_table",
        title="Invoices with client-side Prev/Next paging; only rows with the named status, dates as ISO",
        make_params=_invoice_params,
        render=_invoices_render,
        judge=_invoices_judge,
        workflow=extraction_workflow("List invoices by status",
                                     "List every invoice whose status is {{ status }}, from all pages of the table",
                                     INVOICE_SCHEMA, ("status",)),
        floor=_invoices_floor,
        needs_output=True,
    ),
]
