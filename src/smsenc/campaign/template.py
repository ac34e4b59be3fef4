"""``template_bounds()``: the fewest and the most parts a message template can cost.

A template is text with ``{name}`` placeholders (``{{`` and ``}}`` stand for literal
braces); each name has a :class:`Field` saying how long its value may be and which
characters it may hold.  :func:`template_bounds` answers with a :class:`Bound` on each
side, exact (with a real substitution reaching it) whenever that can be proved, else a
proven bound on the parts; why is explained in :func:`template_bounds`, in
:mod:`smsenc.campaign.search` (the search) and in :mod:`smsenc.campaign.model` (the
text as sent, piece by piece).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

# Internal imports, all in this block: the segmentation core (its types, and how it
# reads a transliteration request), the template's walks, and the search.
from ..arguments import check_str, type_error
from ..engine.options import LanguageRequest, TransliterationRequest, resolve
from ..engine.parts import Rank
from ..gsm.charsets import Encoding
from ..segmentation import Segmentation, segment_with
from .model import SURROGATE, Field, Model, Piece, Walk, build
from .search import Option, Step, best_under, worst, worst_clustered
from .search import options as ways_to_send

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class Bound(NamedTuple):
    """One side of a template's bounds: the fewest parts (``best``) or the most (``worst``).

    ``message_count`` is always proven: no substitution needs fewer parts than the best
    bound's, nor more than the worst bound's.  ``exact`` says that ``found``, the
    segmentation of a real substitution, reaches the bound in ``segment()``'s whole
    order (fewer parts, then 7-bit before UCS-2, then a smaller header, then more room
    left): then no substitution ranks beyond it, so its encoding and room left are the
    bound's too, and it is the ``witness``.  When not exact, ``found`` is the most
    extreme substitution the search met (the true extreme lies between it and
    ``message_count``), and ``text``, ``encoding`` and ``characters_remaining`` are None.
    """

    message_count: int
    exact: bool
    found: Segmentation

    @property
    def witness(self) -> Segmentation | None:
        """The substitution reaching the bound, when it is exact."""
        return self.found if self.exact else None

    @property
    def text(self) -> str | None:
        """The witness's text (before transliteration), when exact."""
        return self.found.original_text if self.exact else None

    @property
    def encoding(self) -> Encoding | None:
        return self.found.encoding if self.exact else None

    @property
    def characters_remaining(self) -> int | None:
        return self.found.characters_remaining if self.exact else None

    def to_dict(self) -> dict[str, Any]:
        """The bound as JSON-ready data; ``found`` is the substitution's segmentation."""
        return {
            "exact": self.exact,
            "message_count": self.message_count,
            "encoding": self.encoding,
            "characters_remaining": self.characters_remaining,
            "text": self.text,
            "found": self.found.to_dict(),
        }


class TemplateBounds(NamedTuple):
    """The best and the worst case of a template (see :class:`Bound`)."""

    best: Bound
    worst: Bound

    @property
    def exact(self) -> bool:
        """Whether both bounds are exact."""
        return self.best.exact and self.worst.exact

    def to_dict(self) -> dict[str, Any]:
        """Both bounds as JSON-ready data, and whether both are exact."""
        return {"exact": self.exact, "best": self.best.to_dict(), "worst": self.worst.to_dict()}


def parse_template(template: str) -> list[Piece]:
    """The template as literal strings and ``(name,)`` placeholders, in order."""
    pieces: list[Piece] = []
    literal: list[str] = []
    at = 0
    for token in _TOKEN.finditer(template):
        literal.append(template[at : token.start()])
        at = token.end()
        text = token.group()
        if text in ("{{", "}}"):
            literal.append(text[0])
        elif token.group(1) is None:
            raise ValueError(
                f"template has an unmatched {text!r} at index {token.start()}; "
                "write {{ or }} for a literal brace"
            )
        elif not token.group(1):
            raise ValueError(f"template has an empty placeholder {{}} at index {token.start()}")
        else:
            pieces.append("".join(literal))
            literal = []
            pieces.append((token.group(1),))
    literal.append(template[at:])
    pieces.append("".join(literal))
    return [piece for piece in pieces if piece != ""]


