"""A GSM-able text split for UCS-2: the one module of smsenc.smpp on smsenc's internals.

:func:`smsenc.segment` sends any text GSM 7-bit can carry as GSM 7-bit and cannot be asked
for UCS-2.  An SMSC whose wire alphabet (IA5, Latin-1) lacks a character GSM has (``€``,
``Δ``) must get the text as UCS-2, and then sends it as UCS-2 on the air: its parts are
the ones the engine makes of it with UCS-2 as the only candidate
(:func:`smsenc.segmentation.as_ucs2`).  tests/test_structure.py allows this internal
import here and nowhere else in smpp/.
"""

from __future__ import annotations

from ..segmentation import as_ucs2 as ucs2_segmentation

__all__ = ["ucs2_segmentation"]
