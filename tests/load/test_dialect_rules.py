"""The loader rules 7.3 adds over 6.12, each shown on a 6.12 x86_64 fixture loaded twice: once
by the 6.12 dialect (its own kernel) and once by the 7.3 dialect on the same kernel facts.

7.3 has no fixtures and no captured kernel yet, so these check the rules as read from
linux-source-7.3 (kernel/module/main.c, version.c, strict_rwx.c), not a real 7.3 run; 6.12's
behaviour on the same files is the real kernel's (testdata/load/6.12/x86_64/oracle.json.xz).
"""

from __future__ import annotations

import functools

import pytest

from pymodpost.elf import constants as C
from pymodpost.elf.reader import ElfFile
from pymodpost.elf.writer import ElfModel, OutSection
from pymodpost.kernel.profile import load_profile
from pymodpost.load.layout import MOD_DATA, MOD_RO_AFTER_INIT, MemRegionsModel
from pymodpost.load.pipeline import LoadOptions, load_module
from pymodpost.load.state import KernelState
from tests.conftest import TESTDATA, require

FIXTURES = TESTDATA / "6.12" / "x86_64"
KERNEL = TESTDATA / "kernels" / "6.12" / "x86_64"


@functools.lru_cache(maxsize=None)
def _profile(dialect: str):
    """Read once per dialect (kallsyms is large); loads never change a profile."""
    return load_profile(str(KERNEL), dialect=dialect)


def _load(module: str, dialect: str, data: bytes | None = None, state: KernelState | None = None):
    require((FIXTURES / module).is_dir() and KERNEL.is_dir(), "6.12 x86_64 fixtures missing")
    state = state or KernelState(_profile(dialect))
    if data is None:
        data = (FIXTURES / module / f"{module}.ko").read_bytes()
    return load_module(data, state, LoadOptions(), module)


def _texts(result) -> list[str]:
    return [line.text for line in result.log]


def _replace_modinfo(data: bytes, old: bytes, new: bytes) -> bytes:
    """Overwrite one .modinfo string in place, NUL-padded (the loader skips runs of NULs)."""
    at = data.index(old)
    end = data.index(b"\0", at)
    assert len(new) <= end - at
    return data[:at] + new.ljust(end - at, b"\0") + data[end:]


def _with_sections(data: bytes, extra: list[OutSection]) -> bytes:
    """The module with sections appended (the writer lays the file out anew)."""
    model = ElfModel.from_elf(ElfFile(data))
    for sec in model.sections:
        sec.offset = sec.name_offset = None
    model.sections[model.shstrndx].data = b""
    model.shoff = None
    model.sections += extra
    return model.to_bytes()


def test_explicit_import_of_a_module_namespace_is_refused_on_7_3():
    data = (FIXTURES / "hello" / "hello.ko").read_bytes()
    data = _replace_modinfo(data, b"description=", b"import_ns=module:pm_other")
    assert _load("hello", "6.12", data).ok
    result = _load("hello", "7.3", data)
    assert not result.ok and result.error.errno == "EPERM"
    assert _texts(result)[-1] == "hello: module tries to import module namespace: module:pm_other"


def test_export_sections_need_flags_on_7_3_and_gpl_tables_are_obsolete():
    loaded = _load("exports", "6.12")
    assert loaded.ok and loaded.exports
    result = _load("exports", "7.3")
    assert not result.ok and result.error.errno == "ENOEXEC"
    assert _texts(result)[-3:] == ["exports: ignoring obsolete section __ksymtab_gpl",
                                   "exports: ignoring obsolete section __kcrctab_gpl",
                                   "exports: no flags for exported symbols"]


def test_kflagstab_marks_gpl_only_exports_on_7_3():
    data = (FIXTURES / "exports" / "exports.ko").read_bytes()
    count = ElfFile(data).section_by_name("__ksymtab").size // 12
    flags = bytes([1] + [0] * (count - 1))
    data = _with_sections(data, [OutSection("__kflagstab", C.SHT_PROGBITS, C.SHF_ALLOC, data=flags)])
    state = KernelState(_profile("7.3"))
    result = _load("exports", "7.3", data, state)
    assert result.ok, _texts(result)
    gpl = {name for name, exp in state.module("exports").exports.items() if exp.gpl_only}
    assert len(gpl) == 1 and len(result.exports) == count