Sender = Callable[[Mapping[str, str]], Segmentation]
"""Segments the template filled with some values, under the caller's options."""


def _substitutions(pieces: list[Piece], walk: Walk, path: Sequence[int]) -> list[dict[str, str]]:
    """The real substitutions a path through a walk stands for.

    A path fills each occurrence of a placeholder on its own; a name used twice takes
    one value, so when its occurrences differ each of their values is tried for all."""
    values: dict[str, dict[int, list[str]]] = {}
    for step, texts, choice in zip(walk.steps, walk.texts, path, strict=True):
        if step.field is not None:
            name, occurrence = step.field
            values.setdefault(name, {}).setdefault(occurrence, []).append(texts[choice])
    names = [piece[0] for piece in pieces if isinstance(piece, tuple)]
    options_per_name = []
    for name in dict.fromkeys(names):
        by_occurrence = values.get(name, {})
        count = names.count(name)
        found = {"".join(by_occurrence.get(i, [])) for i in range(count)}
        options_per_name.append([(name, value) for value in sorted(found)])
    return [dict(combination) for combination in itertools.product(*options_per_name)]


def _fill(pieces: list[Piece], values: Mapping[str, str]) -> str:
    return "".join(values[p[0]] if isinstance(p, tuple) else p for p in pieces)


def template_bounds(
    template: str,
    fields: Mapping[str, Field],
    language_code: LanguageRequest = None,
    transliteration: TransliterationRequest = None,
    **options: Any,
) -> TemplateBounds:
    """The best and the worst case over every way of filling ``template``, as :class:`Bound`\\ s.

    Each placeholder ``{name}`` takes a value within ``fields[name]`` (a name used
    twice takes one value); ``{{`` / ``}}`` are literal braces.  ``language_code``,
    ``transliteration`` and ``options`` are :func:`smsenc.segment`'s
    (``allow_locking_shift``, ``reference_bits``, ``keep_graphemes``, ...), and each
    substitution is counted as ``segment()`` counts it; ``max_parts`` is checked but not
    applied, so that a template costing more than 255 parts says how many.  The order
    is ``segment()``'s rank: fewer parts, then 7-bit before UCS-2, then a smaller header,
    then more room left.

    **Why the bounds hold.**  :mod:`smsenc.campaign.search` states the lemma: under each
    way of sending (a pair of tables, or UCS-2) a text's parts are next-fit packing of
    its items (code points, or grapheme clusters), whose every step keeps the order of
    states; so inserting an item never helps, nor does a costlier one in place of a
    cheaper one.  Hence the best case has every field at its minimum length, the worst
    at its maximum, and characters that cost no less than another under every option
    at once stand for it.

    *Best*: ``segment()`` takes the lowest rank over the options, so the best case is
    the lowest, over the options, of each option's own best substitution, found
    exactly (the fewest units when they fit one part; otherwise the walk that keeps the
    line of parts shortest, step by step).

    *Worst*: the highest, over substitutions, of the lowest rank over the options — a
    maximum of minima, which no single option answers when characters costly in
    different tables combine.  :func:`smsenc.campaign.search.worst` finds it exactly,
    or past its work budget bounds it; ``found`` is the walk it reached.

    A name used twice is one value: the search fills each occurrence on its own (more
    freedom, so the bound still holds), then, when its values are few, once per value.

    **Transliteration** runs on the whole text, but piece by piece it is known
    (:mod:`smsenc.campaign.model`): when every character a field may hold keeps to
    itself (no combining mark, nothing composing with what comes before) and each
    literal after a placeholder starts with such a character, the text as sent is the
    literal runs and the value's characters each transliterated alone, and the bounds
    are exact as above.  A field that may hold combining characters (``"ucs2"`` and
    ``"any"`` always may) can merge with its neighbours under NFC; then every code point
    is charged a bound on what it can add (what any character it can become part of
    becomes alone), which bounds the worst case, and what no merge can touch bounds the
    best; the witnesses are real substitutions without merges, exact when they reach
    those bounds.  Under ``NON_UNICODE`` (marks fall away) they do for ``"ucs2"`` and
    ``"any"``; under a national mode marks stay, and a precomposed letter can keep
    marks that a following mark displaced, which charging each code point on its own
    over-counts: the worst is then bounded, not reached.  A caller's own replacements
    must be made of GSM characters (they are what transliteration is for), else a
    ValueError says so.

    **keep_graphemes**: clusters are items; when no join of two pieces can merge
    clusters (a CR before an LF is bounded as one item), the walks are exact as above.
    Otherwise only the parts are bounded: a cluster cannot fit the part begun only when
    that part and the next together hold more than a part, so ``2 * (units // capacity)
    + 1`` parts hold any text of that many units (one part when they fit one); and
    clusters never make fewer parts than code points, so the best case without them
    bounds the best.

    Surrogate code points in the template are a ValueError: they are not characters.
    """
    check_str("template", template)
    if not isinstance(fields, Mapping):
        raise type_error("fields", fields, "a mapping of names to Field")
    if SURROGATE.search(template):
        raise ValueError("template must not hold surrogate code points (U+D800-U+DFFF)")
    pieces = parse_template(template)
    used = {piece[0] for piece in pieces if isinstance(piece, tuple)}
    for name in sorted(used):
        if name not in fields:
            raise ValueError(f"placeholder {{{name}}} has no entry in fields")
    for name, spec in fields.items():
        if name not in used:
            raise ValueError(f"field {name!r} is not used by the template")
        if not isinstance(spec, Field):
            raise type_error(f"fields[{name!r}]", spec, "a Field")
    # The options resolved once, as segment() resolves them (any bad option is its
    # error, a bad max_parts too); then no limit on parts.
    resolved = resolve(language_code, transliteration, **options)._replace(max_parts=None)
    opts = ways_to_send(resolved.tables, resolved.reference_bits)
    model = build(pieces, fields, opts, resolved.transliterator, resolved.keep_graphemes)

    def sent(values: Mapping[str, str]) -> Segmentation:
        return segment_with(_fill(pieces, values), resolved)

    best = _best(pieces, model, opts, sent)
    return TemplateBounds(best=best, worst=_worst(pieces, model, opts, sent))


