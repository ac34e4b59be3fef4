"""``smsenc count`` on real files: every row's numbers are segment()'s, bad rows are
reported with their number and counted, and the summary adds up."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import smsenc
from smsenc.cli import main

from .strategies import any_text


def numbers(text: str, *args: Any, **options: Any) -> list[Any]:
    """What an output row holds for ``text``: segment()'s four numbers, no error."""
    r = smsenc.segment(text, *args, **options)
    return [r.encoding, r.message_count, r.characters_remaining, r.units]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Any, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, (json.loads(out) if "--json" in argv and out else out), err


CSV_BYTES = (
    b"id,name,code,text\r\n"
    b'1,Anna,0042,"Hello ""Anna"",\r\nsee you at 5"\r\n'  # quotes and a CRLF inside the field
    b"2,Bob,7,\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82\r\n"  # Привет
    b"3,Cy,8,caf\xe9\r\n"  # Latin-1 é: invalid UTF-8
    b"4,Dee\r\n"  # no text column
    b"5,Eve,9,a \xe2\x80\x9cquote\xe2\x80\x9d\r\n"  # a “quote”
    b"6,Fay,1,x,extra\r\n"  # one field too many
    b'7,Gus,2,"line one\nline two"\n'
)
CSV_TEXTS = {
    "1": 'Hello "Anna",\r\nsee you at 5',
    "2": "Привет",
    "5": "a “quote”",
    "7": "line one\nline two",
}


def test_csv_rows_are_segment_row_for_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "messages.csv"
    source.write_bytes(CSV_BYTES)
    out = tmp_path / "counts.csv"
    status, summary, err = run(["count", str(source), "-o", str(out), "--json"], capsys)
    assert status == 0
    rows = read_csv(out)
    assert [row["id"] for row in rows] == ["1", "2", "3", "4", "5", "6", "7"]
    for row in rows:
        if row["id"] in CSV_TEXTS:
            expected = numbers(CSV_TEXTS[row["id"]])
            got = [
                row["encoding"],
                int(row["message_count"]),
                int(row["characters_remaining"]),
                int(row["units"]),
            ]
            assert got == expected
            assert row["error"] == ""
    errors = {row["id"]: row["error"] for row in rows if row["error"]}
    assert errors == {
        "3": "invalid UTF-8: byte 0xE9 at character 3",
        "4": "no column 'text'",
        "6": "5 fields, the header names 4",
    }
    assert err.splitlines() == [
        f"smsenc: {source}: row 3: invalid UTF-8: byte 0xE9 at character 3",
        f"smsenc: {source}: row 4: no column 'text'",
        f"smsenc: {source}: row 6: 5 fields, the header names 4",
    ]
    assert summary["messages"] == 4 and summary["errors"] == 3
    assert summary["parts"] == 4
    assert summary["by_encoding"] == {
        "GSM7": {"messages": 2, "parts": 2},
        "UCS2": {"messages": 2, "parts": 2},
    }
    assert summary["parts_per_message"] == {"1": 4}
    # Each Cyrillic letter of Привет (one message), and each quote mark (one message).
    culprits = {
        c["character"]: (c["messages"], c["extra_parts"]) for c in summary["ucs2_characters"]
    }
    assert culprits == dict.fromkeys("Привет“”", (1, 0))


def test_template_renders_values_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.csv"
    source.write_bytes(CSV_BYTES)
    out = tmp_path / "o.jsonl"
    argv = ["count", str(source), "--template", "Hi {name}, code {code}", "-o", str(out), "--json"]
    status, summary, _ = run(argv, capsys)
    assert status == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {row["id"]: row for row in rows}
    # "0042" stays 0042: 20 characters, not 18 for "42".
    assert by_id["1"]["units"] == len("Hi Anna, code 0042") == 18
    assert by_id["1"]["characters_remaining"] == 160 - 18
    assert by_id["4"]["error"] == "no column 'code' for the template"
    assert summary["errors"] == 3  # rows 3, 4 and 6


def test_jsonl_numbers_booleans_nulls_and_surrogates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.jsonl"
    source.write_bytes(
        b'{"id": 1, "text": "hello", "amount": 42.50, "vip": true}\n'
        b"\n"  # blank lines are not rows
        b'{"id": 2, "text": null}\n'
        b'{"id": 3, "text": 17}\n'
        b'{"id": 4, "text": "\\ud83d"}\n'  # a lone surrogate, as JSON can write it
        b'{"id": 5, "text": "caf\xe9"}\n'
        b"[1, 2]\n"
        b'{"id": 7, "text": "\\ud83d\\ude00 ok"}\n'
    )
    out = tmp_path / "o.csv"
    status, summary, err = run(["count", str(source), "-o", str(out), "--json"], capsys)
    assert status == 0
    rows = {row["id"]: row for row in read_csv(out)}
    assert rows["1"]["units"] == "5"
    assert rows["2"]["error"] == "column 'text' is null"
    assert rows["3"]["error"] == "column 'text' holds 17, not text"
    assert [rows["4"][k] for k in ("encoding", "units")] == ["UCS2", "1"]
    assert [rows["7"][k] for k in ("encoding", "units")] == ["UCS2", "5"]
    assert len(err.splitlines()) == 4
    assert f"{source}: row 5: invalid UTF-8: byte 0xE9 at byte 22" in err
    assert f"{source}: row 6: a JSON list, not an object" in err
    assert summary["messages"] == 3 and summary["errors"] == 4
    status, _, _ = run(
        ["count", str(source), "-q", "--template", "{amount} {vip}", "-o", str(out)], capsys
    )
    assert read_csv(out)[0]["units"] == str(len("42.50 true"))


