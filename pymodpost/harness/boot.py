"""boot_and_load: boot a real kernel under qemu, load modules there, report what happened."""

from __future__ import annotations

import os
import shutil
import tempfile

from pymodpost.fileio import write_atomic
from pymodpost.harness.guest import initramfs
from pymodpost.harness.kernels import default_kernel, recipe
from pymodpost.harness.pvh import pvh_vmlinux
from pymodpost.harness.protocol import (
    GuestReport,
    parse_console,
    parse_dmesg,
    parse_kallsyms_line,
    parse_kmsg,
    parse_sysfs_files,
)
from pymodpost.harness.qemu import QemuRun, run_qemu
from pymodpost.harness.results import BootResult, HarnessError, LoadStep, StepResult

#: console lines quoted in a HarnessError
TAIL_LINES = 25


def qemu_command(arch: str, kernel: str, initrd: str, cmdline: str) -> list[str]:
    r = recipe(arch)
    # -nodefaults: no VGA, network or other devices the run does not need (faster boot);
    # the one serial port goes to stdout.
    return [r.qemu, *r.machine_args, "-nodefaults", "-display", "none", "-no-reboot",
            "-serial", "stdio", "-kernel", kernel, "-initrd", initrd, "-append", cmdline]


def boot_image(arch: str, kernel: str, pvh: bool = True) -> str:
    """What qemu is given for ``kernel``: on x86_64 the unpacked vmlinux, entered through PVH,
    when the bzImage allows it (several times faster under TCG; see :mod:`.pvh`), else the
    image itself."""
    if pvh and arch == "x86_64":
        return pvh_vmlinux(kernel) or kernel
    return kernel


def _step_result(report: GuestReport, index: int, step: LoadStep) -> StepResult:
    module = report.modules.get(index)
    sections, unreadable = parse_sysfs_files(report.block("sections", index))
    parameters, bad_params = parse_sysfs_files(report.block("parameters", index))
    attributes, bad_attrs = parse_sysfs_files(report.block("attributes", index))
    proc_lines = report.block("proc-modules", index)
    return StepResult(
        step=step,
        load=report.loads[index],
        messages=parse_kmsg(report.block("load-kmsg", index)),
        module=module,
        proc_modules=proc_lines[0] if proc_lines else None,
        sections={name: int(value, 16) for name, value in sections.items()},
        parameters=parameters,
        attributes=attributes,
        unreadable={**{f"sections/{k}": v for k, v in unreadable.items()},
                    **{f"parameters/{k}": v for k, v in bad_params.items()},
                    **bad_attrs},
        symbols=tuple(parse_kallsyms_line(line) for line in report.block("symbols", index)),
        unload=report.unloads.get(index),
        unload_messages=parse_kmsg(report.block("unload-kmsg", index)),
    )


def _tail(console_lines: list[str]) -> str:
    lines = list(console_lines)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines[-TAIL_LINES:])


def _check_complete(arch: str, run: QemuRun, report: GuestReport, timeout: float) -> None:
    if report.done and not report.errors:
        return
    tail = _tail(report.console_lines if report.version is None
                 else run.console.decode("utf-8", "replace").replace("\r", "").splitlines())
    console = run.console.decode("utf-8", "surrogateescape")
    if report.errors:
        raise HarnessError(f"{arch} guest: {report.errors[0]}", tail=tail, console=console, report=report)
    where = f"after '{report.last_record}'" if report.last_record else "before the guest init started"
    if run.timed_out:
        raise HarnessError(f"{arch} guest did not finish within {timeout:g} s (stopped {where})",
                           tail=tail, console=console, report=report)
    stderr = run.stderr.decode("utf-8", "replace").strip().splitlines()
    why = f": {stderr[-1]}" if stderr else ""
    raise HarnessError(f"{arch} guest ended {where} without finishing"
                       f" (qemu exit status {run.returncode}){why}",
                       tail=tail, console=console, report=report)


def boot_and_load(
    arch: str,
    modules: list[LoadStep],
    *,
    unload: bool = True,
    kernel: str | None = None,
    timeout: float = 120,
    extra_cmdline: str = "nokaslr",
    capture_kallsyms: bool = False,
    module_symbols: bool = True,
    pvh: bool = True,
) -> BootResult:
    """Boot ``kernel`` (default: :func:`default_kernel`) for ``arch`` under qemu, load
    ``modules`` in order through the real finit_module/init_module, then (``unload``)
    remove the loaded ones in reverse order with delete_module, and power off.
    ``module_symbols=False`` skips reading each module's lines of /proc/kallsyms
    (``StepResult.symbols`` stays empty), which saves about a second per module on x86_64.
    ``pvh=False`` boots an x86_64 bzImage as such instead of its vmlinux through PVH.

    Raises :class:`HarnessError` when the guest cannot be started or does not finish within
    ``timeout`` seconds; a module that fails to load is a result, not an error.
    """
    r = recipe(arch)
    if shutil.which(r.qemu) is None:
        raise HarnessError(f"{r.qemu}: not installed (Debian package "
                           f"{'qemu-system-x86' if arch == 'x86_64' else 'qemu-system-misc'})")
    kernel = kernel or default_kernel(arch)
    if not os.path.isfile(kernel):
        raise HarnessError(f"{kernel}: no such kernel image")
    steps = list(modules)
    cmdline = " ".join(part for part in (r.base_cmdline, extra_cmdline) if part)
    try:
        archive = initramfs(arch, steps, unload=unload, kallsyms=capture_kallsyms, symbols=module_symbols)
        image = boot_image(arch, kernel, pvh)
        with tempfile.TemporaryDirectory(prefix="pymodpost-harness-") as tmp:
            initrd = os.path.join(tmp, "initramfs.cpio")
            write_atomic(initrd, archive)
            run = run_qemu(qemu_command(arch, image, initrd, cmdline), timeout)
    except OSError as e:
        # an unwritable cache or temporary directory, qemu that cannot be started, ...
        where = f"{e.filename}: " if e.filename else ""
        raise HarnessError(f"cannot run the {arch} guest: {where}{e.strerror or e}") from None
    return build_result(arch, kernel, cmdline, steps, run, timeout=timeout,
                        capture_kallsyms=capture_kallsyms, boot_image=image)


def build_result(arch: str, kernel: str, cmdline: str, steps: list[LoadStep], run: QemuRun, *,
                 timeout: float, capture_kallsyms: bool, boot_image: str = "") -> BootResult:
    """Turn one qemu run's console output into the result, or a HarnessError saying why not."""
    report = parse_console(run.console)
    _check_complete(arch, run, report, timeout)
    missing = [i for i in range(len(steps)) if i not in report.loads]
    if missing:
        raise HarnessError(f"{arch} guest finished without reporting module {missing[0]}")
    dmesg = report.block("dmesg")
    kallsyms_lines = report.block("kallsyms")
    return BootResult(
        arch=arch,
        kernel=kernel,
        cmdline=cmdline,
        kernel_release=report.release,
        steps=tuple(_step_result(report, i, step) for i, step in enumerate(steps)),
        log=parse_dmesg(dmesg) if dmesg else "".join(f"{line}\n" for line in report.console_lines),
        console=run.console.decode("utf-8", "surrogateescape"),
        kallsyms="".join(f"{line}\n" for line in kallsyms_lines) if capture_kallsyms else None,
        duration=run.duration,
        boot_image=boot_image or kernel,
    )
