"""The chunked pipeline: chunks of rows in, counted rows and a summary out, memory bounded
by a few chunks whatever the file's size.

The main process reads and renders (:func:`prepare`); counting runs on a chunk's texts
(:func:`count_chunk`), in-process or (with ``jobs > 1``) in worker processes, at most
``2 × jobs`` chunks in flight, and results are taken in input order (:func:`run`).
Everything works on a chunk's lists at once: one ``count_many()`` call, one Counter for
the summary, columns zipped into rows only by the writer.
"""

from __future__ import annotations

import gc
import string
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from operator import attrgetter
from typing import Any, NamedTuple, cast

from .. import Counts, count, count_many, segment
from . import culprits
from .culprits import Found
from .readers import MISSING, Chunk, Literal
from .summary import Summary

ROW = "row"
"""The key name that means the row number."""


class Prepared(NamedTuple):
    """A chunk ready to count: its keys, its texts and what is wrong with the other rows."""

    first: int
    """The number of the chunk's first row."""
    rows: int
    keys: list[list[Any]]
    """One list per key column, a value per row (None where the row has none)."""
    texts: list[str]
    """The texts to count, in row order: one per row not in ``errors``."""
    errors: dict[int, str]
    """A row's offset in the chunk -> why it is not counted."""


class Decisions(NamedTuple):
    """What was decided per text beyond the counts: the national tables chosen (their
    language codes, None for the default) and the text as sent."""

    locking_shift: list[str | None]
    single_shift: list[str | None]
    sent_text: list[str]


class Counted(NamedTuple):
    """What counting a chunk's texts gave: per text its Counts or an error message, the
    decisions when asked for, and the characters that forced UCS-2 (by script too when
    asked for)."""

    counts: list[Counts | str]
    decisions: Decisions | None
    culprits: Found


def template_fields(template: str) -> list[str]:
    """The field names ``template`` uses (ValueError for a malformed template)."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ValueError(f"--template {template!r}: {error}") from None
    names = []
    for _, name, _, _ in parsed:
        if name is not None:
            if name == "" or name.isdigit():
                raise ValueError(f"--template {template!r}: name the column, as in {{name}}")
            names.append(name)
    return names


def prepare(chunk: Chunk, column: str, template: str | None, keys: Sequence[str]) -> Prepared:
    """The keys and texts of a chunk's rows, and the reasons the others cannot be counted."""
    errors = dict(chunk.errors)
    offsets = range(chunk.rows)
    key_columns = [
        list(range(chunk.first, chunk.first + chunk.rows))
        if key == ROW
        else [None if value is MISSING else value for value in chunk.columns[key]]
        for key in keys
    ]
    if template is not None:
        texts = _rendered(chunk, template, errors)
    else:
        values = chunk.columns[column]
        # The common case in one C-level pass: every value a str, no row in error.
        if errors or not set(map(type, values)) <= {str}:
            for offset in offsets:
                if offset not in errors:
                    problem = _not_text(values[offset], column)
                    if problem is not None:
                        errors[offset] = problem
        texts = values if not errors else [values[i] for i in offsets if i not in errors]
    return Prepared(chunk.first, chunk.rows, key_columns, texts, errors)


def _not_text(value: Any, column: str) -> str | None:
    """Why ``value`` of ``column`` cannot be counted, or None if it is a text."""
    if value is MISSING:
        return f"no column {column!r}"
    if value is None:
        return f"column {column!r} is null"
    if not isinstance(value, str) or isinstance(value, Literal):
        shown = str(value) if isinstance(value, Literal) else repr(value)
        return f"column {column!r} holds {shown}, not text"
    return None


