"""non_gsm's advice: suggestions and the part counts they would give."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsenc

from .strategies import GSM_BASIC, GSM_EXTENSION, any_text

GSM = set(GSM_BASIC + GSM_EXTENSION)
culprit_text = st.lists(
    st.sampled_from(["a", " ", "\r\n", "\n", "€", "“", "”", "—", "…", "ж", "щ", "ş", "😀", "ç"]),
    max_size=300,
).map("".join)
languages = st.sampled_from([None, "TR", "AUTODETECT", smsenc.ALL_LANGUAGE_CODES])


@given(st.one_of(culprit_text, any_text), languages, st.sampled_from([8, 16]))
def test_every_count_is_what_segment_gives_the_edited_text(
    text: str, language: object, bits: int
) -> None:
    result = smsenc.segment(text, language, reference_bits=bits, max_parts=None)  # type: ignore[arg-type]

    def parts(edited: str) -> int:
        return smsenc.segment(edited, language, reference_bits=bits, max_parts=None).message_count  # type: ignore[arg-type]

    replacements = {}
    for use in result.non_gsm:
        assert use.source is not None and use.source[0] == result.text  # plain data
        if use.suggestion is None:
            assert use.parts_if_replaced is None
            continue
        assert set(use.suggestion) <= GSM
        assert use.parts_if_replaced == parts(result.text.replace(use.char, use.suggestion))
        replacements[ord(use.char)] = use.suggestion
    assert result.parts_if_all_replaced == parts(result.text.translate(replacements))
    assert result.parts_if_lf_only == parts(result.text.replace("\r\n", "\n"))


def test_a_typographic_quote_costs_a_part() -> None:
    text = "Don’t miss our sale: 20% off everything in store and online until Sunday night!!"
    result = smsenc.segment(text)
    assert (result.encoding, result.message_count) == ("UCS2", 2)
    [quote] = result.non_gsm
    assert (quote.char, quote.suggestion, quote.parts_if_replaced) == ("’", "'", 1)
    assert result.parts_if_all_replaced == 1


def test_no_suggestion_for_an_emoji_and_the_rest_still_counts() -> None:
    result = smsenc.segment("“Hi” 😀" + "a" * 70)
    assert [(u.char, u.suggestion, u.parts_if_replaced) for u in result.non_gsm] == [
        ("“", '"', 2),
        ("”", '"', 2),
        ("😀", None, None),
    ]
    assert (result.message_count, result.parts_if_all_replaced) == (2, 2)


def test_crlf_counts_in_either_encoding() -> None:
    assert smsenc.segment("line\r\n" * 30).parts_if_lf_only == 1  # 180 septets -> 150
    assert smsenc.segment("ж\r\n" * 30).parts_if_lf_only == 1  # 90 units -> 60
    assert smsenc.segment("no breaks").parts_if_lf_only == 1


def test_nothing_is_worked_out_until_read_and_to_dict_says_it_all() -> None:
    result = smsenc.segment("“quoted”\r\n")
    assert "parts_if_lf_only" not in vars(result)
    assert "parts_if_all_replaced" not in vars(result)
    assert "non_gsm" not in vars(result)
    use = result.non_gsm[0]
    assert not hasattr(use, "__dict__")  # a tuple: its advice is worked out when read
    assert result.to_dict()["non_gsm"] == [
        {"char": "“", "count": 1, "first_index": 0, "suggestion": '"', "parts_if_replaced": 1},
        {"char": "”", "count": 1, "first_index": 7, "suggestion": '"', "parts_if_replaced": 1},
    ]
    assert result.to_dict()["parts_if_all_replaced"] == 1
    assert result.to_dict()["parts_if_lf_only"] == 1
    assert use == smsenc.CharacterUse("“", 1, 0)  # the source is not part of equality
    assert hash(use) == hash(smsenc.CharacterUse("“", 1, 0))


def test_culprits_read_by_script() -> None:
    text = "Привет, мир! Как дела? 😀 “ok”"
    result = smsenc.segment(text)
    assert len(result.non_gsm) == 15  # one entry per character...
    groups = [(g.script, g.count, g.distinct, g.chars) for g in result.non_gsm_by_script]
    assert groups == [  # ...and one line per script
        ("Cyrillic", 16, 12, "ПриветмКакдл"),
        ("Common", 3, 3, "😀“”"),
    ]
    assert result.non_gsm_by_script[0].first_index == 0
    assert result.to_dict()["non_gsm_by_script"][1] == {
        "script": "Common",
        "count": 3,
        "distinct": 3,
        "chars": "😀“”",
        "first_index": text.index("😀"),
    }
    assert smsenc.segment("plain GSM").non_gsm_by_script == ()


def test_a_script_for_every_kind_of_character() -> None:
    from smsenc.engine.scripts import OTHER, script

    expected = {
        "ж": "Cyrillic",
        "ά": "Greek",
        "ש": "Hebrew",
        "ب": "Arabic",
        "क": "Devanagari",
        "中": "Han",
        "あ": "Hiragana",
        "한": "Hangul",
        "é": "Latin",
        "😀": "Common",
        "—": "Common",
        "\u0301": "Inherited",
        "ᚠ": OTHER,
    }  # Runic: historic
    assert {char: script(char) for char in expected} == expected


def test_one_suggestion_for_every_character_gsm_lacks() -> None:
    # Every character of the Basic Multilingual Plane outside the default alphabet and
    # its extension table: the suggestion is None, or what transliteration mode ALL
    # makes of it (after NFC) when that differs and is all GSM; "" means remove it.
    from smsenc.engine.savings import suggestion

    gsm = set(GSM)
    everything = smsenc.Transliterator("ALL")
    suggested = removed = 0
    for code in range(0x10000):
        char = chr(code)
        if char in gsm or 0xD800 <= code <= 0xDFFF:
            continue
        advice = suggestion(char)
        made = everything(char)
        if advice is None:
            assert made == char or not set(made) <= gsm, char
        else:
            assert advice == made and set(advice) <= gsm, char
            suggested += 1
            removed += advice == ""
    assert suggested >= 350 and removed >= 10  # the tables do cover a good deal


@pytest.mark.parametrize(
    ("char", "advice"),
    [
        ("\u200b", ""),  # ZERO WIDTH SPACE: invisible, remove it
        ("\u00ad", ""),  # SOFT HYPHEN
        ("\u2126", "Ω"),  # OHM SIGN: NFC makes it the Greek capital GSM has
        ("\u212b", "Å"),  # ANGSTROM SIGN
        ("\u037e", ";"),  # GREEK QUESTION MARK
        ("’", "'"),
        ("😀", None),  # no table covers it, and unidecode's guess is not advice
    ],
)
def test_the_suggestion_the_page_and_the_library_give(char: str, advice: str | None) -> None:
    result = smsenc.segment("x" + char)
    if result.non_gsm:
        assert result.non_gsm[0].suggestion == advice
    from smsenc.engine.savings import suggestion

    assert suggestion(char) == advice
