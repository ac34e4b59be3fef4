"""count_arrow() and its engine recipes (DuckDB, Polars) equal segment() row for row.

The kernels decide most rows on the arrays themselves; the property tests hold every row
equal to ``smsenc.count`` under every option (the rows they decide and the rows they
leave to ``count_many`` alike), and a spy on ``count_many`` shows which rows reach Python.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import duckdb
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsenc
import smsenc.arrow
from smsenc.arrow import SCHEMA, TYPE, count_arrow

from .strategies import ASTRAL, GSM_BASIC, GSM_DEFAULT, gsm_text, national_text

TEXTS = ["hello", None, "Привет", "a" * 161, "€" * 81, "", "😀 ok", None, "ş á"]


def expected(text: str | None, *args: Any) -> dict[str, Any] | None:
    if text is None:
        return None
    r = smsenc.segment(text, *args)
    return {
        "encoding": r.encoding,
        "message_count": r.message_count,
        "characters_remaining": r.characters_remaining,
        "units": r.units,
    }


@pytest.mark.parametrize("type_", [pa.string(), pa.large_string(), pa.string_view()])
def test_every_string_type_nulls_stay_null(type_: pa.DataType) -> None:
    result = count_arrow(pa.array(TEXTS, type_))
    assert isinstance(result, pa.StructArray)
    assert result.type == TYPE == pa.struct(list(SCHEMA))
    assert result.null_count == 2
    assert result.to_pylist() == [expected(t) for t in TEXTS]


def test_chunked_arrays_and_options() -> None:
    chunked = pa.chunked_array([TEXTS[:4], TEXTS[4:]], pa.large_string())
    result = count_arrow(chunked, "AUTODETECT")
    assert result.to_pylist() == [expected(t, "AUTODETECT") for t in TEXTS]
    assert count_arrow(pa.array([], pa.string())).to_pylist() == []


def test_wrong_inputs_are_type_errors() -> None:
    with pytest.raises(
        TypeError, match="array must be a pyarrow string Array or ChunkedArray, not list"
    ):
        count_arrow(["hi"])
    with pytest.raises(TypeError, match="got int64"):
        count_arrow(pa.array([1, 2]))


def test_arrow_cannot_hold_a_lone_surrogate() -> None:
    # What README documents: the text never reaches smsenc through Arrow.
    with pytest.raises(UnicodeEncodeError):
        pa.array(["\ud83d"])
    assert smsenc.count("\ud83d") == smsenc.Counts("UCS2", 1, 69, 1)


@given(texts=st.lists(st.one_of(st.none(), gsm_text, national_text), max_size=20))
def test_count_arrow_is_segment(texts: list[str | None]) -> None:
    assert count_arrow(pa.array(texts, pa.large_string())).to_pylist() == [
        expected(t) for t in texts
    ]


EXTENSION = "\f^{}\\[~]|€"
"""The extension table's characters (TS 23.038 §6.2.1.1): two septets each."""
AROUND = (0, 35, 67, 70, 71, 80, 133, 134, 135, 152, 153, 160, 161, 201, 268, 304, 306, 459)
"""Lengths near the capacities (70, 67 and 66 units; 160, 153 and 152 septets) and their
multiples, where a cut falls."""
PLANES_4_TO_16 = "\U000e0067\U000f0000\U0010fffd"
"""A tag, and private use in planes 15 and 16: four UTF-8 bytes led by 0xF3 or 0xF4, where
emoji (planes 1 to 3) are led by 0xF0."""
SPECIALS = {
    "escapes": EXTENSION,
    "ucs2": "ж—中ş" + ASTRAL,
    "astral": ASTRAL + PLANES_4_TO_16,
    "crlf": "\r\n",
    "any": EXTENSION + ASTRAL + "ж—ş\r\n\u0301",
}


