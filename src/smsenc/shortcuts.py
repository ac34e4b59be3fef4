"""The fast paths of :func:`smsenc.segment`: default alphabet only, or UCS-2 at once.

It takes two cases.  The commonest: every character of the text is in the default
alphabet (TS 23.038 §6.2.1) proper, so each is one septet, nothing is escaped and no
character is above U+FFFF.  Then, under any allowed tables, the answer is the default
pair of tables with ``len(text)`` septets cut every ``capacity`` characters:

* no national pair can do better: it has as many septets, less room per part (its shift
  IEs take header octets) and, at equal parts, a larger header; UCS-2 has less room per
  part still (:func:`smsenc.selection.choose_among` takes the same shortcut);
* with one septet per character no cut can fall inside an escape pair, so the parts
  are arithmetic (:func:`smsenc.parts.split_even`).

The second: only the default tables are allowed and a character is outside the default
alphabet and its extension table.  No pair can carry the text, so it is UCS-2, split by
:func:`smsenc.parts.split_utf16` exactly as the general path splits it (arithmetic when
no character is above U+FFFF).

Whether the case holds is one C-level pass: for ASCII, ``bytes.translate`` through the
table of :func:`smsenc.alphabet.to_septets` (a character outside the default alphabet
proper maps to a non-ASCII octet); otherwise a regular expression that stops at the
first character outside it, so a UCS-2 text is turned away at its first character.
Anything else returns None and goes the general way, which stays the reference: a
property test holds the two equal.
"""

from __future__ import annotations

import re
from functools import cache

from .alphabet import non_gsm, one_octet_septets
from .charsets import DEFAULT_ALPHABET
from .parts import Split, split_even, split_utf16
from .udh import ReferenceBits, layout

_GSM7 = {bits: layout("GSM7", 0, 0, bits) for bits in (8, 16)}
_UCS2 = {bits: layout("UCS2", 0, 0, bits) for bits in (8, 16)}


@cache
def _outside_default_alphabet() -> re.Pattern[str]:
    """Finds the first character outside the default alphabet proper (built on first use)."""
    return re.compile("[^" + "".join(map(re.escape, sorted(DEFAULT_ALPHABET.chars))) + "]")


def fast_split(text: str, default_tables_only: bool, reference_bits: ReferenceBits) -> Split | None:
    """The split of a text wholly in the default alphabet proper; under the default
    tables only, the UCS-2 split of a text one of them cannot carry; else None."""
    if text.isascii():
        if not text.encode("ascii").translate(one_octet_septets()[0]).isascii():
            return None  # an extension character (two septets) or one GSM lacks
    else:
        outside = _outside_default_alphabet().search(text)
        if outside is not None:
            # What comes before it is in the default alphabet, so searching on from it
            # finds what to_septets' search from the start would.
            if default_tables_only and non_gsm().search(text, outside.start()):
                return split_utf16(text, _UCS2[reference_bits])
            return None
    return split_even(_GSM7[reference_bits], len(text), len(text))
