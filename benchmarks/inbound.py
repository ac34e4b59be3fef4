"""Inbound reassembly: parts per second for each store, against a hand-written dict of lists.

Run from the repository root (the Redis row needs Debian's ``redis-server`` on PATH, which
this starts on a free loopback port, or ``--redis URL``)::

    python -m benchmarks.inbound            # 100,000 parts
    python -m benchmarks.inbound --quick    # 2,000 parts: the harness runs, no claims

The stream: messages of 2 to 4 parts (GSM 7-bit and UCS-2 texts, 8-bit references, 256
messages per sender), every part once in a random order, then 1 % of them again at random
places, as an SMSC resends parts whose acknowledgement it missed.  Parts are decoded
before the clock starts: what is timed is ``add()`` for every part and a final
``flush()``, each store from empty.  The hand-written gateway keys a list by sender,
reference and total and joins it with ``smsenc.reassemble()`` when it is full; the
columns say how many messages each way got right, and how many it got wrong or lost.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import smsenc
from smsenc import DecodedPart, DecodeError
from smsenc.inbound import MemoryStore, Reassembler, SqliteStore, Store

PIECES = (
    "Your code is 4821. ",
    "Meeting moved to 14:00, see you there! ",
    "Привет, как дела? ",
    "Total: 12€ [paid] ",
    "Please call me back when you land, the car is parked on level 2. ",
    "Yarın görüşürüz. ",
    "😀 ",
)


class Arrival(NamedTuple):
    """One part as it arrives."""

    sender: str
    part: DecodedPart
    received_at: float


class Outcome(NamedTuple):
    """What one way did with the stream."""

    seconds: float
    right: int
    wrong_or_lost: int


def stream(parts: int, seed: int = 28) -> tuple[list[Arrival], dict[tuple[str, int], str]]:
    """About ``parts`` parts of 2-4 part messages in a random order, 1 % sent twice."""
    rng = random.Random(seed)
    arrivals: list[Arrival] = []
    texts: dict[tuple[str, int], str] = {}
    while len(arrivals) < parts:
        text = "".join(rng.choices(PIECES, k=rng.randint(4, 40)))
        encoded = smsenc.encode(text, reference=len(texts) % 256)
        if not 2 <= len(encoded.parts) <= 4:
            continue
        sender = f"+4670{len(texts) // 256:07d}"
        texts[(sender, len(texts) % 256)] = text
        for part in encoded.parts:
            decoded = smsenc.decode(
                part.user_data, dcs=part.dcs, udhi=part.udhi, packed=part.packed, udl=part.udl
            )
            arrivals.append(Arrival(sender, decoded, 1_700_000_000 + rng.random() * 900))
    rng.shuffle(arrivals)
    for copy in rng.sample(arrivals, len(arrivals) // 100):
        arrivals.insert(rng.randrange(len(arrivals) + 1), copy)
    return arrivals, texts


def naive(arrivals: list[Arrival], texts: dict[tuple[str, int], str]) -> Outcome:
    """The gateway written by hand: a dict of lists, joined when a list is full."""
    start = time.perf_counter()
    pending: defaultdict[tuple[str, int, int], list[DecodedPart]] = defaultdict(list)
    done: list[tuple[str, int, str]] = []
    for sender, part, _ in arrivals:
        concatenation = part.concatenation
        assert concatenation is not None
        key = (sender, concatenation.reference, concatenation.total)
        parts = pending[key]
        parts.append(part)
        if len(parts) == concatenation.total:
            del pending[key]
            try:
                parts.sort(key=lambda p: p.concatenation.sequence if p.concatenation else 0)
                done.append((sender, concatenation.reference, smsenc.reassemble(parts)))
            except DecodeError:  # a copy filled the list: "sequence number 2 repeats"
                pass
    seconds = time.perf_counter() - start
    right = sum(texts.get((sender, reference)) == text for sender, reference, text in done)
    return Outcome(seconds, right, len(texts) - right)


def reassembled(
    store: Store, arrivals: list[Arrival], texts: dict[tuple[str, int], str]
) -> Outcome:
    """The same stream through a Reassembler on ``store``."""
    reassembler = Reassembler(store)
    start = time.perf_counter()
    done = []
    for sender, part, received_at in arrivals:
        message = reassembler.add(part, sender=sender, received_at=received_at)
        if message is not None:
            done.append(message)
    done += reassembler.flush()
    seconds = time.perf_counter() - start
    reassembler.close()
    right = sum(m.complete and texts.get((m.sender, m.reference or 0)) == m.text for m in done)
    if right != len(texts):
        raise SystemExit(f"{type(store).__name__}: {len(texts) - right} messages wrong or lost")
    return Outcome(seconds, right, len(texts) - right)


def sqlite_way(
    path: Path, synchronous: str, arrivals: list[Arrival], texts: dict[tuple[str, int], str]
) -> Callable[[], Outcome]:
    """The stream through a Reassembler on a new SQLite file at ``path``."""
    return lambda: reassembled(SqliteStore(path, synchronous=synchronous), arrivals, texts)


@contextmanager
def redis_server(url: str | None) -> Iterator[str | None]:
    """``url``, or a redis-server of our own on a free loopback port (None without one)."""
    if url is not None:
        yield url
        return
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    process = subprocess.Popen(
        [*command, "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(500):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.01)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 parts")
    parser.add_argument("--parts", type=int, default=100_000, help="how many (about)")
    parser.add_argument("--redis", metavar="URL", help="an existing Redis (else one of ours)")
    args = parser.parse_args(argv)
    arrivals, texts = stream(2_000 if args.quick else args.parts)
    ways: list[tuple[str, Callable[[], Outcome]]] = [
        ("dict of lists, by hand", lambda: naive(arrivals, texts)),
        ("Reassembler, MemoryStore", lambda: reassembled(MemoryStore(), arrivals, texts)),
    ]
    with tempfile.TemporaryDirectory() as folder, redis_server(args.redis) as url:
        for synchronous in ("NORMAL", "FULL"):
            path = Path(folder) / f"{synchronous}.db"
            ways.append(
                (
                    f"Reassembler, SqliteStore {synchronous}",
                    sqlite_way(path, synchronous, arrivals, texts),
                )
            )
        if url is not None:
            from smsenc.inbound import RedisStore  # redis-py: the [redis] extra

            ways.append(
                (
                    "Reassembler, RedisStore",
                    lambda: reassembled(RedisStore(url, prefix="bench"), arrivals, texts),
                )
            )
        results = [(name, run()) for name, run in ways]
    print(
        f"{len(arrivals):,} parts of {len(texts):,} messages (1 % sent twice), random order; "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    if url is None:
        print("RedisStore: not measured (no redis-server on PATH, no --redis)")
    print(f"{'way':<34} {'seconds':>8} {'parts/s':>10} {'right':>8} {'wrong or lost':>14}")
    for name, outcome in results:
        print(
            f"{name:<34} {outcome.seconds:>8.2f} {len(arrivals) / outcome.seconds:>10,.0f} "
            f"{outcome.right:>8,} {outcome.wrong_or_lost:>14,}"
        )


if __name__ == "__main__":
    main()
