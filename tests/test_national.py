"""National language shift tables: choice, capacities, language codes (TS 23.038 Annex A)."""

from __future__ import annotations

import pytest

from smsenc import CharacterUse, encode, preview, segment

TURKISH = "Şişli'de buluşalım mı? Iğdır'dan geliyorum."


def _tables(text: str, *args: object, **kwargs: object) -> tuple[str | None, str | None]:
    r = segment(text, *args, **kwargs)  # type: ignore[arg-type]
    return (
        r.locking_shift.code if r.locking_shift else None,
        r.single_shift.code if r.single_shift else None,
    )


def test_turkish_is_ucs2_without_a_language_and_7_bit_with_tr() -> None:
    plain = segment(TURKISH)
    assert plain.encoding == "UCS2"
    assert {use.char for use in plain.non_gsm} == {"Ş", "ş", "ı", "ğ"}
    turkish = segment(TURKISH, "TR")
    assert turkish.encoding == "GSM7"
    assert _tables(TURKISH, "TR") == ("TR", None)  # locking: every letter one septet
    assert turkish.udh_octets == 4 and turkish.capacity == 155
    assert turkish.part_units == (len(TURKISH),)


def test_spanish_accents_use_the_spanish_single_shift_table() -> None:
    text = "Llegará el día 5: último aviso, ¿sí? Información en Barça"
    assert {u.char for u in segment(text).non_gsm} == {"á", "í", "ú", "ó", "ç"}
    result = segment(text, "ES")
    assert (result.encoding, _tables(text, "ES")) == ("GSM7", (None, "ES"))
    # á í ú í ó ç: six characters of A.2.2, each ESC + septet
    assert result.part_units == (len(text) + 6,)
    assert result.capacity == 155


def test_hindi_sentence_under_the_hindi_locking_table() -> None:
    text = "नमस्ते, आपका ऑर्डर 12 कल पहुँचेगा।"
    result = segment(text, "HI")
    assert result.encoding == "GSM7"
    assert _tables(text, "HI")[0] == "HI"
    assert result.part_units[0] >= len(text)


def test_tamil_sentence_under_the_tamil_locking_table() -> None:
    text = "வணக்கம், உங்கள் பொருள் நாளை வரும்"
    result = segment(text, "TA")
    assert (result.encoding, _tables(text, "TA")) == ("GSM7", ("TA", None))
    assert result.part_units == (len(text),)


def test_national_locking_with_the_default_extension() -> None:
    text = "Şifre: [4711] ödeme için"
    assert _tables(text, "TR") == ("TR", None)  # "[" and "]" come from the default extension
    result = segment(text, "TR")
    assert result.part_units == (len(text) + 2,)
    assert result.udh_octets == 4


def test_euro_is_one_septet_in_the_turkish_locking_table() -> None:
    text = "Fiyat: 25 € - ödeme şimdi"
    assert segment(text).encoding == "UCS2"  # ş is not in the default alphabet
    assert segment(text, "TR").part_units == (len(text),)  # € sits at 0x04 of A.3.1


def test_single_shift_only_when_locking_is_not_allowed() -> None:
    text = "Şı ğ"
    assert _tables(text, "TR", allow_locking_shift=False) == (None, "TR")
    result = segment(text, "TR", allow_locking_shift=False)
    assert result.part_units == (len(text) + 3,) and result.capacity == 155


def test_both_tables_of_one_language() -> None:
    text = "अ ०"  # अ: Hindi locking only; ० (digit zero): Hindi single shift only
    assert _tables(text, "HI") == ("HI", "HI")
    result = segment(text, "HI")
    assert result.part_units == (4,) and result.udh_octets == 7 and result.capacity == 152


def test_autodetect_may_pair_two_languages() -> None:
    text = "ş á"  # ş: Turkish locking only; á: Spanish (or Portuguese) single shift only
    assert segment(text, "TR").encoding == "UCS2"
    assert segment(text, "ES").encoding == "UCS2"
    assert _tables(text, "AUTODETECT") == ("TR", "ES")
    result = segment(text, "AUTODETECT")
    assert result.udh_octets == 7 and result.capacity == 152
    assert result.part_units == (4,)


