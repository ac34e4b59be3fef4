"""``count()`` and ``count_many()``: the four numbers bulk work needs, and nothing more.

Same answers as :func:`smsenc.segment` (a property test says so), from the same chooser,
without building the parts or the result object a caller who only counts never reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import repeat
from typing import Any, NamedTuple

from .arguments import check_iterable, check_str
from .engine.chooser import choose
from .engine.options import DEFAULT, Options, resolve
from .gsm.charsets import Encoding


class Counts(NamedTuple):
    """How a text goes out, in numbers (a tuple of its four fields).

    Its encoding, parts, room left in the last part and units (septets or UTF-16
    code units) in all."""

    encoding: Encoding
    message_count: int
    characters_remaining: int
    units: int

    def to_dict(self) -> dict[str, Any]:
        """The four numbers as JSON-ready data, keys named as the attributes."""
        return self._asdict()


def count(text: str, *args: Any, **options: Any) -> Counts:
    """The :class:`Counts` of ``text``; takes the arguments of :func:`smsenc.segment`."""
    return counts_with(text, resolve(*args, **options) if args or options else DEFAULT)


def count_many(texts: Iterable[str], *args: Any, **options: Any) -> Iterator[Counts]:
    """One :class:`Counts` per text of ``texts``, in order, as a lazy iterator.

    The counts are made as the iterator is read (``list(count_many(texts))`` for all
    of them at once), so a file of a billion texts is counted in constant memory.  The
    options are those of :func:`smsenc.segment`, checked and resolved once, at the call,
    as is ``texts`` (an iterable of texts: a str is one text, not several); a bad text
    is a TypeError when its turn comes."""
    check_iterable("texts", texts, "an iterable of str")
    resolved = resolve(*args, **options)
    return map(counts_with, texts, repeat(resolved))


def counts_with(text: str, options: Options) -> Counts:
    """:func:`count` with options already resolved: what ``count_many`` maps over the
    texts."""
    if type(text) is not str:
        check_str("text", text)  # raises the TypeError every entry point raises
    if options.transliterator is not None:
        text = options.transliterator(text)
    layout, part_units, units, _, _ = choose(text, options)
    parts = len(part_units)
    capacity = layout.single_capacity if parts == 1 else layout.multi_capacity
    return _new(Counts, (layout.encoding, parts, capacity - part_units[-1], units))


_new = tuple.__new__
"""Builds :class:`Counts` from all four fields in one C-level call, without NamedTuple's
argument parsing: this runs once per text counted."""
