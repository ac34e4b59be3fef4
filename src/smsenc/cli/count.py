"""The ``count`` command: count every message of CSV, JSON Lines, Parquet or text files.

smsenc count FILE... [--format F] [--column text | --template "Hi {name}"] [--key id]...
             [--output FILE] [--price-per-part P] [--jobs N] [--strict] [--quiet] [--json]

Exit status: 0 when the files were read (bad rows are reported on stderr and counted in
the summary), 1 when ``--strict`` stopped at a bad row, 2 for a usage or file error.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import count
from ..bulk import pipeline, readers
from ..bulk.summary import Summary, render
from ..bulk.writers import RowWriter
from .core import add_language_option, language_request, table_keywords, table_options

_PARQUET_NEEDS = "Parquet needs pyarrow: pip install 'smsenc[arrow]'"


def _price(value: str) -> Decimal:
    try:
        price = Decimal(value)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a decimal number: {value!r}") from None
    if not price.is_finite() or price < 0:
        raise argparse.ArgumentTypeError(f"must be a non-negative number, got {value!r}")
    return price


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value!r}")
    return number


def register(commands: Any) -> None:
    """Add ``count`` to ``commands``."""
    count = commands.add_parser(
        "count",
        parents=[table_options()],
        help="count every message of CSV, JSONL, Parquet or text files; a summary",
        description="Count every message of the files: one row per message with --output, "
        "and a summary (messages, parts by encoding, parts per message, what forced UCS-2, "
        "the cost). Bad rows are reported on stderr with their number and counted.",
    )
    count.add_argument("files", nargs="+", metavar="FILE")
    count.add_argument("--format", choices=readers.FORMATS, help="else from the extension")
    count.add_argument("--column", "-c", default="text", help="the text column (default text)")
    count.add_argument(
        "--template", help='render each row, e.g. "Hi {name}" (values as written in the file)'
    )
    count.add_argument(
        "--key",
        action="append",
        help="a column to copy to each output row (repeatable; default id if the input "
        "has one, else row, the row number)",
    )
    count.add_argument("--output", "-o", help="per-message rows: .csv, .jsonl or .parquet")
    count.add_argument("--output-format", choices=("csv", "jsonl", "parquet"))
    count.add_argument("--price-per-part", type=_price, help="adds the cost to the summary")
    add_language_option(count)
    count.add_argument("--transliteration", "-t", help="TURKISH, NON_UNICODE, ...")
    count.add_argument("--reference-bits", type=int, choices=(8, 16), default=8)
    count.add_argument("--jobs", "-j", type=_positive, default=1, help="worker processes")
    count.add_argument("--chunk-size", type=_positive, default=10_000, help="rows per chunk")
    count.add_argument("--strict", action="store_true", help="stop at the first bad row (exit 1)")
    count.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no row errors")
    count.add_argument("--json", action="store_true", help="the summary as JSON")
    count.add_argument("--plot", help="a PNG of parts per message by encoding (matplotlib)")
    count.set_defaults(run=run)


def _columns(path: str, format: str) -> list[str] | None:
    """The input's column names, where they can be known before reading it (CSV's header,
    Parquet's schema); for JSON Lines those of the first object."""
    if format == "lines":
        return ["text"]
    if format == "parquet":
        return readers.parquet_columns(path)
    if format == "csv":
        with open(path, encoding="utf-8", errors="surrogateescape", newline="") as text:
            return next(csv.reader(text), [])
    with open(path, "rb") as stream:
        first = next((r.values for r in readers.read_jsonl(stream) if r.values), None)
        return None if first is None else list(first)


def _progress(total: int, unit: str, quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is an extra: smsenc[files]
        return None
    if unit == "B":
        return tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, leave=False)
    return tqdm(total=total, unit="rows", file=sys.stderr, leave=False)


