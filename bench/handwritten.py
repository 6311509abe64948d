"""The floor: a hand-written Playwright script doing what the demo workflow does, on the same browser."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Browser


async def handwritten_quote(browser: Browser, base_url: str, params: dict[str, str]) -> dict[str, Any]:
    """Log in, fill the quote form, submit, read the result: what a careful engineer would write by hand."""
    context = await browser.new_context()
    try:
        page = await context.new_page()
        await page.goto(f"{base_url}/login", wait_until="domcontentloaded")
        await page.fill("#username", params["username"])
        await page.fill("#password", params["password"])
        await page.click("#sign-in")
        await page.wait_for_url("**/quote")
        await page.fill("#full_name", params["full_name"])
        await page.fill("#email", params["email"])
        await page.select_option("#plan", params["plan"].lower())
        await page.fill("#start_date", params["start_date"])
        await page.fill("#notes", params.get("notes", ""))
        await page.set_checked("#roadside", params.get("roadside", "false") == "true")
        await page.click("#get-quote")
        await page.wait_for_url("**/quote/result**")
        reference = (await page.inner_text("#quote-ref")).strip()
        rows = await page.eval_on_selector_all(
            "#quote-options tbody tr", "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText.trim()))"
        )
        return {"reference": reference, "rows": rows}
    finally:
        await context.close()
