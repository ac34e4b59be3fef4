"""The Redis store on a real redis-server: gateway instances sharing one pending set."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis
from hypothesis import given, settings
from hypothesis import strategies as st

from smsenc.inbound import Reassembler, RedisStore, StoreError

from .parts import udh_parts
from .redis_server import free_port, redis_server
from .streams import make_stream
from .test_concurrency import _deal, _part, _summary, check_exactly_once, hammer, run_workers
from .test_properties import _run, operation

pytestmark = pytest.mark.redis
LONG = "The quick brown fox jumps over the lazy dog. " * 8
T0 = 1_700_000_000.0


def test_two_processes_interleaving_the_parts_complete_each_message_once(
    redis_url: str, tmp_path: Path
) -> None:
    stream = make_stream(120, seed=6)
    messages, ends = run_workers(stream, f"redis:{redis_url}", 2, tmp_path, prefix="twoproc")
    check_exactly_once(
        stream,
        messages,
        adds=sum(e["adds"] for e in ends),
        late=sum(e["late"] for e in ends),
        nones=sum(e["nones"] for e in ends),
    )
    assert len({m["pid"] for m in messages}) == 2  # each instance completed some
    store = RedisStore(redis_url, prefix="twoproc")
    assert store.pending() == 0
    store.close()


def test_threads_hammering_one_redis_store_complete_each_message_once(redis_url: str) -> None:
    stream = make_stream(120, seed=7)
    shares = _deal(stream, writers=4, seed=8)
    stores = [RedisStore(redis_url, prefix="threads") for _ in range(4)]
    reassemblers = [Reassembler(store) for store in stores]
    results = hammer(reassemblers, [_part(line) for line in stream.lines], shares)
    messages = [_summary(m) for result in results for m in result if m is not None]
    check_exactly_once(
        stream,
        messages,
        sum(map(len, shares)),
        sum(r.late_duplicates for r in reassemblers),
        sum(m is None for result in results for m in result),
    )
    for store in stores:
        store.close()


_examples = iter(range(10**9))


@settings(max_examples=20)
@given(st.lists(operation, max_size=40), st.sampled_from([None, 2]))
def test_the_redis_store_answers_as_the_memory_store(
    redis_url: str, operations: list[object], max_pending: int | None
) -> None:
    expected = _run(Reassembler().store, operations, max_pending)
    store = RedisStore(redis_url, prefix=f"model{next(_examples)}")
    try:
        assert _run(store, operations, max_pending) == expected
    finally:
        store.close()


def test_a_server_that_cannot_be_reached_is_an_error_naming_it() -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(StoreError) as raised:
        RedisStore(f"redis://:secret@127.0.0.1:{port}/3", timeout=2)
    message = str(raised.value)
    assert message.startswith(f"Redis store redis://127.0.0.1:{port}/3 cannot be reached: ")
    assert "secret" not in message


def test_a_server_gone_mid_stream_is_an_error_and_acknowledges_nothing() -> None:
    parts = udh_parts(LONG)
    port = free_port()
    with redis_server(port) as url:
        store = RedisStore(url, timeout=2)
        reassembler = Reassembler(store)
        assert reassembler.add(parts[0], sender="A", received_at=T0) is None
    # The server is gone: the next part is not stored, so it must not be acknowledged.
    with pytest.raises(StoreError, match=rf"^Redis store redis://127.0.0.1:{port}/0 failed: "):
        reassembler.add(parts[1], sender="A", received_at=T0)
    with redis_server(port) as url:  # back, empty (no persistence): nothing was kept
        assert reassembler.pending() == 0
        assert reassembler.add(parts[1], sender="A", received_at=T0) is None
        assert redis.Redis.from_url(url).exists("smsenc:inbound:pending") == 1
    store.close()


def test_keys_live_under_the_prefix(redis_url: str) -> None:
    url = redis_url.rsplit("/", 1)[0] + "/5"  # a database of its own, emptied
    client = redis.Redis.from_url(url, decode_responses=True)
    client.flushdb()
    store = RedisStore(url, prefix="gateway-7")
    reassembler = Reassembler(store, confirm=True)
    parts = udh_parts(LONG)
    reassembler.add(parts[0], sender="A", received_at=T0)
    reassembler.add(parts[1], sender="A", received_at=T0)
    message = reassembler.add(parts[2], sender="A", received_at=T0)
    assert message is not None
    assert client.keys("*") and sorted(client.keys("*")) == sorted(client.keys("gateway-7:*"))
    assert client.sismember("gateway-7:held", message.id)
    reassembler.confirm(message)
    assert not client.sismember("gateway-7:held", message.id)
    assert client.zcard("gateway-7:pending") == 0
    store.close()
    client.close()


def test_a_bad_url_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^url is not a Redis URL: "):
        RedisStore("http://127.0.0.1/")


@pytest.mark.parametrize(
    ("keywords", "kind", "error"),
    [
        ({"url": b"redis://"}, TypeError, "url must be a str, not bytes"),
        ({"prefix": None}, TypeError, "prefix must be a str, not NoneType"),
        ({"timeout": "1"}, TypeError, "timeout must be seconds (int or float), not str"),
        ({"timeout": 0}, ValueError, "timeout must be a finite number of seconds above 0, got 0"),
        (
            {"timeout": float("inf")},
            ValueError,
            "timeout must be a finite number of seconds above 0, got inf",
        ),
    ],
)
def test_bad_arguments_are_named_before_connecting(
    keywords: dict[str, object], kind: type[Exception], error: str
) -> None:
    with pytest.raises(kind) as raised:
        RedisStore(**keywords)  # type: ignore[arg-type]
    assert str(raised.value) == error
