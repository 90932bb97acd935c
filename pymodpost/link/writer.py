"""Serialise a relocatable link result exactly as BFD lays out an ``ld -r`` output file.

File order (``_bfd_elf_compute_section_file_positions`` and friends): ELF header; every
output section with contents in section-header order, each at its own alignment; ``.symtab``
(8-aligned) and ``.strtab``; then the ``.rela*`` sections (8-aligned); ``.shstrtab``; and the
section header table (8-aligned) last.  Section headers: each output section directly
followed by its ``.rela`` section, then ``.symtab``, ``.strtab``, ``.shstrtab``.

The build-id is a SHA-1 over the ELF header (with ``e_phoff``/``e_shoff`` zeroed), then each
section header (``sh_offset`` zeroed) followed by that section's bytes, skipping NOBITS and
the three string/symbol tables, with the build-id note itself still all zero (ld hashes the
file it has just written, before the note is filled in).
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from pymodpost.arch.target import Target
from pymodpost.elf import constants as C
from pymodpost.elf import layouts
from pymodpost.link import inputs as I
from pymodpost.elf.strtab import StringTableBuilder

EHDR = layouts.EHDR.struct(64, True)
SHDR = layouts.SHDR.struct(64, True)
SYM = layouts.SYM.struct(64, True)
NHDR = layouts.NHDR.struct(64, True)
#: addresses, sizes and offsets are BFD's 64-bit bfd_vma: sums past 2**64 wrap
U64 = (1 << 64) - 1
#: the largest output built in memory.  A damaged input (a section aligned to 2 GiB, say) can
#: ask for more; GNU ld then writes a sparse file of that size or fails to allocate -- we stop
#: with the line ld prints when an allocation fails rather than exhaust the machine.
MAX_OUTPUT = 1 << 30


def check_output_size(size: int) -> None:
    if size > MAX_OUTPUT:
        from pymodpost.link.errors import LinkError

        raise LinkError("ld: final link failed: memory exhausted")


class OutSym(NamedTuple):
    name: str
    value: int
    size: int
    info: int
    other: int
    shndx: int


def _align(v: int, a: int) -> int:
    return (v + a - 1) & -a if a > 1 else v


def _sh_flags(out) -> int:
    f = out.elf_flags
    if out.flags & I.SEC_ALLOC:
        f |= C.SHF_ALLOC
    if not out.flags & I.SEC_READONLY:
        f |= C.SHF_WRITE
    if out.flags & I.SEC_CODE:
        f |= C.SHF_EXECINSTR
    if out.flags & I.SEC_MERGE:
        f |= C.SHF_MERGE
    if out.flags & I.SEC_STRINGS:
        f |= C.SHF_STRINGS
    if out.flags & I.SEC_THREAD_LOCAL:
        f |= C.SHF_TLS
    if out.flags & I.SEC_EXCLUDE:
        f |= C.SHF_EXCLUDE
    return f


def _sh_type(out) -> int:
    if out.elf_type != C.SHT_NULL:
        if out.elf_type == C.SHT_NOBITS and out.flags & I.SEC_LOAD:
            return C.SHT_PROGBITS
        return out.elf_type
    if out.flags & I.SEC_ALLOC and not out.flags & (I.SEC_LOAD | I.SEC_HAS_CONTENTS):
        return C.SHT_NOBITS
    return C.SHT_PROGBITS


def _entsize(out, sh_type: int) -> int:
    if out.flags & I.SEC_MERGE:
        return out.entsize
    if sh_type in (C.SHT_INIT_ARRAY, C.SHT_FINI_ARRAY, C.SHT_PREINIT_ARRAY):
        return 8
    if sh_type == C.SHT_GROUP:
        return 4
    return 0


class _Hdr:
    __slots__ = ("name", "type", "flags", "addr", "offset", "size", "link", "info", "align",
                 "entsize", "data", "kind")

    def __init__(self, name, type_, flags, addr, size, link, info, align, entsize, data, kind):
        self.name, self.type, self.flags, self.addr = name, type_, flags, addr
        self.size, self.link, self.info, self.align = size, link, info, align
        self.entsize, self.data, self.kind = entsize, data, kind
        self.offset = 0


def write_relocatable(target: Target, objects, out_secs, contents, relocs, syms: list[OutSym],
                      first_global: int, section_sym, build_id, group_info=None,
                      rela_in_group=frozenset(), bfd_order=None) -> bytes:
    """``out_secs`` in section-header order; ``bfd_order`` (default the same) is BFD's section
    list order, in which the section names enter ``.shstrtab``."""
    shstr = StringTableBuilder(tail_merge=True)
    for fixed in (".symtab", ".strtab", ".shstrtab"):
        shstr.add(fixed)
    for out in bfd_order or out_secs:
        shstr.add(out.name)
        if id(out) in relocs:
            shstr.add(".rela" + out.name)
    hdrs: list[_Hdr] = []
    build_id_hdr = None
    index_of: dict[int, int] = {}  # output section -> its header's index
    for out in out_secs:
        t = _sh_type(out)
        power = out.align_power
        mask = (1 << power) | out.vma
        align = mask & -mask
        flags = _sh_flags(out)
        if out.grouped and t != C.SHT_GROUP:
            flags |= C.SHF_GROUP
        data = bytes(contents[id(out)])
        h = _Hdr(out.name, t, flags, out.vma, len(data) if t == C.SHT_GROUP else out.size, 0,
                 (group_info or {}).get(id(out), 0), align, _entsize(out, t), data,
                 "group" if t == C.SHT_GROUP else "section")
        hdrs.append(h)
        index_of[id(out)] = len(hdrs)
        if build_id is not None and build_id.output is out:
            build_id_hdr = (h, build_id.output_offset)
        rel = relocs.get(id(out))
        if rel is not None:
            r = _Hdr(".rela" + out.name, C.SHT_RELA,
                     C.SHF_INFO_LINK | (C.SHF_GROUP if id(out) in rela_in_group else 0), 0,
                     len(rel), 0,
                     len(hdrs), 8, 24, bytes(rel), "rela")
            hdrs.append(r)
    symtab_index = len(hdrs) + 1
    for r in hdrs:
        if r.kind in ("rela", "group"):
            r.link = symtab_index
    for out in out_secs:
        if out.linked_to is not None:
            # SHF_LINK_ORDER: the output section that holds the first input's linked-to section
            target_out = out.linked_to.output
            hdrs[index_of[id(out)] - 1].link = index_of.get(id(target_out), 0)

    strtab = StringTableBuilder(tail_merge=True)
    for s in syms:
        strtab.add(s.name)
    strblob = strtab.data()
    symblob = b"".join(
        SYM.pack(strtab.offset(s.name), s.info, s.other, s.shndx, s.value & U64, s.size & U64)
        for s in syms)
    hdrs.append(_Hdr(".symtab", C.SHT_SYMTAB, 0, 0, len(symblob), symtab_index + 1,
                     first_global, 8, 24, symblob, "symtab"))
    hdrs.append(_Hdr(".strtab", C.SHT_STRTAB, 0, 0, len(strblob), 0, 0, 1, 0, strblob,
                     "strtab"))
    sh_h = _Hdr(".shstrtab", C.SHT_STRTAB, 0, 0, 0, 0, 0, 1, 0, b"", "shstrtab")
    hdrs.append(sh_h)
    shblob = shstr.data()
    sh_h.size, sh_h.data = len(shblob), shblob

    # file positions
    off = EHDR.size
    for phase in (("group", "section"), ("symtab", "strtab"), ("rela",), ("shstrtab",)):
        for h in hdrs:
            if h.kind in phase:
                off = _align(off, h.align)
                h.offset = off
                if h.type != C.SHT_NOBITS:
                    off += h.size
    shoff = _align(off, 8)
    shnum = len(hdrs) + 1
    flags = objects[0].flags if target.keeps_eflags else 0
    machine = target.machine
    # GNU extensions in the output (unique or ifunc symbols, retained sections) make BFD mark
    # the file ELFOSABI_GNU (_bfd_elf_final_write_processing)
    gnu = (any(s.info >> 4 == C.STB_GNU_UNIQUE or s.info & 0xF == C.STT_GNU_IFUNC for s in syms)
           or any(h.flags & C.SHF_GNU_RETAIN for h in hdrs))
    ident = C.ELFMAG + bytes([2, 1, 1, C.ELFOSABI_GNU if gnu else 0]) + bytes(8)

    def shdr_bytes(h: _Hdr, offset: int) -> bytes:
        return SHDR.pack(shstr.offset(h.name), h.type, h.flags, h.addr & U64, offset, h.size & U64,
                         h.link, h.info, h.align, h.entsize)

    check_output_size(shoff + shnum * SHDR.size)
    image = bytearray(shoff + shnum * SHDR.size)
    image[:EHDR.size] = EHDR.pack(ident, C.ET_REL, machine, 1, 0, 0, shoff, flags, EHDR.size, 0, 0,
                                  SHDR.size, shnum, shnum - 1)
    for h in hdrs:
        if h.type != C.SHT_NOBITS:
            image[h.offset:h.offset + h.size] = h.data
    pos = shoff + SHDR.size
    for h in hdrs:
        image[pos:pos + SHDR.size] = shdr_bytes(h, h.offset)
        pos += SHDR.size

    if build_id_hdr is not None:
        h, within = build_id_hdr
        sha = hashlib.sha1()
        sha.update(EHDR.pack(ident, C.ET_REL, machine, 1, 0, 0, 0, flags, EHDR.size, 0, 0,
                             SHDR.size, shnum, shnum - 1))
        sha.update(bytes(SHDR.size))
        for x in hdrs:
            sha.update(shdr_bytes(x, 0))
            if x.type == C.SHT_NOBITS or x.kind in ("symtab", "strtab", "shstrtab"):
                continue
            sha.update(image[x.offset:x.offset + x.size])
        note = NHDR.pack(4, 20, C.NT_GNU_BUILD_ID) + b"GNU\0" + sha.digest()
        start = h.offset + within
        image[start:start + len(note)] = note
    return bytes(image)
