"""Compare smsenc with its peers: speed, agreement, scaling, import time, targets.

Run from the repository root::

    python -m benchmarks.compare           # full run, ~30 s on 2 cores
    python -m benchmarks.compare --quick   # ~5 s: fewer repetitions, no 1M-char texts

Every contender answers one question per text, ``(encoding, parts)``: smsenc's
``segment()``, ``count()``, ``count_many()`` (one call per category), ``preview()``, and
the same with ``"AUTODETECT"``, ``ALL_LANGUAGE_CODES`` and ``"TR"``; the peers; and the
C floors, one ``len(text.encode("utf-16"))`` and one ``str.translate`` (default GSM
tables) pass over the same text.  Timings are interleaved (see :mod:`benchmarks.timing`)
and reported as medians; every target of issue 26 is computed from this run's
measurements and printed PASS or MISS.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version

import smsenc

from .contenders import (
    Answer,
    Counter,
    Peer,
    load_peers,
    smsenc_count_many,
    smsenc_count_parts,
    smsenc_parts,
    smsenc_preview_autodetect,
    smsenc_preview_parts,
    smsenc_segment_all_languages,
    smsenc_segment_autodetect,
    smsenc_segment_turkish,
    smsenc_unlimited_parts,
    translate_floor,
    utf16_floor,
)
from .corpus import CATEGORIES, DEFAULT_SEED, SHORT_MAX_LEN, corpus, long_text
from .timing import Measurement, Thunk, interleaved

Cell = float | str  # a measurement, or the name of the exception that prevented it
ALL = "ALL"
SHORT = f"short<={SHORT_MAX_LEN}"
SCALING_CATEGORIES = ("long_ascii", "cyrillic", "emoji")
SCALING_REFERENCE = 10_000
TARGET_SPEEDUP_ALL = 10.0
TARGET_SPEEDUP_CATEGORY = 3.0
TARGET_COUNT_MANY_SPEEDUP = 20.0
TARGET_AUTODETECT_PREVIEW = 5.0  # preview(t, "AUTODETECT") / preview(t), whole corpus
TARGET_TURKISH_SEGMENT = 3.0  # segment(t, "TR") / segment(t), Turkish texts
TARGET_LINEAR = 1.5  # ns per character at the largest size / at 10k
TARGET_TRANSLATE_RATIO = 3.0
TARGET_TRANSLATE_AT = 100_000
TARGET_IMPORT_RATIO = 2.5  # import smsenc / import re, unicodedata, medians, interleaved


@dataclass(frozen=True)
class Settings:
    name: str
    min_sample: float  # seconds a timing sample lasts at least
    speed_budget: float  # seconds for the corpus timings
    speed_max_reps: int
    scaling_sizes: tuple[int, ...]
    scaling_budget: float  # seconds for all text sizes
    scaling_max_reps: int
    import_runs: int


FULL = Settings("full", 0.002, 30.0, 41, (100, 1_000, 10_000, 100_000, 1_000_000), 40.0, 25, 9)
QUICK = Settings("quick", 0.001, 3.0, 9, (100, 1_000, 10_000, 100_000), 3.0, 9, 5)


# ---------------------------------------------------------------- formatting


def number(value: float) -> str:
    """Three significant digits, never in exponent notation."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


