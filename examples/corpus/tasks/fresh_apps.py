"""SaaS-style app pages: CRM modal, notification switches, team invite, issue form, admin edit, a lying save."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import COMPANIES, code, email_for, form_workflow, person
from examples.corpus.tasks._data_interaction import FIRST as PLAIN_FIRST
from examples.corpus.tasks._data_interaction import LAST as PLAIN_LAST
from examples.corpus.tasks._data_interaction import beacon_script, js
from examples.corpus.tasks._data_interaction import person as plain_person

# --- shared pieces --------------------------------------------------------------------------------------------

_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _css(rng: random.Random) -> str:
    """A generated class name, as CSS-in-JS libraries emit them."""
    return "css-" + "".join(rng.choice(_ALNUM) for _ in range(6))


def _hex(rng: random.Random, prefix: str) -> str:
    return f"{prefix}{rng.getrandbits(24):06x}"


def _rng(visit: Visit, what: str) -> random.Random:
    """A per-seed generator for server-side data (independent of the layout's generator)."""
    return random.Random(f"{visit.task.name}:{what}:{visit.seed}")


def _f(key: str) -> str:
    """The floor's marker attribute for a key."""
    return f'data-f="{code(key)}"'


def _sel(key: str) -> str:
    return f'[data-f="{code(key)}"]'


def _toast(rng: random.Random) -> tuple[str, str, str]:
    """One toast region: (html, css, js defining toast(message))."""
    cls, tid = _css(rng), _hex(rng, "t")
    html = f'<div id="{tid}" class="{cls}" role="status" aria-live="polite" {_f("toast")} hidden></div>'
    css = (
        f".{cls}{{position:fixed;right:1.5rem;bottom:1.5rem;background:#1f2937;color:#fff;padding:.7rem 1.1rem;"
        "border-radius:.4rem;box-shadow:0 4px 14px rgba(0,0,0,.25)}"
    )
    script = (
        f"const TOAST = {js(tid)};\n"
        + r"""
function toast(msg) {
  const t = document.getElementById(TOAST);
  t.textContent = msg; t.hidden = false; t.dataset.state = 'open';
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; t.dataset.state = 'closed'; t.textContent = ''; }, 6000);
}
"""
    )
    return html, css, script


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


def _words(text: str) -> str:
    return " ".join(text.split())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "on", "yes")


def _not_found() -> Response:
    return Response.json({"error": "not found"}, status=404)


# --- 1. CRM: "New contact" opens a modal dialog; saved by fetch, the dialog closes, the row appears -------------

_STAGES = ("Lead", "Qualified", "Opportunity", "Customer", "Churned")
_OWNERS = ("Alex Morgan", "Priya Natarajan", "Sam Whitfield")  # the first is the signed-in user (the default)


def _crm_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    country = pick(rng, ("+31", "+44", "+49", "+351"))
    return {
        "full_name": f"{first} {last}",
        "email": email_for(rng, first, last),
        "phone": f"{country} {rng.randint(600, 699)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        "company": pick(rng, COMPANIES),
        "stage": pick(rng, ("Qualified", "Opportunity", "Customer")),
    }


def _crm_codes(visit: Visit) -> tuple[dict[str, str], dict[str, str]]:
    """Option values of the stage and owner selects (code → text), per seed."""
    r = _rng(visit, "codes")
    stages = {f"st_{r.getrandbits(20):05x}": s for s in _STAGES}
    owners = {f"usr_{r.getrandbits(20):05x}": o for o in _OWNERS}
    return stages, owners


def _crm_rows(visit: Visit) -> list[list[str]]:
    r = _rng(visit, "rows")
    seen = {visit.params["full_name"]}
    rows: list[list[str]] = []
    while len(rows) < 6:
        first, last = person(r)
        if f"{first} {last}" in seen:
            continue
        seen.add(f"{first} {last}")
        rows.append(
            [f"{first} {last}", email_for(r, first, last), pick(r, COMPANIES), pick(r, _STAGES), pick(r, _OWNERS)]
        )
    return rows


def _crm_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    rng = visit.rng
    stages, owners = _crm_codes(visit)
    c = {k: _css(rng) for k in ("top", "dlg", "back", "field", "err", "btn", "primary", "icon", "foot", "tbl", "pill")}
    i = {k: _hex(rng, "r") for k in ("open", "dlg", "title", "save", "count", "tbody", "x", "cancel", "mkt")}
    split = rng.random() < 0.5
    opener_kind = rng.randrange(3)
    if opener_kind == 2:
        label = pick(rng, ("Create contact", "Add contact"))
        opener = (
            f'<button type="button" id="{i["open"]}" class="{c["icon"]}" aria-label="{label}" title="{label}" '
            f'{_f("new")}><span aria-hidden="true">＋</span></button>'
        )
    else:
        text = pick(rng, ("New contact", "Add contact")) if opener_kind == 0 else "+ Create contact"
        opener = f'<button type="button" id="{i["open"]}" class="{c["primary"]}" {_f("new")}>{text}</button>'

    def field(key: str, name: str, label: str, attrs: str = "") -> str:
        fid = _hex(rng, "in")
        return (
            f'<div class="{c["field"]}"><label for="{fid}">{label}</label>'
            f'<input id="{fid}" name="{name}" autocomplete="off" {attrs} {_f(key)}>'
            f'<div class="{c["err"]}" data-err="{name}"></div></div>'
        )

    if split:
        names = field("first", "firstName", "First name") + field("last", "lastName", "Last name")
    else:
        names = field("name", "name", pick(rng, ("Full name", "Name")))
    others = [
        field("email", "email", pick(rng, ("Email", "Email address", "Work email")), 'type="email"'),
        field("phone", "phone", pick(rng, ("Phone", "Phone number", "Mobile")), 'type="tel"'),
        field("company", "company", pick(rng, ("Company", "Organization", "Account"))),
    ]
    rng.shuffle(others)
    stage_id, owner_id = _hex(rng, "sel"), _hex(rng, "sel")
    stage_opts = "".join(f'<option value="{k}">{esc(v)}</option>' for k, v in stages.items())
    owner_opts = "".join(
        f'<option value="{k}">{esc(v)}{" (you)" if v == _OWNERS[0] else ""}</option>' for k, v in owners.items()
    )
    selects = (
        f'<div class="{c["field"]}"><label for="{stage_id}">{pick(rng, ("Lifecycle stage", "Stage"))}</label>'
        f'<select id="{stage_id}" name="stage" {_f("stage")}>{stage_opts}</select>'
        f'<div class="{c["err"]}" data-err="stage"></div></div>'
        f'<div class="{c["field"]}"><label for="{owner_id}">{pick(rng, ("Contact owner", "Owner"))}</label>'
        f'<select id="{owner_id}" name="owner">{owner_opts}</select>'
        f'<div class="{c["err"]}" data-err="owner"></div></div>'
        f'<div class="{c["field"]}"><label><input type="checkbox" name="marketing" id="{i["mkt"]}"> '
        f"{pick(rng, ('Subscribed to marketing emails', 'Add to the newsletter list'))}</label></div>"
    )
    title = pick(rng, ("New contact", "Create contact", "Add a contact"))
    save_text = pick(rng, ("Save contact", "Create", "Save"))
    rows = "".join(
        f"<tr><td>{esc(r[0])}</td><td>{esc(r[1])}</td><td>{esc(r[2])}</td>"
        f'<td><span class="{c["pill"]}">{esc(r[3])}</span></td><td>{esc(r[4])}</td></tr>'
        for r in _crm_rows(visit)
    )
    toast_html, toast_css, toast_js = _toast(rng)
    body = (
        f'<div class="{c["top"]}"><h1>Contacts</h1>{opener}</div>'
        f'<div class="{c["top"]}"><input type="search" placeholder="Search contacts" aria-label="Search contacts">'
        f'<span class="muted" id="{i["count"]}">6 contacts</span></div>'
        f'<table class="{c["tbl"]}"><thead><tr><th>Name</th><th>Email</th><th>Company</th><th>Stage</th>'
        f'<th>Owner</th></tr></thead><tbody id="{i["tbody"]}">{rows}</tbody></table>'
        f'<div class="{c["back"]}" id="{i["dlg"]}-b" hidden></div>'
        f'<div class="{c["dlg"]}" id="{i["dlg"]}" role="dialog" aria-modal="true" '
        f'aria-labelledby="{i["title"]}" hidden>'
        f'<div class="{c["top"]}"><h2 id="{i["title"]}">{title}</h2>'
        f'<button type="button" class="{c["icon"]}" id="{i["x"]}" aria-label="Close">✕</button></div>'
        f'{names}{"".join(others)}{selects}<p class="error" data-err="_"></p>'
        f'<div class="{c["foot"]}"><button type="button" id="{i["cancel"]}" class="{c["btn"]}">Cancel</button>'
        f'<button type="button" id="{i["save"]}" class="{c["primary"]}" {_f("save")}>{save_text}</button></div></div>'
        f"{toast_html}"
    )
    css = (
        f".{c['top']}{{display:flex;align-items:center;justify-content:space-between;gap:1rem}}"
        f".{c['back']}{{position:fixed;inset:0;background:rgba(15,23,42,.45)}}"
        f".{c['dlg']}{{position:fixed;top:5vh;left:50%;transform:translateX(-50%);width:30rem;max-height:88vh;"
        "overflow:auto;background:#fff;border-radius:.6rem;padding:1rem 1.4rem;box-shadow:0 10px 40px rgba(0,0,0,.3)}"
        f".{c['field']} input:not([type=checkbox]),.{c['field']} select{{width:100%;box-sizing:border-box}}"
        f".{c['err']}{{color:#b00020;font-size:.85rem}}.{c['foot']}{{display:flex;justify-content:flex-end}}"
        f".{c['primary']}{{background:#2563eb;color:#fff;border:0;border-radius:.3rem}}"
        f".{c['icon']}{{background:none;border:1px solid #ccc;border-radius:50%;width:2.2rem;height:2.2rem;padding:0}}"
        f".{c['pill']}{{background:#eef2ff;border-radius:1rem;padding:.1rem .5rem;font-size:.85rem}}"
        f".{c['tbl']}{{width:100%}}" + toast_css
    )
    cfg = {"i": i, "pill": c["pill"], "created": pick(rng, ("Contact created", "Contact saved", "New contact added"))}
    script = (
        beacon_script(visit)
        + toast_js
        + f"const CFG = {js(cfg)};\n"
        + r"""
const I = CFG.i, $ = id => document.getElementById(id);
const dlg = $(I.dlg), back = $(I.dlg + '-b');
function clearErrors() { dlg.querySelectorAll('[data-err]').forEach(e => e.textContent = ''); }
function openDialog() { dlg.hidden = false; back.hidden = false; dlg.querySelector('input').focus(); }
function closeDialog() {
  dlg.hidden = true; back.hidden = true; clearErrors();
  dlg.querySelectorAll('input').forEach(el => { if (el.type === 'checkbox') el.checked = false; else el.value = ''; });
  dlg.querySelectorAll('select').forEach(s => s.selectedIndex = 0);
}
$(I.open).addEventListener('click', openDialog);
$(I.x).addEventListener('click', closeDialog);
$(I.cancel).addEventListener('click', closeDialog);
document.addEventListener('keydown', e => { if (e.key === 'Escape' && !dlg.hidden) closeDialog(); });
$(I.save).addEventListener('click', async () => {
  clearErrors();
  const data = {};
  dlg.querySelectorAll('[name]').forEach(el => { data[el.name] = el.type === 'checkbox' ? el.checked : el.value; });
  const btn = $(I.save), text = btn.textContent;
  btn.disabled = true; btn.textContent = 'Saving…';
  let answer;
  try { answer = await send('contact', data); } finally { btn.disabled = false; btn.textContent = text; }
  if (answer.status === 201) {
    const c = answer.body.contact, tr = document.createElement('tr');
    [c.name, c.email, c.company, c.stage, c.owner].forEach((v, n) => {
      const td = document.createElement('td');
      if (n === 3) {
        const s = document.createElement('span'); s.className = CFG.pill; s.textContent = v; td.append(s);
      } else td.textContent = v;
      tr.append(td);
    });
    $(I.tbody).prepend(tr);
    $(I.count).textContent = $(I.tbody).children.length + ' contacts';
    closeDialog();
    toast(CFG.created);
  } else {
    const errors = (answer.body && answer.body.errors) || {_: 'Something went wrong. Please try again.'};
    Object.entries(errors).forEach(([k, m]) => {
      const e = dlg.querySelector(`[data-err="${k}"]`); if (e) e.textContent = m;
    });
  }
});
"""
    )
    return page("Contacts · CRM", body, head=f"<style>{css}</style>", script=script)


