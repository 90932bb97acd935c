"""The ld command lines kbuild recorded for each fixture, rewritten to run on the committed files.

Each fixture directory keeps kbuild's ``.NAME.ko.cmd`` (final link) and, for composite modules,
``.NAME.o.cmd`` (``ld -r -o NAME.o @NAME.mod``).  The recorded paths point into the build tree
(``/tmp/pymodpost-kbuild/ARCH/NAME/...``) and the kernel tree (``arch/x86/module.lds``,
``scripts/module.lds``); :func:`link_cases` maps them onto a scratch copy of the fixture.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import TESTDATA

ARCHES = ("x86_64", "riscv64")


@dataclass(frozen=True)
class LinkCase:
    arch: str
    name: str
    output: str  # file name kbuild produced (NAME.ko or NAME.o)
    argv: tuple[str, ...]  # ld arguments with build-tree paths replaced by "{dir}/"
    expected: Path

    @property
    def id(self) -> str:
        return f"{self.arch}/{self.output}"

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
        lds = str(TESTDATA / "kernels" / self.arch / "module.lds")
        return [a.replace("{dir}/", str(scratch) + "/").replace("{lds}", lds) for a in self.argv]


def _ld_line(cmd_file: Path) -> list[str] | None:
    line = cmd_file.read_text().splitlines()[0]
    m = re.match(r"cmd_\S+ := (.*?)(;\s*true)?\s*$", line)
    if not m:
        return None
    words = shlex.split(m.group(1))
    if not words or not re.search(r"(^|-)ld$", words[0]):
        return None
    return words[1:]


def link_cases() -> list[LinkCase]:
    cases = []
    for arch in ARCHES:
        for d in sorted((TESTDATA / arch).iterdir()):
            for cmd_file, out in ((d / f".{d.name}.o.cmd", f"{d.name}.o"),
                                  (d / f".{d.name}.ko.cmd", f"{d.name}.ko")):
                if not cmd_file.exists() or not (d / out).exists():
                    continue
                words = _ld_line(cmd_file)
                if words is None:
                    continue
                build = f"/tmp/pymodpost-kbuild/{arch}/{d.name}/"
                argv = []
                for w in words:
                    w = w.replace(build, "{dir}/")
                    if w in ("arch/x86/module.lds", "scripts/module.lds"):
                        w = "{lds}"
                    argv.append(w)
                cases.append(LinkCase(arch, d.name, out, tuple(argv), d / out))
    return cases
