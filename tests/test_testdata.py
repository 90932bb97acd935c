"""The committed kbuild fixtures agree with their manifest, and a live rebuild agrees with them.

Plain tier: testdata/manifest.json describes every fixture folder truthfully (file lists,
recorded exit statuses, .ko present exactly when modpost succeeded, sources identical to
testdata/modules/, debug info exactly where the manifest says).  kbuild tier: rebuilding
fixtures with the real tools reproduces the committed outputs.  qemu tier: the modules the
manifest says load do load in the real kernels, and the ones it says are refused are refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile

from tests.conftest import TESTDATA, require, require_programs
from tests.fixtures import (ARCHES, KERNELS, MANIFEST, build_base, built_kernel_tree, entry_of, facts_dir,
                            fixture_dir, fixture_id, fixtures, kernel_arches, pair_id, section)
from tests.x86_kernels import live_x86_tree, pinned_x86_tree

RECORDS = ("build.log", "build.status", "modpost.argv", "modpost.cwd", "modpost.stdin",
           "modpost.stderr", "modpost.status")
SIZE_BUDGET = 15 * 1024 * 1024  # the 6.1 fixtures
NEW_KERNELS_BUDGET = 40 * 1024 * 1024  # the 6.12 and 7.3 fixtures and kernel facts


def section_names(path: Path) -> set[str]:
    with path.open("rb") as f:
        return {s.name for s in ELFFile(f).iter_sections()}


def modinfo(path: Path) -> list[tuple[str, str]]:
    with path.open("rb") as f:
        data = ELFFile(f).get_section_by_name(".modinfo").data()
    return [tuple(e.decode().split("=", 1)) for e in data.split(b"\0") if e]


def test_both_arches_of_6_1_are_recorded() -> None:
    assert [a for k, a in kernel_arches() if k == "6.1"] == list(ARCHES)


@pytest.mark.parametrize("kernel_arch", kernel_arches(), ids=pair_id)
def test_manifest_names_both_kernels(kernel_arch: tuple[str, str]) -> None:
    kernel, arch = kernel_arch
    entry = entry_of(kernel, arch)
    for key in ("kernel_tree", "utsrelease", "vermagic", "real_modpost", "module_lds",
                "modules", "generated"):
        assert entry.get(key), f"{kernel} {arch}: manifest lacks {key}"
    assert entry["vermagic"].startswith(entry["utsrelease"] + " ")
    if "kernel_abi" in entry:
        # a Debian kernel: .ci/install-packages.sh pins the headers package through this key.
        assert entry["kernel_abi"] == entry["utsrelease"]
        assert f"linux-headers-{entry['kernel_abi']}" in entry["packages"]
    else:
        # built by testdata/regen/build-kernel.sh: its stamp names the source package version
        assert entry["stamp"].startswith("linux-source-" + kernel + "=")
    assert entry["kernel_facts"]["dir"] == str(facts_dir(kernel, arch).relative_to(TESTDATA.parent))


@pytest.mark.parametrize("kernel_arch", kernel_arches(), ids=pair_id)
def test_kernel_facts_present_and_consistent(kernel_arch: tuple[str, str]) -> None:
    kernel, arch = kernel_arch
    entry = entry_of(kernel, arch)
    facts = facts_dir(kernel, arch)
    for name in entry["kernel_facts"]["files"]:
        assert (facts / name).is_file(), f"{facts / name} listed but missing"
    uts = (facts / "utsrelease.h").read_text()
    assert uts == f'#define UTS_RELEASE "{entry["utsrelease"]}"\n'
    assert (facts / "vermagic").read_text() == entry["vermagic"] + "\n"
    assert (facts / "module.lds").read_text().lstrip().startswith("SECTIONS")
    if "kernel_abi" not in entry:  # our own builds have a System.map
        assert "System.map.xz" in entry["kernel_facts"]["files"]
    if kernel != "6.1":
        # 6.12+: vermagic lives in the .module-common.o kbuild compiles for external modules
        assert "module-common.o" in entry["kernel_facts"]["files"]
        assert entry["vermagic"].encode() in (facts / "module-common.o").read_bytes()


def test_every_source_folder_is_built() -> None:
    sources = {p.name for p in (TESTDATA / "modules").iterdir() if p.is_dir()}
    built = {name for _, _, name in fixtures()}
    assert sources == built
    assert "eh_frame" in MANIFEST["riscv64"]["modules"]


@pytest.mark.parametrize("fixture", fixtures(), ids=fixture_id)
def test_fixture_folder_matches_manifest(fixture: tuple[str, str, str]) -> None:
    kernel, arch, name = fixture
    info = entry_of(kernel, arch)["modules"][name]
    folder = fixture_dir(kernel, arch) / name
    present = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert present == info["files"]
    for record in RECORDS:
        assert (folder / record).is_file(), record
    # Sources are exactly the ones under testdata/modules/.
    src = TESTDATA / "modules" / name
    for path in src.iterdir():
        assert (folder / path.name).read_bytes() == path.read_bytes(), path.name
    assert info["build_dir"] == f"{build_base(kernel, arch)}/{name}"


@pytest.mark.parametrize("fixture", fixtures(), ids=fixture_id)
def test_recorded_statuses_match_outputs(fixture: tuple[str, str, str]) -> None:
    kernel, arch, name = fixture
    info = entry_of(kernel, arch)["modules"][name]
    folder = fixture_dir(kernel, arch) / name
    modpost_status = int((folder / "modpost.status").read_text())
    make_status = int((folder / "build.status").read_text())
    assert modpost_status == info["modpost_status"]
    assert make_status == info["make_status"]
    kos = sorted(p.name for p in folder.glob("*.ko"))
    if info["modpost_fails"]:
        assert modpost_status != 0 and make_status != 0
        assert kos == [] and info["kos"] == []
        assert "ERROR: modpost: " in (folder / "modpost.stderr").read_text()
    else:
        assert modpost_status == 0 and make_status == 0
        assert kos == sorted(f"{m}.ko" for m in info["modules"]) == sorted(info["kos"])
        for module in info["modules"]:
            for suffix in (".o", ".mod", ".mod.c", ".mod.o"):
                assert (folder / f"{module}{suffix}").is_file(), module + suffix
            assert (folder / f".{module}.ko.cmd").is_file()
        assert (folder / "Module.symvers").is_file()
        # 6.12+: the constant module information is compiled once per M= directory
        assert (folder / ".module-common.o").is_file() == (kernel != "6.1")
    # make's log shows modpost's stderr verbatim.
    assert (folder / "modpost.stderr").read_text() in (folder / "build.log").read_text()


@pytest.mark.parametrize("fixture", fixtures(), ids=fixture_id)
def test_recorded_modpost_invocation(fixture: tuple[str, str, str]) -> None:
    kernel, arch, name = fixture
    entry = entry_of(kernel, arch)
    info = entry["modules"][name]
    folder = fixture_dir(kernel, arch) / name
    bdir = info["build_dir"]
    argv = (folder / "modpost.argv").read_text().splitlines()
    cwd = (folder / "modpost.cwd").read_text().strip()
    order = (folder / "modules.order").read_text().splitlines()
    stdin = (folder / "modpost.stdin").read_text()
    assert argv[0] == entry["real_modpost"]
    if kernel == "6.1":
        # modpost runs in the kernel tree and reads the objects from stdin ("-T -")
        assert argv[argv.index("-o") + 1] == f"{bdir}/Module.symvers"
        assert argv[-2:] == ["-T", "-"]
        assert cwd == entry["kernel_tree"]
        assert order == [f"{bdir}/{m}.ko" for m in info["modules"]]
        assert stdin.splitlines() == [line[:-3] + ".o" for line in order]
    elif kernel == "6.12":
        # modules.order lists the objects (6.2+) and is passed as a file; cwd the kernel tree
        assert argv[argv.index("-o") + 1] == f"{bdir}/Module.symvers"
        assert argv[argv.index("-T") + 1] == f"{bdir}/modules.order"
        assert cwd == entry["kernel_tree"]
        assert order == [f"{bdir}/{m}.o" for m in info["modules"]]
        assert stdin == ""
    else:
        # 7.3: modpost runs in the module's own directory, with names relative to it
        assert argv[argv.index("-o") + 1] == "Module.symvers"
        assert argv[argv.index("-T") + 1] == "modules.order"
        assert cwd == bdir
        assert order == [f"{m}.o" for m in info["modules"]]
        assert stdin == ""
    for need in info["needs"]:
        # KBUILD_EXTRA_SYMBOLS := $(src)/../<need>/Module.symvers; 7.3's $(src) is "."
        src = "." if kernel == "7.3" else bdir
        assert f"{src}/../{need}/Module.symvers" in argv


@pytest.mark.parametrize("fixture", fixtures(), ids=fixture_id)
def test_modules_carry_the_kernel_vermagic_and_debug_info_as_recorded(
        fixture: tuple[str, str, str]) -> None:
    kernel, arch, name = fixture
    entry = entry_of(kernel, arch)
    info = entry["modules"][name]
    folder = fixture_dir(kernel, arch) / name
    for ko in info["kos"]:
        fields = dict(modinfo(folder / ko))
        assert fields["vermagic"] == entry["vermagic"]
        assert fields["name"] == ko[:-3].replace("-", "_")  # KBUILD_MODNAME
        has_dwarf = ".debug_info" in section_names(folder / ko)
        assert has_dwarf == info["debug_info"], ko
        link = (folder / f".{ko}.cmd").read_text()
        # 7.3 names the script by its absolute path ($(objtree)/scripts/module.lds)
        lds = f"{entry['kernel_tree']}/{entry['module_lds']}" if kernel == "7.3" \
            else entry["module_lds"]
        assert f"-T {lds} " in link


def test_eh_frame_fixture_has_32_pcrel_relocations() -> None:
    from elftools.elf.relocation import RelocationSection

    with (TESTDATA / "riscv64/eh_frame/eh_frame.o").open("rb") as f:
        rela = ELFFile(f).get_section_by_name(".rela.eh_frame")
        assert isinstance(rela, RelocationSection)
        types = {r["r_info_type"] for r in rela.iter_relocations()}
    assert 57 in types  # R_RISCV_32_PCREL


RISCV_RELOCS = [k for k in KERNELS
                if "riscv_relocs" in section(k).get("riscv64", {}).get("modules", {})]


@pytest.mark.parametrize("kernel", RISCV_RELOCS)
def test_riscv_relocs_fixture_has_every_accumulating_relocation(kernel: str) -> None:
    from elftools.elf.relocation import RelocationSection

    with (TESTDATA / kernel / "riscv64/riscv_relocs/fields.o").open("rb") as f:
        rela = ELFFile(f).get_section_by_name(".rela.data.pm_fields")
        assert isinstance(rela, RelocationSection)
        types = [r["r_info_type"] for r in rela.iter_relocations()]
    # ADD64/SUB64, ADD32/SUB32, ADD16/SUB16, ADD8/SUB8 pairs, SET6+SUB6, SET32, SET16, SET8, SET6
    assert types == [36, 40, 35, 39, 34, 38, 33, 37, 53, 52, 56, 55, 54, 53]


def tree_size(*dirs: Path) -> int:
    return sum(p.stat().st_size for d in dirs if d.exists() for p in d.rglob("*") if p.is_file())


def test_testdata_within_size_budget() -> None:
    new_facts = [TESTDATA / "kernels" / k for k in KERNELS[1:]]
    ours = [TESTDATA / d for d in ("modules", "x86_64", "riscv64", "kernels", "regen")]
    total = tree_size(*ours) - tree_size(*new_facts)
    assert total < SIZE_BUDGET, f"{total} bytes"
    new = tree_size(*(TESTDATA / k for k in KERNELS[1:]), *new_facts)
    assert new < NEW_KERNELS_BUDGET, f"{new} bytes"


def test_the_7_3_corpus_is_pinned_with_the_headers_of_its_release() -> None:
    """kernels/sources.txt pins Debian's 7.3 modules and the headers package of the same release
    and version (its Module.symvers and .config drive the corpus run); the installed 6.1 and
    6.12 corpora are not fetched."""
    from tests.x86_kernels import pins

    corpus = pins.fetched_corpus("7.3")
    assert corpus is not None
    assert corpus.release == "7.3.4+deb13-amd64"
    assert (corpus.modules.name, corpus.headers.name) == \
        ("linux-modules-7.3.4+deb13-amd64", "linux-headers-7.3.4+deb13-amd64")
    assert corpus.modules.version == corpus.headers.version
    for package in (corpus.modules, corpus.headers):
        assert len(package.sha256) == 64 and int(package.sha256, 16) >= 0
    assert pins.fetched_corpus("6.1") is None and pins.fetched_corpus("6.12") is None


@pytest.mark.parametrize("argv, message", [
    (["no-such-package"], "kernels/sources.txt: no line for package no-such-package"),
    ([], "usage: fetch-debian-package.sh PACKAGE"),
])
def test_fetch_debian_package_refuses_what_sources_txt_does_not_pin(argv, message, tmp_path) -> None:
    """One line naming the problem, status 2, nothing downloaded."""
    proc = subprocess.run(["bash", str(TESTDATA / "regen" / "fetch-debian-package.sh"), *argv],
                          capture_output=True, text=True, env=dict(os.environ, PYMODPOST_CACHE=str(tmp_path)))
    assert proc.returncode == 2
    assert message in proc.stderr and len(proc.stderr.splitlines()) == 1, proc.stderr
    assert not (tmp_path / "debs").exists()


# ---------------------------------------------------------------------------------------------
# kbuild tier: rebuild with the real tools and compare


def rebuild(arch: str, name: str, tree: Path, workdir: Path) -> Path:
    """Build fixture ``name`` like regen.py does, but into ``workdir``/<name>."""
    info = MANIFEST[arch]["modules"][name]
    bdir = workdir / name
    shutil.copytree(TESTDATA / "modules" / name, bdir)
    # The recorded command, pointed at this kernel tree, build dir and checkout.
    argv = [str(tree) if arg == MANIFEST[arch]["kernel_tree"] else
            f"M={bdir}" if arg.startswith("M=") else
            f"MODPOST={TESTDATA / 'regen' / 'modpost-wrapper.sh'}" if arg.startswith("MODPOST=")
            else arg for arg in info["command"]]
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KBUILD_", "KCFLAGS", "KAFLAGS"))}
    env.update(LC_ALL="C", PYMODPOST_RECORD_DIR=str(bdir),
               PYMODPOST_REAL_MODPOST=str(tree / "scripts/mod/modpost"))
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == info["make_status"], proc.stdout + proc.stderr
    return bdir


def mask_crcs(mod_c: str) -> str:
    """Drop the CRC values from a .mod.c's __versions table (they follow the kernel build)."""
    lines = []
    for line in mod_c.splitlines():
        stripped = line.strip()
        if stripped.startswith("{ 0x") and stripped.endswith("},"):
            line = "{ CRC, " + stripped.split(",", 1)[1]
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.kbuild
def test_live_x86_64_rebuild_matches_committed(tmp_path: Path) -> None:
    require_programs("make", "gcc", "ld")
    tree = live_x86_tree()  # the pinned 6.1 tree, else the newest installed 6.1 ABI
    same_kernel = tree.name == f"linux-headers-{MANIFEST['x86_64']['kernel_abi']}"
    for name in ("version", "hello"):
        bdir = rebuild("x86_64", name, tree, tmp_path)
        committed = TESTDATA / "x86_64" / name
        new_mod_c = (bdir / f"{name}.mod.c").read_text()
        old_mod_c = (committed / f"{name}.mod.c").read_text()
        if same_kernel:
            assert new_mod_c == old_mod_c
            # srcversion and everything else modpost puts into the module
            assert modinfo(bdir / f"{name}.ko") == modinfo(committed / f"{name}.ko")
        else:
            # Another headers version: CRCs (and possibly the versioned symbol set of the
            # kernel) differ; what modpost derives from the module itself must not.
            assert mask_crcs(new_mod_c) == mask_crcs(old_mod_c)
        assert (bdir / "modpost.stderr").read_text() == \
            (committed / "modpost.stderr").read_text()
        assert (bdir / "modpost.status").read_text() == "0\n"


