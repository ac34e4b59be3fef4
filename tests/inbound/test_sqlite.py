"""The SQLite store's own promises: its file, its errors, and nothing stored on failure."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from smsenc.inbound import Reassembler, SqliteStore, StoreError

from .parts import udh_parts

LONG = "The quick brown fox jumps over the lazy dog. " * 8
T0 = 1_700_000_000.0


def test_a_path_in_a_missing_directory_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "no such directory" / "pending.db"
    with pytest.raises(StoreError) as raised:
        SqliteStore(path)
    assert str(raised.value).startswith(f"SQLite store {str(path)!r}")
    assert "unable to open database file" in str(raised.value)
    assert not path.parent.exists()


def test_a_file_that_is_not_a_database_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are not the pending parts you are looking for\n" * 100)
    with pytest.raises(StoreError, match=r"SQLite store '.*notes\.txt': file is not a database"):
        SqliteStore(path)


def test_a_locked_file_is_an_error_and_the_part_is_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "pending.db"
    parts = udh_parts(LONG)
    reassembler = Reassembler(SqliteStore(path, busy_timeout=0.2))
    assert reassembler.add(parts[0], sender="A", received_at=T0) is None
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the timeout
    with pytest.raises(StoreError, match=r"^SQLite store '.*pending\.db': database is locked$"):
        reassembler.add(parts[1], sender="A", received_at=T0)
    other.execute("ROLLBACK")
    other.close()
    # Part 2 was not stored: resent (as its sender does without an acknowledgement), it
    # is new, and part 3 completes the message.
    assert reassembler.add(parts[1], sender="A", received_at=T0) is None
    message = reassembler.add(parts[2], sender="A", received_at=T0)
    assert message is not None and message.text == LONG and message.duplicates == 0
    reassembler.close()


def test_the_file_is_in_wal_mode_with_the_synchronous_asked(tmp_path: Path) -> None:
    path = tmp_path / "pending.db"
    for synchronous, number in (("FULL", 2), ("NORMAL", 1)):
        store = SqliteStore(path, synchronous=synchronous)
        connection = store._connection  # the store's own settings, read back
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA synchronous").fetchone() == (number,)
        store.close()


@pytest.mark.parametrize(
    ("keywords", "kind", "error"),
    [
        ({"path": 3}, TypeError, "path must be a str or a path, not int"),
        (
            {"synchronous": "OFF"},
            ValueError,
            "synchronous must be one of 'FULL', 'NORMAL', got 'OFF'",
        ),
        ({"synchronous": 1}, TypeError, "synchronous must be a str, not int"),
        ({"busy_timeout": "1"}, TypeError, "busy_timeout must be seconds (int or float), not str"),
        (
            {"busy_timeout": float("nan")},
            ValueError,
            "busy_timeout must be a finite number of seconds 0 or more, got nan",
        ),
    ],
)
def test_bad_arguments_are_named(
    tmp_path: Path, keywords: dict[str, object], kind: type[Exception], error: str
) -> None:
    arguments: dict[str, object] = {"path": tmp_path / "x.db", **keywords}
    with pytest.raises(kind) as raised:
        SqliteStore(**arguments)  # type: ignore[arg-type]
    assert str(raised.value) == error


def test_a_fault_after_the_first_batch_of_expiry_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteStore(tmp_path / "pending.db", synchronous="NORMAL")
    reassembler = Reassembler(store)
    for n in range(600):  # more than one batch of 500
        part = udh_parts(f"message {n} " * 20, reference=n % 256)[0]
        reassembler.add(part, sender=f"+{n // 256}", received_at=T0 + n)
    real_write = SqliteStore._write
    calls = []

    def failing_write(self: SqliteStore, work: object) -> object:
        calls.append(work)
        if len(calls) == 3:  # forget(), the first batch, then the disk goes away
            raise StoreError(f"SQLite store {self.path!r}: disk I/O error")
        return real_write(self, work)  # type: ignore[arg-type]

    monkeypatch.setattr(SqliteStore, "_write", failing_write)
    first = reassembler.expire(T0 + 10_000)
    assert len(first) == 500  # taken out and committed: handed back, not lost
    monkeypatch.setattr(SqliteStore, "_write", real_write)
    second = reassembler.expire(T0 + 10_000)
    assert len(second) == 100 and reassembler.pending() == 0
    assert {m.first_received_at for m in first + second} == {T0 + n for n in range(600)}
    reassembler.close()
