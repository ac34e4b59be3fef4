"""The calculator page in a real browser: headless Debian chromium driven by Playwright
against a real server, what the page shows compared with ``segment()`` / ``preview()``.

Every page opened here records what it shows each time its DOM or an input changes, and
the test fails if a result on screen (not marked stale) was ever not exactly the result
for the text and options in the boxes at that moment: counts, parts, culprit list and
marks in the text together.

Needs the ``[browser-tests]`` extra and ``/usr/bin/chromium`` (``.ci/run`` installs both).
"""

from __future__ import annotations

import asyncio
import itertools
import queue
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

import smsenc
from smsenc.server import create_app
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
ENDPOINT = "/smsenc/v1/segment"
EXAMPLE = (
    "Hi Anna! Your table for 4 is booked for 7 pm tonight. We\u2019re looking forward to "
    "seeing you. Reply STOP to opt out."
)
"""The message the page shows on first load (in index.html)."""

# Installed before the page's own script: a snapshot of what the page shows after every
# batch of DOM changes (a MutationObserver) and after every input event (on window, so
# after the page's own handler on the box has run). Strings that are not well-formed
# UTF-16 (a lone surrogate) travel as their code units.
RECORDER = """
(() => {
  const snapshots = [];
  window.__snapshots = snapshots;
  let last = "";
  const wire = (s) => s.isWellFormed()
    ? s : {units: Array.from({length: s.length}, (_, i) => s.charCodeAt(i))};
  const take = () => {
    const box = document.getElementById("text");
    const result = document.getElementById("result");
    const error = document.getElementById("error");
    if (!box || !result || !error || !document.getElementById("parts")) return;
    const all = (selector, f) => Array.from(document.querySelectorAll(selector), f);
    const snapshot = {
      box: wire(box.value),
      language: document.getElementById("languageCode").value,
      mode: document.getElementById("transliteration").value,
      result: !result.hidden && result.dataset.stale !== "true",
      error: error.textContent !== "" && error.dataset.stale !== "true" ? error.textContent : null,
      encoding: document.getElementById("encoding").textContent,
      count: document.getElementById("message-count").textContent,
      parts: all(".part .part-text", (n) => wire(n.textContent)),
      marked: all(".part-text mark.non-gsm", (n) => wire(n.textContent)),
      listed: all("#forcing-list code.char", (n) => wire(n.textContent)),
      scripts: all("#forcing-list .script-summary", (n) => wire(n.textContent)),
      forcing: !document.getElementById("forcing").hidden,
    };
    const key = JSON.stringify(snapshot);
    if (key !== last) snapshots.push(snapshot);
    last = key;
  };
  const everything = {subtree: true, childList: true, characterData: true, attributes: true};
  new MutationObserver(take).observe(document, everything);
  for (const kind of ["input", "change"]) window.addEventListener(kind, take);
})();
"""


def unwire(value: Any) -> str:
    if isinstance(value, str):
        return value
    octets = b"".join(unit.to_bytes(2, "big") for unit in value["units"])
    return octets.decode("utf-16-be", "surrogatepass")


@cache
def segmented(text: str, language: str, mode: str) -> smsenc.Segmentation | str:
    """segment() of the boxes' inputs, or the error message the server would send."""
    try:
        return smsenc.segment(text, language or None, mode or None)
    except smsenc.TooManyPartsError as error:
        return str(error)


GROUP_OVER = 5
"""Past this many distinct characters of one script, the page reads them as one line."""
UNGROUPED = {"Common", "Inherited", "Other"}
"""Scripts that name no writing system: their characters keep a line each."""


def grouped(seg: smsenc.Segmentation) -> list[smsenc.ScriptUse]:
    """The scripts the page reads as one line each."""
    return [
        group
        for group in seg.non_gsm_by_script
        if group.distinct > GROUP_OVER and group.script not in UNGROUPED
    ]


