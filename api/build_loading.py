"""Reading a build's files into documents: archives refused by their declared size before any
parsing, read failures and notices into the report, and document keys kept unique (two names,
one key, are refused; the same name as a live document replaces it)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import ReadError
from ingest.pipeline import Failure, IngestPipeline, Notice
from ingest.readers import ZIP_FORMATS, ZipLimits, check_archive
from ingest.records import Document, DocumentMeta

if TYPE_CHECKING:
    from api.build import BuildReport


def guarded(items: Sequence[tuple[Path, DocumentMeta | None]], limits: ZipLimits,
            report: BuildReport) -> list[tuple[Path, DocumentMeta | None]]:
    """Items without the archives whose declared size refuses them (before any parsing)."""
    kept = []
    for path, meta in items:
        if path.suffix.lower() in ZIP_FORMATS:
            try:
                check_archive(path, limits)
            except ReadError as exc:
                report.failed.append(Failure(str(path), str(exc)))
                continue
        kept.append((path, meta))
    return kept


def load_documents(pipeline: IngestPipeline, items: Sequence[tuple[Path, DocumentMeta | None]],
                   limits: ZipLimits, report: BuildReport, known: dict[str, dict] | None = None
                   ) -> list[Document]:
    """Read and clean the files; `known` are the live build's documents (for add).

    A document's key (and so its IRIs) comes from its file name. Two files whose different
    names give one key (REPORT-A.txt and report_a.txt) are refused, naming both: in one
    batch the later one, in an add the new one. A file with the same name as a live
    document replaces it, wherever it lies."""
    documents: list[Document] = []
    keys: dict[str, str] = {}
    texts = {entry["sha1"]: entry["path"] for entry in (known or {}).values()}
    known_keys = {key: entry["sha1"] for key, entry in (known or {}).items()}
    known_paths = {key: entry["path"] for key, entry in (known or {}).items()}
    for result in pipeline.load(guarded(items, limits, report)):
        if isinstance(result, Failure):
            report.failed.append(result)
        elif isinstance(result, Notice):
            report.warnings.append(result)
        elif result.key in keys:
            report.failed.append(Failure(result.path, f"{result.path}: same document key "
                                         f"{result.key!r} as {keys[result.key]}; rename "
                                         "one of them"))
        elif result.key in known_paths and \
                Path(known_paths[result.key]).name != Path(result.path).name:
            report.failed.append(Failure(result.path, (
                f"{result.path}: its document key {result.key!r} is already the key of "
                f"{known_paths[result.key]}, a file of another name; rename the new file, "
                f"or name it {Path(known_paths[result.key]).name} to replace that "
                "document")))
        elif known_keys.get(result.key) == result.sha1:
            keys[result.key] = result.path
            report.unchanged.append(result.path)
        elif result.sha1 in texts:
            report.warnings.append(Notice(result.path, f"same text as {texts[result.sha1]}; "
                                          "skipped"))
        else:
            keys[result.key] = result.path
            texts[result.sha1] = result.path
            if result.language != "fi":
                report.warnings.append(Notice(result.path, (
                    f"detected language '{result.language}', not Finnish: ingested, but "
                    "Voikko and the Finnish spaCy model will find few entities and facts")))
            documents.append(result)
    return documents