def _crm_name(sub: Submission) -> str:
    if "name" in sub.fields:
        return _words(sub.one("name"))
    return _words(f"{sub.one('firstName')} {sub.one('lastName')}")


def _crm_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    stages, owners = _crm_codes(visit)
    errors: dict[str, str] = {}
    if "name" in sub.fields:
        if not sub.one("name").strip():
            errors["name"] = "Enter the contact's name."
    else:
        if not sub.one("firstName").strip():
            errors["firstName"] = "Enter a first name."
        if not sub.one("lastName").strip():
            errors["lastName"] = "Enter a last name."
    if not _EMAIL.match(sub.one("email").strip()):
        errors["email"] = "Enter a valid email address."
    if sub.one("phone").strip() and len(_digits(sub.one("phone"))) < 6:
        errors["phone"] = "Enter a valid phone number."
    if sub.one("stage") not in stages:
        errors["stage"] = "Choose a stage."
    if sub.one("owner") not in owners:
        errors["owner"] = "Choose an owner."
    return errors


def _crm_respond(visit: Visit, sub: Submission) -> Response:
    errors = _crm_errors(visit, sub)
    if errors:
        return Response.json({"errors": errors}, status=422)
    stages, owners = _crm_codes(visit)
    contact = {
        "name": _crm_name(sub),
        "email": sub.one("email").strip(),
        "company": sub.one("company").strip(),
        "stage": stages[sub.one("stage")],
        "owner": owners[sub.one("owner")],
    }
    return Response.json({"contact": contact}, status=201)


def _crm_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "contact", lambda s: _crm_errors(visit, s))
    if not accepted:
        return _nothing("no contact was saved", refused)
    if len(accepted) > 1:
        return Verdict.no(f"{len(accepted)} contacts were saved instead of one")
    sub, want = accepted[0], visit.params
    stages, owners = _crm_codes(visit)
    if _crm_name(sub) != want["full_name"]:
        return Verdict.no(f"name: expected {want['full_name']!r}, got {_crm_name(sub)!r}")
    if sub.one("email").strip().casefold() != want["email"].casefold():
        return Verdict.no(f"email: expected {want['email']!r}, got {sub.one('email')!r}")
    if _digits(sub.one("phone")) != _digits(want["phone"]):
        return Verdict.no(f"phone: expected {want['phone']!r}, got {sub.one('phone')!r}")
    if _words(sub.one("company")) != want["company"]:
        return Verdict.no(f"company: expected {want['company']!r}, got {sub.one('company')!r}")
    if stages[sub.one("stage")] != want["stage"]:
        return Verdict.no(f"stage: expected {want['stage']!r}, got {stages[sub.one('stage')]!r}")
    if owners[sub.one("owner")] != _OWNERS[0]:
        return Verdict.no(f"the owner was changed to {owners[sub.one('owner')]!r}; it should stay the default")
    if _truthy(sub.one("marketing")):
        return Verdict.no("the contact was subscribed to marketing emails, which the task did not ask for")
    return Verdict.yes("the contact was saved as asked")


async def _crm_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.click(_sel("new"))
    dialog = pw.locator("[role=dialog]")
    await dialog.wait_for()
    if await dialog.locator(_sel("first")).count():
        first, _, last = params["full_name"].partition(" ")
        await dialog.locator(_sel("first")).fill(first)
        await dialog.locator(_sel("last")).fill(last)
    else:
        await dialog.locator(_sel("name")).fill(params["full_name"])
    for key in ("email", "phone", "company"):
        await dialog.locator(_sel(key)).fill(params[key])
    await dialog.locator(_sel("stage")).select_option(label=params["stage"])
    await dialog.locator(_sel("save")).click()
    await dialog.wait_for(state="hidden")
    await pw.locator("tbody td", has_text=params["email"]).first.wait_for()


# --- 2. notification settings: toggle switches (role=switch), Save posts JSON; the rest must stay as it was -----

_PREFS = (
    ("mentions", "Someone mentions me", "Activity", "When a teammate @mentions you in a comment or a task."),
    ("assigned", "A task is assigned to me", "Activity", "Including tasks reassigned to you by automations."),
    ("comments", "New comments on my tasks", "Activity", "Replies on tasks you created or follow."),
    ("due", "Due date reminders", "Activity", "One day before a task of yours is due."),
    ("digest", "Weekly summary", "Updates", "A Monday overview of what happened in your projects."),
    ("product", "Product news and tips", "Updates", "New features and the occasional webinar invitation."),
    ("billing", "Billing and invoices", "Account", "Receipts, failed payments and plan changes."),
    ("signin", "New sign-in to my account", "Account", "When your account is used from a new device."),
)
_PREF_KEY = {label: key for key, label, _, _ in _PREFS}


def _prefs_params(rng: random.Random) -> dict[str, str]:
    chosen = rng.sample([label for _, label, _, _ in _PREFS], 3)
    n_on = rng.choice((1, 2))
    return {"turn_on": ", ".join(sorted(chosen[:n_on])), "turn_off": chosen[n_on]}


def _prefs_wanted(params: dict[str, str]) -> dict[str, bool]:
    """The settings the task names: key → wanted state."""
    wanted = {_PREF_KEY[label.strip()]: True for label in params["turn_on"].split(",") if label.strip()}
    wanted.update({_PREF_KEY[label.strip()]: False for label in params["turn_off"].split(",") if label.strip()})
    return wanted


def _prefs_initial(visit: Visit) -> dict[str, bool]:
    """What the account has saved before the visit: the named settings start opposite to what is wanted."""
    r = _rng(visit, "initial")
    state = {key: r.random() < 0.5 for key, _, _, _ in _PREFS}
    state.update({key: not on for key, on in _prefs_wanted(visit.params).items()})
    state["pause"] = False
    return state


def _prefs_names(visit: Visit) -> dict[str, str]:
    r = _rng(visit, "names")
    return {key: f"n_{r.getrandbits(24):06x}" for key in [p[0] for p in _PREFS] + ["pause"]}


