"""Writers for the per-message rows: CSV, JSON Lines or Parquet (needs pyarrow)."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO, Any

COUNT_COLUMNS = ("encoding", "message_count", "characters_remaining", "units", "error")
"""The columns every output row has after its keys; ``error`` is empty for a good row."""


class RowWriter:
    """Writes rows (lists of values: the keys, then :data:`COUNT_COLUMNS`) to a file."""

    def __init__(self, path: str, format: str, keys: Sequence[str]) -> None:
        self.columns = [*keys, *COUNT_COLUMNS]
        self.format = format
        self._stream: IO[str] | None = None
        self._parquet: Any = None
        if format == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            fields = [pa.field(name, pa.string()) for name in keys]
            fields += [
                pa.field("encoding", pa.string()),
                pa.field("message_count", pa.int32()),
                pa.field("characters_remaining", pa.int32()),
                pa.field("units", pa.int32()),
                pa.field("error", pa.string()),
            ]
            self._schema = pa.schema(fields)
            self._parquet = pq.ParquetWriter(path, self._schema)
        else:
            self._stream = open(  # noqa: SIM115 (closed by close())
                path, "w", encoding="utf-8", errors="backslashreplace", newline=""
            )
            if format == "csv":
                self._csv = csv.writer(self._stream)
                self._csv.writerow(self.columns)

    def write(self, rows: Sequence[Sequence[Any]]) -> None:
        """Write a chunk of rows."""
        if self._parquet is not None:
            import pyarrow as pa

            width = len(self.columns) - len(COUNT_COLUMNS)
            keyed = [
                [None if v is None else str(v) for v in row[:width]] + list(row[width:])
                for row in rows
            ]
            columns = list(zip(*keyed, strict=True)) if keyed else [() for _ in self.columns]
            table = pa.Table.from_arrays(
                [
                    pa.array(list(values), type=f.type)
                    for values, f in zip(columns, self._schema, strict=True)
                ],
                schema=self._schema,
            )
            self._parquet.write_table(table)
        elif self.format == "csv":
            self._csv.writerows([["" if v is None else v for v in row] for row in rows])
        else:
            assert self._stream is not None
            for row in rows:
                # ensure_ascii keeps a lone surrogate writable (as \\ud83d), as JSON allows.
                self._stream.write(json.dumps(dict(zip(self.columns, row, strict=True))) + "\n")

    def close(self) -> None:
        """Finish the file."""
        if self._parquet is not None:
            self._parquet.close()
        if self._stream is not None:
            self._stream.close()
