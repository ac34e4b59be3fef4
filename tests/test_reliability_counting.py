"""Counting under hostile texts (issue 10, items 3 and 7): ``non_gsm`` for many distinct
characters, and segment()'s memory for a million distinct astral characters.  (Their
cost per character at two sizes is measured in benchmarks/test_bench_hostile.py.)"""

from __future__ import annotations

import sys
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

import smsenc

ASTRAL = 0x10000


def test_non_gsm_of_many_distinct_characters_in_order_of_first_index() -> None:
    text = "".join(chr(ASTRAL + i) + "a" for i in range(5000))
    uses = smsenc.segment(text, max_parts=None).non_gsm
    assert [(u.char, u.count, u.first_index) for u in uses] == [
        (chr(ASTRAL + i), 1, 2 * i) for i in range(5000)
    ]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.sampled_from([None, "AUTODETECT", smsenc.ALL_LANGUAGE_CODES]))
def test_non_gsm_first_indices_are_the_texts_own(text: str, language: object) -> None:
    result = smsenc.segment(text, language, max_parts=None)  # type: ignore[arg-type]
    for use in result.non_gsm:
        assert (use.count, use.first_index) == (text.count(use.char), text.index(use.char))
    indices = [use.first_index for use in result.non_gsm]
    assert indices == sorted(indices)


def test_segment_memory_stays_a_small_multiple_of_the_text() -> None:
    # A million distinct astral characters: 4 MB of text.  The set of its characters
    # alone would take ~100 MB; the bound is 3 times the text.
    text = "".join(map(chr, range(ASTRAL, ASTRAL + 1_000_000)))
    size = sys.getsizeof(text)
    for language in ("AUTODETECT", smsenc.ALL_LANGUAGE_CODES):
        tracemalloc.start()
        try:
            result = smsenc.segment(text, language, max_parts=None)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert (result.encoding, result.message_count) == ("UCS2", 30304)  # 2M units / 66
        assert peak < 3 * size, f"{language}: peak {peak} for a text of {size} octets"