@pytest.mark.kbuild
@pytest.mark.slow
def test_live_riscv64_rebuild_matches_committed(tmp_path: Path) -> None:
    require_programs("make", "riscv64-linux-gnu-gcc", "flex", "bison", "bc")
    require(Path("/usr/src/linux-source-6.1.tar.xz").is_file(),
            "Debian linux-source-6.1 is not installed")
    script = TESTDATA / "regen" / "build-riscv64-kernel.sh"
    out = subprocess.run([str(script)], capture_output=True, text=True, timeout=3600)
    assert out.returncode == 0, out.stderr[-2000:]
    tree = Path(out.stdout.strip().splitlines()[-1])
    config_changed = (tree.parent / "stamp").read_text().strip() != MANIFEST["riscv64"]["stamp"]
    bdir = rebuild("riscv64", "eh_frame", tree, tmp_path)
    committed = TESTDATA / "riscv64" / "eh_frame"
    new_mod_c = (bdir / "eh_frame.mod.c").read_text()
    old_mod_c = (committed / "eh_frame.mod.c").read_text()
    if config_changed:
        assert mask_crcs(new_mod_c) == mask_crcs(old_mod_c)
    else:
        assert new_mod_c == old_mod_c
        # No debug info and no absolute paths in this object: the link is byte-identical.
        assert (bdir / "eh_frame.ko").read_bytes() == (committed / "eh_frame.ko").read_bytes()


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("arch", ARCHES)
def test_regen_check_reproduces_every_committed_fixture(arch: str) -> None:
    """``regen.sh --check`` rebuilds every fixture at its recorded path and finds no byte
    that differs from the committed files (only the manifest timestamps may change)."""
    require_programs("make", "gcc", "ld")
    if arch == "x86_64":
        # Only the kernel the fixtures were built against can reproduce them byte for byte;
        # regen.py picks that tree whenever it is installed, whatever else is.
        pinned_x86_tree()
    else:
        require_programs("riscv64-linux-gnu-gcc", "flex", "bison", "bc")
        require(Path("/usr/src/linux-source-6.1.tar.xz").is_file(),
                "Debian linux-source-6.1 is not installed")
        script = TESTDATA / "regen" / "build-riscv64-kernel.sh"
        out = subprocess.run([str(script)], capture_output=True, text=True, timeout=3600)
        assert out.returncode == 0, out.stderr[-2000:]
        tree = out.stdout.strip().splitlines()[-1]
        # kbuild writes the kernel tree's absolute path into every .cmd file: another cache
        # place cannot reproduce them (a skip, or under PYMODPOST_REQUIRE_TIERS a failure)
        require(tree == MANIFEST["riscv64"]["kernel_tree"],
                f"kernel tree at {tree}, fixtures were built against "
                f"{MANIFEST['riscv64']['kernel_tree']}: .cmd files cannot match")
    proc = subprocess.run([str(TESTDATA / "regen" / "regen.sh"), "--check", "--arch", arch],
                          capture_output=True, text=True, timeout=3600)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]


