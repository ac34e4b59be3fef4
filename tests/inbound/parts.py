"""Parts for the inbound tests, made the way senders make them."""

from __future__ import annotations

import random
from typing import Any

import smsenc
from smsenc import Concatenation, DecodedPart


def udh_parts(text: str, reference: int = 0x42, **options: Any) -> list[DecodedPart]:
    """``text`` as smsenc sends it (UDH concatenation), each part decoded as received."""
    message = smsenc.encode(text, reference=reference, **options)
    return [
        smsenc.decode(
            part.user_data, dcs=part.dcs, udhi=part.udhi, packed=part.packed, udl=part.udl
        )
        for part in message.parts
    ]


def sar_parts(text: str, reference: int) -> list[DecodedPart]:
    """``text`` as an SMPP client sends it with SAR TLVs (SMPP 3.4 §5.3.2.22-24): the same
    cuts, no UDH, the concatenation in the TLVs."""
    message = smsenc.encode(text, reference_bits=16, reference=reference, packed=False)
    total = len(message.parts)
    parts = []
    for sequence, part in enumerate(message.parts, start=1):
        plain = smsenc.decode(part.payload, dcs=part.dcs, packed=False)
        parts.append(
            DecodedPart(
                text=plain.text,
                udh=b"",
                information_elements=(),
                concatenation=Concatenation(
                    reference=reference,
                    total=total,
                    sequence=sequence,
                    reference_bits=16,
                    scheme="sar",
                ),
                locking_shift=None,
                single_shift=None,
            )
        )
    return parts


def cut_septets(text: str, reference: int, every: int = 153) -> list[DecodedPart]:
    """``text``'s septets cut every ``every`` septets whatever they hold, as senders that
    split at a fixed count do (an escape pair can straddle two parts), one septet per
    octet after an 8-bit concatenation UDH, each part decoded as received."""
    septets = smsenc.segment(text).septets
    assert septets is not None, "a GSM 7-bit text"
    chunks = [septets[at : at + every] for at in range(0, len(septets), every)]
    return [
        smsenc.decode(
            bytes((5, 0, 3, reference, len(chunks), sequence)) + chunk, udhi=True, packed=False
        )
        for sequence, chunk in enumerate(chunks, start=1)
    ]


def cut_ucs2(text: str, reference: int, units: int = 67) -> list[DecodedPart]:
    """``text`` in UCS-2 cut every ``units`` code units whatever they hold (a surrogate
    pair can straddle two parts), each part decoded as received."""
    data = text.encode("utf-16-be")
    chunks = [data[at : at + 2 * units] for at in range(0, len(data), 2 * units)]
    return [
        smsenc.decode(
            bytes((5, 0, 3, reference, len(chunks), sequence)) + chunk, dcs=0x08, udhi=True
        )
        for sequence, chunk in enumerate(chunks, start=1)
    ]


def with_concatenation(part: DecodedPart, **fields: Any) -> DecodedPart:
    """``part`` with some concatenation fields replaced (built by keywords)."""
    old = part.concatenation
    assert old is not None
    values = {
        "reference": old.reference,
        "total": old.total,
        "sequence": old.sequence,
        "reference_bits": old.reference_bits,
        "scheme": old.scheme,
        **fields,
    }
    return DecodedPart(
        text=part.text,
        udh=part.udh,
        information_elements=part.information_elements,
        concatenation=Concatenation(**values),
        locking_shift=part.locking_shift,
        single_shift=part.single_shift,
        ends_in_escape=part.ends_in_escape,
    )


def with_text(part: DecodedPart, text: str) -> DecodedPart:
    """``part`` with another text: what a sender's corrupted or reused part looks like."""
    return DecodedPart(
        text=text,
        udh=part.udh,
        information_elements=part.information_elements,
        concatenation=part.concatenation,
        locking_shift=part.locking_shift,
        single_shift=part.single_shift,
        ends_in_escape=part.ends_in_escape,
    )


WORDS = (
    "meeting moved to Thursday, bring the slides and the budget figures please",
    "Votre colis arrive demain entre 9h et 12h. Répondez STOP pour annuler",
    "Ваш код подтверждения 482913, никому его не сообщайте",
    "Happy birthday! 🎉🎂 See you at 8 at the usual place",
    "Price: 25€ {incl. VAT} [ref #A-1042] ~ thanks | see you",
    "Geçen hafta gönderdiğiniz belgeleri aldık, teşekkür ederiz",
)


def corpus(count: int, seed: int) -> list[str]:
    """``count`` texts of 2 to 4 parts: GSM 7-bit, escapes, Latin, Cyrillic, emoji."""
    rng = random.Random(seed)
    texts = []
    while len(texts) < count:
        base = rng.choice(WORDS)
        text = " ".join(rng.choice((base, *WORDS)) for _ in range(rng.randint(2, 9)))
        text = f"{len(texts)}: {text}"
        if 2 <= smsenc.segment(text).message_count <= 4:
            texts.append(text)
    return texts
