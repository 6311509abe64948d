"""Pattern 1, labelled inputs: `<label for>` and wrapping labels, with wording, order and distractors by seed."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Submission, Task, Verdict, Visit, esc, expect_fields, page, pick

FIRST = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim")
LAST = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Lee")
CITIES = ("Lyon", "Porto", "Ghent", "Turku", "Bergen", "Kraków", "Graz", "Aarhus", "Bilbao", "Malmö")


def _contact_params(rng: random.Random) -> dict[str, str]:
    first, last = pick(rng, FIRST), pick(rng, LAST)
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.org",
        "message": f"Please call me back about order {rng.randint(1000, 9999)}.",
    }


_CONTACT_LABELS = {
    "first_name": ("First name", "Given name", "First Name"),
    "last_name": ("Last name", "Family name", "Surname"),
    "email": ("Email", "E-mail address", "Your email"),
    "message": ("Message", "How can we help?", "Your message"),
}


def _contact_render(visit: Visit) -> str:
    rng = visit.rng
    names = list(_CONTACT_LABELS)
    rng.shuffle(names)
    rows = []
    for i, key in enumerate(names):
        label = pick(rng, _CONTACT_LABELS[key])
        field_id = f"f{i}{rng.randint(10, 99)}"
        control = (
            f'<textarea id="{field_id}" name="{key}" rows="3"></textarea>'
            if key == "message"
            else f'<input id="{field_id}" name="{key}" type="{"email" if key == "email" else "text"}">'
        )
        rows.append(f'<div class="row"><label for="{field_id}">{esc(label)}</label>{control}</div>')
    # A distractor that must stay empty.
    rows.insert(rng.randint(0, len(rows)), '<div class="row"><label for="company">Company (optional)</label>'
                '<input id="company" name="company"></div>')
    body = (
        "<h1>Contact us</h1><p class=muted>We answer within two working days.</p>"
        f'<form method="post" action="{visit.url("submit")}">{"".join(rows)}'
        '<button type="submit">Send message</button></form>'
    )
    return page("Contact us", body)


def _contact_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    verdict = expect_fields(sub, {k: visit.params[k] for k in _CONTACT_LABELS})
    if verdict.ok and sub is not None and sub.one("company"):
        return Verdict.no(f"company should stay empty, got {sub.one('company')!r}")
    return verdict


async def _contact_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in _CONTACT_LABELS:
        await pw.fill(f'[name="{key}"]', params[key])
    await pw.click("button[type=submit]")
    await pw.wait_for_load_state()


CONTACT_WORKFLOW = {
    "title": "Send a message through a contact form",
    "parameters": [
        {"key": "start_url", "required": True},
        {"key": "first_name", "required": True},
        {"key": "last_name", "required": True},
        {"key": "email", "required": True},
        {"key": "message", "required": True},
    ],
    "blocks": [
        {"label": "open", "type": "goto_url", "url": "{{ start_url }}"},
        {
            "label": "send_message",
            "type": "navigation",
            "goal": "Fill in the contact form and send the message",
            "payload": {
                "first_name": "{{ first_name }}",
                "last_name": "{{ last_name }}",
                "email": "{{ email }}",
                "message": "{{ message }}",
            },
        },
    ],
}


def _shipping_params(rng: random.Random) -> dict[str, str]:
    return {
        "full_name": f"{pick(rng, FIRST)} {pick(rng, LAST)}",
        "street": f"{rng.randint(1, 250)} {pick(rng, ('Oak', 'Mill', 'Harbour', 'Station', 'Church'))} Street",
        "city": pick(rng, CITIES),
        "postal_code": f"{rng.randint(10000, 99999)}",
    }


_SHIPPING_LABELS = {
    "full_name": ("Full name", "Recipient", "Name"),
    "street": ("Street address", "Address line 1", "Street"),
    "city": ("City", "Town / city", "Town"),
    "postal_code": ("Postal code", "ZIP / Postcode", "Postcode"),
}


def _shipping_render(visit: Visit) -> str:
    rng = visit.rng
    keys = list(_SHIPPING_LABELS)
    if rng.random() < 0.5:
        keys[2], keys[3] = keys[3], keys[2]
    rows = []
    for key in keys:
        label = pick(rng, _SHIPPING_LABELS[key])
        # Wrapping labels, no for/id; the input's name is opaque on purpose.
        rows.append(f'<div class="row"><label>{esc(label)} <input name="{key}_{rng.randint(100, 999)}"'
                    f' data-key="{key}"></label></div>')
    body = (
        "<h1>Shipping address</h1>"
        f'<form method="post" action="{visit.url("submit")}" id="ship">{"".join(rows)}'
        '<label><input type="checkbox" name="gift"> This is a gift</label>'
        f'<button type="submit">{pick(rng, ("Continue", "Save address", "Next"))}</button></form>'
    )
    return page("Shipping", body)


def _shipping_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return expect_fields(None, {})
    # The names carry a random suffix: map them back by prefix.
    flat = {name.rsplit("_", 1)[0]: values for name, values in sub.fields.items()}
    verdict = expect_fields(Submission(sub.step, flat), {k: visit.params[k] for k in _SHIPPING_LABELS})
    if verdict.ok and sub.one("gift"):
        return Verdict.no("the gift box should stay unticked")
    return verdict


async def _shipping_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in _SHIPPING_LABELS:
        await pw.fill(f'[data-key="{key}"]', params[key])
    await pw.click("#ship button[type=submit]")
    await pw.wait_for_load_state()


SHIPPING_WORKFLOW = {
    "title": "Enter a shipping address",
    "parameters": [
        {"key": "start_url", "required": True},
        {"key": "full_name", "required": True},
        {"key": "street", "required": True},
        {"key": "city", "required": True},
        {"key": "postal_code", "required": True},
    ],
    "blocks": [
        {"label": "open", "type": "goto_url", "url": "{{ start_url }}"},
        {
            "label": "enter_address",
            "type": "navigation",
            "goal": "Enter the shipping address and continue",
            "payload": {
                "full_name": "{{ full_name }}",
                "street": "{{ street }}",
                "city": "{{ city }}",
                "postal_code": "{{ postal_code }}",
            },
        },
    ],
}

TASKS = [
    Task(
        name="contact-form",
        pattern="labelled_inputs",
        title="Contact form with <label for>, shuffled fields and an optional distractor",
        make_params=_contact_params,
        render=_contact_render,
        judge=_contact_judge,
        workflow=CONTACT_WORKFLOW,
        floor=_contact_floor,
    ),
    Task(
        name="shipping-address",
        pattern="labelled_inputs",
        title="Shipping address with wrapping labels and opaque field names",
        make_params=_shipping_params,
        render=_shipping_render,
        judge=_shipping_judge,
        workflow=SHIPPING_WORKFLOW,
        floor=_shipping_floor,
    ),
]
