"""``pymodpost harness``: argument handling, and one live run per output format."""

from __future__ import annotations

import json

import pytest

from pymodpost.cli.cmd_harness import detect_arch, parse_items
from pymodpost.cli.main import main
from pymodpost.errors import InputError, UsageError
from tests.conftest import TESTDATA
from tests.harness.test_boot import VALID, params_ko, require_kernel


def test_each_ko_starts_a_module_and_collects_the_parameters_after_it():
    steps = parse_items(["a.ko", "x=1", "y=2", "b.ko", "c.ko", "z=3"], "init")
    assert [(s.path, s.params, s.syscall) for s in steps] == [
        ("a.ko", ["x=1", "y=2"], "init"), ("b.ko", [], "init"), ("c.ko", ["z=3"], "init")]
    with pytest.raises(UsageError, match="parameter 'x=1' comes before any module"):
        parse_items(["x=1", "a.ko"], "finit")
    with pytest.raises(UsageError, match="required: MODULE.ko"):
        parse_items([], "finit")
    assert parse_items([], "finit", allow_none=True) == []
    # any existing file is a module too, so deliberately odd objects can be loaded
    c_file = str(TESTDATA / "x86_64" / "params" / "params.c")
    assert [s.path for s in parse_items([c_file, "verbose", c_file], "finit")] == [c_file, c_file]


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_the_arch_comes_from_the_modules_elf_header(arch):
    assert detect_arch(params_ko(arch)) == arch


def test_a_non_elf_module_is_an_input_error():
    with pytest.raises(InputError, match="params.c: not an ELF file"):
        detect_arch(str(TESTDATA / "x86_64" / "params" / "params.c"))


def test_usage_errors_exit_2(capsys):
    assert main(["harness", "count=1"]) == 2
    assert "comes before any module" in capsys.readouterr().err
    assert main(["harness", "--kallsyms", "/dev/null"]) == 2
    assert "--arch is needed" in capsys.readouterr().err


@pytest.mark.qemu
def test_live_text_and_json(capsys, tmp_path):
    require_kernel("riscv64")
    ko = params_ko("riscv64")
    assert main(["harness", ko, *VALID, ko, "--console", str(tmp_path / "console")]) == 1
    out = capsys.readouterr().out
    assert "  finit_module: ok\n" in out and "  finit_module: failed: EEXIST (File exists)\n" in out
    assert "    levels = 4,5,6\n" in out and "  delete_module: ok\n" in out
    assert b"@@PYMODPOST DONE@@" in (tmp_path / "console").read_bytes()
    assert main(["harness", "--json", "--keep", ko, "count=2"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (step,) = doc["steps"]
    assert step["load"] == {"ret": 0, "errno": 0, "signal": 0, "errno_name": "", "strerror": ""}
    assert step["parameters"]["count"] == "2" and step["unload"] is None
