"""Every console entry on bad input (missing file, non-ELF, truncated ELF, wrong architecture,
bad option): the tool's own style of error, a non-zero status (or the real tool's status where it
accepts the input), no traceback.  Run as real subprocesses, so import-time failures count too.

For the drop-ins the expected lines and statuses were recorded from the real tools on this
machine (Debian's modpost.real-lsb-64 of linux-kbuild 6.1, GNU ld 2.40) with the same inputs; the
kbuild-tier test at the end re-runs them live.  The ``pymodpost`` sub-commands mirror no single
tool for these errors: their line is ``pymodpost CMD: error: ...``, or the mirrored tool's
(kmod's ``modinfo: ERROR: ...``, insmod's ``insmod: ERROR: ...`` for a refused load).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TESTDATA, require

X86 = TESTDATA / "x86_64" / "hello"
RV = TESTDATA / "riscv64" / "hello"


@pytest.fixture()
def bad(tmp_path) -> Path:
    """A directory of bad inputs next to good ones (names as the cases below use them)."""
    require(X86.is_dir() and RV.is_dir(), "hello fixtures missing")
    (tmp_path / "notelf.o").write_text("hello world\n")
    (tmp_path / "notelf.ko").write_text("hello world\n")
    (tmp_path / "trunc.o").write_bytes((X86 / "hello.o").read_bytes()[:100])
    (tmp_path / "trunc.ko").write_bytes((X86 / "hello.ko").read_bytes()[:100])
    exe = bytearray((X86 / "hello.o").read_bytes())
    exe[16] = 2  # e_type ET_EXEC: an ELF file, but no module object
    (tmp_path / "exec.o").write_bytes(bytes(exe))
    for src, name in ((X86 / "hello.o", "x.o"), (X86 / "hello.ko", "x.ko"), (X86 / "hello.mod.o", "x.mod.o"),
                      (RV / "hello.o", "rv.o"), (RV / "hello.ko", "rv.ko")):
        shutil.copyfile(src, tmp_path / name)
    return tmp_path


def run(cwd: Path, program: str, *args: str) -> subprocess.CompletedProcess:
    exe = shutil.which(program)
    require(exe is not None, f"console script {program} not installed (pip install -e .)")
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYMODPOST_JOBS": "1"})


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr


def one_error_line(proc: subprocess.CompletedProcess, prefix: str) -> str:
    """argparse's usage lines may come first; then exactly one error line with ``prefix``."""
    no_traceback(proc)
    assert proc.returncode != 0
    lines = proc.stderr.splitlines()
    while lines and (lines[0].startswith("usage:") or lines[0].startswith(" ")):
        lines.pop(0)
    assert len(lines) == 1 and lines[0].startswith(prefix), proc.stderr
    return lines[0]


# --- pymodpost-modpost: (arguments, real modpost's stderr, real status) -------------------------
MODPOST_CASES = {
    "missing": (["-o", "out.symvers", "missing.o"], "missing.o: No such file or directory\n", 1),
    # modpost 6.1 skips a file without the ELF magic without a word (parse_elf returns 0)
    "not-elf": (["-o", "out.symvers", "notelf.o"], "", 0),
    "truncated": (["-o", "out.symvers", "trunc.o"],
                  "FATAL: modpost: section header offset=14784 in file 'trunc.o' is bigger than filesize=100\n", 1),
    "not-an-object": (["-o", "out.symvers", "rv.ko"], "ERROR: modpost: rv.ko: filename must be suffixed with .o\n", 1),
    "missing-dump": (["-i", "missing.symvers", "-o", "out.symvers", "rv.o"],
                     "missing.symvers: No such file or directory\n", 1),
    "bad-option": (["-Z", "-o", "out.symvers", "x.o"], "{prog}: invalid option -- 'Z'\n", 1),
}


