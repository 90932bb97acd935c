"""The ld command lines kbuild recorded for each fixture, rewritten to run on the committed files.

Each fixture directory keeps kbuild's ``.NAME.ko.cmd`` (final link) and, for composite modules,
``.NAME.o.cmd`` (``ld -r -o NAME.o @NAME.mod``), for every kernel with fixtures.  The recorded
paths point into the build tree (``/tmp/pymodpost-kbuild/[KERNEL/]ARCH/NAME/...``) and the
kernel tree (``arch/x86/module.lds``, ``scripts/module.lds``); from 6.12 the final link also
takes the ``.module-common.o`` kbuild compiled beside the module (copied with the fixture's other
objects).  :func:`link_cases` maps them onto a scratch copy of the fixture.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

from pymodpost.kbuild.stages import btf_added_by_kbuild
from tests.fixtures import build_base, facts_dir, fixture_dir, kernel_arches, FIRST_KERNEL



@dataclass(frozen=True)
class LinkCase:
    kernel: str
    arch: str
    name: str
    output: str  # file name kbuild produced (NAME.ko or NAME.o)
    argv: tuple[str, ...]  # ld arguments with build-tree paths replaced by "{dir}/"
    expected: Path
    #: the command kbuild ran on ld's output before it became ``expected`` (6.12's x86_64
    #: composite objects go through objtool), or None when ``expected`` is ld's own output
    post: str | None = None

    @property
    def id(self) -> str:
        return f"{self.arch}/{self.output}" if self.kernel == FIRST_KERNEL else \
            f"{self.kernel}/{self.arch}/{self.output}"

    def materialise(self, scratch: Path) -> list[str]:
        """Copy the fixture's inputs into ``scratch``; return argv runnable there."""
        src = self.expected.parent
        for f in src.iterdir():
            if f.is_file() and f.suffix in (".o", ".mod"):
                text = None
                if f.suffix == ".mod":
                    text = "\n".join(str(scratch / Path(p).name)
                                     for p in f.read_text().split()) + "\n"
                    (scratch / f.name).write_text(text)
                else:
                    shutil.copyfile(f, scratch / f.name)
        lds = str(facts_dir(self.kernel, self.arch) / "module.lds")
        return [a.replace("{dir}/", str(scratch) + "/").replace("{lds}", lds) for a in self.argv]


def _ld_line(cmd_file: Path) -> tuple[list[str], str | None] | None:
    """ld's arguments from kbuild's saved command, and what ran after ld (None for nothing)."""
    line = cmd_file.read_text().splitlines()[0]
    # 6.1 writes cmd_<target>, 6.12 savedcmd_<target>
    m = re.match(r"(?:saved)?cmd_\S+ := (.*)$", line)
    if not m:
        return None
    ld_cmd, _, after = m.group(1).partition(";")
    words = shlex.split(ld_cmd)
    if not words or not re.search(r"(^|-)ld$", words[0]):
        return None
    after = after.strip()
    return words[1:], (None if after in ("", "true") else after)


#: ld options whose value is the next word and names no file of the module
_VALUE_OPTIONS = {"-m", "-z"}


def _portable_argv(words: list[str], build: str) -> list[str]:
    """kbuild's ld words with the module's files as "{dir}/NAME" and module.lds as "{lds}".

    6.1 and 6.12 ran ld in the kernel tree with absolute module paths (and a tree-relative
    module.lds); 7.3 runs it in the module's directory with relative names (and an absolute
    module.lds)."""
    argv = []
    takes_value = False
    for w in words:
        if takes_value:
            takes_value = False
        elif w in _VALUE_OPTIONS:
            takes_value = True
        elif w == "arch/x86/module.lds" or w.endswith("/module.lds") or w == "scripts/module.lds":
            w = "{lds}"
        elif w.startswith(build):
            w = "{dir}/" + w[len(build):]
        elif w.startswith("@" + build):
            w = "@{dir}/" + w[len(build) + 1:]
        elif w.startswith("@"):
            w = "@{dir}/" + w[1:]
        elif not w.startswith("-") and "/" not in w:
            w = "{dir}/" + w
        argv.append(w)
    return argv


def link_cases() -> list[LinkCase]:
    cases = []
    for kernel, arch in kernel_arches():
        for d in sorted(fixture_dir(kernel, arch).iterdir()):
            for cmd_file, out in ((d / f".{d.name}.o.cmd", f"{d.name}.o"),
                                  (d / f".{d.name}.ko.cmd", f"{d.name}.ko")):
                if not cmd_file.exists() or not (d / out).exists():
                    continue
                parsed = _ld_line(cmd_file)
                if parsed is None:
                    continue
                words, post = parsed
                if post is None and btf_added_by_kbuild(d / "build.log", out):
                    post = "pahole -J (kbuild's BTF [M] step)"
                argv = _portable_argv(words, f"{build_base(kernel, arch)}/{d.name}/")
                cases.append(LinkCase(kernel, arch, d.name, out, tuple(argv), d / out, post))
    return cases