def cell(value: Cell | None, suffix: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return f"!{value}"
    return number(value) + suffix


def ratio(a: Cell | None, b: Cell | None) -> Cell | None:
    """``a / b``, or the first exception name, or None when either is missing."""
    if a is None or b is None:
        return None
    if isinstance(a, str) or isinstance(b, str):
        return a if isinstance(a, str) else b
    return a / b


def micro(value: Cell) -> Cell:
    return value * 1e6 if isinstance(value, float) else value


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Plain-text table: first column left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        first = row[0].ljust(widths[0])
        return "  ".join([first, *(v.rjust(w) for v, w in zip(row[1:], widths[1:], strict=True))])

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def section(title: str) -> None:
    print(f"\n== {title} ==", flush=True)


_RUN = re.compile(r"(.)\1{7,}", re.DOTALL)


def short_repr(text: str, limit: int = 60) -> str:
    """``repr(text)`` with runs of 8+ equal characters as ``'a'*152``, cut to ``limit``."""
    pieces: list[str] = []
    start = 0
    for run in _RUN.finditer(text):
        if run.start() > start:
            pieces.append(repr(text[start : run.start()]))
        pieces.append(f"{run.group(1)!r}*{len(run.group())}")
        start = run.end()
    if start < len(text) or not pieces:
        pieces.append(repr(text[start:]))
    shown = " + ".join(pieces)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


# ---------------------------------------------------------------- speed


PassMaker = Callable[[Sequence[str]], Thunk]
"""Makes, for a category's texts, the thunk doing one pass over them."""


def each(fn: Callable[[str], object]) -> PassMaker:
    """One call of ``fn`` per text."""

    def make(texts: Sequence[str]) -> Thunk:
        def run() -> None:
            for text in texts:
                fn(text)

        return run

    return make


def batch(fn: Callable[[Sequence[str]], object]) -> PassMaker:
    """One call of ``fn`` for all the texts (a bulk API)."""
    return lambda texts: lambda: fn(texts)


SMSENC_CALLS = (
    "segment",
    "count",
    "count_many",
    "preview",
    "preview_AD",
    "segment_AD",
    "segment_ALL13",
    "segment_TR",
)
"""smsenc's timed calls: ``_AD`` is ``"AUTODETECT"`` (TR, ES, PT), ``ALL13`` is
``ALL_LANGUAGE_CODES``, ``TR`` is ``"TR"``."""
FLOORS = ("utf16", "translate")


def speed_contenders(peers: Sequence[Peer]) -> dict[str, PassMaker]:
    return {
        "segment": each(smsenc_parts),
        "count": each(smsenc_count_parts),
        "count_many": batch(smsenc_count_many),
        "preview": each(smsenc_preview_parts),
        "preview_AD": each(smsenc_preview_autodetect),
        "segment_AD": each(smsenc_segment_autodetect),
        "segment_ALL13": each(smsenc_segment_all_languages),
        "segment_TR": each(smsenc_segment_turkish),
        **{peer.name: each(peer.parts) for peer in peers},
        "utf16": each(utf16_floor),
        "translate": each(translate_floor),
    }


def overall(results: Mapping[str, Measurement], total_messages: int) -> Cell:
    """Per message over the whole corpus: per repetition, the sum of the category
    passes; then the median."""
    errors = [m.error for m in results.values() if m.error is not None]
    if errors:
        return errors[0]
    totals: list[float] = [
        sum(rep) for rep in zip(*(m.samples for m in results.values()), strict=True)
    ]
    return statistics.median(totals) / total_messages


def run_speed(
    messages: Mapping[str, list[str]],
    contenders: Mapping[str, PassMaker],
    settings: Settings,
) -> dict[str, dict[str, Cell]]:
    """Median seconds per message: ``{row: {contender: seconds}}``; rows are the
    categories, the short messages of all categories, and ALL."""
    inputs = dict(messages)
    inputs[SHORT] = [t for texts in messages.values() for t in texts if len(t) <= SHORT_MAX_LEN]
    cases = {
        row: {name: make(texts) for name, make in contenders.items()}
        for row, texts in inputs.items()
    }
    results = interleaved(
        cases,
        budget=settings.speed_budget,
        min_sample=settings.min_sample,
        max_reps=settings.speed_max_reps,
        log=print,
    )
    times: dict[str, dict[str, Cell]] = {
        row: {
            name: m.error if m.error is not None else m.median / len(inputs[row])
            for name, m in results[row].items()
        }
        for row in inputs
    }
    total = sum(len(texts) for texts in messages.values())
    times[ALL] = {
        name: overall({row: results[row][name] for row in messages}, total) for name in contenders
    }
    return times


def fastest_peer(times: Mapping[str, Cell], peers: Sequence[Peer]) -> tuple[str, float] | None:
    """The peer with the lowest time on a row (only peers that answered every text)."""
    timed = [(seconds, p.name) for p in peers if isinstance(seconds := times[p.name], float)]
    if not timed:
        return None
    seconds, name = min(timed)
    return name, seconds


def speedup(times: Mapping[str, Cell], peers: Sequence[Peer], call: str) -> Cell | None:
    """Fastest peer's time / smsenc's ``call`` time: >1 means smsenc is faster."""
    fastest = fastest_peer(times, peers)
    return None if fastest is None else ratio(fastest[1], times[call])


def peer_cells(times: Mapping[str, Cell], peers: Sequence[Peer]) -> list[str]:
    fastest = fastest_peer(times, peers)
    return ["-", "-"] if fastest is None else [fastest[0], cell(micro(fastest[1]))]


def speed_report(
    times: Mapping[str, Mapping[str, Cell]],
    counts: Mapping[str, int],
    names: Sequence[str],
    peers: Sequence[Peer],
) -> str:
    rows = [*CATEGORIES, SHORT, ALL]
    per_message = table(
        ["category", "msgs", *names],
        [[row, str(counts[row]), *(cell(micro(times[row][n])) for n in names)] for row in rows],
    )
    against = ["segment", "count", "count_many", "preview", "preview_AD"]
    versus_peer = table(
        ["category", "fastest peer", "its us", *against],
        [
            [
                row,
                *peer_cells(times[row], peers),
                *(cell(speedup(times[row], peers, call), "x") for call in against),
            ]
            for row in rows
        ],
    )
    languages = table(
        ["category", "preview_AD/preview", "segment_AD/segment", "ALL13/segment", "TR/segment"],
        [
            [
                row,
                *(
                    cell(ratio(times[row][a], times[row][b]), "x")
                    for a, b in (
                        ("preview_AD", "preview"),
                        ("segment_AD", "segment"),
                        ("segment_ALL13", "segment"),
                        ("segment_TR", "segment"),
                    )
                ),
            ]
            for row in rows
        ],
    )
    floor_rows = [
        [
            f"{row} / {floor}",
            *(cell(ratio(times[row][n], times[row][floor]), "x") for n in SMSENC_CALLS),
        ]
        for row in (ALL, SHORT)
        for floor in FLOORS
    ]
    return "\n\n".join(
        [
            "median time per message (us)",
            per_message,
            "smsenc against the fastest peer (fastest peer's time / smsenc's; >1 = smsenc"
            " faster); preview_AD = preview(text, 'AUTODETECT')",
            versus_peer,
            "national tables: each call's time / the same call without a language",
            languages,
            "ratio to the C floors (utf16 = len(text.encode('utf-16')),"
            " translate = text.translate(GSM_TABLE))",
            table(["rows", *SMSENC_CALLS], floor_rows),
        ]
    )


# ---------------------------------------------------------------- agreement

Outcome = Answer | str  # an answer, or the name of the exception raised

EDGE_CASES: tuple[tuple[str, Answer | None], ...] = (
    # (text, smsenc's expected answer, when the test is about smsenc itself)
    ("a" * 152 + "€" + "a" * 152, ("GSM7", 3)),  # the escape pair must not straddle parts
    ("a" * 66 + "😀" + "a" * 66, ("UCS2", 3)),  # nor a surrogate pair
    ("`", ("UCS2", 1)),  # not in the GSM alphabet (0x60 is ¿)
    ("§", ("GSM7", 1)),  # GSM 0x5F
    ("\f", ("GSM7", 1)),  # extension table: ESC 0x0A
    ("ç", None),
    ("Ç", None),
    ("", None),
    ("\ud83d", ("UCS2", 1)),  # lone surrogate
    ("a" * (153 * 255 + 1), ("GSM7", 256)),  # one part over the concatenation limit
)


def outcome(counter: Counter, text: str) -> Outcome:
    try:
        return counter(text)
    except Exception as exc:  # a peer's failure is a finding, never a crash
        return type(exc).__name__


def show(result: Outcome) -> str:
    return f"!{result}" if isinstance(result, str) else f"{result[0]}/{result[1]}"


def agreement_report(messages: Mapping[str, list[str]], peers: Sequence[Peer]) -> str:
    texts = [(row, t) for row, ts in messages.items() for t in ts]
    texts += [("edge", t) for t, _ in EDGE_CASES]
    out = [
        f"{len(texts)} texts ({len(texts) - len(EDGE_CASES)} corpus, {len(EDGE_CASES)}"
        " edge cases); reference: smsenc.segment(text, max_parts=None)"
    ]
    checked = [(text, expected) for text, expected in EDGE_CASES if expected is not None]
    wrong = [(text, expected, outcome(smsenc_unlimited_parts, text)) for text, expected in checked]
    wrong = [case for case in wrong if case[1] != case[2]]
    out.append(
        f"smsenc gives the expected answer on {len(checked) - len(wrong)} of "
        f"{len(checked)} checked edge cases"
    )
    out.extend(
        f"  WRONG: {short_repr(text)} gives {show(got)}, expected {show(expected)}"
        for text, expected, got in wrong
    )
    differing: list[str] = []
    tallies = {peer.name: [0, 0, 0] for peer in peers}  # agree, differ, raised
    for row, text in texts:
        reference = outcome(smsenc_unlimited_parts, text)
        notes = []
        for peer in peers:
            answer = outcome(peer.parts, text)
            kind = 0 if answer == reference else 2 if isinstance(answer, str) else 1
            tallies[peer.name][kind] += 1
            if kind:
                notes.append(f"{peer.name}={show(answer)}")
        if notes:
            differing.append(
                f"  [{row}] {short_repr(text)}  smsenc={show(reference)}  " + "  ".join(notes)
            )
    out.append(
        table(
            ["peer", "agree", "differ", "raised"],
            [[name, *map(str, t)] for name, t in tallies.items()],
        )
    )
    out.append(f"texts where a peer differs from smsenc ({len(differing)}):")
    out.extend(differing or ["  none"])
    return "\n".join(out)


# ---------------------------------------------------------------- scaling


def call(fn: Callable[[str], object], text: str) -> Thunk:
    return lambda: fn(text)


def unlimited_segment(text: str) -> smsenc.Segmentation:
    return smsenc.segment(text, max_parts=None)


def scaling_thunks(text: str, peers: Sequence[Peer]) -> tuple[dict[str, Thunk], dict[str, int]]:
    """The thunks for one text, and the characters each actually gets."""
    thunks = {
        "segment": call(unlimited_segment, text),
        "translate": call(translate_floor, text),
        "utf16": call(utf16_floor, text),
    }
    chars = dict.fromkeys(thunks, len(text))
    for peer in peers:
        given = text if peer.max_chars is None else text[: peer.max_chars]
        thunks[peer.name] = call(peer.parts, given)
        chars[peer.name] = len(given)
    return thunks, chars


def run_scaling(
    peers: Sequence[Peer], settings: Settings
) -> dict[tuple[str, int], dict[str, Cell]]:
    """Median nanoseconds per character: ``{(category, size): {contender: ns}}``.

    All sizes run in one interleaved session, so drift cannot bend the size ratios."""
    longest = {cat: long_text(max(settings.scaling_sizes), cat) for cat in SCALING_CATEGORIES}
    prepared = {  # long_text()s of one category are prefixes of one another
        (cat, size): scaling_thunks(longest[cat][:size], peers)
        for cat in SCALING_CATEGORIES
        for size in settings.scaling_sizes
    }
    results = interleaved(
        {case: thunks for case, (thunks, _) in prepared.items()},
        budget=settings.scaling_budget,
        min_sample=settings.min_sample,
        max_reps=settings.scaling_max_reps,
        log=print,
    )
    return {
        case: {
            name: m.error if m.error is not None else m.median / chars[name] * 1e9
            for name, m in results[case].items()
        }
        for case, (_, chars) in prepared.items()
    }


def scaling_report(ns: Mapping[tuple[str, int], Mapping[str, Cell]], peers: Sequence[Peer]) -> str:
    headers = [
        "category",
        "chars",
        "segment ns/ch",
        f"vs {SCALING_REFERENCE // 1000}k",
        "translate ns/ch",
        "seg/transl",
        "utf16 ns/ch",
        *(p.name for p in peers),
    ]
    rows = []
    for (cat, size), row in ns.items():
        reference = ns.get((cat, SCALING_REFERENCE), {}).get("segment")
        capped = [
            cell(row[p.name]) + ("*" if p.max_chars and size > p.max_chars else "") for p in peers
        ]
        rows.append(
            [
                cat,
                f"{size:,}",
                cell(row["segment"]),
                cell(ratio(row["segment"], reference), "x"),
                cell(row["translate"]),
                cell(ratio(row["segment"], row["translate"]), "x"),
                cell(row["utf16"]),
                *capped,
            ]
        )
    notes = [
        f"* {p.name}: input capped at its first {p.max_chars:,} characters "
        f"(its time grows quadratically)"
        for p in peers
        if p.max_chars
    ]
    return "\n".join(
        [
            "time per character of segment(text, max_parts=None); peers in ns/char "
            "(!Name = the exception raised)",
            table(headers, rows),
            *notes,
        ]
    )


# ---------------------------------------------------------------- import time

_IMPORTTIME = re.compile(r"^import time:\s*(\d+) \|\s*(\d+) \| ( *)(\S+)")


def smsenc_import(stderr: str, top: str = "smsenc") -> list[tuple[str, int, int]]:
    """From ``-X importtime`` output: (module, self us, cumulative us) of every module
    imported under ``import top``, ``top`` itself last."""
    block: list[tuple[str, int, int]] = []
    for line in stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if not match:
            continue
        self_us, cumulative_us, indent, name = match.groups()
        block.append((name, int(self_us), int(cumulative_us)))
        if not indent:  # a top-level import closes its block
            if name == top:
                return block
            block = []
    raise RuntimeError(f"no top-level {top!r} entry in the -X importtime output")


YARDSTICK = ("re", "unicodedata")
"""``import re, unicodedata``: what the import time of smsenc is held against."""


def yardstick_import_us() -> int:
    """Cumulative microseconds of ``import re, unicodedata`` in a fresh interpreter."""
    code = f"import {', '.join(YARDSTICK)}"
    command = [sys.executable, "-X", "importtime", "-c", code]
    done = subprocess.run(
        command, capture_output=True, text=True, check=True, env=cached_bytecode_env()
    )
    return sum(smsenc_import(done.stderr, module)[-1][2] for module in YARDSTICK)


def cached_bytecode_env() -> dict[str, str]:
    """The environment with bytecode caching on: an installed package imports from the
    .pyc files pip writes, so that is the import time users see.  (With
    PYTHONDONTWRITEBYTECODE set, every run would recompile smsenc from source.)"""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall_import_ms(runs: int) -> float:
    """Median of (``python -c "import smsenc"`` - ``python -c "pass"``) wall time, the
    two interleaved; a cross-check free of ``-X importtime``'s own overhead."""
    differences = []
    for _ in range(runs):
        pair = []
        for code in ("pass", "import smsenc"):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=cached_bytecode_env())
            pair.append(time.perf_counter() - start)
        differences.append((pair[1] - pair[0]) * 1000)
    return statistics.median(differences)


