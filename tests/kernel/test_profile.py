"""Kernel profiles: read from a real headers tree and from the bundled fixture folders."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pymodpost.errors import InputError
from pymodpost.kernel.kallsyms import parse_symbol_map
from pymodpost.kernel.profile import BUNDLED_DIR, load_profile
from tests.conftest import require, require_programs

@pytest.mark.kbuild
def test_debian_headers_tree_gives_the_vermagic_of_its_modules():
    from tests.x86_kernels import pinned_x86_modules, pinned_x86_tree

    headers, modules = pinned_x86_tree(), pinned_x86_modules()  # one ABI: the pinned one
    require_programs("modinfo")
    profile = load_profile(str(headers))
    assert profile.arch.name == "x86_64"
    assert profile.config.modversions and profile.config.strict_module_rwx and profile.config.smp
    ko = next(modules.rglob("af_key.ko"))
    vermagic = subprocess.run(["modinfo", "-F", "vermagic", str(ko)], capture_output=True, text=True).stdout
    assert profile.vermagic == vermagic.rstrip("\n")
    # module_layout's CRC is what every module's __versions must carry
    assert profile.module_layout_crc is not None
    assert profile.exports["module_layout"].owner == "vmlinux"


@pytest.mark.kbuild
def test_debian_stub_system_map_has_no_addresses():
    from tests.x86_kernels import pins

    pin = pins.pin_for("6.1")
    stub = Path(f"/boot/System.map-{pin.abi}")
    require(pins.missing(pin, pin.image) is None and stub.is_file(),
            pins.missing(pin, pin.image) or f"{stub}: not found")
    assert parse_symbol_map(stub.read_bytes()) == {}


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_bundled_profiles(arch):
    require((BUNDLED_DIR / arch).is_dir(), f"bundled profile {arch} not generated yet (testdata/kernels/{arch})")
    profile = load_profile(arch)
    assert profile.arch.name == arch
    assert profile.module_layout_crc is not None
    if (BUNDLED_DIR / arch / "vermagic").is_file():
        assert profile.vermagic == f"{profile.release} {profile.config.vermagic_flags(profile.arch.vermagic_suffix)}"


def test_unknown_profile_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such kernel profile"):
        load_profile("no-such-kernel")
    with pytest.raises(InputError, match="no .config"):
        load_profile(str(tmp_path))


def test_malformed_symbol_map_is_reported():
    with pytest.raises(InputError, match="line 2: bad address"):
        parse_symbol_map(b"ffffffff81000000 T _stext\nzzzz T x\n", "map")
