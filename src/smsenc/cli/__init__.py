"""Command line: a thin shell over the public functions, one module per command group.

Each group module has ``register(commands)``, which adds its subcommands and sets
``run`` on each: a function of the parsed arguments that returns JSON-ready data (which
:func:`main` prints) or an exit status (for commands that write their own output).
``smsenc --help`` lists them; ``python -m smsenc`` is the same program.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from . import campaign, core, count, inbound, pdu, serve, smpp

GROUPS = (core, campaign, count, pdu, smpp, inbound, serve)
"""The command group modules, in the order ``--help`` lists their commands."""


class _Version(argparse.Action):
    """``--version``: prints ``smsenc X.Y.Z`` and exits 0, as Unix tools do.

    Unlike argparse's own version action, it reads the installed version only when
    asked: the package metadata costs an import every other command would pay."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        super().__init__(option_strings, argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("smsenc")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "(version unknown: not installed; pip install -e .)"
        sys.stdout.write(f"smsenc {number}\n")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    """The whole argument parser: every group's subcommands."""
    top = argparse.ArgumentParser(
        prog="smsenc", description="How a text goes out as SMS: encoding, parts, room left."
    )
    top.add_argument("--version", action=_Version, help="print the version and exit")
    commands = top.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(commands)
    return top


def emit(result: Any) -> None:
    """Print ``result`` as indented JSON; ``\\u`` escapes where the output cannot carry a
    character (a lone surrogate, or a narrow terminal encoding)."""
    text = json.dumps(result, ensure_ascii=False, indent=2)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        text = json.dumps(result, indent=2)
    sys.stdout.write(text + "\n")


def invalid_utf8(argv: Sequence[str]) -> str | None:
    """A message naming the first argument that was not valid UTF-8, or None.

    Python hands such bytes over as lone surrogates U+DC80..U+DCFF
    (``surrogateescape``); counted as text they would be UCS-2, so they are refused
    with the offending byte and its offset instead."""
    for number, arg in enumerate(argv, start=1):
        if not any("\udc80" <= char <= "\udcff" for char in arg):
            continue
        data = arg.encode("utf-8", "surrogateescape")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            return (
                f"argument {number} is not valid UTF-8: byte 0x{data[error.start]:02X} "
                f"at offset {error.start} ({error.reason})"
            )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 2 (with a message on stderr) for bad input."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    problem = invalid_utf8(arguments)
    if problem is not None:
        print(f"smsenc: {problem}", file=sys.stderr)
        return 2
    args = parser().parse_args(arguments)
    try:
        result = args.run(args)
    except ValueError as error:  # SmsencError included: every message names what to fix
        print(f"smsenc: {error}", file=sys.stderr)
        return 2
    if isinstance(result, int) and not isinstance(result, bool):
        return result
    emit(result)
    return 0
