"""Damaged input never escapes as a traceback: the simulator answers as the kernel would.

Random bytes of real fixture modules are overwritten (ELF header, section headers, symbol
table, relocations, anywhere); whatever happens, load_module returns a result that holds
together: an accepted module is named and placed inside its allocations; a refusal is a
KernelError with a real errno (or an oops, with none) whose line(s), if any, are in the kernel log.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pymodpost.errors import ERRNO, KernelError
from pymodpost.kernel.profile import load_profile
from pymodpost.load.pipeline import LoadOptions, load_module
from pymodpost.load.state import KernelState
from tests.conftest import TESTDATA, require

#: fixture directory and kernel profile directory below testdata/ (6.12, 7.3: mem[] regions, split checks)
KERNELS = {"x86_64": ("x86_64", "kernels/x86_64"), "riscv64": ("riscv64", "kernels/riscv64"),
           "6.12-x86_64": ("6.12/x86_64", "kernels/6.12/x86_64"), "7.3-riscv64": ("7.3/riscv64", "kernels/7.3/riscv64")}


@pytest.fixture(scope="module", params=list(KERNELS))
def setup(request):
    fixtures, kernel = KERNELS[request.param]
    ko = TESTDATA / fixtures / "hello" / "hello.ko"
    require(ko.is_file() and (TESTDATA / kernel).is_dir(), f"{fixtures} fixtures missing")
    return load_profile(str(TESTDATA / kernel)), ko.read_bytes()


def _regions(data: bytes) -> list[tuple[int, int]]:
    shoff = int.from_bytes(data[0x28:0x30], "little")
    return [(0, 64), (shoff, len(data) - shoff), (0, len(data))]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_is_answered(setup, data):
    profile, original = setup
    blob = bytearray(original)
    start, length = data.draw(st.sampled_from(_regions(original)))
    for _ in range(data.draw(st.integers(1, 8))):
        at = start + data.draw(st.integers(0, max(0, length - 1)))
        blob[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(blob))))
    if cut is not None:
        blob = blob[:cut]
    result = load_module(bytes(blob), KernelState(profile), LoadOptions(record=data.draw(st.booleans())))
    check_answer(result)


def check_answer(result) -> None:
    if result.ok:
        # named by struct module's name field (mod->name); damage there may leave it empty --
        # the kernel stumbles on that only at sysfs setup, after module_finalize where we stop
        assert isinstance(result.name, str)
        regions = result.region_bytes()
        for sec in result.sections:
            # inside the allocation it was placed in -- but a region's size is an unsigned int in
            # the kernel (struct module_memory, 6.4+; 6.1's layouts too): a section of 4 GiB or more
            # wraps it, and the real kernel then places the section's start only
            end = sec.size if sec.size < 1 << 32 else 0
            assert sec.size == 0 or any(base <= sec.addr and sec.addr + end <= base + len(mem)
                                        for base, mem in regions), sec
        return
    err = result.error
    assert isinstance(err, KernelError)
    # an oops has no errno; every other refusal returns one the kernel has
    assert (err.errno is None) if err.crash else (err.errno in ERRNO), (err.errno, err.crash)
    # (a refusal may carry no lines: the kernel returns some errnos silently, or the failing
    # step has logged already)
    logged = [line.text for line in result.log]
    assert all(line in logged for line in err.log if line), (err.log, logged)
