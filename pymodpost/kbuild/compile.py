"""``walk --kdir``: let the real kbuild turn the module's object into ``.mod.c`` and ``.mod.o``.

A scratch ``M=`` directory gets the object, a one-line ``Kbuild`` (``obj-m := X.o``) and the
object's ``.X.o.cmd`` (modpost reads it for srcversion; a minimal one when kbuild's is not next to
the object).  ``make -C KDIR M=... modules`` then finds the object up to date, runs the real
modpost and compiles the ``.mod.c`` with the kernel's own flags -- exactly what a module build does.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pymodpost.errors import PymodpostError

#: make variables a cross build needs (the host builds x86_64 natively)
CROSS = {"riscv64": ["ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-"]}


class KbuildError(PymodpostError):
    pass


def scratch_dir(work: Path) -> Path:
    """The ``M=`` directory kbuild builds in; the .mod.o, 6.12+'s .module-common.o and kbuild's
    own .ko stay there."""
    return work / "kbuild"


def compile_with_kbuild(ctx, dest: Path) -> str:
    """Build ``<module>.mod.o`` with kbuild in ``ctx.kdir``; copy it to ``dest``; return a summary."""
    scratch = scratch_dir(ctx.work)
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    obj = scratch / ctx.obj.name
    shutil.copyfile(ctx.obj, obj)
    cmd_file = ctx.obj.with_name(f".{ctx.obj.name}.cmd")
    if cmd_file.is_file():
        shutil.copyfile(cmd_file, scratch / cmd_file.name)
    else:
        (scratch / cmd_file.name).write_text(f"cmd_{obj} := true\n")
    (scratch / "Kbuild").write_text(f"obj-m := {ctx.obj.name}\n")
    argv = ["make", "-C", str(ctx.kdir), f"M={scratch}", *CROSS.get(ctx.arch, []), "modules"]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise KbuildError(f"{' '.join(argv)}: {err}") from None
    # the .ko's comparison reads it: a "BTF [M]" line says pahole added .BTF after ld
    (scratch / "build.log").write_text(done.stdout)
    built = scratch / f"{ctx.module}.mod.o"
    if done.returncode != 0 or not built.is_file():
        last = (done.stderr.strip().splitlines() or done.stdout.strip().splitlines() or ["no output"])[-1]
        raise KbuildError(f"kbuild in {ctx.kdir} failed (exit {done.returncode}): {last}")
    shutil.copyfile(built, dest)
    theirs = (scratch / f"{ctx.module}.mod.c").read_bytes()
    ours = ctx.work / f"{ctx.module}.mod.c"
    if not ours.is_file():
        return f"{built} (the real modpost wrote a .mod.c there; ours wrote none)"
    same = "identical to" if theirs == ours.read_bytes() else "DIFFERENT from"
    return f"{built} (the real modpost's .mod.c there is {same} ours)"
