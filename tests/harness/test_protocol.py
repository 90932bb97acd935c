"""The host side of the guest protocol, on real console transcripts.

testdata/harness/<arch>-params.console are what the serial port of a real boot carried
(testdata/harness/capture.sh): the kbuild-built params fixture loaded with ``count=abc``
(the kernel refuses: EINVAL), with valid parameters (loads), and once more (EEXIST).
"""

from __future__ import annotations

import pytest

from pymodpost.harness import HarnessError, LoadStep
from pymodpost.harness.boot import build_result
from pymodpost.harness.protocol import (
    command_file,
    parse_console,
    parse_kallsyms_line,
    parse_kmsg,
    unescape,
)
from pymodpost.harness.qemu import QemuRun
from tests.conftest import TESTDATA

ARCHES = ["x86_64", "riscv64"]
VALID = ["count=7", "greeting=hey", "verbose=1", "levels=4,5,6", "label=xyz", "bitmask=0x10"]


def capture(arch: str) -> bytes:
    return (TESTDATA / "harness" / f"{arch}-params.console").read_bytes()


def result_of(arch: str, console: bytes | None = None):
    ko = str(TESTDATA / arch / "params" / "params.ko")
    steps = [LoadStep(ko, ["count=abc"]), LoadStep(ko, VALID), LoadStep(ko)]
    run = QemuRun(console=capture(arch) if console is None else console, stderr=b"",
                  returncode=0, timed_out=False, duration=1.0)
    return build_result(arch, "vmlinuz", "console=ttyS0", steps, run, timeout=60, capture_kallsyms=False)


@pytest.mark.parametrize("arch", ARCHES)
def test_release_is_the_fixture_kernels(arch):
    # utsrelease.h was written by the kbuild of the kernel the fixtures were built against
    uts = (TESTDATA / "kernels" / arch / "utsrelease.h").read_text()
    assert f'"{result_of(arch).kernel_release}"' in uts


@pytest.mark.parametrize("arch", ARCHES)
def test_load_outcomes_and_their_kernel_messages(arch):
    bad, good, again = result_of(arch).steps
    assert (bad.load.ret, bad.load.errno_name, bad.load.strerror) == (-1, "EINVAL", "Invalid argument")
    assert "params: `abc' invalid for parameter `count'" in [m.text for m in bad.messages]
    assert bad.module is None and bad.sections == {} and bad.unload is None
    assert good.ok and good.module == "params"
    texts = [m.text for m in good.messages]
    assert "params: count=7 greeting=hey verbose=1 label=xyz bitmask=0x10 nr_levels=3" in texts
    assert texts[-3:] == ["params: levels[0]=4", "params: levels[1]=5", "params: levels[2]=6"]
    assert (again.load.ret, again.load.errno_name) == (-1, "EEXIST")
    assert again.messages == ()


@pytest.mark.parametrize("arch", ARCHES)
def test_sysfs_and_proc_views_of_the_loaded_module(arch):
    good = result_of(arch).steps[1]
    assert good.parameters == {"count": "7", "greeting": "hey", "verbose": "Y", "levels": "4,5,6",
                               "label": "xyz", "bitmask": "16"}
    assert good.attributes["initstate"] == "live" and good.attributes["refcnt"] == "0"
    assert good.unreadable == {"uevent": 13}  # write-only attribute: EACCES
    name, size, refs, deps, state, base = good.proc_modules.split()[:6]
    assert (name, refs, deps, state) == ("params", "0", "-", "Live")
    assert size == good.attributes["coresize"]
    core = [addr for sec, addr in good.sections.items() if not sec.startswith(".init")]
    assert int(base, 16) == min(core)
    symbols = {s.name: s for s in good.symbols}
    assert all(s.module == "params" for s in good.symbols)
    assert symbols["__this_module"].address == good.sections[".gnu.linkonce.this_module"]
    assert symbols["params_exit"].type == "t"
    assert symbols["params_exit"].address == good.sections[".exit.text"]


