"""read_deliver_sm(): a deliver_sm's user data back to a DecodedPart for reassemble()."""

from __future__ import annotations

import pytest

import smsenc
from smsenc import Concatenation, DecodeError, reassemble
from smsenc.smpp import PROFILES, SmscProfile, read_deliver_sm, submit_parts

TEXT = "a" * 152 + "€" + "a" * 10


def _read(parts, profile=PROFILES["smpp34"]):  # type: ignore[no-untyped-def]
    return [
        read_deliver_sm(
            p.short_message,
            data_coding=p.data_coding,
            esm_class=p.esm_class,
            tlvs=p.tlvs,
            profile=profile,
        )
        for p in parts
    ]


def test_udh_parts_out_of_order_reassemble_and_the_udh_is_never_text() -> None:
    read = _read(submit_parts(TEXT, reference=0x42))
    assert [p.concatenation for p in read] == [
        Concatenation(reference=0x42, total=2, sequence=n, reference_bits=8, scheme="udh")
        for n in (1, 2)
    ]
    assert read[0].text == "a" * 152 and read[0].udh == bytes.fromhex("050003420201")
    assert reassemble(reversed(read)) == TEXT


def test_sar_parts_give_a_16_bit_sar_concatenation() -> None:
    read = _read(submit_parts(TEXT, profile=PROFILES["sar"], reference=0xBEEF))
    assert [p.concatenation for p in read] == [
        Concatenation(reference=0xBEEF, total=2, sequence=n, reference_bits=16, scheme="sar")
        for n in (1, 2)
    ]
    assert all(p.udh == b"" for p in read)
    assert reassemble(reversed(read)) == TEXT


def test_parts_of_different_schemes_never_make_one_message() -> None:
    (sar_one, _) = _read(submit_parts(TEXT, profile=PROFILES["sar"], reference=66))
    udh16 = SmscProfile(concatenation="udh16")
    (_, udh_two) = _read(submit_parts(TEXT, profile=udh16, reference=66))
    with pytest.raises(DecodeError, match="16-bit sar"):
        reassemble([sar_one, udh_two])


def test_a_message_payload_is_one_whole_message() -> None:
    (part,) = _read(submit_parts(TEXT, profile=PROFILES["payload"]))
    assert part.concatenation is None and part.text == TEXT
    assert reassemble([part]) == TEXT


def test_an_escape_cut_from_its_septet_between_sar_parts_rejoins() -> None:
    # A sender that cuts every 152 septets leaves ESC at the end of part 1.
    tlvs = {"sar_msg_ref_num": 9, "sar_total_segments": 2}
    one = read_deliver_sm(b"a" * 151 + b"\x1b", tlvs={**tlvs, "sar_segment_seqnum": 1})
    two = read_deliver_sm(b"\x65" + b"a" * 10, tlvs={**tlvs, "sar_segment_seqnum": 2})
    assert (one.text, one.ends_in_escape) == ("a" * 151, True)
    assert reassemble([two, one]) == "a" * 151 + "€" + "a" * 10


def test_what_data_coding_0_means_is_the_profiles() -> None:
    data = bytes.fromhex("050003010201") + b"caf\xe9 {x}"
    latin = read_deliver_sm(data, esm_class=0x40, profile=PROFILES["latin1"])
    assert latin.text == "café {x}" and latin.concatenation is not None
    assert latin.udh == bytes.fromhex("050003010201")
    gsm = read_deliver_sm(b"\x00\x1b\x65", profile=PROFILES["smpp34"])
    assert gsm.text == "@€"
    ia5 = read_deliver_sm(b"@ home", profile=PROFILES["ia5"])
    assert ia5.text == "@ home"
    with pytest.raises(DecodeError, match="octet 0xE9 is not ASCII"):
        read_deliver_sm(b"caf\xe9", profile=PROFILES["ia5"])


