"""Derive the device-table struct layouts file2alias needs, per architecture, from the real headers.

modpost learns the size of every ``*_device_id`` struct and the offset of each field it reads
from ``devicetable-offsets.h``, which kbuild generates by compiling a file of ``DEVID()`` markers
with the *target* compiler.  We do the same, with more markers: for every struct field
file2alias.c reads (found by scanning file2alias.c itself for ``DEF_FIELD*`` uses) the offset, the
field's size and, for arrays, the element size; every numeric constant file2alias.c uses that
``<linux/mod_devicetable.h>`` defines; the string macros are read from that header's text.

  x86_64:  compiled through Debian's linux-headers kbuild (``make -C <headers> M=<tmp> layouts.s``)
  riscv64: compiled through the riscv64 kernel tree built by testdata/regen/build-riscv64-kernel.sh

Each kernel dialect has its own data file, derived from that kernel's own file2alias.c and headers:
pymodpost/modpost/devtable_layouts_6_1.py, devtable_layouts_6_12.py, devtable_layouts_7_3.py
(committed; regenerate with ``python -m pymodpost.modpost.gen_devtable_layouts --kernel 6.12
[--x86_64 KDIR] [--riscv64 KDIR] --source LINUX_SRC``).
"""

from __future__ import annotations

import argparse
import glob
import os
import pprint
import re
import subprocess
import sys
import tempfile

from pymodpost.modpost.file2alias import layout_module

# fields reached through a nested struct or an array element (not visible as DEF_FIELD uses)
NESTED = {
    # slot is a 7-bit bit-field (no offsetof/sizeof): file2alias reads it with the host compiler's
    # layout, the low 7 bits of the struct's first byte on x86 hosts
    "dmi_strmatch": ["substr"],
    "pnp_card_device_id": [],
}
EXTRA_EXPR = {
    # name -> C expression (evaluated by the target compiler)
    "ELEM_dmi_system_id_matches": "sizeof(((struct dmi_system_id *)0)->matches[0])",
    "ELEM_pnp_card_device_id_devs": "sizeof(((struct pnp_card_device_id *)0)->devs[0])",
    "OFF_pnp_card_device_id_devs_id": "offsetof(typeof(((struct pnp_card_device_id *)0)->devs[0]), id)",
    "FSIZE_pnp_card_device_id_devs_id": "sizeof(((struct pnp_card_device_id *)0)->devs[0].id)",
    "ELEM_pcmcia_device_id_prod_id_hash": "sizeof(((struct pcmcia_device_id *)0)->prod_id_hash[0])",
    "ELEM_input_device_id_evbit": "sizeof(((struct input_device_id *)0)->evbit[0])",
    "SIZEOF_KERNEL_ULONG": "sizeof(kernel_ulong_t)",
}



FIELD_USE = re.compile(r"DEF_FIELD(?:_ADDR)?(?:_VAR)?\(\s*symval[^,]*,\s*(\w+)\s*,\s*(\w+)")


