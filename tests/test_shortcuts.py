"""The fast path of segment() answers exactly what the general path answers."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from smsenc import ALL_LANGUAGE_CODES, segment
from smsenc.languages import AUTODETECT
from smsenc.selection import allowed_tables, choose
from smsenc.shortcuts import default_alphabet_split

from .strategies import GSM_BASIC, any_text

basic_text = st.text(alphabet=st.sampled_from(GSM_BASIC), max_size=700)
LANGUAGES = st.sampled_from([None, AUTODETECT, "TR", "ES", "PT", "HI", ALL_LANGUAGE_CODES])


@settings(max_examples=400)
@given(
    st.one_of(basic_text, any_text),
    LANGUAGES,
    st.booleans(),
    st.booleans(),
    st.sampled_from([8, 16]),
)
def test_segment_is_the_general_path_field_for_field(
    text: str, language: str | None, locking: bool, single: bool, bits: int
) -> None:
    result = segment(
        text,
        language,
        allow_locking_shift=locking,
        allow_single_shift=single,
        reference_bits=bits,  # type: ignore[arg-type]
        max_parts=None,
    )
    general = choose(text, result.allowed_tables, bits)  # type: ignore[arg-type]
    assert result.split == general
    assert result.parts == tuple(text[a:b] for a, b in pairwise(general.bounds))


@settings(max_examples=300)
@given(st.one_of(basic_text, any_text), st.sampled_from([8, 16]))
def test_the_shortcut_takes_exactly_the_default_alphabet_proper(text: str, bits: int) -> None:
    shortcut = default_alphabet_split(text, bits)  # type: ignore[arg-type]
    taken = all(c in GSM_BASIC for c in text)
    assert (shortcut is not None) == taken
    if shortcut is not None:
        assert shortcut == choose(text, reference_bits=bits)  # type: ignore[arg-type]
        assert shortcut == choose(text, allowed_tables([1, 2, 3]), bits)  # type: ignore[arg-type]


def test_the_shortcut_declines_an_extension_character_and_ucs2() -> None:
    assert default_alphabet_split("a" * 159 + "€", 8) is None  # € is ESC + 0x65
    assert default_alphabet_split("Ω", 8) == choose("Ω")  # a Greek capital: one septet
    assert default_alphabet_split("ж", 8) is None
    assert default_alphabet_split("a" * 161, 8) == choose("a" * 161)
