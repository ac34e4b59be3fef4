"""Spark: an Arrow UDF that counts a column of texts, and ``register`` for Spark SQL.

>>> import smsenc.spark                            # doctest: +SKIP
>>> smsenc.spark.register(spark)                   # doctest: +SKIP
>>> spark.sql("SELECT sms_segments(text).message_count FROM messages")  # doctest: +SKIP

Needs ``pip install 'smsenc[spark]'`` (pyspark 4.1 or later, for ``arrow_udf``, and
pyarrow); ``import smsenc`` never imports pyspark. The UDF hands whole Arrow batches to
:func:`smsenc.arrow.count_arrow`, so no row is turned into a Python object and back by
Spark, and it returns plain Arrow structs: a UDF that returned smsenc's result objects
would give all-NULL structs without an error. The return type is a ``StructType`` object,
not a DDL string, which pyspark would parse only with an active session.

Spark strings are UTF-8, which cannot hold a lone surrogate: pyspark sends one to the
JVM as U+FFFD, so smsenc counts the replacement character (one UCS-2 unit) instead.
"""

from __future__ import annotations

from typing import Any, cast

import pyarrow as pa
from pyspark.sql.pandas.functions import arrow_udf
from pyspark.sql.types import IntegerType, StringType, StructField, StructType

from .arguments import check_str
from .arrow import count_arrow

SCHEMA = StructType(
    [
        StructField("encoding", StringType(), True),
        StructField("message_count", IntegerType(), True),
        StructField("characters_remaining", IntegerType(), True),
        StructField("units", IntegerType(), True),
    ]
)
"""The UDF's return type: :data:`smsenc.arrow.SCHEMA` in Spark's terms."""


def sms_segments(language_code: Any = None, transliteration: Any = None, **options: Any) -> Any:
    """A Spark Arrow UDF of one string column giving a struct of :data:`SCHEMA`.

    The options are :func:`smsenc.segment`'s, fixed for every row (they travel to the
    executors with the function). Use it as ``df.select(sms_segments()("text"))``.
    """

    # pyspark tells an Arrow UDF's kind from these hints: Array in, Array out (scalar).
    def sms_segments(texts: pa.Array) -> pa.Array:
        return count_arrow(texts, language_code, transliteration, **options)

    # pyspark's stubs want functionType too; the type hints above are the documented way.
    return cast(Any, arrow_udf)(sms_segments, SCHEMA)


def register(
    spark: Any,
    name: str = "sms_segments",
    language_code: Any = None,
    transliteration: Any = None,
    **options: Any,
) -> Any:
    """Register the UDF under ``name`` for Spark SQL; returns the registered function.

    ``SELECT sms_segments(text).message_count FROM messages`` then works.
    """
    check_str("name", name)
    return spark.udf.register(name, sms_segments(language_code, transliteration, **options))
