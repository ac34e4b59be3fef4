"""Infobip's wire shapes: its error body, its request validation, and a JSON response
that can carry any Python string.

Infobip answers every error with
``{"requestError": {"serviceException": {"messageId", "text", "validationErrors"}}}``
(the SDK's ``ApiException`` model); the request is ``{text, languageCode?,
transliteration?}``, validated as strictly as Infobip's enums are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.responses import JSONResponse as _StarletteJSONResponse

from .. import MODES

LANGUAGE_CODES: tuple[str, ...] = ("TR", "ES", "PT", "AUTODETECT")
"""Infobip's ``languageCode`` enum for the preview; smsenc's other codes are not served."""

TRANSLITERATIONS: tuple[str, ...] = MODES
"""Infobip's ``transliteration`` enum, which smsenc's modes spell exactly."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# Built once: json.dumps / json.loads with options build a new coder on every call.
_ENCODER = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"))
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


class JSONResponse(_StarletteJSONResponse):
    """A JSON response written with ``\\u`` escapes for everything outside ASCII.

    A lone surrogate (``"\\ud83d"``) is a valid Python string and a valid JSON escape
    but cannot be encoded as UTF-8, so a response class that writes UTF-8 would fail
    on it; ASCII output carries every string.
    """

    def render(self, content: Any) -> bytes:
        return _ENCODER.encode(content).encode("ascii")


class ApiError(Exception):
    """An error to answer in Infobip's shape: status, message id, text, and the
    validation messages per field (omitted from the body when there are none)."""

    def __init__(
        self,
        status: int,
        message_id: str,
        text: str,
        validation_errors: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(text)
        self.status = status
        self.message_id = message_id
        self.text = text
        self.validation_errors = validation_errors

    def body(self) -> dict[str, Any]:
        """``{"requestError": {"serviceException": ...}}``, as Infobip writes it."""
        exception: dict[str, Any] = {"messageId": self.message_id, "text": self.text}
        if self.validation_errors:
            exception["validationErrors"] = {
                field: list(messages) for field, messages in self.validation_errors.items()
            }
        return {"requestError": {"serviceException": exception}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


def bad_request(
    text: str, validation_errors: Mapping[str, Sequence[str]] | None = None
) -> ApiError:
    """400 ``BAD_REQUEST``."""
    return ApiError(400, "BAD_REQUEST", text, validation_errors)


def parse_object(body: bytes) -> dict[str, Any]:
    """The request body as a JSON object; 400 without ``validationErrors`` for
    anything else (invalid UTF-8, malformed JSON, ``NaN``, an empty or non-object body,
    arrays or objects nested deeper than the parser goes)."""
    try:
        value = _DECODER.decode(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise bad_request(f"The request body is not valid UTF-8 (at byte {error.start}).") from None
    except RecursionError:
        # The parser recurses once per array or object and stops at the interpreter's
        # recursion limit (about a thousand levels): the JSON may well be valid.
        raise bad_request(
            "The request body nests arrays or objects too deeply for the JSON parser."
        ) from None
    except ValueError:
        raise bad_request("The request body is not valid JSON.") from None
    if not isinstance(value, dict):
        raise bad_request("The request body must be a JSON object.")
    return value


def _enum(
    body: Mapping[str, Any], field: str, accepted: Sequence[str], errors: dict[str, list[str]]
) -> str | None:
    value = body.get(field)
    if value is None:
        return None
    # Exact match only: Infobip's enums take neither "tr" nor "TR\n".
    if isinstance(value, str) and value in accepted:
        return value
    errors[field] = [f"must be one of {', '.join(accepted)}"]
    return None


def preview_request(body: Mapping[str, Any]) -> tuple[str, str | None, str | None]:
    """``(text, languageCode, transliteration)`` from a preview request object; 400
    naming each bad field otherwise.  Absent and ``null`` options mean not set."""
    errors: dict[str, list[str]] = {}
    text = body.get("text")
    if text is None:
        errors["text"] = ["must not be null"]
    elif not isinstance(text, str):
        errors["text"] = ["must be a string"]
    language_code = _enum(body, "languageCode", LANGUAGE_CODES, errors)
    transliteration = _enum(body, "transliteration", TRANSLITERATIONS, errors)
    if errors:
        raise bad_request("Bad request", errors)
    assert isinstance(text, str)
    return text, language_code, transliteration
