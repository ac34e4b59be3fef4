"""The one small protocol every store of pending parts follows, and what it hands back.

A store keeps three things, each keyed by a message key (:func:`records.message_key`):

- **pending** messages: the parts received so far (the first of each sequence number, the
  conflicting ones beside them), how many exact duplicates were dropped, and when the first
  part arrived;
- **completed** digests: for ``remember`` seconds after a message completes, the digests
  of its parts, so that a copy arriving late is known for the duplicate it is instead of
  opening a new message that could only ever expire half-empty;
- **held** messages (with ``hold=True``): a message the store has taken out of the pending
  set stays there, whole, until the caller releases it, so that a caller that crashes
  before handing it on finds it again.

Each method is one atomic step: two callers (threads, processes, gateway instances) never
both take the same message, and a part is stored before :meth:`Store.add` returns.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, Protocol

from .. import DecodedPart

Reason = Literal["complete", "expired", "evicted", "flushed"]
"""Why a message left the pending set: its last part arrived; it waited past the timeout;
it was the oldest when the bound on pending messages was reached; or the caller flushed."""

Outcome = Literal["stored", "duplicate", "late", "conflict", "complete", "evicted"]
"""What :meth:`Store.add` did with a part: stored it (``"evicted"``: and pushed the oldest
pending message out); dropped it as an exact duplicate of a pending part (``"duplicate"``)
or of a part of a message completed within ``remember`` seconds (``"late"``); kept it
aside as a conflict; or completed its message with it."""


class StoreError(OSError):
    """A store could not be reached or failed; the message names the store.

    Whatever the call, nothing it was given was stored: :meth:`Store.add` raising this
    means the part must not be acknowledged to its sender."""


class StoredPart(NamedTuple):
    """One received part as a store keeps it: ``content`` is :func:`records.part_content`,
    ``digest`` its :func:`records.content_digest`.  ``decoded`` is the part itself, for a
    store that keeps objects (memory) to hand back; a store that keeps text leaves it
    out, and the part is rebuilt from ``content``."""

    sequence: int
    received_at: float
    digest: str
    content: str
    decoded: DecodedPart | None = None


class Taken(NamedTuple):
    """A message a store took out of its pending set, with everything received for it.

    ``parts`` holds the first part of each sequence number received, ``conflicts`` the
    later ones that differed from it; ``handle`` is the store's name for a held message
    (None when the store does not hold it)."""

    key: str
    reason: Reason
    parts: tuple[StoredPart, ...]
    conflicts: tuple[StoredPart, ...]
    duplicates: int
    handle: str | None


class Added(NamedTuple):
    """What :meth:`Store.add` did, and the message it took out, if any (the completed
    one, or the evicted oldest)."""

    outcome: Outcome
    taken: Taken | None


class Store(Protocol):
    """Where pending parts live: :class:`MemoryStore`, :class:`SqliteStore`,
    :class:`RedisStore`, or your own."""

    def add(
        self, key: str, part: StoredPart, *, total: int, max_pending: int | None, hold: bool
    ) -> Added:
        """Store ``part`` of message ``key`` (of ``total`` parts) in one atomic step.

        An exact duplicate (same digest) of a part of that pending message, or of a part of
        a message of that key completed and not yet forgotten, is dropped and counted.  A
        part whose sequence number is taken by a different part is kept as a conflict.
        Otherwise it is stored; when it is the last missing part the message is taken
        (``"complete"``) and its parts' digests remembered, and when it opens a new
        message while ``max_pending`` are pending, the oldest pending message (by first
        arrival) is taken (``"evicted"``).  With ``hold`` a taken message stays held."""
        ...

    def take_older(self, before: float, *, hold: bool) -> list[Taken]:
        """Take every pending message whose first part arrived before ``before``.

        A store that takes them in batches and fails after the first returns what it
        took (out of the store, those would be lost otherwise); a lasting fault raises at
        the next call."""
        ...

    def take_all(self, *, hold: bool) -> list[Taken]:
        """Take every pending message (``"flushed"``)."""
        ...

    def forget(self, before: float) -> None:
        """Forget the digests of messages completed before ``before``."""
        ...

    def held(self) -> list[Taken]:
        """Every message taken with ``hold=True`` and not released yet."""
        ...

    def release(self, handle: str) -> bool:
        """Drop the held message ``handle``; False if there was none by that name."""
        ...

    def pending(self) -> int:
        """How many messages are pending."""
        ...

    def close(self) -> None:
        """Release the store's connections; it is not used afterwards."""
        ...
