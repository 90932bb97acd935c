"""One structural mutation engine for every fuzzed entry point.

Seeds are the committed real-tool fixtures (kbuild objects, linked ``.ko`` files, Module.symvers
files).  A mutation is chosen and applied with a :class:`random.Random`, so a case is fully
named by ``(entry, seed, case number)`` and can be replayed; the hypothesis tests and the long
campaign (bench/fuzz_campaign.py) draw from the same mutators.

The ELF mutators know where the structures are (header fields, section headers, symbols,
relocations, string tables, ``.modinfo``) and break one thing the way malformed files in the
wild are broken; they read the layout with :mod:`struct` directly rather than through
pymodpost.elf, because the file may already be damaged by an earlier mutation in the chain.
"""

from __future__ import annotations

import random
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable

from tests.conftest import TESTDATA

ARCHES = ("x86_64", "riscv64")

#: values that tend to hit boundary conditions in offsets, sizes, counts and indices
INTERESTING = (0, 1, 2, 7, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
               0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 1 << 32, 1 << 40, (1 << 63) - 1, 1 << 63,
               (1 << 64) - 1)

SHT_SYMTAB, SHT_STRTAB, SHT_RELA, SHT_NOBITS, SHT_REL = 2, 3, 4, 8, 9


# --- seeds -----------------------------------------------------------------------------------
def _fixture_files(pattern: str) -> list[Path]:
    return sorted(p for arch in ARCHES for p in (TESTDATA / arch).glob(pattern) if p.is_file())


@cache
def seed_objects() -> tuple[Path, ...]:
    """kbuild objects modpost reads (``<name>/<name>.o``; not the ``.mod.o`` of the link)."""
    return tuple(p for p in _fixture_files("*/*.o") if not p.name.endswith(".mod.o")
                 and p.stem == p.parent.name)


@cache
def seed_link_pairs() -> tuple[tuple[Path, Path, str], ...]:
    """(module object, its .mod.o, arch) as kbuild links them into the ``.ko``."""
    pairs = []
    for obj in seed_objects():
        mod_o = obj.with_suffix(".mod.o")
        if mod_o.is_file():
            pairs.append((obj, mod_o, obj.parent.parent.name))
    return tuple(pairs)


@cache
def seed_modules() -> tuple[Path, ...]:
    return tuple(_fixture_files("*/*.ko"))


@cache
def seed_symvers() -> tuple[Path, ...]:
    """Non-empty Module.symvers files written by real modpost, plus a slice of the kernel's."""
    return tuple(p for p in _fixture_files("*/Module.symvers") if p.stat().st_size)


@cache
def kernel_symvers_head(arch: str = "x86_64", lines: int = 200) -> bytes:
    import lzma

    text = lzma.decompress((TESTDATA / "kernels" / arch / "Module.symvers.xz").read_bytes())
    return b"".join(text.splitlines(keepends=True)[:lines])


@cache
def read_seed(path: Path) -> bytes:
    return path.read_bytes()


# --- reading the layout of a possibly damaged ELF file ----------------------------------------
@dataclass(frozen=True, slots=True)
class Section:
    index: int
    header_at: int  # file offset of this section header
    type: int
    offset: int
    size: int
    link: int
    info: int
    entsize: int


@dataclass(frozen=True, slots=True)
class Layout:
    is64: bool
    endian: str  # "<" or ">"
    sections: tuple[Section, ...]

    # field name -> (offset in the ELF header, struct code), per class
    def header_field(self, name: str) -> tuple[int, str]:
        table64 = {"e_machine": (0x12, "H"), "e_shoff": (0x28, "Q"), "e_shentsize": (0x3A, "H"),
                   "e_shnum": (0x3C, "H"), "e_shstrndx": (0x3E, "H"), "e_ehsize": (0x34, "H")}
        table32 = {"e_machine": (0x12, "H"), "e_shoff": (0x20, "I"), "e_shentsize": (0x2E, "H"),
                   "e_shnum": (0x30, "H"), "e_shstrndx": (0x32, "H"), "e_ehsize": (0x28, "H")}
        return (table64 if self.is64 else table32)[name]

    def section_field(self, name: str) -> tuple[int, str]:
        if self.is64:
            table = {"name": (0, "I"), "type": (4, "I"), "flags": (8, "Q"), "offset": (0x18, "Q"),
                     "size": (0x20, "Q"), "link": (0x28, "I"), "info": (0x2C, "I"),
                     "addralign": (0x30, "Q"), "entsize": (0x38, "Q")}
        else:
            table = {"name": (0, "I"), "type": (4, "I"), "flags": (8, "I"), "offset": (0x10, "I"),
                     "size": (0x14, "I"), "link": (0x18, "I"), "info": (0x1C, "I"),
                     "addralign": (0x20, "I"), "entsize": (0x24, "I")}
        return table[name]

    def of_type(self, *types: int) -> list[Section]:
        return [s for s in self.sections if s.type in types]

    def in_file(self, s: Section, data: bytes) -> bool:
        return s.type != SHT_NOBITS and s.size and s.offset + s.size <= len(data)