def _prefs_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    rng = visit.rng
    initial, names = _prefs_initial(visit), _prefs_names(visit)
    c = {k: _css(rng) for k in ("card", "row", "lab", "desc", "sw", "knob", "state", "bar", "primary", "dirty")}
    by_aria_label = rng.random() < 0.4
    show_state = rng.random() < 0.5

    def switch(key: str, label: str, desc: str) -> str:
        lid = _hex(rng, "l")
        on = "true" if initial[key] else "false"
        naming = f'aria-label="{esc(label)}"' if by_aria_label else f'aria-labelledby="{lid}"'
        state = (
            f'<span class="{c["state"]}" aria-hidden="true">{"On" if initial[key] else "Off"}</span>'
            if show_state
            else ""
        )
        return (
            f'<div class="{c["row"]}"><div><div id="{lid}" class="{c["lab"]}">{esc(label)}</div>'
            f'<div class="{c["desc"]}">{esc(desc)}</div></div><div>{state}'
            f'<button type="button" role="switch" aria-checked="{on}" {naming} class="{c["sw"]}" '
            f'data-key="{names[key]}" {_f(key)}><span class="{c["knob"]}"></span></button></div></div>'
        )

    sections = ["Activity", "Updates", "Account"]
    rng.shuffle(sections)
    titles = {
        "Activity": pick(rng, ("Activity", "Tasks and comments")),
        "Updates": pick(rng, ("Updates", "News")),
        "Account": pick(rng, ("Account", "Account and billing")),
    }
    cards = "".join(
        f'<section class="{c["card"]}"><h2>{titles[s]}</h2>'
        + "".join(switch(k, label, d) for k, label, sec, d in _PREFS if sec == s)
        + "</section>"
        for s in sections
    )
    pause = switch("pause", "Pause all email notifications", "Stop every email until you turn this off again.")
    save_text = pick(rng, ("Save changes", "Save preferences", "Update preferences"))
    toast_html, toast_css, toast_js = _toast(rng)
    body = (
        f'<p class="muted">Settings / {pick(rng, ("Notifications", "Email notifications"))}</p>'
        f"<h1>{pick(rng, ('Notifications', 'Email notifications', 'Notification preferences'))}</h1>"
        f"<p>{pick(rng, ('Choose which emails we send you.', 'Decide what we email you about.'))}</p>"
        f'<section class="{c["card"]}">{pause}</section>{cards}'
        f'<div class="{c["bar"]}"><span class="{c["dirty"]}" hidden>You have unsaved changes</span>'
        f'<button type="button" data-reset>{pick(rng, ("Discard", "Cancel"))}</button>'
        f'<button type="button" class="{c["primary"]}" data-save {_f("save")}>{save_text}</button></div>{toast_html}'
    )
    css = (
        f".{c['card']}{{border:1px solid #e5e7eb;border-radius:.5rem;padding:.2rem 1rem;margin:1rem 0}}"
        f".{c['row']}{{display:flex;justify-content:space-between;align-items:center;padding:.6rem 0;"
        "border-bottom:1px solid #f1f1f1}"
        f".{c['desc']}{{color:#6b7280;font-size:.85rem}}.{c['state']}{{font-size:.8rem;margin-right:.4rem}}"
        f".{c['sw']}{{position:relative;width:2.6rem;height:1.4rem;border-radius:1rem;border:0;background:#cbd5e1;"
        "padding:0;margin:0}"
        f".{c['sw']}[aria-checked=true]{{background:#2563eb}}"
        f".{c['knob']}{{position:absolute;top:.15rem;left:.15rem;width:1.1rem;height:1.1rem;border-radius:50%;"
        "background:#fff;transition:left .15s}"
        f".{c['sw']}[aria-checked=true] .{c['knob']}{{left:1.35rem}}"
        f".{c['bar']}{{display:flex;justify-content:flex-end;align-items:center;gap:.5rem}}"
        f".{c['primary']}{{background:#2563eb;color:#fff;border:0;border-radius:.3rem}}" + toast_css
    )
    cfg = {
        "state": c["state"],
        "dirty": c["dirty"],
        "saved": pick(rng, ("Preferences saved", "Your notification settings were saved", "Changes saved")),
    }
    script = (
        beacon_script(visit)
        + toast_js
        + f"const CFG = {js(cfg)};\n"
        + r"""
const switches = [...document.querySelectorAll('[role=switch]')];
const saved = new Map(switches.map(b => [b, b.getAttribute('aria-checked')]));
const dirty = document.querySelector('.' + CFG.dirty);
function setSwitch(b, value) {
  b.setAttribute('aria-checked', value);
  const s = b.parentElement.querySelector('.' + CFG.state); if (s) s.textContent = value === 'true' ? 'On' : 'Off';
}
function refresh() { dirty.hidden = switches.every(b => b.getAttribute('aria-checked') === saved.get(b)); }
switches.forEach(b => b.addEventListener('click', () => {
  setSwitch(b, b.getAttribute('aria-checked') === 'true' ? 'false' : 'true'); refresh();
}));
document.querySelector('[data-reset]').addEventListener('click', () => {
  switches.forEach(b => setSwitch(b, saved.get(b))); refresh();
});
const save = document.querySelector('[data-save]');
save.addEventListener('click', async () => {
  const data = {};
  switches.forEach(b => { data[b.dataset.key] = b.getAttribute('aria-checked') === 'true'; });
  save.disabled = true;
  let answer;
  try { answer = await send('preferences', data); } finally { save.disabled = false; }
  if (answer.status === 200 && answer.body && answer.body.ok) {
    switches.forEach(b => saved.set(b, b.getAttribute('aria-checked'))); refresh();
    toast(CFG.saved);
  } else {
    toast('Could not save your preferences. Please try again.');
  }
});
"""
    )
    return page("Notification settings", body, head=f"<style>{css}</style>", script=script)


def _prefs_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    for name in _prefs_names(visit).values():
        if sub.one(name).strip().lower() not in ("true", "false"):
            return {"form": "incomplete preferences"}
    return {}


def _prefs_respond(visit: Visit, sub: Submission) -> Response:
    if _prefs_errors(visit, sub):
        return Response.json({"ok": False, "error": "Invalid preferences."}, status=400)
    return Response.json({"ok": True})


def _prefs_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "preferences", lambda s: _prefs_errors(visit, s))
    if not accepted:
        return _nothing("the preferences were never saved", refused)
    last = accepted[-1]
    names = _prefs_names(visit)
    expected = {**_prefs_initial(visit), **_prefs_wanted(visit.params)}
    labels = {key: label for key, label, _, _ in _PREFS} | {"pause": "Pause all email notifications"}
    wrong = []
    for key, want in expected.items():
        got = _truthy(last.one(names[key]))
        if got != want:
            asked = "as asked" if key in _prefs_wanted(visit.params) else "as it was before"
            wrong.append(
                f"{labels[key]!r} should be {'on' if want else 'off'} ({asked}) but was saved {'on' if got else 'off'}"
            )
    if wrong:
        return Verdict.no("; ".join(wrong))
    return Verdict.yes("the notification settings were saved as asked, the others unchanged")


async def _prefs_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key, on in _prefs_wanted(params).items():
        switch = pw.locator(_sel(key))
        if (await switch.get_attribute("aria-checked") == "true") != on:
            await switch.click()
    await pw.click(_sel("save"))
    await pw.locator(f"{_sel('toast')}[data-state=open]").wait_for()


# --- 3. team invite, client-rendered: email + role in a custom listbox dropdown; no <form>, JSON by fetch --------

_ROLES = (
    ("Admin", "Can manage members, billing and every setting."),
    ("Editor", "Can create and edit all projects."),
    ("Member", "Can work in the projects they are added to."),
    ("Viewer", "Can see projects but not change them."),
    ("Billing manager", "Can see invoices and update the payment method."),
)
_DEFAULT_ROLE = "Member"


def _invite_params(rng: random.Random) -> dict[str, str]:
    _, _, email = plain_person(rng)
    return {"email": email, "role": pick(rng, [r for r, _ in _ROLES if r != _DEFAULT_ROLE])}


def _invite_codes(visit: Visit) -> dict[str, str]:
    r = _rng(visit, "roles")
    return {f"role_{r.getrandbits(20):05x}": name for name, _ in _ROLES}


def _team(visit: Visit) -> list[dict[str, str]]:
    r = _rng(visit, "team")
    domain = pick(r, ("northwind.example", "bluefin.example", "keystone.example", "osprey.example"))
    firsts = r.sample(PLAIN_FIRST, 5)
    members = []
    for n, first in enumerate(firsts):
        last = pick(r, PLAIN_LAST)
        role = "Owner" if n == 0 else pick(r, [name for name, _ in _ROLES])
        members.append(
            {"name": f"{first} {last}", "email": f"{first.lower()}@{domain}", "role": role, "status": "Active"}
        )
    return members


