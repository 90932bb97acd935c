"""Presenting a LoadResult: text for people, JSON for programs, section files for --dump."""

from __future__ import annotations

import json
import os

from pymodpost.fileio import write_atomic
from pymodpost.load.result import LoadResult
from pymodpost.tables import wrap


def _kallsyms_lines(result: LoadResult, width: int | None) -> list[str]:
    """Module symbols as /proc/kallsyms lists them once init is done (the core symbol table);
    its last column, ``[module]``, is the same on every line: left out when a line would not
    fit ``width`` (the tab that precedes it taken to the next multiple of 8)."""
    by_index = {s.index: s for s in result.symbols}
    rows = []
    for i in result.core_symbols:
        sym = by_index.get(i)
        if sym is None or i == 0:
            continue
        rows.append(f"{sym.value:016x} {sym.letter} {sym.name}")
    room = None if width is None else width - 2
    if room is not None and any((len(row) // 8 + 1) * 8 + len(result.name) + 2 > room for row in rows):
        return rows + wrap(f"(the [{result.name}] column of /proc/kallsyms is not shown at this width)", room)
    return [f"{row}\t[{result.name}]" for row in rows]


def render_text(result: LoadResult, profile, width: int | None = None) -> str:
    """The result for people; ``width``: fit it (prose wraps between words), None: whole lines."""
    out = wrap(f"load {result.path} into {profile.name} ({profile.release}, {profile.arch.name}, "
               f"dialect {profile.dialect.name})", width, "  ")
    out.append("steps:")
    for s in result.steps:
        out += wrap(f"  {s.name}: {s.detail}" if s.detail else f"  {s.name}", width, "      ")
    if result.log:
        out.append("kernel log:")
        for line in result.log:
            out += wrap(f"  {line.text}", width, "      ")
    if result.regions:
        out.append("module memory (mem[] regions, each its own page-aligned allocation):")
        out += [f"  0x{r.base:016x} {len(r.data):#8x} {r.name}" for r in result.regions]
    if result.sections:
        out.append(f"sections (/sys/module/{result.name}/sections):")
        out += [f"  0x{s.addr:016x} {s.name}" for s in sorted(result.sections, key=lambda s: s.name)]
    if result.ok:
        syms = _kallsyms_lines(result, width)
        if syms:
            out.append("symbols (/proc/kallsyms after init):")
            out += [f"  {line}" for line in syms]
        n = sum(len(r.records) for r in result.relocations)
        out.append(f"relocations: {n} applied in {len(result.relocations)} sections")
        if result.got_plt:
            out += wrap("riscv GOT/PLT entries used: " + ", ".join(f"{k} {v}" for k, v in result.got_plt.items()),
                        width, "  ")
        out += wrap(f"outcome: loaded (reached module_finalize); taints {result.taints or 'none'}", width, "  ")
    else:
        err = result.error
        what = "the kernel would oops" if err.crash else f"refused, err {err.err} ({err.errno})"
        out += wrap(f"outcome: {what}", width, "  ")
    return "\n".join(out) + "\n"


def result_to_json(result: LoadResult, profile) -> dict:
    err = result.error
    return {
        "module": result.path,
        "name": result.name,
        "kernel": {"profile": profile.name, "release": profile.release, "arch": profile.arch.name,
                   "vermagic": profile.vermagic, "dialect": profile.dialect.name},
        "ok": result.ok,
        "error": None if err is None else {"message": err.message, "log": list(err.log), "errno": err.errno,
                                           "err": err.err, "crash": err.crash},
        "steps": [{"name": s.name, "detail": s.detail} for s in result.steps],
        "log": [{"level": line.level, "text": line.text} for line in result.log],
        "core_base": result.core_base,
        "init_base": result.init_base,
        "layout": {k: getattr(result.layout, k) for k in result.layout.__dataclass_fields__},
        # 6.4+: each mem[] allocation; empty for 6.1's core/init model (core_base, init_base)
        "regions": [{"name": r.name, "addr": r.base, "size": len(r.data), "init": r.init} for r in result.regions],
        "sections": [{"index": s.index, "name": s.name, "addr": s.addr, "size": s.size, "init": s.init,
                      "offset": s.offset, "region": s.region, "type": s.sh_type, "flags": s.sh_flags}
                     for s in result.sections],
        "symbols": [{"index": s.index, "name": s.name, "value": s.value, "shndx": s.shndx, "bind": s.bind,
                     "type": s.type, "how": s.how, "letter": s.letter} for s in result.symbols],
        "relocations": [
            {"section": r.name, "index": r.index, "target": r.target,
             "entries": [{"index": e.index, "type": e.name, "symbol": e.symbol, "S": e.S, "A": e.A, "P": e.P,
                          "before": e.before.hex(), "after": e.after.hex()} for e in r.records]}
            for r in result.relocations
        ],
        "taints": result.taints,
        "exports": result.exports,
        "got_plt": result.got_plt,
    }


def _file_name(name: str, used: set[str]) -> str:
    base = "".join(c if c.isalnum() or c in "._-" else "_" for c in name.lstrip(".")) or "section"
    candidate, n = base + ".bin", 1
    while candidate in used or candidate == "map.json":
        n += 1
        candidate = f"{base}.{n}.bin"
    used.add(candidate)
    return candidate


def dump_sections(result: LoadResult, directory: str) -> None:
    """Each allocated section's final bytes in its own file, and map.json naming them."""
    os.makedirs(directory, exist_ok=True)
    used: set[str] = set()
    mapping = {}
    for sec in result.sections:
        fname = _file_name(sec.name, used)
        write_atomic(os.path.join(directory, fname), result.section_bytes(sec))
        mapping[sec.name] = {"addr": sec.addr, "size": sec.size, "file": fname}
    write_atomic(os.path.join(directory, "map.json"), json.dumps(mapping, indent=1, sort_keys=True) + "\n")
