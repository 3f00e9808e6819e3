"""The ONNX export of the encoder's weights: one graph per variant in the model folder's `onnx/`,
made once and kept while the weights are unchanged (a marker beside each graph records the
weights' size, time and SHA-256), with the exports of older weights removed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)

ONNX_DIR = "onnx"


def _fingerprint(folder: Path, known: dict | None = None) -> dict[str, object]:
    """What the exported graphs were made from: the weights file's size, time and SHA-256.

    The hash is computed only when the time changed since `known` (e.g. setup copied the same
    weights again), so that an unchanged model is never exported twice."""
    weights = folder / "model.safetensors"
    stat = weights.stat()
    found: dict[str, object] = {"weights_bytes": stat.st_size,
                                "weights_mtime_ns": stat.st_mtime_ns, "version": 1}
    if known and all(known.get(k) == v for k, v in found.items()) and "sha256" in known:
        found["sha256"] = known["sha256"]
    else:
        digest = hashlib.sha256()
        with weights.open("rb") as handle:
            while chunk := handle.read(1 << 22):
                digest.update(chunk)
        found["sha256"] = digest.hexdigest()
    return found


def _current(path: Path, marker: Path, folder: Path) -> dict[str, object] | None:
    """The weights' fingerprint if `path` was exported from them (its marker is then brought up
    to date), else None."""
    known = None
    if path.exists() and marker.exists():
        try:
            known = json.loads(marker.read_text())
        except ValueError:
            known = None
    if not isinstance(known, dict):
        return None
    if all(known.get(k) == v for k, v in _fingerprint_cheap(folder).items()):
        return known
    fingerprint = _fingerprint(folder, known)
    if known.get("sha256") != fingerprint["sha256"]:
        return None
    _write_marker(marker, fingerprint)
    return fingerprint


def _fingerprint_cheap(folder: Path) -> dict[str, object]:
    stat = (folder / "model.safetensors").stat()
    return {"weights_bytes": stat.st_size, "weights_mtime_ns": stat.st_mtime_ns, "version": 1}


def _write_marker(marker: Path, fingerprint: dict[str, object]) -> None:
    tmp = marker.parent / f".{marker.name}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(fingerprint))
    os.replace(tmp, marker)


def onnx_ready(folder: Path, variant: str = "float32") -> bool:
    """Whether `variant`'s graph is in the folder, exported from its current weights."""
    from search.onnx_variants import variant as find_variant

    spec = find_variant(variant)
    target = folder / ONNX_DIR
    try:
        return _current(target / spec.file, target / (spec.file + ".json"), folder) is not None
    except OSError:
        return False


def export_onnx(folder: Path, variant: str = "float32") -> Path:
    """The folder's ONNX graph of `variant` (search/onnx_variants.py), made on first use and kept.

    Written to a temporary name and renamed, so concurrent builds never see half a file; a
    marker beside it holds the weights' fingerprint, and a changed model is exported again.
    Leftovers of interrupted exports, and intermediate graphs that only served to derive
    another, are removed, so that the folder does not grow from run to run."""
    from search.onnx_variants import EAGER
    from search.onnx_variants import variant as find_variant

    spec = find_variant(variant)
    target = folder / ONNX_DIR
    path, marker = target / spec.file, target / (spec.file + ".json")
    fingerprint = _current(path, marker, folder)
    if fingerprint is not None:
        return path
    target.mkdir(exist_ok=True)
    _remove_dead_exports(target)
    fingerprint = _fingerprint(folder)
    tmp = target / f".{spec.file}.{os.getpid()}.tmp"
    try:
        if spec.make is None:
            _export_float32(folder, tmp, eager=spec is EAGER)
        else:
            assert spec.source is not None
            source = export_onnx(folder, spec.source)
            logger.info("encoder: making the %s graph from %s (once)", spec.name, source.name)
            spec.make(source, tmp)
            if spec.source == EAGER.name:
                _remove_graph(source)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    _write_marker(marker, fingerprint)
    return path


def _remove_graph(path: Path) -> None:
    """An intermediate graph, no longer needed once its derivative is made."""
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".json").unlink(missing_ok=True)


def _remove_dead_exports(target: Path) -> None:
    """Delete half-written exports (``.NAME.PID.tmp``, ~470 MB each) of processes that died
    mid-export (killed, or out of memory): left alone, they pile up in models/ run after run."""
    for path in target.glob(".*.*.tmp"):
        pid = path.name.rsplit(".", 2)[-2]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)  # signal 0 only asks whether the process still exists
        except ProcessLookupError:
            logger.info("encoder: removing a dead export's leftover %s", path)
            path.unlink(missing_ok=True)
        except PermissionError:
            pass  # alive, someone else's


def _export_float32(folder: Path, out: Path, eager: bool = False) -> None:
    """The transformer with mean pooling, traced to ONNX. `eager` exports the attention as
    explicit MatMul/Softmax (the pattern ORT's fusion recognises) instead of SDPA's."""
    import warnings

    import torch
    from transformers import AutoModel

    logger.info("encoder: exporting %s to ONNX (once)", folder)
    options = {"attn_implementation": "eager"} if eager else {}
    model = AutoModel.from_pretrained(str(folder), **options).eval()

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask
                                ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)

    ids = torch.ones(2, 16, dtype=torch.long)
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer warnings about shape checks that are constant
        torch.onnx.export(
            MeanPooled(), (ids, torch.ones_like(ids)), str(out),
            input_names=["input_ids", "attention_mask"], output_names=["embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                          "attention_mask": {0: "batch", 1: "tokens"},
                          "embedding": {0: "batch"}},
            opset_version=17, dynamo=False)
