"""Pattern 11, wizard: several steps behind Next/Back buttons, all on one URL."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, expect_fields, page, pick
from examples.corpus.tasks._data_interaction import (
    CITIES,
    STREETS,
    beacon_script,
    js,
    open_block,
    parameters,
    person,
)

# --- account opening: one form whose sections are shown one at a time; Next checks the visible section -------

_PLANS = ("Starter", "Team", "Business")


def _account_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {
        "first_name": first,
        "last_name": last,
        "email": email,
        "street": f"{rng.randint(1, 300)} {pick(rng, STREETS)} Road",
        "city": pick(rng, CITIES),
        "plan": pick(rng, _PLANS),
    }


def _account_render(visit: Visit) -> str:
    rng = visit.rng
    fid = lambda: f"w{rng.getrandbits(24):06x}"  # noqa: E731 - generated ids, as wizard builders make them

    def text(label: str, name: str, key: str, kind: str = "text") -> str:
        i = fid()
        return (f'<div class="row"><label for="{i}">{esc(label)}</label>'
                f'<input id="{i}" name="{name}" type="{kind}" data-k="{key}" required></div>')

    plan_codes = {p: f"pl_{rng.randint(100, 999)}" for p in _PLANS}
    plans = "".join(
        f'<label style="display:block"><input type="radio" name="tier" value="{plan_codes[p]}" data-k="plan-{p}"'
        f' required> {p} <span class="muted">({price})</span></label>'
        for p, price in zip(_PLANS, ("free", "€8 per user", "€19 per user"), strict=True)
    )
    names = pick(rng, (("given", "family"), ("fname", "lname")))
    about = [text(pick(rng, ("First name", "Given name")), names[0], "first"),
             text(pick(rng, ("Last name", "Surname")), names[1], "last")]
    if rng.random() < 0.5:
        about.reverse()
    about.append(text(pick(rng, ("Email", "Work email")), "mail", "email", "email"))
    steps = [
        (pick(rng, ("About you", "Your details")), "".join(about)),
        ("Address", text("Street", "addr1", "street") + text(pick(rng, ("City", "Town")), "town", "city")),
        (pick(rng, ("Choose a plan", "Plan")), f"<fieldset><legend>Plan</legend>{plans}</fieldset>"),
    ]
    if rng.random() < 0.5:
        steps[0], steps[1] = steps[1], steps[0]  # some sign-ups ask for the address first
    sections = "".join(
        f'<section class="step" data-step="{n}"{"" if n == 0 else " hidden"}><h2>Step {n + 1} of {len(steps) + 1}:'
        f" {esc(title)}</h2>{inner}</section>"
        for n, (title, inner) in enumerate(steps)
    )
    review = (f'<section class="step" data-step="{len(steps)}" hidden><h2>Step {len(steps) + 1} of {len(steps) + 1}:'
              ' Review</h2><p>Check your details, then create the account.</p><dl id="summary"></dl></section>')
    nav = ('<p class="error" id="err" role="alert"></p>'
           '<button type="button" id="back" hidden>Back</button>'
           f'<button type="button" id="next">{pick(rng, ("Next", "Continue", "Next step"))}</button>'
           f'<button type="submit" id="finish" hidden>{pick(rng, ("Create account", "Finish", "Open account"))}'
           "</button>")
    body = (f"<h1>{pick(rng, ('Open your account', 'Sign up for a workspace'))}</h1>"
            f'<form method="post" action="{visit.url("submit")}" id="wiz" novalidate>{sections}{review}{nav}</form>')
    script = (
        "const steps = [...document.querySelectorAll('.step')];\n"
        "let at = 0;\n"
        "const $ = id => document.getElementById(id);\n"
        "function show() {\n"
        "  steps.forEach((s, i) => s.hidden = i !== at);\n"
        "  $('back').hidden = at === 0; $('next').hidden = at === steps.length - 1;\n"
        "  $('finish').hidden = at !== steps.length - 1; $('err').textContent = '';\n"
        "  if (at === steps.length - 1) {\n"
        "    $('summary').innerHTML = '';\n"
        "    document.querySelectorAll('#wiz input').forEach(inp => {\n"
        "      if (inp.type === 'radio' && !inp.checked) return;\n"
        "      const dt = document.createElement('dt');\n"
        "      dt.textContent = inp.labels[0]?.textContent.trim() || inp.name;\n"
        "      const dd = document.createElement('dd'); dd.textContent = inp.type === 'radio' ?"
        " inp.parentElement.textContent.trim() : inp.value;\n"
        "      $('summary').append(dt, dd);\n"
        "    });\n"
        "  }\n"
        "}\n"
        "$('next').addEventListener('click', () => {\n"
        "  const bad = [...steps[at].querySelectorAll('input')].find(i => !i.checkValidity());\n"
        "  if (bad) { $('err').textContent = 'Please complete this step: ' +"
        " (bad.labels[0]?.textContent.trim() || 'a choice is required'); return; }\n"
        "  at += 1; show();\n"
        "});\n"
        "$('back').addEventListener('click', () => { at -= 1; show(); });\n"
    )
    visit.state["plan_codes"] = {v: k for k, v in plan_codes.items()}
    visit.state["name_fields"] = names
    return page("Sign up", body, script=script)


def _account_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    first, last = visit.state.get("name_fields", ("given", "family"))
    plan = visit.state.get("plan_codes", {}).get(sub.one("tier"), sub.one("tier"))
    fields = {**sub.fields, "plan": [plan]}
    return expect_fields(Submission(sub.step, fields), {
        first: visit.params["first_name"], last: visit.params["last_name"], "mail": visit.params["email"],
        "addr1": visit.params["street"], "town": visit.params["city"], "plan": visit.params["plan"],
    })


async def _account_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    values = {"first": params["first_name"], "last": params["last_name"], "email": params["email"],
              "street": params["street"], "city": params["city"]}
    for _ in range(3):
        step = pw.locator(".step:not([hidden])")
        for key, value in values.items():
            field = step.locator(f"[data-k={key}]")
            if await field.count():
                await field.fill(value)
        plan = step.locator(f'[data-k="plan-{params["plan"]}"]')
        if await plan.count():
            await plan.check()
        await pw.click("#next")
    await pw.click("#finish")
    await pw.wait_for_load_state()


ACCOUNT_WORKFLOW = {
    "title": "Open an account through the sign-up wizard",
    "parameters": parameters("first_name", "last_name", "email", "street", "city", "plan"),
    "blocks": [
        open_block(),
        {
            "label": "sign_up_wizard",
            "type": "navigation",
            "goal": "Go through the sign-up steps with my details, choose the {{ plan }} plan and create the account",
            "payload": {"first_name": "{{ first_name }}", "last_name": "{{ last_name }}", "email": "{{ email }}",
                        "street": "{{ street }}", "city": "{{ city }}", "plan": "{{ plan }}"},
        },
    ],
}

# --- a room booking: each step is drawn by script from the booking state; confirm posts JSON ----------------

_ROOMS = ("Single room", "Double room", "Twin room", "Junior suite")


def _booking_params(rng: random.Random) -> dict[str, str]:
    first, last, _ = person(rng)
    return {
        "check_in": f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "nights": str(rng.randint(1, 6)),
        "room": pick(rng, _ROOMS),
        "guest_name": f"{first} {last}",
        "phone": f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
    }


def _booking_render(visit: Visit) -> str:
    rng = visit.rng
    rooms = [{"code": f"R{rng.randint(10, 99)}{i}", "name": r, "price": 70 + 25 * i + rng.randint(0, 20)}
             for i, r in enumerate(_ROOMS)]
    rng.shuffle(rooms)
    config = {"rooms": rooms, "ids": [f"b{rng.getrandbits(24):06x}" for _ in range(6)],
              "next": pick(rng, ("Next", "Continue")), "confirm": pick(rng, ("Confirm booking", "Book now"))}
    body = (f"<h1>{pick(rng, ('Book your stay', 'Hotel Aurora: reservation'))}</h1>"
            '<ol id="crumbs" class="muted"></ol><div id="step"></div><p class="error" id="err" role="alert"></p>'
            '<div id="nav"></div>')
    script = beacon_script(visit) + f"const CFG = {js(config)};\n" + r"""
