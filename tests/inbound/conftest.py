"""Fixtures: a store of each kind (Redis: a real redis-server, tests marked ``redis``)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smsenc.inbound import MemoryStore, SqliteStore, Store

from .redis_server import redis_server

StoreFactory = Callable[[], Store]
"""Opens the test's store: each call opens it again (a new connection, same data)."""

_prefixes = itertools.count()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """One redis-server for the session; each test uses its own key prefix."""
    with redis_server() as url:
        yield url


@pytest.fixture(
    params=["memory", "sqlite", pytest.param("redis", marks=pytest.mark.redis)],
)
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """A factory of the store under test; every store it opened is closed afterwards."""
    opened: list[Store] = []
    if request.param == "memory":
        shared = MemoryStore()

        def factory() -> Store:
            return shared

    elif request.param == "sqlite":

        def factory() -> Store:
            return SqliteStore(tmp_path / "pending.db", synchronous="NORMAL")

    else:
        from smsenc.inbound import RedisStore

        url = request.getfixturevalue("redis_url")
        prefix = f"test{next(_prefixes)}:{request.node.name}"

        def factory() -> Store:
            return RedisStore(url, prefix=prefix)

    def tracked() -> Store:
        store = factory()
        opened.append(store)
        return store

    yield tracked
    for store in opened:
        store.close()
