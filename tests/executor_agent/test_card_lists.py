"""Lists of records that are not tables (cards, result lists) are listed and read as tables: values named by what
the page says of them, the same place in every item the same column; menus, a document's sections and one-value
lists are not records."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.browser.snapshot import element_handle, read_table_rows, take_snapshot

pytestmark = pytest.mark.browser

_RESULTS = """
<nav><ul><li><a href="/a">Home</a></li><li><a href="/b">Shop</a></li></ul></nav>
<ul id="links"><li>Terms</li><li>Privacy</li></ul>
<article><h2>About</h2><p>We sell tea.</p><h2>Contact</h2><p>Write to us.</p></article>
<ol id="results">
  <li><h3>Green tea</h3><dl><dt>Price</dt><dd>£4.50</dd><dt>Origin:</dt><dd>Japan</dd></dl>
      <p><b>Stock:</b> 12 tins</p><span>Roast:</span><span>Light</span><button>Add</button></li>
  <li><h3>Black tea</h3><dl><dt>Price</dt><dd>£3.20</dd><dt>Origin:</dt><dd>India</dd></dl>
      <p><b>Stock:</b> 4 tins</p><span>Roast:</span> <span>Dark</span><button>Add</button>
      <p class="note">Back in May</p></li>
</ol>
"""


async def test_a_result_list_reads_as_a_table_and_menus_and_sections_do_not(page: Page) -> None:
    await page.set_content(_RESULTS)
    snapshot = await take_snapshot(page)
    assert [t.id for t in snapshot.tables] == ["results"]
    table = snapshot.tables[0]
    # A dt names its dd ("Origin:" without its colon), "Stock: 12 tins" names itself, a "Roast:" element names the
    # value after it; a text only the second item has is a column of its own, empty in the first.
    assert table.headers == ("Price", "Origin", "Name", "Stock", "Roast", "Text 1")
    assert table.rows == (
        ("£4.50", "Japan", "Green tea", "12 tins", "Light", ""),
        ("£3.20", "India", "Black tea", "4 tins", "Dark", "Back in May"),
    )
    assert table.row_count == 2
    handle = await element_handle(page, table)
    assert handle is not None
    assert await read_table_rows(handle) == (list(table.headers), [list(row) for row in table.rows])


_GRID = """
<label for="team">Team</label>
<select id="team"><option>All</option><option>Research</option><option>Codes</option></select>
<div class="grid">
  <div class="card"><div class="body"><h4><span>Ada Lovelace</span><em class="badge">On leave</em></h4>
    <p>Analyst</p><p>Research</p><a href="mailto:ada@example.test?subject=Hi">Email</a>
    <a href="tel:+4420700001">Call</a></div></div>
  <div class="card"><div class="body"><h4><span>Alan Turing</span></h4>
    <p>Cryptanalyst</p><p>Codes</p><a href="mailto:alan@example.test">alan@example.test</a>
    <a href="tel:+4420700002">020 7000 02</a>
  </div></div>
</div>
"""


async def test_a_grid_of_cards_made_of_divs_and_its_chunked_read(page: Page) -> None:
    await page.set_content(_GRID)
    snapshot = await take_snapshot(page)
    assert len(snapshot.tables) == 1 and snapshot.tables[0].classes == ("grid",)
    table = snapshot.tables[0]
    # The name without its badge; the address of a mailto: link without its query, a tel: link's number where its
    # text has none; a text always one of the "Team" filter's options is the team.
    assert table.headers == ("Name", "Email", "Phone", "Text 1", "Team")
    assert table.rows == (
        ("Ada Lovelace", "ada@example.test", "+4420700001", "Analyst", "Research"),
        ("Alan Turing", "alan@example.test", "020 7000 02", "Cryptanalyst", "Codes"),
    )
    handle = await element_handle(page, table)
    assert handle is not None
    assert await read_table_rows(handle) == (list(table.headers), [list(row) for row in table.rows])
