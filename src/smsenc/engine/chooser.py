"""The one dispatch from a text and resolved options to the cheapest way to send it.

Every entry point that counts (``segment()``, ``count()``, ``count_many()``,
``preview()``, ``encode()``, the campaign tools and the savings advice) calls
:func:`choose`; nothing else decides which way a text goes.  In order:

1. ``keep_graphemes``: :func:`smsenc.engine.graphemes.choose_keeping_clusters`, which
   walks the clusters (the option's price).
2. The cases one C-level pass decides, answered here, each exactly as the general path
   would (property tests hold the two equal, field for field):

   * **Default alphabet proper.**  Every character is in the default alphabet
     (TS 23.038 §6.2.1), so each is one septet, nothing is escaped and nothing is above
     U+FFFF.  Under any allowed tables the answer is the default pair with
     ``len(text)`` septets cut every ``capacity`` characters: no national pair can do
     better (as many septets, less room per part for its shift IEs, a larger header at
     equal parts), UCS-2 has less room still, and with one septet per character no cut
     can fall inside an escape pair, so the parts are arithmetic.  (Taken for ASCII
     under any tables; a text that is not ASCII is searched for it only under the
     default tables: where national tables are allowed, the general path's one pass
     decides every candidate at once.)
   * **Default tables with escapes, in one part.**  The text is ASCII, in the default
     alphabet and its extension table (§6.2.1.1), and its septets, one more per
     extension character, fit one part.  One part, 7-bit and no header is the best rank
     there is (:func:`smsenc.engine.parts.rank`), and the default pair is always
     allowed, so it wins under any tables.  Longer texts go the general way: where the
     cuts fall depends on where the escapes are.
   * **UCS-2 at the first character.**  Only the default tables are allowed and the
     first character outside the default alphabet is not in its extension table
     either (or it is, the text is short enough for one part, and a later character is
     in neither): no allowed pair can carry the text, so it is UCS-2, split exactly as
     the general path splits it.  When that character is the text's very first, one set
     look-up decides it.  A text holding surrogate code points is left to the general
     path, which walks it.

   Whether a case holds is one C-level pass: for ASCII, ``bytes.translate`` through the
   table of :func:`smsenc.gsm.septets.one_octet_septets` (an extension character maps
   to ``EXTENSION_MARK | septet``, one GSM lacks to ``NOT_GSM``), escapes counted on
   those octets; otherwise a regular expression that stops at the first character
   outside the default alphabet, so a UCS-2 text is decided at its first such
   character.
3. Everything else: :func:`general_choice` (the default tables' translation, or
   :func:`smsenc.engine.selection.choose_among`), the reference the others are held to.

Then the part limit: past ``max_parts``, :class:`~smsenc.TooManyPartsError`.  This
function runs once per text counted, so its common cases are written out inline.
"""

from __future__ import annotations

import re
from functools import cache

from ..errors import TooManyPartsError
from ..gsm.charsets import DEFAULT_ALPHABET, DEFAULT_EXTENSION, GSM_CHARACTERS
from ..gsm.septets import (
    EXTENSION_MARK,
    NOT_GSM,
    non_gsm,
    one_octet_septets,
)
from ..gsm.udh import Layout
from .options import Options
from .parts import even_units, utf16_part_units
from .selection import Choice, choose_among, choose_default

_SEPTETS = one_octet_septets()[0]
_EXTENSION_CHARS = tuple(sorted(DEFAULT_EXTENSION.chars - DEFAULT_ALPHABET.chars))
_EXTENSION_MARKS = bytes(
    sorted(EXTENSION_MARK | DEFAULT_EXTENSION.septets[c] for c in _EXTENSION_CHARS)
)


@cache
def _outside_default_alphabet() -> re.Pattern[str]:
    """Finds the first character outside the default alphabet proper (compiled on first
    use: an ASCII text never needs it, and ``import smsenc`` stays light)."""
    return re.compile("[^" + "".join(map(re.escape, sorted(DEFAULT_ALPHABET.chars))) + "]")


