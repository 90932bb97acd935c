""".eh_frame editing as GNU ld does it even for ``ld -r`` (``bfd_elf_discard_info``).

ld parses every input section that lands in the output ``.eh_frame``: each CIE and FDE loses
the DW_CFA_nop padding after its last instruction, entries are re-aligned (4 bytes, or the
FDE address width), FDEs for code in discarded sections and CIEs nobody uses are dropped,
only the last input keeps a zero terminator, and every input but the last non-empty one is
padded to the output alignment *inside* its last entry (padding between sections would read as
a terminator).  The length fields, FDE-to-CIE pointers and relocation offsets follow the new
layout.  An input ld cannot parse (unknown version, augmentation or CFA opcode, 64-bit
format...) is copied unchanged, as ld does.
"""

from __future__ import annotations

import struct

DW_EH_PE_omit = 0xFF
DW_EH_PE_aligned = 0x50
PTR_SIZE = 8  # both supported targets are 64-bit


class EhEntry:
    __slots__ = ("offset", "size", "cie", "cie_entry", "removed", "new_offset", "fde_encoding",
                 "aligned8")

    def __init__(self, offset: int, size: int, cie: bool):
        self.offset, self.size, self.cie = offset, size, cie
        self.cie_entry: EhEntry | None = None
        self.removed = True  # kept only once something needs it, as in ld
        self.new_offset = 0
        self.fde_encoding = 0
        self.aligned8 = False


class _Fail(Exception):
    """ld's REQUIRE failed: the section is left as it is."""


def _width(encoding: int) -> int:
    if encoding == DW_EH_PE_omit:
        return 0
    return {0: PTR_SIZE, 2: 2, 3: 4, 4: 8}.get(encoding & 7, 0)


class _Reader:
    def __init__(self, data: bytes, pos: int, end: int):
        self.data, self.pos, self.end = data, pos, end

    def byte(self) -> int:
        if self.pos >= self.end:
            raise _Fail
        self.pos += 1
        return self.data[self.pos - 1]

    def skip(self, n: int) -> None:
        if n < 0 or self.pos + n > self.end:
            raise _Fail
        self.pos += n

    def uleb(self) -> int:
        value = shift = 0
        while True:
            b = self.byte()
            value |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return value

    def sleb(self) -> int:
        self.uleb()
        return 0  # only skipped


# operands of each DW_CFA opcode (low 6 bits when the top two are clear)
_NO_ARGS = {0x00, 0x0A, 0x0B, 0x2D}
_ONE_LEB = {0x06, 0x07, 0x08, 0x0D, 0x0E, 0x13, 0x2E}
_TWO_LEB = {0x05, 0x09, 0x0C, 0x11, 0x12, 0x14, 0x15, 0x2F}
_FIXED = {0x02: 1, 0x03: 2, 0x04: 4, 0x1D: 8}


def _skip_cfa_op(r: _Reader, ptr_width: int) -> int:
    """Skip one call-frame instruction; returns its opcode."""
    op = r.byte()
    kind = op & 0xC0
    if kind == 0x80:  # DW_CFA_offset
        r.uleb()
    elif kind:  # advance_loc, restore
        pass
    elif op in _NO_ARGS:
        pass
    elif op in _ONE_LEB:
        r.uleb()
    elif op in _TWO_LEB:
        r.uleb()
        r.uleb()
    elif op == 0x0F:  # def_cfa_expression
        r.skip(r.uleb())
    elif op in (0x10, 0x16):  # expression, val_expression
        r.uleb()
        r.skip(r.uleb())
    elif op == 0x01:  # set_loc
        r.skip(ptr_width)
    elif op in _FIXED:
        r.skip(_FIXED[op])
    else:
        raise _Fail
    return op


def _insns_end(data: bytes, start: int, end: int, ptr_width: int) -> tuple[int, int]:
    """(end of the last non-nop instruction, number of DW_CFA_set_loc)."""
    r = _Reader(data, start, end)
    last, set_locs = start, 0
    while r.pos < end:
        if data[r.pos] == 0:
            r.pos += 1
            continue
        if _skip_cfa_op(r, ptr_width) == 0x01:
            set_locs += 1
        last = r.pos
    return last, set_locs


def parse(data: bytes, relocs: list[tuple[int, int, int, int]]) -> list[EhEntry] | None:
    """The entries of one input .eh_frame, or None when ld would not parse it.
    ``relocs`` are the section's (offset, symbol, type, addend), sorted by offset."""
    try:
        return _parse(data, {r[0] for r in relocs})
    except (_Fail, IndexError, struct.error):
        return None


