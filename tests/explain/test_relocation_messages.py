"""``pymodpost explain`` knows every message the relocation handlers and drivers of each modelled
kernel print: each produced here through the kit (or taken from the real kernels' captured logs)
and explained with the entry meant for it."""

from __future__ import annotations

import json

import pytest

from pymodpost import reloc
from pymodpost.explain.explain import explain_message
from pymodpost.explain.messages import RELOCATION_ENTRIES
from tests.conftest import TESTDATA
from tests.load.oracle_data import load_oracle

P = 0xFFFFFFFF01001000
ERR = 2**64 - 2


def _log(call) -> tuple[str, ...]:
    with pytest.raises(reloc.Refused) as e:
        call()
    return e.value.log


def _x86_messages(dialect):
    k = reloc.kernel("x86_64", dialect, module="hello")
    yield "unknown-rela-relocation", _log(lambda: k.apply(9, S=0, A=0, P=P))
    yield "reloc-target-nonzero", _log(lambda: k.apply("R_X86_64_64", S=1, A=0, P=P, data=b"\1" + bytes(7)))
    overflow = _log(lambda: k.apply("R_X86_64_32S", S=0xFF81076650, A=0, P=P))
    yield "reloc-overflow", overflow[:1]
    yield "reloc-not-mcmodel-kernel", overflow[1:]


def _riscv_messages(dialect):
    k = reloc.kernel("riscv64", dialect, module="hello")
    unknown = 57 if k.handler(57) is None else 62  # R_RISCV_32_PCREL has a handler from 6.7
    yield "unknown-relocation", _log(lambda: k.apply(unknown, S=0, A=0, P=P))
    if k.handler("R_RISCV_SET8") is not None:  # 6.7's table
        yield "reloc-dynamic-linking", _log(lambda: k.apply("R_RISCV_RELATIVE", S=0, A=0, P=P))
        yield "reloc-tls", _log(lambda: k.apply("R_RISCV_TPREL_HI20", S=0, A=0, P=P))
        # the last relocation at a place stores with its width: a 64-bit sum into 16 bits
        mixed = k.section(bytes(8), P, {"a": 0x12340000, "b": 5}).rela(0, "R_RISCV_ADD64", "a").rela(0, "R_RISCV_ADD16", "b")
        yield "reloc-accumulated-out-of-range", mixed.apply().log
    yield "reloc-32-out-of-range", _log(lambda: k.apply("R_RISCV_32", S=2**32, A=0, P=P))
    yield "reloc-out-of-reach", _log(lambda: k.apply("R_RISCV_CALL", S=0x1000, A=0, P=P))
    yield "reloc-out-of-reach", _log(lambda: reloc.kernel("riscv64", dialect, cmodel_medlow=True)
                                     .apply("R_RISCV_HI20", S=0x1000, A=0, P=P))
    yield "reloc-no-got", _log(lambda: reloc.kernel("riscv64", dialect, module_sections=False)
                               .apply("R_RISCV_GOT_HI20", S=0x1000, A=0, P=P))
    yield "reloc-align", _log(lambda: k.apply("R_RISCV_ALIGN", S=P, A=0, P=P))
    yield "reloc-no-hi20", _log(lambda: k.apply("R_RISCV_PCREL_LO12_I", S=P, A=0, P=P + 4))
    yield "reloc-unknown-symbol", _log(k.section(bytes(8), P, {"pm_missing": ERR}).rela(0, "R_RISCV_64", "pm_missing")
                                       .apply)
    yield "got-plt-overflow-bug", _log(k.section(bytes(4), P, {"x": 1}, executable=False)
                                       .rela(0, "R_RISCV_GOT_HI20", "x").apply)


@pytest.mark.parametrize("dialect", reloc.dialect_names())
def test_every_handler_message_is_explained(dialect):
    seen = set()
    for key, log in [*_x86_messages(dialect), *_riscv_messages(dialect)]:
        assert log
        for line in log:
            exp = explain_message(line)
            assert exp.known and exp.entry.key == key, (line, exp.entry)
            assert exp.meaning and exp.fix and "{" not in exp.meaning + exp.fix
        seen.add(key)
    # module-sections-missing comes from the section sizing, before any handler: see the capture test;
    # the riscv messages of 6.7's table only where the dialect carries it
    newer = {"reloc-dynamic-linking", "reloc-tls", "reloc-accumulated-out-of-range"}
    expected_unseen = {"module-sections-missing"} | (newer - seen)
    assert {e.key for e in RELOCATION_ENTRIES} - seen == expected_unseen
    assert newer <= seen or not newer & seen


@pytest.mark.parametrize("arch,path,key", [
    ("x86_64", "damaged:overflow_32s", "reloc-overflow"),
    ("riscv64", "damaged:missing_plt", "module-sections-missing"),
])
def test_real_kernel_lines_are_explained(arch, path, key):
    """The lines the real 6.1 kernels logged for the damaged modules of the qemu captures."""
    (entry,) = [e for e in load_oracle(arch)["modules"] if e["path"] == path]
    messages = [m for m in entry["messages"] if "taints kernel" not in m]
    keys = [explain_message(m).entry.key for m in messages]
    assert keys[0] == key
    if arch == "x86_64":
        assert keys == ["reloc-overflow", "reloc-not-mcmodel-kernel"]
        assert "R_X86_64_32S" in explain_message(messages[0]).meaning


def _real_relocation_lines():
    """Lines real 6.12/7.3 kernels printed for the relocation edge-case modules (testdata/arch)."""
    logs = json.loads((TESTDATA / "arch" / "x86_reloc_edges" / "kernel_logs.json").read_text())["runs"]
    for run in logs.values():
        for load in run["loads"]:
            yield from (line for line in load["messages"] if line.startswith("module: "))
    capture = json.loads((TESTDATA / "arch" / "oracle-riscv64-6.12" / "capture.json").read_text())
    for entry in capture["modules"]:
        if entry["module"] in ("pm_acc", "pm_tls", "pm_dyn"):
            yield from entry["messages"]


def test_real_6_12_and_7_3_relocation_lines_are_explained():
    keys = {explain_message(line).entry.key for line in _real_relocation_lines()}
    assert keys == {"reloc-target-nonzero", "reloc-overflow", "reloc-not-mcmodel-kernel", "reloc-tls",
                    "reloc-dynamic-linking", "reloc-accumulated-out-of-range"}
