"""submit_parts(): every submit_sm field, octet for octet, per profile and method.

Expected octets are written out from the specifications, not from the code: GSM 7-bit
septets from TS 23.038 §6.2.1 (a = 0x61, ESC 0x1B, € = ESC 0x65, { = ESC 0x28), UDHs from
TS 23.040 §9.2.3.24.1 / .8, esm_class and data_coding from SMPP 3.4 §5.2.12 / §5.2.19.
"""

from __future__ import annotations

import pytest

import smsenc
from smsenc.smpp import PROFILES, SmscProfile, SubmitPart, submit_parts

A = b"\x61"
EURO = b"\x1b\x65"  # TS 23.038 §6.2.1.1: ESC then 0x65


def test_a_single_gsm_part_is_one_septet_per_octet_without_a_header() -> None:
    (part,) = submit_parts("hello {x}")
    assert part == SubmitPart(
        text="hello {x}",
        units=11,
        data_coding=0x00,
        esm_class=0x00,
        short_message=b"hello \x1b\x28x\x1b\x29",
    )
    assert part.sm_length == 11 and part.tlvs == {}


def test_udh8_moves_an_escape_pair_whole_to_the_next_part() -> None:
    # 152 + 2 septets would be septets 153 and 154: the pair goes to part 2.
    one, two = submit_parts("a" * 152 + "€" + "a" * 10, reference=0x42)
    assert one.short_message == bytes.fromhex("050003420201") + A * 152
    assert two.short_message == bytes.fromhex("050003420202") + EURO + A * 10
    assert (one.esm_class, two.esm_class) == (0x40, 0x40)
    assert (one.data_coding, two.data_coding) == (0, 0)
    assert (one.units, two.units) == (152, 12)
    assert (one.sm_length, two.sm_length) == (158, 18)
    assert (one.text, two.text) == ("a" * 152, "€" + "a" * 10)


def test_udh16_has_room_for_152_septets_and_a_two_octet_reference() -> None:
    profile = SmscProfile(concatenation="udh16")
    one, two = submit_parts("a" * 152 + "€" + "a" * 10, profile=profile, reference=0x1234)
    assert one.short_message == bytes.fromhex("06080412340201") + A * 152
    assert two.short_message == bytes.fromhex("06080412340202") + EURO + A * 10
    assert (one.units, two.units, one.esm_class) == (152, 12, 0x40)


def test_sar_carries_the_concatenation_in_tlvs_and_no_udh() -> None:
    one, two = submit_parts("a" * 152 + "€" + "a" * 10, profile=PROFILES["sar"], reference=4660)
    assert one.short_message == A * 152 and two.short_message == EURO + A * 10
    assert (one.esm_class, two.esm_class) == (0, 0)
    assert one.tlvs == {"sar_msg_ref_num": 4660, "sar_total_segments": 2, "sar_segment_seqnum": 1}
    assert two.tlvs == {"sar_msg_ref_num": 4660, "sar_total_segments": 2, "sar_segment_seqnum": 2}
    # Counted for the 16-bit IE the SMSC must use on the air: 152 septets, not 153.
    (single,) = submit_parts("a" * 153, profile=SmscProfile(concatenation="udh8"))
    assert single.units == 153
    assert [p.units for p in submit_parts("a" * 161, profile=PROFILES["sar"])] == [152, 9]


def test_a_single_sar_part_has_no_tlvs() -> None:
    (part,) = submit_parts("hi", profile=PROFILES["sar"])
    assert part.tlvs == {} and part.short_message == b"hi"


def test_payload_sends_the_whole_message_in_one_pdu() -> None:
    (part,) = submit_parts("a" * 152 + "€" + "a" * 10, profile=PROFILES["payload"])
    assert part.short_message == b"" and part.sm_length == 0
    assert part.tlvs == {"message_payload": A * 152 + EURO + A * 10}
    assert (part.units, part.esm_class, part.data_coding) == (164, 0, 0)


def test_ucs2_is_utf16_big_endian_with_data_coding_8() -> None:
    (part,) = submit_parts("Hi 😀")
    assert part.short_message == bytes.fromhex("004800690020d83dde00")
    assert (part.data_coding, part.units, part.esm_class) == (8, 5, 0)


