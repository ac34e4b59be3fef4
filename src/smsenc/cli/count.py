"""The ``count`` command: count every message of CSV, TSV, JSON Lines, Parquet or text files.

smsenc count FILE|-... [--format F] [--delimiter C] [--column text | --template "Hi {name}"]
             [--key id]... [--output FILE] [--price-per-part P] [--jobs N] [--strict]
             [--quiet] [--json] [--by-script] [--plot PNG]

``-`` reads standard input (say its format with ``--format``).

Exit status: 0 when the files were read (bad rows are reported on stderr and counted in
the summary), 1 when ``--strict`` stopped at a bad row, 2 for a usage or file error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import count
from ..bulk import pipeline, readers
from ..bulk.readers import Chunk
from ..bulk.summary import Summary, render
from ..bulk.writers import COUNT_COLUMNS, ERROR_COLUMN, RowWriter
from .core import add_language_option, language_request, positive, table_keywords, table_options

_PARQUET_NEEDS = "Parquet needs pyarrow: pip install 'smsenc[arrow]'"


def _price(value: str) -> Decimal:
    try:
        price = Decimal(value)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a decimal number: {value!r}") from None
    if not price.is_finite() or price < 0:
        raise argparse.ArgumentTypeError(f"must be a non-negative number, got {value!r}")
    return price


_DELIMITER_NAMES = {"\\t": "\t", "tab": "\t"}


def _delimiter(value: str) -> str:
    delimiter = _DELIMITER_NAMES.get(value.lower(), value)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise argparse.ArgumentTypeError(
            f"must be one character other than a quote or a line break (\\t or tab for a "
            f"tab), got {value!r}"
        )
    return delimiter


def register(commands: Any) -> None:
    """Add ``count`` to ``commands``."""
    count = commands.add_parser(
        "count",
        parents=[table_options()],
        help="count every message of CSV, TSV, JSONL, Parquet or text files; a summary",
        description="Count every message of the files: one row per message with --output, "
        "and a summary (messages, parts by encoding, parts per message, what forced UCS-2, "
        "the cost). Bad rows are reported on stderr with their number and counted.",
    )
    count.add_argument(
        "files", nargs="+", metavar="FILE", help="a file, or - for standard input (with --format)"
    )
    count.add_argument(
        "--format",
        choices=readers.FORMATS,
        help="else from the extension: .csv, .tsv, .jsonl/.ndjson, .parquet, .txt (lines)",
    )
    count.add_argument(
        "--delimiter",
        "-d",
        type=_delimiter,
        help="the field separator of CSV input: ; or \\t (tab), ...; default , (tab for TSV)",
    )
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
    count.add_argument("--output", "-o", help="per-message rows: .csv, .tsv, .jsonl or .parquet")
    count.add_argument("--output-format", choices=readers.OUTPUT_FORMATS)
    count.add_argument("--price-per-part", type=_price, help="adds the cost to the summary")
    add_language_option(count)
    count.add_argument("--transliteration", "-t", help="TURKISH, NON_UNICODE, ...")
    count.add_argument("--reference-bits", type=int, choices=(8, 16), default=8)
    count.add_argument("--jobs", "-j", type=positive, default=1, help="worker processes")
    count.add_argument("--chunk-size", type=positive, default=10_000, help="rows per chunk")
    count.add_argument("--strict", action="store_true", help="stop at the first bad row (exit 1)")
    count.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no row errors")
    count.add_argument("--json", action="store_true", help="the summary as JSON")
    count.add_argument(
        "--by-script",
        action="store_true",
        help="the forced UCS-2 table by Unicode script (Cyrillic, Greek, Common, ...): "
        "the messages holding a character of each, and their extra parts",
    )
    count.add_argument("--plot", help="a PNG of parts per message by encoding (matplotlib)")
    count.set_defaults(run=run)


def _progress(source: readers.Source, quiet: bool) -> Any:
    """A progress bar on stderr when it is a terminal (never in a pipe or a log)."""
    if quiet or not sys.stderr.isatty():
        return None
    from ..bulk.progress import Bar

    _, total = source.progress()
    return Bar(source.name, total, "rows" if source.format == "parquet" else "B", sys.stderr)


def _tracked(chunks: Iterable[Chunk], source: readers.Source, bar: Any) -> Iterator[Chunk]:
    """The chunks, moving the bar as each is read."""
    for chunk in chunks:
        if bar is not None:
            bar.update(source.progress()[0])
        yield chunk


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
    formats = [readers.input_format(path, args.format) for path in args.files]
    if args.files.count(readers.STDIN) > 1:
        raise ValueError("standard input (-) can be read only once")
    if args.delimiter is not None:
        for path, format in zip(args.files, formats, strict=True):
            if format not in ("csv", "tsv"):
                shown = readers.STDIN_NAME if path == readers.STDIN else path
                raise ValueError(
                    f"--delimiter is for CSV and TSV input; {shown} is read as {format}"
                )
    needed = pipeline.template_fields(args.template) if args.template else [args.column]
    options: dict[str, Any] = {
        "language_code": language_request(args),
        "transliteration": args.transliteration,
        **table_keywords(args),
        "reference_bits": args.reference_bits,
    }
    count("", **options)  # bad options fail here, once, not as an error on every row
    out_format = readers.output_format(args.output, args.output_format) if args.output else None
    if args.plot:  # a missing matplotlib is said before the count, not after it
        import matplotlib  # noqa: F401
    sources: list[readers.Source] = []
    writer = None
    try:
        for path, format in zip(args.files, formats, strict=True):
            sources.append(readers.open_source(path, format, args.delimiter))
        for source in sources:
            columns = source.columns
            missing = [name for name in needed if columns is not None and name not in columns]
            if missing:
                raise ValueError(
                    f"{source.name}: no column {', '.join(map(repr, missing))}; "
                    f"it has {', '.join(columns or [])}"
                )
        if args.key:
            keys = list(args.key)
        else:
            has_id = all(s.columns is not None and "id" in s.columns for s in sources)
            keys = ["id"] if has_id else [pipeline.ROW]
        several = len(sources) > 1
        decide: list[str] = []
        if args.output:
            # What was decided per message (pipeline.Decisions), where something could be:
            # the national tables with --language, the text as sent with --transliteration.
            if options["language_code"] is not None:
                decide += ["locking_shift", "single_shift"]
            if options["transliteration"] is not None:
                decide.append("sent_text")
            names = ["file", *keys] if several else keys
            columns = [*names, *COUNT_COLUMNS, *decide, ERROR_COLUMN]
            writer = RowWriter(args.output, out_format or "csv", columns)
        summary = Summary(by_script=args.by_script)
        wanted = list(dict.fromkeys([*needed, *(k for k in keys if k != pipeline.ROW)]))
        for source in sources:
            counted = _count_source(
                source, args, options, keys, wanted, several, summary, writer, decide
            )
            if not counted:
                return 1
    finally:
        for source in sources:
            source.close()
        if writer is not None:
            writer.close()
    data = summary.to_dict(args.price_per_part)
    if args.plot:
        from ..bulk.plot import plot

        plot(summary, args.plot)
    if args.json:
        return data
    sys.stdout.write(render(data) + "\n")
    return 0


def _count_source(
    source: readers.Source,
    args: argparse.Namespace,
    options: dict[str, Any],
    keys: list[str],
    wanted: list[str],
    several: bool,
    summary: Summary,
    writer: RowWriter | None,
    decide: list[str],
) -> bool:
    """Count one input into ``summary`` and ``writer``; False if ``--strict`` stopped."""
    bar = _progress(source, args.quiet)

    def report(number: int, error: str) -> None:
        if not args.quiet:
            message = f"smsenc: {source.name}: row {number}: {error}"
            (bar.write if bar is not None else _stderr)(message)

    def prepared(chunk: Chunk) -> pipeline.Prepared:
        ready = pipeline.prepare(chunk, args.column, args.template, keys)
        if several:  # the file's name is the first key
            ready = ready._replace(keys=[[source.name] * chunk.rows, *ready.keys])
        return ready

    chunks = _tracked(source.chunks(wanted, args.chunk_size), source, bar)
    try:
        return pipeline.run(
            map(prepared, chunks),
            options,
            summary,
            jobs=args.jobs,
            sink=writer.write if writer is not None else None,
            report=report,
            strict=args.strict,
            decide=decide,
        )
    finally:
        if bar is not None:
            bar.close()


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)
