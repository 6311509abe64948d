"""The field the agents' reading of the page pairs with one payload key: where replayed code's recorded field now
reads otherwise (a reworded label, a reshuffled form), the field the agent itself would type that value into."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from playwright.async_api import ElementHandle, Page

from executor_service.agents.page_model import read_page
from executor_service.browser.snapshot import element_handle, take_snapshot


async def field_for_key(
    page: Page,
    payload: Mapping[str, str],
    key: str,
    described: Mapping[str, str] | None = None,
    entered: Collection[str] = (),
) -> ElementHandle | None:
    """The one field the global pairing of the block's whole payload with the page's fields gives ``key``
    (``page_model.read_page``: each key one field, each field one key, a tie giving none); None when ``key``
    gets none there, or gets a date split over several fields, an option or a list its value names instead.
    ``entered``: what the block typed before for other values; a text field holding one of them is theirs, as the
    agent leaves what it typed alone (two "Post code" fields: the shipping one holds the shipping postcode)."""
    snapshot = await take_snapshot(page)
    typed = {text.strip() for text in entered if text.strip()}
    theirs = {e.index for e in snapshot.elements
              if e.tag in ("input", "textarea") and e.type not in ("checkbox", "radio") and e.value.strip() in typed}
    model = read_page(snapshot, payload, "", described=described, filled=theirs)
    paired = [element for paired_key, element in model.fields if paired_key == key]
    if len(paired) != 1:
        return None
    return await element_handle(page, paired[0])
