"""``pymodpost walk``: one module object through the whole pipeline, stage after stage.

Every stage is built from real data: the object kbuild compiled, modpost's run over it (ours,
against the kernel's Module.symvers), the ``.mod.c`` it generates, the ``.mod.o`` gcc made from
it (kbuild's own -- committed next to the object, or compiled through real kbuild with
``--kdir``), our ``ld -r`` link and the simulated load.

A stage is a title, a verdict, :class:`Block` items for people and a ``data`` dict for
``--json``.  Rendering (plain or rich) lives in :mod:`pymodpost.walk.walk_render`.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pymodpost.elf import constants as C
from pymodpost.errors import InputError
from pymodpost.fileio import read_bytes
from pymodpost.tables import Column
from pymodpost.explain.module_facts import MODULE_ENTRY_ALIASES, ModuleFacts
from pymodpost.kbuild.compile import scratch_dir
from pymodpost.kbuild.staging import stage_object
from pymodpost.kbuild.stages import (
    compare_with_gnu_ld, kbuild_modpost_flags, kernel_files, link_command, link_module, load_module_file,
    module_lds_in, modpost_module, shown_argv, write_kernel_symvers,
)

STAGES = ("object", "modpost", "mod.c", "mod.o", "link", "load")


@dataclass
class Block:
    kind: str  #: "text", "table" or "code"
    text: str = ""
    title: str = ""
    columns: tuple[Column, ...] = ()  #: for "table": which cells never break, which go first when narrow
    rows: list[tuple] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  #: for "code": one annotation per line

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


@dataclass
class WalkStage:
    name: str
    title: str
    ok: bool = True
    blocks: list[Block] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def text(self, line: str) -> None:
        self.blocks.append(Block("text", line))

    def table(self, title: str, columns: tuple[Column, ...], rows: list[tuple]) -> None:
        self.blocks.append(Block("table", title=title, columns=columns, rows=rows))


@dataclass
class WalkContext:
    obj: Path
    module: str
    arch: str
    kernel: str  #: a bundled profile (``x86_64``, ``6.12/x86_64``) or a kernel build directory
    work: Path
    profile: object = None  #: the KernelProfile of ``kernel`` (its dialect drives every stage)
    kdir: str | None = None
    extra_symvers: tuple[str, ...] = ()  #: KBUILD_EXTRA_SYMBOLS
    preload: tuple[str, ...] = ()  #: modules loaded before this one
    module_lds: Path | None = None  #: the profile's, else the --kdir tree's
    kernel_symvers: Path | None = None
    modpost_result: object = None
    mod_o: Path | None = None
    ko: Path | None = None


def prepare(obj: str, work: Path, arch: str | None = None, kernel: str | None = None,
            kdir: str | None = None, extra_symvers: tuple[str, ...] = (),
            preload: tuple[str, ...] = (), dialect: str | None = None) -> WalkContext:
    """``kernel``: a bundled kernel (``6.1``, ``6.12``, ``7.3``: the one of the object's
    architecture), a bundled profile (``6.12/x86_64``) or a kernel build directory (default: the
    bundled 6.1 one of the architecture); ``dialect`` overrides the one its release implies."""
    from pymodpost.bundled import bundled_kernels, bundled_profile_name
    from pymodpost.kernel.profile import load_profile

    src = Path(obj)
    if src.suffix != ".o" or src.name.endswith(".mod.o"):
        raise InputError(obj, "expected a module object (X.o, as kbuild compiled it)")
    facts = ModuleFacts(obj)
    if facts.elf.type != C.ET_REL:  # (reading .elf refuses a non-ELF file, with the reader's message)
        raise InputError(obj, f"not a relocatable object (ELF type {facts.elf.type}): "
                              "expected a module object (X.o, as kbuild compiled it)")
    arch = arch or facts.arch
    if arch is None:
        raise InputError(obj, "neither an x86_64 nor a riscv64 object (give --arch)")
    # every named input is checked before the first stage prints anything
    kernel = bundled_profile_name(kernel, arch) if kernel in bundled_kernels() else kernel or arch
    files = kernel_files(kernel)
    profile = load_profile(kernel, dialect=dialect)
    for path in (*extra_symvers, *preload):
        if not Path(path).is_file():
            raise InputError(path, "No such file or directory")
    if kdir and not (Path(kdir) / "Makefile").is_file():
        raise InputError(kdir, "not a kernel build directory (no Makefile)")
    module_lds = _module_lds(files, kdir)
    module = src.name[:-2]
    work.mkdir(parents=True, exist_ok=True)
    stage_object(src, work)
    return WalkContext(src, module, arch, kernel, work, profile, kdir,
                       tuple(str(Path(p).resolve()) for p in extra_symvers), tuple(preload), module_lds)


def _module_lds(kernel, kdir: str | None) -> Path:
    """The profile's module.lds, else (``--kdir``) the one kbuild links with in that tree."""
    if kernel.module_lds is not None:
        return kernel.module_lds
    places = "scripts/module.lds or arch/*/module.lds"
    if not kdir:
        raise InputError(str(kernel.root), f"no module.lds ({places}); --kdir can name a kernel tree that has one")
    in_tree = module_lds_in(Path(kdir))
    if in_tree is None:
        raise InputError(kdir, f"no module.lds ({places}), and the profile {kernel.root} has none either")
    return in_tree


