"""The GSM 7-bit character sets of 3GPP TS 23.038, and the translation tables built on them.

A *locking shift table* (the default alphabet, §6.2.1, or a national one, Annex A.3) gives
the character of every plain septet; a *single shift table* (the default extension table,
§6.2.1.1, or a national one, Annex A.2) gives the character of the septet that follows an
escape (0x1B), so its characters cost two septets.  The tables themselves live in
``data/charsets/`` and reach Python only through the generated ``_charset_data`` module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Literal

from . import _charset_data

ESCAPE = 0x1B
"""Septet that escapes to the single shift table (TS 23.038 §6.2.1.1)."""

ESC = "\x1b"
UNENCODABLE = "\x80"
"""Translation output for an ASCII character the tables lack; never a septet (> 0x7F)."""

TableKind = Literal["locking", "single shift"]


@dataclass(frozen=True)
class CharacterTable:
    """One TS 23.038 table: septet <-> character.

    ``identifier`` is the national language identifier (0 for the default tables).
    ``septets`` maps each character to its septet; where a character sits at two
    positions (``*`` and ``¡`` in the Indic/Urdu single shift tables) the lower septet
    is used, consistently.
    """

    identifier: int
    kind: TableKind
    characters: tuple[str | None, ...]
    septets: MappingProxyType[str, int] = field(init=False, repr=False, compare=False)
    chars: frozenset[str] = field(init=False, repr=False, compare=False)
    """The characters as a set: set algebra against a text's characters is C-level."""

    def __post_init__(self) -> None:
        septets: dict[str, int] = {}
        for septet, char in enumerate(self.characters):
            if char is not None and char not in septets:
                septets[char] = septet
        object.__setattr__(self, "septets", MappingProxyType(septets))
        object.__setattr__(self, "chars", frozenset(septets))

    def __contains__(self, char: object) -> bool:
        return char in self.chars


@dataclass(frozen=True)
class Language:
    """A national language of TS 23.038 Annex A, with the tables it defines."""

    identifier: int
    code: str
    name: str

    @property
    def locking(self) -> CharacterTable | None:
        """Its locking shift table, or None (Spanish has none)."""
        return LOCKING_TABLES.get(self.identifier)

    @property
    def single_shift(self) -> CharacterTable:
        """Its single shift table (every national language has one)."""
        return SINGLE_SHIFT_TABLES[self.identifier]


def _characters(table: str) -> tuple[str | None, ...]:
    return tuple(None if char == _charset_data.UNDEFINED else char for char in table)


LOCKING_TABLES: dict[int, CharacterTable] = {
    ident: CharacterTable(ident, "locking", _characters(chars))
    for ident, chars in _charset_data.LOCKING.items()
}
SINGLE_SHIFT_TABLES: dict[int, CharacterTable] = {
    ident: CharacterTable(ident, "single shift", _characters(chars))
    for ident, chars in _charset_data.SINGLE_SHIFT.items()
}
LANGUAGES: tuple[Language, ...] = tuple(
    Language(ident, code, name) for ident, code, name in _charset_data.LANGUAGES
)
DEFAULT_ALPHABET = LOCKING_TABLES[0]
DEFAULT_EXTENSION = SINGLE_SHIFT_TABLES[0]


@lru_cache(maxsize=256)
def septet_translation(locking_id: int, single_shift_id: int) -> dict[int, str]:
    """A ``str.translate`` table turning text into one character per septet.

    Characters of the locking table become their septet, characters only in the single
    shift table become ESC + septet, and ASCII characters in neither become
    ``UNENCODABLE``.  Any other character is left as it is, so a translated text is
    fully encodable exactly when the result ``isascii()``.
    """
    locking = LOCKING_TABLES[locking_id]
    single = SINGLE_SHIFT_TABLES[single_shift_id]
    table: dict[int, str] = {code: UNENCODABLE for code in range(128)}
    for char, septet in single.septets.items():
        table[ord(char)] = ESC + chr(septet)
    for char, septet in locking.septets.items():
        table[ord(char)] = chr(septet)
    return table


