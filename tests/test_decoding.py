"""decode(), reassemble() and decode_message(): hand-built user data, faults by offset."""

from __future__ import annotations

import pytest

import smsenc
from smsenc import (
    LANGUAGES,
    Concatenation,
    DecodedPart,
    DecodeError,
    InformationElement,
    decode,
    decode_message,
    encode,
    reassemble,
)
from smsenc.gsm.dcs import alphabet_of

TURKISH = next(language for language in LANGUAGES if language.code == "TR")
HELLO = bytes.fromhex("E8329BFD4697D9EC37")  # "hellohello", TS 23.038 §6.1.2.1.1


def check_offset(
    excinfo: pytest.ExceptionInfo[DecodeError], offset: int, unit: str = "octet"
) -> None:
    """The error's offset and unit, named once at the end of its message."""
    error = excinfo.value
    assert (error.offset, error.unit) == (offset, unit)
    assert str(error).endswith(f" (at {unit} {offset})")
    assert str(error).count("offset") == 0 and str(error).count(f"at {unit}") == 1


# --- plain 7-bit and UCS-2 -----------------------------------------------------------


def test_packed_without_header() -> None:
    part = decode(HELLO)
    assert part == DecodedPart("hellohello", b"", (), None, None, None)
    assert decode(HELLO, udl=10).text == "hellohello"
    assert decode(HELLO, udl=3).text == "hel"


def test_unpacked() -> None:
    assert decode(b"\x1b\x65\x00\x11", packed=False).text == "€@_"
    assert decode(b"abc", packed=False, udl=2).text == "ab"


def test_ucs2() -> None:
    assert decode(bytes.fromhex("D83DDE000434"), dcs=0x08).text == "😀д"
    assert decode(bytes.fromhex("D83D"), dcs=0x08).text == "\ud83d"  # lone half survives
    assert decode(bytes.fromhex("04340434"), dcs=0x08, udl=2).text == "д"


def test_final_cr_of_padding_bits_is_dropped_without_udl() -> None:
    # "1234567" + CR packs to 7 octets; CR there is padding (TS 23.038 §6.1.2.3.1).
    padded = bytes.fromhex("31D98C56B3DD1A")
    assert decode(padded).text == "1234567"
    assert decode(padded, udl=8).text == "1234567\r"  # TP-UDL says it is text


def test_zero_padding_without_udl_is_an_error_not_an_at_sign() -> None:
    # SMS pads with zeros (TS 23.038 §6.1.2.1.1): the 7 spare bits read as "@", and a
    # real "@" there packs to the same octets.  Only TP-UDL tells; without it, an error.
    zeros = bytes.fromhex("31D98C56B3DD00")
    with pytest.raises(DecodeError, match=r"pass udl \(TP-UDL\)") as info:
        decode(zeros)
    assert info.value.offset == 6
    assert decode(zeros, udl=7).text == "1234567"
    assert decode(zeros, udl=8).text == "1234567@"
    part = encode("1234567").parts[0]
    with pytest.raises(DecodeError, match="pass udl"):
        decode(part.user_data)
    assert decode(part.user_data, udl=part.udl).text == "1234567"


def test_turkish_tables_from_the_header() -> None:
    # UDH 06 24 01 01 25 01 01: Turkish single shift and locking shift tables.
    # 7 octets = 8 septets: no fill.  ş = 0x1D (A.3.1); ESC 0x47 = Ğ (A.2.1); ç = 0x60.
    udh = bytes.fromhex("06240101250101")
    septets = bytes([0x1D, 0x1B, 0x47, 0x60])
    value = sum(s << 7 * i for i, s in enumerate(septets))
    part = decode(udh + value.to_bytes(4, "little"), udhi=True, udl=8 + 4)
    assert part.text == "şĞç"
    assert (part.single_shift, part.locking_shift) == (TURKISH, TURKISH)
    assert part.udh == udh
    assert part.information_elements == (
        InformationElement(0x24, b"\x01"),
        InformationElement(0x25, b"\x01"),
    )
    assert part.concatenation is None
    # Unpacked, the same septets one per octet.
    assert decode(udh + septets, udhi=True, packed=False).text == "şĞç"


def test_unknown_language_identifier_falls_back_to_default() -> None:
    # A non-supporting receiver ignores the IE (TS 23.038 Annex C.2).
    part = decode(bytes.fromhex("03240163") + b"\x1b\x65", udhi=True, packed=False)
    assert part.text == "€"
    assert part.single_shift is None
    assert part.information_elements == (InformationElement(0x24, b"\x63"),)


