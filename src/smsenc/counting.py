"""``count()`` and ``count_many()``: the four numbers bulk work needs, and nothing more.

Same answers as :func:`smsenc.segment` (a property test says so), without building the
parts or the result object a caller who only counts never reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from .arguments import check_iterable, check_str
from .dcs import Encoding
from .parts import Split
from .segmentation import DEFAULT_OPTIONS, SegmentOptions, segment_options, split_text
from .selection import DEFAULT_ONLY
from .shortcuts import fast_units, split_found
from .udh import MAX_PARTS


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
    # The loop every bulk tool runs: the shortcuts are tried here, straight, and only a
    # text they decline (or one past max_parts, for its error) goes through split_text.
    shortcuts = options.transliterator is None and not options.keep_graphemes
    default_tables_only = options.tables == DEFAULT_ONLY
    bits = options.reference_bits
    most = MAX_PARTS if options.max_parts is None else options.max_parts  # None: no check due
    for text in texts:
        if not isinstance(text, str):
            check_str("text", text)  # raises the TypeError every entry point raises
        found = fast_units(text, default_tables_only, bits) if shortcuts else None
        if found is not None:
            layout, units = found
            if units <= layout.single_capacity:
                yield _new_counts(
                    Counts, (layout.encoding, 1, layout.single_capacity - units, units)
                )
                continue
            parts = -(-units // layout.multi_capacity)
            if parts <= most:
                if units == len(text):  # one unit per character: arithmetic
                    remaining = parts * layout.multi_capacity - units
                    yield _new_counts(Counts, (layout.encoding, parts, remaining, units))
                    continue
                split = split_found(text, layout, units)  # pairs that may move: the walk
                if len(split.part_units) <= most:
                    yield _counts(split)
                    continue
        yield _counts(split_text(text, options)[1])  # the general path, or its error


def _counts(split: Split) -> Counts:
    units = split.part_units
    return Counts(split.layout.encoding, len(units), split.capacity - units[-1], sum(units))
