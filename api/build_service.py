"""`lapekg add` through a running `lapekg serve`, whose models stay loaded between adds.

Most of a local `add` of one short document is fixed cost: importing, loading spaCy, two ONNX
sessions and a tokenizer (~6 of its ~8 CPU seconds at 100x). A server of the same data dir
listens on a Unix socket in it (`<data>/add.sock`, mode 0600: only the data dir's owner can
connect; no network, no token). `lapekg add` sends the absolute paths of its files and gets
the report back; the server's Builder adds them under the same writer lock as any add, and
its follower then serves the new generation. Without a listening server, with other settings
than the server's, or with LAPEKG_ADD_SERVICE=off, `add` runs in its own process as before.

The server loads the ingest models on the first add it receives and keeps them
(LAPEKG_ADD_SERVICE=warm loads them when it starts: ~1 GB more in the server's tree).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from api.settings import Settings
from ingest.errors import LapekgError
from ingest.pipeline import Failure, Notice

logger = logging.getLogger(__name__)

SOCKET = "add.sock"
MODES = ("off", "on", "warm")
# AF_UNIX paths are limited to 108 bytes on Linux; a longer data dir path has no service.
MAX_PATH = 100
MAX_MESSAGE = 10 * 1024 * 1024
# Settings that decide nothing about what an add writes (where the server listens, its limits).
SERVING_ONLY = frozenset({
    "host", "port", "public_url", "follow_interval_s", "keep_alive_s", "max_connections",
    "sparql_timeout_s", "sparql_max_rows", "sparql_max_concurrent", "sparql_worker_memory_mb",
    "sparql_worker_max_queries", "sparql_worker_recycle_rss_mb", "max_request_bytes",
    "update_token", "cors_origins", "query_threads", "n_process", "add_service",
    "ask_graph_in_memory", "sparql_password", "fault_at"})


class AddServiceError(LapekgError):
    """The server took the request but could not answer it."""

    prefix = "add through the server"


def socket_path(settings: Settings) -> Path | None:
    path = settings.data.resolve() / SOCKET
    return path if len(str(path).encode()) <= MAX_PATH else None


def build_settings(settings: Settings) -> dict[str, Any]:
    """The settings that shape what an add writes, comparable between two processes (paths
    made absolute: the server and the command may run in different folders)."""
    found = {k: v for k, v in settings.model_dump(mode="json").items() if k not in SERVING_ONLY}
    found["data"] = str(settings.data.resolve())
    if Path(settings.model).exists():
        found["model"] = str(Path(settings.model).resolve())
    return found


def report_dict(report: Any) -> dict[str, Any]:
    return {"generation": report.generation, "added": report.added,
            "replaced": report.replaced, "unchanged": report.unchanged,
            "passages": report.passages, "triples": report.triples,
            "warnings": [{"path": w.path, "message": w.message} for w in report.warnings],
            "failed": [{"path": f.path, "reason": f.reason} for f in report.failed]}


def report_from(data: dict[str, Any]) -> Any:
    from api.build import BuildReport

    return BuildReport(added=list(data["added"]), replaced=list(data["replaced"]),
                       unchanged=list(data["unchanged"]),
                       failed=[Failure(f["path"], f["reason"]) for f in data["failed"]],
                       warnings=[Notice(w["path"], w["message"]) for w in data["warnings"]],
                       passages=int(data["passages"]), triples=int(data["triples"]),
                       generation=str(data["generation"]))


def _send(conn: socket.socket, message: dict[str, Any]) -> None:
    conn.sendall(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")


def _receive(conn: socket.socket) -> dict[str, Any] | None:
    """One newline-terminated JSON message, or None when the peer closed first."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
        if size > MAX_MESSAGE:
            raise ValueError("message too long")
    data = json.loads(b"".join(chunks))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


