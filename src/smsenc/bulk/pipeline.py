"""The chunked pipeline: records in, counted rows and a summary out, memory bounded by a
few chunks whatever the file's size.

The main process reads and renders; counting runs on chunks of texts, in-process or (with
``jobs > 1``) in worker processes, at most ``2 × jobs`` chunks in flight, and results are
taken in input order.
"""

from __future__ import annotations

import string
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from .. import Counts, count, count_many, segment
from .readers import Literal, Record
from .summary import Culprit, Summary

ROW = "row"
"""The key name that means the row number."""


@dataclass(frozen=True)
class Prepared:
    """One row ready to count: its keys, and its text or what is wrong with it."""

    number: int
    keys: list[Any]
    text: str | None
    error: str | None


@dataclass(frozen=True)
class ChunkResult:
    """What counting a chunk of texts gave: per text a Counts or an error message, and the
    characters that forced UCS-2 in it."""

    counts: list[Counts | str]
    culprits: dict[str, Culprit]


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


def _as_text(value: Any) -> str:
    # CSV and JSON values are already their literal text; Parquet's typed values are not.
    return value if isinstance(value, str) else str(value)


def prepare(record: Record, column: str, template: str | None, keys: Sequence[str]) -> Prepared:
    """The keys and the text of one record, or the reason it cannot be counted."""
    values = record.values
    if values is None:
        return Prepared(
            record.number, [record.number if k == ROW else None for k in keys], None, record.error
        )
    key_values = [record.number if k == ROW else values.get(k) for k in keys]
    if record.error is not None:
        return Prepared(record.number, key_values, None, record.error)
    if template is not None:
        try:
            fields = {name: _field(values, name) for name in template_fields(template)}
            text = template.format_map(fields)
        except _RowError as error:
            return Prepared(record.number, key_values, None, str(error))
        except ValueError as error:
            return Prepared(record.number, key_values, None, f"template: {error}")
        return Prepared(record.number, key_values, text, None)
    if column not in values:
        return Prepared(record.number, key_values, None, f"no column {column!r}")
    text = values[column]
    if text is None:
        return Prepared(record.number, key_values, None, f"column {column!r} is null")
    if not isinstance(text, str) or isinstance(text, Literal):
        shown = str(text) if isinstance(text, Literal) else repr(text)
        return Prepared(
            record.number, key_values, None, f"column {column!r} holds {shown}, not text"
        )
    return Prepared(record.number, key_values, text, None)


class _RowError(Exception):
    pass


def _field(values: Mapping[str, Any], name: str) -> str:
    if name not in values:
        raise _RowError(f"no column {name!r} for the template")
    value = values[name]
    if value is None:
        raise _RowError(f"column {name!r} is null")
    if isinstance(value, (dict, list)):
        raise _RowError(f"column {name!r} holds {value!r}, not text")
    return _as_text(value)


def count_chunk(texts: Sequence[str], options: Mapping[str, Any]) -> ChunkResult:
    """Count ``texts`` with ``count_many``; a text it cannot count (too many parts) is an
    error message in its place. Also find what forced UCS-2, and its cost."""
    try:
        counts: list[Counts | str] = list(count_many(texts, **options))
    except ValueError:  # one text failed: count them one by one to tell which
        counts = []
        for text in texts:
            try:
                counts.append(count(text, **options))
            except ValueError as error:
                counts.append(str(error))
    culprits: dict[str, Culprit] = {}
    relaxed = {**options, "max_parts": None}
    # A log repeats texts (one campaign, many recipients): each is analysed once a chunk.
    analysed: dict[str, tuple[list[str], int]] = {}
    for text, result in zip(texts, counts, strict=True):
        if isinstance(result, str) or result.encoding != "UCS2":
            continue
        if text not in analysed:
            chars = [use.char for use in segment(text, **relaxed).non_gsm]
            gsm_like = text.translate({ord(char): "?" for char in chars})
            analysed[text] = chars, result.message_count - count(gsm_like, **relaxed).message_count
        chars, extra = analysed[text]
        for char in chars:
            culprit = culprits.setdefault(char, Culprit())
            culprit.messages += 1
            culprit.extra_parts += max(extra, 0)
    return ChunkResult(counts, culprits)


def chunked(rows: Iterable[Prepared], size: int) -> Iterator[list[Prepared]]:
    """Lists of at most ``size`` rows."""
    chunk: list[Prepared] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


OutputRow = list[Any]
Sink = Callable[[list[OutputRow]], None]
Report = Callable[[int, str], None]


def run(
    rows: Iterable[Prepared],
    options: Mapping[str, Any],
    summary: Summary,
    *,
    chunk_size: int = 10_000,
    jobs: int = 1,
    sink: Sink | None = None,
    report: Report | None = None,
    strict: bool = False,
) -> bool:
    """Count every row into ``summary``; write output rows to ``sink`` and errors to
    ``report``. Returns False when ``strict`` stopped the run at a bad row."""
    executor = ProcessPoolExecutor(jobs) if jobs > 1 else None
    pending: deque[tuple[list[Prepared], Future[ChunkResult] | ChunkResult]] = deque()

    def finish(chunk: list[Prepared], result: ChunkResult) -> bool:
        counted = iter(result.counts)
        out: list[OutputRow] = []
        ok = True
        for row in chunk:
            error = row.error
            counts: Counts | None = None
            if error is None:
                value = next(counted)
                if isinstance(value, str):
                    error = value
                else:
                    counts = value
            if counts is not None:
                summary.add(counts)
                out.append([*row.keys, *counts, None])
            else:
                summary.errors += 1
                if report is not None:
                    report(row.number, error or "")
                out.append([*row.keys, None, None, None, None, error])
                if strict:
                    ok = False
                    break
        summary.blame(result.culprits)
        if sink is not None and out:
            sink(out)
        return ok

    def drain(limit: int) -> bool:
        while len(pending) > limit:
            chunk, future = pending.popleft()
            result = future if isinstance(future, ChunkResult) else future.result()
            if not finish(chunk, result):
                return False
        return True

    try:
        for chunk in chunked(rows, chunk_size):
            texts = [row.text for row in chunk if row.text is not None]
            if executor is None:
                pending.append((chunk, count_chunk(texts, options)))
            else:
                pending.append((chunk, executor.submit(count_chunk, texts, dict(options))))
            if not drain(2 * jobs if executor is not None else 0):
                return False
        return drain(0)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
