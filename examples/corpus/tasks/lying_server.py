"""Lying pages the server never accepts: a taken username, a login that always fails, an error toast, a bad postcode."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_advanced import CITIES, mark, person, sender, workflow
from examples.corpus.tasks._lying_kit import TOAST_STYLE, fill_and_click, toast_js


def _attempts(record: Record, step: str = "submit") -> int:
    return len(record.steps(step))


# --- 9. signup: whatever the username, the server says it is taken -------------------------------------------


def _signup_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"username": f"{first.lower()}{last.lower()[:3]}{rng.randint(10, 99)}", "email": email,
            "password": f"Tr{rng.randint(1000, 9999)}!{pick(rng, ('mango', 'birch', 'cobalt'))}"}


def _signup_form(visit: Visit, error: str = "", username: str = "", email: str = "") -> str:
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    body = (
        f'<h1>Create an account</h1>{err}<form method="post" action="{visit.url("submit")}">'
        f'<label for="u">Username</label><input id="u" name="login" value="{esc(username)}" '
        f'data-q="{mark("username")}">'
        f'<label for="e">Email</label><input id="e" name="mail" type="email" value="{esc(email)}" '
        f'data-q="{mark("email")}"><label for="p">Password</label><input id="p" name="pw" type="password" '
        f'data-q="{mark("password")}"><label for="p2">Confirm password</label><input id="p2" name="pw2" '
        f'type="password" data-q="{mark("password2")}">'
        f'<button type="submit" data-q="{mark("create")}">Create account</button></form>'
    )
    return page("Sign up", body)


def _signup_respond(visit: Visit, sub: Submission) -> Response:
    name = sub.one("login")
    return Response(_signup_form(visit, f"The username “{name}” is already taken. Please choose another one.",
                                 name, sub.one("mail")), status=200)


def _signup_judge(visit: Visit, record: Record) -> Verdict:
    if not _attempts(record):
        return Verdict.no("nothing was submitted")
    last = record.last()
    taken = last.one("login") if last else ""
    return Verdict.no(f"no account was created: the server answered every attempt ({_attempts(record)}) with "
                      f"'username {taken!r} is already taken'")


async def _signup_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {"username": params["username"], "email": params["email"],
                                         "password": params["password"], "password2": params["password"]}, "create")


# --- 10. a login that always fails with a message -------------------------------------------------------------


def _login_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"username": email, "password": f"{pick(rng, ('Winter', 'Harbor', 'Maple'))}-{rng.randint(100, 999)}"}


def _login_form(visit: Visit, error: str = "") -> str:
    rng = visit.rng
    err = f'<div class="error" role="alert">{esc(error)}</div>' if error else ""
    body = (
        f"<h1>{esc(pick(rng, ('Sign in', 'Log in to your account', 'Welcome back')))}</h1>{err}"
        f'<form method="post" action="{visit.url("submit")}">'
        f'<label for="lu">Email</label><input id="lu" name="user" data-q="{mark("user")}" autocomplete="username">'
        f'<label for="lp">Password</label><input id="lp" name="secret" type="password" data-q="{mark("pass")}">'
        f'<button type="submit" data-q="{mark("in")}">Sign in</button></form>'
        '<p><a href="#">Forgot your password?</a></p>'
    )
    return page("Sign in", body)


def _login_render(visit: Visit) -> str:
    return _login_form(visit)


def _login_respond(visit: Visit, sub: Submission) -> str:
    return _login_form(visit, "Invalid email or password.")


def _login_judge(visit: Visit, record: Record) -> Verdict:
    if not _attempts(record):
        return Verdict.no("nothing was submitted")
    return Verdict.no(f"the sign-in was refused ({_attempts(record)} attempt(s), 'Invalid email or password')")


async def _login_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {"user": params["username"], "pass": params["password"]}, "in")


# --- 11. a button that opens an error toast (the booking API answers 503) ----------------------------------

SLOTS = ("09:00", "09:30", "10:00", "11:15", "13:00", "14:45", "16:30")


def _booking_params(rng: random.Random) -> dict[str, str]:
    first, last, _ = person(rng)
    return {"name": f"{first} {last}", "slot": pick(rng, SLOTS)}


def _booking_render(visit: Visit) -> str:
    rng = visit.rng
    slots = "".join(
        f'<label style="display:inline-block;margin-right:1rem"><input type="radio" name="slot" value="{s}">{s}</label>'
        for s in SLOTS
    )
    script = sender(visit) + f"""
