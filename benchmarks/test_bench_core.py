"""pytest-benchmark suite of smsenc's core calls, each grouped with the C-level floors.

Run from the repository root (the normal test run, ``testpaths = ["tests"]``, never
collects this directory)::

    pytest benchmarks --benchmark-only

Every group times smsenc and the floors on the same input, so smsenc's cost in
multiples of one C pass reads off the group's table:

* ``corpus:<category>``: ``segment()`` and ``preview()`` over the category's messages,
  and one ``len(t.encode("utf-16-le", "surrogatepass"))`` per message;
* ``long:<category>:<size>``: one 10k- or 100k-character text, ``segment()`` against
  the UTF-16 floor and one ``t.translate(GSM_TABLE)`` pass;
* ``autodetect:<category>``: national-language messages with ``"AUTODETECT"``, next to
  the default-tables ``segment()`` and the floor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Protocol, TypeVar

import pytest

import smsenc
from benchmarks.contenders import translate_floor, utf16_floor
from benchmarks.corpus import CATEGORIES, corpus, long_text

T = TypeVar("T")


class Benchmark(Protocol):
    """The part of pytest-benchmark's ``benchmark`` fixture used here."""

    group: str | None

    def __call__(self, function_to_benchmark: Callable[[], T]) -> T: ...


CORPUS = corpus()
LONG_CATEGORIES = ("long_ascii", "gsm_extension", "cyrillic", "devanagari", "emoji")
LONG_SIZES = (10_000, 100_000)
NATIONAL_CATEGORIES = ("turkish", "spanish", "portuguese", "devanagari", "tamil")

CORPUS_CALLS: dict[str, Callable[[str], object]] = {
    "segment": smsenc.segment,
    "preview": smsenc.preview,
    "floor_utf16": utf16_floor,
}
LONG_CALLS: dict[str, Callable[[str], object]] = {
    "segment": lambda text: smsenc.segment(text, max_parts=None),
    "floor_utf16": utf16_floor,
    "floor_translate": translate_floor,
}
NATIONAL_CALLS: dict[str, Callable[[str], object]] = {
    "segment_autodetect": lambda text: smsenc.segment(text, "AUTODETECT"),
    "preview_autodetect": lambda text: smsenc.preview(text, "AUTODETECT"),
    "segment_default": smsenc.segment,
    "floor_utf16": utf16_floor,
}


@cache
def _long(category: str, size: int) -> str:
    return long_text(size, category)


def _each(call: Callable[[str], object], texts: list[str]) -> Callable[[], int]:
    """One pass over ``texts``; returns how many calls it made."""

    def run() -> int:
        for text in texts:
            call(text)
        return len(texts)

    return run


@pytest.mark.parametrize("call", list(CORPUS_CALLS))
@pytest.mark.parametrize("category", CATEGORIES)
def test_corpus(benchmark: Benchmark, category: str, call: str) -> None:
    benchmark.group = f"corpus:{category}"
    assert benchmark(_each(CORPUS_CALLS[call], CORPUS[category])) == len(CORPUS[category])


@pytest.mark.parametrize("call", list(LONG_CALLS))
@pytest.mark.parametrize("size", LONG_SIZES, ids=lambda size: f"{size // 1000}k")
@pytest.mark.parametrize("category", LONG_CATEGORIES)
def test_long(benchmark: Benchmark, category: str, size: int, call: str) -> None:
    text, run = _long(category, size), LONG_CALLS[call]
    benchmark.group = f"long:{category}:{size // 1000}k"
    benchmark(lambda: run(text))


@pytest.mark.parametrize("call", list(NATIONAL_CALLS))
@pytest.mark.parametrize("category", NATIONAL_CATEGORIES)
def test_autodetect(benchmark: Benchmark, category: str, call: str) -> None:
    benchmark.group = f"autodetect:{category}"
    assert benchmark(_each(NATIONAL_CALLS[call], CORPUS[category])) == len(CORPUS[category])
