"""One rule for bad arguments at every entry point (issue 10, item 8): a wrong type is a
TypeError naming the parameter, the type got and the type wanted (a bool is never an
int); a wrong value is a ValueError naming the parameter, the value and what is
accepted."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import smsenc
from smsenc import count, count_many, encode, preview, segment, transliterate

TYPE_ERRORS: list[tuple[str, Callable[[], object], str]] = [
    ("segment text", lambda: segment(b"x"), "text must be a str, not bytes"),  # type: ignore[arg-type]
    (
        "segment max_parts",
        lambda: segment("x", max_parts=True),
        "max_parts must be an int or None, not bool",
    ),
    ("encode max_parts", lambda: encode("x", max_parts=True), "max_parts must be an int, not bool"),
    ("encode reference", lambda: encode("x", reference="1"), "reference must be an int, not str"),  # type: ignore[arg-type]
    (
        "segment reference_bits",
        lambda: segment("x", reference_bits="8"),
        "reference_bits must be an int, not str",
    ),  # type: ignore[arg-type]
    (
        "segment reference_bits bool",
        lambda: segment("x", reference_bits=True),
        "reference_bits must be an int, not bool",
    ),  # type: ignore[arg-type]
    (
        "segment language_code",
        lambda: segment("x", 5),
        "language_code must be a str, an iterable of str or None, not int",
    ),  # type: ignore[arg-type]
    (
        "encode language_code",
        lambda: encode("x", 5),
        "language_code must be a str, an iterable of str or None, not int",
    ),  # type: ignore[arg-type]
    (
        "count language_code",
        lambda: count("x", 5),
        "language_code must be a str, an iterable of str or None, not int",
    ),
    (
        "preview language_code",
        lambda: preview("x", 5),
        "language_code must be a str or None, not int",
    ),  # type: ignore[arg-type]
    (
        "segment allow_locking_shift",
        lambda: segment("x", "TR", allow_locking_shift=1),
        "allow_locking_shift must be a bool, not int",
    ),  # type: ignore[arg-type]
    (
        "segment allow_single_shift",
        lambda: segment("x", allow_single_shift="no"),
        "allow_single_shift must be a bool, not str",
    ),  # type: ignore[arg-type]
    (
        "encode allow_single_shift",
        lambda: encode("x", allow_single_shift=0),
        "allow_single_shift must be a bool, not int",
    ),  # type: ignore[arg-type]
    ("encode packed", lambda: encode("x", packed=1), "packed must be a bool, not int"),  # type: ignore[arg-type]
    (
        "segment transliteration",
        lambda: segment("x", None, 5),
        "transliteration must be a str, an iterable of str, a Transliterator or None, not int",
    ),  # type: ignore[arg-type]
    (
        "preview transliteration",
        lambda: preview("x", None, 5),
        "transliteration must be a str, an iterable of str, a Transliterator or None, not int",
    ),  # type: ignore[arg-type]
    (
        "transliterate mode",
        lambda: transliterate("x", 5),
        "mode must be a str, an iterable of str or None, not int",
    ),  # type: ignore[arg-type]
    ("transliterate text", lambda: transliterate(5), "text must be a str, not int"),  # type: ignore[arg-type]
    (
        "transliterate overrides",
        lambda: transliterate("x", "NONE", ["a"]),
        "overrides must be a mapping of str to str or None, not list",
    ),  # type: ignore[arg-type]
    (
        "transliterate mode item",
        lambda: transliterate("x", ["TURKISH", 5]),
        "transliteration mode must be a str, not int",
    ),  # type: ignore[list-item]
    (
        "transliterate override",
        lambda: transliterate("x", "NONE", {"ş": 5}),
        "override for 'ş' must be a str, not int",
    ),  # type: ignore[dict-item]
    (
        "segment language_code item",
        lambda: segment("x", ["TR", 5]),
        "language_code items must be str, not int",
    ),  # type: ignore[list-item]
    ("count_many texts", lambda: count_many("abc"), "texts must be an iterable of str, not str"),
    ("count_many texts int", lambda: count_many(5), "texts must be an iterable of str, not int"),  # type: ignore[arg-type]
    ("udh sequence", lambda: segment("x").udh(True), "sequence must be an int, not bool"),
    ("decode dcs", lambda: smsenc.decode(b"", dcs="0"), "dcs must be an int, not str"),  # type: ignore[arg-type]
]

VALUE_ERRORS: list[tuple[str, Callable[[], object], str]] = [
    (
        "segment reference_bits",
        lambda: segment("x", reference_bits=12),
        "reference_bits must be 8 or 16, got 12",
    ),  # type: ignore[arg-type]
    (
        "encode reference_bits",
        lambda: encode("x", reference_bits=12),
        "reference_bits must be 8 or 16, got 12",
    ),  # type: ignore[arg-type]
    ("segment max_parts", lambda: segment("x", max_parts=0), "max_parts must be >= 1, got 0"),
    ("encode max_parts", lambda: encode("x", max_parts=256), "max_parts must be 1..255, got 256"),
    (
        "encode reference",
        lambda: encode("x" * 200, reference=256),
        "reference must be 0..255 with 8-bit references, got 256",
    ),
    ("decode udl", lambda: smsenc.decode(b"", udl=-1), "udl must be >= 0, got -1"),
    ("decode dcs", lambda: smsenc.decode(b"", dcs=300), "dcs must be 0..255, got 300"),
    ("udh sequence", lambda: segment("x").udh(2), "sequence must be 1..1, got 2"),
    (
        "segment language_code",
        lambda: segment("x", "XX"),
        "unknown language code 'XX'; accepted: TR, ES, PT",
    ),
    (
        "transliterate mode",
        lambda: transliterate("x", "KLINGON"),
        "unknown transliteration mode 'KLINGON'; accepted: NONE",
    ),
]


@pytest.mark.parametrize(("label", "call", "message"), TYPE_ERRORS, ids=[t[0] for t in TYPE_ERRORS])
def test_a_wrong_type_is_a_type_error_naming_parameter_and_types(
    label: str, call: Callable[[], object], message: str
) -> None:
    with pytest.raises(TypeError) as excinfo:
        call()
    assert str(excinfo.value).startswith(message)


@pytest.mark.parametrize(
    ("label", "call", "message"), VALUE_ERRORS, ids=[t[0] for t in VALUE_ERRORS]
)
def test_a_wrong_value_is_a_value_error_naming_parameter_and_value(
    label: str, call: Callable[[], object], message: str
) -> None:
    with pytest.raises(ValueError) as excinfo:
        call()
    assert not isinstance(excinfo.value, smsenc.DecodeError)
    assert str(excinfo.value).startswith(message)


def test_transliterate_takes_none_as_segment_does() -> None:
    text = "Şişli “quoted”"
    assert transliterate(text, None) == text
    assert segment(text, None, None).text == text
    assert transliterate(text, None, {"ş": "sh"}) == "Şishli “quoted”"


@pytest.mark.parametrize(
    ("good", "bad", "message"),
    [
        ({"allow_locking_shift": True}, {"allow_locking_shift": 1}, "allow_locking_shift"),
        ({"allow_single_shift": False}, {"allow_single_shift": 0}, "allow_single_shift"),
        ({"reference_bits": 8}, {"reference_bits": 8.0}, "reference_bits"),
        ({"max_parts": 1}, {"max_parts": True}, "max_parts"),
    ],
)
def test_a_remembered_request_never_lets_an_equal_value_of_another_type_through(
    good: dict[str, object], bad: dict[str, object], message: str
) -> None:
    # Requests are remembered by value, and True == 1 == 1.0: the cache must tell them
    # apart, or a bad call after a good one would be answered instead of refused.
    segment("x", "TR", **good)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        segment("x", "TR", **bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        count("x", "TR", **bad)
