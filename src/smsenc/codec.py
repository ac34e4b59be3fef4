"""Python codecs for the GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1, §6.2.1.1).

``"gsm-7"``: one septet per octet, an extension character as ESC (0x1B) + its septet,
as SMPP carries data_coding 0.  ``"gsm-7-packed"``: the same septets packed eight to
seven octets (§6.1.2.1.1).  Only the default alphabet and its extension table: national
tables need a header to announce them, which a bare codec has no room for.

Registered on ``import smsenc``, loaded on first lookup; ``codecs.lookup`` normalises
``"gsm_7"``, ``"GSM 7"``.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from .gsm.charsets import ESCAPE
from .gsm.packing import CR, pack, unpack
from .gsm.septets import deletion, septet_translation, septets_to_text, to_septets

if TYPE_CHECKING:
    from typing_extensions import Buffer

GSM7 = "gsm-7"
GSM7_PACKED = "gsm-7-packed"


def _handled(handler_result: object, kind: str, length: int) -> tuple[str | bytes, int]:
    """An error handler's ``(replacement, resume)``, checked as CPython's codecs check
    theirs: a TypeError for another shape, an IndexError for a resume position outside
    the input (a negative one counts from its end)."""
    if not (
        isinstance(handler_result, tuple)
        and len(handler_result) == 2
        and isinstance(handler_result[0], str if kind == "decoding" else (str, bytes))
        and isinstance(handler_result[1], int)
    ):
        shape = "(str, int)" if kind == "decoding" else "(str/bytes, int)"
        raise TypeError(f"{kind} error handler must return {shape} tuple")
    replacement, resume = handler_result
    if resume < 0:
        resume += length
    if not 0 <= resume <= length:
        raise IndexError(f"position {resume} from error handler out of range")
    return replacement, resume


def _encode_septets(text: object, errors: str, name: str) -> bytes:
    if not isinstance(text, str):
        # As the standard codecs: str.encode's argument must be a str.
        raise TypeError(f"{name} encoding takes a str, not {type(text).__name__}")
    septets = to_septets(text)
    if septets is not None:  # every character encodable: one C-level pass did it all
        return septets
    table = septet_translation(0, 0)
    # Runs of unencodable characters, found by what survives deleting the encodable ones.
    bad = sorted(set(text.translate(deletion(0, 0))))
    runs = re.compile("[" + "".join(map(re.escape, bad)) + "]+")
    handler = codecs.lookup_error(errors)
    out: list[str] = []
    pos = 0
    while (found := runs.search(text, pos)) is not None:
        out.append(text[pos : found.start()].translate(table))
        error = UnicodeEncodeError(
            name,
            text,
            found.start(),
            found.end(),
            "not in the GSM 7-bit default alphabet or its extension table",
        )
        replacement, pos = _handled(handler(error), "encoding", len(text))
        # A str replacement is text to encode in turn; bytes are septets as they stand.
        encoded = (
            replacement.decode("latin-1")
            if isinstance(replacement, bytes)
            else replacement.translate(table)
        )
        if not encoded.isascii():
            raise error
        out.append(encoded)
    out.append(text[pos:].translate(table))
    return "".join(out).encode("latin-1")


def _decode_septets(
    data: bytes, septets: bytes, errors: str, name: str, packed: bool, final: bool = True
) -> tuple[str, int]:
    """Decode, sending each fault to the ``errors`` handler as the standard codecs do:
    its replacement is appended and decoding resumes where it says (one pass).  Also
    the septets consumed: all of them, but when not ``final`` a last septet that is an
    escape waiting for the septet it escapes, which the next chunk brings."""
    handler = codecs.lookup_error(errors)
    waiting = False

    def on_error(start: int, end: int, reason: str) -> tuple[str, int]:
        nonlocal waiting
        if not final and end == len(septets) == start + 1 and septets[start] == ESCAPE:
            # Not a fault yet: the escape is incomplete, not undefined (an ESC ESC pair
            # is a fault of two septets, reported now, exactly as decoding in one go).
            waiting = True
            return "", end
        octet_start, octet_end = start, end
        if packed:  # septet i is bits 7i..7i+6 of the octets (TS 23.038 §6.1.2.1.1)
            octet_start, octet_end = 7 * start // 8, (7 * end - 1) // 8 + 1
        result = handler(UnicodeDecodeError(name, data, octet_start, octet_end, reason))
        replacement, resume = _handled(result, "decoding", len(data))
        assert isinstance(replacement, str)  # checked by _handled
        if resume == octet_end:
            return replacement, end  # the usual answer: right after the fault
        # Else the first septet that starts at or after octet `resume`.
        return replacement, -(-8 * resume // 7) if packed else resume

    text = septets_to_text(septets, 0, 0, on_error)
    return text, len(septets) - waiting


def gsm7_encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    """Text to septets, one per octet."""
    return _encode_septets(text, errors, GSM7), len(text)


def _octets(data: Buffer) -> bytes:
    # memoryview() takes any bytes-like object and, as the standard codecs, raises a
    # TypeError for anything else (bytes(5) would be five zero octets).
    return bytes(memoryview(data))


def gsm7_decode(data: Buffer, errors: str = "strict") -> tuple[str, int]:
    """Septets, one per octet, to text."""
    octets = _octets(data)
    return _decode_septets(octets, octets, errors, GSM7, packed=False)


def gsm7_packed_encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    """Text to packed septets.

    TS 23.038 §6.1.2.3.1: 7 spare bits at the end hold CR, so that they do not read as
    "@"; and when the text itself ends in CR on an octet boundary (septets a multiple of
    8), another CR follows, since CR CR displays as CR.  So a text ending in CR can come
    back with one CR more: ``"1234567\\r"`` decodes as ``"1234567\\r\\r"``.
    """
    septets = _encode_septets(text, errors, GSM7_PACKED)
    count = len(septets)
    if count % 8 == 7 or (count % 8 == 0 and septets[-1:] == bytes([CR])):
        septets += bytes([CR])
    return pack(septets), len(text)


def gsm7_packed_decode(data: Buffer, errors: str = "strict") -> tuple[str, int]:
    """Packed septets to text; a final CR made of 7 spare bits is padding and is dropped
    (see :func:`gsm7_packed_encode` for the ambiguity this leaves)."""
    octets = _octets(data)
    septets = unpack(octets, 8 * len(octets) // 7)
    if len(octets) % 7 == 0 and septets[-1:] == bytes([CR]):
        septets = septets[:-1]
    return _decode_septets(octets, septets, errors, GSM7_PACKED, packed=True)[0], len(octets)


class _IncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, input: str, final: bool = False) -> bytes:
        return gsm7_encode(input, self.errors)[0]


class _IncrementalDecoder(codecs.BufferedIncrementalDecoder):
    def _buffer_decode(self, input: Buffer, errors: str, final: bool) -> tuple[str, int]:
        # BufferedIncrementalDecoder keeps what is not consumed for the next chunk.
        octets = bytes(input)
        return _decode_septets(octets, octets, errors, GSM7, packed=False, final=final)


class _NotStreamable:
    """Packed septets cross chunk boundaries and their last octet depends on where the
    text ends (CR padding), which a text stream never announces: no incremental codec."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise NotImplementedError(
            "gsm-7-packed cannot be streamed: packing depends on where the text ends; "
            "encode or decode it whole, or stream with 'gsm-7' (one septet per octet)"
        )


