"""Pattern 12, single-page apps: views drawn by script, the URL never changes, the server answers JSON."""

from __future__ import annotations

import random
from decimal import Decimal, InvalidOperation

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, page, pick
from examples.corpus.tasks._data_interaction import FIRST, LAST, beacon_script, js, open_block, parameters

# --- a helpdesk app: go to Tickets, open the new-ticket view, fill it, create; errors come back inline ----------

_CATEGORIES = ("Billing", "Technical problem", "Account access", "Feature request", "Other")
_PRIORITIES = ("Low", "Normal", "High", "Urgent")
_SUBJECTS = ("Invoice {n} charged twice", "Cannot export report {n}", "Password reset mail for user {n} missing",
             "Add dark mode to dashboard {n}", "Sync job {n} stuck at 99%")


def _ticket_params(rng: random.Random) -> dict[str, str]:
    n = rng.randint(100, 9999)
    return {
        "subject": pick(rng, _SUBJECTS).format(n=n),
        "category": pick(rng, _CATEGORIES),
        "priority": pick(rng, _PRIORITIES),
        "description": f"Since {pick(rng, ('Monday', 'yesterday', 'last week'))} this happens every time; "
                       f"ref {rng.randint(10000, 99999)}.",
    }


def _category_codes(visit: Visit) -> dict[str, str]:
    rng = random.Random(f"{visit.task.name}:codes:{visit.seed}")
    return {f"cat-{rng.getrandbits(16):04x}": c for c in _CATEGORIES}


def _ticket_error(visit: Visit, sub: Submission) -> dict[str, str]:
    """The server's own validation, as the app's API would do it."""
    errors = {}
    if not 5 <= len(sub.one("subject").strip()) <= 80:
        errors["subject"] = "The subject must be 5 to 80 characters."
    if sub.one("category") not in _category_codes(visit):
        errors["category"] = "Choose a category."
    if sub.one("priority") not in _PRIORITIES:
        errors["priority"] = "Choose a priority."
    if len(sub.one("details").strip()) < 15:
        errors["details"] = "Describe the problem in at least 15 characters."
    return errors