# --- stage 1: the object ---------------------------------------------------------------------

#: a .modinfo value is prose (a description, a parameter's help), its key a name
MODINFO_COLUMNS = (Column("key"), Column("value", prose=True))


def object_stage(ctx: WalkContext) -> WalkStage:
    facts = ModuleFacts(str(ctx.obj))
    elf = facts.elf
    st = WalkStage("object", f"{ctx.obj.name}: what the compiler produced")
    sections = [(s.index, s.name, C.section_type_name(elf.machine, s.type),
                 C.section_flag_letters(s.flags), s.size) for s in elf.sections[1:]]
    st.table("sections", (Column("#", drop=3, right=True), Column("name"), Column("type", drop=2),
                          Column("flags", drop=1), Column("size", right=True)), sections)
    syms = elf.symtab
    interesting = []
    if syms is not None:
        for sym in syms:
            if sym.bind == C.STB_LOCAL and (sym.type not in (C.STT_FUNC, C.STT_OBJECT)
                                            or facts.section_name(sym.shndx) == ".modinfo"):
                continue  # section/file symbols and the MODULE_* strings (shown as .modinfo below)
            where = facts.section_name(sym.shndx) if sym.shndx != C.SHN_UNDEF else "UNDEF"
            interesting.append((sym.index, sym.name, C.TYPE_NAMES.get(sym.type, str(sym.type)),
                                C.BIND_NAMES.get(sym.bind, str(sym.bind)), where, f"{sym.value:#x}", sym.size))
    st.table("symbols (functions, objects, globals)",
             (Column("#", drop=4, right=True), Column("name"), Column("type", drop=2), Column("bind", drop=3),
              Column("section"), Column("value"), Column("size", drop=1, right=True)), interesting)
    aliases = []
    for alias, macro in zip(MODULE_ENTRY_ALIASES, ("module_init", "module_exit")):
        sym = facts.symbol(alias)
        if sym is None or sym.shndx == C.SHN_UNDEF:
            continue
        real, _ = facts.enclosing(sym.shndx, sym.value)
        aliases.append({"alias": alias, "function": real, "section": facts.section_name(sym.shndx),
                        "value": sym.value})
        st.text(f"{macro}({real}) made {alias} an alias of {real}: both name "
                f"{facts.section_name(sym.shndx)}+{sym.value:#x} (the kernel's struct module points "
                f"at {alias}; see the .mod.c)")
    modinfo = facts.modinfo
    st.table(".modinfo (MODULE_* macros)", MODINFO_COLUMNS, modinfo)
    st.data = {"sections": [dict(zip(("index", "name", "type", "flags", "size"), r)) for r in sections],
               "symbols": [dict(zip(("index", "name", "type", "bind", "section", "value", "size"), r))
                           for r in interesting],
               "entry_aliases": aliases, "modinfo": [list(kv) for kv in modinfo]}
    return st


