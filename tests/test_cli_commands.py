"""The command line as Unix users expect it: ``--version``, repeatable ``-l/--language``,
and messages that name the user's input (issue 29, item 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

import smsenc
from smsenc.cli import main

TR_AND_ES = "Kadıköy á"
"""Needs both lists: ``ı`` and ``ö`` are in the Turkish locking shift table, ``á`` only in
the Spanish single shift table (TS 23.038 A.2.2, A.3.1). Under TR or ES alone the text is
UCS-2; under the two it is GSM7 with TR locking and ES single shift."""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Any, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, (json.loads(out) if out.startswith(("{", "[")) else out), err


def test_version_prints_the_installed_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smsenc", "--version"], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"smsenc {version('smsenc')}\n", "")


def test_the_pair_needs_both_tables() -> None:
    # What the tests below rely on: one code alone gives another answer than the two.
    for code in ("TR", "ES"):
        assert smsenc.segment(TR_AND_ES, code).encoding == "UCS2"
    both = smsenc.segment(TR_AND_ES, ["TR", "ES"])
    assert both.encoding == "GSM7"
    assert (both.locking_shift, both.single_shift) == (
        smsenc.LANGUAGES[0],
        smsenc.LANGUAGES[1],
    )


def _commands(tmp_path: Path) -> dict[str, tuple[list[str], Any]]:
    """Per command: its arguments (without -l) and what the API gives for ["TR", "ES"]."""
    pair = ["TR", "ES"]
    source = tmp_path / "m.txt"
    source.write_text(TR_AND_ES + "\n", encoding="utf-8")
    submit = smsenc.pdu.submit(TR_AND_ES, "+123", language_code=pair, reference=1)
    bounds = smsenc.template_bounds("{n} á", {"n": smsenc.Field(3, 1, "ış")}, pair)
    fitted = smsenc.fit(TR_AND_ES * 30, 1, "...", language_code=pair)
    return {
        "segment": (["segment", TR_AND_ES], smsenc.segment(TR_AND_ES, pair).to_dict()),
        "encode": (
            ["encode", "--reference", "1", TR_AND_ES],
            smsenc.encode(TR_AND_ES, pair, reference=1).to_dict(),
        ),
        "fit": (["fit", TR_AND_ES * 30], fitted),
        "pdu submit": (
            ["pdu", "submit", "--to", "+123", "--reference", "1", TR_AND_ES],
            [pdu.hex().upper() for pdu in submit],
        ),
        "template": (["template", "{n} á", "--field", "n=1-3:ış"], bounds.to_dict()),
        "count": (["count", str(source), "--json"], {"GSM7": {"messages": 1, "parts": 1}}),
    }


def _answer(command: str, printed: Any) -> Any:
    if command == "fit":
        return printed["text"]
    if command == "pdu submit":
        return [part["pdu"] for part in printed["parts"]]
    if command == "count":
        return printed["by_encoding"]
    return printed


@pytest.mark.parametrize("command", ["segment", "encode", "fit", "pdu submit", "template", "count"])
def test_several_language_codes_repeated_or_comma_separated(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, expected = _commands(tmp_path)[command]
    spellings = (["-l", "TR", "-l", "ES"], ["-l", "TR,ES"], ["--language", "TR, ES"])
    for spelling in spellings:
        status, printed, err = run([*argv, *spelling], capsys)
        assert (status, err) == (0, "")
        assert _answer(command, printed) == expected
    # Not what ES alone gives (-l TR -l ES used to keep only the last).
    status, printed, _ = run([*argv, "-l", "ES"], capsys)
    assert status == 0 and _answer(command, printed) != expected


def test_one_code_is_passed_as_one_code(capsys: pytest.CaptureFixture[str]) -> None:
    status, printed, _ = run(["preview", "-l", "TR", "Kadıköy"], capsys)
    assert (status, printed) == (0, smsenc.preview("Kadıköy", "TR").to_dict())


@pytest.mark.parametrize("spelling", [["-l", "TR,ES"], ["-l", "TR", "-l", "ES"]])
def test_preview_takes_one_code_and_says_so(
    spelling: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, printed, err = run(["preview", *spelling, "Kadıköy"], capsys)
    assert (status, printed) == (2, "")
    assert err == (
        "smsenc: preview takes one --language code, as Infobip's preview does; got TR, ES "
        "(segment, encode, fit and count take several)\n"
    )


def test_an_empty_code_in_a_list_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["segment", "-l", "TR,", "x"])
    assert exit.value.code == 2
    assert capsys.readouterr().err.endswith(
        "error: argument --language/-l: an empty language code in 'TR,'\n"
    )


@pytest.mark.parametrize(
    ("user_data", "message"),
    [
        ("zz", "invalid hex 'zz' at position 0: 'z' is not a hex digit"),
        ("48 6x", "invalid hex '48 6x' at position 4: 'x' is not a hex digit"),
        ("4 8", "invalid hex '4 8' at position 1: a space inside an octet"),
        ("486", "invalid hex '486': an odd number of digits (3); an octet is two"),
    ],
)
def test_decode_names_what_is_wrong_with_the_hex(
    user_data: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, printed, err = run(["decode", user_data], capsys)
    assert (status, printed, err) == (2, "", f"smsenc: {message}\n")


def test_decode_still_takes_hex_with_spaces_between_octets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, printed, _ = run(["decode", "--unpacked", "48 69"], capsys)
    assert (status, printed["text"]) == (0, "Hi")
