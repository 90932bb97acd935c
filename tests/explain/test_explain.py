"""pymodpost explain: one test per message kind, each fed a REAL message -- modpost's stderr from
the kbuild fixtures, kernel log lines from the qemu captures (testdata/load/<arch>/oracle.json.xz),
kmod's own wording read out of the kmod binary -- never hand-typed text."""

from __future__ import annotations

import lzma
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pymodpost.explain.explain import explain_lines, explain_message
from pymodpost.explain.module_facts import ModuleFacts
from tests.conftest import TESTDATA, require_programs
from tests.load.oracle_data import load_oracle, module_bytes

ROOT = Path(__file__).resolve().parents[2]


def modpost_message(arch: str, fixture: str, contains: str) -> str:
    lines = (TESTDATA / arch / fixture / "modpost.stderr").read_text().splitlines()
    found = [line for line in lines if contains in line]
    assert found, f"{arch}/{fixture}: no modpost message with {contains!r}"
    return found[0]


def kernel_message(arch: str, path: str, contains: str) -> tuple[str, dict]:
    for entry in load_oracle(arch)["modules"]:
        if entry["path"] == path:
            found = [m for m in entry["messages"] if contains in m]
            assert found, f"{path}: no kernel message with {contains!r}"
            return found[0], entry
    raise AssertionError(f"{path} not in the {arch} capture")


def captured_ko(tmp_path: Path, entry: dict) -> ModuleFacts:
    ko = tmp_path / f"{entry['name']}.ko"
    ko.write_bytes(module_bytes(entry))
    return ModuleFacts(str(ko))


def kernel_symvers_row(arch: str, symbol: str) -> list[str]:
    rows = lzma.decompress((TESTDATA / "kernels" / arch / "Module.symvers.xz").read_bytes())
    for line in rows.decode().splitlines():
        fields = line.split("\t")
        if fields[1] == symbol:
            return fields
    raise AssertionError(f"{symbol} not in the {arch} kernel's Module.symvers")


def kernel_crc(arch: str, symbol: str) -> int:
    return int(kernel_symvers_row(arch, symbol)[0], 16)


def explained(message: str, key: str, module: ModuleFacts | None = None, kernel: str | None = None):
    exp = explain_message(message, module, kernel)
    assert exp.known and exp.entry.key == key, (message, exp.entry)
    assert exp.meaning and exp.fix and "{" not in exp.meaning + exp.fix
    return exp


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_undefined_symbol_points_at_the_function_using_it(arch):
    msg = modpost_message(arch, "unresolved", "pm_nobody_defines_this")
    exp = explained(msg, "undefined-symbol", ModuleFacts(str(TESTDATA / arch / "unresolved" / "unresolved.o")))
    assert exp.groups["symbol"] == "pm_nobody_defines_this"
    source = (TESTDATA / "modules" / "unresolved" / "unresolved.c").read_text()
    used_in = [line for line in exp.here if "is referenced at" in line]
    assert used_in
    function = re.search(r"at (\w+)\+", used_in[0]).group(1)
    assert f"int __init {function}(" in source
    assert any("is exported by neither vmlinux nor its modules" in line for line in exp.here)


def test_gpl_only_symbol_names_licence_and_call_site():
    msg = modpost_message("x86_64", "gpl_only", "GPL-only")
    exp = explained(msg, "gpl-only-symbol", ModuleFacts(str(TESTDATA / "x86_64" / "gpl_only" / "gpl_only.o")))
    source = (TESTDATA / "modules" / "gpl_only" / "gpl_only.c").read_text()
    licence = re.search(r'MODULE_LICENSE\("([^"]+)"\)', source).group(1)
    assert exp.here[0] == f"MODULE_LICENSE is {licence!r}"
    assert any(line.startswith("ktime_get is used at") for line in exp.here)


def test_missing_licence():
    msg = modpost_message("riscv64", "no_license", "MODULE_LICENSE")
    exp = explained(msg, "missing-license", ModuleFacts(str(TESTDATA / "riscv64" / "no_license" / "no_license.o")))
    assert "MODULE_LICENSE(\"GPL\")" in exp.fix
    assert "none of them license=" in exp.here[0]


def test_namespace_not_imported_gives_the_import_line():
    msg = modpost_message("x86_64", "ns_missing", "namespace")
    exp = explained(msg, "namespace-not-imported",
                    ModuleFacts(str(TESTDATA / "x86_64" / "ns_missing" / "ns_missing.o")))
    assert "MODULE_IMPORT_NS(PYMODPOST_NS);" in exp.fix
    assert exp.here[0] == "the module imports: no namespace"
    assert any(line.startswith("pm_ns_square is used at") for line in exp.here)


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_section_mismatch_points_at_the_relocation(arch):
    msg = modpost_message(arch, "mismatch", "pm_late_user (section: .text.unlikely) -> pm_setup")
    exp = explained(msg, "section-mismatch", ModuleFacts(str(TESTDATA / arch / "mismatch" / "mismatch.o")))
    assert exp.groups["tosec"] == ".init.text"
    assert any(line.startswith("pm_setup (.init.text) is referenced at pm_late_user+") for line in exp.here)
    assert "__ref" in exp.fix


