"""smsenc: how a text goes out as SMS (encoding, parts, room left), exact to the bit.

The public entry points are :func:`preview`, :func:`segment`, :func:`count`,
:func:`encode`, :func:`decode` and :func:`transliterate`; everything public is named in
``__all__``.  The modules are internal (import from ``smsenc``): in data-flow order,
``charsets`` (the tables), ``alphabet`` (text <-> septets), ``transliteration``,
``languages``, ``selection`` (cheapest tables), ``parts`` (split points), ``udh``
(headers), ``segmentation``, ``counting``, ``preview``, ``packing``, ``encoding``,
``decoding``, ``codec``, and ``cli`` on top; ``dcs``, ``errors`` and ``arguments``
serve them all.  ``import smsenc`` also registers the
``"gsm-7"`` and ``"gsm-7-packed"`` codecs.  The byte-level half of the API (encoding,
decoding, codecs) and :func:`preview` are imported on first use, so that counting
alone imports fast.
"""

from __future__ import annotations

import codecs as _codecs
from importlib import import_module as _import_module
from typing import TYPE_CHECKING

from .charsets import LANGUAGES, Language
from .counting import Counts, count, count_many
from .errors import DecodeError, SmsencError, TooManyPartsError
from .languages import ALL_LANGUAGE_CODES, AUTODETECT
from .segmentation import Segmentation, segment
from .selection import CharacterUse
from .transliteration import MODES, Transliterator, transliterate
from .udh import Concatenation, InformationElement

if TYPE_CHECKING:
    from . import pdu as pdu
    from .decoding import DecodedPart, decode, decode_message, reassemble
    from .encoding import EncodedMessage, EncodedPart, encode
    from .fitting import fit
    from .preview import Configuration, Preview, TextPreview, preview
    from .template import Bound, Field, TemplateBounds, template_bounds

_LAZY = {
    **dict.fromkeys(("EncodedMessage", "EncodedPart", "encode"), "encoding"),
    **dict.fromkeys(("DecodedPart", "decode", "decode_message", "reassemble"), "decoding"),
    **dict.fromkeys(("Bound", "Field", "TemplateBounds", "template_bounds"), "template"),
    "fit": "fitting",
    **dict.fromkeys(("Configuration", "Preview", "TextPreview", "preview"), "preview"),
}


def __getattr__(name: str) -> object:
    """Import on first use what counting alone does not need.

    That is the preview, encoding, decoding and campaign modules (when one of their
    names is first used), the :mod:`smsenc.pdu` subpackage, and ``__version__`` (read from the
    installed metadata)."""
    if name == "__version__":
        from importlib.metadata import version

        globals()[name] = version("smsenc")
        return globals()[name]
    if name == "pdu":
        return _import_module(".pdu", __name__)
    if name not in _LAZY:
        raise AttributeError(f"module 'smsenc' has no attribute {name!r}")
    value = getattr(_import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def _find_codec(name: str) -> _codecs.CodecInfo | None:
    if name.replace("-", "_") in ("gsm_7", "gsm_7_packed"):
        from .codec import search

        return search(name)
    return None


_codecs.register(_find_codec)

__all__ = [
    "ALL_LANGUAGE_CODES",
    "AUTODETECT",
    "LANGUAGES",
    "MODES",
    "Bound",
    "CharacterUse",
    "Concatenation",
    "Configuration",
    "Counts",
    "DecodeError",
    "DecodedPart",
    "EncodedMessage",
    "EncodedPart",
    "Field",
    "InformationElement",
    "Language",
    "Preview",
    "Segmentation",
    "SmsencError",
    "TemplateBounds",
    "TextPreview",
    "TooManyPartsError",
    "Transliterator",
    "count",
    "count_many",
    "decode",
    "decode_message",
    "encode",
    "fit",
    "preview",
    "reassemble",
    "segment",
    "template_bounds",
    "transliterate",
]
