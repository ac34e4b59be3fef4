"""encode(): exact bytes against TS 23.038 / TS 23.040."""

from __future__ import annotations

import re

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import smsenc.encoding
from smsenc import TooManyPartsError, decode, decode_message, encode, segment
from smsenc.gsm.charsets import LOCKING_TABLES, SINGLE_SHIFT_TABLES

from .reference_model import reference_pack
from .strategies import GSM_DEFAULT

ASTRAL = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF)

# One national language's tables (Spanish has no locking table: the default one).
NATIONAL_ALPHABETS = [
    sorted(
        set(LOCKING_TABLES.get(ident, LOCKING_TABLES[0]).septets)
        | set(SINGLE_SHIFT_TABLES[ident].septets)
    )
    for ident in sorted(SINGLE_SHIFT_TABLES)
    if ident
]
national_texts = st.sampled_from(NATIONAL_ALPHABETS).flatmap(
    lambda alphabet: st.one_of(
        st.text(st.sampled_from(alphabet), max_size=150),
        st.text(st.sampled_from(alphabet), min_size=150, max_size=700),
    )
)

# Short texts come by themselves; the min_size ones make sure of multi-part messages.
texts = st.one_of(
    national_texts,
    st.text(),
    st.text(st.sampled_from(GSM_DEFAULT), max_size=200),
    st.text(st.sampled_from(GSM_DEFAULT), min_size=150, max_size=700),
    st.text(st.one_of(st.sampled_from(GSM_DEFAULT), ASTRAL), min_size=60, max_size=300),
    st.text(min_size=60, max_size=300),
)


# --- encode: required vectors ----------------------------------------------------------