@pytest.mark.parametrize("name", sorted(MODPOST_CASES))
def test_modpost_bad_input(bad, name):
    args, stderr, status = MODPOST_CASES[name]
    proc = run(bad, "pymodpost-modpost", *args)
    no_traceback(proc)
    assert (proc.stderr, proc.returncode) == (stderr.format(prog=shutil.which("pymodpost-modpost")), status)


# --- pymodpost-ld: (arguments, real ld's last stderr line, status) ---------------------------
LD = ["-r", "-m", "elf_x86_64", "-T", str(TESTDATA / "kernels" / "x86_64" / "module.lds"), "-o", "out.ko"]
LD_CASES = {
    "missing": ([*LD, "missing.o", "x.mod.o"], "ld: cannot find missing.o: No such file or directory"),
    # real ld then tries the file as a linker script and adds "ld:notelf.o:1: syntax error"
    "not-elf": ([*LD, "notelf.o", "x.mod.o"], "ld:notelf.o: file format not recognized; treating as linker script"),
    # BFD words this one without ld's program-name prefix
    "truncated": ([*LD, "trunc.o", "x.mod.o"], "trunc.o: file not recognized: file format not recognized"),
    # real ld first prints "ld: rv.o: Relocations in generic ELF (EM: 243)" once per relocation section
    "wrong-arch": ([*LD, "rv.o", "x.mod.o"], "ld: rv.o: error adding symbols: file in wrong format"),
    "bad-option": ([*LD, "--bogus", "x.o", "x.mod.o"], "ld: unrecognized option '--bogus'"),
}


@pytest.mark.parametrize("name", sorted(LD_CASES))
def test_ld_bad_input(bad, name):
    args, line = LD_CASES[name]
    (bad / "out.ko").write_bytes(b"previous output")
    proc = run(bad, "pymodpost-ld", *args)
    assert one_error_line(proc, "") == line
    # a failed link leaves the previous output alone (write_atomic only runs after success)
    assert (bad / "out.ko").read_bytes() == b"previous output"