def layout(data: bytes | bytearray) -> Layout | None:
    """The section table as far as it can be read, or None when the header is unusable."""
    if len(data) < 52 or data[:4] != b"\x7fELF" or data[4] not in (1, 2) or data[5] not in (1, 2):
        return None
    is64, endian = data[4] == 2, "<" if data[5] == 1 else ">"
    if is64 and len(data) < 64:
        return None
    lay = Layout(is64, endian, ())
    get = lambda name: struct.unpack_from(endian + lay.header_field(name)[1], data, lay.header_field(name)[0])[0]
    shoff, shnum, shentsize = get("e_shoff"), get("e_shnum"), get("e_shentsize")
    want = 64 if is64 else 40
    if shentsize != want or shnum == 0 or shoff + shnum * want > len(data):
        return lay
    fmt = endian + ("IIQQQQIIQQ" if is64 else "IIIIIIIIII")
    sections = []
    for i in range(shnum):
        at = shoff + i * want
        name, typ, flags, addr, off, size, link, info, align, entsize = struct.unpack_from(fmt, data, at)
        sections.append(Section(i, at, typ, off, size, link, info, entsize))
    return Layout(is64, endian, tuple(sections))


def _pack(data: bytearray, at: int, code: str, endian: str, value: int) -> None:
    width = struct.calcsize(code)
    if 0 <= at and at + width <= len(data):
        struct.pack_into(endian + code, data, at, value & ((1 << (8 * width)) - 1))


def _value(rng: random.Random, near: int = 0) -> int:
    """An interesting value, or one just around ``near`` (a size or count of the file)."""
    if near and rng.random() < 0.4:
        return max(0, near + rng.randint(-2, 64))
    return rng.choice(INTERESTING) if rng.random() < 0.8 else rng.getrandbits(rng.choice((8, 16, 32, 64)))


# --- mutators: each takes (rng, data, layout) and edits data in place --------------------------
Mutator = Callable[[random.Random, bytearray, "Layout | None"], None]
ELF_MUTATORS: dict[str, Mutator] = {}


def _elf(fn: Mutator) -> Mutator:
    ELF_MUTATORS[fn.__name__] = fn
    return fn


@_elf
def truncate(rng, data, lay):
    cut = rng.randrange(len(data) + 1) if rng.random() < 0.7 else rng.randrange(min(len(data), 128) + 1)
    del data[cut:]


