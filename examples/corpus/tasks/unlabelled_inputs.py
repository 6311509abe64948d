"""Pattern 2, inputs with no label: nearby text, placeholder, aria-label, aria-labelledby, row headers, bare names."""

from __future__ import annotations

import random
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Record, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import (
    CITIES,
    COMPANIES,
    check_fields,
    code,
    email_for,
    form_workflow,
    only_empty,
    opaque,
    person,
    submit_and_wait,
    thanks,
)

# --- 1. a profile form where every field is named a different way, chosen by seed ---------------------

_PROFILE_WORDS = {
    "display_name": ("Display name", "Name shown to others", "Public name"),
    "email": ("Email address", "E-mail", "Where should we write to you?"),
    "phone": ("Phone number", "Telephone", "Mobile / phone"),
    "city": ("City", "Town or city", "Where do you live?"),
}
_PROFILE_DISTRACTOR = ("Referral code (if any)", "Promo code", "Invited by (optional)")
_TECHNIQUES = ("nearby", "placeholder", "aria-label", "aria-labelledby")


def _profile_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    return {
        "display_name": f"{first} {last[0]}.",
        "email": email_for(rng, first, last),
        "phone": f"+351 9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        "city": pick(rng, CITIES),
    }


def _profile_layout(visit: Visit) -> list[dict[str, str]]:
    """The fields in page order, each with its opaque name, wording and labelling technique (by seed)."""
    rng = visit.rng
    keys = [*_PROFILE_WORDS, "distractor"]
    rng.shuffle(keys)
    fields = []
    for key in keys:
        words = pick(rng, _PROFILE_DISTRACTOR if key == "distractor" else _PROFILE_WORDS[key])
        fields.append({"key": key, "name": opaque(rng, "u_"), "words": words, "how": pick(rng, _TECHNIQUES)})
    return fields


def _profile_control(field: dict[str, str], rng: random.Random) -> str:
    kind = "email" if field["key"] == "email" else "tel" if field["key"] == "phone" else "text"
    attrs = f'name="{field["name"]}" type="{kind}" data-f="{code(field["key"])}"'
    words = esc(field["words"])
    if field["how"] == "placeholder":
        return f'<div class="row"><input {attrs} placeholder="{words}" size="32"></div>'
    if field["how"] == "aria-label":
        return f'<div class="row"><input {attrs} aria-label="{words}" size="32"></div>'
    if field["how"] == "aria-labelledby":
        ref = opaque(rng, "t")
        return (f'<div class="row"><div id="{ref}" class="muted" style="font-size:.9rem">{words}</div>'
                f'<input {attrs} aria-labelledby="{ref}" size="32"></div>')
    # Nearby text only: a caption in a sibling cell, no <label>, no for/id.
    return (f'<div class="row" style="display:flex;gap:1rem;align-items:center">'
            f'<div style="width:12rem;text-align:right">{words}</div><div><input {attrs} size="32"></div></div>')


def _profile_render(visit: Visit) -> str:
    rng = random.Random(f"{visit.seed}:profile-refs")
    rows = "".join(_profile_control(f, rng) for f in _profile_layout(visit))
    body = (
        "<h1>Your profile</h1><p class=muted>Keep your details up to date so friends can find you.</p>"
        f'<form method="post" action="{visit.url("submit")}" autocomplete="off">{rows}'
        f'<button type="submit" data-f="{code("go")}">{pick(visit.rng, ("Save profile", "Update", "Save changes"))}'
        "</button></form>"
    )
    return page("Profile", body)


def _profile_judge(visit: Visit, record: Record) -> Verdict:
    layout = _profile_layout(visit)
    names = {f["key"]: f["name"] for f in layout}
    sub = record.last()
    verdict = check_fields(sub, {k: visit.params[k] for k in _PROFILE_WORDS}, names)
    if verdict.ok and sub is not None:
        return only_empty(sub, [names["distractor"]], "the referral/promo field") or verdict
    return verdict


async def _profile_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in _PROFILE_WORDS:
        await pw.fill(f'[data-f="{code(key)}"]', params[key])
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 2. an account table: each input's only name is its row header; some rows are prefilled ----------

_ACCOUNT_ROWS = {
    "job_title": ("Job title", "Position", "Role"),
    "department": ("Department", "Team", "Division"),
    "work_phone": ("Work phone", "Office phone", "Desk phone"),
}
_ACCOUNT_KEEP = {"mobile": ("Mobile phone", "Cell phone"), "manager": ("Manager", "Reports to")}
_TITLES = ("Data analyst", "Support lead", "Buyer", "QA engineer", "Account manager", "Office manager", "Designer")
_DEPTS = ("Finance", "Logistics", "Customer care", "Research", "Procurement", "Marketing", "Legal")


def _account_params(rng: random.Random) -> dict[str, str]:
    return {
        "job_title": pick(rng, _TITLES),
        "department": pick(rng, _DEPTS),
        "work_phone": f"0{rng.randint(20, 89)} {rng.randint(1000, 9999)} {rng.randint(100, 999)}",
    }


def _account_layout(visit: Visit) -> list[dict[str, str]]:
    rng = visit.rng
    keys = [*_ACCOUNT_ROWS, *_ACCOUNT_KEEP]
    rng.shuffle(keys)
    rows = []
    for i, key in enumerate(keys):
        words = pick(rng, _ACCOUNT_ROWS.get(key) or _ACCOUNT_KEEP[key])
        # Existing values: the fields to update hold an old value that must be replaced, not appended to.
        if key == "job_title":
            old = pick(rng, _TITLES)
        elif key == "department":
            old = pick(rng, _DEPTS)
        elif key == "work_phone":
            old = ""
        elif key == "mobile":
            old = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
        else:
            old = " ".join(person(rng))
        rows.append({"key": key, "name": f"row{i}_{rng.randint(10, 99)}", "words": words, "old": old})
    return rows


