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


def test_6_12_regions_and_image_base_match_the_real_kernel(tmp_path, capsys):
    """Debian's 6.12 kernel loaded this hello.ko (testdata/load/6.12/x86_64/oracle.json.xz): with
    the address of its temporary copy as --image-base, every symbol value -- those of .modinfo and
    __versions, which stay in that copy, included -- is the one in the kernel's .symtab at
    module_finalize, and the mem[] regions are the ones it allocated."""
    import numpy as np

    from pymodpost.load.image import SYM_DTYPE
    from tests.load.oracle_data import load_oracle, module_bytes, oracle_path

    capture = "6.12/oracle.json.xz"
    require(oracle_path("x86_64", capture).is_file(), "no 6.12 x86_64 capture")
    entry = next(m for m in load_oracle("x86_64", capture)["modules"]
                 if m["path"].endswith("/hello.ko") and m["dump"])
    ko = tmp_path / "hello.ko"
    ko.write_bytes(module_bytes(entry))
    dump = entry["dump"]
    # where the kernel put it (modules were loaded before it): its first region, the rest follow
    argv = ["load", str(ko), "--kernel", str(TESTDATA / "kernels" / "6.12" / "x86_64"),
            "--core-base", hex(min(r["addr"] for r in dump["regions"])),
            "--image-base", hex(dump["hdr"]), "--json"]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    real = np.frombuffer(bytes.fromhex(dump["sections"][".symtab"]["hex"]), SYM_DTYPE)
    mine = {s["index"]: s["value"] for s in result["symbols"]}
    assert [mine[i] for i in range(len(real))] == real["st_value"].tolist()
    modinfo_syms = [s for s in result["symbols"] if s["shndx"] and s["how"] == "section"
                    and dump["hdr"] <= s["value"] < dump["hdr"] + ko.stat().st_size]
    assert modinfo_syms  # symbols left in the temporary copy were compared above
    assert sorted((r["addr"], r["size"]) for r in result["regions"]) == sorted(
        (x["addr"], x["size"]) for x in dump["regions"])
    assert main(argv[:-1]) == 0
    text = capsys.readouterr().out
    assert "module memory (mem[] regions, each its own page-aligned allocation):" in text
    assert "  elf_validity_cache_copy: " in text and "  module_augment_kernel_taints: taints OE" in text


@pytest.mark.parametrize("kernel,arch", [("6.1", "x86_64"), ("6.12", "x86_64"), ("7.3", "riscv64")])
def test_text_fits_80_and_120_columns_and_loses_no_word(kernel, arch, capsys, monkeypatch):
    """Narrow, the steps and log lines wrap between words and /proc/kallsyms' [module] column
    (the same on every line) goes when a line would not fit -- said so; every other word is the
    whole-line output's, as many times each."""
    from collections import Counter

    from tests.fixtures import FIRST_KERNEL, fixture_dir

    profile = arch if kernel == FIRST_KERNEL else f"{kernel}/{arch}"
    argv = ["load", str(fixture_dir(kernel, arch) / "params" / "params.ko"), "--kernel", profile]
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(argv) == 0
    whole = capsys.readouterr().out
    assert max(len(line.expandtabs()) for line in whole.splitlines()) > 100
    for columns in (80, 120):
        monkeypatch.setenv("COLUMNS", str(columns))
        assert main(argv) == 0
        fitted = capsys.readouterr().out
        assert max(len(line.expandtabs()) for line in fitted.splitlines()) <= columns
        words, expected = Counter(fitted.split()), Counter(whole.split())
        note = "(the [params] column of /proc/kallsyms is not shown at this width)"
        if note.split()[0] in words:
            words -= Counter(note.split())
            del expected["[params]"]
        assert words == expected
