"""The record layouts: each declared once, sized as <elf.h> sizes them, struct and numpy agreeing."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from pymodpost.elf import constants as C
from pymodpost.elf import layouts as L

#: sizeof(Elf32_X), sizeof(Elf64_X) from <elf.h>
SIZES = {"Ehdr": (52, 64), "Shdr": (40, 64), "Sym": (16, 24), "Rel": (8, 16), "Rela": (12, 24),
         "Phdr": (32, 56), "Nhdr": (12, 12)}
PREFIXES = {"Ehdr": "e_", "Shdr": "sh_", "Sym": "st_", "Rel": "r_", "Rela": "r_", "Phdr": "p_",
            "Nhdr": "n_"}


@pytest.mark.parametrize("record", L.RECORDS, ids=lambda r: r.name)
def test_sizes_are_those_of_elf_h(record):
    assert (record.size(32), record.size(64)) == SIZES[record.name]


@pytest.mark.parametrize("record", L.RECORDS, ids=lambda r: r.name)
@pytest.mark.parametrize("elfclass", (32, 64))
@pytest.mark.parametrize("little", (True, False))
def test_struct_and_dtype_read_the_same_fields(record, elfclass, little):
    fmt, dtype = record.struct(elfclass, little), record.dtype(elfclass, little)
    assert dtype.names == record.names(elfclass)
    assert dtype.itemsize == fmt.size
    raw = bytes(range(1, fmt.size + 1))
    row = np.frombuffer(raw, dtype)[0]
    unpacked = fmt.unpack(raw)
    for name, value in zip(record.names(elfclass), unpacked):
        assert (row[name].tobytes() if isinstance(value, bytes) else int(row[name])) == value, name


@pytest.mark.parametrize("record", L.RECORDS, ids=lambda r: r.name)
def test_every_field_is_named_as_the_spec_and_documented(record):
    for field in record.fields.values():
        assert field.name.startswith(PREFIXES[record.name])
        assert field.doc.strip()


def test_symbol_order_differs_between_classes_as_in_elf_h():
    assert L.SYM.offset("st_value", 32) == 4 and L.SYM.offset("st_value", 64) == 8
    assert L.PHDR.offset("p_flags", 32) == 24 and L.PHDR.offset("p_flags", 64) == 4


def test_constants_sizes_agree():
    for klass, bits in ((C.ELFCLASS32, 32), (C.ELFCLASS64, 64)):
        assert C.EHDR_SIZE[klass] == L.EHDR.size(bits)
        assert C.SHDR_SIZE[klass] == L.SHDR.size(bits)
        assert C.SYM_SIZE[klass] == L.SYM.size(bits)
        assert C.REL_SIZE[klass] == L.REL.size(bits)
        assert C.RELA_SIZE[klass] == L.RELA.size(bits)


@pytest.mark.parametrize("little", (True, False))
def test_rel_view_overlays_symbol_and_type(little):
    dtype = L.rel_view_dtype(64, little, True)
    raw = L.RELA.struct(64, little).pack(0x10, (7 << 32) | 2, -4)
    row = np.frombuffer(raw, dtype)[0]
    assert (int(row["r_sym"]), int(row["r_type"]), int(row["r_addend"])) == (7, 2, -4)
    sym, rtype = L.r_info_split(32, np.array([(7 << 8) | 2], np.uint32))
    assert (int(sym[0]), int(rtype[0])) == (7, 2)


def test_ehdr_struct_is_the_c_layout():
    assert L.EHDR.struct(64, True).format == "<16sHHIQQQIHHHHHH"
    assert L.SHDR.struct(64, True).format == "<IIQQQQIIQQ"
    assert struct.calcsize(L.SYM.struct(64, False).format) == 24
