"""Readers: the rows of a CSV, TSV, JSON Lines, Parquet or plain-lines file, a chunk at a time.

:func:`open_source` opens a file, or standard input (``-``), and reads what comes before
the rows: a CSV file's header, a Parquet file's schema, the keys of the first JSON
object. :meth:`Source.chunks` then gives the rows as :class:`Chunk` s, each the values
of the wanted columns, one list per column, so that what follows works on lists
(``count_many`` over a chunk's texts, ``csv.writer.writerows`` over zipped columns)
instead of one Python object per row.

Text is decoded from UTF-8 in large blocks, with ``surrogateescape``: a byte that is not
UTF-8 becomes a lone surrogate U+DC80..U+DCFF. The error handler also counts them, so
that a file without one is never searched for them; once it has one, each chunk is
searched (one C-level pass), row by row only where one is, so that one row of bad bytes
becomes one bad row with its number, not an exception that ends the file.

Values are kept as written: CSV fields are strings, JSON numbers keep their literal text
(``0042.50`` stays ``"0042.50"``), so a template renders what the file holds.

Lone surrogates, per reader: a CSV, JSONL or lines file holds UTF-8, which cannot encode
a surrogate, so bytes that try (``ED A0 BD``) are invalid UTF-8 and the row is an error.
JSON's ``\\ud83d`` escape is read as the lone surrogate it names, and smsenc counts it as
one UCS-2 code unit. Parquet strings are UTF-8 as well; pyarrow refuses invalid UTF-8
when it reads the file, for the whole batch (an error of the file, exit 2).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter
from typing import IO, Any, NamedTuple

FORMATS = ("csv", "tsv", "jsonl", "parquet", "lines")
"""The input formats, as ``--format`` spells them."""

OUTPUT_FORMATS = ("csv", "tsv", "jsonl", "parquet")
"""The formats of the per-message rows, as ``--output-format`` spells them."""

STDIN = "-"
"""The file name that means standard input."""

STDIN_NAME = "<stdin>"
"""Standard input, as messages and the ``file`` column name it."""

_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "lines",
}

_ESCAPED = re.compile("[\udc80-\udcff]")
"""A byte that was not UTF-8, as ``surrogateescape`` decodes it."""

_surrogateescape = codecs.lookup_error("surrogateescape")
_escaped_bytes = [0]
"""How many times the readers' decoding met bytes that were not UTF-8, in all files."""


def _escape_and_count(error: UnicodeError) -> tuple[str | bytes, int]:
    """``surrogateescape``, counting the bytes it escapes."""
    replacement, end = _surrogateescape(error)
    _escaped_bytes[0] += 1
    return replacement, end


_ERRORS = "smsenc-surrogateescape"
codecs.register_error(_ERRORS, _escape_and_count)

_ASCII_SPACE = " \t\n\r\x0b\x0c"
"""What ``bytes.strip()`` strips: a JSON Lines line of only these is blank."""


class _Missing:
    """The value of a column a row does not have (unlike None, a JSON null)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""The value of a column a row does not have: a CSV row cut short, a JSON object without
the key, a column absent from the file, or a row that could not be read at all."""


class Chunk(NamedTuple):
    """Consecutive rows of one file, by column.

    ``first`` is the number of the chunk's first row (1-based among the data rows);
    ``columns`` maps each wanted column to its value in every row (:data:`MISSING` where
    the row has none); ``errors`` maps a row's offset in the chunk to why it cannot be
    counted. A bad row keeps what could be read of its values (invalid bytes as U+FFFD),
    so that its keys still reach the output."""

    first: int
    rows: int
    columns: dict[str, list[Any]]
    errors: dict[int, str]


class Literal(str):
    """A JSON number or boolean as its literal text (``42.50``, ``true``): a template
    renders it as written, JSON output writes it back as it was, but it is not a text
    to count."""

    __slots__ = ()


def input_format(path: str, given: str | None = None) -> str:
    """The format of input ``path``: ``given`` if set, else from the extension."""
    if given is not None:
        if given not in FORMATS:
            raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {given!r}")
        return given
    if path == STDIN:
        raise ValueError(
            f"reading standard input (-) needs --format: {', '.join(FORMATS[:-1])} or lines"
        )
    extension = os.path.splitext(path)[1].lower()
    if extension not in _EXTENSIONS:
        raise ValueError(
            f"cannot tell the format of {path!r} from its extension {extension!r}: "
            f"name it .csv, .tsv, .jsonl, .parquet or .txt, or pass --format"
        )
    return _EXTENSIONS[extension]


