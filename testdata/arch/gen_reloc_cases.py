#!/usr/bin/env python3
"""Regenerate reloc_cases_<arch>.json: what GNU as + ld write for single relocations.

Each case places one relocation (or an auipc/lo12 pair) at the start of .text, links it with
``ld -Ttext=P --defsym target=S`` and records the bytes ld produced at P.  ld applies the same
formulas at final link that the kernel applies at module load, so these bytes are the expected
output of the loader's relocation handlers (tests/arch/).  When ld reports an overflow the case
says so; for the field types the kernel does not range-check, the case also records ld's bytes
for the same offset folded into the field's range (what a silent truncation leaves).

Usage: python3 testdata/arch/gen_reloc_cases.py [x86_64|riscv64 ...]   (needs binutils for each arch)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from elftools.elf.elffile import ELFFile

HERE = Path(__file__).resolve().parent
M64 = (1 << 64) - 1

TOOLS = {
    "x86_64": ("as", "ld"),
    "riscv64": ("riscv64-linux-gnu-as", "riscv64-linux-gnu-ld"),
}

# --- the cases -----------------------------------------------------------------------------------
# (type, S, A, P, template, extra) ; template: list of (directive, value) words at P; the first
# word carries the relocation.  ``fold`` = number of offset bits the field keeps, for truncation.

X86_P = 0xFFFFFFFFC0001000


def x86_cases():
    P = X86_P
    c = []

    def add(t, S, A, width=4, fill=0, fold=None, p=P):
        c.append(dict(type=t, S=S & M64, A=A, P=p, words=[("quad" if width == 8 else "long", fill)], fold=fold))

    add("R_X86_64_NONE", 0xFFFFFFFF81000000, 0, fill=0x12345678)
    add("R_X86_64_64", 0xFFFFFFFFC0201000, 0x10, width=8)
    add("R_X86_64_64", 0xFFFFFFFF81000000, -8, width=8)
    add("R_X86_64_64", 0, 0, width=8)
    add("R_X86_64_32", 0x7FFFFFFF, 0)
    add("R_X86_64_32", 0xFFFFFFF0, 0xF)
    add("R_X86_64_32", 0xFFFFFFF0, 0x10)
    add("R_X86_64_32", 0xFFFFFFFF81000000, 0)
    add("R_X86_64_32S", 0xFFFFFFFF80000000, 0)
    add("R_X86_64_32S", 0xFFFFFFFF80000010, -0x10)
    add("R_X86_64_32S", 0xFFFFFFFF80000010, -0x11)
    add("R_X86_64_32S", 0x7FFFFFF0, 0xF)
    add("R_X86_64_32S", 0x7FFFFFF0, 0x10)
    for t in ("R_X86_64_PC32", "R_X86_64_PLT32"):
        add(t, 0xFFFFFFFF81234560, -4)
        add(t, P + 0x1000, -4)
        add(t, P + 4 + 0x7FFFFFFF, -4)  # farthest forward
        add(t, P - (1 << 31), 0)  # farthest back
        add(t, P + (1 << 31), 0, fold=32)  # one past: 6.1 truncates silently
        add(t, 0xFFFFFFFF00000000, -4, fold=32)
    add("R_X86_64_PC64", 0x1000, 0, width=8)
    add("R_X86_64_PC64", 0xFFFFFFFF81000000, -8, width=8)
    return c


RV_P = 0xFFFFFFFF01001000  # module area, within 2 GiB below a kernel at 0xffffffff80000000


def rv_cases():
    P = RV_P
    c = []

    def add(t, S, A, words, fold=None, p=P, pair=None):
        c.append(dict(type=t, S=S & M64, A=A, P=p, words=words, fold=fold, pair=pair))

    add("R_RISCV_32", 0xFFFFFFF0, 0xF, [("word", 0)])
    add("R_RISCV_32", 0xFFFFFFF0, 0x10, [("word", 0)])
    add("R_RISCV_64", 0xFFFFFFFF80123456, 8, [("quad", 0)])
    add("R_RISCV_64", 0, -1, [("quad", 0)])
    bne = [("word", 0x00B51063)]  # bne a0, a1, .
    for d in (0x800, -0x1000, 0xFFE, -2, 0x1000 + 0x10):
        add("R_RISCV_BRANCH", P + d, 0, bne, fold=13 if not -0x1000 <= d < 0x1000 else None)
    jal = [("word", 0x000000EF)]  # jal ra, .
    for d in (0x12344, -0x100000, 0xFFFFE, 0x100000 + 0x20):
        add("R_RISCV_JAL", P + d, 0, jal, fold=21 if not -0x100000 <= d < 0x100000 else None)
    cbeqz = [("half", 0xC101)]  # c.beqz a0, .
    for d in (0x7E, -0x100, 0xFE, 0x100 + 0x6):
        add("R_RISCV_RVC_BRANCH", P + d, 0, cbeqz, fold=9 if not -0x100 <= d < 0x100 else None)
    cj = [("half", 0xA001)]  # c.j .
    for d in (0x2AA, -0x800, 0x7FE, 0x800 + 0x54):
        add("R_RISCV_RVC_JUMP", P + d, 0, cj, fold=12 if not -0x800 <= d < 0x800 else None)
    auipc = ("word", 0x00000517)  # auipc a0, 0
    addi = ("word", 0x00050513)  # addi a0, a0, 0
    sd = ("word", 0x00B53023)  # sd a1, 0(a0)
    lui = ("word", 0x00000537)  # lui a0, 0
    lim = (1 << 31) - (1 << 11)
    for d in (0x1234, -0x5678, 0x7FF, 0x800, lim - 1, lim, -(1 << 31) - (1 << 11), -(1 << 31) - (1 << 11) - 1):
        add("R_RISCV_PCREL_HI20", P + d, 0, [auipc, addi], pair="R_RISCV_PCREL_LO12_I")
    for d in (0x12345, -0x800, -0x801):
        add("R_RISCV_PCREL_HI20", P + d - 0x10, 0x10, [auipc, sd], pair="R_RISCV_PCREL_LO12_S")
    for v in (0x12345FFF, 0x7FFFF7FF, 0x800, 0xFFFFFFFF80001800):
        add("R_RISCV_HI20", v, 0, [lui, addi], pair="R_RISCV_LO12_I")
        add("R_RISCV_HI20", v, 0, [lui, sd], pair="R_RISCV_LO12_S")
    add("R_RISCV_GOT_HI20", 0xFFFFFFFF80654320, 0, [("word", 0x00000517), ("word", 0x00053503)],
        pair="R_RISCV_PCREL_LO12_I")  # auipc a0; ld a0, 0(a0)
    call = [("word", 0x00000097), ("word", 0x000080E7)]  # auipc ra, 0; jalr ra, 0(ra)
    for t in ("R_RISCV_CALL", "R_RISCV_CALL_PLT"):
        for d in (0x1000, -0x7FFFF000, 0x7FF, 0x800, lim - 1, lim, -(1 << 31) - (1 << 11), -(1 << 31) - (1 << 11) - 1):
            add(t, P + d, 0, call)
    for t, w in (("R_RISCV_ADD32", "word"), ("R_RISCV_SUB32", "word"), ("R_RISCV_ADD64", "quad"), ("R_RISCV_SUB64", "quad")):
        # ld 2.40 adds the addend of a SUB instead of subtracting it (old - S + A); compilers emit
        # SUB with addend 0 (label differences), so only A = 0 makes ld a fair oracle there
        add(t, 0x1234, 0 if "SUB" in t else 0x10, [(w, 0x100)])
        add(t, 0xFFFFFFFF80000000, 0, [(w, 0x7FFFFFF0)])
    add("R_RISCV_RELAX", P, 0, [("word", 0x00000013)])
    # the types 6.7 added, and ADD/SUB on zeroed fields: 6.7+ accumulates them from 0, so a field
    # as compilers leave it (zero) is where ld's bytes are the kernel's
    for t, w in (("R_RISCV_ADD8", "byte"), ("R_RISCV_ADD16", "half"), ("R_RISCV_ADD32", "word"),
                 ("R_RISCV_ADD64", "quad"), ("R_RISCV_SUB8", "byte"), ("R_RISCV_SUB16", "half"),
                 ("R_RISCV_SUB32", "word"), ("R_RISCV_SUB64", "quad")):
        add(t, 0x1234, 0 if "SUB" in t else 0x10, [(w, 0)])
        add(t, 0xFFFFFFFF80000000 + 0x7F, 0, [(w, 0)])
    for t in ("R_RISCV_SET6", "R_RISCV_SUB6"):
        for fill in (0, 0xC0):  # the byte's top two bits stay
            add(t, 0x1234 + 0x25, 0, [("byte", fill)])
    for t, w in (("R_RISCV_SET8", "byte"), ("R_RISCV_SET16", "half"), ("R_RISCV_SET32", "word")):
        add(t, 0xFFFFFFFF81234567, 0x10, [(w, 0)])
        add(t, 0x12, 0, [(w, (1 << {"byte": 8, "half": 16, "word": 32}[w]) - 1)])  # SET overwrites
    for d in (0x1234, -0x5678, (1 << 31) - 1, -(1 << 31), 1 << 31):  # ld 2.40 reports no overflow here
        add("R_RISCV_32_PCREL", P + d, 0, [("word", 0)])
    return c


#: values whose ULEB128 encoding gas writes for ``.uleb128 N`` (binutils 2.40 has no ULEB128
#: relocations: the kernel's SET_ULEB128/SUB_ULEB128 sums are checked against these encodings)
ULEB128_VALUES = (1, 0x7F, 0x80, 1000, 0x3FFF, 0x4000, 0xFFFFFFFF, 1 << 32, (1 << 63) - 1)


def uleb128_cases() -> list[dict]:
    as_ = TOOLS["riscv64"][0]
    out = []
    with tempfile.TemporaryDirectory() as wd:
        src, obj = os.path.join(wd, "u.s"), os.path.join(wd, "u.o")
        for value in ULEB128_VALUES:
            Path(src).write_text(f".data\n.uleb128 {value:#x}\n")
            subprocess.run([as_, "-o", obj, src], check=True)
            with open(obj, "rb") as f:
                out.append(dict(value=value, bytes=ELFFile(f).get_section_by_name(".data").data().hex()))
    return out


def plt_cases():
    """The kernel's PLT entry (auipc t0; ld t1; jr t1) assembled as ordinary pc-relative code."""
    return [
        dict(plt=0xFFFFFFFF01002000, slot=0xFFFFFFFF01003040),
        dict(plt=0xFFFFFFFF01002000 + 12 * 3, slot=0xFFFFFFFF01003040 + 8 * 3),
        dict(plt=0xFFFFFFFF01005800, slot=0xFFFFFFFF01001000),
    ]


