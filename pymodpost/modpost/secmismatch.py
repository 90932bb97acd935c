"""Section mismatch analysis: Linux 6.1 modpost's check_sec_ref() and its rule tables.

For every relocation section of an object, modpost asks whether code or data in the section
being relocated ("fromsec") refers to a section that will be discarded while the reference
can still be followed (init/exit code and data), and whether exception-table entries point at
non-text.  The rule table (``sectioncheck[]``), the whitelist of harmless patterns
(``secref_whitelist``) and the symbol-guessing helpers are reproduced from 6.1.

Speed: the question "does this (fromsec, tosec) pair trip any rule" depends only on section
names, so it is answered once per section pair and applied to all relocations with numpy; only
relocations that do trip a rule reach the Python code that names symbols and prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from pymodpost.modpost import objfile as of
from pymodpost.modpost.clib import glob_match, remove_dot

if TYPE_CHECKING:
    from pymodpost.modpost.core import Modpost

SECTION_WHITE_LIST = (".comment*", ".debug*", ".zdebug*", ".GCC.command.line", ".mdebug*", ".pdr", ".stab*",
                      ".note*", ".got*", ".toc*", ".xt.prop", ".xt.lit", ".arcextmap*", ".gnu.linkonce.arcext*",
                      ".cmem*", ".fmt_slot*", ".gnu.lto*", ".discard.*")

ALL_INIT_DATA_SECTIONS = (".init.setup", ".init.rodata", ".meminit.rodata", ".init.data", ".meminit.data")
ALL_EXIT_DATA_SECTIONS = (".exit.data", ".memexit.data")
ALL_INIT_TEXT_SECTIONS = (".init.text", ".meminit.text")
ALL_EXIT_TEXT_SECTIONS = (".exit.text",)
ALL_PCI_INIT_SECTIONS = (".pci_fixup_early", ".pci_fixup_header", ".pci_fixup_final", ".pci_fixup_enable",
                         ".pci_fixup_resume", ".pci_fixup_resume_early", ".pci_fixup_suspend")
INIT_SECTIONS = (".init.*",)
MEM_INIT_SECTIONS = (".meminit.*",)
EXIT_SECTIONS = (".exit.*",)
ALL_XXXINIT_SECTIONS = MEM_INIT_SECTIONS
ALL_INIT_SECTIONS = INIT_SECTIONS + ALL_XXXINIT_SECTIONS
ALL_EXIT_SECTIONS = EXIT_SECTIONS
DATA_SECTIONS = (".data", ".data.rel")
TEXT_SECTIONS = (".text", ".text.*", ".sched.text", ".kprobes.text", ".cpuidle.text", ".noinstr.text",
                 ".ltext", ".ltext.*")
OTHER_TEXT_SECTIONS = (".ref.text", ".head.text", ".spinlock.text", ".fixup", ".entry.text", ".exception.text",
                       ".coldtext", ".softirqentry.text", ".irqentry.text")
ALL_TEXT_SECTIONS = ALL_INIT_TEXT_SECTIONS + ALL_EXIT_TEXT_SECTIONS + TEXT_SECTIONS + OTHER_TEXT_SECTIONS

HEAD_SECTIONS = (".head.text*",)
LINKER_SYMBOLS = ("__init_begin", "_sinittext", "_einittext")
OPTIM_SYMBOLS = ("*.constprop.*",)
DATA_SYMBOL_OK = ("*_template", "*_timer", "*_sht", "*_ops", "*_probe", "*_probe_one", "*_console")

TEXT_TO_ANY_INIT, DATA_TO_ANY_INIT, TEXT_TO_ANY_EXIT, DATA_TO_ANY_EXIT, XXXINIT_TO_SOME_INIT, \
    ANY_INIT_TO_ANY_EXIT, ANY_EXIT_TO_ANY_INIT, EXPORT_TO_INIT_EXIT, EXTABLE_TO_NON_TEXT = range(9)

R_RISCV_SUB32 = 39


@dataclass(frozen=True, slots=True)
class SectionCheck:
    fromsec: tuple[str, ...]
    bad_tosec: tuple[str, ...]
    good_tosec: tuple[str, ...]
    mismatch: int


SECTIONCHECK = (
    SectionCheck(TEXT_SECTIONS, ALL_INIT_SECTIONS, (), TEXT_TO_ANY_INIT),
    SectionCheck(DATA_SECTIONS, ALL_XXXINIT_SECTIONS, (), DATA_TO_ANY_INIT),
    SectionCheck(DATA_SECTIONS, INIT_SECTIONS, (), DATA_TO_ANY_INIT),
    SectionCheck(TEXT_SECTIONS, ALL_EXIT_SECTIONS, (), TEXT_TO_ANY_EXIT),
    SectionCheck(DATA_SECTIONS, ALL_EXIT_SECTIONS, (), DATA_TO_ANY_EXIT),
    SectionCheck(ALL_XXXINIT_SECTIONS, INIT_SECTIONS, (), XXXINIT_TO_SOME_INIT),
    SectionCheck(ALL_INIT_SECTIONS, ALL_EXIT_SECTIONS, (), ANY_INIT_TO_ANY_EXIT),
    SectionCheck(ALL_EXIT_SECTIONS, ALL_INIT_SECTIONS, (), ANY_EXIT_TO_ANY_INIT),
    SectionCheck(ALL_PCI_INIT_SECTIONS, INIT_SECTIONS, (), ANY_INIT_TO_ANY_EXIT),
    SectionCheck(("___ksymtab*",), INIT_SECTIONS + EXIT_SECTIONS, (), EXPORT_TO_INIT_EXIT),
    SectionCheck(("__ex_table",), (".altinstr_replacement",), ALL_TEXT_SECTIONS, EXTABLE_TO_NON_TEXT),
)


@lru_cache(maxsize=1 << 16)
def section_mismatch(fromsec: str, tosec: str) -> SectionCheck | None:
    if not tosec:
        return None
    for check in SECTIONCHECK:
        if glob_match(fromsec, check.fromsec):
            if check.bad_tosec and glob_match(tosec, check.bad_tosec):
                return check
            if check.good_tosec and not glob_match(tosec, check.good_tosec):
                return check
    return None


def secref_whitelist(extra_warn: bool, fromsec: str, fromsym: str, tosec: str, tosym: str) -> bool:
    """True if the reference is to be reported (modpost returns 1), False if whitelisted."""
    from_data = glob_match(fromsec, DATA_SECTIONS)
    if glob_match(tosec, ALL_INIT_DATA_SECTIONS) and from_data and fromsym.startswith("__param"):
        return False
    if tosec == ".init.text" and from_data and fromsym.startswith("__param_ops_"):
        return False
    if from_data and glob_match(tosec, ALL_INIT_SECTIONS + ALL_EXIT_SECTIONS) and glob_match(fromsym, DATA_SYMBOL_OK):
        return False
    if from_data and glob_match(tosec, ALL_XXXINIT_SECTIONS) and glob_match(fromsym, ("*driver",)):
        return False
    if not extra_warn and from_data and glob_match(tosec, EXIT_SECTIONS) and glob_match(fromsym, ("*driver",)):
        return False
    if glob_match(fromsec, HEAD_SECTIONS) and glob_match(tosec, ALL_INIT_SECTIONS):
        return False
    if glob_match(tosym, LINKER_SYMBOLS):
        return False
    if glob_match(fromsec, ALL_TEXT_SECTIONS) and glob_match(tosec, ALL_INIT_SECTIONS) \
            and glob_match(fromsym, OPTIM_SYMBOLS):
        return False
    if fromsym.startswith(".L"):
        return False
    return True


def _is_valid_name(name: str) -> bool:
    if not name:
        return False
    # ARM mapping symbols $a/$d/$t/$x, optionally followed by ".something"
    return not (name[0] == "$" and len(name) >= 2 and name[1] in "adtx" and (len(name) == 2 or name[2] == "."))


class _Names:
    """Per-object symbol helpers (find_elf_symbol / find_elf_symbol2) with cached arrays."""

    def __init__(self, obj: of.ObjectFile):
        self.obj = obj
        self._valid: np.ndarray | None = None
        self._cuts: list[int] | None = None

    def valid(self) -> np.ndarray:
        if self._valid is None:
            obj = self.obj
            self._valid = np.array([_is_valid_name(obj.sym_name_of(i)) for i in range(len(obj.sym_name))], bool)
        return self._valid

    def name(self, i: int | None) -> str:
        """The name as modpost prints it: remove_dot() has by now cut names in the shared strtab
        (in place), which also shortens any other name stored in the same bytes."""
        if i is None:
            return "(unknown)"
        obj = self.obj
        raw = obj.sym_name_of(i)
        if self._cuts is None:
            cuts = set()
            for j in range(len(obj.sym_name)):
                full = obj.sym_name_of(j)
                if "." in full:
                    cut = remove_dot(full)
                    if len(cut) != len(full):
                        cuts.add(int(obj.sym_name[j]) + len(cut.encode("utf-8", "surrogateescape")))
            self._cuts = sorted(cuts)
        if self._cuts:
            start = int(obj.sym_name[i])
            encoded = raw.encode("utf-8", "surrogateescape")
            for c in self._cuts:
                if start <= c < start + len(encoded):
                    return encoded[:c - start].decode("utf-8", "surrogateescape")
        return raw

    def find_elf_symbol(self, addr: int, relsym: int) -> int | None:
        obj = self.obj
        if int(obj.sym_name[relsym]) != 0:
            return relsym
        secidx = obj.sym_secindex
        cand = np.flatnonzero((secidx == secidx[relsym]) & (obj.sym_type != of.STT_SECTION) & self.valid())
        distance = 20
        near = None
        # modpost declares addr, d and distance as Elf64_Sword, a 32-bit signed type
        want = addr & 0xFFFFFFFFFFFFFFFF
        for i in cand.tolist():
            value = int(obj.sym_value[i])
            if value == want:
                return i
            d = _sword(value - addr)
            if d < 0:
                d = _sword(addr - value)
            if d < distance:
                distance = d
                near = i
        return near if distance < 20 else None

    def find_elf_symbol2(self, addr: int, sec: str) -> int | None:
        obj = self.obj
        shndx = obj.sym_shndx
        special = (shndx != of.SHN_XINDEX) & (shndx >= of.SHN_LORESERVE) & (shndx <= of.SHN_HIRESERVE)
        secidx = obj.sym_secindex
        same = np.array([obj.sec_name(int(s)) == sec for s in range(obj.num_sections)] + [False], bool)
        in_range = np.where((secidx >= 0) & (secidx < obj.num_sections), secidx, obj.num_sections)
        cand = np.flatnonzero(~special & same[in_range] & self.valid())
        distance = (1 << 64) - 1 if obj.is64 else (1 << 32) - 1
        near = None
        mask = distance
        for i in cand.tolist():
            value = int(obj.sym_value[i])
            if value <= addr and ((addr - value) & mask) <= distance:
                distance = (addr - value) & mask
                near = i
        return near


def _sword(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def check_sec_ref(mp: "Modpost", modname: str, obj: of.ObjectFile) -> None:
    names = _Names(obj)
    types = obj.sh_type
    flags = obj.sh_flags
    per_object = _PerObject(obj)
    for i in range(obj.num_sections):
        secname = obj.secnames[i]
        if types[i] == of.SHT_PROGBITS and not (flags[i] & of.SHF_ALLOC) and not glob_match(secname, SECTION_WHITE_LIST):
            mp.warn("non-allocatable-section",
                    f"{modname} ({secname}): unexpected non-allocatable section.\n"
                    "Did you forget to use \"ax\"/\"aw\" in a .S file?\n"
                    "Note that for example <linux/init.h> contains\n"
                    "section definitions for use in .S files.\n\n")
        if types[i] == of.SHT_RELA or types[i] == of.SHT_REL:
            # most relocation sections are settled by their fromsec's name alone: decide that
            # here, before any per-section work
            info = obj.sh_info[i]
            fromsec = obj.sec_name(info)
            if not _fromsec_class(fromsec) or glob_match(fromsec, SECTION_WHITE_LIST):
                continue
            _section_rel(mp, modname, obj, names, per_object, i, info, fromsec)


@lru_cache(maxsize=1 << 14)
def _fromsec_class(fromsec: str) -> tuple[int, ...]:
    """Which rules apply to references from ``fromsec``: section_mismatch() depends on fromsec
    only through this, so sections of one class share their per-object tables."""
    return tuple(k for k, c in enumerate(SECTIONCHECK) if glob_match(fromsec, c.fromsec))


@lru_cache(maxsize=1 << 16)
def _class_mismatch(klass: tuple[int, ...], tosec: str) -> bool:
    if not tosec:
        return False
    for k in klass:
        check = SECTIONCHECK[k]
        if check.bad_tosec and glob_match(tosec, check.bad_tosec):
            return True
        if check.good_tosec and not glob_match(tosec, check.good_tosec):
            return True
    return False


class _NameTables:
    """Section names seen so far get small integer ids; per rule class, a growing boolean array
    answers "does a reference to this name trip a rule" for every id at once."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        self.tables: dict[tuple[int, ...], np.ndarray] = {}

    def ids_of(self, secnames: list[str]) -> np.ndarray:
        if len(self.names) > 1 << 20:  # a long-lived process: start afresh rather than grow
            self.__init__()
        ids = self.ids
        names = self.names
        out = []
        for n in secnames:
            i = ids.get(n)
            if i is None:
                i = ids[n] = len(names)
                names.append(n)
            out.append(i)
        return np.array(out, np.int64)

    def table(self, klass: tuple[int, ...]) -> np.ndarray:
        t = self.tables.get(klass)
        have = 0 if t is None else len(t)
        if have < len(self.names):
            more = np.fromiter((_class_mismatch(klass, n) for n in self.names[have:]), bool, len(self.names) - have)
            t = more if t is None else np.concatenate([t, more])
            self.tables[klass] = t
        return t


