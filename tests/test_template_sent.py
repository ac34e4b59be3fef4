"""template_bounds() under transliteration and grapheme clusters: brute force, and the
facts its argument rests on."""

from __future__ import annotations

import functools
import re
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import smsenc
from smsenc import Field, template_bounds
from smsenc.campaign.model import (
    _LAST_DECOMPOSABLE,
    GSM,
    Sender,
    _unicode,
    check_transliterator,
    inert,
    mark_ranges,
)
from smsenc.engine.transliteration import _MARKS, Transliterator

from .template_cases import check_by_brute_force, small_templates, within

MODES = [*smsenc.MODES, ["ALL", "NON_UNICODE"], ["CYRILLIC", "TURKISH"]]
LANGUAGES = [None, "TR", "ES", "PT", "AUTODETECT", ["TR", "PT"], smsenc.ALL_LANGUAGE_CODES]
# Characters each mode treats differently: Turkish and Iberian letters, Cyrillic (щ
# becomes four letters, Ь nothing), Greek, typography (“ —), a zero-width space that
# NON_UNICODE removes, GSM extension characters, and one in no table (ж).
PLAIN_POOL = "aşğçáíщЬжΩ€[\f“—\u200b😀 "
# ... and characters that merge with what comes before: combining marks (alone, and
# composed: é ü), a Hangul leading consonant, vowel and syllable, CR LF.
MERGING_POOL = PLAIN_POOL + "é\u0301\u0308\u0306ü\u1100\u1161가\r\n"
RUNS = [0, 60, 64, 66, 68, 130, 145, 150, 152, 153, 155, 158, 159]


@settings(max_examples=80, deadline=None)
@given(small_templates(PLAIN_POOL, RUNS, 2, 2), st.sampled_from(MODES), st.sampled_from(LANGUAGES))
def test_transliteration_piece_by_piece_is_exact(
    case: tuple[str, dict[str, Field]], mode: object, language: object
) -> None:
    # No character here merges with its neighbours, so each piece is transliterated
    # alone and the bounds are exact.
    template, fields = case
    bounds = check_by_brute_force(template, fields, language, mode)
    assert bounds.exact


@settings(max_examples=120, deadline=None)
@given(
    small_templates(MERGING_POOL, RUNS, 2, 2), st.sampled_from(MODES), st.sampled_from(LANGUAGES)
)
def test_transliteration_with_merging_characters_is_bounded(
    case: tuple[str, dict[str, Field]], mode: object, language: object
) -> None:
    # Marks can merge with the letter before them under NFC: the bounds hold for
    # every substitution, and an exact one is reached.
    template, fields = case
    check_by_brute_force(template, fields, language, mode, reference_bits=16)


@settings(max_examples=80, deadline=None)
@given(small_templates(PLAIN_POOL + "\r\n.€", RUNS, 2, 2), st.sampled_from(LANGUAGES))
def test_grapheme_clusters_are_exact_when_pieces_keep_their_own(
    case: tuple[str, dict[str, Field]], language: object
) -> None:
    # CR before LF is the one join of plain characters: bounded as one item.
    template, fields = case
    bounds = check_by_brute_force(template, fields, language, keep_graphemes=True)
    if not any(c in "\r\n" for f in fields.values() for c in f.alphabet):
        assert bounds.exact


@settings(max_examples=80, deadline=None)
@given(
    small_templates(MERGING_POOL + "🇪🇸\u200d", RUNS, 2, 2),
    st.sampled_from([None, "NON_UNICODE", "CYRILLIC"]),
    st.sampled_from([None, "AUTODETECT"]),
)
def test_grapheme_clusters_that_can_join_are_bounded(
    case: tuple[str, dict[str, Field]], mode: object, language: object
) -> None:
    template, fields = case
    check_by_brute_force(template, fields, language, mode, keep_graphemes=True)


def test_cyrillic_letters_becoming_four_are_counted_as_sent() -> None:
    # Issue 30: transliteration was "not supported".  щ is "shch" under CYRILLIC (four
    # septets), ь is nothing; the worst value is all щ, the best all ь.
    template = "Привет, {name}! Код {code}"
    fields = {"name": Field(40, 1, "щьабв"), "code": Field(4, 4, "digits")}
    bounds = template_bounds(template, fields, transliteration="CYRILLIC")
    assert bounds.exact
    assert bounds.worst.text == "Привет, " + "щ" * 40 + "! Код 0000"
    assert bounds.worst.found.text == "Privet, " + "shch" * 40 + "! Kod 0000"
    assert (bounds.worst.message_count, bounds.worst.encoding) == (2, "GSM7")
    assert bounds.best.found.text == "Privet, ! Kod 0000"
    assert bounds.best.text == "Привет, ь! Код 0000"


def test_non_unicode_names_in_any_script_are_exact() -> None:
    # Issue 30: NON_UNICODE was "not supported".  A "ucs2" name may hold any character;
    # the costliest one's fallback is thirteen GSM characters (爫: "Tsumekanmuri ").
    fields = {"name": Field(20, 0, "ucs2")}
    bounds = template_bounds("Hi {name}, see you!", fields, transliteration="NON_UNICODE")
    assert bounds.exact
    assert bounds.worst.found.text == "Hi " + "Tsumekanmuri " * 20 + ", see you!"
    assert (bounds.worst.message_count, bounds.worst.encoding) == (2, "GSM7")
    assert bounds.best.text == "Hi , see you!"


