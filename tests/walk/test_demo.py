"""`pymodpost demo`: the bundled example goes through modpost, link and load on both arches,
and each stage's output agrees with the real tool's committed output."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pymodpost.walk.demo import ARCHES, EXAMPLE_MODULE, run_demo
from tests.conftest import TESTDATA


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