def test_two_part_gsm7_with_8bit_reference() -> None:
    text = "a" * 200
    message = encode(text, reference=0x42)
    first, second = message.parts
    assert message.reference == 0x42
    assert first.udh == bytes.fromhex("050003420201")
    assert second.udh == bytes.fromhex("050003420202")
    # 6 octets = 48 bits; the text starts at septet 7 (bit 49): one fill bit.
    assert first.payload[0] & 1 == 0
    assert first.payload[0] == (0x61 << 1) & 0xFF
    assert first.payload == reference_pack(b"a" * 153, 1)
    assert second.payload == reference_pack(b"a" * 47, 1)
    assert (first.units, second.units) == (153, 47)
    assert first.udl == 160
    assert len(first.user_data) == first.sm_length == 140
    assert second.udl == 7 + 47
    assert len(second.user_data) == -(-7 * second.udl // 8)  # TS 23.040 §9.2.3.16
    assert first.dcs == second.dcs == 0x00
    assert first.udhi and first.packed


def test_two_part_gsm7_with_16bit_reference() -> None:
    message = encode("b" * 300, reference=0x1234, reference_bits=16)
    first, second = message.parts
    assert first.udh == bytes.fromhex("06080412340201")
    assert second.udh == bytes.fromhex("06080412340202")
    # 7 octets = 56 bits = 8 septets exactly: no fill bits.
    assert first.units == 152
    assert first.payload == reference_pack(b"b" * 152, 0)
    assert first.payload[0] == 0x62 | (0x62 << 7) & 0xFF
    assert first.udl == 160
    assert len(first.user_data) == 140
    assert second.units == 148


def test_turkish_locking_shift_only() -> None:
    message = encode("ş€", "TR")
    (part,) = message.parts
    assert message.segmentation.locking_shift is not None
    assert message.segmentation.single_shift is None
    assert part.udh == bytes.fromhex("03250101")
    # UDH 4 octets -> 5 header septets, 3 fill bits; ş = 0x1D, € = 0x04 (Annex A.3.1).
    assert part.payload == reference_pack(b"\x1d\x04", 3) == bytes.fromhex("E81000")
    assert part.udl == 7
    assert message.reference is None


def test_turkish_single_shift_only() -> None:
    # è is only in the default alphabet, so the locking table stays default and Ş is
    # escaped into the Turkish single shift table (Annex A.2.1, 0x53).
    (part,) = encode("Şè", "TR").parts
    assert part.udh == bytes.fromhex("03240101")
    assert part.payload == reference_pack(b"\x1b\x53\x04", 3)


def test_turkish_alone_never_needs_both_tables() -> None:
    # Everything the Turkish single shift table adds to the Turkish locking table is
    # already in the default extension table, so the cheaper header always wins.
    extra = set(SINGLE_SHIFT_TABLES[1].septets) - set(LOCKING_TABLES[1].septets)
    assert extra <= set(SINGLE_SHIFT_TABLES[0].septets)


def test_portuguese_locking_and_single_shift() -> None:
    # ª is only in the Portuguese locking table; Φ, once that table is locked, only in
    # the Portuguese single shift table.
    message = encode("ªΦ", "PT")
    (part,) = message.parts
    assert message.segmentation.locking_shift is not None
    assert message.segmentation.single_shift is not None
    assert part.udh == bytes.fromhex("06240103250103")
    # 7 octets of header: no fill.  ª = 0x12 (A.3.3), ESC, Φ = 0x12 (A.2.3).
    assert part.payload == bytes.fromhex("928D04")
    assert part.udl == 8 + 3
    assert decode_message(message) == "ªΦ"


def test_two_parts_with_both_national_tables() -> None:
    message = encode("ªΦ" * 60, "PT", reference=7)
    assert [p.udh for p in message.parts] == [
        bytes.fromhex("0B 00030702 01 240103 250103"),
        bytes.fromhex("0B 00030702 02 240103 250103"),
    ]
    # 12 octets = 96 bits -> 14 header septets (98 bits): 2 fill bits.
    assert message.parts[0].payload[0] & 0b11 == 0
    assert all(len(p.user_data) <= 140 for p in message.parts)
    assert decode_message(message) == "ªΦ" * 60


def test_unpacked_euro_is_escape_then_0x65() -> None:
    (part,) = encode("€", packed=False).parts
    assert part.payload == b"\x1b\x65"
    assert part.user_data == b"\x1b\x65"
    assert (part.units, part.udl, part.sm_length, part.packed) == (2, 2, 2, False)
    assert not part.udhi


def test_unpacked_two_parts_carry_no_fill() -> None:
    first, _ = encode("c" * 170, reference=1, packed=False).parts
    assert first.user_data == bytes.fromhex("050003010201") + b"c" * 153
    assert first.udl == 160
    assert first.sm_length == 6 + 153


def test_ucs2_emoji() -> None:
    message = encode("😀")
    (part,) = message.parts
    assert part.payload == bytes.fromhex("D83DDE00")
    assert (part.dcs, part.units, part.udl, part.udh, part.packed) == (0x08, 2, 4, b"", False)


def test_ucs2_two_parts() -> None:
    first, second = encode("д" * 100, reference=0xAB).parts
    assert first.udh == bytes.fromhex("050003AB0201")
    assert first.payload == "д".encode("utf-16-be") * 67
    assert first.udl == len(first.user_data) == 140
    assert second.udl == 6 + 2 * 33


def test_empty_text() -> None:
    (part,) = encode("").parts
    assert (part.udh, part.payload, part.udl) == (b"", b"", 0)


# --- encode: references and limits -------------------------------------------------


def test_single_part_has_no_reference() -> None:
    message = encode("hi", reference=5)
    assert message.reference is None
    assert message.parts[0].udh == b""


@pytest.mark.parametrize(
    ("bits", "bad", "accepted"),
    [
        (8, 256, "0..255"),
        (8, -1, "0..255"),
        (16, 65536, "0..65535"),
        (16, -1, "0..65535"),
    ],
)
def test_reference_out_of_range(bits: int, bad: int, accepted: str) -> None:
    with pytest.raises(ValueError, match=re.escape(accepted)):
        encode("x" * 200, reference_bits=bits, reference=bad)  # type: ignore[arg-type]


def test_reference_must_be_int() -> None:
    with pytest.raises(TypeError):
        encode("x", reference=True)
    with pytest.raises(TypeError):
        encode("x", reference="1")  # type: ignore[arg-type]


@pytest.mark.parametrize(("bits", "limit"), [(8, 256), (16, 65536)])
def test_default_reference_is_random(
    monkeypatch: pytest.MonkeyPatch, bits: int, limit: int
) -> None:
    calls: list[int] = []

    def fake(n: int) -> bytes:
        calls.append(n)
        return (limit - 1 - len(calls)).to_bytes(n, "big")

    monkeypatch.setattr(smsenc.encoding.os, "urandom", fake)
    first = encode("x" * 200, reference_bits=bits)  # type: ignore[arg-type]
    second = encode("x" * 200, reference_bits=bits)  # type: ignore[arg-type]
    assert calls == [bits // 8, bits // 8]  # exactly one reference's octets: no bias
    assert (first.reference, second.reference) == (limit - 2, limit - 3)
    reference_octets = first.parts[0].udh[3 : 3 + bits // 8]
    assert reference_octets == (limit - 2).to_bytes(bits // 8, "big")


def test_single_part_draws_no_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(n: int) -> bytes:
        raise AssertionError("no reference needed")

    monkeypatch.setattr(smsenc.encoding.os, "urandom", fail)
    assert encode("short").reference is None


def test_max_parts() -> None:
    with pytest.raises(TooManyPartsError):
        encode("x" * 400, max_parts=2)
    with pytest.raises(ValueError, match=re.escape("1..255")):
        encode("x", max_parts=256)
    with pytest.raises(ValueError, match=re.escape("1..255")):
        encode("x", max_parts=0)


def test_options_reach_segment() -> None:
    text = "ş" * 10
    assert encode(text, "TR", allow_locking_shift=False).parts[0].udh == bytes.fromhex("03240101")
    assert encode(text, "TR", allow_single_shift=False).parts[0].udh == bytes.fromhex("03250101")
    assert (
        encode(text, "TR", allow_single_shift=False, allow_locking_shift=False).parts[0].dcs == 0x08
    )
    assert encode("ş", transliteration="TURKISH").parts[0].text == "s"


# --- encode: properties --------------------------------------------------------------


def check_message(text: str, language: str | None, packed: bool, bits: int, **tables: bool) -> None:
    message = encode(text, language, packed=packed, reference_bits=bits, **tables)  # type: ignore[arg-type]
    segmentation = segment(text, language, reference_bits=bits, **tables)  # type: ignore[arg-type]
    assert decode_message(message) == segmentation.text
    assert message.segmentation.parts == segmentation.parts
    assert tuple(p.units for p in message.parts) == segmentation.part_units
    assert (message.reference is None) == (len(message.parts) == 1)
    national = segmentation.locking_shift or segmentation.single_shift
    event(
        f"{segmentation.encoding}, {'multi' if len(message.parts) > 1 else 'single'}-part"
        f"{', national tables' if national else ''}"
    )
    for part, part_text in zip(message.parts, segmentation.parts, strict=True):
        assert part.text == part_text
        decoded = decode(
            part.user_data, dcs=part.dcs, udhi=part.udhi, packed=part.packed, udl=part.udl
        )
        assert decoded.text == part_text  # each payload holds exactly its part's septets
        if part.dcs == 0x08:
            assert part.udl == len(part.user_data) <= 140
        elif packed:
            assert part.udl <= 160
            assert len(part.user_data) == -(-7 * part.udl // 8) <= 140
        else:  # SMPP short_message: the TP-UD it stands for fits; it is longer itself
            assert part.udl <= 160
            assert part.sm_length == len(part.udh) + part.units


@settings(deadline=None)
@given(
    text=texts,
    language=st.sampled_from([None, "AUTODETECT"]),
    packed=st.booleans(),
    bits=st.sampled_from([8, 16]),
)
def test_round_trip_and_sizes(text: str, language: str | None, packed: bool, bits: int) -> None:
    check_message(text, language, packed, bits)


@settings(deadline=None)
@given(text=national_texts, packed=st.booleans(), bits=st.sampled_from([8, 16]))
def test_round_trip_national_tables(text: str, packed: bool, bits: int) -> None:
    check_message(text, "AUTODETECT", packed, bits)


@settings(deadline=None)
@given(
    text=national_texts,
    language=st.sampled_from([lang.code for lang in smsenc.LANGUAGES]),
    locking_shift=st.booleans(),
    single_shift=st.booleans(),
    packed=st.booleans(),
)
def test_round_trip_each_language_and_kind_of_table(
    text: str, language: str, locking_shift: bool, single_shift: bool, packed: bool
) -> None:
    # Every (locking, single shift) combination a caller can ask for, one language each.
    check_message(
        text,
        language,
        packed,
        8,
        allow_locking_shift=locking_shift,
        allow_single_shift=single_shift,
    )
