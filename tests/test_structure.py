"""The package's shape: modules import only what sits below them in the data flow."""

from __future__ import annotations

import ast
import functools
import inspect
import json
import subprocess
import sys
import typing
from importlib.metadata import version
from pathlib import Path

import pytest

import smsenc

PACKAGE = Path(smsenc.__file__).parent

# The folders are the layers, lowest first; a module may import from its own layer and
# the layers below it, never above, and no import of the package makes a circle.  A new
# module must be placed here, which is the point: its place in the flow is a decision.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "arguments"),  # what every layer uses: the exceptions, the argument checks
    ("gsm",),  # TS 23.038 / 23.040 primitives: tables, septets, packing, DCS, headers
    ("engine",),  # options -> candidate tables -> cheapest split; savings advice
    # one module per public entry point, on the engine
    (
        "segmentation",
        "counting",
        "previews",
        "encoding",
        "decoding",
        "codec",
        "campaign",  # template_bounds() and fit()
    ),
    # adapters and subpackages over the public functions
    ("arrow", "spark", "pdu", "smpp", "inbound"),
    ("cli", "server", "bulk"),  # shells: they use what a user can import from smsenc
)
LAYER = {part: depth for depth, layer in enumerate(LAYERS) for part in layer}
SHELLS = LAYERS[-1]
PUBLIC_SUBPACKAGES = ("", "pdu", "server", "bulk", "smpp", "inbound")
"""What a shell may import from: the package itself and its public subpackages."""
ON_THE_PUBLIC_API = ("smpp", "inbound")
"""Library subpackages built, like a shell, on what a user can import from ``smsenc``."""
FOUNDATION = LAYERS[0]
"""What the shells and the subpackages on the public API may import besides it: the
exceptions a user catches anyway, and the argument checks, so that a bad argument reads
alike whichever door it came through.  Both sit below everything and import nothing of
the package, so depending on them couples a shell to no internals."""
INTERNAL_IMPORTS = {"smpp._ucs2": {"segmentation"}}
"""The exceptions, each on purpose: segment() cannot be asked for UCS-2 when GSM could
carry a text but the SMSC's wire alphabet cannot, so smpp/_ucs2.py asks the engine for
the UCS-2 split with :func:`smsenc.segmentation.as_ucs2`."""


def _module_name(path: Path) -> str:
    """``gsm.udh`` for src/smsenc/gsm/udh.py, ``gsm`` for its ``__init__.py``."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, type_only: bool = False) -> list[tuple[str, bool]]:
    """(absolute module within smsenc, made inside a function?) of every relative import
    outside ``if TYPE_CHECKING:`` blocks (inside them too when ``type_only``); ``from .
    import x`` counts as module ``x``."""
    package = (
        _module_name(path).split(".")
        if path.name == "__init__.py"
        else (_module_name(path).split(".")[:-1])
    )
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, inside: bool) -> None:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING" and not type_only:
            for child in node.orelse:
                visit(child, inside)
            return
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            if node.module:
                found.append((".".join([*base, node.module]), inside))
            else:
                found.extend((".".join([*base, alias.name]), inside) for alias in node.names)
        inner = inside or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def _module_paths() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in PACKAGE.rglob("*.py")
        if path.name != "__main__.py" and _module_name(path)
    }


def _resolve(target: str, modules: dict[str, Path]) -> str:
    """The module an import names: ``gsm.udh`` for ``from .udh import x`` in gsm/, or the
    package when it names a name of a package's ``__init__``."""
    while target and target not in modules:
        target = target.rpartition(".")[0]
    return target


def _graph(deferred: bool, type_only: bool = False) -> dict[str, set[str]]:
    """Module -> the package modules it imports at load time (and in functions too when
    ``deferred``, and for the type checker too when ``type_only``)."""
    modules = _module_paths()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        imports = _imports(path, type_only)
        graph[name] = {
            _resolve(target, modules) for target, inside in imports if deferred or not inside
        } - {"", name}
    return graph


def _layer(module: str) -> int:
    top = module.split(".")[0]
    assert top in LAYER, f"{module} has no place in LAYERS"
    return LAYER[top]


