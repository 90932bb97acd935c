"""Global symbol resolution across the inputs, as ``ld -r`` does it.

Each global name gets one entry in the order ld first looks it up (input order, symbol-table
order), which is also the insertion order of ld's hash table and so decides the order of the
output's global symbols (see :mod:`pymodpost.link.hashorder`).
"""

from __future__ import annotations

from pymodpost.elf import constants as C
from pymodpost.link.errors import LinkError
from pymodpost.link.inputs import InputObject, InputSymbol
from pymodpost.link.placement import DISCARDED


class GlobalSymbol:
    __slots__ = ("name", "obj", "sym", "common", "common_size", "common_align", "strong_ref",
                 "type", "ref_size", "visibility", "out_index", "refs", "script")

    def __init__(self, name: str):
        self.name = name
        # the defining (or, for commons, the chosen) input; None while undefined
        self.obj: InputObject | None = None
        self.sym: InputSymbol | None = None
        self.common = False
        self.common_size = 0
        self.common_align = 0
        self.strong_ref = False  # some reference or definition is not weak
        self.type = C.STT_NOTYPE
        self.ref_size = 0
        self.visibility = 0
        self.out_index = -1
        self.refs: list = []  # (obj, sym) of every mention, in order
        #: (output section, offset) when the linker script assigns the symbol (``NAME = .``)
        self.script: tuple | None = None

    @property
    def defined(self) -> bool:
        return self.obj is not None and not self.common


def _in_dropped_group(obj: InputObject, sym: InputSymbol) -> bool:
    """A definition in a section of a discarded duplicate COMDAT group: ld loads it as a mere
    reference (the group was dropped before symbols were read)."""
    if not 0 < sym.shndx < min(len(obj.sections), C.SHN_LORESERVE):
        return False
    return obj.sections[sym.shndx].output is DISCARDED


def _merge_visibility(g: GlobalSymbol, other: int) -> None:
    vis = other & 3
    if vis and (g.visibility == 0 or vis < g.visibility):
        g.visibility = vis


def resolve(objects: list[InputObject]) -> dict[str, GlobalSymbol]:
    """Name -> GlobalSymbol, in first-lookup order (dicts keep insertion order)."""
    table: dict[str, GlobalSymbol] = {}
    for obj in objects:
        for sym in obj.symbols[obj.first_global:]:
            if sym.bind == C.STB_LOCAL:
                raise LinkError(f"ld: {obj.path}: local symbol `{sym.name}' in global part of "
                                f"symbol table")
            g = table.get(sym.name)
            if g is None:
                g = table[sym.name] = GlobalSymbol(sym.name)
            g.refs.append((obj, sym))
            _merge_visibility(g, sym.other)
            weak = sym.bind == C.STB_WEAK
            if sym.shndx == C.SHN_UNDEF or _in_dropped_group(obj, sym):
                if not weak:
                    g.strong_ref = True
                if g.obj is None:
                    if g.type == C.STT_NOTYPE:
                        g.type = sym.type
                    g.ref_size = g.ref_size or sym.size
                continue
            if sym.shndx == C.SHN_COMMON:
                if g.defined:
                    continue  # a real definition beats a common one
                if not weak:
                    g.strong_ref = True
                if g.common:
                    g.common_size = max(g.common_size, sym.size)
                    g.common_align = max(g.common_align, sym.value)
                else:
                    g.obj, g.sym, g.common = obj, sym, True
                    g.common_size, g.common_align = sym.size, sym.value
                    g.type = sym.type
                continue
            # a definition
            if g.defined:
                prev_weak = g.sym.bind == C.STB_WEAK
                if not weak and not prev_weak:
                    raise LinkError(_multiple_definition(sym.name, obj, sym, g.obj, g.sym))
                if weak or not prev_weak:
                    continue  # the first definition of equal strength stays
            g.obj, g.sym, g.common = obj, sym, False
            g.type = sym.type
            if not weak:
                g.strong_ref = True
    return table


def _function_size(obj: InputObject, s: InputSymbol, shndx: int) -> int:
    """BFD's ``maybe_function_sym``: nonzero when ``s`` can name the function around an
    address in section ``shndx`` (any non-object symbol there, not hidden local zero-size
    labels, and on riscv not the ``$x``/``$d`` mapping symbols)."""
    if s.type in (C.STT_SECTION, C.STT_FILE, C.STT_OBJECT, C.STT_TLS) or s.shndx != shndx:
        return 0
    if s.bind == C.STB_LOCAL and obj.target and s.name.startswith(obj.target.mapping_symbol_prefixes):
        return 0
    if (s.size == 0 and s.bind == C.STB_LOCAL and s.type == C.STT_NOTYPE
            and s.other & 3 == C.STV_HIDDEN):
        return 0
    return s.size or 1


def _where(obj: InputObject, sym: InputSymbol) -> tuple[str | None, str]:
    """(function, location) as ld's ``%C`` gives them without line information
    (``_bfd_elf_find_function``): the closest preceding function-like symbol and the file
    symbol before it, else just the section and offset."""
    shndx, offset = sym.shndx, sym.value
    sec = obj.sections[shndx] if 0 < shndx < len(obj.sections) else None
    place = f"({sec.name if sec is not None else '*ABS*'}+{offset:#x})"
    file = func = filename = None
    low, func_size = 0, 0
    state = 0  # 0 nothing seen, 1 a symbol seen, 2 a file symbol after a symbol
    for s in obj.symbols[1:]:
        if s.type == C.STT_FILE:
            file = s
            if state == 1:
                state = 2
            continue
        size = _function_size(obj, s, shndx)
        if size and s.value <= offset and (s.value > low or (s.value == low and size > func_size)):
            func, func_size, low, filename = s, size, s.value, None
            if file is not None and (s.bind == C.STB_LOCAL or state != 2):
                filename = file.name
        if state == 0:
            state = 1
    if func is None:
        return None, place
    return func.name, (f"{filename}:{place}" if filename is not None else place)


def _multiple_definition(name: str, obj: InputObject, sym: InputSymbol, first: InputObject,
                         first_sym: InputSymbol) -> str:
    func, here = _where(obj, sym)
    func0, there = _where(first, first_sym)
    tail = f"multiple definition of `{name}'; {first.path}:{there}: first defined here"
    if func is None:
        return f"ld: {obj.path}:{here}: {tail}"
    # ld puts the function on a line of its own, as it does for every located message
    return f"ld: {obj.path}: in function `{func}':\n{here}: {tail}"


def define_script_symbols(table: dict[str, GlobalSymbol], assigned) -> None:
    """Give the symbols a script assigns (``NAME = .`` inside an output section) their place.

    ld evaluates such an assignment after reading the inputs: a name the inputs only
    reference becomes defined; a new name enters the hash table then, after every input's.
    A name an input defines too would be overridden by the script -- not re-created here."""
    for name, out, offset in assigned:
        g = table.get(name)
        if g is None:
            g = table[name] = GlobalSymbol(name)
        elif g.defined or g.common:
            raise LinkError(f"ld: {g.obj.path}: `{name}' is defined both there and by the linker "
                            f"script: not supported by pymodpost-ld")
        g.script = (out, offset)
        g.strong_ref = True
