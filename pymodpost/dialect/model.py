"""What a kernel version decides, stage by stage: the records every Dialect is made of.

A :class:`Dialect` names one supported kernel (the pinned oracle the project checks against) and
holds every way that kernel's modpost, module link and loader differ from the others, as named
fields.  Each stage receives only its own part (:class:`ModpostRules`, :class:`LinkRules`,
:class:`LoaderRules`) and reads a field; no code outside ``pymodpost/dialect/`` compares kernel
versions.  The values per kernel are in :mod:`pymodpost.dialect.versions`.

This package is a leaf: it imports nothing from the stages, so every stage may import it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ModpostRules:
    """``scripts/mod/modpost`` and the ``scripts/Makefile.modpost`` that calls it."""

    #: getopt(3) option string of modpost's main() (6.1: no -M/-t/-u; 7.3 adds -x/-b)
    optstring: str
    #: ``-T -`` reads the object list from standard input (removed in 6.12: always fopen())
    list_from_stdin: bool
    #: the level fatal() prints before it exits: "FATAL" (6.1), "ERROR" (6.12: fatal() became
    #: error() + exit(1))
    fatal_level: str
    #: where exports come from: "ksymtab-symbols" (6.1: ``__ksymtab_<sym>`` symbols in
    #: ``___ksymtab[_gpl]+*`` sections, namespaces from ``__kstrtabns_<sym>``) or
    #: "export-symbol-section" (6.5+: relocations of the ``.export_symbol`` records, with -M)
    export_discovery: str
    #: what the .mod.c says per export: "crc-only" (6.1: ``SYMBOL_CRC(sym, crc, "_gpl")`` with -m),
    #: "ksymtab-license" (6.5: ``KSYMTAB_FUNC|DATA(sym, "_gpl", "ns")`` then the CRCs) or
    #: "ksymtab-flags" (7.0: ``KSYMTAB_*(sym, "ns")`` + ``SYMBOL_FLAGS(sym, 0x..)``, ``SYMBOL_CRC(sym, crc)``)
    export_lines: str
    #: the .mod.c header carries vermagic, build salt, LTO note and retpoline (6.1); 6.12 moved
    #: them to scripts/module-common.c, compiled once into ``.module-common.o``
    vermagic_in_mod_c: bool
    #: check_modname_len()/check_exports() run for every module before any .mod.c is written
    #: (6.6+); 6.1 checks each module just before writing its .mod.c
    checks_before_writing: bool
    #: printf format of a CRC in ``__versions``: "%#8x" (6.1, 6.12: space-padded) or "0x%08x" (6.14+)
    versions_crc_format: str
    #: ``missing MODULE_DESCRIPTION()``: "never" (6.1.192), "with-W" (6.5, W=1 only), "always" (6.15)
    description_warning: str
    #: section-check rule set (tables, whitelist, report format) of :mod:`pymodpost.modpost.secmismatch`:
    #: "6.1", "6.12" (6.7 rework: init/exit only, symsearch, ``sym+0xoff``) or "7.3"
    section_check: str
    #: file2alias generation (bus types, formatters and the struct layouts derived from that kernel's
    #: <linux/mod_devicetable.h>): "6.1", "6.12" (+cdx, slim, vchiq, coreboot) or "7.3" (+mcb)
    devtables: str
    #: how a device-table symbol is named: "type-name" (``__mod_<type>__<name>_device_table``, to
    #: 6.12) or "kmod-type-name" (``__mod_device_table__kmod_<modname>__<type>__<name>``, 6.18)
    device_table_symbols: str
    #: a table whose size is no multiple of its struct or whose last entry is not zero:
    #: "fatal" (6.1 device_id_check(): FATAL, with a hex dump of the last entry) or "error"
    #: (6.13 do_table(): one ERROR naming the array, the table skipped, the run goes on)
    device_table_check: str
    #: where file2alias's aliases go: "buffer" (6.1: each MODULE_ALIAS line printed into the
    #: module's buffer as it is made) or "deduplicated" (6.13 module_alias_printf(): a list that
    #: drops repeats, printed when the .mod.c is written)
    device_aliases: str
    #: parse_elf() refuses an object whose EI_DATA is neither LSB nor MSB ("target endian is
    #: unknown", 6.12); 6.1 reads anything but MSB as little-endian
    rejects_unknown_endian: bool
    #: wording of the per-module messages (:mod:`pymodpost.modpost.messages`): "classic" or
    #: "mod-prefixed" (7.3's mod_warn()/mod_error(): ``dir/mod.ko: `` then a reworded text)
    message_style: str
    #: ``__versions`` is written with -b (7.3: CONFIG_BASIC_MODVERSIONS, 6.14) instead of -m;
    #: with -x (CONFIG_EXTENDED_MODVERSIONS) long names go to ``__version_ext_*`` tables instead
    versions_need_basic: bool
    #: Module.symvers dumps name modules per file: the same module name in two ``-i`` files is
    #: two modules (7.3, find_module(dump_file, name)); before, one module
    dump_modules_per_file: bool
    #: undefined ``__start_*``/``__stop_*`` (linker-made section bounds) are not imports (7.3)
    ignores_section_bounds: bool
    #: names in a ``.no_trim_symbol`` section (symbol_get() users) count as used for -t (7.3)
    no_trim_symbols: bool
    #: ``module:<name>[,...]`` namespaces (EXPORT_SYMBOL_FOR_MODULES, 6.16): granted to the
    #: named modules without an import, and refused as an explicit import
    module_namespaces: bool
    #: ``.vmlinux.export.c`` also includes <linux/module.h> for built-in modules' aliases (6.18)
    vmlinux_export_aliases: bool
    #: a CRC file is ``.<stem>.o.cmd`` with the object's last two characters (".o") cut and
    #: ``.thinlto-native`` dropped (7.3); before, ``.<object>.cmd``
    cmd_file_from_stem: bool
    #: where Makefile.modpost runs modpost for ``make M=<dir>``: in the kernel tree, naming the
    #: module's files by absolute paths and the kernel's ``-i Module.symvers`` relatively (6.1,
    #: 6.12), or in the module's directory, naming its files relatively and the kernel's
    #: Module.symvers absolutely (7.3: "kbuild: change working directory to external module
    #: directory with M=", 6.13)
    extmod_runs_in_module_dir: bool


@dataclass(frozen=True, slots=True)
class LinkRules:
    """``scripts/Makefile.modfinal``: what the final ``ld -r -T module.lds`` of a ``.ko`` links."""

    #: objects after ``<mod>.o <mod>.mod.o``: 6.12 adds the shared ``.module-common.o``
    #: (vermagic, build salt and ORC header compiled once for all modules)
    extra_objects: tuple[str, ...]
    #: the final link passes ``--force-group-allocation`` (7.3; "kbuild: use
    #: --force-group-allocation with ld -r", 6.13): COMDAT groups resolved, group sections gone
    force_group_allocation: bool


@dataclass(frozen=True, slots=True)
class LoaderRules:
    """``kernel/module/`` and the architectures' ``apply_relocate_add``."""

    #: check_version(): a symbol absent from __versions refuses the load (Debian's patch) or
    #: upstream's "Broken toolchain" warn-once-and-accept
    missing_version_fatal: bool
    #: which generation of the architectures' relocation handler tables the kernel carries
    #: (a key of :attr:`pymodpost.arch.target.Target.reloc_modules`, which maps it to each
    #: architecture's module): riscv64's table was reworked in 6.7 (16-bit instruction halves,
    #: accumulated ADD/SUB/SET/ULEB128), x86_64's checks reordered with __write_relocate_add
    reloc_tables: str
    #: module memory model: "core-init" (6.1: core/init layouts, strict_align boundaries) or
    #: "mem-regions" (6.4+: one allocation per mem[MOD_MEM_NUM_TYPES] type)
    memory_layout: str
    #: how the ELF file is validated: "6.1" (one elf_validity_check, then setup_load_info) or
    #: "split" (6.12's elf_validity_cache_copy: elf_validity_ehdr/cache_sechdrs/cache_secstrings/
    #: cache_index_*, each section name checked, the name table and symbol string table must be
    #: SHT_STRTAB, exactly one .modinfo/.gnu.linkonce.this_module/SHT_SYMTAB, new texts)
    elf_validity: str
    #: elf_validity_cache_strtab() checks the symbol string table and every st_name (7.3)
    checks_symbol_strtab: bool
    #: __version_ext_crcs/__version_ext_names are parsed and checked (extended modversions, 6.14)
    extended_modversions: bool
    #: early_mod_check() (6.4+): check_modinfo keeps only vermagic and livepatch, a module of that
    #: name already loaded is refused before allocation, and the taints (out-of-tree, staging,
    #: licence, test, unsigned...) are added after allocation by module_augment_kernel_taints()
    early_mod_check: bool
    #: how SHF_RO_AFTER_INIT is set: "find-sec" (6.1, 6.12: the first SHF_ALLOC section of each
    #: name) or "all-by-name" (7.3's module_mark_ro_after_init(): every section of that name)
    ro_after_init_marking: str
    #: .static_call_sites is ro_after_init as well on architectures with inline static calls (7.3)
    ro_after_init_static_calls: bool
    #: ``module:<name>[,<name>...]`` namespaces (6.16): the named modules (a trailing ``*`` is a
    #: prefix, '-' matches '_') may use such exports without an import, and setup_modinfo()
    #: refuses an explicit ``import_ns=module:...`` with -EPERM
    module_namespaces: bool
    #: module text (MOD_TEXT, MOD_INIT_TEXT) comes from execmem's ROX cache on architectures
    #: that have one (:attr:`pymodpost.arch.target.Target.execmem_rox_cache`; 6.14)
    module_text_from_rox_cache: bool
    #: exports are described by ``__kflagstab`` (one flag byte each, bit 0 GPL-only): a module with
    #: __ksymtab needs it (check_export_symbol_sections), __ksymtab_gpl/__kcrctab_gpl are obsolete
    #: and ignored with a warning (6.19/7.0)
    export_flags_table: bool


@dataclass(frozen=True, slots=True)
class Dialect:
    """One supported kernel: its name, the releases it stands for, and every stage's rules."""

    name: str  #: "6.1-debian", "6.1", ...: what --dialect and PYMODPOST_DIALECT take
    #: (VERSION, PATCHLEVEL) of the kernels this dialect is chosen for when detected
    version: tuple[int, int]
    #: chosen for its version when detection cannot tell variants apart
    default_for_version: bool
    #: the exact tree the dialect was checked against (the oracle), for messages and docs
    oracle: str
    modpost: ModpostRules
    link: LinkRules
    loader: LoaderRules

    @property
    def version_text(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"
