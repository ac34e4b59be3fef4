"""Cutting a text into parts that each fit one short message.

Parts are filled greedily.  A GSM 7-bit part never ends between an escape and the
septet it escapes; a UCS-2 part never ends between the two halves of a surrogate pair.
The walks take one Python step per *part*, never per character: each step is a
C-level slice or count.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import NamedTuple

from .charsets import ESCAPE
from .dcs import Encoding
from .udh import Layout

Rank = tuple[int, bool, int, int]
"""smsenc's order of preference, lower first (see :func:`rank`)."""
RankThenOrder = tuple[int, bool, int, int, int]
"""A :data:`Rank` and then the candidate's place in the caller's order: breaks ties."""


class Split(NamedTuple):
    """A text cut into parts under one layout.

    ``bounds`` are character offsets: part *i* is ``text[bounds[i]:bounds[i + 1]]``.
    ``part_units`` are the septets (GSM7) or UTF-16 code units (UCS2) of each part.
    """

    layout: Layout
    bounds: tuple[int, ...]
    part_units: tuple[int, ...]
    capacity: int
    udh_octets: int

    @property
    def message_count(self) -> int:
        return len(self.part_units)

    @property
    def remaining(self) -> int:
        """Room left in the last part; room stranded earlier by a moved pair is not room."""
        return self.capacity - self.part_units[-1]

    def rank(self) -> Rank:
        return rank(self.message_count, self.layout.encoding, self.udh_octets, self.remaining)


def rank(parts: int, encoding: Encoding, udh_octets: int, remaining: int) -> Rank:
    """smsenc's order of preference, lower first: fewer parts, then 7-bit over UCS-2,
    then a smaller header, then more room left in the last part."""
    return (parts, encoding == "UCS2", udh_octets, -remaining)


