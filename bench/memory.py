"""Peak memory of a process tree, sampled from /proc (PSS, so forked workers' shared pages
are counted once, not once per worker as a sum of RSS would)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory(root: int) -> tuple[int, int]:
    """(PSS, RSS) of a process and its descendants, in KiB."""
    tree = _children()
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(tree.get(pid, ()))
    return sum(_kib(p, "Pss") for p in pids), sum(_kib(p, "Rss") for p in pids)


class PeakSampler:
    """Samples a process tree's memory in a thread until stopped."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_pss_kib = 0
        self.peak_rss_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pss, rss = tree_memory(self.pid)
            self.peak_pss_kib = max(self.peak_pss_kib, pss)
            self.peak_rss_kib = max(self.peak_rss_kib, rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(cmd: Sequence[str], env: dict[str, str] | None = None,
                 timeout: float | None = None) -> dict:
    """Run a command; its wall time, CPU time, peak PSS/RSS of its process tree and stdout."""
    start = time.perf_counter()
    before = os.times()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.PIPE, env=env, text=True)
    with PeakSampler(proc.pid) as sampler:
        out, _ = proc.communicate(timeout=timeout)
    after = os.times()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}")
    return {"wall_s": time.perf_counter() - start,
            "cpu_s": (after.children_user - before.children_user)
            + (after.children_system - before.children_system),
            "peak_pss_mb": sampler.peak_pss_kib / 1024, "peak_rss_mb": sampler.peak_rss_kib / 1024,
            "stdout": out}