# --- stage 2: modpost -------------------------------------------------------------------------

#: modpost's checks, each with the explain entries that report its failure
CHECKS = (
    ("licence (MODULE_LICENSE present)", ("missing-license",)),
    ("every undefined symbol exported somewhere", ("undefined-symbol",)),
    ("GPL-only symbols only for GPL-compatible modules", ("gpl-only-symbol",)),
    ("namespaced symbols imported", ("namespace-not-imported", "module-namespace-import")),
    ("section mismatches", ("section-mismatch", "section-mismatches-detected", "export-init-symbol")),
    ("CRCs for every import (modversions)", ("no-crc", "version-generation-failed")),
    ("module and symbol name lengths", ("module-name-too-long", "symbol-too-long")),
    ("no symbol exported twice", ("exported-twice",)),
)


def modpost_stage(ctx: WalkContext) -> WalkStage:
    from pymodpost.explain.explain import match

    kernel = kernel_files(ctx.kernel)
    ctx.kernel_symvers = write_kernel_symvers(kernel, ctx.work / "vmlinux.symvers")
    config, dialect = ctx.profile.config.values, ctx.profile.dialect
    flags = kbuild_modpost_flags(config, dialect.modpost)
    argv, result, cwd = modpost_module(ctx.work, ctx.module, ctx.kernel_symvers, flags, ctx.extra_symvers,
                                       dialect=dialect, config=config)
    ctx.modpost_result = result
    st = WalkStage("modpost", "modpost: exports, imports and checks", ok=result.status == 0)
    st.text(shown_argv(argv, ctx.work, cwd))
    exports = known_exports(ctx)
    # none when modpost stopped (FATAL) before it got to the object: its messages say why
    mod = next((m for m in result.modules if not m.from_dump and not m.is_vmlinux), None)
    exported = [(s.name, "EXPORT_SYMBOL_GPL" if s.is_gpl_only else "EXPORT_SYMBOL", s.namespace or "")
                for s in (mod.exported_symbols if mod else ())]
    st.table(f"exported by {mod.basename if mod else ctx.module}",
             (Column("symbol"), Column("kind"), Column("namespace", drop=1)), exported)
    imports = []
    for sym in (mod.unresolved_symbols if mod else ()):
        exp = exports.get(sym.name)
        owner = sym.module.name if sym.module is not None else "(nobody)"
        crc = f"{sym.crc:#010x}" if sym.crc_valid else "-"
        imports.append((sym.name, owner, crc, "GPL-only" if exp and exp.gpl_only else "",
                        exp.namespace if exp and exp.namespace else ""))
    st.table("undefined symbols, resolved against Module.symvers",
             (Column("symbol"), Column("exported by"), Column("CRC"), Column("licence", drop=2),
              Column("namespace", drop=1)), imports)
    diagnostics = [d.text.rstrip("\n") for d in result.diagnostics]
    kinds = [(line, (match(line) or (None,))[0]) for line in diagnostics]
    verdicts = []
    for check, keys in CHECKS:
        hits = [line for line, entry in kinds if entry is not None and entry.key in keys]
        verdicts.append((check, "FAILED" if hits else "ok", hits[0] if hits else ""))
    st.table("checks", (Column("check", prose=True), Column("verdict"), Column("message", prose=True)), verdicts)
    for line in diagnostics:
        st.text(line)
    st.text(f"exit status {result.status}")
    same_symvers = None
    reference, ours = ctx.obj.with_name("Module.symvers"), ctx.work / "Module.symvers"
    if reference.is_file() and ours.is_file():  # kbuild's, written by the real modpost
        same_symvers = _symvers_rows(reference) == _symvers_rows(ours)
        st.text(f"Module.symvers {'identical to' if same_symvers else 'DIFFERS from'} kbuild's {reference} "
                "(but for the module's path, which names the build directory)")
    st.data = {"argv": argv, "status": result.status, "diagnostics": diagnostics,
               "symvers_identical_to_reference": same_symvers,
               "exports": [dict(zip(("symbol", "kind", "namespace"), r)) for r in exported],
               "imports": [dict(zip(("symbol", "owner", "crc", "licence", "namespace"), r)) for r in imports],
               "checks": [dict(zip(("check", "verdict", "message"), r)) for r in verdicts]}
    return st


