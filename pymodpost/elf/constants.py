"""Numbers of the ELF format (gABI), the GNU and Linux extensions, and the relocation types of the
two architectures pymodpost models (x86-64 and RISC-V).

Plain module-level ints for the generic values (they are compared against numpy arrays, where an
IntEnum buys nothing), IntEnum classes for the relocation types so that a number prints with its
name.  Relocation numbers were checked against binutils' ``include/elf/x86-64.h`` and
``include/elf/riscv.h``, the RISC-V psABI relocation table and the kernel's
``arch/riscv/include/uapi/asm/elf.h``; the names are the ones GNU readelf prints.
"""

from __future__ import annotations

from enum import IntEnum

# --- e_ident -------------------------------------------------------------------------------
ELFMAG = b"\x7fELF"
EI_CLASS, EI_DATA, EI_VERSION, EI_OSABI, EI_ABIVERSION, EI_PAD = 4, 5, 6, 7, 8, 9
EI_NIDENT = 16

ELFCLASSNONE, ELFCLASS32, ELFCLASS64 = 0, 1, 2
ELFDATANONE, ELFDATA2LSB, ELFDATA2MSB = 0, 1, 2
EV_NONE, EV_CURRENT = 0, 1

ELFOSABI_NONE = ELFOSABI_SYSV = 0
ELFOSABI_GNU = ELFOSABI_LINUX = 3

# --- e_type --------------------------------------------------------------------------------
ET_NONE, ET_REL, ET_EXEC, ET_DYN, ET_CORE = 0, 1, 2, 3, 4
ET_LOOS, ET_HIOS, ET_LOPROC, ET_HIPROC = 0xFE00, 0xFEFF, 0xFF00, 0xFFFF

# --- p_type (program headers: read only of the kernels the harness boots) ------------------
PT_NULL, PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_NOTE = 0, 1, 2, 3, 4

# --- e_machine -----------------------------------------------------------------------------
EM_NONE = 0
EM_SPARC = 2
EM_386 = 3
EM_68K = 4
EM_IAMCU = 6
EM_MIPS = 8
EM_OLD_SPARCV9 = 11  # BFD's name for the pre-standard SPARC v9 number
EM_PARISC = 15
EM_SPARC32PLUS = 18
EM_PPC = 20
EM_PPC64 = 21
EM_S390 = 22
EM_ARM = 40
EM_SH = 42
EM_SPARCV9 = 43
EM_IA_64 = 50
EM_X86_64 = 62
EM_XTENSA = 94
EM_AARCH64 = 183
EM_RISCV = 243
EM_BPF = 247
EM_CSKY = 252
EM_LOONGARCH = 258

#: short names for the machines a person is likely to meet (used in messages and dumps)
MACHINE_NAMES: dict[int, str] = {
    EM_NONE: "none", EM_SPARC: "sparc", EM_386: "i386", EM_68K: "m68k", EM_MIPS: "mips",
    EM_PARISC: "parisc", EM_PPC: "ppc", EM_PPC64: "ppc64", EM_S390: "s390", EM_ARM: "arm",
    EM_SH: "sh", EM_SPARCV9: "sparc64", EM_IA_64: "ia64", EM_X86_64: "x86_64",
    EM_XTENSA: "xtensa", EM_AARCH64: "aarch64", EM_RISCV: "riscv", EM_BPF: "bpf",
    EM_CSKY: "csky", EM_LOONGARCH: "loongarch",
}

# --- e_flags (RISC-V) ----------------------------------------------------------------------
EF_RISCV_RVC = 0x0001
EF_RISCV_FLOAT_ABI = 0x0006
EF_RISCV_FLOAT_ABI_SOFT = 0x0000
EF_RISCV_FLOAT_ABI_SINGLE = 0x0002
EF_RISCV_FLOAT_ABI_DOUBLE = 0x0004
EF_RISCV_FLOAT_ABI_QUAD = 0x0006
EF_RISCV_RVE = 0x0008
EF_RISCV_TSO = 0x0010

