"""One :class:`Target` per architecture: everything arch-specific that a stage asks about.

Shared code never tests the machine; it asks the target (the model is lld's ``TargetInfo``:
``target->...``).  A target is found one way, by ELF machine (:func:`for_machine`) or by name
or alias (:func:`by_name`).  The facts come from three places, named on each field: GNU ld's
backend for the emulation (BFD's ``elf64-x86-64.c``/``elfnn-riscv.c`` and the ``*.em`` files),
the kernel's ``arch/<arch>/`` code (``module.c``, ``module-sections.c``, ``asm/module.h``), and
what the oracle kernels showed when booted with ``nokaslr``.

The relocation handlers themselves live in one module per architecture
(:mod:`pymodpost.arch.x86_64`, :mod:`pymodpost.arch.riscv64`); a target names, per generation of
the kernel's handler table (a dialect's ``loader.reloc_tables``), which module holds it, and
loads it on first use so that reading a target costs no import of numpy.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import IntEnum
from types import ModuleType
from typing import Callable

from pymodpost.arch import ld_scripts
from pymodpost.elf import constants as C


@dataclass(frozen=True, slots=True)
class Target:
    name: str  #: the project's name of the architecture: "x86_64", "riscv64"
    #: names Debian, uname and kbuild's ARCH use for it
    aliases: tuple[str, ...]
    machine: int  #: ELF e_machine
    elfclass: int  #: C.ELFCLASS64
    little_endian: bool

    # --- GNU ld (the module link) ---
    emulation: str  #: ``ld -m`` name
    #: statements of the emulation's built-in ``ld -r`` script (see arch/ld_scripts.py)
    ld_script_tokens: Callable[[], list[str]]
    #: fill for gaps between input sections of a code section (None: zeros); BFD pads x86
    #: code with long NOPs
    code_fill: Callable[[int], bytes] | None
    #: ld -r edits .eh_frame (drops FDEs of discarded sections); riscvelf.em skips it in
    #: relocatable links because relaxation comes later
    edits_eh_frame: bool
    #: riscvelf.em turns ld's default into -X: assembler-local labels (.L*) are dropped
    discards_local_labels: bool
    #: an input without .note.GNU-stack implies an executable stack (the x86-64 backend's
    #: default; elf_backend_default_execstack)
    default_execstack: bool
    #: the output keeps the first input's e_flags (riscv: float ABI, RVC); x86-64 writes 0
    keeps_eflags: bool
    #: the backend merges .note.gnu.property lists (x86: elf_x86_64 parses and merges its
    #: FEATURE_1_AND / ISA properties; binutils 2.40's riscv backend has none)
    merges_gnu_properties: bool
    #: local symbols with these prefixes are mapping symbols, never a function's name
    #: (BFD's maybe_function_sym on riscv: $x, $d)
    mapping_symbol_prefixes: tuple[str, ...]
    #: the field of each relocation type as BFD's howto declares it, (bytes, dst_mask): what
    #: ld clears (``_bfd_clear_contents``: the bits of dst_mask only) in a debug or .eh_frame
    #: section for a relocation against a discarded section; types not listed cover
    #: ``default_howto_field``
    howto_fields: dict[int, tuple[int, int]]
    default_howto_field: tuple[int, int]
    #: types the backend's relocate_section passes over (GNU vtable-GC markers): against a
    #: discarded section ld neither clears nor drops them but writes them with symbol 0
    unrelocated_types: frozenset[int]

    # --- the kernel (the loader) ---
    page_size: int
    vermagic_suffix: str  #: MODULE_ARCH_VERMAGIC
    #: elf_check_arch() also checks the ELF class (riscv) or only the machine (x86)
    checks_elfclass: bool
    #: names ``ignore_undef_symbol()`` lets stay undefined without an error
    ignore_undefined: tuple[str, ...]
    #: ``struct kernel_symbol`` holds place-relative (PREL32) offsets (x86) or pointers
    prel32_ksymtab: bool
    #: the kernel reserves GOT/PLT sections for modules (riscv CONFIG_MODULE_SECTIONS)
    module_sections: bool
    #: handler-table generation (a dialect's ``loader.reloc_tables``) -> module holding it
    reloc_modules: dict[str, str]
    #: the architecture's R_* numbers by name (an IntEnum of pymodpost.elf.constants)
    reloc_types: type[IntEnum]
    #: start of the module area when fixed (x86_64 without KASLR: MODULES_VADDR, which is
    #: __START_KERNEL_map + KERNEL_IMAGE_SIZE: 1 GiB with CONFIG_RANDOMIZE_BASE, as Debian builds)
    modules_vaddr: int | None = None
    #: the same for a kernel configured without RANDOMIZE_BASE (KERNEL_IMAGE_SIZE 512 MiB)
    modules_vaddr_without_randomize_base: int | None = None
    #: riscv64: the module area ends at the kernel image and starts this far below PFN_ALIGN(_end)
    modules_below_end: int | None = None
    #: where the first module lands inside the module area on the fixture kernel booted with
    #: nokaslr (x86_64: earlier users take the first 2 MiB and a page; observed, not derived --
    #: the same on Debian's 6.1 and 6.12 kernels)
    first_module_offset: int = 0
    #: module text may come from execmem's ROX cache (x86_64 with PSE, 6.14+): 2 MiB chunks of
    #: the module area shared by the text of every module, handed out in page multiples with no
    #: guard pages, the first chunk at the start of the module area (observed: the 7.3.4 build
    #: booted with nokaslr puts hello's text at 0xffffffffa0000000 and its data at +0x201000)
    execmem_rox_cache: bool = False
    #: HAVE_STATIC_CALL_INLINE: call sites are patched in place, so a module's
    #: ``.static_call_sites`` is written during init only (x86_64 with objtool)
    static_call_inline: bool = False

    def relocations(self, generation: str) -> ModuleType:
        """The module with the kernel's handler table, ``apply_relocate_add`` and
        ``module_frob_arch_sections`` for that table generation."""
        try:
            name = self.reloc_modules[generation]
        except KeyError:
            raise KeyError(f"{self.name}: no relocation handlers for kernel table '{generation}'") from None
        return importlib.import_module(f"pymodpost.arch.{name}")

    def howto_field(self, rtype: int) -> tuple[int, int]:
        """(bytes, dst_mask) of a relocation type's field in BFD's howto table."""
        return self.howto_fields.get(rtype, self.default_howto_field)

    def module_area_start(self, symbols: dict[str, int], randomize_base: bool = True) -> int | None:
        """MODULES_VADDR of a kernel (its symbols, and whether it was configured with
        RANDOMIZE_BASE), or None when not known."""
        if self.modules_below_end is not None and "_end" in symbols:
            end = (symbols["_end"] + self.page_size - 1) // self.page_size * self.page_size
            return end - self.modules_below_end
        if not randomize_base and self.modules_vaddr_without_randomize_base is not None:
            return self.modules_vaddr_without_randomize_base
        return self.modules_vaddr

    def first_module_base(self, symbols: dict[str, int], randomize_base: bool = True) -> int:
        """Where a fresh nokaslr boot puts the first module's allocation."""
        start = self.module_area_start(symbols, randomize_base)
        if start is None:
            return 0xFFFFFFFF00000000  # no better guess: pass --core-base
        return start + self.first_module_offset


