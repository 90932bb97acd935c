"""Relocations against a /DISCARD/ed section, linked by GNU ld and by pymodpost-ld.

In debug sections and .eh_frame, ld does not complain about such a relocation: it clears the
bits of the field its howto names (``_bfd_clear_contents``: a whole word for data types, only
the immediate of an instruction, the low six bits of riscv's SET6/SUB6, a placeholder 1 in
.debug_ranges), drops the relocation from a debug section unless it is the output section's
last, and turns it into R_*_NONE elsewhere.  Every relocation type the assembler accepts is
written by hand with ``.reloc`` over bytes of 0xff, so that each cleared bit shows.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pymodpost.arch.target import by_name
from pymodpost.link import link, load_script
from tests.conftest import TESTDATA, require

TOOLS = {"x86_64": ("as", "ld"), "riscv64": ("riscv64-linux-gnu-as", "riscv64-linux-gnu-ld")}
DISCARDED = '\t.section .discard.text,"ax",@progbits\n.Lgone:\t.long 0x11111111\n'
KEPT = "\t.text\n\t.globl kept\nkept:\t.long 0\n"
FIELD = 16  # bytes of 0xff after each relocation: more than any field covers


def _field(rtype: str, target: str = ".Lgone+3") -> str:
    return f"\t.reloc ., {rtype}, {target}\n\t.fill {FIELD}, 1, 0xff\n"


def _accepted_types(tmp_path, assembler: str, arch: str) -> list[str]:
    """The relocation types this assembler writes with ``.reloc`` (it refuses some by name)."""
    names = []
    for rtype in by_name(arch).reloc_types:
        (tmp_path / "probe.s").write_text(DISCARDED + '\t.section .debug_info,"",@progbits\n'
                                          + _field(rtype.name))
        if subprocess.run([assembler, "-o", "probe.o", "probe.s"], cwd=tmp_path,
                          capture_output=True).returncode == 0:
            names.append(rtype.name)
    return names


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
def test_fields_of_relocations_against_discarded_sections(tmp_path, arch):
    assembler, ld = TOOLS[arch]
    require(shutil.which(assembler) is not None and shutil.which(ld) is not None,
            f"not installed: {assembler}, {ld}")
    types = _accepted_types(tmp_path, assembler, arch)
    assert len(types) > 40, types  # the probe itself works
    data_types = [t for t in types if t.endswith(("_32", "_64", "_16", "_8"))]
    source = DISCARDED + KEPT
    # every type, all against the discarded section: the output keeps only the last one
    source += '\t.section .debug_info,"",@progbits\n' + "".join(_field(t) for t in types)
    # a kept reference among them: every discarded one is dropped
    source += ('\t.section .debug_line,"",@progbits\n' + _field(data_types[0], "kept")
               + "".join(_field(t) for t in data_types))
    source += '\t.section .debug_ranges,"",@progbits\n' + "".join(_field(t) for t in data_types)
    source += '\t.section .eh_frame,"a",@progbits\n' + "".join(_field(t) for t in data_types)
    (tmp_path / "d.s").write_text(source)
    subprocess.run([assembler, "-o", "d.o", "d.s"], cwd=tmp_path, check=True)
    lds = TESTDATA / "kernels" / arch / "module.lds"
    subprocess.run([ld, "-r", "-T", str(lds), "-o", "real.o", "d.o"], cwd=tmp_path, check=True)
    ours = link([tmp_path / "d.o"], load_script(lds), emulation=by_name(arch).emulation)
    assert ours == (tmp_path / "real.o").read_bytes()