# --- pymodpost sub-commands ------------------------------------------------------------------
PYMODPOST_CASES = {
    # command, arguments, the start of the one error line
    "load-missing": (["load", "--kernel", "x86_64", "missing.ko"], "pymodpost load: error: missing.ko: No such file"),
    "load-not-elf": (["load", "--kernel", "x86_64", "notelf.ko"],
                     "insmod: ERROR: could not insert module notelf.ko: Invalid module format"),
    "load-truncated": (["load", "--kernel", "x86_64", "trunc.ko"],
                       "insmod: ERROR: could not insert module trunc.ko: Invalid module format"),
    "load-wrong-arch": (["load", "--kernel", "x86_64", "rv.ko"],
                        "insmod: ERROR: could not insert module rv.ko: Invalid module format"),
    "load-bad-profile": (["load", "--kernel", "nosuch", "x.ko"], "pymodpost load: error: nosuch: no such kernel profile"),
    "load-bad-option": (["load", "--bogus", "--kernel", "x86_64", "x.ko"], "pymodpost load: error: unrecognized arguments"),
    "elf-missing": (["elf", "missing.o"], "pymodpost elf: error: missing.o: No such file or directory"),
    "elf-not-elf": (["elf", "notelf.o"], "pymodpost elf: error: notelf.o: not an ELF file"),
    "elf-truncated": (["elf", "trunc.o"], "pymodpost elf: error: trunc.o: section header table goes past the end"),
    "elf-bad-option": (["elf", "--bogus", "x.o"], "pymodpost elf: error: unrecognized arguments: --bogus"),
    "modinfo-missing": (["modinfo", "missing.ko"], "modinfo: ERROR: Module missing.ko not found."),
    "modinfo-not-elf": (["modinfo", "notelf.ko"], "modinfo: ERROR: could not get modinfo from 'notelf': Exec format error"),
    "modinfo-truncated": (["modinfo", "trunc.ko"], "modinfo: ERROR: could not get modinfo from 'trunc': Invalid argument"),
    "modinfo-bad-option": (["modinfo", "--bogus", "x.ko"], "pymodpost modinfo: error: unrecognized arguments: --bogus"),
    "diff-missing": (["diff", "x.ko", "missing.ko"], "pymodpost diff: error: missing.ko: No such file or directory"),
    "diff-not-elf": (["diff", "x.ko", "notelf.ko"], "pymodpost diff: error: notelf.ko: not an ELF file"),
    "diff-truncated": (["diff", "trunc.ko", "x.ko"], "pymodpost diff: error: trunc.ko: section header table goes past"),
    "diff-bad-option": (["diff", "--bogus", "x.ko", "x.ko"], "pymodpost diff: error: unrecognized arguments: --bogus"),
    "walk-missing": (["walk", "missing.o"], "pymodpost walk: error: missing.o: No such file or directory"),
    "walk-not-elf": (["walk", "notelf.o"], "pymodpost walk: error: notelf.o: not an ELF file"),
    "walk-truncated": (["walk", "trunc.o"], "pymodpost walk: error: trunc.o: section header table goes past"),
    "walk-not-relocatable": (["walk", "exec.o"], "pymodpost walk: error: exec.o: not a relocatable object"),
    "walk-not-an-object": (["walk", "x.ko"], "pymodpost walk: error: x.ko: expected a module object"),
    "walk-bad-option": (["walk", "--bogus", "x.o"], "pymodpost walk: error: unrecognized arguments: --bogus"),
    "explain-missing-module": (["explain", "--module", "missing.o", "x"],
                               "pymodpost explain: error: missing.o: No such file or directory"),
    "explain-bad-option": (["explain", "--bogus"], "pymodpost explain: error: unrecognized arguments: --bogus"),
    "demo-bad-option": (["demo", "--arch", "sparc"], "pymodpost demo: error: argument --arch: invalid choice"),
    # (the harness boots qemu for real inputs; only its option check is cheap enough here)
    "harness-bad-option": (["harness", "--bogus", "x.ko"], "pymodpost harness: error: unrecognized arguments: --bogus"),
    "unknown-command": (["frobnicate"], "pymodpost: error: unknown command 'frobnicate'"),
}


@pytest.mark.parametrize("name", sorted(PYMODPOST_CASES))
def test_pymodpost_bad_input(bad, name):
    args, start = PYMODPOST_CASES[name]
    proc = run(bad, "pymodpost", *args)
    if name == "unknown-command":  # the command list comes first, as for a bare `pymodpost`
        proc.stderr = proc.stderr.split("\n\n")[-1].splitlines()[-1] + "\n"
    assert one_error_line(proc, start)


# --- live: the drop-ins' recorded answers are still the real tools' ----------------------------
@pytest.mark.kbuild
@pytest.mark.parametrize("name", sorted(MODPOST_CASES))
def test_modpost_cases_against_real_modpost(bad, name):
    from tests.x86_kernels import live_x86_tree

    # Debian's real 6.1 modpost (the pinned ABI's, else the newest 6.1 one: the same program)
    real_modpost = live_x86_tree() / "scripts/mod/modpost.real-lsb-64"
    require(real_modpost.is_file(), f"real modpost missing: {real_modpost}")
    args, stderr, status = MODPOST_CASES[name]
    proc = subprocess.run([str(real_modpost), *args], cwd=bad, capture_output=True, text=True, timeout=60)
    assert (proc.stderr, proc.returncode) == (stderr.format(prog=real_modpost), status)


@pytest.mark.kbuild
@pytest.mark.parametrize("name", sorted(LD_CASES))
def test_ld_cases_against_real_ld(bad, name):
    require(shutil.which("ld") is not None and sys.platform == "linux", "GNU ld missing")
    args, line = LD_CASES[name]
    proc = subprocess.run(["ld", *args], cwd=bad, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and line in proc.stderr.splitlines(), proc.stderr
