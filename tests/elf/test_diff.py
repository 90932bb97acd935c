"""pymodpost diff: equal files say so (exit 0); each kind of difference is named (exit 1)."""

from __future__ import annotations

import struct

from pymodpost.cli.main import main
from pymodpost.elf.reader import ElfFile
from pymodpost.elf.diff import diff_elf
from tests.conftest import TESTDATA

KO = TESTDATA / "x86_64" / "hello" / "hello.ko"


def _patched(**edits) -> ElfFile:
    """hello.ko with deliberate edits (malformed-on-purpose test inputs)."""
    data = bytearray(KO.read_bytes())
    elf = ElfFile(bytes(data))
    if "text_byte" in edits:
        sec = elf.section_by_name(".init.text")
        data[sec.offset + 3] ^= 0xFF
    if "addend" in edits:
        rela = elf.section_by_name(".rela.init.text")
        a = struct.unpack_from("<q", data, rela.offset + 16)[0]
        struct.pack_into("<q", data, rela.offset + 16, a + edits["addend"])
    if "symbol_value" in edits:
        st = elf.symtab.section
        last = st.offset + st.size - 24
        v = struct.unpack_from("<Q", data, last + 8)[0]
        struct.pack_into("<Q", data, last + 8, v + edits["symbol_value"])
    if "flags_of" in edits:
        sec = elf.section_by_name(edits["flags_of"])
        hdr = elf.header.e_shoff + sec.index * 64
        struct.pack_into("<Q", data, hdr + 8, sec.flags | 0x1)  # add SHF_WRITE
    return ElfFile(bytes(data), "patched.ko")


def test_same_file_is_byte_identical(capsys):
    assert main(["diff", str(KO), str(KO)]) == 0
    assert "byte-identical" in capsys.readouterr().out


def test_each_difference_is_named():
    real = ElfFile.open(KO)
    r = diff_elf(real, _patched(text_byte=True))
    assert not r.equal and any(".init.text" in d and "contents differ" in d for d in r.differences)
    r = diff_elf(real, _patched(addend=8))
    assert any(".rela.init.text" in d and "relocation" in d for d in r.differences)
    r = diff_elf(real, _patched(symbol_value=4))
    assert any(d.startswith("symbol ") and "value" in d for d in r.differences)
    r = diff_elf(real, _patched(flags_of=".modinfo"))
    assert any(".modinfo" in d and "flags" in d for d in r.differences)


def test_different_files_exit_1(tmp_path, capsys):
    other = tmp_path / "other.ko"
    other.write_bytes(_patched(text_byte=True).data)
    assert main(["diff", str(KO), str(other)]) == 1
    out = capsys.readouterr().out
    assert ".init.text" in out


def test_different_modules_report_sections_and_symbols():
    a = ElfFile.open(TESTDATA / "x86_64" / "hello" / "hello.ko")
    b = ElfFile.open(TESTDATA / "x86_64" / "params" / "params.ko")
    r = diff_elf(a, b)
    assert any("sections only in" in d for d in r.differences)
    assert any(d.startswith("symbol") for d in r.differences)