@pytest.mark.kbuild
@pytest.mark.slow
@pytest.mark.parametrize("kernel_arch", [ka for ka in kernel_arches() if ka[0] != "6.1"],
                         ids=pair_id)
def test_regen_check_reproduces_the_newer_kernels_fixtures(kernel_arch: tuple[str, str]) -> None:
    """The same for the 6.12 and 7.3 fixtures: Debian's pinned 6.12 headers for x86_64, the
    kernels build-kernel.sh makes from their recipes otherwise."""
    kernel, arch = kernel_arch
    require_programs("make", "gcc", "ld")
    entry = entry_of(kernel, arch)
    if "kernel_abi" in entry:
        pinned_x86_tree(kernel)
    else:
        tree = built_kernel_tree(kernel, arch)
        require(tree == entry["kernel_tree"], f"kernel tree at {tree}, fixtures were built against "
                f"{entry['kernel_tree']}: .cmd files cannot match")
    proc = subprocess.run([str(TESTDATA / "regen" / "regen.sh"), "--check", "--kernel", kernel,
                           "--arch", arch], capture_output=True, text=True, timeout=3600)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]


# ---------------------------------------------------------------------------------------------
# qemu tier: the manifest's load claims hold in the real kernels


def kernel_module_path(name: str) -> Path | None:
    """The Debian kernel's own ``name``.ko for the fixtures' kernel ABI, if installed."""
    base = Path("/lib/modules") / MANIFEST["x86_64"]["kernel_abi"] / "kernel"
    found = sorted(base.rglob(f"{name}.ko")) if base.is_dir() else []
    return found[0] if found else None


