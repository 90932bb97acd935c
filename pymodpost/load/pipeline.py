"""load_module() of Linux 6.1 as a sequence of named, observable steps.

``load_module(data, state, options)`` runs the steps in the kernel's order up to the point where
``module_finalize`` is called (the module is relocated, ``__ex_table`` sorted, and nothing has
been patched by alternatives or ftrace yet) and returns a :class:`LoadResult`: the steps taken,
the kernel log, section addresses, symbol values, every relocation with its bytes before and
after, and the final core and init memory.  A refusal is reported in ``result.error`` (a
:class:`KernelError` carrying the kernel's message and errno) rather than raised, so the steps
that did run stay visible.

What comes after module_finalize (ftrace, jump labels, static calls, parameters, sysfs, init) is
not simulated; parameters given on the command line are checked against ``__param`` names only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pymodpost.fileio import read_bytes
from pymodpost.errors import KernelError
from pymodpost.load import checks
from pymodpost.load.image import INIT_OFFSET_MASK, SHF_ALLOC, LoadInfo
from pymodpost.load import validity
from pymodpost.load.layout import (
    MEMORY_MODELS,
    MOD_DATA,
    MOD_INIT_DATA,
    MOD_INIT_TEXT,
    MOD_TEXT,
    MemRegionsModel,
    layout_sections,
    layout_sections_mem,
    layout_symtab,
    mark_ro_after_init_sections,
    module_enforce_rwx_sections,
    move_module,
    move_module_mem,
)
from pymodpost.load.kallsyms import add_kallsyms
from pymodpost.load.log import KernelLog, LogLine
from pymodpost.load.relocate import ModuleMemory, apply_relocations, sort_extable
from pymodpost.load.result import LoadResult, MemoryRegion, PlacedSection, StepRecord
from pymodpost.load.state import (
    TAINT_PROPRIETARY_MODULE,
    KernelState,
    LoadedModule,
    taint_string,
)
from pymodpost.load.symbols import ERRNO_NAME, simplify_symbols
from pymodpost.kernel.profile import Export

#: a stand-in for the vmalloc address of the kernel's temporary copy of the file
DEFAULT_IMAGE_BASE = 0xFFFFC90000100000
DEFAULT_PERCPU_BASE = 0x0000000000030000
#: __kflagstab: bit 0 of an export's flag byte marks it GPL-only (enum ksym_flags, 7.0)
KSYM_FLAG_GPL_ONLY = 1


@dataclass(slots=True)
class LoadOptions:
    core_base: int | None = None  #: core allocation; default: where a fresh nokaslr boot puts it
    init_base: int | None = None  #: init allocation; default: right after core and a guard page
    params: list[str] = field(default_factory=list)  #: "name=value" items; names are checked
    flags: int = 0  #: finit_module flags (1 ignore modversions, 2 ignore vermagic)
    percpu_base: int = DEFAULT_PERCPU_BASE
    image_base: int = DEFAULT_IMAGE_BASE
    #: 6.14+ x86_64: where the module's text goes in execmem's ROX cache (default: the start of
    #: the module area); the other mem[] types keep following core_base/init_base
    text_base: int | None = None
    #: the kernel's sizeof(struct module), which 6.12+ requires of .gnu.linkonce.this_module
    #: (None: not known, not checked)
    struct_module_size: int | None = None
    blacklist: tuple[str, ...] = ()
    #: section name -> address seen in a real load (/sys/module/<m>/sections): the bases are
    #: derived from these instead of core_base/init_base
    anchors: dict[str, int] | None = None
    record: bool = True  #: keep per-symbol and per-relocation records (costly for bulk runs)


def _page_align(n: int, page: int) -> int:
    return (n + page - 1) // page * page


def place_after_loaded_modules(options: LoadOptions, state: KernelState) -> LoadOptions:
    """Fill in the bases left unset so that the module goes where the real kernel puts the next
    one (:func:`next_core_base`, :func:`next_text_base`)."""
    if options.core_base is None:
        options.core_base = next_core_base(state)
    if options.text_base is None:
        options.text_base = next_text_base(state)
    return options


def next_text_base(state: KernelState) -> int | None:
    """6.14+ x86_64: the next module's text follows the newest one's core text in the ROX cache
    (its init text went back to the cache); None when no module has text there."""
    return state.modules[0].text_end if state.modules else None


def next_core_base(state: KernelState) -> int | None:
    """Where the next module's (first) core allocation goes after the modules loaded so far:
    past the newest one's core memory and a guard page (its init memory is free again by then).
    Seen on both Debian kernels booted with nokaslr (6.12: a module's text lands right after the
    previous module's last core region).  None when nothing is loaded yet (the default applies)."""
    if not state.modules:
        return None
    last = state.modules[0]
    page = state.profile.arch.page_size
    return last.core_base + _page_align(last.core_size, page) + page


def load_module(data: bytes, state: KernelState, options: LoadOptions | None = None, path: str = "<memory>") -> LoadResult:
    options = options or LoadOptions()
    log = KernelLog()
    result = LoadResult(path=path, arch=state.profile.arch.name)
    result.log = log.lines
    try:
        _run(data, state, options, log, result)
    except KernelError as e:
        result.error = e
        if not e.logged:
            for line in e.log:
                if line:
                    log.lines.append(LogLine("err", line, terminated=not getattr(e, "unterminated", False)))
    return result


def load_file(path: str, state: KernelState, options: LoadOptions | None = None) -> LoadResult:
    return load_module(read_bytes(path), state, options, path)


#: sections whose SHF_RO_AFTER_INIT the loader sets (they are written during init, then sealed)
RO_AFTER_INIT_SECTIONS = (".data..ro_after_init", "__jump_table")


def _run(data: bytes, state: KernelState, opt: LoadOptions, log: KernelLog, result: LoadResult) -> None:
    profile = state.profile
    cfg = profile.config
    arch = profile.arch
    rules = profile.dialect.loader
    steps = result.steps
    info = LoadInfo(data=data, len=len(data))

    checks.module_sig_check(info, opt.flags, state, log)
    steps.append(StepRecord("module_sig_check", f"signature: {info.signature}; {info.len} bytes examined"))

    if rules.elf_validity == "split":
        mod_name = validity.elf_validity_cache_copy(
            info, opt.flags, arch.machine, arch.checks_elfclass, cfg.smp,
            struct_module_size=opt.struct_module_size, checks_strtab=rules.checks_symbol_strtab,
            extended_modversions=rules.extended_modversions)
        result.name = mod_name  # what lsmod, /sys/module and kallsyms call it: mod->name
        steps.append(StepRecord("elf_validity_cache_copy", f"{len(info.sechdrs)} sections; {_index_detail(info)}"))
    else:
        checks.elf_validity_check(info, arch.machine, need_elfclass64=arch.checks_elfclass)
        steps.append(StepRecord("elf_validity_check", f"{len(info.sechdrs)} sections"))
        mod_name = checks.setup_load_info(info, opt.flags, cfg.smp)
        result.name = mod_name  # what lsmod, /sys/module and kallsyms call it: mod->name
        steps.append(StepRecord("setup_load_info", _index_detail(info)))

    if info.name in opt.blacklist:
        raise KernelError(f"Module {info.name} is blacklisted", "EPERM")

    checks.rewrite_section_headers(info, opt.image_base)
    steps.append(StepRecord("rewrite_section_headers", "__versions and .modinfo no longer allocated"))

    ctx = checks.ModuleCtx(info, mod_name, state, log)
    if cfg.modversions:
        checks.check_modstruct_version(ctx)
        steps.append(StepRecord("check_modstruct_version", "module_layout version matches"))

    if rules.early_mod_check:
        checks.check_modinfo_early(ctx, opt.flags)
        steps.append(StepRecord("check_modinfo", "vermagic accepted; livepatch allowed or absent"))
        if state.module(mod_name) is not None:  # module_patient_check_exists()
            raise KernelError((), "EEXIST")
        steps.append(StepRecord("early_mod_check", f"no module {mod_name} loaded yet"))
    else:
        checks.check_modinfo(ctx, opt.flags)
        steps.append(StepRecord("check_modinfo", f"vermagic accepted; taints {taint_string(ctx.taints) or 'none'}"))

    env = _arch_env(ctx)
    steps.append(StepRecord("module_frob_arch_sections", env.frob_detail()))

    module_enforce_rwx_sections(ctx)
    info.sechdrs[info.index.pcpu].sh_flags &= ~SHF_ALLOC
    ro_after_init = RO_AFTER_INIT_SECTIONS
    if rules.ro_after_init_static_calls and arch.static_call_inline:
        ro_after_init += (".static_call_sites",)
    mark_ro_after_init_sections(info, ro_after_init, rules.ro_after_init_marking == "all-by-name")

    page = arch.page_size
    if rules.memory_layout == "mem-regions":
        memory, kallsyms_tables = _layout_and_move_mem(ctx, opt, result, page)
    else:
        memory, kallsyms_tables = _layout_and_move_core_init(ctx, opt, result, page)
    lay = result.layout
    model = MEMORY_MODELS[rules.memory_layout]
    result.sections = _placed_sections(info, model)

    if rules.early_mod_check:
        # add_unformed_module() found no twin (early_mod_check did); then the taints
        checks.module_augment_kernel_taints(ctx)
        steps.append(StepRecord("module_augment_kernel_taints", f"taints {taint_string(ctx.taints) or 'none'}"))
    else:
        if state.module(mod_name) is not None:
            raise KernelError((), "EEXIST")
        if cfg.module_sig and not info.sig_ok:
            checks.taint_unsigned(ctx)
    _percpu_modalloc(ctx, page)

    _find_module_sections(ctx)
    steps.append(StepRecord("find_module_sections", "checked .ctors/.init_array, licence offenders, export CRC tables"))
    if rules.module_namespaces:
        _setup_modinfo_namespaces(ctx)

    env.place(info.sechdrs, memory)

    sym_records = [] if opt.record else None
    before = len(log.lines)
    symbols, err = simplify_symbols(ctx, opt.percpu_base, sym_records)
    if sym_records is not None:
        result.symbols = sym_records
    _write_back_symtab(info, symbols, memory)
    if err < 0:
        # the refusal's lines: what simplify_symbols printed about the symbols it could not use
        raise KernelError(tuple(line.text for line in log.lines[before:]), ERRNO_NAME[err], logged=True)
    steps.append(StepRecord("simplify_symbols", f"{len(symbols.values)} symbols"))

    rel_records = [] if opt.record else None
    try:
        apply_relocations(ctx, memory, symbols, env, rel_records)
    finally:
        if rel_records is not None:
            result.relocations = rel_records
    n = sum(len(r.records) for r in rel_records) if rel_records is not None else 0
    steps.append(StepRecord("apply_relocations", f"{n} relocations applied" if opt.record else "applied"))

    sorted_entries = sort_extable(ctx, memory)
    if cfg.kallsyms:
        add_kallsyms(info, lay, result.core_symbols, *kallsyms_tables)
    steps.append(StepRecord(
        "post_relocation",
        f"__ex_table: {sorted_entries} entries sorted; kallsyms: {len(result.core_symbols)} symbols kept after init",
    ))
    result.got_plt = env.entries_used()

    steps.append(StepRecord("module_finalize", "reached: the bytes above are what the kernel holds here"))

    # complete_formation() runs later, after ftrace init; its duplicate-export check is cheap and
    # decides whether later modules can use these exports, so it is modelled too
    exports = _read_exports(ctx, memory)
    verify_exported_symbols(ctx, exports)
    steps.append(StepRecord("complete_formation", f"{len(exports)} exports registered"))
    if opt.params:
        _check_param_names(ctx, memory, opt.params)
        steps.append(StepRecord("parse_args", "parameter names checked against __param (values not simulated)"))
    result.taints = taint_string(ctx.taints)
    result.exports = sorted(exports)
    state.add_module(LoadedModule(mod_name, exports, set(ctx.taints), result.core_base, lay.core_size,
                                  result.text_end or None))


def _placed_sections(info: LoadInfo, model) -> list[PlacedSection]:
    """The moved sections: each one's address, and which allocation of the memory model holds
    it where."""
    names = model.names
    init = [model.is_init_region(r) for r in range(len(names))]
    placed = []
    for sh in info.sechdrs:
        if sh.sh_flags & SHF_ALLOC:
            region, offset = model.region_of(sh.sh_entsize)
            placed.append(PlacedSection(sh.index, sh.name, sh.sh_addr, sh.sh_size, sh.sh_type, sh.sh_flags,
                                        init[region], offset, names[region]))
    return placed


def _index_detail(info: LoadInfo) -> str:
    ix = info.index
    return (f"name {info.name}; .modinfo [{ix.info}] symtab [{ix.sym}] strtab [{ix.str}] "
            f"this_module [{ix.mod}] __versions [{ix.vers}] percpu [{ix.pcpu}]")


def _layout_and_move_core_init(ctx: checks.ModuleCtx, opt: LoadOptions, result: LoadResult, page: int):
    """6.1: one core and one init allocation, each group of sections padded to a page."""
    info, cfg, arch = ctx.info, ctx.state.profile.config, ctx.state.profile.arch
    lay, core_sz, init_sz = layout_sections(info, cfg.strict_module_rwx, page, cfg.module_unload)
    livepatch = ctx.modinfo.get("livepatch") is not None and cfg.livepatch
    result.core_symbols = layout_symtab(info, lay, core_sz, init_sz, cfg.strict_module_rwx, page,
                                        cfg.kallsyms_all, livepatch)
    lay.core_size, lay.init_size = core_sz.size, init_sz.size
    result.layout = lay
    result.steps.append(StepRecord(
        "layout_sections",
        f"core {lay.core_size:#x} (text {lay.core_text_size:#x}, ro {lay.core_ro_size:#x}, "
        f"ro_after_init {lay.core_ro_after_init_size:#x}); init {lay.init_size:#x}",
    ))
    core_base, init_base = opt.core_base, opt.init_base
    if opt.anchors:
        core_base, init_base = _bases_from_anchors(info, opt.anchors, core_base, init_base)
    if core_base is None:
        core_base = arch.first_module_base(ctx.state.profile.addresses)
    if init_base is None:
        init_base = core_base + _page_align(lay.core_size, page) + page if lay.init_size else 0
    result.core_base, result.init_base = core_base, init_base
    core, init = move_module(info, lay.core_size, lay.init_size, core_base, init_base, ctx.mod_name)
    result.core, result.init = core, init
    result.steps.append(StepRecord("move_module", f"core at {core_base:#x}, init at {init_base:#x}"))
    return ModuleMemory([(core_base, core), (init_base, init)]), (core, init, init_base)


def _layout_and_move_mem(ctx: checks.ModuleCtx, opt: LoadOptions, result: LoadResult, page: int):
    """6.4+: a page-aligned allocation per mem[] type, in enum order, each from the module area
    (execmem since 6.10): consecutive vmalloc areas, each followed by its guard page."""
    info, cfg = ctx.info, ctx.state.profile.config
    sizes = layout_sections_mem(info, cfg.module_unload)
    livepatch = ctx.modinfo.get("livepatch") is not None and cfg.livepatch
    lay = result.layout
    result.core_symbols = layout_symtab(info, lay, sizes[MOD_DATA], sizes[MOD_INIT_DATA], False, page,
                                        cfg.kallsyms_all, livepatch, MemRegionsModel)
    alloc = [_page_align(s.size, page) for s in sizes]  # module_memory_alloc() stores PAGE_ALIGN(size)
    result.steps.append(StepRecord("layout_sections", "; ".join(
        f"{name} {size:#x}" for name, size in zip(MemRegionsModel.names, alloc) if size)))
    rox_text = _rox_text_types(ctx)
    bases = _region_bases(ctx, opt, alloc, page, rox_text)
    regions = move_module_mem(info, alloc, bases, ctx.mod_name)
    result.regions = [MemoryRegion(name, base, data, MemRegionsModel.is_init_region(t))
                      for t, (name, base, data) in enumerate(zip(MemRegionsModel.names, bases, regions)) if data]
    if alloc[MOD_TEXT] and MOD_TEXT in rox_text:
        result.text_end = bases[MOD_TEXT] + alloc[MOD_TEXT]
    # the regions that follow one another in the module area (text from a ROX cache does not)
    vmalloced = [r for t, r in zip((t for t, d in enumerate(regions) if d), result.regions) if t not in rox_text]
    core = [r for r in vmalloced if not r.init]
    init = [r for r in vmalloced if r.init]
    result.core_base = core[0].base if core else 0
    result.init_base = init[0].base if init else 0
    # what the next module's placement and `pymodpost load`'s summary need: the core span
    lay.core_size = core[-1].base + len(core[-1].data) - result.core_base if core else 0
    lay.init_size = init[-1].base + len(init[-1].data) - result.init_base if init else 0
    result.steps.append(StepRecord("move_module", "; ".join(f"{r.name} at {r.base:#x}" for r in result.regions)))
    memory = ModuleMemory([(r.base, r.data) for r in result.regions])
    return memory, (regions[MOD_DATA], regions[MOD_INIT_DATA], bases[MOD_INIT_DATA] or 0)


def _rox_text_types(ctx: checks.ModuleCtx) -> tuple[int, ...]:
    """The mem[] types execmem takes from its ROX cache (EXECMEM_MODULE_TEXT), if the kernel has one."""
    profile = ctx.state.profile
    if profile.dialect.loader.module_text_from_rox_cache and profile.arch.execmem_rox_cache:
        return (MOD_TEXT, MOD_INIT_TEXT)
    return ()


def _region_bases(ctx: checks.ModuleCtx, opt: LoadOptions, alloc: list[int], page: int,
                  rox_text: tuple[int, ...]) -> list[int | None]:
    """Where each non-empty mem[] type is allocated.  From anchors (real section addresses) when
    given; else the core types from ``core_base`` (default: where a fresh nokaslr boot puts the
    first module) and the init types from ``init_base`` (default: right after the core ones), one
    after the other with a guard page between (observed on Debian's 6.12 x86_64 booted with
    nokaslr: text, data, rodata, init text, init data at 0x...c0201000, 203000, 205000, 207000,
    209000 for one-page types).  Types in ``rox_text`` are carved from the ROX cache instead:
    from ``text_base`` (default: the start of the module area), page after page, no guard."""
    profile = ctx.state.profile
    bases: list[int | None] = [None] * len(alloc)
    if opt.anchors:
        for sh in ctx.info.sechdrs:
            if sh.sh_flags & SHF_ALLOC and sh.name in opt.anchors:
                mem_type, off = MemRegionsModel.region_of(sh.sh_entsize)
                if mem_type < len(bases) and bases[mem_type] is None:
                    bases[mem_type] = opt.anchors[sh.name] - off
    start = opt.core_base
    if start is None:
        start = profile.arch.first_module_base(profile.addresses, profile.config.randomize_base)
    text = opt.text_base
    if text is None and rox_text:
        text = profile.arch.module_area_start(profile.addresses, profile.config.randomize_base)
    init_started = False
    for mem_type, size in enumerate(alloc):
        if not size:
            bases[mem_type] = None
            continue
        if mem_type in rox_text:
            if bases[mem_type] is None:
                bases[mem_type] = text
            text = bases[mem_type] + size
            continue
        if MemRegionsModel.is_init_region(mem_type) and not init_started:
            init_started = True
            if opt.init_base is not None:
                start = opt.init_base
        if bases[mem_type] is None:
            bases[mem_type] = start
        start = bases[mem_type] + size + page
    return bases


def _bases_from_anchors(info: LoadInfo, anchors: dict[str, int], core_base, init_base):
    for sh in info.sechdrs:
        if not sh.sh_flags & SHF_ALLOC or sh.name not in anchors:
            continue
        if sh.sh_entsize & INIT_OFFSET_MASK:
            if init_base is None:
                init_base = anchors[sh.name] - (sh.sh_entsize & ~INIT_OFFSET_MASK)
        elif core_base is None:
            core_base = anchors[sh.name] - sh.sh_entsize
    return core_base, init_base


def _arch_env(ctx: checks.ModuleCtx):
    """module_frob_arch_sections of the profile's architecture; returns the handlers' env."""
    profile = ctx.state.profile
    info = ctx.info

    def relas_of(i: int):
        arr = info.relas(info.sechdrs[i])
        return zip(arr["r_info"].tolist(), arr["r_addend"].tolist())

    return profile.arch.relocations(profile.dialect.loader.reloc_tables).module_frob_arch_sections(
        ctx.mod_name, info.sechdrs, relas_of,
        # the architecture can reserve them (riscv) and the kernel's config does
        module_sections=profile.arch.module_sections and profile.config.module_sections,
        cmodel_medlow=profile.config.cmodel_medlow)


def _write_back_symtab(info: LoadInfo, symbols, memory: ModuleMemory) -> None:
    """simplify_symbols edits the .symtab copy in init memory: put the new st_value there."""
    import numpy as np

    sh = info.sechdrs[info.index.sym]
    n = len(symbols.values)
    region, off = memory.locate(sh.sh_addr, 24 * n) if n else (bytearray(), 0)
    table = np.frombuffer(region, dtype=np.uint8, count=24 * n, offset=off).reshape(n, 24)
    table[:, 8:16] = symbols.array.astype("<u8").view(np.uint8).reshape(n, 8)


def _percpu_modalloc(ctx: checks.ModuleCtx, page: int) -> None:
    """SMP: the .data..percpu room comes from the per-cpu allocator (its address is an option:
    LoadOptions.percpu_base); UP: a module with such a section cannot load."""
    pcpu = ctx.info.sechdrs[ctx.info.index.pcpu]
    if not pcpu.sh_size:
        return
    if not ctx.state.profile.config.smp:
        raise KernelError((), "ENOMEM")  # silent in 6.1
    if pcpu.sh_addralign > page:
        ctx.log.warn(f"{ctx.mod_name}: per-cpu alignment {pcpu.sh_addralign} > {page}")


def _find_module_sections(ctx: checks.ModuleCtx) -> None:
    info = ctx.info
    if checks.find_sec(info, ".ctors") and checks.find_sec(info, ".init_array"):
        raise KernelError(f"{ctx.mod_name}: has both .ctors and .init_array.", "EINVAL")
    if checks.find_sec(info, "__obsparm"):
        ctx.log.warn(f"{ctx.mod_name}: Ignoring obsolete parameters")
    state = ctx.state
    rules = state.profile.dialect.loader
    if rules.export_flags_table:
        for obsolete in ("__ksymtab_gpl", "__kcrctab_gpl"):
            if checks.find_sec(info, obsolete):
                ctx.log.warn(f"{ctx.mod_name}: ignoring obsolete section {obsolete}")
    if not rules.early_mod_check:
        # check_module_license_and_versions() (6.1); later module_augment_kernel_taints does it
        checks.taint_license_offenders(ctx, TAINT_PROPRIETARY_MODULE in state.taints)
    cfg = state.profile.config
    tables = (("__ksymtab", "__kcrctab"), ("__ksymtab_gpl", "__kcrctab_gpl"))
    if rules.export_flags_table:
        # check_export_symbol_sections(): exports need their flags (and, with modversions, CRCs)
        tables = tables[:1]
        ndx = checks.find_sec(info, "__ksymtab")
        if ndx and info.sechdrs[ndx].sh_size // _ksymtab_entry_size(ctx) and not checks.find_sec(info, "__kflagstab"):
            raise KernelError(f"{ctx.mod_name}: no flags for exported symbols", "ENOEXEC")
    if cfg.modversions:
        for tab, crcs in tables:
            ndx = checks.find_sec(info, tab)
            if ndx and info.sechdrs[ndx].sh_size and not checks.find_sec(info, crcs):
                if not ctx.try_to_force_load("no versions for exported symbols"):
                    raise KernelError((), "ENOEXEC")


def _ksymtab_entry_size(ctx: checks.ModuleCtx) -> int:
    """struct kernel_symbol: three 32-bit place-relative offsets (x86_64) or three pointers."""
    return 12 if ctx.state.profile.arch.prel32_ksymtab else 24


def _setup_modinfo_namespaces(ctx: checks.ModuleCtx) -> None:
    """setup_modinfo() (6.16+): ``module:`` namespaces are granted by the exporter, never imported."""
    for ns in checks.import_namespaces(ctx):
        if ns.startswith("module:"):
            raise KernelError(f"{ctx.mod_name}: module tries to import module namespace: {ns}", "EPERM")


def _read_cstr(memory: ModuleMemory, addr: int) -> str:
    out = bytearray()
    while len(out) < 4096:
        mem, off = memory.locate(addr + len(out), 1)
        end = mem.find(b"\0", off)
        chunk = mem[off:end if end >= 0 else len(mem)]
        out += chunk
        if end >= 0:
            break
    return bytes(out).decode("utf-8", "surrogateescape")


def _read_exports(ctx: checks.ModuleCtx, memory: ModuleMemory) -> dict[str, Export]:
    """The module's exports as find_symbol will see them: its relocated __ksymtab(_gpl) entries.

    x86_64 entries are three 32-bit offsets relative to each field (value, name, namespace);
    riscv64 entries are three absolute pointers.  CRCs come from __kcrctab(_gpl), one u32 each.
    """
    info = ctx.info
    prel = ctx.state.profile.arch.prel32_ksymtab
    entry = _ksymtab_entry_size(ctx)
    out: dict[str, Export] = {}
    tables = (("__ksymtab", "__kcrctab", False), ("__ksymtab_gpl", "__kcrctab_gpl", True))
    flags = None
    if ctx.state.profile.dialect.loader.export_flags_table:
        # one table; GPL-only is bit 0 of each export's byte in __kflagstab (the _gpl tables are
        # ignored; check_export_symbol_sections made sure __kflagstab exists)
        tables = tables[:1]
        flag_ndx = checks.find_sec(info, "__kflagstab")
        flags = info.sechdrs[flag_ndx] if flag_ndx else None
    for tab, crctab, gpl in tables:
        ndx = checks.find_sec(info, tab)
        if not ndx:
            continue
        sh = info.sechdrs[ndx]
        count = sh.sh_size // entry
        if not count:
            continue
        mem, off = memory.locate(sh.sh_addr, count * entry)
        gpl_bits = None
        if flags is not None:
            n = min(flags.sh_size, count)
            gpl_bits = b""
            if n:
                fmem, foff = memory.locate(flags.sh_addr, n)
                gpl_bits = bytes(fmem[foff:foff + n])
        crc_ndx = checks.find_sec(info, crctab)
        crcs = None
        if crc_ndx and ctx.state.profile.config.modversions:
            csh = info.sechdrs[crc_ndx]
            cmem, coff = memory.locate(csh.sh_addr, min(csh.sh_size, count * 4))
            crcs = cmem[coff:coff + count * 4]
        for k in range(count):
            at = off + k * entry
            base = sh.sh_addr + k * entry
            if prel:
                fields = [int.from_bytes(mem[at + 4 * j:at + 4 * j + 4], "little", signed=True) for j in range(3)]
                value = base + fields[0]
                name_addr = base + 4 + fields[1]
                ns_addr = base + 8 + fields[2] if fields[2] else 0
            else:
                value, name_addr, ns_addr = (int.from_bytes(mem[at + 8 * j:at + 8 * j + 8], "little") for j in range(3))
            name = _read_cstr(memory, name_addr)
            namespace = _read_cstr(memory, ns_addr) if ns_addr else ""
            crc = int.from_bytes(crcs[4 * k:4 * k + 4], "little") if crcs is not None and len(crcs) >= 4 * k + 4 else None
            if gpl_bits is not None:
                gpl = k < len(gpl_bits) and bool(gpl_bits[k] & KSYM_FLAG_GPL_ONLY)
            out[name] = Export(name, value & ((1 << 64) - 1), crc, gpl, namespace, ctx.mod_name)
    return out


def _param_names(ctx: checks.ModuleCtx, memory: ModuleMemory) -> list[str]:
    """Names of the module's parameters: the relocated name pointer of each struct kernel_param."""
    ndx = checks.find_sec(ctx.info, "__param")
    if not ndx:
        return []
    sh = ctx.info.sechdrs[ndx]
    count = sh.sh_size // 40  # sizeof(struct kernel_param) on 64-bit
    if not count:
        return []
    mem, off = memory.locate(sh.sh_addr, count * 40)
    return [_read_cstr(memory, int.from_bytes(mem[off + 40 * k:off + 40 * k + 8], "little")) for k in range(count)]


def _check_param_names(ctx: checks.ModuleCtx, memory: ModuleMemory, params: list[str]) -> None:
    """parse_args() with unknown_module_param_cb: an unknown name is ignored with a warning."""
    known = {n.replace("-", "_") for n in _param_names(ctx, memory)}
    for item in params:
        if item == "--":
            break
        name = item.split("=", 1)[0]
        if name.replace("-", "_") in known or name in ("async_probe", "dyndbg") or name.endswith(".dyndbg"):
            continue
        ctx.log.warn(f"{ctx.mod_name}: unknown parameter '{name}' ignored")


def verify_exported_symbols(ctx: checks.ModuleCtx, exports: dict[str, Export]) -> None:
    for name in exports:
        found = ctx.state.find_symbol(name, True)
        if found is not None:
            owner = found[1].name if found[1] is not None else "kernel"
            raise KernelError(f"{ctx.mod_name}: exports duplicate symbol {name} (owned by {owner})", "ENOEXEC")
