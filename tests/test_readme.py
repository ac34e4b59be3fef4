"""README's examples are run, so every number it shows comes from the code."""

from __future__ import annotations

import doctest
import json
import re
import shlex
from pathlib import Path

import smsenc

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_examples_run() -> None:
    # Code fences become blank lines, so that an example's expected output ends there.
    text = re.sub(r"^```.*$", "", README.read_text(encoding="utf-8"), flags=re.M)
    test = doctest.DocTestParser().get_doctest(text, {"smsenc": smsenc}, "README", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 5
    assert result.failed == 0


def test_readme_first_command_prints_the_json_shown() -> None:
    text = README.read_text(encoding="utf-8")
    command = re.search(r"```sh\n(.*?)\n", text)
    assert command is not None
    preview_args = shlex.split(command.group(1).split("&&")[-1])
    assert preview_args[0].endswith("smsenc") and preview_args[1] == "preview"
    shown = re.search(r"```json\n(.*?)```", text, re.S)
    assert shown is not None
    language = preview_args[preview_args.index("--language") + 1]
    assert smsenc.preview(preview_args[-1], language).to_dict() == json.loads(shown.group(1))


def test_readme_test_command_is_the_one_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    test_command = re.search(r"```sh\n.*?\n(.*?)\n```", text, re.S)
    assert test_command is not None
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command.group(1).strip() in ci.splitlines()


def test_readme_capacity_table_is_the_arithmetic() -> None:
    from smsenc.gsm.udh import septet_capacity, ucs2_capacity

    rows = re.findall(r"^\| [^|]+ \| (\d+) \| (\d+) \| (\d+) \|$", README.read_text("utf-8"), re.M)
    assert len(rows) == 8
    for udh, septets, units in rows:
        assert (septet_capacity(int(udh)), ucs2_capacity(int(udh))) == (int(septets), int(units))
