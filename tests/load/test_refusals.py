"""Refusals before relocation: deliberately damaged copies of real fixture modules.

Each test breaks one thing in a kbuild-built .ko and checks the message and errno 6.1 gives
(kernel/module/main.c, version.c; the oracle tests check the same texts against a real kernel
log where a fixture triggers them).
"""

from __future__ import annotations

import struct

import pytest

from pymodpost.kernel.profile import load_profile
from pymodpost.load.pipeline import LoadOptions, load_module
from pymodpost.load.state import KernelState
from tests.conftest import TESTDATA, require

KO = TESTDATA / "riscv64" / "hello" / "hello.ko"


@pytest.fixture(scope="module")
def profile():
    require((TESTDATA / "kernels" / "riscv64").is_dir(), "bundled riscv64 profile missing")
    return load_profile("riscv64")


@pytest.fixture
def ko() -> bytearray:
    require(KO.is_file(), f"{KO} missing")
    return bytearray(KO.read_bytes())


def refuse(profile, data, flags=0):
    result = load_module(bytes(data), KernelState(profile), LoadOptions(flags=flags))
    assert not result.ok
    return result.error


def _shdr_off(data, i):
    e_shoff = struct.unpack_from("<Q", data, 0x28)[0]
    return e_shoff + 64 * i


def _section_index(data, name):
    e_shoff, = struct.unpack_from("<Q", data, 0x28)
    shnum, shstrndx = struct.unpack_from("<HH", data, 0x3C)
    str_off = struct.unpack_from("<Q", data, e_shoff + 64 * shstrndx + 24)[0]
    for i in range(shnum):
        sh_name = struct.unpack_from("<I", data, e_shoff + 64 * i)[0]
        end = data.index(b"\0", str_off + sh_name)
        if data[str_off + sh_name:end] == name.encode():
            return i
    raise KeyError(name)


def test_short_file(profile, ko):
    e = refuse(profile, ko[:40])
    assert (e.message, e.errno) == ("Invalid ELF header len 40", "ENOEXEC")


def test_bad_magic(profile, ko):
    ko[1] = ord("X")
    assert refuse(profile, ko).message == "Invalid ELF header magic: != \x7fELF"


def test_not_relocatable(profile, ko):
    ko[16] = 2  # ET_EXEC
    assert refuse(profile, ko).message == "Invalid ELF header type: 2 != 1"


def test_wrong_architecture(profile):
    x86 = (TESTDATA / "x86_64" / "hello" / "hello.ko").read_bytes()
    assert refuse(profile, x86).message == "Invalid architecture in ELF header: 62"


def test_section_header_size(profile, ko):
    struct.pack_into("<H", ko, 0x3A, 40)
    assert refuse(profile, ko).message == "Invalid ELF section header size"


def test_section_headers_past_the_end(profile, ko):
    struct.pack_into("<Q", ko, 0x28, len(ko))
    assert refuse(profile, ko).message == "Invalid ELF section header overflow"


def test_section_name_index(profile, ko):
    shnum = struct.unpack_from("<H", ko, 0x3C)[0]
    struct.pack_into("<H", ko, 0x3E, shnum)
    assert refuse(profile, ko).message == (
        f"Invalid ELF section name index: {shnum} || e_shstrndx ({shnum}) >= e_shnum ({shnum})"
    )


def test_section_outside_file(profile, ko):
    i = _section_index(ko, ".text")
    struct.pack_into("<Q", ko, _shdr_off(ko, i) + 32, len(ko))  # sh_size
    assert refuse(profile, ko).message == f"Invalid ELF section in module (section {i} type 1)"


def test_no_symbols(profile, ko):
    i = _section_index(ko, ".symtab")
    struct.pack_into("<I", ko, _shdr_off(ko, i) + 4, 1)  # SHT_PROGBITS
    assert refuse(profile, ko).message == "hello: module has no symbols (stripped?)"


def test_vermagic_mismatch(profile, ko):
    at = ko.index(b"vermagic=6.1.192 ")
    ko[at + len("vermagic=6.1.192 "):at + len("vermagic=6.1.192 mod_unload")] = b"preempt   "
    e = refuse(profile, ko)
    assert e.message == (
        "hello: version magic '6.1.192 preempt    modversions riscv' should be '6.1.192 mod_unload modversions riscv'"
    )
    assert e.errno == "ENOEXEC"


def test_module_layout_crc_mismatch(profile, ko):
    at = ko.index(b"module_layout\0") - 8
    ko[at] ^= 1
    e = refuse(profile, ko)
    assert (e.message, e.errno) == ("hello: disagrees about version of symbol module_layout", "ENOEXEC")


def test_missing_symbol_version_is_fatal_on_debian(profile, ko):
    # rename the printk entry of __versions: the symbol is still used, now without a version
    vers = _shdr_off(ko, _section_index(ko, "__versions"))
    start = struct.unpack_from("<Q", ko, vers + 24)[0]
    at = ko.index(b"_printk\0", start)
    ko[at:at + 7] = b"_printX"
    result = load_module(bytes(ko), KernelState(profile))
    assert [line.text for line in result.log][-2:] == [
        "hello: no symbol version for _printk", "hello: Unknown symbol _printk (err -22)"]
    assert result.error.errno == "EINVAL"


def test_write_exec_section(profile, ko):
    i = _section_index(ko, ".data")
    flags = struct.unpack_from("<Q", ko, _shdr_off(ko, i) + 8)[0]
    struct.pack_into("<Q", ko, _shdr_off(ko, i) + 8, flags | 4)
    e = refuse(profile, ko)
    assert e.message == f"hello: section .data (index {i}) has invalid WRITE|EXEC flags"


def test_missing_plt_placeholder(profile, ko):
    i = _section_index(ko, ".plt")
    name_at = ko.index(b".plt\0")
    ko[name_at:name_at + 4] = b".plx"
    assert refuse(profile, ko).message == "hello: module PLT section(s) missing"
    assert i


def test_garbage_never_raises(profile):
    for n in (0, 63, 64, 65, 4096):
        data = bytes(range(256)) * (n // 256 + 1)
        result = load_module(b"\x7fELF" + data[:n], KernelState(profile))
        assert not result.ok
