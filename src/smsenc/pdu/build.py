"""Building TPDUs: SMS-SUBMIT (3GPP TS 23.040 §9.2.2.2) and SMS-DELIVER (§9.2.2.1).

Each part of :func:`smsenc.encode` becomes one TPDU: its TP-DCS, TP-UDHI, TP-UDL and
TP-UD come from the part; the rest is the header around it.  Every PDU starts with the
SMSC address, as ``AT+CMGS`` and ``AT+CMGL`` carry it (TS 27.005 §3.1): ``00`` means the
modem's stored SMSC.  :func:`tpdu_length` is the ``<length>`` ``AT+CMGS`` wants.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ..arguments import check_bool, check_bytes, check_int, type_error
from .address import destination_field, sender_field, smsc_field
from .timestamp import encode_relative, encode_timestamp

MTI_DELIVER = 0b00  # TP-MTI, bits 1-0 of the first octet (§9.2.3.1)
MTI_SUBMIT = 0b01
MTI_STATUS_REPORT = 0b10
RD = 0x04  # TP-Reject-Duplicates, SMS-SUBMIT bit 2 (§9.2.3.25)
MMS = 0x04  # TP-More-Messages-to-Send, SMS-DELIVER bit 2: 1 = no more (§9.2.3.2)
VPF_RELATIVE = 0b10 << 3  # TP-VPF, SMS-SUBMIT bits 4-3 (§9.2.3.3)
VPF_ABSOLUTE = 0b11 << 3
SRR = 0x20  # TP-Status-Report-Request, SMS-SUBMIT bit 5 (§9.2.3.5)
UDHI = 0x40  # TP-UDHI, bit 6 (§9.2.3.23)
RP = 0x80  # TP-Reply-Path, bit 7 (§9.2.3.17)
PID_DEFAULT = 0x00  # TP-PID: plain short message, no interworking (§9.2.3.9)


def _validity(validity: object) -> tuple[int, bytes]:
    """TP-VPF bits and the TP-VP octets for ``validity`` (§9.2.3.12)."""
    if validity is None:
        return 0, b""
    if isinstance(validity, timedelta):
        return VPF_RELATIVE, bytes((encode_relative(validity),))
    if isinstance(validity, datetime):
        if validity.microsecond:  # up to the next second: never expire earlier than asked
            validity += timedelta(microseconds=1_000_000 - validity.microsecond)
        return VPF_ABSOLUTE, encode_timestamp(validity, "validity")
    raise type_error(
        "validity", validity, "a timedelta (relative), an aware datetime (absolute) or None"
    )


def submit(
    text: str,
    destination: str,
    *,
    sender: str | None = None,
    smsc: str | None = None,
    validity: timedelta | datetime | None = None,
    status_report: bool = False,
    message_reference: int = 0,
    reject_duplicates: bool = False,
    reply_path: bool = False,
    **options: Any,
) -> list[bytes]:
    """One SMS-SUBMIT PDU per part of ``text`` (TS 23.040 §9.2.2.2), SMSC address first.

    ``destination`` (TP-DA): 1-15 digits, optionally led by ``+`` (international, type
    of address 0x91; digits alone are sent as "unknown", 0x81).  ``sender`` is not part
    of an SMS-SUBMIT (the network sets the originator); it is checked by the rules SMS
    platforms enforce (3-16 digits, or 3-11 GSM default alphabet characters), so that a
    gateway rejects what its platform would.  ``smsc``: the SMSC number, or None for
    ``00``, the modem's stored SMSC.

    ``validity`` (TP-VP, §9.2.3.12): a ``timedelta`` is sent relative, rounded **up** to
    the next period the octet can represent (5 minutes to 12 hours in 5-minute steps,
    then 30-minute steps to 24 hours, days to 30 days, weeks to 63 weeks), so the
    message never expires earlier than asked; 0 or more than 63 weeks is a
    ``ValueError``.  An aware ``datetime`` is sent absolute, in its own time zone
    (rounded up to the second).

    ``message_reference`` (TP-MR, 0..255) is that of the first part; each further part
    takes the next (modulo 256), as each is a submission of its own (§9.2.3.6).  The
    other keywords are :func:`smsenc.encode`'s (language, transliteration, reference,
    ...); ``packed=False`` is refused, since a TPDU carries packed septets.
    """
    from ..encoding import encode

    destination_octets = destination_field(destination)
    if sender is not None:
        sender_field(sender)
    prefix = smsc_field(smsc)
    check_int("message_reference", message_reference, 0, 0xFF)  # TP-MR, one octet
    first = MTI_SUBMIT
    first |= RD if check_bool("reject_duplicates", reject_duplicates) else 0
    first |= SRR if check_bool("status_report", status_report) else 0
    first |= RP if check_bool("reply_path", reply_path) else 0
    vpf, vp = _validity(validity)
    first |= vpf
    message = encode(text, **_packed(options))
    return [
        prefix
        + bytes((first | (UDHI if part.udhi else 0), (message_reference + index) & 0xFF))
        + destination_octets
        + bytes((PID_DEFAULT, part.dcs))
        + vp
        + bytes((part.udl,))
        + part.user_data
        for index, part in enumerate(message.parts)
    ]


def deliver(
    text: str,
    originator: str,
    *,
    timestamp: datetime,
    smsc: str | None = None,
    **options: Any,
) -> list[bytes]:
    """One SMS-DELIVER PDU per part of ``text`` (TS 23.040 §9.2.2.1), for tests and
    simulators, SMSC address first.

    ``originator`` (TP-OA): a number (3-16 digits, optional ``+``) or an alphanumeric
    sender ID (3-11 characters of the GSM default alphabet, packed in 7-bit, the
    Address-Length counting semi-octets, §9.1.2.5).  ``timestamp`` (TP-SCTS,
    §9.2.3.11): an aware ``datetime``, sent in its own time zone (quarter hours, sign
    included), to the second.  TP-MMS says no more messages are waiting.  The other
    keywords are :func:`smsenc.encode`'s.
    """
    from ..encoding import encode

    originator_octets = sender_field(originator, "originator")
    scts = encode_timestamp(timestamp, "timestamp")
    prefix = smsc_field(smsc)
    message = encode(text, **_packed(options))
    return [
        prefix
        + bytes((MTI_DELIVER | MMS | (UDHI if part.udhi else 0),))
        + originator_octets
        + bytes((PID_DEFAULT, part.dcs))
        + scts
        + bytes((part.udl,))
        + part.user_data
        for part in message.parts
    ]


def _packed(options: dict[str, Any]) -> dict[str, Any]:
    if options.get("packed", True) is not True:
        raise ValueError(
            "packed must be True: a TPDU carries packed septets (TS 23.038 §6.1.2.1.1)"
        )
    return options


def tpdu_length(pdu: bytes) -> int:
    """The ``<length>`` of ``AT+CMGS=<length>`` (TS 27.005 §3.5.1): octets of the TPDU,
    the leading SMSC address excluded."""
    pdu = check_bytes("pdu", pdu)
    if not pdu or pdu[0] + 1 > len(pdu):
        raise ValueError("pdu must start with an SMSC address (a length octet, 00 for none)")
    return len(pdu) - 1 - pdu[0]