@functools.lru_cache(maxsize=16)
def _bounds(
    template: str, spec: Field, mode: str | None, keep_graphemes: bool
) -> smsenc.TemplateBounds:
    return template_bounds(template, {"name": spec}, None, mode, keep_graphemes=keep_graphemes)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        st.one_of(
            st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)),
            st.sampled_from("щЩ爫⣿שּׁᾂ\u0301\u0344\u0308\u1161가ЬЁ"),
        ),
        max_size=20,
    ),
    st.sampled_from(["NON_UNICODE", "CYRILLIC", "TURKISH", "ALL", "GREEK"]),
)
def test_no_ucs2_value_passes_the_bounds(value: str, mode: str) -> None:
    bounds = _bounds("Hi {name}, see you!", Field(20, 0, "ucs2"), mode, False)
    rank = smsenc.segment(f"Hi {value}, see you!", transliteration=mode, max_parts=None).rank()
    assert bounds.best.message_count <= rank[0] <= bounds.worst.message_count
    assert bounds.best.found.rank() <= rank or not bounds.best.exact
    assert rank <= bounds.worst.found.rank() or not bounds.worst.exact


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["👨\u200d👩\u200d👧", "🇪🇸", "e\u0301\u0301", "a", "\r\n", "😀", "\u0301"]),
        max_size=12,
    ).map("".join),
    st.sampled_from([None, "NON_UNICODE"]),
)
def test_no_clustered_value_passes_the_bounds(value: str, mode: str | None) -> None:
    alphabet = "any" if mode is None else "ucs2"  # "any" under NON_UNICODE reads 1.1M fallbacks
    if mode is not None:
        value = "".join(c for c in value if ord(c) <= 0xFFFF)
    bounds = _bounds("a" * 100 + "{name}", Field(40, 0, alphabet), mode, True)
    text = "a" * 100 + value
    sent = smsenc.segment(text, None, mode, keep_graphemes=True, max_parts=None)
    assert bounds.best.message_count <= sent.message_count <= bounds.worst.message_count


def test_marks_under_a_national_mode_are_bounded_not_exact() -> None:
    # Under CYRILLIC a combining mark stays (UCS-2), and precomposed letters can lose
    # their marks to the next one: the worst is bounded, the substitution found is real.
    fields = {"x": Field(4, 0, "ü\u0301\u0328")}
    bounds = check_by_brute_force("a" * 60 + "{x}", fields, None, "CYRILLIC")
    assert within("a" * 60 + "{x}", fields, bounds.worst.found.original_text)


@pytest.mark.parametrize("mode", [["ALL", "NON_UNICODE"], "NON_UNICODE", "CYRILLIC"])
def test_a_mark_outside_the_ranges_between_a_letter_and_a_mark(mode: object) -> None:
    # U+3099 is outside the transliterator's mark ranges, so the circumflex after it is
    # not dropped with it after щ; later, "shch" ends in h, which composes with ^.
    check_by_brute_force("a{x}", {"x": Field(3, 0, "щ\u3099\u0302")}, None, mode)


def test_a_caller_override_outside_gsm_is_refused() -> None:
    with pytest.raises(ValueError, match="not all GSM 7-bit characters"):
        template_bounds("{x}", {"x": Field(2)}, transliteration=Transliterator("NONE", {"a": "ж"}))
    bounds = template_bounds(
        "{x}", {"x": Field(2, 0, "şa")}, transliteration=Transliterator("TURKISH", {"ş": "sh"})
    )
    assert bounds.worst.found.text == "shsh" and bounds.exact


# --- the facts the argument rests on -------------------------------------------------


@pytest.mark.parametrize("mode", smsenc.MODES)
def test_every_mode_keeps_what_the_bounds_rely_on(mode: str) -> None:
    transliterator = Transliterator(mode)
    check_transliterator(transliterator)  # replacements all GSM, removals plain
    assert all(unicodedata.normalize("NFC", g) == g and inert(g) for g in GSM)


def test_a_character_built_on_an_inert_starter_is_inert() -> None:
    # What NFC builds on the first starter of a piece keeps the piece starting inert.
    for code in range(_LAST_DECOMPOSABLE + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or unicodedata.normalize("NFC", char) != char:
            continue
        lead = unicodedata.normalize("NFD", char)[0]
        if lead != char and inert(lead):
            assert inert(char), hex(code)


def test_gsm_letters_compose_only_with_marks_in_the_ranges() -> None:
    # What lets NON_UNICODE drop the composites of later rounds from a mark's block
    # (when false, they are counted, and the bounds stay sound).
    assert _unicode().gsm_seconds <= mark_ranges()


def test_the_mark_ranges_are_the_transliterators() -> None:
    pattern = re.compile(f"[{_MARKS}]")
    expected = {chr(c) for c in range(0x10000) if pattern.match(chr(c))}
    assert {c for c in mark_ranges() if ord(c) < 0x10000} == expected


def test_no_canonical_decomposition_lies_past_the_scan() -> None:
    beyond = [
        code
        for code in range(_LAST_DECOMPOSABLE + 1, 0x110000)
        if (d := unicodedata.decomposition(chr(code))) and not d.startswith("<")
    ]
    assert beyond == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.sampled_from(MERGING_POOL + "ЁёйÅǺ\u0327"), max_size=6),
    st.sampled_from("aщЬ€ж😀 шΩ“"),
    st.text(st.sampled_from(MERGING_POOL + "ЁёйÅǺ\u0327"), max_size=6),
    st.sampled_from(MODES),
)
def test_a_transliteration_splits_before_a_hard_character(
    before: str, hard: str, after: str, mode: object
) -> None:
    # The lemma behind exact bounds: a piece starting with a hard character is
    # transliterated as if alone, whatever comes before it.
    sender = Sender(smsenc.engine.options.as_transliterator(mode))  # type: ignore[arg-type]
    assume(sender.hard(hard))
    assert sender(before + hard + after) == sender(before) + sender(hard + after)
