"""An app page whose form for a new item is behind one button ("Add member" opening a dialog) while the goal says it
in other words ("Invite … to the team"): before, the agent found no control matching the goal and gave up. Now the
one control that opens a form for a new item ("Add", "New", "Create", "Invite", "Compose" and a few words) is
pressed when the page asks for nothing the values fit; two such controls are a guess, never made. Judged by what
the server received."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
_DIALOG = """<dialog id="dlg"><form method="post" action="/sent"><h2>Invite a team member</h2>
<label for="e">Email</label><input id="e" name="email" type="email">
<label for="r">Role</label><select id="r" name="role"><optgroup label="Content"><option>Viewer</option>
<option>Editor</option></optgroup><optgroup label="Admin"><option>Manager</option><option>Owner</option></optgroup>
</select><button type="button" onclick="dlg.close()">Cancel</button><button type="submit">Send invite</button>
</form></dialog><script>document.getElementById('add').onclick = () => dlg.showModal();</script>"""
PAGES = {
    "/team": """<!doctype html><title>Team</title><h1>Team members</h1><table><tr><th>Name</th><th>Role</th></tr>
<tr><td>Bo Chen</td><td>Editor</td></tr></table><button type="button" id="add">Add member</button>""" + _DIALOG,
    "/two": """<!doctype html><title>Team</title><h1>Team members</h1><button type="button">Add project</button>
<button type="button" id="add">Add member</button>""" + _DIALOG,
}


async def test_the_one_button_that_opens_a_form_for_a_new_item_is_the_way_to_the_goal(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/team")
    result, _ = await run_agent(page, "Invite {{email}} to the team as {{role}}",
                                {"email": "zoe@example.org", "role": "Manager"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"email": ["zoe@example.org"], "role": ["Manager"]}]


async def test_two_such_buttons_are_a_guess_never_made(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/two")
    result, recorder = await run_agent(page, "Invite {{email}} to the team as {{role}}",
                                       {"email": "zoe@example.org", "role": "Manager"}, SETTLE_MS)
    assert not result.completed
    assert posted == [] and recorder.actions == []
