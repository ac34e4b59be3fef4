"""Cutting a text into parts that each fit one short message.

Parts are filled greedily.  A GSM 7-bit part never ends between an escape and the
septet it escapes; a UCS-2 part never ends inside a character, so a surrogate pair is
never split.  The walks below take one step per part, and every step is a C-level
slice, count or encode: their cost does not depend on the characters, only on the
number of parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .charsets import ESC
from .udh import Layout


@dataclass(frozen=True)
class Split:
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
    def units(self) -> int:
        return sum(self.part_units)

    @property
    def remaining(self) -> int:
        """Room left in the last part; room stranded earlier by a moved escape pair or
        surrogate pair does not count."""
        return self.capacity - self.part_units[-1]

    def rank(self) -> tuple[int, bool, int, int]:
        """Lower is better: fewer parts, then 7-bit over UCS-2, then a smaller header,
        then more room left in the last part."""
        return rank(self.message_count, self.layout.encoding, self.udh_octets, self.remaining)


def rank(parts: int, encoding: str, udh_octets: int, remaining: int) -> tuple[int, bool, int, int]:
    """The order in which smsenc prefers one way of sending a text to another."""
    return (parts, encoding == "UCS2", udh_octets, -remaining)


def minimum_parts(units: int, layout: Layout) -> int:
    """A lower bound on the parts ``units`` need; exact when no pair must move."""
    if units <= layout.capacity(concatenated=False):
        return 1
    return -(-units // layout.capacity(concatenated=True))


def split_septets(septets: str, layout: Layout) -> Split:
    """Split a text given as its septet string (one character per septet, ESC included)."""
    total = len(septets)
    concatenated = total > layout.capacity(concatenated=False)
    capacity = layout.capacity(concatenated)
    septet_bounds = [0]
    start = 0
    while total - start > capacity:
        end = start + capacity
        if septets[end - 1] == ESC:
            end -= 1  # the escape pair moves whole to the next part
        septet_bounds.append(end)
        start = end
    septet_bounds.append(total)
    part_units = tuple(b - a for a, b in zip(septet_bounds, septet_bounds[1:]))
    bounds = [0]
    for (a, b), units in zip(zip(septet_bounds, septet_bounds[1:]), part_units):
        bounds.append(bounds[-1] + units - septets.count(ESC, a, b))
    return Split(layout, tuple(bounds), part_units, capacity, layout.udh_octets(concatenated))


def utf16_units(text: str) -> int:
    """UTF-16 code units of ``text``; a lone surrogate counts as one."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def split_utf16(text: str, layout: Layout, units: int | None = None) -> Split:
    """Split a text for UCS-2, counting characters above U+FFFF as two code units."""
    if units is None:
        units = utf16_units(text)
    concatenated = units > layout.capacity(concatenated=False)
    capacity = layout.capacity(concatenated)
    length = len(text)
    if units == length:  # no surrogate pairs: every character is one unit
        bounds = [*range(0, length, capacity), length] if length else [0, 0]
        part_units = tuple(b - a for a, b in zip(bounds, bounds[1:]))
        return Split(
            layout, tuple(bounds), part_units, capacity, layout.udh_octets(concatenated)
        )
    bounds = [0]
    unit_counts = []
    start = 0
    while True:
        end = min(length, start + capacity)
        used = utf16_units(text[start:end])
        while used > capacity:
            # Dropping k characters frees between k and 2k units, so dropping half the
            # excess (rounded up) never drops a character that would still have fit.
            end -= (used - capacity + 1) // 2
            used = utf16_units(text[start:end])
        bounds.append(end)
        unit_counts.append(used)
        if end == length:
            break
        start = end
    return Split(
        layout, tuple(bounds), tuple(unit_counts), capacity, layout.udh_octets(concatenated)
    )
