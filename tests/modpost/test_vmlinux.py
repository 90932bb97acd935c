"""In-tree mode on a real vmlinux.o: the riscv64 kernel tree's own modpost against pymodpost on its
10 MB vmlinux.o (exports, CRCs from the .cmd files of every object in .vmlinux.objs,
.vmlinux.export.c, section-mismatch scan of the whole kernel).  Needs the cached riscv64 tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TESTDATA, require


def _tree() -> Path | None:
    tree = json.loads((TESTDATA / "manifest.json").read_text()).get("riscv64", {}).get("kernel_tree")
    if tree and (Path(tree) / "vmlinux.o").exists() and (Path(tree) / "scripts/mod/modpost").exists():
        return Path(tree)
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
@pytest.mark.parametrize("argv", [["-m", "-o", "Module.symvers", "vmlinux.o"], ["-E", "-o", "Module.symvers", "vmlinux.o"]])
def test_vmlinux_same_as_the_trees_modpost(tmp_path, argv):
    tree = _tree()
    require(tree is not None, "riscv64 kernel tree (with vmlinux.o) not built")
    results = {}
    for label, cmd in (("real", [str(tree / "scripts/mod/modpost")]),
                       ("ours", [sys.executable, "-m", "pymodpost.cli.modpost"])):
        where = tmp_path / label
        _mirror(tree, where)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        proc = subprocess.run([*cmd, *argv], cwd=where, capture_output=True, env=env)
        files = {n: (where / n).read_bytes() for n in ("Module.symvers", ".vmlinux.export.c") if (where / n).exists()}
        results[label] = (proc.returncode, proc.stderr, files)
    assert results["ours"] == results["real"]
