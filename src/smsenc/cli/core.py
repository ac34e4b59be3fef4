"""The core commands: preview, segment, encode and decode.

smsenc preview [--language CODE] [--transliteration MODE] [--keep-graphemes] TEXT|-
smsenc segment [options] [--language CODE[,CODE...]]... TEXT|-
smsenc encode  [options] [--reference N] [--unpacked] TEXT|-
smsenc decode  [--dcs 0|8] [--udhi] [--unpacked] [--udl N] HEX
"""

from __future__ import annotations

import argparse
import string
import sys
from typing import Any

from .. import preview, segment


def _text(value: str) -> str:
    if value != "-":
        return value
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:  # a text stream without bytes beneath (one a test put there)
        text = sys.stdin.read()
    else:
        data = binary.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise argparse.ArgumentTypeError(
                f"standard input is not valid UTF-8: byte 0x{data[error.start]:02X} at "
                f"offset {error.start} ({error.reason})"
            ) from None
    return text[:-1] if text.endswith("\n") else text


def text_options() -> argparse.ArgumentParser:
    """The options every text command shares: the text, language and transliteration."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "text",
        type=_text,
        help="the message text, or - to read it from standard input "
        "(one trailing newline, as echo adds, is dropped)",
    )
    add_language_option(options)
    options.add_argument(
        "--transliteration", "-t", help="TURKISH, GREEK, CYRILLIC, NON_UNICODE, ALL, ..."
    )
    options.add_argument("--reference-bits", type=int, choices=(8, 16), default=8)
    options.add_argument(
        "--keep-graphemes",
        action="store_true",
        help="end no part inside a grapheme cluster (emoji, flag, letter + marks)",
    )
    return options


class _LanguageCodes(argparse.Action):
    """``-l TR -l ES`` and ``-l TR,ES`` both collect ``["TR", "ES"]``: the option repeats,
    and each value may list several codes separated by commas."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        codes = list(getattr(namespace, self.dest) or [])
        for code in str(values).split(","):
            code = code.strip()
            if not code:
                raise argparse.ArgumentError(self, f"an empty language code in {values!r}")
            if code not in codes:
                codes.append(code)
        setattr(namespace, self.dest, codes)


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--language/-l``, which takes one code or several (repeated, or comma-separated).

    Read it with :func:`language_request`."""
    parser.add_argument(
        "--language",
        "-l",
        action=_LanguageCodes,
        metavar="CODE",
        help="TR, ES, PT or AUTODETECT (Infobip's three); also BN, GU, HI, ... (TS 23.038); "
        "several as -l TR -l ES or -l TR,ES",
    )


def language_request(args: argparse.Namespace) -> str | list[str] | None:
    """The ``language_code`` argument of the public functions from ``--language``: None,
    the one code given, or the list of codes when several were given."""
    codes: list[str] | None = args.language
    if not codes:
        return None
    return codes[0] if len(codes) == 1 else codes


def positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value!r}")
    return number


def table_options() -> argparse.ArgumentParser:
    """The options that restrict which kinds of national table may be used."""
    tables = argparse.ArgumentParser(add_help=False)
    tables.add_argument("--no-locking-shift", action="store_true", help="no locking tables")
    tables.add_argument("--no-single-shift", action="store_true", help="no single shift tables")
    return tables


def table_keywords(args: argparse.Namespace) -> dict[str, Any]:
    """The ``allow_`` keywords of the public functions, from :func:`table_options`' flags."""
    return {
        "allow_locking_shift": not args.no_locking_shift,
        "allow_single_shift": not args.no_single_shift,
    }


def register(commands: Any) -> None:
    """Add preview, segment, encode and decode to ``commands``."""
    text, tables = text_options(), table_options()
    commands.add_parser(
        "preview", parents=[text], help="Infobip-shaped preview JSON (POST /sms/1/preview)"
    ).set_defaults(run=_run)
    commands.add_parser(
        "segment", parents=[text, tables], help="encoding, parts and counts as JSON"
    ).set_defaults(run=_run)
    encode = commands.add_parser(
        "encode", parents=[text, tables], help="every part's UDH, payload, DCS (hex)"
    )
    encode.add_argument("--reference", type=int, help="concatenation reference (else random)")
    encode.add_argument("--unpacked", action="store_true", help="one septet per octet (SMPP)")
    encode.set_defaults(run=_run)
    decode = commands.add_parser("decode", help="one part's user data (hex) back to text")
    decode.add_argument("user_data", help="TP-UD or short_message as hex")
    decode.add_argument(
        "--dcs", type=lambda v: int(v, 0), default=0, help="TP-DCS: 0x00, 0x08, 0x11, 0xF1, ..."
    )
    decode.add_argument("--udhi", action="store_true", help="the data starts with a UDH")
    decode.add_argument("--unpacked", action="store_true", help="one septet per octet")
    decode.add_argument("--udl", type=int, help="TP-UDL (septets for 7-bit)")
    decode.set_defaults(run=_run)


def parse_hex(value: str) -> bytes:
    """The octets of a hex string (spaces between octets allowed); ValueError naming the
    input and the position of the first character that is not a hex digit."""
    try:
        return bytes.fromhex(value)
    except ValueError:
        pass
    # fromhex's own message names fromhex(); say what is wrong with the user's input.
    digits = 0
    for position, char in enumerate(value):
        if char in string.hexdigits:
            digits += 1
        elif char not in string.whitespace or digits % 2:
            space = char in string.whitespace
            what = "a space inside an octet" if space else f"{char!r} is not a hex digit"
            raise ValueError(f"invalid hex {value!r} at position {position}: {what}")
    raise ValueError(f"invalid hex {value!r}: an odd number of digits ({digits}); an octet is two")


def _run(args: argparse.Namespace) -> dict[str, Any]:
    if args.command == "preview":
        codes = args.language or []
        if len(codes) > 1:
            raise ValueError(
                f"preview takes one --language code, as Infobip's preview does; got "
                f"{', '.join(codes)} (segment, encode, fit and count take several)"
            )
        return preview(
            args.text,
            codes[0] if codes else None,
            args.transliteration,
            reference_bits=args.reference_bits,
            keep_graphemes=args.keep_graphemes,
        ).to_dict()
    if args.command == "decode":
        from .. import decode

        data = parse_hex(args.user_data)
        return decode(
            data, dcs=args.dcs, udhi=args.udhi, packed=not args.unpacked, udl=args.udl
        ).to_dict()
    options: dict[str, Any] = {
        **table_keywords(args),
        "reference_bits": args.reference_bits,
        "keep_graphemes": args.keep_graphemes,
    }
    if args.command == "segment":
        return segment(args.text, language_request(args), args.transliteration, **options).to_dict()
    from .. import encode

    return encode(
        args.text,
        language_request(args),
        args.transliteration,
        reference=args.reference,
        packed=not args.unpacked,
        **options,
    ).to_dict()
