"""preview(): Infobip's POST /sms/1/preview shape, field by field."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from smsenc import ALL_LANGUAGE_CODES, preview, segment
from smsenc.cli import main

TURKISH = "Yarın saat 14:00'te Kadıköy'de buluşalım mı? Ödemeyi şimdi yaptım."


def test_plain_preview_shape() -> None:
    assert preview("Hello world").to_dict() == {
        "originalText": "Hello world",
        "previews": [
            {
                "textPreview": "Hello world",
                "messageCount": 1,
                "charactersRemaining": 149,
                "configuration": {},
            }
        ],
    }


def test_four_previews_for_a_turkish_sentence() -> None:
    result = preview(TURKISH, "TR", "TURKISH").to_dict()
    assert result["originalText"] == TURKISH
    plain, language, transliterated, both = result["previews"]
    # plain: ı ş ö... ı and ş are not GSM, so UCS-2: 67 units, 70 per part
    assert plain == {
        "textPreview": TURKISH,
        "messageCount": 1,
        "charactersRemaining": 70 - len(TURKISH),
        "configuration": {},
    }
    # Turkish locking table: every character one septet, 4-octet UDH leaves 155
    assert language == {
        "textPreview": TURKISH,
        "messageCount": 1,
        "charactersRemaining": 155 - len(TURKISH),
        "configuration": {
            "language": {"languageCode": "TR", "singleShift": False, "lockingShift": True}
        },
    }
    ascii_turkish = "Yarin saat 14:00'te Kadiköy'de bulusalim mi? Ödemeyi simdi yaptim."
    assert transliterated == {
        "textPreview": ascii_turkish,
        "messageCount": 1,
        "charactersRemaining": 160 - len(ascii_turkish),
        "configuration": {"transliteration": "TURKISH"},
    }
    # after transliteration nothing national is needed: the flags say so
    assert both == {
        "textPreview": ascii_turkish,
        "messageCount": 1,
        "charactersRemaining": 160 - len(ascii_turkish),
        "configuration": {
            "language": {"languageCode": "TR", "singleShift": False, "lockingShift": False},
            "transliteration": "TURKISH",
        },
    }


def test_autodetect_names_the_language_it_chose() -> None:
    # Portuguese locking holds ê and õ (one septet each); the default alphabet has neither.
    entry = preview("Você põe", "AUTODETECT").to_dict()["previews"][1]
    assert entry["configuration"] == {
        "language": {"languageCode": "PT", "singleShift": False, "lockingShift": True}
    }
    assert entry["charactersRemaining"] == 155 - len("Você põe")


def test_autodetect_is_infobips_three_languages() -> None:
    # Hindi needs the Hindi tables, which Infobip's AUTODETECT does not consider: UCS-2.
    text = "नमस्ते दुनिया"
    entry = preview(text, "AUTODETECT").to_dict()["previews"][1]
    assert entry["configuration"]["language"] == {
        "languageCode": "AUTODETECT",
        "singleShift": False,
        "lockingShift": False,
    }
    assert entry["charactersRemaining"] == 70 - len(text)
    assert segment(text, "AUTODETECT").encoding == "UCS2"
    explicit = segment(text, ALL_LANGUAGE_CODES)
    assert explicit.locking_shift is not None and explicit.locking_shift.code == "HI"
    assert explicit.characters_remaining == 155 - len(text)
    assert preview(text, "HI").to_dict()["previews"][1]["configuration"]["language"] == {
        "languageCode": "HI",
        "singleShift": False,
        "lockingShift": True,
    }


def test_autodetect_without_need_keeps_the_code() -> None:
    entry = preview("plain", "AUTODETECT").to_dict()["previews"][1]
    assert entry["configuration"]["language"]["languageCode"] == "AUTODETECT"
    assert entry["charactersRemaining"] == 155


def test_preview_rejects_bad_options() -> None:
    with pytest.raises(ValueError, match="accepted: TR, ES, PT"):
        preview("x", "DE")
    with pytest.raises(ValueError, match="accepted: NONE, TURKISH, GREEK"):
        preview("x", transliteration="LATIN")
    with pytest.raises(TypeError, match="not bytes"):
        preview(b"x")  # type: ignore[arg-type]


def test_cli_prints_the_preview_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "--language", "TR", "Şişli"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == preview("Şişli", "TR").to_dict()


def test_cli_reports_bad_options_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "--language", "XX", "text"]) == 2
    assert "unknown language code 'XX'; accepted:" in capsys.readouterr().err


def test_module_entry_point_reads_standard_input() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smsenc", "preview", "-"],
        input="Price: 5 €\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    printed = json.loads(done.stdout)
    assert printed["originalText"] == "Price: 5 €"
    assert printed["previews"][0]["charactersRemaining"] == 160 - 11


def test_cli_segment_encode_decode(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["segment", "--language", "TR", "Şifre: [4711]"]) == 0
    segmented = json.loads(capsys.readouterr().out)
    assert segmented["locking_shift"] == "TR" and segmented["udh_octets"] == 4
    assert segmented["part_units"] == [15] and segmented["characters_remaining"] == 140

    assert main(["encode", "--reference", "66", "hello " * 30]) == 0
    encoded = json.loads(capsys.readouterr().out)
    first = encoded["parts"][0]
    assert (first["udh"], first["udl"], first["sm_length"]) == ("050003420201", 160, 140)

    assert main(["decode", "--udhi", "--udl", "160", first["user_data"]]) == 0
    decoded = json.loads(capsys.readouterr().out)
    assert decoded["concatenation"] == {
        "reference": 66,
        "total": 2,
        "sequence": 1,
        "reference_bits": 8,
        "scheme": "udh",
    }
    assert decoded["text"] == ("hello " * 30)[:153]


def test_cli_decode_reports_malformed_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decode", "--udhi", "0700"]) == 2
    assert (
        capsys.readouterr().err
        == "smsenc: UDHL 7 runs past the end of 2 octets of user data (at octet 0)\n"
    )
    assert main(["decode", "zz"]) == 2
    assert capsys.readouterr().err == (
        "smsenc: invalid hex 'zz' at position 0: 'z' is not a hex digit\n"
    )


def test_cli_prints_valid_json_for_a_lone_surrogate() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smsenc", "decode", "--dcs", "8", "d83d0041"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert json.loads(done.stdout)["text"] == "\ud83dA"