def test_two_part_header_and_fill_bit() -> None:
    udh = bytes.fromhex("050003420201")
    payload = ((0x61 | 0x62 << 7) << 1).to_bytes(2, "little")  # one fill bit
    part = decode(udh + payload, udhi=True, udl=7 + 2)
    assert part.text == "ab"
    assert part.concatenation == Concatenation(0x42, 2, 1, 8)
    assert decode(udh + payload, udhi=True).text == "ab"


def test_header_without_text() -> None:
    udh = bytes.fromhex("050003010201")
    assert decode(udh, udhi=True, udl=7).text == ""
    assert decode(udh, udhi=True).text == ""
    assert decode(udh, udhi=True, packed=False, udl=7).text == ""
    assert decode(udh, dcs=0x08, udhi=True, udl=6).text == ""


def test_16bit_reference_and_other_ies_kept_raw() -> None:
    # Concatenation with a 16-bit reference (§9.2.3.24.8) then a port IE (0x05), raw.
    udh = bytes.fromhex("0C08041234030205040B8423F0")
    part = decode(udh + "hi".encode("utf-16-be"), dcs=0x08, udhi=True)
    assert part.text == "hi"
    assert part.concatenation == Concatenation(0x1234, 3, 2, 16)
    assert part.information_elements == (
        InformationElement(0x08, bytes.fromhex("12340302")),
        InformationElement(0x05, bytes.fromhex("0B8423F0")),
    )


def test_repeated_ie_last_one_counts() -> None:
    udh = bytes.fromhex("0A00030102010003020202")
    part = decode(udh, dcs=0x08, udhi=True)
    assert part.concatenation == Concatenation(2, 2, 2, 8)
    assert part.text == ""


# --- faults ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "udh",
    [
        "050003420001",  # total 0
        "050003420200",  # sequence 0
        "050003420203",  # sequence 3 of 2
        "06080412340001",
        "06080412340203",
    ],
)
def test_invalid_concatenation_ie_is_ignored(udh: str) -> None:
    # TS 23.040 §9.2.3.24.1 / .8: the receiver "shall ignore the whole Information
    # Element"; the part still decodes, as a part of no concatenated message.
    part = decode(bytes.fromhex(udh) + "hi".encode("utf-16-be"), dcs=0x08, udhi=True)
    assert (part.text, part.concatenation) == ("hi", None)
    assert part.information_elements[0].data == bytes.fromhex(udh)[3:]


def test_an_ignored_concatenation_ie_leaves_a_valid_one_standing() -> None:
    udh = bytes.fromhex("0A00030102010003020200")
    assert decode(udh, dcs=0x08, udhi=True).concatenation == Concatenation(1, 2, 1, 8)


@pytest.mark.parametrize(
    ("data", "offset", "match"),
    [
        (b"", 0, "no UDHL"),
        (bytes.fromhex("05000342"), 0, "UDHL 5 runs past"),
        (bytes.fromhex("0400034202"), 1, "IE 0x00 of 3 octets runs past"),
        (bytes.fromhex("037F0001"), 3, "without its length octet"),
        (bytes.fromhex("0400024201"), 1, "must have 3 octets"),
        (bytes.fromhex("0424020101"), 1, "must have 1 octet"),
    ],
)
def test_header_faults_always_raise(data: bytes, offset: int, match: str) -> None:
    for errors in ("strict", "replace", "ignore"):
        for dcs in (0x00, 0x08):
            with pytest.raises(DecodeError, match=match) as excinfo:
                decode(data, dcs=dcs, udhi=True, errors=errors)
            check_offset(excinfo, offset)


def test_odd_ucs2_length() -> None:
    with pytest.raises(DecodeError, match="odd") as excinfo:
        decode(bytes.fromhex("0434 04"), dcs=0x08)
    check_offset(excinfo, 2)
    with pytest.raises(DecodeError, match="odd") as excinfo:
        decode(bytes.fromhex("050003010201043404"), dcs=0x08, udhi=True)
    check_offset(excinfo, 8)


def test_undefined_septet_in_the_locking_table() -> None:
    # Bengali locking table (A.3.4) leaves 0x0C undefined.
    udh = bytes.fromhex("03250104")
    with pytest.raises(DecodeError, match="septet 0x0C is undefined") as excinfo:
        decode(udh + b"\x00\x0c", udhi=True, packed=False)
    check_offset(excinfo, 5)  # octet of the short_message
    # Packed: 4 octets of header = 5 septets (3 fill bits); 0x0C is septet 5 + 1.
    payload = ((0x00 | 0x0C << 7) << 3).to_bytes(3, "little")
    with pytest.raises(DecodeError) as excinfo:
        decode(udh + payload, udhi=True, udl=7)
    check_offset(excinfo, 6, "septet")  # septet of the TP-UD, as TP-UDL counts
    assert decode(udh + payload, udhi=True, udl=7, errors="replace").text == "\u0981\ufffd"
    assert decode(udh + payload, udhi=True, udl=7, errors="ignore").text == "\u0981"


