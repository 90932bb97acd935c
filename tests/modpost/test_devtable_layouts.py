"""The device-table layouts file2alias uses are what kbuild itself derives for each architecture."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pymodpost.modpost.devtable_layouts_6_1 import LAYOUTS
from tests.conftest import cached_kernel_tree, require


def _riscv64_offsets_h() -> Path | None:
    p = cached_kernel_tree("6.1", "riscv64") / "scripts/mod/devicetable-offsets.h"
    return p if p.exists() else None


@pytest.mark.kbuild
def test_riscv64_matches_the_kernel_builds_devicetable_offsets():
    header = _riscv64_offsets_h()
    require(header is not None, "riscv64 kernel tree not built (testdata/regen/build-riscv64-kernel.sh)")
    real = {m.group(1): int(m.group(2)) for m in re.finditer(r"#define (\w+) (\d+)", header.read_text())}
    ours = LAYOUTS["riscv64"]
    shared = [k for k in real if k in ours]
    assert len(shared) > 150  # every SIZE_ and OFF_ file2alias reads
    assert {k: ours[k] for k in shared} == {k: real[k] for k in shared}


@pytest.mark.kbuild
@pytest.mark.slow
def test_regenerating_for_x86_64_gives_the_committed_values(tmp_path):
    from tests.x86_kernels import live_x86_tree

    headers = [str(live_x86_tree())]  # 6.1: not the 6.12 tree installed beside it
    wanted = ("scripts/mod/file2alias.c", "include/linux/mod_devicetable.h")
    source = Path("/tmp/linux-src/linux-source-6.1")  # where other jobs unpack the whole tree
    if not all((source / w).is_file() for w in wanted):
        tarball = Path("/usr/src/linux-source-6.1.tar.xz")
        require(tarball.is_file(), f"neither {source} nor {tarball} (Debian's linux-source-6.1)")
        subprocess.run(["tar", "-C", str(tmp_path), "-xJf", str(tarball),
                        *(f"linux-source-6.1/{w}" for w in wanted)], check=True)
        source = tmp_path / "linux-source-6.1"
    from pymodpost.modpost import gen_devtable_layouts as gen

    f2a = (source / "scripts/mod/file2alias.c").read_text()
    header = (source / "include/linux/mod_devicetable.h").read_text()
    src = gen.c_source(gen.fields_used(f2a), gen.numeric_constants(f2a, header))
    assert gen.build(headers[-1], [], src) == LAYOUTS["x86_64"]


#: each later kernel's new device-id structs, which its layout data must carry
NEW_STRUCTS = {
    "6.12": {"SIZE_cdx_device_id", "SIZE_slim_device_id", "SIZE_vchiq_device_id", "SIZE_coreboot_device_id"},
    "7.3": {"SIZE_mcb_device_id", "SIZE_cdx_device_id", "SIZE_ap_device_id"},
}


@pytest.mark.kbuild
@pytest.mark.parametrize("kernel", sorted(NEW_STRUCTS))
def test_layouts_match_the_riscv64_builds_devicetable_offsets(kernel):
    """A kernel's layout data against what that kernel's riscv64 build generated for its own
    modpost (scripts/mod/devicetable-offsets.h): same sizes and offsets for every struct."""
    tree = cached_kernel_tree(kernel, "riscv64")
    header = tree / "scripts/mod/devicetable-offsets.h"
    require(header.is_file(), f"riscv64 {kernel} kernel tree not built ({tree})")
    from pymodpost.modpost.file2alias import layouts_of

    real = {m.group(1): int(m.group(2)) for m in re.finditer(r"#define (\w+) (\d+)", header.read_text())}
    ours = layouts_of(kernel)["riscv64"]
    shared = [k for k in real if k in ours]
    assert NEW_STRUCTS[kernel] <= set(shared)
    assert {k: ours[k] for k in shared} == {k: real[k] for k in shared}
