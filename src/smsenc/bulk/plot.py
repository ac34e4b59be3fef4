"""A picture of a summary: messages by parts per message, stacked by encoding (matplotlib)."""

from __future__ import annotations

from .summary import Summary


def plot(summary: Summary, path: str) -> None:
    """Write a PNG bar chart of how many messages need 1, 2, 3, ... parts, per encoding."""
    import matplotlib

    matplotlib.use("Agg")  # a file, never a window
    import matplotlib.pyplot as plt

    by_encoding = summary.parts_per_message_by_encoding()
    parts = sorted({n for counts in by_encoding.values() for n in counts})
    figure, axes = plt.subplots(figsize=(7, 3.5), dpi=100)
    bottom = [0] * len(parts)
    for encoding in sorted(by_encoding):
        heights = [by_encoding[encoding].get(n, 0) for n in parts]
        axes.bar([str(n) for n in parts], heights, bottom=bottom, label=encoding)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_xlabel("parts per message")
    axes.set_ylabel("messages")
    axes.set_title(f"{summary.messages:,} messages, {summary.parts:,} parts")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
