"""The describer's bank vectors kept beside the model, so that a build into a new data dir does
not encode them again (issue 15).

`build_bank` (ingest/concept_model.py) encodes every method description, labelled training
sentence and background sentence in one call at the start of each build or add: 729 texts,
~6 CPU s and as many seconds of wall time before any worker starts. The data dir's vector cache
keeps them from then on, but a build into an empty data dir (every benchmark, every fresh
setup) paid them again. The vectors of that one call are kept in the model folder
(`<model>/bank-vectors/<key>.npy`), the key being a digest of the encoder's identity, its
runtime's version, the machine and the exact list of texts, so a changed description, another
variant or another runtime make a new file. They are used only where the old path would have
encoded the whole list in one call (a data dir whose cache holds none of the texts), so the
vectors, and the build, are the same as before: the same texts in the same call give the same
vectors. Where the folder cannot be written the bank is encoded as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

FOLDER = "bank-vectors"


def _runtime_version(variant: str) -> str:
    """The version of the library that computes the vectors (they may change with it)."""
    from importlib.metadata import PackageNotFoundError, version

    from search.onnx_variants import variant as find_variant

    package = "openvino" if find_variant(variant).runtime == "openvino" else "onnxruntime"
    try:
        return f"{package}=={version(package)}"
    except PackageNotFoundError:
        return package


def bank_path(encoder: Any, texts: Sequence[str]) -> Path | None:
    """Where the vectors of `texts` encoded in one call by `encoder` (a plain Encoder over a
    local model folder) are kept; None for any other encoder."""
    name = getattr(encoder, "model_name", None)
    if not name or not Path(name).is_dir() or getattr(encoder, "runtime", "auto") == "torch":
        return None
    folder = Path(name)
    key = json.dumps({"identity": encoder.identity(), "dim": encoder.dim,
                      "runtime": _runtime_version(encoder.variant),
                      "machine": [platform.machine(), platform.processor()],
                      "prefix": encoder.query_prefix, "texts": list(texts)},
                     sort_keys=True, ensure_ascii=False)
    return folder / FOLDER / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.npy"


def _read(path: Path, rows: int, dim: int) -> np.ndarray | None:
    try:
        vectors = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if vectors.shape != (rows, dim) or vectors.dtype != np.float32:
        logger.info("bank vectors %s do not fit; encoding again", path)
        return None
    return vectors


def _write(path: Path, vectors: np.ndarray) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            np.save(out, np.asarray(vectors, dtype=np.float32), allow_pickle=False)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would keep the file from the folder's other users
        os.replace(tmp, path)
    except OSError as exc:
        logger.info("bank vectors not kept in %s (%s)", path.parent, exc)


def encode_bank(encoder: Any, texts: Sequence[str]) -> np.ndarray:
    """`encoder.encode_labels(texts)`, taken from the model folder when the same call was made
    before on this machine and the data dir's vector cache (a CachingEncoder's) holds none of
    `texts`; otherwise encoded (and then kept)."""
    inner = getattr(encoder, "encoder", encoder)  # past a CachingEncoder
    cache = getattr(encoder, "cache", None) if inner is not encoder else None
    path = bank_path(inner, texts)
    full = [inner.query_prefix + t for t in texts] if path is not None else []
    whole_call = path is not None and (cache is None or not _any_cached(cache, full))
    if whole_call and path is not None and path.exists():
        vectors = _read(path, len(texts), inner.dim)
        if vectors is not None:
            if cache is not None:  # as the encoding would have left the data dir's cache
                _put(cache, full, vectors)
            return vectors
    vectors = encoder.encode_labels(texts)
    if whole_call and path is not None:
        _write(path, vectors)
    return vectors


def _any_cached(cache: Any, full: Sequence[str]) -> bool:
    import sqlite3

    try:
        return bool(cache.get_many(full))
    except sqlite3.Error:
        return False  # the caching encoder will encode everything too


def _put(cache: Any, full: Sequence[str], vectors: np.ndarray) -> None:
    import sqlite3

    try:
        cache.put_many(full, vectors)
    except sqlite3.Error as exc:
        logger.warning("vector cache %s not written (%s)", cache.path, exc)
