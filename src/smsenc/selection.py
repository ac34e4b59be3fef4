"""Choosing the cheapest way to send a text: which tables, or UCS-2.

Candidates are every allowed (locking table, single shift table) pair that encodes the
whole text, and UCS-2.  The winner ranks lowest by :func:`smsenc.parts.rank`: fewest
parts, then 7-bit, then the smallest header, then the most room left; remaining ties go
to the default tables, then to the caller's order of languages.  So UCS-2 wins only
when no pair can encode the text or it needs strictly fewer parts.

Python-level work here scales with the number of distinct characters and of candidate
tables; the passes over the text are C-level (``set`` or ``in``, ``str.count`` and the
translations of :func:`smsenc.alphabet.to_septets`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .alphabet import deletion, to_septets
from .charsets import DEFAULT_ALPHABET, LOCKING_TABLES, SINGLE_SHIFT_TABLES
from .parts import (
    RankThenOrder,
    Split,
    minimum_parts,
    septet_part_units,
    split_even,
    split_septets,
    split_utf16,
    utf16_part_units,
)
from .udh import Layout, ReferenceBits, layout

if TYPE_CHECKING:
    from .segmentation import Segmentation

Tables = tuple[tuple[int, ...], tuple[int, ...]]
"""Allowed (locking table ids, single shift table ids); 0 = default, always first."""

DEFAULT_ONLY: Tables = ((0,), (0,))


def allowed_tables(
    language_ids: Sequence[int],
    *,
    allow_locking_shift: bool = True,
    allow_single_shift: bool = True,
) -> Tables:
    """The table ids a caller allows, in order of preference."""
    lockings = [i for i in language_ids if i in LOCKING_TABLES] if allow_locking_shift else []
    singles = list(language_ids) if allow_single_shift else []
    return (0, *lockings), (0, *singles)


class Choice(NamedTuple):
    """The cheapest split of a text, where it came from, and what choosing it built.

    ``group`` is the index of the candidate group it came from (0 for UCS-2 and for the
    default tables); ``septets`` the text's unpacked septets under the split's tables
    when choosing had to translate the text, else None: :func:`smsenc.encode` reuses
    them rather than translate the text again."""

    split: Split
    group: int
    septets: bytes | None


def decide(text: str, tables: Tables = DEFAULT_ONLY, reference_bits: ReferenceBits = 8) -> Choice:
    """The :class:`Choice` for ``text`` under the allowed tables, or UCS-2."""
    if tables == DEFAULT_ONLY:
        return _choose_default(text, reference_bits)
    return choose_among(text, candidate_groups(tables), reference_bits)


def choose(text: str, tables: Tables = DEFAULT_ONLY, reference_bits: ReferenceBits = 8) -> Split:
    """The cheapest split of ``text`` under the allowed tables, or UCS-2."""
    return decide(text, tables, reference_bits).split


_DEFAULT_LAYOUTS = {
    bits: (layout("GSM7", 0, 0, bits), layout("UCS2", 0, 0, bits)) for bits in (8, 16)
}


def _choose_default(text: str, reference_bits: ReferenceBits) -> Choice:
    gsm7, ucs2 = _DEFAULT_LAYOUTS[reference_bits]
    septets = to_septets(text)
    if septets is None:
        return Choice(split_utf16(text, ucs2), 0, None)
    return Choice(split_septets(septets, gsm7), 0, septets)


def default_part_units(text: str, reference_bits: ReferenceBits) -> tuple[Layout, tuple[int, ...]]:
    """The layout :func:`decide` picks under the default tables and the units of each of
    its parts, without the rest of the split: what a count needs."""
    gsm7, ucs2 = _DEFAULT_LAYOUTS[reference_bits]
    septets = to_septets(text)
    if septets is None:
        return ucs2, utf16_part_units(text, ucs2)
    return gsm7, septet_part_units(septets, gsm7)


Groups = tuple[tuple[int, tuple[int, ...]], ...]
"""Candidate tables: (locking table id, single shift table ids in order of preference)
per group, groups in order of preference.  Each group offers one candidate: its locking
table with the first of its single shift tables that holds what the locking table lacks."""


@lru_cache(maxsize=64)
def candidate_groups(tables: Tables) -> Groups:
    """The groups of a :data:`Tables` request: every allowed locking table, each with
    every allowed single shift table."""
    lockings, singles = tables
    return tuple((locking_id, singles) for locking_id in lockings)


@lru_cache(maxsize=64)
def language_groups(language_ids: tuple[int, ...]) -> tuple[Groups, tuple[int, ...]]:
    """The groups of each language competing alone, in the caller's order, and the
    position in ``language_ids`` of the language each group belongs to.

    Choosing among them at once is choosing per language and keeping the first best:
    the lowest (rank, group index) lies in the first language reaching the lowest rank,
    at its own first best group, because a language's groups are contiguous and in the
    order :func:`allowed_tables` gives them."""
    groups: list[tuple[int, tuple[int, ...]]] = []
    owners: list[int] = []
    for position, identifier in enumerate(language_ids):
        own = candidate_groups(allowed_tables([identifier]))
        groups += own
        owners += [position] * len(own)
    return tuple(groups), tuple(owners)


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
        return Choice(split_utf16(text, plan.ucs2), 0, None)
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
        return _choose_default(text, reference_bits)
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
    # whose lower bound still beats the best exact rank found, and only the winner's
    # Split is built.
    best_key: RankThenOrder | None = None
    best: tuple[Layout, int, Split | None, bytes | None] | None = None
    candidates.sort()  # by rank then order: unique per candidate, so nothing else compares
    for order, exact, candidate, units in candidates:
        if best_key is not None and order > best_key:
            break  # sorted: this and every later candidate already loses
        split: Split | None = None
        septets: bytes | None = None
        if not exact:
            septets = to_septets(text, candidate.locking_id, candidate.single_shift_id)
            assert septets is not None  # the pair holds every character: checked above
            split = split_septets(septets, candidate)
            order = (*split.rank(), order[4])
        if best_key is None or order < best_key:
            best_key, best = order, (candidate, units, split, septets)
    if best is None or best_key is None:
        return Choice(split_utf16(text, plan.ucs2), 0, None)
    parts = best_key[0]
    if minimum_parts(length, plan.ucs2) < parts:
        ucs2 = split_utf16(text, plan.ucs2)
        if ucs2.message_count < parts:
            return Choice(ucs2, 0, None)
    candidate, units, split, septets = best
    if split is None:
        split = split_even(candidate, length, units)
    return Choice(split, best_key[4], septets)


TableSets = tuple[tuple[tuple[int, frozenset[str]], ...], tuple[tuple[int, frozenset[str]], ...]]


@lru_cache(maxsize=64)
def _table_sets(tables: Tables) -> tuple[TableSets, frozenset[str]]:
    """(id, characters) of the allowed locking and single shift tables, and every
    character some allowed single shift table holds; worked out once per request kind."""
    lockings = tuple((i, LOCKING_TABLES[i].chars) for i in tables[0])
    singles = tuple((i, SINGLE_SHIFT_TABLES[i].chars) for i in tables[1])
    return (lockings, singles), frozenset().union(*(chars for _, chars in singles))


@dataclass(frozen=True)
class CharacterUse:
    """A character that kept the text out of GSM 7-bit: how often, and where first.

    ``suggestion`` is the GSM replacement smsenc's transliteration tables make for it
    (None when none does) and ``parts_if_replaced`` the part count with only this
    character replaced everywhere, same options (None without a suggestion); both are
    worked out when first read, from ``source``, the segmentation that listed it.
    """

    char: str
    count: int
    first_index: int
    source: Segmentation | None = field(default=None, repr=False, compare=False)

    @cached_property
    def suggestion(self) -> str | None:
        from .savings import suggestion

        return suggestion(self.char)

    @cached_property
    def parts_if_replaced(self) -> int | None:
        from .savings import parts_if

        if self.suggestion is None or self.source is None:
            return None
        return parts_if(self.source, {self.char: self.suggestion})


def non_gsm_characters(text: str, tables: Tables = DEFAULT_ONLY) -> tuple[CharacterUse, ...]:
    """The characters no allowed pair of tables can encode, under the pair that leaves
    the fewest out (the default pair on a tie), in order of first appearance.

    Counting is one C-level pass (``Counter``), so a text with thousands of distinct
    characters costs no more than one with three."""
    if tables == DEFAULT_ONLY:
        counts = Counter(text.translate(deletion(0, 0)))
    else:
        counts = Counter(text)
        (lockings, singles), coverable = _table_sets(tables)
        # Characters in no allowed table are left out by every pair; compare the pairs
        # only on the rest, which is at most a few hundred characters.
        in_some_table = counts.keys() & (coverable.union(*(chars for _, chars in lockings)))
        left_out = counts.keys() - in_some_table
        left_out |= min(
            (in_some_table - lock - single for _, lock in lockings for _, single in singles),
            key=len,
        )
        counts = Counter({char: n for char, n in counts.items() if char in left_out})
    # A Counter keeps its keys in order of first appearance, so each first index lies
    # after the previous one: searching on from there reads the text once in all.
    uses = []
    at = 0
    for char, n in counts.items():
        at = text.index(char, at)
        uses.append(CharacterUse(char, n, at))
    return tuple(uses)
