"""What a :class:`Reassembler` hands back: a :class:`Message`, complete or partial.

A complete message's text is :func:`smsenc.reassemble` of its parts, so an escape pair or
a surrogate pair split between two parts is joined as it is there.  A partial message's
text joins each run of consecutive parts present the same way and puts the placeholder
where each missing part would be.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from .. import Concatenation, DecodedPart, DecodeError, reassemble
from .records import key_fields, part_from_content
from .store import Reason, StoredPart, Taken


class ReceivedPart(NamedTuple):
    """One part as it arrived: its sequence number, when (seconds since the epoch, or the
    caller's own clock), and the part itself."""

    sequence: int
    received_at: float
    part: DecodedPart

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the sequence number, arrival time, text and header (hex)."""
        return {
            "sequence": self.sequence,
            "received_at": self.received_at,
            "text": self.part.text,
            "udh": self.part.udh.hex(),
        }


class Message(NamedTuple):
    """A message taken out of the pending set: complete, or partial with its gaps marked.

    ``status`` says why it left: ``"complete"`` (every part arrived), ``"expired"``
    (older than the timeout), ``"evicted"`` (the oldest when the bound on pending
    messages was reached) or ``"flushed"``.  ``missing`` lists the sequence numbers that
    never arrived; the text has the placeholder in their place.  ``parts`` are the parts
    received, by sequence number (the first copy of each), ``duplicates`` counts the exact
    copies dropped while the message was pending, and ``conflicts`` holds parts that
    carried a sequence number already taken by a different part (the first one is the one
    in the text).  ``reference``, ``reference_bits`` and ``scheme`` come from the
    concatenation info (None for a part that had none); ``id`` is the handle to pass to
    :meth:`Reassembler.confirm` when the reassembler holds messages until confirmed
    (None otherwise)."""

    text: str
    sender: str
    status: Reason
    total: int
    missing: tuple[int, ...]
    parts: tuple[ReceivedPart, ...]
    duplicates: int
    conflicts: tuple[ReceivedPart, ...]
    reference: int | None
    reference_bits: int | None
    scheme: str | None
    id: str | None

    @property
    def complete(self) -> bool:
        """Every part arrived."""
        return self.status == "complete"

    @property
    def first_received_at(self) -> float:
        """When its first part arrived."""
        return min(part.received_at for part in self.parts)

    @property
    def last_received_at(self) -> float:
        """When its last part arrived."""
        return max(part.received_at for part in self.parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, ``complete`` included; each part by its sequence number and arrival
        time (its text is in the message's), each conflict in full."""
        return {
            "sender": self.sender,
            "text": self.text,
            "complete": self.complete,
            "status": self.status,
            "total": self.total,
            "missing": list(self.missing),
            "reference": self.reference,
            "reference_bits": self.reference_bits,
            "scheme": self.scheme,
            "duplicates": self.duplicates,
            "parts": [
                {"sequence": part.sequence, "received_at": part.received_at} for part in self.parts
            ],
            "conflicts": [part.to_dict() for part in self.conflicts],
            "id": self.id,
        }


def lone_message(part: DecodedPart, sender: str, received_at: float) -> Message:
    """A message of one part: no concatenation info, or a total of 1."""
    concatenation = part.concatenation
    return Message(
        text=join([part]),
        sender=sender,
        status="complete",
        total=1,
        missing=(),
        parts=(ReceivedPart(1, received_at, part),),
        duplicates=0,
        conflicts=(),
        reference=None if concatenation is None else concatenation.reference,
        reference_bits=None if concatenation is None else concatenation.reference_bits,
        scheme=None if concatenation is None else concatenation.scheme,
        id=None,
    )


def taken_message(taken: Taken, placeholder: str) -> Message:
    """The :class:`Message` of what a store took out."""
    sender, reference, total, reference_bits, scheme = key_fields(taken.key)
    parts = tuple(_received(part) for part in taken.parts)
    present = {part.sequence for part in parts}
    missing = tuple(sequence for sequence in range(1, total + 1) if sequence not in present)
    if missing:
        text = _partial_text(parts, total, placeholder)
    else:
        text = join([received.part for received in parts])
    return Message(
        text=text,
        sender=sender,
        status=taken.reason,
        total=total,
        missing=missing,
        parts=parts,
        duplicates=taken.duplicates,
        conflicts=tuple(sorted((_received(part) for part in taken.conflicts), key=lambda p: p[:2])),
        reference=reference,
        reference_bits=reference_bits,
        scheme=scheme,
        id=taken.handle,
    )


def _received(part: StoredPart) -> ReceivedPart:
    decoded = part.decoded if part.decoded is not None else part_from_content(part.content)
    return ReceivedPart(part.sequence, part.received_at, decoded)


def _partial_text(parts: Sequence[ReceivedPart], total: int, placeholder: str) -> str:
    """Each run of consecutive parts joined, the placeholder for each missing part."""
    by_sequence = {received.sequence: received.part for received in parts}
    pieces: list[str] = []
    run: list[DecodedPart] = []
    for sequence in range(1, total + 1):
        part = by_sequence.get(sequence)
        if part is not None:
            run.append(part)
            continue
        if run:
            pieces.append(join(run))
            run = []
        pieces.append(placeholder)
    if run:
        pieces.append(join(run))
    return "".join(pieces)


def join(parts: Sequence[DecodedPart]) -> str:
    """The text of consecutive parts, as :func:`smsenc.reassemble` joins them.

    The parts are numbered 1..n for it (a run of a partial message starts anywhere).  An
    escape ending one part that the next part's first septet cannot complete is dropped
    and that septet read from the main table, as TS 23.038 §6.2.1.1 tells a receiver to
    show a code missing from the extension table; so every set of parts has a text."""
    first = parts[0].concatenation
    if first is None or (first.sequence, first.total) != (1, len(parts)):
        parts = [_numbered(part, sequence, len(parts)) for sequence, part in enumerate(parts, 1)]
    parts = list(parts)
    while True:
        try:
            return reassemble(parts)
        except DecodeError as error:
            # reassemble() names the part after the dangling escape; the parts here are
            # checked, so nothing else can fail.
            index = error.offset - 1
            if error.unit != "part" or not 0 <= index < len(parts) - 1:
                raise
            parts[index] = _numbered(parts[index], index + 1, len(parts), ends_in_escape=False)


def _numbered(
    part: DecodedPart, sequence: int, total: int, *, ends_in_escape: bool | None = None
) -> DecodedPart:
    """``part`` as part ``sequence`` of ``total`` (reference and scheme kept)."""
    concatenation = part.concatenation
    return DecodedPart(
        text=part.text,
        udh=part.udh,
        information_elements=part.information_elements,
        concatenation=Concatenation(
            reference=0 if concatenation is None else concatenation.reference,
            total=total,
            sequence=sequence,
            reference_bits=8 if concatenation is None else concatenation.reference_bits,
            scheme="udh" if concatenation is None else concatenation.scheme,
        ),
        locking_shift=part.locking_shift,
        single_shift=part.single_shift,
        ends_in_escape=part.ends_in_escape if ends_in_escape is None else ends_in_escape,
    )