def test_every_module_has_a_layer_and_imports_only_its_own_or_lower_layers() -> None:
    for module, imported in _graph(deferred=True).items():
        for target in imported:
            assert _layer(target) <= _layer(module), f"{module} imports {target}, which sits above"


def test_no_import_makes_a_circle_nor_is_deferred_to_dodge_one() -> None:
    # A circle at load time is an error; one dodged by an import inside a function is
    # the same circle hidden.  Imports inside functions are fine only for load time
    # (the engine's optional data, the lazy public names): moving any of them to the
    # top of its module must not make a circle either; nor may an import made only for
    # the type checker (a circle of names, if not of loading).
    graph = _graph(deferred=True, type_only=True)

    def reaches(start: str, goal: str) -> bool:
        seen, stack = set(), [start]
        while stack:
            current = stack.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                stack.extend(graph.get(current, ()))
        return False

    circles = [
        f"{module} -> {target}"
        for module, imported in graph.items()
        for target in imported
        if module != ""
        and target != module
        and reaches(target, module)
        # The package's __init__ names what its modules define, lazily: not a circle.
        and module.split(".")[0] != target
    ]
    assert circles == []


def test_the_foundation_imports_nothing_of_the_package() -> None:
    # What lets the shells and smpp/inbound import it without reaching the internals.
    graph = _graph(deferred=True)
    assert {module: graph[module] for module in FOUNDATION} == {m: set() for m in FOUNDATION}


def test_shells_use_only_the_public_package() -> None:
    modules = _module_paths()
    for module, path in modules.items():
        top = module.split(".")[0]
        if top not in SHELLS:
            continue
        for target, _ in _imports(path):
            outside = target.split(".")[0]
            if outside == top:
                continue  # the shell's own modules
            resolved = _resolve(target, modules)
            assert resolved.split(".")[0] in PUBLIC_SUBPACKAGES or resolved in ("", *FOUNDATION), (
                module,
                target,
            )