# --- running the tools ----------------------------------------------------------------------------


def _expr(A: int) -> str:
    return f"target+{A}" if A >= 0 else f"target-{-A}"


def _asm(arch: str, case: dict) -> str:
    lines = [".text", ".globl _start", "_start:", ".Lhi0:"]
    first, *rest = case["words"]
    lines.append(f".reloc ., {case['type']}, {_expr(case['A'])}")
    lines.append(f".{first[0]} {first[1]:#x}")
    for directive, value in rest:
        if case.get("pair"):
            partner = ".Lhi0" if "PCREL_LO12" in case["pair"] else _expr(case["A"])
            lines.append(f".reloc ., {case['pair']}, {partner}")
        lines.append(f".{directive} {value:#x}")
    return "\n".join(lines) + "\n"


_SIZES = {"byte": 1, "half": 2, "word": 4, "long": 4, "quad": 8}


def _width(words) -> int:
    return sum(_SIZES[d] for d, _ in words)


def link(arch: str, asm: str, P: int, S: int, workdir: str) -> tuple[str, bytes, dict]:
    as_, ld = TOOLS[arch]
    src, obj, out = (os.path.join(workdir, n) for n in ("t.s", "t.o", "t.elf"))
    Path(src).write_text(asm)
    flags = ["-mno-relax"] if arch == "riscv64" else []
    subprocess.run([as_, *flags, "-o", obj, src], check=True)
    r = subprocess.run(
        [ld, "--noinhibit-exec", f"-Ttext={P:#x}", f"--defsym=target={S:#x}", "-o", out, obj],
        capture_output=True,
        text=True,
    )
    status = "overflow" if ("truncated to fit" in r.stderr or "out of range" in r.stderr) else "ok"
    if r.returncode != 0 and status == "ok":
        raise RuntimeError(r.stderr)
    extra = {}
    with open(out, "rb") as f:
        elf = ELFFile(f)
        text = elf.get_section_by_name(".text").data()
        got = elf.get_section_by_name(".got")
        if got is not None:
            extra = dict(got_addr=got["sh_addr"], got=got.data().hex())
    return status, text, extra


