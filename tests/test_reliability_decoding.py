"""Regressions from hostile input to the decoders (issue 10): argument types, the
offset's unit, and escape pairs that other senders split between parts."""

from __future__ import annotations

import pytest

import smsenc
from smsenc import DecodeError, decode, reassemble
from smsenc.gsm.packing import pack

# smpplib (and other senders) cut 7-bit text every 153 septets, whatever the septets
# are: with 152 plain septets before "€" (ESC 0x65), the escape is septet 153 of part 1
# and its 0x65 the first septet of part 2.
SEPTETS = b"a" * 152 + b"\x1b\x65" + b"bc"


def _udh(reference: int, total: int, sequence: int) -> bytes:
    return bytes((5, 0x00, 3, reference, total, sequence))  # TS 23.040 §9.2.3.24.1


def _smpplib_parts(packed: bool) -> list[smsenc.DecodedPart]:
    cuts = [SEPTETS[:153], SEPTETS[153:]]
    parts = []
    for sequence, septets in enumerate(cuts, start=1):
        udh = _udh(0x42, 2, sequence)
        if packed:
            # 6 header octets are 7 septets with 1 fill bit (TS 23.040 §9.2.3.24).
            parts.append(decode(udh + pack(septets, 1), udhi=True, udl=7 + len(septets)))
        else:
            parts.append(decode(udh + septets, udhi=True, packed=False))
    return parts


@pytest.mark.parametrize("packed", [True, False])
def test_reassemble_rejoins_an_escape_split_at_153_septets(packed: bool) -> None:
    first, second = _smpplib_parts(packed)
    assert (first.text, first.ends_in_escape) == ("a" * 152, True)
    assert (second.text, second.ends_in_escape) == ("ebc", False)  # 0x65 alone is "e"
    assert first.to_dict()["ends_in_escape"] is True
    assert reassemble([first, second]) == "a" * 152 + "€bc"
    assert reassemble([second, first]) == "a" * 152 + "€bc"  # order by sequence number


def test_an_escape_ending_the_last_part_is_still_a_fault() -> None:
    with pytest.raises(DecodeError, match="escape") as excinfo:
        decode(_udh(1, 2, 2) + b"ab\x1b", udhi=True, packed=False)
    assert (excinfo.value.offset, excinfo.value.unit) == (8, "octet")
    with pytest.raises(DecodeError, match="escape"):
        decode(b"ab\x1b", packed=False)  # no concatenation: nothing follows


def test_a_split_escape_before_an_undefined_septet_names_the_part() -> None:
    first = decode(_udh(1, 2, 1) + b"a\x1b", udhi=True, packed=False)
    second = decode(_udh(1, 2, 2) + b"Ab", udhi=True, packed=False)  # ESC 0x41: undefined
    with pytest.raises(DecodeError) as excinfo:
        reassemble([first, second])
    assert (excinfo.value.offset, excinfo.value.unit) == (1, "part")
    assert str(excinfo.value) == (
        "the escape ending the previous part is followed by 'A', undefined in the single "
        "shift table (at part 1)"
    )


def test_reassembly_faults_name_the_part() -> None:
    first = decode(_udh(1, 3, 1) + b"a", udhi=True, packed=False)
    with pytest.raises(DecodeError) as excinfo:
        reassemble([first])
    assert str(excinfo.value) == "parts 2, 3 of 3 are missing (at part 1)"
    assert excinfo.value.unit == "part"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: decode(3), TypeError, "user_data must be bytes, bytearray or memoryview, not int"),
        (lambda: decode(2**60), TypeError, "user_data must be bytes, bytearray or memoryview"),
        (
            lambda: decode("hi"),  # type: ignore[arg-type]
            TypeError,
            "user_data must be bytes, bytearray or memoryview, not str",
        ),
        (lambda: decode(b"", dcs="0"), TypeError, "dcs must be an int, not str"),  # type: ignore[arg-type]
        (lambda: decode(b"", dcs=True), TypeError, "dcs must be an int, not bool"),
        (lambda: decode(b"", udhi=1), TypeError, "udhi must be a bool, not int"),
        (lambda: decode(b"", packed="no"), TypeError, "packed must be a bool, not str"),  # type: ignore[arg-type]
        (lambda: decode(b"", udl=1.5), TypeError, "udl must be an int or None, not float"),  # type: ignore[arg-type]
        (lambda: decode(b"", udl=-1), ValueError, "udl must be >= 0, got -1"),
        (lambda: decode(b"", errors=1), TypeError, "errors must be a str, not int"),  # type: ignore[arg-type]
        (
            lambda: reassemble(["x"]),  # type: ignore[list-item]
            TypeError,
            "parts items must be DecodedPart, not str",
        ),
        (lambda: reassemble("x"), TypeError, "parts must be an iterable of DecodedPart, not str"),  # type: ignore[arg-type]
    ],
)
def test_decoder_argument_errors(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as excinfo:
        call()  # type: ignore[operator]
    assert str(excinfo.value).startswith(message)


def test_decode_accepts_bytes_like_data() -> None:
    assert decode(bytearray(b"ab"), packed=False).text == "ab"
    assert decode(memoryview(b"ab"), packed=False).text == "ab"