# --- section types -------------------------------------------------------------------------
SHT_NULL = 0
SHT_PROGBITS = 1
SHT_SYMTAB = 2
SHT_STRTAB = 3
SHT_RELA = 4
SHT_HASH = 5
SHT_DYNAMIC = 6
SHT_NOTE = 7
SHT_NOBITS = 8
SHT_REL = 9
SHT_SHLIB = 10
SHT_DYNSYM = 11
SHT_INIT_ARRAY = 14
SHT_FINI_ARRAY = 15
SHT_PREINIT_ARRAY = 16
SHT_GROUP = 17
SHT_SYMTAB_SHNDX = 18
SHT_RELR = 19
SHT_LOOS = 0x60000000
SHT_GNU_ATTRIBUTES = 0x6FFFFFF5
SHT_GNU_HASH = 0x6FFFFFF6
SHT_GNU_LIBLIST = 0x6FFFFFF7
SHT_CHECKSUM = 0x6FFFFFF8
SHT_GNU_verdef = 0x6FFFFFFD
SHT_GNU_verneed = 0x6FFFFFFE
SHT_GNU_versym = 0x6FFFFFFF
SHT_HIOS = 0x6FFFFFFF
SHT_LOPROC = 0x70000000
SHT_X86_64_UNWIND = 0x70000001
SHT_RISCV_ATTRIBUTES = 0x70000003
SHT_HIPROC = 0x7FFFFFFF
SHT_LOUSER = 0x80000000
SHT_HIUSER = 0xFFFFFFFF

SECTION_TYPE_NAMES: dict[int, str] = {
    SHT_NULL: "NULL", SHT_PROGBITS: "PROGBITS", SHT_SYMTAB: "SYMTAB", SHT_STRTAB: "STRTAB",
    SHT_RELA: "RELA", SHT_HASH: "HASH", SHT_DYNAMIC: "DYNAMIC", SHT_NOTE: "NOTE",
    SHT_NOBITS: "NOBITS", SHT_REL: "REL", SHT_SHLIB: "SHLIB", SHT_DYNSYM: "DYNSYM",
    SHT_INIT_ARRAY: "INIT_ARRAY", SHT_FINI_ARRAY: "FINI_ARRAY",
    SHT_PREINIT_ARRAY: "PREINIT_ARRAY", SHT_GROUP: "GROUP", SHT_SYMTAB_SHNDX: "SYMTAB_SHNDX",
    SHT_RELR: "RELR", SHT_GNU_ATTRIBUTES: "GNU_ATTRIBUTES", SHT_GNU_HASH: "GNU_HASH",
    SHT_GNU_LIBLIST: "GNU_LIBLIST", SHT_CHECKSUM: "CHECKSUM", SHT_GNU_verdef: "VERDEF",
    SHT_GNU_verneed: "VERNEED", SHT_GNU_versym: "VERSYM",
}
#: processor-specific section types; the same number means different things per machine
MACHINE_SECTION_TYPE_NAMES: dict[tuple[int, int], str] = {
    (EM_X86_64, SHT_X86_64_UNWIND): "X86_64_UNWIND",
    (EM_RISCV, SHT_RISCV_ATTRIBUTES): "RISCV_ATTRIBUTES",
}

# --- section flags -------------------------------------------------------------------------
SHF_WRITE = 0x1
SHF_ALLOC = 0x2
SHF_EXECINSTR = 0x4
SHF_MERGE = 0x10
SHF_STRINGS = 0x20
SHF_INFO_LINK = 0x40
SHF_LINK_ORDER = 0x80
SHF_OS_NONCONFORMING = 0x100
SHF_GROUP = 0x200
SHF_TLS = 0x400
SHF_COMPRESSED = 0x800
SHF_MASKOS = 0x0FF00000
SHF_GNU_RETAIN = 0x00200000
#: Linux reuses an OS-specific bit: the module loader makes such sections read-only after init
SHF_RELA_LIVEPATCH = 0x00100000
SHF_RO_AFTER_INIT = 0x00200000
SHF_MASKPROC = 0xF0000000
SHF_X86_64_LARGE = 0x10000000
SHF_EXCLUDE = 0x80000000

#: flag letters as readelf's key shows them, in the order readelf prints them
SECTION_FLAG_LETTERS: tuple[tuple[int, str], ...] = (
    (SHF_WRITE, "W"), (SHF_ALLOC, "A"), (SHF_EXECINSTR, "X"), (SHF_MERGE, "M"),
    (SHF_STRINGS, "S"), (SHF_INFO_LINK, "I"), (SHF_LINK_ORDER, "L"),
    (SHF_OS_NONCONFORMING, "O"), (SHF_GROUP, "G"), (SHF_TLS, "T"), (SHF_COMPRESSED, "C"),
    (SHF_EXCLUDE, "E"),
)

