"""segment(): encoding detection, exact capacities and split points (TS 23.038 / 23.040)."""

from __future__ import annotations

import pytest

from smsenc import CharacterUse, TooManyPartsError, segment
from smsenc.udh import Layout, septet_capacity, ucs2_capacity


@pytest.mark.parametrize(
    ("udh_octets", "septets", "units"),
    [
        (0, 160, 70),  # no header
        (4, 155, 68),  # one national shift IE: TS 23.038 Annex C.2's 155
        (6, 153, 67),  # 8-bit concatenation
        (7, 152, 66),  # 16-bit concatenation, or both national IEs (Annex C.3's 152)
        (9, 149, 65),  # 8-bit concatenation + one national IE
        (12, 146, 64),  # 8-bit concatenation + both national IEs
        (13, 145, 63),  # 16-bit concatenation + both national IEs
    ],
)
def test_capacities_from_bit_arithmetic(udh_octets: int, septets: int, units: int) -> None:
    assert septet_capacity(udh_octets) == septets
    assert ucs2_capacity(udh_octets) == units


def test_layout_header_sizes() -> None:
    assert Layout("GSM7").udh_octets(concatenated=False) == 0
    assert Layout("GSM7").udh_octets(concatenated=True) == 6
    assert Layout("GSM7", reference_bits=16).udh_octets(concatenated=True) == 7
    assert Layout("GSM7", 1, 1).udh_octets(concatenated=False) == 7
    assert Layout("GSM7", 0, 2).udh_octets(concatenated=True) == 9


def test_160_gsm_characters_are_one_part() -> None:
    result = segment("a" * 160)
    assert (result.encoding, result.message_count, result.characters_remaining) == ("GSM7", 1, 0)


def test_161_gsm_characters_are_153_plus_8() -> None:
    result = segment("a" * 161)
    assert result.part_units == (153, 8)
    assert result.parts == ("a" * 153, "a" * 8)
    assert result.characters_remaining == 145
    assert result.capacity == 153 and result.udh_octets == 6


def test_70_and_71_ucs2_units() -> None:
    assert segment("ж" * 70).part_units == (70,)
    result = segment("ж" * 71)
    assert (result.encoding, result.part_units, result.characters_remaining) == (
        "UCS2",
        (67, 4),
        63,
    )


def test_escape_pair_never_straddles_a_boundary() -> None:
    text = "a" * 152 + "€" + "a" * 10
    result = segment(text)
    assert result.parts == ("a" * 152, "€" + "a" * 10)
    assert result.part_units == (152, 12)
    # the septet left empty at the end of part 1 is not room: only the last part counts
    assert result.characters_remaining == 153 - 12


def test_escape_pair_that_fits_exactly_stays() -> None:
    result = segment("a" * 151 + "€" + "a" * 10)
    assert result.part_units == (153, 10)


def test_emoji_straddling_the_67_unit_boundary_moves_whole() -> None:
    text = "ж" * 66 + "😀" + "ж" * 10
    result = segment(text)
    assert result.parts == ("ж" * 66, "😀" + "ж" * 10)
    assert result.part_units == (66, 12)
    assert result.characters_remaining == 55


def test_astral_character_counts_two_units() -> None:
    assert segment("😀" * 35).part_units == (70,)
    assert segment("😀" * 36).part_units == (66, 6)


@pytest.mark.parametrize("char", ["\f", "^", "{", "}", "\\", "[", "~", "]", "|", "€"])
def test_every_extension_character_costs_two_septets(char: str) -> None:
    result = segment(char * 80)
    assert (result.encoding, result.part_units, result.characters_remaining) == ("GSM7", (160,), 0)
    result = segment(char * 81)
    assert result.part_units == (152, 10)  # 76 pairs fit in 153: the 77th would straddle


def test_capital_c_cedilla_is_gsm_small_is_not() -> None:
    assert segment("Ç").encoding == "GSM7"
    result = segment("ç")
    assert result.encoding == "UCS2"
    assert result.non_gsm == (CharacterUse("ç", 1, 0),)


@pytest.mark.parametrize("char", ["`", "\t", "\x00", "\x1b", "\x7f", "\uffff", "\u00a0"])
def test_characters_outside_gsm(char: str) -> None:
    assert segment("x" + char).encoding == "UCS2"


@pytest.mark.parametrize("char", ["\n", "\r", "@", "£", "¤", "Δ", "ß", "É", "§", "¿", "à"])
def test_characters_inside_gsm(char: str) -> None:
    assert segment(char).part_units == (1,)


def test_16_bit_reference_capacities() -> None:
    gsm = segment("a" * 161, reference_bits=16)
    assert gsm.part_units == (152, 9) and gsm.udh_octets == 7
    ucs2 = segment("ж" * 71, reference_bits=16)
    assert ucs2.part_units == (66, 5)


def test_empty_text_is_one_part_with_full_capacity() -> None:
    result = segment("")
    assert result.parts == ("",)
    assert (result.message_count, result.characters_remaining, result.encoding) == (1, 160, "GSM7")


def test_explanation_names_each_offending_character_once() -> None:
    result = segment("Hi “Anna” — ok“")
    assert result.encoding == "UCS2"
    assert result.non_gsm == (
        CharacterUse("“", 2, 3),
        CharacterUse("”", 1, 8),
        CharacterUse("—", 1, 10),
    )


def test_lone_surrogate_is_one_ucs2_unit() -> None:
    result = segment("hi \ud83d")
    assert (result.encoding, result.part_units) == ("UCS2", (4,))
    assert result.non_gsm == (CharacterUse("\ud83d", 1, 3),)


def test_255_parts_is_the_limit() -> None:
    assert segment("a" * 153 * 255).message_count == 255
    with pytest.raises(TooManyPartsError, match=r"needs 256 GSM7 parts .* at most 255") as info:
        segment("a" * (153 * 255 + 1))
    assert (info.value.parts, info.value.limit) == (256, 255)


def test_limit_can_be_lifted_for_counting() -> None:
    result = segment("a" * 1_000_000, max_parts=None)
    assert result.message_count == -(-1_000_000 // 153)
    assert "".join(result.parts) == "a" * 1_000_000


def test_megabyte_of_text_is_a_clear_error_by_default() -> None:
    with pytest.raises(TooManyPartsError, match="at most 255"):
        segment("ж" * 1_000_000)


@pytest.mark.parametrize("bad", [b"bytes", None, 42, ["a"]])
def test_non_str_is_a_type_error_naming_the_type(bad: object) -> None:
    with pytest.raises(TypeError, match=f"not {type(bad).__name__}"):
        segment(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reference_bits": 12}, "reference_bits must be 8 or 16"),
        ({"max_parts": 0}, "max_parts must be >= 1, got 0"),
        ({"language_code": "XX"}, "accepted: TR, ES, PT, BN"),
        ({"transliteration": "KLINGON"}, "accepted: NONE, TURKISH"),
    ],
)
def test_invalid_options_list_what_is_accepted(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        segment("text", **kwargs)  # type: ignore[arg-type]
