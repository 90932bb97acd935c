"""Section mismatch analysis: modpost's check_sec_ref() and its rule tables, per kernel.

For every relocation section of an object, modpost asks whether code or data in the section
being relocated ("fromsec") refers to a section that will be discarded while the reference
can still be followed (init/exit code and data), and whether exception-table entries point at
non-text.  The rule table (``sectioncheck[]``), the whitelist of harmless patterns
(``secref_whitelist``) and the symbol-guessing helpers are reproduced per rule set
(:data:`RULE_SETS`, named by the dialect's ``section_check``):

* "6.1": meminit sections, nine mismatch kinds, ``find_elf_symbol`` within 20 bytes;
* "6.12" (the 6.5-6.7 rework): init/exit only, ``sym+0xoff`` reports, the nearest-symbol search
  of symsearch.c, and -- with ``-M`` -- the relocations of ``.export_symbol`` are where exports
  are found (check_export_symbol);
* "7.3": 6.12's with a longer whitelist and ``<mod>.ko:``-prefixed messages.

The scan reports through a narrow :class:`Reporter` and returns how many mismatches it counted.

Speed: the question "does this (fromsec, tosec) pair trip any rule" depends only on section
names, so it is answered once per section pair and applied to all relocations with numpy; only
relocations that do trip a rule reach the Python code that names symbols and prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Protocol

import numpy as np

from pymodpost.arch.modpost_machines import modpost_machine
from pymodpost.elf import constants as elfc
from pymodpost.modpost import objfile as of
from pymodpost.clib import glob_match, remove_dot

if TYPE_CHECKING:
    from pymodpost.modpost.model import Module, Symbol


class Reporter(Protocol):
    """Where the scan's messages go (modpost's warn/error/fatal and raw stderr)."""

    def warn(self, kind: str, message: str) -> None: ...
    def error(self, kind: str, message: str) -> None: ...
    def fatal(self, kind: str, message: str) -> None: ...
    def raw(self, kind: str, message: str) -> None: ...


#: sym_add_exported(name, module, gpl_only, namespace) of the run (6.5+ export discovery)
AddExport = Callable[[str, "Module", bool, str], "Symbol"]


SECTION_WHITE_LIST = (".comment*", ".debug*", ".zdebug*", ".GCC.command.line", ".mdebug*", ".pdr", ".stab*",
                      ".note*", ".got*", ".toc*", ".xt.prop", ".xt.lit", ".arcextmap*", ".gnu.linkonce.arcext*",
                      ".cmem*", ".fmt_slot*", ".gnu.lto*", ".discard.*")
#: 6.6 adds the LLVM call-graph profile; 7.3 the coverage maps and objtool's livepatch symbol ids
SECTION_WHITE_LIST_6_12 = SECTION_WHITE_LIST + (".llvm.call-graph-profile",)
SECTION_WHITE_LIST_7_3 = SECTION_WHITE_LIST_6_12 + ("__llvm_covfun", "__llvm_covmap", ".klp.symid")

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

LINKER_SYMBOLS = ("__init_begin", "_sinittext", "_einittext")
OPTIM_SYMBOLS = ("*.constprop.*",)
DATA_SYMBOL_OK = ("*_template", "*_timer", "*_sht", "*_ops", "*_probe", "*_probe_one", "*_console")

TEXT_TO_ANY_INIT, DATA_TO_ANY_INIT, TEXT_TO_ANY_EXIT, DATA_TO_ANY_EXIT, XXXINIT_TO_SOME_INIT, \
    ANY_INIT_TO_ANY_EXIT, ANY_EXIT_TO_ANY_INIT, EXPORT_TO_INIT_EXIT, EXTABLE_TO_NON_TEXT = range(9)


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


# -- 6.7's tables (as in 6.12 and 7.3): meminit gone, one entry for text and data ------------

INIT_SECTIONS_6_12 = (".init.*",)
EXIT_SECTIONS_6_12 = (".exit.*",)
ALL_INIT_DATA_SECTIONS_6_12 = (".init.setup", ".init.rodata", ".init.data")
ALL_TEXT_SECTIONS_6_12 = (".init.text", ".exit.text") + TEXT_SECTIONS + OTHER_TEXT_SECTIONS
TEXTDATA_TO_ANY_INIT_EXIT = 9

SECTIONCHECK_6_12 = (
    SectionCheck(TEXT_SECTIONS + DATA_SECTIONS, INIT_SECTIONS_6_12 + EXIT_SECTIONS_6_12, (),
                 TEXTDATA_TO_ANY_INIT_EXIT),
    SectionCheck(INIT_SECTIONS_6_12, EXIT_SECTIONS_6_12, (), ANY_INIT_TO_ANY_EXIT),
    SectionCheck(EXIT_SECTIONS_6_12, INIT_SECTIONS_6_12, (), ANY_EXIT_TO_ANY_INIT),
    SectionCheck(ALL_PCI_INIT_SECTIONS, INIT_SECTIONS_6_12, (), ANY_INIT_TO_ANY_EXIT),
    SectionCheck(("__ex_table",), (".altinstr_replacement",), ALL_TEXT_SECTIONS_6_12, EXTABLE_TO_NON_TEXT),
)


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: a cache key per call
class RuleSet:
    """One kernel's section check: its tables and how it names symbols and reports."""

    name: str
    white_list: tuple[str, ...]
    checks: tuple[SectionCheck, ...]
    #: data symbols that may refer to init/exit sections (secref_whitelist)
    data_symbol_ok: tuple[str, ...]
    #: "find-elf-symbol" (6.1: find_elf_symbol, object-file names, 6.1 texts) or "symsearch"
    #: (6.7+: nearest symbol, sym+0xoff, module names)
    report: str
    #: messages start with ``<mod>.ko: `` (7.3's mod_warn/mod_error)
    mod_prefixed: bool
    # the section groups secref_whitelist() tests
    init_data_sections: tuple[str, ...]
    init_sections: tuple[str, ...]
    exit_sections: tuple[str, ...]
    text_sections: tuple[str, ...]
    #: 6.1's ``*driver`` -> meminit/exit and ``.L*`` patterns (gone in 6.5/6.7)
    driver_patterns: bool


