"""A throwaway Virtuoso open source server (Debian's virtuoso-opensource, 7.2) on free loopback
ports in a temporary directory, with its own virtuoso.ini, for the opt-in tests and the latency
measurement. `make optin-deps` installs the package."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.servers import ServerUnavailableError, free_port

EXE = "virtuoso-t"
ISQL = "isql-vt"
# The package's own files that a server in another directory still needs: the HTTP server's
# document root and the VAD packages (the Conductor, installed at first start).
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")
VAD = Path("/usr/share/virtuoso-opensource-7/vad")

INI = """\
[Database]
DatabaseFile       = {root}/virtuoso.db
ErrorLogFile       = {root}/virtuoso.log
LockFile           = {root}/virtuoso.lck
TransactionFile    = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx

[Parameters]
ServerPort           = {sql_port}
DisableUnixSocket    = 1
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., {vad}
VADInstallDir        = {vad}/
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000

[HTTPServer]
ServerPort           = {http_port}
ServerRoot           = {vsp}
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows      = {max_rows}
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True)
class Virtuoso:
    """Where a running server answers. Reads are anonymous at /sparql; updates need the dba
    account (digest auth) at /sparql-auth and /sparql-graph-crud-auth."""

    base: str
    sql_port: int
    user: str = "dba"
    password: str = "dba"  # a fresh database's; the server listens on loopback only

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def update_url(self) -> str:
        return f"{self.base}/sparql-auth"

    @property
    def store_url(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    def isql(self, statement: str) -> str:
        """Run one SQL statement through isql (e.g. a GRANT); returns its output."""
        done = subprocess.run([ISQL, str(self.sql_port), self.user, self.password,
                               f"exec={statement}"], capture_output=True, text=True,
                              timeout=60, check=True)
        return done.stdout


def _ready(base: str) -> bool:
    with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2) as response:
        return response.status == 200


@contextlib.contextmanager
def virtuoso_server(max_rows: int = 1_000_000) -> Iterator[Virtuoso]:
    """Start `virtuoso-t` in the foreground on free ports; stop it and remove its files after.
    `max_rows` is its ResultSetMaxRows (Debian's default ini has 10,000)."""
    exe = shutil.which(EXE)
    if exe is None or shutil.which(ISQL) is None:
        raise ServerUnavailableError("Virtuoso is not installed: `make optin-deps` (or "
                                     "apt-get install virtuoso-opensource)")
    root = Path(tempfile.mkdtemp(prefix="lapekg-virtuoso-"))
    sql_port, http_port = free_port(), free_port()
    (root / "virtuoso.ini").write_text(INI.format(root=root, sql_port=sql_port,
                                                  http_port=http_port, vsp=VSP, vad=VAD,
                                                  max_rows=max_rows))
    base = f"http://127.0.0.1:{http_port}"
    with (root / "server.out").open("wb") as log:
        proc = subprocess.Popen([exe, "-f", "-c", str(root / "virtuoso.ini")],
                                cwd=root, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120  # the first start installs the Conductor VAD
            while True:
                if proc.poll() is not None:
                    raise RuntimeError("virtuoso-t exited at start: "
                                       + (root / "server.out").read_text(errors="replace")[-2000:])
                with contextlib.suppress(OSError):
                    if _ready(base):
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError("virtuoso-t did not answer within 120 s")
                time.sleep(0.3)
            yield Virtuoso(base, sql_port)
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            shutil.rmtree(root, ignore_errors=True)
