"""Held-out workplace, HR and education pages: expense claim, timesheet, module enrolment, leave request, directory."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_advanced import extraction_workflow
from examples.corpus.tasks._data_inputs import code, form_workflow
from examples.corpus.tasks._data_interaction import beacon_script, js
from examples.corpus.tasks.fresh_apps import _f, _hex, _sel
from examples.corpus.tasks.fresh_apps import _rng as _data_rng
from examples.corpus.tasks.paginated_table import find_list

# --- shared pieces --------------------------------------------------------------------------------------------

_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
_MANAGERS = ("Dana Whitfield", "Marcus Oyelaran", "Helen Brandt", "Tobias Lindqvist", "Priya Chandran")
_EMPLOYEES = ("Sam Okafor", "Jules Moreau", "Aiko Tanaka", "Ravi Iyer", "Noor Haddad", "Lena Schmidt")


def _css(rng: random.Random, prefix: str = "css-") -> str:
    """A generated class name, as CSS-in-JS libraries emit them."""
    return prefix + "".join(rng.choice(_ALNUM) for _ in range(6))




def _words(text: str) -> str:
    return " ".join((text or "").split())


def _same(got: str, want: str) -> bool:
    """Free text compared as a fair reader would: spacing and case do not matter."""
    return _words(got).casefold() == _words(want).casefold()


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "on", "yes")


def _money(text: str) -> Decimal | None:
    """An amount as a person types it ('1,234.5', '£18.60'); None unless a positive number of pence."""
    cleaned = re.sub(r"[£,\s]", "", text or "")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        return None
    try:
        return Decimal(cleaned).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def _reference(visit: Visit, prefix: str) -> str:
    return f"{prefix}{int(visit.token[:6], 16) % 900000 + 100000}"


def _accepted(record: Record, step: str, errors_of: Any) -> tuple[list[Submission], str]:
    """The submissions the server accepted (its own validation passed) and the last refusal, if any."""
    accepted: list[Submission] = []
    refused = ""
    for sub in record.steps(step):
        problems = errors_of(sub)
        if problems:
            refused = "; ".join(problems.values())
        else:
            accepted.append(sub)
    return accepted, refused


def _nothing(what: str, refused: str) -> Verdict:
    return Verdict.no(f"{what} (the server refused: {refused})" if refused else what)


def _not_found() -> Response:
    return Response.json({"error": "not found"}, status=404)


# --- 1. expense claim: Workday-like report, lines added with "Add", Submit enabled once complete and certified --

_CATEGORIES = (
    "Rail travel",
    "Taxi",
    "Hotel",
    "Meals (own)",
    "Client entertainment",
    "Parking",
    "Conference fees",
    "Office supplies",
)
_COST_CENTRES = (
    ("4120", "Sales UK"),
    ("4135", "Sales Benelux"),
    ("5210", "Customer Success"),
    ("6100", "Engineering"),
    ("6140", "Data Platform"),
    ("7300", "People & Culture"),
    ("8010", "Finance"),
)
_CLIENTS = ("Keystone Foods", "Juniper Freight", "Osprey Tools", "Bluefin Labs", "Arcadia Print")
_TRIP_CITIES = ("Leeds", "Bristol", "Glasgow", "Manchester", "Cardiff", "Newcastle")
_EVENTS = ("DataConf", "PeopleTech Live", "SaaStock Europe", "UX Leeds")
_TRIPS = (
    (
        "Client workshop with {client} in {city}",
        (
            ("Rail travel", "Return train to {city}", 45, 160),
            ("Taxi", "Taxi from {city} station to the client office", 9, 35),
            ("Hotel", "One night at the Station Hotel in {city}", 89, 180),
            ("Meals (own)", "Dinner the evening before the workshop", 14, 38),
        ),
    ),
    (
        "{event} conference in {city}",
        (
            ("Conference fees", "{event} two-day ticket", 150, 600),
            ("Rail travel", "Return train to {city}", 45, 160),
            ("Hotel", "Two nights near the {event} venue", 160, 340),
            ("Meals (own)", "Lunch on the first conference day", 8, 22),
        ),
    ),
    (
        "Quarterly business review with {client}",
        (
            ("Client entertainment", "Dinner with two guests from {client}", 90, 260),
            ("Taxi", "Taxi home after the client dinner", 12, 40),
            ("Parking", "Car park at the {client} office", 6, 24),
        ),
    ),
    (
        "Team offsite planning day in {city}",
        (
            ("Rail travel", "Return train to {city}", 35, 120),
            ("Office supplies", "Flip chart paper and marker pens", 8, 30),
            ("Meals (own)", "Sandwich lunch on the train", 6, 14),
            ("Parking", "Station car park for the day", 9, 22),
        ),
    ),
)
_CLAIM_WORDS = {
    "heading": ("Create Expense Report", "New expense report", "Expense claim"),
    "purpose": ("Business purpose", "Expense report memo", "Purpose of expenses"),
    "cc": ("Cost centre", "Charge to cost centre", "Cost center"),
    "lines": ("Expense lines", "Expense items", "Items"),
    "add": ("Add", "Add another item", "+ Add line"),
    "date": ("Date", "Expense date", "Date incurred"),
    "category": ("Expense item", "Category", "Type"),
    "description": ("Description", "Memo", "Details"),
    "amount": ("Amount (GBP)", "Amount £", "Total amount"),
    "certify": (
        "I certify that these expenses were incurred wholly and necessarily on company business",
        "I confirm these expenses follow the travel and expenses policy and that I have kept the receipts",
    ),
    "submit": ("Submit", "Submit report", "Submit claim"),
    "draft": ("Save for later", "Save draft"),
    "ok": ("OK", "Submit now", "Confirm"),
}
_CLAIM_COLUMNS = (
    ("date", "category", "description", "amount"),
    ("category", "date", "description", "amount"),
    ("date", "description", "category", "amount"),
)


def _claim_params(rng: random.Random) -> dict[str, str]:
    purpose, lines = pick(rng, _TRIPS)
    words = {"client": pick(rng, _CLIENTS), "city": pick(rng, _TRIP_CITIES), "event": pick(rng, _EVENTS)}
    chosen = sorted(rng.sample(range(len(lines)), rng.choice((2, 3))))
    first = dt.date(2026, 9, 1) + dt.timedelta(days=rng.randint(0, 70))
    items = []
    for n in chosen:
        category, text, low, high = lines[n]
        day = first + dt.timedelta(days=rng.randint(0, 2))
        amount = Decimal(rng.randint(low * 100, high * 100)) / 100
        items.append(f"{day.isoformat()} | {category} | {text.format(**words)} | {amount:.2f}")
    return {
        "purpose": purpose.format(**words),
        "cost_centre": pick(rng, _COST_CENTRES)[0],
        "expenses": "\n".join(items),
    }


def _claim_items(text: str) -> list[tuple[str, str, str, str]]:
    """The user's expense list: (date, category, description, amount) per non-empty line."""
    out = []
    for line in text.splitlines():
        if line.strip():
            day, category, description, amount = (part.strip() for part in line.split("|"))
            out.append((day, category, description, amount))
    return out


def _claim_codes(visit: Visit) -> tuple[dict[str, str], dict[str, str]]:
    """Option values of the cost centre and expense item selects (value → code or category), per seed."""
    r = _data_rng(visit, "codes")
    centre_ids = r.sample(range(100000, 999999), len(_COST_CENTRES))
    item_ids = r.sample(range(1000, 9999), len(_CATEGORIES))
    centres = {str(n): c for n, (c, _) in zip(centre_ids, _COST_CENTRES, strict=True)}
    items = {f"EXPENSE_ITEM-{n}": c for n, c in zip(item_ids, _CATEGORIES, strict=True)}
    return centres, items


def _claim_people(visit: Visit) -> tuple[str, str]:
    r = _data_rng(visit, "people")
    return pick(r, _EMPLOYEES), pick(r, _MANAGERS)


def _claim_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    rng = visit.rng
    centres, items = _claim_codes(visit)
    employee, manager = _claim_people(visit)
    w = {key: pick(rng, options) for key, options in _CLAIM_WORDS.items()}
    columns = pick(rng, _CLAIM_COLUMNS)
    cc_format = pick(rng, ("{code} {name}", "{name} ({code})", "CC{code} – {name}"))
    c = {k: _css(rng) for k in ("top", "field", "grid", "bar", "primary", "ghost", "dlg", "back", "banner", "sr")}
    i = {k: _hex(rng, "wd-") for k in ("purpose", "cc", "lines", "tpl", "add", "cert", "submit", "draft", "total")}
    i.update({k: _hex(rng, "wd-") for k in ("form", "dlg", "dtitle", "dtext", "ok", "cancel", "done", "err", "saved")})
    star = '<abbr title="required" aria-hidden="true">*</abbr>'
    centre_pairs = sorted(
        ((v, cc_format.format(code=k, name=dict(_COST_CENTRES)[k])) for v, k in centres.items()),
        key=lambda pair: pair[1],
    )
    centre_opts = "".join(f'<option value="{v}">{esc(t)}</option>' for v, t in centre_pairs)
    item_opts = "".join(f'<option value="{v}">{esc(t)}</option>' for v, t in sorted(items.items(), key=lambda p: p[1]))
    cells = {
        "date": f'<input type="date" data-col="date" data-automation-id="dateWidgetInputBox" {_f("date")}>',
        "category": (
            f'<select data-col="category" data-automation-id="selectWidget" {_f("category")}>'
            f'<option value="">select one</option>{item_opts}</select>'
        ),
        "description": f'<input data-col="description" data-automation-id="textInputBox" {_f("description")}>',
        "amount": (
            f'<span aria-hidden="true">£</span><input data-col="amount" inputmode="decimal" size="9" '
            f'data-automation-id="numericInput" {_f("amount")}>'
        ),
    }
    row = (
        f"<tr {_f('line')}>"
        + "".join(f'<td style="white-space:nowrap">{cells[col]}</td>' for col in columns)
        + f'<td><button type="button" class="{c["ghost"]}" data-act="remove" '
        'data-automation-id="removeRowButton" title="Remove row">✕</button></td></tr>'
    )
    heads = {"date": w["date"], "category": w["category"], "description": w["description"], "amount": w["amount"]}
    head_cells = "".join(f"<th>{esc(heads[col])} {star}</th>" for col in columns)
    body = (
        f'<div class="{c["top"]}"><strong>Northwind People</strong><span>{esc(employee)}</span></div>'
        f'<h1 data-automation-id="pageHeaderTitleText">{esc(w["heading"])}</h1>'
        f'<p class="muted">Expense report for {esc(employee)} · Approver: {esc(manager)}</p>'
        f'<div id="{i["err"]}" class="{c["banner"]}" data-automation-id="errorBanner" role="alert" hidden></div>'
        f'<section id="{i["form"]}">'
        f'<div class="{c["field"]}" data-automation-id="formField-memo"><label for="{i["purpose"]}">'
        f'{esc(w["purpose"])} {star}</label><textarea id="{i["purpose"]}" rows="2" '
        f'data-automation-id="textAreaField" {_f("purpose")}></textarea></div>'
        f'<div class="{c["field"]}" data-automation-id="formField-costCenter"><label for="{i["cc"]}">'
        f'{esc(w["cc"])} {star}</label><select id="{i["cc"]}" data-automation-id="selectWidget" {_f("cc")}>'
        f'<option value="">select one</option>{centre_opts}</select></div>'
        f"<h2>{esc(w['lines'])}</h2>"
        f'<table class="{c["grid"]}" data-automation-id="grid"><thead><tr>{head_cells}'
        f'<th><span class="{c["sr"]}">Actions</span></th></tr></thead><tbody id="{i["lines"]}"></tbody>'
        f'<tfoot><tr><td colspan="{len(columns) - 1}" style="text-align:right">Total</td>'
        f'<td id="{i["total"]}" data-automation-id="totalAmount">£0.00</td><td></td></tr></tfoot></table>'
        f'<button type="button" id="{i["add"]}" class="{c["ghost"]}" data-automation-id="addRowButton" '
        f"{_f('add')}>{esc(w['add'])}</button>"
        f'<div class="{c["field"]}" data-automation-id="checkboxPanel"><input type="checkbox" id="{i["cert"]}" '
        f'{_f("certify")}> <label for="{i["cert"]}" style="display:inline">{esc(w["certify"])}</label></div>'
        f'<p class="muted">Complete all required fields and the certification to submit the report.</p>'
        f'<div class="{c["bar"]}"><button type="button" id="{i["submit"]}" class="{c["primary"]}" disabled '
        f'aria-disabled="true" data-automation-id="wd-CommandButton_uic_submitButton" {_f("submit")}>'
        f'{esc(w["submit"])}</button><button type="button" id="{i["draft"]}" class="{c["ghost"]}" '
        f'data-automation-id="wd-CommandButton_uic_saveForLaterButton">{esc(w["draft"])}</button>'
        f'<span id="{i["saved"]}" class="muted" role="status"></span></div></section>'
        f'<section id="{i["done"]}" role="status" {_f("done")} hidden></section>'
        f'<div class="{c["back"]}" id="{i["dlg"]}-b" hidden></div>'
        f'<div class="{c["dlg"]}" id="{i["dlg"]}" role="dialog" aria-modal="true" aria-labelledby="{i["dtitle"]}" '
        f'hidden><h2 id="{i["dtitle"]}">Submit expense report?</h2><p id="{i["dtext"]}"></p>'
        f'<p class="muted">You can\'t change the report once it has been submitted.</p>'
        f'<div class="{c["bar"]}"><button type="button" id="{i["ok"]}" class="{c["primary"]}" '
        f'data-automation-id="wd-CommandButton_uic_okButton" {_f("ok")}>{esc(w["ok"])}</button>'
        f'<button type="button" id="{i["cancel"]}" class="{c["ghost"]}" '
        f'data-automation-id="wd-CommandButton_uic_cancelButton">Cancel</button></div></div>'
        f'<template id="{i["tpl"]}">{row}</template>'
    )
    css = (
        f".{c['top']}{{display:flex;justify-content:space-between;background:#0b3a6b;color:#fff;padding:.5rem 1rem}}"
        f".{c['field']}{{margin:.8rem 0}}"
        f".{c['field']} textarea,.{c['field']} select{{width:100%;box-sizing:border-box}}"
        f".{c['grid']}{{width:100%}}.{c['grid']} input,.{c['grid']} select{{max-width:11rem}}"
        f".{c['bar']}{{display:flex;gap:.4rem;align-items:center}}"
        f".{c['primary']}{{background:#0875e1;color:#fff;border:0;border-radius:1rem}}"
        f".{c['primary']}:disabled{{background:#b8c7d9;cursor:not-allowed}}"
        f".{c['ghost']}{{background:#fff;border:1px solid #8a9bb0;border-radius:1rem}}"
        f".{c['back']}{{position:fixed;inset:0;background:rgba(0,0,0,.4)}}"
        f".{c['dlg']}{{position:fixed;top:20vh;left:50%;transform:translateX(-50%);background:#fff;padding:1rem 1.5rem;"
        "border-radius:.5rem;width:28rem;box-shadow:0 8px 30px rgba(0,0,0,.3)}"
        f".{c['banner']}{{border-left:4px solid #de2e21;background:#fdecea;padding:.5rem 1rem}}"
        f".{c['sr']}{{position:absolute;left:-9999px}}abbr{{color:#de2e21;text-decoration:none}}"
    )
    cfg = {"i": i, "heads": heads, "approver": manager}
    script = (
        beacon_script(visit)
        + f"const CFG = {js(cfg)};\n"
        + r"""
const I = CFG.i, $ = id => document.getElementById(id), lines = $(I.lines);
function cents(v) {
  const s = String(v).replace(/[£,\s]/g, '');
  return /^\d+(\.\d{1,2})?$/.test(s) ? Math.round(parseFloat(s) * 100) : null;
}
const money = n => (n / 100).toLocaleString('en-GB', {minimumFractionDigits: 2, maximumFractionDigits: 2});
function rowData(tr) {
  const v = col => tr.querySelector(`[data-col=${col}]`).value;
  return {date: v('date'), category: v('category'), description: v('description').trim(), amount: v('amount')};
}
const complete = r => r.date && r.category && r.description && cents(r.amount) > 0;
function renumber() {
  [...lines.rows].forEach((tr, n) => {
    tr.querySelectorAll('[data-col]').forEach(el =>
      el.setAttribute('aria-label', `${CFG.heads[el.dataset.col]}, row ${n + 1}`));
    const rm = tr.querySelector('[data-act=remove]');
    rm.setAttribute('aria-label', `Remove row ${n + 1}`); rm.disabled = lines.rows.length === 1;
  });
}
function refresh() {
  const rows = [...lines.rows].map(rowData);
  $(I.total).textContent = '£' + money(rows.reduce((s, r) => s + (cents(r.amount) || 0), 0));
  const ready = !!($(I.purpose).value.trim() && $(I.cc).value && rows.length && rows.every(complete) &&
    $(I.cert).checked);
  $(I.submit).disabled = !ready; $(I.submit).setAttribute('aria-disabled', String(!ready));
}
function addRow() {
  const tr = $(I.tpl).content.firstElementChild.cloneNode(true);
  lines.append(tr);
  tr.querySelector('[data-act=remove]').addEventListener('click', () => { tr.remove(); renumber(); refresh(); });
  renumber(); refresh();
  return tr;
}
function payload() {
  const rows = [...lines.rows].map(rowData);
  return {purpose: $(I.purpose).value, costCentre: $(I.cc).value, date: rows.map(r => r.date),
          category: rows.map(r => r.category), description: rows.map(r => r.description),
          amount: rows.map(r => r.amount), certify: $(I.cert).checked};
}
document.addEventListener('input', refresh);
document.addEventListener('change', refresh);
lines.addEventListener('focusout', e => {
  if (e.target.dataset.col === 'amount') { const n = cents(e.target.value); if (n !== null) e.target.value = money(n); }
});
$(I.add).addEventListener('click', () => addRow().querySelector('[data-col]').focus());
function closeDialog() { $(I.dlg).hidden = true; $(I.dlg + '-b').hidden = true; }
$(I.cancel).addEventListener('click', closeDialog);
$(I.submit).addEventListener('click', () => {
  const n = lines.rows.length;
  $(I.dtext).textContent = `${n} ${n === 1 ? 'item' : 'items'} totalling ${$(I.total).textContent} will be sent to ` +
    `${CFG.approver} for approval.`;
  $(I.dlg).hidden = false; $(I.dlg + '-b').hidden = false; $(I.ok).focus();
});
$(I.ok).addEventListener('click', async () => {
  $(I.ok).disabled = true;
  let answer;
  try { answer = await send('claim', payload()); } finally { $(I.ok).disabled = false; }
  closeDialog();
  if (answer.status === 201) {
    const b = answer.body;
    $(I.form).hidden = true; $(I.err).hidden = true;
    $(I.done).innerHTML = '<h2>Expense report submitted</h2><p></p>';
    $(I.done).querySelector('p').textContent =
      `Expense report ${b.report} for ${b.total} has been submitted and sent to ${b.approver} for approval.`;
    $(I.done).hidden = false;
  } else {
    const errors = Object.values((answer.body && answer.body.errors) || {_: 'Something went wrong. Try again.'});
    $(I.err).innerHTML = `<strong>Errors (${errors.length})</strong><ul></ul>`;
    errors.forEach(m => {
      const li = document.createElement('li'); li.textContent = m; $(I.err).querySelector('ul').append(li);
    });
    $(I.err).hidden = false;
  }
});
$(I.draft).addEventListener('click', async () => {
  const answer = await send('draft', payload());
  $(I.saved).textContent = answer.status === 200 ? 'Draft saved. You can finish it later from My Expenses.' :
    'The draft could not be saved.';
});
addRow();
"""
    )
    return page(w["heading"], body, head=f"<style>{css}</style>", script=script)