def test_parquet_in_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = ["hello", None, "Привет", "a" * 161, "€" * 81]
    source = tmp_path / "m.parquet"
    pq.write_table(pa.table({"id": [10, 11, 12, 13, 14], "text": texts}), source)
    out = tmp_path / "o.parquet"
    status, summary, err = run(
        ["count", str(source), "-o", str(out), "--json", "--chunk-size", "2"], capsys
    )
    assert status == 0
    table = pq.read_table(out)
    assert table.column_names == [
        "id",
        "encoding",
        "message_count",
        "characters_remaining",
        "units",
        "error",
    ]
    rows = table.to_pylist()
    assert [row["id"] for row in rows] == ["10", "11", "12", "13", "14"]
    for text, row in zip(texts, rows, strict=True):
        got = [row["encoding"], row["message_count"], row["characters_remaining"], row["units"]]
        if text is None:
            assert got == [None] * 4 and row["error"] == "column 'text' is null"
        else:
            assert got == numbers(text) and row["error"] is None
    assert err == f"smsenc: {source}: row 2: column 'text' is null\n"
    assert summary["parts"] == 1 + 1 + 2 + 2


def test_lines_each_line_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "m.txt"
    source.write_bytes(b"hello\r\n\nPrivet \xd0\xb6\nlast")
    out = tmp_path / "o.csv"
    status, _, _ = run(["count", str(source), "-o", str(out)], capsys)
    assert status == 0
    rows = read_csv(out)
    assert [row["row"] for row in rows] == ["1", "2", "3", "4"]
    assert [row["units"] for row in rows] == ["5", "0", "8", "4"]
    assert rows[2]["encoding"] == "UCS2"


def test_jobs_give_the_same_rows_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.jsonl"
    texts = [("Привет " * (i % 13)) + "a" * (i % 170) + "“" * (i % 3 == 0) for i in range(500)]
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    _, s1, _ = run(["count", str(source), "-o", str(one), "--json", "--chunk-size", "37"], capsys)
    _, s2, _ = run(
        ["count", str(source), "-o", str(two), "--json", "--chunk-size", "37", "-j", "2"], capsys
    )
    assert one.read_bytes() == two.read_bytes()
    assert s1 == s2
    rows = read_csv(one)
    assert [row["id"] for row in rows] == [str(i) for i in range(500)]
    assert all(
        [r["encoding"], int(r["message_count"]), int(r["characters_remaining"]), int(r["units"])]
        == numbers(t)
        for r, t in zip(rows, texts, strict=True)
    )


def test_culprits_count_the_parts_they_cost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.txt"
    # 100 septets fit one GSM part; with “ the text is UCS-2, 101 units: two parts.
    source.write_text("a" * 100 + "“\n" + "a" * 10 + "“\n", encoding="utf-8")
    status, summary, _ = run(["count", str(source), "--json", "--price-per-part", "0.0075"], capsys)
    assert status == 0
    assert summary["ucs2_characters"] == [
        {"character": "“", "code_point": "U+201C", "messages": 2, "extra_parts": 1}
    ]
    assert summary["cost"] == "0.0225"
    assert summary["by_encoding"]["UCS2"] == {"messages": 2, "parts": 3, "cost": "0.0225"}


def test_a_repeated_text_counts_each_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A campaign log sends one text to many: every row counts, with the same culprits.
    source = tmp_path / "m.txt"
    source.write_text(("a" * 100 + "“\n") * 3 + "a" * 10 + "“\n", encoding="utf-8")
    status, summary, _ = run(["count", str(source), "--json", "--chunk-size", "2"], capsys)
    assert status == 0
    assert summary["ucs2_characters"] == [
        {"character": "“", "code_point": "U+201C", "messages": 4, "extra_parts": 3}
    ]
    assert summary["by_encoding"]["UCS2"] == {"messages": 4, "parts": 7}