@st.composite
def near_a_cut(draw: st.DrawFn) -> str:
    """A text of the default alphabet of about a capacity's length, with characters that
    change the counts (escapes, UCS-2, surrogate pairs, CR LF) put anywhere, densely at
    times: where a pair straddles a cut and where none does."""
    length = max(0, draw(st.sampled_from(AROUND)) + draw(st.integers(-2, 2)))
    chars = draw(st.lists(st.sampled_from(GSM_BASIC), min_size=length, max_size=length))
    kind = draw(st.sampled_from(sorted(SPECIALS)))
    if kind == "astral":  # UCS-2 with surrogate pairs only, past the first character
        chars.insert(0, "ж")
    extra = draw(st.sampled_from([2, 12, 60]))
    for at, char in draw(
        st.lists(st.tuples(st.integers(0, length), st.sampled_from(SPECIALS[kind])), max_size=extra)
    ):
        chars.insert(min(at, len(chars)), char)
    return "".join(chars)


@st.composite
def pair_near_a_cut(draw: st.DrawFn) -> str:
    """A text with a pair (an escape, a surrogate pair, CR LF) starting next to where a
    cut falls (unit 66 or 67 of 67, 65 or 66 of 66; septet 151 to 153 of 153 or 152, and
    a part later), then anything: where the kernels must tell a straddle from none."""
    pairs, filler = draw(
        st.sampled_from(
            [
                (list(EXTENSION), GSM_BASIC),
                (list(ASTRAL), "жa—"),
                (list(PLANES_4_TO_16), "жa"),
                (["\r\n"], GSM_BASIC),
                (["\r\n"], "жa"),
            ]
        )
    )
    at = draw(st.sampled_from([65, 66, 67, 131, 132, 133, 134, 150, 151, 152, 153, 303, 304, 305]))
    before = draw(st.text(alphabet=st.sampled_from(filler), min_size=at, max_size=at))
    after = draw(st.lists(st.sampled_from([*filler, *pairs]), min_size=1, max_size=200))
    start = "" if filler == GSM_BASIC else "ж"  # UCS-2 from the first character on
    return start + before[len(start) :] + draw(st.sampled_from(pairs)) + "".join(after)


utf8_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(GSM_DEFAULT), st.sampled_from(ASTRAL), st.characters(codec="utf-8")
    ),
    max_size=400,
)
"""Any text UTF-8 can hold: Arrow strings hold no lone surrogate."""
texts_near_cuts = st.lists(
    st.one_of(st.none(), pair_near_a_cut(), near_a_cut(), gsm_text, national_text, utf8_text),
    max_size=12,
)
language_codes = st.sampled_from([None, None, "TR", "AUTODETECT", ["ES", "PT"], "HI"])
options = st.fixed_dictionaries(
    {},
    optional={
        "reference_bits": st.sampled_from([8, 16]),
        "max_parts": st.sampled_from([None, 1, 2, 3, 255]),
        "keep_graphemes": st.booleans(),
        "allow_locking_shift": st.booleans(),
        "allow_single_shift": st.booleans(),
    },
)


def counted(texts: list[str | None], *args: Any, **options: Any) -> list[Any]:
    """What ``smsenc.count`` says for each text, or raises for the first that it refuses."""
    rows = []
    for text in texts:
        if text is None:
            rows.append(None)
            continue
        c = smsenc.count(text, *args, **options)
        rows.append(
            {
                "encoding": c.encoding,
                "message_count": c.message_count,
                "characters_remaining": c.characters_remaining,
                "units": c.units,
            }
        )
    return rows


def assert_same(texts: list[str | None], type_: pa.DataType, *args: Any, **options: Any) -> None:
    """count_arrow equals count row for row, or raises what count raises first."""
    try:
        expected_rows = counted(texts, *args, **options)
    except smsenc.TooManyPartsError as error:
        with pytest.raises(smsenc.TooManyPartsError) as raised:
            count_arrow(pa.array(texts, type_), *args, **options)
        assert (str(raised.value), raised.value.parts, raised.value.limit) == (
            str(error),
            error.parts,
            error.limit,
        )
        return
    result = count_arrow(pa.array(texts, type_), *args, **options)
    assert result.type == TYPE
    assert result.to_pylist() == expected_rows


@given(
    texts=texts_near_cuts,
    language_code=language_codes,
    options=options,
    type_=st.sampled_from([pa.string(), pa.large_string()]),
)
def test_every_row_is_count_under_every_option(
    texts: list[str | None], language_code: Any, options: dict[str, Any], type_: pa.DataType
) -> None:
    assert_same(texts, type_, language_code, **options)


