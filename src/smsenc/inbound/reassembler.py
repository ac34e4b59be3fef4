"""``Reassembler``: parts in as they arrive, whole messages out, exactly once.

A message is keyed by its sender and its concatenation info: reference, total, reference
size and scheme (TS 23.040 §9.2.3.24.1 8-bit, §9.2.3.24.8 16-bit, or SMPP 3.4 §5.3.2.22-24
SAR), so an 8-bit and a 16-bit reference of the same number never mix.  The pending parts
live in a :class:`~smsenc.inbound.Store`; each :meth:`Reassembler.add` is one atomic step
there, which is what makes several threads, processes or gateway instances safe.
"""

from __future__ import annotations

import math
import threading
import time
from datetime import datetime
from types import TracebackType

from .. import DecodedPart
from ..arguments import (
    check_bool,
    check_int,
    check_optional_int,
    check_seconds,
    check_str,
    type_error,
)
from ..pdu import Deliver, Submit
from .message import Message, lone_message, taken_message
from .records import content_digest, message_key, part_content
from .store import Store, StoredPart, Taken
from .stores.memory import MemoryStore

DEFAULT_TIMEOUT = 1800.0
"""Seconds a message may wait for its parts: Kannel's bearerbox default for concatenated
MO (``sms-combine-concatenated-mo-timeout``)."""

DEFAULT_PLACEHOLDER = "[...]"
"""What a partial message's text holds where a part is missing."""

_SCHEMES = {"udh": (8, 16), "sar": (16,)}  # SMPP's sar_msg_ref_num is 2 octets (§5.3.2.22)


class Reassembler:
    """Joins the parts of concatenated messages as they arrive, in any order.

    ``store`` keeps the pending parts (default: a new :class:`MemoryStore`; a
    :class:`SqliteStore` survives a crash, a :class:`RedisStore` is shared by several
    gateway instances).  ``timeout``: seconds after its first part arrived that
    :meth:`expire` gives a message up as partial.  ``max_pending``: at most this many
    messages pending; a part that opens one more pushes the oldest out, returned as a
    partial message.  ``placeholder``: a partial message's text for each missing part.
    ``remember``: how many seconds after a message completes a copy of one of its parts
    is still known for a duplicate (default: ``timeout``); :meth:`expire` forgets what
    completed longer ago than that.

    ``confirm``: with True, a message a store takes out stays held there until
    :meth:`confirm`; after a crash, :meth:`unconfirmed` returns the messages completed but
    never confirmed.  Use it with a store that survives the process, when a message
    :meth:`add` returned could be lost before it is handed on: its parts are already
    acknowledged to the sender, who will not send them again.

    Every method may be called from several threads at once.
    """

    def __init__(
        self,
        store: Store | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_pending: int | None = None,
        placeholder: str = DEFAULT_PLACEHOLDER,
        remember: float | None = None,
        confirm: bool = False,
    ) -> None:
        if store is not None and not all(
            callable(getattr(store, name, None))
            for name in ("add", "take_older", "take_all", "forget", "held", "release")
        ):
            raise type_error("store", store, "a store (MemoryStore, SqliteStore, RedisStore)")
        self._store: Store = MemoryStore() if store is None else store
        self._timeout = check_seconds("timeout", timeout, positive=True)
        self._remember = self._timeout if remember is None else check_seconds("remember", remember)
        self._max_pending = check_optional_int("max_pending", max_pending, 1)
        self._placeholder = check_str("placeholder", placeholder)
        self._confirm = check_bool("confirm", confirm)
        self._lock = threading.Lock()
        self._late_duplicates = 0

    @property
    def store(self) -> Store:
        """Where the pending parts live."""
        return self._store

    @property
    def late_duplicates(self) -> int:
        """Copies of parts of already completed messages this reassembler dropped."""
        return self._late_duplicates

    def add(
        self,
        part: DecodedPart | Deliver | Submit,
        *,
        sender: str,
        received_at: float | datetime | None = None,
    ) -> Message | None:
        """Take one part; the message it completes (or pushes out), else None.

        ``part``: a :class:`smsenc.DecodedPart` (from :func:`smsenc.decode`, or from an
        SMPP ``deliver_sm``, SAR TLVs included) or a parsed SMS-DELIVER / SMS-SUBMIT
        (:func:`smsenc.pdu.parse`), whose ``decoded`` part is used.  ``sender``: who sent
        it (with several receiving numbers, put the receiving number in too, e.g.
        ``"+4670...>+4670..."``: a reference is only unique per sender and recipient).
        ``received_at``: seconds since the epoch, or an aware ``datetime`` (default: now).

        Returns the completed :class:`Message` when this part was the last one missing; a
        part without concatenation info (or 1 of 1) is a message by itself.  When the
        part opened a new message while ``max_pending`` were pending, it returns the
        oldest pending message instead, partial (``status`` ``"evicted"``).  Otherwise
        None: the part is stored, or was an exact duplicate (dropped and counted), or
        conflicts with a different part of the same sequence number (kept aside and
        reported on the message).  When it returns, without raising, the part is stored
        and may be acknowledged; a store that fails raises :class:`StoreError` and
        stores nothing.
        """
        decoded = _decoded(part)
        check_str("sender", sender)
        at = time.time() if received_at is None else _moment("received_at", received_at)
        concatenation = decoded.concatenation
        if concatenation is None or concatenation.total == 1:
            return lone_message(decoded, sender, at)
        content = part_content(decoded)
        stored = StoredPart(concatenation.sequence, at, content_digest(content), content, decoded)
        added = self._store.add(
            message_key(sender, concatenation),
            stored,
            total=concatenation.total,
            max_pending=self._max_pending,
            hold=self._confirm,
        )
        if added.outcome == "late":
            with self._lock:
                self._late_duplicates += 1
        if added.taken is None:
            return None
        return taken_message(added.taken, self._placeholder)

    def expire(self, now: float | datetime | None = None) -> list[Message]:
        """Give up on messages waiting too long: partial messages, oldest first.

        Those are the messages whose first part arrived more than ``timeout`` seconds
        before ``now`` (default: the current time).  Also forgets the parts of messages
        completed more than ``remember`` seconds before ``now``."""
        moment = time.time() if now is None else _moment("now", now)
        # Forget first: a store failing then has taken nothing out yet.
        self._store.forget(moment - self._remember)
        return self._messages(self._store.take_older(moment - self._timeout, hold=self._confirm))

    def flush(self) -> list[Message]:
        """Every pending message, partial (``status`` ``"flushed"``), oldest first.

        For the end of a replayed file, or before retiring a store."""
        return self._messages(self._store.take_all(hold=self._confirm))

    def unconfirmed(self) -> list[Message]:
        """Messages taken out with ``confirm=True`` and not confirmed yet, oldest first.

        After a restart, hand these on first; a message's ``id`` tells one handed on just
        before the crash (and so seen twice) from a new one."""
        return self._messages(self._store.held())

    def confirm(self, message: Message) -> None:
        """Say that ``message`` was handed on: the store drops it.

        A message without an ``id`` was never held and needs nothing."""
        if not isinstance(message, Message):
            raise type_error("message", message, "a Message")
        if message.id is not None:
            self._store.release(message.id)

    def pending(self) -> int:
        """How many messages are waiting for parts."""
        return self._store.pending()

    def close(self) -> None:
        """Close the store."""
        self._store.close()

    def __enter__(self) -> Reassembler:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _messages(self, taken: list[Taken]) -> list[Message]:
        messages = [taken_message(item, self._placeholder) for item in taken]
        messages.sort(key=lambda message: message.first_received_at)
        return messages


