"""Parsing TPDUs: SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT (TS 23.040 §9.2.2).

:func:`parse` reads what a modem lists (``AT+CMGL`` in PDU mode: SMSC address, then the
TPDU) or a bare TPDU, names every header field, and decodes the user data with
:func:`smsenc.decode` (national shift IEs honoured).  Each result's ``decoded`` is a
:class:`smsenc.DecodedPart`, so the parts of a message go back together with
``smsenc.reassemble(p.decoded for p in parsed)``.  Malformed data is a
:class:`smsenc.DecodeError` naming the field and its octet offset in the PDU.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ..arguments import check_bool, type_error
from ..decoding import DecodedPart, decode
from ..errors import DecodeError
from ..gsm.dcs import alphabet_of
from ..gsm.udh import USER_DATA_OCTETS, Concatenation, parse_header
from .address import Address, read_address, read_smsc
from .build import MMS, MTI_DELIVER, MTI_STATUS_REPORT, MTI_SUBMIT, RD, RP, SRR, UDHI
from .timestamp import TIMESTAMP_OCTETS, decode_enhanced, decode_timestamp, relative_period

Direction = Literal["mt", "mo"]
"""``"mt"``: SC to MS (what a phone receives); ``"mo"``: MS to SC (what it sends)."""

LP = 0x08  # TP-Loop-Prevention, SMS-DELIVER / STATUS-REPORT bit 3 (§9.2.3.28)
SRI = 0x20  # TP-Status-Report-Indication, SMS-DELIVER bit 5 (§9.2.3.4)
SRQ = 0x20  # TP-Status-Report-Qualifier, SMS-STATUS-REPORT bit 5 (§9.2.3.26)
MAX_SEPTETS = USER_DATA_OCTETS * 8 // 7  # TP-UDL limits (§9.2.3.16)

# TP-MTI by direction (§9.2.3.1): the types parse() does not read, by name.
_OTHER_TYPES = {
    ("mo", MTI_DELIVER): "SMS-DELIVER-REPORT",
    ("mt", MTI_SUBMIT): "SMS-SUBMIT-REPORT",
    ("mo", MTI_STATUS_REPORT): "SMS-COMMAND",
}

# TP-Status (§9.2.3.15): bits 6-5 give the kind, the rest the reason.
_STATUS_KINDS = (
    "short message transaction completed",
    "temporary error, SC still trying to transfer SM",
    "permanent error, SC is not making any more transfer attempts",
    "temporary error, SC is not making any more transfer attempts",
)
_STATUS_REASONS = {
    0x00: "short message received by the SME",
    0x01: "short message forwarded by the SC to the SME but the SC is unable to confirm delivery",
    0x02: "short message replaced by the SC",
    0x20: "congestion",
    0x21: "SME busy",
    0x22: "no response from SME",
    0x23: "service rejected",
    0x24: "quality of service not available",
    0x25: "error in SME",
    0x40: "remote procedure error",
    0x41: "incompatible destination",
    0x42: "connection rejected by SME",
    0x43: "not obtainable",
    0x44: "quality of service not available",
    0x45: "no interworking available",
    0x46: "SM validity period expired",
    0x47: "SM deleted by originating SME",
    0x48: "SM deleted by SC administration",
    0x49: "SM does not exist",
    0x60: "congestion",
    0x61: "SME busy",
    0x62: "no response from SME",
    0x63: "service rejected",
    0x64: "quality of service not available",
    0x65: "error in SME",
}


def status_meaning(status: int) -> str:
    """What a TP-ST octet means (TS 23.040 §9.2.3.15): its kind, then its reason."""
    if status & 0x80:
        return "reserved"
    kind = _STATUS_KINDS[status >> 5]
    if status & 0x10:
        return f"{kind}: value specific to the SC"
    return f"{kind}: {_STATUS_REASONS.get(status, 'reserved')}"


class Tpdu:
    """What every parsed TPDU has: the base of :class:`Deliver`, :class:`Submit` and
    :class:`StatusReport`.

    Each kind is an immutable tuple of its fields (a ``typing.NamedTuple``), these first:
    ``smsc``, ``first_octet``, ``udhi``, ``protocol_identifier``, ``dcs``, ``udl``,
    ``user_data`` (the raw TP-UD) and ``decoded``, its text and header (None for 8-bit
    data, compressed text or no user data).  Copy one with ``_replace(field=value)``,
    read its fields with ``_asdict()``, or all of it, JSON-ready, with :meth:`to_dict`.
    """

    # No instance dictionary: the fields live in the tuple of each kind, which comes
    # before this class in their method resolution order.
    __slots__ = ()

    if TYPE_CHECKING:  # the fields each kind's tuple defines, read-only, for mypy

        def _asdict(self) -> dict[str, Any]: ...

        @property
        def smsc(self) -> Address | None: ...
        @property
        def first_octet(self) -> int: ...
        @property
        def udhi(self) -> bool: ...
        @property
        def protocol_identifier(self) -> int | None: ...
        @property
        def dcs(self) -> int | None: ...
        @property
        def udl(self) -> int | None: ...
        @property
        def user_data(self) -> bytes: ...
        @property
        def decoded(self) -> DecodedPart | None: ...

    @property
    def text(self) -> str | None:
        """The decoded text, None when ``decoded`` is."""
        return None if self.decoded is None else self.decoded.text

    @property
    def concatenation(self) -> Concatenation | None:
        """The concatenation IE the header carries, if any."""
        return None if self.decoded is None else self.decoded.concatenation

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: octets as hex, times in ISO 8601, periods in seconds."""
        result: dict[str, Any] = {"type": TYPE_NAMES[type(self)]}
        for name, value in self._asdict().items():
            result[name] = _plain(value)
        result["text"] = self.text
        return result


