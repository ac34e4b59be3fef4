"""The user data header (3GPP TS 23.040 §9.2.3.24): its layout, the capacities it
leaves (§9.2.3.16), building it and parsing it.

A part carries at most 140 octets of user data.  The header (UDHL octet + information
elements) comes first; 7-bit text after it starts on the next septet boundary (fill
bits), so every capacity here is derived from octet and bit arithmetic, never tabulated.
Each IE's layout is known here once, for :meth:`Layout.header` and :func:`parse_header`.
"""

from __future__ import annotations

from functools import cache
from typing import Literal, NamedTuple

from ..arguments import check_int
from ..errors import DecodeError
from .charsets import LOCKING_TABLES, SINGLE_SHIFT_TABLES, Encoding

USER_DATA_OCTETS = 140
"""Maximum TP-User-Data length of one short message (TS 23.040 §9.2.3.16)."""

MAX_PARTS = 255
"""The concatenation IEs count parts in one octet (TS 23.040 §9.2.3.24.1 and .8)."""

IEI_CONCATENATION_8BIT = 0x00  # TS 23.040 §9.2.3.24.1: ref(1) total(1) seq(1)
IEI_CONCATENATION_16BIT = 0x08  # TS 23.040 §9.2.3.24.8: ref(2) total(1) seq(1)
IEI_SINGLE_SHIFT = 0x24  # TS 23.040 §9.2.3.24.15: national language identifier(1)
IEI_LOCKING_SHIFT = 0x25  # TS 23.040 §9.2.3.24.16: national language identifier(1)

ReferenceBits = Literal[8, 16]


def concatenation_ie_octets(reference_bits: int) -> int:
    """IEI + IEDL + data: 5 octets with an 8-bit reference, 6 with a 16-bit one."""
    return 2 + (3 if reference_bits == 8 else 4)


SHIFT_IE_OCTETS = 3
"""IEI + IEDL + language identifier, for either national language IE."""


def check_reference(reference: object, bits: ReferenceBits) -> int:
    """A concatenation reference number: 0..255, or 0..65535 with 16-bit references."""
    limit = 1 << bits
    check_int("reference", reference)
    assert isinstance(reference, int)
    if not 0 <= reference < limit:
        raise ValueError(
            f"reference must be 0..{limit - 1} with {bits}-bit references, got {reference}"
        )
    return reference


