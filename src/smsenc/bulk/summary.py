"""The summary of a bulk count: messages, parts by encoding, parts per message, the
characters that forced UCS-2 and what they cost, and with a price the bill."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

TOP_CHARACTERS = 10
"""How many UCS-2 culprits the summary names."""
NAMED_CHARACTERS = 8
"""How many of a script's culprits its row in the table names before "and N more"."""

# Culprit and Summary are accumulators, not results: a bulk count adds to them chunk by
# chunk, so they are mutable dataclasses, unlike the package's immutable NamedTuple
# results.  What a user gets from them is Summary.to_dict() and its rendering.


@dataclass
class Culprit:
    """One character that forced UCS-2 (or one script of such characters): the messages
    it is in and the parts they lost.

    ``extra_parts`` adds, over those messages, their parts minus the parts the same text
    needs with every non-GSM character replaced by ``?``: what the message would save if
    its non-GSM characters were GSM. A message with two culprits counts for both; one
    with several culprits of a script counts once for the script.
    """

    messages: int = 0
    extra_parts: int = 0

    def add(self, messages: int, extra_parts: int) -> None:
        """Count ``messages`` more, costing ``extra_parts`` more."""
        self.messages += messages
        self.extra_parts += extra_parts


@dataclass
class ScriptCulprit(Culprit):
    """The characters of one Unicode script that forced UCS-2: the messages holding at
    least one of them (each once), the parts those messages lost (as for a character),
    and the characters."""

    characters: set[str] = field(default_factory=set)


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
    """Every character that forced UCS-2 in a message counted."""
    by_script: bool = False
    """Whether the culprits are also read by Unicode script (``smsenc count --by-script``)."""
    scripts: dict[str, ScriptCulprit] = field(default_factory=dict)
    """With ``by_script``, per script (as ``Segmentation.non_gsm_by_script`` names it)."""

    def add(self, shapes: Counter[tuple[str, int]]) -> None:
        """Count a chunk's messages: how many have each (encoding, message_count)."""
        self.messages_by_shape.update(shapes)

    def blame(self, characters: dict[str, Culprit], scripts: dict[str, ScriptCulprit]) -> None:
        """Add a chunk's culprits, per character and per script."""
        for char, culprit in characters.items():
            self.culprits.setdefault(char, Culprit()).add(culprit.messages, culprit.extra_parts)
        for name, group in scripts.items():
            total = self.scripts.setdefault(name, ScriptCulprit())
            total.add(group.messages, group.extra_parts)
            total.characters |= group.characters

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
        if self.by_script:
            data["ucs2_scripts"] = self._scripts(top)
        if price_per_part is not None:
            data["price_per_part"] = str(price_per_part)
            data["cost"] = str(price_per_part * self.parts)
            for encoding, entry in data["by_encoding"].items():
                entry["cost"] = str(price_per_part * parts[encoding])
        return data

    def _scripts(self, top: list[tuple[str, Culprit]]) -> list[dict[str, Any]]:
        """A row per script, most messages first: its messages, extra parts, and its
        characters (in the order of ``top``: most messages first)."""
        rank = {char: i for i, (char, _) in enumerate(top)}
        ranked = sorted(self.scripts.items(), key=lambda item: (-item[1].messages, item[0]))
        return [
            {
                "script": name,
                "messages": group.messages,
                "extra_parts": group.extra_parts,
                "distinct": len(group.characters),
                "characters": "".join(sorted(group.characters, key=rank.__getitem__)),
            }
            for name, group in ranked
        ]


def _shown(char: str) -> str:
    """A character as the table shows it: itself, or its code point if it cannot be seen."""
    return char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"


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
    if "ucs2_scripts" in data:
        if data["ucs2_scripts"]:
            lines += ["", "forced UCS-2 by script   messages   extra parts   distinct"]
        for entry in data["ucs2_scripts"]:
            chars = list(entry["characters"])
            named = " ".join(map(_shown, chars[:NAMED_CHARACTERS]))
            if len(chars) > NAMED_CHARACTERS:
                named += f" and {len(chars) - NAMED_CHARACTERS} more"
            lines.append(
                f"{entry['script']:<22} {entry['messages']:>10,} {entry['extra_parts']:>13,}"
                f" {entry['distinct']:>10,}  {named}"
            )
    elif data["ucs2_characters"]:
        lines += ["", "forced UCS-2       messages   extra parts"]
        for entry in data["ucs2_characters"]:
            char = entry["character"]
            shown = char if char.isprintable() and not char.isspace() else " "
            label = f"{shown} {entry['code_point']}"
            lines.append(f"{label:<12} {entry['messages']:>14,} {entry['extra_parts']:>13,}")
    return "\n".join(lines)