_NAMES = _NameTables()


class _PerObject:
    """What every relocation section of one object shares: per symbol, whether a reference to it
    from a given class of fromsec trips a rule (special section indices never do)."""

    def __init__(self, obj: of.ObjectFile):
        self.obj = obj
        self._in_range: np.ndarray | None = None
        self._special: np.ndarray | None = None
        self._hits: dict[tuple[int, ...], np.ndarray | None] = {}
        self._ids: np.ndarray | None = None

    def symbol_hits(self, fromsec: str) -> np.ndarray | None:
        klass = _fromsec_class(fromsec)
        if not klass:
            return None
        if klass in self._hits:
            return self._hits[klass]
        obj = self.obj
        if self._ids is None:
            self._ids = _NAMES.ids_of(obj.secnames)
        table = _NAMES.table(klass)[self._ids]
        hits = None
        if table.any():
            if self._in_range is None:
                shndx = obj.sym_shndx
                self._special = (shndx != of.SHN_XINDEX) & (shndx >= of.SHN_LORESERVE) & (shndx <= of.SHN_HIRESERVE)
                secidx = obj.sym_secindex
                self._in_range = np.where((secidx >= 0) & (secidx < obj.num_sections), secidx, obj.num_sections)
            hits = np.append(table, False)[self._in_range] & ~self._special
            if not hits.any():
                hits = None
        self._hits[klass] = hits
        return hits