const S = {check_in: '', nights: '', room: '', guest_name: '', phone: ''};
const titles = ['Dates', 'Room', 'Guest', 'Confirm'];
let at = 0;
const $ = id => document.getElementById(id);
const I = CFG.ids;
function field(label, id, html) { return `<div class="row"><label for="${id}">${label}</label>${html}</div>`; }
function draw() {
  $('crumbs').innerHTML = titles.map((t, i) => `<li>${i === at ? '<b>' + t + '</b>' : t}</li>`).join('');
  $('err').textContent = '';
  let h = '';
  if (at === 0) {
    const opts = [1,2,3,4,5,6,7].map(n => `<option value="${n}" ${String(n) === S.nights ? 'selected' : ''}>` +
      `${n} night${n > 1 ? 's' : ''}</option>`).join('');
    h = field('Check-in date', I[0], `<input type="date" id="${I[0]}" value="${S.check_in}">`) +
        field('Length of stay', I[1], `<select id="${I[1]}"><option value="">Select</option>${opts}</select>`);
  } else if (at === 1) {
    h = '<fieldset><legend>Room type</legend>' + CFG.rooms.map(r => `<label style="display:block">` +
      `<input type="radio" name="${I[2]}" value="${r.code}" ${S.room === r.code ? 'checked' : ''}> ${r.name}` +
      ` <span class="muted">€${r.price} per night</span></label>`).join('') + '</fieldset>';
  } else if (at === 2) {
    h = field('Guest name', I[3], `<input id="${I[3]}" value="${S.guest_name}">`) +
        field('Mobile number', I[4], `<input id="${I[4]}" type="tel" value="${S.phone}">`);
  } else {
    const room = CFG.rooms.find(r => r.code === S.room);
    h = `<p>${S.nights} night(s) from ${S.check_in}, ${room ? room.name : '?'}, for ${S.guest_name}` +
        ` (${S.phone}).</p>`;
  }
  $('step').innerHTML = `<h2>${titles[at]}</h2>` + h;
  $('nav').innerHTML = (at > 0 ? '<button type="button" id="back">Back</button>' : '') +
    (at < 3 ? `<button type="button" id="next">${CFG.next}</button>`
            : `<button type="button" id="confirm">${CFG.confirm}</button>`);
  if (at > 0) $('back').onclick = () => { keep(); at -= 1; draw(); };
  if (at < 3) $('next').onclick = () => { keep(); const e = invalid(); if (e) { $('err').textContent = e; }
                                          else { at += 1; draw(); } };
  else $('confirm').onclick = confirmBooking;
}
function keep() {
  if (at === 0) { S.check_in = $(I[0]).value; S.nights = $(I[1]).value; }
  if (at === 1) { const r = document.querySelector(`input[name="${I[2]}"]:checked`); S.room = r ? r.value : ''; }
  if (at === 2) { S.guest_name = $(I[3]).value.trim(); S.phone = $(I[4]).value.trim(); }
}
function invalid() {
  if (at === 0 && (!S.check_in || !S.nights)) return 'Choose a check-in date and the length of your stay.';
  if (at === 1 && !S.room) return 'Choose a room type.';
  if (at === 2 && (!S.guest_name || S.phone.length < 6)) return 'Enter the guest name and a mobile number.';
  return '';
}
async function confirmBooking() {
  $('confirm').disabled = true;
  const answer = await send('booking', S);
  if (answer.status === 200) {
    $('step').innerHTML = `<h2>Thank you</h2><p class="ok" role="status">Booking confirmed. ` +
      `Reference ${answer.body.reference}.</p>`;
    $('nav').innerHTML = '';
  } else { $('err').textContent = (answer.body && answer.body.error) || 'Something went wrong.'; }
}
draw();
"""
    visit.state["rooms"] = {r["code"]: r["name"] for r in rooms}
    return page("Booking", body, script=script)


def _booking_respond(visit: Visit, sub: Submission) -> Response:
    return Response.json({"ok": True, "reference": f"HA-{visit.token[:6].upper()}"})


def _booking_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last("booking")
    if sub is None:
        return Verdict.no("the booking was never confirmed")
    room = visit.state.get("rooms", {}).get(sub.one("room"), sub.one("room"))
    fields = {**sub.fields, "room": [room]}
    return expect_fields(Submission(sub.step, fields), {k: visit.params[k] for k in
                                                        ("check_in", "nights", "room", "guest_name", "phone")})


async def _booking_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill("#step input[type=date]", params["check_in"])
    await pw.select_option("#step select", params["nights"])
    await pw.click("#next")
    await pw.locator("#step label", has_text=params["room"]).locator("input").check()
    await pw.click("#next")
    await pw.fill("#step input:not([type])", params["guest_name"])
    await pw.fill("#step input[type=tel]", params["phone"])
    await pw.click("#next")
    await pw.click("#confirm")
    await pw.wait_for_selector("#step [role=status]")


BOOKING_WORKFLOW = {
    "title": "Book a hotel room",
    "parameters": [
        {"key": "start_url", "required": True},
        {"key": "check_in", "required": True, "description": "YYYY-MM-DD"},
        {"key": "nights", "required": True},
        {"key": "room", "required": True},
        {"key": "guest_name", "required": True},
        {"key": "phone", "required": True},
    ],
    "blocks": [
        open_block(),
        {
            "label": "book_room",
            "type": "navigation",
            "goal": "Book a {{ room }} for {{ nights }} nights from {{ check_in }} for the guest, then confirm",
            "payload": {"check_in": "{{ check_in }}", "nights": "{{ nights }}", "room": "{{ room }}",
                        "guest_name": "{{ guest_name }}", "phone": "{{ phone }}"},
            "completion_criterion": "Booking confirmed",
        },
    ],
}

TASKS = [
    Task(
        name="signup-wizard",
        pattern="wizard",
        title="Sign-up wizard: sections behind Next/Back in one form, a plan by its text, a review step",
        make_params=_account_params,
        render=_account_render,
        judge=_account_judge,
        workflow=ACCOUNT_WORKFLOW,
        floor=_account_floor,
    ),
    Task(
        name="room-booking-wizard",
        pattern="wizard",
        title="Hotel booking wizard drawn by script: date, nights, room by text, guest, confirm by JSON",
        make_params=_booking_params,
        render=_booking_render,
        respond=_booking_respond,
        judge=_booking_judge,
        workflow=BOOKING_WORKFLOW,
        floor=_booking_floor,
    ),
]
