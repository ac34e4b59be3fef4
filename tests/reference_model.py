"""A deliberately naive model of segmentation (one Python step per character), used only to
check the fast implementation against: same rules, written the obvious way."""

from __future__ import annotations

from smsenc.gsm.charsets import LOCKING_TABLES, SINGLE_SHIFT_TABLES


def header_octets(concatenated: bool, reference_bits: int, locking: int, single: int) -> int:
    ies = (5 if reference_bits == 8 else 6) if concatenated else 0
    ies += 3 * (locking != 0) + 3 * (single != 0)
    return ies + 1 if ies else 0


def gsm_costs(text: str, locking: int, single: int) -> list[int] | None:
    costs = []
    for char in text:
        if char in LOCKING_TABLES[locking].septets:
            costs.append(1)
        elif char in SINGLE_SHIFT_TABLES[single].septets:
            costs.append(2)
        else:
            return None
    return costs


def utf16_costs(text: str) -> list[int]:
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def greedy(costs: list[int], single_capacity: int, capacity: int) -> list[int]:
    if sum(costs) <= single_capacity:
        return [sum(costs)]
    parts = [0]
    for cost in costs:
        if parts[-1] + cost > capacity:
            parts.append(0)
        parts[-1] += cost
    return parts


def rank_gsm(
    text: str, locking: int, single: int, reference_bits: int = 8
) -> tuple[int, int, int] | None:
    """(parts, header octets, -room left) for one pair of tables, or None if it cannot."""
    costs = gsm_costs(text, locking, single)
    if costs is None:
        return None
    single_cap = 160 - -(-8 * header_octets(False, reference_bits, locking, single) // 7)
    multi_octets = header_octets(True, reference_bits, locking, single)
    multi_cap = 160 - -(-8 * multi_octets // 7)
    parts = greedy(costs, single_cap, multi_cap)
    if len(parts) == 1:
        return (1, header_octets(False, reference_bits, locking, single), parts[0] - single_cap)
    return (len(parts), multi_octets, parts[-1] - multi_cap)


def reference_pack(septets: bytes, fill: int = 0) -> bytes:
    """Oracle straight from TS 23.038 §6.1.2.1.1: septet i at bit fill + 7i."""
    value = sum(s << (fill + 7 * i) for i, s in enumerate(septets))
    return value.to_bytes((fill + 7 * len(septets) + 7) // 8, "little")
