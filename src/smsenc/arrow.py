"""Arrow: count a whole ``pyarrow`` string array at once, for any engine that speaks Arrow.

``count_arrow(array)`` takes a ``string``, ``large_string`` or ``string_view`` array
(Polars and Spark pass ``large_string``; a ``ChunkedArray`` too) and returns a
``StructArray`` of :data:`SCHEMA`'s fields, one struct per text; a null text gives a null
struct. It plugs into DuckDB (``create_function(..., type="arrow")``), Polars
(``map_batches``), Dask and Spark's Arrow UDFs (``smsenc.spark``). Needs
``pip install 'smsenc[arrow]'``.

Most rows never become Python objects: ``pyarrow.compute`` kernels (code point lengths,
RE2 searches and splits over the UTF-8 data, running sums) decide every row whose counts
are arithmetic, and only the rest, turned into ``str``, are counted as
:func:`smsenc.count` counts them (under the options, resolved once for the whole call),
their answers put back in place.  The kernels decide, exactly as the general path does
(property tests hold them equal, row for row, under every option):

* **Default alphabet proper** (TS 23.038 §6.2.1): one septet per character and, under
  any allowed tables, the default pair (:mod:`smsenc.engine.chooser` says why no
  national pair or UCS-2 can do better), cut every 153 septets (152 with 16-bit
  references).
* **Escapes** (the extension table, §6.2.1.1, two septets a character): in one part
  (160 septets) under any tables, since nothing ranks better; past one part under the
  default tables only, when no escape pair would straddle a cut (see below).
* **UCS-2**, under the default tables only (no ``language_code``), for a text with a
  character outside both default tables: one UTF-16 unit per character, two for one
  above U+FFFF; in one part (70 units), or in parts of 67 units (66 with 16-bit
  references) when no surrogate pair would straddle a cut.

A part never ends inside a pair, so a pair that would straddle a cut moves whole to the
next part, and every later cut with it; until one does, the cuts fall every part's
capacity. The kernels split each text with pairs at its pairs and sum the pieces to find
where each pair starts: when none starts on a part's last unit, every cut is arithmetic.
With ``keep_graphemes=True`` no cut may fall inside an extended grapheme cluster
(UAX #29): among GSM texts only CR LF makes a cluster of two characters, so one holding
CR LF past one part is walked, and so is UCS-2 past one part (marks join clusters).

Python counts the rest: a pair on a cut, what national tables could carry
otherwise, every text under ``transliteration`` (which may rewrite it), and a text past
``max_parts``, whose :class:`smsenc.TooManyPartsError` it raises for the first such row,
as it always has.

Arrow strings are UTF-8, which cannot hold a lone surrogate: ``pyarrow.array(["\\ud83d"])``
raises, so such a text never reaches smsenc through Arrow (``smsenc.count`` counts it as
one UCS-2 code unit).
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any, NamedTuple

try:
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError as error:  # pragma: no cover - the message is the point
    raise ImportError(
        "smsenc.arrow needs pyarrow: pip install 'smsenc[arrow]'", name=error.name
    ) from error

from .arguments import type_error
from .counting import counts_with
from .engine.options import Options, resolve
from .gsm.charsets import DEFAULT_ALPHABET, DEFAULT_EXTENSION

SCHEMA = pa.schema(
    [
        pa.field("encoding", pa.string()),
        pa.field("message_count", pa.int32()),
        pa.field("characters_remaining", pa.int32()),
        pa.field("units", pa.int32()),
    ]
)
"""The fields of :func:`count_arrow`'s structs, the numbers of :class:`smsenc.Counts`."""

TYPE = pa.struct(list(SCHEMA))
"""The Arrow type of :func:`count_arrow`'s result: a struct of :data:`SCHEMA`'s fields."""

_STRING_TYPES = ("string", "large_string", "string_view")


def _is_view(type_: Any) -> bool:
    # pyarrow before 16 has no string_view.
    return hasattr(pa.types, "is_string_view") and bool(pa.types.is_string_view(type_))


def _is_text(type_: Any) -> bool:
    return bool(pa.types.is_string(type_) or pa.types.is_large_string(type_) or _is_view(type_))


