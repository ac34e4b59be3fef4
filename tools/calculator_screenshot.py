"""Save docs/calculator.png: the calculator page in headless Debian chromium.

Run from the repository root: ``.venv/bin/python -m tools.calculator_screenshot`` (needs
the ``[browser-tests]`` extra and ``/usr/bin/chromium``).  The page is served and the
browser launched by the browser tests' own helpers, so the picture shows what they test.
The emoji need a colour emoji font (Debian's ``fonts-noto-color-emoji``); without one
chromium draws them as empty boxes.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.server.browser import launch
from tests.server.live_server import running_server

TEXT = "Merhaba Şule! Yarın 10:00'da {toplantı} var. Fiyat: 5€ ✓ 👩\u200d💻 " * 3
OUT = Path(__file__).resolve().parent.parent / "docs" / "calculator.png"


def main() -> None:
    """Serve the page, type ``TEXT``, pick languageCode TR, save the screenshot."""
    settled = "() => document.body.dataset.busy === 'false'"
    with running_server() as server, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(server.url + "/")
        page.wait_for_function("() => document.body.dataset.ready === 'true'")
        page.fill("#text", TEXT)
        page.select_option("#languageCode", "TR")
        page.wait_for_function(settled)
        OUT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(OUT), full_page=True)
        browser.close()
    print(OUT)


if __name__ == "__main__":
    main()