def test_smpp_and_inbound_use_only_the_public_package_but_one_named_exception() -> None:
    modules = _module_paths()
    for module, path in modules.items():
        top = module.split(".")[0]
        if top not in ON_THE_PUBLIC_API:
            continue
        allowed = INTERNAL_IMPORTS.get(module, set())
        for target, _ in _imports(path):
            resolved = _resolve(target, modules)
            # "from .. import segment", "from ..pdu import parse", its own modules, or
            # "from ..arguments import check_int"
            permitted = ("", *FOUNDATION, *allowed)
            assert resolved.split(".")[0] in (top, "pdu") or resolved in permitted, (
                module,
                target,
            )
        # and "from .. import X" names only what smsenc exports
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 2 and not node.module:
                names = {alias.name for alias in node.names}
                assert names <= set(smsenc.__all__), (module, names - set(smsenc.__all__))


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
    # What keeps `import smsenc` light: each of these loads on first use.
    code = (
        "import smsenc, sys; smsenc.segment('x€'); smsenc.count('ж'); "
        "print(sorted(m for m in sys.modules if m.startswith('smsenc.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    lazy_modules = (
        "previews",
        "encoding",
        "decoding",
        "campaign",
        "pdu",
        "smpp",
        "inbound",
        "engine._transliteration_data",  # the mode tables; the Transliterator type is imported
        "engine.savings",  # the advice on characters that forced UCS-2
        "engine.scripts",
        "engine.graphemes",  # keep_graphemes=True
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


# Run in a fresh interpreter: every name of smsenc.__all__ touched first (as listed, or
# reversed as argv[1] says), then a small valid call of each public function, then each
# name read again.  Prints JSON: what each call returned (or raised), what each name is.
_TOUCH_EVERY_NAME_THEN_CALL = """
import inspect, json, sys, types
import smsenc

names = list(smsenc.__all__)
if sys.argv[1] == "reversed":
    names.reverse()
first = {name: getattr(smsenc, name) for name in names}

def kind(value):
    if isinstance(value, types.ModuleType):
        return "module"
    if inspect.isclass(value):
        return "class"
    return "function" if inspect.isfunction(value) else "data"

def outcome(call):
    try:
        result = call()
    except Exception as error:
        return f"raised {type(error).__name__}: {error}"
    return repr(result) if isinstance(result, str) else type(result).__name__

def decoded():
    part = smsenc.encode("x").parts[0]
    return smsenc.decode(part.user_data, dcs=part.dcs, udhi=part.udhi, udl=part.udl)

calls = {
    "segment": lambda: smsenc.segment("x"),
    "count": lambda: smsenc.count("x"),
    "count_many": lambda: list(smsenc.count_many(["x"])),
    "preview": lambda: smsenc.preview("x"),
    "encode": lambda: smsenc.encode("x"),
    "decode": decoded,
    "decode_message": lambda: smsenc.decode_message(smsenc.encode("x")),
    "reassemble": lambda: smsenc.reassemble([decoded()]),
    "transliterate": lambda: smsenc.transliterate("x"),
    "template_bounds": lambda: smsenc.template_bounds("{n}", {"n": smsenc.Field(max_length=3)}),
    "fit": lambda: smsenc.fit("x"),
}
print(json.dumps({
    "first": {name: kind(value) for name, value in first.items()},
    "calls": {name: outcome(call) for name, call in calls.items()},
    "after": {name: kind(getattr(smsenc, name)) for name in names},
    "changed": [name for name in names if getattr(smsenc, name) is not first[name]],
}))
"""


@pytest.mark.parametrize("order", ["as_listed", "reversed"])
def test_no_public_name_turns_into_a_module_whatever_is_touched_first(order: str) -> None:
    # Issue 26: `smsenc.Preview` touched first once imported the module `preview`, and
    # Python bound it over the function: `smsenc.preview("x")` then raised "'module'
    # object is not callable".  Here, in a fresh interpreter, every public name is
    # touched before any call, and every public function is then called.
    done = subprocess.run(
        [sys.executable, "-c", _TOUCH_EVERY_NAME_THEN_CALL, order],
        capture_output=True,
        text=True,
        check=True,
    )
    seen = json.loads(done.stdout)
    first, after = seen["first"], seen["after"]
    assert [name for name in smsenc.__all__ if "module" in (first[name], after[name])] == []
    assert after == first and seen["changed"] == []
    # Every public function is called: a new one must be added to the calls above.
    assert set(seen["calls"]) == {name for name, kind in first.items() if kind == "function"}
    assert seen["calls"] == {
        "segment": "Segmentation",
        "count": "Counts",
        "count_many": "list",
        "preview": "Preview",
        "encode": "EncodedMessage",
        "decode": "DecodedPart",
        "decode_message": "'x'",
        "reassemble": "'x'",
        "transliterate": "'x'",
        "template_bounds": "TemplateBounds",
        "fit": "'x'",
    }


def _declared_all(init: Path) -> set[str]:
    """The names an ``__init__.py`` lists in ``__all__``, read without importing it (the
    server's needs its extra)."""
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                assert node.value is not None
                return set(ast.literal_eval(node.value))
    return set()


def test_no_module_or_subpackage_shares_a_name_of_its_package_all() -> None:
    # Importing a submodule binds it on its package under its own name: a module named
    # like a public name would replace that name once imported (at once for a lazy
    # name, or on a reload), so no public name is also a module's name.
    packages = [PACKAGE, *(init.parent for init in PACKAGE.rglob("*/__init__.py"))]
    shared = {}
    for package in packages:
        children = {path.stem for path in package.glob("*.py") if path.name != "__init__.py"}
        children |= {path.parent.name for path in package.glob("*/__init__.py")}
        public = _declared_all(package / "__init__.py")
        if public & children:
            shared[package.relative_to(PACKAGE.parent).as_posix()] = sorted(public & children)
    assert shared == {}
    assert "segment" in _declared_all(PACKAGE / "__init__.py")  # __all__ was read


def test_every_public_annotation_resolves_at_run_time() -> None:
    # Tools that read annotations when the program runs (pydantic, FastAPI, typer,
    # dataclass validators) call get_type_hints; a name imported only for mypy fails there.
    public = [getattr(smsenc, name) for name in smsenc.__all__]
    public += [getattr(smsenc.pdu, name) for name in smsenc.pdu.__all__]
    public += [getattr(smsenc.smpp, name) for name in smsenc.smpp.__all__]
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