def _symvers_rows(path: Path) -> list[list[str]]:
    """A Module.symvers's rows without the module path (column 3: where the module was built)."""
    rows = [line.split("\t") for line in read_bytes(path).decode(errors="surrogateescape").splitlines()]
    return [row[:2] + row[3:] for row in rows]


def _cannot_run(st: WalkStage, why: str) -> WalkStage:
    """A stage whose input an earlier stage did not produce: failed, saying why."""
    st.ok = False
    st.text(why)
    return st


# --- stage 3: the generated .mod.c -----------------------------------------------------------

_MODC_NOTES = (
    (r"#include <linux/module\.h>", "struct module, MODULE_INFO and friends"),
    (r"#define INCLUDE_VERMAGIC", "lets <linux/vermagic.h> define VERMAGIC_STRING here"),
    (r"#include <linux/build-salt\.h>", "BUILD_SALT: a .note with the kernel's build salt"),
    (r"#include <linux/elfnote-lto\.h>", "BUILD_LTO_INFO: a .note saying whether LTO was used"),
    (r"#include <linux/export-internal\.h>", "macros for the export tables"),
    (r"#include <linux/vermagic\.h>", "VERMAGIC_STRING: release, SMP, preempt, mod_unload, modversions"),
    (r"BUILD_SALT;", "emits the build-salt note (.note.Linux)"),
    (r"BUILD_LTO_INFO;", "emits the LTO note (.note.Linux)"),
    (r"MODULE_INFO\(vermagic", ".modinfo vermagic=..., compared with the kernel's at load"),
    (r"MODULE_INFO\(name", ".modinfo name=<module>"),
    (r"__visible struct module __this_module", "the struct module the loader fills in and links into its list"),
    (r'__section\("\.gnu\.linkonce\.this_module"\)', "placed in .gnu.linkonce.this_module: the loader finds it by name"),
    (r"\.name = KBUILD_MODNAME", "the module's name"),
    (r"\.init = init_module", "module_init()'s alias: called by do_init_module"),
    (r"\.exit = cleanup_module", "module_exit()'s alias: called by delete_module"),
    (r"\.arch = MODULE_ARCH_INIT", "per-architecture fields (empty on x86_64/riscv64)"),
    (r"MODULE_INFO\(retpoline", ".modinfo retpoline=Y when the kernel uses retpolines"),
    (r"static const struct modversion_info ____versions", "__versions: one CRC per imported symbol, checked at load"),
    (r'__used __section\("__versions"\)', "kept in section __versions"),
    (r"MODULE_INFO\(depends", ".modinfo depends=: the modules providing its imports (for modprobe)"),
    (r"MODULE_INFO\(srcversion", ".modinfo srcversion=: MD4 of the sources (MODULE_VERSION given)"),
    (r"MODULE_ALIAS\(", "a device-table alias for udev/modprobe"),
    (r"MODULE_INFO\(intree", "built in the kernel tree"),
    (r"KSYMTAB_", "an export table entry"),
    (r"SYMBOL_CRC\(", "the CRC of an exported symbol"),
)
_VERSION_ROW = re.compile(r'\{ (0x[0-9a-f]+), "([^"]+)" \},')


def known_exports(ctx: WalkContext) -> dict:
    """symbol -> SymversEntry of the kernel's and the extra Module.symvers modpost was given."""
    from pymodpost.kernel.symvers import SymversEntry, read_symvers

    out = {}
    for path in (ctx.kernel_symvers, *ctx.extra_symvers):
        out.update((e.symbol, e) for e in read_symvers(path) if isinstance(e, SymversEntry))
    return out


