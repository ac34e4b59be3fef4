"""Whole TPDUs (3GPP TS 23.040 §9.2.2) around smsenc's parts, for modems and SMSCs.

:func:`submit` builds SMS-SUBMIT PDUs (one per part) as ``AT+CMGS`` takes them,
:func:`deliver` builds SMS-DELIVER PDUs for tests and simulators, and :func:`parse` reads
SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT PDUs as a modem lists them.  Not imported
by ``import smsenc``; ``smsenc.pdu`` imports it on first use.
"""

from __future__ import annotations

from .address import Address
from .build import deliver, submit, tpdu_length
from .parsing import Deliver, StatusReport, Submit, Tpdu, parse, status_meaning

__all__ = [
    "Address",
    "Deliver",
    "StatusReport",
    "Submit",
    "Tpdu",
    "deliver",
    "parse",
    "status_meaning",
    "submit",
    "tpdu_length",
]
