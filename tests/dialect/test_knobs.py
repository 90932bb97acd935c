"""Every knob of a Dialect changes the output it is documented to change (issue 11).

A knob is a field of :class:`ModpostRules`, :class:`LinkRules` or :class:`LoaderRules`.  Each has
a :class:`Probe` in :data:`PROBES`: ``run`` drives the real stage (modpost on a recorded real-tool
scenario, the loader on a committed module, ...) under a dialect and returns the output the knob
affects; ``shows`` asserts what that output must look like for a given value of the knob.

For every pair of neighbouring values the knob takes across the real dialects (in the order of
:data:`pymodpost.dialect.versions.ALL`), the dialect that really has the newer value is run as it
is and with only that knob set back to the older value: the outputs must differ, and each must be
what its value says.  A field without a probe, a knob every dialect sets alike (dead) and a knob
no stage reads (declared but changes nothing) all fail, naming the knob.

Inputs are what real tools made: the scenarios of tests/modpost/real_cases (objects compiled by
gcc, replayed through the real modposts when recorded) and the committed kbuild fixtures.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import pytest

from pymodpost.dialect import Dialect, LinkRules, LoaderRules, ModpostRules
from pymodpost.dialect.versions import ALL
from tests.conftest import TESTDATA
from tests.fixtures import facts_dir, fixture_dir
from tests.modpost.real_cases.record import recorded_path, scenarios_for

#: the parts of a Dialect that hold knobs, by attribute name
PARTS = {"modpost": ModpostRules, "link": LinkRules, "loader": LoaderRules}
#: every knob, "part.field"
KNOBS = tuple(f"{part}.{f.name}" for part, rules in PARTS.items() for f in fields(rules))


def value_of(dialect: Dialect, knob: str) -> Any:
    part, name = knob.split(".")
    return getattr(getattr(dialect, part), name)


def with_value(dialect: Dialect, knob: str, value: Any) -> Dialect:
    """``dialect`` with only ``knob`` changed."""
    part, name = knob.split(".")
    return replace(dialect, **{part: replace(getattr(dialect, part), **{name: value})})


def values_in_order(knob: str) -> list[Any]:
    """The knob's distinct values across the real dialects, in the order the dialects come."""
    found: list[Any] = []
    for dialect in ALL:
        if value_of(dialect, knob) not in found:
            found.append(value_of(dialect, knob))
    return found


# -- running modpost on a recorded real-tool scenario -------------------------------------------


@dataclass(frozen=True)
class ModpostOutcome:
    status: int
    stderr: str
    files: dict[str, str]  #: every file modpost wrote (or would write), as text


def modpost_on_recording(dialect: Dialect, group: str, kernel: str, scenario: str, *,
                         argv: list[str] | None = None, stdin: str | None = None,
                         edit: Callable[[Path], None] | None = None) -> ModpostOutcome:
    """modpost under ``dialect`` on the inputs recorded for ``scenario`` of ``group`` with the real
    modpost of ``kernel`` (its command line unless ``argv`` is given); ``edit`` changes the
    materialised inputs before the run."""
    recorded = json.loads(recorded_path(group, kernel).read_text())[scenario]
    real = scenarios_for(group, kernel)[scenario]
    from pymodpost.modpost import run

    with tempfile.TemporaryDirectory(prefix="pymodpost-knob-") as tmp:
        where = Path(tmp)
        for name, data in recorded["inputs"].items():
            path = where / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(data))
        if edit is not None:
            edit(where)
        result = run(real["argv"] if argv is None else argv, cwd=tmp, write=False, dialect=dialect,
                     stdin=real.get("stdin") if stdin is None else stdin)
    return ModpostOutcome(result.status, result.stderr,
                          {name: data.decode("utf-8", "surrogateescape") for name, data in result.outputs.items()})


def lines_with(text: str, words: str) -> list[str]:
    return [line for line in text.splitlines() if words in line]


# -- modpost knobs: probes and what each value shows ------------------------------------------

#: every option letter some dialect's getopt string has
OPTION_LETTERS = sorted(set("".join(d.modpost.optstring for d in ALL)) - {":"})


def getopt_outcomes(dialect: Dialect) -> dict[str, str]:
    """``-<letter>`` alone for each option letter: "accepted" or getopt's complaint."""
    from pymodpost.modpost import run
    from pymodpost.modpost.options import GetoptError

    outcomes = {}
    with tempfile.TemporaryDirectory(prefix="pymodpost-knob-") as tmp:
        for letter in OPTION_LETTERS:
            try:
                run([f"-{letter}"], cwd=tmp, write=False, dialect=dialect)
                outcomes[letter] = "accepted"
            except GetoptError as e:
                outcomes[letter] = e.message
    return outcomes


def shows_optstring(optstring: str, outcomes: dict[str, str]) -> None:
    for letter in OPTION_LETTERS:
        refused = f"invalid option -- '{letter}'" in outcomes[letter]
        assert refused == (letter not in optstring), (letter, outcomes[letter])


def list_on_stdin(dialect: Dialect) -> ModpostOutcome:
    """``-M -T - -o out`` with "a.o" on stdin and no file named "-"."""
    return modpost_on_recording(dialect, "export_symbol", "6.12", "T_dash_is_a_file")


def shows_list_from_stdin(from_stdin: bool, got: ModpostOutcome) -> None:
    if from_stdin:
        assert "Can't open filenames file" not in got.stderr
        assert "a.mod.c" in got.files, "a.o, named on stdin, was not read"
    else:
        # (the real modposts print this one without a newline)
        assert got.stderr == "ERROR: modpost: Can't open filenames file -: No such file or directory"
        assert got.files == {}


def missing_list_file(dialect: Dialect) -> ModpostOutcome:
    return modpost_on_recording(dialect, "objects", "6.12", "missing_T_file")


