"""Loading a whole module directory into one simulated kernel, as modprobe would, module by module.

``read_directory`` gives every module of ``/lib/modules/<release>`` in modprobe's order (each
after everything modules.dep says it needs), decompressed as kmod hands it to the kernel;
``load_in_order`` loads them one after another into one :class:`KernelState`, each where the
kernel puts the next module, so every module resolves its imports against vmlinux and the
modules before it.  The benchmark (``bench/bench_load.py``) and the corpus test run this.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pymodpost.kmod.file import read_module_contents
from pymodpost.kmod.modname import ModuleDirectory
from pymodpost.load.pipeline import LoadOptions, load_module, place_after_loaded_modules
from pymodpost.load.result import LoadResult
from pymodpost.load.state import KernelState


def read_directory(moddir: str, limit: int | None = None) -> list[tuple[str, bytes]]:
    """(path relative to ``moddir``, the module's bytes) in load order; ``limit`` takes the first
    that many."""
    order = ModuleDirectory(moddir).load_order()[:limit]
    return [(rel, read_module_contents(f"{moddir}/{rel}")) for rel in order]


def load_in_order(state: KernelState, modules: Iterable[tuple[str, bytes]],
                  struct_module_size: int | None = None) -> Iterator[tuple[str, LoadResult]]:
    """Load each (path, bytes) in turn, without per-symbol and per-relocation records; yields
    (path, result).  ``struct_module_size``: the kernel's sizeof(struct module), checked by 6.12+."""
    for path, data in modules:
        options = place_after_loaded_modules(LoadOptions(record=False, struct_module_size=struct_module_size), state)
        yield path, load_module(data, state, options, path)


def outcome(result: LoadResult) -> str:
    """"loaded", or the refusal's errno name ("crash" for a state the kernel would oops in)."""
    return "loaded" if result.ok else (result.error.errno or "crash")