def _section_rel(mp: "Modpost", modname: str, obj: of.ObjectFile, names: _Names, per_object: _PerObject,
                 i: int, info: int, fromsec: str) -> None:
    """Relocation section ``i`` applying to section ``info`` (``fromsec``, not whitelisted)."""
    sym_hits = per_object.symbol_hits(fromsec)
    if sym_hits is None:
        return
    symidx = obj.reloc_symbols(i)
    if len(symidx) == 0:
        return
    # an index past the symbol table reads whatever follows it in C; here it reads the last entry
    flagged = sym_hits.take(symidx, mode="clip")
    if not flagged.any():
        return
    hits = np.flatnonzero(flagged)
    symidx = np.minimum(symidx.astype(np.int64), len(sym_hits) - 1)
    relocs = obj.relocs(i)
    machine = obj.machine
    for k in hits.tolist():
        r_type = int(relocs.type[k])
        r_offset = int(relocs.offset[k])
        addend = int(relocs.addend[k])
        if relocs.is_rela:
            if machine == of.EM_RISCV and fromsec == "__ex_table" and r_type == R_RISCV_SUB32:
                continue
        else:
            computed = _rel_addend(obj, machine, info, r_offset, r_type, int(symidx[k]))
            if computed is None:
                continue
            addend = computed
        sym = int(symidx[k])
        tosec = obj.sec_name(int(obj.sym_secindex[sym]))
        check = section_mismatch(fromsec, tosec)
        if check is None:
            continue
        if check.mismatch == EXTABLE_TO_NON_TEXT:
            _extable_mismatch(mp, modname, obj, names, check, r_offset, addend, sym, fromsec, tosec)
        else:
            _default_mismatch(mp, modname, names, check, r_offset, addend, sym, fromsec, tosec)


