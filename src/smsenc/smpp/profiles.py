"""What an SMSC expects over SMPP 3.4: :class:`SmscProfile` and the named presets.

SMPP 3.4 leaves the meaning of ``data_coding`` 0 to the SMSC ("SMSC Default Alphabet",
§5.2.19), lets concatenation travel as a user data header (``esm_class`` UDHI, §5.2.12),
as the SAR TLVs (§5.3.2.22-24) or as one ``message_payload`` the SMSC splits itself
(§5.3.2.32), and says nothing of packing.  A profile pins each of those choices down.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from ..arguments import check_bool, check_choice, check_int, check_str

DefaultAlphabet = Literal["gsm", "ascii", "latin1"]
"""What ``data_coding`` 0 means to the SMSC: the GSM 7-bit default alphabet (TS 23.038
§6.2.1), IA5/ASCII (CCITT T.50, ``data_coding`` 1's alphabet) or ISO-8859-1
(``data_coding`` 3's)."""

ConcatenationMethod = Literal["udh8", "udh16", "sar", "payload"]
"""How the parts of a long message are tied together: a UDH concatenation IE with an 8- or
16-bit reference (TS 23.040 §9.2.3.24.1 / .8), SMPP's SAR TLVs (§5.3.2.22-24), or no parts
at all: one ``message_payload`` (§5.3.2.32) the SMSC splits."""

DEFAULT_ALPHABETS: tuple[DefaultAlphabet, ...] = ("gsm", "ascii", "latin1")
CONCATENATION_METHODS: tuple[ConcatenationMethod, ...] = ("udh8", "udh16", "sar", "payload")
UDH_METHODS: tuple[ConcatenationMethod, ...] = ("udh8", "udh16")

MAX_PARTS = 255
"""The concatenation IEs (TS 23.040 §9.2.3.24.1 / .8) and ``sar_total_segments``
(§5.3.2.23) count parts in one octet."""


class _Fields(NamedTuple):
    default_alphabet: DefaultAlphabet
    latin1: bool
    concatenation: ConcatenationMethod
    national_tables: bool
    max_parts: int
    packed: bool


class SmscProfile(_Fields):
    """What one SMSC expects; an immutable tuple, checked when it is made.

    ``default_alphabet``: what ``data_coding`` 0 means to it (``"gsm"``, ``"ascii"`` for
    IA5, ``"latin1"``).  ``latin1``: it also takes ``data_coding`` 3 (ISO-8859-1), used for
    a text its default alphabet cannot carry.  ``concatenation``: ``"udh8"``, ``"udh16"``,
    ``"sar"`` or ``"payload"``.  ``national_tables``: it passes the national language shift
    IEs (TS 23.040 §9.2.3.24.15/16) on to the handset; they are used only where they can
    travel, with GSM on the wire (``default_alphabet="gsm"``) and a UDH method.
    ``max_parts``: the most parts it accepts for one message (1..255).  ``packed``: 7-bit
    text is packed as in a TPDU (TS 23.038 §6.1.2.1.1) instead of one septet per octet; it
    needs GSM on the wire and a UDH method, since packed septets are aligned to the UDH
    that precedes them (fill bits, TS 23.040 §9.2.3.24) and an SMSC that builds the UDH
    itself (SAR, payload) would have to re-pack them.

    Every field is a keyword; an unknown one is a TypeError naming it, a bad value a
    ValueError naming the field, what it got and what is accepted.
    """

    def __new__(
        cls,
        default_alphabet: DefaultAlphabet = "gsm",
        latin1: bool = False,
        concatenation: ConcatenationMethod = "udh8",
        national_tables: bool = True,
        max_parts: int = MAX_PARTS,
        packed: bool = False,
        **unknown: Any,
    ) -> SmscProfile:
        if unknown:
            name = next(iter(unknown))
            raise TypeError(
                f"SmscProfile has no field {name!r}; its fields are {', '.join(_Fields._fields)}"
            )
        alphabet: DefaultAlphabet = check_choice(
            "default_alphabet", check_str("default_alphabet", default_alphabet), DEFAULT_ALPHABETS
        )
        method: ConcatenationMethod = check_choice(
            "concatenation", check_str("concatenation", concatenation), CONCATENATION_METHODS
        )
        check_bool("latin1", latin1)
        check_bool("national_tables", national_tables)
        check_int("max_parts", max_parts, 1, MAX_PARTS)
        if check_bool("packed", packed) and (alphabet != "gsm" or method not in UDH_METHODS):
            raise ValueError(
                "packed=True needs default_alphabet 'gsm' and concatenation 'udh8' or "
                f"'udh16' (packed septets follow the UDH's fill bits), got {alphabet!r} and "
                f"{method!r}"
            )
        return super().__new__(cls, alphabet, latin1, method, national_tables, max_parts, packed)

    def _replace(self, **changes: Any) -> SmscProfile:
        """A copy with ``changes``, checked as a new profile is."""
        return SmscProfile(**{**self._asdict(), **changes})

    @property
    def uses_national_tables(self) -> bool:
        """Whether national shift tables can be used: allowed, GSM on the wire, and a UDH
        to carry their IEs."""
        return (
            self.national_tables
            and self.default_alphabet == "gsm"
            and self.concatenation in UDH_METHODS
        )

    @property
    def reference_bits(self) -> Literal[8, 16]:
        """The reference size the parts are counted for.

        16 for ``"udh16"`` and for ``"sar"``: ``sar_msg_ref_num`` is 2 octets (§5.3.2.22),
        so the SMSC can carry it on the air only in the 16-bit IE (TS 23.040 §9.2.3.24.8),
        whose 7-octet UDH leaves 152 septets or 66 UCS-2 units a part.  8 for ``"udh8"``
        and ``"payload"`` (the SMSC splits; the common 8-bit IE is assumed)."""
        return 16 if self.concatenation in ("udh16", "sar") else 8

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the fields by name."""
        return dict(self._asdict())


SMPP34 = SmscProfile()
"""SMPP 3.4 read as most SMSCs read it: ``data_coding`` 0 is the GSM 7-bit default
alphabet one septet per octet, long messages carry a UDH with 8-bit references."""

PROFILES: Mapping[str, SmscProfile] = MappingProxyType(
    {
        "smpp34": SMPP34,
        "latin1": SmscProfile(default_alphabet="latin1", latin1=True, national_tables=False),
        "ia5": SmscProfile(default_alphabet="ascii", national_tables=False),
        "sar": SmscProfile(concatenation="sar", national_tables=False),
        "payload": SmscProfile(concatenation="payload", national_tables=False),
    }
)
"""The named presets; build your own from the fields."""

PROFILE_NOTES: Mapping[str, str] = MappingProxyType(
    {
        "smpp34": "data_coding 0 as GSM 03.38 unpacked: most SMSCs, and the defaults of "
        "smpplib, node-smpp and Jasmin",
        "latin1": "data_coding 0 as ISO-8859-1: SMSCs behind some aggregators (garbled "
        "text reported in komuw/naz #220 and farhadi/node-smpp #40)",
        "ia5": "data_coding 0 as IA5/ASCII: SMSCs that follow data_coding 1's alphabet "
        "(python-smpplib PR #44, jookies/jasmin PR #540)",
        "sar": "concatenation only as SAR TLVs: SMSCs that ignore a UDH (CDMA-era ones; "
        "CodeMonkeyKevin/smpp34 #15, Rusmpp #108)",
        "payload": "one message_payload the SMSC splits itself (farhadi/node-smpp #243, "
        "python-smpplib PR #88)",
    }
)
"""Where SMSCs of each preset are seen, one line each."""
