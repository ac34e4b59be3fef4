"""``segment()``: a text's encoding, tables, parts and room left, as an SMS centre sees them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Any, NamedTuple, TypeAlias

from . import selection
from .alphabet import to_septets
from .arguments import (
    check_bool,
    check_int,
    check_iterable,
    check_optional_int,
    check_reference_bits,
    check_str,
    renamed,
)
from .charsets import LANGUAGES, Language
from .dcs import Encoding
from .errors import TooManyPartsError
from .languages import LanguageRequest, resolve
from .parts import Rank, Split
from .selection import (
    DEFAULT_ONLY,
    CharacterUse,
    Tables,
    allowed_tables,
    decide,
    non_gsm_characters,
)
from .shortcuts import fast_split
from .transliteration import Transliterator, for_modes
from .udh import MAX_PARTS, Layout, ReferenceBits, check_reference

# Not a string: typing.get_type_hints() reads the alias at run time, in the module of
# each function that uses it, which is why Transliterator is imported here eagerly.
TransliterationRequest: TypeAlias = str | Iterable[str] | Transliterator | None

_BY_ID: dict[int, Language] = {language.identifier: language for language in LANGUAGES}


@dataclass(frozen=True, init=False)
class Segmentation:
    """How ``text`` goes out: one entry per part, all counts exact.

    ``text`` is what is sent (the original after transliteration); ``parts`` join back
    to it.  ``units`` and ``part_units`` are septets for GSM7 (an escaped character
    counts two) and UTF-16 code units for UCS2 (a character above U+FFFF counts two).
    ``capacity`` is what one part can carry under ``udh_octets`` of header.
    ``locking_shift`` / ``single_shift`` are the national tables chosen (None: default).

    Only the inputs and the :class:`~smsenc.parts.Split` are stored; everything else is
    read off them, and ``parts``, ``septets`` and ``non_gsm`` are built on first use, so
    a caller who only counts pays for none of them.
    """

    original_text: str
    text: str
    split: Split
    allowed_tables: Tables
    transliteration: str | None
    keep_graphemes: bool

    def __init__(
        self,
        original_text: str,
        text: str,
        split: Split,
        allowed_tables: Tables = DEFAULT_ONLY,
        transliteration: str | None = None,
        keep_graphemes: bool = False,
        *,
        septets: bytes | None = None,
    ) -> None:
        # A frozen dataclass's generated __init__ sets each field with object.__setattr__,
        # which costs more than counting a short text.  Storing into the instance dict
        # does the same for a fraction (an update(**fields) would build a dict first).
        fields = self.__dict__
        fields["original_text"] = original_text
        fields["text"] = text
        fields["split"] = split
        fields["allowed_tables"] = allowed_tables
        fields["transliteration"] = transliteration
        fields["keep_graphemes"] = keep_graphemes
        if septets is not None:  # already worked out while choosing: fills the cache
            fields["septets"] = septets

    def __repr__(self) -> str:
        return (
            f"Segmentation(text={self.text!r}, encoding={self.encoding!r}, "
            f"part_units={self.part_units!r}, capacity={self.capacity}, "
            f"udh_octets={self.udh_octets}, locking_shift={self.locking_shift}, "
            f"single_shift={self.single_shift}, transliteration={self.transliteration!r})"
        )

    @property
    def encoding(self) -> Encoding:
        return self.split.layout.encoding

    @cached_property
    def parts(self) -> tuple[str, ...]:
        """The text of each part."""
        text = self.text
        return tuple([text[a:b] for a, b in pairwise(self.split.bounds)])

    @cached_property
    def septets(self) -> bytes | None:
        """The text's unpacked septets, as SMPP carries 7-bit text; None for UCS2.

        One septet per octet under the chosen tables, ESC (0x1B) before a single shift
        septet."""
        if self.encoding == "UCS2":
            return None
        layout = self.split.layout
        return to_septets(self.text, layout.locking_id, layout.single_shift_id)

    @property
    def part_units(self) -> tuple[int, ...]:
        return self.split.part_units

    @property
    def capacity(self) -> int:
        return self.split.capacity

    @property
    def udh_octets(self) -> int:
        return self.split.udh_octets

    @property
    def locking_shift(self) -> Language | None:
        return _BY_ID.get(self.split.layout.locking_id)

    @property
    def single_shift(self) -> Language | None:
        return _BY_ID.get(self.split.layout.single_shift_id)

    @property
    def reference_bits(self) -> ReferenceBits:
        return self.split.layout.reference_bits

    @property
    def layout(self) -> Layout:
        return self.split.layout

    @property
    def units(self) -> int:
        return sum(self.split.part_units)

    @property
    def message_count(self) -> int:
        return self.split.message_count

    @property
    def characters_remaining(self) -> int:
        """Room left in the last part, in septets or UTF-16 code units."""
        return self.split.remaining

    @cached_property
    def non_gsm(self) -> tuple[CharacterUse, ...]:
        """The characters that kept a UCS2 text out of 7 bits.

        Each with its count and first index, under the closest allowed tables; empty
        for a GSM7 result."""
        if self.encoding == "GSM7":
            return ()
        uses = non_gsm_characters(self.text, self.allowed_tables)
        return tuple(CharacterUse(u.char, u.count, u.first_index, self) for u in uses)

    @cached_property
    def parts_if_all_replaced(self) -> int:
        """The part count with every ``non_gsm`` suggestion applied, same options."""
        from .savings import parts_if

        replacements = {u.char: u.suggestion for u in self.non_gsm if u.suggestion is not None}
        return parts_if(self, replacements) if replacements else self.message_count

    @cached_property
    def parts_if_lf_only(self) -> int:
        """The part count if every CR LF were sent as a lone LF, same options."""
        from .savings import parts_if_lf_only

        return parts_if_lf_only(self)

    def rank(self) -> Rank:
        """Lower is better: fewer parts, 7-bit over UCS-2, smaller header, more room."""
        return self.split.rank()

    def udh(self, sequence: int = 1, reference: int = 0) -> bytes:
        """The user data header of part ``sequence`` (1-based).

        UDHL, the concatenation IE with ``reference`` when there are several parts,
        then the national single and locking shift IEs; empty when the message needs
        no header."""
        check_int("sequence", sequence, 1, self.message_count)
        check_reference(reference, self.reference_bits)
        return self.split.layout.header(reference, self.message_count, sequence)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data, keys named as the attributes."""
        return {
            "original_text": self.original_text,
            "text": self.text,
            "encoding": self.encoding,
            "message_count": self.message_count,
            "characters_remaining": self.characters_remaining,
            "capacity": self.capacity,
            "udh_octets": self.udh_octets,
            "locking_shift": self.locking_shift.code if self.locking_shift else None,
            "single_shift": self.single_shift.code if self.single_shift else None,
            "reference_bits": self.reference_bits,
            "transliteration": self.transliteration,
            "part_units": list(self.part_units),
            "parts": list(self.parts),
            "non_gsm": [
                {"char": use.char, "count": use.count, "first_index": use.first_index}
                for use in self.non_gsm
            ],
        }


