"""Reassembler's inputs and checks: what a part is, what is refused and how it is said."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

import smsenc
from smsenc import DecodeError
from smsenc.inbound import MemoryStore, Reassembler

from .parts import udh_parts, with_concatenation

LONG = "The quick brown fox jumps over the lazy dog. " * 8
T0 = 1_700_000_000.0


def test_smsenc_reassembler_is_the_inbound_class_and_loads_lazily() -> None:
    code = (
        "import smsenc, sys; before = 'smsenc.inbound' in sys.modules; "
        "r = smsenc.Reassembler(); "
        "print(before, 'smsenc.inbound' in sys.modules, 'redis' in sys.modules, "
        "'sqlite3' in sys.modules, type(r.store).__name__)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["False", "True", "False", "False", "MemoryStore"]
    assert smsenc.Reassembler is Reassembler and "Reassembler" in smsenc.__all__


def test_parsed_sms_deliver_pdus_are_parts() -> None:
    moment = datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    pdus = smsenc.pdu.deliver(LONG, "+46708251358", timestamp=moment, reference=0x21)
    parsed = [smsenc.pdu.parse(pdu) for pdu in pdus]
    reassembler = Reassembler()
    for pdu in reversed(parsed[1:]):
        assert reassembler.add(pdu, sender=pdu.originator.number, received_at=moment) is None
    message = reassembler.add(parsed[0], sender="+46708251358", received_at=moment)
    assert message is not None and message.text == LONG and message.reference == 0x21
    assert message.parts[0].received_at == moment.timestamp()


def test_parsed_sms_submit_pdus_are_parts() -> None:
    parsed = [smsenc.pdu.parse(p) for p in smsenc.pdu.submit(LONG, "+4670", reference=3)]
    reassembler = Reassembler()
    results = [reassembler.add(p, sender="+46700", received_at=T0) for p in parsed]
    assert results[:2] == [None, None] and results[2] is not None and results[2].text == LONG


def test_a_part_without_concatenation_info_is_a_message_at_once() -> None:
    reassembler = Reassembler()
    part = smsenc.decode(bytes.fromhex("E8329BFD4697D9EC37"), udl=10)
    message = reassembler.add(part, sender="+1", received_at=T0)
    assert message is not None
    assert (message.text, message.complete, message.missing, message.parts[0].part) == (
        "hellohello",
        True,
        (),
        part,
    )
    assert reassembler.pending() == 0


def test_a_part_1_of_1_is_a_message_at_once() -> None:
    (part,) = udh_parts("short", reference=7)  # one part: no header at all
    one = with_concatenation(udh_parts(LONG)[0], total=1, sequence=1)
    message = Reassembler().add(one, sender="+1", received_at=T0)
    assert message is not None and message.text == one.text and message.reference == 0x42
    assert Reassembler().add(part, sender="+1") is not None


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"sequence": 0}, "part's concatenation sequence must be 1..3 (its total), got 0"),
        ({"sequence": 4}, "part's concatenation sequence must be 1..3 (its total), got 4"),
        ({"total": 0, "sequence": 0}, "part's concatenation total must be 1..255, got 0"),
        ({"total": 256}, "part's concatenation total must be 1..255, got 256"),
        ({"reference": 256}, "part's concatenation reference must be 0..255 (8-bit), got 256"),
        ({"reference": -1}, "part's concatenation reference must be 0..255 (8-bit), got -1"),
        ({"reference_bits": 12}, "part's udh reference_bits must be 8 or 16, got 12"),
        ({"scheme": "sar"}, "part's sar reference_bits must be 16, got 8"),
        ({"scheme": "tlv"}, "part's concatenation scheme must be 'udh' or 'sar', got 'tlv'"),
    ],
)
def test_impossible_concatenation_info_is_refused(fields: dict[str, object], error: str) -> None:
    part = with_concatenation(udh_parts(LONG)[0], **fields)
    reassembler = Reassembler()
    with pytest.raises(ValueError) as raised:
        reassembler.add(part, sender="A", received_at=T0)
    assert str(raised.value) == error
    assert reassembler.pending() == 0


@pytest.mark.parametrize(
    "part",
    ["hello", b"\x05\x00\x03\x01\x02\x01abc", None, 42],
)
def test_what_is_not_a_part_is_a_type_error(part: object) -> None:
    with pytest.raises(TypeError, match=r"^part must be a DecodedPart \(smsenc.decode\) or a "):
        Reassembler().add(part, sender="A")  # type: ignore[arg-type]


def test_an_encoded_part_or_a_status_report_is_not_a_part() -> None:
    encoded = smsenc.encode(LONG).parts[0]
    with pytest.raises(TypeError, match=r"not EncodedPart$"):
        Reassembler().add(encoded, sender="A")  # type: ignore[arg-type]
    # STATUS-REPORT, TP-MR 2A, TP-RA +12345, SCTS, DT, TP-ST 46, TP-PI 07, "hi".
    scts = "42101021436580"
    report = smsenc.pdu.parse(
        "00" + "06" + "2A" + "0591" + "2143F5" + scts + scts + "46" + "07" + "00" + "00" + "02E834"
    )
    with pytest.raises(TypeError, match=r"not StatusReport$"):
        Reassembler().add(report, sender="A")  # type: ignore[arg-type]


def test_an_sms_deliver_of_8_bit_data_has_no_text_to_join() -> None:
    # DELIVER, UDHI, DCS 04 (8-bit): a port IE and two octets of data.
    parsed = smsenc.pdu.parse(
        "00" + "44" + "038121F3" + "0004" + "42101021436580" + "09" + "0605040B8423F0CAFE"
    )
    assert parsed.decoded is None
    with pytest.raises(ValueError, match=r"SMS-DELIVER without text \(TP-DCS 4: 8-bit"):
        Reassembler().add(parsed, sender="A")


def test_a_malformed_header_is_the_decode_error_decode_raises() -> None:
    with pytest.raises(DecodeError, match="UDHL 5 runs past the end of 3 octets"):
        smsenc.decode(bytes.fromhex("050003"), udhi=True, packed=False)


@pytest.mark.parametrize(
    ("keywords", "kind", "error"),
    [
        ({"sender": 46700}, TypeError, "sender must be a str, not int"),
        (
            {"sender": "A", "received_at": "now"},
            TypeError,
            "received_at must be seconds (int or float) or a datetime, not str",
        ),
        (
            {"sender": "A", "received_at": float("nan")},
            ValueError,
            "received_at must be a finite number of seconds, got nan",
        ),
        (
            {"sender": "A", "received_at": datetime(2024, 1, 1)},
            ValueError,
            "received_at must be an aware datetime (with a UTC offset), got 2024-01-01 00:00:00",
        ),
        (
            {"sender": "A", "received_at": True},
            TypeError,
            "received_at must be seconds (int or float) or a datetime, not bool",
        ),
    ],
)
def test_bad_sender_or_time_is_named(
    keywords: dict[str, object], kind: type[Exception], error: str
) -> None:
    reassembler = Reassembler()
    with pytest.raises(kind) as raised:
        reassembler.add(udh_parts(LONG)[0], **keywords)  # type: ignore[arg-type]
    assert str(raised.value) == error
    assert reassembler.pending() == 0


@pytest.mark.parametrize(
    ("keywords", "kind", "error"),
    [
        ({"store": {}}, TypeError, "store must be a store (MemoryStore, SqliteStore, "),
        ({"timeout": 0}, ValueError, "timeout must be a finite number of seconds above 0, got 0"),
        ({"timeout": "30"}, TypeError, "timeout must be seconds (int or float), not str"),
        ({"remember": -1}, ValueError, "remember must be a finite number of seconds 0 or more"),
        ({"max_pending": 0}, ValueError, "max_pending must be >= 1, got 0"),
        ({"max_pending": 2.5}, TypeError, "max_pending must be an int or None, not float"),
        ({"placeholder": None}, TypeError, "placeholder must be a str, not NoneType"),
        ({"confirm": 1}, TypeError, "confirm must be a bool, not int"),
    ],
)
def test_bad_options_are_named(
    keywords: dict[str, object], kind: type[Exception], error: str
) -> None:
    with pytest.raises(kind) as raised:
        Reassembler(**keywords)  # type: ignore[arg-type]
    assert str(raised.value).startswith(error)


def test_received_at_defaults_to_now_and_expire_to_the_current_time() -> None:
    reassembler = Reassembler(timeout=60)
    before = datetime.now(timezone.utc).timestamp()
    reassembler.add(udh_parts(LONG)[0], sender="A")
    assert reassembler.expire() == []  # just arrived
    (message,) = reassembler.expire(before + 61)
    assert before <= message.parts[0].received_at <= before + 60


def test_expire_takes_aware_datetimes() -> None:
    reassembler = Reassembler()
    start = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    reassembler.add(udh_parts(LONG)[0], sender="A", received_at=start)
    assert reassembler.expire(start + timedelta(minutes=30)) == []
    assert len(reassembler.expire(start + timedelta(minutes=30, seconds=1))) == 1


def test_an_escape_whose_completion_is_undefined_shows_the_main_table_character() -> None:
    # TS 23.038 §6.2.1.1: a code missing from the extension table is shown as the main
    # table's character; reassemble() refuses it, the Reassembler must still answer.
    septets = bytes(smsenc.segment("a" * 152).septets or b"") + b"\x1b"
    first = smsenc.decode(bytes.fromhex("0500030902") + b"\x01" + septets, udhi=True, packed=False)
    second = smsenc.decode(bytes.fromhex("050003090202") + b"Abc", udhi=True, packed=False)
    assert first.ends_in_escape
    with pytest.raises(DecodeError):
        smsenc.reassemble([first, second])
    reassembler = Reassembler()
    reassembler.add(first, sender="A", received_at=T0)
    message = reassembler.add(second, sender="A", received_at=T0)
    assert message is not None and message.text == "a" * 152 + "Abc"


def test_the_default_store_is_a_memory_store_and_close_is_safe() -> None:
    with Reassembler() as reassembler:
        assert isinstance(reassembler.store, MemoryStore)
