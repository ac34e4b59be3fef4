"""The "gsm-7" and "gsm-7-packed" Python codecs."""

from __future__ import annotations

import codecs
import io
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsenc  # noqa: F401  (registers the codecs)
from smsenc.gsm.charsets import SINGLE_SHIFT_TABLES
from smsenc.gsm.packing import pack

from .strategies import GSM_DEFAULT

gsm_texts = st.text(st.sampled_from(GSM_DEFAULT), max_size=300)
mixed_texts = st.text(st.one_of(st.sampled_from(GSM_DEFAULT), st.characters()), max_size=100)


def septets(text: str) -> int:
    return len(text) + sum(c in SINGLE_SHIFT_TABLES[0].septets for c in text)


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("gsm-7", "gsm-7"),
        ("gsm_7", "gsm-7"),
        ("GSM-7", "gsm-7"),
        ("GSM 7", "gsm-7"),
        ("gsm-7-packed", "gsm-7-packed"),
        ("gsm_7_packed", "gsm-7-packed"),
    ],
)
def test_lookup(alias: str, name: str) -> None:
    assert codecs.lookup(alias).name == name


def test_unpacked_vectors() -> None:
    assert "€".encode("gsm-7") == b"\x1b\x65"
    assert "@£$¥\n{".encode("gsm-7") == b"\x00\x01\x02\x03\x0a\x1b\x28"
    assert b"\x1b\x65\x00\x7f".decode("gsm-7") == "€@à"
    assert codecs.lookup("gsm-7").encode("a€") == (b"a\x1b\x65", 2)
    assert codecs.lookup("gsm-7").decode(memoryview(b"a\x1b\x65")) == ("a€", 3)


def test_packed_escape() -> None:
    assert "€".encode("gsm-7-packed") == pack(b"\x1b\x65")


def test_seven_spare_bits_hold_cr() -> None:
    # TS 23.038 §6.1.2.3.1: 7 septets leave 7 spare bits, filled with CR, not "@".
    encoded = "1234567".encode("gsm-7-packed")
    assert encoded == pack(b"1234567\r") == bytes.fromhex("31D98C56B3DD1A")
    assert encoded.decode("gsm-7-packed") == "1234567"
    # A real "@" in eighth place stays.
    assert "1234567@".encode("gsm-7-packed").decode("gsm-7-packed") == "1234567@"
    # Seven septets ending in CR: the padding CR follows it, and only that one goes.
    assert "123456\r".encode("gsm-7-packed").decode("gsm-7-packed") == "123456\r"


def test_cr_on_an_octet_boundary_gains_a_cr() -> None:
    # §6.1.2.3.1: a text ending in CR on an octet boundary gets another CR, since a
    # lone final CR there would read as padding.  The documented cost: one CR more.
    encoded = "1234567\r".encode("gsm-7-packed")
    assert encoded == pack(b"1234567\r\r")
    assert encoded.decode("gsm-7-packed") == "1234567\r\r"
    assert "1234567\r\r".encode("gsm-7-packed") == encoded  # the two are one on the air


@pytest.mark.parametrize("name", ["gsm-7", "gsm-7-packed"])
def test_encode_strict_reports_the_run(name: str) -> None:
    with pytest.raises(UnicodeEncodeError) as excinfo:
        "ab€дж😀c".encode(name)
    error = excinfo.value
    assert (error.encoding, error.start, error.end) == (name, 3, 6)
    assert error.object == "ab€дж😀c"
    with pytest.raises(UnicodeEncodeError) as excinfo:
        "a`b".encode(name)  # ASCII, yet in no GSM table
    assert (excinfo.value.start, excinfo.value.end) == (1, 2)


def test_encode_error_handlers() -> None:
    assert "aдж€b😀".encode("gsm-7", "replace") == b"a??\x1b\x65b?"
    assert "aдж€b😀".encode("gsm-7", "ignore") == b"a\x1b\x65b"
    assert "aд".encode("gsm-7", "backslashreplace") == b"a\x1b\x2fu0434"
    assert "\tx".encode("gsm-7-packed", "replace") == pack(b"?x")
    assert "\ud800".encode("gsm-7", "replace") == b"?"


