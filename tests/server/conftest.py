"""Fixtures: the real service on an ephemeral loopback port (see live_server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .live_server import Server, running_server

KEYS = ("first-key", "second-key")
SMALL_LIMIT = 1024


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """No API keys, the default 64 KiB body limit."""
    with running_server() as running:
        yield running


@pytest.fixture(scope="session")
def keyed_server() -> Iterator[Server]:
    """Two accepted keys (:data:`KEYS`)."""
    with running_server(api_keys=KEYS) as running:
        yield running


@pytest.fixture(scope="session")
def small_server() -> Iterator[Server]:
    """A body limit of :data:`SMALL_LIMIT` bytes."""
    with running_server(max_body=SMALL_LIMIT) as running:
        yield running
