"""The steps of load_module() before layout: signature trailer, ELF validity, setup_load_info,
rewrite_section_headers, the module_layout version check and check_modinfo (Linux 6.1).

Each function mirrors the kernel function of the same name; a refusal raises
:class:`~pymodpost.errors.KernelError` with the kernel's log line(s) and errno, and every
other line the kernel would print goes to ``log``.
"""

from __future__ import annotations

import numpy as np

from pymodpost.errors import KernelError
from pymodpost.load.image import (
    EHDR64,
    ET_REL,
    SHDR64,
    SHF_ALLOC,
    SHT_NOBITS,
    SHT_NULL,
    SHT_SYMTAB,
    LoadInfo,
    parse_ehdr,
    parse_shdrs,
)
from pymodpost.load.log import KernelLog
from pymodpost.load.modinfo import ModinfoTable
from pymodpost.load.state import (
    TAINT_CRAP,
    TAINT_FORCED_MODULE,
    TAINT_LIVEPATCH,
    TAINT_OOT_MODULE,
    TAINT_PROPRIETARY_MODULE,
    TAINT_TEST,
    TAINT_UNSIGNED_MODULE,
    KernelState,
)

MODULE_SIG_STRING = b"~Module signature appended~\n"
MODULE_INIT_IGNORE_MODVERSIONS = 1
MODULE_INIT_IGNORE_VERMAGIC = 2
PKEY_ID_PKCS7 = 2
NO_NAME = "(missing .modinfo section or name field)"
#: offset and size of ``name`` in struct module (after enum state and struct list_head) on 64-bit
MODULE_NAME_OFFSET = 24
MODULE_NAME_LEN = 56
GPL_COMPATIBLE = ("GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL")


def module_sig_check(info: LoadInfo, flags: int, state: KernelState, log: KernelLog) -> None:
    """Strip an appended signature; trust a well-formed one (the simulator cannot verify PKCS#7)."""
    mangled = flags & (MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC)
    if not state.profile.config.module_sig:
        return
    err = "ENODATA"
    marker = len(MODULE_SIG_STRING)
    if not mangled and info.len > marker and info.data[info.len - marker:info.len] == MODULE_SIG_STRING:
        info.len -= marker
        err = _mod_verify_sig(info, log)
        if err is None:
            info.sig_ok = True
            info.signature = "appended"
            return
    if err not in ("ENODATA", "ENOPKG", "ENOKEY"):
        # the first step: anything in the log was printed by the signature parsing just now
        raise KernelError(tuple(line.text for line in log.lines), err, logged=True)
    if state.profile.config.module_sig_force:
        reason = {"ENODATA": "unsigned module", "ENOPKG": "module with unsupported crypto",
                  "ENOKEY": "module with unavailable key"}[err]
        raise KernelError(f"Loading of {reason} is rejected", "EKEYREJECTED")


def _mod_verify_sig(info: LoadInfo, log: KernelLog) -> str | None:
    size = 12  # struct module_signature
    if info.len <= size:
        return "EBADMSG"
    ms = info.data[info.len - size:info.len]
    algo, hash_, id_type, signer_len, key_id_len = ms[0], ms[1], ms[2], ms[3], ms[4]
    sig_len = int.from_bytes(ms[8:12], "big")
    if sig_len >= info.len - size:
        return "EBADMSG"
    if id_type != PKEY_ID_PKCS7:
        log.err("module: not signed with expected PKCS#7 message")
        return "ENOPKG"
    if algo or hash_ or signer_len or key_id_len or any(ms[5:8]):
        log.err("module: PKCS#7 signature info has unexpected non-zero params")
        return "EBADMSG"
    info.len -= sig_len + size
    return None


def fail(text: str) -> KernelError:
    """An ELF check's refusal: its log line and -ENOEXEC."""
    return KernelError(text, "ENOEXEC")


def check_elf_header(info: LoadInfo, machine: int, need_elfclass64: bool):
    """The ELF header checks every version makes first (6.12 names them elf_validity_ehdr; its
    module_elf_check_arch() hook accepts everything on x86_64 and riscv64)."""
    if info.len < EHDR64.size:
        raise fail(f"Invalid ELF header len {info.len}")
    hdr = info.hdr = parse_ehdr(info.data)
    if hdr.e_ident[:4] != b"\x7fELF":
        raise fail("Invalid ELF header magic: != \x7fELF")
    if hdr.e_type != ET_REL:
        raise fail(f"Invalid ELF header type: {hdr.e_type} != {ET_REL}")
    if hdr.e_machine != machine or (need_elfclass64 and hdr.e_ident[4] != 2):
        raise fail(f"Invalid architecture in ELF header: {hdr.e_machine}")
    return hdr