def import_report(runs: int) -> tuple[str, float, float]:
    """Median cumulative import time of smsenc in fresh interpreters with bytecode
    caches (the first run, which writes them, is discarded), and the median ratio to
    ``import re, unicodedata``, the two interleaved run by run."""
    command = [sys.executable, "-X", "importtime", "-c", "import smsenc"]
    blocks = []
    ratios = []
    for run in range(runs + 1):
        done = subprocess.run(
            command, capture_output=True, text=True, check=True, env=cached_bytecode_env()
        )
        block = smsenc_import(done.stderr)
        yardstick = yardstick_import_us()
        if run:
            blocks.append(block)
            ratios.append(block[-1][2] / yardstick)
    blocks = sorted(blocks, key=lambda block: block[-1][2])
    median_block = blocks[len(blocks) // 2]
    ms = statistics.median(block[-1][2] for block in blocks) / 1000
    heaviest = sorted(median_block, key=lambda entry: -entry[1])[:5]
    lines = [
        f"python -X importtime -c 'import smsenc', "
        f"{runs} runs: median cumulative {ms:.1f} ms "
        f"(runs: {', '.join(f'{b[-1][2] / 1000:.1f}' for b in blocks)} ms)",
        "largest self times in the median run: "
        + ", ".join(f"{name} {self_us / 1000:.1f} ms" for name, self_us, _ in heaviest),
        f"cross-check, wall clock 'import smsenc' minus 'pass': {wall_import_ms(runs):.1f} ms",
        f"against 'import {', '.join(YARDSTICK)}', run by run: median "
        f"{statistics.median(ratios):.2f}x",
    ]
    return "\n".join(lines), ms, statistics.median(ratios)


# ---------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    goal: str
    measured: str
    passed: bool | None  # None: could not be measured


def speedup_target(
    times: Mapping[str, Cell], peers: Sequence[Peer], call: str, goal: float, what: str
) -> Target:
    """smsenc's ``call`` against the fastest peer that answered every text of ``what``."""
    text = f"{call} >= {goal:g}x faster than the fastest peer, {what}"
    fastest = fastest_peer(times, peers)
    value = speedup(times, peers, call)
    if fastest is None or not isinstance(value, float):
        return Target(text, "not measured", None)
    return Target(text, f"{value:.2f}x vs {fastest[0]}", value >= goal)


def at_most_target(
    times: Mapping[str, Cell], call: str, reference: str, goal: float, what: str
) -> Target:
    """``call``'s time at most ``goal`` times ``reference``'s, on ``what``."""
    text = f"{call} <= {goal:g}x {reference}, {what}"
    value = ratio(times[call], times[reference])
    if not isinstance(value, float):
        return Target(text, "not measured", None)
    return Target(text, f"{value:.2f}x", value <= goal)


def linear_target(ns: Mapping[tuple[str, int], Mapping[str, Cell]]) -> Target:
    largest = max(size for _, size in ns)
    text = (
        f"segment scales linearly: ns/char at {largest:,} chars <= {TARGET_LINEAR:g}x "
        f"the figure at {SCALING_REFERENCE:,}"
    )
    ratios = {
        cat: ratio(ns[cat, largest]["segment"], ns[cat, SCALING_REFERENCE]["segment"])
        for cat in SCALING_CATEGORIES
    }
    numeric = {cat: r for cat, r in ratios.items() if isinstance(r, float)}
    if len(numeric) < len(ratios):
        return Target(text, "not measured", None)
    shown = ", ".join(f"{cat} {r:.2f}x" for cat, r in numeric.items())
    return Target(text, shown, max(numeric.values()) <= TARGET_LINEAR)


def all_targets(
    times: Mapping[str, Mapping[str, Cell]],
    peers: Sequence[Peer],
    ns: Mapping[tuple[str, int], Mapping[str, Cell]],
    import_ratio: float,
) -> list[Target]:
    """Issue 26's targets (and issue 11's that it holds), each computed from this run's
    measurements."""
    return [
        speedup_target(times[ALL], peers, "segment", TARGET_SPEEDUP_ALL, "whole corpus"),
        *(
            speedup_target(times[row], peers, "segment", TARGET_SPEEDUP_CATEGORY, row)
            for row in (*CATEGORIES, SHORT)
        ),
        speedup_target(times[ALL], peers, "count_many", TARGET_COUNT_MANY_SPEEDUP, "whole corpus"),
        at_most_target(
            times[ALL], "preview_AD", "preview", TARGET_AUTODETECT_PREVIEW, "whole corpus"
        ),
        at_most_target(
            times["turkish"], "segment_TR", "segment", TARGET_TURKISH_SEGMENT, "turkish"
        ),
        translate_target(ns),
        linear_target(ns),
        Target(
            f"import smsenc <= {TARGET_IMPORT_RATIO:g}x import re, unicodedata",
            f"{import_ratio:.2f}x",
            import_ratio <= TARGET_IMPORT_RATIO,
        ),
    ]


def translate_target(ns: Mapping[tuple[str, int], Mapping[str, Cell]]) -> Target:
    text = (
        f"segment within {TARGET_TRANSLATE_RATIO:g}x of one translate pass at "
        f"{TARGET_TRANSLATE_AT // 1000}k chars"
    )
    ratios = {
        cat: ratio(
            ns[cat, TARGET_TRANSLATE_AT]["segment"], ns[cat, TARGET_TRANSLATE_AT]["translate"]
        )
        for cat in SCALING_CATEGORIES
        if (cat, TARGET_TRANSLATE_AT) in ns
    }
    numeric = {cat: r for cat, r in ratios.items() if isinstance(r, float)}
    if not numeric:
        return Target(text, "not measured", None)
    worst = max(numeric, key=lambda cat: numeric[cat])
    shown = ", ".join(f"{cat} {r:.2f}x" for cat, r in numeric.items())
    return Target(
        text,
        f"worst {worst}: {shown}",
        numeric[worst] <= TARGET_TRANSLATE_RATIO and len(numeric) == len(ratios),
    )


def targets_report(targets: Sequence[Target]) -> str:
    verdict = {True: "PASS", False: "MISS", None: "N/A "}
    return "\n".join(f"{verdict[t.passed]}  {t.goal}: {t.measured}" for t in targets)


# ---------------------------------------------------------------- main


def header(settings: Settings, messages: Mapping[str, list[str]]) -> str:
    total = sum(len(texts) for texts in messages.values())
    return (
        f"smsenc {version('smsenc')} vs peers, {settings.name} mode | "
        f"Python {platform.python_version()} {platform.machine()} | "
        f"{os.cpu_count()} CPUs | corpus seed {DEFAULT_SEED}: {total} messages in "
        f"{len(messages)} categories"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.compare",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="a fast, rougher run (~5 s)")
    settings = QUICK if parser.parse_args(argv).quick else FULL
    started = time.perf_counter()
    messages = corpus()
    print(header(settings, messages), flush=True)
    peers = load_peers()
    print("peers: " + (", ".join(p.name for p in peers) or "none"), flush=True)

    section("speed on the corpus (interleaved, medians)")
    contenders = speed_contenders(peers)
    times = run_speed(messages, contenders, settings)
    counts = {row: len(texts) for row, texts in messages.items()}
    counts[SHORT] = sum(len(t) <= SHORT_MAX_LEN for texts in messages.values() for t in texts)
    counts[ALL] = sum(len(texts) for texts in messages.values())
    print(speed_report(times, counts, list(contenders), peers))

    section("agreement: (encoding, parts)")
    print(agreement_report(messages, peers))

    section("scaling")
    if 1_000_000 not in settings.scaling_sizes:
        print("(quick mode: 1M-character texts skipped)")
    ns = run_scaling(peers, settings)
    print(scaling_report(ns, peers))

    section("import time")
    import_text, _, import_ratio = import_report(settings.import_runs)
    print(import_text)

    section("targets")
    print(targets_report(all_targets(times, peers, ns, import_ratio)))
    print(f"\n(total run time {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
