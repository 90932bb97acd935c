"""Live: boot each fixture kernel under qemu and load the kbuild-built params fixture."""

from __future__ import annotations

import lzma
import os
import subprocess

import pytest

from pymodpost.harness import HarnessError, LoadStep, boot_and_load
from pymodpost.harness.kernels import default_kernel, recipe
from pymodpost.harness.protocol import parse_kallsyms_line
from tests.conftest import TESTDATA, require, require_programs

pytestmark = pytest.mark.qemu

ARCHES = ["x86_64", "riscv64"]
VALID = ["count=7", "greeting=hey", "verbose=1", "levels=4,5,6", "label=xyz", "bitmask=0x10"]


def require_kernel(arch: str) -> None:
    r = recipe(arch)
    require_programs(r.qemu, r.cc)
    try:
        kernel = default_kernel(arch)
    except HarnessError as e:
        require(False, str(e))
    require(os.path.isfile(kernel), f"{kernel}: not found")


def params_ko(arch: str) -> str:
    return str(TESTDATA / arch / "params" / "params.ko")


@pytest.fixture(scope="module", params=ARCHES)
def params_run(request):
    arch = request.param
    require_kernel(arch)
    ko = params_ko(arch)
    not_elf = str(TESTDATA / arch / "params" / "params.c")
    steps = [LoadStep(ko, ["count=abc"]), LoadStep(ko, VALID, syscall="init"), LoadStep(ko), LoadStep(not_elf)]
    return arch, boot_and_load(arch, steps, timeout=300)


def test_a_rejected_parameter_is_einval_with_the_kernels_reason(params_run):
    _, result = params_run
    bad = result.steps[0]
    assert (bad.load.ret, bad.load.errno_name) == (-1, "EINVAL")
    assert "params: `abc' invalid for parameter `count'" in [m.text for m in bad.messages]


def test_init_module_loads_with_the_parameters_given(params_run):
    _, result = params_run
    good = result.steps[1]
    assert good.ok and good.module == "params"
    assert "params: count=7 greeting=hey verbose=1 label=xyz bitmask=0x10 nr_levels=3" in good.log
    assert good.parameters == {"count": "7", "greeting": "hey", "verbose": "Y", "levels": "4,5,6",
                               "label": "xyz", "bitmask": "16"}
    assert good.proc_modules.startswith(f"params {good.attributes['coresize']} 0 - Live 0x")
    assert int(good.proc_modules.split()[5], 16) == good.sections[".exit.text"]
    assert {".gnu.linkonce.this_module", "__param", ".init.text"} <= set(good.sections)


def test_a_second_load_is_eexist_and_rmmod_runs_the_exit_function(params_run):
    _, result = params_run
    assert result.steps[2].load.errno_name == "EEXIST"
    good = result.steps[1]
    assert good.unload.ok
    assert [m.text for m in good.unload_messages] == ["params: params unloaded count=7"]


def test_a_file_that_is_not_elf_is_enoexec(params_run):
    _, result = params_run
    assert (result.steps[3].load.errno_name, result.steps[3].load.strerror) == ("ENOEXEC", "Exec format error")


def test_release_and_log(params_run):
    arch, result = params_run
    assert f'"{result.kernel_release}"' in (TESTDATA / "kernels" / arch / "utsrelease.h").read_text()
    assert result.log.splitlines()[0].split("] ", 1)[-1].startswith("Linux version ")
    assert result.duration > 0


def test_kallsyms_capture_matches_the_committed_one():
    # riscv64 only: its dump is small enough to cross the serial port in seconds
    require_kernel("riscv64")
    committed = lzma.decompress((TESTDATA / "kernels" / "riscv64" / "kallsyms.xz").read_bytes()).decode()
    result = boot_and_load("riscv64", [], capture_kallsyms=True, timeout=300)
    assert result.kallsyms == committed, (
        "the riscv64 kernel differs from the one kallsyms.xz was captured from: "
        "run testdata/harness/capture-kallsyms.sh riscv64")
    assert any(parse_kallsyms_line(line).name == "start_kernel" for line in committed.splitlines())