@pytest.mark.parametrize("arch", ARCHES)
def test_unload_and_whole_log(arch):
    result = result_of(arch)
    good = result.steps[1]
    assert good.unload is not None and good.unload.ok
    assert [m.text for m in good.unload_messages] == ["params: params unloaded count=7"]
    assert "Linux version " in result.log.splitlines()[0]
    # the per-step records are in the whole log too, in order
    log = result.log
    assert log.index("invalid for parameter") < log.index("nr_levels=3") < log.index("params unloaded")


@pytest.mark.parametrize("arch", ARCHES)
def test_console_lines_are_the_kernels_only(arch):
    report = parse_console(capture(arch))
    assert report.done and report.version == 1
    assert not any(line.startswith("@@") for line in report.console_lines)
    assert any("Run /init as init process" in line for line in report.console_lines)
    # during each load the console shows the kernel's messages live, between the records
    assert any(line.endswith("params: levels[2]=6") for line in report.console_lines)


def drop_first(data: bytes, marker: bytes) -> bytes:
    start = data.index(marker)
    end = data.index(b"\n", start) + 1
    return data[:start] + data[end:]


def test_a_lost_content_line_is_detected():
    garbled = drop_first(capture("x86_64"), b"@@| count\\x09=7")
    with pytest.raises(HarnessError, match="garbled: block parameters 1 has 5 lines, the guest wrote 6"):
        result_of("x86_64", garbled)


def test_a_run_without_done_is_an_error_naming_the_last_record():
    data = capture("riscv64")
    cut = data[: data.index(b"@@PYMODPOST UNLOADING 1@@")]
    with pytest.raises(HarnessError, match="riscv64 guest ended after 'END load-kmsg 2 0' without finishing") as e:
        result_of("riscv64", cut)
    assert e.value.tail.splitlines()[-1] == "@@PYMODPOST END load-kmsg 2 0@@"
    # what the guest had reported is still there for the caller
    assert [e.value.report.loads[i].errno for i in range(3)] == [22, 0, 17]


def test_a_guest_that_never_started_shows_the_kernels_last_words():
    data = capture("x86_64")
    cut = data[: data.index(b"@@PYMODPOST HELLO")] + b"Kernel panic - not syncing: no init\r\n"
    with pytest.raises(HarnessError, match="before the guest init started") as e:
        result_of("x86_64", cut)
    assert e.value.tail.splitlines()[-1] == "Kernel panic - not syncing: no init"


def test_escapes_round_trip_every_byte():
    raw = bytes(range(256)).decode("utf-8", "surrogateescape")
    escaped = "".join(f"\\x{b:02x}" if b < 0x20 or b >= 0x7F or b == 0x5C else chr(b) for b in range(256))
    assert unescape(escaped) == raw


def test_kmsg_and_kallsyms_records():
    (msg,) = parse_kmsg(["12,345,1234567,-;tab\\x09here"])
    assert (msg.level, msg.facility, msg.seq, msg.usec, msg.text) == (4, 1, 345, 1234567, "tab\there")
    assert str(msg) == "[    1.234567] tab\there"
    entry = parse_kallsyms_line("ffffffffc0002000 t hello_exit\t[hello]")
    assert (entry.address, entry.type, entry.name, entry.module) == (0xFFFFFFFFC0002000, "t", "hello_exit", "hello")
    assert parse_kallsyms_line("ffffffff81000000 T _text").module == ""


def test_command_file_and_its_refusals():
    steps = [LoadStep("a.ko", ["x=1", 'y="a b"']), LoadStep("b.ko", syscall="init", flags=2)]
    text = command_file(steps, ["/harness/0.ko", "/harness/1.ko"], unload=True, kallsyms=False).decode()
    assert text.splitlines() == ["option unload 1", "option kallsyms 0", "option symbols 1",
                                 "load finit 0 /harness/0.ko",
                                 'params x=1 y="a b"', "load init 2 /harness/1.ko", "params "]
    with pytest.raises(HarnessError, match="cannot contain newlines"):
        command_file([LoadStep("a.ko", ["x=1\ny=2"])], ["/harness/0.ko"], unload=True, kallsyms=False)
    with pytest.raises(HarnessError, match="unknown load system call 'insmod'"):
        command_file([LoadStep("a.ko", syscall="insmod")], ["/harness/0.ko"], unload=True, kallsyms=False)
