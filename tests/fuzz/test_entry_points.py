"""Every entry point, fed structurally damaged copies of real fixtures: a result or the entry
point's own typed error (modpost: its status and diagnostics), never another exception, never a
case past its time limit.  The CI share is small and derandomized; bench/fuzz_campaign.py runs
the same cases by the hundred thousand."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import require
from tests.fuzz import mutators as M
from tests.fuzz.entries import ENTRIES, known_open_bug, run_case, seed_cases

# generous: the machine is shared; the campaign measures the real per-case times
CASE_SECONDS = 10.0


def _seeds_present():
    require(bool(M.seed_objects() and M.seed_modules() and M.seed_link_pairs() and M.seed_symvers()),
            "kbuild fixtures missing from testdata/")


def answered(case, workdir) -> str:
    try:
        return run_case(case, workdir, CASE_SECONDS)
    except BaseException as e:
        bug = known_open_bug(e)
        if bug is not None:
            pytest.xfail(f"known open bug {bug}")
        e.add_note(f"case: {case.entry} {case.arch} {case.origin} {case.options}")
        raise


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_unmutated_seeds_are_answered(entry, tmp_path):
    """The engine's zero point: every seed itself gives a clean answer (mostly a result)."""
    _seeds_present()
    outcomes = [answered(case, tmp_path) for case in seed_cases(entry)]
    assert len(outcomes) >= 20
    assert outcomes.count("ok") >= len(outcomes) // 2, outcomes


@pytest.mark.parametrize("entry", sorted(ENTRIES))
@settings(max_examples=250, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False))
def test_damaged_input_is_answered(entry, rnd, tmp_path):
    _seeds_present()
    make, _ = ENTRIES[entry]
    outcome = answered(make(rnd), tmp_path)
    assert outcome == "ok" or outcome.startswith("refused: ")