def output_format(path: str, given: str | None = None) -> str:
    """The format of the rows written to ``path``: ``given`` if set, else from the
    extension."""
    if given is not None:
        return given
    extension = os.path.splitext(path)[1].lower()
    format = _EXTENSIONS.get(extension)
    if format not in OUTPUT_FORMATS:
        raise ValueError(
            f"cannot tell the format of --output {path!r} from its extension {extension!r}: "
            f"name it .csv, .tsv, .jsonl or .parquet, or pass --output-format"
        )
    return format


class Source:
    """An open input: what is known before its rows, and its rows a chunk at a time."""

    name: str
    """The file as the user named it (:data:`STDIN_NAME` for standard input)."""
    format: str
    columns: list[str] | None
    """The column names, where the file says them before its rows; None if unknown."""

    def chunks(self, wanted: Sequence[str], size: int) -> Iterator[Chunk]:
        """The rows, at most ``size`` at a time, with the ``wanted`` columns."""
        raise NotImplementedError

    def progress(self) -> tuple[int, int | None]:
        """How much was read and of how much (None: unknown, as for a pipe): bytes, or
        rows for Parquet."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the file (not standard input)."""
        raise NotImplementedError


def open_source(path: str, format: str, delimiter: str | None = None) -> Source:
    """Open ``path`` (``-``: standard input) as ``format``; ``delimiter`` for CSV and TSV
    (default ``,`` and tab). OSError if it cannot be opened, ValueError if what comes
    before its rows is wrong (a CSV file without a header)."""
    if format == "parquet":
        return _ParquetSource(path)
    binary: IO[bytes] = sys.stdin.buffer if path == STDIN else open(path, "rb")  # noqa: SIM115
    try:
        if format in ("csv", "tsv"):
            return _CsvSource(path, format, binary, delimiter or ("\t" if format == "tsv" else ","))
        if format == "jsonl":
            return _JsonLinesSource(path, binary)
        return _LinesSource(path, binary)
    except BaseException:
        if path != STDIN:
            binary.close()
        raise


