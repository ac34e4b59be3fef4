"""The caller's options, checked and resolved once into one immutable value.

Every public entry point (``segment()``, ``count()``, ``count_many()``, ``preview()``,
``encode()``, ``template_bounds()``, ``fit()``, and through them the command line, the
service and the engine adapters) turns its keywords into an :class:`Options` with
:func:`resolve` once per call (once per batch for ``count_many()``) and hands that down:
nothing below checks or resolves an option again.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple, TypeAlias

from ..arguments import (
    check_bool,
    check_iterable,
    check_optional_int,
    check_reference_bits,
    type_error,
)
from ..gsm.charsets import BY_CODE, BY_IDENTIFIER, LANGUAGES, LOCKING_TABLES, Language
from ..gsm.udh import MAX_PARTS, Layout, ReferenceBits, layout
from .transliteration import Transliterator, for_modes

AUTODETECT = "AUTODETECT"
"""Infobip's code letting the languages Infobip supports (Turkish, Spanish, Portuguese)
compete, as Infobip's own AUTODETECT does."""

INFOBIP_CODES: tuple[str, ...] = ("TR", "ES", "PT")
"""The national languages of Infobip's ``languageCode`` enum, which AUTODETECT means."""

ALL_LANGUAGE_CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
"""Every TS 23.038 Annex A language, in identifier order: smsenc's extension for
letting all thirteen compete (``segment(text, ALL_LANGUAGE_CODES)``)."""

ACCEPTED_CODES: tuple[str, ...] = (*ALL_LANGUAGE_CODES, AUTODETECT)

# Not strings: typing.get_type_hints() reads these aliases at run time, in the module of
# each public function that names them, so they (and Transliterator) exist at run time.
LanguageRequest: TypeAlias = str | Iterable[str] | None
"""What ``language_code`` takes: None, a code, or an iterable of codes."""
TransliterationRequest: TypeAlias = str | Iterable[str] | Transliterator | None
"""What ``transliteration`` takes: None, a mode, several modes, or a Transliterator."""

Tables = tuple[tuple[int, ...], tuple[int, ...]]
"""Allowed (locking table ids, single shift table ids); 0 = default, always first."""

DEFAULT_ONLY: Tables = ((0,), (0,))

Groups = tuple[tuple[int, tuple[int, ...]], ...]
"""Candidate tables: (locking table id, single shift table ids in order of preference)
per group, groups in order of preference.  Each group offers one candidate: its locking
table with the first of its single shift tables that holds what the locking table lacks."""


class Options(NamedTuple):
    """``segment()``'s options, checked and resolved (a tuple of its fields).

    ``tables`` are the allowed table ids and ``groups`` the candidates they make, in
    order of preference; ``default_only`` says no national table is allowed, and
    ``gsm7`` / ``ucs2`` are the default-table layouts at ``reference_bits``: all four
    follow from the others and are worked out once, by :func:`resolve`.
    """

    tables: Tables
    groups: Groups
    reference_bits: ReferenceBits
    max_parts: int | None
    transliterator: Transliterator | None
    keep_graphemes: bool
    default_only: bool
    gsm7: Layout
    ucs2: Layout


def languages(language_code: LanguageRequest) -> tuple[Language, ...]:
    """The languages named by ``language_code``, in the caller's order of preference.

    ``None`` allows none (default tables only); ``"AUTODETECT"`` allows Infobip's three
    (TR, ES, PT); a code or an iterable of codes allows those
    (:data:`ALL_LANGUAGE_CODES` names all thirteen).  Codes are case-insensitive.
    Anything else is a ``ValueError`` listing the accepted codes.
    """
    if language_code is None:
        return ()
    if isinstance(language_code, str):
        codes: tuple[str, ...] = (language_code,)
    else:
        check_iterable("language_code", language_code, "a str, an iterable of str or None")
        codes = tuple(language_code)
    for code in codes:
        if not isinstance(code, str):
            raise type_error("language_code items", code, "str")
    return _languages(codes)


@lru_cache(maxsize=256)
def _languages(codes: tuple[str, ...]) -> tuple[Language, ...]:
    """:func:`languages` for a tuple of codes, remembered: callers repeat a few requests."""
    chosen: dict[int, Language] = {}  # by identifier, in the caller's order
    for code in codes:
        key = code.strip().upper()
        if key == AUTODETECT:
            found: tuple[Language, ...] = tuple(BY_CODE[c] for c in INFOBIP_CODES)
        elif key in BY_CODE:
            found = (BY_CODE[key],)
        else:
            raise ValueError(
                f"unknown language code {code!r}; accepted: {', '.join(ACCEPTED_CODES)}"
            )
        for language in found:
            chosen.setdefault(language.identifier, language)
    return tuple(chosen.values())


def allowed_tables(
    language_ids: Iterable[int],
    *,
    allow_locking_shift: bool = True,
    allow_single_shift: bool = True,
) -> Tables:
    """The table ids a caller allows, in order of preference (the default first)."""
    ids = list(language_ids)
    lockings = [i for i in ids if i in LOCKING_TABLES] if allow_locking_shift else []
    singles = ids if allow_single_shift else []
    return (0, *lockings), (0, *singles)


@lru_cache(maxsize=64)
def candidate_groups(tables: Tables) -> Groups:
    """The groups of a :data:`Tables` request: every allowed locking table, each with
    every allowed single shift table."""
    lockings, singles = tables
    return tuple((locking_id, singles) for locking_id in lockings)


