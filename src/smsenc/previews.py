"""``preview()``: Infobip's ``POST /sms/1/preview`` answer, computed locally.

One preview for the plain text, then one per requested option alone (language, then
transliteration), then one with both, each with the configuration a send request
would carry to get that count.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .arguments import check_str, type_error
from .engine.chooser import choose
from .engine.options import (
    AUTODETECT,
    Options,
    TransliterationRequest,
    allowed_tables,
    as_transliterator,
    language_groups,
    languages,
    options,
    resolve,
)
from .gsm.udh import MAX_PARTS, ReferenceBits
from .segmentation import Segmentation, segment_with, segmentation


class Configuration(NamedTuple):
    """The send-request settings behind one preview; empty for the plain text.

    ``single_shift`` / ``locking_shift`` say which national tables the count relied on.
    A tuple of its four fields; ``to_dict()`` is Infobip's ``configuration`` object.
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


class TextPreview(NamedTuple):
    """One entry of ``previews``: a count and the configuration that gets it.

    A tuple of ``segmentation`` (the full detail behind it) and ``configuration``."""

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


class Preview(NamedTuple):
    """The caller's text and its previews, as Infobip's preview response has them.

    A tuple of both; ``to_dict()`` is exactly the shape of Infobip's response."""

    original_text: str
    previews: tuple[TextPreview, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "originalText": self.original_text,
            "previews": [entry.to_dict() for entry in self.previews],
        }


def _language_preview(base: Segmentation, language_code: str, base_options: Options) -> TextPreview:
    """The preview under one language code of the text ``base`` segmented without one
    (the caller's text as it is, or transliterated), under ``base_options``.

    A configuration names one language, so under AUTODETECT each language competes
    alone (:func:`smsenc.engine.options.language_groups`, decided in one pass) and the
    cheapest is named (the first, in identifier order, on a tie); when no national table
    helps, the code asked for is kept with both shift flags false.  No part limit
    applies: every language has the default tables and UCS-2 among its candidates, so
    it needs at most the parts ``base`` needs."""
    named = languages(language_code)
    ids = tuple(language.identifier for language in named)
    groups, owners = language_groups(ids)
    competing = options(
        allowed_tables(ids),
        base_options.reference_bits,
        None,
        base_options.transliterator,
        base_options.keep_graphemes,
        groups,
    )
    choice = choose(base.text, competing)
    language = named[owners[choice[4]]]  # the group the winner came from
    # Reported against the caller's text, under the language's own tables.
    result = segmentation(
        base.original_text,
        base.text,
        choice,
        allowed_tables([language.identifier]),
        base.transliteration,
        base.keep_graphemes,
    )
    used = result.locking_shift or result.single_shift
    code = language_code.strip().upper()
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
    check_str("text", text)
    if language_code is not None and not isinstance(language_code, str):
        raise type_error("language_code", language_code, "a str or None")
    plain_options = resolve(
        reference_bits=reference_bits, max_parts=max_parts, keep_graphemes=keep_graphemes
    )
    plain = segment_with(text, plain_options)
    entries = [TextPreview(plain, PLAIN)]
    if language_code is not None:
        entries.append(_language_preview(plain, language_code, plain_options))
    transliterator = as_transliterator(transliteration)
    if transliterator:
        alone_options = plain_options._replace(transliterator=transliterator)
        alone = segment_with(text, alone_options)
        entries.append(TextPreview(alone, Configuration(transliteration=alone.transliteration)))
        if language_code is not None:  # transliterated once, then each language
            entries.append(_language_preview(alone, language_code, alone_options))
    return Preview(text, tuple(entries))
