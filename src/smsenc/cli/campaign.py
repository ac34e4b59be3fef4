"""The campaign commands: the bounds of a template, and a text cut to fit.

smsenc template TEMPLATE|- --field NAME=[MIN-]MAX[:ALPHABET] ... [--language CODE[,CODE...]]...
                [--transliteration MODE] [--keep-graphemes]
smsenc fit      TEXT|- [--max-parts N] [--ellipsis TEXT] [text and table options]
"""

from __future__ import annotations

import argparse
from typing import Any

from .core import (
    _text,
    add_language_option,
    language_request,
    table_keywords,
    table_options,
    text_options,
)


def register(commands: Any) -> None:
    """Add template and fit to ``commands``."""
    template = commands.add_parser(
        "template",
        parents=[table_options()],
        help="the fewest and most parts a {name} template can cost, exact or bounded",
    )
    template.add_argument(
        "template", type=_text, help="the template, {name} per field ({{ and }} for braces)"
    )
    template.add_argument(
        "--field",
        "-f",
        action="append",
        default=[],
        metavar="NAME=[MIN-]MAX[:ALPHABET]",
        help="a field's length in characters and its alphabet: digits, gsm-basic, gsm "
        "(default), ucs2, any, or the allowed characters themselves",
    )
    add_language_option(template)
    template.add_argument(
        "--transliteration", "-t", help="TURKISH, GREEK, CYRILLIC, NON_UNICODE, ALL, ..."
    )
    template.add_argument("--reference-bits", type=int, choices=(8, 16), default=8)
    template.add_argument(
        "--keep-graphemes",
        action="store_true",
        help="end no part inside a grapheme cluster (emoji, flag, letter + marks)",
    )
    template.set_defaults(run=_run_template)
    fit = commands.add_parser(
        "fit",
        parents=[text_options(), table_options()],
        help="the longest start of the text that fits in N parts, with an ellipsis",
    )
    fit.add_argument("--max-parts", "-n", type=int, default=1, help="parts allowed (default 1)")
    fit.add_argument("--ellipsis", default="...", help='appended when cut (default "...")')
    fit.set_defaults(run=_run_fit)


def parse_field(spec: str) -> tuple[str, Any]:
    """``NAME=[MIN-]MAX[:ALPHABET]`` as (name, :class:`smsenc.Field`)."""
    from .. import Field

    name, equals, rest = spec.partition("=")
    lengths, colon, alphabet = rest.partition(":")
    low, dash, high = lengths.rpartition("-")
    try:
        maximum, minimum = int(high), int(low) if dash else 0
    except ValueError:
        maximum = minimum = -1
    if not (name and equals) or maximum < 0 or minimum < 0:
        raise ValueError(
            f"--field {spec!r}: write NAME=MAX, NAME=MIN-MAX or NAME=MIN-MAX:ALPHABET "
            "(e.g. code=6-6:digits)"
        )
    return name, Field(maximum, minimum, alphabet if colon else "gsm")


def _run_template(args: argparse.Namespace) -> dict[str, Any]:
    from .. import template_bounds

    fields = dict(parse_field(spec) for spec in args.field)
    return template_bounds(
        args.template,
        fields,
        language_request(args),
        args.transliteration,
        **table_keywords(args),
        reference_bits=args.reference_bits,
        keep_graphemes=args.keep_graphemes,
    ).to_dict()


def _run_fit(args: argparse.Namespace) -> dict[str, Any]:
    from .. import fit, segment

    options: dict[str, Any] = {
        "language_code": language_request(args),
        "transliteration": args.transliteration,
        **table_keywords(args),
        "reference_bits": args.reference_bits,
        "keep_graphemes": args.keep_graphemes,
    }
    fitted = fit(args.text, args.max_parts, args.ellipsis, **options)
    result = segment(fitted, max_parts=None, **options)
    return {
        "text": fitted,
        "cut": fitted != args.text,
        "encoding": result.encoding,
        "message_count": result.message_count,
        "characters_remaining": result.characters_remaining,
    }
