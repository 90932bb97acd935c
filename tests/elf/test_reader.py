"""The reader against independent oracles (pyelftools field by field, readelf's names) on real
kbuild objects, compiled objects of other classes/byte orders, and the installed kernel's modules."""

from __future__ import annotations

import pytest

from pymodpost.elf import ElfFile
from pymodpost.elf import constants as C
from tests.conftest import require, require_programs
from tests.elf.objects import (compile_object, corpus_modules, fixture_ids, fixture_objects, have)
from tests.elf.oracle import compare_with_pyelftools, readelf_relocation_names

FIXTURES = fixture_objects()


def test_fixtures_present():
    require(bool(FIXTURES), "no kbuild fixtures under testdata/<arch>/")
    machines = {ElfFile.open(p).machine for p in FIXTURES}
    assert machines == {C.EM_X86_64, C.EM_RISCV}


@pytest.mark.parametrize("path", FIXTURES, ids=fixture_ids(FIXTURES))
def test_fixture_matches_pyelftools(path):
    compare_with_pyelftools(path.read_bytes())


@pytest.mark.parametrize("path", FIXTURES, ids=fixture_ids(FIXTURES))
def test_fixture_relocation_names_match_readelf(path):
    require_programs("readelf")
    elf = ElfFile.open(path)
    expected = readelf_relocation_names(path)
    ours = {s.name: elf.relocations(s).type_names() for s in elf.relocation_sections()}
    assert ours == expected


@pytest.mark.parametrize("path", FIXTURES, ids=fixture_ids(FIXTURES))
def test_fixture_modinfo_is_the_nul_separated_strings(path):
    elf = ElfFile.open(path)
    sec = elf.section_by_name(".modinfo")
    if sec is None:
        assert elf.modinfo() == []
        return
    raw = bytes(elf.section_data(sec))
    entries = [x.decode() for x in raw.split(b"\0") if x]
    assert ["=".join(kv) if "=" in e else e for kv, e in zip(elf.modinfo(), entries)] == entries
    assert all("=" in e for e in entries)  # kbuild never writes a bare key


COMPILERS = {
    "x86_64": (["gcc"], 64, True, C.EM_X86_64),
    "i386-pic": (["gcc", "-m32", "-fPIC"], 32, True, C.EM_386),
    "riscv64": (["riscv64-linux-gnu-gcc"], 64, True, C.EM_RISCV),
}


@pytest.mark.kbuild
@pytest.mark.parametrize("flavour", sorted(COMPILERS))
def test_compiled_object_matches_oracles(tmp_path, flavour):
    compiler, elfclass, little, machine = COMPILERS[flavour]
    require(have(compiler[0]), f"not installed: {compiler[0]}")
    try:
        path = compile_object(tmp_path, compiler, flavour)
    except Exception as e:  # e.g. gcc without 32-bit multilib
        require(False, f"{' '.join(compiler)} cannot compile: {e}")
    elf = ElfFile.open(path)
    assert (elf.elfclass, elf.little, elf.machine) == (elfclass, little, machine)
    compare_with_pyelftools(path.read_bytes())
    if have("readelf") and machine in C.RELOC_TYPES:  # names exist for the modelled machines
        assert {s.name: elf.relocations(s).type_names()
                for s in elf.relocation_sections()} == readelf_relocation_names(path)


@pytest.mark.kbuild
def test_groups_of_a_pic_i386_object(tmp_path):
    """gcc -m32 -fPIC puts each __x86.get_pc_thunk.* in a COMDAT group."""
    require(have("gcc"), "not installed: gcc")
    try:
        path = compile_object(tmp_path, ["gcc", "-m32", "-fPIC"], "pic")
    except Exception as e:
        require(False, f"gcc -m32 cannot compile: {e}")
    from elftools.elf.elffile import ELFFile
    from elftools.elf.sections import Section as PySection
    elf = ElfFile.open(path)
    groups = elf.groups()
    assert groups and all(g.flags == C.GRP_COMDAT for g in groups)
    with open(path, "rb") as f:
        pe = ELFFile(f)
        for g in groups:
            t = pe.get_section(g.section.index)
            assert isinstance(t, PySection)
            words = [int.from_bytes(t.data()[i:i + 4], "little") for i in range(0, t.data_size, 4)]
            assert [g.flags, *g.members] == words
            assert g.signature.startswith("__x86.get_pc_thunk.")
            for m in g.members:
                assert elf.sections[m].flags & C.SHF_GROUP


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_sample_matches_pyelftools():
    mods = corpus_modules()
    # an even spread over the corpus keeps this a few seconds long
    for path in mods[:: max(1, len(mods) // 40)]:
        compare_with_pyelftools(path.read_bytes())


@pytest.mark.corpus
@pytest.mark.slow
def test_whole_corpus_reads_without_complaint():
    """All 4,000+ real modules pass every check and every accessor (no false alarms)."""
    from tests.x86_kernels import pins

    mods, abi = corpus_modules(), pins.pin_for("6.1").abi
    for path in mods:
        elf = ElfFile.open(path)
        syms = elf.symtab
        assert syms.names[0] == "" and len(syms.shndx) == len(syms)
        for rs in elf.relocation_sections():
            rel = elf.relocations(rs)
            assert len(rel.type) == len(rel)
        info = dict(elf.modinfo())
        assert info["vermagic"].startswith(f"{abi} "), path
        for note in elf.sections_of_type(C.SHT_NOTE):
            elf.notes(note)
        elf.groups()
