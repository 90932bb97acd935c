"""kbuild drop-in: ``make M=... LD=pymodpost-ld modules`` builds the module, and every object the
drop-in linked is byte-identical to GNU ld linking the same inputs with the same command line."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TESTDATA, require, require_programs

KDIR = Path("/usr/src/linux-headers-6.1.0-56-amd64")


def _pymodpost_ld() -> str:
    script = Path(sys.executable).parent / "pymodpost-ld"
    return str(script) if script.exists() else shutil.which("pymodpost-ld") or ""


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("module", ["hello", "composite"])
def test_kbuild_links_with_pymodpost_ld(tmp_path, module):
    require(KDIR.is_dir(), f"missing {KDIR} (linux-headers-6.1.0-56-amd64)")
    require_programs("make", "gcc", "ld")
    ours = _pymodpost_ld()
    require(bool(ours), "pymodpost-ld is not installed")
    src = tmp_path / module
    shutil.copytree(TESTDATA / "modules" / module, src)
    # the console script must run this checkout's code, whatever the installed one points at
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    build = subprocess.run(["make", "-C", str(KDIR), f"M={src}", f"LD={ours}", "modules"],
                           capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    linked = 0
    for cmd_file in src.glob(".*.cmd"):
        m = re.match(r"cmd_\S+ := (.*?)(;\s*true)?\s*$", cmd_file.read_text().splitlines()[0])
        words = shlex.split(m.group(1)) if m else []
        if not words or words[0] != ours:
            continue
        out = words[words.index("-o") + 1]
        reference = tmp_path / (Path(out).name + ".gnu")
        argv = list(words[1:])
        argv[argv.index("-o") + 1] = str(reference)
        subprocess.run(["ld", *argv], cwd=KDIR, check=True)
        assert Path(out).read_bytes() == reference.read_bytes(), out
        linked += 1
    assert linked >= (2 if module == "composite" else 1)
