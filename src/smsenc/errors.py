"""Exceptions smsenc raises on purpose; each is also a ``ValueError``."""

from __future__ import annotations


class SmsencError(ValueError):
    """Base class of the errors below."""


class TooManyPartsError(SmsencError):
    """The text needs more parts than a concatenated SMS can carry."""

    def __init__(self, message: str, *, parts: int, limit: int) -> None:
        super().__init__(message)
        self.parts = parts
        self.limit = limit


class DecodeError(SmsencError):
    """User data that cannot be decoded; ``offset`` is the octet (or septet) at fault."""

    def __init__(self, message: str, *, offset: int) -> None:
        super().__init__(f"{message} (at offset {offset})")
        self.offset = offset
