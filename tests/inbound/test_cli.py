"""``smsenc reassemble FILE``, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import smsenc

T0 = 1_700_000_000
LONG = "The quick brown fox jumps over the lazy dog. " * 8


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smsenc", "reassemble", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def _user_data_lines(text: str, sender: str, start: float, **options: Any) -> list[dict[str, Any]]:
    message = smsenc.encode(text, **options)
    return [
        {
            "sender": sender,
            "received_at": start + n,
            "user_data": part.user_data.hex(),
            "dcs": part.dcs,
            "udhi": part.udhi,
            "packed": part.packed,
            "udl": part.udl,
        }
        for n, part in enumerate(message.parts)
    ]


def _write(path: Path, records: list[Any]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def _messages(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_parts_out_of_order_with_a_copy_and_a_gap(tmp_path: Path) -> None:
    first = _user_data_lines(LONG, "+46700000001", T0, reference=7)
    second = _user_data_lines("Ваш код подтверждения 482913 " * 4, "+46700000002", T0 + 1)
    assert (len(first), len(second)) == (3, 2)
    lines = [first[2], second[1], first[0], first[0], first[1]]  # second's part 1 never comes
    done = _run(str(_write(tmp_path / "parts.jsonl", lines)))
    assert (done.returncode, done.stderr) == (
        0,
        "parts              5\n"
        "bad lines          0\n"
        "messages           2\n"
        "complete           1\n"
        "partial            1\n"
        "duplicates         1\n"
        "conflicts          0\n",
    )
    complete, partial = _messages(done.stdout)
    assert (complete["text"], complete["complete"], complete["duplicates"]) == (LONG, True, 1)
    assert [p["received_at"] for p in complete["parts"]] == [T0, T0 + 1, T0 + 2]
    second_part = smsenc.decode(bytes.fromhex(second[1]["user_data"]), dcs=8, udhi=True)
    assert (partial["sender"], partial["complete"], partial["status"]) == (
        "+46700000002",
        False,
        "flushed",
    )
    assert (partial["missing"], partial["text"]) == ([1], "[...]" + second_part.text)


def test_tpdus_sar_parts_and_stdin(tmp_path: Path) -> None:
    moment = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
    pdus = smsenc.pdu.deliver(LONG, "+46708251358", timestamp=moment, reference=3)
    sar = smsenc.encode("SAR parts from an SMPP client " * 8, packed=False, reference_bits=16)
    lines: list[dict[str, Any]] = [
        {"pdu": pdu.hex(), "received_at": moment.isoformat()} for pdu in reversed(pdus)
    ]
    lines += [
        {
            "sender": "ACME",
            "user_data": part.payload.hex(),
            "packed": False,
            "sar": {"reference": 513, "total": len(sar.parts), "sequence": n},
            "received_at": T0,
        }
        for n, part in enumerate(sar.parts, start=1)
    ]
    done = _run("-", "--json", stdin="".join(json.dumps(line) + "\n" for line in lines))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr) == {
        "parts": len(lines),
        "bad_lines": 0,
        "messages": 2,
        "complete": 2,
        "partial": 0,
        "duplicates": 0,
        "conflicts": 0,
    }
    from_modem, from_smpp = _messages(done.stdout)
    assert (from_modem["sender"], from_modem["text"], from_modem["reference"]) == (
        "+46708251358",
        LONG,
        3,
    )
    assert from_modem["parts"][0]["received_at"] == moment.timestamp()
    assert (from_smpp["text"], from_smpp["scheme"], from_smpp["reference"]) == (
        "SAR parts from an SMPP client " * 8,
        "sar",
        513,
    )


def test_an_escape_a_sar_sender_left_at_the_end_of_a_part_is_rejoined(tmp_path: Path) -> None:
    text = "a" * 152 + "€" + "b" * 10
    septets = smsenc.segment(text).septets
    assert septets is not None
    lines = [
        {
            "sender": "ACME",
            "user_data": chunk.hex(),
            "packed": False,
            "sar": {"reference": 9, "total": 2, "sequence": n},
            "received_at": T0,
        }
        for n, chunk in ((2, septets[153:]), (1, septets[:153]))
    ]
    assert septets[152:153] == b"\x1b"
    done = _run(str(_write(tmp_path / "parts.jsonl", lines)))
    assert done.returncode == 0, done.stderr
    (message,) = _messages(done.stdout)
    assert message["text"] == text


def test_bad_lines_are_reported_with_their_number_and_the_rest_still_joins(
    tmp_path: Path,
) -> None:
    good = _user_data_lines(LONG, "+1", T0)
    lines = [
        good[0],
        "not json",
        {"sender": "+1", "user_data": "050003", "udhi": True},  # UDHL past the end
        {"sender": "+1", "user_data": "41", "packed": False, "received_at": T0,
         "sar": {"reference": 1, "total": 2, "sequence": 0}},
        {"sender": "+1", "user_data": "zz"},
        {"user_data": "41", "packed": False},
        {**good[1], "udh": "00"},
        "",
        [1, 2],
        good[1],
        good[2],
    ]  # fmt: skip
    done = _run(str(_write(tmp_path / "parts.jsonl", lines)))
    name = tmp_path / "parts.jsonl"
    assert done.returncode == 1
    assert done.stderr.splitlines()[:7] == [
        f"smsenc: {name}: line 2: not JSON: Expecting value (column 1)",
        f"smsenc: {name}: line 3: UDHL 5 runs past the end of 3 octets of user data (at octet 0)",
        f"smsenc: {name}: line 4: part's concatenation sequence must be 1..2 (its total), got 0",
        f"smsenc: {name}: line 5: user_data is not hex: 'zz'",
        f"smsenc: {name}: line 6: no sender",
        f"smsenc: {name}: line 7: unknown field 'udh'; a line takes dcs, packed, pdu, "
        "received_at, sar, sender, tpdu, udhi, udl, user_data",
        f"smsenc: {name}: line 9: a line must be a JSON object, not list",
    ]
    assert "Traceback" not in done.stderr
    assert "bad lines          7" in done.stderr and "complete           1" in done.stderr
    (message,) = _messages(done.stdout)
    assert message["text"] == LONG


def test_the_file_clock_expires_messages_with_the_placeholder_asked(tmp_path: Path) -> None:
    parts = _user_data_lines(LONG, "+1", T0)
    late = {**parts[2], "received_at": T0 + 4000}
    other = _user_data_lines("x" * 200, "+2", T0 + 3999, reference=1)[0]
    lines = [parts[0], parts[1], other, late]
    done = _run(str(_write(tmp_path / "p.jsonl", lines)), "--placeholder", "<gap>", "--json")
    expired, *rest = _messages(done.stdout)
    assert (expired["status"], expired["missing"]) == ("expired", [3])
    assert expired["text"].endswith("<gap>")
    assert [(m["status"], m["missing"]) for m in rest] == [("flushed", [2]), ("flushed", [1, 2])]
    assert json.loads(done.stderr)["partial"] == 3


def test_output_file_and_pending_bound(tmp_path: Path) -> None:
    lines = [_user_data_lines(f"message {n} " * 30, "+1", T0 + n, reference=n)[0] for n in range(4)]
    out = tmp_path / "messages.jsonl"
    done = _run(str(_write(tmp_path / "p.jsonl", lines)), "--max-pending", "2", "-o", str(out))
    assert (done.returncode, done.stdout) == (0, "")
    assert [(m["reference"], m["status"]) for m in _messages(out.read_text("utf-8"))] == [
        (0, "evicted"),
        (1, "evicted"),
        (2, "flushed"),
        (3, "flushed"),
    ]


def test_a_missing_file_or_a_bad_option_exits_2_with_one_line(tmp_path: Path) -> None:
    done = _run(str(tmp_path / "nothing.jsonl"))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"smsenc: {tmp_path / 'nothing.jsonl'}: No such file or directory\n"
    done = _run(str(tmp_path / "nothing.jsonl"), "--timeout", "0")
    assert done.returncode == 2 and "--timeout: must be a number of seconds above 0" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_lone_surrogate_left_by_a_missing_part_is_written_escaped(tmp_path: Path) -> None:
    text = "x" * 66 + "😀" + "y" * 80
    data = text.encode("utf-16-be")
    first = bytes((5, 0, 3, 4, 3, 1)) + data[:134]
    done = _run(
        "-",
        stdin=json.dumps(
            {"sender": "+1", "user_data": first.hex(), "dcs": 8, "udhi": True, "received_at": T0}
        ),
    )
    assert done.returncode == 0, done.stderr
    (message,) = _messages(done.stdout)
    assert message["text"] == "x" * 66 + "\ud83d[...][...]"
    assert "\\ud83d" in done.stdout


def test_the_readme_example_prints_what_readme_shows(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("$ cat parts.jsonl\n", 1)[1].split("```", 1)[0]
    lines, shown = example.split("$ smsenc reassemble parts.jsonl\n")
    done = _run(str(_write(tmp_path / "parts.jsonl", lines.splitlines())))
    assert done.returncode == 0
    assert done.stdout + done.stderr == shown
