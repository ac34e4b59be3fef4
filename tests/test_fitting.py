"""fit(): the longest start of a text that fits, cut where no character breaks."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smsenc
from smsenc import fit
from smsenc.campaign.fitting import WORD_WINDOW
from smsenc.engine.graphemes import boundaries, clusters

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
    # The longest safe cut that fits: the result is it, or the start of a whitespace
    # cluster at most WORD_WINDOW code points before it (whitespace before the
    # ellipsis dropped), and never inside a word when such a cluster is there.
    longest = max(b for b in safe if _parts(text[:b] + ellipsis, **opts) <= max_parts)
    gaps = _whitespace_clusters(text, safe, range(max(longest - WORD_WINDOW, 0), longest + 1))
    if gaps:
        assert text[len(prefix)].isspace(), (prefix, longest)
        assert text[len(prefix) : gaps[-1]].strip() == ""
        assert len(prefix) == 0 or not _ends_in_whitespace(text[: len(prefix)])
    else:
        assert len(prefix) == longest


def _whitespace_clusters(text: str, safe: list[int], window: range) -> list[int]:
    """Starts of the clusters that are all whitespace and hold a position in ``window``."""
    starts = []
    for start, end in itertools.pairwise(safe):
        if text[start:end].isspace() and start <= window[-1] and end - 1 >= window[0]:
            starts.append(start)
    return starts


def _ends_in_whitespace(prefix: str) -> bool:
    last = clusters(prefix)[-1]
    return last.isspace()


def test_fit_prefers_the_word_boundary() -> None:
    text = "Summer sale: everything must go, " * 6
    result = fit(text)
    assert result == (
        "Summer sale: everything must go, Summer sale: everything must go, Summer sale: "
        "everything must go, Summer sale: everything must go, Summer sale: everything..."
    )
    assert smsenc.count(result).characters_remaining == 2  # "must" would need 5 more


def test_fit_backs_off_to_a_line_break_across_the_window_edge() -> None:
    # Issue 30: CR LF is one grapheme cluster.  Here the longest cut that fits lies
    # inside "ywmcsbxrp", with the LF ten code points before it (in the window) and the
    # CR eleven (outside): testing each character for a cluster boundary skipped the
    # LF (no boundary: it belongs to the CR) and cut mid-word.
    text = "x" * 53 + "\r\n" + "ywmcsbxrp" + "ж" + "z" * 200
    assert smsenc.count("x" * 53 + "\r\n" + "ywmcsbxrp" + " [more]").message_count == 1
    assert fit(text, ellipsis=" [more]") == "x" * 53 + " [more]"
    spaced = "x" * 53 + "  " + "ywmcsbxrp" + "ж" + "z" * 200
    assert fit(spaced, ellipsis=" [more]") == "x" * 53 + " [more]"


ELLIPSES = ["...", "…", " [more]", ""]


@st.composite
def near_a_cut(draw: st.DrawFn) -> tuple[str, str]:
    """A word after whitespace, placed around the window's far edge from where a one-part
    cut lands (UCS-2, because of the ж: 70 units, less the ellipsis)."""
    ellipsis = draw(st.sampled_from(ELLIPSES))
    cut = 70 - len(ellipsis)
    gap = draw(st.sampled_from([" ", "\r\n", "\n", "\t", "  ", "\u3000", " \r\n"]))
    n = cut - WORD_WINDOW - len(gap) + draw(st.integers(-2, 3))
    return "x" * n + gap + "y" * (cut - n) + "ж" + "z" * 80, ellipsis


chunked = st.tuples(
    st.lists(
        st.sampled_from(["ab", "cde", "ж", "\r\n", "\n", " ", "\t", "\u3000", "😀", "e\u0301"]),
        max_size=60,
    ).map("".join),
    st.sampled_from(ELLIPSES),
)


@settings(max_examples=300)
@given(st.one_of(near_a_cut(), chunked))
def test_fit_never_cuts_inside_a_word_when_whitespace_is_near(case: tuple[str, str]) -> None:
    text, ellipsis = case
    result = fit(text, 1, ellipsis)
    if result == text:
        return
    cut = len(result) - len(ellipsis)
    safe = boundaries(text)
    longest = max(b for b in safe if _parts(text[:b] + ellipsis) <= 1)
    if _whitespace_clusters(text, safe, range(max(longest - WORD_WINDOW, 0), longest + 1)):
        assert text[cut].isspace(), (text[:cut], text[cut:])


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
    with pytest.raises(ValueError, match="max_parts must be >= 1, got 0"):
        fit("text", 0)
    with pytest.raises(TypeError, match="max_parts must be an int, not bool"):
        fit("text", True)
    with pytest.raises(ValueError, match="alone needs more than max_parts=1"):
        fit("a" * 200, 1, "." * 161)
    with pytest.raises(TypeError, match="text must be a str, not bytes"):
        fit(b"text")  # type: ignore[arg-type]