def test_encode_handler_returning_the_unencodable_fails() -> None:
    codecs.register_error("smsenc-test-echo", lambda e: ("д", e.end))
    with pytest.raises(UnicodeEncodeError):
        "aд".encode("gsm-7", "smsenc-test-echo")


@pytest.mark.parametrize(
    ("data", "start", "end", "replaced", "ignored"),
    [
        (b"a\x1b\x1bb", 1, 3, "a\ufffdb", "ab"),
        (b"a\x1b\x41b", 1, 3, "a\ufffdb", "ab"),
        (b"ab\x1b", 2, 3, "ab\ufffd", "ab"),
        (b"a\x80b", 1, 2, "a\ufffdb", "ab"),
    ],
)
def test_decode_errors_unpacked(
    data: bytes, start: int, end: int, replaced: str, ignored: str
) -> None:
    with pytest.raises(UnicodeDecodeError) as excinfo:
        data.decode("gsm-7")
    error = excinfo.value
    assert (error.encoding, error.start, error.end, error.object) == ("gsm-7", start, end, data)
    assert data.decode("gsm-7", "replace") == replaced
    assert data.decode("gsm-7", "ignore") == ignored


def test_decode_errors_packed_name_octets() -> None:
    # Septets 8 and 9 (ESC, 0x41) are bits 56..69: octets 7 and 8.
    data = pack(b"aaaaaaaa\x1b\x41b")
    with pytest.raises(UnicodeDecodeError) as excinfo:
        data.decode("gsm-7-packed")
    assert (excinfo.value.start, excinfo.value.end) == (7, 9)
    assert data.decode("gsm-7-packed", "replace") == "aaaaaaaa\ufffdb"
    # A final escape: septet 2 is bits 14..20, octets 1..2.
    with pytest.raises(UnicodeDecodeError) as excinfo:
        pack(b"ab\x1b").decode("gsm-7-packed")
    assert (excinfo.value.start, excinfo.value.end) == (1, 3)


@given(gsm_texts)
def test_unpacked_round_trip(text: str) -> None:
    encoded = text.encode("gsm-7")
    assert len(encoded) == septets(text)
    assert encoded.decode("gsm-7") == text