_GROUPS_6_1 = dict(init_data_sections=ALL_INIT_DATA_SECTIONS, init_sections=ALL_INIT_SECTIONS,
                   exit_sections=ALL_EXIT_SECTIONS, text_sections=ALL_TEXT_SECTIONS, driver_patterns=True)
_GROUPS_6_12 = dict(init_data_sections=ALL_INIT_DATA_SECTIONS_6_12, init_sections=INIT_SECTIONS_6_12,
                    exit_sections=EXIT_SECTIONS_6_12, text_sections=ALL_TEXT_SECTIONS_6_12, driver_patterns=False)

RULE_SETS = {
    "6.1": RuleSet("6.1", SECTION_WHITE_LIST, SECTIONCHECK, DATA_SYMBOL_OK, "find-elf-symbol", False,
                   **_GROUPS_6_1),
    "6.12": RuleSet("6.12", SECTION_WHITE_LIST_6_12, SECTIONCHECK_6_12, ("*_ops", "*_probe", "*_console"),
                    "symsearch", False, **_GROUPS_6_12),
    "7.3": RuleSet("7.3", SECTION_WHITE_LIST_7_3, SECTIONCHECK_6_12, ("*_ops", "*_ops.llvm.*", "*_console"),
                   "symsearch", True, **_GROUPS_6_12),
}


@lru_cache(maxsize=1 << 16)
def section_mismatch(fromsec: str, tosec: str, rules: RuleSet = RULE_SETS["6.1"]) -> SectionCheck | None:
    if not tosec:
        return None
    for check in rules.checks:
        if glob_match(fromsec, check.fromsec):
            if check.bad_tosec and glob_match(tosec, check.bad_tosec):
                return check
            if check.good_tosec and not glob_match(tosec, check.good_tosec):
                return check
    return None


