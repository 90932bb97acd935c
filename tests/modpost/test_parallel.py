"""Reading objects in worker processes gives exactly the sequential result (messages, order, files)."""

from __future__ import annotations

import shutil

from tests.conftest import TESTDATA

OBJECTS = ["exports", "consumer", "devtables", "devtables2", "mismatch", "dup_export", "ns_missing", "unresolved"]


def _tree(where, copies: int) -> list[str]:
    names = []
    for n in range(copies):
        for obj in OBJECTS:
            src = TESTDATA / "x86_64" / obj / f"{obj}.o"
            if not src.exists():
                continue
            d = where / f"d{n}"
            d.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, d / f"{obj}.o")
            names.append(f"d{n}/{obj}.o")
    return names


def _run(where, names, jobs, extra):
    from pymodpost.modpost.core import Modpost
    from pymodpost.modpost.options import parse_args

    opts = parse_args([*extra, "-T", "-"], "modpost")
    return Modpost(opts, cwd=str(where), stdin="".join(n + "\n" for n in names), write=False, jobs=jobs).run()


def test_parallel_equals_sequential(tmp_path):
    names = _tree(tmp_path, 10)
    assert len(names) >= 64
    for extra in (["-e", "-w", "-o", "Module.symvers"], ["-o", "Module.symvers"]):
        seq = _run(tmp_path, names, 1, extra)
        par = _run(tmp_path, names, 2, extra)
        assert par.stderr == seq.stderr
        assert par.status == seq.status
        assert par.outputs == seq.outputs
        assert [(m.name, [s.name for s in m.exported_symbols]) for m in par.modules] == \
            [(m.name, [s.name for s in m.exported_symbols]) for m in seq.modules]
        assert "exported twice" in seq.stderr or "-e" in extra
