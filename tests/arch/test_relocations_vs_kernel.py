"""riscv64's 6.7 handler table and driver against the real 6.12.118 kernel (testdata/arch/
gen_reloc_oracle.py: qemu + gdb at module_finalize).

For each module that got to module_finalize, our driver, given the kernel's section addresses and
symbol values, must write every section byte for byte as the kernel did and print the same lines:
the 6.12 fixture riscv_relocs (ADD/SUB pairs of every width, SET6-32) and pm_acc (stores of
overlapping places in the kernel's hash order, a range error printed and ignored, a negative sum
through an 8-bit store, SET6's top bits, an ADD onto a field that is not zero, ULEB128 sums, zero
included, 32_PCREL and PLT32).  pm_tls and pm_dyn are refused by name; pm_one, one relocation in
its section, oopses where the zero-bit hash says.  The qemu tier captures anew and compares again.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil

import pytest

from pymodpost import reloc
from pymodpost.arch.riscv64_v6_7 import bucket_of
from tests.arch.relocation_oracle import relocate_at_kernel_addresses
from tests.conftest import TESTDATA, require

ORACLE = TESTDATA / "arch" / "oracle-riscv64-6.12"
FIXTURE = TESTDATA / "6.12" / "riscv64" / "riscv_relocs" / "riscv_relocs.ko"
#: struct module is rewritten by the kernel once moved; .symtab is where the symbol values come from
MASKED = {".gnu.linkonce.this_module", ".symtab"}
#: lines of the load that the relocation step prints (the rest: taint, the module's own init)
RELOCATION_LINE = re.compile(r": value -?\d+ out of range for \d+-bit relocation\.$")


def _capture() -> dict:
    return json.loads((ORACLE / "capture.json").read_text())


def _ko(name: str) -> bytes:
    return (FIXTURE if name == "riscv_relocs" else ORACLE / f"{name}.ko").read_bytes()


def _modules(capture: dict) -> dict:
    return {m["module"]: m for m in capture["modules"]}


def check_dumped(capture: dict, generation: str) -> int:
    compared = 0
    for entry in capture["modules"]:
        dump = entry["dump"]
        if not dump:
            continue
        ours, log = relocate_at_kernel_addresses(_ko(entry["module"]), dump, "riscv64", generation)
        for name, data in ours.items():
            if name not in MASKED:
                assert data.hex() == dump["sections"][name]["hex"], (entry["module"], name)
                compared += 1
        assert log == [m for m in entry["messages"] if RELOCATION_LINE.search(m)], entry["module"]
    return compared


@pytest.mark.parametrize("generation", ["6.12", "7.3"])
def test_sections_are_the_kernels_bytes(generation):
    """7.3's module.c is 6.12's but for allocation helpers: the same bytes from its table."""
    capture = _capture()
    assert {m["module"] for m in capture["modules"] if m["dump"]} == {"riscv_relocs", "pm_acc"}
    assert check_dumped(capture, generation) >= 10
    assert _modules(capture)["pm_acc"]["messages"] == ["pm_acc: value 300 out of range for 8-bit relocation."]


def test_6_1_cannot_load_them():
    dump = _modules(_capture())["pm_acc"]["dump"]
    with pytest.raises(Exception, match="Unknown relocation type"):
        relocate_at_kernel_addresses(_ko("pm_acc"), dump, "riscv64", "6.1")


@pytest.mark.parametrize("name,rtype,wording", [
    ("pm_tls", "R_RISCV_TPREL_HI20", "Thread local storage not supported in kernel modules"),
    ("pm_dyn", "R_RISCV_RELATIVE", "Dynamic linking not supported in kernel modules"),
])
def test_refused_by_name(name, rtype, wording):
    entry = _modules(_capture())[name]
    assert (entry["ret"], entry["errno"]) == (-1, 22)  # EINVAL
    (line,) = entry["messages"]
    real = re.fullmatch(rf"{name}: {wording} PC = ([0-9a-f]{{16}})", line)
    assert real, line  # the kernel hashes %p; ours prints the address (no_hash_pointers)
    with pytest.raises(reloc.Refused) as e:
        reloc.kernel("riscv64", "6.12", module=name).apply(rtype, S=0, A=0, P=0xFFFFFFFF002DF000)
    assert e.value.message == f"{name}: {wording} PC = ffffffff002df000" and e.value.errno == "EINVAL"


def test_a_one_entry_section_oopses_where_the_zero_bit_hash_points():
    """The oops: badaddr is the table (a4) plus 8 * bucket, the bucket (u32)(P * GOLDEN_RATIO_64)
    for the place P (s0), as the kit's crash report says."""
    entry = _modules(_capture())["pm_one"]
    assert entry["signal"] == 11 and entry["dump"] is None
    text = "\n".join(entry["messages"])
    bad = int(re.search(r"paging request at virtual address ([0-9a-f]+)", text).group(1), 16)
    regs = dict(re.findall(r"\b(a4|s0) : ([0-9a-f]{16})", text))
    table, place = int(regs["a4"], 16), int(regs["s0"], 16)
    assert "epc : apply_relocate_add+" in text
    assert bad == table + 8 * bucket_of(place, 0)
    section = (reloc.kernel("riscv64", "6.12", module="pm_one").section(bytes(4), place, {"pm_one": place},
                                                                         executable=False)
               .rela(0, "R_RISCV_SET32", "pm_one"))
    with pytest.raises(reloc.Refused) as e:
        section.apply()
    assert e.value.crash and f"bucket {bucket_of(place, 0):#x} of a one-bucket table" in e.value.message


def _generator():
    spec = importlib.util.spec_from_file_location("gen_reloc_oracle", ORACLE.parent / "gen_reloc_oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.qemu
@pytest.mark.slow
def test_live_capture_matches():
    require(shutil.which("qemu-system-riscv64") is not None and shutil.which("gdb-multiarch") is not None,
            "qemu-system-riscv64 and gdb-multiarch needed")
    generator = _generator()
    image = generator.kernel_build() / "arch" / "riscv" / "boot" / "Image"
    require(image.exists(), f"{image}: the 6.12 riscv64 kernel is not built (testdata/regen/build-kernel.sh)")
    modules = [FIXTURE, *(ORACLE / f"{name}.ko" for name in generator.EDGE_MODULES)]
    fresh = json.loads(json.dumps(generator.capture(modules, image)))
    assert check_dumped(fresh, "6.12") >= 10
    assert [m["errno"] for m in fresh["modules"]] == [m["errno"] for m in _capture()["modules"]]
