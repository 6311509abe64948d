"""Pattern 3, password + confirm password: a sign-up form and a change-password form with three password fields."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_inputs import code, email_for, form_workflow, opaque, person, submit_and_wait, thanks

_WORDS = ("maple", "harbor", "quartz", "tundra", "violet", "cobalt", "saffron", "glacier", "meadow", "falcon")


def _password(rng: random.Random) -> str:
    return f"{pick(rng, _WORDS).capitalize()}-{rng.randint(100, 999)}-{pick(rng, _WORDS)}!"


# --- 1. sign-up: username, email, password, confirm password ----------------------------------------

_SIGNUP_WORDS = {
    "username": ("Username", "Choose a username", "User name"),
    "email": ("Email", "Email address", "Your e-mail"),
    "password": ("Password", "Choose a password", "Create password"),
    "confirm": ("Confirm password", "Repeat password", "Re-enter password", "Password (again)"),
}


def _signup_params(rng: random.Random) -> dict[str, str]:
    first, last = person(rng)
    return {
        "username": f"{first.lower()[:4]}{last.lower()[:3]}{rng.randint(10, 99)}",
        "email": email_for(rng, first, last),
        "password": _password(rng),
    }


def _signup_names(visit: Visit) -> dict[str, str]:
    rng = visit.rng
    return {key: opaque(rng, "s") for key in _SIGNUP_WORDS}


def _signup_render(visit: Visit) -> str:
    rng = visit.rng
    names = _signup_names(visit)
    rows = []
    for key in _SIGNUP_WORDS:
        field_id = opaque(rng, "i")
        kind = {"email": "email", "password": "password", "confirm": "password"}.get(key, "text")
        rows.append(
            f'<div class="row"><label for="{field_id}">{esc(pick(rng, _SIGNUP_WORDS[key]))}</label>'
            f'<input id="{field_id}" name="{names[key]}" type="{kind}" data-f="{code(key)}" autocomplete="off"></div>'
        )
        if key == "password":
            rows.append('<div class="muted" style="font-size:.85rem">At least 10 characters, one digit.</div>')
    script = f"""
    const form = document.getElementById('signup');
    form.addEventListener('submit', (event) => {{
      const pass = form.elements['{names["password"]}'].value, again = form.elements['{names["confirm"]}'].value;
      const error = document.getElementById('err');
      if (pass.length < 10 || !/[0-9]/.test(pass)) {{
        event.preventDefault(); error.textContent = 'Password is too weak.'; }}
      else if (pass !== again) {{ event.preventDefault(); error.textContent = 'Passwords do not match.'; }}
    }});
    """
    body = (
        f"<h1>{pick(rng, ('Create your account', 'Sign up', 'Join us'))}</h1>"
        f'<form id="signup" method="post" action="{visit.url("submit")}">{"".join(rows)}'
        '<label><input type="checkbox" name="news"> Send me the monthly newsletter</label>'
        '<p id="err" class="error" role="alert"></p>'
        f'<button type="submit" data-f="{code("go")}">{pick(rng, ("Create account", "Sign up", "Register"))}'
        "</button></form>"
    )
    return page("Sign up", body, script=script)


def _signup_judge(visit: Visit, record: Record) -> Verdict:
    names, sub = _signup_names(visit), record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    for key in ("username", "email"):
        if sub.one(names[key]).strip() != visit.params[key]:
            return Verdict.no(f"{key}: expected {visit.params[key]!r}, got {sub.one(names[key])!r}")
    # Secrets are compared, never echoed in the reason.
    if sub.one(names["password"]) != visit.params["password"]:
        return Verdict.no("password: the submitted password is not the one asked for")
    if sub.one(names["confirm"]) != visit.params["password"]:
        return Verdict.no("confirm password: does not repeat the password")
    if sub.one("news"):
        return Verdict.no("the newsletter box should stay unticked")
    return Verdict.yes()


async def _signup_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    for key in ("username", "email", "password"):
        await pw.fill(f'[data-f="{code(key)}"]', params[key])
    await pw.fill(f'[data-f="{code("confirm")}"]', params["password"])
    await submit_and_wait(pw, f'[data-f="{code("go")}"]')


# --- 2. change password: current, new, confirm new; a fetch and an inline answer ------------------------

_CHANGE_WORDS = {
    "current": ("Current password", "Old password", "Your current password"),
    "new": ("New password", "Choose a new password", "New password (min. 10 characters)"),
    "again": ("Confirm new password", "Repeat new password", "Type the new password again"),
}


def _change_params(rng: random.Random) -> dict[str, str]:
    return {"current_password": _password(rng), "new_password": _password(rng)}


def _change_render(visit: Visit) -> str:
    rng = visit.rng
    rows = []
    for key in _CHANGE_WORDS:
        field_id = opaque(rng, "pw")
        rows.append(
            f'<div class="row"><label for="{field_id}">{esc(pick(rng, _CHANGE_WORDS[key]))}</label>'
            f'<input id="{field_id}" type="password" data-role="{key}" data-f="{code(key)}"></div>'
        )
    script = f"""
    const value = (role) => document.querySelector('[data-role="' + role + '"]').value;
    document.getElementById('change').addEventListener('click', async () => {{
      const note = document.getElementById('note');
      note.className = ''; note.textContent = 'Saving…';
      if (value('new') !== value('again')) {{
        note.className = 'error'; note.textContent = 'The new passwords do not match.'; return; }}
      const answer = await fetch('{visit.url("submit")}', {{method: 'POST',
        headers: {{'Content-Type': 'application/json'}},
        body: JSON.stringify({{current: value('current'), next: value('new'), repeat: value('again'),
                              signout: document.getElementById('others').checked}})}});
      const data = await answer.json();
      note.className = data.ok ? 'ok' : 'error'; note.textContent = data.message;
    }});
    """
    body = (
        "<h1>Security</h1><h2>Change password</h2>"
        f'<div class="card">{"".join(rows)}'
        '<label><input type="checkbox" id="others"> Sign out of all other devices</label>'
        f'<button type="button" id="change" data-f="{code("go")}">'
        f'{pick(rng, ("Change password", "Update password", "Save"))}</button>'
        '<p id="note" role="status"></p></div>'
    )
    return page("Security settings", body, script=script)


def _change_respond(visit: Visit, sub: Submission) -> Response:
    # The server checks what a real one can: the current password. It says nothing about the new one.
    if sub.one("current") != visit.params["current_password"]:
        return Response.json({"ok": False, "message": "Your current password is incorrect."})
    return Response.json({"ok": True, "message": "Your password has been changed."})


def _change_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    if sub.one("current") != visit.params["current_password"]:
        return Verdict.no("current password: not the one asked for")
    if sub.one("next") != visit.params["new_password"]:
        return Verdict.no("new password: not the one asked for")
    if sub.one("repeat") != visit.params["new_password"]:
        return Verdict.no("confirm new password: does not repeat the new password")
    if sub.one("signout") == "True":
        return Verdict.no("'sign out of all other devices' should stay unticked")
    return Verdict.yes()


async def _change_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill(f'[data-f="{code("current")}"]', params["current_password"])
    await pw.fill(f'[data-f="{code("new")}"]', params["new_password"])
    await pw.fill(f'[data-f="{code("again")}"]', params["new_password"])
    await pw.click(f'[data-f="{code("go")}"]')
    await pw.wait_for_selector("#note.ok, #note.error")


TASKS = [
    Task(
        name="signup-confirm",
        pattern="password_confirm",
        title="Sign-up form with password and confirm password (client-side match check)",
        make_params=_signup_params,
        render=_signup_render,
        judge=_signup_judge,
        respond=lambda visit, sub: thanks("Welcome aboard! Check your inbox to confirm your address."),
        workflow=form_workflow(
            "Create an account", "Create an account with this username, email and password",
            ["username", "email", "password"], secret=("password",),
        ),
        floor=_signup_floor,
    ),
    Task(
        name="change-password",
        pattern="password_confirm",
        title="Change password: current, new and confirm new password, sent by fetch with an inline answer",
        make_params=_change_params,
        render=_change_render,
        judge=_change_judge,
        respond=_change_respond,
        workflow=form_workflow(
            "Change my password", "Change my password from the current one to the new one",
            ["current_password", "new_password"], secret=("current_password", "new_password"),
        ),
        floor=_change_floor,
    ),
]
