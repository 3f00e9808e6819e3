"""The corpus manifest (manifest.csv beside the documents): title, region, kind, date, source."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from ingest.records import DocumentMeta

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.csv"


def read_manifest(directory: Path) -> dict[str, DocumentMeta]:
    """Entries by file name; a missing manifest is an empty one."""
    path = directory / MANIFEST_NAME
    if not path.exists():
        return {}
    entries: dict[str, DocumentMeta] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("file") or "").strip()
            if not name:
                continue
            entries[name] = DocumentMeta(
                **{k: (row.get(k) or "").strip() or None
                   for k in ("title", "region", "kind", "date", "source")}
            )
    return entries
