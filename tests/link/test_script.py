"""The module.lds parser: real scripts parse to what ld reads from them; bad ones get ld's words."""

from __future__ import annotations

import subprocess

import pytest

from pymodpost.link.script import (DISCARD, AlignDot, DataItem, InputClause, ScriptError,
                                   load_script, parse_script)
from tests.conftest import TESTDATA, require_programs

X86_LDS = TESTDATA / "kernels" / "x86_64" / "module.lds"


def test_x86_module_lds_structure():
    script = load_script(str(X86_LDS))
    names = [s.name for s in script.sections]
    assert names == [DISCARD, "__ksymtab", "__ksymtab_gpl", "__kcrctab", "__kcrctab_gpl", ".ctors",
                     ".init_array", ".altinstructions", "__bug_table", "__jump_table",
                     "__patchable_function_entries"]
    ksymtab = script.output_section("__ksymtab")
    assert ksymtab.address == 0 and ksymtab.align is None
    (clause,) = ksymtab.items
    assert clause.sorted and clause.matches("hello.o", "___ksymtab+hello_add")
    assert clause.matches("hello.o", "___ksymtab_gpl+x") is None  # `+` keeps _gpl out
    ctors = script.output_section(".ctors")
    assert ctors.align == 8 and [c.sorted for c in ctors.items] == [True, False]
    assert script.output_section("__jump_table").items[0].keep
    assert script.output_section("__patchable_function_entries").address is None
    discard = script.output_section(DISCARD)
    assert discard.is_discard
    assert any(c.matches("x.o", ".discard.addressable") for c in discard.items)


def test_several_sections_blocks_byte_and_align_dot():
    # riscv's module.lds appends a second SECTIONS block with BYTE(0) placeholders
    text = ("/* c */ SECTIONS { a 0 : { *(.a) } }\nSECTIONS {\n .plt : { BYTE(0) }\n"
            " .b : { . = ALIGN(16); *(.b .b.[0-9]*) SHORT(0x10); }\n}\n")
    script = parse_script(text, "t.lds")
    assert [s.name for s in script.sections] == ["a", ".plt", ".b"]
    assert script.sections[1].items == (DataItem(1, 0),)
    b = script.sections[2]
    assert b.items[0] == AlignDot(16) and b.items[2] == DataItem(2, 16)
    assert isinstance(b.items[1], InputClause)
    assert b.items[1].matches("f.o", ".b.7") and not b.items[1].matches("f.o", ".b.x")


@pytest.mark.parametrize("text, message", [
    ("SECTIONS {\n foo 0 : { *(.a) \n}\n", "ld:t.lds:0: syntax error"),
    ("SECTIONS {\n foo 0 : { *(.a) } }\n}\n", "ld:t.lds:3: syntax error"),
    ("SECTIONS {\n foo 0 : ( *(.a) }\n}\n", "ld:t.lds:2: syntax error"),
])
def test_syntax_errors_read_like_ld(text, message):
    with pytest.raises(ScriptError) as e:
        parse_script(text, "t.lds")
    assert str(e.value) == message


def test_unsupported_constructs_are_named():
    with pytest.raises(ScriptError,
                       match=r"^ld:t.lds:1: `MEMORY' is not supported by pymodpost-ld$"):
        parse_script("MEMORY { x : ORIGIN = 0, LENGTH = 4 }", "t.lds")
    with pytest.raises(ScriptError, match="a symbol assignment"):
        parse_script("SECTIONS { a : { x = 1; } }", "t.lds")


@pytest.mark.kbuild
@pytest.mark.parametrize("text", [
    "SECTIONS {\n foo 0 : { *(.a) \n}\n",
    "SECTIONS {\n foo 0 : { *(.a) } }\n}\n",
    "SECTIONS {\n foo 0 : ( *(.a) }\n}\n",
])
def test_syntax_error_text_matches_real_ld(tmp_path, text):
    require_programs("ld")
    lds = tmp_path / "t.lds"
    lds.write_text(text)
    obj = TESTDATA / "x86_64" / "hello" / "hello.o"
    real = subprocess.run(["ld", "-r", "-T", "t.lds", "-o", "out.o", str(obj)], cwd=tmp_path,
                          capture_output=True, text=True)
    assert real.returncode != 0
    with pytest.raises(ScriptError) as e:
        parse_script(text, "t.lds")
    assert real.stderr.splitlines()[0] == str(e.value)
