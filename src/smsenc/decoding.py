"""``decode()``: user data back to text, header included; ``reassemble()`` for parts.

The user data header (TS 23.040 §9.2.3.24) is parsed into information elements; the
national language IEs (§9.2.3.24.15, §9.2.3.24.16) choose the tables that decode the
septets (TS 23.038 §6.2.1, Annex A), and the concatenation IEs (§9.2.3.24.1,
§9.2.3.24.8) let :func:`reassemble` put the parts back in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from .arguments import (
    check_bool,
    check_bytes,
    check_choice,
    check_iterable,
    check_optional_int,
    check_str,
    type_error,
)
from .encoding import EncodedMessage, EncodedPart
from .errors import DecodeError, OffsetUnit
from .gsm.charsets import BY_IDENTIFIER, ESCAPE, LOCKING_TABLES, SINGLE_SHIFT_TABLES, Language
from .gsm.dcs import DCS_GSM7, alphabet_of
from .gsm.packing import CR, unpack
from .gsm.septets import ErrorHandler, septets_to_text
from .gsm.udh import (
    NO_HEADER,
    Concatenation,
    Header,
    InformationElement,
    fill_bits,
    header_septets,
    parse_header,
)

ERRORS = ("strict", "replace", "ignore")


class DecodedPart(NamedTuple):
    """One part's text and header, as :func:`decode` read them (a tuple of its fields).

    ``information_elements`` lists every IE of the header in order, the recognised
    ones included; ``locking_shift`` and ``single_shift`` are the national tables the
    header named (None: default), as in :class:`~smsenc.Segmentation`.

    ``ends_in_escape``: the part's last septet is an escape (0x1B) whose septet opens
    the next part, as senders that cut every 153 septets leave it (smpplib among
    them); ``text`` leaves it out and :func:`reassemble` rejoins the pair.  Only a
    part that is not the last of a concatenated message can end so."""

    text: str
    udh: bytes
    information_elements: tuple[InformationElement, ...]
    concatenation: Concatenation | None
    locking_shift: Language | None
    single_shift: Language | None
    ends_in_escape: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: octets as hex strings."""
        concatenation = self.concatenation
        return {
            "text": self.text,
            "udh": self.udh.hex(),
            "concatenation": None if concatenation is None else concatenation.to_dict(),
            "locking_shift": self.locking_shift.code if self.locking_shift else None,
            "single_shift": self.single_shift.code if self.single_shift else None,
            "ends_in_escape": self.ends_in_escape,
            "information_elements": [ie.to_dict() for ie in self.information_elements],
        }


# --- decode ----------------------------------------------------------------------------


