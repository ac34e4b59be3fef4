"""The fast path of segment() answers exactly what the general path answers."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smsenc.engine.chooser as chooser
from smsenc import ALL_LANGUAGE_CODES, TooManyPartsError, encode, segment
from smsenc.engine.chooser import general_choice
from smsenc.engine.options import AUTODETECT, DEFAULT_ONLY, Tables, allowed_tables, options
from smsenc.engine.parts import Split, split
from smsenc.gsm.septets import to_septets

from .strategies import GSM_BASIC, GSM_DEFAULT, GSM_EXTENSION, any_text, gsm_text


def choose(text: str, tables: Tables = DEFAULT_ONLY, bits: int = 8) -> Split:
    """The general path's split: the reference."""
    choice = general_choice(text, options(tables, bits, None, None, False))  # type: ignore[arg-type]
    layout, part_units, _, septets, _ = choice
    if septets is None and layout.encoding == "GSM7":
        septets = to_septets(text, layout.locking_id, layout.single_shift_id)
    return split(text, layout, part_units, septets)


def fast_split(text: str, default_tables_only: bool, bits: int) -> Split | None:
    """The split choose() gives without the general path, or None when it takes it."""
    tables = DEFAULT_ONLY if default_tables_only else allowed_tables([1, 2, 3])
    general: list[str] = []

    def recorded(text: str, options: chooser.Options) -> chooser.Choice:
        general.append(text)
        return general_choice(text, options)

    with pytest.MonkeyPatch.context() as patch:  # watch the dispatch, change nothing
        patch.setattr(chooser, "general_choice", recorded)
        found = chooser.choose(text, options(tables, bits, None, None, False))  # type: ignore[arg-type]
    if general:
        return None
    layout, part_units, _, _, _ = found
    septets = to_septets(text) if layout.encoding == "GSM7" else None
    return split(text, layout, part_units, septets)


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


@settings(max_examples=400)
@given(st.one_of(basic_text, gsm_text, any_text))
def test_segment_with_every_option_at_its_default_is_the_general_path(text: str) -> None:
    # segment(text) alone returns the shortcut's split without resolving options; an
    # option spelled out (max_parts=None) takes the whole way, through split_text.
    result = segment(text)
    assert result.split == choose(text, DEFAULT_ONLY, 8)
    assert result == segment(text, max_parts=None)
    assert result.to_dict() == segment(text, max_parts=None).to_dict()


# 255 full parts, then one character more that cannot join the last (a pair leaves one
# code unit of each UCS-2 part empty, where an "a" would still fit).
@pytest.mark.parametrize(
    ("text", "more"), [("a" * 153 * 255, "a"), ("ж" * 67 * 255, "a"), ("😀" * 33 * 255, "😀")]
)
def test_segment_with_every_option_at_its_default_stops_past_255_parts(
    text: str, more: str
) -> None:
    assert segment(text).message_count == 255
    with pytest.raises(TooManyPartsError) as raised:
        segment(text + more)
    assert (raised.value.parts, raised.value.limit) == (256, 255)


def takes(text: str, default_tables_only: bool) -> bool:
    """The chooser's C-level cases, told from the characters one by one."""
    if not default_tables_only and not text.isascii():
        return False  # national tables: the general path's one pass decides them all
    if all(c in GSM_BASIC for c in text):
        return True
    if all(c in GSM_DEFAULT for c in text):
        if text.isascii():  # escapes: one part only
            return len(text) + sum(c in GSM_EXTENSION for c in text) <= 160
        return False  # default tables, not ASCII: one translation decides and cuts it
    # UCS-2, for a character no default table holds; but surrogate code points take
    # the exact walk, the general way.
    return default_tables_only and not any("\ud800" <= c <= "\udfff" for c in text)


@settings(max_examples=400)
@given(st.one_of(basic_text, gsm_text, any_text), st.booleans(), st.sampled_from([8, 16]))
def test_the_shortcut_takes_exactly_its_three_cases(
    text: str, default_tables_only: bool, bits: int
) -> None:
    shortcut = fast_split(text, default_tables_only, bits)  # type: ignore[arg-type]
    assert (shortcut is not None) == takes(text, default_tables_only)
    if shortcut is not None:
        assert shortcut == choose(text, DEFAULT_ONLY, bits)
        if not default_tables_only:  # a GSM case: the default pair wins under any tables
            national = choose(text, allowed_tables([1, 2, 3]), bits)  # type: ignore[arg-type]
            assert shortcut == national


def test_the_shortcut_cases_at_their_edges() -> None:
    # "{" is ESC + 0x28: two septets, so 159 "a" and a "{" are 161 septets, past one part.
    assert fast_split("a" * 158 + "{", False, 8) == choose("a" * 158 + "{")
    assert fast_split("a" * 159 + "{", False, 8) is None
    # € is ESC + 0x65 too, but not ASCII: the default tables' one translation counts it.
    assert fast_split("a" * 158 + "€", True, 8) is None
    # Not ASCII, with national tables allowed: the general path's one pass.
    assert fast_split("é" * 158 + "[", False, 8) is None
    assert fast_split("Ω", False, 8) is None
    assert fast_split("Ω", True, 8) == choose("Ω")  # a Greek capital: one septet
    assert fast_split("a" * 161, False, 8) == choose("a" * 161)
    assert fast_split("ж", False, 8) is None  # a national table might carry it
    assert fast_split("`", False, 8) is None
    assert fast_split("€ж", False, 8) is None


def test_the_ucs2_shortcut_takes_a_text_the_default_tables_cannot_carry() -> None:
    for text in ("a" * 100 + "ж", "`", "[" * 100 + "ж", "a" * 200 + "😀"):
        shortcut = fast_split(text, True, 8)
        assert shortcut == choose(text)
        assert shortcut is not None and shortcut.layout.encoding == "UCS2"


@settings(max_examples=300)
@given(st.one_of(basic_text, gsm_text, any_text), LANGUAGES, st.sampled_from([8, 16]))
def test_septets_kept_from_choosing_are_the_text_translated_afresh(
    text: str, language: str | None, bits: int
) -> None:
    # segment() hands encode() the septets that choosing built, when it built them; a
    # result that kept none translates on first use: both must be the text's septets.
    result = segment(text, language, reference_bits=bits, max_parts=None)  # type: ignore[arg-type]
    layout = result.layout
    expected = (
        None
        if result.encoding == "UCS2"
        else to_septets(text, layout.locking_id, layout.single_shift_id)
    )
    assert result.septets == expected
    assert result._replace().septets == expected  # nothing kept: translated on first use
    if expected is not None and result.message_count <= 255:
        encoded = encode(text, language, reference_bits=bits, reference=0, packed=False)  # type: ignore[arg-type]
        assert b"".join(part.payload for part in encoded.parts) == expected
