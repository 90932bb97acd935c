"""Which output section each input section goes to, and in what order the output sections come.

This follows GNU ld 2.40 for ``-r`` links step by step, because the order of the output
sections (and so of section headers, symbols and file offsets) falls out of those steps:

1. the script's input clauses claim sections, statement by statement, file by file;
2. every remaining section is an *orphan*, placed one at a time in input order by
   ``ldelf_place_orphan``: same-named output section if compatible, else a new output
   section put after a related one chosen by BFD flags (``lang_output_section_find_by_flags``);
3. ``lang_insert_orphan`` moves the new section within two lists: the output *statement*
   list (which gives addresses: the location counter walks it) and the BFD *section* list
   (which gives the order of the section headers).

Both lists are modelled as Python lists of objects; "insert after X" is what ld's
``place->section`` / ``place->os_tail`` pointers amount to.
"""

from __future__ import annotations

from pymodpost.elf import constants as C
from pymodpost.link import inputs as I
from pymodpost.link.errors import LinkError
from pymodpost.link.script import DISCARD, AlignDot, DataItem, InputClause, LinkerScript, SymbolAssign

#: sentinel output for discarded input sections
DISCARDED = object()

SPECIAL = 2  # a second output section with an existing name (ld's constraint SPECIAL)
DISABLED = -1  # an ONLY_IF_RO/ONLY_IF_RW statement whose condition failed

# name -> (ELF type, ELF flags) that BFD gives a new output section of that name
# (elf.c's special_sections tables; "prefix" entries also match NAME.anything)
_SPECIAL_EXACT = {
    ".comment": (C.SHT_PROGBITS, 0), ".debug": (C.SHT_PROGBITS, 0),
    ".debug_line": (C.SHT_PROGBITS, 0), ".debug_info": (C.SHT_PROGBITS, 0),
    ".debug_abbrev": (C.SHT_PROGBITS, 0), ".debug_aranges": (C.SHT_PROGBITS, 0),
    ".data1": (C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_WRITE),
    ".fini": (C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_EXECINSTR),
    ".init": (C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_EXECINSTR),
    ".got": (C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_WRITE),
    ".plt": (C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_EXECINSTR),
    ".interp": (C.SHT_PROGBITS, 0), ".line": (C.SHT_PROGBITS, 0),
    ".note.GNU-stack": (C.SHT_PROGBITS, 0),
    ".rodata1": (C.SHT_PROGBITS, C.SHF_ALLOC),
    ".ctf": (C.SHT_PROGBITS, 0),
}
_SPECIAL_DOTTED = {  # NAME or NAME.*
    ".bss": (C.SHT_NOBITS, C.SHF_ALLOC | C.SHF_WRITE),
    ".data": (C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_WRITE),
    ".fini_array": (C.SHT_FINI_ARRAY, C.SHF_ALLOC | C.SHF_WRITE),
    ".init_array": (C.SHT_INIT_ARRAY, C.SHF_ALLOC | C.SHF_WRITE),
    ".preinit_array": (C.SHT_PREINIT_ARRAY, C.SHF_ALLOC | C.SHF_WRITE),
    ".rodata": (C.SHT_PROGBITS, C.SHF_ALLOC),
    ".text": (C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_EXECINSTR),
    ".tbss": (C.SHT_NOBITS, C.SHF_ALLOC | C.SHF_WRITE | C.SHF_TLS),
    ".tdata": (C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_WRITE | C.SHF_TLS),
    ".noinit": (C.SHT_NOBITS, C.SHF_ALLOC | C.SHF_WRITE),
    ".persistent": (C.SHT_PROGBITS, C.SHF_ALLOC | C.SHF_WRITE),
}
_SPECIAL_PREFIX = {  # any name starting with these
    ".note": (C.SHT_NOTE, 0), ".rela": (C.SHT_RELA, 0), ".rel": (C.SHT_REL, 0),
}