def _account_render(visit: Visit) -> str:
    rows = "".join(
        f'<tr><th scope="row" style="text-align:left">{esc(r["words"])}</th>'
        f'<td><input name="{r["name"]}" value="{esc(r["old"])}" data-f="{code(r["key"])}" size="28"></td></tr>'
        for r in _account_layout(visit)
    )
    body = (
        "<h1>Employee record</h1><p class=muted>Changes are visible to HR and your manager.</p>"
        f'<form method="post" action="{visit.url("submit")}"><table>{rows}</table>'
        f'<button type="submit" data-f="{code("go")}">{pick(visit.rng, ("Save", "Apply changes", "Update record"))}'
        "</button></form>"
    )
    return page("Employee record", body)


def _account_judge(visit: Visit, record: Record) -> Verdict:
    layout = _account_layout(visit)
    names = {r["key"]: r["name"] for r in layout}
    sub = record.last()
    verdict = check_fields(sub, {k: visit.params[k] for k in _ACCOUNT_ROWS}, names)
    if not verdict.ok or sub is None:
        return verdict
    for row in layout:
        if row["key"] in _ACCOUNT_KEEP and sub.one(row["name"]).strip() != row["old"]:
            return Verdict.no(f"{row['words']} should keep {row['old']!r}, got {sub.one(row['name'])!r}")
    return verdict


async def _account_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in _ACCOUNT_ROWS:
        await pw.fill(f'[data-f="{code(key)}"]', params[key])
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 3. a legacy invoice form: the inputs carry only a name attribute --------------------------------

_LEGACY_NAMES = {
    "company": ("cust_company", "companyName", "org_name", "billingCompany"),
    "vat_number": ("vatNo", "tax_id", "vat_reg", "VATNumber"),
    "purchase_order": ("poNumber", "po_ref", "order_no", "PONum"),
}
_LEGACY_DISTRACTORS = (("shipCompany", "delivery_org"), ("voucher", "promo_code"), ("fax", "telex_no"))


def _legacy_params(rng: random.Random) -> dict[str, str]:
    return {
        "company": pick(rng, COMPANIES),
        "vat_number": f"{pick(rng, ('DE', 'NL', 'FR', 'PT'))}{rng.randint(100000000, 999999999)}",
        "purchase_order": f"PO-{rng.randint(10000, 99999)}",
    }


def _legacy_layout(visit: Visit) -> list[tuple[str, str]]:
    rng = visit.rng
    fields = [(key, pick(rng, names)) for key, names in _LEGACY_NAMES.items()]
    fields += [("distractor", pick(rng, names)) for names in _LEGACY_DISTRACTORS]
    rng.shuffle(fields)
    return fields


def _legacy_render(visit: Visit) -> str:
    cells = "".join(
        f'<tr><td><input type="text" name="{name}" size="30" data-f="{code(key) if key != "distractor" else ""}">'
        "</td></tr>"
        for key, name in _legacy_layout(visit)
    )
    body = (
        '<h2 style="font-family:Times,serif">Invoice request</h2>'
        "<p><small>Fill in the invoice details for your order. All amounts in EUR.</small></p>"
        f'<form method="post" action="{visit.url("submit")}"><table border="0">{cells}</table>'
        f'<input type="submit" value="{pick(visit.rng, ("Submit", "Send", "OK"))}" data-f="{code("go")}">'
        '&nbsp;<input type="reset" value="Reset"></form>'
    )
    return page("Invoice request", body)


def _legacy_judge(visit: Visit, record: Record) -> Verdict:
    layout = _legacy_layout(visit)
    names = {key: name for key, name in layout if key != "distractor"}
    sub = record.last()
    verdict = check_fields(sub, {k: visit.params[k] for k in _LEGACY_NAMES}, names)
    if verdict.ok and sub is not None:
        return only_empty(sub, [n for k, n in layout if k == "distractor"], "the other fields") or verdict
    return verdict


async def _legacy_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in _LEGACY_NAMES:
        await pw.fill(f'[data-f="{code(key)}"]', params[key])
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


_DONE: dict[str, Any] = {"respond": lambda visit, sub: thanks()}

TASKS = [
    Task(
        name="profile-unlabelled",
        pattern="unlabelled_inputs",
        title="Profile form: each field named only by nearby text, a placeholder, aria-label or aria-labelledby",
        make_params=_profile_params,
        render=_profile_render,
        judge=_profile_judge,
        workflow=form_workflow(
            "Update my profile", "Fill in my profile details and save them",
            ["display_name", "email", "phone", "city"],
        ),
        floor=_profile_floor,
        **_DONE,
    ),
    Task(
        name="employee-row-headers",
        pattern="unlabelled_inputs",
        title="Employee record table: inputs named only by their row header, old values to replace",
        make_params=_account_params,
        render=_account_render,
        judge=_account_judge,
        workflow=form_workflow(
            "Update an employee record", "Update the job title, department and work phone, leave the rest, save",
            list(_ACCOUNT_ROWS),
        ),
        floor=_account_floor,
        **_DONE,
    ),
    Task(
        name="invoice-name-only",
        pattern="unlabelled_inputs",
        title="Legacy invoice form: inputs with nothing but a name attribute, and distractors",
        make_params=_legacy_params,
        render=_legacy_render,
        judge=_legacy_judge,
        workflow=form_workflow(
            "Request an invoice", "Request an invoice for my company with our VAT number and purchase order",
            list(_LEGACY_NAMES),
        ),
        floor=_legacy_floor,
        **_DONE,
    ),
]
