"""The pytest plugin and assertion helpers: the example a user copies (docs/examples/test_my_relocs.py)
runs in a project of its own with no conftest.py, and failures show S, A, P, the formula and bytes."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import tomllib

import pytest

from pymodpost import reloc
from pymodpost.reloc.testing import assert_applies, assert_refused
from tests.conftest import ROOT

PLUGIN = "pymodpost.reloc.pytest_plugin"
P = 0xFFFFFFFFC0001000

FAILING = '''
from pymodpost.reloc.testing import assert_applies

def test_wrong_expectation(reloc_kernel):
    assert_applies(reloc_kernel("x86_64", "6.1"), "R_X86_64_PC32", S=0xffffffffc0002000, A=-4,
                   P=0xffffffffc0001000, expect="fc 0f 00 01")
'''


def test_pyproject_registers_the_plugin_with_pytest():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["entry-points"]["pytest11"] == {"pymodpost-reloc": PLUGIN}


def _plugin_installed() -> bool:
    return any(ep.value == PLUGIN for ep in importlib.metadata.entry_points(group="pytest11"))


def test_the_example_runs_as_a_users_project(tmp_path):
    shutil.copy(ROOT / "docs" / "examples" / "test_my_relocs.py", tmp_path)
    (tmp_path / "test_failing.py").write_text(FAILING)
    # an installed pymodpost brings the plugin through its entry point; this checkout may not be
    # the installed one, so name the module then (naming it twice would register it twice)
    load = [] if _plugin_installed() else ["-p", PLUGIN]
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *load, "."],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    # six plain tests and one per dialect pass; test_failing.py's one fails
    assert f"1 failed, {6 + len(reloc.dialect_names())} passed" in proc.stdout, proc.stdout + proc.stderr
    for shown in ("R_X86_64_PC32 on x86_64 6.1", "S = 0xffffffffc0002000", "A = -0x4", "P = 0xffffffffc0001000",
                  "formula: S + A - P", "expected: fc 0f 00 01", "got:      fc 0f 00 00"):
        assert shown in proc.stdout, proc.stdout


def _failure(call) -> str:
    with pytest.raises(AssertionError) as e:
        call()
    return str(e.value)


def test_assert_applies_failures_show_inputs_formula_and_bytes():
    k = reloc.kernel("x86_64", "6.1")
    text = _failure(lambda: assert_applies(k, "R_X86_64_PC32", S=P + 0x1000, A=-4, P=P, expect="fc0f0001"))
    assert text.splitlines() == [
        "R_X86_64_PC32 on x86_64 6.1", f"  S = {P + 0x1000:#x}", "  A = -0x4", f"  P = {P:#x}",
        f"  formula: {k.formula('R_X86_64_PC32')}", "  before:   00 00 00 00", "  expected: fc 0f 00 01",
        "  got:      fc 0f 00 00", "                     ^^"]
    text = _failure(lambda: assert_applies(k, "R_X86_64_PC32", S=P + 0x1000, A=-4, P=P, expect="fc0f0000",
                                           truncated=True))
    assert text.endswith("  truncated: expected True, got False")
    text = _failure(lambda: assert_applies(k, "R_X86_64_32", S=2**32, A=0, P=P, expect="00000000"))
    assert text.splitlines()[-4:] == ["  got: refused", "    module: overflow in relocation type 10 val 100000000",
                                      "    module: `module' likely not compiled with -mcmodel=kernel",
                                      "    errno ENOEXEC"]


def test_assert_refused_failures():
    k = reloc.kernel("riscv64", "6.1")
    assert assert_refused(k, 53, S=0, A=0, P=P, message="module: Unknown relocation type 53", errno="EINVAL")
    text = _failure(lambda: assert_refused(k, 53, S=0, A=0, P=P, message="module: Unknown relocation type 54",
                                           errno="ENOEXEC"))
    assert text.splitlines()[-3:] == ["  expected message: module: Unknown relocation type 54",
                                      "  got message:      module: Unknown relocation type 53",
                                      "  expected errno ENOEXEC, got EINVAL"]
    assert "formula: refused: no handler" in text
    text = _failure(lambda: assert_refused(k, "R_RISCV_64", S=1, A=0, P=P, message="x"))
    assert text.splitlines()[-2:] == ["  expected a refusal: x",
                                      "  got: applied, 00 00 00 00 00 00 00 00 -> 01 00 00 00 00 00 00 00"]


if not _plugin_installed():  # this checkout is not the installed pymodpost: use its fixture directly
    from pymodpost.reloc.pytest_plugin import reloc_kernel  # noqa: F401


def test_the_fixture_makes_kernels(reloc_kernel):
    assert reloc_kernel("riscv64", "6.1").arch == "riscv64"


def test_loading_the_plugin_imports_none_of_the_kit():
    """pytest loads the plugin in every run of an environment with pymodpost installed."""
    code = ("import sys, pymodpost.reloc.pytest_plugin; "
            "print(sorted(m for m in sys.modules if m.startswith('pymodpost')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.stdout.strip() == "['pymodpost', 'pymodpost.reloc', 'pymodpost.reloc.pytest_plugin']", proc.stderr
