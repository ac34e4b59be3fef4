"""Addresses (3GPP TS 23.040 §9.1.2.5): numbers in semi-octets, alphanumeric in 7-bit.

An address field is an Address-Length octet, a Type-of-Address octet and the value.  For
a number the length counts its digits (useful semi-octets); for an alphanumeric
originator, packed in the GSM 7-bit default alphabet, it counts the semi-octets the
septets fill.  The SMSC address before a TPDU has the same layout, except that its
length octet counts octets (Type-of-Address included), as TS 24.011 §8.2.5.1 says.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..arguments import check_str
from ..errors import DecodeError
from ..gsm.charsets import DEFAULT_ALPHABET

TOA_INTERNATIONAL = 0x91  # ext 1, type of number 001 international, plan 0001 E.164
TOA_UNKNOWN = 0x81  # ext 1, type of number 000 unknown, plan 0001 E.164
TOA_ALPHANUMERIC = 0xD0  # ext 1, type of number 101 alphanumeric, plan 0000 unknown
TON_INTERNATIONAL = 0b001
TON_ALPHANUMERIC = 0b101

TYPES_OF_NUMBER = (
    "unknown",
    "international",
    "national",
    "network_specific",
    "subscriber",
    "alphanumeric",
    "abbreviated",
    "reserved",
)
"""§9.1.2.5, bits 6-4 of the Type-of-Address."""

# §9.1.2.3: semi-octets 0-9, then *, #, a, b, c (TS 24.008 §10.5.4.7); 1111 is the end mark.
SEMI_OCTET_DIGITS = "0123456789*#abc"
END_MARK = 0xF

MAX_VALUE_OCTETS = 10  # an address field is at most 12 octets (§9.1.2.5)

DESTINATION = re.compile(r"\+?[0-9]{1,15}")
NUMERIC_SENDER = re.compile(r"\+?[0-9]{3,16}")
ALPHANUMERIC_SENDER_LENGTH = (3, 11)


class Address(NamedTuple):
    """One parsed address, an immutable tuple of its two fields.

    ``number`` is the digits (``+`` first for an international number) or the
    alphanumeric text; ``type_of_number`` names bits 6-4 of ``type_of_address``
    (§9.1.2.5), ``numbering_plan`` is bits 3-0.
    """

    number: str
    type_of_address: int

    @property
    def type_of_number(self) -> str:
        """Bits 6-4 of ``type_of_address`` by name, from :data:`TYPES_OF_NUMBER`."""
        return TYPES_OF_NUMBER[(self.type_of_address >> 4) & 0b111]

    @property
    def numbering_plan(self) -> int:
        """Bits 3-0 of ``type_of_address``: 1 for E.164, 0 unknown (§9.1.2.5)."""
        return self.type_of_address & 0x0F

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the fields and ``type_of_number``."""
        return {
            "number": self.number,
            "type_of_address": self.type_of_address,
            "type_of_number": self.type_of_number,
        }


# --- building --------------------------------------------------------------------------


def swap_semi_octets(digits: str) -> bytes:
    """Decimal digits as semi-octets, the first in the low half of each octet, and the
    1111 end mark after an odd count (§9.1.2.3)."""
    padded = digits + "F" * (len(digits) % 2)
    return bytes(int(padded[i + 1] + padded[i], 16) for i in range(0, len(padded), 2))


def _digits(number: str) -> tuple[int, bytes]:
    """Type-of-Address and semi-octets of a number: a leading ``+`` is international
    (0x91), digits alone keep "unknown" (0x81)."""
    toa = TOA_INTERNATIONAL if number.startswith("+") else TOA_UNKNOWN
    return toa, swap_semi_octets(number.lstrip("+"))


def destination_field(destination: object, parameter: str = "destination") -> bytes:
    """TP-DA: an E.164 number of 1-15 digits, optionally led by ``+``."""
    number = check_str(parameter, destination)
    if not DESTINATION.fullmatch(number):
        raise ValueError(
            f"{parameter} must be 1-15 digits with an optional leading '+' (E.164), got {number!r}"
        )
    toa, value = _digits(number)
    return bytes((len(number.lstrip("+")), toa)) + value


