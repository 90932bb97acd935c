"""pymodpost walk: each stage's content checked against fixture data that real tools produced
(kbuild's objects and .mod.c, GNU ld's .ko, the real kernel's /sys/module/<m>/sections), read
where possible through an independent reader (pyelftools)."""

from __future__ import annotations

import json
import lzma
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile

from pymodpost.explain.explain import explain_message
from pymodpost.walk.walk import STAGES, prepare, walk
from tests.conftest import TESTDATA, whole_rows_env
from tests.fixtures import KERNELS, fixture_dir
from tests.load.oracle_data import load_oracle

ROOT = Path(__file__).resolve().parents[2]
ARCHES = ("x86_64", "riscv64")
VERSION_ROW = re.compile(r'\{ (0x[0-9a-f]+), "([^"]+)" \},')


@pytest.fixture(scope="module", params=ARCHES)
def walked(request, tmp_path_factory):
    arch = request.param
    ctx = prepare(str(TESTDATA / arch / "params" / "params.o"), tmp_path_factory.mktemp(arch))
    return arch, {stage.name: stage for stage in walk(ctx)}


def mod_c_versions(arch: str) -> dict[str, int]:
    text = (TESTDATA / arch / "params" / "params.mod.c").read_text()
    return {name: int(crc, 16) for crc, name in VERSION_ROW.findall(text)}


def kernel_symvers_owner(arch: str) -> dict[str, str]:
    rows = lzma.decompress((TESTDATA / "kernels" / arch / "Module.symvers.xz").read_bytes()).decode()
    return {line.split("\t")[1]: line.split("\t")[2] for line in rows.splitlines()}


def test_every_stage_runs_and_passes(walked):
    _, stages = walked
    assert list(stages) == list(STAGES)
    assert all(stage.ok for stage in stages.values())


def test_object_stage_against_pyelftools_and_source(walked):
    arch, stages = walked
    data = stages["object"].data
    with open(TESTDATA / arch / "params" / "params.o", "rb") as f:
        elf = ELFFile(f)
        names = [s.name for s in elf.iter_sections()][1:]
        sizes = [s["sh_size"] for s in elf.iter_sections()][1:]
    assert [s["name"] for s in data["sections"]] == names
    assert [s["size"] for s in data["sections"]] == sizes
    source = (TESTDATA / "modules" / "params" / "params.c").read_text()
    aliases = {a["alias"]: a["function"] for a in data["entry_aliases"]}
    assert f"module_init({aliases['init_module']});" in source
    assert f"module_exit({aliases['cleanup_module']});" in source


def test_modpost_stage_crcs_and_owners_are_those_of_the_real_mod_c(walked):
    arch, stages = walked
    imports = stages["modpost"].data["imports"]
    versions = mod_c_versions(arch)
    owners = kernel_symvers_owner(arch)
    assert {i["symbol"]: int(i["crc"], 16) for i in imports} == versions
    assert all(i["owner"] == owners[i["symbol"]] for i in imports)
    assert all(c["verdict"] == "ok" for c in stages["modpost"].data["checks"])


def test_modpost_flags_are_kbuilds(walked):
    arch, stages = walked
    real = (TESTDATA / arch / "params" / "modpost.argv").read_text().splitlines()[1:]
    ours = stages["modpost"].data["argv"]
    assert ours[:ours.index("-o")] == real[:real.index("-o")]  # e.g. riscv64's -E (tinyconfig)


@pytest.mark.parametrize("arch", ARCHES)
def test_walk_with_another_modules_exports(arch, tmp_path):
    exports = TESTDATA / arch / "exports"
    ctx = prepare(str(TESTDATA / arch / "consumer" / "consumer.o"), tmp_path,
                  extra_symvers=(str(exports / "Module.symvers"),), preload=(str(exports / "exports.ko"),))
    stages = {s.name: s for s in walk(ctx)}
    assert all(s.ok for s in stages.values())  # .mod.c identical to kbuild's, .ko to GNU ld's, loads
    rows = {line.split("\t")[1]: line.split("\t") for line in (exports / "Module.symvers").read_text().splitlines()}
    for imp in stages["modpost"].data["imports"]:
        if imp["symbol"] in rows:
            crc, _, owner, kind, namespace = rows[imp["symbol"]]
            assert (int(imp["crc"], 16), imp["owner"], imp["namespace"]) == (int(crc, 16), owner, namespace)
            assert (imp["licence"] == "GPL-only") == kind.endswith("_GPL")


