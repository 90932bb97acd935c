"""``ld -r [-T script] [--build-id=sha1]``: the whole link, in-process.

Stages, each a faithful step of GNU ld 2.40 for relocatable output:

1. read the inputs (:mod:`inputs`), resolve globals (:mod:`symbols`);
2. map input sections to output sections and order them (:mod:`placement`);
3. lay out each output section (input offsets with alignment padding, BYTE data) and walk the
   statements with a location counter to give script sections without an address theirs;
4. build the symbol table: section symbols, then each input's locals in the order ld first
   touches the input, then globals in hash-table order;
5. rewrite relocations against output sections and symbols;
6. write the file (:mod:`writer`) and fill in the build-id.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

from pymodpost.arch import target as T
from pymodpost.arch.target import Target
from pymodpost.elf import constants as C
from pymodpost.link import ehframe
from pymodpost.link import inputs as I
from pymodpost.link.default_scripts import default_script
from pymodpost.link.errors import LinkError
from pymodpost.link.gnu_property import SECTION, merge_properties
from pymodpost.link.groups import allocate_group_members, discard_duplicate_groups, group_contents
from pymodpost.link.placement import DISCARDED, Layout, OutputSection
from pymodpost.link.relocate import (is_local_label_name, placed_symbol, reference_table, relocate,
                                     section_of)
from pymodpost.link.script import AlignDot, DataItem, LinkerScript, SymbolAssign
from pymodpost.link.symbols import GlobalSymbol, define_script_symbols, resolve
from pymodpost.link.writer import U64, OutSym, check_output_size, write_relocatable


class LinkOptions(NamedTuple):
    emulation: str | None = None  # ld -m; None: the target of the first input's machine
    build_id: bool = False  # --build-id=sha1
    stack_note: str | None = None  # "noexecstack" / "execstack" from -z
    force_group_allocation: bool = False  # --force-group-allocation
    script: LinkerScript | None = None


class LinkResult(NamedTuple):
    data: bytes
    output_sections: list[OutputSection]
    warnings: tuple[str, ...] = ()  # ld's warning lines, to print on stderr


def _align(value: int, power_or_bytes: int, *, is_power: bool = True) -> int:
    a = 1 << power_or_bytes if is_power else max(power_or_bytes, 1)
    return (value + a - 1) & -a


def link(inputs: list[tuple[str, bytes]], options: LinkOptions) -> LinkResult:
    """Link ``(path, bytes)`` inputs into one relocatable object; raises :class:`LinkError`."""
    if not inputs:
        raise LinkError("ld: no input files")
    objects = [I.read_object(path, data) for path, data in inputs]
    target = T.by_emulation(options.emulation) if options.emulation else T.for_machine(objects[0].machine)
    if target is None and options.emulation:
        raise LinkError(f"ld: unrecognised emulation mode: {options.emulation}")
    machine = target.machine if target else objects[0].machine
    for obj in objects:
        if obj.machine != machine:
            raise LinkError(_incompatible(obj, machine))
    if target is None:
        raise LinkError(f"ld: {objects[0].path}: unsupported machine {machine}")
    _merged_notes(objects, target)
    discard_duplicate_groups(objects)
    if options.force_group_allocation:
        allocate_group_members(objects)
    script = options.script or default_script(target)
    build_id = None
    if options.build_id:
        first = next((o for o in objects if len(o.sections) > 1), None)
        if first is not None:
            build_id = I.build_id_section(first)
    globals_ = resolve(objects)
    extra = [build_id] if build_id is not None else []
    if options.stack_note is not None and not any(
            s.name == ".note.GNU-stack" for s in objects[0].sections):
        # ld -r -z [no]execstack adds the note the assembler would have written
        extra.append(I.stack_note_section(objects[0], options.stack_note == "execstack"))
    layout = Layout(script, objects, extra)
    warnings = _stack_note_flags(objects, target) if options.stack_note is None else ()
    if target.edits_eh_frame:
        _edit_eh_frame(layout, globals_)
    out_secs = [s for s in layout.sections if s.members]
    script_symbols = _size_and_place(layout, out_secs)
    define_script_symbols(globals_, script_symbols)
    return LinkResult(_emit(objects, target, out_secs, globals_, build_id), out_secs, warnings)


def _points_into_discarded(sec: I.InputSection, reloc, globals_) -> bool:
    obj, symidx = sec.obj, reloc[1]
    if symidx == 0:
        return False
    if symidx < obj.first_global:
        target = section_of(obj, obj.symbols[symidx].shndx)
    else:
        g = globals_[obj.symbols[symidx].name]
        target = section_of(g.obj, g.sym.shndx) if g.defined else None
    return target is not None and target.output in (None, DISCARDED)


def _edit_eh_frame(layout: Layout, globals_) -> None:
    out = next((s for s in layout.sections if s.name == ".eh_frame"), None)
    if out is None:
        return
    inputs = [m for m in out.members if isinstance(m, I.InputSection)]
    ehframe.edit_output(
        inputs,
        lambda sec: I.read_relocs(sec.relocs, len(sec.obj.symbols)) if sec.relocs else [],
        lambda sec, reloc: _points_into_discarded(sec, reloc, globals_))
    ehframe.pad_inputs(inputs, 1 << out.align_power)


def _stack_note_flags(objects: list[I.InputObject], target: Target) -> tuple[str, ...]:
    """Without -z [no]execstack ld decides the stack from the inputs
    (``bfd_elf_size_dynamic_sections``): an executable note, or -- on x86-64, whose backend
    defaults to an executable stack -- an input without a note, makes the output note
    executable in a relocatable link, with a warning."""
    notesec = noteobj = emptyobj = None
    for obj in objects:
        note = next((s for s in obj.sections if s.name == ".note.GNU-stack"), None)
        if note is not None:
            notesec = note
            if note.bfd & I.SEC_CODE:
                noteobj = obj
                break
        elif target.default_execstack:
            emptyobj = obj
    if notesec is None or (noteobj is None and emptyobj is None):
        return ()
    if notesec.output is not None and notesec.output is not DISCARDED:
        notesec.output.flags |= I.SEC_CODE
    if noteobj is not None:
        return (f"ld: warning: {noteobj.path}: requires executable stack (because the "
                f".note.GNU-stack section is executable)",)
    return (f"ld: warning: {emptyobj.path}: missing .note.GNU-stack section implies executable "
            f"stack",
            "ld: NOTE: This behaviour is deprecated and will be removed in a future version of "
            "the linker")


def _merged_notes(objects: list[I.InputObject], target: Target) -> None:
    """ld rewrites these from all inputs (GNU properties, RISC-V attributes) instead of
    concatenating them.  x86's GNU properties are merged as BFD does (6.12's objects carry
    IBT); the rest is not re-created, so refuse rather than differ (kbuild passes
    -mno-riscv-attribute; riscv objects carry no property notes)."""
    if target.merges_gnu_properties:
        merge_properties(objects)
    else:
        props = [o for o in objects if any(s.name == SECTION for s in o.sections)]
        if props:
            raise LinkError(f"ld: {props[0].path}: .note.gnu.property merging is not supported by "
                            f"pymodpost-ld")
    attrs = [o for o in objects if any(s.type == C.SHT_RISCV_ATTRIBUTES for s in o.sections)]
    if len(attrs) > 1:
        raise LinkError(f"ld: {attrs[1].path}: merging .riscv.attributes of several inputs is "
                        f"not supported by pymodpost-ld")


def _incompatible(obj: I.InputObject, machine: int) -> str:
    # ld first complains per relocation section, then gives up with this line
    return f"ld: {obj.path}: error adding symbols: file in wrong format"


def _size_and_place(layout: Layout, out_secs: list[OutputSection]) -> list[tuple[str, OutputSection, int]]:
    """Lay out each output section and give script sections without an address theirs, walking
    the statements with ld's location counter (``.``) as ``lang_size_sections`` does; returns
    the symbols the script assigns, as (name, section, offset in it).

    Only script sections without an address end up somewhere other than 0.  ``. = ALIGN(n)``
    aligns the absolute location counter, so inside such a section it pads by what the
    section's own address leaves over."""
    assigned: list[tuple[str, OutputSection, int]] = []
    placed: set[int] = set()
    dot = 0
    for st in layout.statements[1:]:
        out = st.bfd
        if out is None or not out.members:
            continue
        if st.script is not None and st.script.align:
            out.align_power = max(out.align_power, st.script.align.bit_length() - 1)
        address = st.address
        if address is None:
            address = _align(dot, out.align_power)
        out.vma = address
        _size_members(out, assigned)
        placed.add(id(out))
        if out.flags & I.SEC_ALLOC:
            dot = address + out.size
    for out in out_secs:
        if id(out) not in placed:
            _size_members(out, assigned)
    return assigned