# the x86 NOPs of 1..10 bytes that BFD pads code with (cpu-i386.c's long-NOP fill)
_X86_NOPS = tuple(bytes.fromhex(h) for h in (
    "90", "6690", "0f1f00", "0f1f4000", "0f1f440000", "660f1f440000", "0f1f8000000000",
    "0f1f840000000000", "660f1f840000000000", "662e0f1f840000000000"))


def x86_nop_fill(count: int) -> bytes:
    """Padding between input sections of an x86-64 code section: 10-byte NOPs, then one NOP
    of the remaining length."""
    whole, rest = divmod(count, 10)
    return _X86_NOPS[9] * whole + (_X86_NOPS[rest - 1] if rest else b"")


X86_64 = Target(
    name="x86_64",
    aliases=("amd64", "x86"),
    machine=C.EM_X86_64,
    elfclass=C.ELFCLASS64,
    little_endian=True,
    emulation="elf_x86_64",
    ld_script_tokens=lambda: ld_scripts.X86_64,
    code_fill=x86_nop_fill,
    edits_eh_frame=True,
    discards_local_labels=False,
    default_execstack=True,
    keeps_eflags=False,
    merges_gnu_properties=True,
    mapping_symbol_prefixes=(),
    # elf_x86_64_howto_table: NONE, TLSDESC_CALL and the vtable types cover nothing, 16/PC16
    # two bytes, 8/PC8 one, the 64-bit types eight; every field is whole (tests/link/
    # test_discarded_fields.py reads them back from GNU ld)
    howto_fields={0: (0, 0), 35: (0, 0), 250: (0, 0), 251: (0, 0),
                  12: (2, 0xFFFF), 13: (2, 0xFFFF), 14: (1, 0xFF), 15: (1, 0xFF),
                  **{t: (8, (1 << 64) - 1)
                     for t in (1, 6, 7, 8, 16, 17, 18, 24, 25, 27, 28, 29, 30, 31, 33, 36, 37, 38)}},
    default_howto_field=(4, 0xFFFFFFFF),
    unrelocated_types=frozenset({250, 251}),  # R_X86_64_GNU_VTINHERIT, _VTENTRY
    page_size=4096,
    vermagic_suffix="",
    checks_elfclass=False,
    ignore_undefined=("_GLOBAL_OFFSET_TABLE_",),
    prel32_ksymtab=True,
    module_sections=False,
    # 6.12: __write_relocate_add (checks reordered, "Invalid relocation target"); 7.3: messages name sec/idx
    reloc_modules={"6.1": "x86_64", "6.12": "x86_64_v6_12", "7.3": "x86_64_v7_3"},
    reloc_types=C.RX86_64,
    modules_vaddr=0xFFFFFFFFC0000000,
    modules_vaddr_without_randomize_base=0xFFFFFFFFA0000000,
    first_module_offset=0x201000,
    execmem_rox_cache=True,
    static_call_inline=True,
)

