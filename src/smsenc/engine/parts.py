"""Cutting a text into parts that each fit one short message.

Parts are filled greedily.  A GSM 7-bit part never ends between an escape and the
septet it escapes; a UCS-2 part never ends between the two halves of a surrogate pair.
Counting needs only the units (septets or UTF-16 code units) of each part; where each
part ends in the text (:func:`bounds`) is worked out only for a caller who reads the
parts.  The walks take one Python step per *part*, never per character: each step is a
C-level slice or count.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate, pairwise
from typing import NamedTuple

from ..gsm.charsets import ESCAPE, Encoding
from ..gsm.udh import Layout

Rank = tuple[int, bool, int, int]
"""smsenc's order of preference, lower first (see :func:`rank`)."""
RankThenOrder = tuple[int, bool, int, int, int]
"""A :data:`Rank` and then the candidate's place in the caller's order: breaks ties."""


def rank(parts: int, encoding: Encoding, udh_octets: int, remaining: int) -> Rank:
    """smsenc's order of preference, lower first: fewer parts, then 7-bit over UCS-2,
    then a smaller header, then more room left in the last part."""
    return (parts, encoding == "UCS2", udh_octets, -remaining)


def rank_of(layout: Layout, part_units: tuple[int, ...]) -> Rank:
    """The :func:`rank` of a message whose parts hold ``part_units`` under ``layout``."""
    concatenated = len(part_units) > 1
    remaining = layout.capacity(concatenated) - part_units[-1]
    return rank(len(part_units), layout.encoding, layout.udh_octets(concatenated), remaining)