def secref_whitelist(rules: RuleSet, extra_warn: bool, fromsec: str, fromsym: str, tosec: str, tosym: str) -> bool:
    """secref_whitelist(): True if the reference is to be reported (modpost returns 1), False if
    one of the known-harmless patterns covers it."""
    from_data = glob_match(fromsec, DATA_SECTIONS)
    # pattern 1: module parameters in __initdata; 1a: their ops in .init.text
    if glob_match(tosec, rules.init_data_sections) and from_data and fromsym.startswith("__param"):
        return False
    if tosec == ".init.text" and from_data and fromsym.startswith("__param_ops_"):
        return False
    if from_data and glob_match(tosec, rules.init_sections + rules.exit_sections) \
            and glob_match(fromsym, rules.data_symbol_ok):
        return False
    if rules.driver_patterns and from_data and glob_match(fromsym, ("*driver",)):
        # 6.1: drivers may reference meminit code, and exit code unless W=1
        if glob_match(tosec, ALL_XXXINIT_SECTIONS) or (not extra_warn and glob_match(tosec, EXIT_SECTIONS)):
            return False
    # pattern 3: .head.text; 4: linker symbols; 5: constant-propagated copies
    if fromsec.startswith(".head.text") and glob_match(tosec, rules.init_sections):
        return False
    if glob_match(tosym, LINKER_SYMBOLS):
        return False
    if glob_match(fromsec, rules.text_sections) and glob_match(tosec, rules.init_sections) \
            and glob_match(fromsym, OPTIM_SYMBOLS):
        return False
    # 6.1's pattern 6: local labels (6.7 stopped naming them at all: is_valid_name())
    if rules.driver_patterns and fromsym.startswith(".L"):
        return False
    return True


def _is_valid_name(name: str) -> bool:
    if not name:
        return False
    # ARM mapping symbols $a/$d/$t/$x, optionally followed by ".something"
    return not (name[0] == "$" and len(name) >= 2 and name[1] in "adtx" and (len(name) == 2 or name[2] == "."))


def _is_valid_name_6_12(name: str) -> bool:
    """6.12 is_valid_name(): not empty and not a mapping symbol (include/linux/module_symbol.h:
    ``.L*``, ``L0*`` and anything starting with ``$``)."""
    return bool(name) and not (name.startswith((".L", "L0", "$")))


class _Names:
    """Per-object symbol helpers (find_elf_symbol / find_elf_symbol2) with cached arrays."""

    def __init__(self, obj: of.ObjectFile, is_valid_name: Callable[[str], bool] = _is_valid_name):
        self.obj = obj
        self.is_valid_name = is_valid_name
        self._valid: np.ndarray | None = None
        self._cuts: list[int] | None = None

    def valid(self) -> np.ndarray:
        if self._valid is None:
            obj = self.obj
            ok = self.is_valid_name
            self._valid = np.array([ok(obj.sym_name_of(i)) for i in range(len(obj.sym_name))], bool)
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


class _SymSearch:
    """symsearch.c (6.7+): the valid-named symbols sorted by (section, address, index), equal
    (section, address) runs answering with their first symbol; find_nearest() per section."""

    def __init__(self, obj: of.ObjectFile, names: "_Names", thumb_func_bit: bool = False):
        valid = names.valid()
        idx = np.flatnonzero(valid)
        sec = obj.sym_secindex[idx].astype(np.int64)
        addr = obj.sym_value[idx].astype(np.uint64)
        if thumb_func_bit:
            # Thumb functions have bit 0 of st_value set
            thumb = obj.sym_type[idx] == elfc.STT_FUNC
            addr = np.where(thumb, addr & ~np.uint64(1), addr)
        order = np.lexsort((idx, addr, sec))
        self.sec = sec[order]
        self.addr = addr[order]
        first = idx[order].copy()
        for k in range(1, len(first)):  # symsearch_fixup()
            if self.addr[k] == self.addr[k - 1] and self.sec[k] == self.sec[k - 1]:
                first[k] = first[k - 1]
        self.symbol = first
        self._bounds: dict[int, tuple[int, int]] = {}
        self.mask = (1 << 64) - 1 if obj.is64 else (1 << 32) - 1

    def _section(self, secndx: int) -> tuple[int, int]:
        found = self._bounds.get(secndx)
        if found is None:
            lo = int(np.searchsorted(self.sec, secndx, "left"))
            hi = int(np.searchsorted(self.sec, secndx, "right"))
            found = self._bounds[secndx] = (lo, hi)
        return found

    def find_nearest(self, addr: int, secndx: int, allow_negative: bool, min_distance: int) -> int | None:
        lo, end = self._section(secndx)
        addr &= self.mask
        # the first entry after (secndx, addr, ~0): every entry of the section at or below addr
        hi = lo + int(np.searchsorted(self.addr[lo:end], np.uint64(addr), "right"))
        result = None
        mask = self.mask
        if allow_negative and hi < end and ((int(self.addr[hi]) - addr) & mask) <= min_distance:
            min_distance = (int(self.addr[hi]) - addr) & mask
            result = int(self.symbol[hi])
        if hi > lo and ((addr - int(self.addr[hi - 1])) & mask) <= min_distance:
            result = int(self.symbol[hi - 1])
        return result


