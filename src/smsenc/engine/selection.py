"""Choosing the cheapest way to send a text: which tables, or UCS-2.

Candidates are every allowed (locking table, single shift table) pair that encodes the
whole text, and UCS-2.  The winner ranks lowest by :func:`smsenc.engine.parts.rank`:
fewest parts, then 7-bit, then the smallest header, then the most room left; remaining
ties go to the default tables, then to the caller's order of languages.  So UCS-2 wins
only when no pair can encode the text or it needs strictly fewer parts.

Python-level work here scales with the number of distinct characters and of candidate
tables; the passes over the text are C-level (``set`` or ``in``, ``str.count`` and the
translations of :func:`smsenc.gsm.septets.to_septets`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..gsm.charsets import DEFAULT_ALPHABET, LOCKING_TABLES, SINGLE_SHIFT_TABLES
from ..gsm.septets import escapes, marked_septets, to_septets, widen
from ..gsm.udh import Layout, ReferenceBits, layout
from .options import Groups
from .parts import (
    RankThenOrder,
    arithmetic_part_units,
    minimum_parts,
    rank_of,
    septet_part_units,
    utf16_part_units,
)

Choice = tuple[Layout, tuple[int, ...], int, bytes | None, int]
"""The cheapest way to send a text, and what choosing it found out: ``(layout,
part_units, units, septets, group)``.

