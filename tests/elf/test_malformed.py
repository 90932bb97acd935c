"""Malformed input: real kbuild objects with one thing broken.  Every accessor either works or
raises ElfError naming the file and the problem -- never another exception, never a hang."""

from __future__ import annotations

import struct

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pymodpost.elf import ElfError, ElfFile
from pymodpost.elf import constants as C
from pymodpost.elf.errors import ElfWriteError
from pymodpost.elf.writer import ElfModel
from tests.conftest import TESTDATA, require

SMALL = TESTDATA / "riscv64" / "hello" / "hello.o"  # ELF64 LE, RELA, .modinfo, 2.8 KB
KO = TESTDATA / "x86_64" / "hello" / "hello.ko"  # notes, many relocation sections
PATH = "broken.o"


def original(path=SMALL) -> bytes:
    require(path.is_file(), f"fixture missing: {path}")
    return path.read_bytes()


def exercise(data: bytes) -> None:
    """Touch every accessor the layer offers, the way its users do."""
    elf = ElfFile(data, PATH)
    _ = (elf.header, elf.machine, elf.type, elf.flags, elf.elf_size())
    for s in elf.sections:
        bytes(elf.section_data(s))
        elf.section_by_name(s.name)
    syms = elf.symtab
    if syms is not None:
        names = syms.names
        _ = (syms.shndx, syms.bind, syms.type, syms.visibility, syms.first_global)
        syms.index_by_name()
        for i in range(min(len(syms), 50)):
            assert syms[i].name == names[i]
    for rs in elf.relocation_sections():
        rel = elf.relocations(rs)
        list(rel)
        rel.type_names()
    elf.modinfo()
    elf.groups()
    for s in elf.sections_of_type(C.SHT_NOTE):
        elf.notes(s)
    try:
        ElfModel.from_elf(elf).to_bytes()
    except ElfWriteError:
        pass  # e.g. overlapping sections: the writer refuses, it does not crash


def broken(data: bytes, match: str) -> None:
    with pytest.raises(ElfError) as info:
        exercise(data)
    assert info.value.message.startswith(f"{PATH}: ")
    assert match in info.value.message, info.value.message


