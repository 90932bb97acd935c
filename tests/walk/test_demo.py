"""`pymodpost demo`: the bundled example goes through modpost, link and load on both arches,
and each stage's output agrees with the real tool's committed output."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from pymodpost.walk.demo import ARCHES, EXAMPLE_MODULE, run_demo
from tests.conftest import TESTDATA, whole_rows_env
from tests.fixtures import FIRST_KERNEL, KERNELS, fixture_dir

LATER_KERNELS = [k for k in KERNELS if k != FIRST_KERNEL]



@pytest.mark.parametrize("arch", ARCHES)
def test_demo_stages_agree_with_the_real_tools(arch, tmp_path):
    run = run_demo(arch, tmp_path)
    assert [s.name for s in run.stages] == ["modpost", "link", "load"]
    assert run.ok, [(s.name, s.lines) for s in run.stages if not s.ok]
    fixture = TESTDATA / arch / EXAMPLE_MODULE
    assert (tmp_path / f"{EXAMPLE_MODULE}.mod.c").read_bytes() == (fixture / f"{EXAMPLE_MODULE}.mod.c").read_bytes()
    assert (tmp_path / f"{EXAMPLE_MODULE}.ko").read_bytes() == (fixture / f"{EXAMPLE_MODULE}.ko").read_bytes()


def test_demo_command_runs_both_arches(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pymodpost", "demo", "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for arch in ARCHES:
        assert f"=== {arch}: " in proc.stdout
        assert (tmp_path / arch / f"{EXAMPLE_MODULE}.ko").is_file()
    assert "FAILED" not in proc.stdout


@pytest.mark.parametrize("arch", ARCHES)
@pytest.mark.parametrize("kernel", LATER_KERNELS)
def test_demo_of_a_later_kernel_agrees_with_its_real_tools(kernel, arch, tmp_path):
    run = run_demo(arch, tmp_path, kernel=kernel)
    assert [s.name for s in run.stages] == ["modpost", "link", "load"]
    assert run.ok, [(s.name, s.lines) for s in run.stages if not s.ok]
    fixture = fixture_dir(kernel, arch) / EXAMPLE_MODULE
    assert (tmp_path / f"{EXAMPLE_MODULE}.mod.c").read_bytes() == (fixture / f"{EXAMPLE_MODULE}.mod.c").read_bytes()
    modpost, link, load = run.stages
    # the command line of that kernel's kbuild (paths shown relative to the demo's directory)
    recorded = (fixture / "modpost.argv").read_text().split("\n")[1:-1]
    shown = modpost.lines[0].split()[1:]
    assert [a for a in shown if a.startswith("-")] == [a for a in recorded if a.startswith("-")]
    assert link.lines[0].endswith(f"{EXAMPLE_MODULE}.mod.o .module-common.o")
    ours = (tmp_path / f"{EXAMPLE_MODULE}.ko").read_bytes()
    if ours != (fixture / f"{EXAMPLE_MODULE}.ko").read_bytes():
        # only where kbuild's pahole rewrote GNU ld's output, and the line says so
        assert "BTF [M]" in (fixture / "build.log").read_text()
        assert "compared leaving .BTF out); semantically identical" in link.lines[-1]
    # the 6.4+ memory model: one allocation per mem[] type, every section in one of them
    rows = [line.split() for line in load.lines if line.startswith("  ")]
    regions = [row[0] for row in rows if row[0].startswith("mem[")]
    assert "mem[text]" in regions and "mem[init_text]" in regions
    placed = rows[rows.index(["section", "address", "bytes", "region"]) + 1:]
    assert len(placed) > 10 and all(row[-1][4:-1] in {r[4:-1] for r in regions} for row in placed)


def test_demo_command_of_a_later_kernel(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pymodpost", "demo", "--kernel", "7.3", "--arch", "riscv64",
                           "--out", str(tmp_path)], env=whole_rows_env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "=== riscv64 (Linux 7.3): " in proc.stdout and "FAILED" not in proc.stdout
    assert "modpost -M -m -b -E -o Module.symvers -T modules.order -i kernel/Module.symvers -e" in proc.stdout


def test_demo_of_an_unknown_kernel_is_one_error_line():
    proc = subprocess.run([sys.executable, "-m", "pymodpost", "demo", "--kernel", "5.10"],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        "pymodpost demo: error: 5.10: no bundled kernel of that name (bundled: 6.1, 6.12, 7.3)"]


def demo_output(kernel: str, columns: int | None) -> str:
    env = whole_rows_env() if columns is None else whole_rows_env(COLUMNS=str(columns))
    proc = subprocess.run([sys.executable, "-m", "pymodpost", "demo", "--kernel", kernel], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.mark.parametrize("kernel", ["6.1", "6.12", "7.3"])
def test_demo_fits_80_and_120_columns_and_loses_no_word(kernel):
    """In a narrow terminal the demo's tables and lines fit, and no word is lost or broken: the
    words are those of the output to a pipe (whole rows), as many times each."""
    whole = demo_output(kernel, None)
    assert max(len(line) for line in whole.splitlines()) > 80
    for columns in (80, 120):
        fitted = demo_output(kernel, columns)
        assert max(len(line) for line in fitted.splitlines()) <= columns
        assert Counter(fitted.split()) == Counter(whole.split())