def special_section(name: str) -> tuple[int, int]:
    if name in _SPECIAL_EXACT:
        return _SPECIAL_EXACT[name]
    base = name.split(".", 2)
    if len(base) >= 2:
        head = "." + base[1]
        if head in _SPECIAL_DOTTED and (name == head or name.startswith(head + ".")):
            return _SPECIAL_DOTTED[head]
    for prefix in (".note", ".rela", ".rel"):
        if name.startswith(prefix):
            if prefix == ".note" and name == ".note.GNU-stack":
                break
            return _SPECIAL_PREFIX[prefix]
    return (C.SHT_NULL, 0)


class OutputSection:
    """An output BFD section: what ends up as one section header (plus its .rela)."""

    __slots__ = ("name", "flags", "elf_type", "elf_flags", "align_power", "entsize", "has_input",
                 "members", "statement", "vma", "size", "grouped", "linked_to")

    def __init__(self, name: str, flags: int, elf_type: int, elf_flags: int,
                 statement: "Statement | None" = None):
        self.name = name
        self.flags = flags  # BFD flags
        self.elf_type = elf_type
        self.elf_flags = elf_flags  # OS/processor bits (before any input: special-section bits)
        self.align_power = 0
        self.entsize = 0
        self.has_input = False
        self.members: list = []  # in order: InputSection, DataItem, AlignDot or SymbolAssign
        self.statement = statement
        self.vma = 0
        self.size = 0
        self.grouped = False  # holds a section group or a member of one
        #: SHF_LINK_ORDER: the input section the first input links to (BFD's
        #: elf_linked_to_section, copied from the first input by _bfd_elf_init_private_section_data)
        self.linked_to: I.InputSection | None = None


class Statement:
    """An output section statement (from the script, or made for an orphan)."""

    __slots__ = ("name", "script", "bfd", "flags", "constraint")

    def __init__(self, name: str, script=None, constraint: int = 0):
        self.name = name
        self.script = script  # script.OutputSection or None
        self.bfd: OutputSection | None = None
        self.flags = 0  # ld's os->flags: only set for the orphan category anchors
        self.constraint = constraint

    @property
    def address(self) -> int | None:
        if self.script is not None:
            return self.script.address
        return 0  # orphans get address 0 in a relocatable link


class _Place:
    """ld's ``struct orphan_save``: where the last orphan of one category went."""

    __slots__ = ("name", "flags", "os", "section_after", "stmt_after")

    def __init__(self, name: str | None, flags: int):
        self.name = name
        self.flags = flags
        self.os: Statement | None = None
        self.section_after: object = None  # None: unset; HEAD: list head; else OutputSection
        self.stmt_after: Statement | None = None  # set once a statement has been placed


HEAD = object()


def _hold_table() -> dict[str, _Place]:
    ro = I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD | I.SEC_READONLY
    return {
        "text": _Place(".text", ro | I.SEC_CODE),
        "rodata": _Place(".rodata", ro | I.SEC_DATA),
        "tdata": _Place(".tdata", I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD | I.SEC_DATA
                        | I.SEC_THREAD_LOCAL),
        "data": _Place(".data", I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD | I.SEC_DATA),
        "bss": _Place(".bss", I.SEC_ALLOC),
        "rel": _Place(None, ro | I.SEC_DATA),
        "interp": _Place(".interp", ro | I.SEC_DATA),
        "sdata": _Place(".sdata", I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD | I.SEC_DATA
                        | I.SEC_SMALL_DATA),
        "nonalloc": _Place(".comment", I.SEC_HAS_CONTENTS),
    }


def _in_group(sec: I.InputSection) -> bool:
    """ld's ``unique_section_p`` for a relocatable link: a section group and its members each
    get an output section of their own and are never matched by script clauses."""
    return sec.type == C.SHT_GROUP or sec.group is not None


def _is_load_note(elf_type: int, flags: int) -> bool:
    return elf_type == C.SHT_NOTE and bool(flags & I.SEC_LOAD)