# --- special section indexes ---------------------------------------------------------------
SHN_UNDEF = 0
SHN_LORESERVE = 0xFF00
SHN_LOPROC = 0xFF00
SHN_HIPROC = 0xFF1F
SHN_LIVEPATCH = 0xFF20
SHN_ABS = 0xFFF1
SHN_COMMON = 0xFFF2
SHN_XINDEX = 0xFFFF
SHN_HIRESERVE = 0xFFFF

# --- symbols -------------------------------------------------------------------------------
STB_LOCAL, STB_GLOBAL, STB_WEAK = 0, 1, 2
STB_GNU_UNIQUE = 10
STB_LOOS, STB_HIOS, STB_LOPROC, STB_HIPROC = 10, 12, 13, 15

STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION, STT_FILE, STT_COMMON, STT_TLS = 0, 1, 2, 3, 4, 5, 6
STT_GNU_IFUNC = 10
STT_LOOS, STT_HIOS, STT_LOPROC, STT_HIPROC = 10, 12, 13, 15
STT_SPARC_REGISTER = 13

STV_DEFAULT, STV_INTERNAL, STV_HIDDEN, STV_PROTECTED = 0, 1, 2, 3

BIND_NAMES = {STB_LOCAL: "LOCAL", STB_GLOBAL: "GLOBAL", STB_WEAK: "WEAK", STB_GNU_UNIQUE: "UNIQUE"}
TYPE_NAMES = {
    STT_NOTYPE: "NOTYPE", STT_OBJECT: "OBJECT", STT_FUNC: "FUNC", STT_SECTION: "SECTION",
    STT_FILE: "FILE", STT_COMMON: "COMMON", STT_TLS: "TLS", STT_GNU_IFUNC: "IFUNC",
}
VISIBILITY_NAMES = {STV_DEFAULT: "DEFAULT", STV_INTERNAL: "INTERNAL", STV_HIDDEN: "HIDDEN",
                    STV_PROTECTED: "PROTECTED"}

# --- section groups ------------------------------------------------------------------------
GRP_COMDAT = 0x1
GRP_MASKOS = 0x0FF00000
GRP_MASKPROC = 0xF0000000

# --- notes ---------------------------------------------------------------------------------
NT_GNU_ABI_TAG = 1
NT_GNU_HWCAP = 2
NT_GNU_BUILD_ID = 3
NT_GNU_GOLD_VERSION = 4
NT_GNU_PROPERTY_TYPE_0 = 5

# --- sizes of the fixed records, by class ---------------------------------------------------
EHDR_SIZE = {ELFCLASS32: 52, ELFCLASS64: 64}
SHDR_SIZE = {ELFCLASS32: 40, ELFCLASS64: 64}
SYM_SIZE = {ELFCLASS32: 16, ELFCLASS64: 24}
REL_SIZE = {ELFCLASS32: 8, ELFCLASS64: 16}
RELA_SIZE = {ELFCLASS32: 12, ELFCLASS64: 24}


# --- relocation types ----------------------------------------------------------------------
class RX86_64(IntEnum):
    """x86-64 psABI relocation types (binutils include/elf/x86-64.h)."""

    R_X86_64_NONE = 0
    R_X86_64_64 = 1
    R_X86_64_PC32 = 2
    R_X86_64_GOT32 = 3
    R_X86_64_PLT32 = 4
    R_X86_64_COPY = 5
    R_X86_64_GLOB_DAT = 6
    R_X86_64_JUMP_SLOT = 7
    R_X86_64_RELATIVE = 8
    R_X86_64_GOTPCREL = 9
    R_X86_64_32 = 10
    R_X86_64_32S = 11
    R_X86_64_16 = 12
    R_X86_64_PC16 = 13
    R_X86_64_8 = 14
    R_X86_64_PC8 = 15
    R_X86_64_DTPMOD64 = 16
    R_X86_64_DTPOFF64 = 17
    R_X86_64_TPOFF64 = 18
    R_X86_64_TLSGD = 19
    R_X86_64_TLSLD = 20
    R_X86_64_DTPOFF32 = 21
    R_X86_64_GOTTPOFF = 22
    R_X86_64_TPOFF32 = 23
    R_X86_64_PC64 = 24
    R_X86_64_GOTOFF64 = 25
    R_X86_64_GOTPC32 = 26
    R_X86_64_GOT64 = 27
    R_X86_64_GOTPCREL64 = 28
    R_X86_64_GOTPC64 = 29
    R_X86_64_GOTPLT64 = 30  # obsolete, same as GOT64
    R_X86_64_PLTOFF64 = 31
    R_X86_64_SIZE32 = 32
    R_X86_64_SIZE64 = 33
    R_X86_64_GOTPC32_TLSDESC = 34
    R_X86_64_TLSDESC_CALL = 35
    R_X86_64_TLSDESC = 36
    R_X86_64_IRELATIVE = 37
    R_X86_64_RELATIVE64 = 38
    R_X86_64_PC32_BND = 39  # MPX, withdrawn from the psABI but still known to binutils
    R_X86_64_PLT32_BND = 40
    R_X86_64_GOTPCRELX = 41
    R_X86_64_REX_GOTPCRELX = 42
    # APX-era additions (binutils 2.43+); readelf 2.40 does not know them yet
    R_X86_64_CODE_4_GOTPCRELX = 43
    R_X86_64_CODE_4_GOTTPOFF = 44
    R_X86_64_CODE_4_GOTPC32_TLSDESC = 45
    R_X86_64_CODE_5_GOTPCRELX = 46
    R_X86_64_CODE_5_GOTPC32_TLSDESC = 47
    R_X86_64_CODE_5_GOTTPOFF = 48
    R_X86_64_CODE_6_GOTPCRELX = 49
    R_X86_64_CODE_6_GOTTPOFF = 50
    R_X86_64_CODE_6_GOTPC32_TLSDESC = 51
    R_X86_64_GNU_VTINHERIT = 250
    R_X86_64_GNU_VTENTRY = 251


