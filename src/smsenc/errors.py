"""Exceptions smsenc raises on purpose; each is also a ``ValueError``."""

from __future__ import annotations

from typing import Literal

OffsetUnit = Literal["octet", "septet", "part"]
"""What a :class:`DecodeError`'s offset counts."""


class SmsencError(ValueError):
    """Base class of the errors below."""


class TooManyPartsError(SmsencError):
    """The text needs more parts than a concatenated SMS can carry."""

    def __init__(self, message: str, *, parts: int, limit: int) -> None:
        super().__init__(message)
        self.parts = parts
        self.limit = limit


class DecodeError(SmsencError):
    """User data that cannot be decoded, and where: ``offset`` counts ``unit``\\ s.

    ``unit`` is ``"octet"`` (of the user data), ``"septet"`` (of the TP-UD, header
    septets included, as TP-UDL counts them) or ``"part"`` (the index, in the parts
    given to :func:`smsenc.reassemble`, of the part at fault).  The message names the
    place once: ``"... (at octet 3)"``; ``reason`` is the message without it, for a
    caller that names the place its own way.
    """

    def __init__(self, message: str, *, offset: int, unit: OffsetUnit = "octet") -> None:
        super().__init__(f"{message} (at {unit} {offset})")
        self.reason = message
        self.offset = offset
        self.unit: OffsetUnit = unit
