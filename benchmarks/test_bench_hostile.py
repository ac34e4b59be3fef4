"""pytest-benchmark suite of the hostile inputs of issue 10, each at two sizes.

Run from the repository root::

    pytest benchmarks/test_bench_hostile.py --benchmark-only --benchmark-group-by=group

Each group ``hostile:<case>`` times one call at a size and at four times that size;
linear work shows as a 4× ratio between the two rows (``extra_info["chars"]`` holds
each text's length, so the time per character reads off the table).  These were the
quadratic cases: transliterating long runs of marks (U+0F73, whose decomposition is all
marks, and marks with no base letter at the start of the text), ``non_gsm`` of many
distinct characters, and ``segment()`` of many distinct astral characters under
national tables (memory; see tests/test_reliability_counting.py for its bound).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import pytest

import smsenc

T = TypeVar("T")


class Benchmark(Protocol):
    """The part of pytest-benchmark's ``benchmark`` fixture used here."""

    group: str | None
    extra_info: dict[str, Any]

    def __call__(self, function_to_benchmark: Callable[[], T]) -> T: ...


def _distinct_astral(n: int) -> str:
    return "".join(map(chr, range(0x10000, 0x10000 + n)))


CASES: dict[str, tuple[Callable[[int], str], Callable[[str], object], tuple[int, int]]] = {
    "transliterate_all_u0f73": (
        lambda n: "\u0f73" * n,
        lambda t: smsenc.transliterate(t, "ALL"),
        (5_000, 20_000),
    ),
    "transliterate_non_unicode_leading_marks": (
        lambda n: "\u0301\u0316" * (n // 2),
        lambda t: smsenc.transliterate(t, "NON_UNICODE"),
        (5_000, 20_000),
    ),
    "non_gsm_distinct_astral": (
        _distinct_astral,
        lambda t: smsenc.segment(t, max_parts=None).non_gsm,
        (25_000, 100_000),
    ),
    "segment_autodetect_distinct_astral": (
        _distinct_astral,
        lambda t: smsenc.segment(t, "AUTODETECT", max_parts=None),
        (25_000, 100_000),
    ),
}


@pytest.mark.parametrize("which", [0, 1], ids=["size", "4x_size"])
@pytest.mark.parametrize("case", list(CASES))
def test_hostile(benchmark: Benchmark, case: str, which: int) -> None:
    build, call, sizes = CASES[case]
    text = build(sizes[which])
    benchmark.group = f"hostile:{case}"
    benchmark.extra_info["chars"] = len(text)
    benchmark(lambda: call(text))
