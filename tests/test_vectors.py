"""Fixed expectations with their provenance, kept as data in tests/vectors/*.json.

Each file holds an ``about`` (what its cases check, with the clauses) and ``cases``,
each with a ``source``.  One checker per file; a case's test id names file and index.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import smsenc
from smsenc.gsm.packing import pack
from smsenc.gsm.udh import septet_capacity, ucs2_capacity

VECTORS = Path(__file__).parent / "vectors"
Case = dict[str, Any]


def _text(pieces: list[list[Any]]) -> str:
    return "".join(piece * times for piece, times in pieces)


def _capacities(case: Case) -> None:
    assert septet_capacity(case["udh_octets"]) == case["septets"]
    assert ucs2_capacity(case["udh_octets"]) == case["units"]


def _packing(case: Case) -> None:
    packed = bytes.fromhex(case["packed"])
    if "text" in case:
        assert codecs.encode(case["text"], "gsm-7-packed") == packed
        assert codecs.decode(packed, "gsm-7-packed") == case.get("decoded", case["text"])
    else:
        assert pack(bytes.fromhex(case["septets"]), case["fill"]) == packed


def _segmentation(case: Case) -> None:
    result = smsenc.segment(_text(case["text"]), **case.get("options", {}))
    assert result.encoding == case["encoding"]
    assert list(result.part_units) == case["part_units"]
    assert result.characters_remaining == case["characters_remaining"]
    assert result.udh_octets == case["udh_octets"]
    if "udh" in case:
        assert result.udh(1).hex() == case["udh"]


def _udh(case: Case) -> None:
    message = smsenc.encode(_text(case["text"]), **case.get("options", {}))
    found = [
        {"udh": part.udh.hex(), "units": part.units, "udl": part.udl, "dcs": part.dcs}
        for part in message.parts
    ]
    assert found == case["parts"]


def _pdu(case: Case) -> None:
    import smsenc.pdu as pdu

    parsed = pdu.parse(case["pdu"], has_smsc=case.get("has_smsc", True))
    data = parsed.to_dict()
    assert data["type"] == case["type"]
    if "smsc" in case:
        assert (parsed.smsc and parsed.smsc.number) == case["smsc"]
    if isinstance(parsed, pdu.Submit):
        assert parsed.destination.number == case["destination"]
        assert parsed.destination.type_of_address == case["type_of_address"]
        assert data["validity"] == case["validity_seconds"]
    if isinstance(parsed, pdu.Deliver):
        assert parsed.originator.number == case["originator"]
        assert parsed.originator.type_of_address == case["type_of_address"]
        assert data["timestamp"] == case["timestamp"]
    if isinstance(parsed, pdu.StatusReport):
        assert parsed.recipient.number == case["recipient"]
        assert data["timestamp"] == case["timestamp"]
        assert data["discharge_time"] == case["discharge_time"]
        assert parsed.status == case["status"]
    assert parsed.text == case.get("text")


def _transliteration(case: Case) -> None:
    assert smsenc.transliterate(case["text"], case["mode"]) == case["expected"]


CHECKERS: dict[str, Callable[[Case], None]] = {
    "capacities": _capacities,
    "packing": _packing,
    "pdu": _pdu,
    "segmentation": _segmentation,
    "udh": _udh,
    "transliteration": _transliteration,
}


def _cases() -> list[Any]:
    params = []
    for path in sorted(VECTORS.glob("*.json")):
        for index, case in enumerate(json.loads(path.read_text(encoding="utf-8"))["cases"]):
            params.append(pytest.param(path.stem, case, id=f"{path.stem}-{index}"))
    return params


def test_every_vector_file_has_a_checker_and_every_case_a_source() -> None:
    for path in VECTORS.glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert path.stem in CHECKERS, path.name
        assert document["about"], path.name
        assert all(case["source"] for case in document["cases"]), path.name


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_vector(kind: str, case: Case) -> None:
    CHECKERS[kind](case)