def _handler(errors: str, origin: int, unit: OffsetUnit) -> ErrorHandler:
    """``on_error`` for ``errors``; strict raises at ``origin + start`` in ``unit``s."""
    if errors == "strict":

        def fail(start: int, end: int, reason: str) -> tuple[str, int]:
            raise DecodeError(reason, offset=origin + start, unit=unit)

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

    ``DecodeError.unit`` says what its ``offset`` counts: octets of ``user_data``,
    except for faults in packed septets, where it counts septets of the TP-UD, header
    septets included (as TP-UDL).

    Whatever the octets, the result is a :class:`DecodedPart` or a
    :class:`DecodeError`; a bad argument is a TypeError or ValueError naming it.
    """
    data = check_bytes("user_data", user_data)
    alphabet = alphabet_of(dcs)
    check_bool("udhi", udhi)
    check_bool("packed", packed)
    check_optional_int("udl", udl, 0)
    check_choice("errors", check_str("errors", errors), ERRORS)
    header = parse_header(data) if udhi else NO_HEADER
    if alphabet == "UCS2":  # national shift tables apply to 7-bit text only
        text = _decode_ucs2(data, len(header.udh), udl)
        return DecodedPart(text, header.udh, header.elements, header.concatenation, None, None)
    text, ends_in_escape = _decode_gsm7(data, header, packed, udl, errors)
    return DecodedPart(
        text,
        header.udh,
        header.elements,
        header.concatenation,
        BY_IDENTIFIER.get(header.locking_id),
        BY_IDENTIFIER.get(header.single_shift_id),
        ends_in_escape,
    )


def _continues(header: Header) -> bool:
    """A part of a concatenated message that is not the last: its text goes on."""
    concatenation = header.concatenation
    return concatenation is not None and concatenation.sequence < concatenation.total


def _decode_gsm7(
    data: bytes, header: Header, packed: bool, udl: int | None, errors: str
) -> tuple[str, bool]:
    """The 7-bit text after the header, with the tables its national IEs name, and
    whether the part ends in an escape the next part completes."""
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
    # An odd run of escapes at the end leaves the last one waiting for its septet: in
    # a part that is not the last, the next part's first septet (reassemble() joins).
    run = len(septets) - len(septets.rstrip(bytes([ESCAPE])))
    ends_in_escape = run % 2 == 1 and _continues(header)
    if ends_in_escape:
        septets = septets[:-1]
    text = septets_to_text(septets, header.locking_id, header.single_shift_id, on_error)
    return text, ends_in_escape


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
                    unit="octet",
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

    A lone part without a concatenation IE is its own text.  A surrogate pair split
    between two UCS-2 parts joins up again, and so does an escape pair split between
    two 7-bit parts (the first part's ``ends_in_escape``).  A fault is a
    :class:`DecodeError` whose ``offset`` is the index in ``parts`` of the part at
    fault (the count of parts when one is missing), ``unit`` ``"part"``.
    """
    if isinstance(parts, DecodedPart):  # a tuple, but one part is not parts
        raise type_error("parts", parts, "an iterable of DecodedPart")
    check_iterable("parts", parts, "an iterable of DecodedPart")
    given = list(parts)
    for part in given:
        if not isinstance(part, DecodedPart):
            raise type_error("parts items", part, "DecodedPart")
    if not given:
        raise DecodeError("no parts to reassemble", offset=0, unit="part")
    first = given[0].concatenation
    if first is None:
        if len(given) == 1 and not given[0].ends_in_escape:
            return given[0].text
        raise DecodeError("a part of several has no concatenation IE", offset=0, unit="part")
    by_sequence: dict[int, tuple[int, DecodedPart]] = {}
    for index, part in enumerate(given):
        concatenation = part.concatenation
        if concatenation is None:
            raise DecodeError(
                "a part of several has no concatenation IE", offset=index, unit="part"
            )
        if (concatenation.reference, concatenation.reference_bits, concatenation.scheme) != (
            first.reference,
            first.reference_bits,
            first.scheme,
        ):
            raise DecodeError(
                f"reference {concatenation.reference} ({concatenation.reference_bits}-bit "
                f"{concatenation.scheme}) differs from {first.reference} "
                f"({first.reference_bits}-bit {first.scheme})",
                offset=index,
                unit="part",
            )
        if concatenation.total != first.total:
            raise DecodeError(
                f"total {concatenation.total} differs from {first.total}",
                offset=index,
                unit="part",
            )
        if concatenation.sequence in by_sequence:
            raise DecodeError(
                f"sequence number {concatenation.sequence} repeats", offset=index, unit="part"
            )
        by_sequence[concatenation.sequence] = (index, part)
    if len(by_sequence) != first.total:
        missing = sorted(set(range(1, first.total + 1)) - by_sequence.keys())
        raise DecodeError(
            f"parts {', '.join(map(str, missing))} of {first.total} are missing",
            offset=len(given),
            unit="part",
        )
    texts = [by_sequence[sequence][1].text for sequence in range(1, first.total + 1)]
    for sequence in range(1, first.total):
        _, part = by_sequence[sequence]
        if part.ends_in_escape:
            index, following = by_sequence[sequence + 1]
            texts[sequence] = _escaped_head(part, following, index, texts[sequence])
    text = "".join(texts)
    if not text.isascii():
        # A surrogate pair split across UCS-2 parts joins up again.
        text = text.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")
    return text


def _escaped_head(part: DecodedPart, following: DecodedPart, index: int, text: str) -> str:
    """``text`` (the next part's) with its first character read as the septet the
    escape at the end of ``part`` escapes (TS 23.038 §6.2.1.1): the next part decoded
    it through its locking table, which maps septets one to one."""
    locking = LOCKING_TABLES[_identifier(following.locking_shift)]
    septet = locking.septets.get(text[:1]) if text else None
    escaped = None
    if septet is not None and septet != ESCAPE:
        escaped = SINGLE_SHIFT_TABLES[_identifier(part.single_shift)].characters[septet]
    if escaped is None:
        raise DecodeError(
            "the escape ending the previous part is followed by "
            + ("nothing" if not text else f"{text[:1]!r}, undefined in the single shift table"),
            offset=index,
            unit="part",
        )
    return escaped + text[1:]


def _identifier(language: Language | None) -> int:
    """The TS 23.038 §6.2.1.2.4 identifier of ``language``; 0 for the default tables."""
    return language.identifier if language is not None else 0


def decode_message(message: EncodedMessage | Iterable[EncodedPart]) -> str:
    """Decode each part with its own dcs, udhi, packing and udl, then reassemble.

    ``message`` is what :func:`smsenc.encode` returns, or its parts; anything else is a
    TypeError naming it."""
    if isinstance(message, EncodedMessage):
        parts: Iterable[EncodedPart] = message.parts
    else:
        check_iterable("message", message, "an EncodedMessage or an iterable of EncodedPart")
        parts = list(message)
        for part in parts:
            if not isinstance(part, EncodedPart):
                raise type_error("message", part, "an EncodedMessage or EncodedPart items")
    return reassemble(
        decode(part.user_data, dcs=part.dcs, udhi=part.udhi, packed=part.packed, udl=part.udl)
        for part in parts
    )
