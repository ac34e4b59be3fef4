"""A gateway process for the multi-process and crash tests: adds parts, writes messages.

python -m tests.inbound.worker --store sqlite:PATH|redis:URL --parts FILE --out FILE
       [--prefix P] [--take I,J,...] [--acks FILE] [--start N] [--go FILE] [--confirm]

Reads the parts (JSON Lines: sender, received_at, user data hex, dcs, udl) and adds those
it is given (``--take``: their indexes; default all from ``--start``) in that order.  Each
message an add returns is written to ``--out`` as one JSON line before the part is
acknowledged (its index written to ``--acks``), as a gateway hands a message on before it
acknowledges the part that completed it.  With ``--confirm`` the reassembler holds
messages until confirmed, and a restarted worker first writes the ones still held.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import IO

import smsenc
from smsenc.inbound import Message, Reassembler, Store


def _store(spec: str, prefix: str) -> Store:
    kind, _, where = spec.partition(":")
    if kind == "sqlite":
        from smsenc.inbound import SqliteStore

        return SqliteStore(where)
    from smsenc.inbound import RedisStore

    return RedisStore(where, prefix=prefix)


def _write(out: IO[str], message: Message, how: str) -> None:
    line = {
        "how": how,
        "pid": os.getpid(),
        "id": message.id,
        "sender": message.sender,
        "reference": message.reference,
        "status": message.status,
        "text": message.text,
        "sequences": [p.sequence for p in message.parts],
        "duplicates": message.duplicates,
        "conflicts": len(message.conflicts),
    }
    out.write(json.dumps(line) + "\n")
    out.flush()


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--store", required=True)
    options.add_argument("--prefix", default="smsenc:inbound")
    options.add_argument("--parts", required=True)
    options.add_argument("--out", required=True)
    options.add_argument("--take")
    options.add_argument("--start", type=int, default=0)
    options.add_argument("--acks")
    options.add_argument("--go")
    options.add_argument("--confirm", action="store_true")
    args = options.parse_args()
    lines = Path(args.parts).read_text().splitlines()
    order = (
        [int(i) for i in args.take.split(",") if i]
        if args.take is not None
        else list(range(args.start, len(lines)))
    )
    reassembler = Reassembler(_store(args.store, args.prefix), confirm=args.confirm)
    with open(args.out, "a") as out:
        for message in reassembler.unconfirmed():
            _write(out, message, "unconfirmed")
            reassembler.confirm(message)
        if args.go:
            while not os.path.exists(args.go):  # every worker starts at once
                time.sleep(0.001)
        acks = open(args.acks, "a") if args.acks else None  # noqa: SIM115
        nones = 0
        for index in order:
            record = json.loads(lines[index])
            part = smsenc.decode(
                bytes.fromhex(record["user_data"]), dcs=record["dcs"], udhi=True, udl=record["udl"]
            )
            message = reassembler.add(
                part, sender=record["sender"], received_at=record["received_at"]
            )
            if message is None:
                nones += 1
            else:
                _write(out, message, "add")
                reassembler.confirm(message)
            if acks is not None:
                acks.write(f"{index}\n")
                acks.flush()
        end = {
            "done": os.getpid(),
            "nones": nones,
            "adds": len(order),
            "late": reassembler.late_duplicates,
        }
        out.write(json.dumps(end) + "\n")
        if acks is not None:
            acks.close()
    reassembler.close()


if __name__ == "__main__":
    main()