@pytest.mark.parametrize("kernel", KERNELS)
def test_modpost_stage_verdicts_for_a_failing_module(tmp_path, kernel):
    """Each kernel's modpost words the failure its own way (7.3: ``unresolved.ko: symbol '...'
    undefined!``); the verdict is the same."""
    fixture = fixture_dir(kernel, "x86_64") / "unresolved"
    ctx = prepare(str(fixture / "unresolved.o"), tmp_path, kernel=kernel)
    stage = next(s for s in walk(ctx) if s.name == "modpost")
    real = next(e for e in map(explain_message, (fixture / "modpost.stderr").read_text().splitlines())
                if e.entry.key == "undefined-symbol")
    failed = [c for c in stage.data["checks"] if c["verdict"] == "FAILED"]
    assert [c["check"] for c in failed] == ["every undefined symbol exported somewhere"]
    ours = explain_message(failed[0]["message"])
    assert (ours.entry, ours.groups["symbol"], ours.kernels) == (real.entry, real.groups["symbol"], real.kernels)
    assert not stage.ok


def test_mod_c_stage_annotates_every_line(walked):
    arch, stages = walked
    lines = stages["mod.c"].data["lines"]
    assert [l["text"] for l in lines] == (TESTDATA / arch / "params" / "params.mod.c").read_text().splitlines()
    owners = kernel_symvers_owner(arch)
    for line in lines:
        m = VERSION_ROW.search(line["text"])
        if m:
            assert line["note"] == f"CRC of {m.group(2)} from {owners[m.group(2)]}'s Module.symvers"
    assert any(".init = init_module" in l["text"] and "module_init" in l["note"] for l in lines)


def test_mod_o_stage_versions(walked):
    arch, stages = walked
    versions = {v["symbol"]: int(v["crc"], 16) for v in stages["mod.o"].data["versions"]}
    assert versions == mod_c_versions(arch)


def test_link_stage_is_gnu_ld_and_places_sections(walked):
    arch, stages = walked
    data = stages["link"].data
    assert data["identical_to_reference"] is True
    placement = {p["input"]: p["output"] for p in data["placement"]}
    assert placement["params.mod.o:.gnu.linkonce.this_module"] == ".gnu.linkonce.this_module"
    with open(TESTDATA / arch / "params" / "params.ko", "rb") as f:
        symtab = ELFFile(f).get_section_by_name(".symtab")
        ld_globals = {s.name for s in symtab.iter_symbols() if s["st_info"]["bind"] == "STB_GLOBAL"}
    assert ld_globals <= {s["name"] for s in data["symbols"]}


def test_load_stage_layout_is_the_real_kernels_and_relocations_add_up(walked):
    arch, stages = walked
    data = stages["load"].data
    entry = next(m for m in load_oracle(arch)["modules"] if m["path"].endswith("params/params.ko"))
    assert {s["section"] for s in data["layout"]} >= set(entry["sysfs_sections"])
    with open(TESTDATA / arch / "params" / "params.ko", "rb") as f:
        elf = ELFFile(f)
        count = sum(s.num_relocations() for s in elf.iter_sections()
                    if s.name.startswith(".rela") and elf.get_section(s["sh_info"])["sh_flags"] & 2)
    assert len(data["relocations"]) == count
    for r in data["relocations"]:
        if r["formula"] == "S + A - P" and len(r["after"].split()) == 4:
            a = int(r["A"], 16) if not r["A"].startswith("-") else -int(r["A"][1:], 16)
            value = (int(r["S"], 16) + a - int(r["P"], 16)) & 0xFFFFFFFF
            assert bytes.fromhex(r["after"].replace(" ", "")) == value.to_bytes(4, "little")


def run_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pymodpost", "walk", *args], cwd=ROOT, env=whole_rows_env(),
                          capture_output=True, text=True, timeout=300, **kw)


def test_cli_json_and_stage(tmp_path):
    out = run_cli(str(TESTDATA / "riscv64" / "params" / "params.o"), "--json", "--stage", "mod.o")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert [s["name"] for s in doc["stages"]] == ["mod.o"]
    plain = run_cli(str(TESTDATA / "riscv64" / "params" / "params.o"), "--stage", "modpost")
    assert plain.returncode == 0 and "[2/6] modpost" in plain.stdout and "[1/6]" not in plain.stdout


def test_cli_bad_input_is_one_error_line(tmp_path):
    bad = tmp_path / "bad.o"
    bad.write_bytes(b"not an object")
    out = run_cli(str(bad))
    assert out.returncode != 0 and len(out.stderr.strip().splitlines()) == 1, out.stderr


