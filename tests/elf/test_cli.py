"""``pymodpost elf``: plain and JSON views of a real object, and one-line errors."""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import pytest

from elftools.elf.elffile import ELFFile

from pymodpost.cli.main import main
from tests.conftest import TESTDATA, require

HELLO = TESTDATA / "x86_64" / "hello" / "hello.ko"


def run(capsys, *argv):
    status = main(["elf", *map(str, argv)])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_json_agrees_with_pyelftools(capsys):
    require(HELLO.is_file(), "fixture missing")
    status, out, err = run(capsys, "--json", HELLO)
    assert status == 0 and err == ""
    doc = json.loads(out)
    pe = ELFFile(io.BytesIO(HELLO.read_bytes()))
    assert [s["name"] for s in doc["sections"]] == [s.name for s in pe.iter_sections()]
    symtab = pe.get_section_by_name(".symtab")
    assert [e["name"] for e in doc["symbols"]["entries"]] == [s.name for s in symtab.iter_symbols()]
    relocs = {r["section"]: r for r in doc["relocations"]}
    for sec in pe.iter_sections():
        if sec.header["sh_type"] == "SHT_RELA":
            ours = relocs[sec.name]["entries"]
            theirs = list(sec.iter_relocations())
            assert [(e["offset"], e["sym"], e["type"], e["addend"]) for e in ours] == [
                (r["r_offset"], r["r_info_sym"], r["r_info_type"], r["r_addend"]) for r in theirs]
            assert [e["sym_name"] for e in ours] == [
                symtab.get_symbol(r["r_info_sym"]).name for r in theirs]
    assert doc["header"]["machine_name"] == "x86_64"


def test_plain_output_shows_every_part(capsys):
    require(HELLO.is_file(), "fixture missing")
    status, out, _ = run(capsys, HELLO)
    assert status == 0
    for heading in ("ELF header:", "Sections (", "Symbols in .symtab", "Relocations in .rela.init.text"):
        assert heading in out
    assert "R_X86_64_PLT32" in out and "__fentry__" in out
    status, only_sections, _ = run(capsys, "-S", HELLO)
    assert "Sections (" in only_sections and "Symbols in" not in only_sections


def test_bad_file_is_one_line(capsys, tmp_path):
    bad = tmp_path / "bad.o"
    bad.write_bytes(b"\x7fELF\x02\x01\x01" + b"\0" * 9 + b"\x01\0" * 4)
    status, out, err = run(capsys, bad)
    assert status == 1 and out == ""
    assert err == f"pymodpost elf: error: {bad}: file is too short for an ELF header\n"
    status, out, err = run(capsys, tmp_path / "missing.o")
    assert status == 1
    assert err == f"pymodpost elf: error: {tmp_path / 'missing.o'}: No such file or directory\n"


@pytest.mark.parametrize("path", [HELLO, TESTDATA / "7.3" / "riscv64" / "params" / "params.o"],
                         ids=["x86_64-hello.ko", "riscv64-7.3-params.o"])
@pytest.mark.parametrize("columns", [80, 120])
def test_plain_output_fits_the_terminal_and_breaks_no_name(capsys, monkeypatch, path, columns):
    """At 80 and 120 columns no line is wider, and every section name, symbol name and value,
    relocation type and target symbol occurs whole at least as often as the file has it."""
    monkeypatch.setenv("COLUMNS", str(columns))
    status, out, _ = run(capsys, path)
    assert status == 0
    assert max(len(line) for line in out.splitlines()) <= columns
    monkeypatch.delenv("COLUMNS")
    _, whole, _ = run(capsys, path)
    assert max(len(line) for line in whole.splitlines()) > 80
    doc = json.loads(run(capsys, "--json", path)[1])
    tokens = Counter(s["name"] for s in doc["sections"])
    tokens += Counter(e["name"] for e in doc["symbols"]["entries"])
    tokens += Counter(f"{e['value']:016x}" for e in doc["symbols"]["entries"])
    for r in doc["relocations"]:
        tokens += Counter(e["type_name"] for e in r["entries"]) + Counter(e["sym_name"] for e in r["entries"])
    # (stripped: riscv's assembler names local labels ".L0 ", a space that no line can end in)
    tokens = Counter(token.strip() for token in tokens.elements() if token.strip())
    for token, count in tokens.items():
        assert len(re.findall(rf"(?<!\S){re.escape(token)}(?!\S)", out)) >= count, token
