"""Properties of the SMPP layer for any text and profile (hypothesis, bounded)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

import smsenc
from smsenc.smpp import PROFILES, SmscProfile, read_deliver_sm, submit_parts
from tests.strategies import ASTRAL, GSM_DEFAULT, any_text

PROFILE_CHOICES = [
    *PROFILES.values(),
    SmscProfile(concatenation="udh16"),
    SmscProfile(default_alphabet="ascii", latin1=True, concatenation="udh16"),
    SmscProfile(default_alphabet="latin1", concatenation="sar"),
    SmscProfile(packed=True),
]
profiles = st.sampled_from(PROFILE_CHOICES)
texts = st.one_of(
    any_text.map(lambda t: t[:400]),
    st.text(alphabet=st.sampled_from(GSM_DEFAULT + "éêõ€Δ`" + ASTRAL), max_size=400),
)


def _header_septets(part: smsenc.smpp.SubmitPart) -> int:
    udh = 1 + part.short_message[0] if part.esm_class & 0x40 else 0
    return -(-8 * udh // 7)


@given(texts, profiles)
def test_parts_join_to_the_text_as_sent_and_fit_short_message(
    text: str, profile: SmscProfile
) -> None:
    parts = submit_parts(text, profile=profile)
    segmentation = smsenc.segment(text, reference_bits=profile.reference_bits)
    assert "".join(p.text for p in parts) == segmentation.text
    assert all(p.sm_length <= 254 for p in parts)
    # UDHI exactly when a UDH leads short_message: UDH methods with several parts.
    udh = profile.concatenation in ("udh8", "udh16") and len(parts) > 1
    assert all(p.esm_class == (0x40 if udh else 0) for p in parts)


@given(texts, profiles)
def test_the_air_parts_are_segments_unless_the_wire_forces_ucs2(
    text: str, profile: SmscProfile
) -> None:
    parts = submit_parts(text, profile=profile)
    segmentation = smsenc.segment(text, reference_bits=profile.reference_bits)
    forced = segmentation.encoding == "GSM7" and parts[0].data_coding == 8
    if profile.concatenation == "payload":
        (part,) = parts
        ucs2_units = len(segmentation.text.encode("utf-16-be", "surrogatepass")) // 2
        assert part.units == (ucs2_units if forced else segmentation.units)
        return
    if not forced:
        assert [p.text for p in parts] == list(segmentation.parts)
        assert tuple(p.units for p in parts) == segmentation.part_units
        return
    # GSM on the air, but the wire alphabet lacks a character: UCS-2, split greedily
    # in UTF-16 code units (a surrogate pair whole), as segment() splits a UCS-2 text.
    assert profile.default_alphabet != "gsm"
    units = [len(p.text.encode("utf-16-be")) // 2 for p in parts]
    assert [p.units for p in parts] == units
    capacity = 70 if len(parts) == 1 else 67 if profile.reference_bits == 8 else 66
    assert all(n <= capacity for n in units)
    for part, after in pairwise(parts):
        assert len((part.text + after.text[0]).encode("utf-16-be")) // 2 > capacity


@given(texts, profiles, st.randoms(use_true_random=False))
def test_read_deliver_sm_of_what_submit_parts_made_gives_the_text_back(
    text: str, profile: SmscProfile, random: object
) -> None:
    parts = submit_parts(text, profile=profile)
    read = []
    for part in parts:
        try:
            read.append(
                read_deliver_sm(
                    part.short_message,
                    data_coding=part.data_coding,
                    esm_class=part.esm_class,
                    tlvs=part.tlvs,
                    profile=profile,
                )
            )
        except smsenc.DecodeError:
            # Packed septets leaving the last octet's 7 bits spare read like '@' or zero
            # padding (TS 23.038 §6.1.2.1.1); SMPP carries no TP-UDL to tell: the one
            # case the decoder refuses.
            assert profile.packed
            spare = 8 * part.sm_length - 7 * (_header_septets(part) + part.units)
            assert spare == 7
            return
    random.shuffle(read)  # type: ignore[attr-defined]
    assert smsenc.reassemble(read) == smsenc.segment(text).text


@given(st.text(alphabet=st.sampled_from("şğıáéíóúçêõ€{} aA"), max_size=300), st.booleans())
def test_national_tables_read_back_through_the_udh(text: str, sixteen: bool) -> None:
    profile = SmscProfile(concatenation="udh16" if sixteen else "udh8")
    parts = submit_parts(text, "AUTODETECT", profile=profile)
    segmentation = smsenc.segment(text, "AUTODETECT", reference_bits=profile.reference_bits)
    assert tuple(p.units for p in parts) == segmentation.part_units
    read = [
        read_deliver_sm(p.short_message, data_coding=p.data_coding, esm_class=p.esm_class)
        for p in parts
    ]
    assert smsenc.reassemble(read) == text
