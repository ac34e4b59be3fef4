"""The smpp commands: submit_sm fields for an SMSC, and delivery receipts (SMPP 3.4).

smsenc smpp submit [--profile NAME] [--concatenation METHOD] [--reference N] [-l CODE]
                   [-t MODE] TEXT|-
smsenc smpp receipt TEXT|-
"""

from __future__ import annotations

import argparse
from typing import Any

from .core import _text, table_keywords, table_options

PROFILE_NAMES = ("smpp34", "latin1", "ia5", "sar", "payload")
"""The presets of smsenc.smpp.PROFILES, named here so that --help needs no import."""
METHODS = ("udh8", "udh16", "sar", "payload")


def register(commands: Any) -> None:
    """Add ``smpp submit`` and ``smpp receipt`` to ``commands``."""
    group = commands.add_parser("smpp", help="SMPP 3.4 submit_sm fields and delivery receipts")
    sub = group.add_subparsers(dest="smpp_command", required=True)
    submit = sub.add_parser(
        "submit",
        parents=[table_options()],
        help="every submit_sm's data_coding, esm_class, short_message and TLVs as JSON",
    )
    submit.add_argument("text", type=_text, help="the message text, or - for standard input")
    submit.add_argument(
        "--profile", choices=PROFILE_NAMES, default="smpp34", help="what the SMSC expects"
    )
    submit.add_argument(
        "--concatenation", choices=METHODS, help="override the profile's concatenation method"
    )
    submit.add_argument("--reference", type=int, help="concatenation reference (else random)")
    submit.add_argument("--language", "-l", help="national tables: TR, ES, PT, AUTODETECT, ...")
    submit.add_argument("--transliteration", "-t", help="TURKISH, GREEK, NON_UNICODE, ALL, ...")
    submit.add_argument(
        "--keep-graphemes", action="store_true", help="end no part inside a grapheme cluster"
    )
    submit.set_defaults(run=_submit)
    receipt = sub.add_parser("receipt", help="a delivery receipt's fields as JSON")
    receipt.add_argument("text", type=_text, help="the receipt text, or - for standard input")
    receipt.set_defaults(run=_receipt)


def _submit(args: argparse.Namespace) -> dict[str, Any]:
    from ..smpp import PROFILES, submit_parts

    profile = PROFILES[args.profile]
    if args.concatenation is not None:
        profile = profile._replace(concatenation=args.concatenation)
    parts = submit_parts(
        args.text,
        args.language,
        args.transliteration,
        profile=profile,
        reference=args.reference,
        keep_graphemes=args.keep_graphemes,
        **table_keywords(args),
    )
    return {
        "profile": {"name": args.profile, **profile.to_dict()},
        "parts": [part.to_dict() for part in parts],
    }


def _receipt(args: argparse.Namespace) -> dict[str, Any]:
    from ..smpp import parse_receipt

    return parse_receipt(args.text).to_dict()
