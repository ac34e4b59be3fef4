"""preview() under several languages decides in one pass what a loop over them decides."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from smsenc import ALL_LANGUAGE_CODES, preview, segment
from smsenc.previews import AUTODETECT, Segmentation

from .strategies import any_text, national_text

CODES = st.sampled_from([AUTODETECT, "TR", "es", *ALL_LANGUAGE_CODES])


def _loop(text: str, code: str, bits: int, max_parts: int | None) -> Segmentation:
    """The reference: each language competing alone through segment(), first best kept."""
    from smsenc.engine.options import languages as resolve

    best: Segmentation | None = None
    for language in resolve(code):
        result = segment(text, language.code, reference_bits=bits, max_parts=max_parts)
        if best is None or result.rank() < best.rank():
            best = result
    assert best is not None
    return best


@settings(max_examples=300)
@given(st.one_of(any_text, national_text), CODES, st.sampled_from([8, 16]))
def test_language_preview_is_the_loop_over_languages(text: str, code: str, bits: int) -> None:
    entry = preview(text, code, reference_bits=bits, max_parts=None).previews[1]
    expected = _loop(text, code, bits, None)
    got = entry.segmentation
    assert got == expected  # every field: texts, split, tables, transliteration
    used = expected.locking_shift or expected.single_shift
    named = used.code if code == AUTODETECT and used is not None else code.strip().upper()
    assert entry.configuration.language_code == named
    assert entry.configuration.locking_shift == (expected.locking_shift is not None)
    assert entry.configuration.single_shift == (expected.single_shift is not None)
