"""Several writers at once, and a writer killed mid-stream: no part lost, nothing twice.

Threads share a memory or SQLite store; processes share an SQLite file (the Redis
processes are in test_redis.py); a child process adding a stream of parts to an SQLite
file is killed with SIGKILL, twice, and restarted on the same file.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import smsenc
from smsenc.inbound import Message, Reassembler, SqliteStore, Store

from .streams import Stream, make_stream, read_outputs, write_stream

ROOT = Path(__file__).resolve().parents[2]


def _part(line: str) -> tuple[smsenc.DecodedPart, str, float]:
    record = json.loads(line)
    part = smsenc.decode(
        bytes.fromhex(record["user_data"]), dcs=record["dcs"], udhi=True, udl=record["udl"]
    )
    return part, record["sender"], record["received_at"]


def _deal(stream: Stream, writers: int, seed: int) -> list[list[int]]:
    """Each part's index to one writer, or to two (a copy the other writer also gets),
    each writer's share in its own random order."""
    rng = random.Random(seed)
    shares: list[list[int]] = [[] for _ in range(writers)]
    for index in range(len(stream.lines)):
        for writer in rng.sample(range(writers), 2 if rng.random() < 0.1 else 1):
            shares[writer].append(index)
    for share in shares:
        rng.shuffle(share)
    return shares


def check_exactly_once(
    stream: Stream, messages: list[dict[str, Any]], adds: int, late: int, nones: int
) -> None:
    """Every message of the stream completed exactly once, with its text; every other add
    saw None; every copy was counted as a duplicate."""
    completed = Counter((m["sender"], m["reference"]) for m in messages)
    assert set(completed) == set(stream.texts) and set(completed.values()) == {1}
    for message in messages:
        assert message["status"] == "complete" and message["conflicts"] == 0
        assert message["text"] == stream.texts[(message["sender"], message["reference"])]
        assert message["sequences"] == list(range(1, len(message["sequences"]) + 1))
    parts = sum(len(m["sequences"]) for m in messages)
    assert nones == adds - len(messages)
    assert sum(m["duplicates"] for m in messages) + late == adds - parts


def _summary(message: Message) -> dict[str, Any]:
    return {
        "sender": message.sender,
        "reference": message.reference,
        "status": message.status,
        "text": message.text,
        "sequences": [p.sequence for p in message.parts],
        "duplicates": message.duplicates,
        "conflicts": len(message.conflicts),
    }


@pytest.mark.parametrize("kind", ["memory", "sqlite shared", "sqlite per thread"])
def test_threads_hammering_one_store_complete_each_message_once(kind: str, tmp_path: Path) -> None:
    stream = make_stream(120, seed=1)
    shares = _deal(stream, writers=4, seed=2)
    opened: list[Store] = []

    def open_store() -> Store:
        store: Store = SqliteStore(tmp_path / "pending.db", synchronous="NORMAL")
        opened.append(store)
        return store

    if kind == "memory":
        shared = Reassembler()
        reassemblers = [shared] * 4
    elif kind == "sqlite shared":
        shared = Reassembler(open_store())
        reassemblers = [shared] * 4
    else:  # one connection each: the file's lock, not ours, keeps them apart
        reassemblers = [Reassembler(open_store()) for _ in range(4)]
    results = hammer(reassemblers, [_part(line) for line in stream.lines], shares)
    messages = [_summary(m) for result in results for m in result if m is not None]
    late = sum(r.late_duplicates for r in set(reassemblers))
    nones = sum(m is None for result in results for m in result)
    check_exactly_once(stream, messages, sum(map(len, shares)), late, nones)
    assert reassemblers[0].pending() == 0
    for store in opened:
        store.close()


