"""In-tree mode on a real vmlinux.o: a riscv64 kernel tree's own modpost against pymodpost on its
vmlinux.o (exports, CRCs from the .cmd files of every object in .vmlinux.objs,
.vmlinux.export.c -- with 7.3 also the built-in modules' device-table aliases -- and the
section-mismatch scan of the whole kernel).  Needs the cached riscv64 trees (6.1, 7.3)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, cached_kernel_tree, require


def _tree(kernel: str) -> Path | None:
    tree = cached_kernel_tree(kernel, "riscv64")
    if (tree / "vmlinux.o").exists() and (tree / "scripts/mod/modpost").exists():
        return tree
    return None


def _mirror(tree: Path, where: Path) -> None:
    """vmlinux.o, .vmlinux.objs and the .cmd file of every listed object (links, not copies)."""
    where.mkdir(parents=True)
    (where / "vmlinux.o").symlink_to(tree / "vmlinux.o")
    objs = (tree / ".vmlinux.objs").read_text()
    (where / ".vmlinux.objs").write_text(objs)
    for obj in objs.split("\n"):
        if not obj:
            break
        d, base = os.path.split(obj)
        cmd = Path(d) / f".{base}.cmd"
        (where / d).mkdir(parents=True, exist_ok=True)
        (where / cmd).symlink_to(tree / cmd)


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("kernel,argv", [
    ("6.1", ["-m", "-o", "Module.symvers", "vmlinux.o"]),
    ("6.1", ["-E", "-o", "Module.symvers", "vmlinux.o"]),
    # 7.3's tree builds ~70 built-in modules' device tables into vmlinux.o
    ("7.3", ["-M", "-m", "-b", "-o", "Module.symvers", "vmlinux.o"]),
    ("7.3", ["-M", "-E", "-o", "Module.symvers", "vmlinux.o"]),
])
def test_vmlinux_same_as_the_trees_modpost(tmp_path, kernel, argv):
    tree = _tree(kernel)
    require(tree is not None, f"riscv64 {kernel} kernel tree (with vmlinux.o) not built")
    results = {}
    for label, cmd in (("real", [str(tree / "scripts/mod/modpost")]),
                       ("ours", [sys.executable, "-m", "pymodpost.cli.modpost"])):
        where = tmp_path / label
        _mirror(tree, where)
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYMODPOST_DIALECT=kernel)
        proc = subprocess.run([*cmd, *argv], cwd=where, capture_output=True, env=env)
        files = {n: (where / n).read_bytes() for n in ("Module.symvers", ".vmlinux.export.c") if (where / n).exists()}
        results[label] = (proc.returncode, proc.stderr, files)
    assert results["ours"] == results["real"]
    if kernel == "7.3":
        assert b".alias, " in results["real"][2][".vmlinux.export.c"]  # the aliases were compared