# CharacterUse.source is annotated with Segmentation, but selection sits below this
# module and imports it only for mypy; binding the name there now lets
# typing.get_type_hints() resolve CharacterUse at run time too (pydantic does).
vars(selection)["Segmentation"] = Segmentation


def as_transliterator(
    transliteration: TransliterationRequest, overrides: Mapping[str, str] | None = None
) -> Transliterator:
    """A :class:`Transliterator` for a mode name, several names, or one given as is."""
    if isinstance(transliteration, Transliterator):
        if overrides:
            return Transliterator(transliteration.modes, {**transliteration.overrides, **overrides})
        return transliteration
    if overrides:
        return Transliterator(transliteration, overrides)
    if transliteration is None:
        return for_modes("NONE")
    if isinstance(transliteration, str):
        return for_modes(transliteration)
    check_iterable(
        "transliteration", transliteration, "a str, an iterable of str, a Transliterator or None"
    )
    return for_modes(tuple(transliteration))


class SegmentOptions(NamedTuple):
    """:func:`segment`'s options, checked and resolved once (see :func:`segment_options`)."""

    tables: Tables
    reference_bits: ReferenceBits
    max_parts: int | None
    transliterator: Transliterator | None
    keep_graphemes: bool


def segment_options(
    language_code: LanguageRequest = None,
    transliteration: TransliterationRequest = None,
    *,
    allow_locking_shift: bool = True,
    allow_single_shift: bool = True,
    reference_bits: ReferenceBits = 8,
    max_parts: int | None = MAX_PARTS,
    locking_shift: bool | None = None,
    single_shift: bool | None = None,
    keep_graphemes: bool = False,
) -> SegmentOptions:
    """Check and resolve :func:`segment`'s options: once per call, or once per batch.

    A request made of hashable values is resolved once and remembered (callers repeat
    a few requests), except one using a deprecated name, which warns on every call."""
    request = (
        language_code,
        transliteration,
        allow_locking_shift,
        allow_single_shift,
        reference_bits,
        max_parts,
        locking_shift,
        single_shift,
        keep_graphemes,
    )
    if locking_shift is None and single_shift is None:
        try:
            hash(request)
        except TypeError:  # a list of codes, say: resolved every time
            pass
        else:
            return _remembered_options(*request)
    return _resolve_options(*request)