def check_sec_ref(report: Reporter, rule_set: str, mod: "Module", obj: of.ObjectFile,
                  add_export: AddExport | None, extra_warn: bool) -> int:
    """check_sec_ref() of one object: the warnings go to ``report``; the mismatches counted are
    returned.  ``add_export`` is given when ``.export_symbol`` relocations declare exports (6.5+
    with -M)."""
    scan = _Scan(report, RULE_SETS[rule_set], mod, obj, add_export, extra_warn)
    scan.run()
    return scan.count


class _Scan:
    """One object's section scan: what every relocation section shares."""

    def __init__(self, report: Reporter, rules: RuleSet, mod: "Module", obj: of.ObjectFile,
                 add_export: AddExport | None, extra_warn: bool):
        self.report = report
        self.rules = rules
        self.mod = mod
        self.obj = obj
        self.machine = modpost_machine(obj.machine)
        self.add_export = add_export
        self.extra_warn = extra_warn
        self.count = 0
        classic = rules.report == "find-elf-symbol"
        # 6.1 names the object file; later kernels the module
        self.modname = mod.object_path if classic else mod.name
        self.names = _Names(obj, _is_valid_name if classic else _is_valid_name_6_12)
        self.per_object = _PerObject(obj, rules)
        self._symsearch: _SymSearch | None = None
        # parse_elf() keeps the last section named .export_symbol (index 0 when there is none)
        self.export_secndx = 0
        if add_export is not None:
            for k, name in enumerate(obj.secnames):
                if k and name == ".export_symbol":
                    self.export_secndx = k

    @property
    def symsearch(self) -> _SymSearch:
        if self._symsearch is None:
            self._symsearch = _SymSearch(self.obj, self.names, self.machine.thumb_func_bit)
        return self._symsearch

    def _prefix(self) -> str:
        """7.3's mod_warn()/mod_error(): ``<mod>.ko: ``; nothing before that."""
        if not self.rules.mod_prefixed:
            return ""
        return f"{self.mod.name}{'' if self.mod.is_vmlinux else '.ko'}: "

    def run(self) -> None:
        obj = self.obj
        rules = self.rules
        types = obj.sh_type
        flags = obj.sh_flags
        secnames = obj.secnames
        classic = rules.report == "find-elf-symbol"
        white_list = rules.white_list
        for i, sh_type in enumerate(types):
            if sh_type == of.SHT_PROGBITS:
                if not flags[i] & of.SHF_ALLOC and not glob_match(secnames[i], white_list):
                    secname = secnames[i]
                    if rules.mod_prefixed:
                        where = f"{self._prefix()}unexpected non-allocatable section '{secname}'.\n"
                    else:
                        where = f"{self.modname} ({secname}): unexpected non-allocatable section.\n"
                    self.report.warn("non-allocatable-section",
                                     where + "Did you forget to use \"ax\"/\"aw\" in a .S file?\n"
                                     "Note that for example <linux/init.h> contains\n"
                                     "section definitions for use in .S files.\n\n")
            elif sh_type == of.SHT_RELA or sh_type == of.SHT_REL:
                info = obj.sh_info[i]
                fromsec = obj.sec_name(info)
                if classic:
                    # most relocation sections are settled by their fromsec's name alone
                    klass = _scanned_class(rules, fromsec)
                    if klass:
                        self._section_classic(i, info, fromsec, klass)
                elif not glob_match(fromsec, white_list):
                    self._section(i, info, fromsec)

    # -- 6.7+ (6.12, 7.3) ----------------------------------------------------------------

    def _section(self, i: int, info: int, fromsec: str) -> None:
        """section_rela()/section_rel() of 6.12: the export records, then the mismatch rules."""
        obj = self.obj
        machine = self.machine
        is_rela = int(obj.sh_type[i]) == of.SHT_RELA
        rel_taddr = machine.rel_taddr_6_7
        if not is_rela and rel_taddr is None:
            if len(obj.reloc_symbols(i)):
                self.report.fatal("rel-addend", "Please add code to calculate addend for this architecture\n")
            return
        exports = self.add_export is not None and info == self.export_secndx
        if not exports:
            sym_hits = self.per_object.symbol_hits(_fromsec_class(self.rules, fromsec))
            if sym_hits is None:
                return
            symidx = obj.reloc_symbols(i)
            if not len(symidx):
                return
            flagged = sym_hits.take(symidx, mode="clip")
            if not np.count_nonzero(flagged):  # ndarray.any() has a slow Python wrapper
                return
            hits = flagged.nonzero()[0].tolist()
        relocs = obj.relocs(i)
        if exports:
            hits = range(len(relocs.offset))
        nsyms = len(obj.sym_name)
        mask = (1 << 64) - 1 if obj.is64 else (1 << 32) - 1
        no_symbol = machine.rtypes_without_symbol
        exempt = ((machine.ex_table_exempt_rtype, machine.ex_table_exempt_rtype_6_7)
                  if fromsec == "__ex_table" else ())
        for k in hits:
            r_type = int(relocs.type[k])
            if r_type in exempt or r_type in no_symbol:
                continue  # the ex_table's own type; types that refer to no symbol
            sym = min(int(relocs.sym[k]), nsyms - 1)
            r_offset = int(relocs.offset[k])
            if is_rela:
                taddr = (int(obj.sym_value[sym]) + int(relocs.addend[k])) & mask
            else:
                taddr = rel_taddr(obj, info, r_offset, r_type, sym) & mask
            tosec = obj.sec_name(int(obj.sym_secindex[sym]))
            if exports:
                self._export_symbol(r_offset, tosec, sym)
                continue
            check = section_mismatch(fromsec, tosec, self.rules)
            if check is not None:
                self._mismatch(check, sym, info, fromsec, r_offset, tosec, taddr)

    def _export_symbol(self, faddr: int, secname: str, sym: int) -> None:
        """check_export_symbol(): one ``.export_symbol`` record declares an export."""
        obj = self.obj
        names = self.names
        pre = self._prefix() if self.rules.mod_prefixed else f"{self.mod.name}: "
        label = self.symsearch.find_nearest(faddr, self.export_secndx, False, (1 << 64) - 1)
        label_name = names.name(label) if label is not None else ""
        prefix = "__export_symbol_"
        if not label_name.startswith(prefix):
            self.report.error("export-symbol", f"{pre}.export_symbol section contains strange symbol '{label_name}'\n")
            return
        if int(obj.sym_bind[sym]) not in (elfc.STB_GLOBAL, elfc.STB_WEAK):
            self.report.error("export-symbol", f"{pre}local symbol '{label_name[len(prefix):]}' was exported\n")
            return
        name = names.name(sym)
        if label_name[len(prefix):] != name:
            self.report.error("export-symbol", f"{pre}.export_symbol section references '{name}', but it does not "
                              "seem to be an export symbol\n")
            return
        secindex = int(obj.sym_secindex[label])
        value = int(obj.sym_value[label])
        license_ = obj.c_string_in_section(secindex, value)
        if license_ == "GPL":
            is_gpl = True
        elif license_ == "":
            is_gpl = False
        else:
            self.report.error("export-symbol", f"{pre}unknown license '{license_}' was specified for '{name}'\n")
            return
        namespace = obj.c_string_in_section(secindex, value + len(license_.encode("utf-8", "surrogateescape")) + 1)
        s = self.add_export(name, self.mod, is_gpl, namespace)
        stype = int(obj.sym_type[sym])
        s.is_func = stype == elfc.STT_FUNC or (obj.is64 and self.machine.lproc_is_func_64 and stype == elfc.STT_LOPROC)
        if self.rules.mod_prefixed:
            init = f"{pre}EXPORT_SYMBOL used for init symbol '{name}'. Remove __init or EXPORT_SYMBOL.\n"
            exit_ = f"{pre}EXPORT_SYMBOL used for exit symbol '{name}'. Remove __exit or EXPORT_SYMBOL.\n"
        else:
            init = f"{pre}{name}: EXPORT_SYMBOL used for init symbol. Remove __init or EXPORT_SYMBOL.\n"
            exit_ = f"{pre}{name}: EXPORT_SYMBOL used for exit symbol. Remove __exit or EXPORT_SYMBOL.\n"
        if glob_match(secname, INIT_SECTIONS_6_12):
            self.report.warn("export-init-exit", init)
        elif glob_match(secname, EXIT_SECTIONS_6_12):
            self.report.warn("export-init-exit", exit_)

    def _mismatch(self, check: SectionCheck, tsym: int, fsecndx: int, fromsec: str, faddr: int, tosec: str,
                  taddr: int) -> None:
        """default_mismatch_handler() of 6.7+."""
        obj = self.obj
        names = self.names
        search = self.symsearch
        from_i = search.find_nearest(faddr, fsecndx, False, (1 << 64) - 1)
        fromsym = names.name(from_i) if from_i is not None else ""
        # find_tosym(): the symbol itself if it has a valid name, else the nearest within 20 bytes
        if not names.valid()[tsym]:
            better = search.find_nearest(taddr, int(obj.sym_secindex[tsym]), True, 20)
            if better is not None:
                tsym = better
        tosym = names.name(tsym)
        if not secref_whitelist(self.rules, self.extra_warn, fromsec, fromsym, tosec, tosym):
            return
        self.count += 1
        offset = (faddr - (int(obj.sym_value[from_i]) if fromsym else 0)) & 0xFFFFFFFF
        target = tosym if tosym else f"0x{taddr & 0xFFFFFFFF:x}"
        self.report.warn("section-mismatch", f"{self._prefix() or self.modname + ': '}section mismatch in reference: "
                         f"{fromsym}{'+' if fromsym else ''}0x{offset:x} (section: {fromsec}) -> {target} "
                         f"(section: {tosec})\n")
        if check.mismatch != EXTABLE_TO_NON_TEXT:
            return
        off = _long_hex(faddr)
        if glob_match(tosec, check.bad_tosec):
            self.report.fatal("extable-mismatch", f"The relocation at {fromsec}+0x{off} references\n"
                              f"section \"{tosec}\" which is black-listed.\n"
                              "Something is seriously wrong and should be fixed.\n"
                              "You might get more information about where this is\n"
                              f"coming from by using scripts/check_extable.sh {self.mod.name}\n")
        secidx = int(obj.sym_secindex[tsym])
        if secidx < obj.num_sections and int(obj.sh_flags[secidx]) & of.SHF_EXECINSTR:
            self.report.warn("extable-mismatch", f"The relocation at {fromsec}+0x{off} references\n"
                             f"section \"{tosec}\" which is not in the list of\n"
                             "authorized sections.  If you're adding a new section\n"
                             f"and/or if this reference is valid, add \"{tosec}\" to the\n"
                             "list of authorized sections to jump to on fault.\n"
                             f"This can be achieved by adding \"{tosec}\" to\n"
                             "OTHER_TEXT_SECTIONS in scripts/mod/modpost.c.\n")
        else:
            self.report.error("extable-mismatch", f"{fromsec}+0x{off} references non-executable section '{tosec}'\n")

    # -- 6.1 -----------------------------------------------------------------------------

    def _section_classic(self, i: int, info: int, fromsec: str, klass: tuple[int, ...]) -> None:
        """Relocation section ``i`` applying to section ``info`` (``fromsec``, not whitelisted,
        of rule class ``klass``)."""
        obj = self.obj
        sym_hits = self.per_object.symbol_hits(klass)
        if sym_hits is None:
            return
        symidx = obj.reloc_symbols(i)
        if len(symidx) == 0:
            return
        # an index past the symbol table reads whatever follows it in C; here it reads the last entry
        flagged = sym_hits.take(symidx, mode="clip")
        if not np.count_nonzero(flagged):  # ndarray.any() has a slow Python wrapper
            return
        hits = flagged.nonzero()[0]
        symidx = np.minimum(symidx.astype(np.int64), len(sym_hits) - 1)
        relocs = obj.relocs(i)
        rel_addend = self.machine.rel_addend_6_1
        exempt = self.machine.ex_table_exempt_rtype if fromsec == "__ex_table" else None
        for k in hits.tolist():
            r_type = int(relocs.type[k])
            r_offset = int(relocs.offset[k])
            addend = int(relocs.addend[k])
            if relocs.is_rela:
                if r_type == exempt:
                    continue
            elif rel_addend is not None:
                computed = rel_addend(obj, info, r_offset, r_type, int(symidx[k]))
                if computed is None:
                    continue
                addend = computed
            else:
                addend = 0
            sym = int(symidx[k])
            tosec = obj.sec_name(int(obj.sym_secindex[sym]))
            check = section_mismatch(fromsec, tosec, self.rules)
            if check is None:
                continue
            if check.mismatch == EXTABLE_TO_NON_TEXT:
                self._extable_classic(check, r_offset, addend, sym, fromsec, tosec)
            else:
                self._default_classic(check, r_offset, addend, sym, fromsec, tosec)

    def _default_classic(self, check: SectionCheck, r_offset: int, addend: int, sym: int, fromsec: str,
                         tosec: str) -> None:
        names = self.names
        fromsym = names.name(names.find_elf_symbol2(r_offset, fromsec))
        tosym = names.name(names.find_elf_symbol(_sword(addend), sym))
        if not secref_whitelist(self.rules, self.extra_warn, fromsec, fromsym, tosec, tosym):
            return
        self.count += 1
        modname = self.modname
        if check.mismatch == EXPORT_TO_INIT_EXIT:
            self.report.warn("section-mismatch", f"{modname}: EXPORT_SYMBOL used for init/exit symbol: {tosym} "
                             f"(section: {tosec})\n")
        else:
            self.report.warn("section-mismatch", f"{modname}: section mismatch in reference: {fromsym} "
                             f"(section: {fromsec}) -> {tosym} (section: {tosec})\n")

    def _extable_classic(self, check: SectionCheck, r_offset: int, addend: int, sym: int, fromsec: str,
                         tosec: str) -> None:
        obj = self.obj
        names = self.names
        report = self.report
        modname = self.modname
        self.count += 1
        from_i = names.find_elf_symbol2(r_offset, fromsec)
        to_i = names.find_elf_symbol(_sword(addend), sym)
        fp, fpp = _pretty(obj, from_i)
        tp, tpp = _pretty(obj, to_i)
        # %lx of a (long) r_offset
        off = f"{r_offset:x}"
        report.warn("extable-mismatch", f"{modname}({fromsec}+0x{off}): Section mismatch in reference from the {fp} "
                    f"{names.name(from_i)}{fpp} to the {tp} {tosec}:{names.name(to_i)}{tpp}\n")
        secidx = int(obj.sym_secindex[sym])
        blacklisted = glob_match(tosec, check.bad_tosec)
        if not blacklisted:
            if secidx >= obj.num_sections:
                report.fatal("extable-mismatch", "section_index is outside elf->num_sections!\n")
            if int(obj.sh_flags[secidx]) & of.SHF_EXECINSTR:
                report.raw("extable-mismatch",
                           f"The relocation at {fromsec}+0x{off} references\n"
                           f"section \"{tosec}\" which is not in the list of\n"
                           "authorized sections.  If you're adding a new section\n"
                           f"and/or if this reference is valid, add \"{tosec}\" to the\n"
                           "list of authorized sections to jump to on fault.\n"
                           f"This can be achieved by adding \"{tosec}\" to \n"
                           "OTHER_TEXT_SECTIONS in scripts/mod/modpost.c.\n")
        if blacklisted:
            report.fatal("extable-mismatch", f"The relocation at {fromsec}+0x{off} references\n"
                         f"section \"{tosec}\" which is black-listed.\n"
                         "Something is seriously wrong and should be fixed.\n"
                         "You might get more information about where this is\n"
                         f"coming from by using scripts/check_extable.sh {modname}\n")
        elif not int(obj.sh_flags[secidx]) & of.SHF_EXECINSTR:
            report.error("extable-mismatch", f"{fromsec}+0x{off} references non-executable section '{tosec}'\n")


