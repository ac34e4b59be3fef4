"""The ASGI application: its routes, its error handlers, and :func:`create_app`.

Every route is listed in :func:`routes`.  This module sits on top of the server package:
it imports the endpoints (``calculator``, ``assets``) and the request checks
(``requests``), and none of them imports it back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .. import TooManyPartsError, preview
from ..arguments import check_int, check_iterable, type_error
from . import openapi
from .assets import page_routes
from .calculator import segment_endpoint
from .infobip import ApiError, JSONResponse, bad_request, preview_request
from .requests import Settings, authorize, read_json_object

DEFAULT_MAX_BODY = 65536
"""The default body limit in bytes (64 KiB): far above the longest text that fits in
255 parts, far below what could tie up the server."""


async def preview_endpoint(request: Request) -> Response:
    """``POST /sms/1/preview``: exactly ``smsenc.preview(...).to_dict()``."""
    authorize(request)
    text, language_code, transliteration = preview_request(await read_json_object(request))
    try:
        result = preview(text, language_code, transliteration)
    except TooManyPartsError as error:
        raise bad_request("Bad request", {"text": [str(error)]}) from None
    return JSONResponse(result.to_dict())


async def health_endpoint(request: Request) -> Response:
    """``GET /healthz``: the process answers; no key needed, for load balancers."""
    return JSONResponse({"status": "ok"})


_OPENAPI = JSONResponse(openapi.document()).body


async def openapi_endpoint(request: Request) -> Response:
    """``GET /openapi.json``: the OpenAPI 3.0 description of this service."""
    return Response(_OPENAPI, media_type="application/json")


def routes() -> list[BaseRoute]:
    """Every route the service answers; the one place to add another."""
    return [
        Route("/sms/1/preview", preview_endpoint, methods=["POST"]),
        Route("/smsenc/v1/segment", segment_endpoint, methods=["POST"]),
        *page_routes(),
        Route("/healthz", health_endpoint, methods=["GET"]),
        Route("/openapi.json", openapi_endpoint, methods=["GET"]),
    ]


_HTTP_ERRORS = {
    404: ("NOT_FOUND", "Not found"),
    405: ("METHOD_NOT_ALLOWED", "Method not allowed"),
}


async def _api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return error.response()


async def _http_error(request: Request, error: Exception) -> Response:
    """Starlette's own 404 / 405, in Infobip's shape (405 keeps its ``Allow`` header)."""
    assert isinstance(error, HTTPException)
    message_id, text = _HTTP_ERRORS.get(error.status_code, ("BAD_REQUEST", "Bad request"))
    response = ApiError(error.status_code, message_id, text).response()
    response.headers.update(error.headers or {})
    return response


async def _server_error(request: Request, error: Exception) -> Response:
    """500 ``GENERAL_ERROR``; the traceback goes to the server's log, never the client."""
    return ApiError(
        500, "GENERAL_ERROR", "Something went wrong. Please contact support."
    ).response()


def create_app(*, api_keys: Sequence[str] = (), max_body: int = DEFAULT_MAX_BODY) -> Starlette:
    """The preview service as an ASGI application.

    ``api_keys``: when any are given, every preview needs ``Authorization: App <key>``
    with one of them (each a non-empty str without whitespace).  ``max_body``: the
    request body limit in bytes, at least 1.
    """
    check_iterable("api_keys", api_keys, "a sequence of str")
    keys = tuple(api_keys)  # once: a generator checked here would be empty when stored
    for index, key in enumerate(keys):
        if not isinstance(key, str):
            raise type_error("api_keys items", key, "str")
        if not key or any(c.isspace() for c in key):
            # By position, never the key itself: a message can end up in a log.
            raise ValueError(f"api_keys[{index}] is empty or holds whitespace; keys are tokens")
    check_int("max_body", max_body, low=1)
    app = Starlette(
        routes=routes(),
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            Exception: _server_error,
        },
    )
    # Infobip answers 404 for "/sms/1/preview/", so no redirect to the path without "/".
    app.router.redirect_slashes = False
    app.state.settings = Settings(
        api_keys=tuple(key.encode("utf-8") for key in keys), max_body=max_body
    )
    return app


SETTINGS_VARIABLE = "SMSENC_SERVE_SETTINGS"
"""The environment variable through which ``smsenc serve --workers N`` hands its settings
to uvicorn's worker processes (which build the app themselves): a JSON object of
``create_app``'s keyword arguments."""


def create_app_from_environment() -> Starlette:
    """``create_app`` with the settings in :data:`SETTINGS_VARIABLE`, for worker processes.

    ``smsenc serve --workers N`` sets the variable; set by hand, a malformed value is a
    ValueError that names the variable and what it holds, not a KeyError or a JSON
    parser's message."""
    raw = os.environ.get(SETTINGS_VARIABLE, "{}")
    try:
        settings = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ValueError(f"{SETTINGS_VARIABLE} is not JSON ({error}): {raw[:80]!r}") from None
    if not isinstance(settings, dict) or not set(settings) <= {"api_keys", "max_body"}:
        raise ValueError(
            f"{SETTINGS_VARIABLE} must be a JSON object with keys api_keys and max_body, "
            f"got {raw[:80]!r}"
        )
    api_keys = settings.get("api_keys", [])
    if not isinstance(api_keys, list):
        raise ValueError(f"{SETTINGS_VARIABLE}: api_keys must be a list of str, got {raw[:80]!r}")
    try:
        return create_app(api_keys=api_keys, max_body=settings.get("max_body", DEFAULT_MAX_BODY))
    except TypeError as error:  # a JSON value of the wrong kind: still the variable's fault
        raise ValueError(f"{SETTINGS_VARIABLE}: {error}") from None
