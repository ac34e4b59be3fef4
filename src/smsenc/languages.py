"""Which national languages a caller allows, from Infobip-style language codes."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .arguments import check_iterable
from .charsets import LANGUAGES, Language

AUTODETECT = "AUTODETECT"
"""Infobip's code letting the languages Infobip supports (Turkish, Spanish, Portuguese)
compete, as Infobip's own AUTODETECT does."""

BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}

INFOBIP_CODES: tuple[str, ...] = ("TR", "ES", "PT")
"""The national languages of Infobip's ``languageCode`` enum, which AUTODETECT means."""

ALL_LANGUAGE_CODES: tuple[str, ...] = tuple(BY_CODE)
"""Every TS 23.038 Annex A language, in identifier order: smsenc's extension for
letting all thirteen compete (``segment(text, ALL_LANGUAGE_CODES)``)."""

ACCEPTED_CODES: tuple[str, ...] = (*BY_CODE, AUTODETECT)

_AUTODETECTED: tuple[Language, ...] = tuple(BY_CODE[code] for code in INFOBIP_CODES)

LanguageRequest = str | Iterable[str] | None


def resolve(language_code: LanguageRequest) -> tuple[Language, ...]:
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
            raise TypeError(f"language_code items must be str, not {type(code).__name__}")
    return _resolve_codes(codes)


@lru_cache(maxsize=256)
def _resolve_codes(codes: tuple[str, ...]) -> tuple[Language, ...]:
    """:func:`resolve` for a tuple of codes, remembered: callers repeat a few requests."""
    chosen: dict[int, Language] = {}  # by identifier, in the caller's order
    for code in codes:
        key = code.strip().upper()
        if key == AUTODETECT:
            found: tuple[Language, ...] = _AUTODETECTED
        elif key in BY_CODE:
            found = (BY_CODE[key],)
        else:
            raise ValueError(
                f"unknown language code {code!r}; accepted: {', '.join(ACCEPTED_CODES)}"
            )
        for language in found:
            chosen.setdefault(language.identifier, language)
    return tuple(chosen.values())
