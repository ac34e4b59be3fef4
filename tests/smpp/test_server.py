"""smsenc's fields over a socket: node-smpp as the SMSC, smpplib as the gateway (issue 27.6).

A real SMPP 3.4 server (tests/smpp/server/server.js on the npm package ``smpp``, pinned in
its package-lock.json; ``npm ci`` there installs it) listens on 127.0.0.1.  smpplib binds
as a transceiver and sends every part submit_parts() makes with submit_sm; the server
reads each PDU with node-smpp's own decoder and reports its fields, its UDH, its text
and its octets, which smpplib's parser and smsenc read too.  Then the server sends
deliver_sm parts (UDH, SAR, payload; out of order) and receipts, which smpplib receives
and smsenc reads back.  Marked ``smpp``: `.ci/run` runs it; a server that cannot start
fails the test, never skips it.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import smpplib.client
import smpplib.consts
import smpplib.smpp

import smsenc
from smsenc.smpp import PROFILES, SmscProfile, parse_receipt, read_deliver_sm, submit_parts

pytestmark = pytest.mark.smpp

SERVER = Path(__file__).parent / "server"


class Smsc:
    """The node-smpp server process: its events as JSON lines, commands on stdin."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None or not (SERVER / "node_modules" / "smpp").is_dir():
            pytest.fail("the SMPP server needs node and `npm ci` in tests/smpp/server")
        self.process = subprocess.Popen(
            [node, "server.js"],
            cwd=SERVER,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        listening = self.next("listening")
        self.port = int(listening["port"])

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.events.put(json.loads(line))

    def next(self, kind: str) -> dict[str, Any]:
        try:
            event = self.events.get(timeout=10)
        except queue.Empty:
            pytest.fail(f"the SMPP server sent no {kind} event within 10 s")
        assert event["event"] == kind, event
        return event

    def send(self, command: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def close(self) -> None:
        self.send({"op": "quit"})
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def smsc() -> Iterator[Smsc]:
    server = Smsc()
    yield server
    server.close()


@pytest.fixture(scope="module")
def client(smsc: Smsc) -> Iterator[smpplib.client.Client]:
    gateway = smpplib.client.Client(
        "127.0.0.1", smsc.port, timeout=10, allow_unknown_opt_params=True
    )
    gateway.connect()
    gateway.bind_transceiver(system_id="smsenc", password="secret")
    yield gateway
    gateway.unbind()
    gateway.disconnect()


def _submit(smsc: Smsc, client: smpplib.client.Client, part: smsenc.smpp.SubmitPart) -> dict:
    """Send one part with submit_sm; the server's report of what it received."""
    sent = client.send_message(
        source_addr_ton=smpplib.consts.SMPP_TON_INTL,
        source_addr="46708251358",
        dest_addr_ton=smpplib.consts.SMPP_TON_INTL,
        destination_addr="385911234567",
        short_message=part.short_message,
        data_coding=part.data_coding,
        esm_class=part.esm_class,
        **part.tlvs,
    )
    responses: list[Any] = []
    client.set_message_sent_handler(lambda pdu: responses.append(pdu))
    client.read_once()
    report = smsc.next("submit_sm")
    (response,) = responses
    assert response.sequence == sent.sequence
    assert response.message_id.decode() == report["message_id"]
    return report


# Texts with escapes at part boundaries, national tables, emoji and Latin-1 characters.
TEXTS = {
    "escape at 153": "a" * 152 + "€" + "a" * 10,
    "braces": "{" * 81,
    "latin1": "Café déjà vu à Zürich: {prix} 12 £, ½ ÿ",
    "not gsm": "Olá, você está? ê õ",
    "euro": "Total: 12€ ^ [ok] | ~" * 5,
    "emoji": "Hi 😀 " * 20,
    "ascii": "Meet @ 10:00 in room #5 (B), cost $3 - ok?" * 4,
}
PROFILE_CASES = [
    *PROFILES.items(),
    ("udh16", SmscProfile(concatenation="udh16")),
    ("ia5+latin1", SmscProfile(default_alphabet="ascii", latin1=True, national_tables=False)),
    ("packed", SmscProfile(packed=True)),
]


def _node_text(report: dict, profile: SmscProfile, data_coding: int) -> Any:
    alphabet = profile.default_alphabet if data_coding == 0 else "gsm"
    return report["node"][alphabet]


@pytest.mark.parametrize(("name", "profile"), PROFILE_CASES, ids=[n for n, _ in PROFILE_CASES])
@pytest.mark.parametrize("label", list(TEXTS))
def test_submit_sm_fields_arrive_as_smsenc_made_them(
    smsc: Smsc, client: smpplib.client.Client, name: str, profile: SmscProfile, label: str
) -> None:
    text = TEXTS[label]
    reference = None if profile.concatenation == "payload" else 0x7B
    parts = submit_parts(text, profile=profile, reference=reference)
    read_back = []
    for part in parts:
        report = _submit(smsc, client, part)
        node = _node_text(report, profile, part.data_coding)
        # node-smpp's reading of the fields
        assert node["esm_class"] == part.esm_class
        assert node["data_coding"] == part.data_coding
        for tlv in ("sar_msg_ref_num", "sar_total_segments", "sar_segment_seqnum"):
            assert node[tlv] == getattr(part, tlv)
        if part.esm_class & 0x40:
            udh = part.short_message[: 1 + part.short_message[0]]
            assert "".join(node["udh"]) == udh[1:].hex()  # its IEs, never text
        else:
            assert node["udh"] == []
        # node-smpp's text: unpacked GSM, IA5, Latin-1 and UCS-2 (it cannot unpack septets)
        if not profile.packed or part.data_coding == 8:
            got = node["message_payload"] if part.message_payload else node["text"]
            assert got == part.text
        # smpplib's parser on the octets the server received, then smsenc
        received = smpplib.smpp.parse_pdu(bytes.fromhex(report["octets"]), client=client)
        assert (received.short_message or b"") == part.short_message
        assert received.sm_length == part.sm_length
        tlvs = {
            tlv: getattr(received, tlv)
            for tlv in ("sar_msg_ref_num", "sar_total_segments", "sar_segment_seqnum")
        }
        tlvs["message_payload"] = received.message_payload
        try:
            read = read_deliver_sm(
                received.short_message or b"",
                data_coding=received.data_coding,
                esm_class=received.esm_class,
                tlvs=tlvs,
                profile=profile,
            )
        except smsenc.DecodeError:
            # Packed septets that leave the last octet's 7 bits spare: SMS pads them with
            # zeros (TS 23.038 §6.1.2.1.1), which read as '@', and SMPP carries no
            # TP-UDL to tell; smsenc refuses to guess.  Only then.
            assert profile.packed
            header = -(-8 * (1 + part.short_message[0]) // 7) if part.esm_class else 0
            assert 8 * part.sm_length - 7 * (header + part.units) == 7
            read_back = []
            break
        read_back.append(read)
    if read_back:
        assert smsenc.reassemble(reversed(read_back)) == text
    if read_back and profile.concatenation in ("udh8", "udh16") and len(parts) > 1:
        bits = profile.reference_bits
        assert {(p.concatenation.reference, p.concatenation.reference_bits) for p in read_back} == {
            (0x7B, bits)
        }


def test_national_tables_reach_the_server_as_ies(smsc: Smsc, client: smpplib.client.Client) -> None:
    text = "Yarın 14:00'te Kadıköy'de buluşalım mı? Çok güzel olacak, söz veriyorum!" * 3
    parts = submit_parts(text, "TR", reference=5)
    reports = [_submit(smsc, client, part) for part in parts]
    for sequence, (part, report) in enumerate(zip(parts, reports, strict=True), 1):
        node = report["node"]["gsm"]
        assert node["udh"][0] == f"000305{len(parts):02x}{sequence:02x}"
        assert node["udh"][1:] == ["250101"]  # locking shift IE, Turkish (TS 23.040 §9.2.3.24.16)
        assert node["text"] == part.text  # node-smpp reads the Turkish table too
    read = [
        read_deliver_sm(bytes.fromhex(r["octets"])[-p.sm_length :], esm_class=0x40)
        for r, p in zip(reports, parts, strict=True)
    ]
    assert smsenc.reassemble(read) == text


def _deliver(
    smsc: Smsc, client: smpplib.client.Client, fields: dict[str, Any]
) -> smpplib.command.DeliverSM:
    """Have the server send one deliver_sm; the PDU as smpplib parsed it."""
    received: list[Any] = []
    client.set_message_received_handler(lambda pdu: received.append(pdu))
    smsc.send(
        {
            "op": "deliver_sm",
            "fields": {"source_addr": "385911234567", "destination_addr": "1000", **fields},
        }
    )
    client.read_once()
    assert smsc.next("deliver_sm_resp")["command_status"] == 0
    (pdu,) = received
    return pdu


def _read(pdu: Any, profile: SmscProfile = PROFILES["smpp34"]) -> smsenc.DecodedPart:
    names = ("sar_msg_ref_num", "sar_total_segments", "sar_segment_seqnum", "message_payload")
    return read_deliver_sm(
        pdu.short_message or b"",
        data_coding=pdu.data_coding,
        esm_class=pdu.esm_class,
        tlvs={name: getattr(pdu, name) for name in names},
        profile=profile,
    )


def _fields(part: smsenc.smpp.SubmitPart) -> dict[str, Any]:
    tlvs = {k: {"hex": v.hex()} if isinstance(v, bytes) else v for k, v in part.tlvs.items()}
    return {
        "esm_class": part.esm_class,
        "data_coding": part.data_coding,
        "short_message": {"hex": part.short_message.hex()},
        **tlvs,
    }


@pytest.mark.parametrize(("name", "profile"), PROFILE_CASES, ids=[n for n, _ in PROFILE_CASES])
def test_deliver_sm_parts_out_of_order_read_back(
    smsc: Smsc, client: smpplib.client.Client, name: str, profile: SmscProfile
) -> None:
    text = "Zürich {ok}: 😀 " * 12 if profile.default_alphabet != "ascii" else "a {b} " * 60
    reference = None if profile.concatenation == "payload" else 0x2A
    parts = submit_parts(text, profile=profile, reference=reference)
    read = [_read(_deliver(smsc, client, _fields(part)), profile) for part in reversed(parts)]
    assert smsenc.reassemble(read) == text
    if profile.concatenation == "sar":
        assert {p.concatenation.scheme for p in read} == {"sar"}


def test_deliver_sm_that_node_smpp_encodes_itself(
    smsc: Smsc, client: smpplib.client.Client
) -> None:
    # node-smpp's GSM coder and its UDH, not smsenc's: parts 2 then 1.
    two = _deliver(
        smsc,
        client,
        {"data_coding": 0, "short_message": {"text": "world [€]", "udh": "0500030902" + "02"}},
    )
    one = _deliver(
        smsc,
        client,
        {"data_coding": 0, "short_message": {"text": "hello {", "udh": "0500030902" + "01"}},
    )
    assert two.esm_class & 0x40  # node-smpp sets UDHI for a UDH
    assert smsenc.reassemble([_read(two), _read(one)]) == "hello {world [€]"
    sar = [
        _deliver(
            smsc,
            client,
            {
                "data_coding": 8,
                "short_message": {"text": chunk},
                "sar_msg_ref_num": 700,
                "sar_total_segments": 2,
                "sar_segment_seqnum": n,
            },
        )
        for n, chunk in ((2, "мир 😀"), (1, "привет "))
    ]
    assert smsenc.reassemble([_read(p) for p in sar]) == "привет мир 😀"


def test_receipts_come_as_deliver_sm_with_tlvs(smsc: Smsc, client: smpplib.client.Client) -> None:
    (part,) = submit_parts("Your code is 1234")
    message_id = _submit(smsc, client, part)["message_id"]
    text = (
        f"id:{int(message_id, 16)} sub:001 dlvrd:001 submit date:2401151015 "
        "done date:240115101542 stat:DELIVRD err:000 text:Your code is 1234"
    )
    pdu = _deliver(
        smsc,
        client,
        {
            "esm_class": 0x04,  # SMSC delivery receipt (§5.2.12)
            "short_message": {"hex": text.encode("ascii").hex()},
            "receipted_message_id": message_id,
            "message_state": 2,
            "network_error_code": {"hex": "030000"},
        },
    )
    assert pdu.esm_class == 0x04
    tlvs = {
        name: getattr(pdu, name)
        for name in ("receipted_message_id", "message_state", "network_error_code")
    }
    receipt = parse_receipt(pdu.short_message, tlvs)
    assert receipt.id == message_id and receipt.matches(message_id)
    assert receipt.matches(str(int(message_id, 16)))  # the text's decimal id
    assert (receipt.stat, receipt.message_state, receipt.sub, receipt.dlvrd) == ("DELIVRD", 2, 1, 1)
    assert receipt.done_date is not None and receipt.done_date.second == 42
    assert receipt.network_error_code == (3, 0)
    assert receipt.text == "Your code is 1234"
    # A vendor receipt with no TLVs, fields reordered and in upper case.
    bare = _deliver(
        smsc,
        client,
        {"esm_class": 0x04, "short_message": {"hex": b"STAT:UNDELIV ID:ab12 ERR:0x4".hex()}},
    )
    vendor = parse_receipt(bare.short_message)
    assert (vendor.id, vendor.stat, vendor.message_state, vendor.err) == (
        "ab12",
        "UNDELIV",
        5,
        "0x4",
    )