def _claim_line_error(day: str, item: str, description: str, amount: str, items: dict[str, str]) -> str:
    spent = _iso(day)
    if spent is None:
        return "enter the date of the expense"
    if spent > dt.date.today():
        return "the date can't be in the future"
    if item not in items:
        return "select an expense item"
    if not description.strip():
        return "enter a description"
    value = _money(amount)
    if value is None or value <= 0:
        return "enter an amount such as 12.50"
    if value > 5000:
        return "amounts over £5,000 need a purchase order instead"
    return ""


def _claim_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    centres, items = _claim_codes(visit)
    errors: dict[str, str] = {}
    if not sub.one("purpose").strip():
        errors["purpose"] = "Enter a business purpose."
    if sub.one("costCentre") not in centres:
        errors["costCentre"] = "Select a cost centre."
    columns = [sub.many(k) for k in ("date", "category", "description", "amount")]
    if not columns[0] or len({len(col) for col in columns}) != 1:
        errors["lines"] = "Add at least one expense line."
    else:
        for n, line in enumerate(zip(*columns, strict=True), start=1):
            day, item, description, amount = line
            problem = _claim_line_error(day, item, description, amount, items)
            if problem:
                errors[f"line{n}"] = f"Row {n}: {problem}."
    if not _truthy(sub.one("certify")):
        errors["certify"] = "Tick the certification to submit the report."
    return errors


def _claim_respond(visit: Visit, sub: Submission) -> Response:
    if sub.step == "draft":
        return Response.json({"saved": True})
    if sub.step != "claim":
        return _not_found()
    errors = _claim_errors(visit, sub)
    if errors:
        return Response.json({"errors": errors}, status=422)
    total = sum((_money(a) or Decimal(0) for a in sub.many("amount")), Decimal(0))
    return Response.json(
        {"report": _reference(visit, "EXP-"), "total": f"£{total:,.2f}", "approver": _claim_people(visit)[1]},
        status=201,
    )


def _claim_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "claim", lambda s: _claim_errors(visit, s))
    if not accepted:
        if record.steps("draft"):
            return _nothing("the report was only saved as a draft, never submitted", refused)
        return _nothing("no expense report was submitted", refused)
    if len(accepted) > 1:
        return Verdict.no(f"{len(accepted)} expense reports were submitted instead of one")
    sub, p = accepted[0], visit.params
    centres, items = _claim_codes(visit)
    if not _same(sub.one("purpose"), p["purpose"]):
        return Verdict.no(f"business purpose: expected {p['purpose']!r}, got {sub.one('purpose')!r}")
    if centres[sub.one("costCentre")] != p["cost_centre"]:
        return Verdict.no(f"cost centre: expected {p['cost_centre']}, got {centres[sub.one('costCentre')]}")
    got = [
        (day, items[item], _words(text).casefold(), _money(amount))
        for day, item, text, amount in zip(
            *(sub.many(k) for k in ("date", "category", "description", "amount")), strict=True
        )
    ]
    for day, category, text, amount in _claim_items(p["expenses"]):
        want = (day, category, _words(text).casefold(), _money(amount))
        if want not in got:
            return Verdict.no(f"the expense {day} | {category} | {text} | {amount} is missing or has wrong values")
        got.remove(want)
    if got:
        extra = " | ".join(str(part) for part in got[0])
        return Verdict.no(f"an expense line that was not asked for was submitted: {extra}")
    return Verdict.yes("the expense report was submitted with the requested lines")


async def _claim_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(_sel("purpose"), params["purpose"])
    centre = pw.locator(_sel("cc"))
    labels = await centre.locator("option").all_inner_texts()
    await centre.select_option(label=next(t for t in labels if re.search(rf"(?<!\d){params['cost_centre']}(?!\d)", t)))
    for n, (day, category, description, amount) in enumerate(_claim_items(params["expenses"])):
        if n:
            await pw.click(_sel("add"))
        row = pw.locator(_sel("line")).nth(n)
        await row.locator(_sel("date")).fill(day)
        await row.locator(_sel("category")).select_option(label=category)
        await row.locator(_sel("description")).fill(description)
        await row.locator(_sel("amount")).fill(amount)
    await pw.check(_sel("certify"))
    await pw.click(_sel("submit"))
    await pw.locator(f"[role=dialog] {_sel('ok')}").click()
    await pw.locator(_sel("done")).wait_for()


# --- 2. weekly timesheet: a JSF-style grid of unlabelled hour cells, week navigation, Save vs Submit for approval --

_TS_CURRENT = dt.date(2026, 11, 30)  # the Monday of the week the timesheet opens on
_TS_ROWS = (
    ("ATL-2207", "Atlas CRM rollout", "Development"),
    ("ATL-2207", "Atlas CRM rollout", "Testing"),
    ("HRZ-1180", "Horizon data warehouse", "Development"),
    ("HRZ-1180", "Horizon data warehouse", "Code review"),
    ("KST-0931", "Keystone mobile app", "Support"),
    ("INT-0001", "Internal", "Team meetings"),
    ("INT-0002", "Internal", "Training"),
)
_TS_MEETINGS = 5  # the row the team's stand-ups are logged on in advance
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
_TS_WORDS = {
    "heading": ("My timesheet", "Timesheet", "Time entry"),
    "prev": ("◀ Previous week", "« Prev week", "‹ Previous"),
    "next": ("Next week ▶", "Next week »", "Next ›"),
    "save": ("Save", "Save draft", "Save timesheet"),
    "send": ("Submit for approval", "Submit timesheet", "Submit"),
}


def _ts_params(rng: random.Random) -> dict[str, str]:
    _, project, task = pick(rng, [row for n, row in enumerate(_TS_ROWS) if n != _TS_MEETINGS])
    week = _TS_CURRENT - dt.timedelta(weeks=rng.randint(0, 2))
    day_off = pick(rng, (None, None, None, *_WEEKDAYS))
    hours = {
        f"{day}_hours": "0" if day == day_off else pick(rng, ("2", "3", "4", "4.5", "5", "6", "6.5", "7", "7.5"))
        for day in _WEEKDAYS
    }
    return {"week_start": week.isoformat(), "project": project, "task": task, **hours}


def _ts_layout(visit: Visit) -> dict[str, Any]:
    rng = visit.rng
    return {
        "sunday": rng.random() < 0.4,  # weeks run Sunday to Saturday (else Monday to Sunday)
        "order": rng.sample(range(len(_TS_ROWS)), len(_TS_ROWS)),
        "form": f"j_idt{rng.randint(20, 99)}",
        "clock": rng.random() < 0.5,  # hours shown as 7:30 (else 7.50)
        "split": rng.random() < 0.5,  # project and task in two columns (else one)
        "head": pick(rng, ("%a %d/%m", "%a<br>%b %d", "%d %a")),
        "words": {key: pick(rng, options) for key, options in _TS_WORDS.items()},
    }


def _ts_monday(day: dt.date) -> dt.date:
    """The Monday of the Monday-to-Sunday week a day falls in."""
    return day - dt.timedelta(days=day.weekday())


def _ts_days(lay: dict[str, Any], monday: dt.date) -> list[dt.date]:
    """The seven dates shown for the week holding `monday`, in column order."""
    start = monday - dt.timedelta(days=1) if lay["sunday"] else monday
    return [start + dt.timedelta(days=n) for n in range(7)]


def _ts_week_of(lay: dict[str, Any], day: dt.date) -> dt.date:
    """The Monday inside the page's week (Sunday-first weeks start the day before it)."""
    return _ts_monday(day + dt.timedelta(days=1)) if lay["sunday"] else _ts_monday(day)


def _ts_status(visit: Visit, monday: dt.date, submitted: set[dt.date] | None = None) -> str:
    if monday > _TS_CURRENT:
        return "Not open yet"
    if monday < _TS_CURRENT - dt.timedelta(weeks=2):
        return "Approved"
    done = visit.state.get("ts_submitted", set()) if submitted is None else submitted
    return "Submitted" if monday in done else "Open"