def read_section_headers(info: LoadInfo, hdr) -> None:
    """The section header table: entries of the kernel's size, all inside the file."""
    if hdr.e_shentsize != SHDR64.size:
        raise fail("Invalid ELF section header size")
    if hdr.e_shoff >= info.len or hdr.e_shnum * SHDR64.size > info.len - hdr.e_shoff:
        raise fail("Invalid ELF section header overflow")
    info.sechdrs = parse_shdrs(info.data, hdr.e_shoff, hdr.e_shnum)


def check_name_table_index(hdr) -> None:
    if hdr.e_shstrndx == 0 or hdr.e_shstrndx >= hdr.e_shnum:
        raise fail(
            f"Invalid ELF section name index: {hdr.e_shstrndx} || e_shstrndx ({hdr.e_shstrndx}) "
            f">= e_shnum ({hdr.e_shnum})"
        )


def check_name_table(info: LoadInfo, strhdr) -> None:
    """The section name table is not empty and ends with a NUL (strcmp on names is then safe)."""
    info.secstrings_off, info.secstrings_size = strhdr.sh_offset, strhdr.sh_size
    if strhdr.sh_size == 0:
        raise fail("empty section name table")
    if info.data[strhdr.sh_offset + strhdr.sh_size - 1] != 0:
        raise fail("ELF Spec violation: section name table isn't null terminated")


def check_section_zero(info: LoadInfo) -> None:
    s0 = info.sechdrs[0]
    if s0.sh_type != SHT_NULL or s0.sh_size != 0 or s0.sh_addr != 0:
        raise fail(f"ELF Spec violation: section 0 type({unsigned_as_int(s0.sh_type)})!=SH_NULL or non-zero len or addr")


def name_sections(info: LoadInfo, strhdr) -> None:
    """Each section's name; a name offset the kernel did not check is read within the table only
    (up to its end: the kernel checked the table ends with a NUL)."""
    table = info.data[strhdr.sh_offset:strhdr.sh_offset + strhdr.sh_size]
    size = strhdr.sh_size
    by_name = info.by_name
    for sh in info.sechdrs:
        at = sh.sh_name
        if at < size:
            end = table.find(b"\0", at)
            sh.name = name = table[at:end if end >= 0 else size].decode("utf-8", "surrogateescape")
        else:
            sh.name = name = ""
        by_name.setdefault(name, []).append(sh.index)


def elf_validity_check(info: LoadInfo, machine: int, need_elfclass64: bool) -> None:
    hdr = check_elf_header(info, machine, need_elfclass64)
    read_section_headers(info, hdr)
    check_name_table_index(hdr)
    strhdr = info.sechdrs[hdr.e_shstrndx]
    if not section_in_file(info, strhdr):
        raise fail(f"Invalid ELF section hdr(type {strhdr.sh_type})")
    check_name_table(info, strhdr)
    check_section_zero(info)
    for sh in info.sechdrs[1:]:
        if sh.sh_type in (SHT_NULL, SHT_NOBITS):
            continue
        if sh.sh_type == SHT_SYMTAB and (sh.sh_link == 0 or sh.sh_link >= hdr.e_shnum):
            raise fail(
                f"Invalid ELF sh_link!=SHN_UNDEF({sh.sh_link}) or (sh_link({sh.sh_link}) >= hdr->e_shnum({hdr.e_shnum})"
            )
        if not section_in_file(info, sh):
            raise fail(f"Invalid ELF section in module (section {sh.index} type {sh.sh_type})")
        # 6.1 checks the names of SHF_ALLOC sections only
        if sh.sh_flags & SHF_ALLOC and sh.sh_name >= strhdr.sh_size:
            raise fail(f"Invalid ELF section name in module (section {sh.index} type {sh.sh_type})")
    name_sections(info, strhdr)


def unsigned_as_int(u32: int) -> int:
    """%d of an unsigned 32-bit field."""
    return u32 - (1 << 32) if u32 >> 31 else u32


def section_in_file(info: LoadInfo, sh) -> bool:
    end = sh.sh_offset + sh.sh_size
    return end < (1 << 64) and end <= info.len


