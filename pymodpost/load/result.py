"""What a simulated load produces: plain dataclasses the CLI, walkthrough and tests share."""

from __future__ import annotations

from dataclasses import dataclass, field

from pymodpost.arch.common import RelocRecord
from pymodpost.errors import KernelError
from pymodpost.load.log import LogLine


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One named load_module step and what it found or decided."""

    name: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PlacedSection:
    index: int
    name: str
    addr: int
    size: int
    sh_type: int
    sh_flags: int
    init: bool  #: in the init allocation (freed after init)
    offset: int  #: offset inside its allocation
    region: str = ""  #: the allocation: "core"/"init" (6.1) or a mem[] type ("text", "rodata", ...)


@dataclass(slots=True)
class MemoryRegion:
    """One allocation of module memory (6.4+: one per non-empty mem[] type)."""

    name: str  #: "text", "data", "rodata", "ro_after_init", "init_text", "init_data", "init_rodata"
    base: int
    data: bytearray = field(repr=False)
    init: bool = False  #: freed after the module's init


@dataclass(frozen=True, slots=True)
class SymbolRecord:
    index: int
    name: str
    value: int  #: st_value after simplify_symbols
    shndx: int
    bind: int
    type: int
    how: str  #: "section", "kernel", "module:<name>", "weak-unresolved", "abs", "ignored", "unknown", ...
    letter: str = "?"  #: its /proc/kallsyms type letter


@dataclass(frozen=True, slots=True)
class RelocSection:
    index: int  #: the relocation section
    name: str
    target: int  #: the section it patches
    records: tuple[RelocRecord, ...]


@dataclass(slots=True)
class Layout:
    """Sizes the layout step computed (core_layout / init_layout)."""

    core_size: int = 0
    core_text_size: int = 0
    core_ro_size: int = 0
    core_ro_after_init_size: int = 0
    init_size: int = 0
    init_text_size: int = 0
    init_ro_size: int = 0
    init_ro_after_init_size: int = 0
    symoffs: int = 0
    stroffs: int = 0
    core_typeoffs: int = 0
    mod_kallsyms_init_off: int = 0
    init_typeoffs: int = 0
    core_symbols: int = 0  #: symbols kept for kallsyms after init


@dataclass(slots=True)
class LoadResult:
    path: str
    name: str | None = None
    arch: str = ""
    steps: list[StepRecord] = field(default_factory=list)
    log: list[LogLine] = field(default_factory=list)
    error: KernelError | None = None
    layout: Layout = field(default_factory=Layout)
    core_base: int = 0
    init_base: int = 0
    sections: list[PlacedSection] = field(default_factory=list)
    symbols: list[SymbolRecord] = field(default_factory=list)
    relocations: list[RelocSection] = field(default_factory=list)
    taints: str = ""
    core: bytearray = field(default_factory=bytearray, repr=False)
    init: bytearray = field(default_factory=bytearray, repr=False)
    got_plt: dict[str, int] = field(default_factory=dict)  #: riscv: entries used per table
    exports: list[str] = field(default_factory=list)
    #: symbol indices kept in the core symbol table (what /proc/kallsyms lists after init)
    core_symbols: list[int] = field(default_factory=list)
    #: 6.4+: each mem[] allocation (core/init above are then unused)
    regions: list[MemoryRegion] = field(default_factory=list)
    #: 6.14+ x86_64: end of the module's core text in the ROX cache (0: none there)
    text_end: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None

    def section(self, name: str) -> PlacedSection | None:
        for s in self.sections:
            if s.name == name:
                return s
        return None

    def section_bytes(self, sec: PlacedSection) -> bytes:
        """The section's bytes in module memory (NOBITS sections read as move_module's zeroes)."""
        if self.regions:
            # an empty section of a type with nothing else was not allocated (base NULL)
            region = next((r.data for r in self.regions if r.name == sec.region), bytearray())
        else:
            region = self.init if sec.init else self.core
        return bytes(region[sec.offset:sec.offset + sec.size])

    def region_bytes(self) -> list[tuple[int, bytearray]]:
        """(base, bytes) of every allocation: the mem[] regions, or 6.1's core and init."""
        if self.regions:
            return [(r.base, r.data) for r in self.regions]
        return [(b, m) for b, m in ((self.core_base, self.core), (self.init_base, self.init)) if len(m)]