@lru_cache(maxsize=64)
def language_groups(language_ids: tuple[int, ...]) -> tuple[Groups, tuple[int, ...]]:
    """The groups of each language competing alone, in the caller's order, and the
    position in ``language_ids`` of the language each group belongs to.

    Choosing among them at once is choosing per language and keeping the first best:
    the lowest (rank, group index) lies in the first language reaching the lowest rank,
    at its own first best group, because a language's groups are contiguous and in the
    order :func:`allowed_tables` gives them."""
    groups: list[tuple[int, tuple[int, ...]]] = []
    owners: list[int] = []
    for position, identifier in enumerate(language_ids):
        own = candidate_groups(allowed_tables([identifier]))
        groups += own
        owners += [position] * len(own)
    return tuple(groups), tuple(owners)


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


def resolve(
    language_code: LanguageRequest = None,
    transliteration: TransliterationRequest = None,
    *,
    allow_locking_shift: bool = True,
    allow_single_shift: bool = True,
    reference_bits: ReferenceBits = 8,
    max_parts: int | None = MAX_PARTS,
    keep_graphemes: bool = False,
    locking_shift: bool | None = None,
    single_shift: bool | None = None,
) -> Options:
    """Check and resolve :func:`smsenc.segment`'s options into :class:`Options`.

    A request made of hashable values is resolved once and remembered (callers repeat
    a few requests), except one using a deprecated name, which warns on every call."""
    if (
        transliteration is None
        and allow_locking_shift is True
        and allow_single_shift is True
        and reference_bits is _EIGHT
        and max_parts is MAX_PARTS
        and keep_graphemes is False
        and locking_shift is None
        and single_shift is None
    ):
        # The commonest requests, a language code or none, remembered by the code alone
        # (identity is a sufficient test: anything else takes the general way below).
        if language_code is None:
            return DEFAULT
        if type(language_code) is str:
            return _for_code(language_code)
    request = (
        language_code,
        transliteration,
        allow_locking_shift,
        allow_single_shift,
        reference_bits,
        max_parts,
        keep_graphemes,
        locking_shift,
        single_shift,
    )
    if locking_shift is None and single_shift is None:
        try:
            hash(request)
        except TypeError:  # a list of codes, say: resolved every time
            pass
        else:
            return _remembered(*request)
    return _resolve(*request)


def _resolve(
    language_code: LanguageRequest,
    transliteration: TransliterationRequest,
    allow_locking_shift: bool,
    allow_single_shift: bool,
    reference_bits: ReferenceBits,
    max_parts: int | None,
    keep_graphemes: bool,
    locking_shift: bool | None,
    single_shift: bool | None,
) -> Options:
    bits = check_reference_bits(reference_bits)
    check_optional_int("max_parts", max_parts, 1)
    if locking_shift is not None:  # the deprecated name: warn only when it is used
        allow_locking_shift = _renamed("locking_shift", locking_shift, "allow_locking_shift")
    if single_shift is not None:
        allow_single_shift = _renamed("single_shift", single_shift, "allow_single_shift")
    allow_locking = check_bool("allow_locking_shift", allow_locking_shift)
    allow_single = check_bool("allow_single_shift", allow_single_shift)
    tables = DEFAULT_ONLY
    if language_code is not None:
        ids = [language.identifier for language in languages(language_code)]
        tables = allowed_tables(
            ids, allow_locking_shift=allow_locking, allow_single_shift=allow_single
        )
    transliterator = None if transliteration is None else as_transliterator(transliteration)
    if transliterator is not None and not transliterator:
        transliterator = None  # "NONE" changes nothing: the same options as None
    check_bool("keep_graphemes", keep_graphemes)
    return options(tables, bits, max_parts, transliterator, keep_graphemes)


def options(
    tables: Tables,
    reference_bits: ReferenceBits,
    max_parts: int | None,
    transliterator: Transliterator | None,
    keep_graphemes: bool,
    groups: Groups | None = None,
) -> Options:
    """:class:`Options` from checked values, its derived fields worked out (``groups``:
    the candidates, when they are not those of ``tables``)."""
    if groups is None:
        groups = candidate_groups(tables)
    return Options(
        tables,
        groups,
        reference_bits,
        max_parts,
        transliterator,
        keep_graphemes,
        groups == _DEFAULT_GROUPS,
        layout("GSM7", 0, 0, reference_bits),
        layout("UCS2", 0, 0, reference_bits),
    )


_DEFAULT_GROUPS: Groups = ((0, (0,)),)


def _renamed(old: str, value: bool, new: str) -> bool:
    """``value``, with a DeprecationWarning: the caller still passes the keyword ``old``."""
    warnings.warn(
        f"the keyword {old}= is deprecated; use {new}= instead", DeprecationWarning, stacklevel=4
    )
    return value


# typed: 1 is not True, nor 8.0 the int 8, so a remembered good request never answers
# a bad one that compares equal to it.
_remembered: Callable[..., Options] = lru_cache(maxsize=256, typed=True)(_resolve)

_EIGHT: ReferenceBits = 8


@lru_cache(maxsize=256)
def _for_code(language_code: str) -> Options:
    """The options of a request naming one language code and nothing else."""
    return _resolve(language_code, None, True, True, 8, MAX_PARTS, False, None, None)


DEFAULT = _resolve(None, None, True, True, 8, MAX_PARTS, False, None, None)
"""The options of a call that gives none: resolved once, at import."""


def language_of(identifier: int) -> Language | None:
    """The national language with this identifier; None for 0, the default tables."""
    return BY_IDENTIFIER.get(identifier)
