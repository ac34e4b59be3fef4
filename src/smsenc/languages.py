"""Which national languages a caller allows, from Infobip-style language codes."""

from __future__ import annotations

from collections.abc import Iterable

from .charsets import LANGUAGES, Language

AUTODETECT = "AUTODETECT"
"""Infobip's code letting every national language compete."""

BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
ACCEPTED_CODES: tuple[str, ...] = (*BY_CODE, AUTODETECT)

LanguageRequest = str | Iterable[str] | None


def resolve(language_code: LanguageRequest) -> tuple[Language, ...]:
    """The languages named by ``language_code``, in the caller's order of preference.

    ``None`` allows none (default tables only); ``"AUTODETECT"`` allows all thirteen in
    identifier order; a code or an iterable of codes allows those.  Codes are
    case-insensitive.  Anything else is a ``ValueError`` listing the accepted codes.
    """
    if language_code is None:
        return ()
    codes = [language_code] if isinstance(language_code, str) else list(language_code)
    chosen: list[Language] = []
    for code in codes:
        if not isinstance(code, str):
            raise TypeError(f"language code must be a str, not {type(code).__name__}")
        key = code.strip().upper()
        if key == AUTODETECT:
            found: tuple[Language, ...] = LANGUAGES
        elif key in BY_CODE:
            found = (BY_CODE[key],)
        else:
            raise ValueError(
                f"unknown language code {code!r}; accepted: {', '.join(ACCEPTED_CODES)}"
            )
        chosen += [language for language in found if language not in chosen]
    return tuple(chosen)
