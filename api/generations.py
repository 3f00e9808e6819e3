"""Build generations: each build writes a new directory; a pointer file switches atomically."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import LapekgError

if TYPE_CHECKING:
    from search.encoder import Encoder

POINTER = "CURRENT"
COMPLETE = "COMPLETE"


class NoBuildError(LapekgError):
    prefix = "no build found"
    hint = "run `lapekg build corpus/` first (or point LAPEKG_DATA at a data dir that has one)"


class BusyError(LapekgError):
    prefix = "another build is running"
    hint = "wait for it to finish, or remove a stale data/.lock only if no lapekg process runs"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    """Every file and directory of a generation on disk before COMPLETE says it is whole."""
    for root, _dirs, files in os.walk(path):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(root))


def _no_fault(stage: str) -> None:
    """The default stage hook: nothing happens."""


class Generations:
    """The data dir: generations/<name>/ plus CURRENT naming the live one."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.root = data / "generations"

    def current(self) -> Path | None:
        pointer = self.data / POINTER
        if not pointer.exists():
            return None
        path = self.root / pointer.read_text().strip()
        return path if (path / COMPLETE).exists() else None

    def require_current(self) -> Path:
        path = self.current()
        if path is None:
            raise NoBuildError(str(self.data))
        return path

    def new(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        name = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        path = self.root / name
        path.mkdir()
        return path

    def commit(self, path: Path, info: dict,
               stage: Callable[[str], None] = _no_fault) -> None:
        """Mark a generation complete and make it live, atomically (write, fsync, rename).

        A crash before the rename leaves CURRENT naming the previous generation; after it, the
        new one, which is whole on disk. `stage` is called at "complete" and "pointer" (crash
        tests kill the process there).
        """
        (path / "build.json").write_text(json.dumps(info, ensure_ascii=False, indent=1))
        _fsync_tree(path)
        complete = path / COMPLETE
        with complete.open("w") as handle:
            handle.write("ok\n")
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_dir(path)
        stage("complete")
        tmp = self.data / (POINTER + ".tmp")
        with tmp.open("w") as handle:
            handle.write(path.name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        stage("pointer")
        os.replace(tmp, self.data / POINTER)
        _fsync_dir(self.data)

    def prune(self, keep: int) -> None:
        """Remove abandoned (incomplete) and old generations, never the live one.

        Call it only under the writer lock: an incomplete generation may be one being written.
        """
        live = self.current()
        if not self.root.exists():
            return
        complete = sorted((p for p in self.root.iterdir() if (p / COMPLETE).exists()),
                          key=lambda p: p.name)
        keep_set = set(complete[-max(keep, 1):]) | ({live} if live else set())
        for path in self.root.iterdir():
            if path not in keep_set:
                shutil.rmtree(path, ignore_errors=True)
        (self.data / (POINTER + ".tmp")).unlink(missing_ok=True)

    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[None]:
        self.data.mkdir(parents=True, exist_ok=True)
        with (self.data / ".lock").open("w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise BusyError(str(self.data)) from exc
            yield


class EncoderMismatchError(LapekgError):
    """The live build's vectors came from another encoder than the one configured now."""

    prefix = "encoder mismatch"


def built_encoder(generation: Path) -> dict | None:
    """The encoder a generation's vectors came from (None for builds that did not record it)."""
    try:
        info = json.loads((generation / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info.get("encoder")


def check_encoder(generation: Path, encoder: Encoder) -> None:
    """Vectors of one index must come from one encoder: int8 and float32 vectors of the same
    model differ enough to reorder results (hit@5 .925 -> .875 on the eval questions)."""
    built = built_encoder(generation)
    if built is not None and built != encoder.identity():
        raise EncoderMismatchError(
            f"{generation.name} was built with {built}, but the encoder configured now is "
            f"{encoder.identity()}; set LAPEKG_MODEL / LAPEKG_ENCODER_QUANTIZE as they were "
            "for that build, or run `lapekg build` to rebuild with the new encoder")
