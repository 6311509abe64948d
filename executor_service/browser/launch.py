"""Launches the one headless Chromium the executor shares between runs."""

from __future__ import annotations

from playwright.async_api import Browser, Playwright

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


async def launch_chromium(
    playwright: Playwright, *, executable_path: str = "/usr/bin/chromium", headless: bool = True
) -> Browser:
    """Start Chromium from ``executable_path`` (the system build; Playwright's own download is never used)."""
    return await playwright.chromium.launch(
        executable_path=executable_path or None, headless=headless, args=list(CHROMIUM_ARGS)
    )
