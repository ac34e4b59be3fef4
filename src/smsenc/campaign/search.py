"""The search behind :func:`smsenc.template_bounds`: every way a text can be sent, and
the cheapest and costliest walk through a template under them.

An *option* is one way :func:`smsenc.segment` can send a text: an allowed pair of TS
23.038 tables (locking, single shift) or UCS-2.  Under one option the text as sent is a
sequence of *items*: a code point costs 1 septet, or 2 (ESC + septet of the single
shift table, TS 23.038 §6.2.1.1), or 1 or 2 UTF-16 code units in UCS-2; with
``keep_graphemes`` an item is a whole grapheme cluster (its units summed) unless it is
longer than a part.  Parts are filled greedily and an item never straddles two parts
(TS 23.040 §9.2.3.24.1 concatenation, as :mod:`smsenc.parts` cuts), so a text's parts
are *next-fit* packing of its items:

- the text is one part when its units fit the single-part capacity (no concatenation
  header), and then its rank is fixed by its units alone;
- otherwise parts hold ``multi_capacity`` units each, and an item that does not fit in
  the part begun opens the next one.

``segment()`` sends a text the option of lowest :data:`~smsenc.parts.Rank` (fewest
parts, 7-bit before UCS-2, smaller header, more room left), and an option that cannot
carry a character drops out.

**State and order.**  Under one option, what a walk has sent so far is summed up by
``(total, line)``: its units (capped just past the single-part capacity, beyond which
only the parts matter) and its *line* position ``(parts - 1) * capacity + fill``, fill
being the units in the last part.  An item opens a part only when the current one
cannot take it, so after the first item a part's fill is 1..capacity, and the line
position orders states exactly as (parts, fill) does lexicographically.

**Monotone steps** (the lemma everything rests on).  Let next-fit take a state of
line ``a <= b`` and the same item of size ``x <= capacity``.  If neither opens a part,
``a + x <= b + x``.  If ``b`` opens one it ends at ``k * capacity + x`` for ``b``'s
part ``k``, while ``a``, in part ``j <= k``, ends at most at ``j * capacity + x`` (it
fits: ``a + x`` in part ``j``; or it opens part ``j + 1``).  If only ``a`` opens one,
``a``'s part is full past ``capacity - x`` and ``b``, in a later part or further in
the same one, ends at or past ``a``'s new position.  So a step never reverses the order
of two states, and totals add.  Hence, over any walk:

1. inserting an item never lowers the final state (the state after it is at least the
   state before, and later steps keep the order);
2. a step sequence ``X`` *dominates* ``Y`` (from every fill 0..capacity it ends at
   least as far, and its total is at least ``Y``'s) may replace ``Y`` anywhere without
   lowering the final state;
3. the final rank is monotone in (total, line): a one-part text ranks by its units, a
   longer one has two parts or more and ranks by its line, and a larger total cannot
   make a text that needed parts fit one.

An option that cannot carry an item is *dead*, above every state.  ``segment()``'s
choice is the minimum over live options, itself monotone.  So the worst case lies at
every field's maximum length with choices from the dominating (Pareto-maximal) ones,
and the best case at every field's minimum length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

# Internal imports (the counting core): the tables, the rank order, the layouts.
from ..engine.options import Tables
from ..engine.parts import Rank
from ..gsm.charsets import LOCKING_TABLES, SINGLE_SHIFT_TABLES
from ..gsm.udh import ReferenceBits, layout

Items = tuple[int, ...]
"""The sizes, in order, of the items a piece of text is sent as under one option."""
Profile = tuple[Items | None, ...]
"""A piece of text under every option, in order; None where the option cannot carry it."""


class Option(NamedTuple):
    """One way to send a text: a pair of GSM tables, or UCS-2 (``locking`` None)."""

    locking: frozenset[str] | None
    shifted: frozenset[str]
    single_capacity: int
    multi_capacity: int
    single_udh_octets: int
    multi_udh_octets: int
    tables: tuple[int, int] | None

    @property
    def ucs2(self) -> bool:
        return self.locking is None

    def cost(self, char: str) -> int | None:
        """Units of one code point: 1 or 2, or None when this option cannot send it."""
        if self.locking is None:
            return 2 if ord(char) > 0xFFFF else 1  # a surrogate pair is two units
        if char in self.locking:
            return 1
        return 2 if char in self.shifted else None

    def items(self, atoms: Sequence[str]) -> Items | None:
        """The items of ``atoms`` (code points, or grapheme clusters), in order.

        An atom longer than a part is sent code point by code point, as
        :func:`smsenc.graphemes.split_keeping_clusters` does."""
        out: list[int] = []
        for atom in atoms:
            costs = [self.cost(char) for char in atom]
            if None in costs:
                return None
            size = sum(c for c in costs if c is not None)
            if size <= self.multi_capacity:
                out.append(size)
            else:
                out.extend(c for c in costs if c is not None)
        return tuple(out)

    def rank(self, total: int, line: int) -> Rank:
        """The rank of a text that ends in state ``(total, line)`` under this option."""
        if total <= self.single_capacity:
            return (1, self.ucs2, self.single_udh_octets, total - self.single_capacity)
        parts = (line - 1) // self.multi_capacity + 1
        fill = line - (parts - 1) * self.multi_capacity
        return (parts, self.ucs2, self.multi_udh_octets, fill - self.multi_capacity)


def options(tables: Tables, reference_bits: ReferenceBits) -> list[Option]:
    """Every allowed (locking, single shift) pair, then UCS-2."""
    out = []
    for locking_id in tables[0]:
        for single_id in tables[1]:
            locking = LOCKING_TABLES[locking_id].chars
            shape = layout("GSM7", locking_id, single_id, reference_bits)
            out.append(
                Option(
                    locking,
                    SINGLE_SHIFT_TABLES[single_id].chars - locking,
                    shape.single_capacity,
                    shape.multi_capacity,
                    shape.single_udh_octets,
                    shape.multi_udh_octets,
                    (locking_id, single_id),
                )
            )
    shape = layout("UCS2", 0, 0, reference_bits)
    out.append(
        Option(
            None,
            frozenset(),
            shape.single_capacity,
            shape.multi_capacity,
            shape.single_udh_octets,
            shape.multi_udh_octets,
            None,
        )
    )
    return out


def profile(atoms: Sequence[str], opts: Sequence[Option]) -> Profile:
    """``atoms`` under every option."""
    return tuple(option.items(atoms) for option in opts)


def _step(line: int, item: int, capacity: int) -> int:
    """Next-fit: the line position after one item (``item <= capacity``)."""
    if line == 0:
        return item
    part = (line - 1) // capacity
    if line - part * capacity + item <= capacity:
        return line + item
    return (part + 1) * capacity + item


def _run(line: int, items: Items, capacity: int) -> int:
    for item in items:
        line = _step(line, item, capacity)
    return line


def dominates(x: Profile, y: Profile, opts: Sequence[Option]) -> bool:
    """Whether ``x`` ends at least as far as ``y`` under every option, from any state.

    Exact for one item each (a larger item is a larger step); otherwise checked from
    every fill of a part, after a shortcut: from fill ``f``, ``x`` ends at line ``f +
    total(x)`` or later, and ``y``, which opens at most one part when its total leaves
    room for its largest item, at line ``f + total(y) + largest(y) - 1`` or earlier."""
    for option, a, b in zip(opts, x, y, strict=True):
        if a is None:
            continue  # dead is above everything
        if b is None:
            return False
        if len(a) == 1 and len(b) == 1:
            if a[0] < b[0]:
                return False
            continue
        total_a, total_b = sum(a), sum(b)
        if total_a < total_b:
            return False
        capacity = option.multi_capacity
        largest = max(b, default=0)
        if total_b + largest <= capacity and total_a >= total_b + largest - 1:
            continue
        for fill in range(capacity + 1):
            if _run(fill, a, capacity) < _run(fill, b, capacity):
                return False
    return True


def maximal(profiles: Sequence[Profile], opts: Sequence[Option]) -> list[int]:
    """The indices of the profiles no other one dominates (one of equal ones)."""
    order = sorted(
        range(len(profiles)),
        key=lambda i: -sum(sum(p) if p is not None else 1 << 40 for p in profiles[i]),
    )
    kept: list[int] = []
    for i in order:
        if not any(dominates(profiles[k], profiles[i], opts) for k in kept):
            kept.append(i)
    return sorted(kept)


class Step(NamedTuple):
    """One step of a walk through a template: a literal (one choice) or one character
    of a field (a choice per kind of character)."""

    choices: tuple[Profile, ...]
    field: tuple[str, int] | None = None
    """(name, occurrence) of the placeholder this step fills a character of."""


class Search(NamedTuple):
    """What a search found: the extreme rank, and the choice made at each step."""

    rank: Rank
    path: tuple[int, ...]


State = tuple[int, ...]
"""(total, line) per tracked option, flattened, then a 0/1 per option still to be dropped."""


def _kills(choice: Profile) -> int:
    """The options a choice cannot be carried by, as a bit mask over the option list."""
    return sum(1 << i for i, items in enumerate(choice) if items is None)


def kill_masks(walk: Sequence[Step]) -> list[tuple[int, ...]]:
    """Each step's choices' :func:`_kills`, worked out once per walk."""
    return [tuple(_kills(choice) for choice in step.choices) for step in walk]


_WIDTH = 48
"""Bits per coordinate when a state is packed into one integer (a line of 2**47 units
is 800 billion parts: no walk comes near)."""


def _pack(state: State) -> int:
    out = 0
    for value in reversed(state):
        out = (out << _WIDTH) | value
    return out


def _guards(size: int) -> int:
    return sum(1 << (i * _WIDTH + _WIDTH - 1) for i in range(size))


def _undominated(states: list[State], guards: int) -> tuple[list[State], int]:
    """The states no other one dominates (every coordinate at least as high), and how
    much work that took.

    Only the coordinates that differ between the states matter, and of columns equal
    in every state one stands for all.  Two such coordinates or fewer: sorted by the
    first, a state is kept when its second beats every state before it (a skyline).
    More: packed into integers with a guard bit atop each coordinate's field, ``(a |
    guards) - b`` keeps every guard exactly when each coordinate of ``a`` is at least
    ``b``'s (no field borrows from the next); a dominating state has the larger sum,
    so one pass in order of falling sums compares each state with those kept before."""
    columns = {c: i for i, c in enumerate(zip(*states, strict=True)) if len(set(c)) > 1}
    varying = list(columns.values())
    if len(varying) <= 2:
        ordered = sorted(((tuple(s[i] for i in varying), s) for s in states), reverse=True)
        kept = [ordered[0][1]]
        if len(varying) == 2:
            highest = ordered[0][0][1]
            for (_, second), state in ordered[1:]:
                if second > highest:
                    kept.append(state)
                    highest = second
        return kept, len(states)
    kept = []
    packed: list[int] = []
    compared = 0
    for state in sorted(states, key=sum, reverse=True):
        key = _pack(state)
        compared += len(packed)
        if not any(((other | guards) - key) & guards == guards for other in packed):
            kept.append(state)
            packed.append(key)
    return kept, compared


def _search_live(
    walk: Sequence[Step],
    masks: Sequence[tuple[int, ...]],
    opts: Sequence[Option],
    live: list[int],
    killed: int,
    budget: int,
    beam: int | None = None,
) -> tuple[Search | None, int]:
    """The highest rank, among the options ``live``, of the walks that drop every option
    in the mask ``killed`` on the way and none of ``live``, and what the search spent.
    The Search is None when no walk does so, or when the search spent more than
    ``budget`` (the count then exceeds it).

    With ``beam``, no budget: after each step only that many states are kept, those
    that dropped the most options yet and then whose lowest live line is the highest;
    the walk found is then a guess, not the highest."""
    others = [i for i in range(len(opts)) if killed >> i & 1]
    size = 2 * len(live)
    start: State = (0,) * (size + len(others))
    guards = _guards(len(start))
    frontier: list[State] = [start]
    layers: list[list[tuple[int, int]]] = []
    spent = 0
    # One option's step depends only on its own (total, line): remembered per choice.
    memo: dict[tuple[int, int, int, int], tuple[int, int]] = {}

    def promise(state: State) -> tuple[int, float]:
        lines = (state[2 * k + 1] / opts[i].multi_capacity for k, i in enumerate(live))
        return sum(state[size:]), min(lines)

    for step, kinds in zip(walk, masks, strict=True):
        allowed = [j for j, kind in enumerate(kinds) if kind & ~killed == 0]
        if not allowed:
            return None, spent
        found: dict[State, tuple[int, int]] = {}
        for choice_index in allowed:
            choice = step.choices[choice_index]
            drops = [k for k, i in enumerate(others) if choice[i] is None]
            for parent, state in enumerate(frontier):
                out = list(state)
                for k, i in enumerate(live):
                    at = 2 * k
                    key = (id(choice), i, state[at], state[at + 1])
                    moved = memo.get(key)
                    if moved is None:
                        items = choice[i]
                        assert items is not None  # allowed choices keep the live options
                        option = opts[i]
                        moved = memo[key] = (
                            min(state[at] + sum(items), option.single_capacity + 1),
                            _run(state[at + 1], items, option.multi_capacity),
                        )
                    out[at], out[at + 1] = moved
                for k in drops:
                    out[size + k] = 1
                found.setdefault(tuple(out), (parent, choice_index))
        candidates = list(found)
        if beam is not None:
            frontier = sorted(candidates, key=promise, reverse=True)[:beam]
        elif len(allowed) > 1:
            frontier, work = _undominated(candidates, guards)
            spent += len(candidates) + work
        else:
            frontier = candidates
            spent += len(candidates)
        if spent > budget:
            return None, spent
        layers.append([found[state] for state in frontier])
    finished = [
        (min(opts[i].rank(state[2 * k], state[2 * k + 1]) for k, i in enumerate(live)), index)
        for index, state in enumerate(frontier)
        if all(state[size:])  # every other option was dropped on the way
    ]
    if not finished:
        return None, spent
    rank, index = max(finished)
    path = []
    for layer in reversed(layers):
        parent, choice_index = layer[index]
        path.append(choice_index)
        index = parent
    return Search(rank, tuple(reversed(path))), spent


MOST_SETS = 4096
"""How many sets of live options :func:`worst` takes one by one, at most; past that, the
coarse bound of :func:`_minimax`."""


class Worst(NamedTuple):
    """The worst case of a walk: an upper bound on every walk's rank, the highest walk
    found, and whether that walk reaches the bound (then the bound is the maximum)."""

    rank: Rank
    found: Search
    exact: bool


def worst(walk: Sequence[Step], opts: Sequence[Option], budget: int = 2_000_000) -> Worst:
    """The highest rank ``segment()`` gives any walk, or an upper bound on it.

    Every walk ends with some set ``A`` of options still able to carry it (UCS-2 always
    among them), and ``segment()`` gives it the lowest rank among those.  So the worst
    is the highest, over each set ``A`` a walk can end with, of the best walk among
    those using only choices every option of ``A`` carries and dropping every other
    option on the way.

    For each ``A``, a cheap upper bound first: the lowest, over the options of ``A``,
    of that option's own worst over the choices ``A`` allows (:func:`worst_under`;
    ``segment()`` ranks a text no higher than any live option does).  An option of
    ``A`` whose own best there is no lower than that bound never ranks below the option
    giving the bound, so it never decides the lowest and is left out.  The sets are
    taken from the highest bound down, and each is searched exactly, breadth-first over
    the states of its options (and which others are dropped yet), keeping after each
    step only the states no other one dominates: a dropped state's every continuation
    is matched or beaten by the same continuation of the state dominating it, because
    each option's steps keep order and the final value is monotone (module docstring).
    Once a bound cannot beat the best walk found, no later set can either.

    When the searches together would take more than ``budget`` units of work, a set
    not searched counts with its cheap bound (the answer is then that bound, proven
    but perhaps not reached), and a beam search of it offers a walk."""
    masks = kill_masks(walk)
    kill_sets = {0}
    for kinds in masks:
        kill_sets = {k | kind for k in kill_sets for kind in set(kinds)}
        if len(kill_sets) > MOST_SETS:
            return _minimax(walk, masks, opts)  # too many sets to take one by one
    everything = (1 << len(opts)) - 1
    kinds_used = {kind for kinds in masks for kind in kinds}
    highest: dict[tuple[int, frozenset[int]], Search | None] = {}
    lowest: dict[tuple[int, frozenset[int]], Search | None] = {}
    plans = []
    for killed in kill_sets:
        allowed = everything & ~killed
        signature = frozenset(kind for kind in kinds_used if kind & allowed == 0)
        live = [i for i in range(len(opts)) if allowed >> i & 1]
        for i in live:  # the same choices allowed: the same bounds
            if (i, signature) not in highest:
                highest[i, signature] = worst_under(walk, i, opts, masks, allowed)
                lowest[i, signature] = best_under(walk, i, opts, masks, allowed)
        tops = [highest[i, signature] for i in live]
        bottoms = [lowest[i, signature] for i in live]
        if None in tops or None in bottoms:
            continue  # some step has no choice every live option carries
        cap, deciding = min((top.rank, i) for top, i in zip(tops, live, strict=True) if top)
        needed = [
            i
            for i, bottom in zip(live, bottoms, strict=True)
            if i == deciding or (bottom is not None and bottom.rank < cap)
        ]
        plans.append((cap, killed, needed))
    plans.sort(reverse=True)
    best: Search | None = None
    bound: Rank | None = None
    spent = 0
    for cap, killed, live in plans:
        if best is not None and cap <= best.rank:
            break  # this set, and every later one, cannot beat the walk found
        found, used = _search_live(walk, masks, opts, live, killed, budget - spent)
        spent += used
        if spent > budget:
            bound = cap if bound is None else max(bound, cap)
            found, _ = _search_live(walk, masks, opts, live, killed, 0, beam=64)
        if found is not None and (best is None or found.rank > best.rank):
            best = found
    if best is None:  # no set searched to its end, nor a beam meeting its drops
        return _minimax(walk, masks, opts)
    top = best.rank if bound is None else max(bound, best.rank)
    return Worst(top, best, best.rank == top)


def _minimax(
    walk: Sequence[Step], masks: Sequence[tuple[int, ...]], opts: Sequence[Option]
) -> Worst:
    """The coarse bound: the lowest own worst of the options carrying every walk (each
    walk ranks no higher than under any of them), with the costliest such walk."""
    found = [worst_under(walk, i, opts, masks) for i in range(len(opts))]
    carried = [search for search in found if search is not None]
    bound = min(search.rank for search in carried)  # UCS-2 carries everything
    guess = max(carried, key=lambda search: search.rank)
    return Worst(bound, guess, False)


def worst_clustered(walk: Sequence[Step], opts: Sequence[Option]) -> Rank:
    """An upper bound on every walk's rank when its items are grapheme clusters the walk
    does not follow (its items code points, whose units clusters only sum).

    Under an option carrying every walk, a text of ``units`` fits one part when the
    single-part capacity holds them.  Otherwise, whenever a part closes, the cluster
    that did not fit opens the next one (or, longer than a part, is cut code point by
    code point, so the closed part lacks at most one unit of a pair): any two
    neighbouring parts hold more than ``capacity - 1`` units together, so ``2 *
    (units // capacity) + 1`` parts hold any such text, and the rank is at most that
    many parts with no room left.  ``segment()`` ranks no higher than any option
    carrying the text."""
    bounds = []
    for index, option in enumerate(opts):
        usable = _usable(walk, index, None, None)
        if usable is None or any(
            len(choices) < len(step.choices) for choices, step in zip(usable, walk, strict=True)
        ):
            continue  # some walk this option cannot carry
        units = sum(max(sum(items) for _, items in choices) for choices in usable)
        if units <= option.single_capacity:
            bounds.append(option.rank(units, 0))
        else:
            parts = 2 * (units // option.multi_capacity) + 1
            bounds.append((parts, option.ucs2, option.multi_udh_octets, 0))
    return min(bounds)  # UCS-2 carries everything


def best_under(
    walk: Sequence[Step],
    option_index: int,
    opts: Sequence[Option],
    masks: Sequence[tuple[int, ...]] | None = None,
    allowed: int | None = None,
) -> Search | None:
    """The lowest rank any walk has under one option, and a walk reaching it; None when
    some step offers nothing the option can carry (or, with a mask ``allowed``, nothing
    every option in it carries).

    When the fewest units fit one part, the walk with the fewest units is the best (one
    part beats several, and fewer units leave more room).  Otherwise every walk needs
    several parts, and choosing at each step what leaves the lowest line is optimal,
    since each step keeps order (module docstring)."""
    option = opts[option_index]
    usable = _usable(walk, option_index, masks, allowed)
    if usable is None:
        return None
    totals = [min((sum(items), index) for index, items in choices) for choices in usable]
    total = sum(units for units, _ in totals)
    if total <= option.single_capacity:
        return Search(option.rank(total, 0), tuple(index for _, index in totals))
    line = 0
    path = []
    for choices in usable:
        line, index = min((_run(line, items, option.multi_capacity), i) for i, items in choices)
        path.append(index)
    return Search(option.rank(total, line), tuple(path))


def worst_under(
    walk: Sequence[Step],
    option_index: int,
    opts: Sequence[Option],
    masks: Sequence[tuple[int, ...]] | None = None,
    allowed: int | None = None,
) -> Search | None:
    """An upper bound on the rank of every walk under one option, and the walk that
    ends furthest; None when some walk cannot be sent this way (with a mask
    ``allowed``: only the choices every option in it carries count, and None when a
    step then offers none).

    The most units bound a one-part text's rank.  Choosing at each step what leaves
    the highest line gives the highest line of all (each step keeps order), which
    bounds the rank of every walk needing several parts.  The bound is the larger of
    the two; it is the walk's own rank when that walk needs several parts."""
    option = opts[option_index]
    usable = _usable(walk, option_index, masks, allowed)
    if usable is None or (
        allowed is None and any(len(c) < len(s.choices) for c, s in zip(usable, walk, strict=True))
    ):
        return None
    most = sum(max(sum(items) for _, items in choices) for choices in usable)
    line = 0
    path = []
    for choices in usable:
        line, index = max((_run(line, items, option.multi_capacity), i) for i, items in choices)
        path.append(index)
    single = option.rank(min(most, option.single_capacity), 0)
    if most <= option.single_capacity:
        return Search(single, tuple(path))
    return Search(max(single, option.rank(option.single_capacity + 1, line)), tuple(path))


def _usable(
    walk: Sequence[Step],
    option_index: int,
    masks: Sequence[tuple[int, ...]] | None,
    allowed: int | None,
) -> list[list[tuple[int, Items]]] | None:
    """Per step, (index, items) of the choices the option carries (and, with ``allowed``,
    every option in it); None when a step is left with none."""
    out = []
    for at, step in enumerate(walk):
        kinds = masks[at] if masks is not None else None
        choices = [
            (index, items)
            for index, choice in enumerate(step.choices)
            if (items := choice[option_index]) is not None
            and (allowed is None or kinds is None or kinds[index] & allowed == 0)
        ]
        if not choices:
            return None
        out.append(choices)
    return out