class Layout:
    """Runs the mapping and holds its result: statement order and section order."""

    def __init__(self, script: LinkerScript, objects: list[I.InputObject],
                 extra: list[I.InputSection] = ()):
        self.objects = objects
        #: sections ld adds to an input (the build-id note, -z [no]execstack's .note.GNU-stack),
        #: placed after that input's own sections, in the order given
        self.extra = list(extra)
        # the statement list starts with ld's *ABS* pseudo statement
        self.head = Statement("*ABS*")
        self.statements: list[Statement] = [self.head]
        self.sections: list[OutputSection] = []  # BFD section list
        self.hold = _hold_table()
        self.orphan_init_done = False
        self.first_orphan_note: OutputSection | None = None
        for out in script.sections:
            self.statements.append(Statement(out.name, script=out))
        self._map_script()
        self._place_orphans()

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def linkable(sec: I.InputSection) -> bool:
        """Sections BFD shows the linker at all (relocs and symbol tables are not)."""
        return sec.index > 0 and sec.type not in (C.SHT_RELA, C.SHT_REL, C.SHT_SYMTAB,
                                                   C.SHT_STRTAB, C.SHT_SYMTAB_SHNDX)

    def _init_os(self, st: Statement, flags: int) -> OutputSection:
        elf_type, elf_flags = special_section(st.name)
        sec = OutputSection(st.name, flags, elf_type, elf_flags, statement=st)
        st.bfd = sec
        self.sections.append(sec)
        return sec

    def _add_data(self, st: Statement, item) -> None:
        f = I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD
        out = st.bfd or self._init_os(st, f | I.SEC_READONLY)
        out.flags |= f
        out.members.append(item)

    def _add_section(self, st: Statement, sec: I.InputSection) -> None:
        """``lang_add_section``: attach and merge flags as ld does."""
        if st.name == DISCARD:
            sec.output = DISCARDED
            return
        if sec.output is not None:
            return
        flags = sec.bfd
        out = st.bfd or self._init_os(st, flags)
        out.flags &= flags | ~I.SEC_READONLY
        if out.has_input:
            flags &= ~I.SEC_READONLY
            merge = I.SEC_MERGE | I.SEC_STRINGS
            if ((out.flags & merge) != (flags & merge)
                    or (flags & I.SEC_MERGE and out.entsize != sec.entsize)):
                out.flags &= ~(I.SEC_MERGE | I.SEC_STRINGS)
                flags &= ~(I.SEC_MERGE | I.SEC_STRINGS)
        out.flags |= flags
        if not out.has_input:
            out.has_input = True
            out.grouped = _in_group(sec)
            # bfd_init_private_section_data: the ELF type comes from the first input when the
            # flags agree; the OS/processor flag bits are copied from it
            if out.elf_type in (C.SHT_PROGBITS, C.SHT_NOTE, C.SHT_NOBITS):
                out.elf_type = C.SHT_NULL
            if out.elf_type == C.SHT_NULL and out.flags == sec.bfd:
                out.elf_type = sec.type
            out.elf_flags = sec.flags & (C.SHF_MASKOS | C.SHF_MASKPROC)
            if sec.flags & C.SHF_LINK_ORDER and 0 < sec.link < len(sec.obj.sections):
                out.elf_flags |= C.SHF_LINK_ORDER
                out.linked_to = sec.obj.sections[sec.link]
            if flags & I.SEC_MERGE:
                out.entsize = sec.entsize
        out.align_power = max(out.align_power, sec.align_power)
        sec.output = out
        out.members.append(sec)

    # -- step 1: the script's clauses -------------------------------------------------------

    def _map_script(self) -> None:
        linkable = [sec for obj in self.objects for sec in obj.sections if self.linkable(sec)]
        for st in self.statements[1:]:
            script = st.script
            if script.constraint is not None:
                candidates = [sec for sec in linkable if sec.output is None
                              and any(isinstance(c, InputClause)
                                      and c.matches(sec.obj.path, sec.name)
                                      for c in script.items)]
                all_ro = all(sec.bfd & I.SEC_READONLY for sec in candidates)
                if all_ro != (script.constraint == "RO"):
                    st.constraint = DISABLED
                    continue
                st.constraint = 1
            for item in script.items:
                if isinstance(item, InputClause):
                    matched = [sec for sec in linkable if sec.output is None
                               and (st.name == DISCARD or not _in_group(sec))
                               and item.matches(sec.obj.path, sec.name)]
                    if item.sorted:
                        # SORT applies per pattern; module.lds only sorts single-pattern clauses
                        matched.sort(key=lambda s: s.name.encode("utf-8", "surrogateescape"))
                    for sec in matched:
                        self._add_section(st, sec)
                elif isinstance(item, DataItem):
                    if st.name != DISCARD:
                        self._add_data(st, item)
                elif isinstance(item, (AlignDot, SymbolAssign)):
                    if st.name == DISCARD:
                        raise LinkError("ld: an assignment in /DISCARD/ is not supported by pymodpost-ld")
                    # an assignment (to dot or a symbol) makes ld create the output section
                    # at once and keep it even when no input joins it (os->update_dot);
                    # its BFD flags stay 0 unless inputs bring theirs
                    out = st.bfd or self._init_os(st, 0)
                    out.members.append(item)

    # -- step 2 and 3: orphans --------------------------------------------------------------

    def _place_orphans(self) -> None:
        for obj in self.objects:
            for sec in obj.sections:
                if self.linkable(sec) and sec.output is None:
                    self._place_orphan(sec)
            for sec in self.extra:
                if sec.obj is obj:
                    self._place_orphan(sec)

    def _find(self, name: str) -> Statement | None:
        for st in self.statements[1:]:
            if st.name == name and st.constraint >= 0:
                return st
        return None

    def _compatible(self, sec: I.InputSection, out: OutputSection) -> bool:
        """``elf_orphan_compatible`` for a relocatable link."""
        if sec.info != 0 and not sec.flags & C.SHF_INFO_LINK:
            return False
        if sec.info != 0:
            return False
        if out.grouped or (out.elf_flags ^ sec.flags) & (C.SHF_MASKPROC | C.SHF_MASKOS):
            return False
        return out.elf_type == sec.type

    def _place_orphan(self, sec: I.InputSection) -> None:
        name = sec.name
        constraint = SPECIAL if _in_group(sec) else 0
        match_by_name = None
        for st in self.statements[1:]:
            if constraint or st.name != name or st.constraint < 0:
                continue
            constraint = SPECIAL
            out = st.bfd
            if out is not None and (out.flags == 0 or (
                    not (sec.bfd ^ out.flags) & (I.SEC_LOAD | I.SEC_ALLOC)
                    and self._compatible(sec, out))):
                self._add_section(st, sec)
                return
            if out is None:
                match_by_name = st
        if match_by_name is not None:
            self._add_section(match_by_name, sec)
            return
        if not self.orphan_init_done:
            for place in self.hold.values():
                if place.name is not None:
                    place.os = self._find(place.name)
                    if place.os is not None and place.os.flags == 0:
                        place.os.flags = place.flags
            self.orphan_init_done = True

        flags = sec.bfd
        place = None
        if not flags & (I.SEC_ALLOC | I.SEC_DEBUGGING):
            place = self.hold["nonalloc"]
        elif not flags & I.SEC_ALLOC:
            place = None
        elif flags & I.SEC_LOAD and sec.type == C.SHT_NOTE:
            place = self.hold["interp"]
        elif not flags & (I.SEC_LOAD | I.SEC_HAS_CONTENTS | I.SEC_THREAD_LOCAL):
            place = self.hold["bss"]
        elif flags & I.SEC_SMALL_DATA:
            place = self.hold["sdata"]
        elif flags & I.SEC_THREAD_LOCAL:
            place = self.hold["tdata"]
        elif not flags & I.SEC_READONLY:
            place = self.hold["data"]
        elif flags & I.SEC_LOAD and sec.type in (C.SHT_RELA, C.SHT_REL):
            place = self.hold["rel"]
        elif not flags & I.SEC_CODE:
            place = self.hold["rodata"]
        else:
            place = self.hold["text"]

        after = None
        if place is not None:
            if place.os is None and place.name is not None:
                place.os = self._find(place.name)
            after = place.os
            if after is None:
                after, exact = self._find_by_flags(sec, flags, True)
                if exact is not None:
                    place.os = exact
            if after is None:
                after = self.head
        self._insert_orphan(sec, name, constraint, after, place)

    def _look_flags(self, look: Statement, sec: I.InputSection, match_type: bool):
        """(flags to compare, or None when the statement is skipped for a type mismatch)."""
        if look.bfd is not None:
            if match_type and look.bfd.elf_type != sec.type:
                return None
            return look.bfd.flags
        return look.flags

    def _find_by_flags(self, sec: I.InputSection, sec_flags: int, match_type: bool):
        """``lang_output_section_find_by_flags``: returns (after, exact match or None)."""
        first = self.statements[1:]
        found = None
        for look in first:
            lf = self._look_flags(look, sec, match_type)
            if lf is None:
                continue
            if not (lf ^ sec_flags) & (I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD
                                       | I.SEC_READONLY | I.SEC_CODE | I.SEC_SMALL_DATA
                                       | I.SEC_THREAD_LOCAL):
                found = look
        if found is not None:
            return found, found

        alloc = sec_flags & I.SEC_ALLOC
        if sec_flags & I.SEC_CODE and alloc:
            mask = (I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD | I.SEC_CODE | I.SEC_SMALL_DATA
                    | I.SEC_THREAD_LOCAL)
            for look in first:
                lf = self._look_flags(look, sec, match_type)
                if lf is not None and not (lf ^ sec_flags) & mask:
                    found = look
        elif sec_flags & I.SEC_READONLY and alloc:
            for look in first:
                lf = self._look_flags(look, sec, match_type)
                if lf is None:
                    continue
                differ = lf ^ sec_flags
                if (not differ & (I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD | I.SEC_READONLY
                                  | I.SEC_SMALL_DATA)
                        or (not differ & (I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD
                                          | I.SEC_READONLY)
                            and not lf & I.SEC_SMALL_DATA)):
                    found = look
        elif sec_flags & I.SEC_THREAD_LOCAL and alloc:
            seen_tls = False
            for look in first:
                lf = look.bfd.flags if look.bfd is not None else look.flags
                differ = lf ^ (sec_flags | I.SEC_LOAD | I.SEC_HAS_CONTENTS)
                if not differ & (I.SEC_THREAD_LOCAL | I.SEC_ALLOC):
                    if not lf & I.SEC_LOAD and sec_flags & I.SEC_LOAD:
                        break
                    found = look
                    seen_tls = True
                elif seen_tls:
                    break
                elif not differ & (I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD):
                    found = look
            match_type = False
        elif sec_flags & I.SEC_SMALL_DATA and alloc:
            for look in first:
                lf = self._look_flags(look, sec, match_type)
                if lf is None:
                    continue
                differ = lf ^ sec_flags
                if (not differ & (I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD
                                  | I.SEC_THREAD_LOCAL)
                        or (lf & I.SEC_SMALL_DATA and not sec_flags & I.SEC_HAS_CONTENTS)):
                    found = look
        elif sec_flags & I.SEC_HAS_CONTENTS and alloc:
            mask = (I.SEC_HAS_CONTENTS | I.SEC_ALLOC | I.SEC_LOAD | I.SEC_SMALL_DATA
                    | I.SEC_THREAD_LOCAL)
            for look in first:
                lf = self._look_flags(look, sec, match_type)
                if lf is not None and not (lf ^ sec_flags) & mask:
                    found = look
        elif alloc:
            for look in first:
                lf = self._look_flags(look, sec, match_type)
                if lf is not None and not (lf ^ sec_flags) & I.SEC_ALLOC:
                    found = look
        else:
            for look in first:
                lf = look.bfd.flags if look.bfd is not None else look.flags
                if not (lf ^ sec_flags) & I.SEC_DEBUGGING:
                    found = look
            return found, None
        if found is not None or not match_type:
            return found, None
        return self._find_by_flags(sec, sec_flags, False)[0], None

    # -- lang_insert_orphan -------------------------------------------------------------------

    def _output_prev_sec(self, st: Statement) -> OutputSection | None:
        i = self.statements.index(st)
        for look in reversed(self.statements[:i]):
            if look.constraint >= 0 and look.bfd is not None:
                return look.bfd
        return None

    def _move_section(self, snew: OutputSection, before: OutputSection | None = None,
                      after: OutputSection | None = None, front: bool = False) -> None:
        self.sections.remove(snew)
        if front:
            self.sections.insert(0, snew)
        elif before is not None:
            self.sections.insert(self.sections.index(before), snew)
        elif after is not None:
            self.sections.insert(self.sections.index(after) + 1, snew)
        else:
            self.sections.append(snew)

    def _insert_orphan(self, sec: I.InputSection, name: str, constraint: int,
                       after: Statement | None, place: _Place | None) -> None:
        st = Statement(name, constraint=constraint)
        self.statements.append(st)
        self._add_section(st, sec)
        snew = st.bfd
        if after is None or snew is None:
            return
        place_after = place.stmt_after is None
        insert_after = True
        secs = self.sections

        if place.section_after is None and after is not self.head:
            bfd_section = after.bfd or self._output_prev_sec(after)
            if bfd_section is not None and bfd_section is not snew:
                place.section_after = bfd_section
        if place.section_after is None:
            place.section_after = HEAD
        if place.section_after is HEAD:
            as_ = secs[0] if secs else None
        else:
            i = secs.index(place.section_after)
            as_ = secs[i + 1] if i + 1 < len(secs) else None

        def prev_of(s):
            i = secs.index(s)
            return secs[i - 1] if i > 0 else None

        def next_of(s):
            i = secs.index(s)
            return secs[i + 1] if i + 1 < len(secs) else None

        s_note = _is_load_note(sec.type, sec.bfd)
        if as_ is None:
            self._move_section(snew)
        elif s_note or _is_load_note(as_.elf_type, as_.flags):
            after_sec = None
            after_sec_note = False
            if s_note:
                self.first_orphan_note = None
                for other in secs:
                    if other is not snew and _is_load_note(other.elf_type, other.flags):
                        if self.first_orphan_note is None:
                            self.first_orphan_note = other
                        if other.align_power >= sec.align_power:
                            after_sec = other
                    elif self.first_orphan_note is not None:
                        break
                after_sec_note = self.first_orphan_note is not None
                if after_sec is None and after_sec_note:
                    after_sec = self.first_orphan_note
                    insert_after = False
            elif self.first_orphan_note is not None:
                after_sec_note = True
                after_sec = as_
                for other in secs[secs.index(as_) + 1:]:
                    if _is_load_note(other.elf_type, other.flags):
                        after_sec = other
            if after_sec_note:
                if after_sec is not None:
                    found = False
                    sts = self.statements
                    k = sts.index(after)
                    for j in range(k, len(sts)):
                        nxt = sts[j + 1] if j + 1 < len(sts) else None
                        if insert_after and sts[j].bfd is after_sec or (
                                not insert_after and nxt is not None and nxt.bfd is after_sec):
                            place_after, found, after = True, True, sts[j]
                            break
                    if not found:
                        for j in range(k, -1, -1):
                            nxt = sts[j + 1] if j + 1 < len(sts) else None
                            if insert_after and sts[j].bfd is after_sec or (
                                    not insert_after and nxt is not None and nxt.bfd is after_sec):
                                place_after, after = True, sts[j]
                                break
                if (after_sec is None or (insert_after and next_of(after_sec) is not snew)
                        or (not insert_after and prev_of(after_sec) is not snew)):
                    if after_sec is None:
                        self._move_section(snew, front=True)
                    elif insert_after:
                        self._move_section(snew, after=after_sec)
                    else:
                        self._move_section(snew, before=after_sec)
            elif as_ is not snew and prev_of(as_) is not snew:
                self._move_section(snew, before=as_)
        elif as_ is not snew and prev_of(as_) is not snew:
            self._move_section(snew, before=as_)
        place.section_after = snew

        # the statement list: right after AFTER the first time, then after the previous orphan
        self.statements.remove(st)
        anchor = after if place_after else place.stmt_after
        self.statements.insert(self.statements.index(anchor) + 1, st)
        place.stmt_after = st
