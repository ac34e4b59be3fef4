"""``smsenc serve`` as a user starts it: a subprocess on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from smsenc import preview
from smsenc.cli import serve
from smsenc.server import app

README = Path(__file__).resolve().parents[2] / "README.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def smsenc(*args: str) -> list[str]:
    return [sys.executable, "-m", "smsenc", *args]


def environment(**variables: str) -> dict[str, str]:
    """This process's environment without any SMSENC_API_KEYS of its own, plus ``variables``."""
    env = {k: v for k, v in os.environ.items() if k != serve.API_KEYS_VARIABLE}
    return {**env, **variables}


def run(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        smsenc(*args), capture_output=True, text=True, env=env or environment(), timeout=60
    )


@contextmanager
def serving(*args: str, env: Mapping[str, str]) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``smsenc serve --port P *args`` running until the block ends: its URL and process."""
    port = free_port()
    process = subprocess.Popen(
        smsenc("serve", "--port", str(port), *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20  # readiness, not a timing assertion
        while True:
            try:
                httpx.get(f"{url}/healthz")
                break
            except httpx.TransportError:
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "smsenc serve did not start"
                time.sleep(0.05)
        yield url, process
    finally:
        process.terminate()
        process.communicate(timeout=10)


def status(url: str, key: str | None) -> int:
    headers = {} if key is None else {"Authorization": f"App {key}"}
    return httpx.post(f"{url}/sms/1/preview", json={"text": "a"}, headers=headers).status_code


@pytest.mark.parametrize("workers", [[], ["--workers", "2"]])
def test_serve_answers_previews_and_stops(workers: list[str]) -> None:
    # With --workers, each process builds its app from the settings the parent hands on:
    # the keys must hold there too.
    port = free_port()
    process = subprocess.Popen(
        smsenc("serve", "--port", str(port), "--api-key", "k1", "--api-key", "k2", *workers),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{url}/healthz")
                break
            except httpx.TransportError:
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "smsenc serve did not start"
                time.sleep(0.05)
        body = {"text": "Kadıköy", "languageCode": "TR"}
        for key in ("k1", "k2"):
            answer = httpx.post(
                f"{url}/sms/1/preview", json=body, headers={"Authorization": f"App {key}"}
            )
            assert (answer.status_code, answer.json()) == (200, preview("Kadıköy", "TR").to_dict())
        assert httpx.post(f"{url}/sms/1/preview", json=body).status_code == 401
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert f"Uvicorn running on http://127.0.0.1:{port}".encode() in stderr
    assert b"POST /sms/1/preview" not in stderr  # no access log


@pytest.mark.parametrize("workers", [[], ["--workers", "2"]])
def test_keys_from_the_environment_and_files_merge_and_stay_out_of_ps(
    tmp_path: Path, workers: list[str]
) -> None:
    first = tmp_path / "keys.txt"
    # A byte order mark, comments, blank and indented lines; a key may hold '#'.
    first.write_text("\ufeff# production keys\nfile-1\n\n   file#2  \n  # old-key\n")
    second = tmp_path / "more-keys"
    second.write_text("file-3\r\n")
    env = environment(SMSENC_API_KEYS=" env-1,env-2\tenv-3 ,\n")
    args = ("--api-key-file", str(first), "--api-key-file", str(second), "--api-key", "cli-1")
    with serving(*args, *workers, env=env) as (url, process):
        accepted = ["cli-1", "file-1", "file#2", "file-3", "env-1", "env-2", "env-3"]
        assert [status(url, key) for key in accepted] == [200] * len(accepted)
        refused = [None, "old-key", "#", "production", "env-1,env-2", "wrong"]
        assert [status(url, key) for key in refused] == [401] * len(refused)
        # What `ps` shows: the command line holds the file paths, not their keys.
        shown = Path(f"/proc/{process.pid}/cmdline").read_bytes().decode()
        assert str(first) in shown
        assert not any(key in shown for key in accepted if key != "cli-1")


def test_gather_api_keys_merges_in_order_each_once(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text("b\nc\n")
    assert serve.gather_api_keys(["a", "b"], [str(keys)], "c, d e,,") == ["a", "b", "c", "d", "e"]
    assert serve.gather_api_keys([], [], "") == serve.gather_api_keys([], [], None) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read --api-key-file {path}: No such file or directory"),
        (b"# only a comment\n\n", "--api-key-file {path} holds no key (one key per line)"),
        (b"", "--api-key-file {path} holds no key (one key per line)"),
        (
            b"good\nkey with spaces\n",
            "--api-key-file {path}, line 2: whitespace inside a key; write one key per line",
        ),
        (b"k\xff\n", "--api-key-file {path} is not UTF-8 text (at byte 1)"),
    ],
)
def test_a_bad_key_file_exits_2_with_one_line(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "keys"
    if content is not None:
        path.write_bytes(content)
    done = run("serve", "--port", str(free_port()), "--api-key-file", str(path))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"smsenc: {message.format(path=path)}\n"
    assert "spaces" not in done.stderr  # no key is ever echoed


def test_a_public_address_without_a_key_refuses_to_start() -> None:
    for host in ("0.0.0.0", "::", "192.0.2.1", "example.org"):
        # An empty SMSENC_API_KEYS holds no key.
        for env in (environment(), environment(SMSENC_API_KEYS=" ,")):
            done = run("serve", "--host", host, env=env)
            assert done.returncode == 2
            assert done.stdout == ""
            assert done.stderr == (
                f"smsenc: refusing to serve on {host} without an API key: anyone who can "
                "reach it could use it. Give keys with --api-key-file PATH, SMSENC_API_KEYS "
                "or --api-key KEY, or bind 127.0.0.1.\n"
            )


def test_a_key_from_the_environment_is_enough_off_loopback() -> None:
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: past the key check, serve
    # fails to bind it, and says so in one line before uvicorn starts.
    port = free_port()
    done = run(
        "serve", "--host", "192.0.2.1", "--port", str(port), env=environment(SMSENC_API_KEYS="k1")
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"smsenc: cannot listen on 192.0.2.1 port {port}: Cannot assign requested address\n"
    )


@pytest.mark.parametrize("workers", [[], ["--workers", "2"]])
def test_a_port_in_use_exits_2_in_one_line_before_uvicorn_starts(workers: list[str]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as holder:  # another server, listening
        port = holder.getsockname()[1]
        done = run("serve", "--port", str(port), *workers)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"smsenc: port {port} on 127.0.0.1 is already in use; stop what holds it or "
        "choose another --port\n"
    )
    # README shows the same line for the default port.
    assert done.stderr.replace(str(port), "8080") in README.read_text(encoding="utf-8")


def test_loopback_hosts() -> None:
    assert [serve.is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]")] == [True] * 4
    assert serve.is_loopback("localhost") and serve.is_loopback("LOCALHOST")
    assert not any(serve.is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.1", "host"))


def test_a_bad_port_exits_2() -> None:
    done = subprocess.run(smsenc("serve", "--port", "70000"), capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (2, "smsenc: --port must be 0-65535, not 70000\n")


def test_no_workers_exits_2() -> None:
    done = subprocess.run(smsenc("serve", "--workers", "0"), capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (2, "smsenc: --workers must be at least 1, not 0\n")


def test_without_the_server_extra_one_line_and_exit_2() -> None:
    # As if uvicorn were not installed: the import fails the way a missing package does.
    code = (
        "import sys; sys.modules['uvicorn'] = None; "
        "from smsenc.cli import main; sys.exit(main(['serve']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == (
        "smsenc: serve needs the [server] extra (uvicorn is missing): "
        "pip install 'smsenc[server]'\n"
    )


def test_import_smsenc_imports_no_server() -> None:
    code = (
        "import sys, smsenc; from smsenc import cli; print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('starlette', 'uvicorn') or m.startswith('smsenc.server')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_the_cli_default_body_limit_is_the_server_s() -> None:
    assert serve.DEFAULT_MAX_BODY == app.DEFAULT_MAX_BODY == 65536


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{not json", "SMSENC_SERVE_SETTINGS is not JSON"),
        ('["x"]', "SMSENC_SERVE_SETTINGS must be a JSON object"),
        ('{"keys": []}', "SMSENC_SERVE_SETTINGS must be a JSON object"),
        ('{"api_keys": "k"}', "SMSENC_SERVE_SETTINGS: api_keys must be a list of str"),
        ('{"max_body": "1"}', "SMSENC_SERVE_SETTINGS: max_body must be an int, not str"),
        ('{"api_keys": [""]}', "api_keys[0] is empty or holds whitespace"),
    ],
)
def test_malformed_worker_settings_are_a_value_error_naming_the_variable(
    value: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only `smsenc serve --workers N` sets the variable; someone setting it by hand
    # (running uvicorn --factory themselves) learns which variable is wrong and why.
    monkeypatch.setenv(app.SETTINGS_VARIABLE, value)
    with pytest.raises(ValueError, match=message.replace("[", r"\[")):
        app.create_app_from_environment()


def test_well_formed_worker_settings_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(app.SETTINGS_VARIABLE, '{"api_keys": ["k1"], "max_body": 100}')
    settings = app.create_app_from_environment().state.settings
    assert (settings.api_keys, settings.max_body) == ((b"k1",), 100)
