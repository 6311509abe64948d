"""Browser dialogs a send meets: the page's "Are you sure?" (a confirm) is answered OK for the send the goal asks for,
by the agent and by replayed code, and every other dialog is dismissed; a press the page answers with an alert and
nothing sent is never called done. Judged by what the server received."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.runtime import ReplayFailed, Target
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page, replay = page_fixtures.page, page_fixtures.replay
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/close": """<!doctype html><title>Close account</title><h1>Close your account</h1>
<form method="post" action="/sent" onsubmit="return confirm('Are you sure you want to close your account?')">
<label for="r">Reason for leaving</label><select id="r" name="reason"><option value="">Choose</option>
<option>Too expensive</option><option>Not using it</option></select><button>Close account</button></form>""",
    "/unsubscribe": """<!doctype html><title>Settings</title><h1>Newsletter settings</h1>
<form><label for="e">Email</label><input id="e" name="email"><button type="button" id="go">Unsubscribe</button>
</form><p id="msg"></p><script>
document.getElementById('go').onclick = async () => {
  const email = document.getElementById('e').value;
  if (!confirm('Unsubscribe this address from all emails?')) return;
  const answer = await fetch('/sent', {method: 'POST', body: 'email=' + encodeURIComponent(email),
    headers: {'content-type': 'application/x-www-form-urlencoded'}});
  document.getElementById('msg').textContent = answer.ok ? 'You have been unsubscribed.' : 'Something went wrong';
};</script>""",
    "/contact": """<!doctype html><title>Contact</title><h1>Contact us</h1>
<form id="f" method="post" action="/sent"><label for="e">Email</label><input id="e" name="email">
<button type="button" id="go">Send message</button></form><script>
document.getElementById('go').onclick = () => {
  if (!document.getElementById('e').value.endsWith('.org')) { alert('We only accept .org addresses'); return; }
  document.getElementById('f').submit();
};</script>""",
}


@pytest.mark.parametrize(
    ("path", "goal", "payload", "sent"),
    [("/close", "Close my account", {"reason": "Not using it"}, {"reason": ["Not using it"]}),
     ("/unsubscribe", "Unsubscribe me from the newsletter", {"email": "ana@example.net"},
      {"email": ["ana@example.net"]})],
)
async def test_the_sends_are_you_sure_is_answered_ok(
    page: Page, base_url: str, posted: Posts, path: str, goal: str, payload: dict[str, str],
    sent: dict[str, list[str]],
) -> None:
    await page.goto(f"{base_url}{path}")
    result, recorder = await run_agent(page, goal, payload, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [sent]  # before: the confirm was dismissed, nothing was sent, and the agent said done
    assert recorder.actions[-1].irreversible  # a confirmed press: replay confirms it again, and never repeats it


async def test_replay_confirms_only_the_recorded_send(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/close")
    with pytest.raises(ReplayFailed, match="navigation"):
        await replay(page).click(Target(role="button", name="Close account"), effect="navigation")
    assert posted == []  # not a send: its confirm is dismissed
    await replay(page).click(Target(role="button", name="Close account"), irreversible=True, effect="navigation")
    assert posted == [{}]  # the form sent (no reason chosen here)


async def test_a_press_answered_by_an_alert_with_nothing_sent_is_not_done(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/contact")
    result, _ = await run_agent(page, "Send the message", {"email": "ana@example.net"}, SETTLE_MS)
    assert not result.completed
    assert "We only accept .org addresses" in result.reason and "nothing was sent" in result.reason
    assert posted == []
