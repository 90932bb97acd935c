"""Reading objects in worker processes gives exactly the sequential result (messages, order, files)."""

from __future__ import annotations

import shutil

import pytest

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
    from pymodpost.modpost.parallel import ParallelRead

    opts = parse_args([*extra, "-T", "-"], "modpost")
    return Modpost(opts, cwd=str(where), stdin="".join(n + "\n" for n in names), write=False, jobs=jobs,
                   parallel_read=ParallelRead).run()


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


def _corrupt(where, name: str) -> None:
    """Make ``name`` an ET_EXEC file: modpost's FATAL "not relocatable object"."""
    p = where / name
    data = bytearray(p.read_bytes())
    data[16] = 2
    p.write_bytes(bytes(data))


def test_segments_cover_the_list_in_order():
    from pymodpost.modpost.parallel import segments

    for n in (1, 2, 3, 64, 65, 4023):
        names = [str(i) for i in range(n)]
        for jobs in (1, 2, 3, 8):
            parts = segments(names, jobs)
            assert [x for part in parts for x in part] == names
            assert all(parts) and len(parts) <= jobs


def test_three_processes_equal_sequential(tmp_path):
    names = _tree(tmp_path, 12)
    seq = _run(tmp_path, names, 1, ["-o", "Module.symvers"])
    par = _run(tmp_path, names, 3, ["-o", "Module.symvers"])
    assert (par.stderr, par.status, par.outputs) == (seq.stderr, seq.status, seq.outputs)


def test_fatal_in_either_segment_stops_where_sequential_stops(tmp_path):
    from pymodpost.modpost.parallel import segments

    names = _tree(tmp_path, 10)
    main_part, child_part = segments(names, 2)
    for victim in (main_part[len(main_part) // 2], child_part[len(child_part) // 2]):
        shutil.rmtree(tmp_path)
        tmp_path.mkdir()
        _tree(tmp_path, 10)
        _corrupt(tmp_path, victim)
        seq = _run(tmp_path, names, 1, ["-e", "-o", "Module.symvers"])
        par = _run(tmp_path, names, 2, ["-e", "-o", "Module.symvers"])
        assert seq.status == 1 and "not relocatable object" in seq.stderr
        assert (par.stderr, par.status, par.outputs) == (seq.stderr, seq.status, seq.outputs)


def test_a_child_that_dies_is_replaced_by_the_main_process(tmp_path, monkeypatch):
    import os

    from pymodpost.modpost import parallel

    names = _tree(tmp_path, 10)
    seq = _run(tmp_path, names, 1, ["-o", "Module.symvers"])
    monkeypatch.setattr(parallel, "_child", lambda mp, part, fd: os._exit(3))
    par = _run(tmp_path, names, 2, ["-o", "Module.symvers"])
    assert (par.stderr, par.status, par.outputs) == (seq.stderr, seq.status, seq.outputs)


def test_fatal_in_a_dump_while_children_read_leaves_no_child(tmp_path):
    """The children start before the dumps are read; a FATAL there ends them."""
    import os

    names = _tree(tmp_path, 10)
    (tmp_path / "bad.symvers").write_text("0x12345678\tsym\tvmlinux\tEXPORT_SYMBOL\t\n\n")
    extra = ["-i", "bad.symvers", "-o", "Module.symvers"]
    seq = _run(tmp_path, names, 1, extra)
    par = _run(tmp_path, names, 2, extra)
    assert seq.status == 1 and seq.stderr.startswith("FATAL")
    assert (par.stderr, par.status, par.outputs) == (seq.stderr, seq.status, seq.outputs)
    with pytest.raises(ChildProcessError):  # no child left, running or unreaped
        os.waitpid(-1, os.WNOHANG)


def test_fork_failure_falls_back_to_the_main_process(tmp_path, monkeypatch):
    import os

    names = _tree(tmp_path, 12)
    seq = _run(tmp_path, names, 1, ["-o", "Module.symvers"])
    real_fork = os.fork
    forks = []

    def fork_once():
        if forks:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", fork_once)
    par = _run(tmp_path, names, 3, ["-o", "Module.symvers"])  # the second child cannot start
    assert forks == [1]
    assert (par.stderr, par.status, par.outputs) == (seq.stderr, seq.status, seq.outputs)
