"""The GSM 7-bit alphabet mapping: text to septets under a pair of tables, and back.

Encoding turns a text into one character per septet with ``str.translate`` (or, for the
default tables, ``bytes.translate``), an escaped character becoming ESC (0x1B) + its
septet of the single shift table (TS 23.038 §6.2.1.1).  Decoding runs the same tables
backwards, with one step per fault, never per character.  The tables are
:mod:`smsenc.charsets`'.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .charsets import (
    DEFAULT_ALPHABET,
    DEFAULT_EXTENSION,
    ESC,
    ESCAPE,
    LOCKING_TABLES,
    SINGLE_SHIFT_TABLES,
)

UNENCODABLE = "\x80"
"""Translation output for an ASCII character the tables lack; never a septet (> 0x7F)."""

ErrorHandler = Callable[[int, int, str], tuple[str, int]]
"""``(start, end, reason) -> (replacement, resume)`` for a fault at septets ``start:end``:
the text to put there and the septet to resume at; may raise instead."""


@cache  # one per pair of table ids: at most 14 x 14
def septet_translation(locking_id: int, single_shift_id: int) -> dict[int, str]:
    """A ``str.translate`` table turning text into one character per septet.

    Characters of the locking table become their septet, characters only in the single
    shift table become ESC + septet, and ASCII characters in neither become
    ``UNENCODABLE``.  Any other character is left as it is, so a translated text is
    fully encodable exactly when the result ``isascii()``.
    """
    locking = LOCKING_TABLES[locking_id]
    single = SINGLE_SHIFT_TABLES[single_shift_id]
    table: dict[int, str] = {code: UNENCODABLE for code in range(128)}
    for char, septet in single.septets.items():
        table[ord(char)] = ESC + chr(septet)
    for char, septet in locking.septets.items():
        table[ord(char)] = chr(septet)
    return table


EXTENSION_MARK = 0x80
"""In the one-octet septet table, ``EXTENSION_MARK | septet`` stands for ESC + septet."""
NOT_GSM = 0xFF
"""In the one-octet septet table: a character GSM 7-bit lacks."""
ONE_OCTET = "cp1252"
"""The one-octet encoding the fast path reads text through: Latin-1 plus ``€``, so it
covers every GSM character but the Greek capitals."""


@cache
def one_octet_septets() -> tuple[bytes, list[tuple[int, bytes, bytes]]]:
    """A ``bytes.translate`` table from ``ONE_OCTET`` octets under the default tables
    (each octet to its septet, an extension character to ``EXTENSION_MARK | septet`` so
    the pass stays one-to-one, anything else to ``NOT_GSM``), and the replacements that
    widen the marks afterwards: (mark, the mark as bytes, its escape pair).  The mark is
    also kept as an int because ``int in bytes`` is a byte search, several times faster
    than the substring search of ``bytes in bytes``."""
    table = bytearray([NOT_GSM]) * 256
    widen = []
    for octet in range(256):
        char = bytes([octet]).decode(ONE_OCTET, errors="replace")
        if char in DEFAULT_ALPHABET.septets:
            table[octet] = DEFAULT_ALPHABET.septets[char]
        elif char in DEFAULT_EXTENSION.septets:
            septet = DEFAULT_EXTENSION.septets[char]
            table[octet] = EXTENSION_MARK | septet
            mark = EXTENSION_MARK | septet
            widen.append((mark, bytes([mark]), bytes([ESCAPE, septet])))
    return bytes(table), widen


@cache
def non_gsm() -> re.Pattern[str]:
    """Finds the first character outside the default alphabet and its extension."""
    chars = sorted(DEFAULT_ALPHABET.chars | DEFAULT_EXTENSION.chars)
    return re.compile("[^" + "".join(re.escape(c) for c in chars) + "]")


def to_septets(text: str, locking_id: int = 0, single_shift_id: int = 0) -> bytes | None:
    """``text`` as unpacked septets under a pair of tables (ESC + septet for a single
    shift character), or None when the pair cannot carry it.

    Under the default tables, text within ``ONE_OCTET`` (all of GSM but the Greek
    capitals) goes through ``bytes.translate``, which stays C-level and one-to-one
    (``NOT_GSM`` marks a character GSM lacks), and the escape pairs are widened with
    ``bytes.replace``.  Text outside it is searched for a character GSM lacks, which a
    UCS-2 text shows at once; the rest takes ``str.translate``, which leaves CPython's
    fast path at the first character that becomes two septets.
    """
    if locking_id == single_shift_id == 0:
        if text.isascii():  # ASCII is a subset of ONE_OCTET, and encodes as a copy
            return _one_octet_to_septets(text.encode("ascii"))
        try:
            data = text.encode(ONE_OCTET)
        except UnicodeEncodeError:
            # A Greek capital (the str path below) or a character GSM lacks, which the
            # search finds without translating the text.
            if non_gsm().search(text):
                return None
        else:
            return _one_octet_to_septets(data)
    translated = text.translate(septet_translation(locking_id, single_shift_id))
    return translated.encode("ascii") if translated.isascii() else None


def _one_octet_to_septets(data: bytes) -> bytes | None:
    table, widen = one_octet_septets()
    septets = data.translate(table)
    if septets.isascii():
        return septets
    if NOT_GSM in septets:
        return None
    for mark, marked, pair in widen:
        if mark in septets:
            septets = septets.replace(marked, pair)
    return septets


@cache  # one per pair of table ids: at most 14 x 14
def deletion(locking_id: int, single_shift_id: int | None) -> dict[int, None]:
    """A ``str.translate`` table deleting every character the pair of tables encodes.

    What survives the translation is exactly the text's unencodable characters; with
    ``single_shift_id=None`` only the locking table's characters are deleted.
    """
    chars = LOCKING_TABLES[locking_id].chars
    if single_shift_id is not None:
        chars |= SINGLE_SHIFT_TABLES[single_shift_id].chars
    return dict.fromkeys(map(ord, chars))


@cache  # one per pair of table ids: at most 14 x 14
def _decoding(
    locking_id: int, single_shift_id: int
) -> tuple[dict[int, str], tuple[tuple[str, str], ...], re.Pattern[bytes]]:
    """The tables for one pair of shift tables.

    ``str.translate`` table: a defined septet to its character; an escape pair,
    first rewritten as one private character above U+00FF, to its character; anything
    else (undefined septet, octet above 0x7F, escape left over) to ESC, so a single
    ``in`` test finds every fault.  Also the escape pairs to rewrite, and a pattern
    matching the octets that need more than a table look-up.
    """
    table: dict[int, str] = dict.fromkeys(range(256), ESC)
    plain = LOCKING_TABLES[locking_id].characters
    for septet, char in enumerate(plain):
        if char is not None:
            table[septet] = char
    pairs = []
    for septet, char in enumerate(SINGLE_SHIFT_TABLES[single_shift_id].characters):
        if char is not None and septet != ESCAPE:
            table[0x100 + septet] = char
            pairs.append((ESC + chr(septet), chr(0x100 + septet)))
    special = bytes(s for s, char in enumerate(plain) if char is None) + bytes([ESCAPE])
    pattern = re.compile(b"[" + re.escape(special) + rb"\x80-\xff]")
    return table, tuple(pairs), pattern


def septets_to_text(
    septets: bytes, locking_id: int, single_shift_id: int, on_error: ErrorHandler
) -> str:
    """Decode septets, one per octet (ESC + septet for the single shift table).

    Faults go to ``on_error`` with their septet span: an octet above 0x7F or a septet
    the locking table leaves undefined (one septet), an escape before a septet the
    single shift table leaves undefined, ESC ESC included (two), a final escape (one);
    decoding resumes at the septet it names.
    """
    table, pairs, pattern = _decoding(locking_id, single_shift_id)
    text = septets.decode("latin-1")
    if ESC in text and ESC + ESC not in text:
        # With no ESC ESC every escape pairs with the septet after it, so the rewrites
        # cannot overlap; a pair left unrewritten leaves its ESC, caught below.
        for pair, mark in pairs:
            if pair in text:
                text = text.replace(pair, mark)
    decoded = text.translate(table)
    if ESC not in decoded:
        return decoded
    return _walk(septets, table, pattern, SINGLE_SHIFT_TABLES[single_shift_id].characters, on_error)


def _walk(
    septets: bytes,
    table: dict[int, str],
    pattern: re.Pattern[bytes],
    single: tuple[str | None, ...],
    on_error: ErrorHandler,
) -> str:
    """The slow path, taken only when there is a fault: one step per escape or fault,
    table look-ups in between."""
    out: list[str] = []
    pos = 0
    length = len(septets)
    while (found := pattern.search(septets, pos)) is not None:
        at = found.start()
        out.append(septets[pos:at].decode("latin-1").translate(table))
        septet = septets[at]
        if septet != ESCAPE:
            reason = (
                f"octet 0x{septet:02X} is not a septet"
                if septet > 0x7F
                else f"septet 0x{septet:02X} is undefined in the locking shift table"
            )
            replacement, pos = on_error(at, at + 1, reason)
        elif at + 1 == length:
            replacement, pos = on_error(at, at + 1, "escape (0x1B) is the last septet")
        else:
            escaped = septets[at + 1]
            char = single[escaped] if escaped < len(single) and escaped != ESCAPE else None
            if char is None:
                reason = (
                    f"escape followed by septet 0x{escaped:02X}, undefined in the single "
                    "shift table"
                )
                replacement, pos = on_error(at, at + 2, reason)
            else:
                replacement, pos = char, at + 2
        out.append(replacement)
    out.append(septets[pos:].decode("latin-1").translate(table))
    return "".join(out)
