"""smsenc: how a text goes out as SMS (encoding, parts, room left), exact to the bit.

The public entry points are :func:`preview`, :func:`segment`, :func:`encode`,
:func:`decode` and :func:`transliterate`.
"""

from __future__ import annotations

from .charsets import LANGUAGES, Language
from .errors import DecodeError, SmsencError, TooManyPartsError
from .languages import AUTODETECT
from .preview import Configuration, Preview, TextPreview, preview
from .segmentation import Segmentation, segment
from .selection import CharacterUse
from .transliteration import MODES, Transliterator, transliterate

__all__ = [
    "AUTODETECT",
    "LANGUAGES",
    "MODES",
    "CharacterUse",
    "Configuration",
    "DecodeError",
    "Language",
    "Preview",
    "Segmentation",
    "SmsencError",
    "TextPreview",
    "TooManyPartsError",
    "Transliterator",
    "preview",
    "segment",
    "transliterate",
]
