"""The relocation-handler test kit: one real kernel's ``apply_relocate_add``, called without an ELF file.

A :class:`Kernel` is an (architecture, dialect) pair with that kernel's configuration.  It applies
one relocation to the bytes at a place (:meth:`Kernel.apply`) or a whole relocation section through
the architecture's driver (:meth:`Kernel.section`).  Both run the very handlers ``pymodpost load``
runs; a refusal is a :class:`Refused` carrying the kernel's log lines and errno, while a mistake in
the call itself (a field past the end of the bytes given, an unknown relocation name) is a
ValueError.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from types import ModuleType

from pymodpost.arch.common import U64, RelocHandler, RelocRecord, RelocTable, check_field
from pymodpost.arch.target import TARGETS
from pymodpost.arch.target import by_name as target_by_name
from pymodpost.errors import KernelError

ARCHES = tuple(t.name for t in TARGETS)


def dialect_names() -> tuple[str, ...]:
    """Names of the kernel dialects this pymodpost models, read from the dialect registry."""
    from pymodpost.dialect import DIALECTS

    return tuple(DIALECTS)


def supported() -> list[tuple[str, str]]:
    """Every (arch, dialect) a kernel can be made for, e.g. to parametrise a test over all of them."""
    return [(arch, dialect) for arch in ARCHES for dialect in dialect_names()]


@dataclass(frozen=True, slots=True)
class _Rules:
    """How one kernel applies relocations: its handler table and its per-section driver."""

    arch: ModuleType  #: pymodpost.arch.<arch>: the env types the handlers read
    table: RelocTable
    numbering: type[IntEnum]  #: the arch's R_* names (pymodpost.elf.constants)


def _table(arch: str, dialect: str) -> _Rules:
    """The one place that picks a kernel's relocation handlers.

    The dialect names its kernel's table generation (``loader.reloc_tables``: riscv64's 6.7
    rework accumulates ADD/SUB/SET/ULEB128 and adds 32_PCREL, PLT32) and the target hands out
    the module holding that generation; nothing else in the kit chooses by version.
    """
    from pymodpost.dialect import by_name as dialect_by_name

    target = target_by_name(arch)
    module = target.relocations(dialect_by_name(dialect).loader.reloc_tables)
    return _Rules(module, module.HANDLERS, target.reloc_types)


class Refused(KernelError):
    """The kernel refused the relocation (or, with :attr:`crash`, would oops instead).

    :attr:`message` is the kernel's first log line, verbatim; :attr:`log` all of them;
    :attr:`errno` the name apply_relocate_add's error maps to (``"ENOEXEC"``, ``"EINVAL"``, ...),
    None when the kernel would not return (``crash``).  :attr:`data` holds the bytes as the
    kernel left them (6.1's x86 writes R_X86_64_32/32S before refusing).
    """

    def __init__(self, error: KernelError, *, data: bytes, rtype: str | None = None, printed: tuple[str, ...] = ()):
        super().__init__(error.log, error.errno, crash=error.crash)
        self.rtype = rtype  #: the refused relocation's name (apply(); None from a section)
        self.data = data
        #: lines printed before the refusal without refusing (riscv64 6.7+ store range errors)
        self.printed = printed


@dataclass(frozen=True, slots=True)
class Entry:
    """A GOT or PLT entry the kernel created while relocating (riscv64)."""

    kind: str  #: "got" or "plt"
    address: int
    value: int  #: the address the entry leads to (S + A)

    def __repr__(self) -> str:
        return f"Entry(kind={self.kind!r}, address={self.address:#x}, value={self.value:#x})"


@dataclass(frozen=True, slots=True)
class Result:
    """One relocation applied: what went in, the bytes before and after, and how the value was made."""

    rtype: str  #: R_* name
    number: int
    S: int
    A: int
    P: int
    before: bytes
    data: bytes  #: the bytes at P after the relocation
    formula: str
    #: the kernel wrote a value that does not fit its field, without a word (no range check there;
    #: GNU ld reports "relocation truncated to fit" for the same S, A, P)
    truncated: bool
    entries: tuple[Entry, ...] = ()
    #: lines the kernel logged without refusing (riscv64 6.7+: a store's range error; none in 6.1)
    log: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SectionResult:
    """A relocation section applied by the architecture's driver."""

    data: bytes  #: the section's bytes after apply_relocate_add
    records: tuple[RelocRecord, ...]  #: per applied relocation: S, A, P, the bytes before and after
    entries: tuple[Entry, ...] = ()
    log: tuple[str, ...] = ()


def _entries(env) -> tuple[Entry, ...]:
    sections = getattr(env, "sections", None)
    if sections is None:
        return ()
    from pymodpost.arch.riscv64_sections import GOT_ENTRY_SIZE, PLT_ENTRY_SIZE

    out = []
    for kind, index, value in sections.emitted:
        area, size = (sections.got, GOT_ENTRY_SIZE) if kind == "got" else (sections.plt, PLT_ENTRY_SIZE)
        out.append(Entry(kind, area.addr + size * index, value))
    return tuple(out)


def _address(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= U64:
        raise ValueError(f"{name} must be an address, an int in [0, 2**64), not {value!r}")
    return value


def _bytes(name: str, value) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise ValueError(f"{name} must be bytes, not {type(value).__name__}")
    return bytes(value)


def _addend(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not -(1 << 63) <= value < (1 << 63):
        raise ValueError(f"A (the addend) must be an int in [-2**63, 2**63), not {value!r}")
    return value


class Kernel:
    """One kernel's relocation handlers; make it with :func:`kernel`."""

    def __init__(self, arch: str, dialect: str, *, module: str = "module", cmodel_medlow: bool | None = None,
                 module_sections: bool | None = None, got: int | None = None, plt: int | None = None):
        if arch not in ARCHES:
            raise ValueError(f"unknown architecture {arch!r}; pymodpost.reloc knows {', '.join(ARCHES)}")
        if dialect not in dialect_names():
            raise ValueError(f"unknown kernel dialect {dialect!r}; known: {', '.join(dialect_names())}")
        target = target_by_name(arch)
        riscv_only = {"cmodel_medlow": cmodel_medlow, "module_sections": module_sections, "got": got, "plt": plt}
        # the options of a kernel that reserves module GOT/PLT sections
        if not target.module_sections and any(v is not None for v in riscv_only.values()):
            given = ", ".join(k for k, v in riscv_only.items() if v is not None)
            raise ValueError(f"{given}: riscv64 options, not for {arch}")
        self.arch = arch
        self.dialect = dialect
        self.module = module
        #: riscv64: CONFIG_CMODEL_MEDLOW (absolute HI20 refused); 6.1's riscv64 builds use medany
        self.cmodel_medlow = bool(cmodel_medlow)
        #: riscv64: CONFIG_MODULE_SECTIONS (6.1: with modules; 6.x: with CONFIG_RELOCATABLE)
        self.module_sections = module_sections is not False and target.module_sections
        self._has_module_sections = target.module_sections
        self.got = None if got is None else _address("got", got)
        self.plt = None if plt is None else _address("plt", plt)
        self._rules = _table(arch, dialect)

    def __repr__(self) -> str:
        return f"reloc.kernel({self.arch!r}, {self.dialect!r})"

    # --- relocation types -----------------------------------------------------------------------

    def number(self, rtype: str | int) -> int:
        """The relocation number of a name (``"R_RISCV_CALL_PLT"``) or number of this architecture."""
        numbering = self._rules.numbering
        if isinstance(rtype, str):
            if rtype in numbering.__members__:
                return int(numbering[rtype])
            close = difflib.get_close_matches(rtype, numbering.__members__, n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise ValueError(f"{rtype!r} is not a {self.arch} relocation name{hint}")
        if isinstance(rtype, bool) or not isinstance(rtype, int) or not 0 <= rtype <= 0xFFFFFFFF:
            raise ValueError(f"a relocation type is an R_* name or a number in [0, 2**32), not {rtype!r}")
        return rtype

    def name(self, rtype: str | int) -> str:
        """The R_* name of a relocation (``"type 62"`` for a number the psABI does not name)."""
        number = self.number(rtype)
        try:
            return self._rules.numbering(number).name
        except ValueError:
            return f"type {number}"

    def handler(self, rtype: str | int) -> RelocHandler | None:
        """The table row for a type (number, name, width, formula), None if this kernel refuses it."""
        return self._rules.table.rows.get(self.number(rtype))

    def handled(self) -> list[str]:
        """Names of the types this kernel has a handler for, by number."""
        return [row.name for row in sorted(self._rules.table, key=lambda r: r.number)]

    def formula(self, rtype: str | int) -> str:
        row = self.handler(rtype)
        return row.formula if row is not None else "refused: no handler"

    # --- applying -------------------------------------------------------------------------------

    def _env(self, sections=None):
        if self._has_module_sections:
            return self._rules.arch.RiscvEnv(self.module, sections, self.cmodel_medlow, self.module_sections,
                                             counting=self._rules.arch.ENTRY_COUNTING)
        return self._rules.arch.X86Env(self.module)

    def _one_pair_sections(self, auipc: int):
        if not self.module_sections:
            return None
        from pymodpost.arch.riscv64_sections import sections_for_one_pair

        return sections_for_one_pair(auipc, plt_addr=self.plt, got_addr=self.got,
                                     bug_lines=self._rules.arch.ENTRY_COUNTING.bug_lines)

    def apply(self, rtype: str | int, *, S: int, A: int, P: int, data: bytes | None = None,
              hi20: tuple[str | int, int, int] | None = None) -> Result:
        """Apply one relocation at run-time address ``P`` as the kernel's handler does.

        ``data`` is the bytes at P before (default: zeros of the field's width); bytes past the
        field are kept.  ``hi20=(type, S, A)`` is a PCREL_LO12's partner, the PCREL_HI20 or
        GOT_HI20 at the auipc; the kernel finds it by address, so the LO12's own ``S`` is the
        auipc's address and ``A`` is ignored.  A riscv64 GOT/PLT entry goes into a GOT/PLT placed
        after the auipc pair (``got=``/``plt=`` of :func:`kernel` place them elsewhere) and is
        listed in :attr:`Result.entries`.  A type the kernel accumulates (riscv64 from 6.7:
        ADD/SUB/SET/ULEB128) is applied as the only relocation at its place: from a buffer of 0,
        then its own store; a range error it prints is in :attr:`Result.log`.  Several at one place
        are a :meth:`section`.
        """
        S, A, P = _address("S", S), _addend(A), _address("P", P)
        number = self.number(rtype)
        name = self.name(number)
        env = self._env()
        row = self.handler(number)
        mem = bytearray(_bytes("data", data) if data is not None else bytes(row.width if row else 0))
        if row is None:
            try:
                self._rules.table.lookup(number, env)
            except KernelError as e:
                raise Refused(e, rtype=name, data=bytes(mem)) from None
        check_field(mem, 0, row.width)
        before = bytes(mem)
        extra = {}
        is_lo12 = number in getattr(self._rules.arch, "PCREL_LO12_TYPES", ())
        if is_lo12:
            extra["hi20"] = self._partner(hi20, auipc=S)
        elif hi20 is not None:
            raise ValueError(f"hi20= is the partner of a PCREL_LO12 relocation, not of {name}")
        if self._has_module_sections:
            env.sections = self._one_pair_sections(S if is_lo12 else P)
        try:
            row.apply(mem, 0, S, A, P, env, **extra)
        except KernelError as e:
            raise Refused(e, rtype=name, data=bytes(mem)) from None
        truncated = bool(row.truncates and row.truncates(S, A, P))
        return Result(name, number, S, A, P, before, bytes(mem), row.formula, truncated, _entries(env),
                      tuple(env.log))

    def _partner(self, hi20, *, auipc: int):
        if hi20 is None:
            return None  # the kernel's "Can not find HI20 relocation information"
        if not (isinstance(hi20, Sequence) and len(hi20) == 3):
            raise ValueError(f"hi20= is (type, S, A) of the HI20 relocation at the auipc, not {hi20!r}")
        rtype, S, A = hi20
        arch = self._rules.arch
        number = self.number(rtype)
        if number not in arch.HI20_PARTNER_TYPES:
            partners = " or ".join(self.name(t) for t in arch.HI20_PARTNER_TYPES)
            raise ValueError(f"a PCREL_LO12 pairs with {partners}, not {self.name(number)}")
        return arch.Hi20Partner(number, _address("hi20 S", S), _addend(A), auipc)

    def section(self, data: bytes, base: int, symbols: Mapping[str, int], *, weak: Sequence[str] = (),
                executable: bool = True) -> Section:
        """A relocation section against ``data`` (the target section's bytes) at run-time ``base``.

        ``symbols`` gives the symbol values (final addresses, as after simplify_symbols); names in
        ``weak`` are weak (riscv64 skips relocations against an unresolved weak symbol).
        ``executable``: the target has SHF_EXECINSTR, so riscv64 reserves GOT/PLT entries for its
        relocations (6.1 counts only those sections).
        """
        return Section(self, data, base, symbols, weak, executable)


class _Symbols:
    """The symbol table the drivers read: index 0 is the null symbol, then the given ones."""

    def __init__(self, symbols: Mapping[str, int], weak: Sequence[str]):
        self.names = ["", *symbols]
        self.values = [0, *(_address(f"symbol {n!r}", v) for n, v in symbols.items())]
        self.weak = set(weak)
        unknown = self.weak - set(symbols)
        if unknown:
            raise ValueError(f"weak names {sorted(unknown)} are not among the symbols")

    def index(self, symbol: str | int) -> int:
        if isinstance(symbol, str):
            try:
                return self.names.index(symbol, 1)
            except ValueError:
                raise ValueError(f"symbol {symbol!r} is not among the symbols given to section()") from None
        self.names.append(f"{_address('symbol', symbol):#x}")  # an unnamed local, e.g. the label at an auipc
        self.values.append(symbol)
        return len(self.values) - 1

    def is_weak(self, index: int) -> bool:
        return self.names[index] in self.weak

    def name(self, index: int) -> str:
        return self.names[index]


class Section:
    """A relocation section being built: :meth:`rela` any number of times, then :meth:`apply`."""

    def __init__(self, kernel: Kernel, data: bytes, base: int, symbols: Mapping[str, int],
                 weak: Sequence[str], executable: bool):
        self.kernel = kernel
        self.data = _bytes("data", data)
        self.base = _address("base", base)
        self.executable = executable
        self._symbols = _Symbols(symbols, weak)
        self._relas: list[tuple[int, int, int]] = []

    def rela(self, offset: int, rtype: str | int, symbol: str | int, addend: int = 0) -> Section:
        """Add an entry: the field at ``offset`` in the section, relocated against ``symbol`` (a
        name from the symbols, or an address for an unnamed local such as the label at an auipc)."""
        number = self.kernel.number(rtype)
        row = self.kernel.handler(number)
        if isinstance(offset, bool) or not isinstance(offset, int):
            raise ValueError(f"offset must be an int, not {offset!r}")
        if row is not None:
            check_field(bytearray(self.data), offset, row.width)
        self._relas.append((offset, (self._symbols.index(symbol) << 32) | number, _addend(addend)))
        return self

    def apply(self) -> SectionResult:
        """The section's bytes after the architecture's ``apply_relocate_add`` over all entries.

        The entries go in order to the same driver ``pymodpost load`` uses, so its semantics hold:
        riscv64's PCREL_LO12 partner search (6.1: first HI20 at the auipc's address in this
        section; 6.7+: from the previous hit, wrapping around), GOT/PLT entries (reserved as the
        kernel's module_frob_arch_sections counts this section, placed after it unless the
        kernel's ``got=``/``plt=`` say otherwise), the skip of unresolved weak symbols, and from
        6.7 the ADD/SUB/SET/ULEB128 queued per place and stored after the loop; lines the driver
        prints without refusing (range errors of those stores) are in :attr:`SectionResult.log`.
        """
        from pymodpost.load.relocate import ModuleMemory

        kernel = self.kernel
        mem = bytearray(self.data)
        sections = None
        if kernel.module_sections:
            from pymodpost.arch.riscv64_sections import count_entries, place_sections

            counting = kernel._rules.arch.ENTRY_COUNTING
            plts, gots = count_entries([(info, a) for _, info, a in self._relas], counting.plt_types) \
                if self.executable else (0, 0)
            sections = place_sections(self.base + len(mem), plts, gots, plt_addr=kernel.plt, got_addr=kernel.got,
                                      bug_lines=counting.bug_lines)
        env = kernel._env(sections)
        records: list[RelocRecord] = []
        try:
            kernel._rules.arch.apply_relocate_add(ModuleMemory([(self.base, mem)]), self.base, self._relas,
                                                  self._symbols, env, records)
        except KernelError as e:
            raise Refused(e, data=bytes(mem), printed=tuple(env.log)) from None
        return SectionResult(bytes(mem), tuple(records), _entries(env), tuple(env.log))


def kernel(arch: str, dialect: str, **options) -> Kernel:
    """The relocation handlers of one real kernel, e.g. ``kernel("riscv64", "6.1")``.

    ``arch`` is ``"x86_64"`` or ``"riscv64"``; ``dialect`` a kernel dialect name (see
    :func:`dialect_names`).  The environment is a usual configuration of that kernel: riscv64 has
    the module GOT/PLT (CONFIG_MODULE_SECTIONS) and the medany code model.  Options: ``module``
    (the name messages start with, default ``"module"``); riscv64 only: ``cmodel_medlow``,
    ``module_sections`` (False: a kernel without GOT/PLT -- never 6.1 with modules, which selects
    it always; from 6.x only CONFIG_RELOCATABLE selects it), ``got``/``plt`` (addresses of the GOT
    and PLT instead of right after the place).
    """
    return Kernel(arch, dialect, **options)
