"""smsenc's TPDUs read by independent decoders from the package index (``.[peers]``).

Each peer decodes what :mod:`smsenc.pdu` builds, field by field.  Where a peer is wrong,
the test pins its exact wrong answer (so it fails when the peer is fixed, or when smsenc
changes), with the clause that decides; README's "Decisions" section lists them.
Peers: smspdudecoder 2.2.0 (with bitstring 4.x: 5.0 removed the ``BitStream`` it
imports), python-gsmmodem-new 0.13.0 (``gsmmodem.pdu``), python-messaging 0.5.13.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from io import StringIO
from typing import Any

# The peers come with .[test] (through .[peers]): a missing one is an error, never a skip.
import gsmmodem.pdu as gsmmodem
import messaging.sms as messaging
import pytest
import smspdudecoder.fields as smspdudecoder
from hypothesis import given, settings
from hypothesis import strategies as st

import smsenc.pdu as pdu

from .strategies import GSM_BASIC, GSM_EXTENSION

TO = "+385911234567"
ZONE = timezone(timedelta(hours=-3, minutes=-30))  # Newfoundland: a negative quarter-hour zone
WHEN = datetime(2024, 5, 6, 7, 8, 9, tzinfo=ZONE)


def by_gsmmodem(hex_pdu: str) -> dict[str, Any]:
    return dict(gsmmodem.decodeSmsPdu(hex_pdu))


def by_smspdudecoder(hex_pdu: str, kind: str) -> dict[str, Any]:
    decoder = smspdudecoder.SMSSubmit if kind == "submit" else smspdudecoder.SMSDeliver
    return dict(decoder.decode(StringIO(hex_pdu)))


def by_messaging(hex_pdu: str) -> Any:
    return messaging.SmsDeliver(hex_pdu)


# --- where every peer agrees --------------------------------------------------------------

AGREED = ["hellohello", "{€}[~] \\^|", "1234567", "a" * 200, "Ünïcödé? Здравствуйте"]


@pytest.mark.parametrize("text", AGREED)
def test_peers_read_submit_fields_as_smsenc(text: str) -> None:
    for built in pdu.submit(text, TO, validity=timedelta(hours=13), reference=5, smsc="+3859"):
        hex_pdu = built.hex().upper()
        ours = pdu.parse(hex_pdu)
        assert isinstance(ours, pdu.Submit)
        modem = by_gsmmodem(hex_pdu)
        assert modem["type"] == "SMS-SUBMIT"
        assert (modem["smsc"], modem["number"], modem["text"]) == ("+3859", TO, ours.text)
        assert modem["validity"] == ours.validity == timedelta(hours=13)
        assert modem["tpdu_length"] == pdu.tpdu_length(built)
        qotto = by_smspdudecoder(hex_pdu, "submit")
        assert qotto["recipient"]["number"] == TO.lstrip("+")
        assert qotto["recipient"]["toa"] == {"ton": "international", "npi": "isdn"}
        assert qotto["header"]["udhi"] == ours.udhi and qotto["vp"] == 145
        assert qotto["user_data"]["data"] == ours.text
        if ours.concatenation:
            (ie,) = qotto["user_data"]["header"]["elements"]
            assert ie["data"] == {
                "reference": 5,
                "parts_count": ours.concatenation.total,
                "part_number": ours.concatenation.sequence,
            }


@pytest.mark.parametrize("text", AGREED)
def test_peers_read_deliver_fields_as_smsenc(text: str) -> None:
    for built in pdu.deliver(text, "+4366412345", timestamp=WHEN, reference=9):
        hex_pdu = built.hex()
        ours = pdu.parse(hex_pdu)
        assert isinstance(ours, pdu.Deliver)
        modem = by_gsmmodem(hex_pdu)
        assert (modem["number"], modem["text"], modem["time"]) == ("+4366412345", ours.text, WHEN)
        assert modem["time"].utcoffset() == timedelta(hours=-3, minutes=-30)
        qotto = by_smspdudecoder(hex_pdu, "deliver")
        assert qotto["scts"] == WHEN  # converted to UTC, the same instant
        assert qotto["user_data"]["data"] == ours.text
        assert qotto["header"]["mms"] is True  # the bit as it is: 1 = no more messages
        assert not ours.more_messages_to_send
        old = by_messaging(hex_pdu)
        assert (old.number, old.text) == ("+4366412345", ours.text)
        assert old.date == WHEN.astimezone(timezone.utc).replace(tzinfo=None)  # naive UTC


def test_peer_encoders_build_the_same_octets() -> None:
    # gsmmodem and python-messaging each build this SMS-SUBMIT; all three agree.
    (ours,) = pdu.submit("hellohello", TO, validity=timedelta(days=4))
    (theirs,) = gsmmodem.encodeSmsSubmitPdu(
        TO, "hellohello", reference=0, validity=timedelta(days=4), requestStatusReport=False
    )
    assert bytes(theirs.data) == ours and theirs.tpduLength == pdu.tpdu_length(ours)
    old = messaging.SmsSubmit(TO, "hellohello")
    old.ref, old.validity = 0, timedelta(days=4)
    (part,) = old.to_pdu()
    assert part.pdu == ours.hex().upper()


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.sampled_from(GSM_BASIC.replace("§", "") + GSM_EXTENSION.replace("\f", "")),
        max_size=400,
    )
)
def test_gsmmodem_reads_every_default_alphabet_text_but_section_and_form_feed(text: str) -> None:
    # 8-bit references: a 6-octet header, which gsmmodem's fill-bit arithmetic gets right.
    for built in pdu.submit(
        text, TO, reference=1, allow_locking_shift=False, allow_single_shift=False
    ):
        ours = pdu.parse(built).text
        septets = len(ours) + sum(c in GSM_EXTENSION for c in ours)
        if ours.endswith("@") and septets % 8 == 0:
            # A final '@' (septet 0x00) that ends on an octet boundary: gsmmodem takes it
            # for fill bits and drops it (TS 23.038 §6.1.2.3.1 pads with CR, not '@').
            assert by_gsmmodem(built.hex())["text"] == ours[:-1]
        else:
            assert by_gsmmodem(built.hex())["text"] == ours


def test_status_reports_read_alike() -> None:
    # amro.blogspot.com's +CDS example (tests/vectors/pdu.json), behind an empty SMSC.
    hex_pdu = "00" + "06000B910221815716F2709021510121807090215101718000"
    ours = pdu.parse(hex_pdu)
    assert isinstance(ours, pdu.StatusReport)
    modem = by_gsmmodem(hex_pdu)
    assert modem["type"] == "SMS-STATUS-REPORT"
    assert (modem["reference"], modem["number"], modem["status"]) == (0, "+20121875612", 0)
    assert (modem["time"], modem["discharge"]) == (ours.timestamp, ours.discharge_time)
    old = by_messaging(hex_pdu)
    # python-messaging drops the time zone here (naive local time), unlike for DELIVER.
    assert old.sr == {
        "recipient": ours.recipient.number,
        "scts": ours.timestamp.replace(tzinfo=None),
        "dt": ours.discharge_time.replace(tzinfo=None),
        "status": ours.status,
    }


# --- where a peer is wrong: its exact answer, and the clause that decides ------------------


def test_gsmmodem_reads_section_sign_as_backtick() -> None:
    # TS 23.038 §6.2.1: 0x5F is "§"; gsmmodem's table has "`" there.
    (built,) = pdu.submit("§ 5", TO)
    assert pdu.parse(built).text == "§ 5"
    assert by_gsmmodem(built.hex())["text"] == "` 5"
    assert by_smspdudecoder(built.hex(), "submit")["user_data"]["data"] == "§ 5"


def test_gsmmodem_loses_the_form_feed() -> None:
    # TS 23.038 §6.2.1.1: ESC 0x0A is the page break (U+000C); gsmmodem's extension table
    # keys it as chr(0xFF), so the escape pair decodes to nothing.
    (built,) = pdu.submit("a\fb", TO)
    assert built[-5:].hex() == "04e18d420c"  # UDL 4: a, ESC, 0x0A, b
    assert pdu.parse(built).text == "a\fb"
    assert by_gsmmodem(built.hex())["text"] == "ab"
    assert by_smspdudecoder(built.hex(), "submit")["user_data"]["data"] == "a\fb"


def test_gsmmodem_drops_the_first_septet_after_a_seven_octet_header() -> None:
    # TS 23.040 §9.2.3.24: a 7-octet UDH (16-bit concatenation reference, §9.2.3.24.8)
    # ends on a septet boundary, so no fill bits; gsmmodem skips one septet regardless.
    built = pdu.submit("abcdefgh" * 25, TO, reference=0x1234, reference_bits=16)
    assert [pdu.parse(b).text for b in built] == ["abcdefgh" * 19, "abcdefgh" * 6]
    assert [by_gsmmodem(b.hex())["text"] for b in built] == [
        "bcdefgh" + "abcdefgh" * 18,
        "bcdefgh" + "abcdefgh" * 5,
    ]


def test_gsmmodem_and_messaging_split_astral_characters_into_surrogates() -> None:
    # TS 23.038 §6.2.3: UCS-2 parts carry UTF-16 code units; a pair is one character.
    (built,) = pdu.deliver("hi 😀", "+4366412345", timestamp=WHEN)
    assert pdu.parse(built).text == "hi 😀"
    assert by_gsmmodem(built.hex())["text"] == "hi \ud83d\ude00"
    assert by_messaging(built.hex()).text == "hi \ud83d\ude00"
    assert by_smspdudecoder(built.hex(), "deliver")["user_data"]["data"] == "hi 😀"


def test_smspdudecoder_and_messaging_read_alphanumeric_padding_as_at_sign() -> None:
    # TS 23.040 §9.1.2.5: the Address-Length of an alphanumeric address counts semi-octets,
    # so 7 characters (49 bits) are 13 semi-octets and 7 septets; the 7 spare bits of the
    # last octet are no character.  Both peers read whole octets: a trailing "@".
    (built,) = pdu.deliver("x", "Brand12", timestamp=WHEN)
    assert built[2:4] == bytes((13, 0xD0))
    assert pdu.parse(built).originator.number == "Brand12"  # type: ignore[union-attr]
    assert by_gsmmodem(built.hex())["number"] == "Brand12"
    assert by_smspdudecoder(built.hex(), "deliver")["sender"]["number"] == "Brand12@"
    assert by_messaging(built.hex()).number == "Brand12@"


@pytest.mark.parametrize(
    ("validity", "vp", "theirs"),
    [
        (timedelta(minutes=5), 0, {"validity-minutes": 0}),  # (0 + 1) x 5 minutes
        (timedelta(hours=12, minutes=30), 144, {"validity-hours": 12}),  # 12 h + 1 x 30 min
        (timedelta(hours=23, minutes=30), 166, {"validity-hours": 23}),
    ],
)
def test_smspdudecoder_misreads_relative_validity(
    validity: timedelta, vp: int, theirs: dict[str, int]
) -> None:
    # TS 23.040 §9.2.3.12.1: 0-143 are (VP + 1) x 5 minutes, 144-167 are 12 hours +
    # (VP - 143) x 30 minutes; smspdudecoder drops the +1 and truncates half hours.
    (built,) = pdu.submit("x", TO, validity=validity)
    assert pdu.parse(built).validity == validity  # type: ignore[union-attr]
    assert by_gsmmodem(built.hex())["validity"] == validity
    qotto = by_smspdudecoder(built.hex(), "submit")
    assert qotto["vp"] == vp
    assert {k: v for k, v in qotto.items() if k.startswith("validity-")} == theirs


def test_two_digit_years_each_peer_its_own_window() -> None:
    # TS 23.040 §9.2.3.11 gives the year two digits and no century.  smsenc reads 90-99 as
    # the 1990s (SMS began in 1992) and 00-89 as 2000-2089; smspdudecoder always adds
    # 2000, gsmmodem and python-messaging use strptime's %y (69-99 are 1969-1999).
    late = datetime(1999, 3, 29, 15, 16, 59, tzinfo=timezone(timedelta(hours=2)))
    future = late.replace(year=2075)
    for moment, qotto, others in ((late, 2099, 1999), (future, 2075, 1975)):
        (built,) = pdu.deliver("x", "123", timestamp=moment)
        assert pdu.parse(built).timestamp == moment  # type: ignore[union-attr]
        assert by_smspdudecoder(built.hex(), "deliver")["scts"].year == qotto
        assert by_gsmmodem(built.hex())["time"].year == others
        assert by_messaging(built.hex()).date.year == others


def test_no_peer_reads_national_language_tables() -> None:
    # TS 23.040 §9.2.3.24.16: the locking shift IE (Turkish = 1) selects TS 23.038 A.3.1;
    # every peer ignores it and reads the septets with the default table.
    (built,) = pdu.submit("ş ğ ı", TO, language_code="TR")
    assert pdu.parse(built).text == "ş ğ ı"
    assert by_gsmmodem(built.hex())["text"] == "æ ø ì"
    assert by_smspdudecoder(built.hex(), "submit")["user_data"]["data"] == "æ ø ì"
    (built,) = pdu.deliver("ş ğ ı", "123", timestamp=WHEN, language_code="TR")
    assert by_messaging(built.hex()).text == "æ ø ì"
