"""``encode()``: the exact user data of every part, as an SMS gateway sends it.

Each part is its user data header (TS 23.040 §9.2.3.24) plus its text in GSM 7-bit
(TS 23.038 §6.2.1, packed per §6.1.2.1.1 or one septet per octet as SMPP carries it)
or UCS-2 (TS 23.038 §6.2.3, UTF-16 big-endian), with the data coding scheme that
announces it (TS 23.038 §4).
"""

from __future__ import annotations

import os
from itertools import accumulate, pairwise
from typing import Any, NamedTuple

from .arguments import check_bool, check_int, check_reference_bits, check_str
from .engine.chooser import choose
from .engine.options import LanguageRequest, TransliterationRequest, resolve
from .engine.parts import bounds
from .gsm.dcs import DCS_GSM7, DCS_UCS2
from .gsm.packing import pack_parts
from .gsm.septets import to_septets
from .gsm.udh import MAX_PARTS, ReferenceBits, check_reference, fill_bits, header_septets
from .segmentation import Segmentation, segmentation


class EncodedPart(NamedTuple):
    """One short message: header, payload and data coding scheme.

    ``payload`` follows the header in the TP-UD: packed septets led by their fill bits,
    unpacked septets (one per octet, ESC 0x1B before a single shift septet), or UTF-16-BE.
    ``units`` counts its septets (GSM 7-bit) or UTF-16 code units (UCS-2).  ``packed`` is
    False for unpacked 7-bit and for UCS-2, where packing does not apply.  A tuple of its
    six fields.
    """

    text: str
    udh: bytes
    payload: bytes
    dcs: int
    packed: bool
    units: int

    @property
    def user_data(self) -> bytes:
        """TP-UD (TS 23.040 §9.2.3.24), or SMPP short_message when unpacked."""
        return self.udh + self.payload

    @property
    def udl(self) -> int:
        """TP-UDL (TS 23.040 §9.2.3.16).

        Septets including the header's for 7-bit, octets for UCS-2."""
        if self.dcs == DCS_UCS2:
            return len(self.udh) + len(self.payload)
        return header_septets(len(self.udh)) + self.units

    @property
    def sm_length(self) -> int:
        """SMPP sm_length: octets of short_message."""
        return len(self.udh) + len(self.payload)

    @property
    def udhi(self) -> bool:
        """TP-UDHI (TS 23.040 §9.2.3.23): the user data starts with a header."""
        return bool(self.udh)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: octets as hex strings."""
        return {
            "text": self.text,
            "udh": self.udh.hex(),
            "payload": self.payload.hex(),
            "user_data": self.user_data.hex(),
            "dcs": self.dcs,
            "udhi": self.udhi,
            "packed": self.packed,
            "units": self.units,
            "udl": self.udl,
            "sm_length": self.sm_length,
        }


class EncodedMessage(NamedTuple):
    """A text encoded as parts (a tuple of its three fields).

    ``reference`` is the concatenation reference, or None for a single part, which
    carries no concatenation IE."""

    segmentation: Segmentation
    reference: int | None
    parts: tuple[EncodedPart, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "encoding": self.segmentation.encoding,
            "reference": self.reference,
            "parts": [part.to_dict() for part in self.parts],
        }


def encode(
    text: str,
    language_code: LanguageRequest = None,
    transliteration: TransliterationRequest = None,
    *,
    allow_locking_shift: bool = True,
    allow_single_shift: bool = True,
    reference_bits: ReferenceBits = 8,
    reference: int | None = None,
    packed: bool = True,
    max_parts: int = MAX_PARTS,
    locking_shift: bool | None = None,
    single_shift: bool | None = None,
    keep_graphemes: bool = False,
) -> EncodedMessage:
    """Segment ``text`` as :func:`segment` does and build every part's user data.

    ``reference`` is the concatenation reference (0..255, or 0..65535 with
    ``reference_bits=16``); when None, a multi-part message gets a random one.
    ``packed=False`` gives 7-bit payloads one septet per octet (SMPP data_coding 0).
    ``max_parts`` is at most 255: the concatenation IE counts parts in one octet.
    ``locking_shift`` / ``single_shift`` are deprecated names of the ``allow_`` flags.
    ``keep_graphemes=True`` ends no part inside a grapheme cluster, as in :func:`segment`.
    """
    check_str("text", text)
    bits = check_reference_bits(reference_bits)
    chosen = None if reference is None else check_reference(reference, bits)
    check_bool("packed", packed)
    # At most 255: the concatenation IE counts parts in one octet (TS 23.040 §9.2.3.24.1).
    check_int("max_parts", max_parts, 1, MAX_PARTS)
    options = resolve(
        language_code,
        transliteration,
        allow_locking_shift=allow_locking_shift,
        allow_single_shift=allow_single_shift,
        reference_bits=bits,
        max_parts=max_parts,
        keep_graphemes=keep_graphemes,
        locking_shift=locking_shift,
        single_shift=single_shift,
    )
    transliterator = options.transliterator
    sent = text if transliterator is None else transliterator(text)
    name = None if transliterator is None else transliterator.name
    choice = choose(sent, options)
    result = segmentation(text, sent, choice, options.tables, name, options.keep_graphemes)
    layout = result.layout
    total = result.message_count
    if total == 1:
        chosen = None  # no concatenation IE carries it (TS 23.040 §9.2.3.24.1)
    elif chosen is None:
        # Random rather than a counter: independent senders rarely collide, and the
        # receiver matches parts on reference and originator (TS 23.040 §9.2.3.24.1).
        chosen = int.from_bytes(os.urandom(bits // 8), "big")
    headers = [layout.header(chosen or 0, total, seq) for seq in range(1, total + 1)]
    if result.encoding == "UCS2":
        texts = result.parts
        payloads = [part.encode("utf-16-be", "surrogatepass") for part in texts]
        return EncodedMessage(
            result,
            chosen,
            tuple(
                EncodedPart(part, udh, payload, DCS_UCS2, False, len(payload) // 2)
                for part, udh, payload in zip(texts, headers, payloads, strict=True)
            ),
        )
    # One translation of the whole text, cut at the parts' septet counts: a part never
    # ends between an escape and its septet, so the cuts match the parts' own septets.
    whole = choice[3]  # the septets, when choosing translated the text
    if whole is None:
        whole = to_septets(sent, layout.locking_id, layout.single_shift_id)
    assert whole is not None  # the chooser chose these tables because they hold the text
    offsets = bounds(sent, layout, result.part_units, whole)
    texts = tuple([sent[a:b] for a, b in pairwise(offsets)])
    ends = list(accumulate(result.part_units))
    septets = [whole[end - n : end] for end, n in zip(ends, result.part_units, strict=True)]
    # Every part has the same header length (one layout), hence the same fill bits.
    payloads = pack_parts(septets, fill_bits(len(headers[0]))) if packed else septets
    return EncodedMessage(
        result,
        chosen,
        tuple(
            EncodedPart(part, udh, payload, DCS_GSM7, packed, len(units))
            for part, udh, payload, units in zip(texts, headers, payloads, septets, strict=True)
        ),
    )
