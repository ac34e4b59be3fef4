"""Save docs/calculator.png: the calculator page in headless Debian chromium.

Run: ``.venv/bin/python tools/calculator_screenshot.py`` (needs the ``[browser-tests]``
extra and ``/usr/bin/chromium``).  The page is served by a real ``create_app()`` on an
ephemeral port, as the browser tests serve it.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from smsenc.server import create_app

TEXT = "Merhaba Şule! Yarın 10:00'da {toplantı} var. Fiyat: 5€ ✓ 👩\u200d💻 " * 3
OUT = Path(__file__).resolve().parent.parent / "docs" / "calculator.png"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    """Serve the page, type ``TEXT``, pick languageCode TR, save the screenshot."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    settled = "() => document.body.dataset.busy === 'false'"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(f"http://127.0.0.1:{sock.getsockname()[1]}/")
            page.wait_for_function("() => document.body.dataset.ready === 'true'")
            page.fill("#text", TEXT)
            page.select_option("#languageCode", "TR")
            page.wait_for_function(settled)
            OUT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(OUT), full_page=True)
            browser.close()
    finally:
        server.should_exit = True
        thread.join()
    print(OUT)


if __name__ == "__main__":
    main()