def _size_members(out: OutputSection, assigned: list) -> None:
    pos = 0
    for m in out.members:
        if isinstance(m, I.InputSection):
            pos = _align(pos, m.align_power)
            m.output_offset = pos
            pos += m.size
        elif isinstance(m, DataItem):
            pos += m.width
        elif isinstance(m, AlignDot):
            pos = _align(out.vma + pos, m.alignment, is_power=False) - out.vma
        elif isinstance(m, SymbolAssign):
            assigned.append((m.name, out, pos))
    out.size = pos


# --- the symbol table and relocations --------------------------------------------------------

def _input_order(objects: list[I.InputObject],
                 out_secs: list[OutputSection]) -> list[I.InputObject]:
    """Inputs in the order ld's final pass first reaches one of their sections."""
    seen: dict[int, I.InputObject] = {}
    for out in out_secs:
        for m in out.members:
            if isinstance(m, I.InputSection) and not m.bfd & I.SEC_LINKER_CREATED:
                seen.setdefault(id(m.obj), m.obj)
    for obj in objects:
        seen.setdefault(id(obj), obj)
    return list(seen.values())


def _emit(objects, target: Target, out_secs, globals_: dict[str, GlobalSymbol], build_id) -> bytes:
    # section header indices: each output section, then its .rela if it has relocations
    has_relocs = {id(out): any(isinstance(m, I.InputSection) and m.relocs is not None
                               and m.relocs.size for m in out.members) for out in out_secs}
    # BFD numbers section groups before everything else (assign_section_numbers)
    by_index = ([o for o in out_secs if o.elf_type == C.SHT_GROUP]
                + [o for o in out_secs if o.elf_type != C.SHT_GROUP])
    shndx: dict[int, int] = {}
    n = 1
    for out in by_index:
        shndx[id(out)] = n
        n += 2 if has_relocs[id(out)] else 1

    syms: list[OutSym] = [OutSym("", 0, 0, 0, 0, C.SHN_UNDEF)]
    section_sym: dict[int, int] = {}
    for out in by_index:
        section_sym[id(out)] = len(syms)
        syms.append(OutSym("", 0, 0, (C.STB_LOCAL << 4) | C.STT_SECTION, 0, shndx[id(out)]))

    discard_l = target.discards_local_labels
    reloc_lists: dict[int, list] = {}
    local_maps: dict[int, list[int]] = {}  # input object -> its locals' output indices
    for obj in _input_order(objects, out_secs):
        mapping = [-1] * obj.first_global
        local_maps[id(obj)] = mapping
        have_file = False
        for sym in obj.symbols[1:obj.first_global]:
            if sym.shndx == C.SHN_UNDEF or sym.type == C.STT_SECTION:
                continue
            sec = section_of(obj, sym.shndx)
            if sym.shndx < C.SHN_LORESERVE:
                if sec is None or sec.output is None or sec.output is DISCARDED:
                    continue
            if discard_l and is_local_label_name(sym.name):
                continue  # written later if a relocation needs it
            if sym.type == C.STT_FILE:
                have_file = True
            if not have_file:
                have_file = True
                syms.append(OutSym(obj.basename, 0, 0, (C.STB_LOCAL << 4) | C.STT_FILE, 0,
                                   C.SHN_ABS))
            mapping[sym.index] = len(syms)
            syms.append(placed_symbol(sym, sec, shndx))
        table = None
        for sec in obj.sections:
            if (sec.relocs is not None and sec.relocs.size and sec.output is not None
                    and sec.output is not DISCARDED):
                if table is None:
                    table = reference_table(obj, globals_, mapping, section_sym)
                reloc_lists[id(sec)] = relocate(sec, table, mapping, syms, shndx, globals_)
    first_global = len(syms)

    from pymodpost.link.hashorder import traversal_order
    names = list(globals_)
    for i in traversal_order([nm.encode("utf-8", "surrogateescape") for nm in names]):
        g = globals_[names[i]]
        other = (g.sym.other if g.defined else 0) & ~3 | g.visibility
        if g.script is not None:
            out, offset = g.script
            g.out_index = len(syms)
            syms.append(OutSym(g.name, offset, 0, (C.STB_GLOBAL << 4) | C.STT_NOTYPE, other, shndx[id(out)]))
        elif g.defined:
            sec = section_of(g.obj, g.sym.shndx)
            if sec is not None and (sec.output is None or sec.output is DISCARDED):
                continue  # defined in a discarded section: ld's default --strip-discarded

            if sec is not None:
                value, ndx = g.sym.value + sec.output_offset, shndx[id(sec.output)]
            else:
                value, ndx = g.sym.value, g.sym.shndx
            g.out_index = len(syms)
            syms.append(OutSym(g.name, value, g.sym.size, g.sym.info, other, ndx))
        elif g.common:
            g.out_index = len(syms)
            bind = C.STB_GLOBAL if g.strong_ref else C.STB_WEAK
            syms.append(OutSym(g.name, g.common_align, g.common_size, (bind << 4) | g.type, other,
                               C.SHN_COMMON))
        else:
            bind = C.STB_GLOBAL if g.strong_ref else C.STB_WEAK
            g.out_index = len(syms)
            syms.append(OutSym(g.name, 0, g.ref_size, (bind << 4) | g.type, other, C.SHN_UNDEF))

    contents: dict[int, bytearray] = {}
    relocs: dict[int, bytearray] = {}
    for out in out_secs:
        if out.elf_type != C.SHT_NOBITS:
            check_output_size(out.size)
        buf = bytearray(out.size) if out.elf_type != C.SHT_NOBITS else bytearray()
        rel: list[tuple[int, int, int]] = []
        last_dropped = None  # output offset of the last relocation dropped from a debug section
        pos = 0
        code_fill = target.code_fill if out.flags & I.SEC_CODE else None
        for m in out.members:
            if isinstance(m, I.InputSection):
                if m.output_offset > pos and code_fill and buf:
                    buf[pos:m.output_offset] = code_fill(m.output_offset - pos)
                if m.type != C.SHT_NOBITS and buf:
                    buf[m.output_offset:m.output_offset + m.size] = m.data
                pos = m.output_offset + m.size
                append = rel.append
                for off, ref, rtype, addend in reloc_lists.get(id(m), ()):
                    if ref.__class__ is int:
                        append((off, (ref << 32) | rtype, addend))
                    elif ref is None and rtype in target.unrelocated_types:
                        append((off, rtype, addend))
                    elif ref is None:
                        # against a discarded section: ld clears the field; in debug sections
                        # it drops the relocation, elsewhere keeps it as R_*_NONE
                        if buf:
                            _clear_field(buf, off, m, *target.howto_field(rtype))
                        if m.bfd & I.SEC_DEBUGGING:
                            last_dropped = off
                        else:
                            append((off, 0, 0))
                    else:
                        append((off, (ref.out_index << 32) | rtype, addend))
            elif isinstance(m, DataItem):
                if buf:
                    buf[pos:pos + m.width] = (m.value & ((1 << (8 * m.width)) - 1)).to_bytes(
                        m.width, "little")
                pos += m.width
            elif isinstance(m, AlignDot):
                end = _align(out.vma + pos, m.alignment, is_power=False) - out.vma
                if end > pos and code_fill and buf:
                    buf[pos:end] = code_fill(end - pos)
                pos = end
        contents[id(out)] = buf
        if not rel and last_dropped is not None:
            # RELOC_AGAINST_DISCARDED_SECTION drops one only while the output section keeps
            # another ("Avoid empty output section"): the last stays, as R_*_NONE
            rel.append((last_dropped, 0, 0))
        if rel:
            # ld stable-sorts every output relocation section by offset
            # (elf_link_adjust_relocs): objtool appends its own relocations out of order
            rel.sort(key=_first)
            # BFD's bfd_vma arithmetic wraps at 64 bits (a damaged ~2**64 .bss before this
            # section): so do offsets and addends here, written as their two's complement
            relocs[id(out)] = struct.pack("<" + "QQQ" * len(rel),
                                          *[v & U64 for entry in rel for v in entry])
    group_info: dict[int, int] = {}
    rela_in_group: set[int] = set()
    for out in out_secs:
        if out.elf_type != C.SHT_GROUP:
            continue
        grp = out.members[0]
        contents[id(out)], group_info[id(out)] = group_contents(grp, shndx, has_relocs,
                                                                 globals_, local_maps)
        for m in grp.members:
            if m.relocs is not None and m.relocs.flags & C.SHF_GROUP and m.output is not None:
                rela_in_group.add(id(m.output))
    return write_relocatable(target, objects, by_index, contents, relocs, syms, first_global,
                             section_sym, build_id, group_info, rela_in_group, out_secs)


def _clear_field(buf: bytearray, out_offset: int, sec: I.InputSection, width: int,
                 dst_mask: int) -> None:
    """BFD's ``_bfd_clear_contents``: zero the bits of a relocation's field that the howto's
    dst_mask names, when the whole field lies inside its input section."""
    if not width or out_offset - sec.output_offset + width > sec.size:
        return
    value = int.from_bytes(buf[out_offset:out_offset + width], "little") & ~dst_mask
    if sec.name == ".debug_ranges" and dst_mask & 1:
        # a zero would end the range list early and hide the entries after it
        value |= 1
    buf[out_offset:out_offset + width] = value.to_bytes(width, "little")


def _first(entry: tuple) -> int:
    return entry[0]
