"""The one dispatch from a text and resolved options to the cheapest way to send it.

Every entry point that counts (``segment()``, ``count()``, ``count_many()``,
``preview()``, ``encode()``, the campaign tools and the savings advice) calls
:func:`choose`; nothing else decides which chooser a text goes to.  In order:

1. ``keep_graphemes``: :func:`smsenc.engine.graphemes.choose_keeping_clusters`, which
   walks the clusters (the option's price).
2. The cases one C-level pass decides (:mod:`smsenc.engine.shortcuts`), with parts cut
   by arithmetic, or by the UTF-16 walk when characters above U+FFFF may have to move.
3. Everything else: :func:`smsenc.engine.selection.choose_among`, the general path and
   the reference the property tests hold the others to.

Then the part limit: past ``max_parts``, :class:`~smsenc.TooManyPartsError`.
"""

from __future__ import annotations

from ..errors import TooManyPartsError
from .graphemes import choose_keeping_clusters
from .options import Options
from .parts import arithmetic_part_units, utf16_part_units
from .selection import Choice, choose_among, choose_default
from .shortcuts import fast_units


def choose(text: str, options: Options) -> Choice:
    """The cheapest way to send ``text`` (already transliterated) under ``options``.

    Raises :class:`~smsenc.TooManyPartsError` past ``options.max_parts``."""
    if options.keep_graphemes:
        choice = choose_keeping_clusters(text, options.groups, options.reference_bits)
    else:
        found = fast_units(text, options)
        if found is None:
            choice = general_choice(text, options)
        else:
            layout, units = found
            if units == len(text) or units <= layout.single_capacity:
                part_units = arithmetic_part_units(units, layout)
            else:  # UCS-2 with characters above U+FFFF, in several parts: the walk
                part_units = utf16_part_units(text, layout)
            choice = Choice(layout, part_units, units, None, 0)
    most = options.max_parts
    if most is not None and len(choice.part_units) > most:
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
    parts = len(choice.part_units)
    return TooManyPartsError(
        f"the text needs {parts} {choice.layout.encoding} parts of "
        f"{choice.layout.multi_capacity} units; at most {most} are allowed "
        f"(a concatenated SMS counts its parts in one octet: TS 23.040 §9.2.3.24.1)",
        parts=parts,
        limit=most,
    )
