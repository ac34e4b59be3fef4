"""The pdu commands: whole TPDUs for a modem (TS 23.040 §9.2.2, TS 27.005 PDU mode).

smsenc pdu submit --to NUMBER [--from SENDER] [--smsc NUMBER] [--validity PERIOD] TEXT|-
smsenc pdu parse [--no-smsc] [--direction mt|mo] HEX
"""

from __future__ import annotations

import argparse
import re
from datetime import datetime, timedelta
from typing import Any

from .core import language_request, table_keywords, table_options, text_options

_PERIOD = re.compile(r"(\d+)([mhdw])")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def _validity(value: str) -> timedelta | datetime:
    """``30m``, ``12h``, ``4d``, ``2w`` (relative) or an ISO 8601 time with its offset."""
    match = _PERIOD.fullmatch(value)
    if match:
        return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--validity must be a period like 30m, 12h, 4d, 2w or an ISO 8601 time with "
            f"its UTC offset, got {value!r}"
        ) from None
    if moment.utcoffset() is None:
        raise argparse.ArgumentTypeError(f"--validity {value!r} needs a UTC offset")
    return moment


def register(commands: Any) -> None:
    """Add ``pdu submit`` and ``pdu parse`` to ``commands``."""
    group = commands.add_parser("pdu", help="whole TPDUs for modems (AT+CMGS / AT+CMGL)")
    sub = group.add_subparsers(dest="pdu_command", required=True)
    build = sub.add_parser(
        "submit",
        parents=[text_options(), table_options()],
        help="SMS-SUBMIT PDUs as hex, with the length AT+CMGS wants",
    )
    build.add_argument("--to", required=True, help="destination: 1-15 digits, optional +")
    build.add_argument("--from", dest="sender", help="sender ID to check (3-11 GSM chars)")
    build.add_argument("--smsc", help="SMSC number (else 00: the modem's own)")
    build.add_argument("--validity", type=_validity, help="30m, 12h, 4d, 2w or ISO 8601")
    build.add_argument("--status-report", action="store_true", help="request a status report")
    build.add_argument("--message-reference", type=int, default=0, help="TP-MR of part 1")
    build.add_argument("--reference", type=int, help="concatenation reference (else random)")
    build.set_defaults(run=_submit)
    read = sub.add_parser("parse", help="one PDU (hex) as JSON")
    read.add_argument("pdu", help="the PDU as hex, as AT+CMGL lists it")
    read.add_argument("--no-smsc", action="store_true", help="a bare TPDU, no SMSC address")
    read.add_argument("--direction", choices=("mt", "mo"), help="SC to MS or MS to SC")
    read.set_defaults(run=_parse)


def _submit(args: argparse.Namespace) -> dict[str, Any]:
    from ..pdu import submit, tpdu_length

    pdus = submit(
        args.text,
        args.to,
        sender=args.sender,
        smsc=args.smsc,
        validity=args.validity,
        status_report=args.status_report,
        message_reference=args.message_reference,
        language_code=language_request(args),
        transliteration=args.transliteration,
        reference_bits=args.reference_bits,
        reference=args.reference,
        **table_keywords(args),
    )
    return {
        "parts": [
            {
                "pdu": pdu.hex().upper(),
                "length": tpdu_length(pdu),
                "tpdu": pdu[1 + pdu[0] :].hex().upper(),
            }
            for pdu in pdus
        ]
    }


def _parse(args: argparse.Namespace) -> dict[str, Any]:
    from ..pdu import parse

    return parse(args.pdu, direction=args.direction, has_smsc=not args.no_smsc).to_dict()
