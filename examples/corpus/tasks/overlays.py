"""Pattern 10, overlays: a cookie banner or a promotional modal covers the form, on some visits only."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Task, Verdict, Visit, esc, expect_fields, page, pick, received_page
from examples.corpus.tasks._data_interaction import FIRST, LAST, beacon_script, open_block, parameters, person

# --- a callback request under a cookie-consent wall (about half of the visits) -------------------------------

_SLOTS = ("Morning (9-12)", "Afternoon (12-17)", "Evening (17-20)", "Any time")


def _callback_params(rng: random.Random) -> dict[str, str]:
    return {
        "name": f"{pick(rng, FIRST)} {pick(rng, LAST)}",
        "phone": f"0{rng.randint(20, 79)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        "best_time": pick(rng, _SLOTS),
    }


def _consent_banner(visit: Visit, every: random.Random) -> str:
    """A consent wall: a backdrop over the whole page and a panel whose buttons must be used to go on."""
    buttons = ["Accept all", "Reject all", "Manage preferences"]
    every.shuffle(buttons)
    controls = "".join(f'<button type="button" class="consent" data-choice="{esc(b)}">{esc(b)}</button>'
                       for b in buttons)
    position = pick(every, ("bottom:0;left:0;right:0", "top:20%;left:15%;right:15%"))
    return (
        '<div id="cc-wall" style="position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:1000"></div>'
        f'<div id="cc" role="dialog" aria-label="Cookie consent" style="position:fixed;{position};z-index:1001;'
        'background:#fff;padding:1.2rem;border-top:3px solid #333">'
        "<strong>We value your privacy</strong><p>We use cookies to improve your experience and for analytics. "
        f"You can change your choice at any time.</p>{controls}</div>"
    )


def _callback_render(visit: Visit) -> str:
    seeded, every = visit.rng, visit.visit_rng
    ids = [f"q{seeded.getrandbits(20):05x}" for _ in range(3)]
    options = "".join(f'<option value="{i}">{esc(s)}</option>' for i, s in enumerate(_SLOTS, start=1))
    rows = [
        f'<div class="row"><label for="{ids[0]}">{pick(seeded, ("Your name", "Name", "Full name"))}</label>'
        f'<input id="{ids[0]}" name="contact_name" data-k="name"></div>',
        f'<div class="row"><label for="{ids[1]}">{pick(seeded, ("Phone number", "Telephone", "Call me on"))}</label>'
        f'<input id="{ids[1]}" name="tel" type="tel" data-k="phone"></div>',
        f'<div class="row"><label for="{ids[2]}">{pick(seeded, ("Best time to call", "When should we call?"))}'
        f'</label><select id="{ids[2]}" name="slot" data-k="slot"><option value="">Choose…</option>{options}'
        "</select></div>",
    ]
    banner = _consent_banner(visit, every) if every.random() < 0.5 else ""
    body = (
        f"<h1>{pick(seeded, ('Request a call back', 'Talk to an advisor', 'We will call you'))}</h1>"
        "<p class=muted>Leave your number and an advisor calls you within one working day.</p>"
        f'<form method="post" action="{visit.url("submit")}" id="cb">{"".join(rows)}'
        f'<button type="submit">{pick(seeded, ("Call me back", "Request call", "Send"))}</button></form>{banner}'
    )
    script = beacon_script(visit) + (
        "document.querySelectorAll('.consent').forEach(b => b.addEventListener('click', () => {\n"
        "  send('consent', {choice: b.dataset.choice});\n"
        "  document.getElementById('cc').remove(); document.getElementById('cc-wall').remove();\n"
        "}));\n"
    )
    return page("Call back", body, script=script)


def _callback_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    slot = sub.one("slot")
    chosen = _SLOTS[int(slot) - 1] if slot.isdigit() and 1 <= int(slot) <= len(_SLOTS) else slot
    if chosen != visit.params["best_time"]:
        return Verdict.no(f"best time: expected {visit.params['best_time']!r}, got {chosen!r}")
    return expect_fields(sub, {"contact_name": visit.params["name"], "tel": visit.params["phone"]})


async def _callback_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    if await pw.locator("#cc").count():
        await pw.click('#cc [data-choice="Reject all"]')
    await pw.fill("#cb [data-k=name]", params["name"])
    await pw.fill("#cb [data-k=phone]", params["phone"])
    await pw.select_option("#cb [data-k=slot]", label=params["best_time"])
    await pw.click("#cb button[type=submit]")
    await pw.wait_for_load_state()


CALLBACK_WORKFLOW = {
    "title": "Request a call back",
    "parameters": parameters("name", "phone", "best_time"),
    "blocks": [
        open_block(),
        {
            "label": "request_call",
            "type": "navigation",
            "goal": "Ask for a call back with my name, phone number and the best time to call",
            "payload": {"name": "{{ name }}", "phone": "{{ phone }}", "best_time": "{{ best_time }}"},
        },
    ],
}

# --- a table reservation; on some visits a newsletter modal opens a moment after load --------------------------


def _reserve_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"name": f"{first} {last}", "email": email, "guests": str(rng.randint(2, 9))}


def _reserve_render(visit: Visit) -> str:
    seeded, every = visit.rng, visit.visit_rng
    shows = every.random() < 0.5
    delay = every.randint(150, 900)
    ids = [f"t{seeded.getrandbits(20):05x}" for _ in range(3)]
    rows = [
        f'<div class="row"><label for="{ids[0]}">{pick(seeded, ("Name", "Reservation name"))}</label>'
        f'<input id="{ids[0]}" name="guest_name" data-k="name"></div>',
        f'<div class="row"><label for="{ids[1]}">{pick(seeded, ("Email", "Email for the confirmation"))}</label>'
        f'<input id="{ids[1]}" name="contact" type="email" data-k="email"></div>',
        f'<div class="row"><label for="{ids[2]}">{pick(seeded, ("Number of guests", "Party size", "Guests"))}'
        f'</label><input id="{ids[2]}" name="party" type="number" min="1" max="12" data-k="guests"></div>',
    ]
    if seeded.random() < 0.5:
        rows[1], rows[2] = rows[2], rows[1]
    modal = (
        '<dialog id="promo" aria-labelledby="promo-title" style="max-width:26rem">'
        '<form method="dialog" id="promo-form">'
        '<button value="close" aria-label="Close" style="float:right">×</button>'
        f'<h2 id="promo-title">{pick(seeded, ("Get 10% off your next visit", "Join our newsletter"))}</h2>'
        "<p>Subscribe and be the first to hear about tasting menus and events.</p>"
        '<label for="promo-email">Email</label><input id="promo-email" type="email">'
        '<button type="button" id="promo-sub">Subscribe</button>'
        '<button value="no">No thanks</button></form></dialog>'
    )
    body = (
        f"<h1>{pick(seeded, ('Book a table', 'Reserve your table', 'Reservations'))}</h1>"
        f'<form method="post" action="{visit.url("submit")}" id="reserve">{"".join(rows)}'
        f'<button type="submit">{pick(seeded, ("Reserve", "Book now", "Confirm reservation"))}</button></form>{modal}'
    )
    script = beacon_script(visit) + (
        "const promo = document.getElementById('promo');\n"
        "document.getElementById('promo-sub').addEventListener('click', async () => {\n"
        "  await send('newsletter', {email: document.getElementById('promo-email').value});\n"
        "  promo.close();\n"
        "});\n"
        # The page records whether the promotion has had its turn, so a solution can wait for it.
        f"if ({'true' if shows else 'false'}) setTimeout(() => {{ promo.showModal(); "
        f"document.body.dataset.promo = 'shown'; }}, {delay});\n"
        "else document.body.dataset.promo = 'none';\n"
    )
    return page("Reservations", body, script=script)


def _reserve_judge(visit: Visit, record: Record) -> Verdict:
    if record.steps("newsletter"):
        return Verdict.no("subscribed to the newsletter in the popup; the task did not ask for it")
    return expect_fields(record.last(), {"guest_name": visit.params["name"], "contact": visit.params["email"],
                                         "party": visit.params["guests"]})


async def _reserve_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.wait_for_function("document.body.dataset.promo")
    if await pw.locator("#promo[open]").count():
        await pw.click('#promo button[value="no"]')
    await pw.fill("#reserve [data-k=name]", params["name"])
    await pw.fill("#reserve [data-k=email]", params["email"])
    await pw.fill("#reserve [data-k=guests]", params["guests"])
    await pw.click("#reserve button[type=submit]")
    await pw.wait_for_load_state()


RESERVE_WORKFLOW = {
    "title": "Book a table",
    "parameters": parameters("name", "email", "guests"),
    "blocks": [
        open_block(),
        {
            "label": "book_table",
            "type": "navigation",
            "goal": "Book a table for the number of guests under my name and email",
            "payload": {"name": "{{ name }}", "email": "{{ email }}", "guests": "{{ guests }}"},
        },
    ],
}

# --- a demo request; on some visits an offer covers the page as soon as the first field has been filled in -----

_SIZES = ("Just me", "2-10 people", "11-50 people", "51-200 people", "More than 200")


def _demo_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"work_email": email, "company": f"{last} {pick(rng, ('Labs', 'GmbH', 'Logistics', 'Studio'))}",
            "team_size": pick(rng, _SIZES)}


def _demo_render(visit: Visit) -> str:
    seeded, every = visit.rng, visit.visit_rng
    interrupts = every.random() < 0.5
    ids = [f"d{seeded.getrandbits(20):05x}" for _ in range(3)]
    options = "".join(f'<option value="s{i}">{esc(t)}</option>' for i, t in enumerate(_SIZES))
    body = (
        f"<h1>{pick(seeded, ('Try it with your team', 'Request a trial', 'Start your free trial'))}</h1>"
        f'<form method="post" action="{visit.url("submit")}" id="trial">'
        f'<div class="row"><label for="{ids[0]}">{pick(seeded, ("Work email", "Business email"))}</label>'
        f'<input id="{ids[0]}" name="em" type="email" data-k="email"></div>'
        f'<div class="row"><label for="{ids[1]}">{pick(seeded, ("Company", "Company name", "Organisation"))}</label>'
        f'<input id="{ids[1]}" name="org" data-k="company"></div>'
        f'<div class="row"><label for="{ids[2]}">{pick(seeded, ("Team size", "How many people?"))}</label>'
        f'<select id="{ids[2]}" name="sz" data-k="size"><option value="">—</option>{options}</select></div>'
        f'<button type="submit">{pick(seeded, ("Start trial", "Get started", "Request access"))}</button></form>'
        '<div id="offer" hidden style="position:fixed;inset:0;background:rgba(20,20,40,.6);z-index:50">'
        '<div role="dialog" aria-modal="true" aria-labelledby="offer-t" style="background:#fff;max-width:24rem;'
        'margin:12vh auto;padding:1.5rem"><h2 id="offer-t">Want a guided tour?</h2>'
        "<p>Book a free 20-minute demo with one of our product specialists.</p>"
        '<button type="button" id="offer-yes">Book a demo</button>'
        '<button type="button" id="offer-no">Maybe later</button></div></div>'
    )
    script = beacon_script(visit) + (
        "const offer = document.getElementById('offer');\n"
        "let offered = false;\n"
        f"const INTERRUPT = {'true' if interrupts else 'false'};\n"
        # Shown once, when the first field is left after being filled in (a common "engagement" trigger).
        "document.querySelector('#trial input').addEventListener('change', () => {\n"
        "  if (INTERRUPT && !offered) { offered = true; offer.hidden = false; }\n"
        "});\n"
        "document.getElementById('offer-no').onclick = () => { offer.hidden = true; };\n"
        "document.getElementById('offer-yes').onclick = async () => {\n"
        "  await send('demo', {wants_demo: 'yes'}); offer.hidden = true;\n"
        "};\n"
    )
    return page("Trial", body, script=script)


def _demo_judge(visit: Visit, record: Record) -> Verdict:
    if record.steps("demo"):
        return Verdict.no("booked a demo from the popup; the task did not ask for it")
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    size = sub.one("sz")
    chosen = _SIZES[int(size[1:])] if size[1:].isdigit() and int(size[1:]) < len(_SIZES) else size
    if chosen != visit.params["team_size"]:
        return Verdict.no(f"team size: expected {visit.params['team_size']!r}, got {chosen!r}")
    return expect_fields(sub, {"em": visit.params["work_email"], "org": visit.params["company"]})


async def _demo_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill("#trial [data-k=email]", params["work_email"])
    await pw.fill("#trial [data-k=company]", params["company"])
    await pw.select_option("#trial [data-k=size]", label=params["team_size"])
    if await pw.locator("#offer").is_visible():
        await pw.click("#offer-no")
    await pw.click("#trial button[type=submit]")
    await pw.wait_for_load_state()


DEMO_WORKFLOW = {
    "title": "Start a free trial",
    "parameters": parameters("work_email", "company", "team_size"),
    "blocks": [
        open_block(),
        {
            "label": "start_trial",
            "type": "navigation",
            "goal": "Request a free trial for my company with my work email and our team size",
            "payload": {"work_email": "{{ work_email }}", "company": "{{ company }}", "team_size": "{{ team_size }}"},
        },
    ],
}

TASKS = [
    Task(
        name="callback-cookie-wall",
        pattern="overlays",
        title="Call-back request under a cookie-consent wall shown on about half of the visits",
        make_params=_callback_params,
        render=_callback_render,
        judge=_callback_judge,
        respond=lambda visit, sub: received_page("Thanks, an advisor will call you."),
        workflow=CALLBACK_WORKFLOW,
        floor=_callback_floor,
    ),
    Task(
        name="reservation-promo-modal",
        pattern="overlays",
        title="Table reservation where a newsletter modal opens shortly after load on some visits",
        make_params=_reserve_params,
        render=_reserve_render,
        judge=_reserve_judge,
        workflow=RESERVE_WORKFLOW,
        floor=_reserve_floor,
    ),
    Task(
        name="trial-offer-interrupt",
        pattern="overlays",
        title="Trial request where, on some visits, a demo offer covers the page once the first field is filled",
        make_params=_demo_params,
        render=_demo_render,
        judge=_demo_judge,
        workflow=DEMO_WORKFLOW,
        floor=_demo_floor,
    ),
]
