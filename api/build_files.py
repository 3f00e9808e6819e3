"""The files a build or add reads: documents found in folders, with their manifest entries."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from ingest.manifest import MANIFEST_NAME, read_manifest
from ingest.pipeline import Failure, Notice
from ingest.readers import SUPPORTED
from ingest.records import DocumentMeta

logger = logging.getLogger(__name__)


def _manifest(directory: Path, failures: list[Failure]) -> dict[str, DocumentMeta]:
    try:
        return read_manifest(directory)
    except (OSError, UnicodeDecodeError, ValueError, TypeError) as exc:
        # csv.Error is a ValueError; the documents still go in, with titles from their text.
        path = directory / MANIFEST_NAME
        failures.append(Failure(str(path), f"cannot read: {path}: {type(exc).__name__}: {exc} "
                                "(the files beside it were read without their manifest entries)"))
        return {}


def _outside(path: Path, root: Path) -> Path | None:
    """Where a file found under `root` really is, when a symlink (of it or of a folder on the
    way) takes it out of `root`'s tree; None when it stays inside."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path
    return None if target.is_relative_to(root.resolve()) else target


def collect_files(inputs: Iterable[Path], notices: list[Notice] | None = None
                  ) -> tuple[list[tuple[Path, DocumentMeta | None]], list[Failure]]:
    """Files to ingest from files and directories, with their manifest entries.

    A file found in a directory through a symlink that leads out of that directory is left
    out (with a Notice in `notices` naming the link and its target): a batch folder must not
    read files elsewhere on the machine. Files named directly are read as given."""
    items: list[tuple[Path, DocumentMeta | None]] = []
    failures: list[Failure] = []
    for root in inputs:
        if root.is_dir():
            found = []
            for path in sorted(root.rglob("*")):
                # rglob does not descend into linked folders; a link to one outside is said.
                wanted = path.is_file() and path.suffix.lower() in SUPPORTED \
                    and path.name != "README.md"
                if not wanted and not (path.is_symlink() and path.is_dir()):
                    continue
                target = _outside(path, root)
                if target is not None:
                    what = "the file" if wanted else "its files"
                    logger.warning("%s: a symlink to %s, outside %s; skipped", path, target, root)
                    if notices is not None:
                        notices.append(Notice(str(path), (
                            f"a symlink to {target}, outside the folder {root}; skipped (copy "
                            f"{what} into the folder to build {'it' if wanted else 'them'})")))
                    continue
                if wanted:
                    found.append(path)
            if not found:
                failures.append(Failure(str(root), f"{root}: no files to build in it "
                                        f"(supported: {', '.join(SUPPORTED)})"))
                continue
            manifest = _manifest(root, failures)
            items.extend((path, manifest.get(path.name)) for path in found)
        elif root.is_file():
            items.append((root, _manifest(root.parent, failures).get(root.name)))
        else:
            failures.append(Failure(str(root), f"{root}: no such file or directory"))
    return items, failures
