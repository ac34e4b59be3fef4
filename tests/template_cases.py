"""Brute force for template_bounds(): every substitution of a small template, segmented."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import strategies as st

import smsenc
from smsenc import Field, TemplateBounds
from smsenc.campaign.model import NAMED_ALPHABETS
from smsenc.campaign.template import parse_template


def substitutions(template: str, fields: Mapping[str, Field]) -> Iterator[str]:
    """Every text the template can become (custom alphabets only: they list their
    characters); a name used twice takes one value."""
    pieces = parse_template(template)
    names = list(fields)
    per_field = []
    for name in names:
        spec = fields[name]
        assert spec.alphabet not in NAMED_ALPHABETS
        per_field.append(
            [
                "".join(value)
                for n in range(spec.min_length, spec.max_length + 1)
                for value in itertools.product(spec.alphabet, repeat=n)
            ]
        )
    for values in itertools.product(*per_field):
        chosen = dict(zip(names, values, strict=True))
        yield "".join(chosen[p[0]] if isinstance(p, tuple) else p for p in pieces)


def within(template: str, fields: Mapping[str, Field], text: str) -> bool:
    """Whether ``text`` is a substitution of ``template`` within ``fields``."""
    pattern, seen = [], set()
    for piece in parse_template(template):
        if isinstance(piece, str):
            pattern.append(re.escape(piece))
        elif piece[0] in seen:
            pattern.append(f"(?P={_group(piece[0])})")
        else:
            seen.add(piece[0])
            spec = fields[piece[0]]
            if spec.alphabet == "digits":
                chars = "[0-9]"
            elif spec.alphabet in NAMED_ALPHABETS:
                chars = "."
            else:
                chars = "[" + "".join(re.escape(c) for c in spec.alphabet) + "]"
            pattern.append(
                f"(?P<{_group(piece[0])}>{chars}{{{spec.min_length},{spec.max_length}}})"
            )
    return re.fullmatch("".join(pattern), text, re.S) is not None


def _group(name: str) -> str:
    return "f" + name.encode().hex()


def check_by_brute_force(
    template: str, fields: Mapping[str, Field], *args: Any, **kwargs: Any
) -> TemplateBounds:
    """template_bounds(template, fields, *args, **kwargs) against every substitution.

    An exact bound's witness is the true extreme in segment()'s order; an inexact one's
    part count is never passed by any substitution, and what it found is real."""
    bounds = smsenc.template_bounds(template, fields, *args, **kwargs)
    kwargs = {**kwargs, "max_parts": None}
    ranks = [
        smsenc.segment(text, *args, **kwargs).rank() for text in substitutions(template, fields)
    ]
    worst, best = max(ranks), min(ranks)
    for bound, extreme in ((bounds.worst, worst), (bounds.best, best)):
        assert within(template, fields, bound.found.original_text)
        assert bound.found == smsenc.segment(bound.found.original_text, *args, **kwargs)
        if bound.exact:
            assert bound.found.rank() == extreme, (bound, extreme)
            assert bound.witness is bound.found
            assert bound.text == bound.found.original_text
            assert bound.message_count == extreme[0]
        else:
            assert bound.witness is None and bound.text is None
            assert bound.encoding is None and bound.characters_remaining is None
    assert bounds.worst.message_count >= worst[0]
    assert bounds.worst.found.rank() <= worst
    assert bounds.best.message_count <= best[0]
    assert bounds.best.found.rank() >= best
    return bounds


def small_templates(
    pool: str, runs: list[int], most_names: int, tail: int
) -> st.SearchStrategy[tuple[str, dict[str, Field]]]:
    """Templates of up to ``most_names`` placeholders (``x``, ``y``, each maybe twice),
    each led by a run of ``a`` of a length from ``runs`` and a little of ``pool``, then up
    to ``tail`` characters of ``pool``; each field up to 2 characters of its own
    alphabet, drawn from ``pool``."""

    @st.composite
    def draw_template(draw: st.DrawFn) -> tuple[str, dict[str, Field]]:
        names = draw(st.lists(st.sampled_from("xy"), min_size=1, max_size=most_names))
        pieces = []
        for name in names:
            pieces.append(
                "a" * draw(st.sampled_from(runs)) + draw(st.text(st.sampled_from(pool), max_size=2))
            )
            pieces.append("{" + name + "}")
        pieces.append(draw(st.text(st.sampled_from(pool), max_size=tail)))
        fields = {}
        for name in dict.fromkeys(names):
            high = draw(st.integers(0, 2))
            alphabet = "".join(
                dict.fromkeys(draw(st.text(st.sampled_from(pool), min_size=1, max_size=3)))
            )
            fields[name] = Field(high, draw(st.integers(0, high)), alphabet)
        return "".join(pieces), fields

    return draw_template()
