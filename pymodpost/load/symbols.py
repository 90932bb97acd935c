"""simplify_symbols() and resolve_symbol() (6.1): every symbol gets its final value.

Defined symbols move with their section; undefined ones are looked up among vmlinux's exports
and the loaded modules' exports (find_symbol order), subject to the GPL-only, version and
namespace checks.  Every unresolved symbol is reported before the load fails with the last error.
"""

from __future__ import annotations

import numpy as np

from pymodpost.errors import InputError
from pymodpost.load.checks import ModuleCtx, import_namespaces
from pymodpost.load.kallsyms import type_letters
from pymodpost.load.image import SHN_ABS, SHN_COMMON, SHN_LIVEPATCH, SHN_UNDEF, STB_WEAK, LoadInfo
from pymodpost.load.result import SymbolRecord
from pymodpost.load.state import TAINT_PROPRIETARY_MODULE

ENOENT, EINVAL, ENOEXEC = -2, -22, -8
ERRNO_NAME = {ENOENT: "ENOENT", EINVAL: "EINVAL", ENOEXEC: "ENOEXEC"}
U64 = (1 << 64) - 1


class SymbolTable:
    """The module's symbols after simplification, as the relocation drivers read them."""

    __slots__ = ("array", "_values", "_binds", "_names", "_info")

    def __init__(self, array: np.ndarray, binds: list[int], names: list[int], info: LoadInfo):
        #: the values as uint64, for the vectorised relocation path
        self.array = array
        self._values: list[int] | None = None
        self._binds = binds
        self._names = names
        self._info = info

    @property
    def values(self) -> list[int]:
        """The values as Python ints, for the per-entry drivers (made on first use)."""
        if self._values is None:
            self._values = self.array.tolist()
        return self._values

    def is_weak(self, index: int) -> bool:
        return self._binds[index] == STB_WEAK

    def name(self, index: int) -> str:
        return self._info.symbol_name(self._names[index])


def resolve_symbol(ctx: ModuleCtx, name: str) -> tuple[int | None, int, str]:
    """(value or None, error (0 = none), how): resolve_symbol_wait() without the waiting."""
    state = ctx.state
    gplok = TAINT_PROPRIETARY_MODULE not in ctx.taints
    found = state.find_symbol(name, gplok)
    if found is None:
        return None, 0, "unknown"
    exp, owner = found
    if exp.gpl_only:
        ctx.using_gplonly = True
    if owner is not None and TAINT_PROPRIETARY_MODULE in owner.taints:
        if ctx.using_gplonly:
            ctx.log.err(
                f"{ctx.mod_name}: module using GPL-only symbols uses symbols {name} from proprietary module {owner.name}."
            )
            return None, 0, "unknown"
        if TAINT_PROPRIETARY_MODULE not in ctx.taints:
            ctx.log.warn(
                f"{ctx.mod_name}: module uses symbols {name} from proprietary module {owner.name}, inheriting taint."
            )
            ctx.taints.add(TAINT_PROPRIETARY_MODULE)
    if not ctx.check_version(name, exp.crc):
        return None, EINVAL, "version"
    granted = state.profile.dialect.loader.module_namespaces and module_namespace_grants(exp.namespace, ctx.mod_name)
    if exp.namespace and not granted and exp.namespace not in import_namespaces(ctx):
        text = f"{ctx.mod_name}: module uses symbol ({name}) from namespace {exp.namespace}, but does not import it."
        if state.profile.config.allow_missing_namespace_imports:
            ctx.log.warn(text)
        else:
            ctx.log.err(text)
            return None, EINVAL, "namespace"
    if exp.addr is None:
        # not the kernel's answer: the profile lacks a kallsyms/System.map with this address
        raise InputError(state.profile.source or state.profile.name,
                         f"no address for exported symbol {name}: the profile needs a kallsyms capture")
    how = "kernel" if owner is None else f"module:{owner.name}"
    return exp.addr, 0, how