def kbuild_tree(arch: str) -> Path:
    """The kernel tree the fixtures were built against (manifest), or a skip."""
    from tests.conftest import cached_kernel_tree, require, require_programs

    require_programs("make", "gcc" if arch == "x86_64" else "riscv64-linux-gnu-gcc")
    if arch == "x86_64":
        from tests.x86_kernels import pinned_x86_tree

        return pinned_x86_tree()  # names the pinned package when it is not installed
    tree = cached_kernel_tree("6.1", arch)
    require((tree / "Module.symvers").is_file(), f"the {arch} kernel tree {tree} is not there")
    return tree


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", ARCHES)
def test_kdir_compiles_the_mod_o_with_real_kbuild(arch, tmp_path):
    kdir = kbuild_tree(arch)
    ctx = prepare(str(TESTDATA / arch / "hello" / "hello.o"), tmp_path, kdir=str(kdir))
    stages = {s.name: s for s in walk(ctx)}
    assert all(s.ok for s in stages.values())
    assert "identical to ours" in stages["mod.o"].blocks[0].text  # real modpost's .mod.c == ours
    # our link of kbuild's fresh .mod.o equals the .ko kbuild's own ld made from the same inputs
    assert (tmp_path / "kbuild" / "hello.ko").is_file()
    assert stages["link"].data["identical_to_reference"] is True


def fixture_kernel_tree(kernel: str, arch: str) -> Path:
    """The tree the (kernel, arch) fixtures were built in (manifest), or a skip naming it."""
    from tests import fixtures as F
    from tests.conftest import require, require_programs
    from tests.x86_kernels import pinned_x86_tree

    require_programs("make", "gcc" if arch == "x86_64" else "riscv64-linux-gnu-gcc")
    tree = Path(F.entry_of(kernel, arch)["kernel_tree"])
    if tree.is_relative_to("/usr/src"):  # a Debian headers package: the skip names the package
        pinned_x86_tree(kernel)
    require((tree / "Module.symvers").is_file(), f"the {kernel} {arch} kernel tree {tree} is not there")
    return tree


def profile_without_module_lds(tree: Path, dest: Path) -> Path:
    """A kernel profile holding only what a captured one has: .config, Module.symvers and
    utsrelease.h (no module.lds, no module-common.o)."""
    dest.mkdir()
    for name in (".config", "Module.symvers", "include/generated/utsrelease.h"):
        shutil.copyfile(tree / name, dest / Path(name).name)
    return dest


@pytest.mark.kbuild
@pytest.mark.parametrize("kernel,arch", [("6.1", "x86_64"), ("6.1", "riscv64"), ("6.12", "x86_64"),
                                         ("6.12", "riscv64"), ("7.3", "x86_64"), ("7.3", "riscv64")])
def test_kdir_gives_the_link_what_the_profile_lacks(kernel, arch, tmp_path):
    """``walk --kdir TREE --kernel PROFILE`` with a profile that has no module.lds links with the
    tree's, and (6.12+) with the .module-common.o kbuild compiled from the tree's
    scripts/module-common.c -- the object's directory has none here."""
    from pymodpost.elf import ElfFile
    from pymodpost.elf.diff import diff_elf
    from tests.fixtures import fixture_dir

    tree = fixture_kernel_tree(kernel, arch)
    profile = profile_without_module_lds(tree, tmp_path / "profile")
    fixture = fixture_dir(kernel, arch) / "params"
    moved = tmp_path / "params"
    shutil.copytree(fixture, moved)
    (moved / ".module-common.o").unlink(missing_ok=True)
    ctx = prepare(str(moved / "params.o"), tmp_path / "work", kernel=str(profile), kdir=str(tree))
    assert ctx.profile.dialect.version_text == kernel
    stages = {}
    for stage in walk(ctx):
        stages[stage.name] = stage
        if stage.name == "link":
            break
    link = stages["link"]
    lines = [b.text for b in link.blocks if b.kind == "text"]
    assert any(line.startswith("module.lds: ") and str(tree) in line for line in lines), lines
    if ctx.profile.dialect.link.extra_objects:
        assert f".module-common.o: kbuild's {tmp_path / 'work' / 'kbuild' / '.module-common.o'}" in lines
    # our link equals the .ko kbuild's own ld made from the same inputs in the scratch directory
    assert link.ok, lines
    assert (tmp_path / "work" / "kbuild" / "params.ko").is_file()
    # ... and the committed fixture's (kbuild in its own directory): the same but for what names
    # the build directory -- DWARF's strings (comp_dir), the build-id hashing them -- and pahole's .BTF
    ours = ElfFile((tmp_path / "work" / "params.ko").read_bytes(), "ours")
    real = ElfFile((fixture / "params.ko").read_bytes(), "fixture")
    path_bound = tuple(s.name for s in real.sections if s.name.startswith((".debug_", ".rela.debug_"))
                       or s.name in (".BTF", ".note.gnu.build-id"))
    assert diff_elf(ours, real, ignored=path_bound).differences == ()