class RRiscv(IntEnum):
    """RISC-V psABI relocation types.

    Numbers 13-15 were never assigned.  46 (RVC_LUI) and 47-50 (GPREL_I/S, TPREL_I/S) are
    still named by binutils 2.40 and the kernel 6.1 headers but were withdrawn from the psABI,
    which has since handed 47-49 to GPREL_LO12_I/LO12_S/GPREL_HI20 (kept as aliases so either
    spelling resolves).  41/42 (GNU_VTINHERIT/VTENTRY) are left out: the kernel 6.1 uapi header
    still defines them, but binutils dropped them, readelf 2.40 does not name them and the
    psABI reserves the numbers.  The names are those readelf 2.40 prints (checked for all 256
    numbers by tests/elf/test_constants.py); numbers added after it carry the psABI's names.
    The kernel 6.1 uapi header spells 46 ``R_RISCV_LUI``.
    """

    R_RISCV_NONE = 0
    R_RISCV_32 = 1
    R_RISCV_64 = 2
    R_RISCV_RELATIVE = 3
    R_RISCV_COPY = 4
    R_RISCV_JUMP_SLOT = 5
    R_RISCV_TLS_DTPMOD32 = 6
    R_RISCV_TLS_DTPMOD64 = 7
    R_RISCV_TLS_DTPREL32 = 8
    R_RISCV_TLS_DTPREL64 = 9
    R_RISCV_TLS_TPREL32 = 10
    R_RISCV_TLS_TPREL64 = 11
    R_RISCV_TLSDESC = 12
    R_RISCV_BRANCH = 16
    R_RISCV_JAL = 17
    R_RISCV_CALL = 18  # deprecated in favour of CALL_PLT; the two behave the same
    R_RISCV_CALL_PLT = 19
    R_RISCV_GOT_HI20 = 20
    R_RISCV_TLS_GOT_HI20 = 21
    R_RISCV_TLS_GD_HI20 = 22
    R_RISCV_PCREL_HI20 = 23
    R_RISCV_PCREL_LO12_I = 24
    R_RISCV_PCREL_LO12_S = 25
    R_RISCV_HI20 = 26
    R_RISCV_LO12_I = 27
    R_RISCV_LO12_S = 28
    R_RISCV_TPREL_HI20 = 29
    R_RISCV_TPREL_LO12_I = 30
    R_RISCV_TPREL_LO12_S = 31
    R_RISCV_TPREL_ADD = 32
    R_RISCV_ADD8 = 33
    R_RISCV_ADD16 = 34
    R_RISCV_ADD32 = 35
    R_RISCV_ADD64 = 36
    R_RISCV_SUB8 = 37
    R_RISCV_SUB16 = 38
    R_RISCV_SUB32 = 39
    R_RISCV_SUB64 = 40
    R_RISCV_ALIGN = 43
    R_RISCV_RVC_BRANCH = 44
    R_RISCV_RVC_JUMP = 45
    R_RISCV_RVC_LUI = 46  # withdrawn
    R_RISCV_GPREL_I = 47  # withdrawn; number reused by GPREL_LO12_I
    R_RISCV_GPREL_S = 48  # withdrawn; number reused by GPREL_LO12_S
    R_RISCV_TPREL_I = 49  # withdrawn; number reused by GPREL_HI20
    R_RISCV_TPREL_S = 50  # withdrawn
    R_RISCV_RELAX = 51
    R_RISCV_SUB6 = 52
    R_RISCV_SET6 = 53
    R_RISCV_SET8 = 54
    R_RISCV_SET16 = 55
    R_RISCV_SET32 = 56
    R_RISCV_32_PCREL = 57
    R_RISCV_IRELATIVE = 58
    R_RISCV_PLT32 = 59
    R_RISCV_SET_ULEB128 = 60
    R_RISCV_SUB_ULEB128 = 61
    R_RISCV_TLSDESC_HI20 = 62
    R_RISCV_TLSDESC_LOAD_LO12 = 63
    R_RISCV_TLSDESC_ADD_LO12 = 64
    R_RISCV_TLSDESC_CALL = 65
    # later psABI names for reused numbers (aliases: the canonical name above wins)
    R_RISCV_GPREL_LO12_I = 47
    R_RISCV_GPREL_LO12_S = 48
    R_RISCV_GPREL_HI20 = 49
    R_RISCV_LUI = 46  # the kernel 6.1 uapi spelling