def _long_hex(v: int) -> str:
    """printf("%lx", (long)v) of an address."""
    return f"{v & ((1 << 64) - 1):x}"


@lru_cache(maxsize=1 << 14)
def _fromsec_class(rules: RuleSet, fromsec: str) -> tuple[int, ...]:
    """Which rules apply to references from ``fromsec``: section_mismatch() depends on fromsec
    only through this, so sections of one class share their per-object tables."""
    return tuple(k for k, c in enumerate(rules.checks) if glob_match(fromsec, c.fromsec))


@lru_cache(maxsize=1 << 14)
def _scanned_class(rules: RuleSet, fromsec: str) -> tuple[int, ...]:
    """6.1: the rule class of a relocated section, empty when its relocations need no look
    (the section is white-listed, or no rule starts from it)."""
    return () if glob_match(fromsec, rules.white_list) else _fromsec_class(rules, fromsec)


@lru_cache(maxsize=1 << 16)
def _class_mismatch(rules: RuleSet, klass: tuple[int, ...], tosec: str) -> bool:
    if not tosec:
        return False
    for k in klass:
        check = rules.checks[k]
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
        self.tables: dict[tuple[RuleSet, tuple[int, ...]], np.ndarray] = {}

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

    def table(self, rules: RuleSet, klass: tuple[int, ...]) -> np.ndarray:
        key = (rules, klass)
        t = self.tables.get(key)
        have = 0 if t is None else len(t)
        if have < len(self.names):
            more = np.fromiter((_class_mismatch(rules, klass, n) for n in self.names[have:]), bool,
                               len(self.names) - have)
            t = more if t is None else np.concatenate([t, more])
            self.tables[key] = t
        return t


