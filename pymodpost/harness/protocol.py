"""The two files exchanged with the guest init (testdata/harness/init.c).

Host to guest, ``/harness/commands`` (:func:`command_file`)::

    option unload 1
    option kallsyms 0
    option symbols 1
    load finit 0 /harness/0.ko        # how (finit|init), finit_module flags, path
    params x=1 who=me                 # the parameter string, verbatim to end of line

Guest to host, the serial console (:func:`parse_console`): records
``@@PYMODPOST <NAME> <fields>@@``, and blocks ``@@PYMODPOST BEGIN <kind> <n>@@``, content
lines ``@@| <escaped>``, ``@@PYMODPOST END <kind> <n> <count>@@``.  Content escapes bytes
below 0x20, from 0x7f, and the backslash as ``\\xNN``.  Any other line is console output
of the kernel and is kept as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pymodpost.harness.results import (
    HarnessError,
    KallsymsEntry,
    KernelMessage,
    LoadStep,
    SyscallOutcome,
)

COMMAND_PATH = "/harness/commands"
PROTOCOL_VERSION = 1

RECORD_PREFIX = "@@PYMODPOST "
RECORD_SUFFIX = "@@"
CONTENT_PREFIX = "@@| "

_ESCAPE = re.compile(rb"\\x([0-9a-fA-F]{2})")


def command_file(steps: list[LoadStep], guest_paths: list[str], *, unload: bool, kallsyms: bool,
                 symbols: bool = True) -> bytes:
    lines = [f"option unload {int(unload)}", f"option kallsyms {int(kallsyms)}",
             f"option symbols {int(symbols)}"]
    for step, guest_path in zip(steps, guest_paths, strict=True):
        if step.syscall not in ("finit", "init"):
            raise HarnessError(f"{step.path}: unknown load system call '{step.syscall}' (finit or init)")
        params = " ".join(step.params)
        if "\n" in params or "\0" in params:
            raise HarnessError(f"{step.path}: module parameters cannot contain newlines or NUL bytes")
        lines.append(f"load {step.syscall} {int(step.flags)} {guest_path}")
        lines.append(f"params {params}")
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")


def unescape(text: str) -> str:
    """Undo the ``\\xNN`` escaping (the guest's, and /dev/kmsg's own, which is the same)."""
    raw = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), text.encode("utf-8", "surrogateescape"))
    return raw.decode("utf-8", "surrogateescape")


@dataclass(slots=True)
class GuestReport:
    """Everything the guest said, still keyed by step index."""

    version: int | None = None
    release: str = ""
    loads: dict[int, SyscallOutcome] = field(default_factory=dict)
    unloads: dict[int, SyscallOutcome] = field(default_factory=dict)
    modules: dict[int, str] = field(default_factory=dict)
    #: (kind, index) -> content lines, unescaped
    blocks: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    #: non-protocol lines: the kernel's console output
    console_lines: list[str] = field(default_factory=list)
    #: the last record seen, which tells how far a run that died had got
    last_record: str = ""
    done: bool = False

    def block(self, kind: str, index: int = 0) -> list[str]:
        return self.blocks.get((kind, index), [])


def _outcome(fields: list[str], with_signal: bool) -> tuple[int, SyscallOutcome]:
    # LOAD <n> <ret> <errno> <signal>  /  UNLOAD <n> <ret> <errno>
    if len(fields) != (4 if with_signal else 3):
        raise ValueError("wrong field count")
    index, ret, err = int(fields[0]), int(fields[1]), int(fields[2])
    signal = int(fields[3]) if with_signal else 0
    return index, SyscallOutcome(ret=ret, errno=err, signal=signal)


def parse_console(data: bytes) -> GuestReport:
    """Split the serial output into the guest's report and the kernel's console lines."""
    report = GuestReport()
    text = data.decode("utf-8", "surrogateescape")
    open_block: tuple[str, int] | None = None
    content: list[str] = []
    for raw_line in text.split("\n"):
        line = raw_line.rstrip("\r")
        if open_block is not None and line.startswith(CONTENT_PREFIX):
            content.append(unescape(line[len(CONTENT_PREFIX):]))
            continue
        if not (line.startswith(RECORD_PREFIX) and line.endswith(RECORD_SUFFIX)):
            report.console_lines.append(line)
            continue
        body = line[len(RECORD_PREFIX): -len(RECORD_SUFFIX)]
        name, _, rest = body.partition(" ")
        fields = rest.split(" ")
        report.last_record = body
        try:
            if name == "BEGIN":
                open_block, content = (fields[0], int(fields[1])), []
            elif name == "END":
                key, count = (fields[0], int(fields[1])), int(fields[2])
                if key != open_block or count != len(content):
                    raise HarnessError(
                        f"guest output garbled: block {fields[0]} {fields[1]} has "
                        f"{len(content)} lines, the guest wrote {count}")
                report.blocks[key] = content
                open_block = None
            elif name == "HELLO":
                report.version = int(fields[0])
            elif name == "RELEASE":
                report.release = rest
            elif name == "LOAD":
                index, outcome = _outcome(fields, with_signal=True)
                report.loads[index] = outcome
            elif name == "UNLOAD":
                index, outcome = _outcome(fields, with_signal=False)
                report.unloads[index] = outcome
            elif name == "MODULE":
                report.modules[int(fields[0])] = fields[1]
            elif name == "ERROR":
                report.errors.append(rest)
            elif name == "DONE":
                report.done = True
        except (IndexError, ValueError):
            raise HarnessError(f"guest output garbled: {line!r}") from None
    if report.version is not None and report.version != PROTOCOL_VERSION:
        raise HarnessError(f"guest init speaks protocol {report.version}, expected {PROTOCOL_VERSION}")
    return report


def parse_kmsg(lines: list[str]) -> tuple[KernelMessage, ...]:
    """Records read from /dev/kmsg: ``<prefix>,<seq>,<usec>,<flags>[,...];<text>``."""
    messages = []
    for line in lines:
        header, sep, body = line.partition(";")
        parts = header.split(",")
        if not sep or len(parts) < 3:
            raise HarnessError(f"guest output garbled: kernel log record {line!r}")
        prefix = int(parts[0])
        messages.append(KernelMessage(level=prefix & 7, facility=prefix >> 3, seq=int(parts[1]),
                                      usec=int(parts[2]), text=unescape(body)))
    return tuple(messages)


def parse_sysfs_files(lines: list[str]) -> tuple[dict[str, str], dict[str, int]]:
    """``name\\t=value`` / ``name\\t!errno`` lines -> (readable values, unreadable errnos)."""
    values: dict[str, str] = {}
    failures: dict[str, int] = {}
    for line in lines:
        name, _, rest = line.partition("\t")
        if rest.startswith("="):
            values[name] = rest[1:]
        elif rest.startswith("!"):
            failures[name] = int(rest[1:])
        else:
            raise HarnessError(f"guest output garbled: sysfs line {line!r}")
    return values, failures


def parse_kallsyms_line(line: str) -> KallsymsEntry:
    """``ffffffffc0002000 t hello_exit\\t[hello]`` -> KallsymsEntry."""
    fields, _, module = line.partition("\t")
    address, symtype, name = fields.split(" ", 2)
    return KallsymsEntry(int(address, 16), symtype, name, module.strip("[]"))


def parse_dmesg(lines: list[str]) -> str:
    """The syslog buffer with each line's ``<level>`` prefix removed, as dmesg shows it."""
    return "".join(re.sub(r"^<\d+>", "", line) + "\n" for line in lines)
