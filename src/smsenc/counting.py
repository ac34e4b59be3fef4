"""``count()`` and ``count_many()``: the four numbers bulk work needs, and nothing more.

Same answers as :func:`smsenc.segment` (a property test says so), without building the
parts or the result object a caller who only counts never reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from .arguments import check_iterable
from .dcs import Encoding
from .segmentation import segment


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
    result = segment(text, *args, **options)
    return Counts(result.encoding, result.message_count, result.characters_remaining, result.units)


def count_many(texts: Iterable[str], *args: Any, **options: Any) -> Iterator[Counts]:
    """One :class:`Counts` per text of ``texts``, in order.

    The options are those of :func:`smsenc.segment`.  A ``texts`` that is not an
    iterable of texts (a str is one text, not several) is a TypeError at the call,
    not at the first count."""
    check_iterable("texts", texts, "an iterable of str")
    return _count_each(texts, args, options)


def _count_each(texts: Iterable[str], args: Any, options: Any) -> Iterator[Counts]:
    for text in texts:
        yield count(text, *args, **options)