def _rel_addend(obj: of.ObjectFile, machine: int, target: int, r_offset: int, r_type: int, sym: int) -> int | None:
    """REL relocations: the addend modpost derives from the relocated bytes (None = skip it)."""
    order = "little" if obj.little else "big"
    if machine == of.EM_386:
        word = int.from_bytes(obj.section_bytes(target, r_offset, 4), order)
        if r_type == 1:  # R_386_32
            return _sword(word)
        if r_type == 2:  # R_386_PC32
            return _sword(word + 4)
        return 0
    if machine == of.EM_MIPS:
        if r_type == 5:  # R_MIPS_HI16
            return None
        word = int.from_bytes(obj.section_bytes(target, r_offset, 4), order)
        if r_type == 6:  # R_MIPS_LO16
            return word & 0xFFFF
        if r_type == 4:  # R_MIPS_26
            return (word & 0x03FFFFFF) << 2
        if r_type == 2:  # R_MIPS_32
            return word
        return 0
    if machine == of.EM_ARM:
        word = int.from_bytes(obj.section_bytes(target, r_offset, 4), order)
        value = int(obj.sym_value[sym])
        if r_type == 2:  # R_ARM_ABS32
            return _sword(word + value)
        if r_type in (1, 28, 29):  # R_ARM_PC24, CALL, JUMP24
            offset = ((word & 0x00FFFFFF) << 2) & 0x03FFFFFF
            if offset & 0x02000000:
                offset -= 1 << 26
            return _sword(offset + value + 8)
        # the Thumb branch cases compute a host pointer in 6.1 (meaningless); treated as skipped
        return None
    return 0