def shows_fatal_level(level: str, got: ModpostOutcome) -> None:
    assert got.stderr == f"{level}: modpost: Can't open filenames file nolist: No such file or directory"
    assert got.status == 1


#: two real objects exporting the same way the two discoveries look for: 6.12's ``.export_symbol``
#: records, 6.1's ``___ksymtab+*`` sections with ``__ksymtab_<sym>`` and ``__kstrtabns_<sym>``
EXPORTING_OBJECTS = {"export-symbol-section": ("export_symbol", "6.12", "exports_records"),
                     "ksymtab-symbols": ("objects", "6.1", "exports_and_namespaces")}


def exports_seen(dialect: Dialect) -> dict[str, list[str]]:
    """The Module.symvers names of ``-M a.o`` for each kind of exporting object."""
    seen = {}
    for kind, (group, kernel, scenario) in EXPORTING_OBJECTS.items():
        got = modpost_on_recording(dialect, group, kernel, scenario, argv=["-M", "a.o", "-o", "Module.symvers"])
        seen[kind] = [row.split("\t")[1] for row in got.files.get("Module.symvers", "").splitlines()]
    return seen


def shows_export_discovery(discovery: str, seen: dict[str, list[str]]) -> None:
    expected = {"export-symbol-section": ["a_unused", "a_unused_wl", "a_plain", "a_gpl", "a_ns", "a_data"],
                "ksymtab-symbols": ["a_plain", "a_gpl", "a_ns", "a_nsempty"]}
    assert seen == {kind: (expected[kind] if kind == discovery else []) for kind in EXPORTING_OBJECTS}


def exporting_mod_c(dialect: Dialect) -> str:
    """a.mod.c of ``-M -m -e`` over a module exporting a_gpl (GPL, CRC 0xdeadbeef in its .cmd)."""
    return modpost_on_recording(dialect, "export_symbol", "7.3", "exports_modversions").files["a.mod.c"]


def shows_export_lines(style: str, mod_c: str) -> None:
    present, absent = {
        "crc-only": (['SYMBOL_CRC(a_gpl, 0xdeadbeef, "_gpl");'], ["KSYMTAB_", "SYMBOL_FLAGS"]),
        "ksymtab-license": (['KSYMTAB_FUNC(a_gpl, "_gpl", "");', 'SYMBOL_CRC(a_gpl, 0xdeadbeef, "_gpl");'],
                            ["SYMBOL_FLAGS"]),
        "ksymtab-flags": (['KSYMTAB_FUNC(a_gpl, "");', "SYMBOL_FLAGS(a_gpl, 0x01);", "SYMBOL_CRC(a_gpl, 0xdeadbeef);"],
                          ['"_gpl"']),
    }[style]
    lines = mod_c.splitlines()
    for line in present:
        assert line in lines, line
    for words in absent:
        assert words not in mod_c, words


def plain_mod_c(dialect: Dialect) -> str:
    return modpost_on_recording(dialect, "export_symbol", "6.12", "exports_records").files["a.mod.c"]


def shows_vermagic_in_mod_c(in_mod_c: bool, mod_c: str) -> None:
    header = ["#define INCLUDE_VERMAGIC", "BUILD_SALT;", "MODULE_INFO(vermagic, VERMAGIC_STRING);",
              "#ifdef CONFIG_RETPOLINE"]
    assert [line in mod_c.splitlines() for line in header] == [in_mod_c] * len(header)


def trimmed_exporter(dialect: Dialect) -> list[str]:
    """``-M -t a.o b.o``: the exports a.mod.c keeps; b (read after a) uses four of them."""
    mod_c = modpost_on_recording(dialect, "export_symbol", "6.12", "trim_unused").files["a.mod.c"]
    return re.findall(r"^KSYMTAB_\w+\((\w+),", mod_c, re.M)


def shows_checks_before_writing(before: bool, kept: list[str]) -> None:
    # checked first, b's imports mark a's exports used before a.mod.c is written; checked per
    # module, a.mod.c is written (and trimmed) before b's imports are looked at
    assert kept == (["a_plain", "a_gpl", "a_ns", "a_data"] if before else [])


def versions_table(dialect: Dialect) -> list[str]:
    """The ``__versions`` entries of ``-M -m -b -x`` (kfree's CRC is 0x0badc0de, gpl_thing's 0x22)."""
    mod_c = modpost_on_recording(dialect, "v7_3", "7.3", "basic_and_extended").files["b.mod.c"]
    table = mod_c.split('__section("__versions") = {\n', 1)[1].split("};", 1)[0]
    return table.splitlines()


def shows_versions_crc_format(fmt: str, entries: list[str]) -> None:
    assert entries == {
        "%#8x": ['\t{     0x22, "gpl_thing" },', '\t{ 0xbadc0de, "kfree" },', '\t{        0, "nocrc" },',
                 '\t{ 0x11111111, "module_layout" },'],
        "0x%08x": ['\t{ 0x00000022, "gpl_thing" },', '\t{ 0x0badc0de, "kfree" },', '\t{ 0x00000000, "nocrc" },',
                   '\t{ 0x11111111, "module_layout" },'],
    }[fmt]


def description_warnings(dialect: Dialect) -> dict[str, list[str]]:
    """The MODULE_DESCRIPTION() warnings over a.o (none) and b.o (one), with and without -W."""
    runs = {"with -W": ["-M", "-W", "a.o", "b.o", "-o", "out"], "without -W": ["-M", "a.o", "b.o", "-o", "out"]}
    return {name: lines_with(modpost_on_recording(dialect, "export_symbol", "7.3", "description_W", argv=argv).stderr,
                             "missing MODULE_DESCRIPTION()")
            for name, argv in runs.items()}


