"""Held-out commerce and booking pages: checkout, product page, table booking, promo-code order, hotel booking."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Callable
from typing import Any

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import code, email_for, form_workflow, person, submit_and_wait

# --- shared markup: Bootstrap/Tailwind-flavoured classes, opaque framework names, field helpers --------------

_STYLE = """<style>
[hidden] { display: none !important; }
body { max-width: 64rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin-top: 1.4rem; }
.form-floating { position: relative; margin: .5rem 0; }
.form-floating > .form-control, .form-floating > .form-select { padding: 1.45rem .75rem .35rem; height: 3.3rem; }
.form-floating > .form-control::placeholder { color: transparent; }
.form-floating > label { position: absolute; top: .3rem; left: .8rem; margin: 0; font-size: .75rem; color: #6c757d;
  pointer-events: none; }
.form-control, .form-select { display: block; width: 100%; box-sizing: border-box; border: 1px solid #ced4da;
  border-radius: .375rem; padding: .5rem .75rem; background: #fff; }
.mb-3 { margin-bottom: .8rem; } .form-label { font-weight: 500; } .form-text { font-size: .8rem; color: #6b7280; }
.form-check { display: flex; gap: .5rem; align-items: center; margin: .5rem 0; } .form-check label { margin: 0; }
.btn { border-radius: .375rem; border: 1px solid transparent; }
.btn-primary { background: #0d6efd; color: #fff; } .btn-dark { background: #111827; color: #fff; }
.btn-outline { background: #fff; border-color: #374151; color: #111; }
.btn:disabled { opacity: .45; cursor: not-allowed; } .w-100 { width: 100%; }
.btn-link { background: none; border: 0; color: #1d4ed8; text-decoration: underline; padding: 0; margin: .4rem 0; }
.row2 { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; }
.row4 { display: grid; grid-template-columns: repeat(4, 1fr); gap: .75rem; align-items: end; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 19rem; gap: 2rem; align-items: start; }
.summary { position: sticky; top: 1rem; background: #f5f5f4; border-radius: .5rem; padding: 1rem; }
.summary dl { display: grid; grid-template-columns: 1fr auto; gap: .3rem; margin: .5rem 0; } .summary dd { margin: 0; }
.card { border: 1px solid #e5e7eb; border-radius: .75rem; padding: .9rem 1rem; margin: .6rem 0; display: block; }
.rate { display: flex; gap: .75rem; align-items: center; } .rate .price { margin-left: auto; font-weight: 600; }
.notice { background: #fef3c7; padding: .5rem 1rem; border-radius: .5rem; font-size: .9rem; }
.cookie-bar { position: fixed; left: 0; right: 0; bottom: 0; background: #1f2937; color: #fff; padding: .4rem 1rem;
  display: flex; gap: 1rem; align-items: center; z-index: 40; font-size: .9rem; }
.cookie-bar .btn { margin: .2rem 0; }
.backdrop { position: fixed; inset: 0; background: rgba(17, 24, 39, .6); display: flex; align-items: center;
  justify-content: center; z-index: 100; }
.dialog { background: #fff; border-radius: .75rem; padding: 1.5rem; max-width: 30rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.text-muted { color: #6b7280; } .text-danger { color: #b91c1c; } .text-success { color: #15803d; }
.swatch { width: 2rem; height: 2rem; border-radius: 50%; border: 2px solid #fff; outline: 1px solid #9ca3af;
  margin: .3rem; padding: 0; }
.swatch[aria-pressed=true] { outline: 2px solid #111; }
.size { min-width: 3rem; border: 1px solid #9ca3af; background: #fff; border-radius: .375rem; }
.size[aria-pressed=true] { background: #111; color: #fff; }
.size:disabled { text-decoration: line-through; color: #aaa; }
.stepper { display: inline-flex; border: 1px solid #9ca3af; border-radius: .375rem; align-items: center; }
.stepper button { margin: 0; border: 0; background: none; width: 2.4rem; font-size: 1.2rem; }
.stepper input { width: 3.2rem; text-align: center; border: 0; }
.icon { background: none; border: 0; font-size: 1.2rem; padding: .2rem .4rem; margin: 0; }
.slot { display: inline-block; border: 1px solid #6b7280; border-radius: 999px; padding: .35rem .9rem; margin: .25rem;
  cursor: pointer; }
.slot[aria-checked=true] { background: #065f46; color: #fff; border-color: #065f46; }
.slot[aria-disabled=true] { color: #9ca3af; border-style: dashed; text-decoration: line-through; cursor: default; }
.spacer { height: 4rem; }
</style>"""


_TRASH = (
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">'
    '<path d="M5 1h6v2h4v2H1V3h4zM2 6h12l-1 9H3z"/></svg>'
)
_INFO = (
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="7" fill="none" '
    'stroke="currentColor"/><path d="M7 7h2v5H7zM7 4h2v2H7z" fill="currentColor"/></svg>'
)


def _shell(title: str, body: str, script: str = "", cfg: dict[str, Any] | None = None) -> str:
    """A shop page: the shared style, and the page's script with its settings as CFG."""
    settings = json.dumps(cfg).replace("<", "\\u003c")
    prefix = f"const CFG = {settings};\n" if cfg is not None else ""
    return page(title, body, head=_STYLE, script=prefix + script if script else "")


def _unique(make: Callable[[], str], keys: tuple[str, ...] | list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in keys:
        value = make()
        while value in out.values():
            value = make()
        out[key] = value
    return out


def _names(rng: random.Random, keys: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Field names as a form framework emits them, one style per page."""
    makers: tuple[Callable[[], str], ...] = (
        lambda: f"field_{rng.getrandbits(24):06x}",
        lambda: f"input-{rng.randint(100, 99999)}",
        lambda: f"ctl00$main$f{rng.randint(1000, 99999)}",
        lambda: f"_r_{rng.getrandbits(20):x}_",
        lambda: f"x{rng.getrandbits(32):08x}",
    )
    return _unique(rng.choice(makers), keys)


def _ids(rng: random.Random, keys: tuple[str, ...] | list[str]) -> dict[str, str]:
    makers: tuple[Callable[[], str], ...] = (
        lambda: f":r{rng.getrandbits(12):x}:",
        lambda: f"f-{rng.getrandbits(24):06x}",
        lambda: f"el{rng.randint(100, 99999)}",
    )
    return _unique(rng.choice(makers), keys)


def _input(style: str, ident: str, name: str, label: str, marker: str, *, kind: str = "text", attrs: str = "") -> str:
    """A text input with a floating label, a label above it, or only a placeholder."""
    core = f'class="form-control" id="{ident}" name="{esc(name)}" type="{kind}" data-f="{code(marker)}"{attrs}'
    if style == "floating":
        return (
            f'<div class="form-floating"><input {core} placeholder="{esc(label)}">'
            f'<label for="{ident}">{esc(label)}</label></div>'
        )
    if style == "stacked":
        return f'<div class="mb-3"><label class="form-label" for="{ident}">{esc(label)}</label><input {core}></div>'
    return f'<div class="mb-3"><input {core} placeholder="{esc(label)}"></div>'


def _select(style: str, ident: str, name: str, label: str, marker: str, options: str) -> str:
    core = f'class="form-select" id="{ident}" name="{esc(name)}" data-f="{code(marker)}"'
    if style == "floating":
        return (
            f'<div class="form-floating"><select {core}>{options}</select>'
            f'<label for="{ident}">{esc(label)}</label></div>'
        )
    return (
        f'<div class="mb-3"><label class="form-label" for="{ident}">{esc(label)}</label>'
        f"<select {core}>{options}</select></div>"
    )


def _options(pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...], selected: str = "") -> str:
    return "".join(
        f'<option value="{esc(v)}"{" selected" if v == selected else ""}>{esc(t)}</option>' for v, t in pairs
    )


def _check(ident: str, name: str, label: str, marker: str, *, checked: bool = False) -> str:
    return (
        f'<div class="form-check"><input type="checkbox" id="{ident}" name="{esc(name)}" value="1" '
        f'data-f="{code(marker)}"{" checked" if checked else ""}><label for="{ident}">{esc(label)}</label></div>'
    )


def _same(got: str, want: str) -> bool:
    return got.strip() == want.strip()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _not_found() -> Response:
    return Response(page("Not found", "<h1>Page not found</h1>"), status=404)


def _problem_page(title: str, problems: list[str], back: str, back_text: str) -> Response:
    items = "".join(f"<li>{esc(p)}</li>" for p in problems)
    body = (
        f'<h1>{esc(title)}</h1><div class="text-danger" role="alert"><p>Please correct the following:</p>'
        f'<ul>{items}</ul></div><p><a class="btn btn-outline" href="{back}">{esc(back_text)}</a></p>'
    )
    return Response(_shell(title, body))


# --- 1. checkout: shipping address, delivery method, "billing same as shipping" revealing billing fields ------

_UK_TOWNS = (
    ("Leeds", "LS"),
    ("Bristol", "BS"),
    ("York", "YO"),
    ("Norwich", "NR"),
    ("Bath", "BA"),
    ("Exeter", "EX"),
    ("Cardiff", "CF"),
    ("Brighton", "BN"),
    ("Oxford", "OX"),
    ("Sheffield", "S"),
    ("Durham", "DH"),
)
_UK_STREETS = (
    "Carlton Road",
    "Mill Lane",
    "Queen Street",
    "Victoria Terrace",
    "Orchard Close",
    "Priory Gardens",
    "Station Approach",
    "Hawthorn Avenue",
    "Kingsway",
    "Chapel Row",
    "Elm Grove",
    "Nelson Street",
)
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.IGNORECASE)
_COUNTRIES = (
    ("GB", "United Kingdom"),
    ("IE", "Ireland"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("NL", "Netherlands"),
    ("ES", "Spain"),
    ("US", "United States"),
)
_CO_KEYS = (
    "email",
    "news",
    "country",
    "first",
    "last",
    "address1",
    "address2",
    "city",
    "postcode",
    "phone",
    "save",
    "delivery",
    "same",
    "b_country",
    "b_address1",
    "b_address2",
    "b_city",
    "b_postcode",
)
_CO_WORDS = {
    "email": ("Email", "Email address", "Contact email"),
    "news": (
        "Email me with news and offers",
        "Keep me posted on new arrivals and offers",
        "Sign me up for the newsletter",
    ),
    "country": ("Country/Region", "Country"),
    "first": ("First name", "Given name"),
    "last": ("Last name", "Surname"),
    "address1": ("Address", "Street address", "Address line 1"),
    "address2": ("Apartment, suite, etc. (optional)", "Flat, floor, building (optional)", "Address line 2 (optional)"),
    "city": ("City", "Town/City", "Town or city"),
    "postcode": ("Postcode", "Postal code", "Post code"),
    "phone": ("Phone (optional)", "Mobile number (optional)", "Phone number (optional)"),
    "save": ("Save this information for next time", "Remember me for faster checkout"),
    "same": (
        "Billing address same as shipping",
        "Use the shipping address as the billing address",
        "My billing address is the same as my delivery address",
    ),
    "contact_h": ("Contact", "Contact information", "Your details"),
    "ship_h": ("Shipping address", "Delivery address", "Delivery"),
    "method_h": ("Shipping method", "Delivery options", "Delivery method"),
    "bill_h": ("Billing address", "Billing details", "Billing"),
    "go": ("Continue to payment", "Continue", "Proceed to payment", "Review and pay"),
}
_CO_RATES = {
    "standard": (
        ("Standard delivery", "3–5 working days", "Free"),
        ("Royal Mail Tracked 48", "2–3 working days", "Free"),
    ),
    "express": (("Express delivery", "Next working day", "£6.95"), ("DPD Next Day", "Order before 2 pm", "£7.50")),
}
_CO_ITEMS = (
    ("Waxed cotton jacket", 14900),
    ("Lambswool scarf", 3800),
    ("Canvas weekender", 8900),
    ("Leather card holder", 2900),
    ("Enamel camp mug", 1400),
    ("Merino beanie", 2400),
)
_SHOPS = ("Fernhill Supply Co.", "Hearth & Loom", "Tidewater Goods", "Northmoor Outfitters", "Alder & Finch")


def _uk_address(rng: random.Random) -> tuple[str, str, str]:
    town, prefix = pick(rng, _UK_TOWNS)
    street = f"{rng.randint(2, 240)} {pick(rng, _UK_STREETS)}"
    inward = f"{rng.randint(1, 9)}{rng.choice(_POSTCODE_LETTERS)}{rng.choice(_POSTCODE_LETTERS)}"
    return street, town, f"{prefix}{rng.randint(1, 19)} {inward}"


def _norm_postcode(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).upper()


def _co_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    street, town, postcode = _uk_address(rng)
    b_street, b_town, b_postcode = _uk_address(rng)
    while b_town == town:
        b_street, b_town, b_postcode = _uk_address(rng)
    return {
        "email": email_for(rng, first, last),
        "first_name": first,
        "last_name": last,
        "address": street,
        "city": town,
        "postcode": postcode,
        "billing_address": b_street,
        "billing_city": b_town,
        "billing_postcode": b_postcode,
    }


def _co_layout(visit: Visit) -> tuple[random.Random, dict[str, str], dict[str, str], dict[str, str]]:
    rng = visit.rng
    names, ids = _names(rng, _CO_KEYS), _ids(rng, _CO_KEYS)
    rates = {key: f"rate_{rng.getrandbits(32):08x}" for key in _CO_RATES}
    return rng, names, ids, rates


def _co_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    rng, names, ids, rates = _co_layout(visit)
    style = pick(rng, ("floating", "stacked", "placeholder"))
    w = {key: pick(rng, words) for key, words in _CO_WORDS.items()}

    def field(key: str, label: str, *, kind: str = "text", required: bool = True, auto: str = "") -> str:
        attrs = (" required" if required else "") + (f' autocomplete="{auto}"' if auto else "")
        return _input(style, ids[key], names[key], label, f"co-{key}", kind=kind, attrs=attrs)

    def country(key: str) -> str:
        return _select(style, ids[key], names[key], w["country"], f"co-{key}", _options(_COUNTRIES, "GB"))

    def optional(key: str) -> str:  # placeholder only, as most shops do for the second address line
        return _input("placeholder", ids[key], names[key], w["address2"], f"co-{key}")

    surname_first = rng.random() < 0.25
    postcode_first = rng.random() < 0.4
    names_row = [field("first", w["first"], auto="given-name"), field("last", w["last"], auto="family-name")]
    if surname_first:
        names_row.reverse()

    def town_row(prefix: str) -> str:
        cells = [
            field(f"{prefix}city", w["city"], auto="address-level2"),
            field(f"{prefix}postcode", w["postcode"], auto="postal-code"),
        ]
        if postcode_first:
            cells.reverse()
        return f'<div class="row2">{"".join(cells)}</div>'

    contact = (
        f"<h2>{esc(w['contact_h'])}</h2>{field('email', w['email'], kind='email', auto='email')}"
        f"{_check(ids['news'], names['news'], w['news'], 'co-news')}"
    )
    shipping = (
        f'<h2>{esc(w["ship_h"])}</h2>{country("country")}<div class="row2">{"".join(names_row)}</div>'
        f"{field('address1', w['address1'], auto='address-line1')}{optional('address2')}{town_row('')}"
        f"{field('phone', w['phone'], kind='tel', required=False, auto='tel')}"
        f"{_check(ids['save'], names['save'], w['save'], 'co-save')}"
    )
    rate_rows = []
    for key, choices in _CO_RATES.items():
        title, when, price = pick(rng, choices)
        rate_rows.append(
            f'<label class="card rate"><input type="radio" name="{esc(names["delivery"])}" value="{rates[key]}"'
            f'{" checked" if key == "standard" else ""} data-f="{code("co-rate-" + key)}">'
            f'<span><strong>{esc(title)}</strong><br><small class="text-muted">{esc(when)}</small></span>'
            f'<span class="price">{esc(price)}</span></label>'
        )
    method = f'<h2>{esc(w["method_h"])}</h2><div role="radiogroup">{"".join(rate_rows)}</div>'
    billing = (
        f"<h2>{esc(w['bill_h'])}</h2>{_check(ids['same'], names['same'], w['same'], 'co-same', checked=True)}"
        f'<div id="billing-fields" class="card" hidden>{country("b_country")}'
        f"{field('b_address1', w['address1'])}{optional('b_address2')}{town_row('b_')}</div>"
    )
    tail = [method, billing]
    if rng.random() < 0.5:
        tail.reverse()
    items = pick(rng, _CO_ITEMS, 2)
    subtotal = sum(price for _, price in items)
    lines = "".join(f"<dt>{esc(name)} × 1</dt><dd>£{price / 100:.2f}</dd>" for name, price in items)
    summary = (
        f'<aside class="summary" aria-label="Order summary"><h2>Order summary</h2><dl>{lines}'
        f'<dt>Subtotal</dt><dd>£{subtotal / 100:.2f}</dd><dt>Shipping</dt><dd class="text-muted">Calculated next</dd>'
        f"</dl></aside>"
    )
    cookie = (
        '<div class="notice" role="region" aria-label="Cookies">We use cookies to keep your basket and improve the '
        'shop. <button type="button" class="btn btn-outline" data-dismiss>OK</button></div>'
    )
    shop = pick(rng, _SHOPS)
    body = (
        f'{cookie}<header><strong>{esc(shop)}</strong> · <span class="text-muted">Cart › <b>Information</b> › '
        f'Shipping › Payment</span></header><div class="layout"><main>'
        f'<form method="post" action="{visit.url("submit")}" id="checkout">{contact}{shipping}{"".join(tail)}'
        f'<button type="submit" class="btn btn-dark w-100" data-f="{code("co-go")}">{esc(w["go"])}</button>'
        f'</form><p><a href="#">‹ Return to cart</a></p></main>{summary}</div>'
    )
    script = """
    const same = document.getElementById(CFG.same), box = document.getElementById('billing-fields');
    const sync = () => {
      box.hidden = same.checked;
      box.querySelectorAll('input, select').forEach((el) => { el.disabled = same.checked; });
    };
    same.addEventListener('change', sync); sync();
    document.querySelectorAll('[data-dismiss]').forEach((b) => {
      b.addEventListener('click', () => b.parentElement.remove());
    });
    """
    return _shell(f"Checkout – {shop}", body, script, {"same": ids["same"]})


def _co_problems(names: dict[str, str], sub: Submission) -> list[str]:
    problems = []
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", sub.one(names["email"]).strip()):
        problems.append("Enter a valid email address.")
    sections = [("", "")] if sub.one(names["same"]) else [("", ""), ("b_", "billing ")]
    for prefix, what in sections:
        keys = [("address1", "an address"), ("city", "a city"), ("postcode", "a postcode")]
        if not prefix:
            keys = [("first", "a first name"), ("last", "a last name"), *keys]
        for key, label in keys:
            if not sub.one(names[prefix + key]).strip():
                problems.append(f"Enter {label}{' for the billing address' if what else ''}.")
        postcode = sub.one(names[prefix + "postcode"]).strip()
        if sub.one(names[prefix + "country"]) == "GB" and postcode and not _UK_POSTCODE.match(postcode):
            problems.append(f"Enter a valid UK {what}postcode.")
    return problems


def _co_respond(visit: Visit, sub: Submission) -> Response:
    _, names, _, rates = _co_layout(visit)
    problems = _co_problems(names, sub)
    if problems:
        return _problem_page("Checkout", problems, visit.url(), "Return to information")
    countries = dict(_COUNTRIES)

    def address(prefix: str) -> str:
        parts = [sub.one(names[prefix + k]).strip() for k in ("address1", "address2", "city", "postcode")]
        return ", ".join([p for p in parts if p] + [countries.get(sub.one(names[prefix + "country"]), "")])

    bill_to = "Same as shipping address" if sub.one(names["same"]) else address("b_")
    method = "Express" if sub.one(names["delivery"]) == rates["express"] else "Standard"
    body = (
        '<header class="text-muted">Cart › Information › Shipping › <b>Payment</b></header><h1>Payment</h1>'
        f'<div class="card"><p>Contact: {esc(sub.one(names["email"]))}</p>'
        f"<p>Ship to: {esc(address(''))}</p><p>Method: {method}</p><p>Bill to: {esc(bill_to)}</p></div>"
        "<p>All transactions are secure and encrypted. Choose how you would like to pay.</p>"
    )
    return Response(_shell("Payment", body))


def _co_judge(visit: Visit, record: Record) -> Verdict:
    _, names, _, rates = _co_layout(visit)
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    problems = _co_problems(names, sub)
    if problems:
        return Verdict.no(f"the shop refused the details: {problems[0]}")
    p = visit.params
    if sub.one(names["email"]).strip().casefold() != p["email"].casefold():
        return Verdict.no(f"email: expected {p['email']!r}, got {sub.one(names['email'])!r}")
    for what, key, want in (
        ("first name", "first", p["first_name"]),
        ("last name", "last", p["last_name"]),
        ("shipping address", "address1", p["address"]),
        ("shipping city", "city", p["city"]),
    ):
        if not _same(sub.one(names[key]), want):
            return Verdict.no(f"{what}: expected {want!r}, got {sub.one(names[key])!r}")
    if _norm_postcode(sub.one(names["postcode"])) != p["postcode"]:
        return Verdict.no(f"shipping postcode: expected {p['postcode']!r}, got {sub.one(names['postcode'])!r}")
    if sub.one(names["same"]):
        return Verdict.no("billing address was left as 'same as shipping'; a different billing address was asked for")
    for what, key, want in (
        ("billing address", "b_address1", p["billing_address"]),
        ("billing city", "b_city", p["billing_city"]),
    ):
        if not _same(sub.one(names[key]), want):
            return Verdict.no(f"{what}: expected {want!r}, got {sub.one(names[key])!r}")
    if _norm_postcode(sub.one(names["b_postcode"])) != p["billing_postcode"]:
        return Verdict.no(f"billing postcode: expected {p['billing_postcode']!r}, got {sub.one(names['b_postcode'])!r}")
    for what, key in (("shipping country", "country"), ("billing country", "b_country")):
        if sub.one(names[key]) != "GB":
            return Verdict.no(f"{what} should stay United Kingdom, got {sub.one(names[key])!r}")
    for what, key in (("address line 2", "address2"), ("billing address line 2", "b_address2"), ("phone", "phone")):
        if sub.one(names[key]).strip():
            return Verdict.no(f"{what} should stay empty, got {sub.one(names[key])!r}")
    if sub.one(names["delivery"]) != rates["standard"]:
        return Verdict.no("delivery method should stay the default standard delivery")
    for what, key in (("the newsletter box", "news"), ("'save this information'", "save")):
        if sub.one(names[key]):
            return Verdict.no(f"{what} should stay unticked")
    return Verdict.yes("shipping and a separate billing address sent, defaults untouched")


async def _co_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    shipping = {
        "email": "email",
        "first": "first_name",
        "last": "last_name",
        "address1": "address",
        "city": "city",
        "postcode": "postcode",
    }
    for key, param in shipping.items():
        await pw.fill(f'[data-f="{code("co-" + key)}"]', params[param])
    await pw.uncheck(f'[data-f="{code("co-same")}"]')
    billing = {"b_address1": "billing_address", "b_city": "billing_city", "b_postcode": "billing_postcode"}
    for key, param in billing.items():
        await pw.fill(f'[data-f="{code("co-" + key)}"]', params[param])
    await submit_and_wait(pw, f'[data-f="{code("co-go")}"]')


# --- 2. product page: colour swatches, size buttons (one sold out), quantity stepper, add to basket ---------

_PR_COLOURS = {
    "Black": "#111111",
    "Navy": "#1e2a4a",
    "Olive": "#6b6b3a",
    "Oat": "#d8cbb0",
    "Rust": "#a4492a",
    "Sage": "#9caf88",
    "Charcoal": "#3b3b3b",
    "Ecru": "#efe8d8",
}
_PR_SIZES = ("XS", "S", "M", "L", "XL")
_PR_PRODUCTS = (
    ("Relaxed linen shirt", 5900),
    ("Merino roll-neck", 8900),
    ("Organic cotton tee", 2500),
    ("Cord overshirt", 7900),
    ("Waffle-knit jumper", 6900),
)
_PR_WORDS = {
    "add": ("Add to basket", "Add to bag", "Add to cart"),
    "choose": ("Select a size", "Choose a size", "Pick your size"),
    "qty": ("Quantity", "Qty"),
    "gift": ("Add gift wrap (+£3.50)", "Gift-wrap this item (£3.50)", "Add gift packaging – £3.50"),
    "colour": ("Colour", "Color"),
    "size": ("Size", "Select size"),
    "swatch": ("{c}", "Colour: {c}", "Select colour {c}"),
}


def _pr_params(rng: random.Random) -> dict[str, str]:
    return {
        "colour": pick(rng, list(_PR_COLOURS)),
        "size": pick(rng, _PR_SIZES[1:]),
        "quantity": str(rng.randint(2, 5)),
    }


def _pr_layout(visit: Visit) -> dict[str, Any]:
    rng = visit.rng
    names = _names(rng, ("variant", "qty", "gift"))
    colours = list(_PR_COLOURS)
    rng.shuffle(colours)
    variants: dict[str, tuple[str, str]] = {}
    for colour in colours:
        for size in _PR_SIZES:
            ident = str(rng.randint(40_000_000_000, 49_999_999_999))
            while ident in variants:
                ident = str(rng.randint(40_000_000_000, 49_999_999_999))
            variants[ident] = (colour, size)
    sold_out = rng.choice([s for s in _PR_SIZES if s != visit.params["size"]])
    return {
        "rng": rng,
        "names": names,
        "colours": colours,
        "variants": variants,
        "sold_out": sold_out,
        "product": pick(rng, _PR_PRODUCTS),
        "editable": rng.random() < 0.5,
    }


def _pr_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    lay = _pr_layout(visit)
    rng, names, colours = lay["rng"], lay["names"], lay["colours"]
    w = {key: pick(rng, words) for key, words in _PR_WORDS.items()}
    ids = _ids(rng, ("variant", "qty", "gift"))
    product, price = lay["product"]
    swatches = "".join(
        f'<button type="button" class="swatch" data-colour="{esc(c)}" aria-label="{esc(w["swatch"].format(c=c))}" '
        f'title="{esc(c)}" aria-pressed="{"true" if i == 0 else "false"}" style="background:{_PR_COLOURS[c]}"></button>'
        for i, c in enumerate(colours)
    )
    sizes = "".join(
        f'<button type="button" class="size" data-size="{s}" disabled aria-label="{s} – sold out">{s}</button>'
        if s == lay["sold_out"]
        else f'<button type="button" class="size" data-size="{s}" aria-pressed="false">{s}</button>'
        for s in _PR_SIZES
    )
    readonly = "" if lay["editable"] else " readonly"
    stepper = (
        f'<label for="{ids["qty"]}" class="form-label">{esc(w["qty"])}</label><div class="stepper">'
        f'<button type="button" data-step="-1" aria-label="Decrease quantity" data-f="{code("pr-minus")}">−</button>'
        f'<input id="{ids["qty"]}" name="{esc(names["qty"])}" type="number" value="1" min="1" max="10" '
        f'inputmode="numeric" data-f="{code("pr-qty")}"{readonly}>'
        f'<button type="button" data-step="1" aria-label="Increase quantity" data-f="{code("pr-plus")}">+</button>'
        "</div>"
    )
    form = (
        f'<form method="post" action="{visit.url("submit")}" id="add-form">'
        f'<input type="hidden" id="{ids["variant"]}" name="{esc(names["variant"])}" value="">{stepper}'
        f"{_check(ids['gift'], names['gift'], w['gift'], 'pr-gift')}"
        f'<button type="submit" id="add" class="btn btn-dark w-100" disabled data-f="{code("pr-add")}">'
        f"{esc(w['choose'])}</button></form>"
    )
    info = (
        f'<nav class="text-muted" aria-label="Breadcrumb">Home / Clothing / {esc(product)}</nav>'
        f"<h1>{esc(product)}</h1><p><strong>£{price / 100:.2f}</strong> · Free returns within 30 days</p>"
        f'<p>{esc(w["colour"])}: <span id="colour-name">{esc(colours[0])}</span></p>'
        f'<div role="group" aria-label="{esc(w["colour"])}">{swatches}</div>'
        f'<p>{esc(w["size"])} <a href="#size-guide" class="text-muted">Size guide</a></p>'
        f'<div role="group" aria-label="{esc(w["size"])}">{sizes}</div>{form}'
        '<button type="button" class="icon" aria-label="Add to wishlist" aria-pressed="false" id="wish">♡</button>'
        "<details><summary>Details &amp; care</summary><p>Machine wash at 30°. Do not tumble dry.</p></details>"
        "<details><summary>Delivery &amp; returns</summary><p>Free standard delivery over £50.</p></details>"
        '<p id="size-guide" class="text-muted">Size guide: XS 6–8, S 8–10, M 12–14, L 14–16, XL 18.</p>'
    )
    cookie = (
        '<div class="cookie-bar" role="region" aria-label="Cookie notice">This site uses cookies. '
        '<button type="button" class="btn btn-outline" data-cookie>Accept</button>'
        '<button type="button" class="btn btn-outline" data-cookie>Reject</button></div>'
    )
    body = (
        '<div class="layout" style="grid-template-columns: 1fr 1fr">'
        f'<div id="hero" role="img" aria-label="{esc(product)}" '
        f'style="aspect-ratio:4/5;border-radius:.75rem;background:{_PR_COLOURS[colours[0]]}"></div>'
        f'<div>{info}</div></div><div class="spacer"></div>{cookie}'
    )
    cfg = {
        "variants": {f"{c}|{s}": v for v, (c, s) in lay["variants"].items()},
        "hex": _PR_COLOURS,
        "colour": colours[0],
        "variant": ids["variant"],
        "qty": ids["qty"],
        "add": w["add"],
        "choose": w["choose"],
    }
    script = """
    let colour = CFG.colour, size = null;
    const add = document.getElementById('add'), variant = document.getElementById(CFG.variant);
    const qty = document.getElementById(CFG.qty);
    const update = () => {
      variant.value = size ? CFG.variants[colour + '|' + size] : '';
      add.disabled = !size; add.textContent = size ? CFG.add : CFG.choose;
    };
    document.querySelectorAll('.swatch').forEach((b) => b.addEventListener('click', () => {
      document.querySelectorAll('.swatch').forEach((o) => o.setAttribute('aria-pressed', String(o === b)));
      colour = b.dataset.colour; document.getElementById('colour-name').textContent = colour;
      document.getElementById('hero').style.background = CFG.hex[colour]; update();
    }));
    document.querySelectorAll('.size').forEach((b) => b.addEventListener('click', () => {
      if (b.disabled) return;
      document.querySelectorAll('.size:not(:disabled)').forEach((o) => o.setAttribute('aria-pressed', String(o === b)));
      size = b.dataset.size; update();
    }));
    const clamp = (n) => Math.max(1, Math.min(10, isNaN(n) ? 1 : n));
    document.querySelectorAll('[data-step]').forEach((b) => b.addEventListener('click', () => {
      qty.value = clamp(parseInt(qty.value, 10) + parseInt(b.dataset.step, 10));
    }));
    qty.addEventListener('change', () => { qty.value = clamp(parseInt(qty.value, 10)); });
    document.getElementById('wish').addEventListener('click', (e) => {
      const on = e.currentTarget.getAttribute('aria-pressed') !== 'true';
      e.currentTarget.setAttribute('aria-pressed', String(on)); e.currentTarget.textContent = on ? '♥' : '♡';
    });
    document.querySelectorAll('[data-cookie]').forEach((b) => {
      b.addEventListener('click', () => b.parentElement.remove());
    });
    update();
    """
    return _shell(product, body, script, cfg)


def _pr_problem(lay: dict[str, Any], sub: Submission) -> str | None:
    names, variants = lay["names"], lay["variants"]
    chosen = variants.get(sub.one(names["variant"]))
    if chosen is None:
        return "Please choose a size."
    if chosen[1] == lay["sold_out"]:
        return "Sorry, that size is sold out."
    qty = sub.one(names["qty"]).strip()
    if not qty.isdigit() or not 1 <= int(qty) <= 10:
        return "Please choose a quantity between 1 and 10."
    return None


def _pr_respond(visit: Visit, sub: Submission) -> Response:
    lay = _pr_layout(visit)
    problem = _pr_problem(lay, sub)
    if problem:
        return _problem_page("Basket", [problem], visit.url(), "Back to the product")
    names = lay["names"]
    colour, size = lay["variants"][sub.one(names["variant"])]
    product, price = lay["product"]
    qty = int(sub.one(names["qty"]))
    gift = '<tr><td colspan="2">Gift wrap</td><td>£3.50</td></tr>' if sub.one(names["gift"]) else ""
    body = (
        '<p class="text-success" role="status">Added to your basket.</p><h1>Your basket</h1>'
        f"<table><tr><th>Item</th><th>Qty</th><th>Price</th></tr><tr><td>{esc(product)}<br>"
        f'<small class="text-muted">Colour: {esc(colour)} / Size: {size}</small></td><td>{qty}</td>'
        f"<td>£{qty * price / 100:.2f}</td></tr>{gift}</table>"
        '<p><a class="btn btn-dark" href="#">Checkout</a> <a href="../">Continue shopping</a></p>'
    )
    return Response(_shell("Your basket", body))


def _pr_judge(visit: Visit, record: Record) -> Verdict:
    lay = _pr_layout(visit)
    adds = record.steps("submit")
    if not adds:
        return Verdict.no("nothing was added to the basket")
    good = [s for s in adds if _pr_problem(lay, s) is None]
    if not good:
        return Verdict.no(f"the shop refused the basket: {_pr_problem(lay, adds[-1])}")
    if len(good) > 1:
        return Verdict.no(f"the item was added to the basket {len(good)} times")
    sub, names, p = good[0], lay["names"], visit.params
    colour, size = lay["variants"][sub.one(names["variant"])]
    if colour != p["colour"]:
        return Verdict.no(f"colour: expected {p['colour']!r}, got {colour!r}")
    if size != p["size"]:
        return Verdict.no(f"size: expected {p['size']!r}, got {size!r}")
    if int(sub.one(names["qty"])) != int(p["quantity"]):
        return Verdict.no(f"quantity: expected {p['quantity']}, got {sub.one(names['qty'])}")
    if sub.one(names["gift"]):
        return Verdict.no("gift wrap should stay unticked")
    return Verdict.yes("added in the asked colour, size and quantity")


async def _pr_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.click(f'.swatch[data-colour="{params["colour"]}"]')
    await pw.click(f'.size[data-size="{params["size"]}"]')
    for _ in range(int(params["quantity"]) - 1):
        await pw.click(f'[data-f="{code("pr-plus")}"]')
    await submit_and_wait(pw, f'[data-f="{code("pr-add")}"]')


# --- 3. table booking: consent dialog, party size, date, availability by fetch, time slots as role=radio ----

_TB_SLOTS = ("17:00", "17:30", "18:00", "18:30", "19:00", "19:30", "20:00", "20:30", "21:00", "21:30")
_TB_PLACES = ("Osteria Lume", "The Copper Pot", "Bistro Marguerite", "Saffron & Vine", "Harbour Kitchen")
_TB_KEYS = ("covers", "date", "time", "name", "email", "phone", "occasion", "notes", "news")
_TB_OCCASIONS = (
    ("", "No occasion"),
    ("bday", "Birthday"),
    ("anniv", "Anniversary"),
    ("biz", "Business meal"),
    ("date", "Date night"),
)
_TB_WORDS = {
    "covers": ("Party size", "Guests", "Number of people"),
    "people": ("{n} people", "{n} guests", "Party of {n}"),
    "date": ("Date", "Day of your visit", "Reservation date"),
    "find": ("Find a table", "Check availability", "Search"),
    "times": ("Available times", "Choose a time", "Pick a time slot"),
    "name": ("Full name", "Name", "Booking name"),
    "email": ("Email", "Email address"),
    "phone": ("Phone", "Mobile number", "Phone number"),
    "occasion": ("Occasion (optional)", "Special occasion?"),
    "notes": ("Special requests (optional)", "Anything we should know? (optional)", "Notes for the restaurant"),
    "news": ("Send me news and event invitations", "Keep me updated about offers and events"),
    "go": ("Confirm booking", "Book now", "Complete reservation"),
}


def _tb_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    day = dt.date(2026, 9, 1) + dt.timedelta(days=rng.randint(0, 300))
    if day.weekday() == 0:  # closed on Mondays
        day += dt.timedelta(days=1)
    return {
        "party_size": str(rng.randint(2, 8)),
        "date": day.isoformat(),
        "time": pick(rng, _TB_SLOTS),
        "name": f"{first} {last}",
        "email": email_for(rng, first, last),
        "phone": f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
    }


def _tb_layout(visit: Visit) -> dict[str, Any]:
    rng = visit.rng
    return {
        "rng": rng,
        "names": _names(rng, _TB_KEYS),
        "ids": _ids(rng, _TB_KEYS),
        "kind": pick(rng, ("text", "text", "date")),
        "twelve": rng.random() < 0.5,
    }


def _tb_label(slot: str, twelve: bool) -> str:
    hour, minute = (int(x) for x in slot.split(":"))
    return f"{hour - 12 if hour > 12 else hour}:{minute:02d} pm" if twelve else slot


def _tb_taken(visit: Visit, day: str, covers: str) -> set[str]:
    r = random.Random(f"{visit.task.name}:taken:{visit.seed}:{day}:{covers}")
    taken = set(r.sample(list(_TB_SLOTS), 3))
    if day == visit.params["date"] and covers == visit.params["party_size"]:
        taken.discard(visit.params["time"])
    return taken


def _tb_parse(text: str, kind: str) -> tuple[dt.date | None, str]:
    text = text.strip()
    if kind == "date":
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        parts = (match[1], match[2], match[3]) if match else None
        wrong = "Please choose a date."
    else:
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        parts = (match[3], match[2], match[1]) if match else None
        wrong = "Please enter the date as DD/MM/YYYY."
    if parts is None:
        return None, wrong
    try:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None, wrong
    if day.weekday() == 0:
        return None, "We're closed on Mondays. Please choose another day."
    return day, ""


def _tb_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    lay = _tb_layout(visit)
    rng, names, ids = lay["rng"], lay["names"], lay["ids"]
    w = {key: pick(rng, words) for key, words in _TB_WORDS.items()}
    place = pick(rng, _TB_PLACES)
    style = pick(rng, ("floating", "stacked"))
    covers = _options([(str(n), w["people"].format(n=n) if n > 1 else "1 person") for n in range(1, 9)], "2")
    if lay["kind"] == "date":
        date_field = (
            f'<div class="mb-3"><label class="form-label" for="{ids["date"]}">{esc(w["date"])}</label>'
            f'<input class="form-control" type="date" id="{ids["date"]}" name="{esc(names["date"])}" '
            f'data-f="{code("tb-date")}" required></div>'
        )
    else:
        date_field = (
            f'<div class="mb-3"><label class="form-label" for="{ids["date"]}">{esc(w["date"])}</label>'
            f'<input class="form-control" type="text" id="{ids["date"]}" name="{esc(names["date"])}" '
            f'placeholder="DD/MM/YYYY" inputmode="numeric" autocomplete="off" aria-describedby="date-hint" '
            f'data-f="{code("tb-date")}" required><div class="form-text" id="date-hint">Format: DD/MM/YYYY</div></div>'
        )
    search = (
        f'<div class="row4" style="grid-template-columns: 1fr 1fr auto">'
        f'<div class="mb-3"><label class="form-label" for="{ids["covers"]}">{esc(w["covers"])}</label>'
        f'<select class="form-select" id="{ids["covers"]}" name="{esc(names["covers"])}" data-f="{code("tb-covers")}">'
        f"{covers}</select></div>{date_field}"
        f'<button type="button" class="btn btn-primary" id="find" data-f="{code("tb-find")}">{esc(w["find"])}</button>'
        "</div>"
    )
    name_box = _input(style, ids["name"], names["name"], w["name"], "tb-name", attrs=' required autocomplete="name"')
    email_box = _input(style, ids["email"], names["email"], w["email"], "tb-email", kind="email", attrs=" required")
    phone_box = _input(style, ids["phone"], names["phone"], w["phone"], "tb-phone", kind="tel", attrs=" required")
    details = (
        f'<div id="details" hidden><h2>Your details</h2><p id="chosen" class="text-muted"></p>{name_box}'
        f'<div class="row2">{email_box}{phone_box}</div>'
        f"{_select(style, ids['occasion'], names['occasion'], w['occasion'], 'tb-occasion', _options(_TB_OCCASIONS))}"
        f'<div class="mb-3"><label class="form-label" for="{ids["notes"]}">{esc(w["notes"])}</label>'
        f'<textarea class="form-control" id="{ids["notes"]}" name="{esc(names["notes"])}" rows="2" '
        f'placeholder="Allergies, high chair, accessibility…"></textarea></div>'
        f"{_check(ids['news'], names['news'], w['news'], 'tb-news')}"
        f'<button type="submit" class="btn btn-dark" data-f="{code("tb-go")}">{esc(w["go"])}</button></div>'
    )
    accept, reject = "Accept all", pick(rng, ("Reject all", "Only necessary"))
    buttons = [
        f'<button type="button" class="btn btn-primary" data-consent="all">{accept}</button>',
        f'<button type="button" class="btn btn-outline" data-consent="necessary">{reject}</button>',
    ]
    if rng.random() < 0.5:
        buttons.reverse()
    consent = (
        '<div class="backdrop" id="consent"><div class="dialog" role="dialog" aria-modal="true" '
        'aria-labelledby="consent-title"><h2 id="consent-title">We value your privacy</h2>'
        "<p>We use cookies to run our booking system and, with your consent, to measure visits and show offers.</p>"
        f'{"".join(buttons)}<button type="button" class="btn-link" id="consent-more">Manage options</button>'
        '<div id="consent-options" hidden><div class="form-check"><input type="checkbox" id="ck-a" checked>'
        '<label for="ck-a">Analytics</label></div><div class="form-check"><input type="checkbox" id="ck-m" checked>'
        '<label for="ck-m">Marketing</label></div><button type="button" class="btn btn-outline" '
        'data-consent="custom">Save preferences</button></div></div></div>'
    )
    body = (
        f'<header><h1>{esc(place)}</h1><p class="text-muted">Seasonal Italian-ish cooking · open Tue–Sun from 5 pm'
        "</p></header><h2>Reserve a table</h2>"
        f'<form method="post" action="{visit.url("submit")}" id="book" class="card">{search}'
        '<p id="avail-msg" role="status"></p>'
        f'<div id="times" hidden><h3 id="times-heading">{esc(w["times"])}</h3>'
        f'<div role="radiogroup" aria-labelledby="times-heading" id="slots"></div></div>'
        f'<input type="hidden" id="time-value" name="{esc(names["time"])}" value="">{details}</form>'
        '<p class="text-muted">For parties larger than 8, please call us.</p>'
        f"{consent}"
    )
    cfg = {"covers": ids["covers"], "date": ids["date"], "availability": visit.url("submit/availability")}
    script = """
    const $ = (id) => document.getElementById(id);
    const consent = $('consent');
    if (sessionStorage.getItem('consent')) { consent.remove(); }
    $('consent-more').addEventListener('click', () => { $('consent-options').hidden = false; });
    consent.querySelectorAll('[data-consent]').forEach((b) => b.addEventListener('click', () => {
      sessionStorage.setItem('consent', b.dataset.consent); consent.remove(); }));
    const covers = $(CFG.covers), date = $(CFG.date), slots = $('slots'), times = $('times');
    const details = $('details'), timeValue = $('time-value'), msg = $('avail-msg');
    const reset = () => { times.hidden = true; details.hidden = true; timeValue.value = ''; slots.innerHTML = ''; };
    covers.addEventListener('change', reset); date.addEventListener('change', reset);
    const search = async () => {
      reset(); msg.className = 'text-muted'; msg.textContent = 'Checking availability…';
      const answer = await fetch(CFG.availability, {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({covers: covers.value, date: date.value})});
      const data = await answer.json();
      if (!data.ok) { msg.className = 'text-danger'; msg.textContent = data.message; return; }
      msg.className = ''; msg.textContent = data.heading;
      data.slots.forEach((s) => {
        const el = document.createElement('div');
        el.className = 'slot'; el.setAttribute('role', 'radio'); el.setAttribute('aria-checked', 'false');
        el.dataset.t = s.value; el.textContent = s.label; el.tabIndex = s.free ? 0 : -1;
        if (!s.free) {
          el.setAttribute('aria-disabled', 'true'); el.title = 'Fully booked';
          el.insertAdjacentHTML('beforeend', '<span class="visually-hidden"> (fully booked)</span>');
        }
        slots.appendChild(el);
      });
      times.hidden = false;
    };
    $('find').addEventListener('click', search);
    date.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); search(); } });
    const choose = (el) => {
      if (!el || el.getAttribute('aria-disabled') === 'true') return;
      slots.querySelectorAll('[role=radio]').forEach((o) => o.setAttribute('aria-checked', String(o === el)));
      timeValue.value = el.dataset.t; details.hidden = false;
      $('chosen').textContent = msg.textContent + ' at ' + el.firstChild.textContent;
    };
    slots.addEventListener('click', (e) => choose(e.target.closest('[role=radio]')));
    slots.addEventListener('keydown', (e) => {
      if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); choose(e.target.closest('[role=radio]')); }
    });
    $('book').addEventListener('submit', (e) => {
      if (timeValue.value) return;
      e.preventDefault(); msg.className = 'text-danger'; msg.textContent = 'Please choose a time.';
    });
    """
    return _shell(f"Book a table – {place}", body, script, cfg)


def _tb_booking_problems(visit: Visit, lay: dict[str, Any], sub: Submission) -> list[str]:
    names = lay["names"]
    day, error = _tb_parse(sub.one(names["date"]), lay["kind"])
    covers = sub.one(names["covers"])
    problems = [error] if error else []
    if covers not in {str(n) for n in range(1, 9)}:
        problems.append("Please choose a party size.")
    slot = sub.one(names["time"])
    if slot not in _TB_SLOTS:
        problems.append("Please choose a time.")
    elif day is not None and slot in _tb_taken(visit, day.isoformat(), covers):
        problems.append("Sorry, that time is no longer available. Please choose another.")
    if not sub.one(names["name"]).strip():
        problems.append("Please enter your name.")
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", sub.one(names["email"]).strip()):
        problems.append("Please enter a valid email address.")
    if len(_digits(sub.one(names["phone"]))) < 10:
        problems.append("Please enter a valid phone number.")
    return problems


def _tb_respond(visit: Visit, sub: Submission) -> Response:
    lay = _tb_layout(visit)
    if sub.step == "availability":
        day, error = _tb_parse(sub.one("date"), lay["kind"])
        covers = sub.one("covers")
        if day is None:
            return Response.json({"ok": False, "message": error})
        taken = _tb_taken(visit, day.isoformat(), covers)
        people = "1 person" if covers == "1" else f"{covers} people"
        return Response.json(
            {
                "ok": True,
                "heading": f"{_long_date(day)}, {people}",
                "slots": [
                    {"value": s, "label": _tb_label(s, lay["twelve"]), "free": s not in taken} for s in _TB_SLOTS
                ],
            }
        )
    if sub.step != "submit":
        return Response.json({"ok": False, "message": "Unknown request"}, status=404)
    problems = _tb_booking_problems(visit, lay, sub)
    if problems:
        return _problem_page("Booking not completed", problems, visit.url(), "Back to the booking form")
    names = lay["names"]
    day, _ = _tb_parse(sub.one(names["date"]), lay["kind"])
    assert day is not None
    reference = f"RB-{random.Random(visit.token).randint(10000, 99999)}"
    body = (
        '<h1>Your table is booked</h1><div class="card">'
        f"<p><strong>{esc(sub.one(names['covers']))} guests</strong> on {_long_date(day)} at "
        f"{_tb_label(sub.one(names['time']), lay['twelve'])}</p><p>Name: {esc(sub.one(names['name']))}</p>"
        f"<p>Reference: {reference}</p></div>"
        f"<p>A confirmation has been sent to {esc(sub.one(names['email']))}. We hold tables for 15 minutes.</p>"
    )
    return Response(_shell("Booking confirmed", body))


def _tb_judge(visit: Visit, record: Record) -> Verdict:
    lay = _tb_layout(visit)
    names, p = lay["names"], visit.params
    sub = record.last()
    if sub is None:
        return Verdict.no("no booking was submitted")
    problems = _tb_booking_problems(visit, lay, sub)
    if problems:
        return Verdict.no(f"the restaurant refused the booking: {problems[0]}")
    if sub.one(names["covers"]) != p["party_size"]:
        return Verdict.no(f"party size: expected {p['party_size']}, got {sub.one(names['covers'])}")
    day, _ = _tb_parse(sub.one(names["date"]), lay["kind"])
    if day is None or day.isoformat() != p["date"]:
        return Verdict.no(f"date: expected {p['date']}, got {sub.one(names['date'])!r}")
    if sub.one(names["time"]) != p["time"]:
        return Verdict.no(f"time: expected {p['time']}, got {sub.one(names['time'])!r}")
    if not _same(sub.one(names["name"]), p["name"]):
        return Verdict.no(f"name: expected {p['name']!r}, got {sub.one(names['name'])!r}")
    if sub.one(names["email"]).strip().casefold() != p["email"].casefold():
        return Verdict.no(f"email: expected {p['email']!r}, got {sub.one(names['email'])!r}")
    if _digits(sub.one(names["phone"])) != _digits(p["phone"]):
        return Verdict.no(f"phone: expected {p['phone']!r}, got {sub.one(names['phone'])!r}")
    if sub.one(names["occasion"]):
        return Verdict.no(f"occasion should stay 'No occasion', got {sub.one(names['occasion'])!r}")
    if sub.one(names["notes"]).strip():
        return Verdict.no(f"special requests should stay empty, got {sub.one(names['notes'])!r}")
    if sub.one(names["news"]):
        return Verdict.no("the marketing box should stay unticked")
    return Verdict.yes("table booked for the asked party, date and time")


async def _tb_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.click('#consent [data-consent="all"]')
    await pw.select_option(f'[data-f="{code("tb-covers")}"]', params["party_size"])
    date_box = pw.locator(f'[data-f="{code("tb-date")}"]')
    day = dt.date.fromisoformat(params["date"])
    await date_box.fill(params["date"] if await date_box.get_attribute("type") == "date" else f"{day:%d/%m/%Y}")
    await pw.click(f'[data-f="{code("tb-find")}"]')
    await pw.click(f'#slots [role=radio][data-t="{params["time"]}"]:not([aria-disabled="true"])')
    for key in ("name", "email", "phone"):
        await pw.fill(f'[data-f="{code("tb-" + key)}"]', params[key])
    await submit_and_wait(pw, f'[data-f="{code("tb-go")}"]')


# --- 4. basket with a promo code applied by fetch, card payment, order placed by fetch with an inline answer ---

_PO_PROMOS = {
    "SPRING15": ("percent", 15, "15% off your order"),
    "WELCOME10": ("percent", 10, "10% off your first order"),
    "TAKE5": ("amount", 5, "£5 off"),
    "FREESHIP": ("ship", 0, "Free delivery"),
    "AUTUMN20": ("percent", 20, "20% off selected lines"),
    "HELLO12": ("percent", 12, "12% off"),
}
_PO_ITEMS = (
    ("Linen tote bag", 1800),
    ("Stoneware mug", 1400),
    ("Beeswax candle", 2200),
    ("Waxed canvas apron", 3900),
    ("Olive wood spoon set", 1650),
    ("Wool throw", 6800),
    ("Ceramic planter", 2600),
)
_PO_KEYS = ("holder", "number", "exp", "cvc", "save", "protect", "promo")
_PO_WORDS = {
    "holder": ("Name on card", "Cardholder name"),
    "number": ("Card number", "Card number"),
    "exp": ("Expiry date (MM / YY)", "Expiration (MM/YY)", "Expires"),
    "cvc": ("CVC", "Security code", "CVV"),
    "save": ("Save this card for faster checkout", "Remember my card"),
    "protect": ("Add delivery protection (£1.49)", "Protect my parcel against loss or damage – £1.49"),
    "promo_toggle": ("Have a promo code?", "Add a discount code", "Gift card or discount code"),
    "promo": ("Discount code", "Enter code", "Promo code"),
    "apply": ("Apply", "Apply", "Redeem"),
    "payment_h": ("Payment", "Pay by card", "Payment details"),
}


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_number(rng: random.Random) -> str:
    body = "4" + "".join(str(rng.randint(0, 9)) for _ in range(14))
    check = next(str(d) for d in range(10) if _luhn_ok(body + str(d)))
    digits = body + check
    return " ".join(digits[i : i + 4] for i in range(0, 16, 4))


def _po_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    return {
        "promo_code": pick(rng, list(_PO_PROMOS)),
        "cardholder_name": f"{first} {last}",
        "card_number": _card_number(rng),
        "expiry": f"{rng.randint(1, 12):02d}/{rng.randint(28, 33)}",
        "cvc": f"{rng.randint(0, 999):03d}",
    }


def _po_layout(visit: Visit) -> dict[str, Any]:
    rng = visit.rng
    ids = _ids(rng, _PO_KEYS)
    items = [
        {"sku": f"SKU-{rng.randint(100000, 999999)}", "name": name, "price": price, "qty": rng.randint(1, 2)}
        for name, price in pick(rng, _PO_ITEMS, rng.randint(2, 3))
    ]
    return {"rng": rng, "ids": ids, "items": items}


def _po_render(visit: Visit) -> Response | str:
    if visit.path:
        return _not_found()
    lay = _po_layout(visit)
    rng, ids, items = lay["rng"], lay["ids"], lay["items"]
    w = {key: pick(rng, words) for key, words in _PO_WORDS.items()}
    style = pick(rng, ("stacked", "floating"))
    shop = pick(rng, _SHOPS)
    rows = "".join(
        f'<li class="card rate" data-sku="{it["sku"]}"><span><strong>{esc(it["name"])}</strong><br>'
        f'<small class="text-muted">Qty {it["qty"]}</small></span>'
        f'<span class="price">£{it["price"] * it["qty"] / 100:.2f}</span>'
        f'<button type="button" class="icon" aria-label="Remove {esc(it["name"])}" data-remove="{it["sku"]}">'
        f"{_TRASH}</button></li>"
        for it in items
    )
    cvc_help = (
        '<button type="button" class="icon" aria-label="What is the security code?" aria-expanded="false" '
        f'id="cvc-help">{_INFO}</button>'
        '<div class="form-text" id="cvc-tip" hidden>The 3 digits on the back of your card.</div>'
    )
    boxes = {
        key: _input(style, ids[key], key, w[key], f"po-{key}", attrs=attrs)
        for key, attrs in (
            ("holder", ' autocomplete="cc-name"'),
            ("number", ' inputmode="numeric" autocomplete="cc-number" maxlength="19"'),
            ("exp", ' inputmode="numeric" autocomplete="cc-exp" maxlength="7"'),
            ("cvc", ' inputmode="numeric" autocomplete="cc-csc" maxlength="4"'),
        )
    }
    payment = (
        f'<h2>{esc(w["payment_h"])}</h2><div class="card">{boxes["holder"]}{boxes["number"]}'
        f'<div class="row2">{boxes["exp"]}<div>{boxes["cvc"]}{cvc_help}</div></div>'
        f"{_check(ids['save'], 'save', w['save'], 'po-save')}"
        f"{_check(ids['protect'], 'protect', w['protect'], 'po-protect')}"
        f'<button type="button" class="btn btn-primary w-100" id="pay" disabled data-f="{code("po-pay")}">Place order'
        '</button><p id="order-status" role="status" aria-live="polite"></p></div>'
    )
    promo_inner = (
        f'<div class="rate"><input class="form-control" id="{ids["promo"]}" placeholder="{esc(w["promo"])}" '
        f'autocomplete="off" data-f="{code("po-promo")}"><button type="button" class="btn btn-outline" id="apply" '
        f'data-f="{code("po-apply")}">{esc(w["apply"])}</button></div><p id="promo-msg" role="status"></p>'
    )
    if rng.random() < 0.5:
        promo = (
            f'<details id="promo-box"><summary data-f="{code("po-toggle")}">{esc(w["promo_toggle"])}</summary>'
            f"{promo_inner}</details>"
        )
    else:
        promo = (
            '<button type="button" class="btn-link" aria-expanded="false" aria-controls="promo-panel" '
            f'id="promo-toggle" data-f="{code("po-toggle")}">{esc(w["promo_toggle"])}</button>'
            f'<div id="promo-panel" hidden>{promo_inner}</div>'
        )
    summary = (
        '<aside class="summary" aria-label="Order summary"><h2>Order summary</h2><dl>'
        '<dt>Subtotal</dt><dd id="sum-sub"></dd><dt>Delivery</dt><dd id="sum-ship"></dd>'
        '<dt class="disc" hidden>Discount <span id="sum-code"></span></dt>'
        '<dd class="disc" id="sum-discount" hidden></dd>'
        '<dt class="prot" hidden>Delivery protection</dt><dd class="prot" hidden>£1.49</dd>'
        '<dt><strong>Total</strong></dt><dd><strong id="sum-total"></strong></dd></dl>'
        f"{promo}</aside>"
    )
    body = (
        f'<header><strong>{esc(shop)}</strong> · <span class="text-muted">Secure checkout</span></header>'
        f'<div class="layout"><main><h1>Your basket</h1><ul id="items" style="list-style:none;padding:0">{rows}</ul>'
        '<p class="text-muted">Delivering to your saved address: 4 Mill Lane, York YO1 7HU.</p>'
        f"{payment}</main>{summary}</div>"
    )
    cfg = {
        "items": items,
        "shipping": 395,
        "protection": 149,
        "ids": ids,
        "pay": pick(rng, ("pay", "place")),
        "promoUrl": visit.url("submit/promo"),
        "orderUrl": visit.url("submit"),
    }
    script = """
    const $ = (id) => document.getElementById(id);
    const money = (p) => '£' + (p / 100).toFixed(2);
    const digits = (s) => s.replace(/\\D/g, '');
    let items = CFG.items.slice(), promo = null, placed = false;
    const holder = $(CFG.ids.holder), num = $(CFG.ids.number), exp = $(CFG.ids.exp), cvc = $(CFG.ids.cvc);
    const pay = $('pay'), status = $('order-status'), pmsg = $('promo-msg');
    const valid = () => items.length && holder.value.trim() && [15, 16].includes(digits(num.value).length)
      && /^\\d{2} \\/ \\d{2}$/.test(exp.value) && /^\\d{3,4}$/.test(cvc.value.trim());
    const refresh = () => {
      const sub = items.reduce((a, it) => a + it.price * it.qty, 0);
      let ship = items.length ? CFG.shipping : 0, discount = 0;
      if (promo && promo.kind === 'percent') discount = Math.round(sub * promo.value / 100);
      if (promo && promo.kind === 'amount') discount = Math.min(sub, promo.value * 100);
      if (promo && promo.kind === 'ship') ship = 0;
      const protect = $(CFG.ids.protect).checked ? CFG.protection : 0;
      $('sum-sub').textContent = money(sub); $('sum-ship').textContent = ship ? money(ship) : 'Free';
      document.querySelectorAll('.disc').forEach((el) => { el.hidden = !promo; });
      $('sum-code').textContent = promo ? '(' + promo.code + ')' : '';
      $('sum-discount').textContent = '−' + money(discount);
      document.querySelectorAll('.prot').forEach((el) => { el.hidden = !protect; });
      const total = sub - discount + ship + protect;
      $('sum-total').textContent = money(total);
      if (!placed) {
        pay.textContent = CFG.pay === 'pay' ? 'Pay ' + money(total) : 'Place order';
        pay.disabled = !valid();
      }
    };
    num.addEventListener('input', () => {
      num.value = digits(num.value).slice(0, 16).replace(/(\\d{4})(?=\\d)/g, '$1 '); refresh(); });
    exp.addEventListener('input', () => {
      const d = digits(exp.value).slice(0, 4);
      exp.value = d.length > 2 ? d.slice(0, 2) + ' / ' + d.slice(2) : d; refresh(); });
    [holder, cvc].forEach((el) => el.addEventListener('input', refresh));
    [CFG.ids.protect, CFG.ids.save].forEach((id) => $(id).addEventListener('change', refresh));
    $('cvc-help').addEventListener('click', (e) => {
      const tip = $('cvc-tip'); tip.hidden = !tip.hidden;
      e.currentTarget.setAttribute('aria-expanded', String(!tip.hidden));
    });
    document.querySelectorAll('[data-remove]').forEach((b) => b.addEventListener('click', () => {
      items = items.filter((it) => it.sku !== b.dataset.remove); b.closest('li').remove(); refresh();
    }));
    const toggle = $('promo-toggle');
    if (toggle) toggle.addEventListener('click', () => {
      const panel = $('promo-panel'); panel.hidden = !panel.hidden;
      toggle.setAttribute('aria-expanded', String(!panel.hidden));
    });
    const apply = async () => {
      const value = $(CFG.ids.promo).value.trim();
      if (!value) { pmsg.className = 'text-danger'; pmsg.textContent = 'Enter a code.'; return; }
      pmsg.className = 'text-muted'; pmsg.textContent = 'Checking…';
      const answer = await fetch(CFG.promoUrl, {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({code: value})});
      const data = await answer.json();
      promo = data.ok ? data : null;
      pmsg.className = data.ok ? 'text-success' : 'text-danger'; pmsg.textContent = data.message; refresh();
    };
    $('apply').addEventListener('click', apply);
    $(CFG.ids.promo).addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); apply(); } });
    pay.addEventListener('click', async () => {
      if (!valid() || placed) return;
      pay.disabled = true; status.className = 'text-muted'; status.textContent = 'Processing your payment…';
      const d = digits(exp.value);
      const answer = await fetch(CFG.orderUrl, {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({items: items.map((it) => it.sku), promo: promo ? promo.code : '',
          name: holder.value.trim(), number: digits(num.value), exp: d.slice(0, 2) + '/' + d.slice(2),
          cvc: cvc.value.trim(), save: $(CFG.ids.save).checked, protection: $(CFG.ids.protect).checked})});
      const data = await answer.json();
      status.className = data.ok ? 'text-success' : 'text-danger'; status.textContent = data.message;
      placed = data.ok; pay.disabled = data.ok;
      if (data.ok) pay.textContent = 'Order placed';
    });
    refresh();
    """
    return _shell(f"Basket – {shop}", body, script, cfg)


def _po_order_problem(lay: dict[str, Any], sub: Submission) -> str | None:
    skus = {it["sku"] for it in lay["items"]}
    items = sub.many("items")
    if not items:
        return "Your basket is empty."
    if any(sku not in skus for sku in items):
        return "Some items in your basket are no longer available."
    if sub.one("promo") and sub.one("promo").strip().upper() not in _PO_PROMOS:
        return "The discount code is not valid."
    if not sub.one("name").strip():
        return "Enter the name on the card."
    number = _digits(sub.one("number"))
    if len(number) not in (15, 16) or not _luhn_ok(number):
        return "Your card number is invalid."
    exp = re.fullmatch(r"(\d{2})/(\d{2})", sub.one("exp").replace(" ", ""))
    if not exp or not 1 <= int(exp[1]) <= 12:
        return "Your card's expiry date is invalid."
    if not re.fullmatch(r"\d{3}", sub.one("cvc").strip()):
        return "Your card's security code is invalid."
    return None


def _po_respond(visit: Visit, sub: Submission) -> Response:
    if sub.step == "promo":
        entered = sub.one("code").strip().upper()
        if entered not in _PO_PROMOS:
            return Response.json({"ok": False, "message": f"Sorry, “{sub.one('code').strip()}” isn't a valid code."})
        kind, value, label = _PO_PROMOS[entered]
        return Response.json(
            {"ok": True, "code": entered, "kind": kind, "value": value, "message": f"{entered} applied: {label}."}
        )
    if sub.step != "submit":
        return Response.json({"ok": False, "message": "Unknown request"}, status=404)
    problem = _po_order_problem(_po_layout(visit), sub)
    if problem:
        return Response.json({"ok": False, "message": f"Payment declined. {problem}"})
    number = random.Random(f"{visit.token}:order").randint(100000, 999999)
    return Response.json(
        {"ok": True, "message": f"Thank you! Your order #{number} has been placed. A confirmation email is on its way."}
    )


def _po_judge(visit: Visit, record: Record) -> Verdict:
    lay = _po_layout(visit)
    p = visit.params
    orders = record.steps("submit")
    if not orders:
        return Verdict.no("no order was placed")
    placed = [s for s in orders if _po_order_problem(lay, s) is None]
    if not placed:
        return Verdict.no(f"the shop refused the order: {_po_order_problem(lay, orders[-1])}")
    if len(placed) > 1:
        return Verdict.no(f"the order was placed {len(placed)} times")
    sub = placed[0]
    missing = [it["name"] for it in lay["items"] if it["sku"] not in sub.many("items")]
    if missing:
        return Verdict.no(f"items were removed from the basket: {', '.join(missing)}")
    want = p["promo_code"].upper()
    if sub.one("promo").strip().upper() != want:
        return Verdict.no(f"promo code: expected {want} applied to the order, got {sub.one('promo') or 'none'!r}")
    if not any(s.one("code").strip().upper() == want for s in record.steps("promo")):
        return Verdict.no(f"the promo code {want} was never applied")
    if not _same(sub.one("name"), p["cardholder_name"]):
        return Verdict.no(f"name on card: expected {p['cardholder_name']!r}, got {sub.one('name')!r}")
    # Card details are secrets: compared, never echoed.
    if _digits(sub.one("number")) != _digits(p["card_number"]):
        return Verdict.no("card number: not the one asked for")
    if _digits(sub.one("exp")) != _digits(p["expiry"]):
        return Verdict.no(f"expiry: expected {p['expiry']}, got {sub.one('exp')!r}")
    if sub.one("cvc").strip() != p["cvc"]:
        return Verdict.no("security code: not the one asked for")
    if sub.one("save") == "True":
        return Verdict.no("'save this card' should stay unticked")
    if sub.one("protection") == "True":
        return Verdict.no("delivery protection should not be added")
    return Verdict.yes("order placed with the promo code and the given card")


async def _po_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.click(f'[data-f="{code("po-toggle")}"]')
    await pw.fill(f'[data-f="{code("po-promo")}"]', params["promo_code"])
    await pw.click(f'[data-f="{code("po-apply")}"]')
    await pw.wait_for_selector("#promo-msg.text-success, #promo-msg.text-danger")
    if await pw.locator("#promo-msg.text-danger").count():
        raise RuntimeError(await pw.inner_text("#promo-msg"))
    await pw.fill(f'[data-f="{code("po-holder")}"]', params["cardholder_name"])
    await pw.fill(f'[data-f="{code("po-number")}"]', params["card_number"])
    await pw.fill(f'[data-f="{code("po-exp")}"]', params["expiry"])
    await pw.fill(f'[data-f="{code("po-cvc")}"]', params["cvc"])
    await pw.click(f'[data-f="{code("po-pay")}"]')
    await pw.wait_for_selector("#order-status.text-success, #order-status.text-danger")


# --- 5. hotel booking over three pages: dates and guests, room cards with a rate select, guest details -------

_HT_ROOMS = (
    ("Classic Double", 2, 12900, "18 m² · queen bed · courtyard view"),
    ("Twin Room", 2, 12900, "20 m² · two single beds"),
    ("Superior King", 2, 15900, "24 m² · king bed · rain shower"),
    ("Junior Suite", 3, 21900, "32 m² · king bed and sofa bed · city view"),
    ("Family Room", 4, 18900, "30 m² · double bed and bunk beds"),
    ("Garden Studio", 3, 17400, "28 m² · kitchenette · private terrace"),
)
_HT_HOTELS = ("Hotel Wrenfield", "The Saltmarsh Inn", "Casa Albero", "Hotel Lindenhof", "The Quayside")
_HT_SEARCH = ("check_in", "check_out", "adults", "children", "rooms", "code")
_HT_ROOM = ("room", "rate")
_HT_DETAILS = ("first", "last", "email", "phone", "arrival", "breakfast", "parking", "late", "notes")
_HT_ARRIVAL = (
    ("", "I don't know yet"),
    ("14", "14:00–15:00"),
    ("15", "15:00–16:00"),
    ("16", "16:00–17:00"),
    ("17", "17:00–18:00"),
    ("18", "18:00–20:00"),
    ("20", "After 20:00"),
)
_HT_WORDS = {
    "check_in": ("Check-in", "Arrival", "Check-in date"),
    "check_out": ("Check-out", "Departure", "Check-out date"),
    "adults": ("Adults", "Adults (18+)"),
    "children": ("Children", "Children (0–17)"),
    "rooms": ("Rooms", "Number of rooms"),
    "search": ("Check availability", "Search", "Show rooms"),
    "code": ("Have a promo or corporate code?", "Add a special code"),
    "select": ("Select", "Book this room", "Choose"),
    "rate": ("Rate", "Board"),
    "first": ("First name", "Given name"),
    "last": ("Last name", "Surname"),
    "email": ("Email", "Email address"),
    "phone": ("Phone (optional)", "Mobile (optional)"),
    "arrival": ("Estimated arrival time", "When will you arrive?"),
    "extras": ("Enhance your stay", "Add extras", "Optional extras"),
    "notes": ("Special requests", "Requests for the hotel (optional)"),
    "go": ("Complete booking", "Confirm booking", "Book now"),
}


def _ht_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    adults = rng.randint(1, 4)
    check_in = dt.date(2026, 10, 1) + dt.timedelta(days=rng.randint(0, 240))
    room = pick(rng, [r[0] for r in _HT_ROOMS if r[1] >= adults])
    return {
        "check_in": check_in.isoformat(),
        "check_out": (check_in + dt.timedelta(days=rng.randint(1, 5))).isoformat(),
        "adults": str(adults),
        "room_type": room,
        "first_name": first,
        "last_name": last,
        "email": email_for(rng, first, last),
    }


def _ht_layout(visit: Visit) -> dict[str, Any]:
    rng = visit.rng
    keys = [*_HT_SEARCH, *_HT_ROOM, *_HT_DETAILS]
    names, ids = _names(rng, keys), _ids(rng, keys)
    codes = _unique(lambda: f"RT{rng.randint(100, 999)}", [r[0] for r in _HT_ROOMS])
    rates = {"room_only": f"RO{rng.randint(10, 99)}", "bb": f"BB{rng.randint(10, 99)}"}
    rooms = list(_HT_ROOMS)
    rng.shuffle(rooms)
    return {"rng": rng, "names": names, "ids": ids, "codes": codes, "rates": rates, "rooms": rooms}


def _ht_search_problem(lay: dict[str, Any], sub: Submission) -> str | None:
    names = lay["names"]
    try:
        check_in = dt.date.fromisoformat(sub.one(names["check_in"]).strip())
        check_out = dt.date.fromisoformat(sub.one(names["check_out"]).strip())
    except ValueError:
        return "Please choose your check-in and check-out dates."
    if check_out <= check_in:
        return "Check-out must be after check-in."
    if (check_out - check_in).days > 30:
        return "Stays are limited to 30 nights online."
    if sub.one(names["adults"]) not in {str(n) for n in range(1, 7)}:
        return "Please choose the number of adults."
    if sub.one(names["children"]) not in {str(n) for n in range(5)} or sub.one(names["rooms"]) not in {"1", "2", "3"}:
        return "Please check the number of guests and rooms."
    return None


def _ht_room_problem(lay: dict[str, Any], sub: Submission, search: Submission | None) -> str | None:
    if search is None:
        return "Your search has expired. Please search again."
    names = lay["names"]
    by_code = {c: name for name, c in lay["codes"].items()}
    room = by_code.get(sub.one(names["room"]))
    if room is None:
        return "Please choose a room."
    guests = int(search.one(names["adults"])) + int(search.one(names["children"]))
    if next(r[1] for r in _HT_ROOMS if r[0] == room) < guests:
        return f"The {room} does not sleep {guests} guests."
    if sub.one(names["rate"]) not in lay["rates"].values():
        return "Please choose a rate."
    return None


def _ht_details_problem(lay: dict[str, Any], sub: Submission) -> str | None:
    names = lay["names"]
    if not sub.one(names["first"]).strip() or not sub.one(names["last"]).strip():
        return "Please enter the guest's first and last name."
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", sub.one(names["email"]).strip()):
        return "Please enter a valid email address."
    return None


def _ht_state(lay: dict[str, Any], record: Record) -> list[tuple[Submission, Submission, Submission]]:
    """Every booking the server accepted: (search, room, details), as its session saw them."""
    search = room = None
    bookings = []
    for sub in record.submissions:
        if sub.step == "search" and _ht_search_problem(lay, sub) is None:
            search, room = sub, None
        elif sub.step == "room" and _ht_room_problem(lay, sub, search) is None:
            room = sub
        elif sub.step == "submit" and search is not None and room is not None and _ht_details_problem(lay, sub) is None:
            bookings.append((search, room, sub))
    return bookings


def _ht_nights(lay: dict[str, Any], search: Submission) -> tuple[dt.date, dt.date, int]:
    names = lay["names"]
    check_in = dt.date.fromisoformat(search.one(names["check_in"]).strip())
    check_out = dt.date.fromisoformat(search.one(names["check_out"]).strip())
    return check_in, check_out, (check_out - check_in).days


def _ht_render(visit: Visit) -> Response | str:
    lay = _ht_layout(visit)
    rng, names, ids = lay["rng"], lay["names"], lay["ids"]
    w = {key: pick(rng, words) for key, words in _HT_WORDS.items()}
    hotel = pick(rng, _HT_HOTELS)
    style = pick(rng, ("floating", "stacked", "placeholder"))
    header = f'<header><h1>{esc(hotel)}</h1><p class="text-muted">Book direct for our best rate</p></header>'
    if visit.path == "":
        return _ht_search_page(visit, lay, w, header, hotel)
    search: Submission | None = visit.state.get("search")
    if search is None:
        return Response(
            _shell(
                hotel, f'{header}<p>Your session has expired.</p><p><a href="{visit.url()}">Start a new search</a></p>'
            )
        )
    check_in, check_out, nights = _ht_nights(lay, search)
    adults, children = search.one(names["adults"]), search.one(names["children"])
    guests = int(adults) + int(children)
    stay = (
        f"{check_in:%a} {check_in.day} {check_in:%b %Y} – {check_out:%a} {check_out.day} {check_out:%b %Y} · "
        f"{nights} night{'s' if nights > 1 else ''} · {adults} adult{'s' if adults != '1' else ''}"
        + (f", {children} child{'ren' if children != '1' else ''}" if children != "0" else "")
    )
    if visit.path == "rooms":
        cards = []
        for room, capacity, price, blurb in lay["rooms"]:
            if capacity < guests:
                action = f'<p class="text-muted">Not available for {guests} guests</p>'
            else:
                rate = _options(
                    [
                        (lay["rates"]["room_only"], "Room only"),
                        (lay["rates"]["bb"], "Bed & breakfast (+£18 per guest per night)"),
                    ],
                    lay["rates"]["room_only"],
                )
                ident = f"{ids['rate']}-{lay['codes'][room]}"
                action = (
                    f'<form method="post" action="{visit.url("submit/room")}" class="rate">'
                    f'<input type="hidden" name="{esc(names["room"])}" value="{lay["codes"][room]}">'
                    f'<label for="{ident}" class="visually-hidden">{esc(w["rate"])}</label>'
                    f'<select class="form-select" id="{ident}" name="{esc(names["rate"])}" style="max-width:22rem">'
                    f'{rate}</select><button type="submit" class="btn btn-primary">{esc(w["select"])}</button></form>'
                )
            cards.append(
                f'<article class="card" data-room="{esc(room)}"><h3>{esc(room)}</h3><p>{esc(blurb)} · sleeps up to '
                f"{capacity}</p><p><strong>£{price / 100:.0f}</strong> per night · £{price * nights / 100:.0f} for "
                f"{nights} night{'s' if nights > 1 else ''}</p>{action}</article>"
            )
        body = (
            f'{header}<p class="text-muted">Step 2 of 3 · {esc(stay)} · <a href="{visit.url()}">Change search</a></p>'
            f"<h2>Choose your room</h2>{''.join(cards)}"
        )
        return _shell(f"Rooms – {hotel}", body)
    if visit.path == "details":
        room_sub: Submission | None = visit.state.get("room")
        if room_sub is None:
            return Response.redirect(visit.url("rooms"))
        by_code = {c: name for name, c in lay["codes"].items()}
        room = by_code[room_sub.one(names["room"])]
        board = "Bed & breakfast" if room_sub.one(names["rate"]) == lay["rates"]["bb"] else "Room only"
        return _ht_details_page(visit, lay, w, header, style, f"{stay} · {room} · {board}")
    return _not_found()


def _ht_search_page(visit: Visit, lay: dict[str, Any], w: dict[str, str], header: str, hotel: str) -> str:
    names, ids = lay["names"], lay["ids"]

    def date_box(key: str) -> str:
        return (
            f'<div class="mb-3"><label class="form-label" for="{ids[key]}">{esc(w[key])}</label>'
            f'<input class="form-control" type="date" id="{ids[key]}" name="{esc(names[key])}" required '
            f'data-f="{code("ht-" + key)}"></div>'
        )

    def count(key: str, values: range, default: str, unit: tuple[str, str]) -> str:
        pairs = [(str(n), f"{n} {unit[0] if n == 1 else unit[1]}") for n in values]
        return (
            f'<div class="mb-3"><label class="form-label" for="{ids[key]}">{esc(w[key])}</label>'
            f'<select class="form-select" id="{ids[key]}" name="{esc(names[key])}" data-f="{code("ht-" + key)}">'
            f"{_options(pairs, default)}</select></div>"
        )

    form = (
        f'<form method="post" action="{visit.url("submit/search")}" class="card"><div class="row4">'
        f"{date_box('check_in')}{date_box('check_out')}{count('adults', range(1, 7), '2', ('adult', 'adults'))}"
        f"{count('children', range(5), '0', ('child', 'children'))}</div>"
        f'<div class="row4">{count("rooms", range(1, 4), "1", ("room", "rooms"))}</div>'
        '<div><button type="button" class="btn-link" aria-expanded="false" aria-controls="code-panel" '
        f'id="code-toggle">'
        f'{esc(w["code"])}</button><div id="code-panel" hidden><input class="form-control" name="{esc(names["code"])}" '
        'placeholder="Promo, corporate or IATA code" style="max-width:20rem"></div></div>'
        f'<button type="submit" class="btn btn-dark" data-f="{code("ht-search")}">{esc(w["search"])}</button></form>'
    )
    body = (
        f'{header}<p class="text-muted">Step 1 of 3</p><h2>Plan your stay</h2>{form}'
        "<p>Free cancellation up to 48 hours before arrival on flexible rates.</p>"
    )
    script = """
    const t = document.getElementById('code-toggle');
    t.addEventListener('click', () => {
      const p = document.getElementById('code-panel'); p.hidden = !p.hidden;
      t.setAttribute('aria-expanded', String(!p.hidden));
    });
    """
    return _shell(f"Book your stay – {hotel}", body, script)


def _ht_details_page(visit: Visit, lay: dict[str, Any], w: dict[str, str], header: str, style: str, stay: str) -> str:
    names, ids = lay["names"], lay["ids"]

    def field(key: str, *, kind: str = "text", required: bool = True) -> str:
        return _input(
            style, ids[key], names[key], w[key], f"ht-{key}", kind=kind, attrs=" required" if required else ""
        )

    extras = "".join(
        _check(ids[key], names[key], label, f"ht-{key}")
        for key, label in (
            ("breakfast", "Breakfast (£18 per guest per night)"),
            ("parking", "Parking (£15 per night)"),
            ("late", "Late check-out until 2 pm (£30)"),
        )
    )
    arrival = _select("stacked", ids["arrival"], names["arrival"], w["arrival"], "ht-arrival", _options(_HT_ARRIVAL))
    form = (
        f'<form method="post" action="{visit.url("submit")}"><h2>Guest details</h2>'
        f'<div class="row2">{field("first")}{field("last")}</div>{field("email", kind="email")}'
        f"{field('phone', kind='tel', required=False)}{arrival}"
        f'<div class="card"><button type="button" class="btn-link" aria-expanded="false" aria-controls="extras" '
        f'id="extras-toggle">{esc(w["extras"])} ▾</button><div id="extras" hidden>{extras}</div></div>'
        f'<div class="mb-3"><label class="form-label" for="{ids["notes"]}">{esc(w["notes"])}</label>'
        f'<textarea class="form-control" id="{ids["notes"]}" name="{esc(names["notes"])}" rows="2"></textarea></div>'
        f'<button type="submit" class="btn btn-dark w-100" data-f="{code("ht-go")}">{esc(w["go"])}</button></form>'
    )
    summary = (
        f'<aside class="summary"><h2>Your stay</h2><p>{esc(stay)}</p>'
        '<p class="text-muted">Pay at the hotel.</p></aside>'
    )
    body = f'{header}<p class="text-muted">Step 3 of 3</p><div class="layout"><main>{form}</main>{summary}</div>'
    script = """
    const t = document.getElementById('extras-toggle');
    t.addEventListener('click', () => {
      const p = document.getElementById('extras'); p.hidden = !p.hidden;
      t.setAttribute('aria-expanded', String(!p.hidden));
    });
    """
    return _shell("Guest details", body, script)


def _ht_respond(visit: Visit, sub: Submission) -> Response:
    lay = _ht_layout(visit)
    if sub.step == "search":
        problem = _ht_search_problem(lay, sub)
        if problem:
            return _problem_page("Check availability", [problem], visit.url(), "Back to search")
        visit.state["search"] = sub
        visit.state.pop("room", None)
        return Response.redirect(visit.url("rooms"))
    if sub.step == "room":
        problem = _ht_room_problem(lay, sub, visit.state.get("search"))
        if problem:
            return _problem_page("Choose your room", [problem], visit.url("rooms"), "Back to rooms")
        visit.state["room"] = sub
        return Response.redirect(visit.url("details"))
    if sub.step != "submit":
        return _not_found()
    search, room_sub = visit.state.get("search"), visit.state.get("room")
    if search is None or room_sub is None:
        return _problem_page("Booking", ["Your session has expired. Please search again."], visit.url(), "New search")
    problem = _ht_details_problem(lay, sub)
    if problem:
        return _problem_page("Guest details", [problem], visit.url("details"), "Back to guest details")
    names = lay["names"]
    room = {c: name for name, c in lay["codes"].items()}[room_sub.one(names["room"])]
    check_in, check_out, nights = _ht_nights(lay, search)
    reference = f"HB{random.Random(f'{visit.token}:hotel').randint(100000, 999999)}"
    body = (
        f"<h1>Booking confirmed</h1><p>Thank you, {esc(sub.one(names['first']))}. Your reservation is confirmed.</p>"
        f'<div class="card"><p>Confirmation number: <strong>{reference}</strong></p><p>{esc(room)} · '
        f"{_long_date(check_in)} – {_long_date(check_out)} ({nights} night{'s' if nights > 1 else ''})</p>"
        f"<p>We have emailed the details to {esc(sub.one(names['email']))}.</p></div>"
    )
    return Response(_shell("Booking confirmed", body))


def _ht_judge(visit: Visit, record: Record) -> Verdict:
    lay = _ht_layout(visit)
    names, p = lay["names"], visit.params
    bookings = _ht_state(lay, record)
    if not bookings:
        return Verdict.no("no booking was completed (search, room and guest details)")
    if len(bookings) > 1:
        return Verdict.no(f"the room was booked {len(bookings)} times")
    search, room_sub, details = bookings[0]
    for what, key, want in (
        ("check-in", "check_in", p["check_in"]),
        ("check-out", "check_out", p["check_out"]),
        ("adults", "adults", p["adults"]),
    ):
        if search.one(names[key]).strip() != want:
            return Verdict.no(f"{what}: expected {want}, got {search.one(names[key])!r}")
    for what, key, default in (("children", "children", "0"), ("rooms", "rooms", "1")):
        if search.one(names[key]) != default:
            return Verdict.no(f"{what} should stay {default}, got {search.one(names[key])!r}")
    if search.one(names["code"]).strip():
        return Verdict.no(f"the promo/corporate code should stay empty, got {search.one(names['code'])!r}")
    room = {c: name for name, c in lay["codes"].items()}[room_sub.one(names["room"])]
    if room != p["room_type"]:
        return Verdict.no(f"room type: expected {p['room_type']!r}, got {room!r}")
    if room_sub.one(names["rate"]) != lay["rates"]["room_only"]:
        return Verdict.no("the rate should stay 'Room only' (breakfast was not asked for)")
    for what, key, want in (("first name", "first", p["first_name"]), ("last name", "last", p["last_name"])):
        if not _same(details.one(names[key]), want):
            return Verdict.no(f"{what}: expected {want!r}, got {details.one(names[key])!r}")
    if details.one(names["email"]).strip().casefold() != p["email"].casefold():
        return Verdict.no(f"email: expected {p['email']!r}, got {details.one(names['email'])!r}")
    if details.one(names["arrival"]):
        return Verdict.no(f"arrival time should stay 'I don't know yet', got {details.one(names['arrival'])!r}")
    for what, key in (("phone", "phone"), ("special requests", "notes")):
        if details.one(names[key]).strip():
            return Verdict.no(f"{what} should stay empty, got {details.one(names[key])!r}")
    added = [key for key in ("breakfast", "parking", "late") if details.one(names[key])]
    if added:
        return Verdict.no(f"extras were added that were not asked for: {', '.join(added)}")
    return Verdict.yes("room booked for the asked dates, guests and room type")


async def _ht_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-f="{code("ht-check_in")}"]', params["check_in"])
    await pw.fill(f'[data-f="{code("ht-check_out")}"]', params["check_out"])
    await pw.select_option(f'[data-f="{code("ht-adults")}"]', params["adults"])
    await submit_and_wait(pw, f'[data-f="{code("ht-search")}"]')
    await submit_and_wait(pw, f'article[data-room="{params["room_type"]}"] button[type=submit]')
    await pw.fill(f'[data-f="{code("ht-first")}"]', params["first_name"])
    await pw.fill(f'[data-f="{code("ht-last")}"]', params["last_name"])
    await pw.fill(f'[data-f="{code("ht-email")}"]', params["email"])
    await submit_and_wait(pw, f'[data-f="{code("ht-go")}"]')


TASKS = [
    Task(
        name="shop-checkout-billing",
        pattern="radio_checkbox_text",
        title="Checkout: shipping address, then untick 'billing same as shipping' to reveal and fill billing fields",
        make_params=_co_params,
        render=_co_render,
        judge=_co_judge,
        respond=_co_respond,
        workflow=form_workflow(
            "Check out with a separate billing address",
            "Enter my email and shipping address at checkout, use a different billing address, "
            "then continue to payment",
            [
                "email",
                "first_name",
                "last_name",
                "address",
                "city",
                "postcode",
                "billing_address",
                "billing_city",
                "billing_postcode",
            ],
            descriptions={
                "address": "Street address to ship to",
                "billing_address": "Street address of the card's billing address (not the shipping one)",
            },
        ),
        floor=_co_floor,
    ),
    Task(
        name="shop-product-stepper",
        pattern="custom_widgets",
        title="Product page: colour swatches, size buttons with one sold out, −/+ quantity stepper, add to basket",
        make_params=_pr_params,
        render=_pr_render,
        judge=_pr_judge,
        respond=_pr_respond,
        workflow=form_workflow(
            "Add a jumper to my basket",
            "Pick this colour and size, set the quantity, and add it to the basket",
            ["colour", "size", "quantity"],
            descriptions={"size": "Clothing size, e.g. S, M, L"},
        ),
        floor=_pr_floor,
    ),
    Task(
        name="shop-table-booking",
        pattern="dates",
        title="Restaurant booking: consent dialog, party size, DD/MM/YYYY date, time slots revealed by a search",
        make_params=_tb_params,
        render=_tb_render,
        judge=_tb_judge,
        respond=_tb_respond,
        workflow=form_workflow(
            "Book a restaurant table",
            "Reserve a table for this many people on this date and time, under this name, email and phone",
            ["party_size", "date", "time", "name", "email", "phone"],
            descriptions={"date": "YYYY-MM-DD", "time": "24-hour clock, e.g. 19:30", "party_size": "Number of people"},
            completion="The table was booked",
        ),
        floor=_tb_floor,
    ),
    Task(
        name="shop-promo-order",
        pattern="disabled_submit",
        title="Basket: promo code applied by fetch, card fields enable 'Place order', order placed by fetch inline",
        make_params=_po_params,
        render=_po_render,
        judge=_po_judge,
        respond=_po_respond,
        workflow=form_workflow(
            "Place my order with a promo code",
            "Apply the promo code to my basket and pay for the order with this card",
            ["promo_code", "cardholder_name", "card_number", "expiry", "cvc"],
            secret=("card_number", "cvc"),
            descriptions={"expiry": "MM/YY"},
            completion="The order was placed",
        ),
        floor=_po_floor,
    ),
    Task(
        name="shop-hotel-booking",
        pattern="wizard",
        title="Hotel booking in three pages: dates and adults, a room card with a rate select, guest details",
        make_params=_ht_params,
        render=_ht_render,
        judge=_ht_judge,
        respond=_ht_respond,
        workflow=form_workflow(
            "Book a hotel room",
            "Book this room type for these dates and number of adults, for the guest with this name and email",
            ["check_in", "check_out", "adults", "room_type", "first_name", "last_name", "email"],
            descriptions={"check_in": "YYYY-MM-DD", "check_out": "YYYY-MM-DD"},
        ),
        floor=_ht_floor,
    ),
]
