"""Parts and message keys as text, the form every store keeps them in.

A part is kept as compact JSON of everything :class:`smsenc.DecodedPart` holds (the text,
the header's octets and information elements as hex, the concatenation fields, the
national tables' language codes, ``ends_in_escape``), written with ``ensure_ascii`` so
that a lone surrogate (half of a pair a foreign sender split between two UCS-2 parts)
survives the round trip through SQLite or Redis.  Two parts are the same part exactly when
their JSON is the same, so its digest is what duplicates are recognised by.
"""

from __future__ import annotations

import json
from hashlib import blake2b

from .. import LANGUAGES, Concatenation, DecodedPart, InformationElement, Language

_BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
# One encoder and decoder for every call: json.dumps() builds a new encoder whenever an
# option differs from its defaults, which costs as much as the encoding.
_dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
_loads = json.JSONDecoder().decode


def part_content(part: DecodedPart) -> str:
    """``part`` as compact, ASCII-only JSON: a fixed list, so equal parts give equal text."""
    concatenation = part.concatenation
    return _dumps(
        [
            part.text,
            part.udh.hex(),
            [[element.iei, element.data.hex()] for element in part.information_elements],
            None
            if concatenation is None
            else [
                concatenation.reference,
                concatenation.total,
                concatenation.sequence,
                concatenation.reference_bits,
                concatenation.scheme,
            ],
            None if part.locking_shift is None else part.locking_shift.code,
            None if part.single_shift is None else part.single_shift.code,
            part.ends_in_escape,
        ]
    )


def part_from_content(content: str) -> DecodedPart:
    """The :class:`smsenc.DecodedPart` that :func:`part_content` wrote."""
    text, udh, elements, concatenation, locking, single, ends_in_escape = _loads(content)
    return DecodedPart(
        text=text,
        udh=bytes.fromhex(udh),
        information_elements=tuple(
            InformationElement(iei=iei, data=bytes.fromhex(data)) for iei, data in elements
        ),
        concatenation=None
        if concatenation is None
        else Concatenation(
            reference=concatenation[0],
            total=concatenation[1],
            sequence=concatenation[2],
            reference_bits=concatenation[3],
            scheme=concatenation[4],
        ),
        locking_shift=None if locking is None else _BY_CODE[locking],
        single_shift=None if single is None else _BY_CODE[single],
        ends_in_escape=ends_in_escape,
    )


def content_digest(content: str) -> str:
    """128 bits of BLAKE2b over ``content``, in hex: what a duplicate is recognised by."""
    return blake2b(content.encode("ascii"), digest_size=16).hexdigest()


def message_key(sender: str, concatenation: Concatenation) -> str:
    """The key of the message a part belongs to: sender, reference, total, reference size
    and scheme, as compact ASCII JSON (a valid Redis key and SQLite text)."""
    return _dumps(
        [
            sender,
            concatenation.reference,
            concatenation.total,
            concatenation.reference_bits,
            concatenation.scheme,
        ]
    )


def key_fields(key: str) -> tuple[str, int, int, int, str]:
    """``(sender, reference, total, reference_bits, scheme)`` of a :func:`message_key`."""
    sender, reference, total, reference_bits, scheme = _loads(key)
    return sender, reference, total, reference_bits, scheme