def _ts_hours(text: str) -> Decimal | None:
    """Hours as typed: '7.5', '7,5' or '7:30'; blank is none; None when unreadable."""
    value = text.strip().replace(",", ".")
    if not value:
        return Decimal(0)
    clock = re.fullmatch(r"(\d{1,2}):([0-5]\d)", value)
    if clock:
        return (Decimal(int(clock[1])) + Decimal(int(clock[2])) / 60).quantize(Decimal("0.01"))
    if re.fullmatch(r"\d{1,2}(\.\d{1,2})?", value):
        return Decimal(value)
    return None


def _ts_show(hours: Decimal, clock: bool) -> str:
    if not hours:
        return ""
    if clock:
        minutes = int((hours * 60).to_integral_value())
        return f"{minutes // 60}:{minutes % 60:02d}"
    return f"{hours:.2f}"


def _ts_prefilled(visit: Visit, monday: dt.date) -> dict[tuple[int, dt.date], Decimal]:
    """What the week holds before the user touches it: stand-ups on open weeks, a full week on approved ones."""
    r = _data_rng(visit, f"week:{monday.isoformat()}")
    grid: dict[tuple[int, dt.date], Decimal] = {}
    status = _ts_status(visit, monday, set())
    for n in range(5):
        day = monday + dt.timedelta(days=n)
        if status == "Open":
            grid[(_TS_MEETINGS, day)] = Decimal(pick(r, ("0.5", "0.75", "1")))
        elif status == "Approved":
            grid[(r.choice((0, 2, 4)), day)] = Decimal("7")
            grid[(_TS_MEETINGS, day)] = Decimal("0.5")
    return grid


def _ts_name(lay: dict[str, Any], position: int, column: int) -> str:
    return f"{lay['form']}:tsGrid:{position}:d{column}"


def _ts_read(
    lay: dict[str, Any], sub: Submission
) -> tuple[dt.date | None, dict[tuple[int, dt.date], Decimal], list[str]]:
    """The week, the hours by (row, date) and the problems of a posted timesheet."""
    shown = _iso(sub.one("week"))
    if shown is None:
        return None, {}, ["The timesheet week is missing. Reload the page and try again."]
    monday = _ts_week_of(lay, shown)
    days = _ts_days(lay, monday)
    grid: dict[tuple[int, dt.date], Decimal] = {}
    errors: list[str] = []
    for position, row in enumerate(lay["order"]):
        for column, day in enumerate(days):
            value = _ts_hours(sub.one(_ts_name(lay, position, column)))
            label = f"{day.strftime('%a %d %b')}, {_TS_ROWS[row][1]} – {_TS_ROWS[row][2]}"
            if value is None:
                errors.append(f"{label}: enter hours as a number, such as 7.5 or 7:30.")
            elif value > 24:
                errors.append(f"{label}: you can't log more than 24 hours in a day.")
            elif value:
                grid[(row, day)] = value
    for day in days:
        if sum((v for (_, d), v in grid.items() if d == day), Decimal(0)) > 24:
            errors.append(f"{day.strftime('%A %d %B')}: the hours add up to more than 24.")
    return monday, grid, errors


def _ts_page(
    visit: Visit,
    monday: dt.date,
    grid: dict[tuple[int, dt.date], Decimal] | None = None,
    errors: list[str] | None = None,
    message: str = "",
) -> str:
    lay = _ts_layout(visit)
    w = lay["words"]
    days = _ts_days(lay, monday)
    status = _ts_status(visit, monday)
    if grid is None:
        saved = visit.state.get("ts_saved", {})
        grid = saved[monday] if monday in saved else _ts_prefilled(visit, monday)
    editable = status == "Open"
    form = lay["form"]
    week_no = monday.isocalendar()[1]
    label = f"Week {week_no} · {days[0].strftime('%d %b')} – {days[-1].strftime('%d %b %Y')}"
    heads = "".join(
        f'<th class="ui-state-default" data-date="{d.isoformat()}" scope="col">{d.strftime(lay["head"])}</th>'
        for d in days
    )
    name_heads = (
        '<th scope="col">Project</th><th scope="col">Task</th>'
        if lay["split"]
        else '<th scope="col">Project / task</th>'
    )
    rows = []
    for position, row in enumerate(lay["order"]):
        number, project, task = _TS_ROWS[row]
        if lay["split"]:
            names = f'<td><span class="code">{number}</span> {esc(project)}</td><td>{esc(task)}</td>'
        else:
            names = f'<td><span class="code">{number}</span> {esc(project)} — {esc(task)}</td>'
        cells = []
        for column, day in enumerate(days):
            value = _ts_show(grid.get((row, day), Decimal(0)), lay["clock"])
            weekend = " weekend" if day.weekday() >= 5 else ""
            if editable:
                cells.append(
                    f'<td class="ui-editable-column{weekend}" data-date="{day.isoformat()}"><input type="text" '
                    f'class="ui-inputfield ui-inputtext hours" name="{_ts_name(lay, position, column)}" '
                    f'value="{value}" size="4" autocomplete="off"></td>'
                )
            else:
                cells.append(f'<td class="{weekend}" data-date="{day.isoformat()}">{value}</td>')
        rows.append(
            f'<tr class="ui-widget-content" {_f(f"row:{project}:{task}")}>{names}{"".join(cells)}'
            '<td class="rowtotal"></td></tr>'
        )
    span = 2 if lay["split"] else 1
    foot = (
        f'<tr><td colspan="{span}">Daily total</td>'
        + "".join(f'<td class="daytotal" data-date="{d.isoformat()}"></td>' for d in days)
        + '<td class="weektotal"></td></tr>'
    )
    previous, following = monday - dt.timedelta(weeks=1), monday + dt.timedelta(weeks=1)
    nav = (
        f'<div class="ui-toolbar"><a class="ui-button" href="{visit.url()}?week={_ts_days(lay, previous)[0]}" '
        f'{_f("prev")}>{w["prev"]}</a><strong class="week-label">{label}</strong>'
        f'<a class="ui-button" href="{visit.url()}?week={_ts_days(lay, following)[0]}">{w["next"]}</a>'
        f'<span class="badge badge-{status.split()[0].lower()}">{status}</span></div>'
    )
    notes = ""
    if errors:
        items = "".join(f"<li>{esc(e)}</li>" for e in errors)
        notes = f'<div class="ui-messages ui-messages-error" role="alert"><ul>{items}</ul></div>'
    elif message:
        notes = f'<div class="ui-messages ui-messages-info" role="status">{esc(message)}</div>'
    if status == "Not open yet":
        table = "<p>Timesheets for this week open on its first day.</p>"
    else:
        table = (
            f'<table class="ui-datatable" role="grid"><thead><tr>{name_heads}{heads}<th scope="col">Total</th></tr>'
            f"</thead><tbody>{''.join(rows)}</tbody><tfoot>{foot}</tfoot></table>"
        )
    buttons = ""
    if editable:
        buttons = (
            f'<div class="ui-panel-footer"><button type="submit" name="{form}:save" '
            f'formaction="{visit.url("submit/save")}" class="ui-button">{w["save"]}</button>'
            f'<button type="submit" name="{form}:send" formaction="{visit.url("submit/timesheet")}" '
            f'class="ui-button ui-button-primary" {_f("send")}>{w["send"]}</button></div>'
        )
    elif status == "Submitted":
        buttons = '<p class="muted">This timesheet has been submitted and is waiting for approval.</p>'
    body = (
        f'<div class="layout-topbar">TimeTrack · {esc(pick(_data_rng(visit, "who"), _EMPLOYEES))}</div>'
        f"<h1>{w['heading']}</h1>{nav}{notes}"
        f'<form id="{form}" name="{form}" method="post" action="{visit.url("submit/save")}">'
        f'<input type="hidden" name="{form}" value="{form}"><input type="hidden" name="week" '
        f'value="{days[0].isoformat()}"><input type="hidden" name="javax.faces.ViewState" '
        f'value="{_data_rng(visit, "view").getrandbits(60)}:{visit.visit_no}">{table}{buttons}</form>'
        '<p class="muted">Enter hours as decimals (7.5) or hours and minutes (7:30).</p>'
    )
    css = (
        "<style>body{max-width:60rem}.layout-topbar{background:#37474f;color:#fff;padding:.5rem 1rem}"
        ".ui-toolbar{display:flex;gap:1rem;align-items:center;margin:.8rem 0}.ui-datatable input{width:3.4rem}"
        ".weekend{background:#f3f3f3}.badge{padding:.1rem .5rem;border-radius:.3rem;background:#e0e0e0}"
        ".badge-open{background:#fff3cd}.badge-submitted{background:#d1ecf1}.badge-approved{background:#d4edda}"
        ".ui-messages-error{color:#b00020;border:1px solid #b00020;padding:.3rem 1rem}"
        ".ui-messages-info{color:#0a7a2f;border:1px solid #0a7a2f;padding:.5rem 1rem}"
        ".ui-button-primary{background:#1976d2;color:#fff;border:0}.code{color:#777;font-size:.85rem}</style>"
    )
    script = (
        f"const CLOCK = {js(lay['clock'])};\n"
        + r"""
function hours(v) {
  v = v.trim().replace(',', '.');
  if (!v) return 0;
  let m = v.match(/^(\d{1,2}):([0-5]\d)$/);
  if (m) return +m[1] + m[2] / 60;
  return /^\d{1,2}(\.\d{1,2})?$/.test(v) ? parseFloat(v) : NaN;
}
function show(h) {
  if (!h) return '';
  if (CLOCK) { const m = Math.round(h * 60); return Math.floor(m / 60) + ':' + String(m % 60).padStart(2, '0'); }
  return h.toFixed(2);
}
function cellValue(td) { const i = td.querySelector('input'); return hours(i ? i.value : td.textContent); }
function totals() {
  const table = document.querySelector('.ui-datatable'); if (!table) return;
  let week = 0;
  table.querySelectorAll('tbody tr').forEach(tr => {
    let sum = 0; tr.querySelectorAll('td[data-date]').forEach(td => { const h = cellValue(td); if (h > 0) sum += h; });
    tr.querySelector('.rowtotal').textContent = show(sum);
  });
  table.querySelectorAll('.daytotal').forEach(cell => {
    let sum = 0;
    table.querySelectorAll(`tbody td[data-date="${cell.dataset.date}"]`).forEach(td => {
      const h = cellValue(td); if (h > 0) sum += h;
    });
    cell.textContent = show(sum); week += sum;
  });
  table.querySelector('.weektotal').textContent = show(week);
}
document.addEventListener('input', totals);
document.addEventListener('focusout', e => {
  if (e.target.classList && e.target.classList.contains('hours')) {
    const h = hours(e.target.value);
    e.target.classList.toggle('ui-state-error', Number.isNaN(h));
    if (!Number.isNaN(h)) e.target.value = show(h);
    totals();
  }
});
totals();
"""
    )
    return page(f"Timesheet – {label}", body, head=css, script=script)


def _ts_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    shown = _iso(visit.query.get("week", "")) or _TS_CURRENT
    return _ts_page(visit, _ts_week_of(_ts_layout(visit), shown))


def _ts_respond(visit: Visit, sub: Submission) -> Response:
    lay = _ts_layout(visit)
    monday, grid, errors = _ts_read(lay, sub)
    if monday is None:
        return Response(page("Timesheet", f"<h1>Something went wrong</h1><p>{esc(errors[0])}</p>"), status=400)
    status = _ts_status(visit, monday)
    if status != "Open":
        errors.insert(0, f"This timesheet is {status.lower()} and can no longer be changed.")
    if sub.step == "timesheet" and not errors and not grid:
        errors.append("Enter your hours before submitting the timesheet.")
    if errors:
        return Response(_ts_page(visit, monday, grid, errors))
    visit.state.setdefault("ts_saved", {})[monday] = grid
    if sub.step != "timesheet":
        return Response(
            _ts_page(visit, monday, message="Timesheet saved. Remember to submit it at the end of the week.")
        )
    visit.state.setdefault("ts_submitted", set()).add(monday)
    days = _ts_days(lay, monday)
    total = sum(grid.values(), Decimal(0))
    approver = pick(_data_rng(visit, "approver"), _MANAGERS)
    body = (
        f'<div class="layout-topbar">TimeTrack</div><div {_f("done")} role="status"><h1>Timesheet submitted</h1>'
        f"<p>Your timesheet for {days[0].strftime('%d %b')} – {days[-1].strftime('%d %b %Y')} ({total:.2f} hours)"
        f" has been sent to {esc(approver)} for approval.</p></div>"
        f'<p><a href="{visit.url()}?week={days[0].isoformat()}">View timesheet</a></p>'
    )
    return Response(page("Timesheet submitted", body))


def _ts_replay(visit: Visit, record: Record) -> tuple[list[tuple[dt.date, dict]], set[dt.date], str]:
    """The timesheets the server accepted for approval (week, hours), the weeks only saved, the last refusal."""
    lay = _ts_layout(visit)
    submitted: set[dt.date] = set()
    sent: list[tuple[dt.date, dict]] = []
    saved: set[dt.date] = set()
    refused = ""
    for sub in record.submissions:
        if sub.step not in ("save", "timesheet"):
            continue
        monday, grid, errors = _ts_read(lay, sub)
        if monday is not None and _ts_status(visit, monday, submitted) != "Open":
            errors.append(f"the week of {monday} can no longer be changed")
        if sub.step == "timesheet" and not errors and not grid:
            errors.append("no hours were entered")
        if errors or monday is None:
            refused = "; ".join(errors)
        elif sub.step == "timesheet":
            submitted.add(monday)
            sent.append((monday, grid))
        else:
            saved.add(monday)
    return sent, saved, refused


