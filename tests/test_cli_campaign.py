"""smsenc template and smsenc fit: the same answers as the functions, as JSON."""

from __future__ import annotations

import json

import pytest

import smsenc
from smsenc.cli import main


def test_template_prints_both_witnesses(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["template", "Hi {name}, code {code}", "-f", "name=1-20", "-f", "code=6-6:digits"]
    assert main(argv) == 0
    shown = json.loads(capsys.readouterr().out)
    expected = smsenc.template_bounds(
        "Hi {name}, code {code}",
        {"name": smsenc.Field(20, 1), "code": smsenc.Field(6, 6, "digits")},
    )
    assert shown == expected.to_dict()
    assert (shown["best"]["text"], shown["worst"]["characters_remaining"]) == (
        "Hi a, code 000000",
        104,
    )


def test_template_takes_a_custom_alphabet_and_a_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["template", "{x}", "-f", "x=3:ş:", "--language", "TR"]) == 0
    shown = json.loads(capsys.readouterr().out)
    # The alphabet is everything after the first colon: "ş" and ":".  ş needs the
    # Turkish table (or UCS-2) where ":" never does, so ş is the worst and ":" the best.
    assert (shown["worst"]["text"], shown["worst"]["found"]["locking_shift"]) == ("şşş", "TR")
    assert (shown["best"]["text"], shown["best"]["found"]["udh_octets"]) == ("", 0)
    assert shown["worst"]["exact"] is shown["best"]["exact"] is True


def test_template_takes_a_transliteration_and_says_when_it_is_exact(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["template", "Привет, {name}!", "-f", "name=1-10:щьа", "-t", "CYRILLIC"]
    assert main(argv) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["exact"] is True
    assert shown["worst"]["text"] == "Привет, щщщщщщщщщщ!"
    assert shown["worst"]["found"]["text"] == "Privet, " + "shch" * 10 + "!"
    # A "ucs2" field under a national mode: marks may merge, and the worst is bounded.
    assert main(["template", "Hi {name}", "-f", "name=20:ucs2", "-t", "CYRILLIC"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["exact"] is False
    worst = shown["worst"]
    assert (worst["exact"], worst["text"], worst["characters_remaining"]) == (False, None, None)
    assert worst["message_count"] >= worst["found"]["message_count"]
    expected = smsenc.template_bounds(
        "Hi {name}", {"name": smsenc.Field(20, 0, "ucs2")}, None, "CYRILLIC"
    )
    assert shown == expected.to_dict()


def test_template_keeps_graphemes(capsys: pytest.CaptureFixture[str]) -> None:
    # The value is two of CR and LF between two runs of 152: CR LF, one cluster, moves
    # whole to part 2 and a third part follows; apart they fill parts to the last septet.
    template = "a" * 152 + "{x}" + "a" * 152
    assert main(["template", template, "-f", "x=2-2:\r\n", "--keep-graphemes"]) == 0
    shown = json.loads(capsys.readouterr().out)
    fields = {"x": smsenc.Field(2, 2, "\r\n")}
    assert shown == smsenc.template_bounds(template, fields, keep_graphemes=True).to_dict()
    counts = [
        smsenc.segment(template.replace("{x}", a + b), keep_graphemes=True).message_count
        for a in "\r\n"
        for b in "\r\n"
    ]
    assert shown["worst"]["message_count"] == max(counts) == 3
    assert shown["best"]["message_count"] == min(counts) == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["template", "{a}", "-f", "a=x"], "--field 'a=x': write NAME=MAX"),
        (["template", "{a}", "-f", "=3"], "--field '=3': write NAME=MAX"),
        (["template", "{a}"], "placeholder {a} has no entry in fields"),
        (["template", "{a}", "-f", "a=4-3"], "min_length (4) must not exceed max_length (3)"),
        (["template", "{a}", "-f", "a=3", "-t", "BOGUS"], "unknown transliteration mode 'BOGUS'"),
        (["fit", "-n", "0", "abc"], "max_parts must be >= 1, got 0"),
        (["fit", "--ellipsis", "." * 161, "a" * 200], "alone needs more than max_parts=1"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_fit_prints_the_cut_text_and_its_counts(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Summer sale: everything must go, " * 6
    assert main(["fit", "--ellipsis", "…", text]) == 0
    shown = json.loads(capsys.readouterr().out)
    fitted = smsenc.fit(text, 1, "…")
    assert shown == {
        "text": fitted,
        "cut": True,
        "encoding": "UCS2",
        "message_count": 1,
        "characters_remaining": smsenc.count(fitted).characters_remaining,
    }
    assert main(["fit", "-n", "2", "short"]) == 0
    assert json.loads(capsys.readouterr().out)["cut"] is False


@pytest.mark.parametrize("command", ["segment", "preview", "encode"])
def test_keep_graphemes_on_the_core_commands(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "a" * 152 + "\r\n" + "a" * 152
    argv = [command, "--keep-graphemes", text] + (
        ["--reference", "9"] if command == "encode" else []
    )
    assert main(argv) == 0
    shown = json.loads(capsys.readouterr().out)
    if command == "segment":
        assert shown["part_units"] == [152, 153, 1]
        assert shown == smsenc.segment(text, keep_graphemes=True).to_dict()
    elif command == "preview":
        assert shown["previews"][0]["messageCount"] == 3
    else:
        assert [part["units"] for part in shown["parts"]] == [152, 153, 1]
    assert main([command, text] + (["--reference", "9"] if command == "encode" else [])) == 0
    plain = json.loads(capsys.readouterr().out)
    assert plain != shown