def _ticket_render(visit: Visit) -> str:
    rng = visit.rng
    codes = list(_category_codes(visit).items())
    rng.shuffle(codes)
    config = {
        "codes": codes,
        "newInHeader": rng.random() < 0.4,
        "create": pick(rng, ("Create ticket", "Submit request", "Send")),
        "labels": [pick(rng, ("Subject", "Summary", "Title")), pick(rng, ("Category", "Topic", "What is it about?")),
                   pick(rng, ("Description", "Details", "Describe the problem"))],
        "ids": [f"x{rng.getrandbits(24):06x}" for _ in range(4)],
        "tickets": [[rng.randint(1000, 4999), pick(rng, _SUBJECTS).format(n=rng.randint(10, 99)),
                     pick(rng, ("Open", "Pending", "Solved"))] for _ in range(4)],
    }
    body = ('<header style="display:flex;gap:.5rem;border-bottom:1px solid #ccc"><strong style="margin:.8rem 1rem 0 0">'
            'Helpdesk</strong><nav id="nav"></nav></header><main id="view"></main>')
    script = beacon_script(visit) + f"const CFG = {js(config)};\n" + r"""
const $ = id => document.getElementById(id);
const I = CFG.ids;
function nav() {
  const items = ['Overview', 'Tickets', 'Settings'].concat(CFG.newInHeader ? ['New ticket'] : []);
  $('nav').innerHTML = items.map(t => `<button type="button" class="navb">${t}</button>`).join('');
  document.querySelectorAll('.navb').forEach(b => b.onclick = () => go(b.textContent));
}
function go(view) {
  const v = $('view');
  if (view === 'Overview') {
    v.innerHTML = `<h1>Overview</h1><p>${CFG.tickets.length} open requests. Average reply time: 4 h.</p>`;
  } else if (view === 'Settings') {
    v.innerHTML = '<h1>Settings</h1><label><input type="checkbox" checked> Email me about replies</label>';
  } else if (view === 'Tickets') {
    v.innerHTML = '<h1>Tickets</h1><table><tr><th>#</th><th>Subject</th><th>Status</th></tr>' +
      CFG.tickets.map(t => `<tr><td>${t[0]}</td><td>${t[1]}</td><td>${t[2]}</td></tr>`).join('') + '</table>' +
      '<button type="button" id="new">New ticket</button>';
    $('new').onclick = () => go('New ticket');
  } else {
    const cats = CFG.codes.map(c => `<option value="${c[0]}">${c[1]}</option>`).join('');
    const prio = ['Low', 'Normal', 'High', 'Urgent'].map(p =>
      `<label style="display:inline-block;margin-right:1rem"><input type="radio" name="prio" value="${p}"` +
      `${p === 'Normal' ? ' checked' : ''}> ${p}</label>`).join('');
    v.innerHTML = `<h1>New ticket</h1>
      <div class="row"><label for="${I[0]}">${CFG.labels[0]}</label><input id="${I[0]}" size="50" data-k="subject">
        <div class="error" data-err="subject"></div></div>
      <div class="row"><label for="${I[1]}">${CFG.labels[1]}</label>
        <select id="${I[1]}" data-k="category"><option value="">Select…</option>${cats}</select>
        <div class="error" data-err="category"></div></div>
      <fieldset><legend>Priority</legend>${prio}</fieldset>
      <div class="row"><label for="${I[2]}">${CFG.labels[2]}</label>
        <textarea id="${I[2]}" rows="4" cols="50" data-k="description"></textarea>
        <div class="error" data-err="details"></div></div>
      <button type="button" id="${I[3]}">${CFG.create}</button> <p id="result" role="status"></p>`;
    $(I[3]).onclick = create;
  }
}
async function create() {
  document.querySelectorAll('[data-err]').forEach(e => e.textContent = '');
  const p = document.querySelector('input[name=prio]:checked');
  const answer = await send('ticket', {subject: $(I[0]).value, category: $(I[1]).value,
                                       priority: p ? p.value : '', details: $(I[2]).value});
  if (answer.status === 201) {
    $('view').innerHTML = `<h1>Ticket created</h1><p class="ok" role="status">Ticket #${answer.body.id} was created.` +
      ' We will get back to you soon.</p>';
  } else {
    const errs = (answer.body && answer.body.errors) || {};
    Object.entries(errs).forEach(([k, m]) => {
      const e = document.querySelector(`[data-err=${k}]`); if (e) e.textContent = m;
    });
    $('result').innerHTML = '<span class="error">Please correct the errors above.</span>';
  }
}
nav(); go('Overview');
"""
    return page("Helpdesk", body, script=script)


def _ticket_respond(visit: Visit, sub: Submission) -> Response:
    errors = _ticket_error(visit, sub)
    if errors:
        return Response.json({"errors": errors}, status=422)
    return Response.json({"id": 5000 + len(visit.state.setdefault("tickets", [])) + 1}, status=201)


def _accepted(record: Record, step: str, error: object) -> tuple[list[Submission], str]:
    """The submissions the server accepted (its validation passed) and the last refusal, if any."""
    accepted, refused = [], ""
    for sub in record.steps(step):
        problems = error(sub)  # type: ignore[operator]
        if problems:
            refused = "; ".join(problems.values()) if isinstance(problems, dict) else str(problems)
        else:
            accepted.append(sub)
    return accepted, refused


def _ticket_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "ticket", lambda s: _ticket_error(visit, s))
    if not accepted:
        return Verdict.no(f"no ticket was created ({refused})" if refused else "no ticket was created")
    if len(accepted) > 1:
        return Verdict.no(f"{len(accepted)} tickets were created instead of one")
    sub = accepted[0]
    got = {"subject": sub.one("subject").strip(), "category": _category_codes(visit).get(sub.one("category"), ""),
           "priority": sub.one("priority"), "description": sub.one("details").strip()}
    for key, value in got.items():
        if value != visit.params[key]:
            return Verdict.no(f"{key}: expected {visit.params[key]!r}, got {value!r}")
    return Verdict.yes("the ticket was created as asked")