def _ts_judge(visit: Visit, record: Record) -> Verdict:
    p = visit.params
    target = dt.date.fromisoformat(p["week_start"])
    sent, saved, refused = _ts_replay(visit, record)
    others = [monday for monday, _ in sent if monday != target]
    if others:
        return Verdict.no(f"the timesheet for the week of {others[0]} was submitted; the task was the week of {target}")
    if not sent:
        if target in saved:
            return _nothing(f"the week of {target} was saved but never submitted for approval", refused)
        return _nothing(f"no timesheet was submitted for the week of {target}", refused)
    grid = sent[0][1]
    row = next(n for n, (_, project, task) in enumerate(_TS_ROWS) if (project, task) == (p["project"], p["task"]))
    want = {(row, target + dt.timedelta(days=n)): Decimal(p[f"{day}_hours"]) for n, day in enumerate(_WEEKDAYS)}
    want = {key: value for key, value in want.items() if value}
    want.update(_ts_prefilled(visit, target))
    for key in sorted(set(want) | set(grid), key=lambda k: (k[1], k[0])):
        if want.get(key, Decimal(0)) != grid.get(key, Decimal(0)):
            what = f"{_TS_ROWS[key[0]][1]} – {_TS_ROWS[key[0]][2]} on {key[1].strftime('%a %d %b')}"
            return Verdict.no(f"{what}: expected {want.get(key, 0)} hours, got {grid.get(key, 0)}")
    return Verdict.yes(f"the timesheet for the week of {target} was submitted with the requested hours")


async def _ts_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    monday = dt.date.fromisoformat(params["week_start"])
    for _ in range(6):
        if await pw.locator(f'thead th[data-date="{monday.isoformat()}"]').count():
            break
        async with pw.expect_navigation():
            await pw.click(_sel("prev"))
    row = pw.locator(_sel(f"row:{params['project']}:{params['task']}"))
    for n, day in enumerate(_WEEKDAYS):
        value = params[f"{day}_hours"]
        if Decimal(value):
            date = (monday + dt.timedelta(days=n)).isoformat()
            await row.locator(f'td[data-date="{date}"] input').fill(value)
    async with pw.expect_navigation():
        await pw.click(_sel("send"))
    await pw.locator(_sel("done")).wait_for()


# --- 3. module enrolment: search the catalogue (fetch, after a pause), "Enrol" on the right row, seminar dialog ----

