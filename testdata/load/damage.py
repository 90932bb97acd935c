"""Deliberately damaged copies of a real fixture module, one defect each.

Used by gen_oracle.py (the real kernel's verdict on each is captured) and by the plain tests.
Each recipe takes the .ko bytes and returns damaged bytes; all offsets are read from the file.
"""

from __future__ import annotations

import struct


def shdr_offset(data: bytes, i: int) -> int:
    return struct.unpack_from("<Q", data, 0x28)[0] + 64 * i


def section_index(data: bytes, name: str) -> int:
    shnum, shstrndx = struct.unpack_from("<HH", data, 0x3C)
    str_off = struct.unpack_from("<Q", data, shdr_offset(data, shstrndx) + 24)[0]
    for i in range(shnum):
        sh_name = struct.unpack_from("<I", data, shdr_offset(data, i))[0]
        end = data.index(b"\0", str_off + sh_name)
        if data[str_off + sh_name:end] == name.encode():
            return i
    raise KeyError(name)


def _section_range(data: bytes, name: str) -> tuple[int, int]:
    off, size = struct.unpack_from("<QQ", data, shdr_offset(data, section_index(data, name)) + 24)
    return off, size


def bad_magic(d: bytearray) -> None:
    d[1] = ord("X")


def not_relocatable(d: bytearray) -> None:
    d[16] = 2  # ET_EXEC


def section_header_size(d: bytearray) -> None:
    struct.pack_into("<H", d, 0x3A, 40)


def section_headers_past_end(d: bytearray) -> None:
    struct.pack_into("<Q", d, 0x28, len(d))


def section_outside_file(d: bytearray) -> None:
    struct.pack_into("<Q", d, shdr_offset(d, section_index(d, ".text")) + 32, len(d))


def no_symbols(d: bytearray) -> None:
    struct.pack_into("<I", d, shdr_offset(d, section_index(d, ".symtab")) + 4, 1)


def vermagic(d: bytearray) -> None:
    at = d.index(b"vermagic=") + len(b"vermagic=")
    at = d.index(b" ", at) + 1  # keep the release, damage the flags after it
    d[at:at + 4] = b"XXXX"


def layout_crc(d: bytearray) -> None:
    off, size = _section_range(d, "__versions")
    at = d.index(b"module_layout\0", off, off + size) - 8
    d[at] ^= 1


def missing_version(d: bytearray) -> None:
    off, size = _section_range(d, "__versions")
    at = d.index(b"_printk\0", off, off + size)
    d[at + 6:at + 7] = b"X"


def write_exec(d: bytearray) -> None:
    at = shdr_offset(d, section_index(d, ".data")) + 8
    struct.pack_into("<Q", d, at, struct.unpack_from("<Q", d, at)[0] | 4)


def _first_rela(d: bytearray, section: str) -> int:
    off, size = _section_range(d, section)
    assert size >= 24
    return off


def reloc_type(d: bytearray, rtype: int, section: str) -> None:
    at = _first_rela(d, section)
    info = struct.unpack_from("<Q", d, at + 8)[0]
    struct.pack_into("<Q", d, at + 8, (info & ~0xFFFFFFFF) | rtype)


def overflow_32s(d: bytearray, section: str) -> None:
    at = _first_rela(d, section)
    info = struct.unpack_from("<Q", d, at + 8)[0]
    struct.pack_into("<Q", d, at + 8, (info & ~0xFFFFFFFF) | 11)
    struct.pack_into("<q", d, at + 16, 1 << 40)


def missing_plt(d: bytearray) -> None:
    at = d.index(b".plt\0")
    d[at:at + 4] = b".plx"


def recipes(arch: str) -> dict:
    """name -> function(bytearray) for the given architecture's hello.ko."""
    common = {
        "bad_magic": bad_magic,
        "not_relocatable": not_relocatable,
        "section_header_size": section_header_size,
        "section_headers_past_end": section_headers_past_end,
        "section_outside_file": section_outside_file,
        "no_symbols": no_symbols,
        "vermagic": vermagic,
        "layout_crc": layout_crc,
        "missing_version": missing_version,
        "write_exec": write_exec,
    }
    if arch == "x86_64":
        common["reloc_type_9"] = lambda d: reloc_type(d, 9, ".rela.init.text")
        common["overflow_32s"] = lambda d: overflow_32s(d, ".rela.init.text")
    else:
        common["reloc_type_33"] = lambda d: reloc_type(d, 33, ".rela.init.text")
        common["missing_plt"] = missing_plt
    return common


def _set_shdr(d: bytearray, name: str, field: int, fmt: str, value: int) -> None:
    struct.pack_into(fmt, d, shdr_offset(d, section_index(d, name)) + field, value)


def _rename(d: bytearray, name: str, as_name: str) -> None:
    """Give section ``name`` the sh_name of section ``as_name`` (two sections then share it)."""
    _set_shdr(d, name, 0, "<I", struct.unpack_from("<I", d, shdr_offset(d, section_index(d, as_name)))[0])


SH_TYPE, SH_FLAGS, SH_SIZE = 4, 8, 32
SHT_PROGBITS, SHT_NOBITS, SHF_ALLOC = 1, 8, 2


