"""Real kernel modules from Debian's linux-source-6.1, built as external modules with GNU ld;
every ld command kbuild ran (composite ``.o`` and final ``.ko``) is replayed through
pymodpost-ld and must give the same bytes.

Needs the source tree: ``/tmp/linux-src/linux-source-6.1`` when another job unpacked it, else
the few directories used are extracted from /usr/src/linux-source-6.1.tar.xz; x86_64 builds against Debian's amd64 headers, riscv64
against the cached riscv64 kernel build (testdata/regen/build-riscv64-kernel.sh).  That riscv
kernel is configured small (no block layer, network or crypto), so its modules are
single-file ones built with KBUILD_MODPOST_WARN=1 (unresolved symbols do not matter here).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from pymodpost.cli.ld import main as ld_main
from tests.conftest import cached_kernel_tree, require, require_programs

UNPACKED = Path("/tmp/linux-src/linux-source-6.1")
TARBALL = Path("/usr/src/linux-source-6.1.tar.xz")
RISCV_KDIR = cached_kernel_tree("6.1", "riscv64")

SINGLE_FILES = ["drivers/net/dummy.c", "drivers/net/veth.c", "crypto/serpent_generic.c",
                "crypto/twofish_generic.c", "crypto/twofish_common.c", "lib/crc-itu-t.c",
                "lib/crc7.c", "lib/crc16.c", "lib/ts_kmp.c", "lib/ts_bm.c",
                "lib/test_static_keys.c", "lib/test_static_key_base.c", "lib/test_bitops.c"]

# (arch, case name) -> (directory copied whole, or None for SINGLE_FILES; make variables)
CASES = {
    ("x86_64", "fs/isofs"): ("fs/isofs", ["CONFIG_ISO9660_FS=m", "CONFIG_JOLIET=y",
                                          "CONFIG_ZISOFS=y"]),
    ("x86_64", "fs/fat"): ("fs/fat", ["CONFIG_FAT_FS=m", "CONFIG_VFAT_FS=m", "CONFIG_MSDOS_FS=m"]),
    ("x86_64", "fs/minix"): ("fs/minix", ["CONFIG_MINIX_FS=m"]),
    ("x86_64", "fs/ufs"): ("fs/ufs", ["CONFIG_UFS_FS=m"]),
    ("x86_64", "e1000"): ("drivers/net/ethernet/intel/e1000", ["CONFIG_E1000=m"]),
    ("x86_64", "single files"): (None, []),
    ("riscv64", "single files"): (None, ["ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-",
                                         "KBUILD_MODPOST_WARN=1"]),
}


@pytest.fixture(scope="module")
def source_tree(tmp_path_factory) -> Path:
    if UNPACKED.is_dir():
        return UNPACKED
    require(TARBALL.is_file(), f"neither {UNPACKED} nor {TARBALL} (Debian's linux-source-6.1)")
    require_programs("tar", "xz")
    dest = tmp_path_factory.mktemp("linux-src")
    wanted = sorted({d for d, _ in CASES.values() if d} | set(SINGLE_FILES))
    subprocess.run(["tar", "-C", str(dest), "-xJf", str(TARBALL),
                    *(f"linux-source-6.1/{w}" for w in wanted)], check=True)
    return dest / "linux-source-6.1"


def _prepare(src: Path, work: Path, directory: str | None) -> None:
    if directory is not None:
        shutil.copytree(src / directory, work)
        return
    work.mkdir()
    for f in SINGLE_FILES:
        shutil.copyfile(src / f, work / Path(f).name)
    (work / "Makefile").write_text(
        "obj-m := " + " ".join(Path(f).stem + ".o" for f in SINGLE_FILES) + "\n")


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("arch, name", CASES, ids=lambda v: v.replace("/", "_"))
def test_in_tree_modules_link_identically(tmp_path, arch, name, monkeypatch, source_tree):
    from tests.x86_kernels import live_x86_tree

    kdir = live_x86_tree() if arch == "x86_64" else RISCV_KDIR
    gnu_ld = "ld" if arch == "x86_64" else "riscv64-linux-gnu-ld"
    require(kdir.is_dir(), f"missing kernel build tree {kdir}")
    require_programs("make", gnu_ld, "gcc" if arch == "x86_64" else "riscv64-linux-gnu-gcc")
    directory, make_vars = CASES[(arch, name)]
    work = tmp_path / "m"
    _prepare(source_tree, work, directory)
    build = subprocess.run(["make", "-C", str(kdir), f"M={work}", *make_vars, "modules"],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    monkeypatch.chdir(kdir)  # kbuild's command lines are relative to the kernel tree
    replayed = 0
    for cmd_file in sorted(work.glob(".*.cmd")):
        m = re.match(r"cmd_\S+ := (.*?)(;\s*true)?\s*$", cmd_file.read_text().splitlines()[0])
        words = shlex.split(m.group(1)) if m else []
        if not words or words[0] != gnu_ld:
            continue
        out = Path(words[words.index("-o") + 1])
        argv = list(words[1:])
        argv[argv.index("-o") + 1] = str(out) + ".pymodpost"
        assert ld_main(argv) == 0
        assert Path(str(out) + ".pymodpost").read_bytes() == out.read_bytes(), out.name
        replayed += 1
    assert replayed >= 2
