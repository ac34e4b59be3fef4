"""Argument checks shared by every entry point, so that every bad argument reads alike.

A wrong type is a ``TypeError`` naming the parameter, the type it got and the type it
wants; a wrong value is a ``ValueError`` naming the parameter, the value and what is
accepted.  A bool is never taken for an int, and an int never for a bool.  Each check
is a plain ``isinstance`` test or a comparison: they run on every call, so they
allocate nothing when the argument is good.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from typing import Literal, TypeVar

T = TypeVar("T")


def type_error(name: str, value: object, wanted: str) -> TypeError:
    """The TypeError for parameter ``name``: what it must be, and the type it got."""
    return TypeError(f"{name} must be {wanted}, not {type(value).__name__}")


def check_str(name: str, value: object) -> str:
    """``value`` if it is a ``str``, else a TypeError."""
    if not isinstance(value, str):
        raise type_error(name, value, "a str")
    return value


def check_bool(name: str, value: object) -> bool:
    """``value`` if it is a ``bool`` (not merely truthy), else a TypeError."""
    if value is not True and value is not False:
        raise type_error(name, value, "a bool")
    return value


def check_int(name: str, value: object, low: int | None = None, high: int | None = None) -> int:
    """``value`` if it is an ``int`` (never a bool) within ``low..high`` (either end
    open when None); a TypeError for another type, a ValueError out of range."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise type_error(name, value, "an int")
    if (low is not None and value < low) or (high is not None and value > high):
        accepted = (
            f"{low}..{high}"
            if low is not None and high is not None
            else f">= {low}"
            if low is not None
            else f"<= {high}"
        )
        raise ValueError(f"{name} must be {accepted}, got {value}")
    return value


def check_optional_int(
    name: str, value: object, low: int | None = None, high: int | None = None
) -> int | None:
    """None, or an int as :func:`check_int` accepts it."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise type_error(name, value, "an int or None")
    return check_int(name, value, low, high)


def check_choice(name: str, value: object, accepted: Collection[T]) -> T:
    """``value`` if it is one of ``accepted`` (compared by type too, so ``True`` is
    not ``1``), else a ValueError listing them; the caller checks the type first."""
    if type(value) is bool or value not in accepted:
        listed = ", ".join(map(repr, accepted))
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")
    return value  # type: ignore[return-value]  # equal to one of accepted, so a T


def check_bytes(name: str, value: object, max_octets: int | None = None) -> bytes:
    """``value`` as ``bytes`` if it is a bytes-like object (bytes, bytearray,
    memoryview), else a TypeError: an int or a str is not data.  With ``max_octets``,
    a longer value is a ValueError (a field of a fixed size on the wire)."""
    if not isinstance(value, bytes):
        if not isinstance(value, (bytearray, memoryview)):
            raise type_error(name, value, "bytes, bytearray or memoryview")
        value = bytes(value)
    if max_octets is not None and len(value) > max_octets:
        raise ValueError(f"{name} must be at most {max_octets} octets, got {len(value)}")
    return value


def check_seconds(name: str, value: object, *, positive: bool = False) -> float:
    """``value`` as a float if it is a finite int or float (never a bool) of at least 0
    (above 0 when ``positive``): a timeout or an age.  A TypeError for another type, a
    ValueError for NaN, an infinity or a value out of range."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise type_error(name, value, "seconds (int or float)")
    if not math.isfinite(value) or value < 0 or (positive and value == 0):
        limit = "above 0" if positive else "0 or more"
        raise ValueError(f"{name} must be a finite number of seconds {limit}, got {value}")
    return float(value)


def check_reference_bits(value: object) -> Literal[8, 16]:
    """The concatenation reference size: the int 8 or 16."""
    if value == 8 and type(value) is int:
        return 8
    if value == 16 and type(value) is int:
        return 16
    check_int("reference_bits", value)  # a TypeError for anything but an int
    raise ValueError(f"reference_bits must be 8 or 16, got {value!r}")


def check_iterable(name: str, value: object, items: str) -> None:
    """A TypeError unless ``value`` is an iterable (and not a str or bytes, whose items
    are characters or ints, never what was meant)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be {items}, not {type(value).__name__}")