def _invite_render(visit: Visit) -> Response | str:
    if visit.path == "api/team":
        return Response.json({"members": _team(visit) + visit.state.get("invited", [])})
    if visit.path:
        return _not_found()
    rng = visit.rng
    codes = _invite_codes(visit)
    default = next(k for k, v in codes.items() if v == _DEFAULT_ROLE)
    names = (
        "shell",
        "side",
        "main",
        "head",
        "card",
        "field",
        "err",
        "dd",
        "list",
        "opt",
        "odesc",
        "btn",
        "primary",
        "badge",
        "tbl",
        "muted",
    )
    c = {k: _css(rng) for k in names}
    ids = {
        k: _hex(rng, "i")
        for k in (
            "open",
            "panel",
            "ptitle",
            "email",
            "rolelbl",
            "role",
            "roleval",
            "list",
            "note",
            "send",
            "cancel",
            "tbody",
        )
    }
    descs = dict(_ROLES)
    options = [
        {"code": k, "name": v, "desc": descs[v], "f": code(f"role:{v}"), "id": _hex(rng, "o")} for k, v in codes.items()
    ]
    cfg = {
        "c": c,
        "i": ids,
        "options": options,
        "default": default,
        "panelOpen": rng.random() < 0.35,
        "org": pick(rng, ("Northwind", "Bluefin Labs", "Keystone")),
        "heading": pick(rng, ("Members", "Team", "People")),
        "openText": pick(rng, ("Invite teammate", "Invite members", "+ Invite")),
        "panelTitle": pick(rng, ("Invite a teammate", "Invite someone to your workspace", "Add a team member")),
        "emailLabel": pick(rng, ("Email address", "Work email", "Email")),
        "roleLabel": pick(rng, ("Role", "Permission level", "Access")),
        "sendText": pick(rng, ("Send invite", "Send invitation", "Invite")),
        "f": {k: code(k) for k in ("open", "email", "role", "send", "toast")},
    }
    toast_html, toast_css, toast_js = _toast(rng)
    css = (
        f".{c['shell']}{{display:flex;gap:1.5rem}}.{c['side']}{{width:9rem;border-right:1px solid #eee}}"
        f".{c['side']} a{{display:block;padding:.3rem 0;color:#374151;text-decoration:none}}"
        f".{c['main']}{{flex:1}}.{c['head']}{{display:flex;justify-content:space-between;align-items:center}}"
        f".{c['card']}{{border:1px solid #e5e7eb;border-radius:.5rem;padding:.5rem 1rem;margin:1rem 0}}"
        f".{c['err']}{{color:#b00020;font-size:.85rem}}.{c['dd']}{{position:relative;display:inline-block}}"
        f".{c['list']}{{position:absolute;z-index:5;list-style:none;margin:.2rem 0;padding:.3rem 0;width:20rem;"
        "background:#fff;border:1px solid #d1d5db;border-radius:.4rem;box-shadow:0 6px 20px rgba(0,0,0,.15)}"
        f".{c['opt']}{{padding:.35rem .8rem;cursor:pointer}}.{c['opt']}:hover,.{c['opt']}.active{{background:#eef2ff}}"
        f".{c['opt']}[aria-selected=true]{{font-weight:600}}.{c['odesc']}{{display:block;font-weight:400;"
        "color:#6b7280;font-size:.8rem}"
        f".{c['primary']}{{background:#2563eb;color:#fff;border:0;border-radius:.3rem}}"
        f".{c['badge']}{{background:#fef3c7;border-radius:1rem;padding:.05rem .5rem;font-size:.8rem}}"
        f".{c['tbl']}{{width:100%}}.{c['muted']}{{color:#6b7280}}" + toast_css
    )
    script = (
        beacon_script(visit)
        + toast_js
        + f"const CFG = {js(cfg)};\n"
        + r"""
const C = CFG.c, I = CFG.i, $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, ch => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[ch]));
const S = {role: CFG.default, open: false, active: -1};
function memberRow(m) {
  const status = m.status === 'Active' ? '' : ` <span class="${C.badge}">${esc(m.status)}</span>`;
  return `<tr><td>${esc(m.name || '—')}</td><td>${esc(m.email)}${status}</td><td>${esc(m.role)}</td></tr>`;
}
function build(members) {
  const opts = CFG.options.map((o, n) =>
    `<li role="option" id="${o.id}" data-n="${n}" aria-selected="${o.code === S.role}" class="${C.opt}" ` +
    `data-f="${o.f}">` +
    `${esc(o.name)}<span class="${C.odesc}">${esc(o.desc)}</span></li>`).join('');
  const current = CFG.options.find(o => o.code === S.role).name;
  $('root').innerHTML = `<div class="${C.shell}">
    <nav class="${C.side}"><strong>${esc(CFG.org)}</strong><a href="#">General</a><a href="#" aria-current="page">
      ${esc(CFG.heading)}</a><a href="#">Billing</a><a href="#">Security</a></nav>
    <main class="${C.main}">
      <div class="${C.head}"><h1>${esc(CFG.heading)}</h1>
        <button type="button" id="${I.open}" class="${C.primary}" data-f="${CFG.f.open}">${esc(CFG.openText)}
        </button></div>
      <section id="${I.panel}" class="${C.card}" aria-labelledby="${I.ptitle}" ${CFG.panelOpen ? '' : 'hidden'}>
        <h2 id="${I.ptitle}">${esc(CFG.panelTitle)}</h2>
        <div class="${C.field}"><label for="${I.email}">${esc(CFG.emailLabel)}</label>
          <input id="${I.email}" type="email" placeholder="name@company.com" size="34" data-f="${CFG.f.email}">
          <div class="${C.err}" data-err="email"></div></div>
        <div class="${C.field}"><div id="${I.rolelbl}" style="margin:.6rem 0 .2rem">${esc(CFG.roleLabel)}</div>
          <div class="${C.dd}">
            <button type="button" id="${I.role}" aria-haspopup="listbox" aria-expanded="false"
              aria-labelledby="${I.rolelbl} ${I.roleval}" data-f="${CFG.f.role}">
              <span id="${I.roleval}">${esc(current)}</span> <span aria-hidden="true">▾</span></button>
            <ul role="listbox" id="${I.list}" class="${C.list}" aria-labelledby="${I.rolelbl}" tabindex="-1" hidden>
              ${opts}</ul></div>
          <div class="${C.err}" data-err="role"></div></div>
        <div class="${C.field}"><label for="${I.note}">Personal note <span class="${C.muted}">(optional)</span></label>
          <textarea id="${I.note}" rows="2" cols="40"></textarea></div>
        <button type="button" id="${I.send}" class="${C.primary}" data-f="${CFG.f.send}">${esc(CFG.sendText)}</button>
        <button type="button" id="${I.cancel}">Cancel</button>
        <div class="${C.err}" data-err="_"></div>
      </section>
      <table class="${C.tbl}"><thead><tr><th>Name</th><th>Email</th><th>Role</th></tr></thead>
        <tbody id="${I.tbody}">${members.map(memberRow).join('')}</tbody></table>
    </main></div>`;
  wire();
}
function options() { return [...$(I.list).querySelectorAll('[role=option]')]; }
function setActive(n) {
  S.active = n;
  options().forEach((li, k) => li.classList.toggle('active', k === n));
  if (n >= 0) $(I.list).setAttribute('aria-activedescendant', options()[n].id);
}
function openList() {
  $(I.list).hidden = false; $(I.role).setAttribute('aria-expanded', 'true');
  setActive(CFG.options.findIndex(o => o.code === S.role)); $(I.list).focus();
}
function closeList() { $(I.list).hidden = true; $(I.role).setAttribute('aria-expanded', 'false'); }
function choose(n) {
  const o = CFG.options[n]; S.role = o.code;
  $(I.roleval).textContent = o.name;
  options().forEach((li, k) => li.setAttribute('aria-selected', String(k === n)));
  closeList(); $(I.role).focus();
}
function resetPanel() {
  $(I.email).value = ''; $(I.note).value = '';
  choose(CFG.options.findIndex(o => o.code === CFG.default));
  document.querySelectorAll('[data-err]').forEach(e => e.textContent = '');
}
function wire() {
  $(I.open).addEventListener('click', () => { $(I.panel).hidden = false; $(I.email).focus(); });
  $(I.cancel).addEventListener('click', () => { resetPanel(); if (!CFG.panelOpen) $(I.panel).hidden = true; });
  $(I.role).addEventListener('click', () => { if ($(I.list).hidden) openList(); else closeList(); });
  options().forEach(li => li.addEventListener('click', () => choose(+li.dataset.n)));
  $(I.list).addEventListener('keydown', e => {
    const n = options().length;
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((S.active + 1) % n); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((S.active + n - 1) % n); }
    else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); if (S.active >= 0) choose(S.active); }
    else if (e.key === 'Escape') { closeList(); $(I.role).focus(); }
  });
  document.addEventListener('click', e => {
    if (!$(I.list).hidden && !e.target.closest('.' + C.dd)) closeList();
  });
  $(I.send).addEventListener('click', async () => {
    document.querySelectorAll('[data-err]').forEach(e => e.textContent = '');
    const email = $(I.email).value.trim();
    $(I.send).disabled = true;
    let answer;
    try { answer = await send('invite', {email: email, role: S.role, note: $(I.note).value}); }
    finally { $(I.send).disabled = false; }
    if (answer.status === 201) {
      $(I.tbody).insertAdjacentHTML('beforeend', memberRow(answer.body.member));
      resetPanel(); if (!CFG.panelOpen) $(I.panel).hidden = true;
      toast(`Invitation sent to ${email}`);
    } else {
      const errors = (answer.body && answer.body.errors) || {_: 'Something went wrong. Please try again.'};
      Object.entries(errors).forEach(([k, m]) => {
        const e = document.querySelector(`[data-err="${k}"]`); if (e) e.textContent = m;
      });
    }
  });
}
$('root').innerHTML = '<p class="' + C.muted + '">Loading…</p>';
fetch(BASE + '/api/team').then(r => r.json()).then(d => build(d.members));
"""
    )
    return page("Members · Settings", f'<div id="root"></div>{toast_html}', head=f"<style>{css}</style>", script=script)


def _invite_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    errors: dict[str, str] = {}
    email = sub.one("email").strip()
    if not _EMAIL.match(email):
        errors["email"] = "Enter a valid email address."
    elif email.casefold() in {m["email"].casefold() for m in _team(visit)}:
        errors["email"] = "This person is already a member of the workspace."
    if sub.one("role") not in _invite_codes(visit):
        errors["role"] = "Choose a role."
    if len(sub.one("note")) > 500:
        errors["_"] = "The note may be at most 500 characters."
    return errors


def _invite_respond(visit: Visit, sub: Submission) -> Response:
    errors = _invite_errors(visit, sub)
    if errors:
        return Response.json({"errors": errors}, status=422)
    member = {
        "name": "",
        "email": sub.one("email").strip(),
        "role": _invite_codes(visit)[sub.one("role")],
        "status": "Invitation pending",
    }
    visit.state.setdefault("invited", []).append(member)
    return Response.json({"member": member}, status=201)


def _invite_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "invite", lambda s: _invite_errors(visit, s))
    if not accepted:
        return _nothing("no invitation was sent", refused)
    if len(accepted) > 1:
        return Verdict.no(f"{len(accepted)} invitations were sent instead of one")
    sub, want = accepted[0], visit.params
    if sub.one("email").strip().casefold() != want["email"].casefold():
        return Verdict.no(f"email: expected {want['email']!r}, got {sub.one('email')!r}")
    role = _invite_codes(visit)[sub.one("role")]
    if role != want["role"]:
        return Verdict.no(f"role: expected {want['role']!r}, got {role!r}")
    if sub.one("note").strip():
        return Verdict.no(f"a personal note was added that the task did not ask for: {sub.one('note')!r}")
    return Verdict.yes("the invitation was sent as asked")


async def _invite_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    opener, email = pw.locator(_sel("open")), pw.locator(_sel("email"))
    await opener.wait_for()
    if not await email.is_visible():
        await opener.click()
    await email.fill(params["email"])
    await pw.click(_sel("role"))
    await pw.click(_sel(f"role:{params['role']}"))
    await pw.click(_sel("send"))
    await pw.locator(f"{_sel('toast')}[data-state=open]").wait_for()


# --- 4. issue tracker: title, a tag input (Enter makes a chip), an assignee type-ahead fed by fetch ----------------

_PEOPLE = (
    "Amara Okafor",
    "Amara Lindqvist",
    "Bjorn Russo",
    "Chiara Volkov",
    "Dmitri Yilmaz",
    "Elif Haddad",
    "Elif Berg",
    "Farid Tanaka",
    "Greta Costa",
    "Hiro Weber",
    "Ines Novak",
    "Jonas Okafor",
    "Kemal Lindqvist",
    "Lena Russo",
    "Lena Volkov",
)
_LABELS = ("bug", "frontend", "backend", "regression", "performance", "docs", "accessibility", "security", "mobile")
_PRIORITIES = ("No priority", "Urgent", "High", "Medium", "Low")
_TITLES = (
    "Checkout button",
    "Search results page",
    "Avatar upload",
    "CSV export",
    "Date picker",
    "Invite email",
    "Dashboard chart",
)
_PROBLEMS = (
    "breaks on Safari",
    "is slow for large workspaces",
    "shows the wrong timezone",
    "fails for files over 10 MB",
    "ignores the dark theme",
)


def _issue_params(rng: random.Random) -> dict[str, str]:
    return {
        "title": f"{pick(rng, _TITLES)} {pick(rng, _PROBLEMS)}",
        "labels": ", ".join(pick(rng, _LABELS, rng.choice((1, 2, 3)))),
        "assignee": pick(rng, _PEOPLE),
    }


def _people(visit: Visit) -> list[dict[str, str]]:
    r = _rng(visit, "people")
    out = []
    for name in _PEOPLE:
        first, last = name.split()
        out.append(
            {
                "id": f"u_{r.getrandbits(28):07x}",
                "name": name,
                "handle": f"{first.lower()}.{last[:1].lower()}{r.randint(1, 9)}",
            }
        )
    return out