RISCV64 = Target(
    name="riscv64",
    aliases=("riscv",),
    machine=C.EM_RISCV,
    elfclass=C.ELFCLASS64,
    little_endian=True,
    emulation="elf64lriscv",
    ld_script_tokens=ld_scripts.riscv64,
    code_fill=None,
    edits_eh_frame=False,
    discards_local_labels=True,
    default_execstack=False,
    keeps_eflags=True,
    merges_gnu_properties=False,
    mapping_symbol_prefixes=("$d", "$x"),
    # riscv_elf_howto_table: data types cover their width whole (SUB6/SET6: the low six
    # bits); instruction types only their immediate's bits (ITYPE 0xfff00000, STYPE and
    # BTYPE 0xfe000f80, UTYPE and JTYPE 0xfffff000; CALL an AUIPC+JALR pair; RVC_BRANCH,
    # RVC_JUMP, RVC_LUI their compressed immediates); COPY, JUMP_SLOT, TPREL_ADD, ALIGN and
    # RELAX nothing
    howto_fields={0: (0, 0), 4: (0, 0), 5: (0, 0), 32: (0, 0), 43: (0, 0), 51: (0, 0),
                  **{t: (8, (1 << 64) - 1) for t in (2, 7, 9, 11, 36, 40)},
                  **{t: (2, 0xFFFF) for t in (34, 38, 55)},
                  **{t: (1, 0xFF) for t in (33, 37, 54)},
                  52: (1, 0x3F), 53: (1, 0x3F),
                  18: (8, 0xFFF00000_FFFFF000), 19: (8, 0xFFF00000_FFFFF000),
                  **{t: (4, 0xFFFFF000) for t in (17, 20, 21, 22, 23, 26, 29)},
                  **{t: (4, 0xFFF00000) for t in (24, 27, 30, 47, 49)},
                  **{t: (4, 0xFE000F80) for t in (16, 25, 28, 31, 48, 50)},
                  44: (2, 0x1C7C), 45: (2, 0x1FFC), 46: (2, 0x107C)},
    default_howto_field=(4, 0xFFFFFFFF),
    unrelocated_types=frozenset(),  # binutils 2.40's riscv gas writes no vtable-GC markers
    page_size=4096,
    vermagic_suffix="riscv",
    checks_elfclass=True,
    ignore_undefined=(),
    prel32_ksymtab=False,
    module_sections=True,
    # 6.12 carries 6.7's table (accumulated ADD/SUB/SET/ULEB128); 7.3 that table with 7.3's GOT/PLT counting
    reloc_modules={"6.1": "riscv64", "6.12": "riscv64_v6_7", "7.3": "riscv64_v7_3"},
    reloc_types=C.RRiscv,
    modules_below_end=1 << 31,
)

TARGETS: tuple[Target, ...] = (X86_64, RISCV64)

#: machines whose objects BFD lets name Solaris's SHN_BEFORE/SHN_AFTER in sh_link (elf_object_p):
#: EM_386, EM_IAMCU, EM_X86_64 and the SPARCs -- also for objects of machines not modelled here
SOLARIS_LINK_ORDER_MACHINES = frozenset({C.EM_386, C.EM_IAMCU, C.EM_X86_64, C.EM_SPARC, C.EM_OLD_SPARCV9,
                                         C.EM_SPARC32PLUS, C.EM_SPARCV9})


def for_machine(machine: int) -> Target | None:
    """The target of an ELF e_machine, or None for a machine pymodpost does not model."""
    return next((t for t in TARGETS if t.machine == machine), None)


def by_name(name: str) -> Target:
    """By the project's name or an alias (amd64, x86, riscv); KeyError names the supported ones."""
    for t in TARGETS:
        if name == t.name or name in t.aliases:
            return t
    raise KeyError(f"unknown architecture '{name}' (supported: {', '.join(t.name for t in TARGETS)})")


def by_emulation(emulation: str) -> Target | None:
    return next((t for t in TARGETS if t.emulation == emulation), None)
