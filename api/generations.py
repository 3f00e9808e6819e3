"""Build generations: each build writes a new directory; a pointer file switches atomically."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import LapekgError

if TYPE_CHECKING:
    from search.encoder import Encoder

logger = logging.getLogger(__name__)

POINTER = "CURRENT"
COMPLETE = "COMPLETE"
# Every process that serves or reads a generation holds a shared lock on this file inside it;
# pruning takes it exclusively (without waiting) and leaves a generation alone when it cannot.
LEASE = "LEASE"
LOCK = ".lock"
# After the owner of the writer lock died, its forked workers die too (a parent-death signal)
# and release the lock they inherited; wait this long for them before calling the lock held.
STALE_WAIT_S = 5.0


class NoBuildError(LapekgError):
    prefix = "no build found"
    hint = "run `lapekg build corpus/` first (or point LAPEKG_DATA at a data dir that has one)"


class BusyError(LapekgError):
    prefix = "another build is running"
    hint = "wait for it to finish and run the command again"


class StaleLockError(BusyError):
    prefix = "the writer lock is held by processes a dead build left behind"
    hint = ""


class GenerationGoneError(LapekgError):
    prefix = "the generation is gone"
    hint = "it was replaced and pruned while being opened; run the command again"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    """Every file and directory of a generation on disk before COMPLETE says it is whole.

    A file with more than one link is a hard link an `add`'s store copy made to a file of a
    committed generation (Oxigraph's backup links its immutable table files), already on disk:
    at 100x, 2,000 of them took 2.4 s to sync again."""
    for root, _dirs, files in os.walk(path):
        for name in files:
            file = os.path.join(root, name)
            if os.stat(file).st_nlink > 1:
                continue
            fd = os.open(file, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(root))


def _no_fault(stage: str) -> None:
    """The default stage hook: nothing happens."""


class Lease:
    """A shared lock on a generation's LEASE file: while held, prune() leaves the generation.

    Take it before opening anything of the generation and release it after closing all of it.
    """

    def __init__(self, generation: Path) -> None:
        self.generation = generation
        self._fd: int | None = None
        path = generation / LEASE
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except FileNotFoundError as exc:
            raise GenerationGoneError(str(generation)) from exc
        except OSError:
            # A read-only data dir: the file exists in every generation committed since leases
            # came in; an older one cannot be leased (nor pruned by this user, either).
            try:
                fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            except FileNotFoundError:
                logger.warning("%s has no %s file and cannot be given one; it is read without "
                               "a lease", generation, LEASE)
                return
        try:
            # Not blocking: a pruner holds it exclusively only while it deletes.
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise GenerationGoneError(str(generation)) from exc
        if not (generation / COMPLETE).exists():
            # Pruned between our open and our lock.
            os.close(fd)
            raise GenerationGoneError(str(generation))
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _take_for_removal(path: Path) -> int | None:
    """An exclusive lock on a generation's lease file, or None while a reader holds it."""
    try:
        fd = os.open(path / LEASE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def lock_holders(lock: Path) -> list[int]:
    """Processes with the file open (Linux /proc): after its owner died, its orphans."""
    target = str(lock.resolve())
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if any(os.readlink(fd) == target for fd in (proc / "fd").iterdir()):
                pids.append(int(proc.name))
        except OSError:
            continue
    return sorted(pids)


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
        (path / LEASE).touch()
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

    def current_name(self) -> str | None:
        """The name CURRENT holds (without checking the generation), or None."""
        try:
            return (self.data / POINTER).read_text().strip() or None
        except FileNotFoundError:
            return None

    def lease_current(self) -> Lease:
        """A lease on the live generation (CURRENT read again if it moved under us)."""
        for _ in range(5):
            path = self.require_current()
            try:
                return Lease(path)
            except GenerationGoneError:
                continue
        raise GenerationGoneError(str(self.data))

    def prune(self, keep: int) -> list[str]:
        """Remove abandoned (incomplete) and old generations, never the live one and never one
        that a process holds a lease on (a server still answering from it, a CLI reading it).
        Returns the names of the generations kept because they were held.

        Call it only under the writer lock: an incomplete generation may be one being written.
        """
        live = self.current()
        if not self.root.exists():
            return []
        complete = sorted((p for p in self.root.iterdir() if (p / COMPLETE).exists()),
                          key=lambda p: p.name)
        keep_set = set(complete[-max(keep, 1):]) | ({live} if live else set())
        held = []
        for path in sorted(self.root.iterdir()):
            if path in keep_set:
                continue
            fd = _take_for_removal(path)
            if fd is None:
                held.append(path.name)
                logger.info("prune: %s is in use; it goes at a later build", path.name)
                continue
            try:
                # COMPLETE first: a reader that opened LEASE but has not locked it yet finds the
                # generation incomplete once it gets the lock.
                (path / COMPLETE).unlink(missing_ok=True)
                shutil.rmtree(path, ignore_errors=True)
            finally:
                os.close(fd)
        (self.data / (POINTER + ".tmp")).unlink(missing_ok=True)
        return held

    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[None]:
        """One build or add at a time. The lock file holds its owner's pid, so that a refusal
        can say whether the owner still runs or only processes it left behind hold the lock."""
        self.data.mkdir(parents=True, exist_ok=True)
        path = self.data / LOCK
        with path.open("a+") as handle:
            self._lock(handle, path)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            try:
                yield
            finally:
                handle.seek(0)
                handle.truncate()

    def _lock(self, handle, path: Path) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + STALE_WAIT_S
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError as exc:
                handle.seek(0)
                text = handle.read().strip()
                owner = int(text) if text.isdigit() else None
                if owner is not None and _alive(owner):
                    raise BusyError(f"{self.data}: process {owner} holds {path}") from exc
                if time.monotonic() < deadline:
                    time.sleep(0.2)  # the dead owner's workers are on their way out
                    continue
                holders = [pid for pid in lock_holders(path) if pid != os.getpid()]
                raise StaleLockError(
                    f"{self.data}: the process that took {path} "
                    f"({'pid ' + str(owner) if owner else 'unknown pid'}) is gone, but "
                    + (f"processes it started still hold the lock: {holders}; stop them "
                       f"(kill {' '.join(map(str, holders))}) and run the command again"
                       if holders else "the lock is still held by a process that could not "
                       "be identified")) from exc


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
