"""Coverage-guided fuzzing of smsenc's decoders and entry points with atheris.

Run by hand (not in CI), from the repository root::

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python fuzz/fuzz_smsenc.py -max_total_time=600 fuzz/corpus

Each input picks a target from its first octet: ``decode()`` with a DCS, UDHI, packing,
UDL and error mode taken from the next octets and the rest as user data; both codecs;
``reassemble()`` of the parts several inputs decode to; or a text (the rest, decoded
as UTF-16 with surrogates kept) through ``segment()``, ``encode()`` and
``transliterate()`` with options taken from the octets.  Anything but the documented
exceptions is a crash, which atheris reports with the input that caused it.
"""

from __future__ import annotations

import codecs
import contextlib
import sys

import atheris

with atheris.instrument_imports():
    import smsenc
    from smsenc import DecodeError, TooManyPartsError

ERRORS = ("strict", "replace", "ignore")
LANGUAGES = (None, "TR", "ES", "PT", "AUTODETECT", smsenc.ALL_LANGUAGE_CODES)
MODES = (None, "TURKISH", "GREEK", "CYRILLIC", "NON_UNICODE", "ALL", ("ALL", "NON_UNICODE"))


def _decode(fdp: atheris.FuzzedDataProvider) -> None:
    dcs = fdp.ConsumeIntInRange(0, 255)
    flags = fdp.ConsumeIntInRange(0, 255)
    udl = fdp.ConsumeIntInRange(0, 200) if flags & 4 else None
    data = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        alphabet = smsenc.gsm.dcs.alphabet_of(dcs)
    except ValueError:
        return  # 8-bit data or compressed text: refused before any octet is read
    try:
        part = smsenc.decode(
            data,
            dcs=dcs,
            udhi=bool(flags & 1),
            packed=bool(flags & 2),
            udl=udl,
            errors=ERRORS[(flags >> 3) % 3],
        )
    except DecodeError as error:
        assert error.unit in ("octet", "septet"), error
        return
    assert data.startswith(part.udh)
    if alphabet == "GSM7" and part.text:
        smsenc.segment(part.text, max_parts=None)


def _codecs(fdp: atheris.FuzzedDataProvider) -> None:
    data = fdp.ConsumeBytes(fdp.remaining_bytes())
    for name in ("gsm-7", "gsm-7-packed"):
        text = codecs.decode(data, name, "replace")
        with contextlib.suppress(UnicodeDecodeError):
            assert codecs.decode(data, name) == text
        clean = text.replace("\ufffd", "")
        codecs.encode(clean, name, "replace")


def _reassemble(fdp: atheris.FuzzedDataProvider) -> None:
    parts = []
    for _ in range(fdp.ConsumeIntInRange(0, 4)):
        data = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 150))
        with contextlib.suppress(DecodeError):
            parts.append(smsenc.decode(data, udhi=True, packed=False, errors="replace"))
    try:
        smsenc.reassemble(parts)
    except DecodeError as error:
        assert error.unit == "part", error


def _text(fdp: atheris.FuzzedDataProvider) -> None:
    language = LANGUAGES[fdp.ConsumeIntInRange(0, len(LANGUAGES) - 1)]
    mode = MODES[fdp.ConsumeIntInRange(0, len(MODES) - 1)]
    flags = fdp.ConsumeIntInRange(0, 255)
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    text = raw[: len(raw) // 2 * 2].decode("utf-16-le", "surrogatepass")
    options = {
        "allow_locking_shift": bool(flags & 1),
        "allow_single_shift": bool(flags & 2),
        "reference_bits": 16 if flags & 4 else 8,
    }
    result = smsenc.segment(text, language, mode, max_parts=None, **options)
    assert "".join(result.parts) == result.text
    result.to_dict()
    smsenc.transliterate(text, mode)
    try:
        message = smsenc.encode(text, language, mode, reference=1, **options)
    except TooManyPartsError:
        return
    wire = result.text.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")
    assert smsenc.decode_message(message) == wire


TARGETS = (_decode, _codecs, _reassemble, _text)


def test_one_input(data: bytes) -> None:
    """One fuzzing input: the first octet picks the target."""
    fdp = atheris.FuzzedDataProvider(data)
    TARGETS[fdp.ConsumeIntInRange(0, len(TARGETS) - 1)](fdp)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