def find_sec(info: LoadInfo, name: str) -> int:
    """First ALLOC section of that name (0 if none): a cleared ALLOC bit hides a section."""
    for i in info.by_name.get(name, ()):
        if i and info.sechdrs[i].sh_flags & SHF_ALLOC:
            return i
    return 0


def modinfo_section(info: LoadInfo) -> bytes:
    return info.section_bytes(info.sechdrs[info.index.info]) if info.index.info else b""


def struct_module_name(info: LoadInfo) -> str:
    """``mod->name`` read from the file's .gnu.linkonce.this_module."""
    sh = info.sechdrs[info.index.mod]
    start = sh.sh_offset + MODULE_NAME_OFFSET
    raw = info.data[start:min(start + MODULE_NAME_LEN, sh.sh_offset + sh.sh_size)]
    return raw.split(b"\0", 1)[0].decode("utf-8", "surrogateescape")


def setup_load_info(info: LoadInfo, flags: int, smp: bool) -> str:
    """Find .modinfo, the symbol table, the module struct; returns ``mod->name``."""
    info.index.info = find_sec(info, ".modinfo")
    info.modinfo = ModinfoTable(modinfo_section(info))
    info.name = info.modinfo.get("name")
    for sh in info.sechdrs[1:]:
        if sh.sh_type == SHT_SYMTAB:
            info.index.sym = sh.index
            info.index.str = sh.sh_link
            break
    if info.index.sym == 0:
        raise KernelError(f"{info.name or NO_NAME}: module has no symbols (stripped?)", "ENOEXEC")
    info.index.mod = find_sec(info, ".gnu.linkonce.this_module")
    if not info.index.mod:
        raise KernelError(f"{info.name or NO_NAME}: No module found in object", "ENOEXEC")
    mod_name = struct_module_name(info)
    if info.name is None:
        info.name = mod_name
    info.index.vers = 0 if flags & MODULE_INIT_IGNORE_MODVERSIONS else find_sec(info, "__versions")
    info.index.pcpu = find_sec(info, ".data..percpu") if smp else 0
    return mod_name


def rewrite_section_headers(info: LoadInfo, image_base: int) -> None:
    """sh_addr = address in the temporary copy; __versions and .modinfo stop being ALLOC."""
    info.sechdrs[0].sh_addr = 0
    for sh in info.sechdrs[1:]:
        sh.sh_addr = (image_base + sh.sh_offset) & ((1 << 64) - 1)
    info.sechdrs[info.index.vers].sh_flags &= ~SHF_ALLOC
    # the extended modversions tables (6.14+; index 0 when absent, whose flags mean nothing)
    info.sechdrs[info.index.vers_ext_crc].sh_flags &= ~SHF_ALLOC
    info.sechdrs[info.index.vers_ext_name].sh_flags &= ~SHF_ALLOC
    info.sechdrs[info.index.info].sh_flags &= ~SHF_ALLOC


def versions(info: LoadInfo) -> list[tuple[int, str]]:
    """(crc, name) records of __versions: 8-byte crc + 56-byte name each."""
    if not info.index.vers:
        return []
    sh = info.sechdrs[info.index.vers]
    count = sh.sh_size // 64
    if not count:
        return []
    records = np.frombuffer(info.data, _VERSION_DTYPE, count, sh.sh_offset)
    names = [raw.split(b"\0", 1)[0].decode("utf-8", "surrogateescape") for raw in records["name"].tolist()]
    return list(zip(records["crc"].tolist(), names))


_VERSION_DTYPE = np.dtype([("crc", "<u8"), ("name", "V56")])


def extended_versions(info: LoadInfo) -> list[tuple[int, str]]:
    """(crc, name) pairs of __version_ext_crcs and __version_ext_names (6.14+), in order;
    elf_validity_cache_index_versions made sure every CRC has its name."""
    if not info.index.vers_ext_crc:
        return []
    crcs = info.section_bytes(info.sechdrs[info.index.vers_ext_crc])
    names = info.section_bytes(info.sechdrs[info.index.vers_ext_name]).split(b"\0")
    count = len(crcs) // 4
    return [(int.from_bytes(crcs[4 * i:4 * i + 4], "little"), names[i].decode("utf-8", "surrogateescape"))
            for i in range(count)]