RELOC_TYPES: dict[int, type[IntEnum]] = {EM_X86_64: RX86_64, EM_RISCV: RRiscv}


def reloc_type_name(machine: int, rtype: int) -> str:
    """``R_*`` name of relocation ``rtype`` on ``machine``.

    Unknown numbers (or machines) give readelf's fallback text, ``unrecognized: <hex>``.
    """
    enum = RELOC_TYPES.get(machine)
    if enum is not None:
        try:
            return enum(rtype).name
        except ValueError:
            pass
    return f"unrecognized: {rtype:x}"


def section_type_name(machine: int, sh_type: int) -> str:
    name = SECTION_TYPE_NAMES.get(sh_type) or MACHINE_SECTION_TYPE_NAMES.get((machine, sh_type))
    if name is not None:
        return name
    if SHT_LOPROC <= sh_type <= SHT_HIPROC:
        return f"LOPROC+{sh_type - SHT_LOPROC:x}"
    if SHT_LOOS <= sh_type <= SHT_HIOS:
        return f"LOOS+{sh_type - SHT_LOOS:x}"
    if SHT_LOUSER <= sh_type <= SHT_HIUSER:
        return f"LOUSER+{sh_type - SHT_LOUSER:x}"
    return f"<unknown>: {sh_type:x}"


def section_flag_letters(flags: int) -> str:
    """readelf's ``Flg`` column for ``flags`` (plus ``o`` for OS bits, ``p`` processor bits)."""
    out = [letter for bit, letter in SECTION_FLAG_LETTERS if flags & bit]
    known = 0
    for bit, _ in SECTION_FLAG_LETTERS:
        known |= bit
    if flags & SHF_MASKOS:
        out.append("o")
    if flags & SHF_MASKPROC & ~SHF_EXCLUDE & ~known:
        out.append("p")
    return "".join(out)


class R386(IntEnum):
    """i386 relocation types modpost reads REL addends for."""
    R_386_32 = 1
    R_386_PC32 = 2


class RArm(IntEnum):
    """ARM relocation types modpost reads REL addends for."""
    R_ARM_PC24 = 1
    R_ARM_ABS32 = 2
    R_ARM_REL32 = 3
    R_ARM_THM_PC22 = 10
    R_ARM_CALL = 28
    R_ARM_JUMP24 = 29
    R_ARM_THM_JUMP24 = 30
    R_ARM_MOVW_ABS_NC = 43
    R_ARM_MOVT_ABS = 44
    R_ARM_THM_MOVW_ABS_NC = 47
    R_ARM_THM_MOVT_ABS = 48
    R_ARM_THM_JUMP19 = 51


class RMips(IntEnum):
    """MIPS relocation types modpost reads REL addends for."""
    R_MIPS_32 = 2
    R_MIPS_26 = 4
    R_MIPS_HI16 = 5
    R_MIPS_LO16 = 6


class RLarch(IntEnum):
    """LoongArch relocation types modpost's section check skips."""
    R_LARCH_SUB32 = 55
    R_LARCH_RELAX = 100
    R_LARCH_ALIGN = 102
