"""The radios of one question: a radio's group (the radios of its name in its form) with each one's caption (its
label, its aria name, else the text right after it), so that replay answers the question by this run's value
whichever answer was recorded, and never in another question's group ("Do you own a car?" and "Have you made a
claim?" both offer "Yes" and "No")."""

from __future__ import annotations

import json

from playwright.async_api import ElementHandle, Locator
from playwright.async_api import Page as PlaywrightPage

from services.booleans import parse_boolean

_GROUP = """(el) => {
  if (!el.name) return [el];
  const scope = el.form || el.ownerDocument;
  const radios = Array.from(scope.querySelectorAll('input[type=radio]'));
  return radios.filter((r) => r.name === el.name && r.form === el.form);
}"""
_CAPTIONS_JS = "(el) => (" + _GROUP + """)(el).map((r) => {
  const label = r.labels && r.labels.length ? r.labels[0].innerText : '';
  let after = '';
  for (let n = r.nextSibling; n && !after.trim(); n = n.nextSibling) {
    after = n.nodeType === 3 ? n.textContent : (n.innerText || '');
  }
  return (label || r.getAttribute('aria-label') || after || '').replace(/\\s+/g, ' ').trim();
})"""
_MEMBER_JS = "(el, i) => (" + _GROUP + ")(el)[i]"
_PLACE_JS = "(el) => (" + _GROUP + ")(el).indexOf(el)"


async def group_captions(radio: Locator | ElementHandle) -> tuple[list[str], int]:
    """The captions of ``radio``'s group in page order, and the place of ``radio`` among them."""
    captions = [str(c) for c in await radio.evaluate(_CAPTIONS_JS)]
    return captions, int(await radio.evaluate(_PLACE_JS))


async def group_anchor(page: PlaywrightPage, name: str) -> Locator | None:
    """A radio of the group whose form name is ``name`` (its first), when the page has two or more such radios."""
    radios = page.locator(f"input[type=radio][name={json.dumps(name)}]")
    return radios.first if await radios.count() >= 2 else None


async def group_member(radio: Locator | ElementHandle, place: int) -> ElementHandle | None:
    """The radio at ``place`` in ``radio``'s group."""
    return (await radio.evaluate_handle(_MEMBER_JS, place)).as_element()


async def answering(radio: Locator | ElementHandle, answer: bool) -> ElementHandle | None:
    """The one radio of ``radio``'s group whose caption gives ``answer`` (Yes / No, True / False); None when no
    radio of the group or several do."""
    captions, _ = await group_captions(radio)
    found = [i for i, caption in enumerate(captions) if parse_boolean(caption) is answer]
    if len(found) != 1:
        return None
    return await group_member(radio, found[0])
