"""What replacing a character would save: the advice behind a UCS-2 result's ``non_gsm``.

:func:`non_gsm_characters` lists the characters that kept a text out of GSM 7-bit;
:func:`suggestion` is the one GSM replacement smsenc advises for a character; and the
``parts_if`` functions re-run the choice on an edited text under the same options (same
allowed tables, reference size and grapheme option, no part limit), so each is the count
``segment()`` would give the edited text.  They take plain arguments: the text as sent
and the :class:`~smsenc.engine.options.Options` it was counted under.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from ..gsm.charsets import GSM_CHARACTERS, LOCKING_TABLES, SINGLE_SHIFT_TABLES
from ..gsm.septets import deletion
from .chooser import choose
from .options import Options, Tables
from .transliteration import for_modes

Source = tuple[str, Options]
"""Where a :class:`CharacterUse` was found: the text as sent and its options."""


class CharacterUse(NamedTuple):
    """A character that kept a text out of GSM 7-bit: how often, and where first.

    A tuple of ``char``, ``count``, ``first_index`` and ``source`` (the text as sent and
    the options it was counted under, or None), compared, hashed and shown by the first
    three.  ``suggestion`` is the GSM replacement smsenc advises (:func:`suggestion`) and
    ``parts_if_replaced`` the part count with only this character replaced everywhere,
    same options (None without a suggestion or a source): both are worked out when read.
    """

    char: str
    count: int  # type: ignore[assignment]  # the field, over tuple.count: the name is the API
    first_index: int
    source: Source | None = None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CharacterUse):
            return self[:3] == other[:3]
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self[:3])

    def __repr__(self) -> str:
        return (
            f"CharacterUse(char={self.char!r}, count={self.count}, first_index={self.first_index})"
        )

    @property
    def suggestion(self) -> str | None:
        return suggestion(self.char)

    @property
    def parts_if_replaced(self) -> int | None:
        replacement = self.suggestion
        if replacement is None or self.source is None:
            return None
        return parts_if(*self.source, {self.char: replacement})

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the three fields, the suggestion and what it alone would save."""
        return {
            "char": self.char,
            "count": self.count,
            "first_index": self.first_index,
            "suggestion": self.suggestion,
            "parts_if_replaced": self.parts_if_replaced,
        }


@lru_cache(maxsize=4096)
def suggestion(char: str) -> str | None:
    """The GSM 7-bit replacement smsenc advises for ``char``, or None.

    It is what transliteration mode ``ALL`` makes of the character (every language table
    and the typography table, after Unicode NFC, so U+2126 OHM SIGN gives ``Ω``), when
    that differs from it and is all in the GSM default alphabet and its extension table.
    ``""`` means "remove it": an invisible character (U+200B ZERO WIDTH SPACE, a soft
    hyphen) or a letter a convention drops (Cyrillic ``ь`` under ICAO).  unidecode's
    fallback is not asked: its guesses (``?`` for an emoji) are not advice."""
    replacement = for_modes("ALL")(char)
    if replacement == char or not GSM_CHARACTERS.issuperset(replacement):
        return None
    return replacement


def parts_if(text: str, options: Options, replacements: Mapping[str, str]) -> int:
    """The part count of ``text`` with ``replacements`` made everywhere, under the same
    options (without a part limit)."""
    if replacements:
        text = text.translate({ord(char): new for char, new in replacements.items()})
    return _parts(text, options)


def parts_if_lf_only(text: str, options: Options) -> int:
    """The part count of ``text`` with every CR LF sent as a lone LF, same options."""
    return _parts(text.replace("\r\n", "\n"), options)


def _parts(text: str, options: Options) -> int:
    _, part_units, _, _, _ = choose(text, options._replace(max_parts=None))
    return len(part_units)


TableSets = tuple[tuple[tuple[int, frozenset[str]], ...], tuple[tuple[int, frozenset[str]], ...]]


@lru_cache(maxsize=64)
def _table_sets(tables: Tables) -> tuple[TableSets, frozenset[str]]:
    """(id, characters) of the allowed locking and single shift tables, and every
    character some allowed single shift table holds; worked out once per request kind."""
    lockings = tuple((i, LOCKING_TABLES[i].chars) for i in tables[0])
    singles = tuple((i, SINGLE_SHIFT_TABLES[i].chars) for i in tables[1])
    return (lockings, singles), frozenset().union(*(chars for _, chars in singles))


def non_gsm_characters(text: str, options: Options) -> tuple[CharacterUse, ...]:
    """The characters no allowed pair of tables can encode, under the pair that leaves
    the fewest out (the default pair on a tie), in order of first appearance.

    Counting is one C-level pass (``Counter``), so a text with thousands of distinct
    characters costs no more than one with three."""
    if options.default_only:
        counts = Counter(text.translate(deletion(0, 0)))
    else:
        counts = Counter(text)
        (lockings, singles), coverable = _table_sets(options.tables)
        # Characters in no allowed table are left out by every pair; compare the pairs
        # only on the rest, which is at most a few hundred characters.
        in_some_table = counts.keys() & (coverable.union(*(chars for _, chars in lockings)))
        left_out = counts.keys() - in_some_table
        left_out |= min(
            (in_some_table - lock - single for _, lock in lockings for _, single in singles),
            key=len,
        )
        counts = Counter({char: n for char, n in counts.items() if char in left_out})
    # A Counter keeps its keys in order of first appearance, so each first index lies
    # after the previous one: searching on from there reads the text once in all.
    source = (text, options)
    uses = []
    at = 0
    for char, n in counts.items():
        at = text.index(char, at)
        uses.append(CharacterUse(char, n, at, source))
    return tuple(uses)
