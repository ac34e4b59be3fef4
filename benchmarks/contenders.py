"""What the benchmarks run: smsenc, the peer libraries, and the C-level floors.

Every counter answers the same question about a text: ``(encoding, parts)`` with the
encoding ``"GSM7"`` or ``"UCS2"``.  Peers are imported only by :func:`load_peers`, so a
missing peer is skipped (with a message) instead of breaking the import of this module.

Known peer quirks the harness has to live with: smpplib raises ``MessageTooLong`` above
255 parts and ``UnicodeEncodeError`` on lone surrogates, and draws its concatenation
references from the global :mod:`random` (the corpus uses its own ``Random``, so this
does not disturb it); gsm0338's encoder is quadratic in the text length; importing
smsutil (or gsm0338) registers its own codecs, under names that do not collide.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import smsenc
from smsenc.gsm.septets import septet_translation

Answer = tuple[str, int]
Counter = Callable[[str], Answer]

GSM_TABLE: dict[int, str] = septet_translation(0, 0)
"""The default tables' ``str.translate`` table: one C-level pass over a text."""


def utf16_floor(text: str) -> int:
    """C floor: one encode pass, the least any UCS-2 length count can cost.

    ``"utf-16"`` (with its BOM) is the spelling CPython encodes without a codec-registry
    look-up; ``"utf-16-le"`` with ``"surrogatepass"`` costs several times more on a short
    text.  (It raises on a lone surrogate; the timed corpus has none.)"""
    return len(text.encode("utf-16"))


def translate_floor(text: str) -> str:
    """C floor: one ``str.translate`` pass with the default GSM tables."""
    return text.translate(GSM_TABLE)


def smsenc_parts(text: str) -> Answer:
    result = smsenc.segment(text)
    return result.encoding, result.message_count


def smsenc_unlimited_parts(text: str) -> Answer:
    """Like :func:`smsenc_parts` without the 255-part limit (the true count)."""
    result = smsenc.segment(text, max_parts=None)
    return result.encoding, result.message_count


def smsenc_preview_parts(text: str) -> Answer:
    plain = smsenc.preview(text).previews[0].segmentation
    return plain.encoding, plain.message_count


def smsenc_count_parts(text: str) -> Answer:
    counts = smsenc.count(text)
    return counts.encoding, counts.message_count


def smsenc_count_many(texts: Sequence[str]) -> list[Answer]:
    """The batch counter: one call for all the texts, options checked once."""
    return [(c.encoding, c.message_count) for c in smsenc.count_many(texts)]


def smsenc_preview_autodetect(text: str) -> Answer:
    """``preview(text, "AUTODETECT")``: the answer of its language entry."""
    entry = smsenc.preview(text, "AUTODETECT").previews[1].segmentation
    return entry.encoding, entry.message_count


def smsenc_segment_autodetect(text: str) -> Answer:
    result = smsenc.segment(text, "AUTODETECT")
    return result.encoding, result.message_count


def smsenc_segment_all_languages(text: str) -> Answer:
    result = smsenc.segment(text, smsenc.ALL_LANGUAGE_CODES)
    return result.encoding, result.message_count


def smsenc_segment_turkish(text: str) -> Answer:
    result = smsenc.segment(text, "TR")
    return result.encoding, result.message_count


@dataclass(frozen=True)
class Peer:
    """A peer library's counter; ``max_chars`` caps its input in the scaling runs."""

    name: str
    parts: Counter
    max_chars: int | None = None


def _smsutil() -> Counter:
    import smsutil

    def parts(text: str) -> Answer:
        result = smsutil.split(text)
        return ("GSM7" if result.encoding == "gsm0338" else "UCS2"), len(result.parts)

    return parts


def _smpplib() -> Counter:
    import smpplib.consts
    import smpplib.gsm

    default = smpplib.consts.SMPP_ENCODING_DEFAULT

    def parts(text: str) -> Answer:
        encoded, coding, _ = smpplib.gsm.make_parts(text)
        return ("GSM7" if coding == default else "UCS2"), len(encoded)

    return parts


def _gsm0338() -> Counter:
    import gsm0338  # noqa: F401  (registers "gsm03.38")

    codecs.lookup("gsm03.38")  # fail here, not mid-run, if the codec is not registered

    def parts(text: str) -> Answer:
        try:
            units, single, multi, encoding = len(text.encode("gsm03.38")), 160, 153, "GSM7"
        except UnicodeEncodeError:
            units = len(text.encode("utf-16-be")) // 2
            single, multi, encoding = 70, 67, "UCS2"
        return encoding, 1 if units <= single else -(-units // multi)

    return parts


GSM0338_MAX_CHARS = 10_000
_LOADERS: tuple[tuple[str, Callable[[], Counter], int | None], ...] = (
    ("smsutil", _smsutil, None),
    ("smpplib", _smpplib, None),
    ("gsm0338", _gsm0338, GSM0338_MAX_CHARS),  # quadratic: ~13 s for 1M characters
)


def load_peers(report: Callable[[str], object] = print) -> list[Peer]:
    """The peers that import; each missing one is reported and skipped."""
    peers: list[Peer] = []
    for name, loader, max_chars in _LOADERS:
        try:
            counter = loader()
        except (ImportError, LookupError) as exc:
            report(f"peer {name} unavailable ({type(exc).__name__}: {exc}); skipped")
            continue
        peers.append(Peer(name, counter, max_chars))
    return peers