def sender_field(sender: object, parameter: str = "sender") -> bytes:
    """TP-OA: a number of 3-16 digits (optional ``+``), or an alphanumeric sender ID of
    3-11 characters of the GSM default alphabet, the rules SMS platforms enforce."""
    text = check_str(parameter, sender)
    if NUMERIC_SENDER.fullmatch(text):
        toa, value = _digits(text)
        return bytes((len(text.lstrip("+")), toa)) + value
    if text.lstrip("+").isdigit() and text.isascii():
        raise ValueError(
            f"{parameter} as a number must be 3-16 digits with an optional leading '+', "
            f"got {text!r} ({len(text.lstrip('+'))} digits)"
        )
    low, high = ALPHANUMERIC_SENDER_LENGTH
    if not low <= len(text) <= high:
        raise ValueError(
            f"{parameter} as an alphanumeric sender ID must be {low}-{high} characters, "
            f"got {text!r} ({len(text)} characters)"
        )
    outside = sorted(set(text) - DEFAULT_ALPHABET.septets.keys())
    if outside:
        # Not even the extension table: an escape pair would take two of the 11 septets
        # the field holds (§9.1.2.5: at most 10 octets of value).
        raise ValueError(
            f"{parameter} as an alphanumeric sender ID must use the GSM default alphabet "
            f"(TS 23.038 §6.2.1, extension table excluded); {text!r} has "
            f"{', '.join(map(repr, outside))}"
        )
    from ..encoding import encode

    (part,) = encode(text, allow_locking_shift=False, allow_single_shift=False).parts
    semi_octets = -(-7 * len(text) // 4)  # the semi-octets the septets fill (§9.1.2.5)
    return bytes((semi_octets, TOA_ALPHANUMERIC)) + part.payload


def smsc_field(smsc: object) -> bytes:
    """The SMSC address that leads a PDU for ``AT+CMGS`` (TS 27.005 §3.1, TS 24.011
    §8.2.5.1): length in octets; ``00`` (use the modem's stored SMSC) when None."""
    if smsc is None:
        return b"\x00"
    number = check_str("smsc", smsc)
    if not DESTINATION.fullmatch(number):
        raise ValueError(
            f"smsc must be 1-15 digits with an optional leading '+' (E.164), or None for "
            f"the modem's own SMSC, got {number!r}"
        )
    toa, value = _digits(number)
    return bytes((1 + len(value), toa)) + value


# --- parsing ---------------------------------------------------------------------------


def _need(data: bytes, offset: int, count: int, field: str) -> None:
    if offset + count > len(data):
        raise DecodeError(
            f"{field} needs {count} octet(s) at {offset}, the PDU has {len(data)}", offset=offset
        )


def _semi_octets(value: bytes, count: int, field: str, origin: int) -> str:
    """``count`` digits from swapped semi-octets; the end mark only as the filler."""
    digits = []
    for index in range(count):
        octet = value[index // 2]
        nibble = octet >> 4 if index % 2 else octet & 0x0F
        if nibble == END_MARK:
            raise DecodeError(
                f"{field}: end mark 1111 at digit {index + 1} of {count}",
                offset=origin + index // 2,
            )
        digits.append(SEMI_OCTET_DIGITS[nibble])
    if count % 2 and value[-1] >> 4 != END_MARK:
        raise DecodeError(
            f"{field}: an odd count of {count} semi-octets must end with the filler 1111, "
            f"got {value[-1] >> 4:04b}",
            offset=origin + len(value) - 1,
        )
    return "".join(digits)


def read_address(data: bytes, offset: int, field: str) -> tuple[Address, int]:
    """The address field at ``offset`` (§9.1.2.5) and the offset after it."""
    _need(data, offset, 2, field)
    length, toa = data[offset], data[offset + 1]
    octets = (length + 1) // 2
    if octets > MAX_VALUE_OCTETS:
        raise DecodeError(
            f"{field}: Address-Length {length} exceeds the 20 semi-octets of §9.1.2.5",
            offset=offset,
        )
    _need(data, offset + 2, octets, field)
    value = data[offset + 2 : offset + 2 + octets]
    if (toa >> 4) & 0b111 == TON_ALPHANUMERIC:
        from ..decoding import decode

        septets = 4 * length // 7
        try:
            text = decode(value, udl=septets).text
        except DecodeError as error:
            raise DecodeError(
                f"{field}: {error.reason}", offset=offset + 2 + 7 * error.offset // 8
            ) from None  # septet to octet
        return Address(text, toa), offset + 2 + octets
    number = _semi_octets(value, length, field, offset + 2)
    if (toa >> 4) & 0b111 == TON_INTERNATIONAL:
        number = "+" + number
    return Address(number, toa), offset + 2 + octets


def read_smsc(data: bytes) -> tuple[Address | None, int]:
    """The SMSC address that leads a PDU from a modem, and the offset of the TPDU."""
    _need(data, 0, 1, "SMSC address")
    length = data[0]
    if length == 0:
        return None, 1
    if length - 1 > MAX_VALUE_OCTETS:
        raise DecodeError(f"SMSC address: length {length} exceeds 11 octets", offset=0)
    _need(data, 1, length, "SMSC address")
    toa, value = data[1], data[2 : 1 + length]
    count = 2 * len(value) - (bool(value) and value[-1] >> 4 == END_MARK)
    number = _semi_octets(value, count, "SMSC address", 2)
    if (toa >> 4) & 0b111 == TON_INTERNATIONAL:
        number = "+" + number
    return Address(number, toa), 1 + length