class AddService:
    """The server's side: one thread accepting adds on the socket, one add at a time."""

    def __init__(self, settings: Settings,
                 make: Callable[[Settings], Any] | None = None) -> None:
        self.settings = settings
        # One process, no forked workers: a server runs threads (uvicorn, ONNX Runtime).
        self._build_settings = settings.model_copy(update={"n_process": 1, "fault_at": None})
        self._make = make
        self._builder: Any = None
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.path = socket_path(settings)

    def start(self) -> AddService:
        """Listen, unless another live server of this data dir already does."""
        if self.path is None:
            logger.warning("add service: the data dir path is too long for a Unix socket; "
                           "`lapekg add` runs in its own process")
            return self
        if _listening(self.path):
            logger.warning("add service: %s is taken by another server", self.path)
            self.path = None
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # left behind by a server that died
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            sock.bind(str(self.path))
        finally:
            os.umask(old)
        sock.listen(4)
        self._sock = sock
        self._thread = threading.Thread(target=self._loop, args=(sock,), name="add-service",
                                        daemon=True)
        self._thread.start()
        return self

    def warm(self) -> None:
        """Load the ingest models now, not in the first add."""
        builder = self.builder()
        builder.pipeline.prepare()
        builder.encoder.load()

    def builder(self) -> Any:
        with self._lock:  # the warm-up thread and the first add may ask at once
            if self._builder is None:
                if self._make is not None:
                    self._builder = self._make(self._build_settings)
                else:
                    from api.components import make_builder

                    self._builder = make_builder(self._build_settings, progress=False)
            return self._builder

    def _loop(self, sock: socket.socket) -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return  # closed
            with conn:
                try:
                    self._handle(conn)
                except Exception as exc:  # noqa: BLE001 - one bad request must not stop it
                    logger.warning("add service: %s", exc, exc_info=True)
                    with contextlib.suppress(OSError):
                        _send(conn, {"error": f"{type(exc).__name__}: {exc}"})

    def _handle(self, conn: socket.socket) -> None:
        request = _receive(conn)
        if request is None:
            return
        if request.get("settings") != build_settings(self.settings):
            _send(conn, {"refused": "the server runs with other settings"})
            return
        files = [Path(f) for f in request.get("files", [])]
        if not files or not all(f.is_absolute() for f in files):
            _send(conn, {"error": "give absolute paths"})
            return
        try:
            report = self.builder().add(files)
        except LapekgError as exc:
            _send(conn, {"error": str(exc)})
            return
        _send(conn, {"report": report_dict(report)})

    def close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_RDWR)  # wakes the thread in accept()
            self._sock.close()
            self._sock = None
            if self._thread is not None:
                self._thread.join(timeout=5)
            if self.path is not None:
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()


def _listening(path: Path) -> bool:
    if not path.exists():
        return False
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(str(path))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def add_through_service(settings: Settings, files: Sequence[Path]) -> Any:
    """The report of adding `files` through this data dir's server, or None when no server
    listens or it runs with other settings (then add in this process). A server that took the
    request and failed raises AddServiceError."""
    if settings.add_service == "off":
        return None
    path = socket_path(settings)
    if path is None or not path.exists():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            conn.connect(str(path))
        except OSError:
            return None  # a socket file left by a server that is gone
        _send(conn, {"settings": build_settings(settings),
                     "files": [str(f.resolve()) for f in files]})
        reply = _receive(conn)
    except (OSError, ValueError) as exc:
        raise AddServiceError(f"the server at {path} stopped answering ({exc}); see whether "
                              "the add went in (lapekg sparql or the pages), or run it again "
                              "with LAPEKG_ADD_SERVICE=off") from exc
    finally:
        conn.close()
    if reply is None:
        raise AddServiceError(f"the server at {path} closed the connection without an answer; "
                              "run the add again (with LAPEKG_ADD_SERVICE=off to add in this "
                              "process)")
    if "refused" in reply:
        logger.info("add service: %s; adding in this process", reply["refused"])
        return None
    if "error" in reply:
        raise AddServiceError(f"the server at {path}: {reply['error']}")
    return report_from(reply["report"])
