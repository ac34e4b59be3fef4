"""Pending parts in Redis, shared by several gateway instances (``pip install 'smsenc[redis]'``).

Each call that changes anything is one Lua script, which Redis runs atomically: of two
instances adding the last two parts of a message at once, exactly one sees the message
complete and takes it out (the other's part is already in it).  The parts of one message
are one hash (``PREFIX:m:KEY``: ``p:SEQ`` the first part of each sequence number, ``c:N``
the conflicting ones, ``d:DIGEST`` every digest seen, ``n`` the sequence numbers present,
``dup`` the duplicates dropped, ``o`` its member in the pending set); ``PREFIX:pending``
is a sorted set of the pending messages (opening number and key) by first arrival;
``PREFIX:c:KEY`` and ``PREFIX:completed`` remember completed messages' digests; a held
message is renamed to ``PREFIX:h:HANDLE`` and listed in ``PREFIX:held``.
The scripts name keys they compute (the oldest message, an expired one), so this needs one
Redis server (6.2 or later for ``ZADD LT``), not a Redis Cluster.

The client does not retry: a script whose reply was lost may have run, and running an add
twice could take a completed message out a second time as nothing.  So a lost reply is a
:class:`StoreError` like any other; the sender resends the part, which is then a duplicate
(with ``confirm=True`` the message it completed waits in ``unconfirmed()``).  Redis keeps
what it holds across its own restarts only with persistence on (``appendonly yes``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from ...arguments import check_seconds, check_str
from ..store import Added, Reason, StoredPart, StoreError, Taken

# A pending message's member in PREFIX:pending is its opening number (16 digits) and its
# key, so that messages whose first parts arrived at the same time come out in the order
# they were opened, as from the other stores.
_TAKE = """
local function take(prefix, pending, held, handles, hold, member, reason)
    local key = string.sub(member, 18)
    local hash = prefix .. ':m:' .. key
    redis.call('ZREM', pending, member)
    if hold == '1' then
        local handle = tostring(redis.call('INCR', handles))
        local target = prefix .. ':h:' .. handle
        redis.call('RENAME', hash, target)
        redis.call('HSET', target, 'key', key, 'reason', reason)
        redis.call('SADD', held, handle)
        return {key, reason, handle, redis.call('HGETALL', target)}
    end
    local fields = redis.call('HGETALL', hash)
    redis.call('DEL', hash)
    return {key, reason, '', fields}
end
"""

# KEYS: message hash, pending set, completed digests of this key, completed set, held set,
# handle counter, opening counter.  ARGV: key, sequence, received_at, digest, part, total,
# max_pending (0: none), hold ('1' or '0'), prefix.
_ADD = (
    _TAKE
    + """
local hash, key = KEYS[1], ARGV[1]
if redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 1 then
    return {'late'}
end
if redis.call('HSETNX', hash, 'd:' .. ARGV[4], '1') == 0 then
    redis.call('HINCRBY', hash, 'dup', 1)
    return {'duplicate'}
end
if redis.call('HSETNX', hash, 'p:' .. ARGV[2], ARGV[5]) == 0 then
    local n = redis.call('HINCRBY', hash, 'conflicts', 1)
    redis.call('HSET', hash, 'c:' .. n, ARGV[5])
    return {'conflict'}
end
local arrived = redis.call('HINCRBY', hash, 'n', 1)
local member
if arrived == 1 then
    member = string.format('%016d|', redis.call('INCR', KEYS[7])) .. key
    redis.call('HSET', hash, 'o', member)
else
    member = redis.call('HGET', hash, 'o')
end
redis.call('ZADD', KEYS[2], 'LT', ARGV[3], member)
if arrived == tonumber(ARGV[6]) then
    for _, field in ipairs(redis.call('HKEYS', hash)) do
        if string.sub(field, 1, 2) == 'd:' then
            redis.call('SADD', KEYS[3], string.sub(field, 3))
        end
    end
    redis.call('ZADD', KEYS[4], 'GT', ARGV[3], key)
    return {'complete', take(ARGV[9], KEYS[2], KEYS[5], KEYS[6], ARGV[8], member, 'complete')}
