"""riscv64's 6.7 handler table and driver against the real 6.12.118 and 7.3.4 kernels (testdata/
arch/gen_reloc_oracle.py: qemu + gdb at module_finalize).

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

#: the captured kernels and the table generation each carries
RELEASES = {"6.12": "6.12", "7.3": "7.3"}
#: struct module is rewritten by the kernel once moved; .symtab is where the symbol values come from
MASKED = {".gnu.linkonce.this_module", ".symtab"}
#: lines of the load that the relocation step prints (the rest: taint, the module's own init)
RELOCATION_LINE = re.compile(r": value -?\d+ out of range for \d+-bit relocation\.$")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_reloc_oracle", TESTDATA / "arch" / "gen_reloc_oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()


def _capture(release: str) -> dict:
    return json.loads((GENERATOR.out_dir(release) / "capture.json").read_text())


def _ko(release: str, name: str) -> bytes:
    return (GENERATOR.fixture(release) if name == "riscv_relocs" else GENERATOR.out_dir(release) / f"{name}.ko"
            ).read_bytes()


def _modules(capture: dict) -> dict:
    return {m["module"]: m for m in capture["modules"]}


def check_dumped(release: str, capture: dict, generation: str) -> int:
    compared = 0
    for entry in capture["modules"]:
        dump = entry["dump"]
        if not dump:
            continue
        ours, log = relocate_at_kernel_addresses(_ko(release, entry["module"]), dump, "riscv64", generation)
        for name, data in ours.items():
            if name not in MASKED:
                assert data.hex() == dump["sections"][name]["hex"], (entry["module"], name)
                compared += 1
        assert log == [m for m in entry["messages"] if RELOCATION_LINE.search(m)], entry["module"]
    return compared


@pytest.mark.parametrize("release", sorted(RELEASES))
def test_sections_are_the_kernels_bytes(release):
    capture = _capture(release)
    assert capture["kernel"].startswith(f"Linux {release}.")
    assert {m["module"] for m in capture["modules"] if m["dump"]} == {"riscv_relocs", "pm_acc"}
    assert check_dumped(release, capture, RELEASES[release]) >= 10
    assert _modules(capture)["pm_acc"]["messages"] == ["pm_acc: value 300 out of range for 8-bit relocation."]


@pytest.mark.parametrize("release", sorted(RELEASES))
def test_6_1_cannot_load_them(release):
    dump = _modules(_capture(release))["pm_acc"]["dump"]
    with pytest.raises(Exception, match="Unknown relocation type"):
        relocate_at_kernel_addresses(_ko(release, "pm_acc"), dump, "riscv64", "6.1")


@pytest.mark.parametrize("release", sorted(RELEASES))
@pytest.mark.parametrize("name,rtype,wording", [
    ("pm_tls", "R_RISCV_TPREL_HI20", "Thread local storage not supported in kernel modules"),
    ("pm_dyn", "R_RISCV_RELATIVE", "Dynamic linking not supported in kernel modules"),
])
def test_refused_by_name(release, name, rtype, wording):
    entry = _modules(_capture(release))[name]
    assert (entry["ret"], entry["errno"]) == (-1, 22)  # EINVAL
    (line,) = entry["messages"]
    real = re.fullmatch(rf"{name}: {wording} PC = ([0-9a-f]{{16}})", line)
    assert real, line  # the kernel hashes %p; ours prints the address (no_hash_pointers)
    with pytest.raises(reloc.Refused) as e:
        reloc.kernel("riscv64", release, module=name).apply(rtype, S=0, A=0, P=0xFFFFFFFF002DF000)
    assert e.value.message == f"{name}: {wording} PC = ffffffff002df000" and e.value.errno == "EINVAL"


@pytest.mark.parametrize("release", sorted(RELEASES))
def test_a_one_entry_section_oopses_where_the_zero_bit_hash_points(release):
    """The oops: badaddr is the table (a4) plus 8 * bucket, the bucket (u32)(P * GOLDEN_RATIO_64)
    for the place P (s0), as the kit's crash report says."""
    entry = _modules(_capture(release))["pm_one"]
    assert entry["signal"] == 11 and entry["dump"] is None
    text = "\n".join(entry["messages"])
    bad = int(re.search(r"paging request at virtual address ([0-9a-f]+)", text).group(1), 16)
    regs = dict(re.findall(r"\b(a4|s0) : ([0-9a-f]{16})", text))
    table, place = int(regs["a4"], 16), int(regs["s0"], 16)
    assert "epc : apply_relocate_add+" in text
    assert bad == table + 8 * bucket_of(place, 0)
    section = (reloc.kernel("riscv64", release, module="pm_one").section(bytes(4), place, {"pm_one": place},
                                                                         executable=False)
               .rela(0, "R_RISCV_SET32", "pm_one"))
    with pytest.raises(reloc.Refused) as e:
        section.apply()
    assert e.value.crash and f"bucket {bucket_of(place, 0):#x} of a one-bucket table" in e.value.message


@pytest.mark.qemu
@pytest.mark.slow
@pytest.mark.parametrize("release", sorted(RELEASES))
def test_live_capture_matches(release):
    require(shutil.which("qemu-system-riscv64") is not None and shutil.which("gdb-multiarch") is not None,
            "qemu-system-riscv64 and gdb-multiarch needed")
    image = GENERATOR.kernel_build(release) / "arch" / "riscv" / "boot" / "Image"
    require(image.exists(), f"{image}: the {release} riscv64 kernel is not built (testdata/regen/build-kernel.sh)")
    fresh = json.loads(json.dumps(GENERATOR.capture(GENERATOR.modules_of(release), image, release)))
    assert check_dumped(release, fresh, RELEASES[release]) >= 10
    assert [m["errno"] for m in fresh["modules"]] == [m["errno"] for m in _capture(release)["modules"]]