def header_septets(udh_octets: int) -> int:
    """Septets a header of ``udh_octets`` takes in 7-bit user data, fill bits included:
    the text starts on the next septet boundary (TS 23.040 §9.2.3.24)."""
    return -(-8 * udh_octets // 7)


def fill_bits(udh_octets: int) -> int:
    """Fill bits between a header of ``udh_octets`` and the first septet: 0..6."""
    return 7 * header_septets(udh_octets) - 8 * udh_octets


def septet_capacity(udh_octets: int) -> int:
    """Septets of text that fit after a header of ``udh_octets`` (UDHL included):
    140 octets are 160 septets, less the header's septets."""
    return USER_DATA_OCTETS * 8 // 7 - header_septets(udh_octets)


def ucs2_capacity(udh_octets: int) -> int:
    """UTF-16 code units of text that fit after a header of ``udh_octets``."""
    return (USER_DATA_OCTETS - udh_octets) // 2


class Layout(NamedTuple):
    """What every part of a message carries besides its text (a tuple of its fields).

    ``locking_id`` / ``single_shift_id`` are national language identifiers, 0 for the
    default tables (which need no IE).  UCS-2 layouts always have both at 0.  The header
    size and capacity of a single-part and of a concatenated message follow from the
    first four fields; :func:`layout` works them out once and keeps one layout of each
    kind (there are at most a few hundred).
    """

    encoding: Encoding
    locking_id: int
    single_shift_id: int
    reference_bits: ReferenceBits
    single_udh_octets: int
    multi_udh_octets: int
    single_capacity: int
    multi_capacity: int

    def udh_octets(self, concatenated: bool) -> int:
        """Header size in octets, UDHL included; 0 when there is no header at all."""
        return self.multi_udh_octets if concatenated else self.single_udh_octets

    def capacity(self, concatenated: bool) -> int:
        """Septets (GSM7) or UTF-16 code units (UCS2) of text one part holds."""
        return self.multi_capacity if concatenated else self.single_capacity

    def header(self, reference: int, total: int, sequence: int) -> bytes:
        """The UDH of part ``sequence`` (1-based) of ``total``: concatenation IE first,
        then the national single shift and locking shift IEs; empty when none applies."""
        ies = bytearray()
        if total > 1:
            if self.reference_bits == 8:
                ies += bytes((IEI_CONCATENATION_8BIT, 3, reference, total, sequence))
            else:
                ies += bytes((IEI_CONCATENATION_16BIT, 4, reference >> 8, reference & 0xFF))
                ies += bytes((total, sequence))
        if self.single_shift_id:
            ies += bytes((IEI_SINGLE_SHIFT, 1, self.single_shift_id))
        if self.locking_id:
            ies += bytes((IEI_LOCKING_SHIFT, 1, self.locking_id))
        return bytes((len(ies),)) + bytes(ies) if ies else b""


def header_octets(
    concatenated: bool, reference_bits: ReferenceBits, locking_id: int, single_shift_id: int
) -> int:
    """Header size in octets, UDHL included, of a part with these IEs; 0 without any."""
    ies = concatenation_ie_octets(reference_bits) if concatenated else 0
    ies += SHIFT_IE_OCTETS * (bool(locking_id) + bool(single_shift_id))
    return 1 + ies if ies else 0


@cache
def layout(
    encoding: Encoding,
    locking_id: int = 0,
    single_shift_id: int = 0,
    reference_bits: ReferenceBits = 8,
) -> Layout:
    """The shared :class:`Layout` for these settings, its sizes worked out."""
    single = header_octets(False, reference_bits, locking_id, single_shift_id)
    multi = header_octets(True, reference_bits, locking_id, single_shift_id)
    capacity = septet_capacity if encoding == "GSM7" else ucs2_capacity
    return Layout(
        encoding,
        locking_id,
        single_shift_id,
        reference_bits,
        single,
        multi,
        capacity(single),
        capacity(multi),
    )


# --- parsing ---------------------------------------------------------------------


class InformationElement(NamedTuple):
    """One IE of a user data header, undecoded: identifier and data (a tuple of both)."""

    iei: int
    data: bytes

    def to_dict(self) -> dict[str, int | str]:
        """JSON-ready: the data as hex."""
        return {"iei": self.iei, "data": self.data.hex()}


ConcatenationScheme = Literal["udh", "sar"]
"""Where a part's concatenation info travelled: a UDH information element (TS 23.040
§9.2.3.24.1 / .8), or SMPP's SAR TLVs (SMPP 3.4 §5.3.2.22-24), whose reference is 16-bit."""


class Concatenation(NamedTuple):
    """Which message a part belongs to (``reference``) and which part of how many.

    A tuple of its five fields.  ``scheme`` says where that came from: ``"udh"`` (an 8-
    or 16-bit concatenation IE) or ``"sar"`` (SMPP's SAR TLVs); parts of different
    schemes or reference sizes never belong to one message.
    """

    reference: int
    total: int
    sequence: int
    reference_bits: int
    scheme: ConcatenationScheme = "udh"

    def to_dict(self) -> dict[str, int | str]:
        """The fields as JSON-ready data, keys named as the attributes."""
        return self._asdict()


class Header(NamedTuple):
    """A parsed user data header: its octets (UDHL included), every IE in order, and
    what the recognised IEs say (national language identifiers: 0 for the default)."""

    udh: bytes
    elements: tuple[InformationElement, ...]
    concatenation: Concatenation | None
    locking_id: int
    single_shift_id: int


NO_HEADER = Header(b"", (), None, 0, 0)
"""What user data without a header (TP-UDHI = 0) carries."""


def parse_header(user_data: bytes) -> Header:
    """Parse UDHL and the IEs (TS 23.040 §9.2.3.24); offsets are octets of the TP-UD."""
    if not user_data:
        raise DecodeError("UDHI is set but the user data is empty: no UDHL", offset=0, unit="octet")
    end = 1 + user_data[0]
    if end > len(user_data):
        raise DecodeError(
            f"UDHL {user_data[0]} runs past the end of {len(user_data)} octets of user data",
            offset=0,
            unit="octet",
        )
    elements: list[InformationElement] = []
    concatenation = None
    locking_id = single_id = 0
    at = 1
    while at < end:
        if at + 2 > end:
            raise DecodeError(
                "information element without its length octet", offset=at, unit="octet"
            )
        iei, length = user_data[at], user_data[at + 1]
        start = at + 2
        if start + length > end:
            raise DecodeError(
                f"IE 0x{iei:02X} of {length} octets runs past the end of the header",
                offset=at,
                unit="octet",
            )
        data = user_data[start : start + length]
        elements.append(InformationElement(iei, data))
        # A repeated IE: the last occurrence counts (TS 23.040 §9.2.3.24).
        if iei in (IEI_CONCATENATION_8BIT, IEI_CONCATENATION_16BIT):
            concatenation = _concatenation(iei, data, at) or concatenation
        elif iei in (IEI_SINGLE_SHIFT, IEI_LOCKING_SHIFT):
            if length != 1:
                raise DecodeError(
                    f"national language IE 0x{iei:02X} must have 1 octet, not {length}",
                    offset=at,
                    unit="octet",
                )
            if iei == IEI_SINGLE_SHIFT:
                # A table we lack is ignored, as a non-supporting receiver does
                # (TS 23.038 Annex C.2): the default tables decode instead.
                single_id = data[0] if data[0] in SINGLE_SHIFT_TABLES else 0
            else:
                locking_id = data[0] if data[0] in LOCKING_TABLES else 0
        at = start + length
    return Header(user_data[:end], tuple(elements), concatenation, locking_id, single_id)


def _concatenation(iei: int, data: bytes, at: int) -> Concatenation | None:
    """TS 23.040 §9.2.3.24.1 (8-bit reference) and §9.2.3.24.8 (16-bit reference).

    A total of 0, or a sequence number of 0 or above the total, makes the receiver
    "ignore the whole Information Element" (both clauses): None, as if absent."""
    bits = 8 if iei == IEI_CONCATENATION_8BIT else 16
    size = bits // 8 + 2
    if len(data) != size:
        raise DecodeError(
            f"concatenation IE 0x{iei:02X} must have {size} octets, not {len(data)}",
            offset=at,
            unit="octet",
        )
    reference = int.from_bytes(data[:-2], "big")
    total, sequence = data[-2], data[-1]
    if not 1 <= sequence <= total:
        return None
    return Concatenation(reference, total, sequence, bits)
