"""Bulk counting: 1M generated messages through every door smsenc offers.

Run from the repository root (needs ``pip install -e '.[arrow,spark]' duckdb``)::

    python -m benchmarks.bulk            # 1,000,000 messages
    python -m benchmarks.bulk --rounds 5 # the same, each way timed 5 times in turn: medians
    python -m benchmarks.bulk --quick    # 20,000 messages: the harness runs, no claims

Prints rows per second and the ratio to in-process ``count_many()`` over a list, for
``smsenc count`` on a CSV file (1 and 2 jobs; it also reads, writes and summarizes),
``count_arrow`` on one large_string array, DuckDB (an Arrow UDF over a table) and
Spark (``local[2]``, the Arrow UDF, session start-up not included).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, cast

import smsenc

PIECES = (
    "Your code is 4821. ",
    "Meeting moved to 14:00, see you there! ",
    "Привет, как дела? ",
    "Hi “Anna” — your order has shipped. ",
    "Total: 12€ [paid] ",
    "Yarın görüşürüz. ",
    "😀 ",
    "ok ",
)


def messages(n: int, seed: int = 15) -> list[str]:
    """``n`` texts of 1–12 pieces, mostly GSM, some UCS-2, a few long; seeded."""
    rng = random.Random(seed)
    weights = (30, 20, 6, 6, 8, 4, 3, 23)
    return ["".join(rng.choices(PIECES, weights, k=rng.randint(1, 12))).strip() for _ in range(n)]


def write_csv(path: Path, texts: list[str]) -> None:
    """The texts as a CSV file of id,text."""
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "text"])
        writer.writerows(enumerate(texts))


def timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def spark_seconds(texts: list[str]) -> float:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    import smsenc.spark

    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        # A million rows made on the driver and cached: 1 GB, the default, is not enough
        # for both the cached frame and the tasks that ship it (Java heap space).
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    try:
        frame = spark.createDataFrame([(t,) for t in texts], "text string").cache()
        frame.count()  # materialize the input before the clock starts
        udf = smsenc.spark.sms_segments()
        return timed(
            lambda: frame.select(udf("text").message_count.alias("n")).agg({"n": "sum"}).collect()
        )
    finally:
        spark.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 messages")
    parser.add_argument("--messages", type=int, default=1_000_000, help="how many")
    parser.add_argument("--write", metavar="CSV", help="only write the messages as id,text")
    parser.add_argument("--no-spark", action="store_true", help="skip Spark (JVM start-up)")
    parser.add_argument(
        "--rounds", type=int, default=1, help="interleaved rounds; each way's median (Spark once)"
    )
    args = parser.parse_args(argv)
    n = 20_000 if args.quick else args.messages
    texts = messages(n)
    if args.write:
        write_csv(Path(args.write), texts)
        return
    sum(1 for _ in smsenc.count_many(texts[:1000]))  # warm up: tables load on first use
    import duckdb
    import pyarrow as pa

    from smsenc.arrow import count_arrow

    array = pa.array(texts, pa.large_string())
    connection = duckdb.connect()
    # DuckDB's stubs do not know type="arrow" functions; the call is the documented one.
    cast(Any, connection).create_function(
        "sms_segments",
        lambda t: count_arrow(t),
        ["VARCHAR"],
        "STRUCT(encoding VARCHAR, message_count INTEGER, characters_remaining INTEGER, "
        "units INTEGER)",
        type="arrow",
    )
    connection.register("messages", pa.table({"text": array}))
    query = "SELECT sum(sms_segments(text).message_count) FROM messages"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "messages.csv"
        write_csv(source, texts)
        ways: dict[str, Callable[[], Any]] = {
            "count_many() in-process, list": lambda: sum(1 for _ in smsenc.count_many(texts))
        }
        for jobs in (1, 2):
            command = [sys.executable, "-m", "smsenc", "count", str(source), "-q", "-j", str(jobs)]
            command += ["-o", str(Path(folder) / "counts.csv")]
            run = partial(subprocess.run, command, check=True, stdout=subprocess.DEVNULL)
            ways[f"smsenc count CSV -> CSV, --jobs {jobs}"] = run
        ways["count_arrow(large_string)"] = lambda: count_arrow(array)
        ways["DuckDB Arrow UDF"] = lambda: connection.sql(query).fetchall()
        # Rounds of every way in turn, so that a machine whose speed drifts slows them
        # alike; each way's median over the rounds.
        times: dict[str, list[float]] = {name: [] for name in ways}
        for _ in range(args.rounds):
            for name, way in ways.items():
                times[name].append(timed(way))
    results = [(name, statistics.median(each)) for name, each in times.items()]
    baseline = results[0][1]
    if not args.no_spark:
        results.append(("Spark local[2] arrow_udf", spark_seconds(texts)))
    print(
        f"{n:,} messages, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"median of {args.rounds} interleaved round(s)"
    )
    print(f"{'way':<36} {'seconds':>8} {'rows/s':>10} {'vs count_many':>14}")
    for name, seconds in results:
        print(f"{name:<36} {seconds:>8.2f} {n / seconds:>10,.0f} {baseline / seconds:>13.2f}x")


if __name__ == "__main__":
    main()
