"""Relocations moved to output terms, as ``elf_link_input_bfd`` does for ``ld -r``.

Against a section symbol a relocation is re-aimed at the output section's symbol with the
input section's offset added to the addend; against a local or global symbol at that symbol's
output index (globals get theirs only after all locals are written, so a GlobalSymbol stands in
until then); against a symbol in a discarded section it is refused with ld's message, or --
in debug sections and .eh_frame -- cleared.  riscv's default ``-X`` leaves local labels out of
the symbol table until a relocation needs one, and writes it at that moment.
"""

from __future__ import annotations

from pymodpost.elf import constants as C
from pymodpost.link import ehframe
from pymodpost.link import inputs as I
from pymodpost.link.errors import LinkError
from pymodpost.link.placement import DISCARDED
from pymodpost.link.writer import OutSym


def section_of(obj: I.InputObject, shndx: int) -> I.InputSection | None:
    if 0 < shndx < len(obj.sections) and shndx < C.SHN_LORESERVE:
        return obj.sections[shndx]
    return None


def placed_symbol(sym: I.InputSymbol, sec: I.InputSection | None, shndx) -> OutSym:
    if sec is not None:
        return OutSym(sym.name, sym.value + sec.output_offset, sym.size, sym.info, sym.other,
                      shndx[id(sec.output)])
    return OutSym(sym.name, sym.value, sym.size, sym.info, sym.other, sym.shndx)


def is_local_label_name(name: str) -> bool:
    """BFD's ``_bfd_elf_is_local_label_name``: assembler-internal labels."""
    if name.startswith((".L", "..", "_.L_")):
        return True
    if len(name) >= 2 and name[0] == "L" and name[1].isdigit():
        ret = False
        for i, c in enumerate(name[2:], 2):
            if c in "\x01\x02":
                if c == "\x01" and i == 2:
                    return True
                ret = True
            if not c.isdigit():
                return False
        return ret
    return False


_LAZY = object()  # a local label that is written only once a relocation needs it
_NO_SECTION = object()  # a section symbol whose st_shndx names no section


def reference_table(obj: I.InputObject, globals_, mapping, section_sym) -> list:
    """How a relocation against each symbol of ``obj`` is written: (reference, addend delta),
    the reference being an output symbol index, a GlobalSymbol (index known later), None
    (the symbol's section was discarded) or _LAZY."""
    table: list = [(0, 0)]
    for sym in obj.symbols[1:]:
        if sym.index < obj.first_global:
            target = section_of(obj, sym.shndx)
            if target is not None and target.output in (None, DISCARDED):
                table.append((None, 0))
            elif sym.type == C.STT_SECTION and target is not None:
                table.append((section_sym[id(target.output)], target.output_offset))
            elif sym.type == C.STT_SECTION:
                # a (damaged) section symbol naming no section: elf_link_input_bfd writes an
                # SHN_ABS one as symbol 0 and fails the link on any other once it is used
                table.append((0, 0) if sym.shndx == C.SHN_ABS else (_NO_SECTION, 0))
            elif mapping[sym.index] >= 0:
                table.append((mapping[sym.index], 0))
            else:
                table.append((_LAZY, 0))
        else:
            g = globals_[sym.name]
            target = section_of(g.obj, g.sym.shndx) if g.defined else None
            gone = target is not None and target.output in (None, DISCARDED)
            table.append((None if gone else g, 0))
    return table


def relocate(sec: I.InputSection, table, mapping, syms, shndx, globals_) -> list:
    """The input section's relocations moved to output terms: (offset, symbol, type, addend)
    where symbol is an output index, a GlobalSymbol (index known later) or None (discarded)."""
    obj = sec.obj
    out = []
    append = out.append
    base = sec.output_offset
    last_offset = base
    eh = sec.eh
    nsyms = len(obj.symbols)
    # ld -r copies a relocation whose offset lies outside its section without complaint
    for off, info, addend in I.raw_relocs(sec.relocs):
        symidx = info >> 32
        if symidx >= nsyms:
            raise I.bad_symbol_index(sec.relocs, symidx, nsyms, off)
        rtype = info & 0xFFFFFFFF
        if eh is not None:
            moved = ehframe.map_offset(eh, off)
            if moved is None:
                # its CIE/FDE was dropped: ld turns it into R_*_NONE at the previous offset
                append((last_offset, 0, 0, 0))
                continue
            off = moved
        last_offset = base + off
        ref, delta = table[symidx]
        if ref is _LAZY:
            # skipped earlier (a local label): ld writes it now that it is needed
            sym = obj.symbols[symidx]
            ref = mapping[symidx] = len(syms)
            syms.append(placed_symbol(sym, section_of(obj, sym.shndx), shndx))
            table[symidx] = (ref, 0)
        elif ref is _NO_SECTION:
            raise LinkError("ld: final link failed: bad value")
        elif ref is None and not sec.bfd & I.SEC_DEBUGGING and sec.name != ".eh_frame":
            raise LinkError(_discarded_reference(sec, obj.symbols[symidx], globals_))
        append((last_offset, ref, rtype, addend + delta))
    return out


def _discarded_reference(sec: I.InputSection, sym: I.InputSymbol, globals_) -> str:
    obj = sec.obj
    if sym.index < obj.first_global:
        where = section_of(obj, sym.shndx)
    else:
        g = globals_[sym.name]
        where = section_of(g.obj, g.sym.shndx)
    name = where.name if sym.type == C.STT_SECTION else sym.name
    # ld's own wording, printed without its program-name prefix
    return (f"`{name}' referenced in section `{sec.name}' of {obj.path}: "
            f"defined in discarded section `{where.name}' of {where.obj.path}")