def _rendered(chunk: Chunk, template: str, errors: dict[int, str]) -> list[str]:
    """The template rendered for each row not in ``errors``; rows it fails for join them."""
    names = list(dict.fromkeys(template_fields(template)))
    columns = [chunk.columns[name] for name in names]
    texts = []
    for offset in range(chunk.rows):
        if offset in errors:
            continue
        fields = {}
        for name, values in zip(names, columns, strict=True):
            value = values[offset]
            if value is MISSING:
                errors[offset] = f"no column {name!r} for the template"
            elif value is None:
                errors[offset] = f"column {name!r} is null"
            elif isinstance(value, (dict, list)):
                errors[offset] = f"column {name!r} holds {value!r}, not text"
            else:
                # CSV and JSON values are their literal text; Parquet's typed values are not.
                fields[name] = value if isinstance(value, str) else str(value)
                continue
            break
        else:
            try:
                texts.append(template.format_map(fields))
            except ValueError as error:
                errors[offset] = f"template: {error}"
    return texts


def count_chunk(
    texts: Sequence[str], options: Mapping[str, Any], decide: bool, by_script: bool = False
) -> Counted:
    """Count ``texts`` with ``count_many``; a text it cannot count (too many parts) is an
    error message in its place. Also find what forced UCS-2, and its cost (per script
    too with ``by_script``); with ``decide``, what was decided per text too (each is then
    segmented, not counted)."""
    decisions = None
    if decide:
        counts, decisions = _decide(texts, options)
    else:
        try:
            counts = list(count_many(texts, **options))
        except ValueError:  # one text failed: count them one by one to tell which
            counts = [_count_or_error(text, options) for text in texts]
    if _any_error(counts):
        kept = [(t, c) for t, c in zip(texts, counts, strict=True) if not isinstance(c, str)]
        found = culprits.analyse([t for t, _ in kept], [c for _, c in kept], options, by_script)
    else:
        found = culprits.analyse(texts, cast(list[Counts], counts), options, by_script)
    return Counted(counts, decisions, found)


def _any_error(counts: list[Counts | str]) -> bool:
    """Whether a text could not be counted (its place holds the message): one C-level pass."""
    return str in set(map(type, counts))


NUMBERS = attrgetter("encoding", "message_count", "characters_remaining", "units")
"""A Counts' four numbers, in the order of the output columns."""


def _count_or_error(text: str, options: Mapping[str, Any]) -> Counts | str:
    try:
        return count(text, **options)
    except ValueError as error:
        return str(error)


def _decide(
    texts: Sequence[str], options: Mapping[str, Any]
) -> tuple[list[Counts | str], Decisions]:
    """Each text segmented: its counts and the tables and text it went out with."""
    counts: list[Counts | str] = []
    decisions = Decisions([], [], [])
    for text in texts:
        try:
            result = segment(text, **options)
        except ValueError as error:
            counts.append(str(error))
            decisions.locking_shift.append(None)
            decisions.single_shift.append(None)
            decisions.sent_text.append(text)
            continue
        counts.append(
            Counts(
                encoding=result.encoding,
                message_count=result.message_count,
                characters_remaining=result.characters_remaining,
                units=result.units,
            )
        )
        locking, single = result.locking_shift, result.single_shift
        decisions.locking_shift.append(None if locking is None else locking.code)
        decisions.single_shift.append(None if single is None else single.code)
        decisions.sent_text.append(result.text)
    return counts, decisions


Sink = Callable[[list[list[Any]]], None]
"""Takes a chunk's output columns: the keys, the counts, the decisions if any, the error."""
Report = Callable[[int, str], None]


