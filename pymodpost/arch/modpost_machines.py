"""modpost's per-machine rules: one :class:`ModpostMachine` per ELF machine modpost.c treats specially.

modpost.c carries generic code for every architecture Linux has (not only the two that pymodpost
links and loads): names an undefined symbol may keep (``ignore_undef_symbol()``), SPARC's register
symbols, the addend of a REL relocation (``addend_386_rel()``, ``addend_arm_rel()``,
``addend_mips_rel()``), ARM's Thumb bit, the ``__ex_table`` relocation types the section check
lets pass, PA-RISC's ``STT_LOPROC`` functions, and which device-table layout file2alias reads.
The modpost stage looks a record up once per object (:func:`modpost_machine`) and reads its
fields; it never names a machine.  Machines without special rules get :data:`DEFAULT`.

A REL formula takes ``(obj, target, r_offset, r_type, sym)``: the object (``little``,
``section_bytes(secindex, offset, size)``, ``sym_value``), the relocated section, the
relocation's offset and type, and its symbol index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pymodpost.arch.common import signed
from pymodpost.elf import constants as C

RelFormula = Callable[..., "int | None"]

_R_386_32, _R_386_PC32 = int(C.R386.R_386_32), int(C.R386.R_386_PC32)
_R_MIPS_32, _R_MIPS_26, _R_MIPS_HI16, _R_MIPS_LO16 = (int(C.RMips.R_MIPS_32), int(C.RMips.R_MIPS_26),
                                                      int(C.RMips.R_MIPS_HI16), int(C.RMips.R_MIPS_LO16))


@dataclass(frozen=True, slots=True)
class ModpostMachine:
    """What modpost.c does differently for one ELF machine (the defaults: nothing)."""

    #: prefixes of undefined names ``ignore_undef_symbol()`` lets stay undefined (besides
    #: ``__this_module`` and ``_GLOBAL_OFFSET_TABLE_``, which every machine ignores)
    undef_ignored_prefixes: tuple[str, ...] = ()
    #: whole undefined names it lets stay undefined
    undef_ignored_names: tuple[str, ...] = ()
    #: SPARC: undefined ``STT_SPARC_REGISTER`` symbols are no imports, ``.foo`` becomes ``_Foo``
    sparc_register_symbols: bool = False
    #: 6.1 section_rel(): the addend of a REL relocation (None = skip the relocation); a machine
    #: without one takes addend 0
    rel_addend_6_1: RelFormula | None = None
    #: 6.7+ section_rel(): the target address a REL relocation means ((Elf_Addr)-1 for unknown
    #: types); a machine without one is fatal ("Please add code to calculate addend")
    rel_taddr_6_7: RelFormula | None = None
    #: ARM: bit 0 of a function symbol's value is the Thumb bit, masked off in symsearch
    thumb_func_bit: bool = False
    #: 64-bit PA-RISC: ``STT_LOPROC`` symbols are functions too
    lproc_is_func_64: bool = False
    #: relocation type from ``__ex_table`` the section check lets pass, 6.1 and 6.7+
    ex_table_exempt_rtype: int | None = None
    #: the same, only since 6.7's section_rela() (LoongArch's, which 6.1 does not know)
    ex_table_exempt_rtype_6_7: int | None = None
    #: relocation types that refer to no symbol (6.7+ skips them)
    rtypes_without_symbol: tuple[int, ...] = ()
    #: the architecture whose device-table layout (devtable_layouts*) file2alias reads
    devtable_arch: str = "x86_64"

    @property
    def plain_undefs(self) -> bool:
        """Only the two generic names are ignored and no name is rewritten."""
        return not (self.undef_ignored_prefixes or self.undef_ignored_names or self.sparc_register_symbols)

    def ignore_undef_symbol(self, name: str) -> bool:
        """ignore_undef_symbol(): an undefined symbol that is no import."""
        if name == "__this_module" or name == "_GLOBAL_OFFSET_TABLE_":
            return True
        return name.startswith(self.undef_ignored_prefixes) or name in self.undef_ignored_names


def _word(obj, target: int, r_offset: int) -> int:
    return int.from_bytes(obj.section_bytes(target, r_offset, 4), "little" if obj.little else "big")


def mips_rel_addend(word: int, r_type: int) -> int | None:
    """addend_mips_rel(): the addend in the relocated word (None for other types)."""
    if r_type == _R_MIPS_LO16:
        return word & 0xFFFF
    if r_type == _R_MIPS_26:
        return (word & 0x03FFFFFF) << 2
    if r_type == _R_MIPS_32:
        return word
    return None


# -- 6.1 section_rel() ------------------------------------------------------------------------

def _rel_addend_386_6_1(obj, target: int, r_offset: int, r_type: int, sym: int) -> int | None:
    """i386: R_386_32 the signed word, R_386_PC32 the word + 4, other types 0."""
    word = _word(obj, target, r_offset)
    if r_type == _R_386_32:
        return signed(word, 32)
    if r_type == _R_386_PC32:
        return signed(word + 4, 32)
    return 0


def _rel_addend_mips_6_1(obj, target: int, r_offset: int, r_type: int, sym: int) -> int | None:
    """MIPS: R_MIPS_HI16 skipped; LO16/26/32 as addend_mips_rel(), other types 0."""
    if r_type == _R_MIPS_HI16:
        return None
    found = mips_rel_addend(_word(obj, target, r_offset), r_type)
    return 0 if found is None else found


def _rel_addend_arm_6_1(obj, target: int, r_offset: int, r_type: int, sym: int) -> int | None:
    """ARM: R_ARM_ABS32 word + sym value; PC24/CALL/JUMP24 the sign-extended 26-bit branch
    offset + sym value + 8; the Thumb branches (a host pointer in 6.1, meaningless) skipped."""
    word = _word(obj, target, r_offset)
    value = int(obj.sym_value[sym])
    if r_type == 2:  # R_ARM_ABS32
        return signed(word + value, 32)
    if r_type in (1, 28, 29):  # R_ARM_PC24, CALL, JUMP24
        offset = ((word & 0x00FFFFFF) << 2) & 0x03FFFFFF
        if offset & 0x02000000:
            offset -= 1 << 26
        return signed(offset + value + 8, 32)
    return None


# -- 6.7+ section_rel() -----------------------------------------------------------------------

def _rel_taddr_386(obj, target: int, r_offset: int, r_type: int, sym: int) -> int:
    """addend_386_rel(): R_386_32 the word, R_386_PC32 the word + 4, else -1."""
    word = _word(obj, target, r_offset)
    if r_type == _R_386_32:
        return word
    if r_type == _R_386_PC32:
        return word + 4
    return -1


def _rel_taddr_mips(obj, target: int, r_offset: int, r_type: int, sym: int) -> int:
    """addend_mips_rel(): LO16/26/32 from the word, else -1."""
    found = mips_rel_addend(_word(obj, target, r_offset), r_type)
    return -1 if found is None else found


def _rel_taddr_arm(obj, target: int, r_offset: int, r_type: int, sym: int) -> int:
    """addend_arm_rel(): the ARM and Thumb immediates (MOVW/MOVT, branches) decoded and
    sign-extended, + sym value (+ 8 for ARM branches, + 4 for Thumb ones); else -1."""
    word = _word(obj, target, r_offset)
    value = int(obj.sym_value[sym])
    R = C.RArm
    if r_type in (R.R_ARM_ABS32, R.R_ARM_REL32):
        return word + value
    if r_type in (R.R_ARM_MOVW_ABS_NC, R.R_ARM_MOVT_ABS):
        return signed(((word & 0xF0000) >> 4) | (word & 0xFFF), 16) + value
    if r_type in (R.R_ARM_PC24, R.R_ARM_CALL, R.R_ARM_JUMP24):
        return signed((word & 0x00FFFFFF) << 2, 26) + value + 8
    # Thumb: two 16-bit halves
    order = "little" if obj.little else "big"
    halves = obj.section_bytes(target, r_offset, 4)
    upper, lower = int.from_bytes(halves[:2], order), int.from_bytes(halves[2:], order)
    if r_type in (R.R_ARM_THM_MOVW_ABS_NC, R.R_ARM_THM_MOVT_ABS):
        return signed(((upper & 0x000F) << 12) | ((upper & 0x0400) << 1) | ((lower & 0x7000) >> 4)
                      | (lower & 0x00FF), 16) + value
    sign, j1, j2 = (upper >> 10) & 1, (lower >> 13) & 1, (lower >> 11) & 1
    if r_type == R.R_ARM_THM_JUMP19:
        return signed((sign << 20) | (j2 << 19) | (j1 << 18) | ((upper & 0x03F) << 12)
                      | ((lower & 0x07FF) << 1), 21) + value + 4
    if r_type in (R.R_ARM_THM_PC22, R.R_ARM_THM_JUMP24):
        return signed((sign << 24) | ((~(j1 ^ sign) & 1) << 23) | ((~(j2 ^ sign) & 1) << 22)
                      | ((upper & 0x03FF) << 12) | ((lower & 0x07FF) << 1), 25) + value + 4
    return -1


#: a machine with no special rules
DEFAULT = ModpostMachine()

_PPC_IGNORED = ("_restgpr_", "_savegpr_", "_rest32gpr_", "_save32gpr_", "_restvr_", "_savevr_")
_PPC64_IGNORED = ("_restgpr0_", "_savegpr0_", "_restgpr1_", "_savegpr1_", "_restfpr_", "_savefpr_",
                  "_restvr_", "_savevr_")
_SPARC = ModpostMachine(sparc_register_symbols=True)

MACHINES: dict[int, ModpostMachine] = {
    C.EM_386: ModpostMachine(rel_addend_6_1=_rel_addend_386_6_1, rel_taddr_6_7=_rel_taddr_386),
    C.EM_MIPS: ModpostMachine(rel_addend_6_1=_rel_addend_mips_6_1, rel_taddr_6_7=_rel_taddr_mips),
    C.EM_ARM: ModpostMachine(rel_addend_6_1=_rel_addend_arm_6_1, rel_taddr_6_7=_rel_taddr_arm, thumb_func_bit=True),
    C.EM_PPC: ModpostMachine(undef_ignored_prefixes=_PPC_IGNORED),
    C.EM_PPC64: ModpostMachine(undef_ignored_prefixes=_PPC64_IGNORED, undef_ignored_names=(".TOC.",)),
    C.EM_S390: ModpostMachine(undef_ignored_prefixes=("__s390_indirect_jump_r",)),
    C.EM_SPARC: _SPARC,
    C.EM_SPARCV9: _SPARC,
    C.EM_PARISC: ModpostMachine(lproc_is_func_64=True),
    C.EM_RISCV: ModpostMachine(ex_table_exempt_rtype=int(C.RRiscv.R_RISCV_SUB32), devtable_arch="riscv64"),
    C.EM_LOONGARCH: ModpostMachine(ex_table_exempt_rtype_6_7=int(C.RLarch.R_LARCH_SUB32),
                                   rtypes_without_symbol=(int(C.RLarch.R_LARCH_RELAX),
                                                          int(C.RLarch.R_LARCH_ALIGN))),
}


def modpost_machine(e_machine: int) -> ModpostMachine:
    """The rules of one ELF machine (:data:`DEFAULT` for a machine without any)."""
    return MACHINES.get(e_machine, DEFAULT)
