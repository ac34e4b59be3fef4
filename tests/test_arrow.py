"""segment_arrow() and its engine recipes (DuckDB, Polars) equal segment() row for row."""

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
from smsenc.arrow import SCHEMA, TYPE, segment_arrow

from .strategies import gsm_text, national_text

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
    result = segment_arrow(pa.array(TEXTS, type_))
    assert isinstance(result, pa.StructArray)
    assert result.type == TYPE == pa.struct(list(SCHEMA))
    assert result.null_count == 2
    assert result.to_pylist() == [expected(t) for t in TEXTS]


def test_chunked_arrays_and_options() -> None:
    chunked = pa.chunked_array([TEXTS[:4], TEXTS[4:]], pa.large_string())
    result = segment_arrow(chunked, "AUTODETECT")
    assert result.to_pylist() == [expected(t, "AUTODETECT") for t in TEXTS]
    assert segment_arrow(pa.array([], pa.string())).to_pylist() == []


def test_wrong_inputs_are_type_errors() -> None:
    with pytest.raises(
        TypeError, match="array must be a pyarrow string Array or ChunkedArray, got list"
    ):
        segment_arrow(["hi"])
    with pytest.raises(TypeError, match="got int64"):
        segment_arrow(pa.array([1, 2]))


def test_arrow_cannot_hold_a_lone_surrogate() -> None:
    # What README documents: the text never reaches smsenc through Arrow.
    with pytest.raises(UnicodeEncodeError):
        pa.array(["\ud83d"])
    assert smsenc.count("\ud83d") == smsenc.Counts("UCS2", 1, 69, 1)


@given(texts=st.lists(st.one_of(st.none(), gsm_text, national_text), max_size=20))
def test_segment_arrow_is_segment(texts: list[str | None]) -> None:
    assert segment_arrow(pa.array(texts, pa.large_string())).to_pylist() == [
        expected(t) for t in texts
    ]


DUCKDB_TYPE = (
    "STRUCT(encoding VARCHAR, message_count INTEGER, characters_remaining INTEGER, units INTEGER)"
)


def test_duckdb_recipe() -> None:
    connection = duckdb.connect()
    connection.create_function(
        "sms_segments", lambda texts: segment_arrow(texts), ["VARCHAR"], DUCKDB_TYPE, type="arrow"
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
            lambda s: pl.Series(segment_arrow(s.to_arrow())),
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
