"""A GSM-able text split for UCS-2: the one module of smsenc.smpp on smsenc's internals.

:func:`smsenc.segment` sends any text GSM 7-bit can carry as GSM 7-bit and cannot be asked
for UCS-2.  An SMSC whose wire alphabet (IA5, Latin-1) lacks a character GSM has (``€``,
``Δ``) must get the text as UCS-2, and then sends it as UCS-2 on the air: its parts are
the ones segment() makes of a UCS-2 text, built here from the splitters segment() uses.
tests/test_structure.py allows these internal imports here and nowhere else in smpp/.
"""

from __future__ import annotations

from .. import Segmentation, TooManyPartsError
from ..graphemes import choose_keeping_clusters
from ..parts import split_utf16
from ..udh import layout


def ucs2_segmentation(segmentation: Segmentation, max_parts: int) -> Segmentation:
    """``segmentation``'s text (as sent) split for UCS-2 with the same options: the
    reference size, and no part ending inside a grapheme cluster when it kept them."""
    bits = segmentation.reference_bits
    if segmentation.keep_graphemes:
        # With no 7-bit tables allowed, UCS-2 is the only candidate.
        split = choose_keeping_clusters(segmentation.text, ((), ()), bits)
    else:
        split = split_utf16(segmentation.text, layout("UCS2", 0, 0, bits))
    if split.message_count > max_parts:
        raise TooManyPartsError(
            f"the text needs {split.message_count} UCS2 parts of {split.capacity} units; "
            f"at most {max_parts} are allowed",
            parts=split.message_count,
            limit=max_parts,
        )
    return Segmentation(
        segmentation.original_text,
        segmentation.text,
        split,
        segmentation.allowed_tables,
        segmentation.transliteration,
        segmentation.keep_graphemes,
    )
