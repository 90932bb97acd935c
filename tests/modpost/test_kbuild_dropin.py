"""kbuild drop-in: ``make -C <kernel tree> M=<dir> MODPOST=<our modpost> modules`` works unchanged
and leaves exactly the files the real modpost leaves (.mod.c, Module.symvers, and so the same .ko),
with the same messages and exit status (kbuild tier).

The kernels: Debian's amd64 headers of 6.1 and 6.12 and the 6.1 and 6.12 riscv64 trees on a few
fixture modules; for 7.3 every fixture module of testdata/7.3/<arch>/ in the oracle kernels
build-kernel.sh makes for both arches (x86_64 and riscv64, ``ARCH=riscv
CROSS_COMPILE=riscv64-linux-gnu-``).  Our modpost is this checkout's code, whatever an editable
install points at: a wrapper running ``python3 -m pymodpost.cli.modpost`` with this tree first
on PYTHONPATH."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TESTDATA, require, require_programs
from tests.fixtures import built_kernel_tree, entry_of
from tests.modpost.kbuild_oracle import clean_env

MODULES = ["exports", "devtables", "version", "mismatch"]
RISCV_MAKE_VARS = ["ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-"]

# (kernel, arch, module): a few modules in the older kernels, every fixture module in 7.3
CASES = [(kernel, arch, name) for kernel, arch in (("6.1", "x86_64"), ("6.1", "riscv64"), ("6.12", "x86_64"),
                                                  ("6.12", "riscv64"))
         for name in MODULES] + \
        [("7.3", arch, name) for arch in ("x86_64", "riscv64") for name in entry_of("7.3", arch)["modules"]]


def _headers(kernel: str) -> str | None:
    """Debian's amd64 headers tree of ``kernel`` (the kbuild the drop-in is checked in): the
    pinned one, else for 6.1 the newest 6.1 ABI (never a tree of another series)."""
    from tests.x86_kernels import pins

    tree = pins.live_x86_tree(kernel)
    return str(tree) if tree else None


def _kernel(kernel: str, arch: str) -> tuple[str, list[str]]:
    """The tree ``make -C`` builds in, and the make variables of its arch."""
    cc = "riscv64-linux-gnu-gcc" if arch == "riscv64" else "gcc"
    require_programs("make", cc)
    make_vars = RISCV_MAKE_VARS if arch == "riscv64" else []
    if kernel == "7.3" or arch == "riscv64":
        return built_kernel_tree(kernel, arch), make_vars
    kdir = _headers(kernel)
    require(kdir is not None, f"Debian linux-headers-{kernel}.*-amd64 not installed")
    return kdir, make_vars


def _our_modpost(where: Path) -> str:
    """An executable running this checkout's modpost (kbuild runs MODPOST as a program)."""
    wrapper = where / "pymodpost-modpost"
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}${{PYTHONPATH:+:$PYTHONPATH}}" '
                       f'exec "{sys.executable}" -m pymodpost.cli.modpost "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


def _build(src: Path, where: Path, kdir: str, modpost: str | None, make_vars: list[str]) -> tuple[int, str]:
    shutil.copytree(src, where)
    cmd = ["make", "-s", "-C", kdir, *make_vars, f"M={where}", "modules"]
    if modpost:
        cmd.insert(-1, f"MODPOST={modpost}")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=clean_env(), stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stderr


def _outputs(where: Path) -> dict[str, bytes]:
    out = {}
    for pattern in ("*.mod.c", "Module.symvers", "*.ko"):
        for p in where.glob(pattern):
            out[p.name] = p.read_bytes()
    return out


def _build_needs(kernel: str, arch: str, name: str, root: Path, kdir: str, make_vars: list[str]) -> None:
    """The fixtures ``name`` takes symbols from (KBUILD_EXTRA_SYMBOLS of a sibling folder), built
    with the real modpost, dependencies first."""
    if kernel != "7.3":
        return
    for dep in entry_of(kernel, arch)["modules"][name].get("needs", []):
        if not (root / dep).exists():
            _build_needs(kernel, arch, dep, root, kdir, make_vars)
            _build(TESTDATA / "modules" / dep, root / dep, kdir, None, make_vars)


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids="/".join)
def test_make_with_pymodpost_gives_the_same_files(case, tmp_path):
    """kbuild exports VERSION/PATCHLEVEL to modpost: the drop-in speaks the kernel's dialect."""
    kernel, arch, name = case
    kdir, make_vars = _kernel(kernel, arch)
    src = TESTDATA / "modules" / name
    require(src.is_dir(), f"testdata/modules/{name} missing")
    ours_bin = _our_modpost(tmp_path)
    _build_needs(kernel, arch, name, tmp_path, kdir, make_vars)
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
    btf = "CONFIG_DEBUG_INFO_BTF_MODULES=y" in Path(kdir, ".config").read_text()
    for k in real:
        assert ours[k] == real[k] or (btf and k.endswith(".ko") and _same_but_btf(ours[k], real[k])), k


def _same_but_btf(ours: bytes, real: bytes) -> bool:
    """Equal but for the .BTF pahole adds after the link (DEBUG_INFO_BTF_MODULES): bookworm's
    pahole 1.24 encodes with several threads and no reproducible mode, so two builds of the same
    module may differ there -- whichever modpost ran."""
    from pymodpost.elf import ElfFile
    from pymodpost.elf.diff import diff_elf

    return diff_elf(ElfFile(ours, "ours.ko"), ElfFile(real, "real.ko"), ignored=(".BTF",)).equal
