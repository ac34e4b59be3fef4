"""The first install (issue 29, item 5): README's first command installs only what a
preview needs, its second installs the test dependencies and runs the tests, and
``.ci/run`` runs that second command as it stands."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    """The two lines of README's first shell block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)\n```", text, re.S)
    assert block is not None
    return block.group(1).splitlines()


def test_the_first_command_installs_the_package_alone_and_previews() -> None:
    first, _ = readme_commands()
    steps = [shlex.split(step) for step in first.split("&&")]
    assert steps[0] == ["python3", "-m", "venv", ".venv"]
    assert steps[1] == [".venv/bin/pip", "install", "-e", "."]  # no extra
    assert steps[2][:2] == [".venv/bin/smsenc", "preview"]


def test_the_second_command_installs_the_test_dependencies_and_runs_the_tests() -> None:
    _, second = readme_commands()
    assert second == ".venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert second in ci
    # After every extra is installed, so the command installs nothing new there.
    installs_all = next(i for i, line in enumerate(ci) if "install --quiet -e '.[test," in line)
    assert installs_all < ci.index(second)


def _base_dependencies() -> set[str]:
    """The names in pyproject's ``dependencies = [...]`` line (tomllib is 3.11+)."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    line = re.search(r"^dependencies = \[(.*)\]$", pyproject, re.M)
    assert line is not None
    return {re.split(r"[<>=!~ \[;]", item)[0].lower() for item in json.loads(f"[{line[1]}]")}


def test_a_preview_needs_only_the_base_dependencies() -> None:
    # What smsenc preview imports, by distribution: nothing beyond pyproject's base list.
    program = (
        "import sys; started = set(sys.modules); from smsenc.cli import main; "
        "main(sys.argv[1:]); from importlib.metadata import packages_distributions; "
        "owners = packages_distributions(); import json; "
        "print(json.dumps(sorted({d.lower() for m in set(sys.modules) - started "
        "for d in owners.get(m.split('.')[0], ()) if d.lower() != 'smsenc'})), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "preview", "-l", "TR", "Kadıköy", "--keep-graphemes"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert imported <= _base_dependencies(), imported
    assert _base_dependencies() == {"unidecode", "regex"}
