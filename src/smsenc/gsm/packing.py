"""GSM 7-bit packing (3GPP TS 23.038 §6.1.2.1.1), done on whole buffers.

Septet *i* occupies bits ``7i .. 7i+6`` of a little-endian bit stream: bit 0 of an
octet is its least significant bit, and a septet that straddles two octets puts its low
bits in the first.  ``fill_bits`` zero bits may come first, as after a user data header
(TS 23.040 §9.2.3.24), so that the first septet starts on a septet boundary of the TP-UD.

Instead of a per-septet loop, the buffer is read as one big integer in 64-bit lanes
(eight septets, one per octet) and each lane's eight 7-bit fields are moved together in
three mask-and-shift steps (pairs, then quads, then the whole lane), after which each
lane holds 56 packed bits and an empty top octet, which a slice deletion drops.
Unpacking runs the same steps backwards.  Every step is a C-level operation on the
whole buffer.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

CR = 0x0D
"""Filler of 7 spare bits at the end of packed septets (TS 23.038 §6.1.2.3.1)."""

_MAX_FILL = 6  # fill bits align to the next septet boundary: 0..6 (TS 23.040 §9.2.3.24)

# Low halves kept in place at each step; the high halves move down (pack) or up (unpack).
_PAIRS = b"\x7f\x00" * 4  # 16-bit groups: field 0 of 7 bits stays, field 1 moves 1 bit
_QUADS = b"\xff\x3f\x00\x00" * 2  # 32-bit groups: 14 bits stay, the next 14 move 2 bits
_LANE = b"\xff\xff\xff\x0f\x00\x00\x00\x00"  # 64-bit lanes: 28 bits stay, 28 move 4 bits


@lru_cache(maxsize=64)
def _masks(lanes: int) -> tuple[int, int, int]:
    return (
        int.from_bytes(_PAIRS * lanes, "little"),
        int.from_bytes(_QUADS * lanes, "little"),
        int.from_bytes(_LANE * lanes, "little"),
    )


def _check_fill(fill_bits: int) -> None:
    if not 0 <= fill_bits <= _MAX_FILL:
        raise ValueError(f"fill_bits must be 0..{_MAX_FILL}, got {fill_bits!r}")


def packed_length(count: int, fill_bits: int = 0) -> int:
    """Octets that ``count`` septets take after ``fill_bits`` fill bits."""
    return (fill_bits + 7 * count + 7) // 8


def pack(septets: bytes, fill_bits: int = 0) -> bytes:
    """Pack septets (one per octet, each 0..127) into GSM 7-bit octets.

    ``fill_bits`` (0..6) zero bits precede the first septet.  The spare bits of the last
    octet are zero; TP-UDL tells the receiver how many septets there are.
    """
    _check_fill(fill_bits)
    if not septets.isascii():
        raise ValueError("septets must be 0..127")
    count = len(septets)
    if not count:
        return bytes(packed_length(0, fill_bits))  # the fill bits alone still take an octet
    lanes = -(-count // 8)
    pairs, quads, lane = _masks(lanes)
    value = int.from_bytes(septets, "little")  # zero padding to whole lanes is implicit
    low = value & pairs
    value = low | ((value ^ low) >> 1)
    low = value & quads
    value = low | ((value ^ low) >> 2)
    low = value & lane
    value = low | ((value ^ low) >> 4)
    octets = bytearray(value.to_bytes(8 * lanes, "little"))
    del octets[7::8]  # each lane's top octet is now empty
    if fill_bits:
        value = int.from_bytes(octets, "little") << fill_bits
        return value.to_bytes(packed_length(count, fill_bits), "little")
    del octets[packed_length(count) :]
    return bytes(octets)


def pack_parts(parts: Sequence[bytes], fill_bits: int = 0) -> list[bytes]:
    """``[pack(p, fill_bits) for p in parts]``, with one packing pass over all of them.

    Each part is laid out from a lane boundary (8 septets = 7 octets) with at least one
    spare septet when there are fill bits, so shifting the whole buffer by the fill moves
    no bit of one part into the next.
    """
    _check_fill(fill_bits)
    spare = 8 if fill_bits else 7
    lanes = [(len(part) + spare) // 8 for part in parts]
    buffer = b"".join(
        [part + bytes(8 * n - len(part)) for part, n in zip(parts, lanes, strict=True)]
    )
    packed = pack(buffer)
    if fill_bits:
        packed = (int.from_bytes(packed, "little") << fill_bits).to_bytes(len(packed), "little")
    out = []
    start = 0
    for part, n in zip(parts, lanes, strict=True):
        out.append(packed[start : start + packed_length(len(part), fill_bits)])
        start += 7 * n
    return out


def unpack(data: bytes, count: int, fill_bits: int = 0) -> bytes:
    """The first ``count`` septets of packed ``data``, one per octet, after ``fill_bits``.

    Raises ValueError when ``data`` is too short to hold them.
    """
    _check_fill(fill_bits)
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count!r}")
    if not count:
        return b""
    if 8 * len(data) < fill_bits + 7 * count:
        raise ValueError(
            f"{len(data)} octets cannot hold {count} septets after {fill_bits} fill bits"
        )
    lanes = -(-count // 8)
    pairs, quads, lane = _masks(lanes)
    value = int.from_bytes(data[: packed_length(count, fill_bits)], "little") >> fill_bits
    # Up to 7 spare bits may follow the last septet: they land in field ``count`` of the
    # last lane (or in one extra octet), which the final slice drops, so no mask needed.
    compact = value.to_bytes(7 * lanes + 1, "little")
    spread = bytearray(8 * lanes)
    end = 7 * lanes
    for i in range(7):  # seven slice copies re-insert an empty top octet per lane
        spread[i::8] = compact[i:end:7]
    value = int.from_bytes(spread, "little")
    low = value & lane
    value = low | ((value ^ low) << 4)
    low = value & quads
    value = low | ((value ^ low) << 2)
    low = value & pairs
    value = low | ((value ^ low) << 1)
    return value.to_bytes(8 * lanes, "little")[:count]
