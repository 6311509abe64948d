"""The page model sees what a person reads beside unlabelled fields, and forms in shadow roots and iframes."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.agents.field_assignment import assign_fields
from executor_service.browser.snapshot import element_handle, take_snapshot

pytestmark = pytest.mark.browser

_PAGE = """
<form>
  <div style="display:flex"><div>Town of residence</div><div><input name="q1"></div></div>
  <table><tr><th>Surname</th><td><input name="q2"></td></tr></table>
  <fieldset><legend>Contact</legend><span>Mobile</span> <input name="q3"></fieldset>
</form>
<div id="host"></div>
<iframe srcdoc="<form><label>Voucher<input name='v'></label></form>" style="width:300px;height:80px"></iframe>
<script>
  const root = document.getElementById('host').attachShadow({mode: 'open'});
  root.innerHTML = '<label for="c">Comment</label><textarea id="c"></textarea>';
</script>
"""


async def test_nearby_text_row_headers_legends_shadow_and_iframe_fields(page: Page) -> None:
    await page.set_content(_PAGE)
    await page.wait_for_function("document.querySelector('iframe').contentDocument.querySelector('input')")
    snapshot = await take_snapshot(page)
    by_name = {e.attr_name or e.id: e for e in snapshot.elements}
    assert by_name["q1"].context[0] == "Town of residence"
    assert by_name["q2"].context[0] == "Surname"
    assert by_name["q3"].context[:2] == ("Mobile", "Contact")
    assert by_name["c"].label == "Comment"  # inside the open shadow root
    assert by_name["v"].label == "Voucher"  # inside the same-origin iframe
    found = {k: e.attr_name or e.id for k, e in assign_fields(
        {"city": "Cork", "last_name": "Brennan", "comment": "ok", "voucher": "V1"}, snapshot.elements
    )}
    assert found == {"city": "q1", "last_name": "q2", "comment": "c", "voucher": "v"}
    handle = await element_handle(page, by_name["v"])
    assert handle is not None
    await handle.fill("V1")  # acted on through the iframe's own frame
    assert await page.frames[1].eval_on_selector("input", "el => el.value") == "V1"


_TABLES = """
<form>
  <table>
    <tr><td>Town</td><td><input name="t"></td><td>Postcode</td><td><input name="p"></td></tr>
    <tr><td><input type="checkbox" name="k"> Keep</td><td><input name="n"></td></tr>
  </table>
  <table>
    <thead><tr><th>Item</th><th>Quantity</th></tr></thead>
    <tr><td>Widget</td><td><input name="w"></td></tr>
  </table>
</form>
"""


async def test_a_layout_tables_text_cell_captions_the_field_after_it(page: Page) -> None:
    await page.set_content(_TABLES)
    by_name = {e.attr_name: e for e in (await take_snapshot(page)).elements}
    assert by_name["t"].context == ("Town",)
    assert by_name["p"].context == ("Postcode",)  # the nearest text cell, not the row's first
    assert by_name["n"].context == ()  # the cell before holds a field: its text is that field's
    assert by_name["w"].context[0] == "Quantity"  # a data table's column header says more than the row's item
