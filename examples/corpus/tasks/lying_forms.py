"""Lying pages whose form never truly delivers: a dead submit, a 'Saved!' toast, an empty post, a false success."""

from __future__ import annotations

import random

from playwright.async_api import Page

from examples.corpus.kit import Record, Response, Submission, Task, Verdict, Visit, esc, page, pick
from examples.corpus.tasks._data_advanced import js, mark, person, sender, workflow
from examples.corpus.tasks._lying_kit import TOAST_STYLE, fields_html, fill_and_click, nothing_sent, toast_js


def _contact_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"name": f"{first} {last}", "email": email,
            "message": pick(rng, ("Is the blue one back in stock?", "Please send me a catalogue.",
                                  f"Question about invoice {rng.randint(100, 999)}."))}


# --- 1. a submit that does nothing: the button's handler throws before sending ---------------------------


def _dead_render(visit: Visit) -> str:
    rng = visit.rng
    rows, _ = fields_html(rng, [("name", "Name", "text"), ("email", "Email", "email"), ("message", "Message", "text")])
    label = pick(rng, ("Send", "Send message", "Submit"))
    # The handler calls a tracking library that never loaded; the error stops it before the request.
    script = """
document.getElementById('go').addEventListener('click', () => {
  const btn = document.getElementById('go');
  btn.textContent = 'Sending…';
  window.analytics.track('contact_submit');
  fetch(location.pathname + 'submit', {method: 'POST'});
});
"""
    body = (f'<h1>Get in touch</h1><form onsubmit="return false">{rows}'
            f'<button type="button" id="go" data-q="{mark("send")}">{esc(label)}</button></form>')
    return page("Contact", body, script=script)


def _dead_judge(visit: Visit, record: Record) -> Verdict:
    return nothing_sent(record, "the Send button's script fails before sending; the button only says 'Sending…'") \
        or Verdict.no("unexpected submission from a dead form")


async def _dead_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {k: params[k] for k in ("name", "email", "message")}, "send")


# --- 2. a 'Saved!' toast with nothing saved -----------------------------------------------------------------


def _prefs_params(rng: random.Random) -> dict[str, str]:
    first, last, _ = person(rng)
    return {"display_name": f"{first} {last[0]}.", "timezone": pick(rng, ("Europe/Lisbon", "Europe/Oslo",
                                                                          "America/Chicago", "Asia/Tokyo"))}


def _prefs_render(visit: Visit) -> str:
    rng = visit.rng
    rows, _ = fields_html(rng, [("display_name", "Display name", "text"), ("timezone", "Time zone", "text")])
    label = pick(rng, ("Save", "Save preferences", "Apply"))
    script = f"""
document.getElementById('save').addEventListener('click', () => {{
  // The settings are kept in memory only; the sync call was removed in a refactor.
  window.prefs = Object.fromEntries([...document.querySelectorAll('input')].map(i => [i.id, i.value]));
  {toast_js("good", "Saved!")};
}});
"""
    body = (f'<h1>Preferences</h1><form onsubmit="return false">{rows}'
            f'<button type="button" id="save" data-q="{mark("save")}">{esc(label)}</button></form>'
            '<div id="toast" role="status" class="toast"></div>')
    return page("Preferences", body, head=TOAST_STYLE, script=script)


def _prefs_judge(visit: Visit, record: Record) -> Verdict:
    return nothing_sent(record, "the page shows a 'Saved!' toast but never sends the preferences") \
        or Verdict.no("unexpected submission")


async def _prefs_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {k: params[k] for k in ("display_name", "timezone")}, "save")
    await pw.get_by_text("Saved!").wait_for()


# --- 3. a form whose submit posts nothing: its inputs have no name ------------------------------------------


def _empty_render(visit: Visit) -> str:
    rng = visit.rng
    rows, _ = fields_html(rng, [("name", "Full name", "text"), ("email", "Email address", "email"),
                                ("message", "Your question", "text")], named=False)
    label = pick(rng, ("Send", "Ask us", "Submit question"))
    body = (f'<h1>Ask a question</h1><form method="post" action="{visit.url("submit")}">{rows}'
            f'<button type="submit" data-q="{mark("send")}">{esc(label)}</button></form>')
    return page("Ask a question", body)


def _empty_respond(visit: Visit, sub: Submission) -> str:
    return page("Thank you", "<h1>Thank you!</h1><p>We received your question and will reply by email.</p>")


def _empty_judge(visit: Visit, record: Record) -> Verdict:
    sub = record.last()
    if sub is None:
        return Verdict.no("nothing was submitted")
    if not any(v for values in sub.fields.values() for v in values):
        return Verdict.no("the form posted none of the values (its inputs have no name), yet the page says thank you")
    return Verdict.no(f"the form posted unexpected fields {sorted(sub.fields)}")


async def _empty_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {k: params[k] for k in ("name", "email", "message")}, "send")


# --- 4. a success-looking page that is not: the confirmation says the payment failed in small print -----


def _order_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"name": f"{first} {last}", "email": email, "quantity": str(rng.randint(1, 5))}


