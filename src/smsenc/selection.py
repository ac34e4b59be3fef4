"""Choosing the cheapest way to send a text: which tables, or UCS-2.

Candidates are every allowed (locking table, single shift table) pair that encodes the
whole text, and UCS-2.  The winner has the fewest parts, then the smallest header, then
the most room left in its last part; remaining ties go to the default tables, then to
the caller's order of languages.  UCS-2 wins only when no pair can encode the text or
it needs strictly fewer parts.

Python-level work here scales with the number of distinct characters and of candidate
tables; passes over the text itself are ``str.translate`` / ``str.count`` calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .charsets import LOCKING_TABLES, SINGLE_SHIFT_TABLES, Language, deletion, septet_translation
from .parts import Split, minimum_parts, split_septets, split_utf16, utf16_units
from .udh import Layout, ReferenceBits


@dataclass(frozen=True)
class CharacterUse:
    """A character that kept the text out of GSM 7-bit: how often, and where first."""

    char: str
    count: int
    first_index: int


@dataclass(frozen=True)
class Choice:
    """The winning split and, when it is UCS-2, the characters that forced it."""

    split: Split
    non_gsm: tuple[CharacterUse, ...]


def _uses(text: str, chars: set[str]) -> tuple[CharacterUse, ...]:
    uses = [CharacterUse(c, text.count(c), text.index(c)) for c in chars]
    return tuple(sorted(uses, key=lambda use: use.first_index))


def choose(
    text: str,
    languages: Sequence[Language] = (),
    *,
    locking_shift: bool = True,
    single_shift: bool = True,
    reference_bits: ReferenceBits = 8,
) -> Choice:
    """The cheapest split of ``text`` with the default tables or the given languages'."""
    if not languages or not (locking_shift or single_shift):
        return _choose_default(text, reference_bits)
    lockings = [0]
    if locking_shift:
        lockings += [lang.identifier for lang in languages if lang.locking is not None]
    singles = [0]
    if single_shift:
        singles += [lang.identifier for lang in languages]
    return _choose_national(text, lockings, singles, reference_bits)


def _choose_default(text: str, reference_bits: ReferenceBits) -> Choice:
    septets = text.translate(septet_translation(0, 0))
    if septets.isascii():
        return Choice(split_septets(septets, Layout("GSM7", 0, 0, reference_bits)), ())
    offending = set(text.translate(deletion(0, 0)))
    ucs2 = split_utf16(text, Layout("UCS2", reference_bits=reference_bits))
    return Choice(ucs2, _uses(text, offending))


def _choose_national(
    text: str, lockings: list[int], singles: list[int], reference_bits: ReferenceBits
) -> Choice:
    distinct = set(text)
    # Per locking table: the characters it lacks, and the first single shift table
    # (default preferred) holding all of them.  Any covering single shift table costs
    # the same septets, so a cheaper one never loses to a later one.
    candidates: list[tuple[int, int, Layout]] = []  # (lower bound on parts, order, layout)
    closest: set[str] | None = None
    for order, locking_id in enumerate(lockings):
        missing = distinct.difference(LOCKING_TABLES[locking_id].septets)
        covering = next(
            (s for s in singles if missing.issubset(SINGLE_SHIFT_TABLES[s].septets)), None
        )
        if covering is None:
            for s in singles:
                uncovered = missing.difference(SINGLE_SHIFT_TABLES[s].septets)
                if closest is None or len(uncovered) < len(closest):
                    closest = uncovered
            continue
        units = len(text) + sum(text.count(c) for c in missing)
        layout = Layout("GSM7", locking_id, covering, reference_bits)
        candidates.append((minimum_parts(units, layout), order, layout))
    best: Split | None = None
    best_key: tuple[int, bool, int, int, int] | None = None
    candidates.sort(key=lambda c: (c[0], c[2].udh_octets(c[0] > 1), c[1]))
    for bound, order, layout in candidates:
        if best_key is not None and (bound, False, layout.udh_octets(bound > 1)) > best_key[:3]:
            continue  # even its lower bound loses: no need to split
        split = split_septets(
            text.translate(septet_translation(layout.locking_id, layout.single_shift_id)),
            layout,
        )
        key = (*split.rank(), order)
        if best_key is None or key < best_key:
            best, best_key = split, key
    ucs2_layout = Layout("UCS2", reference_bits=reference_bits)
    if best is None:
        return Choice(split_utf16(text, ucs2_layout), _uses(text, closest or set()))
    units = utf16_units(text)
    if minimum_parts(units, ucs2_layout) < best.message_count:
        ucs2 = split_utf16(text, ucs2_layout, units)
        if ucs2.message_count < best.message_count:
            return Choice(ucs2, ())
    return Choice(best, ())
