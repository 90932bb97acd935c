"""``pymodpost modinfo`` against Debian's kmod 30 ``modinfo``.

Plain tier: every case in testdata/modinfo/expected.json (real modinfo over every committed kbuild
fixture and the samples in testdata/modinfo/samples/, with several option sets) must give the same
stdout bytes, stderr and exit status.  Corpus tier: a deterministic sample of the installed Debian
modules, and name/alias look-ups in their module directory, compared live.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from pymodpost.cli.main import main
from pymodpost.walk.modinfo import hex_dump
from tests.conftest import ROOT, TESTDATA, require, require_programs

EXPECTED = json.loads((TESTDATA / "modinfo" / "expected.json").read_text())
CASES = EXPECTED["cases"]


def run_ours(args: list[str], capfdbinary, cwd: Path, monkeypatch) -> tuple[bytes, bytes, int]:
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("PWD", str(cwd))
    status = main(["modinfo", *args])
    captured = capfdbinary.readouterr()
    return captured.out, captured.err, status


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c["args"]) or "(no args)" for c in CASES])
def test_matches_recorded_modinfo(case, capfdbinary, monkeypatch):
    out, err, status = run_ours(case["args"], capfdbinary, ROOT, monkeypatch)
    root = str(ROOT).encode()
    assert out.replace(root, b"@ROOT@") == case["stdout"].encode("latin-1")
    assert err.replace(root, b"@ROOT@") == case["stderr"].encode("latin-1")
    assert status == case["status"]


def test_recording_covers_every_fixture():
    recorded = {c["args"][-1] for c in CASES if c["args"]}
    fixtures = {str(p.relative_to(ROOT)) for p in TESTDATA.glob("*/*/*.ko")}
    assert fixtures and fixtures <= recorded, sorted(fixtures - recorded)
    kinds = [c["stdout"] for c in CASES]
    # the recording does exercise signatures, parameters and failures
    assert any("sig_hashalgo:   sha512" in s for s in kinds)
    assert any(s.count("parm:") > 3 for s in kinds)
    assert any(c["status"] == 1 for c in CASES)


def test_hex_dump_wraps_after_twenty_bytes():
    assert hex_dump(b"") == b""
    assert hex_dump(b"\x00\xff") == b"00:FF"
    twenty_one = hex_dump(bytes(range(21)))
    assert twenty_one.endswith(b"13:\n\t\t14")
    assert hex_dump(bytes(range(20))).endswith(b"12:13")


# --- corpus tier: live comparison with the installed Debian modules -----------------------

def installed_release() -> str | None:
    found = sorted(p.name for p in Path("/lib/modules").glob("*-amd64") if (p / "kernel").is_dir())
    return found[-1] if found else None


def sampled_modules(count: int = 120) -> list[str]:
    release = installed_release()
    files = sorted(str(p) for p in Path(f"/lib/modules/{release}/kernel").rglob("*.ko*"))
    step = max(1, len(files) // count)
    return files[::step]


def real_modinfo(args: list[str], cwd: Path) -> tuple[bytes, bytes, int]:
    p = subprocess.run(["modinfo", *args], cwd=cwd, capture_output=True,
                       env=dict(os.environ, PWD=str(cwd), LC_ALL="C"))
    return p.stdout, p.stderr, p.returncode


def require_corpus() -> str:
    require_programs("modinfo")
    release = installed_release()
    require(release is not None, "no Debian amd64 modules under /lib/modules (linux-image package)")
    return release


@pytest.mark.corpus
@pytest.mark.parametrize("options", [[], ["-0"], ["-p"], ["-F", "signature"], ["-F", "alias", "-0"]],
                         ids=["default", "null", "parm", "signature", "alias-null"])
def test_installed_modules_match_live(options, capfdbinary, monkeypatch, tmp_path):
    require_corpus()
    modules = sampled_modules()
    assert len(modules) >= 100
    for i in range(0, len(modules), 40):
        batch = [*options, *modules[i:i + 40]]
        assert run_ours(batch, capfdbinary, tmp_path, monkeypatch) == real_modinfo(batch, tmp_path), batch


LOOKUPS = ["af_key", "af-key", "net-pf-15", "crc32c", "sha256", "symbol:drm_need_swiotlb",
           "zpool-zbud", "amd_uncore", "fs-ext4", "no_such_module", "bad[alias",
           "pci:v00008086d000010D3sv00001234sd00005678bc02sc00i00"]


@pytest.mark.corpus
@pytest.mark.parametrize("options", [[], ["-F", "filename"], ["-F", "name", "-0"]],
                         ids=["default", "filename", "name-null"])
def test_names_and_aliases_match_live(options, capfdbinary, monkeypatch, tmp_path):
    release = require_corpus()
    for name in LOOKUPS:
        args = ["-k", release, *options, name]
        assert run_ours(args, capfdbinary, tmp_path, monkeypatch) == real_modinfo(args, tmp_path), args
