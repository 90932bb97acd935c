"""Independent readers used as oracles: pyelftools for every field, readelf for names as printed."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from elftools.elf.elffile import ELFFile as PyElf
from elftools.elf.relocation import RelocationSection
from elftools.elf.sections import SymbolTableSection

from pymodpost.elf import ElfFile


def compare_with_pyelftools(data: bytes) -> None:
    """Assert that our reader and pyelftools agree on every header, section, symbol and
    relocation field of ``data``."""
    ours = ElfFile(data)
    theirs = PyElf(io.BytesIO(data))
    h = theirs.header
    assert ours.elfclass == theirs.elfclass
    assert ours.little == theirs.little_endian
    assert ours.header.e_machine == _enum_value(theirs, "e_machine", h["e_machine"])
    assert ours.header.e_type == _enum_value(theirs, "e_type", h["e_type"])
    for field in ("e_entry", "e_phoff", "e_shoff", "e_flags", "e_ehsize", "e_phentsize",
                  "e_phnum", "e_shentsize"):
        assert getattr(ours.header, field) == h[field], field
    assert len(ours.sections) == theirs.num_sections()
    assert ours.header.e_shstrndx == theirs.get_shstrndx()
    for s, t in zip(ours.sections, theirs.iter_sections()):
        th = t.header
        assert s.name == t.name
        assert (s.type, s.flags, s.addr, s.offset, s.size, s.link, s.info, s.addralign,
                s.entsize, s.name_offset) == (
            _enum_value(theirs, "sh_type", th["sh_type"]), th["sh_flags"], th["sh_addr"],
            th["sh_offset"], th["sh_size"], th["sh_link"], th["sh_info"], th["sh_addralign"],
            th["sh_entsize"], th["sh_name"]), s.name
        if s.type not in (8, 0):  # NOBITS / NULL carry no bytes
            assert bytes(ours.section_data(s)) == t.data()
        if isinstance(t, SymbolTableSection) and s.type == 2:
            syms = ours.symbols(s)
            assert len(syms) == t.num_symbols()
            shndx = syms.shndx.tolist()
            for i, ts in enumerate(t.iter_symbols()):
                e = ts.entry
                o = syms[i]
                assert o.name == ts.name
                assert syms.names[i] == ts.name
                assert (o.value, o.size, o.visibility) == (e["st_value"], e["st_size"], _visibility(e))
                assert (o.bind, o.type) == (_info(theirs, e)), ts.name
                tsh = e["st_shndx"]
                if isinstance(tsh, str):
                    tsh = {"SHN_UNDEF": 0, "SHN_ABS": 0xFFF1, "SHN_COMMON": 0xFFF2}[tsh]
                assert shndx[i] == tsh == o.shndx
        if isinstance(t, RelocationSection):
            rel = ours.relocations(s)
            assert len(rel) == t.num_relocations()
            for i, tr in enumerate(t.iter_relocations()):
                o = rel[i]
                assert o.offset == tr["r_offset"]
                assert o.sym == tr["r_info_sym"]
                assert o.type == tr["r_info_type"]
                assert o.addend == (tr["r_addend"] if t.is_RELA() else 0)


def _enum_value(elf: PyElf, field: str, value):
    """pyelftools turns known numbers into names; map them back through its own tables."""
    if isinstance(value, int):
        return value
    from elftools.elf import enums
    table = {"e_machine": enums.ENUM_E_MACHINE, "e_type": enums.ENUM_E_TYPE}.get(field)
    if field == "sh_type":
        for t in (enums.ENUM_SH_TYPE_BASE, enums.ENUM_SH_TYPE_AMD64, enums.ENUM_SH_TYPE_RISCV,
                  getattr(enums, "ENUM_SH_TYPE_ARM", {}), getattr(enums, "ENUM_SH_TYPE_MIPS", {})):
            if value in t:
                return t[value]
    return table[value]


def _info(elf: PyElf, entry) -> tuple[int, int]:
    from elftools.elf import enums
    bind, typ = entry["st_info"]["bind"], entry["st_info"]["type"]
    b = bind if isinstance(bind, int) else enums.ENUM_ST_INFO_BIND[bind]
    t = typ if isinstance(typ, int) else enums.ENUM_ST_INFO_TYPE[typ]
    return b, t


def _visibility(entry) -> int:
    """st_other's visibility bits (pyelftools splits st_other into named parts)."""
    from elftools.elf import enums
    vis = entry["st_other"]["visibility"]
    return vis if isinstance(vis, int) else enums.ENUM_ST_VISIBILITY[vis]


_RELOC_LINE = re.compile(r"^([0-9a-f]{8,16})\s+([0-9a-f]{8,16})\s+(\S+(?: \S+)?)")


def readelf_relocation_names(path: Path) -> dict[str, list[str]]:
    """Relocation section name -> type names, in order, as ``readelf -rW`` prints them."""
    out = subprocess.run(["readelf", "-rW", str(path)], capture_output=True, text=True,
                         check=True).stdout
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in out.splitlines():
        m = re.match(r"^Relocation section '([^']*)'", line)
        if m:
            current = sections.setdefault(m.group(1), [])
            continue
        m = _RELOC_LINE.match(line)
        if m and current is not None:
            name = m.group(3)
            if name.startswith("unrecognized:"):
                name = "unrecognized: " + line.split("unrecognized:")[1].split()[0]
            else:
                name = name.split()[0]
            current.append(name)
    return sections
