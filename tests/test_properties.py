"""Invariants of segment() over arbitrary text (hypothesis)."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from smsenc import LANGUAGES, TooManyPartsError, decode_message, encode, preview, segment
from smsenc.engine.parts import utf16_units
from smsenc.gsm.septets import septet_translation, to_septets

from .reference_model import greedy, gsm_costs, rank_gsm, utf16_costs
from .strategies import GSM_BASIC, GSM_EXTENSION, any_text, gsm_text, mixed_text, national_text

codes = st.lists(st.sampled_from([lang.code for lang in LANGUAGES]), max_size=4)


def _units(part: str, result_encoding: str, locking: int, single: int) -> int:
    if result_encoding == "UCS2":
        return utf16_units(part)
    septets = part.translate(septet_translation(locking, single))
    assert septets.isascii()
    return len(septets)


def _check(text: str, **options: object) -> None:
    try:
        result = segment(text, **options)  # type: ignore[arg-type]
    except TooManyPartsError:
        return
    assert "".join(result.parts) == result.text
    assert result.message_count == len(result.parts) == len(result.part_units)
    locking = result.locking_shift.identifier if result.locking_shift else 0
    single = result.single_shift.identifier if result.single_shift else 0
    units = [_units(p, result.encoding, locking, single) for p in result.parts]
    assert units == list(result.part_units)
    assert all(u <= result.capacity for u in units)
    assert 0 <= result.characters_remaining == result.capacity - units[-1]
    # greedy and whole: no part could have taken the next character (pairs move whole)
    for nxt, used in zip(result.parts[1:], units, strict=False):
        assert used + _units(nxt[0], result.encoding, locking, single) > result.capacity


@given(any_text)
def test_invariants_default_tables(text: str) -> None:
    _check(text)


@given(any_text, st.sampled_from([8, 16]))
def test_invariants_reference_bits(text: str, bits: int) -> None:
    _check(text, reference_bits=bits)


@given(national_text, codes)
def test_invariants_national_tables(text: str, languages: list[str]) -> None:
    _check(text, language_code=languages)


@given(gsm_text)
def test_gsm_repertoire_matches_the_naive_model(text: str) -> None:
    result = segment(text)
    costs = gsm_costs(text, 0, 0)
    assert costs is not None and result.encoding == "GSM7"
    assert list(result.part_units) == greedy(costs, 160, 153)


@given(mixed_text)
def test_ucs2_matches_the_naive_model(text: str) -> None:
    result = segment(text)
    if result.encoding == "UCS2":
        assert list(result.part_units) == greedy(utf16_costs(text), 70, 67)


@given(any_text, st.characters())
def test_appending_a_character_never_lowers_the_part_count(text: str, char: str) -> None:
    assume(len(text) < 5000)
    before = segment(text, max_parts=None).message_count
    assert segment(text + char, max_parts=None).message_count >= before


@given(national_text, st.characters(), codes)
def test_appending_never_lowers_parts_with_languages(
    text: str, char: str, langs: list[str]
) -> None:
    before = segment(text, langs, max_parts=None).message_count
    assert segment(text + char, langs, max_parts=None).message_count >= before


@given(st.text())
def test_any_str_gives_a_result(text: str) -> None:
    result = segment(text, "AUTODETECT", "ALL")
    assert result.message_count >= 1


@given(national_text, codes)
def test_choice_is_optimal_by_brute_force(text: str, languages: list[str]) -> None:
    result = segment(text, languages, max_parts=None)
    allowed = [0] + [lang.identifier for lang in LANGUAGES if lang.code in languages]
    lockings = [i for i in allowed if i != 2]  # Spanish has no locking table
    ranks = [r for L in lockings for S in allowed if (r := rank_gsm(text, L, S)) is not None]
    if result.encoding == "GSM7":
        got = (result.message_count, result.udh_octets, -result.characters_remaining)
        assert ranks and got == min(ranks)
    else:
        ucs2_parts = len(greedy(utf16_costs(text), 70, 67))
        assert not ranks or ucs2_parts < min(ranks)[0]


@given(national_text, codes, st.sampled_from([lang.code for lang in LANGUAGES]))
def test_adding_a_language_never_makes_it_worse(text: str, langs: list[str], extra: str) -> None:
    def rank(codes: list[str]) -> tuple[int, bool, int, int]:
        return segment(text, codes, max_parts=None).rank()

    assert rank([*langs, extra]) <= rank(langs)


@given(
    st.one_of(
        st.text(alphabet=st.sampled_from(["\ud83d", "\ude00", "a", "ж", "😀"]), max_size=300),
        st.text(alphabet=st.sampled_from(["\ud83d", "\ude00", "ж"]), max_size=300),
    )
)
def test_surrogates_written_as_separate_code_points(text: str) -> None:
    result = segment(text)
    assert "".join(result.parts) == text
    assert all(units <= result.capacity for units in result.part_units)
    assert [utf16_units(p) for p in result.parts] == list(result.part_units)
    for part, nxt in zip(result.parts, result.parts[1:], strict=False):
        # a high surrogate then a low one is one pair on the wire: never cut between
        assert not ("\ud800" <= part[-1] <= "\udbff" and "\udc00" <= nxt[0] <= "\udfff")


@given(
    st.text(st.characters(exclude_categories=()), max_size=400),  # lone surrogates too
    st.sampled_from([None, "TR", "AUTODETECT"]),
)
def test_every_entry_point_takes_any_str(text: str, language: str | None) -> None:
    entries = preview(text, language, "NON_UNICODE").to_dict()["previews"]
    assert len(entries) == (4 if language else 2)
    message = encode(text, language)
    # On the wire a high + low surrogate written as two code points is one pair, and
    # comes back as the one character it encodes (README: decisions).
    sent = message.segmentation.text
    expected = sent.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")
    assert decode_message(message) == expected


def test_a_pair_written_as_two_code_points_is_never_split() -> None:
    # No character above U+FFFF, so one unit per code point: the pair must still move.
    text = "中" * 66 + "\ud83d\ude00" + "中" * 3
    result = segment(text)
    assert result.part_units == (66, 5)
    assert result.parts == ("中" * 66, "\ud83d\ude00" + "中" * 3)
    payloads = [p.payload for p in encode(text, reference=1).parts]
    assert payloads[0].endswith("中".encode("utf-16-be"))
    assert payloads[1].startswith(bytes.fromhex("d83dde00"))


def test_separately_written_surrogates_decode_as_their_pair() -> None:
    message = encode("\ud83d\ude00")
    assert message.parts[0].payload == bytes.fromhex("d83dde00")
    assert decode_message(message) == "😀"


@given(any_text, codes)
def test_non_gsm_names_each_offending_character_exactly(text: str, languages: list[str]) -> None:
    result = segment(text, languages, max_parts=None)
    if result.encoding == "GSM7":
        assert result.non_gsm == ()
        return
    uses = result.non_gsm
    assert [u.first_index for u in uses] == sorted(u.first_index for u in uses)
    for use in uses:
        assert (use.count, use.first_index) == (text.count(use.char), text.index(use.char))
    if not languages:  # default tables: exactly the characters outside GSM 7-bit
        gsm = set(GSM_BASIC + GSM_EXTENSION)
        assert {u.char for u in uses} == {c for c in text if c not in gsm}


@given(st.one_of(any_text, st.text(alphabet=st.sampled_from("\x00aΩΣ€{é\x0cжç"), max_size=50)))
def test_one_octet_fast_path_agrees_with_the_str_translation(text: str) -> None:
    # Under the default tables to_septets() makes one octet per character (an encoding
    # map) and translates the octets; str.translate is the reference.  U+0000 sits at
    # octet 0 of that map without being GSM.
    reference = text.translate(septet_translation(0, 0))
    expected = reference.encode("latin-1") if reference.isascii() else None
    assert to_septets(text) == expected
