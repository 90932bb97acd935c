"""Real kernel modules from Debian's linux-source-6.1, built as external modules with GNU ld;
every ld command kbuild ran (composite ``.o`` and final ``.ko``) is replayed through
pymodpost-ld and must give the same bytes.

Needs the unpacked source tree (``/tmp/linux-src/linux-source-6.1``, from
/usr/src/linux-source-6.1.tar.xz) and the amd64 headers.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from pymodpost.cli.ld import main as ld_main
from tests.conftest import require, require_programs

SRC = Path("/tmp/linux-src/linux-source-6.1")
KDIR = Path("/usr/src/linux-headers-6.1.0-56-amd64")

# directory -> config symbols that make its modules
MODULES = {
    "fs/isofs": ["CONFIG_ISO9660_FS=m", "CONFIG_JOLIET=y", "CONFIG_ZISOFS=y"],
    "fs/fat": ["CONFIG_FAT_FS=m", "CONFIG_VFAT_FS=m", "CONFIG_MSDOS_FS=m"],
    "fs/minix": ["CONFIG_MINIX_FS=m"],
    "fs/ufs": ["CONFIG_UFS_FS=m"],
}


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("directory", MODULES)
def test_in_tree_modules_link_identically(tmp_path, directory, monkeypatch):
    require(SRC.is_dir(), f"linux-source-6.1 not unpacked at {SRC}")
    require(KDIR.is_dir(), f"missing {KDIR}")
    require_programs("make", "gcc", "ld")
    work = tmp_path / directory.replace("/", "_")
    shutil.copytree(SRC / directory, work)
    build = subprocess.run(["make", "-C", str(KDIR), f"M={work}", *MODULES[directory], "modules"],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    monkeypatch.chdir(KDIR)  # kbuild's command lines are relative to the kernel tree
    replayed = 0
    for cmd_file in sorted(work.glob(".*.cmd")):
        m = re.match(r"cmd_\S+ := (.*?)(;\s*true)?\s*$", cmd_file.read_text().splitlines()[0])
        words = shlex.split(m.group(1)) if m else []
        if not words or words[0] != "ld":
            continue
        out = Path(words[words.index("-o") + 1])
        argv = list(words[1:])
        argv[argv.index("-o") + 1] = str(out) + ".pymodpost"
        assert ld_main(argv) == 0
        assert Path(str(out) + ".pymodpost").read_bytes() == out.read_bytes(), out.name
        replayed += 1
    assert replayed >= 2
