"""smsenc.pdu: whole TPDUs (TS 23.040 §9.2.2) built, parsed and checked octet by octet."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smsenc
import smsenc.pdu as pdu
from smsenc import DecodeError
from smsenc.cli import main
from smsenc.pdu.timestamp import encode_relative, relative_period

from .strategies import GSM_BASIC, any_text

CET = timezone(timedelta(hours=1))


# --- published examples (parsing them: tests/vectors/pdu.json) ---------------------------


def test_dreamfabric_submit_is_built_octet_for_octet() -> None:
    # dreamfabric.com/sms/: SMSC 00 (the phone's), first octet 11 (SUBMIT, relative VP),
    # TP-MR 00, TP-DA 0B 91 6407281553F8, PID 00, DCS 00, TP-VP AA (4 days), UDL 0A.
    (built,) = pdu.submit("hellohello", "+46708251358", validity=timedelta(days=4))
    assert built.hex().upper() == "0011000B916407281553F80000AA0AE8329BFD4697D9EC37"
    assert pdu.tpdu_length(built) == 23


def test_dreamfabric_deliver_is_built_octet_for_octet() -> None:
    # The same DELIVER, but for its originator's type of address: 0xC8 (subscriber number,
    # national plan) is not what smsenc sends; digits alone are 0x81 (unknown, E.164).
    moment = datetime(1999, 3, 29, 15, 16, 59, tzinfo=timezone(timedelta(hours=2)))
    (built,) = pdu.deliver("hellohello", "27838890001", timestamp=moment, smsc="+27381000015")
    assert built.hex().upper() == (
        "07917283010010F5" + "04" + "0B817238880900F1" + "0000" + "99309251619580"
        "0AE8329BFD4697D9EC37"
    )


# --- addresses -----------------------------------------------------------------------------


def test_plus_is_international_and_digits_alone_are_unknown() -> None:
    (a,) = pdu.submit("x", "+3859123", smsc="+385980")
    (b,) = pdu.submit("x", "0911234")
    assert a.hex().upper().startswith("0491839508" + "0100" + "0791" + "839521F3")
    assert b.hex().upper().startswith("00" + "0100" + "0781" + "901132F4")


@pytest.mark.parametrize(
    ("sender", "length", "value"),
    [
        # §9.1.2.5: Address-Length counts the semi-octets the septets fill: ⌈7n/4⌉.
        # The values agree with gsmmodem.pdu.packSeptets (tests/test_pdu_peers.py).
        ("Brand", 9, "4279D84D06"),
        ("ABCDEFG", 13, "41E19058341E01"),  # 49 bits: the 7 spare bits are zero, not CR
        ("Information", 20, "49B7F92D6F87E9E9B71B"),
    ],
)
def test_alphanumeric_originators_are_packed_7bit_with_semi_octet_length(
    sender: str, length: int, value: str
) -> None:
    (built,) = pdu.deliver("x", sender, timestamp=datetime(2024, 1, 2, 3, 4, 5, tzinfo=CET))
    address = built[2 : 4 + (length + 1) // 2]
    assert address[0] == length and address[1] == 0xD0
    assert address[2:].hex().upper() == value
    assert smsenc.decode(address[2:], udl=len(sender)).text == sender
    assert pdu.parse(built).originator.number == sender  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("sender", "field"),
    [
        # smspdudecoder's documented examples (smspdudecoder/fields.py, Address.decode).
        ("MMoney", "0BD0CDE6DB5DCE03"),
        ("Design@Home", "14D0C4F23C7D760390EF7619"),
    ],
)
def test_published_alphanumeric_addresses(sender: str, field: str) -> None:
    (built,) = pdu.deliver("x", sender, timestamp=datetime(2024, 1, 2, tzinfo=CET))
    assert built[2 : 2 + len(field) // 2].hex().upper() == field
    assert pdu.parse("00" + "04" + field + "0000" + "42101021436580" + "00").originator.number == (
        sender
    )


SENDER_ERRORS = [
    ("ab", "alphanumeric sender ID must be 3-11 characters, got 'ab' (2 characters)"),
    ("TwelveLetter", "3-11 characters, got 'TwelveLetter' (12 characters)"),
    ("Caf€", "GSM default alphabet (TS 23.038 §6.2.1, extension table excluded); 'Caf€' has '€'"),
    ("Кафе", "'Кафе' has 'К', 'а', 'е', 'ф'"),
    ("12", "as a number must be 3-16 digits with an optional leading '+', got '12' (2 digits)"),
    ("+12345678901234567", "got '+12345678901234567' (17 digits)"),
]


@pytest.mark.parametrize(("sender", "message"), SENDER_ERRORS)
def test_sender_id_rules(sender: str, message: str) -> None:
    with pytest.raises(ValueError, match=r"^originator ") as deliver_error:
        pdu.deliver("x", sender, timestamp=datetime(2024, 1, 1, tzinfo=CET))
    assert message in str(deliver_error.value)
    with pytest.raises(ValueError, match=r"^sender ") as submit_error:
        pdu.submit("x", "+385911234567", sender=sender)
    assert message in str(submit_error.value)


def test_sender_ids_at_the_limits_are_accepted() -> None:
    for sender in ("abc", "A" * 11, "123", "+" + "9" * 16, "Brand 1", "A.B-C_D@"):
        pdu.submit("x", "+385911234567", sender=sender)


@pytest.mark.parametrize(
    "destination", ["", "+", "+1234567890123456", "385 91", "0911234x", "++385", "٣٨٥"]
)
def test_destination_rules(destination: str) -> None:
    with pytest.raises(ValueError) as error:
        pdu.submit("x", destination)
    assert str(error.value) == (
        f"destination must be 1-15 digits with an optional leading '+' (E.164), got {destination!r}"
    )


def test_smsc_rules() -> None:
    with pytest.raises(ValueError, match=r"^smsc must be 1-15 digits .* got 'SMSC'$"):
        pdu.submit("x", "1", smsc="SMSC")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pdu.submit("x", 385), "destination must be a str, not int"),
        (lambda: pdu.submit("x", "1", sender=b"ab"), "sender must be a str, not bytes"),
        (lambda: pdu.submit("x", "1", status_report=1), "status_report must be a bool, not int"),
        (lambda: pdu.submit("x", "1", message_reference=True), "must be an int, not bool"),
        (lambda: pdu.submit("x", "1", validity=3600), "validity must be a timedelta"),
        (lambda: pdu.deliver("x", "123", timestamp="now"), "timestamp must be a datetime, not str"),
        (lambda: pdu.parse(123), "data must be bytes or a hex str, not int"),
        (lambda: pdu.parse("00", has_smsc=1), "has_smsc must be a bool, not int"),
        (lambda: pdu.tpdu_length("00"), "pdu must be bytes, bytearray or memoryview, not str"),
        (lambda: pdu.parse("00", direction=1), "direction must be a str or None, not int"),
    ],
)
def test_wrong_types_are_type_errors(call: object, message: str) -> None:
    with pytest.raises(TypeError) as error:
        call()  # type: ignore[operator]
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pdu.submit("x", "1", message_reference=256), "message_reference must be 0..255"),
        (lambda: pdu.submit("x", "1", packed=False), "packed must be True"),
        (lambda: pdu.submit("x", "1", validity=timedelta(0)), "more than 0 and at most 63 weeks"),
        (
            lambda: pdu.submit("x", "1", validity=timedelta(weeks=63, seconds=1)),
            "at most 63 weeks",
        ),
        (
            lambda: pdu.submit("x", "1", validity=datetime(2024, 1, 1)),
            "validity must be an aware datetime",
        ),
        (
            lambda: pdu.deliver(
                "x", "123", timestamp=datetime(2024, 1, 1, tzinfo=timezone(timedelta(minutes=20)))
            ),
            "whole number of quarter hours",
        ),
        (
            lambda: pdu.deliver("x", "123", timestamp=datetime(2090, 1, 1, tzinfo=CET)),
            "year must be 1990..2089",
        ),
        (lambda: pdu.parse("00", direction="up"), "direction must be 'mt', 'mo' or None"),
        (lambda: pdu.tpdu_length(b"\x07\x91"), "must start with an SMSC address"),
    ],
)
def test_wrong_values_are_value_errors(call: object, message: str) -> None:
    with pytest.raises(ValueError) as error:
        call()  # type: ignore[operator]
    assert message in str(error.value)


# --- validity and timestamps -------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "vp", "period"),
    [
        # §9.2.3.12.1, rounded up to the next representable period.
        (timedelta(seconds=1), 0, timedelta(minutes=5)),
        (timedelta(minutes=5), 0, timedelta(minutes=5)),
        (timedelta(minutes=5, seconds=1), 1, timedelta(minutes=10)),
        (timedelta(hours=12), 143, timedelta(hours=12)),
        (timedelta(hours=12, seconds=1), 144, timedelta(hours=12, minutes=30)),
        (timedelta(hours=24), 167, timedelta(hours=24)),
        (timedelta(hours=24, seconds=1), 168, timedelta(days=2)),
        (timedelta(days=4), 170, timedelta(days=4)),
        (timedelta(days=30), 196, timedelta(days=30)),
        (timedelta(days=30, seconds=1), 197, timedelta(weeks=5)),
        (timedelta(weeks=63), 255, timedelta(weeks=63)),
    ],
)
def test_relative_validity_rounds_up(asked: timedelta, vp: int, period: timedelta) -> None:
    assert encode_relative(asked) == vp
    assert relative_period(vp) == period
    (built,) = pdu.submit("x", "1", validity=asked)
    assert built[1] & 0x18 == 0x10 and built[8] == vp  # after TP-DA 01 81 F1, PID, DCS
    assert pdu.parse(built).validity == period  # type: ignore[union-attr]


@given(st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(weeks=63)))
def test_relative_validity_is_the_least_period_not_shorter(asked: timedelta) -> None:
    vp = encode_relative(asked)
    assert relative_period(vp) >= asked
    assert vp == 0 or relative_period(vp - 1) < asked


def test_absolute_validity_and_negative_time_zones() -> None:
    # §9.2.3.11: -05:00 is 20 quarter hours, digits swapped (0x02), sign bit 3 (0x0A).
    until = datetime(2025, 12, 31, 23, 59, 58, 1, tzinfo=timezone(timedelta(hours=-5)))
    (built,) = pdu.submit("x", "1", validity=until)
    assert built[1] & 0x18 == 0x18
    assert built[8:15].hex().upper() == "52211332959" + "5" + "0A"  # rounded up to :59
    parsed = pdu.parse(built)
    assert parsed.validity == until.replace(second=59, microsecond=0)  # type: ignore[union-attr]
    assert parsed.to_dict()["validity"] == "2025-12-31T23:59:59-05:00"


@pytest.mark.parametrize(
    ("offset", "octet"),
    [
        (timedelta(0), 0x00),
        (timedelta(hours=2), 0x80),
        (timedelta(hours=5, minutes=45), 0x32),  # Nepal: 23 quarters
        (timedelta(hours=-3, minutes=-30), 0x49),  # Newfoundland: 14 quarters, sign
        (timedelta(hours=-12), 0x8C),
        (timedelta(hours=14), 0x65),
    ],
)
def test_time_zone_octet(offset: timedelta, octet: int) -> None:
    moment = datetime(2024, 2, 29, 12, 0, tzinfo=timezone(offset))
    (built,) = pdu.deliver("x", "123", timestamp=moment)
    assert built[14] == octet  # SMSC 00, first octet, TP-OA 038121F3, PID, DCS, 6 octets
    parsed = pdu.parse(built)
    assert parsed.timestamp == moment and parsed.timestamp.utcoffset() == offset  # type: ignore[union-attr]


def test_two_digit_year_window() -> None:
    for year in (1990, 1999, 2000, 2089):
        moment = datetime(year, 1, 1, tzinfo=CET)
        (built,) = pdu.deliver("x", "123", timestamp=moment)
        assert pdu.parse(built).timestamp.year == year  # type: ignore[union-attr]


# --- round trips ------------------------------------------------------------------------------

numbers = st.from_regex(r"\+?[0-9]{3,15}", fullmatch=True)
alphanumeric = st.text(alphabet=st.sampled_from(GSM_BASIC), min_size=3, max_size=11).filter(
    lambda s: not s.lstrip("+").isdigit()
)
moments = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2089, 12, 31, 23, 59, 59)
).map(lambda m: m.replace(microsecond=0))
zones = st.integers(-79, 79).map(lambda q: timezone(timedelta(minutes=15 * q)))


@settings(max_examples=200)  # each example builds and parses up to 255 PDUs
@given(
    text=any_text,
    destination=numbers,
    smsc=st.none() | numbers,
    reference=st.integers(0, 255),
    validity=st.none()
    | st.timedeltas(timedelta(seconds=1), timedelta(weeks=63))
    | st.builds(lambda m, z: m.replace(tzinfo=z), moments, zones),
    flags=st.tuples(st.booleans(), st.booleans(), st.booleans()),
    language=st.sampled_from([None, "AUTODETECT", smsenc.ALL_LANGUAGE_CODES]),
)
def test_parse_of_submit_gives_back_every_field(
    text: str,
    destination: str,
    smsc: str | None,
    reference: int,
    validity: timedelta | datetime | None,
    flags: tuple[bool, bool, bool],
    language: object,
) -> None:
    status_report, reject, reply = flags
    message = smsenc.encode(text, language, reference=7)
    built = pdu.submit(
        text,
        destination,
        smsc=smsc,
        validity=validity,
        status_report=status_report,
        message_reference=reference,
        reject_duplicates=reject,
        reply_path=reply,
        language_code=language,
        reference=7,
    )
    assert len(built) == len(message.parts)
    parsed = [pdu.parse(p) for p in built]
    for index, (item, part) in enumerate(zip(parsed, message.parts, strict=True)):
        assert isinstance(item, pdu.Submit)
        assert item.destination.number == destination
        assert item.destination.type_of_address == (0x91 if destination[0] == "+" else 0x81)
        assert (item.smsc and item.smsc.number) == smsc
        assert item.message_reference == (reference + index) % 256
        assert (item.status_report_request, item.reject_duplicates, item.reply_path) == flags
        assert (item.dcs, item.udhi, item.udl, item.user_data) == (
            part.dcs,
            part.udhi,
            part.udl,
            part.user_data,
        )
        assert item.text == part.text
        if isinstance(validity, timedelta):
            assert item.validity == relative_period(encode_relative(validity))
        else:
            assert item.validity == validity
        assert pdu.tpdu_length(built[index]) == len(built[index]) - 1 - built[index][0]
    assert smsenc.reassemble(p.decoded for p in parsed if p.decoded) == message.segmentation.text


@settings(max_examples=200)  # each example builds and parses up to 255 PDUs
@given(
    text=any_text,
    originator=numbers | alphanumeric,
    moment=moments,
    zone=zones,
    language=st.sampled_from([None, "TR", smsenc.ALL_LANGUAGE_CODES]),
)
def test_parse_of_deliver_gives_back_every_field(
    text: str, originator: str, moment: datetime, zone: timezone, language: object
) -> None:
    timestamp = moment.replace(tzinfo=zone)
    built = pdu.deliver(text, originator, timestamp=timestamp, language_code=language)
    parsed = [pdu.parse(p) for p in built]
    for item in parsed:
        assert isinstance(item, pdu.Deliver)
        assert item.originator.number == originator
        assert item.timestamp == timestamp and item.timestamp.utcoffset() == zone.utcoffset(None)
        assert not item.more_messages_to_send
        assert item.smsc is None
    text_sent = smsenc.segment(text, language).text
    assert smsenc.reassemble(p.decoded for p in parsed if p.decoded) == text_sent


def test_parts_parsed_in_any_order_reassemble_and_name_their_national_tables() -> None:
    text = "Yarın 14:00'te Kadıköy'de buluşalım mı? " * 10
    built = pdu.submit(text, "+905321234567", language_code="TR", reference=0x42)
    parsed = [pdu.parse(p.hex()) for p in reversed(built)]
    assert [p.concatenation.sequence for p in parsed] == [3, 2, 1]  # type: ignore[union-attr]
    assert {p.decoded.locking_shift.code for p in parsed} == {"TR"}  # type: ignore[union-attr]
    assert smsenc.reassemble(p.decoded for p in parsed if p.decoded) == text


def test_bare_tpdu_and_spaced_hex() -> None:
    (built,) = pdu.submit("hi", "+123")
    spaced = " ".join(f"{o:02x}" for o in built[1:])
    assert pdu.parse(spaced, has_smsc=False).text == "hi"


# --- status reports, 8-bit data, directions -----------------------------------------------


def test_status_report_with_parameters_and_meanings() -> None:
    # 06: STATUS-REPORT, no more messages; TP-MR 2A; TP-RA; SCTS; DT; TP-ST 46;
    # TP-PI 07 (PID, DCS, UDL); PID 00; DCS 00; UDL 02 "hi".
    scts = "42101021436580"
    hex_pdu = (
        "00" + "06" + "2A" + "0591" + "2143F5" + scts + scts + "46" + "07" + "00" + "00" + "02E834"
    )
    parsed = pdu.parse(hex_pdu)
    assert isinstance(parsed, pdu.StatusReport)
    assert (parsed.message_reference, parsed.recipient.number, parsed.status) == (42, "+12345", 70)
    assert parsed.status_meaning == (
        "permanent error, SC is not making any more transfer attempts: SM validity period expired"
    )
    assert parsed.text == "hi" and parsed.parameter_indicator == 7
    assert pdu.status_meaning(0x21) == "temporary error, SC still trying to transfer SM: SME busy"
    assert pdu.status_meaning(0x61).startswith("temporary error, SC is not making any more")
    assert (
        pdu.status_meaning(0x15) == "short message transaction completed: value specific to the SC"
    )
    assert pdu.status_meaning(0x03).endswith(": reserved")
    assert pdu.status_meaning(0x80) == "reserved"


def test_status_report_to_dict_names_every_field_in_order() -> None:
    scts = "42101021436580"
    parsed = pdu.parse("00" + "06" + "2A" + "0591" + "2143F5" + scts + scts + "46")
    moment = "2024-01-01T12:34:56+02:00"
    assert json.dumps(parsed.to_dict()) == json.dumps(
        {
            "type": "SMS-STATUS-REPORT",
            "smsc": None,
            "first_octet": 6,
            "udhi": False,
            "protocol_identifier": None,
            "dcs": None,
            "udl": None,
            "user_data": "",
            "decoded": None,
            "more_messages_to_send": False,
            "loop_prevention": False,
            "status_report_qualifier": False,
            "message_reference": 42,
            "recipient": {
                "number": "+12345",
                "type_of_address": 145,
                "type_of_number": "international",
            },
            "timestamp": moment,
            "discharge_time": moment,
            "status": 70,
            "parameter_indicator": None,
            "text": None,
            "status_meaning": "permanent error, SC is not making any more transfer attempts: "
            "SM validity period expired",
        }
    )


def test_parsed_pdus_are_immutable_tuples_of_their_fields() -> None:
    scts = "42101021436580"
    report = "00" + "06" + "2A" + "0591" + "2143F5" + scts + scts + "46"
    (submitted,) = pdu.submit("hi", "+12345", smsc="+4915")
    delivered = pdu.deliver("hi", "+12345", timestamp=datetime(2024, 1, 1, tzinfo=CET))[0]
    for data, kind in [
        (submitted, pdu.Submit),
        (delivered, pdu.Deliver),
        (report, pdu.StatusReport),
    ]:
        parsed = pdu.parse(data)
        assert type(parsed) is kind and isinstance(parsed, pdu.Tpdu) and isinstance(parsed, tuple)
        assert parsed == pdu.parse(data) and hash(parsed) == hash(pdu.parse(data))
        assert repr(parsed).startswith(f"{kind.__name__}(smsc=")
        assert parsed._fields[:8] == (
            *("smsc", "first_octet", "udhi", "protocol_identifier"),
            *("dcs", "udl", "user_data", "decoded"),
        )
        with pytest.raises(AttributeError):
            parsed.udl = 0  # type: ignore[misc]
        with pytest.raises(AttributeError):
            parsed.note = "x"  # type: ignore[attr-defined]
        copy = parsed._replace(first_octet=0xFF)
        assert type(copy) is kind and copy.to_dict()["first_octet"] == 0xFF
        assert copy.to_dict() == {**parsed.to_dict(), "first_octet": 0xFF}
        assert pickle.loads(pickle.dumps(parsed)) == parsed
    address = pdu.parse(submitted).smsc
    assert address == pdu.Address(number="+4915", type_of_address=0x91) == ("+4915", 0x91)
    assert (address.type_of_number, address.numbering_plan) == ("international", 1)  # type: ignore[union-attr]


def test_eight_bit_data_keeps_its_octets_and_header() -> None:
    # DELIVER, UDHI, DCS 04 (8-bit): a port IE (05 04 0B84 23F0) and two octets of data.
    hex_pdu = "00" + "44" + "038121F3" + "0004" + "42101021436580" + "09" + "0605040B8423F0CAFE"
    parsed = pdu.parse(hex_pdu)
    assert parsed.decoded is None and parsed.text is None
    assert parsed.user_data.hex() == "0605040b8423f0cafe"


def test_direction_names_the_types_parse_does_not_read() -> None:
    (built,) = pdu.submit("x", "1")
    assert isinstance(pdu.parse(built, direction="mo"), pdu.Submit)
    with pytest.raises(DecodeError, match="TP-MTI 01 from SC to MS is SMS-SUBMIT-REPORT"):
        pdu.parse(built, direction="mt")
    with pytest.raises(DecodeError, match="TP-MTI 00 from MS to SC is SMS-DELIVER-REPORT"):
        pdu.parse("0000", direction="mo")
    with pytest.raises(DecodeError, match="TP-MTI 10 from MS to SC is SMS-COMMAND"):
        pdu.parse("0002", direction="mo")


# --- malformed input ------------------------------------------------------------------------

GOOD = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37"


@pytest.mark.parametrize(
    ("hex_pdu", "message", "offset"),
    [
        ("001", "ends in half an octet (a lone semi-octet)", 1),
        ("00zz", "'z' is not a hex digit", 1),
        ("", "SMSC address needs 1 octet(s) at 0", 0),
        ("0791", "SMSC address needs 7 octet(s) at 1", 1),
        ("0C91" + "11" * 11, "SMSC address: length 12 exceeds 11 octets", 0),
        ("0391F121", "SMSC address: end mark 1111 at digit 2 of 4", 2),
        ("00", "first octet (TP-MTI) is missing", 1),
        ("0003", "TP-MTI 11 is reserved", 1),
        ("0001", "TP-MR is missing", 2),
        ("000100", "TP-DA needs 2 octet(s) at 3", 3),
        ("0001000B91640728", "TP-DA needs 6 octet(s) at 5", 5),
        ("0001000391" + "2143", "TP-DA: an odd count of 3 semi-octets must end with the filler", 6),
        ("0001001591" + "00" * 11, "TP-DA: Address-Length 21 exceeds the 20 semi-octets", 3),
        ("0001000291F1", "TP-DA: end mark 1111 at digit 2 of 2", 5),
        ("0001000291214300", "TP-UDL is missing", 8),
        ("00110002912100", "TP-DCS is missing", 7),
        ("0011000291210000", "TP-VP is missing", 8),
        ("0019000291210000" + "00" * 6, "TP-VP needs 7 octets at 8", 8),
        ("0019000291210000" + "A0" * 7, "TP-VP: octet 0xA0 is not two decimal digits", 8),
        ("0019000291210000" + "02310000000000", "TP-VP: month must be in 1..12", 8),
        ("000900029121000004" + "00" * 6, "TP-VP (enhanced): reserved validity format 100", 8),
        (GOOD[:-2], "TP-UD: TP-UDL 10 needs 9 octets at 15, the PDU has 8", 15),
        (GOOD + "00", "1 octet(s) after TP-UD, which ends the TPDU", 24),
        ("0001000291210000A1" + "00" * 141, "TP-UDL 161 exceeds 160 septets", 8),
        ("0001000291210008" + "8D" + "00" * 141, "TP-UDL 141 exceeds 140 octets", 8),
        (
            "000100029121000803004100",
            "TP-UD (octets 9 on): UCS-2 text of an odd number of octets, at octet 2 within it",
            9,
        ),
        (
            "00410002912100000A" + "0F" + "00" * 8,
            "TP-UD (octets 9 on): UDHL 15 runs past the end",
            9,
        ),
        ("00000481214300004210102143658", "ends in half an octet", 14),
        ("0000048121430000421010214365", "TP-SCTS needs 7 octets at 8", 8),
        ("000004812143000042101021436580", "TP-UDL is missing", 15),
        ("000004D0C10D000042101021436580" + "0100", "TP-OA: ", 4),  # "A" + a dangling ESC
        ("0002", "TP-MR is missing", 2),
        ("00022A0291214210102143658042101021436580", "TP-ST is missing", 20),
        ("00022A029121421010214365804210102143658000" + "80", "TP-PI (extension) is missing", 22),
        ("00022A02912142101021436580421010214365800000" + "00", "1 octet(s) after the fields", 22),
    ],
)
def test_malformed_pdus_name_the_field_and_offset(hex_pdu: str, message: str, offset: int) -> None:
    with pytest.raises(DecodeError) as error:
        pdu.parse(hex_pdu)
    assert message in str(error.value)
    assert error.value.offset == offset


# --- command line ------------------------------------------------------------------------------


def test_cli_submit_prints_pdus_and_cmgs_lengths(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pdu", "submit", "--to", "+46708251358", "--validity", "4d", "hellohello"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "parts": [
            {
                "pdu": "0011000B916407281553F80000AA0AE8329BFD4697D9EC37",
                "length": 23,
                "tpdu": "11000B916407281553F80000AA0AE8329BFD4697D9EC37",
            }
        ]
    }


def test_cli_submit_long_text_with_smsc_and_absolute_validity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["pdu", "submit", "--to", "385911234567", "--smsc", "+385980", "--reference", "9"]
    args += ["--validity", "2025-06-01T12:00:00+02:00", "--from", "Brand", "a" * 200]
    assert main(args) == 0
    parts = json.loads(capsys.readouterr().out)["parts"]
    # 20 octets of header; 140 of TP-UD, then 47 septets + the 6-octet UDH = 54 septets
    assert [p["length"] for p in parts] == [160, 68]
    # SMSC 04 91 839508; 59: SUBMIT, absolute TP-VP, UDHI; TP-MR 00 then 01
    assert [p["pdu"][:14] for p in parts] == ["04918395085900", "04918395085901"]
    assert [pdu.parse(p["pdu"]).concatenation.sequence for p in parts] == [1, 2]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pdu", "submit", "--to", "+1", "--from", "Brand name too long", "x"], "sender as an"),
        (["pdu", "submit", "--to", "abc", "x"], "destination must be 1-15 digits"),
        (["pdu", "parse", "0003"], "TP-MTI 11 is reserved"),
        (["pdu", "parse", "zz"], "'z' is not a hex digit"),
    ],
)
def test_cli_bad_input_exits_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_cli_bad_validity_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["pdu", "submit", "--to", "+1", "--validity", "soon", "x"])
    assert exit_.value.code == 2
    assert "--validity must be a period like 30m" in capsys.readouterr().err


def test_cli_parse_as_a_real_process() -> None:
    vector = (
        "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37"  # dreamfabric
    )
    done = subprocess.run(
        [sys.executable, "-m", "smsenc", "pdu", "parse", vector],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(done.stdout)
    assert data["type"] == "SMS-DELIVER" and data["text"] == "hellohello"
    assert data["originator"] == {
        "number": "27838890001",
        "type_of_address": 200,
        "type_of_number": "subscriber",
    }
    assert data["timestamp"] == "1999-03-29T15:16:59+02:00"


def test_import_smsenc_does_not_import_pdu() -> None:
    code = (
        "import sys, smsenc; print('smsenc.pdu' in sys.modules); "
        "smsenc.pdu.parse; print('smsenc.pdu' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_readme_shows_what_pdu_submit_prints(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    command, shown = readme.split("$ smsenc pdu submit ", 1)[1].split("\n```", 1)[0].split("\n", 1)
    assert main(["pdu", "submit", *command.split()]) == 0
    assert capsys.readouterr().out == shown + "\n"


def _swapped(digits: str) -> str:
    """Semi-octets as TS 23.040 §9.1.2.3 writes them, built here independently of smsenc."""
    digits += "F" * (len(digits) % 2)
    return "".join(digits[i + 1] + digits[i] for i in range(0, len(digits), 2))


def _scts(moment: datetime) -> str:
    quarters = int(moment.utcoffset().total_seconds()) // 900  # type: ignore[union-attr]
    zone = _swapped(f"{abs(quarters):02d}")
    if quarters < 0:
        zone = zone[0] + f"{int(zone[1], 16) | 8:X}"  # the sign: bit 3, in the tens digit
    return _swapped(moment.strftime("%y%m%d%H%M%S")) + zone


@settings(max_examples=200)  # each example builds and parses up to 255 PDUs
@given(
    reference=st.integers(0, 255),
    recipient=st.from_regex(r"[0-9]{1,15}", fullmatch=True),
    moments=st.tuples(moments, moments),
    zone=zones,
    status=st.integers(0, 255),
    text=st.none() | any_text,
)
def test_parse_of_status_reports_reads_every_field(
    reference: int,
    recipient: str,
    moments: tuple[datetime, datetime],
    zone: timezone,
    status: int,
    text: str | None,
) -> None:
    scts, dt = (m.replace(tzinfo=zone) for m in moments)
    part = None if text is None else smsenc.encode(text, reference=3).parts[0]
    first = 0x06 | (0x40 if part is not None and part.udh else 0)  # TP-UDHI with a header
    body = f"{first:02X}{reference:02X}{len(recipient):02X}91{_swapped(recipient)}"
    body += f"{_scts(scts)}{_scts(dt)}{status:02X}"
    if part is not None:
        body += f"06{part.dcs:02X}{part.udl:02X}{part.user_data.hex()}"  # TP-PI: DCS, UDL
    parsed = pdu.parse(body, has_smsc=False)
    assert isinstance(parsed, pdu.StatusReport)
    assert parsed.message_reference == reference and parsed.recipient.number == "+" + recipient
    assert (parsed.timestamp, parsed.discharge_time) == (scts, dt)
    assert parsed.status == status and parsed.status_meaning == pdu.status_meaning(status)
    assert parsed.text == (None if part is None else part.text)