_DAY_NAMES = {"Mon": "Monday", "Tue": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday", "Fri": "Friday"}
# code | title | credits | term | convenor | seminar groups (day, start, room, places left)
_CATALOGUE = """
ECON2041 | Econometrics I | 20 | Autumn | Dr Ruth Okonjo | Mon 10:00 LT3 6; Wed 14:00 B12 0; Thu 09:00 B14 3
ECON2042 | Econometrics II | 20 | Spring | Dr Ruth Okonjo | Tue 11:00 B12 4; Thu 15:00 LT3 9
ECON3310 | Applied Econometrics | 20 | Spring | Prof. Alan Mbeki | Mon 13:00 C2 2; Fri 10:00 C2 7
DATA2105 | Data Visualisation | 15 | Autumn | Dr Ines Kowalczyk | Tue 09:00 Lab4 5; Wed 11:00 Lab4 0; Fri 14:00 Lab2 8
DATA2106 | Data Visualisation | 15 | Spring | Dr Ines Kowalczyk | Mon 15:00 Lab2 3; Thu 10:00 Lab4 6
DATA3120 | Data Visualisation Project | 15 | Spring | Dr Tomasz Lindgren | Wed 13:00 Lab1 4; Fri 09:00 Lab1 5
PSYC2210 | Cognitive Psychology | 20 | Autumn | Dr Hannah Adeyemi | Mon 09:00 G04 10; Tue 14:00 G04 1; Thu 11:00 G06 0
PSYC2211 | Cognitive Neuroscience | 20 | Spring | Prof. Leon Varga | Wed 10:00 G06 5; Fri 13:00 G04 2
HIST2304 | Modern European History | 20 | Autumn | Dr Clara Mendes | Tue 10:00 A112 8; Thu 14:00 A112 3
HIST2305 | Modern European History | 20 | Spring | Dr Clara Mendes | Mon 11:00 A110 6; Wed 15:00 A112 4
MGMT2150 | Organisational Behaviour | 15 | Autumn | Dr Samir Qureshi | Mon 14:00 BS201 12; Fri 11:00 BS203 6
MGMT2151 | Organisational Behaviour | 15 | Spring | Dr Samir Qureshi | Tue 13:00 BS201 5; Thu 16:00 BS203 9
MGMT2400 | Project Management | 15 | Spring | Ms Fiona Drummond | Wed 09:00 BS105 0; Fri 15:00 BS105 0
LAW2010 | Contract Law | 20 | Autumn | Prof. Miriam Achebe | Tue 15:00 L302 7; Thu 10:00 L302 2
LAW2011 | Employment Law | 15 | Spring | Dr Owen Pritchard | Mon 10:00 L214 8; Wed 14:00 L214 3
COMP2310 | Machine Learning Foundations | 20 | Autumn | Dr Priya Raman | Wed 10:00 CS105 0; Thu 13:00 CS107 4
COMP2311 | Machine Learning in Practice | 20 | Spring | Dr Priya Raman | Tue 10:00 CS105 3; Thu 14:00 CS107 5
LANG1104 | Spanish for Beginners | 10 | Autumn | Lucía Ortega | Mon 17:00 LC3 9; Wed 17:00 LC3 2
LANG1105 | Spanish for Beginners | 10 | Spring | Lucía Ortega | Tue 17:00 LC3 6; Thu 17:00 LC3 11
LANG2104 | Intermediate Spanish | 10 | Spring | Lucía Ortega | Mon 18:00 LC4 5; Wed 18:00 LC4 7
ENVS2202 | Climate Policy | 15 | Autumn | Dr Femi Lawal | Tue 11:00 E110 6; Fri 09:00 E110 3
ENVS2203 | Climate Science | 15 | Spring | Dr Femi Lawal | Mon 12:00 E112 4; Thu 12:00 E112 8
ECON2010 | Intermediate Microeconomics | 20 | Autumn | Prof. Alan Mbeki | Mon 09:00 LT1 14; Wed 09:00 LT1 2
ECON2020 | Intermediate Macroeconomics | 20 | Spring | Dr Yusuf Demir | Tue 09:00 LT1 6; Fri 11:00 LT2 3
SKIL1000 | Academic Writing | 10 | Autumn | Dr Grace Mwangi | Thu 16:00 LIB2 20
"""


def _parse_catalogue(text: str) -> tuple[tuple[str, str, int, str, str, tuple[tuple[str, str, str, int], ...]], ...]:
    modules = []
    for line in text.strip().splitlines():
        number, title, credits, term, convenor, groups = (part.strip() for part in line.split("|"))
        slots = []
        for group in groups.split(";"):
            day, start, *room, left = group.split()
            slots.append((day, start, " ".join(room), int(left)))
        modules.append((number, title, int(credits), term, convenor, tuple(slots)))
    return tuple(modules)


_MODULES = _parse_catalogue(_CATALOGUE)
_ENROLLED = {"ECON2010": "Mon", "ECON2020": "Fri", "SKIL1000": "Thu"}  # module → seminar day, before the visit
_CREDIT_LIMIT = 120
_MODULE = {m[0]: m for m in _MODULES}
_TERM_WORDS = {
    "Autumn": ("Autumn", "Autumn term", "Semester 1 (Autumn)"),
    "Spring": ("Spring", "Spring term", "Semester 2 (Spring)"),
}


def _enrol_params(rng: random.Random) -> dict[str, str]:
    choices = [m for m in _MODULES if m[0] not in _ENROLLED and any(g[3] for g in m[5])]
    module = pick(rng, choices)
    day, start, _, _ = pick(rng, [g for g in module[5] if g[3]])
    return {"module": module[1], "term": module[3], "seminar": f"{_DAY_NAMES[day]} {start}"}


def _group_ids(visit: Visit) -> dict[str, tuple[str, str]]:
    """Seminar group id → (module code, day), per seed."""
    r = _data_rng(visit, "groups")
    ids = r.sample(range(0x10000, 0xFFFFF), sum(len(m[5]) for m in _MODULES))
    pairs = [(m[0], g[0]) for m in _MODULES for g in m[5]]
    return {f"grp-{n:05x}": pair for n, pair in zip(ids, pairs, strict=True)}


def _enrol_layout(visit: Visit) -> dict[str, Any]:
    rng = visit.rng
    return {
        "cards": rng.random() < 0.5,
        "terms": {term: pick(rng, words) for term, words in _TERM_WORDS.items()},
        "clock": pick(rng, ("24h", "12h", "long")),
        "enrol": pick(rng, ("Enrol", "Add module", "Select")),
        "confirm": pick(rng, ("Confirm enrolment", "Enrol", "Confirm")),
        "search": pick(rng, ("Search", "Find modules")),
        "placeholder": pick(rng, ("Module code, title or tutor", "Search by keyword or module code", "e.g. ECON2041")),
    }


def _time_label(day: str, start: str, clock: str) -> str:
    hour = int(start[:2])
    end = f"{hour + 1:02d}:00"
    if clock == "24h":
        return f"{day} {start}–{end}"

    def twelve(h: int) -> str:
        return f"{(h - 1) % 12 + 1}{'am' if h < 12 else 'pm'}"

    if clock == "12h":
        return f"{_DAY_NAMES[day]} {twelve(hour)}–{twelve(hour + 1)}"
    return f"{_DAY_NAMES[day]}s, {start} to {end}"


def _enrol_state(visit: Visit) -> dict[str, str]:
    """The student's modules now: code → seminar group id."""
    if "enrolled" not in visit.state:
        ids = {pair: gid for gid, pair in _group_ids(visit).items()}
        visit.state["enrolled"] = {m: ids[(m, day)] for m, day in _ENROLLED.items()}
    return visit.state["enrolled"]


def _places(module: tuple, day: str, taken: dict[str, str], groups: dict[str, tuple[str, str]]) -> int:
    base = next(g[3] for g in module[5] if g[0] == day)
    extra = sum(1 for m, gid in taken.items() if groups[gid] == (module[0], day) and m not in _ENROLLED)
    return max(0, base - extra)


def _enrol_check(visit: Visit, enrolled: dict[str, str], sub: Submission) -> str:
    """Why the server refuses an enrolment now ('' when it accepts it)."""
    groups = _group_ids(visit)
    module = _MODULE.get(sub.one("module"))
    if module is None:
        return "Unknown module."
    if module[0] in enrolled:
        return f"You are already enrolled on {module[0]}."
    if groups.get(sub.one("group"), ("", ""))[0] != module[0]:
        return "Choose a seminar group."
    if _places(module, groups[sub.one("group")][1], enrolled, groups) <= 0:
        return "That seminar group is full. Choose another group."
    credits = sum(_MODULE[m][2] for m in enrolled) + module[2]
    if credits > _CREDIT_LIMIT:
        return f"This would take you over {_CREDIT_LIMIT} credits. Drop a module first."
    return ""


def _module_json(visit: Visit, module: tuple, enrolled: dict[str, str]) -> dict[str, Any]:
    lay = _enrol_layout(visit)
    ids = {pair: gid for gid, pair in _group_ids(visit).items()}
    groups = _group_ids(visit)
    rows = []
    for day, start, room, _ in module[5]:
        left = _places(module, day, enrolled, groups)
        rows.append(
            {
                "id": ids[(module[0], day)],
                "label": _time_label(day, start, lay["clock"]),
                "room": room,
                "places": left,
                "f": code(f"grp:{_DAY_NAMES[day]} {start}"),
            }
        )
    status = "enrolled" if module[0] in enrolled else "open" if any(g["places"] for g in rows) else "full"
    return {
        "code": module[0],
        "title": module[1],
        "credits": module[2],
        "term": lay["terms"][module[3]],
        "convenor": module[4],
        "status": status,
        "groups": rows,
        "f": code(f"mod:{module[1]}:{module[3]}"),
    }


def _enrol_render(visit: Visit) -> Response | str:
    enrolled = _enrol_state(visit)
    if visit.path == "api/modules":
        words = visit.query.get("q", "").casefold().split()
        term = visit.query.get("term", "")
        if not words:
            return Response.json({"error": "Enter a module code, title or keyword.", "results": []})
        found = [
            _module_json(visit, m, enrolled)
            for m in _MODULES
            if all(word in f"{m[0]} {m[1]} {m[4]}".casefold() for word in words) and term in ("", m[3])
        ]
        return Response.json({"results": found})
    if visit.path:
        return _not_found()
    rng = visit.rng
    lay = _enrol_layout(visit)
    i = {k: _hex(rng, "m") for k in ("q", "term", "go", "results", "mine", "credits", "alert", "dlg", "dt", "groups")}
    i.update({k: _hex(rng, "m") for k in ("ok", "cancel", "x", "derr", "count")})
    term_opts = "".join(f'<option value="{t}">{esc(lay["terms"][t])}</option>' for t in ("Autumn", "Spring"))
    body = (
        '<nav class="navbar"><span class="navbar-brand">Student Hub</span><span>Module enrolment 2027/28</span></nav>'
        '<div class="container"><h1 class="h3">Choose your optional modules</h1>'
        f'<div id="{i["alert"]}" role="status"></div>'
        '<div class="card mb-3"><div class="card-header">My modules</div><ul class="list-group list-group-flush" '
        f'id="{i["mine"]}"></ul><div class="card-footer"><span id="{i["credits"]}"></span></div></div>'
        f'<form class="row g-2 mb-3" role="search" id="{i["q"]}-form"><div class="col">'
        f'<label for="{i["q"]}" class="form-label">Search the module catalogue</label>'
        f'<input type="search" class="form-control" id="{i["q"]}" placeholder="{esc(lay["placeholder"])}" '
        f'{_f("q")}></div><div class="col-auto"><label for="{i["term"]}" class="form-label">Term</label>'
        f'<select class="form-select" id="{i["term"]}"><option value="">All terms</option>{term_opts}</select></div>'
        f'<div class="col-auto"><button class="btn btn-primary" id="{i["go"]}" {_f("search")}>'
        f"{lay['search']}</button></div></form>"
        f'<p class="text-muted" id="{i["count"]}" aria-live="polite"></p><div id="{i["results"]}"></div></div>'
        f'<div class="modal-backdrop" id="{i["dlg"]}-b" hidden></div>'
        f'<div class="modal" id="{i["dlg"]}" role="dialog" aria-modal="true" aria-labelledby="{i["dt"]}" hidden>'
        f'<div class="modal-header"><h2 class="h5" id="{i["dt"]}"></h2><button type="button" class="btn-close" '
        f'id="{i["x"]}" aria-label="Close">×</button></div><div class="modal-body"><fieldset><legend>Choose a seminar '
        f'group</legend><div id="{i["groups"]}"></div></fieldset><p class="text-danger" id="{i["derr"]}"></p></div>'
        f'<div class="modal-footer"><button type="button" class="btn btn-secondary" id="{i["cancel"]}">Cancel</button>'
        f'<button type="button" class="btn btn-primary" id="{i["ok"]}" {_f("confirm")}>{esc(lay["confirm"])}</button>'
        "</div></div>"
    )
    css = (
        "<style>.navbar{display:flex;justify-content:space-between;background:#4b2e83;color:#fff;padding:.6rem 1rem}"
        ".card{border:1px solid #ddd;border-radius:.4rem;margin:.8rem 0}.card-header,.card-footer{background:#f7f7f9;"
        "padding:.4rem .8rem}.list-group{list-style:none;margin:0;padding:0}.list-group-item{padding:.5rem .8rem;"
        "border-top:1px solid #eee;display:flex;justify-content:space-between;gap:1rem;align-items:center}"
        ".row{display:flex;gap:.6rem;align-items:flex-end}.col{flex:1}.form-control{width:100%;box-sizing:border-box}"
        ".btn-primary{background:#4b2e83;color:#fff;border:0;border-radius:.3rem}.btn-secondary{border-radius:.3rem}"
        ".badge{background:#e9ecef;border-radius:.3rem;padding:.1rem .45rem;font-size:.85rem}.text-muted{color:#666}"
        ".text-danger{color:#b00020}.alert-success{border:1px solid #0a7a2f;background:#e6f4ea;padding:.6rem 1rem}"
        ".modal-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45)}.modal{position:fixed;top:12vh;left:50%;"
        "transform:translateX(-50%);background:#fff;border-radius:.5rem;width:30rem;padding:.5rem 1.2rem}"
        ".modal-header,.modal-footer{display:flex;justify-content:space-between;align-items:center}"
        ".form-check{margin:.4rem 0}.form-check label{display:inline}.table{width:100%}</style>"
    )
    mine = [_module_json(visit, _MODULE[m], enrolled) for m in enrolled]
    cfg = {
        "i": i,
        "cards": lay["cards"],
        "enrol": lay["enrol"],
        "mine": mine,
        "limit": _CREDIT_LIMIT,
        "f": {"enrol": code("enrol"), "enrolled": code("enrolled")},
    }
    script = (
        beacon_script(visit)
        + f"const CFG = {js(cfg)};\n"
        + r"""
const I = CFG.i, $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, ch => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[ch]));
let mine = CFG.mine, results = [], current = null;
function drawMine() {
  $(I.mine).innerHTML = mine.map(m => `<li class="list-group-item"><span><strong>${esc(m.code)}</strong> ` +
    `${esc(m.title)} <span class="badge">${esc(m.term)}</span> <span class="badge">${m.credits} credits</span></span>` +
    `<button type="button" class="btn btn-link" data-drop="${esc(m.code)}">Drop</button></li>`).join('');
  const credits = mine.reduce((s, m) => s + m.credits, 0);
  $(I.credits).textContent = `${credits} of ${CFG.limit} credits chosen`;
  $(I.mine).querySelectorAll('[data-drop]').forEach(b => b.addEventListener('click', async () => {
    const answer = await send('drop', {module: b.dataset.drop});
    if (answer.status === 200) { mine = mine.filter(m => m.code !== b.dataset.drop); drawMine(); search(false); }
  }));
}
function action(m) {
  if (m.status === 'enrolled') return '<span class="badge">Enrolled ✓</span>';
  if (m.status === 'full') return '<button type="button" class="btn btn-secondary" disabled>Full</button>';
  return `<button type="button" class="btn btn-primary" data-enrol="${esc(m.code)}" data-f="${CFG.f.enrol}" ` +
    `aria-label="${esc(CFG.enrol)} ${esc(m.code)} ${esc(m.title)}">${esc(CFG.enrol)}</button>`;
}
function drawResults() {
  if (CFG.cards) {
    $(I.results).innerHTML = '<ul class="list-group">' + results.map(m =>
      `<li class="list-group-item" data-f="${m.f}"><div><div><strong>${esc(m.title)}</strong></div>` +
      `<div class="text-muted">${esc(m.code)} · ${m.credits} credits · ${esc(m.term)} · ${esc(m.convenor)}</div>` +
      `</div>${action(m)}</li>`).join('') + '</ul>';
  } else {
    $(I.results).innerHTML = results.length ? '<table class="table"><thead><tr><th>Code</th><th>Module</th>' +
      '<th>Credits</th><th>Term</th><th>Convenor</th><th></th></tr></thead><tbody>' +
      results.map(m => `<tr data-f="${m.f}">` +
      `<td>${esc(m.code)}</td><td>${esc(m.title)}</td><td>${m.credits}</td><td>${esc(m.term)}</td>` +
      `<td>${esc(m.convenor)}</td><td>${action(m)}</td></tr>`).join('') + '</tbody></table>' : '';
  }
  $(I.results).querySelectorAll('[data-enrol]').forEach(b => b.addEventListener('click', () =>
    openDialog(results.find(m => m.code === b.dataset.enrol))));
}
async function search(announce) {
  const q = $(I.q).value.trim();
  if (!q) { $(I.count).textContent = 'Enter a module code, title or keyword.'; results = []; drawResults(); return; }
  if (announce) { $(I.count).textContent = 'Searching…'; $(I.results).innerHTML = ''; }
  await new Promise(r => setTimeout(r, 450));
  const r = await fetch(`${BASE}/api/modules?q=${encodeURIComponent(q)}&term=${encodeURIComponent($(I.term).value)}`);
  results = (await r.json()).results;
  $(I.count).textContent = results.length ? `${results.length} module${results.length === 1 ? '' : 's'} found` :
    'No modules match your search.';
  drawResults();
}
$(I.q + '-form').addEventListener('submit', e => { e.preventDefault(); search(true); });
function closeDialog() { $(I.dlg).hidden = true; $(I.dlg + '-b').hidden = true; current = null; }
const places = n => n ? `${n} ${n === 1 ? 'place' : 'places'} left` : 'Full';
function openDialog(m) {
  current = m;
  $(I.dt).textContent = `Enrol on ${m.code} ${m.title}`;
  $(I.groups).innerHTML = m.groups.map(g => `<div class="form-check"><input type="radio" name="group" ` +
    `id="${g.id}" value="${g.id}" data-f="${g.f}" ${g.places ? '' : 'disabled'}> <label for="${g.id}">` +
    `${esc(g.label)} · Room ${esc(g.room)} · ${places(g.places)}</label></div>`).join('');
  $(I.derr).textContent = '';
  $(I.dlg).hidden = false; $(I.dlg + '-b').hidden = false;
}
$(I.x).addEventListener('click', closeDialog);
$(I.cancel).addEventListener('click', closeDialog);
$(I.ok).addEventListener('click', async () => {
  const chosen = $(I.groups).querySelector('input:checked');
  if (!chosen) { $(I.derr).textContent = 'Choose a seminar group.'; return; }
  $(I.ok).disabled = true;
  let answer;
  try { answer = await send('enrol', {module: current.code, group: chosen.value}); }
  finally { $(I.ok).disabled = false; }
  if (answer.status === 201) {
    const m = answer.body.module;
    mine.push(m); drawMine(); closeDialog();
    $(I.alert).innerHTML = `<div class="alert-success" data-f="${CFG.f.enrolled}"></div>`;
    $(I.alert).firstChild.textContent =
      `You are now enrolled on ${m.code} ${m.title} (seminar group: ${answer.body.group}).`;
    search(false);
  } else {
    $(I.derr).textContent = (answer.body && answer.body.error) || 'Something went wrong. Please try again.';
  }
});
drawMine();
"""
    )
    return page("Module enrolment · Student Hub", body, head=css, script=script)


def _enrol_respond(visit: Visit, sub: Submission) -> Response:
    enrolled = _enrol_state(visit)
    if sub.step == "drop":
        if sub.one("module") not in enrolled:
            return Response.json({"error": "You are not enrolled on that module."}, status=404)
        del enrolled[sub.one("module")]
        return Response.json({"ok": True})
    if sub.step != "enrol":
        return _not_found()
    problem = _enrol_check(visit, enrolled, sub)
    if problem:
        return Response.json({"error": problem}, status=409)
    enrolled[sub.one("module")] = sub.one("group")
    module = _MODULE[sub.one("module")]
    day = _group_ids(visit)[sub.one("group")][1]
    start = next(g[1] for g in module[5] if g[0] == day)
    label = _time_label(day, start, _enrol_layout(visit)["clock"])
    return Response.json({"module": _module_json(visit, module, enrolled), "group": label}, status=201)


def _enrol_judge(visit: Visit, record: Record) -> Verdict:
    groups = _group_ids(visit)
    ids = {pair: gid for gid, pair in groups.items()}
    enrolled = {m: ids[(m, day)] for m, day in _ENROLLED.items()}
    added: list[str] = []
    refused = ""
    for sub in record.submissions:
        if sub.step == "drop" and sub.one("module") in added:  # undoing its own mistake is fine
            added.remove(sub.one("module"))
            del enrolled[sub.one("module")]
        elif sub.step == "drop" and sub.one("module") in enrolled:
            return Verdict.no(f"the module {sub.one('module')} was dropped, which the task did not ask for")
        if sub.step == "enrol":
            problem = _enrol_check(visit, enrolled, sub)
            if problem:
                refused = problem
            else:
                enrolled[sub.one("module")] = sub.one("group")
                added.append(sub.one("module"))
    p = visit.params
    target = next(m for m in _MODULES if (m[1], m[3]) == (p["module"], p["term"]))
    if not added:
        return _nothing(f"no enrolment was made on {target[0]} {target[1]}", refused)
    wrong = [m for m in added if m != target[0]]
    if wrong:
        module = _MODULE[wrong[0]]
        return Verdict.no(f"enrolled on {module[0]} {module[1]} ({module[3]}), which was not the module asked for")
    day = groups[enrolled[target[0]]][1]
    start = next(g[1] for g in target[5] if g[0] == day)
    if f"{_DAY_NAMES[day]} {start}" != p["seminar"]:
        return Verdict.no(f"seminar group: expected {p['seminar']}, got {_DAY_NAMES[day]} {start}")
    return Verdict.yes(f"enrolled on {target[0]} {target[1]} in the {p['seminar']} seminar group")


async def _enrol_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(_sel("q"), params["module"])
    await pw.click(_sel("search"))
    item = pw.locator(_sel(f"mod:{params['module']}:{params['term']}"))
    await item.locator(_sel("enrol")).click()
    dialog = pw.locator("[role=dialog]")
    await dialog.locator(_sel(f"grp:{params['seminar']}")).check()
    await dialog.locator(_sel("confirm")).click()
    await pw.locator(_sel("enrolled")).wait_for()


# --- 4. leave request: typed or picked dates (locale format), half-day controls once dates are set, review, send --

_HOLIDAYS = {
    dt.date(2027, 1, 1): "New Year's Day",
    dt.date(2027, 3, 26): "Good Friday",
    dt.date(2027, 3, 29): "Easter Monday",
    dt.date(2027, 5, 3): "Early May bank holiday",
    dt.date(2027, 5, 31): "Spring bank holiday",
    dt.date(2027, 8, 30): "Summer bank holiday",
    dt.date(2027, 12, 27): "Christmas Day (substitute day)",
    dt.date(2027, 12, 28): "Boxing Day (substitute day)",
}
_BALANCES: dict[str, Decimal | None] = {
    "Annual leave": Decimal("18.5"),
    "Study leave": Decimal("5"),
    "Time off in lieu": Decimal("4.5"),
    "Unpaid leave": None,
    "Compassionate leave": None,
    "Jury service": None,
    "Parental leave": None,
}
_LEAVE_BOOKABLE = {"Annual leave": 8, "Study leave": 4, "Time off in lieu": 4, "Unpaid leave": 8}  # → most days
_LEAVE_COMMENTS = {
    "Annual leave": (
        "Family wedding in Porto",
        "Moving house, so I will be offline",
        "Visiting my parents in Gdańsk",
        "Half-term break with the kids",
    ),
    "Study leave": ("Revision before my ACCA Financial Reporting exam", "Attending the CIPD Level 5 study block"),
    "Time off in lieu": (
        "Time back for the weekend release on 14 November",
        "Lieu days for working the trade show weekend",
    ),
    "Unpaid leave": ("Extended trip to visit family in Lagos", "Volunteering with the Red Cross flood response"),
}
_DATE_FORMATS = {  # placeholder → (strftime, field order, separator)
    "DD/MM/YYYY": ("%d/%m/%Y", "dmy", "/"),
    "MM/DD/YYYY": ("%m/%d/%Y", "mdy", "/"),
    "DD.MM.YYYY": ("%d.%m.%Y", "dmy", "."),
}
_LEAVE_WORDS = {
    "heading": ("Request time off", "Book leave", "New absence request"),
    "type": ("Leave type", "Absence type", "Type of leave"),
    "dates": (("From", "To"), ("Start date", "End date"), ("First day of leave", "Last day of leave")),
    "comment": ("Comment for your approver", "Note (optional)", "Reason or comments"),
    "approver": ("Approver", "Send to", "Approved by"),
    "review": ("Review request", "Continue", "Next"),
    "send": ("Send request", "Submit request", "Request time off"),
}


_CALENDAR_ICON = (
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><rect x="1.5" y="3" width="13" height="11.5" '
    'rx="1.5" fill="none" stroke="currentColor"/><path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor"/></svg>'
)


def _number(value: Decimal | None) -> str:
    """A number of days as people write it: 6, 4.5."""
    return f"{(value or Decimal(0)).normalize():f}"


def _working(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _HOLIDAYS


def _leave_params(rng: random.Random) -> dict[str, str]:
    kind = pick(rng, tuple(_LEAVE_BOOKABLE))
    start = dt.date(2027, 2, 1) + dt.timedelta(days=rng.randint(0, 230))
    while not _working(start):
        start += dt.timedelta(days=1)
    end, count, wanted = start, 1, rng.randint(2, _LEAVE_BOOKABLE[kind])
    while count < wanted:
        end += dt.timedelta(days=1)
        count += _working(end)
    return {
        "leave_type": kind,
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "half_day": pick(rng, ("No", "First day", "Last day")),
        "comment": pick(rng, _LEAVE_COMMENTS[kind]),
    }


def _leave_days(start: dt.date, end: dt.date, first: str, last: str) -> Decimal:
    """Working days requested: weekdays that are not bank holidays, less half a day per half-day end."""
    days = Decimal(sum(_working(start + dt.timedelta(days=n)) for n in range((end - start).days + 1)))
    return days - Decimal("0.5") * ((first == "PM") + (last == "AM"))


def _leave_layout(visit: Visit) -> dict[str, Any]:
    rng = visit.rng
    placeholder = pick(rng, tuple(_DATE_FORMATS))
    return {
        "placeholder": placeholder,
        "halves": pick(rng, ("check", "select")),
        "dates_first": rng.random() < 0.4,
        "words": {key: pick(rng, options) for key, options in _LEAVE_WORDS.items()},
    }


def _leave_words(lay: dict[str, Any]) -> dict[str, str]:
    words = {key: value for key, value in lay["words"].items() if key != "dates"}
    words["from"], words["to"] = lay["words"]["dates"]
    return words


def _leave_codes(visit: Visit) -> tuple[dict[str, str], dict[str, str], str]:
    """Option values of the leave types and approvers (value → name) and the default approver's value."""
    r = _data_rng(visit, "codes")
    types = {f"ABS-{n}": kind for n, kind in zip(r.sample(range(100, 999), len(_BALANCES)), _BALANCES, strict=True)}
    people = r.sample(_MANAGERS, 3)
    approvers = {f"W{n}": name for n, name in zip(r.sample(range(10000, 99999), 3), people, strict=True)}
    return types, approvers, next(iter(approvers))


def _leave_render(visit: Visit) -> Response | str:
    if visit.path == "api/days":
        start, end = _iso(visit.query.get("from", "")), _iso(visit.query.get("to", ""))
        if start is None or end is None or end < start:
            return Response.json({"days": None, "message": "Choose your first and last day to see how many days."})
        days = _leave_days(start, end, visit.query.get("first", ""), visit.query.get("last", ""))
        inside = [f"{name} ({day.strftime('%d %b')})" for day, name in _HOLIDAYS.items() if start <= day <= end]
        message = f"This request is for {_number(days)} working day{'' if days == 1 else 's'}."
        if inside:
            message += " Bank holidays are not counted: " + ", ".join(inside) + "."
        return Response.json({"days": float(days), "message": message})
    if visit.path:
        return _not_found()
    rng = visit.rng
    lay = _leave_layout(visit)
    w = _leave_words(lay)
    types, approvers, default = _leave_codes(visit)
    _, order, sep = _DATE_FORMATS[lay["placeholder"]]
    c = {k: _css(rng, "sc-") for k in ("card", "field", "lbl", "input", "btn", "primary", "err", "pop", "bal", "row")}
    i = {k: _hex(rng, "f") for k in ("type", "from", "to", "fromb", "tob", "dur", "first", "last", "days", "comment")}
    i.update({k: _hex(rng, "f") for k in ("appr", "review", "form", "check", "dl", "send", "change", "done", "sum")})
    i.update({k: _hex(rng, "f") for k in ("cal", "ctitle", "cprev", "cnext", "cgrid")})

    def field(key: str, inner: str) -> str:
        return (
            f'<div class="{c["field"]}"><label class="{c["lbl"]}" for="{i[key]}">{esc(w[key])}</label>{inner}'
            f'<div class="{c["err"]}" id="{i[key]}-err" role="alert"></div></div>'
        )

    def date_field(key: str, what: str) -> str:
        return field(
            key,
            f'<div class="{c["row"]}"><input class="{c["input"]}" id="{i[key]}" placeholder="{lay["placeholder"]}" '
            f'autocomplete="off" inputmode="numeric" {_f(key)}><button type="button" class="{c["btn"]}" '
            f'id="{i[key + "b"]}" aria-label="Choose {what} date" aria-haspopup="dialog">{_CALENDAR_ICON}</button>'
            "</div>",
        )

    type_opts = "".join(f'<option value="{v}">{esc(t)}</option>' for v, t in types.items())
    type_field = field(
        "type",
        f'<select class="{c["input"]}" id="{i["type"]}" {_f("type")}><option value="">Select…</option>'
        f"{type_opts}</select>",
    )
    dates = date_field("from", "start") + date_field("to", "end")
    if lay["halves"] == "check":
        halves = (
            f'<div><input type="checkbox" id="{i["first"]}" {_f("first-half")}> <label for="{i["first"]}">'
            "Half day on the first day (I'll work in the morning)</label></div>"
            f'<div><input type="checkbox" id="{i["last"]}" {_f("last-half")}> <label for="{i["last"]}">'
            "Half day on the last day (I'll work in the afternoon)</label></div>"
        )
    else:
        halves = (
            f'<div class="{c["row"]}"><div><label class="{c["lbl"]}" for="{i["first"]}">First day</label>'
            f'<select class="{c["input"]}" id="{i["first"]}" {_f("first-half")}><option value="FULL">Full day</option>'
            '<option value="PM">Afternoon off (half day)</option></select></div>'
            f'<div><label class="{c["lbl"]}" for="{i["last"]}">Last day</label><select class="{c["input"]}" '
            f'id="{i["last"]}" {_f("last-half")}><option value="FULL">Full day</option>'
            '<option value="AM">Morning off (half day)</option></select></div></div>'
        )
    duration = (
        f'<fieldset class="{c["field"]}" id="{i["dur"]}" hidden><legend class="{c["lbl"]}">Duration</legend>'
        f'{halves}<p id="{i["days"]}" aria-live="polite"></p></fieldset>'
    )
    appr_opts = "".join(
        f'<option value="{v}"{" selected" if v == default else ""}>{esc(n)}{" (line manager)" if v == default else ""}'
        "</option>"
        for v, n in approvers.items()
    )
    rest = field(
        "comment",
        f'<textarea class="{c["input"]}" id="{i["comment"]}" rows="3" maxlength="500" {_f("comment")}></textarea>',
    ) + (
        f'<div class="{c["field"]}"><label class="{c["lbl"]}" for="{i["appr"]}">{esc(w["approver"])}</label>'
        f'<select class="{c["input"]}" id="{i["appr"]}">{appr_opts}</select></div>'
    )
    main = dates + type_field if lay["dates_first"] else type_field + dates
    balances = "".join(
        f'<div class="{c["bal"]}"><strong>{_number(balance)}</strong> days<br><span>{esc(kind)} left</span></div>'
        for kind, balance in _BALANCES.items()
        if balance is not None
    )
    body = (
        f'<header class="{c["row"]}"><strong>PeopleFirst HR</strong></header><h1>{esc(w["heading"])}</h1>'
        f'<div class="{c["row"]}">{balances}</div>'
        f'<div class="{c["card"]}"><div class="{c["err"]}" id="{i["sum"]}" role="alert"></div>'
        f'<div id="{i["form"]}">{main}{duration}{rest}<button type="button" class="{c["primary"]}" '
        f'id="{i["review"]}" {_f("review")}>{esc(w["review"])}</button></div>'
        f'<div id="{i["check"]}" hidden><h2>Check your request</h2><dl id="{i["dl"]}"></dl>'
        f'<button type="button" class="{c["primary"]}" id="{i["send"]}" {_f("send")}>{esc(w["send"])}</button>'
        f'<button type="button" class="{c["btn"]}" id="{i["change"]}">Change</button></div>'
        f'<div id="{i["done"]}" role="status" {_f("done")} hidden></div></div>'
        f'<div class="{c["pop"]}" id="{i["cal"]}" role="dialog" aria-label="Choose date" hidden>'
        f'<div class="{c["row"]}"><button type="button" class="{c["btn"]}" id="{i["cprev"]}" '
        f'aria-label="Previous month">‹</button><strong id="{i["ctitle"]}"></strong><button type="button" '
        f'class="{c["btn"]}" id="{i["cnext"]}" aria-label="Next month">›</button></div>'
        f'<table role="grid" id="{i["cgrid"]}"></table></div>'
    )
    css = (
        f".{c['card']}{{border:1px solid #e2e8f0;border-radius:12px;padding:1rem 1.4rem;margin-top:1rem}}"
        f".{c['field']}{{margin:.9rem 0;border:0;padding:0}}.{c['lbl']}{{display:block;font-weight:600;margin:.2rem 0}}"
        f".{c['input']}{{border:1px solid #cbd5e1;border-radius:6px;padding:.4rem .6rem;font-size:1rem}}"
        f"textarea.{c['input']}{{width:100%;box-sizing:border-box}}.{c['err']}{{color:#c81e1e;font-size:.9rem}}"
        f".{c['row']}{{display:flex;gap:.6rem;align-items:center}}.{c['btn']}{{background:#fff;"
        "border:1px solid #cbd5e1;border-radius:6px;margin:0}"
        f".{c['primary']}{{background:#6d28d9;color:#fff;border:0;border-radius:6px}}"
        f".{c['bal']}{{background:#f5f3ff;border-radius:8px;padding:.5rem .9rem;font-size:.9rem}}"
        f".{c['pop']}{{position:absolute;background:#fff;border:1px solid #cbd5e1;border-radius:8px;padding:.5rem;"
        "box-shadow:0 8px 24px rgba(0,0,0,.15);z-index:10}"
        f".{c['pop']} td,.{c['pop']} th{{border:0;padding:1px}}"
        f".{c['pop']} td button{{width:2.1rem;margin:0;padding:.2rem}}"
        f".{c['pop']} td button:disabled{{color:#bbb;background:#f8f8f8}}dt{{font-weight:600}}dd{{margin:0 0 .5rem}}"
    )
    regex = re.escape(sep).join(r"(\d{4})" if part == "y" else r"(\d{1,2})" for part in order)
    cfg = {
        "i": i,
        "re": f"^{regex}$",
        "order": list(order),
        "sep": sep,
        "fmt": lay["placeholder"],
        "halves": lay["halves"],
        "holidays": {day.isoformat(): name for day, name in _HOLIDAYS.items()},
        "words": {"from": w["from"], "to": w["to"], "type": w["type"]},
    }
    script = (
        beacon_script(visit)
        + f"const CFG = {js(cfg)};\n"
        + r"""
const I = CFG.i, $ = id => document.getElementById(id);
const pad = n => String(n).padStart(2, '0');
const iso = d => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const long = d => d.toLocaleDateString('en-GB', {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric'});
const working = d => d.getDay() % 6 !== 0 && !CFG.holidays[iso(d)];
function parse(text) {
  const m = text.trim().match(new RegExp(CFG.re));
  if (!m) return null;
  const p = {}; CFG.order.forEach((k, n) => { p[k] = +m[n + 1]; });
  const d = new Date(p.y, p.m - 1, p.d);
  return d.getFullYear() === p.y && d.getMonth() === p.m - 1 && d.getDate() === p.d ? d : null;
}
function format(d) {
  const p = {d: pad(d.getDate()), m: pad(d.getMonth() + 1), y: String(d.getFullYear())};
  return CFG.order.map(k => p[k]).join(CFG.sep);
}
function halves() {
  if (CFG.halves === 'check')
    return {first: $(I.first).checked ? 'PM' : 'FULL', last: $(I.last).checked ? 'AM' : 'FULL'};
  return {first: $(I.first).value, last: $(I.last).value};
}
function countDays(a, b) {
  let n = 0;
  for (let d = new Date(a); d <= b; d.setDate(d.getDate() + 1)) if (working(d)) n++;
  const h = halves();
  return n - 0.5 * ((h.first === 'PM') + (h.last === 'AM'));
}
let timer = null;
function update() {
  const a = parse($(I.from).value), b = parse($(I.to).value);
  const ready = a && b && b >= a;
  $(I.dur).hidden = !ready;
  clearTimeout(timer);
  if (!ready) return;
  $(I.days).textContent = 'Working out your days…';
  timer = setTimeout(async () => {
    const q = new URLSearchParams({from: iso(a), to: iso(b), first: halves().first, last: halves().last});
    const r = await fetch(`${BASE}/api/days?${q}`);
    $(I.days).textContent = (await r.json()).message;
  }, 350);
}
function checkDate(key) {
  const text = $(I[key]).value.trim();
  $(I[key] + '-err').textContent = text && !parse(text) ? `Enter a date in the format ${CFG.fmt}` : '';
}
['from', 'to'].forEach(key => {
  $(I[key]).addEventListener('input', update);
  $(I[key]).addEventListener('change', () => { checkDate(key); update(); });
  $(I[key]).addEventListener('blur', () => checkDate(key));
  $(I[key + 'b']).addEventListener('click', e => { e.stopPropagation(); openCal(key); });
});
[I.first, I.last].forEach(id => $(id).addEventListener('change', update));
// the calendar pop-up
let calFor = null, month = null;
function openCal(key) {
  calFor = key;
  const d = parse($(I[key]).value) || parse($(I.from).value) || new Date();
  month = new Date(d.getFullYear(), d.getMonth(), 1);
  const r = $(I[key]).getBoundingClientRect();
  $(I.cal).style.top = (window.scrollY + r.bottom + 4) + 'px'; $(I.cal).style.left = (window.scrollX + r.left) + 'px';
  drawCal(); $(I.cal).hidden = false;
}
function closeCal() { $(I.cal).hidden = true; calFor = null; }
function drawCal() {
  $(I.ctitle).textContent = month.toLocaleString('en-GB', {month: 'long', year: 'numeric'});
  const first = (month.getDay() + 6) % 7, count = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
  const heads = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map(d => `<th scope="col">${d}</th>`).join('');
  let html = `<tr>${heads}</tr><tr>`;
  for (let n = 0; n < first; n++) html += '<td></td>';
  for (let day = 1; day <= count; day++) {
    const d = new Date(month.getFullYear(), month.getMonth(), day), hol = CFG.holidays[iso(d)];
    html += `<td><button type="button" data-day="${day}" aria-label="${long(d)}${hol ? ', ' + hol : ''}"` +
      `${working(d) ? '' : ' disabled'}>${day}</button></td>`;
    if ((first + day) % 7 === 0 && day < count) html += '</tr><tr>';
  }
  $(I.cgrid).innerHTML = html + '</tr>';
  $(I.cgrid).querySelectorAll('button[data-day]').forEach(b => b.addEventListener('click', () => {
    const key = calFor;
    $(I[key]).value = format(new Date(month.getFullYear(), month.getMonth(), +b.dataset.day));
    closeCal(); checkDate(key); update(); $(I[key]).focus();
  }));
}
$(I.cprev).addEventListener('click', () => { month.setMonth(month.getMonth() - 1); drawCal(); });
$(I.cnext).addEventListener('click', () => { month.setMonth(month.getMonth() + 1); drawCal(); });
document.addEventListener('click', e => { if (!$(I.cal).hidden && !$(I.cal).contains(e.target)) closeCal(); });
document.addEventListener('keydown', e => { if (e.key === 'Escape' && !$(I.cal).hidden) closeCal(); });
// review, then send
function problems() {
  const out = {}, a = parse($(I.from).value), b = parse($(I.to).value);
  if (!$(I.type).value) out.type = `Choose a ${CFG.words.type.toLowerCase()}.`;
  if (!a) out.from = `Enter the first day of your leave as ${CFG.fmt}.`;
  else if (!working(a)) out.from = 'Your leave must start on a working day.';
  if (!b) out.to = `Enter the last day of your leave as ${CFG.fmt}.`;
  else if (a && b < a) out.to = 'The last day must be on or after the first day.';
  else if (!working(b)) out.to = 'Your leave must end on a working day.';
  if (a && b && b >= a && countDays(a, b) <= 0) out.to = 'This request does not include any working time.';
  return out;
}
function payload() {
  const h = halves(), a = parse($(I.from).value), b = parse($(I.to).value);
  return {absenceType: $(I.type).value, startDate: a ? iso(a) : $(I.from).value, endDate: b ? iso(b) : $(I.to).value,
          firstDay: h.first, lastDay: h.last, approver: $(I.appr).value, comment: $(I.comment).value};
}
$(I.review).addEventListener('click', () => {
  ['type', 'from', 'to'].forEach(k => { $(I[k] + '-err').textContent = ''; });
  const out = problems();
  Object.entries(out).forEach(([k, m]) => { $(I[k] + '-err').textContent = m; });
  $(I.sum).textContent = Object.keys(out).length ? 'Please fix the problems below.' : '';
  if (Object.keys(out).length) return;
  const a = parse($(I.from).value), b = parse($(I.to).value), h = halves(), days = countDays(a, b);
  const rows = [['Type', $(I.type).selectedOptions[0].textContent],
    ['From', long(a) + (h.first === 'PM' ? ' (afternoon only)' : '')],
    ['To', long(b) + (h.last === 'AM' ? ' (morning only)' : '')],
    ['Working days', String(days)], ['Approver', $(I.appr).selectedOptions[0].textContent],
    ['Comment', $(I.comment).value.trim() || '—']];
  $(I.dl).innerHTML = '';
  rows.forEach(([k, v]) => { const dt = document.createElement('dt'), dd = document.createElement('dd');
    dt.textContent = k; dd.textContent = v; $(I.dl).append(dt, dd); });
  $(I.form).hidden = true; $(I.check).hidden = false;
});
$(I.change).addEventListener('click', () => { $(I.check).hidden = true; $(I.form).hidden = false; });
$(I.send).addEventListener('click', async () => {
  $(I.send).disabled = true;
  let answer;
  try { answer = await send('request', payload()); } finally { $(I.send).disabled = false; }
  $(I.check).hidden = true;
  if (answer.status === 201) {
    $(I.done).innerHTML = '<h2>Request sent</h2><p></p>';
    $(I.done).querySelector('p').textContent = answer.body.message;
    $(I.done).hidden = false;
  } else {
    $(I.form).hidden = false;
    $(I.sum).textContent = Object.values((answer.body && answer.body.errors) || {_: 'Something went wrong.'}).join(' ');
  }
});
"""
    )
    return page(w["heading"], body, head=f"<style>{css}</style>", script=script)


def _leave_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    types, approvers, _ = _leave_codes(visit)
    errors: dict[str, str] = {}
    kind = types.get(sub.one("absenceType"))
    if kind is None:
        errors["type"] = "Choose a leave type."
    start, end = _iso(sub.one("startDate")), _iso(sub.one("endDate"))
    first, last = sub.one("firstDay"), sub.one("lastDay")
    if start is None:
        errors["from"] = "Enter the first day of your leave."
    elif not _working(start):
        errors["from"] = "Your leave must start on a working day."
    if end is None:
        errors["to"] = "Enter the last day of your leave."
    elif start is not None and end < start:
        errors["to"] = "The last day must be on or after the first day."
    elif not _working(end):
        errors["to"] = "Your leave must end on a working day."
    if first not in ("FULL", "PM") or last not in ("FULL", "AM"):
        errors["half"] = "Choose a full or half day for the first and last day."
    if not errors and start is not None and end is not None:
        days = _leave_days(start, end, first, last)
        balance = _BALANCES.get(kind or "")
        if days <= 0:
            errors["to"] = "This request does not include any working time."
        elif balance is not None and days > balance:
            errors["type"] = f"You only have {_number(balance)} days of {(kind or '').lower()} left."
    if sub.one("approver") not in approvers:
        errors["approver"] = "Choose who approves this request."
    if len(sub.one("comment")) > 500:
        errors["comment"] = "Keep the comment under 500 characters."
    return errors


def _leave_respond(visit: Visit, sub: Submission) -> Response:
    if sub.step != "request":
        return _not_found()
    errors = _leave_errors(visit, sub)
    if errors:
        return Response.json({"errors": errors}, status=422)
    types, approvers, _ = _leave_codes(visit)
    start, end = dt.date.fromisoformat(sub.one("startDate")), dt.date.fromisoformat(sub.one("endDate"))
    days = _leave_days(start, end, sub.one("firstDay"), sub.one("lastDay"))
    message = (
        f"Your request for {_number(days)} day{'' if days == 1 else 's'} of {types[sub.one('absenceType')].lower()} "
        f"({start.strftime('%d %b')} – {end.strftime('%d %b %Y')}) has been sent to "
        f"{approvers[sub.one('approver')]} for approval. Reference {_reference(visit, 'LV-')}."
    )
    return Response.json({"message": message}, status=201)


def _leave_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "request", lambda s: _leave_errors(visit, s))
    if not accepted:
        return _nothing("no leave request was sent", refused)
    if len(accepted) > 1:
        return Verdict.no(f"{len(accepted)} leave requests were sent instead of one")
    sub, p = accepted[0], visit.params
    types, approvers, default = _leave_codes(visit)
    if types[sub.one("absenceType")] != p["leave_type"]:
        return Verdict.no(f"leave type: expected {p['leave_type']!r}, got {types[sub.one('absenceType')]!r}")
    for key, field in (("start_date", "startDate"), ("end_date", "endDate")):
        if sub.one(field) != p[key]:
            return Verdict.no(f"{key}: expected {p[key]}, got {sub.one(field)}")
    half = {"PM": "First day", "AM": "Last day"}
    got = [half[v] for v in (sub.one("firstDay"), sub.one("lastDay")) if v in half] or ["No"]
    if got != [p["half_day"]]:
        return Verdict.no(f"half day: expected {p['half_day']!r}, got {' and '.join(got)!r}")
    if sub.one("approver") != default:
        return Verdict.no(f"the approver was changed to {approvers[sub.one('approver')]!r}; it should stay the default")
    if not _same(sub.one("comment"), p["comment"]):
        return Verdict.no(f"comment: expected {p['comment']!r}, got {sub.one('comment')!r}")
    return Verdict.yes("the leave request was sent as asked")


async def _leave_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.select_option(_sel("type"), label=params["leave_type"])
    placeholder = await pw.get_attribute(_sel("from"), "placeholder") or ""
    strf = _DATE_FORMATS[placeholder][0]
    await pw.fill(_sel("from"), dt.date.fromisoformat(params["start_date"]).strftime(strf))
    await pw.fill(_sel("to"), dt.date.fromisoformat(params["end_date"]).strftime(strf))
    for wanted, key, value in (("First day", "first-half", "PM"), ("Last day", "last-half", "AM")):
        control = pw.locator(_sel(key))
        await control.wait_for()
        if params["half_day"] != wanted:
            continue
        if await control.evaluate("e => e.tagName") == "SELECT":
            await control.select_option(value)
        else:
            await control.check()
    await pw.fill(_sel("comment"), params["comment"])
    await pw.click(_sel("review"))
    await pw.click(_sel("send"))
    await pw.locator(_sel("done")).wait_for()


# --- 5. staff directory (extraction): Tailwind cards, department filter by GET, server-side pages -----------------

_DEPARTMENTS = {
    "Finance": (
        "Finance Business Partner",
        "Management Accountant",
        "Payroll Specialist",
        "Accounts Payable Clerk",
        "Financial Analyst",
        "Credit Controller",
    ),
    "People & Culture": (
        "HR Business Partner",
        "Talent Acquisition Partner",
        "L&D Coordinator",
        "HR Advisor",
        "Reward Analyst",
        "People Operations Specialist",
    ),
    "Engineering": (
        "Software Engineer",
        "Senior Software Engineer",
        "Staff Engineer",
        "QA Engineer",
        "Site Reliability Engineer",
        "Engineering Manager",
    ),
    "Sales": (
        "Account Executive",
        "Sales Development Representative",
        "Account Manager",
        "Sales Operations Analyst",
        "Regional Sales Manager",
        "Solutions Consultant",
    ),
    "Marketing": (
        "Content Marketing Manager",
        "Marketing Executive",
        "Brand Designer",
        "SEO Specialist",
        "Events Coordinator",
        "Product Marketing Manager",
    ),
    "Customer Support": (
        "Support Specialist",
        "Senior Support Specialist",
        "Support Team Lead",
        "Technical Support Engineer",
        "Customer Onboarding Specialist",
        "Knowledge Base Editor",
    ),
    "Legal": (
        "Legal Counsel",
        "Senior Legal Counsel",
        "Paralegal",
        "Contracts Manager",
        "Privacy Officer",
        "Compliance Analyst",
    ),
}
_OFFICES = {  # office → its phone numbers' prefix
    "London": "+44 20 7946",
    "Manchester": "+44 161 496",
    "Leeds": "+44 113 496",
    "Dublin": "+353 1 555",
    "Remote (UK)": "+44 7700 900",
}
_DIR_FIRST = (
    "Amara",
    "Ben",
    "Chloe",
    "Deniz",
    "Ewan",
    "Fatima",
    "Gareth",
    "Hannah",
    "Ibrahim",
    "Jess",
    "Kofi",
    "Laura",
    "Mohammed",
    "Niamh",
    "Owen",
    "Priya",
    "Quentin",
    "Rosa",
    "Sanjay",
    "Tara",
    "Uche",
    "Vera",
    "Will",
    "Yasmin",
    "Zoltan",
    "Aoife",
    "Callum",
    "Elena",
    "Farah",
    "Hugo",
)
_DIR_LAST = (
    "Adebayo",
    "Barnes",
    "Chowdhury",
    "Doyle",
    "Evans",
    "Fernandes",
    "Gallagher",
    "Hughes",
    "Iqbal",
    "Jenkins",
    "Kowalski",
    "Lewis",
    "McCarthy",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Reilly",
    "Singh",
    "Thompson",
    "Ulloa",
    "Varga",
    "Walsh",
    "Young",
    "Zhang",
    "Moreno",
    "Fischer",
    "Byrne",
    "Kaur",
    "Price",
)


def _dir_params(rng: random.Random) -> dict[str, str]:
    return {"department": pick(rng, tuple(_DEPARTMENTS))}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z]+", "-", text.lower()).strip("-")


