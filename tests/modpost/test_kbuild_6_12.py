"""Linux 6.12's modpost against ours, byte for byte (kbuild tier).

Debian's 6.12.118 kbuild (linux-headers-6.12.118+deb12-amd64) builds every fixture module of
testdata/modules; its own modpost run is recorded (command line, directory, stderr, status, the
``.mod.c`` files and Module.symvers it wrote), then our modpost, dialect "6.12", runs the same
command line in the same place.  Everything must be identical.  Nothing expected is typed in:
the real tool produces it in this run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import require, require_programs
from tests.modpost.kbuild_oracle import build_all, replay_ours, x86_64_specs

HEADERS = Path("/usr/src/linux-headers-6.12.118+deb12-amd64")
REAL_MODPOST = Path("/usr/lib/linux-kbuild-6.12.118+deb12/scripts/mod/modpost")


@pytest.fixture(scope="module")
def real_runs(tmp_path_factory):
    require(HEADERS.is_dir() and REAL_MODPOST.is_file(),
            "Debian's 6.12 kbuild not installed (apt-get install linux-headers-6.12.118+deb12-amd64)")
    require_programs("make", "gcc")
    return build_all(str(HEADERS), tmp_path_factory.mktemp("kbuild-6.12"), str(REAL_MODPOST))


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(x86_64_specs()))
def test_same_as_the_real_6_12_modpost(name, real_runs):
    runs, unbuildable = real_runs
    if name in unbuildable:
        pytest.skip(f"{name} does not compile for 6.12: {' '.join(unbuildable[name])}")
    real = runs[name]
    ours, produced = replay_ours(real, "6.12")
    assert ours.dialect == "6.12"
    assert ours.stderr == real.stderr
    assert ours.status == real.status
    assert sorted(produced) == sorted(real.outputs)
    for rel, data in real.outputs.items():
        assert produced[rel] == data, rel


@pytest.mark.kbuild
@pytest.mark.slow
def test_kbuild_6_12_calls_modpost_with_m_and_the_module_order(real_runs):
    """How 6.12's Makefile.modpost runs modpost for ``make M=``: -M, -m, -o, ``-T modules.order``
    (a file of .o names, not stdin), the kernel's Module.symvers, -e."""
    runs, _ = real_runs
    real = runs["exports"]
    where = str(real.where)
    assert real.argv == ["-M", "-m", "-o", f"{where}/Module.symvers", "-T", f"{where}/modules.order",
                         "-i", "Module.symvers", "-e"]
    assert real.cwd == str(HEADERS)
    assert (real.where / "modules.order").read_text() == f"{where}/exports.o\n"