def minimum_parts(units: int, layout: Layout) -> int:
    """A lower bound on the parts ``units`` need; exact unless a pair has to move."""
    if units <= layout.single_capacity:
        return 1
    return -(-units // layout.multi_capacity)


def _layout_for(units: int, layout: Layout) -> tuple[int, int]:
    """(capacity, header octets) of every part of a message of ``units``."""
    if units <= layout.single_capacity:
        return layout.single_capacity, layout.single_udh_octets
    return layout.multi_capacity, layout.multi_udh_octets


_new_split = tuple.__new__
"""Builds a :class:`Split` from a tuple of its fields, skipping the argument parsing of
NamedTuple's ``__new__`` and the length check of ``_make``: the callers pass all five."""


def _single_part(layout: Layout, characters: int, units: int) -> Split:
    """The split of a text that fits one part: the common case, so built the fast way."""
    return _new_split(
        Split,
        (layout, (0, characters), (units,), layout.single_capacity, layout.single_udh_octets),
    )


def _even_split(layout: Layout, length: int, capacity: int, udh_octets: int) -> Split:
    """A split where every unit is one character: cuts every ``capacity`` characters."""
    bounds = (*range(0, length, capacity), length)
    return _new_split(Split, (layout, bounds, _even_units(length, capacity), capacity, udh_octets))


def _even_units(total: int, capacity: int) -> tuple[int, ...]:
    """The units of each part when cuts fall every ``capacity`` units."""
    full, rest = divmod(total, capacity)
    return (capacity,) * full + ((rest,) if rest else ())


def split_even(layout: Layout, characters: int, units: int) -> Split:
    """The split of a text of ``characters`` needing ``units`` when its parts are plain
    arithmetic: it fits one part, or every character is one unit (no escape or
    surrogate pair can straddle a cut)."""
    if units <= layout.single_capacity:
        return _single_part(layout, characters, units)
    assert characters == units, "several parts with pairs need the exact walk"
    return _even_split(layout, units, layout.multi_capacity, layout.multi_udh_octets)


def _cuts(total: int, capacity: int, splits_pair: Callable[[int], bool]) -> list[int]:
    """Unit offsets where parts end: every ``capacity`` units, one unit earlier where
    the cut would fall inside a pair (which then moves whole to the next part)."""
    cuts = [0]
    while total - cuts[-1] > capacity:
        end = cuts[-1] + capacity
        cuts.append(end - 1 if splits_pair(end) else end)
    cuts.append(total)
    return cuts


def _units(cuts: list[int]) -> tuple[int, ...]:
    return tuple(b - a for a, b in pairwise(cuts))


def _bounds(cuts: list[int], characters: Callable[[int, int], int]) -> tuple[int, ...]:
    """Character offsets of the parts, from the characters in each span of units."""
    bounds = [0]
    for a, b in pairwise(cuts):
        bounds.append(bounds[-1] + characters(a, b))
    return tuple(bounds)


def split_septets(septets: bytes, layout: Layout) -> Split:
    """Split a text given as its unpacked septets (one per octet, ESC 0x1B included)."""
    total = len(septets)
    if total <= layout.single_capacity:
        return _single_part(layout, total - septets.count(ESCAPE), total)
    capacity, udh_octets = _layout_for(total, layout)
    if ESCAPE not in septets:  # one septet per character: cuts fall every `capacity`
        return _even_split(layout, total, capacity, udh_octets)
    cuts = _septet_cuts(septets, capacity)
    bounds = _bounds(cuts, lambda a, b: (b - a) - septets.count(ESCAPE, a, b))
    return Split(layout, bounds, _units(cuts), capacity, udh_octets)


def septet_part_units(septets: bytes, layout: Layout) -> tuple[int, ...]:
    """The septets of each part :func:`split_septets` makes, without working out where
    each part ends in the text: all a count needs."""
    total = len(septets)
    if total <= layout.single_capacity:
        return (total,)
    if ESCAPE not in septets:
        return _even_units(total, layout.multi_capacity)
    return _units(_septet_cuts(septets, layout.multi_capacity))


def _septet_cuts(septets: bytes, capacity: int) -> list[int]:
    # A cut after an ESC would part it from the septet it escapes.
    return _cuts(len(septets), capacity, lambda end: septets[end - 1] == ESCAPE)


def utf16_units(text: str) -> int:
    """UTF-16 code units of ``text``; a lone surrogate counts as one."""
    # "utf-16" (with its 2-octet BOM) is one of the names CPython encodes without a
    # codec registry look-up; "utf-16-le" and "utf-16-be" are not, and cost 3 times more.
    return len(text.encode("utf-16", "surrogatepass")) // 2 - 1


_HIGH_SURROGATE_OCTETS = bytes(1 if 0xD8 <= octet <= 0xDB else 0 for octet in range(256))
"""Maps the most significant octet of a UTF-16 code unit to 1 for a high surrogate."""


def split_utf16(text: str, layout: Layout) -> Split:
    """Split a text for UCS-2, where a character above U+FFFF is two code units.

    A lone surrogate is one code unit.  A high surrogate followed by a low one is kept
    together even when they are two separate code points in the ``str``: on the wire
    they are one pair.
    """
    try:
        data = text.encode("utf-16")  # the fast name; see utf16_units
    except UnicodeEncodeError:  # surrogate code points: rare, and walked the exact way
        return _split_by_characters(text, layout)
    total = len(data) // 2 - 1
    if total <= layout.single_capacity:
        return _single_part(layout, len(text), total)
    capacity, udh_octets = _layout_for(total, layout)
    if total == len(text):  # no character above U+FFFF: one unit per character
        return _even_split(layout, total, capacity, udh_octets)
    leading = _leading_octets(data)
    cuts = _utf16_cuts(leading, capacity)
    # Characters per part: its units less its high surrogates, one per pair (the str
    # holds no surrogate code points, so every one begins a pair).
    highs = leading.translate(_HIGH_SURROGATE_OCTETS)  # one octet per unit: 1 = high
    bounds = _bounds(cuts, lambda a, b: (b - a) - highs.count(1, a, b))
    return Split(layout, bounds, _units(cuts), capacity, udh_octets)


def utf16_part_units(text: str, layout: Layout) -> tuple[int, ...]:
    """The code units of each part :func:`split_utf16` makes, without working out where
    each part ends in the text: all a count needs."""
    try:
        data = text.encode("utf-16")
    except UnicodeEncodeError:  # surrogate code points: the exact walk
        return _split_by_characters(text, layout).part_units
    total = len(data) // 2 - 1
    if total <= layout.single_capacity:
        return (total,)
    if total == len(text):
        return _even_units(total, layout.multi_capacity)
    return _units(_utf16_cuts(_leading_octets(data), layout.multi_capacity))


def _leading_octets(data: bytes) -> bytes:
    """The most significant octet of each code unit of ``data``, a ``"utf-16"`` encoding:
    a BOM and then the units in the machine's byte order, which the BOM tells (FF FE:
    little-endian).  One slice, instead of a second, big-endian encode."""
    return data[3::2] if data[0] == 0xFF else data[2::2]


def _utf16_cuts(leading: bytes, capacity: int) -> list[int]:
    """The cuts of a text free of surrogate code points, given the most significant
    octet of each of its code units."""

    # A cut between a high surrogate (D800-DBFF) and a low one (DC00-DFFF) would split
    # a pair; their most significant octets tell.
    def inside_pair(end: int) -> bool:
        high, low = leading[end - 1], leading[end]
        return 0xD8 <= high <= 0xDB and 0xDC <= low <= 0xDF

    return _cuts(len(leading), capacity, inside_pair)


def _split_by_characters(text: str, layout: Layout) -> Split:
    """The slow, exact walk for a str holding surrogate code points: one step per part,
    each a few encodes of the part's slice."""
    total = utf16_units(text)
    if total <= layout.single_capacity:
        return _single_part(layout, len(text), total)
    capacity, udh_octets = _layout_for(total, layout)
    bounds = [0]
    units: list[int] = []
    while True:
        start = bounds[-1]
        end = min(len(text), start + capacity)
        used = utf16_units(text[start:end])
        while used > capacity:
            # Dropping k characters frees k to 2k units, so dropping half the excess
            # (rounded up) never drops a character that would still have fit.
            end -= (used - capacity + 1) // 2
            used = utf16_units(text[start:end])
        if (
            end < len(text)
            and "\ud800" <= text[end - 1] <= "\udbff"
            and "\udc00" <= text[end] <= "\udfff"
        ):
            end -= 1  # keep a separately written high + low surrogate together
            used -= 1
        bounds.append(end)
        units.append(used)
        if end == len(text):
            return Split(layout, tuple(bounds), tuple(units), capacity, udh_octets)