def _priority_codes(visit: Visit) -> dict[str, str]:
    r = _rng(visit, "priority")
    return {f"p{r.getrandbits(16):04x}": p for p in _PRIORITIES}


def _issue_render(visit: Visit) -> Response | str:
    if visit.path == "api/people":
        q = visit.query.get("q", "").strip().casefold()
        found = [p for p in _people(visit) if q and (q in p["name"].casefold() or q in p["handle"])]
        return Response.json({"people": found[:6]})
    if visit.path:
        return _not_found()
    rng = visit.rng
    c = {
        k: _css(rng)
        for k in (
            "crumb",
            "grid",
            "field",
            "props",
            "tagbox",
            "chip",
            "x",
            "combo",
            "list",
            "opt",
            "av",
            "handle",
            "hint",
            "primary",
            "banner",
        )
    }
    i = {k: _hex(rng, "f") for k in ("title", "desc", "tags", "chips", "assignee", "alist", "prio", "create", "banner")}
    project = pick(rng, ("Web app", "Mobile", "Platform"))
    prefix = {"Web app": "WEB", "Mobile": "MOB", "Platform": "PLT"}[project]
    prio_opts = "".join(f'<option value="{k}">{esc(v)}</option>' for k, v in _priority_codes(visit).items())
    props = [
        f'<div class="{c["field"]}"><label for="{i["tags"]}">Labels</label>'
        f'<div class="{c["tagbox"]}"><span id="{i["chips"]}"></span>'
        f'<input id="{i["tags"]}" placeholder="{pick(rng, ("Add label…", "Type a label"))}" autocomplete="off" '
        f'{_f("labels")}></div><div class="{c["hint"]}">Press Enter to add a label</div></div>',
        f'<div class="{c["field"]} {c["combo"]}"><label for="{i["assignee"]}">{pick(rng, ("Assignee", "Assign to"))}'
        f'</label><input id="{i["assignee"]}" role="combobox" aria-autocomplete="list" aria-expanded="false" '
        f'aria-controls="{i["alist"]}" placeholder="{pick(rng, ("Search people…", "Unassigned"))}" autocomplete="off" '
        f'{_f("assignee")}><ul id="{i["alist"]}" role="listbox" class="{c["list"]}" hidden></ul></div>',
        f'<div class="{c["field"]}"><label for="{i["prio"]}">Priority</label>'
        f'<select id="{i["prio"]}">{prio_opts}</select></div>',
    ]
    rng.shuffle(props)
    body = (
        f'<nav class="{c["crumb"]}" aria-label="Breadcrumb">{esc(project)} › Issues › New</nav>'
        f"<h1>{pick(rng, ('New issue', 'Create issue'))}</h1>"
        f'<div id="{i["banner"]}" class="{c["banner"]}" role="status" hidden></div>'
        f'<div class="{c["grid"]}"><div>'
        f'<div class="{c["field"]}"><label for="{i["title"]}">Title</label>'
        f'<input id="{i["title"]}" placeholder="{pick(rng, ("Issue title", "Short summary"))}" {_f("title")}></div>'
        f'<div class="{c["field"]}"><label for="{i["desc"]}">Description</label>'
        f'<textarea id="{i["desc"]}" rows="6" placeholder="Add a description… (Markdown supported)"></textarea></div>'
        f'</div><div class="{c["props"]}">{"".join(props)}</div></div>'
        f'<button type="button" id="{i["create"]}" class="{c["primary"]}" {_f("create")}>'
        f'{pick(rng, ("Create issue", "Create", "Save issue"))}</button><button type="button">Cancel</button>'
        f'<p class="error" data-err></p>'
    )
    css = (
        f".{c['crumb']}{{color:#6b7280;font-size:.9rem}}.{c['grid']}{{display:grid;grid-template-columns:2fr 1fr;"
        "gap:1.5rem}"
        f".{c['field']} input,.{c['field']} textarea,.{c['field']} select{{width:100%;box-sizing:border-box}}"
        f".{c['tagbox']}{{display:flex;flex-wrap:wrap;gap:.25rem;border:1px solid #9ca3af;padding:.2rem}}"
        f".{c['tagbox']} input{{border:0;outline:0;flex:1;min-width:6rem}}"
        f".{c['chip']}{{background:#e0e7ff;border-radius:1rem;padding:.05rem .2rem .05rem .55rem;font-size:.85rem}}"
        f".{c['x']}{{border:0;background:none;margin:0;padding:0 .3rem;cursor:pointer}}"
        f".{c['hint']}{{color:#6b7280;font-size:.75rem}}.{c['combo']}{{position:relative}}"
        f".{c['list']}{{position:absolute;z-index:5;list-style:none;margin:0;padding:.2rem 0;width:100%;"
        "background:#fff;border:1px solid #d1d5db;box-shadow:0 6px 20px rgba(0,0,0,.15)}"
        f".{c['opt']}{{padding:.3rem .6rem;cursor:pointer}}.{c['opt']}.active,.{c['opt']}:hover{{background:#eef2ff}}"
        f".{c['av']}{{display:inline-block;width:1.4rem;height:1.4rem;border-radius:50%;background:#c7d2fe;"
        "font-size:.7rem;text-align:center;line-height:1.4rem;margin-right:.4rem}"
        f".{c['handle']}{{color:#6b7280;font-size:.8rem}}"
        f".{c['banner']}{{background:#ecfdf5;border:1px solid #10b981;padding:.5rem 1rem;border-radius:.4rem}}"
        f".{c['primary']}{{background:#4f46e5;color:#fff;border:0;border-radius:.3rem}}"
    )
    cfg = {"c": c, "i": i, "prefix": prefix}
    script = (
        beacon_script(visit)
        + f"const CFG = {js(cfg)};\n"
        + r"""
const C = CFG.c, I = CFG.i, $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, ch => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[ch]));
let labels = [], assignee = null, people = [], active = -1, timer = null;
function drawChips() {
  $(I.chips).innerHTML = labels.map((l, n) => `<span class="${C.chip}">${esc(l)}<button type="button" ` +
    `class="${C.x}" data-n="${n}" aria-label="Remove label ${esc(l)}">×</button></span>`).join('');
  $(I.chips).querySelectorAll('button').forEach(b => b.addEventListener('click', () => {
    labels.splice(+b.dataset.n, 1); drawChips(); $(I.tags).focus();
  }));
}
function addLabels(text) {
  text.split(',').map(s => s.trim()).filter(Boolean).forEach(l => {
    if (!labels.some(x => x.toLowerCase() === l.toLowerCase())) labels.push(l);
  });
  drawChips();
}
$(I.tags).addEventListener('keydown', e => {
  if (e.key === 'Enter' || e.key === ',') { e.preventDefault(); addLabels($(I.tags).value); $(I.tags).value = ''; }
  else if (e.key === 'Backspace' && !$(I.tags).value && labels.length) { labels.pop(); drawChips(); }
});
$(I.tags).addEventListener('input', () => {
  const v = $(I.tags).value;
  if (v.includes(',')) { const parts = v.split(','); const rest = parts.pop(); addLabels(parts.join(','));
                         $(I.tags).value = rest.trimStart(); }
});
const A = $(I.assignee), L = $(I.alist);
function closeList() {
  L.hidden = true; A.setAttribute('aria-expanded', 'false'); A.removeAttribute('aria-activedescendant');
}
function setActive(n) {
  active = n;
  L.querySelectorAll('[role=option]').forEach((li, k) => li.classList.toggle('active', k === n));
  if (n >= 0) A.setAttribute('aria-activedescendant', I.alist + '-' + n);
}
function choose(n) { assignee = people[n]; A.value = assignee.name; closeList(); }
A.addEventListener('input', () => {
  assignee = null; clearTimeout(timer);
  const q = A.value.trim();
  if (!q) { closeList(); return; }
  timer = setTimeout(async () => {
    const r = await fetch(BASE + '/api/people?q=' + encodeURIComponent(q));
    const d = await r.json();
    if (A.value.trim() !== q) return;
    people = d.people; active = -1;
    L.innerHTML = people.length ? people.map((p, n) => {
      const initials = p.name.split(' ').map(w => w[0]).join('');
      return `<li role="option" id="${I.alist}-${n}" data-n="${n}" aria-selected="false" class="${C.opt}">` +
        `<span class="${C.av}" aria-hidden="true">${esc(initials)}</span>${esc(p.name)} ` +
        `<span class="${C.handle}">@${esc(p.handle)}</span></li>`;
    }).join('') : '<li role="presentation" style="padding:.3rem .6rem;color:#6b7280">No people found</li>';
    L.hidden = false; A.setAttribute('aria-expanded', 'true');
    L.querySelectorAll('[role=option]').forEach(li => li.addEventListener('mousedown', e => {
      e.preventDefault(); choose(+li.dataset.n);
    }));
  }, 250);
});
A.addEventListener('keydown', e => {
  const n = L.querySelectorAll('[role=option]').length;
  if (L.hidden || !n) return;
  if (e.key === 'ArrowDown') { e.preventDefault(); setActive((active + 1) % n); }
  else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((active + n - 1) % n); }
  else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(active); }
  else if (e.key === 'Escape') closeList();
});
A.addEventListener('blur', () => setTimeout(() => { closeList(); if (!assignee) A.value = ''; }, 150));
$(I.create).addEventListener('click', async () => {
  document.querySelector('[data-err]').textContent = '';
  const data = {title: $(I.title).value, description: $(I.desc).value, labels: labels,
                assignee: assignee ? assignee.id : '', priority: $(I.prio).value};
  $(I.create).disabled = true;
  let answer;
  try { answer = await send('issue', data); } finally { $(I.create).disabled = false; }
  if (answer.status === 201) {
    $(I.banner).hidden = false;
    $(I.banner).innerHTML = `Issue <a href="#">${esc(answer.body.key)}</a> created.`;
    $(I.title).value = ''; $(I.desc).value = ''; labels = []; drawChips(); assignee = null; A.value = '';
    $(I.prio).selectedIndex = 0;
  } else {
    document.querySelector('[data-err]').textContent =
      (answer.body && answer.body.error) || 'Something went wrong. Please try again.';
  }
});
"""
    )
    return page("New issue", body, head=f"<style>{css}</style>", script=script)