def recipes_split_checks() -> dict:
    """Defects that 6.12's split elf_validity_cache_* checks word differently from 6.1 (or that
    6.1 did not check at all); no relocation damage (the handlers have their own captures)."""
    return {
        "shstrtab_type": lambda d: _set_shdr(d, ".shstrtab", SH_TYPE, "<I", SHT_PROGBITS),
        "strtab_type": lambda d: _set_shdr(d, ".strtab", SH_TYPE, "<I", SHT_PROGBITS),
        "two_this_module": lambda d: _rename(d, ".note.Linux", ".gnu.linkonce.this_module"),
        "two_modinfo": lambda d: _rename(d, ".note.Linux", ".modinfo"),
        "this_module_nobits": lambda d: _set_shdr(d, ".gnu.linkonce.this_module", SH_TYPE, "<I", SHT_NOBITS),
        "this_module_not_alloc": lambda d: _set_shdr(
            d, ".gnu.linkonce.this_module", SH_FLAGS, "<Q",
            struct.unpack_from("<Q", d, shdr_offset(d, section_index(d, ".gnu.linkonce.this_module")) + SH_FLAGS)[0]
            & ~SHF_ALLOC),
        "this_module_size": lambda d: _set_shdr(
            d, ".gnu.linkonce.this_module", SH_SIZE, "<Q",
            struct.unpack_from("<Q", d, shdr_offset(d, section_index(d, ".gnu.linkonce.this_module")) + SH_SIZE)[0]
            - 64),
        # a non-ALLOC section's name offset past the table: 6.1 never looked
        "comment_name_outside": lambda d: _set_shdr(d, ".comment", 0, "<I", 0x7FFFFFFF),
    }


def _append_sections(d: bytearray, sections: list[tuple[str, bytes]]) -> None:
    """Add SHF_ALLOC PROGBITS sections (the writer lays the whole file out anew)."""
    from pymodpost.elf import constants as C
    from pymodpost.elf.reader import ElfFile
    from pymodpost.elf.writer import ElfModel, OutSection

    model = ElfModel.from_elf(ElfFile(bytes(d)))
    for sec in model.sections:
        sec.offset = sec.name_offset = None
    model.sections[model.shstrndx].data = b""
    model.shoff = None
    model.sections += [OutSection(name, C.SHT_PROGBITS, C.SHF_ALLOC, addralign=4, data=data)
                       for name, data in sections]
    d[:] = model.to_bytes()


def _version_crc(d: bytes, name: str) -> int:
    """The CRC __versions records for ``name`` (8-byte crc + 56-byte name per entry)."""
    off, size = _section_range(d, "__versions")
    at = d.index(name.encode() + b"\0", off, off + size) - 8
    return struct.unpack_from("<I", d, at)[0]


def _ext_versions(d: bytearray, entries: list[tuple[int, str]], extra_crcs: int = 0) -> None:
    crcs = b"".join(struct.pack("<I", crc) for crc, _ in entries) + b"\0\0\0\0" * extra_crcs
    names = b"".join(name.encode() + b"\0" for _, name in entries)
    _append_sections(d, [("__version_ext_crcs", crcs), ("__version_ext_names", names)])


def _rename_module(d: bytearray, old: str, new: str) -> None:
    """Another module name of the same length, in .modinfo and in the file's struct module."""
    assert len(old) == len(new)
    at = d.index(b"name=" + old.encode() + b"\0")
    d[at:at + 5 + len(old)] = b"name=" + new.encode()
    off, _ = _section_range(d, ".gnu.linkonce.this_module")
    assert d[off + 24:off + 24 + len(old) + 1] == old.encode() + b"\0"
    d[off + 24:off + 24 + len(old)] = new.encode()


def _symbol_name_outside(d: bytearray) -> None:
    off, _ = _section_range(d, ".symtab")
    _, strsize = _section_range(d, ".strtab")
    struct.pack_into("<I", d, off + 24, strsize)  # symbol 1's st_name: one past the table


def _replace_modinfo(d: bytearray, old: bytes, new: bytes) -> None:
    at = d.index(old)
    end = d.index(b"\0", at)
    d[at:end] = new.ljust(end - at, b"\0")


def recipes_7_3() -> dict:
    """hello.ko defects that only 7.3's loader answers (or answers differently)."""
    return {
        "strtab_leading_nul": lambda d: d.__setitem__(_section_range(d, ".strtab")[0], ord("x")),
        "strtab_name_outside": _symbol_name_outside,
        "import_module_namespace": lambda d: _replace_modinfo(d, b"description=", b"import_ns=module:pm_other"),
        "ext_crcs_only": lambda d: _append_sections(d, [("__version_ext_crcs", b"\0" * 8)]),
        "ext_more_crcs_than_names": lambda d: _ext_versions(d, [(1, "_printk")], extra_crcs=1),
        "ext_wrong_crc": lambda d: _ext_versions(d, [(_version_crc(d, "module_layout"), "module_layout"),
                                                     (_version_crc(d, "_printk") ^ 1, "_printk")]),
        # accepted (a name missing from the extended table only warns): loaded under another
        # name so that the fixture hello.ko still loads later
        "ext_missing_name": lambda d: (_ext_versions(d, [(_version_crc(d, "module_layout"), "module_layout")]),
                                       _rename_module(d, "hello", "hellx")),
    }


def recipes_7_3_exports() -> dict:
    """exports.ko defects for 7.3's export checks."""
    return {"exports_without_flags": lambda d: _rename(d, "__kflagstab", ".comment")}


def damaged(arch: str, data: bytes, recipe_table: dict | None = None) -> dict[str, bytes]:
    out = {}
    for name, fn in (recipes(arch) if recipe_table is None else recipe_table).items():
        d = bytearray(data)
        fn(d)
        out[name] = bytes(d)
    return out
