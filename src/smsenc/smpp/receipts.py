"""``parse_receipt()``: SMSC delivery receipts (SMPP 3.4 Appendix B), read tolerantly.

Appendix B calls its format "not mandatory", and SMSCs vary it: fields in any order and
any case, some missing, vendor fields added, ids in decimal or hex, dates with seconds.
The ``deliver_sm`` TLVs ``receipted_message_id`` (§5.3.2.12), ``message_state``
(§5.3.2.35) and ``network_error_code`` (§5.3.2.31), when present, take precedence over
the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from ..arguments import check_bytes, check_int, check_str, type_error
from .submit import SHORT_MESSAGE_OCTETS

MESSAGE_STATES: Mapping[int, str] = MappingProxyType(
    {
        1: "ENROUTE",
        2: "DELIVRD",
        3: "EXPIRED",
        4: "DELETED",
        5: "UNDELIV",
        6: "ACCEPTD",
        7: "UNKNOWN",
        8: "REJECTD",
    }
)
"""message_state values (§5.2.28: 1 ENROUTE .. 8 REJECTED) and the ``stat`` text
Appendix B Table B-2 gives each final state (ENROUTE is not final; SMSCs that report it
write ``ENROUTE``)."""

_STATE_OF_STAT = {stat: state for state, stat in MESSAGE_STATES.items()}

_KEY = re.compile(r"(?<!\S)(submit[ _]?date|done[ _]?date|[A-Za-z][\w-]*)[ \t]*:", re.IGNORECASE)
"""A field name and its colon, at the start or after white space.  Only the two names of
Appendix B hold a space, so a value followed by a name is never read as one name."""

_DATE = re.compile(r"(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?")


class NetworkErrorCode(NamedTuple):
    """The network_error_code TLV (§5.3.2.31); a tuple: network type (1 ANSI-136, 2 IS-95,
    3 GSM, 4 ANSI-136 cause, 5 IS-95 cause, 6 ANSI-41, 7 SMPP, 8 SMSC specific) and the
    2-octet error code."""

    network_type: int
    error_code: int


class Receipt(NamedTuple):
    """A delivery receipt (Appendix B) with typed fields; a tuple.

    ``id``: the message id (a str, as sent: decimal or hex; see :meth:`matches`).
    ``sub`` / ``dlvrd``: messages submitted and delivered.  ``submit_date`` /
    ``done_date``: naive datetimes (Appendix B names no time zone).  ``stat``: the final
    state as Table B-2 spells it (upper case).  ``err``: the error code as sent.
    ``text``: the rest of the receipt after ``text:``.  ``message_state``: §5.2.28's
    number (from the TLV, else from ``stat``), ``network_error_code`` from the TLV.
    ``extra``: the vendor fields, (lower-case name, value) in order.  Missing fields are
    None."""

    id: str
    sub: int | None
    dlvrd: int | None
    submit_date: datetime | None
    done_date: datetime | None
    stat: str
    err: str | None
    text: str | None
    message_state: int | None
    network_error_code: NetworkErrorCode | None
    extra: tuple[tuple[str, str], ...]

    def matches(self, message_id: str) -> bool:
        """Whether this receipt is about ``message_id`` (submit_sm_resp's, §4.4.2).

        SMSCs often return the id in hex in submit_sm_resp and in decimal in the
        receipt, or the other way round: equal strings (ignoring case and leading
        zeros) match, and so do a decimal and a hex spelling of the same number."""
        theirs = check_str("message_id", message_id).lower().lstrip("0")
        ours = self.id.lower().lstrip("0")
        if ours == theirs:
            return True
        for decimal, hexadecimal in ((ours, theirs), (theirs, ours)):
            if (
                decimal.isdigit()
                and re.fullmatch(r"[0-9a-f]+", hexadecimal)
                and int(decimal) == int(hexadecimal, 16)
            ):
                return True
        return False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates in ISO 8601."""
        error = self.network_error_code
        return {
            "id": self.id,
            "sub": self.sub,
            "dlvrd": self.dlvrd,
            "submit_date": None if self.submit_date is None else self.submit_date.isoformat(),
            "done_date": None if self.done_date is None else self.done_date.isoformat(),
            "stat": self.stat,
            "err": self.err,
            "text": self.text,
            "message_state": self.message_state,
            "network_error_code": None if error is None else error._asdict(),
            "extra": dict(self.extra),
        }


def parse_receipt(short_message: bytes | str, tlvs: Mapping[str, object] | None = None) -> Receipt:
    """Read a delivery receipt's text (``deliver_sm`` with ``esm_class`` 0x04, §4.6.1).

    ``short_message``: the receipt as bytes (read as Latin-1, so no octet is lost) or
    text; when it is empty, ``tlvs["message_payload"]`` is read instead.  ``tlvs``: the
    PDU's optional parameters by name (a None value is absent).  Field names are read in
    any case, in any order; ``text:`` runs to the end, as Appendix B puts it last and
    the original message may hold anything.  A receipt needs an id and a state (from
    the text or the TLVs): without either it is a ValueError naming what is missing.
    """
    if tlvs is None:
        tlvs = {}
    elif not isinstance(tlvs, Mapping):
        raise type_error("tlvs", tlvs, "a mapping of TLV names to values, or None")
    if isinstance(short_message, str):
        receipt = short_message
    else:
        receipt = check_bytes("short_message", short_message, SHORT_MESSAGE_OCTETS).decode(
            "latin-1"
        )
    payload = tlvs.get("message_payload")
    if not receipt and payload is not None:
        receipt = check_bytes("message_payload", payload, 0xFFFF).decode("latin-1")
    fields, extra = _fields(receipt)
    identifier = _tlv_text(tlvs.get("receipted_message_id")) or fields.get("id")
    given = tlvs.get("message_state")
    stat = fields.get("stat")
    state = None
    if given is not None:
        state = check_int("message_state", given, 1, 8)
        stat = MESSAGE_STATES[state]
    elif stat is not None:
        stat = stat.upper()
        state = _STATE_OF_STAT.get(stat)
    if not identifier:
        raise ValueError(
            "not a delivery receipt: no id field (nor a receipted_message_id TLV) in "
            f"{receipt[:60]!r}"
        )
    if not stat:
        raise ValueError(
            f"not a delivery receipt: no stat field (nor a message_state TLV) in {receipt[:60]!r}"
        )
    return Receipt(
        id=identifier,
        sub=_count("sub", fields.get("sub")),
        dlvrd=_count("dlvrd", fields.get("dlvrd")),
        submit_date=_date("submit date", fields.get("submit date")),
        done_date=_date("done date", fields.get("done date")),
        stat=stat,
        err=fields.get("err") or None,
        text=fields.get("text"),
        message_state=state,
        network_error_code=_network_error(tlvs.get("network_error_code")),
        extra=tuple(extra),
    )


_KNOWN = ("id", "sub", "dlvrd", "submit date", "done date", "stat", "err", "text")


def _fields(receipt: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Appendix B's fields by name (the first of each), and every other field in order."""
    found = list(_KEY.finditer(receipt))
    fields: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    for index, match in enumerate(found):
        name = re.sub(r"[ _]?date$", " date", match.group(1).lower())
        if name == "text":  # the original message's start: it runs to the end
            fields.setdefault("text", receipt[match.end() :].lstrip())
            break
        end = found[index + 1].start() if index + 1 < len(found) else len(receipt)
        value = receipt[match.end() : end].strip()
        if name in _KNOWN and name not in fields:
            fields[name] = value
        else:
            extra.append((name, value))
    return fields, extra


def _count(name: str, value: str | None) -> int | None:
    """sub / dlvrd: decimal digits, zero-padded in Appendix B."""
    if not value:
        return None
    if not value.isdigit():
        raise ValueError(f"{name} must be decimal digits, got {value!r}")
    return int(value)


def _date(name: str, value: str | None) -> datetime | None:
    """YYMMDDhhmm (Appendix B), or YYMMDDhhmmss as many SMSCs send it.

    Two-digit years 90-99 are 1990-1999 and 00-89 2000-2089, as smsenc reads TPDU time
    stamps (README, "Two-digit years")."""
    if not value:
        return None
    match = _DATE.fullmatch(value)
    if match is None:
        raise ValueError(f"{name} must be YYMMDDhhmm or YYMMDDhhmmss, got {value!r}")
    year, month, day, hour, minute, second = (int(group or 0) for group in match.groups())
    try:
        return datetime(year + (1900 if year >= 90 else 2000), month, day, hour, minute, second)
    except ValueError as error:
        raise ValueError(f"{name} {value!r} is not a date: {error}") from None


def _tlv_text(value: object) -> str | None:
    """receipted_message_id: a C-octet string (§5.3.2.12), given as bytes or str."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        value = bytes(value).decode("latin-1")
    if not isinstance(value, str):
        raise type_error("receipted_message_id", value, "bytes or a str")
    return value.rstrip("\x00") or None


def _network_error(value: object) -> NetworkErrorCode | None:
    """network_error_code: network type (1 octet) and error code (2 octets), §5.3.2.31."""
    if value is None:
        return None
    data = check_bytes("network_error_code", value, 3)
    if len(data) != 3:
        raise ValueError(f"network_error_code must be 3 octets, got {len(data)}")
    return NetworkErrorCode(network_type=data[0], error_code=int.from_bytes(data[1:], "big"))