def run(
    chunks: Iterable[Prepared],
    options: Mapping[str, Any],
    summary: Summary,
    *,
    jobs: int = 1,
    sink: Sink | None = None,
    report: Report | None = None,
    strict: bool = False,
    decide: Sequence[str] = (),
) -> bool:
    """Count every chunk into ``summary``; write output columns to ``sink`` and errors to
    ``report``. ``decide`` names the :class:`Decisions` fields the output also gives per
    message, after its counts. The culprits are read by script too if ``summary.by_script``.
    Returns False when ``strict`` stopped the run at a bad row."""
    # The cyclic garbage collector stays off while counting, here and in the workers: a
    # chunk makes no reference cycles (its objects go when their counts drop to zero), so
    # each collection only walked the rows of the chunk in hand and the same long-lived
    # objects again. Measured on a million rows: about a tenth of the run's CPU time.
    collecting = gc.isenabled()
    gc.disable()
    executor = ProcessPoolExecutor(jobs, initializer=gc.disable) if jobs > 1 else None
    pending: deque[tuple[Prepared, Future[Counted] | Counted]] = deque()

    def finish(chunk: Prepared, counted: Counted) -> bool:
        return _finish(chunk, counted, summary, sink, report, strict, decide)

    def drain(limit: int) -> bool:
        while len(pending) > limit:
            chunk, future = pending.popleft()
            counted = future if isinstance(future, Counted) else future.result()
            if not finish(chunk, counted):
                return False
        return True

    try:
        for chunk in chunks:
            if executor is None:
                counted = count_chunk(chunk.texts, options, bool(decide), summary.by_script)
                pending.append((chunk, counted))
            else:
                work = executor.submit(
                    count_chunk, chunk.texts, dict(options), bool(decide), summary.by_script
                )
                pending.append((chunk, work))
            if not drain(2 * jobs if executor is not None else 0):
                return False
        return drain(0)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
        if collecting:
            gc.enable()


def _finish(
    chunk: Prepared,
    counted: Counted,
    summary: Summary,
    sink: Sink | None,
    report: Report | None,
    strict: bool,
    decide: Sequence[str],
) -> bool:
    """Add a counted chunk to the summary, report its bad rows, write its columns."""
    counts = counted.counts
    decisions = None
    if decide and counted.decisions is not None:
        decisions = [getattr(counted.decisions, name) for name in decide]
    errors = chunk.errors
    # Per output column (the four counts, then the decisions) a value per row.
    columns: list[list[Any]]
    if errors or _any_error(counts):
        columns, errors = _spread(chunk, counts, decisions, errors)
    else:  # every row counted: the columns are the counts, transposed
        numbers = zip(*map(NUMBERS, counts), strict=True)
        columns = [*map(list, numbers), *(decisions or ())] if counts else []
    stop = min(errors) + 1 if strict and errors else chunk.rows  # strict: up to the first
    if columns:
        shapes = zip(columns[0][:stop], columns[1][:stop], strict=True)  # (encoding, message_count)
        summary.add(Counter(shapes) if not errors else Counter(s for s in shapes if s[0]))
    shown = sorted(i for i in errors if i < stop)
    summary.errors += len(shown)
    summary.blame(*counted.culprits)
    if report is not None:
        for offset in shown:
            report(chunk.first + offset, errors[offset])
    if sink is not None:
        width = 4 + len(decide)
        values = columns or [[] for _ in range(width)]
        error_column = [errors.get(i) for i in range(stop)] if errors else [None] * stop
        if stop < chunk.rows:
            values = [column[:stop] for column in values]
        sink([*(column[:stop] for column in chunk.keys), *values, error_column])
    return stop == chunk.rows


def _spread(
    chunk: Prepared,
    counts: list[Counts | str],
    decisions: list[list[Any]] | None,
    errors: dict[int, str],
) -> tuple[list[list[Any]], dict[int, str]]:
    """The output columns with a value per row (None where a row is bad), and every bad
    row's error: the chunk's own, and the texts counting refused (too many parts)."""
    errors = dict(errors)
    width = 4 + len(decisions or ())
    columns: list[list[Any]] = [[None] * chunk.rows for _ in range(width)]
    counted_offsets = (i for i in range(chunk.rows) if i not in chunk.errors)
    for index, offset in enumerate(counted_offsets):
        result = counts[index]
        if isinstance(result, str):
            errors[offset] = result
            continue
        values = NUMBERS(result)
        if decisions is not None:
            values = (*values, *(decision[index] for decision in decisions))
        for column, value in zip(columns, values, strict=True):
            column[offset] = value
    return columns, errors
