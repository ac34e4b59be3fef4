"""Which Unicode script a character belongs to, for reading the characters that forced
UCS-2 by script ("Cyrillic: 43 characters, 12 distinct") rather than one by one.

The Script property (Unicode Standard Annex #24) comes from the ``regex`` module's
``\\p{Script=...}``, imported on first use.  The scripts named are those texts are written
in today; a character of any other script (a historic one) reads as ``"Other"``.
``"Common"`` holds punctuation, symbols, digits and emoji shared by every script, and
``"Inherited"`` the combining marks that take their base character's script.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any, NamedTuple

SCRIPTS: tuple[str, ...] = (
    "Latin",
    "Greek",
    "Cyrillic",
    "Armenian",
    "Hebrew",
    "Arabic",
    "Syriac",
    "Thaana",
    "Nko",
    "Devanagari",
    "Bengali",
    "Gurmukhi",
    "Gujarati",
    "Oriya",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Sinhala",
    "Thai",
    "Lao",
    "Tibetan",
    "Myanmar",
    "Georgian",
    "Hangul",
    "Ethiopic",
    "Cherokee",
    "Canadian_Aboriginal",
    "Khmer",
    "Mongolian",
    "Tifinagh",
    "Han",
    "Hiragana",
    "Katakana",
    "Bopomofo",
    "Yi",
    "Javanese",
    "Balinese",
    "Sundanese",
    "Adlam",
    "Common",
    "Inherited",
)
"""The scripts :func:`script` names, by their Unicode property value names."""

OTHER = "Other"
"""What :func:`script` says of a character of a script not in :data:`SCRIPTS`."""


@cache
def _pattern() -> Any:
    import regex  # imported on first need: keeps `import smsenc` fast

    groups = "|".join(f"(?P<{name}>\\p{{Script={name}}})" for name in SCRIPTS)
    return regex.compile(groups)


@lru_cache(maxsize=4096)
def script(char: str) -> str:
    """The Unicode script of ``char`` (one character), or :data:`OTHER`."""
    found = _pattern().match(char)
    return OTHER if found is None else str(found.lastgroup)


class ScriptUse(NamedTuple):
    """The characters of one script among those that forced UCS-2.

    How many in the text (``count``), how many distinct, which (in order of first
    appearance), and where the first stands: a tuple of its five fields."""

    script: str
    count: int  # type: ignore[assignment]  # the field, over tuple.count, as CharacterUse
    distinct: int
    chars: str
    first_index: int

    def to_dict(self) -> dict[str, Any]:
        """The fields as JSON-ready data, keys named as the attributes."""
        return self._asdict()


def by_script(uses: Iterable[Any]) -> tuple[ScriptUse, ...]:
    """``uses`` (each with ``char``, ``count`` and ``first_index``, in order of first
    appearance) grouped by script, scripts in order of first appearance."""
    grouped: dict[str, list[Any]] = {}
    for use in uses:
        grouped.setdefault(script(use.char), []).append(use)
    return tuple(
        ScriptUse(
            name,
            sum(use.count for use in members),
            len(members),
            "".join(use.char for use in members),
            members[0].first_index,
        )
        for name, members in grouped.items()
    )
