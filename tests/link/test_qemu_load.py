"""Our .ko in the real kernel: each fixture module linked by pymodpost-ld is loaded (with
parameters) and unloaded under qemu, and behaves exactly as the GNU ld .ko does in the same
kernel: same load outcome, same kernel log lines, same parameters and sysfs attributes, same
unload outcome."""

from __future__ import annotations

import pytest

from pymodpost.arch.target import by_name
from pymodpost.link import link, load_script
from tests.conftest import TESTDATA
from tests.harness.test_boot import require_kernel  # the harness tests' own check

pytestmark = [pytest.mark.qemu, pytest.mark.slow]

PARAMS = ["count=7", "greeting=hey", "verbose=1", "levels=4,5,6", "label=xyz", "bitmask=0x10"]


def _ours(arch: str, name: str, tmp_path) -> str:
    d = TESTDATA / arch / name
    script = load_script(str(TESTDATA / "kernels" / arch / "module.lds"))
    out = tmp_path / f"{arch}-{name}.ko"
    out.write_bytes(link([d / f"{name}.o", d / f"{name}.mod.o"], script,
                         emulation=by_name(arch).emulation, build_id=True, stack_note="noexecstack"))
    return str(out)


def _behaviour(step) -> tuple:
    """What a module does in the kernel, without load addresses or unrelated kernel chatter
    (clocksource messages can land in the middle of a load)."""
    attrs = {k: v for k, v in step.attributes.items() if k not in ("coresize", "initsize")}

    def own(messages):
        return [m.text for m in messages if step.module and step.module in m.text]

    return (step.load.ret, step.load.errno_name, own(step.messages), step.module,
            step.parameters, attrs, step.unload and (step.unload.ret, step.unload.errno_name),
            own(step.unload_messages))


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_our_modules_behave_like_gnu_lds(arch, tmp_path):
    from pymodpost.harness import LoadStep, boot_and_load

    require_kernel(arch)
    runs = {}
    for who in ("gnu", "ours"):
        hello = (str(TESTDATA / arch / "hello" / "hello.ko") if who == "gnu"
                 else _ours(arch, "hello", tmp_path))
        params = (str(TESTDATA / arch / "params" / "params.ko") if who == "gnu"
                  else _ours(arch, "params", tmp_path))
        runs[who] = boot_and_load(arch, [LoadStep(hello), LoadStep(params, PARAMS)],
                                  timeout=300, module_symbols=False)
    for gnu, ours in zip(runs["gnu"].steps, runs["ours"].steps):
        assert gnu.ok and ours.ok
        assert _behaviour(ours) == _behaviour(gnu)
        assert _behaviour(ours)[2], "the module logs something when it loads"
        assert ours.unload is not None and ours.unload.ret == 0


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_every_fixture_linked_by_us_loads_like_gnu_lds(arch, tmp_path):
    """The whole load plan of the fixtures (providers first, Debian modules some need, the ones
    the kernel refuses too), once with GNU ld's .ko files and once with ours, in two boots."""
    from pymodpost.harness import LoadStep, boot_and_load
    from tests.test_testdata import load_plan

    require_kernel(arch)
    plan, _, _ = load_plan(arch)
    gnu = [str(path) for _, path in plan]
    ours = []
    for module, path in plan:
        if TESTDATA in path.parents:  # a fixture: link it ourselves from kbuild's .o + .mod.o
            d = path.parent
            script = load_script(str(TESTDATA / "kernels" / arch / "module.lds"))
            out = tmp_path / f"{module}.ko"
            out.write_bytes(link([d / f"{module}.o", d / f"{module}.mod.o"], script,
                                 emulation=by_name(arch).emulation, build_id=True, stack_note="noexecstack"))
            ours.append(str(out))
        else:  # one of the Debian kernel's own modules a fixture depends on
            ours.append(str(path))
    runs = {who: boot_and_load(arch, [LoadStep(p) for p in paths], timeout=600, module_symbols=False)
            for who, paths in (("gnu", gnu), ("ours", ours))}
    assert len(runs["ours"].steps) == len(plan)
    for (module, _), g, o in zip(plan, runs["gnu"].steps, runs["ours"].steps, strict=True):
        assert _behaviour(o) == _behaviour(g), module