class _Counted(io.RawIOBase):
    """A binary stream that counts the bytes read through it (for the progress bar)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        read = self.stream.readinto(buffer)  # type: ignore[attr-defined]
        self.count += read or 0
        return int(read or 0)


class _TextSource(Source):
    """A UTF-8 file read through one large decoding buffer."""

    def __init__(self, path: str, format: str, binary: IO[bytes], newline: str) -> None:
        self.name = STDIN_NAME if path == STDIN else path
        self._path = path
        self.format = format
        self.columns = None
        self._binary = binary
        self._counted = _Counted(binary)
        self._total = _size(binary)
        self._escaped_before = _escaped_bytes[0]
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._counted, 1 << 16),
            encoding="utf-8",
            errors=_ERRORS,
            newline=newline,
        )

    def _may_hold_escapes(self) -> bool:
        """Whether a byte that was not UTF-8 was decoded since this file was opened (in
        it, or in another file opened since: then a search finds nothing)."""
        return _escaped_bytes[0] != self._escaped_before

    def progress(self) -> tuple[int, int | None]:
        return self._counted.count, self._total

    def close(self) -> None:
        if self._path != STDIN:
            self._binary.close()


def _size(binary: IO[bytes]) -> int | None:
    """The size of a regular file; None for a pipe or a terminal."""
    try:
        status = os.fstat(binary.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _invalid_utf8(text: str) -> str | None:
    """A message for the first undecodable byte (a surrogate escape) of a CSV field."""
    found = _ESCAPED.search(text)
    if found is None:
        return None
    return f"invalid UTF-8: byte 0x{ord(found.group()) - 0xDC00:02X} at character {found.start()}"


def _invalid_utf8_line(line: str) -> str | None:
    """A message for the first undecodable byte of a line, at its byte offset."""
    found = _ESCAPED.search(line)
    if found is None:
        return None
    offset = len(line[: found.start()].encode("utf-8", "surrogateescape"))
    return f"invalid UTF-8: byte 0x{ord(found.group()) - 0xDC00:02X} at byte {offset}"


def _replaced(text: str) -> str:
    """``text`` with its surrogate escapes (undecodable bytes) as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class _CsvSource(_TextSource):
    """RFC 4180 with a header row: a quoted field may hold line breaks and quotes.

    A row with fewer fields than the header lacks the last columns (:data:`MISSING`,
    reported where they are needed); one with more is an error. A blank line is no row
    at all, as in RFC 4180."""

    def __init__(self, path: str, format: str, binary: IO[bytes], delimiter: str) -> None:
        # newline="": the csv module sees line ends as written, so quoted ones stay in
        # the field.
        super().__init__(path, format, binary, newline="")
        name = self.name
        self._reader = csv.reader(self._text, delimiter=delimiter, strict=True)
        try:
            header = next(self._reader)
        except StopIteration:
            raise ValueError(
                f"{name} is empty: a {format.upper()} file starts with a header row naming "
                "its columns"
            ) from None
        except csv.Error as error:
            raise ValueError(f"{name}: {format.upper()} header: {error}") from None
        if not header:
            raise ValueError(
                f"{name}: the first line is blank: a {format.upper()} file starts with a "
                "header row naming its columns"
            )
        self.columns = header

    def chunks(self, wanted: Sequence[str], size: int) -> Iterator[Chunk]:
        header = self.columns
        assert header is not None
        width = len(header)
        position = {name: index for index, name in enumerate(header)}  # the last one wins
        reader = self._reader
        first = 1
        while True:
            rows: list[list[str]] = []
            malformed: dict[int, str] = {}  # index in rows -> what the csv module said
            while len(rows) < size:
                asked = size - len(rows)
                try:
                    rows.extend(islice(reader, asked))  # keeps the rows read before an error
                except csv.Error as error:  # the reader goes on at the next line
                    malformed[len(rows)] = f"malformed CSV at line {reader.line_num}: {error}"
                    rows.append([])
                    continue
                break  # the chunk is full, or the file ended
            if not rows:
                return
            errors: dict[int, str] = {}
            short: dict[int, int] = {}  # offset -> how many fields the row has
            if malformed or set(map(len, rows)) != {width}:
                rows = self._regular(rows, width, malformed, errors, short)
            if self._may_hold_escapes() and _ESCAPED.search("".join(chain.from_iterable(rows))):
                for offset, fields in enumerate(rows):
                    bad = next(filter(None, map(_invalid_utf8, fields)), None)
                    if bad is not None:
                        errors[offset] = bad
                        rows[offset] = [_replaced(field) for field in fields]
            columns: dict[str, list[Any]] = {}
            for name in wanted:
                index = position.get(name)
                if index is None:
                    columns[name] = [MISSING] * len(rows)
                    continue
                values = list(map(itemgetter(index), rows))
                for offset, length in short.items():
                    if index >= length:
                        values[offset] = MISSING
                columns[name] = values
            if rows:
                yield Chunk(first, len(rows), columns, errors)
            first += len(rows)

    @staticmethod
    def _regular(
        rows: list[list[str]],
        width: int,
        malformed: dict[int, str],
        errors: dict[int, str],
        short: dict[int, int],
    ) -> list[list[str]]:
        """The rows with blank lines left out and every row ``width`` fields long: a short
        one padded (its length noted in ``short``), a malformed or long one in ``errors``."""
        regular: list[list[str]] = []
        for index, fields in enumerate(rows):
            if index in malformed:
                errors[len(regular)] = malformed[index]
                short[len(regular)] = 0
                fields = [""] * width
            elif not fields:  # a blank line: no row at all in RFC 4180 terms
                continue
            elif len(fields) > width:
                errors[len(regular)] = f"{len(fields)} fields, the header names {width}"
            elif len(fields) < width:
                short[len(regular)] = len(fields)
                fields = fields + [""] * (width - len(fields))
            regular.append(fields)
        return regular


def _json_literal(value: Any) -> Any:
    if value is True:
        return Literal("true")
    if value is False:
        return Literal("false")
    return value


_JSON = json.JSONDecoder(parse_int=Literal, parse_float=Literal, parse_constant=Literal)
"""One decoder for every line: ``json.loads`` with these options would build one a call."""

_READ_AHEAD = 10_000
"""How many lines a JSON Lines file is read ahead to find its first object's keys."""


