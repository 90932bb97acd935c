"""The messages ``pymodpost explain`` knows: regular expressions over each modelled kernel's exact
text (modpost's, the module loader's, kmod's insmod) and what to tell a person about it.

A message's *wordings* say how each kernel prints it, and so which kernels a pasted line can come
from.  modpost's per-module messages are not retyped here: their patterns are made from the texts
modpost itself prints (:mod:`pymodpost.modpost.messages`), one per wording style, credited to the
dialects that use that style.  The rest are written out, each wording with the rule of the
dialects (:mod:`pymodpost.dialect`) that prints it so.

Each entry names a *locator* (a function in :mod:`pymodpost.explain.explain`) that, given the module
the message is about, points at the symbol, section or relocation involved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pymodpost.dialect import DIALECTS
from pymodpost.dialect.model import LoaderRules, ModpostRules
from pymodpost.modpost.messages import STYLES


@dataclass(frozen=True, slots=True)
class Wording:
    """One way of printing a message: its pattern, and the dialects (kernels) that print it so
    (empty: every modelled kernel)."""

    pattern: re.Pattern[str]
    kernels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    wordings: tuple[Wording, ...]
    title: str
    meaning: str
    fix: str
    locator: str = ""  #: name of the locate_* function in explain.py ("" = nothing to point at)


def _re(text: str, kernels: tuple[str, ...] = ()) -> tuple[Wording, ...]:
    return (Wording(re.compile(text), kernels),)


def _kernels(rule: Callable[[ModpostRules], bool]) -> tuple[str, ...]:
    """The dialects whose modpost follows ``rule``."""
    return tuple(name for name, dialect in DIALECTS.items() if rule(dialect.modpost))


def _loaders(rule: Callable[[LoaderRules], bool]) -> tuple[str, ...]:
    """The dialects whose module loader follows ``rule``."""
    return tuple(name for name, dialect in DIALECTS.items() if rule(dialect.loader))


#: modpost's level prefix: error()/warn()/fatal() of every version
_LEVEL = r"(?P<level>ERROR|WARNING|FATAL): modpost: "
#: the fields of modpost's message texts, as the groups the locators read
_FIELDS = {"sym": "symbol", "ns": "namespace", "name": "module", "base": "module", "shown": "module",
           "file": "object", "prev": "previous"}
_FIELD = re.compile(r"\{(\w+)\}")


def _template_pattern(line: str, first: bool) -> str:
    """A pattern over one line of a modpost message text: its words literally, each field a
    group (a field seen before on the line, the same text again)."""
    out, seen, at = [], set(), 0
    for m in _FIELD.finditer(line):
        out.append(re.escape(line[at:m.start()]))
        group = _FIELDS[m.group(1)]
        out.append(f"(?P={group})" if group in seen else rf"(?P<{group}>[^\s'\"\[\]]+?)")
        seen.add(group)
        at = m.end()
    out.append(re.escape(line[at:]))
    # the first line follows modpost's level prefix; a continuation line stands alone
    return (_LEVEL if first else "^") + "".join(out) + "$"


def _modpost(key: str) -> tuple[Wording, ...]:
    """The wordings of modpost's message ``key``: each line of it, in each style's text."""
    wordings = []
    for style, texts in STYLES.items():
        if key not in texts:
            continue
        kernels = _kernels(lambda rules: rules.message_style == style)
        for i, line in enumerate(texts[key].rstrip("\n").split("\n")):
            wordings.append(Wording(re.compile(_template_pattern(line, i == 0)), kernels))
    assert wordings, f"modpost prints no message {key!r}"
    return tuple(wordings)


def _section_checks(report: str, mod_prefixed: bool) -> tuple[str, ...]:
    """The dialects whose section check (:data:`pymodpost.modpost.secmismatch.RULE_SETS`)
    reports in this style."""
    from pymodpost.modpost.secmismatch import RULE_SETS

    return _kernels(lambda rules: RULE_SETS[rules.section_check].report == report
                    and RULE_SETS[rules.section_check].mod_prefixed == mod_prefixed)


#: find_elf_symbol's reports (6.1) name the object file and the symbols alone; the nearest-symbol
#: search (6.7's rework) the module path and each place as ``symbol+0xoffset``; with
#: mod_warn() (7.3) ``mod.ko:`` comes first
_FIND_ELF_SYMBOL = _section_checks("find-elf-symbol", False)
_SYMSEARCH = _section_checks("symsearch", False)
_SYMSEARCH_PREFIXED = _section_checks("symsearch", True)
_PLACE = r"(?:(?P<fromsym>[^\s+]+)\+)?0x(?P<fromoff>[0-9a-f]+)"
_MISMATCH_TAIL = (r"section mismatch in reference: {place} \(section: (?P<fromsec>[^)]+)\) -> "
                  r"(?P<tosym>\S+) \(section: (?P<tosec>[^)]+)\)")

ENTRIES: tuple[Entry, ...] = (
    Entry(
        "undefined-symbol",
        _modpost("undefined"),
        "undefined symbol",
        "The module uses a symbol that neither the kernel (vmlinux's Module.symvers) nor any module "
        "modpost was told about exports. modpost checks every undefined symbol of the .o against the "
        "export lists it read; loading such a module would fail with 'Unknown symbol'.",
        "Check the spelling and that the providing code is built (its CONFIG option set). If another "
        "external module exports it, give modpost that module's Module.symvers (KBUILD_EXTRA_SYMBOLS=... "
        "or build both in one M= directory). If the kernel has it but does not export it, a module "
        "cannot use it.",
        "locate_uses",
    ),
    Entry(
        "gpl-only-symbol",
        _modpost("gpl-only-symbol"),
        "GPL-only symbol used by a non-GPL module",
        "The symbol was exported with EXPORT_SYMBOL_GPL, and the module's MODULE_LICENSE() is not one "
        "the kernel treats as GPL-compatible (license_is_gpl_compatible: GPL, GPL v2, GPL and additional "
        "rights, Dual BSD/GPL, Dual MIT/GPL, Dual MPL/GPL).",
        "Either license the module under a GPL-compatible licence (MODULE_LICENSE(\"GPL\")) or stop "
        "using the symbol.",
        "locate_gpl",
    ),
    Entry(
        "missing-license",
        _modpost("missing-license"),
        "missing licence",
        "The object has no 'license=' entry in its .modinfo section. modpost (6.1) treats this as "
        "an error; a module without a licence would also count as proprietary at load (taint P, "
        "no GPL-only symbols).",
        "Add MODULE_LICENSE(\"GPL\") (or the licence that applies) to one source file of the module.",
        "locate_license",
    ),
    Entry(
        "namespace-not-imported",
        _modpost("namespace-not-imported"),
        "symbol namespace not imported",
        "The symbol was exported into a namespace (EXPORT_SYMBOL_NS / _NS_GPL), and a module using it "
        "must declare that with MODULE_IMPORT_NS(namespace), which adds 'import_ns=' to .modinfo. The "
        "loader refuses the module otherwise (verify_namespace_is_imported, -EINVAL).",
        "Add MODULE_IMPORT_NS({namespace}); to the module's source (or run 'make nsdeps', which "
        "inserts the missing imports).",
        "locate_namespace",
    ),
    Entry(
        "section-mismatch",
        _re(r"modpost: (?P<object>\S+\.o): " + _MISMATCH_TAIL.format(place=r"(?P<fromsym>\S+)"),
            _FIND_ELF_SYMBOL)
        + _re(r"modpost: (?P<module>\S+?(?<!\.ko)): " + _MISMATCH_TAIL.format(place=_PLACE),
              _SYMSEARCH)
        + _re(r"modpost: (?P<module>\S+\.ko|vmlinux): " + _MISMATCH_TAIL.format(place=_PLACE),
              _SYMSEARCH_PREFIXED),
        "section mismatch",
        "Code or data that stays after initialisation ({fromsec}) refers to something in a section "
        "the kernel frees or never loads ({tosec}: __init/__initdata are freed once init is done, "
        "__exit code is dropped when built in). If the reference is followed later, it reaches freed "
        "memory.",
        "Remove the __init/__exit (or __initdata) annotation from {tosym}, or give {fromsym} the same "
        "annotation, or -- if the reference is only used during init and that is intended -- mark "
        "{fromsym} __ref/__refdata.",
        "locate_mismatch",
    ),
    Entry(
        "section-mismatches-detected",
        _re(r"modpost: Section mismatches detected\.") + _re(r"^Set CONFIG_SECTION_MISMATCH_WARN_ONLY=y to allow them\.$"),
        "section mismatches are errors in this kernel",
        "This kernel's .config has CONFIG_SECTION_MISMATCH_WARN_ONLY off, so modpost ran with -E and "
        "every section mismatch warning printed above fails the build.",
        "Fix each 'section mismatch in reference' above (see their explanations); or build with "
        "CONFIG_SECTION_MISMATCH_WARN_ONLY=y.",
    ),
    Entry(
        "export-init-symbol",
        _re(r"modpost: (?P<object>\S+): EXPORT_SYMBOL used for init/exit symbol: (?P<symbol>\S+) "
            r"\(section: (?P<section>[^)]+)\)", _FIND_ELF_SYMBOL)
        + _re(r"modpost: (?P<module>\S+): (?P<symbol>\S+): EXPORT_SYMBOL used for (?P<kind>init|exit) "
              r"symbol\. Remove __(?P=kind) or EXPORT_SYMBOL\.", _SYMSEARCH)
        + _re(r"modpost: (?P<module>\S+): EXPORT_SYMBOL used for (?P<kind>init|exit) symbol "
              r"'(?P<symbol>[^']+)'\. Remove __(?P=kind) or EXPORT_SYMBOL\.", _SYMSEARCH_PREFIXED),
        "exported __init/__exit symbol",
        "{symbol} is marked __init or __exit: it lives in a section the kernel frees after init "
        "(or discards), yet it is exported, so another module calling it later would jump into "
        "freed memory.",
        "Drop the __init/__exit annotation from {symbol} or stop exporting it.",
        "locate_export",
    ),
    Entry(
        "no-crc",
        _modpost("no-crc"),
        "export without a CRC",
        "CONFIG_MODVERSIONS is on but the export list modpost read has no CRC for {symbol} (its "
        "__crc_ symbol was never generated, typically for symbols exported from assembly without a "
        "prototype in <asm/asm-prototypes.h>). The .mod.c gets no version entry, and the loader later "
        "says 'no symbol version for {symbol}'.",
        "Declare the assembly symbol's C prototype in <asm/asm-prototypes.h> (or a header genksyms sees) "
        "so genksyms can compute its CRC.",
        "locate_uses",
    ),
    Entry(
        "version-generation-failed",
        _modpost("export-without-crc"),
        "export without version information",
        "The exporting module has no __crc_{symbol}: genksyms produced no CRC for it (exported from "
        "assembly, no prototype). Its users will carry no version for it.",
        "Give {symbol} a C prototype that genksyms sees (for assembly: <asm/asm-prototypes.h>).",
    ),
    Entry(
        "exported-twice",
        _modpost("exported-twice"),
        "symbol exported twice",
        "Two exporters (here this module and {previous}) export the same name; the kernel would not "
        "know which one a user means.",
        "Rename or make static the module's {symbol}.",
    ),
    Entry(
        "module-name-too-long",
        _modpost("module-name-too-long"),
        "module name too long",
        "The module's name does not fit struct module's name field (MODULE_NAME_LEN, 56 bytes with the "
        "terminating NUL).",
        "Shorten the module's file name (obj-m += <name>.o).",
    ),
    Entry(
        "symbol-too-long",
        _modpost("symbol-name-too-long"),
        "symbol name too long for modversions",
        "With CONFIG_MODVERSIONS each imported symbol's name goes into a fixed 56-byte slot of "
        "__versions (struct modversion_info); {symbol} does not fit.",
        "Shorten the exported symbol's name.",
    ),
    Entry(
        "missing-description",
        _modpost("missing-description"),
        "missing module description",
        "The module has no 'description=' entry in its .modinfo. Newer modpost versions point this "
        "out (6.5 to 6.14 only with W=1, always from 6.15); it is a warning only: the module builds "
        "and loads, but modinfo and the tools that list modules have nothing to say about it.",
        "Add MODULE_DESCRIPTION(\"what the module does\"); next to its MODULE_LICENSE().",
    ),
    Entry(
        "common-symbol",
        _modpost("common-symbol"),
        "COMMON symbol",
        "{symbol} is an uninitialised global the compiler left as a COMMON symbol (-fcommon) for the "
        "final link to allocate. A module is only linked with ld -r, which leaves it unallocated, and "
        "the loader refuses such symbols ('Please compile with -fno-common').",
        "Build with kbuild's flags (-fno-common), or make {symbol} static or give it an initialiser.",
    ),
    Entry(
        "exported-without-definition",
        _modpost("exported-without-definition"),
        "export of a symbol the module does not define",
        "The module exports {symbol} (EXPORT_SYMBOL*), but {symbol} is undefined in it: the export "
        "would hand other modules the address of something this module only uses.",
        "Export {symbol} from the module that defines it, or define it here.",
        "locate_export",
    ),
    Entry(
        "module-namespace-import",
        _modpost("module-namespace-import")
        # the loader's own check (setup_modinfo, -EPERM), for a module modpost did not stop
        + _re(r"(?P<module>[\w-]+): module tries to import module namespace: (?P<namespace>\S+)",
              _loaders(lambda rules: rules.module_namespaces)),
        "explicit import of a module namespace",
        "'{namespace}' is a module namespace: EXPORT_SYMBOL_FOR_MODULES() (Linux 6.16 and later) "
        "exports a symbol to the modules it names, and they use it without importing anything. "
        "Importing such a namespace with MODULE_IMPORT_NS() is refused, so that no other module can "
        "grant itself access.",
        "Remove the MODULE_IMPORT_NS(\"{namespace}\"). If this module should use those symbols, the "
        "exporting code must name it in its EXPORT_SYMBOL_FOR_MODULES().",
    ),
    Entry(
        "disagrees-about-version",
        _re(r"(?P<module>[\w-]+): disagrees about version of symbol (?P<symbol>\S+)"),
        "symbol version (CRC) mismatch",
        "The CRC the module recorded for {symbol} in __versions (from the Module.symvers it was built "
        "against) differs from the CRC the running kernel exports. The module was built for a "
        "different kernel build, or the exporter's prototype changed.",
        "Rebuild the module against the headers/Module.symvers of the kernel you load it into.",
        "locate_crc",
    ),
    Entry(
        "no-symbol-version",
        _re(r"(?P<module>[\w-]+): no symbol version for (?P<symbol>\S+)"),
        "no symbol version",
        "The kernel has CONFIG_MODVERSIONS and the module has a __versions table, but it holds no "
        "entry for {symbol}. Upstream 6.1 only warns once and accepts the symbol; Debian's 6.1 "
        "(a distribution patch to check_version) refuses it (-EINVAL), and the load then reports "
        "'Unknown symbol {symbol} (err -22)'.",
        "Rebuild against a Module.symvers that carries a CRC for {symbol} (see 'has no CRC!' at build "
        "time); for an assembly export give it a prototype in <asm/asm-prototypes.h>.",
        "locate_crc",
    ),
    Entry(
        "vermagic-mismatch",
        _re(r"(?P<module>[\w-]+): version magic '(?P<have>[^']*)' should be '(?P<want>[^']*)'"),
        "version magic mismatch",
        "The module's .modinfo vermagic ('{have}') is not the kernel's ('{want}'): it was built for "
        "another kernel release or with different SMP/preempt/mod_unload/modversions settings.",
        "Build the module against the exact kernel it is loaded into (make -C /lib/modules/$(uname -r)"
        "/build M=$PWD).",
        "locate_vermagic",
    ),
    Entry(
        "unknown-symbol",
        _re(r"(?P<module>[\w-]+): Unknown symbol (?P<symbol>\S+) \(err (?P<err>-?\d+)\)"),
        "unknown symbol at load time",
        "While resolving the module's undefined symbols the kernel could not use {symbol}: err -2 "
        "(ENOENT) means no export was found -- nothing loaded exports it, or it is GPL-only and "
        "the module's licence is not GPL-compatible (find_symbol skips such exports); err -22 "
        "(EINVAL) means it was found but refused: no or a different symbol version, or its "
        "namespace not imported.",
        "Load the module that exports it first (modprobe does this from depends=), or fix what the "
        "preceding kernel message says for err -22.",
        "locate_uses",
    ),
    Entry(
        "invalid-module-format",
        _re(r"(?P<text>Invalid module format|Exec format error|Invalid ELF [^\n]*)"),
        "invalid module format (ENOEXEC)",
        "The kernel refused the file before looking at its contents in detail: the ELF header, "
        "section table, vermagic, module_layout CRC or a relocation did not fit this kernel "
        "(insmod prints errno ENOEXEC as 'Invalid module format'). The kernel log (dmesg) has the "
        "exact reason on the line before.",
        "Look at dmesg for the line explaining the refusal (and run pymodpost explain on it); "
        "rebuild the module for this kernel and architecture.",
        "locate_format",
    ),
    Entry(
        "unknown-relocation",
        _re(r"(?P<module>[\w-]+): Unknown relocation type (?P<type>\d+)"),
        "unknown relocation type (riscv)",
        "The riscv module loader has no handler for relocation type {type} ({type_name}) and refuses "
        "the module (-EINVAL).",
        "{type_fix}",
        "locate_reloc_type",
    ),
    Entry(
        "unknown-rela-relocation",
        _re(r"module: (?P<module>[\w-]+): Unknown rela relocation: (?P<type>\d+)"),
        "unknown relocation type (x86_64)",
        "The x86_64 module loader handles only a few relocation types (NONE, 64, 32, 32S, PC32, "
        "PLT32, PC64); type {type} ({type_name}) is not one of them.",
        "Compile with the kernel's flags (kbuild) so the compiler emits only kernel-model relocations.",
        "locate_reloc_type",
    ),
)

#: what kernel/module/ itself says while it checks and lays out a module, besides the
#: symbol-version and namespace lines above
LOADER_ENTRIES: tuple[Entry, ...] = (
    Entry(
        "module-no-symbols",
        _re(r"(?P<module>[\w-]+): module has no symbols \(stripped\?\)"),
        "module without a symbol table",
        "The file has no SHT_SYMTAB section: it was stripped completely (strip --strip-all, or "
        "objcopy -S). The loader needs the symbol table to resolve the module's undefined symbols "
        "and to apply its relocations, so it refuses the file (-ENOEXEC).",
        "Strip modules with --strip-debug only (what INSTALL_MOD_STRIP=1 does), or install the "
        "unstripped .ko.",
    ),
    Entry(
        "section-write-exec",
        _re(r"(?P<module>[\w-]+): section (?P<section>\S+) \(index (?P<index>\d+)\) has invalid "
            r"WRITE\|EXEC flags"),
        "section both writable and executable",
        "Section {section} has both SHF_WRITE and SHF_EXECINSTR. module_enforce_rwx_sections() "
        "refuses such a section (-ENOEXEC): module memory is never writable and executable at once "
        "(CONFIG_STRICT_MODULE_RWX).",
        "Find what gave {section} both flags -- usually a hand-written .section directive in "
        "assembly (\"awx\") or a section attribute shared by code and data -- and split code and "
        "data into sections of their own.",
    ),
    Entry(
        "this-module-section",
        _re(r"module (?P<module>\S+): (?:Exactly one \.gnu\.linkonce\.this_module section must exist\."
            r"|\.gnu\.linkonce\.this_module section must have a size set"
            r"|\.gnu\.linkonce\.this_module must occupy memory during process execution"
            r"|\.gnu\.linkonce\.this_module section size must match the kernel's built struct module "
            r"size at run time)", _loaders(lambda rules: rules.elf_validity == "split")),
        "damaged struct module section",
        "A module's struct module (__this_module, defined by the .mod.c modpost writes) lives in "
        "the section .gnu.linkonce.this_module. The loader from 6.11 checks that there is exactly "
        "one, that it takes memory (SHF_ALLOC, not NOBITS) and that its size is exactly the running "
        "kernel's sizeof(struct module); a module built against another kernel's headers, or a "
        "file edited after the link, fails here (-ENOEXEC).",
        "Rebuild the module against the headers of the kernel you load it into (make -C "
        "/lib/modules/$(uname -r)/build M=$PWD), and do not edit its sections afterwards.",
    ),
    Entry(
        "one-modinfo",
        _re(r"Only one \.modinfo section must exist\.", _loaders(lambda rules: rules.elf_validity == "split")),
        "more than one .modinfo section",
        "The loader from 6.11 reads a module's .modinfo strings from exactly one section; a file "
        "with two (a hand-made link that kept both inputs' sections apart) is refused (-ENOEXEC).",
        "Link modules with the kernel's module.lds (kbuild's modfinal step), which merges every "
        ".modinfo input into one section.",
    ),
    Entry(
        "symbol-string-table",
        _re(r"^(?:symbol string table missing leading NUL|symbol name out of bounds in string table)$",
            _loaders(lambda rules: rules.checks_symbol_strtab)),
        "damaged symbol string table",
        "From 7.x the loader checks the symbol string table before using it: it must start with "
        "a NUL byte, and every symbol's name must start inside it. The file's symbol table or its "
        "string table is damaged (-ENOEXEC).",
        "Rebuild the module; if a post-processing tool rewrote the symbol table, check that tool.",
    ),
    Entry(
        "extended-modversions",
        _re(r"^(?:extended version crc\+name presence does not match|more extended version crcs than names)$",
            _loaders(lambda rules: rules.extended_modversions)),
        "damaged extended version tables",
        "With CONFIG_EXTENDED_MODVERSIONS a module lists the versions of its long-named imports in "
        "two parallel sections, __version_ext_crcs and __version_ext_names: both or neither must "
        "be present, with one name per CRC. This module's pair does not match (-ENOEXEC).",
        "Rebuild the module with the modpost of the kernel it is for (it writes both tables from "
        "the same list); do not strip or edit either section.",
    ),
    Entry(
        "no-extended-symbol-version",
        _re(r"(?P<module>[\w-]+): no extended symbol version for (?P<symbol>\S+)",
            _loaders(lambda rules: rules.extended_modversions)),
        "no extended symbol version",
        "The module carries extended version tables (__version_ext_names), so the loader looks "
        "{symbol} up there, and finds no entry for it. As with 'no symbol version', the kernel "
        "decides by its check_version() whether that only warns or refuses the symbol.",
        "Rebuild against a Module.symvers that carries a CRC for {symbol}.",
        "locate_crc",
    ),
    Entry(
        "no-export-flags",
        _re(r"(?P<module>[\w-]+): no flags for exported symbols",
            _loaders(lambda rules: rules.export_flags_table)),
        "exports without their flags table",
        "From 7.0 a module's exports are described by __kflagstab (one byte per export, bit 0 for "
        "GPL-only) next to __ksymtab. This module has __ksymtab but no __kflagstab: it was built "
        "by an older kernel's modpost and headers (-ENOEXEC).",
        "Rebuild the module against the headers of the kernel you load it into.",
    ),
    Entry(
        "taint-out-of-tree",
        _re(r"(?P<module>[\w-]+): loading out-of-tree module taints kernel\."),
        "out-of-tree module (a note, not an error)",
        "The module's .modinfo has no 'intree=Y' (modpost adds it only to modules built inside the "
        "kernel tree), so the kernel sets taint flag O, once; the module loads normally.",
        "Nothing to fix for an external module; bug reports will show the O taint.",
    ),
    Entry(
        "taint-unsigned",
        _re(r"(?P<module>[\w-]+): module verification failed: signature and/or required key missing - "
            r"tainting kernel"),
        "unsigned module (a note, not an error)",
        "The kernel checks module signatures (CONFIG_MODULE_SIG) without enforcing them, and this "
        "module has no valid signature from a trusted key: it loads, and the kernel is tainted "
        "with E, once.",
        "Sign the module (scripts/sign-file with a key the kernel trusts) or accept the taint; with "
        "module.sig_enforce=1 such a module would be refused.",
    ),
)

#: extra words for the riscv type 57 case (GCC >= 12 + binutils >= 2.40 emit it in .eh_frame)
RISCV_32_PCREL = 57
RISCV_32_PCREL_FIX = (
    "Type 57 is R_RISCV_32_PCREL, which the 6.1 riscv module loader does not handle. The compiler "
    "emits it in .eh_frame, the unwind tables -fasynchronous-unwind-tables asks for. Linux 6.1's "
    "arch/riscv/Makefile already passes -fno-asynchronous-unwind-tables -fno-unwind-tables, so "
    "this object got its tables from flags that came later (ccflags-y, KCFLAGS) or from a build "
    "outside kbuild. Drop those flags or add -fno-asynchronous-unwind-tables after them (e.g. "
    "ccflags-y += -fno-asynchronous-unwind-tables in the module's Kbuild), so there is no "
    ".eh_frame to relocate."
)

#: what the relocation handlers and drivers of arch/x86/kernel/module.c and arch/riscv/kernel/
#: module.c (with module-sections.c) print in 6.1, besides the unknown-type lines above
RELOCATION_ENTRIES: tuple[Entry, ...] = (
    Entry(
        "reloc-target-nonzero",
        # 6.1 "Skipping invalid", 6.2+ "Invalid"; 7.3 also names the section and the entry
        _re(r"x86/modules: (?:Skipping invalid|Invalid) relocation target, existing value is nonzero for "
            r"(?:sec (?P<sec>\d+), idx (?P<idx>\d+), )?type (?P<type>\d+), loc (?P<loc>\S+), val (?P<val>[0-9a-f]+)"),
        "relocated field not zero (x86_64)",
        "x86_64 modules carry their addends in the relocation entries (RELA), so every field a "
        "relocation fills must still be zero in the file. This one ({type_name} at {loc}) is not: a "
        "second relocation hit the same bytes, or a tool wrote an addend into the field.",
        "Find what puts two relocations on one place or writes into relocated fields (a hand-written "
        "assembly .reloc, a post-processing tool); a module built by kbuild has neither.",
        "locate_reloc_type",
    ),
    Entry(
        "reloc-overflow",
        # 7.3 appends " sec %u idx %d"
        _re(r"overflow in relocation type (?P<type>\d+) val (?P<val>[0-9a-f]+)"),
        "relocation value does not fit (x86_64)",
        "The value {val} does not fit the 32-bit field of a {type_name} relocation (32 must "
        "zero-extend, 32S sign-extend). Modules live in the top 2 GiB, which only 32S reaches, and only "
        "for code built with -mcmodel=kernel. 6.1 writes the truncated value before checking, later "
        "kernels check first; the load fails either way (-ENOEXEC).",
        "Build the module with kbuild (it passes -mcmodel=kernel); a hand-written absolute 32-bit "
        "reference to a kernel or module address must become RIP-relative or 64-bit.",
        "locate_reloc_type",
    ),
    Entry(
        "reloc-not-mcmodel-kernel",
        _re(r"`(?P<module>[^']+)' likely not compiled with -mcmodel=kernel"),
        "module probably built without -mcmodel=kernel",
        "The second line of x86_64's relocation overflow report: a 32-bit absolute relocation could "
        "not hold an address, which happens when {module} was compiled for another code model.",
        "Build {module} through kbuild (make -C <kernel build dir> M=$PWD), which sets the kernel's "
        "code model.",
    ),
    Entry(
        "reloc-32-out-of-range",
        _re(r"(?P<module>[\w-]+): value (?P<value>[0-9a-f]+) out of range for 32-bit field"),
        "R_RISCV_32 value out of range",
        "An R_RISCV_32 relocation must produce a value below 2^32; {value} is a full 64-bit address "
        "(kernel and module addresses are), so the riscv loader refuses (-EINVAL).",
        "Store addresses in 64-bit fields (.quad / R_RISCV_64); for distances use a label difference, "
        "which the assembler turns into ADD32/SUB32 pairs.",
    ),
    Entry(
        "reloc-out-of-reach",
        _re(r"(?P<module>[\w-]+): target (?P<target>[0-9a-f]+) can not be addressed by the 32-bit "
            r"offset from PC = (?P<pc>\S+)"),
        "target out of pc-relative reach (riscv)",
        "An auipc-based relocation (PCREL_HI20, CALL, or CALL_PLT without a PLT) at {pc} must reach "
        "{target} within [-2 GiB - 2 KiB, 2 GiB - 2 KiB); it does not. Also printed for every "
        "absolute HI20 on a kernel built with CONFIG_CMODEL_MEDLOW. The load fails with -EINVAL.",
        "The target is usually a symbol that did not resolve (a weak undefined symbol has address 0) "
        "or data placed far from the module; call through CALL_PLT (the compiler's default for "
        "calls) and reach far data through the GOT (la via GOT_HI20) instead of a direct reference.",
    ),
    Entry(
        "reloc-no-got",
        _re(r"(?P<module>[\w-]+): can not generate the GOT entry for symbol = (?P<target>[0-9a-f]+) "
            r"from PC = (?P<pc>\S+)"),
        "no module GOT (riscv, CONFIG_MODULE_SECTIONS off)",
        "A GOT_HI20 relocation needs a GOT entry, and this kernel has no module GOT/PLT sections. "
        "riscv selects CONFIG_MODULE_SECTIONS whenever modules are enabled, so a real kernel does "
        "not print this; it comes from a simulation of such a kernel.",
        "Use a kernel configuration with modules (which selects CONFIG_MODULE_SECTIONS).",
    ),
    Entry(
        "reloc-align",
        _re(r"(?P<module>[\w-]+): The unexpected relocation type 'R_RISCV_ALIGN' from PC = (?P<pc>\S+)"),
        "R_RISCV_ALIGN in a module",
        "R_RISCV_ALIGN marks padding a linker may shrink when it relaxes code; the module loader does "
        "not relax and refuses it (-EINVAL). It appears when the object was assembled with linker "
        "relaxation on.",
        "Build with kbuild's flags, which include -mno-relax (also for assembly: -Wa,-mno-relax).",
    ),
    Entry(
        "reloc-no-hi20",
        _re(r"(?P<module>[\w-]+): Can not find HI20 relocation information"),
        "PCREL_LO12 without its HI20 (riscv)",
        "A PCREL_LO12_I/S relocation names the label at its auipc; the loader looks for a PCREL_HI20 "
        "or GOT_HI20 at that address in the same relocation section and found none, so it cannot "
        "compute the low 12 bits (-EINVAL).",
        "Keep each auipc and its %pcrel_lo use in one section (no section switch or separately "
        "placed code between them); in assembly the %pcrel_lo must name the auipc's label.",
    ),
    Entry(
        "reloc-unknown-symbol",
        _re(r"(?P<module>[\w-]+): Unknown symbol (?P<symbol>\S+)$"),
        "relocation against an unresolved symbol (riscv)",
        "riscv's relocation driver found {symbol} still holding an error value from symbol "
        "resolution and refuses (-ENOENT); a weak symbol would be skipped instead.",
        "See the 'Unknown symbol {symbol} (err ...)' line before it: load the module that exports "
        "{symbol} first, or fix what that line says.",
        "locate_uses",
    ),
    Entry(
        "module-sections-missing",
        _re(r"(?P<module>[\w-]+): module (?P<what>PLT|GOT|GOT\.PLT) section\(s\) missing"),
        "module GOT/PLT placeholder missing (riscv)",
        "riscv modules carry three one-byte placeholder sections, .plt, .got and .got.plt, from the "
        "kernel's module linker script; the loader sizes them for the relocations that need GOT or "
        "PLT entries. This module has no {what} section, so it was not linked with that script "
        "(-ENOEXEC).",
        "Link the module through kbuild (ld -r -T scripts/module.lds), not with a plain ld -r.",
    ),
    Entry(
        "got-plt-overflow-bug",
        _re(r"kernel BUG at arch/riscv/kernel/module-sections\.c:(?P<line>\d+)!"),
        "module GOT/PLT overflow (riscv kernel BUG)",
        "More GOT or PLT entries were needed than module_frob_arch_sections reserved: 6.1 counts "
        "only relocations in sections whose target is executable, so a GOT_HI20 (or far CALL_PLT) "
        "in a data section overruns the reservation and hits a BUG_ON. The kernel oopses; insmod is "
        "killed instead of getting an error.",
        "Move the GOT-using code into an executable section, or reference the symbol without the GOT "
        "(PC-relative, when it is within reach).",
    ),
    Entry(
        "reloc-dynamic-linking",
        _re(r"(?P<module>[\w-]+): Dynamic linking not supported in kernel modules PC = (?P<pc>\S+)"),
        "dynamic-linking relocation in a module (riscv)",
        "From 6.7 the riscv loader names the relocations only a dynamic linker applies (RELATIVE, "
        "COPY, JUMP_SLOT, TLS_DTPMOD/DTPREL/TPREL, IRELATIVE) and refuses them (-EINVAL): the one at "
        "{pc} comes from an object linked as a shared library or executable, not with ld -r.",
        "Build the module with kbuild: objects compiled without -fPIC and linked with ld -r carry none.",
    ),
    Entry(
        "reloc-tls",
        _re(r"(?P<module>[\w-]+): Thread local storage not supported in kernel modules PC = (?P<pc>\S+)"),
        "thread-local storage in a module (riscv)",
        "The code at {pc} reaches a __thread variable (TLS_GOT_HI20, TLS_GD_HI20 or a TPREL "
        "relocation); the kernel has no thread-local storage, and from 6.7 the riscv loader says so "
        "and refuses the module (-EINVAL).",
        "Use per-CPU variables (DEFINE_PER_CPU) or plain data instead of __thread.",
    ),
    Entry(
        "reloc-accumulated-out-of-range",
        _re(r"(?P<module>[\w-]+): value (?P<value>-?\d+) out of range for (?P<bits>\d+)-bit relocation\."),
        "summed relocation value does not fit (riscv, not fatal)",
        "From 6.7 the riscv loader sums the ADD/SUB/SET relocations at one place (from 0) after the "
        "section and stores the sum with the width of the last one. The sum {value} does not fit "
        "that {bits}-bit field, so the field keeps its old bytes; the load goes on, and code that "
        "reads the field gets a wrong value.",
        "Find the label difference or .reloc that produces it (a distance too large for .byte/.half, "
        "or relocations of different widths at one place) and give it a field wide enough.",
    ),
)

ENTRIES += LOADER_ENTRIES + RELOCATION_ENTRIES
