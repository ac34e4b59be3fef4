"""``fit()``: cut a text to what fits in a number of parts, without breaking a character."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..arguments import check_int, check_str
from ..counting import counts_with
from ..engine.graphemes import boundaries
from ..engine.options import resolve

WORD_WINDOW = 10
"""How far before the cut (code points) a word boundary is preferred to a mid-word cut."""


def fit(text: str, max_parts: int = 1, ellipsis: str = "...", **options: Any) -> str:
    """The longest start of ``text`` that, with ``ellipsis``, fits in ``max_parts`` parts.

    ``text`` itself comes back when it fits as it is.

    ``options`` are :func:`smsenc.segment`'s (``language_code``, ``transliteration``,
    ``reference_bits``, ...), and the count is made under them.  The cut never falls
    inside an extended grapheme cluster (so never inside a surrogate pair, nor between
    a letter and its marks, nor inside a flag or a ZWJ sequence); an escape pair is one
    code point in the text, so no cut of the text can split it.  When whitespace (a line
    break included, CR LF too) lies within ``WORD_WINDOW`` code points before the cut,
    the text is cut before it instead, and whitespace before the ellipsis is dropped.
    An ``ellipsis`` that does not fit in ``max_parts`` parts by itself, or ``max_parts
    < 1``, is a ValueError.

    The longest fitting prefix is found by binary search over prefix lengths, with
    :func:`smsenc.count` (every option is a monotone count over the characters, so a
    longer prefix never needs fewer parts); then the cut steps back to the nearest
    cluster boundary.
    """
    check_str("text", text)
    check_str("ellipsis", ellipsis)
    check_int("max_parts", max_parts, 1)
    # Resolved once, counting any length: the limit is this function's own.
    resolved = resolve(**{**options, "max_parts": None})

    def fits(candidate: str) -> bool:
        return counts_with(candidate, resolved).message_count <= max_parts

    if fits(text):
        return text
    if not fits(ellipsis):
        raise ValueError(f"ellipsis {ellipsis!r} alone needs more than max_parts={max_parts} parts")
    low, high = 0, len(text) - 1  # text[:low] + ellipsis fits; the whole text does not
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle] + ellipsis):
            low = middle
        else:
            high = middle - 1
    # A boundary at p depends only on what comes before p and the character at p, so
    # the clusters of text[: low + 2] place every boundary up to low + 1 correctly: the
    # cut, and the end of the cluster starting at it.
    safe = boundaries(text[: low + 2])
    at = bisect_right(safe, low) - 1
    while at > 0 and not fits(text[: safe[at]] + ellipsis):
        at -= 1  # only if a count were not monotone (transliteration can merge marks)
    cut = safe[at]
    # The last whitespace in the window: the cut falls before its cluster.  A line
    # break may be CR LF, one cluster whose LF is no boundary, so the test is on the
    # cluster holding each whitespace character, not on the character alone.
    for position in range(cut, max(cut - WORD_WINDOW, 0) - 1, -1):
        start = _whitespace_cluster(text, safe, position)
        if start is not None:
            cut = start
            break
    # Drop whitespace clusters before the ellipsis.
    while cut > 0 and (start := _whitespace_cluster(text, safe, cut - 1)) is not None:
        cut = start
    return text[:cut] + ellipsis


def _whitespace_cluster(text: str, safe: list[int], position: int) -> int | None:
    """Where the cluster holding ``text[position]`` starts, when that cluster is all
    whitespace (a space, a tab, a line break, CR LF); else None (a space carrying a
    combining mark is a visible character, not a gap between words)."""
    if not text[position].isspace():
        return None
    at = bisect_right(safe, position) - 1
    start, end = safe[at], safe[at + 1]
    return start if text[start:end].isspace() else None
