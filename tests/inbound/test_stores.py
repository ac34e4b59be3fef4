"""What a Reassembler does with each store: memory, SQLite, and a real Redis (marked)."""

from __future__ import annotations

import json

import pytest

import smsenc
from smsenc.inbound import Message, Reassembler

from .conftest import StoreFactory
from .parts import (
    cut_septets,
    cut_ucs2,
    sar_parts,
    udh_parts,
    with_concatenation,
    with_text,
)

LONG = "The quick brown fox jumps over the lazy dog. " * 8  # 360 septets: 3 parts
T0 = 1_700_000_000.0


def test_parts_in_any_order_complete_once(open_store: StoreFactory) -> None:
    parts = udh_parts(LONG)
    assert len(parts) == 3
    reassembler = Reassembler(open_store())
    assert reassembler.add(parts[2], sender="+46700000001", received_at=T0) is None
    assert reassembler.add(parts[0], sender="+46700000001", received_at=T0 + 1) is None
    assert reassembler.pending() == 1
    message = reassembler.add(parts[1], sender="+46700000001", received_at=T0 + 2)
    assert message is not None
    assert (message.text, message.complete, message.status) == (LONG, True, "complete")
    assert (message.sender, message.reference, message.total) == ("+46700000001", 0x42, 3)
    assert (message.reference_bits, message.scheme, message.missing) == (8, "udh", ())
    assert [(p.sequence, p.received_at) for p in message.parts] == [
        (1, T0 + 1),
        (2, T0 + 2),
        (3, T0),
    ]
    assert [p.part for p in message.parts] == parts
    assert (message.first_received_at, message.last_received_at) == (T0, T0 + 2)
    assert reassembler.pending() == 0


def test_an_exact_duplicate_is_dropped_and_counted(open_store: StoreFactory) -> None:
    parts = udh_parts(LONG)
    reassembler = Reassembler(open_store())
    for at, index in enumerate((0, 0, 2, 0, 2)):
        assert reassembler.add(parts[index], sender="A", received_at=T0 + at) is None
    message = reassembler.add(parts[1], sender="A", received_at=T0 + 9)
    assert message is not None and message.text == LONG
    assert message.duplicates == 3
    assert [p.received_at for p in message.parts] == [T0, T0 + 9, T0 + 2]  # the first copies


def test_a_conflicting_part_is_kept_aside_and_reported(open_store: StoreFactory) -> None:
    parts = udh_parts(LONG)
    other = with_text(parts[1], "something else entirely")
    reassembler = Reassembler(open_store())
    assert reassembler.add(parts[1], sender="A", received_at=T0) is None
    assert reassembler.add(other, sender="A", received_at=T0 + 1) is None
    assert reassembler.add(other, sender="A", received_at=T0 + 2) is None  # a duplicate of it
    assert reassembler.add(parts[0], sender="A", received_at=T0 + 3) is None
    message = reassembler.add(parts[2], sender="A", received_at=T0 + 4)
    assert message is not None
    assert message.text == LONG  # the first part of sequence 2 stands
    assert [(c.sequence, c.received_at, c.part) for c in message.conflicts] == [(2, T0 + 1, other)]
    assert message.duplicates == 1
    assert message.to_dict()["conflicts"] == [
        {
            "sequence": 2,
            "received_at": T0 + 1,
            "text": "something else entirely",
            "udh": parts[1].udh.hex(),
        }
    ]


def test_reference_zero_is_a_reference(open_store: StoreFactory) -> None:
    parts = udh_parts(LONG, reference=0)
    assert parts[0].concatenation is not None and parts[0].concatenation.reference == 0
    reassembler = Reassembler(open_store())
    assert reassembler.add(parts[1], sender="A", received_at=T0) is None
    assert reassembler.add(parts[0], sender="A", received_at=T0) is None
    message = reassembler.add(parts[2], sender="A", received_at=T0)
    assert message is not None and (message.text, message.reference) == (LONG, 0)


def test_8_bit_16_bit_and_sar_references_of_one_number_never_mix(open_store: StoreFactory) -> None:
    texts = {
        "udh8": "eight-bit reference " * 10,
        "udh16": "sixteen-bit reference " * 10,
        "sar": "SAR reference number " * 10,
    }
    parts = {
        "udh8": udh_parts(texts["udh8"], reference=5),
        "udh16": udh_parts(texts["udh16"], reference=5, reference_bits=16),
        "sar": sar_parts(texts["sar"], reference=5),
    }
    assert {len(p) for p in parts.values()} == {2}
    reassembler = Reassembler(open_store())
    for name in texts:  # every first part, then every second part
        assert reassembler.add(parts[name][0], sender="A", received_at=T0) is None
    assert reassembler.pending() == 3
    done = {}
    for name in texts:
        message = reassembler.add(parts[name][1], sender="A", received_at=T0 + 1)
        assert message is not None
        done[name] = message
    assert {name: m.text for name, m in done.items()} == texts
    assert [(m.reference_bits, m.scheme) for m in done.values()] == [
        (8, "udh"),
        (16, "udh"),
        (16, "sar"),
    ]