class Split(NamedTuple):
    """A text cut into parts under one layout (a tuple of its five fields).

    ``bounds`` are character offsets: part *i* is ``text[bounds[i]:bounds[i + 1]]``.
    ``part_units`` are the septets (GSM7) or UTF-16 code units (UCS2) of each part;
    ``capacity`` and ``udh_octets`` those of every part.
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


def minimum_parts(units: int, layout: Layout) -> int:
    """A lower bound on the parts ``units`` need; exact unless a pair has to move."""
    if units <= layout.single_capacity:
        return 1
    return -(-units // layout.multi_capacity)


def even_units(total: int, capacity: int) -> tuple[int, ...]:
    """The units of each part when cuts fall every ``capacity`` units."""
    full, rest = divmod(total, capacity)
    return (capacity,) * full + ((rest,) if rest else ())


def arithmetic_part_units(units: int, layout: Layout) -> tuple[int, ...]:
    """The units of each part when no pair can straddle a cut: the text fits one part,
    or every character is one unit, so cuts fall every ``capacity`` units."""
    if units <= layout.single_capacity:
        return (units,)
    return even_units(units, layout.multi_capacity)


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
    return tuple([b - a for a, b in pairwise(cuts)])


def septet_part_units(septets: bytes, layout: Layout) -> tuple[int, ...]:
    """The septets of each part of a text given as its unpacked septets (one per octet,
    ESC 0x1B included)."""
    total = len(septets)
    if total <= layout.single_capacity:
        return (total,)
    if ESCAPE not in septets:  # one septet per character: cuts fall every `capacity`
        return even_units(total, layout.multi_capacity)
    # A cut after an ESC would part it from the septet it escapes.
    return _units(_cuts(total, layout.multi_capacity, lambda end: septets[end - 1] == ESCAPE))


def utf16_units(text: str) -> int:
    """UTF-16 code units of ``text``; a lone surrogate counts as one."""
    # "utf-16" (with its 2-octet BOM) is one of the names CPython encodes without a
    # codec registry look-up; "utf-16-le" and "utf-16-be" are not, and cost 3 times more.
    return len(text.encode("utf-16", "surrogatepass")) // 2 - 1


def utf16_part_units(text: str, layout: Layout) -> tuple[int, ...]:
    """The code units of each part of a text sent in UCS-2, where a character above
    U+FFFF is two code units that no cut parts."""
    try:
        data = text.encode("utf-16")  # the fast name; see utf16_units
    except UnicodeEncodeError:  # surrogate code points: rare, and walked the exact way
        return _surrogate_walk(text, layout)
    total = len(data) // 2 - 1
    if total <= layout.single_capacity:
        return (total,)
    if total == len(text):  # no character above U+FFFF: one unit per character
        return even_units(total, layout.multi_capacity)
    leading = _leading_octets(data)

    # A cut between a high surrogate (D800-DBFF) and a low one (DC00-DFFF) would split
    # a pair; their most significant octets tell.
    def inside_pair(end: int) -> bool:
        return 0xD8 <= leading[end - 1] <= 0xDB and 0xDC <= leading[end] <= 0xDF

    return _units(_cuts(total, layout.multi_capacity, inside_pair))


def _leading_octets(data: bytes) -> bytes:
    """The most significant octet of each code unit of ``data``, a ``"utf-16"`` encoding:
    a BOM and then the units in the machine's byte order, which the BOM tells (FF FE:
    little-endian).  One slice, instead of a second, big-endian encode."""
    return data[3::2] if data[0] == 0xFF else data[2::2]


_HIGH_SURROGATE_OCTETS = bytes(1 if 0xD8 <= octet <= 0xDB else 0 for octet in range(256))
"""Maps the most significant octet of a UTF-16 code unit to 1 for a high surrogate."""


def bounds(
    text: str, layout: Layout, part_units: tuple[int, ...], septets: bytes | None
) -> tuple[int, ...]:
    """Where each part starts in ``text`` (character offsets), then ``len(text)``.

    ``part_units`` are the units of each part under ``layout`` and ``septets`` the
    text's unpacked septets (GSM7 only).  Every character costs one unit or two, so a
    count of units ends after exactly one count of characters: the units of a span less
    its escapes (GSM7) or high surrogates (UCS2), C-level counts, one per part."""
    length = len(text)
    if len(part_units) == 1:
        return (0, length)
    cuts = [0, *accumulate(part_units)]
    if cuts[-1] == length:  # one unit per character
        return tuple(cuts)
    if layout.encoding == "GSM7":
        assert septets is not None
        spans = [(b - a) - septets.count(ESCAPE, a, b) for a, b in pairwise(cuts)]
    else:
        try:
            highs = _leading_octets(text.encode("utf-16")).translate(_HIGH_SURROGATE_OCTETS)
        except UnicodeEncodeError:  # surrogate code points: one step per character
            return character_bounds([2 if char > "\uffff" else 1 for char in text], part_units)
        spans = [(b - a) - highs.count(1, a, b) for a, b in pairwise(cuts)]
    return (0, *accumulate(spans))


def split(text: str, layout: Layout, part_units: tuple[int, ...], septets: bytes | None) -> Split:
    """The :class:`Split` of ``text`` whose parts hold ``part_units`` under ``layout``."""
    concatenated = len(part_units) > 1
    return Split(
        layout,
        bounds(text, layout, part_units, septets),
        part_units,
        layout.capacity(concatenated),
        layout.udh_octets(concatenated),
    )


def _surrogate_walk(text: str, layout: Layout) -> tuple[int, ...]:
    """The code units of each part of a str holding surrogate code points, the slow
    exact way: one step per part, each a few encodes of the part's slice.

    A lone surrogate is one code unit.  A high surrogate followed by a low one is kept
    together even when they are two separate code points in the ``str``: on the wire
    they are one pair."""
    total = utf16_units(text)
    if total <= layout.single_capacity:
        return (total,)
    capacity = layout.multi_capacity
    start = 0
    units: list[int] = []
    while True:
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
        units.append(used)
        if end == len(text):
            return tuple(units)
        start = end


def character_bounds(costs: list[int], part_units: tuple[int, ...]) -> tuple[int, ...]:
    """Bounds from each character's cost in units: the character count at which the
    running cost reaches each part's end (costs are at least 1, so it is unique)."""
    running = list(accumulate(costs))
    return (0, *(bisect_left(running, end) + 1 for end in accumulate(part_units)))
