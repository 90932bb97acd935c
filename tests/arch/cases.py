"""Loading the relocation fixtures that GNU as + ld produced (testdata/arch/gen_reloc_cases.py)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import TESTDATA

CASES_DIR = TESTDATA / "arch"


def load_cases(arch: str, directory: Path = CASES_DIR) -> dict:
    return json.loads((directory / f"reloc_cases_{arch}.json").read_text())


def case_id(case: dict) -> str:
    pair = f"+{case['pair'][8:]}" if case.get("pair") else ""
    return f"{case['type'][2:]}{pair}-S{case['S']:x}{case['A']:+d}"


def expected_bytes(case: dict) -> bytes:
    """What a relocation that does not range-check leaves: ld's bytes, or the folded ones on overflow."""
    if case["ld"] != "ok" and "folded_bytes" in case:
        return bytes.fromhex(case["folded_bytes"])
    return bytes.fromhex(case["bytes"])