def _resolve_options(
    language_code: LanguageRequest,
    transliteration: TransliterationRequest,
    allow_locking_shift: bool,
    allow_single_shift: bool,
    reference_bits: ReferenceBits,
    max_parts: int | None,
    locking_shift: bool | None,
    single_shift: bool | None,
    keep_graphemes: bool,
) -> SegmentOptions:
    bits = check_reference_bits(reference_bits)
    check_optional_int("max_parts", max_parts, 1)
    if locking_shift is not None:  # the deprecated name: warn only when it is used
        allow_locking_shift = renamed(
            "locking_shift", locking_shift, "allow_locking_shift", allow_locking_shift
        )
    if single_shift is not None:
        allow_single_shift = renamed(
            "single_shift", single_shift, "allow_single_shift", allow_single_shift
        )
    allow_locking = check_bool("allow_locking_shift", allow_locking_shift)
    allow_single = check_bool("allow_single_shift", allow_single_shift)
    tables = DEFAULT_ONLY
    if language_code is not None:
        ids = [language.identifier for language in resolve(language_code)]
        tables = allowed_tables(
            ids, allow_locking_shift=allow_locking, allow_single_shift=allow_single
        )
    transliterator = None if transliteration is None else as_transliterator(transliteration)
    if keep_graphemes is not False and keep_graphemes is not True:
        raise TypeError(f"keep_graphemes must be a bool, not {type(keep_graphemes).__name__}")
    return SegmentOptions(tables, bits, max_parts, transliterator, keep_graphemes)


# typed: 1 is not True, nor 8.0 the int 8, so a remembered good request never answers
# a bad one that compares equal to it.
_remembered_options: Callable[..., SegmentOptions] = lru_cache(maxsize=256, typed=True)(
    _resolve_options
)


def split_text(text: str, options: SegmentOptions) -> tuple[str, Split, bytes | None]:
    """The text as sent (transliterated when asked), its cheapest split, and its septets
    when choosing the split translated it (see :class:`~smsenc.selection.Choice`);
    ``text`` is already checked to be a str.  Raises :class:`TooManyPartsError` past
    ``max_parts``."""
    sent = text if options.transliterator is None else options.transliterator(text)
    bits = options.reference_bits
    if options.keep_graphemes:
        from .graphemes import choose_keeping_clusters

        split, septets = choose_keeping_clusters(sent, options.tables, bits), None
    else:
        shortcut = fast_split(sent, options.tables == DEFAULT_ONLY, bits)
        if shortcut is None:
            split, _, septets = decide(sent, options.tables, bits)
        else:
            split, septets = shortcut, None
    max_parts = options.max_parts
    if max_parts is not None and len(split.part_units) > max_parts:
        raise TooManyPartsError(
            f"the text needs {split.message_count} {split.layout.encoding} parts of "
            f"{split.capacity} units; at most {max_parts} are allowed "
            f"(a concatenated SMS counts its parts in one octet: TS 23.040 §9.2.3.24.1)",
            parts=split.message_count,
            limit=max_parts,
        )
    return sent, split, septets


def segment(
    text: str,
    language_code: LanguageRequest = None,
    transliteration: TransliterationRequest = None,
    *,
    allow_locking_shift: bool = True,
    allow_single_shift: bool = True,
    reference_bits: ReferenceBits = 8,
    max_parts: int | None = MAX_PARTS,
    locking_shift: bool | None = None,
    single_shift: bool | None = None,
    keep_graphemes: bool = False,
) -> Segmentation:
    """Encode, count and split ``text`` the cheapest allowed way.

    ``language_code``: None (default tables only), ``"AUTODETECT"`` (Infobip's TR, ES
    and PT), one code such as ``"TR"``, or several codes (``ALL_LANGUAGE_CODES`` for
    all thirteen); ``allow_locking_shift`` / ``allow_single_shift`` allow
    those kinds of national table (``locking_shift`` / ``single_shift`` are their
    deprecated old names).  ``transliteration``: a mode name (``"TURKISH"``, ...), several,
    or a :class:`Transliterator`; it runs first.  ``reference_bits``: the concatenation
    reference size, 8 or 16.  ``max_parts``: above it, :class:`TooManyPartsError`
    (default 255, what the concatenation IEs can count; None for no limit).
    ``keep_graphemes=True``: no part ends inside an extended grapheme cluster (see
    :mod:`smsenc.graphemes`); it can cost a part, and one Python step per character.
    """
    original = check_str("text", text)
    if (
        language_code is None
        and transliteration is None
        and allow_locking_shift is True
        and allow_single_shift is True
        and type(reference_bits) is int
        and reference_bits == 8
        and max_parts is MAX_PARTS
        and locking_shift is None
        and single_shift is None
        and keep_graphemes is False
    ):
        # Every option at its default, the commonest call: nothing to check or resolve,
        # and a text a shortcut takes within the part limit needs nothing else either.
        shortcut = fast_split(original, True, 8)
        if shortcut is not None and len(shortcut.part_units) <= MAX_PARTS:
            return Segmentation(original, original, shortcut)
        options = DEFAULT_OPTIONS
    else:
        options = segment_options(
            language_code,
            transliteration,
            allow_locking_shift=allow_locking_shift,
            allow_single_shift=allow_single_shift,
            reference_bits=reference_bits,
            max_parts=max_parts,
            locking_shift=locking_shift,
            single_shift=single_shift,
            keep_graphemes=keep_graphemes,
        )
    sent, split, septets = split_text(original, options)
    mode = None if options.transliterator is None else options.transliterator.name
    return Segmentation(
        original, sent, split, options.tables, mode, keep_graphemes, septets=septets
    )


DEFAULT_OPTIONS = segment_options()
"""The options of a call that gives none: resolved once, at import."""