def modc_stage(ctx: WalkContext) -> WalkStage:
    path = ctx.work / f"{ctx.module}.mod.c"
    st = WalkStage("mod.c", f"{ctx.module}.mod.c: what modpost generated, line by line")
    if not path.is_file():
        return _cannot_run(st, "modpost wrote no .mod.c (it failed; see the modpost stage)")
    text = read_bytes(path).decode("utf-8", "surrogateescape")
    owners = {name: e.module for name, e in known_exports(ctx).items()}
    notes = []
    for line in text.splitlines():
        m = _VERSION_ROW.search(line)
        if m:
            notes.append(f"CRC of {m.group(2)} from {owners.get(m.group(2), 'an unknown exporter')}'s "
                         "Module.symvers")
            continue
        notes.append(next((note for pattern, note in _MODC_NOTES if re.search(pattern, line)), ""))
    st.blocks.append(Block("code", text, title=path.name, notes=notes))
    reference = ctx.obj.with_name(f"{ctx.module}.mod.c")
    if reference.is_file():
        same = read_bytes(reference) == read_bytes(path)
        st.ok = same
        st.text(f"{'identical to' if same else 'DIFFERS from'} the real modpost's {reference}")
    st.data = {"file": str(path), "lines": [{"text": t, "note": n} for t, n in zip(text.splitlines(), notes)],
               "identical_to_reference": same if reference.is_file() else None}
    return st


# --- stage 4: the .mod.o ----------------------------------------------------------------------

def modo_stage(ctx: WalkContext) -> WalkStage:
    st = WalkStage("mod.o", f"{ctx.module}.mod.o: the .mod.c compiled")
    dest = ctx.work / f"{ctx.module}.mod.o"
    if ctx.kdir:
        from pymodpost.kbuild.compile import compile_with_kbuild

        source = compile_with_kbuild(ctx, dest)
        st.text(f"compiled by real kbuild in {ctx.kdir}: {source}")
    else:
        reference = ctx.obj.with_name(f"{ctx.module}.mod.o")
        if not reference.is_file():
            return _cannot_run(st, f"no {reference.name} next to {ctx.obj} and no --kdir to compile one: "
                                   "the link and load stages need it")
        shutil.copyfile(reference, dest)
        st.text(f"kbuild's own {reference} (gcc's output for the real modpost's .mod.c)")
    ctx.mod_o = dest
    facts = ModuleFacts(str(dest))
    rows = [(s.index, s.name, C.section_type_name(facts.elf.machine, s.type), s.size)
            for s in facts.elf.sections[1:] if s.flags & C.SHF_ALLOC]
    st.table("allocated sections", (Column("#", drop=2, right=True), Column("name"), Column("type", drop=1),
                                    Column("size", right=True)), rows)
    versions = [(name, f"{crc:#010x}") for name, crc in facts.versions.items()]
    st.table("__versions (64-byte modversion_info entries)", (Column("symbol"), Column("CRC")), versions)
    st.table(".modinfo", MODINFO_COLUMNS, facts.modinfo)
    st.data = {"file": str(dest), "sections": [dict(zip(("index", "name", "type", "size"), r)) for r in rows],
               "versions": [dict(zip(("symbol", "crc"), r)) for r in versions],
               "modinfo": [list(kv) for kv in facts.modinfo]}
    return st


# --- stage 5: the link ------------------------------------------------------------------------