_NAMES = _NameTables()


class _PerObject:
    """What every relocation section of one object shares: per symbol, whether a reference to it
    from a given class of fromsec trips a rule (special section indices never do)."""

    def __init__(self, obj: of.ObjectFile, rules: RuleSet):
        self.obj = obj
        self.rules = rules
        self._in_range: np.ndarray | None = None
        self._hits: dict[tuple[int, ...], np.ndarray | None] = {}
        self._ids: np.ndarray | None = None

    def symbol_hits(self, klass: tuple[int, ...]) -> np.ndarray | None:
        """Per symbol: does a reference from a section of rule class ``klass`` trip a rule
        (None: no symbol does)."""
        if not klass:
            return None
        if klass in self._hits:
            return self._hits[klass]
        obj = self.obj
        num = obj.num_sections
        if self._ids is None:
            # one more slot past the sections, named "" (what sec_name() gives for an index
            # outside the table, special indices included): it never trips a rule
            self._ids = _NAMES.ids_of(obj.secnames + [""])
        table = _NAMES.table(self.rules, klass)[self._ids]
        hits = None
        if np.count_nonzero(table):
            if self._in_range is None:
                # get_secindex() moved the reserved indices past UINT_MAX-256: all out of range
                self._in_range = np.minimum(obj.sym_secindex, num)
            hits = table[self._in_range]
            if not np.count_nonzero(hits):
                hits = None
        self._hits[klass] = hits
        return hits


def _pretty(obj: of.ObjectFile, i: int | None) -> tuple[str, str]:
    if i is None:
        return "(unknown reference)", ""
    if int(obj.sym_type[i]) == of.STT_FUNC:
        return "function", "()"
    return "variable", ""
