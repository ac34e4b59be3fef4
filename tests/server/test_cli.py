"""``smsenc serve`` as a user starts it: a subprocess on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

from smsenc import preview
from smsenc.cli import serve
from smsenc.server import app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def smsenc(*args: str) -> list[str]:
    return [sys.executable, "-m", "smsenc", *args]


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


def test_a_public_address_without_a_key_refuses_to_start() -> None:
    for host in ("0.0.0.0", "::", "192.0.2.1", "example.org"):
        done = subprocess.run(smsenc("serve", "--host", host), capture_output=True, text=True)
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr == (
            f"smsenc: refusing to serve on {host} without an API key: anyone who can reach "
            "it could use it. Pass --api-key KEY (repeatable), or bind 127.0.0.1.\n"
        )


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
        ('{"api_keys": [""]}', "api key '' is empty or holds whitespace"),
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
