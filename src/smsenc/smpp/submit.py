"""``submit_parts()``: the ``submit_sm`` fields of every part of a text, for one SMSC.

Counting is :func:`smsenc.segment`'s, for what goes over the air: the SMSC turns GSM,
IA5 or Latin-1 on the wire into GSM 7-bit on the air, so a text is split where GSM
splits it whatever octets carry it (``{`` is two septets on the air, one Latin-1 octet on
the wire).  A text the air cannot carry in 7 bits, or the wire alphabet cannot carry at
all, goes as UCS-2 (``data_coding`` 8): never a silent ``?``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, NamedTuple

from .. import Segmentation, Transliterator, encode, segment
from ..arguments import check_int, type_error
from ._ucs2 import ucs2_segmentation
from .profiles import SMPP34, SmscProfile

ESM_CLASS_UDHI = 0x40
"""esm_class bits 7-6 = 01, "UDHI Indicator": short_message starts with a UDH (§5.2.12)."""

# data_coding (§5.2.19)
DATA_CODING_DEFAULT = 0x00  # SMSC Default Alphabet: what the profile says it is
DATA_CODING_IA5 = 0x01  # IA5 (CCITT T.50)/ASCII (ANSI X3.4)
DATA_CODING_LATIN1 = 0x03  # Latin 1 (ISO-8859-1)
DATA_CODING_UCS2 = 0x08  # UCS2 (ISO/IEC-10646), sent big-endian as UTF-16 code units

SHORT_MESSAGE_OCTETS = 254
"""short_message holds 0..254 octets (§5.2.22; sm_length, §5.2.21)."""

SAR_TLVS = ("sar_msg_ref_num", "sar_total_segments", "sar_segment_seqnum")
"""The SAR TLVs (§5.3.2.22, .23, .24): tags 0x020C, 0x020E, 0x020F."""


class SubmitPart(NamedTuple):
    """One ``submit_sm`` (SMPP 3.4 §4.4.1): its fields under SMPP's own names; a tuple.

    ``text`` is what the PDU carries, ``units`` its septets on the air (GSM 7-bit, an
    escaped character counting two) or UTF-16 code units (UCS-2).  ``data_coding``
    (§5.2.19) and ``esm_class`` (§5.2.12: 0x40, UDHI, exactly when ``short_message``
    starts with a UDH; the other bits, messaging mode and type, are 0 for the gateway to
    set).  ``short_message`` (§5.2.22) is the UDH and the text's octets; empty when
    ``message_payload`` (§5.3.2.32) carries the whole message instead.  The SAR TLVs
    (§5.3.2.22-24) are None unless the profile concatenates with them.
    """

    text: str
    units: int
    data_coding: int
    esm_class: int
    short_message: bytes
    sar_msg_ref_num: int | None = None
    sar_total_segments: int | None = None
    sar_segment_seqnum: int | None = None
    message_payload: bytes | None = None

    @property
    def sm_length(self) -> int:
        """sm_length (§5.2.21): octets of ``short_message``; 0 with ``message_payload``."""
        return len(self.short_message)

    @property
    def tlvs(self) -> dict[str, int | bytes]:
        """The optional parameters (§5.3.2) this PDU needs, by name: keyword arguments
        for an SMPP library (``client.send_message(..., **part.tlvs)`` in smpplib)."""
        found: dict[str, int | bytes] = {}
        for name in (*SAR_TLVS, "message_payload"):
            value = getattr(self, name)
            if value is not None:
                found[name] = value
        return found

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: octets as hex strings."""
        return {
            "text": self.text,
            "units": self.units,
            "data_coding": self.data_coding,
            "esm_class": self.esm_class,
            "sm_length": self.sm_length,
            "short_message": self.short_message.hex(),
            "tlvs": {
                name: value.hex() if isinstance(value, bytes) else value
                for name, value in self.tlvs.items()
            },
        }


