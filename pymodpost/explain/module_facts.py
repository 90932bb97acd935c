"""Facts about one module object that explanations and the walkthrough point at.

Given a ``.o`` or ``.ko`` it answers: where is symbol X referenced (function, section, offset,
relocation type), what does ``.modinfo`` say, which CRCs does ``__versions`` carry.  Everything is
read through :mod:`pymodpost.elf`; nothing is guessed from names.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cached_property

from pymodpost.arch.target import for_machine
from pymodpost.elf import constants as C

#: one __versions entry of a 64-bit kernel: unsigned long crc, then the name in the rest of 64 bytes
VERSION_ENTRY_SIZE = 64
#: the global aliases module_init()/module_exit() give the module's init and exit functions
MODULE_ENTRY_ALIASES = ("init_module", "cleanup_module")


@dataclass(frozen=True, slots=True)
class Site:
    """One relocation that refers to a symbol: where it sits and in which function."""

    section: str  #: the section being patched
    offset: int
    function: str | None  #: the defined symbol whose extent covers the offset, if any
    function_offset: int
    reloc_type: str
    symbol: str

    def describe(self) -> str:
        where = (f"{self.function}+{self.function_offset:#x}" if self.function
                 else f"offset {self.offset:#x}")
        return f"{where} in {self.section} ({self.reloc_type})"


class ModuleFacts:
    def __init__(self, path: str):
        from pymodpost.fileio import read_bytes

        self.path = path
        self.data = read_bytes(path)

    @cached_property
    def elf(self):
        """The parsed object; an ElfError for a file the reader refuses (explanations of format
        errors still work from the raw bytes)."""
        from pymodpost.elf import ElfFile

        return ElfFile(self.data, self.path)

    @property
    def arch(self) -> str | None:
        # e_machine straight from the header bytes: also for files whose ELF checks fail
        if len(self.data) < 20:
            return None
        order = "big" if self.data[5:6] == b"\x02" else "little"
        target = for_machine(int.from_bytes(self.data[18:20], order))
        return target.name if target else None

    @cached_property
    def modinfo(self) -> list[tuple[str, str]]:
        return self.elf.modinfo()

    def modinfo_values(self, key: str) -> list[str]:
        return [v for k, v in self.modinfo if k == key]

    @cached_property
    def versions(self) -> dict[str, int]:
        """``__versions``: symbol -> CRC, as modpost wrote them into the .mod.c."""
        sec = self.elf.section_by_name("__versions")
        if sec is None or sec.type == C.SHT_NOBITS:
            return {}
        data = self.elf.section_bytes(sec)
        fmt = "<Q" if self.elf.little else ">Q"
        out = {}
        for at in range(0, len(data) - VERSION_ENTRY_SIZE + 1, VERSION_ENTRY_SIZE):
            (crc,) = struct.unpack_from(fmt, data, at)
            name = data[at + 8:at + VERSION_ENTRY_SIZE].split(b"\0", 1)[0]
            out[name.decode("utf-8", "surrogateescape")] = crc
        return out

    @cached_property
    def _functions_by_section(self) -> dict[int, list[tuple[int, int, str]]]:
        """section index -> (start, end, name) of its defined FUNC/OBJECT symbols, sorted."""
        syms = self.elf.symtab
        out: dict[int, list[tuple[int, int, str]]] = {}
        if syms is None:
            return out
        for sym in syms:
            if sym.type in (C.STT_FUNC, C.STT_OBJECT) and sym.shndx not in (C.SHN_UNDEF,) \
                    and sym.shndx < len(self.elf.sections) and sym.name:
                out.setdefault(sym.shndx, []).append((sym.value, sym.value + max(sym.size, 1), sym.name))
        for entries in out.values():
            entries.sort()
        return out

    def enclosing(self, section: int, offset: int) -> tuple[str | None, int]:
        covering = [(start, name) for start, end, name in self._functions_by_section.get(section, ())
                    if start <= offset < end]
        if not covering:
            return None, offset
        start = max(s for s, _ in covering)
        names = [n for s, n in covering if s == start]
        # module_init()/module_exit() make init_module/cleanup_module aliases: name the real function
        real = [n for n in names if n not in MODULE_ENTRY_ALIASES]
        return (real or names)[0], offset - start

    def resolve(self, sym_index: int, addend: int) -> str:
        """The name a relocation refers to; a section symbol plus addend becomes the function or
        object at that place (as modpost names it in its messages)."""
        syms = self.elf.symtab
        if syms is None or sym_index >= len(syms):
            return str(sym_index)
        sym = syms[sym_index]
        if sym.type != C.STT_SECTION:
            return sym.name
        # PC-relative forms carry -4 (x86) so try the addend and the instruction end
        for guess in (addend, addend + 4):
            name, off = self.enclosing(sym.shndx, guess)
            if name is not None and off == 0:
                return name
        return self.section_name(sym.shndx)

    def references(self, symbol: str, in_section: str | None = None) -> list[Site]:
        """Every relocation naming ``symbol`` (optionally only those patching ``in_section``)."""
        syms = self.elf.symtab
        if syms is None:
            return []
        sites = []
        for relsec in self.elf.relocation_sections():
            if relsec.link != syms.section.index:
                continue
            rel = self.elf.relocations(relsec)
            target = rel.target_section
            if in_section is not None and target.name != in_section:
                continue
            type_names = rel.type_names()
            for i, (offset, sym, addend) in enumerate(zip(rel.offset.tolist(), rel.sym.tolist(),
                                                          rel.addend.tolist())):
                if self.resolve(sym, addend) == symbol:
                    function, foff = self.enclosing(target.index, offset)
                    sites.append(Site(target.name, offset, function, foff, type_names[i], symbol))
        return sites

    def relocations_of_type(self, rtype: int) -> list[Site]:
        """Every relocation of one numeric type, with the symbol it names."""
        sites = []
        for relsec in self.elf.relocation_sections():
            rel = self.elf.relocations(relsec)
            target = rel.target_section
            for offset, sym, typ, addend in zip(rel.offset.tolist(), rel.sym.tolist(),
                                                rel.type.tolist(), rel.addend.tolist()):
                if typ == rtype:
                    function, foff = self.enclosing(target.index, offset)
                    name = self.resolve(sym, addend)
                    sites.append(Site(target.name, offset, function, foff,
                                      C.reloc_type_name(self.elf.machine, typ), name))
        return sites

    def symbol(self, name: str):
        syms = self.elf.symtab
        if syms is None:
            return None
        index = syms.index_by_name().get(name)
        return None if index is None else syms[index]

    def section_name(self, index: int) -> str:
        if 0 < index < len(self.elf.sections):
            return self.elf.sections[index].name
        return "UND" if index == C.SHN_UNDEF else str(index)
