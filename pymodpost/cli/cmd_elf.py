"""``pymodpost elf FILE``: an object's header, sections, symbols and relocations.

The information of ``readelf -hSsr`` in a plain format of our own, or ``--json`` for programs.
"""

from __future__ import annotations

import argparse
import json
import sys

from pymodpost.tables import Column, plain_table, wrap


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # optional to argparse so that an unknown option is reported as such, not as a missing FILE
    parser.add_argument("file", metavar="FILE", nargs="?", help="ELF object (.o, .ko, ...)")
    parser.add_argument("-H", "--header", action="store_true", help="show the ELF header")
    parser.add_argument("-S", "--sections", action="store_true", help="show the sections")
    parser.add_argument("-s", "--symbols", action="store_true", help="show the symbol table")
    parser.add_argument("-r", "--relocs", action="store_true", help="show the relocations")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead")


def run(args: argparse.Namespace) -> int:
    from pymodpost.elf import ElfFile
    from pymodpost.errors import UsageError
    from pymodpost.tables import output_width

    if args.file is None:
        raise UsageError("the following arguments are required: FILE")
    elf = ElfFile.open(args.file)
    parts = {k for k in ("header", "sections", "symbols", "relocs") if getattr(args, k)}
    parts = parts or {"header", "sections", "symbols", "relocs"}
    doc = describe(elf, parts)
    if args.json:
        json.dump(doc, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("".join(line + "\n" for line in render(doc, output_width(sys.stdout))))
    return 0


def describe(elf, parts: set[str]) -> dict:
    """Everything shown, as plain data (the --json document)."""
    from pymodpost.elf import constants as C

    doc: dict = {"file": elf.path}
    h = elf.header
    if "header" in parts:
        doc["header"] = {
            "class": f"ELF{elf.elfclass}", "data": "little-endian" if elf.little else "big-endian",
            "osabi": h.osabi, "abiversion": h.abiversion, "type": h.e_type,
            "machine": h.e_machine, "machine_name": C.MACHINE_NAMES.get(h.e_machine, "unknown"),
            "version": h.e_version, "entry": h.e_entry, "phoff": h.e_phoff, "shoff": h.e_shoff,
            "flags": h.e_flags, "ehsize": h.e_ehsize, "phentsize": h.e_phentsize,
            "phnum": h.e_phnum, "shentsize": h.e_shentsize, "shnum": h.e_shnum,
            "shstrndx": h.e_shstrndx,
        }
    if "sections" in parts:
        doc["sections"] = [{
            "index": s.index, "name": s.name, "type": s.type,
            "type_name": C.section_type_name(elf.machine, s.type), "flags": s.flags,
            "flag_letters": C.section_flag_letters(s.flags), "addr": s.addr, "offset": s.offset,
            "size": s.size, "link": s.link, "info": s.info, "addralign": s.addralign,
            "entsize": s.entsize,
        } for s in elf.sections]
    syms = elf.symtab
    if "symbols" in parts:
        doc["symbols"] = None if syms is None else {
            "section": syms.section.name, "first_global": syms.first_global,
            "entries": [{
                "index": i, "name": name, "value": value, "size": size,
                "type": C.TYPE_NAMES.get(info & 0xF, str(info & 0xF)),
                "bind": C.BIND_NAMES.get(info >> 4, str(info >> 4)),
                "visibility": C.VISIBILITY_NAMES[other & 3], "shndx": shndx,
            } for i, (name, value, size, info, other, shndx) in enumerate(zip(
                syms.names, syms.array["st_value"].tolist(), syms.array["st_size"].tolist(),
                syms.array["st_info"].tolist(), syms.array["st_other"].tolist(),
                syms.shndx.tolist()))],
        }
    if "relocs" in parts:
        doc["relocations"] = []
        for rs in elf.relocation_sections():
            rel = elf.relocations(rs)
            names = elf.symbols(rs.link).names if len(rel) else []
            doc["relocations"].append({
                "section": rs.name, "target": rel.target, "rela": rel.is_rela,
                "entries": [{
                    "offset": off, "type": t, "type_name": tn, "sym": sym,
                    "sym_name": names[sym], "addend": add,
                } for off, t, tn, sym, add in zip(rel.offset.tolist(), rel.type.tolist(),
                                                 rel.type_names(), rel.sym.tolist(),
                                                 rel.addend.tolist())],
            })
    return doc


#: readelf's columns; when narrow, what is rarely read goes first (entry size, link/info, file
#: offset, address ...), never an index, a name, a value or a size
SECTION_COLUMNS = (Column("[Nr]", right=True), Column("Name"), Column("Type", drop=1), Column("Flags", drop=2),
                   Column("Address", drop=4), Column("Offset", drop=5), Column("Size"), Column("Link", drop=6),
                   Column("Info", drop=6), Column("Align", drop=3, right=True), Column("EntSz", drop=7, right=True))
SYMBOL_COLUMNS = (Column("Num", drop=5, right=True), Column("Value"), Column("Size", drop=4, right=True),
                  Column("Type", drop=1), Column("Bind", drop=2), Column("Vis", drop=6), Column("Ndx", drop=3),
                  Column("Name"))
RELOCATION_COLUMNS = (Column("Offset"), Column("Type"), Column("Sym", drop=1, right=True), Column("Name"),
                      Column("Addend"))


def render(doc: dict, width: int | None = None) -> list[str]:
    """The document for people; ``width``: fit the tables to it (None: whole rows)."""
    room = None if width is None else width - 2  # tables are indented by two

    def table(columns, rows) -> list[str]:
        return [f"  {line}" for line in plain_table(columns, rows, room)]

    out = wrap(f"File: {doc['file']}", width)
    h = doc.get("header")
    if h:
        out += ["", "ELF header:"]
        for line in (f"{h['class']} {h['data']}, OS/ABI {h['osabi']}, ABI version {h['abiversion']}",
                     f"type {h['type']}, machine {h['machine']} ({h['machine_name']}), "
                     f"version {h['version']}, flags {h['flags']:#x}",
                     f"entry {h['entry']:#x}, program headers at {h['phoff']:#x} ({h['phnum']} x {h['phentsize']})",
                     f"section headers at {h['shoff']:#x} ({h['shnum']} x {h['shentsize']}), "
                     f"names in section {h['shstrndx']}, header size {h['ehsize']}"):
            out += wrap(f"  {line}", width, "    ")
    secs = doc.get("sections")
    if secs is not None:
        out += ["", f"Sections ({len(secs)}):"]
        out += table(SECTION_COLUMNS, [(f"[{s['index']:2}]", s["name"], s["type_name"], s["flag_letters"],
                                        f"{s['addr']:016x}", f"{s['offset']:08x}", f"{s['size']:08x}", s["link"],
                                        s["info"], s["addralign"], s["entsize"]) for s in secs])
    syms = doc.get("symbols", False)
    if syms is None:
        out += ["", "No symbol table."]
    elif syms:
        out += ["", f"Symbols in {syms['section']} ({len(syms['entries'])}, first global {syms['first_global']}):"]
        out += table(SYMBOL_COLUMNS, [(e["index"], f"{e['value']:016x}", e["size"], e["type"], e["bind"],
                                       e["visibility"], _shndx_text(e["shndx"]), e["name"])
                                      for e in syms["entries"]])
    for r in doc.get("relocations", []):
        out += [""] + wrap(f"Relocations in {r['section']} (against section {r['target']}, "
                           f"{len(r['entries'])} entries, {'RELA' if r['rela'] else 'REL'}):", width)
        out += table(RELOCATION_COLUMNS, [(f"{e['offset']:016x}", e["type_name"], e["sym"],
                                           e["sym_name"] or "(none)",
                                           f"{'-' if e['addend'] < 0 else '+'} {abs(e['addend']):#x}")
                                          for e in r["entries"]])
    return out


def _shndx_text(shndx: int) -> str:
    return {0: "UND", 0xFFF1: "ABS", 0xFFF2: "COM"}.get(shndx, str(shndx))
