"""Argument checks for the SMPP layer: a wrong type is a TypeError, a wrong value a
ValueError, each naming the parameter, what it got and what is accepted."""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

T = TypeVar("T")


def type_error(name: str, value: object, wanted: str) -> TypeError:
    """The TypeError for ``name`` holding ``value`` where ``wanted`` was expected."""
    return TypeError(f"{name} must be {wanted}, not {type(value).__name__}")


def check_int(name: str, value: object, low: int, high: int) -> int:
    """``value`` if it is an int (never a bool) within ``low..high``."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise type_error(name, value, "an int")
    if not low <= value <= high:
        raise ValueError(f"{name} must be {low}..{high}, got {value}")
    return value


def check_bool(name: str, value: object) -> bool:
    """``value`` if it is a bool (not merely truthy)."""
    if value is not True and value is not False:
        raise type_error(name, value, "a bool")
    return value


def check_choice(name: str, value: object, accepted: Collection[T]) -> T:
    """``value`` if it is one of the strings ``accepted``."""
    if not isinstance(value, str):
        raise type_error(name, value, "a str")
    if value not in accepted:
        listed = ", ".join(map(repr, accepted))
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")
    return value  # type: ignore[return-value]  # one of accepted, which hold T


def check_octets(name: str, value: object, limit: int) -> bytes:
    """``value`` as bytes if it is bytes-like and at most ``limit`` octets long."""
    if isinstance(value, (bytearray, memoryview)):
        value = bytes(value)
    if not isinstance(value, bytes):
        raise type_error(name, value, "bytes, bytearray or memoryview")
    if len(value) > limit:
        raise ValueError(f"{name} must be at most {limit} octets, got {len(value)}")
    return value