def test_a_guest_that_hangs_is_stopped_with_the_console_tail():
    # no init to run: the kernel panics, and panic=0 makes it wait forever instead of rebooting
    require_kernel("riscv64")
    with pytest.raises(HarnessError, match=r"riscv64 guest did not finish within 8 s "
                                           r"\(stopped before the guest init started\)") as e:
        boot_and_load("riscv64", [], timeout=8, extra_cmdline="rdinit=/missing panic=0")
    assert "Kernel panic - not syncing" in e.value.tail


@pytest.mark.kbuild
def test_an_oops_in_module_init_kills_the_loader_not_the_guest(tmp_path):
    from pymodpost.harness.kernels import debian_amd64_release

    require_kernel("x86_64")
    release = debian_amd64_release()
    require(release is not None, "no Debian amd64 kernel headers")
    require_programs("make")
    for name in ("oops.c", "Kbuild"):
        (tmp_path / name).write_bytes((TESTDATA / "harness" / "oops" / name).read_bytes())
    build = subprocess.run(["make", "-C", f"/usr/src/linux-headers-{release}", f"M={tmp_path}", "modules"],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    result = boot_and_load("x86_64", [LoadStep(str(tmp_path / "oops.ko")), LoadStep(params_ko("x86_64"))],
                           timeout=300)
    oops, after = result.steps
    assert not oops.ok and oops.load.signal == 9 and oops.module is None
    texts = [m.text for m in oops.messages]
    assert "oops: about to read address 0" in texts
    assert any(t.startswith("BUG: kernel NULL pointer dereference") for t in texts)
    # the console shows the oops as it happened (the log level is up during each load)
    assert "BUG: kernel NULL pointer dereference" in result.console
    # PID 1 lived on: the next module loads and unloads as usual
    assert after.ok and after.unload.ok


def test_a_dependent_module_needs_its_provider_and_unloads_first():
    require_kernel("riscv64")
    pair = TESTDATA / "riscv64" / "pair"
    user, provider = str(pair / "pair_user.ko"), str(pair / "pair_provider.ko")
    alone, prov, after = boot_and_load("riscv64", [LoadStep(user), LoadStep(provider), LoadStep(user)],
                                       module_symbols=False).steps
    assert (alone.load.errno_name, alone.module) == ("ENOENT", None)
    assert "pair_user: Unknown symbol pm_pair_base (err -2)" in [m.text for m in alone.messages]
    assert prov.ok and after.ok and after.module == "pair_user"
    # unloaded in reverse order, so the provider is no longer in use when its turn comes
    assert prov.unload.ok and after.unload.ok
    assert [m.text for m in after.unload_messages] == ["pair_user: pair_user unloaded"]
    assert [m.text for m in prov.unload_messages] == ["pair_provider: pair_provider unloaded"]


#: every (kernel, arch) pymodpost targets, each with its own fixture directory
SIX = [(kernel, arch) for kernel in ("6.1", "6.12", "7.3") for arch in ("x86_64", "riscv64")]


@pytest.mark.parametrize("kernel,arch", SIX, ids=[f"{k}-{a}" for k, a in SIX])
def test_each_kernel_boots_and_loads_its_hello_fixture(kernel, arch):
    """The six oracle kernels (Debian's 6.1 and 6.12 amd64 images, the recipe builds for the
    rest, 7.3 x86_64 included) boot under the harness and load and unload the kbuild-built
    hello.ko of their own fixtures."""
    from pymodpost.dialect import by_name

    r = recipe(arch)
    require_programs(r.qemu, r.cc)
    dialect = by_name(kernel)
    try:
        image = default_kernel(arch, dialect)
    except HarnessError as e:
        require(False, str(e))
    fixtures = TESTDATA if kernel == "6.1" else TESTDATA / kernel
    ko = fixtures / arch / "hello" / "hello.ko"
    result = boot_and_load(arch, [LoadStep(str(ko))], kernel=image, timeout=300, module_symbols=False)
    assert result.kernel_release.startswith(f"{kernel}."), result.kernel_release
    (step,) = result.steps
    assert step.ok and step.module == "hello", (step.load, [m.text for m in step.messages])
    assert "hello: hello loaded" in [m.text for m in step.messages]
    assert step.unload.ok and "hello: hello unloaded" in [m.text for m in step.unload_messages]
