"""Small scenarios run through the real modposts of Linux 6.1 and 6.12 (recorded in
real_cases/<group>.recorded.json and <group>.6.12.recorded.json by real_cases/record.py), replayed
through pymodpost-modpost speaking the same dialect (PYMODPOST_DIALECT): stderr, exit status and
every file written must be identical.  The kbuild-tier test re-records live to show the stored
answers are still the real tool's."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import require
from tests.x86_kernels import pinned_x86_tree

from tests.modpost.real_cases.record import DIALECTS, recorded_path, scenarios_for

HERE = Path(__file__).resolve().parent / "real_cases"
GROUPS = sorted(p.name.split(".")[0] for p in HERE.glob("*.scenarios.json"))
#: (dialect, group) pairs with a recording
RECORDED = [(d, g) for d in DIALECTS for g in GROUPS if recorded_path(g, d).is_file()]
CASES = [(d, g, name) for d, g in RECORDED for name in sorted(json.loads(recorded_path(g, d).read_text()))]
PROG = re.compile(r"^\S*modpost[\w.-]*: ", re.M)


def _snapshot(where: Path) -> dict[str, str]:
    return {str(p.relative_to(where)): base64.b64encode(p.read_bytes()).decode()
            for p in sorted(where.rglob("*")) if p.is_file()}


def run_ours(inputs: dict[str, str], argv: list[str], stdin: str, where: Path, monkeypatch, capsysbinary,
             dialect: str = "6.1"):
    for name, data in inputs.items():
        path = where / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
    before = _snapshot(where)
    from pymodpost.cli import modpost as cli

    monkeypatch.chdir(where)
    monkeypatch.setenv("PYMODPOST_DIALECT", dialect)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    monkeypatch.setattr("sys.argv", ["modpost", *argv])
    status = cli.main(argv)
    # raw bytes: names in messages may not be UTF-8, and modpost prints them as they are
    err = capsysbinary.readouterr().err.decode("utf-8", "surrogateescape")
    after = _snapshot(where)
    return status, err, {k: v for k, v in after.items() if before.get(k) != v}


@pytest.mark.parametrize("dialect,group,name", CASES, ids=[f"{d}-{g}-{n}" for d, g, n in CASES])
def test_same_as_real_modpost(dialect, group, name, tmp_path, monkeypatch, capsysbinary):
    recorded = json.loads(recorded_path(group, dialect).read_text())[name]
    scenario = scenarios_for(group, dialect)[name]
    status, err, written = run_ours(recorded["inputs"], scenario["argv"], scenario.get("stdin") or "",
                                    tmp_path, monkeypatch, capsysbinary, dialect)
    assert PROG.sub("modpost: ", err) == PROG.sub("modpost: ", recorded["stderr"])
    assert status == recorded["status"]
    assert sorted(written) == sorted(recorded["written"])
    for k, v in recorded["written"].items():
        assert base64.b64decode(written[k]).decode("utf-8", "replace") == base64.b64decode(v).decode("utf-8", "replace"), k


@pytest.mark.kbuild
@pytest.mark.parametrize("dialect,group", RECORDED, ids=[f"{d}-{g}" for d, g in RECORDED])
def test_recordings_are_still_what_the_real_tool_says(dialect, group):
    from tests.modpost.real_cases.record import real_modpost, run_scenario

    # the recordings were made by the pinned kernel's modpost: only it can confirm them
    if dialect == "6.1":
        pinned_x86_tree(dialect)
    binary = real_modpost(dialect)
    require(binary is not None, f"the real {dialect} modpost is not installed")
    recorded = json.loads(recorded_path(group, dialect).read_text())
    scenarios = scenarios_for(group, dialect)
    for name, scenario in scenarios.items():
        # the recorded input bytes (objects compiled once by the real gcc), not a fresh compile
        replay = {"files": {k: {"base64": v} for k, v in recorded[name]["inputs"].items()},
                  "argv": scenario["argv"], "stdin": scenario.get("stdin")}
        live = run_scenario(binary, replay)
        # a message naming the program names it as the recording did: 7.3's real modpost lives
        # in the kernel cache, wherever that is on this machine ($PYMODPOST_CACHE)
        prog = PROG.search(recorded[name]["stderr"])
        if prog:
            live["stderr"] = live["stderr"].replace(binary, prog.group(0)[:-len(": ")])
        assert live["stderr"] == recorded[name]["stderr"], name
        assert live["status"] == recorded[name]["status"], name
        assert live["written"] == recorded[name]["written"], name
