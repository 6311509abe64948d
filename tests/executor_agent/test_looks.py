"""A number a look gave an element names that element, whatever looks came after; never another one."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.browser.snapshot import element_handle, take_snapshot

pytestmark = pytest.mark.browser

_FORM = "<form><input aria-label='Labels'><span id='chips'></span><button>Save issue</button></form>"


async def test_a_later_look_that_renumbers_the_page_leaves_an_earlier_looks_number_to_its_element(page: Page) -> None:
    # A label's chip came in before "Save issue" after the look that chose it, and another look renumbered the
    # page's elements: in the new numbering, "Save issue"'s old number is the chip's remove button.
    await page.set_content(_FORM)
    first = await take_snapshot(page)
    save = next(e for e in first.elements if e.name == "Save issue")
    await page.evaluate("document.getElementById('chips').innerHTML = '<button>Remove label regression</button>'")
    second = await take_snapshot(page)
    assert next(e for e in second.elements if e.index == save.index).name == "Remove label regression"
    handle = await element_handle(page, save)
    assert handle is not None and await handle.inner_text() == "Save issue"
    chip = next(e for e in second.elements if e.index == save.index)
    handle = await element_handle(page, chip)
    assert handle is not None and await handle.inner_text() == "Remove label regression"


async def test_a_look_the_page_no_longer_keeps_names_nothing(page: Page) -> None:
    await page.set_content(_FORM)
    save = next(e for e in (await take_snapshot(page)).elements if e.name == "Save issue")
    for _ in range(8):
        await take_snapshot(page)
    assert await element_handle(page, save) is None


async def test_a_look_of_the_page_before_a_navigation_names_nothing_after_it(page: Page) -> None:
    await page.set_content(_FORM)
    save = next(e for e in (await take_snapshot(page)).elements if e.name == "Save issue")
    await page.goto("data:text/html,<form><button>Delete issue</button><button>Save issue</button></form>")
    await take_snapshot(page)
    assert await element_handle(page, save) is None
    # The same document rewritten keeps its window and the look, whose element is out of the page: nothing.
    await page.set_content(_FORM)
    save = next(e for e in (await take_snapshot(page)).elements if e.name == "Save issue")
    await page.set_content("<form><button>Delete issue</button><button>Save issue</button></form>")
    await take_snapshot(page)
    assert await element_handle(page, save) is None


async def test_an_element_the_page_took_out_and_drew_again_names_nothing(page: Page) -> None:
    # A framework that re-renders the form replaces its nodes: the old node is no place to act.
    await page.set_content(_FORM)
    save = next(e for e in (await take_snapshot(page)).elements if e.name == "Save issue")
    await page.evaluate("document.querySelector('form').outerHTML = document.querySelector('form').outerHTML")
    assert await element_handle(page, save) is None


async def test_an_element_of_an_iframe_is_found_by_its_looks_number_in_its_own_frame(page: Page) -> None:
    await page.set_content("<button>Top</button><iframe srcdoc=\"<button>Inside</button>\"></iframe>")
    await page.wait_for_function("document.querySelector('iframe').contentDocument.querySelector('button')")
    inside = next(e for e in (await take_snapshot(page)).elements if e.name == "Inside")
    await page.evaluate("document.body.insertAdjacentHTML('afterbegin', '<button>New</button>')")
    await take_snapshot(page)
    handle = await element_handle(page, inside)
    assert handle is not None and await handle.inner_text() == "Inside"
    assert await handle.owner_frame() == page.frames[1]