def count_arrow(
    array: Any, language_code: Any = None, transliteration: Any = None, **options: Any
) -> Any:
    """One struct of encoding, message_count, characters_remaining and units per text:
    :class:`smsenc.Counts`, for a whole column.

    ``array`` is a ``pyarrow`` string, large_string (or string_view) ``Array`` or
    ``ChunkedArray``; the options are :func:`smsenc.segment`'s, resolved once for the
    whole array. Nulls stay null. The result is a ``pyarrow.StructArray`` of type
    :data:`TYPE`, as long as ``array``.
    """
    if isinstance(array, pa.ChunkedArray):
        chunks = array.chunks
    elif isinstance(array, pa.Array):
        chunks = [array]
    else:
        raise type_error("array", array, "a pyarrow string Array or ChunkedArray")
    if not _is_text(array.type):
        raise TypeError(f"array must hold {', '.join(_STRING_TYPES)}, got {array.type}")
    resolved = resolve(language_code, transliteration, **options)  # checked once, here
    plan = _plan(resolved)
    batches = [_Batch.of(chunk, plan) for chunk in chunks]
    walked: list[str] = []
    for batch in batches:
        walked.extend(batch.to_walk())
    # The rows the kernels left, in row order: a row's TooManyPartsError comes first.
    counted = [counts_with(text, resolved) for text in walked]
    results = []
    start = 0
    for batch in batches:
        end = start + batch.walked
        results.append(batch.result(counted[start:end]))
        start = end
    if len(results) == 1:
        return results[0]
    return pa.concat_arrays(results) if results else pa.array([], TYPE)


class _Plan(NamedTuple):
    """What the kernels may decide under the options of one call."""

    single_septets: int
    """Septets a message of one part holds."""
    single_units: int
    """UTF-16 code units a message of one part holds."""
    multi_septets: int
    """Septets a part of a concatenated message holds."""
    multi_units: int
    """UTF-16 code units a part of a concatenated message holds."""
    max_parts: int | None
    default_tables_only: bool
    """No national table allowed: nothing but the default pair or UCS-2 carries a text."""
    keep_graphemes: bool


def _plan(options: Options) -> _Plan | None:
    """What the kernels may decide under ``options``, or None: every row is counted in
    Python (transliteration may rewrite any text).  The capacities are the default
    layouts' (TS 23.040 §9.2.3.16 and §9.2.3.24, worked out in :mod:`smsenc.gsm.udh`)."""
    if options.transliterator is not None:
        return None
    return _Plan(
        single_septets=options.gsm7.single_capacity,
        single_units=options.ucs2.single_capacity,
        multi_septets=options.gsm7.multi_capacity,
        multi_units=options.ucs2.multi_capacity,
        max_parts=options.max_parts,
        default_tables_only=options.default_only,
        keep_graphemes=options.keep_graphemes,
    )


class _Patterns(NamedTuple):
    """RE2 patterns (the kernels' regular expressions) over the default tables."""

    outside_alphabet: str
    """A character outside the default alphabet proper (TS 23.038 §6.2.1)."""
    outside_tables: str
    """A character outside the default alphabet and its extension table (§6.2.1.1)."""
    extension: str
    """A character of the extension table that the default alphabet lacks: two septets."""
    astral: str = r"[\x{10000}-\x{10FFFF}]"
    """A character above U+FFFF: a surrogate pair, two UTF-16 code units."""


@cache
def _patterns() -> _Patterns:
    """The patterns, from the default tables (built on first use)."""
    alphabet = DEFAULT_ALPHABET.chars
    extension = DEFAULT_EXTENSION.chars - alphabet

    def listed(chars: frozenset[str]) -> str:
        return "".join(f"\\x{{{ord(c):X}}}" for c in sorted(chars))

    return _Patterns(
        outside_alphabet=f"[^{listed(alphabet)}]",
        outside_tables=f"[^{listed(alphabet | extension)}]",
        extension=f"[{listed(extension)}]",
    )


class _Batch:
    """One chunk: the counts its kernels decide, and the rows left to Python."""

    def __init__(self, chunk: Any, texts: Any, columns: list[Any] | None, walk: Any) -> None:
        self.chunk = chunk
        """The chunk as given (its nulls make the result's)."""
        self.texts = texts
        """Its texts: the non-null ones, as a string or large_string array."""
        self.columns = columns
        """The four fields for every text (wrong where ``walk`` holds), or None: no row."""
        self.walk = walk
        """Which texts Python counts (a boolean array), or None: all of them."""
        self.walked = len(texts) if walk is None else pc.sum(walk).as_py() or 0
        """How many."""

    @classmethod
    def of(cls, chunk: Any, plan: _Plan | None) -> _Batch:
        if _is_view(chunk.type):  # the kernels take string and large_string
            chunk = chunk.cast(pa.large_string())
        texts = chunk.drop_null() if chunk.null_count else chunk
        if plan is None or not len(texts) or not _valid_utf8(texts):
            return cls(chunk, texts, None, None)
        columns, walk = _decide(texts, plan)
        return cls(chunk, texts, columns, walk)

    def to_walk(self) -> list[str]:
        """The texts left to Python, in order."""
        texts = self.texts if self.walk is None else pc.filter(self.texts, self.walk)
        result: list[str] = texts.to_pylist()
        return result

    def result(self, counted: list[Any]) -> Any:
        """The chunk's structs, with ``counted`` (the Counts of the rows walked) in place."""
        walked = [pa.array(c, f.type) for c, f in zip(_transposed(counted), SCHEMA, strict=True)]
        if self.columns is None:
            columns = walked
        elif self.walked:
            columns = [
                pc.replace_with_mask(c, self.walk, w)
                for c, w in zip(self.columns, walked, strict=True)
            ]
        else:
            columns = self.columns
        if self.chunk.null_count:  # back to the chunk's rows: a null text, null fields
            valid = pc.is_valid(self.chunk)
            columns = [
                pc.replace_with_mask(pa.nulls(len(self.chunk), f.type), valid, c)
                for c, f in zip(columns, SCHEMA, strict=True)
            ]
            mask = pc.invert(valid)
        else:
            mask = None
        return pa.StructArray.from_arrays(columns, fields=list(SCHEMA), mask=mask)


