"""Semantic comparison of two ELF relocatable objects (``pymodpost diff A.ko B.ko``).

Compares what a loader or linker acts on, not byte positions:

* the header fields that matter (machine, flags, type);
* sections by position: name, type, flags, alignment, address, entry size, link/info (as the
  *names* of the sections they point at) and contents (for relocation and symbol tables the
  decoded entries are compared instead, since indices may legitimately differ in encoding);
* symbols by position: name, value, size, type, binding, visibility, section name;
* relocations per section as (offset, type, symbol name, addend).

Each difference is one plain sentence.  Byte-identical files are reported as such first.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymodpost.elf import constants as C
from pymodpost.elf.reader import ElfFile

#: cap per category, so a badly different pair still gives a readable report
MAX_PER_KIND = 20


@dataclass(frozen=True, slots=True)
class DiffResult:
    identical_bytes: bool
    differences: tuple[str, ...]

    @property
    def equal(self) -> bool:
        return not self.differences


def _section_name(elf: ElfFile, index: int) -> str:
    if index == C.SHN_UNDEF:
        return "UND"
    if index == C.SHN_ABS:
        return "ABS"
    if index == C.SHN_COMMON:
        return "COMMON"
    if 0 < index < len(elf.sections):
        return elf.sections[index].name
    return f"#{index}"


def _first_diff(a: bytes, b: bytes) -> int:
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def _symbols(elf: ElfFile) -> list[tuple]:
    st = elf.symtab
    if st is None:
        return []
    return [(s.name, int(s.value), int(s.size), int(s.type), int(s.bind), int(s.visibility),
             _section_name(elf, int(s.shndx))) for s in st]


def _relocs(elf: ElfFile, sec) -> list[tuple]:
    rel = elf.relocations(sec)
    syms = elf.symbols(sec.link) if sec.link else None
    out = []
    for r in rel:
        name = ""
        if syms is not None and r.sym:
            sym = syms[int(r.sym)]
            name = sym.name or _section_name(elf, int(sym.shndx))
        out.append((int(r.offset), C.reloc_type_name(elf.machine, int(r.type)), name,
                    int(r.addend)))
    return out


_SYM_FIELDS = ("name", "value", "size", "type", "binding", "visibility", "section")


def diff_elf(a: ElfFile, b: ElfFile, label_a: str = "A", label_b: str = "B",
             ignored: tuple[str, ...] = ()) -> DiffResult:
    """``ignored``: names of sections left out on both sides (e.g. the ``.BTF`` pahole adds to a
    linked ``.ko`` afterwards)."""
    diffs: list[str] = []
    if bytes(a.data) == bytes(b.data):
        return DiffResult(True, ())

    for field in ("machine", "type", "flags"):
        va, vb = getattr(a, field), getattr(b, field)
        if va != vb:
            diffs.append(f"ELF header {field}: {label_a} has {va:#x}, {label_b} has {vb:#x}")

    names_a = [s.name for s in a.sections if s.name not in ignored]
    names_b = [s.name for s in b.sections if s.name not in ignored]
    if names_a != names_b:
        only_a = [n for n in names_a if n not in names_b]
        only_b = [n for n in names_b if n not in names_a]
        if only_a:
            diffs.append(f"sections only in {label_a}: {', '.join(only_a)}")
        if only_b:
            diffs.append(f"sections only in {label_b}: {', '.join(only_b)}")
        if not only_a and not only_b:
            diffs.append(f"section order differs: {label_a} has {' '.join(names_a[1:])}; "
                         f"{label_b} has {' '.join(names_b[1:])}")

    count = 0
    # the k-th section of a name in A is compared with the k-th of that name in B
    # (several .group sections, or orphans kept apart, share names)
    by_name_b: dict[str, list] = {}
    for s in b.sections[1:]:
        by_name_b.setdefault(s.name, []).append(s)
    seen: dict[str, int] = {}
    for sa in a.sections[1:]:
        if sa.name in ignored:
            continue
        k = seen.get(sa.name, 0)
        seen[sa.name] = k + 1
        candidates = by_name_b.get(sa.name, [])
        if k >= len(candidates):
            continue
        sb = candidates[k]
        what = []
        for field in ("type", "flags", "addralign", "addr", "entsize"):
            if getattr(sa, field) != getattr(sb, field):
                what.append(f"{field} {getattr(sa, field):#x} vs {getattr(sb, field):#x}")
        for field in ("link", "info"):
            va, vb = getattr(sa, field), getattr(sb, field)
            linked = field == "link" or sa.flags & C.SHF_INFO_LINK
            if linked:
                va, vb = _section_name(a, va), _section_name(b, vb)
            if va != vb and not (field == "info" and sa.type == C.SHT_SYMTAB):
                what.append(f"{field} {va} vs {vb}")
        if sa.type in (C.SHT_RELA, C.SHT_REL):
            ra, rb = _relocs(a, sa), _relocs(b, sb)
            if ra != rb:
                if len(ra) != len(rb):
                    what.append(f"{len(ra)} relocations vs {len(rb)}")
                for x, y in zip(ra, rb):
                    if x != y:
                        what.append(f"first differing relocation: {x} vs {y}")
                        break
        elif sa.type == C.SHT_SYMTAB:
            if sa.info != sb.info:
                what.append(f"first global symbol {sa.info} vs {sb.info}")
        elif sa.type not in (C.SHT_STRTAB,):
            da, db = a.section_bytes(sa), b.section_bytes(sb)
            if sa.size != sb.size:
                what.append(f"size {sa.size:#x} vs {sb.size:#x}")
            elif da != db:
                what.append(f"contents differ from offset {_first_diff(da, db):#x}")
        if what and count < MAX_PER_KIND:
            label = sa.name if len(candidates) == 1 else f"{sa.name} (#{k + 1} of that name)"
            diffs.append(f"section {label}: " + "; ".join(what))
            count += 1

    syms_a, syms_b = _symbols(a), _symbols(b)
    if len(syms_a) != len(syms_b):
        diffs.append(f"symbol count: {label_a} has {len(syms_a)}, {label_b} has {len(syms_b)}")
    count = 0
    for i, (x, y) in enumerate(zip(syms_a, syms_b)):
        if x != y and count < MAX_PER_KIND:
            parts = [f"{f} {u!r} vs {v!r}" for f, u, v in zip(_SYM_FIELDS, x, y) if u != v]
            diffs.append(f"symbol {i} ({x[0] or x[6]}): " + "; ".join(parts))
            count += 1
    if not diffs:
        diffs = []
    return DiffResult(False, tuple(diffs))


def diff_files(path_a: str, path_b: str) -> DiffResult:
    return diff_elf(ElfFile.open(path_a), ElfFile.open(path_b), path_a, path_b)


def section_summary(path: str) -> list[dict]:
    """Each section of ``path`` as the diff page lists it: name, type, flags, size and a digest of
    its contents (so that two sections with equal headers and other bytes differ)."""
    import hashlib

    elf = ElfFile.open(path)
    return [{"name": s.name, "type": C.section_type_name(elf.machine, s.type), "flags": C.section_flag_letters(s.flags),
             "size": s.size, "sha1": hashlib.sha1(elf.section_bytes(s)).hexdigest()[:12]}
            for s in elf.sections[1:]]
