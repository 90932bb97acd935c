"""kbuild drop-in: ``make M=... LD=pymodpost-ld modules`` (optionally with
``MODPOST=pymodpost-modpost`` too) builds the module in every kernel's real kbuild, and every
object the drop-in linked is byte-identical to GNU ld linking the same inputs with the same
command line (6.12+: ``X.o X.mod.o .module-common.o``; 7.3 runs it in the module's directory).

x86_64 6.1 and 6.12 build against Debian's amd64 headers (the pinned ABI when installed), the
others against the kernel trees the cache builds (testdata/regen/build-kernel.sh).
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

from pymodpost.dialect import for_release
from tests.conftest import ROOT, TESTDATA, cached_kernel_tree, require, require_programs
from tests.fixtures import ARCHES, KERNELS
from tests.x86_kernels import live_x86_tree

#: the Debian packages that are the x86_64 kernels of these versions; the rest are built
DEBIAN_X86 = ("6.1", "6.12")
MAKE_VARS = {"x86_64": [], "riscv64": ["ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-"]}
#: make exports SRCARCH to the commands it runs (Debian's objtool wrapper needs it)
SRCARCH = {"x86_64": "x86", "riscv64": "riscv"}
GNU_LD = {"x86_64": "ld", "riscv64": "riscv64-linux-gnu-ld"}


def _kdir(kernel: str, arch: str) -> Path:
    if arch == "x86_64" and kernel in DEBIAN_X86:
        return live_x86_tree(kernel)
    tree = cached_kernel_tree(kernel, arch)
    require(tree.is_dir(), f"missing kernel build tree {tree} (testdata/regen/build-kernel.sh {kernel} {arch})")
    return tree


def _config(kdir: Path) -> str:
    return (kdir / ".config").read_text() if (kdir / ".config").exists() else ""


def _release(kdir: Path) -> str:
    return (kdir / "include" / "config" / "kernel.release").read_text().strip()


def _script(name: str) -> str:
    script = Path(sys.executable).parent / name
    return str(script) if script.exists() else shutil.which(name) or ""


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("arch", ARCHES)
@pytest.mark.parametrize("module, with_modpost", [("hello", False), ("composite", False),
                                                  ("hello", True)])
def test_kbuild_links_with_pymodpost_ld(tmp_path, kernel, arch, module, with_modpost):
    kdir = _kdir(kernel, arch)
    require_programs("make", GNU_LD[arch])
    ours = _script("pymodpost-ld")
    require(bool(ours), "pymodpost-ld is not installed")
    extra = list(MAKE_VARS[arch])
    if with_modpost:
        modpost = _script("pymodpost-modpost")
        require(bool(modpost), "pymodpost-modpost is not installed")
        extra.append(f"MODPOST={modpost}")
    if "CONFIG_DEBUG_INFO_BTF_MODULES=y" in _config(kdir):
        # pahole rewrites the .ko after the link (its .BTF is not reproducible on bookworm's
        # 1.24): compare what the linkers wrote, as regen does for -g0 fixtures
        extra.append("CONFIG_DEBUG_INFO_BTF_MODULES=")
    dialect = for_release(_release(kdir))
    assert dialect.version_text == kernel
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
        # "cmd_<target> := ..." (6.1) or "savedcmd_<target> := ..." (6.3+)
        m = re.match(r"(?:saved)?cmd_\S+ := (.*?)(;\s*true)?\s*$", cmd_file.read_text().splitlines()[0])
        command = m.group(1) if m else ""
        words = shlex.split(command)
        if not words or words[0] != ours:
            continue
        # where kbuild ran the link: the kernel tree, or (7.3) the module's own directory
        cwd = src if dialect.modpost.extmod_runs_in_module_dir else kdir
        target = words[words.index("-o") + 1]
        out = cwd / target
        reference = tmp_path / (out.name + ".gnu")
        # the same command with GNU ld writing the reference, and whatever kbuild runs on the
        # linked object after it (objtool --link on a composite object, 6.12+) run on that
        replayed = f"{shlex.quote(GNU_LD[arch])} {command.split(None, 1)[1]}"
        subprocess.run(replayed.replace(target, str(reference)), shell=True, cwd=cwd, check=True,
                       env=dict(os.environ, SRCARCH=SRCARCH[arch]))
        assert out.read_bytes() == reference.read_bytes(), out
        linked += 1
    assert linked >= (2 if module == "composite" else 1)
