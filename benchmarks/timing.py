"""Interleaved timing: every contender runs once per repetition, in rotating order.

A *case* (a corpus category, a text size ...) maps contender names to thunks doing one
*pass* (e.g. one call per message of the category).  Each repetition walks every case
and, within it, every contender, starting one contender later than the previous
repetition did, so slow drift (frequency scaling, a noisy neighbour) spreads evenly
over the contenders instead of landing on whoever ran last.  A sample repeats a pass
``number`` times (calibrated so that a sample lasts at least ``min_sample`` seconds) and
is stored as seconds per pass; results are medians.  The garbage collector is off while
timing, as in :mod:`timeit`.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

Thunk = Callable[[], object]
Case = TypeVar("Case", bound=Hashable)


@dataclass
class Measurement:
    """Seconds per pass of one contender on one case, or the exception it raised."""

    number: int = 1
    estimate: float = 0.0  # seconds per pass seen while calibrating
    samples: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def _seconds(thunk: Thunk, number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        thunk()
    return time.perf_counter() - start


def _calibrate(thunk: Thunk, min_sample: float) -> Measurement:
    """Warm up once; pick the passes per sample.  A raising thunk is not timed."""
    try:
        first = _seconds(thunk, 1)
        if first < min_sample:
            first = _seconds(thunk, 1)  # the first pass paid for cold caches
    except Exception as exc:  # a peer's failure is a result, never a crash
        return Measurement(error=type(exc).__name__)
    number = max(1, math.ceil(min_sample / max(first, 1e-9)))
    return Measurement(number=number, estimate=first)


def _rotated(names: list[str], shift: int) -> list[str]:
    shift %= len(names)
    return names[shift:] + names[:shift]


def interleaved(
    cases: Mapping[Case, Mapping[str, Thunk]],
    *,
    budget: float,
    min_sample: float,
    min_reps: int = 3,
    max_reps: int = 25,
    log: Callable[[str], object] | None = None,
) -> dict[Case, dict[str, Measurement]]:
    """Time every thunk of every case round-robin.

    The repetitions are as many as fit in ``budget`` seconds, clamped to
    ``[min_reps, max_reps]``.
    """
    results = {
        case: {name: _calibrate(thunk, min_sample) for name, thunk in thunks.items()}
        for case, thunks in cases.items()
    }
    live = {case: [name for name, m in results[case].items() if m.error is None] for case in cases}
    per_rep = sum(
        results[case][name].number * results[case][name].estimate
        for case in cases
        for name in live[case]
    )
    reps = min(max_reps, max(min_reps, int(budget / max(per_rep, 1e-9))))
    if log is not None:
        contenders = len({name for thunks in cases.values() for name in thunks})
        log(f"({len(cases)} cases x {contenders} contenders, {reps} interleaved repetitions)")
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for rep in range(reps):
            gc.collect()
            for case, thunks in cases.items():
                if not live[case]:
                    continue
                for name in _rotated(live[case], rep):
                    m = results[case][name]
                    m.samples.append(_seconds(thunks[name], m.number) / m.number)
    finally:
        if was_enabled:
            gc.enable()
    return results
