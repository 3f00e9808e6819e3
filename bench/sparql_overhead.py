"""The fixed cost of one SPARQL request on running servers: CPU time per request of each
server's process tree (utime + stime from /proc, which a busy machine changes far less than
wall-clock time) and wall-clock p50 / min, the servers interleaved.

    python -m bench.sparql_overhead --requests 1000 \
        lapekg=PID=http://127.0.0.1:8000/sparql oxigraph=PID=http://127.0.0.1:7878/query

The query is the bench's `ask` (bench/sparql_queries.py) unless --query names a file.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HEADERS = {"content-type": "application/sparql-query",
           "accept": "application/sparql-results+json"}


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += children.get(p, [])
    return tree


def _times(pid: int) -> tuple[int, int] | None:
    """(utime + stime, cutime + cstime) of a process in clock ticks; None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def cpu_ms(pids: list[int]) -> float:
    """utime + stime of the processes, in ms (a process that ended counts 0)."""
    return sum((t or (0, 0))[0] for t in map(_times, pids)) / os.sysconf("SC_CLK_TCK") * 1000


class TreeClock:
    """CPU time of a server's process tree between `start()` and `ms()`, counting the workers
    that start or end in between: a SPARQL worker recycled after N queries ends (its whole
    life's CPU then moves to the server's reaped-children time, of which only the part after
    `start()` is counted) and a fresh one starts (all of its CPU counts)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._before: dict[int, int] = {}
        self._reaped = 0

    def start(self) -> None:
        now = {p: t for p in process_tree(self.pid) if (t := _times(p)) is not None}
        self._before = {p: t[0] for p, t in now.items()}
        self._reaped = now.get(self.pid, (0, 0))[1]

    def ms(self) -> float:
        now = {p: t for p in process_tree(self.pid) if (t := _times(p)) is not None}
        ticks = sum(t[0] - self._before.get(p, 0) for p, t in now.items())
        reaped = now.get(self.pid, (0, self._reaped))[1] - self._reaped
        if reaped:  # an ended worker's CPU before start() was counted there already
            reaped -= sum(c for p, c in self._before.items() if p not in now)
        return (ticks + max(0, reaped)) / os.sysconf("SC_CLK_TCK") * 1000


def measure(servers: dict[str, tuple[int, str]], query: bytes, requests: int) -> dict:
    """Per server: CPU ms per request over `requests` requests in a row, then wall-clock ms
    over the same number interleaved request by request."""
    import httpx

    client = httpx.Client(trust_env=False, timeout=60)
    out: dict[str, dict] = {}
    for name, (pid, url) in servers.items():
        clock = TreeClock(pid)
        for _ in range(20):
            client.post(url, content=query, headers=HEADERS).raise_for_status()
        clock.start()
        for _ in range(requests):
            client.post(url, content=query, headers=HEADERS).raise_for_status()
        out[name] = {"cpu_ms_per_request": round(clock.ms() / requests, 3),
                     "processes": len(process_tree(pid))}
    wall: dict[str, list[float]] = {name: [] for name in servers}
    for _ in range(requests):
        for name, (_, url) in servers.items():
            started = time.perf_counter()
            client.post(url, content=query, headers=HEADERS).raise_for_status()
            wall[name].append((time.perf_counter() - started) * 1000)
    for name, times in wall.items():
        out[name].update(p50_ms=round(statistics.median(times), 2), min_ms=round(min(times), 2))
    client.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("servers", nargs="+", help="NAME=PID=URL of each running server")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--query", type=Path, help="a file with the query (default: ask)")
    args = parser.parse_args(argv)
    servers = {}
    for spec in args.servers:
        try:
            name, pid, url = spec.split("=", 2)
            servers[name] = (int(pid), url)
        except ValueError:
            parser.error(f"server {spec!r}: give NAME=PID=URL, e.g. lapekg=1234="
                         "http://127.0.0.1:8000/sparql")
    if args.query:
        query = args.query.read_bytes()
    else:
        from bench.sparql_queries import TYPICAL

        query = next(q.query for q in TYPICAL if q.name == "ask").encode()
    load = os.getloadavg()
    result = measure(servers, query, args.requests)
    print(json.dumps({"load_avg": [load[0], os.getloadavg()[0]], "requests": args.requests,
                      "servers": result}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