def _plain(value: object) -> object:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, (Address, DecodedPart)):
        return value.to_dict()
    return value


# Each kind is a NamedTuple of all its fields (Tpdu's first, in the same order) under a
# class that adds Tpdu as a base: a NamedTuple class itself cannot take a second base.


class _DeliverFields(NamedTuple):
    smsc: Address | None
    first_octet: int
    udhi: bool
    protocol_identifier: int | None
    dcs: int | None
    udl: int | None
    user_data: bytes
    decoded: DecodedPart | None
    more_messages_to_send: bool
    loop_prevention: bool
    status_report_indication: bool
    reply_path: bool
    originator: Address
    timestamp: datetime


class Deliver(_DeliverFields, Tpdu):
    """SMS-DELIVER (§9.2.2.1), an immutable tuple of its fields.

    ``more_messages_to_send`` is TP-MMS read as its name says (the bit is 0 when more
    are waiting)."""

    __slots__ = ()


class _SubmitFields(NamedTuple):
    smsc: Address | None
    first_octet: int
    udhi: bool
    protocol_identifier: int | None
    dcs: int | None
    udl: int | None
    user_data: bytes
    decoded: DecodedPart | None
    reject_duplicates: bool
    validity_format: Literal["relative", "enhanced", "absolute"] | None
    validity: timedelta | datetime | None
    status_report_request: bool
    reply_path: bool
    message_reference: int
    destination: Address


class Submit(_SubmitFields, Tpdu):
    """SMS-SUBMIT (§9.2.2.2), an immutable tuple of its fields.

    ``validity``: a ``timedelta`` (relative or enhanced TP-VP), an aware ``datetime``
    (absolute) or None; ``validity_format`` says which."""

    __slots__ = ()


class _StatusReportFields(NamedTuple):
    smsc: Address | None
    first_octet: int
    udhi: bool
    protocol_identifier: int | None
    dcs: int | None
    udl: int | None
    user_data: bytes
    decoded: DecodedPart | None
    more_messages_to_send: bool
    loop_prevention: bool
    status_report_qualifier: bool
    message_reference: int
    recipient: Address
    timestamp: datetime
    discharge_time: datetime
    status: int
    parameter_indicator: int | None