end
local limit = tonumber(ARGV[7])
if arrived == 1 and limit > 0 and redis.call('ZCARD', KEYS[2]) > limit then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
    return {'evicted', take(ARGV[9], KEYS[2], KEYS[5], KEYS[6], ARGV[8], oldest, 'evicted')}
end
return {'stored'}
"""
)

# KEYS: pending set, held set, handle counter.  ARGV: highest score ('(T' or '+inf'),
# reason, hold, prefix, batch size.
_TAKE_OLDER = (
    _TAKE
    + """
local taken = {}
local members = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[5])
for i, member in ipairs(members) do
    taken[i] = take(ARGV[4], KEYS[1], KEYS[2], KEYS[3], ARGV[3], member, ARGV[2])
end
return taken
"""
)

# KEYS: completed set.  ARGV: highest score ('(T'), prefix, batch size.
_FORGET = """
local keys = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, key in ipairs(keys) do
    redis.call('DEL', ARGV[2] .. ':c:' .. key)
    redis.call('ZREM', KEYS[1], key)
end
return #keys
"""

_BATCH = 500


class RedisStore:
    """Pending parts in the Redis server at ``url``, under keys starting ``prefix``.

    ``url``: ``redis://host:port/db`` (``rediss://`` for TLS, ``unix://`` for a socket;
    a password belongs in the URL or the environment the caller reads it from, never in
    an error message: errors name the host, port and database only).  ``timeout``:
    seconds to wait for the server.  The server is asked for a PING at once, so one that
    cannot be reached is a :class:`StoreError` here rather than at the first part.  One
    store may be shared by the threads of a process."""

    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        *,
        prefix: str = "smsenc:inbound",
        timeout: float = 10,
    ) -> None:
        check_str("url", url)
        check_str("prefix", prefix)
        timeout = check_seconds("timeout", timeout, positive=True)
        self.prefix = prefix
        try:
            self._client = redis.Redis.from_url(
                url,
                decode_responses=True,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
                retry=Retry(NoBackoff(), 0),
            )
        except ValueError as error:
            raise ValueError(f"url is not a Redis URL: {error}") from None
        self.name = _name(self._client)
        self._pending = f"{prefix}:pending"
        self._completed = f"{prefix}:completed"
        self._held = f"{prefix}:held"
        self._handles = f"{prefix}:handles"
        self._opened = f"{prefix}:opened"
        self._add = self._client.register_script(_ADD)
        self._take_older = self._client.register_script(_TAKE_OLDER)
        self._forget = self._client.register_script(_FORGET)
        with self._errors("cannot be reached"):
            self._client.ping()

    def __repr__(self) -> str:
        return f"RedisStore({self.name!r}, prefix={self.prefix!r})"

    def add(
        self, key: str, part: StoredPart, *, total: int, max_pending: int | None, hold: bool
    ) -> Added:
        """See :meth:`smsenc.inbound.Store.add`."""
        encoded = json.dumps(list(part[:4]), ensure_ascii=True, separators=(",", ":"))
        with self._errors():
            reply = self._add(
                keys=[
                    f"{self.prefix}:m:{key}",
                    self._pending,
                    f"{self.prefix}:c:{key}",
                    self._completed,
                    self._held,
                    self._handles,
                    self._opened,
                ],
                args=[
                    key,
                    part.sequence,
                    repr(part.received_at),
                    part.digest,
                    encoded,
                    total,
                    max_pending or 0,
                    "1" if hold else "0",
                    self.prefix,
                ],
            )
        outcome = reply[0]
        return Added(outcome, _taken(reply[1]) if len(reply) > 1 else None)

    def take_older(self, before: float, *, hold: bool) -> list[Taken]:
        """See :meth:`smsenc.inbound.Store.take_older`."""
        return self._take(f"({before!r}", "expired", hold)

    def take_all(self, *, hold: bool) -> list[Taken]:
        """See :meth:`smsenc.inbound.Store.take_all`."""
        return self._take("+inf", "flushed", hold)

    def forget(self, before: float) -> None:
        """See :meth:`smsenc.inbound.Store.forget`."""
        with self._errors():
            while (
                self._forget(keys=[self._completed], args=[f"({before!r}", self.prefix, _BATCH])
                == _BATCH
            ):
                pass

    def held(self) -> list[Taken]:
        """See :meth:`smsenc.inbound.Store.held`."""
        with self._errors():
            handles = sorted((_text(h) for h in self._client.smembers(self._held)), key=int)
            pipeline = self._client.pipeline(transaction=False)
            for handle in handles:
                pipeline.hgetall(f"{self.prefix}:h:{handle}")
            replies = pipeline.execute()
        held = []
        for handle, fields in zip(handles, replies, strict=True):
            if fields:  # released by another caller meanwhile
                flat = [item for pair in fields.items() for item in pair]
                held.append(_taken([fields["key"], fields["reason"], handle, flat]))
        return held

    def release(self, handle: str) -> bool:
        """See :meth:`smsenc.inbound.Store.release`."""
        with self._errors():
            pipeline = self._client.pipeline(transaction=True)
            pipeline.delete(f"{self.prefix}:h:{handle}")
            pipeline.srem(self._held, handle)
            deleted, _ = pipeline.execute()
        return bool(deleted)

    def pending(self) -> int:
        """See :meth:`smsenc.inbound.Store.pending`."""
        with self._errors():
            return int(self._client.zcard(self._pending))

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def _take(self, highest: str, reason: Reason, hold: bool) -> list[Taken]:
        taken: list[Taken] = []
        while True:
            try:
                with self._errors():
                    batch = self._take_older(
                        keys=[self._pending, self._held, self._handles],
                        args=[highest, reason, "1" if hold else "0", self.prefix, _BATCH],
                    )
            except StoreError:
                if not taken:
                    raise
                # Earlier batches are out of Redis: returning them is the only way not to
                # lose them.  The error comes back at the next call.
                return taken
            taken += (_taken(reply) for reply in batch)
            if len(batch) < _BATCH:
                return taken

    @contextmanager
    def _errors(self, what: str = "failed") -> Iterator[None]:
        try:
            yield
        except redis.RedisError as error:
            raise StoreError(f"Redis store {self.name} {what}: {error}") from None


def _name(client: redis.Redis) -> str:
    """``redis://host:port/db`` or ``unix://path?db=N``: no user name, no password."""
    options = client.connection_pool.connection_kwargs
    if "path" in options:
        return f"unix://{options['path']}?db={options.get('db', 0)}"
    host, port = options.get("host", "localhost"), options.get("port", 6379)
    return f"redis://{host}:{port}/{options.get('db', 0)}"


def _text(value: str | bytes) -> str:
    """A reply item as text (the client decodes replies; the types allow bytes)."""
    return value if isinstance(value, str) else value.decode()


def _taken(reply: list[Any]) -> Taken:
    """A :class:`Taken` from a script's ``{key, reason, handle, HGETALL}``."""
    key, reason, handle, flat = reply
    fields: dict[str, str] = dict(zip(flat[::2], flat[1::2], strict=True))
    parts = []
    conflicts = []
    for field, value in fields.items():
        if field.startswith("p:"):
            parts.append(_stored(value))
        elif field.startswith("c:"):
            conflicts.append(_stored(value))
    parts.sort(key=lambda part: part.sequence)
    conflicts.sort(key=lambda part: part[:2])
    return Taken(
        key, reason, tuple(parts), tuple(conflicts), int(fields.get("dup", 0)), handle or None
    )


def _stored(value: str) -> StoredPart:
    sequence, received_at, digest, content = json.loads(value)
    return StoredPart(sequence, float(received_at), digest, content)
