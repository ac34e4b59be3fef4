"""Hostile input into every entry point, at a bounded example count so that CI runs it
in seconds (issue 10): random user data with random DCS, UDHI and UDL into decode();
any parts into reassemble(); random Unicode (lone surrogates, mark storms) with every
option into segment(), preview(), count(), encode() and transliterate(); random octets
into the codecs.  Each test states a promise README's "Errors" section makes.  For
longer, coverage-guided runs see fuzz/ (atheris)."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smsenc
from smsenc import DecodeError, TooManyPartsError
from tests.strategies import (
    hostile_text,
    language_request,
    transliteration_request,
    udl,
    user_data,
)

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT_DCS = st.sampled_from([0x00, 0x08, 0x10, 0x11, 0x18, 0x40, 0xC0, 0xD8, 0xE0, 0xF0, 0xF1])


@FUZZ
@given(
    user_data,
    TEXT_DCS,
    st.booleans(),
    st.booleans(),
    udl,
    st.sampled_from(["strict", "replace", "ignore"]),
)
def test_decode_returns_a_part_or_raises_decode_error(
    data: bytes, dcs: int, udhi: bool, packed: bool, length: int | None, errors: str
) -> None:
    try:
        part = smsenc.decode(data, dcs=dcs, udhi=udhi, packed=packed, udl=length, errors=errors)
    except DecodeError as error:
        assert error.unit in ("octet", "septet")
        assert 0 <= error.offset <= max(len(data), 8 * len(data) // 7 + 1)
        assert str(error).endswith(f"(at {error.unit} {error.offset})")
        return
    assert isinstance(part.text, str)
    assert data.startswith(part.udh)
    if smsenc.gsm.dcs.alphabet_of(dcs) == "GSM7" and errors != "strict":
        # With replace/ignore only the header or TP-UDL can be at fault: the septets,
        # whatever they are, decode.
        assert "\x1b" not in part.text


@FUZZ
@given(st.binary(max_size=160), st.booleans(), st.sampled_from(["replace", "ignore"]))
def test_septet_faults_never_raise_under_replace_or_ignore(
    data: bytes, packed: bool, errors: str
) -> None:
    length = (8 * len(data) // 7) if packed else None
    part = smsenc.decode(data, packed=packed, udl=length, errors=errors)
    assert isinstance(part.text, str)


@FUZZ
@given(st.lists(st.tuples(user_data, st.booleans()), max_size=5))
def test_reassemble_returns_text_or_raises_decode_error(raw: list[tuple[bytes, bool]]) -> None:
    parts = []
    for data, udhi in raw:
        try:
            parts.append(smsenc.decode(data, udhi=udhi, packed=False, errors="replace"))
        except DecodeError:
            continue
    try:
        text = smsenc.reassemble(parts)
    except DecodeError as error:
        assert error.unit == "part"
        assert 0 <= error.offset <= len(parts)
        return
    assert isinstance(text, str)


@FUZZ
@given(
    hostile_text,
    language_request,
    transliteration_request,
    st.booleans(),
    st.booleans(),
    st.sampled_from([8, 16]),
)
def test_every_entry_point_answers_any_text_with_every_option(
    text: str,
    language: object,
    transliteration: object,
    allow_locking: bool,
    allow_single: bool,
    bits: int,
) -> None:
    options = {
        "allow_locking_shift": allow_locking,
        "allow_single_shift": allow_single,
        "reference_bits": bits,
    }
    result = smsenc.segment(text, language, transliteration, max_parts=None, **options)  # type: ignore[arg-type]
    assert "".join(result.parts) == result.text
    assert smsenc.count(text, language, transliteration, max_parts=None, **options) == (  # type: ignore[arg-type]
        result.encoding,
        result.message_count,
        result.characters_remaining,
        result.units,
    )
    result.to_dict()
    single = language if isinstance(language, str) or language is None else None
    smsenc.preview(text, single, transliteration, reference_bits=bits, max_parts=None).to_dict()  # type: ignore[arg-type]
    try:
        message = smsenc.encode(text, language, transliteration, reference=1, **options)  # type: ignore[arg-type]
    except TooManyPartsError as error:
        assert error.parts > 255
    else:
        # The wire carries UTF-16: a high + low surrogate written as two code points
        # comes back as the one character they make (README, "Lone surrogates").
        wire = result.text.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")
        assert smsenc.decode_message(message) == wire


@FUZZ
@given(hostile_text, transliteration_request)
def test_transliterate_answers_any_text_and_is_idempotent(text: str, mode: object) -> None:
    once = smsenc.transliterate(text, mode)  # type: ignore[arg-type]
    assert smsenc.transliterate(once, mode) == once  # type: ignore[arg-type]


@FUZZ
@given(st.binary(max_size=200), st.sampled_from(["gsm-7", "gsm-7-packed"]))
def test_codecs_decode_any_octets(data: bytes, codec: str) -> None:
    replaced = codecs.decode(data, codec, "replace")
    assert isinstance(replaced, str)
    try:
        strict = codecs.decode(data, codec)
    except UnicodeDecodeError as error:
        assert 0 <= error.start < error.end <= len(data)
    else:
        assert strict == replaced
