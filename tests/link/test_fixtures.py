"""pymodpost-ld on kbuild's own command lines versus the .ko/.o GNU ld 2.40 produced.

Every fixture's recorded final link (``.NAME.ko.cmd``) and composite link (``.NAME.o.cmd``)
is replayed through ``pymodpost-ld``'s ``main`` on copies of kbuild's inputs.  The result must be
semantically identical (``pymodpost diff``'s comparison); the byte-identical share is reported
and, since it is the goal, must be all of them.
"""

from __future__ import annotations

import pytest

from pymodpost.cli.ld import main as ld_main
from pymodpost.elf.reader import ElfFile
from pymodpost.elf.diff import diff_elf
from tests.link.kbuild_cmds import link_cases

CASES = link_cases()


def _output_arg(argv: list[str]) -> str:
    return argv[argv.index("-o") + 1]


def test_fixture_link_commands_exist():
    # both arches, final links and at least one composite link
    outputs = {(c.arch, c.output.endswith(".ko")) for c in CASES}
    assert outputs >= {("x86_64", True), ("x86_64", False), ("riscv64", True), ("riscv64", False)}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_link_is_semantically_identical(case, tmp_path):
    argv = case.materialise(tmp_path)
    out = _output_arg(argv)
    assert ld_main(argv) == 0
    ours = ElfFile.open(out)
    real = ElfFile.open(case.expected)
    result = diff_elf(real, ours, "GNU ld", "pymodpost-ld")
    assert result.equal, "\n".join(result.differences)


def test_byte_identical_share(tmp_path, capsys):
    identical = []
    for i, case in enumerate(CASES):
        scratch = tmp_path / str(i)
        scratch.mkdir()
        argv = case.materialise(scratch)
        assert ld_main(argv) == 0
        with open(_output_arg(argv), "rb") as f:
            if f.read() == case.expected.read_bytes():
                identical.append(case.id)
    share = len(identical) / len(CASES)
    with capsys.disabled():
        print(f"\npymodpost-ld byte-identical to GNU ld: {len(identical)}/{len(CASES)} "
              f"({share:.0%})")
    missing = sorted({c.id for c in CASES} - set(identical))
    assert not missing, f"not byte-identical: {missing}"
