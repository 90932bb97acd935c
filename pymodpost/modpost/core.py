"""``scripts/mod/modpost``: main(), read_symbols(), the checks and the writers.

Every way the kernels' modposts differ is a field of the dialect's
:class:`~pymodpost.dialect.ModpostRules` (``self.rules``); the order of work, and therefore of
every diagnostic, follows modpost.c's main():

1. read every ``-i`` dump (read_dump), in command-line order;
2. read every positional object, then every object named by ``-T`` (read_symbols): licence and
   namespace imports from .modinfo, the symbol walk (handle_symbol + device tables), the
   exports (6.1: ``__ksymtab_*``/``__kstrtabns_*`` symbols; 6.5+: the ``.export_symbol``
   records, met during the section-mismatch scan), srcversion, and with ``-m`` the
   ``module_layout`` import and CRCs from the ``.<obj>.cmd`` files;
3. check_exports + write ``<name>.mod.c`` (``.vmlinux.export.c`` for vmlinux) -- 6.1 checks
   each module just before writing it, 6.6+ checks all modules first;
4. ``-d`` nsdeps, ``-o`` Module.symvers, the ``-E`` verdict, the "suppressed" warning.

Once an ERROR has been logged no file is written any more (write_buf); fatal() ends the run
on the spot.  The result is returned as data (:class:`ModpostResult`); nothing is printed here.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from typing import Callable, Protocol

import numpy as np

from pymodpost.arch.modpost_machines import modpost_machine
from pymodpost.dialect import DEFAULT, ModpostRules
from pymodpost.elf import constants as elfc
from pymodpost.fileio import write_atomic
from pymodpost.kernel.symvers import SymversEntry, SymversParseError, UnknownExportType, parse_symvers
from pymodpost.modpost import objfile as of
from pymodpost.clib import c_string, remove_dot, strtoul
from pymodpost.modpost.diagnostics import ERROR, RAW, WARNING, Diagnostic
from pymodpost.modpost.messages import STYLES
from pymodpost.modpost.model import ExportTable, Module, Symbol, add_namespace
from pymodpost.modpost.options import ModpostOptions

MAX_UNRESOLVED_REPORTS = 10
PATH_MAX = 4096
#: buf_printf formats into a 500-byte buffer and refuses anything longer
BUF_PRINTF_SIZE = 500

#: include/linux/license.h license_is_gpl_compatible()
GPL_COMPATIBLE = frozenset({"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL",
                            "Dual MPL/GPL"})


#: the names _walk_symbols() looks at one by one start with one of these (bits 0-3: pass 1;
#: bit 4: 6.1's namespace pass; the last two only where exports are __ksymtab_ symbols)
_WALK_PREFIXES = (b"init_module", b"cleanup_module", b"__mod_", b"__ksymtab_", b"__kstrtabns_")

#: reading objects in worker processes pays off from about this many objects on
PARALLEL_THRESHOLD = 64


def default_jobs() -> int:
    """Processes for the read phase: ``PYMODPOST_JOBS``, else the CPUs this process may run on.

    On the idle 2-core machine two workers read the 4,023-module corpus in 1.2 s against
    1.8 s for one process.  When the other core is busy the pool only adds its overhead
    (docs/design.md has the numbers); ``PYMODPOST_JOBS=1`` keeps everything in one process."""
    env = os.environ.get("PYMODPOST_JOBS")
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            pass
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class StartedRead(Protocol):
    """A read of the ``-T`` list's later objects, running while the main process works."""

    def finish(self) -> None: ...
    def abandon(self) -> None: ...


#: (the Modpost, the object names, the number of processes) -> a started read
ParallelReader = Callable[["Modpost", list[str], int], StartedRead]


class Stop(Exception):
    """The run ends now with ``status`` (fatal(), perror()+exit(1))."""

    def __init__(self, status: int = 1):
        super().__init__(status)
        self.status = status


@dataclass(slots=True)
class ModpostResult:
    status: int
    diagnostics: list[Diagnostic]
    modules: list[Module]
    #: files as modpost would have them after the run: path -> bytes (also those left unchanged)
    outputs: dict[str, bytes] = field(default_factory=dict)
    #: the Module.symvers rows of ``-o`` (computed even when an error suppressed writing)
    symvers: list[SymversEntry] = field(default_factory=list)
    sec_mismatch_count: int = 0
    #: name of the kernel dialect whose modpost produced this result
    dialect: str = ""

    @property
    def stderr(self) -> str:
        return "".join(d.text for d in self.diagnostics)


