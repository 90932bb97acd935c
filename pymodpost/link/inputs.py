"""Input objects as the linker sees them: sections with BFD-style flags, symbols, relocations.

GNU ld does not work on ELF section flags directly: BFD first turns every section header into
its own flag word (``SEC_ALLOC``, ``SEC_READONLY``, ``SEC_DEBUGGING`` ...), and orphan placement,
output-section flag merging and symbol handling are all decided on those.  This module does
that translation once per input so the later stages can follow ld's decisions literally.
"""

from __future__ import annotations

import os
import struct
from typing import NamedTuple

from pymodpost.arch.target import SOLARIS_LINK_ORDER_MACHINES, Target, for_machine
from pymodpost.elf import constants as C
from pymodpost.elf import layouts
from pymodpost.link.errors import LinkError

# BFD section flags (only their identity matters here, not BFD's numeric values)
SEC_ALLOC = 1 << 0
SEC_LOAD = 1 << 1
SEC_READONLY = 1 << 3
SEC_CODE = 1 << 4
SEC_DATA = 1 << 5
SEC_HAS_CONTENTS = 1 << 8
SEC_THREAD_LOCAL = 1 << 10
SEC_DEBUGGING = 1 << 13
SEC_IN_MEMORY = 1 << 14
SEC_EXCLUDE = 1 << 15
SEC_LINK_ONCE = 1 << 17
SEC_LINKER_CREATED = 1 << 23
SEC_SMALL_DATA = 1 << 25
SEC_MERGE = 1 << 26
SEC_STRINGS = 1 << 27
SEC_GROUP = 1 << 28

_DEBUG_PREFIXES = (".debug", ".gnu.debuglto_.debug_", ".gnu.linkonce.wi.", ".zdebug")

# the records of the one format ld -r is asked to link here: ELF64 little-endian
EHDR = layouts.EHDR.struct(64, True)
SHDR = layouts.SHDR.struct(64, True)
SYM = layouts.SYM.struct(64, True)
RELA = layouts.RELA.struct(64, True)


def bfd_flags(name: str, sh_type: int, sh_flags: int) -> int:
    """The flag word BFD gives an input section (``_bfd_elf_make_section_from_shdr``)."""
    flags = 0
    if sh_type != C.SHT_NOBITS:
        flags |= SEC_HAS_CONTENTS
    if sh_type == C.SHT_GROUP:
        flags |= SEC_GROUP
    if sh_flags & C.SHF_ALLOC:
        flags |= SEC_ALLOC
        if sh_type != C.SHT_NOBITS:
            flags |= SEC_LOAD
    if not sh_flags & C.SHF_WRITE:
        flags |= SEC_READONLY
    if sh_flags & C.SHF_EXECINSTR:
        flags |= SEC_CODE
    elif flags & SEC_LOAD:
        flags |= SEC_DATA
    if sh_flags & C.SHF_MERGE:
        flags |= SEC_MERGE
    if sh_flags & C.SHF_STRINGS:
        flags |= SEC_STRINGS
    if sh_flags & C.SHF_TLS:
        flags |= SEC_THREAD_LOCAL
    if sh_flags & C.SHF_EXCLUDE:
        flags |= SEC_EXCLUDE
    if not flags & SEC_ALLOC and name.startswith(".") and (
            name.startswith(_DEBUG_PREFIXES) or name.startswith((".line", ".stab"))
            or name == ".gdb_index"):
        flags |= SEC_DEBUGGING
    if name.startswith(".gnu.linkonce"):
        flags |= SEC_LINK_ONCE
    return flags


