"""Writers for the per-message rows: CSV, TSV, JSON Lines or Parquet (needs pyarrow).

Each chunk comes as columns (a list of values per column); CSV and TSV rows are zipped
from them inside ``csv.writer.writerows``, Parquet takes them as they are.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO, Any

from .readers import Literal

COUNT_COLUMNS = ("encoding", "message_count", "characters_remaining", "units")
"""The columns every output row has after its keys."""

ERROR_COLUMN = "error"
"""The last column: empty for a good row."""

_INTEGERS = {"message_count", "characters_remaining", "units"}


class RowWriter:
    """Writes chunks of rows, given as columns, to a file: ``columns`` names them all
    (the keys, then :data:`COUNT_COLUMNS`, any of the pipeline's ``Decisions``, and
    :data:`ERROR_COLUMN`)."""

    def __init__(self, path: str, format: str, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.format = format
        self._stream: IO[str] | None = None
        self._parquet: Any = None
        if format == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            self._schema = pa.schema(
                [
                    pa.field(name, pa.int32() if name in _INTEGERS else pa.string())
                    for name in columns
                ]
            )
            self._parquet = pq.ParquetWriter(path, self._schema)
            return
        self._stream = open(  # noqa: SIM115 (closed by close())
            path, "w", encoding="utf-8", errors="backslashreplace", newline=""
        )
        if format in ("csv", "tsv"):
            self._csv = csv.writer(self._stream, delimiter="\t" if format == "tsv" else ",")
            self._csv.writerow(self.columns)
        else:
            # Each name as JSON once, and the separators between them.
            self._names = [json.dumps(name) + ": " for name in self.columns]

    def write(self, columns: Sequence[Sequence[Any]]) -> None:
        """Write a chunk: one sequence of values per column, all of the same length."""
        if self._parquet is not None:
            import pyarrow as pa

            arrays = [
                pa.array(
                    values if field.name in _INTEGERS else [_text(v) for v in values],
                    type=field.type,
                )
                for values, field in zip(columns, self._schema, strict=True)
            ]
            self._parquet.write_table(pa.Table.from_arrays(arrays, schema=self._schema))
        elif self.format in ("csv", "tsv"):
            self._csv.writerows(zip(*columns, strict=True))  # None is written as empty
        else:
            assert self._stream is not None
            names = self._names
            self._stream.writelines(
                "{"
                + ", ".join([name + _json(v) for name, v in zip(names, row, strict=True)])
                + "}\n"
                for row in zip(*columns, strict=True)
            )

    def close(self) -> None:
        """Finish the file."""
        if self._parquet is not None:
            self._parquet.close()
        if self._stream is not None:
            self._stream.close()


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _json(value: Any) -> str:
    """``value`` as JSON; a :class:`Literal` (a JSON number or boolean as the input wrote
    it) as it was written, so a JSON Lines id keeps its type. ``ensure_ascii`` keeps a
    lone surrogate writable (as ``\\ud83d``), as JSON allows."""
    if isinstance(value, Literal):
        return str.__str__(value)
    if isinstance(value, list):  # a JSON array or object read from JSON Lines
        return "[" + ", ".join(map(_json, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_json(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)