class StatusReport(_StatusReportFields, Tpdu):
    """SMS-STATUS-REPORT (§9.2.2.3), an immutable tuple of its fields.

    The fate of the submission ``message_reference``: ``status`` is TP-ST, and
    ``status_meaning`` says it in words."""

    __slots__ = ()

    @property
    def status_meaning(self) -> str:
        """TP-ST in words (:func:`status_meaning`)."""
        return status_meaning(self.status)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, as :meth:`Tpdu.to_dict`, with ``status_meaning`` last."""
        result = super().to_dict()
        result["status_meaning"] = self.status_meaning
        return result


TYPE_NAMES: dict[type[Tpdu], str] = {
    Deliver: "SMS-DELIVER",
    Submit: "SMS-SUBMIT",
    StatusReport: "SMS-STATUS-REPORT",
}

_HEX_JUNK = re.compile(r"\s+")


def _octets(data: object) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if not isinstance(data, str):
        raise type_error("data", data, "bytes or a hex str")
    digits = _HEX_JUNK.sub("", data)
    if len(digits) % 2:
        raise DecodeError(
            f"hex PDU of {len(digits)} digits ends in half an octet (a lone semi-octet)",
            offset=len(digits) // 2,
        )
    bad = re.search(r"[^0-9A-Fa-f]", digits)
    if bad:
        raise DecodeError(f"{bad.group()!r} is not a hex digit", offset=bad.start() // 2)
    return bytes.fromhex(digits)


class _Reader:
    """Octets of one PDU, read in order; every shortfall names its field."""

    def __init__(self, data: bytes, offset: int) -> None:
        self.data = data
        self.offset = offset

    def octet(self, field: str) -> int:
        if self.offset >= len(self.data):
            raise DecodeError(
                f"{field} is missing: the PDU ends after {len(self.data)} octets",
                offset=self.offset,
            )
        self.offset += 1
        return self.data[self.offset - 1]

    def address(self, field: str) -> Address:
        address, self.offset = read_address(self.data, self.offset, field)
        return address

    def timestamp(self, field: str) -> datetime:
        moment = decode_timestamp(self.data, self.offset, field)
        self.offset += TIMESTAMP_OCTETS
        return moment

    def user_data(self, dcs: int, udhi: bool, udl: int) -> tuple[bytes, DecodedPart | None]:
        """TP-UD of ``udl`` (§9.2.3.16), which must end the PDU, and its decoding."""
        try:
            alphabet: str | None = alphabet_of(dcs)
        except ValueError:  # 8-bit data or compressed: no text to decode
            alphabet = None
        septets = alphabet == "GSM7"
        limit = MAX_SEPTETS if septets else USER_DATA_OCTETS
        start = self.offset - 1
        if udl > limit:
            raise DecodeError(
                f"TP-UDL {udl} exceeds {limit} {'septets' if septets else 'octets'} "
                "(TS 23.040 §9.2.3.16)",
                offset=start,
            )
        octets = -(-7 * udl // 8) if septets else udl
        end = self.offset + octets
        if end > len(self.data):
            raise DecodeError(
                f"TP-UD: TP-UDL {udl} needs {octets} octets at {self.offset}, the PDU has "
                f"{len(self.data) - self.offset}",
                offset=self.offset,
            )
        if end < len(self.data):
            raise DecodeError(
                f"{len(self.data) - end} octet(s) after TP-UD, which ends the TPDU", offset=end
            )
        user_data = self.data[self.offset : end]
        origin, self.offset = self.offset, end
        try:
            if alphabet is None:
                if udhi:
                    parse_header(user_data)  # a bad header is still a fault
                return user_data, None
            return user_data, decode(user_data, dcs=dcs, udhi=udhi, udl=udl)
        except DecodeError as error:
            raise DecodeError(
                f"TP-UD (octets {origin} on): {error.reason}, "
                f"at {error.unit} {error.offset} within it",
                offset=origin,
            ) from None


def parse(
    data: bytes | str, *, direction: Direction | None = None, has_smsc: bool = True
) -> Deliver | Submit | StatusReport:
    """Parse one PDU: bytes, or hex as a modem prints it (whitespace ignored).

    ``has_smsc``: the PDU starts with the SMSC address (as ``AT+CMGL`` lists it and
    :func:`submit` / :func:`deliver` build it); False for a bare TPDU.  ``direction``:
    TP-MTI means different types each way (§9.2.3.1); None reads 00 as SMS-DELIVER, 01
    as SMS-SUBMIT and 10 as SMS-STATUS-REPORT, which is what a modem's message store
    holds; ``"mt"`` (SC to MS) or ``"mo"`` (MS to SC) makes the other types of that
    direction a :class:`DecodeError` naming them.
    """
    if direction is not None and direction not in ("mt", "mo"):
        if not isinstance(direction, str):
            raise type_error("direction", direction, "a str or None")
        raise ValueError(f"direction must be 'mt', 'mo' or None, got {direction!r}")
    check_bool("has_smsc", has_smsc)
    octets = _octets(data)
    smsc, offset = read_smsc(octets) if has_smsc else (None, 0)
    reader = _Reader(octets, offset)
    first = reader.octet("first octet (TP-MTI)")
    mti = first & 0b11
    if mti == 0b11:
        raise DecodeError("TP-MTI 11 is reserved (TS 23.040 §9.2.3.1)", offset=offset)
    other = _OTHER_TYPES.get((direction or "", mti))
    if other is not None:
        raise DecodeError(
            f"TP-MTI {mti:02b} {'from MS to SC' if direction == 'mo' else 'from SC to MS'} "
            f"is {other}, which parse() does not read",
            offset=offset,
        )
    common: dict[str, Any] = {"smsc": smsc, "first_octet": first, "udhi": bool(first & UDHI)}
    if mti == MTI_DELIVER:
        return _deliver(reader, first, common)
    if mti == MTI_SUBMIT:
        return _submit(reader, first, common)
    return _status_report(reader, first, common)


def _body(reader: _Reader, common: dict[str, Any], dcs: int) -> dict[str, Any]:
    udl = reader.octet("TP-UDL")
    user_data, decoded = reader.user_data(dcs, common["udhi"], udl)
    return {**common, "dcs": dcs, "udl": udl, "user_data": user_data, "decoded": decoded}


def _deliver(reader: _Reader, first: int, common: dict[str, Any]) -> Deliver:
    originator = reader.address("TP-OA")
    pid = reader.octet("TP-PID")
    dcs = reader.octet("TP-DCS")
    timestamp = reader.timestamp("TP-SCTS")
    return Deliver(
        **_body(reader, common, dcs),
        protocol_identifier=pid,
        more_messages_to_send=not first & MMS,
        loop_prevention=bool(first & LP),
        status_report_indication=bool(first & SRI),
        reply_path=bool(first & RP),
        originator=originator,
        timestamp=timestamp,
    )


def _submit(reader: _Reader, first: int, common: dict[str, Any]) -> Submit:
    reference = reader.octet("TP-MR")
    destination = reader.address("TP-DA")
    pid = reader.octet("TP-PID")
    dcs = reader.octet("TP-DCS")
    vpf = (first >> 3) & 0b11  # §9.2.3.3: 00 none, 10 relative, 01 enhanced, 11 absolute
    validity: timedelta | datetime | None = None
    form: Literal["relative", "enhanced", "absolute"] | None = None
    if vpf == 0b10:
        form, validity = "relative", relative_period(reader.octet("TP-VP"))
    elif vpf == 0b11:
        form, validity = "absolute", reader.timestamp("TP-VP")
    elif vpf == 0b01:
        form, validity = "enhanced", decode_enhanced(reader.data, reader.offset)
        reader.offset += TIMESTAMP_OCTETS
    return Submit(
        **_body(reader, common, dcs),
        protocol_identifier=pid,
        reject_duplicates=bool(first & RD),
        validity_format=form,
        validity=validity,
        status_report_request=bool(first & SRR),
        reply_path=bool(first & RP),
        message_reference=reference,
        destination=destination,
    )


def _status_report(reader: _Reader, first: int, common: dict[str, Any]) -> StatusReport:
    reference = reader.octet("TP-MR")
    recipient = reader.address("TP-RA")
    timestamp = reader.timestamp("TP-SCTS")
    discharge = reader.timestamp("TP-DT")
    status = reader.octet("TP-ST")
    indicator = pid = udl = None
    dcs = 0x00  # TP-DCS absent: the default alphabet (§9.2.3.27)
    user_data: bytes = b""
    decoded = None
    if reader.offset < len(reader.data):
        indicator = more = reader.octet("TP-PI")
        while more & 0x80:  # the extension bit: another TP-PI octet follows (§9.2.3.27)
            more = reader.octet("TP-PI (extension)")
        if indicator & 0x01:
            pid = reader.octet("TP-PID")
        if indicator & 0x02:
            dcs = reader.octet("TP-DCS")
        if indicator & 0x04:
            body = _body(reader, common, dcs)
            udl, user_data, decoded = body["udl"], body["user_data"], body["decoded"]
        elif reader.offset < len(reader.data):
            raise DecodeError(
                f"{len(reader.data) - reader.offset} octet(s) after the fields TP-PI announces",
                offset=reader.offset,
            )
    return StatusReport(
        **common,
        protocol_identifier=pid,
        dcs=dcs if indicator is not None and indicator & 0x06 else None,
        udl=udl,
        user_data=user_data,
        decoded=decoded,
        more_messages_to_send=not first & MMS,
        loop_prevention=bool(first & LP),
        status_report_qualifier=bool(first & SRQ),
        message_reference=reference,
        recipient=recipient,
        timestamp=timestamp,
        discharge_time=discharge,
        status=status,
        parameter_indicator=indicator,
    )
