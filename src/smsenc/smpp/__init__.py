"""SMPP 3.4 for gateways: the fields of every ``submit_sm``, ``deliver_sm`` read back, and
delivery receipts, as pure functions (no sockets, sessions or binds).

:func:`submit_parts` gives each PDU's ``data_coding``, ``esm_class``, ``short_message``
and TLVs for the SMSC an :class:`SmscProfile` describes; :func:`read_deliver_sm` reads a
``deliver_sm``'s user data, whether its concatenation came as a UDH, as SAR TLVs or as one
``message_payload``, into a :class:`smsenc.DecodedPart` for :func:`smsenc.reassemble`;
:func:`parse_receipt` reads delivery receipts (Appendix B).  Not imported by
``import smsenc``; ``smsenc.smpp`` imports it on first use.
"""

from __future__ import annotations

from .deliver import read_deliver_sm
from .profiles import PROFILE_NOTES, PROFILES, SMPP34, SmscProfile
from .receipts import NetworkErrorCode, Receipt, parse_receipt
from .submit import SubmitPart, submit_parts

__all__ = [
    "PROFILES",
    "PROFILE_NOTES",
    "SMPP34",
    "NetworkErrorCode",
    "Receipt",
    "SmscProfile",
    "SubmitPart",
    "parse_receipt",
    "read_deliver_sm",
    "submit_parts",
]
