"""Streams of parts for the concurrency tests: many messages, random order, copies."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, NamedTuple

import smsenc

from .parts import corpus


class Stream(NamedTuple):
    """The texts by (sender, reference), and the parts as JSON lines, copies included."""

    texts: dict[tuple[str, int], str]
    lines: list[str]
    copies: int


def make_stream(messages: int, seed: int, copies: float = 0.05) -> Stream:
    """``messages`` texts of 2-4 parts from 8 senders, every part once in a random order,
    then a share of them again, scattered."""
    rng = random.Random(seed)
    texts: dict[tuple[str, int], str] = {}
    records: list[dict[str, Any]] = []
    for number, text in enumerate(corpus(messages, seed)):
        sender = f"+4670{number % 8:07d}"
        reference = number // 8 % 256
        texts[(sender, reference)] = text
        encoded = smsenc.encode(text, reference=reference)
        for part in encoded.parts:
            records.append(
                {
                    "sender": sender,
                    "user_data": part.user_data.hex(),
                    "dcs": part.dcs,
                    "udl": part.udl,
                    "received_at": 1_700_000_000 + rng.random() * 600,
                }
            )
    rng.shuffle(records)
    extra = rng.sample(records, int(len(records) * copies))
    for record in extra:
        records.insert(rng.randrange(len(records) + 1), record)
    return Stream(texts, [json.dumps(record) for record in records], len(extra))


def write_stream(stream: Stream, path: Path) -> Path:
    path.write_text("\n".join(stream.lines) + "\n")
    return path


def read_outputs(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The messages a worker wrote, and its end-of-run summaries."""
    messages, ends = [], []
    for line in path.read_text().splitlines():
        record = json.loads(line)
        (ends if "done" in record else messages).append(record)
    return messages, ends
