"""Launches the one headless Chromium the executor shares between runs."""

from __future__ import annotations

import logging

from playwright.async_api import Browser, Playwright
from playwright.async_api import Error as PlaywrightError

log = logging.getLogger(__name__)

# Flags for a quiet, deterministic browser in containers: no sandbox (no user namespaces in most pods),
# no GPU, and no background traffic that would slow runs or reach the network on its own.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Chromium keeps a spare renderer process started ahead of the next navigation that needs one, for one browser
# context. Reused contexts (``context_pool``) keep their renderers, so the spare is seldom used; yet whenever
# two contexts navigate in turn it is thrown away and started again for the other: about one renderer start
# per run at concurrency 1 and six at 4 (``python -m bench.cpu_by_process``), for no run's benefit.
NO_SPARE_RENDERER = "SpareRendererForSitePerProcess"
DISABLE_FEATURES = "--disable-features="
# Playwright's own --disable-features, per Chromium executable, read once from a probe browser.
_disabled_by_playwright: dict[str, tuple[str, ...] | None] = {}


async def launch_chromium(
    playwright: Playwright,
    *,
    executable_path: str = "/usr/bin/chromium",
    headless: bool = True,
    reuses_contexts: bool = False,
) -> Browser:
    """Start Chromium from ``executable_path`` (the system build; Playwright's own download is never used);
    ``reuses_contexts`` when its contexts will be reset and reused between runs rather than made per run."""
    args = list(CHROMIUM_ARGS)
    if reuses_contexts:
        disabled = await playwrights_disabled_features(playwright, executable_path)
        if disabled is not None:
            args.append(DISABLE_FEATURES + ",".join([*disabled, NO_SPARE_RENDERER]))
    return await playwright.chromium.launch(executable_path=executable_path or None, headless=headless, args=args)


async def playwrights_disabled_features(playwright: Playwright, executable_path: str) -> tuple[str, ...] | None:
    """The features Playwright's own --disable-features switch turns off, or None when they cannot be read.

    Chromium keeps only the last --disable-features switch, so one of ours would silently turn Playwright's back
    on (HttpsUpgrades, PaintHolding, ThirdPartyStoragePartitioning, ...: what makes routing and navigation
    predictable); ours repeats them. They are read from the command line of a short-lived probe browser, so they
    are right for the installed Playwright whatever its version; None (and the spare renderer kept) when not.
    """
    if executable_path not in _disabled_by_playwright:
        try:
            probe = await playwright.chromium.launch(
                executable_path=executable_path or None, headless=True, args=[*CHROMIUM_ARGS, "--enable-automation"]
            )
            try:
                session = await probe.new_browser_cdp_session()
                line = await session.send("Browser.getBrowserCommandLine")
            finally:
                await probe.close()
        except PlaywrightError as exc:
            log.warning("Chromium's spare renderer stays on: Playwright's switches could not be read",
                        extra={"error": str(exc)[:300]})
            _disabled_by_playwright[executable_path] = None
        else:
            switches = [arg for arg in line["arguments"] if arg.startswith(DISABLE_FEATURES)]
            last = switches[-1].removeprefix(DISABLE_FEATURES) if switches else ""
            _disabled_by_playwright[executable_path] = tuple(name for name in last.split(",") if name)
    return _disabled_by_playwright[executable_path]
