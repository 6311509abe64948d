"""Pattern 14, fields that reformat or reject input (masks, max length): what is typed is not what the field holds."""

from __future__ import annotations

import random
from decimal import Decimal, InvalidOperation
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Record, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_advanced import digits, mark, opaque, person, squash, workflow

# --- card payment: card number in groups of four, expiry as MM / YY, CVC, name upper-cased ------------------


def _luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        n = int(ch)
        if i % 2 == 0:  # doubled positions, counted from the check digit's left neighbour
            n = n * 2 - 9 if n * 2 > 9 else n * 2
        total += n
    return body + str((10 - total % 10) % 10)


def _card_params(rng: random.Random) -> dict[str, str]:
    first, last, _ = person(rng)
    number = _luhn_complete(pick(rng, ("4", "51", "55")), 16, rng)
    style = rng.randrange(3)
    groups = [number[i : i + 4] for i in range(0, 16, 4)]
    shown = (" ".join(groups), "-".join(groups), number)[style]
    month, year = rng.randint(1, 12), rng.randint(27, 33)
    expiry = f"{month:02d}/20{year}" if rng.random() < 0.6 else f"{month:02d}/{year}"
    cvc = f"{rng.randint(0, 999):03d}"
    return {"card_number": shown, "expiry": expiry, "cvc": cvc, "cardholder": f"{first} {last}"}


def _card_layout(rng: random.Random) -> dict[str, Any]:
    names = pick(rng, (
        {"card": "cardnumber", "exp": "exp-date", "cvc": "cvc", "name": "ccname"},
        {"card": "pan", "exp": "expiry", "cvc": "security_code", "name": "holder"},
        {"card": opaque(rng), "exp": opaque(rng), "cvc": opaque(rng), "name": opaque(rng)},
    ))
    return {
        "names": names,
        "labels": {
            "card": pick(rng, ("Card number", "Card no.", "Credit or debit card number")),
            "exp": pick(rng, ("Expiry date", "Expiration (MM/YY)", "Valid thru")),
            "cvc": pick(rng, ("CVC", "Security code", "CVV")),
            "name": pick(rng, ("Name on card", "Cardholder name", "Card holder")),
        },
        "name_first": rng.random() < 0.5,
        "cvc_first": rng.random() < 0.3,
        "save_name": opaque(rng, "save"),
        "pay": pick(rng, ("Pay now", "Complete purchase", f"Pay €{rng.randint(12, 240)}")),
    }


_CARD_SCRIPT = """
const only = (v, n) => v.replace(/\\D/g, '').slice(0, n);
document.querySelector('[data-m=card]').addEventListener('input', e => {
  e.target.value = only(e.target.value, 16).replace(/(\\d{4})(?=\\d)/g, '$1 ');
});
document.querySelector('[data-m=exp]').addEventListener('input', e => {
  const d = only(e.target.value, 4);
  e.target.value = d.length > 2 ? d.slice(0, 2) + ' / ' + d.slice(2) : d;
});
document.querySelector('[data-m=cvc]').addEventListener('input', e => { e.target.value = only(e.target.value, 3); });
document.querySelector('[data-m=name]').addEventListener('input', e => {
  e.target.value = e.target.value.toUpperCase();
});
"""


def _card_render(visit: Visit) -> str:
    rng = visit.rng
    lay = _card_layout(rng)
    names, labels = lay["names"], lay["labels"]

    def control(key: str, extra: str) -> str:
        fid = opaque(rng, "i")
        return (f'<div class="row"><label for="{fid}">{esc(labels[key])}</label>'
                f'<input id="{fid}" name="{names[key]}" data-m="{key}" data-q="{mark(key)}" {extra}></div>')

    card = control("card", 'inputmode="numeric" autocomplete="cc-number" maxlength="19" '
                   'placeholder="1234 1234 1234 1234"')
    exp = control("exp", 'inputmode="numeric" autocomplete="cc-exp" maxlength="7" placeholder="MM / YY"')
    cvc = control("cvc", 'inputmode="numeric" autocomplete="cc-csc" maxlength="3" placeholder="123"')
    name = control("name", 'autocomplete="cc-name"')
    pair = f'<div style="display:flex;gap:1rem">{cvc + exp if lay["cvc_first"] else exp + cvc}</div>'
    rows = name + card + pair if lay["name_first"] else card + pair + name
    body = (
        "<h1>Payment</h1><p class=muted>Order summary: 1 item. All transactions are secure and encrypted.</p>"
        f'<form method="post" action="{visit.url("submit")}">{rows}'
        f'<label><input type="checkbox" name="{lay["save_name"]}"> Save this card for next time</label>'
        f'<button type="submit" data-q="{mark("pay")}">{esc(lay["pay"])}</button></form>'
    )
    return page("Checkout", body, script=_CARD_SCRIPT)