def _records(
    path: str, format: str, columns: list[str], args: argparse.Namespace, bar: Any
) -> Iterator[readers.Record]:
    progress = bar.update if bar is not None else None
    if format == "parquet":
        yield from readers.read_parquet(path, columns, args.chunk_size, progress)
        return
    read = {"csv": readers.read_csv, "jsonl": readers.read_jsonl, "lines": readers.read_lines}
    with open(path, "rb") as stream:
        yield from read[format](stream, progress)


def run(args: argparse.Namespace) -> Any:
    """Count the files; print the summary; the exit status."""
    try:
        return _count(args)
    except ImportError as error:
        if (error.name or "").startswith("matplotlib"):
            raise ValueError("--plot needs matplotlib: pip install 'smsenc[plot]'") from None
        raise ValueError(_PARQUET_NEEDS) from None
    except OSError as error:
        raise ValueError(f"{error.filename or ''}: {error.strerror or error}") from None


def _count(args: argparse.Namespace) -> Any:
    formats = [readers.detect_format(path, args.format) for path in args.files]
    needed = pipeline.template_fields(args.template) if args.template else [args.column]
    options: dict[str, Any] = {
        "language_code": language_request(args),
        "transliteration": args.transliteration,
        **table_keywords(args),
        "reference_bits": args.reference_bits,
    }
    count("", **options)  # bad options fail here, once, not as an error on every row
    columns_of = [_columns(path, f) for path, f in zip(args.files, formats, strict=True)]
    for path, columns in zip(args.files, columns_of, strict=True):
        missing = [name for name in needed if columns is not None and name not in columns]
        if missing:
            raise ValueError(
                f"{path}: no column {', '.join(map(repr, missing))}; "
                f"it has {', '.join(columns or [])}"
            )
    if args.key:
        keys = list(args.key)
    else:
        keys = ["id"] if all(c is not None and "id" in c for c in columns_of) else [pipeline.ROW]
    several = len(args.files) > 1
    writer = None
    if args.output:
        out_format = args.output_format or readers.detect_format(args.output)
        if out_format not in ("csv", "jsonl", "parquet"):
            raise ValueError(f"--output must be .csv, .jsonl or .parquet, got {args.output!r}")
        writer = RowWriter(args.output, out_format, ["file", *keys] if several else keys)
    summary = Summary()
    status = 0
    try:
        for path, format in zip(args.files, formats, strict=True):
            wanted = [*needed, *(k for k in keys if k != pipeline.ROW)]
            size = _parquet_rows(path) if format == "parquet" else os.path.getsize(path)
            bar = _progress(size, "rows" if format == "parquet" else "B", args.quiet)

            def report(number: int, error: str, path: str = path, bar: Any = bar) -> None:
                if not args.quiet:
                    message = f"smsenc: {path}: row {number}: {error}"
                    (bar.write if bar is not None else _stderr)(message)

            prefix = [path] if several else []
            rows = (
                _with_prefix(pipeline.prepare(r, args.column, args.template, keys), prefix)
                for r in _records(path, format, wanted, args, bar)
            )
            ok = pipeline.run(
                rows,
                options,
                summary,
                chunk_size=args.chunk_size,
                jobs=args.jobs,
                sink=writer.write if writer is not None else None,
                report=report,
                strict=args.strict,
            )
            if bar is not None:
                bar.close()
            if not ok:
                status = 1
                break
    finally:
        if writer is not None:
            writer.close()
    if status:
        return status
    data = summary.to_dict(args.price_per_part)
    if args.plot:
        from ..bulk.plot import plot

        plot(summary, args.plot)
    if args.json:
        return data
    sys.stdout.write(render(data) + "\n")
    return 0


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _with_prefix(row: pipeline.Prepared, prefix: list[str]) -> pipeline.Prepared:
    if not prefix:
        return row
    return pipeline.Prepared(row.number, [*prefix, *row.keys], row.text, row.error)


def _parquet_rows(path: str) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)
