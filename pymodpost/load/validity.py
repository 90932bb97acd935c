"""elf_validity_cache_copy() of 6.12 and later: the ELF checks split into named helpers.

6.1's ``elf_validity_check`` + ``setup_load_info`` became (Matthew Maurer's series, in 6.12)
``elf_validity_ehdr``, ``elf_validity_cache_sechdrs``, ``elf_validity_cache_secstrings`` and
``elf_validity_cache_index_{info,mod,sym,str}``; 7.3 adds ``elf_validity_cache_index_versions``
(extended modversions) and ``elf_validity_cache_strtab``.  What differs from 6.1, each visible in
the kernel log: section 0 is checked before the name table index; the name table must be
SHT_STRTAB; every non-NULL section's name offset is checked (6.1: ALLOC ones only); sections are
found by name whatever their flags, and ``.modinfo``, ``.gnu.linkonce.this_module`` and the
SHT_SYMTAB must each be unique; the symbol string table must be SHT_STRTAB.  All refusals are
-ENOEXEC.
"""

from __future__ import annotations

from pymodpost.errors import KernelError
from pymodpost.load.checks import (
    MODULE_INIT_IGNORE_MODVERSIONS,
    NO_NAME,
    check_elf_header,
    check_name_table,
    check_name_table_index,
    check_section_zero,
    fail,
    find_sec,
    modinfo_section,
    name_sections,
    read_section_headers,
    section_in_file,
    struct_module_name,
)
from pymodpost.load.image import SHF_ALLOC, SHT_NOBITS, SHT_NULL, SHT_STRTAB, SHT_SYMTAB, LoadInfo
from pymodpost.load.modinfo import ModinfoTable


def fail_unterminated(text: str) -> KernelError:
    """A refusal the kernel prints without a final newline (pr_err("...") with no "\\n")."""
    err = fail(text)
    err.unterminated = True
    return err


def elf_validity_cache_copy(info: LoadInfo, flags: int, machine: int, need_elfclass64: bool, smp: bool, *,
                            struct_module_size: int | None, checks_strtab: bool,
                            extended_modversions: bool) -> str:
    """Validate and index the file; returns ``mod->name`` (the name in the file's struct module).

    ``struct_module_size`` is the kernel's sizeof(struct module); None leaves that check out.
    """
    _cache_sechdrs(info, machine, need_elfclass64)
    _cache_secstrings(info)
    _cache_index_info(info)
    _cache_index_mod(info, struct_module_size)
    _cache_index_sym(info)
    _cache_index_str(info)
    if extended_modversions:
        _cache_index_versions(info, flags)
    elif flags & MODULE_INIT_IGNORE_MODVERSIONS:
        info.index.vers = 0  # pretend there is no __versions section
    else:
        info.index.vers = find_sec(info, "__versions")
    info.index.pcpu = find_sec(info, ".data..percpu") if smp else 0
    if checks_strtab:
        _cache_strtab(info)
    mod_name = struct_module_name(info)
    if info.name is None:
        info.name = mod_name
    return mod_name


def _cache_sechdrs(info: LoadInfo, machine: int, need_elfclass64: bool) -> None:
    read_section_headers(info, check_elf_header(info, machine, need_elfclass64))
    check_section_zero(info)
    for sh in info.sechdrs[1:]:
        if sh.sh_type not in (SHT_NULL, SHT_NOBITS) and not section_in_file(info, sh):
            raise fail(f"Invalid ELF section in module (section {sh.index} type {sh.sh_type})")


def _cache_secstrings(info: LoadInfo) -> None:
    check_name_table_index(info.hdr)
    strhdr = info.sechdrs[info.hdr.e_shstrndx]
    if strhdr.sh_type != SHT_STRTAB:
        raise fail(f"Invalid ELF section name table type: {strhdr.sh_type}")
    check_name_table(info, strhdr)
    for sh in info.sechdrs:
        # every section's name now, not only the SHF_ALLOC ones (SHT_NULL's means nothing)
        if sh.sh_type != SHT_NULL and sh.sh_name >= strhdr.sh_size:
            raise fail(f"Invalid ELF section name in module (section {sh.index} type {sh.sh_type})")
    name_sections(info, strhdr)