class _Witness(NamedTuple):
    values: dict[str, str]
    sent: Segmentation


def _witnesses(
    pieces: list[Piece], walk: Walk, paths: Iterable[Sequence[int]], sent: Sender
) -> list[_Witness]:
    return [
        _Witness(values, sent(values))
        for path in paths
        for values in _substitutions(pieces, walk, path)
    ]


def _tidy(witness: _Witness, sent: Sender) -> _Witness:
    """The witness with each field's value made of one repeated character where that
    ranks the same: easier to read, and just as extreme."""
    rank = witness.sent.rank()
    for name, value in witness.values.items():
        for char in dict.fromkeys(value):
            if char * len(value) == value:
                break
            values = {**witness.values, name: char * len(value)}
            candidate = sent(values)
            if candidate.rank() == rank:
                witness = _Witness(values, candidate)
                break
    return witness


_PINNED_VALUES = 256
"""How many values of the names used twice the search tries one by one, at most."""


def _pinnings(walk: Walk) -> list[Walk] | None:
    """The walk once per value of the names used more than once (each such value then a
    fixed choice at every occurrence), or None when there are none or too many."""
    occurrences: dict[str, set[int]] = {}
    width: dict[str, list[int]] = {}
    for step in walk.steps:
        if step.field is not None:
            name, occurrence = step.field
            occurrences.setdefault(name, set()).add(occurrence)
            if occurrence == 0:
                width.setdefault(name, []).append(len(step.choices))
    repeated = [name for name, seen in occurrences.items() if len(seen) > 1]
    if not repeated:
        return None
    count = 1
    for name in repeated:
        for choices in width[name]:
            count *= choices
    if count > _PINNED_VALUES:
        return None
    out = []
    ranges = [range(n) for name in repeated for n in width[name]]
    for picks in itertools.product(*ranges):
        chosen: dict[str, list[int]] = {}
        at = 0
        for name in repeated:
            chosen[name] = list(picks[at : at + len(width[name])])
            at += len(width[name])
        steps: list[Step] = []
        texts: list[tuple[str, ...]] = []
        position: dict[tuple[str, int], int] = {}
        for step, choice_texts in zip(walk.steps, walk.texts, strict=True):
            if step.field is not None and step.field[0] in chosen:
                j = position[step.field] = position.get(step.field, -1) + 1
                pick = chosen[step.field[0]][j]
                steps.append(Step((step.choices[pick],), step.field))
                texts.append((choice_texts[pick],))
            else:
                steps.append(step)
                texts.append(choice_texts)
        out.append(Walk(steps, texts))
    return out


