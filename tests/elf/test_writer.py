"""The ET_REL writer against real producers: byte-identical round trips of kbuild objects, the
layout and string tables GNU as/ld produce, other classes and byte orders checked by
pyelftools and readelf, and objects written from scratch that the real linker accepts."""

from __future__ import annotations

import subprocess
from dataclasses import replace

import numpy as np
import pytest

from pymodpost.elf import ElfError, ElfFile
from pymodpost.elf import constants as C
from pymodpost.elf.errors import ElfWriteError
from pymodpost.elf.strtab import StringTableBuilder
from pymodpost.elf.writer import (ElfModel, OutSection, pack_relocations, pack_symbols,
                                  shstrtab_builder)
from tests.conftest import require, require_programs
from tests.elf.objects import compile_object, corpus_modules, fixture_ids, fixture_objects, have
from tests.elf.oracle import compare_with_pyelftools

FIXTURES = fixture_objects()
IDS = fixture_ids(FIXTURES)


def bfd_written(elf: ElfFile) -> bool:
    """GNU as and ld -r put .shstrtab last; objtool (libelf) appends sections after it when it
    rewrites an object, and lays the file out in index order."""
    return elf.header.e_shstrndx == len(elf.sections) - 1


# string tables as binutils builds them: only in files binutils wrote last (not objtool)
BFD_FIXTURES = [p for p in FIXTURES if bfd_written(ElfFile.open(p))]


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_round_trip_is_byte_identical(path):
    data = path.read_bytes()
    assert ElfModel.from_elf(ElfFile(data)).to_bytes() == data


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_layout_from_scratch_matches_the_producer(path):
    """Forget every offset and let the writer place the sections: the file comes out as the
    real assembler/linker wrote it."""
    data = path.read_bytes()
    elf = ElfFile(data)
    model = ElfModel.from_elf(elf)
    model.shoff = None
    model.layout = "bfd" if bfd_written(elf) else "index"
    model.sections = [replace(s, offset=None) for s in model.sections]
    assert model.to_bytes() == data


@pytest.mark.parametrize("path", BFD_FIXTURES, ids=fixture_ids(BFD_FIXTURES))
def test_string_tables_are_built_like_binutils(path):
    elf = ElfFile.open(path)
    names = [s.name for s in elf.sections]
    shstr = shstrtab_builder(names)
    assert shstr.data() == bytes(elf.section_data(elf.header.e_shstrndx))
    assert [shstr.offset(n) for n in names] == [s.name_offset for s in elf.sections]
    syms = elf.symtab
    strtab = StringTableBuilder(tail_merge=True)
    for n in syms.names:
        strtab.add(n)
    assert strtab.data() == bytes(elf.section_data(syms.strtab))
    assert [strtab.offset(n) for n in syms.names] == syms.array["st_name"].tolist()


