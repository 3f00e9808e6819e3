"""The three SPARQL servers of the side-by-side bench, each on a free 127.0.0.1 port over the
same build: lapekg's /sparql (a real `lapekg serve`), `oxigraph serve` on a store loaded from
the build's N-Quads export and rdflib-endpoint over rdflib's memory store of that export.

The comparison servers live in the bench's own venv (created here with `python -m venv` and
pip), never in lapekg's environment; if they cannot be installed, the caller skips them.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.servers import ServerUnavailableError, free_port, oxigraph_process, server_process

ROOT = Path(__file__).resolve().parent.parent
# What the venv gets: the server binary ships in the oxigraph wheel; the CLI extra of
# rdflib-endpoint brings uvicorn.
VENV_PACKAGES = ("oxigraph", "rdflib-endpoint[cli]")


@dataclass(frozen=True)
class Endpoint:
    """A running server: its name, the URL queries are POSTed to, its process, how long it
    took from launch (and load) to its first answer, and its version."""

    name: str
    url: str
    process: subprocess.Popen
    start_s: float
    version: str


def bench_venv(venv: Path) -> Path:
    """The bench venv's python, with the comparison servers installed; ServerUnavailableError
    with pip's last words if it cannot be made."""
    python = venv / "bin" / "python"
    steps = []
    if not python.exists():
        steps.append([sys.executable, "-m", "venv", str(venv)])
    if not python.exists() or not (venv / "bin" / "oxigraph").exists() \
            or not _has_module(python, "rdflib_endpoint"):
        steps.append([str(python), "-m", "pip", "install", "-q", *VENV_PACKAGES])
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            raise ServerUnavailableError(
                f"could not prepare the bench venv {venv} ({' '.join(step[1:4])} …): "
                f"{done.stderr.strip()[-400:]}; the comparison servers are skipped")
    if not (venv / "bin" / "oxigraph").exists():
        raise ServerUnavailableError(f"{venv}/bin/oxigraph is missing after pip install oxigraph")
    return python


def _has_module(python: Path, module: str) -> bool:
    if not python.exists():
        return False
    return subprocess.run([str(python), "-c", f"import {module}"],
                          capture_output=True).returncode == 0


def _version(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True)
    return (done.stdout or done.stderr).strip().splitlines()[-1] if done.returncode == 0 else "?"


@contextlib.contextmanager
def lapekg_endpoint(data: Path, logs: Path) -> Iterator[Endpoint]:
    """`lapekg serve` on the data directory's current generation, with the product's
    settings (LAPEKG_* from the environment); queries go to /sparql."""
    port = free_port()
    env = {**os.environ, "LAPEKG_DATA": str(data), "PYTHONPATH": str(ROOT),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    cli = str(Path(sys.executable).with_name("lapekg"))
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    with server_process([cli, "serve", "--host", "127.0.0.1", "--port", str(port)],
                        f"{base}/sparql?query=ASK%7B%7D&format=json", logs / "lapekg.log",
                        seconds=600, env=env) as proc:
        from importlib.metadata import version

        yield Endpoint("lapekg", f"{base}/sparql", proc, time.perf_counter() - started,
                       f"lapekg {version('lapekg')} (pyoxigraph {version('pyoxigraph')})")


@contextlib.contextmanager
def oxigraph_endpoint(venv: Path, nquads: Path, work: Path,
                      timeout_s: float) -> Iterator[Endpoint]:
    """`oxigraph serve` (read-write, without --union-default-graph: the default graph is the
    export's, the RDF merge) on a store bulk-loaded from the export by `oxigraph load`; it stops
    a query after `timeout_s`."""
    exe = str(venv / "bin" / "oxigraph")
    location = work / "oxigraph-db"
    started = time.perf_counter()
    if not (location / "CURRENT").exists():
        subprocess.run([exe, "load", "--location", str(location), "--file", str(nquads)],
                       check=True, capture_output=True)
    with oxigraph_process(location, exe, union_default_graph=False,
                          timeout_s=timeout_s) as (base, proc):
        yield Endpoint("oxigraph", f"{base}/query", proc, time.perf_counter() - started,
                       _version([exe, "--version"]))


@contextlib.contextmanager
def rdflib_endpoint(venv: Path, nquads: Path, logs: Path, memory_gb: float) -> Iterator[Endpoint]:
    """rdflib-endpoint over rdflib's memory store (bench/rdflib_endpoint_serve.py), its
    address space capped at `memory_gb`."""
    python = str(venv / "bin" / "python")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    script = str(Path(__file__).with_name("rdflib_endpoint_serve.py"))
    with server_process([python, script, str(nquads), "--port", str(port), "--memory-gb",
                         str(memory_gb)],
                        f"{base}/?query=ASK%7B%7D", logs / "rdflib-endpoint.log",
                        seconds=900) as proc:
        version = _version([python, "-c", "import importlib.metadata as m; print('rdflib-"
                            "endpoint', m.version('rdflib-endpoint'), 'rdflib', "
                            "m.version('rdflib'))"])
        yield Endpoint("rdflib_endpoint", f"{base}/", proc, time.perf_counter() - started,
                       version)


class Restartable:
    """A server that can be stopped and started again (a new process, a new port): rdflib-
    endpoint cannot stop a query, so after a client gives up on one the server stays busy with
    it, and every later request would wait behind it."""

    def __init__(self, factory: Callable[[], contextlib.AbstractContextManager[Endpoint]]) -> None:
        self._factory = factory
        self._stack: contextlib.ExitStack | None = None
        self.restarts = 0

    def start(self) -> Endpoint:
        self._stack = contextlib.ExitStack()
        return self._stack.enter_context(self._factory())

    def restart(self) -> Endpoint:
        self.stop()
        self.restarts += 1
        return self.start()

    def stop(self) -> None:
        if self._stack is not None:
            self._stack.close()
            self._stack = None
