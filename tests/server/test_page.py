"""The calculator page in a real browser: headless Debian chromium driven by Playwright
against a real server, what the page shows compared with ``segment()`` / ``preview()``.

Needs the ``[browser-tests]`` extra and ``/usr/bin/chromium`` (``.ci/run`` installs both).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

import smsenc
from smsenc.server.infobip import LANGUAGE_CODES, TRANSLITERATIONS

from .browser import launch
from .live_server import Server, running_server

if TYPE_CHECKING:  # Playwright is imported by the browser fixture, when the tests run
    from playwright.sync_api import Browser, Page, Request

# Left out of the default test run; .ci/run runs them (pytest -m browser).
pytestmark = pytest.mark.browser

SETTLED = (
    "() => document.body.dataset.busy === 'false' && !document.getElementById('result').hidden"
)
READY = "() => document.body.dataset.ready === 'true'"
IDLE = "() => document.body.dataset.busy === 'false'"


@pytest.fixture(scope="module")
def base_url(server: Server) -> str:
    return server.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(base_url + "/")
    tab.wait_for_function(READY)
    tab.wait_for_function(SETTLED)
    yield tab
    context.close()
    assert errors == []  # no script error on any page


def set_text(page: Page, js_literal: str) -> None:
    """Put a text given as a JavaScript string literal (lone surrogates and all) into
    the box, as a paste does: one input event."""
    page.evaluate(
        f"""() => {{
            const box = document.getElementById('text');
            box.value = {js_literal};
            box.dispatchEvent(new Event('input'));
        }}"""
    )
    page.wait_for_function(SETTLED)


def utf16(text: str) -> list[int]:
    """``text`` as UTF-16 code units, as JavaScript's charCodeAt sees it."""
    octets = text.encode("utf-16-be", "surrogatepass")
    return [octets[i] << 8 | octets[i + 1] for i in range(0, len(octets), 2)]


def js(text: str) -> str:
    """``text`` as a JavaScript string literal of \\u escapes (any code point)."""
    return '"' + "".join(f"\\u{unit:04x}" for unit in utf16(text)) + '"'


def assert_shows(page: Page, text: str, language: str | None, mode: str | None) -> None:
    """Everything the page shows equals what smsenc says about ``text``."""
    seg = smsenc.segment(text, language, mode)
    previews = smsenc.preview(text, language, mode)
    assert page.text_content("#encoding") == seg.encoding
    assert page.text_content("#message-count") == str(seg.message_count)
    remaining = page.text_content("#remaining") or ""
    assert remaining.split(" ")[0] == str(seg.characters_remaining)
    assert page.text_content("#units") == f"{seg.units} / {seg.capacity} per part"
    assert page.locator(".part").count() == seg.message_count
    assert page.locator(".boundary").count() == seg.message_count - 1
    # JavaScript strings are UTF-16: compare in UTF-16 so lone surrogates compare too.
    parts = page.locator(".part .part-text").evaluate_all(
        "nodes => nodes.map(n => Array.from({length: n.textContent.length},"
        " (_, i) => n.textContent.charCodeAt(i)))"
    )
    assert parts == [utf16(part) for part in seg.parts]
    assert [head.split(" / ")[0] for head in page.locator(".part-units").all_text_contents()] == [
        str(units) for units in seg.part_units
    ]
    # The marked characters (in place, in the parts) are exactly those that forced UCS-2.
    forcing = {use.char for use in seg.non_gsm}
    marked = page.locator(".part-text mark.non-gsm").evaluate_all(
        "nodes => nodes.flatMap(n => Array.from(n.textContent, c => c.codePointAt(0)))"
    )
    assert {chr(code) for code in marked} == forcing
    assert len(marked) == sum(seg.text.count(char) for char in forcing)
    if forcing:
        assert page.text_content("#forcing-count") == str(len(seg.non_gsm))
        assert page.locator("#forcing-list li").count() == len(seg.non_gsm)
    else:
        assert page.locator("#forcing").is_hidden()
    rows = page.locator("#previews tbody tr")
    assert rows.count() == len(previews.previews)
    for i, entry in enumerate(previews.previews):
        row = rows.nth(i)
        assert row.locator(".encoding").text_content() == entry.segmentation.encoding
        assert row.locator(".count").text_content() == str(entry.message_count)
        assert row.locator(".remaining").text_content() == str(entry.characters_remaining)
        assert row.locator(".units").text_content() == (
            f"{entry.segmentation.units} / {entry.segmentation.capacity}"
        )


def test_every_control_is_labelled_and_offers_the_contract(page: Page) -> None:
    for control in ("text", "languageCode", "transliteration", "apiKey"):
        assert page.locator(f"label[for={control}]").count() == 1
    values = "el => Array.from(el.options, o => o.value)"
    assert page.eval_on_selector("#languageCode", values) == ["", *LANGUAGE_CODES]
    assert page.eval_on_selector("#transliteration", values) == ["", *TRANSLITERATIONS]
    assert page.get_attribute("#error", "role") == "alert"
    assert page.get_attribute("#text", "dir") == "auto"


@pytest.mark.parametrize(
    "text",
    [
        "Hello world",
        "Price: 5€ {promo} [x] " * 9,
        "Çok güzel ş " * 20,
        "naïve café 👩\u200d💻 🇩🇪 👍🏽 ç",
    ],
)
def test_typed_text_shows_what_segment_says(page: Page, text: str) -> None:
    page.click("#text")
    page.keyboard.insert_text(text)  # one input event per insert, like an IME commit
    page.wait_for_function(SETTLED)
    assert_shows(page, text, None, None)


