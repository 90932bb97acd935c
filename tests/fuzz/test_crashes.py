"""Every crash the fuzz campaign found stays a regression test: the stored case
(testdata/fuzz/crashes/<entry>/<signature>-<seed>-<number>/) must now get a clean answer.
Cases of a bug still open (tests/fuzz/entries.py: KNOWN_OPEN) are reported as expected failures."""

from __future__ import annotations

import struct

import pytest

from pymodpost.errors import PymodpostError
from tests.conftest import TESTDATA, require
from tests.fuzz.entries import CRASHES, known_open_bug, link_case, load_case, run_case, saved_cases

CASES = saved_cases()


@pytest.mark.parametrize("directory", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_stored_crash_is_answered(directory, tmp_path):
    case = load_case(directory)
    try:
        outcome = run_case(case, tmp_path, 10.0)
    except Exception as e:
        bug = known_open_bug(e)
        if bug is not None:
            pytest.xfail(f"known open bug {bug}")
        raise
    assert outcome == "ok" or outcome.startswith("refused: ")


LD_RECORDED = [p for p in CASES if (p / "ld.ko").is_file()]


@pytest.mark.parametrize("directory", LD_RECORDED, ids=[p.name for p in LD_RECORDED])
def test_stored_link_case_is_byte_identical_to_real_ld(directory):
    """Cases where GNU ld links the damaged inputs: its output (``ld.ko``, recorded with
    ``ld -r -m EMU -T module.lds --build-id=sha1 -o ld.ko m.o m.mod.o``) is ours byte for byte.
    Found as struct.error crashes: a ~2**64 NOBITS size puts later offsets past 2**64, where
    BFD's 64-bit arithmetic wraps."""
    assert link_case(load_case(directory)).data == (directory / "ld.ko").read_bytes()


#: stored link cases GNU ld refuses, with its (last) line, recorded by running ld 2.40 (x86_64) /
#: riscv64-linux-gnu-ld 2.40 on the case's m.o and m.mod.o with module.lds and --build-id=sha1
REAL_LD_REFUSALS = {
    # sh_addralign 2**63: bfd_set_section_alignment refuses powers above 62
    "53a02d9df7-1-9003": "m.mod.o: file not recognized: file format not recognized",
    "53a02d9df7-1-12376": "m.mod.o: file not recognized: file format not recognized",
    "b5af541e03-1-1070": "m.mod.o: file not recognized: file format not recognized",
    "b5af541e03-1-2850": "m.o: file not recognized: file format not recognized",
    # .symtab sh_info 0xffffffff: more locals than entries
    "def4f6bc38-1-4052": "m.o: file not recognized: file format not recognized",
}


@pytest.mark.parametrize("name", sorted(REAL_LD_REFUSALS))
def test_stored_link_case_refused_as_real_ld(name):
    with pytest.raises(PymodpostError) as info:
        link_case(load_case(CRASHES / "link" / name))
    assert info.value.message.splitlines()[-1] == REAL_LD_REFUSALS[name]


def test_crashes_were_found_and_stored():
    """The campaign's finds are committed (and named by what failed)."""
    require(bool(CASES), "no stored crash cases")
    for directory in CASES:
        assert (directory / "case.json").is_file()


# GNU ld 2.40's answer, recorded by hand from `ld -r -m elf_x86_64 -T module.lds --build-id=sha1
# version.o version.mod.o` with symbol 19 (the .exit.text section symbol) of version.o moved:
# SHN_UNDEF, SHN_COMMON and a reserved index are refused, SHN_ABS links.  (Found by campaign 1 as
# a crash in _relocate; the same answers for the section symbols 2, 3 and 4, checked likewise.)
REAL_LD = {0: "ld: final link failed: bad value", 0xFFF2: "ld: final link failed: bad value",
           0xFF00: "ld: final link failed: bad value", 0xFFF1: None}


@pytest.mark.parametrize("shndx", sorted(REAL_LD))
def test_section_symbol_without_section_as_ld(shndx):
    from pymodpost.elf import ElfFile

    obj = TESTDATA / "x86_64" / "version" / "version.o"
    require(obj.is_file(), "fixture missing")
    data = bytearray(obj.read_bytes())
    elf = ElfFile(bytes(data))
    assert elf.symtab[19].name == "" and elf.symtab.type[19] == 3  # STT_SECTION of .exit.text
    struct.pack_into("<H", data, elf.symtab.section.offset + 19 * 24 + 6, shndx)
    _assert_ld_verdict([("version.o", bytes(data)), ("version.mod.o", obj.with_suffix(".mod.o").read_bytes())],
                       REAL_LD[shndx])


def _assert_ld_verdict(inputs: list[tuple[str, bytes]], refusal: str | None) -> None:
    """The x86_64 module link of ``inputs`` succeeds (``refusal`` None) or fails with that line."""
    from pymodpost.link.linker import LinkOptions, link
    from tests.fuzz.entries import _module_lds

    options = LinkOptions(emulation="elf_x86_64", build_id=True, script=_module_lds("x86_64"))
    if refusal is None:
        assert link(inputs, options).data[:4] == b"\x7fELF"
    else:
        with pytest.raises(PymodpostError) as info:
            link(inputs, options)
        assert info.value.message == refusal


def test_load_with_an_empty_symbol_table_is_refused_not_crashed():
    """Found by the campaign (crashes/load/8fe8dbe408-*): .symtab with sh_size 0 made
    simplify_symbols index an empty array; now the loader answers (a refusal naming the
    relocation that points past the empty table)."""
    from pymodpost.elf import ElfFile
    from pymodpost.load.pipeline import LoadOptions, load_module
    from pymodpost.load.state import KernelState
    from tests.fuzz.entries import _profile

    ko = TESTDATA / "x86_64" / "hello" / "hello.ko"
    require(ko.is_file(), "fixture missing")
    data = bytearray(ko.read_bytes())
    elf = ElfFile(bytes(data))
    header_at = elf.header.e_shoff + elf.symtab.section.index * 64
    struct.pack_into("<Q", data, header_at + 0x20, 0)  # sh_size
    result = load_module(bytes(data), KernelState(_profile("x86_64")), LoadOptions(record=False))
    assert not result.ok and isinstance(result.error, PymodpostError)
    assert "symbol table (0 entries)" in result.error.message


def test_elf_error_naming_a_damaged_section_stays_one_line():
    """Found by the campaign (crashes/elf/08fb53c1f2-*): section names read from a damaged name
    table (newlines, tabs) were quoted raw, splitting the error over several lines."""
    from pymodpost.elf import ElfError, ElfFile

    obj = TESTDATA / "x86_64" / "hello" / "hello.o"
    require(obj.is_file(), "fixture missing")
    data = bytearray(obj.read_bytes())
    elf = ElfFile(bytes(data))
    rela = elf.relocation_sections()[0]
    names = elf.sections[elf.header.e_shstrndx]
    at = names.offset + rela.name_offset
    data[at:at + 3] = b"a\nb"  # the relocation section's name now holds a newline
    info_at = rela.offset + 8
    (info,) = struct.unpack_from("<Q", data, info_at)
    struct.pack_into("<Q", data, info_at, (len(elf.symtab) + 1) << 32 | (info & 0xFFFFFFFF))
    with pytest.raises(ElfError) as caught:
        damaged = ElfFile(bytes(data), "broken.o")
        list(damaged.relocations(damaged.relocation_sections()[0]))
    assert "\n" not in caught.value.message and "a\\nb" in caught.value.message


# GNU ld 2.40's verdicts, recorded by hand (`ld -r -m elf_x86_64 -T module.lds --build-id=sha1
# v.o hello.mod.o`) for hello.o with one section header field changed: elf_object_p checks each
# header's sh_link (x86 may name SHN_BEFORE/SHN_AFTER) and, for relocation sections or
# SHF_INFO_LINK, sh_info.  None: ld links it (byte-identical to ours when recorded).
NOT_RECOGNIZED = "v.o: file not recognized: file format not recognized"
HEADER_LINKS = {
    (".init.text", "link", "past"): NOT_RECOGNIZED,
    (".init.text", "link", 0xFF00): None,
    (".init.text", "link", 0xFF01): None,
    (".init.text", "link", 0xFF02): NOT_RECOGNIZED,
    (".rela.init.text", "info", "past"): NOT_RECOGNIZED,
    (".init.text", "info", "past"): None,  # no SHF_INFO_LINK: not checked
}


@pytest.mark.parametrize("key", sorted(HEADER_LINKS, key=str), ids=lambda k: f"{k[0]}-{k[1]}-{k[2]}")
def test_section_header_links_checked_as_ld(key):
    from pymodpost.elf import ElfFile

    hello = TESTDATA / "x86_64" / "hello"
    require((hello / "hello.mod.o").is_file(), "fixture missing")
    name, field, value = key
    data = bytearray((hello / "hello.o").read_bytes())
    elf = ElfFile(bytes(data))
    at = elf.header.e_shoff + elf.section_by_name(name).index * 64 + {"link": 0x28, "info": 0x2C}[field]
    struct.pack_into("<I", data, at, len(elf.sections) if value == "past" else value)
    _assert_ld_verdict([("v.o", bytes(data)), ("hello.mod.o", (hello / "hello.mod.o").read_bytes())],
                       HEADER_LINKS[key])
