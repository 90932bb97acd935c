"""kbuild drop-in: ``make M=... LD=pymodpost-ld modules`` (optionally with
``MODPOST=pymodpost-modpost`` too) builds the module, and every object the drop-in linked is
byte-identical to GNU ld linking the same inputs with the same command line.

x86_64 builds against Debian's amd64 headers, riscv64 against the cached riscv64 kernel build
(testdata/regen/build-riscv64-kernel.sh).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TESTDATA, cached_kernel_tree, require, require_programs

KDIRS = {  # x86_64: Debian's 6.1 headers (tests/x86_kernels.live_x86_tree), looked up per test
    "x86_64": None,
    "riscv64": cached_kernel_tree("6.1", "riscv64"),
}
MAKE_VARS = {"x86_64": [], "riscv64": ["ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-"]}
GNU_LD = {"x86_64": "ld", "riscv64": "riscv64-linux-gnu-ld"}


def _script(name: str) -> str:
    script = Path(sys.executable).parent / name
    return str(script) if script.exists() else shutil.which(name) or ""


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("arch", KDIRS)
@pytest.mark.parametrize("module, with_modpost", [("hello", False), ("composite", False),
                                                  ("hello", True)])
def test_kbuild_links_with_pymodpost_ld(tmp_path, arch, module, with_modpost):
    from tests.x86_kernels import live_x86_tree

    kdir = KDIRS[arch] or live_x86_tree()
    require(kdir.is_dir(), f"missing kernel build tree {kdir}")
    require_programs("make", GNU_LD[arch])
    ours = _script("pymodpost-ld")
    require(bool(ours), "pymodpost-ld is not installed")
    extra = list(MAKE_VARS[arch])
    if with_modpost:
        modpost = _script("pymodpost-modpost")
        require(bool(modpost), "pymodpost-modpost is not installed")
        extra.append(f"MODPOST={modpost}")
    src = tmp_path / module
    shutil.copytree(TESTDATA / "modules" / module, src)
    # the console scripts must run this checkout's code, whatever the installed one points at
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    build = subprocess.run(["make", "-C", str(kdir), f"M={src}", f"LD={ours}", *extra, "modules"],
                           capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    assert (src / f"{module}.ko").exists()
    linked = 0
    for cmd_file in src.glob(".*.cmd"):
        m = re.match(r"cmd_\S+ := (.*?)(;\s*true)?\s*$", cmd_file.read_text().splitlines()[0])
        words = shlex.split(m.group(1)) if m else []
        if not words or words[0] != ours:
            continue
        out = words[words.index("-o") + 1]
        reference = tmp_path / (Path(out).name + ".gnu")
        argv = list(words[1:])
        argv[argv.index("-o") + 1] = str(reference)
        subprocess.run([GNU_LD[arch], *argv], cwd=kdir, check=True)
        assert Path(out).read_bytes() == reference.read_bytes(), out
        linked += 1
    assert linked >= (2 if module == "composite" else 1)