def shows_description_warning(when: str, warnings: dict[str, list[str]]) -> None:
    warned = {"never": (), "with-W": ("with -W",), "always": ("with -W", "without -W")}[when]
    assert {name: len(found) for name, found in warnings.items()} == \
        {name: (1 if name in warned else 0) for name in warnings}


def section_mismatches(dialect: Dialect) -> str:
    """The first section-mismatch report of a.o (its .text refers to .exit.data at user+0x2)."""
    got = modpost_on_recording(dialect, "objects", "6.12", "section_mismatch_W")
    return lines_with(got.stderr, "section mismatch in reference")[0]


def shows_section_check(rules: str, report: str) -> None:
    assert report == {
        # find_elf_symbol(): the symbol alone, the object named by its file
        "6.1": "WARNING: modpost: a.o: section mismatch in reference: user (section: .text) "
               "-> exitval (section: .exit.data)",
        # symsearch: sym+0xoff, the module named without suffix
        "6.12": "WARNING: modpost: a: section mismatch in reference: user+0x2 (section: .text) "
                "-> exitval (section: .exit.data)",
        # mod_warn(): <mod>.ko: first
        "7.3": "WARNING: modpost: a.ko: section mismatch in reference: user+0x2 (section: .text) "
               "-> exitval (section: .exit.data)",
    }[rules]


def aliases_of_every_type(dialect: Dialect) -> list[str]:
    """The MODULE_ALIAS lines of 7.3's object with a table of every type, repeats included (none
    when modpost refused the tables and wrote no .mod.c)."""
    mod_c = modpost_on_recording(dialect, "devtables", "7.3", "every_type_7_3").files.get("a.mod.c", "")
    return lines_with(mod_c, "MODULE_ALIAS(")


def recorded_aliases(scenario: str) -> list[str]:
    """What the real 7.3 modpost wrote for the scenario: its MODULE_ALIAS lines."""
    written = json.loads(recorded_path("devtables", "7.3").read_text())[scenario]["written"]
    return lines_with(base64.b64decode(written["a.mod.c"]).decode("utf-8", "surrogateescape"), "MODULE_ALIAS(")


def shows_device_table_symbols(naming: str, aliases: list[str]) -> None:
    real = recorded_aliases("every_type_7_3")
    if naming == "kmod-type-name":
        assert aliases == real
    else:
        # 6.1-6.12 names (__mod_<type>__<name>_device_table): 7.3's kmod-named tables are unseen,
        # and the scenario's one old-style table (which 7.3 ignores) is read
        assert aliases and not set(aliases) & set(real)


def shows_device_aliases(where: str, aliases: list[str]) -> None:
    repeated = len(aliases) - len(set(aliases))
    if where == "deduplicated":
        assert repeated == 0 and aliases == recorded_aliases("every_type_7_3")
    else:
        assert repeated > 0  # the scenario's tables repeat ids: 6.1 prints each as made


def bad_tables(dialect: Dialect) -> ModpostOutcome:
    return modpost_on_recording(dialect, "devtables", "7.3", "bad_tables_7_3")


def shows_device_table_check(check: str, got: ModpostOutcome) -> None:
    if check == "error":
        # one ERROR per bad table, each naming the array; the run goes on to the end
        assert "b: usb_t[] is not terminated with a NULL entry" in got.stderr
        assert "b: type mismatch between of_t[] and MODULE_DEVICE_TABLE(of, ...)" in got.stderr
        assert "is not a modulo" not in got.stderr
    else:
        # 6.1's device_id_check(): fatal at the first table whose size is no multiple
        assert "is not a modulo of the size of section" in got.stderr
        assert "is not terminated with a NULL entry" not in got.stderr
        assert got.status == 1


def device_aliases(dialect: Dialect) -> tuple[list[str], list[str]]:
    """The MODULE_ALIAS lines of 6.12's object with slim, cdx, vchiq and coreboot tables, and of
    7.3's object with a table of every type."""
    mod_c = modpost_on_recording(dialect, "devtables", "6.12", "new_tables_6_12").files["a.mod.c"]
    return lines_with(mod_c, "MODULE_ALIAS("), aliases_of_every_type(dialect)


NEW_BUSES_6_12 = ('MODULE_ALIAS("slim:217:1a0:*");', 'MODULE_ALIAS("cdx:v10EEd8084sv*sd*c0000ABCD");',
                  'MODULE_ALIAS("vchiq:bcm2835-audio");', 'MODULE_ALIAS("coreboot:t00000034");')


def shows_devtables(generation: str, aliases: tuple[list[str], list[str]]) -> None:
    of_6_12, of_7_3 = aliases
    if generation == "7.3":
        # formatters and layouts of 7.3 (typec without mode, checked WMI GUIDs, 4-byte ap ids...)
        assert of_7_3 == recorded_aliases("every_type_7_3")
        return
    # an older generation makes other aliases of 7.3's tables (or reads none of them)
    assert of_7_3 != recorded_aliases("every_type_7_3")
    if generation == "6.12":
        # read where the dialect's symbol names let it see 6.12's tables
        assert not of_6_12 or all(alias in of_6_12 for alias in NEW_BUSES_6_12)
    else:
        assert not set(NEW_BUSES_6_12) & set(of_6_12)  # 6.1 has none of these buses


def unknown_endian_object(dialect: Dialect) -> ModpostOutcome:
    """An object whose EI_DATA is neither LSB nor MSB."""
    return modpost_on_recording(dialect, "export_symbol", "6.12", "unknown_endian")


def shows_rejects_unknown_endian(rejects: bool, got: ModpostOutcome) -> None:
    if rejects:
        assert got.stderr == "ERROR: modpost: target endian is unknown\n"
    else:
        # read on as little-endian: parse_elf() gets as far as the ELF type
        assert got.stderr == "ERROR: modpost: a.o: not relocatable object."