def _default_mismatch(mp: "Modpost", modname: str, names: _Names, check: SectionCheck, r_offset: int,
                      addend: int, sym: int, fromsec: str, tosec: str) -> None:
    fromsym = names.name(names.find_elf_symbol2(r_offset, fromsec))
    tosym = names.name(names.find_elf_symbol(_sword(addend), sym))
    if not secref_whitelist(mp.opts.extra_warn, fromsec, fromsym, tosec, tosym):
        return
    mp.sec_mismatch_count += 1
    if check.mismatch == EXPORT_TO_INIT_EXIT:
        mp.warn("section-mismatch", f"{modname}: EXPORT_SYMBOL used for init/exit symbol: {tosym} (section: {tosec})\n")
    else:
        mp.warn("section-mismatch", f"{modname}: section mismatch in reference: {fromsym} (section: {fromsec}) -> "
                f"{tosym} (section: {tosec})\n")


def _pretty(obj: of.ObjectFile, i: int | None) -> tuple[str, str]:
    if i is None:
        return "(unknown reference)", ""
    if int(obj.sym_type[i]) == of.STT_FUNC:
        return "function", "()"
    return "variable", ""


def _extable_mismatch(mp: "Modpost", modname: str, obj: of.ObjectFile, names: _Names, check: SectionCheck,
                      r_offset: int, addend: int, sym: int, fromsec: str, tosec: str) -> None:
    mp.sec_mismatch_count += 1
    from_i = names.find_elf_symbol2(r_offset, fromsec)
    to_i = names.find_elf_symbol(_sword(addend), sym)
    fp, fpp = _pretty(obj, from_i)
    tp, tpp = _pretty(obj, to_i)
    # %lx of a (long) r_offset
    off = f"{r_offset:x}"
    mp.warn("extable-mismatch", f"{modname}({fromsec}+0x{off}): Section mismatch in reference from the {fp} "
            f"{names.name(from_i)}{fpp} to the {tp} {tosec}:{names.name(to_i)}{tpp}\n")
    secidx = int(obj.sym_secindex[sym])
    blacklisted = glob_match(tosec, check.bad_tosec)
    if not blacklisted:
        if secidx >= obj.num_sections:
            mp.fatal("extable-mismatch", "section_index is outside elf->num_sections!\n")
        if int(obj.sh_flags[secidx]) & of.SHF_EXECINSTR:
            mp.raw("extable-mismatch",
                   f"The relocation at {fromsec}+0x{off} references\n"
                   f"section \"{tosec}\" which is not in the list of\n"
                   "authorized sections.  If you're adding a new section\n"
                   f"and/or if this reference is valid, add \"{tosec}\" to the\n"
                   "list of authorized sections to jump to on fault.\n"
                   f"This can be achieved by adding \"{tosec}\" to \n"
                   "OTHER_TEXT_SECTIONS in scripts/mod/modpost.c.\n")
    if blacklisted:
        mp.fatal("extable-mismatch", f"The relocation at {fromsec}+0x{off} references\n"
                 f"section \"{tosec}\" which is black-listed.\n"
                 "Something is seriously wrong and should be fixed.\n"
                 "You might get more information about where this is\n"
                 f"coming from by using scripts/check_extable.sh {modname}\n")
    elif not int(obj.sh_flags[secidx]) & of.SHF_EXECINSTR:
        mp.error("extable-mismatch", f"{fromsec}+0x{off} references non-executable section '{tosec}'\n")
