"""The simulator against the real kernel: section addresses, section bytes at module_finalize,
kernel log lines and errnos, for every fixture module, in the order the oracle boot loaded them.

The oracle data is a committed capture (testdata/load/gen_oracle.py: qemu + gdb breakpoint on
module_finalize); the qemu tier re-captures it live.
"""

from __future__ import annotations

import pytest

import numpy as np

from pymodpost.errors import ERRNO
from pymodpost.load.checks import elf_validity_check, setup_load_info
from pymodpost.load.image import SYM_DTYPE, LoadInfo
from pymodpost.load.pipeline import LoadOptions, load_module, next_core_base, place_after_loaded_modules
from pymodpost.load.state import KernelState
from tests.conftest import require
from tests.load.oracle_data import CAPTURES, load_oracle, module_bytes, oracle_path, profile_for

#: struct module is rewritten by the kernel as soon as it is moved (lists, state, refcounts...)
MASKED = {".gnu.linkonce.this_module"}
ERRNO_BY_NUMBER = {n: name for name, n in ERRNO.items()}


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


def percpu_base_from_dump(data: bytes, dump: dict) -> int | None:
    """mod->percpu, read off the real .symtab: a per-cpu symbol's value minus its offset."""
    info = LoadInfo(data=data, len=len(data))
    elf_validity_check(info, int.from_bytes(data[18:20], "little"), False)
    setup_load_info(info, 0, True)
    if not info.index.pcpu or ".symtab" not in dump["sections"]:
        return None
    syms = info.symbols()
    real = np.frombuffer(bytes.fromhex(dump["sections"][".symtab"]["hex"]), SYM_DTYPE)
    for i in np.flatnonzero(syms["st_shndx"] == info.index.pcpu):
        return (int(real["st_value"][i]) - int(syms["st_value"][i])) & ((1 << 64) - 1)
    return None


def struct_module_size(oracle: dict) -> int | None:
    """sizeof(struct module) of the oracle's kernel: the this_module section it accepted."""
    for entry in oracle["modules"]:
        if entry["dump"] and ".gnu.linkonce.this_module" in entry["dump"]["sections"]:
            return entry["dump"]["sections"][".gnu.linkonce.this_module"]["size"]
    return None


def simulate_like_oracle(arch: str, oracle: dict, record: bool = True):
    state = KernelState(profile_for(arch, oracle))
    module_size = struct_module_size(oracle)
    for entry in oracle["modules"]:
        dump = entry["dump"]
        data = module_bytes(entry)
        anchors = {k: v["addr"] for k, v in dump["sections"].items()} if dump else entry["sysfs_sections"]
        options = LoadOptions(anchors=anchors or None, image_base=dump["hdr"] if dump else 0, record=record,
                              struct_module_size=module_size)
        percpu = percpu_base_from_dump(data, dump) if dump else None
        if percpu is not None:
            options.percpu_base = percpu
        yield entry, load_module(data, state, options, entry["path"])


def check_against_oracle(arch: str, oracle: dict, record: bool = True, skip: frozenset[str] = frozenset()) -> int:
    compared = 0
    following = {id(e): n for e, n in zip(oracle["modules"], oracle["modules"][1:])}
    for entry, result in simulate_like_oracle(arch, oracle, record):
        name = entry["name"]
        if name in skip:
            continue
        # a line printed without a newline reaches /dev/kmsg with the next message: the next load's
        messages = entry["messages"]
        if any(not line.terminated for line in result.log) and id(entry) in following:
            messages = messages + following[id(entry)]["messages"]
        if entry["dump"]:
            # it reached module_finalize: what went wrong later (an init that failed, or oopsed
            # like ns_import's efivars probe under qemu) is not the loader's doing
            assert result.ok, f"{name}: refused by the simulator: {result.error} {result.log}"
        elif entry["ret"] != 0:
            assert not result.ok, f"{name}: the kernel refused it ({entry['strerror']}), the simulator loaded it"
            assert result.error.errno == ERRNO_BY_NUMBER[entry["errno"]], name
        else:
            assert result.ok, f"{name}: refused by the simulator: {result.error} {result.log}"
        # every line the simulator logs, the kernel logged, in the same order
        assert _is_subsequence([line.text for line in result.log], messages), (
            name, [line.text for line in result.log], messages)
        dump = entry["dump"]
        if not dump:
            continue
        real = dump["sections"]
        assert {s.name for s in result.sections} == set(real), name
        for sec in result.sections:
            assert sec.addr == real[sec.name]["addr"], (name, sec.name)
            assert sec.size == real[sec.name]["size"], (name, sec.name)
            if sec.name in MASKED:
                continue
            assert result.section_bytes(sec).hex() == real[sec.name]["hex"], (name, sec.name)
            compared += 1
        # the whole allocations too (6.1's core and init, 6.12's mem[] regions): padding,
        # add_kallsyms' tables, mod_kallsyms
        this_module = result.section(".gnu.linkonce.this_module")
        mine_by_base = dict(result.region_bytes())
        if result.regions:
            # every region the kernel allocated was found in its struct module, and no other
            assert sorted(r["addr"] for r in dump["regions"]) == sorted(mine_by_base), name
        for region in dump.get("regions", []):
            real_bytes = bytes.fromhex(region["hex"])
            base = region["addr"]
            mine = mine_by_base.get(base)
            assert mine is not None and len(real_bytes) == len(mine), (name, hex(region["addr"]))
            lo = this_module.addr - base if this_module else -1
            hi = lo + this_module.size if this_module else -1
            masked = bytearray(mine)
            real_masked = bytearray(real_bytes)
            if 0 <= lo < len(mine):
                masked[lo:hi] = real_masked[lo:hi] = bytes(hi - lo)
            assert masked == real_masked, (name, hex(region["addr"]))
            compared += 1
        # what /sys/module/<m>/sections showed after the load agrees too
        for sec_name, addr in entry["sysfs_sections"].items():
            assert result.section(sec_name).addr == addr, (name, sec_name)
    return compared


