"""Command line: ``smsenc preview [--language CODE] [--transliteration MODE] TEXT|-``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .preview import preview


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smsenc", description="How a text goes out as SMS: encoding, parts, room left."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser(
        "preview", help="print Infobip-shaped preview JSON (POST /sms/1/preview)"
    )
    show.add_argument(
        "text",
        help="the message text, or - to read it from standard input "
        "(one trailing newline, as echo adds, is dropped)",
    )
    show.add_argument("--language", "-l", help="TR, ES, PT, AUTODETECT, BN, GU, HI, ...")
    show.add_argument("--transliteration", "-t", help="TURKISH, GREEK, NON_UNICODE, ALL, ...")
    show.add_argument("--reference-bits", type=int, choices=(8, 16), default=8)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    text = args.text
    if text == "-":
        text = sys.stdin.read()
        text = text[:-1] if text.endswith("\n") else text
    try:
        result = preview(
            text, args.language, args.transliteration, reference_bits=args.reference_bits
        )
    except ValueError as error:  # SmsencError included: every message names what to fix
        print(f"smsenc: {error}", file=sys.stderr)
        return 2
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
