"""Arrow: count a whole ``pyarrow`` string array at once, for any engine that speaks Arrow.

``segment_arrow(array)`` takes a ``string`` or ``large_string`` array (Polars and Spark
pass ``large_string``; a ``ChunkedArray`` too) and returns a ``StructArray`` of
:data:`SCHEMA`'s fields, one struct per text; a null text gives a null struct. It plugs
into DuckDB (``create_function(..., type="arrow")``), Polars (``map_batches``), Dask and
Spark's Arrow UDFs (``smsenc.spark``). Needs ``pip install 'smsenc[arrow]'``.

Arrow strings are UTF-8, which cannot hold a lone surrogate: ``pyarrow.array(["\\ud83d"])``
raises, so such a text never reaches smsenc through Arrow (``smsenc.count`` counts it as
one UCS-2 code unit).
"""

from __future__ import annotations

from typing import Any

try:
    import pyarrow as pa
except ImportError as error:  # pragma: no cover - the message is the point
    raise ImportError(
        "smsenc.arrow needs pyarrow: pip install 'smsenc[arrow]'", name=error.name
    ) from error

from . import count_many

SCHEMA = pa.schema(
    [
        pa.field("encoding", pa.string()),
        pa.field("message_count", pa.int32()),
        pa.field("characters_remaining", pa.int32()),
        pa.field("units", pa.int32()),
    ]
)
"""The fields of :func:`segment_arrow`'s structs, the numbers of :class:`smsenc.Counts`."""

TYPE = pa.struct(list(SCHEMA))
"""The Arrow type of :func:`segment_arrow`'s result: a struct of :data:`SCHEMA`'s fields."""

_STRING_TYPES = ("string", "large_string", "string_view")


def _is_text(type_: Any) -> bool:
    return bool(
        pa.types.is_string(type_)
        or pa.types.is_large_string(type_)
        or (hasattr(pa.types, "is_string_view") and pa.types.is_string_view(type_))
    )


def segment_arrow(
    array: Any, language_code: Any = None, transliteration: Any = None, **options: Any
) -> Any:
    """One struct of encoding, message_count, characters_remaining and units per text.

    ``array`` is a ``pyarrow`` string, large_string (or string_view) ``Array`` or
    ``ChunkedArray``; the options are :func:`smsenc.segment`'s. Nulls stay null. The
    result is a ``pyarrow.StructArray`` of type :data:`TYPE`, as long as ``array``.
    """
    if isinstance(array, pa.ChunkedArray):
        chunks = array.chunks
    elif isinstance(array, pa.Array):
        chunks = [array]
    else:
        raise TypeError(
            f"array must be a pyarrow string Array or ChunkedArray, got {type(array).__name__}"
        )
    if not _is_text(array.type):
        raise TypeError(f"array must hold {', '.join(_STRING_TYPES)}, got {array.type}")
    texts: list[str | None] = []
    for chunk in chunks:
        texts.extend(chunk.to_pylist())
    present = [text for text in texts if text is not None]
    counted = iter(count_many(present, language_code, transliteration, **options))
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
