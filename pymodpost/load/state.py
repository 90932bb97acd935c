"""The simulated kernel's state across loads: the profile, loaded modules, global taints.

``find_symbol`` follows 6.1's order: vmlinux's ``__ksymtab`` then ``__ksymtab_gpl``, then every
loaded module, newest first, its plain exports before its GPL-only ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pymodpost.kernel.profile import Export, KernelProfile

TAINT_PROPRIETARY_MODULE = "P"
TAINT_FORCED_MODULE = "F"
TAINT_CRAP = "C"
TAINT_OOT_MODULE = "O"
TAINT_UNSIGNED_MODULE = "E"
TAINT_LIVEPATCH = "K"
TAINT_TEST = "N"

#: /proc/sys/kernel/tainted bit order, for printing taint strings as the kernel does
TAINT_ORDER = "PFSRMBUDAWCIOELKXTN"


@dataclass(slots=True)
class LoadedModule:
    name: str
    exports: dict[str, Export]
    taints: set[str] = field(default_factory=set)
    core_base: int = 0
    core_size: int = 0
    #: 6.14+ x86_64: end of its core text in the ROX cache (None: no text there)
    text_end: int | None = None


@dataclass(slots=True)
class KernelState:
    profile: KernelProfile
    modules: list[LoadedModule] = field(default_factory=list)  #: newest first, like the modules list
    taints: set[str] = field(default_factory=set)
    #: messages printed with pr_*_once that have been printed already
    printed_once: set[str] = field(default_factory=set)
    #: export name -> (export, owner); one owner per name, since duplicates are refused at load
    _exports: dict[str, tuple[Export, LoadedModule]] = field(default_factory=dict, repr=False)
    _by_name: dict[str, LoadedModule] = field(default_factory=dict, repr=False)

    def add_module(self, mod: LoadedModule) -> None:
        self.modules.insert(0, mod)
        self._by_name[mod.name] = mod
        for name, exp in mod.exports.items():
            self._exports.setdefault(name, (exp, mod))

    def remove_module(self, name: str) -> LoadedModule:
        """free_module(): the module leaves the list (and its exports go with it) -- as after
        its init failed, which the simulator does not run: the caller says so.  Its memory is
        free again, so the next module goes where the one loaded before it would have put it."""
        mod = self._by_name.pop(name)
        self.modules.remove(mod)
        for export in mod.exports:
            if self._exports.get(export, (None, None))[1] is mod:
                del self._exports[export]
        return mod

    def find_symbol(self, name: str, gplok: bool) -> tuple[Export, LoadedModule | None] | None:
        exp = self.profile.exports.get(name)
        if exp is not None and (gplok or not exp.gpl_only):
            return exp, None
        found = self._exports.get(name)
        if found is not None and (gplok or not found[0].gpl_only):
            return found
        return None

    def module(self, name: str) -> LoadedModule | None:
        return self._by_name.get(name)


def taint_string(taints: set[str]) -> str:
    return "".join(c for c in TAINT_ORDER if c in taints)
