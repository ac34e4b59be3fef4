"""Choosing the cheapest way to send a text: which tables, or UCS-2.

Candidates are every allowed (locking table, single shift table) pair that encodes the
whole text, and UCS-2.  The winner ranks lowest by :func:`smsenc.parts.rank`: fewest
parts, then 7-bit, then the smallest header, then the most room left; remaining ties go
to the default tables, then to the caller's order of languages.  So UCS-2 wins only
when no pair can encode the text or it needs strictly fewer parts.

Python-level work here scales with the number of distinct characters and of candidate
tables; the passes over the text are C-level (``set``, ``str.count`` and the
translations of :func:`smsenc.charsets.to_septets`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from .alphabet import deletion, to_septets
from .charsets import DEFAULT_ALPHABET, LOCKING_TABLES, SINGLE_SHIFT_TABLES
from .parts import Split, minimum_parts, split_septets, split_utf16
from .udh import ReferenceBits, layout

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


def choose(text: str, tables: Tables = DEFAULT_ONLY, reference_bits: ReferenceBits = 8) -> Split:
    """The cheapest split of ``text`` under the allowed tables, or UCS-2."""
    if tables == DEFAULT_ONLY:
        return _choose_default(text, reference_bits)
    return _choose_national(text, tables, reference_bits)


_DEFAULT_LAYOUTS = {
    bits: (layout("GSM7", 0, 0, bits), layout("UCS2", 0, 0, bits)) for bits in (8, 16)
}


def _choose_default(text: str, reference_bits: ReferenceBits) -> Split:
    gsm7, ucs2 = _DEFAULT_LAYOUTS[reference_bits]
    septets = to_septets(text)
    if septets is None:
        return split_utf16(text, ucs2)
    return split_septets(septets, gsm7)


TableSets = tuple[tuple[tuple[int, frozenset[str]], ...], tuple[tuple[int, frozenset[str]], ...]]


@lru_cache(maxsize=64)
def _table_sets(tables: Tables) -> tuple[TableSets, frozenset[str]]:
    """(id, characters) of the allowed locking and single shift tables, and every
    character some allowed single shift table holds; worked out once per request kind."""
    lockings = tuple((i, LOCKING_TABLES[i].chars) for i in tables[0])
    singles = tuple((i, SINGLE_SHIFT_TABLES[i].chars) for i in tables[1])
    return (lockings, singles), frozenset().union(*(chars for _, chars in singles))


@lru_cache(maxsize=64)
def _outside_tables(tables: Tables) -> re.Pattern[str]:
    """Finds a character that no allowed table holds (locking or single shift)."""
    (lockings, _), coverable = _table_sets(tables)
    chars = sorted(coverable.union(*(chars for _, chars in lockings)))
    return re.compile("[^" + "".join(map(re.escape, chars)) + "]")


def _choose_national(text: str, tables: Tables, reference_bits: ReferenceBits) -> Split:
    if _outside_tables(tables).search(text):
        # No pair of tables can hold this character: UCS-2, found without building the
        # set of the text's characters, which for a text of a million distinct astral
        # characters would take ~40 times the text's memory.
        return split_utf16(text, layout("UCS2", 0, 0, reference_bits))
    distinct = set(text)  # bounded: every character is in one of the allowed tables
    if distinct <= DEFAULT_ALPHABET.chars:
        # One septet per character and no header: no national pair can need fewer parts
        # (it has as many septets and less room) nor, at equal parts, a smaller header.
        return _choose_default(text, reference_bits)
    (lockings, singles), coverable = _table_sets(tables)
    counts: dict[str, int] = {}  # each character counted once, whichever tables lack it
    # Per locking table: the characters it lacks, and the first single shift table
    # holding all of them.  Every covering single shift table costs the same septets
    # and the default one needs no IE, so the first one found is the best.
    candidates = []  # (lower bound on parts, header octets, order, layout)
    for order, (locking_id, locking_chars) in enumerate(lockings):
        missing = distinct - locking_chars
        if not missing <= coverable:
            continue  # no single shift table can hold what this locking table lacks
        single_id = next((i for i, chars in singles if missing <= chars), None)
        if single_id is None:
            continue
        for c in missing.difference(counts):
            counts[c] = text.count(c)
        units = len(text) + sum(counts[c] for c in missing)
        candidate = layout("GSM7", locking_id, single_id, reference_bits)
        bound = minimum_parts(units, candidate)
        candidates.append((bound, candidate.udh_octets(bound > 1), order, candidate))
    best: Split | None = None
    best_key: tuple[int, bool, int, int, int] | None = None
    for bound, udh_octets, order, candidate in sorted(candidates, key=lambda c: c[:3]):
        if best_key is not None and (bound, False, udh_octets) > best_key[:3]:
            break  # sorted: this and every later lower bound already loses
        septets = to_septets(text, candidate.locking_id, candidate.single_shift_id)
        assert septets is not None  # the pair holds every character: checked above
        split = split_septets(septets, candidate)
        key = (*split.rank(), order)
        if best_key is None or key < best_key:
            best, best_key = split, key
    ucs2_layout = layout("UCS2", 0, 0, reference_bits)
    if best is None:
        return split_utf16(text, ucs2_layout)
    if minimum_parts(len(text), ucs2_layout) < best.message_count:
        ucs2 = split_utf16(text, ucs2_layout)
        if ucs2.message_count < best.message_count:
            return ucs2
    return best


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
