"""smsenc: how a text goes out as SMS (encoding, parts, room left), exact to the bit.

The public entry points are :func:`preview`, :func:`segment`, :func:`count`,
:func:`encode`, :func:`decode` and :func:`transliterate`; everything public is named in
``__all__``.  The modules are internal (import from ``smsenc``); their folders are the
layers, lowest first: ``gsm/`` (what TS 23.038 and TS 23.040 define: tables, septets,
packing, DCS, headers), ``engine/`` (transliteration, options, parts, the choice of
tables, savings advice), then one module per public entry point (``segmentation``,
``counting``, ``previews``, ``encoding``, ``decoding``, ``codec``, and ``campaign/`` for
``template_bounds()`` and ``fit()``), the engine adapters (``arrow``, ``spark``), the
subpackages ``pdu``, ``smpp`` and ``inbound``, and the shells ``cli``, ``server`` and
``bulk`` on top; ``errors`` and ``arguments`` serve them all.  ``import smsenc`` also
registers the ``"gsm-7"`` and ``"gsm-7-packed"`` codecs.  The byte-level half of the API
(encoding, decoding, codecs), :func:`preview`, the campaign tools and the subpackages
are imported on first use, so that counting alone imports fast.
"""

from __future__ import annotations

import codecs as _codecs
from importlib import import_module as _import_module
from typing import TYPE_CHECKING

from .counting import Counts, count, count_many
from .engine.options import ALL_LANGUAGE_CODES, AUTODETECT
from .engine.transliteration import MODES, Transliterator, transliterate
from .errors import DecodeError, SmsencError, TooManyPartsError
from .gsm.charsets import ESCAPE, LANGUAGES, Language
from .gsm.udh import Concatenation, InformationElement
from .segmentation import Segmentation, segment

if TYPE_CHECKING:
    from . import inbound as inbound
    from . import pdu as pdu
    from . import smpp as smpp
    from .campaign.fitting import fit
    from .campaign.model import Field
    from .campaign.template import Bound, TemplateBounds, template_bounds
    from .decoding import DecodedPart, decode, decode_message, reassemble
    from .encoding import EncodedMessage, EncodedPart, encode
    from .engine.savings import CharacterUse
    from .engine.scripts import ScriptUse
    from .inbound import Reassembler
    from .previews import Configuration, Preview, TextPreview, preview

_LAZY = {  # public name -> the module that defines it, imported when the name is first used
    "CharacterUse": "engine.savings",
    "ScriptUse": "engine.scripts",
    **dict.fromkeys(("EncodedMessage", "EncodedPart", "encode"), "encoding"),
    **dict.fromkeys(("DecodedPart", "decode", "decode_message", "reassemble"), "decoding"),
    "Field": "campaign.model",
    **dict.fromkeys(("Bound", "TemplateBounds", "template_bounds"), "campaign.template"),
    "fit": "campaign.fitting",
    "Reassembler": "inbound",  # a subpackage: inbound/__init__.py names it
    **dict.fromkeys(("Configuration", "Preview", "TextPreview", "preview"), "previews"),
}


def __getattr__(name: str) -> object:
    """Import on first use what counting alone does not need.

    That is the preview, encoding, decoding and campaign modules and the advice on
    UCS-2 characters (when one of their names is first used), the :mod:`smsenc.pdu`,
    :mod:`smsenc.smpp` and :mod:`smsenc.inbound` subpackages, and ``__version__`` (read
    from the installed metadata)."""
    if name == "__version__":
        from importlib.metadata import version

        globals()[name] = version("smsenc")
        return globals()[name]
    if name in _SUBPACKAGES:
        return _import_module(f".{name}", __name__)
    if name not in _LAZY:
        raise AttributeError(f"module 'smsenc' has no attribute {name!r}")
    # No module shares a public name (tests/test_structure.py holds that), so importing
    # one never binds a module over a name of __all__.
    value = getattr(_import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


_SUBPACKAGES = ("pdu", "smpp", "inbound")
"""Public subpackages, imported on first use as ``smsenc.<name>``."""


def _find_codec(name: str) -> _codecs.CodecInfo | None:
    if name.replace("-", "_") in ("gsm_7", "gsm_7_packed"):
        from .codec import search

        return search(name)
    return None


_codecs.register(_find_codec)

__all__ = [
    "ALL_LANGUAGE_CODES",
    "AUTODETECT",
    "ESCAPE",
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
    "Reassembler",
    "ScriptUse",
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
