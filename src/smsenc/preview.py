"""``preview()``: Infobip's ``POST /sms/1/preview`` answer, computed locally.

One preview for the plain text, then one per requested option alone (language, then
transliteration), then one with both, each with the configuration a send request
would carry to get that count.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .arguments import check_reference_bits
from .charsets import Language
from .languages import AUTODETECT, resolve
from .segmentation import Segmentation, TransliterationRequest, as_transliterator, segment
from .selection import allowed_tables, choose_among, language_groups
from .shortcuts import fast_split
from .udh import MAX_PARTS, ReferenceBits


@dataclass(frozen=True)
class Configuration:
    """The send-request settings behind one preview; empty for the plain text.

    ``single_shift`` / ``locking_shift`` say which national tables the count relied on.
    """

    language_code: str | None = None
    single_shift: bool = False
    locking_shift: bool = False
    transliteration: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.language_code is not None:
            out["language"] = {
                "languageCode": self.language_code,
                "singleShift": self.single_shift,
                "lockingShift": self.locking_shift,
            }
        if self.transliteration is not None:
            out["transliteration"] = self.transliteration
        return out


PLAIN = Configuration()
"""The configuration of the plain-text preview: nothing set."""


@dataclass(frozen=True)
class TextPreview:
    """One entry of ``previews``; ``segmentation`` holds the full detail behind it."""

    segmentation: Segmentation
    configuration: Configuration

    @property
    def text_preview(self) -> str:
        return self.segmentation.text

    @property
    def message_count(self) -> int:
        return self.segmentation.message_count

    @property
    def characters_remaining(self) -> int:
        return self.segmentation.characters_remaining

    def to_dict(self) -> dict[str, Any]:
        return {
            "textPreview": self.text_preview,
            "messageCount": self.message_count,
            "charactersRemaining": self.characters_remaining,
            "configuration": self.configuration.to_dict(),
        }


@dataclass(frozen=True)
class Preview:
    """``to_dict()`` is exactly the shape of Infobip's preview response."""

    original_text: str
    previews: tuple[TextPreview, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "originalText": self.original_text,
            "previews": [entry.to_dict() for entry in self.previews],
        }


def _first_best(
    sent: str, languages: tuple[Language, ...], reference_bits: ReferenceBits, max_parts: int | None
) -> Segmentation:
    """Each language competing alone (grapheme-keeping splits): the first best."""
    best: Segmentation | None = None
    for language in languages:
        result = segment(
            sent,
            language.code,
            reference_bits=reference_bits,
            max_parts=max_parts,
            keep_graphemes=True,
        )
        if best is None or result.rank() < best.rank():
            best = result
    assert best is not None  # resolve() never returns an empty tuple for a code
    return best


def _winner(
    sent: str, languages: tuple[Language, ...], reference_bits: ReferenceBits
) -> tuple[Language, bool]:
    """The language whose tables send ``sent`` cheapest, each competing alone (the
    first on a tie), and whether its national tables are what won: False when the
    default tables or UCS-2 do best.  Every language decided in one pass (see
    :func:`smsenc.selection.language_groups`)."""
    bits = check_reference_bits(reference_bits)
    if fast_split(sent, False, bits) is not None:
        return languages[0], False  # the default tables win, and every language has them
    groups, owners = language_groups(tuple(language.identifier for language in languages))
    choice = choose_among(sent, groups, bits)
    layout = choice.split.layout
    return languages[owners[choice.group]], bool(layout.locking_id or layout.single_shift_id)


def _language_preview(
    base: Segmentation,
    language_code: str,
    reference_bits: ReferenceBits,
    max_parts: int | None,
    keep_graphemes: bool = False,
) -> TextPreview:
    """The preview under one language code of the text ``base`` segmented without one
    (the caller's text as it is, or transliterated).  A configuration names one
    language, so under AUTODETECT each language competes alone and the cheapest is
    named (the first, in identifier order, on a tie); when no national table helps,
    the code asked for is kept with both shift flags false."""
    languages = resolve(language_code)
    code = language_code.strip().upper()
    if keep_graphemes:
        result = _first_best(base.text, languages, reference_bits, max_parts)
    else:
        language, national = _winner(base.text, languages, reference_bits)
        if national:
            # max_parts cannot be reached: the language has the default tables and UCS-2
            # among its candidates, so it needs at most the parts ``base`` needs.
            result = segment(
                base.text, language.code, reference_bits=reference_bits, max_parts=None
            )
        else:
            # The default tables or UCS-2 win over a superset of ``base``'s candidates,
            # so they win among ``base``'s own: its split, under the language's tables.
            result = replace(base, allowed_tables=allowed_tables([language.identifier]))
    # Reported against the caller's text, as segment(text, ..., transliteration) would.
    result = replace(result, original_text=base.original_text, transliteration=base.transliteration)
    used = result.locking_shift or result.single_shift
    if code == AUTODETECT and used is not None:
        code = used.code
    configuration = Configuration(
        code,
        single_shift=result.single_shift is not None,
        locking_shift=result.locking_shift is not None,
        transliteration=base.transliteration,
    )
    return TextPreview(result, configuration)


def preview(
    text: str,
    language_code: str | None = None,
    transliteration: TransliterationRequest = None,
    *,
    reference_bits: ReferenceBits = 8,
    max_parts: int | None = MAX_PARTS,
    keep_graphemes: bool = False,
) -> Preview:
    """Infobip-style previews of ``text``: plain, per option, and with both options.

    ``language_code`` is one of Infobip's codes (``TR``, ``ES``, ``PT``,
    ``AUTODETECT``) or an ISO 639-1 code of another TS 23.038 language;
    ``transliteration`` a mode such as ``"TURKISH"`` or a :class:`Transliterator`.
    ``keep_graphemes=True`` ends no part inside a grapheme cluster, as in :func:`segment`.
    """
    if language_code is not None and not isinstance(language_code, str):
        raise TypeError(f"language_code must be a str or None, not {type(language_code).__name__}")
    plain = segment(
        text, reference_bits=reference_bits, max_parts=max_parts, keep_graphemes=keep_graphemes
    )
    entries = [TextPreview(plain, PLAIN)]
    transliterator = as_transliterator(transliteration)
    if language_code is not None:
        entries.append(
            _language_preview(plain, language_code, reference_bits, max_parts, keep_graphemes)
        )
    if transliterator:
        alone = segment(
            text,
            None,
            transliterator,
            reference_bits=reference_bits,
            max_parts=max_parts,
            keep_graphemes=keep_graphemes,
        )
        entries.append(TextPreview(alone, Configuration(transliteration=alone.transliteration)))
        if language_code is not None:  # transliterated once, then each language
            entries.append(
                _language_preview(alone, language_code, reference_bits, max_parts, keep_graphemes)
            )
    return Preview(text, tuple(entries))
