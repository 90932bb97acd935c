"""Every real kbuild modpost run committed under testdata/<arch>/<name>/ (6.1) and
testdata/<kernel>/<arch>/<name>/ (6.12, 7.3 when its fixtures are committed), replayed through
pymodpost speaking that kernel's dialect: same .mod.c files, same Module.symvers, same stderr,
same exit status."""

from __future__ import annotations

import pytest

from tests.fixtures import ARCHES, FIRST_KERNEL
from tests.modpost.fixture_replay import fixtures, kernels_with_fixtures, replay, run_library

CASES = [(kernel, arch, name) for kernel in kernels_with_fixtures() for arch in ARCHES
         for name in fixtures(arch, kernel)]


@pytest.mark.parametrize("kernel,arch,name", CASES,
                         ids=[f"{a}-{n}" if k == FIRST_KERNEL else f"{k}-{a}-{n}" for k, a, n in CASES])
def test_replay_matches_real_modpost(kernel, arch, name, tmp_path):
    r = replay(arch, name, tmp_path, run_library, kernel)
    assert r.stderr == r.expected_stderr
    assert r.status == r.expected_status
    if r.status != 0:
        # make deletes the target of a failed rule: the Module.symvers modpost may have written
        r.outputs.pop("Module.symvers", None)
    assert sorted(r.outputs) == sorted(r.expected_outputs)
    for rel, data in r.expected_outputs.items():
        assert r.outputs[rel].decode() == data.decode(), rel
