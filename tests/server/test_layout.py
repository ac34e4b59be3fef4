"""The server package's own layering: ``app`` on top, nothing importing it back, and
every import at the top of its module (none deferred into a function to dodge a cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

import smsenc.server

PACKAGE = Path(smsenc.server.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def _imports(tree: ast.Module) -> list[ast.ImportFrom | ast.Import]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


def test_the_package_holds_the_modules_checked() -> None:
    names = {path.stem for path in MODULES}
    assert {"__init__", "app", "calculator", "requests", "infobip", "assets"} <= names


def test_only_the_package_init_imports_app() -> None:
    for path in MODULES:
        if path.stem in ("__init__", "app"):
            continue
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [alias.name for alias in node.names]
                assert not (node.level == 1 and "app" in names), f"{path.name} imports app"
            else:
                assert "smsenc.server.app" not in [alias.name for alias in node.names]


def test_every_import_is_at_module_level() -> None:
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = {id(node) for node in tree.body}
        for node in _imports(tree):
            assert id(node) in top_level, f"{path.name}:{node.lineno} imports inside a block"