def test_senders_and_totals_never_mix(open_store: StoreFactory) -> None:
    first = udh_parts(LONG, reference=9)
    second = udh_parts("Same reference, another phone " * 6, reference=9)
    assert len(second) == 2
    reassembler = Reassembler(open_store())
    assert reassembler.add(first[0], sender="+111", received_at=T0) is None
    assert reassembler.add(second[0], sender="+222", received_at=T0) is None
    assert reassembler.add(first[1], sender="+111", received_at=T0) is None
    from_second = reassembler.add(second[1], sender="+222", received_at=T0)
    assert from_second is not None and from_second.text == "Same reference, another phone " * 6
    from_first = reassembler.add(first[2], sender="+111", received_at=T0)
    assert from_first is not None and from_first.text == LONG


def test_an_escape_split_between_parts_is_rejoined(open_store: StoreFactory) -> None:
    text = "a" * 152 + "€" + "b" * 10  # the escape is septet 153: the last of part 1
    parts = cut_septets(text, reference=1)
    assert [p.ends_in_escape for p in parts] == [True, False]
    assert parts[1].text.startswith("e")  # 0x65 read alone, before the join
    reassembler = Reassembler(open_store())
    assert reassembler.add(parts[1], sender="A", received_at=T0) is None
    message = reassembler.add(parts[0], sender="A", received_at=T0)
    assert message is not None and message.text == text
    assert message.parts[0].part.ends_in_escape  # kept through the store


def test_a_surrogate_pair_split_between_parts_is_rejoined(open_store: StoreFactory) -> None:
    text = "x" * 66 + "😀" + "y" * 20  # the pair is units 67 and 68: parts 1 and 2
    parts = cut_ucs2(text, reference=2)
    assert parts[0].text.endswith("\ud83d") and parts[1].text.startswith("\ude00")
    reassembler = Reassembler(open_store())
    assert reassembler.add(parts[1], sender="A", received_at=T0) is None
    message = reassembler.add(parts[0], sender="A", received_at=T0)
    assert message is not None and message.text == text


def test_expire_gives_up_after_1800_seconds_marking_the_gaps(open_store: StoreFactory) -> None:
    parts = udh_parts("one two three four five six seven eight nine ten " * 10)
    assert len(parts) == 4
    reassembler = Reassembler(open_store())
    reassembler.add(parts[1], sender="A", received_at=T0 + 5)
    reassembler.add(parts[3], sender="A", received_at=T0)
    assert reassembler.expire(T0 + 1800) == []  # exactly 1,800 s old: not older yet
    (message,) = reassembler.expire(T0 + 1800.5)
    assert (message.complete, message.status, message.missing) == (False, "expired", (1, 3))
    assert message.text == f"[...]{parts[1].text}[...]{parts[3].text}"
    assert [p.sequence for p in message.parts] == [2, 4]
    assert reassembler.pending() == 0
    assert reassembler.expire(T0 + 10_000) == []


def test_a_late_part_after_expiry_opens_a_new_message(open_store: StoreFactory) -> None:
    parts = udh_parts(LONG)
    reassembler = Reassembler(open_store(), timeout=60, placeholder="<?>")
    reassembler.add(parts[0], sender="A", received_at=T0)
    reassembler.add(parts[1], sender="A", received_at=T0 + 1)
    (expired,) = reassembler.expire(T0 + 61)
    assert expired.text == parts[0].text + parts[1].text + "<?>" and expired.missing == (3,)
    assert reassembler.add(parts[2], sender="A", received_at=T0 + 62) is None
    (alone,) = reassembler.flush()
    assert (alone.status, alone.missing, alone.text) == (
        "flushed",
        (1, 2),
        "<?><?>" + parts[2].text,
    )


