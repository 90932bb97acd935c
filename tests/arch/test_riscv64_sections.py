"""riscv64 GOT/PLT sizing and entry emission (module-sections.c)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pymodpost.arch.riscv64_sections import EntryArea, ModuleSections, frob_arch_sections, plt_entry_bytes
from pymodpost.errors import KernelError
from tests.arch.cases import load_cases

PLTS = load_cases("riscv64")["plt_entries"]


@pytest.mark.parametrize("entry", PLTS, ids=lambda e: f"{e['plt']:x}->{e['slot']:x}")
def test_plt_entry_matches_ld(entry):
    assert plt_entry_bytes(entry["plt"], entry["slot"]) == bytes.fromhex(entry["bytes"])


@dataclass
class Shdr:
    name: str
    sh_type: int = 1
    sh_flags: int = 0
    sh_info: int = 0
    sh_size: int = 1
    sh_addralign: int = 1


def _layout():
    return [
        Shdr(""), Shdr(".text", sh_flags=6), Shdr(".rela.text", 4, sh_info=1), Shdr(".data", sh_flags=3),
        Shdr(".rela.data", 4, sh_info=3), Shdr(".init.text", sh_flags=6), Shdr(".rela.init.text", 4, sh_info=5),
        Shdr(".plt", sh_flags=3), Shdr(".got", sh_flags=3), Shdr(".got.plt", sh_flags=3),
    ]


CALL_PLT, GOT_HI20 = 19, 20


def test_frob_counts_per_section_and_only_exec_targets():
    relas = {
        2: [((5 << 32) | CALL_PLT, 0), ((5 << 32) | CALL_PLT, 0), ((6 << 32) | CALL_PLT, 0), ((7 << 32) | GOT_HI20, 0),
            ((7 << 32) | GOT_HI20, 8)],
        4: [((8 << 32) | GOT_HI20, 0), ((9 << 32) | CALL_PLT, 0)],  # .data target: not counted
        6: [((5 << 32) | CALL_PLT, 0)],  # a duplicate of .text's, counted again: 6.1 counts per section
    }
    shdrs = _layout()
    counts = frob_arch_sections("m", shdrs, lambda i: relas.get(i, []))
    assert (counts.max_plts, counts.max_gots) == (3, 2)
    plt, got, got_plt = shdrs[7], shdrs[8], shdrs[9]
    assert (plt.sh_type, plt.sh_flags, plt.sh_addralign, plt.sh_size) == (8, 6, 64, 4 * 12)
    assert (got.sh_type, got.sh_flags, got.sh_addralign, got.sh_size) == (8, 2, 64, 3 * 8)
    assert (got_plt.sh_type, got_plt.sh_flags, got_plt.sh_size) == (8, 2, 4 * 8)


@pytest.mark.parametrize("missing,label", [(".plt", "PLT"), (".got", "GOT"), (".got.plt", "GOT.PLT")])
def test_frob_refuses_missing_sections(missing, label):
    shdrs = [s for s in _layout() if s.name != missing]
    with pytest.raises(KernelError) as e:
        frob_arch_sections("m", shdrs, lambda i: [])
    assert e.value.message == f"m: module {label} section(s) missing" and e.value.errno == "ENOEXEC"


def _sections(n_got=2, n_plt=2):
    return ModuleSections(
        got=EntryArea(bytearray(8 * (n_got + 1)), 0, 0x9000, n_got),
        plt=EntryArea(bytearray(12 * (n_plt + 1)), 0, 0x8000, n_plt),
        got_plt=EntryArea(bytearray(8 * (n_plt + 1)), 0, 0xA000, n_plt),
    )


def test_got_entries_are_reused_by_value():
    s = _sections()
    assert s.emit_got_entry(0x1111) == 0x9000
    assert s.emit_got_entry(0x2222) == 0x9008
    assert s.emit_got_entry(0x1111) == 0x9000
    assert s.got.num_entries == 2
    with pytest.raises(KernelError) as e:
        s.emit_got_entry(0x3333)
    assert e.value.crash and e.value.errno is None
    assert "module-sections.c:27" in e.value.message


def test_plt_entries_use_got_plt_slots():
    s = _sections()
    assert s.emit_plt_entry(0x1111) == 0x8000
    assert s.emit_plt_entry(0x2222) == 0x800C
    assert s.emit_plt_entry(0x2222) == 0x800C
    assert s.plt.mem[12:24] == plt_entry_bytes(0x800C, 0xA008)
    assert s.got_plt.slot_value(1) == 0x2222
    with pytest.raises(KernelError, match="module-sections.c:53"):
        s.emit_plt_entry(0x3333)


# --- what changed after 6.1 (6.12.118's and 7.3.4's module-sections.c) ---------------------------

PLT32 = 59


@pytest.mark.parametrize("generation,plts,gots", [("6.1", 2, 2), ("6.12", 3, 2), ("7.3", 2, 1)])
def test_counting_per_kernel(generation, plts, gots):
    """The same CALL_PLT (and GOT_HI20) in .text and .init.text: 6.1 and 6.12 count each section
    on its own, 7.3 merges identical relocations across sections; PLT32 reserves a PLT entry from
    6.7 on (here a PLT32 whose r_info equals no CALL_PLT: counted apart on both)."""
    from pymodpost.arch.target import RISCV64

    module = RISCV64.relocations(generation)
    relas = {2: [((7 << 32) | CALL_PLT, 0), ((8 << 32) | GOT_HI20, 0), ((7 << 32) | PLT32, 0)],
             6: [((7 << 32) | CALL_PLT, 0), ((8 << 32) | GOT_HI20, 0)], 4: []}
    shdrs = _layout()
    counts = frob_arch_sections("m", shdrs, lambda i: relas.get(i, []), module.ENTRY_COUNTING)
    assert counts.max_plts == plts and counts.max_gots == gots


@pytest.mark.parametrize("generation,lines", [("6.1", (27, 53)), ("6.12", (27, 53)), ("7.3", (28, 54))])
def test_bug_on_lines_per_kernel(generation, lines):
    from pymodpost.arch.target import RISCV64

    assert RISCV64.relocations(generation).ENTRY_COUNTING.bug_lines == lines