def listed(seg: smsenc.Segmentation) -> list[str]:
    """The characters that forced UCS-2 as the page lists them: in order of first
    appearance, a grouped script's all where its first stands."""
    groups = {char: group for group in grouped(seg) for char in group.chars}
    order: list[str] = []
    for use in seg.non_gsm:
        group = groups.get(use.char)
        if group is None:
            order.append(use.char)
        elif use.char == group.chars[0]:
            order.extend(group.chars)
    return order


def visible(char: str) -> str:
    """A character as the page names it: itself if a letter, digit, punctuation or
    symbol, else its code point."""
    return char if unicodedata.category(char)[0] in "LNPS" else f"U+{ord(char):04X}"


def script_lines(seg: smsenc.Segmentation) -> list[str]:
    """The page's line for each grouped script, from segment()'s non_gsm_by_script."""
    lines = []
    for group in grouped(seg):
        named = " ".join(map(visible, group.chars[:8]))
        if group.distinct > 8:
            named += f" and {group.distinct - 8} more"
        name = group.script.replace("_", " ")
        lines.append(
            f"{name}: {plural(group.count, 'character')}, {group.distinct} distinct: {named}"
        )
    return lines


def check_snapshots(page: Page) -> int:
    """Assert every recorded result and error belongs to the inputs of its moment; the
    number of results checked."""
    checked = 0
    for snap in page.evaluate("window.__snapshots"):
        text = unwire(snap["box"])
        seg = segmented(text, snap["language"], snap["mode"])
        where = f"{text[:40]!r} {snap['language']!r} {snap['mode']!r}"
        if snap["error"] is not None and snap["error"].startswith("The server answered 400"):
            assert snap["error"] == f"The server answered 400: Bad request\ntext: {seg}", where
        if not snap["result"]:
            continue
        assert snap["error"] is None, where  # never an error and a result at once
        assert isinstance(seg, smsenc.Segmentation), where
        forcing = [use.char for use in seg.non_gsm]
        assert (snap["encoding"], snap["count"]) == (seg.encoding, str(seg.message_count)), where
        assert [unwire(part) for part in snap["parts"]] == list(seg.parts), where
        marked = "".join(unwire(mark) for mark in snap["marked"])
        assert set(marked) == set(forcing), where
        assert len(marked) == sum(seg.text.count(char) for char in forcing), where
        assert [unwire(char) for char in snap["listed"]] == listed(seg), where
        assert [unwire(line) for line in snap["scripts"]] == script_lines(seg), where
        assert snap["forcing"] == bool(forcing), where
        checked += 1
    return checked


@contextmanager
def opened(browser: Browser, url: str, **context: Any) -> Iterator[Page]:
    """A new tab on the page at ``url``, recording what it shows; on leaving, no script
    error happened and no result ever belonged to other inputs."""
    browser_context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context})
    browser_context.add_init_script(RECORDER)
    tab = browser_context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(url + "/")
    tab.wait_for_function(READY)
    tab.wait_for_function(IDLE)
    try:
        yield tab
        check_snapshots(tab)
    finally:
        browser_context.close()
    assert errors == []


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
    with opened(browser, base_url) as tab:
        tab.wait_for_function(SETTLED)
        yield tab


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
    page.wait_for_function(IDLE)


def replace_text(page: Page) -> None:
    """Focus the box and select all of it, so that what is typed next replaces it."""
    page.click("#text")
    page.keyboard.press("Control+A")


def utf16(text: str) -> list[int]:
    """``text`` as UTF-16 code units, as JavaScript's charCodeAt sees it."""
    octets = text.encode("utf-16-be", "surrogatepass")
    return [octets[i] << 8 | octets[i + 1] for i in range(0, len(octets), 2)]


def js(text: str) -> str:
    """``text`` as a JavaScript string literal of \\u escapes (any code point)."""
    return '"' + "".join(f"\\u{unit:04x}" for unit in utf16(text)) + '"'


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def room(count: int, capacity: int) -> str:
    return str(capacity) if count == 1 else f"{count} × {capacity} = {count * capacity}"


