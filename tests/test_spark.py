"""smsenc.spark on a real local[2] SparkSession: DataFrame and SQL equal segment() row for row.

Marked ``spark`` and left out of the default test run (starting the JVM takes most of a
minute on a small machine); .ci/run runs them with ``pytest -m spark``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import smsenc

pytestmark = pytest.mark.spark

TEXTS = [
    "hello",
    None,
    "Привет, как дела?",
    "a" * 161,
    "€" * 81,
    "",
    "😀 ok",
    "ş á",
    "Hi “Anna” — see you at 5",
    "Yarın 14:00'te Kadıköy'de buluşalım mı?",
]


def expected(text: str | None, *args: Any) -> tuple[Any, ...] | None:
    if text is None:
        return None
    r = smsenc.segment(text, *args)
    return (r.encoding, r.message_count, r.characters_remaining, r.units)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    # Executors run this interpreter, the one smsenc is installed in.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("smsenc-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def messages(spark: Any) -> Any:
    frame = spark.createDataFrame(list(enumerate(TEXTS)), "id int, text string").repartition(2)
    frame.createOrReplaceTempView("messages")
    return frame


def test_dataframe_udf_equals_segment(messages: Any) -> None:
    import smsenc.spark

    udf = smsenc.spark.sms_segments()
    rows = messages.select("id", udf("text").alias("sms")).orderBy("id").collect()
    assert [None if r.sms is None else tuple(r.sms) for r in rows] == [expected(t) for t in TEXTS]
    # Plain values, not objects: not a single all-NULL struct for a text.
    assert sum(r.sms is None for r in rows) == TEXTS.count(None)


def test_sql_after_register(spark: Any, messages: Any) -> None:
    import smsenc.spark

    smsenc.spark.register(spark)
    rows = spark.sql(
        "SELECT id, sms_segments(text).message_count AS n, sms_segments(text) AS s "
        "FROM messages ORDER BY id"
    ).collect()
    assert [r.n for r in rows] == [None if t is None else expected(t)[1] for t in TEXTS]
    assert [None if r.s is None else tuple(r.s) for r in rows] == [expected(t) for t in TEXTS]
    total = spark.sql("SELECT sum(sms_segments(text).message_count) AS parts FROM messages")
    assert total.collect()[0].parts == sum(expected(t)[1] for t in TEXTS if t is not None)


def test_options_travel_to_the_executors(spark: Any, messages: Any) -> None:
    import smsenc.spark

    smsenc.spark.register(spark, "sms_segments_auto", "AUTODETECT")
    rows = spark.sql("SELECT sms_segments_auto(text) AS s FROM messages ORDER BY id").collect()
    assert [None if r.s is None else tuple(r.s) for r in rows] == [
        expected(t, "AUTODETECT") for t in TEXTS
    ]


def test_register_names_a_name_of_the_wrong_type() -> None:
    import smsenc.spark

    # Checked before the session is touched: no SparkSession needed to see it.
    with pytest.raises(TypeError) as raised:
        smsenc.spark.register(None, 5)
    assert str(raised.value) == "name must be a str, not int"


def test_spark_replaces_a_lone_surrogate(spark: Any) -> None:
    # What README documents: pyspark sends a lone surrogate to the JVM as U+FFFD, so
    # smsenc counts the replacement character (UCS-2, one unit), not the surrogate.
    import smsenc.spark

    frame = spark.createDataFrame([("a\ud83dz",)], "text string")
    row = frame.select("text", smsenc.spark.sms_segments()("text").alias("s")).collect()[0]
    assert row.text == "a\ufffdz"
    assert tuple(row.s) == expected("a\ufffdz") == ("UCS2", 1, 67, 3)


def test_import_and_udf_need_no_session() -> None:
    program = (
        "import smsenc.spark as s; from pyspark.sql import SparkSession; "
        "u = s.sms_segments('TR'); "
        "print(type(s.SCHEMA).__name__, SparkSession.getActiveSession() is None, "
        "[f.name for f in s.SCHEMA.fields])"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert done.stdout == (
        "StructType True ['encoding', 'message_count', 'characters_remaining', 'units']\n"
    )
