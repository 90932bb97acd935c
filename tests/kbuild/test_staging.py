"""stage_object(): modpost over a staged module object computes what it computed in kbuild,
wherever the build directory went."""

from __future__ import annotations

import json
import lzma
import shutil
from pathlib import Path

import pytest

from pymodpost.kbuild.staging import stage_object
from tests.conftest import TESTDATA

MANIFEST = json.loads((TESTDATA / "manifest.json").read_text())
# a composite module (three objects, srcversion over their sources) and one with MODULE_VERSION
CASES = [("x86_64", "composite"), ("x86_64", "version"), ("riscv64", "hello")]


def _recorded_root(arch: str, name: str) -> str:
    return MANIFEST[arch]["modules"][name]["build_dir"]


def _modpost(work: Path, module: str, arch: str, tmp: Path):
    from pymodpost.modpost import run

    symvers = tmp / "vmlinux.symvers"
    symvers.write_bytes(lzma.decompress((TESTDATA / "kernels" / arch / "Module.symvers.xz").read_bytes()))
    argv = ["-m", "-a", "-o", str(work / "Module.symvers"), "-e", "-i", str(symvers), str(work / f"{module}.o")]
    return run(argv, cwd=str(work))


def _kbuild_mod_c(arch: str, name: str) -> bytes:
    return (TESTDATA / arch / name / f"{name}.mod.c").read_bytes()


def _srcversion(mod_c: bytes) -> bytes:
    return [line for line in mod_c.splitlines() if b"srcversion" in line][0]


@pytest.mark.parametrize("arch,name", CASES)
def test_moved_build_directory_is_relocated(arch, name, tmp_path):
    moved = tmp_path / "elsewhere" / name
    shutil.copytree(TESTDATA / arch / name, moved)
    # the directory kbuild built in may exist on this machine (testdata/regen): name one that does not
    gone = f"/nonexistent-pymodpost-build/{arch}/{name}"
    for p in [moved / f"{name}.mod", *moved.glob(".*.o.cmd")]:
        p.write_text(p.read_text().replace(_recorded_root(arch, name), gone))
    work = tmp_path / "work"
    stage_object(moved / f"{name}.o", work)
    staged_list = (work / f"{name}.mod").read_text()
    assert str(work / "build") in staged_list and gone not in staged_list
    result = _modpost(work, name, arch, tmp_path)
    assert result.status == 0, result.stderr
    ours = (work / f"{name}.mod.c").read_bytes()
    # -a: a srcversion for every module, over the sources found through the rewritten .cmd files
    assert b"srcversion" in ours
    if b"srcversion" in _kbuild_mod_c(arch, name):
        assert _srcversion(ours) == _srcversion(_kbuild_mod_c(arch, name))


def test_build_directory_in_place_is_read_where_it_is(tmp_path):
    """An absolute .mod whose files exist: copied as it is, modpost reads the originals."""
    build = tmp_path / "build"
    shutil.copytree(TESTDATA / "x86_64" / "version", build)
    old = _recorded_root("x86_64", "version")
    for p in [build / "version.mod", build / ".version.o.cmd"]:
        p.write_text(p.read_text().replace(old, str(build)))
    work = tmp_path / "work"
    stage_object(build / "version.o", work)
    assert (work / "version.mod").read_text() == f"{build}/version.o\n"
    result = _modpost(work, "version", "x86_64", tmp_path)
    assert result.status == 0, result.stderr
    assert _srcversion((work / "version.mod.c").read_bytes()) == _srcversion(_kbuild_mod_c("x86_64", "version"))


def test_in_tree_relative_list_is_mirrored_under_work(tmp_path):
    """In-tree modules list objects relative to the kernel tree (modpost's CWD in kbuild)."""
    tree = tmp_path / "linux"
    d = tree / "drivers" / "misc"
    shutil.copytree(TESTDATA / "x86_64" / "version", d)
    old = _recorded_root("x86_64", "version")
    (d / "version.mod").write_text("drivers/misc/version.o\n")
    cmd = d / ".version.o.cmd"
    cmd.write_text(cmd.read_text().replace(old, "drivers/misc"))
    work = tmp_path / "work"
    stage_object(d / "version.o", work)
    assert (work / "drivers/misc/.version.o.cmd").is_file() and (work / "drivers/misc/version.c").is_file()
    result = _modpost(work, "version", "x86_64", tmp_path)
    assert result.status == 0, result.stderr
    assert _srcversion((work / "version.mod.c").read_bytes()) == _srcversion(_kbuild_mod_c("x86_64", "version"))


def test_object_without_list_gets_one(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(TESTDATA / "x86_64" / "hello" / "hello.o", src)
    work = tmp_path / "work"
    stage_object(src / "hello.o", work)
    assert (work / "hello.mod").read_text() == f"{work / 'hello.o'}\n"
    result = _modpost(work, "hello", "x86_64", tmp_path)
    assert result.status == 0, result.stderr


@pytest.mark.parametrize("listing", [
    "/tmp/x\0y/hello.o\n",                                   # a name the system refuses
    "/" + "a" * 5000 + "/hello.o\n",                        # too long
    "".join(f"/gone/{i}/x{i}.o\n" for i in range(5000)),    # many entries, none found
    "\udcff\udcfe/\x01\x02\n",                              # not text
    "../../outside/hello.o\n",                              # relative, climbing out
    "/gone/x/../../../outside/hello.o\n",                   # absolute, climbing out
])
def test_odd_object_lists_stay_inside_the_work_directory(listing, tmp_path):
    src = tmp_path / "a" / "b" / "src"
    src.mkdir(parents=True)
    shutil.copy(TESTDATA / "x86_64" / "hello" / "hello.o", src)
    (src / "hello.mod").write_text(listing, encoding="utf-8", errors="surrogateescape")
    work = tmp_path / "a" / "b" / "work"
    stage_object(src / "hello.o", work)
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == ["src", "work"]
    assert list(tmp_path.iterdir()) == [tmp_path / "a"]


def test_unwritable_work_directory_is_one_clear_error(tmp_path):
    from pymodpost.errors import InputError

    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(InputError) as err:
        stage_object(TESTDATA / "x86_64" / "hello" / "hello.o", blocker / "work")
    assert str(blocker) in err.value.message


def test_objects_found_nowhere_keep_their_names_for_modpost_to_report(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(TESTDATA / "x86_64" / "hello" / "hello.o", src)
    (src / "hello.mod").write_text("/gone/build/other.o\n")
    work = tmp_path / "work"
    stage_object(src / "hello.o", work)
    assert (work / "hello.mod").read_text() == "/gone/build/other.o\n"
    result = _modpost(work, "hello", "x86_64", tmp_path)
    assert result.status == 1 and "/gone/build/.other.o.cmd: No such file or directory" in result.stderr