def _card_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay = _card_layout(visit.rng)
    names, params = lay["names"], visit.params
    got_card, want_card = digits(sub.one(names["card"])), digits(params["card_number"])
    if got_card != want_card:
        return Verdict.no(f"card number: expected {want_card!r}, got {sub.one(names['card'])!r}")
    month, year = params["expiry"].split("/")
    want_exp = month + year[-2:]
    if digits(sub.one(names["exp"])) != want_exp:
        return Verdict.no(f"expiry: expected {month}/{year[-2:]}, got {sub.one(names['exp'])!r}")
    if sub.one(names["cvc"]).strip() != params["cvc"]:
        return Verdict.no(f"cvc: expected {params['cvc']!r}, got {sub.one(names['cvc'])!r}")
    if squash(sub.one(names["name"])).casefold() != squash(params["cardholder"]).casefold():
        return Verdict.no(f"cardholder: expected {params['cardholder']!r}, got {sub.one(names['name'])!r}")
    if sub.one(lay["save_name"]):
        return Verdict.no("'Save this card' should stay unticked")
    return Verdict.yes()


async def _card_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    month, year = params["expiry"].split("/")
    await pw.fill(f'[data-q="{mark("card")}"]', digits(params["card_number"]))
    await pw.fill(f'[data-q="{mark("exp")}"]', month + year[-2:])
    await pw.fill(f'[data-q="{mark("cvc")}"]', params["cvc"])
    await pw.fill(f'[data-q="{mark("name")}"]', params["cardholder"])
    async with pw.expect_navigation():
        await pw.click(f'[data-q="{mark("pay")}"]')


# --- bank transfer: IBAN grouped and upper-cased, amount re-formatted on blur, reference limited -----------


def _iban(rng: random.Random) -> str:
    country, letters = pick(rng, (("DE", "1314"), ("NL", "2321"), ("FR", "1527")))
    if country == "DE":
        bban = "".join(str(rng.randint(0, 9)) for _ in range(18))
        numeric = bban
    elif country == "NL":
        bank = pick(rng, ("ABNA", "INGB", "RABO"))
        bban = bank + "".join(str(rng.randint(0, 9)) for _ in range(10))
        numeric = "".join(str(int(c, 36)) for c in bban)
    else:
        bban = "".join(str(rng.randint(0, 9)) for _ in range(23))
        numeric = bban
    check = 98 - int(numeric + letters + "00") % 97
    return f"{country}{check:02d}{bban}"


def _transfer_params(rng: random.Random) -> dict[str, str]:
    first, last, _ = person(rng)
    iban = _iban(rng)
    grouped = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    amount = Decimal(rng.randint(500, 480000)) / 100
    return {
        "recipient": f"{first} {last}",
        "iban": grouped if rng.random() < 0.5 else iban,
        "amount": f"{amount:.2f}",
        "reference": f"{pick(rng, ('Invoice', 'Rent', 'Order', 'Deposit'))} "
        f"{rng.randint(2024, 2027)}-{rng.randint(1, 999):03d}",
    }


def _transfer_layout(rng: random.Random) -> dict[str, Any]:
    keys = ["recipient", "iban", "amount", "reference"]
    if rng.random() < 0.5:
        keys[0], keys[1] = keys[1], keys[0]
    return {
        "keys": keys,
        "names": {k: opaque(rng, "tx") for k in keys},
        "labels": {
            "recipient": pick(rng, ("Beneficiary name", "Recipient", "Payee")),
            "iban": pick(rng, ("IBAN", "Account (IBAN)", "Beneficiary IBAN")),
            "amount": pick(rng, ("Amount (EUR)", "Amount", "Sum in €")),
            "reference": pick(rng, ("Payment reference", "Reference", "Remittance information")),
        },
        "reflen": 18,
        "button": pick(rng, ("Send transfer", "Continue", "Review and send")),
        "urgent": opaque(rng, "u"),
    }


_TRANSFER_SCRIPT = """
const f = k => document.querySelector('[data-m=' + k + ']');
f('iban').addEventListener('input', e => {
  const v = e.target.value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 34);
  e.target.value = v.replace(/(.{4})(?=.)/g, '$1 ');
});
f('amount').addEventListener('input', e => { e.target.value = e.target.value.replace(/[^0-9.,]/g, ''); });
f('amount').addEventListener('blur', e => {
  const n = parseFloat(e.target.value.replace(/,/g, ''));
  e.target.value = isNaN(n) ? '' : n.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
});
f('reference').addEventListener('input', e => {
  // SEPA references allow a limited alphabet: anything else is dropped as you type.
  e.target.value = e.target.value.toUpperCase().replace(/[^A-Z0-9 \\/\\-?:().,'+]/g, '');
  document.getElementById('left').textContent = (e.target.maxLength - e.target.value.length) + ' characters left';
});
"""


