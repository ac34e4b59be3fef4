"""count() and count_many() give the numbers segment() gives."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsenc

from .strategies import any_text


@given(text=any_text, language=st.sampled_from([None, "TR", "AUTODETECT"]))
def test_count_is_segment_in_numbers(text: str, language: str | None) -> None:
    result = smsenc.segment(text, language, max_parts=None)
    assert smsenc.count(text, language, max_parts=None) == (
        result.encoding,
        result.message_count,
        result.characters_remaining,
        result.units,
    )


# Where the parts are walked rather than worked out: escape pairs and surrogate pairs
# (also written as two code points, and lone) that a cut may not split, past one part.
_WALKED = st.text(
    alphabet=st.sampled_from(["a", "€", "{", "ж", "😀", "\ud83d", "\ude00"]), max_size=400
)


@given(texts=st.lists(_WALKED, max_size=4), bits=st.sampled_from([8, 16]))
def test_count_many_walks_pairs_as_segment_does(texts: list[str], bits: int) -> None:
    expected = [smsenc.segment(t, reference_bits=bits, max_parts=None) for t in texts]
    assert list(smsenc.count_many(texts, reference_bits=bits, max_parts=None)) == [
        (r.encoding, r.message_count, r.characters_remaining, r.units) for r in expected
    ]


def test_count_without_a_part_limit_counts_past_255_parts() -> None:
    # Each kind of text a different walker counts, each over 255 parts: 300 of 153
    # septets; "€" escaped, 2 septets each; UCS-2 and its surrogate pairs, never cut.
    texts = ["a" * 153 * 300, "€" * 80 * 300, "ж" * 67 * 300, "😀" * 33 * 300]
    expected = [
        smsenc.Counts("GSM7", 300, 0, 45900),
        smsenc.Counts("GSM7", 316, 33, 48000),
        smsenc.Counts("UCS2", 300, 0, 20100),
        smsenc.Counts("UCS2", 300, 1, 19800),
    ]
    assert list(smsenc.count_many(texts, max_parts=None)) == expected
    for text, counts in zip(texts, expected, strict=True):
        result = smsenc.segment(text, max_parts=None)
        assert (result.message_count, result.characters_remaining) == counts[1:3]


def test_count_many_keeps_the_order_of_its_texts() -> None:
    texts = ["hello", "Привет", "a" * 161, "€" * 81]
    assert list(smsenc.count_many(texts)) == [
        smsenc.Counts("GSM7", 1, 155, 5),
        smsenc.Counts("UCS2", 1, 64, 6),
        smsenc.Counts("GSM7", 2, 145, 161),
        smsenc.Counts("GSM7", 2, 143, 162),
    ]


@given(
    texts=st.lists(any_text, max_size=5),
    language=st.sampled_from([None, "TR", "AUTODETECT", ["ES", "PT"], smsenc.ALL_LANGUAGE_CODES]),
    transliteration=st.sampled_from([None, "TURKISH", "NON_UNICODE", ["GREEK", "ALL"]]),
    allow_locking=st.booleans(),
    allow_single=st.booleans(),
    bits=st.sampled_from([8, 16]),
    keep_graphemes=st.booleans(),
    max_parts=st.sampled_from([None, 1, 2, 3, 255]),
)
def test_count_many_is_segment_for_every_text_and_option(
    texts: list[str],
    language: object,
    transliteration: object,
    allow_locking: bool,
    allow_single: bool,
    bits: int,
    keep_graphemes: bool,
    max_parts: int | None,
) -> None:
    # count_many resolves the options once, takes the shortcuts itself and skips the
    # result object: the numbers (or the TooManyPartsError) must still be segment()'s,
    # text by text.
    options: dict[str, object] = {
        "allow_locking_shift": allow_locking,
        "allow_single_shift": allow_single,
        "reference_bits": bits,
        "max_parts": max_parts,
        "keep_graphemes": keep_graphemes,
    }

    def answer(call: Callable[[], object]) -> object:
        try:
            return tuple(call())  # type: ignore[call-overload]
        except smsenc.TooManyPartsError as error:
            return ("TooManyPartsError", error.parts, error.limit)

    expected = []
    for text in texts:

        def numbers(text: str = text) -> tuple[object, ...]:
            r = smsenc.segment(text, language, transliteration, **options)  # type: ignore[arg-type]
            return (r.encoding, r.message_count, r.characters_remaining, r.units)

        expected.append(answer(numbers))
    counted = [
        answer(
            lambda text=text: next(smsenc.count_many([text], language, transliteration, **options))
        )  # type: ignore[misc]
        for text in texts
    ]
    assert counted == expected
    if not any(e[0] == "TooManyPartsError" for e in expected):  # type: ignore[index]
        together = smsenc.count_many(texts, language, transliteration, **options)
        assert [tuple(c) for c in together] == expected


def test_count_many_checks_its_options_at_the_call() -> None:
    with pytest.raises(ValueError, match="unknown language code 'XX'"):
        smsenc.count_many(["a"], "XX")
    with pytest.raises(TypeError, match="text must be a str, not int"):
        list(smsenc.count_many(["a", 5]))  # type: ignore[list-item]


@pytest.mark.parametrize(
    "text",
    ["a" * 500, "ж" * 67 * 3, "😀" * 100, "€" * 200],  # each path: arithmetic, walk, general
)
def test_count_many_stops_at_too_many_parts(text: str) -> None:
    with pytest.raises(smsenc.TooManyPartsError) as raised:
        list(smsenc.count_many(["a", text], max_parts=2))
    assert (raised.value.parts, raised.value.limit) == (smsenc.count(text, max_parts=None)[1], 2)
    with pytest.raises(smsenc.TooManyPartsError):
        smsenc.count(text, max_parts=2)
