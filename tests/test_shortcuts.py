"""The fast path of segment() answers exactly what the general path answers."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from smsenc import ALL_LANGUAGE_CODES, segment
from smsenc.languages import AUTODETECT
from smsenc.selection import allowed_tables, choose
from smsenc.shortcuts import fast_split

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
    shortcut = fast_split(text, False, bits)  # type: ignore[arg-type]
    taken = all(c in GSM_BASIC for c in text)
    assert (shortcut is not None) == taken
    if shortcut is not None:
        assert shortcut == choose(text, reference_bits=bits)  # type: ignore[arg-type]
        assert shortcut == choose(text, allowed_tables([1, 2, 3]), bits)  # type: ignore[arg-type]


def test_the_shortcut_declines_an_extension_character_and_ucs2() -> None:
    assert fast_split("a" * 159 + "€", False, 8) is None  # € is ESC + 0x65
    assert fast_split("Ω", False, 8) == choose("Ω")  # a Greek capital: one septet
    assert fast_split("ж", False, 8) is None
    assert fast_split("a" * 161, False, 8) == choose("a" * 161)


@settings(max_examples=300)
@given(any_text, st.sampled_from([8, 16]))
def test_the_ucs2_shortcut_is_the_default_choice(text: str, bits: int) -> None:
    shortcut = fast_split(text, True, bits)  # type: ignore[arg-type]
    if shortcut is not None:
        assert shortcut == choose(text, reference_bits=bits)  # type: ignore[arg-type]


def test_the_ucs2_shortcut_takes_a_text_the_default_tables_cannot_carry() -> None:
    assert fast_split("a" * 100 + "ж", True, 8) == choose("a" * 100 + "ж")
    assert fast_split("a" * 100 + "ж", True, 8).layout.encoding == "UCS2"  # type: ignore[union-attr]
    assert fast_split("ж", False, 8) is None  # a national table might carry it
