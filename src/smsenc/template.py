"""``template_bounds()``: the fewest and the most parts a message template can cost.

A template is text with ``{name}`` placeholders (``{{`` and ``}}`` stand for literal
braces); each name has a :class:`Field` saying how long its value may be and which
characters it may hold.  The bounds are two witness texts, real substitutions, whose
segmentations are the best and the worst of all substitutions; why they are exactly
that is explained in :func:`template_bounds`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .engine.options import LanguageRequest, Tables
from .engine.parts import Rank, rank_of, septet_part_units, utf16_part_units
from .gsm.charsets import DEFAULT_ALPHABET, DEFAULT_EXTENSION, LOCKING_TABLES, SINGLE_SHIFT_TABLES
from .gsm.septets import to_septets
from .gsm.udh import ReferenceBits, layout
from .segmentation import Segmentation, segment

NAMED_ALPHABETS = ("digits", "gsm-basic", "gsm", "ucs2", "any")
"""The alphabets a :class:`Field` names; any other string lists the allowed characters."""

_PREFERRED = "a0€ж😀"
"""Witness characters a reader recognises, tried first among equally costly ones."""
_OUTSIDE_BMP = "😀"  # in no TS 23.038 table, two UTF-16 code units
_OUTSIDE_TABLES = "ж"  # in no TS 23.038 table, one UTF-16 code unit
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_INFINITE = 3  # the cost of a character a table pair cannot carry: above any real cost


@dataclass(frozen=True)
class Field:
    """What a placeholder's value may be.

    ``min_length`` to ``max_length`` characters (code points) drawn from
    ``alphabet``.

    ``alphabet`` is ``"digits"`` (ASCII 0-9), ``"gsm-basic"`` (the GSM default
    alphabet, TS 23.038 §6.2.1), ``"gsm"`` (with the extension table's characters,
    §6.2.1.1, which cost two septets), ``"ucs2"`` (any character of the Basic
    Multilingual Plane), ``"any"`` (characters above U+FFFF too), or any other string,
    which lists the allowed characters.  Surrogate code points are never allowed:
    they are not characters, and one written beside another could pair with it.
    """

    max_length: int
    min_length: int = 0
    alphabet: str = "gsm"

    def __post_init__(self) -> None:
        for name in ("max_length", "min_length"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
            if value < 0:
                raise ValueError(f"{name} must be 0 or more, got {value}")
        if self.min_length > self.max_length:
            raise ValueError(
                f"min_length ({self.min_length}) must not exceed max_length ({self.max_length})"
            )
        if not isinstance(self.alphabet, str):
            raise TypeError(f"alphabet must be a str, not {type(self.alphabet).__name__}")
        if self.alphabet not in NAMED_ALPHABETS:
            if not self.alphabet and self.min_length > 0:
                raise ValueError(
                    f"alphabet is empty, so no value can have min_length {self.min_length}"
                )
            if re.search("[\ud800-\udfff]", self.alphabet):
                raise ValueError("alphabet must not hold surrogate code points (U+D800-U+DFFF)")

    def candidates(self) -> str:
        """Characters standing for the whole alphabet.

        Every character of a named alphabet that some TS 23.038 table holds, plus one
        outside every table (each such character costs the same everywhere: UCS-2,
        one or two code units)."""
        if self.alphabet == "digits":
            return "0123456789"
        gsm_basic = "".join(c for c in DEFAULT_ALPHABET.characters if c is not None)
        gsm = gsm_basic + "".join(
            c for c in DEFAULT_EXTENSION.characters if c is not None and c not in gsm_basic
        )
        if self.alphabet == "gsm-basic":
            return gsm_basic
        if self.alphabet == "gsm":
            return gsm
        if self.alphabet in ("ucs2", "any"):
            tables = (*LOCKING_TABLES.values(), *SINGLE_SHIFT_TABLES.values())
            national = sorted({c for t in tables for c in t.chars} - set(gsm))
            outside = _OUTSIDE_TABLES + (_OUTSIDE_BMP if self.alphabet == "any" else "")
            return gsm + "".join(national) + outside
        return "".join(dict.fromkeys(self.alphabet))


@dataclass(frozen=True)
class TemplateBounds:
    """The best and the worst substitution of a template, as segmented texts."""

    best: Segmentation
    worst: Segmentation

    def to_dict(self) -> dict[str, Any]:
        return {"best": self.best.to_dict(), "worst": self.worst.to_dict()}


def parse_template(template: str) -> list[str | tuple[str]]:
    """The template as literal strings and ``(name,)`` placeholders, in order."""
    pieces: list[str | tuple[str]] = []
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


def _options(tables: Tables) -> list[tuple[int, int]]:
    """Every allowed (locking, single shift) pair; UCS-2 is the extra option -1."""
    return [(lock, single) for lock in tables[0] for single in tables[1]]


def _costs(char: str, pairs: list[tuple[int, int]]) -> tuple[int, ...]:
    """What ``char`` costs under each pair (1 or 2 septets, or ``_INFINITE`` when the
    pair cannot carry it, TS 23.038 §6.2.1.1) and in UCS-2 (1 or 2 UTF-16 units)."""
    out = []
    for lock, single in pairs:
        if char in LOCKING_TABLES[lock].chars:
            out.append(1)
        elif char in SINGLE_SHIFT_TABLES[single].chars:
            out.append(2)
        else:
            out.append(_INFINITE)
    out.append(2 if ord(char) > 0xFFFF else 1)
    return tuple(out)


def _dominant(field: Field, pairs: list[tuple[int, int]]) -> str | None:
    """The character of the field's alphabet costing at least as much as every other
    under every option at once (None for an empty alphabet), or ``_CANNOT``."""
    candidates = field.candidates()
    if not candidates:
        return None
    # The costliest cost under each option, by set algebra: 2 septets when the locking
    # table lacks some of the alphabet, more when the pair cannot carry some of it.
    chars = set(candidates)
    bound = []
    for lock, single in pairs:
        locking, shifted = LOCKING_TABLES[lock].chars, SINGLE_SHIFT_TABLES[single].chars
        bound.append(1 if chars <= locking else 2 if chars <= locking | shifted else _INFINITE)
    bound.append(2 if any(ord(c) > 0xFFFF for c in candidates) else 1)
    wanted = tuple(bound)
    order = sorted(candidates, key=lambda c: (c not in _PREFERRED, _PREFERRED.find(c), c))
    for char in order:
        if _costs(char, pairs) == wanted:  # as costly as any other under every option
            return char
    return _CANNOT  # no one character is the costliest under every option


def template_bounds(
    template: str,
    fields: Mapping[str, Field],
    language_code: LanguageRequest = None,
    transliteration: None = None,
    **options: Any,
) -> TemplateBounds:
    """The best and the worst segmentation over every way of filling ``template``.

    Each placeholder ``{name}`` takes a value within ``fields[name]`` (a name used
    twice takes one value); ``{{`` / ``}}`` are literal braces.  ``options`` are
    :func:`smsenc.segment`'s keywords (``allow_locking_shift``, ``reference_bits``,
    ``max_parts``, ...).  ``.worst`` is the substitution with the most parts, ties
    broken as ``segment()`` ranks (UCS-2 after 7-bit, larger header, less room left);
    ``.best`` the one with the fewest, ties the other way.  Both are witnesses: the
    segmentation of a real text within the bounds.  (The tests also find them the
    extremes in the plainer order of parts, then room left, by brute force; the proof
    below is for ``segment()``'s rank.)

    Why the witnesses are the extremes.  Under one option (a pair of tables, or UCS-2)
    every character costs a fixed 1 or 2 units (septets, an escape pair counting two,
    TS 23.038 §6.2.1.1; or UTF-16 code units, a surrogate pair counting two), or cannot
    be sent at all.  Parts are filled greedily and a two-unit character never straddles
    a part boundary, so a part count is next-fit bin packing of items of size 1 and 2,
    with a capacity that depends only on the option and on whether the text fits one
    part.  Next-fit is monotone here: compare the states (parts so far, units in the
    last part) lexicographically; adding an item to a larger state keeps it larger
    (the only way the smaller state catches up on parts is by opening a part, which
    leaves it holding just that item), and growing one item from 1 to 2 or inserting an
    item makes the state larger from then on.  So making a value longer, or a character
    more costly, never gives fewer parts nor, at equal parts, more room; a text an
    option cannot carry is worse than any it can.  ``segment()`` takes the best option
    (lowest rank).  So for the best, a minimum of minima: each option's cheapest
    substitution fills every field to ``min_length`` with its cheapest character that
    option carries, and the best of those witnesses is the best of all.  For the
    worst, an option that carries every substitution bounds them all by its own
    costliest one (every field at ``max_length`` with its costliest character), so the
    lowest of those bounds is an upper bound on the worst case; a witness whose
    segmentation reaches it is the maximum.  The witnesses tried: one character per
    field costliest under every option at once (under the default tables there always
    is one: GSM basic, GSM extension, BMP outside GSM, above U+FFFF), then per option
    its costliest characters, choosing among equally costly ones the character that
    costs the most under the other options (it shuts them out: ``\\f`` beats ``€``,
    which a Turkish locking table holds).  When none reaches the bound (characters
    costly in different tables could combine), a ValueError says so rather than guess.

    ``transliteration`` is not supported (it can merge characters across a field's
    edge under NFC); the bounds are for the text as sent.  Surrogate code points in
    the template are a ValueError for the same reason.
    """
    if not isinstance(template, str):
        raise TypeError(f"template must be a str, not {type(template).__name__}")
    if not isinstance(fields, Mapping):
        raise TypeError(f"fields must be a mapping of names to Field, not {type(fields).__name__}")
    if transliteration is not None:
        raise ValueError(
            f"transliteration={transliteration!r} is not supported by template_bounds: "
            "accepted: None (bounds are proved for the text as sent)"
        )
    if options.get("keep_graphemes"):
        raise ValueError(
            "keep_graphemes=True is not supported by template_bounds: accepted: False "
            "(a cluster can join a field to the text around it, which the proof does not cover)"
        )
    if re.search("[\ud800-\udfff]", template):
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
            raise TypeError(f"fields[{name!r}] must be a Field, not {type(spec).__name__}")
    # The allowed tables exactly as segment() reads the options (empty text: no cost).
    tables = segment("", language_code, **options).allowed_tables
    pairs = _options(tables)
    bits = segment("", **options).reference_bits

    def fill(chars: Mapping[str, str | None], most: bool) -> str:
        values = {
            name: (chars[name] or "") * (spec.max_length if most else spec.min_length)
            for name, spec in fields.items()
        }
        return "".join(values[p[0]] if isinstance(p, tuple) else p for p in pieces)

    def ranked(text: str) -> Segmentation:
        return segment(text, language_code, **options)

    # Best: min over substitutions of min over options = min over options of each
    # option's own cheapest substitution, so the best of those witnesses is exact.
    best: Segmentation | None = None
    for option in [*pairs, None]:
        chars = {name: _cheapest(spec, option) for name, spec in fields.items()}
        if any(c is _CANNOT for c in chars.values()):
            continue  # some field cannot be filled under this option at all
        candidate = ranked(fill(chars, most=False))
        if best is None or candidate.rank() < best.rank():
            best = candidate
    assert best is not None  # UCS-2 carries every substitution
    # Worst: no substitution ranks above what an option that carries them all gives
    # its own costliest one, so the lowest such bound is an upper bound; a witness
    # reaching it is the maximum.
    bound: Rank | None = None
    carrying = []  # the options that carry every substitution
    for option in [*pairs, None]:
        chars = {name: _costliest(spec, option) for name, spec in fields.items()}
        if any(c is _CANNOT for c in chars.values()):
            continue  # the option cannot carry every substitution: no bound from it
        rank = _rank_under(fill(chars, most=True), option, bits)
        if rank is None:
            continue  # the literal text is what this option cannot carry
        carrying.append(option)
        bound = rank if bound is None or rank < bound else bound
    assert bound is not None  # UCS-2 carries every substitution
    # Witnesses: one character costliest under every option at once, if there is one;
    # else per carrying option its costliest characters, choosing among equally
    # costly ones the character that costs the most elsewhere (it shuts the most
    # other options out).
    dominant = {name: _dominant(spec, pairs) for name, spec in fields.items()}
    worst = None
    if all(c is not _CANNOT for c in dominant.values()):
        worst = ranked(fill(dominant, most=True))
    if worst is None or worst.rank() != bound:
        scores = {name: _scores(spec, pairs) for name, spec in fields.items()}
        for option in carrying:
            chars = {name: _costliest(spec, option, scores[name]) for name, spec in fields.items()}
            candidate = ranked(fill(chars, most=True))
            if worst is None or candidate.rank() > worst.rank():
                worst = candidate
    assert worst is not None
    if worst.rank() != bound:
        raise ValueError(
            "no witness reaches the upper bound on the worst case under these tables "
            "(characters costly in different tables could combine), so it cannot be "
            "proved; narrow an alphabet or the language_code"
        )
    return TemplateBounds(best=best, worst=worst)


_CANNOT = "\x00cannot"
"""Stands for "this option cannot carry the field at all" (never a real character)."""


def _classes(spec: Field, option: tuple[int, int] | None) -> list[list[str]]:
    """The field's candidates by cost under ``option`` (None: UCS-2), cheapest first:
    [1 unit, 2 units, cannot carry]."""
    candidates = spec.candidates()
    if option is None:
        return [
            [c for c in candidates if ord(c) <= 0xFFFF],
            [c for c in candidates if ord(c) > 0xFFFF],
            [],
        ]
    locking = LOCKING_TABLES[option[0]].chars
    shifted = SINGLE_SHIFT_TABLES[option[1]].chars - locking
    out: list[list[str]] = [[], [], []]
    for c in candidates:
        out[0 if c in locking else 1 if c in shifted else 2].append(c)
    return out


def _first(chars: list[str]) -> str:
    return min(chars, key=lambda c: (c not in _PREFERRED, _PREFERRED.find(c), c))


def _cheapest(spec: Field, option: tuple[int, int] | None) -> str | None:
    """The field's cheapest character under ``option`` (None for an empty value), or
    ``_CANNOT`` when the option can carry none and the value cannot be empty."""
    if spec.min_length == 0:
        return None
    one, two, _ = _classes(spec, option)
    return _first(one) if one else _first(two) if two else _CANNOT


def _costliest(
    spec: Field, option: tuple[int, int] | None, scores: Mapping[str, int] | None = None
) -> str | None:
    """The field's costliest character under ``option``, or ``_CANNOT`` when the option
    cannot carry some character of it (None: the value is always empty); among equally
    costly ones the highest of ``scores``, then the first in the preferred order."""
    if spec.max_length == 0:
        return None
    one, two, cannot = _classes(spec, option)
    if cannot:
        return _CANNOT
    chars = two or one
    if not chars:
        return None
    if scores is not None:
        top = max(scores[c] for c in chars)
        chars = [c for c in chars if scores[c] == top]
    return _first(chars)


def _scores(spec: Field, pairs: list[tuple[int, int]]) -> dict[str, int]:
    """Each candidate's cost summed over every option: how much it shuts out."""
    return {c: sum(_costs(c, pairs)) for c in spec.candidates()}


def _rank_under(text: str, option: tuple[int, int] | None, bits: ReferenceBits) -> Rank | None:
    """The rank ``text`` would have sent under ``option`` alone, or None if it cannot."""
    if option is None:
        ucs2 = layout("UCS2", 0, 0, bits)
        return rank_of(ucs2, utf16_part_units(text, ucs2))
    septets = to_septets(text, *option)
    if septets is None:
        return None
    gsm7 = layout("GSM7", *option, bits)
    return rank_of(gsm7, septet_part_units(septets, gsm7))