def test_octet_above_0x7f_in_unpacked_data() -> None:
    with pytest.raises(DecodeError, match="0x80 is not a septet") as excinfo:
        decode(b"ab\x80", packed=False)
    check_offset(excinfo, 2)


@pytest.mark.parametrize(
    ("septets", "offset", "replaced", "ignored", "match"),
    [
        (b"a\x1b\x41b", 1, "a\ufffdb", "ab", "septet 0x41, undefined"),
        (b"a\x1b\x1bb", 1, "a\ufffdb", "ab", "septet 0x1B, undefined"),
        (b"ab\x1b", 2, "ab\ufffd", "ab", "last septet"),
        (b"\x1b\x1b\x1b", 0, "\ufffd\ufffd", "", "septet 0x1B"),
    ],
)
def test_escape_faults(
    septets: bytes, offset: int, replaced: str, ignored: str, match: str
) -> None:
    with pytest.raises(DecodeError, match=match) as excinfo:
        decode(septets, packed=False)
    check_offset(excinfo, offset)
    assert decode(septets, packed=False, errors="replace").text == replaced
    assert decode(septets, packed=False, errors="ignore").text == ignored
    # The same septets packed (udl exact): same septet offsets, no header.
    value = sum(s << 7 * i for i, s in enumerate(septets))
    packed = value.to_bytes(-(-7 * len(septets) // 8), "little")
    with pytest.raises(DecodeError) as excinfo:
        decode(packed, udl=len(septets))
    check_offset(excinfo, offset, "septet")


def test_escape_fault_after_a_header_counts_header_units() -> None:
    udh = bytes.fromhex("050003010202")  # the last part: no next part to complete it
    with pytest.raises(DecodeError) as excinfo:
        decode(udh + b"ab\x1b", udhi=True, packed=False)
    check_offset(excinfo, 8)


def test_faults_among_good_escapes() -> None:
    data = b"\x1b\x65x\x1b\x41\x1b\x28"
    assert decode(data, packed=False, errors="replace").text == "€x\ufffd{"
    with pytest.raises(DecodeError) as excinfo:
        decode(data, packed=False)
    check_offset(excinfo, 3)


@pytest.mark.parametrize(
    ("kwargs", "offset"),
    [
        ({"data": HELLO, "udl": 11}, 9),
        ({"data": b"abc", "udl": 4, "packed": False}, 3),
        ({"data": b"\x04\x34", "udl": 4, "dcs": 0x08}, 2),
        ({"data": bytes.fromhex("050003010201") + b"a", "udl": 6, "udhi": True}, 0),
    ],
)
def test_udl_beyond_the_data(kwargs: dict[str, object], offset: int) -> None:
    data = kwargs.pop("data")
    with pytest.raises(DecodeError, match="TP-UDL") as excinfo:
        decode(data, **kwargs)  # type: ignore[arg-type]
    check_offset(excinfo, offset)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match=r"dcs 0x04 announces 8-bit data, not text"):
        decode(b"", dcs=0x04)
    with pytest.raises(ValueError, match=r"dcs 0x20 announces compressed text"):
        decode(b"", dcs=0x20)
    with pytest.raises(ValueError, match=r"dcs must be 0..255, got 256"):
        decode(b"", dcs=256)


@pytest.mark.parametrize(
    ("dcs", "alphabet"),
    [
        (0x00, "GSM7"),
        (0x08, "UCS2"),  # general data coding, no class
        (0x10, "GSM7"),
        (0x11, "GSM7"),
        (0x18, "UCS2"),  # with a message class
        (0x40, "GSM7"),
        (0x48, "UCS2"),  # marked for automatic deletion
        (0xC0, "GSM7"),
        (0xD8, "GSM7"),
        (0xE0, "UCS2"),  # message waiting indication
        (0xF0, "GSM7"),
        (0xF1, "GSM7"),  # data coding / message class, 7-bit
        (0x0C, "GSM7"),
        (0x80, "GSM7"),
        (0xB5, "GSM7"),  # reserved: "assumed to be" 7-bit
    ],
)
def test_every_text_dcs_of_ts_23038_clause_4(dcs: int, alphabet: str) -> None:
    assert alphabet_of(dcs) == alphabet
    text = "Hi" if alphabet == "GSM7" else "Привет"
    payload = text.encode("gsm-7-packed") if alphabet == "GSM7" else text.encode("utf-16-be")
    assert decode(payload, dcs=dcs).text == text


def test_national_ids_are_not_reported_for_ucs2() -> None:
    part = decode(bytes.fromhex("03250101") + "ş".encode("utf-16-be"), dcs=0x08, udhi=True)
    assert (part.text, part.locking_shift, part.single_shift) == ("ş", None, None)
    with pytest.raises(ValueError, match="'strict', 'replace', 'ignore', got 'backslashreplace'"):
        decode(b"", errors="backslashreplace")


# --- reassembly ------------------------------------------------------------------------


def part(text: str, reference: int, total: int, sequence: int, bits: int = 8) -> DecodedPart:
    return DecodedPart(text, b"", (), Concatenation(reference, total, sequence, bits), None, None)


def test_reassemble_orders_by_sequence() -> None:
    assert reassemble([part("c", 9, 3, 3), part("a", 9, 3, 1), part("b", 9, 3, 2)]) == "abc"
    assert reassemble(iter([part("x", 1, 1, 1)])) == "x"
    assert reassemble([DecodedPart("alone", b"", (), None, None, None)]) == "alone"


def test_reassemble_joins_a_split_surrogate_pair() -> None:
    assert reassemble([part("\ud83d", 1, 2, 1), part("\ude00", 1, 2, 2)]) == "😀"


@pytest.mark.parametrize(
    ("parts", "offset", "match"),
    [
        ([part("a", 1, 2, 1), part("b", 2, 2, 2)], 1, "reference"),
        ([part("a", 1, 2, 1), part("b", 1, 2, 2, bits=16)], 1, "reference"),
        ([part("a", 1, 2, 1), part("b", 1, 3, 2)], 1, "total"),
        ([part("a", 1, 3, 1), part("b", 1, 3, 3), part("c", 1, 3, 1)], 2, "1 repeats"),
        ([part("a", 1, 3, 1), part("c", 1, 3, 3)], 2, "parts 2 of 3 are missing"),
        ([part("a", 1, 2, 1), DecodedPart("b", b"", (), None, None, None)], 1, "no concatenation"),
        ([DecodedPart("b", b"", (), None, None, None), part("a", 1, 2, 1)], 0, "no concatenation"),
        ([], 0, "no parts"),
    ],
)
def test_reassemble_faults(parts: list[DecodedPart], offset: int, match: str) -> None:
    with pytest.raises(DecodeError, match=match) as excinfo:
        reassemble(parts)
    check_offset(excinfo, offset, "part")


def test_decode_message_takes_parts_in_any_order() -> None:
    message = encode("Total €5 " * 40, reference=3)
    assert len(message.parts) == 3
    assert decode_message(reversed(message.parts)) == "Total €5 " * 40
    assert decode_message(message) == "Total €5 " * 40
    with pytest.raises(DecodeError, match="missing"):
        decode_message(message.parts[:2])


@pytest.mark.parametrize("message", [42, None, "text", b"\x00", 3.5])
def test_decode_message_refuses_what_is_not_a_message_by_name(message: object) -> None:
    with pytest.raises(TypeError, match=r"^message must be an EncodedMessage or an iterable"):
        smsenc.decode_message(message)  # type: ignore[arg-type]


def test_decode_message_refuses_parts_that_are_not_encoded_parts() -> None:
    part = smsenc.decode(b"\xe8\x32\x9b\xfd\x06")
    with pytest.raises(TypeError, match=r"^message must be an EncodedMessage or EncodedPart"):
        smsenc.decode_message([part])  # type: ignore[list-item]
    encoded = smsenc.encode("hello " * 30, reference=1)
    assert smsenc.decode_message(encoded) == smsenc.decode_message(list(encoded.parts))


@pytest.mark.parametrize("parts", [42, None, "text", b"\x00"])
def test_reassemble_refuses_what_is_not_parts_by_name(parts: object) -> None:
    with pytest.raises(TypeError, match=r"^parts must be"):
        smsenc.reassemble(parts)  # type: ignore[arg-type]


def test_reassemble_refuses_a_lone_part_not_in_an_iterable() -> None:
    part = smsenc.decode(b"\xe8\x32\x9b\xfd\x06")
    with pytest.raises(
        TypeError, match=r"^parts must be an iterable of DecodedPart, not DecodedPart"
    ):
        smsenc.reassemble(part)  # type: ignore[arg-type]
