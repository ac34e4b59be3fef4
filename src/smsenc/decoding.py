"""``decode()``: user data back to text, header included; ``reassemble()`` for parts.

The user data header (TS 23.040 §9.2.3.24) is parsed into information elements; the
national language IEs (§9.2.3.24.15, §9.2.3.24.16) choose the tables that decode the
septets (TS 23.038 §6.2.1, Annex A), and the concatenation IEs (§9.2.3.24.1,
§9.2.3.24.8) let :func:`reassemble` put the parts back in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .alphabet import ErrorHandler, septets_to_text
from .charsets import BY_IDENTIFIER, Language
from .dcs import DCS_GSM7, alphabet_of
from .errors import DecodeError
from .packing import CR, unpack
from .udh import (
    NO_HEADER,
    Concatenation,
    Header,
    InformationElement,
    fill_bits,
    header_septets,
    parse_header,
)

if TYPE_CHECKING:
    from .encoding import EncodedMessage, EncodedPart

ERRORS = ("strict", "replace", "ignore")


@dataclass(frozen=True)
class DecodedPart:
    """One part's text and header.  ``information_elements`` lists every IE of the
    header in order, the recognised ones included; ``locking_shift`` and
    ``single_shift`` are the national tables the header named (None: default), as in
    :class:`~smsenc.Segmentation`."""

    text: str
    udh: bytes
    information_elements: tuple[InformationElement, ...]
    concatenation: Concatenation | None
    locking_shift: Language | None
    single_shift: Language | None

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
            "locking_shift": self.locking_shift.code if self.locking_shift else None,
            "single_shift": self.single_shift.code if self.single_shift else None,
            "information_elements": [
                {"iei": ie.iei, "data": ie.data.hex()} for ie in self.information_elements
            ],
        }


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
    header = parse_header(data) if udhi else NO_HEADER
    if alphabet == "UCS2":  # national shift tables apply to 7-bit text only
        text = _decode_ucs2(data, len(header.udh), udl)
        return DecodedPart(text, header.udh, header.elements, header.concatenation, None, None)
    text = _decode_gsm7(data, header, packed, udl, errors)
    return DecodedPart(
        text,
        header.udh,
        header.elements,
        header.concatenation,
        BY_IDENTIFIER.get(header.locking_id),
        BY_IDENTIFIER.get(header.single_shift_id),
    )


def _decode_gsm7(data: bytes, header: Header, packed: bool, udl: int | None, errors: str) -> str:
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
    # Tested without importing the encoder: an EncodedMessage is not iterable.
    parts = message if isinstance(message, Iterable) else message.parts
    return reassemble(
        decode(part.user_data, dcs=part.dcs, udhi=part.udhi, packed=part.packed, udl=part.udl)
        for part in parts
    )
