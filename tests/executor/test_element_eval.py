"""evaluate_on: one evaluation on the element a locator names, the same answers as Locator.evaluate (waiting for
a late element, refusing a locator that names two), on real pages in Chromium."""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from executor_service.browser.element_eval import evaluate_on
from tests.executor import page_fixtures

pytestmark = pytest.mark.browser
page = page_fixtures.page

FORM = """<form><label>Name <input id="name" value="Ada"></label>
<label>Plan <select id="plan"><option>Basic</option><option selected>Premium</option></select></label>
<input class="twin" value="one"><input class="twin" value="two"></form>"""


async def test_the_one_element_a_locator_names_is_read_as_locator_evaluate_reads_it(page: Page) -> None:
    await page.set_content(FORM)
    name = page.locator("#name")
    assert await evaluate_on(name, "(el) => el.value") == await name.evaluate("(el) => el.value") == "Ada"
    # The argument arrives, and an async function's result is awaited.
    read = "async (el, suffix) => { await new Promise((r) => setTimeout(r, 10)); return el.value + suffix; }"
    assert await evaluate_on(name, read, "!") == "Ada!"
    assert await evaluate_on(page.locator("#plan"), "(el) => el.options[el.selectedIndex].text") == "Premium"
    # An element handle is asked directly.
    handle = await name.element_handle()
    assert handle is not None
    assert await evaluate_on(handle, "(el, n) => el.value.length + n", 1) == 4


async def test_an_element_not_there_yet_is_waited_for_as_locator_evaluate_waits(page: Page) -> None:
    await page.set_content("<div id='box'></div>")
    await page.evaluate("setTimeout(() => { box.innerHTML = '<input id=late value=soon>'; }, 300)")
    assert await evaluate_on(page.locator("#late"), "(el) => el.value") == "soon"


async def test_the_long_way_is_taken_only_when_the_locator_does_not_name_one_element_now(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_way: list[str] = []
    evaluate = Locator.evaluate

    async def counted(self: Locator, *args: object, **kwargs: object) -> object:
        long_way.append(str(self))
        return await evaluate(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Locator, "evaluate", counted)
    await page.set_content(FORM)
    assert await evaluate_on(page.locator("#name"), "(el) => el.value") == "Ada"
    assert long_way == []  # one query in the page's world, no wait-and-adopt
    await page.evaluate("setTimeout(() => { document.body.insertAdjacentHTML('beforeend', '<b id=late>x</b>'); }, 400)")
    assert await evaluate_on(page.locator("#late"), "(el) => el.textContent") == "x"
    assert len(long_way) == 1


async def test_a_locator_naming_two_elements_is_refused_as_locator_evaluate_refuses_it(page: Page) -> None:
    await page.set_content(FORM)
    with pytest.raises(PlaywrightError, match="strict mode violation"):
        await evaluate_on(page.locator(".twin"), "(el) => el.value")


async def test_a_throwing_function_raises_as_locator_evaluate_raises(page: Page) -> None:
    await page.set_content(FORM)
    with pytest.raises(PlaywrightError, match="no such field"):
        await evaluate_on(page.locator("#name"), "(el) => { throw new Error('no such field'); }")


async def test_nothing_there_at_all_ends_with_playwrights_timeout(page: Page) -> None:
    await page.set_content(FORM)
    page.set_default_timeout(300)
    with pytest.raises(PlaywrightError, match="Timeout"):
        await asyncio.wait_for(evaluate_on(page.locator("#missing"), "(el) => el.value"), 5)
