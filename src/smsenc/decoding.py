"""``decode()``: user data back to text, header included; ``reassemble()`` for parts.

The user data header (TS 23.040 §9.2.3.24) is parsed into information elements; the
national language IEs (§9.2.3.24.15, §9.2.3.24.16) choose the tables that decode the
septets (TS 23.038 §6.2.1, Annex A), and the concatenation IEs (§9.2.3.24.1,
§9.2.3.24.8) let :func:`reassemble` put the parts back in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .charsets import ESC, ESCAPE, LOCKING_TABLES, SINGLE_SHIFT_TABLES
from .encoding import DCS_GSM7, EncodedMessage, EncodedPart
from .errors import DecodeError
from .septets import unpack
from .udh import (
    IEI_CONCATENATION_8BIT,
    IEI_CONCATENATION_16BIT,
    IEI_LOCKING_SHIFT,
    IEI_SINGLE_SHIFT,
    Encoding,
    fill_bits,
    header_septets,
)

CR = 0x0D
"""Filler of 7 spare bits at the end of packed septets (TS 23.038 §6.1.2.3.1)."""

ERRORS = ("strict", "replace", "ignore")

ErrorHandler = Callable[[int, int, str], tuple[str, int]]
"""Gets a fault's septet span and reason; gives the replacement and the septet to resume at."""
"""``(start, end, reason) -> replacement`` for septets ``start:end``; may raise."""


@dataclass(frozen=True)
class InformationElement:
    """One IE of a user data header, undecoded: identifier and data."""

    iei: int
    data: bytes


@dataclass(frozen=True)
class Concatenation:
    """A concatenation IE: which message (``reference``) and which part of how many."""

    reference: int
    total: int
    sequence: int
    reference_bits: int


