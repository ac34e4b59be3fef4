"""Transliteration modes: conventions per language, GSM safety, idempotence, part counts."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from smsenc import MODES, Transliterator, preview, segment, transliterate
from smsenc.engine.transliteration import PLACEHOLDER
from smsenc.gsm.septets import septet_translation

from .strategies import GSM_BASIC, GSM_EXTENSION, any_text


def is_gsm(text: str) -> bool:
    return text.translate(septet_translation(0, 0)).isascii()


def test_gsm_characters_are_never_touched() -> None:
    gsm = GSM_BASIC + GSM_EXTENSION
    for mode in MODES:
        assert transliterate(gsm, mode) == gsm, mode


def test_caller_overrides_win_over_the_mode() -> None:
    translit = Transliterator("TURKISH", {"ş": "sh", "✓": "OK"})
    assert translit("Şişli ✓") == "Sishli OK"
    assert translit.name == "TURKISH+CUSTOM"  # Infobip cannot repeat our own replacements
    assert segment("Şişli ✓", transliteration=translit).text == "Sishli OK"


def test_bad_modes_and_overrides_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown transliteration mode 'LATIN'; accepted: NONE"):
        transliterate("x", "LATIN")
    with pytest.raises(ValueError, match="single characters"):
        Transliterator("NONE", {"ab": "c"})
    with pytest.raises(TypeError, match="must be a str"):
        Transliterator("NONE", {"a": 1})  # type: ignore[dict-item]


@given(any_text)
def test_non_unicode_output_is_always_gsm(text: str) -> None:
    assert is_gsm(transliterate(text, "NON_UNICODE"))
    assert is_gsm(transliterate(text, ["ALL", "NON_UNICODE"]))


@given(
    st.one_of(any_text, st.text(st.sampled_from("aesSAEÅéş\u0301\u0308\u0327\u0323"))),
    st.sampled_from([*MODES, ("ALL", "NON_UNICODE")]),
)
def test_transliteration_is_idempotent(text: str, mode: str) -> None:
    once = transliterate(text, mode)
    assert transliterate(once, mode) == once


@given(st.text(alphabet=st.sampled_from(GSM_BASIC + GSM_EXTENSION)), st.sampled_from(MODES))
def test_gsm_text_passes_through(text: str, mode: str) -> None:
    assert transliterate(text, mode) == text


def test_transliteration_can_need_more_parts_than_ucs2() -> None:
    # Found out, and documented in README: a multi-letter replacement lengthens the text.
    # 70 × щ is one UCS-2 part; as "shch" × 70 it is 280 septets: two 7-bit parts.
    text = "щ" * 70
    assert segment(text).message_count == 1
    assert segment(text, transliteration="CYRILLIC").message_count == 2


SHORT_MODES = [
    mode
    for mode in MODES
    if all(len(r) <= 2 for r in Transliterator(mode).table.values())
    and mode not in ("NON_UNICODE",)
]


def test_which_modes_replace_with_at_most_two_characters() -> None:
    assert {
        "TURKISH",
        "GREEK",
        "CENTRAL_EUROPEAN",
        "BALTIC",
        "PORTUGUESE",
        "COLOMBIAN",
        "SERBIAN_CYRILLIC",
    } <= set(SHORT_MODES)
    assert "CYRILLIC" not in SHORT_MODES and "BULGARIAN_CYRILLIC" not in SHORT_MODES


@given(any_text, st.sampled_from(SHORT_MODES))
def test_short_replacements_never_need_more_parts_once_gsm(text: str, mode: str) -> None:
    # ≤ 2 septets per UTF-16 unit, and 2 × 67 ≤ 152: the 7-bit result never needs more parts.
    out = transliterate(text, mode)
    if is_gsm(out) and not is_gsm(text):
        assert (
            segment(out, max_parts=None).message_count
            <= segment(text, max_parts=None).message_count
        )


def test_non_unicode_replaces_a_lone_surrogate_with_the_placeholder() -> None:
    assert transliterate("a\ud83db", "NON_UNICODE") == "a" + PLACEHOLDER + "b"


@pytest.mark.parametrize(
    ("mode", "source", "expected"),
    [
        ("NON_UNICODE", "\u00c5\u0301", "Å"),  # not Ǻ, whose replacement would be "A"
        ("NON_UNICODE", "A\u030a\u0301", "Å"),  # the same text, canonically
        ("NON_UNICODE", "<\u0338", "<"),  # not ≮ (which has no GSM rendering)
        ("NON_UNICODE", "e\u0301\u0308", "é"),
        ("NON_UNICODE", "\u00e9\u0308", "é"),  # the same text, canonically
        ("TURKISH", "s\u0327", "s"),  # composes to ş, which TURKISH replaces
        ("TURKISH", "S\u0327\u0301", "\u015a"),  # Ş + acute: S + acute, in NFC Ś
        ("TURKISH", "\u015e\u0301", "\u015a"),  # the same text, canonically
        ("NON_UNICODE", "\u212b \u2126 \u212a", "Å Ω K"),  # NFC singletons
        ("TURKISH", "\u212b\u2126", "ÅΩ"),
        ("GREEK", "\u1f71\u1f73", "AE"),  # Greek with oxia: NFC gives ά έ
        ("CENTRAL_EUROPEAN", "ệ", "ệ"),  # uncovered, and kept whole: fewer UCS-2 units
        ("NON_UNICODE", "\u01fa", "Å"),  # precomposed Ǻ as well as Å + U+0301
        (["ALL", "NON_UNICODE"], "\u00c9\u0328", "É"),  # the GSM É before the table's Ę
        ("NON_UNICODE", "e" + "\u0301" * 30, "é"),  # many marks: no exponential search
    ],
)
def test_combining_marks_never_cost_a_gsm_letter(
    mode: str | list[str], source: str, expected: str
) -> None:
    assert transliterate(source, mode) == expected


# Letters only: "=" + U+0338 is canonically "≠", which becomes "!=" (and must, since
# equivalent texts transliterate alike), so a symbol need not survive its marks.
GSM_LETTERS = [c for c in GSM_BASIC if c.isalpha()]


@given(st.sampled_from(GSM_LETTERS), st.text(st.characters(categories=["Mn"]), max_size=3))
@example("Ω", "\u0300\u0483\u0345")  # NFC put Ω and U+0345 back together past U+0483
def test_a_gsm_letter_with_marks_keeps_its_letter(letter: str, marks: str) -> None:
    out = transliterate(letter + marks, "NON_UNICODE")
    # The letter survives, alone or composed with some of the marks into a GSM letter
    # (E + grave + acute: È is not GSM, É is).
    base = unicodedata.normalize("NFD", letter)[0]
    assert out.startswith(letter) or (
        is_gsm(out[:1]) and unicodedata.normalize("NFD", out)[:1] == base
    )


def test_overrides_alone_are_named_in_the_preview() -> None:
    custom = Transliterator(None, {"ş": "s", "ı": "i"})
    assert custom.name == "CUSTOM"
    entries = preview("şı" * 40, transliteration=custom).to_dict()["previews"]
    assert entries[0]["messageCount"] == 2 and entries[0]["configuration"] == {}
    assert entries[1]["textPreview"] == "si" * 40
    assert entries[1]["configuration"] == {"transliteration": "CUSTOM"}


@given(st.text(max_size=40), st.sampled_from([m for m in MODES if m != "NONE"]))
def test_canonically_equivalent_texts_transliterate_alike(text: str, mode: str) -> None:
    # (NONE leaves every text exactly as it is, normalization included.)
    nfd = unicodedata.normalize("NFD", text)
    nfc = unicodedata.normalize("NFC", text)
    assert transliterate(nfd, mode) == transliterate(nfc, mode)


@pytest.mark.parametrize(
    ("mode", "source"),
    [
        ("COLOMBIAN", "I" + "\u0301" * 5),
        ("TURKISH", "I" + "\u0307" * 5),
        ("GREEK", "Ω" + "\u0301" * 5),
    ],
)
def test_idempotent_with_a_letter_carrying_many_marks(mode: str, source: str) -> None:
    once = transliterate(source, mode)
    assert transliterate(once, mode) == once


def test_greek_punctuation_goes_through_nfc() -> None:
    assert transliterate("Τι;\u037e", "GREEK") == "TI;;"  # U+037E is ';' in NFC
    assert transliterate("\u0387", "ALL") == "."  # ano teleia: NFC's middle dot, typography


def test_preview_transliterates_once_for_every_language() -> None:
    calls = []
    custom = Transliterator("NON_UNICODE")
    original = type(custom).__call__

    def counting(self: Transliterator, text: str) -> str:
        calls.append(text)
        return original(self, text)

    type(custom).__call__ = counting  # type: ignore[method-assign]
    try:
        preview("Ήλιος ☀", "AUTODETECT", custom)
    finally:
        type(custom).__call__ = original  # type: ignore[method-assign]
    assert len(calls) == 1


def test_every_combining_character_lies_below_u20000() -> None:
    # The stream-safe class is read from U+0300..U+1FFFF only; this Python's Unicode
    # data must keep every nonzero combining class there.
    assert not any(unicodedata.combining(chr(c)) for c in range(0x20000, 0x110000))


def test_long_runs_of_marks_are_made_stream_safe() -> None:
    hebrew = "א" + "\u05b0\u0591" * 40  # 80 marks in no canonical order
    out = transliterate(hebrew, "NON_UNICODE")
    assert out == transliterate(out, "NON_UNICODE") and is_gsm(out)
    kept = transliterate("a" + "\u0301" * 31 + "b", "CENTRAL_EUROPEAN")
    assert "\u034f" in kept  # a combining grapheme joiner after the first 30 marks


@given(
    st.sampled_from(["A", "Å", "Ǻ", "I", "Ω", "ᾏ", "ş"]),
    st.lists(st.sampled_from(["\u0301", "\u0316", "\u0344", "\u0308", "\u0327"]), max_size=70),
    st.sampled_from(["GREEK", "TURKISH", "COLOMBIAN", "NON_UNICODE", "ALL"]),
)
def test_heavily_marked_letters_stay_canonical_and_idempotent(
    letter: str, marks: list[str], mode: str
) -> None:
    text = letter + "".join(marks)
    nfc = transliterate(unicodedata.normalize("NFC", text), mode)
    assert nfc == transliterate(unicodedata.normalize("NFD", text), mode)
    assert transliterate(nfc, mode) == nfc