def link_stage(ctx: WalkContext) -> WalkStage:
    st = WalkStage("link", f"{ctx.module}.ko: ld -r -T module.lds")
    if ctx.mod_o is None:
        return _cannot_run(st, "no .mod.o (see the mod.o stage)")
    kernel = kernel_files(ctx.kernel)
    if ctx.module_lds != kernel.module_lds:
        st.text(f"module.lds: {ctx.module_lds} (the kernel tree's: the profile {kernel.root} has none)")
    dialect = ctx.profile.dialect
    for name in dialect.link.extra_objects:  # 6.12+: .module-common.o
        st.text(f"{name}: {_stage_extra_object(ctx, name, kernel.root)}")
    result = link_module(ctx.arch, ctx.module_lds, [ctx.work / ctx.obj.name, ctx.mod_o], dialect=dialect)
    ko = ctx.work / f"{ctx.module}.ko"
    from pymodpost.fileio import write_atomic

    write_atomic(ko, result.data)
    ctx.ko = ko
    st.text(link_command(ctx.arch, ctx.module, dialect))
    placed = []
    for out in result.output_sections:
        for member in out.members:
            if hasattr(member, "obj") and not out.name.startswith(".debug_"):
                placed.append((f"{Path(member.obj.path).name}:{member.name}", out.name,
                               f"{member.output_offset:#x}", member.size))
    st.table("input section -> output section", (Column("input"), Column("output"), Column("at"),
                                                 Column("size", right=True)), placed)
    facts = ModuleFacts(str(ko))
    syms = [(s.index, s.name, C.BIND_NAMES.get(s.bind, str(s.bind)),
             facts.section_name(s.shndx) if s.shndx != C.SHN_UNDEF else "UNDEF", f"{s.value:#x}")
            for s in facts.elf.symtab if s.name and (s.bind != C.STB_LOCAL or s.type == C.STT_FUNC)]
    st.table("merged symbol table (globals and functions)",
             (Column("#", drop=2, right=True), Column("name"), Column("bind", drop=1), Column("section"),
              Column("value")), syms)
    # GNU ld's .ko from the same inputs: kbuild's (with --kdir) or the one left next to the .o
    reference = (scratch_dir(ctx.work) if ctx.kdir else ctx.obj.parent) / f"{ctx.module}.ko"
    same = None
    if reference.is_file():
        compared = compare_with_gnu_ld(result.data, reference, ko.name)
        same = result.data == read_bytes(reference)
        st.ok = compared.ok
        st.text(f"{compared.line} {reference}" if same else f"{compared.line} ({reference})")
        for difference in compared.differences[:10]:
            st.text(f"  {difference}")
    st.data = {"file": str(ko), "size": len(result.data), "identical_to_reference": same,
               "placement": [dict(zip(("input", "output", "offset", "size"), r)) for r in placed],
               "symbols": [dict(zip(("index", "name", "bind", "section", "value"), r)) for r in syms]}
    return st


def _stage_extra_object(ctx: WalkContext, name: str, kernel_root: Path) -> str:
    """Put an object the dialect's final link adds (``.module-common.o``) beside the module's in
    ``ctx.work``: with ``--kdir``, the one kbuild compiled from the tree's scripts/module-common.c
    in the scratch M= directory (with the .mod.o beside it), else the one kbuild compiled beside
    X.o, else the kernel facts' ``module-common.o``."""
    built = [scratch_dir(ctx.work) / name] if ctx.kdir else []
    for source in (*built, ctx.obj.parent / name, kernel_root / name.lstrip(".")):
        if source.is_file():
            shutil.copyfile(source, ctx.work / name)
            return f"kbuild's {source}"
    raise InputError(str(ctx.obj.parent / name), f"No such file or directory (Linux "
                     f"{ctx.profile.dialect.version_text}'s module link needs it; kbuild compiles it "
                     f"beside the module, and {kernel_root} has no {name.lstrip('.')})")


# --- stage 6: the simulated load --------------------------------------------------------------