def test_an_emoji_never_splits_across_ucs2_parts() -> None:
    one, two = submit_parts("ж" * 66 + "😀" + "ж" * 10, reference=1)
    # 66 + 2 units would run past 67: the pair moves whole.
    assert (one.units, two.units) == (66, 12)
    assert one.short_message == bytes.fromhex("050003010201") + "ж".encode("utf-16-be") * 66
    assert two.short_message[6:10] == bytes.fromhex("d83dde00")


def test_national_tables_travel_as_ies_in_the_udh() -> None:
    (part,) = submit_parts("ş á", "AUTODETECT")
    # Single shift IE (0x24, Spanish = 2) and locking shift IE (0x25, Turkish = 1),
    # TS 23.040 §9.2.3.24.15/16; the UDHI bit says a header is there.
    assert part.short_message[:7] == bytes.fromhex("06240102250101")
    assert part.esm_class == 0x40 and part.data_coding == 0
    (encoded,) = smsenc.encode("ş á", "AUTODETECT", packed=False).parts
    assert part.short_message == encoded.user_data
    decoded = smsenc.decode(part.short_message, udhi=True, packed=False)
    assert decoded.text == "ş á"


@pytest.mark.parametrize("name", ["latin1", "ia5", "sar", "payload"])
def test_profiles_that_cannot_carry_national_ies_refuse_a_language(name: str) -> None:
    with pytest.raises(ValueError, match="language_code 'TR' needs national language tables"):
        submit_parts("ş", "TR", profile=PROFILES[name])


def test_latin1_sends_octets_but_counts_septets_on_the_air() -> None:
    (part,) = submit_parts("hello {x}", profile=PROFILES["latin1"])
    # "{" and "}" are one Latin-1 octet each on the wire, two septets on the air.
    assert part.short_message == b"hello {x}"
    assert (part.data_coding, part.units, part.sm_length) == (0, 11, 9)
    one, two = submit_parts("a" * 152 + "{" + "a" * 10, profile=PROFILES["latin1"], reference=7)
    assert one.short_message == bytes.fromhex("050003070201") + A * 152
    assert two.short_message == bytes.fromhex("050003070202") + b"{" + A * 10
    assert (one.units, two.units) == (152, 12)
    # 80 braces are 160 septets: one part; 81 are two, split between pairs.
    assert [p.units for p in submit_parts("{" * 80, profile=PROFILES["latin1"])] == [160]
    parts = submit_parts("{" * 81, profile=PROFILES["latin1"], reference=7)
    assert [(p.units, p.sm_length) for p in parts] == [(152, 82), (10, 11)]


def test_latin1_characters_gsm_has_go_as_latin1_those_it_lacks_force_ucs2() -> None:
    (cafe,) = submit_parts("café", profile=PROFILES["latin1"])
    assert (cafe.data_coding, cafe.short_message) == (0, b"caf\xe9")
    # ê and õ are Latin-1 but not GSM: the SMSC could not put them on the air in 7 bits.
    for text in ("ê", "õ"):
        (part,) = submit_parts(text, profile=PROFILES["latin1"])
        assert (part.data_coding, part.short_message) == (8, text.encode("utf-16-be"))


def test_a_gsm_character_the_wire_alphabet_lacks_makes_it_ucs2_never_a_question_mark() -> None:
    (euro,) = submit_parts("€5", profile=PROFILES["latin1"])  # GSM has €, Latin-1 lacks it
    assert (euro.data_coding, euro.short_message, euro.units) == (8, bytes.fromhex("20ac0035"), 2)
    (greek,) = submit_parts("Δ", profile=PROFILES["ia5"])
    assert (greek.data_coding, greek.short_message) == (8, bytes.fromhex("0394"))
    # Then it is split as UCS-2: 71 units are two parts of at most 67.
    parts = submit_parts("€" * 71, profile=PROFILES["latin1"], reference=3)
    assert [p.units for p in parts] == [67, 4]
    assert parts[0].short_message[:6] == bytes.fromhex("050003030201")


