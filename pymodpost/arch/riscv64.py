"""riscv64 relocations as Linux 6.1's ``apply_relocate_add`` (arch/riscv/kernel/module.c) applies them.

6.1's handler table ends at R_RISCV_RELAX (51): the 8/16-bit ADD/SUB, SET*, 32_PCREL (57), PLT32 and
ULEB128 types that later kernels accept are "Unknown relocation type" here, with -EINVAL.  Several
handlers have no range check (BRANCH, JAL, the RVC forms, LO12, medany HI20): a far target is
silently truncated, exactly as the kernel does.  The file has no ``pr_fmt``: messages start with
the module name.

Handlers take ``(mem, off, S, A, P, env)``; the PCREL_LO12 ones take their HI20 partner instead of
their own S + A, which the kernel ignores for them.  Every riscv kernel with modules has the module
GOT/PLT (``CONFIG_MODULE_SECTIONS``), and so does the default environment: a handler called on its
own, outside a laid-out module, gets a fresh GOT/PLT placed just after the auipc (see
:meth:`RiscvEnv.sections_near`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pymodpost.arch.common import (
    U64,
    AddressSpace,
    RelocRecord,
    RelocTable,
    SymbolView,
    check_field,
    get_u16,
    get_u32,
    get_u64,
    put_u16,
    put_u32,
    put_u64,
    row,
    apply_entry,
    rela_entries,
    signed,
    symbol_value,
    truncates_unchecked,
)
from pymodpost.arch.riscv64_sections import (
    COUNTING_6_1,
    EntryArea,
    EntryCounting,
    ModuleSections,
    frob_arch_sections,
    sections_for_one_pair,
)
from pymodpost.elf.constants import EM_RISCV, RRiscv  # noqa: F401  (EM_RISCV: part of the API)
from pymodpost.errors import KernelError, format_pointer

R_RISCV_32 = RRiscv.R_RISCV_32
R_RISCV_64 = RRiscv.R_RISCV_64
R_RISCV_BRANCH = RRiscv.R_RISCV_BRANCH
R_RISCV_JAL = RRiscv.R_RISCV_JAL
R_RISCV_CALL = RRiscv.R_RISCV_CALL
R_RISCV_CALL_PLT = RRiscv.R_RISCV_CALL_PLT
R_RISCV_GOT_HI20 = RRiscv.R_RISCV_GOT_HI20
R_RISCV_PCREL_HI20 = RRiscv.R_RISCV_PCREL_HI20
R_RISCV_PCREL_LO12_I = RRiscv.R_RISCV_PCREL_LO12_I
R_RISCV_PCREL_LO12_S = RRiscv.R_RISCV_PCREL_LO12_S
R_RISCV_HI20 = RRiscv.R_RISCV_HI20
R_RISCV_LO12_I = RRiscv.R_RISCV_LO12_I
R_RISCV_LO12_S = RRiscv.R_RISCV_LO12_S
R_RISCV_ADD32 = RRiscv.R_RISCV_ADD32
R_RISCV_ADD64 = RRiscv.R_RISCV_ADD64
R_RISCV_SUB32 = RRiscv.R_RISCV_SUB32
R_RISCV_SUB64 = RRiscv.R_RISCV_SUB64
R_RISCV_ALIGN = RRiscv.R_RISCV_ALIGN
R_RISCV_RVC_BRANCH = RRiscv.R_RISCV_RVC_BRANCH
R_RISCV_RVC_JUMP = RRiscv.R_RISCV_RVC_JUMP
R_RISCV_RELAX = RRiscv.R_RISCV_RELAX

#: IS_ERR_VALUE: the top 4095 values of an unsigned long are error codes
_ERR_FLOOR = (1 << 64) - 4095


@dataclass(slots=True)
class RiscvEnv:
    """What the riscv handlers read besides S, A and P.

    ``module_sections`` is CONFIG_MODULE_SECTIONS, which 6.1 selects whenever modules are on and
    later kernels only with CONFIG_RELOCATABLE (False models a kernel without it); ``sections`` is the module's GOT/PLT once sized, or None
    for handlers applied outside a module.  ``cmodel_medlow`` makes absolute HI20 fail.
    ``counting`` is the kernel's module-sections.c (see riscv64_sections.EntryCounting); ``log``
    collects lines a handler prints without refusing (6.7's accumulation range errors), which the
    loader moves into the kernel log after each section.
    """

    module: str = "module"
    sections: ModuleSections | None = None
    cmodel_medlow: bool = False
    module_sections: bool = True
    counting: EntryCounting = COUNTING_6_1
    log: list[str] = field(default_factory=list)

    def sections_near(self, auipc: int) -> ModuleSections | None:
        """The GOT/PLT a GOT_HI20, CALL_PLT or PCREL_LO12 at the auipc ``auipc`` uses.

        Without a module's own (a handler called on its own) a fresh one-entry GOT/PLT just after
        the auipc pair stands in, so such a call computes what the kernel would with the GOT/PLT
        there and keeps nothing between calls; None on a kernel without CONFIG_MODULE_SECTIONS.
        """
        if not self.module_sections:
            return None
        if self.sections is not None:
            return self.sections
        return sections_for_one_pair(auipc, bug_lines=self.counting.bug_lines)

    def frob_detail(self) -> str:
        if not self.module_sections:
            return "no GOT/PLT (CONFIG_MODULE_SECTIONS off)"
        if self.sections is None:
            return "GOT/PLT not sized yet (no module laid out)"
        return f"GOT room for {self.sections.got.max_entries}, PLT room for {self.sections.plt.max_entries}"

    def place(self, shdrs, memory) -> None:
        """After move_module: the GOT/PLT areas get their memory and final addresses."""
        if self.sections is None:
            return
        for area in (self.sections.got, self.sections.plt, self.sections.got_plt):
            sh = shdrs[area.off]  # until now .off held the section index
            area.mem, area.off = memory.locate(sh.sh_addr, sh.sh_size)
            area.addr = sh.sh_addr

    def entries_used(self) -> dict[str, int]:
        s = self.sections
        if s is None:
            return {}
        return {"got": s.got.num_entries, "plt": s.plt.num_entries, "got_plt": s.got_plt.num_entries}


#: how this kernel's module-sections.c reserves GOT/PLT entries
ENTRY_COUNTING = COUNTING_6_1


def frob_with(counting: EntryCounting, module: str, shdrs, relas_of, *, module_sections: bool,
              cmodel_medlow: bool) -> RiscvEnv:
    """module_frob_arch_sections of a kernel whose module-sections.c counts as ``counting`` says."""
    env = RiscvEnv(module, cmodel_medlow=cmodel_medlow, module_sections=module_sections, counting=counting)
    if module_sections:
        counts = frob_arch_sections(module, shdrs, relas_of, counting)
        env.sections = ModuleSections(
            got=EntryArea(bytearray(), counts.got_index, 0, counts.max_gots),
            plt=EntryArea(bytearray(), counts.plt_index, 0, counts.max_plts),
            got_plt=EntryArea(bytearray(), counts.got_plt_index, 0, counts.max_plts),
            bug_lines=counting.bug_lines,
        )
    return env


def module_frob_arch_sections(module: str, shdrs, relas_of, *, module_sections: bool = True,
                              cmodel_medlow: bool = False) -> RiscvEnv:
    """Size the GOT/PLT placeholders (riscv64_sections.frob_arch_sections) and return the env the
    handlers use; its areas get memory in :meth:`RiscvEnv.place` once the module is moved."""
    return frob_with(ENTRY_COUNTING, module, shdrs, relas_of, module_sections=module_sections,
                     cmodel_medlow=cmodel_medlow)


@dataclass(frozen=True, slots=True)
class Hi20Partner:
    """The PCREL_HI20 or GOT_HI20 relocation at the auipc a PCREL_LO12 points to."""

    type: int
    S: int
    A: int
    P: int


DEFAULT_ENV = RiscvEnv()


def _in_auipc_jalr_range(offset: int) -> bool:
    """auipc + jalr reach [-2^31 - 2^11, 2^31 - 2^11) from P."""
    return -(1 << 31) - (1 << 11) <= offset < (1 << 31) - (1 << 11)


def _pc_offset(S: int, A: int, P: int) -> int:
    """``(void *)v - (void *)location`` as a signed 64-bit ptrdiff_t."""
    return signed(S + A - P, 64)


def _unreachable(v: int, P: int, env: RiscvEnv) -> KernelError:
    return KernelError(
        f"{env.module}: target {v & U64:016x} can not be addressed by the 32-bit offset from PC = {format_pointer(P)}",
        "EINVAL",
    )


def _hi20(offset: int) -> int:
    return (offset + 0x800) & 0xFFFFF000


def _set_utype(mem: bytearray, off: int, hi20: int) -> None:
    put_u32(mem, off, (get_u32(mem, off) & 0xFFF) | hi20)


def _set_itype(mem: bytearray, off: int, lo12: int) -> None:
    put_u32(mem, off, (get_u32(mem, off) & 0xFFFFF) | ((lo12 & 0xFFF) << 20))


def _set_stype(mem: bytearray, off: int, lo12: int) -> None:
    put_u32(mem, off, (get_u32(mem, off) & 0x1FFF07F) | ((lo12 & 0xFE0) << 20) | ((lo12 & 0x1F) << 7))


def _set_auipc_jalr(mem: bytearray, off: int, offset: int) -> None:
    check_field(mem, off, 8)  # both words, so a short buffer is refused before either is written
    hi20 = _hi20(offset)
    _set_utype(mem, off, hi20)
    _set_itype(mem, off + 4, offset - hi20)


def r_riscv_32(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_32: S + A must fit an unsigned 32-bit field."""
    v = (S + A) & U64
    if v >> 32:
        raise KernelError(f"{env.module}: value {v:016x} out of range for 32-bit field", "EINVAL")
    put_u32(mem, off, v)


def r_riscv_64(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_64: the 8-byte absolute address."""
    put_u64(mem, off, S + A)


def r_riscv_branch(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_BRANCH: B-type immediate (bits 12|10:5 and 4:1|11); no range check."""
    d = _pc_offset(S, A, P)
    imm = ((d & 0x1000) << 19) | ((d & 0x800) >> 4) | ((d & 0x7E0) << 20) | ((d & 0x1E) << 7)
    put_u32(mem, off, (get_u32(mem, off) & 0x1FFF07F) | imm)


def r_riscv_jal(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_JAL: J-type immediate (bits 20|10:1|11|19:12); no range check."""
    d = _pc_offset(S, A, P)
    imm = ((d & 0x100000) << 11) | (d & 0xFF000) | ((d & 0x800) << 9) | ((d & 0x7FE) << 20)
    put_u32(mem, off, (get_u32(mem, off) & 0xFFF) | imm)


def r_riscv_rvc_branch(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_RVC_BRANCH: c.beqz/c.bnez offset (bits 8|4:3 and 7:6|2:1|5); no range check."""
    d = _pc_offset(S, A, P)
    imm = ((d & 0x100) << 4) | ((d & 0xC0) >> 1) | ((d & 0x20) >> 3) | ((d & 0x18) << 7) | ((d & 0x6) << 2)
    put_u16(mem, off, (get_u16(mem, off) & 0xE383) | imm)


def r_riscv_rvc_jump(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_RVC_JUMP: c.j/c.jal offset (bits 11|4|9:8|10|6|7|3:1|5); no range check."""
    d = _pc_offset(S, A, P)
    imm = (
        ((d & 0x800) << 1)
        | ((d & 0x400) >> 2)
        | ((d & 0x300) << 1)
        | ((d & 0x80) >> 1)
        | ((d & 0x40) << 1)
        | ((d & 0x20) >> 3)
        | ((d & 0x10) << 7)
        | ((d & 0xE) << 2)
    )
    put_u16(mem, off, (get_u16(mem, off) & 0xE003) | imm)


def r_riscv_pcrel_hi20(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_PCREL_HI20: upper 20 bits of S + A - P, which must be in auipc range."""
    d = _pc_offset(S, A, P)
    if not _in_auipc_jalr_range(d):
        raise _unreachable(S + A, P, env)
    _set_utype(mem, off, _hi20(d))


def pcrel_lo12_value(partner: Hi20Partner | None, env: RiscvEnv = DEFAULT_ENV) -> int:
    """The low 12 bits a PCREL_LO12 fills in, computed from its HI20 partner as the kernel does.

    A GOT_HI20 partner points at its GOT entry (created here if the LO12 comes first).
    """
    if partner is None:
        raise KernelError(f"{env.module}: Can not find HI20 relocation information", "EINVAL")
    val = (partner.S + partner.A) & U64
    target = val
    sections = env.sections_near(partner.P) if partner.type == R_RISCV_GOT_HI20 else None
    if sections is not None:
        target = sections.emit_got_entry(val)
    offset = (target - partner.P) & U64
    hi20 = signed(_hi20(offset), 32)
    return signed(offset - hi20, 32)


def r_riscv_pcrel_lo12_i(
    mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV, *, hi20: Hi20Partner | None = None
) -> None:
    """R_RISCV_PCREL_LO12_I: I-type low 12 bits of the partner's offset (own S + A ignored)."""
    _set_itype(mem, off, pcrel_lo12_value(hi20, env))


def r_riscv_pcrel_lo12_s(
    mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV, *, hi20: Hi20Partner | None = None
) -> None:
    """R_RISCV_PCREL_LO12_S: S-type low 12 bits of the partner's offset (own S + A ignored)."""
    _set_stype(mem, off, pcrel_lo12_value(hi20, env))


def r_riscv_hi20(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_HI20: absolute upper 20 bits of (s32)(S + A); refused outright under medlow."""
    if env.cmodel_medlow:
        raise _unreachable(S + A, P, env)
    _set_utype(mem, off, _hi20(signed(S + A, 32)))


def _abs_lo12(S: int, A: int) -> int:
    v = signed(S + A, 32)
    return signed(v - signed(_hi20(v), 32), 32)


def r_riscv_lo12_i(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_LO12_I: absolute low 12 bits, I-type."""
    _set_itype(mem, off, _abs_lo12(S, A))


def r_riscv_lo12_s(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_LO12_S: absolute low 12 bits, S-type."""
    _set_stype(mem, off, _abs_lo12(S, A))


def r_riscv_got_hi20(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_GOT_HI20: always makes (or reuses) a GOT entry holding S + A; no range check."""
    v = (S + A) & U64
    sections = env.sections_near(P)
    if sections is None:
        raise KernelError(
            f"{env.module}: can not generate the GOT entry for symbol = {v:016x} from PC = {format_pointer(P)}",
            "EINVAL",
        )
    entry = sections.emit_got_entry(v)
    _set_utype(mem, off, _hi20(signed(entry - P, 64)))


def r_riscv_call_plt(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_CALL_PLT: auipc + jalr pair; a target out of reach goes through a PLT entry."""
    d = _pc_offset(S, A, P)
    if not _in_auipc_jalr_range(d):
        sections = env.sections_near(P)
        if sections is None:
            raise _unreachable(S + A, P, env)
        d = signed(sections.emit_plt_entry((S + A) & U64) - P, 64)
    _set_auipc_jalr(mem, off, d)


def r_riscv_call(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_CALL: auipc + jalr pair; never uses a PLT."""
    d = _pc_offset(S, A, P)
    if not _in_auipc_jalr_range(d):
        raise _unreachable(S + A, P, env)
    _set_auipc_jalr(mem, off, d)


def r_riscv_relax(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_RELAX: a linker hint; nothing to do."""


def r_riscv_align(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_ALIGN: has a handler in 6.1, whose only job is to refuse."""
    raise KernelError(
        f"{env.module}: The unexpected relocation type 'R_RISCV_ALIGN' from PC = {format_pointer(P)}", "EINVAL"
    )


def r_riscv_add32(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_ADD32: adds S + A to the 32-bit word in place."""
    put_u32(mem, off, get_u32(mem, off) + S + A)


def r_riscv_add64(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_ADD64: adds S + A to the 64-bit word in place."""
    put_u64(mem, off, get_u64(mem, off) + S + A)


def r_riscv_sub32(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_SUB32: subtracts S + A from the 32-bit word in place."""
    put_u32(mem, off, get_u32(mem, off) - S - A)


def r_riscv_sub64(mem: bytearray, off: int, S: int, A: int, P: int, env: RiscvEnv = DEFAULT_ENV) -> None:
    """R_RISCV_SUB64: subtracts S + A from the 64-bit word in place."""
    put_u64(mem, off, get_u64(mem, off) - S - A)


def _refuse(rtype: int, env: RiscvEnv) -> None:
    raise KernelError(f"{env.module}: Unknown relocation type {rtype}", "EINVAL")


_NO_CHECK = "no range check: truncated when out of range"
_PCREL_PAIR = "the HI20 partner's offset (its S + A - P; GOT entry - P for GOT_HI20); own S = the auipc's address"

HANDLERS = RelocTable(
    [
        row(R_RISCV_32, r_riscv_32, 4, "S + A (refused unless < 2^32)"),
        row(R_RISCV_64, r_riscv_64, 8, "S + A"),
        row(R_RISCV_BRANCH, r_riscv_branch, 4, f"S + A - P into the B-type immediate, 13 bits ({_NO_CHECK})",
            truncates_unchecked(13, pc_relative=True)),
        row(R_RISCV_JAL, r_riscv_jal, 4, f"S + A - P into the J-type immediate, 21 bits ({_NO_CHECK})",
            truncates_unchecked(21, pc_relative=True)),
        row(R_RISCV_CALL, r_riscv_call, 8, "S + A - P into auipc (hi20) + jalr (lo12) "
            "(refused outside [-2^31 - 2^11, 2^31 - 2^11))"),
        row(R_RISCV_CALL_PLT, r_riscv_call_plt, 8, "S + A - P into auipc (hi20) + jalr (lo12); "
            "out of auipc range: PLT entry - P"),
        row(R_RISCV_GOT_HI20, r_riscv_got_hi20, 4, "GOT entry(S + A) - P, upper 20 bits (U-type); "
            "always makes or reuses a GOT entry"),
        row(R_RISCV_PCREL_HI20, r_riscv_pcrel_hi20, 4, "S + A - P, upper 20 bits (U-type) "
            "(refused outside [-2^31 - 2^11, 2^31 - 2^11))"),
        row(R_RISCV_PCREL_LO12_I, r_riscv_pcrel_lo12_i, 4, f"low 12 bits (I-type) of {_PCREL_PAIR}"),
        row(R_RISCV_PCREL_LO12_S, r_riscv_pcrel_lo12_s, 4, f"low 12 bits (S-type) of {_PCREL_PAIR}"),
        row(R_RISCV_HI20, r_riscv_hi20, 4, f"(s32)(S + A), upper 20 bits (U-type) ({_NO_CHECK}; "
            "refused under CONFIG_CMODEL_MEDLOW)", truncates_unchecked(32, pc_relative=False)),
        row(R_RISCV_LO12_I, r_riscv_lo12_i, 4, "(s32)(S + A), low 12 bits (I-type)"),
        row(R_RISCV_LO12_S, r_riscv_lo12_s, 4, "(s32)(S + A), low 12 bits (S-type)"),
        row(R_RISCV_ADD32, r_riscv_add32, 4, "field + (S + A), 32 bits, in place"),
        row(R_RISCV_ADD64, r_riscv_add64, 8, "field + (S + A), 64 bits, in place"),
        row(R_RISCV_SUB32, r_riscv_sub32, 4, "field - (S + A), 32 bits, in place"),
        row(R_RISCV_SUB64, r_riscv_sub64, 8, "field - (S + A), 64 bits, in place"),
        row(R_RISCV_ALIGN, r_riscv_align, 0, "always refused (modules are built with -mno-relax)"),
        row(R_RISCV_RVC_BRANCH, r_riscv_rvc_branch, 2, f"S + A - P into the CB-type immediate, 9 bits "
            f"({_NO_CHECK})", truncates_unchecked(9, pc_relative=True)),
        row(R_RISCV_RVC_JUMP, r_riscv_rvc_jump, 2, f"S + A - P into the CJ-type immediate, 12 bits "
            f"({_NO_CHECK})", truncates_unchecked(12, pc_relative=True)),
        row(R_RISCV_RELAX, r_riscv_relax, 0, "nothing written (a linker hint)"),
    ],
    _refuse,
)

#: the types that take their value from an HI20 partner, and the types that can be that partner
PCREL_LO12_TYPES = (R_RISCV_PCREL_LO12_I, R_RISCV_PCREL_LO12_S)
HI20_PARTNER_TYPES = (R_RISCV_PCREL_HI20, R_RISCV_GOT_HI20)


def apply_relocate_add(
    space: AddressSpace,
    target_addr: int,
    relas: list[tuple[int, int, int]],
    symbols: SymbolView,
    env: RiscvEnv,
    records: list[RelocRecord] | None = None,
    *,
    relsec: int = 0,
) -> None:
    """Apply one SHT_RELA section whose target section sits at ``target_addr``, in entry order.

    ``relsec`` (the relocation section's index) appears in no riscv message."""
    partners: dict[int, int] | None = None  # auipc address -> index of the first HI20 there
    for i, P, sym, rtype, S, A in rela_entries(target_addr, relas, symbols, env.module):
        if skips_unresolved(S, sym, symbols, env):
            continue
        row = HANDLERS.lookup(rtype, env)
        if rtype in PCREL_LO12_TYPES:
            if partners is None:
                partners = {}
                for j, (o, inf, _a) in enumerate(relas):
                    if inf & 0xFFFFFFFF in HI20_PARTNER_TYPES:
                        partners.setdefault((target_addr + o) & U64, j)
            j = partners.get(S)
            partner = None if j is None else partner_at(relas, j, symbols, env, S)
            apply_entry(space, row, i, sym, S, A, P, env, records, hi20=partner)
        else:
            apply_entry(space, row, i, sym, S, A, P, env, records)


def skips_unresolved(S: int, sym: int, symbols: SymbolView, env: RiscvEnv) -> bool:
    """A symbol simplify_symbols left as an error value (IS_ERR_VALUE): skipped when weak (True),
    else refused as "Unknown symbol"."""
    if S < _ERR_FLOOR:
        return False
    if symbols.is_weak(sym):
        return True
    raise KernelError(f"{env.module}: Unknown symbol {symbols.name(sym)}", "ENOENT")


def partner_at(relas, j: int, symbols: SymbolView, env: RiscvEnv, auipc: int) -> Hi20Partner:
    """The HI20 relocation ``relas[j]`` at the auipc ``auipc``, as a PCREL_LO12's partner."""
    _offset, info, addend = relas[j]
    return Hi20Partner(info & 0xFFFFFFFF, symbol_value(symbols, info >> 32, env.module), signed(addend, 64), auipc)
