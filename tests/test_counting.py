"""count() and count_many() give the numbers segment() gives."""

from __future__ import annotations

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


def test_count_many_keeps_the_order_of_its_texts() -> None:
    texts = ["hello", "Привет", "a" * 161, "€" * 81]
    assert list(smsenc.count_many(texts)) == [
        smsenc.Counts("GSM7", 1, 155, 5),
        smsenc.Counts("UCS2", 1, 64, 6),
        smsenc.Counts("GSM7", 2, 145, 161),
        smsenc.Counts("GSM7", 2, 143, 162),
    ]