def _decoded(part: object) -> DecodedPart:
    """The :class:`DecodedPart` of ``part``, or a TypeError / ValueError saying why not."""
    if isinstance(part, DecodedPart):
        decoded = part
    elif isinstance(part, (Deliver, Submit)):
        if part.decoded is None:
            raise ValueError(
                f"part is an SMS-{'DELIVER' if isinstance(part, Deliver) else 'SUBMIT'} "
                f"without text (TP-DCS {part.dcs!r}: 8-bit or compressed data)"
            )
        decoded = part.decoded
    else:
        raise type_error(
            "part",
            part,
            "a DecodedPart (smsenc.decode) or a parsed SMS-DELIVER / SMS-SUBMIT (smsenc.pdu.parse)",
        )
    _check_concatenation(decoded)
    return decoded


def _check_concatenation(part: DecodedPart) -> None:
    """A ValueError unless the part's concatenation info (if any) is possible."""
    concatenation = part.concatenation
    if concatenation is None:
        return
    scheme, bits = concatenation.scheme, concatenation.reference_bits
    if scheme not in _SCHEMES:
        raise ValueError(f"part's concatenation scheme must be 'udh' or 'sar', got {scheme!r}")
    if bits not in _SCHEMES[scheme]:
        accepted = " or ".join(map(str, _SCHEMES[scheme]))
        raise ValueError(f"part's {scheme} reference_bits must be {accepted}, got {bits!r}")
    reference, total, sequence = (
        concatenation.reference,
        concatenation.total,
        concatenation.sequence,
    )
    # A DecodedPart is a tuple anyone can build: its fields are checked as arguments.
    for name, value in (("reference", reference), ("total", total), ("sequence", sequence)):
        check_int(f"part's concatenation {name}", value)
    if not 0 <= reference < 1 << bits:
        raise ValueError(
            f"part's concatenation reference must be 0..{(1 << bits) - 1} "
            f"({bits}-bit), got {reference}"
        )
    # TS 23.040 §9.2.3.24.1: a total of 0, or a sequence number of 0 or above the total,
    # is not a part of anything; SMPP 3.4 §5.3.2.23-24 counts 1..255 the same way.
    if not 1 <= total <= 255:
        raise ValueError(f"part's concatenation total must be 1..255, got {total}")
    if not 1 <= sequence <= total:
        raise ValueError(
            f"part's concatenation sequence must be 1..{total} (its total), got {sequence}"
        )


def _moment(name: str, value: object) -> float:
    """Seconds since the epoch, from a number or an aware datetime."""
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError(f"{name} must be an aware datetime (with a UTC offset), got {value}")
        return value.timestamp()
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise type_error(name, value, "seconds (int or float) or a datetime")
    if not math.isfinite(value):  # any finite moment, before 1970 too: not a duration
        raise ValueError(f"{name} must be a finite number of seconds, got {value}")
    return float(value)