FORMULAS = {
    "R_X86_64_64": "S + A", "R_X86_64_32": "S + A (must fit u32)", "R_X86_64_32S": "S + A (must fit s32)",
    "R_X86_64_PC32": "S + A - P", "R_X86_64_PLT32": "S + A - P", "R_X86_64_PC64": "S + A - P",
    "R_RISCV_64": "S + A", "R_RISCV_32": "S + A", "R_RISCV_BRANCH": "S + A - P (B-type)",
    "R_RISCV_JAL": "S + A - P (J-type)", "R_RISCV_CALL": "S + A - P (auipc+jalr)",
    "R_RISCV_CALL_PLT": "S + A - P (auipc+jalr; PLT entry if out of range)",
    "R_RISCV_GOT_HI20": "GOT(S) + A - P, high 20 bits", "R_RISCV_PCREL_HI20": "S + A - P, high 20 bits",
    "R_RISCV_PCREL_LO12_I": "low 12 bits of the HI20 partner's value (S = its P)",
    "R_RISCV_PCREL_LO12_S": "low 12 bits of the HI20 partner's value (S = its P)",
    "R_RISCV_HI20": "S + A, high 20 bits", "R_RISCV_LO12_I": "S + A, low 12 bits",
    "R_RISCV_LO12_S": "S + A, low 12 bits", "R_RISCV_ADD32": "V + S + A", "R_RISCV_ADD64": "V + S + A",
    "R_RISCV_SUB32": "V - S - A", "R_RISCV_SUB64": "V - S - A", "R_RISCV_RVC_BRANCH": "S + A - P (CB-type)",
    "R_RISCV_RVC_JUMP": "S + A - P (CJ-type)", "R_RISCV_ALIGN": "nothing (linker relaxation)",
    "R_RISCV_RELAX": "nothing (linker relaxation hint)",
}


#: what a relocation shows; when narrow, the record's place in its section goes first, then the
#: bytes before, the formula, the bytes after -- S, A, P, type and symbol stay
RELOCATION_COLUMNS = (Column("section", drop=4), Column("#", drop=5, right=True), Column("type"), Column("symbol"),
                      Column("formula", prose=True, drop=2), Column("S"), Column("A"), Column("P"),
                      Column("before", drop=3), Column("after", drop=1))


def load_stage(ctx: WalkContext) -> WalkStage:
    profile = ctx.profile
    st = WalkStage("load", f"insmod {ctx.module}.ko (simulated Linux {profile.dialect.version_text})")
    if ctx.ko is None:
        return _cannot_run(st, "no .ko (see the link stage)")
    result = load_module_file(profile, ctx.ko, preload=ctx.preload)
    st.ok = result.ok
    st.text(f"kernel {profile.name}: {profile.vermagic}")
    for dep in ctx.preload:
        st.text(f"loaded first: {dep}")
    st.table("steps of load_module", (Column("step"), Column("detail", prose=True)),
             [(s.name, s.detail) for s in result.steps])
    for line in result.log:
        st.text(f"kernel log: {line.text}")
    steps = [{"step": s.name, "detail": s.detail} for s in result.steps]
    if not result.ok:
        st.text(f"refused: {result.error.errno}")
        st.data = {"ok": False, "errno": result.error.errno, "log": [l.text for l in result.log],
                   "steps": steps}
        if not result.sections:
            return st
    layout = [(s.name, f"{s.addr:#018x}", s.size, s.region, f"{s.offset:#x}") for s in result.sections]
    regions = [(f"mem[{r.name}]", f"{r.base:#018x}", len(r.data), "yes" if r.init else "")
               for r in result.regions]
    if regions:  # 6.4+: one allocation per mem[] type
        st.table("module memory (struct module_memory mem[])",
                 (Column("region"), Column("address"), Column("size", right=True), Column("freed after init", drop=1)),
                 regions)
    else:
        st.text(f"core allocation at {result.core_base:#x}, init allocation at {result.init_base:#x}")
    st.table("layout in memory", (Column("section"), Column("address"), Column("size", right=True),
                                  Column("region"), Column("offset", drop=1)), layout)
    names = {s.index: s.name or s.how for s in result.symbols}
    sec_names = {s.index: s.name for s in result.sections}
    relocs = []
    for rs in result.relocations:
        for r in rs.records:
            sym = names.get(r.symbol, str(r.symbol))
            if not sym or sym == "section":
                shndx = result.symbols[r.symbol].shndx if r.symbol < len(result.symbols) else 0
                sym = sec_names.get(shndx, f"section {shndx}")
            relocs.append((rs.name, r.index, r.name, sym, FORMULAS.get(r.name, "see the arch handler"),
                           f"{r.S:#x}", f"{r.A:#x}" if r.A >= 0 else f"-{-r.A:#x}", f"{r.P:#x}",
                           r.before.hex(" "), r.after.hex(" ")))
    st.table("relocations applied", RELOCATION_COLUMNS, relocs)
    keys = ("section", "index", "type", "symbol", "formula", "S", "A", "P", "before", "after")
    layout_data = [dict(zip(("section", "address", "size", "region", "offset"), r), permission=permission)
                   for r, permission in zip(layout, section_permissions(result))]
    memory = {"regions": [dict(zip(("region", "address", "size", "init"), r)) for r in regions],
              "layout": layout_data, "relocations": [dict(zip(keys, r)) for r in relocs],
              "allocations": allocations(result)}
    if not result.ok:
        # what was laid out and relocated before the refusal; the last relocation section started
        # is where apply_relocations stopped
        stopped = result.relocations[-1] if result.relocations else None
        st.data.update(memory, refused_in=stopped and {"section": stopped.name,
                                                       "target": sec_names.get(stopped.target, "")})
        return st
    st.text(f"{len(relocs)} relocations applied; {ctx.module} is live")
    st.data = {"ok": True, "core_base": result.core_base, "init_base": result.init_base, "steps": steps,
               **memory}
    return st


