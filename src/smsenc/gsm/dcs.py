"""The data coding scheme (3GPP TS 23.038 §4): the values smsenc sends, and the
alphabet any text-bearing TP-DCS announces."""

from __future__ import annotations

from ..arguments import check_int
from .charsets import Encoding

# Coding group 00xx (general data coding): bit 5 = 0 uncompressed, bit 4 = 0 no message
# class; bits 3-2 select the alphabet (00 GSM 7-bit, 10 UCS-2).
DCS_GSM7 = 0x00
DCS_UCS2 = 0x08


def alphabet_of(dcs: int) -> Encoding:
    """The alphabet a TP-DCS announces (TS 23.038 §4).  Reserved codings count as the
    GSM 7-bit default alphabet, as §4 tells a receiver; 8-bit data and compressed text
    are a ``ValueError``, since decode() reads text."""
    check_int("dcs", dcs, 0, 0xFF)
    group = dcs >> 4
    if group <= 0b0111:  # general data coding, with or without automatic deletion
        if dcs & 0x20:
            raise ValueError(f"dcs 0x{dcs:02X} announces compressed text, which is not supported")
        alphabet = (dcs >> 2) & 0b11  # 00 GSM 7-bit, 01 8-bit data, 10 UCS-2, 11 reserved
    elif group == 0b1110:  # message waiting indication, UCS-2
        alphabet = 0b10
    elif group == 0b1111:  # data coding / message class: bit 2 = 8-bit data
        alphabet = (dcs >> 2) & 0b01
    else:  # message waiting indication in GSM 7-bit (1100, 1101); reserved (1000-1011)
        alphabet = 0b00
    if alphabet == 0b01:
        raise ValueError(
            f"dcs 0x{dcs:02X} announces 8-bit data, not text: decode() reads GSM 7-bit "
            "(e.g. 0x00, 0x11, 0xF1) and UCS-2 (0x08, 0x18)"
        )
    return "UCS2" if alphabet == 0b10 else "GSM7"
