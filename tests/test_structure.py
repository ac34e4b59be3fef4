"""The package's shape: modules import only what sits below them in the data flow."""

from __future__ import annotations

import ast
import functools
import inspect
import subprocess
import sys
import typing
from importlib.metadata import version
from pathlib import Path

import smsenc

PACKAGE = Path(smsenc.__file__).parent

# Lower layers first; a module may import only from strictly lower layers.  A new
# module must be placed here, which is the point: its place in the flow is a decision.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "_charset_data", "_transliteration_data"),
    ("arguments",),
    ("dcs", "packing", "charsets"),
    ("alphabet",),
    ("codec", "udh", "languages", "transliteration"),
    ("parts",),
    ("selection", "shortcuts"),
    ("graphemes",),  # selection that keeps grapheme clusters whole
    ("savings",),
    ("segmentation",),
    ("counting", "preview", "encoding", "template_search"),
    ("template_model",),  # a template as walks for template_search
    ("decoding", "template", "fitting"),
    ("arrow",),  # engine adapters: on the public functions, imported only when used
    ("spark",),
)
LAYER = {module: depth for depth, layer in enumerate(LAYERS) for module in layer}
DEFERRED_UPWARD = {("selection", "savings")}
"""Upward imports made inside a function, each on purpose: ``CharacterUse`` (built by
selection) computes its savings only when read, with savings, which builds on selection."""
SHELLS = ("cli", "server", "bulk")
"""Subpackages on top of the library: they use what a user can import from ``smsenc``."""
PUBLIC_SUBPACKAGES = ("", "pdu", "server", "bulk")
"""What a shell may import from: the package itself and its public subpackages."""


def _runtime_imports(path: Path) -> set[tuple[int, str]]:
    """(level, module) of every relative import outside ``if TYPE_CHECKING:`` blocks."""
    found: set[tuple[int, str]] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.level:
            found.add((node.level, node.module or ""))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def test_every_module_has_a_layer_and_imports_only_below_it() -> None:
    for path in PACKAGE.glob("*.py"):
        name = path.stem
        if name in ("__init__", "__main__"):
            continue
        assert name in LAYER, f"{name}.py has no place in LAYERS"
        for level, module in _runtime_imports(path):
            assert level == 1, (name, module)
            imported = module.split(".")[0]
            if imported == "":  # "from . import _charset_data"
                continue
            if (name, imported) in DEFERRED_UPWARD:
                continue
            assert LAYER[imported] < LAYER[name], f"{name} imports {imported}, which sits above"


def test_shells_use_only_the_public_package() -> None:
    for shell in SHELLS:
        for path in (PACKAGE / shell).glob("*.py"):
            for level, module in _runtime_imports(path):
                # "from .. import segment", "from ..pdu import parse", or the shell's own
                assert (level == 2 and module.split(".")[0] in PUBLIC_SUBPACKAGES) or level == 1, (
                    path.name,
                    level,
                    module,
                )


def test_the_codec_alone_imports_neither_the_encoder_nor_the_decoder() -> None:
    code = (
        "import smsenc, sys; 'x€'.encode('gsm-7'); "
        "'x€'.encode('gsm-7-packed').decode('gsm-7-packed'); "
        "print(sorted(m for m in sys.modules if m.startswith('smsenc.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "smsenc.codec" in loaded
    assert "smsenc.encoding" not in loaded and "smsenc.decoding" not in loaded


def test_counting_imports_no_preview_encoder_or_decoder() -> None:
    # What keeps `import smsenc` under 50 ms: each of these loads on first use.
    code = (
        "import smsenc, sys; smsenc.segment('x€'); smsenc.count('ж'); "
        "print(sorted(m for m in sys.modules if m.startswith('smsenc.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    lazy_modules = (
        "preview",
        "encoding",
        "decoding",
        "template",
        "template_search",
        "template_model",
        "fitting",
        "pdu",
        "savings",
        "_transliteration_data",  # the mode tables; the Transliterator type is imported
    )
    for lazy in lazy_modules:
        assert f"'smsenc.{lazy}'" not in loaded
    assert "'smsenc.segmentation'" in loaded
    assert smsenc.preview("x").previews[0].message_count == 1  # and it loads when used
    assert smsenc.segment("ş", transliteration="TURKISH").text == "s"


def test_version_comes_from_the_package_metadata() -> None:
    assert smsenc.__version__ == version("smsenc")


def test_everything_in_all_is_importable() -> None:
    for name in smsenc.__all__:
        assert getattr(smsenc, name) is not None, name


def test_every_public_annotation_resolves_at_run_time() -> None:
    # Tools that read annotations when the program runs (pydantic, FastAPI, typer,
    # dataclass validators) call get_type_hints; a name imported only for mypy fails there.
    public = [getattr(smsenc, name) for name in smsenc.__all__]
    public += [getattr(smsenc.pdu, name) for name in smsenc.pdu.__all__]
    for value in public:
        if inspect.isfunction(value):
            typing.get_type_hints(value)
        elif inspect.isclass(value):
            typing.get_type_hints(value)
            for member, attribute in vars(value).items():
                if inspect.isfunction(attribute) and not member.startswith("__"):
                    typing.get_type_hints(attribute)
            if "__init__" in vars(value) and inspect.isfunction(value.__init__):
                typing.get_type_hints(value.__init__)
    assert "Transliterator" in str(typing.get_type_hints(smsenc.segment)["transliteration"])


def _public_docstrings() -> list[tuple[str, str | None]]:
    """(name, docstring) of every public name, and of its public methods and properties."""
    found: list[tuple[str, str | None]] = []
    for name in smsenc.__all__:
        value = getattr(smsenc, name)
        if not callable(value):
            continue
        found.append((name, inspect.getdoc(value)))  # None when it has none
        if inspect.isclass(value):
            for member, attribute in vars(value).items():
                if member.startswith("_"):
                    continue
                doc = (
                    getattr(attribute, "__doc__", None)
                    if callable(attribute)
                    or isinstance(attribute, (property, functools.cached_property))
                    else None
                )
                if doc is not None:
                    found.append((f"{name}.{member}", inspect.cleandoc(doc)))
    return found


def test_every_public_docstring_opens_with_a_one_line_summary() -> None:
    # pydoc, editors and Sphinx's autosummary show the first line alone.  Properties may
    # go without one (the class docstring names them); functions and classes may not.
    running_on = []
    for name, doc in _public_docstrings():
        if doc is None:
            assert "." in name, f"{name} has no docstring"
            continue
        lines = doc.splitlines()
        if len(lines) > 1 and lines[1].strip():
            running_on.append(f"{name}: {lines[0]!r}")
    assert running_on == []


def test_every_cache_the_caller_fills_is_bounded() -> None:
    # README, Development: functools.cache for what the package's own data bounds,
    # lru_cache with a maxsize where the caller supplies the key.  A bare @lru_cache
    # or maxsize=None would let a caller's keys grow it without end.
    unbounded = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            decorators = getattr(node, "decorator_list", [])
            for decorator in decorators:
                if isinstance(decorator, ast.Name) and decorator.id == "lru_cache":
                    unbounded.append(f"{path.name}:{decorator.lineno}")
                if (
                    isinstance(decorator, ast.Call)
                    and getattr(decorator.func, "id", "") == "lru_cache"
                ):
                    size = next((k.value for k in decorator.keywords if k.arg == "maxsize"), None)
                    if (
                        not isinstance(size, ast.Constant | ast.BinOp)
                        or getattr(size, "value", 0) is None
                    ):
                        unbounded.append(f"{path.name}:{decorator.lineno}")
    assert unbounded == []