class _StreamWriter(codecs.StreamWriter):
    def encode(self, input: str, errors: str = "strict") -> tuple[bytes, int]:
        return gsm7_encode(input, errors)


class _StreamReader(codecs.StreamReader):
    """Reads ``gsm-7`` text from a byte stream, chunk by chunk, as decoding it in one go
    would, faults included (an ESC ESC pair is an undefined pair, reported when read).

    An escape that is the stream's very last octet waits for a septet that never comes:
    :class:`codecs.StreamReader` tells its ``decode`` nothing of the end of the stream,
    so that one octet is dropped, as the standard library's own stream readers drop a
    truncated UTF-8 sequence at the end (decode in one go, or use the incremental
    decoder with ``final=True``, to have it reported)."""

    def decode(self, input: Buffer, errors: str = "strict") -> tuple[str, int]:
        # StreamReader keeps what is not consumed for its next read, as for UTF-8.
        octets = bytes(input)
        return _decode_septets(octets, octets, errors, GSM7, packed=False, final=False)


_CODECS = {
    "gsm_7": codecs.CodecInfo(
        gsm7_encode,
        gsm7_decode,
        name=GSM7,
        incrementalencoder=_IncrementalEncoder,
        incrementaldecoder=_IncrementalDecoder,
        streamwriter=_StreamWriter,
        streamreader=_StreamReader,
    ),
    "gsm_7_packed": codecs.CodecInfo(
        gsm7_packed_encode,
        gsm7_packed_decode,
        name=GSM7_PACKED,
        incrementalencoder=_NotStreamable,  # type: ignore[arg-type]
        incrementaldecoder=_NotStreamable,  # type: ignore[arg-type]
        streamwriter=_NotStreamable,  # type: ignore[arg-type]
        streamreader=_NotStreamable,  # type: ignore[arg-type]
    ),
}


def search(name: str) -> codecs.CodecInfo | None:
    """The codec search function ``import smsenc`` registers (through a stub that imports
    this module only when one of these names is first looked up)."""
    return _CODECS.get(name.replace("-", "_"))
