"""A row singled out by two values ("Cancel the booking for Ann Lee on 19 May 2027": Ann Lee has two bookings, one
on that day): before, the date picked the row and the booking was cancelled, but the guest stayed pending, so the
agent looked for a field for it on the next page and called the run failed though the page had done what was
asked. Every pending value the chosen row shows is what chose it. Judged by what the server received."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000


def _row(ref: str, guest: str, day: str) -> str:
    return (f'<tr><td>{ref}</td><td>{guest}</td><td>{day}</td><td><form method="post" action="/sent">'
            f'<input type="hidden" name="ref" value="{ref}"><button>Cancel</button></form></td></tr>')


PAGES = {
    "/bookings": "<!doctype html><title>Bookings</title><h1>Your bookings</h1><table><thead><tr><th>Ref</th>"
    "<th>Guest</th><th>Date</th><th></th></tr></thead><tbody>"
    + _row("BK-1041", "Ann Lee", "12 May 2027") + _row("BK-1042", "Ann Lee", "19 May 2027")
    + _row("BK-1043", "Bo Chen", "12 May 2027") + "</tbody></table>",
}


@pytest.mark.parametrize(("day", "ref"), [("19 May 2027", "BK-1042"), ("12 May 2027", "BK-1041")])
async def test_the_row_both_values_show_is_acted_on_and_the_run_is_done(
    page: Page, base_url: str, posted: Posts, day: str, ref: str
) -> None:
    await page.goto(f"{base_url}/bookings")
    result, _ = await run_agent(page, "Cancel the booking for Ann Lee on the date", {"guest": "Ann Lee", "date": day},
                                SETTLE_MS)
    assert result.completed, result.reason  # before (19 May): failed, "no field for guest", after cancelling
    assert posted == [{"ref": [ref]}]