def _capture_params():
    for arch, capture in CAPTURES:
        version = capture.rpartition("/")[0]
        marks = []
        if (arch, version) == ("x86_64", "7.3"):
            marks.append(pytest.mark.kbuild)  # kernel facts from the 7.3 x86_64 build tree (see oracle_data)
        yield pytest.param(arch, capture, marks=marks, id=f"{arch}-{capture.removesuffix('.json.xz').replace('/', '-')}")


@pytest.mark.parametrize("record", [True, False], ids=["per-entry", "bulk"])
@pytest.mark.parametrize("arch,capture", list(_capture_params()))
def test_simulator_equals_real_kernel_at_module_finalize(arch, capture, record):
    """record=False takes the vectorised relocation path (x86_64) used for bulk runs."""
    require(oracle_path(arch, capture).is_file(), f"no oracle capture {arch}/{capture} (testdata/load/gen_oracle.py)")
    oracle = load_oracle(arch, capture)
    assert any(m["dump"] for m in oracle["modules"])
    assert check_against_oracle(arch, oracle, record) > 0


PLACEMENT_CAPTURES = [("x86_64", "6.12/oracle.json.xz"), ("riscv64", "6.12/oracle.json.xz"),
                      ("riscv64", "7.3/oracle.json.xz"), ("x86_64", "6.12/oracle-debian.json.xz")]


@pytest.mark.parametrize("arch,capture", PLACEMENT_CAPTURES,
                         ids=["x86_64-6.12", "riscv64-6.12", "riscv64-7.3", "x86_64-6.12-debian"])
def test_default_placement_is_where_the_real_kernel_put_each_module(arch, capture):
    """Without anchors: the first module where a fresh nokaslr boot puts it, each mem[] region a
    guard page after the previous one, and every later module after the previous one's core
    memory -- every section of every module that reached module_finalize, as the kernel placed it.
    """
    require(oracle_path(arch, capture).is_file(), f"no oracle capture {arch}/{capture}")
    oracle = load_oracle(arch, capture)
    state = KernelState(profile_for(arch, oracle))
    placed = 0
    for entry in oracle["modules"]:
        dump = entry["dump"]
        base = next_core_base(state)
        options = LoadOptions(core_base=base, image_base=dump["hdr"] if dump else 0,
                              struct_module_size=struct_module_size(oracle), record=False)
        result = load_module(module_bytes(entry), state, options, entry["path"])
        if not dump:
            continue
        if entry["ret"] != 0:
            # its init failed (nls_koi8_ru: no koi8-u): the kernel freed it, and the next module
            # went where it had been
            state.remove_module(result.name)
        assert {s.name: s.addr for s in result.sections} == {k: v["addr"] for k, v in dump["sections"].items()}, \
            entry["name"]
        assert [base for base, _ in result.region_bytes()] == sorted(r["addr"] for r in dump["regions"]), entry["name"]
        placed += 1
    assert placed == sum(1 for m in oracle["modules"] if m["dump"])


@pytest.mark.kbuild
def test_default_placement_is_where_a_harness_boot_put_each_module():
    """7.3 x86_64 booted as `pymodpost harness` boots it (PVH): module text from the ROX cache at
    the start of the module area, one module's after the other's, and the other mem[] types from
    +0x201000 with guard pages -- every /sys/module/<m>/sections address of eight modules."""
    path = oracle_path("x86_64", "7.3/harness-placement.json.xz")
    require(path.is_file(), f"no capture {path}")
    run = load_oracle("x86_64", "7.3/harness-placement.json.xz")
    run["kernel_version"] = "7.3"
    run["kernel_symbols"] = {}
    state = KernelState(profile_for("x86_64", run))
    for entry in run["modules"]:
        result = load_module(module_bytes(entry), state,
                             place_after_loaded_modules(LoadOptions(record=False), state), entry["path"])
        assert result.ok and entry["ret"] == 0, entry["path"]
        placed = {s.name: s.addr for s in result.sections}
        assert entry["sysfs_sections"] and all(placed[k] == v for k, v in entry["sysfs_sections"].items()), \
            entry["path"]
