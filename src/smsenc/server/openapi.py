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


# The calculator page's endpoint (POST /smsenc/v1/segment) and the page itself.
_RUN = {
    "type": "object",
    "required": ["text", "costs", "non_gsm"],
    "properties": {
        "text": {
            "type": "string",
            "description": "Characters of one cost, or one UCS-2-forcing character sequence.",
        },
        "costs": {
            "type": "array",
            "items": {"type": "integer", "enum": [1, 2]},
            "description": "Per code point: septets (2: single shift) or UTF-16 units.",
        },
        "non_gsm": {"type": "boolean", "description": "Characters that forced UCS-2."},
    },
    "additionalProperties": False,
}
_LANGUAGE = {"type": "string", "nullable": True, "description": "Table's language code."}
CALCULATOR_SCHEMAS: dict[str, Any] = {
    "SmsencSegmentRun": _RUN,
    "SmsencSegment": {
        "type": "object",
        "description": "smsenc.segment(...).to_dict(), plus what the calculator page shows.",
        "required": [
            "original_text",
            "text",
            "encoding",
            "message_count",
            "characters_remaining",
            "capacity",
            "udh_octets",
            "locking_shift",
            "single_shift",
            "reference_bits",
            "transliteration",
            "part_units",
            "parts",
            "non_gsm",
            "non_gsm_by_script",
            "parts_if_all_replaced",
            "parts_if_lf_only",
            "units",
            "unit",
            "part_runs",
            "suggestions",
            "preview",
            "preview_details",
        ],
        "properties": {
            "original_text": {"type": "string"},
            "text": {"type": "string", "description": "What is sent, after transliteration."},
            "encoding": {"type": "string", "enum": ["GSM7", "UCS2"]},
            "message_count": {"type": "integer", "minimum": 1, "maximum": 255},
            "characters_remaining": {"type": "integer", "minimum": 0},
            "capacity": {"type": "integer", "minimum": 1},
            "udh_octets": {"type": "integer", "minimum": 0},
            "locking_shift": _LANGUAGE,
            "single_shift": _LANGUAGE,
            "reference_bits": {"type": "integer", "enum": [8, 16]},
            "transliteration": {"type": "string", "nullable": True},
            "part_units": {"type": "array", "items": {"type": "integer", "minimum": 0}},
            "parts": {"type": "array", "items": {"type": "string"}},
            "non_gsm": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "char",
                        "count",
                        "first_index",
                        "suggestion",
                        "parts_if_replaced",
                    ],
                    "properties": {
                        "char": {"type": "string"},
                        "count": {"type": "integer", "minimum": 1},
                        "first_index": {"type": "integer", "minimum": 0},
                        "suggestion": {
                            "type": "string",
                            "nullable": True,
                            "description": 'GSM replacement smsenc advises; "" means remove.',
                        },
                        "parts_if_replaced": {"type": "integer", "minimum": 1, "nullable": True},
                    },
                    "additionalProperties": False,
                },
            },
            "non_gsm_by_script": {
                "type": "array",
                "description": "non_gsm grouped by Unicode script, in order of first appearance.",
                "items": {
                    "type": "object",
                    "required": ["script", "count", "distinct", "chars", "first_index"],
                    "properties": {
                        "script": {"type": "string", "description": "e.g. Cyrillic, Common."},
                        "count": {"type": "integer", "minimum": 1},
                        "distinct": {"type": "integer", "minimum": 1},
                        "chars": {"type": "string"},
                        "first_index": {"type": "integer", "minimum": 0},
                    },
                    "additionalProperties": False,
                },
            },
            "parts_if_all_replaced": {
                "type": "integer",
                "minimum": 1,
                "description": "The part count with every suggestion made, same options.",
            },
            "parts_if_lf_only": {
                "type": "integer",
                "minimum": 1,
                "description": "The part count with every CR LF sent as a lone LF.",
            },
            "units": {"type": "integer", "minimum": 0, "description": "Sum of part_units."},
            "unit": {"type": "string", "enum": ["septet", "UTF-16 code unit"]},
            "part_runs": {
                "type": "array",
                "description": "Per part, its text as runs of characters of equal cost.",
                "items": {"type": "array", "items": _ref("SmsencSegmentRun")},
            },
            "suggestions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["char", "replacement", "parts_if_replaced"],
                    "properties": {
                        "char": {"type": "string"},
                        "replacement": {
                            "type": "string",
                            "nullable": True,
                            "description": (
                                "smsenc's GSM replacement; empty: remove the character; "
                                "null: no suggestion."
                            ),
                        },
                        "parts_if_replaced": {
                            "type": "integer",
                            "nullable": True,
                            "minimum": 1,
                            "description": "Parts with this character replaced everywhere.",
                        },
                    },
                    "additionalProperties": False,
                },
            },
            "preview": _ref("SmsPreviewResponse"),
            "preview_details": {
                "type": "array",
                "description": (
                    "Per entry of preview.previews: its encoding, units, capacity, and the "
                    "characters that keep it in UCS-2 under its tables (empty for GSM7)."
                ),
                "items": {
                    "type": "object",
                    "required": ["encoding", "units", "capacity", "non_gsm_chars"],
                    "properties": {
                        "encoding": {"type": "string", "enum": ["GSM7", "UCS2"]},
                        "units": {"type": "integer", "minimum": 0},
                        "capacity": {"type": "integer", "minimum": 1},
                        "non_gsm_chars": {"type": "array", "items": {"type": "string"}},
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    },
}


def calculator_paths(error: str) -> dict[str, Any]:
    """The paths of the calculator page and its endpoint."""
    return {
        "/smsenc/v1/segment": {
            "post": {
                "operationId": "smsenc-segment",
                "summary": "Segment a text, with everything the calculator page shows",
                "security": [{"APIKeyHeader": []}, {}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("SmsPreviewRequest")}},
                },
                "responses": {
                    "200": _json("SmsencSegment", "The segmentation, runs and previews."),
                    "400": _json(error, "Malformed body, or validationErrors per field."),
                    "401": _json(error, "API keys are configured and none was given."),
                    "413": _json(error, "The body is over the server's limit."),
                    "500": _json(error, "An unexpected error; never a traceback."),
                },
            }
        },
        "/": {
            "get": {
                "operationId": "calculator-page",
                "summary": "The segment calculator page",
                "responses": {
                    "200": {
                        "description": "A self-contained HTML page.",
                        "content": {"text/html": {"schema": {"type": "string"}}},
                    }
                },
            }
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
            **calculator_paths(error),
        },
        "components": {
            "schemas": {**SCHEMAS, **CALCULATOR_SCHEMAS},
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
