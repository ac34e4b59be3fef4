"""Pending parts in this process's memory: the default store, lost when the process ends."""

from __future__ import annotations

import heapq
import itertools
import threading

from ..store import Added, Reason, StoredPart, Taken


class _Pending:
    """One pending message: its parts by sequence number, and what else arrived."""

    __slots__ = ("conflicts", "digests", "duplicates", "first", "order", "parts", "total")

    def __init__(self, total: int, first: float, order: int) -> None:
        self.total = total
        self.first = first
        self.order = order
        self.parts: dict[int, StoredPart] = {}
        self.conflicts: list[StoredPart] = []
        self.digests: set[str] = set()
        self.duplicates = 0


class MemoryStore:
    """Pending parts in a dict, guarded by one lock: safe to share between threads.

    The oldest pending message is found through a heap of (first arrival, opening order,
    key); an entry whose message has gone or arrived earlier since is skipped when popped,
    and the heap is rebuilt when such entries outnumber the live ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[str, _Pending] = {}
        self._ages: list[tuple[float, int, str]] = []
        self._opened = itertools.count()
        self._completed: dict[str, tuple[float, set[str]]] = {}
        self._held: dict[str, Taken] = {}
        self._handles = itertools.count(1)

    def add(
        self, key: str, part: StoredPart, *, total: int, max_pending: int | None, hold: bool
    ) -> Added:
        """See :meth:`smsenc.inbound.Store.add`."""
        with self._lock:
            completed = self._completed.get(key)
            if completed is not None and part.digest in completed[1]:
                return Added("late", None)
            message = self._pending.get(key)
            opened = message is None
            if message is None:
                message = _Pending(total, part.received_at, next(self._opened))
                self._pending[key] = message
                heapq.heappush(self._ages, (message.first, message.order, key))
            elif part.digest in message.digests:
                message.duplicates += 1
                return Added("duplicate", None)
            message.digests.add(part.digest)
            if part.sequence in message.parts:
                message.conflicts.append(part)
                return Added("conflict", None)
            message.parts[part.sequence] = part
            if part.received_at < message.first:
                message.first = part.received_at
                heapq.heappush(self._ages, (message.first, message.order, key))
            if len(message.parts) == message.total:
                seen_at, digests = self._completed.get(key, (part.received_at, set()))
                digests.update(message.digests)
                self._completed[key] = (max(seen_at, part.received_at), digests)
                return Added("complete", self._take(key, "complete", hold))
            if opened and max_pending is not None and len(self._pending) > max_pending:
                oldest = self._oldest()
                assert oldest is not None  # at least the message just opened
                return Added("evicted", self._take(oldest, "evicted", hold))
            return Added("stored", None)

    def take_older(self, before: float, *, hold: bool) -> list[Taken]:
        """See :meth:`smsenc.inbound.Store.take_older`."""
        taken = []
        with self._lock:
            while (oldest := self._oldest()) is not None and self._pending[oldest].first < before:
                taken.append(self._take(oldest, "expired", hold))
        return taken

    def take_all(self, *, hold: bool) -> list[Taken]:
        """See :meth:`smsenc.inbound.Store.take_all`."""
        with self._lock:
            taken = [self._take(key, "flushed", hold) for key in list(self._pending)]
            self._ages.clear()
        return taken

    def forget(self, before: float) -> None:
        """See :meth:`smsenc.inbound.Store.forget`."""
        with self._lock:
            for key in [k for k, (at, _) in self._completed.items() if at < before]:
                del self._completed[key]

    def held(self) -> list[Taken]:
        """See :meth:`smsenc.inbound.Store.held`."""
        with self._lock:
            return list(self._held.values())

    def release(self, handle: str) -> bool:
        """See :meth:`smsenc.inbound.Store.release`."""
        with self._lock:
            return self._held.pop(handle, None) is not None

    def pending(self) -> int:
        """See :meth:`smsenc.inbound.Store.pending`."""
        with self._lock:
            return len(self._pending)

    def close(self) -> None:
        """Nothing to release."""

    # --- under the lock --------------------------------------------------------------

    def _oldest(self) -> str | None:
        """The key of the pending message whose first part arrived first."""
        ages = self._ages
        while ages:
            first, order, key = ages[0]
            message = self._pending.get(key)
            if message is not None and message.order == order and message.first == first:
                return key
            heapq.heappop(ages)  # its message is gone, or has an earlier entry
        return None

    def _take(self, key: str, reason: Reason, hold: bool) -> Taken:
        message = self._pending.pop(key)
        if len(self._ages) > 2 * len(self._pending) + 64:
            self._ages = [(m.first, m.order, k) for k, m in self._pending.items()]
            heapq.heapify(self._ages)
        handle = f"m{next(self._handles)}" if hold else None
        taken = Taken(
            key,
            reason,
            tuple(message.parts[sequence] for sequence in sorted(message.parts)),
            tuple(message.conflicts),
            message.duplicates,
            handle,
        )
        if handle is not None:
            self._held[handle] = taken
        return taken