def license_messages(dialect: Dialect) -> list[str]:
    """The messages about a.o, which has neither MODULE_LICENSE() nor MODULE_DESCRIPTION()."""
    return modpost_on_recording(dialect, "objects", "7.3", "no_license").stderr.splitlines()


def shows_message_style(style: str, messages: list[str]) -> None:
    assert messages == {
        "classic": ["ERROR: modpost: missing MODULE_LICENSE() in a.o",
                    "WARNING: modpost: missing MODULE_DESCRIPTION() in a.o"],
        "mod-prefixed": ["ERROR: modpost: a.ko: missing MODULE_LICENSE()",
                         "WARNING: modpost: a.ko: missing MODULE_DESCRIPTION()"],
    }[style]


def extended_only_tables(dialect: Dialect) -> list[str]:
    """The version tables b.mod.c has with ``-m -x`` and no ``-b``."""
    mod_c = modpost_on_recording(dialect, "v7_3", "7.3", "extended_only").files["b.mod.c"]
    return re.findall(r'__section\("(__version\w*)"\)', mod_c)


def shows_versions_need_basic(need_basic: bool, tables: list[str]) -> None:
    assert tables == (["__version_ext_crcs", "__version_ext_names"] if need_basic
                      else ["__versions", "__version_ext_crcs", "__version_ext_names"])


def same_module_in_two_dumps(dialect: Dialect) -> ModpostOutcome:
    """``-e -i one.symvers -i two.symvers``: module "shared" exports sym_a in both files."""
    return modpost_on_recording(dialect, "v7_3", "7.3", "same_module_two_dumps_e")


def shows_dump_modules_per_file(per_file: bool, got: ModpostOutcome) -> None:
    if per_file:
        assert (got.status, got.stderr) == (0, "")
    else:
        assert got.stderr == ("ERROR: modpost: shared.ko: symbol 'sym_a' exported twice. "
                              "Previous export was in shared.ko\n")
        assert got.status == 1


def undefined_in_section_bounds_user(dialect: Dialect) -> list[str]:
    """The undefined symbols reported for b.o, which uses __start_mysec/__stop_mysec."""
    stderr = modpost_on_recording(dialect, "v7_3", "7.3", "section_bounds").stderr
    return sorted(re.findall(r"symbol '(\w+)' undefined!", stderr))


def shows_ignores_section_bounds(ignores: bool, undefined: list[str]) -> None:
    assert undefined == (["__start", "other_undef"] if ignores
                         else ["__start", "__start_mysec", "__stop_mysec", "other_undef"])


def kept_by_trim(dialect: Dialect) -> list[str]:
    """``-t`` over a.o, which nothing imports from and whose .no_trim_symbol names a_two."""
    mod_c = modpost_on_recording(dialect, "v7_3", "7.3", "no_trim_symbol").files["a.mod.c"]
    return re.findall(r"^KSYMTAB_\w+\((\w+),", mod_c, re.M)


def shows_no_trim_symbols(honoured: bool, kept: list[str]) -> None:
    assert kept == (["a_two"] if honoured else [])


def module_namespace_messages(dialect: Dialect) -> list[str]:
    """b imports "module:b"; b, c2 and d use symbols exported to "module:zz" and "module:b,c*"."""
    return modpost_on_recording(dialect, "v7_3", "7.3", "module_namespaces").stderr.splitlines()


def shows_module_namespaces(understood: bool, messages: list[str]) -> None:
    refused_import = "ERROR: modpost: b.ko: explicitly importing namespace 'module:b' is not allowed."
    granted_to_c2 = ("WARNING: modpost: c2.ko: module uses symbol 'mod_only' from namespace 'module:b,c*', "
                     "but does not import it.")
    assert (refused_import in messages, granted_to_c2 not in messages) == (understood, understood), messages


def vmlinux_export_c(dialect: Dialect) -> str:
    return modpost_on_recording(dialect, "export_symbol", "7.3", "vmlinux_export_c").files[".vmlinux.export.c"]


def shows_vmlinux_export_aliases(aliases: bool, text: str) -> None:
    tail = "#include <linux/module.h>\n#undef __MODULE_INFO_PREFIX\n#define __MODULE_INFO_PREFIX\n"
    assert text.endswith(tail) == aliases
    assert ("linux/module.h" in text) == aliases


def crcs_of_thinlto_object(dialect: Dialect) -> ModpostOutcome:
    """``-M -m`` where a.mod lists a Clang distributed-ThinLTO object, ``a.thinlto-native.o``,
    whose CRCs kbuild wrote to ``.a.o.cmd`` (the recorded a.o's)."""
    def thinlto(where: Path) -> None:
        (where / "a.mod").write_text("a.thinlto-native.o\n")

    return modpost_on_recording(dialect, "export_symbol", "7.3", "exports_modversions", edit=thinlto)


def shows_cmd_file_from_stem(from_stem: bool, got: ModpostOutcome) -> None:
    if from_stem:
        assert "0x00001234\ta_plain\ta\tEXPORT_SYMBOL\t" in got.files["Module.symvers"].splitlines()
    else:
        assert got.stderr.endswith(".a.thinlto-native.o.cmd: No such file or directory\n")
        assert "Module.symvers" not in got.files


# -- link knobs -------------------------------------------------------------------------------

def kbuild_modpost_command_of_hello(dialect: Dialect):
    """The modpost command line kbuild runs for ``make M=/m modules`` with hello.o, derived under
    ``dialect`` from 7.3 x86_64's config, the kernel tree in /k."""
    from pymodpost.kbuild.stages import kbuild_modpost_command
    from pymodpost.kernel.profile import load_profile

    config = load_profile(str(facts_dir("7.3", "x86_64"))).config.values
    return kbuild_modpost_command(dialect.modpost, config, "/m", "/k", ("hello.o",))


