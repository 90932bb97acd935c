"""The arch boundary: no ELF machine outside ``pymodpost/arch/`` and ``pymodpost/elf/constants.py``.

Shared code asks a :class:`~pymodpost.arch.target.Target` (linker, loader) or a
:class:`~pymodpost.arch.modpost_machines.ModpostMachine` (modpost) and never names a machine:
no ``EM_*`` name (as a name, an attribute or an imported name) and no emulation name
("elf_x86_64", "elf64lriscv") in a string other than a docstring.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "pymodpost"
ALLOWED = ("arch/", "elf/constants.py")
EMULATIONS = ("elf_x86_64", "elf64lriscv")
_EM = re.compile(r"EM_[A-Z0-9_]+\Z")


def _docstrings(tree: ast.AST) -> set[int]:
    """id() of every docstring node (module, class, function)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
    return out


def machine_references(source: str) -> list[tuple[int, str]]:
    """(line, what) of every machine named in one module's source."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and _EM.match(node.id):
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and _EM.match(node.attr):
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom):
            found.extend((node.lineno, a.name) for a in node.names if _EM.match(a.name))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            found.extend((node.lineno, e) for e in EMULATIONS if e in node.value)
    return sorted(found)


def shared_modules() -> list[Path]:
    out = []
    for p in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = p.relative_to(PACKAGE_DIR).as_posix()
        # pymodpost/data is a link to testdata/ (scripts of the fixtures, not package code)
        if rel.startswith("data/") or rel.startswith(ALLOWED):
            continue
        out.append(p)
    return out


def test_no_machine_outside_arch():
    bad = [f"{p.relative_to(PACKAGE_DIR.parent)}:{line}: {what}"
           for p in shared_modules() for line, what in machine_references(p.read_text())]
    assert not bad, "machine named outside pymodpost/arch/:\n" + "\n".join(bad)


def test_the_scan_sees_every_form():
    source = '''"""elf_x86_64 in a docstring is fine."""
from pymodpost.elf.constants import EM_ARM
x = C.EM_RISCV
y = EM_386
z = ["-m", "elf64lriscv"]
def f():
    """EM_MIPS, elf_x86_64: fine too."""
'''
    assert [what for _, what in machine_references(source)] == ["EM_ARM", "EM_RISCV", "EM_386", "elf64lriscv"]
    assert any(p.name == "core.py" and p.parent.name == "modpost" for p in shared_modules())