def usage(seg: smsenc.Segmentation) -> str:
    """The page's sentence on units, parts × capacity and room left, from segment()."""
    unit = {"GSM7": "septet", "UCS2": "UTF-16 code unit"}[seg.encoding]
    count = seg.message_count
    sentence = f"{plural(seg.units, unit)} used of {room(count, seg.capacity)}; "
    sentence += f"{seg.characters_remaining} left" + (" in the last part" if count > 1 else "")
    short = [(i, seg.capacity - units) for i, units in enumerate(seg.part_units[:-1], 1)]
    short = [(i, gap) for i, gap in short if gap]
    if short:
        names = [str(i) for i, _ in short]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        sentence += f" and {sum(gap for _, gap in short)} unused at the end of "
        sentence += ("part " if len(short) == 1 else "parts ") + listed
        sentence += f": a character of 2 {unit}s is never split between parts"
    return sentence + "."


def assert_shows(page: Page, text: str, language: str | None, mode: str | None) -> None:
    """Everything the page shows equals what smsenc says about ``text``."""
    seg = smsenc.segment(text, language, mode)
    previews = smsenc.preview(text, language, mode)
    unit = {"GSM7": "septet", "UCS2": "UTF-16 code unit"}[seg.encoding]
    assert page.get_attribute("#result", "data-stale") == "false"
    assert page.text_content("#status") == ""
    assert page.text_content("#encoding") == seg.encoding
    assert page.text_content("#message-count") == str(seg.message_count)
    assert page.text_content("#remaining") == plural(seg.characters_remaining, unit) + (
        " in the last part" if seg.message_count > 1 else ""
    )
    assert page.text_content("#usage") == usage(seg)
    assert page.locator(".part").count() == seg.message_count
    assert page.locator(".boundary").count() == seg.message_count - 1
    # JavaScript strings are UTF-16: compare in UTF-16 so lone surrogates compare too.
    parts = page.locator(".part .part-text").evaluate_all(
        "nodes => nodes.map(n => Array.from({length: n.textContent.length},"
        " (_, i) => n.textContent.charCodeAt(i)))"
    )
    assert parts == [utf16(part) for part in seg.parts]
    assert page.locator(".part-units").all_text_contents() == [
        f"{units} of {plural(seg.capacity, unit)}" for units in seg.part_units
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
        assert page.locator("#forcing-list li.forcing-item").count() == len(seg.non_gsm)
        assert page.locator("#forcing-list .script-summary").all_text_contents() == (
            script_lines(seg)
        )
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
            f"{entry.segmentation.units} of "
            f"{room(entry.message_count, entry.segmentation.capacity)}"
        )


def test_every_control_is_labelled_and_offers_the_contract(page: Page) -> None:
    for control in ("text", "languageCode", "transliteration", "apiKey"):
        assert page.locator(f"label[for={control}]").count() == 1
    values = "el => Array.from(el.options, o => o.value)"
    assert page.eval_on_selector("#languageCode", values) == ["", *LANGUAGE_CODES]
    assert page.eval_on_selector("#transliteration", values) == ["", *TRANSLITERATIONS]
    assert page.get_attribute("#error", "role") == "alert"
    assert page.get_attribute("#status", "role") == "status"
    assert page.get_attribute("#text", "dir") == "auto"


def test_first_load_shows_an_example_and_its_result(page: Page) -> None:
    # Before anything is typed, the page explains itself on an example message.
    assert page.input_value("#text") == EXAMPLE
    assert_shows(page, EXAMPLE, None, None)
    # 113 characters, one curly apostrophe: UCS-2, two parts of 67 (TS 23.040
    # §9.2.3.24.1: each carries a 6-octet concatenation header), one part without it.
    assert page.text_content("#usage") == (
        "113 UTF-16 code units used of 2 × 67 = 134; 21 left in the last part."
    )
    assert page.text_content("#forcing-list li") == (
        "\u2019 U+2019 × 1 — GSM replacement: '; 1 part if replaced"
    )
    assert page.text_content("#all-replaced") == "With every replacement made: 1 part instead of 2."


