"""Argument checks shared by every entry point, so that every bad argument reads alike.

A wrong type is a ``TypeError`` naming the parameter, the type it got and the type it
wants; a wrong value is a ``ValueError`` naming the parameter, the value and what is
accepted.  A bool is never taken for an int.
"""

from __future__ import annotations

import warnings
from typing import TypeVar

T = TypeVar("T")


def renamed(old: str, old_value: T | None, new: str, new_value: T) -> T:
    """``new_value``, or ``old_value`` with a DeprecationWarning when a caller still
    passes the keyword ``old`` (renamed ``new``)."""
    if old_value is None:
        return new_value
    warnings.warn(
        f"the keyword {old}= is deprecated; use {new}= instead",
        DeprecationWarning,
        stacklevel=3,
    )
    return old_value
