"""A module's relocation sections applied by our driver of one kernel table generation, at the
section addresses and with the symbol values a real kernel had at ``module_finalize``.

The real kernel's memory at that breakpoint (pymodpost.harness.oracle) holds every allocated
section relocated and ``.symtab`` as simplify_symbols left it.  Taking the addresses and symbol
values from there and the unrelocated bytes from the .ko file, the relocation step is compared on
its own: whatever the simulated memory layout of that kernel does, the bytes each driver writes
must be the kernel's.
"""

from __future__ import annotations

import json
from pathlib import Path

from pymodpost.arch.target import by_name as target_by_name
from pymodpost.elf import constants as C
from pymodpost.elf.reader import ElfFile
from pymodpost.load.relocate import ModuleMemory

SYM_SIZE = 24  # Elf64_Sym


class DumpedSymbols:
    """The real .symtab at module_finalize: st_value as simplify_symbols wrote it."""

    def __init__(self, raw: bytes, names: list[str]):
        self.values, self.binds = [], []
        for i in range(len(raw) // SYM_SIZE):
            entry = raw[SYM_SIZE * i:SYM_SIZE * (i + 1)]
            self.binds.append(entry[4] >> 4)
            self.values.append(int.from_bytes(entry[8:16], "little"))
        self.names = names

    def is_weak(self, index: int) -> bool:
        return self.binds[index] == C.STB_WEAK

    def name(self, index: int) -> str:
        return self.names[index]


def relocate_at_kernel_addresses(ko: bytes, dump: dict, arch: str, generation: str):
    """Section name -> bytes after our ``apply_relocate_add`` of ``generation``, for every section
    the dump has; also the kernel log lines the driver printed."""
    elf = ElfFile(ko)
    real = dump["sections"]
    symbols = DumpedSymbols(bytes.fromhex(real[".symtab"]["hex"]), list(elf.symtab.names))
    memory = {}
    for name, sec in real.items():
        header = elf.section_by_name(name)
        memory[name] = bytearray(len(sec["hex"]) // 2 if header.type == C.SHT_NOBITS else elf.section_bytes(header))
    space = ModuleMemory([(real[name]["addr"], mem) for name, mem in memory.items() if name != ".symtab"])
    module = target_by_name(arch).relocations(generation)
    # the oracle kernels are configured without CONFIG_MODULE_SECTIONS (no RELOCATABLE): no GOT/PLT
    env = module.RiscvEnv(dump["module"], module_sections=False) if arch == "riscv64" else module.X86Env(dump["module"])
    for relsec in elf.relocation_sections():
        target = elf.section(relsec.info)
        if relsec.type != C.SHT_RELA or not target.flags & C.SHF_ALLOC or target.name not in real:
            continue
        relocs = elf.relocations(relsec).array
        relas = [(int(r["r_offset"]), int(r["r_info"]), int(r["r_addend"])) for r in relocs]
        module.apply_relocate_add(space, real[target.name]["addr"], relas, symbols, env, relsec=relsec.index)
    return {name: bytes(mem) for name, mem in memory.items()}, list(env.log)


def load_capture(path: Path) -> dict:
    return json.loads(path.read_text())