@pytest.mark.parametrize(
    "text",
    [
        "Hello world",
        "Price: 5€ {promo} [x] " * 9,
        "Çok güzel ş " * 20,
        "naïve café 👩\u200d💻 🇩🇪 👍🏽 ç",
        "Γειά σου κόσμε — Привет, мир! «Ура» 😀",  # two scripts read as a line each
    ],
)
def test_typed_text_shows_what_segment_says(page: Page, text: str) -> None:
    replace_text(page)
    page.keyboard.insert_text(text)  # one input event per insert, like an IME commit
    page.wait_for_function(SETTLED)
    assert_shows(page, text, None, None)


def test_typing_key_by_key(page: Page) -> None:
    replace_text(page)
    page.keyboard.type("Hi {you} ç")
    page.wait_for_function(SETTLED)
    assert_shows(page, "Hi {you} ç", None, None)
    assert page.get_attribute(".part-text mark.non-gsm", "title") == (
        "U+00E7: forced UCS-2; 1 UTF-16 code unit"
    )
    assert page.text_content("#forcing-list li") == (
        "ç U+00E7 × 1 — GSM replacement: c; 1 part if replaced"
    )


@pytest.mark.parametrize(
    ("text", "sentence", "remaining", "heads"),
    [
        # One part of 160 septets (TS 23.038 §6.1.2.1: 140 octets hold 160 septets).
        ("Hello", "5 septets used of 160; 155 left.", "155 septets", ["5 of 160 septets"]),
        ("a", "1 septet used of 160; 159 left.", "159 septets", ["1 of 160 septets"]),
        ("", "0 septets used of 160; 160 left.", "160 septets", ["0 of 160 septets"]),
        # Two parts of 153: 164 used, 306 - 164 = 142 left, all in the last part.
        (
            "x" * 164,
            "164 septets used of 2 × 153 = 306; 142 left in the last part.",
            "142 septets in the last part",
            ["153 of 153 septets", "11 of 153 septets"],
        ),
        # The euro sign is ESC + one septet (TS 23.038 §6.2.1.1): both stay in part 2,
        # so part 1 ends one septet short and only 141 are left in the last part.
        (
            "x" * 152 + "€" + "y" * 10,
            "164 septets used of 2 × 153 = 306; 141 left in the last part and 1 unused at "
            "the end of part 1: a character of 2 septets is never split between parts.",
            "141 septets in the last part",
            ["152 of 153 septets", "12 of 153 septets"],
        ),
        # UCS-2: 67 code units a part; the emoji is a surrogate pair, kept whole.
        (
            "ж" * 66 + "😀" + "ж" * 10,
            "78 UTF-16 code units used of 2 × 67 = 134; 55 left in the last part and 1 "
            "unused at the end of part 1: a character of 2 UTF-16 code units is never split "
            "between parts.",
            "55 UTF-16 code units in the last part",
            ["66 of 67 UTF-16 code units", "12 of 67 UTF-16 code units"],
        ),
    ],
)
def test_units_parts_and_room_left_read_as_words(
    page: Page, text: str, sentence: str, remaining: str, heads: list[str]
) -> None:
    set_text(page, js(text))
    assert page.text_content("#usage") == sentence
    assert page.text_content("#remaining") == remaining
    assert page.locator(".part-units").all_text_contents() == heads
    assert_shows(page, text, None, None)


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


def test_a_language_code_on_a_text_that_stays_ucs2_says_why(page: Page) -> None:
    # Under TR the dotless i has a septet; the Cyrillic letters have none anywhere.
    text = "Привет ı!"
    set_text(page, js(text))
    page.select_option("#languageCode", "TR")
    page.wait_for_function(SETTLED)
    assert_shows(page, text, "TR", None)
    assert page.locator("#previews tbody th").all_text_contents() == [
        "Plain text",
        "languageCode TR: the text stays UCS-2 because of П р и в е т",
    ]
    assert page.text_content("#tables") == "none: the text stays UCS-2"
    assert page.text_content("#forcing-title") == (
        "Characters that keep the text in UCS-2 even with languageCode TR: 6"
    )
    assert page.locator("#forcing-list code.char").all_text_contents() == list("Привет")
    # Invisible characters are named by code point; a long list is cut short.
    set_text(page, js("\u200bабвгдежзийклм"))
    assert page.locator("#previews tbody th").all_text_contents()[1] == (
        "languageCode TR: the text stays UCS-2 because of U+200B а б в г д е ж and 6 more"
    )
    # A GSM text under TR keeps the tables' wording.
    set_text(page, js("Kadıköy"))
    assert page.locator("#previews tbody th").all_text_contents()[1] == (
        "languageCode TR (locking shift)"
    )
    assert page.text_content("#tables") == "TR locking shift"