@dataclass(frozen=True)
class DecodedPart:
    """One part's text and header.  ``information_elements`` lists every IE of the
    header in order, the recognised ones included; ``locking_shift_id`` and
    ``single_shift_id`` are the national language tables used (0: default)."""

    text: str
    udh: bytes
    information_elements: tuple[InformationElement, ...]
    concatenation: Concatenation | None
    locking_shift_id: int
    single_shift_id: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: octets as hex strings."""
        concatenation = self.concatenation
        return {
            "text": self.text,
            "udh": self.udh.hex(),
            "concatenation": None
            if concatenation is None
            else {
                "reference": concatenation.reference,
                "total": concatenation.total,
                "sequence": concatenation.sequence,
                "reference_bits": concatenation.reference_bits,
            },
            "locking_shift_id": self.locking_shift_id,
            "single_shift_id": self.single_shift_id,
            "information_elements": [
                {"iei": ie.iei, "data": ie.data.hex()} for ie in self.information_elements
            ],
        }


# --- septets to text -----------------------------------------------------------------


@lru_cache(maxsize=64)
def _decoding(
    locking_id: int, single_shift_id: int
) -> tuple[dict[int, str], tuple[tuple[str, str], ...], re.Pattern[bytes]]:
    """The tables for one pair of shift tables.

    ``str.translate`` table: a defined septet to its character; an escape pair,
    first rewritten as one private character above U+00FF, to its character; anything
    else (undefined septet, octet above 0x7F, escape left over) to ESC, so a single
    ``in`` test finds every fault.  Also the escape pairs to rewrite, and a pattern
    matching the octets that need more than a table look-up.
    """
    table: dict[int, str] = dict.fromkeys(range(256), ESC)
    plain = LOCKING_TABLES[locking_id].characters
    for septet, char in enumerate(plain):
        if char is not None:
            table[septet] = char
    pairs = []
    for septet, char in enumerate(SINGLE_SHIFT_TABLES[single_shift_id].characters):
        if char is not None and septet != ESCAPE:
            table[0x100 + septet] = char
            pairs.append((ESC + chr(septet), chr(0x100 + septet)))
    special = bytes(s for s, char in enumerate(plain) if char is None) + bytes([ESCAPE])
    pattern = re.compile(b"[" + re.escape(special) + rb"\x80-\xff]")
    return table, tuple(pairs), pattern


def septets_to_text(
    septets: bytes, locking_id: int, single_shift_id: int, on_error: ErrorHandler
) -> str:
    """Decode septets, one per octet (ESC + septet for the single shift table).

    Faults go to ``on_error`` with their septet span: an octet above 0x7F or a septet
    the locking table leaves undefined (one septet), an escape before a septet the
    single shift table leaves undefined, ESC ESC included (two), a final escape (one);
    decoding resumes at the septet it names.
    """
    table, pairs, pattern = _decoding(locking_id, single_shift_id)
    text = septets.decode("latin-1")
    if ESC in text and ESC + ESC not in text:
        # With no ESC ESC every escape pairs with the septet after it, so the rewrites
        # cannot overlap; a pair left unrewritten leaves its ESC, caught below.
        for pair, mark in pairs:
            if pair in text:
                text = text.replace(pair, mark)
    decoded = text.translate(table)
    if ESC not in decoded:
        return decoded
    return _walk(septets, table, pattern, SINGLE_SHIFT_TABLES[single_shift_id].characters, on_error)


def _walk(
    septets: bytes,
    table: dict[int, str],
    pattern: re.Pattern[bytes],
    single: tuple[str | None, ...],
    on_error: ErrorHandler,
) -> str:
    """The slow path, taken only when there is a fault: one step per escape or fault,
    table look-ups in between."""
    out: list[str] = []
    pos = 0
    length = len(septets)
    while (found := pattern.search(septets, pos)) is not None:
        at = found.start()
        out.append(septets[pos:at].decode("latin-1").translate(table))
        septet = septets[at]
        if septet != ESCAPE:
            reason = (
                f"octet 0x{septet:02X} is not a septet"
                if septet > 0x7F
                else f"septet 0x{septet:02X} is undefined in the locking shift table"
            )
            replacement, pos = on_error(at, at + 1, reason)
        elif at + 1 == length:
            replacement, pos = on_error(at, at + 1, "escape (0x1B) is the last septet")
        else:
            escaped = septets[at + 1]
            char = single[escaped] if escaped < len(single) and escaped != ESCAPE else None
            if char is None:
                reason = (
                    f"escape followed by septet 0x{escaped:02X}, undefined in the single "
                    "shift table"
                )
                replacement, pos = on_error(at, at + 2, reason)
            else:
                replacement, pos = char, at + 2
        out.append(replacement)
    out.append(septets[pos:].decode("latin-1").translate(table))
    return "".join(out)


# --- user data header ----------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    udh: bytes
    elements: tuple[InformationElement, ...]
    concatenation: Concatenation | None
    locking_id: int
    single_shift_id: int


def _parse_header(user_data: bytes) -> _Header:
    """Parse UDHL and the IEs (TS 23.040 §9.2.3.24); offsets are octets of the TP-UD."""
    if not user_data:
        raise DecodeError("UDHI is set but the user data is empty: no UDHL", offset=0)
    end = 1 + user_data[0]
    if end > len(user_data):
        raise DecodeError(
            f"UDHL {user_data[0]} runs past the end of {len(user_data)} octets of user data",
            offset=0,
        )
    elements: list[InformationElement] = []
    concatenation = None
    locking_id = single_id = 0
    at = 1
    while at < end:
        if at + 2 > end:
            raise DecodeError("information element without its length octet", offset=at)
        iei, length = user_data[at], user_data[at + 1]
        start = at + 2
        if start + length > end:
            raise DecodeError(
                f"IE 0x{iei:02X} of {length} octets runs past the end of the header",
                offset=at,
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
                )
            if iei == IEI_SINGLE_SHIFT:
                # A table we lack is ignored, as a non-supporting receiver does
                # (TS 23.038 Annex C.2): the default tables decode instead.
                single_id = data[0] if data[0] in SINGLE_SHIFT_TABLES else 0
            else:
                locking_id = data[0] if data[0] in LOCKING_TABLES else 0
        at = start + length
    return _Header(user_data[:end], tuple(elements), concatenation, locking_id, single_id)


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
        )
    reference = int.from_bytes(data[:-2], "big")
    total, sequence = data[-2], data[-1]
    if not 1 <= sequence <= total:
        return None
    return Concatenation(reference, total, sequence, bits)


# --- decode ----------------------------------------------------------------------------


def _handler(errors: str, origin: int, unit: str) -> ErrorHandler:
    """``on_error`` for ``errors``; strict raises at ``origin + start`` in ``unit``s."""
    if errors == "strict":

        def fail(start: int, end: int, reason: str) -> tuple[str, int]:
            raise DecodeError(f"{reason} ({unit} offset)", offset=origin + start)

        return fail
    replacement = "\ufffd" if errors == "replace" else ""
    return lambda start, end, reason: (replacement, end)


def decode(
    user_data: bytes,
    *,
    dcs: int = DCS_GSM7,
    udhi: bool = False,
    packed: bool = True,
    udl: int | None = None,
    errors: str = "strict",
) -> DecodedPart:
    """Decode one part's user data (TP-UD, or SMPP short_message when ``packed=False``).

    ``dcs``: the TP-DCS (TS 23.038 §4); any value announcing GSM 7-bit or UCS-2 text,
    message classes and waiting indications included (see :func:`alphabet_of`).
    ``udhi``: the data starts with a header.  ``udl``: TP-UDL (septets including the
    header's for 7-bit, octets for UCS-2).  Without it a packed text ends where the
    octets do; when the last octet's 7 spare bits would read as a septet, CR there is
    taken as padding (TS 23.038 §6.1.2.3.1) and zero (SMS padding, §6.1.2.1.1, or a
    real "@") is a :class:`DecodeError` asking for ``udl``.  ``errors``: "strict"
    raises :class:`DecodeError`; "replace" puts U+FFFD for an undefined septet or a
    dangling escape; "ignore" drops it.  Header faults always raise; a concatenation IE
    with an impossible total or sequence number is ignored, as TS 23.040 §9.2.3.24.1
    says.

    ``DecodeError.offset`` counts octets of ``user_data``, except for faults in packed
    septets, where it counts septets of the TP-UD, header septets included (as TP-UDL).
    """
    alphabet = alphabet_of(dcs)
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {', '.join(ERRORS)}, got {errors!r}")
    data = bytes(user_data)
    header = _parse_header(data) if udhi else _Header(b"", (), None, 0, 0)
    if alphabet == "UCS2":  # national shift tables apply to 7-bit text only
        text = _decode_ucs2(data, len(header.udh), udl)
        return DecodedPart(text, header.udh, header.elements, header.concatenation, 0, 0)
    text = _decode_gsm7(data, header, packed, udl, errors)
    return DecodedPart(
        text,
        header.udh,
        header.elements,
        header.concatenation,
        header.locking_id,
        header.single_shift_id,
    )


def alphabet_of(dcs: int) -> Encoding:
    """The alphabet a TP-DCS announces (TS 23.038 §4).  Reserved codings count as the
    GSM 7-bit default alphabet, as §4 tells a receiver; 8-bit data and compressed text
    are a ``ValueError``, since decode() reads text."""
    if not isinstance(dcs, int) or isinstance(dcs, bool) or not 0 <= dcs <= 0xFF:
        raise ValueError(f"dcs must be an octet (0..255), got {dcs!r}")
    group = dcs >> 4
    if group <= 0b0111:  # general data coding, with or without automatic deletion
        if dcs & 0x20:
            raise ValueError(f"dcs 0x{dcs:02X} announces compressed text, which is not supported")
        alphabet = (dcs >> 2) & 0b11  # 00 GSM 7-bit, 01 8-bit data, 10 UCS-2, 11 reserved
    elif group == 0b1110:  # message waiting indication, UCS-2
        alphabet = 0b10
    elif group == 0b1111:  # data coding / message class: bit 2 = 8-bit data
        alphabet = (dcs >> 2) & 0b01
    else:  # message waiting indication in GSM 7-bit (1100, 1101); reserved (1000-1011)
        alphabet = 0b00
    if alphabet == 0b01:
        raise ValueError(
            f"dcs 0x{dcs:02X} announces 8-bit data, not text: decode() reads GSM 7-bit "
            "(e.g. 0x00, 0x11, 0xF1) and UCS-2 (0x08, 0x18)"
        )
    return "UCS2" if alphabet == 0b10 else "GSM7"


def _decode_gsm7(data: bytes, header: _Header, packed: bool, udl: int | None, errors: str) -> str:
    """The 7-bit text after the header, with the tables its national IEs name."""
    octets = len(header.udh)
    skipped = header_septets(octets)
    if packed:
        septets = _packed_septets(data, octets, udl)
        on_error = _handler(errors, skipped, "septet")
    else:
        septets = data[octets:]
        if udl is not None:
            count = _septet_count(udl, skipped)
            if count > len(septets):
                raise DecodeError(
                    f"TP-UDL {udl} needs {count} septets after the header, only "
                    f"{len(septets)} present",
                    offset=len(data),
                )
            septets = septets[:count]
        on_error = _handler(errors, octets, "octet")
    return septets_to_text(septets, header.locking_id, header.single_shift_id, on_error)


def _septet_count(udl: int, skipped: int) -> int:
    if udl < skipped:
        raise DecodeError(f"TP-UDL {udl} is shorter than the header's {skipped} septets", offset=0)
    return udl - skipped


def _packed_septets(data: bytes, octets: int, udl: int | None) -> bytes:
    """The septets after the header and its fill bits (TS 23.040 §9.2.3.24)."""
    fill = fill_bits(octets)
    payload = data[octets:]
    available = (8 * len(payload) - fill) // 7 if payload else 0
    if udl is None:
        septets = unpack(payload, available, fill)
        if payload and (8 * len(payload) - fill) % 7 == 0:
            # The last septet may be the last octet's 7 spare bits.  SMS pads them with
            # zeros (TS 23.038 §6.1.2.1.1), which read as "@"; CBS and USSD pad with CR
            # (§6.1.2.3.1).  A zero septet there is a real "@" or padding: only TP-UDL
            # tells, so ask for it rather than guess.
            if septets[-1] == 0x00:
                raise DecodeError(
                    "the last octet's 7 spare bits read as '@' or are zero padding: "
                    "pass udl (TP-UDL) to decode packed 7-bit data exactly",
                    offset=len(data) - 1,
                )
            if septets[-1] == CR:
                return septets[:-1]
        return septets
    count = _septet_count(udl, header_septets(octets))
    if count > available:
        raise DecodeError(
            f"TP-UDL {udl} needs {count} septets after the header, only {available} fit "
            f"in {len(data)} octets",
            offset=len(data),
        )
    return unpack(payload, count, fill)


def _decode_ucs2(data: bytes, octets: int, udl: int | None) -> str:
    end = len(data)
    if udl is not None:
        if udl > end:
            raise DecodeError(f"TP-UDL {udl} exceeds the {end} octets of user data", offset=end)
        if udl < octets:
            raise DecodeError(f"TP-UDL {udl} is shorter than the header", offset=0)
        end = udl
    if (end - octets) % 2:
        raise DecodeError("UCS-2 text of an odd number of octets", offset=end - 1)
    # surrogatepass: a lone surrogate (half of a pair split by a foreign sender) survives.
    return data[octets:end].decode("utf-16-be", "surrogatepass")


# --- reassembly ----------------------------------------------------------------------


def reassemble(parts: Iterable[DecodedPart]) -> str:
    """The text of a concatenated message, parts ordered by sequence number.

    A lone part without a concatenation IE is its own text.  ``DecodeError.offset`` is
    the index in ``parts`` of the part at fault (the count of parts when one is missing).
    """
    given = list(parts)
    if not given:
        raise DecodeError("no parts to reassemble", offset=0)
    first = given[0].concatenation
    if first is None:
        if len(given) == 1:
            return given[0].text
        raise DecodeError("a part of several has no concatenation IE", offset=0)
    texts: dict[int, str] = {}
    for index, part in enumerate(given):
        concatenation = part.concatenation
        if concatenation is None:
            raise DecodeError("a part of several has no concatenation IE", offset=index)
        if (concatenation.reference, concatenation.reference_bits) != (
            first.reference,
            first.reference_bits,
        ):
            raise DecodeError(
                f"reference {concatenation.reference} ({concatenation.reference_bits}-bit) "
                f"differs from {first.reference} ({first.reference_bits}-bit)",
                offset=index,
            )
        if concatenation.total != first.total:
            raise DecodeError(
                f"total {concatenation.total} differs from {first.total}", offset=index
            )
        if concatenation.sequence in texts:
            raise DecodeError(f"sequence number {concatenation.sequence} repeats", offset=index)
        texts[concatenation.sequence] = part.text
    if len(texts) != first.total:
        missing = sorted(set(range(1, first.total + 1)) - texts.keys())
        raise DecodeError(
            f"parts {', '.join(map(str, missing))} of {first.total} are missing",
            offset=len(given),
        )
    text = "".join(texts[sequence] for sequence in range(1, first.total + 1))
    if not text.isascii():
        # A surrogate pair split across UCS-2 parts joins up again.
        text = text.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")
    return text


def decode_message(message: EncodedMessage | Iterable[EncodedPart]) -> str:
    """Decode each part with its own dcs, udhi, packing and udl, then reassemble."""
    parts = message.parts if isinstance(message, EncodedMessage) else message
    return reassemble(
        decode(part.user_data, dcs=part.dcs, udhi=part.udhi, packed=part.packed, udl=part.udl)
        for part in parts
    )
