"""kbuild_modpost_command(): the modpost command line derived from a dialect's ModpostRules and the
kernel's bundled config is, for every committed fixture of every kernel, the one kbuild really ran
(``modpost.argv``), in the directory it ran it in (``modpost.cwd``), with the object list it gave
(``modpost.stdin`` for 6.1's ``-T -``, ``modules.order`` from 6.12)."""

from __future__ import annotations

import pytest

from pymodpost.kbuild.stages import kbuild_modpost_command
from pymodpost.kernel.profile import load_profile
from tests import fixtures as F


def _profile_name(kernel: str, arch: str) -> str:
    return arch if kernel == F.FIRST_KERNEL else f"{kernel}/{arch}"


@pytest.mark.parametrize("pair", F.kernel_arches(), ids=F.pair_id)
def test_derived_modpost_command_is_kbuilds(pair):
    kernel, arch = pair
    profile = load_profile(_profile_name(kernel, arch))
    entry = F.entry_of(kernel, arch)
    checked = []
    for name, info in entry["modules"].items():
        fixture = F.fixture_dir(kernel, arch) / name
        recorded = (fixture / "modpost.argv").read_text().split("\n")[1:-1]
        cwd = (fixture / "modpost.cwd").read_text().strip()
        inputs = [recorded[i + 1] for i, a in enumerate(recorded) if a == "-i"]
        # what the fixture's make was given: KBUILD_EXTRA_SYMBOLS (every -i after the kernel's)
        # and KBUILD_MODPOST_WARN (its "covers" says so)
        warn = "KBUILD_MODPOST_WARN" in info.get("covers", "")
        command = kbuild_modpost_command(profile.dialect.modpost, profile.config.values, info["build_dir"],
                                         entry["kernel_tree"], tuple(f"{m}.o" for m in info.get("modules", [name])),
                                         tuple(inputs[1:]), warn)
        assert command.argv == recorded, name
        assert command.cwd == cwd, name
        assert command.stdin == (fixture / "modpost.stdin").read_text(), name
        if command.order:
            assert command.order == (fixture / "modules.order").read_text(), name
        checked.append(name)
    assert len(checked) == len(entry["modules"]) > 20