class ModuleCtx:
    """What the checks know about the module being loaded (``mod`` and ``info`` together)."""

    __slots__ = ("info", "mod_name", "taints", "using_gplonly", "log", "state", "versions", "extended_versions",
                 "modinfo")

    def __init__(self, info: LoadInfo, mod_name: str, state: KernelState, log: KernelLog):
        self.info = info
        self.mod_name = mod_name
        self.taints: set[str] = set()
        self.using_gplonly = False
        self.log = log
        self.state = state
        self.versions = {}
        #: the module carries extended version tables, which check_version relies on instead
        self.extended_versions = bool(info.index.vers_ext_crc)
        for crc, name in extended_versions(info) if self.extended_versions else versions(info):
            self.versions.setdefault(name, crc)
        self.modinfo = info.modinfo

    def add_taint(self, flag: str) -> None:
        self.taints.add(flag)
        self.state.taints.add(flag)

    def try_to_force_load(self, reason: str) -> bool:
        if not self.state.profile.config.module_force_load:
            return False
        if TAINT_FORCED_MODULE not in self.state.taints:
            self.log.warn(f"{self.mod_name}: {reason}: kernel tainted.")
        self.add_taint(TAINT_FORCED_MODULE)
        return True

    def check_version(self, symname: str, crc: int | None) -> bool:
        if crc is None:
            return True
        if self.extended_versions:
            if symname in self.versions:
                if self.versions[symname] == crc & 0xFFFFFFFF:
                    return True
                self.log.warn(f"{self.info.name}: disagrees about version of symbol {symname}")
                return False
            # unlike __versions, a name missing here is accepted (Debian's patch leaves it
            # alone); pr_warn_once: the first such symbol of the boot is the only one named
            if "noversion-ext" not in self.state.printed_once:
                self.state.printed_once.add("noversion-ext")
                self.log.warn(f"{self.info.name}: no extended symbol version for {symname}")
            return True
        if not self.info.index.vers:
            return self.try_to_force_load(symname)
        if symname in self.versions:
            if self.versions[symname] == crc & 0xFFFFFFFF:
                return True
            self.log.warn(f"{self.info.name}: disagrees about version of symbol {symname}")
            return False
        if self.state.profile.dialect.loader.missing_version_fatal:
            self.log.warn(f"{self.info.name}: no symbol version for {symname}")
            return False
        key = f"noversion:{symname}"
        if key not in self.state.printed_once:
            self.state.printed_once.add(key)
            self.log.warn(f"{self.info.name}: no symbol version for {symname}")
        return True


def check_modstruct_version(ctx: ModuleCtx) -> None:
    exp = ctx.state.profile.exports.get("module_layout")
    if exp is None:
        raise KernelError("kernel BUG: module_layout is not exported by this kernel profile", None, crash=True)
    before = len(ctx.log.lines)
    if not ctx.check_version("module_layout", exp.crc):
        # the refusal's own line, if the check printed one (a failed forced load is silent)
        raise KernelError(tuple(line.text for line in ctx.log.lines[before:]), "ENOEXEC", logged=True)


def same_magic(amagic: str, bmagic: str, has_crcs: bool) -> bool:
    if has_crcs:
        amagic = amagic[_strcspn_space(amagic):]
        bmagic = bmagic[_strcspn_space(bmagic):]
    return amagic == bmagic


def _strcspn_space(s: str) -> int:
    i = s.find(" ")
    return len(s) if i < 0 else i


def check_modinfo(ctx: ModuleCtx, flags: int) -> None:
    """6.1: vermagic, then the modinfo taints, livepatch among them."""
    check_vermagic(ctx, flags)
    taint_out_of_tree_retpoline_staging(ctx)
    check_livepatch_allowed(ctx)
    taint_livepatch(ctx)
    set_license(ctx, ctx.modinfo.get("license"))
    taint_test(ctx)


def check_modinfo_early(ctx: ModuleCtx, flags: int) -> None:
    """check_modinfo() of early_mod_check (6.4+): vermagic and livepatch support only; the taints
    come after allocation (:func:`module_augment_kernel_taints`)."""
    check_vermagic(ctx, flags)
    check_livepatch_allowed(ctx)


def module_augment_kernel_taints(ctx: ModuleCtx) -> None:
    """6.4+: every taint a module brings, in the kernel's order, once it has its memory."""
    state = ctx.state
    prev_taint = TAINT_PROPRIETARY_MODULE in state.taints
    taint_out_of_tree_retpoline_staging(ctx)
    taint_livepatch(ctx)
    set_license(ctx, ctx.modinfo.get("license"))
    taint_test(ctx)
    if state.profile.config.module_sig and not ctx.info.sig_ok:
        taint_unsigned(ctx)
    taint_license_offenders(ctx, prev_taint)


