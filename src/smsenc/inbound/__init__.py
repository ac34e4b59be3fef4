"""Inbound messages: reassemble concatenated SMS as the parts arrive.

Parts come one by one, in any order, sometimes twice, sometimes never, across restarts
and across gateway instances.  :class:`Reassembler` takes each part as it arrives
(:meth:`~Reassembler.add`) and returns the :class:`Message` it completes; messages
waiting too long come out partial, their gaps marked (:meth:`~Reassembler.expire`).
The pending parts live in a store: :class:`MemoryStore` (the default),
:class:`SqliteStore` (a file that survives a crash) or :class:`RedisStore` (shared by
several gateway instances, ``pip install 'smsenc[redis]'``).  ``import smsenc`` does not
load this package; ``smsenc.Reassembler`` or ``smsenc.inbound`` does, and each store's
module loads when that store is first named.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .message import Message, ReceivedPart
from .reassembler import DEFAULT_PLACEHOLDER, DEFAULT_TIMEOUT, Reassembler
from .store import Added, Store, StoredPart, StoreError, Taken
from .stores.memory import MemoryStore

if TYPE_CHECKING:
    from .stores.redis import RedisStore
    from .stores.sqlite import SqliteStore

_LAZY = {"SqliteStore": ".stores.sqlite", "RedisStore": ".stores.redis"}


def __getattr__(name: str) -> object:
    """Load a persistent store's module (and its client library) on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'smsenc.inbound' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_PLACEHOLDER",
    "DEFAULT_TIMEOUT",
    "Added",
    "MemoryStore",
    "Message",
    "Reassembler",
    "ReceivedPart",
    "RedisStore",
    "SqliteStore",
    "Store",
    "StoreError",
    "StoredPart",
    "Taken",
]
