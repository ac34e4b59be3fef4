"""``POST /smsenc/v1/segment``: everything the calculator page shows, computed by smsenc.

The page counts nothing itself, so this answer carries, next to
``smsenc.segment(...).to_dict()``, each part cut into runs of characters of equal cost,
for each character that forced UCS-2 the library's suggestion (``CharacterUse.suggestion``:
a GSM replacement, ``""`` to remove it, None for none) and the part count with it
replaced, the part count with every suggestion made,
``smsenc.preview(...).to_dict()`` for the configurations Infobip would offer, and
each of those configurations' encoding, units, capacity and the characters that keep
it in UCS-2.  Only public functions of :mod:`smsenc` are called.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import ESCAPE, TooManyPartsError, encode, preview, segment
from .infobip import JSONResponse, bad_request, preview_request
from .requests import authorize, read_json_object

UNIT_NAMES = {"GSM7": "septet", "UCS2": "UTF-16 code unit"}


def _costs(text: str, payload: bytes, encoding: str) -> list[int]:
    """Each character's units in one part, read off the part's unpacked payload.

    GSM 7-bit: one septet per octet, an ESC octet before a single shift character
    (TS 23.038 §6.2.1.1), so a character costs 2 exactly when its first octet is ESC.
    UCS-2: UTF-16-BE, so a character above U+FFFF costs 2 (a surrogate pair) and any
    other, a lone surrogate included, costs 1.
    """
    if encoding == "UCS2":
        return [2 if ord(char) > 0xFFFF else 1 for char in text]
    costs: list[int] = []
    at = 0
    for _ in text:
        cost = 2 if payload[at] == ESCAPE else 1
        costs.append(cost)
        at += cost
    assert at == len(payload)  # every septet of the part belongs to one character
    return costs


def _joins(run: str, char: str) -> bool:
    """Whether ``char`` continues the emoji or mark sequence ending ``run``, so that the
    page does not cut a ZWJ sequence, a flag or a skin tone across two elements (a
    display choice only: every character keeps its own cost)."""
    code, last = ord(char), ord(run[-1])
    if code == 0x200D or last == 0x200D or unicodedata.combining(char):
        return True
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
        return True  # variation selectors, skin tone modifiers, emoji tag characters
    regional = [0x1F1E6 <= ord(c) <= 0x1F1FF for c in run]
    return 0x1F1E6 <= code <= 0x1F1FF and regional[-1] and sum(regional) % 2 == 1


def _runs(text: str, costs: list[int], forcing: set[str]) -> list[dict[str, Any]]:
    """The part cut into runs, with each character's cost (``costs``, one per code
    point): runs of characters of one cost, and apart from them each character that
    forced UCS-2 (with the marks, joiners and modifiers that belong to it), so the page
    can mark it in place."""
    runs: list[dict[str, Any]] = []
    for char, cost in zip(text, costs, strict=True):
        flagged = char in forcing
        last = runs[-1] if runs else None
        if last is None or last["non_gsm"] != flagged:
            extends = False
        elif flagged:
            extends = _joins(last["text"], char)
        else:
            extends = last["costs"][-1] == cost
        if last is not None and extends:
            last["text"] += char
            last["costs"].append(cost)
        else:
            runs.append({"text": char, "costs": [cost], "non_gsm": flagged})
    return runs


def calculate(text: str, language_code: str | None, transliteration: str | None) -> dict[str, Any]:
    """The calculator's answer for one request (see the module docstring)."""
    segmentation = segment(text, language_code, transliteration)
    # reference=0: the concatenation reference changes no count, and a fixed one keeps
    # the answer deterministic.
    message = encode(text, language_code, transliteration, packed=False, reference=0)
    forcing = {use.char for use in segmentation.non_gsm}
    body = segmentation.to_dict()
    body["unit"] = UNIT_NAMES[segmentation.encoding]
    body["part_runs"] = [
        _runs(part.text, _costs(part.text, part.payload, segmentation.encoding), forcing)
        for part in message.parts
    ]
    body["suggestions"] = [
        {
            "char": use.char,
            "replacement": use.suggestion,
            "parts_if_replaced": use.parts_if_replaced,
        }
        for use in segmentation.non_gsm
    ]
    previews = preview(text, language_code, transliteration)
    body["preview"] = previews.to_dict()
    # What Infobip's preview leaves out but the page shows: each configuration's
    # encoding, units used of the per-part capacity, and what keeps it in UCS-2 (under
    # that configuration's tables, so a language code's own letters are not listed).
    body["preview_details"] = [
        {
            "encoding": entry.segmentation.encoding,
            "units": entry.segmentation.units,
            "capacity": entry.segmentation.capacity,
            "non_gsm_chars": [use.char for use in entry.segmentation.non_gsm],
        }
        for entry in previews.previews
    ]
    return body


async def segment_endpoint(request: Request) -> Response:
    """``POST /smsenc/v1/segment``: the calculator page's data; same request, keys and
    validation as ``POST /sms/1/preview``."""
    authorize(request)
    text, language_code, transliteration = preview_request(await read_json_object(request))
    try:
        body = calculate(text, language_code, transliteration)
    except TooManyPartsError as error:
        raise bad_request("Bad request", {"text": [str(error)]}) from None
    return JSONResponse(body)
