"""Objects compiled here, linked by GNU ld and by pymodpost-ld: the outputs must match byte
for byte.

These reach corners the kernel fixtures do not: weak and common symbols, undefined weak
references, ``-ffunction-sections`` orphans, sorted ``___ksymtab+*`` clauses over several inputs,
``/DISCARD/`` sections that other sections refer to, KEEP'd ALIGN(8) tables, ``.init_array``,
thread-local data, and riscv's local labels (``-X``).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pymodpost.link import LinkError, link, load_script
from tests.conftest import TESTDATA, require

A_C = r"""
int common_x;
int __attribute__((weak)) weak_fn(void) { return 1; }
extern int __attribute__((weak)) maybe(void);
static int helper(int v) { return v * 3; }
__attribute__((section(".data.custom"))) int custom = 5;
__thread int tls_var;
const char *msg = "hello world";
int call_a(int v) { return helper(v) + (maybe ? maybe() : 0) + weak_fn() + tls_var; }
__attribute__((section("___ksymtab+zeta"), used)) static const void *ks_z = &call_a;
__attribute__((section("___ksymtab+alpha"), used)) static const void *ks_a = &custom;
__attribute__((section(".discard.addressable"), used)) static void *keep_me = &helper;
__attribute__((section("__bug_table"), used)) static const int bug[2] = {1, 2};
"""

B_C = r"""
int common_x;
long common_y[4];
int weak_fn(void) { return 2; }
static const int table[] = {1, 2, 3, 4};
__attribute__((section(".rodata.custom"))) const int ro_custom = 9;
int call_b(int i) { return table[i & 3] + common_x + (int)common_y[1]; }
void __attribute__((used)) ctor(void) {}
__attribute__((section(".init_array"))) void (*ctor_ptr)(void) = ctor;
__attribute__((section("___ksymtab+mid"), used)) static const void *ks_m = &call_b;
__attribute__((section("__jump_table"), used)) static const long jt[3] = {1, 2, 3};
"""

TOOLS = {"x86_64": ("gcc", "ld", "elf_x86_64"),
         "riscv64": ("riscv64-linux-gnu-gcc", "riscv64-linux-gnu-ld", "elf64lriscv")}
FLAGS = ["-O2", "-fcommon", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables"]


def _cc(tmp_path, arch, *args: str) -> None:
    """Run the arch's compiler in tmp_path; riscv without attribute sections, as the kernel
    builds (merging them is not re-created)."""
    extra = ["-mno-riscv-attribute", "-Wa,-mno-arch-attr"] if arch == "riscv64" else []
    subprocess.run([TOOLS[arch][0], *extra, *args], cwd=tmp_path, check=True)


def _compile(tmp_path, arch):
    cc, ld, emulation = TOOLS[arch]
    require(shutil.which(cc) is not None and shutil.which(ld) is not None,
            f"not installed: {cc}, {ld}")
    (tmp_path / "a.c").write_text(A_C)
    (tmp_path / "b.c").write_text(B_C)
    _cc(tmp_path, arch, *FLAGS, "-g", "-c", "a.c", "-o", "a.o")
    _cc(tmp_path, arch, *FLAGS, "-ffunction-sections", "-fdata-sections", "-c", "b.c", "-o", "b.o")
    return ld, emulation


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
@pytest.mark.parametrize("with_script", [False, True], ids=["builtin-script", "module.lds"])
def test_compiled_objects_link_like_gnu_ld(tmp_path, arch, with_script):
    ld, emulation = _compile(tmp_path, arch)
    lds = TESTDATA / "kernels" / arch / "module.lds"
    extra = ["-T", str(lds), "--build-id=sha1"] if with_script else []
    subprocess.run([ld, "-r", "-m", emulation, *extra, "-o", "real.o", "a.o", "b.o"],
                   cwd=tmp_path, check=True)
    ours = link([tmp_path / "a.o", tmp_path / "b.o"],
                load_script(str(lds)) if with_script else None,
                emulation=emulation, build_id=with_script)
    assert ours == (tmp_path / "real.o").read_bytes()


C_C = r"""
__attribute__((section(".discard.stuff"))) int gone = 3;
__attribute__((section(".discard.stuff"))) static int gone_local = 4;
int *ptr_to_gone = &gone;
int *ptr_to_local = &gone_local;
"""


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
def test_reference_into_discarded_section_is_refused_like_ld(tmp_path, arch):
    ld, emulation = _compile(tmp_path, arch)
    (tmp_path / "c.c").write_text(C_C)
    _cc(tmp_path, arch, *FLAGS, "-g", "-c", "c.c", "-o", "c.o")
    lds = str(TESTDATA / "kernels" / arch / "module.lds")
    real = subprocess.run([ld, "-r", "-m", emulation, "-T", lds, "-o", "real.o", "c.o"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert real.returncode != 0
    with pytest.raises(LinkError) as e:
        link([("c.o", (tmp_path / "c.o").read_bytes())], load_script(lds), emulation=emulation)
    assert str(e.value) in real.stderr.splitlines()


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
def test_duplicate_definition_message_like_ld(tmp_path, arch):
    """-fno-common turns the two tentative definitions into a multiple definition; the
    message (function found from the symbol table, file, section+offset) is ld's."""
    ld, emulation = _compile(tmp_path, arch)
    for name in ("a", "b"):
        _cc(tmp_path, arch, "-O2", "-fno-common", "-c", f"{name}.c", "-o", f"{name}.o")
    real = subprocess.run([ld, "-r", "-o", "real.o", "a.o", "b.o"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert real.returncode != 0
    with pytest.raises(LinkError) as e:
        link([("a.o", (tmp_path / "a.o").read_bytes()), ("b.o", (tmp_path / "b.o").read_bytes())],
             emulation=emulation)
    # ld names itself by its program name (riscv64-linux-gnu-ld); we always say "ld"
    lines = [line.replace(f"{ld}:", "ld:", 1) for line in real.stderr.splitlines()]
    ours = str(e.value).splitlines()
    assert lines[:len(ours)] == ours


GAP_C = r"""
int tiny_%d(int x) { return x * %d + 1; }
"""


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
def test_code_padding_between_inputs(tmp_path, arch):
    """.text inputs aligned to 32 leave gaps; x86 ld fills them with long NOPs, riscv zeros."""
    ld, emulation = _compile(tmp_path, arch)
    names = []
    for i in range(1, 5):
        (tmp_path / f"g{i}.c").write_text(GAP_C % (i, i * 7))
        _cc(tmp_path, arch, "-O2", "-falign-functions=32", *FLAGS[2:], "-c", f"g{i}.c",
            "-o", f"g{i}.o")
        names.append(f"g{i}.o")
    subprocess.run([ld, "-r", "-m", emulation, "-o", "real.o", *names], cwd=tmp_path, check=True)
    ours = link([tmp_path / n for n in names], emulation=emulation)
    assert ours == (tmp_path / "real.o").read_bytes()


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
@pytest.mark.parametrize("z", ["noexecstack", "execstack", None])
def test_stack_note_from_z_option(tmp_path, arch, z):
    """An assembler object without .note.GNU-stack: ld -r -z [no]execstack adds one."""
    ld, emulation = _compile(tmp_path, arch)
    cc = TOOLS[arch][0]
    (tmp_path / "s.S").write_text(".text\n.globl f\nf:\n nop\n")
    subprocess.run([cc, "-c", "s.S", "-o", "s.o"], cwd=tmp_path, check=True)
    zopt = ["-z", z] if z else []
    subprocess.run([ld, "-r", *zopt, "-o", "real.o", "s.o", "a.o"], cwd=tmp_path, check=True)
    ours = link([tmp_path / "s.o", tmp_path / "a.o"], emulation=emulation, stack_note=z)
    assert ours == (tmp_path / "real.o").read_bytes()


H_C = "int h1(int x) { return x * 3; }\nint h2(int y) { return y >> 1; }\n"


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
@pytest.mark.parametrize("order", [("a", "b"), ("b", "a", "h"), ("h", "a"), ("h",)])
def test_eh_frame_like_ld(tmp_path, arch, order):
    """Unwind tables from several inputs: x86-64 ld edits .eh_frame even in -r (padding
    trimmed, entries re-aligned, the last FDE of each input but the last padded); riscv's
    emulation leaves it alone until the final link."""
    ld, emulation = _compile(tmp_path, arch)
    (tmp_path / "h.c").write_text(H_C)
    for name in ("a", "b", "h"):
        opt = "-O0" if name == "h" else "-O2"
        _cc(tmp_path, arch, opt, "-fcommon", "-fasynchronous-unwind-tables", "-c", f"{name}.c",
            "-o", f"u{name}.o")
    objs = [f"u{n}.o" for n in order]
    subprocess.run([ld, "-r", "-m", emulation, "-o", "real.o", *objs], cwd=tmp_path, check=True)
    ours = link([tmp_path / o for o in objs], emulation=emulation)
    assert ours == (tmp_path / "real.o").read_bytes()


D_C = ('__attribute__((section(".discard.text"))) int gone_fn(int x) { return x * 5; }\n'
       "int kept(int y) { return y + 2; }\n")


@pytest.mark.kbuild
def test_eh_frame_of_discarded_code(tmp_path):
    """x86-64: the FDE of a function in a /DISCARD/ed section is dropped, its relocations
    become R_X86_64_NONE, and the function's global symbol is not written (--strip-discarded)."""
    ld, emulation = _compile(tmp_path, "x86_64")
    (tmp_path / "d.c").write_text(D_C)
    subprocess.run(["gcc", "-O2", "-fcommon", "-fasynchronous-unwind-tables", "-c", "d.c",
                    "-o", "d.o"], cwd=tmp_path, check=True)
    subprocess.run(["gcc", "-O2", "-fcommon", "-fasynchronous-unwind-tables", "-c", "b.c",
                    "-o", "b2.o"], cwd=tmp_path, check=True)
    lds = str(TESTDATA / "kernels" / "x86_64" / "module.lds")
    subprocess.run([ld, "-r", "-T", lds, "-o", "real.o", "d.o", "b2.o"], cwd=tmp_path, check=True)
    ours = link([tmp_path / "d.o", tmp_path / "b2.o"], load_script(lds), emulation=emulation)
    assert ours == (tmp_path / "real.o").read_bytes()


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
def test_many_globals_follow_hash_table_growth(tmp_path, arch):
    """More globals than 3/4 of 4051 and of 8191: ld's hash table grows twice, which reorders
    its traversal and so the output symbol table."""
    ld, emulation = _compile(tmp_path, arch)
    lines = [f"int g_{i}_{(i * 7919) % 1000} = {i};" for i in range(5000)]
    lines += [f"extern int u_{i}; int *p_{i} = &u_{i};" for i in range(800)]
    (tmp_path / "big.c").write_text("\n".join(lines) + "\n")
    _cc(tmp_path, arch, "-O1", "-c", "big.c", "-o", "big.o")
    subprocess.run([ld, "-r", "-m", emulation, "-o", "real.o", "big.o"], cwd=tmp_path, check=True)
    assert link([tmp_path / "big.o"], emulation=emulation) == (tmp_path / "real.o").read_bytes()


COMDAT_S = """
	.section .text.sigf,"axG",@progbits,sigf,comdat
	.globl sigf
	.weak sigf
sigf:	.word 1
	.section .data.sigd,"awG",@progbits,sigd,comdat
	.globl sigd
	.weak sigd
sigd:	.quad sigf
	.text
	.globl USER
USER:	.word 2
	.quad sigd
"""

CXX = r"""
extern int ext(int);
struct S { virtual int v(int x) { return x + ext(x); } virtual ~S() {} };
inline int counter() { static int c = ext(0); return ++c; }
template<class T> struct Box { static T val; T get() { return val + counter(); } };
template<class T> T Box<T>::val = 3;
int USER(int y) { S s; Box<int> b; Box<long> bl; return s.v(y) + b.get() + (int)bl.get(); }
"""


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
@pytest.mark.parametrize("with_script", [False, True], ids=["builtin-script", "module.lds"])
def test_force_group_allocation_like_ld(tmp_path, arch, with_script):
    """7.3's final link passes --force-group-allocation: duplicate groups still go, the group
    sections leave the output and their members are placed like other input sections."""
    ld, emulation = _compile(tmp_path, arch)
    for name in ("a", "b"):
        (tmp_path / f"c{name}.S").write_text(COMDAT_S.replace("USER", f"user_{name}"))
        _cc(tmp_path, arch, "-c", f"c{name}.S", "-o", f"c{name}.o")
    lds = TESTDATA / "kernels" / "7.3" / "riscv64" / "module.lds"
    script = ["-T", str(lds)] if with_script else []
    subprocess.run([ld, "-r", "-m", emulation, "--force-group-allocation", *script, "-o", "real.o",
                    "ca.o", "cb.o"], cwd=tmp_path, check=True)
    ours = link([tmp_path / "ca.o", tmp_path / "cb.o"], load_script(str(lds)) if with_script else None,
                emulation=emulation, force_group_allocation=True)
    assert ours == (tmp_path / "real.o").read_bytes()


@pytest.mark.kbuild
@pytest.mark.parametrize("arch", TOOLS)
@pytest.mark.parametrize("order", [("a", "b"), ("b", "a")])
def test_comdat_groups_deduplicated_like_ld(tmp_path, arch, order):
    """COMDAT groups: the first of each signature is kept (as its own .group and member
    sections, numbered first), later copies are dropped with their sections."""
    ld, emulation = _compile(tmp_path, arch)
    for name in ("a", "b"):
        (tmp_path / f"c{name}.S").write_text(COMDAT_S.replace("USER", f"user_{name}"))
        _cc(tmp_path, arch, "-c", f"c{name}.S", "-o", f"c{name}.o")
    objs = [f"c{n}.o" for n in order]
    subprocess.run([ld, "-r", "-m", emulation, "-o", "real.o", *objs], cwd=tmp_path, check=True)
    assert link([tmp_path / o for o in objs], emulation=emulation) == (
        tmp_path / "real.o").read_bytes()


@pytest.mark.kbuild
@pytest.mark.parametrize("with_script", [False, True])
def test_cxx_comdat_like_ld(tmp_path, with_script):
    """g++ output (vtables, typeinfo, guard variables, template statics as GNU_UNIQUE, which
    also makes the output ELFOSABI_GNU) linked -r with and without module.lds."""
    require(shutil.which("g++") is not None, "not installed: g++")
    for name in ("a", "b"):
        (tmp_path / f"x{name}.cc").write_text(CXX.replace("USER", f"use_{name}"))
    subprocess.run(["g++", "-O2", "-fno-exceptions", "-fno-asynchronous-unwind-tables",
                    "-ffunction-sections", "-c", "xa.cc", "-o", "xa.o"], cwd=tmp_path, check=True)
    subprocess.run(["g++", "-O2", "-fno-exceptions", "-fno-asynchronous-unwind-tables", "-c",
                    "xb.cc", "-o", "xb.o"], cwd=tmp_path, check=True)
    lds = str(TESTDATA / "kernels" / "x86_64" / "module.lds")
    extra = ["-T", lds, "--build-id=sha1"] if with_script else []
    subprocess.run(["ld", "-r", *extra, "-o", "real.o", "xa.o", "xb.o"], cwd=tmp_path, check=True)
    ours = link([tmp_path / "xa.o", tmp_path / "xb.o"], load_script(lds) if with_script else None,
                emulation="elf_x86_64", build_id=with_script)
    assert ours == (tmp_path / "real.o").read_bytes()


@pytest.mark.kbuild
@pytest.mark.parametrize("objs", [("a",), ("a", "b"), ("b", "a")])
def test_group_with_local_signature_like_ld(tmp_path, objs):
    """g++ -O0 puts destructor variants in a group whose signature is a local symbol defined
    in the group section itself; its output index becomes the group's sh_info."""
    require(shutil.which("g++") is not None, "not installed: g++")
    for name in ("a", "b"):
        (tmp_path / f"x{name}.cc").write_text(CXX.replace("USER", f"use_{name}"))
        subprocess.run(["g++", "-O0", "-fno-exceptions", "-c", f"x{name}.cc", "-o", f"x{name}.o"],
                       cwd=tmp_path, check=True)
    files = [f"x{n}.o" for n in objs]
    subprocess.run(["ld", "-r", "-o", "real.o", *files], cwd=tmp_path, check=True)
    assert link([tmp_path / f for f in files], emulation="elf_x86_64") == (
        tmp_path / "real.o").read_bytes()
