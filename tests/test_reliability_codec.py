"""The gsm-7 codecs under hostile input and odd error handlers (issue 10, items 4 and
5): they behave as CPython's own codecs do."""

from __future__ import annotations

import codecs

import pytest

import smsenc  # noqa: F401  (registers the codecs)


def _register(name: str, handler: object) -> str:
    codecs.register_error(name, handler)  # type: ignore[arg-type]
    return name


@pytest.mark.parametrize("codec", ["gsm-7", "gsm-7-packed"])
def test_decoding_an_int_is_a_type_error_as_in_the_standard_codecs(codec: str) -> None:
    with pytest.raises(TypeError):
        codecs.decode(5, "utf-8")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="bytes-like object is required, not 'int'"):
        codecs.decode(5, codec)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        codecs.decode(2**60, codec)  # type: ignore[call-overload]  (not a MemoryError)


@pytest.mark.parametrize("codec", ["gsm-7", "gsm-7-packed"])
def test_encoding_bytes_is_a_type_error(codec: str) -> None:
    with pytest.raises(TypeError, match=f"{codec} encoding takes a str, not bytes"):
        codecs.encode(b"abc", codec)  # type: ignore[call-overload]


def test_an_encode_handler_resuming_past_the_end_is_an_index_error() -> None:
    name = _register("smsenc-test-past-end", lambda e: ("?", e.end + 5))
    with pytest.raises(IndexError, match="position 7 from error handler out of range"):
        "a\u0416".encode("gsm-7", name)
    with pytest.raises(IndexError):  # CPython's own codecs agree
        "a\u0416".encode("ascii", name)


@pytest.mark.parametrize(
    ("result", "message"),
    [
        ("?", "encoding error handler must return"),  # not a tuple
        ((5, 2), "encoding error handler must return"),  # an int replacement
        (("?",), "encoding error handler must return"),
    ],
)
def test_an_encode_handler_of_the_wrong_shape_is_a_type_error(result: object, message: str) -> None:
    name = _register(f"smsenc-test-shape-{result!r}", lambda e: result)
    with pytest.raises(TypeError, match=message):
        "a\u0416".encode("gsm-7", name)
    with pytest.raises(TypeError):
        "a\u0416".encode("ascii", name)


def test_a_decode_handler_of_the_wrong_shape_is_a_type_error() -> None:
    name = _register("smsenc-test-decode-shape", lambda e: "?")
    with pytest.raises(TypeError, match="decoding error handler must return"):
        b"a\x80".decode("gsm-7", name)


def test_incremental_decoding_agrees_with_one_shot_when_a_handler_resumes_inside() -> None:
    name = _register("smsenc-test-inside", lambda e: ("#", e.start + 1))
    assert b"\x1b\x1be".decode("gsm-7", name) == "#€"
    decoder = codecs.getincrementaldecoder("gsm-7")(name)
    assert decoder.decode(b"\x1b\x1b") + decoder.decode(b"e", final=True) == "#€"
    for data in (b"a\x1b\x1b\x1be", b"\x1b\x1b\x1b\x1b", b"ab\x1b"):
        for cut in range(len(data) + 1):
            decoder = codecs.getincrementaldecoder("gsm-7")(name)
            chunked = decoder.decode(data[:cut]) + decoder.decode(data[cut:], final=True)
            assert chunked == data.decode("gsm-7", name), (data, cut)
