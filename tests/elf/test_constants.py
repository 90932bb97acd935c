"""Relocation numbers and names against readelf: an object with one relocation of every type
number 0-255, written by our writer, is listed by readelf and compared with reloc_type_name."""

from __future__ import annotations

import subprocess

import pytest

from pymodpost.elf import ElfFile
from pymodpost.elf import constants as C
from tests.conftest import require_programs
from tests.elf.oracle import readelf_relocation_names
from tests.elf.test_writer import scratch_object
from pymodpost.elf.writer import ElfModel, pack_relocations

#: numbers readelf 2.40 (Debian bookworm) does not know yet, named by later psABI/binutils
NEWER_THAN_READELF_2_40 = {
    C.EM_X86_64: set(range(43, 52)),  # APX CODE_4/5/6 relocations (binutils 2.43+)
    C.EM_RISCV: {12, *range(59, 66)},  # TLSDESC, PLT32, SET/SUB_ULEB128, TLSDESC_* (2.41+)
}


def every_type_object(machine: int) -> bytes:
    """The writer's scratch object with .rela.text replaced by 256 relocations, type n at n*4."""
    model = ElfModel.from_elf(ElfFile(scratch_object(machine=machine)))
    model.machine = machine
    rela = next(i for i, s in enumerate(model.sections) if s.name == ".rela.text")
    rows = [(n * 4, 0, n, 0) for n in range(256)]
    model.sections[rela].data = pack_relocations(64, True, True, rows)
    for s in model.sections:
        s.offset = None
    model.shoff = None
    return model.to_bytes()


@pytest.mark.parametrize("machine", [C.EM_X86_64, C.EM_RISCV])
def test_every_relocation_name_agrees_with_readelf(tmp_path, machine):
    require_programs("readelf")
    path = tmp_path / "types.o"
    path.write_bytes(every_type_object(machine))
    theirs = readelf_relocation_names(path)[".rela.text"]
    assert len(theirs) == 256
    newer = NEWER_THAN_READELF_2_40[machine]
    version = subprocess.run(["readelf", "--version"], capture_output=True, text=True).stdout
    for n, name in enumerate(theirs):
        ours = C.reloc_type_name(machine, n)
        if n in newer and name.startswith("unrecognized"):
            assert ours != name and ours.startswith("R_"), n  # we know the later name
        elif n in newer and "2.40" not in version:
            assert ours == name, n  # a newer readelf: must agree
        else:
            assert ours == name, (n, ours, name)
    assert C.reloc_type_name(machine, 255) == theirs[255] == "unrecognized: ff"


def test_enums_hold_the_psabi_numbers():
    r = C.RRiscv
    assert (r.R_RISCV_32_PCREL, r.R_RISCV_PLT32, r.R_RISCV_SET_ULEB128,
            r.R_RISCV_SUB_ULEB128, r.R_RISCV_TLSDESC_CALL) == (57, 59, 60, 61, 65)
    assert r(47).name == "R_RISCV_GPREL_I" and r.R_RISCV_GPREL_LO12_I == 47  # reused number
    assert C.RX86_64.R_X86_64_PLT32 == 4 and C.RX86_64(42).name == "R_X86_64_REX_GOTPCRELX"
    assert C.reloc_type_name(C.EM_ARM, 2) == "unrecognized: 2"
