"""keep_graphemes=True: no part ends inside a grapheme cluster, and the choice stays optimal."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsenc
from smsenc.engine.graphemes import boundaries, clusters
from smsenc.engine.options import languages as resolve
from smsenc.engine.parts import utf16_units
from smsenc.gsm.charsets import LOCKING_TABLES, SINGLE_SHIFT_TABLES
from smsenc.gsm.udh import septet_capacity, ucs2_capacity

from .strategies import any_text, national_text

FAMILY = "👨\u200d👩\u200d👧"
CLUSTERS = ["a", " ", "€", "ж", "ş", "á", "😀", "🇪🇸", FAMILY, "e\u0301", "한", "\r\n", "ç"]
clustered_text = st.lists(st.sampled_from(CLUSTERS), max_size=300).map("".join)
# One cluster longer than a part: a letter with 200 combining marks.
heavy_text = st.builds(
    lambda a, n, b: a + "e" + "\u0301" * n + b,
    st.text(st.sampled_from("ab€"), max_size=80),
    st.integers(60, 200),
    st.text(st.sampled_from("ab😀"), max_size=80),
)
texts = st.one_of(clustered_text, any_text, heavy_text, national_text)
languages = st.sampled_from([None, "TR", "AUTODETECT", ["ES", "PT"]])


def _cost(chars: str, encoding: str, locking: int) -> int:
    if encoding == "UCS2":
        return utf16_units(chars)
    return sum(1 if c in LOCKING_TABLES[locking].chars else 2 for c in chars)


def _naive(text: str, encoding: str, locking: int, single: int, bits: int) -> tuple[int, ...]:
    """The rank of a cluster-by-cluster greedy split, written the plain way."""
    ies = (3 if locking else 0) + (3 if single else 0)
    udh_single = 1 + ies if ies else 0
    udh_multi = 1 + ies + (5 if bits == 8 else 6)

    def capacity(udh: int) -> int:
        return septet_capacity(udh) if encoding == "GSM7" else ucs2_capacity(udh)

    total = _cost(text, encoding, locking)
    if total <= capacity(udh_single):
        return (1, encoding == "UCS2", udh_single, -(capacity(udh_single) - total))
    cap = capacity(udh_multi)
    parts = [0]
    for cluster in clusters(text):
        size = _cost(cluster, encoding, locking)
        pieces = [cluster] if size <= cap else list(cluster)
        for piece in pieces:
            size = _cost(piece, encoding, locking)
            if parts[-1] + size > cap:
                parts.append(0)
            parts[-1] += size
    return (len(parts), encoding == "UCS2", udh_multi, -(cap - parts[-1]))


@given(texts, languages, st.sampled_from([8, 16]))
def test_parts_end_only_on_cluster_boundaries_and_the_choice_is_optimal(
    text: str, language: object, bits: int
) -> None:
    result = smsenc.segment(
        text,
        language,  # type: ignore[arg-type]
        reference_bits=bits,  # type: ignore[arg-type]
        max_parts=None,
        keep_graphemes=True,
    )
    assert "".join(result.parts) == result.text == text
    locking = result.locking_shift.identifier if result.locking_shift else 0
    units = [_cost(part, result.encoding, locking) for part in result.parts]
    assert units == list(result.part_units)
    assert all(u <= result.capacity for u in units)
    safe = set(boundaries(text))
    found = clusters(text)
    starts = list(itertools.accumulate(map(len, found), initial=0))
    for end in itertools.accumulate(map(len, result.parts[:-1])):
        if end not in safe:  # only inside a cluster too long for any part
            index = max(i for i, s in enumerate(starts) if s < end)
            assert _cost(found[index], result.encoding, locking) > result.capacity
    # Optimal over every allowed pair of tables and UCS-2, by brute force.
    ids = [lang.identifier for lang in resolve(language)]  # type: ignore[arg-type]
    options = [_naive(text, "UCS2", 0, 0, bits)]
    for lock in [0, *(i for i in ids if i in LOCKING_TABLES)]:
        for single in [0, *ids]:
            chars = LOCKING_TABLES[lock].chars | SINGLE_SHIFT_TABLES[single].chars
            if set(text) <= chars:
                options.append(_naive(text, "GSM7", lock, single, bits))
    assert result.rank() == min(options)


@given(texts, languages)
def test_without_a_cut_inside_a_cluster_nothing_changes(text: str, language: object) -> None:
    plain = smsenc.segment(text, language, max_parts=None)  # type: ignore[arg-type]
    safe = set(boundaries(text))
    if all(end in safe for end in plain.split.bounds):
        kept = smsenc.segment(text, language, max_parts=None, keep_graphemes=True)  # type: ignore[arg-type]
        assert kept.split == plain.split


@given(st.one_of(clustered_text, heavy_text))
def test_encode_and_preview_keep_clusters_too(text: str) -> None:
    result = smsenc.segment(text, "TR", keep_graphemes=True)
    message = smsenc.encode(text, "TR", reference=7, keep_graphemes=True)
    assert [part.text for part in message.parts] == list(result.parts)
    assert smsenc.decode_message(message) == text
    entry = smsenc.preview(text, "TR", keep_graphemes=True).previews[1]
    assert (entry.message_count, entry.characters_remaining) == (
        result.message_count,
        result.characters_remaining,
    )
    assert entry.segmentation.keep_graphemes
    assert (
        result.parts_if_lf_only
        == smsenc.count(text.replace("\r\n", "\n"), "TR", keep_graphemes=True).message_count
    )


def test_a_family_moves_whole_and_can_cost_a_part() -> None:
    text = "a" * 64 + FAMILY + "b" * 10  # UCS-2; the family is 8 code units
    plain = smsenc.segment(text)
    kept = smsenc.segment(text, keep_graphemes=True)
    assert (plain.part_units, plain.parts[0][-2:]) == ((67, 15), "👨\u200d")
    assert (kept.part_units, kept.parts[1][:5]) == ((64, 18), FAMILY)
    flags = "🇪🇸" * 17 + "x"  # 69 units, one part either way
    assert smsenc.segment(flags, keep_graphemes=True).part_units == (69,)
    # CR LF is one cluster: kept together it moves to part 2, and one "a" spills over.
    costly = "a" * 152 + "\r\n" + "a" * 152
    assert smsenc.segment(costly).part_units == (153, 153)
    assert smsenc.segment(costly, keep_graphemes=True).part_units == (152, 153, 1)


def test_keep_graphemes_must_be_a_bool() -> None:
    with pytest.raises(TypeError, match="keep_graphemes must be a bool, not int"):
        smsenc.segment("text", keep_graphemes=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="keep_graphemes must be a bool, not int"):
        smsenc.template_bounds("{x}", {"x": smsenc.Field(2)}, keep_graphemes=1)


def test_import_smsenc_loads_no_regex_until_clusters_are_needed() -> None:
    import subprocess
    import sys

    code = (
        "import sys, smsenc; smsenc.segment('hi'); smsenc.fit('hi'); smsenc.template_bounds"
        "; print('regex' in sys.modules); smsenc.fit('a' * 200); print('regex' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
