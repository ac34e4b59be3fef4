"""smsenc smpp submit / receipt: the JSON the library gives, and exit 2 on bad input."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path


def _smsenc(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smsenc", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONUTF8": "1"},
        check=False,
    )


def test_submit_prints_every_pdus_fields() -> None:
    done = _smsenc("smpp", "submit", "--reference", "66", "a" * 152 + "€" + "a" * 10)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["profile"]["name"] == "smpp34"
    assert [
        (p["data_coding"], p["esm_class"], p["units"], p["sm_length"]) for p in result["parts"]
    ] == [(0, 0x40, 152, 158), (0, 0x40, 12, 18)]
    assert result["parts"][1]["short_message"] == "0500034202021b65" + "61" * 10


def test_submit_takes_a_profile_and_overrides_its_concatenation() -> None:
    done = _smsenc(
        "smpp",
        "submit",
        "--profile",
        "latin1",
        "--concatenation",
        "sar",
        "--reference",
        "9",
        "-",
        stdin="é" * 161 + "\n",
    )
    result = json.loads(done.stdout)
    assert result["profile"]["concatenation"] == "sar"
    assert [p["tlvs"] for p in result["parts"]] == [
        {"sar_msg_ref_num": 9, "sar_total_segments": 2, "sar_segment_seqnum": n} for n in (1, 2)
    ]
    assert result["parts"][0]["short_message"] == "e9" * 152
    payload = json.loads(_smsenc("smpp", "submit", "--profile", "payload", "hi").stdout)
    assert payload["parts"] == [
        {
            "text": "hi",
            "units": 2,
            "data_coding": 0,
            "esm_class": 0,
            "sm_length": 0,
            "short_message": "",
            "tlvs": {"message_payload": "6869"},
        }
    ]


def test_submit_with_a_language_and_transliteration() -> None:
    done = _smsenc("smpp", "submit", "-l", "AUTODETECT", "ş á")
    (part,) = json.loads(done.stdout)["parts"]
    assert part["short_message"].startswith("06240102250101") and part["esm_class"] == 64
    done = _smsenc("smpp", "submit", "-t", "TURKISH", "--profile", "ia5", "Şişli")
    assert json.loads(done.stdout)["parts"][0]["short_message"] == b"Sisli".hex()


def test_receipt_prints_the_parsed_receipt() -> None:
    done = _smsenc("smpp", "receipt", "ID:7B Stat:delivrd done date:2301151015 vendor:x")
    assert json.loads(done.stdout) == {
        "id": "7B",
        "sub": None,
        "dlvrd": None,
        "submit_date": None,
        "done_date": "2023-01-15T10:15:00",
        "stat": "DELIVRD",
        "err": None,
        "text": None,
        "message_state": 2,
        "network_error_code": None,
        "extra": {"vendor": "x"},
    }


def test_bad_input_exits_2_with_one_line() -> None:
    for args in (
        ("smpp", "submit", "--reference", "300", "a" * 200),
        ("smpp", "submit", "--profile", "sar", "-l", "TR", "ş"),
        ("smpp", "receipt", "hello"),
        ("smpp", "receipt", "id:1 stat:DELIVRD submit date:99999999"),
    ):
        done = _smsenc(*args)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.startswith("smsenc: ") and done.stderr.count("\n") == 1, done.stderr
    done = _smsenc("smpp", "submit", "--profile", "nope", "x")
    assert done.returncode == 2 and "invalid choice: 'nope'" in done.stderr


def test_readme_smpp_commands_print_the_json_shown() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"```sh\n\$ (smsenc smpp .*?)\n```\n\n```json\n(.*?)```", readme, re.S)
    assert len(shown) == 2
    for command, output in shown:
        done = _smsenc(*shlex.split(command)[1:])
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == json.loads(output), command
