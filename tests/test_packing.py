"""Packing septets into octets (TS 23.038 §6.1.2.1.1) after fill bits (TS 23.040 §9.2.3.24)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsenc.gsm.packing import pack, pack_parts, unpack

from .reference_model import reference_pack


def test_fill_bits_come_first() -> None:
    # "a" = 0x61 after one fill bit: 0xC2; after six: 0x40 then 0x18.
    assert pack(b"a", 1) == b"\xc2"
    assert pack(b"a", 6) == b"\x40\x18"
    assert unpack(b"\x40\x18", 1, 6) == b"a"


def test_eight_septets_fill_seven_octets_exactly() -> None:
    assert pack(b"\x7f" * 8) == b"\xff" * 7
    assert pack(b"\x7f" * 9) == b"\xff" * 7 + b"\x7f"


def test_no_septets_only_fill() -> None:
    assert pack(b"") == b""
    assert pack(b"", 3) == b"\x00"  # the fill bits still take an octet
    assert unpack(b"", 0) == b""
    assert unpack(b"", 0, 3) == b""


def test_pack_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match=re.escape("0..127")):
        pack(b"\x80")
    with pytest.raises(ValueError, match="fill_bits"):
        pack(b"a", 7)
    with pytest.raises(ValueError, match="fill_bits"):
        unpack(b"a", 1, -1)
    with pytest.raises(ValueError, match="cannot hold"):
        unpack(b"\x00" * 7, 9)
    with pytest.raises(ValueError, match="count"):
        unpack(b"", -1)


def test_unpack_ignores_spare_bits_and_trailing_octets() -> None:
    assert unpack(b"\xff\xff", 2) == b"\x7f\x7f"
    assert unpack(b"\xff" * 8, 8) == b"\x7f" * 8


septet_bytes = st.binary(max_size=300).map(lambda b: bytes(x & 0x7F for x in b))


@given(st.lists(septet_bytes, max_size=6), st.integers(0, 6))
def test_pack_parts_packs_each_part_alone(parts: list[bytes], fill: int) -> None:
    assert pack_parts(parts, fill) == [reference_pack(p, fill) for p in parts]


@given(septet_bytes, st.integers(0, 6))
def test_pack_matches_the_oracle_and_unpacks(septets: bytes, fill: int) -> None:
    packed = pack(septets, fill)
    assert packed == reference_pack(septets, fill)
    assert unpack(packed, len(septets), fill) == septets
    assert unpack(packed + b"\xff", len(septets), fill) == septets
