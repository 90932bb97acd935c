"""kbuild tier: re-derive the relocation fixtures with the installed binutils and compare."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.arch.cases import CASES_DIR, load_cases
from tests.conftest import require_programs

TOOLS = {"x86_64": ("as", "ld"), "riscv64": ("riscv64-linux-gnu-as", "riscv64-linux-gnu-ld")}


def _generator():
    spec = importlib.util.spec_from_file_location("gen_reloc_cases", CASES_DIR / "gen_reloc_cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", sorted(TOOLS))
def test_fixtures_match_a_fresh_run(arch):
    require_programs(*TOOLS[arch])
    fresh = json.loads(json.dumps(_generator().generate(arch)))
    committed = load_cases(arch)
    assert fresh["cases"] == committed["cases"]
    assert fresh["plt_entries"] == committed["plt_entries"]