def test_ia5_sends_ascii_and_needs_data_coding_3_for_latin1() -> None:
    (at,) = submit_parts("@ home", profile=PROFILES["ia5"])
    assert (at.data_coding, at.short_message, at.units) == (0, b"@ home", 6)
    (cafe,) = submit_parts("café", profile=PROFILES["ia5"])  # no data_coding 3 here
    assert (cafe.data_coding, cafe.short_message) == (8, "café".encode("utf-16-be"))
    latin = SmscProfile(default_alphabet="ascii", latin1=True)
    (cafe,) = submit_parts("café", profile=latin)
    assert (cafe.data_coding, cafe.short_message) == (3, b"caf\xe9")
    (plain,) = submit_parts("cafe", profile=latin)  # IA5 holds it: data_coding 0
    assert (plain.data_coding, plain.short_message) == (0, b"cafe")
    (tick,) = submit_parts("`", profile=PROFILES["ia5"])  # ASCII, but not GSM
    assert (tick.data_coding, tick.short_message) == (8, b"\x00\x60")


def test_packed_profiles_send_the_tpdu_user_data() -> None:
    profile = SmscProfile(packed=True)
    (part,) = submit_parts("hellohello", profile=profile)
    # dreamfabric's classic example: "hellohello" packed.
    assert part.short_message == bytes.fromhex("E8329BFD4697D9EC37")
    assert (part.units, part.data_coding) == (10, 0)


def test_a_random_reference_fits_its_bits_and_is_shared_by_the_parts() -> None:
    for name, limit in (("smpp34", 256), ("sar", 65536)):
        parts = submit_parts("a" * 400, profile=PROFILES[name])
        if name == "sar":
            references = {p.sar_msg_ref_num for p in parts}
        else:
            references = {p.short_message[3] for p in parts}
        (reference,) = references
        assert reference is not None and 0 <= reference < limit
    profile = SmscProfile(default_alphabet="latin1")
    assert len({p.short_message[3] for p in submit_parts("é" * 400, profile=profile)}) == 1


def test_transliteration_and_options_are_segments() -> None:
    (part,) = submit_parts("Şişli", transliteration="TURKISH", profile=PROFILES["latin1"])
    assert part.text == "Sisli" and part.short_message == b"Sisli"
    emoji = "👍🏽" * 40  # 160 UTF-16 units; a cluster never splits with keep_graphemes
    kept = submit_parts(emoji, profile=PROFILES["latin1"], keep_graphemes=True, reference=1)
    assert all(len(p.text) % 2 == 0 for p in kept)


def test_to_dict_is_json_ready_with_octets_as_hex() -> None:
    (part,) = submit_parts("hi", profile=PROFILES["payload"])
    assert part.to_dict() == {
        "text": "hi",
        "units": 2,
        "data_coding": 0,
        "esm_class": 0,
        "sm_length": 0,
        "short_message": "",
        "tlvs": {"message_payload": "6869"},
    }
    (one, _) = submit_parts("a" * 161, profile=PROFILES["sar"], reference=9)
    assert one.to_dict()["tlvs"] == {
        "sar_msg_ref_num": 9,
        "sar_total_segments": 2,
        "sar_segment_seqnum": 1,
    }


def test_bad_arguments_name_the_parameter() -> None:
    with pytest.raises(ValueError, match=r"reference must be 0\.\.255, got 256"):
        submit_parts("a" * 200, reference=256)
    with pytest.raises(ValueError, match=r"reference must be 0\.\.65535, got 65536"):
        submit_parts("a" * 200, profile=PROFILES["sar"], reference=65536)
    with pytest.raises(TypeError, match="reference must be an int, not str"):
        submit_parts("a", reference="1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reference must be None with concatenation 'payload'"):
        submit_parts("a", profile=PROFILES["payload"], reference=1)
    with pytest.raises(TypeError, match="profile must be an SmscProfile, not str"):
        submit_parts("a", profile="smpp34")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be a str, not int"):
        submit_parts(3)  # type: ignore[arg-type]
    with pytest.raises(smsenc.TooManyPartsError):
        submit_parts("a" * 400, profile=SmscProfile(max_parts=2))
    with pytest.raises(smsenc.TooManyPartsError, match="3 UCS2 parts"):
        submit_parts("€" * 140, profile=SmscProfile(default_alphabet="latin1", max_parts=2))
