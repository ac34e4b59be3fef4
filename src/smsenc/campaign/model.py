"""A template as walks for :mod:`smsenc.campaign.search`: what each piece is sent as.

The search needs the text as sent cut into pieces whose items are known alone: the
literal runs between placeholders, and each character of a value.  This module says
what those pieces become under transliteration and grapheme clusters, and when that
can be worked out piece by piece.  Where it can, the walks are exact; where it cannot,
the ceiling walk over-approximates every piece and the floor walk under-approximates
it, and the walks of real choices (for witnesses) stay as written.

**Transliteration, piece by piece.**  A :class:`~smsenc.Transliterator` runs stages on
the whole text: stream-safe decomposition of long runs of marks (UAX #15 §13), NFC,
(``NON_UNICODE``) keeping covered letters under marks, replacement rounds each
followed by NFC, and (``NON_UNICODE``) a per-character fallback.  Call a character
*inert* when its canonical decomposition starts with a starter (combining class 0)
that never composes with a character before it (no canonical pair has it second:
Hangul medial and final jamo do, and a few vowel signs), and it is neither in the
transliterator's mark ranges nor a letter decomposing to marks.  Each stage splits
before a piece that starts inert: NFC composes a character only with the last starter
before it and reorders only runs of marks, both stopping at such a starter; the
stream-safe and mark-cluster patterns match runs that cannot start with it;
replacement and fallback are per character.  And each stage keeps a piece starting
inert: NFC and the decompositions keep its first starter; a covered letter kept under
marks shares it; a replacement is made of GSM 7-bit characters, each inert
(:func:`check_transliterator` requires the first, a test checks the second).  A
replacement by nothing removes its character, which leaves the piece starting at the
next one: a one-character piece vanishes whole, but a literal after a placeholder must
start *hard* (its first character, or the first after characters so removed that
compose with nothing, is never removed nor shares its first starter with one that is).
So when every character a field may hold is inert and every literal after a placeholder
starts hard, the text as sent is the concatenation of its literal runs and value
characters each transliterated alone.  A text all ASCII takes a faster path through
the replacements, the same when no replacement of an ASCII character is replaced again
(:func:`check_transliterator`).  Rounds run until one changes nothing, and each works
piece by piece (a test checks a text split before a hard character against its pieces,
in every mode).

**Otherwise, a charging argument.**  Marks (or other characters composing backward)
can merge with what comes before: ``e`` then U+0301 is ``é``.  The text still splits
before every hard character into *segments*.  Within a segment, every character of the
output comes from one character after the first NFC (a composite, an original
character, a leftover mark, or a CGJ the stream-safe step put before the 31st mark of a
run) and is charged to one code point of the segment's canonical decomposition: a
composite, and a covered letter kept for it, to its first starter; a leftover mark to
itself; a CGJ to the mark after it.  Later a replacement's last letter may compose with
a leftover mark: that composite is charged to the mark, and the replacement loses its
last letter.  So the output is the concatenation, in order, of *blocks*, each possibly
cut short or empty: for a starter ``d``, what a character NFC can build on ``d``
becomes alone (for a starter composing backward, also a composite holding it); for a
mark ``m``, what ``m`` or a composite holding it becomes alone, after a CGJ.  A
character's own later starters (a Hangul syllable's vowel and final) always compose
back with its first, adding nothing.  The marks of one run may come out in any order
(canonical reordering), so every mark position chooses from one set, the undominated
blocks of all the marks: whatever block lands at a position of the run is dominated by
a member of that set.  CGJs come only into runs of more than 30 marks, so they are
charged only when the template can hold that many where merges happen.  Each block
being dominated by a choice, and items only inserted or grown, the concatenation in
the original order dominates the output (:mod:`smsenc.campaign.search`'s lemma).
Only the code points that something merging may follow get these choices; and the
floor keeps what a character becomes alone only where nothing can touch it
(:meth:`Sender.stable`), counting every other merging code point as nothing.

**Grapheme clusters.**  With ``keep_graphemes`` an item is a whole cluster.  When
every pair of characters that can meet where two pieces join is a break in any
context (UAX #29: not a mark, joiner, prepended or regional indicator pair, and split
by ``\\X`` when alone), each piece's clusters are its own: the rules that look further
back start only at such characters.  A CR at the end of a piece before an LF starting
the next is the one join handled otherwise: the ceiling charges the pair's two units
to the CR as one item, which dominates the pair, and keeps the LF.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from itertools import product
from typing import Any, NamedTuple

# Internal imports, all in this block: the GSM tables, the cluster finder, and the
# transliterator's own definitions of the marks it clusters and of the letters whose
# canonical decomposition is all marks.
from ..arguments import check_int, type_error
from ..engine.graphemes import clusters
from ..engine.transliteration import _MARKS, _NON_STARTER_LETTERS, Transliterator, fallback
from ..gsm.charsets import DEFAULT_ALPHABET, DEFAULT_EXTENSION, LOCKING_TABLES, SINGLE_SHIFT_TABLES
from .search import Option, Profile, Step, maximal

NAMED_ALPHABETS = ("digits", "gsm-basic", "gsm", "ucs2", "any")
"""The alphabets a :class:`Field` names; any other string lists the allowed characters."""

SURROGATE = re.compile("[\ud800-\udfff]")


def _check_field(max_length: object, min_length: object, alphabet: object) -> None:
    most = check_int("max_length", max_length, 0)
    least = check_int("min_length", min_length, 0)
    if least > most:
        raise ValueError(f"min_length ({least}) must not exceed max_length ({most})")
    if not isinstance(alphabet, str):
        raise TypeError(
            f"{type_error('alphabet', alphabet, 'a str')}: accepted: "
            f"{', '.join(NAMED_ALPHABETS)}, or the allowed characters themselves"
        )
    if alphabet not in NAMED_ALPHABETS:
        if not alphabet and least > 0:
            raise ValueError(f"alphabet is empty, so no value can have min_length {least}")
        if SURROGATE.search(alphabet):
            raise ValueError("alphabet must not hold surrogate code points (U+D800-U+DFFF)")


class _FieldValues(NamedTuple):
    max_length: int
    min_length: int = 0
    alphabet: str = "gsm"


class Field(_FieldValues):
    """What a placeholder's value may be.

    ``min_length`` to ``max_length`` characters (code points) drawn from
    ``alphabet``.

    ``alphabet`` is ``"digits"`` (ASCII 0-9), ``"gsm-basic"`` (the GSM default
    alphabet, TS 23.038 §6.2.1), ``"gsm"`` (with the extension table's characters,
    §6.2.1.1, which cost two septets), ``"ucs2"`` (any character of the Basic
    Multilingual Plane), ``"any"`` (characters above U+FFFF too), or any other string,
    which lists the allowed characters.  Surrogate code points are never allowed:
    they are not characters, and one written beside another could pair with it.

    A ``Field`` is an immutable named tuple (equal, hashable, printable as such): the
    fields live in a plain ``NamedTuple`` base, and this subclass's ``__new__`` checks
    them before building the tuple, so no ``Field`` can hold a bad value (``_make`` and
    ``_replace`` go through it too).  A wrong type is a TypeError, a wrong value a
    ValueError, each naming the parameter.
    """

    __slots__ = ()

    def __new__(cls, max_length: int, min_length: int = 0, alphabet: str = "gsm") -> Field:
        _check_field(max_length, min_length, alphabet)
        return super().__new__(cls, max_length, min_length, alphabet)

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Field:  # type: ignore[override]
        # NamedTuple's own _make builds the tuple directly, skipping the checks.
        return cls(*iterable)

    def _replace(self, **changes: Any) -> Field:
        return Field(**{**self._asdict(), **changes})

    def to_dict(self) -> dict[str, Any]:
        """The field as JSON-ready data, keys named as the attributes."""
        return {
            "max_length": self.max_length,
            "min_length": self.min_length,
            "alphabet": self.alphabet,
        }

    def candidates(self) -> str:
        """Characters standing for the whole alphabet when the text is sent as written.

        Every character of a named alphabet that some TS 23.038 table holds, plus one
        outside every table (each such character costs the same under every option:
        nothing in GSM 7-bit, one UTF-16 unit in the BMP, two above it)."""
        return representatives(self.alphabet)


GSM = DEFAULT_ALPHABET.chars | DEFAULT_EXTENSION.chars
CGJ = "\u034f"
"""COMBINING GRAPHEME JOINER, which the stream-safe step inserts (UAX #15 §13)."""
_PREFERRED = "a0€ж😀"
"""Witness characters a reader recognises, tried first among equally costly ones."""
_OUTSIDE_BMP = "😀"  # in no TS 23.038 table, two UTF-16 code units
_OUTSIDE_TABLES = "ж"  # in no TS 23.038 table, one UTF-16 code unit
_LAST_DECOMPOSABLE = 0x2FA1D
"""The highest code point with a canonical decomposition (a test checks unicodedata)."""


Piece = str | tuple[str]


class Walk(NamedTuple):
    """Steps for the search, and what each choice of each step writes into the template."""

    steps: list[Step]
    texts: list[tuple[str, ...]]


class Model(NamedTuple):
    """The template under every option.

    ``ceiling`` bounds every substitution from above and ``floor`` from below; the
    witness walks hold real choices, each a character sent as it is sent alone.
    ``clusters_exact`` is False when grapheme clusters can join pieces in ways the walks
    do not follow: their items are then code points, and the caller bounds clusters
    from them."""

    ceiling: Walk
    worst_witness: Walk
    floor: Walk
    best_witness: Walk
    clusters_exact: bool = True


# --- Unicode facts -------------------------------------------------------------------


class _Unicode(NamedTuple):
    """What the bounds need of the Unicode character database, read off it once."""

    starts: Mapping[str, tuple[str, ...]]
    """Code point -> the composed characters NFC can output whose canonical
    decomposition starts with it."""
    within: Mapping[str, tuple[str, ...]]
    """Code point -> the composed characters NFC can output whose canonical
    decomposition holds it after the first."""
    backward: frozenset[str]
    """Code points that compose with the one before them (second of a canonical pair)."""
    marks: frozenset[str]
    """Code points of nonzero canonical combining class."""
    decomposable: frozenset[str]
    """Characters with a canonical decomposition (NFD changes them)."""
    gsm_seconds: frozenset[str]
    """What a GSM character can compose with when it comes first (NFC)."""


@cache
def _unicode() -> _Unicode:
    """About half a second, once, and only for a template whose bounds need it."""
    starts: dict[str, list[str]] = {}
    within: dict[str, list[str]] = {}
    backward = set()
    decomposable = set()
    gsm_seconds = set()
    for code in range(_LAST_DECOMPOSABLE + 1):
        char = chr(code)
        raw = unicodedata.decomposition(char)
        if (raw and not raw.startswith("<")) or 0xAC00 <= code <= 0xD7A3:
            decomposable.add(char)
            parts = raw.split()
            if len(parts) == 2:
                backward.add(chr(int(parts[1], 16)))
                if chr(int(parts[0], 16)) in GSM:
                    gsm_seconds.add(chr(int(parts[1], 16)))
            if unicodedata.normalize("NFC", char) != char:
                continue  # NFC never outputs it (an exclusion or a singleton)
            nfd = unicodedata.normalize("NFD", char)
            starts.setdefault(nfd[0], []).append(char)
            for part in nfd[1:]:
                within.setdefault(part, []).append(char)
    # Hangul syllables compose algorithmically: a leading consonant with a vowel, a
    # syllable with a trailing consonant (The Unicode Standard §3.12).
    backward.update(map(chr, range(0x1161, 0x1176)), map(chr, range(0x11A8, 0x11C3)))
    marks = frozenset(
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.combining(chr(code))
    )
    return _Unicode(
        {k: tuple(v) for k, v in starts.items()},
        {k: tuple(v) for k, v in within.items()},
        frozenset(backward),
        marks,
        frozenset(decomposable),
        frozenset(gsm_seconds),
    )


@cache
def mark_ranges() -> frozenset[str]:
    """The characters of the transliterator's mark ranges (a regex class ``a-bc-d...``)."""
    bounds = _MARKS.replace("-", "")
    out: set[str] = set()
    for start, end in zip(bounds[0::2], bounds[1::2], strict=True):
        out.update(map(chr, range(ord(start), ord(end) + 1)))
    return frozenset(out)


def _nfd(char: str) -> str:
    return unicodedata.normalize("NFD", char)


def inert(char: str) -> bool:
    """Whether a piece starting with ``char`` keeps to itself through every stage of a
    transliteration (module docstring)."""
    lead = _nfd(char)[0]
    return (
        unicodedata.combining(lead) == 0
        and lead not in _unicode().backward
        and char not in mark_ranges()
        and lead not in mark_ranges()
        and char not in _NON_STARTER_LETTERS
    )


# --- the text as sent ------------------------------------------------------------------


def check_transliterator(transliterator: Transliterator) -> None:
    """Raise ValueError when the tables break what the bounds rely on (module
    docstring); the modes' own tables never do, a caller's overrides might."""
    table = transliterator.table
    for code, replacement in table.items():
        if any(char not in GSM for char in replacement):
            raise ValueError(
                f"transliteration replaces {chr(code)!r} with {replacement!r}, which is not "
                "all GSM 7-bit characters: template_bounds can bound only replacements "
                "made of GSM characters"
            )
        if replacement == "" and (chr(code) in GSM or _nfd(chr(code)) != chr(code)):
            raise ValueError(
                f"transliteration removes {chr(code)!r}, a GSM or composed character: "
                "template_bounds cannot bound that"
            )
        if code < 128 and any(ord(char) in table for char in replacement):
            raise ValueError(
                f"transliteration replaces {chr(code)!r} with {replacement!r}, which it "
                "replaces again: template_bounds cannot bound that"
            )


class Sender:
    """What text becomes when sent under one transliterator (or none), piece by piece."""

    def __init__(self, transliterator: Transliterator | None) -> None:
        self.transliterator = transliterator if transliterator else None
        self.removed: frozenset[str] = frozenset()
        if self.transliterator is not None:
            check_transliterator(self.transliterator)
            table = self.transliterator.table
            self.removed = frozenset(chr(code) for code, text in table.items() if text == "")
        self._removed_starts = {_nfd(char)[0] for char in self.removed}
        self._sent: dict[str, str] = {}

    @property
    def opaque(self) -> bool:
        """Whether characters no table holds are replaced one by one too (NON_UNICODE's
        fallback), so that each must be read."""
        return self.transliterator is not None and "NON_UNICODE" in self.transliterator.modes

    def __call__(self, text: str) -> str:
        if self.transliterator is None:
            return text
        sent = self._sent.get(text)
        if sent is None:
            sent = self._sent[text] = self.transliterator(text)
        return sent

    def hard(self, char: str) -> bool:
        """Inert and never removed by a replacement (nor sharing a removed character's
        first starter): a piece starting with it keeps its first character."""
        if self.transliterator is None:
            return True
        return inert(char) and _nfd(char)[0] not in self._removed_starts

    def starts_hard(self, text: str) -> bool:
        """Whether a piece of text keeps to itself when something comes before it: its
        first character is hard, or it starts with characters a replacement removes
        (which compose with nothing) and then a hard one, or it is all such."""
        for char in text:
            if self.hard(char):
                return True
            if char not in self.removed or not inert(char) or char in _unicode().starts:
                return False
        return True

    def soft(self, char: str) -> bool:
        """Whether the character may merge with what comes before it when sent."""
        return self.transliterator is not None and not inert(char)

    def stable(self, char: str) -> bool:
        """Whether a character's block is always what it becomes alone: it is hard, its
        own NFC, nothing composes with it, and no table replaces it."""
        return (
            self.hard(char)
            and _nfd(char) == char
            and char not in _unicode().starts
            and (self.transliterator is None or ord(char) not in self.transliterator.table)
        )

    def key(self) -> tuple[str, ...] | None:
        """What identifies this transliterator for the shared caches (None: no caching,
        a caller's own replacements)."""
        if self.transliterator is None:
            return ()
        return None if self.transliterator.overrides else self.transliterator.modes


def representatives(alphabet: str) -> str:
    """Characters standing for a field's alphabet when sent as written: every character
    some TS 23.038 table holds, plus one outside every table (each such character costs
    the same under every option: nothing in GSM 7-bit, one UTF-16 unit in the BMP, two
    above it)."""
    if alphabet == "digits":
        return "0123456789"
    gsm_basic = "".join(c for c in DEFAULT_ALPHABET.characters if c is not None)
    gsm = gsm_basic + "".join(
        c for c in DEFAULT_EXTENSION.characters if c is not None and c not in gsm_basic
    )
    if alphabet == "gsm-basic":
        return gsm_basic
    if alphabet == "gsm":
        return gsm
    if alphabet in ("ucs2", "any"):
        tables = (*LOCKING_TABLES.values(), *SINGLE_SHIFT_TABLES.values())
        national = sorted({c for t in tables for c in t.chars} - set(gsm))
        outside = _OUTSIDE_TABLES + (_OUTSIDE_BMP if alphabet == "any" else "")
        return gsm + "".join(national) + outside
    return "".join(dict.fromkeys(alphabet))


def _transliterated_representatives(alphabet: str, sender: Sender) -> list[str]:
    """Characters standing for ``"ucs2"`` or ``"any"`` under a transliteration.

    Call a character *plain* when no table replaces it, it is neither GSM nor in a
    national table, not ASCII, has no canonical decomposition, starts none and takes
    part in none, and is no mark (nor in the transliterator's mark ranges): then every
    stage but the last leaves it alone (NFC, the stream-safe step and the mark
    clusters touch none of that), so it is sent as itself, or, with ``NON_UNICODE``,
    as its fallback.  Without ``NON_UNICODE`` one plain character stands for all in
    the BMP and one above it (each costs the same: nothing in GSM 7-bit, one or two
    UTF-16 units); with it, one per distinct fallback (read once per alphabet and
    tables, :func:`_fallback_groups`).  Every other character is listed one by one."""
    assert sender.transliterator is not None
    top = 0xFFFF if alphabet == "ucs2" else 0x10FFFF
    named = _named(alphabet, frozenset(sender.transliterator.table))
    chosen = [chr(code) for code in named if code <= top]
    if sender.opaque:
        keys = frozenset(sender.transliterator.table)
        return chosen + list(_fallback_groups(alphabet, keys))
    for code in [0x4E2D] + ([0x1F600] if alphabet == "any" else []):  # 中, 😀
        while code in named:  # not expected: these are plain characters
            code += 1
        chosen.append(chr(code))
    return chosen


@lru_cache(maxsize=16)
def _named(alphabet: str, keys: frozenset[int]) -> tuple[int, ...]:
    """The code points of an alphabet that are not plain (see above), in order."""
    unicode = _unicode()
    named = {ord(c) for c in representatives(alphabet)} | set(keys) | set(range(128))
    for mapping in (unicode.starts, unicode.within):
        for key, chars in mapping.items():
            named.add(ord(key))
            named.update(map(ord, chars))
    named.update(map(ord, unicode.backward | unicode.marks | unicode.decomposable))
    named.update(map(ord, mark_ranges()))
    named.update(map(ord, _NON_STARTER_LETTERS))
    named.update(map(ord, GSM))
    return tuple(sorted(code for code in named if not 0xD800 <= code <= 0xDFFF))


@lru_cache(maxsize=8)
def _fallback_groups(alphabet: str, keys: frozenset[int]) -> dict[str, str]:
    """One plain character per distinct ``NON_UNICODE`` fallback (the lowest code
    point, or a preferred one), keyed by it: a second for the BMP, some more above."""
    named = set(_named(alphabet, keys))
    top = 0xFFFF if alphabet == "ucs2" else 0x10FFFF
    found: dict[str, str] = {}
    for code in range(128, top + 1):
        if code in named or 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        sent = fallback.__wrapped__(char)  # the function behind its small cache
        if sent not in found or char in _PREFERRED:
            found[sent] = char
    return {char: sent for sent, char in found.items()}


def alphabet_characters(alphabet: str, sender: Sender) -> Iterable[str]:
    """The characters that stand for an alphabet under one transliteration (or none)."""
    if alphabet not in ("ucs2", "any") or sender.transliterator is None:
        return representatives(alphabet)
    return _transliterated_representatives(alphabet, sender)


def first(chars: Iterable[str]) -> str:
    """The most readable of equally costly characters: the preferred ones, else the lowest."""
    return min(chars, key=lambda c: (c not in _PREFERRED, _PREFERRED.find(c), c))


# --- items -------------------------------------------------------------------------------


def _concat(parts: Sequence[Profile]) -> Profile:
    """Profiles one after the other, under each option (dead if any part is)."""
    out: list[tuple[int, ...] | None] = []
    for per_option in zip(*parts, strict=True):
        if any(items is None for items in per_option):
            out.append(None)
        else:
            out.append(tuple(item for items in per_option if items is not None for item in items))
    return tuple(out)


def _bounding(profiles: Sequence[Profile], opts: Sequence[Option]) -> Profile:
    """One profile dominating all of ``profiles``, in whatever order they come: under
    each option, as many items as the longest has, each as large as the largest (every
    profile grows into it item by item, then gains items)."""
    out: list[tuple[int, ...] | None] = []
    for index in range(len(opts)):
        columns = [p[index] for p in profiles]
        if any(items is None for items in columns):
            out.append(None)
            continue
        count = max((len(items) for items in columns if items is not None), default=0)
        size = max((max(items, default=0) for items in columns if items is not None), default=0)
        out.append((size,) * count)
    return tuple(out)


class _Builder:
    """Profiles of the pieces of one template under one request, remembered."""

    def __init__(self, opts: Sequence[Option], sender: Sender, grapheme_clusters: bool) -> None:
        self.opts = opts
        self.sender = sender
        self.grapheme_clusters = grapheme_clusters
        self._profiles: dict[tuple[str, bool], Profile] = {}
        self._starters: dict[str, list[Profile]] = {}

    def profile(self, sent: str, relax_cr: bool = False) -> Profile:
        """The items of text already sent, under every option; with ``relax_cr``, a CR
        ending it is charged as CR LF, one item (module docstring)."""
        found = self._profiles.get((sent, relax_cr))
        if found is None:
            atoms = clusters(sent) if self.grapheme_clusters else list(sent)
            if relax_cr and atoms and atoms[-1] == "\r":
                atoms[-1] = "\r\n"
            found = tuple(option.items(atoms) for option in self.opts)
            self._profiles[sent, relax_cr] = found
        return found

    def sent_profile(self, text: str, relax_cr: bool = False) -> Profile:
        return self.profile(self.sender(text), relax_cr)

    def starter(self, lead: str, unicode: _Unicode) -> list[Profile]:
        """The undominated profiles of what a starter's block can be: what it, or any
        character NFC builds on it, becomes alone (and, for a starter composing
        backward, any character holding it)."""
        found = self._starters.get(lead)
        if found is None:
            alone = {lead, *unicode.starts.get(lead, ())}
            if lead in unicode.backward:
                alone.update(unicode.within.get(lead, ()))
            profiles = list({self.sent_profile(y) for y in alone})
            found = self._starters[lead] = [profiles[i] for i in maximal(profiles, self.opts)]
        return found


class _Sets(NamedTuple):
    """A field's choices: every distinct character as sent alone (with a readable one for
    each), and, where merges can happen, the bounds from above and below."""

    every: tuple[list[Profile], list[str]]
    top: tuple[list[Profile], list[str]]
    ceiling: tuple[list[Profile], list[str]]
    floor: tuple[list[Profile], list[str]]


def _sets(
    chars: Iterable[str], builder: _Builder, joining: bool, relax_cr: bool, marks: Sequence[Profile]
) -> _Sets:
    """One pass over a field's characters (possibly every code point)."""
    opts = builder.opts
    by_profile: dict[Profile, list[str]] = {}
    bounded: dict[Profile, str] = {}
    floors: dict[Profile, str] = {}
    unicode = _unicode() if joining else None
    for char in chars:
        sent = builder.sender(char)
        alone = builder.profile(sent, relax_cr and sent.endswith("\r"))
        by_profile.setdefault(alone, []).append(char)
        if unicode is None:
            continue
        if _nfd(char) == char and char not in unicode.starts and char not in unicode.backward:
            if unicodedata.combining(char):
                for profile in marks:
                    bounded.setdefault(profile, char)
            else:
                bounded.setdefault(alone, char)
        else:
            for profile in _blocks(char, builder, unicode, marks):
                bounded.setdefault(profile, char)
        floors.setdefault(_floor(char, builder, alone), char)
    every = (list(by_profile), [first(chars) for chars in by_profile.values()])
    top = _top(every, opts)
    if unicode is None:
        return _Sets(every, top, top, every)
    ceiling = _top((list(bounded), list(bounded.values())), opts)
    return _Sets(every, top, ceiling, (list(floors), list(floors.values())))


_SHARED: dict[tuple[object, ...], _Sets] = {}
"""Sets of the big named alphabets, kept for the next call under the same request (at
most ``_SHARED_SIZE``): reading every code point takes seconds."""
_SHARED_SIZE = 8


def _field_sets(
    alphabet: str, builder: _Builder, joining: bool, relax_cr: bool, marks: Sequence[Profile]
) -> _Sets:
    key = builder.sender.key()
    big = alphabet in ("ucs2", "any") and key is not None
    shared = (
        alphabet,
        key,
        tuple(builder.opts),
        builder.grapheme_clusters,
        joining,
        relax_cr,
        tuple(marks),
    )
    if big and shared in _SHARED:
        return _SHARED[shared]
    found = _sets(alphabet_characters(alphabet, builder.sender), builder, joining, relax_cr, marks)
    if big:
        if len(_SHARED) >= _SHARED_SIZE:
            _SHARED.pop(next(iter(_SHARED)))
        _SHARED[shared] = found
    return found


def _top(
    choices: tuple[list[Profile], list[str]], opts: Sequence[Option]
) -> tuple[list[Profile], list[str]]:
    profiles, chars = choices
    kept = maximal(profiles, opts)
    return [profiles[i] for i in kept], [chars[i] for i in kept]


# --- the walks -------------------------------------------------------------------------


def build(
    pieces: list[Piece],
    fields: Mapping[str, Field],
    opts: Sequence[Option],
    transliterator: Transliterator | None,
    keep_graphemes: bool,
) -> Model:
    """The walks of a template under one request (see :class:`Model`)."""
    sender = Sender(transliterator)
    literals = {i: p for i, p in enumerate(pieces) if isinstance(p, str)}
    joining = sender.transliterator is not None and (
        any(_soft_field(spec, sender) for spec in fields.values())
        or any(not sender.starts_hard(text) for i, text in literals.items() if i > 0)
    )
    if joining:
        return _joining(pieces, fields, _Builder(opts, sender, False), not keep_graphemes)
    if keep_graphemes:
        model = _clustered(pieces, fields, opts, sender)
        if model is not None:
            return model
    return _local(pieces, fields, _Builder(opts, sender, False), not keep_graphemes)


def _soft_field(spec: Field, sender: Sender) -> bool:
    """Whether a value of the field may hold a character merging with what comes before."""
    if spec.max_length == 0:
        return False
    if spec.alphabet in ("ucs2", "any"):
        return sender.transliterator is not None
    return any(sender.soft(c) for c in representatives(spec.alphabet))


def _walk(
    pieces: list[Piece],
    fields: Mapping[str, Field],
    literal: Mapping[int, list[tuple[tuple[Profile, ...], str]]],
    slots: Mapping[str, tuple[list[Profile], list[str]]],
    longest: bool,
) -> Walk:
    """Steps for the pieces: each literal as the steps given for it (by index), each
    placeholder as one step per character at its maximum or minimum length."""
    steps: list[Step] = []
    texts: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            for choices, text in literal[index]:
                steps.append(Step(choices))
                texts.append((text,) * len(choices))
            continue
        name = piece[0]
        occurrence = seen[name] = seen.get(name, -1) + 1
        spec = fields[name]
        profiles, chars = slots[name]
        length = spec.max_length if longest else spec.min_length
        if not profiles:
            length = 0  # an empty alphabet: the value is always empty
        for _ in range(length):
            steps.append(Step(tuple(profiles), (name, occurrence)))
            texts.append(tuple(chars))
    return Walk(steps, texts)


def _literal_steps(
    pieces: list[Piece], profile: Callable[[str], Profile]
) -> dict[int, list[tuple[tuple[Profile, ...], str]]]:
    return {
        index: [((profile(piece),), piece)]
        for index, piece in enumerate(pieces)
        if isinstance(piece, str)
    }


def _local(
    pieces: list[Piece], fields: Mapping[str, Field], builder: _Builder, clusters_exact: bool
) -> Model:
    """Every piece sent alone: exact (module docstring)."""
    none = [((),) * len(builder.opts)]
    sets = {
        name: _field_sets(spec.alphabet, builder, False, False, none)
        for name, spec in fields.items()
    }
    literal = _literal_steps(pieces, builder.sent_profile)
    ceiling = _walk(pieces, fields, literal, {n: s.top for n, s in sets.items()}, longest=True)
    floor = _walk(pieces, fields, literal, {n: s.every for n, s in sets.items()}, longest=False)
    return Model(ceiling, ceiling, floor, floor, clusters_exact)


def _clustered(
    pieces: list[Piece], fields: Mapping[str, Field], opts: Sequence[Option], sender: Sender
) -> Model | None:
    """Every piece cut into its own grapheme clusters, when no join can merge two
    (module docstring); None when one can."""
    if any(spec.alphabet in ("ucs2", "any") for spec in fields.values()):
        return None  # marks, joiners and regional indicators: clusters can join
    sent = [sender(p) for p in pieces if isinstance(p, str)]
    sent += [sender(c) for spec in fields.values() for c in representatives(spec.alphabet)]
    sent = [text for text in sent if text]
    crlf = False
    for x, y in product({text[-1] for text in sent}, {text[0] for text in sent}):
        if (x, y) == ("\r", "\n"):
            crlf = True
        elif not _always_breaks(x, y):
            return None
    builder = _Builder(opts, sender, True)
    none = [((),) * len(opts)]
    exact = {n: _field_sets(s.alphabet, builder, False, False, none) for n, s in fields.items()}
    literal = _literal_steps(pieces, builder.sent_profile)
    floor = _walk(pieces, fields, literal, {n: s.every for n, s in exact.items()}, longest=False)
    witness = _walk(pieces, fields, literal, {n: s.top for n, s in exact.items()}, longest=True)
    if not crlf:
        return Model(witness, witness, floor, floor)
    relaxed = {n: _field_sets(s.alphabet, builder, False, True, none) for n, s in fields.items()}
    literal_cr = _literal_steps(pieces, lambda text: builder.sent_profile(text, True))
    ceiling = _walk(pieces, fields, literal_cr, {n: s.top for n, s in relaxed.items()}, True)
    return Model(ceiling, witness, floor, floor)


@lru_cache(maxsize=4096)
def _always_breaks(x: str, y: str) -> bool:
    """Whether a grapheme cluster boundary falls between ``x`` and ``y`` whatever comes
    before (UAX #29): the pair splits alone, and the rules that look further back
    (emoji after a joiner, Indic conjuncts after a linker, regional indicator pairs)
    cannot apply, since ``x`` is no extending character and not both are indicators."""
    import regex

    if regex.match(r"[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}]", x):
        return False
    indicator = r"\p{Grapheme_Cluster_Break=Regional_Indicator}"
    if regex.match(indicator, x) and regex.match(indicator, y):
        return False
    return len(clusters(x + y)) == 2


def _joining(
    pieces: list[Piece], fields: Mapping[str, Field], builder: _Builder, clusters_exact: bool
) -> Model:
    """Characters that may merge with what comes before: the ceiling charges each code
    point that can merge its block's bound, the floor only what no merge can touch
    (module docstring); the rest is sent as it is alone."""
    opts, sender = builder.opts, builder.sender
    unicode = _unicode()
    soft_field = {name: _soft_field(spec, sender) for name, spec in fields.items()}

    def soft_after(index: int) -> bool:
        """Whether what follows piece ``index`` can start with a character merging back."""
        for piece in pieces[index + 1 :]:
            if isinstance(piece, str):
                return not sender.starts_hard(piece)
            if soft_field[piece[0]]:
                return True
            if fields[piece[0]].min_length > 0:
                return False
        return False

    # Each literal splits at its hard characters: what comes before the first (a soft
    # start, part of the segment before it), a core sent as it is, and a tail from the
    # last hard character on (which what follows may join).  Soft starts, and tails
    # that something soft may follow, get a step per code point.
    splits: dict[int, tuple[str, str, str]] = {}
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            hard_at = [i for i, char in enumerate(piece) if sender.hard(char)]
            start = hard_at[0] if hard_at else len(piece)
            end = (hard_at[-1] if hard_at else len(piece)) if soft_after(index) else len(piece)
            splits[index] = (piece[:start], piece[start:end], piece[end:])
    merging = {
        name
        for index, piece in enumerate(pieces)
        if isinstance(piece, tuple) and (soft_field[name := piece[0]] or soft_after(index))
    }
    loose = "".join(lead + tail for lead, _, tail in splits.values())
    sources = [*loose, *(c for n in merging for c in _mark_sources(fields[n].alphabet))]
    # A composite formed in a later round needs a replacement's last letter (GSM) to
    # meet a leftover mark.  Under NON_UNICODE, the marks right after a covered letter
    # go before the rounds when all are in the mark ranges, and no GSM letter composes
    # with anything outside them; so only a mark outside them, or a removed character
    # coming out from between, could bring that about.
    merging_marks = {p for c in sources for p in _nfd(c) if unicodedata.combining(p)}
    late = not (
        sender.opaque
        and unicode.gsm_seconds <= mark_ranges()
        and merging_marks <= mark_ranges()
        and not any(
            spec.alphabet in ("ucs2", "any") or set(spec.alphabet) & sender.removed
            for name, spec in fields.items()
            if name in merging
        )
        and not set(loose) & sender.removed
    )
    # The stream-safe step inserts a CGJ only into a run of more than 30 marks.
    most = sum(_most_marks(fields[n].alphabet) * fields[n].max_length for n in merging)
    most += sum(1 for char in loose for part in _nfd(char) if unicodedata.combining(part))
    marks = _marks_bound(sources, builder, unicode, most > _STREAM_SAFE_RUN, late)

    def bounds(char: str) -> tuple[Profile, ...]:
        profiles = _blocks(char, builder, unicode, marks)
        return tuple(profiles[i] for i in maximal(profiles, opts))

    ceiling_literal: dict[int, list[tuple[tuple[Profile, ...], str]]] = {}
    floor_literal: dict[int, list[tuple[tuple[Profile, ...], str]]] = {}
    for index, (lead, core, tail) in splits.items():
        ceiling_steps = [(bounds(char), char) for char in lead]
        floor_steps: list[tuple[tuple[Profile, ...], str]] = [
            ((_floor(char, builder),), char) for char in lead
        ]
        if core:
            sent = builder.sent_profile(core)
            ceiling_steps.append(((sent,), core))
            floor_steps.append(((sent,), core))
        ceiling_steps += [(bounds(char), char) for char in tail]
        floor_steps += [((_floor(char, builder),), char) for char in tail]
        ceiling_literal[index], floor_literal[index] = ceiling_steps, floor_steps
    sets = {
        name: _field_sets(spec.alphabet, builder, name in merging, False, marks)
        for name, spec in fields.items()
    }
    exact = _literal_steps(pieces, builder.sent_profile)
    high = {n: s.ceiling if n in merging else s.top for n, s in sets.items()}
    low = {n: s.floor if n in merging else s.every for n, s in sets.items()}
    ceiling = _walk(pieces, fields, ceiling_literal, high, True)
    floor = _walk(pieces, fields, floor_literal, low, False)
    worst_witness = _walk(pieces, fields, exact, {n: s.top for n, s in sets.items()}, True)
    best_witness = _walk(pieces, fields, exact, {n: s.every for n, s in sets.items()}, False)
    return Model(ceiling, worst_witness, floor, best_witness, clusters_exact)


_STREAM_SAFE_RUN = 30
"""UAX #15 §13: the stream-safe step breaks runs of more marks than this with a CGJ."""


def _most_marks(alphabet: str) -> int:
    """The most marks one character of the alphabet decomposes to."""
    return max(
        (sum(1 for p in _nfd(c) if unicodedata.combining(p)) for c in _mark_sources(alphabet)),
        default=0,
    )


def _mark_sources(alphabet: str) -> Sequence[str]:
    """Characters of an alphabet whose decomposition may hold marks: for the big named
    alphabets, every mark and every decomposable character (no need to read the rest)."""
    if alphabet in ("ucs2", "any"):
        unicode = _unicode()
        top = 0xFFFF if alphabet == "ucs2" else 0x10FFFF
        return [c for c in (*unicode.marks, *unicode.decomposable) if ord(c) <= top]
    return representatives(alphabet)


def _floor(char: str, builder: _Builder, alone: Profile | None = None) -> Profile:
    """A lower bound on what a code point adds where merges can happen: what it becomes
    alone (``alone`` when known) if nothing can touch that (:meth:`Sender.stable`), else
    nothing at all (a mark can vanish into a composite charged elsewhere, a letter can
    lose its last character to one)."""
    if builder.sender.stable(char):
        return builder.sent_profile(char) if alone is None else alone
    return ((),) * len(builder.opts)


def _marks_bound(
    chars: Iterable[str], builder: _Builder, unicode: _Unicode, joiner: bool, late: bool
) -> Sequence[Profile]:
    """The undominated profiles of what a mark's block can be, one set for every mark
    the characters hold: what the mark becomes alone, or (when ``late``, compositions
    in later rounds being possible) any composite holding it, after a CGJ when runs can
    be long enough for one.  The marks of a run may come out in any order, but each
    position choosing from the same set can match each block where it lands (module
    docstring)."""
    marks = {part for char in chars for part in _nfd(char) if unicodedata.combining(part)}
    if not marks:
        return [((),) * len(builder.opts)]
    before = [builder.sent_profile(CGJ)] if joiner else []
    blocks = {
        block for mark in marks for block in (mark, *(unicode.within.get(mark, ()) if late else ()))
    }
    profiles = list({_concat([*before, builder.sent_profile(block)]) for block in blocks})
    return [profiles[i] for i in maximal(profiles, builder.opts)]


def _blocks(
    char: str, builder: _Builder, unicode: _Unicode, marks: Sequence[Profile]
) -> list[Profile]:
    """Profiles bounding what a code point can add where merges can happen: per piece of
    its NFC, the block of the piece's first starter (what any character starting with
    it becomes alone, or, for a starter composing backward, any composite holding it),
    then a mark's block for each of its marks (module docstring).  A piece's later
    starters always compose back with its first (Hangul syllables), adding nothing."""
    parts: list[Sequence[Profile]] = []
    for piece in unicodedata.normalize("NFC", char):
        decomposed = _nfd(piece)
        lead = decomposed[0]
        parts.append(marks if unicodedata.combining(lead) else builder.starter(lead, unicode))
        parts.extend(marks for part in decomposed[1:] if unicodedata.combining(part))
    return list({_concat(combination) for combination in product(*parts)})