class _JsonLinesSource(_TextSource):
    """One JSON object per line; numbers keep their literal text, blank lines are skipped.

    Its columns are the keys of the first object, if one lies in the first lines."""

    def __init__(self, path: str, binary: IO[bytes]) -> None:
        super().__init__(path, "jsonl", binary, newline="\n")
        # Read ahead to the first object, keeping the lines for chunks(): standard input
        # cannot be read twice.
        self._ahead: list[str] = []
        for line in islice(self._text, _READ_AHEAD):
            self._ahead.append(line)
            if _ESCAPED.search(line) is None:
                try:
                    value = _JSON.decode(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(value, dict):
                    self.columns = list(value)
                    break

    def chunks(self, wanted: Sequence[str], size: int) -> Iterator[Chunk]:
        lines: Iterable[str] = chain(self._ahead, self._text)
        self._ahead = []
        first = 1
        while True:
            block = list(islice(lines, size))
            if not block:
                return
            escaped = self._may_hold_escapes() and _ESCAPED.search("".join(block)) is not None
            objects: list[dict[str, Any] | None] = []
            errors: dict[int, str] = {}
            for line in block:
                if not line.strip(_ASCII_SPACE):
                    continue
                bad = _invalid_utf8_line(line) if escaped else None
                if bad is None:
                    try:
                        value = _JSON.decode(line)
                    except json.JSONDecodeError as error:
                        bad = f"invalid JSON: {error}"
                    else:
                        if isinstance(value, dict):
                            objects.append(value)
                            continue
                        bad = f"a JSON {type(value).__name__}, not an object"
                errors[len(objects)] = bad
                objects.append(None)
            columns = {
                name: [
                    MISSING if row is None else _json_literal(row.get(name, MISSING))
                    for row in objects
                ]
                for name in wanted
            }
            if objects:
                yield Chunk(first, len(objects), columns, errors)
            first += len(objects)


class _LinesSource(_TextSource):
    """Each line is one message in column ``text``; its line break (LF or CRLF) is not."""

    def __init__(self, path: str, binary: IO[bytes]) -> None:
        super().__init__(path, "lines", binary, newline="\n")
        self.columns = ["text"]

    def chunks(self, wanted: Sequence[str], size: int) -> Iterator[Chunk]:
        first = 1
        while True:
            block = list(islice(self._text, size))
            if not block:
                return
            texts = [line.removesuffix("\n").removesuffix("\r") for line in block]
            errors: dict[int, str] = {}
            if self._may_hold_escapes() and _ESCAPED.search("".join(texts)):
                for offset, text in enumerate(texts):
                    bad = _invalid_utf8_line(text)
                    if bad is not None:
                        errors[offset] = bad
                        texts[offset] = MISSING
            columns = {name: texts if name == "text" else [MISSING] * len(texts) for name in wanted}
            yield Chunk(first, len(texts), columns, errors)
            first += len(texts)


class _ParquetSource(Source):
    """Rows of the named columns of a Parquet file, a batch at a time (needs pyarrow).

    Values are Python values of the column's type. Standard input is first copied to
    a temporary file: Parquet keeps its schema at the end of the file."""

    def __init__(self, path: str) -> None:
        import pyarrow.parquet as pq

        self.name = STDIN_NAME if path == STDIN else path
        self.format = "parquet"
        self._spooled: IO[bytes] | None = None
        if path == STDIN:
            self._spooled = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
            shutil.copyfileobj(sys.stdin.buffer, self._spooled)
            self._spooled.seek(0)
        self._file = pq.ParquetFile(self._spooled if self._spooled is not None else path)
        self.columns = list(self._file.schema_arrow.names)
        self._total = int(self._file.metadata.num_rows)
        self._done = 0

    def chunks(self, wanted: Sequence[str], size: int) -> Iterator[Chunk]:
        present = [name for name in dict.fromkeys(wanted) if name in (self.columns or ())]
        first = 1
        for batch in self._file.iter_batches(batch_size=size, columns=present):
            rows = batch.num_rows
            columns = {
                name: batch.column(name).to_pylist() if name in present else [MISSING] * rows
                for name in wanted
            }
            yield Chunk(first, rows, columns, {})
            first += rows
            self._done += rows

    def progress(self) -> tuple[int, int | None]:
        return self._done, self._total

    def close(self) -> None:
        self._file.close()
        if self._spooled is not None:
            self._spooled.close()