class InputSection:
    """One section of an input object (plain class: dataclasses cost start-up time)."""

    __slots__ = ("obj", "index", "name", "type", "flags", "size", "link", "info", "align",
                 "entsize", "offset", "bfd", "relocs", "output", "output_offset", "rawsize", "eh",
                 "group", "members", "signature", "contents")

    def __init__(self, obj: "InputObject", index: int, name: str, type_: int, flags: int,
                 size: int, link: int, info: int, align: int, entsize: int, offset: int,
                 bfd: int):
        self.obj, self.index, self.name, self.type, self.flags = obj, index, name, type_, flags
        self.size, self.link, self.info, self.align = size, link, info, align
        self.entsize, self.offset = entsize, offset
        self.bfd = bfd  # BFD flag word
        self.relocs: InputSection | None = None  # the SHT_RELA section applying to this one
        self.output: object = None  # OutputSection, or DISCARDED
        self.output_offset = 0
        self.rawsize = size  # the input's own size; ``size`` may change (.eh_frame editing)
        self.eh: list | None = None  # parsed .eh_frame entries when ld edits this section
        self.group: InputSection | None = None  # the SHT_GROUP section this one belongs to
        self.members: list[InputSection] = []  # for an SHT_GROUP section: its sections
        self.signature = ""  # for an SHT_GROUP section: the signature symbol's name
        #: bytes the linker wrote in place of the input's (the merged GNU property note)
        self.contents: bytes | None = None

    @property
    def data(self) -> bytes:
        if self.type == C.SHT_NOBITS:
            return b""
        if self.contents is not None:
            return self.contents
        if self.index < 0:  # made by the linker, filled in at the end
            return bytes(self.size)
        raw = self.obj.data[self.offset:self.offset + self.rawsize]
        if self.eh is not None:
            from pymodpost.link.ehframe import rewrite
            return rewrite(raw, self.eh, self.size)
        return raw

    @property
    def align_power(self) -> int:
        a = self.align & -self.align if self.align else 0
        return a.bit_length() - 1 if a else 0


class InputSymbol(NamedTuple):
    index: int
    name: str
    value: int
    size: int
    info: int
    other: int
    shndx: int

    @property
    def bind(self) -> int:
        return self.info >> 4

    @property
    def type(self) -> int:
        return self.info & 0xF


class InputObject:
    __slots__ = ("path", "data", "machine", "target", "flags", "osabi", "sections", "symbols",
                 "first_global")

    def __init__(self, path: str, data: bytes, machine: int, flags: int, osabi: int):
        self.path, self.data, self.machine = path, data, machine
        self.target: Target | None = for_machine(machine)  #: None: a machine ld here cannot link
        self.flags, self.osabi = flags, osabi
        self.sections: list[InputSection] = []
        self.symbols: list[InputSymbol] = []
        self.first_global = 0

    @property
    def basename(self) -> str:
        return os.path.basename(self.path)


def _cstr(blob: bytes, off: int, path: str) -> str:
    end = blob.find(b"\0", off)
    if off >= len(blob) or end < 0:
        raise LinkError(f"ld: {path}: corrupt string table offset {off:#x}")
    return blob[off:end].decode("utf-8", "surrogateescape")




