"""Resolving a module name or alias the way ``modinfo NAME`` does, in ``/lib/modules/VERSION``.

kmod's ``modinfo`` runs with no modprobe configuration at all, so a name is looked up in the
module directory's files only, in libkmod's order, stopping at the first source that knows it:

1. ``modules.dep``: a module of that name (dashes and underscores are the same);
2. ``modules.symbols``: for ``symbol:NAME`` arguments;
3. ``modules.alias``: shell-glob patterns; every module with a matching pattern is shown, in
   ``modules.order`` order (depmod's index priority), once per matching pattern as kmod does;
4. ``modules.builtin.modinfo`` aliases and ``modules.builtin`` names: built-in modules, shown as
   ``name:`` + ``filename: (builtin)`` + their ``modules.builtin.modinfo`` entries.

libkmod reads depmod's binary indexes (``*.bin``); we read the text files depmod writes next to
them with the same contents (``modules.builtin.alias.bin`` is made from the ``alias=`` lines of
``modules.builtin.modinfo``).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass

from pymodpost.kmod.file import absolute_path, module_name_from_path
from pymodpost.kmod.modinfo import KEY_COLUMNS, FileResult, modinfo_file, render, with_head

BUILTIN_FILENAME = b"(builtin)"


def normalize_alias(alias: str) -> str | None:
    """libkmod's alias_normalize: '-' -> '_' outside brackets; None for unbalanced brackets."""
    out, i = [], 0
    while i < len(alias):
        c = alias[i]
        if c == "]":
            return None
        if c == "[":
            close = alias.find("]", i)
            if close < 0:
                return None
            out.append(alias[i:close + 1])
            i = close + 1
            continue
        out.append("_" if c == "-" else c)
        i += 1
    return "".join(out)


_WILDCARDS = frozenset("*?[\\")


def glob_matches(pattern: str, key: str) -> bool:
    """fnmatch(pattern, key, 0) for the alias patterns depmod writes.

    Tens of thousands of patterns are tried per look-up, so the literal text before the first
    wildcard is compared first and only the few patterns that survive are compiled.
    (Python's glob dialect differs from glibc's for backslash escapes and ``[^...]``, which
    module aliases do not use.)
    """
    for i, c in enumerate(pattern):
        if c in _WILDCARDS:
            return key.startswith(pattern[:i]) and fnmatch.fnmatchcase(key, pattern)
    return key == pattern


def _alias_matches(alias: str, key: str) -> bool:
    pattern = normalize_alias(alias)
    return pattern is not None and glob_matches(pattern, key)


@dataclass(frozen=True, slots=True)
class FoundModule:
    name: str
    path: str | None  # None: built into the kernel


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, "rb") as f:
            return f.read().decode(errors="surrogateescape").splitlines()
    except OSError:
        return []


