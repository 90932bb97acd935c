#!/usr/bin/env python3
"""Run a command as if some Debian packages were not installed, without touching the system.

Usage: without-package.py [--hide PATH]... PKG... -- CMD [ARG]...

e.g.   testdata/regen/without-package.py linux-headers-6.1.0-56-amd64 \\
           linux-headers-6.1.0-56-common linux-image-6.1.0-56-amd64-unsigned \\
           --hide /boot/initrd.img-6.1.0-56-amd64 -- python3 -m pytest -q tests/test_testdata.py

How (Debian moving its kernel ABI on -- the pinned linux-headers-6.1.0-56-amd64 leaving the
archive -- shown on a machine that still has it): CMD runs in a private mount namespace
(``unshare -m --propagation private``; ``-r`` too when not root) in which

* every file and directory ``dpkg -L PKG`` lists that no other package also owns is gone (the
  topmost such paths: /usr/src/linux-headers-<abi>, /boot/vmlinuz-<abi> ...): its directory is
  covered by a copy made of bind mounts of every other entry, so it is absent from listings as
  after ``apt-get remove``;
* ``--hide PATH`` hides a path no package lists (the initrd a kernel's postinst generates);
* /var/lib/dpkg/status is covered by a copy without PKG's stanzas, so dpkg-query says "not
  installed" as it would after ``apt-get remove``.

Nothing is unmounted or changed outside the namespace: other processes see the real system.
Exit status: CMD's; 2 for a usage error or a package that is not installed.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

DPKG_INFO = Path("/var/lib/dpkg/info")
DPKG_STATUS = Path("/var/lib/dpkg/status")
INSIDE = "_PYMODPOST_WITHOUT_PACKAGE_INSIDE"


def die(msg: str, code: int = 2) -> None:
    print(f"without-package: {msg}", file=sys.stderr)
    sys.exit(code)


def parse(argv: list[str]) -> tuple[list[str], list[str], list[str]]:
    if "--" not in argv:
        die("usage: without-package.py [--hide PATH]... PKG... -- CMD [ARG]...")
    split = argv.index("--")
    head, cmd = argv[:split], argv[split + 1:]
    pkgs, extra = [], []
    it = iter(head)
    for arg in it:
        if arg == "--hide":
            extra.append(next(it, None) or die("--hide needs a path"))
        else:
            pkgs.append(arg)
    if not pkgs and not extra or not cmd:
        die("usage: without-package.py [--hide PATH]... PKG... -- CMD [ARG]...")
    return pkgs, extra, cmd


@functools.lru_cache(maxsize=None)
def _real_dir(path: str) -> str:
    return os.path.realpath(path)


def canonical(path: str) -> str:
    """``path`` with the directories above it resolved (/lib/modules/X -> /usr/lib/modules/X on
    a merged /usr); its last component as it is."""
    head, name = os.path.split(path)
    return os.path.join(_real_dir(head), name)


def owners() -> dict[str, set[str]]:
    """canonical path -> the packages whose file list names it (every installed package)."""
    table: dict[str, set[str]] = defaultdict(set)
    for lst in DPKG_INFO.glob("*.list"):
        pkg = lst.name[:-len(".list")].split(":")[0]
        for line in lst.read_text(errors="surrogateescape").splitlines():
            if line and line != "/.":
                table[canonical(line)].add(pkg)
    return table


def hidden_roots(pkgs: list[str], extra: list[str]) -> list[Path]:
    """The topmost paths to hide: PKG's own directories whole, PKG's files one by one."""
    table = owners()
    mine = sorted({p for p, who in table.items() if who & set(pkgs)})
    roots: list[Path] = []
    for p in mine:
        path = Path(p)
        if any(r == path or r in path.parents for r in roots):
            continue
        if not os.path.lexists(p):
            continue
        if os.path.isdir(p) and not (os.path.islink(p) and table[p] <= set(pkgs)):
            if table[p] <= set(pkgs):
                roots.append(path)  # a directory no other package owns
            continue  # shared directory (or a shared link to one, /lib): hide inside it
        roots.append(path)  # a file, or a link only PKG owns
    for p in extra:
        if os.path.lexists(p):
            roots.append(Path(canonical(p)))
    return roots


_libc = ctypes.CDLL(None, use_errno=True)
MS_BIND, MS_REC = 4096, 16384


def bind(source: str, target: str) -> None:
    """mount --rbind SOURCE TARGET (the system call: hundreds of them, under load)."""
    if _libc.mount(source.encode(), target.encode(), None, MS_BIND | MS_REC, None) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount --rbind {source} {target}: {os.strerror(err)}")


def hide(roots: list[Path], scratch: Path) -> None:
    """Cover each root's directory with a copy that lacks it: an entry of the same kind, with the
    original bind-mounted on it, for every other entry.  Gone from listings, as if removed."""
    assert all(len(r.parts) > 2 for r in roots), roots  # never / nor a top-level directory
    by_parent: dict[Path, set[str]] = defaultdict(set)
    for r in roots:
        by_parent[r.parent].add(r.name)
    # deepest first, so a rebuilt parent carries its already rebuilt children (recursive binds)
    for n, (parent, names) in enumerate(sorted(by_parent.items(), key=lambda kv: -len(kv[0].parts))):
        copy = scratch / f"dir{n}"
        copy.mkdir()
        for entry in os.scandir(parent):
            if entry.name in names:
                continue
            target = copy / entry.name
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), target)
                continue
            if entry.is_dir():
                target.mkdir()
            else:
                target.touch()
            bind(entry.path, str(target))
        os.chmod(copy, os.stat(parent).st_mode & 0o7777)
        bind(str(copy), str(parent))


def status_without(pkgs: list[str], scratch: Path) -> None:
    stanzas = DPKG_STATUS.read_text(errors="surrogateescape").split("\n\n")
    kept = [s for s in stanzas
            if not any(line.startswith("Package: ") and line[len("Package: "):] in pkgs
                       for line in s.splitlines()[:1])]
    copy = scratch / "status"
    copy.write_text("\n\n".join(kept), errors="surrogateescape")
    bind(str(copy), str(DPKG_STATUS))


def installed(pkg: str) -> bool:
    proc = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
    return proc.returncode == 0 and proc.stdout == "install ok installed"


def main() -> None:
    pkgs, extra, cmd = parse(sys.argv[1:])
    scratch = os.environ.pop(INSIDE, None)
    if scratch is None:
        for pkg in pkgs:
            if not installed(pkg):
                die(f"package {pkg} is not installed: nothing to hide")
        unshare = ["unshare", "-m", "--propagation", "private"]
        if os.geteuid() != 0:
            unshare.insert(1, "-r")
        scratch = tempfile.mkdtemp(prefix="without-package.")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))  # still clean up
        try:
            proc = subprocess.run([*unshare, sys.executable, os.path.abspath(__file__), *sys.argv[1:]],
                                  env=dict(os.environ, **{INSIDE: scratch}))
        finally:
            os.rmdir(scratch)  # only the namespace mounted anything on it
        sys.exit(proc.returncode)
    roots = hidden_roots(pkgs, extra)
    subprocess.run(["mount", "-t", "tmpfs", "without-package", scratch], check=True)
    hide(roots, Path(scratch))
    status_without(pkgs, Path(scratch))
    print(f"without-package: hidden {' '.join(pkgs)}: {' '.join(map(str, roots))}", file=sys.stderr)
    sys.exit(subprocess.run(cmd).returncode)


if __name__ == "__main__":
    main()
