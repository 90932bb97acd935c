"""modpost's in-memory world: modules, their exported and unresolved symbols, the export table.

Mirrors ``struct module`` and ``struct symbol`` of scripts/mod/modpost.c (6.1 to 7.3).  The export
hash there returns the *most recently added* export of a name (new entries go to the head of a
bucket), so :class:`ExportTable` keeps, per name, the exports in the order they were added and
searches from the newest.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, eq=False)
class Symbol:
    name: str
    module: "Module | None" = None
    namespace: str | None = None
    crc: int = 0
    crc_valid: bool = False
    weak: bool = False
    is_gpl_only: bool = False
    #: an exported function rather than data (KSYMTAB_FUNC vs KSYMTAB_DATA, 6.5+)
    is_func: bool = False
    #: some module uses this export, or -u lists it (what -t keeps, 6.5+)
    used: bool = False


@dataclass(slots=True, eq=False)
class Module:
    name: str
    is_vmlinux: bool = False
    from_dump: bool = False
    has_init: bool = False
    has_cleanup: bool = False
    is_gpl_compatible: bool = True
    seen: bool = False
    exported_symbols: list[Symbol] = field(default_factory=list)
    unresolved_symbols: list[Symbol] = field(default_factory=list)
    imported_namespaces: list[str] = field(default_factory=list)
    missing_namespaces: list[str] = field(default_factory=list)
    #: MODULE_ALIAS lines from device tables, in discovery order (6.1-6.12)
    dev_table_buf: list[str] = field(default_factory=list)
    #: 7.3's alias list from device tables, without repeats, in discovery order: alias -> the
    #: built-in module it belongs to (vmlinux only; None for a loadable module's)
    aliases: dict[str, str | None] = field(default_factory=dict)
    srcversion: str = ""
    #: the object file it was read from ("" for modules that come from a dump)
    object_path: str = ""
    #: the -i file a dump module came from (7.3 keeps same-named modules of two dumps apart)
    dump_file: str = ""
    #: names listed in the object's .no_trim_symbol section (7.3)
    no_trim_symbols: list[str] = field(default_factory=list)

    @property
    def basename(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    # Modules travel from worker processes back to the main one (parallel.py); their unresolved
    # symbols are then still bare names, sent as a list of names and the positions of the weak
    # ones rather than as objects (the main process rebuilds ~100,000 of them, so cheaply).
    def __getstate__(self):
        state = {f: getattr(self, f) for f in self.__slots__}
        unresolved = self.unresolved_symbols
        if all(s.module is None and not s.crc_valid and s.namespace is None and not s.crc
               and not s.is_gpl_only for s in unresolved):
            state["unresolved_symbols"] = ("bare", [s.name for s in unresolved],
                                           [k for k, s in enumerate(unresolved) if s.weak])
        return state

    def __setstate__(self, state):
        unresolved = state["unresolved_symbols"]
        if isinstance(unresolved, tuple) and unresolved and unresolved[0] == "bare":
            _, names, weak = unresolved
            symbols = state["unresolved_symbols"] = list(map(Symbol, names))
            for k in weak:
                symbols[k].weak = True
        for f, v in state.items():
            object.__setattr__(self, f, v)


def add_namespace(namespaces: list[str], namespace: str) -> None:
    if namespace not in namespaces:
        namespaces.append(namespace)


class ExportTable:
    """All exports by name; lookups see the most recent one, as modpost's hash chains do."""

    __slots__ = ("_by_name",)

    def __init__(self) -> None:
        self._by_name: dict[str, list[Symbol]] = {}

    def add(self, sym: Symbol) -> None:
        chain = self._by_name.get(sym.name)
        if chain is None:
            self._by_name[sym.name] = [sym]
        else:
            chain.append(sym)

    @property
    def chains(self) -> dict[str, list[Symbol]]:
        """name -> its exports, oldest first (read-only use: the hot lookup loops)."""
        return self._by_name

    def latest(self, name: str) -> Symbol | None:
        """The most recent export of exactly ``name`` (no leading-dot rule)."""
        chain = self._by_name.get(name)
        return chain[-1] if chain else None

    def find(self, name: str, module: Module | None = None) -> Symbol | None:
        """sym_find_with_module(): ``.foo`` matches ``foo`` (PPC64)."""
        if name.startswith("."):
            name = name[1:]
        chain = self._by_name.get(name)
        if not chain:
            return None
        if module is None:
            return chain[-1]
        for sym in reversed(chain):
            if sym.module is module:
                return sym
        return None