document.getElementById('book').addEventListener('click', async () => {{
  const slot = document.querySelector('input[name=slot]:checked');
  const answer = await post('book', {{name: document.getElementById('bn').value, slot: slot ? slot.value : ''}});
  if (answer.status !== 200) {toast_js("bad", "Something went wrong. Please try again later.", 3000)};
}});
"""
    body = (
        f"<h1>Book a table</h1><p>{esc(pick(rng, ('Trattoria Nonna', 'Bistro Lumen', 'Café Aster')))} · "
        "Saturday</p>"
        f'<label for="bn">Name for the reservation</label><input id="bn" data-q="{mark("name")}">'
        f'<fieldset><legend>Time</legend>{slots}</fieldset>'
        f'<button type="button" id="book" data-q="{mark("book")}">Book now</button>'
        '<div id="toast" role="alert" class="toast"></div>'
    )
    return page("Book a table", body, head=TOAST_STYLE, script=script)


def _booking_respond(visit: Visit, sub: Submission) -> Response:
    return Response.json({"error": "booking service unavailable"}, status=503)


def _booking_judge(visit: Visit, record: Record) -> Verdict:
    if not _attempts(record, "book"):
        return Verdict.no("nothing was submitted")
    return Verdict.no(f"no table was booked: the booking service answered 503 to {_attempts(record, 'book')} "
                      "attempt(s); the page only flashed an error toast")


async def _booking_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-q="{mark("name")}"]', params["name"])
    await pw.get_by_role("radio", name=params["slot"], exact=True).check()
    await pw.click(f'[data-q="{mark("book")}"]')
    await pw.get_by_text("Something went wrong").wait_for()


# --- 12. a server-side validation error after submit: the postcode is never good enough --------------------


def _postcode_params(rng: random.Random) -> dict[str, str]:
    return {"street": f"{rng.randint(1, 90)} {pick(rng, ('Mill Lane', 'Station Road', 'Church Street'))}",
            "city": pick(rng, CITIES), "postcode": f"{rng.randint(1000, 9999)} {pick(rng, ('AB', 'KL', 'XR', 'MN'))}"}


def _postcode_form(visit: Visit, values: dict[str, str], error: str = "") -> str:
    def field(key: str, label: str, name: str) -> str:
        bad = error and key == "postcode"
        note = f'<span class="error" id="pc-err">{esc(error)}</span>' if bad else ""
        aria = ' aria-invalid="true" aria-describedby="pc-err"' if bad else ""
        value = esc(values.get(key, ""))
        return (f'<label for="{name}">{label}</label><input id="{name}" name="{name}" value="{value}"'
                f' data-q="{mark(key)}"{aria}>{note}')

    body = (f'<h1>Billing address</h1><form method="post" action="{visit.url("submit")}">'
            f'{field("street", "Street and number", "addr1")}{field("city", "City", "town")}'
            f'{field("postcode", "Postcode", "pc")}'
            f'<button type="submit" data-q="{mark("next")}">Continue</button></form>')
    return page("Billing address", body)


def _postcode_respond(visit: Visit, sub: Submission) -> str:
    values = {"street": sub.one("addr1"), "city": sub.one("town"), "postcode": sub.one("pc")}
    return _postcode_form(visit, values, "Please enter a valid postcode.")


def _postcode_judge(visit: Visit, record: Record) -> Verdict:
    if not _attempts(record):
        return Verdict.no("nothing was submitted")
    last = record.last()
    return Verdict.no(f"the server rejected the postcode {last.one('pc') if last else ''!r} as invalid "
                      f"({_attempts(record)} attempt(s)); the address was not saved")


async def _postcode_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {k: params[k] for k in ("street", "city", "postcode")}, "next")


def _lying(name: str, title: str, **kw: object) -> Task:
    return Task(name=name, pattern="lying", title=title, lying=True, **kw)  # type: ignore[arg-type]


TASKS = [
    _lying("lying-username-taken", "Signup whose server says every username is already taken",
           make_params=_signup_params, render=lambda v: _signup_form(v), respond=_signup_respond,
           judge=_signup_judge, floor=_signup_floor,
           workflow=workflow("Create an account", "Create an account", ["username", "email", "password"],
                             secret=("password",), payload={"username": "{{ username }}", "email": "{{ email }}",
                                                            "password": "{{ password }}",
                                                            "confirm_password": "{{ password }}"})),
    _lying("lying-login-always-fails", "Login that answers 'Invalid email or password' to everything",
           make_params=_login_params, render=_login_render, respond=_login_respond, judge=_login_judge,
           floor=_login_floor,
           workflow={**workflow("Sign in", "Sign in", ["username", "password"], secret=("password",)),
                     "blocks": [{"label": "sign_in", "type": "login", "url": "{{ start_url }}",
                                 "goal": "Sign in with my account",
                                 "payload": {"username": "{{ username }}", "password": "{{ password }}"}}]}),
    _lying("lying-error-toast", "Table booking whose Book button only flashes an error toast (API 503)",
           make_params=_booking_params, render=_booking_render, respond=_booking_respond, judge=_booking_judge,
           floor=_booking_floor,
           workflow=workflow("Book a table", "Book a table at {{ slot }} for {{ name }}", ["name", "slot"])),
    _lying("lying-postcode-rejected", "Billing address the server always rejects with 'Please enter a valid postcode'",
           make_params=_postcode_params, render=lambda v: _postcode_form(v, {}), respond=_postcode_respond,
           judge=_postcode_judge, floor=_postcode_floor,
           workflow=workflow("Enter a billing address", "Enter the billing address and continue",
                             ["street", "city", "postcode"])),
]