def _best(pieces: list[Piece], model: Model, opts: Sequence[Option], sent: Sender) -> Bound:
    """The best case: the lowest of each option's own best (see template_bounds)."""

    def lowest(walk: Walk) -> tuple[Rank, list[Sequence[int]]]:
        searches = [best_under(walk.steps, i, opts) for i in range(len(opts))]
        ranked = sorted((s for s in searches if s is not None), key=lambda s: s.rank)
        return ranked[0].rank, [s.path for s in ranked[:3]]

    def cheapest(witnesses: list[_Witness]) -> _Witness:
        return min(witnesses, key=lambda w: w.sent.rank())

    bound, _ = lowest(model.floor)
    _, paths = lowest(model.best_witness)
    found = cheapest(_witnesses(pieces, model.best_witness, paths, sent))
    if found.sent.rank() != bound and model.floor is model.best_witness and model.clusters_exact:
        for walk in _pinnings(model.floor) or []:
            rank, paths = lowest(walk)
            if rank == bound:
                found = cheapest(_witnesses(pieces, walk, paths, sent))
                break
    assert found.sent.rank() >= bound  # the floor bounds every substitution
    found = _tidy(found, sent)
    return Bound(bound[0], found.sent.rank() == bound, found.sent)


def _worst(pieces: list[Piece], model: Model, opts: Sequence[Option], sent: Sender) -> Bound:
    """The worst case: exact by the search over all options at once, else a bound."""

    def costliest(witnesses: list[_Witness]) -> _Witness:
        return max(witnesses, key=lambda w: w.sent.rank())

    result = worst(model.ceiling.steps, opts)
    bound = result.rank
    paths = [result.found.path]
    if model.worst_witness is not model.ceiling:
        paths = [worst(model.worst_witness.steps, opts).found.path]
    if not model.clusters_exact:
        # The walks count code points; clusters the walks do not follow bound the parts
        # only (template_bounds docstring).  Code-point walks still find good witnesses.
        bound = worst_clustered(model.ceiling.steps, opts)
    found = costliest(_witnesses(pieces, model.worst_witness, paths, sent))
    if found.sent.rank() != bound and model.worst_witness is model.ceiling and model.clusters_exact:
        # A name used twice: the search filled its occurrences apart.  Search again once
        # per value of it (when few): every substitution takes one of them, so the
        # highest of those bounds is a bound too, and exact when each search is.
        pinned = [(worst(walk.steps, opts), walk) for walk in _pinnings(model.ceiling) or []]
        if pinned:
            bound = max(result.rank for result, _ in pinned)
            found = costliest(
                [
                    witness
                    for result, walk in pinned
                    for witness in _witnesses(pieces, walk, [result.found.path], sent)
                ]
            )
    assert found.sent.rank() <= bound  # the ceiling bounds every substitution
    found = _tidy(found, sent)
    return Bound(bound[0], found.sent.rank() == bound, found.sent)
