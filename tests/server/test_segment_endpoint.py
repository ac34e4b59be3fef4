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
    library = segmentation.to_dict()
    assert set(body) == set(library) | extra
    assert {k: body[k] for k in library} == library
    assert body["parts_if_all_replaced"] == segmentation.parts_if_all_replaced
    assert body["units"] == segmentation.units
    assert body["unit"] == {"GSM7": "septet", "UCS2": "UTF-16 code unit"}[segmentation.encoding]
    assert body["preview"] == previews.to_dict()
    assert body["preview_details"] == [
        {
            "encoding": entry.segmentation.encoding,
            "units": entry.segmentation.units,
            "capacity": entry.segmentation.capacity,
            "non_gsm_chars": [use.char for use in entry.segmentation.non_gsm],
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
    # The suggestions are the library's own (CharacterUse), never a second opinion.
    assert body["suggestions"] == [
        {"char": u.char, "replacement": u.suggestion, "parts_if_replaced": u.parts_if_replaced}
        for u in segmentation.non_gsm
    ]


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
        {"char": "👩", "replacement": None, "parts_if_replaced": None},
        {"char": "\u200d", "replacement": "", "parts_if_replaced": 1},  # "": remove it
        {"char": "💻", "replacement": None, "parts_if_replaced": None},
        {"char": "ç", "replacement": "c", "parts_if_replaced": 1},
        {"char": "🇩", "replacement": None, "parts_if_replaced": None},
        {"char": "🇪", "replacement": None, "parts_if_replaced": None},
    ]


def test_a_suggestion_that_saves_a_part(client: httpx.Client) -> None:
    text = "Hi Anna! Your table for 4 is booked for 7 pm tonight. We\u2019re looking forward"
    # 150 characters: three UCS-2 parts of 67 (TS 23.040 §9.2.3.24.1 header in each),
    # or one GSM part of 160 once the apostrophe is a GSM one.
    body = post(client, {"text": text * 2}).json()
    assert (body["encoding"], body["message_count"]) == ("UCS2", 3)
    assert body["suggestions"] == [{"char": "\u2019", "replacement": "'", "parts_if_replaced": 1}]
    assert body["parts_if_all_replaced"] == 1


@pytest.mark.parametrize(
    "char",
    # Where the calculator's own transliteration-based answer and the library's
    # CharacterUse.suggestion disagreed: invisible characters (remove them) and
    # characters that normalise to a GSM one.
    ["\u200b", "\u00ad", "\u2126", "\u212b", "\u1f71", "\u037e", "\u2000", "Ь"],
)
def test_suggestions_are_the_library_s(client: httpx.Client, char: str) -> None:
    text = f"a{char}b"
    body = post(client, {"text": text}).json()
    (use,) = smsenc.segment(text).non_gsm
    assert body["suggestions"] == [
        {"char": char, "replacement": use.suggestion, "parts_if_replaced": use.parts_if_replaced}
    ]


def test_invisible_characters_are_to_be_removed(client: httpx.Client) -> None:
    body = post(client, {"text": "zero\u200bwidth soft\u00adhyphen"}).json()
    assert body["suggestions"] == [
        {"char": "\u200b", "replacement": "", "parts_if_replaced": 1},
        {"char": "\u00ad", "replacement": "", "parts_if_replaced": 1},
    ]
    assert (body["encoding"], body["parts_if_all_replaced"]) == ("UCS2", 1)


def test_each_configuration_names_what_keeps_it_in_ucs2(client: httpx.Client) -> None:
    # Under TR the dotless i is encodable: only the Cyrillic letters keep the text UCS-2.
    body = post(client, {"text": "Привет ı!", "languageCode": "TR"}).json()
    assert [entry["configuration"] for entry in body["preview"]["previews"]] == [
        {},
        {"language": {"languageCode": "TR", "singleShift": False, "lockingShift": False}},
    ]
    assert [detail["non_gsm_chars"] for detail in body["preview_details"]] == [
        ["П", "р", "и", "в", "е", "т", "ı"],
        ["П", "р", "и", "в", "е", "т"],
    ]
    gsm = post(client, {"text": "Kadıköy", "languageCode": "TR"}).json()
    assert [detail["non_gsm_chars"] for detail in gsm["preview_details"]] == [["ı"], []]


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
