"""All of a Debian linux-image package's modules in one simulated kernel (pymodpost/load/bulk.py),
and the sample of Debian's 6.12 modules captured live (testdata/load/6.12/x86_64/oracle-debian.json.xz).

The sample's modules are compared with the real kernel section by section and region by region
in tests/load/test_oracle.py (anchored, both relocation paths) and placed by default where the
kernel put them; here: that the sample is the one its rule picks from the installed package and
that it exercises what loading a module in order depends on.
"""

from __future__ import annotations

import collections
import importlib.util
from pathlib import Path

import pytest

from pymodpost.kernel.profile import load_profile
from pymodpost.kmod.file import read_module_contents
from pymodpost.load.bulk import load_in_order, outcome, read_directory
from pymodpost.load.state import KernelState
from tests.conftest import TESTDATA, require
from tests.load.oracle_data import load_oracle, module_bytes
from tests.load.test_oracle import simulate_like_oracle, struct_module_size

SAMPLE = "6.12/oracle-debian.json.xz"
#: Debian kernel -> its bundled profile
PROFILES = {"6.1": "x86_64", "6.12": "6.12/x86_64"}


def _gen_oracle():
    spec = importlib.util.spec_from_file_location("gen_oracle", TESTDATA / "load" / "gen_oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _module_dir(kernel: str) -> Path:
    release = load_profile(PROFILES[kernel]).release
    moddir = Path("/lib/modules") / release
    require((moddir / "modules.dep").is_file(),
            f"package linux-image-{release}-unsigned is not installed (no {moddir}/modules.dep)")
    return moddir


def test_sample_covers_chains_exports_and_relocation_kinds():
    """In load order, modules resolve against modules loaded before them (three deep:
    act_meta_skbtcindex -> act_ife -> ife), with every relocation type x86_64 modules use, jump
    tables and ro_after_init data; one module's init fails in the real kernel."""
    oracle = load_oracle("x86_64", SAMPLE)
    types: collections.Counter[str] = collections.Counter()
    regions: collections.Counter[str] = collections.Counter()
    uses: dict[str, set[str]] = {}
    sections: set[str] = set()
    for entry, result in simulate_like_oracle("x86_64", oracle):
        assert result.ok, entry["name"]
        types.update(rec.name for rs in result.relocations for rec in rs.records)
        regions.update(r.name for r in result.regions)
        sections.update(s.name for s in result.sections)
        uses[entry["name"]] = {s.how.removeprefix("module:") for s in result.symbols if s.how.startswith("module:")}
    assert {"R_X86_64_64", "R_X86_64_PC32", "R_X86_64_PLT32", "R_X86_64_32S", "R_X86_64_PC64"} <= set(types)
    assert regions["ro_after_init"] and {"__jump_table", ".data..ro_after_init", "__ksymtab", "__ksymtab_gpl"} <= sections
    assert uses["act_meta_skbtcindex"] == {"act_ife"} and uses["act_ife"] == {"ife"}
    assert sum(1 for used in uses.values() if used) >= 8
    failed = [e["name"] for e in oracle["modules"] if e["ret"] != 0]
    assert failed == ["nls_koi8_ru"] and all(e["dump"] for e in oracle["modules"])


@pytest.mark.corpus
def test_sample_is_what_its_rule_picks_from_the_package():
    """gen_oracle.debian_sample on the installed 6.12 package gives the captured modules, byte
    for byte (the capture is current and the rule deterministic)."""
    moddir = _module_dir("6.12")
    picked = _gen_oracle().debian_sample(moddir)
    oracle = load_oracle("x86_64", SAMPLE)
    assert [f"debian:{m}" for m in picked] == [e["path"] for e in oracle["modules"]]
    for m, entry in zip(picked, oracle["modules"]):
        assert read_module_contents(str(moddir / m)) == module_bytes(entry), m


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("kernel", ["6.1", "6.12"])
def test_every_module_of_the_package_loads_in_one_kernel(kernel):
    """Every module of Debian's linux-image package, in modules.dep order, into one simulated
    kernel: each resolves against vmlinux and the modules before it and reaches module_finalize
    (6.12 with its sizeof(struct module) check, read off the live capture).  In the real kernel
    some of these would then fail in their init (no hardware, a missing helper module: the
    sample's nls_koi8_ru) -- after module_finalize, which is where the simulation stops."""
    moddir = _module_dir(kernel)
    modules = read_directory(str(moddir))
    size = struct_module_size(load_oracle("x86_64", SAMPLE)) if kernel == "6.12" else None
    state = KernelState(load_profile(PROFILES[kernel]))
    outcomes = collections.Counter()
    refused = []
    for path, result in load_in_order(state, modules, size):
        outcomes[outcome(result)] += 1
        if not result.ok:
            refused.append((path, result.error.message))
    assert len(modules) > 4000 and outcomes == {"loaded": len(modules)}, refused[:10]
    assert len(state.modules) == len(modules)
