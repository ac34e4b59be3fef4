"""count_arrow against the way it used to count: every row to Python and back.

Run from the repository root (needs ``pip install -e '.[arrow]'``)::

    python -m benchmarks.arrow            # the corpus repeated to 1,000,000 rows
    python -m benchmarks.arrow --quick    # 20,000 rows, one round: the harness runs, no claims

The texts are :func:`benchmarks.corpus.corpus` (every category, in order) repeated to
the number of rows, in one ``large_string`` array (what Polars and Spark pass), or the
generated messages of ``benchmarks.bulk`` with ``--texts bulk``. Each round times
:func:`before` (the code at the start of issue 26: ``to_pylist()``, ``count_many()``,
``pyarrow.array`` per field) and :func:`smsenc.arrow.count_arrow`, in alternating
order so that a machine's drift falls on both; it prints the best and the median
rows/s of each and the median of the rounds' ratios. The two results are checked
equal first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from itertools import chain, cycle, islice
from typing import Any

import pyarrow as pa

import smsenc
from smsenc.arrow import SCHEMA, count_arrow

from .bulk import messages
from .corpus import corpus


def before(
    array: Any, language_code: Any = None, transliteration: Any = None, **options: Any
) -> Any:
    """``count_arrow`` as it was: every text to a Python str, counted, and back."""
    chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    texts: list[str | None] = []
    for chunk in chunks:
        texts.extend(chunk.to_pylist())
    present = [text for text in texts if text is not None]
    counted = iter(smsenc.count_many(present, language_code, transliteration, **options))
    columns: list[list[Any]] = [[], [], [], []]
    nulls: list[bool] = []
    for text in texts:
        if text is None:
            nulls.append(True)
            for column in columns:
                column.append(None)
            continue
        nulls.append(False)
        for column, value in zip(columns, next(counted), strict=True):
            column.append(value)
    arrays = [pa.array(column, type=f.type) for column, f in zip(columns, SCHEMA, strict=True)]
    return pa.StructArray.from_arrays(arrays, fields=list(SCHEMA), mask=pa.array(nulls, pa.bool_()))


def rows(n: int, texts: str) -> list[str]:
    """``n`` texts: the corpus's (every category in turn) or bulk's generated messages."""
    if texts == "bulk":
        return messages(n)
    return list(islice(cycle(list(chain.from_iterable(corpus().values()))), n))


def seconds(run: Any, array: Any) -> float:
    start = time.perf_counter()
    run(array)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 rows, one round")
    parser.add_argument("--rows", type=int, default=1_000_000, help="how many rows")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    parser.add_argument("--texts", choices=("corpus", "bulk"), default="corpus")
    args = parser.parse_args(argv)
    n, rounds = (20_000, 1) if args.quick else (args.rows, args.rounds)
    array = pa.array(rows(n, args.texts), pa.large_string())
    if not before(array).equals(count_arrow(array)):  # also warms both up
        raise SystemExit("count_arrow and the reference disagree")
    times: dict[str, list[float]] = {"before": [], "count_arrow": []}
    for round_ in range(rounds):
        order = [("before", before), ("count_arrow", count_arrow)]
        for name, run in order if round_ % 2 == 0 else order[::-1]:
            times[name].append(seconds(run, array))
    print(
        f"{n:,} rows of {args.texts} texts, {rounds} interleaved rounds, "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, pyarrow {pa.__version__}"
    )
    print(f"{'way':<16} {'best rows/s':>12} {'median rows/s':>14}")
    for name, taken in times.items():
        print(f"{name:<16} {n / min(taken):>12,.0f} {n / statistics.median(taken):>14,.0f}")
    ratios = [b / a for b, a in zip(times["before"], times["count_arrow"], strict=True)]
    print(f"count_arrow / before: {statistics.median(ratios):.2f}x (median of the rounds)")


if __name__ == "__main__":
    main()