async def _ticket_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    header_new = pw.locator("#nav button", has_text="New ticket")
    if await header_new.count():
        await header_new.click()
    else:
        await pw.click("#nav button:text-is('Tickets')")
        await pw.click("#new")
    await pw.fill("#view [data-k=subject]", params["subject"])
    await pw.select_option("#view [data-k=category]", label=params["category"])
    await pw.check(f"input[name=prio][value='{params['priority']}']")
    await pw.fill("#view [data-k=description]", params["description"])
    await pw.click("#view button")
    await pw.wait_for_selector("#view [role=status].ok, #view .error:not(:empty)")


TICKET_WORKFLOW = {
    "title": "Open a support ticket",
    "parameters": parameters("subject", "category", "priority", "description"),
    "blocks": [
        open_block(),
        {
            "label": "create_ticket",
            "type": "navigation",
            "goal": "Create a new support ticket with this subject, category, priority and description",
            "payload": {"subject": "{{ subject }}", "category": "{{ category }}", "priority": "{{ priority }}",
                        "description": "{{ description }}"},
            "completion_criterion": "The ticket was created",
        },
    ],
}

# --- a banking app: payee, amount, reference; Review then Confirm, all in place ---------------------------------


def _payees(visit: Visit) -> list[dict[str, str]]:
    rng = random.Random(f"{visit.task.name}:payees:{visit.seed}")
    people = sorted({f"{f} {last}" for f, last in zip(FIRST, LAST, strict=False)})
    return [{"id": f"p{rng.getrandbits(20):05x}", "name": n, "iban": f"NL{rng.randint(10, 99)} ••••"
             f" {rng.randint(1000, 9999)}"} for n in people]


def _transfer_params(rng: random.Random) -> dict[str, str]:
    people = sorted({f"{f} {last}" for f, last in zip(FIRST, LAST, strict=False)})
    return {
        "payee": pick(rng, people),
        "amount": f"{rng.randint(5, 1900)}.{pick(rng, ('00', '50', str(rng.randint(10, 99))))}",
        "reference": f"{pick(rng, ('Rent', 'Invoice', 'Dinner', 'Deposit'))} {rng.randint(100, 999)}",
    }


_BALANCE = Decimal("2500.00")


def _transfer_error(visit: Visit, sub: Submission) -> str:
    try:
        amount = Decimal(sub.one("amount").strip())
    except InvalidOperation:
        return "Enter the amount as a number, for example 12.50."
    if amount <= 0 or amount > _BALANCE:
        return "The amount must be more than 0 and at most your balance."
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        return "Use at most two decimals."
    if sub.one("payee") not in {p["id"] for p in _payees(visit)}:
        return "Choose a payee."
    if len(sub.one("reference")) > 35:
        return "The reference may be at most 35 characters."
    return ""


def _transfer_render(visit: Visit) -> str:
    rng = visit.rng
    payees = _payees(visit)
    rng.shuffle(payees)
    config = {"payees": payees, "ids": [f"y{rng.getrandbits(24):06x}" for _ in range(3)],
              "review": pick(rng, ("Review transfer", "Continue")), "confirm": pick(rng, ("Confirm", "Send money")),
              "labels": [pick(rng, ("Pay to", "Recipient", "To")), pick(rng, ("Amount (EUR)", "Amount", "How much?")),
                         pick(rng, ("Reference", "Description", "Message for the recipient"))]}
    body = (f'<h1>{pick(rng, ("New transfer", "Pay someone"))}</h1><p class="muted">Available balance: '
            f"€{_BALANCE:,}</p><div id=app></div>")
    script = beacon_script(visit) + f"const CFG = {js(config)};\n" + r"""
const $ = id => document.getElementById(id);
const I = CFG.ids;
const S = {payee: '', amount: '', reference: ''};
function form(error) {
  const opts = CFG.payees.map(p =>
    `<option value="${p.id}" ${p.id === S.payee ? 'selected' : ''}>${p.name} (${p.iban})</option>`).join('');
  $('app').innerHTML = `
    <div class="row"><label for="${I[0]}">${CFG.labels[0]}</label>
      <select id="${I[0]}"><option value="">Choose a payee</option>${opts}</select></div>
    <div class="row"><label for="${I[1]}">${CFG.labels[1]}</label>
      <input id="${I[1]}" data-k="amount" inputmode="decimal" value="${S.amount}"></div>
    <div class="row"><label for="${I[2]}">${CFG.labels[2]}</label>
      <input id="${I[2]}" data-k="reference" maxlength="60" value="${S.reference}"></div>
    <p class="error" role="alert">${error || ''}</p>
    <button type="button" id="rev">${CFG.review}</button>`;
  $('rev').onclick = () => {
    S.payee = $(I[0]).value; S.amount = $(I[1]).value.trim(); S.reference = $(I[2]).value;
    if (!S.payee || !S.amount) { form('Choose a payee and enter an amount.'); return; }
    review();
  };
}
function review() {
  const p = CFG.payees.find(x => x.id === S.payee);
  $('app').innerHTML = `<h2>Check your transfer</h2>
    <p>€${S.amount} to ${p.name} (${p.iban}), reference "${S.reference}".</p>
    <button type="button" id="edit">Edit</button> <button type="button" id="go">${CFG.confirm}</button>`;
  $('edit').onclick = () => form('');
  $('go').onclick = async () => {
    $('go').disabled = true;
    const answer = await send('transfer', S);
    if (answer.status === 200) {
      $('app').innerHTML = `<p class="ok" role="status">Done: €${S.amount} is on its way to ${p.name}.</p>`;
    } else { form(answer.body && answer.body.error); }
  };
}
form('');
"""
    return page("Transfer", body, script=script)