def check_vermagic(ctx: ModuleCtx, flags: int) -> None:
    info, profile = ctx.info, ctx.state.profile
    modmagic = None if flags & MODULE_INIT_IGNORE_VERMAGIC else ctx.modinfo.get("vermagic")
    if modmagic is None:
        if not ctx.try_to_force_load("bad vermagic"):
            raise KernelError((), "ENOEXEC")  # silent without CONFIG_MODULE_FORCE_LOAD
    elif not same_magic(modmagic, profile.vermagic, bool(info.index.vers)):
        raise KernelError(f"{info.name}: version magic '{modmagic}' should be '{profile.vermagic}'", "ENOEXEC")


def taint_out_of_tree_retpoline_staging(ctx: ModuleCtx) -> None:
    log = ctx.log
    if ctx.modinfo.get("intree") is None:
        if TAINT_OOT_MODULE not in ctx.state.taints:
            log.warn(f"{ctx.mod_name}: loading out-of-tree module taints kernel.")
        ctx.add_taint(TAINT_OOT_MODULE)
    if ctx.state.profile.config.retpoline and ctx.modinfo.get("retpoline") is None:
        # retpoline_module_ok(): only when the CPU needs the spectre v2 mitigation, assumed here
        log.err("System may be vulnerable to spectre v2")
        log.warn(f"{ctx.mod_name}: loading module not compiled with retpoline compiler.")
    if ctx.modinfo.get("staging") is not None:
        ctx.add_taint(TAINT_CRAP)
        log.warn(f"{ctx.mod_name}: module is from the staging directory, the quality is unknown, you have been warned.")


def check_livepatch_allowed(ctx: ModuleCtx) -> None:
    if ctx.modinfo.get("livepatch") is not None and not ctx.state.profile.config.livepatch:
        raise KernelError(
            f"{ctx.mod_name}: module is marked as livepatch module, but livepatch support is disabled", "ENOEXEC"
        )


def taint_livepatch(ctx: ModuleCtx) -> None:
    if ctx.modinfo.get("livepatch") is None:
        return
    ctx.add_taint(TAINT_LIVEPATCH)
    if "livepatch" not in ctx.state.printed_once:
        ctx.state.printed_once.add("livepatch")
        ctx.log.notice(f"{ctx.mod_name}: tainting kernel with TAINT_LIVEPATCH")


def taint_test(ctx: ModuleCtx) -> None:
    if ctx.modinfo.get("test") is not None:
        if TAINT_TEST not in ctx.state.taints:
            ctx.log.warn(f"{ctx.mod_name}: loading test module taints kernel.")
        ctx.add_taint(TAINT_TEST)


def taint_unsigned(ctx: ModuleCtx) -> None:
    """A module without a valid signature on a CONFIG_MODULE_SIG kernel (pr_notice_once)."""
    if "sig" not in ctx.state.printed_once:
        ctx.state.printed_once.add("sig")
        ctx.log.notice(f"{ctx.mod_name}: module verification failed: signature and/or required key missing - tainting kernel")
    ctx.add_taint(TAINT_UNSIGNED_MODULE)


def taint_license_offenders(ctx: ModuleCtx, prev_taint: bool) -> None:
    """ndiswrapper (GPL, loads proprietary code: the kernel is tainted, the module not),
    driverloader and lve (claim GPL, are not); then the warning if this load tainted the kernel."""
    state = ctx.state
    if ctx.mod_name == "ndiswrapper":
        state.taints.add(TAINT_PROPRIETARY_MODULE)
    if ctx.mod_name in ("driverloader", "lve"):
        ctx.add_taint(TAINT_PROPRIETARY_MODULE)
    if not prev_taint and TAINT_PROPRIETARY_MODULE in state.taints:
        ctx.log.warn(f"{ctx.mod_name}: module license taints kernel.")


def set_license(ctx: ModuleCtx, license: str | None) -> None:
    license = "unspecified" if license is None else license
    if license not in GPL_COMPATIBLE:
        if TAINT_PROPRIETARY_MODULE not in ctx.state.taints:
            ctx.log.warn(f"{ctx.mod_name}: module license '{license}' taints kernel.")
        ctx.add_taint(TAINT_PROPRIETARY_MODULE)


def import_namespaces(ctx: ModuleCtx) -> list[str]:
    return ctx.modinfo.all("import_ns")