@pytest.mark.parametrize("sections,message", [
    (["__version_ext_crcs"], "extended version crc+name presence does not match"),
    (["__version_ext_names"], "extended version crc+name presence does not match"),
], ids=["crcs-only", "names-only"])
def test_extended_versions_come_in_pairs(sections, message):
    data = (FIXTURES / "hello" / "hello.ko").read_bytes()
    data = _with_sections(data, [OutSection(n, C.SHT_PROGBITS, C.SHF_ALLOC, data=b"\0" * 8) for n in sections])
    assert _load("hello", "6.12", data).ok  # 6.12 knows no such tables
    result = _load("hello", "7.3", data)
    assert not result.ok and result.error.errno == "ENOEXEC" and _texts(result) == [message]


def _ext_versions(entries: list[tuple[int, str]], extra_crcs: int = 0) -> list[OutSection]:
    crcs = b"".join(crc.to_bytes(4, "little") for crc, _ in entries) + b"\0\0\0\0" * extra_crcs
    names = b"".join(name.encode() + b"\0" for _, name in entries)
    return [OutSection("__version_ext_crcs", C.SHT_PROGBITS, C.SHF_ALLOC, addralign=4, data=crcs),
            OutSection("__version_ext_names", C.SHT_PROGBITS, C.SHF_ALLOC, data=names)]


def test_more_extended_crcs_than_names_is_refused():
    data = _with_sections((FIXTURES / "hello" / "hello.ko").read_bytes(), _ext_versions([(1, "_printk")], 1))
    result = _load("hello", "7.3", data)
    assert _texts(result) == ["more extended version crcs than names"] and result.error.errno == "ENOEXEC"


def test_extended_versions_are_relied_on_instead_of_versions():
    profile = _profile("7.3")
    layout_crc = profile.exports["module_layout"].crc
    printk_crc = profile.exports["_printk"].crc
    hello = (FIXTURES / "hello" / "hello.ko").read_bytes()
    # a wrong CRC there refuses the load even though __versions has the right one
    bad = _with_sections(hello, _ext_versions([(layout_crc, "module_layout"), (printk_crc ^ 1, "_printk")]))
    result = _load("hello", "7.3", bad)
    assert not result.ok and "hello: disagrees about version of symbol _printk" in _texts(result)
    # a name missing there is accepted, with one warning for the whole boot (pr_warn_once)
    state = KernelState(profile)
    partial = _with_sections(hello, _ext_versions([(layout_crc, "module_layout")]))
    result = _load("hello", "7.3", partial, state)
    missing = [t for t in _texts(result) if "no extended symbol version" in t]
    assert result.ok and len(missing) == 1, _texts(result)


def test_symbol_string_table_checks_on_7_3():
    data = bytearray((FIXTURES / "hello" / "hello.ko").read_bytes())
    strtab = ElfFile(bytes(data)).section_by_name(".strtab")
    data[strtab.offset] = ord("x")
    assert _load("hello", "6.12", bytes(data)).ok  # 6.12 does not look
    result = _load("hello", "7.3", bytes(data))
    assert _texts(result) == ["symbol string table missing leading NUL"] and result.error.errno == "ENOEXEC"


def test_static_call_sites_are_ro_after_init_on_7_3_x86_64():
    def region_of(result, name):
        return next(s.region for s in result.sections if s.name == name)

    on_6_12 = _load("extables", "6.12")
    on_7_3 = _load("extables", "7.3")
    assert on_6_12.ok and on_7_3.ok
    assert region_of(on_6_12, ".static_call_sites") == MemRegionsModel.names[MOD_DATA]
    assert region_of(on_7_3, ".static_call_sites") == MemRegionsModel.names[MOD_RO_AFTER_INIT]
