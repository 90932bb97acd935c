"""A real module with thousands of relocations, compiled by kbuild (gcc, the real modpost and ld)
against Debian's pinned 6.1 amd64 headers: the stress case for the report's pictures."""

from __future__ import annotations

import subprocess
from pathlib import Path

NAME = "many_relocs"
VALUES = 1024


def source(pointers: int, functions: int) -> str:
    """C whose every pointer initialiser is an R_X86_64_64 into the module's .bss, and whose every
    function adds a PC32 to its data, calls into the kernel (PLT32 to _printk) and is listed in a
    table of function pointers (an R_X86_64_64 into .text)."""
    lines = ["#include <linux/init.h>", "#include <linux/module.h>", "#include <linux/printk.h>", "",
             f"static int values[{VALUES}];", f"static int *pointers[{pointers}] __used = {{"]
    lines += [f"\t&values[{i % VALUES}]," for i in range(pointers)]
    lines += ["};", ""]
    for k in range(functions):
        lines += [f"static noinline int fn_{k}(void)", "{",
                  f'\tpr_info("fn_{k} %d\\n", values[{k % VALUES}]);', f"\treturn values[{(k * 7) % VALUES}];", "}", ""]
    lines += [f"static int (*const functions[{functions}])(void) = {{"]
    lines += [f"\tfn_{k}," for k in range(functions)]
    lines += ["};", "", "static int __init many_init(void)", "{", "\tint i, sum = 0;", "",
              "\tfor (i = 0; i < ARRAY_SIZE(functions); i++)", "\t\tsum += functions[i]();",
              "\treturn sum > 0 ? 0 : 0;", "}", "", "static void __exit many_exit(void)", "{", "}", "",
              "module_init(many_init);", "module_exit(many_exit);", 'MODULE_LICENSE("GPL");', ""]
    return "\n".join(lines)


def build(tree: Path, where: Path, pointers: int = 4000, functions: int = 250) -> Path:
    """Write the module's source and Kbuild in ``where``, build it with ``make M=``; its object."""
    where.mkdir(parents=True, exist_ok=True)
    (where / f"{NAME}.c").write_text(source(pointers, functions))
    (where / "Kbuild").write_text(f"obj-m := {NAME}.o\n")
    proc = subprocess.run(["make", "-s", "-C", str(tree), f"M={where}", "modules"], capture_output=True,
                          text=True, timeout=600)
    if proc.returncode != 0:
        raise AssertionError(f"kbuild failed:\n{proc.stdout}\n{proc.stderr}")
    return where / f"{NAME}.o"