def _parse(data: bytes, reloc_offsets: set[int]) -> list[EhEntry]:
    entries: list[EhEntry] = []
    cies: dict[int, tuple[EhEntry, int, str]] = {}  # offset -> (entry, fde encoding, aug)
    pos, size = 0, len(data)
    while pos != size:
        if pos + 4 > size:
            raise _Fail
        length = struct.unpack_from("<I", data, pos)[0]
        if length == 0xFFFFFFFF or pos + 4 + length > size:
            raise _Fail
        start, end = pos, pos + 4 + length
        if length == 0:
            rest = data[pos:]
            if len(rest) % 4 or any(rest):
                raise _Fail
            entries.append(EhEntry(pos, 4, False))
            break
        if length < 4:
            raise _Fail
        cie_id = struct.unpack_from("<I", data, pos + 4)[0]
        r = _Reader(data, pos + 8, end)
        entry = EhEntry(start, 4 + length, cie_id == 0)
        if cie_id == 0:
            version = r.byte()
            if version not in (1, 3, 4):
                raise _Fail
            nul = data.index(b"\0", r.pos, end)
            aug = data[r.pos:nul].decode("latin-1")
            r.pos = nul + 1
            if aug.startswith("eh"):
                r.skip(PTR_SIZE)
            if version >= 4:
                if r.pos + 1 >= end or data[r.pos] != PTR_SIZE or data[r.pos + 1] != 0:
                    raise _Fail
                r.pos += 2
            r.uleb()
            r.sleb()
            if version == 1:
                r.byte()
            else:
                r.uleb()
            fde_encoding = DW_EH_PE_omit
            if not aug.startswith("eh"):
                chars = aug
                if chars.startswith("z"):
                    r.uleb()
                    chars = chars[1:]
                for c in chars:
                    if c in "BS":
                        continue
                    if c == "L":
                        if not _width(r.byte()):
                            raise _Fail
                    elif c == "R":
                        fde_encoding = r.byte()
                        if not _width(fde_encoding):
                            raise _Fail
                    elif c == "P":
                        per = r.byte()
                        width = _width(per)
                        if not width:
                            raise _Fail
                        if per & 0x70 == DW_EH_PE_aligned:
                            r.skip(-r.pos & (width - 1))
                            entry.aligned8 = width == 8
                        if r.pos not in reloc_offsets:
                            raise _Fail
                        r.skip(width)
                    else:
                        raise _Fail
            if fde_encoding == DW_EH_PE_omit:
                fde_encoding = 0  # DW_EH_PE_absptr
            entry.fde_encoding = fde_encoding
            insns_end, set_locs = _insns_end(data, r.pos, end, _width(fde_encoding))
            if set_locs:
                raise _Fail
            cies[start] = (entry, fde_encoding, aug)
        else:
            cie_at = start + 4 - cie_id
            if cie_at not in cies:
                raise _Fail
            cie, fde_encoding, aug = cies[cie_at]
            entry.cie_entry = cie
            entry.fde_encoding = fde_encoding
            if r.pos not in reloc_offsets:
                raise _Fail
            width = _width(fde_encoding)
            r.skip(2 * width)
            if aug.startswith("z"):
                r.skip(r.uleb())
            insns_end, _ = _insns_end(data, r.pos, end, width)
        entry.size -= end - insns_end
        entries.append(entry)
        pos = end
    return entries


def discard(entries: list[EhEntry], is_last_input: bool, fde_code_deleted) -> int:
    """Decide what stays and where (``_bfd_elf_discard_section_eh_frame``); returns the
    section's new size.  ``fde_code_deleted(offset)`` tells whether the relocation at
    ``offset`` (an FDE's initial location) refers into a discarded section."""
    for e in entries:
        if e.size == 4:
            e.removed = not is_last_input
        elif not e.cie and e.cie_entry is not None:
            if not fde_code_deleted(e.offset + 8):
                e.removed = False
                e.cie_entry.removed = False
    offset = 0
    for e in entries:
        if e.removed:
            continue
        if e.size == 4:
            align = 4
        elif e.cie:
            align = 8 if e.aligned8 else 4
        else:
            align = max(_width(e.fde_encoding), 4)
        offset = (offset + align - 1) & -align
        e.new_offset = offset
        offset += e.size
    return (offset + 3) & -4


def rewrite(data: bytes, entries: list[EhEntry], new_size: int) -> bytes:
    """The section's new bytes (``_bfd_elf_write_section_eh_frame`` for a relocatable link)."""
    out = bytearray(new_size)
    kept = [e for e in entries if not e.removed]
    for i, e in enumerate(kept):
        out[e.new_offset:e.new_offset + e.size] = data[e.offset:e.offset + e.size]
        if e.size == 4:
            continue
        nxt = kept[i + 1].new_offset if i + 1 < len(kept) else new_size
        struct.pack_into("<I", out, e.new_offset, nxt - e.new_offset - 4)
        # bytes between the trimmed entry and the next are DW_CFA_nop (zero) already
        if not e.cie:
            struct.pack_into("<I", out, e.new_offset + 4,
                             e.new_offset + 4 - e.cie_entry.new_offset)
    return bytes(out)


def map_offset(entries: list[EhEntry], offset: int) -> int | None:
    """Where a relocation at ``offset`` lands, or None when its entry was dropped."""
    for e in entries:
        if e.offset <= offset < e.offset + e.size:
            return None if e.removed else offset - e.offset + e.new_offset
    return offset


def edit_output(inputs: list, relocs_of, deleted) -> None:
    """Edit the input sections of the output ``.eh_frame`` in place (sizes and entries), then
    pad every input but the last non-empty one to the output alignment.  ``relocs_of(sec)``
    gives a section's relocations; ``deleted(sec, reloc)`` whether one points into a
    discarded section."""
    for i, sec in enumerate(inputs):
        if sec.size == 0 or sec.type == 8:  # SHT_NOBITS
            continue
        relocs = sorted(relocs_of(sec), key=lambda r: r[0])
        entries = parse(sec.data, relocs)
        if entries is None:
            continue
        at = {r[0]: r for r in relocs}
        sec.size = discard(entries, i == len(inputs) - 1,
                           lambda off, sec=sec: off in at and deleted(sec, at[off]))
        sec.eh = entries


def pad_inputs(inputs: list, align: int) -> None:
    last = len(inputs) - 1
    while last >= 0 and inputs[last].size <= 4:
        last -= 1
    for sec in inputs[:max(last, 0)]:
        sec.size = (sec.size + align - 1) & -align
