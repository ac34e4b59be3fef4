"""A picture of a summary: messages by parts per message, stacked by encoding (matplotlib)."""

from __future__ import annotations

from typing import Any

from .summary import Summary


def figure(summary: Summary) -> Any:
    """A bar chart of how many messages need 1, 2, 3, ... parts, stacked per encoding.

    Every part count from 1 to the largest has its bar, an empty one included, so the
    axis reads as the numbers it shows (a gap at 4 parts is a gap in the picture)."""
    import matplotlib

    matplotlib.use("Agg")  # a file, never a window
    import matplotlib.pyplot as plt

    by_encoding = summary.parts_per_message_by_encoding()
    most = max((n for counts in by_encoding.values() for n in counts), default=0)
    parts = range(1, most + 1)
    chart, axes = plt.subplots(figsize=(7, 3.5), dpi=100)
    bottom = [0] * len(parts)
    for encoding in sorted(by_encoding):
        heights = [by_encoding[encoding].get(n, 0) for n in parts]
        axes.bar([str(n) for n in parts], heights, bottom=bottom, label=encoding)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_xlabel("parts per message")
    axes.set_ylabel("messages")
    axes.set_title(f"{summary.messages:,} messages, {summary.parts:,} parts")
    if by_encoding:
        axes.legend()
    chart.tight_layout()
    return chart


def plot(summary: Summary, path: str) -> None:
    """Write :func:`figure` to ``path`` as a PNG."""
    import matplotlib.pyplot as plt

    chart = figure(summary)
    try:
        chart.savefig(path, format="png")
    finally:
        plt.close(chart)