EXTENSION_MARK = 0x80
"""In the one-octet septet table, ``EXTENSION_MARK | septet`` stands for ESC + septet."""
NOT_GSM = 0xFF
"""In the one-octet septet table: a character GSM 7-bit lacks."""
ONE_OCTET = "cp1252"
"""The one-octet encoding the fast path reads text through: Latin-1 plus ``€``, so it
covers every GSM character but the Greek capitals."""


@cache
def _one_octet_septets() -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """A ``bytes.translate`` table from ``ONE_OCTET`` octets under the default tables
    (each octet to its septet, an extension character to ``EXTENSION_MARK | septet`` so
    the pass stays one-to-one, anything else to ``NOT_GSM``), and the (mark, escape
    pair) replacements that widen the marks afterwards."""
    table = bytearray([NOT_GSM]) * 256
    widen = []
    for octet in range(256):
        char = bytes([octet]).decode(ONE_OCTET, errors="replace")
        if char in DEFAULT_ALPHABET.septets:
            table[octet] = DEFAULT_ALPHABET.septets[char]
        elif char in DEFAULT_EXTENSION.septets:
            septet = DEFAULT_EXTENSION.septets[char]
            table[octet] = EXTENSION_MARK | septet
            widen.append((bytes([EXTENSION_MARK | septet]), bytes([ESCAPE, septet])))
    return bytes(table), widen


@cache
def _non_gsm() -> re.Pattern[str]:
    """Finds the first character outside the default alphabet and its extension."""
    chars = sorted(DEFAULT_ALPHABET.chars | DEFAULT_EXTENSION.chars)
    return re.compile("[^" + "".join(re.escape(c) for c in chars) + "]")


def to_septets(text: str, locking_id: int = 0, single_shift_id: int = 0) -> bytes | None:
    """``text`` as unpacked septets under a pair of tables (ESC + septet for a single
    shift character), or None when the pair cannot carry it.

    Under the default tables, text that is not ASCII is first searched for a non-GSM
    character, which a UCS-2 text shows at once.  GSM text within ``ONE_OCTET`` (all of
    it but the Greek capitals) then goes through ``bytes.translate``, which stays
    C-level and one-to-one, and the escape pairs are widened with ``bytes.replace``.
    The rest takes ``str.translate``, which leaves CPython's fast path at the first
    character that becomes two septets.
    """
    if locking_id == single_shift_id == 0:
        if text.isascii():  # ASCII is a subset of ONE_OCTET, and encodes as a copy
            return _one_octet_to_septets(text.encode("ascii"))
        if _non_gsm().search(text):
            return None
        try:
            data = text.encode(ONE_OCTET)
        except UnicodeEncodeError:
            pass  # a Greek capital: the str path below
        else:
            return _one_octet_to_septets(data)
    translated = text.translate(septet_translation(locking_id, single_shift_id))
    return translated.encode("ascii") if translated.isascii() else None


def _one_octet_to_septets(data: bytes) -> bytes | None:
    table, widen = _one_octet_septets()
    septets = data.translate(table)
    if septets.isascii():
        return septets
    if NOT_GSM in septets:
        return None
    for mark, pair in widen:
        if mark in septets:
            septets = septets.replace(mark, pair)
    return septets


@lru_cache(maxsize=256)
def deletion(locking_id: int, single_shift_id: int | None) -> dict[int, None]:
    """A ``str.translate`` table deleting every character the pair of tables encodes.

    What survives the translation is exactly the text's unencodable characters; with
    ``single_shift_id=None`` only the locking table's characters are deleted.
    """
    chars = LOCKING_TABLES[locking_id].chars
    if single_shift_id is not None:
        chars |= SINGLE_SHIFT_TABLES[single_shift_id].chars
    return dict.fromkeys(map(ord, chars))
