"""Importing the numbers must stay cheap: constants, errors and the record layouts do not load
numpy (the linker's start-up reads headers through the layouts' struct formats)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_constants_errors_and_layouts_do_not_import_numpy():
    code = ("import sys, pymodpost.elf.constants, pymodpost.elf.errors, pymodpost.elf\n"
            "from pymodpost.elf.layouts import EHDR; EHDR.struct(64, True)\n"
            "assert 'numpy' not in sys.modules, 'numpy imported'\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_package_names_resolve():
    import pymodpost.elf as elf
    for name in elf.__all__:
        assert getattr(elf, name).__name__ == name
    with pytest.raises(AttributeError):
        elf.NoSuchThing  # noqa: B018
