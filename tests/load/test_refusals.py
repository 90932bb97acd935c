"""Refusals before relocation, message by message, on damaged copies of the riscv64 hello.ko.

The damage recipes are testdata/load/damage.py, the same the oracle capture feeds the real kernel
(tests/load/test_oracle.py checks the simulator against the kernel's log there); here each
message is spelled out, as kernel/module/main.c and version.c print it.
"""

from __future__ import annotations

import importlib.util

import pytest

from pymodpost.kernel.profile import load_profile
from pymodpost.load.pipeline import LoadOptions, load_module
from pymodpost.load.state import KernelState
from tests.conftest import TESTDATA, require

KO = TESTDATA / "riscv64" / "hello" / "hello.ko"


def _damage():
    spec = importlib.util.spec_from_file_location("damage", TESTDATA / "load" / "damage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


damage = _damage()


@pytest.fixture(scope="module")
def profile():
    require((TESTDATA / "kernels" / "riscv64").is_dir(), "bundled riscv64 profile missing")
    return load_profile("riscv64")


@pytest.fixture
def ko() -> bytearray:
    require(KO.is_file(), f"{KO} missing")
    return bytearray(KO.read_bytes())


def refuse(profile, data):
    result = load_module(bytes(data), KernelState(profile), LoadOptions())
    assert not result.ok
    return result


def test_short_file(profile, ko):
    e = refuse(profile, ko[:40]).error
    assert (e.message, e.errno) == ("Invalid ELF header len 40", "ENOEXEC")


def test_wrong_architecture(profile):
    x86 = (TESTDATA / "x86_64" / "hello" / "hello.ko").read_bytes()
    assert refuse(profile, x86).error.message == "Invalid architecture in ELF header: 62"


def test_section_name_index(profile, ko):
    shnum = int.from_bytes(ko[0x3C:0x3E], "little")
    ko[0x3E:0x40] = shnum.to_bytes(2, "little")
    assert refuse(profile, ko).error.message == (
        f"Invalid ELF section name index: {shnum} || e_shstrndx ({shnum}) >= e_shnum ({shnum})"
    )


def _expected(ko: bytes) -> dict[str, tuple[str, str]]:
    text = damage.section_index(ko, ".text")
    data = damage.section_index(ko, ".data")
    return {
        "bad_magic": ("Invalid ELF header magic: != \x7fELF", "ENOEXEC"),
        "not_relocatable": ("Invalid ELF header type: 2 != 1", "ENOEXEC"),
        "section_header_size": ("Invalid ELF section header size", "ENOEXEC"),
        "section_headers_past_end": ("Invalid ELF section header overflow", "ENOEXEC"),
        "section_outside_file": (f"Invalid ELF section in module (section {text} type 1)", "ENOEXEC"),
        "no_symbols": ("hello: module has no symbols (stripped?)", "ENOEXEC"),
        "vermagic": ("hello: version magic '6.1.192 XXXXunload modversions riscv' should be "
                     "'6.1.192 mod_unload modversions riscv'", "ENOEXEC"),
        "layout_crc": ("hello: disagrees about version of symbol module_layout", "ENOEXEC"),
        "write_exec": (f"hello: section .data (index {data}) has invalid WRITE|EXEC flags", "ENOEXEC"),
        "missing_plt": ("hello: module PLT section(s) missing", "ENOEXEC"),
        "reloc_type_33": ("hello: Unknown relocation type 33", "EINVAL"),
    }


@pytest.mark.parametrize("recipe", sorted(_expected(KO.read_bytes()) if KO.is_file() else {}))
def test_damaged(profile, ko, recipe):
    damage.recipes("riscv64")[recipe](ko)
    e = refuse(profile, ko).error
    assert (e.message, e.errno) == _expected(KO.read_bytes())[recipe]


def test_missing_symbol_version_is_fatal_on_debian(profile, ko):
    damage.missing_version(ko)
    result = refuse(profile, ko)
    assert [line.text for line in result.log][-2:] == [
        "hello: no symbol version for _printk", "hello: Unknown symbol _printk (err -22)"]
    assert result.error.errno == "EINVAL"


def test_garbage_never_raises(profile):
    for n in (0, 63, 64, 65, 4096):
        data = bytes(range(256)) * (n // 256 + 1)
        result = load_module(b"\x7fELF" + data[:n], KernelState(profile))
        assert not result.ok
