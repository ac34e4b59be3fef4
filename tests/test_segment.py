"""segment(): encoding detection, exact capacities and split points (TS 23.038 / 23.040)."""

from __future__ import annotations

import pytest

from smsenc import CharacterUse, TooManyPartsError, segment
from smsenc.gsm.udh import layout


def test_layout_header_sizes() -> None:
    assert layout("GSM7").udh_octets(concatenated=False) == 0
    assert layout("GSM7").udh_octets(concatenated=True) == 6
    assert layout("GSM7", reference_bits=16).udh_octets(concatenated=True) == 7
    assert layout("GSM7", 1, 1).udh_octets(concatenated=False) == 7
    assert layout("GSM7", 0, 2).udh_octets(concatenated=True) == 9


def test_escape_pair_never_straddles_a_boundary() -> None:
    text = "a" * 152 + "€" + "a" * 10
    result = segment(text)
    assert result.parts == ("a" * 152, "€" + "a" * 10)
    assert result.part_units == (152, 12)
    # the septet left empty at the end of part 1 is not room: only the last part counts
    assert result.characters_remaining == 153 - 12


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
