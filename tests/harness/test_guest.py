"""The guest side as built on the host: the init binary, the initramfs, the kernel choice."""

from __future__ import annotations

import subprocess

import pytest

from pymodpost.harness import HarnessError, LoadStep
from pymodpost.harness.guest import guest_init, initramfs
from pymodpost.harness.kernels import default_kernel, recipe
from tests.conftest import TESTDATA, require_programs


@pytest.mark.parametrize("arch, machine", [("x86_64", "X86-64"), ("riscv64", "RISC-V")])
def test_guest_init_is_a_static_executable_without_floating_point(arch, machine, tmp_path, monkeypatch):
    require_programs(recipe(arch).cc, "readelf")
    monkeypatch.setenv("PYMODPOST_CACHE", str(tmp_path))
    path = guest_init(arch)
    assert path.parent == tmp_path / "harness"
    header = subprocess.run(["readelf", "-hl", str(path)], capture_output=True, text=True).stdout
    assert "EXEC (Executable file)" in header and machine in header
    assert "INTERP" not in header  # static: no dynamic loader
    if arch == "riscv64":
        assert "soft-float ABI" in header
    assert guest_init(arch) == path  # cached: same source and compiler, same file


def test_initramfs_holds_init_devices_commands_and_modules(tmp_path, monkeypatch):
    require_programs("cpio", recipe("x86_64").cc)
    monkeypatch.setenv("PYMODPOST_CACHE", str(tmp_path))
    ko = TESTDATA / "x86_64" / "params" / "params.ko"
    archive = initramfs("x86_64", [LoadStep(str(ko), ["count=1"])], unload=False, kallsyms=True)
    names = subprocess.run(["cpio", "-it", "--quiet"], input=archive, capture_output=True).stdout.split()
    assert names == [b"init", b"dev", b"dev/console", b"dev/kmsg", b"dev/null", b"proc", b"sys",
                     b"harness", b"harness/commands", b"harness/0.ko"]
    out = tmp_path / "x"
    out.mkdir()
    subprocess.run(["cpio", "-id", "--quiet", "harness/*"], input=archive, cwd=out, check=True)
    assert (out / "harness/0.ko").read_bytes() == ko.read_bytes()
    assert (out / "harness/commands").read_text().splitlines() == [
        "option unload 0", "option kallsyms 1", "option symbols 1", "load finit 0 /harness/0.ko",
        "params count=1"]


def test_kernel_choice(monkeypatch, tmp_path):
    monkeypatch.setenv("PYMODPOST_KERNEL_RISCV64", "/some/Image")
    assert default_kernel("riscv64") == "/some/Image"
    monkeypatch.delenv("PYMODPOST_KERNEL_RISCV64")
    monkeypatch.setenv("PYMODPOST_CACHE", str(tmp_path))  # an empty cache: no riscv64 kernel built
    with pytest.raises(HarnessError, match="no riscv64 kernel at .*: run testdata/regen/build-riscv64-kernel.sh"):
        default_kernel("riscv64")
    with pytest.raises(HarnessError, match="unsupported architecture 'arm64'"):
        default_kernel("arm64")


def test_an_unusable_cache_is_a_harness_error(tmp_path, monkeypatch):
    from pymodpost.harness import boot_and_load

    require_programs(recipe("riscv64").qemu)
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PYMODPOST_CACHE", str(blocker / "cache"))  # below a plain file
    monkeypatch.setenv("PYMODPOST_KERNEL_RISCV64", str(blocker))
    ko = str(TESTDATA / "riscv64" / "params" / "params.ko")
    with pytest.raises(HarnessError, match="cannot run the riscv64 guest: .*file/cache/harness: Not a directory"):
        boot_and_load("riscv64", [LoadStep(ko)])
