"""Every real kbuild modpost run committed under testdata/<arch>/<name>/, replayed through pymodpost:
same .mod.c files, same Module.symvers, same stderr, same exit status."""

from __future__ import annotations

import pytest

from tests.modpost.fixture_replay import fixtures, replay, run_library

CASES = [(arch, name) for arch in ("x86_64", "riscv64") for name in fixtures(arch)]


@pytest.mark.parametrize("arch,name", CASES, ids=[f"{a}-{n}" for a, n in CASES])
def test_replay_matches_real_modpost(arch, name, tmp_path):
    r = replay(arch, name, tmp_path, run_library)
    assert r.stderr == r.expected_stderr
    assert r.status == r.expected_status
    if r.status != 0:
        # make deletes the target of a failed rule: the Module.symvers modpost may have written
        r.outputs.pop("Module.symvers", None)
    assert sorted(r.outputs) == sorted(r.expected_outputs)
    for rel, data in r.expected_outputs.items():
        assert r.outputs[rel].decode() == data.decode(), rel