# Six messages (reference 8 bits: a UCS-2 part holds 70 units alone, 67 concatenated; a
# GSM one 160 septets alone, 153 concatenated; TS 23.040 §9.2.3.24.1), with what each
# costs over the same text with its UCS-2-forcing characters made GSM (one septet each):
BY_SCRIPT_MESSAGES = [
    "ж" + "a" * 69,  # 70 units: 1 part; 70 septets: 1. Extra 0. Cyrillic
    "жз" + "a" * 69,  # 71 units: 2 parts; 71 septets: 1. Extra 1. Cyrillic (once)
    "“" + "a" * 100 + "”",  # 102 units: 2 parts; 102 septets: 1. Extra 1. Common
    "ж" + "a" * 140 + "😀",  # 143 units (😀 is 2): 3 parts; 142 septets: 1. Extra 2. Both
    "plain",  # GSM
    "λ" + "a" * 10,  # 11 units: 1 part. Extra 0. Greek
]
# Per script: the messages holding one of its characters, each once, and their extras.
BY_SCRIPT = [
    {"script": "Cyrillic", "messages": 3, "extra_parts": 0 + 1 + 2, "distinct": 2,
     "characters": "жз"},  # ж is in 3 messages, з in 1: most messages first
    {"script": "Common", "messages": 2, "extra_parts": 1 + 2, "distinct": 3,
     "characters": "“”😀"},  # one message each: in code point order
    {"script": "Greek", "messages": 1, "extra_parts": 0, "distinct": 1, "characters": "λ"},
]  # fmt: skip


@pytest.mark.parametrize(
    "extra",
    [
        [],
        ["--chunk-size", "2", "--jobs", "2"],  # added over chunks and worker processes
        ["--language", "AUTODETECT"],  # no national table holds these: the same culprits
    ],
)
def test_by_script_a_row_per_script_each_message_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    source = tmp_path / "m.txt"
    source.write_text("\n".join(BY_SCRIPT_MESSAGES) + "\n", encoding="utf-8")
    status, summary, _ = run(["count", str(source), "--json", "--by-script", *extra], capsys)
    assert status == 0
    assert summary["parts"] == 1 + 2 + 2 + 3 + 1 + 1
    assert summary["ucs2_scripts"] == BY_SCRIPT
    # The table per character stays, beside it, with ж's row adding the same messages.
    assert summary["ucs2_characters"][0] == {
        "character": "ж", "code_point": "U+0436", "messages": 3, "extra_parts": 3
    }  # fmt: skip
    status, summary, _ = run(["count", str(source), "--json", *extra], capsys)
    assert "ucs2_scripts" not in summary


def test_by_script_under_transliteration_reads_the_text_as_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # CYRILLIC makes ж "zh" and з "z": GSM. Message 4 goes out as "zh" + 140 a + 😀, 144
    # units (3 parts) or 143 septets with 😀 made GSM (1 part): extra 2.
    source = tmp_path / "m.txt"
    source.write_text("\n".join(BY_SCRIPT_MESSAGES) + "\n", encoding="utf-8")
    argv = ["count", str(source), "--json", "--by-script", "-t", "CYRILLIC"]
    status, summary, _ = run(argv, capsys)
    assert status == 0
    assert summary["ucs2_scripts"] == BY_SCRIPT[1:]


BY_SCRIPT_TABLE = """\
forced UCS-2 by script   messages   extra parts   distinct
Cyrillic                        3             3          2  ж з
Common                          2             3          3  “ ” 😀
Greek                           1             0          1  λ
"""


def test_by_script_text_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "m.txt"
    source.write_text("\n".join(BY_SCRIPT_MESSAGES) + "\n", encoding="utf-8")
    status, printed, _ = run(["count", str(source), "--by-script"], capsys)
    assert status == 0
    assert printed.endswith("\n\n" + BY_SCRIPT_TABLE)
    assert "U+0436" not in printed  # the rows per character give way to the scripts'
    # Many characters of a script: the first eight named (most messages first, then in
    # code point order), the rest counted; an invisible one by its code point.
    source.write_text("абвгдежзий\u00a0\n", encoding="utf-8")
    status, printed, _ = run(["count", str(source), "--by-script"], capsys)
    assert printed.endswith(
        "Common                          1             0          1  U+00A0\n"
        "Cyrillic                        1             0         10  а б в г д е ж з and 2 more\n"
    )  # as many messages: by name


def test_too_many_parts_is_a_row_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "m.txt"
    source.write_text("ok\n" + "a" * (153 * 256) + "\nok\n", encoding="utf-8")
    status, summary, err = run(["count", str(source), "--json"], capsys)
    assert status == 0
    assert summary["messages"] == 2 and summary["errors"] == 1
    assert f"{source}: row 2: " in err and "255" in err


def test_strict_stops_at_the_first_bad_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.csv"
    source.write_bytes(CSV_BYTES)
    out = tmp_path / "o.csv"
    status, printed, err = run(["count", str(source), "--strict", "-o", str(out)], capsys)
    assert status == 1
    assert printed == ""
    assert err == f"smsenc: {source}: row 3: invalid UTF-8: byte 0xE9 at character 3\n"
    assert [row["id"] for row in read_csv(out)] == ["1", "2", "3"]