def shows_extmod_runs_in_module_dir(in_module_dir: bool, got) -> None:
    if in_module_dir:
        assert got.cwd == "/m"
        assert got.argv[-7:] == ["-o", "Module.symvers", "-T", "modules.order", "-i", "/k/Module.symvers", "-e"]
    else:
        assert got.cwd == "/k"
        assert "/m/Module.symvers" in got.argv and "/k/Module.symvers" not in got.argv
        assert got.argv[got.argv.index("-i") + 1] == "Module.symvers"


def linked_hello(dialect: Dialect) -> bytes:
    """6.12's hello.o + hello.mod.o linked into hello.ko by the module-link stage under ``dialect``,
    in the build directory as kbuild left it (with the ``.module-common.o`` it compiled there)."""
    from pymodpost.kbuild import stages

    fixture = fixture_dir("6.12", "x86_64") / "hello"
    with tempfile.TemporaryDirectory(prefix="pymodpost-knob-") as tmp:
        where = Path(tmp)
        for name in ("hello.o", "hello.mod.o", ".module-common.o"):
            (where / name).write_bytes((fixture / name).read_bytes())
        return stages.link_module("x86_64", facts_dir("6.12", "x86_64") / "module.lds",
                                  [where / "hello.o", where / "hello.mod.o"], dialect=dialect).data


def shows_extra_objects(extra: tuple[str, ...], ko: bytes) -> None:
    # 6.12's .mod.o has no vermagic: it comes from .module-common.o
    assert (b"vermagic=" in ko) == (".module-common.o" in extra)


#: two COMDAT groups of one signature each: the shape --force-group-allocation changes (kernel
#: modules carry none; C++ and some assembly do)
COMDAT_S = """
	.section .text.sigf,"axG",@progbits,sigf,comdat
	.globl sigf
sigf:	.word 1
	.text
	.globl user
user:	.word 2
"""


def linked_comdat_user(dialect: Dialect) -> list[str]:
    """An object with a COMDAT group, assembled by the real GNU as, linked by the module-link
    stage under ``dialect``: the output's section names."""
    import subprocess

    from pymodpost.elf import ElfFile
    from pymodpost.kbuild import stages
    from tests.conftest import require_programs

    require_programs("as")
    with tempfile.TemporaryDirectory(prefix="pymodpost-knob-") as tmp:
        where = Path(tmp)
        (where / "user.S").write_text(COMDAT_S)
        subprocess.run(["as", "-o", str(where / "user.o"), str(where / "user.S")], check=True)
        for name in dialect.link.extra_objects:  # the link takes them from beside user.o
            (where / name).write_bytes((fixture_dir("6.12", "x86_64") / "hello" / name).read_bytes())
        ko = stages.link_module("x86_64", facts_dir("7.3", "riscv64") / "module.lds",
                                [where / "user.o"], dialect=dialect).data
        return [s.name for s in ElfFile(ko, "user.ko").sections]


def shows_force_group_allocation(forced: bool, names: list[str]) -> None:
    # kept as a group, the member stays a section of its own; allocated like any input, 7.3's
    # module.lds pattern *(.text .text.[0-9a-zA-Z_]*) takes it into .text
    assert (".group" in names) == (not forced)
    assert (".text.sigf" in names) == (not forced)


# -- loader knobs -----------------------------------------------------------------------------