def test_the_pending_bound_returns_the_oldest_as_a_partial_message(
    open_store: StoreFactory,
) -> None:
    messages = [udh_parts(f"message number {n} " * 12, reference=n) for n in range(5)]
    reassembler = Reassembler(open_store(), max_pending=3)
    returned: list[Message] = []
    for n, parts in enumerate(messages):
        result = reassembler.add(parts[0], sender="A", received_at=T0 + n)
        if n < 3:
            assert result is None
        else:
            assert result is not None
            returned.append(result)
        assert reassembler.pending() == min(n + 1, 3)
    assert [(m.reference, m.status, m.missing) for m in returned] == [
        (0, "evicted", (2,)),
        (1, "evicted", (2,)),
    ]
    assert returned[0].text == messages[0][0].text + "[...]"
    # A part completing a message evicts nothing; a duplicate opens nothing.
    done = reassembler.add(messages[4][1], sender="A", received_at=T0 + 9)
    assert done is not None and done.complete and done.reference == 4
    assert reassembler.add(messages[3][0], sender="A", received_at=T0 + 9) is None
    assert {m.reference for m in reassembler.flush()} == {2, 3}


def test_a_copy_after_completion_is_a_late_duplicate_until_forgotten(
    open_store: StoreFactory,
) -> None:
    parts = udh_parts(LONG)
    reassembler = Reassembler(open_store(), timeout=100)
    for part in parts[:2]:
        reassembler.add(part, sender="A", received_at=T0)
    assert reassembler.add(parts[2], sender="A", received_at=T0 + 10) is not None
    # The sender missed our acknowledgement and sends part 2 again.
    assert reassembler.add(parts[1], sender="A", received_at=T0 + 20) is None
    assert reassembler.late_duplicates == 1 and reassembler.pending() == 0
    # A new message reusing the reference (different text) is not a duplicate.
    reused = with_text(parts[1], "another text, same reference")
    assert reassembler.add(reused, sender="A", received_at=T0 + 30) is None
    assert reassembler.pending() == 1
    assert reassembler.expire(T0 + 109) == []  # completed at T0 + 10: still remembered
    assert reassembler.add(parts[0], sender="A", received_at=T0 + 109) is None
    assert reassembler.late_duplicates == 2
    (partial,) = reassembler.expire(T0 + 131)  # forgets what completed before T0 + 31
    assert partial.parts[0].part == reused
    assert reassembler.add(parts[0], sender="A", received_at=T0 + 132) is None
    assert reassembler.pending() == 1 and reassembler.late_duplicates == 2


def test_a_reused_reference_is_remembered_from_its_latest_completion(
    open_store: StoreFactory,
) -> None:
    first = udh_parts(LONG)
    second = [with_text(part, f"reused reference, part {n}") for n, part in enumerate(first)]
    reassembler = Reassembler(open_store(), timeout=100)
    for part in first:
        reassembler.add(part, sender="A", received_at=T0 + 10)
    for part in second:
        reassembler.add(part, sender="A", received_at=T0 + 500)
    assert reassembler.expire(T0 + 550) == []  # forgets completions before T0 + 450
    # The key completed last at T0 + 500: the first message's parts are remembered too.
    assert reassembler.add(first[0], sender="A", received_at=T0 + 551) is None
    assert (reassembler.late_duplicates, reassembler.pending()) == (1, 0)
    assert reassembler.expire(T0 + 601) == []
    assert reassembler.add(first[0], sender="A", received_at=T0 + 602) is None
    assert (reassembler.late_duplicates, reassembler.pending()) == (1, 1)


def test_confirm_holds_messages_until_confirmed_across_reopening(open_store: StoreFactory) -> None:
    parts = udh_parts(LONG)
    reassembler = Reassembler(open_store(), confirm=True)
    for part in parts[:2]:
        reassembler.add(part, sender="A", received_at=T0)
    message = reassembler.add(parts[2], sender="A", received_at=T0)
    assert message is not None and message.id is not None
    other = udh_parts("a message that will expire " * 7, reference=3)
    reassembler.add(other[0], sender="B", received_at=T0)
    (expired,) = reassembler.expire(T0 + 3600)
    # The process dies here, before handing either on: a new one finds both.
    again = Reassembler(open_store(), confirm=True)
    held = again.unconfirmed()
    assert [(m.id, m.text, m.status) for m in held] == [
        (message.id, LONG, "complete"),
        (expired.id, expired.text, "expired"),
    ]
    assert held[0] == message
    again.confirm(held[0])
    assert [m.id for m in again.unconfirmed()] == [expired.id]
    again.confirm(expired)
    assert again.unconfirmed() == []


