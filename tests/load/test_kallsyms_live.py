"""qemu tier: what `pymodpost load` says /sys/module/<m>/sections and /proc/kallsyms will show,
with its default bases, is what a freshly booted fixture kernel shows for its first module."""

from __future__ import annotations

import shutil

import pytest

from pymodpost.kernel.profile import load_profile
from pymodpost.load.pipeline import load_file
from pymodpost.load.render import _kallsyms_lines
from pymodpost.load.state import KernelState
from tests.conftest import TESTDATA, require

CASES = [("riscv64", "params/params.ko"), ("x86_64", "params/params.ko")]


@pytest.mark.qemu
@pytest.mark.parametrize("arch,ko", CASES)
def test_first_module_sections_and_kallsyms(arch, ko):
    qemu = "qemu-system-x86_64" if arch == "x86_64" else "qemu-system-riscv64"
    require(shutil.which(qemu) is not None, f"{qemu} not installed")
    from pymodpost.harness import HarnessError, LoadStep, boot_and_load

    path = TESTDATA / arch / ko
    try:
        boot = boot_and_load(arch, [LoadStep(str(path), [])], module_symbols=True, unload=False, timeout=300)
    except HarnessError as e:
        require(False, f"harness: {e}")
    real = boot.steps[0]
    assert real.load.ret == 0
    result = load_file(str(path), KernelState(load_profile(arch)))
    assert result.ok
    assert {s.name: s.addr for s in result.sections if s.name in real.sections} == real.sections
    assert set(real.sections) <= {s.name for s in result.sections}
    expected = [f"{e.address:016x} {e.type} {e.name}\t[{e.module}]" for e in real.symbols]
    assert _kallsyms_lines(result, None) == expected  # every line whole, as the kernel prints it