def test_typing_key_by_key(page: Page) -> None:
    page.click("#text")
    page.keyboard.type("Hi {you} ç")
    page.wait_for_function(SETTLED)
    assert_shows(page, "Hi {you} ç", None, None)
    assert page.get_attribute(".part-text mark.non-gsm", "title") == (
        "U+00E7: forced UCS-2; 1 UTF-16 code unit"
    )
    assert page.text_content("#forcing-list li") == "ç U+00E7 × 1 — GSM replacement: c"


def test_costs_are_on_hover_and_in_the_legend(page: Page) -> None:
    set_text(page, js("a{b}"))
    spans = page.locator(".part-text span")
    assert spans.all_text_contents() == ["a", "{", "b", "}"]
    assert [spans.nth(i).get_attribute("title") for i in range(4)] == [
        "1 septet per character",
        "2 septets per character",
        "1 septet per character",
        "2 septets per character",
    ]
    assert page.text_content("#legend-1") == "1 septet per character"


def test_selectors_change_the_result(page: Page) -> None:
    text = "Şule ğ ı {x}"
    set_text(page, js(text))
    assert_shows(page, text, None, None)
    assert page.text_content("#encoding") == "UCS2"
    page.select_option("#languageCode", "TR")
    page.wait_for_function(SETTLED)
    assert_shows(page, text, "TR", None)
    assert page.text_content("#encoding") == "GSM7"
    page.select_option("#languageCode", "")
    page.select_option("#transliteration", "TURKISH")
    page.wait_for_function(SETTLED)
    assert_shows(page, text, None, "TURKISH")
    page.select_option("#languageCode", "AUTODETECT")
    page.wait_for_function(SETTLED)
    assert_shows(page, text, "AUTODETECT", "TURKISH")


def test_keyboard_only(page: Page) -> None:
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "text"
    page.keyboard.type("Şğı")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "languageCode"
    page.keyboard.press("ArrowDown")  # None -> TR
    page.wait_for_function(SETTLED)
    assert page.input_value("#languageCode") == "TR"
    assert_shows(page, "Şğı", "TR", None)


def test_lone_surrogates_zwj_and_right_to_left(page: Page) -> None:
    text = "שלום \ud83d עולם 👩\u200d👩\u200d👧 مرحبا"
    set_text(page, js(text))
    assert_shows(page, text, None, None)
    direction = page.eval_on_selector(".part-text", "el => getComputedStyle(el).direction")
    assert direction == "rtl"
    zwj = page.locator("mark.non-gsm").evaluate_all("nodes => nodes.map(n => n.textContent)")
    assert "👩\u200d👩\u200d👧" in zwj  # the family stays one element


def test_a_server_error_shows_a_message(page: Page) -> None:
    text = "Ж" * (67 * 255 + 1)
    set_text(page, f'"\\u0416".repeat({len(text)})')
    with pytest.raises(smsenc.TooManyPartsError) as error:
        smsenc.segment(text)
    assert page.text_content("#error") == (
        f"The server answered 400: Bad request\ntext: {error.value}"
    )
    set_text(page, js("fine"))
    assert page.text_content("#error") == ""
    assert_shows(page, "fine", None, None)


def test_a_missing_key_shows_a_message(browser: Browser) -> None:
    with running_server(api_keys=["k1"]) as server:
        url = server.url
        tab = browser.new_page()
        tab.goto(url + "/")
        tab.wait_for_function(READY)
        tab.wait_for_function(IDLE)
        assert tab.text_content("#error") == "The server answered 401: Invalid login details"
        tab.fill("#apiKey", "k1")
        tab.wait_for_function(SETTLED)
        assert tab.text_content("#error") == ""
        assert tab.text_content("#message-count") == "1"
        tab.close()


def test_a_long_paste_then_typing_sends_few_requests(page: Page) -> None:
    sent: list[Request] = []
    open_requests = [0, 0]  # now, most at once

    def started(request: Request) -> None:
        if request.url.endswith("/smsenc/v1/segment"):
            sent.append(request)
            open_requests[0] += 1
            open_requests[1] = max(open_requests[1], open_requests[0])

    def ended(request: Request) -> None:
        if request.url.endswith("/smsenc/v1/segment"):
            open_requests[0] -= 1

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    text = "Hello wörld, ça va? " * 500  # 10,000 characters
    page.click("#text")
    page.keyboard.insert_text(text)
    page.keyboard.type("abcdefghijklmnopqrstuvwxyz0123456789")
    page.wait_for_function(SETTLED)
    final = text + "abcdefghijklmnopqrstuvwxyz0123456789"
    assert_shows(page, final, None, None)
    assert open_requests[1] == 1  # never two in flight
    assert 1 <= len(sent) <= 10  # 37 input events, a handful of requests
    assert sent[-1].post_data_json == {"text": final}


def test_readable_at_360_px(browser: Browser, base_url: str) -> None:
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(base_url + "/")
    tab.wait_for_function(READY)
    tab.fill("#text", "A long line without any space " * 3 + "x" * 300 + " 👍 ç")
    tab.wait_for_function(SETTLED)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    font = tab.eval_on_selector(".part-text", "el => parseFloat(getComputedStyle(el).fontSize)")
    assert font >= 14
    tab.close()
