"""The service through Infobip's own Python SDK: what an existing Infobip client sees."""

from __future__ import annotations

import itertools
import json
import warnings
from typing import Any

import pytest
from infobip_api_client import ApiClient, Configuration, SmsApi, SmsPreviewRequest
from infobip_api_client.exceptions import (
    ApiException,
    BadRequestException,
    UnauthorizedException,
)

from smsenc import MODES, preview

from .conftest import KEYS, Server

LANGUAGE_CODES = (None, "TR", "ES", "PT", "AUTODETECT")
TRANSLITERATIONS = (None, *MODES)

TEXTS = {
    "infobip-example": "Let's see how many characters will remain unused in this message.",
    "empty": "",
    "extension": "Price: 5€ {promo} [x] ~ok~ \\ | ^",
    "turkish": "Yarın 14:00'te Kadıköy'de buluşalım mı? Ödemeyi şimdi yaptım.",
    "spanish": "¿Mañana a las 9? Llevo el pingüino y la piñata. Ç ç",
    "portuguese": "Não há voo às 5h; ação ótima, vovô! Ê Õ",
    "greek": "Καλημέρα σας, τα λέμε αύριο στις δέκα.",
    "cyrillic": "Щука и ёж встретились в Москве, Жанна. Ђорђе Љубав",
    "central-european": "Zażółć gęślą jaźń. Příliš žluťoučký kůň. Árvíztűrő",
    "emoji": "See you soon 😀👍🏽 — “quoted” …",
    "lone-surrogate": "broken \ud83d pair",
    "long": "hello " * 200,
    "long-ucs2": "şahane " * 100,
}


def client(server: Server, key: str = "no-key-configured") -> SmsApi:
    """Infobip's SDK pointed at ``server`` (only its host changes)."""
    return SmsApi(ApiClient(Configuration(host=server.url, api_key=key)))


def as_sdk_sees_it(expected: dict[str, Any]) -> dict[str, Any]:
    """``preview().to_dict()`` reduced to the fields the SDK's models have:
    ``SmsPreviewLanguage`` carries ``languageCode`` only."""
    previews = []
    for entry in expected["previews"]:
        configuration = dict(entry["configuration"])
        if "language" in configuration:
            configuration["language"] = {"languageCode": configuration["language"]["languageCode"]}
        previews.append({**entry, "configuration": configuration})
    return {**expected, "previews": previews}


def sdk_fields(response: Any) -> dict[str, Any]:
    """Every field of the SDK's response objects, read attribute by attribute."""
    previews = []
    for entry in response.previews:
        configuration: dict[str, Any] = {}
        if entry.configuration.language is not None:
            configuration["language"] = {"languageCode": entry.configuration.language.language_code}
        if entry.configuration.transliteration is not None:
            configuration["transliteration"] = entry.configuration.transliteration
        previews.append(
            {
                "textPreview": entry.text_preview,
                "messageCount": entry.message_count,
                "charactersRemaining": entry.characters_remaining,
                "configuration": configuration,
            }
        )
    return {"originalText": response.original_text, "previews": previews}


def request(text: str, language_code: str | None, transliteration: str | None) -> SmsPreviewRequest:
    return SmsPreviewRequest(
        text=text, language_code=language_code, transliteration=transliteration
    )


@pytest.mark.parametrize("name", TEXTS)
def test_every_language_and_transliteration(server: Server, name: str) -> None:
    api = client(server)
    text = TEXTS[name]
    for language_code, transliteration in itertools.product(LANGUAGE_CODES, TRANSLITERATIONS):
        response = api.preview_sms_message(request(text, language_code, transliteration))
        expected = as_sdk_sees_it(preview(text, language_code, transliteration).to_dict())
        assert sdk_fields(response) == expected, (language_code, transliteration)
        assert response.to_dict() == expected


def test_infobip_documented_example(server: Server) -> None:
    response = client(server).preview_sms_message(request(TEXTS["infobip-example"], None, None))
    assert (response.previews[0].message_count, response.previews[0].characters_remaining) == (
        1,
        95,
    )


def test_autodetect_names_the_winning_infobip_language(server: Server) -> None:
    response = client(server).preview_sms_message(
        request("Kadıköy'de buluşalım", "AUTODETECT", None)
    )
    assert [p.configuration.language.language_code for p in response.previews[1:]] == ["TR"]
    assert response.previews[1].characters_remaining == 155 - len("Kadıköy'de buluşalım")