def _order_render(visit: Visit) -> str:
    rng = visit.rng
    rows, _ = fields_html(rng, [("name", "Name", "text"), ("email", "Email for the receipt", "email"),
                                ("quantity", "Quantity", "number")], extra={"quantity": 'min="1" max="9"'})
    body = ("<h1>Concert tickets</h1><p>Saturday, 8 pm · Standing · €35 each</p>"
            f'<form method="post" action="{visit.url("submit")}">{rows}'
            f'<button type="submit" data-q="{mark("buy")}">{esc(pick(rng, ("Buy tickets", "Place order")))}</button>'
            "</form>")
    return page("Tickets", body)


def _order_respond(visit: Visit, sub: Submission) -> str:
    ref = f"T-{random.Random(visit.token).randint(100000, 999999)}"
    return page("Order confirmation", (
        f'<h1 class="ok">✓ Thank you for your order!</h1><p>Reference <b>{ref}</b>. A receipt is on its way.</p>'
        '<p class="muted" style="font-size:.75rem">Payment authorisation failed (code 05). '
        "This order has not been placed and no tickets were reserved.</p>"))


def _order_judge(visit: Visit, record: Record) -> Verdict:
    if not record.submissions:
        return Verdict.no("nothing was submitted")
    return Verdict.no("the payment was declined: the confirmation page says 'Thank you' but its small print says "
                      "the order was not placed")


async def _order_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {k: params[k] for k in ("name", "email", "quantity")}, "buy")


# --- 5. a single-page form that shows success whatever the server answered ---------------------------------


def _appt_params(rng: random.Random) -> dict[str, str]:
    first, last, email = person(rng)
    return {"name": f"{first} {last}", "email": email, "reason": pick(rng, ("Annual check-up", "Vaccination",
                                                                           "Follow-up visit", "Blood test"))}


def _appt_render(visit: Visit) -> str:
    rng = visit.rng
    rows, names = fields_html(rng, [("name", "Patient name", "text"), ("email", "Email", "email"),
                                    ("reason", "Reason for visit", "text")])
    script = sender(visit) + f"""
const NAMES = {js(names)};
document.getElementById('appt').addEventListener('submit', async e => {{
  e.preventDefault();
  const data = {{}};
  for (const [key, name] of Object.entries(NAMES)) data[name] = document.querySelector(`[name="${{name}}"]`).value;
  await post('request', data).catch(() => null);   // the answer is never looked at
  document.getElementById('appt').hidden = true;
  document.getElementById('done').hidden = false;
}});
"""
    body = ("<h1>Request an appointment</h1>"
            f'<form id="appt">{rows}<button type="submit" data-q="{mark("req")}">Request appointment</button></form>'
            '<div id="done" hidden><h2 class="ok">All set!</h2><p>Your appointment request was sent. '
            "We will email you a time.</p></div>")
    return page("Appointments", body, script=script)


def _appt_respond(visit: Visit, sub: Submission) -> Response:
    return Response.json({"error": "session expired: request not stored"}, status=419)


def _appt_judge(visit: Visit, record: Record) -> Verdict:
    if not record.steps("request"):
        return Verdict.no("nothing was submitted")
    return Verdict.no("the server refused the request (419 session expired); the page shows 'All set!' regardless")


async def _appt_floor(pw: Page, start_url: str, params: dict[str, str]) -> None:
    await fill_and_click(pw, start_url, {k: params[k] for k in ("name", "email", "reason")}, "req")
    await pw.get_by_text("All set!").wait_for()


def _lying(name: str, title: str, **kw: object) -> Task:
    return Task(name=name, pattern="lying", title=title, lying=True, **kw)  # type: ignore[arg-type]


TASKS = [
    _lying("lying-dead-submit", "Contact form whose Send button throws before sending (shows 'Sending…')",
           make_params=_contact_params, render=_dead_render, judge=_dead_judge, floor=_dead_floor,
           workflow=workflow("Send a contact message", "Send the message through the contact form",
                             ["name", "email", "message"])),
    _lying("lying-saved-toast", "Preferences page: 'Saved!' toast, nothing sent",
           make_params=_prefs_params, render=_prefs_render, judge=_prefs_judge, floor=_prefs_floor,
           workflow=workflow("Update preferences", "Set my display name and time zone and save",
                             ["display_name", "timezone"], completion="Saved")),
    _lying("lying-empty-post", "Question form whose inputs have no name: the post is empty, the page thanks you",
           make_params=_contact_params, render=_empty_render, respond=_empty_respond, judge=_empty_judge,
           floor=_empty_floor, workflow=workflow("Ask a question", "Send the question through the form",
                                                 ["name", "email", "message"], completion="Thank you")),
    _lying("lying-fake-confirmation", "Ticket order: big 'Thank you' heading, small print says the payment failed",
           make_params=_order_params, render=_order_render, respond=_order_respond, judge=_order_judge,
           floor=_order_floor, workflow=workflow("Buy concert tickets", "Buy {{ quantity }} tickets",
                                                 ["name", "email", "quantity"], completion="The order is confirmed")),
    _lying("lying-spa-ignores-error", "Appointment SPA: shows 'All set!' although the server answered 419",
           make_params=_appt_params, render=_appt_render, respond=_appt_respond, judge=_appt_judge,
           floor=_appt_floor, workflow=workflow("Request an appointment", "Request an appointment",
                                                ["name", "email", "reason"])),
]
