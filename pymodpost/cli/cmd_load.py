"""``pymodpost load``: simulate the profile's kernel (6.1, 6.12, 7.3) loading a module, step by step."""

from __future__ import annotations

import argparse
import json
import os
import sys

from pymodpost.dialect import DIALECTS


def _address(text: str) -> int:
    try:
        return int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an address: {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("module", help="the .ko file to load")
    parser.add_argument("params", nargs="*", metavar="param=value", help="module parameters (checked by name only)")
    parser.add_argument("--kernel", required=True, metavar="PROFILE",
                        help="bundled profile name (x86_64, riscv64; 6.12/x86_64, 7.3/riscv64, ...) or a "
                             "kernel build/headers directory")
    parser.add_argument("--dialect", choices=list(DIALECTS), default=None,
                        help="kernel version dialect (default: the one of the profile's kernel release)")
    parser.add_argument("--with", dest="preload", action="append", default=[], metavar="DEP.ko",
                        help="load this module first (repeatable), e.g. the one exporting symbols used")
    parser.add_argument("--core-base", type=_address, metavar="ADDR",
                        help="address of the core allocation (6.12+: of the first core mem[] region; "
                             "the others follow, a guard page apart)")
    parser.add_argument("--init-base", type=_address, metavar="ADDR",
                        help="address of the init allocation (6.12+: of the first init mem[] region)")
    parser.add_argument("--text-base", type=_address, metavar="ADDR",
                        help="7.3 x86_64: address of the module's text in execmem's ROX cache")
    parser.add_argument("--image-base", type=_address, metavar="ADDR",
                        help="address of the kernel's temporary copy of the file (vmalloc'd by "
                             "finit_module): symbols of sections it does not allocate (.modinfo, "
                             "__versions) keep addresses inside it")
    parser.add_argument("--struct-module-size", type=_address, metavar="BYTES",
                        help="the kernel's sizeof(struct module), which 6.12+ requires of "
                             ".gnu.linkonce.this_module (default: not checked)")
    parser.add_argument("--percpu-base", type=_address, metavar="ADDR",
                        help="the module's per-cpu area (mod->percpu), for symbols in .data..percpu")
    parser.add_argument("--ignore-modversions", action="store_true", help="finit_module flag 1 (modprobe --force-modversion)")
    parser.add_argument("--ignore-vermagic", action="store_true", help="finit_module flag 2 (modprobe --force-vermagic)")
    parser.add_argument("--dump", metavar="DIR", help="write each allocated section's final bytes and DIR/map.json")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")


def run(args: argparse.Namespace) -> int:
    from pymodpost.errors import PymodpostError
    from pymodpost.kernel.profile import load_profile
    from pymodpost.load.pipeline import LoadOptions, load_file, place_after_loaded_modules
    from pymodpost.load.render import dump_sections, render_text, result_to_json
    from pymodpost.load.state import KernelState

    profile = load_profile(args.kernel, dialect=args.dialect)
    state = KernelState(profile)
    flags = (1 if args.ignore_modversions else 0) | (2 if args.ignore_vermagic else 0)
    for dep in args.preload:
        pre = load_file(dep, state, place_after_loaded_modules(LoadOptions(flags=flags, record=False), state))
        if not pre.ok:
            raise PymodpostError(f"{dep}: refused while preloading: {pre.error.message} ({pre.error.errno})")
    options = LoadOptions(core_base=args.core_base, init_base=args.init_base, params=list(args.params), flags=flags,
                          struct_module_size=args.struct_module_size, text_base=args.text_base)
    if args.image_base is not None:
        options.image_base = args.image_base
    if args.percpu_base is not None:
        options.percpu_base = args.percpu_base
    # unset bases: after the modules loaded before it, as the kernel would place it
    place_after_loaded_modules(options, state)
    result = load_file(args.module, state, options)
    if args.dump and result.ok:
        dump_sections(result, args.dump)
    if args.json:
        json.dump(result_to_json(result, profile), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        from pymodpost.tables import output_width

        sys.stdout.write(render_text(result, profile, output_width(sys.stdout)))
    if not result.ok:
        err = result.error
        if err.crash:
            raise PymodpostError(f"{err.message} (the real kernel would oops here)")
        sys.stderr.write(err.insmod_line(os.path.basename(args.module)) + "\n")
        return 1
    return 0
