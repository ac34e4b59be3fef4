"""Times in a TPDU: TP-SCTS (3GPP TS 23.040 §9.2.3.11) and TP-VP (§9.2.3.12).

A timestamp is seven octets of semi-octet swapped decimal digits: year, month, day,
hour, minute, second and the time zone, the last in quarter hours from GMT with its
sign in bit 3 of the seventh octet (the high bit of the tens digit).  The year has two
digits; smsenc reads 90-99 as 1990-1999 (SMS began in 1992, so no earlier timestamp
exists) and 00-89 as 2000-2089, and writes only years in that window.

A relative validity period is one octet over four ranges (§9.2.3.12.1): 5-minute steps
to 12 hours, 30-minute steps to 24 hours, days to 30 days, weeks to 63 weeks.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ..arguments import type_error
from ..errors import DecodeError
from .address import swap_semi_octets

TIMESTAMP_OCTETS = 7
FIRST_YEAR = 1990  # two-digit years 90-99 are 1990-1999, 00-89 are 2000-2089
MAX_QUARTERS = 79  # the tens digit of the quarter hours has 3 bits (§9.2.3.11)
MAX_RELATIVE = timedelta(weeks=63)  # TP-VP 255 (§9.2.3.12.1)


def encode_timestamp(moment: object, parameter: str) -> bytes:
    """Seven octets for an aware ``datetime`` in its own time zone (§9.2.3.11).

    The offset must be a whole number of quarter hours (at most 79); seconds are the
    finest unit, so microseconds are dropped.
    """
    if not isinstance(moment, datetime):
        raise type_error(parameter, moment, "a datetime")
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(
            f"{parameter} must be an aware datetime (with tzinfo): TP-SCTS carries the "
            f"time zone, got {moment!r}"
        )
    quarters, rest = divmod(abs(offset), timedelta(minutes=15))
    if rest or quarters > MAX_QUARTERS:
        raise ValueError(
            f"{parameter}'s UTC offset must be a whole number of quarter hours, at most "
            f"{MAX_QUARTERS} (19:45), got {offset}"
        )
    if not FIRST_YEAR <= moment.year < FIRST_YEAR + 100:
        raise ValueError(
            f"{parameter}'s year must be {FIRST_YEAR}..{FIRST_YEAR + 99} (two digits), "
            f"got {moment.year}"
        )
    digits = moment.strftime("%y%m%d%H%M%S")
    zone = swap_semi_octets(f"{quarters:02d}")[0]
    if offset < timedelta(0):
        zone |= 0x08  # the sign: bit 3 of the seventh octet (§9.2.3.11)
    return swap_semi_octets(digits) + bytes((zone,))


def _bcd(octet: int, field: str, offset: int, mask: int = 0x0F) -> int:
    low, high = octet & mask, octet >> 4
    if low > 9 or high > 9:
        raise DecodeError(f"{field}: octet 0x{octet:02X} is not two decimal digits", offset=offset)
    return 10 * low + high


def decode_timestamp(data: bytes, offset: int, field: str) -> datetime:
    """The aware ``datetime`` of seven octets at ``offset`` (§9.2.3.11)."""
    if offset + TIMESTAMP_OCTETS > len(data):
        raise DecodeError(
            f"{field} needs {TIMESTAMP_OCTETS} octets at {offset}, the PDU has {len(data)}",
            offset=offset,
        )
    year, month, day, hour, minute, second = (
        _bcd(data[offset + i], field, offset + i) for i in range(6)
    )
    zone = data[offset + 6]
    quarters = _bcd(zone, field, offset + 6, mask=0x07)
    sign = -1 if zone & 0x08 else 1
    year += 1900 if year >= FIRST_YEAR % 100 else 2000
    try:
        return datetime(
            year,
            month,
            day,
            hour,
            minute,
            second,
            tzinfo=timezone(timedelta(minutes=15 * sign * quarters)),
        )
    except ValueError as error:
        raise DecodeError(f"{field}: {error}", offset=offset) from None


# --- relative validity ---------------------------------------------------------------------

_STEPS = (
    # (first TP-VP, its period, step): the four ranges of §9.2.3.12.1
    (0, timedelta(minutes=5), timedelta(minutes=5)),  # 0-143: (VP+1) x 5 minutes
    (144, timedelta(hours=12, minutes=30), timedelta(minutes=30)),  # 144-167: 12 h + ...
    (168, timedelta(days=2), timedelta(days=1)),  # 168-196: (VP-166) days
    (197, timedelta(weeks=5), timedelta(weeks=1)),  # 197-255: (VP-192) weeks
)
_LAST = (143, 167, 196, 255)


def relative_period(vp: int) -> timedelta:
    """The period a relative TP-VP octet stands for (§9.2.3.12.1)."""
    for (first, period, step), last in zip(_STEPS, _LAST, strict=True):
        if vp <= last:
            return period + (vp - first) * step
    raise ValueError(f"TP-VP must be an octet, got {vp}")


def encode_relative(period: timedelta) -> int:
    """The relative TP-VP for ``period``: the shortest representable period that is at
    least ``period``, so a message never expires earlier than asked."""
    if period <= timedelta(0) or period > MAX_RELATIVE:
        raise ValueError(
            f"validity as a timedelta must be more than 0 and at most 63 weeks "
            f"(TS 23.040 §9.2.3.12.1), got {period}"
        )
    for (first, start, step), last in zip(_STEPS, _LAST, strict=True):
        if period <= start + (last - first) * step:
            return first + max(0, -(-(period - start) // step))
    raise AssertionError("unreachable: 63 weeks is TP-VP 255")


def decode_enhanced(data: bytes, offset: int) -> timedelta | None:
    """The enhanced TP-VP (§9.2.3.12.3): the period in its first format octet's terms."""
    if offset + TIMESTAMP_OCTETS > len(data):
        raise DecodeError(
            f"TP-VP (enhanced) needs 7 octets at {offset}, the PDU has {len(data)}",
            offset=offset,
        )
    form = data[offset] & 0b111
    if form == 0b000:
        return None
    if form == 0b001:
        return relative_period(data[offset + 1])
    if form == 0b010:
        return timedelta(seconds=data[offset + 1])
    if form == 0b011:
        hours, minutes, seconds = (
            _bcd(data[offset + i], "TP-VP (enhanced)", offset + i) for i in (1, 2, 3)
        )
        return timedelta(hours=hours, minutes=minutes, seconds=seconds)
    raise DecodeError(f"TP-VP (enhanced): reserved validity format {form:03b}", offset=offset)
