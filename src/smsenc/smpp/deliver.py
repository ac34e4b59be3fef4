"""``read_deliver_sm()``: a ``deliver_sm``'s user data back to a part's text and
concatenation, whether that came as a UDH, as SAR TLVs or as one ``message_payload``."""

from __future__ import annotations

from collections.abc import Mapping

from .. import ESCAPE, Concatenation, DecodedPart, DecodeError, decode
from ..arguments import check_bytes, check_int, type_error
from .profiles import SMPP34, SmscProfile
from .submit import (
    DATA_CODING_DEFAULT,
    DATA_CODING_IA5,
    DATA_CODING_LATIN1,
    DATA_CODING_UCS2,
    ESM_CLASS_UDHI,
    SAR_TLVS,
    SHORT_MESSAGE_OCTETS,
)

MESSAGE_PAYLOAD_OCTETS = 0xFFFF
"""A TLV's length field is 2 octets (§5.3.2), so message_payload holds at most 65535."""

_OCTET_CODECS = {
    DATA_CODING_IA5: "ascii",
    DATA_CODING_LATIN1: "latin-1",
    0x06: "iso8859-5",  # Cyrillic (ISO-8859-5)
    0x07: "iso8859-8",  # Latin/Hebrew (ISO-8859-8)
}
"""data_coding values (§5.2.19) of one octet per character, and their Python codecs."""

_NOT_READ = {
    0x02: "octet unspecified (8-bit binary)",
    0x04: "octet unspecified (8-bit binary)",
    0x05: "JIS (X 0208-1990)",
    0x09: "pictogram encoding",
    0x0A: "ISO-2022-JP (music codes)",
    0x0D: "extended Kanji JIS (X 0212-1990)",
    0x0E: "KS C 5601",
}
"""data_coding values (§5.2.19) that are not text read here."""


def read_deliver_sm(
    short_message: bytes = b"",
    *,
    data_coding: int = DATA_CODING_DEFAULT,
    esm_class: int = 0,
    tlvs: Mapping[str, object] | None = None,
    profile: SmscProfile = SMPP34,
) -> DecodedPart:
    """One ``deliver_sm``'s text and concatenation (SMPP 3.4 §4.6.1), for
    :func:`smsenc.reassemble`.

    ``short_message``, ``data_coding`` and ``esm_class`` are the PDU's fields; ``tlvs``
    its optional parameters by name (``sar_msg_ref_num``, ``sar_total_segments``,
    ``sar_segment_seqnum``, ``message_payload``; others are ignored, a None value is
    absent), so an SMPP library's parsed PDU can be passed field by field.  ``profile``
    says what ``data_coding`` 0 means and whether septets are packed.

    With ``esm_class`` UDHI (0x40) the user data starts with a UDH, which is parsed,
    never shown as text; its concatenation IE gives ``concatenation`` with scheme
    ``"udh"``, the SAR TLVs one with scheme ``"sar"`` and a 16-bit reference.  A UDH IE
    and SAR TLVs together, an incomplete or contradictory SAR triple, ``short_message``
    and ``message_payload`` together, or a data_coding that is not text is a ValueError
    naming it; malformed user data is a :class:`smsenc.DecodeError`.
    """
    message = check_bytes("short_message", short_message, SHORT_MESSAGE_OCTETS)
    coding = check_int("data_coding", data_coding, 0, 0xFF)
    udhi = bool(check_int("esm_class", esm_class, 0, 0xFF) & ESM_CLASS_UDHI)
    if not isinstance(profile, SmscProfile):
        raise type_error("profile", profile, "an SmscProfile")
    if tlvs is None:
        tlvs = {}
    elif not isinstance(tlvs, Mapping):
        raise type_error("tlvs", tlvs, "a mapping of TLV names to values, or None")
    payload = tlvs.get("message_payload")
    data = message
    if payload is not None:
        payload = check_bytes("message_payload", payload, MESSAGE_PAYLOAD_OCTETS)
        if payload and message:
            # §4.4.1 / §4.6.1: the data goes in short_message or message_payload, "Both
            # fields must not be used simultaneously".
            raise ValueError(
                "short_message and message_payload are both set: SMPP 3.4 allows one "
                f"({len(message)} and {len(payload)} octets)"
            )
        data = payload or message
    sar = _sar(tlvs)
    continues = sar is not None and sar.sequence < sar.total
    part = _decode(data, coding, udhi, continues, profile)
    if sar is None:
        return part
    if part.concatenation is not None:
        raise ValueError(
            "the part carries a concatenation IE in its UDH and SAR TLVs: one of them "
            f"must go (IE: {part.concatenation.sequence} of {part.concatenation.total}; "
            f"SAR: {sar.sequence} of {sar.total})"
        )
    return DecodedPart(
        text=part.text,
        udh=part.udh,
        information_elements=part.information_elements,
        concatenation=sar,
        locking_shift=part.locking_shift,
        single_shift=part.single_shift,
        ends_in_escape=part.ends_in_escape,
    )


