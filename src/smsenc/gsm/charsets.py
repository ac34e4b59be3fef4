"""The GSM 7-bit character sets of 3GPP TS 23.038, and the languages that define them.

A *locking shift table* (the default alphabet, §6.2.1, or a national one, Annex A.3) gives
the character of every plain septet; a *single shift table* (the default extension table,
§6.2.1.1, or a national one, Annex A.2) gives the character of the septet that follows an
escape (0x1B), so its characters cost two septets.  The tables themselves live in
``data/charsets/`` and reach Python only through the generated ``_charset_data`` module;
turning text into septets and back is :mod:`smsenc.gsm.septets`' job.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

from . import _charset_data

Encoding = Literal["GSM7", "UCS2"]
"""The two alphabets a text message is sent in: GSM 7-bit (TS 23.038 §6.2.1, with the
national tables of Annex A) or UCS-2 (§6.2.3, as UTF-16 code units)."""

ESCAPE = 0x1B
"""The septet that escapes to the single shift table (TS 23.038 §6.2.1.1)."""
ESC = chr(ESCAPE)
""":data:`ESCAPE` as a one-character string, for ``str.translate`` tables."""


class CharacterTable(NamedTuple):
    """One TS 23.038 table: septet <-> character (a tuple of its four fields).

    ``identifier`` is the national language identifier (0 for the default tables);
    ``characters`` the character of each septet (None where the table defines none).
    ``septets`` maps each character to its septet; where a character sits at two
    positions (``*`` and ``¡`` in the Indic/Urdu single shift tables) the lower septet
    is used, consistently.  ``chars`` is the set of its characters: set algebra against a
    text's characters is C-level.  Both are derived from ``characters``: build a table
    with :func:`character_table`.
    """

    identifier: int
    characters: tuple[str | None, ...]
    septets: MappingProxyType[str, int]
    chars: frozenset[str]

    def __contains__(self, char: object) -> bool:
        return char in self.chars

    def __hash__(self) -> int:  # the mapping is not hashable; it follows from these
        return hash((self.identifier, self.characters))


def character_table(identifier: int, table: str) -> CharacterTable:
    """The table whose septet *n* is ``table[n]`` (``_charset_data.UNDEFINED``: none)."""
    characters = tuple(None if char == _charset_data.UNDEFINED else char for char in table)
    septets: dict[str, int] = {}
    for septet, char in enumerate(characters):
        if char is not None and char not in septets:
            septets[char] = septet
    return CharacterTable(identifier, characters, MappingProxyType(septets), frozenset(septets))


class Language(NamedTuple):
    """A national language of TS 23.038 Annex A (a tuple of its three fields)."""

    identifier: int
    """Its national language identifier (TS 23.038 §6.2.1.2.4), as the shift IEs carry it."""
    code: str
    """ISO 639-1, upper case, as Infobip's ``languageCode`` spells it."""
    name: str


class _Tables(Mapping[int, CharacterTable]):
    """The tables of one kind by national language identifier, each built from the
    generated data the first time it is asked for: counting under the default tables
    builds those two alone, so ``import smsenc`` builds two tables, not 27."""

    def __init__(self, source: Mapping[int, str]) -> None:
        self._source = source
        self._built: dict[int, CharacterTable] = {}

    def __getitem__(self, identifier: int) -> CharacterTable:
        table = self._built.get(identifier)
        if table is None:  # two threads may build one table twice: equal, so harmless
            table = self._built[identifier] = character_table(identifier, self._source[identifier])
        return table

    def __contains__(self, identifier: object) -> bool:
        return identifier in self._source

    def __iter__(self) -> Iterator[int]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)


LOCKING_TABLES: Mapping[int, CharacterTable] = _Tables(_charset_data.LOCKING)
"""The locking shift tables (the default alphabet, §6.2.1, and Annex A.3) by identifier."""
SINGLE_SHIFT_TABLES: Mapping[int, CharacterTable] = _Tables(_charset_data.SINGLE_SHIFT)
"""The single shift tables (the extension table, §6.2.1.1, and Annex A.2) by identifier."""
DEFAULT_ALPHABET = LOCKING_TABLES[0]
DEFAULT_EXTENSION = SINGLE_SHIFT_TABLES[0]
GSM_CHARACTERS: frozenset[str] = DEFAULT_ALPHABET.chars | DEFAULT_EXTENSION.chars
"""Every character of the default alphabet and its extension table: what GSM 7-bit
carries without a national table."""

LANGUAGES: tuple[Language, ...] = tuple(
    Language(ident, code, name) for ident, code, name in _charset_data.LANGUAGES
)
"""Every national language of Annex A, in identifier order."""
BY_IDENTIFIER: dict[int, Language] = {language.identifier: language for language in LANGUAGES}
"""Each national language by its identifier (0, the default tables, is absent)."""
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
"""Each national language by its upper-case ISO 639-1 code."""