def test_usage_errors_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.csv"
    source.write_bytes(CSV_BYTES)
    cases = {
        ("--column", "body"): f"smsenc: {source}: no column 'body'; it has id, name, code, text\n",
        ("--template", "Hi {}"): "smsenc: --template 'Hi {}': name the column, as in {name}\n",
        ("--language", "XX"): None,
    }
    for extra, message in cases.items():
        status, _, err = run(["count", str(source), *extra], capsys)
        assert status == 2
        assert err.count("\n") == 1 and err.startswith("smsenc: ")
        if message is not None:
            assert err == message
    status, _, err = run(["count", str(tmp_path / "none.csv")], capsys)
    assert (status, err) == (2, f"smsenc: {tmp_path / 'none.csv'}: No such file or directory\n")
    status, _, err = run(["count", str(tmp_path / "m.xlsx")], capsys)
    assert status == 2 and "--format" in err


SUMMARY_TABLE = """\
messages             2
errors               0
parts                3

encoding      messages         parts          cost
GSM7                 1             2          0.02
UCS2                 1             1          0.01
total                2             3          0.03

parts per message      messages
                1             1
                2             1

forced UCS-2       messages   extra parts
ж U+0436                  1             0
"""


def test_subprocess_prints_the_summary_table(tmp_path: Path) -> None:
    source = tmp_path / "m.txt"
    source.write_text("a" * 161 + "\nж\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "smsenc", "count", str(source), "--price-per-part", "0.01"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")  # no progress bar when not a terminal
    assert done.stdout == SUMMARY_TABLE


