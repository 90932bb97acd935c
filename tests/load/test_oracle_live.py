"""qemu tier: capture the real kernel at module_finalize now and compare with the simulator."""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest

from tests.conftest import TESTDATA, require
from tests.load.test_oracle import check_against_oracle

MODULES = ["hello", "exports", "consumer", "eh_frame", "unresolved_warn", "extables"]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_oracle", TESTDATA / "load" / "gen_oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.qemu
@pytest.mark.slow
@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_live_capture_matches_simulator(arch):
    qemu = "qemu-system-x86_64" if arch == "x86_64" else "qemu-system-riscv64"
    gdb = "gdb" if arch == "x86_64" else "gdb-multiarch"
    require(shutil.which(qemu) is not None and shutil.which(gdb) is not None, f"{qemu} and {gdb} needed")
    from pymodpost.harness import HarnessError, default_kernel

    try:
        default_kernel(arch)
    except HarnessError as e:
        require(False, str(e))
    oracle = json.loads(json.dumps(_generator().generate(arch, only=MODULES)))
    assert any(m["dump"] for m in oracle["modules"])
    assert check_against_oracle(arch, oracle) > 0


@pytest.mark.qemu
@pytest.mark.slow
@pytest.mark.parametrize("arch,version", [("x86_64", "6.12"), ("riscv64", "6.12"), ("riscv64", "7.3")],
                         ids=["x86_64-6.12", "riscv64-6.12", "riscv64-7.3"])
def test_live_capture_matches_simulator_after_6_1(arch, version):
    """Debian's 6.12.118 kernel (x86_64, ~30 s under TCG), the 6.12.118 and 7.3.4 riscv64 builds
    (~15 s each): the fixtures and damaged copies of hello.ko captured at module_finalize now,
    then simulated."""
    from pymodpost.dialect import by_name
    from pymodpost.harness import HarnessError, default_kernel

    qemu = "qemu-system-x86_64" if arch == "x86_64" else "qemu-system-riscv64"
    gdb = "gdb" if arch == "x86_64" else "gdb-multiarch"
    require(shutil.which(qemu) is not None and shutil.which(gdb) is not None, f"{qemu} and {gdb} needed")
    require((TESTDATA / version / arch).is_dir(), f"no {version} {arch} fixtures")
    try:
        kernel = default_kernel(arch, by_name(version))
    except HarnessError as e:
        require(False, str(e))
    oracle = json.loads(json.dumps(_generator().generate(arch, only=MODULES, version=version,
                                                         kernel=kernel)))
    assert oracle["kernel_release"] and any(m["dump"] for m in oracle["modules"])
    assert check_against_oracle(arch, oracle) > 0