def _valid_utf8(texts: Any) -> bool:
    """Whether ``texts`` holds UTF-8, as Arrow strings must: the kernels would count what
    is not, where ``to_pylist()`` raises the UnicodeDecodeError a caller always got."""
    try:
        texts.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _transposed(counted: list[Any]) -> list[tuple[Any, ...]]:
    """Four columns from rows of four fields (four empty columns from no row)."""
    return list(zip(*counted, strict=True)) if counted else [(), (), (), ()]


def _decide(texts: Any, plan: _Plan) -> tuple[list[Any], Any]:
    """The four fields of every text (``texts`` has no null), and the boolean array of the
    rows whose fields the kernels cannot vouch for."""
    patterns = _patterns()
    length = pc.utf8_length(texts)  # code points
    size = length.type  # int32 for string, int64 for large_string
    no = pa.repeat(False, len(texts))
    in_alphabet = pc.invert(pc.match_substring_regex(texts, patterns.outside_alphabet))
    rest = pc.invert(in_alphabet)
    gsm = _on_rows(texts, rest, in_alphabet, _not_matching(patterns.outside_tables))
    escaped = pc.and_(rest, gsm)
    extra = pa.repeat(pa.scalar(0, size), len(texts))  # units past one per character
    extra, straddle = _with_pairs(
        texts, escaped, patterns.extension, plan.multi_septets, (extra, no)
    )
    arithmetic = in_alphabet  # rows cut every multi-part capacity, when past one part
    if plan.default_tables_only:  # under national tables a pair could win past one part
        arithmetic = pc.or_(arithmetic, pc.and_(escaped, pc.invert(straddle)))
        ucs2 = pc.invert(gsm)
        paired = _above_bmp(texts, ucs2, no)
        extra, straddle = _with_pairs(
            texts, paired, patterns.astral, plan.multi_units, (extra, straddle)
        )
        known = pa.repeat(True, len(texts))
        if not plan.keep_graphemes:  # clusters of marks would move UCS-2 cuts
            arithmetic = pc.or_(arithmetic, pc.and_(ucs2, pc.invert(straddle)))
    else:
        known = gsm  # national tables may carry a text the default ones do not
    if plan.keep_graphemes:  # CR LF, the one cluster of two characters in the GSM tables
        arithmetic = pc.and_(arithmetic, pc.invert(_on_rows(texts, gsm, no, _crlf)))
    units = pc.add(length, extra)
    single = pc.if_else(gsm, plan.single_septets, plan.single_units)
    multi = pc.if_else(gsm, plan.multi_septets, plan.multi_units)
    one = pc.less_equal(units, single)
    parts = pc.if_else(one, 1, pc.divide(pc.subtract(pc.add(units, multi), 1), multi))
    room = pc.subtract(pc.if_else(one, single, pc.multiply(parts, multi)), units)
    several = arithmetic
    if plan.max_parts is not None:
        several = pc.and_(several, pc.less_equal(parts, plan.max_parts))
    decided = pc.and_(known, pc.or_(one, several))
    columns = [
        pc.if_else(gsm, "GSM7", "UCS2"),
        pc.cast(parts, pa.int32()),
        pc.cast(room, pa.int32()),
        pc.cast(units, pa.int32()),
    ]
    return columns, pc.invert(decided)