def _damage_recipes():
    spec = importlib.util.spec_from_file_location("damage", TESTDATA / "load" / "damage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.lru_cache(maxsize=None)
def kernel_profile(spec: str):
    """Read once (kallsyms is large); a load never changes its profile."""
    from pymodpost.kernel import load_profile

    return load_profile(spec)


def load_under(dialect: Dialect, profile: str, ko: bytes, path: str):
    from pymodpost.load import KernelState, load_module

    return load_module(ko, KernelState(replace(kernel_profile(profile), dialect=dialect)), path=path)


@dataclass(frozen=True)
class LoadOutcome:
    ok: bool
    log: tuple[str, ...]


def hello_without_printk_version(dialect: Dialect) -> LoadOutcome:
    """6.1's hello.ko with _printk's __versions entry renamed (testdata/load/damage.py)."""
    ko = bytearray((fixture_dir("6.1", "x86_64") / "hello" / "hello.ko").read_bytes())
    _damage_recipes().missing_version(ko)
    result = load_under(dialect, "x86_64", bytes(ko), "hello.ko")
    return LoadOutcome(result.ok, tuple(line.text for line in result.log))


def shows_missing_version_fatal(fatal: bool, got: LoadOutcome) -> None:
    if fatal:
        assert not got.ok
        assert got.log[-2:] == ("hello: no symbol version for _printk", "hello: Unknown symbol _printk (err -22)")
    else:
        assert got.ok
        assert got.log[-1] == "hello: no symbol version for _printk"


#: the data fields of testdata/6.12/riscv64/riscv_relocs (fields.S): label differences of 32 made by
#: ADD/SUB pairs of every width and SET6/SUB6, relocations 6.7 taught the riscv64 loader
RISCV_DIFFERENCES = {"pm_diff64": 8, "pm_diff32": 4, "pm_diff16": 2, "pm_diff8": 1, "pm_diff6": 1}
#: what testdata/load/damage.py's overflow_32s makes hello.ko's first .init.text relocation
#: (R_X86_64_32S) compute: past 32 bits
X86_OVERFLOWING_VALUE = 0xFF81076650


@dataclass(frozen=True)
class Relocated:
    x86_refusal: tuple[str, ...]  #: the log lines of the refused x86_64 load
    x86_init_text: bytes  #: .init.text as the refusal left it
    riscv_refusal: str | None  #: the riscv64 load's error, None when it loaded
    riscv_differences: dict[str, int]  #: RISCV_DIFFERENCES' fields as relocated


def relocated(dialect: Dialect) -> Relocated:
    """x86_64: 6.1's hello.ko with an overflowing R_X86_64_32S; riscv64: 6.12's riscv_relocs.ko."""
    ko = bytearray((fixture_dir("6.1", "x86_64") / "hello" / "hello.ko").read_bytes())
    _damage_recipes().recipes("x86_64")["overflow_32s"](ko)
    x86 = load_under(dialect, "x86_64", bytes(ko), "hello.ko")
    assert x86.error is not None, "the overflowing relocation was accepted"
    ko = (fixture_dir("6.12", "riscv64") / "riscv_relocs" / "riscv_relocs.ko").read_bytes()
    riscv = load_under(dialect, str(facts_dir("6.12", "riscv64")), ko, "riscv_relocs.ko")
    differences = {}
    if riscv.ok:
        placed = {s.index: s for s in riscv.sections}
        for sym in riscv.symbols:
            if sym.name in RISCV_DIFFERENCES:
                section = placed[sym.shndx]
                at = sym.value - section.addr
                field = riscv.section_bytes(section)[at:at + RISCV_DIFFERENCES[sym.name]]
                differences[sym.name] = int.from_bytes(field, "little")
    return Relocated(tuple(x86.error.log), x86.section_bytes(x86.section(".init.text")),
                     None if riscv.ok else riscv.error.message, differences)


def shows_reloc_tables(generation: str, got: Relocated) -> None:
    overflow = f"module: overflow in relocation type 11 val {X86_OVERFLOWING_VALUE:x}"
    low_32_bits = (X86_OVERFLOWING_VALUE & 0xFFFFFFFF).to_bytes(4, "little")
    if generation == "6.1":
        assert got.x86_refusal[0] == overflow
        # 6.1 writes the truncated value before it refuses
        assert low_32_bits in got.x86_init_text
        # 6.1's riscv64 handlers know only ADD/SUB 32 and 64: fields.S's first pair is ADD16/SUB16
        assert got.riscv_refusal == "riscv_relocs: Unknown relocation type 34"
        return
    # 6.12's __write_relocate_add checks the range before writing; 7.3 names the section and entry
    assert got.x86_refusal[0] == {"6.12": overflow, "7.3": f"{overflow} sec 5 idx 0"}[generation]
    assert low_32_bits not in got.x86_init_text
    # the 6.7 rework accumulates ADD/SUB/SET at one place and stores the sums
    assert (got.riscv_refusal, got.riscv_differences) == (None, {name: 32 for name in RISCV_DIFFERENCES})


@dataclass(frozen=True)
class Placement:
    #: for text, rodata and data: the lowest offset of a core (not init) section of that kind
    #: inside its allocation
    first_offset: dict[str, int]
    core_text_size: int


def _kind(sh_flags: int) -> str:
    return "text" if sh_flags & 0x4 else "data" if sh_flags & 0x1 else "rodata"


def hello_placement(dialect: Dialect) -> Placement:
    ko = (fixture_dir("6.1", "x86_64") / "hello" / "hello.ko").read_bytes()
    result = load_under(dialect, "x86_64", ko, "hello.ko")
    assert result.ok, result.error
    first: dict[str, int] = {}
    for s in result.sections:
        if not s.init and s.sh_flags & 0x2 and s.size:  # SHF_ALLOC
            first[_kind(s.sh_flags)] = min(first.get(_kind(s.sh_flags), s.offset), s.offset)
    return Placement(first, result.layout.core_text_size)


def shows_memory_layout(model: str, got: Placement) -> None:
    if model == "core-init":
        # one core allocation: text, then (page-aligned) rodata, then data
        assert got.first_offset["text"] == 0
        assert got.first_offset["rodata"] >= got.core_text_size > 0
        assert got.first_offset["data"] > got.first_offset["rodata"]
    else:
        # one allocation per mem type: each kind starts its own
        assert got.first_offset == {"text": 0, "rodata": 0, "data": 0}


#: the 6.12 x86_64 kernel the loader was checked against, for modules built for it
KERNEL_6_12 = str(facts_dir("6.12", "x86_64"))


def fixture_module(kernel: str, name: str) -> bytes:
    return (fixture_dir(kernel, "x86_64") / name / f"{name}.ko").read_bytes()


@dataclass(frozen=True)
class Refusal:
    errno: str | None  #: None: loaded
    log: tuple[str, ...]


def load_6_12_module(dialect: Dialect, name: str, edit: Callable[[bytes], bytes] | None = None) -> Refusal:
    """6.12's ``name``.ko (changed by ``edit``) loaded into a fresh 6.12 x86_64 kernel under ``dialect``."""
    ko = fixture_module("6.12", name)
    result = load_under(dialect, KERNEL_6_12, ko if edit is None else edit(ko), name)
    return Refusal(None if result.ok else result.error.errno, tuple(line.text for line in result.log))


def damaged(recipe: Callable[[bytearray], None]) -> Callable[[bytes], bytes]:
    def edit(ko: bytes) -> bytes:
        copy = bytearray(ko)
        recipe(copy)
        return bytes(copy)

    return edit


HELLO_TAINTS = ("hello: loading out-of-tree module taints kernel.",
                "hello: module verification failed: signature and/or required key missing - tainting kernel")


def hello_with_two_modinfo(dialect: Dialect) -> Refusal:
    """.note.Linux named .modinfo too (testdata/load/damage.py's two_modinfo)."""
    return load_6_12_module(dialect, "hello", damaged(_damage_recipes().recipes_split_checks()["two_modinfo"]))


def shows_elf_validity(checks: str, got: Refusal) -> None:
    # 6.1's setup_load_info() takes the first .modinfo; 6.12's elf_validity_cache_index_info() counts
    assert got == {"6.1": Refusal(None, HELLO_TAINTS),
                   "split": Refusal("ENOEXEC", ("Only one .modinfo section must exist.",))}[checks]


def hello_without_leading_nul(dialect: Dialect) -> Refusal:
    """The symbol string table's first byte made non-NUL."""
    from pymodpost.elf.reader import ElfFile

    def edit(ko: bytes) -> bytes:
        at = ElfFile(ko).section_by_name(".strtab").offset
        return ko[:at] + b"x" + ko[at + 1:]

    return load_6_12_module(dialect, "hello", edit)


def shows_checks_symbol_strtab(checks: bool, got: Refusal) -> None:
    assert got == (Refusal("ENOEXEC", ("symbol string table missing leading NUL",)) if checks
                   else Refusal(None, HELLO_TAINTS))


def hello_with_extended_crcs_only(dialect: Dialect) -> Refusal:
    """A ``__version_ext_crcs`` section without its ``__version_ext_names``."""
    from pymodpost.elf import constants as C
    from pymodpost.elf.writer import OutSection
    from tests.load.test_dialect_rules import _with_sections

    return load_6_12_module(dialect, "hello", lambda ko: _with_sections(
        ko, [OutSection("__version_ext_crcs", C.SHT_PROGBITS, C.SHF_ALLOC, data=bytes(8))]))


def shows_extended_modversions(parsed: bool, got: Refusal) -> None:
    assert got == (Refusal("ENOEXEC", ("extended version crc+name presence does not match",)) if parsed
                   else Refusal(None, HELLO_TAINTS))


def hello_write_exec(dialect: Dialect) -> Refusal:
    """.data made executable: refused by module_enforce_rwx_sections(), after check_modinfo()."""
    return load_6_12_module(dialect, "hello", damaged(_damage_recipes().write_exec))


def shows_early_mod_check(early: bool, got: Refusal) -> None:
    refusal = "hello: section .data (index 24) has invalid WRITE|EXEC flags"
    # 6.1's check_modinfo() taints first; from 6.4 the taints wait for module_augment_kernel_taints()
    assert got == Refusal("ENOEXEC", (refusal,) if early else (HELLO_TAINTS[0], refusal))


def regions_of_jump_tables(dialect: Dialect) -> list[str]:
    """static_keys.ko with its .data also named __jump_table: the region of each __jump_table."""
    recipes = _damage_recipes()
    result = load_under(dialect, KERNEL_6_12, damaged(lambda ko: recipes._rename(ko, ".data", "__jump_table"))(
        fixture_module("6.12", "static_keys")), "static_keys")
    assert result.ok, result.error
    return [s.region for s in result.sections if s.name == "__jump_table"]


def shows_ro_after_init_marking(marking: str, regions: list[str]) -> None:
    # find_sec() marks the first __jump_table only; 7.3 marks every section of the name
    assert regions == {"find-sec": ["ro_after_init", "data"],
                       "all-by-name": ["ro_after_init", "ro_after_init"]}[marking]


def region_of_static_call_sites(dialect: Dialect) -> str:
    result = load_under(dialect, KERNEL_6_12, fixture_module("6.12", "extables"), "extables")
    assert result.ok, result.error
    return next(s.region for s in result.sections if s.name == ".static_call_sites")


def shows_ro_after_init_static_calls(sealed: bool, region: str) -> None:
    assert region == ("ro_after_init" if sealed else "data")


def hello_importing_a_module_namespace(dialect: Dialect) -> Refusal:
    """hello.ko whose MODULE_DESCRIPTION() became ``import_ns=module:pm_other``."""
    from tests.load.test_dialect_rules import _replace_modinfo

    return load_6_12_module(dialect, "hello",
                            lambda ko: _replace_modinfo(ko, b"description=", b"import_ns=module:pm_other"))


def shows_refuses_module_namespace_import(refuses: bool, got: Refusal) -> None:
    assert got == (Refusal("EPERM", (*HELLO_TAINTS, "hello: module tries to import module namespace: module:pm_other"))
                   if refuses else Refusal(None, HELLO_TAINTS))


def text_regions_of_hello_7_3(dialect: Dialect) -> dict[str, int]:
    """7.3's hello.ko loaded into the 7.3 x86_64 kernel: where each mem[] region landed."""
    ko = (fixture_dir("7.3", "x86_64") / "hello" / "hello.ko").read_bytes()
    result = load_under(dialect, str(facts_dir("7.3", "x86_64")), ko, "hello.ko")
    assert result.ok, result.error
    return {region.name: region.base for region in result.regions}


def shows_module_text_from_rox_cache(rox: bool, bases: dict[str, int]) -> None:
    if rox:
        # text and init text carved from the ROX cache at the start of the module area, page
        # after page; the other types from +0x201000 (observed on the 7.3.4 x86_64 build)
        assert bases["init_text"] - bases["text"] == 0x1000
        assert bases["data"] - bases["text"] == 0x201000
    else:
        # every type from execmem_alloc() one after another, a guard page between: text first
        assert bases["data"] - bases["text"] == 0x2000
        assert bases["init_text"] > bases["rodata"]


def exports_without_flags(dialect: Dialect) -> Refusal:
    """6.12's exports.ko: __ksymtab, __ksymtab_gpl and their CRC tables, no __kflagstab."""
    return load_6_12_module(dialect, "exports")


def shows_export_flags_table(flags: bool, got: Refusal) -> None:
    if flags:
        assert got.errno == "ENOEXEC"
        assert got.log[-3:] == ("exports: ignoring obsolete section __ksymtab_gpl",
                                "exports: ignoring obsolete section __kcrctab_gpl",
                                "exports: no flags for exported symbols")
    else:
        assert got.errno is None and not any("obsolete section" in line for line in got.log)


# -- the registry and the test ----------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    run: Callable[[Dialect], Any]  #: the output the knob affects, under a dialect
    shows: Callable[[Any, Any], None]  #: asserts that output is what a value of the knob says


PROBES: dict[str, Probe] = {
    "modpost.optstring": Probe(getopt_outcomes, shows_optstring),
    "modpost.list_from_stdin": Probe(list_on_stdin, shows_list_from_stdin),
    "modpost.fatal_level": Probe(missing_list_file, shows_fatal_level),
    "modpost.export_discovery": Probe(exports_seen, shows_export_discovery),
    "modpost.export_lines": Probe(exporting_mod_c, shows_export_lines),
    "modpost.vermagic_in_mod_c": Probe(plain_mod_c, shows_vermagic_in_mod_c),
    "modpost.checks_before_writing": Probe(trimmed_exporter, shows_checks_before_writing),
    "modpost.versions_crc_format": Probe(versions_table, shows_versions_crc_format),
    "modpost.description_warning": Probe(description_warnings, shows_description_warning),
    "modpost.section_check": Probe(section_mismatches, shows_section_check),
    "modpost.devtables": Probe(device_aliases, shows_devtables),
    "modpost.device_table_symbols": Probe(aliases_of_every_type, shows_device_table_symbols),
    "modpost.device_table_check": Probe(bad_tables, shows_device_table_check),
    "modpost.device_aliases": Probe(aliases_of_every_type, shows_device_aliases),
    "modpost.rejects_unknown_endian": Probe(unknown_endian_object, shows_rejects_unknown_endian),
    "modpost.message_style": Probe(license_messages, shows_message_style),
    "modpost.versions_need_basic": Probe(extended_only_tables, shows_versions_need_basic),
    "modpost.dump_modules_per_file": Probe(same_module_in_two_dumps, shows_dump_modules_per_file),
    "modpost.ignores_section_bounds": Probe(undefined_in_section_bounds_user, shows_ignores_section_bounds),
    "modpost.no_trim_symbols": Probe(kept_by_trim, shows_no_trim_symbols),
    "modpost.module_namespaces": Probe(module_namespace_messages, shows_module_namespaces),
    "modpost.vmlinux_export_aliases": Probe(vmlinux_export_c, shows_vmlinux_export_aliases),
    "modpost.cmd_file_from_stem": Probe(crcs_of_thinlto_object, shows_cmd_file_from_stem),
    "modpost.extmod_runs_in_module_dir": Probe(kbuild_modpost_command_of_hello, shows_extmod_runs_in_module_dir),
    "link.extra_objects": Probe(linked_hello, shows_extra_objects),
    "link.force_group_allocation": Probe(linked_comdat_user, shows_force_group_allocation),
    "loader.missing_version_fatal": Probe(hello_without_printk_version, shows_missing_version_fatal),
    "loader.reloc_tables": Probe(relocated, shows_reloc_tables),
    "loader.memory_layout": Probe(hello_placement, shows_memory_layout),
    "loader.elf_validity": Probe(hello_with_two_modinfo, shows_elf_validity),
    "loader.checks_symbol_strtab": Probe(hello_without_leading_nul, shows_checks_symbol_strtab),
    "loader.extended_modversions": Probe(hello_with_extended_crcs_only, shows_extended_modversions),
    "loader.early_mod_check": Probe(hello_write_exec, shows_early_mod_check),
    "loader.ro_after_init_marking": Probe(regions_of_jump_tables, shows_ro_after_init_marking),
    "loader.ro_after_init_static_calls": Probe(region_of_static_call_sites, shows_ro_after_init_static_calls),
    "loader.module_namespaces": Probe(hello_importing_a_module_namespace,
                                                    shows_refuses_module_namespace_import),
    "loader.export_flags_table": Probe(exports_without_flags, shows_export_flags_table),
    "loader.module_text_from_rox_cache": Probe(text_regions_of_hello_7_3, shows_module_text_from_rox_cache),
}

#: (knob, (older value, newer value)) for each neighbouring pair; (knob, None) for a dead knob
CASES = [(knob, pair) for knob in KNOBS
         for pair in (list(zip(values_in_order(knob), values_in_order(knob)[1:])) or [None])]


def _case_id(case: tuple[str, tuple[Any, Any] | None]) -> str:
    knob, pair = case
    return knob if pair is None else f"{knob}:{pair[0]}->{pair[1]}"


def test_every_knob_has_a_probe():
    missing = [knob for knob in KNOBS if knob not in PROBES]
    assert not missing, f"knobs without a probe in PROBES: {', '.join(missing)}"
    stale = sorted(set(PROBES) - set(KNOBS))
    assert not stale, f"probes for knobs no Dialect has: {', '.join(stale)}"


@pytest.mark.parametrize("knob,pair", CASES, ids=[_case_id(c) for c in CASES])
def test_knob_changes_what_it_should(knob, pair):
    assert knob in PROBES, f"knob {knob} has no probe in PROBES"
    assert pair is not None, f"knob {knob} is dead: every dialect has {value_of(ALL[0], knob)!r}"
    older, newer = pair
    real = next(d for d in ALL if value_of(d, knob) == newer)
    probe = PROBES[knob]
    as_real = probe.run(real)
    with_older = probe.run(with_value(real, knob, older))
    assert as_real != with_older, (f"knob {knob} is declared but changes nothing: dialect {real.name} gives "
                                   f"the same output with {older!r} as with its own {newer!r}")
    probe.shows(newer, as_real)
    probe.shows(older, with_older)