#: 6.4+ mem[] types and the permission each is mapped with (the init ones are freed after init)
_REGION_PERMISSIONS = {"text": "text", "rodata": "rodata", "ro_after_init": "ro_after_init", "data": "data",
                       "init_text": "init", "init_rodata": "init", "init_data": "init"}


def allocations(result) -> list[dict]:
    """Each allocation of the loaded module, with the permission bands the kernel maps it with:
    6.4+ one ``mem[]`` region a type; 6.1 ``core`` and ``init``, split at the layout's text, ro
    and ro_after_init ends (``module_enable_ro``/``_nx`` set the pages up to each)."""
    if result.regions:
        return [{"name": f"mem[{r.name}]", "address": r.base, "size": len(r.data), "init": r.init,
                 "bands": [{"permission": _REGION_PERMISSIONS.get(r.name, "data"), "start": 0,
                            "end": len(r.data)}]} for r in result.regions]
    lay = result.layout
    core = [("text", lay.core_text_size), ("rodata", lay.core_ro_size),
            ("ro_after_init", lay.core_ro_after_init_size), ("data", lay.core_size)]
    out = []
    for name, base, size, ends in (("core", result.core_base, lay.core_size, core),
                                   ("init", result.init_base, lay.init_size, [("init", lay.init_size)])):
        if not size:
            continue
        bands, start = [], 0
        for permission, end in ends:
            if end > start:
                bands.append({"permission": permission, "start": start, "end": end})
                start = end
        out.append({"name": name, "address": base, "size": size, "init": name == "init", "bands": bands})
    return out


def section_permissions(result) -> list[str]:
    """The permission band each placed section falls in (its allocation's band at its offset)."""
    by_region = {a["name"].removeprefix("mem[").removesuffix("]"): a["bands"] for a in allocations(result)}
    out = []
    for sec in result.sections:
        bands = by_region.get(sec.region, ())
        out.append(next((b["permission"] for b in bands if b["start"] <= sec.offset < b["end"]),
                        bands[-1]["permission"] if bands else "data"))
    return out


BUILDERS = {"object": object_stage, "modpost": modpost_stage, "mod.c": modc_stage,
            "mod.o": modo_stage, "link": link_stage, "load": load_stage}


def walk(ctx: WalkContext):
    """Yield the stages in order (each needs the ones before it to have run)."""
    for name in STAGES:
        yield BUILDERS[name](ctx)


def walk_document(ctx: WalkContext, stages: list[WalkStage]) -> dict:
    """What ``walk --json`` prints and ``walk --html`` draws: each stage's verdict, data and the
    lines it printed."""
    return {"object": str(ctx.obj), "module": ctx.module, "arch": ctx.arch, "kernel": ctx.kernel,
            "linux": ctx.profile.dialect.version_text,
            "stages": [{"name": s.name, "title": s.title, "ok": s.ok, "data": s.data,
                        "notes": [b.text for b in s.blocks if b.kind == "text"]} for s in stages]}