def read_object(path: str, data: bytes) -> InputObject:
    """Parse one relocatable ELF64 little-endian object, refusing what ld would refuse."""
    if len(data) < 4 or data[:4] != C.ELFMAG:
        raise LinkError(f"ld:{path}: file format not recognized; treating as linker script")
    # BFD words this without ld's program-name prefix
    bad_format = f"{path}: file not recognized: file format not recognized"
    if len(data) < EHDR.size or data[4] != 2 or data[5] != 1 or data[6] != 1:
        raise LinkError(bad_format)
    (ident, e_type, machine, _ver, _entry, _phoff, shoff, eflags, _ehsize, _phentsize, _phnum,
     shentsize, shnum, shstrndx) = EHDR.unpack_from(data)
    if e_type == 2:  # ET_EXEC
        raise LinkError(f"ld: cannot use executable file '{path}' as input to a link")
    if e_type == 3:  # ET_DYN
        raise LinkError(f"ld: attempted static link of dynamic object `{path}'")
    if e_type == 4 or shoff == 0 or shentsize != SHDR.size:  # ET_CORE is not an object
        raise LinkError(bad_format)
    if shnum == 0 and shoff + SHDR.size <= len(data):
        shnum = SHDR.unpack_from(data, shoff)[5]
    if shstrndx == C.SHN_XINDEX and shoff + SHDR.size <= len(data):
        shstrndx = SHDR.unpack_from(data, shoff)[6]
    if shoff + shnum * SHDR.size > len(data):
        raise LinkError(bad_format)
    if shstrndx >= shnum:
        raise LinkError(f"ld: warning: {path} has a corrupt string table index\n"
                        f"ld: {path}: section names unreadable: not supported by pymodpost-ld")
    obj = InputObject(path, data, machine, eflags, ident[7])
    raw = [SHDR.unpack_from(data, shoff + i * SHDR.size) for i in range(shnum)]
    for (_n, t, f, _a, _o, _s, link, info, _al, _e) in raw[1:]:
        # elf_object_p's sanity check of each header: links and info links inside the table
        # (x86 and SPARC may name Solaris's SHN_BEFORE/SHN_AFTER in sh_link)
        if link >= shnum and not (machine in SOLARIS_LINK_ORDER_MACHINES and link in (0xFF00, 0xFF01)):
            raise LinkError(bad_format)
        if (f & C.SHF_INFO_LINK or t in (C.SHT_RELA, C.SHT_REL)) and info >= shnum:
            raise LinkError(bad_format)
    for (_n, t, _f, _a, off, size, *_r) in raw:
        if t != C.SHT_NOBITS and off + size > len(data):
            raise LinkError(f"ld: warning: {path} has a section extending past end of file\n"
                            f"ld: final link failed: file truncated")
    for (_n, t, _f, _a, _o, _s, _l, _i, align, _e) in raw:
        # bfd_set_section_alignment takes powers up to 62 only: a larger sh_addralign (rounded
        # up to a power) makes the section, and with it the file, unreadable for BFD
        if align > 1 << 62 and t not in (C.SHT_NULL, C.SHT_SYMTAB, C.SHT_STRTAB, C.SHT_RELA,
                                         C.SHT_REL):
            raise LinkError(bad_format)
    sh_o, sh_sz = raw[shstrndx][4], raw[shstrndx][5]
    shstr = data[sh_o:sh_o + sh_sz]
    for i, (name, t, f, _addr, off, size, link, info, align, entsize) in enumerate(raw):
        nm = _cstr(shstr, name, path) if i else ""
        obj.sections.append(InputSection(obj, i, nm, t, f, size, link, info, align, entsize, off,
                                         bfd_flags(nm, t, f)))
    for s in obj.sections:
        if s.type in (C.SHT_RELA, C.SHT_REL):
            if s.type == C.SHT_REL or s.entsize != RELA.size:
                raise LinkError(f"ld: {path}: unsupported relocation section {s.name}")
            if not 0 < s.info < shnum:
                raise LinkError(f"ld: {path}: bad relocation section {s.name}")
            obj.sections[s.info].relocs = s
        elif s.type == C.SHT_SYMTAB:
            _read_symbols(obj, s)
    for s in obj.sections:
        if s.type == C.SHT_GROUP:
            _read_group(obj, s)
    return obj


def _read_group(obj: InputObject, grp: InputSection) -> None:
    words = grp.data
    if len(words) < 4 or len(words) % 4:
        raise LinkError(f"ld: {obj.path}: corrupt size field in group section header: "
                        f"{_c_hex(len(words))}")
    flags, *indices = struct.unpack(f"<{len(words) // 4}I", words)
    if flags & GRP_COMDAT:
        grp.bfd |= SEC_LINK_ONCE
    for i in indices:
        if not 0 < i < len(obj.sections):
            raise LinkError(f"ld: {obj.path}: invalid entry in SHT_GROUP section [{grp.index}]")
        member = obj.sections[i]
        member.group = grp
        grp.members.append(member)
    if not 0 < grp.info < len(obj.symbols):
        raise LinkError(f"ld: {obj.path}: invalid signature symbol in group section "
                        f"[{grp.index}]")
    grp.signature = obj.symbols[grp.info].name