def find_any_unique_sec(info: LoadInfo, name: str) -> int:
    """The one section of that name, flags ignored: its index, 0 if none, -count if several."""
    found = [i for i in info.by_name.get(name, ()) if i]
    if len(found) == 1:
        return found[0]
    return -len(found)


def _cache_index_info(info: LoadInfo) -> None:
    ndx = find_any_unique_sec(info, ".modinfo")
    if ndx < 0:
        raise fail("Only one .modinfo section must exist.")
    info.index.info = ndx
    info.modinfo = ModinfoTable(modinfo_section(info))
    # the name is known early so that the next checks can say whose module failed
    info.name = info.modinfo.get("name") if ndx else None


def _cache_index_mod(info: LoadInfo, struct_module_size: int | None) -> None:
    who = info.name or NO_NAME
    ndx = find_any_unique_sec(info, ".gnu.linkonce.this_module")
    if ndx <= 0:
        raise fail(f"module {who}: Exactly one .gnu.linkonce.this_module section must exist.")
    sh = info.sechdrs[ndx]
    if sh.sh_type == SHT_NOBITS:
        raise fail(f"module {who}: .gnu.linkonce.this_module section must have a size set")
    if not sh.sh_flags & SHF_ALLOC:
        raise fail(f"module {who}: .gnu.linkonce.this_module must occupy memory during process execution")
    if struct_module_size is not None and sh.sh_size != struct_module_size:
        raise fail(f"module {who}: .gnu.linkonce.this_module section size must match the kernel's built "
                   "struct module size at run time")
    info.index.mod = ndx


def _cache_index_sym(info: LoadInfo) -> None:
    tables = [sh.index for sh in info.sechdrs[1:] if sh.sh_type == SHT_SYMTAB]
    if len(tables) != 1:
        raise KernelError(f"{info.name or NO_NAME}: module has no symbols (stripped?)", "ENOEXEC")
    info.index.sym = tables[0]


def _cache_index_str(info: LoadInfo) -> None:
    shnum = info.hdr.e_shnum
    ndx = info.sechdrs[info.index.sym].sh_link
    if ndx == 0 or ndx >= shnum:
        raise fail(f"Invalid ELF sh_link!=SHN_UNDEF({ndx}) or (sh_link({ndx}) >= hdr->e_shnum({shnum})")
    if info.sechdrs[ndx].sh_type != SHT_STRTAB:
        raise fail(f"Invalid ELF symbol string table type: {info.sechdrs[ndx].sh_type}")
    info.index.str = ndx


def _cache_index_versions(info: LoadInfo, flags: int) -> None:
    """Extended modversions (6.14): __version_ext_crcs (u32 each) and __version_ext_names (one
    NUL-terminated name per CRC) come together, with at least as many names as CRCs."""
    if flags & MODULE_INIT_IGNORE_MODVERSIONS:
        info.index.vers = info.index.vers_ext_crc = info.index.vers_ext_name = 0
        return
    crc_ndx = find_sec(info, "__version_ext_crcs")
    name_ndx = find_sec(info, "__version_ext_names")
    if bool(crc_ndx) != bool(name_ndx):
        raise fail_unterminated("extended version crc+name presence does not match")
    if crc_ndx:
        count = info.sechdrs[crc_ndx].sh_size // 4
        names = info.section_bytes(info.sechdrs[name_ndx])
        at = 0
        for _ in range(count):
            end = names.find(b"\0", at)
            if end < 0:  # strnlen ran to the end: the name would need one byte more
                raise fail_unterminated("more extended version crcs than names")
            at = end + 1
    info.index.vers = find_sec(info, "__versions")
    info.index.vers_ext_crc, info.index.vers_ext_name = crc_ndx, name_ndx


def _cache_strtab(info: LoadInfo) -> None:
    """The symbol string table starts and ends with NUL and every st_name lies inside it (6.13)."""
    strsec = info.sechdrs[info.index.str]
    table = info.section_bytes(strsec)
    if strsec.sh_size == 0:
        raise fail("empty symbol string table")
    if table[:1] != b"\0":
        raise fail("symbol string table missing leading NUL")
    if table[-1:] != b"\0":
        raise fail("symbol string table isn't NUL terminated")
    syms = info.symbols()
    if len(syms) and int(syms["st_name"].max()) >= strsec.sh_size:
        raise fail_unterminated("symbol name out of bounds in string table")