# --- helpers that break one field of a real file -------------------------------------------
def put(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into("<" + fmt, out, offset, value)
    return bytes(out)


HDR64 = {"e_shoff": (0x28, "Q"), "e_ehsize": (0x34, "H"), "e_shentsize": (0x3A, "H"),
         "e_shnum": (0x3C, "H"), "e_shstrndx": (0x3E, "H"), "e_version": (0x14, "I")}
SHDR64 = {"name": (0, "I"), "type": (4, "I"), "offset": (0x18, "Q"), "size": (0x20, "Q"),
          "link": (0x28, "I"), "info": (0x2C, "I"), "entsize": (0x38, "Q")}


def set_header(data: bytes, field: str, value: int) -> bytes:
    off, fmt = HDR64[field]
    return put(data, off, fmt, value)


def set_section(data: bytes, index: int, field: str, value: int) -> bytes:
    (shoff,) = struct.unpack_from("<Q", data, HDR64["e_shoff"][0])  # the file may be broken already
    off, fmt = SHDR64[field]
    return put(data, shoff + index * 64 + off, fmt, value)


def section_index(data: bytes, sh_type: int) -> int:
    return ElfFile(data).sections_of_type(sh_type)[0].index


def set_symbol(data: bytes, index: int, field: str, value: int) -> bytes:
    elf = ElfFile(data)
    base = elf.symtab.section.offset + index * 24
    off, fmt = {"name": (0, "I"), "shndx": (6, "H")}[field]
    return put(data, base + off, fmt, value)


# --- the deterministic set -----------------------------------------------------------------
def test_the_original_is_fine():
    exercise(original())
    exercise(original(KO))


@pytest.mark.parametrize("cut", [0, 1, 3, 4, 15, 16, 17, 40, 63])
def test_truncated_inside_the_header(cut):
    broken(original()[:cut], "ELF" if cut < 16 else "too short")


def test_truncated_anywhere():
    """Every cut point of a real object: a clean error (or, before the section headers were
    needed, a clean parse) -- never anything else."""
    data = original()
    for cut in range(0, len(data), 7):
        try:
            exercise(data[:cut])
        except ElfError as e:
            assert e.message.startswith(f"{PATH}: ")


def test_not_elf():
    broken(b"\x7fELG" + original()[4:], "not an ELF file")
    broken(b"#!/bin/sh\necho hi\n" * 4, "not an ELF file")


@pytest.mark.parametrize("byte,value,match", [
    (C.EI_CLASS, 0, "unknown ELF class 0"), (C.EI_CLASS, 3, "unknown ELF class 3"),
    (C.EI_DATA, 0, "unknown ELF data encoding 0"), (C.EI_DATA, 7, "unknown ELF data encoding 7"),
    (C.EI_VERSION, 2, "unsupported ELF version 2"),
])
def test_bad_identification(byte, value, match):
    data = bytearray(original())
    data[byte] = value
    broken(bytes(data), match)


def test_wrong_class_byte_gives_a_size_complaint_not_garbage():
    data = bytearray(original())
    data[C.EI_CLASS] = C.ELFCLASS32  # an ELF64 file claiming to be ELF32
    broken(bytes(data), "")


def test_wrong_byte_order_byte():
    data = bytearray(original())
    data[C.EI_DATA] = C.ELFDATA2MSB
    broken(bytes(data), "")  # the header fields become absurd; any clean complaint will do


@pytest.mark.parametrize("field,value,match", [
    ("e_version", 7, "unsupported ELF version 7"),
    ("e_ehsize", 52, "ELF header size 52"),
    ("e_shentsize", 40, "section header size 40"),
    ("e_shoff", 1 << 40, "section header table goes past the end of the file"),
    ("e_shoff", 0xFFFFFFFFFFFFFFF0, "section header table goes past the end of the file"),
    ("e_shnum", 0xFFF0, "section header table goes past the end of the file"),
    ("e_shstrndx", 0xFF00, "section header string table index 65280 is out of range"),
])
def test_bad_header_fields(field, value, match):
    broken(set_header(original(), field, value), match)


def test_extended_count_that_is_absurd():
    """e_shnum == 0 sends the reader to section 0's sh_size: a huge count there must not lead
    to a huge allocation."""
    data = set_header(original(), "e_shnum", 0)
    data = set_section(data, 0, "size", 1 << 62)
    broken(data, "section header table goes past the end of the file")


def test_extended_string_table_index_out_of_range():
    data = set_header(original(), "e_shstrndx", C.SHN_XINDEX)
    data = set_section(data, 0, "link", 0x7FFFFFFF)
    broken(data, "section header string table index 2147483647 is out of range")


@pytest.mark.parametrize("field", ["offset", "size"])
def test_section_contents_past_the_end(field):
    data = original()
    i = section_index(data, C.SHT_SYMTAB)
    broken(set_section(data, i, field, len(data)), f"section {i} goes past the end of the file")
    broken(set_section(data, i, field, 0xFFFFFFFFFFFFFFFF), "goes past the end of the file")


def test_huge_nobits_is_fine():
    """SHT_NOBITS takes no room in the file, so any size is acceptable (as for .bss)."""
    data = original()
    bss = ElfFile(data).section_by_name(".bss").index
    elf = ElfFile(set_section(data, bss, "size", 1 << 60))
    assert elf.sections[bss].size == 1 << 60 and len(elf.section_data(bss)) == 0


def test_section_name_out_of_range():
    broken(set_section(original(), 1, "name", 0x100000), "name at offset 0x100000 is past the end")


def test_section_names_without_nul():
    data = bytearray(original())
    elf = ElfFile(bytes(data))
    sh = elf.sections[elf.header.e_shstrndx]
    data[sh.offset:sh.offset + sh.size] = b"x" * sh.size
    broken(bytes(data), "not NUL-terminated")


@pytest.mark.parametrize("value,match", [(0, "sh_link 0 does not name a string table"),
                                         (9999, "sh_link 9999 does not name"),
                                         (1, "not a string table")])
def test_symtab_link(value, match):
    data = original()
    broken(set_section(data, section_index(data, C.SHT_SYMTAB), "link", value), match)


def test_symtab_entry_size():
    data = original()
    broken(set_section(data, section_index(data, C.SHT_SYMTAB), "entsize", 16),
           "has entry size 16, not 24")


def test_symtab_size_not_a_multiple():
    data = original()
    i = section_index(data, C.SHT_SYMTAB)
    size = ElfFile(data).sections[i].size
    broken(set_section(data, i, "size", size - 5), "not a multiple of its entry size 24")


@pytest.mark.parametrize("field", ["link", "info", "entsize"])
def test_relocation_section_fields(field):
    data = original()
    i = section_index(data, C.SHT_RELA)
    value = {"link": 4242, "info": 4242, "entsize": 16}[field]
    match = {"link": "sh_link 4242 does not name a symbol table",
             "info": "sh_info 4242 does not name a section", "entsize": "entry size 16, not 24"}
    broken(set_section(data, i, field, value), match[field])


def test_relocation_symbol_past_the_symbol_table():
    data = bytearray(original())
    elf = ElfFile(bytes(data))
    rs = elf.relocation_sections()[0]
    nsyms = len(elf.symtab)
    info_at = rs.offset + 8
    rtype = struct.unpack_from("<Q", data, info_at)[0] & 0xFFFFFFFF
    struct.pack_into("<Q", data, info_at, (nsyms + 3) << 32 | rtype)
    broken(bytes(data), f"refers to symbol {nsyms + 3}, but .symtab has only {nsyms} entries")


def test_symbol_name_past_the_string_table():
    broken(set_symbol(original(), 1, "name", 0xFFFFFF), "symbol 1: name at offset 0xffffff in .strtab is past the end")


def test_symbol_section_index_out_of_range():
    data = original()
    nsec = len(ElfFile(data).sections)
    broken(set_symbol(data, 1, "shndx", nsec + 5), f"section index {nsec + 5}, which is out of range")
    # reserved values are not section indexes: SHN_ABS is fine, SHN_XINDEX needs a table
    exercise(set_symbol(data, 1, "shndx", C.SHN_ABS))
    broken(set_symbol(data, 1, "shndx", C.SHN_XINDEX), "no SHT_SYMTAB_SHNDX")


def test_string_table_without_final_nul():
    data = bytearray(original())
    elf = ElfFile(bytes(data))
    strtab = elf.symtab.strtab
    data[strtab.offset + strtab.size - 1] = ord("x")
    broken(bytes(data), "is not NUL-terminated")


def test_string_accessor_checks():
    elf = ElfFile(original(), PATH)
    sh = elf.header.e_shstrndx
    assert elf.string(sh, elf.sections[1].name_offset) == elf.sections[1].name
    with pytest.raises(ElfError, match="past the end"):
        elf.string(sh, 1 << 20)
    with pytest.raises(ElfError, match="out of range"):
        elf.string(10_000, 0)
    with pytest.raises(ElfError, match="out of range"):
        elf.symtab[len(elf.symtab)]
    with pytest.raises(ElfError, match="out of range"):
        elf.relocations(elf.relocation_sections()[0])[10_000]


def test_note_running_past_its_section():
    data = bytearray(original(KO))
    elf = ElfFile(bytes(data))
    note = elf.sections_of_type(C.SHT_NOTE)[0]
    struct.pack_into("<I", data, note.offset + 4, 0xFFFFFF)  # descsz
    broken(bytes(data), "runs past the end of the section")


def test_group_member_out_of_range():
    from tests.elf.test_writer import scratch_object  # a writer-made object, then a group added
    from dataclasses import replace
    from pymodpost.elf.writer import OutSection
    model = ElfModel.from_elf(ElfFile(scratch_object()))
    group = OutSection(".group", C.SHT_GROUP, link=4, info=4, addralign=4, entsize=4,
                       data=struct.pack("<III", C.GRP_COMDAT, 1, 77))
    model.sections = [replace(s, offset=None, name_offset=None) for s in model.sections]
    model.sections[8] = replace(model.sections[8], data=b"")
    model.sections.append(group)
    model.shoff = None
    broken(model.to_bytes(), "lists section 77, which does not exist")


# --- randomised: any mutation, clean outcome -----------------------------------------------
@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_mutations_give_a_parse_or_an_elf_error(data):
    blob = bytearray(original())
    kind = data.draw(st.sampled_from(["bytes", "word", "truncate", "headers"]))
    if kind == "truncate":
        blob = blob[: data.draw(st.integers(0, len(blob)))]
    elif kind == "headers":
        # flip words inside the ELF header or the section header table, where it hurts most
        elf = ElfFile(bytes(blob))
        lo = data.draw(st.sampled_from([0, elf.header.e_shoff]))
        span = 64 if lo == 0 else len(elf.sections) * 64
        for _ in range(data.draw(st.integers(1, 4))):
            at = lo + data.draw(st.integers(0, span - 4))
            value = data.draw(st.sampled_from([0, 1, 0xFF, 0xFFFF, 0xFFFFFFFF, 0x7FFFFFFF]) |
                              st.integers(0, 2**32 - 1))
            struct.pack_into("<I", blob, at, value)
    elif kind == "word":
        at = data.draw(st.integers(0, len(blob) - 8))
        struct.pack_into("<Q", blob, at, data.draw(st.integers(0, 2**64 - 1)))
    else:
        for _ in range(data.draw(st.integers(1, 16))):
            blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    try:
        exercise(bytes(blob))
    except ElfError as e:
        assert e.message.startswith(f"{PATH}: ") and "\n" not in e.message
