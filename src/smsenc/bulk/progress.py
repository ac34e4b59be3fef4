"""The progress bar of ``smsenc count``: one line on a terminal, redrawn in place.

Drawn here rather than with tqdm: ``import tqdm`` took 80-100 ms on the machine where
it was measured (``python -X importtime``: mostly its version lookup through
``importlib.metadata``, and ``logging``), as much as all of ``import smsenc``, for a bar
``smsenc count`` moves once per chunk; and the base install stays free of it.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

_EVERY = 0.1
"""Seconds between two redraws at most: drawing is cheap, a flickering line is not."""


class Bar:
    """How far the reading of one input is: a percentage and a bar when its size is
    known (a file), else how much was read (a pipe)."""

    def __init__(self, name: str, total: int | None, unit: str, stream: TextIO) -> None:
        self.name = name
        self.total = total
        self.unit = unit
        self.stream = stream
        self.done = 0
        self._start = time.monotonic()
        self._drawn = 0.0
        self._width = 0
        self._draw()

    def update(self, done: int) -> None:
        """Set how much was read (bytes, or rows for Parquet), and redraw if it is time."""
        self.done = done
        if time.monotonic() - self._drawn >= _EVERY:
            self._draw()

    def write(self, message: str) -> None:
        """Print a line above the bar (a row's error), and draw the bar again below it."""
        self._erase()
        self.stream.write(message + "\n")
        self._draw()

    def close(self) -> None:
        """Show where reading ended, then leave the line empty for what follows."""
        self._draw()
        self._erase()

    def line(self, width: int) -> str:
        """The bar as one line of at most ``width`` characters."""
        elapsed = max(time.monotonic() - self._start, 1e-9)
        rate = f"{_amount(self.done / elapsed, self.unit)}/s"
        if not self.total:
            return _fit(f"{self.name} {_amount(self.done, self.unit)} {rate}", width)
        share = min(self.done / self.total, 1.0)
        amounts = f"{_amount(self.done, self.unit, self.total)}/{_amount(self.total, self.unit)}"
        tail = f" {share:4.0%} {amounts} {rate}"
        name = self.name if len(self.name) <= 30 else "..." + self.name[-27:]
        room = width - len(name) - len(tail) - 3
        if room < 10:  # a narrow terminal: no bar
            return _fit(f"{name}{tail}", width)
        filled = int(room * share)
        return f"{name} |{'#' * filled}{' ' * (room - filled)}|{tail}"

    def _draw(self) -> None:
        width = _columns(self.stream) - 1  # the last column would wrap on some terminals
        text = self.line(width)
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)
        self._drawn = time.monotonic()

    def _erase(self) -> None:
        self.stream.write("\r" + " " * self._width + "\r")
        self.stream.flush()
        self._width = 0


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError):
        return 80


def _amount(value: float, unit: str, like: float | None = None) -> str:
    """``value`` in kB, MB, GB (powers of 1000) for bytes, as a plain number otherwise;
    scaled as ``like`` (the total) when given, so that 6.1/14.6 MB reads as one unit."""
    if unit != "B":
        return f"{value:,.0f}" if like is not None else f"{value:,.0f} {unit}"
    scale = like if like is not None else value
    for size, name in ((1e9, "GB"), (1e6, "MB"), (1e3, "kB")):
        if scale >= size:
            number = f"{value / size:.1f}"
            return number if like is not None else f"{number} {name}"
    return f"{value:.0f}" if like is not None else f"{value:.0f} B"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width, 0)]
