"""The ``reassemble`` command: parts received (JSON Lines) in, whole messages out.

smsenc reassemble FILE|- [--output FILE] [--timeout S] [--max-pending N]
                         [--placeholder TEXT] [--json]

Each line of FILE is one part received, as a JSON object:

- ``{"sender": "+4670...", "received_at": 1700000000, "user_data": "0500030A0201...",
  "dcs": 0, "udhi": true}``: TP-UD or SMPP short_message as hex, with ``packed`` (default
  true; false for SMPP's one septet per octet) and ``udl`` (TP-UDL) as ``decode`` takes
  them, and ``"sar": {"reference": 10, "total": 2, "sequence": 1}`` for SMPP's SAR TLVs;
- ``{"pdu": "0791...", "received_at": ...}``: an SMS-DELIVER or SMS-SUBMIT as a modem lists
  it (``"tpdu"`` for a bare TPDU); ``sender`` defaults to a DELIVER's originator.

``received_at`` is seconds since the epoch or ISO 8601 with a UTC offset (default: when
the line is read); as it advances, messages older than ``--timeout`` come out partial, and
at the end of the file every message still pending does.  Messages are written as JSON
Lines (partial ones with ``"complete": false`` and their ``missing`` parts) to standard
output or ``--output``; the summary goes to standard error (JSON with ``--json``).

Exit status: 0 when every line was a part, 1 when some were not (each reported with its
line number), 2 for a usage or file error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from .. import ESCAPE, Concatenation, DecodedPart, DecodeError, Reassembler, decode
from ..inbound import DEFAULT_PLACEHOLDER, DEFAULT_TIMEOUT, Message
from .core import positive

_FIELDS = {
    "sender",
    "received_at",
    "user_data",
    "dcs",
    "udhi",
    "packed",
    "udl",
    "sar",
    "pdu",
    "tpdu",
}
_EXPIRY_STEP = 60.0  # seconds of the file's clock between two expire() calls


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {value!r}")
    return seconds


def register(commands: Any) -> None:
    """Add ``reassemble`` to ``commands``."""
    command = commands.add_parser(
        "reassemble",
        help="join parts received (JSONL: hex user data or TPDUs) into messages",
        description="Join the parts of concatenated messages, in any order, duplicates "
        "dropped: one JSON line per message (partial ones marked) and a summary. Bad lines "
        "are reported on stderr with their number.",
    )
    command.add_argument("file", metavar="FILE", help="JSON Lines of parts, or - for stdin")
    command.add_argument("--output", "-o", help="write the messages here (else stdout)")
    command.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=DEFAULT_TIMEOUT,
        help=f"seconds a message waits for its parts (default {DEFAULT_TIMEOUT:g})",
    )
    command.add_argument(
        "--max-pending", type=positive, help="at most this many messages waiting at once"
    )
    command.add_argument(
        "--placeholder",
        default=DEFAULT_PLACEHOLDER,
        help=f"a partial message's text for each missing part (default {DEFAULT_PLACEHOLDER})",
    )
    command.add_argument("--json", action="store_true", help="the summary as JSON")
    command.set_defaults(run=run)


class _Summary:
    """What the summary counts."""

    def __init__(self) -> None:
        self.parts = self.bad_lines = self.complete = self.partial = 0
        self.duplicates = self.conflicts = 0

    def count(self, message: Message) -> None:
        if message.complete:
            self.complete += 1
        else:
            self.partial += 1
        self.duplicates += message.duplicates
        self.conflicts += len(message.conflicts)

    def to_dict(self, late_duplicates: int) -> dict[str, int]:
        return {
            "parts": self.parts,
            "bad_lines": self.bad_lines,
            "messages": self.complete + self.partial,
            "complete": self.complete,
            "partial": self.partial,
            "duplicates": self.duplicates + late_duplicates,
            "conflicts": self.conflicts,
        }


def run(args: argparse.Namespace) -> int:
    """Reassemble the file; write the messages and the summary; the exit status."""
    reassembler = Reassembler(
        timeout=args.timeout, max_pending=args.max_pending, placeholder=args.placeholder
    )
    summary = _Summary()
    try:
        source = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
    except OSError as error:
        raise ValueError(f"{args.file}: {error.strerror or error}") from None
    try:
        output = sys.stdout if args.output is None else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        source.close()
        raise ValueError(f"{args.output}: {error.strerror or error}") from None
    name = "<stdin>" if args.file == "-" else args.file
    try:
        _reassemble(source, output, name, reassembler, summary)
    finally:
        if source is not sys.stdin.buffer:
            source.close()
        if output is not sys.stdout:
            output.close()
    data = summary.to_dict(reassembler.late_duplicates)
    if args.json:
        print(json.dumps(data), file=sys.stderr)
    else:
        width = max(map(len, data))
        for label, value in data.items():
            print(f"{label.replace('_', ' '):<{width}} {value:>9,}", file=sys.stderr)
    return 1 if summary.bad_lines else 0


def _reassemble(
    source: IO[bytes], output: IO[str], name: str, reassembler: Reassembler, summary: _Summary
) -> None:
    expired_at: float | None = None
    for number, line in _lines(source):
        try:
            part, sender, received_at = _part(line)
            if expired_at is None or received_at >= expired_at + _EXPIRY_STEP:
                # The file's own clock decides what has waited too long.
                for expired in reassembler.expire(received_at):
                    _write(output, expired, summary)
                expired_at = received_at
            message = reassembler.add(part, sender=sender, received_at=received_at)
        except (ValueError, TypeError) as error:  # the line's; DecodeError included
            summary.bad_lines += 1
            print(f"smsenc: {name}: line {number}: {error}", file=sys.stderr)
            continue
        summary.parts += 1
        if message is not None:
            _write(output, message, summary)
    for flushed in reassembler.flush():
        _write(output, flushed, summary)


def _lines(source: IO[bytes]) -> Iterator[tuple[int, str]]:
    """(number, text) of each line that is not blank; bad UTF-8 stays for _part to name."""
    for number, raw in enumerate(source, start=1):
        text = raw.decode("utf-8", "surrogateescape").strip()
        if text:
            yield number, text


def _write(output: IO[str], message: Message, summary: _Summary) -> None:
    summary.count(message)
    text = json.dumps(message.to_dict(), ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (half of a pair whose other part is gone)
        text = json.dumps(message.to_dict())
    output.write(text + "\n")
    output.flush()


def _part(line: str) -> tuple[DecodedPart, str, float]:
    """The part, its sender and its arrival time from one JSON line."""
    for index, char in enumerate(line):
        if "\udc80" <= char <= "\udcff":
            raise ValueError(f"invalid UTF-8: byte 0x{ord(char) - 0xDC00:02X} at character {index}")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error.msg} (column {error.colno})") from None
    if not isinstance(record, dict):
        raise ValueError(f"a line must be a JSON object, not {type(record).__name__}")
    unknown = sorted(set(record) - _FIELDS)
    if unknown:
        raise ValueError(
            f"unknown field {', '.join(map(repr, unknown))}; a line takes "
            f"{', '.join(sorted(_FIELDS))}"
        )
    given = [field for field in ("user_data", "pdu", "tpdu") if field in record]
    if len(given) != 1:
        raise ValueError("a line needs exactly one of user_data, pdu, tpdu")
    received_at = _received_at(record.get("received_at"))
    if given[0] == "user_data":
        part = _user_data(record)
        sender = record.get("sender")
    else:
        for field in ("dcs", "udhi", "packed", "udl", "sar"):
            if field in record:
                raise ValueError(f"{field} goes with user_data; a TPDU carries its own")
        part, sender = _tpdu(record[given[0]], given[0] == "pdu", record.get("sender"))
    if not isinstance(sender, str):
        raise ValueError("sender must be a string" if sender is not None else "no sender")
    return part, sender, received_at


def _received_at(value: object) -> float:
    if value is None:
        return time.time()
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"received_at {value!r} is not an ISO 8601 time") from None
        if moment.utcoffset() is None:
            raise ValueError(f"received_at {value!r} needs a UTC offset")
        return moment.timestamp()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"received_at must be finite, got {value}")
        return float(value)
    raise ValueError(
        f"received_at must be seconds since the epoch or ISO 8601, not {type(value).__name__}"
    )


def _hex(field: str, value: object) -> bytes:
    if not isinstance(value, str):
        raise ValueError(f"{field} must be a hex string, not {type(value).__name__}")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise ValueError(f"{field} is not hex: {value[:40]!r}") from None


def _user_data(record: dict[str, Any]) -> DecodedPart:
    """``decode()`` of the line's user data, SAR TLVs applied."""
    data = _hex("user_data", record["user_data"])
    options = {
        "dcs": record.get("dcs", 0),
        "udhi": record.get("udhi", False),
        "packed": record.get("packed", True),
        "udl": record.get("udl"),
    }
    sar = record.get("sar")
    if sar is None:
        return decode(data, **options)
    if not isinstance(sar, dict) or set(sar) != {"reference", "total", "sequence"}:
        raise ValueError('sar must be {"reference": R, "total": T, "sequence": S}')
    ends_in_escape = False
    try:
        part = decode(data, **options)
    except DecodeError as error:
        # A sender that cuts every 153 septets can leave an escape at the end of a part
        # but the last; with SAR the header cannot tell decode() so (SMPP: one septet
        # per octet), so the escape is taken off here and rejoined by the Reassembler.
        last = error.unit == "octet" and error.offset == len(data) - 1 and data[-1] == ESCAPE
        if not (last and not options["packed"] and sar["sequence"] != sar["total"]):
            raise
        part = decode(data[:-1], **options)
        ends_in_escape = True
    if part.concatenation is not None:
        raise ValueError("sar given for a part whose header has a concatenation IE")
    # SMPP 3.4 §5.3.2.22-24: sar_msg_ref_num (2 octets), sar_total_segments,
    # sar_segment_seqnum; the Reassembler checks their ranges.
    return DecodedPart(
        text=part.text,
        udh=part.udh,
        information_elements=part.information_elements,
        concatenation=Concatenation(
            reference=sar["reference"],
            total=sar["total"],
            sequence=sar["sequence"],
            reference_bits=16,
            scheme="sar",
        ),
        locking_shift=part.locking_shift,
        single_shift=part.single_shift,
        ends_in_escape=ends_in_escape,
    )


def _tpdu(value: object, has_smsc: bool, sender: object) -> tuple[DecodedPart, object]:
    from ..pdu import Deliver, StatusReport, parse

    if not isinstance(value, str):
        raise ValueError(f"{'pdu' if has_smsc else 'tpdu'} must be a hex string")
    parsed = parse(value, has_smsc=has_smsc)
    if isinstance(parsed, StatusReport):
        raise ValueError("an SMS-STATUS-REPORT is not a part of a message")
    if parsed.decoded is None:
        raise ValueError(f"TP-DCS 0x{parsed.dcs or 0:02X}: 8-bit or compressed data, no text")
    if sender is None and isinstance(parsed, Deliver):
        sender = parsed.originator.number
    return parsed.decoded, sender
