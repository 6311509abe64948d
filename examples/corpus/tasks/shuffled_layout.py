"""Pattern 9, shuffled layout: the same fields in another order, layout and with new generated names on every visit."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Submission, Task, Verdict, Visit, esc, expect_fields, page, pick
from examples.corpus.tasks._data_interaction import (
    CITIES,
    FIRST,
    LAST,
    STREETS,
    opaque_names,
    open_block,
    parameters,
    unmap,
)

_LAYOUTS = ("stacked", "table", "grid", "inline")


def _layout(kind: str, rows: list[tuple[str, str, str]]) -> str:
    """Lay out (label text, control id, control html) rows in one of the layouts forms commonly use."""
    if kind == "table":
        body = "".join(f'<tr><th style="text-align:left"><label for="{i}">{esc(t)}</label></th><td>{c}</td></tr>'
                       for t, i, c in rows)
        return f"<table>{body}</table>"
    if kind == "grid":
        cells = "".join(f'<div><label for="{i}">{esc(t)}</label>{c}</div>' for t, i, c in rows)
        return f'<div style="display:grid;grid-template-columns:1fr 1fr;gap:.5rem 1.5rem">{cells}</div>'
    if kind == "inline":
        return "".join(f'<div class="row"><label for="{i}" style="display:inline-block;width:11rem">{esc(t)}</label>'
                       f"{c}</div>" for t, i, c in rows)
    return "".join(f'<div class="row"><label for="{i}">{esc(t)}</label>{c}</div>' for t, i, c in rows)


# --- delivery details: four text fields, reshuffled and renamed on every request ---------------------------

_DELIVERY_LABELS = {
    "recipient": ("Recipient name", "Deliver to", "Name of recipient"),
    "phone": ("Telephone number", "Mobile phone", "Phone"),
    "street": ("Street and number", "Street address", "Address"),
    "city": ("City", "Town", "Town or city"),
}


def _delivery_params(rng: random.Random) -> dict[str, str]:
    return {
        "recipient": f"{pick(rng, FIRST)} {pick(rng, LAST)}",
        "phone": f"+31 6 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
        "street": f"{pick(rng, STREETS)}straat {rng.randint(1, 180)}",
        "city": pick(rng, CITIES),
    }


def _delivery_render(visit: Visit) -> str:
    seeded, every = visit.rng, visit.visit_rng
    labels = {k: pick(seeded, v) for k, v in _DELIVERY_LABELS.items()}  # wording stays for the seed
    keys = list(_DELIVERY_LABELS)
    every.shuffle(keys)
    names, form_id = opaque_names(visit, keys, every)
    rows = []
    for key in keys:
        fid = f"{names[key]}_id"
        kind = "tel" if key == "phone" else "text"
        rows.append((labels[key], fid, f'<input id="{fid}" name="{names[key]}" type="{kind}" data-k="{key}">'))
    note_id = f"n{every.getrandbits(16):04x}"
    rows.insert(every.randint(0, len(rows)), (
        "Delivery instructions (optional)", note_id, f'<input id="{note_id}" name="instructions" data-k="note">'))
    body = (
        f"<h1>{pick(seeded, ('Delivery details', 'Where should we deliver?', 'Delivery address'))}</h1>"
        f'<form method="post" action="{visit.url("submit")}" id="delivery">'
        f'<input type="hidden" name="form_id" value="{form_id}">{_layout(pick(every, _LAYOUTS), rows)}'
        f'<button type="submit">{pick(seeded, ("Continue", "Save and continue", "Use this address"))}</button></form>'
    )
    return page("Delivery", body)


def _delivery_judge(visit: Visit, record: Record) -> Verdict:
    raw = record.last()
    if raw is None:
        return Verdict.no("nothing was submitted")
    sub = unmap(visit, raw)
    if sub is None:
        return Verdict.no("the form was not one this page rendered (unknown form id)")
    verdict = expect_fields(sub, {k: visit.params[k] for k in _DELIVERY_LABELS})
    if verdict.ok and sub.one("instructions"):
        return Verdict.no(f"the delivery instructions should stay empty, got {sub.one('instructions')!r}")
    return verdict


async def _delivery_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in _DELIVERY_LABELS:
        await pw.fill(f"#delivery [data-k={key}]", params[key])
    await pw.click("#delivery button[type=submit]")
    await pw.wait_for_load_state()


DELIVERY_WORKFLOW = {
    "title": "Enter delivery details",
    "parameters": parameters("recipient", "phone", "street", "city"),
    "blocks": [
        open_block(),
        {
            "label": "delivery_details",
            "type": "navigation",
            "goal": "Fill in the delivery details and continue",
            "payload": {"recipient": "{{ recipient }}", "phone": "{{ phone }}", "street": "{{ street }}",
                        "city": "{{ city }}"},
        },
    ],
}

# --- account settings: prefilled values to replace, a select by text and a checkbox, sections reshuffled ------

_LANGUAGES = {"en-GB": "English (UK)", "de": "Deutsch", "fr": "Français", "nl": "Nederlands", "es": "Español",
              "pt-PT": "Português", "it": "Italiano", "sv": "Svenska"}


def _settings_params(rng: random.Random) -> dict[str, str]:
    return {
        "display_name": f"{pick(rng, FIRST)} {pick(rng, LAST)[0]}.",
        "language": pick(rng, list(_LANGUAGES.values())),
        "email_notifications": pick(rng, ("yes", "no")),
    }


def _settings_render(visit: Visit) -> str:
    seeded, every = visit.rng, visit.visit_rng
    keys = ["display_name", "language", "email_notifications"]
    every.shuffle(keys)
    names, form_id = opaque_names(visit, keys, every)
    langs = list(_LANGUAGES.items())
    seeded.shuffle(langs)
    current_lang = pick(every, langs)[0]
    rows = []
    for key in keys:
        fid = f"{names[key]}_id"
        if key == "display_name":
            old = f"{pick(every, FIRST)}{every.randint(10, 99)}"  # the current name, which must be replaced
            rows.append((pick(seeded, ("Display name", "Public name", "Shown as")), fid,
                         f'<input id="{fid}" name="{names[key]}" value="{esc(old)}" data-k="display_name">'))
        elif key == "language":
            options = "".join(f'<option value="{code}"{" selected" if code == current_lang else ""}>{esc(text)}'
                              f"</option>" for code, text in langs)
            rows.append((pick(seeded, ("Language", "Interface language", "Preferred language")), fid,
                         f'<select id="{fid}" name="{names[key]}" data-k="language">{options}</select>'))
        else:
            on = " checked" if every.random() < 0.5 else ""
            rows.append((pick(seeded, ("Email notifications", "Send me email notifications", "Notify me by email")),
                         fid, f'<input type="checkbox" id="{fid}" name="{names[key]}" value="on"{on} data-k="notify">'))
    body = (
        f"<h1>{pick(seeded, ('Account settings', 'Your profile', 'Preferences'))}</h1>"
        f'<form method="post" action="{visit.url("submit")}" id="settings">'
        f'<input type="hidden" name="form_id" value="{form_id}">{_layout(pick(every, _LAYOUTS), rows)}'
        f'<button type="submit">{pick(seeded, ("Save", "Save changes", "Update settings"))}</button>'
        f'<a href="{visit.url()}" class="btn">Cancel</a></form>'
    )
    return page("Settings", body)


def _settings_judge(visit: Visit, record: Record) -> Verdict:
    raw = record.last()
    if raw is None:
        return Verdict.no("nothing was submitted")
    sub = unmap(visit, raw)
    if sub is None:
        return Verdict.no("the form was not one this page rendered (unknown form id)")
    code = sub.one("language")
    chosen = Submission(sub.step, {**sub.fields, "language": [_LANGUAGES.get(code, code)]})
    verdict = expect_fields(chosen, {"display_name": visit.params["display_name"],
                                     "language": visit.params["language"]})
    if not verdict.ok:
        return verdict
    want_on = visit.params["email_notifications"] == "yes"
    if bool(sub.one("email_notifications")) != want_on:
        return Verdict.no(f"email notifications should be {'on' if want_on else 'off'}")
    return Verdict.yes()


async def _settings_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill("#settings [data-k=display_name]", params["display_name"])
    await pw.select_option("#settings [data-k=language]", label=params["language"])
    await pw.set_checked("#settings [data-k=notify]", params["email_notifications"] == "yes")
    await pw.click("#settings button[type=submit]")
    await pw.wait_for_load_state()


SETTINGS_WORKFLOW = {
    "title": "Update my account settings",
    "parameters": [*parameters("display_name", "language"),
                   {"key": "email_notifications", "required": True, "description": "yes or no"}],
    "blocks": [
        open_block(),
        {
            "label": "update_settings",
            "type": "navigation",
            "goal": "Set my display name, language and email notifications, then save",
            "payload": {"display_name": "{{ display_name }}", "language": "{{ language }}",
                        "email_notifications": "{{ email_notifications }}"},
        },
    ],
}

TASKS = [
    Task(
        name="delivery-shuffled",
        pattern="shuffled_layout",
        title="Delivery details whose order, layout and field names change on every visit",
        make_params=_delivery_params,
        render=_delivery_render,
        judge=_delivery_judge,
        workflow=DELIVERY_WORKFLOW,
        floor=_delivery_floor,
    ),
    Task(
        name="settings-shuffled",
        pattern="shuffled_layout",
        title="Prefilled settings (text, select by text, checkbox) reshuffled and renamed on every visit",
        make_params=_settings_params,
        render=_settings_render,
        judge=_settings_judge,
        workflow=SETTINGS_WORKFLOW,
        floor=_settings_floor,
    ),
]
