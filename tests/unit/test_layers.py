"""The layers of docs/ARCHITECTURE.md hold: imports point down, only the window imports Qt,
and no two modules import each other (directly or round a circle).

Every import counts, also one inside a function or under TYPE_CHECKING: a lazy import is
still a dependency, and a circle of them is still a circle a reader has to untangle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "reader"
pytestmark = pytest.mark.checkout
QT = ("PySide6", "shiboken6")

# Lower number = lower layer. A module may import its own layer and the ones below.
LAYERS: dict[str, int] = {
    # values and small rules every layer shares
    "reader": 0,
    "reader.errors": 0,
    "reader.model": 0,
    "reader.paths": 0,
    "reader.bounded_read": 0,
    "reader.tags": 0,
    "reader.urls": 0,
    "reader.json_types": 0,  # JSON value types for what is written as JSON
    "reader.bundled": 0,  # the shipped files, found through importlib.resources
    "reader.lifeline": 0,  # helper processes end with their parent
    # the core: loading, extraction, the library, listening, highlights, export formats,
    # logins
    "reader.load": 1,
    "reader.extract": 1,
    "reader.store": 1,
    "reader.listen": 1,
    "reader.highlights": 1,
    "reader.exchange": 1,
    "reader.secrets": 1,
    "reader.logins": 1,
    "reader.siterules": 1,
    "reader.instance_socket": 1,  # one Reader per library: the socket protocol, no Qt
    # the application layer
    "reader.service": 2,
    # the two front doors: the command line, and the window
    "reader.__main__": 3,
    "reader.cli": 3,
    "reader.commands": 3,
    "reader.app": 3,
    "reader.ui": 3,
}
# Core packages that stay out of each other's way (one direction, no back and forth).
NOT_BETWEEN: dict[str, frozenset[str]] = {
    "reader.load": frozenset({"reader.extract", "reader.store"}),
    "reader.extract": frozenset({"reader.load", "reader.store"}),
    "reader.store": frozenset({"reader.load", "reader.extract"}),
    "reader.ui": frozenset({"reader.cli", "reader.commands"}),
    "reader.app": frozenset({"reader.cli", "reader.commands"}),
    "reader.cli": frozenset({"reader.ui"}),
}
# The upward doors: `reader` (no command) opens the window; `reader.extract_article`, the
# package's door for scripts, reaches the application layer (lazily, inside the function).
ALLOWED = {("reader.commands.open", "reader.app"), ("reader", "reader.service.reading")}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = modules()


def imports(name: str) -> Iterator[str]:
    """Every module ``name`` imports, wherever in the file (absolute names)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in MODULES else base


def layer_of(name: str) -> str:
    best = ""
    for layer in LAYERS:
        inside = name == layer or (layer != "reader" and name.startswith(layer + "."))
        if inside and len(layer) > len(best):
            best = layer
    assert best, f"{name} is in no layer of LAYERS: add it (and to docs/ARCHITECTURE.md)"
    return best


def test_every_module_has_a_layer():
    for name in MODULES:
        layer_of(name)


def test_imports_point_down():
    wrong = []
    for name in sorted(MODULES):
        mine = layer_of(name)
        for target in imports(name):
            if not target.startswith("reader") or (name, target) in ALLOWED:
                continue
            theirs = layer_of(target)
            if LAYERS[theirs] > LAYERS[mine] or theirs in NOT_BETWEEN.get(mine, ()):
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_only_the_window_imports_qt():
    wrong = [
        f"{name} imports {target}"
        for name in sorted(MODULES)
        if layer_of(name) not in ("reader.app", "reader.ui")
        for target in imports(name)
        if target.split(".")[0] in QT
    ]
    assert wrong == []


def test_no_qt_object_moves_between_threads():
    """A QObject handed from a worker to the GUI thread with moveToThread deadlocked the
    window (the worker held the GIL waiting for Qt's signal-slot lock, the GUI thread held
    that lock waiting for the GIL). Workers hand over plain data; see ui/reading/document.py."""
    wrong = [
        name
        for name in sorted(MODULES)
        for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "moveToThread"
    ]
    assert wrong == []


def test_no_import_cycles():
    graph = {
        name: {
            target
            for target in imports(name)
            if target in MODULES and target != name and (name, target) not in ALLOWED
        }
        for name in MODULES
    }
    circles = strongly_connected(graph)
    assert circles == [], "modules that import each other: " + "; ".join(
        " <-> ".join(circle) for circle in circles
    )


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm; only components of two or more modules are returned."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_checks_see_a_circle_and_an_upward_import():
    """The checker itself: a made-up circle is found, and a core module reaching the
    window is refused."""
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert LAYERS[layer_of("reader.store.library")] < LAYERS[layer_of("reader.ui.shell")]
    assert "reader.load" in NOT_BETWEEN["reader.store"]
