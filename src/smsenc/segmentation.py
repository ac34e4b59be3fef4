"""``segment()``: a text's encoding, tables, parts and room left, as an SMS centre sees them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .charsets import LANGUAGES, Language
from .errors import TooManyPartsError
from .languages import LanguageRequest, resolve
from .parts import rank
from .selection import CharacterUse, choose
from .transliteration import Transliterator
from .udh import MAX_PARTS, Encoding, Layout, ReferenceBits

TransliterationRequest = str | Iterable[str] | Transliterator | None
_BY_ID = {language.identifier: language for language in LANGUAGES}


@dataclass(frozen=True)
class Segmentation:
    """How ``text`` goes out: one entry per part, all counts exact.

    ``units`` and ``part_units`` are septets for GSM7 (an escaped character counts two)
    and UTF-16 code units for UCS2 (a character above U+FFFF counts two).
    ``capacity`` is the units one part can carry under ``udh_octets`` of header.
    ``non_gsm`` lists, for a UCS2 result, the characters that kept the text out of
    7 bits under the closest allowed tables.
    """

    original_text: str
    text: str
    encoding: Encoding
    parts: tuple[str, ...]
    part_units: tuple[int, ...]
    capacity: int
    udh_octets: int
    locking_shift: Language | None
    single_shift: Language | None
    reference_bits: ReferenceBits
    non_gsm: tuple[CharacterUse, ...]
    transliteration: str | None

    @property
    def units(self) -> int:
        return sum(self.part_units)

    @property
    def message_count(self) -> int:
        return len(self.parts)

    @property
    def characters_remaining(self) -> int:
        """Room left in the last part, in septets or UTF-16 code units."""
        return self.capacity - self.part_units[-1]

    def rank(self) -> tuple[int, bool, int, int]:
        """Lower is better: fewer parts, 7-bit over UCS-2, smaller header, more room."""
        return rank(self.message_count, self.encoding, self.udh_octets, self.characters_remaining)

    @property
    def layout(self) -> Layout:
        return Layout(
            self.encoding,
            self.locking_shift.identifier if self.locking_shift else 0,
            self.single_shift.identifier if self.single_shift else 0,
            self.reference_bits,
        )


def check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return text


def check_reference_bits(reference_bits: object) -> ReferenceBits:
    if reference_bits == 8 and not isinstance(reference_bits, bool):
        return 8
    if reference_bits == 16:
        return 16
    raise ValueError(f"reference_bits must be 8 or 16, got {reference_bits!r}")


def as_transliterator(
    transliteration: TransliterationRequest, overrides: Mapping[str, str] | None = None
) -> Transliterator:
    if isinstance(transliteration, Transliterator):
        if overrides:
            return Transliterator(transliteration.modes, {**transliteration.overrides, **overrides})
        return transliteration
    return Transliterator(transliteration, overrides)


def segment(
    text: str,
    language_code: LanguageRequest = None,
    transliteration: TransliterationRequest = None,
    *,
    locking_shift: bool = True,
    single_shift: bool = True,
    reference_bits: ReferenceBits = 8,
    max_parts: int | None = MAX_PARTS,
) -> Segmentation:
    """Encode, count and split ``text`` the cheapest allowed way.

    ``language_code``: None (default tables only), ``"AUTODETECT"``, one code such as
    ``"TR"``, or several codes; ``locking_shift`` / ``single_shift`` allow those kinds
    of national table.  ``transliteration``: a mode name (``"TURKISH"``, ...), several,
    or a :class:`Transliterator`; it runs first.  ``reference_bits``: the concatenation
    reference size, 8 or 16.  ``max_parts``: above it, :class:`TooManyPartsError`
    (default 255, what the concatenation IEs can count; None for no limit).
    """
    original = check_text(text)
    bits = check_reference_bits(reference_bits)
    if max_parts is not None and (not isinstance(max_parts, int) or max_parts < 1):
        raise ValueError(f"max_parts must be a positive int or None, got {max_parts!r}")
    languages = resolve(language_code)
    transliterator = as_transliterator(transliteration)
    sent = transliterator(original)
    choice = choose(
        sent, languages, locking_shift=locking_shift, single_shift=single_shift,
        reference_bits=bits,
    )
    split = choice.split
    if max_parts is not None and split.message_count > max_parts:
        raise TooManyPartsError(
            f"the text needs {split.message_count} {split.layout.encoding} parts of "
            f"{split.capacity} units; at most {max_parts} are allowed "
            f"(a concatenated SMS counts its parts in one octet: TS 23.040 §9.2.3.24.1)",
            parts=split.message_count,
            limit=max_parts,
        )
    bounds = split.bounds
    return Segmentation(
        original_text=original,
        text=sent,
        encoding=split.layout.encoding,
        parts=tuple(sent[a:b] for a, b in zip(bounds, bounds[1:])),
        part_units=split.part_units,
        capacity=split.capacity,
        udh_octets=split.udh_octets,
        locking_shift=_BY_ID.get(split.layout.locking_id),
        single_shift=_BY_ID.get(split.layout.single_shift_id),
        reference_bits=bits,
        non_gsm=choice.non_gsm,
        transliteration=transliterator.name,
    )