def _issue_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not sub.one("title").strip():
        errors["title"] = "The title is required."
    elif len(sub.one("title")) > 200:
        errors["title"] = "The title may be at most 200 characters."
    if sub.one("priority") not in _priority_codes(visit):
        errors["priority"] = "Unknown priority."
    if sub.one("assignee") and sub.one("assignee") not in {p["id"] for p in _people(visit)}:
        errors["assignee"] = "Unknown assignee."
    if any(len(label) > 40 for label in sub.many("labels")):
        errors["labels"] = "Labels may be at most 40 characters."
    return errors


def _issue_respond(visit: Visit, sub: Submission) -> Response:
    errors = _issue_errors(visit, sub)
    if errors:
        return Response.json({"error": " ".join(errors.values())}, status=422)
    issues = visit.state.setdefault("issues", [])
    issues.append(sub.one("title"))
    return Response.json({"key": f"ISS-{411 + len(issues)}"}, status=201)


def _label_set(text_or_list: str | list[str]) -> list[str]:
    items = text_or_list.split(",") if isinstance(text_or_list, str) else text_or_list
    return sorted(item.strip().casefold() for item in items if item.strip())


def _issue_judge(visit: Visit, record: Record) -> Verdict:
    accepted, refused = _accepted(record, "issue", lambda s: _issue_errors(visit, s))
    if not accepted:
        return _nothing("no issue was created", refused)
    if len(accepted) > 1:
        return Verdict.no(f"{len(accepted)} issues were created instead of one")
    sub, want = accepted[0], visit.params
    if sub.one("title").strip() != want["title"]:
        return Verdict.no(f"title: expected {want['title']!r}, got {sub.one('title')!r}")
    got_labels, want_labels = _label_set(sub.many("labels")), _label_set(want["labels"])
    if got_labels != want_labels:
        return Verdict.no(f"labels: expected {want_labels}, got {got_labels}")
    person_name = {p["id"]: p["name"] for p in _people(visit)}.get(sub.one("assignee"), "")
    if person_name != want["assignee"]:
        return Verdict.no(f"assignee: expected {want['assignee']!r}, got {person_name or 'nobody'!r}")
    priority = _priority_codes(visit).get(sub.one("priority"), "")
    if priority != _PRIORITIES[0]:
        return Verdict.no(f"the priority was set to {priority!r}; the task did not ask to change it")
    if sub.one("description").strip():
        return Verdict.no(f"a description was added that the task did not ask for: {sub.one('description')!r}")
    return Verdict.yes("the issue was created as asked")


async def _issue_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(_sel("title"), params["title"])
    tags = pw.locator(_sel("labels"))
    for label in params["labels"].split(","):
        await tags.fill(label.strip())
        await tags.press("Enter")
    await pw.fill(_sel("assignee"), params["assignee"])
    await pw.locator("[role=listbox] [role=option]", has_text=params["assignee"]).first.click()
    await pw.click(_sel("create"))
    await pw.locator("[role=status]", has_text="created").wait_for()


# --- 5. admin customers table: find one customer (search or pages), its Edit action, change the plan, save ---------

_CUSTOMERS = (
    "Acorn Analytics",
    "Bramble & Co",
    "Cinder Logistics",
    "Delta Dental Group",
    "Everfield Farms",
    "Foxglove Studio",
    "Granite Legal",
    "Harbor Health",
    "Ironbark Builders",
    "Juniper Freight",
    "Kestrel Aviation",
    "Lumen Optics",
    "Marigold Bakery",
    "Nimbus Cloudworks",
    "Oakline Furniture",
    "Pebble Robotics",
    "Quill Publishing",
    "Redwood Realty",
    "Saffron Kitchens",
    "Tidewater Marine",
    "Umbra Security",
    "Vireo Travel",
    "Willow Veterinary",
    "Yarrow Pharmacy",
    "Zephyr Energy",
    "Atlas Printing",
    "Beacon Tutors",
    "Copperleaf Hotels",
)
_PLANS = ("Free", "Starter", "Pro", "Business", "Enterprise")
_STATUSES = ("Active", "Trialing", "Past due")
_PAGE_SIZE = 8


def _admin_params(rng: random.Random) -> dict[str, str]:
    return {"customer": pick(rng, _CUSTOMERS), "new_plan": pick(rng, _PLANS)}


def _customers(visit: Visit) -> list[dict[str, Any]]:
    """The customers as stored before the visit, newest first; the target's plan is never the one asked for."""
    r = _rng(visit, "customers")
    rows = []
    for name in _CUSTOMERS:
        slug = re.sub(r"[^a-z]", "", name.split()[0].lower())
        created = date(2023, 1, 1) + timedelta(days=r.randint(0, 800))
        row = {
            "id": f"cus_{r.getrandbits(32):08x}",
            "name": name,
            "email": f"{pick(r, ('billing', 'accounts', 'finance', 'admin'))}@{slug}.example",
            "plan": pick(r, _PLANS),
            "seats": r.randint(1, 240),
            "status": pick(r, _STATUSES),
            "created": created.isoformat(),
        }
        if name == visit.params["customer"] and row["plan"] == visit.params["new_plan"]:
            row["plan"] = _PLANS[(_PLANS.index(row["plan"]) + 1 + r.randrange(len(_PLANS) - 1)) % len(_PLANS)]
        rows.append(row)
    rows.sort(key=lambda row: row["created"], reverse=True)
    return rows


def _admin_current(visit: Visit) -> list[dict[str, Any]]:
    saved = visit.state.get("saved", {})
    return [{**row, **saved.get(row["id"], {})} for row in _customers(visit)]