def on_a_terminal(
    argv: list[str], stdin: bytes | None = None, cwd: Path | None = None
) -> tuple[int, bytes, bytes]:
    """Run ``smsenc`` with stderr on a pseudo-terminal of 80 columns, as in a shell, and
    without tqdm (a base install has none): its status, stdout and what was drawn."""
    import fcntl
    import pty
    import struct
    import termios

    program = "import sys; sys.modules['tqdm'] = None; from smsenc.cli import main; "
    program += "sys.exit(main(sys.argv[1:]))"
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        done = subprocess.run(
            [sys.executable, "-c", program, *argv],
            input=stdin,
            stdout=subprocess.PIPE,
            stderr=follower,
            check=False,
            timeout=60,
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: everything was read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    return done.returncode, done.stdout, drawn


def test_a_terminal_gets_a_progress_bar_out_of_the_box(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text("hello\n" * 3000, encoding="utf-8")  # 18,000 bytes
    status, out, drawn = on_a_terminal(["count", "m.txt"], cwd=tmp_path)
    assert status == 0 and b"messages         3,000" in out
    lines = drawn.split(b"\r")
    name = b"m.txt"
    start = next(line for line in lines if line.startswith(name + b" |"))
    assert b"   0% 0.0/18.0 kB " in start
    end = next(line for line in lines if b"100%" in line)
    assert end.startswith(name + b" |" + b"#" * 20) and b" 100% 18.0/18.0 kB " in end
    assert all(len(line.rstrip()) < 80 for line in lines)
    assert drawn.endswith(b"\r")  # and the line is left empty: nothing stays behind
    assert lines[-2].strip() == b""
    assert b"smsenc:" not in drawn  # no row errors


def test_quiet_draws_nothing(tmp_path: Path) -> None:
    source = tmp_path / "m.txt"
    source.write_text("hello\n" * 3000, encoding="utf-8")
    status, out, drawn = on_a_terminal(["count", str(source), "-q"])
    assert (status, drawn) == (0, b"")
    assert b"messages         3,000" in out


def test_a_pipe_shows_how_much_was_read_and_row_errors_go_above_the_bar() -> None:
    status, out, drawn = on_a_terminal(
        ["count", "-", "--format", "lines"], stdin=b"hello\n" * 3000 + b"caf\xe9\n"
    )
    assert status == 0 and b"errors               1" in out
    assert b"<stdin> 18.0 kB " in drawn  # no size to read against: no percentage
    # On its own line (the terminal turns \n into \r\n), the bar drawn again below it.
    error = b"\rsmsenc: <stdin>: row 3001: invalid UTF-8: byte 0xE9 at byte 3\r\n\r<stdin> "
    assert drawn.count(error) == 1


def test_parquet_without_pyarrow_is_one_line_and_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "m.parquet"
    pq.write_table(pa.table({"text": ["hi"]}), source)
    csv_source = tmp_path / "m.csv"
    csv_source.write_text("text\nhi\n", encoding="utf-8")
    program = (
        "import sys; sys.modules['pyarrow'] = None; from smsenc.cli import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "count", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        2,
        "smsenc: Parquet needs pyarrow: pip install 'smsenc[arrow]'\n",
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "count", str(csv_source), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and json.loads(done.stdout)["messages"] == 1


def test_plot_writes_a_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "m.txt"
    source.write_text("a\n" + "ж" * 71 + "\n", encoding="utf-8")
    picture = tmp_path / "parts.png"
    status, _, _ = run(["count", str(source), "--plot", str(picture), "-q"], capsys)
    assert status == 0
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_several_files_add_a_file_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.jsonl"
    first.write_text("one\n", encoding="utf-8")
    second.write_text('{"text": "two"}\n', encoding="utf-8")
    out = tmp_path / "o.csv"
    status, summary, _ = run(["count", str(first), str(second), "-o", str(out), "--json"], capsys)
    assert status == 0 and summary["messages"] == 2
    assert [(r["file"], r["row"], r["units"]) for r in read_csv(out)] == [
        (str(first), "1", "3"),
        (str(second), "1", "3"),
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(any_text, min_size=1, max_size=8))
def test_any_text_through_jsonl_counts_as_segment(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("jsonl")
    source, out = folder / "m.jsonl", folder / "o.jsonl"
    # json.dumps escapes what UTF-8 cannot carry (lone surrogates), and they come back.
    source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    assert main(["count", str(source), "-q", "-o", str(out), "--json"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for text, row in zip(texts, rows, strict=True):
        if len(text) > 150 * 255:
            continue
        assert [
            row["encoding"],
            row["message_count"],
            row["characters_remaining"],
            row["units"],
        ] == numbers(text)


def _write_campaign_log(path: Path, rows: int) -> int:
    """A CSV of ``rows`` distinct messages, one in four Cyrillic; returns its text bytes."""
    size = 0
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "text"])
        for i in range(rows):
            if i % 4 == 3:
                text = f"Заказ {i} готов к выдаче, пункт {i % 97}. " * 3
            else:
                text = f"Order {i}: your parcel is at pickup point {i % 97}, code {i * 7919}. " * 2
            writer.writerow([i, text])
            size += len(text.encode("utf-8"))
    return size


def _peak_kib(argv: list[str]) -> int:
    """The peak resident memory (KiB) of ``smsenc`` run with ``argv``.

    That is the largest peak of its process and its workers, read by a fresh
    interpreter that runs nothing else, so the test's own memory does not count."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "smsenc", *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


CHUNK = "1000"  # rows per chunk, far fewer than either file holds


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_memory_stays_flat_as_the_file_grows(tmp_path: Path, jobs: str) -> None:
    # A message log is counted in chunks and its rows written as they come: ten times
    # the rows must not take memory in proportion.  Holding the extra rows' texts alone
    # would take more than the bound (they are ~6 MB of UTF-8, more as Python strs).
    peaks, text_bytes = {}, {}
    for rows in (5_000, 50_000):
        source, out = tmp_path / f"log{rows}.csv", tmp_path / f"out{rows}.csv"
        text_bytes[rows] = _write_campaign_log(source, rows)
        argv = ["count", str(source), "-o", str(out), "-q", "--chunk-size", CHUNK, "-j", jobs]
        peaks[rows] = _peak_kib(argv)
        assert len(read_csv(out)) == rows
    assert (text_bytes[50_000] - text_bytes[5_000]) / 1024 > 5_000
    assert peaks[50_000] - peaks[5_000] < 4 * 1024, peaks


# --- the culprit table, held to its definition -----------------------------------------


Defined = tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int, set[str]]]]
"""Per character its (messages, extra parts); per script its (messages, extra parts,
characters)."""


def defined_culprits(texts: list[str], options: dict[str, Any]) -> Defined:
    """The summary's culprits by their definition, one segment() and two counts a text:
    per UCS-2 message the characters segment() says forced it, and its parts minus those
    of the text with each of them made ``?`` (the way smsenc count worked them out before
    it kept the per-message work to C-level passes); per script of those characters, as
    segment() groups them, the same message once and the same extra parts."""
    relaxed = {**options, "max_parts": None}
    found: dict[str, tuple[int, int]] = {}
    scripts: dict[str, tuple[int, int, set[str]]] = {}
    for text in texts:
        try:
            counted = smsenc.count(text, **options)
        except ValueError:
            continue
        if counted.encoding != "UCS2":
            continue
        segmentation = smsenc.segment(text, **relaxed)
        chars = [use.char for use in segmentation.non_gsm]
        gsm_like = text.translate({ord(char): "?" for char in chars})
        extra = max(counted.message_count - smsenc.count(gsm_like, **relaxed).message_count, 0)
        for char in chars:
            messages, parts = found.get(char, (0, 0))
            found[char] = messages + 1, parts + extra
        for group in segmentation.non_gsm_by_script:
            messages, parts, members = scripts.get(group.script, (0, 0, set()))
            scripts[group.script] = messages + 1, parts + extra, members | set(group.chars)
    return found, scripts


def analysed(texts: list[str], options: dict[str, Any], tables: Any = None) -> Defined:
    from smsenc.bulk import culprits

    counts = [smsenc.count(text, **options) for text in texts]
    if tables is None:
        found = culprits.analyse(texts, counts, options, by_script=True)
        assert culprits.analyse(texts, counts, options).scripts == {}  # only when asked
    else:
        ucs2 = [(t, c.message_count) for t, c in zip(texts, counts, strict=True)]
        ucs2 = [u for u in ucs2 if smsenc.count(u[0]).encoding == "UCS2"]
        found = tables.analyse(ucs2, 8, by_script=True)
    return (
        {char: (c.messages, c.extra_parts) for char, c in found.characters.items()},
        {name: (c.messages, c.extra_parts, c.characters) for name, c in found.scripts.items()},
    )


# Pieces that put escape pairs (€ [ ~), characters forcing UCS-2 (ж “ ç, an emoji, a lone
# surrogate, ESC itself) and plain runs next to every part boundary as texts grow.
PIECES = ["a", "ab" * 20, "x" * 75, "x" * 151, "€", "[", "~", "ж", "“", "ç", "😀", "\ud83d", "\x1b"]
piece_texts = st.lists(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join), min_size=1, max_size=12
)


@settings(max_examples=150, deadline=None)
@given(texts=piece_texts, bits=st.sampled_from([8, 16]))
# € would straddle septets 153 and 154: it moves whole, and the GSM version needs 3 parts.
@example(texts=["ж" + "a" * 151 + "€" + "a" * 152], bits=8)
@example(texts=["ж" + "a" * 150 + "€" + "a" * 152], bits=16)
def test_culprits_under_default_tables_are_their_definition(texts: list[str], bits: int) -> None:
    from smsenc.bulk.culprits import DefaultTables

    options = {"reference_bits": bits}
    expected = defined_culprits(texts, options)
    assert analysed(texts, options) == expected
    if bits == 8:  # each way of finding them, from a fresh start
        assert analysed(texts, options, DefaultTables(few=0)) == expected
        assert analysed(texts, options, DefaultTables(few=10**6)) == expected


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(any_text, min_size=1, max_size=6))
def test_culprits_of_any_text_are_their_definition(texts: list[str]) -> None:
    assert analysed(texts, {}) == defined_culprits(texts, {})


@settings(max_examples=30, deadline=None)
@given(
    texts=st.lists(
        st.one_of(piece_texts.map("".join), st.sampled_from(["Kadıköy á ж", "ış"])),
        min_size=1,
        max_size=6,
    ),
    options=st.sampled_from(
        [
            {"language_code": ["TR", "ES"]},
            {"language_code": "AUTODETECT"},
            {"transliteration": "CYRILLIC"},
        ]
    ),
)
def test_culprits_under_other_options_are_their_definition(
    texts: list[str], options: dict[str, Any]
) -> None:
    assert analysed(texts, options) == defined_culprits(texts, options)


# --- standard input, delimiters, empty files -------------------------------------------


def smsenc_count(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """``smsenc count`` as a shell runs it, with ``stdin`` piped in."""
    return subprocess.run(
        [sys.executable, "-m", "smsenc", "count", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("format", "data"),
    [
        ("csv", b'id,text\n1,hi\n2,"a, b"\n3,\xd0\xb6\n'),
        ("tsv", b"id\ttext\n1\thi\n2\ta, b\n3\t\xd0\xb6\n"),
        (
            "jsonl",
            b'{"id": 1, "text": "hi"}\n{"id": 2, "text": "a, b"}\n{"id": 3, "text": "\\u0436"}\n',
        ),
        ("lines", b"hi\na, b\n\xd0\xb6\n"),
    ],
)
def test_standard_input_is_read_in_the_format_given(
    format: str, data: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "rows.csv"
    done = smsenc_count("-", "--format", format, "-o", str(out), "--json", stdin=data)
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout)["by_encoding"] == {
        "GSM7": {"messages": 2, "parts": 2},
        "UCS2": {"messages": 1, "parts": 1},
    }
    key = "row" if format == "lines" else "id"
    assert [(r[key], r["units"]) for r in read_csv(out)] == [("1", "2"), ("2", "4"), ("3", "1")]


def test_parquet_on_standard_input(tmp_path: Path) -> None:
    source = tmp_path / "m.parquet"
    pq.write_table(pa.table({"text": ["hi", "ж" * 71]}), source)
    done = smsenc_count("-", "--format", "parquet", "--json", stdin=source.read_bytes())
    assert (done.returncode, json.loads(done.stdout)["parts"]) == (0, 1 + 2)


def test_standard_input_needs_a_format_and_is_read_once() -> None:
    done = smsenc_count("-", stdin=b"text\nhi\n")
    assert (done.returncode, done.stderr) == (
        2,
        b"smsenc: reading standard input (-) needs --format: csv, tsv, jsonl, parquet or lines\n",
    )
    done = smsenc_count("-", "-", "--format", "csv", stdin=b"text\nhi\n")
    assert (done.returncode, done.stderr) == (
        2,
        b"smsenc: standard input (-) can be read only once\n",
    )


def test_a_bad_row_on_standard_input_is_named_so() -> None:
    done = smsenc_count("-", "--format", "lines", stdin=b"ok\ncaf\xe9\n")
    assert done.returncode == 0
    assert done.stderr == b"smsenc: <stdin>: row 2: invalid UTF-8: byte 0xE9 at byte 3\n"


@pytest.mark.parametrize("delimiter", [";", "\t", "\\t", "tab", ":"])
def test_delimiter_splits_csv_fields(
    delimiter: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    separator = {"\\t": "\t", "tab": "\t"}.get(delimiter, delimiter)
    source = tmp_path / "m.csv"
    # The commas are text, not separators: a message of 3 characters, and x;y"z,1 of 7.
    source.write_text(
        f'id{separator}text\n7{separator}a,b\n8{separator}"x{separator}y""z,1"\n', encoding="utf-8"
    )
    out = tmp_path / "o.csv"
    status, summary, err = run(
        ["count", str(source), "--delimiter", delimiter, "-o", str(out), "--json"], capsys
    )
    assert (status, err) == (0, "")
    assert [(r["id"], r["units"]) for r in read_csv(out)] == [("7", "3"), ("8", "7")]
    assert summary["messages"] == 2


def test_tsv_is_recognised_by_its_extension_and_written_as_tsv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "m.tsv", tmp_path / "o.tsv"
    source.write_text("id\ttext\n1\tHi, Anna\n", encoding="utf-8")
    status, summary, _ = run(["count", str(source), "-o", str(out), "--json"], capsys)
    assert (status, summary["messages"]) == (0, 1)
    assert out.read_text(encoding="utf-8").splitlines() == [
        "id\tencoding\tmessage_count\tcharacters_remaining\tunits\terror",
        "1\tGSM7\t1\t152\t8\t",
    ]


@pytest.mark.parametrize("delimiter", [";;", '"', "\n"])
def test_a_bad_delimiter_exits_2(
    delimiter: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = (
        "must be one character other than a quote or a line break (\\t or tab for a tab), "
        f"got {delimiter!r}"
    )
    source = tmp_path / "m.csv"
    source.write_text("text\nhi\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit:
        main(["count", str(source), "--delimiter", delimiter])
    assert exit.value.code == 2
    assert capsys.readouterr().err.endswith(f"error: argument --delimiter/-d: {message}\n")


def test_delimiter_on_json_lines_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.jsonl"
    source.write_text('{"text": "hi"}\n', encoding="utf-8")
    status, _, err = run(["count", str(source), "-d", ";"], capsys)
    assert (status, err) == (
        2,
        f"smsenc: --delimiter is for CSV and TSV input; {source} is read as jsonl\n",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "{} is empty: a CSV file starts with a header row naming its columns"),
        (
            b"\nid,text\n",
            "{}: the first line is blank: a CSV file starts with a header row naming its columns",
        ),
    ],
)
def test_an_empty_csv_file_is_a_clear_message(
    data: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.csv"
    source.write_bytes(data)
    status, _, err = run(["count", str(source)], capsys)
    assert (status, err) == (2, f"smsenc: {message.format(source)}\n")


@pytest.mark.parametrize("name", ["m.jsonl", "m.txt"])
def test_an_empty_jsonl_or_lines_file_counts_nothing(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / name
    source.write_bytes(b"")
    status, summary, err = run(["count", str(source), "--json"], capsys)
    assert (status, err) == (0, "")
    assert (summary["messages"], summary["errors"], summary["parts"]) == (0, 0, 0)


# --- what the output rows carry ---------------------------------------------------------


def test_rows_say_which_tables_were_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = ["Kadıköy á", "Kadıköy", "plain", "Привет"]
    source = tmp_path / "m.txt"
    source.write_text("\n".join(texts) + "\n", encoding="utf-8")
    for jobs in ("1", "2"):
        out = tmp_path / f"o{jobs}.csv"
        status, _, _ = run(
            ["count", str(source), "-l", "TR,ES", "-o", str(out), "-j", jobs], capsys
        )
        assert status == 0
        rows = read_csv(out)
        assert list(rows[0]) == [
            "row",
            "encoding",
            "message_count",
            "characters_remaining",
            "units",
            "locking_shift",
            "single_shift",
            "error",
        ]
        for text, row in zip(texts, rows, strict=True):
            expected = smsenc.segment(text, ["TR", "ES"])
            codes = [t.code if t else "" for t in (expected.locking_shift, expected.single_shift)]
            assert [row["encoding"], row["locking_shift"], row["single_shift"]] == [
                expected.encoding,
                *codes,
            ]
        assert [(r["locking_shift"], r["single_shift"]) for r in rows] == [
            ("TR", "ES"),
            ("TR", ""),
            ("", ""),
            ("", ""),
        ]


def test_rows_carry_the_text_as_sent_when_transliterated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.jsonl"
    source.write_text(
        '{"id": 1, "text": "Привет, Анна"}\n{"id": 2, "text": null}\n', encoding="utf-8"
    )
    out = tmp_path / "o.parquet"
    status, _, _ = run(["count", str(source), "-t", "CYRILLIC", "-o", str(out), "-q"], capsys)
    assert status == 0
    rows = pq.read_table(out).to_pylist()
    sent = smsenc.segment("Привет, Анна", transliteration="CYRILLIC")
    assert rows[0]["sent_text"] == sent.text == "Privet, Anna"
    assert [rows[0]["encoding"], rows[0]["units"]] == ["GSM7", len("Privet, Anna")]
    assert (rows[1]["sent_text"], rows[1]["error"]) == (None, "column 'text' is null")
    assert "locking_shift" not in rows[0]  # no --language: nothing to say about tables


def test_without_language_or_transliteration_no_decision_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "m.txt", tmp_path / "o.csv"
    source.write_text("hi\n", encoding="utf-8")
    assert run(["count", str(source), "-o", str(out)], capsys)[0] == 0
    assert list(read_csv(out)[0]) == [
        "row",
        "encoding",
        "message_count",
        "characters_remaining",
        "units",
        "error",
    ]


def test_a_json_lines_id_keeps_its_json_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "m.jsonl", tmp_path / "o.jsonl"
    source.write_text(
        '{"id": 7, "text": "a"}\n{"id": "7", "text": "b"}\n'
        '{"id": 12345678901234567890, "text": "c"}\n{"id": 9.50, "text": "d"}\n'
        '{"id": true, "text": "e"}\n{"id": null, "text": "f"}\n'
        '{"id": [1, {"n": 2.0}], "text": "g"}\n{"text": "h"}\n',
        encoding="utf-8",
    )
    assert run(["count", str(source), "-o", str(out), "--key", "id"], capsys)[0] == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    # Written as the input wrote them: 9.50 stays 9.50, the long integer stays exact.
    assert [line.split(", ")[0] for line in lines] == [
        '{"id": 7',
        '{"id": "7"',
        '{"id": 12345678901234567890',
        '{"id": 9.50',
        '{"id": true',
        '{"id": null',
        '{"id": [1',
        '{"id": null',
    ]
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == [7, "7", 12345678901234567890, 9.5, True, None, [1, {"n": 2.0}], None]
    assert '"id": [1, {"n": 2.0}]' in lines[6]
    assert [type(i) for i in ids[:5]] == [int, str, int, float, bool]


def test_output_format_errors_name_the_output_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "m.txt"
    source.write_text("hi\n", encoding="utf-8")
    for name in ("out.xlsx", "out.txt"):
        status, _, err = run(["count", str(source), "-o", str(tmp_path / name)], capsys)
        extension = name[name.index(".") :]
        assert (status, err) == (
            2,
            f"smsenc: cannot tell the format of --output {str(tmp_path / name)!r} from its "
            f"extension {extension!r}: name it .csv, .tsv, .jsonl or .parquet, or pass "
            "--output-format\n",
        )
    assert not (tmp_path / "out.xlsx").exists()
    status, _, _ = run(
        ["count", str(source), "-o", str(tmp_path / "o.txt"), "--output-format", "jsonl"], capsys
    )
    assert status == 0 and json.loads((tmp_path / "o.txt").read_text())["units"] == 2


def test_plot_has_a_bar_for_every_part_count_empty_ones_included(tmp_path: Path) -> None:
    from collections import Counter

    from smsenc.bulk.plot import figure
    from smsenc.bulk.summary import Summary

    summary = Summary()
    # 1 and 4 parts in GSM7, 2 in UCS2: nothing needs 3 parts.
    summary.add(Counter({("GSM7", 1): 5, ("GSM7", 4): 1, ("UCS2", 2): 2}))
    chart = figure(summary)
    axes = chart.axes[0]
    assert [label.get_text() for label in axes.get_xticklabels()] == ["1", "2", "3", "4"]
    bars = {
        container.get_label(): [bar.get_height() for bar in container]
        for container in axes.containers
    }
    assert bars == {"GSM7": [5, 0, 0, 1], "UCS2": [0, 2, 0, 0]}


def test_the_bar_costs_import_smsenc_nothing(tmp_path: Path) -> None:
    source = tmp_path / "m.txt"
    source.write_text("hi\n", encoding="utf-8")
    program = (
        "import sys, smsenc; before = 'smsenc.bulk.progress' in sys.modules; "
        "from smsenc.cli import main; main(['count', sys.argv[1], '--json']); "
        "print(before, 'tqdm' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(source)], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "False False"


def test_plot_without_matplotlib_is_said_before_counting(tmp_path: Path) -> None:
    source, out = tmp_path / "m.txt", tmp_path / "o.csv"
    source.write_text("hi\n", encoding="utf-8")
    program = (
        "import sys; sys.modules['matplotlib'] = None; from smsenc.cli import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "count", str(source), "-o", str(out), "--plot", "p.png"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "smsenc: --plot needs matplotlib: pip install 'smsenc[plot]'\n"
    assert not out.exists()  # nothing was counted
