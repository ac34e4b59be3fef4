"""Transliteration: replacing characters the GSM 7-bit alphabet lacks, so a text stays in 7 bits.

Modes carry Infobip's names.  A national mode applies its language tables from
``data/transliteration/``; ``ALL`` applies every language table plus the typography
table; ``NON_UNICODE`` applies the typography table and then replaces whatever is still
outside GSM 7-bit with unidecode's ASCII rendering, filtered to GSM, or with
``PLACEHOLDER`` when nothing fits.  Characters of the GSM default alphabet and its
extension table are never replaced by any mode.

Every mode puts the text in Unicode NFC, so that a decomposed ``e`` + U+0301 is the GSM
``é`` and canonically equivalent texts give the same result; under ``NON_UNICODE``,
whose fallback drops combining marks, a letter NFC would merge with marks into something
no table covers keeps instead the covered letter the most of those marks compose to:
``Å`` + U+0301 gives ``Å``, not the ``A`` that ``Ǻ`` would become.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from itertools import combinations
from types import MappingProxyType
from typing import NamedTuple

from ..arguments import check_iterable, check_str, type_error
from ..gsm.charsets import GSM_CHARACTERS
from ..gsm.septets import deletion

PLACEHOLDER = "?"
"""What ``NON_UNICODE`` sends for a character that has no GSM rendering (an emoji, say)."""

NATIONAL_MODES: dict[str, str] = {
    # mode -> table file in data/transliteration/; the order is ALL's priority order
    # where tables disagree (Russian before Serbian before Bulgarian Cyrillic).
    "TURKISH": "turkish",
    "GREEK": "greek",
    "CYRILLIC": "cyrillic",
    "SERBIAN_CYRILLIC": "serbian_cyrillic",
    "BULGARIAN_CYRILLIC": "bulgarian_cyrillic",
    "CENTRAL_EUROPEAN": "central_european",
    "BALTIC": "baltic",
    "PORTUGUESE": "portuguese",
    "COLOMBIAN": "colombian",
}
MODES: tuple[str, ...] = ("NONE", *NATIONAL_MODES, "NON_UNICODE", "ALL")

_MODE_TABLES: dict[str, tuple[str, ...]] = {
    "NONE": (),
    **{mode: (table,) for mode, table in NATIONAL_MODES.items()},
    "NON_UNICODE": ("typography",),
    "ALL": (*NATIONAL_MODES.values(), "typography"),
}
_GSM = deletion(0, 0)
_GSM_CHARACTERS = GSM_CHARACTERS
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"


@cache
def _marked() -> re.Pattern[str]:
    """Finds a character and the combining diacritical marks after it.

    These are the marks that compose with Latin, Greek and Cyrillic letters, the only
    letters GSM has.  Compiled on first need: segmentation imports this module for
    its types, and counting never uses the pattern."""
    return re.compile(f"[^{_MARKS}][{_MARKS}]+", re.DOTALL)


_MOST_MARKS = 4  # no GSM or table letter composes more marks than this
_MOST_ROUNDS = 32  # table + NFC rounds; stream-safe text settles well within this


_STREAM_SAFE_LIMIT = 30
"""UAX #15 §13 (Stream-Safe Text Format): no more than 30 non-starters in a row."""
_CGJ = "\u034f"
"""COMBINING GRAPHEME JOINER: a starter with no glyph, what UAX #15 §13 inserts."""
_NON_STARTER_LETTERS = "\u0f73\u0f75\u0f81"
"""The only characters of combining class 0 whose canonical decomposition is all
non-starters (TIBETAN VOWEL SIGN II, UU, REVERSED II: U+0F71 + U+0F72, ...); a test
checks the list against unicodedata."""
_MOST_DECOMPOSED = 2
"""Most non-starters one non-starter's canonical decomposition holds (U+0344, U+0F73)."""
_MOST_TRAILING = 3
"""Most non-starters a starter's canonical decomposition ends with (U+1F82: α + 3)."""


def _nfd(char: str) -> str:
    return unicodedata.normalize("NFD", char)