def module_namespace_grants(namespace: str, modname: str) -> bool:
    """verify_module_namespace() (6.16): does ``module:a,b*`` name this module?  Each name is
    compared as mod_strncmp does ('-' and '_' equal); a trailing '*' makes it a prefix."""
    prefix = "module:"
    if not namespace.startswith(prefix):
        return False

    def same(a: str, b: str, n: int) -> bool:
        for i in range(n):
            ca = a[i] if i < len(a) else "\0"
            cb = b[i] if i < len(b) else "\0"
            if (ca if ca != "-" else "_") != (cb if cb != "-" else "_"):
                return False
            if ca == "\0":
                break
        return True

    text = namespace
    at = len(prefix)
    while at < len(text):
        sep = text.find(",", at)
        sep = len(text) if sep < 0 else sep
        length = sep - at
        glob = text[sep - 1] == "*"  # the character before the separator, as the kernel reads it
        if glob:
            length -= 1
        if same(text[at:], modname, length) and (glob or length == len(modname)):
            return True
        at = sep + 1 if sep < len(text) else sep
    return False


def simplify_symbols(ctx: ModuleCtx, percpu_base: int, records: list[SymbolRecord] | None) -> tuple[SymbolTable, int]:
    """Returns the simplified table and the kernel's return value (0 or the last error)."""
    info = ctx.info
    syms = info.symbols()
    shnum = len(info.sechdrs)
    shndx = syms["st_shndx"]
    values = syms["st_value"].copy()
    # defined in a real section: st_value += that section's final (or temporary) address
    regular = (shndx != SHN_UNDEF) & (shndx < shnum)
    regular[:1] = False  # symbol 0 is never one; a slice, as a damaged symtab may be empty
    secbase = np.array([sh.sh_addr for sh in info.sechdrs], dtype=np.uint64)
    if info.index.pcpu:
        secbase[info.index.pcpu] = np.uint64(percpu_base)
    values[regular] = values[regular] + secbase[shndx[regular].astype(np.intp)]
    binds = (syms["st_info"] >> 4).tolist()
    names = syms["st_name"].tolist()
    how = ["section" if r else "" for r in regular.tolist()] if records is not None else None
    ret = 0
    arch_ignores = ctx.state.profile.arch.ignore_undefined
    # the symbols (after symbol 0) there is more to do for than add a section's address
    others = np.flatnonzero(~regular)[1:]
    todo = others.tolist()
    strtab = info.strtab_off
    for i, idx, name in zip(todo, shndx[others].tolist(), info.cstrs([strtab + names[i] for i in todo])):
        if idx == SHN_COMMON:
            if name.startswith("__gnu_lto"):
                kind = "ignored"
            else:
                ctx.log.warn(f"{ctx.mod_name}: please compile with -fno-common")
                ret = ENOEXEC
                kind = "common"
        elif idx in (SHN_ABS, SHN_LIVEPATCH):
            kind = "abs" if idx == SHN_ABS else "livepatch"
        elif idx == SHN_UNDEF:
            value, err, kind = resolve_symbol(ctx, name)
            if value is not None:
                values[i] = value
            elif err == 0 and (binds[i] == STB_WEAK or name in arch_ignores):
                kind = "weak-unresolved"
            else:
                err = err or ENOENT
                ctx.log.warn(f"{ctx.mod_name}: Unknown symbol {name} (err {err})")
                ret = err
        else:
            ctx.log.err(
                f"{ctx.mod_name}: Symbol {name} has an invalid section index {idx} (max {shnum - 1})"
            )
            ret = ENOEXEC
            kind = "bad-section"
        if how is not None:
            how[i] = kind
    if records is not None:
        vals = values.tolist()
        shndx_list = shndx.tolist()
        types = (syms["st_info"] & 0xF).tolist()
        letters = type_letters(info).tobytes().decode("latin-1")
        records.extend(
            SymbolRecord(i, info.symbol_name(names[i]), vals[i], shndx_list[i], binds[i], types[i],
                         how[i] or "null", letters[i])
            for i in range(len(vals))
        )
    return SymbolTable(values, binds, names, info), ret
