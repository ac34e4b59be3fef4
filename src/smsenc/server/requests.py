"""What every endpoint checks before it reads a request: the key, the body limit, the JSON.

:func:`create_app <smsenc.server.create_app>` stores a :class:`Settings` in
``app.state.settings``; an endpoint calls :func:`authorize` and then
:func:`read_json_object`, in that order, as Infobip checks the key before the body.
"""

from __future__ import annotations

import hmac
from typing import NamedTuple

from starlette.requests import Request

from .infobip import ApiError, parse_object


class Settings(NamedTuple):
    """What ``create_app`` was given, an immutable tuple: the accepted API keys (as bytes,
    for the constant-time comparison) and the body limit."""

    api_keys: tuple[bytes, ...]
    max_body: int

    def __repr__(self) -> str:
        # The keys are secrets: a repr in a log or a traceback shows how many, not which.
        return f"Settings(api_keys=<{len(self.api_keys)} hidden>, max_body={self.max_body})"


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def authorize(request: Request) -> None:
    """Raise 401 ``UNAUTHORIZED`` unless keys are configured off or the request carries
    ``Authorization: App <key>`` with one of them.

    Every key is compared, each in constant time (``hmac.compare_digest``), so the
    answer's timing says neither which key nor how much of one matched.
    """
    keys = _settings(request).api_keys
    if not keys:
        return
    scheme, _, credential = request.headers.get("authorization", "").partition(" ")
    # Header values arrive decoded as latin-1; encoding back gives the bytes sent.
    given = credential.strip().encode("latin-1")
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(given, key)
    if not (matched and scheme.lower() == "app"):
        raise ApiError(401, "UNAUTHORIZED", "Invalid login details")


async def read_body(request: Request) -> bytes:
    """The request body, or 413 once it passes the limit.

    The bytes are counted as they arrive, so a chunked body (no ``Content-Length``)
    or one longer than its ``Content-Length`` is stopped at the limit too; a declared
    length over the limit is refused before reading anything.
    """
    limit = _settings(request).max_body
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "PAYLOAD_TOO_LARGE", f"The request body is over {limit} bytes.")


async def read_json_object(request: Request) -> dict[str, object]:
    """The body (within the limit) parsed as a JSON object, or 400 / 413."""
    return parse_object(await read_body(request))