def test_flush_takes_everything_oldest_first(open_store: StoreFactory) -> None:
    reassembler = Reassembler(open_store())
    for n, at in ((1, 30.0), (2, 10.0), (3, 20.0)):
        reassembler.add(udh_parts(LONG, reference=n)[0], sender="A", received_at=T0 + at)
    flushed = reassembler.flush()
    assert [(m.reference, m.status) for m in flushed] == [
        (2, "flushed"),
        (3, "flushed"),
        (1, "flushed"),
    ]
    assert reassembler.pending() == 0 and reassembler.flush() == []


def test_a_reopened_store_still_holds_the_pending_parts(open_store: StoreFactory) -> None:
    parts = udh_parts(LONG)
    first = Reassembler(open_store())
    first.add(parts[0], sender="A", received_at=T0)
    first.add(parts[2], sender="A", received_at=T0 + 1)
    second = Reassembler(open_store())
    assert second.pending() == 1
    message = second.add(parts[1], sender="A", received_at=T0 + 2)
    assert message is not None and message.text == LONG


def test_the_message_is_json_ready_lone_surrogates_included(open_store: StoreFactory) -> None:
    parts = cut_ucs2("x" * 66 + "😀" + "y" * 80, reference=3)
    assert len(parts) == 3
    reassembler = Reassembler(open_store())
    reassembler.add(parts[0], sender="Ñandú", received_at=T0)
    reassembler.add(parts[2], sender="Ñandú", received_at=T0)
    (message,) = reassembler.flush()
    assert message.text == "x" * 66 + "\ud83d" + "[...]" + "y" * 14
    data = json.loads(json.dumps(message.to_dict()))
    assert data["text"] == message.text and data["sender"] == "Ñandú"
    assert (data["complete"], data["missing"], data["total"]) == (False, [2], 3)
    assert [p["sequence"] for p in data["parts"]] == [1, 3]


def test_national_tables_survive_the_store(open_store: StoreFactory) -> None:
    text = "Geçen hafta gönderdiğiniz belgeleri aldık, teşekkür ederiz. " * 4
    parts = udh_parts(text, language_code="TR")
    assert parts[0].locking_shift is not None or parts[0].single_shift is not None
    reassembler = Reassembler(open_store())
    for part in parts[1:]:
        reassembler.add(part, sender="A", received_at=T0)
    message = reassembler.add(parts[0], sender="A", received_at=T0)
    assert message is not None and message.text == text
    assert [p.part for p in message.parts] == parts


def test_a_part_of_16_bit_reference_65535_is_kept(open_store: StoreFactory) -> None:
    parts = udh_parts(LONG, reference=65535, reference_bits=16)
    reassembler = Reassembler(open_store())
    for part in reversed(parts[1:]):
        assert reassembler.add(part, sender="A", received_at=T0) is None
    message = reassembler.add(parts[0], sender="A", received_at=T0)
    assert message is not None and (message.reference, message.text) == (65535, LONG)


def test_a_changed_total_is_another_message(open_store: StoreFactory) -> None:
    parts = udh_parts(LONG)
    stray = with_concatenation(parts[0], total=4)
    reassembler = Reassembler(open_store())
    reassembler.add(stray, sender="A", received_at=T0)
    for part in parts[:2]:
        assert reassembler.add(part, sender="A", received_at=T0 + 1) is None
    message = reassembler.add(parts[2], sender="A", received_at=T0 + 1)
    assert message is not None and message.text == LONG
    (partial,) = reassembler.flush()
    assert (partial.total, partial.missing) == (4, (2, 3, 4))


@pytest.mark.parametrize("confirm", [False, True])
def test_a_lone_part_is_its_own_message_and_never_stored(
    open_store: StoreFactory, confirm: bool
) -> None:
    reassembler = Reassembler(open_store(), confirm=confirm)
    message = reassembler.add(smsenc.decode(b"hello", packed=False), sender="A", received_at=T0)
    assert message is not None
    assert (message.text, message.complete, message.total, message.reference) == (
        "hello",
        True,
        1,
        None,
    )
    assert reassembler.pending() == 0 and reassembler.unconfirmed() == []


def test_messages_first_seen_at_the_same_time_leave_in_opening_order(
    open_store: StoreFactory,
) -> None:
    reassembler = Reassembler(open_store(), max_pending=3)
    for reference in (9, 3, 7, 1):  # keys in no sorted order, one time for all
        evicted = reassembler.add(
            udh_parts(LONG, reference=reference)[0], sender="A", received_at=T0
        )
    assert evicted is not None and evicted.reference == 9
    assert [m.reference for m in reassembler.flush()] == [3, 7, 1]