def _transfer_respond(visit: Visit, sub: Submission) -> Response:
    error = _transfer_error(visit, sub)
    return Response.json({"error": error}, status=422) if error else Response.json({"ok": True})


def _transfer_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "transfer", lambda s: _transfer_error(visit, s))
    if not accepted:
        return Verdict.no(f"no transfer was made ({refused})" if refused else "no transfer was made")
    if len(accepted) > 1:
        return Verdict.no(f"{len(accepted)} transfers were made instead of one")
    sub = accepted[0]
    payee = {p["id"]: p["name"] for p in _payees(visit)}.get(sub.one("payee"), "")
    if payee != visit.params["payee"]:
        return Verdict.no(f"payee: expected {visit.params['payee']!r}, got {payee!r}")
    if Decimal(sub.one("amount").strip()) != Decimal(visit.params["amount"]):
        return Verdict.no(f"amount: expected {visit.params['amount']}, got {sub.one('amount')!r}")
    if sub.one("reference").strip() != visit.params["reference"]:
        return Verdict.no(f"reference: expected {visit.params['reference']!r}, got {sub.one('reference')!r}")
    return Verdict.yes("the transfer was made as asked")


async def _transfer_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    payee = pw.locator("#app select option", has_text=f"{params['payee']} (")
    await pw.locator("#app select").select_option(await payee.get_attribute("value"))
    await pw.fill("#app [data-k=amount]", params["amount"])
    await pw.fill("#app [data-k=reference]", params["reference"])
    await pw.click("#rev")
    await pw.click("#go")
    await pw.wait_for_selector("#app [role=status], #app .error:not(:empty)")


TRANSFER_WORKFLOW = {
    "title": "Send a bank transfer",
    "parameters": parameters("payee", "amount", "reference"),
    "blocks": [
        open_block(),
        {
            "label": "send_transfer",
            "type": "navigation",
            "goal": "Transfer {{ amount }} euros to {{ payee }} with the reference, review it and confirm",
            "payload": {"payee": "{{ payee }}", "amount": "{{ amount }}", "reference": "{{ reference }}"},
            "completion_criterion": "The transfer is confirmed as on its way",
        },
    ],
}

TASKS = [
    Task(
        name="helpdesk-spa-ticket",
        pattern="single_page_app",
        title="Helpdesk app: navigate views by script, create a ticket, inline server errors; URL never changes",
        make_params=_ticket_params,
        render=_ticket_render,
        respond=_ticket_respond,
        judge=_ticket_judge,
        workflow=TICKET_WORKFLOW,
        floor=_ticket_floor,
    ),
    Task(
        name="bank-spa-transfer",
        pattern="single_page_app",
        title="Banking app: payee by name among 'name (IBAN)' options, review in place, confirm by JSON",
        make_params=_transfer_params,
        render=_transfer_render,
        respond=_transfer_respond,
        judge=_transfer_judge,
        workflow=TRANSFER_WORKFLOW,
        floor=_transfer_floor,
    ),
]