@_elf
def bit_flips(rng, data, lay):
    for _ in range(rng.randint(1, 12)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


@_elf
def word_set(rng, data, lay):
    """An aligned 1/2/4/8-byte word anywhere set to an interesting value."""
    width = rng.choice((1, 2, 4, 8))
    if len(data) > width:
        at = rng.randrange(len(data) - width) & ~(width - 1)
        _pack(data, at, {1: "B", 2: "H", 4: "I", 8: "Q"}[width], "<", _value(rng, len(data)))


@_elf
def header_field(rng, data, lay):
    """e_shoff / e_shnum / e_shstrndx / e_shentsize / e_ehsize out of range or absurd."""
    if lay is None:
        return bit_flips(rng, data, lay)
    name = rng.choice(("e_shoff", "e_shoff", "e_shnum", "e_shnum", "e_shstrndx", "e_shstrndx",
                       "e_shentsize", "e_ehsize"))
    at, code = lay.header_field(name)
    near = {"e_shoff": len(data), "e_shnum": len(lay.sections), "e_shstrndx": len(lay.sections)}.get(name, 0)
    _pack(data, at, code, lay.endian, _value(rng, near))


@_elf
def identity(rng, data, lay):
    """Wrong e_machine, ELF class, byte order, version or magic."""
    choice = rng.randrange(5)
    if len(data) < 20:
        return
    if choice == 0 and lay is not None:
        at, code = lay.header_field("e_machine")
        _pack(data, at, code, lay.endian, rng.choice((0, 3, 8, 40, 62, 183, 243, 0xFFFF)))
    elif choice == 1:
        data[4] = rng.choice((0, 1, 2, 3, 0xFF))
    elif choice == 2:
        data[5] = rng.choice((0, 1, 2, 3, 0xFF))
    elif choice == 3:
        data[6] = rng.choice((0, 2, 0xFF))
    else:
        data[rng.randrange(4)] ^= 0xFF


def _pick(rng: random.Random, sections: list[Section]) -> Section | None:
    return rng.choice(sections) if sections else None


def _set_section(data, lay: Layout, sec: Section, field: str, value: int) -> None:
    off, code = lay.section_field(field)
    _pack(data, sec.header_at + off, code, lay.endian, value)


@_elf
def section_extent(rng, data, lay):
    """sh_offset / sh_size past the end of the file, or wrapping around."""
    sec = _pick(rng, list(lay.sections[1:])) if lay else None
    if sec is None:
        return bit_flips(rng, data, lay)
    field = rng.choice(("offset", "size"))
    other = sec.size if field == "offset" else sec.offset
    value = rng.choice((len(data) - other + rng.randint(1, 16), len(data) + 1, _value(rng, len(data)),
                        (1 << 64) - other + rng.randint(0, 8)))
    _set_section(data, lay, sec, field, value)


@_elf
def section_links(rng, data, lay):
    """sh_link / sh_info pointing nowhere, at themselves, or at the wrong kind of section."""
    sec = _pick(rng, list(lay.sections[1:])) if lay else None
    if sec is None:
        return bit_flips(rng, data, lay)
    n = len(lay.sections)
    value = rng.choice((0, sec.index, n, n + 1, rng.randrange(n), 0xFFFF, 0xFFFFFFFF, _value(rng, n)))
    _set_section(data, lay, sec, rng.choice(("link", "info")), value)


@_elf
def section_shape(rng, data, lay):
    """Type, entsize, alignment or flags of a section changed; huge counts via entsize 0/1."""
    sec = _pick(rng, list(lay.sections[1:])) if lay else None
    if sec is None:
        return bit_flips(rng, data, lay)
    field = rng.choice(("type", "entsize", "entsize", "addralign", "flags", "name"))
    value = {"type": lambda: rng.choice((0, 1, 2, 3, 4, 8, 9, 11, 17, 18, 0x6FFFFFF5, 0x70000003)),
             "entsize": lambda: rng.choice((0, 1, 8, 16, 23, 24, 25, 0xFFFFFFFF, 1 << 63)),
             "addralign": lambda: rng.choice((0, 3, 1 << 12, 1 << 31, 1 << 63)),
             "flags": lambda: rng.getrandbits(16),
             "name": lambda: _value(rng)}[field]()
    _set_section(data, lay, sec, field, value)


@_elf
def overlap(rng, data, lay):
    """One section's contents placed on top of another's (or on the headers)."""
    secs = [s for s in lay.sections[1:] if s.type != SHT_NOBITS] if lay else []
    if len(secs) < 2:
        return bit_flips(rng, data, lay)
    a, b = rng.sample(secs, 2)
    _set_section(data, lay, a, "offset", rng.choice((b.offset, b.offset + 1, 0, a.header_at)))
    if rng.random() < 0.5:
        _set_section(data, lay, a, "size", b.size)


def _entries(lay: Layout, sec: Section, data, size64: int, size32: int):
    """File offsets of a table's entries that lie inside the file."""
    step = size64 if lay.is64 else size32
    if not lay.in_file(sec, data):
        return []
    return list(range(sec.offset, sec.offset + sec.size - step + 1, step))


@_elf
def symbol_fields(rng, data, lay):
    """st_shndx / st_name out of range (or SHN_XINDEX without a table), st_info garbled."""
    symtab = _pick(rng, lay.of_type(SHT_SYMTAB)) if lay else None
    spots = _entries(lay, symtab, data, 24, 16) if symtab else []
    if not spots:
        return bit_flips(rng, data, lay)
    at = rng.choice(spots[1:] or spots)
    n = len(lay.sections)
    field = rng.choice(("shndx", "shndx", "name", "name", "info", "value"))
    if field == "shndx":
        _pack(data, at + (6 if lay.is64 else 14), "H", lay.endian,
              rng.choice((n, n + 1, 0xFEFF, 0xFF00, 0xFFF1, 0xFFF2, 0xFFFF, rng.randrange(n))))
    elif field == "name":
        strtab = lay.sections[symtab.link] if symtab.link < n else symtab
        _pack(data, at, "I", lay.endian, rng.choice((strtab.size, strtab.size - 1, strtab.size + 1,
                                                     0xFFFFFFFF, _value(rng, strtab.size))))
    elif field == "info":
        data[at + (4 if lay.is64 else 12)] = rng.getrandbits(8)
    else:
        _pack(data, at + (8 if lay.is64 else 4), "Q" if lay.is64 else "I", lay.endian, _value(rng))


@_elf
def relocation_fields(rng, data, lay):
    """r_offset past its section, symbol index past the symtab, unknown type, wild addend."""
    rel = _pick(rng, lay.of_type(SHT_RELA, SHT_REL)) if lay else None
    if rel is None:
        return bit_flips(rng, data, lay)
    is_rela = rel.type == SHT_RELA
    spots = _entries(lay, rel, data, 24 if is_rela else 16, 12 if is_rela else 8)
    if not spots:
        return bit_flips(rng, data, lay)
    at = rng.choice(spots)
    n = len(lay.sections)
    target = lay.sections[rel.info] if rel.info < n else None
    symtab = lay.sections[rel.link] if rel.link < n else None
    nsyms = symtab.size // (24 if lay.is64 else 16) if symtab else 0
    word = "Q" if lay.is64 else "I"
    wsize = 8 if lay.is64 else 4
    field = rng.choice(("offset", "offset", "symbol", "symbol", "type", "addend"))
    if field == "offset":
        tsize = target.size if target else 0
        _pack(data, at, word, lay.endian, rng.choice((tsize, tsize - 1, tsize - 3, tsize + 8, _value(rng, tsize))))
    elif field in ("symbol", "type"):
        (info,) = struct.unpack_from(lay.endian + word, data, at + wsize)
        if lay.is64:
            sym, typ = info >> 32, info & 0xFFFFFFFF
        else:
            sym, typ = info >> 8, info & 0xFF
        if field == "symbol":
            sym = rng.choice((nsyms, nsyms + 1, 0xFFFFFF, 0xFFFFFFFF, 0, _value(rng, nsyms)))
        else:
            typ = rng.choice((0, 1, 2, 10, 11, 42, 43, 60, 255, 0xFFFF, rng.getrandbits(32)))
        info = (sym << 32 | (typ & 0xFFFFFFFF)) if lay.is64 else (sym << 8 | (typ & 0xFF))
        _pack(data, at + wsize, word, lay.endian, info)
    elif is_rela:
        _pack(data, at + 2 * wsize, word, lay.endian, _value(rng))


@_elf
def strings_without_nul(rng, data, lay):
    """A string table (or its last byte) with its NULs overwritten."""
    secs = [s for s in lay.of_type(SHT_STRTAB) if lay.in_file(s, data)] if lay else []
    sec = _pick(rng, secs)
    if sec is None:
        return bit_flips(rng, data, lay)
    end = sec.offset + sec.size
    if rng.random() < 0.5:
        data[end - 1] = ord("x")
    else:
        start = rng.randrange(sec.offset, end)
        for i in range(start, min(end, start + rng.randint(1, 256))):
            if data[i] == 0:
                data[i] = ord("A")


def _section_named(data, lay: Layout, name: bytes) -> Section | None:
    if not lay or not lay.sections:
        return None
    at, code = lay.header_field("e_shstrndx")
    (strndx,) = struct.unpack_from(lay.endian + code, data, at)
    if strndx >= len(lay.sections) or not lay.in_file(lay.sections[strndx], data):
        return None
    names = lay.sections[strndx]
    off_code = lay.section_field("name")[1]
    for s in lay.sections:
        (noff,) = struct.unpack_from(lay.endian + off_code, data, s.header_at)
        at = names.offset + noff
        if data[at:at + len(name) + 1] == name + b"\0":
            return s
    return None


@_elf
def modinfo_damage(rng, data, lay):
    """.modinfo without its terminators, with a key lost, or cut short."""
    sec = _section_named(data, lay, b".modinfo")
    if sec is None or not lay.in_file(sec, data):
        return bit_flips(rng, data, lay)
    end = sec.offset + sec.size
    choice = rng.randrange(4)
    if choice == 0:  # no NUL at all
        for i in range(sec.offset, end):
            if data[i] == 0:
                data[i] = ord(rng.choice("=x"))
    elif choice == 1:  # the last entry runs to the end of the section
        data[end - 1] = ord("x")
    elif choice == 2:  # an '=' removed or added
        i = rng.randrange(sec.offset, end)
        data[i] = ord("=") if data[i] != ord("=") else ord("_")
    else:
        _set_section(data, lay, sec, "size", rng.randrange(sec.size + 1))


#: how often each mutator is chosen (structural ones more than blind ones)
ELF_WEIGHTS = {name: 1 for name in ELF_MUTATORS}
ELF_WEIGHTS.update(truncate=2, bit_flips=2, section_extent=2, section_links=2, symbol_fields=2,
                   relocation_fields=3)


def mutate_elf(rng: random.Random, data: bytes, *, steps: int | None = None,
               names: tuple[str, ...] | None = None) -> tuple[bytes, list[str]]:
    """``data`` with 1-3 mutations applied; returns the bytes and the mutator names used."""
    blob = bytearray(data)
    pool = list(names or ELF_MUTATORS)
    weights = [ELF_WEIGHTS[n] for n in pool]
    used = []
    for _ in range(steps or rng.choice((1, 1, 1, 2, 3))):
        name = rng.choices(pool, weights)[0]
        ELF_MUTATORS[name](rng, blob, layout(blob))
        used.append(name)
    return bytes(blob), used


# --- Module.symvers text mutations -------------------------------------------------------------
def mutate_symvers(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """Lines with missing, extra, empty or garbled columns; no final newline; odd bytes."""
    lines = data.split(b"\n")
    used = []
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        cols = lines[i].split(b"\t")
        kind = rng.choice(("drop", "extra", "empty", "garble", "crc", "export", "bytes", "join", "cut"))
        used.append(kind)
        if kind == "drop" and cols:
            del cols[rng.randrange(len(cols))]
        elif kind == "extra":
            cols.insert(rng.randrange(len(cols) + 1), rng.choice((b"", b"x", b"\t", b"EXPORT_SYMBOL")))
        elif kind == "empty" and cols:
            cols[rng.randrange(len(cols))] = b""
        elif kind == "garble" and cols:
            j = rng.randrange(len(cols))
            cols[j] = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 12)))
        elif kind == "crc":
            cols[0] = rng.choice((b"0x", b"0xZZ", b"-1", b"0x" + b"f" * 40, b"12", b" 0x1", b"0x1 ",
                                  b"", b"0x00000000000000000001"))
        elif kind == "export" and len(cols) > 3:
            cols[3] = rng.choice((b"EXPORT_SYMBOL_GPL_FUTURE", b"export_symbol", b"", b"EXPORT_SYMBOL_GPL\0"))
        elif kind == "bytes":
            cols.append(rng.choice((b"\xff\xfe", b"\0", b"\r", b"\x80abc")))
        elif kind == "join" and i + 1 < len(lines):
            lines[i + 1] = b""
        elif kind == "cut":
            lines = lines[:i + 1]
            cols = cols[:rng.randint(0, len(cols))]
        if i < len(lines):
            lines[i] = b"\t".join(cols)
    out = b"\n".join(lines)
    if rng.random() < 0.2:
        out = out.rstrip(b"\n")
    return out, used


# --- picking a case ------------------------------------------------------------------------------
def case_rng(entry: str, seed: int, number: int) -> random.Random:
    """The generator of case ``number`` of a run: a campaign case is replayable from its name."""
    return random.Random(f"{entry}:{seed}:{number}")
