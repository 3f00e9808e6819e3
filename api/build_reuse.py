"""When a rebuild can keep the live generation: a digest of everything a generation is made of.

A build records the digest of its inputs in the generation's build.json. A later build whose
inputs give the same digest, and whose generation had nothing fail, would write the same
generation again, so it keeps the live one instead: an unchanged rebuild reads and hashes the
documents and writes nothing. Any change to a document, its manifest entry, the ingest code
and data (the analysis cache's fingerprint), the code that writes the graph and indexes, the
encoder or the settings that shape the indexes makes a new generation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from api.settings import Settings
from ingest.records import Document

# Code that shapes a generation besides the ingest code of the analysis cache's fingerprint.
BUILD_CODE = ("api", "graph", "search")
RECORD = "build.json"


def inputs_digest(pipeline_fingerprint: str, encoder: dict[str, object], settings: Settings,
                  documents: Sequence[Document]) -> str:
    """The documents (key, path, text hash, title, format, language, manifest entry), the
    ingest pipeline's fingerprint, the build code, the encoder's identity and the settings that
    shape the graph and indexes, as one hash."""
    from ingest.analysis_cache import source_fingerprint

    digest = hashlib.sha1()
    for part in (pipeline_fingerprint, source_fingerprint(BUILD_CODE, {".py"}),
                 json.dumps(encoder, sort_keys=True), settings.base_iri, settings.vector_backend,
                 settings.faiss_spec, settings.graph_backend):
        digest.update(part.encode("utf-8") + b"\x1e")
    for d in sorted(documents, key=lambda d: d.key):
        digest.update("\x1f".join((d.key, d.path, d.sha1, d.title, d.fmt, d.language,
                                   repr(d.meta))).encode("utf-8") + b"\x1e")
    return digest.hexdigest()


def reusable(generation: Path | None, digest: str) -> dict | None:
    """The record of `generation` when it was built from inputs with this digest and nothing
    failed in it; else None."""
    if generation is None:
        return None
    try:
        info = json.loads((generation / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or info.get("inputs") != digest or info.get("failed"):
        return None
    return info