def choose(text: str, options: Options) -> Choice:
    """The cheapest way to send ``text`` (already transliterated) under ``options``.

    Raises :class:`~smsenc.TooManyPartsError` past ``options.max_parts``."""
    if options.keep_graphemes:
        from .graphemes import choose_keeping_clusters  # the option's price, loaded with it

        choice = choose_keeping_clusters(text, options.groups, options.reference_bits)
    elif text.isascii():
        septets = text.encode("ascii").translate(_SEPTETS)
        length = len(text)
        if septets.isascii():  # the default alphabet proper: one septet each
            gsm7 = options.gsm7
            if length <= gsm7.single_capacity:  # the commonest case of all
                return gsm7, (length,), length, None, 0
            choice = _arithmetic(gsm7, length)
        elif NOT_GSM not in septets:  # escapes, counted on the octets: one mark each
            units = 2 * length - len(septets.translate(None, _EXTENSION_MARKS))
            gsm7 = options.gsm7
            if units <= gsm7.single_capacity:
                return gsm7, (units,), units, None, 0
            choice = general_choice(text, options)  # the cuts depend on the escapes
        elif options.default_only:  # an ASCII character GSM lacks: "`" or a control
            choice = _arithmetic(options.ucs2, length)
        else:
            choice = general_choice(text, options)
    elif not options.default_only:
        # Not ASCII, national tables allowed: the general path decides every candidate
        # from one pass over the text, where a shortcut would only add a search.
        choice = general_choice(text, options)
    elif text[0] not in GSM_CHARACTERS:
        # UCS-2 from the first character: no allowed table holds it.
        ucs2 = options.ucs2
        try:
            # "utf-16" (with its BOM) is the spelling CPython encodes without a look-up.
            units = len(text.encode("utf-16")) // 2 - 1
        except UnicodeEncodeError:  # surrogate code points: the general path walks them
            choice = general_choice(text, options)
        else:
            if units <= ucs2.single_capacity:
                return ucs2, (units,), units, None, 0
            choice = _ucs2(text, ucs2, units)
    else:
        choice = _unicode_shortcut(text, options) or general_choice(text, options)
    most = options.max_parts
    if most is not None and len(choice[1]) > most:  # more parts than allowed
        raise too_many_parts(choice, most)
    return choice


def _unicode_shortcut(text: str, options: Options) -> Choice | None:
    """The shortcut cases for a text that is not ASCII and does not start with a
    character GSM lacks, under the default tables alone (see the module docstring), or
    None."""
    outside = _outside_default_alphabet().search(text)
    if outside is None:
        return _arithmetic(options.gsm7, len(text))
    at = outside.start()
    # What comes before it is in the default alphabet, so searching on from it finds
    # what a search from the start would.
    if text[at] in DEFAULT_EXTENSION.chars and non_gsm().search(text, at) is None:
        return None  # GSM with escapes: the default tables' one translation counts it
    try:
        units = len(text.encode("utf-16")) // 2 - 1
    except UnicodeEncodeError:  # surrogate code points: the general path walks them
        return None
    return _ucs2(text, options.ucs2, units)


def _arithmetic(layout: Layout, units: int) -> Choice:
    """The choice of a text of one unit per character: cuts every ``capacity`` units."""
    if units <= layout.single_capacity:
        return layout, (units,), units, None, 0
    return layout, even_units(units, layout.multi_capacity), units, None, 0


def _ucs2(text: str, ucs2: Layout, units: int) -> Choice:
    """The UCS-2 choice of a text free of surrogate code points, of ``units`` units."""
    if units == len(text) or units <= ucs2.single_capacity:
        return _arithmetic(ucs2, units)
    # Characters above U+FFFF in several parts: a pair may have to move, so the walk.
    return ucs2, utf16_part_units(text, ucs2), units, None, 0


def choose_ucs2(text: str, options: Options) -> Choice:
    """The way to send ``text`` in UCS-2 alone, whatever 7-bit tables could carry it,
    under the options' reference size, grapheme option and part limit."""
    if options.keep_graphemes:
        from .graphemes import choose_keeping_clusters

        choice = choose_keeping_clusters(text, (), options.reference_bits)
    else:
        units = utf16_part_units(text, options.ucs2)
        choice = options.ucs2, units, sum(units), None, 0
    most = options.max_parts
    if most is not None and len(choice[1]) > most:
        raise too_many_parts(choice, most)
    return choice


def general_choice(text: str, options: Options) -> Choice:
    """The general path, without shortcuts or clusters or a part limit: the reference
    the property tests hold every fast case to."""
    if options.default_only:
        return choose_default(text, options.gsm7, options.ucs2)
    return choose_among(text, options.groups, options.reference_bits)


def too_many_parts(choice: Choice, most: int) -> TooManyPartsError:
    """The error for a text past the part limit, saying why the limit is there."""
    layout, part_units, _, _, _ = choice
    parts = len(part_units)
    return TooManyPartsError(
        f"the text needs {parts} {layout.encoding} parts of "
        f"{layout.multi_capacity} units; at most {most} are allowed "
        f"(a concatenated SMS counts its parts in one octet: TS 23.040 §9.2.3.24.1)",
        parts=parts,
        limit=most,
    )