``part_units`` are the units of each part under ``layout`` and ``units`` their sum;
``septets`` the text's unpacked septets under the layout's tables when choosing had to
translate the text, else None (:func:`smsenc.encode` reuses them rather than translate
the text again); ``group`` the index of the candidate group it came from (0 for UCS-2 and
for the default tables).  A plain tuple, not a named one: it is made for every text
counted and read only inside the package, and a plain tuple costs a quarter of the
instructions of a NamedTuple built with ``tuple.__new__`` (measured with callgrind)."""


def choose_default(text: str, gsm7: Layout, ucs2: Layout) -> Choice:
    """The :class:`Choice` under the default tables alone: GSM 7-bit if they hold every
    character, else UCS-2.  A text that fits one part is counted on its marked septets,
    without widening its escapes: only a longer one needs the septets, for the walk."""
    marked = marked_septets(text)
    if marked is None:
        part_units = utf16_part_units(text, ucs2)
        return ucs2, part_units, sum(part_units), None, 0
    units = len(marked) + escapes(marked)
    if units <= gsm7.single_capacity:
        return gsm7, (units,), units, None, 0
    septets = widen(marked)
    return gsm7, septet_part_units(septets, gsm7), units, septets, 0


class _Plan(NamedTuple):
    """What :func:`choose_among` needs of one request, worked out once per request."""

    outside: re.Pattern[str]  # finds a character no table of the request holds
    varying: tuple[str, ...]
    """Every character the request's tables hold except those in the default alphabet
    and in every candidate locking table: the only ones that can tell them apart."""
    candidates: tuple[tuple[int, frozenset[str], tuple[tuple[frozenset[str], Layout], ...]], ...]
    """Per group, in order: its index, its locking table's characters, and (characters,
    GSM7 layout) of each single shift table it may pair with, in order of preference."""
    ucs2: Layout


@lru_cache(maxsize=64)
def _plan(groups: Groups, reference_bits: ReferenceBits) -> _Plan:
    chars = DEFAULT_ALPHABET.chars.union(
        *(LOCKING_TABLES[locking_id].chars for locking_id, _ in groups),
        *(SINGLE_SHIFT_TABLES[i].chars for _, singles in groups for i in singles),
    )
    outside = re.compile("[^" + "".join(map(re.escape, sorted(chars))) + "]")
    common = DEFAULT_ALPHABET.chars.intersection(
        *(LOCKING_TABLES[locking_id].chars for locking_id, _ in groups)
    )
    candidates = tuple(
        (
            index,
            LOCKING_TABLES[locking_id].chars,
            tuple(
                (SINGLE_SHIFT_TABLES[i].chars, layout("GSM7", locking_id, i, reference_bits))
                for i in singles
            ),
        )
        for index, (locking_id, singles) in enumerate(groups)
    )
    varying = tuple(sorted(chars - common))
    return _Plan(outside, varying, candidates, layout("UCS2", 0, 0, reference_bits))


def choose_among(text: str, groups: Groups, reference_bits: ReferenceBits) -> Choice:
    """The :class:`Choice` for ``text`` under the candidate ``groups``, or UCS-2.

    Every candidate is decided from the text's *distinct* characters: C-level set
    algebra gives a locking table's missing characters and the first single shift
    table holding all of them, and ``str.count`` of each missing character the septets
    the text needs (one per character, one more per escaped character), without
    translating the text.  Septets are translated only when a part boundary could fall
    inside an escape pair, for the few candidates that can still win.
    """
    plan = _plan(groups, reference_bits)
    length = len(text)
    if plan.outside.search(text):
        # No candidate pair can hold this character: UCS-2, found without building the
        # set of the text's characters, which for a text of a million distinct astral
        # characters would take ~40 times the text's memory.
        return _ucs2(text, plan.ucs2)
    # The characters the candidates differ on: one C-level `in` per character of
    # plan.varying, or, for a text under about four characters per varying one (where
    # hashing each character costs less than those scans, measured), the set of all its
    # characters (bounded: each is in a candidate table).  Every other character is in
    # the default alphabet and every candidate locking table, so both sets give the
    # same choice.
    varying = plan.varying
    present = set(filter(text.__contains__, varying)) if 4 * len(varying) < length else set(text)
    if present <= DEFAULT_ALPHABET.chars:
        # One septet per character and no header: no national pair can need fewer parts
        # (it has as many septets and less room) nor, at equal parts, a smaller header.
        return choose_default(text, layout("GSM7", 0, 0, reference_bits), plan.ucs2)
    counts: dict[str, int] = {}  # of the escaped characters, counted once each
    candidates: list[tuple[RankThenOrder, bool, Layout, int]] = []
    # (rank then order, whether that rank is exact, layout, units) per candidate
    for index, locking_chars, singles in plan.candidates:
        missing = present.difference(locking_chars)
        for single_chars, paired in singles:
            if missing <= single_chars:
                candidate = paired
                break
        else:
            continue  # no allowed single shift table holds what this locking table lacks
        units = length
        for char in missing:
            count = counts.get(char)
            if count is None:
                count = counts[char] = text.count(char)
            units += count
        # Its rank, and its place in the caller's order to break ties: exact when the
        # parts are arithmetic (one part, or one septet per character, every part full
        # but the last); otherwise a lower bound, as if no escape pair had to move.  A
        # moved pair leaves room unused in its part, which only pushes septets on to the
        # last part or to one more part, so the exact rank is never lower.
        if units <= candidate.single_capacity:
            rank = (1, False, candidate.single_udh_octets, units - candidate.single_capacity)
            exact = True
        else:
            capacity = candidate.multi_capacity
            bound = -(-units // capacity)
            last = units - (bound - 1) * capacity
            rank = (bound, False, candidate.multi_udh_octets, last - capacity)
            exact = units == length
        candidates.append(((*rank, index), exact, candidate, units))
    # From the lowest key up: the walk over the septets is taken only for a candidate
    # whose lower bound still beats the best exact rank found.
    best_key: RankThenOrder | None = None
    best: tuple[Layout, int, tuple[int, ...] | None, bytes | None] | None = None
    candidates.sort()  # by rank then order: unique per candidate, so nothing else compares
    for order, exact, candidate, units in candidates:
        if best_key is not None and order > best_key:
            break  # sorted: this and every later candidate already loses
        part_units: tuple[int, ...] | None = None
        septets: bytes | None = None
        if not exact:
            septets = to_septets(text, candidate.locking_id, candidate.single_shift_id)
            assert septets is not None  # the pair holds every character: checked above
            part_units = septet_part_units(septets, candidate)
            order = (*rank_of(candidate, part_units), order[4])
        if best_key is None or order < best_key:
            best_key, best = order, (candidate, units, part_units, septets)
    if best is None or best_key is None:
        return _ucs2(text, plan.ucs2)
    parts = best_key[0]
    if minimum_parts(length, plan.ucs2) < parts:
        ucs2 = _ucs2(text, plan.ucs2)
        if len(ucs2[1]) < parts:  # its part units
            return ucs2
    candidate, units, part_units, septets = best
    if part_units is None:
        part_units = arithmetic_part_units(units, candidate)
    return (candidate, part_units, units, septets, best_key[4])


def _ucs2(text: str, ucs2: Layout) -> Choice:
    units = utf16_part_units(text, ucs2)
    return (ucs2, units, sum(units), None, 0)
