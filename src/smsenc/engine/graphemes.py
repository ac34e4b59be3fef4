"""Extended grapheme clusters (Unicode UAX #29), found with the ``regex`` module's ``\\X``.

A cluster is what a reader sees as one character: a letter with its combining marks, a
Hangul syllable, a flag (two regional indicators), a ZWJ emoji family.  ``regex`` is
imported on first use, so ``import smsenc`` never loads it.

A high and a low surrogate written as two code points are two clusters to ``\\X`` (each
is a control), but the wire shows one surrogate pair, so here they are one.
"""

from __future__ import annotations

from functools import cache
from itertools import accumulate
from typing import Any

from ..gsm.charsets import LOCKING_TABLES, SINGLE_SHIFT_TABLES
from ..gsm.udh import Layout, ReferenceBits, layout
from .options import Groups
from .parts import RankThenOrder, minimum_parts, rank_of, utf16_units
from .selection import Choice


@cache
def _cluster() -> Any:
    import regex  # imported on first need: keeps `import smsenc` fast

    return regex.compile(r"\X", regex.DOTALL)


def clusters(text: str) -> list[str]:
    """The extended grapheme clusters of ``text``, in order; they join back to it."""
    found: list[str] = _cluster().findall(text)
    if max(text, default="\x00") >= "\ud800" and any("\udc00" <= c[0] <= "\udfff" for c in found):
        merged: list[str] = []
        for cluster in found:
            if (
                merged
                and "\udc00" <= cluster[0] <= "\udfff"
                and "\ud800" <= merged[-1][-1] <= "\udbff"
            ):
                merged[-1] += cluster
            else:
                merged.append(cluster)
        return merged
    return found


def boundaries(text: str) -> list[int]:
    """The offsets (code points) where a cluster starts, and ``len(text)``: the places
    a text can be cut without breaking what a reader sees as one character."""
    return [0, *accumulate(map(len, clusters(text)))]


def choose_keeping_clusters(text: str, groups: Groups, reference_bits: ReferenceBits) -> Choice:
    """The cheapest way to send ``text`` under the candidate ``groups``, or UCS-2, where
    no part ends inside an extended grapheme cluster.

    The candidates and the order of preference are
    :func:`smsenc.engine.selection.choose_among`'s: per group its locking table with the
    first single shift table holding what it lacks, and UCS-2; the lowest rank wins, the
    earlier group on a tie.  A cluster never shrinks a part count, so a candidate whose
    code-point lower bound already loses is skipped.  Work is one Python step per
    character of each candidate tried: the price of the option, which the default path
    does not pay.
    """
    found = clusters(text)
    distinct = set(text)
    candidates = []  # (lower bound, UCS-2?, header octets, order, layout)
    for order, (locking_id, singles) in enumerate(groups):
        missing = distinct - LOCKING_TABLES[locking_id].chars
        single_id = next((i for i in singles if missing <= SINGLE_SHIFT_TABLES[i].chars), None)
        if single_id is None:
            continue
        candidate = layout("GSM7", locking_id, single_id, reference_bits)
        units = len(text) + sum(text.count(c) for c in missing)
        bound = minimum_parts(units, candidate)
        candidates.append((bound, False, candidate.udh_octets(bound > 1), order, candidate))
    ucs2 = layout("UCS2", 0, 0, reference_bits)
    bound = minimum_parts(utf16_units(text), ucs2)
    candidates.append((bound, True, ucs2.udh_octets(bound > 1), len(groups), ucs2))
    best: tuple[Layout, tuple[int, ...], int] | None = None
    best_key: RankThenOrder | None = None
    for bound, is_ucs2, udh_octets, order, candidate in sorted(candidates, key=lambda c: c[:4]):
        if best_key is not None and (bound, is_ucs2, udh_octets) > best_key[:3]:
            break  # sorted: this and every later lower bound already loses
        part_units = split_keeping_clusters(text, found, candidate)
        key = (*rank_of(candidate, part_units), order)
        if best_key is None or key < best_key:
            best, best_key = (candidate, part_units, order), key
    assert best is not None  # UCS-2 can carry any text
    chosen, part_units, order = best
    group = 0 if chosen.encoding == "UCS2" else order
    return chosen, part_units, sum(part_units), None, group


def split_keeping_clusters(text: str, found: list[str], layout: Layout) -> tuple[int, ...]:
    """The units of each part of ``text`` (whose clusters are ``found``) filled greedily,
    cluster by cluster; a cluster longer than a whole part is split at code points, as
    without clusters (an escape pair or a surrogate pair is one code point, so it stays
    whole)."""
    if layout.encoding == "GSM7":
        locking = LOCKING_TABLES[layout.locking_id].chars

        def cost(chars: str) -> int:  # 1 septet, or 2 for ESC + septet (TS 23.038 §6.2.1.1)
            return len(chars) + sum(c not in locking for c in chars)
    else:

        def cost(chars: str) -> int:
            return utf16_units(chars)

    total = cost(text)
    if total <= layout.single_capacity:
        return (total,)
    capacity = layout.multi_capacity
    units = []
    fill = 0
    for cluster in found:
        size = cost(cluster)
        if fill + size <= capacity:
            fill += size
        elif size <= capacity:  # the cluster starts the next part
            units.append(fill)
            fill = size
        else:  # longer than a part: code point by code point
            for char in cluster:
                one = cost(char)
                if fill + one > capacity:
                    units.append(fill)
                    fill = 0
                fill += one
    units.append(fill)
    return tuple(units)
