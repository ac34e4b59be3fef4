"""The OpenAPI 3.0 document of the service, written by hand to match its models.

The schemas are Infobip's (the SDK's ``SmsPreviewRequest``, ``SmsPreviewResponse``
and ``ApiException``); ``configuration.language`` also carries ``singleShift`` and
``lockingShift``, which the SDK's ``SmsPreviewLanguage`` ignores.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from .infobip import LANGUAGE_CODES, TRANSLITERATIONS


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(name: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


SCHEMAS: dict[str, Any] = {
    "SmsPreviewRequest": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string", "description": "The message text."},
            "languageCode": {
                "type": "string",
                "enum": list(LANGUAGE_CODES),
                "nullable": True,
                "description": "National language tables to preview with; exact spelling.",
            },
            "transliteration": {
                "type": "string",
                "enum": list(TRANSLITERATIONS),
                "nullable": True,
                "description": "Transliteration to preview with; exact spelling.",
            },
        },
    },
    "SmsPreviewLanguage": {
        "type": "object",
        "required": ["languageCode", "singleShift", "lockingShift"],
        "properties": {
            "languageCode": {"type": "string", "enum": list(LANGUAGE_CODES)},
            "singleShift": {"type": "boolean"},
            "lockingShift": {"type": "boolean"},
        },
        "additionalProperties": False,
    },
    "SmsLanguageConfiguration": {
        "type": "object",
        "properties": {
            "language": _ref("SmsPreviewLanguage"),
            "transliteration": {"type": "string", "enum": list(TRANSLITERATIONS)},
        },
        "additionalProperties": False,
    },
    "SmsPreview": {
        "type": "object",
        "required": ["textPreview", "messageCount", "charactersRemaining", "configuration"],
        "properties": {
            "textPreview": {"type": "string"},
            "messageCount": {"type": "integer", "minimum": 1, "maximum": 255},
            "charactersRemaining": {"type": "integer", "minimum": 0},
            "configuration": _ref("SmsLanguageConfiguration"),
        },
        "additionalProperties": False,
    },
    "SmsPreviewResponse": {
        "type": "object",
        "required": ["originalText", "previews"],
        "properties": {
            "originalText": {"type": "string"},
            "previews": {
                "type": "array",
                "minItems": 1,
                "maxItems": 4,
                "items": _ref("SmsPreview"),
            },
        },
        "additionalProperties": False,
    },
    "ApiRequestErrorDetails": {
        "type": "object",
        "required": ["messageId", "text"],
        "properties": {
            "messageId": {"type": "string"},
            "text": {"type": "string"},
            "validationErrors": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
        "additionalProperties": False,
    },
    "ApiRequestError": {
        "type": "object",
        "required": ["serviceException"],
        "properties": {"serviceException": _ref("ApiRequestErrorDetails")},
        "additionalProperties": False,
    },
    "ApiException": {
        "type": "object",
        "required": ["requestError"],
        "properties": {"requestError": _ref("ApiRequestError")},
        "additionalProperties": False,
    },
    "Health": {
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"type": "string", "enum": ["ok"]}},
        "additionalProperties": False,
    },
}


def document() -> dict[str, Any]:
    """The whole OpenAPI document as JSON-ready data."""
    error = "ApiException"
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "smsenc preview service",
            "version": version("smsenc"),
            "description": "Infobip's POST /sms/1/preview, computed locally by smsenc.",
        },
        "paths": {
            "/sms/1/preview": {
                "post": {
                    "operationId": "preview-sms-message",
                    "summary": "Preview SMS message",
                    "security": [{"APIKeyHeader": []}, {}],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("SmsPreviewRequest")}},
                    },
                    "responses": {
                        "200": _json("SmsPreviewResponse", "The previews."),
                        "400": _json(error, "Malformed body, or validationErrors per field."),
                        "401": _json(error, "API keys are configured and none was given."),
                        "413": _json(error, "The body is over the server's limit."),
                        "500": _json(error, "An unexpected error; never a traceback."),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "healthz",
                    "summary": "Liveness for load balancers",
                    "responses": {"200": _json("Health", "The server answers.")},
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "The OpenAPI document.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "APIKeyHeader": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "`App <key>`, with one of the keys given to `smsenc serve`.",
                }
            },
        },
    }