def _transfer_render(visit: Visit) -> str:
    rng = visit.rng
    lay = _transfer_layout(rng)
    extra = {
        "recipient": 'autocomplete="off"',
        "iban": 'maxlength="42" placeholder="DE00 0000 0000 0000 0000 00" spellcheck="false"',
        "amount": 'inputmode="decimal" placeholder="0.00"',
        "reference": f'maxlength="{lay["reflen"]}"',
    }
    rows = []
    for key in lay["keys"]:
        fid = opaque(rng, "x")
        hint = '<small class=muted id="left"></small>' if key == "reference" else ""
        rows.append(f'<div class="row"><label for="{fid}">{esc(lay["labels"][key])}</label>'
                    f'<input id="{fid}" name="{lay["names"][key]}" data-m="{key}" data-q="{mark(key)}" '
                    f'{extra[key]}> {hint}</div>')
    body = (
        "<h1>New transfer</h1><p class=muted>From: Current account ···· 4821</p>"
        f'<form method="post" action="{visit.url("submit")}">{"".join(rows)}'
        f'<label><input type="checkbox" name="{lay["urgent"]}"> Instant transfer (fee €1.50)</label>'
        f'<button type="submit" data-q="{mark("send")}">{esc(lay["button"])}</button></form>'
    )
    return page("Transfer", body, script=_TRANSFER_SCRIPT)


def _transfer_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    lay = _transfer_layout(visit.rng)
    names, params = lay["names"], visit.params
    got = {k: sub.one(names[k]) for k in names}
    if squash(got["recipient"]) != squash(params["recipient"]):
        return Verdict.no(f"recipient: expected {params['recipient']!r}, got {got['recipient']!r}")
    if got["iban"].replace(" ", "").upper() != params["iban"].replace(" ", "").upper():
        return Verdict.no(f"iban: expected {params['iban']!r}, got {got['iban']!r}")
    try:
        amount = Decimal(got["amount"].replace(",", "").strip())
    except InvalidOperation:
        return Verdict.no(f"amount: expected {params['amount']}, got {got['amount']!r}")
    if amount != Decimal(params["amount"]):
        return Verdict.no(f"amount: expected {params['amount']}, got {got['amount']!r}")
    if squash(got["reference"]).casefold() != squash(params["reference"]).casefold():
        return Verdict.no(f"reference: expected {params['reference']!r}, got {got['reference']!r}")
    if sub.one(lay["urgent"]):
        return Verdict.no("'Instant transfer' should stay unticked")
    return Verdict.yes()


async def _transfer_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in ("recipient", "iban", "amount", "reference"):
        await pw.fill(f'[data-q="{mark(key)}"]', params[key])
    await pw.locator(f'[data-q="{mark("amount")}"]').blur()
    async with pw.expect_navigation():
        await pw.click(f'[data-q="{mark("send")}"]')


# --- callback request: a US phone mask after a fixed +1 prefix, a 5-digit ZIP ------------------------------


def _callback_params(rng: random.Random) -> dict[str, str]:
    first, last, _ = person(rng)
    area, mid, end = rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)
    phone = pick(rng, (f"+1 {area} {mid} {end:04d}", f"+1 ({area}) {mid}-{end:04d}", f"{area}-{mid}-{end:04d}",
                       f"1-{area}-{mid}-{end:04d}"))
    return {"name": f"{first} {last}", "phone": phone, "zip_code": f"{rng.randint(10000, 99950)}"}


def _callback_layout(rng: random.Random) -> dict[str, Any]:
    return {
        "names": {"name": pick(rng, ("name", "fullName", "contact_name")), "phone": pick(rng, ("tel", "phone_local",
                  opaque(rng))), "zip": pick(rng, ("zip", "postal", opaque(rng)))},
        "labels": {"name": pick(rng, ("Your name", "Name")),
                   "phone": pick(rng, ("Phone number", "Mobile", "Best number to reach you")),
                   "zip": pick(rng, ("ZIP code", "ZIP"))},
        "button": pick(rng, ("Call me back", "Request a call", "Submit")),
    }