def test_a_suggestion_to_remove_reads_remove(page: Page) -> None:
    # The library's suggestion for U+200B ZERO WIDTH SPACE and U+00AD SOFT HYPHEN is ""
    # (delete it); None (no suggestion) reads differently.
    set_text(page, js("zero\u200bwidth soft\u00adhyphen 😀"))
    items = page.locator("#forcing-list li").all_text_contents()
    assert items == [
        "\u200b U+200B × 1 — GSM replacement: remove; 1 part if removed",
        "\u00ad U+00AD × 1 — GSM replacement: remove; 1 part if removed",
        "😀 U+1F600 × 1 — no GSM replacement",
    ]
    assert page.locator("#forcing-list .suggestion.remove").all_text_contents() == ["remove"] * 2
    assert page.text_content("#all-replaced") == "With every replacement made: still 1 part."


RUSSIAN = "Привет, Анна! Ваш заказ №1234 готов — заберите его «сегодня» до 20:00. Спасибо!"
"""50 Cyrillic letters, 21 distinct (П р и в е т А н а В ш з к г о б с д я С п), and four
characters of no script (№ — « »): all force UCS-2."""


def test_a_russian_text_reads_as_one_line_for_its_script(page: Page) -> None:
    set_text(page, js(RUSSIAN))
    assert_shows(page, RUSSIAN, None, None)
    assert page.text_content("#forcing-count") == "25"  # distinct characters, as before
    # One line for the Cyrillic letters where the first stands, then a line each for
    # the rest, with their suggestions.
    lines = page.locator("#forcing-list > li")
    assert lines.count() == 5
    assert lines.nth(0).get_attribute("class") == "forcing-script"
    assert page.text_content("#forcing-list .script-summary") == (
        "Cyrillic: 50 characters, 21 distinct: П р и в е т А н and 13 more"
    )
    assert [lines.nth(i).text_content() for i in range(1, 5)] == [
        "№ U+2116 × 1 — GSM replacement: No; 2 parts if replaced",
        "— U+2014 × 1 — GSM replacement: -; 2 parts if replaced",
        '« U+00AB × 1 — GSM replacement: "; 2 parts if replaced',
        '» U+00BB × 1 — GSM replacement: "; 2 parts if replaced',
    ]
    # Folded, the letters' own lines are not shown; expanded, every one is, each with
    # its count and suggestion.
    letters = page.locator(".forcing-script .forcing-item")
    assert letters.count() == 21
    assert not letters.first.is_visible()
    page.click(".forcing-script summary")
    assert all(letters.nth(i).is_visible() for i in range(21))
    assert page.locator(".forcing-script code.char").all_text_contents() == list(
        "ПриветАнаВшзкгобсдяСп"
    )
    assert letters.nth(0).text_content() == "П U+041F × 1 — GSM replacement: P; 2 parts if replaced"
    assert letters.nth(8).text_content() == "а U+0430 × 6 — GSM replacement: a; 2 parts if replaced"
    assert letters.nth(10).text_content() == (
        "ш U+0448 × 1 — GSM replacement: sh; 2 parts if replaced"
    )
    expected = {use.char: use.count for use in smsenc.segment(RUSSIAN).non_gsm}
    shown = letters.evaluate_all(
        "nodes => nodes.map(n => [n.querySelector('code.char').textContent,"
        " Number(n.textContent.split(' × ')[1].split(' ')[0])])"
    )
    assert sum(count for _, count in shown) == 50
    assert all(expected[char] == count for char, count in shown)
    # Every letter is still marked in the text, and every suggestion made gives 1 part.
    marked = page.locator(".part-text mark.non-gsm").all_text_contents()
    assert len("".join(marked)) == 54
    assert page.text_content("#all-replaced") == (
        "With every replacement made: 1 part instead of 2."
    )
    # Typing on redraws the list from the new answer; the line expanded stays expanded.
    page.click("#text")
    page.keyboard.press("End")
    page.keyboard.type(" Жду")
    page.wait_for_function(SETTLED)
    assert_shows(page, RUSSIAN + " Жду", None, None)
    assert page.text_content("#forcing-list .script-summary") == (
        "Cyrillic: 53 characters, 23 distinct: П р и в е т А н and 15 more"
    )
    assert letters.count() == 23
    assert letters.last.is_visible()


