"""parse_receipt(): SMPP 3.4 Appendix B delivery receipts, read tolerantly."""

from __future__ import annotations

from datetime import datetime

import pytest

from smsenc.smpp import NetworkErrorCode, Receipt, parse_receipt

APPENDIX_B = (
    "id:0123456789 sub:001 dlvrd:001 submit date:0610191018 done date:0610191020 "
    "stat:DELIVRD err:000 text:Hello World: hi"
)


def test_the_appendix_b_format() -> None:
    assert parse_receipt(APPENDIX_B) == Receipt(
        id="0123456789",
        sub=1,
        dlvrd=1,
        submit_date=datetime(2006, 10, 19, 10, 18),
        done_date=datetime(2006, 10, 19, 10, 20),
        stat="DELIVRD",
        err="000",
        text="Hello World: hi",
        message_state=2,
        network_error_code=None,
        extra=(),
    )
    assert parse_receipt(APPENDIX_B.encode("ascii")) == parse_receipt(APPENDIX_B)


def test_any_order_any_case_seconds_missing_and_vendor_fields() -> None:
    receipt = parse_receipt(
        "Stat:undeliv ID:7f3a9c ERR:0b1 Submit_Date:230115101530 imsi:262011234567890 "
        "Text:x: y stat:DELIVRD"
    )
    assert receipt.id == "7f3a9c" and receipt.stat == "UNDELIV" and receipt.message_state == 5
    assert receipt.err == "0b1" and receipt.submit_date == datetime(2023, 1, 15, 10, 15, 30)
    assert (receipt.sub, receipt.dlvrd, receipt.done_date) == (None, None, None)
    assert receipt.extra == (("imsi", "262011234567890"),)
    assert receipt.text == "x: y stat:DELIVRD"  # text: runs to the end


def test_tlvs_take_precedence_over_the_text() -> None:
    receipt = parse_receipt(
        b"id:123 stat:UNDELIV err:001",
        {
            "receipted_message_id": b"7B\x00",
            "message_state": 2,
            "network_error_code": bytes.fromhex("030001"),
        },
    )
    assert (receipt.id, receipt.stat, receipt.message_state) == ("7B", "DELIVRD", 2)
    assert receipt.network_error_code == NetworkErrorCode(network_type=3, error_code=1)
    assert receipt.err == "001"
    # The TLVs alone make a receipt; a payload stands for an empty short_message.
    alone = parse_receipt(b"", {"receipted_message_id": "abc", "message_state": 3})
    assert (alone.id, alone.stat, alone.text) == ("abc", "EXPIRED", None)
    payload = parse_receipt(b"", {"message_payload": b"id:9 stat:ACCEPTD"})
    assert (payload.id, payload.message_state) == ("9", 6)


def test_ids_match_in_decimal_or_hex() -> None:
    receipt = parse_receipt("id:123 stat:DELIVRD")
    assert receipt.matches("123") and receipt.matches("7B") and receipt.matches("7b")
    assert receipt.matches("0000123") and not receipt.matches("124")
    assert parse_receipt("id:7B stat:DELIVRD").matches("123")


def test_to_dict_is_json_ready() -> None:
    data = parse_receipt(APPENDIX_B, {"network_error_code": b"\x03\x00\x01"}).to_dict()
    assert data["submit_date"] == "2006-10-19T10:18:00"
    assert data["network_error_code"] == {"network_type": 3, "error_code": 1}
    assert data["extra"] == {}


@pytest.mark.parametrize(
    ("given", "tlvs", "error", "message"),
    [
        ("hello world", None, ValueError, "not a delivery receipt: no id field"),
        ("id:5 hello", None, ValueError, "not a delivery receipt: no stat field"),
        ("id:5 stat:DELIVRD submit date:2313011200", None, ValueError, "month must be in 1..12"),
        ("id:5 stat:DELIVRD done date:06101910", None, ValueError, "done date must be YYMMDDhhmm"),
        ("id:5 stat:DELIVRD sub:abc", None, ValueError, "sub must be decimal digits"),
        ("id:5 stat:X", {"message_state": 9}, ValueError, r"message_state must be 1\.\.8"),
        ("id:5 stat:X", {"network_error_code": b"\x03"}, ValueError, "must be 3 octets"),
        ("id:5 stat:X", [1], TypeError, "tlvs must be a mapping"),
        (5, None, TypeError, "short_message must be bytes"),
        (b"x" * 255, None, ValueError, "at most 254 octets"),
    ],
)
def test_bad_receipts_are_clear_errors(
    given: object, tlvs: object, error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        parse_receipt(given, tlvs)  # type: ignore[arg-type]