@pytest.mark.parametrize(
    ("data_coding", "data", "text"),
    [
        (0x01, b"a@b", "a@b"),  # IA5
        (0x03, b"\xe9t\xe9", "été"),  # Latin-1
        (0x06, "Привет".encode("iso8859-5"), "Привет"),  # Cyrillic
        (0x07, "שלום".encode("iso8859-8"), "שלום"),  # Hebrew
        (0x08, "Hi 😀".encode("utf-16-be"), "Hi 😀"),  # UCS2
        (0xF0, b"\x00\x1b\x65", "@€"),  # GSM 03.38 message class 0, default alphabet
        (0xC8, b"hi", "hi"),  # GSM 03.38 message waiting, default alphabet
    ],
)
def test_each_text_data_coding_reads(data_coding: int, data: bytes, text: str) -> None:
    assert read_deliver_sm(data, data_coding=data_coding).text == text


def test_packed_septets_read_under_a_packed_profile() -> None:
    part = read_deliver_sm(bytes.fromhex("E8329BFD4697D9EC37"), profile=SmscProfile(packed=True))
    assert part.text == "hellohello"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"short_message": b"a" * 255}, ValueError, "short_message must be at most 254 octets"),
        ({"short_message": "hi"}, TypeError, "short_message must be bytes"),
        ({"data_coding": 0x04}, ValueError, r"got 0x04 \(octet unspecified"),
        ({"data_coding": 0xF4}, ValueError, "data_coding 0xF4: dcs 0xF4 announces 8-bit"),
        ({"data_coding": 0xE0}, ValueError, r"got 0xE0 \(reserved\)"),
        ({"data_coding": 256}, ValueError, r"data_coding must be 0\.\.255, got 256"),
        ({"esm_class": "0x40"}, TypeError, "esm_class must be an int, not str"),
        ({"tlvs": [("sar_msg_ref_num", 1)]}, TypeError, "tlvs must be a mapping"),
        ({"profile": "latin1"}, TypeError, "profile must be an SmscProfile"),
        (
            {"short_message": b"x", "tlvs": {"message_payload": b"y"}},
            ValueError,
            "short_message and message_payload are both set",
        ),
        (
            {"tlvs": {"sar_msg_ref_num": 1, "sar_segment_seqnum": 1}},
            ValueError,
            "sar_total_segments is missing",
        ),
        (
            {"tlvs": {"sar_msg_ref_num": 1, "sar_total_segments": 2, "sar_segment_seqnum": 3}},
            ValueError,
            "sar_segment_seqnum 3 exceeds sar_total_segments 2",
        ),
        (
            {"tlvs": {"sar_msg_ref_num": 1, "sar_total_segments": 0, "sar_segment_seqnum": 0}},
            ValueError,
            r"sar_total_segments must be 1\.\.255, got 0",
        ),
        (
            {"tlvs": {"sar_msg_ref_num": 70000, "sar_total_segments": 2, "sar_segment_seqnum": 1}},
            ValueError,
            r"sar_msg_ref_num must be 0\.\.65535, got 70000",
        ),
        (
            {
                "short_message": bytes.fromhex("05000301020161"),
                "esm_class": 0x40,
                "tlvs": {"sar_msg_ref_num": 1, "sar_total_segments": 2, "sar_segment_seqnum": 1},
            },
            ValueError,
            "a concatenation IE in its UDH and SAR TLVs",
        ),
        ({"short_message": b"\x07\x00", "esm_class": 0x40}, DecodeError, "UDHL 7 runs past"),
    ],
)
def test_bad_input_is_a_clear_error(kwargs: dict[str, object], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        read_deliver_sm(**kwargs)  # type: ignore[arg-type]


def test_none_tlvs_are_absent_as_an_smpp_library_leaves_them() -> None:
    tlvs = {"sar_msg_ref_num": None, "message_payload": None, "receipted_message_id": None}
    assert read_deliver_sm(b"hi", tlvs=tlvs).concatenation is None
    assert smsenc.reassemble([read_deliver_sm(b"hi", tlvs=tlvs)]) == "hi"
