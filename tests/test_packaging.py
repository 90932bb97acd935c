"""A wheel (not an editable install) runs the demo from anywhere: it carries the example module and
the kernel facts, and only those."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    # build from a copy of the tracked files: what a clean clone builds, not this tree's leftovers
    src = out / "src"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(src)], check=True)
    dirty = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=ROOT, capture_output=True, check=True).stdout
    if dirty:
        subprocess.run(["git", "apply", "--allow-empty", "-"], cwd=src, input=dirty, check=True)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(src)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    (whl,) = out.glob("pymodpost-*.whl")
    return whl


@pytest.mark.slow
def test_wheel_carries_the_demo_data_and_no_test_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    data = [n for n in names if n.startswith("pymodpost/data/")]
    for needed in ("kernels/x86_64/kallsyms.xz", "kernels/riscv64/module.lds", "x86_64/params/params.o",
                   "x86_64/params/.params.o.cmd", "riscv64/params/params.mod.o", "harness/init.c",
                   "kernels/6.12/x86_64/config.xz", "kernels/7.3/riscv64/module.lds",
                   "6.12/x86_64/params/.module-common.o", "6.12/x86_64/params/build.log",
                   "7.3/riscv64/params/.params.o.cmd"):
        assert f"pymodpost/data/testdata/{needed}" in data, needed
    assert not [n for n in data if "/fuzz/" in n or "/load/" in n or n.endswith(".py")]
    for template in ("walk.html.j2", "diff.html.j2", "report.css", "report.js"):  # walk/demo/diff --html
        assert f"pymodpost/report/templates/{template}" in names, template
    assert sum(zipfile.ZipFile(wheel).getinfo(n).compress_size for n in data) < 4 << 20


@pytest.mark.slow
def test_wheel_install_runs_the_demo(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=True)  # numpy from this interpreter
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True,
                   capture_output=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run([str(py), "-c", "import pymodpost.bundled as b; print(b.TESTDATA)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(env_dir)), where  # the wheel's data, not this checkout's
    demo = subprocess.run([str(env_dir / "bin" / "pymodpost"), "demo"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert demo.stdout.count("identical to the real modpost's") == 2
    assert demo.stdout.count("module is live") == 2
    later = subprocess.run([str(env_dir / "bin" / "pymodpost"), "demo", "--kernel", "6.12"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert later.returncode == 0, later.stdout + later.stderr
    assert later.stdout.count("module is live") == 2
    report = subprocess.run([str(env_dir / "bin" / "pymodpost"), "demo", "--arch", "x86_64", "--html", "pages"],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert report.returncode == 0, report.stdout + report.stderr
    assert "data-reloc=" in (tmp_path / "pages" / "params-x86_64-6.1.html").read_text()
