"""``pymodpost load`` end to end on the bundled riscv64 profile and fixture modules."""

from __future__ import annotations

import json

import pytest

from pymodpost.cli.main import main
from tests.conftest import TESTDATA, require

RV = TESTDATA / "riscv64"


@pytest.fixture(autouse=True)
def _need_profile():
    require((TESTDATA / "kernels" / "riscv64").is_dir(), "bundled riscv64 profile missing")


def test_load_prints_steps_sections_and_outcome(capsys):
    assert main(["load", str(RV / "hello" / "hello.ko"), "--kernel", "riscv64"]) == 0
    out = capsys.readouterr().out
    assert "  layout_sections: core 0x" in out
    assert "sections (/sys/module/hello/sections):" in out
    assert "outcome: loaded (reached module_finalize); taints O" in out


def test_refusal_exits_nonzero_with_kernel_message(capsys):
    assert main(["load", str(RV / "eh_frame" / "eh_frame.ko"), "--kernel", "riscv64"]) == 1
    captured = capsys.readouterr()
    assert "  eh_frame: Unknown relocation type 57" in captured.out
    assert "outcome: refused, err -22 (EINVAL)" in captured.out
    assert "could not insert module eh_frame.ko: Invalid parameters" in captured.err


def test_dependencies_and_dump(tmp_path, capsys):
    dump = tmp_path / "dump"
    argv = ["load", str(RV / "consumer" / "consumer.ko"), "--kernel", "riscv64",
            "--with", str(RV / "exports" / "exports.ko"), "--dump", str(dump), "--json",
            "--core-base", "0xffffffff01100000", "--init-base", "0xffffffff01200000"]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] and result["core_base"] == 0xFFFFFFFF01100000
    resolved = {s["name"]: s["how"] for s in result["symbols"]}
    assert resolved["pm_add"] == "module:exports"
    mapping = json.loads((dump / "map.json").read_text())
    text = mapping[".text"]
    assert (dump / text["file"]).stat().st_size == text["size"]
    assert {s["name"]: s["addr"] for s in result["sections"]}[".text"] == text["addr"]
    reloc = result["relocations"][0]["entries"][0]
    assert set(reloc) == {"index", "type", "symbol", "S", "A", "P", "before", "after"}


def test_unknown_profile_is_a_usage_level_error(capsys):
    assert main(["load", str(RV / "hello" / "hello.ko"), "--kernel", "nonesuch"]) == 1
    assert "no such kernel profile" in capsys.readouterr().err


def test_upstream_dialect_only_warns_about_a_missing_version(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("damage", TESTDATA / "load" / "damage.py")
    damage = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(damage)
    ko = bytearray((RV / "hello" / "hello.ko").read_bytes())
    damage.missing_version(ko)
    path = tmp_path / "hello.ko"
    path.write_bytes(bytes(ko))
    assert main(["load", str(path), "--kernel", "riscv64"]) == 1
    assert "hello: Unknown symbol _printk (err -22)" in capsys.readouterr().out
    assert main(["load", str(path), "--kernel", "riscv64", "--dialect", "6.1"]) == 0
    out = capsys.readouterr().out
    assert "hello: no symbol version for _printk" in out and "outcome: loaded" in out
