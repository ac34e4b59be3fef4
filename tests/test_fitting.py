"""fit(): the longest start of a text that fits, cut where no character breaks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsenc
from smsenc import fit
from smsenc.engine.graphemes import boundaries

from .strategies import any_text

CLUSTERS = [
    "a",
    "b",
    " ",
    "\n",
    "\r\n",
    "€",
    "ж",
    "😀",
    "🇪🇸",
    "👨\u200d👩\u200d👧",
    "e\u0301",
    "한",
]
clustered_text = st.lists(st.sampled_from(CLUSTERS), max_size=400).map("".join)
texts = st.one_of(clustered_text, any_text)
ellipses = st.sampled_from(["...", "…", "", " [more]"])
options = st.sampled_from(
    [{}, {"language_code": "TR"}, {"reference_bits": 16}, {"transliteration": "NON_UNICODE"}]
)


def _parts(text: str, **kwargs: object) -> int:
    return smsenc.count(text, max_parts=None, **kwargs).message_count  # type: ignore[arg-type]


@given(texts, st.integers(1, 3), ellipses, options)
def test_fit_keeps_every_promise(
    text: str, max_parts: int, ellipsis: str, opts: dict[str, object]
) -> None:
    if _parts(ellipsis, **opts) > max_parts:
        with pytest.raises(ValueError, match="alone needs more than"):
            fit(text, max_parts, ellipsis, **opts)
        return
    result = fit(text, max_parts, ellipsis, **opts)
    assert _parts(result, **opts) <= max_parts
    if _parts(text, **opts) <= max_parts:
        assert result == text
        return
    assert result.endswith(ellipsis)
    prefix = result[: len(result) - len(ellipsis)]
    assert text.startswith(prefix)
    safe = boundaries(text)
    assert len(prefix) in safe  # never inside a cluster, so never inside a pair
    # The longest safe cut that fits: the result is it, or a word boundary at most
    # WORD_WINDOW code points before it (whitespace before the ellipsis dropped).
    longest = max(b for b in safe if _parts(text[:b] + ellipsis, **opts) <= max_parts)
    if len(prefix) < longest:
        window = range(max(longest - 10, 0), longest + 1)
        spaces = [w for w in window if text[w].isspace() and w in safe]
        assert spaces, (prefix, longest)
        assert text[len(prefix) : spaces[-1]].strip() == ""
    else:
        assert len(prefix) == longest


def test_fit_prefers_the_word_boundary() -> None:
    text = "Summer sale: everything must go, " * 6
    result = fit(text)
    assert result == (
        "Summer sale: everything must go, Summer sale: everything must go, Summer sale: "
        "everything must go, Summer sale: everything must go, Summer sale: everything..."
    )
    assert smsenc.count(result).characters_remaining == 2  # "must" would need 5 more


def test_fit_never_splits_a_family() -> None:
    family = "👨\u200d👩\u200d👧"
    # UCS-2: the family is 8 code units (three surrogate pairs, two ZWJ); 64 + 5 + 1
    # would fit 70, but the cut steps back to the cluster's start.
    assert fit("x" * 64 + family + "y" * 10, ellipsis="…") == "x" * 64 + "…"
    assert fit("x" * 60 + family + "y" * 10, ellipsis="…") == "x" * 60 + family + "y…"


def test_fit_returns_a_fitting_text_unchanged_and_counts_several_parts() -> None:
    assert fit("short") == "short"
    result = fit("word " * 100, max_parts=2)
    assert smsenc.count(result).message_count == 2
    assert result.endswith("word...")


def test_fit_rejects_what_cannot_work() -> None:
    with pytest.raises(ValueError, match="max_parts must be 1 or more, got 0"):
        fit("text", 0)
    with pytest.raises(TypeError, match="max_parts must be an int, not bool"):
        fit("text", True)
    with pytest.raises(ValueError, match="alone needs more than max_parts=1"):
        fit("a" * 200, 1, "." * 161)
    with pytest.raises(TypeError, match="text must be a str, not bytes"):
        fit(b"text")  # type: ignore[arg-type]
