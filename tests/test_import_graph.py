"""No import cycles in pymodpost: neither between packages nor between modules.

The graph is read statically (``ast``) from every module of the package.  An edge is any
``import``/``from ... import`` naming a pymodpost module, at module level or inside a function
(an import hidden in a function still ties the two modules together), but not under
``if TYPE_CHECKING:`` (never executed).  ``from pkg import name`` is an edge to ``pkg.name``
when that is a module, else to ``pkg`` (its ``__init__``).  A package ``__init__`` exporting
names lazily (a ``_HOMES`` table, :mod:`pymodpost.lazy_exports`) imports each home module.  Importing ``a.b.c`` also runs the
``__init__`` of ``a`` and ``a.b``; those implicit edges are left out, as every import tool
does, so a package ``__init__`` that re-exports its submodules is no cycle by itself.

Packages are the first level below ``pymodpost`` (``pymodpost.elf``, ...); a top-level module
(``pymodpost.errors``) is a package of its own.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from pymodpost.lazy_exports import home_module

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "pymodpost"

def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    # pymodpost/data is a link to testdata/ (scripts of the fixtures, not package code)
    return {module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))
            if "data" not in p.relative_to(PACKAGE_DIR).parts[:1]}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every Import/ImportFrom node, skipping the bodies of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _lazy_homes(tree: ast.Module, package: str) -> set[str]:
    """The modules a package's ``_HOMES = {name: module}`` table points at."""
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
                and any(isinstance(t, ast.Name) and t.id == "_HOMES" for t in node.targets)):
            return {home_module(package, v.value) for v in node.value.values}
    return set()


def import_edges(modules: dict[str, Path]) -> dict[str, set[str]]:
    """module -> the pymodpost modules it imports."""
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(), str(path))
        if is_package:
            edges[name] |= _lazy_homes(tree, name)
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:  # relative: resolved against this module's package
                    anchor = name.split(".")
                    anchor = anchor[:len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names]
            for target in targets:
                while target and target not in modules:  # `import a.b.c` of a non-module name
                    target = target.rpartition(".")[0]
                if target.startswith("pymodpost") and target != name and target != "pymodpost":
                    edges[name].add(target)
    return edges


def package_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
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

    for node in sorted(set(edges) | {t for ts in edges.values() for t in ts}):
        if node not in index:
            visit(node)
    return sorted(found)


def _describe(component: list[str], edges: dict[str, set[str]]) -> str:
    inside = set(component)
    return "; ".join(f"{a} -> {b}" for a in component for b in sorted(edges.get(a, ()))
                     if b in inside)


def test_no_cycle_between_modules():
    edges = import_edges(all_modules())
    assert "pymodpost.elf.reader" in edges  # the walk sees the package
    found = cycles(edges)
    assert not found, "import cycles between modules:\n" + "\n".join(
        _describe(c, edges) for c in found)


def test_no_cycle_between_packages():
    packages: dict[str, set[str]] = defaultdict(set)
    for a, targets in import_edges(all_modules()).items():
        for b in targets:
            if package_of(a) != package_of(b):
                packages[package_of(a)].add(package_of(b))
    found = cycles(packages)
    assert not found, "import cycles between packages:\n" + "\n".join(
        _describe(c, packages) for c in found)


def test_cycle_finder_finds_a_hidden_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
