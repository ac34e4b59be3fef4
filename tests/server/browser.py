"""Headless Debian chromium, launched the one way the browser tests and the screenshot
tool launch it (Playwright drives it; ``.ci/run`` installs ``/usr/bin/chromium``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Playwright is imported by whoever launches, when it runs
    from playwright.sync_api import Browser, Playwright

CHROMIUM = "/usr/bin/chromium"
# No sandbox because CI runs as root; the rest keep chromium from calling home.
ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def launch(playwright: Playwright) -> Browser:
    """Debian's chromium, headless, under ``playwright``."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(ARGS))