def hammer(
    reassemblers: list[Reassembler], parts: list[Any], shares: list[list[int]]
) -> list[list[Message | None]]:
    """Writer *n* adds the parts ``shares[n]`` names through ``reassemblers[n]``, all the
    writers in threads at once; what each ``add()`` returned, per writer."""
    start = threading.Barrier(len(reassemblers))
    results: list[list[Message | None]] = [[] for _ in reassemblers]
    failures: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            start.wait()
            for index in shares[number]:
                part, sender, at = parts[index]
                results[number].append(
                    reassemblers[number].add(part, sender=sender, received_at=at)
                )
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(len(reassemblers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    return results


def _worker(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "tests.inbound.worker", *arguments]


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}


def run_workers(
    stream: Stream, store: str, writers: int, tmp_path: Path, prefix: str = "smsenc:inbound"
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``writers`` processes adding their share of the stream at once; what they wrote."""
    parts = write_stream(stream, tmp_path / "parts.jsonl")
    go = tmp_path / "go"
    processes = []
    for number, share in enumerate(_deal(stream, writers, seed=3)):
        out = tmp_path / f"out{number}.jsonl"
        command = _worker(
            "--store", store, "--prefix", prefix, "--parts", str(parts), "--out", str(out),
            "--take", ",".join(map(str, share)), "--go", str(go),
        )  # fmt: skip
        processes.append((subprocess.Popen(command, cwd=ROOT, env=_environment()), out))
    time.sleep(0.5)  # let every worker open its store and wait
    go.touch()
    messages: list[dict[str, Any]] = []
    ends: list[dict[str, Any]] = []
    for process, out in processes:
        assert process.wait(timeout=300) == 0
        written, end = read_outputs(out)
        assert len(end) == 1
        messages += written
        ends += end
    return messages, ends


def test_processes_sharing_one_sqlite_file_complete_each_message_once(tmp_path: Path) -> None:
    stream = make_stream(90, seed=4)
    messages, ends = run_workers(stream, f"sqlite:{tmp_path / 'pending.db'}", 3, tmp_path)
    check_exactly_once(
        stream,
        messages,
        adds=sum(e["adds"] for e in ends),
        late=sum(e["late"] for e in ends),
        nones=sum(e["nones"] for e in ends),
    )
    assert len({m["pid"] for m in messages}) == 3  # each process completed some
    store = SqliteStore(tmp_path / "pending.db")
    assert store.pending() == 0
    store.close()


def _kill_when(process: subprocess.Popen[bytes], acks: Path, count: int) -> bool:
    """SIGKILL ``process`` once ``acks`` holds ``count`` lines; False if it ended first."""
    while process.poll() is None:
        if acks.exists() and acks.read_text().count("\n") >= count:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    return False


def test_a_writer_killed_mid_stream_loses_no_part_and_completes_nothing_twice(
    tmp_path: Path,
) -> None:
    # The gateway acknowledges a part only after add() returned and the message it
    # completed was handed on (written); killed, it is restarted on the same file and the
    # sender resends every part not acknowledged, the one in flight included.
    stream = make_stream(150, seed=5)
    parts = write_stream(stream, tmp_path / "parts.jsonl")
    database = tmp_path / "pending.db"
    out, acks = tmp_path / "out.jsonl", tmp_path / "acks"
    total = len(stream.lines)
    kills = 0

    def start(at: int) -> subprocess.Popen[bytes]:
        command = _worker(
            "--store", f"sqlite:{database}", "--parts", str(parts), "--out", str(out),
            "--acks", str(acks), "--start", str(at), "--confirm",
        )  # fmt: skip
        return subprocess.Popen(command, cwd=ROOT, env=_environment())

    def resume_at() -> int:
        acknowledged = [int(n) for n in acks.read_text().split()] if acks.exists() else []
        return acknowledged[-1] + 1 if acknowledged else 0

    for share in (3, 3 * 2):  # kill at a third, and again at two thirds
        process = start(resume_at())
        killed = _kill_when(process, acks, total * share // 9)
        assert killed, "the writer finished before it could be killed: make the stream longer"
        assert process.returncode == -signal.SIGKILL
        kills += 1
    process = start(resume_at())
    assert process.wait(timeout=300) == 0
    messages, ends = read_outputs(out)
    assert len(ends) == 1 and kills == 2
    # A message written but not yet confirmed when the kill came is written again after
    # the restart, with the same id: the id is what a receiver deduplicates on.
    by_id: dict[str, list[dict[str, Any]]] = {}
    for message in messages:
        by_id.setdefault(message["id"], []).append(message)
    repeats = [copies for copies in by_id.values() if len(copies) > 1]
    assert len(repeats) <= kills
    for copies in repeats:
        assert [c["how"] for c in copies] == ["add", "unconfirmed"]
        assert {json.dumps({**c, "how": "", "pid": 0}, sort_keys=True) for c in copies} == {
            json.dumps({**copies[0], "how": "", "pid": 0}, sort_keys=True)
        }
    unique = [copies[0] for copies in by_id.values()]
    completed = Counter((m["sender"], m["reference"]) for m in unique)
    assert set(completed) == set(stream.texts) and set(completed.values()) == {1}
    for message in unique:
        assert message["status"] == "complete"
        assert message["text"] == stream.texts[(message["sender"], message["reference"])]
        assert message["sequences"] == list(range(1, len(message["sequences"]) + 1))
    store = SqliteStore(database)
    assert store.pending() == 0 and store.held() == []
    store.close()
