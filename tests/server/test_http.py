"""The service over plain HTTP: bytes an SDK would never send, and every error path."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.routing import Route

from smsenc import preview
from smsenc.server import create_app

from .conftest import KEYS, SMALL_LIMIT
from .live_server import Server, running_server


def error(status_id: str, text: str) -> dict[str, Any]:
    return {"requestError": {"serviceException": {"messageId": status_id, "text": text}}}


def post(server: Server, body: bytes, **headers: str) -> httpx.Response:
    return httpx.post(f"{server.url}/sms/1/preview", content=body, headers=headers)


def raw(server: Server, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``request`` as bytes on a fresh connection; the status, headers and body."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


def test_a_lone_surrogate_goes_out_as_an_escape(server: Server) -> None:
    response = post(server, b'{"text": "x\\ud83dy", "languageCode": "AUTODETECT"}')
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    expected = preview("x\ud83dy", "AUTODETECT").to_dict()
    assert response.content == json.dumps(expected, separators=(",", ":")).encode("ascii")
    assert b'"x\\ud83dy"' in response.content
    assert json.loads(response.content) == expected


def test_utf8_text_is_answered_in_ascii_escapes(server: Server) -> None:
    body = json.dumps({"text": "Καλημέρα 😀", "transliteration": "GREEK"}, ensure_ascii=False)
    response = post(server, body.encode("utf-8"))
    assert response.status_code == 200
    assert response.content.isascii()
    assert response.json() == preview("Καλημέρα 😀", None, "GREEK").to_dict()


def test_unknown_fields_are_ignored_and_null_options_are_unset(server: Server) -> None:
    response = post(
        server, b'{"text": "hi", "languageCode": null, "transliteration": null, "x": 1}'
    )
    assert response.json() == preview("hi").to_dict()


MALFORMED = [
    (b"", "The request body is not valid JSON."),
    (b"{", "The request body is not valid JSON."),
    (b'{"text": "a",}', "The request body is not valid JSON."),
    (b'{"text": "a", "n": NaN}', "The request body is not valid JSON."),
    (b'{"text": "\xff"}', "The request body is not valid UTF-8 (at byte 10)."),
    (b'\xef\xbb\xbf{"text": "a"}', "The request body is not valid JSON."),
    (b"[]", "The request body must be a JSON object."),
    (b'"text"', "The request body must be a JSON object."),
    (b"null", "The request body must be a JSON object."),
    (b"42", "The request body must be a JSON object."),
]


@pytest.mark.parametrize(("body", "text"), MALFORMED)
def test_a_malformed_body_is_400_without_validation_errors(
    server: Server, body: bytes, text: str
) -> None:
    response = post(server, body)
    assert response.status_code == 400
    assert response.json() == error("BAD_REQUEST", text)


TOO_DEEP = "The request body nests arrays or objects too deeply for the JSON parser."


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 5000 + b"]" * 5000,  # valid JSON, 10 kB: within the body limit
        b'{"text": "a", "x": ' + b'{"y": ' * 3000 + b"1" + b"}" * 3000 + b"}",
        b"[" * 60000,  # deeper than the parser goes before it could find the end
    ],
)
def test_a_body_nested_too_deeply_is_400_saying_so(server: Server, body: bytes) -> None:
    # Python's json parser recurses per level and stops at the interpreter's recursion
    # limit: the client learns that its JSON is too deep, not that it is invalid.
    response = post(server, body)
    assert response.status_code == 400
    assert response.json() == error("BAD_REQUEST", TOO_DEEP)


def test_a_body_nested_within_the_parser_s_depth_is_read(server: Server) -> None:
    body = b'{"text": "a", "x": ' + b"[" * 200 + b"]" * 200 + b"}"
    assert post(server, body).json() == preview("a").to_dict()


def test_missing_text_is_400_naming_it(server: Server) -> None:
    response = post(server, b'{"languageCode": "TR"}')
    assert response.status_code == 400
    assert response.json()["requestError"]["serviceException"]["validationErrors"] == {
        "text": ["must not be null"]
    }


@pytest.mark.parametrize("value", ["true", "1", "1.5", '{"a": 1}', '["TR"]'])
def test_non_string_enums_are_400(server: Server, value: str) -> None:
    body = f'{{"text": "a", "languageCode": {value}, "transliteration": {value}}}'
    response = post(server, body.encode())
    assert response.status_code == 400
    assert set(response.json()["requestError"]["serviceException"]["validationErrors"]) == {
        "languageCode",
        "transliteration",
    }


TOO_LARGE = error("PAYLOAD_TOO_LARGE", f"The request body is over {SMALL_LIMIT} bytes.")


def _body_of(size: int) -> bytes:
    body = b'{"text": "' + b"a" * (size - 12) + b'"}'
    assert len(body) == size
    return body


def test_a_body_at_the_limit_is_answered(small_server: Server) -> None:
    response = post(small_server, _body_of(SMALL_LIMIT))
    assert response.status_code == 200
    assert response.json() == preview("a" * (SMALL_LIMIT - 12)).to_dict()


def test_a_body_over_the_limit_is_413(small_server: Server) -> None:
    response = post(small_server, _body_of(SMALL_LIMIT + 1))
    assert response.status_code == 413
    assert response.json() == TOO_LARGE


def chunked(body: bytes, size: int) -> bytes:
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


HEAD = b"POST /sms/1/preview HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"


def test_a_chunked_body_over_the_limit_is_413(small_server: Server) -> None:
    request = HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + chunked(_body_of(SMALL_LIMIT + 1), 100)
    status, _, body = raw(small_server, request)
    assert status == 413
    assert json.loads(body) == TOO_LARGE


def test_a_chunked_body_within_the_limit_is_answered(small_server: Server) -> None:
    request = HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + chunked(_body_of(SMALL_LIMIT), 100)
    status, _, body = raw(small_server, request)
    assert status == 200
    assert json.loads(body) == preview("a" * (SMALL_LIMIT - 12)).to_dict()


def test_a_declared_length_over_the_limit_is_413_before_reading(small_server: Server) -> None:
    # Only the headers are sent: the answer cannot wait for a body that never comes.
    status, _, body = raw(small_server, HEAD + b"Content-Length: 1000000\r\n\r\n")
    assert status == 413
    assert json.loads(body) == TOO_LARGE


@pytest.mark.parametrize(
    "path",
    [
        "/index.html",  # the page is "/" alone: no path reaches the package's files
        "/page/index.html",
        "/page/../../pyproject.toml",
        "/sms/1/preview/",
        "/sms/2/preview",
        "/SMS/1/PREVIEW",
        "/etc/passwd",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_unknown_paths_are_404(server: Server, path: str, method: str) -> None:
    response = httpx.request(method, server.url + path, content=b'{"text": "a"}')
    assert response.status_code == 404
    assert response.json() == error("NOT_FOUND", "Not found")


@pytest.mark.parametrize("path", [b"/..", b"/page/../../pyproject.toml", b"/page/%2e%2e/x"])
def test_dot_segments_reach_no_file(server: Server, path: bytes) -> None:
    # Sent as raw bytes: an HTTP client would resolve the dot segments itself.
    status, _, body = raw(
        server, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert status == 404
    assert json.loads(body) == error("NOT_FOUND", "Not found")


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/sms/1/preview", "POST"),
        ("PUT", "/sms/1/preview", "POST"),
        ("DELETE", "/sms/1/preview", "POST"),
        ("POST", "/healthz", "GET, HEAD"),
        ("POST", "/openapi.json", "GET, HEAD"),
    ],
)
def test_a_wrong_method_is_405(server: Server, method: str, path: str, allow: str) -> None:
    response = httpx.request(method, server.url + path)
    assert response.status_code == 405
    # Starlette writes the methods from a set: their order is not fixed.
    assert set(response.headers["allow"].split(", ")) == set(allow.split(", "))
    assert response.json() == error("METHOD_NOT_ALLOWED", "Method not allowed")


def test_healthz(server: Server) -> None:
    response = httpx.get(server.url + "/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


UNAUTHORIZED = error("UNAUTHORIZED", "Invalid login details")


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "App",
        "App first-key second-key",
        "Basic first-key",
        "Bearer second-key",
        "App wrong",
        "first-key",
    ],
)
def test_without_a_valid_key_is_401(keyed_server: Server, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = post(keyed_server, b'{"text": "a"}', **headers)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_the_key_is_checked_before_the_body(keyed_server: Server) -> None:
    assert post(keyed_server, b"not json").status_code == 401


@pytest.mark.parametrize("key", KEYS)
def test_any_key_is_accepted(keyed_server: Server, key: str) -> None:
    response = post(keyed_server, b'{"text": "a"}', Authorization=f"App {key}")
    assert (response.status_code, response.json()) == (200, preview("a").to_dict())


def test_healthz_and_openapi_need_no_key(keyed_server: Server) -> None:
    assert httpx.get(keyed_server.url + "/healthz").status_code == 200
    assert httpx.get(keyed_server.url + "/openapi.json").status_code == 200


@pytest.fixture(scope="module")
def failing_server() -> Iterator[Server]:
    """The service with one extra route that fails, to see what a client gets."""

    async def fail(request: object) -> None:
        raise RuntimeError("secret detail at /srv/app.py line 1")

    app = create_app()
    app.router.routes.append(Route("/fail", fail, methods=["POST"]))
    with running_server(app=app) as running:
        yield running


def test_an_unexpected_error_is_500_without_a_traceback(failing_server: Server) -> None:
    response = httpx.post(failing_server.url + "/fail")
    assert response.status_code == 500
    assert response.json() == error(
        "GENERAL_ERROR", "Something went wrong. Please contact support."
    )
    assert b"secret" not in response.content and b"Traceback" not in response.content


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"api_keys": "key"}, TypeError, "api_keys must be a sequence of str, not str"),
        ({"api_keys": 5}, TypeError, "api_keys must be a sequence of str, not int"),
        ({"api_keys": [b"key"]}, TypeError, "api_keys items must be str, not bytes"),
        # The key is named by its position, never shown: the message may reach a log.
        (
            {"api_keys": ["good", "secret part"]},
            ValueError,
            "api_keys[1] is empty or holds whitespace; keys are tokens",
        ),
        ({"max_body": True}, TypeError, "max_body must be an int, not bool"),
        ({"max_body": 0}, ValueError, "max_body must be >= 1, got 0"),
    ],
)
def test_create_app_checks_its_arguments(
    arguments: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        create_app(**arguments)
    assert str(raised.value) == message


def test_create_app_keeps_the_keys_of_a_generator_and_hides_them_in_its_settings() -> None:
    # Checked and stored from one pass: a generator's keys are all kept, not checked
    # away (which would have served without a key).
    settings = create_app(api_keys=(key for key in ["k1", "k2"])).state.settings
    assert settings.api_keys == (b"k1", b"k2")
    # The keys are secrets in a repr too (a traceback's locals, a debugger).
    assert repr(settings) == "Settings(api_keys=<2 hidden>, max_body=65536)"