def test_few_letters_of_a_script_and_symbols_keep_a_line_each(page: Page) -> None:
    # Five distinct Cyrillic letters are not "many": they keep their own lines, and so
    # do emoji and combining marks, however many.
    text = "дом сад 😀😁😂🤣😃😄 e\u0301\u0300\u0302\u0303\u0304\u0306"
    set_text(page, js(text))
    assert_shows(page, text, None, None)
    assert page.locator(".forcing-script").count() == 0
    assert page.locator("#forcing-list > li.forcing-item").count() == 5 + 6 + 6


def test_keyboard_only(page: Page) -> None:
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "text"
    page.keyboard.press("Control+A")
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


def test_an_error_shows_a_message_and_clears_the_old_result(page: Page) -> None:
    set_text(page, js("fine"))
    assert_shows(page, "fine", None, None)
    text = "Ж" * (67 * 255 + 1)
    set_text(page, f'"\\u0416".repeat({len(text)})')
    with pytest.raises(smsenc.TooManyPartsError) as error:
        smsenc.segment(text)
    assert page.text_content("#error") == (
        f"The server answered 400: Bad request\ntext: {error.value}"
    )
    # The result for "fine" (GSM7, 1 part) is gone, not left below the error.
    assert page.locator("#result").is_hidden()
    assert not page.get_by_text("155 left").is_visible()
    set_text(page, js("fine"))
    assert page.text_content("#error") == ""
    assert_shows(page, "fine", None, None)


def test_a_missing_key_shows_a_message(browser: Browser) -> None:
    with running_server(api_keys=["k1"]) as server, opened(browser, server.url) as tab:
        assert tab.text_content("#error") == "The server answered 401: Invalid login details"
        assert tab.locator("#result").is_hidden()
        tab.fill("#apiKey", "k1")
        tab.wait_for_function(SETTLED)
        assert tab.text_content("#error") == ""
        assert_shows(tab, EXAMPLE, None, None)


def test_a_long_paste_then_typing_sends_few_requests(page: Page) -> None:
    sent: list[Request] = []
    open_requests = [0, 0]  # now, most at once

    def started(request: Request) -> None:
        if request.url.endswith(ENDPOINT):
            sent.append(request)
            open_requests[0] += 1
            open_requests[1] = max(open_requests[1], open_requests[0])

    def ended(request: Request) -> None:
        if request.url.endswith(ENDPOINT):
            open_requests[0] -= 1

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    text = "Hello wörld, ça va? " * 500  # 10,000 characters
    replace_text(page)
    page.keyboard.insert_text(text)
    page.keyboard.type("abcdefghijklmnopqrstuvwxyz0123456789")
    page.wait_for_function(SETTLED)
    final = text + "abcdefghijklmnopqrstuvwxyz0123456789"
    assert_shows(page, final, None, None)
    assert open_requests[1] == 1  # never two in flight
    assert 1 <= len(sent) <= 10  # 37 input events, a handful of requests
    assert sent[-1].post_data_json == {"text": final}


def test_readable_at_360_px(browser: Browser, base_url: str) -> None:
    with opened(browser, base_url, viewport={"width": 360, "height": 740}) as tab:
        tab.fill("#text", "A long line without any space " * 3 + "x" * 300 + " 👍 ç")
        tab.wait_for_function(SETTLED)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        font = tab.eval_on_selector(".part-text", "el => parseFloat(getComputedStyle(el).fontSize)")
        assert font >= 14


