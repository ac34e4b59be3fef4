"""``POST /smsenc/v1/segment`` over a real socket: bodies compared exactly to what
``segment()``, ``encode()`` and ``preview()`` say."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import smsenc
from smsenc.server.infobip import LANGUAGE_CODES, TRANSLITERATIONS

from .live_server import Server, running_server

URL = "/smsenc/v1/segment"


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url) as http:
        yield http


def post(client: httpx.Client, body: object) -> httpx.Response:
    # Written by hand so that lone surrogates go out as \u escapes, as a browser sends them.
    return client.post(
        URL, content=json.dumps(body).encode("ascii"), headers={"content-type": "application/json"}
    )


def expected_costs(text: str, language: str | None, mode: str | None) -> list[list[int]]:
    """Per part, each character's units, from the encoder's unpacked septets or UTF-16."""
    message = smsenc.encode(text, language, mode, packed=False, reference=0)
    out = []
    for part in message.parts:
        if message.segmentation.encoding == "UCS2":
            out.append([len(c.encode("utf-16-be", "surrogatepass")) // 2 for c in part.text])
            continue
        costs, at = [], 0
        for _ in part.text:
            cost = 2 if part.payload[at] == 0x1B else 1
            costs.append(cost)
            at += cost
        out.append(costs)
    return out


TEXTS = [
    "Hello",
    "",
    "Price: 5€ {promo} [x] ~ ^ | \\",
    "Şimdi ğüzel İstanbul ç",
    "¿Qué tal? ñ á é í ó ú",
    "Olá, você está à espera? ç ã õ",
    "naïve café 👩\u200d💻 🇩🇪 👍🏽",
    "lone \ud83d surrogate",
    "שלום עולם and مرحبا",
    "x" * 161,
    "€" * 200,
    "Ж" * 71,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("language", [None, *LANGUAGE_CODES])
@pytest.mark.parametrize("mode", [None, "TURKISH", "ALL"])
def test_body_is_segment_plus_what_the_page_needs(
    client: httpx.Client, text: str, language: str | None, mode: str | None
) -> None:
    response = post(client, {"text": text, "languageCode": language, "transliteration": mode})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = json.loads(response.content)
    segmentation = smsenc.segment(text, language, mode)
    previews = smsenc.preview(text, language, mode)
    extra = {
        "unit",
        "part_runs",
        "suggestions",
        "preview",
        "preview_details",
    }
    assert {k: v for k, v in body.items() if k not in extra} == segmentation.to_dict()
    assert body["units"] == segmentation.units
    assert body["unit"] == {"GSM7": "septet", "UCS2": "UTF-16 code unit"}[segmentation.encoding]
    assert body["preview"] == previews.to_dict()
    assert body["preview_details"] == [
        {
            "encoding": entry.segmentation.encoding,
            "units": entry.segmentation.units,
            "capacity": entry.segmentation.capacity,
        }
        for entry in previews.previews
    ]
    # The runs join back to each part, their costs to each character's and part's units.
    runs = body["part_runs"]
    assert ["".join(run["text"] for run in part) for part in runs] == list(segmentation.parts)
    costs = [[c for run in part for c in run["costs"]] for part in runs]
    assert costs == expected_costs(text, language, mode)
    assert [sum(part) for part in costs] == list(segmentation.part_units)
    forcing = {use.char for use in segmentation.non_gsm}
    for part in runs:
        for run in part:
            assert len(run["costs"]) == len(run["text"])
            if run["non_gsm"]:
                assert run["text"][0] in forcing
            else:
                assert not set(run["text"]) & forcing
                assert len(set(run["costs"])) == 1
    assert [s["char"] for s in body["suggestions"]] == [use.char for use in segmentation.non_gsm]


def test_runs_of_a_known_text(client: httpx.Client) -> None:
    body = post(client, {"text": "a{b}"}).json()
    assert body["part_runs"] == [
        [
            {"text": "a", "costs": [1], "non_gsm": False},
            {"text": "{", "costs": [2], "non_gsm": False},
            {"text": "b", "costs": [1], "non_gsm": False},
            {"text": "}", "costs": [2], "non_gsm": False},
        ]
    ]
    assert body["suggestions"] == []


def test_forcing_characters_keep_their_sequences_whole(client: httpx.Client) -> None:
    body = post(client, {"text": "a👩\u200d💻b ç🇩🇪"}).json()
    assert body["part_runs"] == [
        [
            {"text": "a", "costs": [1], "non_gsm": False},
            {"text": "👩\u200d💻", "costs": [2, 1, 2], "non_gsm": True},
            {"text": "b ", "costs": [1, 1], "non_gsm": False},
            {"text": "ç", "costs": [1], "non_gsm": True},
            {"text": "🇩🇪", "costs": [2, 2], "non_gsm": True},
        ]
    ]
    assert body["suggestions"] == [
        {"char": "👩", "replacement": None},
        {"char": "\u200d", "replacement": None},
        {"char": "💻", "replacement": None},
        {"char": "ç", "replacement": "c"},
        {"char": "🇩", "replacement": None},
        {"char": "🇪", "replacement": None},
    ]


def test_lone_surrogate_round_trips(client: httpx.Client) -> None:
    response = post(client, {"text": "a\ud800b"})
    assert b'"original_text":"a\\ud800b"' in response.content
    assert json.loads(response.content)["part_runs"][0][1] == {
        "text": "\ud800",
        "costs": [1],
        "non_gsm": True,
    }


def test_validation_is_the_preview_routes(client: httpx.Client) -> None:
    response = post(client, {"text": 5, "languageCode": "tr", "transliteration": "NOPE"})
    assert response.status_code == 400
    assert response.json() == {
        "requestError": {
            "serviceException": {
                "messageId": "BAD_REQUEST",
                "text": "Bad request",
                "validationErrors": {
                    "text": ["must be a string"],
                    "languageCode": [f"must be one of {', '.join(LANGUAGE_CODES)}"],
                    "transliteration": [f"must be one of {', '.join(TRANSLITERATIONS)}"],
                },
            }
        }
    }
    assert client.get(URL).status_code == 405


def test_too_many_parts_is_a_400(client: httpx.Client) -> None:
    text = "Ж" * (67 * 255 + 1)  # 34 KiB as UTF-8: within the body limit
    response = client.post(URL, content=json.dumps({"text": text}, ensure_ascii=False).encode())
    assert response.status_code == 400
    with pytest.raises(smsenc.TooManyPartsError) as error:
        smsenc.segment(text)
    assert response.json()["requestError"]["serviceException"]["validationErrors"] == {
        "text": [str(error.value)]
    }


def test_keys_are_checked_as_for_the_preview() -> None:
    with running_server(api_keys=["k1"]) as keyed, httpx.Client(base_url=keyed.url) as http:
        assert http.post(URL, json={"text": "x"}).status_code == 401
        ok = http.post(URL, json={"text": "x"}, headers={"Authorization": "App k1"})
        assert ok.status_code == 200
        assert ok.json()["message_count"] == 1
        assert http.get("/").status_code == 200  # the page itself needs no key


def test_page_and_assets_are_served_self_contained(client: httpx.Client) -> None:
    for path, kind in [
        ("/", "text/html"),
        ("/page/page.js", "text/javascript"),
        ("/page/page.css", "text/css"),
    ]:
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"] == f"{kind}; charset=utf-8"
        assert "default-src 'none'" in response.headers["content-security-policy"]
        # Nothing from elsewhere: no absolute URL in what the browser loads.
        assert "http://" not in response.text and "https://" not in response.text


def test_openapi_documents_the_endpoint(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    operation = document["paths"][URL]["post"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SmsencSegment"
    }
    schema = document["components"]["schemas"]["SmsencSegment"]
    body = post(client, {"text": "Hi ç"}).json()
    assert set(schema["required"]) == set(body) == set(schema["properties"])
    assert "/" in document["paths"]
