"""The `pymodpost` dispatcher: fast start, one-line errors, every registered command importable."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from pymodpost.cli.main import COMMANDS, main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pymodpost", *args], capture_output=True, text=True)


def test_help_lists_every_command():
    out = run_cli("--help")
    assert out.returncode == 0
    for name in COMMANDS:
        assert f"  {name} " in out.stdout


def test_bare_help_imports_nothing_heavy():
    code = (
        "import sys\n"
        "from pymodpost.cli.main import main\n"
        "main(['--help'])\n"
        "heavy = [m for m in ('numpy', 'lief', 'elftools', 'rich') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_module_imports_light(name):
    """Importing a command's module (to build its parser) must not pull in heavy libraries."""
    code = (
        "import sys, importlib\n"
        f"m = importlib.import_module({COMMANDS[name][0]!r})\n"
        "assert callable(m.add_arguments) and callable(m.run)\n"
        "heavy = [x for x in ('numpy', 'lief', 'elftools', 'rich') if x in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_unknown_command_is_one_clear_error(capsys):
    assert main(["no-such-command"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "pymodpost: error: unknown command 'no-such-command'"


def test_bad_option_is_a_usage_error(capsys):
    assert main(["elf", "--no-such-option"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("pymodpost elf: error: unrecognized arguments")


def test_version():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("pymodpost ")