# Whatever the typing speed and however late the answers: the service, wrapped so that
# the calculator's answers come late, the way a slow network or a busy server makes them.


class Held:
    """The service, with each calculator request held while ``holding`` until the test
    releases it (``next()`` hands out the held requests' releases in order)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.holding = False
        self.held: queue.Queue[threading.Event] = queue.Queue()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.holding and scope["type"] == "http" and scope["path"] == ENDPOINT:
            release = threading.Event()
            self.held.put(release)
            while not release.is_set():
                await asyncio.sleep(0.005)
        await self.app(scope, receive, send)

    def next(self) -> threading.Event:
        return self.held.get(timeout=10)

    def release_all(self) -> None:
        self.holding = False
        while not self.held.empty():
            self.held.get().set()


class Delayed:
    """The service, answering the calculator's requests after delays taken in turn
    from ``delays`` (seconds)."""

    def __init__(self, app: ASGIApp, delays: Iterable[float]) -> None:
        self.app = app
        self.delays = itertools.cycle(delays)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == ENDPOINT:
            await asyncio.sleep(next(self.delays))
        await self.app(scope, receive, send)


@pytest.mark.parametrize("change", ["typing", "languageCode"])
def test_a_late_answer_for_older_inputs_is_never_shown(browser: Browser, change: str) -> None:
    # The answer for "Şule" arrives while the box already holds more (or while another
    # languageCode is chosen) and the next request waits for its debounce: it must not
    # be shown, and the result on screen is marked stale meanwhile.
    gate = Held(create_app())
    with running_server(app=gate) as server, opened(browser, server.url) as tab:
        tab.wait_for_function(SETTLED)
        try:
            gate.holding = True
            replace_text(tab)
            tab.keyboard.type("Şule", delay=0)
            first = gate.next()  # the request for "Şule" is at the server, held
            assert tab.get_attribute("#result", "data-stale") == "true"
            assert tab.text_content("#status") == "Updating for the text as it is now…"
            if change == "typing":
                tab.keyboard.type(" ğ ı", delay=0)
            else:
                tab.select_option("#languageCode", "TR")
            gate.holding = False
            first.set()  # its answer now arrives for inputs no longer in the boxes
            tab.wait_for_function(SETTLED)
        finally:
            gate.release_all()
        if change == "typing":
            assert_shows(tab, "Şule ğ ı", None, None)
        else:
            assert_shows(tab, "Şule", "TR", None)
        # The answer for "Şule" without a language code (UCS-2) was never drawn, not
        # even marked stale (opened() checks every snapshot of what was current).
        snapshots = tab.evaluate("window.__snapshots")
        assert not any(
            snap["parts"] == ["Şule"] and snap["encoding"] == "UCS2" for snap in snapshots
        )
        assert check_snapshots(tab) >= 2


def test_fast_typing_with_late_answers_always_shows_one_whole_result(browser: Browser) -> None:
    # Turkish typed in bursts (Playwright's delay=0) with pauses around the debounce,
    # while answers take 0 to 0.5 s: every result ever on screen is the whole result
    # for the box's text of that moment (opened() checks each), and the last is right.
    slow = Delayed(create_app(), [0.35, 0.0, 0.2, 0.5, 0.05, 0.3])
    bursts = ["Merhaba ", "Şule, ", "yarın ", "saat 10'da ", "görüşürüz ", "ı ", "{ok} 😀", " ç"]
    pauses = [50, 300, 0, 450, 120, 270, 30, 600]  # milliseconds
    with running_server(app=slow) as server, opened(browser, server.url) as tab:
        tab.wait_for_function(SETTLED)
        replace_text(tab)
        for burst, pause in zip(bursts, pauses, strict=True):
            tab.keyboard.type(burst, delay=0)
            tab.wait_for_timeout(pause)  # pacing the typist, not an assertion
        tab.wait_for_function(SETTLED)
        final = "".join(bursts)
        assert tab.input_value("#text") == final
        assert_shows(tab, final, None, None)
        assert check_snapshots(tab) >= 2