def test_section_mismatches_detected_and_exported_init_symbol():
    explained(modpost_message("riscv64", "mismatch", "Section mismatches detected"), "section-mismatches-detected")
    msg = modpost_message("riscv64", "mismatch", "EXPORT_SYMBOL used for init/exit")
    exp = explained(msg, "export-init-symbol", ModuleFacts(str(TESTDATA / "riscv64" / "mismatch" / "mismatch.o")))
    assert exp.here[0].startswith("pm_exported_init_fn is defined in .init.text")


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_disagrees_about_version_compares_both_crcs(arch, tmp_path):
    msg, entry = kernel_message(arch, "damaged:layout_crc", "disagrees about version")
    exp = explained(msg, "disagrees-about-version", captured_ko(tmp_path, entry))
    want = kernel_crc(arch, "module_layout")
    assert exp.here[-1] == f"kernel profile {arch}: module_layout has CRC {want:#010x}"
    recorded = int(re.search(r"CRC (0x[0-9a-f]+)", exp.here[0]).group(1), 16)
    assert recorded != want


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_no_symbol_version(arch):
    msg, _ = kernel_message(arch, f"testdata/{arch}/asm_export/asm_user.ko", "no symbol version")
    exp = explained(msg, "no-symbol-version", ModuleFacts(str(TESTDATA / arch / "asm_export" / "asm_user.ko")))
    assert re.fullmatch(r"__versions has \d+ entries, none for pm_asm_answer", exp.here[0])
    # the build said why: modpost's own warning about the same symbol
    explained(modpost_message(arch, "asm_export", "has no CRC"), "no-crc")
    explained(modpost_message(arch, "asm_export", "version generation failed"), "version-generation-failed")


@pytest.mark.parametrize("arch", ["x86_64", "riscv64"])
def test_vermagic_mismatch(arch, tmp_path):
    msg, entry = kernel_message(arch, "damaged:vermagic", "version magic")
    exp = explained(msg, "vermagic-mismatch", captured_ko(tmp_path, entry))
    assert exp.here[0] == f".modinfo vermagic={exp.groups['have']!r}"
    assert exp.here[1].endswith(repr(exp.groups["want"]))


def test_unknown_symbol_at_load():
    msg, _ = kernel_message("x86_64", "testdata/x86_64/kdepends/kdepends.ko", "Unknown symbol crc8 ")
    exp = explained(msg, "unknown-symbol", ModuleFacts(str(TESTDATA / "x86_64" / "kdepends" / "kdepends.ko")))
    assert exp.groups["err"] == "-2"
    assert any(line.startswith("crc8 is referenced at") for line in exp.here)
    owner = kernel_symvers_row("x86_64", "crc8")[2]  # an in-tree module, not vmlinux
    assert f"kernel profile x86_64: crc8 is exported by the module {owner} (Module.symvers), not by vmlinux" \
        in exp.here


def test_invalid_module_format(tmp_path):
    # the kernel's reason, and errno 8 as the capture's strerror
    msg, entry = kernel_message("x86_64", "damaged:bad_magic", "Invalid ELF header magic")
    exp = explained(msg, "invalid-module-format", captured_ko(tmp_path, entry))
    assert f"pymodpost load on x86_64: {msg}" in exp.here
    explained(entry["strerror"], "invalid-module-format")


def test_insmod_wording_from_kmod():
    require_programs("kmod")
    import shutil

    data = Path(shutil.which("kmod")).resolve().read_bytes()
    texts = [t.decode() for t in re.findall(rb"[ -~]{4,}", data)]
    assert "Invalid module format" in texts
    explained("Invalid module format", "invalid-module-format")


def test_riscv_unknown_relocation_57_suggests_no_unwind_tables():
    msg, _ = kernel_message("riscv64", "testdata/riscv64/eh_frame/eh_frame.ko", "Unknown relocation type")
    exp = explained(msg, "unknown-relocation", ModuleFacts(str(TESTDATA / "riscv64" / "eh_frame" / "eh_frame.ko")))
    assert "-fno-asynchronous-unwind-tables" in exp.fix
    assert "R_RISCV_32_PCREL" in exp.meaning
    counts = re.match(r"(\d+) relocation\(s\)", exp.here[0]).group(1)
    assert int(counts) > 0 and any(".eh_frame" in line for line in exp.here)
    # without the module the number alone still names the type
    assert "R_RISCV_32_PCREL" in explain_message(msg).meaning


def test_x86_unknown_rela_relocation():
    msg, _ = kernel_message("x86_64", "damaged:reloc_type_9", "Unknown rela relocation")
    exp = explained(msg, "unknown-rela-relocation")
    assert exp.groups["type"] == "9"


def test_build_log_every_diagnostic_explained():
    log = (TESTDATA / "x86_64" / "unresolved" / "build.log").read_text().splitlines()
    exps = explain_lines(log, from_log=True)
    assert [e.groups["symbol"] for e in exps] == ["pm_missing_variable", "pm_nobody_defines_this"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pymodpost", "explain", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_unknown_message_exits_1():
    msg, _ = kernel_message("x86_64", "testdata/x86_64/hello/hello.ko", "hello loaded")
    out = run_cli(msg)
    assert out.returncode == 1
    assert "not a message pymodpost explain knows" in out.stdout


def test_cli_log_and_module():
    out = run_cli("--log", str(TESTDATA / "riscv64" / "ns_missing" / "build.log"),
                  "--module", str(TESTDATA / "riscv64" / "ns_missing" / "ns_missing.o"))
    assert out.returncode == 0, out.stderr
    assert "[namespace-not-imported]" in out.stdout and "in this module:" in out.stdout


def test_cli_missing_log_is_one_error_line(tmp_path):
    out = run_cli("--log", str(tmp_path / "nope.log"))
    assert out.returncode != 0 and len(out.stderr.strip().splitlines()) == 1
