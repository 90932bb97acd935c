"""pymodpost-ld on kbuild's own command lines versus the .ko/.o GNU ld 2.40 produced.

Every fixture's recorded final link (``.NAME.ko.cmd``) and composite link (``.NAME.o.cmd``)
is replayed through ``pymodpost-ld``'s ``main`` on copies of kbuild's inputs.  The result must be
semantically identical (``pymodpost diff``'s comparison); the byte-identical share is reported
and, since it is the goal, must be all of them.
"""

from __future__ import annotations

import pytest

import shutil
import subprocess

from pymodpost.cli.ld import main as ld_main
from pymodpost.elf.reader import ElfFile
from pymodpost.elf.diff import diff_elf
from tests.link.kbuild_cmds import link_cases

from tests.conftest import require

ALL_CASES = link_cases()
#: kbuild's output is ld's own: compared with the committed file
CASES = [c for c in ALL_CASES if c.post is None]
#: kbuild changed ld's output afterwards (objtool on 6.12's x86_64 composite objects, pahole's
#: BTF on 6.12's x86_64 .ko): compared with the real ld run live on the same inputs
POST_PROCESSED = [c for c in ALL_CASES if c.post is not None]


def _output_arg(argv: list[str]) -> str:
    return argv[argv.index("-o") + 1]


def test_fixture_link_commands_exist():
    # both arches, final links and at least one composite link
    outputs = {(c.arch, c.output.endswith(".ko")) for c in ALL_CASES}
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


@pytest.mark.kbuild
@pytest.mark.parametrize("case", POST_PROCESSED, ids=lambda c: c.id)
def test_link_before_post_processing_is_byte_identical_to_real_ld(case, tmp_path):
    real_ld = shutil.which(f"{case.arch}-linux-gnu-ld") or shutil.which("ld")
    require(real_ld is not None, f"GNU ld for {case.arch} not installed (binutils)")
    ours_dir, real_dir = tmp_path / "ours", tmp_path / "real"
    ours_dir.mkdir()
    real_dir.mkdir()
    ours_argv, real_argv = case.materialise(ours_dir), case.materialise(real_dir)
    assert ld_main(ours_argv) == 0
    subprocess.run([real_ld, *real_argv], check=True, capture_output=True)
    ours = (ours_dir / _output_arg(ours_argv)).read_bytes() if "/" not in _output_arg(ours_argv) \
        else open(_output_arg(ours_argv), "rb").read()
    real = open(_output_arg(real_argv), "rb").read()
    if ours != real:
        result = diff_elf(ElfFile(real, "GNU ld"), ElfFile(ours, "pymodpost-ld"), "GNU ld", "pymodpost-ld")
        raise AssertionError("\n".join(result.differences) or "bytes differ")
