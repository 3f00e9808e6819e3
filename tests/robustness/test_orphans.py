"""A `kill -9` of `lapekg add` takes its ingest workers with it, so that the writer lock is free
for an immediate rerun; a lock that processes of a dead build still hold is explained."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from robust_support import FINNISH

from api.generations import Generations, StaleLockError

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (pid 1 here may not reap the orphans it inherits)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.slow
def test_workers_die_with_a_killed_add_and_a_rerun_goes_ahead(live_copy, builder_for,
                                                              tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    for n in range(4):
        (batch / f"raportti_{n}.txt").write_text(f"Raportti {n}. " + FINNISH * 40,
                                                 encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAPEKG_")}
    env.update(LAPEKG_DATA=str(live_copy.data), LAPEKG_MODEL=str(live_copy.model),
               LAPEKG_N_PROCESS="2", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    with (tmp_path / "add.log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "api.cli", "add", str(batch)], cwd=ROOT,
                                env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 240
        while len(workers) < 2:
            assert proc.poll() is None, (tmp_path / "add.log").read_text()
            assert time.monotonic() < deadline, "the add never started its workers"
            time.sleep(0.2)
            workers = [pid for pid in _children(proc.pid) if _running(pid)]

        proc.kill()  # kill -9 of the main process only
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while any(_running(pid) for pid in workers):
            assert time.monotonic() < deadline, f"workers outlived their parent: {workers}"
            time.sleep(0.1)
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in workers:  # orphans of a failed run; nothing to do when the test passes
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    started = time.monotonic()
    report = builder_for(live_copy).add([batch / "raportti_0.txt"])
    assert report.ok and report.added == [str(batch / "raportti_0.txt")]
    assert time.monotonic() - started < 120


def test_a_lock_held_by_a_dead_builds_leftovers_names_them(tmp_path, monkeypatch):
    monkeypatch.setattr("api.generations.STALE_WAIT_S", 0.5)
    data = tmp_path / "data"
    data.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (data / ".lock").write_text(gone.stdout)
    # An orphan that inherited the lock: holds it, while the pid in the file is dead.
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time\n"
        f"f = open({str(data / '.lock')!r}, 'a')\n"
        "fcntl.flock(f, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(StaleLockError) as info, Generations(data).writer_lock():
            pass
        message = str(info.value)
        assert f"the process that took {data / '.lock'} (pid {gone.stdout.strip()}) is gone" \
            in message
        assert f"processes it started still hold the lock: [{holder.pid}]" in message
        assert f"kill {holder.pid}" in message
    finally:
        holder.kill()
        holder.wait()
    with Generations(data).writer_lock():
        assert (data / ".lock").read_text() == f"{os.getpid()}\n"