def test_missing_module_lds_without_kdir_is_one_error_naming_the_profile(tmp_path):
    profile = tmp_path / "profile"
    profile.mkdir()
    facts = TESTDATA / "kernels" / "x86_64"
    for name in ("config.xz", "Module.symvers.xz", "utsrelease.h", "kallsyms.xz"):
        shutil.copyfile(facts / name, profile / name)
    out = run_cli(str(TESTDATA / "x86_64" / "params" / "params.o"), "--kernel", str(profile), "--plain")
    assert out.returncode != 0 and out.stdout == "" and len(out.stderr.strip().splitlines()) == 1
    assert out.stderr.strip().endswith(
        f"{profile}: no module.lds (scripts/module.lds or arch/*/module.lds); "
        "--kdir can name a kernel tree that has one")


@pytest.mark.parametrize("option", [["--kernel", "/nonexistent"], ["--kdir", "/"], ["--symvers", "/nonexistent"],
                                    ["--with", "/nonexistent.ko"]])
def test_cli_bad_option_fails_before_any_stage(option):
    out = run_cli(str(TESTDATA / "x86_64" / "hello" / "hello.o"), *option)
    assert out.returncode != 0 and out.stdout == "" and len(out.stderr.strip().splitlines()) == 1


def test_object_modpost_stops_on_is_a_failed_stage_not_a_crash(tmp_path):
    """An object the ELF reader accepts but modpost refuses (FATAL before it reads the module):
    the modpost stage fails showing modpost's line, the later stages say why they cannot run."""
    import struct

    data = bytearray((TESTDATA / "x86_64" / "hello" / "hello.o").read_bytes())
    shoff, shnum = struct.unpack_from("<Q", data, 0x28)[0], struct.unpack_from("<H", data, 0x3C)[0]
    for i in range(shnum):  # the symbol table becomes PROGBITS: modpost's "has no symtab?"
        if struct.unpack_from("<I", data, shoff + i * 64 + 4)[0] == 2:
            struct.pack_into("<I", data, shoff + i * 64 + 4, 1)
    obj = tmp_path / "nosym.o"
    obj.write_bytes(bytes(data))
    out = run_cli(str(obj), "--plain")
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "has no symtab?" in out.stdout and "FAILED" in out.stdout



#: 6.12's build directory named by absolute paths, 7.3's relative ones (a composite module's .mod
#: lists ./core.o ...; srcversion sums the sources its .cmd files name)
@pytest.mark.parametrize("kernel,arch,name", [("6.12", "x86_64", "params"), ("7.3", "riscv64", "params"),
                                              ("6.12", "riscv64", "consumer"), ("7.3", "x86_64", "composite")])
def test_walk_with_a_later_kernel(kernel, arch, name, tmp_path):
    from tests.fixtures import fixture_dir

    fixture = fixture_dir(kernel, arch) / name
    needs = fixture_dir(kernel, arch) / "exports" if name == "consumer" else None
    ctx = prepare(str(fixture / f"{name}.o"), tmp_path, kernel=kernel,
                  extra_symvers=(str(needs / "Module.symvers"),) if needs else (),
                  preload=(str(needs / "exports.ko"),) if needs else ())
    assert ctx.kernel == f"{kernel}/{arch}" and ctx.profile.dialect.version_text == kernel
    stages = {s.name: s for s in walk(ctx)}
    assert all(s.ok for s in stages.values()), [(s.name, [b.text for b in s.blocks]) for s in stages.values()
                                                if not s.ok]
    # the command line of that kernel's kbuild, its .mod.c, GNU ld's .ko, that kernel's loader
    recorded = (fixture / "modpost.argv").read_text().split("\n")[1:-1]
    argv = stages["modpost"].data["argv"]
    assert [a for a in argv if a.startswith("-")] == [a for a in recorded if a.startswith("-")]
    assert (tmp_path / f"{name}.mod.c").read_bytes() == (fixture / f"{name}.mod.c").read_bytes()
    assert stages["load"].title.endswith(f"(simulated Linux {kernel})")
    steps = [row[0] for block in stages["load"].blocks if block.title == "steps of load_module" for row in block.rows]
    assert "module_augment_kernel_taints" in steps  # 6.4+'s early_mod_check ordering
    regions = {r["region"] for r in stages["load"].data["regions"]}
    assert {"mem[text]", "mem[init_text]"} <= regions
    assert {row["region"] for row in stages["load"].data["layout"]} <= {r[4:-1] for r in regions}


def test_walk_of_an_unknown_kernel_is_one_error_line():
    proc = subprocess.run([sys.executable, "-m", "pymodpost", "walk", str(TESTDATA / "x86_64" / "params" / "params.o"),
                           "--kernel", "5.10", "--plain"], capture_output=True, text=True)
    assert proc.returncode != 0 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "5.10: no such kernel profile" in proc.stderr
