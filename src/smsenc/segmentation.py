"""``segment()``: a text's encoding, tables, parts and room left, as an SMS centre sees them."""

from __future__ import annotations

from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from .arguments import check_int, check_str
from .engine.chooser import choose, choose_ucs2
from .engine.options import (
    DEFAULT,
    DEFAULT_ONLY,
    LanguageRequest,
    Options,
    Tables,
    TransliterationRequest,
    language_of,
    options,
    resolve,
)
from .engine.parts import Rank, Split, rank, split
from .engine.selection import Choice
from .gsm.charsets import Encoding, Language
from .gsm.septets import to_septets
from .gsm.udh import MAX_PARTS, Layout, ReferenceBits, check_reference

if TYPE_CHECKING:  # loaded on first read of the advice, which counting never reads
    from .engine.savings import CharacterUse
    from .engine.scripts import ScriptUse


class _Fields(NamedTuple):
    original_text: str
    text: str
    encoding: Encoding
    message_count: int
    characters_remaining: int
    units: int
    capacity: int
    udh_octets: int
    part_units: tuple[int, ...]
    layout: Layout
    allowed_tables: Tables
    transliteration: str | None
    keep_graphemes: bool


class Segmentation(_Fields):
    """How ``text`` goes out: one entry per part, all counts exact.

    ``text`` is what is sent (``original_text`` after transliteration); ``parts`` join
    back to it.  ``units`` and ``part_units`` are septets for GSM7 (an escaped character
    counts two) and UTF-16 code units for UCS2 (a character above U+FFFF counts two).
    ``capacity`` is what one part can carry under ``udh_octets`` of header, and
    ``characters_remaining`` the room left in the last part.  ``locking_shift`` /
    ``single_shift`` are the national tables chosen (None: default).

    A tuple of its thirteen stored fields (the names above, ``layout``,
    ``allowed_tables``, ``transliteration`` and ``keep_graphemes``): ``==`` and
    ``hash`` compare them, and it is built in one call.  ``parts``, ``septets``,
    ``non_gsm`` and the what-if counts are worked out when first read and kept, so a
    caller who only counts pays for none of them.  ``._replace()`` and ``._asdict()``
    (tuple methods) stand in for ``dataclasses.replace`` and ``asdict``.
    """

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Segmentation is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Segmentation is immutable: cannot delete {name!r}")

    def __repr__(self) -> str:
        return (
            f"Segmentation(text={self.text!r}, encoding={self.encoding!r}, "
            f"part_units={self.part_units!r}, capacity={self.capacity}, "
            f"udh_octets={self.udh_octets}, locking_shift={self.locking_shift}, "
            f"single_shift={self.single_shift}, transliteration={self.transliteration!r})"
        )

    @property
    def locking_shift(self) -> Language | None:
        return language_of(self.layout.locking_id)

    @property
    def single_shift(self) -> Language | None:
        return language_of(self.layout.single_shift_id)

    @property
    def reference_bits(self) -> ReferenceBits:
        return self.layout.reference_bits

    @cached_property
    def septets(self) -> bytes | None:
        """The text's unpacked septets, as SMPP carries 7-bit text; None for UCS2.

        One septet per octet under the chosen tables, ESC (0x1B) before a single shift
        septet."""
        if self.encoding == "UCS2":
            return None
        return to_septets(self.text, self.layout.locking_id, self.layout.single_shift_id)

    @cached_property
    def split(self) -> Split:
        """The parts as character offsets into ``text`` and units per part."""
        return split(self.text, self.layout, self.part_units, self.septets)

    @cached_property
    def parts(self) -> tuple[str, ...]:
        """The text of each part."""
        text = self.text
        return tuple([text[a:b] for a, b in pairwise(self.split.bounds)])

    @cached_property
    def non_gsm(self) -> tuple[CharacterUse, ...]:
        """The characters that kept a UCS2 text out of 7 bits.

        Each with its count and first index, under the closest allowed tables; empty
        for a GSM7 result."""
        if self.encoding == "GSM7":
            return ()
        from .engine.savings import non_gsm_characters  # the advice loads when asked for

        return non_gsm_characters(self.text, self._options)

    @cached_property
    def non_gsm_by_script(self) -> tuple[ScriptUse, ...]:
        """``non_gsm`` grouped by Unicode script, in order of first appearance.

        One :class:`ScriptUse` per script (``Cyrillic: 43 characters, 12 distinct``);
        empty for a GSM7 result."""
        from .engine.scripts import by_script  # the advice loads when asked for

        return by_script(self.non_gsm)

    @cached_property
    def parts_if_all_replaced(self) -> int:
        """The part count with every ``non_gsm`` suggestion applied, same options."""
        replacements = {u.char: u.suggestion for u in self.non_gsm if u.suggestion is not None}
        if not replacements:
            return self.message_count
        from .engine.savings import parts_if  # the advice loads when asked for

        return parts_if(self.text, self._options, replacements)

    @cached_property
    def parts_if_lf_only(self) -> int:
        """The part count if every CR LF were sent as a lone LF, same options."""
        if "\r\n" not in self.text:
            return self.message_count
        from .engine.savings import parts_if_lf_only  # the advice loads when asked for

        return parts_if_lf_only(self.text, self._options)

    @property
    def _options(self) -> Options:
        """The options the what-if counts are made under: this result's own."""
        return options(self.allowed_tables, self.reference_bits, None, None, self.keep_graphemes)

    def rank(self) -> Rank:
        """Lower is better: fewer parts, 7-bit over UCS-2, smaller header, more room."""
        return rank(self.message_count, self.encoding, self.udh_octets, self.characters_remaining)

    def udh(self, sequence: int = 1, reference: int = 0) -> bytes:
        """The user data header of part ``sequence`` (1-based).

        UDHL, the concatenation IE with ``reference`` when there are several parts,
        then the national single and locking shift IEs; empty when the message needs
        no header."""
        check_int("sequence", sequence, 1, self.message_count)
        check_reference(reference, self.reference_bits)
        return self.layout.header(reference, self.message_count, sequence)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data, keys named as the attributes."""
        return {
            "original_text": self.original_text,
            "text": self.text,
            "encoding": self.encoding,
            "message_count": self.message_count,
            "characters_remaining": self.characters_remaining,
            "units": self.units,
            "capacity": self.capacity,
            "udh_octets": self.udh_octets,
            "locking_shift": self.locking_shift.code if self.locking_shift else None,
            "single_shift": self.single_shift.code if self.single_shift else None,
            "reference_bits": self.reference_bits,
            "transliteration": self.transliteration,
            "part_units": list(self.part_units),
            "parts": list(self.parts),
            "non_gsm": [use.to_dict() for use in self.non_gsm],
            "non_gsm_by_script": [group.to_dict() for group in self.non_gsm_by_script],
            "parts_if_all_replaced": self.parts_if_all_replaced,
            "parts_if_lf_only": self.parts_if_lf_only,
        }


_new = tuple.__new__
"""Builds a :class:`Segmentation` from all its fields in one C-level call, without
NamedTuple's argument parsing (about 2,000 fewer instructions a result, a third of
calling the class, measured with callgrind): this runs once per text segmented."""


def segmentation(
    original: str,
    sent: str,
    choice: Choice,
    tables: Tables,
    transliteration: str | None,
    keep_graphemes: bool,
) -> Segmentation:
    """The :class:`Segmentation` of ``choice``, the way ``original`` (sent as ``sent``)
    goes out under the allowed ``tables``, the ``transliteration`` named and the grapheme
    option: the one place a result is built."""
    layout, part_units, units, _, _ = choice
    count = len(part_units)
    if count == 1:
        capacity, udh_octets = layout.single_capacity, layout.single_udh_octets
    else:
        capacity, udh_octets = layout.multi_capacity, layout.multi_udh_octets
    return _new(
        Segmentation,
        (
            original,
            sent,
            layout.encoding,
            count,
            capacity - part_units[-1],
            units,
            capacity,
            udh_octets,
            part_units,
            layout,
            tables,
            transliteration,
            keep_graphemes,
        ),
    )


_DEFAULT_BITS: ReferenceBits = 8


def segment_with(text: str, options: Options) -> Segmentation:
    """:func:`segment` with options already resolved; ``text`` is already checked."""
    transliterator = options.transliterator
    if transliterator is None:
        choice = choose(text, options)
        return segmentation(text, text, choice, options.tables, None, options.keep_graphemes)
    sent = transliterator(text)
    choice = choose(sent, options)
    name = transliterator.name
    return segmentation(text, sent, choice, options.tables, name, options.keep_graphemes)


def as_ucs2(result: Segmentation, max_parts: int | None) -> Segmentation:
    """``result``'s text as sent, split for UCS-2 alone under its own options (reference
    size, grapheme option) and ``max_parts``: what an SMSC whose wire alphabet lacks a
    GSM character the text holds sends on the air (:mod:`smsenc.smpp`)."""
    choice = choose_ucs2(result.text, result._options._replace(max_parts=max_parts))
    return segmentation(
        result.original_text,
        result.text,
        choice,
        result.allowed_tables,
        result.transliteration,
        result.keep_graphemes,
    )


def segment(
    text: str,
    language_code: LanguageRequest = None,
    transliteration: TransliterationRequest = None,
    *,
    allow_locking_shift: bool = True,
    allow_single_shift: bool = True,
    reference_bits: ReferenceBits = _DEFAULT_BITS,
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
    :mod:`smsenc.engine.graphemes`); it can cost a part, and one Python step per character.
    """
    if type(text) is not str:
        check_str("text", text)
    if (
        language_code is None
        and transliteration is None
        and allow_locking_shift is True
        and allow_single_shift is True
        and reference_bits is _DEFAULT_BITS
        and max_parts is MAX_PARTS
        and locking_shift is None
        and single_shift is None
        and keep_graphemes is False
    ):
        # Every option at its default, the commonest call: nothing to check or resolve.
        # (Identity is a sufficient test: the defaults are these very objects, and any
        # other object equal to them takes the full way, which gives the same answer.)
        return segmentation(text, text, choose(text, DEFAULT), DEFAULT_ONLY, None, False)
    resolved = resolve(
        language_code,
        transliteration,
        allow_locking_shift=allow_locking_shift,
        allow_single_shift=allow_single_shift,
        reference_bits=reference_bits,
        max_parts=max_parts,
        keep_graphemes=keep_graphemes,
        locking_shift=locking_shift,
        single_shift=single_shift,
    )
    return segment_with(text, resolved)
