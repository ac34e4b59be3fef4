"""``count()`` and ``count_many()``: the four numbers bulk work needs, and nothing more.

Same answers as :func:`smsenc.segment` (a property test says so), without building the
parts or the result object a caller who only counts never reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from .arguments import check_iterable, check_str
from .dcs import Encoding
from .parts import utf16_part_units
from .segmentation import DEFAULT_OPTIONS, SegmentOptions, segment_options, split_text
from .selection import DEFAULT_ONLY, default_part_units
from .shortcuts import fast_units
from .udh import Layout


class Counts(NamedTuple):
    """How a text goes out, in numbers.

    Its encoding, parts, room left in the last part and units (septets or UTF-16
    code units) in all."""

    encoding: Encoding
    message_count: int
    characters_remaining: int
    units: int


_new_counts = tuple.__new__
"""Builds :class:`Counts` from its four fields without NamedTuple's argument parsing."""


def count(text: str, *args: Any, **options: Any) -> Counts:
    """The :class:`Counts` of ``text``; takes the arguments of :func:`smsenc.segment`."""
    checked = check_str("text", text)
    resolved = segment_options(*args, **options) if args or options else DEFAULT_OPTIONS
    return next(_count_each((checked,), resolved))


def count_many(texts: Iterable[str], *args: Any, **options: Any) -> Iterator[Counts]:
    """One :class:`Counts` per text of ``texts``, in order.

    The options are those of :func:`smsenc.segment`, checked and resolved once, at the
    call, as is ``texts`` (an iterable of texts: a str is one text, not several); a
    bad text is a TypeError when its turn comes."""
    check_iterable("texts", texts, "an iterable of str")
    return _count_each(texts, segment_options(*args, **options))


def _count_each(texts: Iterable[str], options: SegmentOptions) -> Iterator[Counts]:
    # The loop every bulk tool runs.  Without transliteration or grapheme clusters the
    # shortcuts are tried here, straight; under the default tables a text they decline
    # is counted from its parts' units alone.  Anything else, and a text past max_parts
    # (for its error), goes through split_text.
    lean = options.transliterator is None and not options.keep_graphemes
    default_tables_only = options.tables == DEFAULT_ONLY
    bits = options.reference_bits
    most = options.max_parts  # None: no limit, so any count stands
    for text in texts:
        if not isinstance(text, str):
            check_str("text", text)  # raises the TypeError every entry point raises
        if lean:
            found = fast_units(text, default_tables_only, bits)
            if found is not None:
                layout, units = found
                if units <= layout.single_capacity:
                    yield _new_counts(
                        Counts, (layout.encoding, 1, layout.single_capacity - units, units)
                    )
                    continue
                if units == len(text):  # one unit per character: arithmetic
                    parts = -(-units // layout.multi_capacity)
                    if most is None or parts <= most:
                        remaining = parts * layout.multi_capacity - units
                        yield _new_counts(Counts, (layout.encoding, parts, remaining, units))
                        continue
                    counts = None  # past max_parts: split_text raises the error
                else:  # UCS-2 with pairs in several parts, where a pair may move
                    counts = _counts(layout, utf16_part_units(text, layout))
            elif default_tables_only:
                counts = _counts(*default_part_units(text, bits))
            else:
                counts = None
            if counts is not None and (most is None or counts.message_count <= most):
                yield counts
                continue
        split = split_text(text, options)[1]  # the general path, or its error
        yield _counts(split.layout, split.part_units)


def _counts(layout: Layout, part_units: tuple[int, ...]) -> Counts:
    """The counts of a message whose parts hold ``part_units`` under ``layout``."""
    parts = len(part_units)
    capacity = layout.single_capacity if parts == 1 else layout.multi_capacity
    return _new_counts(Counts, (layout.encoding, parts, capacity - part_units[-1], sum(part_units)))
