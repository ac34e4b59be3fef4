"""Readers: one :class:`Record` per row of a CSV, JSON Lines, Parquet or plain-lines file.

Every reader decodes UTF-8 itself, row by row, so that one row of bad bytes becomes one
bad :class:`Record` (with its row number) instead of an exception that ends the file.
Values are kept as written: CSV fields are strings, JSON numbers keep their literal text
(``0042.50`` stays ``"0042.50"``), so a template renders what the file holds.

Lone surrogates, per reader: a CSV, JSONL or lines file holds UTF-8, which cannot encode
a surrogate, so bytes that try (``ED A0 BD``) are invalid UTF-8 and the row is an error.
JSON's ``\\ud83d`` escape is read as the lone surrogate it names, and smsenc counts it as
one UCS-2 code unit. Parquet strings are UTF-8 as well; pyarrow refuses invalid UTF-8
when it reads the file, for the whole batch (an error of the file, exit 2).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

FORMATS = ("csv", "jsonl", "parquet", "lines")
"""The input and output formats, as ``--format`` spells them."""

_EXTENSIONS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "lines",
}

Progress = Callable[[int], None]
"""Told how many bytes (or, for Parquet, rows) were consumed since the last call."""


@dataclass(frozen=True)
class Record:
    """One row: its 1-based number among the data rows, its values, and what is wrong.

    A bad row keeps what could be read of its values (invalid bytes as U+FFFD), so that
    its keys still reach the output; it is not counted.
    """

    number: int
    values: Mapping[str, Any] | None
    error: str | None = None


def detect_format(path: str, given: str | None = None) -> str:
    """The format of ``path``: ``given`` if set, else from the extension (ValueError)."""
    if given is not None:
        if given not in FORMATS:
            raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {given!r}")
        return given
    extension = os.path.splitext(path)[1].lower()
    if extension not in _EXTENSIONS:
        raise ValueError(
            f"cannot tell the format of {path!r} from its extension {extension!r}: "
            f"name it .csv, .jsonl, .parquet or .txt, or pass --format"
        )
    return _EXTENSIONS[extension]


def _invalid_utf8(text: str) -> str | None:
    """A message for the first undecodable byte (a surrogate escape), or None."""
    for index, char in enumerate(text):
        if "\udc80" <= char <= "\udcff":
            return f"invalid UTF-8: byte 0x{ord(char) - 0xDC00:02X} at character {index}"
    return None


def _replaced(text: str) -> str:
    """``text`` with its surrogate escapes (undecodable bytes) as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _lines(stream: IO[bytes], progress: Progress | None) -> Iterator[bytes]:
    for line in stream:
        if progress is not None:
            progress(len(line))
        yield line


def read_lines(stream: IO[bytes], progress: Progress | None = None) -> Iterator[Record]:
    """Each line is one message in column ``text``; its line break (LF or CRLF) is not."""
    for number, line in enumerate(_lines(stream, progress), 1):
        body = line[:-1] if line.endswith(b"\n") else line
        body = body[:-1] if body.endswith(b"\r") else body
        try:
            yield Record(number, {"text": body.decode("utf-8")})
        except UnicodeDecodeError as error:
            yield Record(
                number, None, f"invalid UTF-8: byte 0x{body[error.start]:02X} at byte {error.start}"
            )


def read_csv(stream: IO[bytes], progress: Progress | None = None) -> Iterator[Record]:
    """RFC 4180 with a header row: a quoted field may hold line breaks and quotes.

    A row with fewer fields than the header lacks the last columns (their values are
    None, reported where they are needed); one with more is an error.
    """
    # Bytes that are not UTF-8 survive as surrogate escapes and are found per row; the
    # csv module sees whole lines, LF or CRLF kept, so quoted line breaks stay in the field.
    lines = (line.decode("utf-8", "surrogateescape") for line in _lines(stream, progress))
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        raise ValueError(f"CSV header: {error}") from None
    number = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            number += 1
            yield Record(number, None, f"malformed CSV at line {reader.line_num}: {error}")
            continue
        number += 1
        if not fields:  # a blank line: no row at all in RFC 4180 terms
            number -= 1
            continue
        bad = next(filter(None, map(_invalid_utf8, fields)), None)
        if bad is not None:
            fields = [_replaced(field) for field in fields]
        elif len(fields) > len(header):
            bad = f"{len(fields)} fields, the header names {len(header)}"
        yield Record(number, dict(zip(header, fields, strict=False)), bad)


class Literal(str):
    """A JSON number or boolean as its literal text (``42.50``, ``true``): a template
    renders it as written, but it is not a text to count."""

    __slots__ = ()


def _json_literal(value: Any) -> Any:
    if value is True:
        return Literal("true")
    if value is False:
        return Literal("false")
    return value


def read_jsonl(stream: IO[bytes], progress: Progress | None = None) -> Iterator[Record]:
    """One JSON object per line; numbers keep their literal text, blank lines are skipped."""
    number = 0
    for line in _lines(stream, progress):
        if not line.strip():
            continue
        number += 1
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Record(
                number, None, f"invalid UTF-8: byte 0x{line[error.start]:02X} at byte {error.start}"
            )
            continue
        try:
            value = json.loads(text, parse_int=Literal, parse_float=Literal, parse_constant=Literal)
        except json.JSONDecodeError as error:
            yield Record(number, None, f"invalid JSON: {error}")
            continue
        if not isinstance(value, dict):
            yield Record(number, None, f"a JSON {type(value).__name__}, not an object")
            continue
        yield Record(number, {key: _json_literal(v) for key, v in value.items()})


def parquet_columns(path: str) -> list[str]:
    """The column names of a Parquet file (needs pyarrow)."""
    import pyarrow.parquet as pq

    return list(pq.ParquetFile(path).schema_arrow.names)


def read_parquet(
    path: str, columns: Iterable[str], batch_size: int, progress: Progress | None = None
) -> Iterator[Record]:
    """Rows of the named columns of a Parquet file, a batch at a time (needs pyarrow).

    Values are Python values of the column's type; a missing column is None.
    """
    import pyarrow.parquet as pq

    file = pq.ParquetFile(path)
    present = [name for name in dict.fromkeys(columns) if name in file.schema_arrow.names]
    number = 0
    for batch in file.iter_batches(batch_size=batch_size, columns=present):
        for row in batch.to_pylist():
            number += 1
            yield Record(number, row)
        if progress is not None:
            progress(batch.num_rows)