def submit_parts(
    text: str,
    language_code: str | Iterable[str] | None = None,
    transliteration: str | Iterable[str] | Transliterator | None = None,
    *,
    profile: SmscProfile = SMPP34,
    reference: int | None = None,
    allow_locking_shift: bool = True,
    allow_single_shift: bool = True,
    keep_graphemes: bool = False,
) -> tuple[SubmitPart, ...]:
    """The ``submit_sm`` fields of every PDU that sends ``text`` to the SMSC ``profile``
    describes, in order.

    ``language_code``, ``transliteration``, ``allow_locking_shift``,
    ``allow_single_shift`` and ``keep_graphemes`` are :func:`smsenc.segment`'s; national
    tables need a profile that can carry their IEs (``profile.uses_national_tables``).
    The reference size and the part limit are the profile's.  ``reference``: the
    concatenation reference (0..255 with ``"udh8"``, 0..65535 with ``"udh16"`` and
    ``"sar"``; the ``"payload"`` method has none); None picks a random one for a
    message of several parts, as :func:`smsenc.encode` does.
    """
    if not isinstance(profile, SmscProfile):
        raise type_error("profile", profile, "an SmscProfile")
    bits = profile.reference_bits
    if reference is not None:
        if profile.concatenation == "payload":
            raise ValueError(
                "reference must be None with concatenation 'payload': the SMSC splits the "
                f"message_payload and picks its own reference, got {reference!r}"
            )
        check_int("reference", reference, 0, (1 << bits) - 1)
    if language_code is not None and not profile.uses_national_tables:
        raise ValueError(
            f"language_code {language_code!r} needs national language tables, which this "
            "profile cannot send: they need national_tables=True, default_alphabet 'gsm' "
            "and concatenation 'udh8' or 'udh16' (their IEs travel in a UDH)"
        )
    options: dict[str, Any] = {
        "allow_locking_shift": allow_locking_shift,
        "allow_single_shift": allow_single_shift,
        "reference_bits": bits,
        "max_parts": profile.max_parts,
        "keep_graphemes": keep_graphemes,
    }
    if profile.default_alphabet == "gsm":
        # GSM on the wire: encode() gives the header and the septets (or UTF-16) of each
        # part, one septet per octet unless the profile packs them as a TPDU does.
        message = encode(
            text,
            language_code,
            transliteration,
            reference=reference,
            packed=profile.packed,
            **options,
        )
        ucs2 = message.segmentation.encoding == "UCS2"
        return _pdus(
            message.segmentation,
            DATA_CODING_UCS2 if ucs2 else DATA_CODING_DEFAULT,
            [part.udh for part in message.parts],
            [part.payload for part in message.parts],
            message.reference,
            profile,
        )
    segmentation = segment(text, language_code, transliteration, **options)
    data_coding, codec = _wire(segmentation, profile)
    if data_coding == DATA_CODING_UCS2 and segmentation.encoding == "GSM7":
        segmentation = ucs2_segmentation(segmentation, profile.max_parts)
    total = segmentation.message_count
    if total > 1 and reference is None:
        # Random, as encode() picks it: independent senders rarely collide.
        reference = int.from_bytes(os.urandom(bits // 8), "big")
    chosen = reference if total > 1 else None
    headers = [segmentation.udh(n, chosen or 0) for n in range(1, total + 1)]
    payloads = [part.encode(codec, "surrogatepass") for part in segmentation.parts]
    return _pdus(segmentation, data_coding, headers, payloads, chosen, profile)


_CODECS = {"ascii": "ascii", "latin1": "latin-1"}
"""The Python codec of each default alphabet sent as octets."""


def _wire(segmentation: Segmentation, profile: SmscProfile) -> tuple[int, str]:
    """The data_coding and Python codec carrying a text to an SMSC whose data_coding 0 is
    IA5 or Latin-1.  The SMSC converts the text to GSM 7-bit for the air, so only a text
    the air takes in 7 bits may go so; it goes as data_coding 0 when the SMSC's default
    alphabet holds every character, else as Latin-1 (data_coding 3) when the profile
    allows it and Latin-1 holds them; otherwise UCS-2 (8)."""
    if segmentation.encoding == "GSM7":
        text = segmentation.text
        latin1 = text.isascii() or max(text) <= "\xff"
        if text.isascii() if profile.default_alphabet == "ascii" else latin1:
            return DATA_CODING_DEFAULT, _CODECS[profile.default_alphabet]
        if profile.latin1 and latin1:
            return DATA_CODING_LATIN1, "latin-1"
    return DATA_CODING_UCS2, "utf-16-be"


def _pdus(
    segmentation: Segmentation,
    data_coding: int,
    headers: list[bytes],
    payloads: list[bytes],
    reference: int | None,
    profile: SmscProfile,
) -> tuple[SubmitPart, ...]:
    """One SubmitPart per PDU the profile's concatenation method sends."""
    method = profile.concatenation
    if method == "payload":
        # One PDU: the whole text after no header (national IEs need a UDH method), in
        # message_payload; sm_length 0 and short_message empty (§4.4.1, §5.3.2.32).
        return (
            SubmitPart(
                segmentation.text,
                segmentation.units,
                data_coding,
                0,
                b"",
                message_payload=b"".join(payloads),
            ),
        )
    total = len(payloads)
    found = []
    for sequence, (text, units, header, payload) in enumerate(
        zip(segmentation.parts, segmentation.part_units, headers, payloads, strict=True), 1
    ):
        if method == "sar":
            # The concatenation IE is the only IE a SAR profile's header can hold: the
            # TLVs carry it instead, and the SMSC builds the UDH for the air.
            sar = (reference, total, sequence) if total > 1 else (None, None, None)
            found.append(SubmitPart(text, units, data_coding, 0, payload, *sar))
        else:
            esm_class = ESM_CLASS_UDHI if header else 0
            found.append(SubmitPart(text, units, data_coding, esm_class, header + payload))
    return tuple(found)
