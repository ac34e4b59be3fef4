"""What forced UCS-2 in a chunk of messages, and what it cost: the summary's culprit table.

For each character that kept a message out of GSM 7-bit, the summary shows the messages
that hold it and their *extra parts*: a message's parts minus the parts of the same
text with every such character replaced by ``?`` (what it would need were they GSM),
added over the messages that hold the character; a message with two counts for both.
Read by Unicode script (``smsenc count --by-script``), a script's row holds the
messages with at least one such character of that script, each once, and adds up
their extra parts the same way: what those messages cost over the same messages with
every UCS-2-forcing character (of any script) made GSM. A message with culprits of two
scripts counts for both, as it does for two characters.

:func:`analyse` does it for one chunk, one of two ways, with the same numbers
(``tests/test_bulk_count.py`` holds both to the definition above, written out with
``segment()``):

- **Default tables** (no language, no transliteration): whether a character forces
  UCS-2 is then a property of the character alone: it is in neither the GSM 7-bit
  default alphabet nor its extension table (TS 23.038 §6.2.1, §6.2.1.1). Each
  character is asked once, with ``count(char)``, and remembered, so a message costs
  C-level passes only, never a second segmentation. Its ``?`` version holds only
  default-alphabet characters, one septet each, plus any extension-table character,
  two (escape + code): without one of those its parts follow from its length alone,
  counted once per length; with one it is counted as a text.
- **Otherwise** the culprits depend on the whole text (those the closest allowed pair
  of national tables leaves out, or those of the transliterated text): ``segment()``
  says, once per distinct text of the chunk.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from itertools import chain, compress, repeat
from operator import contains
from typing import Any, NamedTuple

from .. import Counts, count, count_many, segment
from .summary import Culprit, ScriptCulprit

FEW_CULPRITS = 30
"""Below this many culprits met so far, each is looked for in every message (one C-level
``in`` per culprit and message); from there on, each message's set of characters is
built once instead. On the benchmark corpus (16 culprits, UCS-2 messages of about 150
characters), looking for each took 2.6-3.5 µs a message and building the set 6-8 µs
(medians of interleaved runs): the two cost the same near 30 culprits."""


def default_tables(options: Mapping[str, Any]) -> bool:
    """Whether ``options`` count under the default tables only: no language, no
    transliteration (and so the culprits are a property of each character)."""
    return options.get("language_code") is None and options.get("transliteration") is None


class Found(NamedTuple):
    """A chunk's culprits with their messages and extra parts: per character, and per
    Unicode script (by its property value name, as ``Segmentation.non_gsm_by_script``)
    when asked for, else no script."""

    characters: dict[str, Culprit]
    scripts: dict[str, ScriptCulprit]


def analyse(
    texts: Sequence[str],
    counts: Sequence[Counts],
    options: Mapping[str, Any],
    by_script: bool = False,
) -> Found:
    """The culprits of the UCS-2 messages among ``texts`` (counted as ``counts``, under
    ``options``), with their messages and extra parts; ``by_script``, per script too."""
    ucs2 = [
        (text, c.message_count)
        for text, c in zip(texts, counts, strict=True)
        if c.encoding == "UCS2"
    ]
    if not ucs2:
        return Found({}, {})
    if default_tables(options):
        return _CHARACTERS.analyse(ucs2, options.get("reference_bits", 8), by_script)
    return _by_segment(ucs2, options, by_script)


class DefaultTables:
    """What ``count()`` says of each character met so far, and the chunk analysis built
    on it (one per process: workers learn their own).

    ``few``: below this many culprits met, each is looked for in each message; from
    there on, each message's set of characters is built (:data:`FEW_CULPRITS`)."""

    def __init__(self, few: int = FEW_CULPRITS) -> None:
        self.few = few
        self.forcing: list[str] = []
        """Characters that force UCS-2, in the order met."""
        self._escaped: set[str] = set()
        """Extension-table characters met: two septets each (escape + code)."""
        self._known: set[str] = set()
        self._known_run: re.Pattern[str] | None = None
        self._forcing_one: re.Pattern[str] = re.compile("(?!)")
        self._escaped_one: re.Pattern[str] = re.compile("(?!)")
        self._parts_of_length: dict[tuple[int, int], int] = {}
        self._capacities: dict[int, int] = {}

    def learn(self, characters: set[str] | str) -> None:
        """Ask ``count()`` about each character not met before."""
        fresh = set(characters) - self._known
        if not fresh:
            return
        for char in sorted(fresh):
            single = count(char)
            if single.encoding == "UCS2":
                self.forcing.append(char)
            elif single.units == 2:
                self._escaped.add(char)
        self._known |= fresh
        self._known_run = _one_of(self._known, "+")
        self._forcing_one = _one_of(self.forcing)
        self._escaped_one = _one_of(self._escaped)

    def unknown(self, text: str) -> str:
        """The characters of ``text`` not met before (and maybe some met)."""
        return text if self._known_run is None else self._known_run.sub("", text)

    def analyse(self, ucs2: list[tuple[str, int]], bits: int, by_script: bool = False) -> Found:
        texts = [text for text, _ in ucs2]
        if len(self.forcing) < self.few:
            self.learn(self.unknown("".join(texts)))
            extras = self._extras(ucs2, bits)
            found: dict[str, Culprit] = {}
            for char in self.forcing:
                holds = list(map(contains, texts, repeat(char)))
                holding = sum(holds)
                if holding:
                    found[char] = Culprit(holding, sum(compress(extras, holds)))
        else:
            sets = list(map(set, texts))
            self.learn(set().union(*sets))
            forcing = set(self.forcing)
            messages = Counter(chain.from_iterable(sets))
            extras = self._extras(ucs2, bits)
            by_extra: defaultdict[int, list[set[str]]] = defaultdict(list)
            for characters, extra in zip(sets, extras, strict=True):
                if extra:
                    by_extra[extra].append(characters)
            extra_parts: Counter[str] = Counter()
            for extra, group in by_extra.items():
                for char, n in Counter(chain.from_iterable(group)).items():
                    extra_parts[char] += extra * n
            found = {
                char: Culprit(n, extra_parts[char])
                for char, n in messages.items()
                if char in forcing
            }
        return Found(found, _scripts(texts, extras, found) if by_script else {})

    def _extras(self, ucs2: list[tuple[str, int]], bits: int) -> list[int]:
        """Per message, its parts minus those of its text with the culprits made ``?``."""
        extras = [0] * len(ucs2)  # one part is never more than the GSM version needs
        exact = []
        for index, (text, parts) in enumerate(ucs2):
            if parts > 1:
                escapes = len(self._escaped_one.findall(text))
                gsm_parts = self._gsm_parts(len(text) + escapes, escapes, bits)
                if gsm_parts is None:
                    exact.append(index)
                else:
                    extras[index] = max(parts - gsm_parts, 0)
        if exact:  # the rest are counted as texts, all in one call
            gsm_like = [self._forcing_one.sub("?", ucs2[index][0]) for index in exact]
            counted = count_many(gsm_like, reference_bits=bits, max_parts=None)
            for index, result in zip(exact, counted, strict=True):
                extras[index] = max(ucs2[index][1] - result.message_count, 0)
        return extras

    def _gsm_parts(self, septets: int, escapes: int, bits: int) -> int | None:
        """The parts of a default-alphabet text of ``septets`` septets of which
        ``escapes`` are escape + code pairs, where its length decides them; else None.

        Without a pair, or within one part, the length decides. Past one part, a pair
        that would straddle two moves whole to the next (smsenc never splits one: README,
        "How parts are counted"), so each part but the last carries its capacity C or
        C - 1 septets: the parts lie between ``ceil(septets / C)`` and
        ``ceil(septets / (C - 1))``, and are known when those agree (they differ only
        for a few lengths past each multiple of C - 1)."""
        parts = self._length_parts(septets, bits)
        if escapes == 0 or parts == 1:
            return parts
        capacity = self._multi_capacity(bits)
        return parts if parts == -(-septets // (capacity - 1)) else None

    def _length_parts(self, length: int, bits: int) -> int:
        """The parts of ``length`` default-alphabet characters, one septet each."""
        key = length, bits
        parts = self._parts_of_length.get(key)
        if parts is None:
            parts = count("?" * length, reference_bits=bits, max_parts=None).message_count
            self._parts_of_length[key] = parts
        return parts

    def _multi_capacity(self, bits: int) -> int:
        """The septets one part of a concatenated message carries (``count()`` says)."""
        capacity = self._capacities.get(bits)
        if capacity is None:
            probe = count("?" * 1000, reference_bits=bits, max_parts=None)
            capacity = (probe.units + probe.characters_remaining) // probe.message_count
            self._capacities[bits] = capacity
        return capacity


def _one_of(characters: set[str] | list[str], repeat: str = "") -> re.Pattern[str]:
    """A pattern matching any of ``characters`` (never, for none)."""
    if not characters:
        return re.compile("(?!)")
    return re.compile("[" + "".join(map(re.escape, sorted(characters))) + "]" + repeat)


_CHARACTERS = DefaultTables()


@cache
def _script(char: str) -> str:
    """The Unicode script of ``char``, a character that forces UCS-2 under the default
    tables, as ``Segmentation.non_gsm_by_script`` names it (asked once per character)."""
    return segment(char).non_gsm_by_script[0].script


def _scripts(texts: list[str], extras: list[int], found: Iterable[str]) -> dict[str, ScriptCulprit]:
    """Per script of the culprits ``found`` in ``texts`` (each forcing UCS-2 under the
    default tables): the texts holding one of them, and their ``extras`` added (one
    regular expression search a text and script: a chunk holds few scripts)."""
    members: dict[str, list[str]] = {}
    for char in found:
        members.setdefault(_script(char), []).append(char)
    scripts = {}
    for name, chars in members.items():
        holds = list(map(bool, map(_one_of(chars).search, texts)))
        scripts[name] = ScriptCulprit(sum(holds), sum(compress(extras, holds)), set(chars))
    return scripts


def _by_segment(ucs2: list[tuple[str, int]], options: Mapping[str, Any], by_script: bool) -> Found:
    """The culprits as ``segment()`` finds them, once per distinct text."""
    relaxed = {**options, "max_parts": None}
    found = Found({}, {})
    for text, (parts, n) in _distinct(ucs2).items():
        segmentation = segment(text, **relaxed)
        chars = [use.char for use in segmentation.non_gsm]
        gsm_like = text.translate({ord(char): "?" for char in chars})
        extra = max(parts - count(gsm_like, **relaxed).message_count, 0)
        for char in chars:
            found.characters.setdefault(char, Culprit()).add(n, extra * n)
        if by_script:
            for group in segmentation.non_gsm_by_script:
                culprit = found.scripts.setdefault(group.script, ScriptCulprit())
                culprit.add(n, extra * n)
                culprit.characters.update(group.chars)
    return found


def _distinct(ucs2: list[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Each distinct text with its parts and how many times it came."""
    seen: dict[str, tuple[int, int]] = {}
    for text, parts in ucs2:
        _, n = seen.get(text, (parts, 0))
        seen[text] = parts, n + 1
    return seen
