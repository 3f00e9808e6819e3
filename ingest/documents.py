"""Load one corpus file into a cleaned Document."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ingest.cleaning import clean_with_related
from ingest.errors import DocumentTooLargeError, EmptyDocumentError
from ingest.language import detect_language
from ingest.readers import read_file
from ingest.records import Document, DocumentMeta
from ontology.iris import slug

MIN_TEXT_CHARS = 20
# Analysis runs at a few thousand characters a second per core, so 2 M characters (a report of
# about 700 pages) take ten minutes or more; bigger files are refused before cleaning.
MAX_TEXT_CHARS = 2_000_000


def document_key(path: Path) -> str:
    """A stable key from the file name: the same file gives the same IRIs on every build."""
    return slug(path.stem) or hashlib.sha1(path.name.encode()).hexdigest()[:12]


def _title(text: str, meta: DocumentMeta, path: Path) -> str:
    if meta.title:
        return meta.title
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if len(line) >= 8:
            return line[:200]
    return path.stem


def load_document(path: Path, meta: DocumentMeta | None = None,
                  is_word: Callable[[str], bool] | None = None) -> Document:
    """Read, clean and describe a file; raise ReadError (naming the file) when it yields no text."""
    meta = meta or DocumentMeta()
    raw, fmt = read_file(path)
    if len(raw) > MAX_TEXT_CHARS:
        raise DocumentTooLargeError(
            str(path), f"{len(raw):,} characters of text, over the limit of {MAX_TEXT_CHARS:,} "
            "for one document", "split it into smaller documents")
    text, related = clean_with_related(raw, is_word)
    if len(text) < MIN_TEXT_CHARS:
        raise EmptyDocumentError(str(path), f"only {len(text)} characters of text after cleaning",
                                 "is it a scanned PDF without a text layer?")
    related_start = len(text) + 2 if related else None
    if related:
        text = f"{text}\n\n{related}"
    return Document(
        key=document_key(path),
        path=str(path),
        text=text,
        title=_title(text, meta, path),
        fmt=fmt,
        sha1=hashlib.sha1(text.encode("utf-8")).hexdigest(),
        meta=meta,
        language=detect_language(text[:20000]),
        related_start=related_start,
    )