@cache
def _long_run() -> re.Pattern[str]:
    """Finds a run of non-starters long enough that its canonical decomposition might
    hold more than 30 (UAX #15 §13), with the character before it, if any.

    A non-starter here is a character whose canonical decomposition starts with one:
    those of nonzero combining class, and ``_NON_STARTER_LETTERS``.  Counting the worst
    case (``_MOST_DECOMPOSED`` per character, ``_MOST_TRAILING`` from the character
    before), a shorter run never needs a CGJ, so only these runs are worked on.  The
    combining classes are read off unicodedata once (every nonzero one lies below
    U+20000), ~10 ms."""
    ranges: list[list[int]] = []
    for code in range(0x300, 0x20000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    marks = "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in ranges)
    marks += _NON_STARTER_LETTERS
    shortest = (_STREAM_SAFE_LIMIT - _MOST_TRAILING) // _MOST_DECOMPOSED + 1
    return re.compile(f"[^{marks}]?[{marks}]{{{shortest},}}", re.DOTALL)


def _stream_safe(found: re.Match[str]) -> str:
    """The run's canonical decomposition, made stream-safe (UAX #15 §13).

    The decomposition is built the linear way: each character decomposed alone (the
    character before the run, if any, gives its starters and perhaps trailing
    non-starters; every character of the run gives only non-starters), then the
    non-starters put in canonical order (a stable sort by combining class, UAX #15
    §1.3), which is what NFD gives, without NFD's quadratic reordering.  Then, as UAX
    #15 §13 prescribes, a CGJ goes before the non-starter that would be the 31st in a
    row.  Working on the decomposition makes canonically equivalent texts (NFC, NFD or
    neither) give the same result."""
    decomposed = "".join(map(_nfd, found.group()))
    head = 0
    while not unicodedata.combining(decomposed[head]):  # the starters before the marks
        head += 1
    marks = "".join(sorted(decomposed[head:], key=unicodedata.combining))
    limit = _STREAM_SAFE_LIMIT
    chunks = [marks[start : start + limit] for start in range(0, len(marks), limit)]
    return decomposed[:head] + _CGJ.join(chunks)


def stream_safe(text: str) -> str:
    """``text`` with every long run of non-starters canonically decomposed and broken
    by a CGJ after each 30 (UAX #15 §13); the rest as it is.  Linear in the text, and
    it bounds what NFC must reorder afterwards, which is quadratic in a run's length."""
    return _long_run().sub(_stream_safe, text)


_ASCII_NOT_GSM = {
    0x60: "'",
    0x7F: None,
    **{code: None for code in range(32) if code not in (10, 12, 13)},
}


@lru_cache(maxsize=1 << 16)
def fallback(char: str) -> str:
    """NON_UNICODE's replacement for one character no table covers."""
    from unidecode import unidecode  # imported on first need: keeps `import smsenc` fast

    category = unicodedata.category(char)
    if category[0] == "M" or category == "Cf":
        return ""  # combining marks and invisible format characters carry no letter
    if category == "Cs":
        return PLACEHOLDER  # a lone surrogate stands for nothing unidecode could read
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1 and decomposed[0] in _GSM_CHARACTERS:
        # A GSM letter and marks that NFC put back together after _keep_gsm_letters
        # dropped what it could (a mark it does not know stood between): keep the
        # letter, as for any other marked GSM letter, not unidecode's ASCII for it
        # ("Ω" with a mark is "Ω", not "O").
        return decomposed[0]
    # unidecode's ASCII may hold "`" or control characters, which GSM lacks.
    ascii_text = unidecode(char).translate(_ASCII_NOT_GSM)
    return ascii_text or PLACEHOLDER


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _parse_modes(mode: str | Iterable[str] | None) -> tuple[str, ...]:
    if mode is None:
        return ()
    if isinstance(mode, str):
        names: Iterable[str] = (mode,)
    else:
        check_iterable("mode", mode, "a str, an iterable of str or None")
        names = mode
    modes: list[str] = []
    for name in names:
        if not isinstance(name, str):
            raise type_error("transliteration mode", name, "a str")
        key = name.strip().upper()
        if key not in _MODE_TABLES:
            raise ValueError(f"unknown transliteration mode {name!r}; accepted: {', '.join(MODES)}")
        if key != "NONE" and key not in modes:
            modes.append(key)
    return tuple(modes)


class _TransliteratorFields(NamedTuple):
    modes: tuple[str, ...]
    overrides: Mapping[str, str]
    table: Mapping[int, str]


class Transliterator(_TransliteratorFields):
    """One or more modes, plus the caller's own replacements (which win over the modes).

    ``Transliterator("TURKISH")(text)`` transliterates; ``name`` is the mode as a send
    request names it (``"TURKISH"``, or ``"ALL+NON_UNICODE"`` for several, with
    ``"+CUSTOM"`` when overrides apply).  A tuple of ``modes`` (checked, upper case, in
    order, without repeats), ``overrides`` and ``table`` (every replacement, worked out
    from the other two when it is made: the constructor checks and builds them).
    """

    __slots__ = ()

    def __new__(
        cls, mode: str | Iterable[str] | None = "NONE", overrides: Mapping[str, str] | None = None
    ) -> Transliterator:
        modes = _parse_modes(mode)
        if overrides is not None and not isinstance(overrides, Mapping):
            raise type_error("overrides", overrides, "a mapping of str to str or None")
        extra = dict(overrides or {})
        for source, replacement in extra.items():
            if not (isinstance(source, str) and len(source) == 1):
                raise ValueError(f"override keys must be single characters, got {source!r}")
            if not isinstance(replacement, str):
                raise type_error(f"override for {source!r}", replacement, "a str")
        table: dict[int, str] = {}
        if modes:  # the tables load on first need: counting alone never reads them
            from ._transliteration_data import TABLES
        for name in modes:
            for file in _MODE_TABLES[name]:
                for code, replacement in TABLES[file].items():
                    table.setdefault(code, replacement)
        table.update({ord(source): replacement for source, replacement in extra.items()})
        return super().__new__(cls, modes, MappingProxyType(extra), MappingProxyType(table))

    def __hash__(self) -> int:  # mappings are not hashable; the table follows from these
        return hash((self.modes, tuple(sorted(self.overrides.items()))))

    def __repr__(self) -> str:
        return f"Transliterator(modes={self.modes!r}, overrides={dict(self.overrides)!r})"

    def __getnewargs__(self) -> tuple[tuple[str, ...], dict[str, str]]:
        return self.modes, dict(self.overrides)  # for copy and pickle: what __new__ takes

    def _keep_gsm_letters(self, text: str) -> str:
        """For NON_UNICODE, whose fallback drops combining marks anyway: where NFC
        merged a letter and marks into something nothing covers, keep instead the
        covered letter that the most of those marks compose to, and drop the other
        marks now (left in, NFC would merge them back).  Work scales with the distinct
        such clusters, not with the length of the text."""
        clusters = set(_marked().findall(text))
        singles = {  # uncovered characters that NFC composed (they have a decomposition)
            char
            for char in set(text.translate(_GSM)).difference(map(chr, self.table))
            if unicodedata.decomposition(char)[:1] not in ("", "<")
        }
        fixed = {c: f for c in clusters | singles if (f := self._keep_covered_letter(c)) != c}
        if not fixed:
            return text
        text = _marked().sub(lambda found: fixed.get(found.group(), found.group()), text)
        return text.translate({ord(c): f for c, f in fixed.items() if len(c) == 1})

    def _keep_covered_letter(self, cluster: str) -> str:
        decomposed = unicodedata.normalize("NFD", cluster)
        base, marks = decomposed[0], decomposed[1:]
        # No letter of GSM or of a table has more than a few marks: try subsets of the
        # first _MOST_MARKS only, the most marks first, GSM letters before table ones.
        tried = marks[:_MOST_MARKS]
        for size in range(len(tried), -1, -1):
            heads = []
            for kept in combinations(range(len(tried)), size):  # earlier marks first
                head = unicodedata.normalize("NFC", base + "".join(tried[i] for i in kept))
                if len(head) == 1 and (head in _GSM_CHARACTERS or ord(head) in self.table):
                    heads.append((head not in _GSM_CHARACTERS, kept, head))
            if heads:
                return min(heads)[2]
        return cluster

    @property
    def name(self) -> str | None:
        """The mode(s) as Infobip's ``transliteration`` value; None when nothing is done.

        ``"+CUSTOM"`` is added when the caller's own replacements apply (no API can
        repeat those: send the transliterated text itself)."""
        parts = [*self.modes, *(["CUSTOM"] if self.overrides else [])]
        return "+".join(parts) if parts else None

    def __bool__(self) -> bool:
        return bool(self.modes or self.overrides)

    def __call__(self, text: str) -> str:
        if not self:
            return text
        if text.isascii():
            text = text.translate(self.table)
        else:
            text = _nfc(stream_safe(text))
            if "NON_UNICODE" in self.modes:
                text = self._keep_gsm_letters(text)
            # A replacement can leave a letter beside a mark that NFC then composes
            # into a letter the tables replace in turn: repeat until nothing changes,
            # which makes transliterating twice the same as once.
            for _ in range(_MOST_ROUNDS):
                # A replacement by "" can join two runs of marks into a long one.
                again = _nfc(stream_safe(text.translate(self.table)))
                if again == text:
                    break
                text = again
        if "NON_UNICODE" in self.modes:
            rest = text.translate(_GSM)  # what is still outside GSM 7-bit
            if rest:
                text = text.translate({ord(c): fallback(c) for c in set(rest)})
        return text


@lru_cache(maxsize=64)
def for_modes(modes: str | tuple[str, ...]) -> Transliterator:
    """A shared :class:`Transliterator` for these modes (its tables are built once)."""
    return Transliterator(modes)


def transliterate(
    text: str,
    mode: str | Iterable[str] | None = "NON_UNICODE",
    overrides: Mapping[str, str] | None = None,
) -> str:
    """Transliterate ``text`` with one mode or several, and the caller's own replacements.

    Several modes apply as one.  ``mode=None`` means no mode, as
    ``segment(text, None, None)`` does: without overrides the text comes back unchanged."""
    check_str("text", text)
    if overrides is not None:
        return Transliterator(mode, overrides)(text)
    if mode is None:
        return text
    if isinstance(mode, str):
        return for_modes(mode)(text)
    check_iterable("mode", mode, "a str, an iterable of str or None")
    return for_modes(tuple(mode))(text)
