"""The real kernel as oracle: dump every allocated section of a module at module_finalize.

The fixture kernel boots under qemu with its gdb stub (``-S -gdb``) and ``nokaslr``; gdb puts a
hardware breakpoint on ``module_finalize`` (address from the profile's kallsyms/System.map).  When
the guest init loads a module, the kernel stops there with every section relocated, ``__ex_table``
sorted, and nothing yet patched by alternatives or ftrace.  The gdb script reads the ELF header
and section headers the kernel passes (x86_64: rdi, rsi; riscv64: a0, a1) and dumps the memory
of every SHF_ALLOC section.  The guest side is the harness's initramfs, so the load outcome,
kernel log and /sys/module sections come back as well.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

from pymodpost.errors import PymodpostError
from pymodpost.fileio import write_atomic

GDB_SCRIPT = r'''
import gdb, json, struct
ARGS = json.loads(%(args)r)
# the ELF records as pymodpost.elf.layouts declares them (this script runs in gdb's Python)
EHDR, SHDR = struct.Struct(ARGS["ehdr_format"]), struct.Struct(ARGS["shdr_format"])
gdb.execute("set pagination off")
gdb.execute("set confirm off")
if ARGS["arch"] == "riscv64":
    gdb.execute("set architecture riscv:rv64")
gdb.execute("target remote 127.0.0.1:%%d" %% ARGS["port"])
# x86_64 takes a hardware breakpoint; qemu's riscv stub gets a (TCG-internal) software one
gdb.execute(("hbreak *%%#x" if ARGS["arch"] == "x86_64" else "break *%%#x") %% ARGS["addr"])
inf = gdb.selected_inferior()
regs = ("$rdi", "$rsi", "$rdx") if ARGS["arch"] == "x86_64" else ("$a0", "$a1", "$a2")
dumps = []
pc_reg = "$rip" if ARGS["arch"] == "x86_64" else "$pc"
stops = 0
while len(dumps) < ARGS["count"] and stops < 3 * ARGS["count"] + 10:
    stops += 1
    try:
        gdb.execute("continue")
        if int(gdb.parse_and_eval(pc_reg)) & 0xffffffffffffffff != ARGS["addr"]:
            continue  # stopped for another reason (a signal the stub reports): not a load
        hdr = int(gdb.parse_and_eval(regs[0])) & 0xffffffffffffffff
    except gdb.error:
        break  # the guest finished: fewer modules reached module_finalize than were loaded
    shdrs = int(gdb.parse_and_eval(regs[1])) & 0xffffffffffffffff
    me = int(gdb.parse_and_eval(regs[2])) & 0xffffffffffffffff
    modname = bytes(inf.read_memory(me + 24, 56)).split(b"\0")[0].decode("utf-8", "surrogateescape")
    ehdr = dict(zip(ARGS["ehdr_fields"], EHDR.unpack(bytes(inf.read_memory(hdr, EHDR.size)))))
    shnum = ehdr["e_shnum"]
    raw = bytes(inf.read_memory(shdrs, SHDR.size * shnum))
    heads = [dict(zip(ARGS["shdr_fields"], SHDR.unpack_from(raw, SHDR.size * i))) for i in range(shnum)]
    strsec = heads[ehdr["e_shstrndx"]]
    strs = bytes(inf.read_memory(strsec["sh_addr"], strsec["sh_size"]))
    sections = {}
    for i, h in enumerate(heads):
        name = strs[h["sh_name"]:strs.index(b"\0", h["sh_name"])].decode("utf-8", "surrogateescape")
        if not h["sh_flags"] & ARGS["SHF_ALLOC"]:
            continue
        addr, size = h["sh_addr"], h["sh_size"]
        data = bytes(inf.read_memory(addr, size)) if size else b""
        sections[name] = {"index": i, "addr": addr, "size": size, "flags": h["sh_flags"], "type": h["sh_type"], "hex": data.hex()}
    # the whole allocations, found in struct module by the page-aligned section addresses
    regions = []
    mod_size = max((v["size"] for k, v in sections.items() if k == ".gnu.linkonce.this_module"), default=0)
    if mod_size:
        raw_mod = bytes(inf.read_memory(me, mod_size))
        bases = sorted({v["addr"] & ~0xfff for v in sections.values()})
        for base in bases:
            for at in range(0, mod_size - 24, 8):
                if struct.unpack_from("<Q", raw_mod, at)[0] != base:
                    continue
                if ARGS["memory_layout"] == "core-init":
                    # 6.1: {void *base; unsigned int size, text_size, ro_size, ro_after_init_size; ...}
                    # for core_layout and init_layout; a layout, not some other pointer (mod->init
                    # can equal the init base): page-multiple size, nested sizes
                    size, text, ro, roai = struct.unpack_from("<IIII", raw_mod, at + 8)
                    found = 0 < size < (64 << 20) and text <= ro <= roai <= size and not size & 0xfff
                else:
                    # 6.4+: mem[type] = {void *base; unsigned int size; ...} (7.3: {void *base;
                    # bool is_rox; unsigned int size; ...}); module_memory_alloc stored the
                    # page-aligned size back
                    size = struct.unpack_from("<I", raw_mod, at + 8)[0]
                    found = 0 < size < (64 << 20) and not size & 0xfff
                    if not found and raw_mod[at + 8] in (0, 1) and not any(raw_mod[at + 9:at + 12]):
                        size = struct.unpack_from("<I", raw_mod, at + 12)[0]
                        found = 0 < size < (64 << 20) and not size & 0xfff
                if not found:
                    continue
                try:
                    data = bytes(inf.read_memory(base, size))
                except gdb.MemoryError:
                    continue  # some other pointer followed by a page-multiple number: keep looking
                regions.append({"addr": base, "size": size, "offset_in_module": at, "hex": data.hex()})
                break
    dumps.append({"module": modname, "hdr": hdr, "sections": sections, "regions": regions})
with open(ARGS["out"], "w") as f:
    json.dump(dumps, f)
try:
    gdb.execute("delete")
    gdb.execute("detach")
except gdb.error:
    pass
'''


class OracleError(PymodpostError):
    pass


@dataclass(slots=True)
class OracleRun:
    arch: str
    #: per module that reached module_finalize: {"module", "hdr", "sections": {name: dump}}
    dumps: list[dict] = field(default_factory=list)
    loads: list = field(default_factory=list)  #: the harness's SyscallOutcome per module
    messages: list[list[str]] = field(default_factory=list)  #: kernel log lines during each load
    sysfs_sections: list[dict[str, int]] = field(default_factory=list)
    kernel_log: str = ""
    console: str = ""


def _layout_args() -> dict:
    """What the gdb script needs to read the kernel's ELF64 little-endian header and section
    headers (both oracle targets are that)."""
    from pymodpost.elf.constants import SHF_ALLOC
    from pymodpost.elf.layouts import EHDR, SHDR

    return {"ehdr_format": EHDR.struct(64, True).format, "ehdr_fields": EHDR.names(64),
            "shdr_format": SHDR.struct(64, True).format, "shdr_fields": SHDR.names(64),
            "SHF_ALLOC": SHF_ALLOC}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dump_at_module_finalize(arch: str, modules: list, finalize_addr: int, *, timeout: float = 300,
                            kernel: str | None = None, memory_layout: str = "core-init") -> OracleRun:
    """Boot ``arch``'s fixture kernel (or ``kernel``), load ``modules`` (harness LoadStep list),
    dump at finalize.  ``memory_layout`` is the kernel's (its dialect's ``loader.memory_layout``):
    it says how struct module records the allocations whose whole bytes are dumped too."""
    from pymodpost.harness.boot import qemu_command
    from pymodpost.harness.guest import initramfs
    from pymodpost.harness.kernels import default_kernel, recipe
    from pymodpost.harness.protocol import parse_console, parse_dmesg, parse_kmsg, parse_sysfs_files

    r = recipe(arch)
    gdb = "gdb" if arch == "x86_64" else "gdb-multiarch"
    for prog in (r.qemu, gdb):
        if shutil.which(prog) is None:
            raise OracleError(f"{prog}: not installed")
    kernel = kernel or default_kernel(arch)
    archive = initramfs(arch, list(modules), unload=False, kallsyms=False)
    cmdline = " ".join(p for p in (r.base_cmdline, "nokaslr") if p)
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="pymodpost-oracle-") as tmp:
        initrd = os.path.join(tmp, "initramfs.cpio")
        write_atomic(initrd, archive)
        out = os.path.join(tmp, "dumps.json")
        script = os.path.join(tmp, "dump.py")
        args = json.dumps({"arch": arch, "port": port, "addr": finalize_addr, "count": len(modules), "out": out,
                           "memory_layout": memory_layout, **_layout_args()})
        write_atomic(script, GDB_SCRIPT % {"args": args})
        argv = qemu_command(arch, kernel, initrd, cmdline) + ["-S", "-gdb", f"tcp:127.0.0.1:{port}"]
        console_path = os.path.join(tmp, "console")
        with open(console_path, "wb") as console_file:
            qemu = subprocess.Popen(argv, stdout=console_file, stderr=subprocess.DEVNULL,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
            try:
                time.sleep(0.5)
                g = subprocess.run([gdb, "-nx", "-batch", "-x", script], capture_output=True, text=True,
                                   timeout=timeout)
                if not os.path.exists(out):
                    raise OracleError(f"gdb did not produce dumps: {g.stderr.strip()[-500:]}")
                qemu.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise OracleError(f"{arch} oracle run did not finish within {timeout:g} s") from None
            finally:
                if qemu.poll() is None:
                    os.killpg(qemu.pid, 9)
                    qemu.wait()
        with open(out) as f:
            dumps = json.load(f)
        with open(console_path, "rb") as f:
            console = f.read()
    report = parse_console(console)
    if not report.done:
        tail = "\n".join(report.console_lines[-15:])
        raise OracleError(f"{arch} guest did not finish under gdb; console tail:\n{tail}")
    run = OracleRun(arch, dumps=dumps, console=console.decode("utf-8", "surrogateescape"))
    run.loads = [report.loads.get(i) for i in range(len(modules))]
    run.messages = [[m.text for m in parse_kmsg(report.block("load-kmsg", i))] for i in range(len(modules))]
    run.sysfs_sections = [
        {k: int(v, 16) for k, v in parse_sysfs_files(report.block("sections", i))[0].items()}
        for i in range(len(modules))
    ]
    dmesg = report.block("dmesg")
    run.kernel_log = parse_dmesg(dmesg) if dmesg else "\n".join(report.console_lines)
    return run
