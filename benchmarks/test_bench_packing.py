"""pytest-benchmark: GSM 7-bit packing and ``encode()``, each grouped with the C floor.

Run from the repository root::

    pytest benchmarks/test_bench_packing.py --benchmark-only

Each group holds one smsenc call and ``len(text.encode("utf-16-le", "surrogatepass"))``
on the same text, so the group's table reads as smsenc's cost in C-level passes:

* ``packing:pack:100k`` / ``packing:unpack:100k``: a 100 000-septet buffer;
* ``packing:encode:10k``: ``encode()`` of a 10 000-character ASCII text (66 parts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

import pytest

import smsenc
from benchmarks.corpus import long_text
from smsenc.gsm.packing import pack, unpack
from smsenc.gsm.septets import septet_translation

T = TypeVar("T")


class Benchmark(Protocol):
    """The part of pytest-benchmark's ``benchmark`` fixture used here."""

    group: str | None

    def __call__(self, function_to_benchmark: Callable[[], T]) -> T: ...


SEPTET_COUNT = 100_000
ENCODE_CHARS = 10_000

# One long text for packing: its septets (escapes included) cut to exactly 100 000.
PACK_TEXT = long_text(SEPTET_COUNT, "gsm_extension")
SEPTETS = PACK_TEXT.translate(septet_translation(0, 0)).encode("latin-1")[:SEPTET_COUNT]
PACKED = pack(SEPTETS)
ENCODE_TEXT = long_text(ENCODE_CHARS, "long_ascii")


def utf16_floor(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass"))


@pytest.mark.parametrize("call", ["pack", "floor_utf16"])
def test_pack(benchmark: Benchmark, call: str) -> None:
    benchmark.group = "packing:pack:100k"
    if call == "pack":
        assert len(benchmark(lambda: pack(SEPTETS))) == 87_500
    else:
        benchmark(lambda: utf16_floor(PACK_TEXT))


@pytest.mark.parametrize("call", ["unpack", "floor_utf16"])
def test_unpack(benchmark: Benchmark, call: str) -> None:
    benchmark.group = "packing:unpack:100k"
    if call == "unpack":
        assert benchmark(lambda: unpack(PACKED, SEPTET_COUNT)) == SEPTETS
    else:
        benchmark(lambda: utf16_floor(PACK_TEXT))


@pytest.mark.parametrize("call", ["encode", "floor_utf16"])
def test_encode(benchmark: Benchmark, call: str) -> None:
    benchmark.group = "packing:encode:10k"
    assert ENCODE_TEXT.isascii() and len(ENCODE_TEXT) == ENCODE_CHARS
    if call == "encode":
        message = benchmark(lambda: smsenc.encode(ENCODE_TEXT, reference=0))
        assert len(message.parts) == -(-ENCODE_CHARS // 153)
    else:
        benchmark(lambda: utf16_floor(ENCODE_TEXT))