def _admin_render(visit: Visit) -> Response | str:
    if visit.path == "api/customers":
        q = visit.query.get("q", "").strip().casefold()
        rows = [row for row in _admin_current(visit) if q in row["name"].casefold() or q in row["email"]]
        pages = max(1, -(-len(rows) // _PAGE_SIZE))
        try:
            number = min(max(1, int(visit.query.get("page", "1"))), pages)
        except ValueError:
            number = 1
        chunk = rows[(number - 1) * _PAGE_SIZE : number * _PAGE_SIZE]
        return Response.json({"rows": chunk, "page": number, "pages": pages, "total": len(rows)})
    if visit.path:
        return _not_found()
    rng = visit.rng
    c = {
        k: _css(rng)
        for k in (
            "bar",
            "tbl",
            "sub",
            "badge",
            "act",
            "icon",
            "menu",
            "item",
            "danger",
            "drawer",
            "back",
            "field",
            "err",
            "primary",
            "pager",
        )
    }
    i = {
        k: _hex(rng, "a")
        for k in (
            "q",
            "tbody",
            "pager",
            "prev",
            "next",
            "menu",
            "drawer",
            "dtitle",
            "dname",
            "name",
            "email",
            "plan",
            "seats",
            "status",
            "save",
            "cancel",
            "x",
        )
    }
    plan_as_select = rng.random() < 0.6
    if plan_as_select:
        plan_opts = "".join(f'<option value="{p}">{p}</option>' for p in _PLANS)
        plan_field = (
            f'<div class="{c["field"]}"><label for="{i["plan"]}">Plan</label>'
            f'<select id="{i["plan"]}" name="plan" {_f("plan")}>{plan_opts}</select></div>'
        )
    else:
        radios = "".join(
            f'<label style="display:inline-block;margin-right:.8rem"><input type="radio" name="plan" '
            f'value="{p}" {_f("plan:" + p)}> {p}</label>'
            for p in _PLANS
        )
        plan_field = f'<fieldset class="{c["field"]}"><legend>Plan</legend>{radios}</fieldset>'
    status_opts = "".join(f'<option value="{s}">{s}</option>' for s in _STATUSES)
    fields = [
        f'<div class="{c["field"]}"><label for="{i["name"]}">Company name</label>'
        f'<input id="{i["name"]}" name="name"></div>',
        f'<div class="{c["field"]}"><label for="{i["email"]}">{pick(rng, ("Billing email", "Billing contact"))}'
        f'</label><input id="{i["email"]}" name="email" type="email"></div>',
        plan_field,
        f'<div class="{c["field"]}"><label for="{i["seats"]}">Seats</label>'
        f'<input id="{i["seats"]}" name="seats" type="number" min="1"></div>',
        f'<div class="{c["field"]}"><label for="{i["status"]}">Status</label>'
        f'<select id="{i["status"]}" name="status">{status_opts}</select></div>',
    ]
    toast_html, toast_css, toast_js = _toast(rng)
    body = (
        f"<h1>{pick(rng, ('Customers', 'Accounts'))}</h1>"
        f'<div class="{c["bar"]}"><input type="search" id="{i["q"]}" placeholder="Search by name or email" '
        f'aria-label="Search customers" {_f("search")}><span id="{i["pager"]}" class="muted"></span></div>'
        f'<table class="{c["tbl"]}"><thead><tr><th>Customer</th><th>Plan</th><th>Seats</th><th>Status</th>'
        f'<th>Created</th><th><span style="position:absolute;left:-9999px">Actions</span></th></tr></thead>'
        f'<tbody id="{i["tbody"]}"><tr><td colspan="6">Loading…</td></tr></tbody></table>'
        f'<div class="{c["pager"]}"><button type="button" id="{i["prev"]}">‹ Previous</button>'
        f'<button type="button" id="{i["next"]}">Next ›</button></div>'
        f'<div id="{i["menu"]}" class="{c["menu"]}" role="menu" hidden></div>'
        f'<div class="{c["back"]}" id="{i["drawer"]}-b" hidden></div>'
        f'<aside id="{i["drawer"]}" class="{c["drawer"]}" role="dialog" aria-modal="true" '
        f'aria-labelledby="{i["dtitle"]}" hidden><div class="{c["bar"]}"><h2 id="{i["dtitle"]}">'
        f'{pick(rng, ("Edit customer", "Edit account"))}</h2><button type="button" class="{c["icon"]}" id="{i["x"]}" '
        f'aria-label="Close">✕</button></div><p class="{c["sub"]}" id="{i["dname"]}"></p>{"".join(fields)}'
        f'<p class="{c["err"]}" data-err></p><div class="{c["bar"]}"><button type="button" id="{i["cancel"]}">Cancel'
        f'</button><button type="button" id="{i["save"]}" class="{c["primary"]}" {_f("save")}>'
        f"{pick(rng, ('Save changes', 'Update customer', 'Save'))}</button></div></aside>{toast_html}"
    )
    css = (
        f".{c['bar']}{{display:flex;justify-content:space-between;align-items:center;gap:1rem}}"
        f".{c['tbl']}{{width:100%;margin-top:.8rem}}.{c['sub']}{{color:#6b7280;font-size:.82rem}}"
        f".{c['badge']}{{background:#eef2ff;border-radius:1rem;padding:.05rem .55rem;font-size:.85rem}}"
        f".{c['act']}{{background:none;border:0;color:#2563eb;padding:0;margin:0}}"
        f".{c['icon']}{{background:none;border:1px solid #d1d5db;border-radius:.3rem;width:2rem;height:2rem;"
        "padding:0;margin:0}"
        f".{c['menu']}{{position:absolute;background:#fff;border:1px solid #d1d5db;border-radius:.4rem;"
        "box-shadow:0 6px 20px rgba(0,0,0,.15);padding:.3rem 0;z-index:5;min-width:11rem}"
        f".{c['item']}{{display:block;width:100%;text-align:left;background:none;border:0;margin:0;"
        "padding:.35rem .9rem}"
        f".{c['item']}:hover{{background:#f3f4f6}}.{c['danger']}{{color:#b91c1c}}"
        f".{c['back']}{{position:fixed;inset:0;background:rgba(15,23,42,.35)}}"
        f".{c['drawer']}{{position:fixed;top:0;right:0;bottom:0;width:24rem;background:#fff;padding:1rem 1.3rem;"
        "box-shadow:-8px 0 30px rgba(0,0,0,.2);overflow:auto}"
        f".{c['field']} input:not([type=radio]),.{c['field']} select{{width:100%;box-sizing:border-box}}"
        f".{c['err']}{{color:#b00020}}.{c['pager']}{{display:flex;gap:.4rem;justify-content:flex-end}}"
        f".{c['primary']}{{background:#2563eb;color:#fff;border:0;border-radius:.3rem}}" + toast_css
    )
    cfg = {
        "c": c,
        "i": i,
        "actions": rng.randrange(3),
        "planSelect": plan_as_select,
        "f": {k: code(k) for k in ("edit", "more")},
        "saved": pick(rng, ("Customer updated", "Changes saved", "Saved")),
    }
    script = (
        beacon_script(visit)
        + toast_js
        + f"const CFG = {js(cfg)};\n"
        + r"""
const C = CFG.c, I = CFG.i, $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, ch => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[ch]));
const S = {page: 1, q: '', rows: [], pages: 1, total: 0, editing: null};
function actions(c) {
  if (CFG.actions === 0)
    return `<button type="button" class="${C.act}" data-act="edit" data-f="${CFG.f.edit}">Edit</button>`;
  if (CFG.actions === 1)
    return `<button type="button" class="${C.icon}" data-act="edit" aria-label="Edit ${esc(c.name)}" title="Edit" ` +
      `data-f="${CFG.f.edit}"><span aria-hidden="true">✎</span></button>`;
  return `<button type="button" class="${C.icon}" data-act="menu" aria-haspopup="menu" aria-expanded="false" ` +
    `aria-label="Actions for ${esc(c.name)}" data-f="${CFG.f.more}"><span aria-hidden="true">⋯</span></button>`;
}
function draw() {
  $(I.tbody).innerHTML = S.rows.length ? S.rows.map(c => `<tr data-id="${c.id}">
    <td><div>${esc(c.name)}</div><div class="${C.sub}">${esc(c.email)}</div></td>
    <td><span class="${C.badge}">${esc(c.plan)}</span></td><td>${c.seats}</td><td>${esc(c.status)}</td>
    <td>${esc(c.created)}</td><td>${actions(c)}</td></tr>`).join('')
    : '<tr><td colspan="6">No customers match your search.</td></tr>';
  const from = S.total ? (S.page - 1) * 8 + 1 : 0, to = Math.min(S.page * 8, S.total);
  $(I.pager).textContent = `Showing ${from}–${to} of ${S.total} · Page ${S.page} of ${S.pages}`;
  $(I.prev).disabled = S.page <= 1; $(I.next).disabled = S.page >= S.pages;
  $(I.tbody).querySelectorAll('[data-act]').forEach(b => b.addEventListener('click', e => {
    const c = S.rows.find(r => r.id === b.closest('tr').dataset.id);
    if (b.dataset.act === 'edit') openDrawer(c); else openMenu(b, c);
    e.stopPropagation();
  }));
}
async function load() {
  const r = await fetch(`${BASE}/api/customers?page=${S.page}&q=${encodeURIComponent(S.q)}`);
  const d = await r.json();
  Object.assign(S, {rows: d.rows, page: d.page, pages: d.pages, total: d.total});
  closeMenu(); draw();
}
function closeMenu() {
  $(I.menu).hidden = true;
  document.querySelectorAll('[aria-haspopup=menu]').forEach(b => b.setAttribute('aria-expanded', 'false'));
}
function openMenu(button, c) {
  const m = $(I.menu), box = button.getBoundingClientRect();
  m.innerHTML = `<button type="button" role="menuitem" class="${C.item}" data-m="edit" data-f="${CFG.f.edit}">` +
    `Edit</button><button type="button" role="menuitem" class="${C.item}" data-m="copy">Copy customer ID</button>` +
    `<button type="button" role="menuitem" class="${C.item} ${C.danger}" data-m="suspend">Suspend account</button>`;
  m.style.top = (window.scrollY + box.bottom + 4) + 'px'; m.style.left = (window.scrollX + box.right - 176) + 'px';
  m.hidden = false; button.setAttribute('aria-expanded', 'true');
  m.querySelectorAll('[data-m]').forEach(b => b.addEventListener('click', async () => {
    closeMenu();
    if (b.dataset.m === 'edit') openDrawer(c);
    else if (b.dataset.m === 'copy') {
      try { await navigator.clipboard.writeText(c.id); } catch (e) {}
      toast('Customer ID copied');
    }
    else { await send('suspend', {id: c.id}); toast(`${c.name} was suspended`); load(); }
  }));
}
document.addEventListener('click', e => { if (!$(I.menu).hidden && !e.target.closest('#' + I.menu)) closeMenu(); });
function openDrawer(c) {
  S.editing = c;
  $(I.dname).textContent = `${c.name} · ${c.id}`;
  $(I.name).value = c.name; $(I.email).value = c.email; $(I.seats).value = c.seats; $(I.status).value = c.status;
  if (CFG.planSelect) $(I.plan).value = c.plan;
  else document.querySelectorAll('input[name=plan]').forEach(r => r.checked = r.value === c.plan);
  document.querySelector('[data-err]').textContent = '';
  $(I.drawer).hidden = false; $(I.drawer + '-b').hidden = false; $(I.name).focus();
}
function closeDrawer() { $(I.drawer).hidden = true; $(I.drawer + '-b').hidden = true; S.editing = null; }
$(I.x).addEventListener('click', closeDrawer);
$(I.cancel).addEventListener('click', closeDrawer);
document.addEventListener('keydown', e => { if (e.key === 'Escape') { closeMenu(); if (S.editing) closeDrawer(); } });
$(I.save).addEventListener('click', async () => {
  const plan = CFG.planSelect ? $(I.plan).value : (document.querySelector('input[name=plan]:checked') || {}).value;
  const data = {id: S.editing.id, name: $(I.name).value, email: $(I.email).value, plan: plan || '',
                seats: $(I.seats).value, status: $(I.status).value};
  $(I.save).disabled = true;
  let answer;
  try { answer = await send('customer', data); } finally { $(I.save).disabled = false; }
  if (answer.status === 200) { closeDrawer(); toast(CFG.saved); load(); }
  else document.querySelector('[data-err]').textContent =
    (answer.body && answer.body.error) || 'Something went wrong. Please try again.';
});
$(I.prev).addEventListener('click', () => { S.page -= 1; load(); });
$(I.next).addEventListener('click', () => { S.page += 1; load(); });
let timer = null;
$(I.q).addEventListener('input', () => {
  clearTimeout(timer); timer = setTimeout(() => { S.q = $(I.q).value.trim(); S.page = 1; load(); }, 300);
});
load();
"""
    )
    return page("Customers · Admin", body, head=f"<style>{css}</style>", script=script)


def _admin_values(sub: Submission) -> dict[str, Any]:
    try:
        seats: Any = int(sub.one("seats").strip())
    except ValueError:
        seats = sub.one("seats")
    return {
        "name": _words(sub.one("name")),
        "email": sub.one("email").strip(),
        "plan": sub.one("plan"),
        "seats": seats,
        "status": sub.one("status"),
    }


def _admin_errors(visit: Visit, sub: Submission) -> dict[str, str]:
    values = _admin_values(sub)
    if sub.one("id") not in {row["id"] for row in _customers(visit)}:
        return {"id": "Unknown customer."}
    errors: dict[str, str] = {}
    if not values["name"]:
        errors["name"] = "The company name is required."
    if not _EMAIL.match(values["email"]):
        errors["email"] = "Enter a valid billing email."
    if values["plan"] not in _PLANS:
        errors["plan"] = "Choose a plan."
    if not isinstance(values["seats"], int) or not 1 <= values["seats"] <= 10000:
        errors["seats"] = "Seats must be a whole number from 1 to 10000."
    if values["status"] not in _STATUSES:
        errors["status"] = "Choose a status."
    return errors


def _admin_respond(visit: Visit, sub: Submission) -> Response:
    if sub.step == "suspend":
        if sub.one("id") in {row["id"] for row in _customers(visit)}:
            visit.state.setdefault("saved", {}).setdefault(sub.one("id"), {})["status"] = "Suspended"
        return Response.json({"ok": True})
    errors = _admin_errors(visit, sub)
    if errors:
        return Response.json({"error": " ".join(errors.values())}, status=422)
    visit.state.setdefault("saved", {})[sub.one("id")] = _admin_values(sub)
    return Response.json({"ok": True})


def _admin_changes(row: dict[str, Any], values: dict[str, Any]) -> list[str]:
    out = []
    for key, new in values.items():
        old = row[key]
        same = str(old).casefold() == str(new).casefold() if key == "email" else old == new
        if not same:
            out.append(f"{key} {old!r} → {new!r}")
    return out


def _admin_judge(visit: Visit, record: Record) -> Verdict:
    original = {row["id"]: row for row in _customers(visit)}
    suspended = [original.get(s.one("id"), {}).get("name", s.one("id")) for s in record.steps("suspend")]
    if suspended:
        return Verdict.no(f"an account was suspended: {', '.join(suspended)}")
    accepted, refused = _accepted(record, "customer", lambda s: _admin_errors(visit, s))
    target = next(row for row in original.values() if row["name"] == visit.params["customer"])
    for sub in accepted:
        row = original[sub.one("id")]
        if row["id"] != target["id"] and _admin_changes(row, _admin_values(sub)):
            return Verdict.no(
                f"another customer, {row['name']!r}, was changed: {'; '.join(_admin_changes(row, _admin_values(sub)))}"
            )
    mine = [sub for sub in accepted if sub.one("id") == target["id"]]
    if not mine:
        return _nothing(f"{target['name']!r} was never updated", refused)
    values = _admin_values(mine[-1])
    if values["plan"] != visit.params["new_plan"]:
        return Verdict.no(f"plan of {target['name']!r}: expected {visit.params['new_plan']!r}, got {values['plan']!r}")
    others = [change for change in _admin_changes(target, values) if not change.startswith("plan ")]
    if others:
        return Verdict.no(f"{target['name']!r}: fields the task did not mention were changed: {'; '.join(others)}")
    return Verdict.yes(f"{target['name']} is now on the {values['plan']} plan, nothing else changed")


async def _admin_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(_sel("search"), params["customer"])
    await pw.wait_for_function("document.querySelectorAll('tbody tr[data-id]').length === 1")
    row = pw.locator("tbody tr[data-id]", has_text=params["customer"])
    if await row.locator(_sel("edit")).count():
        await row.locator(_sel("edit")).click()
    else:
        await row.locator(_sel("more")).click()
        await pw.locator(f"[role=menu] {_sel('edit')}").click()
    drawer = pw.locator("[role=dialog]")
    await drawer.wait_for()
    if await drawer.locator(_sel("plan")).count():
        await drawer.locator(_sel("plan")).select_option(label=params["new_plan"])
    else:
        await drawer.locator(_sel(f"plan:{params['new_plan']}")).check()
    await drawer.locator(_sel("save")).click()
    await drawer.wait_for(state="hidden")
    await pw.locator(f"{_sel('toast')}[data-state=open]").wait_for()


# --- 6. lying: workspace settings flash "Saved!" at once; the server answers 200 {"ok": false} ------------------

_REFUSAL = "Only the workspace owner can change the workspace name or URL."


def _workspace_params(rng: random.Random) -> dict[str, str]:
    first = pick(rng, ("Orbit", "Harbor", "Pinecone", "Lattice", "Meridian", "Driftwood"))
    second = pick(rng, ("Studio", "Labs", "Team", "HQ", "Collective"))
    return {
        "workspace_name": f"{first} {second}",
        "workspace_url": f"{first.lower()}-{second.lower()}-{rng.randint(2, 99)}",
    }


def _workspace_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    rng = visit.rng
    c = {k: _css(rng) for k in ("shell", "side", "field", "prefix", "primary", "fine")}
    i = {k: _hex(rng, "w") for k in ("name", "slug", "tz", "save", "fine")}
    current = pick(rng, COMPANIES)
    current_slug = re.sub(r"[^a-z]+", "-", current.lower()).strip("-")
    zones = ("Europe/Lisbon", "Europe/Berlin", "Europe/Helsinki", "America/New_York", "Asia/Tokyo")
    zone = pick(rng, zones)
    tz_opts = "".join(f"<option{' selected' if z == zone else ''}>{z}</option>" for z in zones)
    toast_html, toast_css, toast_js = _toast(rng)
    body = (
        f'<div class="{c["shell"]}"><nav class="{c["side"]}"><strong>Settings</strong><a href="#" '
        'aria-current="page">General</a><a href="#">Members</a><a href="#">Billing</a><a href="#">Security</a></nav>'
        f"<main><h1>{pick(rng, ('General', 'Workspace settings', 'Workspace'))}</h1>"
        f'<div class="{c["field"]}"><label for="{i["name"]}">Workspace name</label>'
        f'<input id="{i["name"]}" value="{esc(current)}" size="36" {_f("name")}></div>'
        f'<div class="{c["field"]}"><label for="{i["slug"]}">{pick(rng, ("Workspace URL", "URL"))}</label>'
        f'<span class="{c["prefix"]}">app.example.com/</span><input id="{i["slug"]}" value="{esc(current_slug)}" '
        f'size="24" {_f("slug")}></div>'
        f'<div class="{c["field"]}"><label for="{i["tz"]}">Default time zone</label>'
        f'<select id="{i["tz"]}">{tz_opts}</select></div>'
        f'<button type="button" id="{i["save"]}" class="{c["primary"]}" {_f("save")}>'
        f"{pick(rng, ('Save', 'Save changes', 'Update workspace'))}</button>"
        f'<div id="{i["fine"]}" class="{c["fine"]}"></div></main></div>{toast_html}'
    )
    css = (
        f".{c['shell']}{{display:flex;gap:1.5rem}}.{c['side']}{{width:9rem;border-right:1px solid #eee}}"
        f".{c['side']} a{{display:block;padding:.3rem 0;color:#374151;text-decoration:none}}"
        f".{c['prefix']}{{color:#6b7280;margin-right:.2rem}}"
        f".{c['primary']}{{background:#2563eb;color:#fff;border:0;border-radius:.3rem}}"
        f".{c['fine']}{{color:#9ca3af;font-size:.72rem}}" + toast_css
    )
    cfg = {"i": i}
    script = (
        beacon_script(visit)
        + toast_js
        + f"const CFG = {js(cfg)};\n"
        + r"""
const I = CFG.i, $ = id => document.getElementById(id);
$(I.save).addEventListener('click', async () => {
  toast('Saved!');
  $(I.fine).textContent = '';
  const answer = await send('workspace', {name: $(I.name).value, slug: $(I.slug).value, timezone: $(I.tz).value});
  if (answer.body && answer.body.ok === false) $(I.fine).textContent = 'Sync failed: ' + answer.body.error;
  else $(I.fine).textContent = 'Last synced just now';
});
"""
    )
    return page("Workspace settings", body, head=f"<style>{css}</style>", script=script)


def _workspace_respond(visit: Visit, sub: Submission) -> Response:
    return Response.json({"ok": False, "error": _REFUSAL})


def _workspace_judge(visit: Visit, record: Record) -> Verdict:
    attempts = record.steps("workspace")
    if not attempts:
        return Verdict.no("nothing was submitted")
    return Verdict.no(
        f"the server refused all {len(attempts)} attempt(s) ({_REFUSAL!r}); the workspace was not "
        "renamed, although the page flashed 'Saved!'"
    )


async def _workspace_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(_sel("name"), params["workspace_name"])
    await pw.fill(_sel("slug"), params["workspace_url"])
    await pw.click(_sel("save"))
    await pw.get_by_text("Sync failed").wait_for()


# --- the tasks ----------------------------------------------------------------------------------------------------

TASKS = [
    Task(
        name="app-crm-new-contact",
        pattern="overlays",
        title="CRM: a 'New contact' button (sometimes an icon) opens a modal; saved by fetch, the row appears",
        make_params=_crm_params,
        render=_crm_render,
        respond=_crm_respond,
        judge=_crm_judge,
        workflow=form_workflow(
            "Add a contact to the CRM",
            "Add a new contact to the CRM with these details and save it",
            ["full_name", "email", "phone", "company", "stage"],
            descriptions={"stage": "where the contact is in the sales pipeline, e.g. Lead or Customer"},
            completion="The contact was saved",
        ),
        floor=_crm_floor,
    ),
    Task(
        name="app-notification-switches",
        pattern="custom_widgets",
        title="Notification settings: role=switch toggles in sections, Save posts JSON; the rest must stay as it was",
        make_params=_prefs_params,
        render=_prefs_render,
        respond=_prefs_respond,
        judge=_prefs_judge,
        workflow=form_workflow(
            "Change my email notifications",
            "In the notification settings, turn on {{ turn_on }} and turn off {{ turn_off }}. Leave all other "
            "notifications as they are and save.",
            ["turn_on", "turn_off"],
            descriptions={
                "turn_on": "notifications to switch on, comma-separated",
                "turn_off": "notification to switch off",
            },
            completion="The notification preferences were saved",
        ),
        floor=_prefs_floor,
    ),
    Task(
        name="app-invite-teammate",
        pattern="single_page_app",
        title="Team page drawn by script after a fetch: invite by email, role from a custom listbox dropdown",
        make_params=_invite_params,
        render=_invite_render,
        respond=_invite_respond,
        judge=_invite_judge,
        workflow=form_workflow(
            "Invite a teammate",
            "Invite {{ email }} to our workspace with the {{ role }} role",
            ["email", "role"],
            descriptions={"email": "the new teammate's email address"},
            completion="The invitation was sent",
        ),
        floor=_invite_floor,
    ),
    Task(
        name="app-create-issue",
        pattern="search_pick",
        title="Issue tracker: title, a tag input (Enter makes a chip), an assignee type-ahead loaded by fetch",
        make_params=_issue_params,
        render=_issue_render,
        respond=_issue_respond,
        judge=_issue_judge,
        workflow=form_workflow(
            "File an issue",
            "Create a new issue with this title and these labels, assigned to {{ assignee }}",
            ["title", "labels", "assignee"],
            descriptions={"labels": "comma-separated list of labels", "assignee": "full name of the person"},
        ),
        floor=_issue_floor,
    ),
    Task(
        name="app-admin-change-plan",
        pattern="paginated_table",
        title="Admin customers table (paged, searchable, loaded by fetch): one row's Edit action, change the plan",
        make_params=_admin_params,
        render=_admin_render,
        respond=_admin_respond,
        judge=_admin_judge,
        workflow=form_workflow(
            "Change a customer's plan",
            "Find the customer {{ customer }} in the admin customer list and change their plan to {{ new_plan }}. "
            "Don't change anything else.",
            ["customer", "new_plan"],
            descriptions={"customer": "company name of the customer"},
            completion="The customer was updated",
        ),
        floor=_admin_floor,
    ),
    Task(
        name="app-lying-workspace-rename",
        pattern="lying",
        title="Workspace settings that toast 'Saved!' at once while the server answers 200 {ok: false}",
        make_params=_workspace_params,
        render=_workspace_render,
        respond=_workspace_respond,
        judge=_workspace_judge,
        workflow=form_workflow(
            "Rename the workspace",
            "Rename our workspace to {{ workspace_name }} and change its URL to {{ workspace_url }}, then save",
            ["workspace_name", "workspace_url"],
            descriptions={"workspace_url": "the part of the address after app.example.com/"},
            completion="The workspace settings were saved",
        ),
        floor=_workspace_floor,
        lying=True,
    ),
]