@pytest.mark.parametrize(
    ("text", "options", "tables", "capacities"),
    [
        ("ş", {"language_code": "TR", "allow_locking_shift": False}, (None, "TR"), (155, 149)),
        ("ş", {"language_code": "TR", "allow_single_shift": False}, ("TR", None), (155, 149)),
        ("अ०", {"language_code": "HI"}, ("HI", "HI"), (152, 146)),
        (
            "ş",
            {"language_code": "TR", "allow_locking_shift": False, "reference_bits": 16},
            (None, "TR"),
            (155, 148),
        ),
        ("अ०", {"language_code": "HI", "reference_bits": 16}, ("HI", "HI"), (152, 145)),
        (
            "ş",
            {"language_code": "TR", "allow_single_shift": False, "reference_bits": 16},
            ("TR", None),
            (155, 148),
        ),
    ],
)
def test_exact_capacities_with_national_ies(
    text: str,
    options: dict[str, object],
    tables: tuple[str | None, str | None],
    capacities: tuple[int, int],
) -> None:
    assert _tables(text, **options) == tables
    assert segment(text, **options).capacity == capacities[0]  # type: ignore[arg-type]
    long = segment(text * 200, **options)  # type: ignore[arg-type]
    assert long.capacity == capacities[1]
    assert all(units <= capacities[1] for units in long.part_units)
    assert max(long.part_units) >= capacities[1] - 1  # full but for a moved pair


def test_requested_language_not_needed_uses_default_tables() -> None:
    result = segment("Plain ASCII text", "TR")
    assert (result.locking_shift, result.single_shift, result.udh_octets) == (None, None, 0)
    assert result.capacity == 160
    entry = preview("Plain ASCII text", "TR").previews[1]
    assert entry.configuration.to_dict() == {
        "language": {"languageCode": "TR", "singleShift": False, "lockingShift": False}
    }


def test_default_tables_win_ties() -> None:
    # "é" is in the default alphabet and in no way cheaper elsewhere
    assert _tables("é ü", "AUTODETECT") == (None, None)


def test_ucs2_explanation_under_languages_names_what_no_table_covers() -> None:
    result = segment("ş and ж", "TR")
    assert result.encoding == "UCS2"
    assert result.non_gsm == (CharacterUse("ж", 1, 6),)


def test_language_codes_are_case_insensitive_and_validated() -> None:
    assert _tables("ş", "tr") == ("TR", None)
    with pytest.raises(ValueError, match="unknown language code 'FR'; accepted: TR, ES, PT"):
        segment("x", "FR")
    with pytest.raises(TypeError, match="language_code items must be str, not int"):
        segment("x", [1])  # type: ignore[list-item]


def test_spanish_has_no_locking_table() -> None:
    assert _tables("á", "ES", allow_single_shift=False) == (None, None)
    assert segment("á", "ES", allow_single_shift=False).encoding == "UCS2"


def test_segment_reports_the_header_it_needs() -> None:
    # TS 23.040 §9.2.3.24.15/16: single shift IE 24 01 id, locking shift IE 25 01 id
    assert segment("अ०", "HI").udh() == bytes.fromhex("06 24 01 06 25 01 06")
    assert segment("Şişli", "TR").udh() == bytes.fromhex("03 25 01 01")
    assert segment("plain").udh() == b""
    long = segment("ı{" * 100, "TR")
    # UDHL 8 = concatenation IE (5) + locking shift IE (3)
    assert long.udh(2, reference=0x42) == bytes.fromhex("08 00 03 42 03 02 25 01 01")
    with pytest.raises(ValueError, match=r"sequence must be 1\.\.3"):
        long.udh(4)
    with pytest.raises(ValueError, match=r"reference must be 0\.\.255"):
        long.udh(1, reference=256)


def test_old_table_keywords_still_work_with_a_deprecation_warning() -> None:
    text = "Şimdi"
    with pytest.warns(DeprecationWarning, match="allow_locking_shift"):
        old = segment(text, "TR", locking_shift=False)
    assert old == segment(text, "TR", allow_locking_shift=False)
    with pytest.warns(DeprecationWarning, match="allow_single_shift"):
        old_message = encode(text, "TR", single_shift=False, reference=1)
    assert old_message.parts == encode(text, "TR", allow_single_shift=False, reference=1).parts