def test_any_configured_key_is_accepted(keyed_server: Server) -> None:
    for key in KEYS:
        response = client(keyed_server, key).preview_sms_message(request("hi", "TR", None))
        assert response.to_dict() == as_sdk_sees_it(preview("hi", "TR").to_dict())


UNAUTHORIZED = {
    "requestError": {
        "serviceException": {"messageId": "UNAUTHORIZED", "text": "Invalid login details"}
    }
}


@pytest.mark.parametrize("key", ["wrong", "first-ke", "first-key2", "FIRST-KEY"])
def test_a_wrong_key_is_401(keyed_server: Server, key: str) -> None:
    with pytest.raises(UnauthorizedException) as raised:
        client(keyed_server, key).preview_sms_message(request("hi", None, None))
    assert raised.value.status == 401
    assert json.loads(raised.value.body) == UNAUTHORIZED
    assert raised.value.data.request_error.service_exception.message_id == "UNAUTHORIZED"


def bad_request(**errors: list[str]) -> dict[str, Any]:
    return {
        "requestError": {
            "serviceException": {
                "messageId": "BAD_REQUEST",
                "text": "Bad request",
                "validationErrors": errors,
            }
        }
    }


ENUM_LANGUAGE = "must be one of TR, ES, PT, AUTODETECT"
ENUM_TRANSLITERATION = f"must be one of {', '.join(MODES)}"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        # "TR\n" passes the SDK's own check (re.match with $), so the server must refuse it.
        ({"text": "a", "language_code": "TR\n"}, {"languageCode": [ENUM_LANGUAGE]}),
        # The rest the SDK would refuse itself; model_construct sends them unchecked.
        ({"text": "a", "language_code": "tr"}, {"languageCode": [ENUM_LANGUAGE]}),
        ({"text": "a", "language_code": "HI"}, {"languageCode": [ENUM_LANGUAGE]}),
        ({"text": "a", "language_code": " TR"}, {"languageCode": [ENUM_LANGUAGE]}),
        ({"text": "a", "transliteration": "turkish"}, {"transliteration": [ENUM_TRANSLITERATION]}),
        (
            {"text": "a", "transliteration": "TURKISH+CUSTOM"},
            {"transliteration": [ENUM_TRANSLITERATION]},
        ),
        ({"text": 5}, {"text": ["must be a string"]}),
        ({"text": None}, {"text": ["must not be null"]}),
        (
            {"text": ["a"], "language_code": "X", "transliteration": "Y"},
            {
                "text": ["must be a string"],
                "languageCode": [ENUM_LANGUAGE],
                "transliteration": [ENUM_TRANSLITERATION],
            },
        ),
    ],
)
def test_invalid_fields_are_400_naming_each(
    server: Server, fields: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    unchecked = SmsPreviewRequest.model_construct(**fields)
    with warnings.catch_warnings(), pytest.raises(BadRequestException) as raised:
        # pydantic warns that it serializes a non-str text: sending one is the point.
        warnings.simplefilter("ignore", UserWarning)
        client(server).preview_sms_message(unchecked)
    assert raised.value.status == 400
    assert json.loads(raised.value.body) == bad_request(**errors)
    assert raised.value.data.request_error.service_exception.validation_errors == errors


def test_more_than_255_parts_is_400_on_text(server: Server) -> None:
    text = "a" * (153 * 255 + 1)
    with pytest.raises(BadRequestException) as raised:
        client(server).preview_sms_message(request(text, None, None))
    assert raised.value.status == 400
    assert json.loads(raised.value.body) == bad_request(
        text=[
            "the text needs 256 GSM7 parts of 153 units; at most 255 are allowed (a "
            "concatenated SMS counts its parts in one octet: TS 23.040 §9.2.3.24.1)"
        ]
    )


def test_255_parts_exactly_is_answered(server: Server) -> None:
    text = "a" * (153 * 255)
    response = client(server).preview_sms_message(request(text, None, None))
    assert (response.previews[0].message_count, response.previews[0].characters_remaining) == (
        255,
        0,
    )


def test_the_sdk_raises_its_api_exception(server: Server) -> None:
    with pytest.raises(ApiException):
        client(server).preview_sms_message(
            SmsPreviewRequest.model_construct(text="a", language_code="xx")
        )
