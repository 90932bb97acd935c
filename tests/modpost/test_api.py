"""The library API returns structured results that agree with what the real modpost wrote."""

from __future__ import annotations

import subprocess
import sys

from pymodpost.kernel.symvers import parse_symvers
from tests.conftest import TESTDATA
from tests.modpost.fixture_replay import replay


def test_structured_result_matches_real_outputs(tmp_path):
    captured = {}

    def run_api(argv, cwd, stdin, kernel):
        from pymodpost.modpost import run

        result = run(argv, cwd=cwd, stdin=stdin, write=False, dialect=kernel)
        captured["result"] = result
        return result.status, result.stderr, result.outputs

    r = replay("x86_64", "exports", tmp_path, run_api)
    result = captured["result"]
    real_rows = parse_symvers((TESTDATA / "x86_64/exports/Module.symvers").read_bytes())
    mod = [m for m in result.modules if not m.from_dump][0]
    assert [(s.name, s.crc, s.is_gpl_only, s.namespace or "") for s in mod.exported_symbols] == \
        [(e.symbol, e.crc, e.gpl_only, e.namespace) for e in real_rows]
    assert mod.unresolved_symbols[-1].name == "module_layout"
    assert r.outputs == r.expected_outputs and r.stderr == r.expected_stderr
    # write=False touched nothing
    assert not list((tmp_path / "build" / "exports").glob("*.mod.c"))


def test_diagnostics_have_kinds(tmp_path):
    captured = {}

    def run_api(argv, cwd, stdin, kernel):
        from pymodpost.modpost import run

        result = run(argv, cwd=cwd, stdin=stdin, dialect=kernel)
        captured["result"] = result
        return result.status, result.stderr, result.outputs

    r = replay("x86_64", "unresolved", tmp_path, run_api)
    kinds = [(d.level, d.kind) for d in captured["result"].diagnostics]
    assert kinds and all(k == ("ERROR", "undefined") for k in kinds)
    assert r.stderr == r.expected_stderr


def test_importing_helpers_stays_light():
    code = ("import sys; import pymodpost.kernel.symvers, pymodpost.modpost, pymodpost.cli.modpost; "
            "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_result_names_its_dialect_and_the_dialect_decides_the_options():
    import pytest

    from pymodpost.dialect import DEFAULT
    from pymodpost.modpost import run
    from pymodpost.modpost.options import GetoptError

    assert run([], write=False).dialect == DEFAULT.name
    assert run(["-M", "-t"], write=False, dialect="6.12").dialect == "6.12"
    assert run(["-M", "-b", "-x"], write=False, dialect="7.3").dialect == "7.3"
    # the option set is the chosen kernel's: 6.1's getopt string has no -M
    with pytest.raises(GetoptError, match="invalid option -- 'M'"):
        run(["-M"], write=False, dialect="6.1-debian")
    with pytest.raises(GetoptError, match="invalid option -- 'x'"):
        run(["-x"], write=False, dialect="6.12")


def test_the_drop_in_speaks_the_kernel_kbuild_names(tmp_path):
    """kbuild exports VERSION/PATCHLEVEL to modpost; PYMODPOST_DIALECT overrides them."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("PYMODPOST_DIALECT", "VERSION", "PATCHLEVEL")}
    env["PYTHONPATH"] = str(TESTDATA.parent)

    def drop_in(*args, **extra):
        return subprocess.run([sys.executable, "-m", "pymodpost.cli.modpost", *args], cwd=tmp_path,
                              env={**env, **extra}, capture_output=True, text=True)

    assert "invalid option -- 'M'" in drop_in("-M").stderr
    assert drop_in("-M", VERSION="6", PATCHLEVEL="12").returncode == 0
    assert drop_in("-M", PYMODPOST_DIALECT="7.3", VERSION="6", PATCHLEVEL="1").returncode == 0
    unknown = drop_in("-M", VERSION="5", PATCHLEVEL="10")
    assert unknown.returncode == 1 and "not a supported kernel" in unknown.stderr
