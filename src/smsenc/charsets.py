"""The GSM 7-bit character sets of 3GPP TS 23.038, and the translation tables built on them.

A *locking shift table* (the default alphabet, §6.2.1, or a national one, Annex A.3) gives
the character of every plain septet; a *single shift table* (the default extension table,
§6.2.1.1, or a national one, Annex A.2) gives the character of the septet that follows an
escape (0x1B), so its characters cost two septets.  The tables themselves live in
``data/charsets/`` and reach Python only through the generated ``_charset_data`` module;
turning text into septets and back is :mod:`smsenc.alphabet`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from . import _charset_data

ESCAPE = 0x1B
"""Septet that escapes to the single shift table (TS 23.038 §6.2.1.1)."""

ESC = "\x1b"


@dataclass(frozen=True)
class CharacterTable:
    """One TS 23.038 table: septet <-> character.

    ``identifier`` is the national language identifier (0 for the default tables).
    ``septets`` maps each character to its septet; where a character sits at two
    positions (``*`` and ``¡`` in the Indic/Urdu single shift tables) the lower septet
    is used, consistently.
    """

    identifier: int
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


def _characters(table: str) -> tuple[str | None, ...]:
    return tuple(None if char == _charset_data.UNDEFINED else char for char in table)


LOCKING_TABLES: dict[int, CharacterTable] = {
    ident: CharacterTable(ident, _characters(chars))
    for ident, chars in _charset_data.LOCKING.items()
}
SINGLE_SHIFT_TABLES: dict[int, CharacterTable] = {
    ident: CharacterTable(ident, _characters(chars))
    for ident, chars in _charset_data.SINGLE_SHIFT.items()
}
LANGUAGES: tuple[Language, ...] = tuple(
    Language(ident, code, name) for ident, code, name in _charset_data.LANGUAGES
)
BY_IDENTIFIER: dict[int, Language] = {language.identifier: language for language in LANGUAGES}
"""Each national language by its TS 23.038 §6.2.1.2.4 identifier (0, the default, absent)."""
DEFAULT_ALPHABET = LOCKING_TABLES[0]
DEFAULT_EXTENSION = SINGLE_SHIFT_TABLES[0]
