"""The real-kernel oracle: boot a kernel under qemu, load modules there, report the outcome.

    from pymodpost.harness import boot_and_load, LoadStep
    result = boot_and_load("x86_64", [LoadStep("hello.ko", ["count=2"])])
    result.steps[0].load.errno_name, result.steps[0].sections[".text"], result.log

The guest is a static C init (testdata/harness/init.c) in a Python-built initramfs; see
:mod:`pymodpost.harness.protocol` for how the two sides talk.

``dump_at_module_finalize`` (:mod:`pymodpost.harness.oracle`) runs the same guest under gdb
and dumps every allocated section at ``module_finalize``: the loader's byte-level oracle.
"""

from pymodpost.harness.boot import boot_and_load
from pymodpost.harness.kernels import default_kernel
from pymodpost.harness.oracle import OracleError, OracleRun, dump_at_module_finalize
from pymodpost.harness.results import (
    BootResult,
    HarnessError,
    KallsymsEntry,
    KernelMessage,
    LoadStep,
    StepResult,
    SyscallOutcome,
)

__all__ = [
    "BootResult",
    "HarnessError",
    "KallsymsEntry",
    "KernelMessage",
    "LoadStep",
    "OracleError",
    "OracleRun",
    "StepResult",
    "SyscallOutcome",
    "boot_and_load",
    "default_kernel",
    "dump_at_module_finalize",
]
