"""Each package's ``__init__`` exports the entry points docs/design.md names."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

LAZY = ["pymodpost.elf", "pymodpost.load", "pymodpost.kernel", "pymodpost.kmod",
        "pymodpost.kbuild", "pymodpost.explain"]


def test_documented_entry_points_import():
    from pymodpost.explain import ModuleFacts, explain_lines  # noqa: F401
    from pymodpost.harness import boot_and_load, dump_at_module_finalize  # noqa: F401
    from pymodpost.arch import Target, by_name, for_machine  # noqa: F401
    from pymodpost.dialect import Dialect, for_release  # noqa: F401
    from pymodpost.errors import KernelError
    from pymodpost.kernel import KernelProfile, load_profile
    from pymodpost.kmod import modinfo_file, module_info  # noqa: F401
    from pymodpost.load import KernelState, LoadOptions, load_file, load_module  # noqa: F401

    assert load_profile("x86_64").__class__ is KernelProfile
    assert issubclass(KernelError, Exception)


@pytest.mark.parametrize("package", LAZY)
def test_every_export_resolves_and_unknown_names_do_not(package):
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name).__name__ == name
    with pytest.raises(AttributeError, match="NoSuchThing"):
        module.NoSuchThing  # noqa: B018


def test_importing_a_package_loads_none_of_its_exports():
    code = ("import sys, pymodpost.load, pymodpost.kernel, pymodpost.kmod, pymodpost.kbuild\n"
            "loaded = [m for m in ('numpy', 'pymodpost.load.pipeline', 'pymodpost.kernel.profile')"
            " if m in sys.modules]\n"
            "assert not loaded, loaded\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