def _staff(visit: Visit) -> list[dict[str, str]]:
    """Everyone in the directory (the data depends on the seed only), sorted by last name."""
    r = _data_rng(visit, "staff")
    names = r.sample([(f, la) for f in _DIR_FIRST for la in _DIR_LAST], 120)
    people: list[dict[str, str]] = []
    used: set[str] = set()
    for dept, titles in _DEPARTMENTS.items():
        for _ in range(r.randint(9, 14)):
            first, last = names.pop()
            office = pick(r, tuple(_OFFICES))
            while True:
                local = f"{r.randint(0, 999):03d}"
                if local not in used:
                    used.add(local)
                    break
            people.append(
                {
                    "name": f"{first} {last}",
                    "job_title": pick(r, titles),
                    "department": dept,
                    "email": f"{first.lower()}.{re.sub(r'[^a-z]', '', last.lower())}@northwind-group.example",
                    "phone": f"{_OFFICES[office]} {r.randint(0, 9)}{local}",
                    "office": office,
                    "away": "On leave" if r.random() < 0.08 else "",
                }
            )
    people.sort(key=lambda p: (p["name"].split()[-1], p["name"]))
    return people


def _dir_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    rng = visit.rng
    per_page = rng.choice((6, 8))
    cards = rng.random() < 0.6
    dept_word = pick(rng, ("Department", "Team", "Business unit"))
    apply_word = pick(rng, ("Apply", "Filter", "Search"))
    slugs = {_slug(d): d for d in _DEPARTMENTS}
    dept = slugs.get(visit.query.get("dept", ""), "")
    office = visit.query.get("office", "") if visit.query.get("office", "") in _OFFICES else ""
    q = visit.query.get("q", "").strip()
    rows = [
        p
        for p in _staff(visit)
        if (not dept or p["department"] == dept)
        and (not office or p["office"] == office)
        and (not q or q.casefold() in f"{p['name']} {p['job_title']}".casefold())
    ]
    pages = max(1, -(-len(rows) // per_page))
    try:
        current = min(max(int(visit.query.get("page", "1")), 1), pages)
    except ValueError:
        current = 1
    shown = rows[(current - 1) * per_page : current * per_page]

    def person(p: dict[str, str]) -> str:
        initials = "".join(part[0] for part in p["name"].split())
        away = (
            '<span class="ml-2 inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium '
            f'text-amber-800">{p["away"]}</span>'
            if p["away"]
            else ""
        )
        details = (
            f'<p class="text-sm text-gray-600" {_f("title")}>{esc(p["job_title"])}</p>'
            f'<p class="text-xs uppercase tracking-wide text-gray-400">{esc(p["department"])}</p>'
            '<dl class="mt-3 space-y-1 text-sm text-gray-700">'
            f'<div class="flex gap-2"><dt class="sr-only">Email</dt><dd><a class="text-indigo-600 hover:underline" '
            f'href="mailto:{esc(p["email"])}" {_f("email")}>{esc(p["email"])}</a></dd></div>'
            f'<div class="flex gap-2"><dt class="sr-only">Phone</dt><dd {_f("phone")}>{esc(p["phone"])}</dd></div>'
            f'<div class="flex gap-2"><dt class="sr-only">Office</dt><dd {_f("office")}>{esc(p["office"])}</dd></div>'
            "</dl>"
        )
        avatar = (
            '<div class="flex h-12 w-12 flex-none items-center justify-center rounded-full bg-indigo-50 '
            f'text-indigo-700 font-semibold" aria-hidden="true">{esc(initials)}</div>'
        )
        name = (
            f'<h3 class="text-base font-semibold text-gray-900"><span {_f("name")}>{esc(p["name"])}</span>{away}</h3>'
        )
        if cards:
            return (
                f'<li class="col-span-1 rounded-lg bg-white p-4 shadow ring-1 ring-gray-900/5" {_f("card")}>'
                f'<div class="flex items-start gap-x-4">{avatar}<div class="min-w-0 flex-auto">{name}{details}'
                "</div></div></li>"
            )
        return (
            f'<li class="flex gap-x-6 py-5 border-b border-gray-100" {_f("card")}>{avatar}'
            f'<div class="min-w-0 flex-auto">{name}{details}</div></li>'
        )

    def link(number: int, text: str, rel: str = "") -> str:
        query = "&".join(f"{k}={v}" for k, v in (("dept", _slug(dept)), ("office", office), ("q", q)) if v)
        href = f"{visit.url()}?{query}&page={number}" if query else f"{visit.url()}?page={number}"
        extra = f' rel="{rel}"' if rel else ""
        return (
            f'<a href="{esc(href)}"{extra} class="relative inline-flex items-center px-3 py-2 text-sm ring-1 '
            f'ring-inset ring-gray-300 hover:bg-gray-50">{text}</a>'
        )

    pager = []
    if current > 1:
        pager.append(link(current - 1, "Previous", "prev"))
    for n in range(1, pages + 1):
        pager.append(
            f'<span aria-current="page" class="px-3 py-2 text-sm bg-indigo-600 text-white">{n}</span>'
            if n == current
            else link(n, str(n))
        )
    if current < pages:
        pager.append(link(current + 1, "Next", "next"))
    dept_opts = "".join(
        f'<option value="{_slug(d)}"{" selected" if d == dept else ""}>{esc(d)}</option>' for d in _DEPARTMENTS
    )
    office_opts = "".join(
        f'<option value="{esc(o)}"{" selected" if o == office else ""}>{esc(o)}</option>' for o in _OFFICES
    )
    grid = "grid grid-cols-1 gap-6 sm:grid-cols-2" if cards else "divide-y divide-gray-100"
    first = (current - 1) * per_page + 1 if rows else 0
    summary = f"Showing {first}–{(current - 1) * per_page + len(shown)} of {len(rows)} people"
    body = (
        '<div class="min-h-full"><header class="bg-white shadow-sm"><div class="mx-auto max-w-7xl px-4 py-4">'
        '<h1 class="text-2xl font-bold tracking-tight text-gray-900">People directory</h1>'
        '<p class="mt-1 text-sm text-gray-500">Find colleagues across Northwind Group.</p></div></header>'
        f'<form method="get" action="{visit.url()}" class="mt-6 flex flex-wrap items-end gap-4">'
        f'<div><label for="dept" class="block text-sm font-medium text-gray-700">{dept_word}</label>'
        '<select id="dept" name="dept" class="mt-1 block rounded-md border-gray-300 py-2 pl-3 pr-10 text-sm" '
        f'{_f("dept")}><option value="">All</option>{dept_opts}</select></div>'
        '<div><label for="office" class="block text-sm font-medium text-gray-700">Office</label>'
        '<select id="office" name="office" class="mt-1 block rounded-md border-gray-300 py-2 pl-3 pr-10 text-sm">'
        f'<option value="">Any office</option>{office_opts}</select></div>'
        '<div><label for="q" class="block text-sm font-medium text-gray-700">Name or role</label>'
        f'<input id="q" name="q" type="search" value="{esc(q)}" class="mt-1 block rounded-md border-gray-300 '
        'text-sm"></div><button type="submit" class="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold '
        f'text-white shadow-sm hover:bg-indigo-500" {_f("apply")}>{apply_word}</button></form>'
        f'<p class="mt-4 text-sm text-gray-500" role="status">{summary}</p>'
        f'<ul role="list" class="mt-4 {grid}">{"".join(person(p) for p in shown)}</ul>'
        '<nav class="mt-6 isolate inline-flex -space-x-px rounded-md shadow-sm" aria-label="Pagination">'
        f"{''.join(pager)}</nav></div>"
    )
    css = (
        "<style>body{max-width:60rem}ul[role=list]{list-style:none;padding:0}.grid{display:grid;gap:1rem;"
        "grid-template-columns:1fr 1fr}.flex{display:flex}.gap-x-4,.gap-x-6,.gap-4{gap:1rem}.rounded-lg{border-radius:"
        ".5rem}.shadow{box-shadow:0 1px 3px rgba(0,0,0,.12)}.p-4{padding:1rem}.text-sm{font-size:.875rem}.text-xs"
        "{font-size:.75rem}.text-gray-600,.text-gray-500,.text-gray-400{color:#6b7280}.text-indigo-600{color:#4f46e5}"
        ".h-12{height:3rem}.w-12{width:3rem}.rounded-full{border-radius:999px}.bg-indigo-50{background:#eef2ff}"
        ".bg-indigo-600{background:#4f46e5;color:#fff}.items-center{align-items:center}.justify-center"
        "{justify-content:center}.flex-none{flex:none}.sr-only{position:absolute;left:-9999px}dd{margin:0}"
        ".bg-amber-100{background:#fef3c7;border-radius:999px;padding:0 .5rem;margin-left:.5rem}"
        ".flex-wrap{flex-wrap:wrap}.items-end{align-items:flex-end}h3{margin:0}nav[aria-label=Pagination] a,"
        "nav[aria-label=Pagination] span{display:inline-block;padding:.3rem .7rem;border:1px solid #d1d5db}</style>"
    )
    return page("People directory", body, head=css)


_DIR_SCHEMA = {
    "type": "object",
    "properties": {
        "people": {
            "type": "array",
            "description": "Everyone in the requested department, from every page of the directory (any order)",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "description": "Full name"},
                    "job_title": {"type": "string"},
                    "email": {"type": "string"},
                    "phone": {"type": "string", "description": "Phone number as shown"},
                    "office": {"type": "string"},
                },
                "required": ["name", "job_title", "email", "phone", "office"],
            },
        }
    },
    "required": ["people"],
}


