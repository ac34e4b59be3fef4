"""Transliteration's stream-safe guard (UAX #15 §13), issue 10 items 1 and 2: long runs
of non-starters get a CGJ before every 31st non-starter of the canonical decomposition,
wherever the run is and whatever form (NFC, NFD, neither) the text is in.  (Its cost
per character at two sizes is measured in benchmarks/test_bench_hostile.py.)"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsenc import transliterate
from smsenc.engine.transliteration import (
    _MOST_DECOMPOSED,
    _MOST_TRAILING,
    _NON_STARTER_LETTERS,
    stream_safe,
)

CGJ = "\u034f"
ACUTE, GRAVE_BELOW = "\u0301", "\u0316"  # combining classes 230 and 220


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a + 61 acutes: 30, CGJ, 30, CGJ, 1; NFC then composes á from the first.
        ("a" + ACUTE * 61, "á" + ACUTE * 29 + CGJ + ACUTE * 30 + CGJ + ACUTE),
        # U+0F73 is class 0 but decomposes to U+0F71 (129) + U+0F72 (130): 32 non-starters.
        ("a" + "\u0f73" * 16, "a" + "\u0f71" * 16 + "\u0f72" * 14 + CGJ + "\u0f72" * 2),
        # A run at the very start, no base letter; canonical order puts class 220 first.
        ((ACUTE + GRAVE_BELOW) * 20, GRAVE_BELOW * 20 + ACUTE * 10 + CGJ + ACUTE * 10),
        # 30 non-starters in a row are allowed: nothing inserted.
        ("a" + ACUTE * 30, "á" + ACUTE * 29),
        # ǖ (U+01D6) ends in 2 non-starters of its own: with 29 more, 31 in a row.
        ("\u01d6" + ACUTE * 29, "\u01d6" + ACUTE * 28 + CGJ + ACUTE),
    ],
)
def test_long_runs_of_marks_get_a_cgj_where_uax15_says(source: str, expected: str) -> None:
    assert transliterate(source, "TURKISH") == expected
    assert transliterate(unicodedata.normalize("NFD", source), "TURKISH") == expected
    assert transliterate(unicodedata.normalize("NFC", source), "TURKISH") == expected


def test_issue_example_nfd_and_nfc_agree() -> None:
    t = "a" + "\u0f73" * 16
    forms = [t, unicodedata.normalize("NFD", t), unicodedata.normalize("NFC", t)]
    assert {len(transliterate(form, "TURKISH")) for form in forms} == {34}


def test_long_mark_runs_come_out_whole_and_bounded() -> None:
    out = transliterate("\u0f73" * 20000, "ALL")
    assert len(out) == 40000 + 40000 // 30 - (40000 % 30 == 0)
    assert transliterate((ACUTE + GRAVE_BELOW) * 20000, "NON_UNICODE") == ""
    # Deleting what separates runs joins them; the guard runs after each replacement.
    assert transliterate((ACUTE + "\u200b") * 20000, "NON_UNICODE") == ""


def test_the_guards_constants_match_unicodedata() -> None:
    letters, most_decomposed, most_trailing = [], 1, 0
    for code in range(0xC0, 0x30000):
        char = chr(code)
        decomposition = unicodedata.decomposition(char)
        if not decomposition or decomposition.startswith("<"):
            continue
        nfd = unicodedata.normalize("NFD", char)
        classes = [unicodedata.combining(c) for c in nfd]
        if classes[0]:
            assert all(classes)  # no canonical decomposition mixes the two kinds so
            most_decomposed = max(most_decomposed, len(nfd))
            if not unicodedata.combining(char):
                letters.append(char)
        else:
            trailing = len(classes) - len("".join("x" if c == 0 else "" for c in classes).rjust(0))
            trailing = next((i for i, c in enumerate(reversed(classes)) if c == 0), 0)
            most_trailing = max(most_trailing, trailing)
    assert "".join(letters) == _NON_STARTER_LETTERS
    assert (most_decomposed, most_trailing) == (_MOST_DECOMPOSED, _MOST_TRAILING)


MARKS = st.sampled_from(
    [ACUTE, GRAVE_BELOW, "\u0308", "\u0327", "\u0345", "\u0f73", "\u0f75", "\u0f81", "\u0344"]
)
MARK_STORMS = st.tuples(
    st.sampled_from(["", "a", "e", "\u01d6", "\u1f82", "ş", "ж"]),
    st.lists(MARKS, min_size=0, max_size=80),
).map(lambda t: t[0] + "".join(t[1]))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(MARK_STORMS, max_size=4).map("".join),
    st.sampled_from(["TURKISH", "ALL", "NON_UNICODE"]),
)
def test_mark_storms_transliterate_alike_in_every_canonical_form(text: str, mode: str) -> None:
    forms = {text, unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)}
    results = {transliterate(form, mode) for form in forms}
    assert len(results) == 1


@settings(max_examples=150, deadline=None)
@given(st.lists(MARK_STORMS, max_size=4).map("".join))
def test_stream_safe_output_is_stream_safe_and_canonically_equivalent(text: str) -> None:
    safe = stream_safe(text)
    nfd = unicodedata.normalize("NFD", safe)
    run = 0
    for char in nfd:
        run = run + 1 if unicodedata.combining(char) else 0
        assert run <= 30
    assert unicodedata.normalize("NFD", safe.replace(CGJ, "")) == unicodedata.normalize(
        "NFD", text.replace(CGJ, "")
    )