_CALLBACK_SCRIPT = """
document.querySelector('[data-m=phone]').addEventListener('input', e => {
  const d = e.target.value.replace(/\\D/g, '').slice(0, 10);
  let out = d;
  if (d.length > 6) out = '(' + d.slice(0, 3) + ') ' + d.slice(3, 6) + '-' + d.slice(6);
  else if (d.length > 3) out = '(' + d.slice(0, 3) + ') ' + d.slice(3);
  e.target.value = out;
});
document.querySelector('[data-m=zip]').addEventListener('input', e => {
  e.target.value = e.target.value.replace(/\\D/g, '').slice(0, 5);
});
"""


def _callback_render(visit: Visit) -> str:
    rng = visit.rng
    lay = _callback_layout(rng)
    names, labels = lay["names"], lay["labels"]
    ids = {k: opaque(rng, "c") for k in names}
    body = (
        "<h1>Request a callback</h1><p>One of our advisers will call you within one business day.</p>"
        f'<form method="post" action="{visit.url("submit")}">'
        f'<div class="row"><label for="{ids["name"]}">{esc(labels["name"])}</label>'
        f'<input id="{ids["name"]}" name="{names["name"]}" data-q="{mark("name")}"></div>'
        f'<div class="row"><label for="{ids["phone"]}">{esc(labels["phone"])}</label>'
        f'<span style="padding:.35rem;background:#eee;border:1px solid #ccc">🇺🇸 +1</span>'
        f'<input id="{ids["phone"]}" name="{names["phone"]}" type="tel" data-m="phone" data-q="{mark("phone")}"'
        ' maxlength="14" placeholder="(555) 555-0100"></div>'
        f'<div class="row"><label for="{ids["zip"]}">{esc(labels["zip"])}</label>'
        f'<input id="{ids["zip"]}" name="{names["zip"]}" data-m="zip" data-q="{mark("zip")}" maxlength="5"'
        ' inputmode="numeric"></div>'
        f'<button type="submit" data-q="{mark("call")}">{esc(lay["button"])}</button></form>'
    )
    return page("Callback", body, script=_CALLBACK_SCRIPT)


def _national(phone: str) -> str:
    number = digits(phone)
    return number[1:] if len(number) == 11 and number.startswith("1") else number


def _callback_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    names, params = _callback_layout(visit.rng)["names"], visit.params
    if squash(sub.one(names["name"])) != squash(params["name"]):
        return Verdict.no(f"name: expected {params['name']!r}, got {sub.one(names['name'])!r}")
    if digits(sub.one(names["phone"])) != _national(params["phone"]):
        return Verdict.no(f"phone: expected the number {params['phone']!r}, the field held {sub.one(names['phone'])!r}")
    if sub.one(names["zip"]).strip() != params["zip_code"]:
        return Verdict.no(f"zip_code: expected {params['zip_code']!r}, got {sub.one(names['zip'])!r}")
    return Verdict.yes()


async def _callback_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-q="{mark("name")}"]', params["name"])
    await pw.fill(f'[data-q="{mark("phone")}"]', _national(params["phone"]))
    await pw.fill(f'[data-q="{mark("zip")}"]', params["zip_code"])
    async with pw.expect_navigation():
        await pw.click(f'[data-q="{mark("call")}"]')


TASKS = [
    Task(
        name="card-payment-masks",
        pattern="reformatting_fields",
        title="Card form: number grouped by a mask, expiry MM / YY (4 digits max), CVC, upper-cased name",
        make_params=_card_params,
        render=_card_render,
        judge=_card_judge,
        workflow=workflow(
            "Pay with a card", "Pay with the card given", ["card_number", "expiry", "cvc", "cardholder"],
            secret=("card_number", "cvc"), descriptions={"expiry": "Expiry month and year (MM/YYYY or MM/YY)"},
        ),
        floor=_card_floor,
    ),
    Task(
        name="bank-transfer-iban",
        pattern="reformatting_fields",
        title="Transfer form: IBAN grouped and upper-cased, amount re-formatted on blur, reference alphabet filter",
        make_params=_transfer_params,
        render=_transfer_render,
        judge=_transfer_judge,
        workflow=workflow(
            "Send a bank transfer", "Fill in the transfer to {{ recipient }} and send it",
            ["recipient", "iban", "amount", "reference"], descriptions={"amount": "Amount in euros"},
        ),
        floor=_transfer_floor,
    ),
    Task(
        name="callback-phone-mask",
        pattern="reformatting_fields",
        title="Callback form: phone mask keeps 10 digits after a fixed +1 prefix, ZIP keeps 5 digits",
        make_params=_callback_params,
        render=_callback_render,
        judge=_callback_judge,
        workflow=workflow(
            "Request a callback", "Ask for a callback", ["name", "phone", "zip_code"],
            payload={"name": "{{ name }}", "phone": "{{ phone }}", "zip": "{{ zip_code }}"},
        ),
        floor=_callback_floor,
    ),
]