@given(gsm_texts)
def test_packed_round_trip(text: str) -> None:
    encoded = text.encode("gsm-7-packed")
    count = septets(text)
    if count % 8 == 0 and text.endswith("\r"):
        # The documented ambiguity: one CR more comes back.
        assert encoded.decode("gsm-7-packed") == text + "\r"
        assert len(encoded) == 7 * count // 8 + 1
    else:
        assert encoded.decode("gsm-7-packed") == text
        assert len(encoded) == -(-7 * count // 8)


@given(mixed_texts)
def test_replace_turns_each_unencodable_character_into_a_question_mark(text: str) -> None:
    expected = "".join(c if c in GSM_DEFAULT else "?" for c in text)
    assert text.encode("gsm-7", "replace").decode("gsm-7") == expected
    kept = "".join(c for c in text if c in GSM_DEFAULT)
    assert text.encode("gsm-7", "ignore").decode("gsm-7") == kept


@given(mixed_texts)
def test_strict_error_spans_the_first_run(text: str) -> None:
    bad = [i for i, c in enumerate(text) if c not in GSM_DEFAULT]
    if not bad:
        assert text.encode("gsm-7").decode("gsm-7") == text
        return
    end = bad[0]
    while end < len(text) and text[end] not in GSM_DEFAULT:
        end += 1
    with pytest.raises(UnicodeEncodeError) as excinfo:
        text.encode("gsm-7")
    assert (excinfo.value.start, excinfo.value.end) == (bad[0], end)


@given(st.binary(max_size=200))
def test_unpacked_decoding_is_exact_or_raises(data: bytes) -> None:
    try:
        text = data.decode("gsm-7")
    except UnicodeDecodeError as error:
        assert 0 <= error.start < error.end <= len(data)
        assert "\ufffd" in data.decode("gsm-7", "replace")
    else:
        assert text.encode("gsm-7") == data  # the encoding is canonical


@given(st.binary(max_size=200))
def test_any_octets_decode_packed_with_replace(data: bytes) -> None:
    text = data.decode("gsm-7-packed", "replace")
    assert len(text) <= 8 * len(data) // 7


def test_decoding_resumes_where_the_error_handler_says() -> None:
    def skip_to_end(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        return ("<!>", len(error.object))

    codecs.register_error("smsenc-test-skip-to-end", skip_to_end)
    assert b"\x80abc".decode("gsm-7", "smsenc-test-skip-to-end") == "<!>"
    assert b"ab\x80c".decode("gsm-7", "smsenc-test-skip-to-end") == "ab<!>"


def test_text_files_and_incremental_codecs(tmp_path: Path) -> None:
    text = "Price: 5 € {now}\n" * 50
    path = tmp_path / "message.txt"
    with open(path, "w", encoding="gsm-7") as out:
        out.write(text[:7])
        out.write(text[7:])
    assert path.read_bytes() == text.encode("gsm-7")
    with open(path, encoding="gsm-7") as back:
        assert back.read() == text
    assert b"".join(codecs.iterencode(text, "gsm-7")) == text.encode("gsm-7")
    data = text.encode("gsm-7")
    chunks = [data[i : i + 3] for i in range(0, len(data), 3)]
    assert "".join(codecs.iterdecode(chunks, "gsm-7")) == text


def test_packed_codec_says_it_cannot_stream(tmp_path: Path) -> None:
    with pytest.raises(NotImplementedError, match="cannot be streamed"):
        open(tmp_path / "x.txt", "w", encoding="gsm-7-packed")  # noqa: SIM115


def test_incremental_decoder_keeps_an_escape_for_the_next_chunk() -> None:
    decoder = codecs.getincrementaldecoder("gsm-7")()
    assert decoder.decode(b"5 \x1b") == "5 "
    assert decoder.decode(b"e", final=True) == "€"


@given(st.binary(max_size=60), st.lists(st.integers(0, 60), max_size=5))
def test_incremental_decoding_equals_whole_decoding(data: bytes, cuts: list[int]) -> None:
    bounds = sorted({0, len(data), *(min(c, len(data)) for c in cuts)})
    chunks = [data[a:b] for a, b in pairwise(bounds)]
    for errors in ("replace", "ignore"):
        assert "".join(codecs.iterdecode(chunks, "gsm-7", errors)) == data.decode("gsm-7", errors)


def test_an_escape_pair_run_at_a_chunk_end_is_complete() -> None:
    chunks = [b"abc\x1b\x1b", b"\x1b\x14d"]  # ESC ESC (a fault), then ESC 0x14 = "^"
    assert "".join(codecs.iterdecode(chunks, "gsm-7", "ignore")) == "abc^d"


def test_stream_reader_waits_for_the_escaped_septet() -> None:
    reader = codecs.getreader("gsm-7")(io.BytesIO(b"a\x1be"))
    assert reader.read(2) == "a€"
    lines = codecs.getreader("gsm-7")(io.BytesIO(("x" * 71 + "€\n").encode("gsm-7")))
    assert lines.readline() == "x" * 71 + "€\n"
    with pytest.raises(NotImplementedError, match="cannot be streamed"):
        codecs.getreader("gsm-7-packed")(io.BytesIO(b""))


def test_the_error_handler_is_called_once_per_fault() -> None:
    calls: list[int] = []

    def count(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        calls.append(error.start)
        return ("?", error.end)

    codecs.register_error("smsenc-test-count", count)
    assert (b"\x80a" * 5000).decode("gsm-7", "smsenc-test-count") == "?a" * 5000
    assert calls == list(range(0, 10000, 2))


def test_a_handler_resuming_elsewhere_is_called_once_per_fault() -> None:
    calls: list[int] = []

    def skip_one_more(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        calls.append(error.start)
        return ("?", error.end + 1)

    codecs.register_error("smsenc-test-skip-one-more", skip_one_more)
    assert b"\x80\x80AB".decode("gsm-7", "smsenc-test-skip-one-more") == "?AB"
    assert calls == [0]
    assert (b"\x80x" * 3000).decode("gsm-7", "smsenc-test-skip-one-more") == "?" * 3000


def test_a_resume_past_the_end_is_an_index_error() -> None:
    codecs.register_error("smsenc-test-too-far", lambda e: ("?", 99))
    with pytest.raises(IndexError, match="out of range"):
        b"\x80".decode("gsm-7", "smsenc-test-too-far")


def test_packed_stream_classes_say_they_cannot_stream(tmp_path: Path) -> None:
    with pytest.raises(NotImplementedError, match="cannot be streamed"):
        codecs.getwriter("gsm-7-packed")(io.BytesIO(), "strict")
    with pytest.raises(NotImplementedError, match="cannot be streamed"):
        codecs.open(str(tmp_path / "x.txt"), "w", encoding="gsm-7-packed")  # noqa: SIM115


def _read_byte_by_byte(data: bytes, errors: str) -> str:
    reader = codecs.getreader("gsm-7")(io.BytesIO(data), errors)
    out = []
    while chunk := reader.read(1):
        out.append(chunk)
    # read(1) may return "" while an escape waits: read the rest to be sure it is all.
    out.append(reader.read())
    return "".join(out)


@pytest.mark.parametrize("data", [b"\x1b\x1b", bytes.fromhex("801b411b650d1b1b")])
@pytest.mark.parametrize("errors", ["replace", "ignore", "backslashreplace"])
def test_stream_reader_reports_an_undefined_escape_pair_at_the_end(
    data: bytes, errors: str
) -> None:
    # ESC ESC is an undefined pair, not an incomplete one: read a byte at a time, it is
    # reported exactly as decoding in one go reports it.
    assert _read_byte_by_byte(data, errors) == data.decode("gsm-7", errors)
    decoder = codecs.getincrementaldecoder("gsm-7")(errors)
    chunked = "".join(decoder.decode(data[i : i + 1]) for i in range(len(data)))
    assert chunked + decoder.decode(b"", final=True) == data.decode("gsm-7", errors)


@pytest.mark.parametrize("data", [b"\x1b\x1b", bytes.fromhex("801b411b650d1b1b")])
def test_stream_reader_raises_on_an_undefined_escape_pair_at_the_end(data: bytes) -> None:
    with pytest.raises(UnicodeDecodeError) as whole:
        data.decode("gsm-7")
    with pytest.raises(UnicodeDecodeError) as streamed:
        _read_byte_by_byte(data, "strict")
    assert streamed.value.reason == whole.value.reason  # the same first fault
    with pytest.raises(UnicodeDecodeError, match="escape followed by septet 0x1B"):
        _read_byte_by_byte(b"\x1b\x1b", "strict")


def test_stream_reader_drops_a_lone_escape_at_the_very_end() -> None:
    # Documented: StreamReader never tells its decode() that the stream ended, so an
    # escape waiting for its septet at the end is dropped, as a truncated UTF-8
    # sequence is; the incremental decoder, told final=True, reports it.
    assert _read_byte_by_byte(b"ab\x1b", "replace") == "ab"
    decoder = codecs.getincrementaldecoder("gsm-7")("replace")
    assert decoder.decode(b"ab\x1b") + decoder.decode(b"", final=True) == "ab\ufffd"


@given(st.binary(max_size=40), st.sampled_from(["replace", "ignore", "backslashreplace"]))
def test_reading_a_stream_byte_by_byte_is_decoding_it_in_one_go(data: bytes, errors: str) -> None:
    data += b"a"  # nothing waits at the end: every fault is one decoding in one go reports
    assert _read_byte_by_byte(data, errors) == data.decode("gsm-7", errors)