@pytest.mark.parametrize("path", BFD_FIXTURES, ids=fixture_ids(BFD_FIXTURES))
def test_writer_builds_shstrtab_when_asked(path):
    elf = ElfFile.open(path)
    model = ElfModel.from_elf(elf)
    model.sections = [replace(s, name_offset=None) for s in model.sections]
    model.sections[elf.header.e_shstrndx].data = b""
    assert model.to_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_packing_reproduces_symbol_and_relocation_tables(path):
    elf = ElfFile.open(path)
    syms = elf.symtab
    a = syms.array
    rows = list(zip(*(a[f].tolist() for f in ("st_name", "st_value", "st_size", "st_info", "st_other", "st_shndx"))))
    assert pack_symbols(elf.elfclass, elf.little, rows) == bytes(elf.section_data(syms.section))
    assert pack_symbols(elf.elfclass, elf.little, a) == bytes(elf.section_data(syms.section))
    for sec in elf.relocation_sections():
        r = elf.relocations(sec)
        rows = list(zip(r.offset.tolist(), r.sym.tolist(), r.type.tolist(), r.addend.tolist()))
        assert pack_relocations(elf.elfclass, elf.little, r.is_rela, rows) == \
            bytes(elf.section_data(sec))


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_round_trip_keeps_the_signature():
    mods = corpus_modules()
    for path in mods[:: max(1, len(mods) // 200)]:
        data = path.read_bytes()
        model = ElfModel.from_elf(ElfFile(data))
        assert model.trailer.endswith(b"~Module signature appended~\n")
        assert model.to_bytes() == data
        model.sections = [replace(s, offset=None) for s in model.sections]
        model.shoff = None
        assert model.to_bytes() == data, path


# --- other classes and byte orders ---------------------------------------------------------
def with_byte_order(elf: ElfFile, little: bool) -> bytes:
    """``elf`` re-encoded in the other byte order: every table the format defines (header,
    section headers, symbols, relocations, groups, extended indexes) is repacked; section
    contents that are not ELF tables are copied as they are."""
    model = ElfModel.from_elf(elf)
    model.little = little
    word = np.dtype(("<" if little else ">") + "u4")
    for s in elf.sections:
        out = model.sections[s.index]
        if s.type in (C.SHT_SYMTAB, C.SHT_DYNSYM):
            out.data = pack_symbols(elf.elfclass, little, elf.symbols(s).array)
        elif s.type in (C.SHT_REL, C.SHT_RELA):
            r = elf.relocations(s)
            rows = list(zip(r.offset.tolist(), r.sym.tolist(), r.type.tolist(), r.addend.tolist()))
            out.data = pack_relocations(elf.elfclass, little, r.is_rela, rows)
        elif s.type in (C.SHT_GROUP, C.SHT_SYMTAB_SHNDX):
            words = np.frombuffer(elf.section_data(s), ("<" if elf.little else ">") + "u4")
            out.data = words.astype(word).tobytes()
    return model.to_bytes()


def readelf_listing(path) -> list[str]:
    """readelf's view of sections, symbols and relocations, minus what legitimately differs
    between byte orders (the Magic: and Data: lines)."""
    out = subprocess.run(["readelf", "-hSsrgW", str(path)], capture_output=True, text=True,
                         check=True)
    assert out.stderr == ""
    return [line for line in out.stdout.splitlines() 
            if "Data:" not in line and "Magic:" not in line]


FLAVOURS = {"x86_64": ["gcc"], "i386-pic": ["gcc", "-m32", "-fPIC"],
            "riscv64": ["riscv64-linux-gnu-gcc"]}


@pytest.mark.kbuild
@pytest.mark.parametrize("flavour", sorted(FLAVOURS))
def test_big_endian_copy_reads_the_same(tmp_path, flavour):
    compiler = FLAVOURS[flavour]
    require(have(compiler[0]), f"not installed: {compiler[0]}")
    require_programs("readelf")
    try:
        src = compile_object(tmp_path, compiler, flavour)
    except subprocess.CalledProcessError as e:
        require(False, f"{' '.join(compiler)} cannot compile: {e.stderr}")
    elf = ElfFile.open(src)
    big = tmp_path / "big.o"
    big.write_bytes(with_byte_order(elf, little=False))
    belf = ElfFile.open(big)
    assert not belf.little and belf.elfclass == elf.elfclass
    compare_with_pyelftools(big.read_bytes())
    assert readelf_listing(big) == readelf_listing(src)
    # and back again: the original bytes
    assert with_byte_order(belf, little=True) == src.read_bytes()
    assert belf.symtab.names == elf.symtab.names
    assert [g.members for g in belf.groups()] == [g.members for g in elf.groups()]


# --- written from scratch ------------------------------------------------------------------
def scratch_object(elfclass: int = 64, little: bool = True, machine: int = C.EM_X86_64) -> bytes:
    """A small object built only through the writer API: code calling an undefined function,
    a data word pointing at a local, a zero-initialised variable."""
    strtab = StringTableBuilder(tail_merge=True)
    names = ["scratch.c", "counter", "scratch_fn", "ext_fn"]
    for n in names:
        strtab.add(n)
    info = lambda bind, typ: (bind << 4) | typ  # noqa: E731
    # index: 0 null, 1 FILE, 2 section .text, 3 counter (local), 4 scratch_fn, 5 ext_fn
    syms = [
        (0, 0, 0, 0, 0, 0),
        (strtab.offset("scratch.c"), 0, 0, info(C.STB_LOCAL, C.STT_FILE), 0, C.SHN_ABS),
        (0, 0, 0, info(C.STB_LOCAL, C.STT_SECTION), 0, 1),
        (strtab.offset("counter"), 0, 4, info(C.STB_LOCAL, C.STT_OBJECT), 0, 3),
        (strtab.offset("scratch_fn"), 0, 8, info(C.STB_GLOBAL, C.STT_FUNC), 0, 1),
        (strtab.offset("ext_fn"), 0, 0, info(C.STB_GLOBAL, C.STT_NOTYPE), 0, C.SHN_UNDEF),
    ]
    code = bytes.fromhex("e800000000c3") + b"\x90\x90"  # call ext_fn; ret
    ptr = 8 if elfclass == 64 else 4
    rela = elfclass == 64
    relname = ".rela" if rela else ".rel"
    rtype_call, rtype_ptr = (C.RX86_64.R_X86_64_PLT32, C.RX86_64.R_X86_64_64) if machine == C.EM_X86_64 \
        else (4, 1)  # R_386_PLT32, R_386_32
    rsize = C.RELA_SIZE if rela else C.REL_SIZE
    key = C.ELFCLASS64 if elfclass == 64 else C.ELFCLASS32
    secs = [
        OutSection("", C.SHT_NULL),
        OutSection(".text", C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_EXECINSTR, addralign=16, data=code),
        OutSection(".data", C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_WRITE, addralign=ptr,
                   data=bytes(ptr)),
        OutSection(".bss", C.SHT_NOBITS, C.SHF_ALLOC | C.SHF_WRITE, addralign=4, size=4),
        OutSection(".symtab", C.SHT_SYMTAB, link=5, info=4, addralign=ptr,
                   entsize=C.SYM_SIZE[key], data=pack_symbols(elfclass, little, syms)),
        OutSection(".strtab", C.SHT_STRTAB, data=strtab.data()),
        OutSection(relname + ".text", C.SHT_RELA if rela else C.SHT_REL, C.SHF_INFO_LINK, link=4,
                   info=1, addralign=ptr, entsize=rsize[key],
                   data=pack_relocations(elfclass, little, rela, [(1, 5, rtype_call, -4)])),
        OutSection(relname + ".data", C.SHT_RELA if rela else C.SHT_REL, C.SHF_INFO_LINK, link=4,
                   info=2, addralign=ptr, entsize=rsize[key],
                   data=pack_relocations(elfclass, little, rela, [(0, 3, rtype_ptr, 0)])),
        OutSection(".shstrtab", C.SHT_STRTAB),
    ]
    return ElfModel(elfclass, little, machine, sections=secs, shstrndx=8).to_bytes()


def test_scratch_object_reads_back():
    elf = ElfFile(scratch_object())
    assert [s.name for s in elf.sections] == ["", ".text", ".data", ".bss", ".symtab", ".strtab",
                                              ".rela.text", ".rela.data", ".shstrtab"]
    assert elf.symtab.names == ["", "scratch.c", "", "counter", "scratch_fn", "ext_fn"]
    assert elf.symtab.index_by_name()["ext_fn"] == 5
    r = elf.relocations(6)
    assert (r[0].offset, r[0].sym, r[0].type, r[0].addend) == (1, 5, 4, -4)
    assert elf.sections[3].size == 4 and bytes(elf.section_data(3)) == b""
    # the writer's layout is BFD's: .text at 0x40 (16-aligned), relocations after .strtab
    assert elf.sections[1].offset == 0x40
    assert elf.sections[6].offset > elf.sections[5].offset > elf.sections[4].offset
    assert elf.sections[8].offset > elf.sections[7].offset
    compare_with_pyelftools(elf.data)


@pytest.mark.kbuild
@pytest.mark.parametrize("elfclass", [64, 32])
def test_real_linker_accepts_scratch_object(tmp_path, elfclass):
    require_programs("ld", "readelf")
    obj = tmp_path / "scratch.o"
    obj.write_bytes(scratch_object(elfclass, machine=C.EM_X86_64 if elfclass == 64 else C.EM_386))
    emulation = "elf_x86_64" if elfclass == 64 else "elf_i386"
    check = subprocess.run(["readelf", "-aW", str(obj)], capture_output=True, text=True)
    assert check.returncode == 0 and check.stderr == "", check.stderr
    # ld -r: the linker re-reads, relocates nothing, writes it back
    out = tmp_path / "linked.o"
    done = subprocess.run(["ld", "-m", emulation, "-r", "-o", str(out), str(obj)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    linked = ElfFile.open(out)
    assert set(linked.symtab.names) >= {"scratch_fn", "ext_fn", "counter"}
    # a final link with ext_fn defined resolves the call: ld read our relocations
    exe = tmp_path / "a.out"
    done = subprocess.run(["ld", "-m", emulation, "-e", "scratch_fn", "--defsym", "ext_fn=0x1000",
                           "-o", str(exe), str(obj)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr


@pytest.mark.kbuild
@pytest.mark.slow
def test_extended_section_numbering_from_gas(tmp_path):
    """More than 0xff00 sections: e_shnum and e_shstrndx move into section 0.  GNU as writes
    such a file; we read it like pyelftools does and write it back byte for byte."""
    require_programs("as")
    asm = tmp_path / "many.s"
    n = C.SHN_LORESERVE + 16
    asm.write_text("".join(f'.section .s{i},"a"\n.byte {i & 0xff}\n' for i in range(n))
                   + ".globl last\nlast:\n")
    obj = tmp_path / "many.o"
    subprocess.run(["as", "-o", str(obj), str(asm)], check=True, capture_output=True)
    data = obj.read_bytes()
    elf = ElfFile(data)
    assert elf.header.raw_shnum == 0 and elf.header.raw_shstrndx == C.SHN_XINDEX
    assert len(elf.sections) == elf.header.e_shnum > C.SHN_LORESERVE
    assert elf.sections[elf.header.e_shstrndx].name == ".shstrtab"
    assert elf.section_by_name(f".s{n - 1}") is not None
    last = elf.symtab[elf.symtab.index_by_name()["last"]]
    assert last.st_shndx == C.SHN_XINDEX and elf.sections[last.shndx].name == f".s{n - 1}"
    assert ElfModel.from_elf(elf).to_bytes() == data
    from elftools.elf.elffile import ELFFile
    import io
    pe = ELFFile(io.BytesIO(data))
    assert pe.num_sections() == len(elf.sections)
    assert pe.get_shstrndx() == elf.header.e_shstrndx


def test_writer_refuses_what_it_cannot_write():
    base = [OutSection("", C.SHT_NULL), OutSection(".a", C.SHT_PROGBITS, data=b"x" * 16, offset=0x40),
            OutSection(".b", C.SHT_PROGBITS, data=b"y" * 16, offset=0x48),
            OutSection(".shstrtab", C.SHT_STRTAB)]
    with pytest.raises(ElfWriteError, match="overlaps"):
        ElfModel(64, True, C.EM_X86_64, sections=base, shstrndx=3).to_bytes()
    with pytest.raises(ElfWriteError, match="null section"):
        ElfModel(64, True, C.EM_X86_64, sections=base[1:], shstrndx=2).to_bytes()
    with pytest.raises(ElfWriteError, match="size"):
        ElfModel(64, True, C.EM_X86_64, shstrndx=2, sections=[
            base[0], OutSection(".a", C.SHT_PROGBITS, data=b"x", size=2),
            OutSection(".shstrtab", C.SHT_STRTAB)]).to_bytes()
    with pytest.raises(ElfWriteError, match="not in the given"):
        ElfModel(64, True, C.EM_X86_64, shstrndx=2, sections=[
            base[0], OutSection(".a", C.SHT_PROGBITS),
            OutSection(".shstrtab", C.SHT_STRTAB, data=b"\0.b\0")]).to_bytes()


@pytest.mark.kbuild
def test_files_with_program_headers_are_refused(tmp_path):
    require_programs("ld")
    obj = tmp_path / "s.o"
    obj.write_bytes(scratch_object())
    exe = tmp_path / "s"
    subprocess.run(["ld", "-e", "scratch_fn", "--defsym", "ext_fn=0x1000", "-o", str(exe),
                    str(obj)], check=True, capture_output=True)
    with pytest.raises(ElfWriteError, match="program headers"):
        ElfModel.from_elf(ElfFile.open(exe))


def test_string_table_builder_without_merging_gives_offsets_at_once():
    b = StringTableBuilder()
    assert [b.add("abc"), b.add("bc"), b.add("abc"), b.add("")] == [1, 5, 1, 0]
    assert b.data() == b"\0abc\0bc\0"
    m = StringTableBuilder(tail_merge=True)
    for s in ("bc", "abc", "x"):
        m.add(s)
    assert m.data() == b"\0abc\0x\0" and m.offset("bc") == 2
    with pytest.raises(ValueError):
        m.add("new")