def _read_symbols(obj: InputObject, symtab: InputSection) -> None:
    if symtab.entsize != SYM.size or symtab.link >= len(obj.sections):
        raise LinkError(f"ld: {obj.path}: corrupt symbol table")
    strsec = obj.sections[symtab.link]
    strings = strsec.data
    blob = symtab.data
    blob = blob[:len(blob) - len(blob) % SYM.size]  # BFD reads whole entries only
    obj.first_global = symtab.info
    if symtab.info * symtab.entsize > symtab.size:
        # more locals than entries: bfd_section_from_shdr rejects the file, unless the table is
        # empty (an assembler quirk BFD forgives by counting no locals)
        if symtab.size:
            raise LinkError(f"{obj.path}: file not recognized: file format not recognized")
        obj.first_global = 0
    for i, (name, info, other, shndx, value, size) in enumerate(SYM.iter_unpack(blob)):
        nm = _cstr(strings, name, obj.path) if name else ""
        obj.symbols.append(InputSymbol(i, nm, value, size, info, other, shndx))


def _c_hex(value: int) -> str:
    """C's ``%#x``: no 0x prefix for zero."""
    return f"{value:#x}" if value else "0"


def read_relocs(sec: InputSection, nsyms: int) -> list[tuple[int, int, int, int]]:
    """(offset, symbol index, type, addend) for every entry of a RELA section."""
    out = []
    for off, info, addend in raw_relocs(sec):
        sym = info >> 32
        if sym >= nsyms:
            raise bad_symbol_index(sec, sym, nsyms, off)
        out.append((off, sym, info & 0xFFFFFFFF, addend))
    return out


def raw_relocs(sec: InputSection):
    """(r_offset, r_info, r_addend) of each whole entry (BFD ignores a partial last one)."""
    blob = sec.data
    return RELA.iter_unpack(blob[:len(blob) - len(blob) % RELA.size])


def bad_symbol_index(sec: InputSection, sym: int, nsyms: int, off: int) -> LinkError:
    target = sec.obj.sections[sec.info].name
    return LinkError(f"ld: {sec.obj.path}: bad reloc symbol index ({_c_hex(sym)} >= "
                     f"{_c_hex(nsyms)}) for offset {_c_hex(off)} in section `{target}'")


GRP_COMDAT = 1

BUILD_ID_SHA1_SIZE = 16 + 20  # note header, "GNU\0", 20-byte SHA-1


def build_id_section(obj: InputObject) -> InputSection:
    """The ``.note.gnu.build-id`` section ld makes (no SEC_HAS_CONTENTS: filled at the end)."""
    return InputSection(obj, -1, ".note.gnu.build-id", C.SHT_NOTE, C.SHF_ALLOC, BUILD_ID_SHA1_SIZE,
                        0, 0, 4, 0, 0,
                        SEC_ALLOC | SEC_LOAD | SEC_IN_MEMORY | SEC_LINKER_CREATED | SEC_READONLY
                        | SEC_DATA)


def stack_note_section(obj: InputObject, executable: bool) -> InputSection:
    """The empty ``.note.GNU-stack`` ld -r adds to the first input for ``-z [no]execstack``
    when that input has none (flags: read-only, code for execstack; no contents)."""
    return InputSection(obj, -1, ".note.GNU-stack", C.SHT_PROGBITS,
                        C.SHF_EXECINSTR if executable else 0, 0, 0, 0, 1, 0, 0,
                        SEC_READONLY | (SEC_CODE if executable else 0))