def _sar(tlvs: Mapping[str, object]) -> Concatenation | None:
    """The SAR TLVs as a Concatenation (scheme "sar"), or None when none is present.

    §5.3.2.22: sar_msg_ref_num is 2 octets and "When present, the PDU must also contain
    the sar_total_segments and sar_segment_seqnum parameters"; §5.3.2.23 / .24: both are
    1..255, and the sequence number counts from 1 up to the total."""
    given = {name: tlvs.get(name) for name in SAR_TLVS}
    if all(value is None for value in given.values()):
        return None
    missing = [name for name, value in given.items() if value is None]
    if missing:
        raise ValueError(
            f"the SAR TLVs come as three and {', '.join(missing)} is missing "
            f"(got {', '.join(f'{k}={v}' for k, v in given.items() if v is not None)})"
        )
    reference = check_int("sar_msg_ref_num", given["sar_msg_ref_num"], 0, 0xFFFF)
    total = check_int("sar_total_segments", given["sar_total_segments"], 1, 255)
    sequence = check_int("sar_segment_seqnum", given["sar_segment_seqnum"], 1, 255)
    if sequence > total:
        raise ValueError(
            f"sar_segment_seqnum {sequence} exceeds sar_total_segments {total}: "
            "the sequence number counts from 1 to the total"
        )
    return Concatenation(
        reference=reference, total=total, sequence=sequence, reference_bits=16, scheme="sar"
    )


def _decode(
    data: bytes, coding: int, udhi: bool, continues: bool, profile: SmscProfile
) -> DecodedPart:
    """The text and UDH of user data in ``coding``; ``continues``: a later SAR part
    follows, so a final escape may be completed by its first septet."""
    if coding == DATA_CODING_UCS2:
        return decode(data, dcs=DATA_CODING_UCS2, udhi=udhi)
    if coding == DATA_CODING_DEFAULT and profile.default_alphabet != "gsm":
        codec = "ascii" if profile.default_alphabet == "ascii" else "latin-1"
        return _decode_octets(data, codec, udhi)
    if coding in _OCTET_CODECS:
        return _decode_octets(data, _OCTET_CODECS[coding], udhi)
    if coding == DATA_CODING_DEFAULT or 0xC0 <= coding <= 0xDF or coding >= 0xF0:
        # GSM 7-bit: data_coding 0 on a GSM SMSC, or the GSM 03.38 coding groups §5.2.19
        # hands over (1100xxxx and 1101xxxx message waiting, 1111xxxx message class;
        # 1110xxxx is reserved there).
        if not profile.packed and continues:
            return _decode_split_escape(data, coding, udhi)
        try:
            return decode(data, dcs=coding, udhi=udhi, packed=profile.packed)
        except DecodeError:
            raise
        except ValueError as error:  # 8-bit data in a GSM 03.38 coding group
            raise ValueError(f"data_coding 0x{coding:02X}: {error}") from None
    meaning = _NOT_READ.get(coding, "reserved")
    raise ValueError(
        f"data_coding must announce text: 0 (the SMSC default alphabet), 1 (IA5), 3 "
        f"(Latin-1), 6 (Cyrillic), 7 (Hebrew), 8 (UCS2) or a GSM 03.38 group (0xC0-0xDF, "
        f"0xF0-0xFF); "
        f"got 0x{coding:02X} ({meaning})"
    )


def _decode_split_escape(data: bytes, coding: int, udhi: bool) -> DecodedPart:
    """Unpacked GSM 7-bit of a SAR part that is not the last: an escape ending it waits
    for the next part's first septet (senders that cut every N septets leave it so), as
    :func:`smsenc.decode` reads a UDH part whose concatenation IE says more follow."""
    start = 1 + data[0] if udhi and data else 0
    septets = data[start:]
    run = len(septets) - len(septets.rstrip(bytes([ESCAPE])))
    if run % 2 == 0:
        return decode(data, dcs=coding, udhi=udhi, packed=False)
    part = decode(data[:-1], dcs=coding, udhi=udhi, packed=False)
    return DecodedPart(
        text=part.text,
        udh=part.udh,
        information_elements=part.information_elements,
        concatenation=part.concatenation,
        locking_shift=part.locking_shift,
        single_shift=part.single_shift,
        ends_in_escape=True,
    )


def _decode_octets(data: bytes, codec: str, udhi: bool) -> DecodedPart:
    """Text of one octet per character (IA5, Latin-1, ...) after an optional UDH, whose
    IEs :func:`smsenc.decode` parses (as a header before no UCS-2 text at all)."""
    if udhi:
        header = decode(data[: 1 + data[0]] if data else data, dcs=DATA_CODING_UCS2, udhi=True)
    else:
        header = decode(b"", dcs=DATA_CODING_UCS2)
    start = len(header.udh)
    try:
        text = data[start:].decode(codec)
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"octet 0x{data[start + error.start]:02X} is not {codec.upper()}",
            offset=start + error.start,
        ) from None
    return DecodedPart(
        text=text,
        udh=header.udh,
        information_elements=header.information_elements,
        concatenation=header.concatenation,
        locking_shift=None,
        single_shift=None,
    )
