"""What the loader needs to know about each architecture, in one table.

Everything arch-dependent outside the relocation handlers lives here: the ELF machine, the tail of
vermagic (``MODULE_ARCH_VERMAGIC``), the symbol names simplify_symbols tolerates undefined, the
section that records ftrace call sites, and which relocation module applies relocations.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ArchFacts:
    name: str  #: as in pymodpost.arch (x86_64, riscv64)
    machine: int  #: ELF e_machine the kernel accepts
    elfclass: int  #: 2 = ELFCLASS64
    page_size: int
    vermagic_suffix: str  #: MODULE_ARCH_VERMAGIC
    #: names ``ignore_undef_symbol()`` lets stay undefined without an error
    ignore_undefined: tuple[str, ...]
    #: byte order of ``struct kernel_symbol`` values: x86 uses relative (PREL32) entries
    prel32_ksymtab: bool
    #: riscv: the GOT/PLT placeholders must exist (CONFIG_MODULE_SECTIONS)
    module_sections: bool
    #: start of the module area when fixed (x86_64 without KASLR: MODULES_VADDR)
    modules_vaddr: int | None = None
    #: riscv64: the module area ends at the kernel image and starts this far below PFN_ALIGN(_end)
    modules_below_end: int | None = None
    #: where the first module lands inside the module area on the fixture kernel booted with
    #: nokaslr (x86_64: earlier users take the first 2 MiB and a page; observed, not derived)
    first_module_offset: int = 0
    #: names debian/uname use for the architecture
    aliases: tuple[str, ...] = ()


ARCHES: dict[str, ArchFacts] = {
    "x86_64": ArchFacts(
        name="x86_64",
        machine=62,
        elfclass=2,
        page_size=4096,
        vermagic_suffix="",
        ignore_undefined=("_GLOBAL_OFFSET_TABLE_",),
        prel32_ksymtab=True,
        module_sections=False,
        modules_vaddr=0xFFFFFFFFC0000000,
        first_module_offset=0x201000,
        aliases=("amd64", "x86"),
    ),
    "riscv64": ArchFacts(
        name="riscv64",
        machine=243,
        elfclass=2,
        page_size=4096,
        vermagic_suffix="riscv",
        ignore_undefined=(),
        prel32_ksymtab=False,
        module_sections=True,
        modules_below_end=1 << 31,
        aliases=("riscv",),
    ),
}


def first_module_base(facts: ArchFacts, symbols: dict[str, int]) -> int:
    """Where a fresh nokaslr boot puts the first module's core allocation."""
    if facts.modules_below_end is not None and "_end" in symbols:
        end = (symbols["_end"] + facts.page_size - 1) // facts.page_size * facts.page_size
        return end - facts.modules_below_end + facts.first_module_offset
    if facts.modules_vaddr is not None:
        return facts.modules_vaddr + facts.first_module_offset
    return 0xFFFFFFFF00000000  # no better guess: pass --core-base


def arch_facts(name: str) -> ArchFacts:
    for facts in ARCHES.values():
        if name == facts.name or name in facts.aliases:
            return facts
    raise KeyError(name)


def arch_for_machine(machine: int) -> ArchFacts | None:
    for facts in ARCHES.values():
        if facts.machine == machine:
            return facts
    return None