def _dir_key(row: Any) -> tuple[str, str, str, str, str] | None:
    """A person as a fair comparison sees them: text without case or spacing, a phone number as its digits."""
    if not isinstance(row, dict):
        return None
    text = {k: _words(str(row.get(k) or "")).casefold() for k in ("name", "job_title", "email", "office")}
    phone = re.sub(r"\D", "", str(row.get("phone") or ""))
    return text["name"], text["job_title"], text["email"], phone, text["office"]


def _dir_judge(visit: Visit, record: Record) -> Verdict:
    got = find_list(record.output, "people")
    if got is None:
        return Verdict.no(f"the output has no 'people' list: {str(record.output)[:200]}")
    department = visit.params["department"]
    want = [p for p in _staff(visit) if p["department"] == department]
    theirs = [(_dir_key(row), row) for row in got]
    for person in want:
        key = _dir_key(person)
        match = next((n for n, (k, _) in enumerate(theirs) if k == key), None)
        if match is None:
            return Verdict.no(
                f"{person['name']} ({person['job_title']}, {person['email']}, {person['phone']}, "
                f"{person['office']}) is missing or has wrong details"
            )
        del theirs[match]
    if theirs:
        return Verdict.no(f"{len(theirs)} rows beyond the {len(want)} people in {department}, e.g. {theirs[0][1]!r}")
    return Verdict.yes(f"all {len(want)} people in {department} were listed with the right details")


