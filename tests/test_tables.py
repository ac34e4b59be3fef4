"""The character tables: generated module in sync with data/, and entries pinned to TS 23.038."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest

from smsenc.gsm.charsets import LANGUAGES, LOCKING_TABLES, SINGLE_SHIFT_TABLES

ROOT = Path(__file__).resolve().parent.parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "generate_tables", ROOT / "tools/generate_tables.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_tables"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_modules_match_the_data_files() -> None:
    generator = _generator()
    for path, render in generator.OUTPUTS:
        assert path.read_text(encoding="utf-8") == render(), f"{path.name} is stale"


def test_every_table_file_is_loaded() -> None:
    files = sorted(p.name for p in (ROOT / "data/charsets").glob("*-*.tsv"))
    assert len(files) == 27  # 13 locking (default + 12: Spanish has none) + 14 single shift
    assert sorted(LOCKING_TABLES) == [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]  # no Spanish
    assert sorted(SINGLE_SHIFT_TABLES) == list(range(14))


def test_language_identifiers_follow_ts_23038_6_2_1_2_4() -> None:
    assert [(lang.identifier, lang.code) for lang in LANGUAGES] == [
        (1, "TR"),
        (2, "ES"),
        (3, "PT"),
        (4, "BN"),
        (5, "GU"),
        (6, "HI"),
        (7, "KN"),
        (8, "ML"),
        (9, "OR"),
        (10, "PA"),
        (11, "TA"),
        (12, "TE"),
        (13, "UR"),
    ]


def _char(kind: str, ident: int, septet: int) -> str | None:
    table = LOCKING_TABLES if kind == "locking" else SINGLE_SHIFT_TABLES
    return table[ident].characters[septet]


@pytest.mark.parametrize(
    ("kind", "ident", "septet", "expected"),
    [
        # default alphabet, TS 23.038 §6.2.1
        ("locking", 0, 0x00, "@"),
        ("locking", 0, 0x09, "Ç"),  # the spec's capital C cedilla, not GSM0338.TXT's "ç"
        ("locking", 0, 0x0A, "\n"),
        ("locking", 0, 0x0D, "\r"),
        ("locking", 0, 0x10, "Δ"),
        ("locking", 0, 0x24, "¤"),
        ("locking", 0, 0x40, "¡"),
        ("locking", 0, 0x60, "¿"),
        ("locking", 0, 0x7F, "à"),
        ("locking", 0, 0x1B, None),  # escape, not a character
        # default extension table, §6.2.1.1
        ("single", 0, 0x0A, "\f"),
        ("single", 0, 0x14, "^"),
        ("single", 0, 0x28, "{"),
        ("single", 0, 0x2F, "\\"),
        ("single", 0, 0x65, "€"),
        ("single", 0, 0x0D, None),  # "CR2": no character
        ("single", 0, 0x1B, None),
        # Turkish, Annex A.3.1 / A.2.1
        ("locking", 1, 0x07, "ı"),
        ("locking", 1, 0x1C, "Ş"),
        ("locking", 1, 0x40, "İ"),
        ("locking", 1, 0x60, "ç"),
        ("single", 1, 0x47, "Ğ"),
        ("single", 1, 0x73, "ş"),
        ("single", 1, 0x65, "€"),
        # Spanish single shift, A.2.2 (Spanish has no locking table)
        ("single", 2, 0x09, "ç"),
        ("single", 2, 0x41, "Á"),
        ("single", 2, 0x75, "ú"),
        # Portuguese, A.3.3 / A.2.3
        ("locking", 3, 0x09, "ç"),
        ("locking", 3, 0x60, "~"),
        ("locking", 3, 0x7B, "ã"),
        ("single", 3, 0x13, "Γ"),
        ("single", 3, 0x41, "À"),
        # Hindi, A.3.6: 0x00-0x02 are the Devanagari signs, not Bengali's U+0981-3
        ("locking", 6, 0x00, "\u0901"),
        ("locking", 6, 0x02, "\u0903"),
        ("locking", 6, 0x20, " "),  # space is 0x20 in every Indic locking table
        ("locking", 6, 0x2C, ","),
        ("locking", 6, 0x61, "a"),
        ("single", 6, 0x41, "A"),
        ("single", 6, 0x0B, "*"),
        ("single", 6, 0x18, "*"),  # "*" twice in the Indic/Urdu single shift tables
        ("single", 6, 0x13, "¡"),
        ("single", 6, 0x15, "¡"),
        # Kannada locking 0x24: the spec's U+0CAA is a typo (U+0CAA is at 0x3D)
        ("locking", 7, 0x24, "\u0ca1"),
        ("locking", 7, 0x3D, "\u0caa"),
        ("locking", 7, 0x00, None),  # an undefined position
        # Tamil single shift 0x24 and Telugu 0x22/0x23: digit typos corrected
        ("single", 11, 0x24, "\u0bee"),
        ("single", 12, 0x22, "\u0c6c"),
        ("single", 12, 0x23, "\u0c6d"),
        ("single", 12, 0x65, "€"),
        ("locking", 11, 0x00, None),
        ("locking", 11, 0x7F, "\u0bf9"),
        # Urdu, A.3.13 / A.2.13
        ("locking", 13, 0x00, "\u0627"),
        ("locking", 13, 0x2C, ","),
        ("single", 13, 0x65, "€"),
        # Bengali, A.3.4 / A.2.4: digits skip the escape position 0x1B
        ("locking", 4, 0x00, "\u0981"),
        ("locking", 4, 0x3D, "\u09aa"),
        ("locking", 4, 0x64, "d"),
        ("single", 4, 0x19, "\u09e6"),
        ("single", 4, 0x1A, "\u09e7"),
        ("single", 4, 0x1C, "\u09e8"),
        ("single", 4, 0x2C, "\u09f3"),
        # Gujarati, A.3.5 / A.2.5
        ("locking", 5, 0x00, "\u0a81"),
        ("locking", 5, 0x7F, "\u0af1"),
        ("single", 5, 0x1C, "\u0ae6"),
        ("single", 5, 0x24, "\u0aee"),
        # Malayalam, A.3.8 / A.2.8
        ("locking", 8, 0x00, None),
        ("locking", 8, 0x01, "\u0d02"),
        ("locking", 8, 0x7F, "\u0d79"),
        ("single", 8, 0x2C, "\u0d74"),
        # Oriya, A.3.9 / A.2.9
        ("locking", 9, 0x00, "\u0b01"),
        ("locking", 9, 0x60, "\u0b56"),
        ("single", 9, 0x2C, "\u0b71"),
        # Punjabi, A.3.10 / A.2.10
        ("locking", 10, 0x00, "\u0a01"),
        ("locking", 10, 0x7F, "\u0a74"),
        ("single", 10, 0x2C, "\u0a5e"),
        # every national single shift table keeps the page break, "|" and "€" of §6.2.1.1
        *[("single", ident, 0x0A, "\f") for ident in range(1, 14)],
        *[("single", ident, 0x40, "|") for ident in range(1, 14)],
        *[("single", ident, 0x65, "€") for ident in range(1, 14)],
        *[("single", ident, 0x0D, None) for ident in range(1, 14)],
        # and every locking table keeps LF, CR and space where the default has them
        *[("locking", ident, 0x0A, "\n") for ident in (0, 1, 3, *range(4, 14))],
        *[("locking", ident, 0x0D, "\r") for ident in (0, 1, 3, *range(4, 14))],
        *[("locking", ident, 0x20, " ") for ident in (0, 1, 3, *range(4, 14))],
    ],
)
def test_table_entries(kind: str, ident: int, septet: int, expected: str | None) -> None:
    assert _char(kind, ident, septet) == expected


def test_no_table_defines_escape_or_unsendable_characters() -> None:
    for table in (*LOCKING_TABLES.values(), *SINGLE_SHIFT_TABLES.values()):
        assert table.characters[0x1B] is None
        assert "\x1b" not in table.septets
        assert "\uffff" not in table.septets
        assert table.characters[0x0A] in ("\n", "\f")  # LF in locking, page break in single


def test_duplicated_positions_encode_to_the_lower_septet() -> None:
    hindi = SINGLE_SHIFT_TABLES[6]
    assert hindi.septets["*"] == 0x0B
    assert hindi.septets["¡"] == 0x13


def test_wheel_ships_the_data_and_the_type_marker(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder  # a test extra: always installed

    wheel = Path(
        next(WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"]))
    )
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "smsenc/py.typed" in names
    assert "smsenc/gsm/_charset_data.py" in names
    assert "smsenc/data/charsets/01-turkish-locking.tsv" in names
    assert "smsenc/data/transliteration/turkish.tsv" in names