class ModuleDirectory:
    """One ``/lib/modules/VERSION`` directory, its text indexes read lazily."""

    def __init__(self, dirname: str):
        self.dirname = dirname
        self._dep: dict[str, str] | None = None
        self._order: dict[str, int] | None = None

    @classmethod
    def for_options(cls, kversion: str | None, basedir: str | None) -> "ModuleDirectory":
        release = kversion or os.uname().release
        root = basedir or ""
        return cls(absolute_path(f"{root}/lib/modules/{release}"))

    def _file(self, name: str) -> str:
        return os.path.join(self.dirname, name)

    @property
    def dep(self) -> dict[str, str]:
        """module name -> path as modules.dep gives it (relative to the directory or absolute)."""
        if self._dep is None:
            self._dep = {}
            for line in _read_lines(self._file("modules.dep")):
                path, colon, _ = line.partition(":")
                if colon:
                    self._dep.setdefault(module_name_from_path(path), path)
        return self._dep

    @property
    def order(self) -> dict[str, int]:
        if self._order is None:
            self._order = {}
            for i, line in enumerate(_read_lines(self._file("modules.order"))):
                self._order.setdefault(module_name_from_path(line.strip()), i)
        return self._order

    def dependencies(self) -> dict[str, list[str]]:
        """modules.dep as written: path -> the paths it depends on (its whole closure, in
        depmod's order)."""
        deps: dict[str, list[str]] = {}
        for line in _read_lines(self._file("modules.dep")):
            path, colon, rest = line.partition(":")
            if colon:
                deps.setdefault(path, rest.split())
        return deps

    def load_order(self) -> list[str]:
        """Every module of modules.dep, each after all it depends on -- the order loading them
        all with modprobe gives: modules taken by path in sorted order, each one's dependencies
        (depth first, in modules.dep's order) before it."""
        deps = self.dependencies()
        order: list[str] = []
        seen: set[str] = set()
        for root in sorted(deps):
            stack = [(root, False)]
            while stack:
                path, expanded = stack.pop()
                if expanded:
                    order.append(path)
                    continue
                if path in seen:
                    continue
                seen.add(path)
                stack.append((path, True))
                stack.extend((d, False) for d in reversed(deps.get(path, [])) if d not in seen)
        return order

    def _module(self, name: str) -> FoundModule:
        rel = self.dep.get(name)
        if rel is None:
            return FoundModule(name, None)
        return FoundModule(name, rel if rel.startswith("/") else f"{self.dirname}/{rel}")

    def _alias_file_matches(self, filename: str, key: str) -> list[str]:
        """Module names whose ``alias PATTERN MODULE`` line in ``filename`` matches ``key``."""
        found: list[str] = []
        for line in _read_lines(self._file(filename)):
            parts = line.split()
            if len(parts) != 3 or parts[0] != "alias":
                continue
            pattern = parts[1]
            # most patterns have no brackets: their normal form is a plain replace (cheap, and
            # tens of thousands of lines are read per look-up)
            pattern = normalize_alias(pattern) if "[" in pattern or "]" in pattern else pattern.replace("-", "_")
            if pattern is not None and glob_matches(pattern, key):
                # one entry per matching pattern: kmod shows a module once for each
                found.append(parts[2])
        rank = self.order
        return sorted(found, key=lambda m: rank.get(m, len(rank)))

    def builtin_modinfo(self) -> list[tuple[str, bytes, bytes]] | None:
        """(module, key, value) for every ``module.key=value`` of modules.builtin.modinfo."""
        try:
            with open(self._file("modules.builtin.modinfo"), "rb") as f:
                raw = f.read()
        except OSError:
            return None
        out = []
        for s in raw.split(b"\0"):
            head, dot, rest = s.partition(b".")
            if dot and s:
                key, eq, value = rest.partition(b"=")
                out.append((head.decode(errors="surrogateescape"), key, value if eq else b""))
        return out

    def lookup(self, alias: str) -> list[FoundModule] | None:
        """Modules ``alias`` stands for ([] if none); None when the alias is malformed."""
        key = normalize_alias(alias)
        if key is None:
            return None
        if ":" not in key and key in self.dep:
            return [self._module(key)]
        if key.startswith("symbol:"):
            names = self._alias_file_matches("modules.symbols", key)
            if names:
                return [self._module(n) for n in names]
        names = self._alias_file_matches("modules.alias", key)
        if names:
            return [self._module(n) for n in names]
        builtin = [FoundModule(module, None) for module, k, value in self.builtin_modinfo() or []
                   if k == b"alias" and _alias_matches(value.decode(errors="surrogateescape"), key)]
        if builtin:
            return builtin
        builtin_names = {module_name_from_path(line.strip())
                         for line in _read_lines(self._file("modules.builtin"))}
        if key in builtin_names:
            return [FoundModule(key, None)]
        return []

    def modinfo_lookup(self, alias: str, field: str | None, separator: bytes) -> list[FileResult]:
        """modinfo's output for a name/alias argument, one result per module it stands for."""
        found = self.lookup(alias)
        if found is None:
            return [FileResult(b"", [], f"Module alias {alias} not found.")]
        if not found:
            return [FileResult(b"", [], f"Module {alias} not found.")]
        return [modinfo_file(m.path, field, separator) if m.path is not None
                else self._builtin_result(m.name, field, separator) for m in found]

    def _builtin_result(self, name: str, field: str | None, separator: bytes) -> FileResult:
        bname = name.encode(errors="surrogateescape")
        if field is None:
            head = b"name:".ljust(KEY_COLUMNS) + bname + separator
            head += b"filename:".ljust(KEY_COLUMNS) + BUILTIN_FILENAME + separator
        elif field == "name":
            head = bname + separator
        elif field == "filename":
            return FileResult(BUILTIN_FILENAME + separator, [])
        else:
            head = b""
        info = self.builtin_modinfo()
        if info is None:
            # an older kernel without modules.builtin.modinfo: kmod shows just the header
            return FileResult(head, [])
        entries = [(k, v) for module, k, v in info if module == name]
        return with_head(head, render(entries, field, separator))
