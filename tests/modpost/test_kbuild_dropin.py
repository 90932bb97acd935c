"""kbuild drop-in: ``make -C <headers> M=<dir> MODPOST=$(command -v pymodpost-modpost) modules`` works
unchanged and leaves exactly the files the real modpost leaves (.mod.c, Module.symvers, and so the same
.ko), with the same messages.  Needs Debian's linux-headers-amd64 (kbuild tier)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, TESTDATA, cached_kernel_tree, require, require_programs

MODULES = ["exports", "devtables", "version", "mismatch"]


def _headers(kernel: str) -> str | None:
    """Debian's amd64 headers tree of ``kernel`` (the kbuild the drop-in is checked in): the
    pinned one, else for 6.1 the newest 6.1 ABI (never a tree of another series)."""
    from tests.x86_kernels import pins

    tree = pins.live_x86_tree(kernel)
    return str(tree) if tree else None


def _riscv64_tree() -> str | None:
    tree = cached_kernel_tree("6.1", "riscv64")
    return str(tree) if (tree / "Module.symvers").exists() else None


def _build(src: Path, where: Path, kdir: str, modpost: str | None, make_vars: list[str]) -> tuple[int, str]:
    shutil.copytree(src, where)
    cmd = ["make", "-s", "-C", kdir, *make_vars, f"M={where}", "modules"]
    if modpost:
        cmd.insert(-1, f"MODPOST={modpost}")
    # the console script must run this checkout's code, whatever the editable install points at
    env = dict(os.environ, PYTHONPATH=str(ROOT) + (os.pathsep + os.environ["PYTHONPATH"]
                                                   if os.environ.get("PYTHONPATH") else ""))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return proc.returncode, proc.stderr


def _outputs(where: Path) -> dict[str, bytes]:
    out = {}
    for pattern in ("*.mod.c", "Module.symvers", "*.ko"):
        for p in where.glob(pattern):
            out[p.name] = p.read_bytes()
    return out


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("arch", ["x86_64", "riscv64", "x86_64-6.12"])
@pytest.mark.parametrize("name", MODULES)
def test_make_with_pymodpost_gives_the_same_files(arch, name, tmp_path):
    """kbuild exports VERSION/PATCHLEVEL to modpost: the drop-in speaks the kernel's dialect."""
    if arch.startswith("x86_64"):
        kernel = arch.partition("-")[2] or "6.1"
        kdir, make_vars = _headers(kernel), []
        require(kdir is not None, f"Debian linux-headers-{kernel}.*-amd64 not installed")
        require_programs("make", "gcc", "pymodpost-modpost")
    else:
        kdir, make_vars = _riscv64_tree(), ["ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-"]
        require(kdir is not None, "riscv64 kernel tree not built (testdata/regen/build-riscv64-kernel.sh)")
        require_programs("make", "riscv64-linux-gnu-gcc", "pymodpost-modpost")
    src = TESTDATA / "modules" / name
    require(src.is_dir(), f"testdata/modules/{name} missing")
    ours_bin = shutil.which("pymodpost-modpost")
    # both builds in the same directory: paths end up in messages, Module.symvers and debug info
    where = tmp_path / name
    real_status, real_err = _build(src, where, kdir, None, make_vars)
    real = _outputs(where)
    shutil.rmtree(where)
    our_status, our_err = _build(src, where, kdir, ours_bin, make_vars)
    ours = _outputs(where)
    assert our_status == real_status
    assert our_err == real_err
    assert sorted(ours) == sorted(real)
    for k in real:
        assert ours[k] == real[k], k
