"""Pattern 13, disabled submit: the submit button stays disabled until the form is valid."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Task, Verdict, Visit, esc, expect_fields, page, pick, received_page
from examples.corpus.tasks._data_interaction import open_block, parameters, person

# --- sign-up: enabled once the name is filled, the email looks valid and the terms are accepted -------------


def _signup_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"full_name": f"{first} {last}", "email": email}


def _signup_render(visit: Visit) -> str:
    rng = visit.rng
    name_id, mail_id, terms_id, news_id = (f"i{rng.getrandbits(24):06x}" for _ in range(4))
    name_field = pick(rng, ("name", "fullname", "display_name"))
    mail_field = pick(rng, ("mail", "email_address", "login"))
    terms_value = pick(rng, ("yes", "accepted", "1", "on"))
    name_row = (f'<div class="row"><label for="{name_id}">{pick(rng, ("Full name", "Your name", "Name"))}</label>'
                f'<input id="{name_id}" name="{name_field}" data-k="name" autocomplete="off"></div>')
    mail_row = (f'<div class="row"><label for="{mail_id}">{pick(rng, ("Email", "Work email", "E-mail"))}</label>'
                f'<input id="{mail_id}" name="{mail_field}" data-k="email" type="email"></div>')
    rows = [name_row, mail_row] if rng.random() < 0.7 else [mail_row, name_row]
    news = (f'<div class="row"><input type="checkbox" id="{news_id}" name="newsletter" data-k="news">'
            f'<label for="{news_id}" style="display:inline">Send me product news and offers</label></div>')
    terms = (f'<div class="row"><input type="checkbox" id="{terms_id}" name="tos" value="{terms_value}" data-k="terms">'
             f'<label for="{terms_id}" style="display:inline">I agree to the '
             f'<a href="#" onclick="return false">Terms of Service</a></label></div>')
    checks = [news, terms] if rng.random() < 0.5 else [terms, news]
    button = pick(rng, ("Create account", "Sign up", "Register"))
    body = (
        f"<h1>{pick(rng, ('Create your account', 'Join us', 'Get started'))}</h1>"
        f'<form method="post" action="{visit.url("submit")}" id="signup" novalidate>{"".join(rows)}{"".join(checks)}'
        f'<p class="muted" id="hint">Fill in every field and accept the terms to continue.</p>'
        f'<button type="submit" id="go" disabled>{button}</button></form>'
    )
    script = (
        "const f = document.getElementById('signup'), go = document.getElementById('go');\n"
        "const q = k => f.querySelector(`[data-k=${k}]`);\n"
        "function check() {\n"
        "  const ok = q('name').value.trim().length > 1\n"
        "    && /^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/.test(q('email').value.trim()) && q('terms').checked;\n"
        "  go.disabled = !ok;\n"
        "}\n"
        "f.addEventListener('input', check); f.addEventListener('change', check);\n"
    )
    visit.state["signup_fields"] = {"name": name_field, "email": mail_field}
    return page("Sign up", body, script=script)


def _signup_respond(visit: Visit, sub: object) -> str:
    return received_page("Thanks for signing up. Check your inbox to confirm your address.")


def _signup_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    names = visit.state.get("signup_fields", {})
    if sub is None or not names:
        return Verdict.no("nothing was submitted")
    verdict = expect_fields(sub, {names["name"]: visit.params["full_name"], names["email"]: visit.params["email"]})
    if not verdict.ok:
        return verdict
    if not sub.one("tos"):
        return Verdict.no("the terms were not accepted")
    if sub.one("newsletter"):
        return Verdict.no("the newsletter box was ticked; the task did not ask for it")
    return Verdict.yes()


async def _signup_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill("[data-k=name]", params["full_name"])
    await pw.fill("[data-k=email]", params["email"])
    await pw.check("[data-k=terms]")
    await pw.click("#go")
    await pw.wait_for_load_state()


SIGNUP_WORKFLOW = {
    "title": "Sign up with my name and email",
    "parameters": parameters("full_name", "email"),
    "blocks": [
        open_block(),
        {
            "label": "sign_up",
            "type": "navigation",
            "goal": "Create an account with my name and email, accept the terms of service "
                    "(no marketing emails) and submit",
            "payload": {"full_name": "{{ full_name }}", "email": "{{ email }}"},
        },
    ],
}

# --- feedback: enabled once a rating is chosen and the comment is long enough --------------------------------

_RATINGS = ("Poor", "Fair", "Good", "Very good", "Excellent")
_TOPICS = ("delivery", "checkout", "the mobile app", "customer support", "the packaging", "returns")
_MIN_CHARS = 20


def _feedback_params(rng: random.Random) -> dict[str, str]:
    topic = pick(rng, _TOPICS)
    comment = pick(rng, (
        f"I was happy with {topic}, it took {rng.randint(2, 9)} days.",
        f"Please improve {topic}; order {rng.randint(1000, 9999)} was slow.",
        f"{topic.capitalize()} worked fine but could be clearer.",
    ))
    return {"rating": pick(rng, _RATINGS), "comment": comment}


def _feedback_render(visit: Visit) -> str:
    rng = visit.rng
    group = f"g{rng.getrandbits(16):04x}"
    order = list(enumerate(_RATINGS, start=1))
    if rng.random() < 0.5:
        order.reverse()  # some forms list the best first
    radios = "".join(
        f'<label style="display:inline-block;margin-right:1rem"><input type="radio" name="{group}" value="{score}">'
        f" {esc(text)}</label>"
        for score, text in order
    )
    comment_name = pick(rng, ("body", "remarks", "txt"))
    legend = pick(rng, ("How was your experience?", "Rate your order", "Overall rating"))
    body = (
        f"<h1>{pick(rng, ('Tell us what you think', 'Feedback', 'Rate your experience'))}</h1>"
        f'<form method="post" action="{visit.url("submit")}" id="fb">'
        f'<input type="hidden" name="rating_group" value="{group}">'
        f"<fieldset><legend>{legend}</legend>{radios}</fieldset>"
        f'<label for="cm">{pick(rng, ("Comments", "Your feedback", "Anything else?"))}</label>'
        f'<textarea id="cm" name="{comment_name}" rows="4" cols="50"></textarea>'
        f'<div class="muted"><span id="count">0</span> / {_MIN_CHARS} characters minimum</div>'
        f'<label><input type="checkbox" name="contact_me"> Contact me about my feedback</label>'
        f'<button type="submit" id="send" disabled>{pick(rng, ("Send feedback", "Submit", "Send"))}</button></form>'
    )
    script = (
        "const f = document.getElementById('fb'), send = document.getElementById('send');\n"
        "const cm = document.getElementById('cm'), count = document.getElementById('count');\n"
        "function check() {\n"
        "  count.textContent = cm.value.trim().length;\n"
        "  send.disabled = !(f.querySelector('input[type=radio]:checked')\n"
        f"    && cm.value.trim().length >= {_MIN_CHARS});\n"
        "}\n"
        "f.addEventListener('input', check); f.addEventListener('change', check);\n"
    )
    visit.state["comment_name"] = comment_name
    return page("Feedback", body, script=script)


def _feedback_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    score = sub.one(sub.one("rating_group"))
    got = _RATINGS[int(score) - 1] if score.isdigit() and 1 <= int(score) <= len(_RATINGS) else score
    if got != visit.params["rating"]:
        return Verdict.no(f"rating: expected {visit.params['rating']!r}, got {got!r}")
    verdict = expect_fields(sub, {visit.state.get("comment_name", "comment"): visit.params["comment"]})
    if verdict.ok and sub.one("contact_me"):
        return Verdict.no("'contact me' was ticked; the task did not ask for it")
    return verdict


async def _feedback_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    score = _RATINGS.index(params["rating"]) + 1
    await pw.check(f"#fb input[type=radio][value='{score}']")
    await pw.fill("#cm", params["comment"])
    await pw.click("#send")
    await pw.wait_for_load_state()


FEEDBACK_WORKFLOW = {
    "title": "Leave feedback with a rating",
    "parameters": parameters("rating", "comment"),
    "blocks": [
        open_block(),
        {
            "label": "leave_feedback",
            "type": "navigation",
            "goal": "Rate the experience '{{ rating }}', write the comment and send the feedback",
            "payload": {"rating": "{{ rating }}", "comment": "{{ comment }}"},
        },
    ],
}

# --- change password: enabled once the new password meets every rule and the confirmation matches -------------

_WORDS = ("Harbor", "Maple", "Quartz", "Falcon", "Cedar", "Violet", "Copper", "Meadow", "Summit", "Thistle")


def _password_params(rng: random.Random) -> dict[str, str]:
    def one() -> str:
        return f"{pick(rng, _WORDS)}{pick(rng, ('-', '.', '_', '!'))}{pick(rng, _WORDS).lower()}{rng.randint(10, 99)}"

    current = one()
    new = one()
    while new == current:
        new = one()
    return {"current_password": current, "new_password": new}


def _password_render(visit: Visit) -> str:
    rng = visit.rng
    ids = [f"p{rng.getrandbits(24):06x}" for _ in range(3)]
    names = pick(rng, (("old", "new1", "new2"), ("current", "password", "password_confirmation"),
                       ("pw_now", "pw_new", "pw_repeat")))
    labels = (pick(rng, ("Current password", "Old password")), pick(rng, ("New password", "Choose a new password")),
              pick(rng, ("Confirm new password", "Repeat new password", "Type it again")))
    rows = "".join(f'<div class="row"><label for="{i}">{esc(t)}</label><input id="{i}" name="{n}" type="password"'
                   f' autocomplete="{"current-password" if k == 0 else "new-password"}" data-k="{k}"></div>'
                   for k, (i, n, t) in enumerate(zip(ids, names, labels, strict=True)))
    rules = "".join(f'<li data-rule="{r}">{esc(t)}</li>' for r, t in (
        ("len", "At least 10 characters"), ("digit", "At least one number"), ("upper", "At least one capital letter"),
        ("diff", "Different from your current password"), ("same", "Both new passwords match")))
    body = (
        f"<h1>{pick(rng, ('Change password', 'Update your password', 'Security'))}</h1>"
        f'<form method="post" action="{visit.url("submit")}" id="pw">{rows}'
        f'<ul id="rules" class="muted">{rules}</ul>'
        f'<button type="submit" id="save" disabled>{pick(rng, ("Change password", "Save", "Update password"))}'
        "</button></form>"
    )
    script = (
        "const f = document.getElementById('pw'), save = document.getElementById('save');\n"
        "const v = k => f.querySelector(`[data-k='${k}']`).value;\n"
        "function check() {\n"
        "  const n = v(1), rules = {len: n.length >= 10, digit: /[0-9]/.test(n), upper: /[A-Z]/.test(n),\n"
        "    diff: n !== '' && n !== v(0), same: n !== '' && n === v(2)};\n"
        "  let all = v(0).length > 0;\n"
        "  for (const [r, ok] of Object.entries(rules)) {\n"
        "    const li = f.querySelector(`[data-rule=${r}]`); li.className = ok ? 'ok' : 'muted'; all = all && ok;\n"
        "  }\n"
        "  save.disabled = !all;\n"
        "}\n"
        "f.addEventListener('input', check);\n"
    )
    visit.state["password_names"] = names
    return page("Password", body, script=script)


def _password_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    names = visit.state.get("password_names")
    if sub is None or not names:
        return Verdict.no("nothing was submitted")
    # Never echo a password in the reason: say which field was wrong, not what it held.
    for name, want, what in ((names[0], visit.params["current_password"], "current password"),
                             (names[1], visit.params["new_password"], "new password"),
                             (names[2], visit.params["new_password"], "confirmation")):
        if sub.one(name) != want:
            return Verdict.no(f"the {what} was not the one asked for")
    return Verdict.yes("the password was changed as asked")


async def _password_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await pw.goto(start_url)
    await pw.fill("#pw [data-k='0']", params["current_password"])
    await pw.fill("#pw [data-k='1']", params["new_password"])
    await pw.fill("#pw [data-k='2']", params["new_password"])
    await pw.click("#save")
    await pw.wait_for_load_state()


PASSWORD_WORKFLOW = {
    "title": "Change my password",
    "parameters": parameters("current_password", "new_password", secret=("current_password", "new_password")),
    "blocks": [
        open_block(),
        {
            "label": "change_password",
            "type": "navigation",
            "goal": "Change my password: enter the current one, then the new one twice, and save",
            "payload": {"current_password": "{{ current_password }}", "new_password": "{{ new_password }}"},
        },
    ],
}

TASKS = [
    Task(
        name="signup-terms",
        pattern="disabled_submit",
        title="Sign-up whose button stays disabled until the email is valid and the terms are accepted",
        make_params=_signup_params,
        render=_signup_render,
        respond=_signup_respond,
        judge=_signup_judge,
        workflow=SIGNUP_WORKFLOW,
        floor=_signup_floor,
    ),
    Task(
        name="feedback-rating",
        pattern="disabled_submit",
        title="Feedback form disabled until a rating is picked by its text and the comment is long enough",
        make_params=_feedback_params,
        render=_feedback_render,
        judge=_feedback_judge,
        workflow=FEEDBACK_WORKFLOW,
        floor=_feedback_floor,
    ),
    Task(
        name="change-password-rules",
        pattern="disabled_submit",
        title="Change password: save stays disabled until every password rule holds and the confirmation matches",
        make_params=_password_params,
        render=_password_render,
        respond=lambda visit, sub: received_page("Your password was changed."),
        judge=_password_judge,
        workflow=PASSWORD_WORKFLOW,
        floor=_password_floor,
    ),
]
