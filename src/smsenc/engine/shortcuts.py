"""The fast paths of :func:`smsenc.segment`: the cases one C-level pass decides.

It takes three cases, each answered exactly as :func:`smsenc.engine.selection.choose_among` would:

* **Default alphabet proper.**  Every character is in the default alphabet
  (TS 23.038 §6.2.1), so each is one septet, nothing is escaped and nothing is above
  U+FFFF.  Under any allowed tables the answer is the default pair with ``len(text)``
  septets cut every ``capacity`` characters: no national pair can do better (as many
  septets, less room per part for its shift IEs, a larger header at equal parts),
  UCS-2 has less room still, and with one septet per character no cut can fall inside
  an escape pair, so the parts are arithmetic (:func:`smsenc.engine.parts.arithmetic_part_units`).
* **Default tables with escapes, in one part.**  The text is in the default alphabet
  and its extension table (§6.2.1.1) and its septets, one more per extension
  character, fit one part.  One part, 7-bit and no header is the best rank there is
  (:func:`smsenc.parts.rank`), and the default pair is always allowed, so it wins
  under any tables.  Longer texts go the general way: where the cuts fall depends on
  where the escapes are.
* **UCS-2 at the first character.**  Only the default tables are allowed and the first
  character outside the default alphabet is not in its extension table either (or it
  is, the text is short enough for one part, and a later character is in neither); when
  that is the text's very first character, one set look-up decides it:
  no allowed pair can carry the text, so it is UCS-2, split by
  :func:`smsenc.engine.parts.utf16_part_units` exactly as the general path splits it.  A text
  holding surrogate code points is left to the general path, which walks it.

Whether a case holds is one C-level pass: for ASCII, ``bytes.translate`` through the
table of :func:`smsenc.gsm.septets.one_octet_septets` (an extension character maps to
``EXTENSION_MARK | septet``, one GSM lacks to ``NOT_GSM``); otherwise a regular
expression that stops at the first character outside the default alphabet, so a UCS-2
text is decided at its first such character.  Anything else returns None and goes the
general way, which stays the reference: property tests hold the two equal.
"""

from __future__ import annotations

import re
from functools import cache

from ..gsm.charsets import DEFAULT_ALPHABET, DEFAULT_EXTENSION, GSM_CHARACTERS
from ..gsm.septets import EXTENSION_MARK, NOT_GSM, non_gsm, one_octet_septets
from ..gsm.udh import Layout
from .options import Options

_EXTENSION_CHARS = tuple(sorted(DEFAULT_EXTENSION.chars - DEFAULT_ALPHABET.chars))
_EXTENSION_MARKS = bytes(
    sorted(EXTENSION_MARK | DEFAULT_EXTENSION.septets[c] for c in _EXTENSION_CHARS)
)


@cache
def _outside_default_alphabet() -> re.Pattern[str]:
    """Finds the first character outside the default alphabet proper (built on first use)."""
    return re.compile("[^" + "".join(map(re.escape, sorted(DEFAULT_ALPHABET.chars))) + "]")


def fast_units(text: str, options: Options) -> tuple[Layout, int] | None:
    """The layout and units (septets, or UTF-16 code units) of ``text`` when one of the
    module's three cases holds under ``options``, else None.

    The parts are then arithmetic (:func:`smsenc.engine.parts.arithmetic_part_units`)
    unless the text is UCS-2 with characters above U+FFFF and more than one part
    (``units != len(text)``), where a pair may have to move whole to the next part."""
    length = len(text)
    if text.isascii():
        septets = text.encode("ascii").translate(one_octet_septets()[0])
        if septets.isascii():
            return options.gsm7, length
        if NOT_GSM in septets:  # an ASCII character GSM lacks: "`" or a control
            return (options.ucs2, length) if options.default_only else None
        # Escapes counted on the octets: each extension character is one marked octet.
        escapes = length - len(septets.translate(None, _EXTENSION_MARKS))
        return _one_part_with_escapes(length + escapes, options)
    if options.default_only and text[0] not in GSM_CHARACTERS:
        # UCS-2 from the first character: no allowed table holds it.
        return _ucs2_units(text, options)
    outside = _outside_default_alphabet().search(text)
    if outside is None:
        return options.gsm7, length
    at = outside.start()
    if text[at] in DEFAULT_EXTENSION.chars:
        if length >= options.gsm7.single_capacity:
            return None  # with one escape at least, past one part: the general path
        # What comes before it is in the default alphabet, so searching on from it
        # finds what a search from the start would.
        if non_gsm().search(text, at) is None:
            escapes = sum(map(text.count, _EXTENSION_CHARS))
            return _one_part_with_escapes(length + escapes, options)
    if not options.default_only:
        return None
    return _ucs2_units(text, options)


def _ucs2_units(text: str, options: Options) -> tuple[Layout, int] | None:
    """UCS-2 and the text's UTF-16 code units; None for a text holding surrogate code
    points, which the general path walks exactly."""
    try:
        # "utf-16" (with its BOM) is the spelling CPython encodes without a look-up.
        return options.ucs2, len(text.encode("utf-16")) // 2 - 1
    except UnicodeEncodeError:
        return None


def _one_part_with_escapes(units: int, options: Options) -> tuple[Layout, int] | None:
    """The default tables and ``units`` when a GSM text with escapes fits one part, else
    None (the cuts need the walk)."""
    gsm7 = options.gsm7
    return (gsm7, units) if units <= gsm7.single_capacity else None
