"""Analysed documents kept across builds, keyed by the document and by the code that read it.

A rebuild of an unchanged corpus should not run spaCy, Voikko, linking and extraction again.
An entry is keyed by the document (its key, manifest entry and the SHA-1 of its cleaned text;
not its path, which the analysis never reads) and by the pipeline's fingerprint: a hash of
every ingest source and data file, the ontology and reference data, and the spaCy model's name
and version. Changing any of them (a new pattern, a fixed rule, another model) misses the cache,
so a cached analysis is always the one the current code would make. Entries are pickles of our
own frozen records, written and read by lapekg only (the data dir is as trusted as the code).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ingest.records import AnalysedDocument, Document
from ingest.sqlite_file import ProcessLocalSqlite

logger = logging.getLogger(__name__)

_SCHEMA = ("CREATE TABLE IF NOT EXISTS analyses (key BLOB PRIMARY KEY, fingerprint TEXT NOT NULL, "
           "value BLOB NOT NULL)")
_ROOT = Path(__file__).resolve().parent.parent
# What decides an analysis besides the document: the code and data under these folders.
_SOURCES = ("ingest", "ontology")
_SUFFIXES = {".py", ".json", ".toml", ".ttl", ".csv", ".jsonl", ".txt", ".npz", ".rq"}


def source_fingerprint(folders: Iterable[str], suffixes: Iterable[str] = _SUFFIXES) -> str:
    """A hash of the files with these suffixes under these folders of the repository (their
    paths and contents)."""
    digest = hashlib.sha1()
    wanted = set(suffixes)
    for folder in folders:
        for path in sorted((_ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in wanted and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(_ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def pipeline_fingerprint(spacy_model: str, extra: Iterable[str] = ()) -> str:
    """A hash of the ingest code and data, the ontology, and the spaCy model's version."""
    from importlib import metadata

    digest = hashlib.sha1(source_fingerprint(_SOURCES).encode())
    dist = spacy_model.replace("_", "-")
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest.update(f"{spacy_model}={version}".encode())
    for item in extra:
        digest.update(item.encode())
    return digest.hexdigest()[:16]


class AnalysisCache:
    """AnalysedDocument by document and pipeline fingerprint, in one SQLite file."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.path = folder / "analyses.sqlite"
        self.fingerprint = fingerprint
        self._file = ProcessLocalSqlite(self.path, [_SCHEMA])

    def _db(self) -> sqlite3.Connection:
        return self._file.connection()

    def key(self, document: Document) -> bytes:
        """The document's content and identity, not where its file lies: the analysis reads no
        path, so a corpus copied or moved to another folder is not analysed again."""
        parts = (self.fingerprint, document.key, document.sha1, document.title,
                 document.fmt, document.language, repr(document.meta))
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).digest()

    def get(self, document: Document) -> AnalysedDocument | None:
        try:
            row = self._db().execute("SELECT value FROM analyses WHERE key = ?",
                                     (self.key(document),)).fetchone()
            if row is None:
                return None
            ad = pickle.loads(row[0])  # noqa: S301 - our own records in our own data dir
        except (sqlite3.Error, pickle.UnpicklingError, AttributeError, EOFError,
                ImportError, TypeError) as exc:
            logger.warning("analysis cache %s unreadable for %s (%s); analysing it again",
                           self.path, document.path, exc)
            return None
        if not isinstance(ad, AnalysedDocument) or \
                replace(ad.document, path=document.path) != document:
            return None
        return ad if ad.document == document else replace(ad, document=document)

    def missing(self, documents: Sequence[Document]) -> int:
        """How many of `documents` have no analysis here (by key alone: `get` may still refuse
        one it finds); an unreadable cache has none."""
        try:
            db = self._db()
            return sum(db.execute("SELECT 1 FROM analyses WHERE key = ?",
                                  (self.key(d),)).fetchone() is None for d in documents)
        except sqlite3.Error:
            return len(documents)

    def put(self, ad: AnalysedDocument) -> None:
        try:
            self._db().execute(
                "INSERT OR REPLACE INTO analyses (key, fingerprint, value) VALUES (?, ?, ?)",
                (self.key(ad.document), self.fingerprint, pickle.dumps(ad, protocol=5)))
        except sqlite3.Error as exc:
            logger.warning("analysis cache %s not written (%s)", self.path, exc)

    def prune(self) -> int:
        """Drop the analyses of other pipeline versions (no build can use them again)."""
        try:
            cur = self._db().execute("DELETE FROM analyses WHERE fingerprint != ?",
                                     (self.fingerprint,))
        except sqlite3.Error as exc:
            logger.warning("analysis cache %s not pruned (%s)", self.path, exc)
            return 0
        return cur.rowcount

    def close(self) -> None:
        self._file.close()