def _with_pairs(
    texts: Any, rows: Any, pattern: str, capacity: int, found: tuple[Any, Any]
) -> tuple[Any, Any]:
    """``found`` (extra units, straddles) with the rows picked by ``rows`` filled in: in
    each, how many characters ``pattern`` finds, each one unit more than one character
    (an escape pair, a surrogate pair), and whether one would straddle a cut made every
    ``capacity`` units.

    Parts are filled greedily and a part never ends inside a pair (README, "How parts
    are counted"; ``smsenc/parts.py``): a pair that would straddle a cut moves whole to
    the next part, and every later cut with it. Until one does, the cuts fall every
    ``capacity`` units; so when none does, they all do, and the counts are arithmetic.
    """
    if not pc.any(rows).as_py():
        return found
    pieces = pc.split_pattern_regex(pc.filter(texts, rows), pattern)  # what lies between
    pairs = pc.subtract(pc.list_value_length(pieces), 1)
    starts, ends = pieces.offsets[:-1], pieces.offsets[1:]  # each row's pieces
    row = pc.list_parent_indices(pieces)
    # Where the pair after each piece starts in its row: the units of the pieces up to
    # it (one per character) and of the pairs before it (two each).
    step = pc.add(pc.utf8_length(pc.list_flatten(pieces)), 2)
    through = pc.cumulative_sum(step)  # over every row: pieces and pairs so far
    before_row = pc.take(pc.subtract(through, step), starts)
    at = pc.subtract(pc.subtract(through, 2), pc.take(before_row, row))
    at_cut = pc.equal(pc.subtract(at, pc.multiply(pc.divide(at, capacity), capacity)), capacity - 1)
    followed = pa.concat_arrays([pc.equal(row[:-1], row[1:]), pa.array([False])])  # a pair
    crossing = pc.cast(pc.and_(at_cut, followed), pa.int64())
    running = pc.cumulative_sum(crossing)
    straddles = pc.greater(  # the crossings in each row's pieces: running sum at its last,
        pc.take(running, pc.subtract(ends, 1)),  # less the running sum before its first
        pc.take(pc.subtract(running, crossing), starts),
    )
    extra, straddle = found
    return (
        pc.replace_with_mask(extra, rows, pc.cast(pairs, extra.type)),
        pc.replace_with_mask(straddle, rows, straddles),
    )


def _above_bmp(texts: Any, rows: Any, no: Any) -> Any:
    """Which of the texts picked by ``rows`` hold a character above U+FFFF: four bytes in
    UTF-8, the first of them 0xF0 to 0xF4, a byte no other character's encoding holds.

    The largest byte of the data picks the cheapest search: below 0xF0, no text holds
    one; at 0xF0 (the planes up to U+3FFFF, emoji among them), RE2 looks for that one
    byte, as a literal, in every text at memory speed (``memchr``); above, the class of
    every such character is matched in the picked texts, a byte at a time."""
    top = pc.max(_utf8_bytes(texts)).as_py()  # None for no byte at all
    if top is None or top < 0xF0:
        return no
    if top == 0xF0:
        binary = pa.large_binary() if pa.types.is_large_string(texts.type) else pa.binary()
        return pc.and_(rows, pc.match_substring_regex(texts.cast(binary), b"\xf0"))
    return _on_rows(texts, rows, no, _matching(_patterns().astral))


def _utf8_bytes(texts: Any) -> Any:
    """The bytes of ``texts`` (a string or large_string array, maybe a slice of a larger
    one) as a uint8 array over the same memory: from its first text's first byte to its
    last text's last byte."""
    _, offsets, data = texts.buffers()
    offset_type = pa.int64() if pa.types.is_large_string(texts.type) else pa.int32()
    bounds = pa.Array.from_buffers(
        offset_type, len(texts) + 1, [None, offsets], offset=texts.offset
    )
    first, end = bounds[0].as_py(), bounds[-1].as_py()
    if data is None or end == first:
        return pa.array([], pa.uint8())
    return pa.Array.from_buffers(pa.uint8(), end - first, [None, data], offset=first)


def _on_rows(texts: Any, rows: Any, elsewhere: Any, kernel: Any) -> Any:
    """``kernel`` of the texts where ``rows`` holds, ``elsewhere``'s values elsewhere:
    the kernel reads only the rows picked."""
    if not pc.any(rows).as_py():
        return elsewhere
    return pc.replace_with_mask(elsewhere, rows, kernel(pc.filter(texts, rows)))


def _matching(pattern: str) -> Any:
    return lambda texts: pc.match_substring_regex(texts, pattern)


def _not_matching(pattern: str) -> Any:
    return lambda texts: pc.invert(pc.match_substring_regex(texts, pattern))


def _crlf(texts: Any) -> Any:
    return pc.match_substring(texts, "\r\n")


def segment_arrow(
    array: Any, language_code: Any = None, transliteration: Any = None, **options: Any
) -> Any:
    """Deprecated name of :func:`count_arrow` (it returns counts, not segmentations)."""
    warnings.warn(
        "smsenc.arrow.segment_arrow is deprecated; use smsenc.arrow.count_arrow (same "
        "arguments, same result)",
        DeprecationWarning,
        stacklevel=2,
    )
    return count_arrow(array, language_code, transliteration, **options)
