"""The CLI refuses text that is not valid UTF-8 (issue 10, item 6): exit status 2 and a
message naming the byte and its offset, from standard input or from an argument."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _run(args: list[bytes], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    # Bytes, as a shell hands them over: Python decodes argv with surrogateescape.
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"smsenc", *args],
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("command", [b"segment", b"preview", b"encode"])
def test_invalid_utf8_on_standard_input_exits_2_naming_the_offset(command: bytes) -> None:
    done = _run([command, b"-"], stdin=b"ab\xff")
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.endswith(
        b"error: argument text: standard input is not valid UTF-8: byte 0xFF at offset 2 "
        b"(invalid start byte)\n"
    )
    assert b"Traceback" not in done.stderr


def test_invalid_utf8_in_an_argument_exits_2_naming_the_offset() -> None:
    done = _run([b"segment", b"caf\xc3"])  # a UTF-8 sequence cut short
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == (
        b"smsenc: argument 2 is not valid UTF-8: byte 0xC3 at offset 3 (unexpected end of data)\n"
    )


def test_valid_utf8_still_counts() -> None:
    done = _run([b"segment", b"-"], stdin="Кафе\n".encode())
    assert done.returncode == 0
    assert b'"encoding": "UCS2"' in done.stdout
