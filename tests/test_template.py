"""template_bounds(): its witnesses are the true best and worst substitutions."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smsenc
from smsenc import Field, template_bounds
from smsenc.template import parse_template

# One character of each cost class under the default tables: GSM basic (1 septet),
# extension (2 septets), BMP outside GSM (1 unit, forces UCS-2), astral (2 units).
POOL = "a€ж😀"


def _substitutions(pieces: list[str | tuple[str]], fields: dict[str, Field]):  # type: ignore[no-untyped-def]
    names = list(fields)
    per_field = []
    for name in names:
        spec = fields[name]
        chars = spec.alphabet
        per_field.append(
            [
                "".join(v)
                for n in range(spec.min_length, spec.max_length + 1)
                for v in itertools.product(chars, repeat=n)
            ]
        )
    for values in itertools.product(*per_field):
        chosen = dict(zip(names, values, strict=True))
        yield "".join(chosen[p[0]] if isinstance(p, tuple) else p for p in pieces)


def _within(template: str, fields: dict[str, Field], text: str) -> bool:
    """Whether ``text`` is a substitution of ``template`` within ``fields``."""
    pattern, seen = [], set()
    for piece in parse_template(template):
        if isinstance(piece, str):
            pattern.append(re.escape(piece))
        elif piece[0] in seen:
            pattern.append(f"(?P={_group(piece[0])})")
        else:
            seen.add(piece[0])
            spec = fields[piece[0]]
            if spec.alphabet == "digits":
                chars = "[0-9]"
            elif spec.alphabet in smsenc.template.NAMED_ALPHABETS:
                chars = "."
            else:
                chars = "[" + "".join(re.escape(c) for c in spec.alphabet) + "]"
            pattern.append(
                f"(?P<{_group(piece[0])}>{chars}{{{spec.min_length},{spec.max_length}}})"
            )
    return re.fullmatch("".join(pattern), text, re.S) is not None


def _group(name: str) -> str:
    return "f" + name.encode().hex()


alphabets = st.text(st.sampled_from(POOL), min_size=1, max_size=3).map(lambda a: "".join(set(a)))
literals = st.builds(
    lambda n, tail: "a" * n + tail,
    st.sampled_from([0, 60, 64, 66, 68, 69, 130, 131, 145, 150, 151, 152, 153, 157, 158, 159]),
    st.text(st.sampled_from(POOL), max_size=3),
)


@st.composite
def small_templates(draw: st.DrawFn) -> tuple[str, dict[str, Field]]:
    names = draw(st.lists(st.sampled_from("xy"), min_size=1, max_size=3))
    pieces = []
    for name in names:
        pieces.append(draw(literals))
        pieces.append("{" + name + "}")
    pieces.append(draw(st.text(st.sampled_from(POOL), max_size=4)))
    fields = {}
    for name in dict.fromkeys(names):
        high = draw(st.integers(0, 2))
        fields[name] = Field(high, draw(st.integers(0, high)), draw(alphabets))
    return "".join(pieces), fields


@settings(max_examples=150)
@given(small_templates(), st.sampled_from([8, 16]))
def test_witnesses_are_the_extremes_by_brute_force(
    case: tuple[str, dict[str, Field]], bits: int
) -> None:
    template, fields = case
    bounds = template_bounds(template, fields, reference_bits=bits, max_parts=None)
    results = [
        smsenc.segment(text, reference_bits=bits, max_parts=None)
        for text in _substitutions(parse_template(template), fields)
    ]
    ranks = [result.rank() for result in results]
    assert bounds.worst.rank() == max(ranks)
    assert bounds.best.rank() == min(ranks)
    # Also in the plainer order the issue states: parts, then room left.
    plain = [(r.message_count, -r.characters_remaining) for r in results]
    assert (bounds.worst.message_count, -bounds.worst.characters_remaining) == max(plain)
    assert (bounds.best.message_count, -bounds.best.characters_remaining) == min(plain)
    assert _within(template, fields, bounds.worst.text)
    assert _within(template, fields, bounds.best.text)


NATIONAL_POOL = "aşá€ç"


@settings(max_examples=100)
@given(
    st.sampled_from([0, 140, 145, 148, 150, 151, 152, 153, 155, 158]),
    st.text(st.sampled_from(NATIONAL_POOL), min_size=1, max_size=3),
    st.integers(0, 3),
    st.sampled_from(["TR", "ES", "PT", "AUTODETECT"]),
)
def test_national_witnesses_by_brute_force(n: int, alphabet: str, high: int, language: str) -> None:
    template, fields = "a" * n + "{x}ş", {"x": Field(high, 0, "".join(set(alphabet)))}
    try:
        bounds = template_bounds(template, fields, language)
    except ValueError as error:
        assert "cannot be proved" in str(error)
        return
    ranks = [
        smsenc.segment(text, language).rank()
        for text in _substitutions(parse_template(template), fields)
    ]
    assert (bounds.best.rank(), bounds.worst.rank()) == (min(ranks), max(ranks))


@st.composite
def large_cases(draw: st.DrawFn) -> tuple[str, dict[str, Field], str, str]:
    alphabet = draw(st.sampled_from(["digits", "gsm-basic", "gsm", "ucs2", "any", "a€", "ж€"]))
    spec = Field(draw(st.integers(0, 400)), 0, alphabet)
    spec = Field(spec.max_length, draw(st.integers(0, spec.max_length)), alphabet)
    chars = {
        "digits": "0123456789",
        "gsm-basic": "abc @\n",
        "gsm": "ab€[~\f",
        "ucs2": "ab€жщ“",
        "any": "a€ж😀🇪",
    }.get(alphabet, alphabet)
    first = draw(
        st.text(st.sampled_from(chars), min_size=spec.min_length, max_size=spec.max_length)
    )
    second = draw(
        st.text(st.sampled_from(chars), min_size=spec.min_length, max_size=spec.max_length)
    )
    return (
        "Dear {name}, {name}! {{ok}} " + "x" * draw(st.integers(0, 200)) + "{other}",
        {
            "name": spec,
            "other": spec,
        },
        first,
        second,
    )


@given(large_cases())
def test_no_random_substitution_passes_the_bounds(
    case: tuple[str, dict[str, Field], str, str],
) -> None:
    template, fields, first, second = case
    bounds = template_bounds(template, fields, max_parts=None)
    text = template.replace("{{ok}}", "{ok}").replace("{name}", first).replace("{other}", second)
    result = smsenc.segment(text, max_parts=None)
    assert bounds.best.rank() <= result.rank() <= bounds.worst.rank()
    plain = (result.message_count, -result.characters_remaining)
    assert (bounds.best.message_count, -bounds.best.characters_remaining) <= plain
    assert plain <= (bounds.worst.message_count, -bounds.worst.characters_remaining)


def test_a_template_with_digits_and_a_name() -> None:
    bounds = template_bounds(
        "Hi {name}, your code is {code}",
        {"name": Field(20, 1, "gsm"), "code": Field(6, 6, "digits")},
    )
    assert bounds.best.text == "Hi a, your code is 000000"
    assert (bounds.best.message_count, bounds.best.characters_remaining) == (1, 135)
    assert bounds.worst.text == "Hi " + "€" * 20 + ", your code is 000000"
    assert (bounds.worst.message_count, bounds.worst.characters_remaining) == (1, 96)


def test_one_ucs2_field_makes_the_worst_ucs2() -> None:
    bounds = template_bounds("{a} {b}", {"a": Field(60), "b": Field(10, 0, "ucs2")})
    assert bounds.worst.encoding == "UCS2"
    assert bounds.worst.text == "€" * 60 + " " + "ж" * 10
    assert (bounds.worst.message_count, bounds.worst.characters_remaining) == (2, 63)
    assert bounds.best.text == " "


def test_braces_escape_and_a_repeated_name_takes_one_value() -> None:
    bounds = template_bounds("{{{x}}} {x}", {"x": Field(2, 2, "digits")})
    assert bounds.worst.text == bounds.best.text == "{00} 00"


@pytest.mark.parametrize(
    ("template", "fields", "message"),
    [
        ("Hi {name}", {}, "placeholder {name} has no entry in fields"),
        ("Hi", {"name": Field(3)}, "field 'name' is not used by the template"),
        ("Hi {name", {}, "unmatched '{' at index 3"),
        ("Hi }", {}, "unmatched '}' at index 3"),
        ("Hi {}", {}, "empty placeholder"),
        ("\ud83d{x}", {"x": Field(1)}, "surrogate"),
    ],
)
def test_bad_templates(template: str, fields: dict[str, Field], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        template_bounds(template, fields)


def test_bad_fields() -> None:
    with pytest.raises(TypeError, match="alphabet must be a str, not list"):
        Field(3, 0, ["a"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="max_length must be an int, not bool"):
        Field(True)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"min_length \(4\) must not exceed max_length \(3\)"):
        Field(3, 4)
    with pytest.raises(ValueError, match="alphabet is empty"):
        Field(3, 1, "")
    with pytest.raises(ValueError, match="must be 0 or more, got -1"):
        Field(-1)
    with pytest.raises(TypeError, match=r"fields\['x'\] must be a Field, not int"):
        template_bounds("{x}", {"x": 3})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="transliteration='NON_UNICODE' is not supported"):
        template_bounds("{x}", {"x": Field(3)}, transliteration="NON_UNICODE")  # type: ignore[arg-type]
    assert Field(3, 0, "").max_length == 3


def test_no_provable_witness_under_national_tables_is_an_error() -> None:
    # ş costs more without the Turkish locking table, [ costs more with it.
    with pytest.raises(ValueError, match="so it cannot be proved"):
        template_bounds("{x}", {"x": Field(3, 0, "ş[")}, "TR")


def test_gsm_under_turkish_tables_has_a_witness_that_shuts_turkish_out() -> None:
    # € is one septet in the Turkish locking table; \f (form feed) is in no national
    # table, so a value of \f leaves the default tables, two septets a character.
    bounds = template_bounds("Hi {x}!", {"x": Field(80, 1)}, "TR")
    assert bounds.worst.text == "Hi " + "\f" * 80 + "!"
    assert (bounds.worst.message_count, bounds.worst.characters_remaining) == (2, 142)


GSM_AND_TURKISH = "aş€[\fñĞç^|"


@given(
    st.text(st.sampled_from(GSM_AND_TURKISH), max_size=200),
    st.integers(0, 160),
    st.sampled_from(["TR", "AUTODETECT", "PT"]),
)
def test_gsm_under_national_tables_no_random_value_passes_the_bounds(
    value: str, n: int, language: str
) -> None:
    template, spec = "a" * n + "{x}!", Field(200, 0, "gsm")
    bounds = template_bounds(template, {"x": spec}, language)
    gsm_value = "".join(c for c in value if c in smsenc.template.Field(1).candidates())
    rank = smsenc.segment("a" * n + gsm_value + "!", language).rank()
    assert bounds.best.rank() <= rank <= bounds.worst.rank()
