"""The in-process API gives the same bytes as GNU ld's .ko, and batch use keeps no state."""

from __future__ import annotations

import pytest

from pymodpost.link import LinkError, link, load_script
from tests.conftest import TESTDATA


@pytest.mark.parametrize("arch, emulation", [("x86_64", "elf_x86_64"), ("riscv64", "elf64lriscv")])
def test_link_paths_in_process(arch, emulation):
    d = TESTDATA / arch / "params"
    script = load_script(str(TESTDATA / "kernels" / arch / "module.lds"))
    ko = link([d / "params.o", d / "params.mod.o"], script, emulation=emulation, build_id=True)
    assert ko == (d / "params.ko").read_bytes()


def test_batch_links_are_independent():
    script = load_script(str(TESTDATA / "kernels" / "x86_64" / "module.lds"))
    outs = []
    for name in ("hello", "params", "hello"):
        d = TESTDATA / "x86_64" / name
        outs.append(link([(f"{name}.o", (d / f"{name}.o").read_bytes()),
                          (f"{name}.mod.o", (d / f"{name}.mod.o").read_bytes())],
                         script, emulation="elf_x86_64", build_id=True))
    assert outs[0] == outs[2] == (TESTDATA / "x86_64" / "hello" / "hello.ko").read_bytes()


def test_composite_uses_builtin_relocatable_script():
    d = TESTDATA / "riscv64" / "composite"
    parts = [d / "core.o", d / "math.o", d / "strings.o"]
    assert link(parts, emulation="elf64lriscv") == (d / "composite.o").read_bytes()


def test_empty_input_list_is_an_ld_error():
    with pytest.raises(LinkError, match="^ld: no input files$"):
        link([])
