"""``pymodpost harness [--arch ARCH] A.KO [PARAM=VALUE ...] [B.KO ...]``: load modules in a
real kernel under qemu and show what the kernel did.

Each ``.ko`` argument (or any existing file) starts a module; the ``name=value`` arguments after it are its
parameters.  The modules are loaded in order (finit_module, or init_module with
``--init-module``), the loaded ones removed again in reverse order (unless ``--keep``), and
the results printed: errno of each load, the kernel log lines of each step, the module's
/proc/modules line, section addresses, parameter values, and the rmmod outcome.

Exit status: 0 when every module loaded, 1 when one did not, 2 for usage errors; a guest
that could not be booted or did not finish is an error (status 1) with the console's tail.
"""

from __future__ import annotations

import argparse
import json
import os
import sys



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("items", metavar="MODULE.ko [PARAM=VALUE ...]", nargs="*",
                        help="modules to load, each followed by its parameters")
    parser.add_argument("--arch", choices=("x86_64", "riscv64"),
                        help="guest architecture (default: from the first module's ELF header)")
    parser.add_argument("--kernel", help="kernel image to boot (default: the fixture kernel of the arch)")
    parser.add_argument("--append", default="nokaslr", help="extra kernel command line (default: %(default)s)")
    parser.add_argument("--no-pvh", action="store_true",
                        help="x86_64: boot the bzImage itself, not its vmlinux through PVH (slower)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before qemu is stopped")
    parser.add_argument("--init-module", action="store_true",
                        help="load with init_module(image) instead of finit_module(fd)")
    parser.add_argument("--keep", action="store_true", help="do not unload the modules again")
    parser.add_argument("--kallsyms", metavar="FILE", help="also write the guest's /proc/kallsyms to FILE")
    parser.add_argument("--console", metavar="FILE", help="also write the raw serial console output to FILE")
    parser.add_argument("--log", action="store_true", help="also print the whole kernel log")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead")


def parse_items(items: list[str], syscall: str, *, allow_none: bool = False):
    """``["a.ko", "x=1", "b.ko"]`` -> LoadSteps; parameters before any module are an error."""
    from pymodpost.errors import UsageError
    from pymodpost.harness import LoadStep

    groups: list[tuple[str, list[str]]] = []
    for item in items:
        # a module: a .ko name, or any existing file (a malformed test object, a .ko.bad);
        # parameters are name=value or a bare boolean name
        if item.endswith(".ko") or ("=" not in item and os.path.isfile(item)):
            groups.append((item, []))
        elif not groups:
            raise UsageError(f"parameter '{item}' comes before any module (.ko)")
        else:
            groups[-1][1].append(item)
    if not groups and not allow_none:
        raise UsageError("the following arguments are required: MODULE.ko")
    return [LoadStep(path=path, params=params, syscall=syscall) for path, params in groups]


def detect_arch(path: str) -> str:
    from pymodpost.arch.target import TARGETS, for_machine
    from pymodpost.errors import InputError
    from pymodpost.fileio import read_bytes

    head = read_bytes(path)[:20]
    if head[:4] != b"\x7fELF" or len(head) < 20:
        raise InputError(path, "not an ELF file")
    machine = int.from_bytes(head[18:20], "little" if head[5] == 1 else "big")
    target = for_machine(machine)
    if target is None:
        names = ", ".join(t.name for t in TARGETS)
        raise InputError(path, f"ELF machine {machine} is not one the harness boots ({names})")
    return target.name


def run(args: argparse.Namespace) -> int:
    from pymodpost.errors import UsageError
    from pymodpost.fileio import write_atomic
    from pymodpost.harness import HarnessError, boot_and_load

    # with --kallsyms alone the run only boots and reads /proc/kallsyms
    steps = parse_items(args.items, "init" if args.init_module else "finit", allow_none=bool(args.kallsyms))
    if not args.arch and not steps:
        raise UsageError("--arch is needed when no module is given")
    arch = args.arch or detect_arch(steps[0].path)
    try:
        result = boot_and_load(arch, steps, unload=not args.keep, kernel=args.kernel,
                               timeout=args.timeout, extra_cmdline=args.append,
                               capture_kallsyms=bool(args.kallsyms), pvh=not args.no_pvh)
    except HarnessError as e:
        if e.tail:
            sys.stderr.write("last console lines:\n" + "".join(f"  {line}\n" for line in e.tail.splitlines()))
        raise
    if args.kallsyms:
        write_atomic(args.kallsyms, result.kallsyms or "")
    if args.console:
        write_atomic(args.console, result.console.encode("utf-8", "surrogateescape"))
    if args.json:
        json.dump(to_json(result), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("".join(line + "\n" for line in render(result, show_log=args.log)))
    return 0 if all(step.ok for step in result.steps) else 1


def to_json(result) -> dict:
    import dataclasses

    doc = dataclasses.asdict(result)
    doc.pop("kallsyms")
    for step_doc, step in zip(doc["steps"], result.steps):
        for key, outcome in (("load", step.load), ("unload", step.unload)):
            if outcome is not None:
                step_doc[key].update(errno_name=outcome.errno_name, strerror=outcome.strerror)
    return doc


def _outcome_text(outcome) -> str:
    if outcome.signal:
        return f"the loading process was killed by signal {outcome.signal}"
    if outcome.ret == 0:
        return "ok"
    return f"failed: {outcome.errno_name} ({outcome.strerror})"


def render(result, *, show_log: bool = False) -> list[str]:
    via = f" (booted as {result.boot_image} through PVH)" if result.boot_image != result.kernel else ""
    lines = [f"{result.arch}: {result.kernel} ({result.kernel_release}){via}, "
             f"command line '{result.cmdline}', {result.duration:.1f} s"]
    for index, step in enumerate(result.steps):
        call = "finit_module" if step.step.syscall == "finit" else "init_module"
        params = " ".join(step.step.params)
        lines.append("")
        lines.append(f"[{index}] {step.step.path}{' ' + params if params else ''}")
        lines.append(f"  {call}: {_outcome_text(step.load)}")
        lines += [f"    {message}" for message in step.messages]
        if step.module is None:
            continue
        lines.append(f"  module: {step.module}")
        lines.append(f"  /proc/modules: {step.proc_modules}")
        lines.append("  sections:")
        for name, address in sorted(step.sections.items(), key=lambda item: (item[1], item[0])):
            lines.append(f"    {address:#018x} {name}")
        if step.parameters:
            lines.append("  parameters:")
            lines += [f"    {name} = {value}" for name, value in sorted(step.parameters.items())]
        if step.unload is not None:
            lines.append(f"  delete_module: {_outcome_text(step.unload)}")
            lines += [f"    {message}" for message in step.unload_messages]
    if show_log:
        lines += ["", "kernel log:"] + [f"  {line}" for line in result.log.splitlines()]
    return lines