@given(
    texts=st.lists(pair_near_a_cut(), min_size=1, max_size=8),
    reference_bits=st.sampled_from([8, 16]),
    keep_graphemes=st.booleans(),
)
def test_pairs_at_cuts(texts: list[str], reference_bits: int, keep_graphemes: bool) -> None:
    assert_same(texts, pa.string(), reference_bits=reference_bits, keep_graphemes=keep_graphemes)


@given(
    texts=st.lists(st.one_of(st.none(), near_a_cut(), national_text), max_size=6),
    transliteration=st.sampled_from(["NONE", "TURKISH", "CYRILLIC", "NON_UNICODE"]),
    language_code=st.sampled_from([None, "TR"]),
)
def test_transliteration_goes_through_count_many(
    texts: list[str | None], transliteration: str, language_code: str | None
) -> None:
    assert_same(texts, pa.large_string(), language_code, transliteration)


def spied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the texts count_arrow counts in Python (which still counts them), in order."""
    texts: list[str] = []
    real = smsenc.arrow.counts_with

    def counts_with(text: str, options: Any) -> Any:
        texts.append(text)
        return real(text, options)

    monkeypatch.setattr(smsenc.arrow, "counts_with", counts_with)
    return texts


# Septet 152 is the last of a 153-septet part: an escape pair there moves to the next part.
ESCAPE_AT_A_CUT = "a" * 152 + "€" + "b" * 100
ESCAPES_CLEAR_OF_CUTS = "a" * 100 + "€" * 20 + "b" * 200  # pairs at septets 100..138
EMOJI_AT_A_CUT = "ж" * 66 + "😀" + "ж" * 30  # UTF-16 unit 66 of a 67-unit part
EMOJI_CLEAR_OF_CUTS = "😀" * 30 + "ж" * 100


@pytest.mark.parametrize(
    ("texts", "args", "options", "walked"),
    [
        pytest.param(
            ["a" * 400, "ж" * 300, "€" * 80, "{x}" * 30, ESCAPES_CLEAR_OF_CUTS, "😀 ok", None],
            (),
            {},
            [],
            id="default tables: the kernels decide",
        ),
        pytest.param(
            # The last two end one unit short of a second part's end: no pair follows.
            [
                EMOJI_CLEAR_OF_CUTS,
                "ж" * 134,
                "a" * 306,
                "😀" * 35,
                "😀" + "ж" * 131,
                "€" + "a" * 303,
            ],
            (),
            {},
            [],
            id="surrogate pairs clear of the cuts",
        ),
        pytest.param(
            ["ok", ESCAPE_AT_A_CUT, "ж", EMOJI_AT_A_CUT, "😀" * 36],
            (),
            {},
            [ESCAPE_AT_A_CUT, EMOJI_AT_A_CUT, "😀" * 36],  # the last: 72 units, a pair at 66
            id="a pair at a cut is walked",
        ),
        pytest.param(
            ["a" * 153 * 3, "b" * 153 * 2],
            (),
            {"max_parts": 2},
            ["a" * 153 * 3],
            id="past max_parts: count_many raises",
        ),
        pytest.param(
            ["a" * 400, "€" * 80, "ж" * 300, "şş", ESCAPES_CLEAR_OF_CUTS],
            ("AUTODETECT",),
            {},
            ["ж" * 300, "şş", ESCAPES_CLEAR_OF_CUTS],
            id="national tables: only what they cannot beat",
        ),
        pytest.param(
            ["a" * 400, "a\r\n" * 100, "ж" * 300, "ж" * 70, ESCAPES_CLEAR_OF_CUTS],
            (),
            {"keep_graphemes": True, "reference_bits": 16},
            ["a\r\n" * 100, "ж" * 300],
            id="grapheme clusters: CR LF and UCS-2 past one part are walked",
        ),
        pytest.param(
            ["a" * 400, "ж"],
            (None, "TURKISH"),
            {},
            ["a" * 400, "ж"],
            id="transliteration: every row",
        ),
    ],
)
def test_only_rows_that_need_a_walk_reach_python(
    monkeypatch: pytest.MonkeyPatch,
    texts: list[str | None],
    args: tuple[Any, ...],
    options: dict[str, Any],
    walked: list[str],
) -> None:
    calls = spied(monkeypatch)
    assert_same(texts, pa.large_string(), *args, **options)
    assert calls == walked  # the rows in order


@pytest.mark.parametrize(
    ("text", "options", "fields"),
    [
        ("", {}, ("GSM7", 1, 160, 0)),
        ("a" * 160, {}, ("GSM7", 1, 0, 160)),
        ("a" * 161, {}, ("GSM7", 2, 145, 161)),
        ("a" * 161, {"reference_bits": 16}, ("GSM7", 2, 143, 161)),
        ("€" * 80, {}, ("GSM7", 1, 0, 160)),
        ("€" * 81, {}, ("GSM7", 2, 143, 162)),  # the pair at 152 moves: 152 + 10 septets
        ("a" * 151 + "€" + "a" * 10, {}, ("GSM7", 2, 143, 163)),  # the pair at 151, 152 stays
        ("a" * 152 + "€" + "a" * 10, {}, ("GSM7", 2, 141, 164)),  # the pair at 152 moves
        ("ж" * 70, {}, ("UCS2", 1, 0, 70)),
        ("ж" * 71, {}, ("UCS2", 2, 63, 71)),
        ("ж" * 71, {"reference_bits": 16}, ("UCS2", 2, 61, 71)),
        ("😀" * 35, {}, ("UCS2", 1, 0, 70)),
        ("ж" * 65 + "😀" + "ж" * 10, {}, ("UCS2", 2, 57, 77)),  # the pair at 65, 66 stays
        ("ж" * 66 + "😀" + "ж" * 10, {}, ("UCS2", 2, 55, 78)),  # the pair at 66 moves
        ("ж" * 66 + "\U000e0067" + "ж" * 10, {}, ("UCS2", 2, 55, 78)),  # led by 0xF3
        ("\U0010fffd" * 35, {}, ("UCS2", 1, 0, 70)),
        ("a" * 153 * 255, {}, ("GSM7", 255, 0, 153 * 255)),
        ("a" * (153 * 255 + 1), {"max_parts": None}, ("GSM7", 256, 152, 153 * 255 + 1)),
    ],
)
def test_boundaries(text: str, options: dict[str, Any], fields: tuple[Any, ...]) -> None:
    expected_row = dict(zip(SCHEMA.names, fields, strict=True))
    assert count_arrow(pa.array([text]), **options).to_pylist() == [expected_row]
    assert counted([text], **options) == [expected_row]


def test_past_255_parts_is_the_error_count_raises() -> None:
    text = "a" * (153 * 255 + 1)
    with pytest.raises(smsenc.TooManyPartsError) as expected_error:
        smsenc.count(text)
    with pytest.raises(smsenc.TooManyPartsError) as raised:
        count_arrow(pa.array(["ok", None, text, "ж" * 200 * 67]))
    assert str(raised.value) == str(expected_error.value)
    assert (raised.value.parts, raised.value.limit) == (256, 255)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"reference_bits": 7}, ValueError, "reference_bits must be 8 or 16, got 7"),
        ({"max_parts": 0}, ValueError, "max_parts"),
        ({"keep_graphemes": 1}, TypeError, "keep_graphemes must be a bool"),
        ({"colour": "red"}, TypeError, "colour"),
        ({"language_code": "XX"}, ValueError, "XX"),
        ({"transliteration": "KLINGON"}, ValueError, "KLINGON"),
    ],
)
def test_bad_options_are_the_errors_of_count(
    options: dict[str, Any], error: type[Exception], message: str
) -> None:
    for texts in ([], ["ok", "a" * 400]):  # checked even when no row reaches Python
        with pytest.raises(error, match=message):
            count_arrow(pa.array(texts, pa.string()), **options)
    with pytest.raises(error, match=message):
        smsenc.count("ok", **options)


def test_segment_arrow_is_the_deprecated_name_of_count_arrow() -> None:
    texts = ["a" * 400, "ж" * 10, None]
    with pytest.warns(DeprecationWarning, match="use smsenc.arrow.count_arrow"):
        result = smsenc.arrow.segment_arrow(pa.array(texts), "TR")
    assert result.equals(count_arrow(pa.array(texts), "TR"))


def test_a_deprecated_keyword_warns_once_a_call() -> None:
    texts = ["a" * 400, "ж" * 10, "şş"]
    with pytest.warns(DeprecationWarning, match="use allow_single_shift=") as caught:
        result = count_arrow(pa.array(texts), "TR", single_shift=False)
    assert len(caught) == 1
    with pytest.warns(DeprecationWarning):
        assert result.to_pylist() == counted(texts, "TR", single_shift=False)


def test_invalid_utf8_is_the_error_it_always_was() -> None:
    # Arrow strings must hold UTF-8; an array built around that check is refused, by the
    # same error as before the kernels, when its texts become Python strings.
    offsets = pa.array([0, 2, 4, 6], pa.int32()).buffers()[1]
    data = pa.py_buffer(b"ok\xff\xfeok")
    broken = pa.Array.from_buffers(pa.string(), 3, [None, offsets, data])
    with pytest.raises(UnicodeDecodeError):
        count_arrow(broken)


def test_slices_and_chunks_with_nulls() -> None:
    texts = [None, "a" * 161, "ж" * 71, None, "€" * 81, "😀" * 36, "ok", None]
    whole = pa.array(texts * 3, pa.large_string())
    sliced = whole.slice(5, 13)
    assert count_arrow(sliced).to_pylist() == counted(texts[5:] + texts + texts[:2])
    chunked = pa.chunked_array([whole.slice(0, 7), whole.slice(7, 0), whole.slice(7)])
    result = count_arrow(chunked)
    assert isinstance(result, pa.StructArray)
    assert result.to_pylist() == counted(texts * 3)
    assert result.null_count == 9
    # Slices without nulls: the kernels read the slice's bytes, not the whole buffer's.
    pairs = [EMOJI_AT_A_CUT, "ж" * 71, EMOJI_CLEAR_OF_CUTS, ESCAPE_AT_A_CUT, "\U0010fffd"]
    for start, stop in ((0, 3), (1, 4), (2, 5), (4, 5), (3, 3)):
        sliced = pa.array(pairs, pa.string()).slice(start, stop - start)
        assert count_arrow(sliced).to_pylist() == counted(pairs[start:stop])
    assert count_arrow(pa.chunked_array([], pa.string())).to_pylist() == []
    assert count_arrow(pa.chunked_array([], pa.string())).type == TYPE


DUCKDB_TYPE = (
    "STRUCT(encoding VARCHAR, message_count INTEGER, characters_remaining INTEGER, units INTEGER)"
)


def test_duckdb_recipe() -> None:
    connection = duckdb.connect()
    connection.create_function(
        "sms_segments", lambda texts: count_arrow(texts), ["VARCHAR"], DUCKDB_TYPE, type="arrow"
    )
    connection.execute("CREATE TABLE messages (id INTEGER, text VARCHAR)")
    connection.executemany("INSERT INTO messages VALUES (?, ?)", list(enumerate(TEXTS)))
    rows = connection.sql(
        "SELECT text, sms_segments(text) AS s, sms_segments(text).message_count AS n "
        "FROM messages ORDER BY id"
    ).fetchall()
    assert [row[0] for row in rows] == TEXTS
    assert [row[1] for row in rows] == [expected(t) for t in TEXTS]
    assert [row[2] for row in rows] == [
        None if t is None else expected(t)["message_count"] for t in TEXTS
    ]


def test_polars_recipe() -> None:
    frame = pl.DataFrame({"text": TEXTS})
    counted = frame.with_columns(
        pl.col("text")
        .map_batches(
            lambda s: pl.Series(count_arrow(s.to_arrow())),
            return_dtype=pl.Struct(
                {
                    "encoding": pl.String,
                    "message_count": pl.Int32,
                    "characters_remaining": pl.Int32,
                    "units": pl.Int32,
                }
            ),
        )
        .alias("sms")
    )
    assert counted["sms"].to_list() == [expected(t) for t in TEXTS]
    assert counted.select(pl.col("sms").struct.field("message_count").sum()).item() == sum(
        expected(t)["message_count"] for t in TEXTS if t is not None
    )


def test_import_smsenc_imports_no_engine() -> None:
    program = (
        "import sys, smsenc, smsenc.cli; "
        "print(sorted(m for m in ('pyarrow', 'pyspark', 'tqdm', 'duckdb', 'polars', "
        "'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert done.stdout == "[]\n"