_PC_UTYPE = ("R_RISCV_PCREL_HI20", "R_RISCV_CALL", "R_RISCV_CALL_PLT", "R_RISCV_GOT_HI20")


def fold(d: int, bits: int) -> int:
    d &= (1 << bits) - 1
    return d - (1 << bits) if d >> (bits - 1) else d


def generate(arch: str) -> dict:
    cases = x86_cases() if arch == "x86_64" else rv_cases()
    out = []
    with tempfile.TemporaryDirectory() as wd:
        for case in cases:
            asm = _asm(arch, case)
            width = _width(case["words"])
            status, text, extra = link(arch, asm, case["P"], case["S"], wd)
            rec = dict(
                type=case["type"],
                pair=case.get("pair"),
                S=case["S"],
                A=case["A"],
                P=case["P"],
                template=b"".join(v.to_bytes(_SIZES[d], "little") for d, v in case["words"]).hex(),
                ld=status,
                bytes=text[:width].hex(),
                **extra,
            )
            if case["type"] in _PC_UTYPE and status == "ok" and (text[0] ^ case["words"][0][1]) & 0x7F:
                # ld rewrote the opcode (auipc -> lui for an absolute target it could not reach
                # pc-relatively): the pc-relative form overflowed
                rec["ld"] = "overflow-rewritten"
            if case.get("fold"):
                d = (case["S"] + case["A"] - case["P"]) & M64
                folded_S = (case["P"] + fold(d, case["fold"]) - case["A"]) & M64
                st2, text2, _ = link(arch, asm, case["P"], folded_S, wd)
                assert st2 == "ok", (case, st2)
                rec["folded_bytes"] = text2[:width].hex()
            out.append(rec)
        plts = []
        if arch == "riscv64":
            for pc in plt_cases():
                asm = (".text\n.globl _start\n_start:\n1: auipc t0, %pcrel_hi(target)\n"
                       "ld t1, %pcrel_lo(1b)(t0)\njr t1\n")
                status, text, _ = link(arch, asm, pc["plt"], pc["slot"], wd)
                assert status == "ok"
                plts.append(dict(plt=pc["plt"], slot=pc["slot"], bytes=text[:12].hex()))
    version = subprocess.run([TOOLS[arch][1], "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    extra = dict(uleb128=uleb128_cases()) if arch == "riscv64" else {}
    return dict(arch=arch, tool=version, cases=out, plt_entries=plts, **extra)


def main(argv: list[str]) -> int:
    for arch in argv or list(TOOLS):
        data = generate(arch)
        path = HERE / f"reloc_cases_{arch}.json"
        path.write_text(json.dumps(data, indent=1) + "\n")
        print(f"{path}: {len(data['cases'])} cases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
