"""Text to septets under a pair of TS 23.038 tables, and septets back to text.

Encoding turns a text into one character per septet with ``str.translate`` (or, for the
default tables, ``bytes.translate``), an escaped character becoming ESC (0x1B) + its
septet of the single shift table (TS 23.038 §6.2.1.1).  Decoding runs the same tables
backwards, with one step per fault, never per character.  The tables are
:mod:`smsenc.gsm.charsets`'.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from .charsets import (
    DEFAULT_ALPHABET,
    DEFAULT_EXTENSION,
    ESC,
    ESCAPE,
    LOCKING_TABLES,
    SINGLE_SHIFT_TABLES,
)

if TYPE_CHECKING:
    from _codecs import _EncodingMap  # what codecs.charmap_build returns, in typeshed

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


@cache
def one_octet_septets() -> tuple[bytes, list[tuple[int, bytes, bytes]]]:
    """A ``bytes.translate`` table from ASCII octets under the default tables (each to
    its septet, an extension character to ``EXTENSION_MARK | septet`` so the pass stays
    one-to-one, anything else to ``NOT_GSM``), and the replacements that widen the marks
    afterwards, one per character of the extension table alone: (mark, the mark as
    bytes, its escape pair).  The mark is also kept as an int because ``int in bytes``
    is a byte search, several times faster than the substring search of ``bytes in
    bytes``."""
    table = bytearray([NOT_GSM]) * 256
    for octet in range(128):
        char = chr(octet)
        if char in DEFAULT_ALPHABET.septets:
            table[octet] = DEFAULT_ALPHABET.septets[char]
        elif char in DEFAULT_EXTENSION.septets:
            table[octet] = EXTENSION_MARK | DEFAULT_EXTENSION.septets[char]
    widen = [
        (EXTENSION_MARK | septet, bytes([EXTENSION_MARK | septet]), bytes([ESCAPE, septet]))
        for char, septet in DEFAULT_EXTENSION.septets.items()
        if char not in DEFAULT_ALPHABET.septets
    ]
    return bytes(table), widen


@cache
def non_gsm() -> re.Pattern[str]:
    """Finds the first character outside the default alphabet and its extension."""
    chars = sorted(DEFAULT_ALPHABET.chars | DEFAULT_EXTENSION.chars)
    return re.compile("[^" + "".join(re.escape(c) for c in chars) + "]")


def to_septets(text: str, locking_id: int = 0, single_shift_id: int = 0) -> bytes | None:
    """``text`` as unpacked septets under a pair of tables (ESC + septet for a single
    shift character), or None when the pair cannot carry it.

    Under the default tables a text becomes one octet per character, ASCII by a plain
    encode and any other text by a charmap encode with the map of
    :func:`default_octets` (which raises at the first character the map lacks);
    ``bytes.translate`` turns the octets into septets, an extension character into
    ``EXTENSION_MARK | septet`` so the pass stays one-to-one, and ``bytes.replace``
    widens those marks into escape pairs.  U+0000, which the map holds without it being
    GSM, and the ASCII characters GSM lacks translate to ``NOT_GSM``, which also gives
    None.  Other pairs take ``str.translate``, which leaves CPython's fast path at the
    first character that becomes two septets.
    """
    if locking_id == single_shift_id == 0:
        marked = marked_septets(text)
        if marked is None or marked.isascii():
            return marked
        return _widen(marked)
    translated = text.translate(septet_translation(locking_id, single_shift_id))
    return translated.encode("ascii") if translated.isascii() else None


def marked_septets(text: str) -> bytes | None:
    """``text`` under the default tables as one octet per character: its septet, or
    ``EXTENSION_MARK | septet`` for a character of the extension table alone; None when
    the default tables lack a character.  :func:`to_septets` without the widening: a
    count needs only :func:`escapes`, and one octet per character keeps it C-level."""
    if text.isascii():  # encodes as a copy of its octets
        marked = text.encode("ascii").translate(one_octet_septets()[0])
    else:
        encoding_map, octet_septets = default_octets()
        try:
            octets = codecs.charmap_encode(text, "strict", encoding_map)[0]
        except UnicodeEncodeError:  # a character the default tables lack: UCS-2
            return None
        marked = octets.translate(octet_septets)
    return None if NOT_GSM in marked else marked


def escapes(marked: bytes) -> int:
    """The escape pairs in ``marked`` (:func:`marked_septets`): its marked octets."""
    return len(marked) - len(marked.translate(None, _MARKS))


def widen(marked: bytes) -> bytes:
    """The unpacked septets of ``marked`` (:func:`marked_septets`): each marked octet
    widened to ESC + septet."""
    return marked if marked.isascii() else _widen(marked)


@cache
def default_octets() -> tuple[dict[int, int] | _EncodingMap, bytes]:
    """An octet for every character of the default tables, as an encoding map
    (``codecs.charmap_build``: the C-level lookup of CPython's charmap codecs), and the
    ``bytes.translate`` table from those octets to what :func:`one_octet_septets` gives:
    the septet, or ``EXTENSION_MARK | septet`` for a character of the extension table
    alone (one in both is its one default septet)."""
    # Octet 0 must decode to U+0000 for charmap_build to build its fast map rather than
    # a dict; U+0000 is not GSM, so its octet translates to NOT_GSM.
    chars, codes = ["\x00"], [NOT_GSM]
    for char, septet in DEFAULT_ALPHABET.septets.items():
        chars.append(char)
        codes.append(septet)
    for char, septet in DEFAULT_EXTENSION.septets.items():
        if char not in DEFAULT_ALPHABET.septets:
            chars.append(char)
            codes.append(EXTENSION_MARK | septet)
    unused = 256 - len(chars)
    # U+FFFE: the charmap codecs' "no character here".
    return codecs.charmap_build("".join(chars) + "\ufffe" * unused), bytes(
        codes + [NOT_GSM] * unused
    )


_MARKS = bytes(range(EXTENSION_MARK, NOT_GSM))
"""Every octet that stands for an escape pair (``EXTENSION_MARK | septet``)."""


def _widen(septets: bytes) -> bytes:
    """Each ``EXTENSION_MARK | septet`` octet of ``septets`` widened to ESC + septet."""
    for mark, marked, pair in one_octet_septets()[1]:
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
