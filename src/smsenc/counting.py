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


class Counts(NamedTuple):
    """How a text goes out, in numbers.

    Its encoding, parts, room left in the last part and units (septets or UTF-16
    code units) in all."""

    encoding: Encoding
    message_count: int
    characters_remaining: int
    units: int


def count(text: str, *args: Any, **options: Any) -> Counts:
    """The :class:`Counts` of ``text``; takes the arguments of :func:`smsenc.segment`."""
    checked = check_str("text", text)
    resolved = segment_options(*args, **options) if args or options else DEFAULT_OPTIONS
    return _counts(split_text(checked, resolved)[1])


def count_many(texts: Iterable[str], *args: Any, **options: Any) -> Iterator[Counts]:
    """One :class:`Counts` per text of ``texts``, in order.

    The options are those of :func:`smsenc.segment`, checked and resolved once, at the
    call, as is ``texts`` (an iterable of texts: a str is one text, not several); a
    bad text is a TypeError when its turn comes."""
    check_iterable("texts", texts, "an iterable of str")
    return _count_each(texts, segment_options(*args, **options))


def _count_each(texts: Iterable[str], options: SegmentOptions) -> Iterator[Counts]:
    for text in texts:
        yield _counts(split_text(check_str("text", text), options)[1])


def _counts(split: Split) -> Counts:
    units = split.part_units
    return Counts(split.layout.encoding, len(units), split.capacity - units[-1], sum(units))
