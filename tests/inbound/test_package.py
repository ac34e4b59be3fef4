"""The inbound package stands on smsenc's public API only, and loads nothing it does not use."""

from __future__ import annotations

import ast
from pathlib import Path

import smsenc
import smsenc.inbound

from ..test_structure import FOUNDATION

PACKAGE = Path(smsenc.inbound.__file__).parent


def test_every_module_imports_only_public_names_or_its_own() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        depth = len(path.relative_to(PACKAGE).parts)  # 1: inbound/x.py, 2: inbound/stores/x.py
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            if node.level < depth + 1:  # inside smsenc.inbound
                continue
            assert node.level == depth + 1, (path.name, node.module)
            if node.module is None:  # "from .. import X": public names only
                names = [alias.name for alias in node.names]
                assert set(names) <= set(smsenc.__all__), (path.name, names)
            else:  # smsenc.pdu, or the foundation every layer may use (argument checks)
                assert node.module in ("pdu", *FOUNDATION), (path.name, node.module)
            found.append(path.name)
    assert "reassembler.py" in found and "records.py" in found


def test_the_stores_are_public_and_lazily_loaded() -> None:
    assert {"MemoryStore", "SqliteStore", "RedisStore", "Store", "StoreError"} <= set(
        smsenc.inbound.__all__
    )
    for name in smsenc.inbound.__all__:
        assert getattr(smsenc.inbound, name) is not None


def test_every_public_annotation_resolves_at_run_time() -> None:
    import inspect
    import typing

    for name in smsenc.inbound.__all__:
        value = getattr(smsenc.inbound, name)
        if not inspect.isclass(value):
            continue
        typing.get_type_hints(value)
        for member, attribute in vars(value).items():
            if inspect.isfunction(attribute) and not member.startswith("__"):
                typing.get_type_hints(attribute)
