"""The supported kernels, each a :class:`~pymodpost.dialect.model.Dialect`.

Each kernel is written as the kernel before it with what changed replaced, so the differences
between versions read as a list.  Adding a kernel is adding an entry here (and teaching the
stages any new field it needs).
"""

from __future__ import annotations

from dataclasses import replace

from pymodpost.dialect.model import Dialect, LinkRules, LoaderRules, ModpostRules

#: Debian's 6.1.192 (linux-headers-6.1.0-56-amd64, linux-source-6.1): Debian carries a patch that
#: makes a missing symbol version fatal in check_version()
DEBIAN_6_1 = Dialect(
    name="6.1-debian",
    version=(6, 1),
    default_for_version=True,
    oracle="Debian 6.1.192 (linux-kbuild-6.1, linux-image-6.1.0-56-amd64, linux-source-6.1)",
    modpost=ModpostRules(
        optstring="ei:mnT:o:aWwENd:",
        list_from_stdin=True,
        fatal_level="FATAL",
        export_discovery="ksymtab-symbols",
        export_lines="crc-only",
        vermagic_in_mod_c=True,
        checks_before_writing=False,
        versions_crc_format="%#8x",
        description_warning="never",
        section_check="6.1",
        devtables="6.1",
        device_table_symbols="type-name",
        device_table_check="fatal",
        device_aliases="buffer",
        rejects_unknown_endian=False,
        message_style="classic",
        versions_need_basic=False,
        dump_modules_per_file=False,
        ignores_section_bounds=False,
        no_trim_symbols=False,
        module_namespaces=False,
        vmlinux_export_aliases=False,
        cmd_file_from_stem=False,
        extmod_runs_in_module_dir=False,
    ),
    link=LinkRules(extra_objects=(), force_group_allocation=False),
    loader=LoaderRules(
        missing_version_fatal=True,
        reloc_tables="6.1",
        memory_layout="core-init",
        elf_validity="6.1",
        checks_symbol_strtab=False,
        extended_modversions=False,
        early_mod_check=False,
        ro_after_init_marking="find-sec",
        ro_after_init_static_calls=False,
        module_namespaces=False,
        module_text_from_rox_cache=False,
        export_flags_table=False,
    ),
)

#: upstream 6.1: check_version() warns once about a missing symbol version and accepts the module
UPSTREAM_6_1 = replace(
    DEBIAN_6_1,
    name="6.1",
    default_for_version=False,
    oracle="Linux 6.1 without Debian's patches (loader: missing symbol version accepted)",
    loader=replace(DEBIAN_6_1.loader, missing_version_fatal=False),
)

#: Debian's 6.12.118 (bookworm-security: linux-headers-6.12.118+deb12-amd64, linux-kbuild-6.12.118+deb12,
#: linux-source-6.12 6.12.118-1~deb12u1)
DEBIAN_6_12 = replace(
    DEBIAN_6_1,
    name="6.12",
    version=(6, 12),
    default_for_version=True,
    oracle="Debian 6.12.118 (linux-kbuild-6.12.118+deb12, linux-source-6.12 6.12.118-1~deb12u1)",
    modpost=replace(
        DEBIAN_6_1.modpost,
        # -M CONFIG_MODULES (6.6), -t/-u CONFIG_TRIM_UNUSED_KSYMS without recursion (6.5)
        optstring="ei:MmnT:to:au:WwENd:",
        # Makefile.modpost passes -T modules.order (listing .o files since 6.2)
        list_from_stdin=False,
        fatal_level="ERROR",
        # "kbuild: generate KSYMTAB entries by modpost" (6.5)
        export_discovery="export-symbol-section",
        export_lines="ksymtab-license",
        # "modpost: compile constant module information only once" (6.12)
        vermagic_in_mod_c=False,
        checks_before_writing=True,
        description_warning="with-W",
        section_check="6.12",
        devtables="6.12",
        rejects_unknown_endian=True,
    ),
    # "modpost: compile constant module information only once": scripts/module-common.c
    link=replace(DEBIAN_6_1.link, extra_objects=(".module-common.o",)),
    loader=replace(
        DEBIAN_6_1.loader,
        reloc_tables="6.12",
        # "module: replace module_layout with module_memory" (6.4)
        memory_layout="mem-regions",
        # "module: split elf_validity_cache_copy" (Matthew Maurer, 6.12) on 6.6's elf_validity_cache_copy
        elf_validity="split",
        # "module: Move early sanity checks into a helper" / module_augment_kernel_taints (6.4)
        early_mod_check=True,
    ),
)

#: Debian's 7.3.4 (trixie-backports: linux-source-7.3 7.3.4-1~bpo13+1); its modpost built from that tree
DEBIAN_7_3 = replace(
    DEBIAN_6_12,
    name="7.3",
    version=(7, 3),
    oracle="Debian 7.3.4 (linux-source-7.3 7.3.4-1~bpo13+1, scripts/mod/modpost built from it)",
    modpost=replace(
        DEBIAN_6_12.modpost,
        # -x CONFIG_EXTENDED_MODVERSIONS, -b CONFIG_BASIC_MODVERSIONS (6.14)
        optstring="ei:MmnT:to:au:WwENd:xb",
        # KSYMTAB_*(sym, "ns") + SYMBOL_FLAGS, no _gpl sections (__kflagstab, 6.19/7.0)
        export_lines="ksymtab-flags",
        # "modpost: zero-pad CRC values in modversion_info array" (6.14)
        versions_crc_format="0x%08x",
        # "modpost: require a MODULE_DESCRIPTION()" (6.15)
        description_warning="always",
        section_check="7.3",
        # mcb; usb/of/pnp/pnp_card in devtable[]; module_alias_printf() with repeats dropped and
        # bad tables an ERROR (6.13); __mod_device_table__kmod_<mod>__<type>__<name> (6.18)
        devtables="7.3",
        device_table_symbols="kmod-type-name",
        device_table_check="error",
        device_aliases="deduplicated",
        message_style="mod-prefixed",
        versions_need_basic=True,
        dump_modules_per_file=True,
        ignores_section_bounds=True,
        no_trim_symbols=True,
        module_namespaces=True,
        vmlinux_export_aliases=True,
        cmd_file_from_stem=True,
        extmod_runs_in_module_dir=True,
    ),
    link=replace(DEBIAN_6_12.link, force_group_allocation=True),
    loader=replace(
        DEBIAN_6_12.loader,
        reloc_tables="7.3",
        # elf_validity_cache_strtab() (6.13)
        checks_symbol_strtab=True,
        # "module: Add module specific extended modversions" (6.14)
        extended_modversions=True,
        # module_mark_ro_after_init() in strict_rwx.c, with .static_call_sites (Petr Pavlu, after 6.12)
        ro_after_init_marking="all-by-name",
        ro_after_init_static_calls=True,
        # "module: Restrict module namespace access to specified modules" (6.16)
        module_namespaces=True,
        # "x86/module: enable ROX caches for module text on 64 bit" (6.14)
        module_text_from_rox_cache=True,
        # __kflagstab replaces the _gpl export sections (6.19/7.0)
        export_flags_table=True,
    ),
)

ALL: tuple[Dialect, ...] = (DEBIAN_6_1, UPSTREAM_6_1, DEBIAN_6_12, DEBIAN_7_3)
