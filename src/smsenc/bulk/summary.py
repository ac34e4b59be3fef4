"""The summary of a bulk count: messages, parts by encoding, parts per message, the
characters that forced UCS-2 and what they cost, and with a price the bill."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

TOP_CHARACTERS = 10
"""How many UCS-2 culprits the summary names."""

# Culprit and Summary are accumulators, not results: a bulk count adds to them chunk by
# chunk, so they are mutable dataclasses, unlike the package's immutable NamedTuple
# results.  What a user gets from them is Summary.to_dict() and its rendering.


@dataclass
class Culprit:
    """One character that forced UCS-2: the messages it is in and the parts they lost.

    ``extra_parts`` adds, over those messages, their parts minus the parts the same text
    needs with every non-GSM character replaced by ``?``: what the message would save if
    its non-GSM characters were GSM. A message with two culprits counts for both.
    """

    messages: int = 0
    extra_parts: int = 0


@dataclass
class Summary:
    """Totals over every row counted, added a chunk at a time.

    Everything but the errors and the culprits follows from how many messages have each
    (encoding, parts) pair, which is what :meth:`add` takes: a chunk adds one Counter
    instead of one call per message."""

    errors: int = 0
    messages_by_shape: Counter[tuple[str, int]] = field(default_factory=Counter)
    """How many messages have each (encoding, message_count)."""
    culprits: dict[str, Culprit] = field(default_factory=dict)

    def add(self, shapes: Counter[tuple[str, int]]) -> None:
        """Count a chunk's messages: how many have each (encoding, message_count)."""
        self.messages_by_shape.update(shapes)

    def blame(self, characters: dict[str, Culprit]) -> None:
        """Add a chunk's culprits."""
        for char, culprit in characters.items():
            total = self.culprits.setdefault(char, Culprit())
            total.messages += culprit.messages
            total.extra_parts += culprit.extra_parts

    @property
    def messages(self) -> int:
        return sum(self.messages_by_shape.values())

    @property
    def parts(self) -> int:
        return sum(parts * n for (_, parts), n in self.messages_by_shape.items())

    def parts_per_message_by_encoding(self) -> dict[str, Counter[int]]:
        """Per encoding, how many messages need 1, 2, 3, ... parts."""
        by: dict[str, Counter[int]] = {}
        for (encoding, parts), n in self.messages_by_shape.items():
            by.setdefault(encoding, Counter())[parts] += n
        return by

    def to_dict(self, price_per_part: Decimal | None = None) -> dict[str, Any]:
        """The summary as JSON-ready data; costs (with a price) as decimal strings."""
        messages: Counter[str] = Counter()
        parts: Counter[str] = Counter()
        per_message: Counter[int] = Counter()
        for (encoding, count), n in self.messages_by_shape.items():
            messages[encoding] += n
            parts[encoding] += count * n
            per_message[count] += n
        top = sorted(self.culprits.items(), key=lambda item: (-item[1].messages, item[0]))
        data: dict[str, Any] = {
            "messages": self.messages,
            "errors": self.errors,
            "parts": self.parts,
            "by_encoding": {
                encoding: {"messages": messages[encoding], "parts": parts[encoding]}
                for encoding in sorted(messages)
            },
            "parts_per_message": {str(count): n for count, n in sorted(per_message.items())},
            "ucs2_characters": [
                {
                    "character": char,
                    "code_point": f"U+{ord(char):04X}",
                    "messages": culprit.messages,
                    "extra_parts": culprit.extra_parts,
                }
                for char, culprit in top[:TOP_CHARACTERS]
            ],
        }
        if price_per_part is not None:
            data["price_per_part"] = str(price_per_part)
            data["cost"] = str(price_per_part * self.parts)
            for encoding, entry in data["by_encoding"].items():
                entry["cost"] = str(price_per_part * parts[encoding])
        return data


def render(data: dict[str, Any]) -> str:
    """The summary as a plain-text table for a person."""
    lines = [
        f"messages  {data['messages']:>12,}",
        f"errors    {data['errors']:>12,}",
        f"parts     {data['parts']:>12,}",
        "",
        "encoding      messages         parts" + ("          cost" if "cost" in data else ""),
    ]
    for encoding, entry in data["by_encoding"].items():
        row = f"{encoding:<8} {entry['messages']:>13,} {entry['parts']:>13,}"
        lines.append(row + (f" {entry['cost']:>13}" if "cost" in entry else ""))
    if "cost" in data:
        lines.append(
            f"{'total':<8} {data['messages']:>13,} {data['parts']:>13,} {data['cost']:>13}"
        )
    lines += ["", "parts per message      messages"]
    lines += [f"{parts:>17} {n:>13,}" for parts, n in data["parts_per_message"].items()]
    if data["ucs2_characters"]:
        lines += ["", "forced UCS-2       messages   extra parts"]
        for entry in data["ucs2_characters"]:
            char = entry["character"]
            shown = char if char.isprintable() and not char.isspace() else " "
            label = f"{shown} {entry['code_point']}"
            lines.append(f"{label:<12} {entry['messages']:>14,} {entry['extra_parts']:>13,}")
    return "\n".join(lines)