def load_plan(arch: str) -> tuple[list[tuple[str, Path]], set[str], set[str]]:
    """(module name, path) in a loadable order, the names meant to load, those refused."""
    entries = MANIFEST[arch]["modules"]
    # Providers first: fixtures that need no other fixture, then the rest.
    names = sorted(entries, key=lambda n: (bool(entries[n]["needs"]), n))
    plan: list[tuple[str, Path]] = []
    loads: set[str] = set()
    refused: set[str] = set()
    for name in names:
        info = entries[name]
        for dep in info["kernel_modules_first"]:
            path = kernel_module_path(dep)
            require(path is not None, f"{dep}.ko of the Debian kernel is not installed")
            plan.append((dep, path))
        for module in info["modules"]:
            if module in info["loads"] or module in info["refused"]:
                plan.append((module, TESTDATA / arch / name / f"{module}.ko"))
        loads.update(info["loads"])
        refused.update(info["refused"])
    return plan, loads, refused


@pytest.mark.qemu
@pytest.mark.parametrize("arch", ARCHES)
def test_fixtures_load_in_the_real_kernel_as_the_manifest_says(arch: str) -> None:
    from pymodpost.harness import HarnessError, LoadStep, boot_and_load, default_kernel
    from pymodpost.harness.kernels import recipe

    require_programs(recipe(arch).qemu, recipe(arch).cc)
    if arch == "x86_64":
        # the fixtures' vermagic is the pinned ABI's: boot exactly that kernel
        from tests.x86_kernels import pins

        pin = pins.pin_for("6.1")
        reason = pins.missing(pin, pin.image)
        require(reason is None, reason or "")
        kernel = f"/boot/vmlinuz-{pin.abi}"
    else:
        try:
            kernel = default_kernel(arch)
        except HarnessError as e:
            require(False, str(e))
    require(Path(kernel).is_file(), f"{kernel}: not found")
    plan, loads, refused = load_plan(arch)
    result = boot_and_load(arch, [LoadStep(str(path)) for _, path in plan], kernel=kernel,
                           timeout=600, module_symbols=False)
    for (module, _), step in zip(plan, result.steps, strict=True):
        texts = [m.text for m in step.messages]
        modname = module.replace("-", "_")
        if module in refused:
            assert step.load.ret != 0, f"{module} was expected to be refused"
            assert any(t.startswith(f"{modname}: ") for t in texts), texts
        else:
            assert step.load.ret == 0, (module, step.load, texts)
            if module in loads:
                # every fixture meant to load says so in the kernel log from its init
                assert any(t.startswith(f"{modname}: ") for t in texts), (module, texts)