def fields_used(file2alias_c: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for struct, fieldname in FIELD_USE.findall(file2alias_c):
        out.setdefault(struct, [])
        if fieldname not in out[struct]:
            out[struct].append(fieldname)
    for struct, names in NESTED.items():
        out.setdefault(struct, [])
        for n in names:
            if n not in out[struct]:
                out[struct].append(n)
    return out


def numeric_constants(file2alias_c: str, header: str) -> list[str]:
    used = set(re.findall(r"\b[A-Z][A-Z0-9_]*[A-Z0-9]\b", file2alias_c))
    defined = set(re.findall(r"#define\s+([A-Z][A-Z0-9_]*)[ \t]+[^\"\s]", header))
    enums = set(re.findall(r"^\s*([A-Z][A-Z0-9_]+)\s*(?:=[^,]*)?,", header, re.M))
    return sorted((used & defined) | (used & enums))


DEVICE_ID_INCLUDE = re.compile(r'^#include\s+"(device-id/[\w.-]+\.h)"', re.M)


def header_text(source: str) -> str:
    """<linux/mod_devicetable.h> as file2alias sees its definitions: since 7.x the header is a
    list of ``#include "device-id/<bus>.h"``, one file per bus, so those files are appended."""
    include = os.path.join(source, "include/linux")
    text = open(os.path.join(include, "mod_devicetable.h")).read()
    parts = [text]
    for rel in DEVICE_ID_INCLUDE.findall(text):
        with open(os.path.join(include, rel)) as f:
            parts.append(f.read())
    return "\n".join(parts)


def string_macros(header: str) -> dict[str, str]:
    out = {}
    for name, value in re.findall(r'#define\s+([A-Z][A-Z0-9_]*)\s+"([^"]*)"', header):
        out[name] = value
    return out


def c_source(fields: dict[str, list[str]], constants: list[str]) -> str:
    lines = ["#include <linux/kbuild.h>", "#include <linux/mod_devicetable.h>", "",
             "int main(void)", "{"]
    for struct, names in sorted(fields.items()):
        lines.append(f"\tDEFINE(SIZE_{struct}, sizeof(struct {struct}));")
        for f in names:
            lines.append(f"\tDEFINE(OFF_{struct}_{f}, offsetof(struct {struct}, {f}));")
            lines.append(f"\tDEFINE(FSIZE_{struct}_{f}, sizeof(((struct {struct} *)0)->{f}));")
    for name, expr in EXTRA_EXPR.items():
        lines.append(f"\tDEFINE({name}, {expr});")
    for c in constants:
        lines.append(f"\tDEFINE(CONST_{c}, (long long)({c}));")
    lines += ["\treturn 0;", "}", ""]
    return "\n".join(lines)


MARKER = re.compile(r'->(\w+) \$?(-?\d+)')


def build(kdir: str, make_vars: list[str], source: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory(prefix="pymodpost-layouts-") as tmp:
        with open(os.path.join(tmp, "layouts.c"), "w") as f:
            f.write(source)
        with open(os.path.join(tmp, "Kbuild"), "w") as f:
            f.write("obj-m += layouts.o\n")
        subprocess.run(["make", "-s", "-C", kdir, *make_vars, f"M={tmp}", "layouts.s"], check=True,
                       stdout=subprocess.DEVNULL)
        text = open(os.path.join(tmp, "layouts.s")).read()
    return {m.group(1): int(m.group(2)) for m in MARKER.finditer(text)}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default="6.1", help="the dialect's file2alias generation: 6.1, 6.12, 7.3")
    ap.add_argument("--source", default=None, help="unpacked linux-source of that kernel")
    ap.add_argument("--x86_64", default=None, help="x86_64 headers or build tree of that kernel")
    ap.add_argument("--riscv64", default=None, help="riscv64 build tree of that kernel (optional)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    args.source = args.source or f"/tmp/linux-src/linux-source-{args.kernel}"
    if args.x86_64 is None:
        # Debian's headers package where bookworm has one, else the project's own x86_64 build
        # of that kernel (7.3: built from linux-source-7.3 by testdata/regen)
        found = sorted(glob.glob(f"/usr/src/linux-headers-{args.kernel}.*-amd64"))
        own = os.path.expanduser(f"~/.cache/pymodpost/x86_64-{args.kernel}/build")
        args.x86_64 = found[0] if found else (own if os.path.isdir(own) else None)
    if args.riscv64 is None:
        args.riscv64 = os.path.expanduser(f"~/.cache/pymodpost/riscv64-{args.kernel}/build")
    args.out = args.out or os.path.join(os.path.dirname(__file__), layout_module(args.kernel) + ".py")
    f2a = open(os.path.join(args.source, "scripts/mod/file2alias.c")).read()
    header = header_text(args.source)
    fields = fields_used(f2a)
    constants = numeric_constants(f2a, header)
    src = c_source(fields, constants)
    layouts = {}
    if args.x86_64:
        layouts["x86_64"] = build(args.x86_64, [], src)
    if args.riscv64 and os.path.isdir(args.riscv64):
        layouts["riscv64"] = build(args.riscv64, ["ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-"], src)
    body = [
        '"""Device-table struct layouts and constants per architecture -- GENERATED, do not edit.',
        "",
        "Produced by pymodpost/modpost/gen_devtable_layouts.py: the target compiler (through kbuild) was",
        f"asked for sizeof/offsetof of every struct field Linux {args.kernel} scripts/mod/file2alias.c reads, and",
        "for the numeric constants it uses from <linux/mod_devicetable.h>.  Sources:",
        f"  x86_64:  {args.x86_64}",
        f"  riscv64: {args.riscv64}",
        '"""',
        "",
        "# fmt: off",
    ]
    # architectures whose layouts came out identical share one table (said, not assumed)
    shared = {}
    for arch, values in layouts.items():
        for other, other_values in layouts.items():
            if other == arch:
                break
            if other_values == values:
                shared[arch] = other
                break
    body.append("LAYOUTS = " + pprint.pformat({a: v for a, v in layouts.items() if a not in shared},
                                              width=110, compact=True))
    for arch, other in shared.items():
        body.append(f"# the {arch} compiler gave exactly the {other} values")
        body.append(f"LAYOUTS[{arch!r}] = LAYOUTS[{other!r}]")
    body += [
        "",
        "STRINGS = " + pprint.pformat(string_macros(header), width=110),
        "",
    ]
    from pymodpost.fileio import write_atomic

    write_atomic(args.out, "\n".join(body))  # a failed run never leaves a half module behind
    print(f"wrote {args.out}: " + ", ".join(f"{k} ({len(v)} values)" for k, v in layouts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
