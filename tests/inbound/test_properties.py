"""Invariants, over any text and any order of arrival (hypothesis, bounded)."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import smsenc
from smsenc import DecodedPart
from smsenc.inbound import Message, Reassembler, SqliteStore, Store

from ..strategies import ASTRAL, GSM_BASIC, GSM_EXTENSION, any_text
from .parts import cut_septets, cut_ucs2, udh_parts, with_text

T0 = 1_700_000_000.0


def _stream(parts: list[DecodedPart], data: st.DataObject) -> list[int]:
    """Indexes of ``parts`` in a drawn order of arrival, each at least once, some twice."""
    copies = data.draw(st.lists(st.integers(0, len(parts) - 1), max_size=4), label="copies")
    return data.draw(st.permutations([*range(len(parts)), *copies]), label="arrival")


def _arrive(parts: list[DecodedPart], order: list[int]) -> tuple[Message, Reassembler]:
    """Add the parts in ``order``; exactly one add returns the message, complete."""
    reassembler = Reassembler()
    seen: set[int] = set()
    found = None
    for at, index in enumerate(order):
        seen.add(index)
        result = reassembler.add(parts[index], sender="+4670", received_at=T0 + at)
        if len(seen) == len(parts) and found is None:
            assert result is not None, "the last part missing completes the message"
            found = result
        else:
            assert result is None
    assert found is not None and found.complete and found.missing == ()
    assert reassembler.pending() == 0
    return found, reassembler


long_text = st.builds(
    lambda head, filler, tail: head + "x" * filler + tail,
    any_text,
    st.integers(100, 400),
    any_text,
)
"""Any text, stretched past one part by filler in the middle."""


@given(long_text, st.data())
def test_any_order_with_copies_completes_exactly_once(text: str, data: st.DataObject) -> None:
    try:
        parts = udh_parts(text, reference=data.draw(st.integers(0, 255)))
    except ValueError:  # lone surrogates or too many parts: not for encode()
        assume(False)
    assume(len(parts) > 1)
    order = _stream(parts, data)
    message, reassembler = _arrive(parts, order)
    assert message.text == smsenc.reassemble(parts)
    copies = len(order) - len(parts)
    assert message.duplicates + reassembler.late_duplicates == copies
    assert [p.part for p in message.parts] == parts


@given(
    st.text(alphabet=st.sampled_from(GSM_BASIC + GSM_EXTENSION * 4), min_size=154, max_size=600),
    st.data(),
)
def test_escapes_cut_anywhere_are_rejoined_in_any_order(text: str, data: st.DataObject) -> None:
    septets = smsenc.segment(text).septets
    assume(septets is not None and len(septets) > 153)
    parts = cut_septets(text, reference=7)
    message, _ = _arrive(parts, _stream(parts, data))
    assert message.text == text


@given(st.text(alphabet=st.sampled_from("abcжλ" + ASTRAL), min_size=40, max_size=300), st.data())
def test_surrogate_pairs_cut_anywhere_are_rejoined_in_any_order(
    text: str, data: st.DataObject
) -> None:
    assume(len(text.encode("utf-16-be")) > 134)
    parts = cut_ucs2(text, reference=8)
    message, _ = _arrive(parts, _stream(parts, data))
    assert message.text == text


# --- nothing lost: every part accepted leaves in exactly one message ------------------

MESSAGES = [
    udh_parts(f"message {n} " + "lorem ipsum dolor sit amet " * (6 + 5 * (n % 3)), reference=n)
    for n in range(6)
]
"""Six messages of 2 to 4 parts, references 0..5."""

operation = st.one_of(
    st.tuples(
        st.just("add"),
        st.integers(0, len(MESSAGES) - 1),
        st.integers(0, 3),
        st.booleans(),  # a conflicting copy instead of the part
        st.integers(0, 500),  # seconds since the previous operation
    ),
    st.tuples(st.just("expire"), st.integers(0, 2000)),
)


def _run(store: Store, operations: list[Any], max_pending: int | None) -> list[dict[str, Any]]:
    """Apply ``operations``; every message returned, flushed at the end.  Each distinct
    part given leaves in a message (as a part or a conflict), never twice in one, and in
    no more messages than it was given times (a copy given after its message expired
    opens a new one)."""
    reassembler = Reassembler(store, max_pending=max_pending, timeout=900)
    now = T0
    out: list[Message] = []
    given_parts: Counter[tuple[int, int, str]] = Counter()
    for step in operations:
        if step[0] == "expire":
            now += step[1]
            out += reassembler.expire(now)
            continue
        _, number, index, conflicting, elapsed = step
        parts = MESSAGES[number]
        part = parts[index % len(parts)]
        if conflicting:
            part = with_text(part, "a different part " + part.text[:20])
        now += elapsed
        given_parts[(number, index % len(parts), part.text)] += 1
        result = reassembler.add(part, sender="+4670", received_at=now)
        if result is not None:
            out.append(result)
    out += reassembler.flush()
    assert reassembler.pending() == 0
    left: Counter[tuple[int, int, str]] = Counter()
    for message in out:
        assert message.reference is not None
        inside = [
            (message.reference, received.sequence - 1, received.part.text)
            for received in (*message.parts, *message.conflicts)
        ]
        assert len(set(inside)) == len(inside)
        left.update(inside)
        original = MESSAGES[message.reference]
        if message.complete and all(received.part in original for received in message.parts):
            assert message.text == smsenc.reassemble(original)
    assert set(left) == set(given_parts)
    assert all(left[key] <= given_parts[key] for key in left)
    return sorted((m.to_dict() for m in out), key=lambda d: json.dumps(d, sort_keys=True))


@given(st.lists(operation, max_size=40), st.sampled_from([None, 1, 2, 4]))
def test_no_part_is_lost_through_expiry_eviction_and_flush(
    operations: list[Any], max_pending: int | None
) -> None:
    _run(Reassembler().store, operations, max_pending)


@settings(max_examples=25)
@given(st.lists(operation, max_size=40), st.sampled_from([None, 2]))
def test_the_sqlite_store_answers_as_the_memory_store(
    operations: list[Any], max_pending: int | None
) -> None:
    expected = _run(Reassembler().store, operations, max_pending)
    with tempfile.TemporaryDirectory() as directory:
        store = SqliteStore(Path(directory) / "pending.db", synchronous="NORMAL")
        try:
            assert _run(store, operations, max_pending) == expected
        finally:
            store.close()
