"""Extended grapheme clusters (Unicode UAX #29), found with the ``regex`` module's ``\\X``.

A cluster is what a reader sees as one character: a letter with its combining marks, a
Hangul syllable, a flag (two regional indicators), a ZWJ emoji family.  ``regex`` is
imported on first use, so ``import smsenc`` never loads it.

A high and a low surrogate written as two code points are two clusters to ``\\X`` (each
is a control), but the wire shows one surrogate pair, so here they are one.
"""

from __future__ import annotations

from functools import cache
from itertools import accumulate
from typing import Any


@cache
def _cluster() -> Any:
    import regex  # imported on first need: keeps `import smsenc` fast

    return regex.compile(r"\X", regex.DOTALL)


def clusters(text: str) -> list[str]:
    """The extended grapheme clusters of ``text``, in order; they join back to it."""
    found: list[str] = _cluster().findall(text)
    if max(text, default="\x00") >= "\ud800" and any("\udc00" <= c[0] <= "\udfff" for c in found):
        merged: list[str] = []
        for cluster in found:
            if (
                merged
                and "\udc00" <= cluster[0] <= "\udfff"
                and "\ud800" <= merged[-1][-1] <= "\udbff"
            ):
                merged[-1] += cluster
            else:
                merged.append(cluster)
        return merged
    return found


def boundaries(text: str) -> list[int]:
    """The offsets (code points) where a cluster starts, and ``len(text)``: the places
    a text can be cut without breaking what a reader sees as one character."""
    return [0, *accumulate(map(len, clusters(text)))]