class Modpost:
    """One modpost run.  ``cwd`` is where relative paths are taken from (modpost's CWD)."""

    def __init__(self, options: ModpostOptions, *, rules: ModpostRules | None = None, cwd: str | None = None,
                 stdin: str | None = None, write: bool = True, jobs: int | None = None,
                 parallel_read: "ParallelReader | None" = None):
        self.opts = options
        #: the dialect's modpost differences
        self.rules = rules if rules is not None else DEFAULT.modpost
        self._texts = STYLES[self.rules.message_style]
        #: worker processes for reading objects (None: PYMODPOST_JOBS, else the usable CPUs)
        self.jobs = jobs
        #: starts reading a long ``-T`` list in worker processes (the caller's choice, usually
        #: :class:`pymodpost.modpost.parallel.ParallelRead`, which builds on this class); None
        #: reads every object in this process
        self.parallel_read = parallel_read
        self.cwd = cwd
        self.stdin = stdin
        self.write_files = write
        self.diagnostics: list[Diagnostic] = []
        self.modules: list[Module] = []
        self.exports = ExportTable()
        self.error_occurred = False
        self.nr_unresolved = 0
        self.sec_mismatch_count = 0
        self.outputs: dict[str, bytes] = {}
        self.symvers: list[SymversEntry] = []
        #: what file2alias's stack buffers were left holding, for the formatter that reads one
        #: uninitialised (7.3 do_pci_entry() after an unknown driver_override)
        self.file2alias_leftovers: dict[str, str] = {}
        #: 64 - sizeof(Elf_Addr): decided by the ELF class of the objects (56 for 64-bit)
        self.module_name_len = 56
        #: add_versions(): symbol name -> (CRC, its ____versions line)
        self._version_lines: dict[str, tuple[int, str]] = {}

    # -- logging ------------------------------------------------------------------------

    def log(self, level: str, kind: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(level, kind, message))
        if level == ERROR:
            self.error_occurred = True

    def warn(self, kind: str, message: str) -> None:
        self.log(WARNING, kind, message)

    def error(self, kind: str, message: str) -> None:
        self.log(ERROR, kind, message)

    def fatal(self, kind: str, message: str) -> None:
        """fatal(): the message at the dialect's fatal level, then the run ends."""
        self.log(self.rules.fatal_level, kind, message)
        raise Stop(1)

    def text(self, kind: str, mod: Module, **fields: str) -> str:
        """The dialect's wording of a per-module message about ``mod``."""
        shown = mod.name if mod.is_vmlinux else mod.name + ".ko"
        return self._texts[kind].format(name=mod.name, base=mod.basename, file=mod.object_path, shown=shown,
                                        **fields)

    def raw(self, kind: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(RAW, kind, message))

    def perror_exit(self, path: str, strerror: str) -> None:
        self.raw("io", f"{path}: {strerror}\n")
        raise Stop(1)

    # -- files --------------------------------------------------------------------------

    def path(self, p: str) -> str:
        return p if self.cwd is None or os.path.isabs(p) else os.path.join(self.cwd, p)

    def read_file_bytes(self, name: str) -> bytes:
        """The whole file; perror + exit(1) if unreadable."""
        try:
            return read_small_file(self.path(name))
        except OSError as e:
            self.perror_exit(name, os.strerror(e.errno) if e.errno else str(e))

    def read_text_file(self, name: str) -> str:
        """read_text_file(): the whole file as a C string; perror + exit(1) if unreadable."""
        return c_string(self.read_file_bytes(name).decode("utf-8", "surrogateescape"))

    def write_buf(self, name: str, text: str) -> None:
        data = text.encode("utf-8", "surrogateescape")
        if self.error_occurred:
            return
        self.outputs[name] = data
        if self.write_files:
            try:
                write_atomic(self.path(name), data)
            except OSError as e:
                self.perror_exit(name, os.strerror(e.errno) if e.errno else str(e))

    def write_if_changed(self, name: str, text: str) -> None:
        data = text.encode("utf-8", "surrogateescape")
        try:
            if read_small_file(self.path(name)) == data:
                self.outputs[name] = data
                return
        except OSError:
            pass
        self.write_buf(name, text)

    def bprintf(self, buf: list[str], text: str) -> None:
        """buf_printf(): one formatted piece; 500 bytes or more is FATAL."""
        if len(text) < BUF_PRINTF_SIZE // 4:  # at most 4 bytes per character: surely short
            buf.append(text)
            return
        size = len(text.encode("utf-8", "surrogateescape"))
        if size >= BUF_PRINTF_SIZE:
            shown = text.encode("utf-8", "surrogateescape")[:BUF_PRINTF_SIZE - 1].decode("utf-8", "surrogateescape")
            self.fatal("buf-overflow", f"buf_printf output truncated for string {shown}: {size + 1} bytes needed, "
                                       f"{BUF_PRINTF_SIZE} available\n")
        buf.append(text)

    # -- main ---------------------------------------------------------------------------

    def run(self) -> ModpostResult:
        status = 0
        # Hundreds of thousands of long-lived symbol records and no cyclic garbage worth
        # collecting during the run: the cyclic collector only rescans them (~15% of the CPU
        # time on the 4,000-module corpus).  It is switched back on afterwards.
        collecting = gc.isenabled()
        gc.disable()
        try:
            status = self._main()
        except Stop as stop:
            status = stop.status
        finally:
            if collecting:
                gc.enable()
        return ModpostResult(status, self.diagnostics, self.modules, self.outputs, self.symvers,
                             self.sec_mismatch_count)

    def _main(self) -> int:
        opts = self.opts
        # Children reading the object list's later segments start first: they need nothing
        # of what the dumps and the positional objects put in place (parallel.py).
        listed, early = self._start_parallel_read()
        try:
            for dump in opts.dump_files:
                self.read_dump(dump)
            for obj in opts.objects:
                self.read_symbols(obj)
            if early is not None:
                early.finish()
            elif opts.files_source is not None:
                self.read_symbols_from_files(opts.files_source, listed)
        finally:
            if early is not None:
                early.abandon()

        if self.rules.checks_before_writing:
            for mod in self.modules:
                if mod.no_trim_symbols:
                    self.keep_no_trim_symbols(mod)
                if mod.from_dump or mod.is_vmlinux:
                    continue
                self.check_modname_len(mod)
                self.check_exports(mod)
        if opts.unused_exports_white_list is not None:
            self.handle_white_list_exports(opts.unused_exports_white_list)

        for mod in self.modules:
            if mod.from_dump:
                continue
            if mod.is_vmlinux:
                self.write_vmlinux_export_c_file(mod)
            else:
                self.write_mod_c_file(mod)

        if opts.missing_namespace_deps is not None:
            self.write_namespace_deps_files(opts.missing_namespace_deps)
        self.symvers = self.dump_rows()
        if opts.dump_write is not None:
            self.write_buf(opts.dump_write, "".join(e.line() for e in self.symvers))
        if self.sec_mismatch_count and not opts.sec_mismatch_warn_only:
            self.error("section-mismatches-detected", "Section mismatches detected.\n"
                       "Set CONFIG_SECTION_MISMATCH_WARN_ONLY=y to allow them.\n")
        if self.nr_unresolved > MAX_UNRESOLVED_REPORTS:
            self.warn("unresolved-suppressed", f"suppressed {self.nr_unresolved - MAX_UNRESOLVED_REPORTS} "
                      "unresolved symbol warnings because there were too many)\n")
        return 1 if self.error_occurred else 0

    # -- modules and exports ------------------------------------------------------------

    def new_module(self, name: str) -> Module:
        mod = Module(name, is_vmlinux=(name == "vmlinux"))
        self.modules.append(mod)
        return mod

    def find_module(self, name: str) -> Module | None:
        for mod in self.modules:
            if mod.name == name:
                return mod
        return None

    def sym_add_exported(self, name: str, mod: Module, gpl_only: bool, namespace: str | None = None) -> Symbol:
        s = Symbol(name, module=mod, is_gpl_only=gpl_only, namespace=namespace or None)
        self.add_export(s)
        mod.exported_symbols.append(s)
        return s

    def add_export(self, s: Symbol) -> None:
        """Enter an export into the global table, with modpost's "exported twice" check."""
        mod = s.module
        prev = self.exports.find(s.name)
        if prev is not None and (not self.opts.external_module or prev.module.is_vmlinux or prev.module is mod):
            self.error("exported-twice", self.text("exported-twice", mod, sym=s.name, prev=prev.module.name
                                                   + ("" if prev.module.is_vmlinux else ".ko")))
        self.exports.add(s)

    def sym_update_namespace(self, name: str, namespace: str) -> None:
        s = self.exports.find(name)
        if s is None:
            self.error("namespace-without-export", f"Could not update namespace({namespace}) for symbol {name}\n")
            return
        s.namespace = namespace or None

    # -- read_dump ----------------------------------------------------------------------

    def read_dump(self, fname: str) -> None:
        self._dump_file = fname
        text = self.read_text_file(fname)
        try:
            rows = parse_symvers(text, fname)
        except SymversParseError as e:
            # lines before the bad one were taken in already; replay them, then stop
            good = parse_symvers("\n".join(text.split("\n")[:e.line_number - 1]) + "\n", fname) \
                if e.line_number > 1 else []
            self._take_dump_rows(good)
            self.fatal("symvers-parse", e.message + "\n")
            return
        self._take_dump_rows(rows)

    def _take_dump_rows(self, rows: list[SymversEntry | UnknownExportType]) -> None:
        if self.rules.dump_modules_per_file:
            # find_module(dump_file, name): only this file's modules (all earlier ones are dumps)
            modules = {m.name: m for m in reversed(self.modules) if m.dump_file == self._dump_file}
        else:
            modules = {m.name: m for m in reversed(self.modules)}
        for row in rows:
            if isinstance(row, UnknownExportType):
                self.error("symvers-unknown-export", row.message)
                continue
            mod = modules.get(row.module)
            if mod is None:
                mod = self.new_module(row.module)
                mod.from_dump = True
                mod.dump_file = self._dump_file
                modules[row.module] = mod
            s = Symbol(row.symbol, module=mod, is_gpl_only=row.gpl_only, crc=row.crc, crc_valid=True)
            self.add_export(s)
            mod.exported_symbols.append(s)
            if row.symbol.startswith("."):
                self.sym_update_namespace(row.symbol, row.namespace)  # the lookup drops the dot
            else:
                s.namespace = row.namespace or None  # the lookup finds the export just added

    # -- read_symbols -------------------------------------------------------------------

    def _start_parallel_read(self):
        """(the ``-T`` list if it was read, a started parallel read of it or None).  The read
        starts when the list is long enough and there are CPUs for it; an unreadable list is
        left to read_symbols_from_files() to report at its place in the run."""
        source = self.opts.files_source
        if self.parallel_read is None:
            return None, None
        jobs = self.jobs if self.jobs is not None else default_jobs()
        if source is None or jobs < 2:
            return None, None
        try:
            names = self.object_list(source)
        except OSError:
            return None, None
        if len(names) < PARALLEL_THRESHOLD:
            return names, None
        return names, self.parallel_read(self, names, jobs)

    def read_symbols_from_files(self, source: str, names: list[str] | None = None) -> None:
        """read_symbols() of every object the ``-T`` list names (``names``: already read)."""
        if names is None:
            try:
                names = self.object_list(source)
            except OSError as e:
                self.fatal("io", f"Can't open filenames file {source}: {os.strerror(e.errno)}")
        for name in names:
            self.read_symbols(name)

    def object_list(self, source: str) -> list[str]:
        """The object names of ``-T source`` (``-`` is stdin where the dialect reads it), split
        as modpost's fgets() loop splits them."""
        if source == "-" and self.rules.list_from_stdin:
            text = self.stdin if self.stdin is not None else ""
        else:
            with open(self.path(source), "rb") as f:
                text = f.read().decode("utf-8", "surrogateescape")
        names = []
        # fgets(fname, PATH_MAX, in): lines longer than PATH_MAX-1 come in pieces
        for line in _split_keep(text):
            while len(line) > PATH_MAX - 1:
                names.append(line[:PATH_MAX - 1])
                line = line[PATH_MAX - 1:]
            if line.endswith("\n"):
                line = line[:-1]
            names.append(c_string(line))
        return names

    def read_symbols(self, filename: str) -> None:
        if not filename.endswith(".o"):
            self.error("not-dot-o", f"{filename}: filename must be suffixed with .o\n")
            return
        try:
            data = of.grab_file(self.path(filename))
        except of.ObjectUnreadable as e:
            if self.opts.ignore_missing_files:
                self.raw("ignored", f"{filename}: {e.strerror} (ignored)\n")
                return
            self.perror_exit(filename, e.strerror)
        if len(data) < (64 if data[4:5] != b"\x01" else 52) or data[:4] != b"\x7fELF":
            return  # an empty .o or not ELF at all: silently skipped
        if self.rules.rejects_unknown_endian and data[5] not in (elfc.ELFDATA2LSB, elfc.ELFDATA2MSB):
            self.fatal("bad-object", "target endian is unknown\n")
        try:
            obj = of.ObjectFile(filename, data)
        except of.ObjectFatal as e:
            self.fatal("bad-object", e.message)
            return
        except (ValueError, IndexError, OverflowError, MemoryError) as e:
            self.fatal("bad-object", f"{filename}: malformed object ({type(e).__name__}: {e})\n")
            return
        try:
            self._read_object(filename, obj)
        except of.ObjectFatal as e:
            self.fatal("bad-object", e.message)
        except (ValueError, IndexError, OverflowError, MemoryError, UnicodeError) as e:
            # a field the C code would trust blindly (and crash on): stop with a clear message
            self.fatal("bad-object", f"{filename}: malformed object ({type(e).__name__}: {e})\n")

    def _read_object(self, filename: str, obj: of.ObjectFile) -> None:
        self.module_name_len = 64 - (8 if obj.is64 else 4)
        mod = self.new_module(filename[:-2])
        mod.object_path = filename

        if self.rules.no_trim_symbols:
            mod.no_trim_symbols = obj.no_trim_symbols
        if not mod.is_vmlinux:
            licenses = of.modinfo_values(obj.modinfo, "license")
            if not licenses:
                self.error("missing-license", self.text("missing-license", mod))
            for lic in licenses:
                if lic not in GPL_COMPATIBLE:
                    mod.is_gpl_compatible = False
                    break
            for ns in of.modinfo_values(obj.modinfo, "import_ns"):
                if self.rules.module_namespaces and ns.startswith(MODULE_NS_PREFIX):
                    self.error("module-namespace-import", self.text("module-namespace-import", mod, ns=ns))
                add_namespace(mod.imported_namespaces, ns)
            if self._description_warned and not of.modinfo_values(obj.modinfo, "description"):
                self.warn("missing-description", self.text("missing-description", mod))

        self._walk_symbols(mod, obj)

        from pymodpost.modpost.secmismatch import check_sec_ref

        self.sec_mismatch_count += check_sec_ref(self, self.rules.section_check, mod, obj, self._export_records,
                                                 self.opts.extra_warn)

        if not mod.is_vmlinux:
            if of.modinfo_values(obj.modinfo, "version") or self.opts.all_versions:
                from pymodpost.modpost.sumversion import get_src_version

                mod.srcversion = get_src_version(self, mod.name)

        if self.opts.modversions:
            mod.unresolved_symbols.append(Symbol("module_layout"))
            self.mod_set_crcs(mod)

    @property
    def _description_warned(self) -> bool:
        """Whether a module without MODULE_DESCRIPTION() is warned about in this run."""
        when = self.rules.description_warning
        return when == "always" or (when == "with-W" and self.opts.extra_warn)

    @property
    def _export_records(self):
        """What the section scan calls for each ``.export_symbol`` relocation (6.5+ with -M)."""
        if self.rules.export_discovery == "export-symbol-section" and self.opts.module_enabled:
            return self.sym_add_exported
        return None

    def _walk_symbols(self, mod: Module, obj: of.ObjectFile) -> None:
        """Both symbol-table passes of read_symbols(), touching in Python only symbols that matter.

        Undefined symbols only ever append to the module's unresolved list (nothing is printed
        for them here), so they are taken in bulk, in symbol-table order; the other interesting
        symbols (COMMON, __ksymtab_*, init/cleanup_module, device tables) go one by one, in
        order, because they may print."""
        shndx = obj.sym_shndx
        bind = obj.sym_bind
        from_ksymtab = self.rules.export_discovery == "ksymtab-symbols"
        tags = obj.prefix_tags(_WALK_PREFIXES if from_ksymtab else _WALK_PREFIXES[:3])
        undef = (shndx == of.SHN_UNDEF) & ((bind == of.STB_GLOBAL) | (bind == of.STB_WEAK))
        common = shndx == of.SHN_COMMON
        # defined names with one of the first four prefixes, and every COMMON symbol
        interesting = ((tags & 0xF).astype(bool) & (shndx != of.SHN_UNDEF)) | common
        # 6.1's pass 2 looks at every symbol, defined or not, for namespaces
        ns_idx = (tags & 0x10).nonzero()[0] if from_ksymtab else np.zeros(0, np.int64)
        machine = modpost_machine(obj.machine)

        undef_idx = undef.nonzero()[0]  # np.flatnonzero() without its Python wrapper
        if len(undef_idx):
            weak = (bind[undef_idx] == of.STB_WEAK).tolist()
            names = obj.names_of(undef_idx)
            out = mod.unresolved_symbols
            if self.rules.ignores_section_bounds:
                # linker-made __start_<sec>/__stop_<sec> are no imports (7.3)
                keep = [not n.startswith(("__start_", "__stop_")) for n in names]
                if not all(keep):
                    names = [n for n, k in zip(names, keep) if k]
                    weak = [w for w, k in zip(weak, keep) if k]
            if machine.plain_undefs and "." not in "".join(names):
                # the common case, ~220,000 symbols in the Debian corpus: Symbol(name) by map,
                # then the few weak ones marked, is twice as fast as keyword construction
                syms = list(map(Symbol, names))
                if True in weak:
                    for k, w in enumerate(weak):
                        if w:
                            syms[k].weak = True
                if "__this_module" in names or "_GLOBAL_OFFSET_TABLE_" in names:
                    syms = [s for s in syms if s.name != "__this_module" and s.name != "_GLOBAL_OFFSET_TABLE_"]
                out.extend(syms)
            else:
                sparc = machine.sparc_register_symbols
                types = obj.sym_type[undef_idx].tolist() if sparc else None
                for k, raw in enumerate(names):
                    symname = remove_dot(raw) if "." in raw else raw
                    if machine.ignore_undef_symbol(symname):
                        continue
                    if sparc:
                        if types[k] == of.STT_SPARC_REGISTER:
                            continue
                        if symname.startswith("."):
                            symname = "_" + symname[1:2].upper() + symname[2:]
                    out.append(Symbol(symname, weak=weak[k]))

        pass1 = interesting.nonzero()[0]
        if len(pass1):
            from pymodpost.modpost.file2alias import handle_moddevtable

            for i, raw in zip(pass1.tolist(), obj.names_of(pass1)):
                symname = remove_dot(raw)
                sh = int(shndx[i])
                if sh == of.SHN_COMMON:
                    if not symname.startswith("__gnu_lto_"):
                        self.warn("common-symbol", self.text("common-symbol", mod, sym=symname))
                    continue
                if from_ksymtab and symname.startswith("__ksymtab_"):
                    secname = obj.sec_name(int(obj.sym_secindex[i]))
                    if secname.startswith("___ksymtab_gpl+"):
                        self.sym_add_exported(symname[10:], mod, True)
                    elif secname.startswith("___ksymtab+"):
                        self.sym_add_exported(symname[10:], mod, False)
                if symname == "init_module":
                    mod.has_init = True
                if symname == "cleanup_module":
                    mod.has_cleanup = True
                if symname.startswith("__mod_"):
                    handle_moddevtable(self, self.rules, mod, obj, i, symname)

        for i, raw in zip(ns_idx.tolist(), obj.names_of(ns_idx)):
            symname = remove_dot(raw)
            if symname.startswith("__kstrtabns_"):
                value = obj.c_string_in_section(int(obj.sym_secindex[i]), int(obj.sym_value[i]))
                self.sym_update_namespace(symname[12:], value)

    # -- CRCs ---------------------------------------------------------------------------

    def mod_set_crcs(self, mod: Module) -> None:
        if mod.is_vmlinux:
            objlist = ".vmlinux.objs"
        else:
            objlist = f"{mod.name}.mod"
            if len(objlist.encode()) >= PATH_MAX:
                self.error("path-too-long", f"{objlist[:PATH_MAX - 1]}: too long path was truncated\n")
                return
        text = self.read_text_file(objlist)
        for obj in text.split("\n"):
            if not obj:
                break
            self.extract_crcs_for_object(obj, mod)

    def extract_crcs_for_object(self, obj: str, mod: Module) -> None:
        slash = obj.rfind("/")
        if self.rules.cmd_file_from_stem:
            # "%.*s.%.*s.o.cmd": the name minus its last two characters (".o"), and minus
            # ".thinlto-native" for Clang's distributed ThinLTO objects
            stem = obj[slash + 1:len(obj) - 2] if len(obj) - slash - 1 >= 2 else ""
            if obj.endswith(".thinlto-native.o"):
                stem = stem[:-len(".thinlto-native")]
            cmd_file = f"{obj[:slash + 1]}.{stem}.o.cmd"
        else:
            cmd_file = f"{obj[:slash + 1]}.{obj[slash + 1:]}.cmd"
        if len(cmd_file.encode()) >= PATH_MAX:
            self.error("path-too-long", f"{cmd_file[:PATH_MAX - 1]}: too long path was truncated\n")
            return
        buf = self.read_text_file(cmd_file)
        marker = "\n#SYMVER "
        p = 0
        while True:
            p = buf.find(marker, p)
            if p < 0:
                break
            name_start = p + len(marker)
            space = buf.find(" ", name_start)
            if space < 0:
                break
            name = buf[name_start:space]
            p = space + 1
            if p >= len(buf) or buf[p] not in "0123456789":
                continue
            crc, used = strtoul(buf[p:], 0)
            p += used
            if p >= len(buf) or buf[p] != "\n":
                continue
            sym = self.exports.find(name, mod)
            if sym is not None:
                sym.crc = crc & 0xFFFFFFFF
                sym.crc_valid = True

    # -- checks and the .mod.c ----------------------------------------------------------

    def check_exports(self, mod: Module) -> None:
        find = self.exports.find
        chains = self.exports.chains  # ExportTable.latest() inlined: ~200k lookups per corpus
        basename = mod.basename
        module_namespaces = self.rules.module_namespaces
        for s in mod.unresolved_symbols:
            name = s.name
            if name.startswith("."):
                exp = find(name)
            else:
                chain = chains.get(name)
                exp = chain[-1] if chain else None
            if exp is None:
                if not s.weak:
                    if self.nr_unresolved < MAX_UNRESOLVED_REPORTS:
                        self.log(WARNING if self.opts.warn_unresolved else ERROR, "undefined",
                                 self.text("undefined", mod, sym=s.name))
                    self.nr_unresolved += 1
                continue
            if exp.module is mod:
                self.error("exported-without-definition", self.text("exported-without-definition", mod, sym=s.name))
                continue
            exp.used = True
            s.module = exp.module
            s.crc_valid = exp.crc_valid
            s.crc = exp.crc
            ns = exp.namespace
            if ns and ns not in mod.imported_namespaces \
                    and not (module_namespaces and verify_module_namespace(ns, basename)):
                self.log(WARNING if self.opts.allow_missing_ns_imports else ERROR, "namespace-not-imported",
                         self.text("namespace-not-imported", mod, sym=exp.name, ns=ns))
                add_namespace(mod.missing_namespaces, ns)
            if not mod.is_gpl_compatible and exp.is_gpl_only:
                self.error("gpl-only-symbol", self.text("gpl-only-symbol", mod, sym=exp.name))

    def handle_white_list_exports(self, white_list: str) -> None:
        """``-u``: the exports named in the file count as used (kept by ``-t``)."""
        for name in self.read_text_file(white_list).split("\n"):
            sym = self.exports.find(name)
            if sym is not None:
                sym.used = True

    def keep_no_trim_symbols(self, mod: Module) -> None:
        """7.3: exports named in the module's ``.no_trim_symbol`` section count as used."""
        for name in mod.no_trim_symbols:
            sym = self.exports.find(name)
            if sym is not None:
                sym.used = True

    def _kept_exports(self, mod: Module) -> list[Symbol]:
        """The module's exports that are written out (``-t`` drops those nothing uses)."""
        if self.opts.trim_unused_exports:
            return [s for s in mod.exported_symbols if s.used]
        return mod.exported_symbols

    def check_modname_len(self, mod: Module) -> None:
        if len(mod.basename.encode()) >= self.module_name_len:
            self.error("module-name-too-long", self.text("module-name-too-long", mod))

    def add_header(self, b: list[str], mod: Module) -> None:
        vermagic = self.rules.vermagic_in_mod_c
        if vermagic:
            b.append("#include <linux/module.h>\n"
                     "#define INCLUDE_VERMAGIC\n"
                     "#include <linux/build-salt.h>\n"
                     "#include <linux/elfnote-lto.h>\n"
                     "#include <linux/export-internal.h>\n"
                     "#include <linux/vermagic.h>\n"
                     "#include <linux/compiler.h>\n"
                     "\n"
                     "BUILD_SALT;\n"
                     "BUILD_LTO_INFO;\n"
                     "\n"
                     "MODULE_INFO(vermagic, VERMAGIC_STRING);\n")
        else:
            b.append("#include <linux/module.h>\n"
                     "#include <linux/export-internal.h>\n"
                     "#include <linux/compiler.h>\n"
                     "\n")
        b.append("MODULE_INFO(name, KBUILD_MODNAME);\n"
                 "\n"
                 "__visible struct module __this_module\n"
                 "__section(\".gnu.linkonce.this_module\") = {\n"
                 "\t.name = KBUILD_MODNAME,\n")
        if mod.has_init:
            b.append("\t.init = init_module,\n")
        if mod.has_cleanup:
            b.append("#ifdef CONFIG_MODULE_UNLOAD\n\t.exit = cleanup_module,\n#endif\n")
        b.append("\t.arch = MODULE_ARCH_INIT,\n};\n")
        if not self.opts.external_module:
            b.append("\nMODULE_INFO(intree, \"Y\");\n")
        if vermagic:
            b.append("\n#ifdef CONFIG_RETPOLINE\nMODULE_INFO(retpoline, \"Y\");\n#endif\n")
        if mod.name.startswith("drivers/staging"):
            b.append("\nMODULE_INFO(staging, \"Y\");\n")
        if mod.name.startswith("tools/testing"):
            b.append("\nMODULE_INFO(test, \"Y\");\n")

    def add_exported_symbols(self, b: list[str], mod: Module) -> None:
        exports = self._kept_exports(mod)
        style = self.rules.export_lines
        if style == "ksymtab-license":
            b.append("\n")
            for sym in exports:
                self.bprintf(b, f"KSYMTAB_{'FUNC' if sym.is_func else 'DATA'}({sym.name}, "
                                f"\"{'_gpl' if sym.is_gpl_only else ''}\", \"{sym.namespace or ''}\");\n")
        elif style == "ksymtab-flags":
            b.append("\n")
            for sym in exports:
                self.bprintf(b, f"KSYMTAB_{'FUNC' if sym.is_func else 'DATA'}({sym.name}, \"{sym.namespace or ''}\");\n")
                # KSYM_FLAG_GPL_ONLY
                self.bprintf(b, f"SYMBOL_FLAGS({sym.name}, 0x{1 if sym.is_gpl_only else 0:02x});\n")
        if not self.opts.modversions:
            return
        b.append("\n")
        with_license = style != "ksymtab-flags"
        for sym in exports:
            if not sym.crc_valid:
                self.warn("export-without-crc", self.text("export-without-crc", mod, sym=sym.name))
            if with_license:
                self.bprintf(b, f"SYMBOL_CRC({sym.name}, 0x{sym.crc:08x}, \"{'_gpl' if sym.is_gpl_only else ''}\");\n")
            else:
                self.bprintf(b, f"SYMBOL_CRC({sym.name}, 0x{sym.crc:08x});\n")

    def add_versions(self, b: list[str], mod: Module) -> None:
        if not (self.opts.basic_modversions if self.rules.versions_need_basic else self.opts.modversions):
            return
        b.append("\nstatic const struct modversion_info ____versions[]\n__used __section(\"__versions\") = {\n")
        limit = self.module_name_len
        append = b.append
        zero_padded = self.rules.versions_crc_format == "0x%08x"
        extended = self.opts.extended_modversions
        # the same imports recur in module after module (~200,000 lines, ~10,000 distinct in
        # the Debian corpus): each (name, CRC) line is formatted once
        lines = self._version_lines
        for s in mod.unresolved_symbols:
            if s.module is None:
                continue
            name = s.name
            if not s.crc_valid:
                self.warn("no-crc", self.text("no-crc", mod, sym=name))
                continue
            if len(name) >= limit // 4 and len(name.encode("utf-8", "surrogateescape")) >= limit:
                if extended:
                    continue  # only in the extended tables
                self.error("symbol-name-too-long", self.text("symbol-name-too-long", mod, sym=name))
                break
            crc = s.crc
            known = lines.get(name)
            if known is None or known[0] != crc:
                if zero_padded:
                    line = f"\t{{ 0x{crc:08x}, \"{name}\" }},\n"
                else:
                    # printf("%#8x"): 0x-prefixed and right-aligned in 8 columns, except 0 (no prefix)
                    line = f"\t{{ {crc:#8x}, \"{name}\" }},\n" if crc else f"\t{{        0, \"{name}\" }},\n"
                known = lines[name] = (crc, line)
            append(known[1])
        append("};\n")

    def add_extended_versions(self, b: list[str], mod: Module) -> None:
        """-x (7.3): every versioned import's CRC and name, long names included."""
        if not self.opts.extended_modversions:
            return
        b.append("\nstatic const u32 ____version_ext_crcs[]\n__used __section(\"__version_ext_crcs\") = {\n")
        versioned = []
        for s in mod.unresolved_symbols:
            if s.module is None:
                continue
            if not s.crc_valid:
                self.warn("no-crc", self.text("no-crc", mod, sym=s.name))
                continue
            versioned.append(s)
            b.append(f"\t0x{s.crc:08x},\n")
        b.append("};\nstatic const char ____version_ext_names[]\n__used __section(\"__version_ext_names\") =\n")
        for s in versioned:
            self.bprintf(b, f"\t\"{s.name}\\0\"\n")
        b.append(";\n")

    def add_depends(self, b: list[str], mod: Module) -> None:
        for s in mod.unresolved_symbols:
            if s.module is not None:
                s.module.seen = s.module.is_vmlinux
        b.append("\nMODULE_INFO(depends, \"")
        first = True
        for s in mod.unresolved_symbols:
            owner = s.module
            if owner is None or owner.seen:
                continue
            owner.seen = True
            self.bprintf(b, ("" if first else ",") + owner.basename)
            first = False
        b.append("\");\n")

    def add_moddevtable(self, b: list[str], mod: Module) -> None:
        b.append("\n")
        if self.rules.device_aliases == "buffer":
            b.extend(mod.dev_table_buf)
            return
        for alias in mod.aliases:
            self.bprintf(b, f"MODULE_ALIAS(\"{alias}\");\n")

    def add_srcversion(self, b: list[str], mod: Module) -> None:
        if mod.srcversion:
            b.append(f"\nMODULE_INFO(srcversion, \"{mod.srcversion}\");\n")

    def write_mod_c_file(self, mod: Module) -> None:
        if not self.rules.checks_before_writing:
            self.check_modname_len(mod)
            self.check_exports(mod)
        b: list[str] = []
        self.add_header(b, mod)
        self.add_exported_symbols(b, mod)
        self.add_versions(b, mod)
        self.add_extended_versions(b, mod)
        self.add_depends(b, mod)
        self.add_moddevtable(b, mod)
        self.add_srcversion(b, mod)
        fname = f"{mod.name}.mod.c"
        if len(fname.encode()) >= PATH_MAX:
            self.error("path-too-long", f"{fname[:PATH_MAX - 1]}: too long path was truncated\n")
            return
        self.write_if_changed(fname, "".join(b))

    def write_vmlinux_export_c_file(self, mod: Module) -> None:
        b = ["#include <linux/export-internal.h>\n"]
        self.add_exported_symbols(b, mod)
        if self.rules.vmlinux_export_aliases:
            b.append("#include <linux/module.h>\n#undef __MODULE_INFO_PREFIX\n#define __MODULE_INFO_PREFIX\n")
            for alias, builtin in mod.aliases.items():
                self.bprintf(b, f"MODULE_INFO({builtin}.alias, \"{alias}\");\n")
        self.write_if_changed(".vmlinux.export.c", "".join(b))

    def write_namespace_deps_files(self, fname: str) -> None:
        b = []
        for mod in self.modules:
            if mod.from_dump or not mod.missing_namespaces:
                continue
            self.bprintf(b, f"{mod.name}.ko:")
            for ns in mod.missing_namespaces:
                self.bprintf(b, f" {ns}")
            b.append("\n")
        self.write_if_changed(fname, "".join(b))

    def dump_rows(self) -> list[SymversEntry]:
        rows = []
        for mod in self.modules:
            if mod.from_dump:
                continue
            for sym in self._kept_exports(mod):
                rows.append(SymversEntry(sym.crc, sym.name, mod.name, sym.is_gpl_only, sym.namespace or ""))
        return rows


MODULE_NS_PREFIX = "module:"


def verify_module_namespace(namespace: str, modname: str) -> bool:
    """7.3 verify_module_namespace(): a ``module:a,b*`` namespace grants access to the modules
    it names, each pattern exact or with a trailing ``*``."""
    if not namespace.startswith(MODULE_NS_PREFIX):
        return False
    for pattern in namespace[len(MODULE_NS_PREFIX):].split(","):
        if pattern.endswith("*"):
            if modname.startswith(pattern[:-1]):
                return True
        elif pattern == modname:
            return True
    return False


def read_small_file(path: str) -> bytes:
    """The bytes of a file with the fewest system calls (open, fstat, read, close): modpost reads
    thousands of small .mod/.cmd/.mod.c files, and Python's buffered open() adds three more each."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        chunks = []
        while True:
            chunk = os.read(fd, max(size, 65536))
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _split_keep(text: str) -> list[str]:
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


