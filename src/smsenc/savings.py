"""What replacing a character would save: the part counts behind ``non_gsm``'s advice.

Each count re-runs the table choice on the text as sent, with the same allowed tables,
reference size and grapheme option, so it is the count ``segment()`` would give the
edited text under the same options.  Nothing here runs until a caller reads one of the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from .charsets import DEFAULT_ALPHABET, DEFAULT_EXTENSION
from .selection import choose

if TYPE_CHECKING:
    from .segmentation import Segmentation

_GSM = DEFAULT_ALPHABET.chars | DEFAULT_EXTENSION.chars


@lru_cache(maxsize=4096)
def suggestion(char: str) -> str | None:
    """The GSM 7-bit replacement smsenc's transliteration tables make for ``char``
    (every language table and the typography table, as mode ``ALL`` applies them), or
    None when no table covers it.  unidecode's fallback is not asked: its guesses
    (``?`` for an emoji) are not advice."""
    from .transliteration import for_modes

    replacement = for_modes("ALL").table.get(ord(char))
    if replacement is None or not set(replacement) <= _GSM:
        return None
    return replacement


def parts_if(segmentation: Segmentation, replacements: Mapping[str, str]) -> int:
    """The part count of the segmentation's text with ``replacements`` made everywhere,
    under the same tables and reference size."""
    text = segmentation.text
    if replacements:
        text = text.translate({ord(char): new for char, new in replacements.items()})
    return _parts(segmentation, text)


def parts_if_lf_only(segmentation: Segmentation) -> int:
    """The part count with every CR LF of the text sent as a lone LF."""
    if "\r\n" not in segmentation.text:
        return segmentation.message_count
    return _parts(segmentation, segmentation.text.replace("\r\n", "\n"))


def _parts(segmentation: Segmentation, text: str) -> int:
    if segmentation.keep_graphemes:
        from .graphemes import choose_keeping_clusters

        split = choose_keeping_clusters(
            text, segmentation.allowed_tables, segmentation.reference_bits
        )
    else:
        split = choose(text, segmentation.allowed_tables, segmentation.reference_bits)
    return split.message_count