async def _dir_floor(pw: Page, start_url: str, params: dict[str, str]) -> dict[str, Any]:
    await pw.goto(start_url)
    await pw.select_option(_sel("dept"), label=params["department"])
    async with pw.expect_navigation():
        await pw.click(_sel("apply"))
    people: list[dict[str, str]] = []
    while True:
        for card in await pw.locator(_sel("card")).all():
            person = {}
            for key, marker in (
                ("name", "name"),
                ("job_title", "title"),
                ("email", "email"),
                ("phone", "phone"),
                ("office", "office"),
            ):
                person[key] = _words(await card.locator(_sel(marker)).inner_text())
            people.append(person)
        following = pw.locator("a[rel=next]")
        if not await following.count():
            return {"people": people}
        async with pw.expect_navigation():
            await following.click()


# --- the tasks ----------------------------------------------------------------------------------------------------

TASKS = [
    Task(
        name="work-expense-claim",
        pattern="disabled_submit",
        title="Workday-like expense report: line items added with Add, Submit enabled once complete and certified, "
        "confirm dialog",
        make_params=_claim_params,
        render=_claim_render,
        respond=_claim_respond,
        judge=_claim_judge,
        workflow=form_workflow(
            "Submit an expense claim",
            "Create an expense report for {{ purpose }}, charged to cost centre {{ cost_centre }}, with one line for"
            " each of my expenses, and submit it for approval",
            ["purpose", "cost_centre", "expenses"],
            descriptions={
                "purpose": "The business purpose of the expenses",
                "cost_centre": "The four-digit cost centre code",
                "expenses": "One expense per line: date (YYYY-MM-DD) | category | description | amount in pounds",
            },
            completion="The expense report was submitted for approval",
        ),
        floor=_claim_floor,
    ),
    Task(
        name="work-timesheet",
        pattern="unlabelled_inputs",
        title="Weekly timesheet: JSF-style grid of unlabelled hour cells, week navigation, Save vs Submit for approval",
        make_params=_ts_params,
        render=_ts_render,
        respond=_ts_respond,
        judge=_ts_judge,
        workflow=form_workflow(
            "Fill in my timesheet",
            "Fill in my timesheet for the week starting {{ week_start }}: log my hours on {{ project }}"
            " ({{ task }}) for each day from Monday to Friday, then submit the timesheet for approval",
            ["week_start", "project", "task", *(f"{day}_hours" for day in _WEEKDAYS)],
            descriptions={
                "week_start": "The Monday of that week, YYYY-MM-DD",
                "project": "The project name",
                "task": "The task within the project",
                **{f"{day}_hours": f"Hours worked on {day.title()} (0 if none)" for day in _WEEKDAYS},
            },
            completion="The timesheet was submitted for approval",
        ),
        floor=_ts_floor,
    ),
    Task(
        name="work-module-enrolment",
        pattern="search_pick",
        title="University module enrolment: catalogue search by fetch, Enrol on the right row (same titles in two "
        "terms), seminar group dialog",
        make_params=_enrol_params,
        render=_enrol_render,
        respond=_enrol_respond,
        judge=_enrol_judge,
        workflow=form_workflow(
            "Enrol on a module",
            "Enrol me on the {{ module }} module that runs in the {{ term }} term, in its seminar group on"
            " {{ seminar }}",
            ["module", "term", "seminar"],
            descriptions={
                "module": "The module title",
                "term": "Autumn or Spring",
                "seminar": "Day and start time of the seminar group, e.g. Tuesday 14:00",
            },
            completion="I am enrolled on the module",
        ),
        floor=_enrol_floor,
    ),
    Task(
        name="work-leave-request",
        pattern="dates",
        title="Leave request: dates typed in the locale's format or picked, half-day controls once dates are set, "
        "review then send",
        make_params=_leave_params,
        render=_leave_render,
        respond=_leave_respond,
        judge=_leave_judge,
        workflow=form_workflow(
            "Request time off",
            "Request {{ leave_type }} from {{ start_date }} to {{ end_date }} (half day: {{ half_day }}) with my"
            " comment, and send it to my line manager for approval",
            ["leave_type", "start_date", "end_date", "half_day", "comment"],
            descriptions={
                "start_date": "First day off, YYYY-MM-DD",
                "end_date": "Last day off, YYYY-MM-DD",
                "half_day": "No; First day (I only take its afternoon off); or Last day (I only take its morning off)",
                "comment": "A comment for my approver",
            },
            completion="The leave request was sent for approval",
        ),
        floor=_leave_floor,
    ),
    Task(
        name="work-staff-directory",
        pattern="paginated_table",
        title="People directory (extraction): Tailwind cards or list, department filter by GET, server-side pages",
        make_params=_dir_params,
        render=_dir_render,
        judge=_dir_judge,
        workflow=extraction_workflow(
            "List a department's staff",
            "List everyone in the {{ department }} department of the people directory, with their job title, email,"
            " phone number and office",
            _DIR_SCHEMA,
            ("department",),
            descriptions={"department": "The department's name"},
        ),
        floor=_dir_floor,
        needs_output=True,
    ),
]
