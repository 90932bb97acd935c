"""Putting a module's object where modpost can read it together with what kbuild left beside it.

modpost does not read the object alone.  ``<module>.mod`` lists the objects the module is
made of, and for each of them it reads ``.<object>.cmd`` (the CRCs of ``-m``; with
``MODULE_VERSION`` or ``-a`` also the ``source_``/``deps_`` lines whose files in the object's own
directory make up the srcversion checksum).  A failed read there is modpost's perror + exit(1).

Those files name the build directory as kbuild saw it -- an absolute path for ``make M=<dir>``,
a path relative to the kernel tree for in-tree modules.  Where that path still holds the files,
modpost simply reads them there.  Where it does not (a build directory that was copied or
moved, such as the bundled fixtures, built under /tmp by testdata/regen), the module's objects,
their ``.cmd`` files and the sources in their directories are copied below ``<work>/build``, and
the old directory name is replaced by the new one in ``.mod`` and ``.cmd`` -- the same
relocation the fixture tests apply, so modpost computes what it computed in kbuild.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePath

from pymodpost.errors import InputError

#: entries of a ``.mod`` tried when looking for where a moved build directory went
ROOT_PROBES = 16


def stage_object(obj: Path, work: Path) -> None:
    """Copy ``obj`` (``<module>.o``) into ``work`` with a ``<module>.mod`` modpost can follow.

    A file that cannot be read or written is an :class:`InputError` naming it.  Entries that
    would land outside ``work`` (``..``) are left as they are, for modpost to find or not."""
    try:
        _stage(obj, work)
    except OSError as e:
        raise InputError(str(e.filename or obj), e.strerror or str(e)) from None


def _stage(obj: Path, work: Path) -> None:
    module = obj.name[:-2]
    work.mkdir(parents=True, exist_ok=True)
    staged = work / obj.name
    shutil.copyfile(obj, staged)
    mod_list = obj.with_suffix(".mod")
    if not mod_list.is_file():
        # no kbuild list: a single-object module lists itself, with a .cmd kbuild would have made
        (work / f"{module}.mod").write_text(f"{staged}\n")
        cmd = obj.with_name(f".{obj.name}.cmd")
        target = work / f".{obj.name}.cmd"
        if cmd.is_file():
            shutil.copyfile(cmd, target)
        else:
            target.write_text(f"cmd_{staged} := true\n")
        return
    text = mod_list.read_text(encoding="utf-8", errors="surrogateescape")
    entries = [line for line in text.split("\n") if line]
    if not entries or all(PurePath(e).is_absolute() and _is_file(Path(e)) for e in entries):
        shutil.copyfile(mod_list, work / mod_list.name)  # the build directory is in place
        return
    if not PurePath(entries[0]).is_absolute():
        # in-tree: paths relative to the kernel tree, modpost's CWD there and ``work`` here
        base = _ancestor_holding(obj, entries[0])
        for entry in entries:
            if _stays_inside(PurePath(entry)):
                _stage_one(base / entry, work / entry, PurePath(entry).parent, lambda s: s)
        shutil.copyfile(mod_list, work / mod_list.name)
        return
    found = _find_moved_root(entries, obj)
    if found is None:
        # nowhere to be found: modpost names the first missing file, as it would have in kbuild
        shutil.copyfile(mod_list, work / mod_list.name)
        return
    old_root, new_base = found
    new_root = work / "build"
    # the old directory where a path starts (after "source_", ":=", a blank, "$(deps_" ...)
    pattern = re.compile(r"(?:^|(?<=[\s_=(:,]))" + re.escape(old_root) + r"(?=/)", re.MULTILINE)
    staged_entries = []
    for entry in entries:
        rel = PurePath(entry).relative_to(old_root) if PurePath(entry).is_relative_to(old_root) else None
        if rel is None or not _stays_inside(rel):  # outside the moved directory: left as it is
            staged_entries.append(entry)
            continue
        _stage_one(new_base / rel, new_root / rel, PurePath(entry).parent,
                   lambda s: pattern.sub(lambda _: str(new_root), s))
        staged_entries.append(str(new_root / rel))
    (work / mod_list.name).write_text("".join(e + "\n" for e in staged_entries),
                                      encoding="utf-8", errors="surrogateescape")


def _is_file(path: Path) -> bool:
    """Path.is_file() that also answers False for names the system refuses (too long, NUL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _stays_inside(rel: PurePath) -> bool:
    return bool(rel.parts) and not rel.is_absolute() and ".." not in rel.parts


def _stage_one(src_obj: Path, dst_obj: Path, old_dir: PurePath, rewrite) -> None:
    """One object of the module, its .cmd (paths rewritten) and the sources beside it."""
    if not _is_file(src_obj):
        return  # modpost will say so, as it would have in kbuild
    dst_obj.parent.mkdir(parents=True, exist_ok=True)
    if not dst_obj.exists():
        shutil.copyfile(src_obj, dst_obj)
    cmd = src_obj.with_name(f".{src_obj.name}.cmd")
    if not _is_file(cmd):
        return
    cmd_text = cmd.read_text(encoding="utf-8", errors="surrogateescape")
    (dst_obj.parent / cmd.name).write_text(rewrite(cmd_text), encoding="utf-8", errors="surrogateescape")
    _copy_local_sources(cmd_text, old_dir, src_obj.parent, dst_obj.parent)


def _ancestor_holding(obj: Path, entry: str) -> Path:
    """The kernel tree of an in-tree object: the directory above it where ``entry`` exists."""
    for base in (obj.parent.resolve(), *obj.parent.resolve().parents):
        if _is_file(base / entry):
            return base
    return obj.parent.resolve()


def _find_moved_root(entries: list[str], obj: Path) -> tuple[str, Path] | None:
    """(the build directory as written in the list, where its files are now), or None.

    The first entry whose tail names an existing file below the object's directory (or else
    one of its parents) tells both: ``/tmp/kb/x86_64/params/params.o`` found as
    ``testdata/x86_64/params/params.o`` gives ``/tmp/kb/x86_64/params`` and
    ``testdata/x86_64/params``."""
    here = obj.parent.resolve()
    for base in (here, *here.parents):
        for entry in entries[:ROOT_PROBES]:
            parts = PurePath(entry).parts
            for k in range(len(parts) - 1, max(0, len(parts) - 1 - ROOT_PROBES), -1):  # shortest tail first
                if _is_file(base / PurePath(*parts[k:])):
                    return str(PurePath(*parts[:k])), base
    return None


def _copy_local_sources(cmd_text: str, old_dir: PurePath, src_dir: Path, dst_dir: Path) -> None:
    """The files a ``.cmd`` names inside the object's own directory (the ones srcversion sums)."""
    prefix = str(old_dir) + "/" if str(old_dir) not in ("", ".") else ""
    for token in cmd_text.replace("\\\n", " ").split():
        if not token.startswith(prefix) or token.endswith(":"):
            continue
        rest = token[len(prefix):]
        if not rest or "/" in rest or rest.startswith("$("):
            continue
        src = src_dir / rest
        if _is_file(src) and not (dst_dir / rest).exists():
            shutil.copyfile(src, dst_dir / rest)
