"""Pending parts in an SQLite file (standard library): they survive a crash of the process.

Every call is one transaction opened with ``BEGIN IMMEDIATE``, which takes the file's
write lock before reading, so the read-decide-write of an add (is it a duplicate? does it
complete the message?) sees no other writer's half-done work: any number of threads and
processes may share one file, and a message is taken out exactly once.  The file is in
WAL mode; :meth:`SqliteStore.add` returns only after its COMMIT, and with the default
``synchronous="FULL"`` the commit is on disk (fsync) before it returns, so an
acknowledged part survives even a power cut; ``"NORMAL"`` survives a killed process but
not a power cut, for about ten times the speed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from ...arguments import check_choice, check_seconds, check_str, type_error
from ..store import Added, Reason, StoredPart, StoreError, Taken

T = TypeVar("T")

_SCHEMA = """
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS pending (
    key TEXT PRIMARY KEY,
    total INTEGER NOT NULL,
    first_at REAL NOT NULL,
    arrived INTEGER NOT NULL,
    duplicates INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_age ON pending (first_at);
CREATE TABLE IF NOT EXISTS parts (
    key TEXT NOT NULL,
    digest TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    received_at REAL NOT NULL,
    content TEXT NOT NULL,
    conflict INTEGER NOT NULL,
    PRIMARY KEY (key, digest)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS completed (
    key TEXT NOT NULL,
    digest TEXT NOT NULL,
    completed_at REAL NOT NULL,
    PRIMARY KEY (key, digest)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS completed_age ON completed (completed_at);
CREATE TABLE IF NOT EXISTS held (
    handle INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    reason TEXT NOT NULL,
    duplicates INTEGER NOT NULL,
    parts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO counters VALUES ('pending', 0);
COMMIT;
"""
SYNCHRONOUS = ("FULL", "NORMAL")


class SqliteStore:
    """Pending parts in the SQLite file at ``path`` (created if missing).

    ``synchronous``: ``"FULL"`` (default: each add is on disk when it returns) or
    ``"NORMAL"`` (safe from a killed process, not from a power cut).  ``busy_timeout``:
    seconds to wait for another writer's transaction before failing.  One store may be
    shared by the threads of a process (its calls take turns on one connection); each
    process opens its own.  A file that cannot be opened or written is a
    :class:`StoreError` naming it."""

    def __init__(
        self, path: str | os.PathLike[str], *, synchronous: str = "FULL", busy_timeout: float = 30
    ) -> None:
        if not isinstance(path, (str, os.PathLike)):
            raise type_error("path", path, "a str or a path")
        check_choice("synchronous", check_str("synchronous", synchronous), SYNCHRONOUS)
        busy_timeout = check_seconds("busy_timeout", busy_timeout)
        self.path = os.fspath(path)
        self._lock = threading.Lock()
        try:
            # isolation_level=None: no implicit transactions, each call opens its own.
            self._connection = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise StoreError(f"SQLite store {self.path!r} cannot be opened: {error}") from None
        try:
            with self._errors():
                self._connection.execute("PRAGMA journal_mode=WAL")
                self._connection.execute(f"PRAGMA synchronous={synchronous}")
            with self._errors():
                self._connection.executescript(_SCHEMA)
        except BaseException:
            self._connection.close()
            raise

    def __repr__(self) -> str:
        return f"SqliteStore({self.path!r})"

    def add(
        self, key: str, part: StoredPart, *, total: int, max_pending: int | None, hold: bool
    ) -> Added:
        """See :meth:`smsenc.inbound.Store.add`."""

        def add(db: sqlite3.Connection) -> Added:
            if _exists(db, "SELECT 1 FROM completed WHERE key = ? AND digest = ?", key, part):
                return Added("late", None)
            if _exists(db, "SELECT 1 FROM parts WHERE key = ? AND digest = ?", key, part):
                db.execute("UPDATE pending SET duplicates = duplicates + 1 WHERE key = ?", (key,))
                return Added("duplicate", None)
            taken_sequence = db.execute(
                "SELECT 1 FROM parts WHERE key = ? AND sequence = ? AND conflict = 0",
                (key, part.sequence),
            ).fetchone()
            conflict = taken_sequence is not None
            db.execute(
                "INSERT INTO parts VALUES (?, ?, ?, ?, ?, ?)",
                (key, part.digest, part.sequence, part.received_at, part.content, conflict),
            )
            if conflict:
                return Added("conflict", None)
            row = db.execute(
                "UPDATE pending SET arrived = arrived + 1, first_at = min(first_at, ?) "
                "WHERE key = ? RETURNING arrived",
                (part.received_at, key),
            ).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO pending VALUES (?, ?, ?, 1, 0)", (key, total, part.received_at)
                )
                count = db.execute(
                    "UPDATE counters SET value = value + 1 WHERE name = 'pending' RETURNING value"
                ).fetchone()[0]
                if total == 1:
                    return _complete(db, key, part, hold)
                if max_pending is not None and count > max_pending:
                    oldest = db.execute(
                        "SELECT key FROM pending ORDER BY first_at, rowid LIMIT 1"
                    ).fetchone()[0]
                    return Added("evicted", _take(db, oldest, "evicted", hold))
                return Added("stored", None)
            if row[0] == total:
                return _complete(db, key, part, hold)
            return Added("stored", None)

        return self._write(add)

    def take_older(self, before: float, *, hold: bool) -> list[Taken]:
        """See :meth:`smsenc.inbound.Store.take_older`."""
        return self._take_where("WHERE first_at < ?", (before,), "expired", hold)

    def take_all(self, *, hold: bool) -> list[Taken]:
        """See :meth:`smsenc.inbound.Store.take_all`."""
        return self._take_where("", (), "flushed", hold)

    def forget(self, before: float) -> None:
        """See :meth:`smsenc.inbound.Store.forget`."""
        self._write(
            lambda db: db.execute("DELETE FROM completed WHERE completed_at < ?", (before,))
        )

    def held(self) -> list[Taken]:
        """See :meth:`smsenc.inbound.Store.held`."""
        rows = self._read(
            lambda db: db.execute(
                "SELECT handle, key, reason, duplicates, parts FROM held ORDER BY handle"
            ).fetchall()
        )
        held = []
        for handle, key, reason, duplicates, parts in rows:
            stored = [(_stored(row), row[4]) for row in json.loads(parts)]
            held.append(
                Taken(
                    key,
                    reason,
                    tuple(part for part, conflict in stored if not conflict),
                    tuple(part for part, conflict in stored if conflict),
                    duplicates,
                    str(handle),
                )
            )
        return held

    def release(self, handle: str) -> bool:
        """See :meth:`smsenc.inbound.Store.release`."""
        if not handle.isdigit():
            return False
        cursor = self._write(lambda db: db.execute("DELETE FROM held WHERE handle = ?", (handle,)))
        return cursor.rowcount > 0

    def pending(self) -> int:
        """See :meth:`smsenc.inbound.Store.pending`."""
        row = self._read(
            lambda db: db.execute("SELECT value FROM counters WHERE name = 'pending'").fetchone()
        )
        return int(row[0])

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._connection.close()

    # --- transactions ----------------------------------------------------------------

    def _take_where(
        self, where: str, arguments: tuple[object, ...], reason: Reason, hold: bool
    ) -> list[Taken]:
        # A few hundred at a time, so that one call never holds the write lock for long.
        taken: list[Taken] = []
        while True:

            def take(db: sqlite3.Connection) -> list[Taken]:
                keys = db.execute(
                    f"SELECT key FROM pending {where} ORDER BY first_at, rowid LIMIT 500",
                    arguments,
                ).fetchall()
                return [_take(db, key, reason, hold) for (key,) in keys]

            try:
                batch = self._write(take)
            except StoreError:
                if not taken:
                    raise
                # Earlier batches are committed, out of the store: returning them is the
                # only way not to lose them.  The error comes back at the next call.
                return taken
            taken += batch
            if len(batch) < 500:
                return taken

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """``work`` in one write transaction: committed when this returns."""
        with self._lock, self._errors():
            db = self._connection
            db.execute("BEGIN IMMEDIATE")
            try:
                result = work(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return result

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock, self._errors():
            return work(self._connection)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise StoreError(f"SQLite store {self.path!r}: {error}") from None


def _exists(db: sqlite3.Connection, query: str, key: str, part: StoredPart) -> bool:
    return db.execute(query, (key, part.digest)).fetchone() is not None


def _complete(db: sqlite3.Connection, key: str, part: StoredPart, hold: bool) -> Added:
    """Take message ``key``, its last part ``part`` just stored, and remember its digests."""
    # As the other stores do, a key's digests are remembered from its latest completion:
    # every digest of the key takes that time.
    db.execute(
        "INSERT INTO completed SELECT key, digest, ? FROM parts WHERE key = ? "
        "ON CONFLICT (key, digest) DO NOTHING",
        (part.received_at, key),
    )
    db.execute(
        "UPDATE completed SET completed_at = ? WHERE key = ? AND completed_at < ?",
        (part.received_at, key, part.received_at),
    )
    return Added("complete", _take(db, key, "complete", hold))


def _take(db: sqlite3.Connection, key: str, reason: Reason, hold: bool) -> Taken:
    """Remove message ``key`` and its parts; hold them when asked."""
    rows = db.execute(
        "SELECT sequence, received_at, digest, content, conflict FROM parts WHERE key = ? "
        "ORDER BY sequence, received_at",
        (key,),
    ).fetchall()
    duplicates = db.execute(
        "DELETE FROM pending WHERE key = ? RETURNING duplicates", (key,)
    ).fetchone()[0]
    db.execute("DELETE FROM parts WHERE key = ?", (key,))
    db.execute("UPDATE counters SET value = value - 1 WHERE name = 'pending'")
    handle = None
    if hold:
        cursor = db.execute(
            "INSERT INTO held (key, reason, duplicates, parts) VALUES (?, ?, ?, ?)",
            (key, reason, duplicates, json.dumps(rows)),
        )
        handle = str(cursor.lastrowid)
    return Taken(
        key,
        reason,
        tuple(_stored(row) for row in rows if not row[4]),
        tuple(_stored(row) for row in rows if row[4]),
        duplicates,
        handle,
    )


def _stored(row: list[object] | tuple[object, ...]) -> StoredPart:
    sequence, received_at, digest, content = row[:4]
    assert isinstance(sequence, int) and isinstance(received_at, (int, float))
    assert isinstance(digest, str) and isinstance(content, str)
    return StoredPart(sequence, float(received_at), digest, content)
